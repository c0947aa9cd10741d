/* pd-event-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-editors.h"
#include "pd-catalogue.h"
#include "pd-rows.h"
#include "pd-time-row.h"

#define PD_TYPE_EVENT_EDITOR (pd_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdEventEditor, pd_event_editor, PD, EVENT_EDITOR, PdRecordEditor)

struct _PdEventEditor
{
  PdRecordEditor parent_instance;

  PdEvent *event;
  gboolean is_new;

  AdwComboRow *kind_row;
  AdwEntryRow *title_row;
  PdTimeRow *time_row;
  AdwEntryRow *note_row;
  AdwExpanderRow *lasts_row;
  GtkSpinButton *days_spin;
};

G_DEFINE_FINAL_TYPE (PdEventEditor, pd_event_editor, PD_TYPE_RECORD_EDITOR)

static void
title_changed_cb (PdEventEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  pd_record_editor_set_can_save (PD_RECORD_EDITOR (self), *title != '\0');
}

static GObject *
pd_event_editor_build (PdRecordEditor  *editor,
                       GError         **error)
{
  PdEventEditor *self = PD_EVENT_EDITOR (editor);
  g_autoptr(PdEvent) event = pd_event_copy (self->event);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autoptr(GDateTime) time = pd_time_row_dup_changed_time (self->time_row, pd_event_get_time (event),
                                                           self->is_new);

  pd_event_set_kind (event, pd_event_kinds ()[adw_combo_row_get_selected (self->kind_row)]);
  pd_event_set_title (event, title);
  pd_event_set_note (event, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  if (time != NULL)
    pd_event_set_date_time (event, time);
  if (adw_expander_row_get_enable_expansion (self->lasts_row))
    pd_event_set_end_day (event, pd_event_get_local_day (event) +
                                 gtk_spin_button_get_value_as_int (self->days_spin) - 1);
  else
    pd_event_set_end_day (event, 0);
  return G_OBJECT (g_steal_pointer (&event));
}

static void
pd_event_editor_finalize (GObject *object)
{
  PdEventEditor *self = PD_EVENT_EDITOR (object);

  g_clear_object (&self->event);

  G_OBJECT_CLASS (pd_event_editor_parent_class)->finalize (object);
}

static void
pd_event_editor_class_init (PdEventEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_event_editor_finalize;
  PD_RECORD_EDITOR_CLASS (klass)->build = pd_event_editor_build;
}

static void
pd_event_editor_init (PdEventEditor *self)
{
}

/* An event that lasts (a stimulator trial, a therapy programme): its length in days, the
 * start day being day 1, which keeps the end on or after the start. */
static void
kind_changed_cb (PdEventEditor *self)
{
  const char *kind = pd_event_kinds ()[adw_combo_row_get_selected (self->kind_row)];

  /* A trial always lasts; 7 days is typical (5-10). */
  if (g_strcmp0 (kind, "stimulator_trial") == 0 &&
      !adw_expander_row_get_enable_expansion (self->lasts_row))
    {
      gtk_spin_button_set_value (self->days_spin, 7);
      adw_expander_row_set_enable_expansion (self->lasts_row, TRUE);
    }
}

static void
add_lasts_row (PdEventEditor *self,
               GtkWidget     *group)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *days_row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (2, 365, 1);
  guint32 end = pd_event_get_end_day (self->event);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Lasts Several Days"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                 _("A stimulator trial or a therapy programme"));
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (days_row), _("Days, the first included"));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Days, the first included"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (days_row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (days_row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), days_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  self->lasts_row = ADW_EXPANDER_ROW (row);
  self->days_spin = GTK_SPIN_BUTTON (spin);

  if (end != 0 && end > pd_event_get_local_day (self->event))
    {
      gtk_spin_button_set_value (self->days_spin, end - pd_event_get_local_day (self->event) + 1);
      adw_expander_row_set_enable_expansion (self->lasts_row, TRUE);
    }
  else
    {
      gtk_spin_button_set_value (self->days_spin, 7);
      adw_expander_row_set_enable_expansion (self->lasts_row, FALSE);
    }
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb),
                            self);
  kind_changed_cb (self);
}

static void
build (PdEventEditor *self)
{
  const char * const *kinds = pd_event_kinds ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint selected = 0;
  GtkWidget *group, *row;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_ptr_array_add (labels, (gpointer) pd_event_kind_label (kinds[i]));
      if (g_strcmp0 (kinds[i], pd_event_get_kind (self->event)) == 0)
        selected = i;
    }
  g_ptr_array_add (labels, NULL);

  group = adw_preferences_group_new ();
  row = pd_combo_row_new (_("Kind"), (const char * const *) labels->pdata);
  self->kind_row = ADW_COMBO_ROW (row);
  adw_combo_row_set_selected (self->kind_row, selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_text_row_new (_("Title"), pd_event_get_title (self->event));
  self->title_row = ADW_ENTRY_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_time_row_new ();
  self->time_row = PD_TIME_ROW (row);
  /* Appointments are planned ahead. */
  pd_time_row_set_allow_future (self->time_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_lasts_row (self, group);
  row = pd_text_row_new (_("Note"), pd_event_get_note (self->event));
  self->note_row = ADW_ENTRY_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("For example “Lumbar fusion L4–L5”, “Epidural steroid injection” or “Physiotherapy review”."));
  pd_record_editor_add_group (PD_RECORD_EDITOR (self), group);

  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (title_changed_cb), self);
  title_changed_cb (self);
}

GtkWindow *
pd_event_editor_new (GtkWindow  *parent,
                     PdDiaryModel *model,
                     PdEvent    *event,
                     gboolean    is_new)
{
  PdEventEditor *self;

  g_return_val_if_fail (PD_IS_DIARY_MODEL (model), NULL);
  g_return_val_if_fail (PD_IS_EVENT (event), NULL);

  self = pd_record_editor_new (PD_TYPE_EVENT_EDITOR, parent, model, is_new ? _("Add Treatment Event") : _("Edit Treatment Event"));
  self->event = g_object_ref (event);
  self->is_new = is_new;
  build (self);
  if (!is_new)
    pd_time_row_set_record_time (self->time_row, pd_event_get_time (event));
  return GTK_WINDOW (self);
}
