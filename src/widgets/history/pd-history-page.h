/* pd-history-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_HISTORY_PAGE (pd_history_page_get_type ())

G_DECLARE_FINAL_TYPE (PdHistoryPage, pd_history_page, PD, HISTORY_PAGE, AdwBin)

/* The whole diary, once the model holds it, and again whenever the model changes. */
void pd_history_page_set_model    (PdHistoryPage *self,
                                   PdDiaryModel  *model);
void pd_history_page_focus_search (PdHistoryPage *self);

G_END_DECLS
