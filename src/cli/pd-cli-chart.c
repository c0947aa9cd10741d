/* pd-cli-chart.c: --chart=FILE.png|FILE.svg, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cli-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-chart.h"
#include "pd-error.h"
#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-database.h"
#include "pd-types.h"


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

  if (!pd_cli_picture_write (diary, file, &options, &chart, db))
    return 1;
  {
    g_autofree char *summary = pd_chart_describe (&chart);
    g_print ("%s\n", summary);
  }
  return 0;
}
