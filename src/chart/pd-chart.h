/* pd-chart.h: the trend chart (pain, medication and activity panels on one time axis, with
 * treatment events), drawn onto any cairo_t: the window, PNG, SVG, PDF and printouts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "pd-daily.h"

G_BEGIN_DECLS

#define PD_CHART_MAX_MEDICATION_COLOURS 6

typedef struct
{
  double red, green, blue, alpha;
} PdChartColour;

typedef enum
{
  PD_CHART_PALETTE_LIGHT,
  PD_CHART_PALETTE_DARK,
  PD_CHART_PALETTE_HIGH_CONTRAST,
  PD_CHART_PALETTE_HIGH_CONTRAST_DARK,
} PdChartPalette;

/* Colours and font. The widget fills it from the libadwaita style (light, dark, high
 * contrast); files use the built-in palettes. Series hues are Okabe-Ito, so that the
 * common colour-vision deficiencies still tell them apart. */
typedef struct
{
  PdChartColour background;
  PdChartColour foreground;     /* text, axes */
  PdChartColour dim_foreground; /* tick labels, panel titles */
  PdChartColour grid;
  PdChartColour pain_band;      /* min-max of a day */
  PdChartColour pain_mean;      /* a day's mean */
  PdChartColour rolling_mean;   /* 7-day line */
  PdChartColour mme;            /* daily MME line */
  PdChartColour activity;       /* minutes bars */
  PdChartColour event;          /* markers */
  PdChartColour sleep;          /* overlay: hours slept */
  PdChartColour mood;           /* overlay: mean mood */
  PdChartColour back_pain;      /* overlay: mean back pain */
  PdChartColour leg_pain;       /* overlay: mean leg pain */
  /* Stacked dose bars, most-taken medication first; the rest share the last colour. */
  PdChartColour medication[PD_CHART_MAX_MEDICATION_COLOURS];
  char *font_family;            /* owned; "Cantarell" by default */
  double font_size;             /* in pixels at scale 1 */
  double scale;                 /* device pixels per logical pixel (HiDPI) */
} PdChartStyle;

void pd_chart_style_init  (PdChartStyle   *style,
                           PdChartPalette  palette,
                           double          scale);
void pd_chart_style_clear (PdChartStyle   *style);

/* A cairo_write_func_t for a stream surface that writes into the PdOutput in closure: a
 * picture's or a report's file. */
cairo_status_t pd_chart_write_output (void                *closure,
                                      const unsigned char *data,
                                      unsigned int         length);

typedef enum
{
  PD_CHART_PANEL_PAIN       = 1 << 0,
  PD_CHART_PANEL_MEDICATION = 1 << 1,
  PD_CHART_PANEL_ACTIVITY   = 1 << 2,
  PD_CHART_PANELS_ALL       = 0x7,
} PdChartPanels;

/* Optional lines over the pain panel. */
typedef enum
{
  PD_CHART_OVERLAY_SLEEP = 1 << 0,  /* hours slept, on a 0-12 h scale of its own (right) */
  PD_CHART_OVERLAY_MOOD  = 1 << 1,  /* mean mood, 0-10 like pain */
  PD_CHART_OVERLAY_BACK_LEG = 1 << 2,  /* mean back and leg pain, two lines, 0-10 */
} PdChartOverlays;

/* The sleep scale's top, in hours; longer nights are drawn at the top. */
#define PD_CHART_SLEEP_TOP 12.0

/* The per-column aggregates of the last drawing, kept for the next: a redraw of the same
 * days at the same size (a hover, a theme change, a resize back) then does no per-day work.
 * Owned by whoever draws repeatedly (the window); holds a reference on the series. */
typedef struct _PdChartCache PdChartCache;

PdChartCache *pd_chart_cache_new  (void);
void          pd_chart_cache_free (PdChartCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdChartCache, pd_chart_cache_free)

/* What to draw: the series (built once, reused for every redraw, hover and zoom) and the
 * visible days, a part of the series' range. */
typedef struct
{
  PdDailySeries *series;
  guint32 first_day;           /* 0: the series' first day */
  guint32 last_day;            /* 0: the series' last day */
  PdChartPanels panels;        /* 0: all */
  gboolean show_events;
  PdChartOverlays overlays;    /* 0: none */
  PdChartCache *cache;         /* NULL: aggregate afresh every time */
  guint32 today;               /* the summary's "the last N days" end here; 0: the series'
                                * last day (the window's series ends today) */
} PdChartData;

void pd_chart_data_init (PdChartData   *data,
                         PdDailySeries *series);

typedef struct
{
  double x, y, width, height;
} PdChartRect;

/* Where everything goes, in the cairo_t's user units (logical pixels). */
typedef struct
{
  PdChartRect plot;            /* the time axis spans plot.x .. plot.x + plot.width */
  PdChartRect pain;
  PdChartRect medication;      /* height 0 when not shown */
  PdChartRect activity;        /* height 0 when not shown */
  guint32 first_day;
  guint32 last_day;
  guint n_days;
  double day_width;            /* may be far below a pixel */
  guint legend_rows[3];        /* of the pain, medication and activity panels' legends (0:
                                * not shown): a legend that does not fit one row wraps */
  guint event_rows;            /* of event titles above the plot, staggered so that none
                                * overlaps another */
} PdChartLayout;

void     pd_chart_layout_compute (PdChartLayout        *layout,
                                  int                   width,
                                  int                   height,
                                  const PdChartData    *data,
                                  const PdChartStyle   *style);
/* The x of the middle of a day. */
double   pd_chart_day_to_x       (const PdChartLayout  *layout,
                                  guint32               day);
/* The day under x; FALSE outside the plot. */
gboolean pd_chart_x_to_day       (const PdChartLayout  *layout,
                                  double                x,
                                  guint32              *day);
/* The y of a pain score (0-10) in the pain panel. */
double   pd_chart_pain_to_y      (const PdChartLayout  *layout,
                                  double                pain);

/* The y of hours slept in the pain panel (the sleep overlay's scale). */
double   pd_chart_sleep_to_y     (const PdChartLayout  *layout,
                                  double                hours);

void     pd_chart_draw           (cairo_t              *cr,
                                  int                   width,
                                  int                   height,
                                  const PdChartData    *data,
                                  const PdChartStyle   *style);

/* The text summary (accessible description): "Over the last 30 days pain averaged 5.2,
 * down from 6.4 in the 30 days before." while the range ends today (data->today), else
 * "From 3 March to 1 April 2026 pain averaged ...". With the
 * overlays on, a sentence on sleep and mood follows. Translated. */
char    *pd_chart_describe       (const PdChartData    *data);

/* The treatment events in the visible days, one a line after a heading, with their dates
 * and whole titles (the chart shortens them, or leaves them to hover where they crowd);
 * NULL when there are none. Translated. */
char    *pd_chart_describe_events (const PdChartData   *data);

/* The values of the day under x, for hover and keyboard focus; NULL outside the plot.
 * Translated, one line per value. */
char    *pd_chart_describe_day   (const PdChartData    *data,
                                  const PdChartLayout  *layout,
                                  double                x);

G_END_DECLS
