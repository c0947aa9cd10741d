/* pd-cli-chart.c: --chart and --body-map=FILE.png|FILE.svg, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cli-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-body-map.h"
#include "pd-chart.h"
#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-database.h"
#include "pd-types.h"

/* The sizes of the pictures, in pixels, and their default periods */
#define MAX_SIZE 20000

static const struct
{
  int default_width;
  int default_height;
  int min_width;
  int min_height;
  guint default_days;
} pictures[] = {
  [PD_CLI_CHART] = { 1600, 900, 200, 150, 90 },
  /* "Where was the pain last month". */
  [PD_CLI_BODY_MAP] = { 900, 1000, 200, 300, 30 },
};

static gboolean
check_picture (PdCliPicture          picture,
               const char           *file,
               PdCliPictureOptions  *options)
{
  int width = options->width != 0 ? options->width : pictures[picture].default_width;
  int height = options->height != 0 ? options->height : pictures[picture].default_height;

  if (g_str_has_suffix (file, ".png") || g_str_has_suffix (file, ".PNG"))
    options->format = PD_CLI_IMAGE_PNG;
  else if (g_str_has_suffix (file, ".svg") || g_str_has_suffix (file, ".SVG"))
    options->format = PD_CLI_IMAGE_SVG;
  else
    {
      if (picture == PD_CLI_CHART)
        g_printerr (_("pain-diary: %s: --chart writes .png or .svg files\n"), file);
      else
        g_printerr (_("pain-diary: %s: --body-map writes .png or .svg files\n"), file);
      return FALSE;
    }
  if (width < pictures[picture].min_width || height < pictures[picture].min_height ||
      width > MAX_SIZE || height > MAX_SIZE)
    {
      if (picture == PD_CLI_CHART)
        g_printerr (_("pain-diary: --width and --height: from 200×150 to %d×%d pixels\n"),
                    MAX_SIZE, MAX_SIZE);
      else
        g_printerr (_("pain-diary: --width and --height: from 200×300 to %d×%d pixels\n"),
                    MAX_SIZE, MAX_SIZE);
      return FALSE;
    }
  options->width = width;
  options->height = height;
  return TRUE;
}

/* The summary of the chart, or else of the body map's stats; the body map's custom places
 * and its note follow its summary, when it has them. */
static void
print_summary (const PdChartData *chart,
               PdBodyStats       *stats)
{
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;
  g_autofree char *custom = NULL;

  if (chart != NULL)
    summary = pd_chart_describe (chart);
  else
    {
      summary = pd_body_stats_summary (stats, 8);
      note = pd_body_stats_note (stats);
      custom = pd_body_stats_describe_custom (stats);
    }
  g_print ("%s\n", summary);
  if (custom != NULL)
    g_print ("%s\n", custom);
  if (note != NULL)
    g_print ("%s\n", note);
}

/* Opens the diary read-only (a picture never writes to it, not even a backup) and loads the
 * period of options and the one before it (the chart's summary compares them, with the
 * rolling average's days before; the body map tells a new place of pain). NULL after
 * printing the error, *status then the exit status. */
static PdDiaryData *
load_period (const PdCliRequest   *request,
             PdCliPictureOptions  *options,
             PdDatabase          **db,
             int                  *status)
{
  g_autoptr(GError) error = NULL;
  const PdCliPeriod *period = &options->period;
  PdDiaryData *data;
  guint32 before;

  if (!(*db = pd_cli_open_period (request, 1000, pictures[options->picture].default_days,
                                  &options->period, status)))
    return NULL;
  before = period->last - period->first + 1 +
           (options->picture == PD_CLI_CHART ? PD_ROLLING_DAYS : 0);
  if (!(data = pd_cli_load_days (*db, period->first - before, period->last, &error)))
    *status = pd_cli_fail (request->diary, error);
  return data;
}

/* Draws the picture of the period and prints its summary. */
int
pd_cli_picture (PdCliPicture        picture,
                const PdCliRequest *request)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(PdDailySeries) series = NULL;
  g_autoptr(PdBodyStats) stats = NULL;
  PdCliPictureOptions options = { picture, 0, request->width, request->height, { 0, 0 } };
  PdChartData chart;
  PdBodyMapData map = { 0, -1, NULL };
  int status;

  if (!check_picture (picture, request->file, &options))
    return 2;
  if (!(data = load_period (request, &options, &db, &status)))
    return status;
  if (picture == PD_CLI_CHART)
    {
      /* The period and as many days before it, which the summary compares. */
      guint32 n_days = options.period.last - options.period.first + 1;

      series = pd_daily_series_new (data, options.period.first - n_days, options.period.last);
      pd_chart_data_init (&chart, series);
      /* A range that ends before today is named by its dates in the summary. */
      chart.today = pd_local_today (NULL);
      chart.first_day = options.period.first;
      chart.last_day = options.period.last;
    }
  else
    map.stats = stats = pd_body_stats_new (data->pain_entries, options.period.first,
                                           options.period.last);
  if (!pd_cli_picture_write (request, &options,
                             picture == PD_CLI_CHART ? (gconstpointer) &chart : &map, db))
    return 1;
  print_summary (picture == PD_CLI_CHART ? &chart : NULL, stats);
  return 0;
}
