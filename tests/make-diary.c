/* make-diary.c: writes a synthetic diary for the CSV tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * make-diary PATH demo                          the --demo story (120 days)
 * make-diary PATH DAYS ENTRIES DOSES ACTIVITIES  pd_generator_fill with those numbers per day
 */

#define G_LOG_DOMAIN "make-diary"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pd-database.h"
#include "pd-generator.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  GDate end;

  if (argc != 3 && argc != 6)
    {
      g_printerr ("usage: make-diary PATH demo | make-diary PATH DAYS ENTRIES DOSES ACTIVITIES\n");
      return 2;
    }

  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 15, G_DATE_MARCH, 2026);
  db = pd_database_open (argv[1], PD_DATABASE_NO_BACKUPS, &error);
  if (db != NULL && argc == 3 && strcmp (argv[2], "demo") == 0)
    {
      pd_generator_fill_demo (db, &end, &error);
    }
  else if (db != NULL && argc == 6)
    {
      PdGeneratorOptions options = {
        .days = atoi (argv[2]),
        .entries_per_day = atoi (argv[3]),
        .seed = 42,
        .end_date = end,
        .tz = "Europe/Berlin",
        .doses_per_day = atoi (argv[4]),
        .activities_per_day = atoi (argv[5]),
      };
      pd_generator_fill (db, &options, &error);
    }
  else if (db != NULL)
    {
      g_printerr ("make-diary: expected “demo” or four numbers\n");
      return 2;
    }

  if (error != NULL)
    {
      g_printerr ("make-diary: %s: %s\n", argv[1], error->message);
      return 1;
    }
  return 0;
}
