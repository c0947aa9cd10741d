/* pd-chart.c: drawing the chart: its bins and their cache, the series, the panels and the
 * events (layout, boxes, axes and the description in words are in pd-chart-*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-chart"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-chart-private.h"

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

void
_pd_chart_day_means (PdDailySeries *series,
                     guint32        first,
                     guint32        end,
                     DayMeans      *means)
{
  double sleep = 0, mood = 0, back = 0, leg = 0;

  memset (means, 0, sizeof *means);
  for (guint32 d = first; d < end; d++)
    {
      const PdDay *day = pd_daily_series_get_day (series, d);

      if (day == NULL)
        continue;
      if (!isnan (day->sleep_hours))
        sleep += day->sleep_hours, means->n_sleep++;
      if (!isnan (day->mood_mean))
        mood += day->mood_mean, means->n_mood++;
      if (!isnan (day->back_pain_mean))
        back += day->back_pain_mean, means->n_back_pain++;
      if (!isnan (day->leg_pain_mean))
        leg += day->leg_pain_mean, means->n_leg_pain++;
    }
  means->sleep = means->n_sleep > 0 ? sleep / means->n_sleep : NAN;
  means->mood = means->n_mood > 0 ? mood / means->n_mood : NAN;
  means->back_pain = means->n_back_pain > 0 ? back / means->n_back_pain : NAN;
  means->leg_pain = means->n_leg_pain > 0 ? leg / means->n_leg_pain : NAN;
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
      DayMeans means;
      double sum = 0, rolling = 0;
      guint n = 0, n_rolling = 0;
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
          bin.mme += day->mme;
          bin.activity += day->activity_minutes;
          bin.doses += day->n_doses;
          if (day->n_doses > 0)
            for (guint m = 0; m < n_medications; m++)
              groups[MIN (m, n_groups - 1)] += pd_daily_series_get_doses (series, d, m);
        }
      bin.mean = n > 0 ? sum / n : NAN;
      bin.rolling = n_rolling > 0 ? rolling / n_rolling : NAN;
      _pd_chart_day_means (series, bin.first, bin.end, &means);
      bin.sleep = means.sleep;
      bin.mood = means.mood;
      bin.back_pain = means.back_pain;
      bin.leg_pain = means.leg_pain;
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
    _pd_chart_boxes_begin (p, colour);
  else
    _pd_chart_set_colour (cr, colour);
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

          _pd_chart_boxes_add (p, x0, y0, x1 - x0, MAX (y1 - y0, hairline (p)));
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
    _pd_chart_boxes_end (p);
  else
    cairo_stroke (cr);
  cairo_restore (cr);
}

/* The y of each bin's value at offset field of Bin (a gap where it is NAN), on the sleep
 * scale or on pain's 0-10. */
static double *
bin_ys (const PdChartLayout *layout,
        const GArray        *bins,
        gsize                field,
        gboolean             sleep_scale)
{
  double *ys = g_new (double, bins->len);

  for (guint i = 0; i < bins->len; i++)
    {
      double value = G_STRUCT_MEMBER (double, &g_array_index (bins, Bin, i), field);

      ys[i] = isnan (value) ? NAN
              : sleep_scale ? pd_chart_sleep_to_y (layout, value) : pd_chart_pain_to_y (layout, value);
    }
  return ys;
}

/* The line of an overlay, dashed unless n_dashes is 0. */
static void
draw_overlay_line (Painter             *p,
                   const GArray        *bins,
                   const double        *ys,
                   const double        *dashes,
                   int                  n_dashes,
                   const PdChartColour *colour)
{
  if (n_dashes > 0)
    cairo_set_dash (p->cr, dashes, n_dashes, 0);
  draw_series_line (p, bins, ys, 1.5, colour);
  cairo_set_dash (p->cr, NULL, 0, 0);
}

/* Back and leg pain: dashed lines on pain's own 0-10, told apart by colour and dash. */
static void
draw_back_leg_overlay (Painter      *p,
                       const GArray *bins,
                       gboolean      back)
{
  static const double back_dashes[] = { 9, 3 };
  static const double leg_dashes[] = { 2, 2 };
  g_autofree double *ys = bin_ys (&p->layout, bins, back ? G_STRUCT_OFFSET (Bin, back_pain)
                                                         : G_STRUCT_OFFSET (Bin, leg_pain), FALSE);

  draw_overlay_line (p, bins, ys, back ? back_dashes : leg_dashes, 2,
                     back ? &p->style->back_pain : &p->style->leg_pain);
}

/* Sleep or mood over the pain panel: a line broken at days without a value, and a mark on
 * each day while days are wide enough, so that a lone day shows too. Sleep has its scale on
 * the right; mood shares pain's 0-10. */
static void
draw_overlay (Painter      *p,
              const GArray *bins,
              gboolean      sleep)
{
  static const double dashes[] = { 5, 3 };
  const PdChartLayout *layout = &p->layout;
  const PdChartColour *colour = sleep ? &p->style->sleep : &p->style->mood;
  g_autofree double *ys = bin_ys (layout, bins, sleep ? G_STRUCT_OFFSET (Bin, sleep)
                                                      : G_STRUCT_OFFSET (Bin, mood), sleep);
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
        _pd_chart_draw_text (p, label, layout->pain.x + layout->pain.width + 0.4 * p->f,
                             pd_chart_sleep_to_y (layout, hours), ALIGN_LEFT, colour);
      }

  draw_overlay_line (p, bins, ys, dashes, sleep ? 0 : G_N_ELEMENTS (dashes), colour);

  if (r < 1.5 || p->pixels != NULL)
    return;
  _pd_chart_set_colour (cr, colour);
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

  _pd_chart_draw_legend (p, &layout->pain, PD_CHART_PANEL_PAIN, layout->legend_rows[0], FALSE);

  for (int value = 0; value <= 10; value += 2)
    _pd_chart_draw_y_tick (p, &layout->pain, value, 10, FALSE);

  /* Min-max band: one rectangle per day or column, inset while days are wide. The boxes lie
   * on the pixel grid, where cairo fills them fastest without antialiasing. */
  _pd_chart_boxes_begin (p, &style->pain_band);
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
      _pd_chart_boxes_add (p, x0, y0, MAX (x1 - x0, hairline (p)), y1 - y0);
    }
  _pd_chart_boxes_end (p);

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
    _pd_chart_set_colour (cr, &style->pain_mean);
  else
    _pd_chart_boxes_begin (p, &style->pain_mean);
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

          _pd_chart_boxes_add (p, x0, snap (p, cy - h / 2), x1 - x0, h);
        }
    }
  if (r >= 1.5)
    cairo_fill (cr);
  else
    _pd_chart_boxes_end (p);
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
    _pd_chart_boxes_add (p, x0, y0, MAX (x1 - x0, hairline (p)), y1 - y0);
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
  top = _pd_chart_nice_ceiling (top);
  show_mme = mme_top > 0;
  mme_top = _pd_chart_nice_ceiling (mme_top);

  _pd_chart_draw_legend (p, rect, PD_CHART_PANEL_MEDICATION, layout->legend_rows[1], show_mme);

  _pd_chart_draw_y_tick (p, rect, 0, top, FALSE);
  _pd_chart_draw_y_tick (p, rect, top, top, FALSE);
  if (n_medications == 0)
    _pd_chart_draw_text (p, _("No doses logged"), rect->x + rect->width / 2,
                         rect->y + rect->height / 2, ALIGN_CENTRE, &style->dim_foreground);

  for (guint g = 0; g < n_groups; g++)
    {
      _pd_chart_boxes_begin (p, &style->medication[g]);
      for (guint i = 0; i < bins->len; i++)
        {
          const Bin *bin = &g_array_index (bins, Bin, i);
          double count = all->doses[(gsize) i * n_groups + g];

          if (count > 0)
            add_bar (p, rect, bin, base[i], base[i] + count, top);
          base[i] += count;
        }
      _pd_chart_boxes_end (p);
    }

  if (show_mme)
    {
      _pd_chart_draw_y_tick (p, rect, 0, mme_top, TRUE);
      _pd_chart_draw_y_tick (p, rect, mme_top, mme_top, TRUE);
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
  top = _pd_chart_nice_ceiling (top);

  _pd_chart_draw_legend (p, rect, PD_CHART_PANEL_ACTIVITY, p->layout.legend_rows[2], FALSE);
  _pd_chart_draw_y_tick (p, rect, 0, top, FALSE);
  _pd_chart_draw_y_tick (p, rect, top, top, FALSE);

  _pd_chart_boxes_begin (p, &p->style->activity);
  for (guint i = 0; i < bins->len; i++)
    {
      const Bin *bin = &g_array_index (bins, Bin, i);

      if (bin->activity > 0)
        add_bar (p, rect, bin, 0, bin->activity, top);
    }
  _pd_chart_boxes_end (p);
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
  g_autofree EventTitle *titles = NULL;

  events = pd_daily_series_get_events (p->data->series, &n_events);
  titles = g_new (EventTitle, n_events + 1);
  _pd_chart_event_rows (p->measure, layout, p->data, p->f, titles);
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
      _pd_chart_set_colour (cr, &p->style->event);
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
      if (titles[i].row < 0)
        continue;
      row_y = top - row_height * (n_rows - titles[i].row) + row_height / 2;
      cairo_move_to (cr, x, row_y - row_height * 0.42);
      cairo_line_to (cr, x, top);
      cairo_stroke (cr);

      pango_layout_set_text (p->text, event->title, -1);
      pango_layout_get_pixel_size (p->text, &width, &height);
      _pd_chart_set_colour (cr, &p->style->foreground);
      cairo_move_to (cr, titles[i].start, row_y - height / 2.0);
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
  _pd_chart_set_colour (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  p.cr = cr;
  p.data = data;
  p.style = style;
  p.f = style->font_size;
  pd_chart_layout_compute (&p.layout, width, height, data, style);
  p.text = pango_cairo_create_layout (cr);
  font = _pd_chart_font_new (style, 0.85 * style->font_size);
  pango_layout_set_font_description (p.text, font);
  p.font = font;
  p.measure = _pd_chart_measure_new (style);
  if (data->cache != NULL)
    p.layouts = cached_layouts (data->cache, cr, font);

  make_bins (&p, &bins);
  panels = _pd_chart_panels_of (data);
  _pd_chart_draw_date_axis (&p);
  _pd_chart_raster_begin (&p);
  if (panels & PD_CHART_PANEL_PAIN)
    draw_pain_panel (&p, bins.bins);
  if (panels & PD_CHART_PANEL_MEDICATION)
    draw_medication_panel (&p, &bins);
  if (panels & PD_CHART_PANEL_ACTIVITY)
    draw_activity_panel (&p, bins.bins);
  _pd_chart_raster_end (&p);
  if (data->show_events)
    draw_events (&p);

  bins_clear (&bins);
  g_object_unref (p.text);
  g_object_unref (p.measure);
  cairo_restore (cr);
}
