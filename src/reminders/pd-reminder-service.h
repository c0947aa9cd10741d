/* pd-reminder-service.h: reminders of one diary, shown while the application runs.
 *
 * Wakes at the scheduler's next wake-up (at most a minute away, so suspend and clock
 * changes are noticed; at once when /etc/localtime changes), runs pd_scheduler_run with the rules stored in the diary
 * (pd-reminder-settings.h), what was logged and the snoozed reminders, and shows what is
 * due through a PdNotifier. Notification actions: "taken" and "skip" log the dose in the
 * diary as the window does (for a catch-up of an earlier day's dose, "taken" logs a dose
 * taken now that answers no scheduled time of today, "skip" that day's dose as skipped); "snooze" shows the reminder again PD_REMINDER_SNOOZE seconds
 * later; "log-pain" and a click on the body emit "open".
 *
 * The instant checked up to is kept with pd-reminder-state.h (not in the diary), so that the
 * first run after the program was not running catches up what it missed: one reminder per
 * kind, never a flood. The local time zone is looked up again on every run, so a change of
 * the system's zone (or a trip) moves the reminders to the new wall clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"
#include "pd-notifier.h"
#include "pd-scheduler.h"

G_BEGIN_DECLS

#define PD_REMINDER_SNOOZE (15 * 60)

/* Notification actions. */
#define PD_REMINDER_ACTION_TAKEN    "taken"
#define PD_REMINDER_ACTION_SKIP     "skip"
#define PD_REMINDER_ACTION_SNOOZE   "snooze"
#define PD_REMINDER_ACTION_LOG_PAIN "log-pain"

/* Where "open" asks the application to go. */
typedef enum
{
  PD_REMINDER_OPEN_TODAY,      /* the Today page */
  PD_REMINDER_OPEN_LOG_PAIN,   /* the Today page with the pain score focused */
} PdReminderOpen;

/* Unix seconds; tests pass a clock they advance themselves. */
typedef gint64 (*PdClockFunc) (gpointer user_data);

#define PD_TYPE_REMINDER_SERVICE (pd_reminder_service_get_type ())

G_DECLARE_FINAL_TYPE (PdReminderService, pd_reminder_service, PD, REMINDER_SERVICE, GObject)

/* Signals:
 *   "open" (guint where: PdReminderOpen)  the person wants to see the diary
 *   "diary-changed" ()                    an action wrote to the diary */
PdReminderService *pd_reminder_service_new          (PdDatabase        *database,
                                                     PdNotifier        *notifier);
PdDatabase        *pd_reminder_service_get_database (PdReminderService *self);
/* NULL: the real clock (g_get_real_time). */
void               pd_reminder_service_set_clock    (PdReminderService *self,
                                                     PdClockFunc        clock,
                                                     gpointer           user_data);
/* NULL (the default): the local time zone, looked up on every run; tests pass another. */
void               pd_reminder_service_set_time_zone (PdReminderService *self,
                                                      GTimeZone         *tz);
/* Checks now and then at every wake-up until stopped. */
void               pd_reminder_service_start        (PdReminderService *self);
void               pd_reminder_service_stop         (PdReminderService *self);
/* One check now: shows what is due (and, when started, sets the next wake-up). */
void               pd_reminder_service_run          (PdReminderService *self);
/* Whether any reminder is switched on (pd_reminder_settings_any_enabled). */
gboolean           pd_reminder_service_is_enabled   (PdReminderService *self);
/* What a notification action does; the notifier's "action" signal is connected to it.
 * FALSE with an error when the diary could not be written; unknown keys are ignored
 * (TRUE). */
gboolean           pd_reminder_service_handle_action (PdReminderService *self,
                                                      const char        *key,
                                                      const char        *action,
                                                      GError           **error);

G_END_DECLS
