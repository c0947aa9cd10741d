/* pd-activity-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-activity-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-editors.h"
#include "pd-catalogue.h"
#include "pd-rows.h"
#include "pd-time-row.h"

#define PD_TYPE_ACTIVITY_EDITOR (pd_activity_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdActivityEditor, pd_activity_editor, PD, ACTIVITY_EDITOR, PdRecordEditor)

struct _PdActivityEditor
{
  PdRecordEditor parent_instance;

  PdActivity *activity;
  gboolean is_new;

  AdwComboRow *kind_row;      /* the catalogue, then "Other" */
  AdwEntryRow *name_row;      /* shown for "Other" */
  GtkSpinButton *duration_spin;
  GtkSpinButton *effort_spin;
  PdTimeRow *time_row;
  AdwEntryRow *note_row;
};

G_DEFINE_FINAL_TYPE (PdActivityEditor, pd_activity_editor, PD_TYPE_RECORD_EDITOR)

static const char *
chosen_name (PdActivityEditor *self)
{
  guint n;
  const PdActivityInfo *catalogue = pd_catalogue_activities (&n);
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected < n)
    return g_dgettext (GETTEXT_PACKAGE, catalogue[selected].name);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

static void
kind_changed_cb (PdActivityEditor *self)
{
  guint n;
  g_autofree char *name = NULL;

  pd_catalogue_activities (&n);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), adw_combo_row_get_selected (self->kind_row) >= n);
  name = g_strstrip (g_strdup (chosen_name (self)));
  pd_record_editor_set_can_save (PD_RECORD_EDITOR (self), *name != '\0');
}

static GObject *
pd_activity_editor_build (PdRecordEditor  *editor,
                          GError         **error)
{
  PdActivityEditor *self = PD_ACTIVITY_EDITOR (editor);
  g_autoptr(PdActivity) activity = pd_activity_copy (self->activity);
  g_autofree char *name = g_strstrip (g_strdup (chosen_name (self)));
  g_autoptr(GDateTime) time = pd_time_row_dup_changed_time (self->time_row, pd_activity_get_time (activity),
                                                           self->is_new);

  pd_activity_set_name (activity, name);
  pd_activity_set_duration (activity, gtk_spin_button_get_value_as_int (self->duration_spin));
  pd_activity_set_effort (activity, gtk_spin_button_get_value_as_int (self->effort_spin));
  pd_activity_set_note (activity, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  if (time != NULL)
    pd_activity_set_date_time (activity, time);
  return G_OBJECT (g_steal_pointer (&activity));
}

static void
pd_activity_editor_finalize (GObject *object)
{
  PdActivityEditor *self = PD_ACTIVITY_EDITOR (object);

  g_clear_object (&self->activity);

  G_OBJECT_CLASS (pd_activity_editor_parent_class)->finalize (object);
}

static void
pd_activity_editor_class_init (PdActivityEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_activity_editor_finalize;
  PD_RECORD_EDITOR_CLASS (klass)->build = pd_activity_editor_build;
}

static void
pd_activity_editor_init (PdActivityEditor *self)
{
}

static void
build (PdActivityEditor *self)
{
  guint n;
  const PdActivityInfo *catalogue = pd_catalogue_activities (&n);
  g_autofree const char **labels = g_new0 (const char *, n + 2);
  const char *name = pd_activity_get_name (self->activity);
  guint selected = n;
  GtkWidget *group, *row;

  for (guint i = 0; i < n; i++)
    {
      labels[i] = g_dgettext (GETTEXT_PACKAGE, catalogue[i].name);
      if (name != NULL && (g_ascii_strcasecmp (name, catalogue[i].name) == 0 ||
                           g_strcmp0 (name, labels[i]) == 0))
        selected = i;
    }
  labels[n] = _("Other");
  if (self->is_new && (name == NULL || *name == '\0'))
    selected = 0;

  group = adw_preferences_group_new ();
  row = pd_combo_row_new (_("Activity or Therapy"), labels);
  self->kind_row = ADW_COMBO_ROW (row);
  adw_combo_row_set_selected (self->kind_row, selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_text_row_new (_("Name"), selected == n ? name : "");
  self->name_row = ADW_ENTRY_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_spin_row_new (_("Duration"), _("Minutes"), 1, 1440, 5, 0, &self->duration_spin);
  gtk_spin_button_set_value (self->duration_spin, MAX (1, pd_activity_get_duration (self->activity)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_spin_row_new (_("Effort"), _("0 is no effort, 10 is the hardest you can manage"),
                         0, 10, 1, 0, &self->effort_spin);
  gtk_spin_button_set_value (self->effort_spin, MAX (0, pd_activity_get_effort (self->activity)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_time_row_new ();
  self->time_row = PD_TIME_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_text_row_new (_("Note"), pd_activity_get_note (self->activity));
  self->note_row = ADW_ENTRY_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  pd_record_editor_add_group (PD_RECORD_EDITOR (self), group);

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (kind_changed_cb), self);
  kind_changed_cb (self);
}

GtkWindow *
pd_activity_editor_new (GtkWindow  *parent,
                        PdDiaryModel *model,
                        PdActivity *activity,
                        gboolean    is_new)
{
  PdActivityEditor *self;

  g_return_val_if_fail (PD_IS_DIARY_MODEL (model), NULL);
  g_return_val_if_fail (PD_IS_ACTIVITY (activity), NULL);

  self = pd_record_editor_new (PD_TYPE_ACTIVITY_EDITOR, parent, model, is_new ? _("Log Activity") : _("Edit Activity"));
  self->activity = g_object_ref (activity);
  self->is_new = is_new;
  build (self);
  if (!is_new)
    pd_time_row_set_record_time (self->time_row, pd_activity_get_time (activity));
  return GTK_WINDOW (self);
}
