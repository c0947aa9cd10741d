/* reminder-driver.c: a PdReminderService on a diary, with a clock the caller sets, driven
 * by lines on standard input, for test-notify.py. With --read-only the diary is opened
 * read-only (commands that write to it then fail). Talks to whatever notification server
 * the session bus has.
 *
 *   medication NAME AMOUNT UNIT HH:MM   add a regimen medication taken at HH:MM
 *   settings TEXT                       store TEXT as the diary's reminder settings
 *   now UNIX | advance SECONDS          set or move the clock
 *   zone ID | zone local                the time zone the service sees from now on
 *   run                                 one check (shows what is due)
 *   caps                                prints "actions yes|no" (GetCapabilities)
 *   quit
 *
 * Every command is answered by "ok COMMAND" (or "error COMMAND: message") once done;
 * what the service does is printed as "open N" and "diary-changed", and "action NAME"
 * after a notification action was handled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pd-database.h"
#include "pd-notifier.h"
#include "pd-reminder-service.h"
#include "pd-reminder-settings.h"

typedef struct
{
  GMainLoop *loop;
  PdDatabase *database;
  PdNotifier *notifier;
  PdReminderService *service;
  gint64 now;
} Driver;

static gint64
fake_clock (gpointer user_data)
{
  Driver *driver = user_data;
  return driver->now;
}

static void
open_cb (PdReminderService *service,
         guint              where,
         Driver            *driver)
{
  g_print ("open %u\n", where);
}

static void
diary_changed_cb (PdReminderService *service,
                  Driver            *driver)
{
  g_print ("diary-changed\n");
}

/* Connected after the service's own handler: printed once the action was handled. */
static void
action_cb (PdNotifier *notifier,
           const char *key,
           const char *action,
           Driver     *driver)
{
  g_print ("action %s\n", action);
}

static gboolean
add_medication (Driver     *driver,
                char      **words,
                GError    **error)
{
  g_autoptr(PdMedication) medication = pd_medication_new ();
  g_autoptr(GDate) start = g_date_new_dmy (1, 1, 2000);

  if (g_strv_length (words) != 5)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "medication NAME AMOUNT UNIT HH:MM");
      return FALSE;
    }
  pd_medication_set_name (medication, words[1]);
  pd_medication_set_amount (medication, g_ascii_strtod (words[2], NULL));
  pd_medication_set_unit (medication, words[3]);
  pd_medication_set_start_day (medication, g_date_get_julian (start));
  return pd_medication_set_schedule_string (medication, words[4], error) &&
         pd_database_save_medication (driver->database, medication, error);
}

static gboolean
command (Driver      *driver,
         const char  *line,
         GError     **error)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  const char *name = words[0] ? words[0] : "";
  const char *rest = strchr (line, ' ') ? strchr (line, ' ') + 1 : "";

  if (g_str_equal (name, "medication"))
    return add_medication (driver, words, error);
  if (g_str_equal (name, "settings"))
    {
      g_autoptr(PdReminderSettings) settings = pd_reminder_settings_parse (rest, error);
      return settings != NULL && pd_reminder_settings_save (settings, driver->database, error);
    }
  if (g_str_equal (name, "now"))
    driver->now = g_ascii_strtoll (rest, NULL, 10);
  else if (g_str_equal (name, "advance"))
    driver->now += g_ascii_strtoll (rest, NULL, 10);
  else if (g_str_equal (name, "zone"))
    {
      g_autoptr(GTimeZone) tz = NULL;

      if (!g_str_equal (rest, "local") && !(tz = g_time_zone_new_identifier (rest)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no time zone %s", rest);
          return FALSE;
        }
      pd_reminder_service_set_time_zone (driver->service, tz);
    }
  else if (g_str_equal (name, "run"))
    pd_reminder_service_run (driver->service);
  else if (g_str_equal (name, "caps"))
    g_print ("actions %s\n", pd_notifier_has_actions (driver->notifier) ? "yes" : "no");
  else if (g_str_equal (name, "quit"))
    g_main_loop_quit (driver->loop);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown command");
      return FALSE;
    }
  return TRUE;
}

static gboolean
stdin_cb (GIOChannel   *channel,
          GIOCondition  condition,
          gpointer      user_data)
{
  Driver *driver = user_data;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  gsize terminator;

  if (g_io_channel_read_line (channel, &line, NULL, &terminator, NULL) != G_IO_STATUS_NORMAL)
    {
      g_main_loop_quit (driver->loop);
      return G_SOURCE_REMOVE;
    }
  line[terminator] = '\0';
  if (command (driver, line, &error))
    g_print ("ok %s\n", line);
  else
    g_print ("error %s: %s\n", line, error->message);
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) input = NULL;
  Driver driver = { 0, };

  gboolean read_only = argc == 3 && g_str_equal (argv[2], "--read-only");

  if (argc != 2 && !read_only)
    {
      g_printerr ("usage: reminder-driver DIARY [--read-only]\n");
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (!(driver.database = pd_database_open (argv[1], read_only ? PD_DATABASE_READ_ONLY
                                                               : PD_DATABASE_NO_BACKUPS,
                                            &error)))
    {
      g_printerr ("reminder-driver: %s: %s\n", argv[1], error->message);
      return 1;
    }
  driver.loop = g_main_loop_new (NULL, FALSE);
  driver.notifier = pd_notifier_new ("Pain Diary", APPLICATION_ID);
  driver.service = pd_reminder_service_new (driver.database, driver.notifier);
  pd_reminder_service_set_clock (driver.service, fake_clock, &driver);
  g_signal_connect (driver.service, "open", G_CALLBACK (open_cb), &driver);
  g_signal_connect (driver.notifier, "action", G_CALLBACK (action_cb), &driver);
  g_signal_connect (driver.service, "diary-changed", G_CALLBACK (diary_changed_cb), &driver);

  input = g_io_channel_unix_new (0);
  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, &driver);
  g_print ("ready\n");
  g_main_loop_run (driver.loop);

  g_object_unref (driver.service);
  g_object_unref (driver.notifier);
  g_object_unref (driver.database);
  g_main_loop_unref (driver.loop);
  return 0;
}
