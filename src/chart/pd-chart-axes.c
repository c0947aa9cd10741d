/* pd-chart-axes.c: text, grid lines, the y-axis ticks, the panels' titles and
 * legends, and the date axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "pd-chart-private.h"

/* 1, 2 or 5 times a power of ten, at least v. */
double
_pd_chart_nice_ceiling (double v)
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


#define MAX_CACHED_LABELS 512

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
double
_pd_chart_draw_text (Painter             *p,
                     const char          *text,
                     double               x,
                     double               y,
                     double               align,
                     const PdChartColour *colour)
{
  return _pd_chart_show_text (p->cr, label_layout (p, text, NULL, NULL), NULL, x, y, align, colour);
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
  _pd_chart_set_colour (cr, colour);
  cairo_set_line_width (cr, w);
  cairo_move_to (cr, rect->x, y);
  cairo_line_to (cr, rect->x + rect->width, y);
  cairo_stroke (cr);
}

/* A y-axis label and grid line at value (of 0..top) in rect. */
void
_pd_chart_draw_y_tick (Painter           *p,
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
      _pd_chart_draw_text (p, label, rect->x - 0.4 * p->f, y, ALIGN_RIGHT,
                           &p->style->dim_foreground);
    }
  else
    {
      _pd_chart_draw_text (p, label, rect->x + rect->width + 0.4 * p->f, y, ALIGN_LEFT,
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
  _pd_chart_set_colour (cr, item->colour);
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
  _pd_chart_draw_text (p, item->label, x + s + 0.35 * p->f, y, ALIGN_LEFT,
                       &p->style->dim_foreground);
}

/* A panel's title and its legend above rect, wrapped in the rows the layout gave it. */
void
_pd_chart_draw_legend (Painter           *p,
                       const PdChartRect *rect,
                       PdChartPanels      panel,
                       guint              reserved_rows,
                       gboolean           show_mme)
{
  Legend legend;
  LegendSpec spec = { p->data, p->style, panel, show_mme, rect->x,
                      p->layout.plot.x + p->layout.plot.width + RIGHT_SPACE * p->f };
  double bottom_y = rect->y - TITLE_ROW * p->f / 2;
  guint rows;

  _pd_chart_legend_place (&legend, p->measure, &spec);
  rows = MAX (legend.n_rows, reserved_rows);
  _pd_chart_draw_text (p, legend.title, rect->x, bottom_y - (rows - 1) * LEGEND_ROW * p->f,
                       ALIGN_LEFT, &p->style->foreground);
  for (guint i = 0; i < legend.n_items; i++)
    draw_legend_item (p, &legend.items[i],
                      bottom_y - (rows - 1 - legend.items[i].row) * LEGEND_ROW * p->f);
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

void
_pd_chart_draw_date_axis (Painter *p)
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
  _pd_chart_set_colour (cr, &p->style->grid);
  for (guint32 day = next_tick (step, layout->first_day, layout->last_day);
       day <= layout->last_day;
       day = next_tick (step, day + 1, layout->last_day))
    {
      double x = snap (p, layout->plot.x + (day - layout->first_day) * layout->day_width) + w / 2;
      g_autofree char *label = format_tick (step, day, first);
      int width, height;

      _pd_chart_set_colour (cr, &p->style->grid);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);

      label_layout (p, label, &width, &height);
      if (x - width / 2.0 < previous_end + 0.5 * p->f ||
          x + width / 2.0 > layout->plot.x + layout->plot.width + RIGHT_SPACE * p->f)
        continue;
      _pd_chart_draw_text (p, label, x, label_y, ALIGN_CENTRE, &p->style->dim_foreground);
      previous_end = x + width / 2.0;
      first = FALSE;
    }
}
