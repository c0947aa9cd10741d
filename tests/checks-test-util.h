/* checks-test-util.h: what the medication-check tests share (test-checks, test-mme,
 * test-safety): doses at a local time, and finding warnings by kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-medication-checks.h"
#include "pd-types.h"
#include "record-builders.h"
#include "test-util.h"

#define HOUR 3600
#define BERLIN HOUR
#define NEW_YORK (-5 * HOUR)

/* A new array that owns the records (doses, medications) put in it. */
static GPtrArray *
new_array (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
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
