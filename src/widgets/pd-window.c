/* pd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pd-activity-editor.h"
#include "pd-dose-editor.h"
#include "pd-entry-editor.h"
#include "pd-event-editor.h"
#include "pd-medication-editor.h"
#include "pd-medications-page.h"
#include "pd-record-row.h"
#include "pd-error.h"
#include "pd-history-page.h"
#include "pd-preferences-window.h"
#include "pd-review.h"
#include "pd-today-page.h"
#include "pd-toast-clearance.h"
#include "pd-trends-page.h"
#include "pd-window.h"
#include "pd-window-backup.h"
#include "pd-window-exchange.h"

struct _PdWindow
{
  AdwApplicationWindow parent_instance;

  char *path;
  PdDatabase *database;
  /* A clinician's read-only review of someone else's diary or CSV: the database is a
   * private copy in memory, and nothing in the window writes. */
  gboolean review;
  /* The diary as last loaded in full, which History shows, and the last weeks of it,
   * loaded first so that Today is ready at once whatever the diary's size. */
  PdDiaryData *data;
  PdDiaryData *recent;
  GCancellable *cancellable;
  GCancellable *load_cancellable;
  GSettings *settings;
  /* Deleted records as (kind, id) variants, newest last: what Ctrl+Z restores. */
  GPtrArray *undo_stack;
  char *backup_path;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack *main_stack;
  AdwViewStack *view_stack;
  AdwBin *today_slot;
  PdTodayPage *today_page;
  /* The pages are built after the window is first shown (it shows the loading page until
   * the diary is read anyway), so that start-up does not wait for them. */
  AdwBin *history_slot;
  AdwBin *medications_slot;
  AdwBin *trends_slot;
  PdTrendsPage *trends_page;
  PdHistoryPage *history_page;
  PdMedicationsPage *medications_page;
  guint pages_idle;
  AdwStatusPage *error_page;
  GtkWidget *restore_button;
  GtkWidget *new_button;
  GtkRevealer *review_banner;
  GtkLabel *review_label;
};

G_DEFINE_FINAL_TYPE (PdWindow, pd_window, ADW_TYPE_APPLICATION_WINDOW)

#define RECENT_DAYS 32

enum {
  PROP_0,
  PROP_PATH,
  PROP_DATABASE,
  PROP_REVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_diary_actions_enabled (PdWindow *self,
                           gboolean  enabled)
{
  /* The full names, as installed: GTK ignores a name without the "win." prefix. */
  const char *read_actions[] = { "win.show-today", "win.show-history", "win.show-medications",
                                 "win.show-trends", "win.export", "win.search",
                                 "win.print-report" };
  const char *write_actions[] = { "win.new-entry", "win.undo", "win.edit-record",
                                  "win.delete-record", "win.preferences", "win.import",
                                  "win.add-medication", "win.edit-medication", "win.log-dose",
                                  "win.log-activity", "win.add-event", "win.back-up",
                                  "win.restore" };
  gboolean writable = enabled && !self->review;

  for (guint i = 0; i < G_N_ELEMENTS (read_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), read_actions[i], enabled);
  for (guint i = 0; i < G_N_ELEMENTS (write_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), write_actions[i], writable);
  if (writable)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", self->undo_stack->len > 0);
  gtk_widget_set_visible (self->new_button, writable);
}

void
pd_window_show_error (PdWindow     *self,
                      const char   *title,
                      const GError *error)
{
  g_return_if_fail (PD_IS_WINDOW (self));

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error ? error->message : NULL);
  g_clear_pointer (&self->backup_path, g_free);
  /* Restoring writes the file: never for a file under review. */
  if (error && g_error_matches (error, PD_ERROR, PD_ERROR_DAMAGED) && !self->review)
    self->backup_path = pd_database_find_newest_good_backup (self->path);
  gtk_widget_set_visible (self->restore_button, self->backup_path != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", self->backup_path != NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  set_diary_actions_enabled (self, FALSE);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  PdDatabase *db;

  db = pd_database_open (path, PD_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  PdDatabase *db;

  db = g_task_propagate_pointer (G_TASK (result), &error);
  if (db == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pd_window_show_error (self, _("This Diary Can’t Be Opened"), error);
      return;
    }

  g_set_object (&self->database, db);
  g_object_unref (db);
  pd_window_diary_changed (self);
  pd_window_start_backup_folder (self);
}

static void
ensure_pages (PdWindow *self)
{
  PdDiaryData *recent = self->recent;

  if (self->history_page != NULL)
    return;
  g_clear_handle_id (&self->pages_idle, g_source_remove);
  self->today_page = g_object_new (PD_TYPE_TODAY_PAGE, NULL);
  adw_bin_set_child (self->today_slot, GTK_WIDGET (self->today_page));
  pd_toast_clearance_keep (self->toast_overlay, pd_today_page_get_save_button (self->today_page));
  self->history_page = g_object_new (PD_TYPE_HISTORY_PAGE, NULL);
  adw_bin_set_child (self->history_slot, GTK_WIDGET (self->history_page));
  self->medications_page = g_object_new (PD_TYPE_MEDICATIONS_PAGE, NULL);
  adw_bin_set_child (self->medications_slot, GTK_WIDGET (self->medications_page));
  self->trends_page = g_object_new (PD_TYPE_TRENDS_PAGE, NULL);
  adw_bin_set_child (self->trends_slot, GTK_WIDGET (self->trends_page));
  /* Data that arrived before the pages did. */
  if (self->data != NULL)
    {
      pd_history_page_set_data (self->history_page, self->database, self->data);
      pd_trends_page_set_data (self->trends_page, self->data);
    }
  if (recent != NULL)
    {
      pd_today_page_set_data (self->today_page, self->database, recent);
      pd_medications_page_set_data (self->medications_page, self->database, recent);
    }
}

static gboolean
build_pages_cb (gpointer user_data)
{
  PdWindow *self = user_data;

  self->pages_idle = 0;
  ensure_pages (self);
  return G_SOURCE_REMOVE;
}

static void
mapped_cb (PdWindow *self)
{
  if (self->history_page == NULL && self->pages_idle == 0)
    self->pages_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_pages_cb, self, NULL);
}

static void
show_diary (PdWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "diary") == 0)
    return;
  ensure_pages (self);
  gtk_stack_set_visible_child_name (self->main_stack, "diary");
  set_diary_actions_enabled (self, TRUE);
  if (!self->review)
    pd_today_page_focus_score (self->today_page);
}

static PdDiaryData *
finish_load (PdWindow     *self,
             GObject      *object,
             GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  PdDiaryData *data = pd_database_load_finish (PD_DATABASE (object), result, &error);

  if (data == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pd_window_show_error (self, _("This Diary Can’t Be Read"), error);
  return data;
}

/* The review banner also says what a clinician should see first: the CYP2D6 status and the
 * days with medication safety flags, in a label of its own beside "Reviewing ...". */
static void
show_review_safety (PdWindow    *self,
                    PdDiaryData *data)
{
  g_autofree char *safety = pd_review_dup_safety_summary (self->database, data);
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->review_label));
  GtkWidget *label = gtk_widget_get_next_sibling (GTK_WIDGET (self->review_label));

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "review-safety");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_label_set_label (GTK_LABEL (label), safety);
  gtk_widget_set_visible (label, *safety != '\0');
}

static void
full_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;
  PdDiaryData *data = finish_load (self, object, result);
  gint64 start = g_get_monotonic_time ();

  if (data == NULL)
    return;
  /* Today and Medications keep the recent data: all they need. */
  g_clear_pointer (&self->data, pd_diary_data_free);
  self->data = data;
  ensure_pages (self);
  pd_history_page_set_data (self->history_page, self->database, data);
  pd_trends_page_set_data (self->trends_page, data);
  if (self->review)
    show_review_safety (self, data);
  show_diary (self);
  g_debug ("Whole diary handed to History in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static void
recent_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;
  PdDiaryData *data = finish_load (self, object, result);

  if (data == NULL)
    return;
  g_clear_pointer (&self->recent, pd_diary_data_free);
  self->recent = data;
  ensure_pages (self);
  pd_today_page_set_data (self->today_page, self->database, data);
  pd_medications_page_set_data (self->medications_page, self->database, data);
  show_diary (self);

  /* Then everything, for History. */
  pd_database_load_async (self->database, self->load_cancellable, full_loaded_cb, g_object_ref (self));
}

static void
open_database (PdWindow *self)
{
  g_autoptr(GTask) task = NULL;

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  set_diary_actions_enabled (self, FALSE);
  task = g_task_new (self, self->cancellable, opened_cb, g_object_ref (self));
  g_task_set_source_tag (task, open_database);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

GSettings *
pd_window_get_settings (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);
  return self->settings;
}

gboolean
pd_window_is_review (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), FALSE);
  return self->review;
}

const char *
pd_window_get_path (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);
  return self->path;
}

PdDatabase *
pd_window_get_database (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);
  return self->database;
}

void
pd_window_add_toast (PdWindow   *self,
                     const char *message)
{
  g_return_if_fail (PD_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pd_window_export (PD_WINDOW (widget));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pd_window_import (PD_WINDOW (widget));
}

PdDiaryData *
pd_window_get_data (PdWindow *self)
{
  g_return_val_if_fail (PD_IS_WINDOW (self), NULL);
  return self->recent ? self->recent : self->data;
}

void
pd_window_diary_changed (PdWindow *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) start = NULL;

  g_return_if_fail (PD_IS_WINDOW (self));

  if (self->database == NULL)
    return;
  /* A newer load replaces one still under way. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  /* Adherence looks back 30 days; a fentanyl patch counts for 3. */
  now = g_date_time_new_now_local ();
  start = g_date_time_add_days (now, -RECENT_DAYS);
  pd_database_load_range_async (self->database, g_date_time_to_unix (start), G_MAXINT64,
                                self->load_cancellable, recent_loaded_cb, g_object_ref (self));
}

void
pd_window_record_deleted (PdWindow     *self,
                          PdRecordKind  kind,
                          const char   *id,
                          const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (PD_IS_WINDOW (self));

  g_ptr_array_add (self->undo_stack, g_variant_ref_sink (g_variant_new ("(is)", (gint32) kind, id)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  pd_toast_clearance_update (self->toast_overlay);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  pd_window_diary_changed (self);
}

static void show_problem (PdWindow   *self,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

static void
show_problem (PdWindow   *self,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) record = NULL;
  const char *id;
  gint32 kind;

  if (self->database == NULL || self->undo_stack->len == 0)
    return;

  record = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  gtk_widget_action_set_enabled (widget, "win.undo", self->undo_stack->len > 0);
  g_variant_get (record, "(i&s)", &kind, &id);
  if (!pd_database_restore_record (self->database, kind, id, &error))
    {
      show_problem (self, _("Could not restore: %s"), error->message);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Restored")));
  pd_window_diary_changed (self);
}

static GObject *
find_in (PdDiaryData  *data,
         PdRecordKind  kind,
         const char   *id)
{
  GPtrArray *records = NULL;

  if (data == NULL)
    return NULL;
  switch (kind)
    {
    case PD_RECORD_PAIN: records = data->pain_entries; break;
    case PD_RECORD_MEDICATION: records = data->medications; break;
    case PD_RECORD_DOSE: records = data->doses; break;
    case PD_RECORD_ACTIVITY: records = data->activities; break;
    case PD_RECORD_EVENT: records = data->events; break;
    default: return NULL;
    }
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (pd_record_id_of (g_ptr_array_index (records, i)), id) == 0)
      return g_ptr_array_index (records, i);
  return NULL;
}

static GObject *
find_record (PdWindow     *self,
             PdRecordKind  kind,
             const char   *id)
{
  GObject *record = find_in (self->recent, kind, id);

  return record ? record : find_in (self->data, kind, id);
}

static void
present_editor (PdWindow  *self,
                GtkWindow *editor)
{
  g_signal_connect_object (editor, "saved", G_CALLBACK (pd_window_diary_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (editor);
}

static void
edit_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  GtkWindow *parent = GTK_WINDOW (self);
  const char *id;
  gint32 kind;
  GObject *record;

  g_variant_get (parameter, "(i&s)", &kind, &id);
  if (!(record = find_record (self, kind, id)))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("That record is no longer in the diary")));
      return;
    }
  switch (kind)
    {
    case PD_RECORD_PAIN:
      present_editor (self, GTK_WINDOW (pd_entry_editor_new (parent, self->database, PD_PAIN_ENTRY (record))));
      break;
    case PD_RECORD_DOSE:
      present_editor (self, GTK_WINDOW (pd_dose_editor_new (parent, self->database, pd_window_get_data (self),
                                                            PD_DOSE (record), FALSE)));
      break;
    case PD_RECORD_ACTIVITY:
      present_editor (self, GTK_WINDOW (pd_activity_editor_new (parent, self->database,
                                                                PD_ACTIVITY (record), FALSE)));
      break;
    case PD_RECORD_EVENT:
      present_editor (self, GTK_WINDOW (pd_event_editor_new (parent, self->database, PD_EVENT (record), FALSE)));
      break;
    case PD_RECORD_MEDICATION:
      present_editor (self, GTK_WINDOW (pd_medication_editor_new (parent, self->database,
                                                                  PD_MEDICATION (record))));
      break;
    default:
      break;
    }
}

static const char *
deleted_message (PdRecordKind kind)
{
  switch (kind)
    {
    case PD_RECORD_PAIN: return _("Entry deleted");
    case PD_RECORD_DOSE: return _("Dose deleted");
    case PD_RECORD_ACTIVITY: return _("Activity deleted");
    case PD_RECORD_EVENT: return _("Event deleted");
    case PD_RECORD_MEDICATION: return _("Medication deleted");
    default: return _("Deleted");
    }
}

static void
delete_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  gint32 kind;

  g_variant_get (parameter, "(i&s)", &kind, &id);
  if (!pd_database_delete_record (self->database, kind, id, &error))
    {
      show_problem (self, _("Not deleted: %s"), error->message);
      return;
    }
  pd_window_record_deleted (self, kind, id, deleted_message (kind));
}

static void
add_medication_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  present_editor (self, GTK_WINDOW (pd_medication_editor_new (GTK_WINDOW (self), self->database, NULL)));
}

static void
edit_medication_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.edit-record", "(is)", (gint32) PD_RECORD_MEDICATION,
                              g_variant_get_string (parameter, NULL));
}

static void
log_dose_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GObject *medication = *id ? find_record (self, PD_RECORD_MEDICATION, id) : NULL;
  g_autoptr(PdDose) dose = pd_dose_new ();

  pd_dose_set_unit (dose, "mg");
  if (medication != NULL)
    {
      pd_dose_set_medication_id (dose, id);
      pd_dose_set_name (dose, pd_medication_get_name (PD_MEDICATION (medication)));
      pd_dose_set_amount (dose, pd_medication_get_amount (PD_MEDICATION (medication)));
      pd_dose_set_unit (dose, pd_medication_get_unit (PD_MEDICATION (medication)));
    }
  present_editor (self, GTK_WINDOW (pd_dose_editor_new (GTK_WINDOW (self), self->database,
                                                        pd_window_get_data (self), dose, TRUE)));
}

static void
log_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(PdActivity) activity = pd_activity_new ();

  pd_activity_set_name (activity, g_variant_get_string (parameter, NULL));
  pd_activity_set_duration (activity, 30);
  pd_activity_set_effort (activity, 3);
  present_editor (self, GTK_WINDOW (pd_activity_editor_new (GTK_WINDOW (self), self->database, activity, TRUE)));
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(PdEvent) event = pd_event_new ();

  pd_event_set_kind (event, "appointment");
  present_editor (self, GTK_WINDOW (pd_event_editor_new (GTK_WINDOW (self), self->database, event, TRUE)));
}

static void
new_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "today");
  ensure_pages (self);
  pd_today_page_focus_score (self->today_page);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, action_name + strlen ("win.show-"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "history");
  ensure_pages (self);
  pd_history_page_focus_search (self->history_page);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  PdPreferencesWindow *prefs;

  if (self->database == NULL)
    return;
  prefs = pd_preferences_window_new (GTK_WINDOW (self), self->database);
  g_signal_connect_object (prefs, "changed", G_CALLBACK (pd_window_diary_changed), self,
                           G_CONNECT_SWAPPED);
  pd_window_add_backup_preferences (self, prefs);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  /* Built on demand rather than by GtkApplicationWindow for every new window: it is a
   * large widget tree that would slow down start-up. */
  builder = gtk_builder_new_from_resource ("/io/github/paindiary/PainDiary/pd-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static gboolean
restore_backup (PdWindow  *self,
                GError   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", self->path, stamp);
  g_autoptr(GFile) source = g_file_new_for_path (self->backup_path);
  g_autoptr(GFile) dest = g_file_new_for_path (self->path);
  const char *suffixes[] = { "-wal", "-shm" };

  /* The damaged file is kept, renamed, never written to. */
  if (g_rename (self->path, aside) != 0)
    {
      int saved = errno;
      g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not move “%s” aside: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
      g_rename (from, to);
    }
  if (!g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return FALSE;
  return g_chmod (self->path, 0600) == 0;
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->backup_path == NULL || self->review)
    return;
  if (!restore_backup (self, &error))
    {
      pd_window_show_error (self, _("The Backup Could Not Be Restored"), error);
      return;
    }
  open_database (self);
}

/* The window of a review: named after the patient, a banner that says so, Trends first. */
static void
show_review (PdWindow *self)
{
  g_autofree char *name = pd_review_dup_patient_name (self->database);
  g_autofree char *title = NULL;
  g_autofree char *banner = NULL;

  /* Translators: the title of a window reviewing a patient's diary; %s is the patient's
   * name, or the file's when the diary has none. */
  title = g_strdup_printf (_("Review of %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, _("Read-only review"));
  /* Translators: the banner of a review window; %s is the patient's name or the file's. */
  banner = g_strdup_printf (_("Reviewing %s — read-only"), name);
  gtk_label_set_label (self->review_label, banner);
  gtk_revealer_set_reveal_child (self->review_banner, TRUE);

  adw_view_stack_set_visible_child_name (self->view_stack, "trends");
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  set_diary_actions_enabled (self, FALSE);
  pd_window_diary_changed (self);
}

static void
pd_window_constructed (GObject *object)
{
  PdWindow *self = PD_WINDOW (object);
  g_autofree char *basename = g_path_get_basename (self->path);
  g_autofree char *default_path = pd_database_get_default_path ();

  G_OBJECT_CLASS (pd_window_parent_class)->constructed (object);

  if (self->review)
    {
      show_review (self);
      return;
    }

  /* Name the file in the title when it is not the patient's own diary. */
  if (g_str_has_prefix (basename, "pain-diary-demo-"))
    adw_view_switcher_title_set_subtitle (self->switcher_title, _("Sample Diary"));
  else if (g_strcmp0 (self->path, default_path) != 0)
    adw_view_switcher_title_set_subtitle (self->switcher_title, basename);
  open_database (self);
}

static void
pd_window_close_request_save (PdWindow *self)
{
  int width, height;

  /* The size of the person's own window, not of a review's. */
  if (self->settings == NULL || self->review)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
pd_window_close_request (GtkWindow *window)
{
  PdWindow *self = PD_WINDOW (window);

  g_cancellable_cancel (self->cancellable);
  pd_window_close_request_save (self);
  return GTK_WINDOW_CLASS (pd_window_parent_class)->close_request (window);
}

static void
pd_window_dispose (GObject *object)
{
  PdWindow *self = PD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->pages_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_WINDOW);

  G_OBJECT_CLASS (pd_window_parent_class)->dispose (object);
}

static void
pd_window_finalize (GObject *object)
{
  PdWindow *self = PD_WINDOW (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->data, pd_diary_data_free);
  g_clear_pointer (&self->recent, pd_diary_data_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (pd_window_parent_class)->finalize (object);
}

static void
pd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PdWindow *self = PD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_REVIEW:
      g_value_set_boolean (value, self->review);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PdWindow *self = PD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_REVIEW:
      self->review = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_window_class_init (PdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pd_window_constructed;
  object_class->dispose = pd_window_dispose;
  object_class->finalize = pd_window_finalize;
  object_class->get_property = pd_window_get_property;
  object_class->set_property = pd_window_set_property;
  window_class->close_request = pd_window_close_request;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Given only for a review; otherwise the window opens the diary at path itself. */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, PD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVIEW] =
    g_param_spec_boolean ("review", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/paindiary/PainDiary/pd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, today_slot);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, history_slot);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, medications_slot);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, trends_slot);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, review_banner);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, review_label);

  gtk_widget_class_install_action (widget_class, "win.new-entry", NULL, new_entry_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.edit-record", "(is)", edit_record_action);
  gtk_widget_class_install_action (widget_class, "win.delete-record", "(is)", delete_record_action);
  gtk_widget_class_install_action (widget_class, "win.add-medication", NULL, add_medication_action);
  gtk_widget_class_install_action (widget_class, "win.edit-medication", "s", edit_medication_action);
  gtk_widget_class_install_action (widget_class, "win.log-dose", "s", log_dose_action);
  gtk_widget_class_install_action (widget_class, "win.log-activity", "s", log_activity_action);
  gtk_widget_class_install_action (widget_class, "win.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "win.show-medications", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-trends", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, pd_window_back_up_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, pd_window_restore_action);
  gtk_widget_class_install_action (widget_class, "win.print-report", NULL, pd_window_print_report_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-today", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from a build tree without the compiled schema must not abort. */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
pd_window_init (PdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  self->settings = settings_new_if_installed ();
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 900, 700);

}

PdWindow *
pd_window_new (PdApplication *application,
               const char    *path)
{
  return g_object_new (PD_TYPE_WINDOW,
                       "application", application,
                       "path", path,
                       NULL);
}

PdWindow *
pd_window_new_for_review (PdApplication *application,
                          const char    *path,
                          PdDatabase    *database)
{
  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (pd_database_is_read_only (database), NULL);

  return g_object_new (PD_TYPE_WINDOW,
                       "application", application,
                       "path", path,
                       "database", database,
                       "review", TRUE,
                       NULL);
}
