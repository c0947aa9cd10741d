/* pd-spine-today.h: spine outcome cards on Today: the stimulator trial's day, and the
 * questions that are due (function ratings, global impression after a treatment)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_SPINE_TODAY (pd_spine_today_get_type ())

G_DECLARE_FINAL_TYPE (PdSpineToday, pd_spine_today, PD, SPINE_TODAY, GtkBox)

GtkWidget *pd_spine_today_new      (void);
/* data: the window's diary data, valid until the next call; today: local Julian day. */
void       pd_spine_today_set_data (PdSpineToday *self,
                                    PdDatabase   *database,
                                    PdDiaryData  *data,
                                    guint32       today);

G_END_DECLS
