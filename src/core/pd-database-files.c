/* pd-database-files.c: the diary file on disk: private files and folders, permissions, creating a diary file safely
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

/* Small SQLite helpers */

/* Prepares sql and steps to its first row: SQLITE_OK with *stmt on it, else the error
 * (SQLITE_ERROR for no row). */
static int
step_first_row (sqlite3       *db,
                const char    *sql,
                sqlite3_stmt **stmt)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (*stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  return SQLITE_OK;
}

int
_pd_query_int (sqlite3    *db,
               const char *sql,
               gint64     *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = step_first_row (db, sql, &stmt);

  if (rc == SQLITE_OK)
    *value = sqlite3_column_int64 (stmt, 0);
  return rc;
}

/* The first line PRAGMA quick_check returns: "ok" for a sound file. */
int
_pd_quick_check (sqlite3  *db,
                 char    **result)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = step_first_row (db, "PRAGMA quick_check", &stmt);

  if (rc == SQLITE_OK)
    *result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return rc;
}

gboolean
_pd_create_private_file (const char  *path,
                         GError     **error)
{
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      _pd_set_io_error (error, saved_errno, _("Could not create “%s”"), display);
      return FALSE;
    }
  return g_close (fd, error);
}

gboolean
_pd_make_private_dir (const char  *path,
                      GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      _pd_set_io_error (error, saved_errno, _("Could not create the folder “%s”"), display);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pd_sibling_exists (const char *path,
                    const char *suffix)
{
  g_autofree char *sibling = g_strconcat (path, suffix, NULL);

  return g_file_test (sibling, G_FILE_TEST_EXISTS);
}

/* Whether this user may write path. A file or folder without any write permission bit is
 * read-only by the owner's choice, also for root (whom access() lets write anything). */
gboolean
_pd_can_write (const char *path,
               mode_t      mode)
{
  return (mode & 0222) != 0 && g_access (path, W_OK) == 0;
}

/* Refuses, before anything is written into or beside it, a diary that is a read-only file or
 * lies in a folder this user cannot write (where no -wal, -shm or backup can be made). */
gboolean
_pd_check_can_write (const char  *path,
                     GStatBuf    *st,
                     const char  *display,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf dir_st;

  if (!_pd_can_write (path, st->st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY,
                   _("“%s” is a read-only file; it was left unchanged. It can still be read "
                     "(exported, reviewed), or made writable to record in it"), display);
      return FALSE;
    }
  if (g_stat (dir, &dir_st) != 0 || !_pd_can_write (dir, dir_st.st_mode))
    {
      g_autofree char *dir_display = g_filename_display_name (dir);

      g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY,
                   _("“%s” is in the folder “%s”, which cannot be written; the diary was left "
                     "unchanged. It can still be read (exported, reviewed)"), display,
                   dir_display);
      return FALSE;
    }
  return TRUE;
}

/* Syncs a file, or a folder after a rename in it; a file system that cannot sync a folder
 * (EINVAL) has nothing to sync. */
gboolean
_pd_sync_path (const char  *path,
               gboolean     is_dir,
               const char  *display,
               GError     **error)
{
  int fd;
  int rc;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | (is_dir ? O_DIRECTORY : 0), 0);
  if (fd < 0)
    {
      _pd_set_io_error (error, errno, _("Could not write “%s”"), display);
      return FALSE;
    }
  do
    rc = fsync (fd);
  while (rc != 0 && errno == EINTR);
  if (rc != 0 && !(is_dir && (errno == EINVAL || errno == EROFS)))
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      _pd_set_io_error (error, saved_errno, _("Could not write “%s”"), display);
      return FALSE;
    }
  return g_close (fd, error);
}

void
pd_sync_folder (const char *dir_path)
{
  _pd_sync_path (dir_path, TRUE, dir_path, NULL);
}

void
pd_remove_diary_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      g_remove (side);
    }
}

/* A creation killed before its rename leaves ".<base>.new-XXXXXX" (and its -journal) behind,
 * a backup killed before its rename "<name>.part": never a diary or a backup, so removed
 * once old enough not to be another process's creation under way. Files of dir_path whose
 * names start with prefix and end with suffix. */
#define STALE_TEMPORARY_AGE_S (10 * 60)

void
pd_remove_stale_temporaries (const char *dir_path,
                              const char *prefix,
                              const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, suffix))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - (gint64) st.st_mtime > STALE_TEMPORARY_AGE_S)
        g_remove (path);
    }
}

char *
pd_sweep_temporaries_beside (const char  *path,
                             const char  *kind,
                             char       **dir_path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *prefix = g_strdup_printf (".%s.%s-", base, kind);

  *dir_path = g_path_get_dirname (path);
  pd_remove_stale_temporaries (*dir_path, prefix, "");
  return prefix;
}

/* Builds a new diary, complete, in a temporary file (0600) beside path, syncs it and renames
 * it into place, then syncs the folder: a kill at any moment leaves no diary or a complete
 * one. With replace FALSE a file that appeared at path meanwhile (another Pain Diary got
 * there first) is kept; with TRUE, path (empty, nothing to lose) is replaced. */
gboolean
_pd_create_diary_file (const char  *path,
                       const char  *display,
                       gboolean     replace,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *prefix = pd_sweep_temporaries_beside (path, "new", &dir);
  g_autofree char *tmp = g_strdup_printf ("%s/%sXXXXXX", dir, prefix);
  g_autofree char *dir_display = g_filename_display_name (dir);
  sqlite3 *db = NULL;
  int fd;
  int rc;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      _pd_set_io_error (error, errno, _("Could not create “%s”"), display);
      return FALSE;
    }
  g_close (fd, NULL);

  /* Built with a journal kept in memory (the temporary file is thrown away on any failure;
   * and a failed write or sync is then the file's own, which keeps its system error), then
   * switched to WAL while it has its temporary name: the diary file never changes its mode
   * under its own name. */
  rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, _pd_write_vfs);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = FULL; BEGIN IMMEDIATE",
                       NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, _pd_schema_latest, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT; PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _pd_set_db_error (error, db, rc, _("Could not create “%s”"), display);
      sqlite3_close (db);
      pd_remove_diary_file (tmp);
      return FALSE;
    }
  rc = sqlite3_close (db);
  if (rc != SQLITE_OK || !_pd_sync_path (tmp, FALSE, display, error))
    {
      if (rc != SQLITE_OK)
        _pd_set_io_error (error, EIO, _("Could not create “%s”"), display);
      pd_remove_diary_file (tmp);
      return FALSE;
    }

  if (replace)
    rc = g_rename (tmp, path);
  else
    {
      /* link() never replaces: of two processes creating the same diary, one wins. */
      rc = link (tmp, path);
      if (rc != 0 && errno != EEXIST)
        rc = g_rename (tmp, path);
    }
  if (rc != 0 && errno != EEXIST)
    {
      _pd_set_io_error (error, errno, _("Could not create “%s”"), display);
      g_remove (tmp);
      return FALSE;
    }
  g_remove (tmp);
  return _pd_sync_path (dir, TRUE, dir_display, error);
}

/* A file that an interrupted creation left (empty, or a first page with a hot journal) holds
 * nothing to lose; the caller checked that on a copy. Recovering it in place first (SQLite
 * rolls the journal back) leaves an empty file if a kill comes before the new diary replaces
 * it, never a half-written one. */
void
_pd_recover_in_place (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, _pd_write_vfs) == SQLITE_OK)
    sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  sqlite3_close (db);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-journal", "-wal", "-shm" };
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_remove (side);
    }
}
