/* pd-window-exchange.h: the window's Export and Import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-window.h"

G_BEGIN_DECLS

/* Asks what to export (diary or daily summary CSV, which days), then where; exports off
 * the main thread and says how it went. */
void pd_window_export (PdWindow *self);
/* Asks for a diary CSV, checks all of it off the main thread, shows what it would add,
 * and imports it all or nothing when confirmed. */
void pd_window_import (PdWindow *self);

/* win.print-report: the clinician report's dialog with Print as its main button (Export
 * opens it with Save). */
void pd_window_print_report_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter);

G_END_DECLS
