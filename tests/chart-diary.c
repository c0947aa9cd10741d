/* chart-diary.c: writes a synthetic diary for the chart's command-line test and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * chart-diary FILE demo         the 120-day demo story (pd_generator_fill_demo), ending today
 * chart-diary FILE YEARS        YEARS x 365 days of 6 entries, 8 doses, 3 activities a day
 * chart-diary FILE YEARS MEANS  the same, and the daily pain means of its last MEANS_DAYS
 *                               days (environment, default 90) as a gnuplot data file:
 *                               YYYY-MM-DD mean min max
 */

#define G_LOG_DOMAIN "chart-diary"

#include "config.h"

#include <stdlib.h>

#include "pd-daily.h"
#include "pd-generator.h"

static gboolean
write_means (PdDatabase  *db,
             const char  *path,
             guint        days,
             GError     **error)
{
  g_autoptr(PdDiaryData) data = pd_database_load (db, error);
  g_autoptr(PdDailySeries) series = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint32 last;
  GDate date;

  if (data == NULL)
    return FALSE;
  last = pd_pain_entry_get_local_day (g_ptr_array_index (data->pain_entries, 0));
  series = pd_daily_series_new (data, last - days + 1, last);
  g_date_clear (&date, 1);
  for (guint32 day = last - days + 1; day <= last; day++)
    {
      const PdDay *aggregate = pd_daily_series_get_day (series, day);
      char mean[G_ASCII_DTOSTR_BUF_SIZE];

      if (aggregate->n_entries == 0)
        continue;
      g_date_set_julian (&date, day);
      g_string_append_printf (text, "%04d-%02d-%02d %s %d %d\n", g_date_get_year (&date),
                              g_date_get_month (&date), g_date_get_day (&date),
                              g_ascii_dtostr (mean, sizeof mean, aggregate->pain_mean),
                              aggregate->pain_min, aggregate->pain_max);
    }
  return g_file_set_contents (path, text->str, (gssize) text->len, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  GDate end;
  gboolean ok;

  if (argc != 3 && argc != 4)
    {
      g_printerr ("usage: %s FILE demo|YEARS [MEANS]\n", argv[0]);
      return 2;
    }
  db = pd_database_open (argv[1], PD_DATABASE_NO_BACKUPS, &error);
  if (db == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  g_date_clear (&end, 1);
  g_date_set_time_t (&end, time (NULL));
  if (g_str_equal (argv[2], "demo"))
    {
      ok = pd_generator_fill_demo (db, &end, &error);
    }
  else
    {
      PdGeneratorOptions options = {
        .days = (guint) atoi (argv[2]) * 365,
        .entries_per_day = 6,
        .seed = 42,
        .end_date = end,
        .doses_per_day = 8,
        .activities_per_day = 3,
      };

      ok = options.days > 0 && pd_generator_fill (db, &options, &error);
      if (ok && argc == 4)
        {
          const char *days = g_getenv ("MEANS_DAYS");

          ok = write_means (db, argv[3], days != NULL ? (guint) atoi (days) : 90, &error);
        }
    }
  if (!ok)
    {
      g_printerr ("%s: %s\n", argv[1], error != NULL ? error->message : "bad arguments");
      return 1;
    }
  return 0;
}
