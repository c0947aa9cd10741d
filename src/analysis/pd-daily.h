/* pd-daily.h: one aggregate per local day (pain, PEG, sleep, mood, doses, MME, activity,
 * events) over a range of days, built once from a diary's records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* The days a rolling mean looks back over, the day itself included. */
#define PD_ROLLING_DAYS 7

/* One local day. Means are NAN when the day has nothing to average: a day without pain
 * entries has n_entries 0, pain_mean NAN and pain_min/pain_max -1 (a gap, never a zero). */
typedef struct
{
  guint32 day;                 /* Julian day (g_date_get_julian) */
  guint   n_entries;           /* pain entries */
  double  pain_mean;
  int     pain_min;
  int     pain_max;
  double  enjoyment_mean;      /* PEG "E": interference with enjoyment of life */
  double  activity_mean;       /* PEG "G": interference with general activity */
  double  sleep_hours;         /* mean of the entries that give it */
  double  mood_mean;
  /* Mean of the pain means of the days with entries among this day and the 6 before;
   * NAN when none of them has any. */
  double  rolling_mean;
  guint   n_doses;             /* taken doses, every medication */
  double  mme;                 /* daily opioid MME (pd_daily_mme) */
  guint   activity_minutes;
  guint   n_events;
  /* Spine outcomes: means of the entries that give them; NAN when none. */
  double  back_pain_mean;
  double  leg_pain_mean;
  /* PSFS: the mean of the day's activity ratings (domain.md); NAN when none. */
  double  psfs_mean;
} PdDay;

/* A treatment event on a day of the series. */
typedef struct
{
  guint32  day;
  char    *title;
  char    *kind;
} PdDayEvent;

typedef struct _PdDailySeries PdDailySeries;

/* Aggregates data's records whose local day is within first_day..last_day (inclusive).
 * Records outside the range count only where they must: the 6 days before first_day for
 * the rolling mean and the 2 before for fentanyl patches still worn. Linear in records
 * plus days. */
PdDailySeries *pd_daily_series_new                 (PdDiaryData          *data,
                                                    guint32               first_day,
                                                    guint32               last_day);
PdDailySeries *pd_daily_series_ref                 (PdDailySeries        *self);
void           pd_daily_series_unref               (PdDailySeries        *self);

guint32        pd_daily_series_get_first_day       (const PdDailySeries  *self);
guint32        pd_daily_series_get_last_day        (const PdDailySeries  *self);
guint          pd_daily_series_get_n_days          (const PdDailySeries  *self);
/* The day, or NULL outside the range. Constant time. */
const PdDay   *pd_daily_series_get_day             (const PdDailySeries  *self,
                                                    guint32               day);
/* All days in order, first_day first. */
const PdDay   *pd_daily_series_get_days            (const PdDailySeries  *self,
                                                    guint                *n_days);

/* The medications doses were logged for, most doses first; names as first logged. */
guint          pd_daily_series_get_n_medications   (const PdDailySeries  *self);
const char    *pd_daily_series_get_medication_name (const PdDailySeries  *self,
                                                    guint                 index);
/* Taken doses of one medication on a day; 0 outside the range. */
guint          pd_daily_series_get_doses           (const PdDailySeries  *self,
                                                    guint32               day,
                                                    guint                 medication);

/* Events of the range, by day. */
const PdDayEvent *pd_daily_series_get_events       (const PdDailySeries  *self,
                                                    guint                *n_events);

/* The first and last days with any record (pain, dose, activity or event); FALSE when
 * the range holds none. */
gboolean       pd_daily_series_get_data_range      (const PdDailySeries  *self,
                                                    guint32              *first,
                                                    guint32              *last);
/* Maxima over the range, for the chart's scales. */
guint          pd_daily_series_get_max_doses       (const PdDailySeries  *self);
double         pd_daily_series_get_max_mme         (const PdDailySeries  *self);
guint          pd_daily_series_get_max_activity    (const PdDailySeries  *self);

/* The mean of the pain means of the days with entries in first..last (clipped to the
 * series), and how many such days there are; NAN when none. */
double         pd_daily_series_mean_pain           (const PdDailySeries  *self,
                                                    guint32               first,
                                                    guint32               last,
                                                    guint                *n_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDailySeries, pd_daily_series_unref)

G_END_DECLS
