/* pd-chart-private.h: what the chart's files share: sizes, the painter, the legend and
 * the helpers that one file draws with and another defines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <pango/pangocairo.h>

#include "pd-chart.h"
#include "pd-chart-draw.h"

G_BEGIN_DECLS

/* Okabe-Ito (2008), the colour-blind-safe qualitative palette. */
#define OI_ORANGE     0xE69F00
#define OI_SKY_BLUE   0x56B4E9
#define OI_GREEN      0x009E73
#define OI_YELLOW     0xF0E442
#define OI_BLUE       0x0072B2
#define OI_VERMILLION 0xD55E00
#define OI_PURPLE     0xCC79A7

/* Relative sizes, in multiples of the font size. */
#define TITLE_ROW   1.6
#define EVENT_ROW   1.5
#define AXIS_ROW    1.9
#define LEFT_SPACE  3.0
#define RIGHT_SPACE 3.6
#define PANEL_GAP   0.6
#define TICK_SPACE  6.5  /* at least this far apart, date labels */
#define LEGEND_ROW  1.35 /* a legend's second and later rows */
#define MAX_EVENT_ROWS 3
#define EVENT_TITLE 14.0 /* the longest event title before it is shortened */

/* A legend item after x on the title row at y; returns the x after it. */
typedef enum
{
  SWATCH_BOX,
  SWATCH_LINE,
  SWATCH_DOT,
} Swatch;

typedef struct
{
  Swatch swatch;
  const PdChartColour *colour;
  const char *label;
  double x;           /* where _pd_chart_legend_place put it */
  guint row;
} LegendItem;

#define MAX_LEGEND_ITEMS (PD_CHART_MAX_MEDICATION_COLOURS + 8)

/* A panel's title and legend, in the order drawn. */
typedef struct
{
  const char *title;
  LegendItem items[MAX_LEGEND_ITEMS];
  guint n_items;
  guint n_rows;
} Legend;

/* Where text stands from its x, in parts of its width (as _pd_chart_show_text takes it). */
#define ALIGN_LEFT   0.0
#define ALIGN_RIGHT  1.0
#define ALIGN_CENTRE 0.5

typedef struct
{
  cairo_t *cr;
  const PdChartData *data;
  const PdChartStyle *style;
  PdChartLayout layout;
  PangoLayout *text;
  PangoLayout *measure;        /* _pd_chart_measure_new's: layout decisions */
  PangoFontDescription *font;
  GHashTable *layouts;         /* the cache's laid out labels by text, or NULL */
  double f;
  /* Boxes on a raster target while days are narrower than a few pixels (see
   * _pd_chart_boxes_add). */
  guint32 *pixels;             /* the plot's top left pixel, or NULL: vectors */
  int stride;                  /* in pixels */
  cairo_surface_t *raster;     /* the image of the plot, unless pixels are the target's */
  GArray *boxes;               /* of the current colour */
  int raster_width, raster_height;
  double raster_x, raster_y;   /* its top left corner in user units */
  guint32 box_pixel;           /* premultiplied ARGB of the current colour */
  guint box_alpha;
} Painter;

/* Days drawn as one: a day each while there is room, else one pixel column each. */
typedef struct
{
  guint32 first;      /* first day */
  guint32 end;        /* one past the last day */
  double x0, x1;
  double mean;        /* mean of the daily means; NAN: a gap */
  int min, max;
  double rolling;
  double mme;         /* per day, averaged */
  double activity;    /* minutes per day, averaged */
  double doses;       /* taken doses per day, averaged */
  double sleep;       /* hours, mean of the days that give it; NAN: a gap */
  double mood;        /* mean of the days that give it; NAN: a gap */
  double back_pain;   /* as mood */
  double leg_pain;
} Bin;

/* A coordinate on the device pixel grid, so that 1-pixel lines and bar edges stay crisp. */
static inline double
snap (const Painter *p,
      double         v)
{
  return round (v * p->style->scale) / p->style->scale;
}

static inline double
hairline (const Painter *p)
{
  return 1.0 / p->style->scale;
}

void
_pd_chart_visible_range (const PdChartData *data,
                         guint32           *first,
                         guint32           *last);

PdChartPanels
_pd_chart_panels_of (const PdChartData *data);

/* Text measured for layout decisions (legend rows, event title rows) in the label font,
 * the same for every target, so that the layout and the drawing agree on them. */
PangoLayout *
_pd_chart_measure_new (const PdChartStyle *style);

/* What a legend is of and where it goes: the title and items of panel as data and style
 * draw it (the medication panel with its MME line or without), placed after the title
 * from x0 in rows up to right. */
typedef struct
{
  const PdChartData *data;
  const PdChartStyle *style;
  PdChartPanels panel;
  gboolean show_mme;
  double x0;
  double right;
} LegendSpec;

/* Fills legend with the title and items of spec's panel, the items placed after the title
 * from x0 in rows up to right: an item that does not fit starts a new row at x0 rather
 * than being cut or left out. */
void
_pd_chart_legend_place (Legend           *legend,
                        PangoLayout      *measure,
                        const LegendSpec *spec);

/* Where an event's title stands above the plot: its row, and the x it starts at. */
typedef struct
{
  int row;
  double start;
} EventTitle;

/* Rows for the titles of the events in the visible days, with the x each title starts at,
 * in titles (one per event of the series): a title goes below every earlier title that
 * reaches over its marker, so that no marker crosses a title and no two titles overlap; a
 * title with no row left gets row -1 (the hover and the list under the chart name it).
 * Returns the number of rows used. */
guint
_pd_chart_event_rows (PangoLayout         *measure,
                      const PdChartLayout *layout,
                      const PdChartData   *data,
                      double               f,
                      EventTitle          *titles);

void
_pd_chart_boxes_begin (Painter             *p,
                       const PdChartColour *colour);

void
_pd_chart_boxes_add (Painter *p,
                     double   x,
                     double   y,
                     double   width,
                     double   height);

/* Writes the boxes a band of rows at a time: a box is usually a column a pixel wide, and
 * walking it down the whole panel would leave the cache at every pixel. */
void
_pd_chart_boxes_end (Painter *p);

/* Whether the boxes go through pixels: while days are dense, on a target that is pixels
 * anyway (an image, a window, a recording replayed onto one), never on PDF, PostScript or
 * SVG, which keep vectors. Straight into an image target, else into an image of the plot
 * composited at the end. */
void
_pd_chart_raster_begin (Painter *p);

void
_pd_chart_raster_end (Painter *p);

/* 1, 2 or 5 times a power of ten, at least v. */
double
_pd_chart_nice_ceiling (double v);

/* Draws text with its left, right or centre at x and its vertical middle at y; returns
 * its width. */
double
_pd_chart_draw_text (Painter             *p,
                     const char          *text,
                     double               x,
                     double               y,
                     double               align,
                     const PdChartColour *colour);

/* A y-axis label and grid line at value (of 0..top) in rect. */
void
_pd_chart_draw_y_tick (Painter           *p,
                       const PdChartRect *rect,
                       double             value,
                       double             top,
                       gboolean           right_side);

/* A panel's title and its legend above rect, wrapped in the rows the layout gave it. */
void
_pd_chart_draw_legend (Painter           *p,
                       const PdChartRect *rect,
                       PdChartPanels      panel,
                       guint              reserved_rows,
                       gboolean           show_mme);

void
_pd_chart_draw_date_axis (Painter *p);

/* The means of the days first..end - 1 that give each value (NAN where none does), and how
 * many days gave it. */
typedef struct
{
  double sleep, mood, back_pain, leg_pain;
  guint n_sleep, n_mood, n_back_pain, n_leg_pain;
} DayMeans;

void
_pd_chart_day_means (PdDailySeries *series,
                     guint32        first,
                     guint32        end,
                     DayMeans      *means);

G_END_DECLS
