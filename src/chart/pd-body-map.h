/* pd-body-map.h: the body map (a front and a back view, about 40 regions) drawn onto any
 * cairo_t, for the entry form, Trends, --body-map, the report and printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "pd-body-stats.h"
#include "pd-chart.h"

G_BEGIN_DECLS

typedef enum
{
  PD_BODY_VIEW_FRONT,
  PD_BODY_VIEW_BACK,
  PD_BODY_N_VIEWS,
} PdBodyView;

/* Narrower than this (logical pixels), the two views stack. */
#define PD_BODY_MAP_STACK_WIDTH 480

/* Where the views go, in the cairo_t's user units. A view's figure is 100 × 240 figure
 * units from its origin, scale pixels each. */
typedef struct
{
  double scale;
  double origin_x[PD_BODY_N_VIEWS];
  double origin_y[PD_BODY_N_VIEWS];
  gboolean stacked;
  PdChartRect legend;          /* height 0: no legend */
} PdBodyMapLayout;

/* What to draw: either a selection (the entry form) or a period's statistics. */
typedef struct
{
  guint64 selected;            /* locations marked, as a PD_TAG_LOCATION mask */
  int focus;                   /* the location with the keyboard focus, or -1 */
  const PdBodyStats *stats;    /* non-NULL: colour each region by its days and strength */
} PdBodyMapData;

void      pd_body_map_layout          (PdBodyMapLayout       *layout,
                                       int                    width,
                                       int                    height,
                                       gboolean               legend,
                                       const PdChartStyle    *style);
/* The height that shows the figure at width, at most max_scale pixels a unit. */
int       pd_body_map_height_for_width (int                   width,
                                        double                max_scale,
                                        gboolean              legend,
                                        const PdChartStyle   *style);

/* The locations a click can mark, in reading order (front view first, top to bottom):
 * every location with a region of its own. The thigh, lower leg and foot as a whole
 * (older diaries' words) are drawn beneath their parts but are not clicked. */
guint     pd_body_map_n_regions       (void);
int       pd_body_map_region_location (guint                  region);
/* Whether a location is drawn at all ("other" is not). */
gboolean  pd_body_map_has_location    (int                    location);

/* The clickable location under x, y, or -1 (between regions, or outside the figure). */
int       pd_body_map_location_at     (const PdBodyMapLayout *layout,
                                       double                 x,
                                       double                 y);
/* The bounds of the first outline of a location (its front one when it has two). */
gboolean  pd_body_map_location_bounds (const PdBodyMapLayout *layout,
                                       int                    location,
                                       PdChartRect           *rect);
/* A point well inside a location's first outline (to test hit testing and colours). */
gboolean  pd_body_map_location_centre (const PdBodyMapLayout *layout,
                                       int                    location,
                                       double                *x,
                                       double                *y);

/* The colour of a region that hurt on a fraction (0-1] of the days with entries. */
void      pd_body_map_colour          (const PdChartStyle    *style,
                                       double                 fraction,
                                       PdChartColour         *colour);

void      pd_body_map_draw            (cairo_t               *cr,
                                       int                    width,
                                       int                    height,
                                       const PdBodyMapData   *data,
                                       const PdChartStyle    *style);

G_END_DECLS
