/* test-body-map.c: the body map: regions for every location, hit testing, the period's
 * counting, and each region's colour landing inside its outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-body-map"

#include "config.h"

#include <string.h>

#include "chart-test-util.h"
#include "pd-body-map.h"
#include "pd-tags.h"

static int
location (const char *key)
{
  int index = pd_tag_lookup (PD_TAG_LOCATION, key);

  g_assert_cmpint (index, >=, 0);
  return index;
}

static guint64
bit (const char *key)
{
  return G_GUINT64_CONSTANT (1) << location (key);
}

static PdPainEntry *
add_pain_where (PdDiaryData *data,
                guint32      day,
                int          pain,
                guint64      locations)
{
  PdPainEntry *entry = add_pain (data, day, pain);

  pd_pain_entry_set_locations (entry, locations);
  return entry;
}

/* Every location of the first version (and every new one but "other") has an outline, so
 * an older diary is drawn at once. */
static void
test_every_location_drawn (void)
{
  const char *old_keys[] = { "low_back", "buttock_left", "buttock_right", "thigh_left",
                             "thigh_right", "lower_leg_left", "lower_leg_right", "foot_left",
                             "foot_right", "neck", "upper_back", "shoulder_left",
                             "shoulder_right" };

  for (guint i = 0; i < G_N_ELEMENTS (old_keys); i++)
    g_assert_true (pd_body_map_has_location (location (old_keys[i])));
  for (guint i = 0; i < pd_tag_count (PD_TAG_LOCATION); i++)
    if (!g_str_equal (pd_tag_key (PD_TAG_LOCATION, i), "other"))
      g_assert_true (pd_body_map_has_location ((int) i));
  g_assert_false (pd_body_map_has_location (location ("other")));

  /* About 30 regions a click marks, none twice; the wholes are not among them. */
  g_assert_cmpuint (pd_body_map_n_regions (), >=, 30);
  for (guint r = 0; r < pd_body_map_n_regions (); r++)
    {
      int loc = pd_body_map_region_location (r);

      g_assert_cmpint (loc, !=, location ("thigh_left"));
      g_assert_cmpint (loc, !=, location ("foot_right"));
      for (guint q = r + 1; q < pd_body_map_n_regions (); q++)
        g_assert_cmpint (loc, !=, pd_body_map_region_location (q));
    }
}

static void
check_hits (int width,
            int height)
{
  PdChartStyle style;
  PdBodyMapLayout layout;
  PdChartRect outer, front, calf;
  double x, y;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  pd_body_map_layout (&layout, width, height, FALSE, &style);
  g_assert_cmpint (layout.stacked, ==, width < PD_BODY_MAP_STACK_WIDTH);

  /* Inside each region selects it. */
  for (guint r = 0; r < pd_body_map_n_regions (); r++)
    {
      int loc = pd_body_map_region_location (r);

      g_assert_true (pd_body_map_location_centre (&layout, loc, &x, &y));
      g_assert_cmpint (pd_body_map_location_at (&layout, x, y), ==, loc);
    }

  /* Between the outer side and the front of the right thigh: none. */
  g_assert_true (pd_body_map_location_bounds (&layout, location ("thigh_outer_right"), &outer));
  g_assert_true (pd_body_map_location_bounds (&layout, location ("thigh_front_right"), &front));
  g_assert_cmpfloat (outer.x + outer.width, <, front.x + front.width);
  y = front.y + 2 * layout.scale;
  /* At the top both edges are vertical-ish: 35 and 36 figure units. */
  x = layout.origin_x[PD_BODY_VIEW_FRONT] + 35.5 * layout.scale;
  g_assert_cmpint (pd_body_map_location_at (&layout, x, y), ==, -1);
  g_assert_cmpint (pd_body_map_location_at (&layout, x - layout.scale, y), ==,
                   location ("thigh_outer_right"));
  g_assert_cmpint (pd_body_map_location_at (&layout, x + layout.scale, y), ==,
                   location ("thigh_front_right"));
  /* Between the legs, beside the figure, and above the head: none. */
  g_assert_cmpint (pd_body_map_location_at (&layout, layout.origin_x[0] + 50 * layout.scale,
                                            layout.origin_y[0] + 140 * layout.scale), ==, -1);
  g_assert_cmpint (pd_body_map_location_at (&layout, 1, 1), ==, -1);
  g_assert_cmpint (pd_body_map_location_at (&layout, layout.origin_x[1] + 50 * layout.scale,
                                            layout.origin_y[1] + 2 * layout.scale), ==, -1);

  /* The left calf is on the viewer's left from behind. */
  g_assert_true (pd_body_map_location_bounds (&layout, location ("lower_leg_back_left"), &calf));
  g_assert_cmpfloat (calf.x + calf.width, <, layout.origin_x[1] + 50 * layout.scale);
  g_assert_cmpint (pd_body_map_location_at (&layout, calf.x + calf.width / 2,
                                            calf.y + calf.height / 2), ==,
                   location ("lower_leg_back_left"));
  pd_chart_style_clear (&style);
}

static void
test_hit_testing (void)
{
  check_hits (800, 600);
  check_hits (360, 900);
}

/* The period's summary, of at most five regions, is expected. */
static void
assert_summary (PdBodyStats *stats,
                const char  *expected)
{
  g_autofree char *summary = pd_body_stats_summary (stats, 5);

  g_assert_cmpstr (summary, ==, expected);
}

static void
test_period (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdBodyStats) stats = NULL;
  g_autoptr(PdBodyStats) later = NULL;
  g_autofree char *note = NULL;
  guint32 first = julian (2024, 5, 1), last = julian (2024, 5, 14);
  int back = location ("low_back"), calf = location ("lower_leg_outer_left");

  /* Before the period: the low back only. */
  add_pain_where (data, first - 3, 6, bit ("low_back"));
  /* 12 of 14 days with the low back, two entries on the first day. */
  for (guint32 d = first; d < first + 12; d++)
    add_pain_where (data, d, 4, bit ("low_back"));
  add_pain_where (data, first, 8, bit ("low_back") | bit ("lower_leg_outer_left"));
  /* Two more days with the outer left lower leg only, days 13 and 14. */
  add_pain_where (data, first + 12, 7, bit ("lower_leg_outer_left"));
  add_pain_where (data, last, 3, bit ("lower_leg_outer_left"));
  /* After the period: not counted. */
  add_pain_where (data, last + 1, 9, bit ("neck"));

  stats = pd_body_stats_new (data->pain_entries, first, last);
  g_assert_cmpuint (stats->days_with_entries, ==, 14);
  g_assert_cmpuint (stats->regions[back].days, ==, 12);
  g_assert_cmpuint (stats->regions[back].n_entries, ==, 13);
  g_assert_cmpfloat_with_epsilon (stats->regions[back].mean, (12 * 4 + 8) / 13.0, 1e-9);
  g_assert_cmpint (stats->regions[back].max, ==, 8);
  g_assert_cmpuint (stats->regions[calf].days, ==, 3);
  g_assert_cmpfloat_with_epsilon (stats->regions[calf].mean, 6, 1e-9);
  g_assert_cmpint (stats->regions[calf].max, ==, 8);
  g_assert_cmpuint (stats->regions[location ("neck")].days, ==, 0);
  g_assert_cmpint (stats->regions[location ("neck")].max, ==, -1);
  g_assert_cmpuint (stats->max_days, ==, 12);
  g_assert_true (stats->below_knee);
  g_assert_false (stats->below_knee_before);

  assert_summary (stats, "Most often: Low back, 12 of 14 days, mean pain 4.3; "
                         "Outer side of left lower leg, 3 days, mean 6.0.");
  note = pd_body_stats_note (stats);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "below the knee"));

  /* The next fortnight: still below the knee, so nothing new to say. */
  add_pain_where (data, last + 2, 5, bit ("foot_sole_left"));
  later = pd_body_stats_new (data->pain_entries, last + 1, last + 14);
  g_assert_true (later->below_knee);
  g_assert_true (later->below_knee_before);
  g_assert_null (pd_body_stats_note (later));
}

static void
test_period_empty (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdBodyStats) stats = NULL;
  g_autoptr(PdBodyStats) unmarked = NULL;
  guint32 day = julian (2024, 5, 1);

  stats = pd_body_stats_new (data->pain_entries, day, day + 6);
  assert_summary (stats, "No pain entries in this period.");
  g_assert_null (pd_body_stats_note (stats));

  /* Below the knee with no entries at all before: not called new. */
  add_pain_where (data, day, 3, 0);
  add_pain_where (data, day + 1, 3, bit ("foot_left"));
  unmarked = pd_body_stats_new (data->pain_entries, day, day + 6);
  g_assert_true (unmarked->below_knee);
  g_assert_null (pd_body_stats_note (unmarked));
  assert_summary (unmarked, "Most often: Left foot, 1 of 2 days, mean pain 3.0.");

  /* The patient's own words of the period's entries: sorted, each once, none from outside. */
  g_assert_null (pd_body_stats_describe_custom (unmarked));
  {
    const char * const toe[] = { "left big toe", "jaw", NULL };
    const char * const jaw[] = { "jaw", NULL };
    const char * const outside[] = { "elbow", NULL };
    g_autoptr(PdBodyStats) own = NULL;
    g_autofree char *custom = NULL;

    pd_pain_entry_set_custom_locations (add_pain_where (data, day + 2, 4, 0), toe);
    pd_pain_entry_set_custom_locations (add_pain_where (data, day + 3, 5, 0), jaw);
    pd_pain_entry_set_custom_locations (add_pain_where (data, day + 30, 5, 0), outside);
    own = pd_body_stats_new (data->pain_entries, day, day + 6);
    g_assert_cmpuint (own->custom->len, ==, 2);
    custom = pd_body_stats_describe_custom (own);
    g_assert_cmpstr (custom, ==, "Also, in the patient's own words: jaw, left big toe.");
  }
}

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return ((const guint32 *) (const void *) (data + (int) y * stride))[(int) x] & 0xffffff;
}

static guint32
rgb (const PdChartColour *c)
{
  return (guint32) (c->red * 255 + 0.5) << 16 | (guint32) (c->green * 255 + 0.5) << 8 |
         (guint32) (c->blue * 255 + 0.5);
}

static gboolean
close_to (guint32 a,
          guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) (a >> shift & 0xff) - (int) (b >> shift & 0xff)) > 2)
      return FALSE;
  return TRUE;
}

/* The body map drawn on a new surface of width x height. */
static cairo_surface_t *
draw_map (const PdBodyMapData *map,
          const PdChartStyle  *style,
          int                  width,
          int                  height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  pd_body_map_draw (cr, width, height, map, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* A region's colour lands inside its outline, and only there. */
static void
check_colours (PdChartPalette palette,
               int            width,
               int            height)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdBodyStats) stats = NULL;
  PdChartStyle style;
  PdBodyMapLayout layout;
  PdBodyMapData map = { 0, -1, NULL };
  PdChartColour often, seldom;
  cairo_surface_t *surface;
  guint32 day = julian (2024, 5, 1);
  double x, y;

  for (guint32 d = day; d < day + 10; d++)
    add_pain_where (data, d, 5, bit ("low_back") | (d == day ? bit ("lower_leg_outer_left") : 0));
  stats = pd_body_stats_new (data->pain_entries, day, day + 9);
  map.stats = stats;

  pd_chart_style_init (&style, palette, 1);
  surface = draw_map (&map, &style, width, height);
  if (g_getenv ("PD_TEST_SAVE_PNG") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s/body-map-%d-%d.png",
                                               g_getenv ("PD_TEST_SAVE_PNG"), palette, width);
      cairo_surface_write_to_png (surface, name);
    }

  pd_body_map_layout (&layout, width, height, TRUE, &style);
  pd_body_map_colour (&style, 1.0, &often);
  pd_body_map_colour (&style, 0.1, &seldom);
  g_assert_false (close_to (rgb (&often), rgb (&seldom)));

  /* Off-centre, clear of the number written in the middle. */
  g_assert_true (pd_body_map_location_centre (&layout, location ("low_back"), &x, &y));
  g_assert_true (close_to (pixel (surface, x - 8 * layout.scale, y), rgb (&often)));
  g_assert_true (pd_body_map_location_centre (&layout, location ("lower_leg_outer_left"), &x, &y));
  g_assert_true (close_to (pixel (surface, x, y - 10 * layout.scale), rgb (&seldom)));
  /* The neck did not hurt: not coloured. */
  g_assert_true (pd_body_map_location_centre (&layout, location ("neck"), &x, &y));
  g_assert_false (close_to (pixel (surface, x, y), rgb (&often)));
  g_assert_false (close_to (pixel (surface, x, y), rgb (&seldom)));

  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);
}

static void
test_colours (void)
{
  check_colours (PD_CHART_PALETTE_LIGHT, 800, 600);
  check_colours (PD_CHART_PALETTE_DARK, 800, 600);
  check_colours (PD_CHART_PALETTE_HIGH_CONTRAST, 360, 1000);
  check_colours (PD_CHART_PALETTE_HIGH_CONTRAST_DARK, 360, 1000);
}

/* An older diary's "left thigh" colours the whole left thigh: its front, back and outer
 * side, in both views. */
static void
test_old_keys (void)
{
  g_autoptr(PdDiaryData) data = diary_new ();
  g_autoptr(PdBodyStats) stats = NULL;
  const char *parts[] = { "thigh_front_left", "thigh_back_left", "thigh_outer_left" };
  PdChartStyle style;
  PdBodyMapLayout layout;
  PdBodyMapData map = { 0, -1, NULL };
  PdChartColour colour;
  cairo_surface_t *surface;
  guint32 day = julian (2024, 5, 1);
  double x, y;

  add_pain_where (data, day, 6, bit ("thigh_left"));
  stats = pd_body_stats_new (data->pain_entries, day, day);
  map.stats = stats;
  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  surface = draw_map (&map, &style, 800, 700);
  pd_body_map_layout (&layout, 800, 700, TRUE, &style);
  pd_body_map_colour (&style, 1.0, &colour);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_assert_true (pd_body_map_location_centre (&layout, location (parts[i]), &x, &y));
      g_assert_true (close_to (pixel (surface, x, y - 12 * layout.scale), rgb (&colour)));
    }
  g_assert_true (pd_body_map_location_centre (&layout, location ("thigh_front_right"), &x, &y));
  g_assert_false (close_to (pixel (surface, x, y - 12 * layout.scale), rgb (&colour)));
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);
}

/* The legend's ranges of days (five, of the days with entries) hold exactly the days that
 * get their colour. */
static void
test_legend_bins (void)
{
  PdChartStyle style;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  for (guint n = 1; n <= 120; n++)
    for (guint bin = 0; bin < 5; bin++)
      {
        guint low = bin * n / 5 + 1, high = (bin + 1) * n / 5;
        PdChartColour key, colour, next;

        if (high < low)
          continue;
        pd_body_map_colour (&style, (double) high / n, &key);
        for (guint d = low; d <= high; d++)
          {
            pd_body_map_colour (&style, (double) d / n, &colour);
            g_assert_cmpuint (rgb (&colour), ==, rgb (&key));
          }
        if (high < n)
          {
            pd_body_map_colour (&style, (double) (high + 1) / n, &next);
            g_assert_cmpuint (rgb (&next), !=, rgb (&key));
          }
      }
  pd_chart_style_clear (&style);
}

/* The selection of the entry form: a marked region in the selection colour. */
static void
test_selection (void)
{
  PdChartStyle style;
  PdBodyMapLayout layout;
  PdBodyMapData map = { bit ("low_back"), -1, NULL };
  cairo_surface_t *surface;
  double x, y;
  guint32 marked, unmarked;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  surface = draw_map (&map, &style, 600, 500);
  pd_body_map_layout (&layout, 600, 500, FALSE, &style);
  g_assert_true (pd_body_map_location_centre (&layout, location ("low_back"), &x, &y));
  marked = pixel (surface, x, y);
  g_assert_true (close_to (marked, rgb (&style.pain_mean)));
  g_assert_true (pd_body_map_location_centre (&layout, location ("upper_back"), &x, &y));
  unmarked = pixel (surface, x, y);
  g_assert_false (close_to (unmarked, marked));
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/body-map/every-location-drawn", test_every_location_drawn);
  g_test_add_func ("/body-map/hit-testing", test_hit_testing);
  g_test_add_func ("/body-map/period", test_period);
  g_test_add_func ("/body-map/period-empty", test_period_empty);
  g_test_add_func ("/body-map/colours", test_colours);
  g_test_add_func ("/body-map/selection", test_selection);
  g_test_add_func ("/body-map/old-keys", test_old_keys);
  g_test_add_func ("/body-map/legend-bins", test_legend_bins);

  return g_test_run ();
}
