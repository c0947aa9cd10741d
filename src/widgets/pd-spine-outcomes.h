/* pd-spine-outcomes.h: the spine outcomes under the Trends chart: the stimulator trial card,
 * the Patient-Specific Functional Scale and the global impressions of change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-daily.h"

G_BEGIN_DECLS

#define PD_TYPE_SPINE_OUTCOMES (pd_spine_outcomes_get_type ())

G_DECLARE_FINAL_TYPE (PdSpineOutcomes, pd_spine_outcomes, PD, SPINE_OUTCOMES, GtkBox)

GtkWidget *pd_spine_outcomes_new      (void);
/* data: the window's diary data, valid until the next call; series covers the diary. */
void       pd_spine_outcomes_set_data (PdSpineOutcomes *self,
                                       PdDiaryData     *data,
                                       PdDailySeries   *series);

G_END_DECLS
