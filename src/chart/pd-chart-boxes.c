/* pd-chart-boxes.c: the bars and columns of one colour, as a path on vector
 * targets and written into the pixels on raster ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-chart"

#include "config.h"

#include "pd-chart-private.h"

/* Boxes of one colour: begin, add any number, end. When days are narrower than a few pixels
 * a panel has thousands of boxes, which cairo would sweep for overlaps at every fill. On
 * raster targets (_pd_chart_raster_begin) they are written into the pixels instead, at the end of
 * each colour, a band of rows at a time: a box is a column, and walking it down would touch
 * a new page at every pixel. The cost follows the pixels drawn. Vector targets (PDF, SVG)
 * keep one path per colour. */
typedef struct
{
  int x0, x1, y0, y1;
} Box;

void
_pd_chart_boxes_begin (Painter             *p,
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
  _pd_chart_set_colour (p->cr, colour);
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

void
_pd_chart_boxes_add (Painter *p,
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
void
_pd_chart_boxes_end (Painter *p)
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
void
_pd_chart_raster_begin (Painter *p)
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

void
_pd_chart_raster_end (Painter *p)
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
