/* pd-window-backup.h: the window's Back Up… and Restore… (encrypted backups)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-preferences-window.h"
#include "pd-window.h"

G_BEGIN_DECLS

/* win.back-up: where, then a passphrase (asked twice); writes off the main thread. */
void pd_window_back_up_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter);
/* win.restore: which backup, then a confirmation with its passphrase; the diary is backed
 * up, then replaced; nothing changes when the passphrase is wrong or the file altered. */
void pd_window_restore_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter);

/* The daily encrypted backup into the folder of Preferences (settings' "backup-folder"),
 * for the diary just opened: once now, then every hour while it stays open (at most one a
 * day; see PdBackupFolder). Nothing for a review, or without the settings schema. */
void pd_window_start_backup_folder      (PdWindow            *self);
/* Adds the Backup Folder group to the Preferences of this window's diary. */
void pd_window_add_backup_preferences   (PdWindow            *self,
                                         PdPreferencesWindow *preferences);

G_END_DECLS
