/* pd-entry-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-entry-row.h"
#include "pd-page-util.h"
#include "pd-rows.h"
#include "pd-tags.h"

struct _PdEntryRow
{
  AdwActionRow parent_instance;

  PdPainEntry *entry;
};

G_DEFINE_FINAL_TYPE (PdEntryRow, pd_entry_row, ADW_TYPE_ACTION_ROW)

static void
pd_entry_row_finalize (GObject *object)
{
  PdEntryRow *self = PD_ENTRY_ROW (object);

  g_clear_object (&self->entry);

  G_OBJECT_CLASS (pd_entry_row_parent_class)->finalize (object);
}

static void
pd_entry_row_class_init (PdEntryRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_entry_row_finalize;
}

static void
pd_entry_row_init (PdEntryRow *self)
{
}

static GtkWidget *
make_badge (int score)
{
  g_autofree char *text = g_strdup_printf ("%d", score);
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "score-badge");
  gtk_widget_add_css_class (badge, score <= 3 ? "score-mild" : score <= 6 ? "score-moderate" : "score-severe");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  return badge;
}

static char *
describe (PdPainEntry *entry,
          const char  *clock)
{
  GString *text = g_string_new (clock);
  g_autofree char *where = pd_tags_to_label_full (PD_TAG_LOCATION, pd_pain_entry_get_locations (entry),
                                                  pd_pain_entry_get_custom_locations (entry));
  g_autofree char *feels = pd_tags_to_label_full (PD_TAG_QUALITY, pd_pain_entry_get_qualities (entry),
                                                  pd_pain_entry_get_custom_qualities (entry));

  if (*where != '\0')
    g_string_append_printf (text, " · %s", where);
  if (*feels != '\0')
    g_string_append_printf (text, " · %s", feels);
  if (pd_pain_entry_get_sleep_hours (entry) >= 0)
    {
      g_string_append (text, " · ");
      /* Translators: hours of sleep, e.g. "slept 6.5 h" */
      g_string_append_printf (text, _("slept %.1f h"), pd_pain_entry_get_sleep_hours (entry));
    }
  if (pd_pain_entry_get_mood (entry) >= 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("mood %d"), pd_pain_entry_get_mood (entry));
    }
  return g_string_free (text, FALSE);
}

GtkWidget *
pd_entry_row_new (PdPainEntry *entry,
                  gboolean     editable)
{
  PdEntryRow *self;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  const char *note;
  int pain;

  g_return_val_if_fail (PD_IS_PAIN_ENTRY (entry), NULL);

  self = g_object_new (PD_TYPE_ENTRY_ROW, NULL);
  self->entry = g_object_ref (entry);
  pain = pd_pain_entry_get_pain (entry);
  note = pd_pain_entry_get_note (entry);
  local = pd_pain_entry_dup_local_time (entry);
  clock = g_date_time_format (local, "%H:%M");

  /* The score names the row, as the badge shows it; a note comes under it, with the details. */
  /* Translators: a row title, e.g. "Pain 6" */
  title = g_strdup_printf (_("Pain %d"), pain);
  subtitle = describe (entry, clock);
  if (*note != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (note, -1);
      g_autofree char *details = g_steal_pointer (&subtitle);

      subtitle = g_strdup_printf ("%s\n%s", escaped, details);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), make_badge (pain));

  if (pd_pain_entry_get_red_flags (entry) != 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *flags = pd_tags_to_label (PD_TAG_RED_FLAG, pd_pain_entry_get_red_flags (entry));

      gtk_widget_add_css_class (icon, "error");
      pd_widget_set_tooltip (icon, flags);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, flags, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), icon);
    }

  if (editable)
    {
      /* Translators: what the Edit and Delete buttons act on, e.g. "entry of 08:30" */
      g_autofree char *what = g_strdup_printf (_("entry of %s"), clock);
      pd_row_add_record_buttons (ADW_ACTION_ROW (self), PD_RECORD_PAIN, pd_pain_entry_get_id (entry), what);
    }
  return GTK_WIDGET (self);
}

PdPainEntry *
pd_entry_row_get_entry (PdEntryRow *self)
{
  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), NULL);
  return self->entry;
}
