/* pd-spine-reminders.h: the reminders of the spine outcomes. Pure, like pd-scheduler: the
 * caller passes the diary's recent records, the instant of the previous run, now and the
 * local time zone.
 * - Stimulator trial: on each day of a running trial (its first to its last day) a pain
 *   check-in at 08:00, 13:00 and 20:00, unless pain was logged in the 2 hours before it.
 * - As-needed dose: "How is your pain now?" a set time after it (default 60 minutes),
 *   unless pain was logged after the dose; held back by quiet hours, and dropped when the
 *   quiet hours end after the 30-120 minute window in which a score counts.
 * - Patient-Specific Functional Scale: at 10:00 on a day the weekly ratings are due
 *   (pd_psfs_due), on by default whenever there are activities to rate.
 * - Global impression of change: at 10:00 on the day a treatment event's question falls due
 *   (pd_pgic_due_events: N days after it, default 14).
 * Only what falls due in (last_run, now] and at most PD_SCHEDULER_GRACE before now is
 * shown: these ask for a score now, so a late catch-up would ask about the wrong moment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"
#include "pd-scheduler.h"

G_BEGIN_DECLS

/* meta keys: the follow-up delay in minutes (0: off), and the days after a treatment when
 * the global impression of change is asked (0: off). */
#define PD_PRN_FOLLOW_UP_KEY          "prn_follow_up_minutes"
#define PD_PRN_FOLLOW_UP_DEFAULT      60
#define PD_PGIC_DAYS_KEY              "pgic_days"
#define PD_PGIC_DAYS_DEFAULT          14

/* The check-in times of a stimulator trial day, minutes after midnight. */
#define PD_TRIAL_CHECK_IN_MORNING     (8 * 60)
#define PD_TRIAL_CHECK_IN_MIDDAY      (13 * 60)
#define PD_TRIAL_CHECK_IN_EVENING     (20 * 60)

#define PD_SPINE_QUESTION_MINUTE      (10 * 60)

typedef struct
{
  guint prn_follow_up_minutes;  /* 0: none */
  guint pgic_days;              /* 0: none */
} PdSpineReminderOptions;

/* The options stored in the diary, else the defaults. */
void        pd_spine_reminder_options_load (PdSpineReminderOptions *options,
                                            PdDatabase             *database);

/* PdReminder (kind PD_REMINDER_CHECK_IN with custom_id "trial" or "prn:<dose id>"; kind
 * PD_REMINDER_CUSTOM with "psfs" or "pgic:<event id>"), in order of
 * due instant; *next_due: the next instant one falls due after now, or G_MAXINT64. */
GPtrArray  *pd_spine_reminders_run         (PdReminderRules              *rules,
                                            const PdSpineReminderOptions *options,
                                            PdDiaryData                  *data,
                                            gint64                        last_run,
                                            gint64                        now,
                                            GTimeZone                    *tz,
                                            gint64                       *next_due);

G_END_DECLS
