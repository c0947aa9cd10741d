/* test-database.c: creating a diary, saving, listing and deleting pain entries, its
 * meta values, local days, listing asynchronously and the generated diaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-database"

#include "config.h"

#include "database-test-util.h"
#include "pd-day-group.h"
#include "pd-error.h"
#include "pd-tags.h"

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
  g_assert_cmpint (count_entries (db), ==, 0);

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
  g_assert_cmpint (count_entries (db), ==, 1);
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
  g_assert_cmpint (count_entries (db), ==, 0);
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
test_default_path (Fixture       *fixture,
                   gconstpointer  data)
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
  g_assert_cmpint (count_entries (db), ==, 2);

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

  g_assert_cmpint (count_entries (db), ==, 1);
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
  g_assert_cmpint (count_entries (db), ==, 1);
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
  g_assert_cmpint (count_entries (db), ==, 2);
  got = pd_database_get_pain_entry (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_pain_entry_get_note (got), ==, "gone");
  g_clear_object (&got);

  /* Saving a deleted entry again brings it back too. */
  g_assert_true (pd_database_delete_pain_entry (db, id, NULL));
  g_assert_cmpint (count_entries (db), ==, 1);
  save (db, gone);
  g_assert_cmpint (count_entries (db), ==, 2);

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
  g_assert_cmpint (count_entries (db), ==, 1);

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
  g_assert_cmpint (count_entries (db), ==, 1);
  for (guint i = 0; i < batch->len; i++)
    g_assert_cmpint (pd_pain_entry_get_created (batch->pdata[i]), ==, 0);

  g_ptr_array_remove_index (batch, 2);
  g_assert_true (pd_database_save_pain_entries (db, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_entries (db), ==, 6);
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
  g_assert_cmpint (count_entries (third), >=, 60);
  g_assert_cmpint (count_entries (third), <=, 240);

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
  g_autofree char *name = NULL;
  g_autofree char *surgery = NULL;
  guint32 first, end;
  guint burning_in_flare = 0;

  end = fill_demo_until_june (db);
  first = end - 119;

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
  static const FixtureTest tests[] = {
    { "/database/create", test_create },
    { "/database/create-in-empty-file", test_create_in_empty_file },
    { "/database/default-path", test_default_path },
    { "/database/save-and-get", test_save_and_get },
    { "/database/update", test_update },
    { "/database/list", test_list },
    { "/database/delete-restore", test_delete_restore },
    { "/database/validation-writes-nothing", test_validation_writes_nothing },
    { "/database/meta", test_meta },
    { "/database/dst-days", test_dst_days },
    { "/database/async-list", test_async_list },
    { "/database/generator", test_generator },
    { "/database/demo", test_demo },
    { "/database/performance", test_performance },
  };

  return run_fixture_tests (&argc, &argv, fixture_set_up, tests, G_N_ELEMENTS (tests));
}
