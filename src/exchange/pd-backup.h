/* pd-backup.h: encrypted backups of a whole diary (a public format, see README.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsodium: the key comes from the passphrase through Argon2id (crypto_pwhash, salt and
 * limits in the header), the diary through crypto_secretstream_xchacha20poly1305 in chunks of
 * 64 KiB, the last one tagged final; the header is the first chunk's additional data, so a
 * changed byte anywhere is found. Nothing home-made but the header's layout.
 */

#pragma once

#include <gio/gio.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_BACKUP_MAGIC        "PDBACKUP"
#define PD_BACKUP_VERSION      1
#define PD_BACKUP_CHUNK_SIZE   65536
/* Suggested name of a backup file: "pain-diary-2026-03-01.pdbackup". */
#define PD_BACKUP_SUFFIX       ".pdbackup"

/* Writes an encrypted copy of a consistent snapshot of the diary to dest_path (mode 0600,
 * through a temporary file renamed into place: never half a file). */
gboolean  pd_backup_write              (PdDatabase          *db,
                                        const char          *dest_path,
                                        const char          *passphrase,
                                        GError             **error);
/* Decrypts backup_path into a new file at dest_path (mode 0600, atomically), checking every
 * chunk and the end: a wrong passphrase or a changed, cut or lengthened file is refused
 * with PD_ERROR_INVALID (PD_ERROR_NOT_A_DIARY when it is no backup at all, PD_ERROR_NEWER_SCHEMA
 * for a newer format) and nothing is left at dest_path. */
gboolean  pd_backup_decrypt            (const char          *backup_path,
                                        const char          *passphrase,
                                        const char          *dest_path,
                                        GError             **error);
/* The number of records (of every kind) in the diary file; 0 when it does not exist. */
gint64    pd_backup_count_records      (const char          *diary_path,
                                        GError             **error);
/* Replaces the diary at diary_path by the backup's: decrypts and checks it beside the
 * diary first, then (when a diary exists) writes a normal backup of it into its backup
 * folder (path in previous_backup, may be NULL) and renames the restored file over it. The
 * diary must not be open, in this process or another (refused when another has it open).
 * On any failure the diary is unchanged. Asking the user first is the caller's business. */
gboolean  pd_backup_restore            (const char          *backup_path,
                                        const char          *passphrase,
                                        const char          *diary_path,
                                        char               **previous_backup,
                                        GError             **error);

/* The same into an open diary (the window's): the backup's diary is checked (and brought
 * to this program's schema) beside it, the diary backed up (previous_backup), then
 * replaced in one transaction through the online backup API, so that every connection
 * sees the old diary or the new one. On any failure the diary is unchanged. */
gboolean  pd_backup_restore_into       (PdDatabase          *db,
                                        const char          *backup_path,
                                        const char          *passphrase,
                                        char               **previous_backup,
                                        GError             **error);

/* The daily encrypted backup into a folder of the user's choice (one a sync service
 * copies elsewhere): "<diary stem>-YYYY-MM-DD.pdbackup" for the local date of now, written
 * unless there is one already; all but the newest keep such backups of this diary are
 * removed. Returns the path written, or an empty string when today's existed; NULL on
 * error. */
char     *pd_backup_write_daily        (PdDatabase          *db,
                                        const char          *folder,
                                        const char          *passphrase,
                                        GDateTime           *now,
                                        guint                keep,
                                        GError             **error);

/* The names of diary_path's daily backups in folder (as pd_backup_write_daily names them),
 * oldest first; NULL with error when the folder cannot be read. */
GPtrArray *pd_backup_list_daily        (const char          *diary_path,
                                        const char          *folder,
                                        GError             **error);

/* pd_backup_write and pd_backup_restore_into off the main thread; the passphrase is copied
 * and wiped when done. restore_finish returns the previous diary's backup path. */
void      pd_backup_write_async        (PdDatabase          *db,
                                        const char          *dest_path,
                                        const char          *passphrase,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  pd_backup_write_finish       (GAsyncResult        *result,
                                        GError             **error);
void      pd_backup_restore_into_async (PdDatabase          *db,
                                        const char          *backup_path,
                                        const char          *passphrase,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *pd_backup_restore_into_finish (GAsyncResult       *result,
                                         GError            **error);

G_END_DECLS
