/* pd-spine-today.h: spine outcome cards on Today: the stimulator trial's day, and the
 * questions that are due (function ratings, global impression after a treatment)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_SPINE_TODAY (pd_spine_today_get_type ())

G_DECLARE_FINAL_TYPE (PdSpineToday, pd_spine_today, PD, SPINE_TODAY, GtkBox)

GtkWidget *pd_spine_today_new      (void);
/* data: the model's records (pd_diary_model_dup_data), valid until the next call; today:
 * local Julian day. The questions open their editors on the model. */
void       pd_spine_today_set_data (PdSpineToday *self,
                                    PdDiaryModel *model,
                                    PdDiaryData  *data,
                                    guint32       today);

G_END_DECLS
