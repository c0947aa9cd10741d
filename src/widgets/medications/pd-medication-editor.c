/* pd-medication-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-medication-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-editors.h"
#include "pd-editor-util.h"
#include "pd-format.h"
#include "pd-types.h"
#include "pd-catalogue.h"
#include "pd-dose-times.h"
#include "pd-page-util.h"

#define DEFAULT_TIME     (8 * 60)

#define PD_TYPE_MEDICATION_EDITOR (pd_medication_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdMedicationEditor, pd_medication_editor, PD, MEDICATION_EDITOR, AdwWindow)

struct _PdMedicationEditor
{
  AdwWindow parent_instance;

  PdDiaryModel *model;
  /* What is being edited: a copy of the medication, or the new one chosen from the
   * catalogue. NULL while a new one is still to be chosen. */
  PdMedication *draft;
  gboolean adding;
  /* Keys parallel to the combo rows' string lists. */
  GPtrArray *class_keys;
  GPtrArray *form_keys;
  GPtrArray *unit_keys;
  /* The rows of times_group. */
  PdDoseTimes *times;
  guint32 start_day;
  guint32 stop_day;

  GtkWidget *back_button;
  GtkWidget *cancel_button;   /* hidden while Back shows: one way out at a time */
  GtkWidget *save_button;
  GtkStack *pages;
  GtkSearchEntry *search_entry;
  GtkListBox *catalogue_list;
  GtkWidget *custom_row;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  AdwEntryRow *name_row;
  AdwComboRow *class_row;
  AdwComboRow *form_row;
  GtkSpinButton *amount_spin;
  AdwComboRow *unit_row;
  AdwPreferencesGroup *info_group;
  AdwActionRow *typical_row;
  AdwActionRow *max_row;
  AdwActionRow *mme_row;
  AdwActionRow *notes_info_row;
  AdwActionRow *prescribed_row;    /* ibuprofen, naproxen: built in code */
  GtkSwitch *prescribed_switch;
  AdwActionRow *ingredients_row;   /* a combination product's strength */
  AdwComboRow *taken_row;
  GtkWidget *reminders_row;
  GtkSwitch *reminders_switch;
  AdwPreferencesGroup *times_group;
  AdwActionRow *start_row;
  GtkCalendar *start_calendar;
  GtkWidget *start_button;
  AdwActionRow *stop_row;
  GtkCalendar *stop_calendar;
  GtkWidget *stop_button;
  GtkWidget *clear_stop_button;
  AdwEntryRow *notes_row;
};

G_DEFINE_FINAL_TYPE (PdMedicationEditor, pd_medication_editor, ADW_TYPE_WINDOW)

enum {
  TAKEN_AT_SET_TIMES,
  TAKEN_AS_NEEDED,
};

/* Forms of a medication, by stable key. */
static const struct
{
  const char *key;
  const char *label;
} forms[] = {
  { "tablet", N_("Tablet") },
  { "capsule", N_("Capsule") },
  { "liquid", N_("Liquid") },
  { "patch", N_("Patch") },
  { "gel", N_("Gel") },
  { "cream", N_("Cream") },
  { "drops", N_("Drops") },
  { "inhaler", N_("Inhaler") },
  { "injection", N_("Injection") },
  { "other", N_("Other") },
};

static char *
dup_stripped_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* Dates */

static void
select_calendar_day (GtkCalendar *calendar,
                     guint32      day)
{
  g_autoptr(GDate) date = g_date_new_julian (day);
  g_autoptr(GDateTime) date_time = NULL;

  date_time = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                     g_date_get_day (date), 12, 0, 0);

  gtk_calendar_select_day (calendar, date_time);
}

static guint32
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (calendar);
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (date_time),
                                          g_date_time_get_month (date_time),
                                          g_date_time_get_year (date_time));

  return g_date_get_julian (date);
}

static void
update_dates (PdMedicationEditor *self)
{
  g_autofree char *start = pd_format_day (self->start_day);
  g_autofree char *stop = self->stop_day != 0 ? pd_format_day (self->stop_day) : NULL;

  adw_action_row_set_subtitle (self->start_row, start);
  adw_action_row_set_subtitle (self->stop_row, stop != NULL ? stop : _("None: still taken"));
  gtk_widget_set_visible (self->clear_stop_button, self->stop_day != 0);
}

static void
start_day_selected_cb (PdMedicationEditor *self)
{
  self->start_day = calendar_day (self->start_calendar);
  update_dates (self);
}

static void
stop_day_selected_cb (PdMedicationEditor *self)
{
  self->stop_day = calendar_day (self->stop_calendar);
  update_dates (self);
}

static void
clear_stop_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdMedicationEditor *self = PD_MEDICATION_EDITOR (widget);

  self->stop_day = 0;
  update_dates (self);
  gtk_widget_grab_focus (self->stop_button);
}

static void
add_time_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pd_dose_times_add_next (PD_MEDICATION_EDITOR (widget)->times);
}

static gboolean
at_set_times (PdMedicationEditor *self)
{
  return adw_combo_row_get_selected (self->taken_row) == TAKEN_AT_SET_TIMES;
}

static void
taken_changed_cb (PdMedicationEditor *self)
{
  gboolean scheduled = at_set_times (self);

  if (scheduled && pd_dose_times_get_n (self->times) == 0)
    pd_dose_times_add (self->times, DEFAULT_TIME);
  gtk_widget_set_visible (GTK_WIDGET (self->times_group), scheduled);
  gtk_widget_set_visible (self->reminders_row, scheduled);
}

/* The combo rows hold labels; these keep the keys behind them. */

static void
fill_combo (AdwComboRow  *row,
            GPtrArray    *keys,
            const char  **labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (labels);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  g_assert (keys->len == g_list_model_get_n_items (G_LIST_MODEL (list)));
}

static void
select_key (AdwComboRow *row,
            GPtrArray   *keys,
            const char  *key,
            const char  *fallback)
{
  guint index;

  /* A key this program does not list (a newer version wrote it) is kept as it is. */
  if (key != NULL && *key != '\0' &&
      !g_ptr_array_find_with_equal_func (keys, key, g_str_equal, &index))
    {
      gtk_string_list_append (GTK_STRING_LIST (adw_combo_row_get_model (row)), key);
      g_ptr_array_add (keys, g_strdup (key));
    }
  if (key == NULL || !g_ptr_array_find_with_equal_func (keys, key, g_str_equal, &index))
    if (!g_ptr_array_find_with_equal_func (keys, fallback, g_str_equal, &index))
      index = 0;
  adw_combo_row_set_selected (row, index);
}

static const char *
selected_key (AdwComboRow *row,
              GPtrArray   *keys)
{
  guint index = adw_combo_row_get_selected (row);

  return index < keys->len ? g_ptr_array_index (keys, index) : NULL;
}

static void
setup_combos (PdMedicationEditor *self)
{
  const char * const *classes = pd_drug_classes ();
  const char * const *units = pd_dose_units ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; classes[i] != NULL; i++)
    {
      g_ptr_array_add (self->class_keys, g_strdup (classes[i]));
      g_ptr_array_add (labels, (gpointer) pd_drug_class_label (classes[i]));
    }
  g_ptr_array_add (labels, NULL);
  fill_combo (self->class_row, self->class_keys, (const char **) labels->pdata);

  g_ptr_array_set_size (labels, 0);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_ptr_array_add (self->form_keys, g_strdup (forms[i].key));
      g_ptr_array_add (labels, (gpointer) _(forms[i].label));
    }
  g_ptr_array_add (labels, NULL);
  fill_combo (self->form_row, self->form_keys, (const char **) labels->pdata);

  g_ptr_array_set_size (labels, 0);
  for (guint i = 0; units[i] != NULL; i++)
    {
      g_ptr_array_add (self->unit_keys, g_strdup (units[i]));
      g_ptr_array_add (labels, (gpointer) pd_dose_unit_label (units[i]));
    }
  g_ptr_array_add (labels, NULL);
  fill_combo (self->unit_row, self->unit_keys, (const char **) labels->pdata);
}

/* Catalogue information */

static void
show_info_row (AdwActionRow *row,
               const char   *text)
{
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL && *text != '\0');
  adw_action_row_set_subtitle (row, text != NULL ? text : "");
}

static void update_info (PdMedicationEditor *self);

static void
prescribed_toggled_cb (PdMedicationEditor *self)
{
  const char *key = pd_medication_get_catalogue_key (self->draft);
  const PdMedicationInfo *info = key != NULL ? pd_catalogue_lookup_medication (key) : NULL;
  gboolean prescribed = gtk_switch_get_active (self->prescribed_switch);

  if (info == NULL || prescribed == pd_medication_get_prescribed (self->draft))
    return;
  pd_medication_set_prescribed (self->draft, prescribed);
  /* The maximum it is checked against follows (domain.md: 1200 or 3200 mg of ibuprofen). */
  if (g_strcmp0 (pd_medication_get_unit (self->draft), info->unit) == 0)
    pd_medication_set_max_daily (self->draft, pd_catalogue_max_daily (info, prescribed));
  update_info (self);
}

/* Rows built in code, so that the template stays as it is: "prescribed" for ibuprofen and
 * naproxen, and a combination product's ingredients. */
static void
update_safety_info (PdMedicationEditor     *self,
                    const PdMedicationInfo *info)
{
  const PdCombinationInfo *combination = pd_catalogue_lookup_combination (info->key);

  if (self->prescribed_row == NULL)
    {
      self->prescribed_row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->prescribed_row),
                                     _("Prescribed"));
      adw_action_row_set_subtitle (self->prescribed_row,
                                   _("A prescription allows a higher daily maximum"));
      self->prescribed_switch = GTK_SWITCH (gtk_switch_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->prescribed_switch), GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (self->prescribed_row, GTK_WIDGET (self->prescribed_switch));
      adw_action_row_set_activatable_widget (self->prescribed_row,
                                             GTK_WIDGET (self->prescribed_switch));
      g_signal_connect_swapped (self->prescribed_switch, "notify::active",
                                G_CALLBACK (prescribed_toggled_cb), self);
      adw_preferences_group_add (self->info_group, GTK_WIDGET (self->prescribed_row));

      self->ingredients_row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ingredients_row),
                                     _("Per Tablet"));
      adw_preferences_group_add (self->info_group, GTK_WIDGET (self->ingredients_row));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->prescribed_row),
                          pd_catalogue_can_be_prescribed (info->key));
  gtk_switch_set_active (self->prescribed_switch, pd_medication_get_prescribed (self->draft));
  gtk_widget_set_visible (GTK_WIDGET (self->ingredients_row), combination != NULL);
  if (combination != NULL)
    {
      const PdMedicationInfo *opioid = pd_catalogue_lookup_medication (combination->opioid);
      /* Translators: "10 mg oxycodone and 325 mg acetaminophen; each counts toward ..." */
      g_autofree char *text = g_strdup_printf (_("%g mg %s and %g mg acetaminophen; each counts "
                                                 "toward its own total"),
                                               combination->opioid_mg, opioid->name,
                                               combination->acetaminophen_mg);

      adw_action_row_set_subtitle (self->ingredients_row, text);
    }
}

static void
update_info (PdMedicationEditor *self)
{
  const char *key = pd_medication_get_catalogue_key (self->draft);
  const PdMedicationInfo *info = key != NULL ? pd_catalogue_lookup_medication (key) : NULL;
  g_autofree char *max = NULL;
  g_autofree char *mme = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->info_group), info != NULL);
  if (info == NULL)
    return;

  update_safety_info (self, info);
  if (pd_catalogue_max_daily (info, pd_medication_get_prescribed (self->draft)) > 0)
    /* Translators: a maximum amount in 24 hours, e.g. "4000 mg" */
    max = g_strdup_printf (_("%g %s"),
                           pd_catalogue_max_daily (info, pd_medication_get_prescribed (self->draft)),
                           info->unit);
  if (pd_catalogue_mme_not_counted (info->key))
    mme = g_strdup (_("Not counted: buprenorphine is a partial agonist, which CDC 2022 leaves "
                      "out of MME."));
  else if (pd_catalogue_lookup_combination (info->key) != NULL)
    mme = g_strdup_printf (_("%g per mg of its opioid. Used only to total opioid exposure, never "
                             "to convert one opioid into another."), info->mme_factor);
  else if (info->mme_factor > 0)
    {
      if (g_strcmp0 (info->unit, "mcg/h") == 0)
        /* Translators: the fentanyl patch's factor, e.g. "2.4 per mcg/h …" */
        mme = g_strdup_printf (_("%g per mcg/h worn, for each day. Used only to total opioid "
                                 "exposure, never to convert one opioid into another."),
                               info->mme_factor);
      else
        /* Translators: e.g. "0.2 per mg. Used only …" */
        mme = g_strdup_printf (_("%g per mg. Used only to total opioid exposure, never to convert "
                                 "one opioid into another."), info->mme_factor);
    }
  show_info_row (self->typical_row, info->typical_dose);
  show_info_row (self->max_row, max);
  show_info_row (self->mme_row, mme);
  show_info_row (self->notes_info_row, info->notes);
}

/* The form */

static void
show_error (PdMedicationEditor *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* A new medication has no schedule yet: it is taken at set times (08:00 first) unless the
 * catalogue's typical dose says "as needed" (tramadol, tapentadol). */
static gboolean
taken_as_needed (PdMedicationEditor *self)
{
  const char *key = pd_medication_get_catalogue_key (self->draft);
  const PdMedicationInfo *info = key != NULL ? pd_catalogue_lookup_medication (key) : NULL;

  if (!pd_medication_is_as_needed (self->draft))
    return FALSE;
  if (!self->adding)
    return TRUE;
  return info != NULL && info->typical_dose != NULL &&
         strstr (info->typical_dose, "as needed") != NULL;
}

/* The model names a field by its key ("stop_day: …"): name it as the form does, and move
 * the keyboard focus there. */
static void
show_invalid (PdMedicationEditor *self,
              const GError       *error)
{
  static const struct
  {
    const char *key;
    const char *label;
    gsize widget_offset;
  } fields[] = {
    { "name", N_("Name"), G_STRUCT_OFFSET (PdMedicationEditor, name_row) },
    { "drug_class", N_("Class"), G_STRUCT_OFFSET (PdMedicationEditor, class_row) },
    { "form", N_("Form"), G_STRUCT_OFFSET (PdMedicationEditor, form_row) },
    { "amount", N_("Usual Amount"), G_STRUCT_OFFSET (PdMedicationEditor, amount_spin) },
    { "unit", N_("Unit"), G_STRUCT_OFFSET (PdMedicationEditor, unit_row) },
    { "schedule", N_("Times of Day"), G_STRUCT_OFFSET (PdMedicationEditor, taken_row) },
    { "start_day", N_("Start Date"), G_STRUCT_OFFSET (PdMedicationEditor, start_button) },
    { "stop_day", N_("Stop Date"), G_STRUCT_OFFSET (PdMedicationEditor, stop_button) },
    { "notes", N_("Notes"), G_STRUCT_OFFSET (PdMedicationEditor, notes_row) },
  };
  const char *colon = strstr (error->message, ": ");

  for (guint i = 0; colon != NULL && i < G_N_ELEMENTS (fields); i++)
    {
      if (strlen (fields[i].key) == (gsize) (colon - error->message) &&
          strncmp (error->message, fields[i].key, colon - error->message) == 0)
        {
          /* Translators: a field and what is wrong with it,
           * e.g. "Usual Amount: 0 mg is not more than 0" */
          g_autofree char *message = g_strdup_printf (_("%s: %s"), _(fields[i].label), colon + 2);

          show_error (self, message);
          gtk_widget_grab_focus (G_STRUCT_MEMBER (GtkWidget *, self, fields[i].widget_offset));
          return;
        }
    }
  show_error (self, error->message);
}

static void
load_form (PdMedicationEditor *self)
{
  PdMedication *medication = self->draft;
  const GArray *times = pd_medication_get_schedule (medication);
  const char *notes = pd_medication_get_notes (medication);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pd_medication_get_name (medication));
  select_key (self->class_row, self->class_keys, pd_medication_get_drug_class (medication),
              "other");
  select_key (self->form_row, self->form_keys, pd_medication_get_form (medication), "other");
  select_key (self->unit_row, self->unit_keys, pd_medication_get_unit (medication), "mg");
  gtk_spin_button_set_value (self->amount_spin, pd_medication_get_amount (medication));

  pd_dose_times_clear (self->times);
  for (guint i = 0; i < times->len; i++)
    pd_dose_times_add (self->times, g_array_index (times, guint, i));
  adw_combo_row_set_selected (self->taken_row,
                              taken_as_needed (self) ? TAKEN_AS_NEEDED : TAKEN_AT_SET_TIMES);
  taken_changed_cb (self);

  gtk_switch_set_active (self->reminders_switch, pd_medication_get_reminders (medication));
  self->start_day = pd_medication_get_start_day (medication);
  if (self->start_day == 0)
    self->start_day = pd_local_today (NULL);
  self->stop_day = pd_medication_get_stop_day (medication);
  select_calendar_day (self->start_calendar, self->start_day);
  select_calendar_day (self->stop_calendar, self->stop_day != 0 ? self->stop_day : pd_local_today (NULL));
  update_dates (self);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), notes != NULL ? notes : "");

  update_info (self);
  show_error (self, NULL);
}

/* Copies the form into the draft; FALSE with a message for what the model cannot say. */
static gboolean
store_form (PdMedicationEditor  *self,
            GError             **error)
{
  PdMedication *medication = self->draft;
  g_autofree char *name = dup_stripped_text (GTK_EDITABLE (self->name_row));
  g_autoptr(GArray) minutes = NULL;

  /* Text still being typed in a time counts. */
  if (!pd_dose_times_take_typed (self->times, error))
    return FALSE;
  gtk_spin_button_update (self->amount_spin);

  if (at_set_times (self))
    {
      minutes = pd_dose_times_get_minutes (self->times);
      if (minutes->len == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Add at least one time of day, or choose “As needed”."));
          return FALSE;
        }
    }
  else
    minutes = g_array_new (FALSE, FALSE, sizeof (guint));

  pd_medication_set_name (medication, name);
  pd_medication_set_drug_class (medication, selected_key (self->class_row, self->class_keys));
  pd_medication_set_form (medication, selected_key (self->form_row, self->form_keys));
  pd_medication_set_amount (medication, gtk_spin_button_get_value (self->amount_spin));
  pd_medication_set_unit (medication, selected_key (self->unit_row, self->unit_keys));
  pd_medication_set_schedule (medication, (const guint *) (gpointer) minutes->data, minutes->len);
  pd_medication_set_reminders (medication, gtk_switch_get_active (self->reminders_switch));
  pd_medication_set_start_day (medication, self->start_day);
  pd_medication_set_stop_day (medication, self->stop_day);
  pd_medication_set_notes (medication, gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));

  /* A custom medication named like one of the catalogue gets its safety facts, so that its
   * doses count towards the opioid total and the daily maximum. */
  if (pd_medication_get_catalogue_key (medication) == NULL &&
      pd_medication_get_mme_factor (medication) == 0 &&
      pd_medication_get_max_daily (medication) == 0)
    {
      const PdMedicationInfo *info = pd_catalogue_find_medication (name);

      if (info != NULL)
        {
          pd_medication_set_catalogue_key (medication, info->key);
          pd_medication_set_mme_factor (medication, info->mme_factor);
          if (g_strcmp0 (info->unit, pd_medication_get_unit (medication)) == 0)
            pd_medication_set_max_daily (medication, info->max_daily);
        }
    }
  return TRUE;
}

static void
not_saved (GtkWindow    *window,
           const GError *error)
{
  /* Translators: e.g. "Not saved: disk full" */
  g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

  show_error (PD_MEDICATION_EDITOR (window), message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdMedicationEditor *self = PD_MEDICATION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->draft == NULL)
    return;

  if (!store_form (self, &error) || !pd_medication_validate (self->draft, &error))
    {
      show_invalid (self, error);
      return;
    }
  pd_editor_save_record (GTK_WINDOW (self), self->model, self->draft, not_saved);
}

static void
entry_activated_cb (PdMedicationEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

/* Pages */

static void
show_form (PdMedicationEditor *self)
{
  gtk_stack_set_visible_child_name (self->pages, "form");
  gtk_widget_set_visible (self->save_button, TRUE);
  gtk_widget_set_visible (self->back_button, self->adding);
  gtk_widget_set_visible (self->cancel_button, !self->adding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.back", self->adding);
}

static void
show_catalogue (PdMedicationEditor *self)
{
  gtk_stack_set_visible_child_name (self->pages, "catalogue");
  gtk_widget_set_visible (self->save_button, FALSE);
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.back", FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdMedicationEditor *self = PD_MEDICATION_EDITOR (widget);

  if (self->adding)
    show_catalogue (self);
}

/* The catalogue list */

static gboolean
matches (const char *text,
         const char *folded_search)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, folded_search) != NULL;
}

static gboolean
info_matches (const PdMedicationInfo *info,
              const char             *folded_search)
{
  g_auto(GStrv) aliases = NULL;

  if (*folded_search == '\0' || matches (info->name, folded_search))
    return TRUE;
  if (info->aliases == NULL)
    return FALSE;
  aliases = g_strsplit (info->aliases, ";", -1);
  for (guint i = 0; aliases[i] != NULL; i++)
    if (matches (aliases[i], folded_search))
      return TRUE;
  return FALSE;
}

static gboolean
filter_row_cb (GtkListBoxRow *row,
               gpointer       user_data)
{
  PdMedicationEditor *self = PD_MEDICATION_EDITOR (user_data);
  const PdMedicationInfo *info = g_object_get_data (G_OBJECT (row), "info");
  g_autofree char *search = dup_stripped_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (search, -1);

  return info == NULL || info_matches (info, folded);
}

static void
update_custom_row (PdMedicationEditor *self)
{
  g_autofree char *search = dup_stripped_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *subtitle = NULL;

  if (*search == '\0')
    subtitle = g_strdup (_("Any medicine or supplement that is not listed"));
  else
    /* Translators: the custom medication row when a name is typed, e.g. "Named “Etoricoxib”" */
    subtitle = g_strdup_printf (_("Named “%s”"), search);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->custom_row), subtitle);
}

static void
search_changed_cb (PdMedicationEditor *self)
{
  gtk_list_box_invalidate_filter (self->catalogue_list);
  update_custom_row (self);
}

static void
choose (PdMedicationEditor *self,
        GtkListBoxRow      *row)
{
  const PdMedicationInfo *info = g_object_get_data (G_OBJECT (row), "info");

  g_clear_object (&self->draft);
  if (info != NULL)
    self->draft = pd_medication_new_from_catalogue (info->key);
  if (self->draft == NULL)
    {
      g_autofree char *search = dup_stripped_text (GTK_EDITABLE (self->search_entry));

      self->draft = pd_medication_new ();
      pd_medication_set_name (self->draft, search);
      pd_medication_set_drug_class (self->draft, "other");
      pd_medication_set_form (self->draft, "tablet");
      pd_medication_set_unit (self->draft, "mg");
    }
  load_form (self);
  show_form (self);
  if (info != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->amount_spin));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
catalogue_row_activated_cb (PdMedicationEditor *self,
                            GtkListBoxRow      *row)
{
  choose (self, row);
}

static GtkListBoxRow *
first_visible_row (PdMedicationEditor *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->catalogue_list, i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      return row;
  return NULL;
}

static void
search_activate_cb (PdMedicationEditor *self)
{
  GtkListBoxRow *row = first_visible_row (self);

  if (row != NULL)
    choose (self, row);
}

static void
search_stop_cb (PdMedicationEditor *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
search_key_pressed_cb (PdMedicationEditor    *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || (state & GDK_MODIFIER_MASK) != 0)
    return FALSE;
  row = first_visible_row (self);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return row != NULL;
}

static int
compare_info (gconstpointer a,
              gconstpointer b)
{
  const PdMedicationInfo *x = *(const PdMedicationInfo * const *) a;
  const PdMedicationInfo *y = *(const PdMedicationInfo * const *) b;

  /* Medicines first, then supplements, each by name. */
  if (x->supplement != y->supplement)
    return x->supplement ? 1 : -1;
  return g_utf8_collate (x->name, y->name);
}

static void
fill_catalogue (PdMedicationEditor *self)
{
  guint n_items = 0;
  const PdMedicationInfo *items = pd_catalogue_medications (&n_items);
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (n_items);
  GtkWidget *icon;

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (sorted, (gpointer) &items[i]);
  g_ptr_array_sort (sorted, compare_info);

  for (guint i = 0; i < sorted->len; i++)
    {
      const PdMedicationInfo *info = g_ptr_array_index (sorted, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      if (info->typical_dose != NULL && *info->typical_dose != '\0')
        subtitle = g_strdup_printf ("%s · %s", pd_drug_class_label (info->drug_class),
                                    info->typical_dose);
      else
        subtitle = g_strdup (pd_drug_class_label (info->drug_class));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data (G_OBJECT (row), "info", (gpointer) info);
      gtk_list_box_append (self->catalogue_list, row);
    }

  self->custom_row = adw_action_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->custom_row), TRUE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->custom_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->custom_row), _("Custom Medication"));
  icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->custom_row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->custom_row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_append (self->catalogue_list, self->custom_row);
  update_custom_row (self);

  gtk_list_box_set_filter_func (self->catalogue_list, filter_row_cb, self, NULL);
}

static void
pd_medication_editor_dispose (GObject *object)
{
  PdMedicationEditor *self = PD_MEDICATION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_MEDICATION_EDITOR);
  g_clear_object (&self->model);
  g_clear_object (&self->draft);
  g_clear_pointer (&self->class_keys, g_ptr_array_unref);
  g_clear_pointer (&self->form_keys, g_ptr_array_unref);
  g_clear_pointer (&self->unit_keys, g_ptr_array_unref);
  g_clear_pointer (&self->times, pd_dose_times_free);

  G_OBJECT_CLASS (pd_medication_editor_parent_class)->dispose (object);
}

static void
pd_medication_editor_class_init (PdMedicationEditorClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdMedicationEditor, back_button),
    PD_TEMPLATE_CHILD (PdMedicationEditor, cancel_button),
    PD_TEMPLATE_CHILD (PdMedicationEditor, save_button),
    PD_TEMPLATE_CHILD (PdMedicationEditor, pages),
    PD_TEMPLATE_CHILD (PdMedicationEditor, search_entry),
    PD_TEMPLATE_CHILD (PdMedicationEditor, catalogue_list),
    PD_TEMPLATE_CHILD (PdMedicationEditor, error_revealer),
    PD_TEMPLATE_CHILD (PdMedicationEditor, error_label),
    PD_TEMPLATE_CHILD (PdMedicationEditor, name_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, class_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, form_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, amount_spin),
    PD_TEMPLATE_CHILD (PdMedicationEditor, unit_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, info_group),
    PD_TEMPLATE_CHILD (PdMedicationEditor, typical_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, max_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, mme_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, notes_info_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, taken_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, reminders_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, reminders_switch),
    PD_TEMPLATE_CHILD (PdMedicationEditor, times_group),
    PD_TEMPLATE_CHILD (PdMedicationEditor, start_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, start_calendar),
    PD_TEMPLATE_CHILD (PdMedicationEditor, start_button),
    PD_TEMPLATE_CHILD (PdMedicationEditor, stop_row),
    PD_TEMPLATE_CHILD (PdMedicationEditor, stop_calendar),
    PD_TEMPLATE_CHILD (PdMedicationEditor, stop_button),
    PD_TEMPLATE_CHILD (PdMedicationEditor, clear_stop_button),
    PD_TEMPLATE_CHILD (PdMedicationEditor, notes_row),
    PD_TEMPLATE_CALLBACK (search_changed_cb),
    PD_TEMPLATE_CALLBACK (search_activate_cb),
    PD_TEMPLATE_CALLBACK (search_stop_cb),
    PD_TEMPLATE_CALLBACK (catalogue_row_activated_cb),
    PD_TEMPLATE_CALLBACK (entry_activated_cb),
    PD_TEMPLATE_CALLBACK (taken_changed_cb),
    PD_TEMPLATE_CALLBACK (start_day_selected_cb),
    PD_TEMPLATE_CALLBACK (stop_day_selected_cb)
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_medication_editor_dispose;

  pd_widget_class_set_template (widget_class, "pd-medication-editor.ui",
                                bindings, G_N_ELEMENTS (bindings));

  pd_editor_class_add_save (widget_class, save_action);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "editor.add-time", NULL, add_time_action);
  gtk_widget_class_install_action (widget_class, "editor.clear-stop", NULL, clear_stop_action);
}

static void
pd_medication_editor_init (PdMedicationEditor *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->class_keys = g_ptr_array_new_with_free_func (g_free);
  self->form_keys = g_ptr_array_new_with_free_func (g_free);
  self->unit_keys = g_ptr_array_new_with_free_func (g_free);
  self->times = pd_dose_times_new (self->times_group, GTK_WIDGET (self->taken_row));
  setup_combos (self);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWindow *
pd_medication_editor_new (GtkWindow    *parent,
                          PdDiaryModel *model,
                          PdMedication *medication)
{
  PdMedicationEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_DIARY_MODEL (model), NULL);
  g_return_val_if_fail (medication == NULL || PD_IS_MEDICATION (medication), NULL);

  self = g_object_new (PD_TYPE_MEDICATION_EDITOR, "transient-for", parent, NULL);
  self->model = g_object_ref (model);
  self->adding = medication == NULL;

  if (self->adding)
    {
      fill_catalogue (self);
      show_catalogue (self);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Medication"));
      self->draft = pd_medication_copy (medication);
      load_form (self);
      show_form (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
  return GTK_WINDOW (self);
}
