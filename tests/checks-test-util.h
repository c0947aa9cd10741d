/* checks-test-util.h: what the medication-check tests share (test-checks, test-mme,
 * test-safety): doses at a local time, and finding warnings by kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-medication-checks.h"
#include "pd-types.h"
#include "test-util.h"

#define HOUR 3600
#define BERLIN HOUR
#define NEW_YORK (-5 * HOUR)

/* A dose at a local day and time (minutes after midnight) at a UTC offset; it falls on that
 * local day. */
static inline PdDose *
test_dose_at (const char *name,
              double      amount,
              const char *unit,
              guint32     day,
              guint       minute,
              int         utc_offset)
{
  PdDose *dose = pd_dose_new ();

  pd_dose_set_name (dose, name);
  pd_dose_set_amount (dose, amount);
  pd_dose_set_unit (dose, unit);
  pd_dose_set_time (dose, pd_local_day_start (day, utc_offset) + minute * 60, utc_offset);
  g_assert_cmpuint (pd_dose_get_local_day (dose), ==, day);
  return dose;
}

/* Adds a dose at a local day and time (minutes after midnight) in Berlin. */
static inline void
add_dose_on (GPtrArray  *doses,
             const char *name,
             double      amount,
             const char *unit,
             guint32     day,
             guint       minute)
{
  g_ptr_array_add (doses, test_dose_at (name, amount, unit, day, minute, BERLIN));
}

/* A dose of a day's list: at minute after local midnight. */
typedef struct
{
  const char *name;
  double amount;
  const char *unit;
  guint minute;
} TestDose;

/* The doses of table, on day, in Berlin's winter time (UTC+1), added to doses. */
static inline void
test_add_doses (GPtrArray      *doses,
                guint32         day,
                const TestDose *table,
                gsize           n)
{
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (doses, test_dose_at (table[i].name, table[i].amount, table[i].unit, day,
                                          table[i].minute, 3600));
}

/* How many of warnings are of kind. */
static inline guint
count_kind (GPtrArray     *warnings,
            PdWarningKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < warnings->len; i++)
    if (((PdWarning *) g_ptr_array_index (warnings, i))->kind == kind)
      n++;
  return n;
}

/* The first of warnings of kind, or NULL. */
static inline PdWarning *
find_kind (GPtrArray     *warnings,
           PdWarningKind  kind)
{
  for (guint i = 0; i < warnings->len; i++)
    if (((PdWarning *) g_ptr_array_index (warnings, i))->kind == kind)
      return g_ptr_array_index (warnings, i);
  return NULL;
}
