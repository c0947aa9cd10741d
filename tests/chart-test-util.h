/* chart-test-util.h: building diaries in memory for the daily, before/after and chart tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "test-util.h"
#include "pd-database.h"
#include "pd-types.h"

#define HOUR 3600
#define BERLIN_WINTER HOUR

static inline PdDiaryData *
diary_new (void)
{
  PdDiaryData *data = g_new0 (PdDiaryData, 1);

  data->pain_entries = g_ptr_array_new_with_free_func (g_object_unref);
  data->medications = g_ptr_array_new_with_free_func (g_object_unref);
  data->doses = g_ptr_array_new_with_free_func (g_object_unref);
  data->activities = g_ptr_array_new_with_free_func (g_object_unref);
  data->events = g_ptr_array_new_with_free_func (g_object_unref);
  return data;
}

/* A pain entry at a local day and minute after midnight, at a UTC offset. */
static inline PdPainEntry *
add_pain_at (PdDiaryData *data,
             guint32      day,
             guint        minute,
             int          utc_offset,
             int          pain)
{
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_pain (entry, pain);
  pd_pain_entry_set_time (entry, pd_local_day_start (day, utc_offset) + minute * 60, utc_offset);
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
  PdDose *dose = pd_dose_new ();

  pd_dose_set_name (dose, name);
  pd_dose_set_amount (dose, amount);
  pd_dose_set_unit (dose, "mg");
  pd_dose_set_status (dose, status);
  pd_dose_set_time (dose, pd_local_day_start (day, BERLIN_WINTER) + 9 * HOUR, BERLIN_WINTER);
  g_ptr_array_add (data->doses, dose);
  return dose;
}

static inline void
add_activity (PdDiaryData *data,
              guint32      day,
              int          minutes)
{
  PdActivity *activity = pd_activity_new ();

  pd_activity_set_name (activity, "Walking");
  pd_activity_set_duration (activity, minutes);
  pd_activity_set_time (activity, pd_local_day_start (day, BERLIN_WINTER) + 17 * HOUR,
                        BERLIN_WINTER);
  g_ptr_array_add (data->activities, activity);
}

static inline void
add_event (PdDiaryData *data,
           guint32      day,
           const char  *title)
{
  PdEvent *event = pd_event_new ();

  pd_event_set_kind (event, "injection");
  pd_event_set_title (event, title);
  pd_event_set_time (event, pd_local_day_start (day, BERLIN_WINTER) + 10 * HOUR, BERLIN_WINTER);
  g_ptr_array_add (data->events, event);
}
