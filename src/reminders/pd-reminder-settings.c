/* pd-reminder-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-reminder-settings"

#include "config.h"

#include "pd-reminder-settings.h"

#define MINUTES_PER_DAY (24 * 60)

static void
custom_reminder_free (PdCustomReminder *custom)
{
  g_free (custom->id);
  g_free (custom->text);
  g_free (custom);
}

PdReminderSettings *
pd_reminder_settings_new (void)
{
  PdReminderSettings *self = g_new0 (PdReminderSettings, 1);

  self->medication_reminders = TRUE;
  self->check_ins = g_array_new (FALSE, FALSE, sizeof (PdCheckInTime));
  self->custom = g_ptr_array_new_with_free_func ((GDestroyNotify) custom_reminder_free);
  self->quiet_start = 22 * 60;
  self->quiet_end = 7 * 60;
  return self;
}

void
pd_reminder_settings_free (PdReminderSettings *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->check_ins);
  g_ptr_array_unref (self->custom);
  g_free (self);
}

static gboolean
valid_time (guint    minute,
            guint    weekdays,
            GError **error)
{
  if (minute < MINUTES_PER_DAY && weekdays != 0 && (weekdays & ~PD_WEEKDAYS_ALL) == 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "reminder time %u or weekdays %#x out of range", minute, weekdays);
  return FALSE;
}

PdReminderSettings *
pd_reminder_settings_parse (const char  *text,
                            GError     **error)
{
  g_autoptr(PdReminderSettings) self = pd_reminder_settings_new ();
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  guint32 minute, weekdays, start, end;
  const char *id, *message;
  gboolean on;

  g_return_val_if_fail (text != NULL, NULL);

  if (!(dict = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, error)))
    return NULL;

  g_variant_lookup (dict, "medications", "b", &self->medication_reminders);
  if (g_variant_lookup (dict, "check-ins", "a(uu)", &iter))
    {
      while (g_variant_iter_next (iter, "(uu)", &minute, &weekdays))
        {
          PdCheckInTime check_in = { minute, weekdays };

          if (!valid_time (minute, weekdays, error))
            return NULL;
          g_array_append_val (self->check_ins, check_in);
        }
      g_clear_pointer (&iter, g_variant_iter_free);
    }
  if (g_variant_lookup (dict, "custom", "a(ssuu)", &iter))
    {
      while (g_variant_iter_next (iter, "(&s&suu)", &id, &message, &minute, &weekdays))
        {
          PdCustomReminder *custom;

          if (!valid_time (minute, weekdays, error))
            return NULL;
          custom = g_new0 (PdCustomReminder, 1);
          custom->id = g_strdup (id);
          custom->text = g_strdup (message);
          custom->minute = minute;
          custom->weekdays = weekdays;
          g_ptr_array_add (self->custom, custom);
        }
    }
  if (g_variant_lookup (dict, "quiet-hours", "(buu)", &on, &start, &end))
    {
      if (!valid_time (start, PD_WEEKDAYS_ALL, error) || !valid_time (end, PD_WEEKDAYS_ALL, error))
        return NULL;
      self->quiet_hours = on;
      self->quiet_start = start;
      self->quiet_end = end;
    }
  return g_steal_pointer (&self);
}

char *
pd_reminder_settings_to_string (const PdReminderSettings *self)
{
  GVariantBuilder dict, list;
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&dict, "{sv}", "medications", g_variant_new_boolean (self->medication_reminders));

  g_variant_builder_init (&list, G_VARIANT_TYPE ("a(uu)"));
  for (guint i = 0; i < self->check_ins->len; i++)
    {
      const PdCheckInTime *check_in = &g_array_index (self->check_ins, PdCheckInTime, i);
      g_variant_builder_add (&list, "(uu)", check_in->minute, check_in->weekdays);
    }
  g_variant_builder_add (&dict, "{sv}", "check-ins", g_variant_builder_end (&list));

  g_variant_builder_init (&list, G_VARIANT_TYPE ("a(ssuu)"));
  for (guint i = 0; i < self->custom->len; i++)
    {
      const PdCustomReminder *custom = g_ptr_array_index (self->custom, i);
      g_variant_builder_add (&list, "(ssuu)", custom->id, custom->text ? custom->text : "",
                             custom->minute, custom->weekdays);
    }
  g_variant_builder_add (&dict, "{sv}", "custom", g_variant_builder_end (&list));

  g_variant_builder_add (&dict, "{sv}", "quiet-hours",
                         g_variant_new ("(buu)", self->quiet_hours, self->quiet_start, self->quiet_end));

  value = g_variant_ref_sink (g_variant_builder_end (&dict));
  return g_variant_print (value, TRUE);
}

PdReminderSettings *
pd_reminder_settings_load (PdDatabase *database)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  PdReminderSettings *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  text = pd_database_get_meta (database, PD_REMINDER_SETTINGS_KEY);
  if (text == NULL || *text == '\0')
    return pd_reminder_settings_new ();
  if (!(self = pd_reminder_settings_parse (text, &error)))
    {
      g_warning ("Ignoring the diary's reminder settings: %s", error->message);
      return pd_reminder_settings_new ();
    }
  return self;
}

gboolean
pd_reminder_settings_save (const PdReminderSettings  *self,
                           PdDatabase                *database,
                           GError                   **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (PD_IS_DATABASE (database), FALSE);

  text = pd_reminder_settings_to_string (self);
  return pd_database_set_meta (database, PD_REMINDER_SETTINGS_KEY, text, error);
}

void
pd_reminder_settings_add_custom (PdReminderSettings *self,
                                 const char         *text,
                                 guint               minute,
                                 guint               weekdays)
{
  PdCustomReminder *custom;

  g_return_if_fail (self != NULL);
  g_return_if_fail (minute < MINUTES_PER_DAY);

  custom = g_new0 (PdCustomReminder, 1);
  custom->id = g_uuid_string_random ();
  custom->text = g_strdup (text);
  custom->minute = minute;
  custom->weekdays = weekdays;
  g_ptr_array_add (self->custom, custom);
}

PdReminderRules *
pd_reminder_settings_to_rules (const PdReminderSettings *self)
{
  PdReminderRules *rules;

  g_return_val_if_fail (self != NULL, NULL);

  rules = pd_reminder_rules_new ();
  pd_reminder_rules_set_medication_reminders (rules, self->medication_reminders);
  for (guint i = 0; i < self->check_ins->len; i++)
    {
      const PdCheckInTime *check_in = &g_array_index (self->check_ins, PdCheckInTime, i);
      pd_reminder_rules_add_check_in (rules, check_in->minute, check_in->weekdays);
    }
  for (guint i = 0; i < self->custom->len; i++)
    {
      const PdCustomReminder *custom = g_ptr_array_index (self->custom, i);

      /* An empty text has nothing to say. */
      if (custom->text != NULL && *custom->text != '\0')
        pd_reminder_rules_add_custom (rules, custom->id, custom->minute, custom->weekdays,
                                      custom->text);
    }
  if (self->quiet_hours)
    pd_reminder_rules_set_quiet_hours (rules, self->quiet_start, self->quiet_end);
  return rules;
}

gboolean
pd_reminder_settings_any_enabled (const PdReminderSettings *self,
                                  GPtrArray                *medications,
                                  guint32                   today)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->check_ins->len > 0)
    return TRUE;
  for (guint i = 0; i < self->custom->len; i++)
    {
      const PdCustomReminder *custom = g_ptr_array_index (self->custom, i);
      if (custom->text != NULL && *custom->text != '\0')
        return TRUE;
    }
  if (!self->medication_reminders)
    return FALSE;
  for (guint i = 0; medications != NULL && i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);
      guint32 stop = pd_medication_get_stop_day (medication);

      if (pd_medication_get_reminders (medication) && !pd_medication_is_as_needed (medication) &&
          (stop == 0 || stop >= today))
        return TRUE;
    }
  return FALSE;
}
