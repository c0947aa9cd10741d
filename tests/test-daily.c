/* test-daily.c: the per-day series behind the trend chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-daily"

#include "config.h"

#include "chart-test-util.h"
#include "pd-daily.h"

static void
test_empty (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 first = julian (2024, 3, 1);
  g_autoptr(PdDailySeries) series = pd_daily_series_new (data, first, first + 9);
  const PdDay *days;
  guint n;

  days = pd_daily_series_get_days (series, &n);
  g_assert_cmpuint (n, ==, 10);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (days[i].day, ==, first + i);
      g_assert_cmpuint (days[i].n_entries, ==, 0);
      g_assert_true (isnan (days[i].pain_mean));
      g_assert_true (isnan (days[i].rolling_mean));
      g_assert_cmpint (days[i].pain_min, ==, -1);
      g_assert_cmpuint (days[i].n_doses, ==, 0);
    }
  g_assert_false (pd_daily_series_get_data_range (series, NULL, NULL));
  g_assert_cmpuint (pd_daily_series_get_n_medications (series), ==, 0);
  g_assert_null (pd_daily_series_get_day (series, first - 1));
  g_assert_null (pd_daily_series_get_day (series, first + 10));
  g_assert_true (isnan (pd_daily_series_mean_pain (series, first, first + 9, &n)));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_single_entry (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 first = julian (2024, 3, 1), day = first + 3;
  g_autoptr(PdDailySeries) series = NULL;
  PdPainEntry *entry = add_pain (data, day, 6);
  const PdDay *aggregate;
  guint32 a, b;

  pd_pain_entry_set_enjoyment_interference (entry, 4);
  pd_pain_entry_set_activity_interference (entry, 8);
  pd_pain_entry_set_mood (entry, 7);
  pd_pain_entry_set_sleep_hours (entry, 6.5);
  series = pd_daily_series_new (data, first, first + 20);

  aggregate = pd_daily_series_get_day (series, day);
  g_assert_cmpuint (aggregate->n_entries, ==, 1);
  g_assert_cmpfloat (aggregate->pain_mean, ==, 6);
  g_assert_cmpint (aggregate->pain_min, ==, 6);
  g_assert_cmpint (aggregate->pain_max, ==, 6);
  g_assert_cmpfloat (aggregate->enjoyment_mean, ==, 4);
  g_assert_cmpfloat (aggregate->activity_mean, ==, 8);
  g_assert_cmpfloat (aggregate->mood_mean, ==, 7);
  g_assert_cmpfloat (aggregate->sleep_hours, ==, 6.5);
  /* The rolling mean covers the day and the 6 after it, no more. */
  g_assert_true (isnan (pd_daily_series_get_day (series, day - 1)->rolling_mean));
  for (guint i = 0; i < 7; i++)
    g_assert_cmpfloat (pd_daily_series_get_day (series, day + i)->rolling_mean, ==, 6);
  g_assert_true (isnan (pd_daily_series_get_day (series, day + 7)->rolling_mean));
  g_assert_true (pd_daily_series_get_data_range (series, &a, &b));
  g_assert_cmpuint (a, ==, day);
  g_assert_cmpuint (b, ==, day);
}

static void
test_gaps_and_rolling (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 first = julian (2024, 1, 10);
  g_autoptr(PdDailySeries) series = NULL;
  guint n;

  add_pain (data, first - 3, 9);   /* before the range: only the rolling mean sees it */
  add_pain (data, first, 2);
  add_pain (data, first, 4);
  add_pain (data, first + 1, 6);
  add_pain (data, first + 12, 5);
  series = pd_daily_series_new (data, first, first + 14);

  g_assert_null (pd_daily_series_get_day (series, first - 3));
  g_assert_cmpfloat (pd_daily_series_get_day (series, first)->pain_mean, ==, 3);
  g_assert_cmpfloat (pd_daily_series_get_day (series, first)->rolling_mean, ==, (9 + 3) / 2.0);
  g_assert_cmpfloat (pd_daily_series_get_day (series, first + 1)->rolling_mean, ==,
                     (9 + 3 + 6) / 3.0);
  /* first - 3 leaves the window on first + 4. */
  g_assert_cmpfloat (pd_daily_series_get_day (series, first + 4)->rolling_mean, ==, 4.5);
  g_assert_cmpfloat (pd_daily_series_get_day (series, first + 7)->rolling_mean, ==, 6);
  for (guint32 d = first + 2; d < first + 12; d++)
    g_assert_cmpuint (pd_daily_series_get_day (series, d)->n_entries, ==, 0);
  for (guint32 d = first + 8; d < first + 12; d++)
    g_assert_true (isnan (pd_daily_series_get_day (series, d)->rolling_mean));
  g_assert_cmpfloat (pd_daily_series_get_day (series, first + 12)->rolling_mean, ==, 5);
  g_assert_cmpfloat (pd_daily_series_mean_pain (series, first, first + 14, &n), ==,
                     (3 + 6 + 5) / 3.0);
  g_assert_cmpuint (n, ==, 3);
}

static void
add_berlin (PdDiaryData *data,
            GTimeZone   *tz,
            int          month,
            int          day,
            int          hour,
            int          minute,
            int          pain)
{
  g_autoptr(GDateTime) time = g_date_time_new (tz, 2024, month, day, hour, minute, 0);
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_date_time (entry, time);
  pd_pain_entry_set_pain (entry, pain);
  g_ptr_array_add (data->pain_entries, entry);
}

/* 31 March and 27 October 2024 are 23 and 25 hours long in Berlin. */
static void
test_dst_days (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  guint32 spring = julian (2024, 3, 31), autumn = julian (2024, 10, 27);

  g_assert_nonnull (tz);
  add_berlin (data, tz, 3, 31, 0, 30, 2);    /* +01:00 */
  add_berlin (data, tz, 3, 31, 23, 30, 4);   /* +02:00 */
  add_berlin (data, tz, 4, 1, 0, 10, 8);
  add_berlin (data, tz, 10, 27, 0, 30, 6);   /* +02:00 */
  add_berlin (data, tz, 10, 27, 23, 50, 2);  /* +01:00 */
  add_berlin (data, tz, 10, 26, 23, 50, 9);
  series = pd_daily_series_new (data, spring - 1, autumn + 1);

  g_assert_cmpuint (pd_daily_series_get_day (series, spring)->n_entries, ==, 2);
  g_assert_cmpfloat (pd_daily_series_get_day (series, spring)->pain_mean, ==, 3);
  g_assert_cmpuint (pd_daily_series_get_day (series, spring + 1)->n_entries, ==, 1);
  g_assert_cmpuint (pd_daily_series_get_day (series, autumn)->n_entries, ==, 2);
  g_assert_cmpfloat (pd_daily_series_get_day (series, autumn)->pain_mean, ==, 4);
  g_assert_cmpuint (pd_daily_series_get_day (series, autumn - 1)->n_entries, ==, 1);
}

/* Travel: an entry's day is the local date where and when it was made. */
static void
test_other_offsets_near_midnight (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  guint32 day = julian (2024, 3, 14);

  add_pain_at (data, day, 23 * 60 + 30, -5 * HOUR, 7);  /* 04:30 UTC on the 15th */
  add_pain_at (data, day + 1, 30, 9 * HOUR, 3);         /* 15:30 UTC on the 14th */
  add_pain_at (data, day + 1, 5, 14 * HOUR, 5);         /* 10:05 UTC on the 14th */
  series = pd_daily_series_new (data, day - 1, day + 2);

  g_assert_cmpuint (pd_daily_series_get_day (series, day)->n_entries, ==, 1);
  g_assert_cmpfloat (pd_daily_series_get_day (series, day)->pain_mean, ==, 7);
  g_assert_cmpuint (pd_daily_series_get_day (series, day + 1)->n_entries, ==, 2);
  g_assert_cmpfloat (pd_daily_series_get_day (series, day + 1)->pain_mean, ==, 4);
  g_assert_cmpuint (pd_daily_series_get_day (series, day - 1)->n_entries, ==, 0);
}

static void
test_thousands_in_one_day (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  guint32 day = julian (2024, 5, 2);
  double sum = 0;
  const PdDay *aggregate;

  for (guint i = 0; i < 5000; i++)
    {
      add_pain_at (data, day, i % 1440, BERLIN_WINTER, (int) (i % 11));
      sum += i % 11;
    }
  series = pd_daily_series_new (data, day - 30, day + 30);
  aggregate = pd_daily_series_get_day (series, day);
  g_assert_cmpuint (aggregate->n_entries, ==, 5000);
  g_assert_cmpfloat_with_epsilon (aggregate->pain_mean, sum / 5000, 1e-9);
  g_assert_cmpint (aggregate->pain_min, ==, 0);
  g_assert_cmpint (aggregate->pain_max, ==, 10);
  g_assert_cmpuint (pd_daily_series_get_day (series, day + 1)->n_entries, ==, 0);
}

static void
test_doses_activities_events (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  guint32 day = julian (2024, 6, 3);
  const PdDay *aggregate;
  const PdDayEvent *events;
  guint n_events;

  add_dose (data, day, "Ibuprofen", 400, PD_DOSE_TAKEN);
  add_dose (data, day, "ibuprofen", 400, PD_DOSE_TAKEN);
  add_dose (data, day, "Ibuprofen", 400, PD_DOSE_SKIPPED);
  add_dose (data, day + 1, "Ibuprofen", 400, PD_DOSE_TAKEN);
  add_dose (data, day, "Oxycodone", 10, PD_DOSE_TAKEN);
  add_dose (data, day, "Oxycodone", 10, PD_DOSE_TAKEN);
  add_activity (data, day, 30);
  add_activity (data, day, 45);
  add_event (data, day + 1, "Epidural steroid injection");
  add_event (data, day + 40, "Outside the range");
  series = pd_daily_series_new (data, day - 5, day + 5);

  aggregate = pd_daily_series_get_day (series, day);
  g_assert_cmpuint (aggregate->n_doses, ==, 4);
  g_assert_cmpfloat_with_epsilon (aggregate->mme, 30, 1e-9);
  g_assert_cmpuint (aggregate->activity_minutes, ==, 75);
  g_assert_cmpuint (aggregate->n_events, ==, 0);
  g_assert_cmpfloat (pd_daily_series_get_day (series, day + 1)->mme, ==, 0);
  g_assert_cmpuint (pd_daily_series_get_day (series, day + 1)->n_events, ==, 1);

  /* Medications by logged name, ignoring case, most doses first. */
  g_assert_cmpuint (pd_daily_series_get_n_medications (series), ==, 2);
  g_assert_cmpstr (pd_daily_series_get_medication_name (series, 0), ==, "Ibuprofen");
  g_assert_cmpstr (pd_daily_series_get_medication_name (series, 1), ==, "Oxycodone");
  g_assert_cmpuint (pd_daily_series_get_doses (series, day, 0), ==, 2);
  g_assert_cmpuint (pd_daily_series_get_doses (series, day, 1), ==, 2);
  g_assert_cmpuint (pd_daily_series_get_doses (series, day + 1, 0), ==, 1);
  g_assert_cmpuint (pd_daily_series_get_max_doses (series), ==, 4);
  g_assert_cmpfloat_with_epsilon (pd_daily_series_get_max_mme (series), 30, 1e-9);
  g_assert_cmpuint (pd_daily_series_get_max_activity (series), ==, 75);

  events = pd_daily_series_get_events (series, &n_events);
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_cmpuint (events[0].day, ==, day + 1);
  g_assert_cmpstr (events[0].title, ==, "Epidural steroid injection");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/daily/empty", test_empty);
  g_test_add_func ("/daily/single-entry", test_single_entry);
  g_test_add_func ("/daily/gaps-and-rolling", test_gaps_and_rolling);
  g_test_add_func ("/daily/dst-days", test_dst_days);
  g_test_add_func ("/daily/other-offsets-near-midnight", test_other_offsets_near_midnight);
  g_test_add_func ("/daily/thousands-in-one-day", test_thousands_in_one_day);
  g_test_add_func ("/daily/doses-activities-events", test_doses_activities_events);
  return g_test_run ();
}
