/* test-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-database"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-day-group.h"
#include "pd-database.h"
#include "storage-fixture.h"
#include "record-fields.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "pd-tags.h"

/* Helpers */

static PdDatabase *
open_diary (const char      *path,
            PdDatabaseFlags  flags)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db = pd_database_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_true (PD_IS_DATABASE (db));
  return db;
}

static void
close_diary (PdDatabase *db)
{
  g_assert_finalize_object (db);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

typedef struct
{
  GBytes *bytes;
  struct timespec mtime;
} Snapshot;

static Snapshot
take_snapshot (const char *path)
{
  Snapshot snapshot;
  g_autoptr(GError) error = NULL;
  struct stat st;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  snapshot.bytes = g_bytes_new_take (contents, length);
  snapshot.mtime = st.st_mtim;
  return snapshot;
}

/* The file has the same bytes and modification time as when the snapshot was taken. */
static void
assert_unchanged (const char *path,
                  Snapshot   *before)
{
  Snapshot after = take_snapshot (path);

  g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  g_assert_cmpint (before->mtime.tv_sec, ==, after.mtime.tv_sec);
  g_assert_cmpint (before->mtime.tv_nsec, ==, after.mtime.tv_nsec);
  g_bytes_unref (after.bytes);
  g_bytes_unref (before->bytes);
}

static void
assert_no_sqlite_siblings (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* Direct SQLite access, to look at what the diary wrote and to prepare odd files. */

static sqlite3 *
raw_open (const char *path,
          gboolean    read_only)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, read_only ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static PdPainEntry *
new_entry (gint64      unix_time,
           int         utc_offset,
           int         pain,
           const char *note)
{
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_time (entry, unix_time, utc_offset);
  pd_pain_entry_set_pain (entry, pain);
  pd_pain_entry_set_note (entry, note);
  return entry;
}

static void
save (PdDatabase  *db,
      PdPainEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_database_save_pain_entry (db, entry, &error));
  g_assert_no_error (error);
}

static gint64
count (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pd_database_count_pain_entries (db, &error);

  g_assert_no_error (error);
  return n;
}

static GPtrArray *
list_all (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = pd_database_list_pain_entries (db, G_MININT64, G_MAXINT64, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
fill (PdDatabase *db,
      guint       days,
      guint       entries_per_day)
{
  g_autoptr(GError) error = NULL;
  PdGeneratorOptions options = { days, entries_per_day, 42 };

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 1, G_DATE_JUNE, 2026);
  g_assert_true (pd_generator_fill (db, &options, &error));
  g_assert_no_error (error);
}

static char *
today_backup_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf ("diary-%s.db", date);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a folder, sorted. */
static GPtrArray *
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

static void
corrupt_middle_page (const char *path)
{
  g_autoptr(GError) error = NULL;
  guint page_size = (guint) file_int (path, "PRAGMA page_size");
  GStatBuf st;
  guchar garbage[256];
  goffset page;
  int fd;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size / page_size, >=, 8);
  /* A b-tree page in the middle of the file: keep its type byte, scramble its cell
   * pointer array and the start of its cells. */
  page = (st.st_size / page_size / 2) * page_size;
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guchar) (0xa5 ^ (i * 37));

  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, page + 8), ==, sizeof garbage);
  g_assert_true (g_close (fd, &error));
}

/* Creation */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *nested_dir = fixture_file (fixture, "deeper/still");
  g_autofree char *path = g_build_filename (nested_dir, "diary.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *backup_dir = pd_database_get_backup_dir (path);
  g_autofree char *backup_name = today_backup_name ();
  g_autofree char *backup = g_build_filename (backup_dir, backup_name, NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr(PdPainEntry) entry = new_entry (1760000000, 7200, 4, "first");
  PdDatabase *db;

  db = open_diary (path, PD_DATABASE_FLAGS_NONE);
  g_assert_cmpstr (pd_database_get_path (db), ==, path);
  g_assert_false (pd_database_is_read_only (db));
  g_assert_cmpint (count (db), ==, 0);

  g_assert_cmpuint (file_mode (nested_dir), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);

  save (db, entry);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (wal), ==, 0600);

  g_assert_cmpint (file_int (path, "PRAGMA application_id"), ==, PD_DATABASE_APPLICATION_ID);
  g_assert_cmpint (file_int (path, "PRAGMA user_version"), ==, PD_DATABASE_SCHEMA_VERSION);
  journal_mode = file_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  /* The first open of the day backed the diary up. */
  {
    g_autofree char *expected = g_build_filename (nested_dir, "backups", NULL);

    g_assert_cmpstr (backup_dir, ==, expected);
  }
  g_assert_cmpuint (file_mode (backup_dir), ==, 0700);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (backup), ==, 0600);

  close_diary (db);
  /* SQLite removes the WAL when the last connection closes. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Opening again finds the entry and adds no second backup for today. */
  db = open_diary (path, PD_DATABASE_FLAGS_NONE);
  g_assert_cmpint (count (db), ==, 1);
  close_diary (db);
  {
    g_autoptr(GPtrArray) names = list_dir (backup_dir);

    g_assert_cmpuint (names->len, ==, 1);
  }
}

static void
test_create_in_empty_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blank = fixture_file (fixture, "blank.db");
  PdDatabase *db;

  /* A 0-byte file, as a file chooser's "new file" leaves it. */
  g_assert_true (g_file_set_contents (fixture->path, "", 0, &error));
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
  g_assert_cmpint (count (db), ==, 0);
  close_diary (db);
  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==,
                   PD_DATABASE_SCHEMA_VERSION);

  /* A SQLite file with no tables and no application id is empty too. */
  sqlite3_close (raw_open (blank, FALSE));
  {
    sqlite3 *raw = raw_open (blank, FALSE);

    raw_exec (raw, "PRAGMA page_size = 4096; VACUUM;");
    sqlite3_close (raw);
  }
  db = open_diary (blank, PD_DATABASE_NO_BACKUPS);
  close_diary (db);
  g_assert_cmpint (file_int (blank, "PRAGMA application_id"), ==, PD_DATABASE_APPLICATION_ID);
}

static void
test_default_path (void)
{
  g_autofree char *path = pd_database_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "pain-diary",
                                                "diary.db", NULL);
  g_autofree char *backups = pd_database_get_backup_dir (path);
  g_autofree char *expected_backups = g_build_filename (g_get_user_data_dir (), "pain-diary",
                                                        "backups", NULL);

  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpstr (backups, ==, expected_backups);
}

/* Entries */

static const Field entry_fields[] = {
  FIELD (STR, pd_pain_entry_get_id),
  FIELD (INT64, pd_pain_entry_get_time),
  FIELD (INT, pd_pain_entry_get_utc_offset),
  FIELD (INT, pd_pain_entry_get_pain),
  FIELD (INT, pd_pain_entry_get_enjoyment_interference),
  FIELD (INT, pd_pain_entry_get_activity_interference),
  FIELD (INT, pd_pain_entry_get_back_pain),
  FIELD (INT, pd_pain_entry_get_leg_pain),
  FIELD (UINT64, pd_pain_entry_get_locations),
  FIELD (UINT64, pd_pain_entry_get_qualities),
  FIELD (DOUBLE, pd_pain_entry_get_sleep_hours),
  FIELD (INT, pd_pain_entry_get_sleep_quality),
  FIELD (INT, pd_pain_entry_get_mood),
  FIELD (UINT64, pd_pain_entry_get_red_flags),
  FIELD (STR, pd_pain_entry_get_note),
  FIELD (INT64, pd_pain_entry_get_created),
  FIELD (INT64, pd_pain_entry_get_updated),
};

static void
assert_same_entry (PdPainEntry *a,
                   PdPainEntry *b)
{
  assert_same_fields (a, b, entry_fields, G_N_ELEMENTS (entry_fields));
}

static void
test_save_and_get (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(PdPainEntry) full = new_entry (1760000000, 7200, 6, "Walked 20 minutes; “ok”");
  g_autoptr(PdPainEntry) bare = new_entry (1760003600, 7200, 0, NULL);
  g_autoptr(PdPainEntry) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *upper_id = NULL;
  g_autofree char *stored = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  pd_pain_entry_set_enjoyment_interference (full, 5);
  pd_pain_entry_set_activity_interference (full, 7);
  pd_pain_entry_set_back_pain (full, 3);
  pd_pain_entry_set_leg_pain (full, 8);
  pd_pain_entry_set_locations (full, (1u << pd_tag_lookup (PD_TAG_LOCATION, "low_back")) |
                                     (1u << pd_tag_lookup (PD_TAG_LOCATION, "foot_left")));
  pd_pain_entry_set_qualities (full, 1u << pd_tag_lookup (PD_TAG_QUALITY, "burning"));
  pd_pain_entry_set_sleep_hours (full, 5.75);
  pd_pain_entry_set_sleep_quality (full, 3);
  pd_pain_entry_set_mood (full, 4);
  pd_pain_entry_set_red_flags (full, 1u << pd_tag_lookup (PD_TAG_RED_FLAG, "leg_weakness"));

  save (db, full);
  save (db, bare);
  g_assert_cmpint (ABS (pd_pain_entry_get_created (full) - now), <=, 2);
  g_assert_cmpint (pd_pain_entry_get_updated (full), ==, pd_pain_entry_get_created (full));
  g_assert_cmpint (count (db), ==, 2);

  got = pd_database_get_pain_entry (db, pd_pain_entry_get_id (full), &error);
  g_assert_no_error (error);
  assert_same_entry (got, full);
  g_clear_object (&got);

  got = pd_database_get_pain_entry (db, pd_pain_entry_get_id (bare), &error);
  g_assert_no_error (error);
  assert_same_entry (got, bare);
  g_assert_cmpint (pd_pain_entry_get_mood (got), ==, PD_UNSET);
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (got), <, 0);
  g_clear_object (&got);

  /* Ids are matched whatever their case. */
  upper_id = g_ascii_strup (pd_pain_entry_get_id (full), -1);
  got = pd_database_get_pain_entry (db, upper_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_pain_entry_get_id (got), ==, pd_pain_entry_get_id (full));
  g_clear_object (&got);

  got = pd_database_get_pain_entry (db, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  /* Stable keys on disk; NULL for what was not recorded. */
  g_clear_object (&db);
  stored = file_text (fixture->path, "SELECT locations || '|' || qualities || '|' || red_flags"
                                     " || '|' || local_date FROM pain_entries WHERE pain = 6");
  g_assert_cmpstr (stored, ==, "low_back;foot_left|burning|leg_weakness|2025-10-09");
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM pain_entries WHERE pain = 0"
                                            " AND mood IS NULL AND sleep_hours IS NULL"
                                            " AND enjoyment_interference IS NULL"
                                            " AND activity_interference IS NULL"
                                            " AND back_pain IS NULL AND leg_pain IS NULL"
                                            " AND sleep_quality IS NULL AND deleted IS NULL"),
                   ==, 1);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM pain_entries WHERE pain = 6"
                                            " AND back_pain = 3 AND leg_pain = 8"), ==, 1);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(PdPainEntry) entry = new_entry (1760000000, 7200, 6, "before");
  g_autoptr(PdPainEntry) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 created;

  save (db, entry);
  created = pd_pain_entry_get_created (entry);

  pd_pain_entry_set_pain (entry, 2);
  pd_pain_entry_set_note (entry, "after");
  pd_pain_entry_set_mood (entry, 8);
  /* Whatever the object claims, the stored creation time is kept. */
  pd_pain_entry_set_stamps (entry, 1, 1);
  save (db, entry);
  g_assert_cmpint (pd_pain_entry_get_created (entry), ==, created);
  g_assert_cmpint (pd_pain_entry_get_updated (entry), >=, created);

  g_assert_cmpint (count (db), ==, 1);
  got = pd_database_get_pain_entry (db, pd_pain_entry_get_id (entry), &error);
  g_assert_no_error (error);
  assert_same_entry (got, entry);
  g_assert_cmpint (pd_pain_entry_get_pain (got), ==, 2);
  g_assert_cmpstr (pd_pain_entry_get_note (got), ==, "after");
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = {
    "00000000-0000-4000-8000-00000000000a",
    "00000000-0000-4000-8000-00000000000b",
    "00000000-0000-4000-8000-00000000000c",
    "00000000-0000-4000-8000-00000000000d",
  };

  /* Same instant for b and c, which then sort by id; d is outside the range. */
  g_ptr_array_add (entries, new_entry (1000, 0, 1, "a"));
  g_ptr_array_add (entries, new_entry (2000, 0, 2, "b"));
  g_ptr_array_add (entries, new_entry (2000, 0, 3, "c"));
  g_ptr_array_add (entries, new_entry (3000, 0, 4, "d"));
  for (guint i = 0; i < entries->len; i++)
    pd_pain_entry_set_id (entries->pdata[i], ids[i]);
  g_assert_true (pd_database_save_pain_entries (db, entries, &error));
  g_assert_no_error (error);

  listed = pd_database_list_pain_entries (db, 1000, 3000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_cmpstr (pd_pain_entry_get_note (listed->pdata[0]), ==, "b");
  g_assert_cmpstr (pd_pain_entry_get_note (listed->pdata[1]), ==, "c");
  g_assert_cmpstr (pd_pain_entry_get_note (listed->pdata[2]), ==, "a");
  g_clear_pointer (&listed, g_ptr_array_unref);

  listed = pd_database_list_pain_entries (db, 1001, 2000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);

  listed = list_all (db);
  g_assert_cmpuint (listed->len, ==, 4);
  g_assert_cmpstr (pd_pain_entry_get_note (listed->pdata[0]), ==, "d");
}

static void
test_delete_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(PdPainEntry) keep = new_entry (1760000000, 7200, 3, "keep");
  g_autoptr(PdPainEntry) gone = new_entry (1760000100, 7200, 5, "gone");
  g_autoptr(PdPainEntry) got = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = pd_pain_entry_get_id (gone);

  save (db, keep);
  save (db, gone);

  g_assert_true (pd_database_delete_pain_entry (db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (db), ==, 1);
  got = pd_database_get_pain_entry (db, id, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);
  listed = list_all (db);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (pd_pain_entry_get_note (listed->pdata[0]), ==, "keep");
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Deleting twice, or something that never existed, finds nothing. */
  g_assert_false (pd_database_delete_pain_entry (db, id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pd_database_restore_pain_entry (db, "00000000-0000-4000-8000-000000000000",
                                                  &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo. */
  g_assert_true (pd_database_restore_pain_entry (db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (db), ==, 2);
  got = pd_database_get_pain_entry (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_pain_entry_get_note (got), ==, "gone");
  g_clear_object (&got);

  /* Saving a deleted entry again brings it back too. */
  g_assert_true (pd_database_delete_pain_entry (db, id, NULL));
  g_assert_cmpint (count (db), ==, 1);
  save (db, gone);
  g_assert_cmpint (count (db), ==, 2);

  /* The row stays in the file, marked, until then. */
  g_assert_true (pd_database_delete_pain_entry (db, id, NULL));
  g_clear_object (&db);
  g_assert_cmpint (file_int (fixture->path,
                             "SELECT count(*) FROM pain_entries WHERE deleted IS NOT NULL"),
                   ==, 1);
}

static void
test_validation_writes_nothing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(PdPainEntry) existing = new_entry (1760000000, 7200, 4, "existing");
  g_autoptr(PdPainEntry) bad = new_entry (1760000100, 7200, 11, "too much");
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PdPainEntry) got = NULL;
  g_autoptr(GError) error = NULL;

  save (db, existing);

  g_assert_false (pd_database_save_pain_entry (db, bad, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pd_pain_entry_get_created (bad), ==, 0);
  g_assert_cmpint (count (db), ==, 1);

  /* An invalid update leaves the stored entry as it was. */
  pd_pain_entry_set_note (existing, "changed");
  pd_pain_entry_set_mood (existing, 12);
  g_assert_false (pd_database_save_pain_entry (db, existing, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  got = pd_database_get_pain_entry (db, pd_pain_entry_get_id (existing), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_pain_entry_get_note (got), ==, "existing");
  g_assert_cmpint (pd_pain_entry_get_mood (got), ==, PD_UNSET);

  /* One bad entry in a batch, and none of the batch is written. */
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (batch, new_entry (1760001000 + i * 60, 7200, i, "batch"));
  g_ptr_array_insert (batch, 2, g_object_ref (bad));
  g_assert_false (pd_database_save_pain_entries (db, batch, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (db), ==, 1);
  for (guint i = 0; i < batch->len; i++)
    g_assert_cmpint (pd_pain_entry_get_created (batch->pdata[i]), ==, 0);

  g_ptr_array_remove_index (batch, 2);
  g_assert_true (pd_database_save_pain_entries (db, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (db), ==, 6);
  for (guint i = 0; i < batch->len; i++)
    g_assert_cmpint (pd_pain_entry_get_created (batch->pdata[i]), >, 0);
}

static void
test_meta (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_null (pd_database_get_meta (db, "patient_name"));
  g_assert_true (pd_database_set_meta (db, "patient_name", "Alex", &error));
  g_assert_no_error (error);
  value = pd_database_get_meta (db, "patient_name");
  g_assert_cmpstr (value, ==, "Alex");
  g_clear_pointer (&value, g_free);

  g_assert_true (pd_database_set_meta (db, "patient_name", "Zoë O’Brien", &error));
  g_assert_true (pd_database_set_meta (db, "surgery_date", "2026-01-15", &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  value = pd_database_get_meta (db, "patient_name");
  g_assert_cmpstr (value, ==, "Zoë O’Brien");
  g_clear_pointer (&value, g_free);

  /* NULL removes a key. */
  g_assert_true (pd_database_set_meta (db, "surgery_date", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (pd_database_get_meta (db, "surgery_date"));
}

/* Migration */

typedef struct
{
  const char *id;
  gint64 at;
  int utc_offset;
  int pain;
  const char *note;
  gint64 created;
  gint64 updated;
  const char *local_date;
} V1Entry;

/* What tests/data/diary-v1.sql holds, newest first. */
static const V1Entry v1_entries[] = {
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c05", 1710556200, -18000, 3, "Hotel bed was good",
    1710556260, 1710556260, "2024-03-15" },
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c04", 1710484200, 3600, 5, "Physio today",
    1710484300, 1710484300, "2024-03-15" },
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c03", 1710456300, 3600, 7, "Long drive, “bad” evening",
    1710456400, 1710460000, "2024-03-14" },
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c02", 1710417900, 3600, 4, "",
    1710417960, 1710417960, "2024-03-14" },
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c01", 1710400200, 3600, 6, "Stiff on waking",
    1710400230, 1710400230, "2024-03-14" },
};

static void
assert_v1_entries (PdDatabase *db)
{
  g_autoptr(GPtrArray) listed = list_all (db);
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(PdDayGroup) first_day = NULL;

  g_assert_cmpint (count (db), ==, G_N_ELEMENTS (v1_entries));
  g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (v1_entries));

  for (guint i = 0; i < G_N_ELEMENTS (v1_entries); i++)
    {
      const V1Entry *expected = &v1_entries[i];
      PdPainEntry *entry = listed->pdata[i];
      g_autoptr(PdPainEntry) got = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, expected->id);
      g_assert_cmpint (pd_pain_entry_get_time (entry), ==, expected->at);
      g_assert_cmpint (pd_pain_entry_get_utc_offset (entry), ==, expected->utc_offset);
      g_assert_cmpint (pd_pain_entry_get_pain (entry), ==, expected->pain);
      g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, expected->note);
      g_assert_cmpint (pd_pain_entry_get_created (entry), ==, expected->created);
      g_assert_cmpint (pd_pain_entry_get_updated (entry), ==, expected->updated);
      /* Version 1 knew none of these. */
      g_assert_cmpint (pd_pain_entry_get_enjoyment_interference (entry), ==, PD_UNSET);
      g_assert_cmpint (pd_pain_entry_get_activity_interference (entry), ==, PD_UNSET);
      g_assert_cmpint (pd_pain_entry_get_sleep_quality (entry), ==, PD_UNSET);
      g_assert_cmpint (pd_pain_entry_get_mood (entry), ==, PD_UNSET);
      g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), <, 0);
      g_assert_cmpuint (pd_pain_entry_get_locations (entry), ==, 0);
      g_assert_cmpuint (pd_pain_entry_get_qualities (entry), ==, 0);
      g_assert_cmpuint (pd_pain_entry_get_red_flags (entry), ==, 0);

      got = pd_database_get_pain_entry (db, expected->id, &error);
      g_assert_no_error (error);
      assert_same_entry (got, entry);
    }

  /* The travelling entry belongs to the local 15th, not the UTC 16th. */
  groups = pd_day_groups_new (listed, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  first_day = g_list_model_get_item (groups, 0);
  g_assert_cmpuint (pd_day_group_get_n_items (first_day), ==, 2);
}

static char *
schema_of (const char *path)
{
  return file_text (path, "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' '"
                          "  || ifnull(sql, ''), char(10))"
                          " FROM (SELECT * FROM sqlite_schema ORDER BY name)");
}

static char *
find_migration_backup (const char *backup_dir)
{
  g_autoptr(GPtrArray) names = list_dir (backup_dir);
  g_autofree char *prefix = g_strdup_printf ("diary-before-v%d-", PD_DATABASE_SCHEMA_VERSION);
  char *found = NULL;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      /* diary-before-v<latest>-YYYYMMDD-HHMMSS.db */
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db") &&
          strlen (name) == strlen (prefix) + 15 + 3)
        {
          g_assert_null (found);
          found = g_build_filename (backup_dir, name, NULL);
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* After a migration from old_version: the diary is at the latest version, the one backup
 * holds the file as it was (its five entries), and the diary has exactly the schema of a new
 * one. */
static void
assert_migrated (Fixture *fixture,
                 int      old_version)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = find_migration_backup (backup_dir);
  g_autofree char *check = file_text (backup, "PRAGMA quick_check");
  g_autofree char *fresh = fixture_file (fixture, "fresh.db");
  g_autofree char *migrated_schema = NULL;
  g_autofree char *fresh_schema = NULL;

  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==,
                   PD_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (file_int (fixture->path, "PRAGMA application_id"), ==,
                   PD_DATABASE_APPLICATION_ID);

  g_assert_cmpuint (file_mode (backup), ==, 0600);
  g_assert_cmpuint (file_mode (backup_dir), ==, 0700);
  g_assert_cmpint (file_int (backup, "PRAGMA user_version"), ==, old_version);
  g_assert_cmpint (file_int (backup, "SELECT count(*) FROM pain_entries"), ==, 5);
  g_assert_cmpstr (check, ==, "ok");

  g_object_unref (open_diary (fresh, PD_DATABASE_NO_BACKUPS));
  migrated_schema = schema_of (fixture->path);
  fresh_schema = schema_of (fresh);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);
}

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = NULL;
  PdDatabase *db;

  load_sql_fixture (fixture->path, "diary-v1.sql");
  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (file_int (fixture->path, "PRAGMA application_id"), ==,
                   PD_DATABASE_APPLICATION_ID);

  /* NO_BACKUPS skips the daily backup, never the one before a migration. */
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  assert_v1_entries (db);
  close_diary (db);
  assert_migrated (fixture, 1);

  for (guint i = 0; i < G_N_ELEMENTS (v1_entries); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT local_date FROM pain_entries"
                                              " WHERE id = '%s'", v1_entries[i].id);
      g_autofree char *local_date = file_text (fixture->path, sql);

      g_assert_cmpstr (local_date, ==, v1_entries[i].local_date);
    }

  /* Opening again migrates nothing and backs nothing up. */
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  assert_v1_entries (db);
  close_diary (db);
  backup = find_migration_backup (backup_dir);
}

static guint32
tag_mask (PdTagKind   kind,
          const char *keys)
{
  g_auto(GStrv) split = g_strsplit (keys, ";", -1);
  guint32 mask = 0;

  for (guint i = 0; split[i] != NULL; i++)
    {
      int index = pd_tag_lookup (kind, split[i]);

      g_assert_cmpint (index, >=, 0);
      mask |= 1u << index;
    }
  return mask;
}

/* What tests/data/diary-v2.sql holds (not deleted), newest first. */
static const char * const v2_ids[] = {
  "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d05",
  "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d04",
  "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d02",
  "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d01",
};
#define V2_DELETED_ID "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d03"

static void
assert_v2_diary (PdDatabase *db)
{
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(PdDayGroup) last_day = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = pd_database_get_meta (db, "patient_name");
  g_autofree char *surgery = pd_database_get_meta (db, "surgery_date");
  PdPainEntry *entry;

  g_assert_cmpstr (name, ==, "Sam Example");
  g_assert_cmpstr (surgery, ==, "2024-11-20");

  data = pd_database_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->pain_entries->len, ==, G_N_ELEMENTS (v2_ids));
  for (guint i = 0; i < G_N_ELEMENTS (v2_ids); i++)
    g_assert_cmpstr (pd_pain_entry_get_id (data->pain_entries->pdata[i]), ==, v2_ids[i]);
  /* Nothing of the new kinds yet. */
  g_assert_cmpuint (data->medications->len, ==, 0);
  g_assert_cmpuint (data->doses->len, ==, 0);
  g_assert_cmpuint (data->activities->len, ==, 0);
  g_assert_cmpuint (data->events->len, ==, 0);

  /* Every field of version 2 survives. */
  entry = data->pain_entries->pdata[3];
  g_assert_cmpint (pd_pain_entry_get_time (entry), ==, 1746512100);
  g_assert_cmpint (pd_pain_entry_get_utc_offset (entry), ==, 7200);
  g_assert_cmpint (pd_pain_entry_get_pain (entry), ==, 6);
  g_assert_cmpint (pd_pain_entry_get_enjoyment_interference (entry), ==, 5);
  g_assert_cmpint (pd_pain_entry_get_activity_interference (entry), ==, 6);
  g_assert_cmpuint (pd_pain_entry_get_locations (entry), ==,
                    tag_mask (PD_TAG_LOCATION, "low_back;buttock_left"));
  g_assert_cmpuint (pd_pain_entry_get_qualities (entry), ==,
                    tag_mask (PD_TAG_QUALITY, "aching;stiffness"));
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), ==, 6.5);
  g_assert_cmpint (pd_pain_entry_get_sleep_quality (entry), ==, 5);
  g_assert_cmpint (pd_pain_entry_get_mood (entry), ==, 6);
  g_assert_cmpuint (pd_pain_entry_get_red_flags (entry), ==, 0);
  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, "Stiff on waking");
  g_assert_cmpint (pd_pain_entry_get_created (entry), ==, 1746512160);
  g_assert_cmpint (pd_pain_entry_get_updated (entry), ==, 1746512160);

  entry = data->pain_entries->pdata[2];
  g_assert_cmpint (pd_pain_entry_get_enjoyment_interference (entry), ==, PD_UNSET);
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), <, 0);
  g_assert_cmpuint (pd_pain_entry_get_red_flags (entry), ==,
                    tag_mask (PD_TAG_RED_FLAG, "leg_weakness"));
  g_assert_cmpuint (pd_pain_entry_get_qualities (entry), ==,
                    tag_mask (PD_TAG_QUALITY, "burning;electric"));
  g_assert_cmpint (pd_pain_entry_get_updated (entry), ==, 1746552000);

  /* The travelling entry belongs to the local 7th, not the UTC 8th. */
  groups = pd_day_groups_new (data->pain_entries, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  last_day = g_list_model_get_item (groups, 0);
  g_assert_cmpuint (pd_day_group_get_n_items (last_day), ==, 2);
}

static void
test_migrate_v2 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = NULL;
  g_autoptr(PdMedication) medication = pd_medication_new_from_catalogue ("ibuprofen");
  g_autoptr(PdDose) dose = pd_dose_new ();
  g_autoptr(GError) error = NULL;
  PdDatabase *db;

  load_sql_fixture (fixture->path, "diary-v2.sql");
  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==, 2);

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  assert_v2_diary (db);

  /* Deleted before the migration, still undoable after it. */
  g_assert_true (pd_database_restore_pain_entry (db, V2_DELETED_ID, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (db), ==, 5);
  g_assert_true (pd_database_delete_pain_entry (db, V2_DELETED_ID, &error));
  g_assert_no_error (error);
  close_diary (db);
  assert_migrated (fixture, 2);
  backup = find_migration_backup (backup_dir);
  g_assert_cmpint (file_int (backup, "SELECT count(*) FROM sqlite_schema"
                                     " WHERE name = 'medications'"), ==, 0);

  /* The new tables work, foreign key included. */
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  assert_v2_diary (db);
  g_assert_true (pd_database_save_medication (db, medication, &error));
  g_assert_no_error (error);
  pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
  pd_dose_set_name (dose, "Ibuprofen");
  pd_dose_set_amount (dose, 400);
  pd_dose_set_unit (dose, "mg");
  g_assert_true (pd_database_save_dose (db, dose, &error));
  g_assert_no_error (error);
  close_diary (db);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM doses"), ==, 1);

  /* Opening again migrates nothing and backs nothing up. */
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  close_diary (db);
  g_clear_pointer (&backup, g_free);
  backup = find_migration_backup (backup_dir);
}

static void
test_migrate_v2_failure_rolls_back (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = NULL;
  sqlite3 *raw;

  /* Something of the user's own in the way of the step's last table: the whole step, the
   * tables it created before, and the version stay as they were. */
  load_sql_fixture (fixture->path, "diary-v2.sql");
  raw = raw_open (fixture->path, FALSE);
  raw_exec (raw, "CREATE TABLE events (what TEXT)");
  sqlite3_close (raw);

  g_assert_null (pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "events"));

  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM pain_entries"), ==, 5);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM sqlite_schema"
                                            " WHERE name IN ('medications', 'doses')"), ==, 0);
  backup = find_migration_backup (backup_dir);
  g_assert_cmpint (file_int (backup, "PRAGMA user_version"), ==, 2);
}

static void
test_read_only_v2 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdActivity) activity = pd_activity_new ();
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  Snapshot before;
  PdDatabase *db;

  load_sql_fixture (fixture->path, "diary-v2.sql");
  before = take_snapshot (fixture->path);

  /* Reviewed without an upgrade: migrated in memory only. */
  db = open_diary (fixture->path, PD_DATABASE_READ_ONLY);
  assert_v2_diary (db);
  pd_activity_set_name (activity, "Walking");
  g_assert_false (pd_database_save_activity (db, activity, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  close_diary (db);

  assert_unchanged (fixture->path, &before);
  assert_no_sqlite_siblings (fixture->path);
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));
}

static void
test_migrate_failure_rolls_back (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = NULL;
  PdDatabase *db;
  sqlite3 *raw;

  /* Version 1 did not check ranges; version 2 refuses this row. */
  load_sql_fixture (fixture->path, "diary-v1.sql");
  raw = raw_open (fixture->path, FALSE);
  raw_exec (raw, "INSERT INTO pain_entries VALUES ('0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c06',"
                 " 1710500000, 3600, 11, '', 1710500000, 1710500000)");
  sqlite3_close (raw);

  db = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);

  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM pain_entries"), ==, 6);
  g_assert_cmpint (file_int (fixture->path,
                             "SELECT count(*) FROM sqlite_schema WHERE name = 'meta'"), ==, 0);
  backup = find_migration_backup (backup_dir);
}

static void
test_read_only_old_schema (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPainEntry) entry = new_entry (1760000000, 7200, 4, NULL);
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  Snapshot before;
  PdDatabase *db;

  load_sql_fixture (fixture->path, "diary-v1.sql");
  before = take_snapshot (fixture->path);

  /* A clinician can review an old diary without upgrading it. */
  db = open_diary (fixture->path, PD_DATABASE_READ_ONLY);
  g_assert_true (pd_database_is_read_only (db));
  assert_v1_entries (db);
  g_assert_false (pd_database_save_pain_entry (db, entry, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  close_diary (db);

  assert_unchanged (fixture->path, &before);
  assert_no_sqlite_siblings (fixture->path);
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));
}

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
  g_assert_cmpint (count (db), ==, 1);
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
  g_assert_cmpint (count (db), ==, 1);
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
  g_assert_cmpint (count (db), ==, n_entries);
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

/* Local days */

static void
test_dst_days (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GListModel) groups = NULL;
  struct { int month, day, hour, offset; } times[] = {
    { 3, 28, 23, 3600 },
    { 3, 29, 0, 3600 },    /* 23:30 UTC on the 28th */
    { 3, 29, 23, 7200 },   /* the night of the spring change */
    { 3, 30, 0, 7200 },    /* 22:30 UTC on the 29th */
    { 10, 24, 23, 7200 },
    { 10, 25, 0, 7200 },   /* 22:30 UTC on the 24th */
    { 10, 25, 23, 3600 },  /* the night of the autumn change */
    { 10, 26, 0, 3600 },   /* 23:30 UTC on the 25th */
  };
  /* Newest day first. */
  struct { int month, day; guint n; } days[] = {
    { 10, 26, 1 }, { 10, 25, 2 }, { 10, 24, 1 }, { 3, 30, 1 }, { 3, 29, 2 }, { 3, 28, 1 },
  };

  g_assert_nonnull (berlin);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new (berlin, 2026, times[i].month, times[i].day,
                                                   times[i].hour, 30, 0);
      g_autofree char *note = g_date_time_format (time, "%Y-%m-%d %H:%M");
      g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();

      pd_pain_entry_set_date_time (entry, time);
      pd_pain_entry_set_pain (entry, 3);
      pd_pain_entry_set_note (entry, note);
      g_assert_cmpint (pd_pain_entry_get_utc_offset (entry), ==, times[i].offset);
      save (db, entry);
    }

  listed = list_all (db);
  groups = pd_day_groups_new (listed, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, G_N_ELEMENTS (days));
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(PdDayGroup) group = g_list_model_get_item (groups, i);
      g_autoptr(GDate) date = pd_day_group_dup_date (group);
      char prefix[16];

      g_assert_cmpint (g_date_get_year (date), ==, 2026);
      g_assert_cmpint (g_date_get_month (date), ==, days[i].month);
      g_assert_cmpint (g_date_get_day (date), ==, days[i].day);
      g_assert_cmpuint (pd_day_group_get_n_items (group), ==, days[i].n);
      g_date_strftime (prefix, sizeof prefix, "%Y-%m-%d", date);
      for (guint j = 0; j < pd_day_group_get_n_items (group); j++)
        {
          PdPainEntry *entry = pd_day_group_get_item (group, j);

          g_assert_true (g_str_has_prefix (pd_pain_entry_get_note (entry), prefix));
        }
    }

  /* The stored local date agrees. */
  g_clear_object (&db);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM pain_entries"
                                            " WHERE substr(note, 1, 10) = local_date"),
                   ==, G_N_ELEMENTS (times));
}

/* Asynchronous listing */

typedef struct
{
  GMainLoop *loop;
  GPtrArray *entries;
  GError *error;
  guint pending;
} AsyncData;

static void
list_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;
  GPtrArray *entries;
  GError *error = NULL;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  entries = pd_database_list_pain_entries_finish (PD_DATABASE (object), result, &error);
  if (entries != NULL)
    {
      g_clear_pointer (&data->entries, g_ptr_array_unref);
      data->entries = entries;
    }
  else
    {
      g_clear_error (&data->error);
      data->error = error;
    }
  if (--data->pending == 0)
    g_main_loop_quit (data->loop);
}

static void
test_async_list (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncData async = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0 };

  fill (db, 100, 3);

  /* Several readers while the main thread keeps writing. */
  for (guint i = 0; i < 4; i++)
    {
      async.pending++;
      pd_database_list_pain_entries_async (db, G_MININT64, G_MAXINT64, NULL, list_ready_cb,
                                           &async);
    }
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(PdPainEntry) entry = new_entry (1800000000 + i, 0, 5, "meanwhile");

      save (db, entry);
    }
  g_main_loop_run (async.loop);
  g_assert_no_error (async.error);
  g_assert_nonnull (async.entries);
  g_assert_cmpuint (async.entries->len, >=, 300);
  g_assert_cmpuint (async.entries->len, <=, 320);
  g_assert_true (PD_IS_PAIN_ENTRY (async.entries->pdata[0]));
  g_clear_pointer (&async.entries, g_ptr_array_unref);

  /* A range, once more, after the writes. */
  async.pending = 1;
  pd_database_list_pain_entries_async (db, 1800000000, 1800000010, NULL, list_ready_cb, &async);
  g_main_loop_run (async.loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.entries->len, ==, 10);
  g_clear_pointer (&async.entries, g_ptr_array_unref);

  g_cancellable_cancel (cancellable);
  async.pending = 1;
  pd_database_list_pain_entries_async (db, G_MININT64, G_MAXINT64, cancellable, list_ready_cb,
                                       &async);
  g_main_loop_run (async.loop);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.entries);
  g_clear_error (&async.error);

  g_main_loop_unref (async.loop);
}

/* Generated diaries */

/* What the generator makes the same from the same seed. */
static const Field content_fields[] = {
  FIELD (STR, pd_pain_entry_get_id),
  FIELD (INT64, pd_pain_entry_get_time),
  FIELD (INT, pd_pain_entry_get_pain),
  FIELD (INT, pd_pain_entry_get_mood),
  FIELD (UINT64, pd_pain_entry_get_locations),
  FIELD (STR, pd_pain_entry_get_note),
};

static void
test_generator (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *second_path = fixture_file (fixture, "second.db");
  g_autofree char *third_path = fixture_file (fixture, "third.db");
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(PdDatabase) second = open_diary (second_path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(PdDatabase) third = open_diary (third_path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;
  PdGeneratorOptions options = { 60, 3, 7, .tz = "America/New_York" };
  GDate first;

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 31, G_DATE_MARCH, 2026);
  first = options.end_date;
  g_date_subtract_days (&first, 59);

  g_assert_true (pd_generator_fill (db, &options, &error));
  g_assert_no_error (error);
  g_assert_true (pd_generator_fill (second, &options, &error));
  g_assert_no_error (error);

  /* The same seed, the same diary. */
  a = list_all (db);
  b = list_all (second);
  g_assert_cmpuint (a->len, ==, 180);
  g_assert_cmpuint (b->len, ==, 180);
  for (guint i = 0; i < a->len; i++)
    assert_same_fields (a->pdata[i], b->pdata[i], content_fields,
                        G_N_ELEMENTS (content_fields));

  /* New York's offsets, both sides of its change on 2026-03-08, on the right days. */
  groups = pd_day_groups_new (a, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 60);
  for (guint i = 0; i < a->len; i++)
    {
      PdPainEntry *entry = a->pdata[i];
      int offset = pd_pain_entry_get_utc_offset (entry);
      guint32 day = pd_pain_entry_get_local_day (entry);

      g_assert_true (offset == -5 * 3600 || offset == -4 * 3600);
      g_assert_cmpint (offset == -4 * 3600, ==, pd_pain_entry_get_time (entry) > 1772953200);
      g_assert_cmpuint (day, >=, g_date_get_julian (&first));
      g_assert_cmpuint (day, <=, g_date_get_julian (&options.end_date));
      g_assert_cmpint (pd_pain_entry_get_pain (entry), >=, 0);
      g_assert_cmpint (pd_pain_entry_get_pain (entry), <=, 10);
    }

  /* A realistic 1-4 a day. */
  options.entries_per_day = 0;
  options.tz = NULL;
  options.seed = 8;
  g_assert_true (pd_generator_fill (third, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (third), >=, 60);
  g_assert_cmpint (count (third), <=, 240);

  options.tz = "Mars/Olympus_Mons";
  g_assert_false (pd_generator_fill (third, &options, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static double
mean_pain (GListModel *groups,
           guint32     first_day,
           guint32     last_day)
{
  double sum = 0;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(PdDayGroup) group = g_list_model_get_item (groups, i);
      guint32 day = pd_day_group_get_day (group);

      if (day < first_day || day > last_day)
        continue;
      for (guint j = 0; j < pd_day_group_get_n_items (group); j++)
        {
          sum += pd_pain_entry_get_pain (pd_day_group_get_item (group, j));
          n++;
        }
    }
  g_assert_cmpuint (n, >, 0);
  return sum / n;
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PdDatabase) db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) bad_nights = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *surgery = NULL;
  guint32 first, end;
  guint burning_in_flare = 0;
  GDate end_date;

  g_date_clear (&end_date, 1);
  g_date_set_dmy (&end_date, 1, G_DATE_JUNE, 2026);
  end = g_date_get_julian (&end_date);
  first = end - 119;

  g_assert_true (pd_generator_fill_demo (db, &end_date, &error));
  g_assert_no_error (error);

  name = pd_database_get_meta (db, "patient_name");
  g_assert_cmpstr (name, ==, "Alex Demo");
  /* 30 days before 2026-02-02, the first day. */
  surgery = pd_database_get_meta (db, "surgery_date");
  g_assert_cmpstr (surgery, ==, "2026-01-03");

  entries = list_all (db);
  groups = pd_day_groups_new (entries, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), >=, 110);
  g_assert_cmpuint (g_list_model_get_n_items (groups), <=, 118);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(PdDayGroup) group = g_list_model_get_item (groups, i);
      guint32 day = pd_day_group_get_day (group);

      g_assert_cmpuint (day, >=, first);
      g_assert_cmpuint (day, <=, end);
      g_assert_cmpuint (pd_day_group_get_n_items (group), >=, 2);
      g_assert_cmpuint (pd_day_group_get_n_items (group), <=, 4);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      PdPainEntry *entry = entries->pdata[i];
      guint32 day = pd_pain_entry_get_local_day (entry);

      g_assert_cmpuint (pd_pain_entry_get_red_flags (entry), ==, 0);
      if (day >= first + 62 && day <= first + 72 &&
          (pd_pain_entry_get_qualities (entry) &
           (1u << pd_tag_lookup (PD_TAG_QUALITY, "burning"))))
        burning_in_flare++;
    }

  /* The story: about 6 at first, a flare of 7-8, about 3.5 at the end. */
  g_test_message ("demo: first fortnight %.1f, flare %.1f, last fortnight %.1f",
                  mean_pain (groups, first, first + 13), mean_pain (groups, first + 62, first + 70),
                  mean_pain (groups, end - 13, end));
  g_assert_cmpfloat (mean_pain (groups, first, first + 13), >=, 5.3);
  g_assert_cmpfloat (mean_pain (groups, first, first + 13), <=, 6.8);
  g_assert_cmpfloat (mean_pain (groups, first + 62, first + 70), >=, 7.0);
  g_assert_cmpfloat (mean_pain (groups, first + 62, first + 70), <=, 8.3);
  g_assert_cmpfloat (mean_pain (groups, end - 13, end), >=, 3.0);
  g_assert_cmpfloat (mean_pain (groups, end - 13, end), <=, 4.3);
  g_assert_cmpuint (burning_in_flare, >=, 20);

  bad_nights = pd_day_groups_new (entries, "bad night");
  g_assert_cmpuint (g_list_model_get_n_items (bad_nights), >=, 3);
}

/* Performance, with -m perf */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_performance (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  PdGeneratorOptions options = { 5500, 4, 1 };
  double times[200];
  double list_times[5];
  g_autoptr(GTimer) timer = g_timer_new ();

  if (!g_test_perf ())
    {
      g_test_skip ("only with -m perf");
      return;
    }

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(PdPainEntry) entry = new_entry (1760000000 + i * 600, 7200, i % 11, "timed");

      g_timer_start (timer);
      save (db, entry);
      times[i] = g_timer_elapsed (timer, NULL) * 1000;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_doubles);
  g_test_message ("save one entry: median %.3f ms, 90th percentile %.3f ms, max %.3f ms",
                  times[100], times[180], times[199]);
  g_test_minimized_result (times[100], "save one entry: median %.3f ms", times[100]);

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 1, G_DATE_JUNE, 2026);
  g_timer_start (timer);
  g_assert_true (pd_generator_fill (db, &options, &error));
  g_assert_no_error (error);
  g_test_message ("generate and save 22,000 entries: %.1f ms",
                  g_timer_elapsed (timer, NULL) * 1000);

  for (guint i = 0; i < G_N_ELEMENTS (list_times); i++)
    {
      g_autoptr(GPtrArray) entries = NULL;

      g_timer_start (timer);
      entries = pd_database_list_pain_entries (db, G_MININT64, G_MAXINT64, &error);
      list_times[i] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, 22200);
    }
  qsort (list_times, G_N_ELEMENTS (list_times), sizeof list_times[0], compare_doubles);
  g_test_message ("list 22,200 entries: median %.1f ms, min %.1f ms",
                  list_times[2], list_times[0]);
  g_test_minimized_result (list_times[2], "list 22,200 entries: median %.1f ms", list_times[2]);
}

/* Registration */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/database/create", test_create);
  ADD ("/database/create-in-empty-file", test_create_in_empty_file);
  g_test_add_func ("/database/default-path", test_default_path);
  ADD ("/database/save-and-get", test_save_and_get);
  ADD ("/database/update", test_update);
  ADD ("/database/list", test_list);
  ADD ("/database/delete-restore", test_delete_restore);
  ADD ("/database/validation-writes-nothing", test_validation_writes_nothing);
  ADD ("/database/meta", test_meta);
  ADD ("/database/migrate-v1", test_migrate_v1);
  ADD ("/database/migrate-failure-rolls-back", test_migrate_failure_rolls_back);
  ADD ("/database/migrate-v2", test_migrate_v2);
  ADD ("/database/migrate-v2-failure-rolls-back", test_migrate_v2_failure_rolls_back);
  ADD ("/database/read-only-v2", test_read_only_v2);
  ADD ("/database/read-only-old-schema", test_read_only_old_schema);
  ADD ("/database/newer-schema", test_newer_schema);
  ADD ("/database/damaged", test_damaged);
  ADD ("/database/not-a-diary", test_not_a_diary);
  ADD ("/database/read-only", test_read_only);
  ADD ("/database/backup-rotation", test_backup_rotation);
  ADD ("/database/backup-to", test_backup_to);
  ADD ("/database/dst-days", test_dst_days);
  ADD ("/database/async-list", test_async_list);
  ADD ("/database/generator", test_generator);
  ADD ("/database/demo", test_demo);
  ADD ("/database/performance", test_performance);

#undef ADD

  return g_test_run ();
}
