/* pd-toast-clearance.h: toasts that stay clear of a page's primary button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* While button is mapped, the overlay's toasts rise above it (a toast over Save Entry hides
 * the button the person reaches for next). */
void pd_toast_clearance_keep (AdwToastOverlay *overlay,
                              GtkWidget       *button);

/* Measures again at once: before a toast is shown, in case the page moved since (the view
 * switcher bar slides in as the window narrows). */
void pd_toast_clearance_update (AdwToastOverlay *overlay);

G_END_DECLS
