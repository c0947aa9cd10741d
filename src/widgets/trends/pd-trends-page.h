/* pd-trends-page.h: the trend chart in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_TRENDS_PAGE (pd_trends_page_get_type ())

G_DECLARE_FINAL_TYPE (PdTrendsPage, pd_trends_page, PD, TRENDS_PAGE, AdwBin)

/* The whole diary, once the model holds it, and again whenever the model changes. */
void pd_trends_page_set_model (PdTrendsPage *self,
                               PdDiaryModel *model);

G_END_DECLS
