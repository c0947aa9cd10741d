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
#include "pd-database.h"
#include "pd-output.h"
#include "pd-types.h"

#define DEFAULT_WIDTH  1600
#define DEFAULT_HEIGHT 900
#define MAX_SIZE       20000
#define DEFAULT_DAYS   90
/* Local days reach 14 hours either side of UTC. */
#define MAX_OFFSET     (14 * 3600)

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
} Format;

/* YYYY-MM-DD exactly, a real date; its Julian day or 0. */
static guint32
parse_day (const char *text)
{
  int year, month, day, consumed = 0;
  GDate date;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 || consumed != 10 ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]) || year < 1000 ||
      !g_date_valid_dmy (day, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static PdDiaryData *
load_days (PdDatabase  *db,
           guint32      first,
           guint32      last,
           GError     **error)
{
  return pd_database_load_range (db, pd_local_day_start (first, MAX_OFFSET),
                                 pd_local_day_start (last + 1, -MAX_OFFSET), error);
}

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
        Format              format,
        int                 width,
        int                 height,
        const PdChartData  *data)
{
  PdChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (write_cb, output, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  pd_chart_draw (cr, width, height, data, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG && !write_png (output, surface))
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
             Format              format,
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
  guint32 first = 0, last = 0, n_days;
  Format format;

  if (g_str_has_suffix (file, ".png") || g_str_has_suffix (file, ".PNG"))
    format = FORMAT_PNG;
  else if (g_str_has_suffix (file, ".svg") || g_str_has_suffix (file, ".SVG"))
    format = FORMAT_SVG;
  else
    {
      g_printerr (_("pain-diary: %s: --chart writes .png or .svg files\n"), file);
      return 2;
    }
  width = width != 0 ? width : DEFAULT_WIDTH;
  height = height != 0 ? height : DEFAULT_HEIGHT;
  if (width < 200 || height < 150 || width > MAX_SIZE || height > MAX_SIZE)
    {
      g_printerr (_("pain-diary: --width and --height: from 200×150 to %d×%d pixels\n"),
                  MAX_SIZE, MAX_SIZE);
      return 2;
    }
  if (from != NULL && (first = parse_day (from)) == 0)
    {
      g_printerr (_("pain-diary: --from: “%s” is not a date (YYYY-MM-DD)\n"), from);
      return 2;
    }
  if (to != NULL && (last = parse_day (to)) == 0)
    {
      g_printerr (_("pain-diary: --to: “%s” is not a date (YYYY-MM-DD)\n"), to);
      return 2;
    }
  if (from != NULL && to != NULL && first > last)
    {
      g_printerr (_("pain-diary: --from %s is after --to %s\n"), from, to);
      return 2;
    }

  /* Read-only: a chart never writes to the diary, not even a backup. */
  db = pd_database_open (diary, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS |
                                PD_DATABASE_CHECK_LATER, &error);
  if (db == NULL)
    {
      g_printerr ("pain-diary: %s: %s\n", diary, error->message);
      return 1;
    }

  if (to == NULL)
    {
      /* The range ends on the newest day with data (a few rows through the time index). */
      last = pd_database_get_last_day (db, &error);
      if (error != NULL)
        {
          g_printerr ("pain-diary: %s: %s\n", diary, error->message);
          return 1;
        }
      if (last == 0)
        last = pd_local_today (NULL);
      if (from != NULL)
        last = MAX (last, first);
    }
  if (from == NULL)
    first = last - (DEFAULT_DAYS - 1);
  n_days = last - first + 1;

  /* The days before the range too, for the summary's comparison. */
  data = load_days (db, first - n_days - PD_ROLLING_DAYS, last, &error);
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

  if (!write_chart (file, format, width, height, &chart, db, &error))
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
