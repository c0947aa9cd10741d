/* test-scheduler.c: the pure reminder scheduler (wall-clock timing across DST and zone
 * changes, catch-up after suspend, quiet hours, what cancels a reminder, snooze)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-scheduler"

#include "config.h"

#include <string.h>

#include "pd-dose.h"
#include "pd-medication.h"
#include "pd-pain-entry.h"
#include "pd-scheduler.h"
#include "pd-types.h"
#include "record-builders.h"
#include "test-util.h"

#define HM(h, m) ((h) * 60 + (m))
#define GABAPENTIN_ID "7b1f7a52-0a0c-4b7e-9a55-9f0f3c6f0a01"
#define NAPROXEN_ID   "7b1f7a52-0a0c-4b7e-9a55-9f0f3c6f0a02"

static gint64
utc (const char *iso)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (date_time);
  return g_date_time_to_unix (date_time);
}

static int
offset_at (GTimeZone *tz,
           gint64     instant)
{
  g_autoptr(GDateTime) utc_time = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc_time, tz);

  return (int) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND);
}

static PdMedication *
medication_new (const char *id,
                const char *name,
                double      amount,
                const char *schedule)
{
  PdMedication *medication = new_scheduled_medication (name, amount, schedule);

  pd_medication_set_id (medication, id);
  pd_medication_set_start_day (medication, julian (2020, 1, 1));
  return medication;
}

static GPtrArray *
medications_of (PdMedication *medication)
{
  GPtrArray *medications = g_ptr_array_new_with_free_func (g_object_unref);

  if (medication != NULL)
    g_ptr_array_add (medications, medication);
  return medications;
}

static PdDose *
dose_new (const char   *medication_id,
          const char   *iso,
          GTimeZone    *tz,
          guint         scheduled,
          PdDoseStatus  status)
{
  PdDose *dose = pd_dose_new ();
  gint64 time = utc (iso);

  pd_dose_set_medication_id (dose, medication_id);
  pd_dose_set_name (dose, "gabapentin");
  pd_dose_set_amount (dose, 300);
  pd_dose_set_unit (dose, "mg");
  pd_dose_set_time (dose, time, offset_at (tz, time));
  pd_dose_set_scheduled_time (dose, scheduled);
  pd_dose_set_status (dose, status);
  return dose;
}

static PdPainEntry *
entry_new (const char *iso,
           GTimeZone  *tz)
{
  PdPainEntry *entry = pd_pain_entry_new ();
  gint64 time = utc (iso);

  pd_pain_entry_set_time (entry, time, offset_at (tz, time));
  pd_pain_entry_set_pain (entry, 5);
  return entry;
}

/* What the background instance does: run, show, sleep until the next wake-up (or a fixed
 * step), run again. Returns copies of every reminder shown in (start, end]. */
typedef struct
{
  PdReminderRules *rules;
  GPtrArray *medications;
  GPtrArray *doses;
  GPtrArray *entries;
  GPtrArray *snoozed;
  GTimeZone *tz;
} World;

/* One run of the scheduler in world, from last_run to now. */
static PdSchedule *
run (World  *world,
     gint64  last_run,
     gint64  now)
{
  PdSchedulerRecords records = { world->medications, world->doses, world->entries,
                                 world->snoozed };

  return pd_scheduler_run (world->rules, &records, last_run, now, world->tz);
}

/* The same, between two ISO 8601 instants. */
static PdSchedule *
run_iso (World      *world,
         const char *from,
         const char *to)
{
  return run (world, utc (from), utc (to));
}

static GPtrArray *
simulate (World  *world,
          gint64  start,
          gint64  end,
          gint64  step)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_reminder_free);
  gint64 last_run = start;
  gint64 now = start + (step > 0 ? step : 1);

  while (now <= end)
    {
      g_autoptr(PdSchedule) schedule = run (world, last_run, now);

      g_assert_cmpint (schedule->next_wakeup, >, now);
      g_assert_cmpint (schedule->next_wakeup, <=, now + PD_SCHEDULER_MAX_SLEEP);
      g_assert_cmpint (schedule->checked_until, ==, now);
      for (guint i = 0; i < schedule->reminders->len; i++)
        {
          PdReminder *reminder = g_ptr_array_index (schedule->reminders, i);

          g_assert_cmpint (reminder->due, <=, now);
          g_assert_nonnull (reminder->title);
          g_assert_nonnull (reminder->body);
          g_ptr_array_add (shown, pd_reminder_copy (reminder));
        }
      last_run = schedule->checked_until;
      now = step > 0 ? now + step : schedule->next_wakeup;
    }
  return shown;
}

static guint
count_shown (GPtrArray      *shown,
             PdReminderKind  kind,
             gint64          due)
{
  guint count = 0;

  for (guint i = 0; i < shown->len; i++)
    {
      PdReminder *reminder = g_ptr_array_index (shown, i);

      if (reminder->kind == kind && reminder->due == due)
        count++;
    }
  return count;
}

static PdReminder *
find_kind (GPtrArray      *shown,
           PdReminderKind  kind)
{
  PdReminder *found = NULL;

  for (guint i = 0; i < shown->len; i++)
    {
      PdReminder *reminder = g_ptr_array_index (shown, i);

      if (reminder->kind == kind)
        {
          g_assert_null (found);
          found = reminder;
        }
    }
  return found;
}

/* Most tests' world: Berlin, rules to fill in, and gabapentin 300 mg at the times of the
 * test's data (no medications for NULL). */
typedef struct
{
  World world;
  GTimeZone *tz;
  PdReminderRules *rules;
  GPtrArray *medications;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tz = g_time_zone_new_identifier ("Europe/Berlin");
  fixture->rules = pd_reminder_rules_new ();
  fixture->medications = data != NULL
    ? medications_of (medication_new (GABAPENTIN_ID, "gabapentin", 300, data)) : NULL;
  fixture->world = (World) { fixture->rules, fixture->medications, NULL, NULL, NULL,
                             fixture->tz };
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_time_zone_unref (fixture->tz);
  pd_reminder_rules_free (fixture->rules);
  g_clear_pointer (&fixture->medications, g_ptr_array_unref);
}

/* The instant the wall clock first reads minute on day, found by brute force through
 * GDateTime (independent of the scheduler's arithmetic). */
static gint64
reference_instant (GTimeZone *tz,
                   guint32    day,
                   guint      minute)
{
  gint64 t = pd_local_day_start (day, 0) + (gint64) minute * 60 - 16 * 3600;

  for (;; t += 60)
    {
      g_autoptr(GDateTime) utc_time = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc_time, tz);
      guint32 local_day = julian (g_date_time_get_year (local), g_date_time_get_month (local),
                                  g_date_time_get_day_of_month (local));
      guint local_minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

      if (local_day > day || (local_day == day && local_minute >= minute))
        return t;
    }
}

/* A week around a DST change. */

typedef struct
{
  const char *zone;
  const char *start;        /* UTC */
  /* the expected instants (UTC) on the day of the change */
  const char *check_in_0230;
  const char *dose_0130;
  const char *custom_0200;
} DstCase;

static const DstCase dst_cases[] = {
  { "Europe/Berlin", "2026-03-25T12:00:00Z",
    "2026-03-29T01:00:00Z", "2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z" },
  { "Europe/Berlin", "2026-10-21T12:00:00Z",
    "2026-10-25T00:30:00Z", "2026-10-24T23:30:00Z", "2026-10-25T00:00:00Z" },
  { "America/New_York", "2026-03-04T12:00:00Z",
    "2026-03-08T07:00:00Z", "2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z" },
  { "America/New_York", "2026-10-28T12:00:00Z",
    "2026-11-01T07:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T07:00:00Z" },
};

static void
test_dst_week (gconstpointer data)
{
  const DstCase *dst = data;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (dst->zone);
  g_autoptr(PdReminderRules) rules = pd_reminder_rules_new ();
  g_autoptr(GPtrArray) medications = NULL;
  gint64 start = utc (dst->start);
  gint64 end = start + 7 * 24 * 3600;
  const struct { PdReminderKind kind; guint minute; } rule_times[] = {
    { PD_REMINDER_CHECK_IN, HM (2, 30) },
    { PD_REMINDER_CHECK_IN, HM (21, 0) },
    { PD_REMINDER_DOSE, HM (1, 30) },
    { PD_REMINDER_DOSE, HM (8, 0) },
    { PD_REMINDER_CUSTOM, HM (2, 0) },
  };
  const gint64 steps[] = { 0, 60, 47 };
  gint64 instants[10][5];
  guint32 first_day;

  g_assert_nonnull (tz);
  pd_reminder_rules_add_check_in (rules, HM (2, 30), PD_WEEKDAYS_ALL);
  pd_reminder_rules_add_check_in (rules, HM (21, 0), PD_WEEKDAYS_ALL);
  pd_reminder_rules_add_custom (rules, "stretch", HM (2, 0), PD_WEEKDAYS_ALL, "Stretch");
  medications = medications_of (medication_new (GABAPENTIN_ID, "gabapentin", 300,
                                                "01:30;08:00"));

  /* Every occurrence of the rules from the day before start to the day after end. */
  first_day = pd_local_day (start, offset_at (tz, start)) - 1;
  for (guint32 day = first_day; day <= first_day + 9; day++)
    for (guint r = 0; r < G_N_ELEMENTS (rule_times); r++)
      instants[day - first_day][r] = reference_instant (tz, day, rule_times[r].minute);

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      World world = { rules, medications, NULL, NULL, NULL, tz };
      g_autoptr(GPtrArray) shown = simulate (&world, start, end, steps[s]);
      guint n_expected = 0;
      guint n_possible = 0;

      /* Each once, at its wall-clock instant, and nothing else. */
      for (guint32 day = first_day; day <= first_day + 9; day++)
        for (guint r = 0; r < G_N_ELEMENTS (rule_times); r++)
          {
            gint64 instant = instants[day - first_day][r];
            guint found = 0;

            if (instant <= start || instant > end)
              continue;
            n_possible++;
            /* The last step may end before the end of the week. */
            if (instant > end - steps[s])
              continue;
            n_expected++;
            for (guint i = 0; i < shown->len; i++)
              {
                PdReminder *reminder = g_ptr_array_index (shown, i);

                if (reminder->kind == rule_times[r].kind && reminder->day == day
                    && reminder->minute == rule_times[r].minute)
                  {
                    found++;
                    g_assert_cmpint (reminder->due, ==, instant);
                    g_assert_cmpint (reminder->scheduled, ==, instant);
                    g_assert_false (reminder->missed);
                  }
              }
            g_assert_cmpuint (found, ==, 1);
          }
      g_assert_cmpuint (n_expected, >=, 7 * G_N_ELEMENTS (rule_times) - 1);
      g_assert_cmpuint (shown->len, >=, n_expected);
      g_assert_cmpuint (shown->len, <=, n_possible);

      /* The day of the change, checked by hand. */
      g_assert_cmpuint (count_shown (shown, PD_REMINDER_CHECK_IN, utc (dst->check_in_0230)),
                        ==, 1);
      g_assert_cmpuint (count_shown (shown, PD_REMINDER_DOSE, utc (dst->dose_0130)), ==, 1);
      g_assert_cmpuint (count_shown (shown, PD_REMINDER_CUSTOM, utc (dst->custom_0200)), ==, 1);
    }
}

/* Texts and the 08:00 rule, in June (CEST, UTC+2). */

static void
test_texts (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PdSchedule) on_time = NULL;
  g_autoptr(PdSchedule) late = NULL;
  PdReminder *reminder;

  on_time = run_iso (&fixture->world, "2026-06-15T05:59:30Z", "2026-06-15T06:00:00Z");
  g_assert_cmpuint (on_time->reminders->len, ==, 1);
  reminder = g_ptr_array_index (on_time->reminders, 0);
  g_assert_cmpint (reminder->kind, ==, PD_REMINDER_DOSE);
  g_assert_cmpstr (reminder->medication_id, ==, GABAPENTIN_ID);
  g_assert_cmpstr (reminder->medication_name, ==, "gabapentin");
  g_assert_cmpuint (reminder->day, ==, julian (2026, 6, 15));
  g_assert_cmpuint (reminder->minute, ==, HM (8, 0));
  g_assert_false (reminder->missed);
  g_assert_cmpstr (reminder->title, ==, "Time for gabapentin 300 mg");
  g_assert_cmpstr (reminder->body, ==, "Scheduled for 08:00");

  /* After a 2-hour suspend. */
  late = run_iso (&fixture->world, "2026-06-15T05:00:00Z", "2026-06-15T07:00:00Z");
  g_assert_cmpuint (late->reminders->len, ==, 1);
  reminder = g_ptr_array_index (late->reminders, 0);
  g_assert_true (reminder->missed);
  g_assert_cmpuint (reminder->n_missed, ==, 1);
  g_assert_cmpstr (reminder->body, ==, "You missed your 08:00 gabapentin dose");
}

/* A time-zone change between two runs: the reminders follow the new wall clock. */

static void
test_zone_change (Fixture       *fixture,
                  gconstpointer  data)
{
  GTimeZone *berlin = fixture->tz;
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GPtrArray) shown = NULL;
  World world = fixture->world;
  gint64 start = utc ("2026-06-14T12:00:00Z");
  gint64 change = utc ("2026-06-15T05:00:00Z");   /* 07:00 in Berlin, 01:00 in New York */
  gint64 end = utc ("2026-06-16T12:00:00Z");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  pd_reminder_rules_add_check_in (fixture->rules, HM (8, 0), PD_WEEKDAYS_ALL);

  /* Flying west: 08:00 Berlin (06:00 UTC) never comes; 08:00 New York (12:00 UTC) does. */
  before = simulate (&world, start, change, 0);
  g_assert_cmpuint (before->len, ==, 0);
  world.tz = new_york;
  after = simulate (&world, change, end, 0);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpuint (count_shown (after, PD_REMINDER_CHECK_IN, utc ("2026-06-15T12:00:00Z")),
                    ==, 1);
  g_assert_cmpuint (count_shown (after, PD_REMINDER_CHECK_IN, utc ("2026-06-16T12:00:00Z")),
                    ==, 1);
  g_assert_false (((PdReminder *) g_ptr_array_index (after, 0))->missed);

  /* Flying east: at 01:00 New York (05:00 UTC) it is 07:00 in Berlin; 08:00 Berlin is
   * 06:00 UTC, with nothing missed in between. */
  g_clear_pointer (&before, g_ptr_array_unref);
  g_clear_pointer (&after, g_ptr_array_unref);
  world.tz = new_york;
  before = simulate (&world, start, change, 0);
  g_assert_cmpuint (before->len, ==, 0);
  world.tz = berlin;
  shown = simulate (&world, change, utc ("2026-06-15T11:00:00Z"), 0);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpuint (count_shown (shown, PD_REMINDER_CHECK_IN, utc ("2026-06-15T06:00:00Z")),
                    ==, 1);
  g_assert_false (((PdReminder *) g_ptr_array_index (shown, 0))->missed);
}

/* A 30-hour suspend: one catch-up per kind. */

static void
test_suspend (Fixture       *fixture,
              gconstpointer  data)
{
  PdReminderRules *rules = fixture->rules;
  g_autoptr(PdSchedule) schedule = NULL;
  g_autoptr(PdSchedule) at_noon = NULL;
  PdReminder *reminder;

  g_ptr_array_add (fixture->medications, medication_new (NAPROXEN_ID, "naproxen", 500, "12:00"));
  pd_reminder_rules_add_check_in (rules, HM (9, 0), PD_WEEKDAYS_ALL);
  pd_reminder_rules_add_check_in (rules, HM (21, 0), PD_WEEKDAYS_ALL);
  pd_reminder_rules_add_custom (rules, "stretch", HM (10, 0), PD_WEEKDAYS_ALL, "Stretch");

  /* Monday 07:00 to Tuesday 13:00 local. */
  schedule = run_iso (&fixture->world, "2026-06-15T05:00:00Z", "2026-06-16T11:00:00Z");
  g_assert_cmpuint (schedule->reminders->len, ==, 3);

  reminder = find_kind (schedule->reminders, PD_REMINDER_CHECK_IN);
  g_assert_true (reminder->missed);
  g_assert_cmpuint (reminder->n_missed, ==, 3);
  g_assert_cmpuint (reminder->minute, ==, HM (9, 0));
  g_assert_cmpuint (reminder->day, ==, julian (2026, 6, 16));
  g_assert_cmpstr (reminder->body, ==, "You missed your 09:00 check-in and 2 earlier ones");

  reminder = find_kind (schedule->reminders, PD_REMINDER_DOSE);
  g_assert_true (reminder->missed);
  g_assert_cmpuint (reminder->n_missed, ==, 5);
  g_assert_cmpstr (reminder->medication_id, ==, NAPROXEN_ID);
  g_assert_cmpuint (reminder->minute, ==, HM (12, 0));
  g_assert_cmpstr (reminder->title, ==, "Missed dose: naproxen 500 mg");
  g_assert_cmpstr (reminder->body, ==,
                   "You missed your 12:00 naproxen dose and 4 other scheduled doses");

  reminder = find_kind (schedule->reminders, PD_REMINDER_CUSTOM);
  g_assert_true (reminder->missed);
  g_assert_cmpuint (reminder->n_missed, ==, 2);
  g_assert_cmpstr (reminder->custom_id, ==, "stretch");
  g_assert_cmpstr (reminder->title, ==, "Stretch");

  /* Waking up right at 12:00: naproxen is on time, the rest is one catch-up. */
  at_noon = run_iso (&fixture->world, "2026-06-15T05:00:00Z", "2026-06-16T10:00:30Z");
  g_assert_cmpuint (at_noon->reminders->len, ==, 4);
  reminder = g_ptr_array_index (at_noon->reminders, 3);
  g_assert_cmpint (reminder->kind, ==, PD_REMINDER_DOSE);
  g_assert_false (reminder->missed);
  g_assert_cmpstr (reminder->medication_id, ==, NAPROXEN_ID);
  for (guint i = 0; i < 3; i++)
    g_assert_true (((PdReminder *) g_ptr_array_index (at_noon->reminders, i))->missed);
}

/* Quiet hours, wrapping midnight and not. */

static void
test_quiet_hours (Fixture       *fixture,
                  gconstpointer  data)
{
  PdReminderRules *rules = fixture->rules;
  g_autoptr(PdReminderRules) afternoon = pd_reminder_rules_new ();
  World world = fixture->world;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) afternoon_shown = NULL;
  gint64 quiet_end = utc ("2026-06-16T05:00:00Z");   /* 07:00 local */
  PdReminder *reminder;

  pd_reminder_rules_set_quiet_hours (rules, HM (22, 0), HM (7, 0));
  pd_reminder_rules_add_check_in (rules, HM (23, 0), PD_WEEKDAYS_ALL);
  pd_reminder_rules_add_custom (rules, "walk", HM (12, 0), PD_WEEKDAYS_ALL, "Walk");

  shown = simulate (&world, utc ("2026-06-15T09:00:00Z"), utc ("2026-06-16T11:00:00Z"), 0);
  g_assert_cmpuint (shown->len, ==, 4);
  g_assert_cmpuint (count_shown (shown, PD_REMINDER_CUSTOM, utc ("2026-06-15T10:00:00Z")),
                    ==, 1);
  g_assert_cmpuint (count_shown (shown, PD_REMINDER_CUSTOM, utc ("2026-06-16T10:00:00Z")),
                    ==, 1);
  g_assert_cmpuint (count_shown (shown, PD_REMINDER_CHECK_IN, quiet_end), ==, 1);
  g_assert_cmpuint (count_shown (shown, PD_REMINDER_DOSE, quiet_end), ==, 1);
  reminder = g_ptr_array_index (shown, 1);
  g_assert_cmpint (reminder->kind, ==, PD_REMINDER_CHECK_IN);
  g_assert_true (reminder->missed);
  g_assert_cmpint (reminder->scheduled, ==, utc ("2026-06-15T21:00:00Z"));
  g_assert_cmpuint (reminder->minute, ==, HM (23, 0));
  reminder = g_ptr_array_index (shown, 2);
  g_assert_cmpint (reminder->kind, ==, PD_REMINDER_DOSE);
  g_assert_true (reminder->missed);
  g_assert_cmpstr (reminder->body, ==, "You missed your 06:00 gabapentin dose");

  /* 13:00-14:00: the 13:30 check-in is held back to 14:00, where the 14:00 check-in
   * stands for it; the 12:59 one is not quiet. */
  pd_reminder_rules_set_quiet_hours (afternoon, HM (13, 0), HM (14, 0));
  pd_reminder_rules_add_check_in (afternoon, HM (12, 59), PD_WEEKDAYS_ALL);
  pd_reminder_rules_add_check_in (afternoon, HM (13, 30), PD_WEEKDAYS_ALL);
  pd_reminder_rules_add_check_in (afternoon, HM (14, 0), PD_WEEKDAYS_ALL);
  world.rules = afternoon;
  world.medications = NULL;
  afternoon_shown = simulate (&world, utc ("2026-06-15T09:00:00Z"),
                              utc ("2026-06-15T13:00:00Z"), 0);
  g_assert_cmpuint (afternoon_shown->len, ==, 2);
  g_assert_cmpuint (count_shown (afternoon_shown, PD_REMINDER_CHECK_IN,
                                 utc ("2026-06-15T10:59:00Z")), ==, 1);
  reminder = g_ptr_array_index (afternoon_shown, 1);
  g_assert_cmpint (reminder->due, ==, utc ("2026-06-15T12:00:00Z"));
  g_assert_false (reminder->missed);
  g_assert_cmpuint (reminder->minute, ==, HM (14, 0));
}

/* What cancels a dose reminder. */

static void
test_dose_logged (Fixture       *fixture,
                  gconstpointer  data)
{
  GTimeZone *tz = fixture->tz;
  g_autoptr(GPtrArray) doses = g_ptr_array_new_with_free_func (g_object_unref);
  World world = fixture->world;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(PdSchedule) catch_up = NULL;

  /* 08:00 taken at 07:50, 20:00 skipped in advance; an extra dose at 13:55 answers no
   * scheduled time, and yesterday's 14:00 is another day. */
  g_ptr_array_add (doses, dose_new (GABAPENTIN_ID, "2026-06-15T05:50:00Z", tz, HM (8, 0),
                                    PD_DOSE_TAKEN));
  g_ptr_array_add (doses, dose_new (GABAPENTIN_ID, "2026-06-15T07:00:00Z", tz, HM (20, 0),
                                    PD_DOSE_SKIPPED));
  g_ptr_array_add (doses, dose_new (GABAPENTIN_ID, "2026-06-15T11:55:00Z", tz,
                                    PD_NO_SCHEDULED_TIME, PD_DOSE_TAKEN));
  g_ptr_array_add (doses, dose_new (GABAPENTIN_ID, "2026-06-14T12:00:00Z", tz, HM (14, 0),
                                    PD_DOSE_TAKEN));

  world.doses = doses;
  shown = simulate (&world, utc ("2026-06-14T22:00:00Z"), utc ("2026-06-15T21:59:00Z"), 0);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpuint (count_shown (shown, PD_REMINDER_DOSE, utc ("2026-06-15T12:00:00Z")), ==, 1);

  /* Nor is a logged dose caught up after a suspend. */
  catch_up = run_iso (&world, "2026-06-15T05:00:00Z", "2026-06-15T11:00:00Z");
  g_assert_cmpuint (catch_up->reminders->len, ==, 0);
}

/* Which medications are reminded at all. */

static guint
reminders_for (PdMedication    *medication,
               PdReminderRules *rules)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) medications = medications_of (medication);
  World world = { rules, medications, NULL, NULL, NULL, tz };
  g_autoptr(GPtrArray) shown = simulate (&world, utc ("2026-06-14T22:00:00Z"),
                                         utc ("2026-06-15T21:59:00Z"), 0);

  return shown->len;
}

static void
test_medication_switches (void)
{
  g_autoptr(PdReminderRules) rules = pd_reminder_rules_new ();
  g_autoptr(PdReminderRules) all_off = pd_reminder_rules_new ();
  guint32 today = julian (2026, 6, 15);
  PdMedication *medication;

  medication = medication_new (GABAPENTIN_ID, "gabapentin", 300, "08:00;20:00");
  g_assert_cmpuint (reminders_for (medication, rules), ==, 2);

  medication = medication_new (GABAPENTIN_ID, "gabapentin", 300, "08:00;20:00");
  pd_medication_set_stop_day (medication, today - 1);
  g_assert_cmpuint (reminders_for (medication, rules), ==, 0);

  medication = medication_new (GABAPENTIN_ID, "gabapentin", 300, "08:00;20:00");
  pd_medication_set_stop_day (medication, today);
  g_assert_cmpuint (reminders_for (medication, rules), ==, 2);

  medication = medication_new (GABAPENTIN_ID, "gabapentin", 300, "08:00;20:00");
  pd_medication_set_start_day (medication, today + 1);
  g_assert_cmpuint (reminders_for (medication, rules), ==, 0);

  medication = medication_new (GABAPENTIN_ID, "gabapentin", 300, "08:00;20:00");
  pd_medication_set_reminders (medication, FALSE);
  g_assert_cmpuint (reminders_for (medication, rules), ==, 0);

  medication = medication_new (GABAPENTIN_ID, "ibuprofen", 400, NULL);
  g_assert_true (pd_medication_is_as_needed (medication));
  g_assert_cmpuint (reminders_for (medication, rules), ==, 0);

  pd_reminder_rules_set_medication_reminders (all_off, FALSE);
  medication = medication_new (GABAPENTIN_ID, "gabapentin", 300, "08:00;20:00");
  g_assert_cmpuint (reminders_for (medication, all_off), ==, 0);
}

/* A pain entry cancels a check-in; weekdays. */

static void
test_check_in (Fixture       *fixture,
               gconstpointer  data)
{
  GTimeZone *tz = fixture->tz;
  PdReminderRules *rules = fixture->rules;
  g_autoptr(PdReminderRules) weekly = pd_reminder_rules_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  World world = fixture->world;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) week = NULL;

  pd_reminder_rules_add_check_in (rules, HM (8, 0), PD_WEEKDAYS_ALL);
  pd_reminder_rules_add_check_in (rules, HM (20, 0), PD_WEEKDAYS_ALL);
  /* 07:30 cancels 08:00 (within 2 hours before); 16:00 is too early for 20:00. */
  g_ptr_array_add (entries, entry_new ("2026-06-15T05:30:00Z", tz));
  g_ptr_array_add (entries, entry_new ("2026-06-15T14:00:00Z", tz));
  world.entries = entries;
  shown = simulate (&world, utc ("2026-06-14T22:00:00Z"), utc ("2026-06-15T21:59:00Z"), 0);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpuint (count_shown (shown, PD_REMINDER_CHECK_IN, utc ("2026-06-15T18:00:00Z")),
                    ==, 1);
  g_assert_cmpstr (((PdReminder *) g_ptr_array_index (shown, 0))->body, ==,
                   "How is your pain right now?");

  /* Mondays and Wednesdays (2026-06-15 is a Monday). */
  pd_reminder_rules_add_check_in (weekly, HM (9, 0),
                                  PD_WEEKDAY_BIT (G_DATE_MONDAY)
                                  | PD_WEEKDAY_BIT (G_DATE_WEDNESDAY));
  world.rules = weekly;
  world.entries = NULL;
  week = simulate (&world, utc ("2026-06-14T22:00:00Z"), utc ("2026-06-21T21:59:00Z"), 0);
  g_assert_cmpuint (week->len, ==, 2);
  g_assert_cmpuint (count_shown (week, PD_REMINDER_CHECK_IN, utc ("2026-06-15T07:00:00Z")), ==, 1);
  g_assert_cmpuint (count_shown (week, PD_REMINDER_CHECK_IN, utc ("2026-06-17T07:00:00Z")), ==, 1);
}

/* Snooze: fires once at its instant, unless the dose has been logged meanwhile. */

static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  GTimeZone *tz = fixture->tz;
  g_autoptr(GPtrArray) snoozed = NULL;
  g_autoptr(GPtrArray) doses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PdSchedule) first = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) after_logging = NULL;
  World world = fixture->world;
  gint64 eight = utc ("2026-06-15T06:00:00Z");
  PdReminder *reminder;

  snoozed = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_reminder_free);
  first = run (&world, eight - 30, eight);
  world.snoozed = snoozed;
  g_assert_cmpuint (first->reminders->len, ==, 1);
  g_ptr_array_add (snoozed, pd_reminder_snooze (g_ptr_array_index (first->reminders, 0),
                                                eight + 15 * 60));

  shown = simulate (&world, eight, eight + 3600, 0);
  g_assert_cmpuint (shown->len, ==, 1);
  reminder = g_ptr_array_index (shown, 0);
  g_assert_true (reminder->snoozed);
  g_assert_false (reminder->missed);
  g_assert_cmpint (reminder->due, ==, eight + 15 * 60);
  g_assert_cmpint (reminder->scheduled, ==, eight);
  g_assert_cmpstr (reminder->title, ==, "Time for gabapentin 300 mg");

  /* Taken at 08:10: the snooze has nothing left to remind of. */
  g_ptr_array_add (doses, dose_new (GABAPENTIN_ID, "2026-06-15T06:10:00Z", tz, HM (8, 0),
                                    PD_DOSE_TAKEN));
  world.doses = doses;
  after_logging = simulate (&world, eight, eight + 3600, 0);
  g_assert_cmpuint (after_logging->len, ==, 0);
}

/* First run, clock steps and the next wake-up. */

static void
test_runs (Fixture       *fixture,
           gconstpointer  data)
{
  World *world = &fixture->world;
  gint64 eight = utc ("2026-06-15T06:00:00Z");
  g_autoptr(PdSchedule) first_late = NULL;
  g_autoptr(PdSchedule) first_soon = NULL;
  g_autoptr(PdSchedule) backwards = NULL;
  g_autoptr(PdSchedule) before = NULL;
  g_autoptr(PdSchedule) idle = NULL;
  g_autoptr(PdSchedule) far_back = NULL;

  pd_reminder_rules_add_check_in (fixture->rules, HM (8, 0), PD_WEEKDAYS_ALL);

  /* A first run does not catch up on the past... */
  first_late = run (world, 0, eight + 3600);
  g_assert_cmpuint (first_late->reminders->len, ==, 0);
  /* ...but shows what has just fallen due. */
  first_soon = run (world, 0, eight + 180);
  g_assert_cmpuint (first_soon->reminders->len, ==, 1);
  g_assert_false (((PdReminder *) g_ptr_array_index (first_soon->reminders, 0))->missed);

  /* The clock stepped back 10 minutes past 08:00: 08:00 does not fire twice. */
  backwards = run (world, eight + 300, eight - 300);
  g_assert_cmpuint (backwards->reminders->len, ==, 0);
  g_assert_cmpint (backwards->checked_until, ==, eight + 300);
  /* A large step back (a clock that was wrong) is trusted. */
  far_back = run (world, eight + 86400, eight - 300);
  g_assert_cmpint (far_back->checked_until, ==, eight - 300);

  /* The next wake-up: the due instant when it is near, else a minute. */
  before = run (world, eight - 60, eight - 30);
  g_assert_cmpint (before->next_wakeup, ==, eight);
  idle = run (world, eight, eight + 7200);
  g_assert_cmpint (idle->next_wakeup, ==, eight + 7200 + PD_SCHEDULER_MAX_SLEEP);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dst_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scheduler/dst-week/%s/%.10s",
                                               dst_cases[i].zone, dst_cases[i].start);

      g_test_add_data_func (path, &dst_cases[i], test_dst_week);
    }
  /* The data: the times of the fixture's gabapentin. */
#define ADD(path, func, schedule) \
  g_test_add (path, Fixture, schedule, fixture_set_up, func, fixture_tear_down)
  ADD ("/scheduler/texts", test_texts, "08:00");
  ADD ("/scheduler/zone-change", test_zone_change, NULL);
  ADD ("/scheduler/suspend", test_suspend, "08:00;20:00");
  ADD ("/scheduler/quiet-hours", test_quiet_hours, "06:00");
  ADD ("/scheduler/dose-logged", test_dose_logged, "08:00;14:00;20:00");
  g_test_add_func ("/scheduler/medication-switches", test_medication_switches);
  ADD ("/scheduler/check-in", test_check_in, NULL);
  ADD ("/scheduler/snooze", test_snooze, "08:00");
  ADD ("/scheduler/runs", test_runs, NULL);
#undef ADD

  return g_test_run ();
}
