/* pd-exchange-commands.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-exchange-commands"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-csv-tasks.h"
#include "pd-fhir.h"
#include "pd-file-chooser.h"
#include "pd-report-dialog.h"
#include "pd-rows.h"
#include "pd-problem-dialog.h"
#include "pd-toast-clearance.h"
#include "pd-types.h"
#include "pd-exchange-commands.h"
#include "pd-style.h"

/* Export */

/* An export or an import under way, from the file chosen on. */
typedef struct
{
  GtkWindow *window;
  PdDatabase *database;
  gboolean importing;
  /* Export */
  gboolean summary;
  gboolean fhir;
  guint32 from_day;
  /* Import */
  PdCsvImport *import;
  AdwMessageDialog *progress;
} Exchange;

static void
close_progress (Exchange *exchange)
{
  if (exchange->progress != NULL)
    gtk_window_destroy (GTK_WINDOW (exchange->progress));
  exchange->progress = NULL;
}

static Exchange *
exchange_new (GtkWindow    *window,
              PdDiaryModel *model)
{
  Exchange *exchange = g_new0 (Exchange, 1);

  exchange->window = g_object_ref (window);
  exchange->database = g_object_ref (pd_diary_model_get_database (model));
  return exchange;
}

static void
exchange_free (gpointer data)
{
  Exchange *exchange = data;

  close_progress (exchange);
  g_clear_pointer (&exchange->import, pd_csv_import_free);
  g_clear_object (&exchange->window);
  g_clear_object (&exchange->database);
  g_free (exchange);
}

static void file_chosen_cb (GFile    *file,
                            gpointer  user_data);

/* Both exports finish alike: a count, or an error; only what is counted differs. */
static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Exchange *choice = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!(choice->fhir ? pd_fhir_export_file_finish (result, &n, &error)
                     : pd_csv_export_file_finish (result, &n, &error)))
    message = g_strdup_printf (_("Not exported: %s"), error->message);
  else if (choice->fhir)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u FHIR resource",
                                            "Exported %u FHIR resources", n),
                               n);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u row", "Exported %u rows", n), n);
  pd_toast_send (GTK_WIDGET (choice->window), message);
  exchange_free (choice);
}

static void
start_export (Exchange   *choice,
              const char *path)
{
  pd_toast_send (GTK_WIDGET (choice->window), _("Exporting…"));
  if (choice->fhir)
    pd_fhir_export_file_async (choice->database, path, choice->from_day, 0, NULL, exported_cb, choice);
  else
    pd_csv_export_file_async (choice->database, path, choice->summary, choice->from_day, 0, NULL,
                              exported_cb, choice);
}

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GtkWindow        *self)
{
  static const int ranges[] = { 0, 30, 90, 365 };
  PdDiaryModel *model = g_object_get_data (G_OBJECT (dialog), "model");
  AdwComboRow *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  AdwComboRow *range = g_object_get_data (G_OBJECT (dialog), "range");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;
  Exchange *choice;
  int days;

  if (g_strcmp0 (response, "export") != 0)
    return;

  if (adw_combo_row_get_selected (kind) == 2)
    {
      static const PdReportRange report_ranges[] = { PD_REPORT_RANGE_ALL, PD_REPORT_RANGE_30_DAYS,
                                                     PD_REPORT_RANGE_90_DAYS, PD_REPORT_RANGE_YEAR };
      PdReportDialog *report = pd_report_dialog_new (self, model, FALSE);

      pd_report_dialog_set_range (report, report_ranges[MIN (adw_combo_row_get_selected (range),
                                                             G_N_ELEMENTS (report_ranges) - 1)]);
      gtk_window_present (GTK_WINDOW (report));
      return;
    }

  choice = exchange_new (self, model);
  choice->summary = adw_combo_row_get_selected (kind) == 1;
  choice->fhir = adw_combo_row_get_selected (kind) == 3;
  days = ranges[MIN (adw_combo_row_get_selected (range), G_N_ELEMENTS (ranges) - 1)];
  choice->from_day = days > 0 ? pd_local_today (NULL) - days + 1 : 0;

  name = g_date_time_format (now, choice->fhir ? "pain-diary-fhir-%Y-%m-%d.json"
                                 : choice->summary ? "pain-diary-summary-%Y-%m-%d.csv"
                                 : "pain-diary-%Y-%m-%d.csv");
  pd_choose_file (self, &(PdFileQuestion) { PD_CHOOSE_SAVE, _("Export"), _("_Export"), name, NULL },
                  file_chosen_cb, choice, NULL);
}

/* The report has its own dialog, which chooses more than a file. */
static void
export_kind_changed_cb (AdwComboRow      *kind,
                        GParamSpec       *pspec,
                        AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_label (dialog, "export", adw_combo_row_get_selected (kind) == 2
                                                           ? _("_Continue…") : _("_Choose File…"));
}

void
pd_exchange_commands_export (GtkWindow    *self,
                             PdDiaryModel *model)
{
  const char *kinds[] = { _("Diary CSV (every record)"), _("Daily summary CSV (one row per day)"),
                          _("Clinician report (PDF)"), _("FHIR R4 bundle (JSON, for health records)"),
                          NULL };
  const char *ranges[] = { _("All time"), _("Last 30 days"), _("Last 90 days"), _("Last year"), NULL };
  AdwMessageDialog *dialog;
  GtkWidget *list, *kind, *range;

  g_return_if_fail (GTK_IS_WINDOW (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self, _("Export"),
                                                       _("A CSV file for a spreadsheet, or a report for your "
                                                         "care team. It holds health data: share it with care.")));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  kind = pd_combo_row_new (_("Contents"), kinds);
  range = pd_combo_row_new (_("Days"), ranges);
  gtk_list_box_append (GTK_LIST_BOX (list), kind);
  gtk_list_box_append (GTK_LIST_BOX (list), range);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data (G_OBJECT (dialog), "range", range);
  g_object_set_data_full (G_OBJECT (dialog), "model", g_object_ref (model), g_object_unref);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  g_signal_connect_object (kind, "notify::selected", G_CALLBACK (export_kind_changed_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import */

/* A dialog that says what is being done while it is done: big files take a while. */
static AdwMessageDialog *
progress_dialog (GtkWindow  *self,
                 const char *heading)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self, heading, NULL));
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (bar), 0.1);
  pd_style_pulse (GTK_PROGRESS_BAR (bar));
  adw_message_dialog_set_extra_child (dialog, bar);
  gtk_window_set_deletable (GTK_WINDOW (dialog), FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
committed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Exchange *job = user_data;
  g_autoptr(GError) error = NULL;
  guint n_new = pd_csv_import_get_n_new (job->import);
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u record",
                                                           "Imported %u records", n_new),
                                              n_new);

  pd_csv_import_commit_finish (result, &error);
  close_progress (job);
  pd_command_report (job->window, error, _("Nothing Was Imported"), message, TRUE);
  exchange_free (job);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Exchange        *job)
{
  if (g_strcmp0 (response, "import") != 0)
    {
      exchange_free (job);
      return;
    }
  job->progress = progress_dialog (job->window, _("Importing…"));
  pd_csv_import_commit_async (job->import, job->database, NULL, committed_cb, job);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Exchange *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  AdwMessageDialog *dialog;
  guint n_new;

  close_progress (job);
  job->import = pd_csv_import_prepare_finish (result, &error);
  if (job->import == NULL)
    {
      pd_problem_dialog_present (job->window, _("This File Can’t Be Imported"), error->message);
      exchange_free (job);
      return;
    }

  n_new = pd_csv_import_get_n_new (job->import);
  description = pd_csv_import_describe (job->import);
  /* Nothing is written before the person has seen this; then all or nothing. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (job->window, _("Import Records?"), NULL));
  adw_message_dialog_set_body (dialog, description);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (n_new > 0)
    {
      adw_message_dialog_add_response (dialog, "import", _("_Import"));
      adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "import");
    }
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_import (Exchange   *job,
              const char *path)
{
  job->progress = progress_dialog (job->window, _("Checking the File…"));
  pd_csv_import_prepare_async (job->database, path, NULL, prepared_cb, job);
}

static void
file_chosen_cb (GFile    *file,
                gpointer  user_data)
{
  Exchange *exchange = user_data;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path == NULL)
    exchange_free (exchange);
  else if (exchange->importing)
    start_import (exchange, path);
  else
    start_export (exchange, path);
}

void
pd_exchange_commands_import (GtkWindow    *self,
                             PdDiaryModel *model)
{
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_object_unref);
  GtkFileFilter *filter = gtk_file_filter_new ();
  Exchange *job;

  g_return_if_fail (GTK_IS_WINDOW (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));

  job = exchange_new (self, model);
  job->importing = TRUE;
  gtk_file_filter_set_name (filter, _("Diary CSV"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  /* What spreadsheets save as tab-delimited text, which the import reads too. */
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  g_ptr_array_add (filters, filter);
  pd_choose_file (self,
                  &(PdFileQuestion) { PD_CHOOSE_OPEN, _("Import Diary CSV"), _("_Open"), NULL, filters },
                  file_chosen_cb, job, NULL);
}
