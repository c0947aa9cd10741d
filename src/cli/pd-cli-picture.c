/* pd-cli-picture.c: writing --chart's and --body-map's PNG or SVG files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cli-picture"

#include "config.h"

#include <cairo-svg.h>
#include <errno.h>
#include <png.h>

#include "pd-body-map.h"
#include "pd-chart.h"
#include "pd-cli-common.h"
#include "pd-error.h"
#include "pd-output.h"

static void
png_write_cb (png_structp  png,
              png_bytep    data,
              png_size_t   length)
{
  if (!pd_output_write (png_get_io_ptr (png), data, length))
    png_error (png, "write");
}

static void
png_flush_cb (png_structp png)
{
}

/* The image as an RGB PNG. Cairo's own writer uses zlib's default level; a chart is large
 * areas of flat colour, which the fastest level with the "up" filter packs nearly as
 * small at a fraction of the time (this is most of --chart's own time). */
static gboolean
write_png (PdOutput        *output,
           cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *pixels;
  g_autofree guchar *row = g_malloc ((gsize) width * 3);
  png_structp png;
  png_infop info;
  gboolean ok = FALSE;

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  if (png == NULL)
    return FALSE;
  info = png_create_info_struct (png);
  if (info == NULL)
    goto out;
  if (setjmp (png_jmpbuf (png)))
    goto out;
  png_set_write_fn (png, output, png_write_cb, png_flush_cb);
  png_set_compression_level (png, 1);
  /* "up" rather than "sub": the chart's columns repeat row after row; half the size of
   * "sub" and a little faster. */
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      const guint32 *in = (const guint32 *) (const void *) (pixels + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = in[x] >> 16 & 0xff;
          row[3 * x + 1] = in[x] >> 8 & 0xff;
          row[3 * x + 2] = in[x] & 0xff;
        }
      png_write_row (png, row);
    }
  png_write_end (png, NULL);
  ok = TRUE;
out:
  png_destroy_write_struct (&png, &info);
  return ok;
}

static gboolean
render (PdOutput                  *output,
        const PdCliPictureOptions *options,
        gconstpointer              data)
{
  PdChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int width = options->width, height = options->height;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  if (options->format == PD_CLI_IMAGE_SVG)
    surface = cairo_svg_surface_create_for_stream (pd_chart_write_output, output, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  if (options->picture == PD_CLI_CHART)
    pd_chart_draw (cr, width, height, data, &style);
  else
    pd_body_map_draw (cr, width, height, data, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && options->format == PD_CLI_IMAGE_PNG && !write_png (output, surface))
    status = CAIRO_STATUS_WRITE_ERROR;
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);
  if (status != CAIRO_STATUS_SUCCESS)
    errno = status == CAIRO_STATUS_WRITE_ERROR ? errno : EIO;
  return status == CAIRO_STATUS_SUCCESS;
}

/* Renders into a temporary file beside file, then renames it over file: a reader never
 * sees half a picture, and a failure leaves an existing file as it was. */
static gboolean
write_picture (const char                *file,
               const PdCliPictureOptions *options,
               gconstpointer              data,
               PdDatabase                *db,
               GError                   **error)
{
  g_autoptr(PdOutput) output = NULL;

  if (!(output = pd_output_open (file, error)))
    return FALSE;
  if (!render (output, options, data))
    {
      pd_output_set_write_error (output, errno, error);
      return FALSE;
    }
  /* The diary's quick check ran meanwhile: only a sound diary's picture takes the name. */
  if (!pd_database_finish_check (db, error))
    return FALSE;
  return pd_output_commit (output, error);
}

gboolean
pd_cli_picture_write (const PdCliRequest        *request,
                      const PdCliPictureOptions *options,
                      gconstpointer              data,
                      PdDatabase                *db)
{
  g_autoptr(GError) error = NULL;

  if (write_picture (request->file, options, data, db, &error))
    return TRUE;
  pd_cli_fail (error->domain == PD_ERROR ? request->diary : request->file, error);
  return FALSE;
}
