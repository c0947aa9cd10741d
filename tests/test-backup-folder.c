/* test-backup-folder.c: the daily encrypted backup into the patient's backup folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem */
#include <string.h>

#include <glib/gstdio.h>

#include "pd-backup.h"
#include "pd-backup-folder.h"
#include "pd-error.h"
#include "record-builders.h"
#include "test-util.h"

#define NOTE_MARKER "Marker note 7f3a: the knee after Sunday's walk"
#define NAME_MARKER "Erika Mustermann-Testperson"
#define PASSPHRASE "correct horse battery"

/* The test's own folder; TMPDIR is its "tmp", where nothing may be left behind. */
static char *test_top;
static char *test_tmp;

typedef struct
{
  char *dir;        /* everything of one test */
  char *diary;
  char *folder;
  PdDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autofree char *diary_dir = NULL;

  f->dir = g_build_filename (test_top, "case-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (f->dir));
  diary_dir = g_build_filename (f->dir, "diary", NULL);
  g_assert_cmpint (g_mkdir (diary_dir, 0700), ==, 0);
  f->diary = g_build_filename (diary_dir, "my-diary.db", NULL);
  f->folder = g_build_filename (f->dir, "Nextcloud", NULL);
  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
  f->db = pd_database_open (f->diary, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  pd_pain_entry_set_pain (entry, 6);
  pd_pain_entry_set_note (entry, NOTE_MARKER);
  pd_database_save_pain_entry (f->db, entry, &error);
  g_assert_no_error (error);
  pd_database_set_meta (f->db, "patient_name", NAME_MARKER, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->diary);
  g_free (f->folder);
}

/* The names in a folder, sorted, joined by spaces. */
static char *
list_folder (const char *path)
{
  g_autoptr(GPtrArray) names = list_dir (path);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
touch (const char *folder,
       const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "not a real backup", -1, &error);
  g_assert_no_error (error);
}

static GDateTime *
local_noon (int month,
            int day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  return g_date_time_new (tz, 2026, month, day, 12, 0, 0);
}

/* Once a day, 0600, the newest seven of this diary kept, nothing else touched, nothing
 * written anywhere else, no plaintext inside, and it restores with the passphrase. */
static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = local_noon (3, 10);
  g_autofree char *written = NULL;
  g_autofree char *again = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *restored = g_build_filename (f->dir, "restored.db", NULL);
  g_autoptr(GDateTime) last = NULL;
  gsize length;
  GStatBuf st;

  /* Eight older days of this diary, another diary's, and a file of the patient's own. */
  for (int day = 1; day <= 8; day++)
    {
      g_autofree char *name = g_strdup_printf ("my-diary-2026-03-%02d.pdbackup", day);

      touch (f->folder, name);
    }
  touch (f->folder, "other-2026-03-01.pdbackup");
  touch (f->folder, "shopping list.txt");

  written = pd_backup_folder_write (f->db, f->folder, PASSPHRASE, now, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (written, "/Nextcloud/my-diary-2026-03-10.pdbackup"));
  g_assert_cmpint (g_stat (written, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  listing = list_folder (f->folder);
  g_assert_cmpstr (listing, ==,
                   "my-diary-2026-03-03.pdbackup my-diary-2026-03-04.pdbackup my-diary-2026-03-05.pdbackup "
                   "my-diary-2026-03-06.pdbackup my-diary-2026-03-07.pdbackup my-diary-2026-03-08.pdbackup my-diary-2026-03-10.pdbackup "
                   "other-2026-03-01.pdbackup shopping list.txt");
  g_clear_pointer (&listing, g_free);

  /* Once a day: later the same day nothing is written. */
  {
    g_autoptr(GDateTime) evening = g_date_time_add_hours (now, 9);

    again = pd_backup_folder_write (f->db, f->folder, PASSPHRASE, evening, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again, ==, "");
  }

  /* Nothing anywhere else: not beside the diary, not in the temporary folder. */
  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==, "Nextcloud diary");
  g_clear_pointer (&listing, g_free);
  listing = list_folder (test_tmp);
  g_assert_cmpstr (listing, ==, "");
  g_clear_pointer (&listing, g_free);
  {
    g_autofree char *diary_dir = g_path_get_dirname (f->diary);

    listing = list_folder (diary_dir);
    g_assert_false (strstr (listing, "backup") != NULL);
    g_assert_false (strstr (listing, ".pdbackup") != NULL);
  }

  /* No plaintext of the diary. */
  g_file_get_contents (written, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_null (memmem (contents, length, NOTE_MARKER, strlen (NOTE_MARKER)));
  g_assert_null (memmem (contents, length, "Marker note", strlen ("Marker note")));
  g_assert_null (memmem (contents, length, NAME_MARKER, strlen (NAME_MARKER)));
  g_assert_null (memmem (contents, length, "SQLite format", strlen ("SQLite format")));

  /* It opens with the passphrase, and holds the note; not with another. */
  g_assert_false (pd_backup_decrypt (written, "wrong horse", restored, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (restored, G_FILE_TEST_EXISTS));
  g_assert_true (pd_backup_restore (written, PASSPHRASE, restored, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PdDatabase) copy = pd_database_open (restored, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS,
                                                   &error);
    g_autoptr(PdDiaryData) diary = NULL;
    g_autofree char *name = NULL;

    g_assert_no_error (error);
    diary = load_diary (copy);
    g_assert_cmpuint (diary->pain_entries->len, ==, 1);
    g_assert_cmpstr (pd_pain_entry_get_note (g_ptr_array_index (diary->pain_entries, 0)), ==, NOTE_MARKER);
    name = pd_database_get_meta (copy, "patient_name");
    g_assert_cmpstr (name, ==, NAME_MARKER);
  }

  /* The newest is today's, with its file's time. */
  last = pd_backup_folder_find_last (f->diary, f->folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last);
  g_assert_cmpint (g_date_time_to_unix (last), ==, st.st_mtime);
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = local_noon (3, 10);
  g_autofree char *gone = g_build_filename (f->dir, "USB stick", NULL);
  g_autofree char *file = g_build_filename (f->dir, "a file", NULL);
  g_autofree char *written = NULL;
  g_autofree char *listing = NULL;

  written = pd_backup_folder_write (f->db, f->folder, PASSPHRASE, now, &error);
  g_assert_no_error (error);
  g_clear_pointer (&written, g_free);

  /* A folder that is gone: said so, with what to do, and nothing created. */
  g_assert_null (pd_backup_folder_write (f->db, gone, PASSPHRASE, now, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "The backup folder “"));
  g_assert_nonnull (strstr (error->message, "USB stick"));
  g_assert_nonnull (strstr (error->message, "is not there any more"));
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_clear_error (&error);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_assert_null (pd_backup_folder_find_last (f->diary, gone, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A file instead of a folder. */
  touch (f->dir, "a file");
  g_assert_null (pd_backup_folder_write (f->db, file, PASSPHRASE, now, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "is not a folder"));
  g_clear_error (&error);

  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==, "Nextcloud a file diary");
}

typedef struct
{
  GMainLoop *loop;
  guint changes;
} Waiter;

static void
changed_cb (PdBackupFolder *folder,
            Waiter         *waiter)
{
  waiter->changes++;
  if (!pd_backup_folder_get_busy (folder))
    g_main_loop_quit (waiter->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("The backup folder did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
wait_idle (PdBackupFolder *folder,
           Waiter         *waiter)
{
  guint timeout = g_timeout_add_seconds (60, timeout_cb, NULL);

  g_main_loop_run (waiter->loop);
  g_source_remove (timeout);
}

/* The object the window keeps: writes off the main thread and tells what happened. */
static void
test_service (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdBackupFolder) folder = pd_backup_folder_new (f->db);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (today, "my-diary-%Y-%m-%d.pdbackup");
  g_autofree char *path = g_build_filename (f->folder, name, NULL);
  g_autofree char *gone = g_build_filename (f->dir, "gone", NULL);
  Waiter waiter = { loop, 0 };
  GStatBuf st;
  gint64 first_mtime;

  g_signal_connect (folder, "changed", G_CALLBACK (changed_cb), &waiter);
  /* Without a folder nothing happens. */
  pd_backup_folder_run_with_passphrase (folder, PASSPHRASE);
  g_assert_false (pd_backup_folder_get_busy (folder));
  g_assert_null (pd_backup_folder_get_last_written (folder));

  /* Setting the folder runs the daily backup, which asks the keyring: none can be reached
   * here, which is told in words (and nothing is written). */
  pd_backup_folder_set_folder (folder, f->folder);
  g_assert_true (pd_backup_folder_get_busy (folder));
  wait_idle (folder, &waiter);
  while (pd_backup_folder_get_busy (folder))
    wait_idle (folder, &waiter);
  g_assert_nonnull (strstr (pd_backup_folder_get_problem (folder), "Your keyring could not be reached"));
  g_assert_null (pd_backup_folder_get_last_written (folder));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  pd_backup_folder_run_with_passphrase (folder, PASSPHRASE);
  /* Returned before the work was done: it runs in a thread. */
  g_assert_true (pd_backup_folder_get_busy (folder));
  wait_idle (folder, &waiter);
  g_assert_null (pd_backup_folder_get_problem (folder));
  g_assert_nonnull (pd_backup_folder_get_last_written (folder));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_date_time_to_unix (pd_backup_folder_get_last_written (folder)), ==, st.st_mtime);
  first_mtime = st.st_mtime;

  /* Today's is there: run() does nothing more today (no keyring asked). */
  pd_backup_folder_run (folder);
  g_assert_false (pd_backup_folder_get_busy (folder));

  /* The folder goes away: the problem in words, no last backup. */
  pd_backup_folder_set_folder (folder, gone);
  g_assert_null (pd_backup_folder_get_last_written (folder));
  if (pd_backup_folder_get_busy (folder))
    wait_idle (folder, &waiter);
  pd_backup_folder_refresh (folder);
  wait_idle (folder, &waiter);
  g_assert_nonnull (pd_backup_folder_get_problem (folder));
  g_assert_nonnull (strstr (pd_backup_folder_get_problem (folder), "is not there any more"));
  g_assert_null (pd_backup_folder_get_last_written (folder));

  /* Back to the first: it finds the backup, and does not write it again. */
  pd_backup_folder_set_folder (folder, f->folder);
  if (pd_backup_folder_get_busy (folder))
    wait_idle (folder, &waiter);
  pd_backup_folder_refresh (folder);
  wait_idle (folder, &waiter);
  g_assert_null (pd_backup_folder_get_problem (folder));
  g_assert_nonnull (pd_backup_folder_get_last_written (folder));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mtime, ==, first_mtime);
  g_assert_cmpuint (waiter.changes, >=, 6);
}

int
main (int   argc,
      char *argv[])
{
  const char *system_tmp = g_getenv ("TMPDIR");
  int status;

  /* Before anything asks GLib for the temporary folder (it keeps the first answer). */
  test_top = g_build_filename (system_tmp ? system_tmp : "/tmp", "pd-backup-folder-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (test_top));
  test_tmp = g_build_filename (test_top, "tmp", NULL);
  g_assert_cmpint (g_mkdir (test_tmp, 0700), ==, 0);
  g_setenv ("TMPDIR", test_tmp, TRUE);
  /* No keyring here (test-keyring has one): whatever session this runs in, libsecret
   * finds no Secret Service, and never the user's. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pain-diary-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_tmp_dir (), ==, test_tmp);
  g_test_add ("/backup-folder/daily", Fixture, NULL, fixture_set_up, test_daily, fixture_tear_down);
  g_test_add ("/backup-folder/problems", Fixture, NULL, fixture_set_up, test_problems, fixture_tear_down);
  g_test_add ("/backup-folder/service", Fixture, NULL, fixture_set_up, test_service, fixture_tear_down);
  status = g_test_run ();
  remove_tree (test_top);
  g_free (test_top);
  g_free (test_tmp);
  return status;
}
