/* pd-reminders-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-reminders-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "pd-background-portal.h"
#include "pd-reminder-settings.h"
#include "pd-reminders-page.h"
#include "pd-spine-reminder-rows.h"
#include "pd-page-util.h"

struct _PdRemindersPage
{
  AdwPreferencesPage parent_instance;

  PdDatabase *database;
  PdReminderSettings *settings;
  gboolean loading;

  /* Rows made here, so that they can be removed again. */
  GPtrArray *medication_rows;
  GPtrArray *check_in_rows;
  GPtrArray *custom_rows;

  AdwPreferencesGroup *medications_group;
  AdwPreferencesGroup *check_ins_group;
  AdwPreferencesGroup *custom_group;
  GtkSwitch *medications_switch;
  AdwExpanderRow *quiet_row;
  GtkWidget *quiet_start_box;
  GtkWidget *quiet_end_box;
  GtkSwitch *autostart_switch;
};

G_DEFINE_FINAL_TYPE (PdRemindersPage, pd_reminders_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild_check_ins (PdRemindersPage *self);
static void rebuild_custom (PdRemindersPage *self);

static void
show_error (PdRemindersPage *self,
            const char      *what,
            const GError    *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);

  pd_preferences_toast (GTK_WIDGET (self), message);
}

static void
save (PdRemindersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!pd_reminder_settings_save (self->settings, self->database, &error))
    show_error (self, _("Reminders not saved"), error);
}

/* A time of day as two spin buttons (hours : minutes); "minute" holds the value. */

static gboolean
two_digits_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
update_time_label_cb (GtkMenuButton *button)
{
  GtkSpinButton *hours = g_object_get_data (G_OBJECT (button), "hours");
  GtkSpinButton *minutes = g_object_get_data (G_OBJECT (button), "minutes");
  g_autofree char *text = g_strdup_printf ("%02d:%02d", gtk_spin_button_get_value_as_int (hours),
                                           gtk_spin_button_get_value_as_int (minutes));

  gtk_menu_button_set_label (button, text);
}

/* A button showing the time ("08:30") whose popover changes it; changed is called with
 * user_data, or with the spin button when user_data is NULL. */
static GtkWidget *
time_box_new (guint       minute,
              const char *accessible_name,
              GCallback   changed,
              gpointer    user_data)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *hours = gtk_spin_button_new_with_range (0, 23, 1);
  GtkWidget *minutes = gtk_spin_button_new_with_range (0, 59, 5);
  g_autofree char *hours_name = g_strdup_printf (_("%s, hour"), accessible_name);
  g_autofree char *minutes_name = g_strdup_printf (_("%s, minutes"), accessible_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  for (guint i = 0; i < 2; i++)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (i == 0 ? hours : minutes);

      gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
      gtk_spin_button_set_wrap (spin, TRUE);
      gtk_spin_button_set_numeric (spin, TRUE);
      g_signal_connect (spin, "output", G_CALLBACK (two_digits_cb), NULL);
      gtk_spin_button_set_value (spin, i == 0 ? minute / 60 : minute % 60);
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (update_time_label_cb), button);
      if (user_data != NULL)
        g_signal_connect_swapped (spin, "value-changed", changed, user_data);
      else
        g_signal_connect (spin, "value-changed", changed, NULL);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (hours), GTK_ACCESSIBLE_PROPERTY_LABEL, hours_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (minutes), GTK_ACCESSIBLE_PROPERTY_LABEL, minutes_name, -1);
  gtk_box_append (GTK_BOX (box), hours);
  gtk_box_append (GTK_BOX (box), gtk_label_new (":"));
  gtk_box_append (GTK_BOX (box), minutes);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  for (guint i = 0; i < 2; i++)
    {
      GObject *holder = i == 0 ? G_OBJECT (box) : G_OBJECT (button);

      g_object_set_data (holder, "hours", hours);
      g_object_set_data (holder, "minutes", minutes);
    }
  update_time_label_cb (GTK_MENU_BUTTON (button));
  return button;
}

static guint
time_box_get_minute (GtkWidget *box)
{
  GtkSpinButton *hours = g_object_get_data (G_OBJECT (box), "hours");
  GtkSpinButton *minutes = g_object_get_data (G_OBJECT (box), "minutes");

  return gtk_spin_button_get_value_as_int (hours) * 60 + gtk_spin_button_get_value_as_int (minutes);
}

static GtkWidget *
remove_button_new (const char *accessible_name,
                   GCallback   clicked,
                   gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_signal_connect_swapped (button, "clicked", clicked, user_data);
  return button;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static guint
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));
}

/* Adds row, one of the index'th reminder's, to group and to rows (for clear_rows); its
 * buttons find the reminder by row_index. */
static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row,
         guint                index)
{
  g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (index));
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

/* Check-ins */

static void
check_in_time_cb (GtkWidget *spin)
{
  PdRemindersPage *self = PD_REMINDERS_PAGE (gtk_widget_get_ancestor (spin, PD_TYPE_REMINDERS_PAGE));
  GtkWidget *box = gtk_widget_get_parent (spin);
  PdCheckInTime *check_in;

  if (self->loading)
    return;
  check_in = &g_array_index (self->settings->check_ins, PdCheckInTime, row_index (box));
  check_in->minute = time_box_get_minute (box);
  save (self);
}

/* Weekday toggles. The box holds "weekdays", a function returning the mask of its row's
 * reminder. */

typedef guint *(*WeekdaysOf) (PdRemindersPage *self,
                              GtkWidget       *widget);

static void
weekday_toggled_cb (GtkToggleButton *button)
{
  PdRemindersPage *self = PD_REMINDERS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), PD_TYPE_REMINDERS_PAGE));
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (button));
  WeekdaysOf weekdays_of = (WeekdaysOf) g_object_get_data (G_OBJECT (box), "weekdays");
  guint bit = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bit"));
  guint *weekdays;

  if (self->loading)
    return;
  weekdays = weekdays_of (self, GTK_WIDGET (button));
  if (gtk_toggle_button_get_active (button))
    *weekdays |= bit;
  else if ((*weekdays & ~bit) != 0)
    *weekdays &= ~bit;
  else
    {
      /* A reminder on no day at all is no reminder: keep one day. */
      gtk_toggle_button_set_active (button, TRUE);
      return;
    }
  save (self);
}

/* The weekday the week starts with in the locale (G_DATE_MONDAY ... G_DATE_SUNDAY). */
static GDateWeekday
first_weekday (void)
{
#ifdef __GLIBC__
  /* As GtkCalendar does: the first weekday counted from the origin of the week. */
  union { unsigned int word; char *string; } langinfo;
  int first, origin_sunday;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  origin_sunday = langinfo.word == 19971130;
  if (first >= 1 && first <= 7)
    {
      /* first: 1 is the origin day, Sunday or Monday. */
      int monday_based = origin_sunday ? (first + 5) % 7 : first - 1;   /* 0 = Monday */
      return (GDateWeekday) (monday_based + 1);
    }
#endif
  return G_DATE_MONDAY;
}

static GtkWidget *
weekdays_new (guint      weekdays,
              WeekdaysOf weekdays_of,
              const char *accessible_name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  /* 1 January 2024 was a Monday. */
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);
  GDateWeekday first = first_weekday ();

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_object_set_data (G_OBJECT (box), "weekdays", (gpointer) weekdays_of);
  for (guint i = 0; i < 7; i++)
    {
      guint day = (first - 1 + i) % 7 + 1;
      g_autoptr(GDateTime) date = g_date_time_add_days (monday, day - 1);
      g_autofree char *abbreviation = g_date_time_format (date, "%a");
      g_autofree char *name = g_date_time_format (date, "%A");
      g_autofree char *initial = g_utf8_substring (abbreviation, 0, 2);
      GtkWidget *button = gtk_toggle_button_new_with_label (initial);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "weekday-toggle");
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), (weekdays & PD_WEEKDAY_BIT (day)) != 0);
      g_object_set_data (G_OBJECT (button), "bit", GUINT_TO_POINTER (PD_WEEKDAY_BIT (day)));
      g_signal_connect (button, "toggled", G_CALLBACK (weekday_toggled_cb), NULL);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

/* A reminder's days, on a row of their own below it: seven buttons fit neither a narrow
 * window nor beside a reminder's text. */
static GtkWidget *
days_row_new (guint       weekdays,
              WeekdaysOf  weekdays_of,
              const char *row_name,
              const char *days_name)
{
  GtkWidget *days = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (days), _("Days"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (days), GTK_ACCESSIBLE_PROPERTY_LABEL, row_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (days), weekdays_new (weekdays, weekdays_of, days_name));
  return days;
}

static guint *
check_in_weekdays (PdRemindersPage *self,
                   GtkWidget       *widget)
{
  return &g_array_index (self->settings->check_ins, PdCheckInTime, row_index (widget)).weekdays;
}

static void
remove_check_in_cb (GtkWidget *button)
{
  PdRemindersPage *self = PD_REMINDERS_PAGE (gtk_widget_get_ancestor (button, PD_TYPE_REMINDERS_PAGE));

  g_array_remove_index (self->settings->check_ins, row_index (button));
  save (self);
  rebuild_check_ins (self);
}

static void
rebuild_check_ins (PdRemindersPage *self)
{
  gboolean loading = self->loading;

  self->loading = TRUE;
  clear_rows (self->check_ins_group, self->check_in_rows);
  for (guint i = 0; i < self->settings->check_ins->len; i++)
    {
      const PdCheckInTime *check_in = &g_array_index (self->settings->check_ins, PdCheckInTime, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Check-in"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 time_box_new (check_in->minute, _("Check-in time"),
                                               G_CALLBACK (check_in_time_cb), NULL));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 remove_button_new (_("Remove Check-in"),
                                                    G_CALLBACK (remove_check_in_cb), NULL));
      add_row (self->check_ins_group, self->check_in_rows, row, i);
      add_row (self->check_ins_group, self->check_in_rows,
               days_row_new (check_in->weekdays, check_in_weekdays, _("Check-in Days"),
                             _("Check-in days")),
               i);
    }
  self->loading = loading;
}

static void
add_check_in_cb (PdRemindersPage *self)
{
  /* The evening: how the day went. */
  PdCheckInTime check_in = { 20 * 60, PD_WEEKDAYS_ALL };

  g_array_append_val (self->settings->check_ins, check_in);
  save (self);
  rebuild_check_ins (self);
}

/* Custom reminders */

static PdCustomReminder *
custom_of (PdRemindersPage *self,
           GtkWidget       *widget)
{
  return g_ptr_array_index (self->settings->custom, row_index (widget));
}

static guint *
custom_weekdays (PdRemindersPage *self,
                 GtkWidget       *widget)
{
  return &custom_of (self, widget)->weekdays;
}

static void
custom_time_cb (GtkWidget *spin)
{
  PdRemindersPage *self = PD_REMINDERS_PAGE (gtk_widget_get_ancestor (spin, PD_TYPE_REMINDERS_PAGE));

  custom_of (self, spin)->minute = time_box_get_minute (gtk_widget_get_parent (spin));
  save (self);
}

static void
custom_text_cb (AdwEntryRow *row)
{
  PdRemindersPage *self = PD_REMINDERS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row), PD_TYPE_REMINDERS_PAGE));
  PdCustomReminder *custom = custom_of (self, GTK_WIDGET (row));

  g_free (custom->text);
  custom->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  save (self);
}

static void
remove_custom_cb (GtkWidget *button)
{
  PdRemindersPage *self = PD_REMINDERS_PAGE (gtk_widget_get_ancestor (button, PD_TYPE_REMINDERS_PAGE));

  g_ptr_array_remove_index (self->settings->custom, row_index (button));
  save (self);
  rebuild_custom (self);
}

static void
rebuild_custom (PdRemindersPage *self)
{
  gboolean loading = self->loading;

  self->loading = TRUE;
  clear_rows (self->custom_group, self->custom_rows);
  for (guint i = 0; i < self->settings->custom->len; i++)
    {
      const PdCustomReminder *custom = g_ptr_array_index (self->settings->custom, i);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Reminder Text"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), custom->text ? custom->text : "");
      g_signal_connect (row, "apply", G_CALLBACK (custom_text_cb), NULL);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                time_box_new (custom->minute, _("Reminder time"),
                                              G_CALLBACK (custom_time_cb), NULL));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                remove_button_new (_("Remove Reminder"),
                                                   G_CALLBACK (remove_custom_cb), NULL));
      add_row (self->custom_group, self->custom_rows, row, i);
      add_row (self->custom_group, self->custom_rows,
               days_row_new (custom->weekdays, custom_weekdays, _("Reminder Days"),
                             _("Reminder days")),
               i);
    }
  self->loading = loading;
}

static void
add_custom_cb (PdRemindersPage *self)
{
  pd_reminder_settings_add_custom (self->settings, "", 12 * 60, PD_WEEKDAYS_ALL);
  /* Not saved until it says something: an empty reminder never fires anyway. */
  rebuild_custom (self);
  /* Its text row, before its days row. */
  gtk_widget_grab_focus (g_ptr_array_index (self->custom_rows, self->custom_rows->len - 2));
}

/* Medications */

static void
medication_switch_cb (GtkSwitch       *toggle,
                      GParamSpec      *pspec,
                      PdRemindersPage *self)
{
  PdMedication *medication = g_object_get_data (G_OBJECT (toggle), "medication");
  g_autoptr(PdMedication) changed = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  changed = pd_medication_copy (medication);
  pd_medication_set_reminders (changed, gtk_switch_get_active (toggle));
  if (!pd_database_save_medication (self->database, changed, &error))
    {
      show_error (self, _("Not saved"), error);
      return;
    }
  pd_medication_set_reminders (medication, gtk_switch_get_active (toggle));
}

static void
build_medications (PdRemindersPage *self)
{
  g_autoptr(GPtrArray) medications = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                           g_date_time_get_month (now),
                                           g_date_time_get_year (now));
  guint32 day = g_date_get_julian (today);

  clear_rows (self->medications_group, self->medication_rows);
  if (!(medications = pd_database_list_medications (self->database, &error)))
    {
      g_warning ("Could not read the regimen: %s", error->message);
      return;
    }
  for (guint i = 0; i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);
      guint32 stop = pd_medication_get_stop_day (medication);
      g_autofree char *schedule = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *times = NULL;
      GtkWidget *row, *toggle;

      if (pd_medication_is_as_needed (medication) || (stop != 0 && stop < day))
        continue;
      schedule = pd_medication_dup_schedule_string (medication);
      parts = g_strsplit (schedule, ";", -1);
      /* Translators: the separator between scheduled times, as in "08:00, 20:00" */
      times = g_strjoinv (_(", "), parts);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pd_medication_get_name (medication));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), times);
      toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), pd_medication_get_reminders (medication));
      g_object_set_data_full (G_OBJECT (toggle), "medication", g_object_ref (medication), g_object_unref);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (medication_switch_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_object_bind_property (self->medications_switch, "active", row, "sensitive", G_BINDING_SYNC_CREATE);
      adw_preferences_group_add (self->medications_group, row);
      g_ptr_array_add (self->medication_rows, row);
    }
}

static void
medications_switch_cb (PdRemindersPage *self)
{
  if (self->loading)
    return;
  self->settings->medication_reminders = gtk_switch_get_active (self->medications_switch);
  save (self);
}

/* Quiet hours */

static void
quiet_switch_cb (PdRemindersPage *self)
{
  if (self->loading)
    return;
  self->settings->quiet_hours = adw_expander_row_get_enable_expansion (self->quiet_row);
  save (self);
}

static void
quiet_time_cb (PdRemindersPage *self)
{
  if (self->loading)
    return;
  self->settings->quiet_start = time_box_get_minute (self->quiet_start_box);
  self->settings->quiet_end = time_box_get_minute (self->quiet_end_box);
  save (self);
}

static GtkWidget *
quiet_time_row_new (PdRemindersPage *self,
                    const char      *title,
                    guint            minute,
                    GtkWidget      **box)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  *box = time_box_new (minute, title, G_CALLBACK (quiet_time_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *box);
  return row;
}

/* Autostart */

char *
pd_autostart_get_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop", NULL);
}

/* An argument of a desktop entry's Exec key, quoted as the Desktop Entry Specification
 * asks: in double quotes, with " ` $ and \ escaped by a backslash, and % doubled. (GKeyFile
 * then escapes the value as a string.) */
static char *
exec_quote (const char *arg)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = arg; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (quoted, '\\');
      else if (*p == '%')
        g_string_append_c (quoted, '%');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

gboolean
pd_autostart_set (gboolean     enabled,
                  const char  *diary_path,
                  GError     **error)
{
  g_autofree char *path = pd_autostart_get_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *default_path = pd_database_get_default_path ();
  g_autofree char *exec = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GKeyFile) entry = NULL;
  gsize length;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (diary_path != NULL && g_strcmp0 (diary_path, default_path) != 0)
    {
      g_autofree char *quoted = exec_quote (diary_path);
      exec = g_strdup_printf ("pain-diary --background -d %s", quoted);
    }
  else
    exec = g_strdup ("pain-diary --background");

  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, "Pain Diary");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         "Reminders from Pain Diary");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APPLICATION_ID);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);
  contents = g_key_file_to_data (entry, &length, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* Inside a Flatpak sandbox the entry above lands in the sandbox's own config folder, where
 * no session reads it: it only remembers the choice, and the Background portal does the
 * starting. */
static gboolean
autostart_set_sandboxed (gboolean     enabled,
                         const char  *diary_path,
                         GError     **error)
{
  g_autofree char *default_path = pd_database_get_default_path ();
  const char *plain[] = { "pain-diary", "--background", NULL };
  const char *with_diary[] = { "pain-diary", "--background", "-d", diary_path, NULL };
  gboolean own_diary = diary_path != NULL && g_strcmp0 (diary_path, default_path) != 0;

  if (!pd_background_portal_request (NULL, enabled, own_diary ? with_diary : plain,
                                     _("Pain Diary keeps reminding you with its window closed"),
                                     error))
    return FALSE;
  return pd_autostart_set (enabled, diary_path, error);
}

static void
autostart_switch_cb (PdRemindersPage *self)
{
  gboolean enabled = gtk_switch_get_active (self->autostart_switch);
  const char *diary = pd_database_get_path (self->database);
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!(pd_background_portal_is_sandboxed ()
          ? autostart_set_sandboxed (enabled, diary, &error)
          : pd_autostart_set (enabled, diary, &error)))
    show_error (self, _("Could not change the start at login"), error);
}

static void
load (PdRemindersPage *self)
{
  g_autofree char *autostart = pd_autostart_get_path ();

  self->loading = TRUE;
  gtk_switch_set_active (self->medications_switch, self->settings->medication_reminders);
  build_medications (self);
  rebuild_check_ins (self);
  rebuild_custom (self);
  adw_expander_row_set_enable_expansion (self->quiet_row, self->settings->quiet_hours);
  adw_expander_row_add_row (self->quiet_row,
                            quiet_time_row_new (self, _("From"), self->settings->quiet_start,
                                                &self->quiet_start_box));
  adw_expander_row_add_row (self->quiet_row,
                            quiet_time_row_new (self, _("Until"), self->settings->quiet_end,
                                                &self->quiet_end_box));
  gtk_switch_set_active (self->autostart_switch, g_file_test (autostart, G_FILE_TEST_EXISTS));
  self->loading = FALSE;
}

static void
pd_reminders_page_dispose (GObject *object)
{
  PdRemindersPage *self = PD_REMINDERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_REMINDERS_PAGE);
  g_clear_object (&self->database);
  g_clear_pointer (&self->settings, pd_reminder_settings_free);
  g_clear_pointer (&self->medication_rows, g_ptr_array_unref);
  g_clear_pointer (&self->check_in_rows, g_ptr_array_unref);
  g_clear_pointer (&self->custom_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_reminders_page_parent_class)->dispose (object);
}

static void
pd_reminders_page_class_init (PdRemindersPageClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdRemindersPage, medications_group),
    PD_TEMPLATE_CHILD (PdRemindersPage, check_ins_group),
    PD_TEMPLATE_CHILD (PdRemindersPage, custom_group),
    PD_TEMPLATE_CHILD (PdRemindersPage, medications_switch),
    PD_TEMPLATE_CHILD (PdRemindersPage, quiet_row),
    PD_TEMPLATE_CHILD (PdRemindersPage, autostart_switch),
    PD_TEMPLATE_CALLBACK (medications_switch_cb),
    PD_TEMPLATE_CALLBACK (add_check_in_cb),
    PD_TEMPLATE_CALLBACK (add_custom_cb),
    PD_TEMPLATE_CALLBACK (quiet_switch_cb),
    PD_TEMPLATE_CALLBACK (autostart_switch_cb)
  };
  G_OBJECT_CLASS (klass)->dispose = pd_reminders_page_dispose;
  pd_widget_class_set_template (GTK_WIDGET_CLASS (klass), "pd-reminders-page.ui", bindings,
                                G_N_ELEMENTS (bindings));
}

static void
pd_reminders_page_init (PdRemindersPage *self)
{
  /* Template signals fire while it is built: nothing is loaded yet. */
  self->loading = TRUE;
  self->medication_rows = g_ptr_array_new ();
  self->check_in_rows = g_ptr_array_new ();
  self->custom_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_reminders_page_new (PdDatabase *database)
{
  PdRemindersPage *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  self = g_object_new (PD_TYPE_REMINDERS_PAGE, NULL);
  self->database = g_object_ref (database);
  self->settings = pd_reminder_settings_load (database);
  load (self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (pd_spine_reminder_group_new (database)));
  return GTK_WIDGET (self);
}
