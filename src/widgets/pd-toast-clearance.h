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

G_END_DECLS
