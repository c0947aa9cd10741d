/* test-heatmap.c: "when it hurts", mean pain by weekday and time of day: the aggregation by
 * local wall-clock time and the map drawn onto an image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-heatmap"

#include "config.h"

#include <string.h>

#include "chart-test-util.h"
#include "pd-heatmap-chart.h"

#define MONDAY 0
#define TUESDAY 1
#define SUNDAY 6

static guint
bin_of_hour (guint hour)
{
  return hour / PD_HEATMAP_BIN_HOURS;
}

/* The cell follows the wall clock where the entry was made, whatever the UTC day. */
static void
test_local_time (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdHeatmapSource) source = NULL;
  guint32 monday = julian (2024, 3, 4);
  PdHeatmap map;

  g_assert_cmpuint ((monday - 1) % 7, ==, MONDAY);
  /* 19:30 in Berlin (winter, +1) and 13:30 in New York (-5): the same instant. */
  add_pain_at (data, monday, 19 * 60 + 30, HOUR, 6);
  add_pain_at (data, monday, 13 * 60 + 30, -5 * HOUR, 4);
  /* 00:30 on Monday at +2 is still Sunday in UTC. */
  add_pain_at (data, monday, 30, 2 * HOUR, 8);
  /* 23:30 on Monday at -8 is Tuesday in UTC. */
  add_pain_at (data, monday, 23 * 60 + 30, -8 * HOUR, 2);

  source = pd_heatmap_source_new (data->pain_entries);
  pd_heatmap_compute (&map, source, monday, monday);
  g_assert_cmpuint (map.n_entries, ==, 4);
  g_assert_cmpuint (map.cells[MONDAY][bin_of_hour (19)].n_entries, ==, 1);
  g_assert_cmpfloat (map.cells[MONDAY][bin_of_hour (19)].mean, ==, 6);
  g_assert_cmpuint (map.cells[MONDAY][bin_of_hour (13)].n_entries, ==, 1);
  g_assert_cmpfloat (map.cells[MONDAY][bin_of_hour (13)].mean, ==, 4);
  g_assert_cmpuint (map.cells[MONDAY][0].n_entries, ==, 1);
  g_assert_cmpfloat (map.cells[MONDAY][0].mean, ==, 8);
  g_assert_cmpuint (map.cells[MONDAY][PD_HEATMAP_BINS - 1].n_entries, ==, 1);
  g_assert_cmpuint (map.cells[SUNDAY][PD_HEATMAP_BINS - 1].n_entries, ==, 0);
  g_assert_cmpuint (map.cells[TUESDAY][0].n_entries, ==, 0);
}

/* Days when the clocks change: each entry keeps the offset it was made at. */
static void
test_dst_days (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdHeatmapSource) source = NULL;
  guint32 spring = julian (2024, 3, 31), autumn = julian (2024, 10, 27);
  PdPainEntry *before, *after;
  PdHeatmap map;

  g_assert_cmpuint ((spring - 1) % 7, ==, SUNDAY);
  g_assert_cmpuint ((autumn - 1) % 7, ==, SUNDAY);
  /* Spring: 01:30 at +1, then the clock jumps from 02:00 to 03:00; 03:30 at +2. */
  add_pain_at (data, spring, 90, HOUR, 2);
  add_pain_at (data, spring, 210, 2 * HOUR, 4);
  /* Autumn: 02:30 happens twice, at +2 and an hour later at +1. */
  before = add_pain_at (data, autumn, 150, 2 * HOUR, 6);
  after = add_pain_at (data, autumn, 150, HOUR, 8);
  g_assert_cmpint (pd_pain_entry_get_time (after) - pd_pain_entry_get_time (before), ==, HOUR);

  source = pd_heatmap_source_new (data->pain_entries);
  pd_heatmap_compute (&map, source, spring, spring);
  g_assert_cmpuint (map.n_entries, ==, 2);
  g_assert_cmpuint (map.cells[SUNDAY][0].n_entries, ==, 1);
  g_assert_cmpfloat (map.cells[SUNDAY][0].mean, ==, 2);
  g_assert_cmpuint (map.cells[SUNDAY][1].n_entries, ==, 1);
  g_assert_cmpfloat (map.cells[SUNDAY][1].mean, ==, 4);

  pd_heatmap_compute (&map, source, autumn, autumn);
  g_assert_cmpuint (map.n_entries, ==, 2);
  g_assert_cmpuint (map.cells[SUNDAY][0].n_entries, ==, 2);
  g_assert_cmpfloat (map.cells[SUNDAY][0].mean, ==, 7);
}

/* A known mean per cell, empty cells empty (not zero), the range respected, the summary
 * naming the cells with enough entries. */
static void
test_cells_and_summary (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdHeatmapSource) source = NULL;
  guint32 tuesday = julian (2024, 3, 5), first = tuesday - 1, last = tuesday + 13;
  g_autofree char *summary = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *empty = NULL;
  PdHeatmap map;
  guint weekday, bin;

  /* Tuesdays 10:00: 2, 4 and 9 over three weeks (the third outside the range). */
  add_pain_at (data, tuesday, 10 * 60, HOUR, 2);
  add_pain_at (data, tuesday + 7, 10 * 60 + 15, HOUR, 4);
  add_pain_at (data, tuesday + 7, 11 * 60 + 59, HOUR, 9);
  add_pain_at (data, tuesday + 14, 10 * 60, HOUR, 10);
  /* Mondays 19:00: 1, 1, 2. */
  add_pain_at (data, first, 19 * 60, HOUR, 1);
  add_pain_at (data, first + 7, 19 * 60, HOUR, 1);
  add_pain_at (data, first + 7, 20 * 60, HOUR, 2);
  /* A lone 10 on a Friday night: too few entries to be called the highest. */
  add_pain_at (data, tuesday + 3, 22 * 60, HOUR, 10);

  source = pd_heatmap_source_new (data->pain_entries);
  pd_heatmap_compute (&map, source, first, last);
  g_assert_cmpuint (map.n_entries, ==, 7);
  g_assert_cmpuint (map.cells[TUESDAY][bin_of_hour (10)].n_entries, ==, 3);
  g_assert_cmpfloat_with_epsilon (map.cells[TUESDAY][bin_of_hour (10)].mean, 5.0, 1e-9);
  g_assert_cmpuint (map.cells[MONDAY][bin_of_hour (19)].n_entries, ==, 3);
  g_assert_cmpfloat_with_epsilon (map.cells[MONDAY][bin_of_hour (19)].mean, 4.0 / 3, 1e-9);
  g_assert_cmpuint (map.cells[SUNDAY][3].n_entries, ==, 0);
  g_assert_true (isnan (map.cells[SUNDAY][3].mean));

  g_assert_true (pd_heatmap_find_peak (&map, TRUE, &weekday, &bin));
  g_assert_cmpuint (weekday, ==, TUESDAY);
  g_assert_cmpuint (bin, ==, bin_of_hour (10));
  g_assert_true (pd_heatmap_find_peak (&map, FALSE, &weekday, &bin));
  g_assert_cmpuint (weekday, ==, MONDAY);
  g_assert_cmpuint (bin, ==, bin_of_hour (19));

  summary = pd_heatmap_describe (&map);
  g_test_message ("%s", summary);
  g_assert_cmpstr (summary, ==, "Pain is highest on Tuesday, 09:00–12:00 (mean 5.0, 3 entries) "
                                "and lowest on Monday, 18:00–21:00 (mean 1.3, 3 entries). "
                                "Times with fewer than 3 entries are drawn faint and not compared.");
  cell = pd_heatmap_describe_cell (&map, TUESDAY, bin_of_hour (10));
  g_assert_cmpstr (cell, ==, "Tuesday 09:00–12:00: mean pain 5.0, 3 entries");
  empty = pd_heatmap_describe_cell (&map, SUNDAY, 3);
  g_assert_cmpstr (empty, ==, "Sunday 09:00–12:00: no entries");

  /* Nothing in range. */
  pd_heatmap_compute (&map, source, last + 30, last + 40);
  g_assert_cmpuint (map.n_entries, ==, 0);
  g_clear_pointer (&summary, g_free);
  summary = pd_heatmap_describe (&map);
  g_assert_nonnull (strstr (summary, "No pain entries"));
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       int             *rgb)
{
  const guint8 *row = cairo_image_surface_get_data (surface) +
                      y * cairo_image_surface_get_stride (surface);
  guint32 argb = ((const guint32 *) (gconstpointer) row)[x];

  rgb[0] = argb >> 16 & 0xff;
  rgb[1] = argb >> 8 & 0xff;
  rgb[2] = argb & 0xff;
}

static int
lightness (const int *rgb)
{
  return (2126 * rgb[0] + 7152 * rgb[1] + 722 * rgb[2]) / 10000;
}

/* Near a cell's top left corner: inside it, clear of its outline and of the value. */
static void
cell_pixel (cairo_surface_t       *surface,
            const PdHeatmapLayout *layout,
            guint                  weekday,
            guint                  bin,
            int                   *rgb)
{
  PdChartRect rect;

  pd_heatmap_chart_cell (layout, weekday, bin, &rect);
  pixel (surface, (int) (rect.x + 4), (int) (rect.y + 4), rgb);
}

static void
check_render (PdChartPalette palette)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdHeatmapSource) source = NULL;
  guint32 monday = julian (2024, 3, 4);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  cairo_t *cr = cairo_create (surface);
  PdChartStyle style;
  PdHeatmapLayout layout;
  PdHeatmap map;
  int low[3], high[3], empty[3], bg[3];

  /* Three entries each: a cell with fewer is drawn faint. */
  for (int i = 0; i < 3; i++)
    {
      add_pain_at (data, monday, 7 * 60 + i, HOUR, 1);       /* Monday 06-09: 1 */
      add_pain_at (data, monday, 16 * 60 + i, HOUR, 9);      /* Monday 15-18: 9 */
    }
  source = pd_heatmap_source_new (data->pain_entries);
  pd_heatmap_compute (&map, source, monday, monday);

  pd_chart_style_init (&style, palette, 1);
  /* Sunday first, as in the United States. */
  pd_heatmap_chart_draw (cr, 600, 300, &(PdHeatmapData) { &map, SUNDAY, -1, -1 }, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  pd_heatmap_chart_layout (&layout, 600, 300, SUNDAY, &style);

  {
    PdChartRect rect;
    guint weekday, bin;

    pd_heatmap_chart_cell (&layout, SUNDAY, 0, &rect);
    g_assert_cmpfloat (rect.y, ==, layout.grid.y);
    g_assert_true (pd_heatmap_chart_cell_at (&layout, rect.x + 2, rect.y + 2, &weekday, &bin));
    g_assert_cmpuint (weekday, ==, SUNDAY);
    g_assert_cmpuint (bin, ==, 0);
    pd_heatmap_chart_cell (&layout, MONDAY, 5, &rect);
    g_assert_true (pd_heatmap_chart_cell_at (&layout, rect.x + rect.width / 2,
                                             rect.y + rect.height / 2, &weekday, &bin));
    g_assert_cmpuint (weekday, ==, MONDAY);
    g_assert_cmpuint (bin, ==, 5);
    g_assert_false (pd_heatmap_chart_cell_at (&layout, layout.grid.x - 1, rect.y, NULL, NULL));
  }

  cell_pixel (surface, &layout, MONDAY, 2, low);
  cell_pixel (surface, &layout, MONDAY, 5, high);
  cell_pixel (surface, &layout, TUESDAY, 2, empty);
  pixel (surface, 1, 1, bg);
  g_test_message ("low %d %d %d, high %d %d %d, empty %d %d %d, background %d %d %d",
                  low[0], low[1], low[2], high[0], high[1], high[2], empty[0], empty[1],
                  empty[2], bg[0], bg[1], bg[2]);

  /* An empty cell is the background, not the colour of a zero. */
  for (int c = 0; c < 3; c++)
    g_assert_cmpint (ABS (empty[c] - bg[c]), <=, 2);
  g_assert_cmpint (ABS (low[0] - empty[0]) + ABS (low[1] - empty[1]) + ABS (low[2] - empty[2]), >, 20);
  /* More pain, darker, in every style (one ramp, read the same way), and still apart from
   * the background. */
  g_assert_cmpint (lightness (high), <, lightness (low) - 60);
  g_assert_cmpint (ABS (lightness (high) - lightness (bg)), >, 40);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);
}

static void
test_render_light (void)
{
  check_render (PD_CHART_PALETTE_LIGHT);
}

static void
test_render_dark (void)
{
  check_render (PD_CHART_PALETTE_DARK);
}

static void
test_render_high_contrast (void)
{
  check_render (PD_CHART_PALETTE_HIGH_CONTRAST);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/heatmap/local-time", test_local_time);
  g_test_add_func ("/heatmap/dst-days", test_dst_days);
  g_test_add_func ("/heatmap/cells-and-summary", test_cells_and_summary);
  g_test_add_func ("/heatmap/render-light", test_render_light);
  g_test_add_func ("/heatmap/render-dark", test_render_dark);
  g_test_add_func ("/heatmap/render-high-contrast", test_render_high_contrast);
  return g_test_run ();
}
