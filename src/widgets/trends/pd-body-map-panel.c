/* pd-body-map-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-body-map-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-body-map-panel.h"
#include "pd-body-map-view.h"
#include "pd-body-stats.h"

struct _PdBodyMapPanel
{
  AdwBin parent_instance;

  GPtrArray *entries;
  guint32 first_day;
  guint32 last_day;

  GtkWidget *view;
  GtkWidget *summary;
  GtkWidget *custom;
  GtkWidget *note;
};

G_DEFINE_FINAL_TYPE (PdBodyMapPanel, pd_body_map_panel, ADW_TYPE_BIN)

static void
update (PdBodyMapPanel *self)
{
  PdBodyStats *stats;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;
  g_autofree char *custom = NULL;

  if (self->entries == NULL || self->first_day == 0 || self->first_day > self->last_day)
    return;
  stats = pd_body_stats_new (self->entries, self->first_day, self->last_day);
  summary = pd_body_stats_summary (stats, 8);
  note = pd_body_stats_note (stats);
  custom = pd_body_stats_describe_custom (stats);
  pd_body_map_view_set_stats (PD_BODY_MAP_VIEW (self->view), stats);
  gtk_label_set_label (GTK_LABEL (self->summary), summary);
  gtk_label_set_label (GTK_LABEL (self->note), note != NULL ? note : "");
  gtk_widget_set_visible (self->note, note != NULL);
  gtk_label_set_label (GTK_LABEL (self->custom), custom != NULL ? custom : "");
  gtk_widget_set_visible (self->custom, custom != NULL);
}

void
pd_body_map_panel_set_entries (PdBodyMapPanel *self,
                               GPtrArray      *entries)
{
  g_return_if_fail (PD_IS_BODY_MAP_PANEL (self));

  if (entries != NULL)
    g_ptr_array_ref (entries);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  update (self);
}

void
pd_body_map_panel_set_range (PdBodyMapPanel *self,
                             guint32         first_day,
                             guint32         last_day)
{
  g_return_if_fail (PD_IS_BODY_MAP_PANEL (self));

  if (self->first_day == first_day && self->last_day == last_day)
    return;
  self->first_day = first_day;
  self->last_day = last_day;
  update (self);
}

static void
pd_body_map_panel_dispose (GObject *object)
{
  PdBodyMapPanel *self = PD_BODY_MAP_PANEL (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_body_map_panel_parent_class)->dispose (object);
}

static void
pd_body_map_panel_class_init (PdBodyMapPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_body_map_panel_dispose;
}

static void
pd_body_map_panel_init (PdBodyMapPanel *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *clamp = adw_clamp_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Where It Hurt"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each place coloured by the days it hurt, with its mean "
                                           "pain, over the days shown in the chart."));

  self->view = pd_body_map_view_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Body map of the period"), -1);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 720);
  gtk_widget_set_halign (clamp, GTK_ALIGN_START);
  gtk_widget_set_hexpand (clamp, TRUE);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->view);

  /* Information for the clinician, above the picture's text alternative. */
  self->note = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->note), 0);
  gtk_widget_add_css_class (self->note, "heading");
  gtk_widget_set_visible (self->note, FALSE);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_add_css_class (self->summary, "dim-label");

  gtk_box_append (GTK_BOX (box), clamp);
  gtk_box_append (GTK_BOX (box), self->note);
  gtk_box_append (GTK_BOX (box), self->summary);
  /* The places the figure has no region for, as the patient wrote them. */
  self->custom = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->custom), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->custom), 0);
  gtk_widget_set_visible (self->custom, FALSE);
  gtk_box_append (GTK_BOX (box), self->custom);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_bin_set_child (ADW_BIN (self), group);
}

GtkWidget *
pd_body_map_panel_new (void)
{
  return g_object_new (PD_TYPE_BODY_MAP_PANEL, NULL);
}
