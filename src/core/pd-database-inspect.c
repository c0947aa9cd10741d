/* pd-database-inspect.c: inspecting a file before anything writes to it, for opening a
 * diary and for choosing a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-error.h"

#define SQLITE_HEADER_SIZE 100

/* Reads the header through SQLite's own file layer, not a descriptor of ours: closing any
 * descriptor of a file drops every POSIX lock this process holds on it, the locks of another
 * connection to the same diary included (the reminder service keeps one), after which
 * another process may take the WAL away from under it. SQLite's unix layer shares one set of
 * descriptors per file and closes them only when no lock is held. */
static gboolean
has_sqlite_header (const char  *path,
                   const char  *display,
                   GError     **error)
{
  static const char magic[] = "SQLite format 3";
  char header[SQLITE_HEADER_SIZE];
  sqlite3 *db = NULL;
  sqlite3_file *file = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    {
      int saved_errno = db != NULL ? sqlite3_system_errno (db) : 0;

      sqlite3_close_v2 (db);
      _pd_set_io_error (error, saved_errno != 0 ? saved_errno : ENOENT, _("Could not open “%s”"),
                        display);
      return FALSE;
    }
  /* A short file reads as SQLITE_IOERR_SHORT_READ: not a diary. */
  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  sqlite3_close_v2 (db);

  return rc == SQLITE_OK && memcmp (header, magic, sizeof magic) == 0;
}

/* Reading connections read through a small page cache, not through mmap: every mapped page
 * they touch counts in the process's resident memory while the connection lives (issue 11),
 * and on these machines mapping the pages costs more CPU than copying them into a cache
 * that stays in the processor's (the CSV export of the 10-year diary: 101 ms of CPU through
 * mmap, 93 ms through 256 KiB of cache, 97 ms through 1 MiB; 64 KiB thrash). */
void
_pd_read_through_small_cache (sqlite3 *db)
{
  sqlite3_exec (db, "PRAGMA mmap_size = 0; PRAGMA cache_size = -256", NULL, NULL, NULL);
}

int
_pd_open_for_inspection (const char  *path,
                         sqlite3    **db)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_READONLY;
  const char *filename = path;
  int rc;

  if (!_pd_sibling_exists (path, "-wal") && !_pd_sibling_exists (path, "-journal"))
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
    {
      sqlite3_busy_timeout (*db, BUSY_TIMEOUT_MS);
      _pd_read_through_small_cache (*db);
    }
  return rc;
}

static void
set_inspection_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *display)
{
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
      _pd_set_db_error (error, db, rc, _("Could not read “%s”"), display);
      break;
    }
}

gboolean
_pd_check_verdict (sqlite3     *db,
                   int          rc,
                   char        *check,
                   const char  *path,
                   const char  *display,
                   GError     **error)
{
  if (rc != SQLITE_OK)
    {
      set_inspection_error (error, db, rc, display);
      return FALSE;
    }
  if (g_strcmp0 (check, "ok") != 0)
    {
      g_debug ("quick_check of %s: %.200s", path, g_strdelimit (check, "\n", ' '));
      g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED, _("“%s” is damaged"), display);
      return FALSE;
    }
  return TRUE;
}

/* The tables each schema version has; a diary without one of them is damaged, whatever
 * PRAGMA quick_check says. */
static const struct
{
  int since_version;
  const char *name;
} required_tables[] = {
  { 1, "pain_entries" },
  { 2, "meta" },
  { 3, "medications" },
  { 3, "doses" },
  { 3, "activities" },
  { 3, "events" },
  { 6, "function_activities" },
  { 6, "function_ratings" },
  { 6, "impressions" },
};

/* The first table that a diary of version lacks, in *missing (NULL for none). */
static int
find_missing_table (sqlite3     *db,
                    int          version,
                    const char **missing)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *missing = NULL;
  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (required_tables); i++)
    {
      if (required_tables[i].since_version > version)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, required_tables[i].name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;
      rc = SQLITE_OK;
      if (sqlite3_column_int (stmt, 0) == 0)
        {
          *missing = required_tables[i].name;
          break;
        }
    }
  return rc;
}

int
_pd_inspect_file (const char  *path,
                  const char  *display,
                  sqlite3    **deferred,
                  GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *check = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 application_id = 0;
  gint64 version = 0;
  gint64 n_objects = 0;
  GStatBuf st;
  int rc;

  if (!has_sqlite_header (path, display, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                     _("“%s” is not a Pain Diary file"), display);
      return -1;
    }

  rc = _pd_open_for_inspection (path, &db);
  /* One read transaction, so that all the answers describe the same state. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = _pd_query_int (db, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = _pd_query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = _pd_query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc != SQLITE_OK)
    {
      set_inspection_error (error, db, rc, display);
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

  {
    const char *missing = NULL;

    rc = find_missing_table (db, (int) version, &missing);
    if (rc != SQLITE_OK)
      {
        set_inspection_error (error, db, rc, display);
        return -1;
      }
    if (missing != NULL)
      {
        g_debug ("%s (schema %d) has no table %s", path, (int) version, missing);
        g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED, _("“%s” is damaged"), display);
        return -1;
      }
  }

  /* This process holds the file open already, found sound (not a copy of it). */
  if (g_stat (path, &st) == 0 && _pd_file_is_checked (&st))
    {
      g_debug ("%s is open and was checked already", path);
      return (int) version;
    }

  /* Checked later, in the same read transaction: the caller's thread runs it. */
  if (deferred != NULL)
    {
      *deferred = g_steal_pointer (&db);
      return (int) version;
    }

  rc = _pd_quick_check (db, &check);
  if (!_pd_check_verdict (db, rc, check, path, display, error))
    return -1;
  return (int) version;
}
