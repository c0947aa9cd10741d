/* pd-compare-view.h: "Before and After a Treatment", pain and PEG either side of an event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-daily.h"

G_BEGIN_DECLS

#define PD_TYPE_COMPARE_VIEW (pd_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (PdCompareView, pd_compare_view, PD, COMPARE_VIEW, AdwBin)

/* The series' events are offered, newest first; hidden when there are none (or no series). */
void pd_compare_view_set_series (PdCompareView *self,
                                 PdDailySeries *series);

G_END_DECLS
