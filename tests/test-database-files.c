/* test-database-files.c: files the diary must not touch (newer, damaged, not a diary,
 * read-only) and its backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-database-files"

#include "config.h"

#include <utime.h>

#include <glib/gstdio.h>

#include "database-test-util.h"
#include "pd-database-private.h"
#include "pd-error.h"

/* Files that must not be touched */

static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdPainEntry) entry = new_entry (1760000000, 7200, 4, NULL);
  g_autoptr(GError) error = NULL;
  Snapshot before;
  PdDatabase *db;
  sqlite3 *raw;

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  save (db, entry);
  close_diary (db);
  raw = raw_open (fixture->path, FALSE);
  raw_exec (raw, "PRAGMA user_version = 99");
  sqlite3_close (raw);
  assert_no_sqlite_siblings (fixture->path);

  before = take_snapshot (fixture->path);

  db = pd_database_open (fixture->path, PD_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "newer version of Pain Diary (schema 99)"));
  g_clear_error (&error);

  db = pd_database_open (fixture->path, PD_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA);

  assert_unchanged (fixture->path, &before);
  assert_no_sqlite_siblings (fixture->path);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *good_backup = NULL;
  g_autofree char *found = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  Snapshot before;
  PdDatabase *db;

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  fill (db, 200, 4);
  g_assert_true (pd_database_rotate_backups (db, now, PD_DATABASE_BACKUPS_KEPT, &error));
  g_assert_no_error (error);
  close_diary (db);
  {
    g_autofree char *name = today_backup_name ();

    good_backup = g_build_filename (backup_dir, name, NULL);
  }

  corrupt_middle_page (fixture->path);
  before = take_snapshot (fixture->path);

  db = pd_database_open (fixture->path, PD_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, good_backup));
  g_clear_error (&error);

  db = pd_database_open (fixture->path, PD_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_DAMAGED);
  g_clear_error (&error);

  assert_unchanged (fixture->path, &before);
  assert_no_sqlite_siblings (fixture->path);

  found = pd_database_find_newest_good_backup (fixture->path);
  g_assert_cmpstr (found, ==, good_backup);

  /* The damage is real: SQLite's own check agrees. */
  check = file_text (fixture->path, "PRAGMA quick_check");
  g_assert_cmpstr (check, !=, "ok");

  /* Without backups, the message says so. */
  remove_tree (backup_dir);
  db = pd_database_open (fixture->path, PD_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "No good backup"));
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));
}

static void
assert_not_a_diary (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("“%s” is not a Pain Diary file", path);
  Snapshot before = take_snapshot (path);
  PdDatabase *db;

  db = pd_database_open (path, PD_DATABASE_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  db = pd_database_open (path, PD_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY);

  assert_unchanged (path, &before);
  assert_no_sqlite_siblings (path);
}

static void
test_not_a_diary (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = fixture_file (fixture, "notes.txt");
  g_autofree char *tiny = fixture_file (fixture, "tiny.db");
  g_autofree char *other = fixture_file (fixture, "contacts.db");
  g_autofree char *other_wal = fixture_file (fixture, "contacts-wal.db");
  g_autofree char *anonymous = fixture_file (fixture, "anonymous.db");
  g_autofree char *folder = fixture_file (fixture, "folder.db");
  g_autofree char *backup_dir = pd_database_get_backup_dir (text);
  g_autoptr(GError) error = NULL;
  sqlite3 *raw;

  g_assert_true (g_file_set_contents (text, "Dear diary,\nmy back hurts less today. I walked to "
                                      "the bakery and back without stopping, which is a first "
                                      "since the operation.\n", -1, &error));
  assert_not_a_diary (text);

  g_assert_true (g_file_set_contents (tiny, "SQLite", -1, &error));
  assert_not_a_diary (tiny);

  /* Another program's SQLite files, in either journal mode. */
  raw = raw_open (other, FALSE);
  raw_exec (raw, "PRAGMA application_id = 42;"
                 "CREATE TABLE contacts (name TEXT);"
                 "INSERT INTO contacts VALUES ('Dr Who');");
  sqlite3_close (raw);
  assert_not_a_diary (other);

  raw = raw_open (other_wal, FALSE);
  raw_exec (raw, "PRAGMA journal_mode = WAL;"
                 "PRAGMA application_id = 42;"
                 "CREATE TABLE contacts (name TEXT);");
  sqlite3_close (raw);
  assert_not_a_diary (other_wal);

  /* No application id, but tables: someone's data all the same. */
  raw = raw_open (anonymous, FALSE);
  raw_exec (raw, "CREATE TABLE pain_entries (id TEXT)");
  sqlite3_close (raw);
  assert_not_a_diary (anonymous);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_null (pd_database_open (folder, PD_DATABASE_FLAGS_NONE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY);

  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PdPainEntry) entry = new_entry (1760000000, 7200, 4, "one");
  g_autoptr(PdPainEntry) other = new_entry (1760000100, 7200, 5, "two");
  g_autoptr(PdPainEntry) got = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *missing = fixture_file (fixture, "missing.db");
  g_autofree char *empty = fixture_file (fixture, "empty.db");
  g_autofree char *name = NULL;
  const char *id = pd_pain_entry_get_id (entry);
  Snapshot before;
  PdDatabase *db;

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  save (db, entry);
  g_assert_true (pd_database_set_meta (db, "patient_name", "Alex", NULL));
  close_diary (db);
  before = take_snapshot (fixture->path);

  db = open_diary (fixture->path, PD_DATABASE_READ_ONLY);
  g_assert_true (pd_database_is_read_only (db));
  g_assert_cmpint (count_entries (db), ==, 1);
  listed = list_all (db);
  g_assert_cmpuint (listed->len, ==, 1);
  got = pd_database_get_pain_entry (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_pain_entry_get_note (got), ==, "one");
  name = pd_database_get_meta (db, "patient_name");
  g_assert_cmpstr (name, ==, "Alex");

  g_assert_false (pd_database_save_pain_entry (db, other, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (pd_pain_entry_get_created (other), ==, 0);
  g_ptr_array_add (batch, other);
  g_assert_false (pd_database_save_pain_entries (db, batch, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pd_database_delete_pain_entry (db, id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pd_database_restore_pain_entry (db, id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pd_database_set_meta (db, "patient_name", "Sam", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (count_entries (db), ==, 1);
  close_diary (db);

  assert_unchanged (fixture->path, &before);
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));

  /* Read-only never creates anything. */
  g_assert_null (pd_database_open (missing, PD_DATABASE_READ_ONLY, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_null (pd_database_open (empty, PD_DATABASE_READ_ONLY, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY);
  g_clear_error (&error);
  g_assert_cmpuint (file_mode (empty), !=, 0);
}

/* Backups */

static GPtrArray *
daily_backups (const char *backup_dir)
{
  g_autoptr(GPtrArray) names = list_dir (backup_dir);
  GPtrArray *daily = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      /* diary-YYYY-MM-DD.db */
      if (g_str_has_prefix (name, "diary-") && strlen (name) == strlen ("diary-2030-01-01.db") &&
          g_ascii_isdigit (name[6]))
        g_ptr_array_add (daily, g_strdup (name));
    }
  return daily;
}

static void
assert_good_backup (const char *path,
                    gint64      n_entries)
{
  g_autofree char *check = file_text (path, "PRAGMA quick_check");
  g_autofree char *journal_mode = file_text (path, "PRAGMA journal_mode");
  PdDatabase *db;

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpstr (journal_mode, ==, "delete");
  g_assert_cmpuint (file_mode (path), ==, 0600);
  assert_no_sqlite_siblings (path);

  db = open_diary (path, PD_DATABASE_READ_ONLY);
  g_assert_cmpint (count_entries (db), ==, n_entries);
  close_diary (db);
}

static void
test_backup_rotation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *found = NULL;
  const char *unrelated[] = {
    "other-2030-01-01.db",
    "diary-before-v2-20300101-000000.db",
    "diary-notes.txt",
    "diary-2030-01-01.db.old",
  };
  Snapshot before;
  PdDatabase *db;

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  fill (db, 5, 2);
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_mkdir (backup_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (unrelated); i++)
    {
      g_autofree char *path = g_build_filename (backup_dir, unrelated[i], NULL);

      g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
    }

  for (guint day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new (tz, 2030, 1, day, 12, 0, 0);
      g_autoptr(GPtrArray) daily = NULL;

      g_assert_true (pd_database_rotate_backups (db, now, PD_DATABASE_BACKUPS_KEPT, &error));
      g_assert_no_error (error);
      daily = daily_backups (backup_dir);
      g_assert_cmpuint (daily->len, ==, MIN (day, PD_DATABASE_BACKUPS_KEPT));
    }

  names = daily_backups (backup_dir);
  g_assert_cmpuint (names->len, ==, 7);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("diary-2030-01-%02u.db", i + 4);
      g_autofree char *path = g_build_filename (backup_dir, names->pdata[i], NULL);

      g_assert_cmpstr (names->pdata[i], ==, expected);
      assert_good_backup (path, 10);
    }
  g_assert_cmpuint (file_mode (backup_dir), ==, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (unrelated); i++)
    {
      g_autofree char *path = g_build_filename (backup_dir, unrelated[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  /* Later the same day: nothing new, today's backup untouched. */
  newest = g_build_filename (backup_dir, "diary-2030-01-10.db", NULL);
  before = take_snapshot (newest);
  {
    g_autoptr(GDateTime) evening = g_date_time_new (tz, 2030, 1, 10, 23, 59, 0);
    g_autoptr(GPtrArray) daily = NULL;

    g_assert_true (pd_database_rotate_backups (db, evening, 7, &error));
    g_assert_no_error (error);
    daily = daily_backups (backup_dir);
    g_assert_cmpuint (daily->len, ==, 7);
  }
  assert_unchanged (newest, &before);

  found = pd_database_find_newest_good_backup (fixture->path);
  g_assert_cmpstr (found, ==, newest);
  g_clear_pointer (&found, g_free);

  /* A spoilt newest backup is passed over. */
  g_assert_true (g_file_set_contents (newest, "not a database", -1, NULL));
  found = pd_database_find_newest_good_backup (fixture->path);
  g_assert_true (g_str_has_suffix (found, "/diary-2030-01-09.db"));
  g_clear_pointer (&found, g_free);

  /* The next day's backup holds what was saved since. */
  {
    g_autoptr(PdPainEntry) entry = new_entry (1900000000, 3600, 2, "later");
    g_autoptr(GDateTime) next = g_date_time_new (tz, 2030, 1, 11, 8, 0, 0);
    g_autofree char *path = g_build_filename (backup_dir, "diary-2030-01-11.db", NULL);

    save (db, entry);
    g_assert_true (pd_database_rotate_backups (db, next, 7, &error));
    g_assert_no_error (error);
    assert_good_backup (path, 11);
  }
  close_diary (db);

  {
    g_autofree char *none = fixture_file (fixture, "none.db");

    g_assert_null (pd_database_find_newest_good_backup (none));
  }
}

/* A backup killed before its rename leaves "<name>.part" in the backups folder, under a name
 * (a date, a time) that no later backup reuses: the next backup removes the stale ones of
 * this diary, and leaves a fresh one (another backup under way) and other files alone. */
static void
test_backup_stale_parts (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2030, 1, 3, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  const struct { const char *name; int age_s; gboolean kept; } files[] = {
    { "diary-2030-01-01.db.part", 3600, FALSE },
    { "diary-before-v6-20300101-000000.db.part", 3600, FALSE },
    { "diary-before-restore-20300101-000000.db.part", 3600, FALSE },
    { "diary-2030-01-02.db.part", 0, TRUE },
    { "other-2030-01-01.db.part", 3600, TRUE },
    { "diary-notes.part", 3600, TRUE },
  };
  PdDatabase *db;

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  fill (db, 2, 2);
  g_assert_cmpint (g_mkdir (backup_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (backup_dir, files[i].name, NULL);
      struct utimbuf times;

      g_assert_true (g_file_set_contents (path, "SQLite format 3", -1, NULL));
      times.actime = times.modtime = time (NULL) - files[i].age_s;
      g_assert_cmpint (g_utime (path, &times), ==, 0);
    }

  g_assert_true (pd_database_rotate_backups (db, now, PD_DATABASE_BACKUPS_KEPT, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (backup_dir, files[i].name, NULL);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, files[i].kept);
    }
  close_diary (db);
}

static void
test_backup_to (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autofree char *copy = fixture_file (fixture, "copy.db");
  g_autofree char *part = g_strconcat (copy, ".part", NULL);
  g_autofree char *nowhere = fixture_file (fixture, "no/such/folder/copy.db");
  g_autoptr(GError) error = NULL;

  fill (db, 3, 3);
  g_assert_true (pd_database_backup_to (db, copy, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  assert_good_backup (copy, 9);

  /* Over an existing file: replaced whole. */
  g_assert_true (g_file_set_contents (copy, "old", -1, NULL));
  g_assert_true (pd_database_backup_to (db, copy, &error));
  g_assert_no_error (error);
  assert_good_backup (copy, 9);

  g_assert_false (pd_database_backup_to (db, nowhere, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
}

/* pd_database_close: the file is closed whoever still holds the object (a dialog, a service):
 * its write-ahead log is folded in and removed, and every later call fails, a backup
 * included (the connection left holds nothing, so its copy would be an empty backup). */
static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(PdDatabase) holder = g_object_ref (db);
  g_autoptr(PdDatabase) again = NULL;
  g_autoptr(PdPainEntry) late = new_entry (1790000000, 3600, 4, "late");
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *copy = fixture_file (fixture, "copy.db");
  g_autoptr(GError) error = NULL;
  guint n_open;
  gint64 n;

  fill (db, 3, 3);
  n = count_entries (db);
  n_open = pd_database_count_open_files ();
  g_assert_cmpuint (n_open, >=, 1);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  pd_database_close (db);
  g_assert_cmpuint (pd_database_count_open_files (), ==, n_open - 1);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  g_assert_cmpint (pd_database_count_pain_entries (holder, &error), ==, -1);
  g_assert_error (error, PD_ERROR, PD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "closed"));
  g_clear_error (&error);
  g_assert_false (pd_database_save_pain_entry (holder, late, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (pd_database_backup_to (holder, copy, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_FAILED);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  pd_database_close (holder);
  g_assert_cmpuint (pd_database_count_open_files (), ==, n_open - 1);

  /* Everything saved before is in the file alone. */
  again = open_diary (fixture->path, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS);
  g_assert_cmpuint (pd_database_count_open_files (), ==, n_open);
  g_assert_cmpint (count_entries (again), ==, n);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

static gboolean
file_is_checked (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return _pd_file_is_checked (&st);
}

/* A diary this process holds open, found sound, is not checked again by a second opening
 * (the reminders open the window's diary as it shows); a copy of it, a file renamed over
 * it, or a damaged one are. */
static void
test_checked_once (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdDatabase) first = NULL;
  g_autoptr(PdDatabase) second = NULL;
  g_autofree char *copy = fixture_file (fixture, "copy.db");
  g_autofree char *other = fixture_file (fixture, "other.db");
  g_autoptr(GError) error = NULL;

  first = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  fill (first, 200, 4);
  g_assert_true (file_is_checked (fixture->path));
  second = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_assert_cmpint (count_entries (second), ==, count_entries (first));
  g_clear_object (&first);
  g_assert_true (file_is_checked (fixture->path));

  /* A copy is another file: checked when it is opened, not before. */
  g_assert_true (pd_database_backup_to (second, copy, &error));
  g_assert_no_error (error);
  g_assert_false (file_is_checked (copy));

  /* Renamed over the diary, it is not the file the diary's connection holds. */
  g_assert_true (pd_database_backup_to (second, other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (other, fixture->path), ==, 0);
  g_assert_false (file_is_checked (fixture->path));
  pd_database_close (second);

  /* Damaged: refused, and held by nobody. */
  corrupt_middle_page (copy);
  g_assert_null (pd_database_open (copy, PD_DATABASE_NO_BACKUPS, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DAMAGED);
  g_assert_false (file_is_checked (copy));
}

/* The day's backup reads every page of the diary through the writer's connection, whose page
 * cache is large (for imports): it must not keep the whole diary in memory afterwards, as
 * long as the window stays open (issue 11), and the cache keeps its size for what follows. */
static void
test_backup_leaves_cache_small (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  sqlite3_stmt *stmt = NULL;
  int used = 0, highwater = 0;
  GStatBuf st;
  PdDatabase *db;

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  fill (db, 2000, 6);
  close_diary (db);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 2 * 1024 * 1024);

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_assert_true (pd_database_rotate_backups (db, now, PD_DATABASE_BACKUPS_KEPT, &error));
  g_assert_no_error (error);
  backup = pd_database_backup_now (db, "test", &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_db_status (db->db, SQLITE_DBSTATUS_CACHE_USED, &used, &highwater,
                                      FALSE), ==, SQLITE_OK);
  g_test_message ("file %" G_GINT64_FORMAT " bytes, page cache %d bytes",
                  (gint64) st.st_size, used);
  g_assert_cmpint (used, <, 1024 * 1024);
  g_assert_cmpint (sqlite3_prepare_v2 (db->db, "PRAGMA cache_size", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, -32768);
  sqlite3_finalize (stmt);
  close_diary (db);
}

/* A damaged diary replaced by its backup (the window's Restore Newest Backup): the diary is
 * kept under a second name with its side files, none of which reaches the restored file;
 * through a symbolic link the file it points to is restored and the link stays; a link to
 * nothing is refused and nothing is made. */
static void
test_restore_file (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const sides[] = { "-wal", "-journal" };
  g_autofree char *backup = fixture_file (fixture, "backup.db");
  g_autofree char *kept = NULL;
  g_autofree char *link_path = fixture_file (fixture, "link.db");
  g_autofree char *dangling = fixture_file (fixture, "dangling.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autoptr(GPtrArray) names = NULL;
  Snapshot damaged;
  PdDatabase *db;
  GStatBuf st;

  gint64 in_backup;

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  fill (db, 30, 4);
  in_backup = count_entries (db);
  close_diary (db);
  copy_file (fixture->path, backup);
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  fill (db, 5, 4);
  close_diary (db);
  corrupt_middle_page (fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *side = g_strconcat (fixture->path, sides[i], NULL);

      g_assert_true (g_file_set_contents (side, "not the backup's", -1, NULL));
    }
  damaged = take_snapshot (fixture->path);

  g_assert_true (pd_database_restore_file (fixture->path, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (kept, ".damaged-"));
  assert_unchanged (kept, &damaged);
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *side = g_strconcat (fixture->path, sides[i], NULL);
      g_autofree char *kept_side = g_strconcat (kept, sides[i], NULL);

      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_test (kept_side, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_assert_cmpint (count_entries (db), ==, in_backup);
  close_diary (db);
  /* No copy of the backup is left beside the diary. */
  names = list_dir (dir);
  for (guint i = 0; i < names->len; i++)
    g_assert_null (strstr (g_ptr_array_index (names, i), ".restore-"));

  /* Through a link: the file it points to. */
  g_clear_pointer (&kept, g_free);
  g_assert_cmpint (symlink (fixture->path, link_path), ==, 0);
  g_assert_true (pd_database_restore_file (link_path, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (kept, fixture->path));
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  /* A link to nothing. */
  g_clear_pointer (&kept, g_free);
  g_assert_cmpint (symlink ("nowhere/diary.db", dangling), ==, 0);
  g_assert_false (pd_database_restore_file (dangling, backup, &kept, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_null (kept);
  g_assert_false (g_file_test (dangling, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/database/newer-schema", test_newer_schema },
    { "/database/damaged", test_damaged },
    { "/database/restore-file", test_restore_file },
    { "/database/not-a-diary", test_not_a_diary },
    { "/database/read-only", test_read_only },
    { "/database/backup-rotation", test_backup_rotation },
    { "/database/backup-to", test_backup_to },
    { "/database/close", test_close },
    { "/database/checked-once", test_checked_once },
    { "/database/backup-stale-parts", test_backup_stale_parts },
    { "/database/backup-leaves-cache-small", test_backup_leaves_cache_small },
  };

  return run_fixture_tests (&argc, &argv, fixture_set_up, tests, G_N_ELEMENTS (tests));
}
