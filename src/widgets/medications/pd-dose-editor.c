/* pd-dose-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-dose-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-editors.h"
#include "pd-catalogue.h"
#include "pd-check-settings.h"
#include "pd-medication-checks.h"
#include "pd-page-util.h"
#include "pd-rows.h"
#include "pd-time-row.h"

#define PD_TYPE_DOSE_EDITOR (pd_dose_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdDoseEditor, pd_dose_editor, PD, DOSE_EDITOR, PdRecordEditor)

struct _PdDoseEditor
{
  PdRecordEditor parent_instance;

  PdDose *dose;
  gboolean is_new;
  GPtrArray *medications;   /* of the diary, for the checks */
  GPtrArray *other_doses;   /* the diary's doses but this one */
  GPtrArray *side_effects;  /* toggle buttons */

  AdwEntryRow *name_row;
  GtkSpinButton *amount_spin;
  AdwComboRow *unit_row;
  AdwComboRow *status_row;
  PdTimeRow *time_row;
  AdwEntryRow *note_row;
  AdwPreferencesGroup *safety_group;
  GPtrArray *safety_rows;
  PdCheckOptions checks;    /* Preferences' acetaminophen maximum, the CYP2D6 status */
};

G_DEFINE_FINAL_TYPE (PdDoseEditor, pd_dose_editor, PD_TYPE_RECORD_EDITOR)

static guint
unit_index (const char *unit)
{
  const char * const *units = pd_dose_units ();

  for (guint i = 0; units[i] != NULL; i++)
    if (g_strcmp0 (units[i], unit) == 0)
      return i;
  return 0;
}

/* The dose as the form describes it now. */
static PdDose *
dose_from_form (PdDoseEditor *self)
{
  PdDose *dose = pd_dose_copy (self->dose);
  g_autoptr(GDateTime) time = pd_time_row_dup_changed_time (self->time_row, pd_dose_get_time (dose),
                                                           self->is_new);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char * const *units = pd_dose_units ();

  pd_dose_set_name (dose, name);
  pd_dose_set_amount (dose, gtk_spin_button_get_value (self->amount_spin));
  pd_dose_set_unit (dose, units[adw_combo_row_get_selected (self->unit_row)]);
  pd_dose_set_status (dose, adw_combo_row_get_selected (self->status_row) == 1 ? PD_DOSE_SKIPPED
                                                                                : PD_DOSE_TAKEN);
  pd_dose_set_side_effects (dose, pd_chips_get_mask (self->side_effects));
  pd_dose_set_note (dose, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  if (time != NULL)
    pd_dose_set_date_time (dose, time);
  return dose;
}

static void
add_information_row (PdDoseEditor *self,
                     const char   *text)
{
  GtkWidget *row = pd_information_row_new (text);

  adw_preferences_group_add (self->safety_group, row);
  g_ptr_array_add (self->safety_rows, row);
}

/* Buprenorphine is not counted in MME; codeine and tramadol depend on CYP2D6 (CPIC's
 * information, unless the day's flag already says it). */
static void
add_information_rows (PdDoseEditor *self,
                      PdDose       *candidate,
                      guint32       day,
                      GPtrArray    *warnings)
{
  const PdMedicationInfo *info = pd_catalogue_find_medication (pd_dose_get_name (candidate));
  PdMedication *medication = pd_dose_find_medication (candidate, self->medications);
  const char *key = medication != NULL ? pd_medication_get_catalogue_key (medication)
                                       : info != NULL ? info->key : NULL;
  g_autoptr(GPtrArray) single = g_ptr_array_new ();
  g_autoptr(GPtrArray) single_regimen = g_ptr_array_new ();

  if (medication != NULL)
    {
      /* Its own regimen entry, as if started that day. */
      g_autoptr(PdMedication) copy = pd_medication_copy (medication);

      pd_medication_set_start_day (copy, 0);
      pd_medication_set_stop_day (copy, 0);
      g_ptr_array_set_free_func (single_regimen, g_object_unref);
      g_ptr_array_add (single_regimen, g_steal_pointer (&copy));
    }

  if (pd_catalogue_mme_not_counted (key))
    add_information_row (self, _("Buprenorphine, a partial agonist, is not counted in MME "
                                 "(CDC 2022)."));
  for (guint i = 0; i < warnings->len; i++)
    if (((PdWarning *) g_ptr_array_index (warnings, i))->kind == PD_WARNING_CYP2D6_PRODRUG)
      return;
  /* Only for a dose of codeine or tramadol; Today shows it for the whole regimen. */
  g_ptr_array_add (single, candidate);
  if (pd_dose_get_status (candidate) == PD_DOSE_TAKEN &&
      pd_day_has_cyp2d6_prodrug (single, medication != NULL ? single_regimen : NULL, day))
    {
      g_autofree char *text = pd_cyp2d6_information (self->checks.cyp2d6);

      if (text != NULL)
        add_information_row (self, text);
    }
}

/* What the day would look like with this dose: shown before saving, where the dose is
 * logged. */
static void
update_safety (PdDoseEditor *self)
{
  g_autoptr(PdDose) candidate = dose_from_form (self);
  /* Borrowed pointers: the arrays they come from outlive this function. */
  g_autoptr(GPtrArray) doses = g_ptr_array_copy (self->other_doses, NULL, NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  double mme;
  guint32 day = pd_dose_get_local_day (candidate);

  /* g_ptr_array_copy() keeps the free function; this copy owns nothing. */
  g_ptr_array_set_free_func (doses, NULL);
  g_ptr_array_add (doses, candidate);
  warnings = pd_day_warnings_full (doses, self->medications, day, &self->checks);
  mme = pd_daily_mme (doses, self->medications, day);

  for (guint i = 0; i < self->safety_rows->len; i++)
    adw_preferences_group_remove (self->safety_group, g_ptr_array_index (self->safety_rows, i));
  g_ptr_array_set_size (self->safety_rows, 0);

  if (mme > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Opioids on this day: %.0f MME (morphine milligram equivalents)"), mme);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->safety_group, row);
      g_ptr_array_add (self->safety_rows, row);
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      PdWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *row = pd_warning_row_new (warning->message, pd_warning_is_severe (warning));

      adw_preferences_group_add (self->safety_group, row);
      g_ptr_array_add (self->safety_rows, row);
    }
  add_information_rows (self, candidate, day, warnings);
  gtk_widget_set_visible (GTK_WIDGET (self->safety_group), self->safety_rows->len > 0);
  pd_record_editor_set_can_save (PD_RECORD_EDITOR (self),
                                 *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) != '\0');
}

static GObject *
pd_dose_editor_build (PdRecordEditor  *editor,
                      GError         **error)
{
  PdDoseEditor *self = PD_DOSE_EDITOR (editor);
  g_autoptr(PdDose) dose = dose_from_form (self);

  return G_OBJECT (g_steal_pointer (&dose));
}

static void
pd_dose_editor_finalize (GObject *object)
{
  PdDoseEditor *self = PD_DOSE_EDITOR (object);

  g_clear_object (&self->dose);
  g_clear_pointer (&self->medications, g_ptr_array_unref);
  g_clear_pointer (&self->other_doses, g_ptr_array_unref);
  g_clear_pointer (&self->side_effects, g_ptr_array_unref);
  g_clear_pointer (&self->safety_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_dose_editor_parent_class)->finalize (object);
}

static void
pd_dose_editor_class_init (PdDoseEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_dose_editor_finalize;
  PD_RECORD_EDITOR_CLASS (klass)->build = pd_dose_editor_build;
}

static void
pd_dose_editor_init (PdDoseEditor *self)
{
  self->side_effects = g_ptr_array_new ();
  self->safety_rows = g_ptr_array_new ();
}

static void
build (PdDoseEditor *self)
{
  PdRecordEditor *editor = PD_RECORD_EDITOR (self);
  const char *statuses[] = { _("Taken"), _("Skipped"), NULL };
  g_autofree const char **effects = g_new0 (const char *, pd_side_effect_count () + 1);
  GtkWidget *group, *row, *expander;
  g_autoptr(GStrvBuilder) unit_labels = g_strv_builder_new ();
  g_auto(GStrv) units = NULL;

  for (const char * const *u = pd_dose_units (); *u != NULL; u++)
    g_strv_builder_add (unit_labels, pd_dose_unit_label (*u));
  units = g_strv_builder_end (unit_labels);

  group = adw_preferences_group_new ();
  row = pd_text_row_new (_("Medication"), pd_dose_get_name (self->dose));
  self->name_row = ADW_ENTRY_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_spin_row_new (_("Amount"), NULL, 0, 100000, 1, 1, &self->amount_spin);
  gtk_spin_button_set_value (self->amount_spin, pd_dose_get_amount (self->dose));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_combo_row_new (_("Unit"), (const char * const *) units);
  self->unit_row = ADW_COMBO_ROW (row);
  adw_combo_row_set_selected (self->unit_row, unit_index (pd_dose_get_unit (self->dose)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_combo_row_new (_("Dose"), statuses);
  self->status_row = ADW_COMBO_ROW (row);
  adw_combo_row_set_selected (self->status_row, pd_dose_get_status (self->dose) == PD_DOSE_SKIPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = pd_time_row_new ();
  self->time_row = PD_TIME_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  pd_record_editor_add_group (editor, group);

  self->safety_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->safety_group, _("Safety Information"));
  adw_preferences_group_set_description (self->safety_group,
                                         _("For information only. Ask your care team about your doses."));
  pd_record_editor_add_group (editor, GTK_WIDGET (self->safety_group));

  group = adw_preferences_group_new ();
  for (guint i = 0; i < pd_side_effect_count (); i++)
    effects[i] = pd_side_effect_label (i);
  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Side Effects"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), pd_chips_row_new (effects, self->side_effects));
  pd_chips_set_mask (self->side_effects, pd_dose_get_side_effects (self->dose));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), pd_dose_get_side_effects (self->dose) != 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  row = pd_text_row_new (_("Note"), pd_dose_get_note (self->dose));
  self->note_row = ADW_ENTRY_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  pd_record_editor_add_group (editor, group);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (update_safety), self);
  g_signal_connect_swapped (self->amount_spin, "value-changed", G_CALLBACK (update_safety), self);
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (update_safety), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (update_safety), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (update_safety), self);
}

GtkWindow *
pd_dose_editor_new (GtkWindow   *parent,
                    PdDiaryModel *model,
                    PdDiaryData *data,
                    PdDose      *dose,
                    gboolean     is_new)
{
  PdDoseEditor *self;

  g_return_val_if_fail (PD_IS_DIARY_MODEL (model), NULL);
  g_return_val_if_fail (PD_IS_DOSE (dose), NULL);

  self = pd_record_editor_new (PD_TYPE_DOSE_EDITOR, parent, model, is_new ? _("Log Dose") : _("Edit Dose"));
  self->dose = g_object_ref (dose);
  self->is_new = is_new;
  self->medications = g_ptr_array_new_with_free_func (g_object_unref);
  self->other_doses = g_ptr_array_new_with_free_func (g_object_unref);
  if (data != NULL)
    {
      for (guint i = 0; i < data->medications->len; i++)
        g_ptr_array_add (self->medications, g_object_ref (g_ptr_array_index (data->medications, i)));
      for (guint i = 0; i < data->doses->len; i++)
        {
          PdDose *other = g_ptr_array_index (data->doses, i);

          if (g_strcmp0 (pd_dose_get_id (other), pd_dose_get_id (dose)) != 0)
            g_ptr_array_add (self->other_doses, g_object_ref (other));
        }
    }
  pd_check_options_load (&self->checks, pd_diary_model_get_database (model));
  build (self);
  if (!is_new)
    pd_time_row_set_record_time (self->time_row, pd_dose_get_time (dose));
  update_safety (self);
  return GTK_WINDOW (self);
}
