/* pd-medications-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-medications-page"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <string.h>

#include "pd-format.h"
#include "pd-types.h"
#include "pd-catalogue.h"
#include "pd-editors.h"
#include "pd-medication-checks.h"
#include "pd-medications-page.h"
#include "pd-model-watch.h"
#include "pd-page-util.h"
#include "pd-spine.h"

struct _PdMedicationsPage
{
  AdwBin parent_instance;

  PdDiaryModel *model;
  /* id -> PdMedication, for the row actions. */
  GHashTable *medications;
  /* The rows added to current_group and stopped_expander, removed on the next rebuild. */
  GPtrArray *current_rows;
  GPtrArray *stopped_rows;

  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkWidget *empty_add_button;
  GtkWidget *add_button;
  AdwPreferencesGroup *current_group;
  AdwPreferencesGroup *stopped_group;
  AdwExpanderRow *stopped_expander;
};

G_DEFINE_FINAL_TYPE (PdMedicationsPage, pd_medications_page, ADW_TYPE_BIN)

/* Days, as Julian day numbers, and minutes of the present moment in local time. */
/* A time of day in the locale's clock: "20:00", or "8:00 PM" where 12-hour clocks are usual. */
static char *
format_minutes (guint minutes)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2000, 1, 1, minutes / 60 % 24, minutes % 60, 0);
  const char *locale_format = nl_langinfo (T_FMT);
  gboolean twelve_hours = strstr (locale_format, "%I") != NULL ||
                          strstr (locale_format, "%l") != NULL ||
                          strstr (locale_format, "%r") != NULL;

  return g_date_time_format (time, twelve_hours ? "%l:%M %p" : "%H:%M");
}

static char *
format_amount (PdMedication *medication)
{
  double amount = pd_medication_get_amount (medication);

  if (amount <= 0)
    return NULL;
  return pd_dose_amount_text (amount, pd_medication_get_unit (medication));
}

static char *
format_schedule (PdMedication *medication)
{
  const GArray *times = pd_medication_get_schedule (medication);
  GString *text;

  if (pd_medication_is_as_needed (medication))
    return g_strdup (_("As needed"));

  text = g_string_new (NULL);
  for (guint i = 0; i < times->len; i++)
    {
      g_autofree char *clock = format_minutes (g_array_index (times, guint, i));

      if (i > 0)
        /* Translators: the separator between scheduled times, as in "08:00, 20:00" */
        g_string_append (text, _(", "));
      g_string_append (text, g_strstrip (clock));
    }
  return g_string_free (text, FALSE);
}

static char *
format_adherence (PdMedication *medication,
                  GPtrArray    *doses,
                  guint32       today,
                  guint         minute)
{
  PdAdherence week, month;

  if (pd_medication_is_as_needed (medication))
    return NULL;

  week = pd_adherence (medication, doses, today - 6, today, today, minute);
  month = pd_adherence (medication, doses, today - 29, today, today, minute);
  if (month.due == 0 && pd_medication_is_active_on (medication, today))
    return g_strdup (_("No scheduled doses due yet"));
  if (month.due == 0)
    return NULL;

  /* The same windows and form as the report's table: the 7 and the 30 days ending today,
   * with their first day named, and the share taken. */
  {
    g_autoptr(GDate) week_start = g_date_new_julian (today - 6);
    g_autoptr(GDate) month_start = g_date_new_julian (today - 29);
    char week_day[64], month_day[64];

    /* Translators: the first day of an adherence window, strftime format: "27 Nov" */
    g_date_strftime (week_day, sizeof week_day, C_("adherence", "%-d %b"), week_start);
    g_date_strftime (month_day, sizeof month_day, C_("adherence", "%-d %b"), month_start);
    /* Translators: adherence, scheduled doses taken of those due in the 7 and 30 days
     * ending today, e.g. "Taken since 27 Nov: 12 of 14 (86%) · since 4 Nov: 55 of 60 (92%)" */
    return g_strdup_printf (_("Taken since %s: %u of %u (%.0f%%) · since %s: %u of %u (%.0f%%)"),
                            week_day, week.taken, week.due,
                            week.due > 0 ? 100.0 * week.taken / week.due : 0.0,
                            month_day, month.taken, month.due, 100.0 * month.taken / month.due);
  }
}

/* "NSAID · 400 mg · 08:00, 20:00", then when it starts or stops, then the adherence line. */
static char *
describe (PdMedication *medication,
          GPtrArray    *doses,
          guint32       today,
          guint         minute)
{
  GString *text = g_string_new (pd_drug_class_label (pd_medication_get_drug_class (medication)));
  g_autofree char *amount = format_amount (medication);
  g_autofree char *schedule = format_schedule (medication);
  g_autofree char *adherence = format_adherence (medication, doses, today, minute);
  guint32 start = pd_medication_get_start_day (medication);
  guint32 stop = pd_medication_get_stop_day (medication);

  if (amount != NULL)
    g_string_append_printf (text, " · %s", amount);
  g_string_append_printf (text, " · %s", schedule);

  if (stop != 0 && stop <= today)
    {
      g_autofree char *day = pd_format_day (stop);

      g_string_append (text, "\n");
      /* Translators: the last day a medication was taken, e.g. "Stopped 3 March 2026" */
      g_string_append_printf (text, _("Stopped %s"), day);
    }
  else if (start > today)
    {
      g_autofree char *day = pd_format_day (start);

      g_string_append (text, "\n");
      /* Translators: e.g. "Starts 3 March 2026" */
      g_string_append_printf (text, _("Starts %s"), day);
    }
  else if (stop != 0)
    {
      g_autofree char *day = pd_format_day (stop);

      g_string_append (text, "\n");
      /* Translators: the planned last day, e.g. "Until 3 March 2026" */
      g_string_append_printf (text, _("Until %s"), day);
    }

  if (adherence != NULL)
    g_string_append_printf (text, "\n%s", adherence);
  return g_string_free (text, FALSE);
}

static GtkWidget *
make_row (PdMedicationsPage *self,
          PdMedication      *medication,
          gboolean           stopped,
          GPtrArray         *doses,
          guint32            today,
          guint              minute)
{
  const char *name = pd_medication_get_name (medication);
  const char *id = pd_medication_get_id (medication);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *description = describe (medication, doses, today, minute);
  g_autofree char *subtitle = g_markup_escape_text (description, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (stopped)
    gtk_widget_add_css_class (row, "medication-stopped");

  if (self->model != NULL && !pd_diary_model_is_read_only (self->model))
    {
      /* Translators: accessible names of a medication's buttons, e.g. "Edit Ibuprofen" */
      g_autofree char *edit_label = g_strdup_printf (_("Edit %s"), name);
      g_autofree char *stop_label = g_strdup_printf (_("Stop %s"), name);
      g_autofree char *restart_label = g_strdup_printf (_("Restart %s"), name);
      g_autofree char *delete_label = g_strdup_printf (_("Delete %s"), name);

      g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_string (id));
      GtkWidget *stop_or_restart;

      if (stopped)
        stop_or_restart = pd_action_button_new ("view-refresh-symbolic", "medications.restart",
                                                target, _("Restart Taking"), restart_label);
      else
        stop_or_restart = pd_action_button_new ("process-stop-symbolic", "medications.stop",
                                                target, _("Stop Taking"), stop_label);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 pd_action_button_new ("document-edit-symbolic", "medications.edit",
                                                       target, _("Edit"), edit_label));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), stop_or_restart);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 pd_action_button_new ("user-trash-symbolic", "medications.delete",
                                                       target, _("Delete"), delete_label));
    }
  return row;
}

static void
clear_rows (PdMedicationsPage *self)
{
  for (guint i = 0; i < self->current_rows->len; i++)
    adw_preferences_group_remove (self->current_group, g_ptr_array_index (self->current_rows, i));
  for (guint i = 0; i < self->stopped_rows->len; i++)
    adw_expander_row_remove (self->stopped_expander, g_ptr_array_index (self->stopped_rows, i));
  g_ptr_array_set_size (self->current_rows, 0);
  g_ptr_array_set_size (self->stopped_rows, 0);
}

/* Only the last 30 days of doses count; the diary may hold years of them. */
static GPtrArray *
recent_doses (GPtrArray *doses,
              guint32    today)
{
  GPtrArray *recent = g_ptr_array_new ();

  for (guint i = 0; doses != NULL && i < doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);

      if (pd_dose_get_local_day (dose) + 31 >= today)
        g_ptr_array_add (recent, dose);
    }
  return recent;
}

/* Whether the as-needed doses of the last 30 days were followed by less pain. */
static void
add_prn_line (GtkWidget    *row,
              GPtrArray    *summaries,
              PdMedication *medication)
{
  const PdPrnSummary *summary = pd_prn_summary_find (summaries,
                                                     pd_medication_get_name (medication));
  g_autofree char *line = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *subtitle = NULL;

  if (summary == NULL)
    return;
  line = pd_prn_describe (summary);
  /* Translators: %s is e.g. "3 as-needed doses; pain 1.5 lower 30–120 minutes after ..." */
  escaped = g_markup_printf_escaped (_("Last 30 days: %s"), line);
  subtitle = g_strdup_printf ("%s\n%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                              escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
refresh (GtkWidget *widget)
{
  PdMedicationsPage *self = PD_MEDICATIONS_PAGE (widget);
  g_autoptr(PdDiaryData) data = pd_diary_model_dup_data (self->model);
  g_autoptr(GPtrArray) doses = NULL;
  g_autoptr(GPtrArray) prn = NULL;
  gboolean editable;
  guint n_stopped = 0;
  guint minute;
  guint32 today = pd_local_today (&minute);

  g_hash_table_remove_all (self->medications);
  clear_rows (self);

  editable = !pd_diary_model_is_read_only (self->model);
  if (editable)
    adw_status_page_set_description (self->empty_page,
                                     _("Add the medicines and supplements you take, with their "
                                       "usual amount and times. Doses are then logged in one click "
                                       "on Today, and you can see how regularly you took them."));
  else
    adw_status_page_set_description (self->empty_page, _("This diary lists no medications."));

  /* One Add button at a time, so that the one on the page out of sight is not found by a
   * screen reader's list of buttons. */
  if (data->medications->len == 0)
    {
      gtk_widget_set_visible (self->add_button, FALSE);
      gtk_widget_set_visible (self->empty_add_button, editable);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_widget_set_visible (self->add_button, editable);
  gtk_widget_set_visible (self->empty_add_button, FALSE);

  doses = recent_doses (data->doses, today);
  prn = pd_prn_summarise (data, pd_local_day_start (today - 29, 14 * 3600), G_MAXINT64);
  for (guint i = 0; i < data->medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (data->medications, i);
      guint32 stop = pd_medication_get_stop_day (medication);
      gboolean stopped = stop != 0 && stop <= today;
      GtkWidget *row = make_row (self, medication, stopped, doses, today, minute);

      add_prn_line (row, prn, medication);

      g_hash_table_insert (self->medications, g_strdup (pd_medication_get_id (medication)),
                           g_object_ref (medication));
      if (stopped)
        {
          adw_expander_row_add_row (self->stopped_expander, row);
          g_ptr_array_add (self->stopped_rows, row);
          n_stopped++;
        }
      else
        {
          adw_preferences_group_add (self->current_group, row);
          g_ptr_array_add (self->current_rows, row);
        }
    }

  if (self->current_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No current medications"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->current_group, row);
      g_ptr_array_add (self->current_rows, row);
    }

  if (n_stopped > 0)
    {
      g_autofree char *count = NULL;

      count = g_strdup_printf (ngettext ("%u medication", "%u medications", n_stopped), n_stopped);
      adw_expander_row_set_subtitle (self->stopped_expander, count);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stopped_group), n_stopped > 0);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/* Actions */

void
pd_medications_page_set_model (PdMedicationsPage *self,
                               PdDiaryModel      *model)
{
  g_return_if_fail (PD_IS_MEDICATIONS_PAGE (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));

  if (self->model == model)
    return;
  g_set_object (&self->model, model);
  pd_model_watch (GTK_WIDGET (self), model, FALSE, refresh);
}

/* Actions */

/* The window shows what went wrong (win.show-error). */
static void
show_error (PdMedicationsPage *self,
            const char        *title,
            const GError      *error)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "(ss)", title, error->message))
    g_warning ("%s: %s", title, error->message);
}

static PdMedication *
lookup (PdMedicationsPage *self,
        GVariant          *parameter)
{
  if (self->model == NULL)
    return NULL;
  return g_hash_table_lookup (self->medications, g_variant_get_string (parameter, NULL));
}

static void
edit_medication (PdMedicationsPage *self,
                 PdMedication      *medication)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_window_present (pd_medication_editor_new (GTK_WINDOW (root), self->model, medication));
}

/* A change the model's worker makes, and what to say when it is done. */
typedef gboolean (*ModelFinish) (PdDiaryModel  *model,
                                  GAsyncResult  *result,
                                  GError       **error);

typedef struct
{
  PdMedicationsPage *self;
  ModelFinish finish;  /* the model's _finish() of the change */
  char *done;          /* the toast once done, or NULL */
  const char *failed;  /* the heading of the error */
} Pending;

static Pending *
pending_new (PdMedicationsPage *self,
             ModelFinish        finish,
             char              *done,
             const char        *failed)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->finish = finish;
  pending->done = done;
  pending->failed = failed;
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->done);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
pending_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!pending->finish (PD_DIARY_MODEL (object), result, &error))
    show_error (pending->self, pending->failed, error);
  else if (pending->done != NULL)
    gtk_widget_activate_action (GTK_WIDGET (pending->self), "win.show-undo-toast", "s", pending->done);
}

static void
save_stop_day (PdMedicationsPage *self,
               PdMedication      *medication,
               guint32            stop_day)
{
  g_autoptr(PdMedication) changed = pd_medication_copy (medication);

  pd_medication_set_stop_day (changed, stop_day);
  pd_diary_model_save_async (self->model, changed, NULL, pending_done_cb,
                             pending_new (self, pd_diary_model_save_finish, NULL,
                                          stop_day != 0 ? _("The Medication Was Not Stopped")
                                                        : _("The Medication Was Not Restarted")));
}

static void
stop_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  PdMedicationsPage *self = PD_MEDICATIONS_PAGE (user_data);
  const char *id = g_object_get_data (G_OBJECT (dialog), "medication-id");
  PdMedication *medication;

  if (!g_str_equal (response, "stop") || self->model == NULL)
    return;
  /* The regimen may have been reloaded while the dialog was open. */
  medication = g_hash_table_lookup (self->medications, id);
  if (medication != NULL)
    save_stop_day (self, medication, pd_local_today (NULL));
}

static void
stop_medication (PdMedicationsPage *self,
                 PdMedication      *medication)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  const char *body;
  AdwMessageDialog *dialog;

  /* Translators: e.g. "Stop Taking Ibuprofen?" */
  heading = g_strdup_printf (_("Stop Taking %s?"), pd_medication_get_name (medication));
  body = _("Today becomes its last day. Its doses stay in the diary, and it can be restarted "
           "later.");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("Cancel"), "stop", _("Stop Taking"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "medication-id",
                          g_strdup (pd_medication_get_id (medication)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (stop_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restart_medication (PdMedicationsPage *self,
                    PdMedication      *medication)
{
  save_stop_day (self, medication, 0);
}

static void
delete_medication (PdMedicationsPage *self,
                   PdMedication      *medication)
{
  char *done;

  /* Translators: a toast, e.g. "Ibuprofen deleted" */
  done = g_strdup_printf (_("%s deleted"), pd_medication_get_name (medication));
  pd_diary_model_delete_async (self->model, PD_RECORD_MEDICATION, pd_medication_get_id (medication),
                               NULL, pending_done_cb,
                               pending_new (self, pd_diary_model_delete_finish, done,
                                            _("The Medication Was Not Deleted")));
}

/* The actions on one medication, whose id is their parameter. */
static const struct
{
  const char *name;
  void (*run) (PdMedicationsPage *self,
               PdMedication      *medication);
} medication_actions[] = {
  { "medications.edit", edit_medication },
  { "medications.stop", stop_medication },
  { "medications.restart", restart_medication },
  { "medications.delete", delete_medication },
};

static void
medication_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdMedicationsPage *self = PD_MEDICATIONS_PAGE (widget);
  PdMedication *medication = lookup (self, parameter);

  for (guint i = 0; medication != NULL && i < G_N_ELEMENTS (medication_actions); i++)
    {
      if (g_str_equal (action_name, medication_actions[i].name))
        medication_actions[i].run (self, medication);
    }
}

static void
pd_medications_page_dispose (GObject *object)
{
  PdMedicationsPage *self = PD_MEDICATIONS_PAGE (object);

  /* No gtk_widget_dispose_template(): with libadwaita 1.2 it makes the expander row of
   * stopped medications unparent its rows a second time. The page's children go with it. */
  g_clear_object (&self->model);
  g_clear_pointer (&self->medications, g_hash_table_unref);
  g_clear_pointer (&self->current_rows, g_ptr_array_unref);
  g_clear_pointer (&self->stopped_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_medications_page_parent_class)->dispose (object);
}

static void
pd_medications_page_class_init (PdMedicationsPageClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdMedicationsPage, stack),
    PD_TEMPLATE_CHILD (PdMedicationsPage, empty_page),
    PD_TEMPLATE_CHILD (PdMedicationsPage, empty_add_button),
    PD_TEMPLATE_CHILD (PdMedicationsPage, add_button),
    PD_TEMPLATE_CHILD (PdMedicationsPage, current_group),
    PD_TEMPLATE_CHILD (PdMedicationsPage, stopped_group),
    PD_TEMPLATE_CHILD (PdMedicationsPage, stopped_expander)
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_medications_page_dispose;

  pd_widget_class_set_template (widget_class, "pd-medications-page.ui",
                                bindings, G_N_ELEMENTS (bindings));

  for (guint i = 0; i < G_N_ELEMENTS (medication_actions); i++)
    gtk_widget_class_install_action (widget_class, medication_actions[i].name, "s",
                                     medication_action);
}

static void
pd_medications_page_init (PdMedicationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->medications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->current_rows = g_ptr_array_new ();
  self->stopped_rows = g_ptr_array_new ();
}
