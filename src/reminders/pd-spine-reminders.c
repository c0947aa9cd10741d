/* pd-spine-reminders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-spine-reminders"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "pd-database-spine.h"
#include "pd-spine.h"
#include "pd-spine-reminders.h"

void
pd_spine_reminder_options_load (PdSpineReminderOptions *options,
                                PdDatabase             *database)
{
  g_autofree char *minutes = NULL;

  g_return_if_fail (options != NULL);

  options->prn_follow_up_minutes = PD_PRN_FOLLOW_UP_DEFAULT;
  options->pgic_days = PD_PGIC_DAYS_DEFAULT;
  if (database == NULL)
    return;
  {
    g_autofree char *days = pd_database_get_meta (database, PD_PGIC_DAYS_KEY);
    guint64 value;

    if (days != NULL && g_ascii_string_to_unsigned (days, 10, 0, 365, &value, NULL))
      options->pgic_days = (guint) value;
  }
  minutes = pd_database_get_meta (database, PD_PRN_FOLLOW_UP_KEY);
  if (minutes != NULL)
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (minutes, 10, 0, 24 * 60, &value, NULL))
        options->prn_follow_up_minutes = (guint) value;
    }
}

typedef struct
{
  gint64 last_run;
  gint64 now;
  gint64 next_due;
  GPtrArray *reminders;
} Run;

/* Shown now, later (noted as the next due), or never (past). */
static gboolean
due_now (Run    *run,
         gint64  due)
{
  if (due > run->now)
    {
      run->next_due = MIN (run->next_due, due);
      return FALSE;
    }
  return due > run->last_run && due >= run->now - PD_SCHEDULER_GRACE;
}

static PdReminder *
add_reminder (Run        *run,
              gint64      scheduled,
              gint64      due,
              GTimeZone  *tz,
              const char *custom_id)
{
  PdReminder *reminder = g_new0 (PdReminder, 1);
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_utc (scheduled);
  g_autoptr(GDateTime) there = g_date_time_to_timezone (local, tz);

  reminder->kind = PD_REMINDER_CHECK_IN;
  reminder->scheduled = scheduled;
  reminder->due = due;
  reminder->day = pd_local_day (scheduled, (int) (g_date_time_get_utc_offset (there) /
                                                  G_TIME_SPAN_SECOND));
  reminder->minute = g_date_time_get_hour (there) * 60 + g_date_time_get_minute (there);
  reminder->custom_id = g_strdup (custom_id);
  g_ptr_array_add (run->reminders, reminder);
  return reminder;
}

static void
add_trial_check_ins (Run             *run,
                     PdReminderRules *rules,
                     PdDiaryData     *data,
                     GTimeZone       *tz)
{
  static const guint minutes[] = {
    PD_TRIAL_CHECK_IN_MORNING, PD_TRIAL_CHECK_IN_MIDDAY, PD_TRIAL_CHECK_IN_EVENING,
  };
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (run->now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
  guint32 today = pd_local_day (run->now, (int) (g_date_time_get_utc_offset (local) /
                                                 G_TIME_SPAN_SECOND));
  PdEvent *trial;

  /* Today and tomorrow: tomorrow's morning is the next wake-up after the evening. */
  for (guint32 day = today; day <= today + 1; day++)
    {
      trial = pd_trial_find_latest (data->events, day);
      if (trial == NULL || pd_event_get_end_day (trial) < day)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
        {
          gint64 scheduled = pd_scheduler_wall_clock_instant (tz, day, minutes[i]);
          gint64 due = pd_reminder_rules_after_quiet_hours (rules, tz, scheduled);
          g_autofree char *title = NULL;
          PdReminder *reminder;

          if (!due_now (run, due) ||
              pd_scheduler_pain_logged (data->pain_entries,
                                        scheduled - PD_SCHEDULER_CHECK_IN_LOOK_BACK, run->now))
            continue;
          reminder = add_reminder (run, scheduled, due, tz, "trial");
          title = pd_trial_describe_day (pd_event_get_local_day (trial),
                                         pd_event_get_end_day (trial), day);
          reminder->title = g_steal_pointer (&title);
          reminder->body = g_strdup (_("How is your pain now? The stimulator trial is "
                                       "compared with the week before it."));
        }
    }
}

static void
add_prn_follow_ups (Run                          *run,
                    PdReminderRules              *rules,
                    const PdSpineReminderOptions *options,
                    PdDiaryData                  *data,
                    GTimeZone                    *tz)
{
  gint64 delay = (gint64) options->prn_follow_up_minutes * 60;

  if (delay == 0)
    return;
  for (guint i = 0; data->doses != NULL && i < data->doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (data->doses, i);
      gint64 taken = pd_dose_get_time (dose);
      g_autofree char *id = NULL;
      gint64 due;
      PdReminder *reminder;

      if (!pd_dose_is_as_needed (dose) || taken + delay < run->now - 24 * 3600)
        continue;
      due = pd_reminder_rules_after_quiet_hours (rules, tz, taken + delay);
      /* A score later than 2 hours no longer tells whether the dose helped. */
      if (due > taken + PD_PRN_AFTER_TO_SECONDS || !due_now (run, due) ||
          pd_scheduler_pain_logged (data->pain_entries, taken + 1, run->now))
        continue;
      id = g_strconcat ("prn:", pd_dose_get_id (dose), NULL);
      reminder = add_reminder (run, taken + delay, due, tz, id);
      reminder->medication_name = g_strdup (pd_dose_get_name (dose));
      reminder->title = g_strdup (_("How is your pain now?"));
      reminder->body = g_strdup_printf (ngettext ("You took %s %u minute ago. A score now "
                                                  "shows whether it helped.",
                                                  "You took %s %u minutes ago. A score now "
                                                  "shows whether it helped.",
                                                  (guint) ((run->now - taken) / 60)),
                                        pd_dose_get_name (dose),
                                        (guint) ((run->now - taken) / 60));
    }
}

static guint32
local_today (gint64     now,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return pd_local_day (now, (int) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND));
}

/* The weekly ratings and the impressions of change: asked at 10:00 on the day they are due,
 * today's or tomorrow's (the next wake-up). */
static void
add_questions (Run                          *run,
               PdReminderRules              *rules,
               const PdSpineReminderOptions *options,
               PdDiaryData                  *data,
               GTimeZone                    *tz)
{
  guint32 today = local_today (run->now, tz);

  for (guint32 day = today; day <= today + 1; day++)
    {
      gint64 scheduled = pd_scheduler_wall_clock_instant (tz, day, PD_SPINE_QUESTION_MINUTE);
      gint64 due = pd_reminder_rules_after_quiet_hours (rules, tz, scheduled);
      g_autoptr(GPtrArray) events = NULL;
      PdReminder *reminder;

      if (due > run->now)
        {
          /* Only worth waking for when something will be asked. */
          if (pd_psfs_due (data->function_activities, data->function_ratings, day))
            run->next_due = MIN (run->next_due, due);
          continue;
        }
      if (!due_now (run, due))
        continue;
      if (pd_psfs_due (data->function_activities, data->function_ratings, day))
        {
          reminder = add_reminder (run, scheduled, due, tz, "psfs");
          reminder->kind = PD_REMINDER_CUSTOM;
          reminder->title = g_strdup (_("Rate your activities"));
          reminder->body = g_strdup (_("Once a week: how well can you do the activities you "
                                       "named?"));
        }
      events = pd_pgic_due_events (data->events, data->impressions, day, options->pgic_days);
      for (guint i = 0; i < events->len; i++)
        {
          PdEvent *event = g_ptr_array_index (events, i);
          g_autofree char *id = NULL;

          /* Asked once, on the day it falls due. */
          if (pd_event_get_local_day (event) + options->pgic_days != day)
            continue;
          id = g_strconcat ("pgic:", pd_event_get_id (event), NULL);
          reminder = add_reminder (run, scheduled, due, tz, id);
          reminder->kind = PD_REMINDER_CUSTOM;
          reminder->title = g_strdup (_("How are you since your treatment?"));
          reminder->body = g_strdup_printf (_("Since “%s”, overall, are you better, the same or "
                                              "worse? Answer on Today."),
                                            pd_event_get_title (event));
        }
    }
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const PdReminder *x = *(PdReminder **) a, *y = *(PdReminder **) b;

  return (x->due > y->due) - (x->due < y->due);
}

GPtrArray *
pd_spine_reminders_run (PdReminderRules              *rules,
                        const PdSpineReminderOptions *options,
                        PdDiaryData                  *data,
                        gint64                        last_run,
                        gint64                        now,
                        GTimeZone                    *tz,
                        gint64                       *next_due)
{
  Run run = {
    .last_run = last_run,
    .now = now,
    .next_due = G_MAXINT64,
    .reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_reminder_free),
  };

  g_return_val_if_fail (rules != NULL && options != NULL && data != NULL, run.reminders);
  g_return_val_if_fail (tz != NULL, run.reminders);

  add_trial_check_ins (&run, rules, data, tz);
  add_prn_follow_ups (&run, rules, options, data, tz);
  add_questions (&run, rules, options, data, tz);
  g_ptr_array_sort (run.reminders, compare_due);
  if (next_due != NULL)
    *next_due = run.next_due;
  return run.reminders;
}
