/* pd-cli-body-map.c: --body-map=FILE.png|FILE.svg, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cli-body-map"

#include "config.h"

#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pd-body-map.h"
#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-types.h"


static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  return pd_write_all (GPOINTER_TO_INT (closure), data, length) ? CAIRO_STATUS_SUCCESS
                                                                : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
render (int                  fd,
        PdCliImageFormat     format,
        int                  width,
        int                  height,
        const PdBodyMapData *data)
{
  PdChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  if (format == PD_CLI_IMAGE_SVG)
    surface = cairo_svg_surface_create_for_stream (write_cb, GINT_TO_POINTER (fd), width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  pd_body_map_draw (cr, width, height, data, &style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == PD_CLI_IMAGE_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_cb, GINT_TO_POINTER (fd));
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  pd_chart_style_clear (&style);
  if (status != CAIRO_STATUS_SUCCESS)
    errno = status == CAIRO_STATUS_WRITE_ERROR ? errno : EIO;
  return status == CAIRO_STATUS_SUCCESS;
}

static gboolean
set_write_error (int      saved,
                 GError **error)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               _("cannot write: %s"), pd_error_describe_errno (saved));
  return FALSE;
}

/* Into a temporary file beside file (0600, like everything the app writes), renamed over
 * it once whole and once the diary's quick check passed. */
static gboolean
write_map (const char           *file,
           PdCliImageFormat      format,
           int                   width,
           int                   height,
           const PdBodyMapData  *data,
           PdDatabase           *db,
           GError              **error)
{
  g_autofree char *temp = g_strconcat (file, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (temp, O_WRONLY, 0600);
  int saved;

  if (fd < 0)
    return set_write_error (errno, error);
  if (!render (fd, format, width, height, data) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (temp);
      return set_write_error (saved, error);
    }
  if (!pd_database_finish_check (db, error))
    {
      close (fd);
      g_unlink (temp);
      return FALSE;
    }
  if (close (fd) != 0 || g_rename (temp, file) != 0)
    {
      saved = errno;
      g_unlink (temp);
      return set_write_error (saved, error);
    }
  return TRUE;
}

int
pd_cli_body_map (const char *diary,
                 const char *file,
                 const char *from,
                 const char *to,
                 int         width,
                 int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(PdBodyStats) stats = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;
  g_autofree char *custom = NULL;
  PdBodyMapData map = { 0, -1, NULL };
  guint32 first, last, n_days;
  PdCliPictureOptions options;
  int status;

  if (!(db = pd_cli_picture_open (PD_CLI_BODY_MAP, diary, file, from, to, width, height, &options,
                                   &status)))
    return status;
  first = options.first;
  last = options.last;
  n_days = last - first + 1;

  /* The period before too: is the pain below the knee new? */
  data = pd_cli_load_days (db, first - n_days, last, &error);
  if (data == NULL)
    {
      g_printerr ("pain-diary: %s: %s\n", diary, error->message);
      return 1;
    }
  stats = pd_body_stats_new (data->pain_entries, first, last);
  map.stats = stats;
  if (!write_map (file, options.format, options.width, options.height, &map, db, &error))
    {
      g_printerr ("pain-diary: %s: %s\n", error->domain == PD_ERROR ? diary : file,
                  error->message);
      return 1;
    }
  summary = pd_body_stats_summary (stats, 8);
  note = pd_body_stats_note (stats);
  custom = pd_body_stats_describe_custom (stats);
  g_print ("%s\n", summary);
  if (custom != NULL)
    g_print ("%s\n", custom);
  if (note != NULL)
    g_print ("%s\n", note);
  return 0;
}
