/* test-crash.c: a diary survives its writer being killed at any moment
 *
 * Runs tests/crash-writer again and again on one diary, kills it with SIGKILL after a random
 * few milliseconds, and checks each time that the file is intact, that every entry the
 * writer acknowledged is there, and that no batch was half written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "test-util.h"
#include "pd-error.h"

#define N_RUNS 60
#define BATCH_SIZE 5

/* Starts the writer, lets it work for a while, kills it, and returns the ids it
 * acknowledged: complete lines only. */
static GPtrArray *
run_and_kill (const char *writer,
              const char *diary,
              guint       run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *run_arg = g_strdup_printf ("%u", run);
  g_autoptr(GByteArray) output = g_byte_array_new ();
  g_auto(GStrv) lines = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GInputStream *stdout_pipe;
  guint delay_ms = g_test_rand_int_range (0, 41);
  /* Most kills count from the writer's first acknowledged entry, so that they land among
   * the writes however long starting takes on a busy machine; every sixth counts from
   * the start, to land in opening (recovery, backups) too. */
  gboolean from_first_write = run % 6 != 0;
  guchar buffer[4096];
  gssize n_read;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              writer, diary, run_arg, NULL);
  g_assert_no_error (error);
  stdout_pipe = g_subprocess_get_stdout_pipe (process);

  while (from_first_write && (output->len == 0 || memchr (output->data, '\n', output->len) == NULL) &&
         (n_read = g_input_stream_read (stdout_pipe, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (output, buffer, n_read);
  g_assert_no_error (error);

  g_usleep (delay_ms * 1000);
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  /* Killed, not finished by itself: an exit would mean the writer hit an error. */
  g_assert_true (g_subprocess_get_if_signaled (process));

  while ((n_read = g_input_stream_read (stdout_pipe, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (output, buffer, n_read);
  g_assert_no_error (error);
  g_byte_array_append (output, (const guint8 *) "", 1);

  lines = g_strsplit ((const char *) output->data, "\n", -1);
  /* The last piece follows the last newline: empty, or a line cut short by the kill. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_assert_true (g_uuid_string_is_valid (lines[i]));
      g_ptr_array_add (ids, g_strdup (lines[i]));
    }

  g_test_message ("run %u: killed %u ms after %s, %u entries acknowledged", run, delay_ms,
                  from_first_write ? "its first write" : "it started", ids->len);
  return ids;
}

static void
assert_integrity (const char *diary)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (diary, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Every batch the writer began is in the diary whole or not at all. */
static void
assert_batches_whole (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = pd_database_list_pain_entries (db, G_MININT64, G_MAXINT64,
                                                                &error);
  g_autoptr(GHashTable) batches = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *note = pd_pain_entry_get_note (entries->pdata[i]);

      if (strstr (note, " batch ") != NULL)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (batches, note));

          g_hash_table_insert (batches, (gpointer) note, GUINT_TO_POINTER (n + 1));
        }
    }

  g_hash_table_iter_init (&iter, batches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) != BATCH_SIZE)
        g_error ("%s: %u of %d entries", (const char *) key, GPOINTER_TO_UINT (value),
                 BATCH_SIZE);
    }
}

static void
test_kill_while_writing (void)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *diary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 acknowledged = 0;
  guint runs_with_writes = 0;

  g_assert_true (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE));
  dir = g_dir_make_tmp ("pd-test-crash-XXXXXX", &error);
  g_assert_no_error (error);
  diary = g_build_filename (dir, "diary.db", NULL);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GPtrArray) ids = run_and_kill (writer, diary, run);
      PdDatabase *db;

      acknowledged += ids->len;
      runs_with_writes += ids->len > 0;

      /* The writer may have been killed before it created anything. */
      if (!g_file_test (diary, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpuint (ids->len, ==, 0);
          continue;
        }

      /* Open as the app would after a crash: it recovers the WAL and checks the file. */
      db = pd_database_open (diary, PD_DATABASE_NO_BACKUPS, &error);
      g_assert_no_error (error);
      assert_integrity (diary);

      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(PdPainEntry) entry = NULL;
          g_autofree char *prefix = g_strdup_printf ("run %u ", run);

          entry = pd_database_get_pain_entry (db, ids->pdata[i], &error);
          g_assert_no_error (error);
          g_assert_true (g_str_has_prefix (pd_pain_entry_get_note (entry), prefix));
        }
      g_assert_cmpint (pd_database_count_pain_entries (db, NULL), >=, acknowledged);
      assert_batches_whole (db);
      g_assert_finalize_object (db);
    }

  g_test_message ("%" G_GINT64_FORMAT " acknowledged entries over %d runs, %u runs wrote",
                  acknowledged, N_RUNS, runs_with_writes);
  /* Most kills must land while entries are being written, or this tests nothing. */
  g_assert_cmpuint (runs_with_writes, >=, N_RUNS / 2);

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill-while-writing", test_kill_while_writing);

  return g_test_run ();
}
