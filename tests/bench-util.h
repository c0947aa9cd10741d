/* bench-util.h: what the C benchmarks share (bench-core, bench-chart, bench-model): medians,
 * clocks and the synthetic 10-year diary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <time.h>

#include "pd-database.h"
#include "pd-generator.h"
#include "test-util.h"

static inline int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of values (sorted in place). */
static inline double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* Monotonic wall-clock milliseconds. */
static inline double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Milliseconds of CPU time on clock (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID): on
 * a busy machine the wall-clock figures grow with the other load, these much less. */
static inline double
cpu_ms_of (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Writes the synthetic 10-year diary (6 entries, 8 doses and 3 activities a day, seed 42) that
 * ends on the Julian day end_day to a new diary file at path. */
static inline void
bench_fill_ten_years (const char *path,
                      guint32     end_day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  PdGeneratorOptions options = { 0 };

  options.days = 3650;
  options.entries_per_day = 6;
  options.seed = 42;
  options.doses_per_day = 8;
  options.activities_per_day = 3;
  g_date_set_julian (&options.end_date, end_day);
  db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  if (!pd_generator_fill (db, &options, &error))
    g_error ("generator failed: %s", error->message);
}
