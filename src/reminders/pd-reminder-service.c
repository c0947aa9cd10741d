/* pd-reminder-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-reminder-service"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-reminder-service.h"
#include "pd-spine-reminders.h"
#include "pd-reminder-settings.h"
#include "pd-reminder-state.h"

/* Where the system keeps its time zone; a change there is noticed at once (GLib re-reads
 * it whenever g_time_zone_new_local () is called without TZ set). */
#define LOCALTIME_PATH "/etc/localtime"

struct _PdReminderService
{
  GObject parent_instance;

  PdDatabase *database;
  PdNotifier *notifier;
  PdClockFunc clock;
  gpointer clock_data;

  /* NULL: the local time zone, looked up again on every run. */
  GTimeZone *time_zone;

  gboolean started;
  GSource *timer;
  GFileMonitor *zone_monitor;
  gint64 last_run;
  /* What pd-reminder-state holds for this diary. */
  gint64 saved_last_run;
  /* PdReminder from pd_reminder_snooze, handed to the scheduler on every run. */
  GPtrArray *snoozed;
  /* notification key -> PdReminder, for the actions of what is shown */
  GHashTable *shown;
};

G_DEFINE_FINAL_TYPE (PdReminderService, pd_reminder_service, G_TYPE_OBJECT)

enum {
  OPEN,
  DIARY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
now (PdReminderService *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_get_real_time () / G_USEC_PER_SEC;
}

static GTimeZone *
current_zone (PdReminderService *self)
{
  if (self->time_zone != NULL)
    return g_time_zone_ref (self->time_zone);
  /* Not cached by GLib when TZ is unset: a changed /etc/localtime is seen here. */
  return g_time_zone_new_local ();
}

static void
save_last_run (PdReminderService *self)
{
  g_autoptr(GError) error = NULL;

  if (self->last_run <= 0 || self->last_run == self->saved_last_run)
    return;
  if (!pd_reminder_state_set_last_run (pd_database_get_path (self->database), self->last_run,
                                       &error))
    {
      g_warning ("Reminders: could not record the last check: %s", error->message);
      return;
    }
  self->saved_last_run = self->last_run;
}

static char *
key_for (const PdReminder *reminder)
{
  const char *id = reminder->medication_id ? reminder->medication_id
                   : reminder->custom_id ? reminder->custom_id : "";

  return g_strdup_printf ("%d:%s:%u:%u%s", reminder->kind, id, reminder->day, reminder->minute,
                          reminder->missed ? ":missed" : "");
}

static void
show (PdReminderService *self,
      const PdReminder  *reminder)
{
  static const PdNotifierAction dose_actions[] = {
    { PD_REMINDER_ACTION_TAKEN, N_("Taken") },
    { PD_REMINDER_ACTION_SKIP, N_("Skip") },
    { PD_REMINDER_ACTION_SNOOZE, N_("Snooze 15 min") },
  };
  static const PdNotifierAction check_in_actions[] = {
    { PD_REMINDER_ACTION_LOG_PAIN, N_("Log Pain") },
  };
  static const PdNotifierAction custom_actions[] = {
    { PD_REMINDER_ACTION_SNOOZE, N_("Snooze 15 min") },
  };
  const PdNotifierAction *actions;
  PdNotifierAction translated[3];
  guint n_actions;
  g_autofree char *key = key_for (reminder);
  g_autoptr(GError) error = NULL;

  switch (reminder->kind)
    {
    case PD_REMINDER_DOSE:
      actions = dose_actions, n_actions = G_N_ELEMENTS (dose_actions);
      break;
    case PD_REMINDER_CHECK_IN:
      actions = check_in_actions, n_actions = G_N_ELEMENTS (check_in_actions);
      break;
    case PD_REMINDER_CUSTOM:
    default:
      actions = custom_actions, n_actions = G_N_ELEMENTS (custom_actions);
      break;
    }
  for (guint i = 0; i < n_actions; i++)
    translated[i] = (PdNotifierAction) { actions[i].name, _(actions[i].label) };

  if (!pd_notifier_show (self->notifier, key, reminder->title, reminder->body,
                         translated, n_actions, &error))
    {
      g_warning ("Could not show the reminder “%s”: %s", reminder->title, error->message);
      return;
    }
  g_hash_table_replace (self->shown, g_steal_pointer (&key), pd_reminder_copy (reminder));
}

static void
forget_old (PdReminderService *self,
            gint64             time)
{
  GHashTableIter iter;
  PdReminder *reminder;

  for (guint i = self->snoozed->len; i > 0; i--)
    {
      reminder = g_ptr_array_index (self->snoozed, i - 1);
      /* Fired or answered; a day's margin for quiet hours that held it back. */
      if (reminder->due < time - 24 * 3600)
        g_ptr_array_remove_index (self->snoozed, i - 1);
    }
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &reminder))
    if (reminder->scheduled < time - PD_SCHEDULER_LOOK_BACK)
      g_hash_table_iter_remove (&iter);
}

static gboolean timer_cb (gpointer user_data);

static void
schedule_wakeup (PdReminderService *self,
                 gint64             delay)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  if (!self->started)
    return;
  self->timer = g_timeout_source_new ((guint) CLAMP (delay, 1, PD_SCHEDULER_MAX_SLEEP) * 1000);
  g_source_set_name (self->timer, "[pain-diary] reminders");
  g_source_set_callback (self->timer, timer_cb, self, NULL);
  g_source_attach (self->timer, NULL);
}

static gboolean
timer_cb (gpointer user_data)
{
  PdReminderService *self = user_data;

  /* run () replaces the timer; keep this source alive until we return. */
  g_autoptr(GSource) source = g_source_ref (self->timer);

  pd_reminder_service_run (self);
  return G_SOURCE_REMOVE;
}

/* Trial check-ins and follow-ups after as-needed doses, over the same last run. */
static GPtrArray *
spine_reminders (PdReminderService *self,
                 PdReminderRules   *rules,
                 PdDiaryData       *data,
                 gint64             time,
                 GTimeZone         *tz,
                 gint64            *next_due)
{
  PdSpineReminderOptions options;
  g_autoptr(GPtrArray) events = NULL;
  GPtrArray *recent;
  GPtrArray *reminders;

  /* A trial that began before the records loaded for the scheduler still runs. */
  events = pd_database_list_events (self->database, time - 60 * 24 * 3600, time + 1, NULL);
  recent = data->events;
  if (events != NULL)
    data->events = events;
  pd_spine_reminder_options_load (&options, self->database);
  reminders = pd_spine_reminders_run (rules, &options, data, self->last_run, time, tz,
                                      next_due);
  data->events = recent;
  return reminders;
}

void
pd_reminder_service_run (PdReminderService *self)
{
  g_autoptr(PdReminderSettings) settings = NULL;
  g_autoptr(PdReminderRules) rules = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(PdSchedule) schedule = NULL;
  g_autoptr(GPtrArray) spine = NULL;
  gint64 spine_next;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  PdSchedulerRecords records;
  gint64 time;

  g_return_if_fail (PD_IS_REMINDER_SERVICE (self));

  tz = current_zone (self);
  time = now (self);
  settings = pd_reminder_settings_load (self->database);
  rules = pd_reminder_settings_to_rules (settings);
  data = pd_database_load_range (self->database, time - PD_SCHEDULER_LOOK_BACK - 24 * 3600,
                                 time + 1, &error);
  if (data == NULL)
    {
      g_warning ("Reminders: could not read %s: %s", pd_database_get_path (self->database),
                 error->message);
      schedule_wakeup (self, PD_SCHEDULER_MAX_SLEEP);
      return;
    }

  records = (PdSchedulerRecords) { data->medications, data->doses, data->pain_entries,
                                  self->snoozed };
  schedule = pd_scheduler_run (rules, &records, self->last_run, time, tz);
  spine = spine_reminders (self, rules, data, time, tz, &spine_next);
  self->last_run = schedule->checked_until;
  for (guint i = 0; i < schedule->reminders->len; i++)
    show (self, g_ptr_array_index (schedule->reminders, i));
  for (guint i = 0; i < spine->len; i++)
    show (self, g_ptr_array_index (spine, i));
  /* After showing: a crash in between would rather repeat a reminder than lose it. */
  save_last_run (self);
  forget_old (self, time);
  schedule_wakeup (self, MIN (schedule->next_wakeup, spine_next) - time);
}

static gboolean
log_dose (PdReminderService  *self,
          const PdReminder   *reminder,
          PdDoseStatus        status,
          GError            **error)
{
  g_autoptr(PdMedication) medication = NULL;
  g_autoptr(PdDose) dose = NULL;
  g_autoptr(GTimeZone) tz = current_zone (self);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now (self));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (local),
                                          g_date_time_get_month (local),
                                          g_date_time_get_year (local));
  guint scheduled_time = reminder->minute;

  if (!(medication = pd_database_get_medication (self->database, reminder->medication_id, error)))
    return FALSE;

  /* A catch-up for a dose of an earlier day: a dose is answered by its local day, so taken
   * now it is an extra dose of today (today's own reminder still comes), and skipped it
   * is recorded at the time it was due. */
  if (reminder->day != g_date_get_julian (today))
    {
      if (status == PD_DOSE_TAKEN)
        scheduled_time = PD_NO_SCHEDULED_TIME;
      else
        {
          g_clear_pointer (&local, g_date_time_unref);
          g_clear_pointer (&utc, g_date_time_unref);
          utc = g_date_time_new_from_unix_utc (reminder->scheduled);
          local = g_date_time_to_timezone (utc, tz);
        }
    }

  dose = pd_medication_new_dose (medication);
  pd_dose_set_scheduled_time (dose, scheduled_time);
  pd_dose_set_status (dose, status);
  pd_dose_set_date_time (dose, local);
  if (!pd_database_save_dose (self->database, dose, error))
    return FALSE;
  g_signal_emit (self, signals[DIARY_CHANGED], 0);
  return TRUE;
}

gboolean
pd_reminder_service_handle_action (PdReminderService  *self,
                                   const char         *key,
                                   const char         *action,
                                   GError            **error)
{
  g_autoptr(PdReminder) reminder = NULL;
  g_autofree char *shown_key = NULL;

  g_return_val_if_fail (PD_IS_REMINDER_SERVICE (self), FALSE);
  g_return_val_if_fail (key != NULL && action != NULL, FALSE);

  if (!g_hash_table_steal_extended (self->shown, key, (gpointer *) &shown_key, (gpointer *) &reminder))
    {
      g_debug ("action %s on %s: no such reminder", action, key);
      return TRUE;
    }

  if (g_str_equal (action, PD_REMINDER_ACTION_TAKEN) && reminder->kind == PD_REMINDER_DOSE)
    return log_dose (self, reminder, PD_DOSE_TAKEN, error);
  if (g_str_equal (action, PD_REMINDER_ACTION_SKIP) && reminder->kind == PD_REMINDER_DOSE)
    return log_dose (self, reminder, PD_DOSE_SKIPPED, error);
  if (g_str_equal (action, PD_REMINDER_ACTION_SNOOZE))
    {
      g_ptr_array_add (self->snoozed, pd_reminder_snooze (reminder, now (self) + PD_REMINDER_SNOOZE));
      if (self->started)
        schedule_wakeup (self, PD_REMINDER_SNOOZE);
      return TRUE;
    }
  if (g_str_equal (action, PD_REMINDER_ACTION_LOG_PAIN))
    {
      g_signal_emit (self, signals[OPEN], 0, (guint) PD_REMINDER_OPEN_LOG_PAIN);
      return TRUE;
    }
  g_signal_emit (self, signals[OPEN], 0, (guint) (reminder->kind == PD_REMINDER_CHECK_IN
                                                  ? PD_REMINDER_OPEN_LOG_PAIN
                                                  : PD_REMINDER_OPEN_TODAY));
  return TRUE;
}

static void
notifier_action_cb (PdReminderService *self,
                    const char        *key,
                    const char        *action)
{
  g_autoptr(GError) error = NULL;

  if (!pd_reminder_service_handle_action (self, key, action, &error))
    g_warning ("The reminder's “%s” was not recorded: %s", action, error->message);
}

gboolean
pd_reminder_service_is_enabled (PdReminderService *self)
{
  g_autoptr(PdReminderSettings) settings = NULL;
  g_autoptr(GPtrArray) medications = NULL;
  g_autoptr(GTimeZone) tz = current_zone (self);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PD_IS_REMINDER_SERVICE (self), FALSE);

  settings = pd_reminder_settings_load (self->database);
  if (!(medications = pd_database_list_medications (self->database, &error)))
    g_warning ("Reminders: could not read the regimen: %s", error->message);
  utc = g_date_time_new_from_unix_utc (now (self));
  local = g_date_time_to_timezone (utc, tz);
  today = g_date_new_dmy (g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                          g_date_time_get_year (local));
  return pd_reminder_settings_any_enabled (settings, medications, g_date_get_julian (today));
}

PdDatabase *
pd_reminder_service_get_database (PdReminderService *self)
{
  g_return_val_if_fail (PD_IS_REMINDER_SERVICE (self), NULL);
  return self->database;
}

void
pd_reminder_service_set_clock (PdReminderService *self,
                               PdClockFunc        clock,
                               gpointer           user_data)
{
  g_return_if_fail (PD_IS_REMINDER_SERVICE (self));
  self->clock = clock;
  self->clock_data = user_data;
}

void
pd_reminder_service_set_time_zone (PdReminderService *self,
                                   GTimeZone         *tz)
{
  g_return_if_fail (PD_IS_REMINDER_SERVICE (self));

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  if (tz != NULL)
    self->time_zone = g_time_zone_ref (tz);
}

static void
zone_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 PdReminderService *self)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED
      && event != G_FILE_MONITOR_EVENT_DELETED && event != G_FILE_MONITOR_EVENT_RENAMED
      && event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;
  g_debug ("%s changed: checking against the new wall clock", LOCALTIME_PATH);
  /* Soon rather than at once: the file is replaced in more than one step. */
  if (self->started)
    schedule_wakeup (self, 1);
}

void
pd_reminder_service_start (PdReminderService *self)
{
  g_autoptr(GFile) localtime = g_file_new_for_path (LOCALTIME_PATH);

  g_return_if_fail (PD_IS_REMINDER_SERVICE (self));

  if (self->started)
    return;
  self->started = TRUE;
  /* The next wake-up is at most a minute away anyway; this makes a zone change immediate. */
  self->zone_monitor = g_file_monitor_file (localtime, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->zone_monitor != NULL)
    g_signal_connect_object (self->zone_monitor, "changed", G_CALLBACK (zone_changed_cb), self, 0);
  pd_reminder_service_run (self);
}

void
pd_reminder_service_stop (PdReminderService *self)
{
  g_return_if_fail (PD_IS_REMINDER_SERVICE (self));

  self->started = FALSE;
  schedule_wakeup (self, 0);
  if (self->zone_monitor != NULL)
    g_file_monitor_cancel (self->zone_monitor);
  g_clear_object (&self->zone_monitor);
}

static void
pd_reminder_service_dispose (GObject *object)
{
  PdReminderService *self = PD_REMINDER_SERVICE (object);

  pd_reminder_service_stop (self);
  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_data (self->notifier, self);
  g_clear_object (&self->notifier);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pd_reminder_service_parent_class)->dispose (object);
}

static void
pd_reminder_service_finalize (GObject *object)
{
  PdReminderService *self = PD_REMINDER_SERVICE (object);

  g_clear_pointer (&self->snoozed, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (pd_reminder_service_parent_class)->finalize (object);
}

static void
pd_reminder_service_class_init (PdReminderServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_reminder_service_dispose;
  object_class->finalize = pd_reminder_service_finalize;

  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[DIARY_CHANGED] = g_signal_new ("diary-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
pd_reminder_service_init (PdReminderService *self)
{
  self->snoozed = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_reminder_free);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) pd_reminder_free);
}

PdReminderService *
pd_reminder_service_new (PdDatabase *database,
                         PdNotifier *notifier)
{
  PdReminderService *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (PD_IS_NOTIFIER (notifier), NULL);

  self = g_object_new (PD_TYPE_REMINDER_SERVICE, NULL);
  self->database = g_object_ref (database);
  self->notifier = g_object_ref (notifier);
  /* Reminders missed while the program was not running are caught up on this first run. */
  self->last_run = self->saved_last_run =
    pd_reminder_state_get_last_run (pd_database_get_path (database));
  g_signal_connect_object (notifier, "action", G_CALLBACK (notifier_action_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
