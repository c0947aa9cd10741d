/* pd-backup-folder.h: the daily encrypted backup into a folder of the patient's choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences name a folder (one that Nextcloud, Syncthing or a USB drive copies away); once
 * a day, when the diary is opened and then every hour while it stays open, an encrypted copy
 * of the diary goes there (pd_backup_write_daily, with the passphrase from the keyring, off
 * the main thread): "<diary>-YYYY-MM-DD.pdbackup", mode 0600, written to a temporary file and
 * renamed; the newest PD_BACKUP_FOLDER_KEEP are kept, older ones of this diary removed.
 */

#pragma once

#include <gio/gio.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_BACKUP_FOLDER_KEEP 7

#define PD_TYPE_BACKUP_FOLDER (pd_backup_folder_get_type ())

G_DECLARE_FINAL_TYPE (PdBackupFolder, pd_backup_folder, PD, BACKUP_FOLDER, GObject)

/* Emits "changed" (on the main context that created it) whenever the folder, the last
 * backup's time, the problem or busy change. */
PdBackupFolder *pd_backup_folder_new                 (PdDatabase      *database);
/* NULL or "": no folder (nothing is written). Reads the folder's state again, then runs. */
void            pd_backup_folder_set_folder          (PdBackupFolder  *self,
                                                      const char      *folder);
const char     *pd_backup_folder_get_folder          (PdBackupFolder  *self);
/* When the newest encrypted backup of this diary in the folder was written; NULL: none. */
GDateTime      *pd_backup_folder_get_last_written    (PdBackupFolder  *self);
/* What went wrong last, in words for the patient (what and what to do); NULL when fine. */
const char     *pd_backup_folder_get_problem         (PdBackupFolder  *self);
gboolean        pd_backup_folder_get_busy            (PdBackupFolder  *self);
/* Writes today's backup unless written today already: looks the passphrase up in the
 * keyring (a missing one is a problem to show), then writes in a thread. */
void            pd_backup_folder_run                 (PdBackupFolder  *self);
/* The same with a given passphrase (the keyring's, or a test's). */
void            pd_backup_folder_run_with_passphrase (PdBackupFolder  *self,
                                                      const char      *passphrase);
/* Reads the folder's state again (last backup, problem) without writing. */
void            pd_backup_folder_refresh             (PdBackupFolder  *self);

/* The work itself, synchronous (the thread's and the tests'): checks the folder (a missing,
 * non-folder or read-only one is refused in words for the patient), then
 * pd_backup_write_daily keeping PD_BACKUP_FOLDER_KEEP. Returns the path written, "" when today's existed. */
char           *pd_backup_folder_write               (PdDatabase      *database,
                                                      const char      *folder,
                                                      const char      *passphrase,
                                                      GDateTime       *now,
                                                      GError         **error);
gboolean        pd_backup_folder_check               (const char      *folder,
                                                      GError         **error);
/* The modification time of the newest daily backup of diary_path in folder, NULL when
 * there is none (error set when the folder could not be read). */
GDateTime      *pd_backup_folder_find_last           (const char      *diary_path,
                                                      const char      *folder,
                                                      GError         **error);

G_END_DECLS
