/* pd-heatmap-chart.h: the "when it hurts" map (weekday rows, time-of-day columns, mean pain
 * as colour) drawn onto any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "pd-chart.h"
#include "pd-heatmap.h"

G_BEGIN_DECLS

/* Where the cells go, in the cairo_t's user units. Row 0 is first_weekday. */
typedef struct
{
  PdChartRect grid;
  double cell_width;
  double cell_height;
  guint first_weekday;         /* 0 Monday */
  gboolean show_values;        /* the mean written in each cell, when it fits */
} PdHeatmapLayout;

void     pd_heatmap_chart_layout   (PdHeatmapLayout       *layout,
                                    int                    width,
                                    int                    height,
                                    guint                  first_weekday,
                                    const PdChartStyle    *style);
/* The cell of a weekday (0 Monday) and bin. */
void     pd_heatmap_chart_cell     (const PdHeatmapLayout *layout,
                                    guint                  weekday,
                                    guint                  bin,
                                    PdChartRect           *rect);
/* The cell under x, y; FALSE outside the grid. */
gboolean pd_heatmap_chart_cell_at  (const PdHeatmapLayout *layout,
                                    double                 x,
                                    double                 y,
                                    guint                 *weekday,
                                    guint                 *bin);
/* The colour of a mean pain (0-10) on the palette's sequential scale: magma, which keeps
 * its order in lightness for every colour vision, from near the background for no pain to
 * far from it for the worst. */
void     pd_heatmap_chart_colour   (const PdChartStyle    *style,
                                    double                 mean,
                                    PdChartColour         *colour);

/* What the map shows. */
typedef struct
{
  const PdHeatmap *heatmap;
  guint first_weekday;         /* the top row: 0 Monday */
  int focus_weekday;           /* focus_weekday/focus_bin: the cell to outline (the */
  int focus_bin;               /* keyboard's), or -1 */
} PdHeatmapData;

void     pd_heatmap_chart_draw     (cairo_t               *cr,
                                    int                    width,
                                    int                    height,
                                    const PdHeatmapData   *data,
                                    const PdChartStyle    *style);

G_END_DECLS
