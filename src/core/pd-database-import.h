/* pd-database-import.h: writing the checked records of a bulk import (the diary CSV) without
 * a record object each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* One new pain entry, dose (taken, at no scheduled time, without side effects), activity or
 * event, as its pd_*_validate() would pass it: the caller has checked every field. Strings
 * are borrowed. */
typedef struct
{
  PdRecordKind kind;        /* PD_RECORD_PAIN, _DOSE, _ACTIVITY or _EVENT */
  char id[37];              /* lower-case UUID */
  int utc_offset;
  gint64 time;
  const char *name;         /* a dose's or an activity's name, an event's title */
  const char *note;
  union
  {
    struct
    {
      gint8 pain, enjoyment_interference, activity_interference, sleep_quality, mood,
            back_pain, leg_pain;           /* PD_UNSET for none (but pain) */
      double sleep_hours;                  /* < 0 for none */
      guint64 locations, qualities, red_flags;
      const char * const *custom_locations;  /* NULL for none */
      const char * const *custom_qualities;
    } pain;
    struct
    {
      const char *medication_id;           /* NULL for none */
      const char *unit;
      double amount;
    } dose;
    struct
    {
      int duration, effort;                /* effort PD_UNSET for none */
    } activity;
    struct
    {
      const char *kind;
      guint32 end_day;                     /* 0 for none */
    } event;
  };
} PdImportRecord;

/* Inserts the records, created and updated now, in one transaction of their own, or in the
 * caller's (pd_database_begin), which must then roll back a failure. An id the table already
 * holds (deleted or not) keeps its row: an import never overwrites a record. */
gboolean pd_database_import_records (PdDatabase            *self,
                                     const PdImportRecord  *records,
                                     guint                  n_records,
                                     GError               **error);

G_END_DECLS
