/* test-csv-stream.c: the diary CSV streamed from the file (pd_csv_export_stream) gives the
 * same bytes as the CSV of the loaded records (pd_csv_export), for every kind, field, order
 * and range
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv-stream"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-csv.h"
#include "pd-csv-tasks.h"
#include "pd-database-spine.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "pd-tags.h"
#include "pd-types.h"
#include "csv-test-util.h"
#include "record-builders.h"

#define CET 3600
#define CEST 7200
/* 2026-03-29 00:00 UTC: Berlin changes to summer time at 01:00 UTC. */
#define DST_DAY 1774742400

static guint32
day_of (const char *date)
{
  guint32 day = 0;

  if (date != NULL)
    g_assert_true (pd_csv_parse_date (date, &day));
  return day;
}

/* The export of the loaded records and the streamed one, for from..to (NULL: no bound). */
static GBytes *
assert_same_export (PdDatabase *db,
                    const char *from,
                    const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) loaded = export_db (db, FALSE, day_of (from), day_of (to));
  GBytes *streamed = pd_csv_export_database (db, day_of (from), day_of (to), &error);

  g_assert_no_error (error);
  if (!g_bytes_equal (loaded, streamed))
    g_test_message ("from %s to %s", from, to);
  assert_bytes_equal (loaded, streamed);
  return streamed;
}

/* Changes the diary's file behind its back. */
static void
raw_exec (PdDatabase *db,
          const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (pd_database_get_path (db), &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  /* The last statement changed its one row. */
  g_assert_cmpint (sqlite3_changes (raw), ==, 1);
  sqlite3_close (raw);
}

static void
add_pain (GPtrArray  *entries,
          const char *id,
          gint64      time,
          int         offset,
          const char *note)
{
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_id (entry, id);
  pd_pain_entry_set_time (entry, time, offset);
  pd_pain_entry_set_pain (entry, entries->len % 11);
  pd_pain_entry_set_note (entry, note);
  g_ptr_array_add (entries, entry);
}

static PdDose *
add_dose (GPtrArray  *doses,
          const char *id,
          gint64      time,
          int         offset,
          const char *name,
          double      amount)
{
  PdDose *dose = pd_dose_new ();

  pd_dose_set_id (dose, id);
  pd_dose_set_name (dose, name);
  pd_dose_set_time (dose, time, offset);
  pd_dose_set_amount (dose, amount);
  pd_dose_set_unit (dose, "mg");
  g_ptr_array_add (doses, dose);
  return dose;
}

static PdEvent *
add_event (GPtrArray  *events,
           const char *id,
           gint64      time,
           const char *kind,
           const char *title)
{
  PdEvent *event = new_event (kind, title, time, CET);

  pd_event_set_id (event, id);
  g_ptr_array_add (events, event);
  return event;
}

/* Pain entries with every field and awkward text, around the change to summer time, on
 * other continents' offsets, and before 1970 (whole minutes are floored, not truncated). */
static void
fill_pain (GPtrArray *entries)
{
  static const char * const notes[] = {
    "Plain", "Comma, then \"quotes\"", "Two\r\nlines\nand a bare LF", "Ünïcödé ✓ 痛み",
    "=SUM(A1:A9)", "+49 123", "-2 after PT", "@mention", "\ttab first", "\rCR first",
    "'=already quoted", "''+twice", " leading space", "",
  };
  static const char * const own_locations[] = { "Behind the left ear", "Jaw, right side", NULL };
  static const char * const own_qualities[] = { "Like \"ants\"", "=hot", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *id = g_strdup_printf ("3c1f6a2e-9b4d-4e8a-a1c7-%012u", 900 - i);
      /* Every 50 minutes across the change, with seconds; summer time from 01:00 UTC. */
      gint64 time = DST_DAY - 3 * 3600 + i * 3000 + i % 60;
      PdPainEntry *entry;

      add_pain (entries, id, time, time < DST_DAY + 3600 ? CET : CEST, notes[i]);
      entry = g_ptr_array_index (entries, entries->len - 1);
      if (i % 3 == 0)
        continue;
      pd_pain_entry_set_enjoyment_interference (entry, i % 10);
      pd_pain_entry_set_activity_interference (entry, (i + 3) % 11);
      pd_pain_entry_set_locations (entry, G_GUINT64_CONSTANT (0x5) << (i % 30));
      pd_pain_entry_set_qualities (entry, 0x3 << (i % 5));
      pd_pain_entry_set_sleep_hours (entry, i == 1 ? 0.1 : 6.5 + i % 2 * 0.5);
      pd_pain_entry_set_sleep_quality (entry, i % 11);
      pd_pain_entry_set_mood (entry, 10 - i % 11);
      pd_pain_entry_set_red_flags (entry, i == 2 ? 0x3 : i == 5 ? 0x4000 : 0);
      pd_pain_entry_set_back_pain (entry, i % 11);
      if (i % 2)
        pd_pain_entry_set_leg_pain (entry, (i + 5) % 11);
      if (i == 4 || i == 8)
        pd_pain_entry_set_custom_locations (entry, own_locations);
      if (i == 4 || i == 11)
        pd_pain_entry_set_custom_qualities (entry, own_qualities);
    }
  add_pain (entries, "3c1f6a2e-9b4d-4e8a-a1c7-100000000001", DST_DAY + 5 * 3600, -10 * 3600,
            "Honolulu");
  add_pain (entries, "3c1f6a2e-9b4d-4e8a-a1c7-100000000002", DST_DAY + 22 * 3600 + 1800,
            14 * 3600, "Kiribati: tomorrow already");
  add_pain (entries, "3c1f6a2e-9b4d-4e8a-a1c7-100000000003", -86400 * 3 - 59, -9000,
            "Before 1970, with a half-hour offset");
  add_pain (entries, "3c1f6a2e-9b4d-4e8a-a1c7-100000000004", -86400 * 3 - 1, 20700,
            "The same minute before 1970");
}

/* Records of every kind in one minute, their seconds against their ids' order. */
static void
fill_one_minute (GPtrArray *entries,
                 GPtrArray *doses,
                 GPtrArray *activities,
                 GPtrArray *events)
{
  gint64 minute = DST_DAY + 12 * 3600;
  PdActivity *activity = pd_activity_new ();

  add_pain (entries, "3c1f6a2e-9b4d-4e8a-a1c7-200000000009", minute, CEST, "first in time");
  add_pain (entries, "3c1f6a2e-9b4d-4e8a-a1c7-200000000001", minute + 59, CEST, "last in time");
  add_dose (doses, "3c1f6a2e-9b4d-4e8a-a1c7-200000000005", minute + 30, CEST, "+Custom, \"drops\"",
            2.5);
  add_dose (doses, "3c1f6a2e-9b4d-4e8a-a1c7-200000000003", minute + 30, CEST, "Tramadol", 50);
  add_event (events, "3c1f6a2e-9b4d-4e8a-a1c7-200000000002", minute + 1, "appointment",
             "=Dr. Who");
  pd_activity_set_id (activity, "3c1f6a2e-9b4d-4e8a-a1c7-200000000004");
  pd_activity_set_name (activity, "=cmd|' /C calc'!A0");
  pd_activity_set_time (activity, minute + 10, CEST);
  pd_activity_set_duration (activity, 45);
  pd_activity_set_note (activity, "Slow,\nsteady");
  g_ptr_array_add (activities, activity);
  activity = pd_activity_new ();
  pd_activity_set_id (activity, "3c1f6a2e-9b4d-4e8a-a1c7-200000000008");
  pd_activity_set_name (activity, "Walking");
  pd_activity_set_time (activity, minute + 5, CEST);
  pd_activity_set_duration (activity, 1440);
  pd_activity_set_effort (activity, 0);
  g_ptr_array_add (activities, activity);
}

static void
fill_treatment (GPtrArray *doses,
                GPtrArray *events)
{
  PdDose *skipped;
  PdEvent *event;

  add_dose (doses, "3c1f6a2e-9b4d-4e8a-a1c7-300000000001", DST_DAY + 600, CET, "Ibuprofen", 400);
  add_dose (doses, "3c1f6a2e-9b4d-4e8a-a1c7-300000000002", DST_DAY + 7200, CEST, "Fentanyl patch",
            12.5);
  add_dose (doses, "3c1f6a2e-9b4d-4e8a-a1c7-300000000003", DST_DAY + 9000, CEST, "Drops", 0.1);
  skipped = add_dose (doses, "3c1f6a2e-9b4d-4e8a-a1c7-300000000004", DST_DAY + 900, CET,
                      "Ibuprofen", 400);
  pd_dose_set_status (skipped, PD_DOSE_SKIPPED);
  pd_dose_set_note (g_ptr_array_index (doses, doses->len - 2), "-with food");

  event = add_event (events, "3c1f6a2e-9b4d-4e8a-a1c7-400000000001", DST_DAY - 86400 * 30,
                     "surgery", "Lumbar fusion L4-L5");
  pd_event_set_note (event, "Dr. Smith, \"ward 3\"");
  event = add_event (events, "3c1f6a2e-9b4d-4e8a-a1c7-400000000002", DST_DAY - 86400 * 20,
                     "stimulator_trial", "SCS week");
  pd_event_set_end_day (event, pd_event_get_local_day (event) + 7);
  add_event (events, "3c1f6a2e-9b4d-4e8a-a1c7-400000000003", DST_DAY - 86400 * 10,
             "injection", "Deleted later");
}

/* Function ratings (one of an activity deleted later) and impressions (about an event, about
 * a deleted one, overall). */
static void
fill_spine (PdDatabase *db,
            gboolean    on_file)
{
  g_autoptr(PdFunctionActivity) walking = pd_function_activity_new ();
  g_autoptr(PdFunctionActivity) gone = pd_function_activity_new ();
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const events[] = {
    "3c1f6a2e-9b4d-4e8a-a1c7-400000000001", "3c1f6a2e-9b4d-4e8a-a1c7-400000000003", NULL,
  };
  g_autoptr(GError) error = NULL;

  pd_function_activity_set_name (walking, "Walking, \"far\"");
  pd_function_activity_set_added_day (walking, pd_local_day (DST_DAY - 86400 * 40, CET));
  pd_database_save_function_activity (db, walking, &error);
  g_assert_no_error (error);
  pd_function_activity_set_name (gone, "Gardening");
  pd_function_activity_set_added_day (gone, pd_local_day (DST_DAY - 86400 * 40, CET));
  pd_database_save_function_activity (db, gone, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      const char *activity_id = pd_function_activity_get_id (i % 2 ? gone : walking);

      /* Two in the minute of the records above. */
      g_ptr_array_add (ratings, new_rating (NULL, activity_id,
                                            i < 2 ? DST_DAY + 12 * 3600 + 20 + i
                                                  : DST_DAY - 86400 * i,
                                            i < 2 ? CEST : CET, i * 2));
    }
  pd_database_save_function_ratings (db, ratings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(PdImpression) impression =
        new_impression (NULL, events[i], DST_DAY + 12 * 3600 + 40 - i * 86400, CEST, 1 + i * 3);

      pd_impression_set_note (impression, i == 0 ? "Much better, \"really\"" : "");
      pd_database_save_impression (db, impression, &error);
      g_assert_no_error (error);
    }
  pd_database_delete_record (db, PD_RECORD_EVENT, "3c1f6a2e-9b4d-4e8a-a1c7-400000000003",
                             &error);
  g_assert_no_error (error);
  /* No API deletes a function activity that has ratings: as a newer version might. */
  if (on_file)
    raw_exec (db, "UPDATE function_activities SET deleted = 1 WHERE name = 'Gardening'");
}

static void
fill_fixture (PdDatabase *db,
              gboolean    on_file)
{
  g_autoptr(PdDiaryData) records = diary_new ();
  g_autoptr(GError) error = NULL;

  fill_pain (records->pain_entries);
  fill_one_minute (records->pain_entries, records->doses, records->activities, records->events);
  fill_treatment (records->doses, records->events);
  save_diary_records (db, records, &error);
  g_assert_no_error (error);
  pd_database_delete_record (db, PD_RECORD_PAIN, "3c1f6a2e-9b4d-4e8a-a1c7-000000000900", &error);
  g_assert_no_error (error);
  fill_spine (db, on_file);
}

/* What no version of the app writes, but a file may hold: tag lists out of order, with
 * spaces, repeats, empty items and unknown red flags; ids in capitals; an end date that does
 * not exist. The streamed export reads them as the records do. */
static void
spoil_fixture (PdDatabase *db)
{
  static const char sql[] =
    "UPDATE pain_entries SET locations = ' buttock_left ; low_back;;Own;Own;low_back',"
    "  qualities = 'sharp;aching', red_flags = 'leg_weakness;bowel_bladder'"
    "  WHERE id LIKE '%000000000899';"
    "UPDATE pain_entries SET locations = 'Own place;low_back', qualities = 'burning;',"
    "  red_flags = 'no_such_flag;fever_wound' WHERE id LIKE '%000000000898';"
    "UPDATE pain_entries SET red_flags = 'fever_wound;fever_wound', locations = 'x;x'"
    "  WHERE id LIKE '%000000000897';"
    "UPDATE pain_entries SET id = upper(id) WHERE id LIKE '%200000000001';"
    "UPDATE doses SET id = upper(id) WHERE id LIKE '%200000000005';"
    "UPDATE events SET end_date = '2026-02-30' WHERE id LIKE '%400000000001';";

  raw_exec (db, sql);
}

static const char * const ranges[][2] = {
  { NULL, NULL }, { "2026-03-29", "2026-03-29" }, { "2026-03-28", NULL }, { NULL, "2026-03-28" },
  { "2026-03-30", "2026-03-30" }, { "1969-12-28", "1969-12-29" }, { "2026-02-27", "2026-03-01" },
  { "2030-01-01", NULL },
};

static void
test_fixture (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("fixture.db");
  g_autoptr(GBytes) all = NULL;
  const char *text;

  fill_fixture (db, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    g_bytes_unref (assert_same_export (db, ranges[i][0], ranges[i][1]));

  /* The fixture holds what it should: the minute's rows by id, whatever their seconds. */
  all = assert_same_export (db, NULL, NULL);
  text = g_bytes_get_data (all, NULL);
  g_assert_nonnull (strstr (text, "200000000001,2026-03-29,14:00,+02:00,pain,"));
  g_assert_nonnull (strstr (text, "200000000009,2026-03-29,14:00,+02:00,pain,"));
  g_assert_true (strstr (text, "200000000001,") < strstr (text, "200000000002,"));
  g_assert_true (strstr (text, "200000000008,") < strstr (text, "200000000009,"));
  g_assert_nonnull (strstr (text, "\"Walking, \"\"far\"\"\",4,,,,"));
  g_assert_null (strstr (text, "Gardening"));
  g_assert_null (strstr (text, "000000000900"));
  /* About the deleted event: about nothing in particular. */
  g_assert_nonnull (strstr (text, ",impression,,,,,,,,,,,4,,,,,,,,\r\n"));
  g_assert_nonnull (strstr (text, "1969-12-28,21:29,-02:30,pain"));

  spoil_fixture (db);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    g_bytes_unref (assert_same_export (db, ranges[i][0], ranges[i][1]));
  g_clear_pointer (&all, g_bytes_unref);
  all = assert_same_export (db, NULL, NULL);
  text = g_bytes_get_data (all, NULL);
  g_assert_nonnull (strstr (text, "899,2026-03-28,22:50,+01:00,pain,1,1,4,low_back;buttock_left;Own,"
                                  "aching;sharp,0.1,1,9,bowel_bladder;leg_weakness,"));
  g_assert_nonnull (strstr (text, "898,2026-03-28,23:40,+01:00,pain,2,2,5,low_back;Own place,burning,"
                                  "6.5,2,8,,"));
  g_assert_nonnull (strstr (text, "897,2026-03-29,00:30,+01:00,pain,3,,,x,,,,,fever_wound,"));
  g_assert_null (strstr (text, "3C1F6A2E"));
  g_assert_nonnull (strstr (text, ",surgery,\r\n"));
}

static void
test_demo (void)
{
  g_autoptr(PdDatabase) db = open_demo ("demo.db");

  g_bytes_unref (assert_same_export (db, NULL, NULL));
  g_bytes_unref (assert_same_export (db, "2026-01-01", "2026-01-31"));
  g_bytes_unref (assert_same_export (db, "2025-11-20", NULL));
}

/* A diary without a file of its own is read on its one connection. */
static void
test_in_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_new_in_memory ("memory.db", &error);

  g_assert_no_error (error);
  fill_fixture (db, FALSE);
  g_bytes_unref (assert_same_export (db, NULL, NULL));
  g_bytes_unref (assert_same_export (db, "2026-03-29", "2026-03-29"));
}

typedef struct
{
  guint calls;
  guint fail_at;
  GString *all;
} Pieces;

static gboolean
take_piece (const char  *data,
            gsize        length,
            gpointer     user_data,
            GError     **error)
{
  Pieces *pieces = user_data;

  if (++pieces->calls == pieces->fail_at)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "disk full");
      return FALSE;
    }
  /* Each piece ends with a whole row. */
  g_assert_cmpuint (length, >=, 2);
  g_assert_cmpmem (data + length - 2, 2, "\r\n", 2);
  g_string_append_len (pieces->all, data, length);
  return TRUE;
}

/* A year of a busy diary comes in several pieces; a failed write stops it. */
static void
test_pieces (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("year.db");
  PdGeneratorOptions options = { 365, 6, 7, { 0 }, "Europe/Berlin", 8, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) whole = NULL;
  Pieces pieces = { 0, 0, g_string_new (NULL) };
  guint n_rows = 0;

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 31, G_DATE_DECEMBER, 2025);
  pd_generator_fill (db, &options, &error);
  g_assert_no_error (error);
  whole = assert_same_export (db, NULL, NULL);

  g_assert_true (pd_csv_export_stream (db, 0, 0, take_piece, &pieces, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pieces.calls, >, 2);
  g_assert_cmpmem (pieces.all->str, pieces.all->len, g_bytes_get_data (whole, NULL),
                   g_bytes_get_size (whole));
  /* 6 entries, 3 activities and the taken of 8 doses a day. */
  g_assert_cmpuint (n_rows, >, 365 * 9);
  g_assert_cmpuint (n_rows, <=, 365 * 17);

  g_string_truncate (pieces.all, 0);
  pieces.calls = 0;
  pieces.fail_at = 2;
  g_assert_false (pd_csv_export_stream (db, 0, 0, take_piece, &pieces, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_assert_cmpuint (pieces.calls, ==, 2);
  g_string_free (pieces.all, TRUE);
}

/* Line ends outside quotes, but the header's. */
static guint
count_rows (const char *text,
            gsize       length)
{
  gboolean quoted = FALSE;
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    {
      quoted ^= text[i] == '"';
      n += text[i] == '\n' && !quoted;
    }
  return n - 1;
}

/* The Export dialog's task writes the streamed CSV, readable by the patient only. */
static void
test_task (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("task.db");
  g_autofree char *path = tmp_path ("task.csv");
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = G_MAXUINT;
  gsize length;
  GStatBuf st;

  fill_fixture (db, TRUE);
  expected = assert_same_export (db, "2026-03-29", NULL);
  pd_csv_export_file_async (db, path, FALSE, day_of ("2026-03-29"), 0, NULL, store_result_cb,
                            &result);
  g_assert_true (pd_csv_export_file_finish (wait_for_result (&result), &n_rows, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
  /* Rows, not lines: notes hold line breaks. */
  g_assert_cmpuint (n_rows, ==, count_rows (written, length));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-stream/fixture", test_fixture);
  g_test_add_func ("/csv-stream/demo", test_demo);
  g_test_add_func ("/csv-stream/in-memory", test_in_memory);
  g_test_add_func ("/csv-stream/pieces", test_pieces);
  g_test_add_func ("/csv-stream/task", test_task);

  return run_in_tmp_dir ();
}
