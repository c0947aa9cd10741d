/* bench-chart.c: trend chart figures (meson test --benchmark)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On synthetic 10- and 40-year diaries (6 entries, 8 doses and 3 activities a day): the
 * daily aggregation, done once; the median time to redraw the full-range chart at
 * 1600x900 onto an image surface as the window does, with the per-column aggregates of the
 * previous drawing cached (target < 4 ms, and about the same for 40 years as for 10: the
 * cost follows pixels, not entries), and the first drawing of a range, which aggregates its
 * days into columns; the median hover lookup (the day under x and its values, target
 * < 1 ms). Never fails on speed: prints OVER TARGET.
 */

#define G_LOG_DOMAIN "bench-chart"

#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "bench-util.h"
#include "pd-chart.h"
#include "pd-generator.h"

#define WIDTH 1600
#define HEIGHT 900
#define DRAW_RUNS 60
#define HOVER_RUNS 2000
#define DRAW_TARGET_MS 4.0
#define HOVER_TARGET_MS 1.0

/* CPU time of this thread: the figure to trust on a busy machine, where wall time also
 * counts the time other processes had the CPU. */
static double
cpu_ms (void)
{
  return cpu_ms_of (CLOCK_THREAD_CPUTIME_ID);
}

static void
report (const char *what,
        double      ms,
        double      target)
{
  g_print ("%-58s %8.3f ms (target < %.1f ms, ratio %.2f) %s\n", what, ms, target, ms / target,
           ms < target ? "within target" : "OVER TARGET");
}

static void
bench_years (const char *dir,
             guint       years)
{
  g_autofree char *path = g_strdup_printf ("%s/%u-years.db", dir, years);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(PdDailySeries) series = NULL;
  g_autoptr(GArray) draws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draws_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_draws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PdChartCache) cache = pd_chart_cache_new ();
  g_autoptr(GArray) hovers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  PdGeneratorOptions options = {
    .days = years * 365,
    .entries_per_day = 6,
    .seed = 7,
    .doses_per_day = 8,
    .activities_per_day = 3,
  };
  cairo_surface_t *surface;
  cairo_t *cr;
  PdChartData chart;
  PdChartStyle style;
  PdChartLayout layout;
  guint32 first, last;
  double start;
  GRand *rand = g_rand_new_with_seed (1);

  g_assert_no_error (error);
  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 31, G_DATE_DECEMBER, 2024);
  if (!pd_generator_fill (db, &options, &error) || (data = pd_database_load (db, &error)) == NULL)
    g_error ("%s", error->message);

  last = pd_pain_entry_get_local_day (g_ptr_array_index (data->pain_entries, 0));
  first = pd_pain_entry_get_local_day (g_ptr_array_index (data->pain_entries,
                                                          data->pain_entries->len - 1));
  start = now_ms ();
  series = pd_daily_series_new (data, first, last);
  g_print ("%u-year diary: %u entries, %u doses, %u activities, %u days; "
           "daily aggregation (once): %.1f ms\n",
           years, data->pain_entries->len, data->doses->len, data->activities->len,
           last - first + 1, now_ms () - start);

  pd_chart_data_init (&chart, series);
  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  /* A new range each time: nothing cached. */
  for (int i = 0; i < DRAW_RUNS + 5; i++)
    {
      double ms;

      chart.first_day = first + (i % 2);
      start = now_ms ();
      pd_chart_draw (cr, WIDTH, HEIGHT, &chart, &style);
      cairo_surface_flush (surface);
      ms = now_ms () - start;
      if (i >= 5)
        g_array_append_val (first_draws, ms);
    }

  chart.first_day = 0;
  chart.cache = cache;
  for (int i = 0; i < DRAW_RUNS + 5; i++)
    {
      double ms, cpu_start = cpu_ms (), cpu;

      start = now_ms ();
      pd_chart_draw (cr, WIDTH, HEIGHT, &chart, &style);
      cairo_surface_flush (surface);
      ms = now_ms () - start;
      cpu = cpu_ms () - cpu_start;
      if (i >= 5)  /* fonts and glyph caches warm up first */
        {
          g_array_append_val (draws, ms);
          g_array_append_val (draws_cpu, cpu);
        }
    }

  for (int i = 0; i < HOVER_RUNS; i++)
    {
      double x = g_rand_double_range (rand, 0, WIDTH), ms;
      g_autofree char *text = NULL;

      start = now_ms ();
      pd_chart_layout_compute (&layout, WIDTH, HEIGHT, &chart, &style);
      text = pd_chart_describe_day (&chart, &layout, x);
      ms = now_ms () - start;
      g_array_append_val (hovers, ms);
    }

  label = g_strdup_printf ("full-range redraw %dx%d, %u years (median of %d)", WIDTH, HEIGHT,
                           years, DRAW_RUNS);
  report (label, median (draws), DRAW_TARGET_MS);
  g_free (label);
  label = g_strdup_printf ("  the same, CPU time of the drawing thread (median)");
  report (label, median (draws_cpu), DRAW_TARGET_MS);
  g_free (label);
  label = g_strdup_printf ("  first drawing of a range (columns aggregated), median");
  report (label, median (first_draws), DRAW_TARGET_MS);
  g_free (label);
  label = g_strdup_printf ("hover: day under x and its values, %u years (median)", years);
  report (label, median (hovers), HOVER_TARGET_MS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);
  g_rand_free (rand);
  g_clear_object (&db);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = make_tmp_dir ("bench-chart-XXXXXX");

  bench_years (dir, 10);
  bench_years (dir, 40);
  g_rmdir (dir);
  return 0;
}
