/* pd-pgic-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-pgic-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-editors.h"
#include "pd-page-util.h"
#include "pd-rows.h"
#include "pd-spine.h"
#include "pd-types.h"

#define PD_TYPE_PGIC_DIALOG (pd_pgic_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdPgicDialog, pd_pgic_dialog, PD, PGIC_DIALOG, PdRecordEditor)

struct _PdPgicDialog
{
  PdRecordEditor parent_instance;

  GPtrArray *events;          /* PdEvent offered, in the combo's order after "Overall" */
  AdwComboRow *about_row;
  GtkCheckButton *answers[PD_PGIC_MAX];
};

G_DEFINE_FINAL_TYPE (PdPgicDialog, pd_pgic_dialog, PD_TYPE_RECORD_EDITOR)

static int
chosen_score (PdPgicDialog *self)
{
  for (int i = 0; i < PD_PGIC_MAX; i++)
    if (gtk_check_button_get_active (self->answers[i]))
      return i + 1;
  return 0;
}

static void
answer_toggled_cb (PdPgicDialog *self)
{
  pd_record_editor_set_can_save (PD_RECORD_EDITOR (self), chosen_score (self) > 0);
}

static gboolean
pd_pgic_dialog_save (PdRecordEditor  *editor,
                     GError         **error)
{
  PdPgicDialog *self = PD_PGIC_DIALOG (editor);
  g_autoptr(PdImpression) impression = pd_impression_new ();
  guint about = adw_combo_row_get_selected (self->about_row);

  pd_impression_set_score (impression, chosen_score (self));
  if (about > 0 && about <= self->events->len)
    pd_impression_set_event_id (impression,
                                pd_event_get_id (g_ptr_array_index (self->events, about - 1)));
  if (!pd_database_save_impression (pd_record_editor_get_database (editor), impression, error))
    return FALSE;
  pd_record_editor_outcomes_saved (editor);
  return TRUE;
}

static void
pd_pgic_dialog_finalize (GObject *object)
{
  PdPgicDialog *self = PD_PGIC_DIALOG (object);

  g_clear_pointer (&self->events, g_ptr_array_unref);
  G_OBJECT_CLASS (pd_pgic_dialog_parent_class)->finalize (object);
}

static void
pd_pgic_dialog_class_init (PdPgicDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_pgic_dialog_finalize;
  PD_RECORD_EDITOR_CLASS (klass)->save = pd_pgic_dialog_save;
}

static void
pd_pgic_dialog_init (PdPgicDialog *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
}

static char *
event_label (PdEvent *event)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (pd_event_get_time (event));
  /* Translators: a date in a list of treatments, strftime format. */
  g_autofree char *date = g_date_time_format (time, _("%-d %b %Y"));

  return g_strdup_printf ("%s — %s", date, pd_event_get_title (event));
}

void
pd_pgic_dialog_present (GtkWidget    *from,
                        PdDiaryModel *model,
                        PdEvent      *event)
{
  GtkWindow *parent = pd_widget_get_window (from);
  GListModel *events;
  PdPgicDialog *self;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *group, *row;
  guint selected = 0;

  g_return_if_fail (model == NULL || PD_IS_DIARY_MODEL (model));

  if (model == NULL || parent == NULL)
    return;
  events = pd_diary_model_get_records (model, PD_RECORD_EVENT);

  self = pd_record_editor_new (PD_TYPE_PGIC_DIALOG, parent, model, _("Impression of Change"));

  g_ptr_array_add (labels, g_strdup (_("Overall")));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PdEvent) candidate = g_list_model_get_item (events, i);

      if (!pd_pgic_asks_about (candidate))
        continue;
      g_ptr_array_add (self->events, g_object_ref (candidate));
      g_ptr_array_add (labels, event_label (candidate));
      if (candidate == event)
        selected = self->events->len;
    }
  g_ptr_array_add (labels, NULL);

  group = adw_preferences_group_new ();
  row = pd_combo_row_new (_("About"), (const char * const *) labels->pdata);
  self->about_row = ADW_COMBO_ROW (row);
  adw_combo_row_set_selected (self->about_row, selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  pd_record_editor_add_group (PD_RECORD_EDITOR (self), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), pd_pgic_question ());
  for (int i = 0; i < PD_PGIC_MAX; i++)
    {
      GtkWidget *check = gtk_check_button_new ();

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pd_pgic_label (i + 1));
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->answers[0]);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      pd_pgic_label (i + 1), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (answer_toggled_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->answers[i] = GTK_CHECK_BUTTON (check);
    }
  pd_record_editor_add_group (PD_RECORD_EDITOR (self), group);
  answer_toggled_cb (self);
  gtk_window_present (GTK_WINDOW (self));
}
