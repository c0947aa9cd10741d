/* pd-backup-folder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-backup-folder"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "pd-backup.h"
#include "pd-backup-folder.h"
#include "pd-error.h"
#include "pd-keyring.h"

/* While the diary stays open: is a new day's backup due? (Cheap when it is not.) */
#define CHECK_SECONDS 3600

struct _PdBackupFolder
{
  GObject parent_instance;

  PdDatabase *database;
  char *folder;
  GDateTime *last_written;
  char *problem;
  gboolean busy;
  /* A run or refresh asked for while busy: done when the running one ends. */
  gboolean pending_run;
  gboolean pending_refresh;
  /* The folder and local date of the last backup written or found today: once a day. */
  char *done_key;
  GCancellable *cancellable;
  guint timer;
};

G_DEFINE_FINAL_TYPE (PdBackupFolder, pd_backup_folder, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The synchronous work */

gboolean
pd_backup_folder_check (const char  *folder,
                        GError     **error)
{
  g_autofree char *display = g_filename_display_name (folder);
  GStatBuf st;

  if (g_stat (folder, &st) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_IO,
                   _("The backup folder “%s” is not there any more. If it is on a drive or a "
                     "network, connect it; or choose another folder in Preferences."), display);
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_IO,
                   _("“%s” is not a folder. Choose a folder for the backups in Preferences."), display);
      return FALSE;
    }
  if (g_access (folder, W_OK | X_OK) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_IO,
                   _("Pain Diary may not write into the backup folder “%s”. Choose another folder "
                     "in Preferences."), display);
      return FALSE;
    }
  return TRUE;
}

char *
pd_backup_folder_write (PdDatabase  *database,
                        const char  *folder,
                        const char  *passphrase,
                        GDateTime   *now,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *written;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (folder != NULL && passphrase != NULL, NULL);

  if (!pd_backup_folder_check (folder, error))
    return NULL;
  if (!(written = pd_backup_write_daily (database, folder, passphrase, now, PD_BACKUP_FOLDER_KEEP,
                                         &local_error)))
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, PD_ERROR, PD_ERROR_IO,
                   _("The encrypted backup could not be written into “%s”: %s"), display,
                   local_error->message);
    }
  return written;
}

GDateTime *
pd_backup_folder_find_last (const char  *diary_path,
                            const char  *folder,
                            GError     **error)
{
  g_autoptr(GPtrArray) names = pd_backup_list_daily (diary_path, folder, error);
  g_autofree char *path = NULL;
  GStatBuf st;

  if (names == NULL || names->len == 0)
    return NULL;
  /* The newest by name (its date); its time from the file. */
  path = g_build_filename (folder, g_ptr_array_index (names, names->len - 1), NULL);
  if (g_stat (path, &st) != 0)
    return NULL;
  return g_date_time_new_from_unix_local (st.st_mtime);
}

/* The thread */

typedef struct
{
  PdDatabase *database;
  char *folder;
  char *passphrase;   /* NULL: only look */
  char *problem;      /* why only looking, when the folder itself is fine */
  GDateTime *now;
} Job;

typedef struct
{
  char *folder;
  GDateTime *last_written;
  char *problem;
  gboolean done_today;
} Outcome;

static void
job_free (Job *job)
{
  g_clear_object (&job->database);
  g_free (job->folder);
  if (job->passphrase != NULL)
    sodium_memzero (job->passphrase, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job->problem);
  g_date_time_unref (job->now);
  g_free (job);
}

static void
outcome_free (Outcome *outcome)
{
  g_free (outcome->folder);
  g_clear_pointer (&outcome->last_written, g_date_time_unref);
  g_free (outcome->problem);
  g_free (outcome);
}

static void
work_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  Outcome *outcome = g_new0 (Outcome, 1);
  g_autoptr(GError) error = NULL;
  const char *diary_path = pd_database_get_path (job->database);

  outcome->folder = g_strdup (job->folder);
  if (job->passphrase != NULL)
    {
      g_autofree char *written = pd_backup_folder_write (job->database, job->folder, job->passphrase,
                                                         job->now, &error);

      outcome->done_today = written != NULL;
    }
  else
    pd_backup_folder_check (job->folder, &error);
  if (error == NULL)
    outcome->last_written = pd_backup_folder_find_last (diary_path, job->folder, &error);
  outcome->problem = g_strdup (error != NULL ? error->message : job->problem);
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

static char *
done_key_new (const char *folder,
              GDateTime  *now)
{
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strconcat (date, " ", folder, NULL);
}

static void
set_problem (PdBackupFolder *self,
             const char     *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
}

static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PdBackupFolder *self = PD_BACKUP_FOLDER (object);
  Outcome *outcome = g_task_propagate_pointer (G_TASK (result), NULL);

  self->busy = FALSE;
  if (outcome == NULL)
    return;  /* cancelled: disposed */
  /* Still the folder it was for: else the pending work below tells about the new one. */
  if (g_strcmp0 (outcome->folder, self->folder) == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_clear_pointer (&self->last_written, g_date_time_unref);
      self->last_written = outcome->last_written ? g_date_time_ref (outcome->last_written) : NULL;
      set_problem (self, outcome->problem);
      if (outcome->done_today)
        {
          g_free (self->done_key);
          self->done_key = done_key_new (outcome->folder, now);
        }
    }
  outcome_free (outcome);
  g_signal_emit (self, signals[CHANGED], 0);

  if (self->pending_run)
    pd_backup_folder_run (self);
  else if (self->pending_refresh)
    pd_backup_folder_refresh (self);
}

static void
start_job (PdBackupFolder *self,
           const char     *passphrase,
           const char     *problem)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, work_done_cb, NULL);
  Job *job = g_new0 (Job, 1);

  job->database = g_object_ref (self->database);
  job->folder = g_strdup (self->folder);
  job->passphrase = g_strdup (passphrase);
  job->problem = g_strdup (problem);
  job->now = g_date_time_new_now_local ();
  self->busy = TRUE;
  self->pending_run = self->pending_refresh = FALSE;
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, work_in_thread);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
has_folder (PdBackupFolder *self)
{
  return self->folder != NULL && self->database != NULL;
}

void
pd_backup_folder_refresh (PdBackupFolder *self)
{
  g_return_if_fail (PD_IS_BACKUP_FOLDER (self));

  if (self->busy)
    {
      self->pending_refresh = TRUE;
      return;
    }
  if (has_folder (self))
    start_job (self, NULL, NULL);
}

void
pd_backup_folder_run_with_passphrase (PdBackupFolder *self,
                                      const char     *passphrase)
{
  g_return_if_fail (PD_IS_BACKUP_FOLDER (self));
  g_return_if_fail (passphrase != NULL);

  if (self->busy)
    {
      self->pending_run = TRUE;
      return;
    }
  if (has_folder (self))
    start_job (self, passphrase, NULL);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdBackupFolder) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  char *passphrase = pd_keyring_lookup_finish (result, &error);

  self->busy = FALSE;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      pd_keyring_free (passphrase);
      return;
    }
  if (passphrase != NULL)
    {
      pd_backup_folder_run_with_passphrase (self, passphrase);
      pd_keyring_free (passphrase);
      return;
    }
  /* Still tell when the last one was written, and whether the folder is there. */
  if (error != NULL)
    problem = pd_keyring_explain (error);
  else
    problem = g_strdup (_("No passphrase for the backup folder is in your keyring. Set one in "
                          "Preferences; until then no encrypted backup is written."));
  if (has_folder (self))
    start_job (self, NULL, problem);
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
done_today (PdBackupFolder *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *key = done_key_new (self->folder, now);

  return g_strcmp0 (key, self->done_key) == 0;
}

void
pd_backup_folder_run (PdBackupFolder *self)
{
  g_return_if_fail (PD_IS_BACKUP_FOLDER (self));

  if (self->busy)
    {
      self->pending_run = TRUE;
      return;
    }
  self->pending_run = self->pending_refresh = FALSE;
  if (!has_folder (self) || done_today (self))
    return;
  self->busy = TRUE;
  pd_keyring_lookup_async (self->cancellable, looked_up_cb, g_object_ref (self));
}

static gboolean
check_cb (gpointer user_data)
{
  pd_backup_folder_run (user_data);
  return G_SOURCE_CONTINUE;
}

void
pd_backup_folder_set_folder (PdBackupFolder *self,
                             const char     *folder)
{
  g_return_if_fail (PD_IS_BACKUP_FOLDER (self));

  if (folder != NULL && *folder == '\0')
    folder = NULL;
  if (g_strcmp0 (folder, self->folder) == 0)
    return;
  g_free (self->folder);
  self->folder = g_strdup (folder);
  g_clear_pointer (&self->last_written, g_date_time_unref);
  set_problem (self, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
  pd_backup_folder_run (self);
}

const char *
pd_backup_folder_get_folder (PdBackupFolder *self)
{
  g_return_val_if_fail (PD_IS_BACKUP_FOLDER (self), NULL);
  return self->folder;
}

GDateTime *
pd_backup_folder_get_last_written (PdBackupFolder *self)
{
  g_return_val_if_fail (PD_IS_BACKUP_FOLDER (self), NULL);
  return self->last_written;
}

const char *
pd_backup_folder_get_problem (PdBackupFolder *self)
{
  g_return_val_if_fail (PD_IS_BACKUP_FOLDER (self), NULL);
  return self->problem;
}

gboolean
pd_backup_folder_get_busy (PdBackupFolder *self)
{
  g_return_val_if_fail (PD_IS_BACKUP_FOLDER (self), FALSE);
  return self->busy;
}

static void
pd_backup_folder_dispose (GObject *object)
{
  PdBackupFolder *self = PD_BACKUP_FOLDER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pd_backup_folder_parent_class)->dispose (object);
}

static void
pd_backup_folder_finalize (GObject *object)
{
  PdBackupFolder *self = PD_BACKUP_FOLDER (object);

  g_clear_object (&self->cancellable);
  g_free (self->folder);
  g_clear_pointer (&self->last_written, g_date_time_unref);
  g_free (self->problem);
  g_free (self->done_key);

  G_OBJECT_CLASS (pd_backup_folder_parent_class)->finalize (object);
}

static void
pd_backup_folder_class_init (PdBackupFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_backup_folder_dispose;
  object_class->finalize = pd_backup_folder_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_backup_folder_init (PdBackupFolder *self)
{
  self->cancellable = g_cancellable_new ();
}

PdBackupFolder *
pd_backup_folder_new (PdDatabase *database)
{
  PdBackupFolder *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  self = g_object_new (PD_TYPE_BACKUP_FOLDER, NULL);
  self->database = g_object_ref (database);
  self->timer = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
  return self;
}
