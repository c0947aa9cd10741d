/* pd-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pd-chart.h"

#define RGB(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                      ((hex) & 0xff) / 255.0, (a) }

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

void
pd_chart_style_init (PdChartStyle   *style,
                     PdChartPalette  palette,
                     double          scale)
{
  /* libadwaita's view colours: @view_bg_color and @view_fg_color. */
  static const PdChartStyle light = {
    .background = RGB (0xffffff, 1), .foreground = RGB (0x000000, 0.8),
    .dim_foreground = RGB (0x000000, 0.55), .grid = RGB (0x000000, 0.1),
    .pain_band = RGB (OI_BLUE, 0.25), .pain_mean = RGB (OI_BLUE, 1),
    .rolling_mean = RGB (OI_VERMILLION, 1), .mme = RGB (OI_PURPLE, 1),
    .activity = RGB (OI_GREEN, 0.85), .event = RGB (0x000000, 0.6),
    /* Mood dashed in the text colour: the purple is the MME line's. */
    .sleep = RGB (OI_GREEN, 1), .mood = RGB (0x000000, 0.7),
    .back_pain = RGB (0xa86f00, 1), .leg_pain = RGB (OI_SKY_BLUE, 1),
    .medication = { RGB (OI_ORANGE, 1), RGB (OI_SKY_BLUE, 1), RGB (OI_BLUE, 1),
                    RGB (OI_YELLOW, 1), RGB (OI_GREEN, 1), RGB (0x999999, 1) },
  };
  static const PdChartStyle dark = {
    .background = RGB (0x1e1e1e, 1), .foreground = RGB (0xffffff, 1),
    .dim_foreground = RGB (0xffffff, 0.6), .grid = RGB (0xffffff, 0.12),
    .pain_band = RGB (OI_SKY_BLUE, 0.45), .pain_mean = RGB (OI_SKY_BLUE, 1),
    .rolling_mean = RGB (OI_ORANGE, 1), .mme = RGB (OI_PURPLE, 1),
    .activity = RGB (OI_GREEN, 0.9), .event = RGB (0xffffff, 0.65),
    .sleep = RGB (OI_GREEN, 1), .mood = RGB (0xffffff, 0.75),
    .back_pain = RGB (OI_YELLOW, 1), .leg_pain = RGB (OI_SKY_BLUE, 1),
    /* A medication keeps its colour in the dark style: the same hues in the same order,
     * the blue lightened to stand out from the background. */
    .medication = { RGB (OI_ORANGE, 1), RGB (OI_SKY_BLUE, 1), RGB (0x3d8fd1, 1),
                    RGB (OI_YELLOW, 1), RGB (OI_GREEN, 1), RGB (0x999999, 1) },
  };
  static const PdChartStyle contrast = {
    .background = RGB (0xffffff, 1), .foreground = RGB (0x000000, 1),
    .dim_foreground = RGB (0x000000, 1), .grid = RGB (0x000000, 0.3),
    .pain_band = RGB (OI_BLUE, 0.4), .pain_mean = RGB (0x000000, 1),
    .rolling_mean = RGB (OI_VERMILLION, 1), .mme = RGB (0x7a2e5c, 1),
    .activity = RGB (0x006048, 1), .event = RGB (0x000000, 1),
    .sleep = RGB (0x006048, 1), .mood = RGB (0x000000, 1),
    .back_pain = RGB (0x7a5000, 1), .leg_pain = RGB (OI_BLUE, 1),
    .medication = { RGB (0xa86f00, 1), RGB (OI_BLUE, 1), RGB (0x000000, 1),
                    RGB (OI_VERMILLION, 1), RGB (0x006048, 1), RGB (0x666666, 1) },
  };
  static const PdChartStyle contrast_dark = {
    .background = RGB (0x000000, 1), .foreground = RGB (0xffffff, 1),
    .dim_foreground = RGB (0xffffff, 1), .grid = RGB (0xffffff, 0.35),
    .pain_band = RGB (OI_SKY_BLUE, 0.45), .pain_mean = RGB (0xffffff, 1),
    .rolling_mean = RGB (OI_ORANGE, 1), .mme = RGB (OI_PURPLE, 1),
    .activity = RGB (OI_GREEN, 1), .event = RGB (0xffffff, 1),
    .sleep = RGB (OI_GREEN, 1), .mood = RGB (0xffffff, 1),
    .back_pain = RGB (OI_YELLOW, 1), .leg_pain = RGB (OI_SKY_BLUE, 1),
    .medication = { RGB (OI_ORANGE, 1), RGB (OI_SKY_BLUE, 1), RGB (OI_YELLOW, 1),
                    RGB (OI_VERMILLION, 1), RGB (OI_GREEN, 1), RGB (0xbbbbbb, 1) },
  };

  g_return_if_fail (style != NULL);

  switch (palette)
    {
    case PD_CHART_PALETTE_DARK:
      *style = dark;
      break;
    case PD_CHART_PALETTE_HIGH_CONTRAST:
      *style = contrast;
      break;
    case PD_CHART_PALETTE_HIGH_CONTRAST_DARK:
      *style = contrast_dark;
      break;
    case PD_CHART_PALETTE_LIGHT:
    default:
      *style = light;
      break;
    }
  style->font_family = g_strdup ("Cantarell");
  style->font_size = 13;
  style->scale = scale > 0 ? scale : 1;
}

void
pd_chart_style_clear (PdChartStyle *style)
{
  g_return_if_fail (style != NULL);
  g_clear_pointer (&style->font_family, g_free);
}

void
pd_chart_data_init (PdChartData   *data,
                    PdDailySeries *series)
{
  g_return_if_fail (data != NULL);

  *data = (PdChartData) {
    .series = series,
    .panels = PD_CHART_PANELS_ALL,
    .show_events = TRUE,
  };
}

static void
visible_range (const PdChartData *data,
               guint32           *first,
               guint32           *last)
{
  guint32 series_first = pd_daily_series_get_first_day (data->series);
  guint32 series_last = pd_daily_series_get_last_day (data->series);

  *first = data->first_day != 0 ? data->first_day : series_first;
  *last = data->last_day != 0 ? data->last_day : series_last;
  if (*last < *first)
    *last = *first;
}

static PdChartPanels
panels_of (const PdChartData *data)
{
  return data->panels != 0 ? data->panels : PD_CHART_PANELS_ALL;
}


/* Text measured for layout decisions (legend rows, event title rows) in the label font,
 * the same for every target, so that the layout and the drawing agree on them. */
static PangoLayout *
measure_new (const PdChartStyle *style)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  PangoLayout *layout = pango_layout_new (context);

  g_object_unref (context);
  pango_font_description_set_family (font, style->font_family ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (font, 0.85 * style->font_size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static double
measure_text (PangoLayout *measure,
              const char  *text,
              double       max_width)
{
  int width;

  pango_layout_set_width (measure, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (measure, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (measure, text, -1);
  pango_layout_get_pixel_size (measure, &width, NULL);
  return width;
}

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
  double x;           /* where flow_legend put it */
  guint row;
} LegendItem;

#define MAX_LEGEND_ITEMS (PD_CHART_MAX_MEDICATION_COLOURS + 8)

/* A panel's title and legend, in the order drawn; returns the number of items. */
static guint
legend_items (const PdChartData  *data,
              const PdChartStyle *style,
              PdChartPanels       panel,
              gboolean            show_mme,
              const char        **title,
              LegendItem         *items)
{
  guint n = 0;

  if (panel == PD_CHART_PANEL_PAIN)
    {
      *title = _("Pain (0–10)");
      items[n++] = (LegendItem) { SWATCH_BOX, &style->pain_band, _("Daily range") };
      items[n++] = (LegendItem) { SWATCH_DOT, &style->pain_mean, _("Daily mean") };
      items[n++] = (LegendItem) { SWATCH_LINE, &style->rolling_mean, _("7-day mean") };
      if (data->overlays & PD_CHART_OVERLAY_SLEEP)
        items[n++] = (LegendItem) { SWATCH_LINE, &style->sleep, _("Sleep, hours (right)") };
      if (data->overlays & PD_CHART_OVERLAY_MOOD)
        items[n++] = (LegendItem) { SWATCH_LINE, &style->mood, _("Mood (0–10)") };
      if (data->overlays & PD_CHART_OVERLAY_BACK_LEG)
        {
          items[n++] = (LegendItem) { SWATCH_LINE, &style->back_pain, _("Back pain") };
          items[n++] = (LegendItem) { SWATCH_LINE, &style->leg_pain, _("Leg pain") };
        }
    }
  else if (panel == PD_CHART_PANEL_MEDICATION)
    {
      guint n_medications = pd_daily_series_get_n_medications (data->series);
      guint n_groups = MIN (n_medications, PD_CHART_MAX_MEDICATION_COLOURS);

      *title = _("Doses per day");
      for (guint g = 0; g < n_groups; g++)
        {
          const char *name = pd_daily_series_get_medication_name (data->series, g);

          if (g == PD_CHART_MAX_MEDICATION_COLOURS - 1 && n_medications > n_groups)
            name = _("Other");
          items[n++] = (LegendItem) { SWATCH_BOX, &style->medication[g], name };
        }
      if (show_mme)
        items[n++] = (LegendItem) { SWATCH_LINE, &style->mme, _("Opioid MME per day") };
    }
  else
    {
      *title = _("Activity, minutes per day");
    }
  return n;
}

/* Places the items after the title from x, in rows up to right: an item that does not fit
 * starts a new row at x0 rather than being cut or left out. Returns the number of rows. */
static guint
flow_legend (PangoLayout *measure,
             double       f,
             double       x0,
             double       right,
             const char  *title,
             LegendItem  *items,
             guint        n_items)
{
  double x = x0 + measure_text (measure, title, 0) + 1.5 * f;
  guint row = 0;

  for (guint i = 0; i < n_items; i++)
    {
      double width = (items[i].swatch == SWATCH_LINE ? 1.4 : 1) * 0.75 * f + 0.35 * f
                     + measure_text (measure, items[i].label, 0);

      if (x + width > right && x > x0)
        x = x0, row++;
      items[i].x = x;
      items[i].row = row;
      x += width + 1.2 * f;
    }
  return row + 1;
}

/* The legend rows of a panel at this width (the medication panel as if its MME line were
 * shown wherever the series has one). */
static guint
legend_rows (PangoLayout        *measure,
             const PdChartData  *data,
             const PdChartStyle *style,
             PdChartPanels       panel,
             double              x0,
             double              right)
{
  LegendItem items[MAX_LEGEND_ITEMS];
  const char *title;
  guint n = legend_items (data, style, panel, pd_daily_series_get_max_mme (data->series) > 0,
                          &title, items);

  return flow_legend (measure, style->font_size, x0, right, title, items, n);
}

/* Rows for the titles of the events in the visible days, with the x each title starts at:
 * a title goes below every earlier title that reaches over its marker, so that no marker
 * crosses a title and no two titles overlap; a title with no row left gets row -1 (the
 * hover and the list under the chart name it). Returns the number of rows used. */
static guint
event_rows (PangoLayout         *measure,
            const PdChartLayout *layout,
            const PdChartData   *data,
            double               f,
            int                 *rows,
            double              *starts)
{
  const PdDayEvent *events;
  guint n_events;
  double right = layout->plot.x + layout->plot.width + RIGHT_SPACE * f;
  double max_width = MIN (EVENT_TITLE * f, layout->plot.width * 0.45);
  g_autofree double *ends = NULL;
  guint used = 0;

  events = pd_daily_series_get_events (data->series, &n_events);
  ends = g_new0 (double, n_events);
  for (guint i = 0; i < n_events; i++)
    {
      double x, width;
      int row = 0;

      rows[i] = -1;
      if (events[i].day < layout->first_day || events[i].day > layout->last_day)
        continue;
      x = pd_chart_day_to_x (layout, events[i].day);
      width = measure_text (measure, events[i].title, max_width);
      starts[i] = MIN (x + 3, right - width);
      ends[i] = starts[i] + width + 0.5 * f;
      for (guint j = 0; j < i; j++)
        if (rows[j] >= 0 && ((starts[j] - 2 <= x && x <= ends[j])
                             || (starts[j] < ends[i] && starts[i] < ends[j])))
          row = MAX (row, rows[j] + 1);
      if (row >= MAX_EVENT_ROWS)
        continue;
      rows[i] = row;
      used = MAX (used, (guint) row + 1);
    }
  return used;
}

void
pd_chart_layout_compute (PdChartLayout      *layout,
                         int                 width,
                         int                 height,
                         const PdChartData  *data,
                         const PdChartStyle *style)
{
  PdChartPanels panels;
  double f, top, bottom, left, right, weights, unit, y, title[3] = { 0 };
  struct { PdChartRect *rect; PdChartPanels panel; double weight; } rows[3];
  PangoLayout *measure;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (data != NULL && data->series != NULL);
  g_return_if_fail (style != NULL);

  panels = panels_of (data);
  f = style->font_size;
  visible_range (data, &layout->first_day, &layout->last_day);
  layout->n_days = layout->last_day - layout->first_day + 1;

  top = (data->show_events ? EVENT_ROW : 0.4) * f;
  bottom = AXIS_ROW * f;
  left = LEFT_SPACE * f;
  right = RIGHT_SPACE * f;
  layout->plot = (PdChartRect) { left, top, MAX (width - left - right, 1),
                                 MAX (height - top - bottom, 1) };
  layout->day_width = layout->plot.width / layout->n_days;

  measure = measure_new (style);
  layout->event_rows = 0;
  if (data->show_events)
    {
      guint n_events;
      g_autofree int *event_row = NULL;
      g_autofree double *starts = NULL;

      pd_daily_series_get_events (data->series, &n_events);
      event_row = g_new (int, n_events + 1);
      starts = g_new (double, n_events + 1);
      layout->event_rows = event_rows (measure, layout, data, f, event_row, starts);
      top = EVENT_ROW * MAX (layout->event_rows, 1) * f;
      layout->plot.y = top;
      layout->plot.height = MAX (height - top - bottom, 1);
    }

  rows[0].rect = &layout->pain, rows[0].panel = PD_CHART_PANEL_PAIN, rows[0].weight = 0.55;
  rows[1].rect = &layout->medication, rows[1].panel = PD_CHART_PANEL_MEDICATION,
  rows[1].weight = 0.25;
  rows[2].rect = &layout->activity, rows[2].panel = PD_CHART_PANEL_ACTIVITY,
  rows[2].weight = 0.2;

  weights = 0;
  unit = layout->plot.height;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (panels & rows[i].panel)
      {
        layout->legend_rows[i] = legend_rows (measure, data, style, rows[i].panel, left,
                                              width);
        title[i] = (TITLE_ROW + (layout->legend_rows[i] - 1) * LEGEND_ROW) * f;
        weights += rows[i].weight;
        unit -= title[i] + (weights > rows[i].weight ? PANEL_GAP * f : 0);
      }
    else
      {
        layout->legend_rows[i] = 0;
      }
  unit = MAX (unit, 1) / MAX (weights, 0.01);
  g_object_unref (measure);

  y = layout->plot.y;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      PdChartRect *rect = rows[i].rect;

      if (!(panels & rows[i].panel))
        {
          *rect = (PdChartRect) { layout->plot.x, y, layout->plot.width, 0 };
          continue;
        }
      if (y > layout->plot.y)
        y += PANEL_GAP * f;
      y += title[i];
      *rect = (PdChartRect) { layout->plot.x, y, layout->plot.width, rows[i].weight * unit };
      y += rect->height;
    }
}

double
pd_chart_day_to_x (const PdChartLayout *layout,
                   guint32              day)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->plot.x + ((double) day - layout->first_day + 0.5) * layout->day_width;
}

gboolean
pd_chart_x_to_day (const PdChartLayout *layout,
                   double               x,
                   guint32             *day)
{
  double offset;

  g_return_val_if_fail (layout != NULL, FALSE);

  offset = floor ((x - layout->plot.x) / layout->day_width);
  if (offset < 0 || offset >= layout->n_days)
    return FALSE;
  if (day != NULL)
    *day = layout->first_day + (guint32) offset;
  return TRUE;
}

double
pd_chart_pain_to_y (const PdChartLayout *layout,
                    double               pain)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->pain.y + layout->pain.height * (1.0 - pain / 10.0);
}

/* Drawing */

typedef struct
{
  cairo_t *cr;
  const PdChartData *data;
  const PdChartStyle *style;
  PdChartLayout layout;
  PangoLayout *text;
  PangoLayout *measure;        /* measure_new's: layout decisions */
  PangoFontDescription *font;
  GHashTable *layouts;         /* the cache's laid out labels by text, or NULL */
  double f;
  /* Boxes on a raster target while days are narrower than a few pixels (see boxes_add). */
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

static void
set_colour (cairo_t             *cr,
            const PdChartColour *colour)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha);
}

/* A coordinate on the device pixel grid, so that 1-pixel lines and bar edges stay crisp. */
static double
snap (const Painter *p,
      double         v)
{
  return round (v * p->style->scale) / p->style->scale;
}

static double
hairline (const Painter *p)
{
  return 1.0 / p->style->scale;
}

/* Boxes of one colour: begin, add any number, end. When days are narrower than a few pixels
 * a panel has thousands of boxes, which cairo would sweep for overlaps at every fill. On
 * raster targets (raster_begin) they are written into the pixels instead, at the end of
 * each colour, a band of rows at a time: a box is a column, and walking it down would touch
 * a new page at every pixel. The cost follows the pixels drawn. Vector targets (PDF, SVG)
 * keep one path per colour. */
typedef struct
{
  int x0, x1, y0, y1;
} Box;

static void
boxes_begin (Painter             *p,
             const PdChartColour *colour)
{
  if (p->pixels != NULL)
    {
      /* Flattened over an opaque background: stores without reading what is below, which
       * is the background but for the few places where layers overlap. */
      const PdChartColour *bg = &p->style->background;
      double alpha = CLAMP (colour->alpha, 0, 1);
      PdChartColour flat = {
        colour->red * alpha + bg->red * (1 - alpha),
        colour->green * alpha + bg->green * (1 - alpha),
        colour->blue * alpha + bg->blue * (1 - alpha), 1 };
      guint a;

      if (bg->alpha >= 1)
        colour = &flat;
      a = (guint) lround (CLAMP (colour->alpha, 0, 1) * 255);

      p->box_alpha = a;
      p->box_pixel = a << 24 |
                     (guint) lround (CLAMP (colour->red, 0, 1) * a) << 16 |
                     (guint) lround (CLAMP (colour->green, 0, 1) * a) << 8 |
                     (guint) lround (CLAMP (colour->blue, 0, 1) * a);
      g_array_set_size (p->boxes, 0);
      return;
    }
  set_colour (p->cr, colour);
  cairo_set_antialias (p->cr, CAIRO_ANTIALIAS_NONE);
}

/* Premultiplied "over" of src (alpha 255 - keep) onto dst, two channels per multiply. */
static inline guint32
blend_over (guint32 src,
            guint32 keep,
            guint32 dst)
{
  guint32 rb = (dst & 0x00ff00ff) * keep + 0x00800080;
  guint32 ag = (dst >> 8 & 0x00ff00ff) * keep + 0x00800080;

  rb = (rb + (rb >> 8 & 0x00ff00ff)) >> 8 & 0x00ff00ff;
  ag = (ag + (ag >> 8 & 0x00ff00ff)) & 0xff00ff00;
  return src + rb + ag;
}

/* Nearest integer, inline: lround is a library call per box edge. */
static inline int
round_int (double v)
{
  return v >= 0 ? (int) (v + 0.5) : -(int) (0.5 - v);
}

static void
boxes_add (Painter *p,
           double   x,
           double   y,
           double   width,
           double   height)
{
  double s = p->style->scale;
  Box box;

  if (p->pixels == NULL)
    {
      cairo_rectangle (p->cr, x, y, width, height);
      return;
    }
  box.x0 = CLAMP (round_int ((x - p->raster_x) * s), 0, p->raster_width);
  box.x1 = CLAMP (round_int ((x + width - p->raster_x) * s), 0, p->raster_width);
  box.y0 = CLAMP (round_int ((y - p->raster_y) * s), 0, p->raster_height);
  box.y1 = CLAMP (round_int ((y + height - p->raster_y) * s), 0, p->raster_height);
  if (box.x1 == box.x0 && box.x0 < p->raster_width && width > 0)
    box.x1 = box.x0 + 1;
  if (box.x1 > box.x0 && box.y1 > box.y0)
    g_array_append_val (p->boxes, box);
}

/* Writes the boxes a band of rows at a time: a box is usually a column a pixel wide, and
 * walking it down the whole panel would leave the cache at every pixel. */
static void
boxes_end (Painter *p)
{
  const guint32 pixel = p->box_pixel, keep = 255 - p->box_alpha;
  const gsize stride = (gsize) p->stride;
  guint32 *const pixels = p->pixels;
  int top = G_MAXINT, bottom = 0, band = 32;
  const Box *boxes;
  guint n_boxes;

  if (p->pixels == NULL)
    {
      cairo_fill (p->cr);
      cairo_set_antialias (p->cr, CAIRO_ANTIALIAS_DEFAULT);
      return;
    }
  boxes = (const Box *) (void *) p->boxes->data;
  n_boxes = p->boxes->len;
  for (guint i = 0; i < n_boxes; i++)
    top = MIN (top, boxes[i].y0), bottom = MAX (bottom, boxes[i].y1);
  for (int y0 = top; y0 < bottom; y0 += band)
    {
      int y1 = MIN (y0 + band, bottom);

      for (guint i = 0; i < n_boxes; i++)
        {
          /* In locals: the stores below could alias the box for the compiler, which would
           * then read its edges back from memory after every pixel. */
          const int from = MAX (boxes[i].y0, y0), to = MIN (boxes[i].y1, y1);
          const int width = boxes[i].x1 - boxes[i].x0;
          guint32 *out;

          if (from >= to)
            continue;
          out = pixels + (gsize) from * stride + boxes[i].x0;
          /* Columns a pixel wide are the usual box of a long range: a store a row, with no
           * inner loop to set up at every row. */
          if (keep == 0 && width == 1)
            for (int row = from; row < to; row++, out += stride)
              *out = pixel;
          else if (keep == 0)
            for (int row = from; row < to; row++, out += stride)
              for (int column = 0; column < width; column++)
                out[column] = pixel;
          else
            for (int row = from; row < to; row++, out += stride)
              for (int column = 0; column < width; column++)
                out[column] = blend_over (pixel, keep, out[column]);
        }
    }
  g_array_set_size (p->boxes, 0);
}

/* Where an image target's pixel for the plot's top left corner is, when the boxes can go
 * straight into it: no rotation or skew, the style's scale, whole-pixel offsets and no
 * clip cutting into the plot. */
static guint32 *
target_pixels (Painter *p,
               int     *stride)
{
  cairo_surface_t *target = cairo_get_target (p->cr);
  const PdChartRect *plot = &p->layout.plot;
  double s = p->style->scale, sx, sy, ox, oy, ux = 1, uy = 0, vx = 0, vy = 1, x, y;
  double cx0, cy0, cx1, cy1;
  cairo_format_t format;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return NULL;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return NULL;
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_user_to_device_distance (p->cr, &ux, &uy);
  cairo_user_to_device_distance (p->cr, &vx, &vy);
  if (uy != 0 || vx != 0 || fabs (ux * sx - s) > 1e-9 || fabs (vy * sy - s) > 1e-9)
    return NULL;
  cairo_clip_extents (p->cr, &cx0, &cy0, &cx1, &cy1);
  if (cx0 > plot->x || cy0 > plot->y || cx1 < plot->x + plot->width ||
      cy1 < plot->y + plot->height)
    return NULL;

  x = p->raster_x, y = p->raster_y;
  cairo_user_to_device (p->cr, &x, &y);
  x = (x + ox) * sx, y = (y + oy) * sy;
  if (fabs (x - round (x)) > 1e-6 || fabs (y - round (y)) > 1e-6 || x < 0 || y < 0 ||
      round (x) + p->raster_width > cairo_image_surface_get_width (target) ||
      round (y) + p->raster_height > cairo_image_surface_get_height (target))
    return NULL;
  cairo_surface_flush (target);
  *stride = cairo_image_surface_get_stride (target) / 4;
  return (guint32 *) cairo_image_surface_get_data (target) + (gsize) round (y) * *stride +
         (gsize) round (x);
}

/* Whether the boxes go through pixels: while days are dense, on a target that is pixels
 * anyway (an image, a window, a recording replayed onto one), never on PDF, PostScript or
 * SVG, which keep vectors. Straight into an image target, else into an image of the plot
 * composited at the end. */
static void
raster_begin (Painter *p)
{
  const PdChartRect *plot = &p->layout.plot;
  double s = p->style->scale;

  if (p->layout.day_width * s >= 3)
    return;
  switch (cairo_surface_get_type (cairo_get_target (p->cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return;
    default:
      break;
    }
  p->raster_x = floor (plot->x * s) / s;
  p->raster_y = floor (plot->y * s) / s;
  p->raster_width = (int) ceil ((plot->x + plot->width - p->raster_x) * s) + 1;
  p->raster_height = (int) ceil ((plot->y + plot->height - p->raster_y) * s) + 1;
  p->pixels = target_pixels (p, &p->stride);
  if (p->pixels == NULL)
    {
      p->raster = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, p->raster_width,
                                              p->raster_height);
      if (cairo_surface_status (p->raster) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (&p->raster, cairo_surface_destroy);
          return;
        }
      cairo_surface_flush (p->raster);
      p->pixels = (guint32 *) cairo_image_surface_get_data (p->raster);
      p->stride = cairo_image_surface_get_stride (p->raster) / 4;
    }
  p->boxes = g_array_sized_new (FALSE, FALSE, sizeof (Box), 2048);
}

static void
raster_end (Painter *p)
{
  if (p->pixels == NULL)
    return;
  g_clear_pointer (&p->boxes, g_array_unref);
  p->pixels = NULL;
  if (p->raster == NULL)
    {
      cairo_surface_mark_dirty (cairo_get_target (p->cr));
      return;
    }
  cairo_surface_mark_dirty (p->raster);
  cairo_surface_set_device_scale (p->raster, p->style->scale, p->style->scale);
  cairo_save (p->cr);
  cairo_set_source_surface (p->cr, p->raster, p->raster_x, p->raster_y);
  cairo_rectangle (p->cr, p->raster_x, p->raster_y, p->raster_width / p->style->scale,
                   p->raster_height / p->style->scale);
  cairo_fill (p->cr);
  cairo_restore (p->cr);
  g_clear_pointer (&p->raster, cairo_surface_destroy);
}

/* The bins of a drawing and, per bin, the doses per day of each colour group of the
 * medication panel (the last group gathers the rest). */
typedef struct
{
  GArray *bins;
  double *doses;               /* [bin * n_groups + group] */
  guint n_groups;
} Bins;

struct _PdChartCache
{
  /* Labels laid out once for the next drawings (shaping text was a fifth of a redraw),
   * for the font they were laid out in. */
  GHashTable *layouts;
  char *layouts_font;
  PdDailySeries *series;
  guint32 first_day;
  guint32 last_day;
  guint n_bins;
  double plot_x;
  double plot_width;
  Bins bins;
};

static void
bins_clear (Bins *bins)
{
  g_clear_pointer (&bins->bins, g_array_unref);
  g_clear_pointer (&bins->doses, g_free);
}

PdChartCache *
pd_chart_cache_new (void)
{
  return g_new0 (PdChartCache, 1);
}

void
pd_chart_cache_free (PdChartCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->series, pd_daily_series_unref);
  g_clear_pointer (&cache->layouts, g_hash_table_unref);
  g_free (cache->layouts_font);
  bins_clear (&cache->bins);
  g_free (cache);
}

/* The back and leg means of a bin's days, as mood's. */
static void
bin_back_leg (PdDailySeries *series,
              Bin           *bin)
{
  double back = 0, leg = 0;
  guint n_back = 0, n_leg = 0;

  for (guint32 d = bin->first; d < bin->end; d++)
    {
      const PdDay *day = pd_daily_series_get_day (series, d);

      if (day == NULL)
        continue;
      if (!isnan (day->back_pain_mean))
        back += day->back_pain_mean, n_back++;
      if (!isnan (day->leg_pain_mean))
        leg += day->leg_pain_mean, n_leg++;
    }
  bin->back_pain = n_back > 0 ? back / n_back : NAN;
  bin->leg_pain = n_leg > 0 ? leg / n_leg : NAN;
}

static void
compute_bins (const Painter *p,
              guint          n_bins,
              Bins          *out)
{
  const PdChartLayout *layout = &p->layout;
  PdDailySeries *series = p->data->series;
  guint n_medications = pd_daily_series_get_n_medications (series);
  guint n_groups = MIN (n_medications, PD_CHART_MAX_MEDICATION_COLOURS);
  GArray *bins = g_array_sized_new (FALSE, FALSE, sizeof (Bin), n_bins);
  double *doses = g_new0 (double, (gsize) n_bins * MAX (n_groups, 1));

  for (guint b = 0; b < n_bins; b++)
    {
      Bin bin = { 0 };
      double sum = 0, rolling = 0, sleep = 0, mood = 0;
      guint n = 0, n_rolling = 0, n_sleep = 0, n_mood = 0;
      double *groups = doses + (gsize) b * n_groups;

      bin.first = layout->first_day + (guint32) ((guint64) b * layout->n_days / n_bins);
      bin.end = layout->first_day + (guint32) ((guint64) (b + 1) * layout->n_days / n_bins);
      bin.x0 = layout->plot.x + (bin.first - layout->first_day) * layout->day_width;
      bin.x1 = layout->plot.x + (bin.end - layout->first_day) * layout->day_width;
      bin.min = 11;
      bin.max = -1;
      for (guint32 d = bin.first; d < bin.end; d++)
        {
          const PdDay *day = pd_daily_series_get_day (series, d);

          if (day == NULL)
            continue;
          if (day->n_entries > 0)
            {
              sum += day->pain_mean, n++;
              bin.min = MIN (bin.min, day->pain_min);
              bin.max = MAX (bin.max, day->pain_max);
            }
          if (!isnan (day->rolling_mean))
            rolling += day->rolling_mean, n_rolling++;
          if (!isnan (day->sleep_hours))
            sleep += day->sleep_hours, n_sleep++;
          if (!isnan (day->mood_mean))
            mood += day->mood_mean, n_mood++;
          bin.mme += day->mme;
          bin.activity += day->activity_minutes;
          bin.doses += day->n_doses;
          if (day->n_doses > 0)
            for (guint m = 0; m < n_medications; m++)
              groups[MIN (m, n_groups - 1)] += pd_daily_series_get_doses (series, d, m);
        }
      bin.mean = n > 0 ? sum / n : NAN;
      bin.rolling = n_rolling > 0 ? rolling / n_rolling : NAN;
      bin.sleep = n_sleep > 0 ? sleep / n_sleep : NAN;
      bin.mood = n_mood > 0 ? mood / n_mood : NAN;
      bin_back_leg (series, &bin);
      bin.mme /= bin.end - bin.first;
      bin.activity /= bin.end - bin.first;
      bin.doses /= bin.end - bin.first;
      for (guint g = 0; g < n_groups; g++)
        groups[g] /= bin.end - bin.first;
      g_array_append_val (bins, bin);
    }
  out->bins = bins;
  out->doses = doses;
  out->n_groups = n_groups;
}

/* A bin per day while there is room, else one per pixel column: from the cache when it holds
 * the same days at the same place. */
static void
make_bins (const Painter *p,
           Bins          *out)
{
  const PdChartLayout *layout = &p->layout;
  PdChartCache *cache = p->data->cache;
  guint columns = (guint) MAX (ceil (layout->plot.width * p->style->scale), 1);
  guint n_bins = MIN (layout->n_days, columns);

  if (cache != NULL && cache->series == p->data->series && cache->bins.bins != NULL &&
      cache->first_day == layout->first_day && cache->last_day == layout->last_day &&
      cache->n_bins == n_bins && cache->plot_x == layout->plot.x &&
      cache->plot_width == layout->plot.width)
    {
      *out = cache->bins;
      out->bins = g_array_ref (cache->bins.bins);
      out->doses = g_memdup2 (cache->bins.doses,
                              sizeof (double) * n_bins * MAX (cache->bins.n_groups, 1));
      return;
    }
  compute_bins (p, n_bins, out);
  if (cache == NULL)
    return;
  if (cache->series != p->data->series)
    {
      g_clear_pointer (&cache->series, pd_daily_series_unref);
      cache->series = pd_daily_series_ref (p->data->series);
    }
  bins_clear (&cache->bins);
  cache->first_day = layout->first_day;
  cache->last_day = layout->last_day;
  cache->n_bins = n_bins;
  cache->plot_x = layout->plot.x;
  cache->plot_width = layout->plot.width;
  cache->bins = *out;
  cache->bins.bins = g_array_ref (out->bins);
  cache->bins.doses = g_memdup2 (out->doses, sizeof (double) * n_bins * MAX (out->n_groups, 1));
}

/* 1, 2 or 5 times a power of ten, at least v. */
static double
nice_ceiling (double v)
{
  double power, fraction;

  if (v <= 0)
    return 1;
  power = pow (10, floor (log10 (v)));
  fraction = v / power;
  if (fraction <= 1 + 1e-9)
    return power;
  if (fraction <= 2 + 1e-9)
    return 2 * power;
  if (fraction <= 5 + 1e-9)
    return 5 * power;
  return 10 * power;
}

typedef enum
{
  ALIGN_LEFT,
  ALIGN_RIGHT,
  ALIGN_CENTRE,
} Align;

#define MAX_CACHED_LABELS 512

/* The cache's labels for font on cr's target, emptied when the font, the kind of target,
 * its scale or font options, or the transformation are others: what a layout depends on. */
static GHashTable *
cached_layouts (PdChartCache               *cache,
                cairo_t                    *cr,
                const PangoFontDescription *font)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autofree char *name = pango_font_description_to_string (font);
  g_autofree char *key = NULL;
  cairo_matrix_t matrix;
  double sx, sy;

  cairo_surface_get_font_options (target, options);
  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_scale (target, &sx, &sy);
  key = g_strdup_printf ("%s|%d|%g,%g|%lu|%g,%g,%g,%g", name, cairo_surface_get_type (target),
                         sx, sy, cairo_font_options_hash (options),
                         matrix.xx, matrix.yx, matrix.xy, matrix.yy);
  cairo_font_options_destroy (options);

  if (cache->layouts == NULL || g_strcmp0 (key, cache->layouts_font) != 0)
    {
      g_clear_pointer (&cache->layouts, g_hash_table_unref);
      cache->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_free (cache->layouts_font);
      cache->layouts_font = g_steal_pointer (&key);
    }
  return cache->layouts;
}

/* text laid out in the label font (from the cache when there is one) and its size. */
static PangoLayout *
label_layout (Painter    *p,
              const char *text,
              int        *width,
              int        *height)
{
  PangoLayout *layout = p->layouts != NULL ? g_hash_table_lookup (p->layouts, text) : NULL;

  if (layout == NULL && p->layouts != NULL && g_hash_table_size (p->layouts) < MAX_CACHED_LABELS)
    {
      layout = pango_cairo_create_layout (p->cr);
      pango_layout_set_font_description (layout, p->font);
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (p->layouts, g_strdup (text), layout);
    }
  if (layout == NULL)
    {
      layout = p->text;
      pango_layout_set_text (layout, text, -1);
    }
  pango_layout_get_pixel_size (layout, width, height);
  return layout;
}

/* Draws text with its left, right or centre at x and its vertical middle at y; returns
 * its width. */
static double
draw_text (Painter             *p,
           const char          *text,
           double               x,
           double               y,
           Align                align,
           const PdChartColour *colour)
{
  int width, height;
  PangoLayout *layout = label_layout (p, text, &width, &height);

  if (align == ALIGN_RIGHT)
    x -= width;
  else if (align == ALIGN_CENTRE)
    x -= width / 2.0;
  set_colour (p->cr, colour);
  cairo_move_to (p->cr, x, y - height / 2.0);
  pango_cairo_show_layout (p->cr, layout);
  return width;
}

static void
draw_hline (Painter             *p,
            const PdChartRect   *rect,
            double               y,
            const PdChartColour *colour)
{
  cairo_t *cr = p->cr;
  double w = hairline (p);

  y = snap (p, y) + w / 2;
  set_colour (cr, colour);
  cairo_set_line_width (cr, w);
  cairo_move_to (cr, rect->x, y);
  cairo_line_to (cr, rect->x + rect->width, y);
  cairo_stroke (cr);
}

/* A y-axis label and grid line at value (of 0..top) in rect. */
static void
draw_y_tick (Painter           *p,
             const PdChartRect *rect,
             double             value,
             double             top,
             gboolean           right_side)
{
  char label[32];
  double y = rect->y + rect->height * (1 - value / top);

  g_snprintf (label, sizeof label, "%.0f", value);
  if (!right_side)
    {
      draw_hline (p, rect, y, &p->style->grid);
      draw_text (p, label, rect->x - 0.4 * p->f, y, ALIGN_RIGHT, &p->style->dim_foreground);
    }
  else
    {
      draw_text (p, label, rect->x + rect->width + 0.4 * p->f, y, ALIGN_LEFT,
                 &p->style->mme);
    }
}

/* A legend item at x on the title row at y. */
static void
draw_legend_item (Painter          *p,
                  const LegendItem *item,
                  double            y)
{
  cairo_t *cr = p->cr;
  double s = 0.75 * p->f, x = item->x;

  /* A fresh path: the swatch must not join the text drawn before it (a stray line). */
  cairo_new_path (cr);
  set_colour (cr, item->colour);
  switch (item->swatch)
    {
    case SWATCH_BOX:
      cairo_rectangle (cr, x, y - s / 2, s, s);
      cairo_fill (cr);
      break;
    case SWATCH_LINE:
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + s * 1.4, y);
      cairo_stroke (cr);
      s *= 1.4;
      break;
    case SWATCH_DOT:
    default:
      cairo_arc (cr, x + s / 2, y, s / 3, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    }
  draw_text (p, item->label, x + s + 0.35 * p->f, y, ALIGN_LEFT, &p->style->dim_foreground);
}

/* A panel's title and its legend above rect, wrapped in the rows the layout gave it. */
static void
draw_legend (Painter           *p,
             const PdChartRect *rect,
             PdChartPanels      panel,
             guint              reserved_rows,
             gboolean           show_mme)
{
  LegendItem items[MAX_LEGEND_ITEMS];
  const char *title;
  guint n = legend_items (p->data, p->style, panel, show_mme, &title, items);
  double bottom_y = rect->y - TITLE_ROW * p->f / 2;
  guint rows;

  rows = flow_legend (p->measure, p->f, rect->x, p->layout.plot.x + p->layout.plot.width
                      + RIGHT_SPACE * p->f, title, items, n);
  rows = MAX (rows, reserved_rows);
  draw_text (p, title, rect->x, bottom_y - (rows - 1) * LEGEND_ROW * p->f, ALIGN_LEFT,
             &p->style->foreground);
  for (guint i = 0; i < n; i++)
    draw_legend_item (p, &items[i], bottom_y - (rows - 1 - items[i].row) * LEGEND_ROW * p->f);
}

/* Date axis */

typedef enum
{
  STEP_DAY,
  STEP_WEEK,
  STEP_MONTH,
  STEP_YEAR,
} StepUnit;

typedef struct
{
  StepUnit unit;
  guint count;
  double approx_days;
} Step;

static const Step steps[] = {
  { STEP_DAY, 1, 1 }, { STEP_DAY, 2, 2 }, { STEP_WEEK, 1, 7 }, { STEP_WEEK, 2, 14 },
  { STEP_MONTH, 1, 30.44 }, { STEP_MONTH, 3, 91.3 }, { STEP_MONTH, 6, 182.6 },
  { STEP_YEAR, 1, 365.25 }, { STEP_YEAR, 2, 730.5 }, { STEP_YEAR, 5, 1826 },
  { STEP_YEAR, 10, 3652 }, { STEP_YEAR, 20, 7305 }, { STEP_YEAR, 50, 18262 },
};

static const Step *
choose_step (const Painter *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].approx_days * p->layout.day_width >= TICK_SPACE * p->f)
      return &steps[i];
  return &steps[G_N_ELEMENTS (steps) - 1];
}

static gboolean
is_tick (const Step *step,
         guint32     julian)
{
  GDate date;

  /* Julian day 1 (1 January of year 1) was a Monday. */
  if (step->unit == STEP_DAY)
    return julian % step->count == 0;
  if (step->unit == STEP_WEEK)
    return (julian - 1) % 7 == 0 && ((julian - 1) / 7) % step->count == 0;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  if (g_date_get_day (&date) != 1)
    return FALSE;
  if (step->unit == STEP_MONTH)
    return (g_date_get_month (&date) - 1) % step->count == 0;
  return g_date_get_month (&date) == G_DATE_JANUARY && g_date_get_year (&date) % step->count == 0;
}

/* The next tick at or after julian, without visiting every day of a 40-year range. */
static guint32
next_tick (const Step *step,
           guint32     julian,
           guint32     last)
{
  GDate date;

  if (step->unit == STEP_DAY || step->unit == STEP_WEEK)
    {
      while (julian <= last && !is_tick (step, julian))
        julian++;
      return julian;
    }

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  if (g_date_get_day (&date) != 1)
    {
      g_date_set_day (&date, 1);
      g_date_add_months (&date, 1);
    }
  while (g_date_get_julian (&date) <= last && !is_tick (step, g_date_get_julian (&date)))
    g_date_add_months (&date, 1);
  return g_date_get_julian (&date);
}

static char *
format_tick (const Step *step,
             guint32     julian,
             gboolean    first)
{
  GDate date;
  g_autoptr(GDateTime) time = NULL;
  const char *format;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  switch (step->unit)
    {
    case STEP_DAY:
    case STEP_WEEK:
      /* Translators: a date axis label, strftime format: day and abbreviated month. */
      format = C_("chart axis", "%e %b");
      break;
    case STEP_MONTH:
      format = first || g_date_get_month (&date) == G_DATE_JANUARY
               /* Translators: a date axis label: abbreviated month and year. */
               ? C_("chart axis", "%b %Y")
               /* Translators: a date axis label: abbreviated month. */
               : C_("chart axis", "%b");
      break;
    case STEP_YEAR:
    default:
      format = "%Y";
      break;
    }
  return g_strstrip (g_date_time_format (time, format));
}

static void
draw_date_axis (Painter *p)
{
  const PdChartLayout *layout = &p->layout;
  const Step *step = choose_step (p);
  cairo_t *cr = p->cr;
  double top = layout->pain.height > 0 ? layout->pain.y
               : layout->medication.height > 0 ? layout->medication.y : layout->activity.y;
  double bottom = layout->plot.y + layout->plot.height;
  double label_y = bottom + AXIS_ROW * p->f / 2;
  double w = hairline (p);
  double previous_end = -G_MAXDOUBLE;
  gboolean first = TRUE;

  cairo_set_line_width (cr, w);
  set_colour (cr, &p->style->grid);
  for (guint32 day = next_tick (step, layout->first_day, layout->last_day);
       day <= layout->last_day;
       day = next_tick (step, day + 1, layout->last_day))
    {
      double x = snap (p, layout->plot.x + (day - layout->first_day) * layout->day_width) + w / 2;
      g_autofree char *label = format_tick (step, day, first);
      int width, height;

      set_colour (cr, &p->style->grid);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);

      label_layout (p, label, &width, &height);
      if (x - width / 2.0 < previous_end + 0.5 * p->f ||
          x + width / 2.0 > layout->plot.x + layout->plot.width + RIGHT_SPACE * p->f)
        continue;
      draw_text (p, label, x, label_y, ALIGN_CENTRE, &p->style->dim_foreground);
      previous_end = x + width / 2.0;
      first = FALSE;
    }
}

/* A line through ys (one y per bin, NAN breaks it). While bins are a pixel column or two
 * wide, each column is filled as one box spanning its y and the previous one: the same
 * picture as a stroke, at a fraction of the cost of stroking thousands of segments. */
/* Where a day's bar goes: the whole column while days are narrow, else the column's middle
 * three fifths, no wider than 2.4 font sizes (one day over a whole chart). The same for
 * the range band, the dose bars and the activity bars, so that they line up. */
static void
bar_span (const Painter *p,
          const Bin     *bin,
          double        *x0,
          double        *x1)
{
  double width = bin->x1 - bin->x0, bar = width, middle = (bin->x0 + bin->x1) / 2;

  if (width > 4)
    bar = MIN (width * 0.6, 2.4 * p->f);
  *x0 = snap (p, middle - bar / 2);
  *x1 = snap (p, middle + bar / 2);
}

static void
draw_series_line (Painter             *p,
                  const GArray        *bins,
                  const double        *ys,
                  double               line_width,
                  const PdChartColour *colour)
{
  cairo_t *cr = p->cr;
  gboolean dense = p->layout.day_width * p->style->scale < 3;
  gboolean drawing = FALSE;

  cairo_save (cr);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (dense)
    boxes_begin (p, colour);
  else
    set_colour (cr, colour);
  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);
      double y = ys[i];

      if (isnan (y))
        {
          drawing = FALSE;
          continue;
        }
      if (dense)
        {
          double x0 = snap (p, bin->x0), x1 = MAX (snap (p, bin->x1), x0 + hairline (p));
          double low = drawing ? MIN (y, ys[i - 1]) : y, high = drawing ? MAX (y, ys[i - 1]) : y;
          double y0 = snap (p, low - line_width / 2), y1 = snap (p, high + line_width / 2);

          boxes_add (p, x0, y0, x1 - x0, MAX (y1 - y0, hairline (p)));
        }
      else if (drawing)
        {
          cairo_line_to (cr, (bin->x0 + bin->x1) / 2, y);
        }
      else if (i + 1 == bins->len || isnan (ys[i + 1]))
        {
          /* A lone day (a one-day diary, a day between gaps): a dash as wide as its bar,
           * where a line would have nothing to join. */
          double x0, x1;

          bar_span (p, bin, &x0, &x1);
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, MAX (x1, x0 + line_width), y);
          continue;
        }
      else
        {
          cairo_move_to (cr, (bin->x0 + bin->x1) / 2, y);
        }
      drawing = TRUE;
    }
  if (dense)
    boxes_end (p);
  else
    cairo_stroke (cr);
  cairo_restore (cr);
}

/* Back and leg pain: dashed lines on pain's own 0-10, told apart by colour and dash. */
static void
draw_back_leg_overlay (Painter      *p,
                       const GArray *bins,
                       gboolean      back)
{
  const PdChartLayout *layout = &p->layout;
  const PdChartColour *colour = back ? &p->style->back_pain : &p->style->leg_pain;
  g_autofree double *ys = g_new (double, bins->len);
  double back_dashes[] = { 9, 3 };
  double leg_dashes[] = { 2, 2 };
  cairo_t *cr = p->cr;

  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);
      double value = back ? bin->back_pain : bin->leg_pain;

      ys[i] = isnan (value) ? NAN : pd_chart_pain_to_y (layout, value);
    }
  if (back)
    cairo_set_dash (cr, back_dashes, G_N_ELEMENTS (back_dashes), 0);
  else
    cairo_set_dash (cr, leg_dashes, G_N_ELEMENTS (leg_dashes), 0);
  draw_series_line (p, bins, ys, 1.5, colour);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Sleep or mood over the pain panel: a line broken at days without a value, and a mark on
 * each day while days are wide enough, so that a lone day shows too. Sleep has its scale on
 * the right; mood shares pain's 0-10. */
static void
draw_overlay (Painter      *p,
              const GArray *bins,
              gboolean      sleep)
{
  const PdChartLayout *layout = &p->layout;
  const PdChartColour *colour = sleep ? &p->style->sleep : &p->style->mood;
  g_autofree double *ys = g_new (double, bins->len);
  double dashes[] = { 5, 3 };
  double r = MIN (layout->day_width * 0.25, 0.25 * p->f);
  cairo_t *cr = p->cr;

  /* The top tick only where the pain legend leaves it room. */
  if (sleep)
    for (double hours = 0; hours <= PD_CHART_SLEEP_TOP - (layout->plot.width < 60 * p->f ? 4 : 0);
         hours += 4)
      {
        char label[32];

        /* Translators: a tick of the sleep scale, in hours. */
        g_snprintf (label, sizeof label, _("%.0f h"), hours);
        draw_text (p, label, layout->pain.x + layout->pain.width + 0.4 * p->f,
                   pd_chart_sleep_to_y (layout, hours), ALIGN_LEFT, colour);
      }

  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);
      double value = sleep ? bin->sleep : bin->mood;

      ys[i] = isnan (value) ? NAN
              : sleep ? pd_chart_sleep_to_y (layout, value) : pd_chart_pain_to_y (layout, value);
    }
  if (!sleep)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  draw_series_line (p, bins, ys, 1.5, colour);
  cairo_set_dash (cr, NULL, 0, 0);

  if (r < 1.5 || p->pixels != NULL)
    return;
  set_colour (cr, colour);
  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);
      double cx = (bin->x0 + bin->x1) / 2;

      if (isnan (ys[i]))
        continue;
      if (sleep)
        {
          cairo_rectangle (cr, cx - r, ys[i] - r, 2 * r, 2 * r);
        }
      else
        {
          cairo_move_to (cr, cx, ys[i] - r * 1.3);
          cairo_line_to (cr, cx + r * 1.3, ys[i]);
          cairo_line_to (cr, cx, ys[i] + r * 1.3);
          cairo_line_to (cr, cx - r * 1.3, ys[i]);
          cairo_close_path (cr);
        }
    }
  cairo_fill (cr);
}

/* Panels */

static void
draw_pain_panel (Painter      *p,
                 const GArray *bins)
{
  const PdChartLayout *layout = &p->layout;
  const PdChartStyle *style = p->style;
  cairo_t *cr = p->cr;
  double r;

  draw_legend (p, &layout->pain, PD_CHART_PANEL_PAIN, layout->legend_rows[0], FALSE);

  for (int value = 0; value <= 10; value += 2)
    draw_y_tick (p, &layout->pain, value, 10, FALSE);

  /* Min-max band: one rectangle per day or column, inset while days are wide. The boxes lie
   * on the pixel grid, where cairo fills them fastest without antialiasing. */
  boxes_begin (p, &style->pain_band);
  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);
      double x0, x1, y0, y1;

      if (isnan (bin->mean))
        continue;
      bar_span (p, bin, &x0, &x1);
      y0 = snap (p, pd_chart_pain_to_y (layout, bin->max));
      y1 = snap (p, pd_chart_pain_to_y (layout, bin->min));
      if (y1 - y0 < hairline (p) * 2)
        y0 -= hairline (p), y1 += hairline (p);
      boxes_add (p, x0, y0, MAX (x1 - x0, hairline (p)), y1 - y0);
    }
  boxes_end (p);

  /* The rolling mean, broken where its window holds no data. */
  {
    g_autofree double *ys = g_new (double, bins->len);

    for (guint i = 0; i < bins->len; i++)
      {
        double value = g_array_index (bins, Bin, i).rolling;
        ys[i] = isnan (value) ? NAN : pd_chart_pain_to_y (layout, value);
      }
    draw_series_line (p, bins, ys, 2, &style->rolling_mean);
  }

  if (p->data->overlays & PD_CHART_OVERLAY_SLEEP)
    draw_overlay (p, bins, TRUE);
  if (p->data->overlays & PD_CHART_OVERLAY_MOOD)
    draw_overlay (p, bins, FALSE);
  if (p->data->overlays & PD_CHART_OVERLAY_BACK_LEG)
    {
      draw_back_leg_overlay (p, bins, TRUE);
      draw_back_leg_overlay (p, bins, FALSE);
    }

  /* Mean points on top: round dots while days are wide, small squares when dense. */
  r = MIN (layout->day_width * 0.3, 0.28 * p->f);
  if (r >= 1.5)
    set_colour (cr, &style->pain_mean);
  else
    boxes_begin (p, &style->pain_mean);
  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);
      double cx = (bin->x0 + bin->x1) / 2;
      double cy;

      if (isnan (bin->mean))
        continue;
      cy = pd_chart_pain_to_y (layout, bin->mean);
      if (r >= 1.5)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
        }
      else
        {
          double x0 = snap (p, bin->x0), x1 = MAX (snap (p, bin->x1), x0 + hairline (p));

          /* Square, like the legend's dot, not a dash. */
          double h = MAX (2, MIN (x1 - x0, 2 * 0.28 * p->f));

          boxes_add (p, x0, snap (p, cy - h / 2), x1 - x0, h);
        }
    }
  if (r >= 1.5)
    cairo_fill (cr);
  else
    boxes_end (p);
}

/* Bars from the panel's bottom; width from the bin, with a gap while days are wide. */
static void
add_bar (Painter           *p,
         const PdChartRect *rect,
         const Bin         *bin,
         double             from,
         double             to,
         double             top)
{
  double x0, x1;
  double bottom = rect->y + rect->height;
  double y0 = snap (p, bottom - rect->height * MIN (to, top) / top);
  double y1 = snap (p, bottom - rect->height * MIN (from, top) / top);

  bar_span (p, bin, &x0, &x1);
  if (y1 > y0)
    boxes_add (p, x0, y0, MAX (x1 - x0, hairline (p)), y1 - y0);
}

static void
draw_medication_panel (Painter    *p,
                       const Bins *all)
{
  const PdChartLayout *layout = &p->layout;
  const PdChartRect *rect = &layout->medication;
  const PdChartStyle *style = p->style;
  const GArray *bins = all->bins;
  PdDailySeries *series = p->data->series;
  guint n_medications = pd_daily_series_get_n_medications (series);
  guint n_groups = all->n_groups;
  g_autofree double *base = g_new0 (double, bins->len);
  double top = 0, mme_top = 0;
  gboolean show_mme;

  /* Scales from what is visible. */
  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);

      top = MAX (top, bin->doses);
      mme_top = MAX (mme_top, bin->mme);
    }
  top = nice_ceiling (top);
  show_mme = mme_top > 0;
  mme_top = nice_ceiling (mme_top);

  draw_legend (p, rect, PD_CHART_PANEL_MEDICATION, layout->legend_rows[1], show_mme);

  draw_y_tick (p, rect, 0, top, FALSE);
  draw_y_tick (p, rect, top, top, FALSE);
  if (n_medications == 0)
    draw_text (p, _("No doses logged"), rect->x + rect->width / 2, rect->y + rect->height / 2,
               ALIGN_CENTRE, &style->dim_foreground);

  for (guint g = 0; g < n_groups; g++)
    {
      boxes_begin (p, &style->medication[g]);
      for (guint i = 0; i < bins->len; i++)
        {
          const Bin *bin = &g_array_index (bins, Bin, i);
          double count = all->doses[(gsize) i * n_groups + g];

          if (count > 0)
            add_bar (p, rect, bin, base[i], base[i] + count, top);
          base[i] += count;
        }
      boxes_end (p);
    }

  if (show_mme)
    {
      draw_y_tick (p, rect, 0, mme_top, TRUE);
      draw_y_tick (p, rect, mme_top, mme_top, TRUE);
      g_autofree double *ys = g_new (double, bins->len);

      for (guint i = 0; i < bins->len; i++)
        ys[i] = rect->y + rect->height * (1 - g_array_index (bins, Bin, i).mme / mme_top);
      draw_series_line (p, bins, ys, 2, &style->mme);
    }
}

static void
draw_activity_panel (Painter      *p,
                     const GArray *bins)
{
  const PdChartRect *rect = &p->layout.activity;
  double top = 0;

  for (guint i = 0; i < bins->len; i++)
    top = MAX (top, g_array_index (bins, Bin, i).activity);
  top = nice_ceiling (top);

  draw_legend (p, rect, PD_CHART_PANEL_ACTIVITY, p->layout.legend_rows[2], FALSE);
  draw_y_tick (p, rect, 0, top, FALSE);
  draw_y_tick (p, rect, top, top, FALSE);

  boxes_begin (p, &p->style->activity);
  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);

      if (bin->activity > 0)
        add_bar (p, rect, bin, 0, bin->activity, top);
    }
  boxes_end (p);
}

static void
draw_events (Painter *p)
{
  const PdChartLayout *layout = &p->layout;
  const PdDayEvent *events;
  guint n_events, n_rows;
  cairo_t *cr = p->cr;
  const PdChartRect *panels[] = { &layout->pain, &layout->medication, &layout->activity };
  double top = layout->plot.y, row_height = EVENT_ROW * p->f;
  double dashes[] = { 4, 3 };
  g_autofree int *rows = NULL;
  g_autofree double *starts = NULL;

  events = pd_daily_series_get_events (p->data->series, &n_events);
  rows = g_new (int, n_events + 1);
  starts = g_new (double, n_events + 1);
  event_rows (p->measure, layout, p->data, p->f, rows, starts);
  n_rows = MAX (layout->event_rows, 1);
  pango_layout_set_width (p->text, (int) (MIN (EVENT_TITLE * p->f, layout->plot.width * 0.45)
                                          * PANGO_SCALE));
  pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_END);
  for (guint i = 0; i < n_events; i++)
    {
      const PdDayEvent *event = &events[i];
      double x, row_y;
      int width, height;

      if (event->day < layout->first_day || event->day > layout->last_day)
        continue;
      x = snap (p, pd_chart_day_to_x (layout, event->day)) + hairline (p) / 2;
      set_colour (cr, &p->style->event);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      /* Through the panels, not across their titles and legends. */
      cairo_new_path (cr);
      for (guint k = 0; k < G_N_ELEMENTS (panels); k++)
        if (panels[k]->height > 0)
          {
            cairo_move_to (cr, x, panels[k]->y);
            cairo_line_to (cr, x, panels[k]->y + panels[k]->height);
          }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* A title with no row left is named by the hover and the list under the chart. */
      if (rows[i] < 0)
        continue;
      row_y = top - row_height * (n_rows - rows[i]) + row_height / 2;
      cairo_move_to (cr, x, row_y - row_height * 0.42);
      cairo_line_to (cr, x, top);
      cairo_stroke (cr);

      pango_layout_set_text (p->text, event->title, -1);
      pango_layout_get_pixel_size (p->text, &width, &height);
      set_colour (cr, &p->style->foreground);
      cairo_move_to (cr, starts[i], row_y - height / 2.0);
      pango_cairo_show_layout (cr, p->text);
      cairo_new_path (cr);
    }
  pango_layout_set_width (p->text, -1);
  pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_NONE);
}

double
pd_chart_sleep_to_y (const PdChartLayout *layout,
                     double               hours)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->pain.y + layout->pain.height * (1.0 - MIN (hours, PD_CHART_SLEEP_TOP) /
                                                       PD_CHART_SLEEP_TOP);
}

void
pd_chart_draw (cairo_t            *cr,
               int                 width,
               int                 height,
               const PdChartData  *data,
               const PdChartStyle *style)
{
  Painter p = { 0 };
  g_autoptr(PangoFontDescription) font = NULL;
  Bins bins = { 0 };
  PdChartPanels panels;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL && data->series != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  set_colour (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  p.cr = cr;
  p.data = data;
  p.style = style;
  p.f = style->font_size;
  pd_chart_layout_compute (&p.layout, width, height, data, style);
  p.text = pango_cairo_create_layout (cr);
  font = pango_font_description_new ();
  pango_font_description_set_family (font, style->font_family ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (font, 0.85 * style->font_size * PANGO_SCALE);
  pango_layout_set_font_description (p.text, font);
  p.font = font;
  p.measure = measure_new (style);
  if (data->cache != NULL)
    p.layouts = cached_layouts (data->cache, cr, font);

  make_bins (&p, &bins);
  panels = panels_of (data);
  draw_date_axis (&p);
  raster_begin (&p);
  if (panels & PD_CHART_PANEL_PAIN)
    draw_pain_panel (&p, bins.bins);
  if (panels & PD_CHART_PANEL_MEDICATION)
    draw_medication_panel (&p, &bins);
  if (panels & PD_CHART_PANEL_ACTIVITY)
    draw_activity_panel (&p, bins.bins);
  raster_end (&p);
  if (data->show_events)
    draw_events (&p);

  bins_clear (&bins);
  g_object_unref (p.text);
  g_object_unref (p.measure);
  cairo_restore (cr);
}

/* Text */

/* "3 March" or "3 March 2026" */
static char *
format_date (guint32  julian,
             gboolean with_year)
{
  GDate date;
  char text[128];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  /* Translators: a date in the chart's summary, strftime format: "3 March 2026". */
  if (g_date_strftime (text, sizeof text, with_year ? C_("chart summary", "%e %B %Y")
                                                    /* Translators: "3 March". */
                                                    : C_("chart summary", "%e %B"),
                       &date) == 0)
    return g_strdup ("?");
  return g_strdup (g_strstrip (text));
}

/* How the visible days are named: "the last 30 days" while they end today, else their
 * dates. */
static char *
describe_pain (const PdChartData *data,
               guint32            first,
               guint32            last)
{
  gboolean recent = last == (data->today != 0 ? data->today
                                              : pd_daily_series_get_last_day (data->series));
  guint n = last - first + 1, n_days, n_before;
  double mean, before;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDate a, b;

  mean = pd_daily_series_mean_pain (data->series, first, last, &n_days);
  before = first > n ? pd_daily_series_mean_pain (data->series, first - n, first - 1, &n_before)
                     : NAN;
  if (recent)
    {
      if (n_days == 0)
        return g_strdup_printf (ngettext ("No pain entries in the last %u day.",
                                          "No pain entries in the last %u days.", n), n);
      if (isnan (before))
        return g_strdup_printf (ngettext ("Over the last %u day pain averaged %.1f.",
                                          "Over the last %u days pain averaged %.1f.", n), n, mean);
      if (fabs (mean - before) < 0.05)
        return g_strdup_printf (ngettext ("Over the last %u day pain averaged %.1f, the same as "
                                          "in the %u day before.",
                                          "Over the last %u days pain averaged %.1f, the same as "
                                          "in the %u days before.", n), n, mean, n);
      if (mean < before)
        return g_strdup_printf (ngettext ("Over the last %u day pain averaged %.1f, down from "
                                          "%.1f in the %u day before.",
                                          "Over the last %u days pain averaged %.1f, down from "
                                          "%.1f in the %u days before.", n), n, mean, before, n);
      return g_strdup_printf (ngettext ("Over the last %u day pain averaged %.1f, up from %.1f "
                                        "in the %u day before.",
                                        "Over the last %u days pain averaged %.1f, up from %.1f "
                                        "in the %u days before.", n), n, mean, before, n);
    }

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_julian (&a, first);
  g_date_set_julian (&b, last);
  from = format_date (first, g_date_get_year (&a) != g_date_get_year (&b));
  to = format_date (last, TRUE);
  if (first == last && n_days > 0)
    {
      if (isnan (before))
        /* Translators: the summary of a one-day chart: "On 3 March 2026 pain averaged 5.2." */
        return g_strdup_printf (_("On %s pain averaged %.1f."), to, mean);
      /* Translators: "On 3 March 2026 pain averaged 5.2; the day before, 6.0." */
      return g_strdup_printf (_("On %s pain averaged %.1f; the day before, %.1f."), to, mean, before);
    }
  if (n_days == 0)
    /* Translators: "No pain entries from 3 March to 1 April 2026." */
    return g_strdup_printf (_("No pain entries from %s to %s."), from, to);
  if (isnan (before))
    /* Translators: "From 3 March to 1 April 2026 pain averaged 5.2." */
    return g_strdup_printf (_("From %s to %s pain averaged %.1f."), from, to, mean);
  if (fabs (mean - before) < 0.05)
    return g_strdup_printf (ngettext ("From %s to %s pain averaged %.1f, the same as in the %u "
                                      "day before.",
                                      "From %s to %s pain averaged %.1f, the same as in the %u "
                                      "days before.", n), from, to, mean, n);
  if (mean < before)
    return g_strdup_printf (ngettext ("From %s to %s pain averaged %.1f, down from %.1f in the "
                                      "%u day before.",
                                      "From %s to %s pain averaged %.1f, down from %.1f in the "
                                      "%u days before.", n), from, to, mean, before, n);
  return g_strdup_printf (ngettext ("From %s to %s pain averaged %.1f, up from %.1f in the %u "
                                    "day before.",
                                    "From %s to %s pain averaged %.1f, up from %.1f in the %u "
                                    "days before.", n), from, to, mean, before, n);
}

static void
describe_back_leg (const PdChartData *data,
                   guint32            first,
                   guint32            last,
                   GString           *text)
{
  double back = 0, leg = 0;
  guint n_back = 0, n_leg = 0;

  for (guint32 d = first; d <= last; d++)
    {
      const PdDay *day = pd_daily_series_get_day (data->series, d);

      if (day == NULL)
        continue;
      if (!isnan (day->back_pain_mean))
        back += day->back_pain_mean, n_back++;
      if (!isnan (day->leg_pain_mean))
        leg += day->leg_pain_mean, n_leg++;
    }
  if (n_back > 0)
    g_string_append_printf (text, ngettext (" Back pain averaged %.1f on the %u day that gives it.",
                                            " Back pain averaged %.1f on the %u days that give it.",
                                            n_back), back / n_back, n_back);
  else
    g_string_append (text, _(" No back pain logged."));
  if (n_leg > 0)
    g_string_append_printf (text, ngettext (" Leg pain averaged %.1f on the %u day that gives it.",
                                            " Leg pain averaged %.1f on the %u days that give it.",
                                            n_leg), leg / n_leg, n_leg);
  else
    g_string_append (text, _(" No leg pain logged."));
}

/* The overlays' sentence: means over the days that give a value. */
static char *
describe_overlays (const PdChartData *data,
                   guint32            first,
                   guint32            last)
{
  double sleep = 0, mood = 0;
  guint n_sleep = 0, n_mood = 0;
  GString *text = g_string_new (NULL);

  for (guint32 d = first; d <= last; d++)
    {
      const PdDay *day = pd_daily_series_get_day (data->series, d);

      if (day == NULL)
        continue;
      if (!isnan (day->sleep_hours))
        sleep += day->sleep_hours, n_sleep++;
      if (!isnan (day->mood_mean))
        mood += day->mood_mean, n_mood++;
    }
  if (data->overlays & PD_CHART_OVERLAY_SLEEP)
    {
      if (n_sleep > 0)
        g_string_append_printf (text, ngettext (" Sleep averaged %.1f hours on the %u day that "
                                                "gives it.",
                                                " Sleep averaged %.1f hours on the %u days that "
                                                "give it.", n_sleep), sleep / n_sleep, n_sleep);
      else
        g_string_append (text, _(" No sleep logged."));
    }
  if (data->overlays & PD_CHART_OVERLAY_MOOD)
    {
      if (n_mood > 0)
        g_string_append_printf (text, ngettext (" Mood averaged %.1f on the %u day that gives it.",
                                                " Mood averaged %.1f on the %u days that give it.",
                                                n_mood), mood / n_mood, n_mood);
      else
        g_string_append (text, _(" No mood logged."));
    }
  if (data->overlays & PD_CHART_OVERLAY_BACK_LEG)
    describe_back_leg (data, first, last, text);
  return g_string_free (text, FALSE);
}

char *
pd_chart_describe (const PdChartData *data)
{
  g_autofree char *pain = NULL;
  g_autofree char *overlays = NULL;
  guint32 first, last;

  g_return_val_if_fail (data != NULL && data->series != NULL, NULL);

  visible_range (data, &first, &last);
  pain = describe_pain (data, first, last);
  if (data->overlays == 0)
    return g_steal_pointer (&pain);
  overlays = describe_overlays (data, first, last);
  return g_strconcat (pain, overlays, NULL);
}

char *
pd_chart_describe_day (const PdChartData   *data,
                       const PdChartLayout *layout,
                       double               x)
{
  GString *text;
  const PdDay *day;
  guint32 julian;
  GDate date;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *heading = NULL;
  const PdDayEvent *events;
  guint n_events;

  g_return_val_if_fail (data != NULL && data->series != NULL, NULL);
  g_return_val_if_fail (layout != NULL, NULL);

  if (!pd_chart_x_to_day (layout, x, &julian) ||
      (day = pd_daily_series_get_day (data->series, julian)) == NULL)
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  /* Translators: the heading of a day's values, strftime format. */
  heading = g_date_time_format (time, C_("chart hover", "%A %-e %B %Y"));
  text = g_string_new (heading);

  if (day->n_entries == 0)
    g_string_append_printf (text, "\n%s", _("No pain entries"));
  else
    g_string_append_printf (text, ngettext ("\nPain %.1f (%d–%d), %u entry",
                                            "\nPain %.1f (%d–%d), %u entries", day->n_entries),
                            day->pain_mean, day->pain_min, day->pain_max, day->n_entries);
  if (!isnan (day->rolling_mean))
    g_string_append_printf (text, _("\n7-day mean %.1f"), day->rolling_mean);
  if (!isnan (day->sleep_hours))
    g_string_append_printf (text, _("\nSleep %.1f hours"), day->sleep_hours);
  if (!isnan (day->mood_mean))
    g_string_append_printf (text, _("\nMood %.1f"), day->mood_mean);
  if (!isnan (day->back_pain_mean))
    g_string_append_printf (text, _("\nBack pain %.1f"), day->back_pain_mean);
  if (!isnan (day->leg_pain_mean))
    g_string_append_printf (text, _("\nLeg pain %.1f"), day->leg_pain_mean);
  if (day->n_doses > 0)
    g_string_append_printf (text, ngettext ("\n%u dose", "\n%u doses", day->n_doses),
                            day->n_doses);
  if (day->mme > 0)
    g_string_append_printf (text, _("\nOpioids %.0f MME"), day->mme);
  if (day->activity_minutes > 0)
    g_string_append_printf (text, ngettext ("\nActivity %u minute", "\nActivity %u minutes",
                                            day->activity_minutes), day->activity_minutes);
  events = pd_daily_series_get_events (data->series, &n_events);
  for (guint i = 0; i < n_events; i++)
    if (events[i].day == julian)
      g_string_append_printf (text, "\n%s", events[i].title);
  return g_string_free (text, FALSE);
}

char *
pd_chart_describe_events (const PdChartData *data)
{
  const PdDayEvent *events;
  guint n_events;
  guint32 first, last;
  GString *text = NULL;

  g_return_val_if_fail (data != NULL && data->series != NULL, NULL);

  visible_range (data, &first, &last);
  events = pd_daily_series_get_events (data->series, &n_events);
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *date = NULL;

      if (events[i].day < first || events[i].day > last)
        continue;
      date = format_date (events[i].day, TRUE);
      if (text == NULL)
        /* Translators: the start of the list of treatment events under the chart. */
        text = g_string_new (_("Events:"));
      /* Translators: an event in the list under the chart: "3 March 2026: Epidural injection" */
      g_string_append_printf (text, _("\n%s: %s"), date, events[i].title);
    }
  return text != NULL ? g_string_free (text, FALSE) : NULL;
}
