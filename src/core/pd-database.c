/* pd-database.c: the connection object, errors, column helpers, the statement cache,
 * transactions and meta. Opening and checking a diary file is in pd-database-open.c and
 * pd-database-files.c, its schema and migrations in pd-database-schema.c, backups in
 * pd-database-backup.c; the records are stored by pd-database-records.c,
 * pd-database-pain.c and pd-database-treatment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-error.h"

static const char begin_sql[] = "BEGIN IMMEDIATE";
static const char commit_sql[] = "COMMIT";
static const char rollback_sql[] = "ROLLBACK";
static const char savepoint_sql[] = "SAVEPOINT pd_nested";
static const char release_sql[] = "RELEASE pd_nested";
static const char rollback_to_sql[] = "ROLLBACK TO pd_nested";
static const char get_meta_sql[] = "SELECT value FROM meta WHERE key = ?1";
static const char set_meta_sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)";
static const char delete_meta_sql[] = "DELETE FROM meta WHERE key = ?1";

G_DEFINE_FINAL_TYPE (PdDatabase, pd_database, G_TYPE_OBJECT)

/* The SQLite VFS that diary files are written through; NULL for the default. */
const char *_pd_write_vfs;

void
_pd_database_set_vfs (const char *vfs_name)
{
  _pd_write_vfs = vfs_name;
}

void
_pd_cached_stmt_release (PdCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Errors */

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
      return PD_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
      return PD_ERROR_DAMAGED;
    case SQLITE_NOTADB:
      return PD_ERROR_NOT_A_DIARY;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return PD_ERROR_INVALID;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return PD_ERROR_IO;
    default:
      return PD_ERROR_FAILED;
    }
}

/* The system's error behind SQLite's I/O error rc. SQLite keeps it for the connection only
 * where some calls fail (opening, a statement's own writes), not where a commit fails (a
 * sync of the journal or the WAL, the checkpoint); the unix VFS's files keep their last one
 * (SQLITE_FCNTL_LAST_ERRNO), so ask the journal or WAL, then the diary file. */
static int
system_errno (sqlite3 *db,
              int      rc)
{
  sqlite3_file *journal = NULL;
  int saved_errno;

  if (db == NULL || (rc & 0xff) != SQLITE_IOERR)
    return 0;
  if ((saved_errno = sqlite3_system_errno (db)) != 0)
    return saved_errno;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) == SQLITE_OK &&
      journal != NULL && journal->pMethods != NULL &&
      journal->pMethods->xFileControl (journal, SQLITE_FCNTL_LAST_ERRNO, &saved_errno) == SQLITE_OK &&
      saved_errno != 0)
    return saved_errno;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_LAST_ERRNO, &saved_errno) == SQLITE_OK)
    return saved_errno;
  return 0;
}

/* SQLite reports a full disk as SQLITE_FULL only for some writes; a sync, a truncation or
 * the WAL index that meets ENOSPC is a plain I/O error with the system's errno. */
static gboolean
is_disk_full (sqlite3 *db,
              int      rc)
{
  return (rc & 0xff) == SQLITE_FULL || system_errno (db, rc) == ENOSPC;
}

/* Sets "<context from format>: <detail>" with code. */
static void G_GNUC_PRINTF (4, 0)
set_error_valist (GError     **error,
                  int          code,
                  const char  *detail,
                  const char  *format,
                  va_list      args)
{
  g_autofree char *context = g_strdup_vprintf (format, args);

  g_set_error (error, PD_ERROR, code, "%s: %s", context, detail);
}

static void G_GNUC_PRINTF (4, 0)
set_db_error_valist (GError     **error,
                     sqlite3     *db,
                     int          rc,
                     const char  *format,
                     va_list      args)
{
  if (is_disk_full (db, rc))
    set_error_valist (error, PD_ERROR_IO, pd_error_disk_full_message (), format, args);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    /* The write lock was not had: nothing of this write was done. */
    set_error_valist (error, PD_ERROR_FAILED,
                      _("another program is writing to it (Pain Diary open elsewhere?). Nothing "
                        "was changed; try again when it has finished"), format, args);
  else
    set_error_valist (error, error_code_for_sqlite (rc),
                      db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), format, args);
}

/* Sets "<context>: <SQLite's message>"; call it before any other statement on db, which
 * would replace the message. */
void
_pd_set_db_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  set_db_error_valist (error, db, rc, format, args);
  va_end (args);
}

/* Sets "<context>: <the system's message for saved_errno>". */
void
_pd_set_io_error (GError     **error,
                  int          saved_errno,
                  const char  *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  set_error_valist (error, PD_ERROR_IO, pd_error_describe_errno (saved_errno), format, args);
  va_end (args);
}

void
_pd_database_set_error (PdDatabase  *self,
                        GError     **error,
                        int          rc,
                        const char  *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  set_db_error_valist (error, self->db, rc, format, args);
  va_end (args);
}

/* Connections to diary files open in this process, in any thread. */
static gint open_files;

void
_pd_database_count_file (PdDatabase *self)
{
  if (!self->counted)
    {
      self->counted = TRUE;
      g_atomic_int_inc (&open_files);
    }
}

void
_pd_database_uncount_file (PdDatabase *self)
{
  if (self->counted)
    {
      self->counted = FALSE;
      g_atomic_int_add (&open_files, -1);
    }
}

/* The files of _pd_database_hold_checked_file: "device:inode" -> how many hold it. */
static GHashTable *checked_files;
G_LOCK_DEFINE_STATIC (checked_files);

static char *
file_key (const GStatBuf *st)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) st->st_dev,
                          (guint64) st->st_ino);
}

gboolean
_pd_file_is_checked (const GStatBuf *st)
{
  g_autofree char *key = file_key (st);
  gboolean checked;

  G_LOCK (checked_files);
  checked = checked_files != NULL && g_hash_table_contains (checked_files, key);
  G_UNLOCK (checked_files);
  return checked;
}

void
_pd_database_hold_checked_file (PdDatabase     *self,
                                const GStatBuf *st)
{
  guint holders;

  if (self->checked_file != NULL)
    return;
  self->checked_file = file_key (st);
  G_LOCK (checked_files);
  if (checked_files == NULL)
    checked_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  holders = GPOINTER_TO_UINT (g_hash_table_lookup (checked_files, self->checked_file));
  g_hash_table_insert (checked_files, g_strdup (self->checked_file),
                       GUINT_TO_POINTER (holders + 1));
  G_UNLOCK (checked_files);
}

static void
release_checked_file (PdDatabase *self)
{
  g_autofree char *key = g_steal_pointer (&self->checked_file);
  guint holders;

  if (key == NULL)
    return;
  G_LOCK (checked_files);
  holders = GPOINTER_TO_UINT (g_hash_table_lookup (checked_files, key));
  if (holders > 1)
    g_hash_table_insert (checked_files, g_strdup (key), GUINT_TO_POINTER (holders - 1));
  else
    g_hash_table_remove (checked_files, key);
  G_UNLOCK (checked_files);
}

void
_pd_database_count_opening (gboolean begin)
{
  g_atomic_int_add (&open_files, begin ? 1 : -1);
}

guint
pd_database_count_open_files (void)
{
  return (guint) g_atomic_int_get (&open_files);
}

gboolean
_pd_database_check_open (PdDatabase  *self,
                         GError     **error)
{
  if (!self->closed)
    return TRUE;
  g_set_error (error, PD_ERROR, PD_ERROR_FAILED, _("“%s” has been closed"), self->display_name);
  return FALSE;
}

void
_pd_database_set_read_error (PdDatabase  *self,
                             GError     **error,
                             int          rc)
{
  _pd_set_db_error (error, self->db, rc, _("Could not read “%s”"), self->display_name);
}

void
_pd_database_set_read_error_on (PdDatabase  *self,
                                sqlite3     *db,
                                GError     **error,
                                int          rc)
{
  _pd_set_db_error (error, db, rc, _("Could not read “%s”"), self->display_name);
}

gboolean
_pd_database_check_writable (PdDatabase  *self,
                             GError     **error)
{
  if (!self->read_only)
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY, _("“%s” is open read-only"),
               self->display_name);
  return FALSE;
}

gint64
_pd_database_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Column helpers */

void
_pd_bind_optional_int (sqlite3_stmt *stmt,
                       int           index,
                       int           value)
{
  if (value == PD_UNSET)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value);
}

int
_pd_column_optional_int (sqlite3_stmt *stmt,
                         int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return PD_UNSET;
  return sqlite3_column_int (stmt, column);
}

void
_pd_bind_optional_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

const char *
_pd_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Statements and transactions */

PdCachedStmt *
_pd_database_lookup_stmt (PdDatabase  *self,
                          const char  *sql,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!_pd_database_check_open (self, error))
    return NULL;
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _pd_database_set_read_error (self, error, rc);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_pd_database_run_stmt (PdDatabase  *self,
                       const char  *sql,
                       gboolean     reading,
                       GError     **error)
{
  g_autoptr(PdCachedStmt) stmt = _pd_database_lookup_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (reading)
    _pd_database_set_read_error (self, error, rc);
  else
    _pd_set_db_error (error, self->db, rc, _("Could not write to “%s”"), self->display_name);
  return FALSE;
}

gboolean
_pd_database_begin_write (PdDatabase  *self,
                          GError     **error)
{
  if (!_pd_database_check_writable (self, error) ||
      !_pd_database_run_stmt (self, self->transaction_depth == 0 ? begin_sql : savepoint_sql,
                              FALSE, error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

gboolean
_pd_database_commit_write (PdDatabase  *self,
                           GError     **error)
{
  g_assert (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth > 0)
    return _pd_database_run_stmt (self, release_sql, FALSE, error);

  if (_pd_database_run_stmt (self, commit_sql, FALSE, error))
    return TRUE;
  if (!sqlite3_get_autocommit (self->db))
    _pd_database_run_stmt (self, rollback_sql, FALSE, NULL);
  return FALSE;
}

void
_pd_database_rollback_write (PdDatabase *self)
{
  g_assert (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth > 0)
    {
      _pd_database_run_stmt (self, rollback_to_sql, FALSE, NULL);
      _pd_database_run_stmt (self, release_sql, FALSE, NULL);
    }
  else if (!sqlite3_get_autocommit (self->db))
    _pd_database_run_stmt (self, rollback_sql, FALSE, NULL);
}

gboolean
pd_database_begin (PdDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_rec_mutex_lock (&self->mutex);
  if (!_pd_database_begin_write (self, error))
    {
      g_rec_mutex_unlock (&self->mutex);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_database_commit (PdDatabase  *self,
                    GError     **error)
{
  gboolean ret;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ret = _pd_database_commit_write (self, error);
  g_rec_mutex_unlock (&self->mutex);
  return ret;
}

void
pd_database_rollback (PdDatabase *self)
{
  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  _pd_database_rollback_write (self);
  g_rec_mutex_unlock (&self->mutex);
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* The quick check's connection and the diary's, once the check is done; the cached
 * statements go first. */
static void
close_connections (PdDatabase *self)
{
  if (self->check_thread != NULL)
    g_thread_join (g_steal_pointer (&self->check_thread));
  g_clear_pointer (&self->check_db, sqlite3_close_v2);
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  _pd_database_uncount_file (self);
  release_checked_file (self);
}

static int
deny_everything (gpointer    user_data,
                 int         action,
                 const char *arg1,
                 const char *arg2,
                 const char *arg3,
                 const char *arg4)
{
  return SQLITE_DENY;
}

void
pd_database_close (PdDatabase *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3 *nothing = NULL;

  g_return_if_fail (PD_IS_DATABASE (self));

  /* The mutex waits for a save or load in another thread to finish. */
  locker = g_rec_mutex_locker_new (&self->mutex);
  if (self->closed)
    return;
  if (self->transaction_depth > 0)
    {
      g_warning ("%s closed inside a transaction: it is rolled back", self->path);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->transaction_depth = 0;
    }
  close_connections (self);
  /* In its place a connection to nothing that refuses every statement: a call made later
   * by whoever still holds the object fails (no statement is ever prepared on a NULL
   * connection), and a backup of it is refused (_pd_database_check_open). */
  if (sqlite3_open_v2 (":memory:", &nothing, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    sqlite3_set_authorizer (nothing, deny_everything, NULL);
  self->db = nothing;
  self->closed = TRUE;
}

static void
pd_database_finalize (GObject *object)
{
  PdDatabase *self = (PdDatabase *) object;

  close_connections (self);
  g_clear_pointer (&self->check_result, g_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pd_database_parent_class)->finalize (object);
}

static void
pd_database_class_init (PdDatabaseClass *klass)
{
  /* No allocation statistics (nothing reads them): they take a global mutex around every
   * SQLite allocation, a tenth of the time of a big import. Only possible before SQLite
   * is initialised; later the call is refused and changes nothing. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  G_OBJECT_CLASS (klass)->finalize = pd_database_finalize;
}

static void
pd_database_init (PdDatabase *self)
{
  g_rec_mutex_init (&self->mutex);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
}

const char *
pd_database_get_path (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  return self->path;
}

gboolean
pd_database_is_read_only (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), TRUE);
  return self->read_only;
}

/* Meta */

char *
pd_database_get_meta (PdDatabase *self,
                      const char *key)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = _pd_database_lookup_stmt (self, get_meta_sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    g_warning ("Could not read “%s” from %s: %s", key, self->path, sqlite3_errmsg (self->db));
  return NULL;
}

/* A NULL value removes the key. */
gboolean
pd_database_set_meta (PdDatabase  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);
  if (!_pd_database_check_writable (self, error))
    return FALSE;
  stmt = _pd_database_lookup_stmt (self, value != NULL ? set_meta_sql : delete_meta_sql,
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _pd_set_db_error (error, self->db, rc, _("Could not save “%s” in “%s”"), key,
                        self->display_name);
      return FALSE;
    }
  return TRUE;
}
