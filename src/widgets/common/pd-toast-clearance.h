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

/* A toast in the window of widget, through its win.show-toast action (string parameter):
 * what a dialog or page says without knowing the window. */
void pd_toast_send             (GtkWidget       *widget,
                                const char      *message);

G_END_DECLS
