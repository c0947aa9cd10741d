/* pd-database-backup.c: daily backups, the backup before a migration, and replacing the diary with another file
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
      g_autofree char *display = g_filename_display_name (path);
      g_autoptr(GError) error = NULL;

      if (_pd_inspect_file (path, display, NULL, &error) > 0)
        return g_steal_pointer (&path);
      g_debug ("Skipping backup %s: %s", path, error ? error->message : "empty");
    }
  return NULL;
}

/* The backups folder of a diary, made if missing (mode 0700). A backup killed before its
 * rename left "<stem>-....db.part" there, which no later backup of another name removes:
 * never a backup, so removed once it is stale. */
static gboolean
make_backup_dir (const char  *dir_path,
                 const char  *stem,
                 GError     **error)
{
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);

  if (!_pd_make_private_dir (dir_path, error))
    return FALSE;
  pd_remove_stale_temporaries (dir_path, prefix, ".db.part");
  return TRUE;
}

/* The connection's page cache size, as PRAGMA cache_size gives it (negative: in KiB). */
static int
read_cache_size (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int size = -2000; /* SQLite's default */

  if (sqlite3_prepare_v2 (db, "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int (stmt, 0);
  return size;
}

static void
set_cache_size (sqlite3 *db,
                int      size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %d", size);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static gboolean
backup_connection_to (PdDatabase  *self,
                      const char  *dest_path,
                      GError     **error)
{
  sqlite3 *source = self->db;
  const char *display_name = self->display_name;
  g_autofree char *part_path = g_strconcat (dest_path, ".part", NULL);
  g_autofree char *part_journal = g_strconcat (part_path, "-journal", NULL);
  g_autofree char *dest_display = g_filename_display_name (dest_path);
  g_autoptr(sqlite3) dest = NULL;
  sqlite3_backup *backup;
  int cache_size;
  int rc;

  /* A closed diary's connection holds nothing: its copy would be an empty "backup". */
  if (!_pd_database_check_open (self, error))
    return FALSE;
  /* Left over from an interrupted backup; never renamed, so never a backup. */
  g_remove (part_journal);
  g_remove (part_path);
  if (!_pd_create_private_file (part_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (part_path, &dest, SQLITE_OPEN_READWRITE, _pd_write_vfs);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, BUSY_TIMEOUT_MS);
      /* The part file is thrown away on any failure, so it needs no journal; without one, a
       * failed write or sync is the part file's own, which keeps its system error. */
      rc = sqlite3_exec (dest, "PRAGMA journal_mode = OFF", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    {
      /* The copy reads every page of the diary through the source's page cache. The writer's
       * is large, for imports; it would keep the whole diary in memory for as long as the
       * window is open (issue 11). So the copy reads through a small one. */
      cache_size = read_cache_size (source);
      sqlite3_exec (source, "PRAGMA cache_size = -256", NULL, NULL, NULL);
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
      set_cache_size (source, cache_size);
    }
  /* The copy carries the diary's WAL flag; a backup is better one self-contained file (and
   * opens in the default rollback mode). Leaving WAL rewrites the header, through a journal
   * kept in memory for the reason above. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = MEMORY", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _pd_set_db_error (error, dest, rc, _("Could not back up “%s” to “%s”"), display_name,
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
      _pd_set_io_error (error, rc != SQLITE_OK ? EIO : saved_errno,
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
  return backup_connection_to (self, dest_path, error);
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
  stem = diary_stem (self->path);
  if (!make_backup_dir (dir_path, stem, error))
    return FALSE;

  date = g_date_time_format (now, "%Y-%m-%d");
  today_name = g_strdup_printf ("%s-%s.db", stem, date);
  today_path = g_build_filename (dir_path, today_name, NULL);
  if (!g_file_test (today_path, G_FILE_TEST_EXISTS) &&
      !backup_connection_to (self, today_path, error))
    return FALSE;

  names = list_daily_backups (self->path);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);

      if (g_remove (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          _pd_set_io_error (error, saved_errno, _("Could not remove the old backup “%s”"), display);
          return FALSE;
        }
    }
  return TRUE;
}

char *
pd_database_backup_now (PdDatabase  *self,
                        const char  *reason,
                        GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir_path = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (reason != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->mutex);
  dir_path = pd_database_get_backup_dir (self->path);
  stem = diary_stem (self->path);
  name = g_strdup_printf ("%s-%s-%s.db", stem, reason, stamp);
  path = g_build_filename (dir_path, name, NULL);
  if (!make_backup_dir (dir_path, stem, error) ||
      !backup_connection_to (self, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* The columns of main's table, quoted and comma-separated. */
static char *
table_columns (sqlite3    *db,
               const char *table,
               int        *rc)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  char *sql = sqlite3_mprintf ("PRAGMA main.table_info(\"%w\")", table);
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  sqlite3_free (sql);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *quoted = sqlite3_mprintf ("\"%w\"", (const char *) sqlite3_column_text (stmt, 1));

      g_string_append_printf (columns, "%s%s", columns->len > 0 ? "," : "", quoted);
      sqlite3_free (quoted);
      *rc = SQLITE_OK;
    }
  if (*rc == SQLITE_DONE)
    *rc = SQLITE_OK;
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

/* Every table of main gets the rows of the same table in "restored", by column name (a
 * migrated diary may order its columns differently). */
static int
copy_tables (sqlite3 *db)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *columns = table_columns (db, table, &rc);
      char *sql;

      if (rc != SQLITE_OK)
        break;
      sql = sqlite3_mprintf ("DELETE FROM main.\"%w\"; INSERT INTO main.\"%w\" (%s) SELECT %s FROM restored.\"%w\"",
                             table, table, columns, columns, table);
      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      sqlite3_free (sql);
    }
  return rc;
}

gboolean
pd_database_replace_with (PdDatabase  *self,
                          const char  *source_path,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *source_display = NULL;
  sqlite3_stmt *attach = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);
  if (self->read_only || self->transaction_depth > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY, _("“%s” cannot be replaced now"),
                   self->display_name);
      return FALSE;
    }
  source_display = g_filename_display_name (source_path);
  /* Rows, not pages, in one transaction: other connections (the reminders, another
   * program) see the old diary or the new one, never a mix. (The backup API writing into
   * a WAL diary that another process reads left this connection unable to read.) */
  rc = sqlite3_prepare_v2 (self->db, "ATTACH DATABASE ?1 AS restored", -1, &attach, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (attach, 1, source_path, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK && (rc = sqlite3_step (attach)) == SQLITE_DONE)
    rc = SQLITE_OK;
  sqlite3_finalize (attach);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc == SQLITE_OK && (rc = copy_tables (self->db)) == SQLITE_OK)
        rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          _pd_set_db_error (error, self->db, rc, _("Could not replace “%s” with “%s”"),
                            self->display_name, source_display);
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        }
      sqlite3_exec (self->db, "DETACH DATABASE restored", NULL, NULL, NULL);
      return rc == SQLITE_OK;
    }
  _pd_set_db_error (error, self->db, rc, _("Could not replace “%s” with “%s”"), self->display_name,
                    source_display);
  return FALSE;
}

gboolean
_pd_database_backup_before_migration (PdDatabase  *self,
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
  return make_backup_dir (dir_path, stem, error) &&
         backup_connection_to (self, path, error);
}

/* Copies the file at source into a new in-memory database, reading only. */
