/* pd-generator.h: deterministic synthetic diaries, for --demo and the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint   days;            /* how many days, ending with end_date */
  guint   entries_per_day; /* 0: a realistic 1-4 per day */
  guint32 seed;
  GDate   end_date;        /* the last day (local) */
  const char *tz;          /* time zone identifier; NULL: local */
  guint   doses_per_day;   /* 0: no regimen; else a fixed regimen of that many scheduled doses */
  guint   activities_per_day;
} PdGeneratorOptions;

/* The demo story: a patient a few months after a lumbar fusion, with a flare and a
 * recovery. Writes everything in one transaction. */
gboolean pd_generator_fill_demo   (PdDatabase                *db,
                                   const GDate               *end_date,
                                   GError                   **error);
gboolean pd_generator_fill        (PdDatabase                *db,
                                   const PdGeneratorOptions  *options,
                                   GError                   **error);

G_END_DECLS
