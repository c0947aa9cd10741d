/* test-before-after.c: windows around a treatment event and the verdict of domain.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-before-after"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chart-test-util.h"
#include "pd-before-after.h"

static void
test_verdict_edges (void)
{
  /* Exactly 30% and at least 2 points. */
  g_assert_cmpint (pd_change_verdict (10, 14, 7, 14), ==, PD_CHANGE_MEANINGFUL);
  g_assert_cmpint (pd_change_verdict (8, 14, 5.6, 14), ==, PD_CHANGE_MEANINGFUL);
  /* Exactly 30% and exactly 2 points. */
  g_assert_cmpint (pd_change_verdict (20.0 / 3, 14, 14.0 / 3, 14), ==, PD_CHANGE_MEANINGFUL);
  /* 2 points, but 29.9%. */
  g_assert_cmpint (pd_change_verdict (2 / 0.299, 14, 2 / 0.299 - 2, 14), ==,
                   PD_CHANGE_NO_CLEAR_CHANGE);
  /* 30%, but 1.9 points. */
  g_assert_cmpint (pd_change_verdict (19.0 / 3, 14, 19.0 / 3 * 0.7, 14), ==,
                   PD_CHANGE_NO_CLEAR_CHANGE);
  /* Higher after is no clear change too: "worse" is not a verdict of domain.md. */
  g_assert_cmpint (pd_change_verdict (3, 14, 8, 14), ==, PD_CHANGE_NO_CLEAR_CHANGE);
  /* Five days of data in each window are enough, four are not. */
  g_assert_cmpint (pd_change_verdict (10, 5, 5, 5), ==, PD_CHANGE_MEANINGFUL);
  g_assert_cmpint (pd_change_verdict (10, 4, 5, 14), ==, PD_CHANGE_NOT_ENOUGH_DATA);
  g_assert_cmpint (pd_change_verdict (10, 14, 5, 4), ==, PD_CHANGE_NOT_ENOUGH_DATA);
  g_assert_cmpint (pd_change_verdict (NAN, 0, NAN, 0), ==, PD_CHANGE_NOT_ENOUGH_DATA);
}

/* Days -14..-1 at 8, the event day at 0 (in neither window), after_values from day 1. */
static PdDailySeries *
series_around (guint32      event,
               const int   *after_values,
               guint        n_after,
               guint        after_start)
{
  g_autoptr(PdDiaryData) data = diary_new ();

  for (int d = -14; d <= -1; d++)
    {
      PdPainEntry *entry = add_pain (data, event + d, 8);

      pd_pain_entry_set_enjoyment_interference (entry, 6);
      pd_pain_entry_set_activity_interference (entry, 4);
    }
  add_pain (data, event - 20, 0);  /* outside the before window */
  add_pain (data, event, 0);
  for (guint i = 0; i < n_after; i++)
    {
      PdPainEntry *entry = add_pain (data, event + after_start + i, after_values[i]);

      pd_pain_entry_set_enjoyment_interference (entry, 3);
    }
  return pd_daily_series_new (data, event - 60, event + 60);
}

static void
test_windows_meaningful (void)
{
  guint32 event = julian (2024, 4, 15);
  const int after[] = { 5, 5, 6, 6, 6 };
  g_autoptr(PdDailySeries) series = series_around (event, after, G_N_ELEMENTS (after), 1);
  g_autofree char *text = NULL;
  PdBeforeAfter result;

  pd_before_after_compute (series, event, NULL, &result);
  g_assert_cmpuint (result.pain_before.n_days, ==, 14);
  g_assert_cmpuint (result.pain_after.n_days, ==, 5);
  g_assert_cmpfloat (result.pain_before.mean, ==, 8);
  g_assert_cmpfloat_with_epsilon (result.pain_after.mean, 5.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.pain_change, -2.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.pain_percent_change, -30, 1e-9);
  g_assert_cmpint (result.verdict, ==, PD_CHANGE_MEANINGFUL);
  /* PEG: before (8 + 6 + 4) / 3 = 6 on 14 days. The days after rate pain and enjoyment but
   * not activity: PEG is the mean of all three items, so they have none (not (5.6 + 3) / 2). */
  g_assert_cmpfloat_with_epsilon (result.peg_before.mean, 6, 1e-9);
  g_assert_cmpuint (result.peg_before.n_days, ==, 14);
  g_assert_true (isnan (result.peg_after.mean));
  g_assert_cmpuint (result.peg_after.n_days, ==, 0);
  g_assert_true (isnan (result.peg_change));

  text = pd_before_after_describe (&result);
  g_assert_nonnull (strstr (text, "Pain was lower after"));
  g_assert_null (strstr (text, "work"));
  g_assert_null (strstr (text, "helped"));
  g_assert_cmpstr (pd_change_verdict_label (result.verdict), ==, "Meaningful change");
}

static void
test_windows_not_enough (void)
{
  guint32 event = julian (2024, 4, 15);
  const int after[] = { 2, 2, 2, 2 };
  g_autoptr(PdDailySeries) series = series_around (event, after, G_N_ELEMENTS (after), 1);
  g_autofree char *text = NULL;
  PdBeforeAfter result;

  pd_before_after_compute (series, event, NULL, &result);
  g_assert_cmpuint (result.pain_after.n_days, ==, 4);
  g_assert_cmpint (result.verdict, ==, PD_CHANGE_NOT_ENOUGH_DATA);
  text = pd_before_after_describe (&result);
  g_assert_nonnull (strstr (text, "Not enough data"));
}

static void
test_windows_no_clear_change (void)
{
  guint32 event = julian (2024, 4, 15);
  const int after[] = { 7, 7, 6, 7, 7, 6, 7 };
  g_autoptr(PdDailySeries) series = series_around (event, after, G_N_ELEMENTS (after), 1);
  g_autofree char *text = NULL;
  PdBeforeAfter result;

  pd_before_after_compute (series, event, NULL, &result);
  g_assert_cmpint (result.verdict, ==, PD_CHANGE_NO_CLEAR_CHANGE);
  text = pd_before_after_describe (&result);
  g_assert_nonnull (strstr (text, "No clear change"));
}

/* Slow treatments: days 28..56 after. */
static void
test_windows_configured (void)
{
  guint32 event = julian (2024, 4, 15);
  const int after[] = { 3, 3, 3, 3, 3, 3 };
  g_autoptr(PdDailySeries) series = series_around (event, after, G_N_ELEMENTS (after), 30);
  PdBeforeAfterOptions options;
  PdBeforeAfter result;

  pd_before_after_compute (series, event, NULL, &result);
  g_assert_cmpuint (result.pain_after.n_days, ==, 0);
  g_assert_cmpint (result.verdict, ==, PD_CHANGE_NOT_ENOUGH_DATA);

  pd_before_after_options_init (&options);
  options.after_start = 28;
  options.after_end = 56;
  pd_before_after_compute (series, event, &options, &result);
  g_assert_cmpuint (result.pain_after.n_days, ==, 6);
  g_assert_cmpfloat (result.pain_after.mean, ==, 3);
  g_assert_cmpint (result.verdict, ==, PD_CHANGE_MEANINGFUL);
}

/* A day's PEG is the mean of its pain, enjoyment and activity means, each over the entries
 * that rate it: pain (6 + 8) / 2 = 7, enjoyment 4, activity 2 give (7 + 4 + 2) / 3. */
static void
test_peg_of_a_day (void)
{
  guint32 event = julian (2024, 4, 15);
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  PdBeforeAfter result;

  for (int d = 1; d <= 5; d++)
    {
      PdPainEntry *entry = add_pain (data, event + d, 6);

      pd_pain_entry_set_enjoyment_interference (entry, 4);
      pd_pain_entry_set_activity_interference (entry, 2);
      add_pain (data, event + d, 8);
    }
  series = pd_daily_series_new (data, event - 30, event + 30);
  pd_before_after_compute (series, event, NULL, &result);
  g_assert_cmpuint (result.peg_after.n_days, ==, 5);
  g_assert_cmpfloat_with_epsilon (result.peg_after.mean, 13.0 / 3, 1e-9);
  g_assert_cmpuint (result.peg_before.n_days, ==, 0);
  g_assert_true (isnan (result.peg_before.mean));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/before-after/verdict-edges", test_verdict_edges);
  g_test_add_func ("/before-after/meaningful", test_windows_meaningful);
  g_test_add_func ("/before-after/not-enough-data", test_windows_not_enough);
  g_test_add_func ("/before-after/no-clear-change", test_windows_no_clear_change);
  g_test_add_func ("/before-after/configured-windows", test_windows_configured);
  g_test_add_func ("/before-after/peg-of-a-day", test_peg_of_a_day);
  return g_test_run ();
}
