/* pd-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-scheduler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-dose.h"
#include "pd-medication.h"
#include "pd-pain-entry.h"
#include "pd-scheduler.h"
#include "pd-types.h"

#define MINUTES_PER_DAY (24 * 60)
/* A clock stepped back by less than this does not repeat what already fired. */
#define MAX_BACKWARD_STEP 3600
/* Every zone's UTC offset is within this many seconds of UTC. */
#define MAX_OFFSET (15 * 3600)

typedef struct
{
  guint minute;
  guint weekdays;
} CheckIn;

typedef struct
{
  char *id;
  guint minute;
  guint weekdays;
  char *text;
} Custom;

struct _PdReminderRules
{
  GArray *check_ins;     /* CheckIn */
  GPtrArray *customs;    /* Custom */
  gboolean medication_reminders;
  guint quiet_start;
  guint quiet_end;
};

/* One occurrence of a rule, or a snoozed reminder, while a run decides about it. */
typedef struct
{
  PdReminderKind kind;
  gint64 scheduled;
  gint64 due;
  guint32 day;
  guint minute;
  PdMedication *medication;     /* borrowed */
  const Custom *custom;         /* borrowed */
  const PdReminder *snooze;     /* borrowed */
} Occurrence;

static void
custom_free (Custom *custom)
{
  g_free (custom->id);
  g_free (custom->text);
  g_free (custom);
}

PdReminderRules *
pd_reminder_rules_new (void)
{
  PdReminderRules *rules = g_new0 (PdReminderRules, 1);

  rules->check_ins = g_array_new (FALSE, FALSE, sizeof (CheckIn));
  rules->customs = g_ptr_array_new_with_free_func ((GDestroyNotify) custom_free);
  rules->medication_reminders = TRUE;
  return rules;
}

void
pd_reminder_rules_free (PdReminderRules *rules)
{
  if (rules == NULL)
    return;

  g_array_unref (rules->check_ins);
  g_ptr_array_unref (rules->customs);
  g_free (rules);
}

void
pd_reminder_rules_add_check_in (PdReminderRules *rules,
                                guint            minute,
                                guint            weekdays)
{
  CheckIn check_in = { minute, weekdays & PD_WEEKDAYS_ALL };

  g_return_if_fail (rules != NULL);
  g_return_if_fail (minute < MINUTES_PER_DAY);

  for (guint i = 0; i < rules->check_ins->len; i++)
    {
      CheckIn *existing = &g_array_index (rules->check_ins, CheckIn, i);

      if (existing->minute == minute)
        {
          existing->weekdays |= check_in.weekdays;
          return;
        }
    }
  g_array_append_val (rules->check_ins, check_in);
}

void
pd_reminder_rules_set_medication_reminders (PdReminderRules *rules,
                                            gboolean         enabled)
{
  g_return_if_fail (rules != NULL);

  rules->medication_reminders = !!enabled;
}

void
pd_reminder_rules_add_custom (PdReminderRules *rules,
                              const char      *id,
                              guint            minute,
                              guint            weekdays,
                              const char      *text)
{
  Custom *custom;

  g_return_if_fail (rules != NULL);
  g_return_if_fail (id != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (minute < MINUTES_PER_DAY);

  custom = g_new0 (Custom, 1);
  custom->id = g_strdup (id);
  custom->minute = minute;
  custom->weekdays = weekdays & PD_WEEKDAYS_ALL;
  custom->text = g_strdup (text);
  g_ptr_array_add (rules->customs, custom);
}

void
pd_reminder_rules_set_quiet_hours (PdReminderRules *rules,
                                   guint            start_minute,
                                   guint            end_minute)
{
  g_return_if_fail (rules != NULL);
  g_return_if_fail (start_minute < MINUTES_PER_DAY);
  g_return_if_fail (end_minute < MINUTES_PER_DAY);

  rules->quiet_start = start_minute;
  rules->quiet_end = end_minute;
}

void
pd_reminder_free (PdReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_free (reminder->medication_id);
  g_free (reminder->medication_name);
  g_free (reminder->subject);
  g_free (reminder->custom_id);
  g_free (reminder->title);
  g_free (reminder->body);
  g_free (reminder);
}

PdReminder *
pd_reminder_copy (const PdReminder *reminder)
{
  PdReminder *copy;

  g_return_val_if_fail (reminder != NULL, NULL);

  copy = g_memdup2 (reminder, sizeof *reminder);
  copy->medication_id = g_strdup (reminder->medication_id);
  copy->medication_name = g_strdup (reminder->medication_name);
  copy->subject = g_strdup (reminder->subject);
  copy->custom_id = g_strdup (reminder->custom_id);
  copy->title = g_strdup (reminder->title);
  copy->body = g_strdup (reminder->body);
  return copy;
}

PdReminder *
pd_reminder_snooze (const PdReminder *reminder,
                    gint64            due)
{
  PdReminder *copy;

  g_return_val_if_fail (reminder != NULL, NULL);

  copy = pd_reminder_copy (reminder);
  copy->due = due;
  copy->snoozed = TRUE;
  copy->missed = FALSE;
  copy->n_missed = 0;
  return copy;
}

void
pd_schedule_free (PdSchedule *schedule)
{
  if (schedule == NULL)
    return;

  g_ptr_array_unref (schedule->reminders);
  g_free (schedule);
}

/* Time-zone arithmetic. */

static int
offset_at (GTimeZone *tz,
           gint64     instant)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);

  return interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
}

static void
local_day_minute (GTimeZone *tz,
                  gint64     instant,
                  guint32   *day,
                  guint     *minute)
{
  int offset = offset_at (tz, instant);

  *day = pd_local_day (instant, offset);
  *minute = (guint) ((instant + offset - pd_local_day_start (*day, 0)) / 60);
}

/* The first instant at which the local wall clock reads minute on day: the earlier of two
 * when autumn repeats an hour, the end of the gap when spring skips it. */
static gint64
wall_clock_instant (GTimeZone *tz,
                    guint32    day,
                    guint      minute)
{
  gint64 wall = pd_local_day_start (day, 0) + (gint64) minute * 60;
  int before = offset_at (tz, wall - MAX_OFFSET);
  int after = offset_at (tz, wall + MAX_OFFSET);
  gint64 best = G_MAXINT64;
  gint64 low, high;

  if (offset_at (tz, wall - before) == before)
    best = wall - before;
  if (offset_at (tz, wall - after) == after)
    best = MIN (best, wall - after);
  if (best != G_MAXINT64)
    return best;

  /* Skipped: the wall clock jumps over it between these two instants. */
  low = wall - MAX (before, after);
  high = wall - MIN (before, after);
  while (low < high)
    {
      gint64 middle = low + (high - low) / 2;

      if (middle + offset_at (tz, middle) >= wall)
        high = middle;
      else
        low = middle + 1;
    }
  return low;
}

static guint
weekday_bit (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return PD_WEEKDAY_BIT (g_date_get_weekday (&date));
}

static gboolean
quiet_hours_set (PdReminderRules *rules)
{
  return rules->quiet_start != rules->quiet_end;
}

/* When something due at instant may be shown: at once, or when the quiet hours end. */
static gint64
after_quiet_hours (PdReminderRules *rules,
                   GTimeZone       *tz,
                   gint64           instant)
{
  guint32 day;
  guint minute;
  guint32 end_day;

  if (!quiet_hours_set (rules))
    return instant;

  local_day_minute (tz, instant, &day, &minute);
  if (rules->quiet_start < rules->quiet_end)
    {
      if (minute < rules->quiet_start || minute >= rules->quiet_end)
        return instant;
      end_day = day;
    }
  else if (minute >= rules->quiet_start)
    end_day = day + 1;
  else if (minute < rules->quiet_end)
    end_day = day;
  else
    return instant;

  return MAX (instant, wall_clock_instant (tz, end_day, rules->quiet_end));
}

/* Collecting occurrences. */

static void
add_occurrence (GArray          *occurrences,
                PdReminderRules *rules,
                GTimeZone       *tz,
                PdReminderKind   kind,
                guint32          day,
                guint            minute,
                PdMedication    *medication,
                const Custom    *custom)
{
  Occurrence occurrence = { 0, };

  occurrence.kind = kind;
  occurrence.scheduled = wall_clock_instant (tz, day, minute);
  occurrence.due = after_quiet_hours (rules, tz, occurrence.scheduled);
  occurrence.day = day;
  occurrence.minute = minute;
  occurrence.medication = medication;
  occurrence.custom = custom;
  g_array_append_val (occurrences, occurrence);
}

static gboolean
medication_reminded_on (PdReminderRules *rules,
                        PdMedication    *medication,
                        guint32          day)
{
  return rules->medication_reminders
         && pd_medication_get_reminders (medication)
         && !pd_medication_is_as_needed (medication)
         && pd_medication_is_active_on (medication, day);
}

static void
collect_day (GArray          *occurrences,
             PdReminderRules *rules,
             GPtrArray       *medications,
             GTimeZone       *tz,
             guint32          day)
{
  guint bit = weekday_bit (day);

  for (guint i = 0; i < rules->check_ins->len; i++)
    {
      const CheckIn *check_in = &g_array_index (rules->check_ins, CheckIn, i);

      if (check_in->weekdays & bit)
        add_occurrence (occurrences, rules, tz, PD_REMINDER_CHECK_IN, day, check_in->minute,
                        NULL, NULL);
    }

  for (guint i = 0; medications != NULL && i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);
      const GArray *schedule;

      if (!medication_reminded_on (rules, medication, day))
        continue;

      schedule = pd_medication_get_schedule (medication);
      for (guint j = 0; j < schedule->len; j++)
        add_occurrence (occurrences, rules, tz, PD_REMINDER_DOSE, day,
                        g_array_index (schedule, guint, j), medication, NULL);
    }

  for (guint i = 0; i < rules->customs->len; i++)
    {
      const Custom *custom = g_ptr_array_index (rules->customs, i);

      if (custom->weekdays & bit)
        add_occurrence (occurrences, rules, tz, PD_REMINDER_CUSTOM, day, custom->minute,
                        NULL, custom);
    }
}

/* What has been logged. */

static char *
dose_key (const char *medication_id,
          guint32     day,
          guint       minute)
{
  return g_strdup_printf ("%s/%u/%u", medication_id, day, minute);
}

static GHashTable *
answered_doses (GPtrArray *doses,
                guint32    first_day)
{
  GHashTable *answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; doses != NULL && i < doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);
      const char *medication_id = pd_dose_get_medication_id (dose);
      guint minute = pd_dose_get_scheduled_time (dose);
      guint32 day = pd_dose_get_local_day (dose);

      if (medication_id != NULL && minute != PD_NO_SCHEDULED_TIME && day >= first_day)
        g_hash_table_add (answered, dose_key (medication_id, day, minute));
    }
  return answered;
}

gboolean
pd_scheduler_pain_logged (GPtrArray *entries,
                          gint64     from,
                          gint64     to)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      gint64 time = pd_pain_entry_get_time (g_ptr_array_index (entries, i));

      if (time >= from && time <= to)
        return TRUE;
    }
  return FALSE;
}

static gboolean
already_logged (const Occurrence *occurrence,
                const char       *medication_id,
                GHashTable       *answered,
                GPtrArray        *entries,
                gint64            now)
{
  g_autofree char *key = NULL;

  switch (occurrence->kind)
    {
    case PD_REMINDER_CHECK_IN:
      return pd_scheduler_pain_logged (entries,
                                       occurrence->scheduled - PD_SCHEDULER_CHECK_IN_LOOK_BACK, now);
    case PD_REMINDER_DOSE:
      if (medication_id == NULL)
        return FALSE;
      key = dose_key (medication_id, occurrence->day, occurrence->minute);
      return g_hash_table_contains (answered, key);
    case PD_REMINDER_CUSTOM:
    default:
      return FALSE;
    }
}

/* Building the reminders. */


static void
fill_texts (PdReminder *reminder)
{
  g_autofree char *time = g_strdup_printf ("%02u:%02u", reminder->minute / 60,
                                           reminder->minute % 60);
  guint others = reminder->n_missed > 1 ? reminder->n_missed - 1 : 0;

  g_clear_pointer (&reminder->title, g_free);
  g_clear_pointer (&reminder->body, g_free);

  switch (reminder->kind)
    {
    case PD_REMINDER_CHECK_IN:
      reminder->title = g_strdup (_("Pain diary check-in"));
      if (!reminder->missed)
        reminder->body = g_strdup (_("How is your pain right now?"));
      else if (others == 0)
        /* Translators: %s is a time of day, e.g. 20:00 */
        reminder->body = g_strdup_printf (_("You missed your %s check-in"), time);
      else
        /* Translators: %s is a time of day, e.g. 20:00; %u a number of check-ins */
        reminder->body = g_strdup_printf (ngettext ("You missed your %s check-in and %u "
                                                    "earlier one",
                                                    "You missed your %s check-in and %u "
                                                    "earlier ones",
                                                    others),
                                          time, others);
      break;

    case PD_REMINDER_DOSE:
      if (!reminder->missed)
        {
          /* Translators: %s is a medication and amount, e.g. "gabapentin 300 mg" */
          reminder->title = g_strdup_printf (_("Time for %s"), reminder->subject);
          /* Translators: %s is a time of day, e.g. 08:00 */
          reminder->body = g_strdup_printf (_("Scheduled for %s"), time);
        }
      else
        {
          /* Translators: %s is a medication and amount, e.g. "gabapentin 300 mg" */
          reminder->title = g_strdup_printf (_("Missed dose: %s"), reminder->subject);
          if (others == 0)
            /* Translators: the first %s is a time of day, the second a medication name:
             * "You missed your 08:00 gabapentin dose" */
            reminder->body = g_strdup_printf (_("You missed your %s %s dose"),
                                              time, reminder->medication_name);
          else
            /* Translators: a time of day, a medication name and a number of doses */
            reminder->body = g_strdup_printf (ngettext ("You missed your %s %s dose and %u "
                                                        "other scheduled dose",
                                                        "You missed your %s %s dose and %u "
                                                        "other scheduled doses",
                                                        others),
                                              time, reminder->medication_name, others);
        }
      break;

    case PD_REMINDER_CUSTOM:
    default:
      reminder->title = g_strdup (reminder->subject);
      if (!reminder->missed)
        /* Translators: %s is a time of day, e.g. 14:00 */
        reminder->body = g_strdup_printf (_("Reminder for %s"), time);
      else if (others == 0)
        /* Translators: %s is a time of day, e.g. 14:00 */
        reminder->body = g_strdup_printf (_("You missed this %s reminder"), time);
      else
        /* Translators: %s is a time of day, e.g. 14:00; %u a number of reminders */
        reminder->body = g_strdup_printf (ngettext ("You missed this %s reminder and %u "
                                                    "other reminder",
                                                    "You missed this %s reminder and %u "
                                                    "other reminders",
                                                    others),
                                          time, others);
      break;
    }
}

static PdReminder *
reminder_new (const Occurrence *occurrence,
              gboolean          missed,
              guint             n_missed)
{
  PdReminder *reminder;

  if (occurrence->snooze != NULL)
    {
      reminder = pd_reminder_copy (occurrence->snooze);
    }
  else
    {
      reminder = g_new0 (PdReminder, 1);
      reminder->kind = occurrence->kind;
      reminder->scheduled = occurrence->scheduled;
      reminder->day = occurrence->day;
      reminder->minute = occurrence->minute;
      if (occurrence->medication != NULL)
        {
          reminder->medication_id = g_strdup (pd_medication_get_id (occurrence->medication));
          reminder->medication_name = g_strdup (pd_medication_get_name (occurrence->medication));
          reminder->subject = pd_medication_dose_text (occurrence->medication);
        }
      if (occurrence->custom != NULL)
        {
          reminder->custom_id = g_strdup (occurrence->custom->id);
          reminder->subject = g_strdup (occurrence->custom->text);
        }
    }

  reminder->due = occurrence->due;
  reminder->missed = missed;
  reminder->n_missed = missed ? n_missed : 0;
  fill_texts (reminder);
  return reminder;
}

static int
compare_reminders (gconstpointer a,
                   gconstpointer b)
{
  const PdReminder *first = *(const PdReminder * const *) a;
  const PdReminder *second = *(const PdReminder * const *) b;

  if (first->due != second->due)
    return first->due < second->due ? -1 : 1;
  return (int) first->kind - (int) second->kind;
}

PdSchedule *
pd_scheduler_run (PdReminderRules          *rules,
                  const PdSchedulerRecords *records,
                  gint64                    last_run,
                  gint64                    now,
                  GTimeZone                *tz)
{
  g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  g_autoptr(GHashTable) answered = NULL;
  PdSchedule *schedule;
  const Occurrence *latest_missed[PD_REMINDER_CUSTOM + 1] = { NULL, };
  guint n_missed[PD_REMINDER_CUSTOM + 1] = { 0, };
  gboolean check_in_shown = FALSE;
  gint64 from;
  guint32 first_day, last_day;

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  schedule = g_new0 (PdSchedule, 1);
  schedule->reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_reminder_free);
  schedule->checked_until = now;

  if (last_run <= 0)
    from = now - PD_SCHEDULER_GRACE;
  else if (last_run > now)
    {
      from = now;
      if (last_run - now <= MAX_BACKWARD_STEP)
        schedule->checked_until = last_run;
    }
  else
    from = MAX (last_run, now - PD_SCHEDULER_LOOK_BACK);

  /* Quiet hours hold an occurrence back by less than a day (and a DST hour). */
  first_day = pd_local_day (from, offset_at (tz, from)) - 2;
  last_day = pd_local_day (now, offset_at (tz, now)) + 1;
  for (guint32 day = first_day; day <= last_day; day++)
    collect_day (occurrences, rules, records->medications, tz, day);

  for (guint i = 0; records->snoozed != NULL && i < records->snoozed->len; i++)
    {
      const PdReminder *snooze = g_ptr_array_index (records->snoozed, i);
      Occurrence occurrence = { 0, };

      occurrence.kind = snooze->kind;
      occurrence.scheduled = snooze->scheduled;
      occurrence.due = after_quiet_hours (rules, tz, snooze->due);
      occurrence.day = snooze->day;
      occurrence.minute = snooze->minute;
      occurrence.snooze = snooze;
      g_array_append_val (occurrences, occurrence);
    }

  answered = answered_doses (records->doses, first_day);
  schedule->next_wakeup = now + PD_SCHEDULER_MAX_SLEEP;

  for (guint i = 0; i < occurrences->len; i++)
    {
      const Occurrence *occurrence = &g_array_index (occurrences, Occurrence, i);
      const char *medication_id = NULL;
      gboolean missed;

      if (occurrence->due > now)
        {
          schedule->next_wakeup = MIN (schedule->next_wakeup, occurrence->due);
          continue;
        }
      if (occurrence->due <= from)
        continue;

      if (occurrence->medication != NULL)
        medication_id = pd_medication_get_id (occurrence->medication);
      else if (occurrence->snooze != NULL)
        medication_id = occurrence->snooze->medication_id;
      if (already_logged (occurrence, medication_id, answered, records->entries, now))
        continue;

      missed = now - occurrence->due > PD_SCHEDULER_GRACE
               || (occurrence->snooze == NULL && occurrence->due != occurrence->scheduled);
      if (missed)
        {
          const Occurrence **latest = &latest_missed[occurrence->kind];

          n_missed[occurrence->kind]++;
          if (*latest == NULL || occurrence->scheduled >= (*latest)->scheduled)
            *latest = occurrence;
          continue;
        }

      if (occurrence->kind == PD_REMINDER_CHECK_IN)
        check_in_shown = TRUE;
      g_ptr_array_add (schedule->reminders, reminder_new (occurrence, FALSE, 0));
    }

  for (guint kind = PD_REMINDER_CHECK_IN; kind <= PD_REMINDER_CUSTOM; kind++)
    {
      if (latest_missed[kind] == NULL)
        continue;
      if (kind == PD_REMINDER_CHECK_IN && check_in_shown)
        continue;
      g_ptr_array_add (schedule->reminders,
                       reminder_new (latest_missed[kind], TRUE, n_missed[kind]));
    }

  g_ptr_array_sort (schedule->reminders, compare_reminders);
  return schedule;
}

gint64
pd_reminder_rules_after_quiet_hours (PdReminderRules *rules,
                                     GTimeZone       *tz,
                                     gint64           instant)
{
  g_return_val_if_fail (rules != NULL, instant);
  g_return_val_if_fail (tz != NULL, instant);

  return after_quiet_hours (rules, tz, instant);
}

gint64
pd_scheduler_wall_clock_instant (GTimeZone *tz,
                                 guint32    day,
                                 guint      minute)
{
  g_return_val_if_fail (tz != NULL, 0);
  g_return_val_if_fail (minute < MINUTES_PER_DAY, 0);

  return wall_clock_instant (tz, day, minute);
}
