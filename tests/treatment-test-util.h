/* treatment-test-util.h: what the treatment storage tests (test-treatment-storage,
 * test-treatment-refusals, test-treatment-loading) share: records made, saved, listed and
 * compared field by field, for every kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-catalogue.h"
#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "pd-medication-checks.h"
#include "record-builders.h"
#include "record-fields.h"
#include "storage-fixture.h"


#define T0 G_GINT64_CONSTANT (1760000000)   /* 2025-10-09 08:53:20 UTC */
#define CEST (2 * 3600)
#define UNKNOWN_ID "00000000-0000-4000-8000-000000000000"

static inline guint32
side_effect (const char *key)
{
  for (guint i = 0; i < pd_side_effect_count (); i++)
    {
      if (g_str_equal (pd_side_effect_key (i), key))
        return 1u << i;
    }
  g_assert_not_reached ();
}

static inline PdMedication *
new_medication (const char *key)
{
  PdMedication *medication = pd_medication_new_from_catalogue (key);

  g_assert_nonnull (medication);
  pd_medication_set_start_day (medication, julian (2025, G_DATE_OCTOBER, 1));
  return medication;
}

static inline PdDose *
new_dose (PdMedication *medication,
          gint64        unix_time,
          double        amount)
{
  PdDose *dose = pd_dose_new ();

  if (medication != NULL)
    {
      pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
      pd_dose_set_name (dose, pd_medication_get_name (medication));
      pd_dose_set_unit (dose, pd_medication_get_unit (medication));
    }
  else
    {
      pd_dose_set_name (dose, "Magnesium");
      pd_dose_set_unit (dose, "mg");
    }
  pd_dose_set_time (dose, unix_time, CEST);
  pd_dose_set_amount (dose, amount);
  return dose;
}

/* Every kind of record, in the order of PdRecordKind. */
static const PdRecordKind all_kinds[] = {
  PD_RECORD_PAIN, PD_RECORD_MEDICATION, PD_RECORD_DOSE, PD_RECORD_ACTIVITY, PD_RECORD_EVENT
};

/* Saves records, one of each of all_kinds in that order, with one pd_database_save_records
 * (each in an array of its own). */
static inline gboolean
save_one_of_each (PdDatabase  *db,
                  gpointer    *records,
                  GError     **error)
{
  GPtrArray *one[G_N_ELEMENTS (all_kinds)];
  gboolean saved;

  for (gsize i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    {
      one[i] = g_ptr_array_new ();
      g_ptr_array_add (one[i], records[i]);
    }
  saved = pd_database_save_records (db, one[0], one[1], one[2], one[3], one[4], error);
  for (gsize i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    g_ptr_array_unref (one[i]);
  return saved;
}

static inline const char *
record_id (PdRecordKind kind,
           gpointer     record)
{
  return kind == PD_RECORD_PAIN ? pd_pain_entry_get_id (record)
       : kind == PD_RECORD_MEDICATION ? pd_medication_get_id (record)
       : kind == PD_RECORD_DOSE ? pd_dose_get_id (record)
       : kind == PD_RECORD_ACTIVITY ? pd_activity_get_id (record)
       : pd_event_get_id (record);
}

static inline GPtrArray *
list_kind (PdDatabase   *db,
           PdRecordKind  kind,
           gint64        from,
           gint64        to)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = NULL;

  switch (kind)
    {
    case PD_RECORD_PAIN:
      records = pd_database_list_pain_entries (db, from, to, &error);
      break;
    case PD_RECORD_MEDICATION:
      records = pd_database_list_medications (db, &error);
      break;
    case PD_RECORD_DOSE:
      records = pd_database_list_doses (db, from, to, &error);
      break;
    case PD_RECORD_ACTIVITY:
      records = pd_database_list_activities (db, from, to, &error);
      break;
    case PD_RECORD_EVENT:
      records = pd_database_list_events (db, from, to, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static inline guint
count_kind (PdDatabase   *db,
            PdRecordKind  kind)
{
  g_autoptr(GPtrArray) records = list_kind (db, kind, G_MININT64, G_MAXINT64);

  return records->len;
}

static const Field medication_fields[] = {
  FIELD (STR, pd_medication_get_id),
  FIELD (STR, pd_medication_get_name),
  FIELD (STR, pd_medication_get_catalogue_key),
  FIELD (STR, pd_medication_get_drug_class),
  FIELD (STR, pd_medication_get_form),
  FIELD (DOUBLE, pd_medication_get_amount),
  FIELD (STR, pd_medication_get_unit),
  FIELD (UINT, pd_medication_get_start_day),
  FIELD (UINT, pd_medication_get_stop_day),
  FIELD (DOUBLE, pd_medication_get_mme_factor),
  FIELD (DOUBLE, pd_medication_get_max_daily),
  FIELD (INT, pd_medication_get_reminders),
  FIELD (STR, pd_medication_get_notes),
  FIELD (INT64, pd_medication_get_created),
  FIELD (INT64, pd_medication_get_updated),
};

static const Field dose_fields[] = {
  FIELD (STR, pd_dose_get_id),
  FIELD (STR, pd_dose_get_medication_id),
  FIELD (STR, pd_dose_get_name),
  FIELD (INT64, pd_dose_get_time),
  FIELD (INT, pd_dose_get_utc_offset),
  FIELD (UINT, pd_dose_get_local_day),
  FIELD (DOUBLE, pd_dose_get_amount),
  FIELD (STR, pd_dose_get_unit),
  FIELD (INT, pd_dose_get_status),
  FIELD (UINT, pd_dose_get_scheduled_time),
  FIELD (UINT, pd_dose_get_side_effects),
  FIELD (STR, pd_dose_get_note),
  FIELD (INT64, pd_dose_get_created),
  FIELD (INT64, pd_dose_get_updated),
};

static const Field activity_fields[] = {
  FIELD (STR, pd_activity_get_id),
  FIELD (STR, pd_activity_get_name),
  FIELD (INT64, pd_activity_get_time),
  FIELD (INT, pd_activity_get_utc_offset),
  FIELD (INT, pd_activity_get_duration),
  FIELD (INT, pd_activity_get_effort),
  FIELD (STR, pd_activity_get_note),
  FIELD (INT64, pd_activity_get_created),
  FIELD (INT64, pd_activity_get_updated),
};

static const Field event_fields[] = {
  FIELD (STR, pd_event_get_id),
  FIELD (STR, pd_event_get_kind),
  FIELD (STR, pd_event_get_title),
  FIELD (INT64, pd_event_get_time),
  FIELD (INT, pd_event_get_utc_offset),
  FIELD (STR, pd_event_get_note),
  FIELD (UINT, pd_event_get_end_day),
  FIELD (INT64, pd_event_get_created),
  FIELD (INT64, pd_event_get_updated),
};

static inline void
assert_same_medication (PdMedication *a,
                        PdMedication *b)
{
  const GArray *schedule_a = pd_medication_get_schedule (a);
  const GArray *schedule_b = pd_medication_get_schedule (b);

  assert_same_fields (a, b, medication_fields, G_N_ELEMENTS (medication_fields));
  g_assert_cmpuint (schedule_a->len, ==, schedule_b->len);
  for (guint i = 0; i < schedule_a->len; i++)
    g_assert_cmpuint (g_array_index (schedule_a, guint, i), ==,
                      g_array_index (schedule_b, guint, i));
}

static inline void
assert_same_dose (PdDose *a,
                  PdDose *b)
{
  assert_same_fields (a, b, dose_fields, G_N_ELEMENTS (dose_fields));
}

static inline void
assert_same_activity (PdActivity *a,
                      PdActivity *b)
{
  assert_same_fields (a, b, activity_fields, G_N_ELEMENTS (activity_fields));
}

static inline void
assert_same_event (PdEvent *a,
                   PdEvent *b)
{
  assert_same_fields (a, b, event_fields, G_N_ELEMENTS (event_fields));
}

static inline void
assert_same_record (PdRecordKind kind,
                    gpointer     a,
                    gpointer     b)
{
  switch (kind)
    {
    case PD_RECORD_MEDICATION:
      assert_same_medication (a, b);
      break;
    case PD_RECORD_DOSE:
      assert_same_dose (a, b);
      break;
    case PD_RECORD_ACTIVITY:
      assert_same_activity (a, b);
      break;
    case PD_RECORD_EVENT:
      assert_same_event (a, b);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Saves record, of kind, in db. */
static inline void
save_record (PdDatabase   *db,
             PdRecordKind  kind,
             gpointer      record)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  switch (kind)
    {
    case PD_RECORD_MEDICATION:
      saved = pd_database_save_medication (db, record, &error);
      break;
    case PD_RECORD_DOSE:
      saved = pd_database_save_dose (db, record, &error);
      break;
    case PD_RECORD_ACTIVITY:
      saved = pd_database_save_activity (db, record, &error);
      break;
    case PD_RECORD_EVENT:
      saved = pd_database_save_event (db, record, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
  g_assert_true (saved);
}

/* db lists exactly the records that follow (up to NULL), in that order, of kind from from to
 * to; the list, for more checks. */
G_GNUC_NULL_TERMINATED static inline GPtrArray *
assert_listed (PdDatabase   *db,
               PdRecordKind  kind,
               gint64        from,
               gint64        to,
               ...)
{
  GPtrArray *listed = list_kind (db, kind, from, to);
  gpointer expected;
  guint n = 0;
  va_list args;

  va_start (args, to);
  while ((expected = va_arg (args, gpointer)) != NULL)
    {
      g_assert_cmpuint (n, <, listed->len);
      assert_same_record (kind, listed->pdata[n++], expected);
    }
  va_end (args);
  g_assert_cmpuint (listed->len, ==, n);
  return listed;
}
