/* chart-test-util.h: building diaries in memory for the daily, before/after and chart tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "test-util.h"
#include "pd-database.h"
#include "pd-function-activity.h"
#include "pd-types.h"
#include "record-builders.h"

#define HOUR 3600
#define BERLIN_WINTER HOUR

/* A pain entry at a local day and minute after midnight, at a UTC offset. */
static inline PdPainEntry *
add_pain_at (PdDiaryData *data,
             guint32      day,
             guint        minute,
             int          utc_offset,
             int          pain)
{
  PdPainEntry *entry = new_entry (pd_local_day_start (day, utc_offset) + minute * 60,
                                  utc_offset, pain, NULL);

  g_ptr_array_add (data->pain_entries, entry);
  return entry;
}

static inline PdPainEntry *
add_pain (PdDiaryData *data,
          guint32      day,
          int          pain)
{
  return add_pain_at (data, day, 12 * 60, BERLIN_WINTER, pain);
}

static inline PdDose *
add_dose (PdDiaryData  *data,
          guint32       day,
          const char   *name,
          double        amount,
          PdDoseStatus  status)
{
  PdDose *dose = test_dose_at (name, amount, "mg", day, 9 * 60, BERLIN_WINTER);

  pd_dose_set_status (dose, status);
  g_ptr_array_add (data->doses, dose);
  return dose;
}

static inline void
add_activity (PdDiaryData *data,
              guint32      day,
              int          minutes)
{
  g_ptr_array_add (data->activities,
                   new_activity ("Walking", pd_local_day_start (day, BERLIN_WINTER) + 17 * HOUR,
                                 BERLIN_WINTER, minutes));
}

static inline void
add_event (PdDiaryData *data,
           guint32      day,
           const char  *title)
{
  g_ptr_array_add (data->events,
                   new_event ("injection", title,
                              pd_local_day_start (day, BERLIN_WINTER) + 10 * HOUR, BERLIN_WINTER));
}

/* A function activity (PSFS) named name, added on day, in data; the lists of activities and
 * of ratings are made when data has none yet. */
static inline PdFunctionActivity *
add_function_activity (PdDiaryData *data,
                       const char  *name,
                       guint32      day)
{
  PdFunctionActivity *activity = pd_function_activity_new ();

  if (data->function_activities == NULL)
    data->function_activities = g_ptr_array_new_with_free_func (g_object_unref);
  if (data->function_ratings == NULL)
    data->function_ratings = g_ptr_array_new_with_free_func (g_object_unref);
  pd_function_activity_set_name (activity, name);
  pd_function_activity_set_added_day (activity, day);
  g_ptr_array_add (data->function_activities, activity);
  return activity;
}

/* A function rating of an activity at an hour of a local day. */
static inline PdFunctionRating *
add_rating_at (GPtrArray  *ratings,
               const char *activity_id,
               guint32     day,
               int         hour,
               int         score)
{
  PdFunctionRating *rating = new_rating (NULL, activity_id,
                                         pd_local_day_start (day, BERLIN_WINTER) + hour * HOUR,
                                         BERLIN_WINTER, score);

  g_ptr_array_add (ratings, rating);
  return rating;
}
