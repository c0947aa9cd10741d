/* pd-database.c
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
#include "pd-tags.h"

#define APPLICATION_ID_SQL "1348748409"
G_STATIC_ASSERT (1348748409 == PD_DATABASE_APPLICATION_ID);

#define BUSY_TIMEOUT_MS 5000
#define SQLITE_HEADER_SIZE 100

/* The schema, version by version.
 *
 * A fresh diary is created directly at the latest version (SCHEMA_LATEST); an existing one is
 * brought forward by the steps in `migrations`, all in one transaction. When the schema
 * changes: append a step N -> N+1, bump PD_DATABASE_SCHEMA_VERSION, and update SCHEMA_LATEST
 * so that it creates exactly what the steps produce (test-database compares the two). */

#define PAIN_ENTRIES_V2                                                                 \
  "CREATE TABLE pain_entries ("                                                         \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  at INTEGER NOT NULL,"                                                              \
  "  utc_offset INTEGER NOT NULL,"                                                      \
  "  local_date TEXT NOT NULL,"                                                         \
  "  pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),"                              \
  "  enjoyment_interference INTEGER CHECK (enjoyment_interference BETWEEN 0 AND 10),"   \
  "  activity_interference INTEGER CHECK (activity_interference BETWEEN 0 AND 10),"     \
  "  locations TEXT NOT NULL DEFAULT '',"                                               \
  "  qualities TEXT NOT NULL DEFAULT '',"                                               \
  "  sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),"                            \
  "  sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),"                     \
  "  mood INTEGER CHECK (mood BETWEEN 0 AND 10),"                                       \
  "  red_flags TEXT NOT NULL DEFAULT '',"                                               \
  "  note TEXT NOT NULL DEFAULT '',"                                                    \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"

#define META_V2 "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
/* The listing order (at DESC, created DESC, id) read backwards, so that lists need no sort. */
#define PAIN_ENTRIES_AT_INDEX_V2 \
  "CREATE INDEX pain_entries_at ON pain_entries (at, created, id DESC);"

static const char schema_latest[] =
  META_V2
  PAIN_ENTRIES_V2
  PAIN_ENTRIES_AT_INDEX_V2
  "PRAGMA application_id = " APPLICATION_ID_SQL ";"
  "PRAGMA user_version = 2;";
G_STATIC_ASSERT (PD_DATABASE_SCHEMA_VERSION == 2);

typedef struct
{
  int to_version;
  const char *sql;   /* ends by setting user_version to to_version */
} PdMigration;

static const PdMigration migrations[] = {
  {
    2,
    "ALTER TABLE pain_entries RENAME TO pain_entries_v1;"
    META_V2
    PAIN_ENTRIES_V2
    "INSERT INTO pain_entries (id, at, utc_offset, local_date, pain, note, created, updated)"
    "  SELECT lower(id), at, utc_offset, date(at + utc_offset, 'unixepoch'), pain, note,"
    "         created, updated"
    "  FROM pain_entries_v1;"
    "DROP TABLE pain_entries_v1;"
    PAIN_ENTRIES_AT_INDEX_V2
    "PRAGMA user_version = 2;"
  },
};

#define ENTRY_COLUMNS                                                                   \
  "id, at, utc_offset, pain, enjoyment_interference, activity_interference, locations," \
  " qualities, sleep_hours, sleep_quality, mood, red_flags, note, created, updated"

typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_SAVEPOINT,
  STMT_RELEASE,
  STMT_ROLLBACK_TO,
  STMT_SAVE_ENTRY,
  STMT_GET_ENTRY,
  STMT_LIST_ENTRIES,
  STMT_COUNT_ENTRIES,
  STMT_DELETE_ENTRY,
  STMT_RESTORE_ENTRY,
  STMT_GET_META,
  STMT_SET_META,
  STMT_DELETE_META,
  N_STMTS
} PdStmt;

static const char * const statement_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_SAVEPOINT] = "SAVEPOINT pd_nested",
  [STMT_RELEASE] = "RELEASE pd_nested",
  [STMT_ROLLBACK_TO] = "ROLLBACK TO pd_nested",
  [STMT_SAVE_ENTRY] =
    "INSERT INTO pain_entries (id, at, utc_offset, local_date, pain, enjoyment_interference,"
    "  activity_interference, locations, qualities, sleep_hours, sleep_quality, mood,"
    "  red_flags, note, created, updated, deleted)"
    " VALUES (?1, ?2, ?3, date(?2 + ?3, 'unixepoch'), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
    "  ?13, ?14, ?14, NULL)"
    " ON CONFLICT (id) DO UPDATE SET"
    "  at = excluded.at, utc_offset = excluded.utc_offset, local_date = excluded.local_date,"
    "  pain = excluded.pain, enjoyment_interference = excluded.enjoyment_interference,"
    "  activity_interference = excluded.activity_interference,"
    "  locations = excluded.locations, qualities = excluded.qualities,"
    "  sleep_hours = excluded.sleep_hours, sleep_quality = excluded.sleep_quality,"
    "  mood = excluded.mood, red_flags = excluded.red_flags, note = excluded.note,"
    "  updated = excluded.updated, deleted = NULL"
    " RETURNING created, updated",
  [STMT_GET_ENTRY] =
    "SELECT " ENTRY_COLUMNS " FROM pain_entries WHERE id = ?1 AND deleted IS NULL",
  [STMT_LIST_ENTRIES] =
    "SELECT " ENTRY_COLUMNS " FROM pain_entries"
    " WHERE at >= ?1 AND at < ?2 AND deleted IS NULL"
    " ORDER BY at DESC, created DESC, id",
  [STMT_COUNT_ENTRIES] = "SELECT count(*) FROM pain_entries WHERE deleted IS NULL",
  [STMT_DELETE_ENTRY] =
    "UPDATE pain_entries SET deleted = ?2, updated = ?2 WHERE id = ?1 AND deleted IS NULL",
  [STMT_RESTORE_ENTRY] =
    "UPDATE pain_entries"
    " SET updated = CASE WHEN deleted IS NULL THEN updated ELSE ?2 END, deleted = NULL"
    " WHERE id = ?1",
  [STMT_GET_META] = "SELECT value FROM meta WHERE key = ?1",
  [STMT_SET_META] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
  [STMT_DELETE_META] = "DELETE FROM meta WHERE key = ?1",
};

struct _PdDatabase
{
  GObject parent_instance;

  /* Guards db and statements: the async list runs in a worker thread, and a
   * transaction is a sequence of statements that must not interleave. */
  GRecMutex mutex;
  sqlite3 *db;
  sqlite3_stmt *statements[N_STMTS];
  /* Open write transactions: the outermost is BEGIN IMMEDIATE, inner ones are savepoints. */
  guint transaction_depth;

  char *path;
  char *display_name;
  gboolean read_only;
};

G_DEFINE_FINAL_TYPE (PdDatabase, pd_database, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A statement from the connection's cache: "freeing" it only resets it for the next use. */
typedef sqlite3_stmt PdCachedStmt;

static void
cached_stmt_release (PdCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCachedStmt, cached_stmt_release)

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

static void set_db_error (GError     **error,
                          sqlite3     *db,
                          int          rc,
                          const char  *format,
                          ...) G_GNUC_PRINTF (4, 5);

/* Sets "<context>: <SQLite's message>"; call it before any other statement on db, which
 * would replace the message. */
static void
set_db_error (GError     **error,
              sqlite3     *db,
              int          rc,
              const char  *format,
              ...)
{
  g_autofree char *context = NULL;
  va_list args;

  va_start (args, format);
  context = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PD_ERROR, error_code_for_sqlite (rc), "%s: %s", context,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static void set_io_error (GError     **error,
                          int          saved_errno,
                          const char  *format,
                          ...) G_GNUC_PRINTF (3, 4);

/* Sets "<context>: <the system's message for saved_errno>". */
static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *format,
              ...)
{
  g_autofree char *context = NULL;
  va_list args;

  va_start (args, format);
  context = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PD_ERROR, PD_ERROR_IO, "%s: %s", context, g_strerror (saved_errno));
}

static gboolean
check_writable (PdDatabase  *self,
                GError     **error)
{
  if (!self->read_only)
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY, _("“%s” is open read-only"),
               self->display_name);
  return FALSE;
}

/* Small SQLite helpers */

static int
query_int (sqlite3    *db,
           const char *sql,
           gint64     *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  *value = sqlite3_column_int64 (stmt, 0);
  return SQLITE_OK;
}

/* The first line PRAGMA quick_check returns: "ok" for a sound file. */
static int
quick_check (sqlite3  *db,
             char    **result)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  *result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return SQLITE_OK;
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      set_io_error (error, saved_errno, _("Could not create “%s”"), display);
      return FALSE;
    }
  return g_close (fd, error);
}

static gboolean
make_private_dir (const char  *path,
                  GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      set_io_error (error, saved_errno, _("Could not create the folder “%s”"), display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sibling_exists (const char *path,
                const char *suffix)
{
  g_autofree char *sibling = g_strconcat (path, suffix, NULL);

  return g_file_test (sibling, G_FILE_TEST_EXISTS);
}

/* Inspecting a file before anything writes to it */

static gboolean
has_sqlite_header (const char  *path,
                   GError     **error)
{
  static const char magic[] = "SQLite format 3";
  char header[SQLITE_HEADER_SIZE];
  gssize n_read;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      set_io_error (error, saved_errno, _("Could not open “%s”"), display);
      return FALSE;
    }
  do
    n_read = read (fd, header, sizeof header);
  while (n_read < 0 && errno == EINTR);
  g_close (fd, NULL);

  return n_read == sizeof header && memcmp (header, magic, sizeof magic) == 0;
}

/* Opens an existing file for reading only. When no -wal or -journal lies beside it there is
 * nothing to recover, and "immutable" keeps SQLite from creating -wal and -shm files beside
 * a file that may turn out to belong to someone else. */
static int
open_for_inspection (const char  *path,
                     sqlite3    **db)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_READONLY;
  const char *filename = path;
  int rc;

  if (!sibling_exists (path, "-wal") && !sibling_exists (path, "-journal"))
    {
      g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);

      if (file_uri != NULL)
        {
          uri = g_strconcat (file_uri, "?immutable=1", NULL);
          filename = uri;
          flags |= SQLITE_OPEN_URI;
        }
    }

  rc = sqlite3_open_v2 (filename, db, flags, NULL);
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (*db, BUSY_TIMEOUT_MS);
  return rc;
}

static void
set_inspection_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                   _("“%s” is not a Pain Diary file"), display);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED, _("“%s” is damaged"), display);
      break;
    default:
      set_db_error (error, db, rc, _("Could not read “%s”"), display);
      break;
    }
}

/* Checks, reading only, that path is a sound diary this program can open. Returns its
 * schema version, or 0 for an empty SQLite file that can become a diary; -1 on error. */
static int
inspect_file (const char  *path,
              GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *check = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 application_id = 0;
  gint64 version = 0;
  gint64 n_objects = 0;
  int rc;

  if (!has_sqlite_header (path, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                     _("“%s” is not a Pain Diary file"), display);
      return -1;
    }

  rc = open_for_inspection (path, &db);
  /* One read transaction, so that all the answers describe the same state. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc != SQLITE_OK)
    {
      set_inspection_error (error, db, rc, path);
      return -1;
    }

  if (n_objects == 0 && version == 0 &&
      (application_id == 0 || application_id == PD_DATABASE_APPLICATION_ID))
    return 0;

  if (application_id != PD_DATABASE_APPLICATION_ID || version < 1)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                   _("“%s” is not a Pain Diary file"), display);
      return -1;
    }

  if (version > PD_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Pain Diary (schema %d); "
                     "update Pain Diary to open it"),
                   display, (int) version);
      return -1;
    }

  rc = quick_check (db, &check);
  if (rc != SQLITE_OK)
    {
      set_inspection_error (error, db, rc, path);
      return -1;
    }
  if (g_strcmp0 (check, "ok") != 0)
    {
      g_debug ("quick_check of %s: %.200s", path, g_strdelimit (check, "\n", ' '));
      g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED, _("“%s” is damaged"), display);
      return -1;
    }

  return (int) version;
}

/* Backups */

static char *
diary_stem (const char *diary_path)
{
  g_autofree char *base = g_path_get_basename (diary_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

/* "<stem>-YYYY-MM-DD.db", exactly. */
static gboolean
is_daily_backup_name (const char *name,
                      const char *stem)
{
  static const char pattern[] = "0000-00-00.db";
  size_t stem_len = strlen (stem);
  const char *rest;

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-')
    return FALSE;

  rest = name + stem_len + 1;
  if (strlen (rest) != sizeof pattern - 1)
    return FALSE;
  for (size_t i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == '0' ? !g_ascii_isdigit (rest[i]) : rest[i] != pattern[i])
        return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The file names of diary_path's daily backups, oldest first. */
static GPtrArray *
list_daily_backups (const char *diary_path)
{
  g_autofree char *dir_path = pd_database_get_backup_dir (diary_path);
  g_autofree char *stem = diary_stem (diary_path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&names);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (is_daily_backup_name (name, stem))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

char *
pd_database_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pain-diary", "diary.db", NULL);
}

char *
pd_database_get_backup_dir (const char *diary_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (diary_path != NULL, NULL);

  dir = g_path_get_dirname (diary_path);
  return g_build_filename (dir, "backups", NULL);
}

char *
pd_database_find_newest_good_backup (const char *diary_path)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (diary_path != NULL, NULL);

  dir_path = pd_database_get_backup_dir (diary_path);
  names = list_daily_backups (diary_path);
  for (guint i = names->len; i > 0; i--)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i - 1), NULL);
      g_autoptr(GError) error = NULL;

      if (inspect_file (path, &error) > 0)
        return g_steal_pointer (&path);
      g_debug ("Skipping backup %s: %s", path, error ? error->message : "empty");
    }
  return NULL;
}

static gboolean
backup_connection_to (sqlite3     *source,
                      const char  *display_name,
                      const char  *dest_path,
                      GError     **error)
{
  g_autofree char *part_path = g_strconcat (dest_path, ".part", NULL);
  g_autofree char *part_journal = g_strconcat (part_path, "-journal", NULL);
  g_autofree char *dest_display = g_filename_display_name (dest_path);
  g_autoptr(sqlite3) dest = NULL;
  sqlite3_backup *backup;
  int rc;

  /* Left over from an interrupted backup; never renamed, so never a backup. */
  g_remove (part_journal);
  g_remove (part_path);
  if (!create_private_file (part_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (part_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, BUSY_TIMEOUT_MS);
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          int finish_rc;

          rc = sqlite3_backup_step (backup, -1);
          finish_rc = sqlite3_backup_finish (backup);
          rc = (rc == SQLITE_DONE) ? finish_rc : rc;
        }
    }
  /* The copy carries the diary's WAL flag; a backup is better one self-contained file. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, dest, rc, _("Could not back up “%s” to “%s”"), display_name,
                    dest_display);
      g_clear_pointer (&dest, sqlite3_close_v2);
      g_remove (part_path);
      return FALSE;
    }

  rc = sqlite3_close (g_steal_pointer (&dest));
  if (rc != SQLITE_OK || g_rename (part_path, dest_path) != 0)
    {
      int saved_errno = errno;

      g_remove (part_path);
      set_io_error (error, rc != SQLITE_OK ? EIO : saved_errno,
                    _("Could not write the backup “%s”"), dest_display);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_database_backup_to (PdDatabase  *self,
                       const char  *dest_path,
                       GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);
  return backup_connection_to (self->db, self->display_name, dest_path, error);
}

gboolean
pd_database_rotate_backups (PdDatabase  *self,
                            GDateTime   *now,
                            guint        keep,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *date = NULL;
  g_autofree char *today_name = NULL;
  g_autofree char *today_path = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (keep > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);

  dir_path = pd_database_get_backup_dir (self->path);
  if (!make_private_dir (dir_path, error))
    return FALSE;

  stem = diary_stem (self->path);
  date = g_date_time_format (now, "%Y-%m-%d");
  today_name = g_strdup_printf ("%s-%s.db", stem, date);
  today_path = g_build_filename (dir_path, today_name, NULL);
  if (!g_file_test (today_path, G_FILE_TEST_EXISTS) &&
      !backup_connection_to (self->db, self->display_name, today_path, error))
    return FALSE;

  names = list_daily_backups (self->path);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);

      if (g_remove (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          set_io_error (error, saved_errno, _("Could not remove the old backup “%s”"), display);
          return FALSE;
        }
    }
  return TRUE;
}

/* Statements and transactions */

static PdCachedStmt *
lookup_stmt (PdDatabase  *self,
             PdStmt       which,
             GError     **error)
{
  int rc;

  if (self->statements[which] != NULL)
    return self->statements[which];

  rc = sqlite3_prepare_v3 (self->db, statement_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                           &self->statements[which], NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, self->db, rc, _("Could not read “%s”"), self->display_name);
      return NULL;
    }
  return self->statements[which];
}

static gboolean
run_stmt (PdDatabase  *self,
          PdStmt       which,
          GError     **error)
{
  g_autoptr(PdCachedStmt) stmt = lookup_stmt (self, which, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, rc, _("Could not write to “%s”"), self->display_name);
      return FALSE;
    }
  return TRUE;
}

/* Call with the mutex held. */
static gboolean
begin_write (PdDatabase  *self,
             GError     **error)
{
  if (!check_writable (self, error) ||
      !run_stmt (self, self->transaction_depth == 0 ? STMT_BEGIN : STMT_SAVEPOINT, error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

/* Commits, or rolls back when the commit fails, so no transaction stays open. */
static gboolean
commit_write (PdDatabase  *self,
              GError     **error)
{
  g_assert (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth > 0)
    return run_stmt (self, STMT_RELEASE, error);

  if (run_stmt (self, STMT_COMMIT, error))
    return TRUE;
  if (!sqlite3_get_autocommit (self->db))
    run_stmt (self, STMT_ROLLBACK, NULL);
  return FALSE;
}

static void
rollback_write (PdDatabase *self)
{
  g_assert (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth > 0)
    {
      run_stmt (self, STMT_ROLLBACK_TO, NULL);
      run_stmt (self, STMT_RELEASE, NULL);
    }
  else if (!sqlite3_get_autocommit (self->db))
    run_stmt (self, STMT_ROLLBACK, NULL);
}

gboolean
pd_database_begin (PdDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_rec_mutex_lock (&self->mutex);
  if (!begin_write (self, error))
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

  ret = commit_write (self, error);
  g_rec_mutex_unlock (&self->mutex);
  return ret;
}

void
pd_database_rollback (PdDatabase *self)
{
  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  rollback_write (self);
  g_rec_mutex_unlock (&self->mutex);
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Opening */

static gboolean
configure_connection (sqlite3     *db,
                      gboolean     read_only,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* Diaries come from other people too (clinician review): no schema-borne surprises. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  if (read_only)
    rc = sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  else
    rc = sqlite3_exec (db,
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA synchronous = FULL;",
                       NULL, NULL, NULL);
  if (rc == SQLITE_OK && !read_only)
    rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *mode = (const char *) sqlite3_column_text (stmt, 0);

          if (g_ascii_strcasecmp (mode, "wal") != 0)
            g_warning ("Could not switch %s to WAL, it stays in %s mode",
                       sqlite3_db_filename (db, "main"), mode);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    {
      set_db_error (error, db, rc, _("Could not open “%s”"), sqlite3_db_filename (db, "main"));
      return FALSE;
    }
  return TRUE;
}

/* Runs the steps from version to the latest on db, in the transaction the caller opened. */
static int
run_migrations (sqlite3 *db,
                int      version)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      int rc;

      if (migrations[i].to_version <= version)
        continue;
      g_assert (migrations[i].to_version == version + 1);

      rc = sqlite3_exec (db, migrations[i].sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return rc;
      version = migrations[i].to_version;
    }
  g_assert (version == PD_DATABASE_SCHEMA_VERSION);
  return SQLITE_OK;
}

/* Creates the schema in a fresh diary, or migrates an older one, in one transaction. */
static gboolean
prepare_schema (sqlite3     *db,
                const char  *display_name,
                GError     **error)
{
  gint64 version = 0;
  gint64 n_objects = 0;
  int rc;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  /* Read again inside the transaction: another process may have got here first. */
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc == SQLITE_OK && version > PD_DATABASE_SCHEMA_VERSION)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Pain Diary (schema %d); "
                     "update Pain Diary to open it"),
                   display_name, (int) version);
      return FALSE;
    }
  if (rc == SQLITE_OK && version == 0 && n_objects > 0)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is not a Pain Diary file"),
                   display_name);
      return FALSE;
    }
  if (rc == SQLITE_OK && version == 0)
    rc = sqlite3_exec (db, schema_latest, NULL, NULL, NULL);
  else if (rc == SQLITE_OK && version < PD_DATABASE_SCHEMA_VERSION)
    rc = run_migrations (db, (int) version);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (error, db, rc, _("Could not bring “%s” up to date"), display_name);
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
backup_before_migration (PdDatabase  *self,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir_path = pd_database_get_backup_dir (self->path);
  g_autofree char *stem = diary_stem (self->path);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  name = g_strdup_printf ("%s-before-v%d-%s.db", stem, PD_DATABASE_SCHEMA_VERSION, stamp);
  path = g_build_filename (dir_path, name, NULL);
  return make_private_dir (dir_path, error) &&
         backup_connection_to (self->db, self->display_name, path, error);
}

/* A read-only diary with an older schema is copied into memory and migrated there, so it
 * can be reviewed without changing the file. */
static gboolean
open_read_only (PdDatabase  *self,
                int          version,
                GError     **error)
{
  g_autoptr(sqlite3) file_db = NULL;
  g_autoptr(sqlite3) memory_db = NULL;
  sqlite3_backup *backup;
  int rc;

  if (version == PD_DATABASE_SCHEMA_VERSION)
    rc = sqlite3_open_v2 (self->path, &file_db, SQLITE_OPEN_READONLY, NULL);
  else
    rc = open_for_inspection (self->path, &file_db);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, file_db, rc, _("Could not open “%s”"), self->display_name);
      return FALSE;
    }

  if (version == PD_DATABASE_SCHEMA_VERSION)
    {
      if (!configure_connection (file_db, TRUE, error))
        return FALSE;
      self->db = g_steal_pointer (&file_db);
      return TRUE;
    }

  rc = sqlite3_open_v2 (":memory:", &memory_db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (memory_db, "main", file_db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (memory_db);
      else
        {
          int finish_rc;

          rc = sqlite3_backup_step (backup, -1);
          finish_rc = sqlite3_backup_finish (backup);
          rc = (rc == SQLITE_DONE) ? finish_rc : rc;
        }
    }
  if (rc != SQLITE_OK)
    {
      set_db_error (error, memory_db, rc, _("Could not read “%s”"), self->display_name);
      return FALSE;
    }
  if (!prepare_schema (memory_db, self->display_name, error) ||
      !configure_connection (memory_db, TRUE, error))
    return FALSE;

  self->db = g_steal_pointer (&memory_db);
  return TRUE;
}

static gboolean
open_read_write (PdDatabase       *self,
                 int               version,
                 PdDatabaseFlags   flags,
                 GError          **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, self->db, rc, _("Could not open “%s”"), self->display_name);
      return FALSE;
    }
  if (!configure_connection (self->db, FALSE, error))
    return FALSE;

  if (version > 0 && version < PD_DATABASE_SCHEMA_VERSION &&
      !backup_before_migration (self, error))
    return FALSE;
  if (!prepare_schema (self->db, self->display_name, error))
    return FALSE;

  if (!(flags & PD_DATABASE_NO_BACKUPS))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GError) local_error = NULL;

      /* A diary that cannot be backed up is still better usable than not. */
      if (!pd_database_rotate_backups (self, now, PD_DATABASE_BACKUPS_KEPT, &local_error))
        g_warning ("%s", local_error->message);
    }
  return TRUE;
}

static void
explain_damage (GError     **error,
                const char  *path,
                const char  *display_name)
{
  g_autofree char *backup = pd_database_find_newest_good_backup (path);

  g_clear_error (error);
  if (backup != NULL)
    {
      g_autofree char *backup_display = g_filename_display_name (backup);

      g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED,
                   _("“%s” is damaged; it was left unchanged. A good backup exists: “%s”"),
                   display_name, backup_display);
    }
  else
    g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED,
                 _("“%s” is damaged; it was left unchanged. No good backup was found"),
                 display_name);
}

PdDatabase *
pd_database_open (const char       *path,
                  PdDatabaseFlags   flags,
                  GError          **error)
{
  g_autoptr(PdDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean read_only = (flags & PD_DATABASE_READ_ONLY) != 0;
  GStatBuf st;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PD_TYPE_DATABASE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->display_name = g_filename_display_name (self->path);
  self->read_only = read_only;

  if (g_stat (self->path, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *dir_path = NULL;

      if (saved_errno != ENOENT || read_only)
        {
          set_io_error (error, saved_errno, _("Could not open “%s”"), self->display_name);
          return NULL;
        }
      dir_path = g_path_get_dirname (self->path);
      if (!make_private_dir (dir_path, error) || !create_private_file (self->path, error))
        return NULL;
    }
  else if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is not a Pain Diary file"),
                   self->display_name);
      return NULL;
    }
  else if (st.st_size > 0)
    {
      version = inspect_file (self->path, &local_error);
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DAMAGED))
        explain_damage (&local_error, self->path, self->display_name);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  else if (!read_only && g_chmod (self->path, 0600) != 0)
    {
      int saved_errno = errno;

      set_io_error (error, saved_errno, _("Could not open “%s”"), self->display_name);
      return NULL;
    }

  if (read_only && version == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is an empty file"),
                   self->display_name);
      return NULL;
    }

  if (read_only ? !open_read_only (self, version, error)
                : !open_read_write (self, version, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
pd_database_finalize (GObject *object)
{
  PdDatabase *self = (PdDatabase *) object;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->statements[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pd_database_parent_class)->finalize (object);
}

static void
pd_database_class_init (PdDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_database_finalize;
}

static void
pd_database_init (PdDatabase *self)
{
  g_rec_mutex_init (&self->mutex);
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

/* Pain entries */

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   int           value)
{
  if (value == PD_UNSET)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value);
}

static void
bind_tags (sqlite3_stmt *stmt,
           int           index,
           PdTagKind     kind,
           guint32       mask)
{
  sqlite3_bind_text (stmt, index, pd_tags_to_string (kind, mask), -1, g_free);
}

static int
column_optional_int (sqlite3_stmt *stmt,
                     int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return PD_UNSET;
  return sqlite3_column_int (stmt, column);
}

static guint32
column_tags (sqlite3_stmt *stmt,
             int           column,
             PdTagKind     kind)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GError) error = NULL;
  guint32 mask = 0;

  if (!pd_tags_from_string (kind, text, &mask, &error))
    g_debug ("Ignoring a stored tag list: %s", error->message);
  return mask;
}

static PdPainEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_id (entry, (const char *) sqlite3_column_text (stmt, 0));
  pd_pain_entry_set_time (entry, sqlite3_column_int64 (stmt, 1), sqlite3_column_int (stmt, 2));
  pd_pain_entry_set_pain (entry, sqlite3_column_int (stmt, 3));
  pd_pain_entry_set_enjoyment_interference (entry, column_optional_int (stmt, 4));
  pd_pain_entry_set_activity_interference (entry, column_optional_int (stmt, 5));
  pd_pain_entry_set_locations (entry, column_tags (stmt, 6, PD_TAG_LOCATION));
  pd_pain_entry_set_qualities (entry, column_tags (stmt, 7, PD_TAG_QUALITY));
  if (sqlite3_column_type (stmt, 8) == SQLITE_NULL)
    pd_pain_entry_set_sleep_hours (entry, -1);
  else
    pd_pain_entry_set_sleep_hours (entry, sqlite3_column_double (stmt, 8));
  pd_pain_entry_set_sleep_quality (entry, column_optional_int (stmt, 9));
  pd_pain_entry_set_mood (entry, column_optional_int (stmt, 10));
  pd_pain_entry_set_red_flags (entry, column_tags (stmt, 11, PD_TAG_RED_FLAG));
  pd_pain_entry_set_note (entry, (const char *) sqlite3_column_text (stmt, 12));
  pd_pain_entry_set_stamps (entry, sqlite3_column_int64 (stmt, 13),
                            sqlite3_column_int64 (stmt, 14));
  return entry;
}

/* Writes one entry inside the caller's transaction; returns the stored stamps. */
static gboolean
write_entry (PdDatabase   *self,
             PdPainEntry  *entry,
             gint64        now,
             gint64       *created,
             gint64       *updated,
             GError      **error)
{
  g_autoptr(PdCachedStmt) stmt = lookup_stmt (self, STMT_SAVE_ENTRY, error);
  double sleep_hours;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, pd_pain_entry_get_id (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, pd_pain_entry_get_time (entry));
  sqlite3_bind_int (stmt, 3, pd_pain_entry_get_utc_offset (entry));
  sqlite3_bind_int (stmt, 4, pd_pain_entry_get_pain (entry));
  bind_optional_int (stmt, 5, pd_pain_entry_get_enjoyment_interference (entry));
  bind_optional_int (stmt, 6, pd_pain_entry_get_activity_interference (entry));
  bind_tags (stmt, 7, PD_TAG_LOCATION, pd_pain_entry_get_locations (entry));
  bind_tags (stmt, 8, PD_TAG_QUALITY, pd_pain_entry_get_qualities (entry));
  sleep_hours = pd_pain_entry_get_sleep_hours (entry);
  if (sleep_hours < 0)
    sqlite3_bind_null (stmt, 9);
  else
    sqlite3_bind_double (stmt, 9, sleep_hours);
  bind_optional_int (stmt, 10, pd_pain_entry_get_sleep_quality (entry));
  bind_optional_int (stmt, 11, pd_pain_entry_get_mood (entry));
  bind_tags (stmt, 12, PD_TAG_RED_FLAG, pd_pain_entry_get_red_flags (entry));
  sqlite3_bind_text (stmt, 13, pd_pain_entry_get_note (entry), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 14, now);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *created = sqlite3_column_int64 (stmt, 0);
      *updated = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, rc, _("Could not save the entry in “%s”"),
                    self->display_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_entries (PdDatabase   *self,
              PdPainEntry **entries,
              guint         n_entries,
              GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree gint64 *stamps = NULL;
  gint64 now = now_unix ();

  if (!check_writable (self, error))
    return FALSE;
  for (guint i = 0; i < n_entries; i++)
    {
      g_return_val_if_fail (PD_IS_PAIN_ENTRY (entries[i]), FALSE);
      if (!pd_pain_entry_validate (entries[i], error))
        return FALSE;
    }

  locker = g_rec_mutex_locker_new (&self->mutex);
  if (!begin_write (self, error))
    return FALSE;

  stamps = g_new (gint64, 2 * (gsize) n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      if (!write_entry (self, entries[i], now, &stamps[2 * i], &stamps[2 * i + 1], error))
        {
          rollback_write (self);
          return FALSE;
        }
    }
  if (!commit_write (self, error))
    return FALSE;

  /* Only now that they are stored do the entries carry the stamps. */
  for (guint i = 0; i < n_entries; i++)
    pd_pain_entry_set_stamps (entries[i], stamps[2 * i], stamps[2 * i + 1]);
  return TRUE;
}

gboolean
pd_database_save_pain_entry (PdDatabase   *self,
                             PdPainEntry  *entry,
                             GError      **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (entry), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_entries (self, &entry, 1, error);
}

gboolean
pd_database_save_pain_entries (PdDatabase  *self,
                               GPtrArray   *entries,
                               GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_entries (self, (PdPainEntry **) entries->pdata, entries->len, error);
}

static gboolean
mark_entry (PdDatabase  *self,
            PdStmt       which,
            const char  *id,
            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->mutex);
  g_autofree char *normal_id = g_ascii_strdown (id, -1);
  g_autoptr(PdCachedStmt) stmt = NULL;
  int rc;

  if (!check_writable (self, error))
    return FALSE;
  stmt = lookup_stmt (self, which, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, normal_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now_unix ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, rc, _("Could not change the entry in “%s”"),
                    self->display_name);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No entry with id “%s”"), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_database_delete_pain_entry (PdDatabase  *self,
                               const char  *id,
                               GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return mark_entry (self, STMT_DELETE_ENTRY, id, error);
}

gboolean
pd_database_restore_pain_entry (PdDatabase  *self,
                                const char  *id,
                                GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return mark_entry (self, STMT_RESTORE_ENTRY, id, error);
}

PdPainEntry *
pd_database_get_pain_entry (PdDatabase  *self,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *normal_id = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = lookup_stmt (self, STMT_GET_ENTRY, error);
  if (stmt == NULL)
    return NULL;

  normal_id = g_ascii_strdown (id, -1);
  sqlite3_bind_text (stmt, 1, normal_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return entry_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No entry with id “%s”"), id);
  else
    set_db_error (error, self->db, rc, _("Could not read “%s”"), self->display_name);
  return NULL;
}

GPtrArray *
pd_database_list_pain_entries (PdDatabase  *self,
                               gint64       from,
                               gint64       to,
                               GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = lookup_stmt (self, STMT_LIST_ENTRIES, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, rc, _("Could not read “%s”"), self->display_name);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

typedef struct
{
  gint64 from;
  gint64 to;
} ListRange;

static void
list_pain_entries_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  ListRange *range = task_data;
  GPtrArray *entries;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  entries = pd_database_list_pain_entries (source_object, range->from, range->to, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
pd_database_list_pain_entries_async (PdDatabase          *self,
                                     gint64               from,
                                     gint64               to,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListRange *range;

  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  range = g_new (ListRange, 1);
  range->from = from;
  range->to = to;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_database_list_pain_entries_async);
  g_task_set_task_data (task, range, g_free);
  g_task_run_in_thread (task, list_pain_entries_thread);
}

GPtrArray *
pd_database_list_pain_entries_finish (PdDatabase    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        pd_database_list_pain_entries_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
pd_database_count_pain_entries (PdDatabase  *self,
                                GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = lookup_stmt (self, STMT_COUNT_ENTRIES, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_db_error (error, self->db, rc, _("Could not read “%s”"), self->display_name);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
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
  stmt = lookup_stmt (self, STMT_GET_META, &error);
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
  if (!check_writable (self, error))
    return FALSE;
  stmt = lookup_stmt (self, value != NULL ? STMT_SET_META : STMT_DELETE_META, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, rc, _("Could not save “%s” in “%s”"), key,
                    self->display_name);
      return FALSE;
    }
  return TRUE;
}
