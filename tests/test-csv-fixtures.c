/* test-csv-fixtures.c: importing the diary CSV as people and other tools write it (the files
 * in data/csv), the import's preview, and its vocabulary of labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv-fixtures"

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "pd-csv.h"
#include "pd-csv-private.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-tags.h"
#include "csv-test-util.h"
#include "record-builders.h"

#define UUID(n) "3c1f6a2e-9b4d-4e8a-a1c7-00000000000" #n

/* The mask of the tags of kind named by the keys, a list ending with NULL. */
static G_GNUC_NULL_TERMINATED guint64
tags (PdTagKind   kind,
      const char *key,
      ...)
{
  guint64 mask = 0;
  va_list keys;

  va_start (keys, key);
  for (; key != NULL; key = va_arg (keys, const char *))
    {
      int index = pd_tag_lookup (kind, key);

      g_assert_cmpint (index, >=, 0);
      mask |= G_GUINT64_CONSTANT (1) << index;
    }
  va_end (keys);
  return mask;
}

/* Hand-written files from people and other tools: what they hold arrives, and survives a
 * round trip. */
static PdDiaryData *
import_fixture (const char *db_name,
                const char *file)
{
  g_autoptr(PdDatabase) db = open_fresh (db_name);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) import = pd_csv_import_prepare (db, csv, &error);
  PdDiaryData *data;

  g_assert_no_error (error);
  pd_csv_import_commit (import, db, &error);
  g_assert_no_error (error);
  check_round_trip (db, "fixture-round-trip.db");
  data = load_diary (db);
  return data;
}

static gpointer
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; i < records->len; i++)
    {
      const char *record_id = NULL;
      GObject *record = g_ptr_array_index (records, i);

      if (PD_IS_PAIN_ENTRY (record))
        record_id = pd_pain_entry_get_id (PD_PAIN_ENTRY (record));
      else if (PD_IS_DOSE (record))
        record_id = pd_dose_get_id (PD_DOSE (record));
      else if (PD_IS_EVENT (record))
        record_id = pd_event_get_id (PD_EVENT (record));
      else if (PD_IS_ACTIVITY (record))
        record_id = pd_activity_get_id (PD_ACTIVITY (record));
      if (g_strcmp0 (record_id, id) == 0)
        return record;
    }
  g_error ("no record %s", id);
}

#define FIXTURE_ID(n) "7d0e4b2a-1c3f-4a5b-8d6e-0000000000" #n

static void
test_fixture_labels (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("labels.db", "ok-labels-english.csv");
  PdPainEntry *first = find_record (data->pain_entries, FIXTURE_ID (01));
  PdPainEntry *second = find_record (data->pain_entries, FIXTURE_ID (02));
  PdPainEntry *third = find_record (data->pain_entries, FIXTURE_ID (03));

  g_assert_cmpuint (pd_pain_entry_get_locations (first), ==,
                    tags (PD_TAG_LOCATION, "low_back", "thigh_left", NULL));
  g_assert_cmpuint (pd_pain_entry_get_qualities (first), ==,
                    tags (PD_TAG_QUALITY, "aching", "burning", NULL));
  g_assert_cmpuint (g_strv_length ((char **) pd_pain_entry_get_custom_locations (first)), ==, 0);
  g_assert_cmpuint (pd_pain_entry_get_locations (second), ==,
                    tags (PD_TAG_LOCATION, "low_back", "buttock_right", NULL));
  g_assert_cmpstrv (pd_pain_entry_get_custom_locations (second),
                    ((const char * const[]) { "Pins in my hip", NULL }));
  g_assert_cmpstrv (pd_pain_entry_get_custom_qualities (second),
                    ((const char * const[]) { "Like ants crawling", NULL }));
  g_assert_cmpuint (pd_pain_entry_get_locations (third), ==,
                    tags (PD_TAG_LOCATION, "lower_leg_left", NULL));
  g_assert_cmpuint (pd_pain_entry_get_red_flags (third), ==,
                    tags (PD_TAG_RED_FLAG, "leg_weakness", NULL));
}

static void
test_fixture_spreadsheet (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("spreadsheet.db", "ok-semicolon-spreadsheet.csv");
  PdPainEntry *entry = find_record (data->pain_entries, FIXTURE_ID (11));
  PdDose *drops = find_record (data->doses, FIXTURE_ID (13));
  PdEvent *trial = find_record (data->events, FIXTURE_ID (15));
  guint32 end;

  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), ==, 6.5);
  g_assert_cmpint (pd_pain_entry_get_back_pain (entry), ==, 4);
  g_assert_cmpint (pd_pain_entry_get_leg_pain (entry), ==, 6);
  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, "Slept badly, again");
  g_assert_cmpfloat (pd_dose_get_amount (drops), ==, 2.5);
  g_assert_cmpstr (pd_event_get_title (trial), ==, "Trial; week one");
  g_assert_cmpstr (pd_event_get_kind (trial), ==, "stimulator_trial");
  g_assert_true (pd_csv_parse_date ("2026-03-11", &end));
  g_assert_cmpuint (pd_event_get_end_day (trial), ==, end);
  g_assert_cmpuint (data->activities->len, ==, 1);
}

static void
test_fixture_v1_events (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("v1-events.db", "ok-v1-events.csv");
  static const struct { const char *id; const char *kind; } expected[] = {
    { FIXTURE_ID (21), "surgery" }, { FIXTURE_ID (22), "injection" },
    { FIXTURE_ID (23), "injection" }, { FIXTURE_ID (24), "stimulator_trial" },
    { FIXTURE_ID (25), "other" }, { FIXTURE_ID (26), "surgery" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (pd_event_get_kind (find_record (data->events, expected[i].id)), ==,
                     expected[i].kind);
}

/* A file as a person or a spreadsheet writes one: names and values in any case and with
 * spaces around them, H:MM and HH:MM:SS times, a plural unit, blank lines before, between
 * and after the rows, a row of separators only, empty columns without a name at the end. */
static void
test_fixture_as_people_write (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("people.db", "ok-as-people-write.csv");
  PdPainEntry *entry = find_record (data->pain_entries, FIXTURE_ID (51));
  PdDose *ibuprofen = find_record (data->doses, FIXTURE_ID (52));
  PdDose *tablets = find_record (data->doses, FIXTURE_ID (53));
  PdActivity *walk = find_record (data->activities, FIXTURE_ID (54));
  PdEvent *epidural = find_record (data->events, FIXTURE_ID (55));
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (pd_pain_entry_get_time (entry));
  g_autoptr(GDateTime) dose_at = g_date_time_new_from_unix_utc (pd_dose_get_time (ibuprofen));
  g_autofree char *when = g_date_time_format_iso8601 (at);
  g_autofree char *dose_when = g_date_time_format_iso8601 (dose_at);

  g_assert_cmpstr (when, ==, "2026-03-01T07:30:00Z");
  g_assert_cmpint (pd_pain_entry_get_utc_offset (entry), ==, 3600);
  g_assert_cmpint (pd_pain_entry_get_pain (entry), ==, 6);
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), ==, 7.5);
  g_assert_cmpuint (pd_pain_entry_get_locations (entry), ==,
                    tags (PD_TAG_LOCATION, "low_back", "thigh_left", NULL));
  /* A note is kept as written, spaces and all. */
  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, "  Morning stiffness");
  g_assert_cmpstr (dose_when, ==, "2026-03-01T08:00:00Z");
  g_assert_cmpstr (pd_dose_get_unit (ibuprofen), ==, "mg");
  g_assert_cmpstr (pd_dose_get_note (ibuprofen), ==, "with food, \"as usual\"");
  g_assert_cmpstr (pd_dose_get_unit (tablets), ==, "tablet");
  g_assert_cmpfloat (pd_dose_get_amount (tablets), ==, 2);
  g_assert_cmpint (pd_activity_get_duration (walk), ==, 30);
  g_assert_cmpint (pd_activity_get_effort (walk), ==, 4);
  g_assert_cmpstr (pd_event_get_kind (epidural), ==, "injection");
  g_assert_cmpstr (pd_event_get_note (epidural), ==, "Dr. Smith,\nward 3");
}

/* A file written by hand: only the columns it uses, no ids and no offsets. Each row gets
 * an id made from its cells, so the second import finds them all (two identical rows are
 * two records), and the offset of the local time zone (Europe/Berlin in the tests) at its
 * date and time. */
static void
test_fixture_hand_written (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("hand.db", "ok-hand-written.csv");
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "ok-hand-written.csv", NULL);
  g_autofree char *path = tmp_path ("hand.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) again = NULL;
  PdPainEntry *winter, *summer;
  PdEvent *event;

  g_assert_cmpuint (data->pain_entries->len, ==, 2);
  g_assert_cmpuint (data->doses->len, ==, 2);
  g_assert_cmpuint (data->events->len, ==, 1);
  winter = g_ptr_array_index (data->pain_entries, 0);
  summer = g_ptr_array_index (data->pain_entries, 1);
  if (pd_pain_entry_get_pain (winter) != 6)
    {
      PdPainEntry *first = summer;

      summer = winter;
      winter = first;
    }
  event = g_ptr_array_index (data->events, 0);
  g_assert_cmpint (pd_pain_entry_get_utc_offset (winter), ==, 3600);
  g_assert_cmpint (pd_pain_entry_get_utc_offset (summer), ==, 7200);
  g_assert_cmpint (pd_pain_entry_get_pain (winter), ==, 6);
  g_assert_cmpint (pd_pain_entry_get_pain (summer), ==, 4);
  g_assert_cmpstr (pd_pain_entry_get_note (winter), ==, "hand written");
  g_assert_cmpstr (pd_event_get_kind (event), ==, "other");
  g_assert_cmpstr (pd_dose_get_id (g_ptr_array_index (data->doses, 0)), !=,
                   pd_dose_get_id (g_ptr_array_index (data->doses, 1)));
  g_assert_true (g_uuid_string_is_valid (pd_pain_entry_get_id (winter)));

  db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  again = pd_csv_import_prepare (db, csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_csv_import_get_n_new (again), ==, 0);
  g_assert_cmpuint (pd_csv_import_get_n_present (again), ==, 5);

  /* A streamed import (which reads the file again to write it) makes the same ids. */
  {
    g_autoptr(PdDatabase) streamed = open_fresh ("hand-streamed.db");
    g_autoptr(PdCsvImport) import = NULL;
    g_autoptr(GBytes) expected = export_db (db, FALSE, 0, 0);
    g_autoptr(GBytes) got = NULL;

    _pd_csv_import_set_sizes (16, 0);
    import = pd_csv_import_prepare (streamed, csv, &error);
    g_assert_no_error (error);
    pd_csv_import_commit (import, streamed, &error);
    _pd_csv_import_set_sizes (1024 * 1024, 100000);
    g_assert_no_error (error);
    got = export_db (streamed, FALSE, 0, 0);
    assert_bytes_equal (expected, got);
  }
}

/* A pain entry's note and a dose's name and note, as a fixture gives them. */
typedef struct
{
  const char *db, *file;
  const char *entry, *dose;   /* FIXTURE_ID (n) */
  const char *entry_note, *dose_name, *dose_note;
} TextCase;

static void
test_fixture_texts (gconstpointer user_data)
{
  const TextCase *c = user_data;
  g_autoptr(PdDiaryData) data = import_fixture (c->db, c->file);
  PdPainEntry *entry = find_record (data->pain_entries, c->entry);
  PdDose *dose = find_record (data->doses, c->dose);

  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, c->entry_note);
  g_assert_cmpstr (pd_dose_get_name (dose), ==, c->dose_name);
  g_assert_cmpstr (pd_dose_get_note (dose), ==, c->dose_note);
}

/* Text saved as tab-delimited, with a decimal comma; and quoted fields with spaces around
 * them, as people write by hand: the spaces outside the quotes go, the text inside stays. */
static const TextCase text_cases[] = {
  { "tabs.db", "ok-tab-separated.csv", FIXTURE_ID (61), FIXTURE_ID (62), "Schlecht geschlafen, wieder", "Metamizol",
    "mit \"Wasser\"" },
  { "spaced.db", "ok-spaces-around-quotes.csv", FIXTURE_ID (81), FIXTURE_ID (82), "bad, day",
    "Ibuprofen", "said \"ouch\"" },
};

/* The tab-delimited file's decimal comma. */
static void
test_fixture_tab_decimal_comma (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("tabs-comma.db", "ok-tab-separated.csv");

  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (find_record (data->pain_entries, FIXTURE_ID (61))),
                     ==, 7.5);
}

/* Whole numbers as a spreadsheet with a number format writes them: 6.0. */
static void
test_fixture_whole_numbers (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("whole.db", "ok-whole-numbers-with-decimals.csv");
  PdPainEntry *entry = find_record (data->pain_entries, FIXTURE_ID (71));
  PdActivity *walk = find_record (data->activities, FIXTURE_ID (72));

  g_assert_cmpint (pd_pain_entry_get_pain (entry), ==, 6);
  g_assert_cmpint (pd_pain_entry_get_mood (entry), ==, 10);
  g_assert_cmpint (pd_activity_get_duration (walk), ==, 30);
}

/* Offsets in the other ISO 8601 forms that tools write. */
static void
test_fixture_iso_offsets (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("offsets.db", "ok-iso-offsets.csv");

  g_assert_cmpint (pd_pain_entry_get_utc_offset (find_record (data->pain_entries, FIXTURE_ID (91))),
                   ==, 0);
  g_assert_cmpint (pd_pain_entry_get_utc_offset (find_record (data->pain_entries, FIXTURE_ID (92))),
                   ==, 5 * 3600 + 30 * 60);
  g_assert_cmpint (pd_pain_entry_get_utc_offset (find_record (data->pain_entries, FIXTURE_ID (93))),
                   ==, -3 * 3600);
  g_assert_cmpint (pd_pain_entry_get_time (find_record (data->pain_entries, FIXTURE_ID (93))), ==,
                   pd_pain_entry_get_time (find_record (data->pain_entries, FIXTURE_ID (91))) +
                   5 * 3600);
}

/* Excel's first line "sep=;" names the separator: here ';' although the note has a comma
 * and the header none to count. */
static void
test_fixture_excel_sep_line (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("sep.db", "ok-excel-sep-line.csv");
  PdPainEntry *entry = find_record (data->pain_entries, FIXTURE_ID (95));

  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), ==, 6.5);
  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, "a, b");
}

static void
test_fixture_cr_only (void)
{
  g_autoptr(PdDiaryData) data = import_fixture ("cr-only.db", "ok-cr-only.csv");

  g_assert_cmpstr (pd_pain_entry_get_note (find_record (data->pain_entries, FIXTURE_ID (41))),
                   ==, "two\rlines");
  g_assert_cmpuint (data->activities->len, ==, 1);
}

static void
test_describe (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("describe.db");
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "ok-labels-english.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) import = NULL;
  g_autoptr(PdCsvImport) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  import = pd_csv_import_prepare (db, csv, &error);
  g_assert_no_error (error);
  text = pd_csv_import_describe (import);
  g_assert_cmpstr (text, ==, "To add: 3 pain entries.\n"
                             "Own words for where it hurts: Pins in my hip\n"
                             "Own words for how it feels: Like ants crawling");
  pd_csv_import_commit (import, db, &error);
  g_assert_no_error (error);
  again = pd_csv_import_prepare (db, csv, &error);
  g_assert_no_error (error);
  text_again = pd_csv_import_describe (again);
  g_assert_cmpstr (text_again, ==, "Nothing new to add.\n"
                                   "3 records are already in the diary and stay as they are.");

  /* Own words for where it hurts only: no list of qualities. */
  {
    const char *one = PD_CSV_HEADER_V1 "\n" UUID (1) ",2026-03-01,08:30,+01:00,pain,5,,,Knee,,,,,,,,,,,\n";
    g_autoptr(PdCsvImport) knee = pd_csv_import_prepare_data (db, "knee.csv", one, strlen (one), &error);
    g_autofree char *text_knee = NULL;

    g_assert_no_error (error);
    text_knee = pd_csv_import_describe (knee);
    g_assert_cmpstr (text_knee, ==, "To add: 1 pain entry.\nOwn words for where it hurts: Knee");
  }
}

static void
test_tag_match (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) custom = NULL;
  guint64 mask = 0;

  g_assert_cmpint (pd_tag_match (PD_TAG_LOCATION, "low_back", -1), ==, 0);
  g_assert_cmpint (pd_tag_match (PD_TAG_LOCATION, "Low back", -1), ==, 0);
  g_assert_cmpint (pd_tag_match (PD_TAG_LOCATION, " LOW-BACK ", -1), ==, 0);
  g_assert_cmpint (pd_tag_match (PD_TAG_LOCATION, "lowback", -1), ==, 0);
  g_assert_cmpint (pd_tag_match (PD_TAG_LOCATION, "low back pain", -1), ==, -1);
  g_assert_cmpint (pd_tag_match (PD_TAG_QUALITY, "dull, aching", -1), ==,
                   pd_tag_lookup (PD_TAG_QUALITY, "aching"));
  g_assert_cmpint (pd_tag_match (PD_TAG_RED_FLAG, "Numbness in the saddle area", -1), ==,
                   pd_tag_lookup (PD_TAG_RED_FLAG, "saddle_numbness"));

  /* Stored lists read keys only: a label in the diary file is an own value. */
  g_assert_true (pd_tags_parse (PD_TAG_LOCATION, "neck;Low back", FALSE, &mask, &custom, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mask, ==, tags (PD_TAG_LOCATION, "neck", NULL));
  g_assert_cmpstrv (custom, ((const char * const[]) { "Low back", NULL }));
  g_clear_pointer (&custom, g_strfreev);
  /* Lenient: labels match, own values kept once, in order. */
  g_assert_true (pd_tags_parse (PD_TAG_LOCATION, "Knee;neck;Low back;Knee;Jaw", TRUE, &mask,
                                &custom, &error));
  g_assert_cmpstrv (custom, ((const char * const[]) { "Knee", "Jaw", NULL }));
  g_assert_false (pd_tags_parse (PD_TAG_RED_FLAG, "fever_wound;headache", TRUE, &mask, NULL,
                                 &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "accepted: bowel_bladder"));
  g_clear_error (&error);
  g_assert_false (pd_tag_check_custom (PD_TAG_LOCATION, "Neck", &error));
  g_clear_error (&error);
  g_assert_false (pd_tag_check_custom (PD_TAG_LOCATION, "a;b", &error));
  g_clear_error (&error);
  g_assert_true (pd_tag_check_custom (PD_TAG_LOCATION, "Behind the left ear", &error));

  /* A list written with commas for ';' is a list when every part is known; else it is the
   * patient's own words, commas and all. */
  g_clear_pointer (&custom, g_strfreev);
  g_assert_true (pd_tags_parse (PD_TAG_LOCATION, "low_back, Left buttock;neck", TRUE, &mask,
                                &custom, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mask, ==, tags (PD_TAG_LOCATION, "low_back", "buttock_left", "neck", NULL));
  g_assert_null (custom);
  g_assert_true (pd_tags_parse (PD_TAG_LOCATION, "Pins in my hip, left", TRUE, &mask, &custom,
                                &error));
  g_assert_cmpuint (mask, ==, 0);
  g_assert_cmpstrv (custom, ((const char * const[]) { "Pins in my hip, left", NULL }));
  g_assert_true (pd_tags_parse (PD_TAG_RED_FLAG, "bowel_bladder, fever_wound", TRUE, &mask, NULL,
                                &error));
  g_assert_cmpuint (mask, ==, tags (PD_TAG_RED_FLAG, "bowel_bladder", "fever_wound", NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/vocabulary", test_tag_match);
  g_test_add_func ("/csv/preview", test_describe);
  g_test_add_func ("/csv/fixture/labels-english", test_fixture_labels);
  g_test_add_func ("/csv/fixture/semicolon-spreadsheet", test_fixture_spreadsheet);
  g_test_add_func ("/csv/fixture/v1-events", test_fixture_v1_events);
  g_test_add_func ("/csv/fixture/cr-only", test_fixture_cr_only);
  g_test_add_func ("/csv/fixture/as-people-write", test_fixture_as_people_write);
  g_test_add_func ("/csv/fixture/hand-written", test_fixture_hand_written);
  g_test_add_data_func ("/csv/fixture/tab-separated", &text_cases[0], test_fixture_texts);
  g_test_add_func ("/csv/fixture/tab-separated-decimal-comma", test_fixture_tab_decimal_comma);
  g_test_add_func ("/csv/fixture/whole-numbers", test_fixture_whole_numbers);
  g_test_add_func ("/csv/fixture/iso-offsets", test_fixture_iso_offsets);
  g_test_add_func ("/csv/fixture/excel-sep-line", test_fixture_excel_sep_line);
  g_test_add_data_func ("/csv/fixture/spaces-around-quotes", &text_cases[1], test_fixture_texts);

  return run_in_tmp_dir ();
}
