/* pd-heatmap-view.h: "When It Hurts", mean pain by weekday and time of day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_HEATMAP_VIEW (pd_heatmap_view_get_type ())

G_DECLARE_FINAL_TYPE (PdHeatmapView, pd_heatmap_view, PD, HEATMAP_VIEW, AdwBin)

/* pain_entries: PdPainEntry, newest first, referenced while shown; NULL for none. */
void pd_heatmap_view_set_entries (PdHeatmapView *self,
                                  GPtrArray     *pain_entries);
/* The days it covers, Julian day numbers (the chart's visible days). */
void pd_heatmap_view_set_range   (PdHeatmapView *self,
                                  guint32        first,
                                  guint32        last);

G_END_DECLS
