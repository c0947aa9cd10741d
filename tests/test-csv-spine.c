/* test-csv-spine.c: the spine outcomes in the diary CSV and the summary CSV: function
 * (PSFS) and impression (PGIC) rows, back and leg pain, psfs_mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv-spine"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pd-csv.h"
#include "pd-csv-private.h"
#include "pd-database.h"
#include "pd-database-spine.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "pd-review.h"
#include "csv-test-util.h"
#include "record-builders.h"

#define CET 3600
/* 2026-03-01 00:00 CET */
#define DAY0 ((gint64) 1772319600)
#define HOUR ((gint64) 3600)
#define DAYS(n) ((gint64) (n) * 24 * HOUR)
#define ID(prefix, n) prefix "000000-0000-4000-8000-00000000000" #n

#define HEADER PD_CSV_HEADER "\r\n"
#define EPIDURAL ID ("e1", 1)
#define SOCKS_0 ID ("a1", 2)


/* The whole export (or daily summary) of db, as text. */
static char *
export_text (PdDatabase *db,
             gboolean    summary)
{
  g_autoptr(GBytes) bytes = export_db (db, summary, 0, 0);

  return bytes_text (bytes);
}

static PdCsvImport *
prepare (PdDatabase  *db,
         const char  *text,
         GError     **error)
{
  return pd_csv_import_prepare_data (db, "spine.csv", text, strlen (text), error);
}

static PdCsvImport *
import_text (PdDatabase *db,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  PdCsvImport *import = prepare (db, text, &error);

  g_assert_no_error (error);
  pd_csv_import_commit (import, db, &error);
  g_assert_no_error (error);
  return import;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "\r\n"); p != NULL; p = strstr (p + 2, "\r\n"))
    n++;
  return n;
}

static void
add_pain (GPtrArray  *entries,
          const char *id,
          gint64      time,
          int         pain,
          int         back,
          int         leg)
{
  PdPainEntry *entry = new_entry (time, CET, pain, NULL);

  pd_pain_entry_set_id (entry, id);
  pd_pain_entry_set_back_pain (entry, back);
  pd_pain_entry_set_leg_pain (entry, leg);
  g_ptr_array_add (entries, entry);
}

static void
add_event (GPtrArray  *events,
           const char *id,
           const char *kind,
           const char *title,
           gint64      time)
{
  PdEvent *event = new_event (kind, title, time, CET);

  pd_event_set_id (event, id);
  g_ptr_array_add (events, event);
}

static PdFunctionActivity *
save_activity (PdDatabase *db,
               const char *name,
               int         added,
               int         retired)
{
  PdFunctionActivity *activity = pd_function_activity_new ();
  g_autoptr(GError) error = NULL;

  pd_function_activity_set_name (activity, name);
  pd_function_activity_set_added_day (activity, pd_local_day (DAY0 + DAYS (added), CET));
  if (retired != 0)
    pd_function_activity_set_retired_day (activity, pd_local_day (DAY0 + DAYS (retired), CET));
  pd_database_save_function_activity (db, activity, &error);
  g_assert_no_error (error);
  return activity;
}

static void
add_rating (GPtrArray          *ratings,
            const char         *id,
            PdFunctionActivity *activity,
            int                 day,
            int                 score)
{
  g_ptr_array_add (ratings, new_rating (id, pd_function_activity_get_id (activity),
                                        DAY0 + DAYS (day) + 10 * HOUR, CET, score));
}

/* Two weeks around an epidural on 2026-03-01:
 * - pain: 03-01 08:30 pain 6 back 5 leg 7; 03-01 20:00 pain 4 back 3; 03-08 pain 5 with
 *   neither; 03-15 pain 3 back 2 leg 4.
 * - PSFS: socks, film and walking (walking retired on 03-08) rated on 02-22 (3, 4, 2),
 *   03-01 (5, 6, 4); socks and film on 03-08 (7, 8); on 03-15 socks 6, film 7 and stairs
 *   (added that day) 3.
 * - PGIC: about the epidural 2 on 03-15 11:00, overall 3 at 11:05 with a note. */
static void
fill_spine (PdDatabase *db)
{
  static const struct
  {
    const char *id;
    const char *event_id;
    gint64 time;
    int score;
    const char *note;
  } impressions[] = {
    { ID ("c1", 1), EPIDURAL, DAY0 + DAYS (14) + 11 * HOUR, 2, "" },
    { ID ("c1", 2), NULL, DAY0 + DAYS (14) + 11 * HOUR + 300, 3, "=better, \"mostly\"" },
  };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PdFunctionActivity) socks = NULL, film = NULL, walking = NULL, stairs = NULL;
  g_autoptr(GError) error = NULL;

  add_pain (entries, ID ("b1", 1), DAY0 + 8 * HOUR + 30 * 60, 6, 5, 7);
  add_pain (entries, ID ("b1", 2), DAY0 + 20 * HOUR, 4, 3, PD_UNSET);
  add_pain (entries, ID ("b1", 3), DAY0 + DAYS (7) + 12 * HOUR, 5, PD_UNSET, PD_UNSET);
  add_pain (entries, ID ("b1", 4), DAY0 + DAYS (14) + 9 * HOUR, 3, 2, 4);
  add_event (events, EPIDURAL, "injection", "Epidural L5-S1", DAY0 + 9 * HOUR);
  add_event (events, ID ("e1", 2), "therapy_change", "Physio programme", DAY0 - DAYS (10));
  pd_database_save_records (db, entries, NULL, NULL, NULL, events, &error);
  g_assert_no_error (error);

  socks = save_activity (db, "Putting on socks", -14, 0);
  film = save_activity (db, "Sitting through a film, \"long\" one", -14, 0);
  walking = save_activity (db, "=Walking to the shop", -14, 7);
  stairs = save_activity (db, "Climbing stairs", 14, 0);
  add_rating (ratings, NULL, socks, -7, 3);
  add_rating (ratings, NULL, film, -7, 4);
  add_rating (ratings, NULL, walking, -7, 2);
  add_rating (ratings, SOCKS_0, socks, 0, 5);
  add_rating (ratings, NULL, film, 0, 6);
  add_rating (ratings, NULL, walking, 0, 4);
  add_rating (ratings, NULL, socks, 7, 7);
  add_rating (ratings, NULL, film, 7, 8);
  add_rating (ratings, NULL, socks, 14, 6);
  add_rating (ratings, NULL, film, 14, 7);
  add_rating (ratings, NULL, stairs, 14, 3);
  pd_database_save_function_ratings (db, ratings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (impressions); i++)
    {
      g_autoptr(PdImpression) impression = new_impression (impressions[i].id,
                                                           impressions[i].event_id,
                                                           impressions[i].time, CET,
                                                           impressions[i].score);

      pd_impression_set_note (impression, impressions[i].note);
      pd_database_save_impression (db, impression, &error);
      g_assert_no_error (error);
    }
}

/* The export (or the daily summary) of a new diary name filled by fill_spine. */
static char *
export_spine (const char *name,
              gboolean    summary)
{
  g_autoptr(PdDatabase) db = open_fresh (name);

  fill_spine (db);
  return export_text (db, summary);
}

static void
test_rows (void)
{
  g_autofree char *text = export_spine ("rows.db", FALSE);

  g_assert_true (g_str_has_prefix (text, HEADER));
  /* The header, 4 pain entries, 2 events, 11 ratings, 2 impressions. */
  g_assert_cmpuint (count_lines (text), ==, 1 + 4 + 2 + 11 + 2);
  g_assert_nonnull (strstr (text, "\r\n" SOCKS_0 ",2026-03-01,10:00,+01:00,function,,,,,,,,,,"
                                  "Putting on socks,5,,,,,,,,\r\n"));
  g_assert_nonnull (strstr (text, ",2026-03-01,10:00,+01:00,function,,,,,,,,,,"
                                  "\"Sitting through a film, \"\"long\"\" one\",6,,,,,,,,\r\n"));
  /* Formula neutralisation in the patient's words too. */
  g_assert_nonnull (strstr (text, ",2026-02-22,10:00,+01:00,function,,,,,,,,,,"
                                  "'=Walking to the shop,2,,,,,,,,\r\n"));
  g_assert_nonnull (strstr (text, "\r\n" ID ("c1", 1) ",2026-03-15,11:00,+01:00,impression,,,,,,,,,,"
                                  "Epidural L5-S1,2,,,,,,,,\r\n"));
  g_assert_nonnull (strstr (text, "\r\n" ID ("c1", 2) ",2026-03-15,11:05,+01:00,impression,,,,,,,,,,"
                                  ",3,,,,\"'=better, \"\"mostly\"\"\",,,,\r\n"));
  /* Pain rows carry back and leg pain, empty where not given. */
  g_assert_nonnull (strstr (text, "\r\n" ID ("b1", 1) ",2026-03-01,08:30,+01:00,pain,6,"
                                  ",,,,,,,,,,,,,,5,7,,\r\n"));
  g_assert_nonnull (strstr (text, "\r\n" ID ("b1", 2) ",2026-03-01,20:00,+01:00,pain,4,"
                                  ",,,,,,,,,,,,,,3,,,\r\n"));
  g_assert_nonnull (strstr (text, "\r\n" ID ("b1", 3) ",2026-03-08,12:00,+01:00,pain,5,"
                                  ",,,,,,,,,,,,,,,,,\r\n"));
  /* Ordered by minute with the other kinds: the epidural (09:00) before the ratings (10:00). */
  g_assert_true (strstr (text, EPIDURAL) < strstr (text, SOCKS_0));
}

static void
test_round_trip (void)
{
  g_autofree char *first = export_spine ("spine.db", FALSE);
  g_autoptr(PdDatabase) copy = open_fresh ("spine-copy.db");
  g_autoptr(PdCsvImport) import = NULL;
  g_autoptr(PdCsvImport) again = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autofree char *second = NULL, *third = NULL, *description = NULL;
  g_autofree char *path = NULL, *before = NULL, *after = NULL;
  gsize before_len, after_len;

  import = import_text (copy, first);
  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, 4 + 2 + 11 + 2);
  g_assert_cmpuint (pd_csv_import_get_n_new_function_ratings (import), ==, 11);
  g_assert_cmpuint (pd_csv_import_get_n_new_impressions (import), ==, 2);
  description = pd_csv_import_describe (import);
  g_assert_cmpstr (description, ==, "To add: 4 pain entries, 2 treatment events, "
                                    "11 function ratings, 2 impressions of change.");
  second = export_text (copy, FALSE);
  g_assert_cmpstr (first, ==, second);
  /* The four activities, each made once, by name. */
  activities = pd_database_list_function_activities (copy, NULL);
  g_assert_cmpuint (activities->len, ==, 4);

  /* Importing again: every row already present, the file untouched. */
  path = g_strdup (pd_database_get_path (copy));
  g_clear_object (&copy);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  copy = pd_database_open (path, PD_DATABASE_NO_BACKUPS, NULL);
  again = import_text (copy, first);
  g_assert_cmpuint (pd_csv_import_get_n_new (again), ==, 0);
  g_assert_cmpuint (pd_csv_import_get_n_present (again), ==, 19);
  third = export_text (copy, FALSE);
  g_assert_cmpstr (first, ==, third);
  g_clear_object (&copy);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* More new records than an import keeps: the spine records still arrive. */
static void
test_round_trip_streamed (void)
{
  g_autofree char *first = export_spine ("streamed.db", FALSE);
  g_autoptr(PdDatabase) copy = open_fresh ("streamed-copy.db");
  g_autoptr(PdCsvImport) import = NULL;
  g_autofree char *second = NULL;
  g_autofree char *csv = tmp_path ("streamed.csv");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (csv, first, -1, NULL));
  _pd_csv_import_set_sizes (100, 3);
  import = pd_csv_import_prepare (copy, csv, &error);
  g_assert_no_error (error);
  pd_csv_import_commit (import, copy, &error);
  _pd_csv_import_set_sizes (1024 * 1024, 100000);
  g_assert_no_error (error);
  second = export_text (copy, FALSE);
  g_assert_cmpstr (first, ==, second);
}

static void
test_round_trip_demo (void)
{
  g_autoptr(PdDatabase) db = open_demo ("demo.db");
  g_autoptr(PdDatabase) copy = open_fresh ("demo-copy.db");
  g_autoptr(PdCsvImport) import = NULL;
  g_autofree char *first = NULL, *second = NULL;

  first = export_text (db, FALSE);
  import = import_text (copy, first);
  second = export_text (copy, FALSE);
  g_assert_cmpstr (first, ==, second);
  /* The demo's spine outcomes travel too. */
  g_assert_cmpuint (pd_csv_import_get_n_new_function_ratings (import), >, 0);
  g_assert_cmpuint (pd_csv_import_get_n_new_impressions (import), >, 0);
  g_assert_nonnull (strstr (first, ",function,"));
  g_assert_nonnull (strstr (first, ",impression,"));
}

static void
test_summary (void)
{
  g_autofree char *text = export_spine ("summary.db", TRUE);

  /* back_pain_mean, leg_pain_mean, psfs_mean are the 14th to 16th columns.
   * 02-19: the physio event only. 02-22: PSFS (3+4+2)/3 = 3, no entries.
   * 03-01: back (5+3)/2 = 4, leg 7 (one entry gives it), PSFS (5+6+4)/3 = 5 (walking is
   * retired later: its rating counts). 03-08: neither back nor leg; PSFS (7+8)/2 = 7.5.
   * 03-15: back 2, leg 4; PSFS (6+7+3)/3 = 5.33. */
  g_assert_cmpstr (text, ==,
                   PD_CSV_SUMMARY_HEADER "\r\n"
                   "2026-02-19,0,,,,,,,,0,0,0,1,,,,0,\r\n"
                   "2026-02-22,0,,,,,,,,0,0,0,0,,,3,0,\r\n"
                   "2026-03-01,2,5,4,6,,,,,0,0,0,1,4,7,5,0,\r\n"
                   "2026-03-08,1,5,5,5,,,,,0,0,0,0,,,7.5,0,\r\n"
                   "2026-03-15,1,3,3,3,,,,,0,0,0,0,2,4,5.33,0,\r\n");
}

/* A function row finds the diary's activity ignoring case; an impression row may come before
 * its event in the file (same minute, smaller id). */
static void
test_matching (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("matching.db");
  g_autoptr(PdCsvImport) import = NULL;
  g_autoptr(PdFunctionActivity) socks = save_activity (db, "Putting on socks", -14, 0);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) ratings = NULL;
  g_autoptr(GPtrArray) impressions = NULL;
  g_autoptr(GPtrArray) events = NULL;

  import = import_text (db, HEADER
    ID ("f1", 1) ",2026-03-02,09:00,+01:00,function,,,,,,,,,,PUTTING ON SOCKS,8,,,,,,,,\r\n"
    ID ("c2", 1) ",2026-03-02,09:00,+01:00,impression,,,,,,,,,,Fusion L4-L5,1,,,,,,,,\r\n"
    ID ("e2", 1) ",2026-03-02,09:00,+01:00,event,,,,,,,,,,Fusion L4-L5,,,,,,,,surgery,\r\n");
  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, 3);
  activities = pd_database_list_function_activities (db, NULL);
  g_assert_cmpuint (activities->len, ==, 1);
  ratings = pd_database_list_function_ratings (db, G_MININT64, G_MAXINT64, NULL);
  g_assert_cmpuint (ratings->len, ==, 1);
  g_assert_cmpstr (pd_function_rating_get_activity_id (g_ptr_array_index (ratings, 0)), ==,
                   pd_function_activity_get_id (socks));
  g_assert_cmpint (pd_function_rating_get_score (g_ptr_array_index (ratings, 0)), ==, 8);
  impressions = pd_database_list_impressions (db, G_MININT64, G_MAXINT64, NULL);
  events = pd_database_list_events (db, G_MININT64, G_MAXINT64, NULL);
  g_assert_cmpuint (impressions->len, ==, 1);
  g_assert_cmpstr (pd_impression_get_event_id (g_ptr_array_index (impressions, 0)), ==,
                   ID ("e2", 1));
  g_assert_cmpint (pd_impression_get_score (g_ptr_array_index (impressions, 0)), ==, 1);
}

/* Each bad row fails the whole import with FILE:LINE: field: reason; nothing is written. */
static void
test_bad_rows (void)
{
  static const struct { const char *row; const char *message; } cases[] = {
    { ID ("f3", 1) ",2026-03-02,09:00,+01:00,function,,,,,,,,,,Walking,11,,,,,,,,",
      "spine.csv:3: amount: “11” is not a whole number from 0 to 10 (ability)" },
    { ID ("f3", 1) ",2026-03-02,09:00,+01:00,function,,,,,,,,,,Walking,-1,,,,,,,,",
      "spine.csv:3: amount: “-1” is not a whole number from 0 to 10 (ability)" },
    { ID ("f3", 1) ",2026-03-02,09:00,+01:00,function,,,,,,,,,,Walking,6.5,,,,,,,,",
      "spine.csv:3: amount: “6.5” is not a whole number from 0 to 10 (ability)" },
    { ID ("f3", 1) ",2026-03-02,09:00,+01:00,function,,,,,,,,,,Walking,,,,,,,,,",
      "spine.csv:3: amount: “” is not a whole number from 0 to 10 (ability)" },
    { ID ("f3", 1) ",2026-03-02,09:00,+01:00,function,,,,,,,,,, ,5,,,,,,,,",
      "spine.csv:3: item: missing" },
    { ID ("f3", 1) ",2026-03-02,09:00,+01:00,function,,,,,,,,,,Walking,5,,,,a note,,,,",
      "spine.csv:3: note: not used in function rows; leave it empty" },
    { ID ("f3", 1) ",2026-03-02,09:00,+01:00,function,4,,,,,,,,,Walking,5,,,,,,,,",
      "spine.csv:3: pain: not used in function rows; leave it empty" },
    { ID ("f3", 1) ",2026-02-30,09:00,+01:00,function,,,,,,,,,,Walking,5,,,,,,,,",
      "spine.csv:3: date: “2026-02-30” is not a date (YYYY-MM-DD)" },
    { ID ("f3", 1) ",2026-03-02,24:00,+01:00,function,,,,,,,,,,Walking,5,,,,,,,,",
      "spine.csv:3: time: “24:00” is not a time of day (HH:MM)" },
    { ID ("f1", 1) ",2026-03-02,09:00,+01:00,function,,,,,,,,,,Walking,5,,,,,,,,",
      "spine.csv:3: id: the same id as line 2" },
    { ID ("c3", 1) ",2026-03-02,09:00,+01:00,impression,,,,,,,,,,,8,,,,,,,,",
      "spine.csv:3: amount: “8” is not a whole number from 1 to 7 (impression of change)" },
    { ID ("c3", 1) ",2026-03-02,09:00,+01:00,impression,,,,,,,,,,,0,,,,,,,,",
      "spine.csv:3: amount: “0” is not a whole number from 1 to 7 (impression of change)" },
    { ID ("c3", 1) ",2026-03-02,09:00,+01:00,impression,,,,,,,,,,Fusion,3,,,,,,,,",
      "spine.csv:3: item: no treatment event is titled “Fusion”" },
    { ID ("c3", 1) ",2026-03-02,09:00,+01:00,impression,,,,,,,,,,,3,mg,,,,,,,",
      "spine.csv:3: unit: not used in impression rows; leave it empty" },
    { ID ("c3", 1) ",2026-03-02,09:00,+01:00,impression,,,,,,,,,,,3,,,,,,,surgery,",
      "spine.csv:3: event_kind: not used in impression rows; leave it empty" },
    { ID ("c3", 1) ",2026-03-02,09:00,+01:00,mood,,,,,,,,,,,3,,,,,,,,",
      "spine.csv:3: kind: “mood” is not a kind (pain, dose, activity, event, function or "
      "impression)" },
  };
  g_autoptr(PdDatabase) db = open_fresh ("bad.db");
  g_autofree char *before = NULL;

  fill_spine (db);
  before = export_text (db, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* A good row first, with a new activity: neither may be written. */
      g_autofree char *text = g_strconcat (HEADER,
        ID ("f1", 1) ",2026-03-02,08:00,+01:00,function,,,,,,,,,,Tying shoes,5,,,,,,,,\r\n",
        cases[i].row, "\r\n", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PdCsvImport) import = prepare (db, text, &error);
      g_autofree char *after = NULL;
      g_autoptr(GPtrArray) activities = NULL;

      g_assert_null (import);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      after = export_text (db, FALSE);
      g_assert_cmpstr (after, ==, before);
      activities = pd_database_list_function_activities (db, NULL);
      g_assert_cmpuint (activities->len, ==, 4);
    }
}

/* A clinician opens a CSV with these rows in review mode: they are all there. */
static void
test_review (void)
{
  g_autoptr(PdDatabase) db = open_fresh ("review-source.db");
  g_autoptr(PdDatabase) review = NULL;
  g_autoptr(GPtrArray) ratings = NULL;
  g_autoptr(GPtrArray) impressions = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *again = NULL, *summary = NULL, *review_summary = NULL;
  g_autofree char *csv = tmp_path ("review.csv");

  fill_spine (db);
  text = export_text (db, FALSE);
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  review = pd_review_open (csv, &error);
  g_assert_no_error (error);
  ratings = pd_database_list_function_ratings (review, G_MININT64, G_MAXINT64, NULL);
  impressions = pd_database_list_impressions (review, G_MININT64, G_MAXINT64, NULL);
  activities = pd_database_list_function_activities (review, NULL);
  g_assert_cmpuint (ratings->len, ==, 11);
  g_assert_cmpuint (impressions->len, ==, 2);
  g_assert_cmpuint (activities->len, ==, 4);
  again = export_text (review, FALSE);
  g_assert_cmpstr (again, ==, text);
  summary = export_text (db, TRUE);
  review_summary = export_text (review, TRUE);
  g_assert_cmpstr (review_summary, ==, summary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-spine/rows", test_rows);
  g_test_add_func ("/csv-spine/round-trip", test_round_trip);
  g_test_add_func ("/csv-spine/round-trip/streamed", test_round_trip_streamed);
  g_test_add_func ("/csv-spine/round-trip/demo", test_round_trip_demo);
  g_test_add_func ("/csv-spine/summary", test_summary);
  g_test_add_func ("/csv-spine/matching", test_matching);
  g_test_add_func ("/csv-spine/bad-rows", test_bad_rows);
  g_test_add_func ("/csv-spine/review", test_review);
  return run_in_tmp_dir ();
}
