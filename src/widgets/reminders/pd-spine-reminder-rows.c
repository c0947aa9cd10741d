/* pd-spine-reminder-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-spine-reminder-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-rows.h"
#include "pd-spine-reminder-rows.h"
#include "pd-spine-reminders.h"

static guint
stored_value (PdDatabase *database,
              const char *key,
              guint       fallback,
              guint       max)
{
  g_autofree char *text = pd_database_get_meta (database, key);
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return (guint) value;
  return fallback;
}

static void
value_changed_cb (GtkSpinButton *spin,
                  PdDatabase    *database)
{
  const char *key = g_object_get_data (G_OBJECT (spin), "key");
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));
  g_autoptr(GError) error = NULL;

  if (!pd_database_set_meta (database, key, value, &error))
    g_warning ("Could not save %s: %s", key, error->message);
}

/* One question's delay: 0 turns it off. */
typedef struct
{
  const char *title;
  const char *subtitle;
  const char *key;
  guint       fallback;
  guint       stored_max;   /* the most a stored value may be */
  guint       max;          /* the most the row offers */
} SpinRow;

static const SpinRow spin_rows[] = {
  { N_("Pain after an as-needed dose"),
    N_("Minutes after the dose to ask “How is your pain now?”"),
    PD_PRN_FOLLOW_UP_KEY, PD_PRN_FOLLOW_UP_DEFAULT, 24 * 60, 120 },
  { N_("Impression of change after a treatment"),
    N_("Days after a treatment to ask whether you are better, the same or worse"),
    PD_PGIC_DAYS_KEY, PD_PGIC_DAYS_DEFAULT, 365, 90 },
};

static GtkWidget *
spin_row_new (PdDatabase    *database,
              const SpinRow *spin_row)
{
  const char *title = _(spin_row->title);
  GtkSpinButton *spin;
  GtkWidget *row = pd_spin_row_new (title, _(spin_row->subtitle), 0, spin_row->max, 1, 0, &spin);

  gtk_spin_button_set_value (spin, stored_value (database, spin_row->key, spin_row->fallback,
                                                 spin_row->stored_max));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (spin), "key", (gpointer) spin_row->key);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (value_changed_cb), database, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (spin), !pd_database_is_read_only (database));
  return row;
}

GtkWidget *
pd_spine_reminder_group_new (PdDatabase *database)
{
  GtkWidget *group = adw_preferences_group_new ();

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _("After Doses and Treatments"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Questions that show whether something helped; "
                                           "quiet hours hold them back. 0 turns one off."));
  for (guint i = 0; i < G_N_ELEMENTS (spin_rows); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               spin_row_new (database, &spin_rows[i]));
  return group;
}
