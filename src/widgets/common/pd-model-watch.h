/* pd-model-watch.h: a page shows the diary model, and shows it again when it changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

typedef void (*PdModelRefresh) (GtkWidget *page);

/* Calls refresh (page) now, when the model is loaded, and whenever its records or outcomes
 * change; while page is not mapped, only once it is mapped again (a page out of sight costs
 * a save nothing). complete_only: not before the whole diary is in the model (History and
 * Trends), so that the last weeks loaded first are not shown as the whole diary. Watching
 * another model stops watching the first. */
void pd_model_watch (GtkWidget      *page,
                     PdDiaryModel   *model,
                     gboolean        complete_only,
                     PdModelRefresh  refresh);

G_END_DECLS
