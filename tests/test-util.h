/* test-util.h: what the storage tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>

/* Orders an array of strings (g_ptr_array_sort). */
static inline int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a folder, sorted; none when there is no such folder. */
static inline GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Removes a temporary directory and everything in it (not following symbolic links). */
static inline void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GPtrArray) names = list_dir (path);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

/* What folder_state records of each file beside its name, mode, size and a hash of its
 * bytes: with FOLDER_AND_TIMES its modification time too (a reader of a diary in WAL mode
 * still writes to its -shm file, with the same bytes). */
typedef enum
{
  FOLDER_CONTENTS,
  FOLDER_AND_TIMES,
} FolderDetail;

/* Every name in a folder with what detail says of it: what "left unchanged, nothing
 * created" compares (assert_folder_unchanged). */
static inline char *
folder_state (const char   *dir,
              FolderDetail  detail)
{
  g_autoptr(GString) state = g_string_new (NULL);
  g_autoptr(GPtrArray) names = list_dir (dir);

  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *sum = NULL;
      gsize length = 0;
      GStatBuf st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      if (S_ISREG (st.st_mode) && g_file_get_contents (path, &contents, &length, NULL))
        sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      g_string_append_printf (state, "%s %o %" G_GINT64_FORMAT " %s", (char *) names->pdata[i],
                              (unsigned) st.st_mode, (gint64) st.st_size, sum ? sum : "-");
      if (detail == FOLDER_AND_TIMES)
        g_string_append_printf (state, " %lld.%09ld", (long long) st.st_mtim.tv_sec,
                                st.st_mtim.tv_nsec);
      g_string_append_c (state, '\n');
    }
  return g_string_free (g_steal_pointer (&state), FALSE);
}

/* The folder is as folder_state (dir, detail) described it before. */
static inline void
assert_folder_unchanged (const char   *dir,
                         FolderDetail  detail,
                         const char   *before)
{
  g_autofree char *after = folder_state (dir, detail);

  g_assert_cmpstr (after, ==, before);
}

/* A new temporary folder made from template (as g_dir_make_tmp); the test fails when it
 * cannot be made. */
static inline char *
make_tmp_dir (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* The Julian day number of a calendar date. */
static inline guint32
julian (int year,
        int month,
        int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

/* Whether a program the test runs is on PATH. */
static inline gboolean
test_have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* Copies a file (a diary) to a new one that only its owner may read and write. */
static inline void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, NULL));
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * that user_data points
 * to (which must be NULL before): wait_for_result then gives it to the _finish call. */
static inline void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main context until store_result_cb filled *result. */
static inline GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}
