/* pd-input-file.c: what a file to read (a CSV to import or review) must be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-input-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pd-error.h"
#include "pd-input-file.h"

gboolean
pd_input_file_check (const char  *path,
                     goffset      max_size,
                     GError     **error)
{
  g_autofree char *display = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  /* Non-blocking: opening a FIFO with no writer would wait for one forever. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EISDIR)
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("“%s” is a folder, not a file"), display);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not open “%s”: %s"), display,
                     g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” is a folder, not a file"), display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is a device or a pipe, not a file; only a file can be read"), display);
      return FALSE;
    }
  if (st.st_size > max_size)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is larger than %d MB; a diary CSV is never that big"), display,
                   (int) (max_size / (1024 * 1024)));
      return FALSE;
    }
  return TRUE;
}
