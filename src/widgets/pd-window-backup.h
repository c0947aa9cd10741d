/* pd-window-backup.h: the window's Back Up… and Restore… (encrypted backups)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* Asks for a file and a passphrase, and writes the encrypted backup of database there.
 * Says what happened through window's win.show-toast action. */
void pd_window_back_up (GtkWindow  *window,
                        PdDatabase *database);
/* Asks for a backup and its passphrase, and replaces database's records with its own
 * (keeping a copy first); then activates window's win.reload. */
void pd_window_restore (GtkWindow  *window,
                        PdDatabase *database);

G_END_DECLS
