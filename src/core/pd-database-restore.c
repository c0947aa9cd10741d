/* pd-database-restore.c: a daily backup put in place of a damaged diary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order makes a kill harmless at any moment: the backup is copied into a temporary
 * file beside the diary and synced; the diary gets a second name (a hard link, or a copy
 * where the file system has none) so that it is kept; its -wal, -shm and -journal go with
 * that name, so that none is applied to the restored file; then the copy is renamed over
 * the diary and the folder synced. Until that rename the old diary is at its place, after
 * it the restored one.
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-error.h"

#define COPY_BUFFER_SIZE (256 * 1024)

/* Copies from into the open file fd and syncs it. */
static gboolean
copy_into (const char  *from,
           int          fd,
           const char  *display,
           GError     **error)
{
  g_autofree char *buffer = g_malloc (COPY_BUFFER_SIZE);
  g_autofree char *from_display = g_filename_display_name (from);
  int in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok = TRUE;

  if (in < 0)
    {
      _pd_set_io_error (error, errno, _("Could not read “%s”"), from_display);
      return FALSE;
    }
  while (ok)
    {
      gssize n = read (in, buffer, COPY_BUFFER_SIZE);
      gssize done = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          _pd_set_io_error (error, errno, _("Could not read “%s”"), from_display);
          ok = FALSE;
        }
      if (n <= 0)
        break;
      while (ok && done < n)
        {
          gssize w = write (fd, buffer + done, n - done);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              _pd_set_io_error (error, errno, _("Could not write “%s”"), display);
              ok = FALSE;
            }
          else
            done += w;
        }
    }
  g_close (in, NULL);
  if (ok && fsync (fd) != 0)
    {
      _pd_set_io_error (error, errno, _("Could not write “%s”"), display);
      ok = FALSE;
    }
  return ok;
}

/* A new private file at path (which must not exist) holding a synced copy of from. */
static gboolean
copy_to_new_file (const char  *from,
                  const char  *path,
                  const char  *display,
                  GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      _pd_set_io_error (error, errno, _("Could not write “%s”"), display);
      return FALSE;
    }
  ok = copy_into (from, fd, display, error);
  if (!g_close (fd, ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    g_remove (path);
  return ok;
}

char *
pd_database_real_file (const char  *path,
                       GError     **error)
{
  g_autofree char *display = NULL;
  GStatBuf st;
  char *real;
  char *file;

  if (g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);
  if ((real = realpath (path, NULL)) != NULL)
    {
      file = g_strdup (real);
      free (real);
      return file;
    }
  display = g_filename_display_name (path);
  g_set_error (error, PD_ERROR, PD_ERROR_IO,
               _("“%s” is a link to a file that does not exist; connect the drive or "
                 "folder it points to, or remove the link"), display);
  return NULL;
}

/* Gives file the second name kept (a hard link; a copy where the file system has none) and
 * moves its side files to that name. */
static gboolean
keep_aside (const char  *file,
            const char  *kept,
            GError     **error)
{
  static const char * const sides[] = { "-wal", "-shm", "-journal" };
  g_autofree char *display = g_filename_display_name (kept);

  if (link (file, kept) != 0)
    {
      int saved = errno;

      if (saved == EEXIST || saved == ENOENT || saved == EACCES || saved == EROFS ||
          saved == ENOSPC || !copy_to_new_file (file, kept, display, NULL))
        {
          _pd_set_io_error (error, saved, _("Could not keep the diary as “%s”"), display);
          return FALSE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *from = g_strconcat (file, sides[i], NULL);
      g_autofree char *to = g_strconcat (kept, sides[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          _pd_set_io_error (error, errno, _("Could not keep the diary as “%s”"), display);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pd_database_restore_file (const char  *path,
                          const char  *backup_path,
                          char       **kept_path,
                          GError     **error)
{
  g_autofree char *file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *dir_display = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *copy_display = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (kept_path != NULL)
    *kept_path = NULL;
  if (!(file = pd_database_real_file (path, error)))
    return FALSE;
  /* A restore killed before its rename left its copy: never a diary, removed once old. */
  prefix = pd_sweep_temporaries_beside (file, "restore", &dir);
  dir_display = g_filename_display_name (dir);
  copy = g_strdup_printf ("%s/%s%u-%" G_GINT64_FORMAT, dir, prefix, (guint) getpid (),
                          g_get_real_time ());
  copy_display = g_filename_display_name (copy);
  if (!copy_to_new_file (backup_path, copy, copy_display, error))
    return FALSE;

  if (g_file_test (file, G_FILE_TEST_EXISTS))
    {
      GStatBuf st;

      kept = g_strdup_printf ("%s.damaged-%s", file, stamp);
      /* Another restore in the same second: a name of its own. */
      for (guint n = 2; g_lstat (kept, &st) == 0; n++)
        {
          g_free (kept);
          kept = g_strdup_printf ("%s.damaged-%s-%u", file, stamp, n);
        }
      if (!keep_aside (file, kept, error))
        {
          g_remove (copy);
          return FALSE;
        }
    }
  if (g_rename (copy, file) != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      _pd_set_io_error (error, errno, _("Could not restore the backup as “%s”"), display);
      g_remove (copy);
      return FALSE;
    }
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return _pd_sync_path (dir, TRUE, dir_display, error);
}
