/* pd-chart-layout.c: the chart's style and layout: where the panels, their
 * legends and the event titles go, and the mapping between days, pain and coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "pd-chart-private.h"

/* The palettes, a colour a row: its RGB and alpha in the light, dark, high-contrast and
 * high-contrast dark palette (the order of PdChartPalette). The light and dark ones are
 * libadwaita's view colours, @view_bg_color and @view_fg_color. */
#define COLOUR(field) G_STRUCT_OFFSET (PdChartStyle, field)
#define OPAQUE { 1, 1, 1, 1 }
static const struct
{
  gsize offset;
  guint32 rgb[4];
  double alpha[4];
} palettes[] = {
  { COLOUR (background), { 0xffffff, 0x1e1e1e, 0xffffff, 0x000000 }, OPAQUE },
  { COLOUR (foreground), { 0x000000, 0xffffff, 0x000000, 0xffffff }, { 0.8, 1, 1, 1 } },
  { COLOUR (dim_foreground), { 0x000000, 0xffffff, 0x000000, 0xffffff }, { 0.55, 0.6, 1, 1 } },
  { COLOUR (grid), { 0x000000, 0xffffff, 0x000000, 0xffffff }, { 0.1, 0.12, 0.3, 0.35 } },
  { COLOUR (pain_band), { OI_BLUE, OI_SKY_BLUE, OI_BLUE, OI_SKY_BLUE }, { 0.25, 0.45, 0.4, 0.45 } },
  { COLOUR (pain_mean), { OI_BLUE, OI_SKY_BLUE, 0x000000, 0xffffff }, OPAQUE },
  { COLOUR (rolling_mean), { OI_VERMILLION, OI_ORANGE, OI_VERMILLION, OI_ORANGE }, OPAQUE },
  { COLOUR (mme), { OI_PURPLE, OI_PURPLE, 0x7a2e5c, OI_PURPLE }, OPAQUE },
  { COLOUR (activity), { OI_GREEN, OI_GREEN, 0x006048, OI_GREEN }, { 0.85, 0.9, 1, 1 } },
  { COLOUR (event), { 0x000000, 0xffffff, 0x000000, 0xffffff }, { 0.6, 0.65, 1, 1 } },
  { COLOUR (sleep), { OI_GREEN, OI_GREEN, 0x006048, OI_GREEN }, OPAQUE },
  /* Mood dashed in the text colour: the purple is the MME line's. */
  { COLOUR (mood), { 0x000000, 0xffffff, 0x000000, 0xffffff }, { 0.7, 0.75, 1, 1 } },
  { COLOUR (back_pain), { 0xa86f00, OI_YELLOW, 0x7a5000, OI_YELLOW }, OPAQUE },
  { COLOUR (leg_pain), { OI_SKY_BLUE, OI_SKY_BLUE, OI_BLUE, OI_SKY_BLUE }, OPAQUE },
  /* A medication keeps its colour in the dark style: the same hues in the same order,
   * the blue lightened to stand out from the background. */
  { COLOUR (medication[0]), { OI_ORANGE, OI_ORANGE, 0xa86f00, OI_ORANGE }, OPAQUE },
  { COLOUR (medication[1]), { OI_SKY_BLUE, OI_SKY_BLUE, OI_BLUE, OI_SKY_BLUE }, OPAQUE },
  { COLOUR (medication[2]), { OI_BLUE, 0x3d8fd1, 0x000000, OI_YELLOW }, OPAQUE },
  { COLOUR (medication[3]), { OI_YELLOW, OI_YELLOW, OI_VERMILLION, OI_VERMILLION }, OPAQUE },
  { COLOUR (medication[4]), { OI_GREEN, OI_GREEN, 0x006048, OI_GREEN }, OPAQUE },
  { COLOUR (medication[5]), { 0x999999, 0x999999, 0x666666, 0xbbbbbb }, OPAQUE },
};
#undef COLOUR
#undef OPAQUE

void
pd_chart_style_init (PdChartStyle   *style,
                     PdChartPalette  palette,
                     double          scale)
{
  guint column = (guint) palette <= PD_CHART_PALETTE_HIGH_CONTRAST_DARK ? palette
                                                                         : PD_CHART_PALETTE_LIGHT;

  g_return_if_fail (style != NULL);

  *style = (PdChartStyle) { .font_family = g_strdup ("Cantarell"), .font_size = 13,
                            .scale = scale > 0 ? scale : 1 };
  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    {
      guint32 rgb = palettes[i].rgb[column];

      *(PdChartColour *) G_STRUCT_MEMBER_P (style, palettes[i].offset) = (PdChartColour) {
        (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0, (rgb & 0xff) / 255.0,
        palettes[i].alpha[column] };
    }
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

void
_pd_chart_visible_range (const PdChartData *data,
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

PdChartPanels
_pd_chart_panels_of (const PdChartData *data)
{
  return data->panels != 0 ? data->panels : PD_CHART_PANELS_ALL;
}


/* Text measured for layout decisions (legend rows, event title rows) in the label font,
 * the same for every target, so that the layout and the drawing agree on them. */
PangoLayout *
_pd_chart_measure_new (const PdChartStyle *style)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = _pd_chart_font_new (style, 0.85 * style->font_size);
  PangoLayout *layout = pango_layout_new (context);

  g_object_unref (context);
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

/* The panel's title and legend items, in the order drawn. */
static void
legend_items (Legend           *legend,
              const LegendSpec *spec)
{
  const PdChartData *data = spec->data;
  const PdChartStyle *style = spec->style;
  LegendItem *items = legend->items;
  guint n = 0;

  if (spec->panel == PD_CHART_PANEL_PAIN)
    {
      legend->title = _("Pain (0–10)");
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
  else if (spec->panel == PD_CHART_PANEL_MEDICATION)
    {
      guint n_medications = pd_daily_series_get_n_medications (data->series);
      guint n_groups = MIN (n_medications, PD_CHART_MAX_MEDICATION_COLOURS);

      legend->title = _("Doses per day");
      for (guint g = 0; g < n_groups; g++)
        {
          const char *name = pd_daily_series_get_medication_name (data->series, g);

          if (g == PD_CHART_MAX_MEDICATION_COLOURS - 1 && n_medications > n_groups)
            name = _("Other");
          items[n++] = (LegendItem) { SWATCH_BOX, &style->medication[g], name };
        }
      if (spec->show_mme)
        items[n++] = (LegendItem) { SWATCH_LINE, &style->mme, _("Opioid MME per day") };
    }
  else
    {
      legend->title = _("Activity, minutes per day");
    }
  legend->n_items = n;
}

void
_pd_chart_legend_place (Legend           *legend,
                        PangoLayout      *measure,
                        const LegendSpec *spec)
{
  double f = spec->style->font_size, x0 = spec->x0, right = spec->right, x;
  guint row = 0;

  legend_items (legend, spec);
  x = x0 + measure_text (measure, legend->title, 0) + 1.5 * f;
  for (guint i = 0; i < legend->n_items; i++)
    {
      LegendItem *item = &legend->items[i];
      double width = (item->swatch == SWATCH_LINE ? 1.4 : 1) * 0.75 * f + 0.35 * f
                     + measure_text (measure, item->label, 0);

      if (x + width > right && x > x0)
        x = x0, row++;
      item->x = x;
      item->row = row;
      x += width + 1.2 * f;
    }
  legend->n_rows = row + 1;
}

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
                      EventTitle          *titles)
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

      titles[i].row = -1;
      if (events[i].day < layout->first_day || events[i].day > layout->last_day)
        continue;
      x = pd_chart_day_to_x (layout, events[i].day);
      width = measure_text (measure, events[i].title, max_width);
      titles[i].start = MIN (x + 3, right - width);
      ends[i] = titles[i].start + width + 0.5 * f;
      for (guint j = 0; j < i; j++)
        if (titles[j].row >= 0 && ((titles[j].start - 2 <= x && x <= ends[j])
                                   || (titles[j].start < ends[i] && titles[i].start < ends[j])))
          row = MAX (row, titles[j].row + 1);
      if (row >= MAX_EVENT_ROWS)
        continue;
      titles[i].row = row;
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

  panels = _pd_chart_panels_of (data);
  f = style->font_size;
  _pd_chart_visible_range (data, &layout->first_day, &layout->last_day);
  layout->n_days = layout->last_day - layout->first_day + 1;

  top = (data->show_events ? EVENT_ROW : 0.4) * f;
  bottom = AXIS_ROW * f;
  left = LEFT_SPACE * f;
  right = RIGHT_SPACE * f;
  layout->plot = (PdChartRect) { left, top, MAX (width - left - right, 1),
                                 MAX (height - top - bottom, 1) };
  layout->day_width = layout->plot.width / layout->n_days;

  measure = _pd_chart_measure_new (style);
  layout->event_rows = 0;
  if (data->show_events)
    {
      guint n_events;
      g_autofree EventTitle *titles = NULL;

      pd_daily_series_get_events (data->series, &n_events);
      titles = g_new (EventTitle, n_events + 1);
      layout->event_rows = _pd_chart_event_rows (measure, layout, data, f, titles);
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
        /* The medication panel as if its MME line were shown wherever the series has one. */
        LegendSpec spec = { data, style, rows[i].panel,
                            pd_daily_series_get_max_mme (data->series) > 0, left, width };
        Legend legend;

        _pd_chart_legend_place (&legend, measure, &spec);
        layout->legend_rows[i] = legend.n_rows;
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
