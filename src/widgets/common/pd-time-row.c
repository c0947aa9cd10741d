/* pd-time-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-time-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-time-row.h"

struct _PdTimeRow
{
  AdwActionRow parent_instance;

  GDateTime *time;
  gboolean allow_future;

  GtkMenuButton *button;
  /* Built when first opened: a calendar is costly at start-up. */
  GtkPopover *popover;
  GtkCalendar *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
};

G_DEFINE_FINAL_TYPE (PdTimeRow, pd_time_row, ADW_TYPE_ACTION_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_subtitle (PdTimeRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;

  if (self->time == NULL)
    text = g_strdup (_("Now"));
  else
    {
      int days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (self->time);
      g_autofree char *clock = g_date_time_format (self->time, "%H:%M");
      gboolean same_year = g_date_time_get_year (now) == g_date_time_get_year (self->time);

      if (same_year && days == 0)
        text = g_strdup_printf (_("Today at %s"), clock);
      else if (same_year && days == 1)
        text = g_strdup_printf (_("Yesterday at %s"), clock);
      else if (same_year && days == -1)
        text = g_strdup_printf (_("Tomorrow at %s"), clock);
      else
        {
          /* Translators: a date, as in "3 October 2026 at 08:30" (strftime format) */
          g_autofree char *date = g_date_time_format (self->time, _("%-d %B %Y"));
          /* Translators: a date and a time, e.g. "3 October 2026 at 08:30" */
          text = g_strdup_printf (_("%s at %s"), date, clock);
        }
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text);
}

static void
sync_popover (PdTimeRow *self)
{
  g_autoptr(GDateTime) shown = NULL;

  if (self->popover == NULL)
    return;
  shown = pd_time_row_dup_time_or_now (self);
  gtk_calendar_select_day (self->calendar, shown);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (shown));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (shown));
}

void
pd_time_row_set_time (PdTimeRow *self,
                      GDateTime *time)
{
  g_return_if_fail (PD_IS_TIME_ROW (self));

  g_clear_pointer (&self->time, g_date_time_unref);
  if (time != NULL)
    self->time = g_date_time_ref (time);
  update_subtitle (self);
  sync_popover (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
pd_time_row_set_record_time (PdTimeRow *self,
                             gint64     time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time);

  pd_time_row_set_time (self, local);
}

GDateTime *
pd_time_row_get_time (PdTimeRow *self)
{
  g_return_val_if_fail (PD_IS_TIME_ROW (self), NULL);
  return self->time;
}

GDateTime *
pd_time_row_dup_time_or_now (PdTimeRow *self)
{
  g_return_val_if_fail (PD_IS_TIME_ROW (self), NULL);
  return self->time ? g_date_time_ref (self->time) : g_date_time_new_now_local ();
}

GDateTime *
pd_time_row_dup_changed_time (PdTimeRow *self,
                              gint64     current,
                              gboolean   is_new)
{
  g_return_val_if_fail (PD_IS_TIME_ROW (self), NULL);

  if (self->time == NULL)
    return is_new ? g_date_time_new_now_local () : NULL;
  if (g_date_time_to_unix (self->time) == current)
    return NULL;
  return g_date_time_ref (self->time);
}

void
pd_time_row_set_allow_future (PdTimeRow *self,
                              gboolean   allow)
{
  g_return_if_fail (PD_IS_TIME_ROW (self));
  self->allow_future = allow;
}

static void
now_clicked_cb (PdTimeRow *self)
{
  pd_time_row_set_time (self, NULL);
  gtk_popover_popdown (self->popover);
}

static void
set_clicked_cb (PdTimeRow *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) chosen = NULL;

  chosen = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day),
                                  gtk_spin_button_get_value_as_int (self->hour_spin),
                                  gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  /* A diary records what has happened: a time ahead becomes "now". */
  if (chosen == NULL || (!self->allow_future && g_date_time_compare (chosen, now) > 0))
    pd_time_row_set_time (self, NULL);
  else
    pd_time_row_set_time (self, chosen);
  gtk_popover_popdown (self->popover);
}

static GtkSpinButton *
time_spin (int         upper,
           int         page,
           const char *name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), 1, page);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return GTK_SPIN_BUTTON (spin);
}

static void
create_popover_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  PdTimeRow *self = PD_TIME_ROW (user_data);
  GtkWidget *box, *clock, *buttons, *now, *set;

  if (self->popover != NULL)
    return;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date"), -1);
  self->hour_spin = time_spin (23, 6, _("Hour"));
  self->minute_spin = time_spin (59, 15, _("Minute"));

  clock = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (clock, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (clock), GTK_WIDGET (self->hour_spin));
  gtk_box_append (GTK_BOX (clock), gtk_label_new (":"));
  gtk_box_append (GTK_BOX (clock), GTK_WIDGET (self->minute_spin));

  now = gtk_button_new_with_label (_("Now"));
  g_signal_connect_swapped (now, "clicked", G_CALLBACK (now_clicked_cb), self);
  set = gtk_button_new_with_label (_("Set Time"));
  gtk_widget_add_css_class (set, "suggested-action");
  g_signal_connect_swapped (set, "clicked", G_CALLBACK (set_clicked_cb), self);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), now);
  gtk_box_append (GTK_BOX (buttons), set);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), clock);
  gtk_box_append (GTK_BOX (box), buttons);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->popover));
  sync_popover (self);
}

static void
pd_time_row_finalize (GObject *object)
{
  PdTimeRow *self = PD_TIME_ROW (object);

  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (pd_time_row_parent_class)->finalize (object);
}

static void
pd_time_row_class_init (PdTimeRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_time_row_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_time_row_init (PdTimeRow *self)
{
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "document-edit-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Change Time"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change Time"), -1);
  gtk_menu_button_set_create_popup_func (self->button, create_popover_cb, self, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Time"));
  update_subtitle (self);
}

GtkWidget *
pd_time_row_new (void)
{
  return g_object_new (PD_TYPE_TIME_ROW, NULL);
}
