/* test-review.c: opening a diary or a diary CSV for a clinician's review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever is reviewed stays as it was: the bytes and modification time of the file and of
 * every file beside it, and the folder's list of files.
 */

#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "pd-csv.h"
#include "pd-error.h"
#include "pd-review.h"
#include "storage-fixture.h"

static void
save_entries (PdDatabase *db,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
      g_autoptr(GError) error = NULL;

      pd_pain_entry_set_time (entry, 1760000000 + i * 3600, 7200);
      pd_pain_entry_set_pain (entry, i % 11);
      g_assert_true (pd_database_save_pain_entry (db, entry, &error));
      g_assert_no_error (error);
    }
}

static PdDatabase *
new_diary (const char *path,
           guint       n_entries,
           const char *patient)
{
  PdDatabase *db = open_diary (path, PD_DATABASE_NO_BACKUPS);

  save_entries (db, n_entries);
  if (patient != NULL)
    g_assert_true (pd_database_set_meta (db, "patient_name", patient, NULL));
  return db;
}

static void
assert_read_only (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();

  g_assert_true (pd_database_is_read_only (db));
  pd_pain_entry_set_time (entry, 1760000000, 0);
  pd_pain_entry_set_pain (entry, 5);
  g_assert_false (pd_database_save_pain_entry (db, entry, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pd_database_set_meta (db, "patient_name", "Someone Else", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
}

/* Opens path for review: read-only, with n_entries pain entries (some, for -1) and the
 * patient's name (not checked for NULL). */
static PdDatabase *
review (const char *path,
        gint64      n_entries,
        const char *patient)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db = pd_review_open (path, &error);

  g_assert_no_error (error);
  if (n_entries < 0)
    g_assert_cmpint (pd_database_count_pain_entries (db, NULL), >, 0);
  else
    g_assert_cmpint (pd_database_count_pain_entries (db, NULL), ==, n_entries);
  if (patient != NULL)
    {
      g_autofree char *name = pd_review_dup_patient_name (db);

      g_assert_cmpstr (name, ==, patient);
    }
  assert_read_only (db);
  return db;
}

/* Opening path for review fails with code, and leaves the folder as folder_state
 * described it before; the error, for more checks. */
static GError *
review_fails (const char *path,
              PdError     code,
              const char *dir_path,
              const char *before)
{
  GError *error = NULL;

  g_assert_null (pd_review_open (path, &error));
  g_assert_error (error, PD_ERROR, code);
  assert_folder_unchanged (dir_path, FOLDER_AND_TIMES, before);
  return error;
}

static void
test_closed_diary (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  PdDatabase *db;

  g_object_unref (new_diary (fixture->path, 12, "Alice Example"));
  /* Closed cleanly: one file, read in place. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = folder_state (fixture->dir, FOLDER_AND_TIMES);

  db = review (fixture->path, 12, "Alice Example");
  /* Nothing beside the file while it is open either: not even a -shm file. */
  assert_folder_unchanged (fixture->dir, FOLDER_AND_TIMES, before);
  g_object_unref (db);
  assert_folder_unchanged (fixture->dir, FOLDER_AND_TIMES, before);
}

/* The patient's Pain Diary has the file open: its latest entries are in the -wal file. */
static void
test_open_diary_with_wal (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PdDatabase) writer = new_diary (fixture->path, 5, NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *before = NULL;

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = folder_state (fixture->dir, FOLDER_AND_TIMES);

  g_object_unref (review (fixture->path, 5, "diary.db"));
  assert_folder_unchanged (fixture->dir, FOLDER_AND_TIMES, before);

  /* The patient's own diary goes on as before. */
  save_entries (writer, 1);
  g_assert_cmpint (pd_database_count_pain_entries (writer, NULL), ==, 6);
}

static void
test_old_schema (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = NULL;

  load_sql_fixture (fixture->path, "diary-v1.sql");
  before = folder_state (fixture->dir, FOLDER_AND_TIMES);

  /* Migrated in memory: no backup, no migration of the file. */
  g_object_unref (review (fixture->path, -1, NULL));
  assert_folder_unchanged (fixture->dir, FOLDER_AND_TIMES, before);
}

static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA application_id = 1348748409; PRAGMA user_version = 99;"
                                      "CREATE TABLE t (x);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  before = folder_state (fixture->dir, FOLDER_AND_TIMES);

  error = review_fails (fixture->path, PD_ERROR_NEWER_SCHEMA, fixture->dir, before);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_object_unref (new_diary (fixture->path, 400, "Alice Example"));
  /* Scribbled over from the third page on: the header still says SQLite. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4 * 4096);
  memset (contents + 2 * 4096, 0x5a, length - 2 * 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
  before = folder_state (fixture->dir, FOLDER_AND_TIMES);

  error = review_fails (fixture->path, PD_ERROR_DAMAGED, fixture->dir, before);
  /* Nothing offered: the backups beside someone else's diary are not the reviewer's. */
  g_assert_null (strstr (error->message, "backup"));
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "csv", "ok-lf.csv", NULL);
  g_autofree char *csv = fixture_file (fixture, "patient.csv");
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autoptr(PdDiaryData) diary = NULL;
  PdDatabase *db;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (csv, contents, length, NULL));
  before = folder_state (fixture->dir, FOLDER_AND_TIMES);

  db = review (csv, 1, "patient.csv");
  diary = load_diary (db);
  g_assert_cmpuint (diary->pain_entries->len, ==, 1);
  g_assert_cmpuint (diary->doses->len, ==, 1);
  g_assert_cmpuint (diary->activities->len, ==, 1);
  g_assert_cmpuint (diary->events->len, ==, 1);
  g_assert_cmpstr (pd_event_get_title (g_ptr_array_index (diary->events, 0)), ==, "Lumbar fusion L4-L5");
  /* The medication its dose names, so that Medications lists what Trends plots. */
  g_assert_cmpuint (diary->medications->len, ==, 1);
  g_assert_cmpstr (pd_medication_get_name (g_ptr_array_index (diary->medications, 0)), ==, "Ibuprofen");
  g_assert_cmpstr (pd_database_get_path (db), ==, csv);
  g_object_unref (db);

  /* Loaded into memory: no diary written anywhere in the folder. */
  assert_folder_unchanged (fixture->dir, FOLDER_AND_TIMES, before);
}

static void
test_bad_csv (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "pain-out-of-range.csv", NULL);
  g_autofree char *display = g_filename_display_name (csv);
  g_autofree char *prefix = g_strconcat (display, ":2: pain: ", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (pd_review_open (csv, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

static void
test_not_reviewable (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  /* What is opened, the error, and a name its message gives (or NULL). */
  static const struct {
    const char *name;   /* in the folder; NULL: the folder itself */
    PdError code;
    const char *mentions;
  } cases[] = {
    { "scan.png", PD_ERROR_NOT_A_DIARY, "scan.png" },
    { "empty.db", PD_ERROR_NOT_A_DIARY, NULL },
    { "missing.db", PD_ERROR_IO, "missing.db" },
    { NULL, PD_ERROR_NOT_A_DIARY, NULL },
  };
  g_autofree char *image = fixture_file (fixture, "scan.png");
  g_autofree char *empty = fixture_file (fixture, "empty.db");
  g_autofree char *before = NULL;

  g_assert_true (g_file_set_contents (image, (const char *) png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  before = folder_state (fixture->dir, FOLDER_AND_TIMES);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = cases[i].name != NULL ? fixture_file (fixture, cases[i].name)
                                                    : g_strdup (fixture->dir);
      g_autoptr(GError) error = review_fails (path, cases[i].code, fixture->dir, before);

      if (cases[i].mentions != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }
}

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/review/closed-diary", test_closed_diary },
    { "/review/open-diary-with-wal", test_open_diary_with_wal },
    { "/review/old-schema", test_old_schema },
    { "/review/newer-schema", test_newer_schema },
    { "/review/damaged", test_damaged },
    { "/review/csv", test_csv },
    { "/review/bad-csv", test_bad_csv },
    { "/review/not-reviewable", test_not_reviewable },
  };

  return run_fixture_tests (&argc, &argv, fixture_set_up, tests, G_N_ELEMENTS (tests));
}
