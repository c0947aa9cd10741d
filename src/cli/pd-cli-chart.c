/* pd-cli-chart.c: --chart=FILE.png|FILE.svg, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cli-chart"

#include "config.h"

#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <png.h>
#include <string.h>
#include <unistd.h>

#include "pd-chart.h"
#include "pd-error.h"
#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-database.h"
#include "pd-output.h"
#include "pd-types.h"


static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  return pd_output_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                 : CAIRO_STATUS_WRITE_ERROR;
}

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
render (PdOutput           *output,
        PdCliImageFormat    format,
        int                 width,
        int                 height,
        const PdChartData  *data)
{
  PdChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  if (format == PD_CLI_IMAGE_SVG)
    surface = cairo_svg_surface_create_for_stream (write_cb, output, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  pd_chart_draw (cr, width, height, data, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == PD_CLI_IMAGE_PNG && !write_png (output, surface))
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
 * sees half a chart, and a failure leaves an existing file as it was. */
static gboolean
write_chart (const char         *file,
             PdCliImageFormat    format,
             int                 width,
             int                 height,
             const PdChartData  *data,
             PdDatabase         *db,
             GError            **error)
{
  g_autoptr(PdOutput) output = NULL;

  if (!(output = pd_output_open (file, error)))
    return FALSE;
  if (!render (output, format, width, height, data))
    {
      pd_output_set_write_error (output, errno, error);
      return FALSE;
    }
  /* The diary's quick check ran meanwhile: only a sound diary's chart takes the name. */
  if (!pd_database_finish_check (db, error))
    return FALSE;
  return pd_output_commit (output, error);
}

int
pd_cli_chart (const char *diary,
              const char *file,
              const char *from,
              const char *to,
              int         width,
              int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(PdDailySeries) series = NULL;
  PdChartData chart;
  guint32 first, last, n_days;
  PdCliPictureOptions options;
  int status;

  if (!(db = pd_cli_picture_open (PD_CLI_CHART, diary, file, from, to, width, height, &options,
                                   &status)))
    return status;
  first = options.first;
  last = options.last;
  n_days = last - first + 1;

  /* The days before the range too, for the summary's comparison. */
  data = pd_cli_load_days (db, first - n_days - PD_ROLLING_DAYS, last, &error);
  if (data == NULL)
    {
      g_printerr ("pain-diary: %s: %s\n", diary, error->message);
      return 1;
    }
  series = pd_daily_series_new (data, first - n_days, last);
  pd_chart_data_init (&chart, series);
  /* A range that ends before today is named by its dates in the summary. */
  chart.today = pd_local_today (NULL);
  chart.first_day = first;
  chart.last_day = last;

  if (!write_chart (file, options.format, options.width, options.height, &chart, db, &error))
    {
      g_printerr ("pain-diary: %s: %s\n", error->domain == PD_ERROR ? diary : file,
                  error->message);
      return 1;
    }
  {
    g_autofree char *summary = pd_chart_describe (&chart);
    g_print ("%s\n", summary);
  }
  return 0;
}
