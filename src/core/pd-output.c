/* pd-output.c: writing an output file through a temporary file and a rename
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pd-database.h"
#include "pd-error.h"
#include "pd-output.h"
#include "pd-types.h"

/* As the kernel's limit on links followed in one lookup. */
#define MAX_LINKS 40

struct _PdOutput
{
  char *target;    /* the file replaced: path itself, or what its symbolic links lead to */
  char *display;   /* the name the user gave */
  char *temp;
  int fd;
  int write_errno;   /* of the first failed pd_output_write() */
  gboolean done;
};

static void
set_error (GError     **error,
           int          saved_errno,
           const char  *display)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, pd_error_describe_errno (saved_errno));
}

/* Follows path's symbolic links to the file they lead to (which need not exist yet). */
static char *
resolve_links (const char  *path,
               const char  *display,
               GError     **error)
{
  g_autofree char *current = g_canonicalize_filename (path, NULL);

  for (int i = 0; i < MAX_LINKS; i++)
    {
      g_autofree char *link_text = NULL;
      g_autofree char *dir = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      if (!(link_text = g_file_read_link (current, NULL)))
        {
          set_error (error, errno, display);
          return NULL;
        }
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_canonicalize_filename (link_text, dir);
    }
  set_error (error, ELOOP, display);
  return NULL;
}

/* Refuses a target that exists and is no regular file. */
static gboolean
check_target (const char  *target,
              const char  *display,
              GError     **error)
{
  GStatBuf st;

  if (g_stat (target, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      set_error (error, errno, display);
      return FALSE;
    }
  if (S_ISREG (st.st_mode))
    return TRUE;
  if (S_ISDIR (st.st_mode))
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                 _("Could not write “%s”: it is a folder; give a file name"), display);
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 _("Could not write “%s”: it is a device or a pipe, not a file; give a file name"),
                 display);
  return FALSE;
}

PdOutput *
pd_output_open (const char  *path,
                GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *target = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *prefix = NULL;
  PdOutput *output;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (!(target = resolve_links (path, display, error)) ||
      !check_target (target, display, error))
    return NULL;

  /* ".<name>.part-XXXXXX": hidden, and a name no file of the user's has, so that what a
   * killed write left can be swept the next time (pd_remove_stale_temporaries). */
  prefix = pd_sweep_temporaries_beside (target, "part", &dir);
  temp = g_strdup_printf ("%s/%sXXXXXX", dir, prefix);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_error (error, errno, display);
      return NULL;
    }

  output = g_new0 (PdOutput, 1);
  output->target = g_steal_pointer (&target);
  output->display = g_steal_pointer (&display);
  output->temp = g_steal_pointer (&temp);
  output->fd = fd;
  return output;
}

int
pd_output_get_fd (PdOutput *output)
{
  g_return_val_if_fail (output != NULL, -1);

  return output->fd;
}

gboolean
pd_output_write (PdOutput   *output,
                 const void *data,
                 gsize       length)
{
  g_return_val_if_fail (output != NULL, FALSE);

  if (output->write_errno != 0)
    return FALSE;
  if (pd_write_all (output->fd, data, length))
    return TRUE;
  output->write_errno = errno != 0 ? errno : EIO;
  return FALSE;
}

void
pd_output_set_write_error (PdOutput  *output,
                           int        saved_errno,
                           GError   **error)
{
  g_return_if_fail (output != NULL);

  if (output->write_errno != 0)
    saved_errno = output->write_errno;
  set_error (error, saved_errno != 0 ? saved_errno : EIO, output->display);
}

gboolean
pd_output_commit (PdOutput  *output,
                  GError   **error)
{
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (!output->done, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  output->done = TRUE;
  do
    rc = fsync (output->fd);
  while (rc != 0 && errno == EINTR);
  if (rc != 0)
    {
      set_error (error, errno, output->display);
      return FALSE;
    }
  rc = close (output->fd);
  output->fd = -1;
  /* The target may have become something else meanwhile: check again, just before. */
  if (rc != 0)
    {
      set_error (error, errno, output->display);
      return FALSE;
    }
  if (!check_target (output->target, output->display, error))
    return FALSE;
  if (g_rename (output->temp, output->target) != 0)
    {
      set_error (error, errno, output->display);
      return FALSE;
    }
  g_clear_pointer (&output->temp, g_free);
  dir = g_path_get_dirname (output->target);
  pd_sync_folder (dir);
  return TRUE;
}

void
pd_output_free (PdOutput *output)
{
  if (output == NULL)
    return;
  if (output->fd >= 0)
    close (output->fd);
  if (output->temp != NULL)
    g_unlink (output->temp);
  g_free (output->target);
  g_free (output->display);
  g_free (output->temp);
  g_free (output);
}

gboolean
pd_output_write_contents (const char  *path,
                          const void  *data,
                          gsize        size,
                          GError     **error)
{
  g_autoptr(PdOutput) output = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strcmp (path, "-") == 0)
    {
      errno = 0;
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          int saved_errno = errno != 0 ? errno : EIO;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not write to standard output: %s"),
                       pd_error_describe_errno (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (!(output = pd_output_open (path, error)))
    return FALSE;
  if (!pd_output_write (output, data, size))
    {
      pd_output_set_write_error (output, 0, error);
      return FALSE;
    }
  return pd_output_commit (output, error);
}
