/* pd-window-exchange.h: the window's Export and Import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

/* Asks what to export (a CSV, the report, a FHIR bundle) and where, from the model's diary.
 * Says what happened through window's win.show-toast action. */
void pd_window_export (GtkWindow    *window,
                       PdDiaryModel *model);
/* Asks for a diary CSV, shows what it holds, and adds it to database all or nothing; then
 * activates window's win.reload. */
void pd_window_import (GtkWindow    *window,
                       PdDatabase   *database);

G_END_DECLS
