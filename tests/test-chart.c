/* test-chart.c: the trend chart drawn onto image and SVG surfaces, read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <cairo-svg.h>
#include <string.h>

#include "chart-test-util.h"
#include "pd-chart.h"

#define WIDTH 900
#define HEIGHT 600

typedef struct
{
  guint32 first;
  guint32 known;   /* pain 3, 5 and 7: mean 5 */
  guint32 gap;     /* deep inside ten days without entries */
  PdDailySeries *series;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(PdDiaryData) data = diary_new ();

  fixture->first = julian (2024, 2, 1);
  fixture->known = fixture->first + 5;
  fixture->gap = fixture->first + 19;
  for (guint i = 0; i < 30; i++)
    {
      guint32 day = fixture->first + i;

      if (i >= 10 && i < 20)
        continue;
      if (day == fixture->known)
        {
          add_pain (data, day, 3);
          add_pain (data, day, 5);
          add_pain (data, day, 7);
          continue;
        }
      add_pain (data, day, 2 + i % 5);
      add_pain (data, day, 4 + i % 5);
      add_dose (data, day, "Ibuprofen", 400, PD_DOSE_TAKEN);
      add_dose (data, day, "Tramadol", 50, PD_DOSE_TAKEN);
      add_activity (data, day, 20 + i);
    }
  add_event (data, fixture->first + 22, "Facet joint injection");
  fixture->series = pd_daily_series_new (data, fixture->first, fixture->first + 29);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pd_daily_series_unref (fixture->series);
}

static cairo_surface_t *
render (const PdChartData *data,
        PdChartPalette     palette,
        PdChartLayout     *layout,
        PdChartStyle      *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  pd_chart_style_init (style, palette, 1);
  pd_chart_draw (cr, WIDTH, HEIGHT, data, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (layout != NULL)
    pd_chart_layout_compute (layout, WIDTH, HEIGHT, data, style);
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       int             *r,
       int             *g,
       int             *b)
{
  const guint8 *row = cairo_image_surface_get_data (surface) +
                      y * cairo_image_surface_get_stride (surface);
  guint32 argb = ((const guint32 *) (gconstpointer) row)[x];

  *r = argb >> 16 & 0xff;
  *g = argb >> 8 & 0xff;
  *b = argb & 0xff;
}

static gboolean
close_to (int                  r,
          int                  g,
          int                  b,
          const PdChartColour *colour)
{
  return ABS (r - (int) (colour->red * 255)) <= 12 && ABS (g - (int) (colour->green * 255)) <= 12 &&
         ABS (b - (int) (colour->blue * 255)) <= 12;
}

/* The rows of column x in the pain panel that are close to colour must exist and be centred
 * within a pixel on the expected row. */
static void
assert_mark_centred (cairo_surface_t     *surface,
                     const PdChartLayout *layout,
                     int                  x,
                     const PdChartColour *colour,
                     double               expected,
                     const char          *what)
{
  int top = -1, bottom = -1;

  for (int y = (int) layout->pain.y; y < layout->pain.y + layout->pain.height; y++)
    {
      int r, g, b;

      pixel (surface, x, y, &r, &g, &b);
      if (close_to (r, g, b, colour))
        {
          if (top < 0)
            top = y;
          bottom = y;
        }
    }
  g_test_message ("%s rows %d..%d, expected centre %.1f", what, top, bottom, expected);
  g_assert_cmpint (top, >=, 0);
  g_assert_cmpfloat (fabs ((top + bottom + 1) / 2.0 - expected), <=, 1.0);
}

/* The fixture's chart in the light palette, and the column of one day in it. */
typedef struct
{
  PdChartData data;
  PdChartLayout layout;
  PdChartStyle style;
  cairo_surface_t *surface;
  int x;
} Column;

static void
render_column (Column  *c,
               Fixture *fixture,
               guint32  day)
{
  pd_chart_data_init (&c->data, fixture->series);
  c->surface = render (&c->data, PD_CHART_PALETTE_LIGHT, &c->layout, &c->style);
  c->x = (int) floor (pd_chart_day_to_x (&c->layout, day));
}

static void
column_clear (Column *c)
{
  cairo_surface_destroy (c->surface);
  pd_chart_style_clear (&c->style);
}

static void
test_mean_point (Fixture       *fixture,
                 gconstpointer  user_data)
{
  Column c;

  render_column (&c, fixture, fixture->known);
  assert_mark_centred (c.surface, &c.layout, c.x, &c.style.pain_mean,
                       pd_chart_pain_to_y (&c.layout, 5), "mean dot");

  /* Hover maps the pixel back to the day. */
  {
    guint32 day;
    g_autofree char *text = pd_chart_describe_day (&c.data, &c.layout, c.x + 0.5);

    g_assert_true (pd_chart_x_to_day (&c.layout, c.x + 0.5, &day));
    g_assert_cmpuint (day, ==, fixture->known);
    g_assert_nonnull (strstr (text, "Pain 5.0 (3–7), 3 entries"));
    g_assert_false (pd_chart_x_to_day (&c.layout, c.layout.plot.x - 1, &day));
  }
  column_clear (&c);
}

static void
test_gap_draws_nothing (Fixture       *fixture,
                        gconstpointer  user_data)
{
  Column c;

  render_column (&c, fixture, fixture->gap);

  /* Background and the neutral grey grid only: no band, dot or line colour. */
  for (int y = (int) c.layout.pain.y; y < c.layout.pain.y + c.layout.pain.height; y++)
    {
      int r, g, b;

      pixel (c.surface, c.x, y, &r, &g, &b);
      if (ABS (r - g) > 4 || ABS (g - b) > 4)
        g_error ("gap column %d, row %d is coloured: %02x%02x%02x", c.x, y, r, g, b);
    }
  column_clear (&c);
}

static void
test_dark_background (Fixture       *fixture,
                      gconstpointer  user_data)
{
  PdChartData data;
  PdChartStyle light, dark;
  cairo_surface_t *a, *b;
  int r1, g1, b1, r2, g2, b2;

  pd_chart_data_init (&data, fixture->series);
  a = render (&data, PD_CHART_PALETTE_LIGHT, NULL, &light);
  b = render (&data, PD_CHART_PALETTE_DARK, NULL, &dark);
  pixel (a, 2, 2, &r1, &g1, &b1);
  pixel (b, 2, 2, &r2, &g2, &b2);
  g_assert_true (close_to (r1, g1, b1, &light.background));
  g_assert_true (close_to (r2, g2, b2, &dark.background));
  g_assert_cmpint (r1 + g1 + b1, >, r2 + g2 + b2 + 300);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  pd_chart_style_clear (&light);
  pd_chart_style_clear (&dark);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  char **root = user_data;

  if (*root == NULL)
    *root = g_strdup (name);
}

static void
test_svg_is_xml (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const GMarkupParser parser = { start_element_cb, NULL, NULL, NULL, NULL };
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PdChartData data;
  PdChartStyle style;

  pd_chart_data_init (&data, fixture->series);
  pd_chart_style_init (&style, PD_CHART_PALETTE_HIGH_CONTRAST, 1);
  surface = cairo_svg_surface_create_for_stream (append_cb, svg, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  pd_chart_draw (cr, WIDTH, HEIGHT, &data, &style);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);

  /* Skip the XML declaration, which GMarkup does not take. */
  context = g_markup_parse_context_new (&parser, 0, &root, NULL);
  g_assert_true (g_markup_parse_context_parse (context, strstr (svg->str, "<svg"), -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, "svg");
}

/* Forty years in 300 pixels: one bin per column, and hover still finds its day. */
static void
test_decimation (void)
{
  g_autoptr(PdDiaryData) diary = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  guint32 first = julian (1985, 1, 1), last = julian (2024, 12, 31);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 200);
  cairo_t *cr = cairo_create (surface);
  PdChartData data;
  PdChartStyle style;
  PdChartLayout layout;
  guint32 day;

  for (guint32 d = first; d <= last; d += 3)
    add_pain (diary, d, (int) (d % 11));
  series = pd_daily_series_new (diary, first, last);
  pd_chart_data_init (&data, series);
  pd_chart_style_init (&style, PD_CHART_PALETTE_DARK, 2);
  pd_chart_draw (cr, 300, 200, &data, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  pd_chart_layout_compute (&layout, 300, 200, &data, &style);
  g_assert_true (pd_chart_x_to_day (&layout, pd_chart_day_to_x (&layout, first + 5000), &day));
  g_assert_cmpuint (day, ==, first + 5000);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);
}

/* Days narrower than a pixel are written as pixels, straight into an image target or
 * through an image of the plot for other targets (a window's recording, a clip, an
 * offset): every way gives the same picture, with the band where the pain is. */
static cairo_surface_t *
render_dense (const PdChartData  *data,
              const PdChartStyle *style,
              int                 how)
{
  int w = 600, h = 300;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  if (how == 0)
    {
      pd_chart_draw (cr, w, h, data, style);
    }
  else if (how == 1)
    {
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *rcr = cairo_create (recording);

      pd_chart_draw (rcr, w, h, data, style);
      cairo_destroy (rcr);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (recording);
    }
  else
    {
      cairo_surface_t *big = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w + 10, h + 20);
      cairo_t *bcr = cairo_create (big);

      cairo_translate (bcr, 10, 20);
      pd_chart_draw (bcr, w, h, data, style);
      cairo_destroy (bcr);
      cairo_set_source_surface (cr, big, -10, -20);
      cairo_paint (cr);
      cairo_surface_destroy (big);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_dense_raster (void)
{
  g_autoptr(PdDiaryData) diary = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  guint32 first = julian (1985, 1, 1), last = julian (2024, 12, 31);
  cairo_surface_t *surfaces[3];
  PdChartData data;
  PdChartStyle style;
  PdChartLayout layout;
  int r, g, b, x, y;
  guint differing = 0;

  for (guint32 d = first; d <= last; d++)
    {
      add_pain (diary, d, 3);
      add_pain (diary, d, 7);
    }
  series = pd_daily_series_new (diary, first, last);
  pd_chart_data_init (&data, series);
  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  for (int how = 0; how < 3; how++)
    surfaces[how] = render_dense (&data, &style, how);

  for (int how = 1; how < 3; how++)
    for (y = 0; y < 300; y++)
      for (x = 0; x < 600; x++)
        {
          int r2, g2, b2;

          pixel (surfaces[0], x, y, &r, &g, &b);
          pixel (surfaces[how], x, y, &r2, &g2, &b2);
          if (ABS (r - r2) > 2 || ABS (g - g2) > 2 || ABS (b - b2) > 2)
            differing++;
        }
  g_assert_cmpuint (differing, ==, 0);

  /* Between 3 and 7 on a day in the middle: the band, over the background. */
  pd_chart_layout_compute (&layout, 600, 300, &data, &style);
  x = (int) pd_chart_day_to_x (&layout, first + 7000);
  y = (int) pd_chart_pain_to_y (&layout, 4);
  pixel (surfaces[0], x, y, &r, &g, &b);
  {
    const PdChartColour *band = &style.pain_band, *bg = &style.background;
    PdChartColour flat = { band->red * band->alpha + bg->red * (1 - band->alpha),
                           band->green * band->alpha + bg->green * (1 - band->alpha),
                           band->blue * band->alpha + bg->blue * (1 - band->alpha), 1 };
    g_assert_true (close_to (r, g, b, &flat));
  }
  /* Above 7: nothing but the background (or a grid line). */
  pixel (surfaces[0], x, (int) pd_chart_pain_to_y (&layout, 9.5), &r, &g, &b);
  g_assert_cmpint (r, >, 200);

  for (int how = 0; how < 3; how++)
    cairo_surface_destroy (surfaces[how]);
  pd_chart_style_clear (&style);
}

static void
test_describe (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(PdDiaryData) empty = diary_new ();
  g_autoptr(PdDailySeries) nothing = pd_daily_series_new (empty, fixture->first,
                                                          fixture->first + 29);
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;
  g_autofree char *half = NULL;
  PdChartData data;

  pd_chart_data_init (&data, fixture->series);
  text = pd_chart_describe (&data);
  g_assert_cmpstr (text, ==, "Over the last 30 days pain averaged 5.1.");

  data.first_day = fixture->first + 25;
  half = pd_chart_describe (&data);
  g_assert_nonnull (strstr (half, "Over the last 5 days pain averaged"));
  g_assert_nonnull (strstr (half, "in the 5 days before."));

  pd_chart_data_init (&data, nothing);
  none = pd_chart_describe (&data);
  g_assert_cmpstr (none, ==, "No pain entries in the last 30 days.");
}

/* Panned away from the series' last day, the summary names the dates it covers. */
static void
test_describe_panned (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *start = NULL;
  g_autofree char *later = NULL;
  g_autofree char *empty = NULL;
  PdChartData data;
  double mean;
  guint n_days;
  char expected[128];

  pd_chart_data_init (&data, fixture->series);
  data.first_day = fixture->first;
  data.last_day = fixture->first + 9;
  start = pd_chart_describe (&data);
  mean = pd_daily_series_mean_pain (fixture->series, fixture->first, fixture->first + 9, &n_days);
  g_snprintf (expected, sizeof expected, "From 1 February to 10 February 2024 pain averaged %.1f.",
              mean);
  g_assert_cmpstr (start, ==, expected);

  /* Compared with the as many days before, where they have entries. */
  data.first_day = fixture->first + 5;
  data.last_day = fixture->first + 9;
  later = pd_chart_describe (&data);
  g_test_message ("%s", later);
  g_assert_true (g_str_has_prefix (later, "From 6 February to 10 February 2024 pain averaged "));
  g_assert_true (g_str_has_suffix (later, " in the 5 days before."));
  g_assert_null (strstr (later, "last"));

  data.first_day = fixture->first + 11;
  data.last_day = fixture->first + 18;
  empty = pd_chart_describe (&data);
  g_assert_cmpstr (empty, ==, "No pain entries from 12 February to 19 February 2024.");

  /* The whole series, when today is after it (a chart of past days from the command line),
   * is named by its dates too; ending today, it is "the last 30 days". */
  {
    g_autofree char *past = NULL;
    g_autofree char *recent = NULL;

    pd_chart_data_init (&data, fixture->series);
    data.today = fixture->first + 400;
    past = pd_chart_describe (&data);
    g_assert_true (g_str_has_prefix (past, "From 1 February to 1 March 2024 pain averaged "));
    data.today = fixture->first + 29;
    recent = pd_chart_describe (&data);
    g_assert_true (g_str_has_prefix (recent, "Over the last 30 days pain averaged "));
  }
}


/* A redraw from the cached columns is the same picture as one aggregated afresh, and a new
 * range is aggregated anew. */
static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  return stride == cairo_image_surface_get_stride (b) &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * HEIGHT) == 0;
}

/* Twice the pixels, as on a HiDPI screen; a label laid out for another target is not
 * reused as it is. */
static cairo_surface_t *
render_hidpi (const PdChartData *data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * WIDTH,
                                                         2 * HEIGHT);
  cairo_font_options_t *options = cairo_font_options_create ();
  PdChartStyle style;
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, 2, 2);
  cr = cairo_create (surface);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 2);
  pd_chart_draw (cr, WIDTH, HEIGHT, data, &style);
  pd_chart_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_cache (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(PdChartCache) cache = pd_chart_cache_new ();
  cairo_surface_t *fresh, *first, *again, *moved, *moved_fresh;
  PdChartData data;
  PdChartStyle style;

  pd_chart_data_init (&data, fixture->series);
  fresh = render (&data, PD_CHART_PALETTE_LIGHT, NULL, &style);
  pd_chart_style_clear (&style);
  data.cache = cache;
  first = render (&data, PD_CHART_PALETTE_LIGHT, NULL, &style);
  pd_chart_style_clear (&style);
  again = render (&data, PD_CHART_PALETTE_LIGHT, NULL, &style);
  pd_chart_style_clear (&style);
  g_assert_true (same_pixels (fresh, first));
  g_assert_true (same_pixels (fresh, again));

  data.first_day = fixture->first + 3;
  moved = render (&data, PD_CHART_PALETTE_LIGHT, NULL, &style);
  pd_chart_style_clear (&style);
  data.cache = NULL;
  moved_fresh = render (&data, PD_CHART_PALETTE_LIGHT, NULL, &style);
  pd_chart_style_clear (&style);
  g_assert_false (same_pixels (fresh, moved));
  g_assert_true (same_pixels (moved, moved_fresh));

  /* The same cache (labels laid out at scale 1) on a scale 2 target. */
  {
    cairo_surface_t *hidpi_cached, *hidpi_fresh;

    data.cache = cache;
    hidpi_cached = render_hidpi (&data);
    data.cache = NULL;
    hidpi_fresh = render_hidpi (&data);
    g_assert_cmpint (cairo_image_surface_get_stride (hidpi_cached), ==,
                     cairo_image_surface_get_stride (hidpi_fresh));
    g_assert_true (memcmp (cairo_image_surface_get_data (hidpi_cached),
                           cairo_image_surface_get_data (hidpi_fresh),
                           (gsize) cairo_image_surface_get_stride (hidpi_fresh) * 2 * HEIGHT) == 0);
    cairo_surface_destroy (hidpi_cached);
    cairo_surface_destroy (hidpi_fresh);
  }

  cairo_surface_destroy (fresh);
  cairo_surface_destroy (first);
  cairo_surface_destroy (again);
  cairo_surface_destroy (moved);
  cairo_surface_destroy (moved_fresh);
}

/* Sleep over the pain panel: a known night at its pixel, nothing on a day without one. */
static void
test_sleep_overlay (void)
{
  g_autoptr(PdDiaryData) diary = diary_new ();
  g_autoptr(PdDailySeries) series = NULL;
  guint32 first = julian (2024, 2, 1), known = first + 8, gap = first + 15;
  PdChartData data;
  PdChartLayout layout;
  PdChartStyle style;
  cairo_surface_t *surface;
  int x;

  for (guint i = 0; i < 30; i++)
    {
      PdPainEntry *entry;

      if (first + i >= gap - 2 && first + i <= gap + 2)
        continue;
      entry = add_pain (diary, first + i, 4);
      /* 7.5 hours on the known night; the others alternate 5 and 9. */
      pd_pain_entry_set_sleep_hours (entry, first + i == known ? 7.5 : i % 2 ? 5 : 9);
      pd_pain_entry_set_mood (entry, 6);
    }
  series = pd_daily_series_new (diary, first, first + 29);
  pd_chart_data_init (&data, series);
  data.overlays = PD_CHART_OVERLAY_SLEEP | PD_CHART_OVERLAY_MOOD;
  surface = render (&data, PD_CHART_PALETTE_LIGHT, &layout, &style);
  x = (int) floor (pd_chart_day_to_x (&layout, known));
  assert_mark_centred (surface, &layout, x, &style.sleep, pd_chart_sleep_to_y (&layout, 7.5),
                       "sleep mark");

  /* The gap's column: neither sleep nor mood colour anywhere in the panel. */
  x = (int) floor (pd_chart_day_to_x (&layout, gap));
  for (int y = (int) layout.pain.y; y < layout.pain.y + layout.pain.height; y++)
    {
      int r, g, b;

      pixel (surface, x, y, &r, &g, &b);
      if (close_to (r, g, b, &style.sleep) || close_to (r, g, b, &style.mood))
        g_error ("gap column %d, row %d has an overlay colour: %02x%02x%02x", x, y, r, g, b);
    }
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);

  /* Off by default: no sleep colour in the known column. */
  pd_chart_data_init (&data, series);
  surface = render (&data, PD_CHART_PALETTE_LIGHT, &layout, &style);
  x = (int) floor (pd_chart_day_to_x (&layout, known));
  for (int y = (int) layout.pain.y; y < layout.pain.y + layout.pain.height; y++)
    {
      int r, g, b;

      pixel (surface, x, y, &r, &g, &b);
      g_assert_false (close_to (r, g, b, &style.sleep));
    }
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);

  /* In the summary when on. */
  {
    g_autofree char *text = NULL;

    pd_chart_data_init (&data, series);
    data.overlays = PD_CHART_OVERLAY_SLEEP | PD_CHART_OVERLAY_MOOD;
    text = pd_chart_describe (&data);
    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "Sleep averaged "));
    g_assert_nonnull (strstr (text, "hours on the 25 days that give it."));
    g_assert_nonnull (strstr (text, "Mood averaged 6.0 on the 25 days that give it."));
  }
}

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isspace (*c))
      g_string_append_c (out, *c);
  return g_string_free (out, FALSE);
}

/* The text of a chart drawn width x height into a PDF, as pdftotext reads it; NULL when
 * pdftotext is missing. */
static char *
chart_text (const PdChartData *data,
            int                width,
            int                height,
            PdChartLayout     *layout)
{
  g_autofree char *dir = make_tmp_dir ("test-chart-XXXXXX");
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-raw", pdf, "-", NULL };
  cairo_surface_t *surface;
  PdChartStyle style;
  cairo_t *cr;
  int status;

  if (!test_have_program ("pdftotext"))
    return NULL;
  surface = cairo_pdf_surface_create (pdf, width, height);
  cr = cairo_create (surface);
  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  pd_chart_draw (cr, width, height, data, &style);
  if (layout != NULL)
    pd_chart_layout_compute (layout, width, height, data, &style);
  pd_chart_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_unlink (pdf);
  g_rmdir (dir);
  return g_steal_pointer (&out);
}

/* Two events five days apart and five medications: in a 360 px window (and --chart
 * --width=360) the legends wrap instead of dropping an item, and the event titles stand in
 * rows of their own instead of one hiding the other. */
static void
test_narrow_legends_and_events (void)
{
  const char *medications[] = { "Acetaminophen", "Gabapentin", "Tramadol", "Ibuprofen",
                                "Oxycodone" };
  const char *labels[] = { "Pain (0–10)", "Daily range", "Daily mean", "7-day mean",
                           "Doses per day", "Opioid MME per day", "Activity, minutes per day" };
  g_autoptr(PdDiaryData) diary = diary_new ();
  guint32 first = julian (2026, 9, 1);
  PdDailySeries *series;
  PdChartData data;

  for (guint i = 0; i < 90; i++)
    {
      add_pain (diary, first + i, 3 + i % 5);
      for (guint m = 0; m < G_N_ELEMENTS (medications); m++)
        add_dose (diary, first + i, medications[m], 10, PD_DOSE_TAKEN);
      add_activity (diary, first + i, 30);
    }
  add_event (diary, first + 37, "Surgeon review");
  add_event (diary, first + 42, "Epidural steroid injection");
  series = pd_daily_series_new (diary, first, first + 89);
  pd_chart_data_init (&data, series);

  for (guint w = 0; w < 2; w++)
    {
      int width = w == 0 ? 360 : 900;
      PdChartLayout layout;
      g_autofree char *text = chart_text (&data, width, 420, &layout);
      g_autofree char *flat = NULL;

      if (text == NULL)
        {
          g_test_skip ("pdftotext is missing (poppler-utils)");
          break;
        }
      /* pdftotext guesses the spaces between words from the glyphs' positions: compared
       * without spaces. */
      flat = without_spaces (text);
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *label = without_spaces (labels[i]);

          if (strstr (flat, label) == NULL)
            g_error ("%d px: legend label '%s' missing from:\n%s", width, labels[i], text);
        }
      for (guint m = 0; m < G_N_ELEMENTS (medications); m++)
        if (strstr (flat, medications[m]) == NULL)
          g_error ("%d px: medication '%s' missing from the legend:\n%s", width,
                   medications[m], text);
      /* Both titles, whole or shortened, each in a row of its own. */
      g_assert_nonnull (strstr (flat, "Surgeon"));
      g_assert_nonnull (strstr (flat, "Epidural"));
      g_assert_cmpuint (layout.event_rows, ==, 2);
      if (width == 360)
        g_assert_cmpuint (layout.legend_rows[1], >=, 2);
      else
        g_assert_cmpuint (layout.legend_rows[1], ==, 1);
    }
  pd_daily_series_unref (series);
}

/* A one-day diary: its summary names the day once, and its one MME value still shows (a
 * line with one point draws nothing). */
static void
test_one_day (void)
{
  g_autoptr(PdDiaryData) diary = diary_new ();
  guint32 day = julian (2026, 10, 14);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 420);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *summary = NULL;
  PdDailySeries *series;
  PdChartLayout layout;
  PdChartStyle style;
  PdChartData data;
  guint mme_pixels = 0;
  const guint8 *pixels;
  int stride;

  add_pain (diary, day, 6);
  add_dose (diary, day, "Tramadol", 50, PD_DOSE_TAKEN);
  series = pd_daily_series_new (diary, day, day);
  pd_chart_data_init (&data, series);
  data.today = day + 30;   /* a past day, as a clinician reviews it */
  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  pd_chart_draw (cr, 600, 420, &data, &style);
  pd_chart_layout_compute (&layout, 600, 420, &data, &style);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = (int) layout.medication.y; y < (int) (layout.medication.y + layout.medication.height); y++)
    for (int x = (int) layout.plot.x; x < (int) (layout.plot.x + layout.plot.width); x++)
      {
        guint32 argb = ((const guint32 *) (gconstpointer) (pixels + y * stride))[x];
        int r = argb >> 16 & 0xff, g = argb >> 8 & 0xff, b = argb & 0xff;

        if (ABS (r - (int) (style.mme.red * 255)) < 8 && ABS (g - (int) (style.mme.green * 255)) < 8
            && ABS (b - (int) (style.mme.blue * 255)) < 8)
          mme_pixels++;
      }
  g_assert_cmpuint (mme_pixels, >, 10);
  summary = pd_chart_describe (&data);
  g_assert_true (g_str_has_prefix (summary, "On 14 October 2026 pain averaged 6.0"));

  pd_chart_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pd_daily_series_unref (series);
}

static gboolean
same_colour (const PdChartColour *a,
             const PdChartColour *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue;
}

/* Mood and the MME line never share a colour; a medication keeps its hue between the light
 * and the dark style (the blue only lightened). */
static void
test_palettes (void)
{
  PdChartStyle light, dark;

  for (PdChartPalette palette = PD_CHART_PALETTE_LIGHT;
       palette <= PD_CHART_PALETTE_HIGH_CONTRAST_DARK; palette++)
    {
      PdChartStyle style;

      pd_chart_style_init (&style, palette, 1);
      g_assert_false (same_colour (&style.mood, &style.mme));
      pd_chart_style_clear (&style);
    }
  pd_chart_style_init (&light, PD_CHART_PALETTE_LIGHT, 1);
  pd_chart_style_init (&dark, PD_CHART_PALETTE_DARK, 1);
  for (guint g = 0; g < PD_CHART_MAX_MEDICATION_COLOURS; g++)
    {
      const PdChartColour *a = &light.medication[g], *b = &dark.medication[g];

      if (!same_colour (a, b))
        {
          /* The same dominant channel, the dark one lighter. */
          g_assert_true (a->blue > a->red && a->blue > a->green);
          g_assert_true (b->blue > b->red && b->blue > b->green);
          g_assert_cmpfloat (b->red + b->green + b->blue, >, a->red + a->green + a->blue);
        }
    }
  g_assert_cmpfloat (dark.pain_band.alpha, >=, 0.4);
  pd_chart_style_clear (&light);
  pd_chart_style_clear (&dark);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/chart/mean-point-pixel", test_mean_point);
  ADD ("/chart/gap-draws-nothing", test_gap_draws_nothing);
  ADD ("/chart/dark-background", test_dark_background);
  ADD ("/chart/svg-is-xml", test_svg_is_xml);
  ADD ("/chart/describe", test_describe);
  ADD ("/chart/describe-panned", test_describe_panned);
  ADD ("/chart/cache", test_cache);
#undef ADD
  g_test_add_func ("/chart/decimation", test_decimation);
  g_test_add_func ("/chart/dense-raster", test_dense_raster);
  g_test_add_func ("/chart/sleep-overlay", test_sleep_overlay);
  g_test_add_func ("/chart/narrow-legends-and-events", test_narrow_legends_and_events);
  g_test_add_func ("/chart/palettes", test_palettes);
  g_test_add_func ("/chart/one-day", test_one_day);
  return g_test_run ();
}
