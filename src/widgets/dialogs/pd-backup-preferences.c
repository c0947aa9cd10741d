/* pd-backup-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-backup-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-backup-preferences.h"
#include "pd-file-chooser.h"
#include "pd-format.h"
#include "pd-keyring.h"
#include "pd-passphrase-dialog.h"

#define PD_TYPE_BACKUP_PREFERENCES (pd_backup_preferences_get_type ())

G_DECLARE_FINAL_TYPE (PdBackupPreferences, pd_backup_preferences, PD, BACKUP_PREFERENCES, AdwPreferencesGroup)

struct _PdBackupPreferences
{
  AdwPreferencesGroup parent_instance;

  PdBackupFolder *folder;
  GSettings *settings;
  GCancellable *cancellable;
  /* What the keyring said: a passphrase is there (or not), or why it could not be read. */
  gboolean has_passphrase;
  char *keyring_problem;
  /* The keyring is asked only once a folder is set: Preferences alone never touch it. */
  gboolean asked_keyring;

  AdwActionRow *folder_row;
  GtkWidget *clear_button;
  AdwActionRow *passphrase_row;
  GtkWidget *passphrase_button;
  AdwActionRow *last_row;
  AdwActionRow *problem_row;
};

G_DEFINE_FINAL_TYPE (PdBackupPreferences, pd_backup_preferences, ADW_TYPE_PREFERENCES_GROUP)

static char *
format_time (GDateTime *when)
{
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (when),
                                          g_date_time_get_month (when),
                                          g_date_time_get_year (when));
  g_autofree char *day = pd_format_day (g_date_get_julian (date));
  g_autofree char *time = g_date_time_format (when, "%H:%M");

  /* TRANSLATORS: the day (as "Tuesday, 3 March 2026") and the time of the last backup */
  return g_strdup_printf (_("%s, %s"), day, time);
}

static void looked_up_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
update (PdBackupPreferences *self)
{
  const char *folder = pd_backup_folder_get_folder (self->folder);
  GDateTime *last = pd_backup_folder_get_last_written (self->folder);
  const char *problem = self->keyring_problem ? self->keyring_problem
                                              : pd_backup_folder_get_problem (self->folder);

  if (folder != NULL)
    {
      g_autofree char *display = g_filename_display_name (folder);

      adw_action_row_set_subtitle (self->folder_row, display);
    }
  else
    adw_action_row_set_subtitle (self->folder_row, _("Not set: no encrypted daily backup"));
  gtk_widget_set_visible (self->clear_button, folder != NULL);
  if (folder != NULL && !self->asked_keyring)
    {
      self->asked_keyring = TRUE;
      pd_keyring_lookup_async (self->cancellable, looked_up_cb, g_object_ref (self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_row), folder != NULL);

  adw_action_row_set_subtitle (self->passphrase_row,
                               self->has_passphrase ? _("Kept in your keyring") : _("Not set"));
  gtk_button_set_label (GTK_BUTTON (self->passphrase_button),
                        self->has_passphrase ? _("Change…") : _("Set…"));

  if (pd_backup_folder_get_busy (self->folder))
    adw_action_row_set_subtitle (self->last_row, _("Writing…"));
  else if (last != NULL)
    {
      g_autofree char *text = format_time (last);

      adw_action_row_set_subtitle (self->last_row, text);
    }
  else
    adw_action_row_set_subtitle (self->last_row, _("Never"));
  gtk_widget_set_visible (GTK_WIDGET (self->last_row), folder != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->problem_row), problem != NULL && folder != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problem_row), problem ? problem : "");
}

/* The folder */

static void
folder_chosen_cb (GFile    *file,
                  gpointer  user_data)
{
  PdBackupPreferences *self = user_data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path != NULL)
    g_settings_set_string (self->settings, "backup-folder", path);
}

static void
choose_clicked_cb (PdBackupPreferences *self)
{
  pd_choose_file (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                  &(PdFileQuestion) { PD_CHOOSE_FOLDER, _("Choose Backup Folder"), _("_Select"), NULL, NULL },
                  folder_chosen_cb, g_object_ref (self), g_object_unref);
}

static void
clear_clicked_cb (PdBackupPreferences *self)
{
  g_settings_set_string (self->settings, "backup-folder", "");
}

/* The passphrase */

static void
keyring_answered (PdBackupPreferences *self,
                  gboolean             has_passphrase,
                  const GError        *error)
{
  g_clear_pointer (&self->keyring_problem, g_free);
  if (error != NULL)
    self->keyring_problem = pd_keyring_explain (error);
  self->has_passphrase = has_passphrase;
  update (self);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdBackupPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  char *passphrase = pd_keyring_lookup_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    keyring_answered (self, passphrase != NULL, error);
  pd_keyring_free (passphrase);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PdBackupPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean stored = pd_keyring_store_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  keyring_answered (self, stored || self->has_passphrase, error);
  /* Today's backup, if there is none yet, with the new passphrase. */
  if (stored)
    pd_backup_folder_run (self->folder);
}

static void
passphrase_chosen_cb (const char *passphrase,
                      gpointer    user_data)
{
  PdBackupPreferences *self = user_data;

  if (passphrase != NULL)
    pd_keyring_store_async (passphrase, self->cancellable, stored_cb, g_object_ref (self));
}

static void
passphrase_clicked_cb (PdBackupPreferences *self)
{
  static const PdPassphraseQuestion question = {
    N_("Passphrase for the Backup Folder"),
    N_("Every daily backup in the folder is encrypted with it, and Pain Diary "
       "keeps it in your keyring. To open a backup, on this or another "
       "computer, you need it: write it down and keep it somewhere safe. A "
       "lost passphrase cannot be recovered."),
    TRUE, "save", N_("_Save"), ADW_RESPONSE_SUGGESTED
  };

  pd_passphrase_dialog_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), &question,
                                passphrase_chosen_cb, g_object_ref (self), g_object_unref);
}

/* Building */

static GtkWidget *
add_button (AdwActionRow *row,
            const char   *icon_name,
            const char   *label,
            const char   *tooltip,
            GCallback     callback,
            gpointer      self)
{
  GtkWidget *button = label ? gtk_button_new_with_label (label) : gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* A button with a label is named by it; an icon's by the tooltip. */
  if (label == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_widget_add_css_class (button, "flat");
    }
  g_signal_connect_swapped (button, "clicked", callback, self);
  adw_action_row_add_suffix (row, button);
  return button;
}

static AdwActionRow *
add_row (PdBackupPreferences *self,
         const char          *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  return ADW_ACTION_ROW (row);
}

static void
pd_backup_preferences_dispose (GObject *object)
{
  PdBackupPreferences *self = PD_BACKUP_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->folder);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->keyring_problem, g_free);

  G_OBJECT_CLASS (pd_backup_preferences_parent_class)->dispose (object);
}

static void
pd_backup_preferences_class_init (PdBackupPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_backup_preferences_dispose;
}

static void
pd_backup_preferences_init (PdBackupPreferences *self)
{
  g_autofree char *description = NULL;

  self->cancellable = g_cancellable_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Backup Folder"));
  description = g_strdup_printf (_("Once a day an encrypted copy of the diary is also written into this "
                                  "folder, for example one that Nextcloud or Syncthing copies to another "
                                  "device. The newest %d are kept."), PD_BACKUP_FOLDER_KEEP);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  self->folder_row = add_row (self, _("Folder"));
  self->clear_button = add_button (self->folder_row, "edit-clear-symbolic", NULL, _("Stop Backing Up to the Folder"),
                                   G_CALLBACK (clear_clicked_cb), self);
  add_button (self->folder_row, "folder-open-symbolic", NULL, _("Choose Backup Folder"),
              G_CALLBACK (choose_clicked_cb), self);
  self->passphrase_row = add_row (self, _("Passphrase"));
  self->passphrase_button = add_button (self->passphrase_row, NULL, _("Set…"), _("Set the Backup Passphrase"),
                                        G_CALLBACK (passphrase_clicked_cb), self);
  self->last_row = add_row (self, _("Last Backup"));
  self->problem_row = add_row (self, "");
  adw_action_row_add_prefix (self->problem_row, gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_row), "error");
}

AdwPreferencesGroup *
pd_backup_preferences_new (PdBackupFolder *folder,
                           GSettings      *settings)
{
  PdBackupPreferences *self;

  g_return_val_if_fail (PD_IS_BACKUP_FOLDER (folder), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PD_TYPE_BACKUP_PREFERENCES, NULL);
  self->folder = g_object_ref (folder);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (folder, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  /* What is in the folder now (a sync may have brought or removed backups). */
  pd_backup_folder_refresh (folder);
  return ADW_PREFERENCES_GROUP (self);
}
