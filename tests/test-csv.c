/* test-csv.c: the diary CSV and summary CSV (export, import, round trips, hostile files)
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


/* Imports and commits; returns the import for its counts. */
static PdCsvImport *
import_bytes (PdDatabase *db,
              GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  PdCsvImport *import = pd_csv_import_prepare_data (db, "test.csv", data, size, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  pd_csv_import_commit (import, db, &error);
  g_assert_no_error (error);
  return import;
}

/* The header plus the records: rows start after a CRLF with a UUID (notes may hold CRLF). */
static guint
count_lines (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  guint n = 1;

  for (gsize i = 0; i + 39 < size; i++)
    if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 38] == ',')
      {
        g_autofree char *id = g_strndup (data + i + 2, 36);
        n += g_uuid_string_is_valid (id);
      }
  return n;
}

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
  g_assert_cmpuint (count_lines (bytes), ==, 1 + 15 + 4 + 2 + 2);
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
check_round_trip (PdDatabase *source,
                  const char *name)
{
  g_autoptr(PdDatabase) copy = open_fresh (name);
  g_autoptr(GBytes) first = export_db (source, FALSE, 0, 0);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(PdCsvImport) import = import_bytes (copy, first);
  g_autoptr(PdCsvImport) reimport = NULL;
  g_autofree char *path = g_strdup (pd_database_get_path (copy));
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;

  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, count_lines (first) - 1);
  g_assert_cmpuint (pd_csv_import_get_n_present (import), ==, 0);
  second = export_db (copy, FALSE, 0, 0);
  assert_bytes_equal (first, second);

  /* Importing again adds nothing and leaves the file as it was. */
  g_clear_object (&copy);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  copy = pd_database_open (path, PD_DATABASE_NO_BACKUPS, NULL);
  reimport = import_bytes (copy, first);
  g_assert_cmpuint (pd_csv_import_get_n_new (reimport), ==, 0);
  g_assert_cmpuint (pd_csv_import_get_n_present (reimport), ==, count_lines (first) - 1);
  again = export_db (copy, FALSE, 0, 0);
  assert_bytes_equal (first, again);
  g_clear_object (&copy);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
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
  g_assert_cmpuint (count_lines (merged), ==, 1 + (1 + 14) + 4 + 2 + 2);
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
  g_assert_cmpuint (count_lines (day), ==, 2);
  none = export_db (db, FALSE, to + 1, 0);
  g_assert_cmpuint (count_lines (none), ==, 1);
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
  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, count_lines (c_bytes) - 1);
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
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "low_back") |
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "thigh_left"));
  g_assert_cmpuint (pd_pain_entry_get_qualities (first), ==,
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_QUALITY, "aching") |
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_QUALITY, "burning"));
  g_assert_cmpuint (g_strv_length ((char **) pd_pain_entry_get_custom_locations (first)), ==, 0);
  g_assert_cmpuint (pd_pain_entry_get_locations (second), ==,
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "low_back") |
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "buttock_right"));
  g_assert_cmpstrv (pd_pain_entry_get_custom_locations (second),
                    ((const char * const[]) { "Pins in my hip", NULL }));
  g_assert_cmpstrv (pd_pain_entry_get_custom_qualities (second),
                    ((const char * const[]) { "Like ants crawling", NULL }));
  g_assert_cmpuint (pd_pain_entry_get_locations (third), ==,
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "lower_leg_left"));
  g_assert_cmpuint (pd_pain_entry_get_red_flags (third), ==,
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_RED_FLAG, "leg_weakness"));
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
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "low_back") |
                    G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "thigh_left"));
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
  g_assert_cmpuint (mask, ==, G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "neck"));
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
  g_assert_cmpuint (mask, ==, G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "low_back") |
                              G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "buttock_left") |
                              G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "neck"));
  g_assert_null (custom);
  g_assert_true (pd_tags_parse (PD_TAG_LOCATION, "Pins in my hip, left", TRUE, &mask, &custom,
                                &error));
  g_assert_cmpuint (mask, ==, 0);
  g_assert_cmpstrv (custom, ((const char * const[]) { "Pins in my hip, left", NULL }));
  g_assert_true (pd_tags_parse (PD_TAG_RED_FLAG, "bowel_bladder, fever_wound", TRUE, &mask, NULL,
                                &error));
  g_assert_cmpuint (mask, ==, G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_RED_FLAG, "bowel_bladder") |
                              G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_RED_FLAG, "fever_wound"));
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
