/* pd-body-stats.h: where it hurt over a period, region by region (the body map's data)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One location (a PD_TAG_LOCATION index) over the period. */
typedef struct
{
  guint days;                  /* local days with an entry naming it */
  guint n_entries;
  double mean;                 /* mean pain (0-10) of those entries; 0 when none */
  int max;                     /* highest pain of those entries; -1 when none */
} PdBodyRegionStats;

typedef struct
{
  guint32 first_day;           /* Julian days, inclusive */
  guint32 last_day;
  guint days_with_entries;     /* days of the period with any pain entry */
  guint max_days;              /* the most days any one location had */
  guint n_regions;             /* pd_tag_count (PD_TAG_LOCATION) */
  PdBodyRegionStats *regions;  /* indexed by location */
  GPtrArray *custom;           /* the patient's own location words (char *), sorted */
  gboolean below_knee;         /* pain below the knee in the period */
  gboolean below_knee_before;  /* ... in the equally long period just before */
  guint entries_before;        /* pain entries in that period before */
} PdBodyStats;

/* entries: PdPainEntry in any order; those outside the period are skipped except the
 * period just before (as long as this one), which decides below_knee_before. */
PdBodyStats *pd_body_stats_new          (GPtrArray         *entries,
                                         guint32            first_day,
                                         guint32            last_day);
void         pd_body_stats_free         (PdBodyStats       *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdBodyStats, pd_body_stats_free)

/* Whether a location (key) lies below the knee: the lower leg, ankle and foot. */
gboolean     pd_body_location_below_knee (const char       *key);

/* For screen readers and the report: "Most often: low back, 12 of 14 days; left calf,
 * 5 days; …" (at most max_items locations), or a sentence saying no location was named. */
char        *pd_body_stats_summary      (const PdBodyStats *stats,
                                         guint              max_items);
/* The patient's own words for places (not on the figure), or NULL when there are none:
 * "Also, in the patient's own words: …". */
char        *pd_body_stats_describe_custom (const PdBodyStats *stats);
/* Information for the clinician, or NULL: pain below the knee in this period but not in
 * the one before. */
char        *pd_body_stats_note         (const PdBodyStats *stats);

G_END_DECLS
