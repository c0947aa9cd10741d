/* pd-scheduler.h: which reminders are due, and when to look again. Pure: no clock, no I/O,
 * no notification server; the caller passes the rules, what has been logged, the instant of
 * the previous run, "now" and the local time zone.
 *
 * Timing rules:
 * - A time of day follows the local wall clock of the zone passed in: an occurrence is the
 *   first instant at which the wall clock reaches that time on that local date. A time
 *   skipped by a spring-forward change (02:30 in Europe/Berlin on the last Sunday of March)
 *   fires at the end of the gap (03:00); a time that occurs twice in autumn fires once, the
 *   first time. When the caller passes another zone, the next runs follow its wall clock.
 * - A run reports what fell due in (last_run, now]. What is due at most PD_SCHEDULER_GRACE
 *   seconds ago is a normal reminder, one per occurrence. What is older (the machine was
 *   asleep or off, or quiet hours held it back) is "missed": per kind (check-in, dose,
 *   custom) at most one catch-up reminder, naming the most recent occurrence, with the
 *   number of occurrences it stands for. A check-in catch-up is dropped when a normal
 *   check-in is shown in the same run. Nothing older than PD_SCHEDULER_LOOK_BACK before now
 *   is caught up; a first run (last_run <= 0) catches nothing up.
 * - Quiet hours [start, end) in local minutes, wrapping midnight when start > end (equal:
 *   none): an occurrence inside them is held back to the end of the quiet hours and then
 *   counts as missed (so it joins its kind's single catch-up).
 * - A dose reminder is not shown when a dose (taken or skipped) of that medication (by
 *   medication id) answers that scheduled time on that local date, when the medication is
 *   not active on that date (start/stop day), has reminders off, or is taken as needed.
 * - A check-in is not shown when a pain entry's time lies in
 *   [occurrence - PD_SCHEDULER_CHECK_IN_LOOK_BACK, now].
 * - Snoozed reminders (pd_reminder_snooze) fire once when their due instant falls in
 *   (last_run, now], unless what they remind of has been logged meanwhile.
 * - The next wake-up is the next due instant, but never more than PD_SCHEDULER_MAX_SLEEP
 *   seconds away, so that a suspend or a clock or zone change is noticed within a minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PD_SCHEDULER_GRACE                (5 * 60)
#define PD_SCHEDULER_LOOK_BACK            (7 * 24 * 3600)
#define PD_SCHEDULER_CHECK_IN_LOOK_BACK   (2 * 3600)
#define PD_SCHEDULER_MAX_SLEEP            60

/* Weekday masks: bit (g_date_get_weekday () - 1), Monday first. */
#define PD_WEEKDAY_BIT(weekday) (1u << ((weekday) - 1))
#define PD_WEEKDAYS_ALL         0x7fu

typedef enum
{
  PD_REMINDER_CHECK_IN,
  PD_REMINDER_DOSE,
  PD_REMINDER_CUSTOM,
} PdReminderKind;

typedef struct _PdReminderRules PdReminderRules;

PdReminderRules *pd_reminder_rules_new                     (void);
void             pd_reminder_rules_free                    (PdReminderRules *rules);
/* A diary check-in at minute (after local midnight) on the weekdays of the mask; a second
 * check-in at the same minute adds its weekdays to the first. */
void             pd_reminder_rules_add_check_in            (PdReminderRules *rules,
                                                            guint            minute,
                                                            guint            weekdays);
/* Reminders for the regimen's scheduled doses, all medications at once (on by default);
 * each medication also has its own switch (pd_medication_get_reminders). */
void             pd_reminder_rules_set_medication_reminders (PdReminderRules *rules,
                                                            gboolean         enabled);
/* id: the caller's stable id of the custom reminder; text: what it says. */
void             pd_reminder_rules_add_custom              (PdReminderRules *rules,
                                                            const char      *id,
                                                            guint            minute,
                                                            guint            weekdays,
                                                            const char      *text);
void             pd_reminder_rules_set_quiet_hours         (PdReminderRules *rules,
                                                            guint            start_minute,
                                                            guint            end_minute);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdReminderRules, pd_reminder_rules_free)

typedef struct
{
  PdReminderKind kind;
  gint64 scheduled;       /* Unix seconds of the occurrence it is about */
  gint64 due;             /* when it became due: scheduled, end of quiet hours or snooze */
  guint32 day;            /* local date of the occurrence, Julian day number */
  guint minute;           /* its local time of day, minutes after midnight */
  char *medication_id;    /* PD_REMINDER_DOSE: the regimen medication ... */
  char *medication_name;  /* ... and its name */
  char *subject;          /* dose: "gabapentin 300 mg"; custom: its text; check-in: NULL */
  char *custom_id;        /* PD_REMINDER_CUSTOM: the rule's id */
  gboolean missed;        /* a catch-up */
  guint n_missed;         /* catch-up: how many missed occurrences it stands for */
  gboolean snoozed;
  char *title;            /* translated */
  char *body;             /* translated */
} PdReminder;

void        pd_reminder_free   (PdReminder       *reminder);
PdReminder *pd_reminder_copy   (const PdReminder *reminder);
/* A copy that pd_scheduler_run fires again at due (Unix seconds) when it is passed among
 * the snoozed reminders. */
PdReminder *pd_reminder_snooze (const PdReminder *reminder,
                                gint64            due);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdReminder, pd_reminder_free)

typedef struct
{
  GPtrArray *reminders;   /* PdReminder, in order of due instant */
  gint64 next_wakeup;     /* Unix seconds, in (now, now + PD_SCHEDULER_MAX_SLEEP] */
  gint64 checked_until;   /* pass as last_run next time (now, or last_run after a small
                           * backward clock step, so nothing fires twice) */
} PdSchedule;

void        pd_schedule_free   (PdSchedule       *schedule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSchedule, pd_schedule_free)

/* What the scheduler reads of the diary. Any array may be NULL. */
typedef struct
{
  GPtrArray *medications;   /* PdMedication (the regimen) */
  GPtrArray *doses;         /* PdDose */
  GPtrArray *entries;       /* PdPainEntry (recent ones suffice: the last
                             * PD_SCHEDULER_LOOK_BACK + a day) */
  GPtrArray *snoozed;       /* PdReminder from pd_reminder_snooze */
} PdSchedulerRecords;

/* last_run, now: Unix seconds; tz: the local time zone now. */
PdSchedule *pd_scheduler_run   (PdReminderRules          *rules,
                                const PdSchedulerRecords *records,
                                gint64                    last_run,
                                gint64                    now,
                                GTimeZone                *tz);

/* For reminders scheduled elsewhere (pd-spine-reminders.c), by the same timing rules: when
 * something due at instant may be shown (held to the end of the quiet hours), and the first
 * instant at which the local wall clock reads minute on a local (Julian) day. */
gint64      pd_reminder_rules_after_quiet_hours (PdReminderRules *rules,
                                                 GTimeZone       *tz,
                                                 gint64           instant);
gint64      pd_scheduler_wall_clock_instant     (GTimeZone       *tz,
                                                 guint32          day,
                                                 guint            minute);
/* Whether entries (PdPainEntry, or NULL) hold pain logged with from <= time <= to. */
gboolean    pd_scheduler_pain_logged            (GPtrArray       *entries,
                                                 gint64           from,
                                                 gint64           to);

G_END_DECLS
