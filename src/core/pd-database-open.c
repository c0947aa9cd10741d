/* pd-database-open.c: opening a diary: inspecting the file, copies, read-only and read-write connections, the deferred check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-error.h"

static sqlite3 *
copy_into_memory (const char  *source,
                  const char  *display_name,
                  GError     **error)
{
  g_autoptr(sqlite3) file_db = NULL;
  g_autoptr(sqlite3) memory_db = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = _pd_open_for_inspection (source, &file_db);
  if (rc != SQLITE_OK)
    {
      _pd_set_db_error (error, file_db, rc, _("Could not open “%s”"), display_name);
      return NULL;
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
      _pd_set_db_error (error, memory_db, rc, _("Could not read “%s”"), display_name);
      return NULL;
    }
  return g_steal_pointer (&memory_db);
}

/* A read-only diary with an older schema, and every snapshot, is copied into memory (and
 * migrated there), so it can be reviewed without changing the file. source is the file to
 * read: the diary itself or a private copy of it. */
static gboolean
open_read_only (PdDatabase  *self,
                const char  *source,
                int          version,
                gboolean     snapshot,
                GError     **error)
{
  g_autoptr(sqlite3) file_db = NULL;
  g_autoptr(sqlite3) memory_db = NULL;
  int rc;

  if (version == PD_DATABASE_SCHEMA_VERSION && !snapshot)
    {
      rc = _pd_open_for_inspection (source, &file_db);
      if (rc != SQLITE_OK)
        {
          _pd_set_db_error (error, file_db, rc, _("Could not open “%s”"), self->display_name);
          return FALSE;
        }
      if (!_pd_configure_connection (file_db, TRUE, error))
        return FALSE;
      self->db = g_steal_pointer (&file_db);
      _pd_database_count_file (self);
      return TRUE;
    }

  if (!(memory_db = copy_into_memory (source, self->display_name, error)) ||
      !_pd_prepare_schema (memory_db, self->display_name, error) ||
      !_pd_configure_connection (memory_db, TRUE, error))
    return FALSE;

  self->db = g_steal_pointer (&memory_db);
  return TRUE;
}

static gboolean
open_read_write (PdDatabase       *self,
                 const char       *file,
                 int               version,
                 PdDatabaseFlags   flags,
                 GError          **error)
{
  int rc;

  rc = sqlite3_open_v2 (file, &self->db, SQLITE_OPEN_READWRITE, _pd_write_vfs);
  _pd_database_count_file (self);
  if (rc != SQLITE_OK)
    {
      _pd_set_db_error (error, self->db, rc, _("Could not open “%s”"), self->display_name);
      return FALSE;
    }
  if (!_pd_configure_connection (self->db, FALSE, error))
    return FALSE;

  if (version > 0 && version < PD_DATABASE_SCHEMA_VERSION &&
      !_pd_database_backup_before_migration (self, error))
    return FALSE;
  if (!_pd_prepare_schema (self->db, self->display_name, error))
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

/* Snapshots of a diary that has a -wal or -journal beside it */

static void
remove_private_copy (const char *dir,
                     const char *copy)
{
  pd_remove_diary_file (copy);
  g_rmdir (dir);
}

/* A diary with a -wal or -journal beside it has its latest writes there (or is open in Pain
 * Diary right now). Reading it in place would create a -shm file beside it, or write into it
 * to recover; so the diary and those files are copied into a new folder of mode 0700, and
 * the copy is recovered there into one file. Returns the copy's path, and in *dir the
 * folder to remove afterwards. */
static char *
make_private_copy (const char  *path,
                   const char  *display_name,
                   char       **dir,
                   GError     **error)
{
  const char *suffixes[] = { "", "-wal", "-journal" };
  g_autofree char *tmp_dir = NULL;
  g_autofree char *copy = NULL;
  sqlite3 *db = NULL;

  if (!(tmp_dir = g_dir_make_tmp ("pain-diary-review-XXXXXX", error)))
    return NULL;
  copy = g_build_filename (tmp_dir, "diary.db", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) dest = g_file_new_for_path (to);
      g_autoptr(GError) local_error = NULL;

      if (i > 0 && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error) ||
          g_chmod (to, 0600) != 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"), display_name,
                       local_error ? local_error->message : g_strerror (errno));
          remove_private_copy (tmp_dir, copy);
          return NULL;
        }
    }

  /* Whatever this finds wrong, the inspection of the copy reports. */
  if (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  sqlite3_close (db);

  *dir = g_steal_pointer (&tmp_dir);
  return g_steal_pointer (&copy);
}

static gpointer
check_thread_run (gpointer user_data)
{
  PdDatabase *self = user_data;

  self->check_rc = _pd_quick_check (self->check_db, &self->check_result);
  return NULL;
}

/* What lies beside a diary file, and what that asks of a reader. */
typedef struct
{
  gboolean journal;   /* a -journal: maybe hot, and SQLite would roll it back on reading */
  gboolean wal;
  gboolean shm;       /* a -wal without it is left over: no connection has the diary open */
  gboolean writable;  /* the file and its folder */
} PdSides;

static void
look_beside (const char *path,
             GStatBuf   *st,
             PdSides    *sides)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf dir_st;

  sides->journal = _pd_sibling_exists (path, "-journal");
  sides->wal = _pd_sibling_exists (path, "-wal");
  sides->shm = _pd_sibling_exists (path, "-shm");
  sides->writable = _pd_can_write (path, st->st_mode) && g_stat (dir, &dir_st) == 0 &&
                    _pd_can_write (dir, dir_st.st_mode);
}

/* Whether the file is inspected (and, read-only, read) on a private copy: whenever reading
 * it in place could write into or beside it. A -wal that no connection uses (no -shm beside
 * it: left by a crash, or copied with the diary) may not even be the diary's own, and makes
 * it look damaged: reading in place would leave a new -shm beside a diary found damaged. */
static gboolean
needs_private_copy (const PdSides *sides,
                    gboolean       read_only,
                    gboolean       snapshot)
{
  gboolean left_over_wal = sides->wal && !sides->shm;

  if (snapshot)
    return sides->journal || sides->wal;
  if (read_only)
    return sides->journal || (sides->wal && !sides->writable) || left_over_wal;
  return sides->journal || left_over_wal;
}

/* The schema version of the file at source (0: nothing in it yet); -1 on error. */
static int
inspect_source (PdDatabase  *self,
                const char  *source,
                gboolean     offer_backup,
                sqlite3    **deferred,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  int version;

  if (g_stat (source, &st) == 0 && st.st_size == 0)
    return 0;
  version = _pd_inspect_file (source, self->display_name, deferred, &local_error);
  if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DAMAGED) && offer_backup)
    explain_damage (&local_error, self->path, self->display_name);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return version;
}

/* The file that path names, its symbolic links followed (path itself when it names nothing).
 * SQLite keeps the -wal, -shm and -journal beside that file, not beside a link to it: so
 * that is where to look for them, and its folder is the one that must be writable. The
 * diary keeps the name it was given (messages, backups). */
static char *
resolve_links (const char *path)
{
  char *real = realpath (path, NULL);
  char *resolved = g_strdup (real != NULL ? real : path);

  free (real);
  return resolved;
}

/* A link to nothing is refused, not followed: the folder it points to may be a drive or a
 * synchronised folder that is not there now, and a new empty diary there would hide the
 * real one once it is back. */
static gboolean
check_not_dangling (const char  *path,
                    const char  *display_name,
                    GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *target_display = NULL;
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return TRUE;
  target = g_file_read_link (path, NULL);
  target_display = target != NULL ? g_filename_display_name (target) : g_strdup ("?");
  g_set_error (error, PD_ERROR, PD_ERROR_IO,
               _("“%s” is a link to “%s”, which does not exist; connect the drive or folder "
                 "it points to, or remove the link"), display_name, target_display);
  return FALSE;
}

static PdDatabase *
open_database (const char       *path,
               PdDatabaseFlags   flags,
               GError          **error)
{
  g_autoptr(PdDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean snapshot = (flags & PD_DATABASE_SNAPSHOT) != 0;
  gboolean read_only = snapshot || (flags & PD_DATABASE_READ_ONLY) != 0;
  gboolean check_later;
  gboolean use_copy;
  g_autofree char *copy_dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *file = NULL;
  const char *source;
  PdSides sides;
  GStatBuf st;
  int version = 0;
  gboolean ok;

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

      if (saved_errno == ENOENT && !check_not_dangling (self->path, self->display_name, error))
        return NULL;
      if (saved_errno != ENOENT || read_only)
        {
          _pd_set_io_error (error, saved_errno, _("Could not open “%s”"), self->display_name);
          return NULL;
        }
      dir_path = g_path_get_dirname (self->path);
      if (!_pd_make_private_dir (dir_path, error) ||
          !_pd_create_diary_file (self->path, self->display_name, FALSE, error))
        return NULL;
      if (g_stat (self->path, &st) != 0)
        {
          _pd_set_io_error (error, errno, _("Could not open “%s”"), self->display_name);
          return NULL;
        }
    }
  file = resolve_links (self->path);
  source = file;
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                   _("“%s” is a folder, not a Pain Diary file; choose the diary file"),
                   self->display_name);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is not a Pain Diary file"),
                   self->display_name);
      return NULL;
    }
  if (!read_only && !_pd_check_can_write (file, &st, self->display_name, error))
    return NULL;

  look_beside (file, &st, &sides);
  use_copy = needs_private_copy (&sides, read_only, snapshot);
  check_later = read_only && !use_copy && (flags & PD_DATABASE_CHECK_LATER) != 0;
  if (use_copy)
    {
      if (!(copy = make_private_copy (file, self->display_name, &copy_dir, error)))
        return NULL;
      source = copy;
    }
  /* The backups offered are the diary's own; a snapshot never restores anything. */
  version = inspect_source (self, source, !snapshot, check_later ? &self->check_db : NULL,
                            &local_error);

  if (local_error == NULL && !read_only && version == 0)
    {
      /* Empty, or left so by an interrupted creation (the copy showed what recovery gives):
       * nothing to lose, so a new diary replaces it. */
      if (sides.journal || sides.wal)
        _pd_recover_in_place (file);
      if (_pd_create_diary_file (file, self->display_name, TRUE, &local_error))
        version = PD_DATABASE_SCHEMA_VERSION;
    }

  if (local_error == NULL && read_only && version == 0)
    g_set_error (&local_error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is an empty file"),
                 self->display_name);

  if (local_error != NULL)
    ok = (g_propagate_error (error, g_steal_pointer (&local_error)), FALSE);
  else if (read_only)
    ok = open_read_only (self, source, version, snapshot || use_copy, error);
  else
    ok = open_read_write (self, file, version, flags, error);

  if (copy != NULL)
    remove_private_copy (copy_dir, copy);
  if (ok && self->check_db != NULL)
    self->check_thread = g_thread_new ("pd-check", check_thread_run, self);
  /* The file itself (not a copy), found sound: checked now, or held so already; and the
   * connection is to it (not to an older diary migrated into memory). */
  else if (ok && self->counted && !use_copy && version > 0 && g_stat (file, &st) == 0)
    _pd_database_hold_checked_file (self, &st);
  return ok ? g_steal_pointer (&self) : NULL;
}

PdDatabase *
pd_database_open (const char       *path,
                  PdDatabaseFlags   flags,
                  GError          **error)
{
  static GRecMutex one_at_a_time;
  PdDatabase *self;

  /* Counted while it opens too: it reads the file on connections of its own first. One
   * opening at a time: a second one of the same diary (the reminders', as the window's own
   * opens) then finds the file held and checked (_pd_file_is_checked) instead of reading it
   * all again alongside. */
  _pd_database_count_opening (TRUE);
  g_rec_mutex_lock (&one_at_a_time);
  self = open_database (path, flags, error);
  g_rec_mutex_unlock (&one_at_a_time);
  _pd_database_count_opening (FALSE);
  return self;
}

gboolean
pd_database_finish_check (PdDatabase  *self,
                          GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->check_thread != NULL)
    g_thread_join (g_steal_pointer (&self->check_thread));
  if (self->check_db == NULL)
    return TRUE;
  if (!_pd_check_verdict (self->check_db, self->check_rc, self->check_result, self->path,
                      self->display_name, error))
    {
      if (error != NULL && g_error_matches (*error, PD_ERROR, PD_ERROR_DAMAGED))
        explain_damage (error, self->path, self->display_name);
      return FALSE;
    }
  g_clear_pointer (&self->check_db, sqlite3_close_v2);
  g_clear_pointer (&self->check_result, g_free);
  return TRUE;
}

PdDatabase *
pd_database_new_in_memory (const char  *name,
                           GError     **error)
{
  g_autoptr(PdDatabase) self = NULL;
  int rc;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PD_TYPE_DATABASE, NULL);
  self->path = g_canonicalize_filename (name, NULL);
  self->display_name = g_filename_display_name (self->path);

  rc = sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _pd_set_db_error (error, self->db, rc, _("Could not open “%s”"), self->display_name);
      return NULL;
    }
  if (!_pd_configure_connection (self->db, FALSE, error) ||
      !_pd_prepare_schema (self->db, self->display_name, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
pd_database_make_read_only (PdDatabase *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth == 0);

  locker = g_rec_mutex_locker_new (&self->mutex);
  self->read_only = TRUE;
  /* Belt and braces: SQLite itself refuses writes too. */
  sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
}
