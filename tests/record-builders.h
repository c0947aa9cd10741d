/* record-builders.h: new records with the fields most tests set, at a time and a UTC
 * offset; a test sets whatever else it needs (and checks an entry left without optional items)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-activity.h"
#include "pd-database.h"
#include "pd-dose.h"
#include "pd-event.h"
#include "pd-function-rating.h"
#include "pd-impression.h"
#include "pd-medication.h"
#include "pd-pain-entry.h"
#include "pd-types.h"

/* New diary data with empty arrays of the records pd_database_save_records takes (pain
 * entries, medications, doses, activities, events) and no spine outcomes. */
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

/* Saves the records of data (made by diary_new) in db with one pd_database_save_records. */
static inline gboolean
save_diary_records (PdDatabase   *db,
                    PdDiaryData  *data,
                    GError      **error)
{
  return pd_database_save_records (db, data->pain_entries, data->medications, data->doses,
                                   data->activities, data->events, error);
}

/* All that db holds (pd_database_load); the test fails when it cannot be read. */
static inline PdDiaryData *
load_diary (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  PdDiaryData *data = pd_database_load (db, &error);

  g_assert_no_error (error);
  return data;
}

static inline PdPainEntry *
new_entry (gint64      unix_time,
           int         utc_offset,
           int         pain,
           const char *note)
{
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_time (entry, unix_time, utc_offset);
  pd_pain_entry_set_pain (entry, pain);
  pd_pain_entry_set_note (entry, note);
  return entry;
}

static inline PdActivity *
new_activity (const char *name,
              gint64      unix_time,
              int         utc_offset,
              int         duration)
{
  PdActivity *activity = pd_activity_new ();

  pd_activity_set_name (activity, name);
  pd_activity_set_time (activity, unix_time, utc_offset);
  pd_activity_set_duration (activity, duration);
  return activity;
}

static inline PdEvent *
new_event (const char *kind,
           const char *title,
           gint64      unix_time,
           int         utc_offset)
{
  PdEvent *event = pd_event_new ();

  pd_event_set_kind (event, kind);
  pd_event_set_title (event, title);
  pd_event_set_time (event, unix_time, utc_offset);
  return event;
}

/* A medication taken in amount (in mg, the default unit) at the times of schedule
 * ("08:00;20:00"; NULL or "": as needed). */
static inline PdMedication *
new_scheduled_medication (const char *name,
                          double      amount,
                          const char *schedule)
{
  PdMedication *medication = pd_medication_new ();

  pd_medication_set_name (medication, name);
  pd_medication_set_amount (medication, amount);
  g_assert_true (pd_medication_set_schedule_string (medication, schedule, NULL));
  return medication;
}

/* A dose at a local day and time (minutes after midnight) at a UTC offset; it falls on that
 * local day. */
static inline PdDose *
test_dose_at (const char *name,
              double      amount,
              const char *unit,
              guint32     day,
              guint       minute,
              int         utc_offset)
{
  PdDose *dose = pd_dose_new ();

  pd_dose_set_name (dose, name);
  pd_dose_set_amount (dose, amount);
  pd_dose_set_unit (dose, unit);
  pd_dose_set_time (dose, pd_local_day_start (day, utc_offset) + minute * 60, utc_offset);
  g_assert_cmpuint (pd_dose_get_local_day (dose), ==, day);
  return dose;
}

/* A function rating (PSFS) and an impression (PGIC) have the same fields: the id (when
 * id is not NULL; else the new one), the id of what the score is about (an activity, an event),
 * the time, the UTC offset and the score. One definition makes new_rating and new_impression. */
#define DEFINE_NEW_SCORED(func, Type, type, about_id)                           \
  static inline Type *                                                          \
  func (const char *id,                                                         \
        const char *about_id,                                                   \
        gint64      unix_time,                                                  \
        int         utc_offset,                                                 \
        int         score)                                                      \
  {                                                                             \
    Type *scored = type##_new ();                                               \
                                                                                \
    if (id != NULL)                                                             \
      type##_set_id (scored, id);                                               \
    type##_set_##about_id (scored, about_id);                                   \
    type##_set_time (scored, unix_time, utc_offset);                            \
    type##_set_score (scored, score);                                           \
    return scored;                                                              \
  }

DEFINE_NEW_SCORED (new_rating, PdFunctionRating, pd_function_rating, activity_id)
DEFINE_NEW_SCORED (new_impression, PdImpression, pd_impression, event_id)

/* The optional items of an entry that nobody filled in: no interference, sleep, mood, body map
 * or red flags. */
static inline void
assert_optional_items_unset (PdPainEntry *entry)
{
  g_assert_cmpint (pd_pain_entry_get_enjoyment_interference (entry), ==, PD_UNSET);
  g_assert_cmpint (pd_pain_entry_get_activity_interference (entry), ==, PD_UNSET);
  g_assert_cmpint (pd_pain_entry_get_sleep_quality (entry), ==, PD_UNSET);
  g_assert_cmpint (pd_pain_entry_get_mood (entry), ==, PD_UNSET);
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), <, 0);
  g_assert_cmpuint (pd_pain_entry_get_locations (entry), ==, 0);
  g_assert_cmpuint (pd_pain_entry_get_qualities (entry), ==, 0);
  g_assert_cmpuint (pd_pain_entry_get_red_flags (entry), ==, 0);
}
