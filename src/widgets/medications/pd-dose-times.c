/* pd-dose-times.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-dose-times"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-dose-times.h"

#define DEFAULT_TIME     (8 * 60)
#define MINUTES_PER_DAY  (24 * 60)

struct _PdDoseTimes
{
  AdwPreferencesGroup *group;
  GtkWidget *empty_focus;
  /* The AdwActionRows of group, each with a GtkSpinButton of minutes. */
  GPtrArray *rows;
};

/* Times of day: one spin button of minutes per scheduled time, shown as a clock. */

static char *
format_minutes (guint minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60 % 24, minutes % 60);
}

/* "8", "08:30", "8.30", "830", "8:30 pm", "20h30" -> minutes after midnight; -1 otherwise. */
static int
parse_minutes (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  char *p = g_strstrip (lower);
  gboolean pm = FALSE, am = FALSE;
  guint64 hours, minutes = 0;
  char *end;
  gsize len = strlen (p);

  if (len >= 2 && (g_str_has_suffix (p, "pm") || g_str_has_suffix (p, "am")))
    {
      pm = p[len - 2] == 'p';
      am = !pm;
      p[len - 2] = '\0';
      g_strchomp (p);
    }
  if (!g_ascii_isdigit (*p))
    return -1;

  hours = g_ascii_strtoull (p, &end, 10);
  if (*end == ':' || *end == '.' || *end == 'h')
    {
      if (end[1] == '\0' && *end == 'h')
        minutes = 0;
      else
        {
          char *rest = end + 1;

          if (!g_ascii_isdigit (*rest))
            return -1;
          minutes = g_ascii_strtoull (rest, &end, 10);
          if (end - rest != 2)
            return -1;
        }
    }
  else if (end - p >= 3 && end - p <= 4)
    {
      minutes = hours % 100;
      hours /= 100;
    }
  else if (end - p > 2)
    return -1;
  if (*end != '\0')
    return -1;

  if (am || pm)
    {
      if (hours < 1 || hours > 12)
        return -1;
      hours = hours % 12 + (pm ? 12 : 0);
    }
  if (hours > 23 || minutes > 59)
    return -1;
  return (int) (hours * 60 + minutes);
}

static int
time_input_cb (GtkSpinButton *spin,
               double        *value)
{
  int minutes = parse_minutes (gtk_editable_get_text (GTK_EDITABLE (spin)));

  if (minutes < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
      return GTK_INPUT_ERROR;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
  *value = minutes;
  return TRUE;
}

static gboolean
time_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = format_minutes ((guint) gtk_spin_button_get_value (spin));

  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (spin))))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  return TRUE;
}

static GtkSpinButton *
row_get_spin (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "spin");
}

/* Titles and accessible names follow the position: "Dose 1", "Remove dose 1". */
static void
renumber (PdDoseTimes *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *remove = g_object_get_data (G_OBJECT (row), "remove");
      /* Translators: the title of one scheduled time, e.g. "Dose 2" */
      g_autofree char *title = g_strdup_printf (_("Dose %u"), i + 1);
      /* Translators: accessible names, e.g. "Time of dose 2", "Remove dose 2" */
      g_autofree char *time_label = g_strdup_printf (_("Time of dose %u"), i + 1);
      g_autofree char *remove_label = g_strdup_printf (_("Remove dose %u"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_get_spin (row)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, time_label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
    }
}

static void
remove_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  PdDoseTimes *self = user_data;
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  guint index;

  if (!g_ptr_array_find (self->rows, row, &index))
    return;
  adw_preferences_group_remove (self->group, row);
  g_ptr_array_remove_index (self->rows, index);
  renumber (self);

  /* Keep the keyboard focus near where it was. */
  if (self->rows->len > 0)
    {
      GtkWidget *next = g_ptr_array_index (self->rows, MIN (index, self->rows->len - 1));

      gtk_widget_grab_focus (GTK_WIDGET (row_get_spin (next)));
    }
  else
    gtk_widget_grab_focus (self->empty_focus);
}

GtkWidget *
pd_dose_times_add (PdDoseTimes *self,
                   guint        minutes)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, MINUTES_PER_DAY - 1, 15);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), 15, 60);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_signal_connect (spin, "input", G_CALLBACK (time_input_cb), NULL);
  g_signal_connect (spin, "output", G_CALLBACK (time_output_cb), NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), minutes);
  time_output_cb (GTK_SPIN_BUTTON (spin));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Time"));
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "spin", spin);
  g_object_set_data (G_OBJECT (row), "remove", remove);

  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  renumber (self);
  return spin;
}

void
pd_dose_times_add_next (PdDoseTimes *self)
{
  guint minutes = DEFAULT_TIME;

  /* A new time four hours after the last: 08:00, 12:00, 16:00, 20:00. */
  if (self->rows->len > 0)
    {
      GtkWidget *last = g_ptr_array_index (self->rows, self->rows->len - 1);
      guint last_minutes = (guint) gtk_spin_button_get_value (row_get_spin (last));

      minutes = (last_minutes + 4 * 60) % MINUTES_PER_DAY;
    }
  gtk_widget_grab_focus (pd_dose_times_add (self, minutes));
}

void
pd_dose_times_clear (PdDoseTimes *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

guint
pd_dose_times_get_n (PdDoseTimes *self)
{
  return self->rows->len;
}

gboolean
pd_dose_times_take_typed (PdDoseTimes  *self,
                          GError      **error)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkSpinButton *spin = row_get_spin (g_ptr_array_index (self->rows, i));
      int typed = parse_minutes (gtk_editable_get_text (GTK_EDITABLE (spin)));

      if (typed < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Dose %u: “%s” is not a time of day. Write it as 08:00."), i + 1,
                       gtk_editable_get_text (GTK_EDITABLE (spin)));
          return FALSE;
        }
      gtk_spin_button_set_value (spin, typed);
    }
  return TRUE;
}

static int
compare_minutes (gconstpointer a,
                 gconstpointer b)
{
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

GArray *
pd_dose_times_get_minutes (PdDoseTimes *self)
{
  GArray *minutes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      guint value = (guint) gtk_spin_button_get_value (row_get_spin (row));
      gboolean seen = FALSE;

      for (guint j = 0; j < minutes->len; j++)
        seen |= g_array_index (minutes, guint, j) == value;
      if (!seen)
        g_array_append_val (minutes, value);
    }
  g_array_sort (minutes, compare_minutes);
  return minutes;
}

PdDoseTimes *
pd_dose_times_new (AdwPreferencesGroup *group,
                   GtkWidget           *empty_focus)
{
  PdDoseTimes *self = g_new0 (PdDoseTimes, 1);

  self->group = group;
  self->empty_focus = empty_focus;
  self->rows = g_ptr_array_new ();
  return self;
}

void
pd_dose_times_free (PdDoseTimes *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rows);
  g_free (self);
}
