/* pd-today-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-types.h"
#include "pd-catalogue.h"
#include "pd-entry-form.h"
#include "pd-medication-checks.h"
#include "pd-record-row.h"
#include "pd-rows.h"
#include "pd-check-settings.h"
#include "pd-model-watch.h"
#include "pd-page-util.h"
#include "pd-spine-today.h"
#include "pd-toast-clearance.h"
#include "pd-tags.h"
#include "pd-today-page.h"

struct _PdTodayPage
{
  AdwBin parent_instance;

  PdDiaryModel *model;
  PdDatabase *database;   /* the model's, for the settings stored in the diary */
  /* The model's records, borrowed (pd_diary_model_ref_data): no copy of ten years of
   * pointers; the page shows them again on every change while it is mapped. */
  PdDiaryData *data;
  guint32 today;

  GtkScrolledWindow *scroller;
  GtkRevealer *red_flag_revealer;
  GtkLabel *red_flag_label;
  GtkLabel *date_label;
  GtkLabel *surgery_label;
  PdSpineToday *spine;
  PdEntryForm *form;
  GtkWidget *save_button;
  GtkListBox *today_list;
  AdwPreferencesGroup *medications_group;
  GtkListBox *checks_list;
  GtkListBox *due_list;
  GtkMenuButton *as_needed_button;
  GtkFlowBox *quick_activities;
  GtkWidget *activities_group;
  GtkLabel *placeholder;
};

G_DEFINE_FINAL_TYPE (PdTodayPage, pd_today_page, ADW_TYPE_BIN)

static void
form_changed_cb (PdTodayPage *self)
{
  gtk_widget_set_sensitive (self->save_button,
                            self->database != NULL && pd_entry_form_get_score (self->form) >= 0);
}

static void
show_toast (PdTodayPage *self,
            const char  *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    return;
  pd_toast_clearance_update (ADW_TOAST_OVERLAY (overlay));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static gboolean
is_editable (PdTodayPage *self)
{
  return self->model != NULL && !pd_diary_model_is_read_only (self->model);
}

static void
log_undone_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PdTodayPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_diary_model_delete_finish (PD_DIARY_MODEL (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not undo: %s"), error->message);
      show_toast (self, message);
      return;
    }
  show_toast (self, _("Undone"));
}

static void
undo_log_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PdTodayPage *self = PD_TODAY_PAGE (user_data);
  const char *id;
  gint32 kind;

  if (!is_editable (self))
    return;
  g_variant_get (parameter, "(i&s)", &kind, &id);
  pd_diary_model_delete_async (self->model, kind, id, NULL, log_undone_cb, g_object_ref (self));
}

/* A toast for a record just logged, whose Undo takes it out again. The toast is the
 * overlay's, outside the page: its action is on the overlay. */
static void
show_undo_toast (PdTodayPage  *self,
                 const char   *text,
                 PdRecordKind  kind,
                 const char   *id)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  if (g_object_get_data (G_OBJECT (overlay), "pd-today-log") == NULL)
    {
      g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
      g_autoptr(GSimpleAction) undo = g_simple_action_new ("undo", G_VARIANT_TYPE ("(is)"));

      g_signal_connect_object (undo, "activate", G_CALLBACK (undo_log_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (undo));
      gtk_widget_insert_action_group (overlay, "log", G_ACTION_GROUP (group));
      g_object_set_data (G_OBJECT (overlay), "pd-today-log", self);
    }
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "log.undo");
  adw_toast_set_action_target_value (toast, g_variant_new ("(is)", (gint32) kind, id));
  pd_toast_clearance_update (ADW_TOAST_OVERLAY (overlay));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* A record that Today logs, while the model's worker writes it. */
typedef struct
{
  PdTodayPage *self;
  PdRecordKind kind;
  char *id;
  char *done;          /* the toast on success */
  char *safety;        /* safety information the record brings up, shown once it is saved */
} Logging;

static void
logging_free (Logging *logging)
{
  g_object_unref (logging->self);
  g_free (logging->id);
  g_free (logging->done);
  g_free (logging->safety);
  g_free (logging);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Logging, logging_free)

static void
show_safety (PdTodayPage *self,
             const char  *text)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (pd_widget_get_window (GTK_WIDGET (self)),
                                                       _("Safety Information"), text));
  adw_message_dialog_add_response (dialog, "ok", _("OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
logged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Logging) logging = user_data;
  PdTodayPage *self = logging->self;
  g_autoptr(GError) error = NULL;

  if (!pd_diary_model_save_finish (PD_DIARY_MODEL (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (logging->kind == PD_RECORD_PAIN)
        message = g_strdup_printf (_("The entry was not saved: %s"), error->message);
      else if (logging->kind == PD_RECORD_DOSE)
        message = g_strdup_printf (_("The dose was not saved: %s"), error->message);
      else
        message = g_strdup_printf (_("Not saved: %s"), error->message);
      show_toast (self, message);
      return;
    }
  if (logging->kind == PD_RECORD_PAIN)
    {
      pd_entry_form_reset (self->form);
      /* Back to the top, where a warning sign just noted shows its banner. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  if (logging->safety != NULL)
    show_safety (self, logging->safety);
  show_undo_toast (self, logging->done, logging->kind, logging->id);
}

/* Saves record through the model; done: the toast once saved; safety (taken): shown too. */
static void
log_record (PdTodayPage  *self,
            gpointer      record,
            PdRecordKind  kind,
            const char   *id,
            const char   *done,
            char         *safety)
{
  Logging *logging = g_new0 (Logging, 1);

  logging->self = g_object_ref (self);
  logging->kind = kind;
  logging->id = g_strdup (id);
  logging->done = g_strdup (done);
  logging->safety = safety;
  pd_diary_model_save_async (self->model, record, NULL, logged_cb, logging);
}

static void
save_clicked_cb (PdTodayPage *self)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();

  if (!is_editable (self) || !pd_entry_form_fill_entry (self->form, entry))
    return;

  log_record (self, entry, PD_RECORD_PAIN, pd_pain_entry_get_id (entry), _("Entry saved"), NULL);
}

/* The surgery date from Preferences, else the first surgery among the events. */
static guint32
surgery_day (PdTodayPage *self)
{
  g_autofree char *surgery = pd_database_get_meta (self->database, "surgery_date");
  guint32 first = 0;

  if (surgery != NULL && *surgery != '\0')
    {
      g_autoptr(GDate) date = g_date_new ();

      g_date_set_parse (date, surgery);
      if (g_date_valid (date))
        return g_date_get_julian (date);
    }
  for (guint i = 0; i < self->data->events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (self->data->events, i);

      if (g_strcmp0 (pd_event_get_kind (event), "surgery") == 0 &&
          (first == 0 || pd_event_get_local_day (event) < first))
        first = pd_event_get_local_day (event);
    }
  return first;
}

static void
update_header (PdTodayPage *self,
               GDateTime   *now)
{
  /* Translators: today's date as a heading, e.g. "Sunday, 22 November" */
  g_autofree char *date = g_date_time_format (now, _("%A, %-d %B"));
  guint32 surgery = surgery_day (self);
  int days = (int) self->today - (int) surgery;

  gtk_label_set_label (self->date_label, date);
  if (surgery != 0 && days >= 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%d day since surgery",
                                                            "%d days since surgery", days),
                                               days);
      gtk_label_set_label (self->surgery_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->surgery_label), surgery != 0 && days >= 0);
}

/* Removes the rows, keeping the placeholder (a child of the list too). */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)))
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* The day's opioid MME, its checks and notes: a card of their own below the doses. */
static void
add_check_row (PdTodayPage *self,
               GtkWidget   *row)
{
  gtk_list_box_append (self->checks_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_list), TRUE);
}

static GtkWidget *
small_button (const char *label,
              const char *accessible,
              const char *action,
              GVariant   *target,
              gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

static char *
format_minute (guint minute)
{
  return g_strdup_printf ("%02u:%02u", minute / 60, minute % 60);
}

static GtkWidget *
due_row (PdTodayPage *self,
         PdDueDose   *due,
         gboolean     editable)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *clock = format_minute (due->minute);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *name = pd_medication_get_name (due->medication);
  const char *id = pd_medication_get_id (due->medication);

  title = pd_medication_dose_text (due->medication);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  switch (due->state)
    {
    case PD_DUE_TAKEN:
      {
        g_autoptr(GDateTime) at = pd_date_time_new_at_offset (pd_dose_get_time (due->dose),
                                                              pd_dose_get_utc_offset (due->dose));
        g_autofree char *taken = g_date_time_format (at, "%H:%M");

        /* Translators: "Due 08:00 · taken at 08:05" */
        subtitle = g_strdup_printf (_("Due %s · taken at %s"), clock, taken);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      }
      break;
    case PD_DUE_SKIPPED:
      subtitle = g_strdup_printf (_("Due %s · skipped"), clock);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("action-unavailable-symbolic"));
      break;
    case PD_DUE_PENDING:
    default:
      subtitle = g_strdup_printf (_("Due %s"), clock);
      if (editable)
        {
          /* Translators: accessible names of the buttons, e.g. "Take Gabapentin at 08:00" */
          g_autofree char *take = g_strdup_printf (_("Take %s at %s"), name, clock);
          g_autofree char *skip = g_strdup_printf (_("Skip %s at %s"), name, clock);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     small_button (_("Skip"), skip, "today.skip",
                                                   g_variant_new ("(su)", id, due->minute), FALSE));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     small_button (_("Take"), take, "today.take",
                                                   g_variant_new ("(su)", id, due->minute), TRUE));
        }
      break;
    }
  if (due->dose != NULL && editable)
    {
      g_autofree char *what = g_strdup_printf (_("%s at %s"), name, clock);
      pd_row_add_record_buttons (ADW_ACTION_ROW (row), PD_RECORD_DOSE, pd_dose_get_id (due->dose), what);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
update_medications (PdTodayPage *self,
                    gboolean     editable)
{
  g_autoptr(GPtrArray) due = pd_due_doses (self->data->medications, self->data->doses, self->today);
  PdCheckOptions checks;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  double mme = pd_daily_mme (self->data->doses, self->data->medications, self->today);
  gboolean any_active = FALSE;
  gboolean cyp2d6_shown = FALSE;

  pd_check_options_load (&checks, self->database);
  warnings = pd_day_warnings_full (self->data->doses, self->data->medications, self->today, &checks);
  clear_list (self->due_list);
  clear_list (self->checks_list);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_list), FALSE);

  for (guint i = 0; i < due->len; i++)
    gtk_list_box_append (self->due_list, due_row (self, g_ptr_array_index (due, i), editable));

  for (guint i = 0; i < self->data->medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (self->data->medications, i);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!pd_medication_is_active_on (medication, self->today))
        continue;
      any_active = TRUE;
      if (!pd_medication_is_as_needed (medication))
        continue;
      label = pd_medication_dose_text (medication);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "today.take-as-needed", "s", pd_medication_get_id (medication));
      g_menu_append_item (menu, item);
    }
  g_menu_append (menu, _("Other Medication…"), "win.log-dose::");
  gtk_menu_button_set_menu_model (self->as_needed_button, G_MENU_MODEL (menu));
  pd_menu_button_popup_in_view (self->as_needed_button);
  gtk_widget_set_visible (GTK_WIDGET (self->as_needed_button), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->due_list), due->len > 0);
  /* Apart from the doses' card, as libadwaita's groups keep their cards apart. */
  gtk_widget_set_margin_top (GTK_WIDGET (self->checks_list), due->len > 0 ? 12 : 0);

  if (mme > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Opioids today: %.0f MME (morphine milligram equivalents)"), mme);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);   /* wraps at 360 px */
      add_check_row (self, row);
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      PdWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *row = pd_warning_row_new (warning->message, pd_warning_is_severe (warning));

      add_check_row (self, row);
      cyp2d6_shown |= warning->kind == PD_WARNING_CYP2D6_PRODRUG;
    }
  /* CPIC's information while codeine or tramadol is in the regimen or logged today. */
  if (!cyp2d6_shown &&
      pd_day_has_cyp2d6_prodrug (self->data->doses, self->data->medications, self->today))
    {
      g_autofree char *text = pd_cyp2d6_information (checks.cyp2d6);

      if (text != NULL)
        add_check_row (self, pd_information_row_new (text));
    }
  if (!any_active && editable)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *add = gtk_button_new_with_label (_("Add Medication"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No medications in your regimen yet"));
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.add-medication");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
      add_check_row (self, row);
    }
}

/* The most recent distinct activities, to log again with one click. */
static void
update_quick_activities (PdTodayPage *self,
                         gboolean     editable)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_activities))))
    gtk_flow_box_remove (self->quick_activities, child);

  for (guint i = 0; editable && i < self->data->activities->len && g_hash_table_size (seen) < 6; i++)
    {
      PdActivity *activity = g_ptr_array_index (self->data->activities, i);
      const char *name = pd_activity_get_name (activity);
      g_autofree char *label = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *button;

      if (g_hash_table_contains (seen, name))
        continue;
      g_hash_table_add (seen, (gpointer) name);
      /* Translators: a quick button, e.g. "Walking · 30 min" */
      label = g_strdup_printf (_("%s · %d min"), name, pd_activity_get_duration (activity));
      accessible = g_strdup_printf (_("Log %s again, %d minutes"), name, pd_activity_get_duration (activity));
      button = small_button (label, accessible, "today.repeat-activity",
                             g_variant_new_string (pd_activity_get_id (activity)), FALSE);
      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_ELLIPSIZE_END);
      pd_widget_set_tooltip (button, accessible);
      gtk_flow_box_append (self->quick_activities, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->quick_activities), g_hash_table_size (seen) > 0);
}

/* An emergency (domain.md: calf pain or swelling, breathlessness or chest pain; signs of
 * opioid overdose) says to call emergency services, in a banner that looks different from
 * "contact your doctor now". */
static void
show_red_flags (PdTodayPage *self,
                guint32      red_flags)
{
  GtkWidget *banner = gtk_revealer_get_child (self->red_flag_revealer);
  guint32 emergency = red_flags & pd_red_flags_emergency_mask ();
  guint32 urgent = red_flags & ~emergency;
  g_autofree char *urgent_text = NULL;
  g_autofree char *text = NULL;

  if (urgent != 0)
    {
      g_autofree char *flags = pd_tags_to_label (PD_TAG_RED_FLAG, urgent);

      urgent_text = g_strdup_printf (_("You noted a warning sign today: %s. Contact your "
                                       "surgeon, your doctor or an out-of-hours service now."),
                                     flags);
    }
  if (emergency != 0)
    {
      g_autofree char *flags = pd_tags_to_label (PD_TAG_RED_FLAG, emergency);

      text = g_strdup_printf (_("Call emergency services now. Noted today: %s."), flags);
      if (urgent_text != NULL)
        {
          char *both = g_strconcat (text, "\n", urgent_text, NULL);

          g_free (text);
          text = both;
        }
    }
  gtk_label_set_label (self->red_flag_label, text != NULL ? text : urgent_text);
  if (emergency != 0)
    gtk_widget_add_css_class (banner, "emergency");
  else
    gtk_widget_remove_css_class (banner, "emergency");
}

static void
update_day_so_far (PdTodayPage *self,
                   gboolean     editable)
{
  PdDiaryDay *day = pd_diary_model_lookup_day (self->model, self->today);
  GListModel *records = day != NULL ? pd_diary_day_get_records (day) : NULL;
  guint32 red_flags = 0;

  clear_list (self->today_list);
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (records, i);

      if (PD_IS_PAIN_ENTRY (record))
        red_flags |= pd_pain_entry_get_red_flags (PD_PAIN_ENTRY (record));
      gtk_list_box_append (self->today_list, pd_record_row_new (record, editable));
    }

  if (red_flags != 0)
    show_red_flags (self, red_flags);
  gtk_revealer_set_reveal_child (self->red_flag_revealer, red_flags != 0);
}

static void
refresh (GtkWidget *widget)
{
  PdTodayPage *self = PD_TODAY_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean editable = is_editable (self);

  g_clear_pointer (&self->data, pd_diary_data_free);
  self->data = pd_diary_model_ref_data (self->model);
  self->today = pd_local_today (NULL);
  /* Nobody logs pain for someone else: no form in a review. */
  gtk_widget_set_visible (GTK_WIDGET (self->form), editable);
  gtk_widget_set_visible (self->save_button, editable);
  gtk_widget_set_visible (self->activities_group, editable);
  gtk_label_set_label (self->placeholder,
                       editable ? _("Nothing logged today. Choose a score above and press Save.")
                                : _("Nothing logged today."));

  update_header (self, now);
  pd_spine_today_set_data (self->spine, self->model, self->data, self->today);
  update_medications (self, editable);
  update_quick_activities (self, editable);
  update_day_so_far (self, editable);
  form_changed_cb (self);
}

void
pd_today_page_set_model (PdTodayPage  *self,
                         PdDiaryModel *model)
{
  g_return_if_fail (PD_IS_TODAY_PAGE (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));

  if (self->model == model)
    return;
  g_set_object (&self->model, model);
  g_set_object (&self->database, pd_diary_model_get_database (model));
  pd_entry_form_reset (self->form);
  pd_model_watch (GTK_WIDGET (self), model, FALSE, refresh);
}

static PdMedication *
find_medication (PdTodayPage *self,
                 const char  *id)
{
  GObject *medication = self->model ? pd_diary_model_lookup (self->model, PD_RECORD_MEDICATION, id)
                                    : NULL;

  return medication ? PD_MEDICATION (medication) : NULL;
}

/* Safety information that a new dose brings up, to show at once where it was logged; NULL
 * when there is none. */
static char *
warn_about_new (PdTodayPage *self,
                PdDose      *dose)
{
  PdCheckOptions checks;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) doses = g_ptr_array_copy (self->data->doses, NULL, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  pd_check_options_load (&checks, self->database);
  before = pd_day_warnings_full (self->data->doses, self->data->medications, self->today, &checks);
  /* g_ptr_array_copy() keeps the free function; this copy owns nothing. */
  g_ptr_array_set_free_func (doses, NULL);
  g_ptr_array_insert (doses, 0, dose);
  after = pd_day_warnings_full (doses, self->data->medications, self->today, &checks);
  for (guint i = 0; i < after->len; i++)
    {
      PdWarning *warning = g_ptr_array_index (after, i);
      gboolean known = FALSE;

      for (guint j = 0; j < before->len && !known; j++)
        {
          PdWarning *old = g_ptr_array_index (before, j);
          known = old->kind == warning->kind && g_strcmp0 (old->subject, warning->subject) == 0;
        }
      if (!known)
        g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", warning->message);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
save_dose (PdTodayPage *self,
           PdDose      *dose,
           const char  *done)
{
  /* Against the doses before this one: worked out now, shown once it is saved. */
  char *safety = pd_dose_get_status (dose) == PD_DOSE_TAKEN ? warn_about_new (self, dose) : NULL;

  log_record (self, dose, PD_RECORD_DOSE, pd_dose_get_id (dose), done, safety);
}

static PdDose *
dose_for (PdMedication *medication)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PdDose *dose = pd_dose_new ();

  pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
  pd_dose_set_name (dose, pd_medication_get_name (medication));
  pd_dose_set_amount (dose, pd_medication_get_amount (medication));
  pd_dose_set_unit (dose, pd_medication_get_unit (medication));
  pd_dose_set_date_time (dose, now);
  return dose;
}

static void
take_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdTodayPage *self = PD_TODAY_PAGE (widget);
  g_autoptr(PdDose) dose = NULL;
  g_autofree char *done = NULL;
  PdMedication *medication;
  const char *id;
  guint minute;
  gboolean skip = g_str_equal (action_name, "today.skip");

  g_variant_get (parameter, "(&su)", &id, &minute);
  if (!(medication = find_medication (self, id)))
    return;
  dose = dose_for (medication);
  pd_dose_set_scheduled_time (dose, minute);
  pd_dose_set_status (dose, skip ? PD_DOSE_SKIPPED : PD_DOSE_TAKEN);
  /* Translators: a toast, e.g. "Gabapentin taken" */
  done = g_strdup_printf (skip ? _("%s skipped") : _("%s taken"), pd_medication_get_name (medication));
  save_dose (self, dose, done);
}

static void
take_as_needed_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdTodayPage *self = PD_TODAY_PAGE (widget);
  PdMedication *medication = find_medication (self, g_variant_get_string (parameter, NULL));
  g_autoptr(PdDose) dose = NULL;
  g_autofree char *done = NULL;

  if (medication == NULL)
    return;
  dose = dose_for (medication);
  done = g_strdup_printf (_("%s taken"), pd_medication_get_name (medication));
  save_dose (self, dose, done);
}

static void
repeat_activity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdTodayPage *self = PD_TODAY_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PdActivity) again = NULL;
  g_autofree char *done = NULL;
  GObject *found = self->model ? pd_diary_model_lookup (self->model, PD_RECORD_ACTIVITY, id) : NULL;
  PdActivity *activity = found ? PD_ACTIVITY (found) : NULL;

  if (activity == NULL || !is_editable (self))
    return;
  again = pd_activity_new ();
  pd_activity_set_name (again, pd_activity_get_name (activity));
  pd_activity_set_duration (again, pd_activity_get_duration (activity));
  pd_activity_set_effort (again, pd_activity_get_effort (activity));
  pd_activity_set_date_time (again, now);
  /* Translators: a toast, e.g. "Walking logged" */
  done = g_strdup_printf (_("%s logged"), pd_activity_get_name (again));
  log_record (self, again, PD_RECORD_ACTIVITY, pd_activity_get_id (again), done, NULL);
}

GtkWidget *
pd_today_page_get_save_button (PdTodayPage *self)
{
  g_return_val_if_fail (PD_IS_TODAY_PAGE (self), NULL);
  return self->save_button;
}

void
pd_today_page_focus_score (PdTodayPage *self)
{
  g_return_if_fail (PD_IS_TODAY_PAGE (self));
  pd_entry_form_focus_score (self->form);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdTodayPage *self = PD_TODAY_PAGE (widget);

  if (gtk_widget_get_sensitive (self->save_button))
    save_clicked_cb (self);
}

static GtkWidget *
create_placeholder (void)
{
  GtkWidget *label = gtk_label_new (_("Nothing logged today. Choose a score above and press Save."));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  pd_widget_set_margins (label, 18, 12, 18, 12);
  return label;
}

static void
pd_today_page_dispose (GObject *object)
{
  PdTodayPage *self = PD_TODAY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_TODAY_PAGE);
  g_clear_object (&self->database);
  g_clear_object (&self->model);
  g_clear_pointer (&self->data, pd_diary_data_free);

  G_OBJECT_CLASS (pd_today_page_parent_class)->dispose (object);
}

static void
pd_today_page_class_init (PdTodayPageClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdTodayPage, scroller),
    PD_TEMPLATE_CHILD (PdTodayPage, red_flag_revealer),
    PD_TEMPLATE_CHILD (PdTodayPage, red_flag_label),
    PD_TEMPLATE_CHILD (PdTodayPage, date_label),
    PD_TEMPLATE_CHILD (PdTodayPage, surgery_label),
    PD_TEMPLATE_CHILD (PdTodayPage, spine),
    PD_TEMPLATE_CHILD (PdTodayPage, form),
    PD_TEMPLATE_CHILD (PdTodayPage, save_button),
    PD_TEMPLATE_CHILD (PdTodayPage, today_list),
    PD_TEMPLATE_CHILD (PdTodayPage, medications_group),
    PD_TEMPLATE_CHILD (PdTodayPage, checks_list),
    PD_TEMPLATE_CHILD (PdTodayPage, due_list),
    PD_TEMPLATE_CHILD (PdTodayPage, as_needed_button),
    PD_TEMPLATE_CHILD (PdTodayPage, quick_activities),
    PD_TEMPLATE_CHILD (PdTodayPage, activities_group),
    PD_TEMPLATE_CALLBACK (form_changed_cb),
    PD_TEMPLATE_CALLBACK (save_clicked_cb)
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_today_page_dispose;

  g_type_ensure (PD_TYPE_ENTRY_FORM);
  g_type_ensure (PD_TYPE_SPINE_TODAY);

  pd_widget_class_set_template (widget_class, "pd-today-page.ui",
                                bindings, G_N_ELEMENTS (bindings));

  gtk_widget_class_install_action (widget_class, "today.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "today.take", "(su)", take_action);
  gtk_widget_class_install_action (widget_class, "today.skip", "(su)", take_action);
  gtk_widget_class_install_action (widget_class, "today.take-as-needed", "s", take_as_needed_action);
  gtk_widget_class_install_action (widget_class, "today.repeat-activity", "s", repeat_activity_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "today.save", NULL);
}

static void
pd_today_page_init (PdTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->placeholder = GTK_LABEL (create_placeholder ());
  gtk_list_box_set_placeholder (self->today_list, GTK_WIDGET (self->placeholder));
  pd_entry_form_take_keys_of (self->form, GTK_WIDGET (self));
}
