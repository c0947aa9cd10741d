/* pd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pd-backup-commands.h"
#include "pd-backup-preferences.h"
#include "pd-error.h"
#include "pd-first-frame.h"
#include "pd-medications-page.h"
#include "pd-history-page.h"
#include "pd-preferences-window.h"
#include "pd-problem-dialog.h"
#include "pd-review.h"
#include "pd-today-page.h"
#include "pd-toast-clearance.h"
#include "pd-trends-page.h"
#include "pd-record-actions.h"
#include "pd-window.h"

struct _PdWindow
{
  AdwApplicationWindow parent_instance;

  char *path;
  /* Given for a review; otherwise the model's, once it is open. */
  PdDatabase *database;
  /* A clinician's read-only review of someone else's diary or CSV: the database is a
   * private copy in memory, and nothing in the window writes. */
  gboolean review;
  /* The diary every page shows: the last weeks are loaded first, so that Today is ready at
   * once whatever the diary's size, then the whole of it. Saves, deletes and undo go
   * through it and change its lists in place. */
  PdDiaryModel *model;
  GCancellable *cancellable;
  GCancellable *load_cancellable;
  GSettings *settings;
  char *backup_path;
  /* The daily backup of the diary open, into the folder of Preferences. */
  PdBackupFolder *backup_folder;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  GtkStack *main_stack;
  AdwViewStack *view_stack;
  /* Start-up waits for none of the pages, nor for the diary: the window shows the loading
   * page first, and once that is on screen (shown) it opens and loads the diary and shows it
   * with the page in view, built then; the other pages follow, one an idle moment, or at once
   * when asked for. */
  AdwBin *today_slot;
  AdwBin *history_slot;
  AdwBin *medications_slot;
  AdwBin *trends_slot;
  PdTodayPage *today_page;
  PdHistoryPage *history_page;
  PdMedicationsPage *medications_page;
  PdTrendsPage *trends_page;
  gboolean shown;
  gboolean diary_waiting;
  AdwStatusPage *error_page;
  GtkWidget *restore_button;
  GtkWidget *new_button;
  GtkWidget *main_menu_button;
  GMenuModel *add_menu;
  GMenuModel *primary_menu;
  GtkRevealer *review_banner;
  GtkLabel *review_label;
};

G_DEFINE_FINAL_TYPE (PdWindow, pd_window, ADW_TYPE_APPLICATION_WINDOW)

#define RECENT_DAYS 32

enum {
  PAGE_TODAY,
  PAGE_HISTORY,
  PAGE_MEDICATIONS,
  PAGE_TRENDS,
  N_PAGES
};

/* As the view stack names them. */
static const char * const page_names[N_PAGES] = { "today", "history", "medications", "trends" };

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
  /* The full names, as installed: GTK ignores a name without the "win." prefix. The page
   * actions (win.show-today...) stay enabled: a page chosen while the diary loads is the one
   * shown once it is there. */
  const char *read_actions[] = { "win.export", "win.search", "win.print-report" };
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
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                   self->model != NULL && pd_diary_model_can_undo (self->model));
  gtk_widget_set_visible (self->new_button, writable);
}

/* The diary cannot be shown: the error page, with a backup to restore when it is damaged. */
static void
show_error (PdWindow     *self,
            const char   *title,
            const GError *error)
{
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

static void start_loading (PdWindow *self);
static void open_database (PdWindow *self);

static void
can_undo_cb (PdWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 !self->review && pd_diary_model_can_undo (self->model));
}

static void
model_error_cb (PdWindow     *self,
                const GError *error)
{
  /* Writes say what failed themselves; this is for what nobody waits on. */
  g_debug ("The diary model: %s", error->message);
}

static void
set_model (PdWindow     *self,
           PdDiaryModel *model)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  g_set_object (&self->database, pd_diary_model_get_database (model));
  g_signal_connect_object (model, "notify::can-undo", G_CALLBACK (can_undo_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "error", G_CALLBACK (model_error_cb), self, G_CONNECT_SWAPPED);
  if (self->today_page != NULL)
    pd_today_page_set_model (self->today_page, model);
  if (self->history_page != NULL)
    pd_history_page_set_model (self->history_page, model);
  if (self->medications_page != NULL)
    pd_medications_page_set_model (self->medications_page, model);
  if (self->trends_page != NULL)
    pd_trends_page_set_model (self->trends_page, model);
}

static void
start_backup_folder (PdWindow *self)
{
  /* The folder object of the diary opened before, if any, goes (and stops its timer). */
  g_clear_object (&self->backup_folder);
  if (self->settings != NULL && self->database != NULL && !self->review)
    self->backup_folder = pd_backup_commands_start_folder (self->database, self->settings);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDiaryModel) model = pd_diary_model_open_finish (result, &error);

  if (model == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("This Diary Can’t Be Opened"), error);
      return;
    }
  set_model (self, model);
  start_loading (self);
  start_backup_folder (self);
}

/* Builds the page (PAGE_*) unless it is there, and gives it the model when there is one. */
static void
ensure_page (PdWindow *self,
             guint     page)
{
  AdwBin *slots[N_PAGES] = { self->today_slot, self->history_slot, self->medications_slot,
                             self->trends_slot };
  GtkWidget *widget = NULL;

  if (adw_bin_get_child (slots[page]) != NULL)
    return;
  switch (page)
    {
    case PAGE_TODAY:
      widget = GTK_WIDGET (self->today_page = g_object_new (PD_TYPE_TODAY_PAGE, NULL));
      break;
    case PAGE_HISTORY:
      widget = GTK_WIDGET (self->history_page = g_object_new (PD_TYPE_HISTORY_PAGE, NULL));
      break;
    case PAGE_MEDICATIONS:
      widget = GTK_WIDGET (self->medications_page = g_object_new (PD_TYPE_MEDICATIONS_PAGE, NULL));
      break;
    case PAGE_TRENDS:
      widget = GTK_WIDGET (self->trends_page = g_object_new (PD_TYPE_TRENDS_PAGE, NULL));
      break;
    default:
      g_return_if_reached ();
    }
  adw_bin_set_child (slots[page], widget);
  if (page == PAGE_TODAY)
    pd_toast_clearance_keep (self->toast_overlay, pd_today_page_get_save_button (self->today_page));
  if (self->model != NULL)
    set_model (self, self->model);
}

static guint
visible_page (PdWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (guint i = 0; i < N_PAGES; i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return i;
  return PAGE_TODAY;
}

/* Brings the page (PAGE_*) into view, built, for an action that goes on in it. */
static void
show_page (PdWindow *self,
           guint     page)
{
  adw_view_stack_set_visible_child_name (self->view_stack, page_names[page]);
  ensure_page (self, page);
}

/* A page is built when it first comes into view (before the diary is shown, show_diary
 * builds the one in view), not ahead: building one takes a few milliseconds, what it shows
 * the first time it is mapped (pd_model_watch) takes the time either way, and a page never
 * visited holds no memory (issue 11: History and Medications held 1.2 MB of the 10-year
 * diary's window on Trends). */
static void
visible_page_changed_cb (PdWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "diary") == 0)
    ensure_page (self, visible_page (self));
}

/* The view switchers get the pages when the diary is shown, not before the window's first
 * frame: their buttons took about 15 ms of start-up, and while the diary loads, or when it
 * cannot be opened, there is no page to switch to. */
static void
attach_switchers (PdWindow *self)
{
  if (adw_view_switcher_title_get_stack (self->switcher_title) != NULL)
    return;
  adw_view_switcher_title_set_stack (self->switcher_title, self->view_stack);
  adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  g_object_bind_property (self->switcher_title, "title-visible", self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
}

static void
show_diary (PdWindow *self)
{
  if (!self->shown)
    {
      self->diary_waiting = TRUE;
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "diary") == 0)
    return;
  ensure_page (self, visible_page (self));
  attach_switchers (self);
  gtk_stack_set_visible_child_name (self->main_stack, "diary");
  set_diary_actions_enabled (self, TRUE);
  if (!self->review)
    {
      ensure_page (self, PAGE_TODAY);
      pd_today_page_focus_score (self->today_page);
    }
}

/* Today is built while the diary opens, in a thread: the main loop waits for it then. Built
 * when the first days arrive, with them, it was the longest stall of the start-up (bench-pages:
 * 165 to 216 ms, now 78 to 147 ms, 10-year diary). */
static gboolean
build_today_cb (gpointer user_data)
{
  PdWindow *self = user_data;

  ensure_page (self, PAGE_TODAY);
  return G_SOURCE_REMOVE;
}

/* The window is on screen: now what start-up did not wait for. */
static gboolean
first_frame_cb (gpointer user_data)
{
  PdWindow *self = user_data;

  if (self->shown)
    return G_SOURCE_REMOVE;
  self->shown = TRUE;
  /* A review's database is open already; the person's own diary is opened now. */
  if (self->review)
    start_loading (self);
  else
    open_database (self);
  if (self->diary_waiting)
    show_diary (self);
  else if (!self->review)
    g_idle_add_full (G_PRIORITY_LOW, build_today_cb, g_object_ref (self), g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
mapped_cb (PdWindow *self)
{
  if (!self->shown)
    pd_after_next_frame (GTK_WIDGET (self), first_frame_cb, g_object_ref (self), g_object_unref);
}

static gboolean
finish_load (PdWindow     *self,
             GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;

  if (pd_diary_model_load_finish (self->model, result, &error))
    return TRUE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, _("This Diary Can’t Be Read"), error);
  return FALSE;
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
  g_autoptr(PdDiaryData) data = NULL;

  if (!finish_load (self, result))
    return;
  if (self->review)
    {
      data = pd_diary_model_dup_data (self->model);
      show_review_safety (self, data);
    }
  show_diary (self);
}

static void
recent_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PdWindow) self = user_data;

  if (!finish_load (self, result))
    return;
  show_diary (self);

  /* Then everything, for History and Trends. */
  pd_diary_model_load_async (self->model, self->load_cancellable, full_loaded_cb, g_object_ref (self));
}

/* A newer load replaces one still under way. */
static void
renew_load_cancellable (PdWindow *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
}

/* Adherence looks back 30 days; a fentanyl patch counts for 3. */
static void
start_loading (PdWindow *self)
{
  renew_load_cancellable (self);
  pd_diary_model_load_recent_async (self->model, RECENT_DAYS, self->load_cancellable,
                                    recent_loaded_cb, g_object_ref (self));
}

/* The diary changed outside the model (an import, a restored backup, the preferences, a
 * reminder): the model reads it again, off the main thread, and the pages follow. */
static void
diary_changed (PdWindow *self)
{
  if (self->model == NULL)
    return;
  renew_load_cancellable (self);
  pd_diary_model_load_async (self->model, self->load_cancellable, full_loaded_cb, g_object_ref (self));
}

static void
open_database (PdWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  set_diary_actions_enabled (self, FALSE);
  pd_diary_model_open_async (self->path, PD_DATABASE_FLAGS_NONE, self->cancellable, opened_cb,
                             g_object_ref (self));
}

static void
show_undo_toast (PdWindow   *self,
                 const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  pd_toast_clearance_update (self->toast_overlay);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static PdDiaryModel *
model_of (GtkWidget *widget)
{
  return PD_WINDOW (widget)->model;
}

static void
new_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);

  show_page (self, PAGE_TODAY);
  pd_today_page_focus_score (self->today_page);
}

/* What pages and dialogs tell the window (they never call it) */

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  adw_toast_overlay_add_toast (PD_WINDOW (widget)->toast_overlay,
                               adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
show_undo_toast_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_undo_toast (PD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  const char *title, *message;

  g_variant_get (parameter, "(&s&s)", &title, &message);
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, message);
  show_error (PD_WINDOW (widget), title, error);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  diary_changed (PD_WINDOW (widget));
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

  show_page (self, PAGE_HISTORY);
  pd_history_page_focus_search (self->history_page);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  PdPreferencesWindow *prefs;

  if (self->model == NULL)
    return;
  prefs = pd_preferences_window_new (GTK_WINDOW (self), self->database);
  g_signal_connect_object (prefs, "changed", G_CALLBACK (diary_changed), self,
                           G_CONNECT_SWAPPED);
  if (self->backup_folder != NULL)
    pd_preferences_window_add_diary_group (prefs, pd_backup_preferences_new (self->backup_folder,
                                                                             self->settings));
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

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdWindow *self = PD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  if (self->backup_path == NULL || self->review)
    return;
  /* The damaged file is kept, renamed, never written to. */
  if (!pd_database_restore_file (self->path, self->backup_path, &kept, &error))
    {
      show_error (self, _("The Backup Could Not Be Restored"), error);
      return;
    }
  open_database (self);
  /* Where the damaged file went, in a dialog rather than a toast: a toast cuts a long file
   * name off, and this one is the name to look for. */
  if (kept != NULL)
    {
      g_autofree char *name = g_path_get_basename (kept);
      /* Translators: %s is a file's name, e.g. "diary.db.damaged-20261205-130512" */
      g_autofree char *body = g_strdup_printf (_("The damaged diary was kept as “%s”, in the "
                                                 "same folder."), name);

      pd_problem_dialog_present (GTK_WINDOW (self), _("Backup Restored"), body);
    }
}

/* The window of a review: named after the patient, a banner that says so, Trends first. */
static void
show_review (PdWindow *self)
{
  g_autofree char *name = pd_review_dup_patient_name (self->database);
  g_autofree char *title = NULL;
  g_autofree char *banner = NULL;
  g_autoptr(PdDiaryModel) model = NULL;

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
  model = pd_diary_model_new_for_database (self->database);
  set_model (self, model);
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
  /* Opened once the window is on screen (first_frame_cb). */
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  set_diary_actions_enabled (self, FALSE);
}

static void
save_window_size (PdWindow *self)
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
  save_window_size (self);
  return GTK_WINDOW_CLASS (pd_window_parent_class)->close_request (window);
}

/* The window owns its diary: the file closes with it, also when a dialog or a service still
 * holds the database (nothing must keep the write-ahead log beside the file). */
static void
close_diary (PdWindow *self)
{
  g_cancellable_cancel (self->load_cancellable);
  if (self->model != NULL)
    pd_diary_model_close (self->model);
  if (self->database != NULL)
    pd_database_close (self->database);
}

static void
pd_window_dispose (GObject *object)
{
  PdWindow *self = PD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  close_diary (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_WINDOW);

  G_OBJECT_CLASS (pd_window_parent_class)->dispose (object);
}

void
pd_window_close_diary (PdWindow *self)
{
  g_return_if_fail (PD_IS_WINDOW (self));
  close_diary (self);
}

static void
pd_window_finalize (GObject *object)
{
  PdWindow *self = PD_WINDOW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->backup_folder);
  g_clear_object (&self->settings);
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

/* A menu's popover is made when it is first opened: making both at start-up, with all their
 * items, took a few milliseconds before the window could show. */
static void
build_menu_cb (GtkMenuButton *button,
               gpointer       menu)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
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
  gtk_widget_class_bind_template_child (widget_class, PdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, today_slot);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, history_slot);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, medications_slot);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, trends_slot);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, add_menu);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, review_banner);
  gtk_widget_class_bind_template_child (widget_class, PdWindow, review_label);

  pd_record_actions_install (widget_class, model_of);
  gtk_widget_class_install_action (widget_class, "win.new-entry", NULL, new_entry_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-undo-toast", "s", show_undo_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", show_error_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.show-medications", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-trends", NULL, show_page_action);
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
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->new_button), build_menu_cb,
                                         self->add_menu, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->main_menu_button), build_menu_cb,
                                         self->primary_menu, NULL);

  self->cancellable = g_cancellable_new ();
  self->settings = settings_new_if_installed ();
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);

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
pd_window_new (GtkApplication *application,
               const char     *path)
{
  return g_object_new (PD_TYPE_WINDOW,
                       "application", application,
                       "path", path,
                       NULL);
}

PdWindow *
pd_window_new_for_review (GtkApplication *application,
                          const char     *path,
                          PdDatabase     *database)
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
