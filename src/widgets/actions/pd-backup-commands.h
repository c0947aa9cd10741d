/* pd-backup-commands.h: Back Up…, Restore… (encrypted backups) and the daily backup into a
 * folder, for the diary of a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-backup-folder.h"
#include "pd-database.h"
#include "pd-diary-model.h"

G_BEGIN_DECLS

/* Asks for a file and a passphrase, and writes the encrypted backup of the model's database
 * there. Says what happened through parent's win.show-toast action. */
void            pd_backup_commands_back_up      (GtkWindow    *parent,
                                                 PdDiaryModel *model);
/* Asks for a backup and its passphrase, and replaces the records of the model's database
 * with its own (keeping a copy first); then activates parent's win.reload. */
void            pd_backup_commands_restore      (GtkWindow    *parent,
                                                 PdDiaryModel *model);

/* The daily encrypted backup of database into the folder of settings' "backup-folder",
 * which it follows: once now, then every hour while the returned object lives (at most one
 * a day; see PdBackupFolder). NULL for a read-only database. */
PdBackupFolder *pd_backup_commands_start_folder (PdDatabase *database,
                                                 GSettings  *settings);

G_END_DECLS
