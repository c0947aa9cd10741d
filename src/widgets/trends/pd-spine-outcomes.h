/* pd-spine-outcomes.h: the spine outcomes under the Trends chart: the stimulator trial card,
 * the Patient-Specific Functional Scale and the global impressions of change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-daily.h"
#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_SPINE_OUTCOMES (pd_spine_outcomes_get_type ())

G_DECLARE_FINAL_TYPE (PdSpineOutcomes, pd_spine_outcomes, PD, SPINE_OUTCOMES, GtkBox)

GtkWidget *pd_spine_outcomes_new      (void);
/* data: the model's records (pd_diary_model_dup_data), valid until the next call; series
 * covers the diary. The buttons open their editors on the model (none when it is read-only
 * or NULL). */
void       pd_spine_outcomes_set_data (PdSpineOutcomes *self,
                                       PdDiaryModel    *model,
                                       PdDiaryData     *data,
                                       PdDailySeries   *series);

G_END_DECLS
