/* pd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-preferences-window.h"
#include "pd-format.h"
#include "pd-reminders-page.h"
#include "pd-safety-preferences.h"
#include "pd-page-util.h"

struct _PdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  PdDatabase *database;
  gboolean loading;

  AdwPreferencesPage *diary_page;
  AdwEntryRow *name_row;
  AdwActionRow *surgery_row;
  GtkWidget *clear_surgery_button;
  GtkPopover *surgery_popover;
  GtkCalendar *surgery_calendar;
};

G_DEFINE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
save_meta (PdPreferencesWindow *self,
           const char          *key,
           const char          *value)
{
  g_autoptr(GError) error = NULL;

  if (!pd_database_set_meta (self->database, key, value, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      pd_preferences_toast (GTK_WIDGET (self), message);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
show_surgery_date (PdPreferencesWindow *self)
{
  g_autofree char *value = pd_database_get_meta (self->database, "surgery_date");
  g_autoptr(GDate) date = g_date_new ();

  if (value != NULL)
    g_date_set_parse (date, value);
  if (value != NULL && g_date_valid (date))
    {
      /* The long form, as everywhere else in the window. */
      g_autofree char *text = pd_format_day (g_date_get_julian (date));

      adw_action_row_set_subtitle (self->surgery_row, text);
    }
  else
    adw_action_row_set_subtitle (self->surgery_row, _("Not set"));
  gtk_widget_set_visible (self->clear_surgery_button, value != NULL && *value != '\0');
}

static void
name_applied_cb (PdPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  save_meta (self, "patient_name", name);
}

static void
surgery_day_selected_cb (PdPreferencesWindow *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *value = NULL;

  if (self->loading)
    return;
  day = gtk_calendar_get_date (self->surgery_calendar);
  if (g_date_time_compare (day, now) > 0)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The surgery date cannot be in the future")));
      return;
    }
  value = g_date_time_format (day, "%Y-%m-%d");
  save_meta (self, "surgery_date", value);
  show_surgery_date (self);
  gtk_popover_popdown (self->surgery_popover);
}

static void
clear_surgery_cb (PdPreferencesWindow *self)
{
  save_meta (self, "surgery_date", "");
  show_surgery_date (self);
}

static void
safety_changed_cb (gpointer user_data)
{
  g_signal_emit (user_data, signals[CHANGED], 0);
}

static void
pd_preferences_window_dispose (GObject *object)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->dispose (object);
}

static void
pd_preferences_window_class_init (PdPreferencesWindowClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdPreferencesWindow, diary_page),
    PD_TEMPLATE_CHILD (PdPreferencesWindow, name_row),
    PD_TEMPLATE_CHILD (PdPreferencesWindow, surgery_row),
    PD_TEMPLATE_CHILD (PdPreferencesWindow, clear_surgery_button),
    PD_TEMPLATE_CHILD (PdPreferencesWindow, surgery_popover),
    PD_TEMPLATE_CHILD (PdPreferencesWindow, surgery_calendar),
    PD_TEMPLATE_CALLBACK (name_applied_cb),
    PD_TEMPLATE_CALLBACK (surgery_day_selected_cb),
    PD_TEMPLATE_CALLBACK (clear_surgery_cb)
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_preferences_window_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  pd_widget_class_set_template (widget_class, "pd-preferences-window.ui", bindings,
                                G_N_ELEMENTS (bindings));
}

static void
pd_preferences_window_init (PdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PdPreferencesWindow *
pd_preferences_window_new (GtkWindow  *parent,
                           PdDatabase *database)
{
  PdPreferencesWindow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  self = g_object_new (PD_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->loading = TRUE;
  name = pd_database_get_meta (database, "patient_name");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  show_surgery_date (self);
  if (!pd_database_is_read_only (database))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (pd_reminders_page_new (database)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              pd_safety_preferences_page_new (database, G_CALLBACK (safety_changed_cb),
                                                              self));
  self->loading = FALSE;
  return self;
}

void
pd_preferences_window_add_diary_group (PdPreferencesWindow *self,
                                       AdwPreferencesGroup *group)
{
  g_return_if_fail (PD_IS_PREFERENCES_WINDOW (self));
  adw_preferences_page_add (self->diary_page, group);
}
