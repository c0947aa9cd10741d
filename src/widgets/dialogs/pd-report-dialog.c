/* pd-report-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is built and laid out in a worker thread (pd_report_load_async), then either
 * written as a PDF in another (pd_report_write_pdf_async) or handed to a GtkPrintOperation,
 * whose pages are drawn by the same pd_report_draw_page as the PDF's.
 */

#define G_LOG_DOMAIN "pd-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-csv.h"
#include "pd-check-settings.h"
#include "pd-file-chooser.h"
#include "pd-report-dialog.h"
#include "pd-report-tasks.h"
#include "pd-style.h"
#include "pd-types.h"
#include "pd-page-util.h"

struct _PdReportDialog
{
  AdwWindow parent_instance;

  GtkWindow *parent;   /* where toasts go once the dialog is closed */
  PdDatabase *database;
  GCancellable *cancellable;
  /* While printing: the report and the paper it was laid out for. */
  PdReport *report;
  PdPaper paper;
  char *file;
  gboolean busy;
  gboolean printing;

  AdwPreferencesPage *page;
  AdwComboRow *range_row;
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  GtkSwitch *charts_switch;
  GtkSwitch *before_after_switch;
  GtkSwitch *notes_switch;
  GtkSwitch *daily_table_switch;
  AdwComboRow *paper_row;
  GtkProgressBar *progress_bar;
  GtkLabel *status_label;
  GtkWidget *print_button;
  GtkWidget *save_button;
};

G_DEFINE_FINAL_TYPE (PdReportDialog, pd_report_dialog, ADW_TYPE_WINDOW)

/* What was chosen last in this session. Kept in memory only: a report never writes to
 * the diary, which may be read-only. */
static struct
{
  gboolean set;
  PdReportRange range;
  char *from;
  char *to;
  PdReportSections sections;
  PdPaper paper;
  GtkPrintSettings *print_settings;
} last;

/* Choices */

static PdPaper
get_paper (PdReportDialog *self)
{
  return adw_combo_row_get_selected (self->paper_row) == 1 ? PD_PAPER_LETTER : PD_PAPER_A4;
}

static void
get_sections (PdReportDialog   *self,
              PdReportSections *sections)
{
  sections->charts = gtk_switch_get_active (self->charts_switch);
  sections->before_after = gtk_switch_get_active (self->before_after_switch);
  sections->notes = gtk_switch_get_active (self->notes_switch);
  sections->daily_table = gtk_switch_get_active (self->daily_table_switch);
}

static char *
format_day (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static void
show_status (PdReportDialog *self,
             const char     *message,
             gboolean        error)
{
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  /* A screen reader hears the problem as soon as it is shown. */
  if (error && message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

static gboolean
parse_row (PdReportDialog *self,
           AdwEntryRow    *row,
           const char     *what,
           guint32        *day)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *message = NULL;

  if (pd_csv_parse_date (text, day))
    return TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  /* Translators: "From: “12.3.2026” is not a date; write it as YYYY-MM-DD, e.g. 2026-03-12." */
  message = g_strdup_printf (_("%s: “%s” is not a date; write it as YYYY-MM-DD, e.g. 2026-03-12."),
                             what, text);
  show_status (self, message, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
}

/* The days chosen: first_day 0 for the whole diary. Says what is wrong when they are not
 * dates. */
static gboolean
get_days (PdReportDialog *self,
          guint32        *first_day,
          guint32        *last_day)
{
  guint32 today = pd_local_today (NULL);

  switch (adw_combo_row_get_selected (self->range_row))
    {
    case PD_REPORT_RANGE_30_DAYS:
      *first_day = today - 29;
      *last_day = today;
      return TRUE;
    case PD_REPORT_RANGE_90_DAYS:
      *first_day = today - 89;
      *last_day = today;
      return TRUE;
    case PD_REPORT_RANGE_YEAR:
      *first_day = today - 364;
      *last_day = today;
      return TRUE;
    case PD_REPORT_RANGE_ALL:
      *first_day = *last_day = 0;
      return TRUE;
    default:
      break;
    }

  if (!parse_row (self, self->from_row, _("From"), first_day) ||
      !parse_row (self, self->to_row, _("To"), last_day))
    return FALSE;
  if (*first_day > *last_day)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->to_row), "error");
      show_status (self, _("The period ends before it starts: “To” must be on or after “From”."),
                   TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->to_row));
      return FALSE;
    }
  return TRUE;
}

static void
remember_choices (PdReportDialog *self)
{
  last.set = TRUE;
  last.range = adw_combo_row_get_selected (self->range_row);
  g_free (last.from);
  last.from = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_row)));
  g_free (last.to);
  last.to = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_row)));
  get_sections (self, &last.sections);
  last.paper = get_paper (self);
}

static void
restore_choices (PdReportDialog *self)
{
  PdReportSections sections;

  /* At first every section is on (as the template has them) on the locale's paper. */
  if (!last.set)
    {
      adw_combo_row_set_selected (self->paper_row,
                                  pd_paper_for_current_locale () == PD_PAPER_LETTER);
      return;
    }
  sections = last.sections;
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), last.from ? last.from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), last.to ? last.to : "");
  adw_combo_row_set_selected (self->range_row, last.range);
  gtk_switch_set_active (self->charts_switch, sections.charts);
  gtk_switch_set_active (self->before_after_switch, sections.before_after);
  gtk_switch_set_active (self->notes_switch, sections.notes);
  gtk_switch_set_active (self->daily_table_switch, sections.daily_table);
  adw_combo_row_set_selected (self->paper_row, last.paper == PD_PAPER_LETTER);
}

static void
range_changed_cb (PdReportDialog *self)
{
  gboolean custom = adw_combo_row_get_selected (self->range_row) == PD_REPORT_RANGE_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), custom);
  if (custom && *gtk_editable_get_text (GTK_EDITABLE (self->from_row)) == '\0' &&
      *gtk_editable_get_text (GTK_EDITABLE (self->to_row)) == '\0')
    {
      guint32 today = pd_local_today (NULL);
      g_autofree char *from = format_day (today - 29);
      g_autofree char *to = format_day (today);

      gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
      gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
    }
  show_status (self, NULL, FALSE);
}

static void
date_changed_cb (PdReportDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_row), "error");
  if (!self->busy)
    show_status (self, NULL, FALSE);
}

/* Busy */

static void
set_busy (PdReportDialog *self,
          const char     *message)
{
  self->busy = message != NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), self->busy);
  gtk_progress_bar_set_text (self->progress_bar, message);
  gtk_progress_bar_set_show_text (self->progress_bar, self->busy);
  show_status (self, NULL, FALSE);
}

/* Closed while working: its widgets are gone, the window still says how it went. */
static gboolean
is_closed (PdReportDialog *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

static void
show_toast (PdReportDialog *self,
            const char     *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.show-toast", "s", message);
}

static void
fail (PdReportDialog *self,
      const char     *heading,
      GError         *error)
{
  g_autofree char *message = NULL;

  g_clear_object (&self->report);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = g_strdup_printf ("%s: %s", heading, error->message);
  if (is_closed (self))
    {
      show_toast (self, message);
      return;
    }
  set_busy (self, NULL);
  show_status (self, message, TRUE);
}

/* Save */

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PdReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  if (pd_report_write_pdf_finish (result, &error) < 0)
    {
      fail (self, _("The report was not saved"), error);
      return;
    }
  basename = g_path_get_basename (self->file);
  /* Translators: a toast, e.g. "Report saved as pain-report-2026-03-15.pdf" */
  message = g_strdup_printf (_("Report saved as %s"), basename);
  show_toast (self, message);
  if (!is_closed (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void run_print (PdReportDialog *self);

/* The report is ready: written to self->file, or printed when there is none. */
static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PdReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdReport) report = pd_report_load_finish (result, &error);

  if (report == NULL)
    {
      fail (self, _("The report could not be made"), error);
      return;
    }
  if (is_closed (self))
    return;
  if (self->file == NULL)
    {
      g_set_object (&self->report, report);
      run_print (self);
      return;
    }
  set_busy (self, _("Saving the report…"));
  /* Not cancelled when the dialog is closed: the file is written whole, and the window
   * says so. */
  pd_report_write_pdf_async (report, self->file, self->paper, NULL, written_cb,
                             g_object_ref (self));
}

static void
start_load (PdReportDialog *self)
{
  PdReportSections sections;
  guint32 first_day, last_day;

  if (!get_days (self, &first_day, &last_day))
    return;
  remember_choices (self);
  get_sections (self, &sections);
  pd_check_options_load (&sections.checks, NULL);
  self->paper = get_paper (self);
  set_busy (self, _("Preparing the report…"));
  pd_report_load_async (self->database, first_day, last_day, &sections, self->paper,
                        self->cancellable, loaded_cb, g_object_ref (self));
}

static void
file_chosen_cb (GFile    *file,
                gpointer  user_data)
{
  PdReportDialog *self = user_data;

  g_clear_pointer (&self->file, g_free);
  if (file != NULL && (self->file = g_file_get_path (file)) != NULL)
    start_load (self);
  else if (file != NULL)
    show_status (self, _("Choose a file on this computer."), TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdReportDialog *self = PD_REPORT_DIALOG (widget);
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_object_unref);
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "pain-report-%Y-%m-%d.pdf");
  guint32 first_day, last_day;

  g_ptr_array_add (filters, filter);
  /* Wrong dates are said before the file is asked for. */
  if (!get_days (self, &first_day, &last_day))
    return;
  gtk_file_filter_set_name (filter, _("PDF document"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  pd_choose_file (GTK_WINDOW (self),
                  &(PdFileQuestion) { PD_CHOOSE_SAVE, _("Save Report"), _("_Save"), name, filters },
                  file_chosen_cb, g_object_ref (self), g_object_unref);
}

/* Print */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PdReportDialog    *self)
{
  double width, height;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  pd_paper_get_size (self->paper, &width, &height);
  gtk_print_operation_set_n_pages (operation, pd_report_get_n_pages (self->report, width, height));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PdReportDialog    *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width = gtk_print_context_get_width (context);
  double page_height = gtk_print_context_get_height (context);
  double width, height, scale;

  /* The pages of the PDF, shrunk or grown to the printer's paper, centred across it:
   * printed on the same paper, they are the PDF's pages exactly. */
  pd_paper_get_size (self->paper, &width, &height);
  scale = MIN (page_width / width, page_height / height);
  cairo_save (cr);
  cairo_translate (cr, (page_width - width * scale) / 2, 0);
  cairo_scale (cr, scale, scale);
  pd_report_draw_page (self->report, cr, page, width, height);
  cairo_restore (cr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PdReportDialog          *self)
{
  g_autoptr(GError) error = NULL;

  self->printing = FALSE;
  g_clear_object (&self->report);
  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      g_set_object (&last.print_settings, gtk_print_operation_get_print_settings (operation));
      show_toast (self, _("Report sent to the printer"));
      if (!is_closed (self))
        gtk_window_destroy (GTK_WINDOW (self));
      break;
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      gtk_print_operation_get_error (operation, &error);
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Unknown error"));
      fail (self, _("The report was not printed"), error);
      break;
    default:
      if (!is_closed (self))
        set_busy (self, NULL);
      break;
    }
  g_object_unref (operation);
  g_object_unref (self);
}

static GtkPageSetup *
page_setup_new (PdPaper paper)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = NULL;

  size = gtk_paper_size_new (paper == PD_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, size);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

static void
run_print (PdReportDialog *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = page_setup_new (self->paper);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: the print job's name (also the file name when printing to a file);
   * %Y-%m-%d is today's date */
  g_autofree char *job = g_date_time_format (now, _("pain-report-%Y-%m-%d"));
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  settings = last.print_settings ? gtk_print_settings_copy (last.print_settings)
                                 : gtk_print_settings_new ();
  /* Print to File names the file after the report rather than "output". */
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, job);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* Points over the whole sheet, as on the PDF's pages: the report keeps its own margins. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), g_object_ref (self));

  g_debug ("Print dialog opened");
  self->printing = TRUE;
  set_busy (self, _("Printing…"));
  /* Nothing to wait for while the print dialog is open; begin-print shows it again. */
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      /* Failed before the dialog: no "done" follows. */
      self->printing = FALSE;
      fail (self, _("The report was not printed"), error);
      g_object_unref (operation);
      g_object_unref (self);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdReportDialog *self = PD_REPORT_DIALOG (widget);

  g_clear_pointer (&self->file, g_free);
  start_load (self);
}

/* Life */

void
pd_report_dialog_set_range (PdReportDialog *self,
                            PdReportRange   range)
{
  g_return_if_fail (PD_IS_REPORT_DIALOG (self));
  g_return_if_fail (range <= PD_REPORT_RANGE_CUSTOM);

  adw_combo_row_set_selected (self->range_row, range);
}

static gboolean
close_request_cb (PdReportDialog *self)
{
  /* Stop building a report nobody waits for. The print dialog, once open, is closed
   * first. */
  if (self->printing)
    return TRUE;
  g_debug ("Closed while %s", self->busy ? "busy" : "idle");
  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
pd_report_dialog_dispose (GObject *object)
{
  PdReportDialog *self = PD_REPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (pd_report_dialog_parent_class)->dispose (object);
}

static void
pd_report_dialog_finalize (GObject *object)
{
  PdReportDialog *self = PD_REPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->parent);
  g_clear_pointer (&self->file, g_free);

  G_OBJECT_CLASS (pd_report_dialog_parent_class)->finalize (object);
}

static void
pd_report_dialog_class_init (PdReportDialogClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdReportDialog, page),
    PD_TEMPLATE_CHILD (PdReportDialog, range_row),
    PD_TEMPLATE_CHILD (PdReportDialog, from_row),
    PD_TEMPLATE_CHILD (PdReportDialog, to_row),
    PD_TEMPLATE_CHILD (PdReportDialog, charts_switch),
    PD_TEMPLATE_CHILD (PdReportDialog, before_after_switch),
    PD_TEMPLATE_CHILD (PdReportDialog, notes_switch),
    PD_TEMPLATE_CHILD (PdReportDialog, daily_table_switch),
    PD_TEMPLATE_CHILD (PdReportDialog, paper_row),
    PD_TEMPLATE_CHILD (PdReportDialog, progress_bar),
    PD_TEMPLATE_CHILD (PdReportDialog, status_label),
    PD_TEMPLATE_CHILD (PdReportDialog, print_button),
    PD_TEMPLATE_CHILD (PdReportDialog, save_button),
    PD_TEMPLATE_CALLBACK (range_changed_cb),
    PD_TEMPLATE_CALLBACK (date_changed_cb)
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_report_dialog_dispose;
  object_class->finalize = pd_report_dialog_finalize;

  pd_widget_class_set_template (widget_class, "pd-report-dialog.ui", bindings,
                                G_N_ELEMENTS (bindings));

  gtk_widget_class_install_action (widget_class, "report.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_report_dialog_init (PdReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  pd_style_pulse (self->progress_bar);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  restore_choices (self);
}

PdReportDialog *
pd_report_dialog_new (GtkWindow    *parent,
                      PdDiaryModel *model,
                      gboolean      print)
{
  PdReportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_DIARY_MODEL (model), NULL);

  self = g_object_new (PD_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
  self->parent = g_object_ref (parent);
  self->database = g_object_ref (pd_diary_model_get_database (model));
  if (print)
    {
      gtk_widget_remove_css_class (self->save_button, "suggested-action");
      gtk_widget_add_css_class (self->print_button, "suggested-action");
      /* The suggested action goes last, where GNOME puts it. */
      gtk_box_reorder_child_after (GTK_BOX (gtk_widget_get_parent (self->print_button)),
                                   self->print_button, self->save_button);
    }
  gtk_window_set_default_widget (GTK_WINDOW (self), print ? self->print_button : self->save_button);
  return self;
}
