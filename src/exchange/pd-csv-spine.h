/* pd-csv-spine.h: the diary CSV's `function` (PSFS) and `impression` (PGIC) rows and the
 * summary's spine columns, as pieces for the CSV writer and reader to call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-daily.h"
#include "pd-database-spine.h"

G_BEGIN_DECLS

/* The record-specific cells of one row; the writer fills id, date, time and utc_offset
 * from id, time and utc_offset and leaves every other column empty. */
typedef struct
{
  const char *id;     /* the record's UUID; valid while data is */
  gint64 time;
  int utc_offset;
  const char *kind;   /* "function" or "impression" */
  char *item;         /* the activity in the patient's words; the event's title or "" */
  char *amount;       /* 0-10 ability; 1-7 impression */
  const char *note;   /* an impression's note, or NULL; valid while data is */
} PdCsvSpineRow;

/* Whether day is within from_day..to_day, where 0 is no bound (as the exports' days are). */
gboolean    pd_csv_day_in_range        (guint32         day,
                                        guint32         from_day,
                                        guint32         to_day);

/* The name of the activity of that id, or NULL; the title of the event of that id, or ""
 * for none (an impression about nothing in particular, or about a deleted event). */
const char *pd_csv_spine_activity_name (GPtrArray      *activities,
                                        const char     *id);
const char *pd_csv_spine_event_title   (GPtrArray      *events,
                                        const char     *id);

/* The function and impression rows of data whose local day is within from_day..to_day
 * (0: no bound), oldest first. A GArray of PdCsvSpineRow that frees its strings. */
GArray   *pd_csv_spine_rows            (PdDiaryData      *data,
                                        guint32           from_day,
                                        guint32           to_day);

/* A function row read back (the record without an id): its activity is found by name (ignoring case) among activities,
 * else made and added to activities (and to new_activities, for the caller to save first).
 * FALSE with "field: reason" (PD_ERROR_INVALID) for a bad item or amount. */
PdFunctionRating *pd_csv_spine_read_function   (gint64       time,
                                                int          utc_offset,
                                                const char  *item,
                                                const char  *amount,
                                                GPtrArray   *activities,
                                                GPtrArray   *new_activities,
                                                GError     **error);
/* An impression row read back, about nothing in particular: its item (the event's title,
 * which may come later in the file) is for pd_csv_spine_set_impression_event. */
PdImpression     *pd_csv_spine_read_impression (gint64       time,
                                                int          utc_offset,
                                                const char  *amount,
                                                GError     **error);

/* Sets the event the impression is about from its title: of the events so titled, the latest
 * at or before the impression, else the latest. NULL or "": overall. FALSE with
 * "item: reason" (PD_ERROR_INVALID) when no event has that title. */
gboolean          pd_csv_spine_set_impression_event (PdImpression  *impression,
                                                     const char    *title,
                                                     GPtrArray     *events,
                                                     GError       **error);

/* The summary CSV's back_pain_mean, leg_pain_mean and psfs_mean cells of a day, each with
 * its leading comma; empty where the day has none. At most two decimals. */
void              pd_csv_spine_append_summary  (GString     *out,
                                                const PdDay *day);

G_END_DECLS
