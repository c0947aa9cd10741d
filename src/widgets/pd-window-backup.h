/* pd-window-backup.h: the window's Back Up… and Restore… (encrypted backups)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

G_END_DECLS
