/* test-spine.c: spine outcomes, hand-computed at the edges: back and leg pain means, the
 * stimulator trial's threshold and its days of data, as-needed follow-ups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-spine"

#include "config.h"

#include "chart-test-util.h"
#include "pd-csv-spine.h"
#include "pd-daily.h"
#include "pd-error.h"
#include "pd-fhir-spine.h"
#include "pd-spine.h"
#include "pd-spine-reminders.h"

/* Back and leg pain */

static void
test_back_leg_means (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 first = julian (2024, 3, 1);
  g_autoptr(PdDailySeries) series = NULL;
  PdPainEntry *entry;
  const PdDay *day;

  /* Day 0: back 4 and 7, leg only once (2); an entry with neither does not count. */
  entry = add_pain_at (data, first, 8 * 60, BERLIN_WINTER, 5);
  pd_pain_entry_set_back_pain (entry, 4);
  pd_pain_entry_set_leg_pain (entry, 2);
  entry = add_pain_at (data, first, 12 * 60, BERLIN_WINTER, 6);
  pd_pain_entry_set_back_pain (entry, 7);
  add_pain_at (data, first, 18 * 60, BERLIN_WINTER, 9);
  /* Day 1: pain only. Day 2: leg 0 is a score, not a gap. */
  add_pain (data, first + 1, 3);
  entry = add_pain (data, first + 2, 3);
  pd_pain_entry_set_leg_pain (entry, 0);
  series = pd_daily_series_new (data, first, first + 3);

  day = pd_daily_series_get_day (series, first);
  g_assert_cmpfloat (day->back_pain_mean, ==, 5.5);
  g_assert_cmpfloat (day->leg_pain_mean, ==, 2);
  g_assert_cmpfloat (day->pain_mean, ==, 20.0 / 3);
  day = pd_daily_series_get_day (series, first + 1);
  g_assert_true (isnan (day->back_pain_mean));
  g_assert_true (isnan (day->leg_pain_mean));
  day = pd_daily_series_get_day (series, first + 2);
  g_assert_true (isnan (day->back_pain_mean));
  g_assert_cmpfloat (day->leg_pain_mean, ==, 0);
  day = pd_daily_series_get_day (series, first + 3);
  g_assert_true (isnan (day->back_pain_mean));
  g_assert_true (isnan (day->psfs_mean));
}

/* Stimulator trial */

/* Pain on days start + from .. start + to (inclusive), one entry a day. */
typedef struct {
  int from, to, pain;
} DayRange;

/* Pain on the ranges of days around start, then the trial from start to end in a series from
 * start - 10 to last; returns its verdict. */
static char *
compute_trial (PdDiaryData    *data,
               const DayRange *ranges,
               guint           n_ranges,
               guint32         start,
               guint32         end,
               guint32         last,
               PdTrial        *trial)
{
  g_autoptr(PdDailySeries) series = NULL;

  for (guint i = 0; i < n_ranges; i++)
    for (int d = ranges[i].from; d <= ranges[i].to; d++)
      add_pain (data, start + d, ranges[i].pain);
  series = pd_daily_series_new (data, start - 10, last);
  pd_trial_compute (series, start, end, trial);
  return pd_trial_describe_verdict (trial);
}

static void
test_trial_exactly_half (void)
{
  /* Baseline: 6 on days -7..-1 (mean 6); day 0 is 10 and counts nowhere; trial: 3 on days
   * 1..7 (mean 3). Relief (6 - 3) / 6 = exactly 50%. Day -8 and day 8 lie outside. */
  static const DayRange days[] = { { -8, -8, 0 }, { -7, -1, 6 }, { 0, 0, 10 }, { 1, 7, 3 },
                                   { 8, 8, 10 } };
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 start = julian (2024, 5, 10), end = start + 7;
  PdTrial trial;
  g_autofree char *text = compute_trial (data, days, G_N_ELEMENTS (days), start, end, end + 3,
                                         &trial);

  g_assert_cmpfloat (trial.baseline_mean, ==, 6);
  g_assert_cmpuint (trial.baseline_days, ==, 7);
  g_assert_cmpfloat (trial.trial_mean, ==, 3);
  g_assert_cmpuint (trial.trial_days, ==, 7);
  g_assert_cmpfloat (trial.relief_percent, ==, 50);
  g_assert_cmpint (trial.verdict, ==, PD_TRIAL_MET_THRESHOLD);
  g_assert_cmpstr (text, ==, "Relief 50%: met the usual 50% threshold");
  g_assert_null (strstr (text, "succeed"));
}

static void
test_trial_just_below_half (void)
{
  /* Baseline 6 (3 days: the minimum); trial 3, 3, 4: mean 10/3, relief 44.4%. */
  static const DayRange days[] = { { -3, -1, 6 }, { 1, 2, 3 }, { 3, 3, 4 } };
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 start = julian (2024, 5, 10), end = start + 3;
  PdTrial trial;
  g_autofree char *text = compute_trial (data, days, G_N_ELEMENTS (days), start, end, end, &trial);

  g_assert_cmpuint (trial.baseline_days, ==, 3);
  g_assert_cmpuint (trial.trial_days, ==, 3);
  g_assert_cmpfloat_with_epsilon (trial.relief_percent, 100.0 * (6 - 10.0 / 3) / 6, 1e-9);
  g_assert_cmpint (trial.verdict, ==, PD_TRIAL_BELOW_THRESHOLD);
  g_assert_cmpstr (text, ==, "Relief 44%: did not meet the usual 50% threshold");
}

static void
test_trial_too_few_days (void)
{
  /* A full baseline, but pain on only 2 trial days (several entries on one of them). */
  static const DayRange days[] = { { -7, -1, 8 }, { 5, 5, 1 } };
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 start = julian (2024, 5, 10), end = start + 7;
  g_autofree char *text = NULL;
  PdTrial trial;

  add_pain_at (data, start + 2, 8 * 60, BERLIN_WINTER, 1);
  add_pain_at (data, start + 2, 20 * 60, BERLIN_WINTER, 1);
  text = compute_trial (data, days, G_N_ELEMENTS (days), start, end, end, &trial);

  g_assert_cmpuint (trial.baseline_days, ==, 7);
  g_assert_cmpuint (trial.trial_days, ==, 2);
  g_assert_cmpfloat (trial.trial_mean, ==, 1);
  g_assert_true (isnan (trial.relief_percent));
  g_assert_cmpint (trial.verdict, ==, PD_TRIAL_NOT_ENOUGH_DATA);
  g_assert_cmpstr (text, ==, "Not enough data: each window needs pain on at least 3 days");
}

static void
test_trial_days (void)
{
  guint32 start = julian (2024, 5, 10);
  g_autofree char *first = pd_trial_describe_day (start, start + 6, start);
  g_autofree char *last = pd_trial_describe_day (start, start + 6, start + 6);
  g_autofree char *open = pd_trial_describe_day (start, 0, start + 2);

  g_assert_cmpstr (first, ==, "Trial day 1 of 7");
  g_assert_cmpstr (last, ==, "Trial day 7 of 7");
  g_assert_cmpstr (open, ==, "Trial day 3");
  g_assert_null (pd_trial_describe_day (start, start + 6, start + 7));
  g_assert_null (pd_trial_describe_day (start, start + 6, start - 1));
}

static void
test_trial_find_latest (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 day = julian (2024, 5, 10);
  PdEvent *trial;

  add_event (data, day - 20, "Epidural");
  add_event (data, day - 10, "Trial one");
  pd_event_set_kind (g_ptr_array_index (data->events, 1), "stimulator_trial");
  add_event (data, day + 5, "Trial two");
  pd_event_set_kind (g_ptr_array_index (data->events, 2), "stimulator_trial");

  trial = pd_trial_find_latest (data->events, day);
  g_assert_nonnull (trial);
  g_assert_cmpstr (pd_event_get_title (trial), ==, "Trial one");
  g_assert_null (pd_trial_find_latest (data->events, day - 11));
}

/* As-needed doses */

static PdDose *
add_prn (PdDiaryData *data,
         guint32      day,
         guint        minute,
         const char  *name)
{
  PdDose *dose = add_dose (data, day, name, 5, PD_DOSE_TAKEN);

  pd_dose_set_time (dose, pd_local_day_start (day, BERLIN_WINTER) + minute * 60, BERLIN_WINTER);
  return dose;
}

typedef struct {
  guint minute;
  int   pain;
} Score;

/* Pain scores at minutes of a day. */
static void
add_scores (PdDiaryData *data,
            guint32      day,
            const Score *scores,
            guint        n_scores)
{
  for (guint i = 0; i < n_scores; i++)
    add_pain_at (data, day, scores[i].minute, BERLIN_WINTER, scores[i].pain);
}

static void
test_prn_windows (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 day = julian (2024, 6, 3);
  /* Dose at 12:00. Before: 9:59 is outside the 2 h, 10:00 and 11:30 inside; the last (7)
   * counts. After: 12:29 is too early; 12:30 (4) is the first in 30-120 min; 13:00 later. */
  static const Score scores[] = { { 9 * 60 + 59, 2 }, { 10 * 60, 8 }, { 11 * 60 + 30, 7 },
                                  { 12 * 60 + 29, 1 }, { 12 * 60 + 30, 4 }, { 13 * 60, 0 } };
  PdDose *dose = add_prn (data, day, 12 * 60, "Oxycodone");
  int change = 99;

  add_scores (data, day, scores, G_N_ELEMENTS (scores));
  g_assert_true (pd_prn_dose_change (dose, data->pain_entries, &change));
  g_assert_cmpint (change, ==, 4 - 7);
}

static void
test_prn_window_edges (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 day = julian (2024, 6, 3);
  /* Exactly 2 h before and exactly 120 min after both count; a score at the dose's minute
   * is "before". */
  static const Score scores[] = { { 10 * 60, 6 }, { 14 * 60, 5 } };
  PdDose *dose = add_prn (data, day, 12 * 60, "Oxycodone");
  int change = 99;

  add_scores (data, day, scores, G_N_ELEMENTS (scores));
  g_assert_true (pd_prn_dose_change (dose, data->pain_entries, &change));
  g_assert_cmpint (change, ==, -1);
  add_pain_at (data, day, 12 * 60, BERLIN_WINTER, 8);
  g_assert_true (pd_prn_dose_change (dose, data->pain_entries, &change));
  g_assert_cmpint (change, ==, -3);
}

static void
test_prn_missing_scores (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 day = julian (2024, 6, 3);
  /* No score before the first dose (only 2 h 1 min before); none 30-120 min after the
   * second (only 121 min after). */
  static const Score early[] = { { 9 * 60 + 59, 7 }, { 13 * 60, 3 } };
  static const Score late[] = { { 11 * 60, 7 }, { 14 * 60 + 1, 3 } };
  PdDose *no_before = add_prn (data, day, 12 * 60, "Oxycodone");
  PdDose *no_after = add_prn (data, day + 1, 12 * 60, "Oxycodone");
  int change = 99;

  add_scores (data, day, early, G_N_ELEMENTS (early));
  g_assert_false (pd_prn_dose_change (no_before, data->pain_entries, &change));
  g_assert_cmpint (change, ==, 99);

  add_scores (data, day + 1, late, G_N_ELEMENTS (late));
  g_assert_false (pd_prn_dose_change (no_after, data->pain_entries, &change));
}

/* domain.md: 2 points in the mean, 3 for a single activity. */
static void
test_psfs_threshold (void)
{
  PdPsfsSession one = { 1, 4, 1 }, three = { 8, 6, 3 }, none = { 0, NAN, 0 };

  g_assert_cmpfloat (pd_psfs_threshold (&three, &three), ==, PD_PSFS_MEANINGFUL_MEAN);
  g_assert_cmpfloat (pd_psfs_threshold (&one, &three), ==, PD_PSFS_MEANINGFUL_SINGLE);
  g_assert_cmpfloat (pd_psfs_threshold (&three, &one), ==, PD_PSFS_MEANINGFUL_SINGLE);
  g_assert_cmpint (pd_psfs_change (one.mean, one.mean + 2, pd_psfs_threshold (&one, &one)), ==,
                   PD_FUNCTION_NO_CLEAR_CHANGE);
  g_assert_cmpint (pd_psfs_change (none.mean, three.mean, pd_psfs_threshold (&none, &three)), ==,
                   PD_FUNCTION_NOT_ENOUGH_DATA);
}

static void
test_prn_summary (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  guint32 day = julian (2024, 6, 3);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *oxy = NULL;
  g_autofree char *ibu = NULL;
  PdPrnSummary *summary;
  PdDose *scheduled;

  /* Oxycodone: -3 and -2 (mean -2.5), a third dose without scores. Ibuprofen: one dose
   * without scores. A scheduled dose and a skipped one do not count. */
  add_prn (data, day, 8 * 60, "Oxycodone");
  add_pain_at (data, day, 7 * 60, BERLIN_WINTER, 8);
  add_pain_at (data, day, 9 * 60, BERLIN_WINTER, 5);
  add_prn (data, day, 20 * 60, "oxycodone");
  add_pain_at (data, day, 19 * 60, BERLIN_WINTER, 6);
  add_pain_at (data, day, 21 * 60, BERLIN_WINTER, 4);
  add_prn (data, day + 1, 8 * 60, "Oxycodone");
  add_prn (data, day + 2, 8 * 60, "Ibuprofen");
  scheduled = add_prn (data, day, 8 * 60 + 10, "Oxycodone");
  pd_dose_set_scheduled_time (scheduled, 8 * 60);
  pd_dose_set_status (add_prn (data, day, 8 * 60 + 20, "Oxycodone"), PD_DOSE_SKIPPED);

  summaries = pd_prn_summarise (data, 0, G_MAXINT64);
  g_assert_cmpuint (summaries->len, ==, 2);
  summary = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (summary->name, ==, "Oxycodone");
  g_assert_cmpuint (summary->n_doses, ==, 3);
  g_assert_cmpuint (summary->n_paired, ==, 2);
  g_assert_cmpfloat (summary->mean_change, ==, -2.5);
  oxy = pd_prn_describe (summary);
  g_assert_cmpstr (oxy, ==, "3 as-needed doses; pain 2.5 lower 30–120 minutes after "
                   "(2 doses with scores)");
  summary = g_ptr_array_index (summaries, 1);
  g_assert_cmpstr (summary->name, ==, "Ibuprofen");
  g_assert_cmpuint (summary->n_paired, ==, 0);
  g_assert_true (isnan (summary->mean_change));
  ibu = pd_prn_describe (summary);
  g_assert_cmpstr (ibu, ==, "1 as-needed dose; no pain scores before and 30–120 minutes after");

  /* One medication however it is logged: "OxyContin" (a brand) and "oxycodone" with
   * Oxycodone, found by either name. A custom name stays its own, ignoring case. */
  g_clear_pointer (&summaries, g_ptr_array_unref);
  add_prn (data, day + 3, 8 * 60, "OxyContin");
  add_prn (data, day + 3, 9 * 60, "Frobnicol");
  add_prn (data, day + 3, 10 * 60, "FROBNICOL");
  summaries = pd_prn_summarise (data, 0, G_MAXINT64);
  g_assert_cmpuint (summaries->len, ==, 3);
  summary = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (summary->name, ==, "Oxycodone");
  g_assert_cmpuint (summary->n_doses, ==, 4);
  g_assert_true (pd_prn_summary_find (summaries, "oxycontin") == summary);
  g_assert_true (pd_prn_summary_find (summaries, "Oxycodone") == summary);
  g_assert_cmpuint (pd_prn_summary_find (summaries, "frobnicol")->n_doses, ==, 2);
  g_assert_null (pd_prn_summary_find (summaries, "Tramadol"));
  g_ptr_array_remove_range (data->doses, data->doses->len - 3, 3);

  /* The range bounds the doses, not the scores. */
  g_clear_pointer (&summaries, g_ptr_array_unref);
  summaries = pd_prn_summarise (data, pd_local_day_start (day + 2, BERLIN_WINTER), G_MAXINT64);
  g_assert_cmpuint (summaries->len, ==, 1);
}

/* Reminders */

static GPtrArray *
run_reminders (PdDiaryData     *data,
               PdReminderRules *rules,
               guint            delay,
               gint64           last_run,
               gint64           now,
               gint64          *next_due)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  PdSpineReminderOptions options = { .prn_follow_up_minutes = delay, .pgic_days = 14 };

  return pd_spine_reminders_run (rules, &options, data, last_run, now, tz, next_due);
}

/* How many reminders run_reminders gives, where only their number matters. */
static guint
n_reminders (PdDiaryData     *data,
             PdReminderRules *rules,
             guint            delay,
             gint64           last_run,
             gint64           now,
             gint64          *next_due)
{
  g_autoptr(GPtrArray) reminders = run_reminders (data, rules, delay, last_run, now, next_due);

  return reminders->len;
}

static void
test_prn_follow_up (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdReminderRules) rules = pd_reminder_rules_new ();
  guint32 day = julian (2024, 1, 15);
  PdDose *dose = add_prn (data, day, 12 * 60, "Oxycodone");
  gint64 taken = pd_dose_get_time (dose);
  g_autoptr(GPtrArray) due = NULL;
  gint64 next = 0;
  PdReminder *reminder;

  /* Not yet at 59 minutes: due in one more. */
  g_assert_cmpuint (n_reminders (data, rules, 60, taken, taken + 59 * 60, &next), ==, 0);
  g_assert_cmpint (next, ==, taken + 3600);
  due = run_reminders (data, rules, 60, taken + 59 * 60, taken + 3600, &next);
  g_assert_cmpuint (due->len, ==, 1);
  reminder = g_ptr_array_index (due, 0);
  g_assert_cmpstr (reminder->title, ==, "How is your pain now?");
  g_assert_cmpstr (reminder->body, ==, "You took Oxycodone 60 minutes ago. A score now shows "
                   "whether it helped.");
  g_assert_cmpint (reminder->kind, ==, PD_REMINDER_CHECK_IN);
  g_assert_true (g_str_has_prefix (reminder->custom_id, "prn:"));
  /* Once only. */
  g_assert_cmpuint (n_reminders (data, rules, 60, taken + 3600, taken + 3660, NULL), ==, 0);
  /* A score logged after the dose answers it. */
  add_pain_at (data, day, 12 * 60 + 40, BERLIN_WINTER, 4);
  g_assert_cmpuint (n_reminders (data, rules, 60, taken + 59 * 60, taken + 3600, NULL), ==, 0);
  /* The delay is the patient's. */
  g_ptr_array_set_size (data->pain_entries, 0);
  g_assert_cmpuint (n_reminders (data, rules, 45, taken + 44 * 60, taken + 45 * 60, NULL), ==, 1);
}

static void
test_prn_follow_up_quiet_hours (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdReminderRules) rules = pd_reminder_rules_new ();
  guint32 day = julian (2024, 1, 15);
  gint64 late = pd_dose_get_time (add_prn (data, day, 21 * 60 + 30, "Oxycodone"));
  gint64 early = pd_dose_get_time (add_prn (data, day + 1, 6 * 60 + 30, "Oxycodone"));
  g_autoptr(GPtrArray) morning = NULL;
  g_autoptr(GPtrArray) held = NULL;

  /* Quiet 22:00-07:00. 21:30 + 60 min falls at 22:30: held to 07:00, long after the
   * 120-minute window, so never shown. 06:30 + 60 min = 07:30: shown. */
  pd_reminder_rules_set_quiet_hours (rules, 22 * 60, 7 * 60);
  g_assert_cmpuint (n_reminders (data, rules, 60, late, late + 3600, NULL), ==, 0);
  morning = run_reminders (data, rules, 60, late + 3600, early + 3600, NULL);
  g_assert_cmpuint (morning->len, ==, 1);
  g_assert_cmpint (((PdReminder *) g_ptr_array_index (morning, 0))->scheduled, ==,
                   early + 3600);
  /* 06:00 + 30 min = 06:30 is held to 07:00: still within 120 minutes, shown then. */
  g_ptr_array_set_size (data->doses, 0);
  early = pd_dose_get_time (add_prn (data, day + 1, 6 * 60, "Oxycodone"));
  held = run_reminders (data, rules, 30, early + 59 * 60, early + 3600, NULL);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpint (((PdReminder *) g_ptr_array_index (held, 0))->due, ==, early + 3600);
}

static void
test_trial_check_ins (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdReminderRules) rules = pd_reminder_rules_new ();
  guint32 start = julian (2024, 1, 15);
  gint64 midday = pd_local_day_start (start + 2, BERLIN_WINTER) + 13 * HOUR;
  g_autoptr(GPtrArray) due = NULL;
  gint64 next = 0;
  PdEvent *trial;

  add_event (data, start, "Stimulator trial");
  trial = g_ptr_array_index (data->events, 0);
  pd_event_set_kind (trial, "stimulator_trial");
  pd_event_set_end_day (trial, start + 2);

  due = run_reminders (data, rules, 60, midday - 60, midday, &next);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((PdReminder *) g_ptr_array_index (due, 0))->title, ==, "Trial day 3 of 3");
  g_assert_cmpint (next, ==, midday + 7 * HOUR);
  /* Pain logged at 11:30 answers the 13:00 check-in. */
  add_pain_at (data, start + 2, 11 * 60 + 30, BERLIN_WINTER, 4);
  g_assert_cmpuint (n_reminders (data, rules, 60, midday - 60, midday, NULL), ==, 0);
  /* The day after the trial's last day: nothing, and nothing ahead. */
  g_assert_cmpuint (n_reminders (data, rules, 60, midday + 24 * HOUR - 60, midday + 24 * HOUR,
                                 &next), ==, 0);
  g_assert_cmpint (next, ==, G_MAXINT64);
}

/* Patient-Specific Functional Scale */

#define SOCKS "8a3b5a1e-0000-4000-8000-000000000001"
#define FILM  "8a3b5a1e-0000-4000-8000-000000000002"
#define STAIRS "8a3b5a1e-0000-4000-8000-000000000003"

static void
test_psfs_means (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(GArray) sessions = NULL;
  g_autoptr(PdDailySeries) series = NULL;
  guint32 day = julian (2024, 4, 1);
  const PdPsfsSession *session;

  /* Week 1: 2, 3, 4 (mean 3). Week 2: 4, 5, 6 (mean 5: +2, exactly meaningful). Week 3: only
   * two rated, 6 and 5 (mean 5.5). */
  data->function_ratings = g_ptr_array_new_with_free_func (g_object_unref);
  add_rating_at (data->function_ratings, SOCKS, day, 10, 2);
  add_rating_at (data->function_ratings, FILM, day, 10, 3);
  add_rating_at (data->function_ratings, STAIRS, day, 10, 4);
  add_rating_at (data->function_ratings, SOCKS, day + 7, 10, 4);
  add_rating_at (data->function_ratings, FILM, day + 7, 10, 5);
  add_rating_at (data->function_ratings, STAIRS, day + 7, 10, 6);
  add_rating_at (data->function_ratings, SOCKS, day + 14, 10, 6);
  add_rating_at (data->function_ratings, FILM, day + 14, 10, 5);

  sessions = pd_psfs_sessions (data->function_ratings, 0, 0);
  g_assert_cmpuint (sessions->len, ==, 3);
  session = &g_array_index (sessions, PdPsfsSession, 0);
  g_assert_cmpuint (session->day, ==, day);
  g_assert_cmpfloat (session->mean, ==, 3);
  g_assert_cmpuint (session->n_rated, ==, 3);
  session = &g_array_index (sessions, PdPsfsSession, 2);
  g_assert_cmpfloat (session->mean, ==, 5.5);
  g_assert_cmpuint (session->n_rated, ==, 2);

  series = pd_daily_series_new (data, day, day + 14);
  g_assert_cmpfloat (pd_daily_series_get_day (series, day + 7)->psfs_mean, ==, 5);
  g_assert_cmpfloat (pd_daily_series_get_day (series, day + 14)->psfs_mean, ==, 5.5);
  g_assert_true (isnan (pd_daily_series_get_day (series, day + 1)->psfs_mean));
}

static void
test_psfs_meaningful_line (void)
{
  g_autofree char *exactly = NULL;
  g_autofree char *below = NULL;
  g_autofree char *worse = NULL;
  g_autofree char *none = NULL;

  /* 2 points in the mean: exactly 2 counts, 1.9 does not; means of thirds keep exact. */
  g_assert_cmpint (pd_psfs_change (3, 5, PD_PSFS_MEANINGFUL_MEAN), ==, PD_FUNCTION_BETTER);
  g_assert_cmpint (pd_psfs_change (10.0 / 3, 16.0 / 3, PD_PSFS_MEANINGFUL_MEAN), ==,
                   PD_FUNCTION_BETTER);
  g_assert_cmpint (pd_psfs_change (3, 4.9, PD_PSFS_MEANINGFUL_MEAN), ==,
                   PD_FUNCTION_NO_CLEAR_CHANGE);
  g_assert_cmpint (pd_psfs_change (6, 4, PD_PSFS_MEANINGFUL_MEAN), ==, PD_FUNCTION_WORSE);
  /* 3 for a single activity: 2 points is not enough. */
  g_assert_cmpint (pd_psfs_change (2, 4, PD_PSFS_MEANINGFUL_SINGLE), ==,
                   PD_FUNCTION_NO_CLEAR_CHANGE);
  g_assert_cmpint (pd_psfs_change (2, 5, PD_PSFS_MEANINGFUL_SINGLE), ==, PD_FUNCTION_BETTER);
  g_assert_cmpint (pd_psfs_change (NAN, 5, PD_PSFS_MEANINGFUL_MEAN), ==,
                   PD_FUNCTION_NOT_ENOUGH_DATA);

  exactly = pd_psfs_describe_change (3, 5, PD_PSFS_MEANINGFUL_MEAN);
  g_assert_cmpstr (exactly, ==, "Function 3.0 → 5.0 (+2.0): better by a meaningful amount "
                   "(2 points or more)");
  below = pd_psfs_describe_change (3, 4.5, PD_PSFS_MEANINGFUL_MEAN);
  g_assert_cmpstr (below, ==, "Function 3.0 → 4.5 (+1.5): no clear change (a meaningful change "
                   "is 2 points)");
  worse = pd_psfs_describe_change (6, 4, PD_PSFS_MEANINGFUL_MEAN);
  g_assert_cmpstr (worse, ==, "Function 6.0 → 4.0 (-2.0): worse by a meaningful amount "
                   "(2 points or more)");
  none = pd_psfs_describe_change (NAN, 4, PD_PSFS_MEANINGFUL_MEAN);
  g_assert_cmpstr (none, ==, "Function: not enough ratings to compare");
}

static void
test_psfs_around_event (void)
{
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) sessions = NULL;
  guint32 event = julian (2024, 4, 20);
  PdPsfsSession before, after;
  double first, latest;
  guint n;

  /* Before: day -15 (outside), -10 and -3 (latest counts: 2). Event day 0 in neither.
   * After: days 4 and 11 (latest: 6); day 15 outside days 1-14. */
  add_rating_at (ratings, SOCKS, event - 15, 10, 9);
  add_rating_at (ratings, SOCKS, event - 10, 10, 1);
  add_rating_at (ratings, SOCKS, event - 3, 10, 2);
  add_rating_at (ratings, SOCKS, event, 10, 9);
  add_rating_at (ratings, SOCKS, event + 4, 10, 3);
  add_rating_at (ratings, SOCKS, event + 11, 10, 6);
  add_rating_at (ratings, SOCKS, event + 15, 10, 0);
  sessions = pd_psfs_sessions (ratings, 0, 0);
  pd_psfs_around_event (sessions, event, NULL, &before, &after);
  g_assert_cmpuint (before.day, ==, event - 3);
  g_assert_cmpfloat (before.mean, ==, 2);
  g_assert_cmpuint (after.day, ==, event + 11);
  g_assert_cmpfloat (after.mean, ==, 6);

  pd_psfs_activity_range (ratings, SOCKS, &first, &latest, &n);
  g_assert_cmpfloat (first, ==, 9);
  g_assert_cmpfloat (latest, ==, 0);
  g_assert_cmpuint (n, ==, 7);
  pd_psfs_activity_range (ratings, FILM, &first, &latest, &n);
  g_assert_true (isnan (first));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_psfs_due (void)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func (g_object_unref);
  guint32 day = julian (2024, 4, 1);
  PdFunctionActivity *activity = pd_function_activity_new ();

  g_assert_false (pd_psfs_due (activities, ratings, day));
  pd_function_activity_set_name (activity, "Putting on socks");
  pd_function_activity_set_added_day (activity, day);
  g_ptr_array_add (activities, activity);
  g_assert_true (pd_psfs_due (activities, ratings, day));
  add_rating_at (ratings, pd_function_activity_get_id (activity), day, 10, 4);
  g_assert_false (pd_psfs_due (activities, ratings, day + 6));
  g_assert_true (pd_psfs_due (activities, ratings, day + 7));
  /* Retired: nothing to rate. */
  pd_function_activity_set_retired_day (activity, day + 3);
  g_assert_cmpuint (pd_psfs_n_active (activities, day + 7), ==, 0);
  g_assert_false (pd_psfs_due (activities, ratings, day + 7));
}

/* Patient Global Impression of Change */

static void
test_pgic (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(GPtrArray) impressions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) answered = NULL;
  g_autoptr(GPtrArray) late = NULL;
  guint32 day = julian (2024, 5, 1);
  PdImpression *impression;
  PdEvent *injection;

  g_assert_cmpstr (pd_pgic_label (1), ==, "Very much improved");
  g_assert_cmpstr (pd_pgic_label (2), ==, "Much improved");
  g_assert_cmpstr (pd_pgic_label (3), ==, "Minimally improved");
  g_assert_cmpstr (pd_pgic_label (4), ==, "No change");
  g_assert_cmpstr (pd_pgic_label (5), ==, "Minimally worse");
  g_assert_cmpstr (pd_pgic_label (6), ==, "Much worse");
  g_assert_cmpstr (pd_pgic_label (7), ==, "Very much worse");

  add_event (data, day, "Epidural");
  injection = g_ptr_array_index (data->events, 0);
  add_event (data, day, "Review");
  pd_event_set_kind (g_ptr_array_index (data->events, 1), "appointment");

  /* Day 13 after: not yet; day 14: the injection (not the appointment). */
  early = pd_pgic_due_events (data->events, impressions, day + 13, 14);
  g_assert_cmpuint (early->len, ==, 0);
  due = pd_pgic_due_events (data->events, impressions, day + 14, 14);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_true (g_ptr_array_index (due, 0) == injection);
  late = pd_pgic_due_events (data->events, impressions, day + 14 + PD_PGIC_ASK_DAYS + 1, 14);
  g_assert_cmpuint (late->len, ==, 0);

  impression = pd_impression_new ();
  pd_impression_set_event_id (impression, pd_event_get_id (injection));
  pd_impression_set_score (impression, 2);
  g_ptr_array_add (impressions, impression);
  answered = pd_pgic_due_events (data->events, impressions, day + 14, 14);
  g_assert_cmpuint (answered->len, ==, 0);
  g_assert_true (pd_pgic_find_for_event (impressions, pd_event_get_id (injection)) == impression);
}

static void
test_spine_storage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_new_in_memory ("spine", &error);
  g_autoptr(PdFunctionActivity) activity = pd_function_activity_new ();
  g_autoptr(PdImpression) impression = pd_impression_new ();
  g_autoptr(PdImpression) bad = pd_impression_new ();
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PdDiaryData) data = NULL;
  guint32 day = julian (2024, 5, 1);

  g_assert_no_error (error);
  pd_function_activity_set_name (activity, "Sitting through a film");
  pd_function_activity_set_added_day (activity, day);
  g_assert_true (pd_database_save_function_activity (db, activity, &error));
  g_assert_no_error (error);
  add_rating_at (ratings, pd_function_activity_get_id (activity), day, 10, 4);
  add_rating_at (ratings, pd_function_activity_get_id (activity), day + 7, 10, 7);
  g_assert_true (pd_database_save_function_ratings (db, ratings, &error));
  g_assert_no_error (error);
  pd_impression_set_score (impression, 3);
  pd_impression_set_time (impression, pd_local_day_start (day, BERLIN_WINTER), BERLIN_WINTER);
  g_assert_true (pd_database_save_impression (db, impression, &error));
  g_assert_no_error (error);
  /* Out of range: refused with the field named, nothing written. */
  pd_impression_set_score (bad, 8);
  g_assert_false (pd_database_save_impression (db, bad, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "amount:"));
  g_clear_error (&error);

  data = load_diary (db);
  g_assert_cmpuint (data->function_activities->len, ==, 1);
  g_assert_cmpstr (pd_function_activity_get_name (g_ptr_array_index (data->function_activities, 0)),
                   ==, "Sitting through a film");
  g_assert_cmpuint (data->function_ratings->len, ==, 2);
  g_assert_cmpint (pd_function_rating_get_score (g_ptr_array_index (data->function_ratings, 0)),
                   ==, 7);
  g_assert_cmpuint (data->impressions->len, ==, 1);
  g_assert_cmpint (pd_impression_get_score (g_ptr_array_index (data->impressions, 0)), ==, 3);
}

static void
test_question_reminders (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdReminderRules) rules = pd_reminder_rules_new ();
  guint32 day = julian (2024, 1, 15);
  gint64 ten = pd_local_day_start (day + 14, BERLIN_WINTER) + 10 * HOUR;
  g_autoptr(GPtrArray) due = NULL;
  PdReminder *reminder;

  /* An injection 14 days before: its impression at 10:00. No activities: no ratings asked. */
  add_event (data, day, "Epidural");
  due = run_reminders (data, rules, 60, ten - 60, ten, NULL);
  g_assert_cmpuint (due->len, ==, 1);
  reminder = g_ptr_array_index (due, 0);
  g_assert_cmpint (reminder->kind, ==, PD_REMINDER_CUSTOM);
  g_assert_true (g_str_has_prefix (reminder->custom_id, "pgic:"));
  g_assert_cmpstr (reminder->body, ==, "Since “Epidural”, overall, are you better, the same or "
                   "worse? Answer on Today.");
  /* Asked once: not again the next day, though still unanswered. */
  g_assert_cmpuint (n_reminders (data, rules, 60, ten + 24 * HOUR - 60, ten + 24 * HOUR, NULL),
                    ==, 0);
}

/* CSV */

static void
test_csv_rows (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PdFunctionRating) again = NULL;
  g_autoptr(PdFunctionRating) second = NULL;
  g_autoptr(PdImpression) impression = NULL;
  g_autoptr(PdImpression) overall = NULL;
  g_autoptr(GError) error = NULL;
  guint32 day = julian (2024, 7, 1);
  PdFunctionActivity *socks = add_function_activity (data, "Putting on socks, \"left\"", day);
  const PdCsvSpineRow *row;

  data->impressions = g_ptr_array_new_with_free_func (g_object_unref);
  add_rating_at (data->function_ratings, pd_function_activity_get_id (socks), day + 1, 10, 7);
  add_event (data, day, "Epidural");
  g_ptr_array_add (data->impressions,
                   new_impression (NULL, pd_event_get_id (g_ptr_array_index (data->events, 0)),
                                   pd_local_day_start (day + 2, BERLIN_WINTER), BERLIN_WINTER, 2));

  rows = pd_csv_spine_rows (data, 0, 0);
  g_assert_cmpuint (rows->len, ==, 2);
  row = &g_array_index (rows, PdCsvSpineRow, 0);
  g_assert_cmpstr (row->kind, ==, "function");
  g_assert_cmpstr (row->item, ==, "Putting on socks, \"left\"");
  g_assert_cmpstr (row->amount, ==, "7");
  row = &g_array_index (rows, PdCsvSpineRow, 1);
  g_assert_cmpstr (row->kind, ==, "impression");
  g_assert_cmpstr (row->item, ==, "Epidural");
  g_assert_cmpstr (row->amount, ==, "2");
  g_clear_pointer (&rows, g_array_unref);
  rows = pd_csv_spine_rows (data, day + 2, day + 2);
  g_assert_cmpuint (rows->len, ==, 1);

  /* Read back: the activity is made once, then found ignoring case. */
  again = pd_csv_spine_read_function (pd_local_day_start (day, 0), 0, "Walking", "4",
                                      activities, added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 1);
  second = pd_csv_spine_read_function (pd_local_day_start (day + 7, 0), 0, " walking ",
                                       "10", activities, added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpstr (pd_function_rating_get_activity_id (second), ==,
                   pd_function_rating_get_activity_id (again));
  g_assert_cmpint (pd_function_rating_get_score (second), ==, 10);
  g_assert_null (pd_csv_spine_read_function (0, 0, "Walking", "11", activities, added,
                                             &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "amount: “11” is not a whole number from 0 to 10 "
                   "(ability)");
  g_clear_error (&error);
  g_assert_null (pd_csv_spine_read_function (0, 0, "", "3", activities, added, &error));
  g_assert_cmpstr (error->message, ==, "item: a function row names its activity");
  g_clear_error (&error);

  impression = pd_csv_spine_read_impression (0, 0, "2", &error);
  g_assert_no_error (error);
  g_assert_null (pd_impression_get_event_id (impression));
  g_assert_true (pd_csv_spine_set_impression_event (impression, "Epidural", data->events,
                                                    &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_impression_get_event_id (impression), ==,
                   pd_event_get_id (g_ptr_array_index (data->events, 0)));
  overall = pd_csv_spine_read_impression (0, 0, "7", &error);
  g_assert_no_error (error);
  g_assert_true (pd_csv_spine_set_impression_event (overall, "", data->events, &error));
  g_assert_null (pd_impression_get_event_id (overall));
  g_assert_null (pd_csv_spine_read_impression (0, 0, "0", &error));
  g_assert_cmpstr (error->message, ==, "amount: “0” is not a whole number from 1 to 7 "
                   "(impression of change)");
  g_clear_error (&error);
  g_assert_false (pd_csv_spine_set_impression_event (overall, "Fusion", data->events, &error));
  g_assert_cmpstr (error->message, ==, "item: no treatment event is titled “Fusion”");
  g_clear_error (&error);

  /* Whole numbers as a spreadsheet with a number format writes them; a half is refused. */
  {
    g_autoptr(PdImpression) spreadsheet = pd_csv_spine_read_impression (0, 0, "3.0", &error);

    g_assert_no_error (error);
    g_assert_cmpint (pd_impression_get_score (spreadsheet), ==, 3);
    g_assert_null (pd_csv_spine_read_impression (0, 0, "3.5", &error));
    g_assert_cmpstr (error->message, ==, "amount: “3.5” is not a whole number from 1 to 7 "
                     "(impression of change)");
  }
}

static void
test_csv_summary (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint32 day = julian (2024, 7, 1);
  PdPainEntry *entry;

  /* Day 0: back 3 and 4 (3.5), leg once 6, PSFS 2, 3, 3 (2.67). Day 1: nothing spine. */
  entry = add_pain (data, day, 5);
  pd_pain_entry_set_back_pain (entry, 3);
  pd_pain_entry_set_leg_pain (entry, 6);
  entry = add_pain_at (data, day, 18 * 60, BERLIN_WINTER, 5);
  pd_pain_entry_set_back_pain (entry, 4);
  add_pain (data, day + 1, 2);
  data->function_ratings = g_ptr_array_new_with_free_func (g_object_unref);
  add_rating_at (data->function_ratings, SOCKS, day, 10, 2);
  add_rating_at (data->function_ratings, FILM, day, 10, 3);
  add_rating_at (data->function_ratings, STAIRS, day, 10, 3);
  series = pd_daily_series_new (data, day, day + 1);

  pd_csv_spine_append_summary (out, pd_daily_series_get_day (series, day));
  g_assert_cmpstr (out->str, ==, ",3.5,6,2.67");
  g_string_truncate (out, 0);
  pd_csv_spine_append_summary (out, pd_daily_series_get_day (series, day + 1));
  g_assert_cmpstr (out->str, ==, ",,,");
}

/* FHIR */

static JsonNode *
member_path (JsonNode   *root,
             const char *path)
{
  g_autoptr(JsonPath) query = json_path_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *found;
  JsonArray *matches;

  json_path_compile (query, path, &error);
  g_assert_no_error (error);
  found = json_path_match (query, root);
  matches = json_node_get_array (found);
  if (json_array_get_length (matches) != 1)
    g_error ("%s: %u matches", path, json_array_get_length (matches));
  {
    JsonNode *copy = json_node_copy (json_array_get_element (matches, 0));

    json_node_unref (found);
    return copy;
  }
}

static void
assert_string (JsonNode   *root,
               const char *path,
               const char *expected)
{
  g_autoptr(JsonNode) node = member_path (root, path);

  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static void
assert_int (JsonNode   *root,
            const char *path,
            gint64      expected)
{
  g_autoptr(JsonNode) node = member_path (root, path);

  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
test_fhir (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(PdPainEntry) plain = pd_pain_entry_new ();
  g_autoptr(PdFunctionRating) rating = pd_function_rating_new ();
  g_autoptr(PdImpression) impression = pd_impression_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *back_id = NULL;
  g_autofree char *again = NULL;
  guint32 day = julian (2024, 3, 1);
  gint64 noon = pd_local_day_start (day, BERLIN_WINTER) + 12 * HOUR;

  pd_pain_entry_set_pain (entry, 6);
  pd_pain_entry_set_back_pain (entry, 3);
  pd_pain_entry_set_leg_pain (entry, 7);
  pd_pain_entry_set_time (entry, noon, BERLIN_WINTER);
  pd_pain_entry_set_pain (plain, 2);
  pd_function_rating_set_activity_id (rating, SOCKS);
  pd_function_rating_set_score (rating, 4);
  pd_function_rating_set_time (rating, noon, BERLIN_WINTER);
  pd_impression_set_score (impression, 2);
  pd_impression_set_time (impression, noon, BERLIN_WINTER);

  json_builder_begin_array (builder);
  pd_fhir_spine_add_back_leg (builder, entry, "urn:uuid:patient");
  pd_fhir_spine_add_back_leg (builder, plain, "urn:uuid:patient");
  pd_fhir_spine_add_function_rating (builder, rating, "Putting on socks", "urn:uuid:patient");
  pd_fhir_spine_add_impression (builder, impression, "Epidural", "urn:uuid:patient");
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  /* Back, leg, PSFS, PGIC: an entry without back or leg pain gives none. */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);
  back_id = pd_fhir_spine_derive_uuid (pd_pain_entry_get_id (entry), "back-pain");
  again = pd_fhir_spine_derive_uuid (pd_pain_entry_get_id (entry), "back-pain");
  g_assert_cmpstr (back_id, ==, again);
  g_assert_true (g_uuid_string_is_valid (back_id));
  assert_string (root, "$[0].resource.id", back_id);
  assert_string (root, "$[0].resource.resourceType", "Observation");
  assert_string (root, "$[0].resource.code.coding[0].code", "72514-3");
  assert_string (root, "$[0].resource.bodySite.coding[0].code", "37931006");
  assert_string (root, "$[0].resource.effectiveDateTime", "2024-03-01T12:00:00+01:00");
  assert_int (root, "$[0].resource.valueInteger", 3);
  assert_string (root, "$[1].resource.bodySite.coding[0].code", "61685007");
  assert_int (root, "$[1].resource.valueInteger", 7);
  assert_string (root, "$[2].resource.resourceType", "QuestionnaireResponse");
  assert_string (root, "$[2].resource.id", pd_function_rating_get_id (rating));
  assert_string (root, "$[2].resource.status", "completed");
  assert_string (root, "$[2].resource.item[0].answer[0].valueString", "Putting on socks");
  assert_int (root, "$[2].resource.item[1].answer[0].valueInteger", 4);
  assert_string (root, "$[3].resource.questionnaire", PD_FHIR_PGIC_QUESTIONNAIRE);
  assert_string (root, "$[3].resource.item[0].answer[0].valueString", "Epidural");
  assert_string (root, "$[3].resource.item[1].answer[0].valueCoding.code", "2");
  assert_string (root, "$[3].resource.item[1].answer[0].valueCoding.display", "Much improved");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spine/back-leg-means", test_back_leg_means);
  g_test_add_func ("/spine/trial/exactly-half", test_trial_exactly_half);
  g_test_add_func ("/spine/trial/just-below-half", test_trial_just_below_half);
  g_test_add_func ("/spine/trial/too-few-days", test_trial_too_few_days);
  g_test_add_func ("/spine/trial/days", test_trial_days);
  g_test_add_func ("/spine/trial/find-latest", test_trial_find_latest);
  g_test_add_func ("/spine/prn/windows", test_prn_windows);
  g_test_add_func ("/spine/prn/window-edges", test_prn_window_edges);
  g_test_add_func ("/spine/prn/missing-scores", test_prn_missing_scores);
  g_test_add_func ("/spine/prn/summary", test_prn_summary);
  g_test_add_func ("/spine/reminders/prn-follow-up", test_prn_follow_up);
  g_test_add_func ("/spine/reminders/prn-quiet-hours", test_prn_follow_up_quiet_hours);
  g_test_add_func ("/spine/reminders/trial-check-ins", test_trial_check_ins);
  g_test_add_func ("/spine/psfs/means", test_psfs_means);
  g_test_add_func ("/spine/psfs/meaningful-line", test_psfs_meaningful_line);
  g_test_add_func ("/spine/psfs/threshold", test_psfs_threshold);
  g_test_add_func ("/spine/psfs/around-event", test_psfs_around_event);
  g_test_add_func ("/spine/psfs/due", test_psfs_due);
  g_test_add_func ("/spine/pgic", test_pgic);
  g_test_add_func ("/spine/storage", test_spine_storage);
  g_test_add_func ("/spine/reminders/questions", test_question_reminders);
  g_test_add_func ("/spine/csv/rows", test_csv_rows);
  g_test_add_func ("/spine/csv/summary", test_csv_summary);
  g_test_add_func ("/spine/fhir", test_fhir);
  return g_test_run ();
}
