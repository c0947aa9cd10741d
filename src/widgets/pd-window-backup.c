/* pd-window-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-window-backup"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-backup.h"
#include "pd-toast-clearance.h"
#include "pd-window-backup.h"

typedef struct
{
  GtkWindow *window;
  PdDatabase *database;
  char *path;
  GtkEditable *passphrase;
  GtkEditable *again;      /* NULL when restoring: asked once */
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

/* The response is possible once a passphrase is typed (the same twice when creating). */
static void
passphrase_changed_cb (GtkEditable      *editable,
                       AdwMessageDialog *dialog)
{
  BackupChoice *choice = g_object_get_data (G_OBJECT (dialog), "choice");
  const char *text = gtk_editable_get_text (choice->passphrase);
  gboolean ok = *text != '\0' &&
                (choice->again == NULL || g_strcmp0 (text, gtk_editable_get_text (choice->again)) == 0);

  adw_message_dialog_set_response_enabled (dialog, choice->again != NULL ? "back-up" : "restore", ok);
}

/* A hidden GtkEntry, not GtkPasswordEntry or AdwPasswordEntryRow: in GTK 4.8 their
 * caps-lock watch outlives them when their dialog is destroyed (a crash). */
static GtkEditable *
add_passphrase_entry (GtkWidget        *box,
                      const char       *title,
                      AdwMessageDialog *dialog)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), entry);
  g_signal_connect (entry, "changed", G_CALLBACK (passphrase_changed_cb), dialog);
  return GTK_EDITABLE (entry);
}

/* The rows go with the dialog, one after the other: none may call back into the others. */
static void
stop_watching_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  BackupChoice     *choice)
{
  g_signal_handlers_disconnect_by_func (choice->passphrase, passphrase_changed_cb, dialog);
  if (choice->again != NULL)
    g_signal_handlers_disconnect_by_func (choice->again, passphrase_changed_cb, dialog);
}

/* A message dialog asking for the passphrase (twice when again_title is set). */
static AdwMessageDialog *
passphrase_dialog_new (BackupChoice *choice,
                       const char   *heading,
                       const char   *body,
                       const char   *again_title)
{
  AdwMessageDialog *dialog;
  GtkWidget *box;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (choice->window), heading, body));
  g_object_set_data_full (G_OBJECT (dialog), "choice", choice, (GDestroyNotify) backup_choice_free);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  choice->passphrase = add_passphrase_entry (box, _("Passphrase"), dialog);
  if (again_title != NULL)
    choice->again = add_passphrase_entry (box, again_title, dialog);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  /* Connected first, so it runs first: the responses below still read the rows. */
  g_signal_connect (dialog, "response", G_CALLBACK (stop_watching_cb), choice);
  return dialog;
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
back_up_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  BackupChoice *choice = g_object_get_data (G_OBJECT (dialog), "choice");

  if (g_strcmp0 (response, "back-up") != 0)
    return;
  pd_toast_send (GTK_WIDGET (choice->window), _("Backing up…"));
  pd_backup_write_async (choice->database, choice->path,
                         gtk_editable_get_text (choice->passphrase), NULL, written_cb,
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
      AdwMessageDialog *dialog;

      choice->path = g_steal_pointer (&path);
      dialog = passphrase_dialog_new (choice, _("Choose a Passphrase"),
                                      _("The backup can only be opened with it: keep it somewhere safe. "
                                        "A lost passphrase cannot be recovered."),
                                      _("Passphrase Again"));
      adw_message_dialog_add_response (dialog, "back-up", _("_Back Up"));
      adw_message_dialog_set_response_appearance (dialog, "back-up", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_response_enabled (dialog, "back-up", FALSE);
      adw_message_dialog_set_default_response (dialog, "back-up");
      g_signal_connect (dialog, "response", G_CALLBACK (back_up_response_cb), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
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
pd_window_back_up (GtkWindow  *self,
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
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  BackupChoice *choice = g_object_get_data (G_OBJECT (dialog), "choice");

  if (g_strcmp0 (response, "restore") != 0)
    return;
  pd_toast_send (GTK_WIDGET (choice->window), _("Restoring…"));
  pd_backup_restore_into_async (choice->database, choice->path,
                                gtk_editable_get_text (choice->passphrase), NULL, restored_cb,
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
      AdwMessageDialog *dialog;

      choice->path = g_steal_pointer (&path);
      dialog = passphrase_dialog_new (choice, _("Replace the Diary?"),
                                      _("Everything in this diary is replaced by the backup’s records. "
                                        "A copy of the diary as it is now is kept in its backup folder."),
                                      NULL);
      adw_message_dialog_add_response (dialog, "restore", _("_Replace"));
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_enabled (dialog, "restore", FALSE);
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    backup_choice_free (choice);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
pd_window_restore (GtkWindow  *self,
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
