/* pd-backup-preferences.h: the Backup Folder group of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-backup-folder.h"

G_BEGIN_DECLS

/* The folder (chosen through the file chooser, or the portal's, and kept in settings'
 * "backup-folder"; the window's PdBackupFolder follows that key), the passphrase in the
 * keyring (set or changed, asked twice), when the last encrypted backup was written there,
 * and what went wrong, in words for the patient. */
AdwPreferencesGroup *pd_backup_preferences_new (PdBackupFolder *folder,
                                                GSettings      *settings);

G_END_DECLS
