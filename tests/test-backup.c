/* test-backup.c: encrypted backups restored into an open diary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-backup"

#include <glib/gstdio.h>

#include "pd-backup.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "storage-fixture.h"
#include "test-util.h"

static void
test_restore_into_open_diary (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = fixture_file (fixture, "b.pdbackup");
  g_autofree char *previous = NULL;
  PdDatabase *db = fixture->db;
  g_autoptr(PdDatabase) other = NULL;
  GStatBuf st;
  gint64 base;

  {
    g_autoptr(GDate) end = g_date_new_dmy (1, 3, 2026);

    pd_generator_fill_demo (db, end, &error);
  }
  g_assert_no_error (error);
  base = count_entries (db);
  g_assert_true (pd_backup_write (db, backup, "right horse", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A second connection, as the reminders keep one. */
  other = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  log_pain (other, 5);
  g_clear_object (&other);
  other = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_cmpint (count_entries (db), ==, base + 1);

  /* A wrong passphrase changes nothing. */
  g_assert_false (pd_backup_restore_into (db, backup, "wrong horse", &previous, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (previous);
  g_assert_cmpint (count_entries (db), ==, base + 1);

  g_assert_true (pd_backup_restore_into (db, backup, "right horse", &previous, &error));
  g_assert_no_error (error);
  g_assert_nonnull (previous);
  g_assert_cmpint (count_entries (db), ==, base);
  g_assert_cmpint (count_entries (other), ==, base);
  /* The diary still works, and so does the backup of what it replaced. */
  log_pain (db, 3);
  g_assert_cmpint (count_entries (other), ==, base + 1);
  pd_diary_data_free (load_diary (other));
  {
    g_autoptr(PdDatabase) kept = open_diary (previous, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS);

    g_assert_cmpint (count_entries (kept), ==, base + 1);
  }
  g_clear_object (&other);
}

static void
test_daily (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = fixture_file (fixture, "Sync");
  PdDatabase *db = fixture->db;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  log_pain (db, 4);
  for (int day = 1; day <= 4; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 3, day, 12, 0, 0);
      g_autofree char *written = pd_backup_write_daily (db, folder, "daily words", now, 2, &error);
      g_autofree char *again = NULL;
      g_autofree char *expected = g_strdup_printf ("%s/diary-2026-03-%02d.pdbackup", folder, day);

      g_assert_no_error (error);
      g_assert_cmpstr (written, ==, expected);
      /* Once a day. */
      again = pd_backup_write_daily (db, folder, "daily words", now, 2, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, "");
    }
  /* The newest two are kept, and they open. */
  {
    g_autofree char *old = g_build_filename (folder, "diary-2026-03-02.pdbackup", NULL);
    g_autofree char *newest = g_build_filename (folder, "diary-2026-03-04.pdbackup", NULL);
    g_autofree char *restored = fixture_file (fixture, "restored.db");

    g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
    g_assert_true (pd_backup_decrypt (newest, "daily words", restored, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/backup/restore-into-open-diary", test_restore_into_open_diary },
    { "/backup/daily", test_daily },
  };

  return run_fixture_tests (&argc, &argv, fixture_set_up_open, tests, G_N_ELEMENTS (tests));
}
