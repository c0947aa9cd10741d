/* test-backup.c: encrypted backups restored into an open diary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-backup"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "pd-backup.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "storage-fixture.h"
#include "test-util.h"

/* Writes the fixture's diary to backup with the passphrase "right horse". */
static void
write_backup (Fixture    *fixture,
              const char *backup)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_backup_write (fixture->db, backup, "right horse", &error));
  g_assert_no_error (error);
}

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
  write_backup (fixture, backup);
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

/* A folder of the kind a backup keeps its unencrypted snapshot in, under the temporary
 * folder, holding a file, last changed age_s seconds ago. */
static char *
make_snapshot_folder (const char *name,
                      int         age_s)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autofree char *file = g_build_filename (path, "diary.db", NULL);
  struct utimbuf times;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "SQLite format 3", -1, NULL));
  times.actime = times.modtime = time (NULL) - age_s;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  return g_steal_pointer (&path);
}

/* The snapshot folders in the temporary folder, by name. */
static char *
snapshot_folders (void)
{
  g_autoptr(GPtrArray) names = list_dir (g_get_tmp_dir ());
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (names, i), "pain-diary-backup-"))
      g_string_append_printf (found, "%s ", (const char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&found), FALSE);
}

/* A backup leaves no unencrypted copy of the diary behind, and removes the one a killed
 * backup left (its folder unlocked), but not another backup's still in use (locked) or
 * just made. */
static void
test_snapshots_removed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = fixture_file (fixture, "b.pdbackup");
  g_autofree char *in_use = make_snapshot_folder ("pain-diary-backup-IN-USE", 600);
  g_autofree char *young = make_snapshot_folder ("pain-diary-backup-YOUNG", 0);
  g_autofree char *found = NULL;
  int lock_fd;

  /* A killed backup's folder, which the next backup removes. */
  g_free (make_snapshot_folder ("pain-diary-backup-KILLED", 600));

  lock_fd = open (in_use, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  g_assert_cmpint (lock_fd, >=, 0);
  g_assert_cmpint (flock (lock_fd, LOCK_EX), ==, 0);

  log_pain (fixture->db, 4);
  write_backup (fixture, backup);
  found = snapshot_folders ();
  g_assert_cmpstr (found, ==, "pain-diary-backup-IN-USE pain-diary-backup-YOUNG ");

  close (lock_fd);
  remove_tree (in_use);
  remove_tree (young);
}

/* A restore killed before its rename leaves a plain copy of the backup's diary beside the
 * diary: the next restore removes the stale ones, and leaves a fresh one (another restore
 * under way) and other files alone. */
static void
test_stale_restores_removed (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = fixture_file (fixture, "b.pdbackup");
  g_autofree char *diary = fixture_file (fixture, "restored.db");
  const struct { const char *name; int age_s; gboolean kept; } files[] = {
    { ".restored.db.restore-4242", 3600, FALSE },
    { ".restored.db.restore-4242-wal", 3600, FALSE },
    { ".restored.db.restore-4343.QX71Z3", 3600, FALSE },
    { ".restored.db.restore-4444.AB12Z3", 0, TRUE },
    { ".other.db.restore-4242", 3600, TRUE },
  };

  log_pain (fixture->db, 4);
  write_backup (fixture, backup);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture_file (fixture, files[i].name);
      struct utimbuf times;

      g_assert_true (g_file_set_contents (path, "SQLite format 3", -1, NULL));
      times.actime = times.modtime = time (NULL) - files[i].age_s;
      g_assert_cmpint (g_utime (path, &times), ==, 0);
    }

  g_assert_true (pd_backup_restore (backup, "right horse", diary, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture_file (fixture, files[i].name);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, files[i].kept);
    }
  {
    g_autoptr(PdDatabase) restored = open_diary (diary, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS);

    g_assert_cmpint (count_entries (restored), ==, 1);
  }
}

/* A diary reached through a symbolic link is restored in the file the link points to, and
 * the link is kept; a link to nothing is refused and left alone. */
static void
test_restore_through_link (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = fixture_file (fixture, "b.pdbackup");
  g_autofree char *real_dir = fixture_file (fixture, "real");
  g_autofree char *real = g_build_filename (real_dir, "diary.db", NULL);
  g_autofree char *link_path = fixture_file (fixture, "link.db");
  g_autofree char *dangling = fixture_file (fixture, "dangling.db");
  g_autofree char *drive = fixture_file (fixture, "drive");
  GStatBuf st;

  log_pain (fixture->db, 4);
  log_pain (fixture->db, 5);
  write_backup (fixture, backup);

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  {
    g_autoptr(PdDatabase) before = open_diary (real, PD_DATABASE_NO_BACKUPS);

    log_pain (before, 9);
  }
  g_assert_cmpint (symlink ("real/diary.db", link_path), ==, 0);
  g_assert_true (pd_backup_restore (backup, "right horse", link_path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  {
    g_autoptr(PdDatabase) restored = open_diary (real, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS);

    g_assert_cmpint (count_entries (restored), ==, 2);
  }

  g_assert_cmpint (symlink ("drive/diary.db", dangling), ==, 0);
  g_assert_false (pd_backup_restore (backup, "right horse", dangling, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_false (g_file_test (drive, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/backup/restore-into-open-diary", test_restore_into_open_diary },
    { "/backup/daily", test_daily },
    { "/backup/snapshots-removed", test_snapshots_removed },
    { "/backup/stale-restores-removed", test_stale_restores_removed },
    { "/backup/restore-through-link", test_restore_through_link },
  };
  const char *parent = g_getenv ("TMPDIR");
  g_autofree char *tmp = g_build_filename (parent != NULL ? parent : "/tmp", "test-backup-XXXXXX", NULL);
  int status;

  /* A temporary folder of the tests' own, where the backups' snapshots go. */
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  status = run_fixture_tests (&argc, &argv, fixture_set_up_open, tests, G_N_ELEMENTS (tests));
  remove_tree (tmp);
  return status;
}
