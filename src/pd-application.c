/* pd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>

#include "pd-application.h"
#include "pd-file-chooser.h"
#include "pd-cli.h"
#include "pd-cli-options.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-first-frame.h"
#include "pd-generator.h"
#include "pd-input.h"
#include "pd-notifier.h"
#include "pd-preferences-window.h"
#include "pd-problem-dialog.h"
#include "pd-reminder-service.h"
#include "pd-review.h"
#include "pd-stall-watch.h"
#include "pd-task.h"
#include "pd-window.h"

struct _PdApplication
{
  AdwApplication parent_instance;

  /* Temporary diaries made by --demo, removed when the application quits. */
  GPtrArray *temporary_files;

  /* Reminders of the diary last opened; while any is enabled the application holds itself
   * so that it keeps running without a window. */
  PdNotifier *notifier;
  PdReminderService *reminders;
  char *reminders_path;
  /* While the diary of reminders_path is opened for them, off the main thread (opening
   * checks the whole file); the opening holds the application too. */
  GCancellable *reminders_opening;
  /* Those of a new window's diary start once the window is on screen. */
  char *pending_reminders_path;
  gboolean held;
};

G_DEFINE_FINAL_TYPE (PdApplication, pd_application, ADW_TYPE_APPLICATION)

/* --review opens its file on its own: nothing else to open, log, import or export. Read
 * from the option table, so that an option added there is refused here too. */
static gboolean
review_alone (GVariantDict *options)
{
  for (const GOptionEntry *entry = pd_cli_get_option_entries (); entry->long_name != NULL; entry++)
    if (g_strcmp0 (entry->long_name, "review") != 0 &&
        g_variant_dict_contains (options, entry->long_name))
      return FALSE;
  return TRUE;
}

/* The file is checked here, in the process that was started, before anything else: a
 * missing or unreadable file, or a bad CSV, is one line on stderr and exit status 1, with
 * no display needed and no window opened (in this process or a running one). */
static int
check_review_file (GVariantDict *options)
{
  g_autofree char *path = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_dict_lookup (options, "review", "^ay", &path);
  if (!review_alone (options))
    {
      g_printerr (_("pain-diary: --review opens one file on its own; give no other file or operation\n"));
      return 2;
    }
  if (*path == '\0')
    {
      g_printerr (_("pain-diary: --review needs a file name\n"));
      return 2;
    }
  if (!(db = pd_review_open (path, &error)))
    {
      g_printerr ("pain-diary: %s\n", error->message);
      return 1;
    }
  return -1;
}

/* The operations that need no window run as main.c runs them; then --review, a picture or
 * the report, or the window. */
static int
pd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  int status = pd_cli_handle_options (options);

  if (status >= 0)
    return status;
  if (g_variant_dict_contains (options, "review"))
    {
      status = check_review_file (options);
      if (status >= 0)
        return status;
    }
  else if ((status = pd_cli_draw (options)) >= 0)
    return status;

  return G_APPLICATION_CLASS (pd_application_parent_class)->handle_local_options (app, options);
}

static PdWindow *
find_window (PdApplication *self,
             const char    *path,
             gboolean       review)
{
  /* Read through the windows' properties: the application asks nothing else of them. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      g_autofree char *window_path = NULL;
      gboolean window_review = FALSE;

      if (!PD_IS_WINDOW (l->data))
        continue;
      g_object_get (l->data, "path", &window_path, "review", &window_review, NULL);
      if (window_review == review && g_strcmp0 (window_path, path) == 0)
        return PD_WINDOW (l->data);
    }
  return NULL;
}

/* The person's own window of the diary at path (not a review of it). */
static PdWindow *
find_window_for (PdApplication *self,
                 const char    *path)
{
  return find_window (self, path, FALSE);
}

/* Presents the window of the diary at path; returns it when it is new. */
static PdWindow *
open_diary (PdApplication *self,
            const char    *path)
{
  PdWindow *window = find_window_for (self, path);
  gboolean new = window == NULL;

  if (new)
    window = pd_window_new (GTK_APPLICATION (self), path);
  gtk_window_present (GTK_WINDOW (window));
  return new ? window : NULL;
}

/* Review */

typedef struct
{
  PdApplication *app;
  char *path;
  /* Where to say that the file could not be opened: the window it was chosen from, or the
   * command line that asked (whose process checked it already, so this is rare). */
  GtkWindow *parent;
  GApplicationCommandLine *cmdline;
} ReviewRequest;

static void
review_request_free (ReviewRequest *request)
{
  g_application_release (G_APPLICATION (request->app));
  g_object_unref (request->app);
  g_free (request->path);
  g_clear_object (&request->parent);
  g_clear_object (&request->cmdline);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReviewRequest, review_request_free)

static void
review_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReviewRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_review_open_finish (result, &error);
  PdWindow *window;

  if (db == NULL)
    {
      if (request->cmdline != NULL)
        {
          g_application_command_line_printerr (request->cmdline, "pain-diary: %s\n", error->message);
          g_application_command_line_set_exit_status (request->cmdline, 1);
        }
      if (request->parent != NULL || request->cmdline == NULL)
        pd_problem_dialog_present (request->parent, _("This File Can’t Be Reviewed"), error->message);
      return;
    }

  /* Opened twice meanwhile: the first window stays. */
  if (!(window = find_window (request->app, request->path, TRUE)))
    window = pd_window_new_for_review (GTK_APPLICATION (request->app), request->path, db);
  gtk_window_present (GTK_WINDOW (window));
}

/* Opens a review window of path (absolute), or shows the one already open. */
static void
open_review (PdApplication           *self,
             const char              *path,
             GtkWindow               *parent,
             GApplicationCommandLine *cmdline)
{
  PdWindow *window = find_window (self, path, TRUE);
  ReviewRequest *request;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  request = g_new0 (ReviewRequest, 1);
  request->app = g_object_ref (self);
  request->path = g_strdup (path);
  request->parent = parent ? g_object_ref (parent) : NULL;
  request->cmdline = cmdline ? g_object_ref (cmdline) : NULL;
  /* Running until the window is there, also when no other window is open. */
  g_application_hold (G_APPLICATION (self));
  pd_review_open_async (path, NULL, review_opened_cb, request);
}

typedef struct
{
  PdApplication *self;
  GtkWindow *parent;
} ReviewChoice;

static void
review_choice_free (gpointer data)
{
  ReviewChoice *choice = data;

  g_object_unref (choice->self);
  g_clear_object (&choice->parent);
  g_free (choice);
}

static void
review_file_chosen_cb (GFile    *file,
                       gpointer  user_data)
{
  ReviewChoice *choice = user_data;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    open_review (choice->self, path, choice->parent, NULL);
}

static void
open_review_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PdApplication *self = PD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_object_unref);
  GtkFileFilter *reviewable = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();
  ReviewChoice *choice = g_new0 (ReviewChoice, 1);

  /* A diary is recognised by its content; the names are only what the list shows first. */
  gtk_file_filter_set_name (reviewable, _("Diaries and diary CSVs"));
  gtk_file_filter_add_suffix (reviewable, "db");
  gtk_file_filter_add_suffix (reviewable, "csv");
  gtk_file_filter_add_mime_type (reviewable, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (reviewable, "application/x-sqlite3");
  gtk_file_filter_add_mime_type (reviewable, "text/csv");
  g_ptr_array_add (filters, reviewable);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  g_ptr_array_add (filters, all);

  choice->self = g_object_ref (self);
  choice->parent = parent != NULL ? g_object_ref (parent) : NULL;
  pd_choose_file (parent,
                  &(PdFileQuestion) { PD_CHOOSE_OPEN, _("Open a Diary for Review"), _("_Open"), NULL,
                                      filters },
                  review_file_chosen_cb, choice, review_choice_free);
}

static char *
create_demo_diary (GError **error)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  /* The sample story ends yesterday: nothing in it lies in the future, and Today is
   * left for the newcomer to try. */
  g_autoptr(GDate) end = g_date_new_dmy (g_date_time_get_day_of_month (yesterday),
                                        g_date_time_get_month (yesterday),
                                        g_date_time_get_year (yesterday));
  g_autofree char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("pain-diary-demo-XXXXXX.db", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  /* An empty file is a new diary; g_file_open_tmp made it 0600. */
  if (!(db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, error)) ||
      !pd_generator_fill_demo (db, end, error))
    {
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
update_hold (PdApplication *self)
{
  gboolean hold = self->reminders != NULL && pd_reminder_service_is_enabled (self->reminders);

  if (hold && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!hold && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = hold;
}

static void
reminder_open_cb (PdApplication *self,
                  guint          where)
{
  PdWindow *window;

  open_diary (self, self->reminders_path);
  window = find_window_for (self, self->reminders_path);
  gtk_widget_activate_action (GTK_WIDGET (window),
                              where == PD_REMINDER_OPEN_LOG_PAIN ? "win.new-entry" : "win.show-today",
                              NULL);
}

static void
reminder_diary_changed_cb (PdApplication *self)
{
  PdWindow *window = find_window_for (self, self->reminders_path);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
}

static void
stop_opening_reminders (PdApplication *self)
{
  g_cancellable_cancel (self->reminders_opening);
  g_clear_object (&self->reminders_opening);
}

static gpointer
open_reminders_diary (gpointer       source,
                      gpointer       path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return pd_database_open (path, PD_DATABASE_NO_BACKUPS, error);
}

static void start_reminders (PdApplication *self,
                             const char    *path);

static void
reminders_opened_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PdApplication *self = PD_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = _pd_task_propagate_pointer (result, start_reminders, &error);

  g_application_release (G_APPLICATION (self));
  /* Cancelled: another diary's reminders, or none, replaced these. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reminders_opening);
  /* A diary that cannot be opened (damaged, say) has no reminders: its window tells why. */
  if (db == NULL)
    g_message ("No reminders from %s: %s", self->reminders_path, error->message);
  else
    {
      if (self->notifier == NULL)
        self->notifier = pd_notifier_new (_("Pain Diary"), APPLICATION_ID);
      self->reminders = pd_reminder_service_new (db, self->notifier);
      g_signal_connect_object (self->reminders, "open", G_CALLBACK (reminder_open_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->reminders, "diary-changed",
                               G_CALLBACK (reminder_diary_changed_cb), self, G_CONNECT_SWAPPED);
      pd_reminder_service_start (self->reminders);
    }
  update_hold (self);
}

static void
start_reminders (PdApplication *self,
                 const char    *path)
{
  if ((self->reminders != NULL || self->reminders_opening != NULL) &&
      g_strcmp0 (self->reminders_path, path) == 0)
    return;
  g_clear_object (&self->reminders);
  stop_opening_reminders (self);
  /* Kept also when the diary does not exist yet: the window creates it, and closing the
   * window tries again (pd_application_window_removed). */
  if (path != self->reminders_path)
    {
      g_free (self->reminders_path);
      self->reminders_path = g_strdup (path);
    }
  /* A diary that does not exist yet has no reminders; do not create it. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      self->reminders_opening = g_cancellable_new ();
      g_application_hold (G_APPLICATION (self));
      _pd_task_run_work (self, start_reminders, g_strdup (path), g_free, open_reminders_diary,
                         g_object_unref, self->reminders_opening, reminders_opened_cb, NULL);
    }
  update_hold (self);
}

static gboolean
start_pending_reminders_cb (gpointer data)
{
  PdApplication *self = data;
  g_autofree char *path = g_steal_pointer (&self->pending_reminders_path);

  if (path != NULL)
    start_reminders (self, path);
  return G_SOURCE_REMOVE;
}

/* The reminders of the diary of a new window start once the window is on screen: start-up
 * does not wait for them (they read the diary). */
static void
open_diary_with_reminders (PdApplication *self,
                           const char    *path)
{
  PdWindow *window = open_diary (self, path);

  if (window == NULL)
    {
      start_reminders (self, path);
      return;
    }
  /* Should the window go before it was shown, closing it starts them
   * (pd_application_window_removed). */
  if (self->reminders == NULL && path != self->reminders_path)
    {
      g_free (self->reminders_path);
      self->reminders_path = g_strdup (path);
    }
  g_free (self->pending_reminders_path);
  self->pending_reminders_path = g_strdup (path);
  pd_after_next_frame (GTK_WIDGET (window), start_pending_reminders_cb, g_object_ref (self),
                       g_object_unref);
}

static void
pd_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  PdApplication *self = PD_APPLICATION (app);

  /* A diary made in the window has reminders now, perhaps. */
  if (self->reminders == NULL && self->reminders_path != NULL)
    start_reminders (self, self->reminders_path);
  /* Before the window's own hold goes: with reminders enabled, keep running. */
  update_hold (self);
  GTK_APPLICATION_CLASS (pd_application_parent_class)->window_removed (app, window);
}

static int
pd_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  PdApplication *self = PD_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *review = NULL;

  /* A review opens that window only: not the person's own diary, nor its reminders. */
  if (g_variant_dict_lookup (options, "review", "^ay", &review))
    {
      const char *cwd = g_application_command_line_get_cwd (cmdline);

      path = g_canonicalize_filename (review, cwd);
      open_review (self, path, NULL, cmdline);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      if (!(path = create_demo_diary (&error)))
        {
          g_application_command_line_printerr (cmdline, "pain-diary: --demo: %s\n", error->message);
          return 1;
        }
      g_ptr_array_add (self->temporary_files, g_strdup (path));
    }
  else
    {
      g_autoptr(GFile) cwd = g_file_new_for_path (g_application_command_line_get_cwd (cmdline));
      path = pd_cli_dup_database_path (options, cwd);
    }

  if (g_variant_dict_contains (options, "background"))
    {
      start_reminders (self, path);
      return 0;
    }
  if (g_variant_dict_contains (options, "demo"))
    open_diary (self, path);
  else
    open_diary_with_reminders (self, path);
  return 0;
}

static void
pd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = pd_database_get_default_path ();
  open_diary_with_reminders (PD_APPLICATION (app), path);
}

/* The windows close their diaries and go before the application does, and what was under way
 * finishes (a diary still being opened, a cancelled load's answer): then every diary file is
 * closed, its write-ahead log folded into the file and removed. Otherwise the log stays
 * beside the diary, which alone (copied or backed up by hand) would miss the latest records.
 * At most two seconds: a diary another thread cannot let go of stays open. */
static void
close_windows (PdApplication *self)
{
  GList *windows;
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PD_IS_WINDOW (l->data))
      pd_window_close_diary (l->data);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  while ((g_main_context_pending (NULL) || pd_database_count_open_files () > 0) &&
         g_get_monotonic_time () < deadline)
    {
      /* A thread's answer comes as an event; until then, wait a little for it. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (G_USEC_PER_SEC / 1000);
    }
}

static void
pd_application_shutdown (GApplication *app)
{
  PdApplication *self = PD_APPLICATION (app);

  /* No reminders start any more: not those of a window just shown, nor those that a closing
   * window starts (pd_application_window_removed). */
  g_clear_pointer (&self->pending_reminders_path, g_free);
  g_clear_pointer (&self->reminders_path, g_free);
  stop_opening_reminders (self);
  g_clear_object (&self->reminders);
  g_clear_object (&self->notifier);
  close_windows (self);
  G_APPLICATION_CLASS (pd_application_parent_class)->shutdown (app);

  for (guint i = 0; i < self->temporary_files->len; i++)
    pd_remove_diary_file (g_ptr_array_index (self->temporary_files, i));
}

static void
pd_application_finalize (GObject *object)
{
  PdApplication *self = PD_APPLICATION (object);

  g_clear_pointer (&self->temporary_files, g_ptr_array_unref);
  g_clear_pointer (&self->reminders_path, g_free);
  g_clear_pointer (&self->pending_reminders_path, g_free);

  G_OBJECT_CLASS (pd_application_parent_class)->finalize (object);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Pain Diary developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Pain Diary"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Pain Diary developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (about,
                                 _("Keep track of pain, sleep and mood after spine surgery, "
                                   "and bring the trends to your appointments. "
                                   "Everything stays on this device."));
  adw_about_window_set_website (about, "https://github.com/paindiary/pain-diary");
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PdApplication *self = PD_APPLICATION (user_data);

  /* Quitting from the menu really quits, also the reminders. */
  stop_opening_reminders (self);
  g_clear_object (&self->reminders);
  g_clear_pointer (&self->reminders_path, g_free);
  update_hold (self);
  g_application_quit (G_APPLICATION (user_data));
}

/* SIGTERM (the session ending, kill), SIGINT (Ctrl+C) and SIGHUP (the terminal gone) quit as
 * the menu does: the diaries are closed properly (close_windows). */
static gboolean
terminate_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "open-review", open_review_action },
  { "quit", quit_action },
};

/* Memory (issue 11): glibc's threshold for mapping big blocks rises as they are freed, so
 * the blocks the diary's load and grouping free stay resident in the heap; a fixed threshold
 * cuts the window's peak with the 10-year diary by about 6 MB. Only once GTK is up: while it
 * starts, the software GL driver allocates and frees many big blocks, which a fixed
 * threshold would map and unmap one by one (start-up took 20 ms longer). */
static void
limit_heap_growth (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024);
#endif
}

static void
pd_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (pd_application_parent_class)->startup (app);
  limit_heap_growth ();
  pd_stall_watch_start ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  g_unix_signal_add (SIGTERM, terminate_cb, app);
  g_unix_signal_add (SIGINT, terminate_cb, app);
  g_unix_signal_add (SIGHUP, terminate_cb, app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<primary>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-entry",
                                         (const char *[]) { "<primary>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo",
                                         (const char *[]) { "<primary>z", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences",
                                         (const char *[]) { "<primary>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-today",
                                         (const char *[]) { "<alt>1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-history",
                                         (const char *[]) { "<alt>2", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-medications",
                                         (const char *[]) { "<alt>3", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-trends",
                                         (const char *[]) { "<alt>4", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         (const char *[]) { "<primary>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export",
                                         (const char *[]) { "<primary>e", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print-report",
                                         (const char *[]) { "<primary>p", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import",
                                         (const char *[]) { "<primary>i", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open-review",
                                         (const char *[]) { "<primary>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search",
                                         (const char *[]) { "<primary>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<primary>w", NULL });
}

static void
pd_application_class_init (PdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = pd_application_finalize;

  app_class->handle_local_options = pd_application_handle_local_options;
  app_class->command_line = pd_application_command_line;
  app_class->activate = pd_application_activate;
  app_class->startup = pd_application_startup;
  app_class->shutdown = pd_application_shutdown;
  gtk_app_class->window_removed = pd_application_window_removed;
}

static void
pd_application_init (PdApplication *self)
{
  self->temporary_files = g_ptr_array_new_with_free_func (g_free);

  g_application_add_main_option_entries (G_APPLICATION (self), pd_cli_get_option_entries ());
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep a diary of pain, sleep and mood after spine surgery."));
}

PdApplication *
pd_application_new (void)
{
  return g_object_new (PD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/paindiary/PainDiary",
                       NULL);
}

/* The window's half of the program: main.c loads it (the pain-diary-ui module) when the
 * command line asks for more than an operation without a window. */
G_MODULE_EXPORT int
pd_application_main (int    argc,
                     char **argv)
{
  g_autoptr(PdApplication) app = pd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
