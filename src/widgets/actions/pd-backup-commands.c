/* pd-backup-commands.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-backup-commands"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-backup.h"
#include "pd-file-chooser.h"
#include "pd-passphrase-dialog.h"
#include "pd-problem-dialog.h"
#include "pd-toast-clearance.h"
#include "pd-backup-commands.h"

typedef void (*BackupStartFunc) (PdDatabase          *db,
                                 const char          *path,
                                 const char          *passphrase,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);

/* Back Up… and Restore…: a file, then its passphrase, then the work off the main thread. */
typedef struct
{
  const char *chooser_title;
  const char *accept_label;
  PdChooseMode mode;
  PdPassphraseQuestion question;
  const char *busy;
  BackupStartFunc start;
  GAsyncReadyCallback done;
} BackupCommand;

typedef struct
{
  const BackupCommand *command;
  GtkWindow *window;
  PdDatabase *database;
  char *path;
} BackupChoice;

static void
backup_choice_free (gpointer data)
{
  BackupChoice *choice = data;

  g_clear_object (&choice->window);
  g_clear_object (&choice->database);
  g_free (choice->path);
  g_free (choice);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  pd_backup_write_finish (result, &error);
  pd_command_report (self, error, _("No Backup Was Written"), _("Encrypted backup written"), FALSE);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = pd_backup_restore_into_finish (result, &error);

  /* Short enough for a toast 360 px wide: where the replaced diary went, the question before
   * the restore said. */
  pd_command_report (self, error, _("Nothing Was Restored"), _("Backup restored"), TRUE);
}

static const BackupCommand back_up_command = {
  N_("Back Up Diary"), N_("_Save"), PD_CHOOSE_SAVE,
  { N_("Choose a Passphrase"),
    N_("The backup can only be opened with it: keep it somewhere safe. "
       "A lost passphrase cannot be recovered."),
    TRUE, "back-up", N_("_Back Up"), ADW_RESPONSE_SUGGESTED },
  N_("Backing up…"), pd_backup_write_async, written_cb,
};

static const BackupCommand restore_command = {
  N_("Restore Backup"), N_("_Open"), PD_CHOOSE_OPEN,
  { N_("Replace the Diary?"),
    N_("Everything in this diary is replaced by the backup’s records. "
       "A copy of the diary as it is now is kept in its backup folder."),
    FALSE, "restore", N_("_Replace"), ADW_RESPONSE_DESTRUCTIVE },
  N_("Restoring…"), pd_backup_restore_into_async, restored_cb,
};

static void
passphrase_cb (const char *passphrase,
               gpointer    user_data)
{
  BackupChoice *choice = user_data;

  if (passphrase == NULL)
    return;
  pd_toast_send (GTK_WIDGET (choice->window), _(choice->command->busy));
  choice->command->start (choice->database, choice->path, passphrase, NULL, choice->command->done,
                          g_object_ref (choice->window));
}

static void
file_chosen_cb (GFile    *file,
                gpointer  user_data)
{
  BackupChoice *choice = user_data;
  const BackupCommand *command = choice->command;

  if (file == NULL || (choice->path = g_file_get_path (file)) == NULL)
    {
      backup_choice_free (choice);
      return;
    }
  pd_passphrase_dialog_present (choice->window, &command->question, passphrase_cb, choice,
                                backup_choice_free);
}

static void
run_command (GtkWindow           *self,
             PdDiaryModel        *model,
             const BackupCommand *command,
             const char          *suggested_name)
{
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_object_unref);
  GtkFileFilter *filter = gtk_file_filter_new ();
  BackupChoice *choice = g_new0 (BackupChoice, 1);
  PdFileQuestion question;

  g_return_if_fail (GTK_IS_WINDOW (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));

  gtk_file_filter_set_name (filter, _("Encrypted diary backups"));
  gtk_file_filter_add_suffix (filter, "pdbackup");
  g_ptr_array_add (filters, filter);
  choice->command = command;
  choice->window = g_object_ref (self);
  choice->database = g_object_ref (pd_diary_model_get_database (model));
  question.mode = command->mode;
  question.title = _(command->chooser_title);
  question.accept_label = _(command->accept_label);
  question.suggested_name = suggested_name;
  question.filters = filters;
  pd_choose_file (self, &question, file_chosen_cb, choice, NULL);
}

void
pd_backup_commands_back_up (GtkWindow    *self,
                            PdDiaryModel *model)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "pain-diary-%Y-%m-%d" PD_BACKUP_SUFFIX);

  run_command (self, model, &back_up_command, name);
}

void
pd_backup_commands_restore (GtkWindow    *self,
                            PdDiaryModel *model)
{
  run_command (self, model, &restore_command, NULL);
}

/* The backup folder */

static void
folder_setting_changed_cb (GSettings      *settings,
                           const char     *key,
                           PdBackupFolder *folder)
{
  g_autofree char *path = g_settings_get_string (settings, key);

  pd_backup_folder_set_folder (folder, path);
}

PdBackupFolder *
pd_backup_commands_start_folder (PdDatabase *database,
                                 GSettings  *settings)
{
  PdBackupFolder *folder;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (pd_database_is_read_only (database))
    return NULL;
  folder = pd_backup_folder_new (database);
  g_signal_connect_object (settings, "changed::backup-folder", G_CALLBACK (folder_setting_changed_cb),
                           folder, 0);
  folder_setting_changed_cb (settings, "backup-folder", folder);
  return folder;
}
