/* pd-window-backup.h: the window's Back Up… and Restore… (encrypted backups)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"
#include "pd-preferences-window.h"
#include "pd-window.h"

G_BEGIN_DECLS

/* Asks for a file and a passphrase, and writes the encrypted backup of database there.
 * Says what happened through window's win.show-toast action. */
void pd_window_back_up (GtkWindow  *window,
                        PdDatabase *database);
/* Asks for a backup and its passphrase, and replaces database's records with its own
 * (keeping a copy first); then activates window's win.reload. */
void pd_window_restore (GtkWindow  *window,
                        PdDatabase *database);

/* The daily encrypted backup into the folder of Preferences (settings' "backup-folder"),
 * for the diary just opened: once now, then every hour while it stays open (at most one a
 * day; see PdBackupFolder). Nothing for a review, or without the settings schema. */
void pd_window_start_backup_folder      (PdWindow            *self);
/* Adds the Backup Folder group to the Preferences of this window's diary. */
void pd_window_add_backup_preferences   (PdWindow            *self,
                                         PdPreferencesWindow *preferences);

G_END_DECLS
