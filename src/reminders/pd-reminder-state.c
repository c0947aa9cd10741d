/* pd-reminder-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-reminder-state"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "pd-reminder-state.h"

#define KEY_PATH     "path"
#define KEY_LAST_RUN "last-run"

char *
pd_reminder_state_get_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "pain-diary", "reminders.ini", NULL);
}

static char *
group_for (const char *diary_path)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, diary_path, -1);
}

static GKeyFile *
load (const char *path)
{
  GKeyFile *file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, &error)
      && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_warning ("Ignoring the reminders' state %s: %s", path, error->message);
  return file;
}

gint64
pd_reminder_state_get_last_run (const char *diary_path)
{
  g_autofree char *path = pd_reminder_state_get_path ();
  g_autofree char *group = NULL;
  g_autofree char *stored_path = NULL;
  g_autoptr(GKeyFile) file = NULL;
  gint64 last_run;

  g_return_val_if_fail (diary_path != NULL, 0);

  file = load (path);
  group = group_for (diary_path);
  stored_path = g_key_file_get_string (file, group, KEY_PATH, NULL);
  if (g_strcmp0 (stored_path, diary_path) != 0)
    return 0;
  last_run = g_key_file_get_int64 (file, group, KEY_LAST_RUN, NULL);
  return MAX (last_run, 0);
}

gboolean
pd_reminder_state_set_last_run (const char  *diary_path,
                                gint64       last_run,
                                GError     **error)
{
  g_autofree char *path = pd_reminder_state_get_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *group = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) file = NULL;
  gsize length;

  g_return_val_if_fail (diary_path != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  file = load (path);
  group = group_for (diary_path);
  g_key_file_set_string (file, group, KEY_PATH, diary_path);
  g_key_file_set_int64 (file, group, KEY_LAST_RUN, last_run);
  data = g_key_file_to_data (file, &length, NULL);
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
