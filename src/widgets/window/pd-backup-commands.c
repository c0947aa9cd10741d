/* pd-backup-commands.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-backup-commands"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-backup.h"
#include "pd-passphrase-dialog.h"
#include "pd-toast-clearance.h"
#include "pd-backup-commands.h"

typedef struct
{
  GtkWindow *window;
  PdDatabase *database;
  char *path;
} BackupChoice;

static void
backup_choice_free (BackupChoice *choice)
{
  g_clear_object (&choice->window);
  g_clear_object (&choice->database);
  g_free (choice->path);
  g_free (choice);
}

static void
show_problem (GtkWindow  *self,
              const char *heading,
              GError     *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self, heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileFilter *
backup_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Encrypted diary backups"));
  gtk_file_filter_add_suffix (filter, "pdbackup");
  return filter;
}

/* Back up */

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_backup_write_finish (result, &error))
    show_problem (self, _("No Backup Was Written"), error);
  else
    pd_toast_send (GTK_WIDGET (self), _("Encrypted backup written"));
}

static void
back_up_passphrase_cb (const char *passphrase,
                       gpointer    user_data)
{
  BackupChoice *choice = user_data;

  if (passphrase == NULL)
    return;
  pd_toast_send (GTK_WIDGET (choice->window), _("Backing up…"));
  pd_backup_write_async (choice->database, choice->path, passphrase, NULL, written_cb,
                         g_object_ref (choice->window));
}

static void
back_up_file_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        BackupChoice    *choice)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      choice->path = g_steal_pointer (&path);
      pd_passphrase_dialog_present (choice->window, _("Choose a Passphrase"),
                                    _("The backup can only be opened with it: keep it somewhere safe. "
                                      "A lost passphrase cannot be recovered."),
                                    TRUE, "back-up", _("_Back Up"), ADW_RESPONSE_SUGGESTED,
                                    back_up_passphrase_cb, choice, (GDestroyNotify) backup_choice_free);
    }
  else
    backup_choice_free (choice);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static BackupChoice *
backup_choice_new (GtkWindow  *window,
                   PdDatabase *database)
{
  BackupChoice *choice = g_new0 (BackupChoice, 1);

  choice->window = g_object_ref (window);
  choice->database = g_object_ref (database);
  return choice;
}

void
pd_backup_commands_back_up (GtkWindow  *self,
                            PdDatabase *database)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "pain-diary-%Y-%m-%d" PD_BACKUP_SUFFIX);
  g_autoptr(GtkFileFilter) filter = backup_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Back Up Diary"), self, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (back_up_file_chosen_cb),
                    backup_choice_new (self, database));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Restore */

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = pd_backup_restore_into_finish (result, &error);

  if (previous == NULL)
    {
      show_problem (self, _("Nothing Was Restored"), error);
      return;
    }
  pd_toast_send (GTK_WIDGET (self), _("Backup restored; the diary it replaced is kept in the backup folder"));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
}

static void
restore_passphrase_cb (const char *passphrase,
                       gpointer    user_data)
{
  BackupChoice *choice = user_data;

  if (passphrase == NULL)
    return;
  pd_toast_send (GTK_WIDGET (choice->window), _("Restoring…"));
  pd_backup_restore_into_async (choice->database, choice->path, passphrase, NULL, restored_cb,
                                g_object_ref (choice->window));
}

static void
restore_file_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        BackupChoice    *choice)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      choice->path = g_steal_pointer (&path);
      pd_passphrase_dialog_present (choice->window, _("Replace the Diary?"),
                                    _("Everything in this diary is replaced by the backup’s records. "
                                      "A copy of the diary as it is now is kept in its backup folder."),
                                    FALSE, "restore", _("_Replace"), ADW_RESPONSE_DESTRUCTIVE,
                                    restore_passphrase_cb, choice, (GDestroyNotify) backup_choice_free);
    }
  else
    backup_choice_free (choice);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
pd_backup_commands_restore (GtkWindow  *self,
                            PdDatabase *database)
{
  g_autoptr(GtkFileFilter) filter = backup_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore Backup"), self, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_file_chosen_cb),
                    backup_choice_new (self, database));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
