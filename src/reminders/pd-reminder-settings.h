/* pd-reminder-settings.h: the reminder rules as the patient sets them, stored in the diary
 * (meta key "reminders") as one GVariant text of type a{sv}:
 *   {'medications': <true>,
 *    'check-ins': <[(uint32 480, uint32 127)]>,          (minute, weekday mask)
 *    'custom': <[('id', 'Stretch', uint32 600, uint32 31)]>,
 *    'quiet-hours': <(false, uint32 1320, uint32 420)>}   (on, start, end minute)
 * Unknown keys are ignored and missing ones take their defaults, so older and newer
 * programs can share a diary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"
#include "pd-scheduler.h"

G_BEGIN_DECLS

#define PD_REMINDER_SETTINGS_KEY "reminders"

typedef struct
{
  guint minute;      /* after local midnight */
  guint weekdays;    /* PD_WEEKDAY_BIT mask */
} PdCheckInTime;

typedef struct
{
  char *id;
  char *text;
  guint minute;
  guint weekdays;
} PdCustomReminder;

typedef struct
{
  gboolean medication_reminders;  /* default TRUE */
  GArray *check_ins;              /* PdCheckInTime; default none */
  GPtrArray *custom;              /* PdCustomReminder; default none */
  gboolean quiet_hours;           /* default FALSE */
  guint quiet_start;              /* minutes after midnight, default 22:00 */
  guint quiet_end;                /* default 07:00 */
} PdReminderSettings;

PdReminderSettings *pd_reminder_settings_new        (void);
void                pd_reminder_settings_free       (PdReminderSettings       *self);
/* FALSE with G_VARIANT_PARSE_ERROR / G_IO_ERROR_INVALID_DATA for text that is no such
 * dictionary or holds out-of-range values. */
PdReminderSettings *pd_reminder_settings_parse      (const char               *text,
                                                     GError                  **error);
char               *pd_reminder_settings_to_string  (const PdReminderSettings *self);
/* The diary's settings, or the defaults when none (or unreadable ones) are stored. */
PdReminderSettings *pd_reminder_settings_load       (PdDatabase               *database);
gboolean            pd_reminder_settings_save       (const PdReminderSettings *self,
                                                     PdDatabase               *database,
                                                     GError                  **error);
void                pd_reminder_settings_add_custom (PdReminderSettings       *self,
                                                     const char               *text,
                                                     guint                     minute,
                                                     guint                     weekdays);
PdReminderRules    *pd_reminder_settings_to_rules   (const PdReminderSettings *self);
/* Whether any reminder can ever fire: a check-in, a custom reminder, or medication
 * reminders with a medication (PdMedication) that has scheduled times, its own switch on
 * and is not stopped before today (local Julian day). */
gboolean            pd_reminder_settings_any_enabled (const PdReminderSettings *self,
                                                      GPtrArray                *medications,
                                                      guint32                   today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdReminderSettings, pd_reminder_settings_free)

G_END_DECLS
