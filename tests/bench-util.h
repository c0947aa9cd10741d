/* bench-util.h: what the C benchmarks share (bench-core, bench-chart): medians and clocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <time.h>

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
