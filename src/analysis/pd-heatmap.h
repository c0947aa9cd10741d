/* pd-heatmap.h: "when it hurts", mean pain by weekday and time of day, from each entry's
 * local wall-clock time (its stored UTC offset), over a range of local days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-pain-entry.h"

G_BEGIN_DECLS

#define PD_HEATMAP_WEEKDAYS 7
/* Three-hour bins: 0-3, 3-6, ... 21-24. */
#define PD_HEATMAP_BINS 8
#define PD_HEATMAP_BIN_HOURS (24 / PD_HEATMAP_BINS)
/* Cells with fewer entries are shown but never called the highest or lowest. */
#define PD_HEATMAP_MIN_ENTRIES 3

typedef struct
{
  guint n_entries;
  double mean;                 /* NAN when n_entries is 0: an empty cell, never a zero */
} PdHeatmapCell;

/* Weekday 0 is Monday, 6 Sunday (as the weekday of a Julian day: (day - 1) % 7). */
typedef struct
{
  PdHeatmapCell cells[PD_HEATMAP_WEEKDAYS][PD_HEATMAP_BINS];
  guint n_entries;
  guint32 first_day;
  guint32 last_day;
} PdHeatmap;

/* The pain entries reduced to what the map needs, by local day: built once per diary, then
 * any range costs the entries in it (a binary search finds the first). */
typedef struct _PdHeatmapSource PdHeatmapSource;

PdHeatmapSource *pd_heatmap_source_new  (GPtrArray              *pain_entries);
void             pd_heatmap_source_free (PdHeatmapSource        *self);

/* The weekday (0 Monday) and bin of an instant at a UTC offset: its local wall clock. */
void             pd_heatmap_locate      (gint64                  unix_time,
                                         int                     utc_offset,
                                         guint                  *weekday,
                                         guint                  *bin);

/* The map of the entries whose local day is within first_day..last_day (inclusive). */
void             pd_heatmap_compute     (PdHeatmap              *heatmap,
                                         const PdHeatmapSource  *source,
                                         guint32                 first_day,
                                         guint32                 last_day);

/* The cell with the highest (or lowest) mean among those with at least
 * PD_HEATMAP_MIN_ENTRIES entries; FALSE when there is none. */
gboolean         pd_heatmap_find_peak   (const PdHeatmap        *heatmap,
                                         gboolean                highest,
                                         guint                  *weekday,
                                         guint                  *bin);

/* The first day of the week in the current locale, as a weekday (0 Monday). */
guint            pd_heatmap_first_weekday (void);

/* The locale's names: "Tuesday" or "Tue"; a bin: "18:00–21:00". */
char            *pd_heatmap_weekday_name  (guint                  weekday,
                                           gboolean               abbreviated);
char            *pd_heatmap_bin_label     (guint                  bin);

/* The summary for assistive technologies and the page: "Pain is highest on Tuesdays
 * between 18:00 and 21:00 (mean 6.8, 12 entries) and lowest ..." Translated. */
char            *pd_heatmap_describe      (const PdHeatmap       *heatmap);
/* One cell: "Tuesday 18:00–21:00: mean pain 6.8, 12 entries" or "... no entries". */
char            *pd_heatmap_describe_cell (const PdHeatmap       *heatmap,
                                           guint                  weekday,
                                           guint                  bin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdHeatmapSource, pd_heatmap_source_free)

G_END_DECLS
