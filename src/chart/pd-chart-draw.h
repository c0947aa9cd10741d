/* pd-chart-draw.h: drawing helpers that the chart, the heat map and the body map share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "pd-chart.h"

G_BEGIN_DECLS

static inline void
_pd_chart_set_colour (cairo_t             *cr,
                      const PdChartColour *colour)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha);
}

/* Whether text on colour is better light (by its relative luminance). */
gboolean              _pd_chart_is_dark    (const PdChartColour *colour);
/* Perceptually uniform colour ramps from matplotlib. */
typedef enum
{
  PD_CHART_RAMP_VIRIDIS, /* one order in lightness for every colour vision */
  PD_CHART_RAMP_MAGMA,
} PdChartRamp;

/* The opaque colour at t (0 to 1) along ramp. */
void                  _pd_chart_ramp_colour (PdChartRamp          ramp,
                                             double               t,
                                             PdChartColour       *colour);
/* The style's font family (Sans where it names none) at size, in user units. */
PangoFontDescription *_pd_chart_font_new   (const PdChartStyle  *style,
                                            double               size);
/* A layout for cr in that font. */
PangoLayout          *_pd_chart_text_new   (cairo_t             *cr,
                                            const PdChartStyle  *style,
                                            double               size);
/* Shows string (NULL: the text already in the layout) with its vertical middle at y, and x
 * at align of its width (0 left, 0.5 centre, 1 right); returns its width. */
double                _pd_chart_show_text  (cairo_t             *cr,
                                            PangoLayout         *text,
                                            const char          *string,
                                            double               x,
                                            double               y,
                                            double               align,
                                            const PdChartColour *colour);

G_END_DECLS
