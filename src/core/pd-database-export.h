/* pd-database-export.h: the records the diary CSV writes, read straight from the file in
 * time order, without making record objects (a streaming export)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

typedef enum
{
  PD_EXPORT_PAIN,
  PD_EXPORT_DOSE,
  PD_EXPORT_ACTIVITY,
  PD_EXPORT_EVENT,
  PD_EXPORT_FUNCTION,     /* a PSFS rating */
  PD_EXPORT_IMPRESSION,   /* a PGIC impression */
} PdExportKind;

/* One record as stored, in the columns of the diary CSV. Strings are the file's own bytes,
 * valid during the callback only; the fields of other kinds hold NULL, PD_UNSET or -1. */
typedef struct
{
  PdExportKind kind;
  const char *id;              /* as stored (the record objects lower-case theirs) */
  gint64 time;                 /* UTC instant, seconds */
  int utc_offset;

  /* Pain entries: PD_UNSET where an optional item is empty, sleep_hours -1. The tag lists
   * as the diary stores them, for pd_tags_parse (never NULL). */
  int pain;
  int enjoyment_interference;
  int activity_interference;
  const char *locations;
  const char *qualities;
  const char *red_flags;
  double sleep_hours;
  int sleep_quality;
  int mood;
  int back_pain;
  int leg_pain;

  /* The dose's or activity's name, the event's title, the rated activity's name, or the
   * title of the event an impression is about ("" for overall or a deleted event). */
  const char *item;
  double amount;               /* doses */
  const char *unit;            /* doses */
  int duration;                /* activities, minutes */
  int effort;                  /* activities, PD_UNSET for none */
  int score;                   /* function 0-10, impression 1-7 */
  const char *event_kind;      /* events */
  guint32 end_day;             /* events: the last day (Julian), 0 for none */
  const char *note;            /* NULL or "" for none */
} PdExportRecord;

/* Return FALSE to stop reading. */
typedef gboolean (*PdExportFunc) (const PdExportRecord *record,
                                  gpointer              user_data);

/* Calls func for every live record with from <= time < to (Unix seconds) that the diary CSV
 * writes, oldest first (records of the same second in any order): pain entries, taken doses
 * (not skipped ones), activities, events, function ratings whose activity is not deleted,
 * and impressions. One read transaction, on a read-only connection of its own where the
 * diary has a file; memory stays small whatever the size of the diary. FALSE with the error
 * set when reading fails, and FALSE without an error when func stopped it. */
gboolean pd_database_export_records (PdDatabase    *self,
                                     gint64         from,
                                     gint64         to,
                                     PdExportFunc   func,
                                     gpointer       user_data,
                                     GError       **error);

G_END_DECLS
