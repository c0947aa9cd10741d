/* test-csv.c: the diary CSV and summary CSV (export, import, round trips, hostile files); the
 * files as people write them are test-csv-fixtures.c's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pd-csv.h"
#include "pd-csv-private.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "pd-tags.h"
#include "csv-test-util.h"
#include "record-builders.h"

#define UUID(n) "3c1f6a2e-9b4d-4e8a-a1c7-00000000000" #n
#define CET 3600

/* The fixture: every field, and every kind of awkward text. */
/* A mask over the first locations of the original list (low back, buttocks, thighs, lower
 * legs, feet), whatever keys were added among them since. */
static guint64
first_locations (guint bits)
{
  static const char * const keys[] = {
    "low_back", "buttock_left", "buttock_right", "thigh_left", "thigh_right", "lower_leg_left",
    "lower_leg_right", "foot_left", "foot_right",
  };
  guint64 mask = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (bits & (1u << i))
      mask |= G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, keys[i]);
  return mask;
}

static void
fill_fixture (PdDatabase *db)
{
  g_autoptr(PdDiaryData) records = diary_new ();
  g_autoptr(GError) error = NULL;
  /* 2026-03-01 08:30 CET */
  gint64 t = 1772350200;
  static const char * const notes[] = {
    "Plain", "Comma, then \"quotes\"", "Two\r\nlines\nand a bare LF", "Ünïcödé ✓ 痛み",
    "=SUM(A1:A9)", "+49 123", "-2 after PT", "@mention", "\ttab first", "\rCR first",
    "'=already quoted", "''+twice", "'plain apostrophe", " leading space", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      PdPainEntry *entry = pd_pain_entry_new ();
      g_autofree char *id = g_strdup_printf ("3c1f6a2e-9b4d-4e8a-a1c7-%012u", i);

      pd_pain_entry_set_id (entry, id);
      /* Seconds are not exported: the order must not depend on them. */
      pd_pain_entry_set_time (entry, t + i * 3600 + (i % 2 ? 59 : 1), i == 3 ? -5 * 3600 : CET);
      pd_pain_entry_set_pain (entry, i % 11);
      if (i % 3 != 0)
        {
          pd_pain_entry_set_enjoyment_interference (entry, i % 10);
          pd_pain_entry_set_activity_interference (entry, (i + 3) % 11);
          pd_pain_entry_set_locations (entry, first_locations (0x5 << (i % 4)));
          pd_pain_entry_set_qualities (entry, 0x3 << (i % 5));
          pd_pain_entry_set_sleep_hours (entry, i == 1 ? 0.1 : 6.5 + i % 2 * 0.5);
          pd_pain_entry_set_sleep_quality (entry, 7);
          pd_pain_entry_set_mood (entry, 4);
          pd_pain_entry_set_red_flags (entry, i == 2 ? 0x3 : 0);
          pd_pain_entry_set_back_pain (entry, i % 11);
          if (i % 2)
            pd_pain_entry_set_leg_pain (entry, (i + 5) % 11);
        }
      if (i == 4)
        {
          static const char * const own_locations[] = { "Behind the left ear", "Jaw, right side", NULL };
          static const char * const own_qualities[] = { "Like \"ants\"", NULL };

          pd_pain_entry_set_custom_locations (entry, own_locations);
          pd_pain_entry_set_custom_qualities (entry, own_qualities);
        }
      if (i == 6)
        {
          static const char * const formula[] = { "=hip", NULL };

          pd_pain_entry_set_custom_locations (entry, formula);
        }
      pd_pain_entry_set_note (entry, notes[i]);
      g_ptr_array_add (records->pain_entries, entry);
    }

  for (guint i = 0; i < 4; i++)
    {
      PdDose *dose = pd_dose_new ();
      static const char * const names[] = { "Ibuprofen", "Tramadol", "+Custom, \"drops\"", "Fentanyl patch" };
      static const char * const units[] = { "mg", "mg", "drop", "mcg/h" };
      static const double amounts[] = { 400, 50, 2.5, 12 };

      pd_dose_set_name (dose, names[i]);
      pd_dose_set_time (dose, t + 600 + i * 7200, CET);
      pd_dose_set_amount (dose, amounts[i]);
      pd_dose_set_unit (dose, units[i]);
      pd_dose_set_note (dose, i == 2 ? "-with food" : "");
      g_ptr_array_add (records->doses, dose);
    }
  {
    /* Skipped doses are not exported. */
    PdDose *skipped = pd_dose_new ();
    pd_dose_set_name (skipped, "Ibuprofen");
    pd_dose_set_time (skipped, t + 900, CET);
    pd_dose_set_amount (skipped, 400);
    pd_dose_set_unit (skipped, "mg");
    pd_dose_set_status (skipped, PD_DOSE_SKIPPED);
    g_ptr_array_add (records->doses, skipped);
  }
  for (guint i = 0; i < 2; i++)
    {
      PdActivity *activity = pd_activity_new ();
      pd_activity_set_name (activity, i ? "Walking" : "=cmd|' /C calc'!A0");
      pd_activity_set_time (activity, t + 1200 + i * 86400, CET);
      pd_activity_set_duration (activity, 30 + i);
      pd_activity_set_effort (activity, i ? 4 : PD_UNSET);
      pd_activity_set_note (activity, "Slow,\nsteady");
      g_ptr_array_add (records->activities, activity);
    }
  {
    PdEvent *event = pd_event_new ();
    PdEvent *trial = pd_event_new ();

    pd_event_set_kind (event, "surgery");
    pd_event_set_title (event, "Lumbar fusion L4-L5");
    pd_event_set_time (event, t - 86400 * 30, CET);
    pd_event_set_note (event, "Dr. Smith, \"ward 3\"");
    g_ptr_array_add (records->events, event);
    /* A kind its title would not give, and an end. */
    pd_event_set_kind (trial, "stimulator_trial");
    pd_event_set_title (trial, "SCS week");
    pd_event_set_time (trial, t - 86400 * 20, CET);
    pd_event_set_end_day (trial, pd_event_get_local_day (trial) + 7);
    g_ptr_array_add (records->events, trial);
  }

  save_diary_records (db, records, &error);
  g_assert_no_error (error);
}

/* Tests */

static void
test_export_format (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("format.db");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  fill_fixture (db);
  bytes = export_db (db, FALSE, 0, 0);
  text = bytes_text (bytes);

  g_assert_true (g_str_has_prefix (text, PD_CSV_HEADER "\r\n"));
  /* 15 pain entries, 4 taken doses (not the skipped one), 2 activities, 2 events. */
  g_assert_cmpuint (count_record_lines (bytes), ==, 1 + 15 + 4 + 2 + 2);
  /* The event comes first (time ascending), local to its own offset. */
  g_assert_nonnull (strstr (text, ",2026-01-30,08:30,+01:00,event,,,,,,,,,,Lumbar fusion L4-L5,,,,,"
                                  "\"Dr. Smith, \"\"ward 3\"\"\",,,surgery,\r\n"));
  g_assert_nonnull (strstr (text, ",2026-02-09,08:30,+01:00,event,,,,,,,,,,SCS week,,,,,,,,"
                                  "stimulator_trial,2026-02-16\r\n"));
  /* Back and leg pain; the patient's own values after the keys, quoted where needed. */
  g_assert_nonnull (strstr (text, UUID (4) ",2026-03-01,12:30,+01:00,pain,4,4,7,"
                                  "\"low_back;buttock_right;Behind the left ear;Jaw, right side\","
                                  "\"numbness;spasm;Like \"\"ants\"\"\",6.5,7,4,,,,,,,'=SUM(A1:A9),4,,,\r\n"));
  g_assert_nonnull (strstr (text, UUID (5) ",2026-03-01,13:30,+01:00,pain,5,5,8,buttock_left;thigh_left,"
                                  "aching;sharp,7,7,4,,,,,,,'+49 123,5,10,,\r\n"));
  g_assert_nonnull (strstr (text, UUID (6) ",2026-03-01,14:30,+01:00,pain,6,,,'=hip,,,,,,,,,,,"
                                  "'-2 after PT,,,,\r\n"));
  g_assert_nonnull (strstr (text, UUID (3) ",2026-03-01,05:30,-05:00,pain,3,"));
  g_assert_nonnull (strstr (text, ",0.1,7,4,"));
  g_assert_nonnull (strstr (text, ",6.5,7,4,"));
  g_assert_nonnull (strstr (text, ",7,7,4,"));
  /* Formula neutralisation, quoting, newlines kept inside quotes. */
  g_assert_nonnull (strstr (text, ",'=SUM(A1:A9),"));
  g_assert_nonnull (strstr (text, ",'+49 123,"));
  g_assert_nonnull (strstr (text, ",'-2 after PT,"));
  g_assert_nonnull (strstr (text, ",'@mention,"));
  g_assert_nonnull (strstr (text, ",'\ttab first,"));
  g_assert_nonnull (strstr (text, ",\"'\rCR first\","));
  g_assert_nonnull (strstr (text, ",''=already quoted,"));
  g_assert_nonnull (strstr (text, ",'''+twice,"));
  g_assert_nonnull (strstr (text, ",'plain apostrophe,"));
  g_assert_nonnull (strstr (text, ",\"Comma, then \"\"quotes\"\"\","));
  g_assert_nonnull (strstr (text, ",\"Two\r\nlines\nand a bare LF\","));
  g_assert_nonnull (strstr (text, ",dose,,,,,,,,,,\"'+Custom, \"\"drops\"\"\",2.5,drop,,,'-with food,,,,\r\n"));
  g_assert_nonnull (strstr (text, ",dose,,,,,,,,,,Fentanyl patch,12,mcg/h,,,,,,,\r\n"));
  g_assert_nonnull (strstr (text, ",activity,,,,,,,,,,'=cmd|' /C calc'!A0,,,30,,\"Slow,\nsteady\",,,,\r\n"));
  g_assert_nonnull (strstr (text, ",activity,,,,,,,,,,Walking,,,31,4,\"Slow,\nsteady\",,,,\r\n"));
}


static void
test_round_trip_fixture (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("fixture.db");

  fill_fixture (db);
  check_round_trip (db, "fixture-copy.db");
}

static void
test_round_trip_demo (void)
{
  g_autoptr(PdDatabase) db = open_demo ("demo.db");

  check_round_trip (db, "demo-copy.db");
}

static void
test_import_into_other_records (void)
{
  g_autoptr(PdDatabase) source = open_fresh ("other-source.db");
  g_autoptr(PdDatabase) target = open_fresh ("other-target.db");
  g_autoptr(PdMedication) tramadol = pd_medication_new_from_catalogue ("tramadol");
  g_autoptr(PdPainEntry) own = pd_pain_entry_new ();
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(PdCsvImport) import = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(GError) error = NULL;
  guint linked = 0;

  fill_fixture (source);
  csv = export_db (source, FALSE, 0, 0);

  /* The target has its own entry, a regimen with tramadol (named in another case), and
   * one of the source's ids, deleted: a deleted record is not revived. */
  pd_medication_set_name (tramadol, "TRAMADOL");
  pd_database_save_medication (target, tramadol, &error);
  g_assert_no_error (error);
  pd_pain_entry_set_pain (own, 2);
  pd_database_save_pain_entry (target, own, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PdPainEntry) dup = pd_pain_entry_new ();
    pd_pain_entry_set_id (dup, UUID (0));
    pd_pain_entry_set_pain (dup, 9);
    pd_database_save_pain_entry (target, dup, &error);
    g_assert_no_error (error);
    pd_database_delete_pain_entry (target, UUID (0), &error);
    g_assert_no_error (error);
  }

  import = import_bytes (target, csv);
  g_assert_cmpuint (pd_csv_import_get_n_rows (import), ==, 23);
  g_assert_cmpuint (pd_csv_import_get_n_present (import), ==, 1);
  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, 22);
  g_assert_cmpuint (pd_csv_import_get_n_new_of_kind (import, PD_RECORD_PAIN), ==, 14);
  g_assert_cmpuint (pd_csv_import_get_n_new_of_kind (import, PD_RECORD_EVENT), ==, 2);
  g_assert_cmpstrv (pd_csv_import_get_custom_values (import, PD_TAG_LOCATION),
                    ((const char * const[]) { "Behind the left ear", "Jaw, right side", "=hip", NULL }));
  g_assert_cmpstrv (pd_csv_import_get_custom_values (import, PD_TAG_QUALITY),
                    ((const char * const[]) { "Like \"ants\"", NULL }));

  data = load_diary (target);
  g_assert_cmpuint (data->pain_entries->len, ==, 1 + 14);
  g_assert_cmpuint (data->doses->len, ==, 4);
  for (guint i = 0; i < data->doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (data->doses, i);
      if (g_strcmp0 (pd_dose_get_medication_id (dose), pd_medication_get_id (tramadol)) == 0)
        {
          g_assert_cmpstr (pd_dose_get_name (dose), ==, "Tramadol");
          linked++;
        }
      else
        g_assert_null (pd_dose_get_medication_id (dose));
    }
  g_assert_cmpuint (linked, ==, 1);
  /* Events keep their kinds (version 1 lost them). */
  g_assert_cmpuint (data->events->len, ==, 2);
  for (guint i = 0; i < data->events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (data->events, i);
      g_assert_cmpstr (pd_event_get_kind (event), ==,
                       strcmp (pd_event_get_title (event), "SCS week") == 0 ? "stimulator_trial"
                                                                             : "surgery");
    }
  merged = export_db (target, FALSE, 0, 0);
  g_assert_cmpuint (count_record_lines (merged), ==, 1 + (1 + 14) + 4 + 2 + 2);
}

static void
test_range (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("range.db");
  g_autoptr(GBytes) day = NULL;
  g_autoptr(GBytes) none = NULL;
  guint32 from, to;

  fill_fixture (db);
  g_assert_true (pd_csv_parse_date ("2026-03-02", &from));
  g_assert_false (pd_csv_parse_date ("2026-02-30", &to));
  g_assert_false (pd_csv_parse_date ("2026-3-2", &to));
  g_assert_true (pd_csv_parse_date ("2026-03-02", &to));
  /* Only the second activity (2026-03-02); the 2026-03-01 entries end at 22:30 CET. */
  day = export_db (db, FALSE, from, to);
  g_assert_cmpuint (count_record_lines (day), ==, 2);
  none = export_db (db, FALSE, to + 1, 0);
  g_assert_cmpuint (count_record_lines (none), ==, 1);
}

static void
test_summary (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("summary.db");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  guint32 from;

  fill_fixture (db);
  g_assert_true (pd_csv_parse_date ("2026-03-01", &from));
  bytes = export_db (db, TRUE, from, 0);
  text = bytes_text (bytes);
  /* 15 entries 0..10,0..3 (mean 4.07); the optional items on the 10 entries with i % 3 != 0;
   * tramadol 50 mg x 0.2 + fentanyl 12 mcg/h x 2.4 = 38.8 MME. Back pain i % 11 on those
   * 10 (1+2+4+5+7+8+10+0+2+3 = 42: 4.2), leg pain (i + 5) % 11 on the odd ones among them
   * (6+10+1+5+7 = 29 over 5: 5.8); 2026-03-02 has no entries, so neither. */
  g_assert_cmpstr (text, ==,
                   PD_CSV_SUMMARY_HEADER "\r\n"
                   "2026-03-01,15,4.07,0,10,3.5,5,6.06,4,4,38.8,30,0,4.2,5.8,,0,same_class\r\n"
                   "2026-03-02,0,,,,,,,,0,28.8,31,0,,,,0,\r\n");
}

static void
test_locale (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("locale.db");
  g_autoptr(GBytes) c_bytes = NULL;
  g_autoptr(GBytes) de_bytes = NULL;
  g_autoptr(GBytes) c_summary = NULL;
  g_autoptr(GBytes) de_summary = NULL;
  g_autoptr(PdDatabase) copy = NULL;
  g_autoptr(PdCsvImport) import = NULL;
  char *old = g_strdup (setlocale (LC_ALL, NULL));

  fill_fixture (db);
  c_bytes = export_db (db, FALSE, 0, 0);
  c_summary = export_db (db, TRUE, 0, 0);
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_free (old);
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  de_bytes = export_db (db, FALSE, 0, 0);
  de_summary = export_db (db, TRUE, 0, 0);
  copy = open_fresh ("locale-copy.db");
  import = import_bytes (copy, de_bytes);
  setlocale (LC_ALL, old);
  g_free (old);

  assert_bytes_equal (c_bytes, de_bytes);
  assert_bytes_equal (c_summary, de_summary);
  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, count_record_lines (c_bytes) - 1);
}

/* The hostile corpus: tests/data/csv/expected.txt */

static void
test_corpus_file (gconstpointer data)
{
  g_auto(GStrv) parts = g_strsplit (data, "\t", 4);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", parts[0], NULL);
  g_autofree char *db_path = tmp_path ("corpus.db");
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) import = NULL;
  g_autoptr(PdDatabase) db = NULL;

  /* A diary with records in it, closed so its bytes are final. */
  g_remove (db_path);
  db = pd_database_open (db_path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  fill_fixture (db);
  g_clear_object (&db);
  g_assert_true (g_file_get_contents (db_path, &before, &before_len, NULL));

  db = pd_database_open (db_path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  import = pd_csv_import_prepare (db, csv, &error);
  if (g_str_has_prefix (parts[1], "ok "))
    {
      g_assert_no_error (error);
      g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, atoi (parts[1] + 3));
      return;
    }
  else
    {
      g_autofree char *prefix = g_strdup_printf ("%s:%s: %s: ", csv, parts[1], parts[2]);

      g_assert_null (import);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_test_message ("%s", error->message);
      if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, parts[3]) == NULL)
        g_error ("%s: expected “%s…%s”, got “%s”", parts[0], prefix, parts[3], error->message);
      g_assert_null (strchr (error->message, '\n'));
    }
  g_clear_object (&db);
  g_assert_true (g_file_get_contents (db_path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_corpus_file_chunked (gconstpointer data)
{
  _pd_csv_import_set_sizes (16, 0);
  test_corpus_file (data);
  _pd_csv_import_set_sizes (1024 * 1024, 100000);
}

/* A big import keeps no records: commit reads the file again, in batches, in one
 * transaction; the result is the same. */
static void
test_round_trip_streamed (void)
{
  g_autoptr(PdDatabase) db = open_demo ("streamed.db");

  fill_fixture (db);
  _pd_csv_import_set_sizes (100, 10);
  check_round_trip (db, "streamed-copy.db");
  _pd_csv_import_set_sizes (1024 * 1024, 100000);
}

/* A streamed import whose file turns bad between preview and commit writes nothing. */
static void
test_streamed_changed_file (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("changed.db");
  g_autofree char *csv = tmp_path ("changed.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) import = NULL;
  GString *text = g_string_new (PD_CSV_HEADER_V1 "\n");

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (text, "3c1f6a2e-9b4d-4e8a-a1c7-%012u,2026-03-01,08:30,+01:00,pain,5,,,,,,,,,,,,,,\n", i);
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));
  _pd_csv_import_set_sizes (64, 5);
  import = pd_csv_import_prepare (db, csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, 30);
  g_string_append (text, "3c1f6a2e-9b4d-4e8a-a1c7-999999999999,2026-03-01,08:30,+01:00,pain,11,,,,,,,,,,,,,,\n");
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));
  g_assert_false (pd_csv_import_commit (import, db, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpuint (pd_database_count_pain_entries (db, NULL), ==, 0);
  _pd_csv_import_set_sizes (1024 * 1024, 100000);
  g_string_free (text, TRUE);
}

static void
test_huge_field (void)
{
  g_autofree char *csv = tmp_path ("huge.csv");
  g_autofree char *db_path = tmp_path ("huge.db");
  GString *text = g_string_new (PD_CSV_HEADER_V1 "\r\n" UUID (1) ",2026-03-01,08:30,+01:00,pain,5,,,,,,,,,,,,,,\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdCsvImport) import = NULL;
  g_autofree char *expected = NULL;

  for (int i = 0; i < 10 * 1024 * 1024 / 8; i++)
    g_string_append (text, "ab,cd\nx");
  g_string_append (text, "\"\r\n");
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));
  g_string_free (text, TRUE);

  g_remove (db_path);
  db = pd_database_open (db_path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  import = pd_csv_import_prepare (db, csv, &error);
  g_assert_null (import);
  expected = g_strdup_printf ("%s:2: note: longer than 10000 characters", csv);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A file with lone CR line ends (old Mac, some spreadsheets) bigger than the reader's
 * largest buffer: its rows end at CRs from the first chunk on, not only once it is all read. */
static void
test_cr_only_big (void)
{
  g_autofree char *csv = tmp_path ("cr-big.csv");
  g_autoptr(PdDatabase) db = open_fresh ("cr-big.db");
  GString *text = g_string_new (PD_CSV_HEADER_V1 "\r");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) import = NULL;
  guint n = 0;

  while (text->len < 5 * 1024 * 1024)
    {
      n++;
      g_string_append_printf (text, "7d0e4b2a-1c3f-4a5b-8d6e-%012x,2026-03-01,08:30,+01:00,pain,%u,"
                              ",,,,,,,,,,,,,a note long enough to make the file big %u\r", n, n % 11, n);
    }
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));
  g_string_free (text, TRUE);
  import = pd_csv_import_prepare (db, csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, n);
}

static void
test_note_limit (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("limit.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) ok = NULL;
  g_autoptr(PdCsvImport) bad = NULL;
  g_autofree char *longest = NULL, *over = NULL;
  g_autofree char *note = g_strnfill (PD_MAX_NOTE_LENGTH, 'n');

  /* Exactly the longest note, neutralised: accepted. One more character: refused. */
  note[0] = '=';
  longest = g_strconcat (PD_CSV_HEADER_V1 "\n" UUID (1) ",2026-03-01,08:30,+01:00,pain,5,,,,,,,,,,,,,,'", note, "\n", NULL);
  ok = pd_csv_import_prepare_data (db, "l.csv", longest, strlen (longest), &error);
  g_assert_no_error (error);
  over = g_strconcat (PD_CSV_HEADER_V1 "\n" UUID (1) ",2026-03-01,08:30,+01:00,pain,5,,,,,,,,,,,,,,", note, "x\n", NULL);
  bad = pd_csv_import_prepare_data (db, "l.csv", over, strlen (over), &error);
  g_assert_null (bad);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "l.csv:2: note: longer than 10000"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *expected = NULL;
  g_autofree char *expected_path = NULL;
  g_auto(GStrv) lines = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/export-format", test_export_format);
  g_test_add_func ("/csv/round-trip/fixture", test_round_trip_fixture);
  g_test_add_func ("/csv/round-trip/demo", test_round_trip_demo);
  g_test_add_func ("/csv/round-trip/streamed", test_round_trip_streamed);
  g_test_add_func ("/csv/streamed/changed-file", test_streamed_changed_file);
  g_test_add_func ("/csv/import/into-other-records", test_import_into_other_records);
  g_test_add_func ("/csv/range", test_range);
  g_test_add_func ("/csv/summary", test_summary);
  g_test_add_func ("/csv/locale-de", test_locale);
  g_test_add_func ("/csv/hostile/10mb-field", test_huge_field);
  g_test_add_func ("/csv/hostile/note-limit", test_note_limit);
  g_test_add_func ("/csv/hostile/cr-only-big", test_cr_only_big);

  expected_path = g_test_build_filename (G_TEST_DIST, "data", "csv", "expected.txt", NULL);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  lines = g_strsplit (expected, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      name = g_strdup_printf ("/csv/hostile/%.*s", (int) strcspn (lines[i], "\t"), lines[i]);
      g_test_add_data_func (name, lines[i], test_corpus_file);
      g_free (name);
      /* Again, read in 16-byte chunks that grow, and without keeping records. */
      name = g_strdup_printf ("/csv/hostile-chunked/%.*s", (int) strcspn (lines[i], "\t"), lines[i]);
      g_test_add_data_func (name, lines[i], test_corpus_file_chunked);
    }

  return run_in_tmp_dir ();
}
