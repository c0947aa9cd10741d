/* pd-keyring.h: the backup folder's passphrase in the user's keyring (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One secret, in the default collection (the login keyring) through the Secret Service, or
 * the Secret portal inside Flatpak: schema "io.github.paindiary.PainDiary.BackupPassphrase"
 * with the attribute purpose = "backup-folder". Only libsecret ever sees it: never GSettings,
 * never a file of ours. Every call is asynchronous (the keyring may ask to be unlocked).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The application id and what it keeps. */
#define PD_KEYRING_SCHEMA_NAME "io.github.paindiary.PainDiary.BackupPassphrase"

void      pd_keyring_store_async   (const char          *passphrase,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  pd_keyring_store_finish  (GAsyncResult        *result,
                                    GError             **error);
/* The passphrase (free with pd_keyring_free), or NULL: with error when the keyring could
 * not be read (locked, refused, no keyring service), without when none is stored. */
void      pd_keyring_lookup_async  (GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
char     *pd_keyring_lookup_finish (GAsyncResult        *result,
                                    GError             **error);
void      pd_keyring_clear_async   (GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  pd_keyring_clear_finish  (GAsyncResult        *result,
                                    GError             **error);
/* Wipes and frees a passphrase from pd_keyring_lookup_finish. */
void      pd_keyring_free          (char                *passphrase);
/* The keyring's error in words for the patient: what happened and what to do. */
char     *pd_keyring_explain       (const GError        *error);

G_END_DECLS
