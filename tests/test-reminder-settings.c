/* test-reminder-settings.c: the reminder settings stored in the diary (defaults, round
 * trip, bad text, what counts as "any reminder enabled")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-reminder-settings"

#include "config.h"

#include <glib/gstdio.h>

#include "pd-reminder-settings.h"
#include "test-util.h"

static PdDatabase *
new_diary (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PdDatabase *db;

  *dir = make_tmp_dir ("pd-settings-XXXXXX");
  path = g_build_filename (*dir, "diary.db", NULL);
  db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  return db;
}

static void
remove_diary (PdDatabase *db,
              char       *dir)
{
  g_autofree char *path = g_strdup (pd_database_get_path (db));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_assert_finalize_object (db);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  g_free (dir);
}

static void
test_defaults (void)
{
  char *dir;
  PdDatabase *db = new_diary (&dir);
  g_autoptr(PdReminderSettings) settings = pd_reminder_settings_load (db);

  g_assert_true (settings->medication_reminders);
  g_assert_cmpuint (settings->check_ins->len, ==, 0);
  g_assert_cmpuint (settings->custom->len, ==, 0);
  g_assert_false (settings->quiet_hours);
  /* Medication reminders on, but no regimen: nothing can fire. */
  g_assert_false (pd_reminder_settings_any_enabled (settings, NULL, 2460000));
  remove_diary (db, dir);
}

static void
test_round_trip (void)
{
  char *dir;
  PdDatabase *db = new_diary (&dir);
  g_autoptr(PdReminderSettings) settings = pd_reminder_settings_new ();
  g_autoptr(PdReminderSettings) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  PdCheckInTime check_in = { 8 * 60 + 30, PD_WEEKDAY_BIT (G_DATE_MONDAY) | PD_WEEKDAY_BIT (G_DATE_FRIDAY) };
  const PdCustomReminder *custom;

  settings->medication_reminders = FALSE;
  g_array_append_val (settings->check_ins, check_in);
  pd_reminder_settings_add_custom (settings, "Stretch, 'gently'", 15 * 60, PD_WEEKDAYS_ALL);
  settings->quiet_hours = TRUE;
  settings->quiet_start = 23 * 60;
  settings->quiet_end = 6 * 60;
  g_assert_true (pd_reminder_settings_save (settings, db, &error));
  g_assert_no_error (error);

  stored = pd_database_get_meta (db, PD_REMINDER_SETTINGS_KEY);
  g_assert_nonnull (strstr (stored, "'check-ins'"));
  loaded = pd_reminder_settings_load (db);
  g_assert_false (loaded->medication_reminders);
  g_assert_cmpuint (loaded->check_ins->len, ==, 1);
  g_assert_cmpuint (g_array_index (loaded->check_ins, PdCheckInTime, 0).minute, ==, 8 * 60 + 30);
  g_assert_cmpuint (g_array_index (loaded->check_ins, PdCheckInTime, 0).weekdays, ==, check_in.weekdays);
  g_assert_cmpuint (loaded->custom->len, ==, 1);
  custom = g_ptr_array_index (loaded->custom, 0);
  g_assert_cmpstr (custom->text, ==, "Stretch, 'gently'");
  g_assert_cmpstr (custom->id, ==, ((PdCustomReminder *) g_ptr_array_index (settings->custom, 0))->id);
  g_assert_cmpuint (custom->minute, ==, 15 * 60);
  g_assert_true (loaded->quiet_hours);
  g_assert_cmpuint (loaded->quiet_start, ==, 23 * 60);
  g_assert_cmpuint (loaded->quiet_end, ==, 6 * 60);
  g_assert_true (pd_reminder_settings_any_enabled (loaded, NULL, 2460000));
  remove_diary (db, dir);
}

static void
test_bad_text (void)
{
  const char *bad[] = {
    "",
    "not a variant",
    "[1, 2]",
    "{'check-ins': <[(uint32 1440, uint32 127)]>}",
    "{'check-ins': <[(uint32 60, uint32 0)]>}",
    "{'quiet-hours': <(true, uint32 5000, uint32 0)>}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdReminderSettings) settings = pd_reminder_settings_parse (bad[i], &error);

      g_assert_null (settings);
      g_assert_nonnull (error);
    }
  {
    /* Unknown keys and missing ones: defaults. */
    g_autoptr(GError) error = NULL;
    g_autoptr(PdReminderSettings) settings = pd_reminder_settings_parse ("{'future': <42>}", &error);

    g_assert_no_error (error);
    g_assert_true (settings->medication_reminders);
  }
}

static void
test_any_enabled (void)
{
  g_autoptr(PdReminderSettings) settings = pd_reminder_settings_new ();
  g_autoptr(GPtrArray) medications = g_ptr_array_new_with_free_func (g_object_unref);
  PdMedication *medication = pd_medication_new ();
  guint today = pd_medication_get_start_day (medication);
  guint minutes[] = { 8 * 60 };

  g_ptr_array_add (medications, medication);
  g_assert_false (pd_reminder_settings_any_enabled (settings, medications, today));
  pd_medication_set_schedule (medication, minutes, 1);
  g_assert_true (pd_reminder_settings_any_enabled (settings, medications, today));
  pd_medication_set_reminders (medication, FALSE);
  g_assert_false (pd_reminder_settings_any_enabled (settings, medications, today));
  pd_medication_set_reminders (medication, TRUE);
  pd_medication_set_stop_day (medication, today);
  g_assert_true (pd_reminder_settings_any_enabled (settings, medications, today));
  g_assert_false (pd_reminder_settings_any_enabled (settings, medications, today + 1));
  settings->medication_reminders = FALSE;
  g_assert_false (pd_reminder_settings_any_enabled (settings, medications, today));
  /* An empty custom reminder says nothing and never fires. */
  pd_reminder_settings_add_custom (settings, "", 60, PD_WEEKDAYS_ALL);
  g_assert_false (pd_reminder_settings_any_enabled (settings, medications, today));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminder-settings/defaults", test_defaults);
  g_test_add_func ("/reminder-settings/round-trip", test_round_trip);
  g_test_add_func ("/reminder-settings/bad-text", test_bad_text);
  g_test_add_func ("/reminder-settings/any-enabled", test_any_enabled);

  return g_test_run ();
}
