/* pd-first-frame.h: work that waits until a window is on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Calls callback once, from an idle moment after widget (realized) has drawn its next frame:
 * what start-up needs but the first frame does not waits until the window is shown. Without a
 * frame clock (not realized), from the next idle moment. destroy frees data afterwards. */
void pd_after_next_frame (GtkWidget      *widget,
                          GSourceFunc     callback,
                          gpointer        data,
                          GDestroyNotify  destroy);

G_END_DECLS
