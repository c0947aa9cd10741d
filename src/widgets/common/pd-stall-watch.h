/* pd-stall-watch.h: reports how long the main loop was kept from running, for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* With G_MESSAGES_DEBUG naming "pd-stall-watch" (or "all"), a timeout every 4 ms notes each
 * time the default main context came back to it more than 16 ms (a frame at 60 Hz) after
 * it was due, as the debug message "main loop stalled N ms"; otherwise this does nothing
 * and costs nothing. */
void pd_stall_watch_start (void);

G_END_DECLS
