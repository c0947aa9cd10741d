/* pd-heatmap-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-heatmap-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pd-chart-draw.h"
#include "pd-heatmap-chart.h"

/* In multiples of the font size. */
#define LEFT_SPACE   3.4
#define TOP_SPACE    1.6
#define LEGEND_SPACE 2.4
#define RIGHT_SPACE  0.8

void
pd_heatmap_chart_layout (PdHeatmapLayout    *layout,
                         int                 width,
                         int                 height,
                         guint               first_weekday,
                         const PdChartStyle *style)
{
  double f;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (style != NULL);

  f = style->font_size;
  layout->first_weekday = first_weekday % PD_HEATMAP_WEEKDAYS;
  layout->grid = (PdChartRect) { LEFT_SPACE * f, TOP_SPACE * f,
                                 MAX (width - (LEFT_SPACE + RIGHT_SPACE) * f, PD_HEATMAP_BINS),
                                 MAX (height - (TOP_SPACE + LEGEND_SPACE) * f,
                                      PD_HEATMAP_WEEKDAYS) };
  layout->cell_width = layout->grid.width / PD_HEATMAP_BINS;
  layout->cell_height = layout->grid.height / PD_HEATMAP_WEEKDAYS;
  layout->show_values = layout->cell_width >= 2.4 * f && layout->cell_height >= 1.3 * f;
}

void
pd_heatmap_chart_cell (const PdHeatmapLayout *layout,
                       guint                  weekday,
                       guint                  bin,
                       PdChartRect           *rect)
{
  guint row;

  g_return_if_fail (layout != NULL && rect != NULL);

  row = (weekday + PD_HEATMAP_WEEKDAYS - layout->first_weekday) % PD_HEATMAP_WEEKDAYS;
  *rect = (PdChartRect) { layout->grid.x + bin * layout->cell_width,
                          layout->grid.y + row * layout->cell_height,
                          layout->cell_width, layout->cell_height };
}

gboolean
pd_heatmap_chart_cell_at (const PdHeatmapLayout *layout,
                          double                 x,
                          double                 y,
                          guint                 *weekday,
                          guint                 *bin)
{
  double column, row;

  g_return_val_if_fail (layout != NULL, FALSE);

  column = floor ((x - layout->grid.x) / layout->cell_width);
  row = floor ((y - layout->grid.y) / layout->cell_height);
  if (column < 0 || column >= PD_HEATMAP_BINS || row < 0 || row >= PD_HEATMAP_WEEKDAYS)
    return FALSE;
  if (weekday != NULL)
    *weekday = ((guint) row + layout->first_weekday) % PD_HEATMAP_WEEKDAYS;
  if (bin != NULL)
    *bin = (guint) column;
  return TRUE;
}

void
pd_heatmap_chart_colour (const PdChartStyle *style,
                         double              mean,
                         PdChartColour      *colour)
{
  double v = CLAMP (mean, 0, 10) / 10;

  g_return_if_fail (style != NULL && colour != NULL);

  /* More pain, darker, in the dark style too: one ramp, read the same way in both; on a
   * dark background it stops at a purple that still stands out from it. */
  _pd_chart_ramp_colour (PD_CHART_RAMP_MAGMA,
                         _pd_chart_is_dark (&style->background) ? 0.96 - 0.5 * v
                                                                : 0.96 - 0.78 * v, colour);
}

static void
draw_legend (cairo_t               *cr,
             PangoLayout           *text,
             const PdHeatmapLayout *layout,
             const PdChartStyle    *style)
{
  double f = style->font_size;
  double y = layout->grid.y + layout->grid.height + LEGEND_SPACE * f / 2 + 0.2 * f;
  double x = layout->grid.x, bar = MIN (8 * f, layout->grid.width * 0.35), h = 0.8 * f;
  int width, height;

  pango_layout_set_text (text, _("Mean pain 0"), -1);
  pango_layout_get_pixel_size (text, &width, &height);
  _pd_chart_show_text (cr, text, _("Mean pain 0"), x, y, 0, &style->dim_foreground);
  x += width + 0.3 * f;
  for (int step = 0; step < 20; step++)
    {
      PdChartColour colour;

      pd_heatmap_chart_colour (style, (step + 0.5) / 2.0, &colour);
      _pd_chart_set_colour (cr, &colour);
      cairo_rectangle (cr, x + step * bar / 20, y - h / 2, bar / 20 + 0.5, h);
      cairo_fill (cr);
    }
  x += bar + 0.3 * f;
  pango_layout_set_text (text, "10", -1);
  pango_layout_get_pixel_size (text, &width, &height);
  _pd_chart_show_text (cr, text, "10", x, y, 0, &style->dim_foreground);
  x += width + 1.2 * f;

  /* An empty cell, as drawn in the grid. */
  _pd_chart_set_colour (cr, &style->grid);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, y - h / 2 + 0.5, h - 1, h - 1);
  cairo_stroke (cr);
  _pd_chart_show_text (cr, text, _("no entries"), x + h + 0.3 * f, y, 0, &style->dim_foreground);
}

void
pd_heatmap_chart_draw (cairo_t            *cr,
                       int                 width,
                       int                 height,
                       const PdHeatmapData *data,
                       const PdChartStyle  *style)
{
  const PdHeatmap *heatmap;
  PdHeatmapLayout layout;
  PangoLayout *text;
  double f;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL && data->heatmap != NULL);
  g_return_if_fail (style != NULL);

  heatmap = data->heatmap;
  f = style->font_size;
  pd_heatmap_chart_layout (&layout, width, height, data->first_weekday, style);
  cairo_save (cr);
  _pd_chart_set_colour (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  text = _pd_chart_text_new (cr, style, 0.85 * f);

  /* Hours along the top, at the cells' edges. */
  for (guint b = 0; b <= PD_HEATMAP_BINS; b++)
    {
      char label[8];

      g_snprintf (label, sizeof label, "%u", b * PD_HEATMAP_BIN_HOURS);
      _pd_chart_show_text (cr, text, label, layout.grid.x + b * layout.cell_width,
                           layout.grid.y - TOP_SPACE * f / 2, b == PD_HEATMAP_BINS ? 0.9 : 0.5,
                           &style->dim_foreground);
    }

  for (guint row = 0; row < PD_HEATMAP_WEEKDAYS; row++)
    {
      guint weekday = (row + layout.first_weekday) % PD_HEATMAP_WEEKDAYS;
      g_autofree char *name = pd_heatmap_weekday_name (weekday, TRUE);

      _pd_chart_show_text (cr, text, name, layout.grid.x - 0.4 * f,
                           layout.grid.y + (row + 0.5) * layout.cell_height, 1, &style->foreground);
      for (guint b = 0; b < PD_HEATMAP_BINS; b++)
        {
          const PdHeatmapCell *cell = &heatmap->cells[weekday][b];
          PdChartRect rect;

          pd_heatmap_chart_cell (&layout, weekday, b, &rect);
          if (cell->n_entries > 0)
            {
              PdChartColour colour;
              char value[16];

              pd_heatmap_chart_colour (style, cell->mean, &colour);
              _pd_chart_set_colour (cr, &colour);
              /* Too few entries to compare: faint, an outline in the cell's colour on the
               * background (a paler or darker fill would read as another pain), and left
               * out of the summary. */
              if (cell->n_entries < PD_HEATMAP_MIN_ENTRIES)
                {
                  cairo_set_line_width (cr, 2);
                  cairo_rectangle (cr, rect.x + 3, rect.y + 3, rect.width - 6, rect.height - 6);
                  cairo_stroke (cr);
                }
              else
                {
                  cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
                  cairo_fill (cr);
                }
              if (layout.show_values)
                {
                  static const PdChartColour black = { 0, 0, 0, 0.87 }, white = { 1, 1, 1, 1 };
                  const PdChartColour *ink = cell->n_entries < PD_HEATMAP_MIN_ENTRIES
                                             ? &style->dim_foreground
                                             : _pd_chart_is_dark (&colour) ? &white : &black;

                  g_snprintf (value, sizeof value, "%.1f", cell->mean);
                  _pd_chart_show_text (cr, text, value, rect.x + rect.width / 2,
                                       rect.y + rect.height / 2, 0.5, ink);
                }
            }
          else
            {
              /* Empty: the background with a dash, never the colour of a zero. */
              _pd_chart_set_colour (cr, &style->dim_foreground);
              cairo_rectangle (cr, rect.x + rect.width / 2 - 0.3 * f, rect.y + rect.height / 2 - 0.5,
                               0.6 * f, 1);
              cairo_fill (cr);
            }
          /* Every cell outlined, so that an empty one still reads as a cell. */
          _pd_chart_set_colour (cr, &style->grid);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, rect.x + 0.5, rect.y + 0.5, rect.width - 1, rect.height - 1);
          cairo_stroke (cr);
        }
    }

  if (data->focus_weekday >= 0 && data->focus_weekday < PD_HEATMAP_WEEKDAYS &&
      data->focus_bin >= 0 && data->focus_bin < PD_HEATMAP_BINS)
    {
      PdChartRect rect;

      pd_heatmap_chart_cell (&layout, (guint) data->focus_weekday, (guint) data->focus_bin,
                             &rect);
      _pd_chart_set_colour (cr, &style->foreground);
      cairo_set_line_width (cr, 2.5);
      cairo_rectangle (cr, rect.x + 1.25, rect.y + 1.25, rect.width - 2.5, rect.height - 2.5);
      cairo_stroke (cr);
    }

  draw_legend (cr, text, &layout, style);
  g_object_unref (text);
  cairo_restore (cr);
}
