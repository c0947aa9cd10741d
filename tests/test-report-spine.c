/* test-report-spine.c: the report's spine outcomes and page 1's "after what", read back
 * with pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-report-spine"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "chart-test-util.h"
#include "report-test-util.h"
#include "pd-database-spine.h"
#include "pd-report.h"

static char *
report_text (PdReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ("test-report-spine-XXXXXX");
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  char *text;

  g_assert_true (pd_report_write_pdf (report, pdf, PD_PAPER_A4, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_unlink (pdf);
  g_rmdir (dir);
  return text;
}

/* A diary in memory and the first of the 30 days its report covers. */
typedef struct
{
  PdDiaryData *data;
  guint32 first;
} Period;

static void
period_set_up (Period        *period,
               gconstpointer  user_data)
{
  period->data = diary_new ();
  period->first = julian (2025, 6, 1);
}

static void
period_tear_down (Period        *period,
                  gconstpointer  user_data)
{
  pd_diary_data_free (period->data);
}

/* The text of the report (every section, no patient name) on the period's 30 days. */
static char *
period_text (Period *period)
{
  g_autoptr(PdReport) report = pd_report_new (period->data, period->first, period->first + 29,
                                              NULL, NULL, NULL, NULL);

  return report_text (report);
}

/* The text of page 1 alone (up to its footer). */
static char *
page_one (const char *text)
{
  const char *end = strstr (text, "Page 1 of");

  g_assert_nonnull (end);
  return g_strndup (text, end - text);
}

static void
test_after_what (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_new_in_memory ("after-what", &error);
  g_autoptr(PdReport) report = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PdEvent) event = pd_event_new ();
  g_autoptr(PdImpression) impression = pd_impression_new ();
  guint32 event_day = julian (2025, 3, 1), first = event_day + 20;
  g_autofree char *text = NULL;
  g_autofree char *one = NULL;

  /* Pain 6 on the 14 days before the injection, 3 on days 1-14 after; the report covers the
   * 30 days from day 20 on, where there is no event. */
  for (int d = -14; d <= 40; d++)
    {
      PdPainEntry *entry;

      if (d == 0)
        continue;
      entry = pd_pain_entry_new ();
      pd_pain_entry_set_pain (entry, d < 0 ? 6 : 3);
      pd_pain_entry_set_time (entry, pd_local_day_start (event_day + d, BERLIN_WINTER) + 12 * HOUR,
                              BERLIN_WINTER);
      g_ptr_array_add (entries, entry);
    }
  g_assert_true (pd_database_save_pain_entries (db, entries, &error));
  pd_event_set_kind (event, "injection");
  pd_event_set_title (event, "Epidural steroid injection L5");
  pd_event_set_time (event, pd_local_day_start (event_day, BERLIN_WINTER) + 10 * HOUR,
                     BERLIN_WINTER);
  g_assert_true (pd_database_save_event (db, event, &error));
  pd_impression_set_event_id (impression, pd_event_get_id (event));
  pd_impression_set_score (impression, 2);
  pd_impression_set_time (impression, pd_local_day_start (event_day + 14, BERLIN_WINTER) + HOUR,
                          BERLIN_WINTER);
  g_assert_true (pd_database_save_impression (db, impression, &error));
  g_assert_no_error (error);

  report = pd_report_load (db, first, first + 29, NULL, &error);
  g_assert_no_error (error);
  text = report_text (report);
  one = page_one (text);
  assert_contains (one, "Latest treatment");
  assert_contains (one, "1 Mar 2025 Epidural steroid injection L5 Injection, 20 days before "
                   "this period");
  assert_contains (one, "Pain before: 6.0 (14 days with data). After: 3.0 (14 days with "
                   "data). Change: -3.0 points (-50%).");
  assert_contains (one, "Since then, overall: Much improved (answered 15 Mar 2025).");
  /* The before/after section still says its own period had none. */
  assert_contains (text, "No treatment events in this period.");
}

static void
test_no_event_at_all (Period        *period,
                      gconstpointer  user_data)
{
  g_autofree char *text = NULL;

  add_pain (period->data, period->first + 2, 5);
  text = period_text (period);
  assert_contains (text, "No treatment event is recorded before or in this period.");
  assert_contains (text, "No back or leg pain, stimulator trial, function ratings, impressions "
                   "of change or as-needed doses in this period.");
}


static void
test_spine_section (Period        *period,
                    gconstpointer  user_data)
{
  PdDiaryData *data = period->data;
  guint32 first = period->first, start = first + 10;
  g_autofree char *text = NULL;
  PdFunctionActivity *socks, *film;
  PdEvent *trial;
  PdDose *dose;
  PdPainEntry *entry;

  /* Trial: 6 on the 7 days before, 3 on days 1-6 after: exactly 50%. */
  for (int d = -7; d <= 6; d++)
    if (d != 0)
      {
        entry = add_pain (data, start + d, d < 0 ? 6 : 3);
        pd_pain_entry_set_back_pain (entry, 2);
        if (d > 0)
          pd_pain_entry_set_leg_pain (entry, 5);
      }
  add_event (data, start, "Trial, Boston lead");
  trial = g_ptr_array_index (data->events, 0);
  pd_event_set_kind (trial, "stimulator_trial");
  pd_event_set_end_day (trial, start + 6);

  /* PSFS: 3 then 5 (the 2-point line exactly). */
  data->impressions = g_ptr_array_new_with_free_func (g_object_unref);
  socks = add_function_activity (data, "Putting on socks", first);
  film = add_function_activity (data, "Sitting through a film", first);
  add_rating_at (data->function_ratings, pd_function_activity_get_id (socks), first + 1, 11, 2);
  add_rating_at (data->function_ratings, pd_function_activity_get_id (film), first + 1, 11, 4);
  add_rating_at (data->function_ratings, pd_function_activity_get_id (socks), first + 8, 11, 4);
  add_rating_at (data->function_ratings, pd_function_activity_get_id (film), first + 8, 11, 6);

  /* One as-needed dose at 12:00 on a day before the baseline: 6 at 11:00, 4 at 13:00. */
  dose = add_dose (data, first + 2, "Oxycodone", 5, PD_DOSE_TAKEN);
  pd_dose_set_time (dose, pd_local_day_start (first + 2, BERLIN_WINTER) + 12 * HOUR,
                    BERLIN_WINTER);
  add_pain_at (data, first + 2, 11 * 60, BERLIN_WINTER, 6);
  add_pain_at (data, first + 2, 13 * 60, BERLIN_WINTER, 4);

  text = period_text (period);
  assert_contains (text, "Spine outcomes");
  assert_contains (text, "Back and leg pain (0–10): back pain averaged 2.0 on 13 days; leg pain "
                   "averaged 5.0 on 6 days.");
  assert_contains (text, "Baseline, 7 days before 6.0 7 of 7");
  assert_contains (text, "Relief 50%: met the usual 50% threshold.");
  g_assert_null (strstr (text, "succeed"));
  assert_contains (text, "Function 3.0 → 5.0 (+2.0): better by a meaningful amount (2 points or "
                   "more).");
  assert_contains (text, "Putting on socks 2 4");
  assert_contains (text, "Oxycodone 1 1 -2.0");
}

/* Only one activity rated: its 2 points are short of the 3 domain.md asks of a single
 * activity, though 2 would do for the mean of several. */
static void
test_function_single_activity (Period        *period,
                               gconstpointer  user_data)
{
  PdDiaryData *data = period->data;
  guint32 first = period->first;
  g_autofree char *text = NULL;
  PdFunctionActivity *socks;

  add_pain (data, first, 5);
  socks = add_function_activity (data, "Putting on socks", first);
  add_rating_at (data->function_ratings, pd_function_activity_get_id (socks), first + 1, 11, 2);
  add_rating_at (data->function_ratings, pd_function_activity_get_id (socks), first + 8, 11, 4);

  text = period_text (period);
  assert_contains (text, "Function 2.0 → 4.0 (+2.0): no clear change (a meaningful change is 3 "
                   "points).");
  g_assert_null (strstr (text, "better by a meaningful amount"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-spine/after-what", test_after_what);
  g_test_add ("/report-spine/no-event-at-all", Period, NULL, period_set_up,
              test_no_event_at_all, period_tear_down);
  g_test_add ("/report-spine/spine-section", Period, NULL, period_set_up, test_spine_section,
              period_tear_down);
  g_test_add ("/report-spine/function-single-activity", Period, NULL, period_set_up,
              test_function_single_activity, period_tear_down);
  return g_test_run ();
}
