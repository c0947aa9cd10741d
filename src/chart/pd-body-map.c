/* pd-body-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-body-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "pd-body-map.h"
#include "pd-chart-draw.h"
#include "pd-tags.h"

/* A view's figure, in figure units. */
#define FIGURE_WIDTH  100.0
#define FIGURE_HEIGHT 240.0
/* In multiples of the font size. */
#define TITLE_SPACE   1.8
#define SIDE_SPACE    1.4
#define GAP           1.0
#define LEGEND_LINES  2.6
#define N_BINS        5

typedef struct
{
  double x, y;
} Point;

enum
{
  FRONT = 1 << PD_BODY_VIEW_FRONT,
  BACK = 1 << PD_BODY_VIEW_BACK,
};

/* One outline, drawn on the viewer's left half of the figure; a sided one ("thigh_outer")
 * is mirrored onto the right half too. Facing the viewer, the patient's right side is on
 * the viewer's left; from behind, the patient's left. A group (the thigh as a whole) is
 * drawn beneath its parts and is never clicked. */
typedef struct
{
  const char *key;             /* a location key, or its stem before _left/_right */
  guint views;
  gboolean sided;
  gboolean group;
  guint n_points;
  Point points[8];
} Template;

#define P(...) (sizeof ((Point[]) { __VA_ARGS__ }) / sizeof (Point)), { __VA_ARGS__ }

static const Template templates[] = {
  /* Reading order: the focus walks through the regions in this order. */
  { "neck", FRONT | BACK, FALSE, FALSE, P ({ 44, 23 }, { 56, 23 }, { 57, 31 }, { 43, 31 }) },
  { "shoulder", FRONT | BACK, TRUE, FALSE,
    P ({ 42, 32.5 }, { 31, 33.5 }, { 24, 37 }, { 20.5, 45 }, { 28.5, 45 }, { 31.5, 40.5 },
       { 42, 40 }) },
  { "upper_back", BACK, FALSE, FALSE,
    P ({ 43, 33 }, { 57, 33 }, { 57.5, 42 }, { 68, 42 }, { 67.5, 66 }, { 32.5, 66 }, { 32, 42 },
       { 42.5, 42 }) },
  { "arm", FRONT | BACK, TRUE, FALSE,
    P ({ 20.5, 47 }, { 28.5, 47 }, { 28.5, 72 }, { 26, 100 }, { 18.5, 100 }, { 18, 72 }) },
  { "low_back", BACK, FALSE, FALSE, P ({ 32.5, 68 }, { 67.5, 68 }, { 69, 88 }, { 31, 88 }) },
  { "hip", FRONT, TRUE, FALSE, P ({ 30, 86 }, { 39, 86 }, { 39, 100 }, { 29.5, 102 }) },
  { "groin", FRONT, FALSE, FALSE, P ({ 41, 92 }, { 59, 92 }, { 52.5, 103 }, { 47.5, 103 }) },
  { "buttock", BACK, TRUE, FALSE, P ({ 30, 90 }, { 49, 90 }, { 49, 110 }, { 29.5, 108 }) },
  { "hand", FRONT | BACK, TRUE, FALSE,
    P ({ 18.5, 102 }, { 26, 102 }, { 26.5, 110 }, { 24, 117 }, { 19.5, 117 }, { 17.5, 110 }) },
  { "thigh", FRONT, TRUE, TRUE, P ({ 28, 104 }, { 49, 104 }, { 47.5, 150 }, { 31.5, 150 }) },
  { "thigh", BACK, TRUE, TRUE, P ({ 28, 111 }, { 49, 111 }, { 47.5, 150 }, { 31.5, 150 }) },
  { "thigh_outer", FRONT, TRUE, FALSE, P ({ 28.5, 105 }, { 35, 105 }, { 37, 149 }, { 32, 149 }) },
  { "thigh_front", FRONT, TRUE, FALSE, P ({ 36, 105 }, { 48.5, 105 }, { 47, 149 }, { 38, 149 }) },
  { "thigh_outer", BACK, TRUE, FALSE, P ({ 28.5, 112 }, { 35, 112 }, { 37, 149 }, { 32, 149 }) },
  { "thigh_back", BACK, TRUE, FALSE, P ({ 36, 112 }, { 48.5, 112 }, { 47, 149 }, { 38, 149 }) },
  { "knee", FRONT, TRUE, FALSE, P ({ 32, 152 }, { 47, 152 }, { 46.5, 164 }, { 33, 164 }) },
  { "lower_leg", FRONT, TRUE, TRUE, P ({ 32.5, 165 }, { 46.5, 165 }, { 44.5, 205 }, { 35.5, 205 }) },
  { "lower_leg", BACK, TRUE, TRUE, P ({ 32, 151 }, { 47, 151 }, { 44.5, 205 }, { 35.5, 205 }) },
  { "lower_leg_outer", FRONT, TRUE, FALSE,
    P ({ 33, 166 }, { 38.5, 166 }, { 39.5, 204 }, { 36, 204 }) },
  { "lower_leg_front", FRONT, TRUE, FALSE,
    P ({ 39.5, 166 }, { 46, 166 }, { 44, 204 }, { 40.5, 204 }) },
  { "lower_leg_outer", BACK, TRUE, FALSE,
    P ({ 32.5, 152 }, { 38.5, 152 }, { 39.5, 204 }, { 36, 204 }) },
  { "lower_leg_back", BACK, TRUE, FALSE,
    P ({ 39.5, 152 }, { 46.5, 152 }, { 44, 204 }, { 40.5, 204 }) },
  { "ankle", FRONT | BACK, TRUE, FALSE,
    P ({ 35.5, 206 }, { 44.5, 206 }, { 44.5, 213 }, { 35.5, 213 }) },
  { "foot", FRONT, TRUE, TRUE, P ({ 34.5, 214.5 }, { 45.5, 214.5 }, { 48, 229.5 }, { 31.5, 229.5 }) },
  { "foot", BACK, TRUE, TRUE, P ({ 34.5, 214.5 }, { 45.5, 214.5 }, { 46, 233.5 }, { 34, 233.5 }) },
  { "foot_top", FRONT, TRUE, FALSE, P ({ 35, 215 }, { 45, 215 }, { 47.5, 229 }, { 32, 229 }) },
  { "foot_sole", BACK, TRUE, FALSE, P ({ 35, 215 }, { 45, 215 }, { 45.5, 233 }, { 34.5, 233 }) },
};

static const Point torso[] = {
  { 43, 31 }, { 31, 33 }, { 29.5, 46 }, { 31, 68 }, { 29, 90 }, { 28, 104 }, { 72, 104 },
  { 71, 90 }, { 69, 68 }, { 70.5, 46 }, { 69, 33 }, { 57, 31 },
};

/* A template placed in a view: its location and outline in figure units. */
typedef struct
{
  int location;
  PdBodyView view;
  gboolean group;
  guint n_points;
  Point points[8];
  int whole;                   /* a part's group (the thigh of "thigh_outer"), or -1 */
} Shape;

static GArray *shapes;        /* Shape, in drawing order (groups first within a view) */
static GArray *regions;       /* int: the clickable locations, in reading order */

static int
lookup_location (const char *stem,
                 gboolean    sided,
                 gboolean    left)
{
  g_autofree char *key = sided ? g_strconcat (stem, left ? "_left" : "_right", NULL)
                               : g_strdup (stem);
  int location = pd_tag_lookup (PD_TAG_LOCATION, key);

  g_assert (location >= 0);
  return location;
}

static void
add_region (int location)
{
  for (guint i = 0; i < regions->len; i++)
    if (g_array_index (regions, int, i) == location)
      return;
  g_array_append_val (regions, location);
}

static void
add_shape (const Template *t,
           PdBodyView      view,
           gboolean        mirrored)
{
  /* From the front the viewer's left is the patient's right; from behind, the left. */
  gboolean left = (view == PD_BODY_VIEW_BACK) != mirrored;
  Shape shape = { lookup_location (t->key, t->sided, left), view, t->group, t->n_points,
                  { { 0 } }, -1 };

  for (guint i = 0; i < G_N_ELEMENTS (templates) && !t->group; i++)
    if (templates[i].group && g_str_has_prefix (t->key, templates[i].key) &&
        t->key[strlen (templates[i].key)] == '_')
      shape.whole = lookup_location (templates[i].key, TRUE, left);

  for (guint i = 0; i < t->n_points; i++)
    shape.points[i] = (Point) { mirrored ? FIGURE_WIDTH - t->points[i].x : t->points[i].x,
                                t->points[i].y };
  g_array_append_val (shapes, shape);
  if (!t->group)
    add_region (shape.location);
}

static void
ensure_shapes (void)
{
  static gsize initialised = 0;

  if (!g_once_init_enter (&initialised))
    return;
  shapes = g_array_new (FALSE, FALSE, sizeof (Shape));
  regions = g_array_new (FALSE, FALSE, sizeof (int));
  for (int view = PD_BODY_VIEW_FRONT; view < PD_BODY_N_VIEWS; view++)
    for (int pass = 0; pass < 2; pass++)
      for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
        {
          const Template *t = &templates[i];

          if (!(t->views & (1u << view)) || t->group != (pass == 0))
            continue;
          add_shape (t, view, FALSE);
          if (t->sided)
            add_shape (t, view, TRUE);
        }
  g_once_init_leave (&initialised, 1);
}

guint
pd_body_map_n_regions (void)
{
  ensure_shapes ();
  return regions->len;
}

int
pd_body_map_region_location (guint region)
{
  ensure_shapes ();
  g_return_val_if_fail (region < regions->len, -1);
  return g_array_index (regions, int, region);
}

gboolean
pd_body_map_has_location (int location)
{
  ensure_shapes ();
  for (guint i = 0; i < shapes->len; i++)
    if (g_array_index (shapes, Shape, i).location == location)
      return TRUE;
  return FALSE;
}

/* Layout */

static double
title_space (const PdChartStyle *style)
{
  return TITLE_SPACE * style->font_size;
}

static double
legend_space (gboolean            legend,
              const PdChartStyle *style)
{
  return legend ? LEGEND_LINES * style->font_size : 0;
}

/* The size of the figures at scale 1, without the legend. */
static void
natural_size (gboolean            stacked,
              const PdChartStyle *style,
              double             *units_wide,
              double             *units_high,
              double             *fixed_wide,
              double             *fixed_high)
{
  double f = style->font_size;

  *units_wide = stacked ? FIGURE_WIDTH : 2 * FIGURE_WIDTH;
  *units_high = stacked ? 2 * FIGURE_HEIGHT : FIGURE_HEIGHT;
  *fixed_wide = stacked ? 2 * SIDE_SPACE * f : 2 * SIDE_SPACE * f + GAP * f;
  *fixed_high = (stacked ? 2 : 1) * (title_space (style) + 0.4 * f);
}

void
pd_body_map_layout (PdBodyMapLayout    *layout,
                    int                 width,
                    int                 height,
                    gboolean            legend,
                    const PdChartStyle *style)
{
  double uw, uh, fw, fh, legend_height, scale, figure_width, top;

  g_return_if_fail (layout != NULL && style != NULL);

  layout->stacked = width < PD_BODY_MAP_STACK_WIDTH;
  natural_size (layout->stacked, style, &uw, &uh, &fw, &fh);
  legend_height = legend_space (legend, style);
  scale = MIN ((width - fw) / uw, (height - fh - legend_height) / uh);
  scale = MAX (scale, 0.1);
  layout->scale = scale;

  /* Centred across; the figures at the top, the legend under them. */
  figure_width = uw * scale + fw;
  top = title_space (style);
  for (int view = 0; view < PD_BODY_N_VIEWS; view++)
    {
      if (layout->stacked)
        {
          layout->origin_x[view] = (width - FIGURE_WIDTH * scale) / 2;
          layout->origin_y[view] = top + view * (FIGURE_HEIGHT * scale + title_space (style) +
                                                 0.4 * style->font_size);
        }
      else
        {
          layout->origin_x[view] = (width - figure_width) / 2 + SIDE_SPACE * style->font_size +
                                   view * (FIGURE_WIDTH * scale + GAP * style->font_size);
          layout->origin_y[view] = top;
        }
    }
  layout->legend = (PdChartRect) { 0, 0, width, 0 };
  if (legend)
    layout->legend = (PdChartRect) { SIDE_SPACE * style->font_size / 2,
                                     fh + uh * scale, width - SIDE_SPACE * style->font_size,
                                     legend_height };
}

int
pd_body_map_height_for_width (int                 width,
                              double              max_scale,
                              gboolean            legend,
                              const PdChartStyle *style)
{
  double uw, uh, fw, fh, scale;

  g_return_val_if_fail (style != NULL, 0);

  natural_size (width < PD_BODY_MAP_STACK_WIDTH, style, &uw, &uh, &fw, &fh);
  scale = CLAMP ((width - fw) / uw, 0.1, max_scale);
  return (int) ceil (uh * scale + fh + legend_space (legend, style));
}

/* Hit testing */

static gboolean
shape_contains (const Shape *shape,
                double       x,
                double       y)
{
  gboolean inside = FALSE;

  /* Even-odd rule, as the outline is filled. */
  for (guint i = 0, j = shape->n_points - 1; i < shape->n_points; j = i++)
    {
      const Point *a = &shape->points[i], *b = &shape->points[j];

      if ((a->y > y) != (b->y > y) && x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
        inside = !inside;
    }
  return inside;
}

int
pd_body_map_location_at (const PdBodyMapLayout *layout,
                         double                 x,
                         double                 y)
{
  g_return_val_if_fail (layout != NULL, -1);

  ensure_shapes ();
  for (guint i = 0; i < shapes->len; i++)
    {
      const Shape *shape = &g_array_index (shapes, Shape, i);
      double fx = (x - layout->origin_x[shape->view]) / layout->scale;
      double fy = (y - layout->origin_y[shape->view]) / layout->scale;

      if (!shape->group && shape_contains (shape, fx, fy))
        return shape->location;
    }
  return -1;
}

static const Shape *
first_shape (int location)
{
  ensure_shapes ();
  for (guint i = 0; i < shapes->len; i++)
    {
      const Shape *shape = &g_array_index (shapes, Shape, i);

      if (shape->location == location)
        return shape;
    }
  return NULL;
}

gboolean
pd_body_map_location_bounds (const PdBodyMapLayout *layout,
                             int                    location,
                             PdChartRect           *rect)
{
  const Shape *shape = first_shape (location);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  g_return_val_if_fail (layout != NULL && rect != NULL, FALSE);

  if (shape == NULL)
    return FALSE;
  for (guint i = 0; i < shape->n_points; i++)
    {
      x0 = MIN (x0, shape->points[i].x);
      y0 = MIN (y0, shape->points[i].y);
      x1 = MAX (x1, shape->points[i].x);
      y1 = MAX (y1, shape->points[i].y);
    }
  *rect = (PdChartRect) { layout->origin_x[shape->view] + x0 * layout->scale,
                          layout->origin_y[shape->view] + y0 * layout->scale,
                          (x1 - x0) * layout->scale, (y1 - y0) * layout->scale };
  return TRUE;
}

gboolean
pd_body_map_location_centre (const PdBodyMapLayout *layout,
                             int                    location,
                             double                *x,
                             double                *y)
{
  const Shape *shape = first_shape (location);
  double cx = 0, cy = 0;

  g_return_val_if_fail (layout != NULL && x != NULL && y != NULL, FALSE);

  if (shape == NULL)
    return FALSE;
  /* The mean of the corners lies inside these convex outlines. */
  for (guint i = 0; i < shape->n_points; i++)
    {
      cx += shape->points[i].x;
      cy += shape->points[i].y;
    }
  *x = layout->origin_x[shape->view] + cx / shape->n_points * layout->scale;
  *y = layout->origin_y[shape->view] + cy / shape->n_points * layout->scale;
  return TRUE;
}

/* Drawing */

static gboolean
is_high_contrast (const PdChartStyle *style)
{
  return style->dim_foreground.alpha > 0.99;
}

void
pd_body_map_colour (const PdChartStyle *style,
                    double              fraction,
                    PdChartColour      *colour)
{
  /* Viridis in five steps, from near the background (a day now and then) to far from it. */
  guint bin = (guint) CLAMP (ceil (fraction * N_BINS) - 1, 0, N_BINS - 1);
  double v = bin / (double) (N_BINS - 1);

  g_return_if_fail (style != NULL && colour != NULL);

  _pd_chart_ramp_colour (PD_CHART_RAMP_VIRIDIS,
                         _pd_chart_is_dark (&style->background) ? 0.12 + 0.88 * v
                                                                : 0.92 - 0.92 * v, colour);
}

static void
shape_path (cairo_t               *cr,
            const PdBodyMapLayout *layout,
            const Shape           *shape)
{
  cairo_new_path (cr);
  for (guint i = 0; i < shape->n_points; i++)
    cairo_line_to (cr, layout->origin_x[shape->view] + shape->points[i].x * layout->scale,
                   layout->origin_y[shape->view] + shape->points[i].y * layout->scale);
  cairo_close_path (cr);
}

static void
silhouette (cairo_t               *cr,
            const PdBodyMapLayout *layout,
            const PdChartColour   *body)
{
  double s = layout->scale;

  _pd_chart_set_colour (cr, body);
  for (int view = 0; view < PD_BODY_N_VIEWS; view++)
    {
      double ox = layout->origin_x[view], oy = layout->origin_y[view];

      cairo_new_path (cr);
      cairo_arc (cr, ox + 50 * s, oy + 12 * s, 10 * s, 0, 2 * G_PI);
      cairo_fill (cr);
      for (guint i = 0; i < G_N_ELEMENTS (torso); i++)
        cairo_line_to (cr, ox + torso[i].x * s, oy + torso[i].y * s);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  for (guint i = 0; i < shapes->len; i++)
    {
      shape_path (cr, layout, &g_array_index (shapes, Shape, i));
      cairo_fill (cr);
    }
}

/* What the figure's words and numbers are drawn with: the target, the text they are laid
 * out in, the figure's layout and the style. */
typedef struct
{
  cairo_t *cr;
  PangoLayout *text;
  const PdBodyMapLayout *layout;
  const PdChartStyle *style;
} Labels;

static void
draw_titles (const Labels *labels)
{
  /* Translators: the body map's views; the sides say whose right and left they are. */
  const char *titles[] = { N_("Front"), N_("Back") };
  const char *sides[][2] = { { N_("Right"), N_("Left") }, { N_("Left"), N_("Right") } };
  const PdChartStyle *style = labels->style;
  double f = style->font_size, s = labels->layout->scale;

  for (int view = 0; view < PD_BODY_N_VIEWS; view++)
    {
      double ox = labels->layout->origin_x[view], oy = labels->layout->origin_y[view];

      _pd_chart_show_text (labels->cr, labels->text, _(titles[view]), ox + 50 * s,
                           oy - TITLE_SPACE * f / 2, 0.5, &style->foreground);
      _pd_chart_show_text (labels->cr, labels->text, _(sides[view][0]), ox + 12 * s, oy + 14 * s,
                           0, &style->dim_foreground);
      _pd_chart_show_text (labels->cr, labels->text, _(sides[view][1]), ox + 88 * s, oy + 14 * s,
                           1, &style->dim_foreground);
    }
}

static void
draw_legend (const Labels      *labels,
             const PdBodyStats *stats)
{
  cairo_t *cr = labels->cr;
  PangoLayout *text = labels->text;
  const PdBodyMapLayout *layout = labels->layout;
  const PdChartStyle *style = labels->style;
  double f = style->font_size, h = 0.9 * f;
  double x = layout->legend.x, y = layout->legend.y + 0.6 * f;
  int width, height;

  pango_layout_set_text (text, _("Days with pain:"), -1);
  pango_layout_get_pixel_size (text, &width, &height);
  _pd_chart_show_text (cr, text, _("Days with pain:"), x, y, 0, &style->dim_foreground);
  x += width + 0.4 * f;
  for (guint bin = 0; bin < N_BINS; bin++)
    {
      PdChartColour colour;
      guint n = MAX (stats->days_with_entries, 1);
      guint low = bin * n / N_BINS + 1, high = (bin + 1) * n / N_BINS;
      char label[32];

      if (high < low)
        continue;
      if (low == high)
        g_snprintf (label, sizeof label, "%u", high);
      else
        g_snprintf (label, sizeof label, "%u–%u", low, high);
      pd_body_map_colour (style, (double) high / n, &colour);
      _pd_chart_set_colour (cr, &colour);
      cairo_rectangle (cr, x, y - h / 2, h, h);
      cairo_fill (cr);
      _pd_chart_set_colour (cr, &style->foreground);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x + 0.5, y - h / 2 + 0.5, h - 1, h - 1);
      cairo_stroke (cr);
      pango_layout_set_text (text, label, -1);
      pango_layout_get_pixel_size (text, &width, &height);
      _pd_chart_show_text (cr, text, label, x + h + 0.2 * f, y, 0, &style->dim_foreground);
      x += h + width + 0.7 * f;
    }
  {
    /* Translators: %u is the number of days with entries in the period */
    g_autofree char *of = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "of %u day with entries; a number is the mean pain (0–10)",
                                                        "of %u days with entries; a number is the mean pain (0–10)",
                                                        stats->days_with_entries),
                                           stats->days_with_entries);

    pango_layout_set_width (text, (int) (layout->legend.width * PANGO_SCALE));
    pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
    _pd_chart_show_text (cr, text, of, layout->legend.x, y + 1.2 * f, 0, &style->dim_foreground);
    pango_layout_set_width (text, -1);
    pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_NONE);
  }
}

static void
shape_bounds (const Shape *shape,
              double      *x0,
              double      *y0,
              double      *x1,
              double      *y1)
{
  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < shape->n_points; i++)
    {
      *x0 = MIN (*x0, shape->points[i].x);
      *y0 = MIN (*y0, shape->points[i].y);
      *x1 = MAX (*x1, shape->points[i].x);
      *y1 = MAX (*y1, shape->points[i].y);
    }
}

/* The mean pain, where it fits inside the outline. */
static void
draw_value (const Labels        *labels,
            const Shape         *shape,
            double               mean,
            const PdChartColour *fill)
{
  static const PdChartColour black = { 0, 0, 0, 0.87 }, white = { 1, 1, 1, 1 };
  const PdBodyMapLayout *layout = labels->layout;
  double x0, y0, x1, y1, cx = 0, cy = 0, s = layout->scale;
  char value[16];
  int width, height;

  g_snprintf (value, sizeof value, "%.0f", mean);
  pango_layout_set_text (labels->text, value, -1);
  pango_layout_get_pixel_size (labels->text, &width, &height);
  shape_bounds (shape, &x0, &y0, &x1, &y1);
  if ((x1 - x0) * s * 0.7 < width || (y1 - y0) * s < height)
    return;
  for (guint i = 0; i < shape->n_points; i++)
    {
      cx += shape->points[i].x;
      cy += shape->points[i].y;
    }
  _pd_chart_show_text (labels->cr, labels->text, value,
                       layout->origin_x[shape->view] + cx / shape->n_points * s,
                       layout->origin_y[shape->view] + cy / shape->n_points * s, 0.5,
                       _pd_chart_is_dark (fill) ? &white : &black);
}

static void
mix (const PdChartColour *a,
     const PdChartColour *b,
     double               t,
     PdChartColour       *out)
{
  /* b over a, with b's alpha scaled by t. */
  double alpha = b->alpha * t;

  out->red = a->red * (1 - alpha) + b->red * alpha;
  out->green = a->green * (1 - alpha) + b->green * alpha;
  out->blue = a->blue * (1 - alpha) + b->blue * alpha;
  out->alpha = 1;
}

/* Whether a part of a whole (the outer side of the thigh) hurt in the whole's view: then
 * the parts say their values, and the whole's would sit on their outlines. */
static gboolean
parts_hurt (const PdBodyStats *stats,
            const Shape       *whole)
{
  for (guint i = 0; i < shapes->len; i++)
    {
      const Shape *part = &g_array_index (shapes, Shape, i);

      if (part->whole == whole->location && part->view == whole->view &&
          stats->regions[part->location].days > 0)
        return TRUE;
    }
  return FALSE;
}

void
pd_body_map_draw (cairo_t             *cr,
                  int                  width,
                  int                  height,
                  const PdBodyMapData *data,
                  const PdChartStyle  *style)
{
  PdBodyMapLayout layout;
  Labels labels = { cr, NULL, &layout, style };
  PdChartColour body, outline;
  gboolean contrast;
  double f;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);

  ensure_shapes ();
  f = style->font_size;
  contrast = is_high_contrast (style);
  pd_body_map_layout (&layout, width, height, data->stats != NULL, style);
  mix (&style->background, &style->foreground, contrast ? 0.08 : 0.1, &body);
  outline = contrast ? style->foreground : style->dim_foreground;
  if (!contrast)
    outline.alpha *= 0.7;

  cairo_save (cr);
  _pd_chart_set_colour (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  silhouette (cr, &layout, &body);

  /* Groups first (the thigh as a whole, as older diaries say), their parts over them. */
  for (guint i = 0; i < shapes->len; i++)
    {
      const Shape *shape = &g_array_index (shapes, Shape, i);
      PdChartColour fill;

      if (data->stats != NULL)
        {
          const PdBodyRegionStats *region = &data->stats->regions[shape->location];

          if (region->days == 0)
            continue;
          pd_body_map_colour (style, region->days / (double) MAX (data->stats->days_with_entries, 1),
                              &fill);
        }
      else if (data->selected & (G_GUINT64_CONSTANT (1) << shape->location))
        mix (&style->background, &style->pain_mean, shape->group ? 0.45 : 1, &fill);
      else
        continue;
      _pd_chart_set_colour (cr, &fill);
      shape_path (cr, &layout, shape);
      cairo_fill (cr);
    }

  cairo_set_line_width (cr, contrast ? 1.5 : 1);
  _pd_chart_set_colour (cr, &outline);
  for (guint i = 0; i < shapes->len; i++)
    {
      const Shape *shape = &g_array_index (shapes, Shape, i);

      if (shape->group)
        continue;
      shape_path (cr, &layout, shape);
      cairo_stroke (cr);
    }

  labels.text = _pd_chart_text_new (cr, style, 0.75 * f);
  if (data->stats != NULL)
    for (guint i = 0; i < shapes->len; i++)
      {
        const Shape *shape = &g_array_index (shapes, Shape, i);
        const PdBodyRegionStats *region = &data->stats->regions[shape->location];
        PdChartColour fill;

        if (region->days == 0 || (shape->group && parts_hurt (data->stats, shape)))
          continue;
        pd_body_map_colour (style, region->days / (double) MAX (data->stats->days_with_entries, 1),
                            &fill);
        draw_value (&labels, shape, region->mean, &fill);
      }

  if (data->focus >= 0)
    {
      cairo_set_line_width (cr, 3);
      _pd_chart_set_colour (cr, &style->foreground);
      for (guint i = 0; i < shapes->len; i++)
        {
          const Shape *shape = &g_array_index (shapes, Shape, i);

          if (shape->location != data->focus || shape->group)
            continue;
          shape_path (cr, &layout, shape);
          cairo_stroke (cr);
        }
    }
  g_object_unref (labels.text);

  labels.text = _pd_chart_text_new (cr, style, 0.85 * f);
  draw_titles (&labels);
  if (data->stats != NULL)
    draw_legend (&labels, data->stats);
  g_object_unref (labels.text);
  cairo_restore (cr);
}
