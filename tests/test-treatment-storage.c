/* test-treatment-storage.c: the regimen, doses, activities and events in a diary file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-treatment-storage"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-catalogue.h"
#include "pd-database.h"
#include "storage-fixture.h"
#include "record-builders.h"
#include "record-fields.h"
#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "pd-medication-checks.h"

#define T0 G_GINT64_CONSTANT (1760000000)   /* 2025-10-09 08:53:20 UTC */
#define CEST (2 * 3600)
#define UNKNOWN_ID "00000000-0000-4000-8000-000000000000"

/* Helpers */

static guint32
side_effect (const char *key)
{
  for (guint i = 0; i < pd_side_effect_count (); i++)
    {
      if (g_str_equal (pd_side_effect_key (i), key))
        return 1u << i;
    }
  g_assert_not_reached ();
}

static PdMedication *
new_medication (const char *key)
{
  PdMedication *medication = pd_medication_new_from_catalogue (key);

  g_assert_nonnull (medication);
  pd_medication_set_start_day (medication, julian (2025, G_DATE_OCTOBER, 1));
  return medication;
}

static PdDose *
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

static const char *
record_id (PdRecordKind kind,
           gpointer     record)
{
  return kind == PD_RECORD_PAIN ? pd_pain_entry_get_id (record)
       : kind == PD_RECORD_MEDICATION ? pd_medication_get_id (record)
       : kind == PD_RECORD_DOSE ? pd_dose_get_id (record)
       : kind == PD_RECORD_ACTIVITY ? pd_activity_get_id (record)
       : pd_event_get_id (record);
}

static GPtrArray *
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

static guint
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

static void
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

static void
assert_same_dose (PdDose *a,
                  PdDose *b)
{
  assert_same_fields (a, b, dose_fields, G_N_ELEMENTS (dose_fields));
}

static void
assert_same_activity (PdActivity *a,
                      PdActivity *b)
{
  assert_same_fields (a, b, activity_fields, G_N_ELEMENTS (activity_fields));
}

static void
assert_same_event (PdEvent *a,
                   PdEvent *b)
{
  assert_same_fields (a, b, event_fields, G_N_ELEMENTS (event_fields));
}

static void
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
static void
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
G_GNUC_NULL_TERMINATED static GPtrArray *
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

/* The record objects and their shared helpers */

static void
test_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = pd_dup_id ("6B1E0D52-8A3F-4C11-B7D2-2F9E5A0C3D01");
  gint64 now, before = g_get_real_time () / G_USEC_PER_SEC;
  int offset;

  /* 2025-10-09 08:53:20 UTC: the 9th in Berlin, the 8th in Honolulu. */
  g_assert_cmpuint (pd_local_day (T0, CEST), ==, julian (2025, G_DATE_OCTOBER, 9));
  g_assert_cmpuint (pd_local_day (T0, -10 * 3600), ==, julian (2025, G_DATE_OCTOBER, 8));
  g_assert_cmpuint (pd_local_day (0, 0), ==, julian (1970, G_DATE_JANUARY, 1));
  g_assert_cmpuint (pd_local_day (-1, 0), ==, julian (1969, G_DATE_DECEMBER, 31));
  g_assert_cmpint (pd_local_day_start (julian (2025, G_DATE_OCTOBER, 9), CEST), ==,
                   1759960800);
  g_assert_cmpuint (pd_local_day (pd_local_day_start (julian (2025, G_DATE_OCTOBER, 9), CEST),
                                  CEST), ==, julian (2025, G_DATE_OCTOBER, 9));
  g_assert_cmpuint (pd_local_day (pd_local_day_start (julian (2025, G_DATE_OCTOBER, 9), CEST) - 1,
                                  CEST), ==, julian (2025, G_DATE_OCTOBER, 8));

  pd_local_now (&now, &offset);
  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now, <=, before + 2);
  {
    g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);

    g_assert_cmpint (offset, ==, g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND);
  }

  g_assert_cmpstr (lower, ==, "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d01");
  g_assert_true (pd_check_id (lower, &error));
  g_assert_false (pd_check_id ("6b1e0d52", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pd_check_utc_offset (-9 * 3600 - 30 * 60, &error));
  g_assert_false (pd_check_utc_offset (3600 + 1, &error));
  g_assert_true (g_str_has_prefix (error->message, "utc_offset: "));
  g_clear_error (&error);
  g_assert_true (pd_check_text ("note", NULL, 10, &error));
  g_assert_true (pd_check_text ("note", "äöü", 3, &error));
  g_assert_false (pd_check_text ("note", "äöüß", 3, &error));
  g_assert_true (g_str_has_prefix (error->message, "note: "));
  g_clear_error (&error);
  g_assert_false (pd_check_text ("note", "\xff\xfe", 10, &error));
  g_assert_true (g_str_has_prefix (error->message, "note: "));
  g_clear_error (&error);
  g_assert_false (pd_check_name ("name", "\u00a0 ", 10, &error));
  g_assert_true (g_str_has_prefix (error->message, "name: "));
}

static void
test_activity_object (void)
{
  g_autoptr(PdActivity) activity = pd_activity_new ();
  g_autoptr(PdActivity) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* A new activity is now, 30 minutes, effort unset, and needs only a name. */
  g_assert_cmpint (ABS (pd_activity_get_time (activity) - now), <=, 2);
  g_assert_cmpint (pd_activity_get_duration (activity), ==, 30);
  g_assert_cmpint (pd_activity_get_effort (activity), ==, PD_UNSET);
  g_assert_cmpstr (pd_activity_get_note (activity), ==, "");
  g_assert_true (g_uuid_string_is_valid (pd_activity_get_id (activity)));
  g_assert_false (pd_activity_validate (activity, &error));
  g_assert_true (g_str_has_prefix (error->message, "name: "));
  g_clear_error (&error);

  pd_activity_set_name (activity, "Tai chi");
  pd_activity_set_id (activity, "6B1E0D52-8A3F-4C11-B7D2-2F9E5A0C3D01");
  pd_activity_set_time (activity, T0, CEST);
  pd_activity_set_effort (activity, 0);
  pd_activity_set_note (activity, NULL);
  pd_activity_set_stamps (activity, 1, 2);
  g_assert_true (pd_activity_validate (activity, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_activity_get_id (activity), ==, "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d01");
  g_assert_cmpstr (pd_activity_get_note (activity), ==, "");

  copy = pd_activity_copy (activity);
  assert_same_activity (copy, activity);
  g_assert_cmpuint (pd_activity_get_local_day (copy), ==, julian (2025, G_DATE_OCTOBER, 9));
}

static void
test_event_object (void)
{
  g_autoptr(PdEvent) event = pd_event_new ();
  g_autoptr(PdEvent) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = g_date_time_new_local (2025, 10, 9, 23, 30, 0);

  g_assert_cmpstr (pd_event_get_kind (event), ==, "other");
  g_assert_false (pd_event_validate (event, &error));
  g_assert_true (g_str_has_prefix (error->message, "title: "));
  g_clear_error (&error);

  /* Every catalogue kind is accepted. */
  pd_event_set_title (event, "Spinal cord stimulator trial");
  for (const char * const *kind = pd_event_kinds (); *kind != NULL; kind++)
    {
      pd_event_set_kind (event, *kind);
      g_assert_true (pd_event_validate (event, &error));
      g_assert_no_error (error);
    }
  pd_event_set_kind (event, NULL);
  g_assert_cmpstr (pd_event_get_kind (event), ==, "other");

  /* Late in the evening local time, the local day is still the 9th. */
  pd_event_set_date_time (event, local);
  g_assert_cmpint (pd_event_get_utc_offset (event), ==, CEST);
  g_assert_cmpuint (pd_event_get_local_day (event), ==, julian (2025, G_DATE_OCTOBER, 9));
  pd_event_set_note (event, "Two weeks, then decide");
  copy = pd_event_copy (event);
  assert_same_event (copy, event);
}

/* Round trips */

static void
test_medication_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  static const guint times[] = { 8 * 60, 14 * 60 + 30, 20 * 60 };
  g_autoptr(PdMedication) scheduled = new_medication ("acetaminophen");
  g_autoptr(PdMedication) custom = pd_medication_new ();
  g_autoptr(PdMedication) got = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  pd_medication_set_amount (scheduled, 1000);
  pd_medication_set_schedule (scheduled, times, G_N_ELEMENTS (times));
  pd_medication_set_stop_day (scheduled, julian (2025, G_DATE_DECEMBER, 31));
  pd_medication_set_reminders (scheduled, FALSE);
  pd_medication_set_notes (scheduled, "Not with alcohol; “max 4 g”");

  /* Custom, as needed, still taken, no catalogue key; a lower-case name, listed by name
   * whatever the case. */
  pd_medication_set_name (custom, "arnica gel");
  pd_medication_set_drug_class (custom, "topical");
  pd_medication_set_form (custom, "gel");
  pd_medication_set_amount (custom, 2);
  pd_medication_set_unit (custom, "g");
  pd_medication_set_start_day (custom, julian (2025, G_DATE_SEPTEMBER, 15));

  save_record (fixture->db, PD_RECORD_MEDICATION, scheduled);
  save_record (fixture->db, PD_RECORD_MEDICATION, custom);
  g_assert_cmpint (ABS (pd_medication_get_created (scheduled) - now), <=, 2);
  g_assert_cmpint (pd_medication_get_updated (scheduled), ==,
                   pd_medication_get_created (scheduled));

  got = pd_database_get_medication (fixture->db, pd_medication_get_id (scheduled), &error);
  g_assert_no_error (error);
  assert_same_medication (got, scheduled);
  g_assert_cmpstr (pd_medication_get_catalogue_key (got), ==, "acetaminophen");
  g_assert_cmpfloat (pd_medication_get_max_daily (got), ==, 4000);
  g_assert_false (pd_medication_get_reminders (got));
  g_clear_object (&got);

  got = pd_database_get_medication (fixture->db, pd_medication_get_id (custom), &error);
  g_assert_no_error (error);
  assert_same_medication (got, custom);
  g_assert_null (pd_medication_get_catalogue_key (got));
  g_assert_true (pd_medication_is_as_needed (got));
  g_assert_cmpuint (pd_medication_get_stop_day (got), ==, 0);
  g_clear_object (&got);

  /* By name, ignoring case. */
  listed = pd_database_list_medications (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  assert_same_medication (listed->pdata[0], scheduled);
  assert_same_medication (listed->pdata[1], custom);

  got = pd_database_get_medication (fixture->db, UNKNOWN_ID, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  /* An update keeps created. */
  pd_medication_set_amount (scheduled, 500);
  pd_medication_set_stop_day (scheduled, 0);
  save_record (fixture->db, PD_RECORD_MEDICATION, scheduled);
  got = pd_database_get_medication (fixture->db, pd_medication_get_id (scheduled), &error);
  g_assert_no_error (error);
  assert_same_medication (got, scheduled);
  g_assert_cmpfloat (pd_medication_get_amount (got), ==, 500);
  g_clear_object (&got);

  /* Readable keys and dates on disk. */
  close_fixture_db (fixture);
  stored = file_text (fixture->path, "SELECT schedule || '|' || start_date || '|'"
                                     " || ifnull(stop_date, 'NULL') || '|' || drug_class"
                                     " || '|' || reminders FROM medications"
                                     " WHERE catalogue_key = 'acetaminophen'");
  g_assert_cmpstr (stored, ==, "08:00;14:30;20:00|2025-10-01|NULL|analgesic|0");
}

static void
test_dose_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PdMedication) gabapentin = new_medication ("gabapentin");
  g_autoptr(PdDose) scheduled = new_dose (gabapentin, T0, 300);
  g_autoptr(PdDose) skipped = new_dose (gabapentin, T0 + 12 * 3600, 300);
  g_autoptr(PdDose) other = new_dose (NULL, T0 + 3600, 250);
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *stored = NULL;

  save_record (fixture->db, PD_RECORD_MEDICATION, gabapentin);

  pd_dose_set_scheduled_time (scheduled, 8 * 60);
  pd_dose_set_side_effects (scheduled, side_effect ("drowsiness") | side_effect ("dry_mouth"));
  pd_dose_set_note (scheduled, "With breakfast");
  pd_dose_set_status (skipped, PD_DOSE_SKIPPED);
  pd_dose_set_scheduled_time (skipped, 20 * 60);
  pd_dose_set_time (other, T0 + 3600, -4 * 3600);

  for (guint i = 0; i < 3; i++)
    {
      PdDose *dose = (PdDose *[]) { scheduled, skipped, other }[i];

      save_record (fixture->db, PD_RECORD_DOSE, dose);
      g_assert_cmpint (pd_dose_get_created (dose), >, 0);
    }

  listed = assert_listed (fixture->db, PD_RECORD_DOSE, G_MININT64, G_MAXINT64,
                          skipped, other, scheduled, NULL);
  g_assert_null (pd_dose_get_medication_id (listed->pdata[1]));
  g_assert_cmpuint (pd_dose_get_scheduled_time (listed->pdata[1]), ==, PD_NO_SCHEDULED_TIME);
  g_assert_cmpint (pd_dose_get_status (listed->pdata[0]), ==, PD_DOSE_SKIPPED);

  /* An update moves the dose and keeps created. */
  pd_dose_set_amount (scheduled, 600);
  pd_dose_set_side_effects (scheduled, 0);
  save_record (fixture->db, PD_RECORD_DOSE, scheduled);
  g_ptr_array_unref (assert_listed (fixture->db, PD_RECORD_DOSE, T0, T0 + 1, scheduled, NULL));

  close_fixture_db (fixture);
  stored = file_text (fixture->path, "SELECT group_concat(status || ',' || ifnull(scheduled_time,"
                                     " '-') || ',' || side_effects || ',' || local_date, '|')"
                                     " FROM (SELECT * FROM doses ORDER BY at)");
  g_assert_cmpstr (stored, ==, "taken,08:00,,2025-10-09|taken,-,,2025-10-09|"
                               "skipped,20:00,,2025-10-09");
}

static void
test_dose_side_effects_on_disk (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(PdDose) dose = new_dose (NULL, T0, 250);
  g_autofree char *stored = NULL;

  pd_dose_set_side_effects (dose, side_effect ("nausea") | side_effect ("other") |
                                  side_effect ("drowsiness"));
  save_record (fixture->db, PD_RECORD_DOSE, dose);
  close_fixture_db (fixture);

  stored = file_text (fixture->path, "SELECT side_effects FROM doses");
  g_assert_cmpstr (stored, ==, "drowsiness;nausea;other");
}

static void
test_activity_round_trip (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PdActivity) walk = new_activity ("Walking", T0, CEST, 35);
  g_autoptr(PdActivity) tens = new_activity ("TENS", T0 + 600, CEST, 30);
  g_autoptr(GPtrArray) listed = NULL;

  pd_activity_set_effort (walk, 4);
  pd_activity_set_note (walk, "Along the river");

  save_record (fixture->db, PD_RECORD_ACTIVITY, walk);
  save_record (fixture->db, PD_RECORD_ACTIVITY, tens);

  listed = assert_listed (fixture->db, PD_RECORD_ACTIVITY, G_MININT64, G_MAXINT64,
                          tens, walk, NULL);
  g_assert_cmpint (pd_activity_get_effort (listed->pdata[0]), ==, PD_UNSET);
  g_assert_cmpint (pd_activity_get_effort (listed->pdata[1]), ==, 4);
  g_assert_cmpuint (pd_activity_get_local_day (listed->pdata[1]), ==,
                    julian (2025, G_DATE_OCTOBER, 9));
}

static void
test_event_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PdEvent) surgery = new_event ("surgery", "Lumbar fusion L4-L5", T0 - 86400 * 60, CEST);
  g_autoptr(PdEvent) injection = new_event ("injection", "Epidural steroid injection", T0, CEST);

  pd_event_set_note (injection, "Left L5, transforaminal");
  save_record (fixture->db, PD_RECORD_EVENT, surgery);
  save_record (fixture->db, PD_RECORD_EVENT, injection);
  g_ptr_array_unref (assert_listed (fixture->db, PD_RECORD_EVENT, G_MININT64, G_MAXINT64,
                                    injection, surgery, NULL));

  /* An update keeps created. */
  pd_event_set_title (surgery, "Lumbar fusion L4-L5 (TLIF)");
  save_record (fixture->db, PD_RECORD_EVENT, surgery);
  g_ptr_array_unref (assert_listed (fixture->db, PD_RECORD_EVENT, G_MININT64, T0, surgery, NULL));
}

/* A stimulator trial lasts: its last day is kept, and an end before its start is refused. */
static void
test_event_end_day (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdEvent) trial = new_event ("stimulator_trial", "Stimulator trial", T0, CEST);
  g_autoptr(PdEvent) stored = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  guint32 start = pd_event_get_local_day (trial);

  pd_event_set_end_day (trial, start + 7);
  save_record (fixture->db, PD_RECORD_EVENT, trial);
  listed = assert_listed (fixture->db, PD_RECORD_EVENT, G_MININT64, G_MAXINT64, trial, NULL);
  g_assert_cmpuint (pd_event_get_end_day (listed->pdata[0]), ==, start + 7);

  /* An end may be cleared again. */
  pd_event_set_end_day (trial, 0);
  save_record (fixture->db, PD_RECORD_EVENT, trial);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = list_kind (fixture->db, PD_RECORD_EVENT, G_MININT64, G_MAXINT64);
  g_assert_cmpuint (pd_event_get_end_day (listed->pdata[0]), ==, 0);

  stored = pd_event_copy (trial);
  pd_event_set_end_day (stored, start - 1);
  g_assert_false (pd_database_save_event (fixture->db, stored, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "end_date"));
}

/* Listing */

static void
test_list_ranges (Fixture       *fixture,
                  gconstpointer  data)
{
  static const int hours[] = { 3, 0, 5, 1, 3, 2 };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) doses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const PdRecordKind kinds[] = { PD_RECORD_PAIN, PD_RECORD_DOSE, PD_RECORD_ACTIVITY,
                                  PD_RECORD_EVENT };

  /* Saved out of order, two at the same instant. */
  for (guint i = 0; i < G_N_ELEMENTS (hours); i++)
    {
      gint64 at = T0 + hours[i] * 3600;

      PdPainEntry *entry = pd_pain_entry_new ();

      pd_pain_entry_set_time (entry, at, CEST);
      g_ptr_array_add (entries, entry);
      g_ptr_array_add (doses, new_dose (NULL, at, 100 + i));
      g_ptr_array_add (activities, new_activity ("Walking", at, CEST, 10 + i));
      g_ptr_array_add (events, new_event ("appointment", "Physio", at, CEST));
    }
  g_assert_true (pd_database_save_records (fixture->db, entries, NULL, doses, activities, events,
                                           &error));
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) all = list_kind (fixture->db, kinds[k], G_MININT64, G_MAXINT64);
      /* Everything too, but through the time index rather than the table scan and sort
       * that listing all of a kind takes: the same records in the same order. */
      g_autoptr(GPtrArray) wide = list_kind (fixture->db, kinds[k], G_MININT64 + 1, G_MAXINT64);
      g_autoptr(GPtrArray) some = NULL;
      g_autoptr(GPtrArray) none = NULL;
      gint64 previous = G_MAXINT64;

      g_assert_cmpuint (all->len, ==, 6);
      for (guint i = 0; i < all->len; i++)
        {
          gint64 at = kinds[k] == PD_RECORD_PAIN ? pd_pain_entry_get_time (all->pdata[i])
                    : kinds[k] == PD_RECORD_DOSE ? pd_dose_get_time (all->pdata[i])
                    : kinds[k] == PD_RECORD_ACTIVITY ? pd_activity_get_time (all->pdata[i])
                    : pd_event_get_time (all->pdata[i]);

          g_assert_cmpint (at, <=, previous);
          previous = at;
        }
      g_assert_cmpuint (wide->len, ==, all->len);
      for (guint i = 0; i < all->len; i++)
        g_assert_cmpstr (record_id (kinds[k], all->pdata[i]), ==,
                         record_id (kinds[k], wide->pdata[i]));

      /* from <= time < to */
      some = list_kind (fixture->db, kinds[k], T0 + 3600, T0 + 4 * 3600);
      g_assert_cmpuint (some->len, ==, 4);
      none = list_kind (fixture->db, kinds[k], T0 + 6 * 3600, T0 + 7 * 3600);
      g_assert_cmpuint (none->len, ==, 0);
    }
}

/* Deleting */

static gboolean
get_exists (PdDatabase   *db,
            PdRecordKind  kind,
            const char   *id)
{
  g_autoptr(GPtrArray) records = list_kind (db, kind, G_MININT64, G_MAXINT64);

  for (guint i = 0; i < records->len; i++)
    {
      if (g_str_equal (record_id (kind, records->pdata[i]), id))
        return TRUE;
    }
  return FALSE;
}

static void
test_delete_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(PdMedication) medication = new_medication ("ibuprofen");
  g_autoptr(PdDose) dose = new_dose (medication, T0, 400);
  g_autoptr(PdActivity) activity = new_activity ("Cycling", T0, CEST, 40);
  g_autoptr(PdEvent) event = new_event ("procedure", "Radiofrequency ablation", T0, CEST);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) medications = g_ptr_array_new ();
  g_autoptr(GPtrArray) doses = g_ptr_array_new ();
  g_autoptr(GPtrArray) activities = g_ptr_array_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gpointer records[] = { entry, medication, dose, activity, event };   /* of all_kinds */

  pd_pain_entry_set_pain (entry, 4);
  g_ptr_array_add (entries, entry);
  g_ptr_array_add (medications, medication);
  g_ptr_array_add (doses, dose);
  g_ptr_array_add (activities, activity);
  g_ptr_array_add (events, event);
  g_assert_true (pd_database_save_records (fixture->db, entries, medications, doses,
                                           activities, events, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      PdRecordKind kind = all_kinds[i];
      const char *id = record_id (kind, records[i]);
      guint other = (i + 1) % G_N_ELEMENTS (records);
      g_autofree char *upper_id = g_ascii_strup (id, -1);

      g_assert_true (get_exists (fixture->db, kind, id));
      g_assert_true (pd_database_delete_record (fixture->db, kind, upper_id, &error));
      g_assert_no_error (error);
      g_assert_false (get_exists (fixture->db, kind, id));

      /* Twice, or an unknown id, or the id of another kind: nothing found. */
      g_assert_false (pd_database_delete_record (fixture->db, kind, id, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_false (pd_database_restore_record (fixture->db, kind, UNKNOWN_ID, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, UNKNOWN_ID));
      g_clear_error (&error);
      g_assert_false (pd_database_restore_record (fixture->db, kind,
                                                  record_id (all_kinds[other], records[other]),
                                                  &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
      g_clear_error (&error);

      /* Undo. */
      g_assert_true (pd_database_restore_record (fixture->db, kind, id, &error));
      g_assert_no_error (error);
      g_assert_true (get_exists (fixture->db, kind, id));
    }

  /* The pain entry calls still work, as thin calls. */
  g_assert_true (pd_database_delete_pain_entry (fixture->db, pd_pain_entry_get_id (entry), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_PAIN), ==, 0);
  g_assert_true (pd_database_restore_pain_entry (fixture->db, pd_pain_entry_get_id (entry),
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_PAIN), ==, 1);

  /* Saving a deleted record brings it back. */
  g_assert_true (pd_database_delete_record (fixture->db, PD_RECORD_EVENT, pd_event_get_id (event),
                                            NULL));
  save_record (fixture->db, PD_RECORD_EVENT, event);
  g_assert_true (get_exists (fixture->db, PD_RECORD_EVENT, pd_event_get_id (event)));
}

static void
test_delete_medication_keeps_doses (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(PdMedication) tramadol = new_medication ("tramadol");
  g_autoptr(PdDose) dose = new_dose (tramadol, T0, 50);
  g_autoptr(PdDose) later = NULL;
  g_autoptr(PdMedication) got = NULL;
  g_autoptr(GPtrArray) doses = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = pd_medication_get_id (tramadol);

  save_record (fixture->db, PD_RECORD_MEDICATION, tramadol);
  save_record (fixture->db, PD_RECORD_DOSE, dose);

  g_assert_true (pd_database_delete_record (fixture->db, PD_RECORD_MEDICATION, id, &error));
  g_assert_no_error (error);
  got = pd_database_get_medication (fixture->db, id, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_MEDICATION), ==, 0);

  /* The dose keeps its name and its link, and can still be edited. */
  doses = list_kind (fixture->db, PD_RECORD_DOSE, G_MININT64, G_MAXINT64);
  g_assert_cmpuint (doses->len, ==, 1);
  g_assert_cmpstr (pd_dose_get_name (doses->pdata[0]), ==, "Tramadol");
  g_assert_cmpstr (pd_dose_get_medication_id (doses->pdata[0]), ==, id);
  later = pd_dose_copy (doses->pdata[0]);
  pd_dose_set_note (later, "Last one");
  save_record (fixture->db, PD_RECORD_DOSE, later);

  /* A dose for a medication the diary never had is refused, clearly. */
  g_clear_object (&later);
  later = new_dose (NULL, T0 + 60, 50);
  pd_dose_set_medication_id (later, UNKNOWN_ID);
  g_assert_false (pd_database_save_dose (fixture->db, later, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "medication_id: "));
  g_assert_nonnull (strstr (error->message, UNKNOWN_ID));
  g_clear_error (&error);
  g_assert_cmpint (pd_dose_get_created (later), ==, 0);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_DOSE), ==, 1);

  /* The medication's row stays in the file, marked, so the link holds. */
  close_fixture_db (fixture);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM medications"
                                            " WHERE deleted IS NOT NULL"), ==, 1);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM pragma_foreign_key_check"),
                   ==, 0);
}

/* Refusals */

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PdMedication) medication = new_medication ("naproxen");
  g_autoptr(PdDose) dose = new_dose (medication, T0, 250);
  g_autoptr(PdActivity) activity = new_activity ("Yoga / Pilates", T0, CEST, 60);
  g_autoptr(PdEvent) event = new_event ("stimulator", "SCS trial", T0, CEST);
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(GPtrArray) doses = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  PdDatabase *db;
  gpointer records[] = { entry, medication, dose, activity, event };   /* of all_kinds */

  g_assert_true (pd_database_save_pain_entry (fixture->db, entry, NULL));
  g_assert_true (pd_database_save_medication (fixture->db, medication, NULL));
  g_assert_true (pd_database_save_dose (fixture->db, dose, NULL));
  g_assert_true (pd_database_save_activity (fixture->db, activity, NULL));
  g_assert_true (pd_database_save_event (fixture->db, event, NULL));
  g_assert_true (pd_database_delete_record (fixture->db, PD_RECORD_ACTIVITY,
                                            pd_activity_get_id (activity), NULL));
  close_fixture_db (fixture);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_length, NULL));

  db = pd_database_open (fixture->path, PD_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_false (pd_database_save_medication (db, medication, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pd_database_save_dose (db, dose, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pd_database_save_activity (db, activity, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pd_database_save_event (db, event, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_ptr_array_add (doses, dose);
  g_assert_false (pd_database_save_records (db, NULL, NULL, doses, NULL, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Even with nothing to save. */
  g_assert_false (pd_database_save_records (db, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      const char *id = record_id (all_kinds[i], records[i]);

      g_assert_false (pd_database_delete_record (db, all_kinds[i], id, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (pd_database_restore_record (db, all_kinds[i], id, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
      g_clear_error (&error);
    }

  /* Reading works. */
  g_assert_cmpuint (count_kind (db, PD_RECORD_MEDICATION), ==, 1);
  g_assert_cmpuint (count_kind (db, PD_RECORD_DOSE), ==, 1);
  g_assert_cmpuint (count_kind (db, PD_RECORD_ACTIVITY), ==, 0);
  g_assert_cmpuint (count_kind (db, PD_RECORD_EVENT), ==, 1);
  {
    g_autoptr(PdDiaryData) loaded = pd_database_load (db, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (loaded->doses->len, ==, 1);
  }
  g_assert_finalize_object (db);

  g_assert_true (g_file_get_contents (fixture->path, &after, &after_length, NULL));
  g_assert_cmpuint (before_length, ==, after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* Bad input is refused by the records' own validation, with its message, and the
 * diary is left as it was. */
static void
assert_refused (Fixture      *fixture,
                PdRecordKind  kind,
                gpointer      record,
                const char   *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  guint before = count_kind (fixture->db, kind);
  gboolean saved = FALSE;

  switch (kind)
    {
    case PD_RECORD_MEDICATION:
      saved = pd_database_save_medication (fixture->db, record, &error);
      break;
    case PD_RECORD_DOSE:
      saved = pd_database_save_dose (fixture->db, record, &error);
      break;
    case PD_RECORD_ACTIVITY:
      saved = pd_database_save_activity (fixture->db, record, &error);
      break;
    case PD_RECORD_EVENT:
      saved = pd_database_save_event (fixture->db, record, &error);
      break;
    case PD_RECORD_PAIN:
    default:
      g_assert_not_reached ();
    }
  g_assert_false (saved);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, field));
  g_assert_cmpuint (count_kind (fixture->db, kind), ==, before);
  g_clear_error (&error);

  /* In a batch too. */
  g_ptr_array_add (one, record);
  g_assert_false (pd_database_save_records (fixture->db, NULL,
                                            kind == PD_RECORD_MEDICATION ? one : NULL,
                                            kind == PD_RECORD_DOSE ? one : NULL,
                                            kind == PD_RECORD_ACTIVITY ? one : NULL,
                                            kind == PD_RECORD_EVENT ? one : NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, field));
  g_assert_cmpuint (count_kind (fixture->db, kind), ==, before);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PdMedication) medication = new_medication ("acetaminophen");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  save_record (fixture->db, PD_RECORD_MEDICATION, medication);

  /* Doses */
  {
    g_autoptr(PdDose) negative = new_dose (medication, T0, -500);
    g_autoptr(PdDose) absurd = new_dose (medication, T0, 100000);
    g_autoptr(PdDose) zero = new_dose (medication, T0, 0);
    g_autoptr(PdDose) not_a_number = new_dose (medication, T0, NAN);
    g_autoptr(PdDose) unknown_unit = new_dose (medication, T0, 500);
    g_autoptr(PdDose) no_unit = new_dose (medication, T0, 500);
    g_autoptr(PdDose) no_name = new_dose (medication, T0, 500);
    g_autoptr(PdDose) blank_name = new_dose (medication, T0, 500);

    pd_dose_set_unit (unknown_unit, "spoonful");
    pd_dose_set_unit (no_unit, "");
    pd_dose_set_name (no_name, "");
    pd_dose_set_name (blank_name, "  \t");

    assert_refused (fixture, PD_RECORD_DOSE, negative, "amount: ");
    assert_refused (fixture, PD_RECORD_DOSE, absurd, "amount: ");
    assert_refused (fixture, PD_RECORD_DOSE, zero, "amount: ");
    assert_refused (fixture, PD_RECORD_DOSE, not_a_number, "amount: ");
    assert_refused (fixture, PD_RECORD_DOSE, unknown_unit, "unit: ");
    assert_refused (fixture, PD_RECORD_DOSE, no_unit, "unit: ");
    assert_refused (fixture, PD_RECORD_DOSE, no_name, "name: ");
    assert_refused (fixture, PD_RECORD_DOSE, blank_name, "name: ");
  }

  /* Medications */
  {
    g_autoptr(PdMedication) no_name = new_medication ("ibuprofen");
    g_autoptr(PdMedication) absurd = new_medication ("ibuprofen");
    g_autoptr(PdMedication) negative = new_medication ("ibuprofen");
    g_autoptr(PdMedication) unknown_unit = new_medication ("ibuprofen");
    g_autoptr(PdMedication) stops_before_start = new_medication ("ibuprofen");

    pd_medication_set_name (no_name, "");
    pd_medication_set_amount (absurd, 100000);
    pd_medication_set_amount (negative, -1);
    pd_medication_set_unit (unknown_unit, "bucket");
    pd_medication_set_stop_day (stops_before_start, julian (2025, G_DATE_JANUARY, 1));

    assert_refused (fixture, PD_RECORD_MEDICATION, no_name, "name: ");
    assert_refused (fixture, PD_RECORD_MEDICATION, absurd, "amount: ");
    assert_refused (fixture, PD_RECORD_MEDICATION, negative, "amount: ");
    assert_refused (fixture, PD_RECORD_MEDICATION, unknown_unit, "unit: ");
    assert_refused (fixture, PD_RECORD_MEDICATION, stops_before_start, "stop_");
  }

  /* Activities */
  {
    g_autoptr(PdActivity) no_name = new_activity ("", T0, CEST, 30);
    g_autoptr(PdActivity) no_time = new_activity ("Walking", T0, CEST, 0);
    g_autoptr(PdActivity) too_long = new_activity ("Walking", T0, CEST, 24 * 60 + 1);
    g_autoptr(PdActivity) too_hard = new_activity ("Walking", T0, CEST, 30);
    g_autoptr(PdActivity) bad_offset = new_activity ("Walking", T0, CEST, 30);

    pd_activity_set_effort (too_hard, 11);
    pd_activity_set_time (bad_offset, T0, 15 * 3600);

    assert_refused (fixture, PD_RECORD_ACTIVITY, no_name, "name: ");
    assert_refused (fixture, PD_RECORD_ACTIVITY, no_time, "duration_min: ");
    assert_refused (fixture, PD_RECORD_ACTIVITY, too_long, "duration_min: ");
    assert_refused (fixture, PD_RECORD_ACTIVITY, too_hard, "effort: ");
    assert_refused (fixture, PD_RECORD_ACTIVITY, bad_offset, "utc_offset: ");
  }

  /* Events */
  {
    g_autoptr(PdEvent) no_title = new_event ("surgery", "", T0, CEST);
    g_autoptr(PdEvent) unknown_kind = new_event ("haircut", "Haircut", T0, CEST);
    g_autoptr(PdEvent) bad_id = new_event ("surgery", "Discectomy", T0, CEST);
    g_autofree char *long_note = g_strnfill (PD_MAX_NOTE_LENGTH + 1, 'x');

    pd_event_set_id (bad_id, "not-a-uuid");
    assert_refused (fixture, PD_RECORD_EVENT, no_title, "title: ");
    assert_refused (fixture, PD_RECORD_EVENT, unknown_kind, "kind: ");
    assert_refused (fixture, PD_RECORD_EVENT, bad_id, "id: ");
    pd_event_set_id (bad_id, UNKNOWN_ID);
    pd_event_set_note (bad_id, long_note);
    assert_refused (fixture, PD_RECORD_EVENT, bad_id, "note: ");
  }

  /* An invalid update leaves the stored medication as it was. */
  pd_medication_set_notes (medication, "changed");
  pd_medication_set_amount (medication, 100000);
  g_assert_false (pd_database_save_medication (fixture->db, medication, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  listed = pd_database_list_medications (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (pd_medication_get_notes (listed->pdata[0]), ==, "");
  g_assert_cmpfloat (pd_medication_get_amount (listed->pdata[0]), ==, 500);
}

/* save_records */

static void
test_save_records_all_or_nothing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) medications = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) doses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  PdMedication *medication = new_medication ("gabapentin");
  PdDose *bad;

  g_ptr_array_add (medications, medication);
  for (guint i = 0; i < 10; i++)
    {
      PdPainEntry *entry = pd_pain_entry_new ();

      pd_pain_entry_set_time (entry, T0 + i * 3600, CEST);
      pd_pain_entry_set_pain (entry, (int) i);
      g_ptr_array_add (entries, entry);
      g_ptr_array_add (doses, new_dose (medication, T0 + i * 3600, 300));
      g_ptr_array_add (activities, new_activity ("Walking", T0 + i * 3600, CEST, 20));
      g_ptr_array_add (events, new_event ("appointment", "Physio", T0 + i * 3600, CEST));
    }

  /* One absurd dose in the middle: nothing at all is written. */
  bad = doses->pdata[5];
  pd_dose_set_amount (bad, 100000);
  g_assert_false (pd_database_save_records (fixture->db, entries, medications, doses,
                                            activities, events, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "amount: "));
  g_clear_error (&error);
  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    g_assert_cmpuint (count_kind (fixture->db, all_kinds[k]), ==, 0);
  g_assert_cmpint (pd_medication_get_created (medication), ==, 0);
  g_assert_cmpint (pd_pain_entry_get_created (entries->pdata[0]), ==, 0);

  /* A failure only the file can tell (a dose of an unknown medication, found by the
   * foreign key while writing): everything written before it is rolled back. */
  pd_dose_set_amount (bad, 300);
  pd_dose_set_medication_id (doses->pdata[9], UNKNOWN_ID);
  g_assert_false (pd_database_save_records (fixture->db, entries, medications, doses,
                                            activities, events, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "medication_id: "));
  g_clear_error (&error);
  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    g_assert_cmpuint (count_kind (fixture->db, all_kinds[k]), ==, 0);
  g_assert_cmpint (pd_medication_get_created (medication), ==, 0);

  /* Corrected: all of it, stamped. */
  pd_dose_set_medication_id (doses->pdata[9], pd_medication_get_id (medication));
  g_assert_true (pd_database_save_records (fixture->db, entries, medications, doses,
                                           activities, events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_PAIN), ==, 10);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_MEDICATION), ==, 1);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_DOSE), ==, 10);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_ACTIVITY), ==, 10);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_EVENT), ==, 10);
  g_assert_cmpint (pd_medication_get_created (medication), >, 0);
  g_assert_cmpint (pd_dose_get_created (doses->pdata[9]), >, 0);
  g_assert_cmpint (pd_event_get_created (events->pdata[0]), >, 0);

  /* Arrays may be NULL or empty. */
  g_ptr_array_set_size (entries, 0);
  g_assert_true (pd_database_save_records (fixture->db, entries, NULL, NULL, NULL, NULL,
                                           &error));
  g_assert_no_error (error);
}

static void
test_save_records_in_transaction (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  /* Inside an outer transaction that is rolled back, nothing stays. */
  g_ptr_array_add (activities, new_activity ("Swimming / hydrotherapy", T0, CEST, 45));
  g_assert_true (pd_database_begin (fixture->db, &error));
  g_assert_true (pd_database_set_meta (fixture->db, "note", "inside", &error));
  g_assert_true (pd_database_save_records (fixture->db, NULL, NULL, NULL, activities, NULL,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_ACTIVITY), ==, 1);
  pd_database_rollback (fixture->db);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_ACTIVITY), ==, 0);
  note = pd_database_get_meta (fixture->db, "note");
  g_assert_null (note);
}

/* Loading */

static void
fill_small_diary (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  PdGeneratorOptions options = { 14, 3, 11, .doses_per_day = 8, .activities_per_day = 3 };

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 1, G_DATE_JUNE, 2026);
  g_assert_true (pd_generator_fill (db, &options, &error));
  g_assert_no_error (error);
}

static void
assert_sorted_newest_first (GPtrArray *records,
                            gint64   (*get_time) (gpointer))
{
  for (guint i = 1; i < records->len; i++)
    g_assert_cmpint (get_time (records->pdata[i - 1]), >=, get_time (records->pdata[i]));
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PdDiaryData) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdEvent) event = new_event ("surgery", "Revision surgery", T0, CEST);

  fill_small_diary (fixture->db);
  save_record (fixture->db, PD_RECORD_EVENT, event);

  loaded = pd_database_load (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->pain_entries->len, ==, 14 * 3);
  g_assert_cmpuint (loaded->medications->len, ==, 4);
  g_assert_cmpuint (loaded->doses->len, ==, 14 * 8);
  g_assert_cmpuint (loaded->activities->len, ==, 14 * 3);
  g_assert_cmpuint (loaded->events->len, ==, 1);
  assert_sorted_newest_first (loaded->pain_entries, (gint64 (*) (gpointer)) pd_pain_entry_get_time);
  assert_sorted_newest_first (loaded->doses, (gint64 (*) (gpointer)) pd_dose_get_time);
  assert_sorted_newest_first (loaded->activities, (gint64 (*) (gpointer)) pd_activity_get_time);
  for (guint i = 1; i < loaded->medications->len; i++)
    g_assert_cmpint (g_ascii_strcasecmp (pd_medication_get_name (loaded->medications->pdata[i - 1]),
                                         pd_medication_get_name (loaded->medications->pdata[i])),
                     <=, 0);

  /* Inside a write transaction of the same thread, as the generator does. */
  g_clear_pointer (&loaded, pd_diary_data_free);
  g_assert_true (pd_database_begin (fixture->db, &error));
  loaded = pd_database_load (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (pd_database_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->doses->len, ==, 14 * 8);

  pd_diary_data_free (NULL);
}

typedef struct
{
  GMainLoop *loop;
  PdDiaryData *data;
  GError *error;
} AsyncLoad;

static void
load_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncLoad *async = user_data;

  async->data = pd_database_load_finish (PD_DATABASE (source), result, &async->error);
  g_main_loop_quit (async->loop);
}

static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncLoad async = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  fill_small_diary (fixture->db);

  pd_database_load_async (fixture->db, NULL, load_ready_cb, &async);
  g_main_loop_run (async.loop);
  g_assert_no_error (async.error);
  g_assert_nonnull (async.data);
  g_assert_cmpuint (async.data->doses->len, ==, 14 * 8);
  g_assert_cmpuint (async.data->activities->len, ==, 14 * 3);
  g_assert_cmpuint (async.data->medications->len, ==, 4);
  g_clear_pointer (&async.data, pd_diary_data_free);

  g_cancellable_cancel (cancellable);
  pd_database_load_async (fixture->db, cancellable, load_ready_cb, &async);
  g_main_loop_run (async.loop);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.data);
  g_clear_error (&async.error);

  /* The connection is still usable afterwards. */
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_DOSE), ==, 14 * 8);
  g_main_loop_unref (async.loop);

  /* A worker thread drops its task (and the task its reference to the diary) only after
   * the callback ran: wait for that before the fixture checks the diary is finalised. */
  for (int i = 0; i < 500 && G_OBJECT (fixture->db)->ref_count > 1; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Recent activity names */

static void
test_recent_activity_names (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const logged[] = {
    "Walking", "Stretching", "walking", "TENS", "Heat", "Stretching", "Cycling",
  };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) none = NULL;
  const char *cycling_id = NULL;

  names = pd_database_recent_activity_names (fixture->db, 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  /* Oldest first; the last is the newest. */
  for (guint i = 0; i < G_N_ELEMENTS (logged); i++)
    {
      g_autoptr(PdActivity) activity = new_activity (logged[i], T0 + i * 3600, CEST, 20);

      save_record (fixture->db, PD_RECORD_ACTIVITY, activity);
      if (i + 1 == G_N_ELEMENTS (logged))
        cycling_id = g_intern_string (pd_activity_get_id (activity));
    }

  names = pd_database_recent_activity_names (fixture->db, 10, &error);
  g_assert_no_error (error);
  {
    const char * const expected[] = { "Cycling", "Stretching", "Heat", "TENS", "walking", NULL };

    g_assert_cmpstrv (names, expected);
  }
  g_clear_pointer (&names, g_strfreev);

  names = pd_database_recent_activity_names (fixture->db, 2, &error);
  g_assert_no_error (error);
  {
    const char * const expected[] = { "Cycling", "Stretching", NULL };

    g_assert_cmpstrv (names, expected);
  }
  g_clear_pointer (&names, g_strfreev);

  /* Deleted ones do not come back. */
  g_assert_true (pd_database_delete_record (fixture->db, PD_RECORD_ACTIVITY, cycling_id,
                                            &error));
  names = pd_database_recent_activity_names (fixture->db, 2, &error);
  g_assert_no_error (error);
  {
    const char * const expected[] = { "Stretching", "Heat", NULL };

    g_assert_cmpstrv (names, expected);
  }

  none = pd_database_recent_activity_names (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

/* Generated diaries */

static void
test_generator_treatment (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *second_path = g_build_filename (fixture->dir, "second.db", NULL);
  g_autofree char *plain_path = g_build_filename (fixture->dir, "plain.db", NULL);
  g_autoptr(PdDatabase) second = NULL;
  g_autoptr(PdDatabase) plain = NULL;
  g_autoptr(PdDiaryData) a = NULL;
  g_autoptr(PdDiaryData) b = NULL;
  g_autoptr(PdDiaryData) c = NULL;
  g_autoptr(GError) error = NULL;
  PdGeneratorOptions options = { 30, 2, 5, .doses_per_day = 7, .activities_per_day = 2 };
  guint skipped = 0;

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 31, G_DATE_MARCH, 2026);
  second = pd_database_open (second_path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  plain = pd_database_open (plain_path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);

  g_assert_true (pd_generator_fill (fixture->db, &options, &error));
  g_assert_no_error (error);
  g_assert_true (pd_generator_fill (second, &options, &error));
  g_assert_no_error (error);
  options.doses_per_day = 0;
  options.activities_per_day = 0;
  g_assert_true (pd_generator_fill (plain, &options, &error));
  g_assert_no_error (error);

  a = pd_database_load (fixture->db, &error);
  g_assert_no_error (error);
  b = pd_database_load (second, &error);
  g_assert_no_error (error);
  c = pd_database_load (plain, &error);
  g_assert_no_error (error);

  /* 7 a day: three medications twice a day and one once. */
  g_assert_cmpuint (a->medications->len, ==, 4);
  g_assert_cmpuint (a->doses->len, ==, 30 * 7);
  g_assert_cmpuint (a->activities->len, ==, 30 * 2);
  g_assert_cmpuint (a->events->len, ==, 0);
  for (guint i = 0; i < a->doses->len; i++)
    {
      PdDose *dose = a->doses->pdata[i];

      g_assert_nonnull (pd_dose_find_medication (dose, a->medications));
      g_assert_cmpuint (pd_dose_get_scheduled_time (dose), !=, PD_NO_SCHEDULED_TIME);
      skipped += pd_dose_get_status (dose) == PD_DOSE_SKIPPED;
      /* The same doses; their stamps are the clock's, and the two fills may fall in
       * different seconds on a slow machine. */
      pd_dose_set_stamps (b->doses->pdata[i], pd_dose_get_created (dose),
                          pd_dose_get_updated (dose));
      assert_same_dose (dose, b->doses->pdata[i]);
    }
  g_assert_cmpuint (skipped, >, 0);
  g_assert_cmpuint (skipped, <, a->doses->len / 5);

  /* The same pain entries with or without treatment. */
  g_assert_cmpuint (c->pain_entries->len, ==, a->pain_entries->len);
  g_assert_cmpuint (c->doses->len, ==, 0);
  g_assert_cmpuint (c->medications->len, ==, 0);
  for (guint i = 0; i < a->pain_entries->len; i++)
    {
      g_assert_cmpstr (pd_pain_entry_get_id (a->pain_entries->pdata[i]), ==,
                       pd_pain_entry_get_id (c->pain_entries->pdata[i]));
      g_assert_cmpint (pd_pain_entry_get_pain (a->pain_entries->pdata[i]), ==,
                       pd_pain_entry_get_pain (c->pain_entries->pdata[i]));
    }
}

static PdMedication *
find_medication (GPtrArray  *medications,
                 const char *key)
{
  for (guint i = 0; i < medications->len; i++)
    {
      if (g_strcmp0 (pd_medication_get_catalogue_key (medications->pdata[i]), key) == 0)
        return medications->pdata[i];
    }
  return NULL;
}

static PdEvent *
find_event (GPtrArray  *events,
            const char *kind)
{
  for (guint i = 0; i < events->len; i++)
    {
      if (g_str_equal (pd_event_get_kind (events->pdata[i]), kind))
        return events->pdata[i];
    }
  return NULL;
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PdDiaryData) demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *surgery_date = NULL;
  PdMedication *gabapentin, *acetaminophen, *ibuprofen, *tramadol;
  PdEvent *surgery, *injection;
  guint32 first, end, surgery_day;
  guint n_scheduled = 0, n_skipped = 0, tramadol_in_flare = 0, tramadol_before = 0;
  guint n_physio = 0, n_walks = 0, n_appointments = 0;
  double peak_mme = 0;
  GDate end_date;

  g_date_clear (&end_date, 1);
  g_date_set_dmy (&end_date, 1, G_DATE_JUNE, 2026);
  end = g_date_get_julian (&end_date);
  first = end - 119;

  g_assert_true (pd_generator_fill_demo (fixture->db, &end_date, &error));
  g_assert_no_error (error);
  demo = pd_database_load (fixture->db, &error);
  g_assert_no_error (error);
  surgery_date = pd_database_get_meta (fixture->db, "surgery_date");
  g_assert_cmpstr (surgery_date, ==, "2026-01-03");
  surgery_day = julian (2026, G_DATE_JANUARY, 3);

  /* The regimen. */
  g_assert_cmpuint (demo->medications->len, ==, 4);
  gabapentin = find_medication (demo->medications, "gabapentin");
  acetaminophen = find_medication (demo->medications, "acetaminophen");
  ibuprofen = find_medication (demo->medications, "ibuprofen");
  tramadol = find_medication (demo->medications, "tramadol");
  g_assert_nonnull (gabapentin);
  g_assert_nonnull (acetaminophen);
  g_assert_nonnull (ibuprofen);
  g_assert_nonnull (tramadol);
  {
    g_autofree char *gabapentin_times = pd_medication_dup_schedule_string (gabapentin);
    g_autofree char *acetaminophen_times = pd_medication_dup_schedule_string (acetaminophen);

    g_assert_cmpstr (gabapentin_times, ==, "08:00;20:00");
    g_assert_cmpstr (acetaminophen_times, ==, "08:00;14:00;20:00");
  }
  g_assert_cmpfloat (pd_medication_get_amount (gabapentin), ==, 300);
  g_assert_cmpfloat (pd_medication_get_amount (acetaminophen), ==, 1000);
  g_assert_cmpfloat (pd_medication_get_amount (ibuprofen), ==, 400);
  g_assert_cmpfloat (pd_medication_get_amount (tramadol), ==, 50);
  g_assert_true (pd_medication_is_as_needed (ibuprofen));
  g_assert_true (pd_medication_is_as_needed (tramadol));
  g_assert_cmpfloat (pd_medication_get_mme_factor (tramadol), ==, 0.2);
  g_assert_cmpuint (pd_medication_get_start_day (gabapentin), ==, surgery_day);
  /* Tramadol stopped after the flare (days 60-75); the others go on. */
  g_assert_cmpuint (pd_medication_get_stop_day (tramadol), >, first + 75);
  g_assert_cmpuint (pd_medication_get_stop_day (tramadol), <, end);
  g_assert_false (pd_medication_is_active_on (tramadol, end));
  g_assert_true (pd_medication_is_active_on (gabapentin, end));
  g_assert_cmpuint (pd_medication_get_stop_day (ibuprofen), ==, 0);

  /* Doses: every scheduled time, a few skipped; as needed mostly in the flare. */
  for (guint i = 0; i < demo->doses->len; i++)
    {
      PdDose *dose = demo->doses->pdata[i];
      guint32 day = pd_dose_get_local_day (dose);
      PdMedication *medication = pd_dose_find_medication (dose, demo->medications);

      g_assert_nonnull (medication);
      g_assert_cmpuint (day, >=, first);
      g_assert_cmpuint (day, <=, end);
      g_assert_true (pd_medication_is_active_on (medication, day));
      if (pd_dose_get_scheduled_time (dose) != PD_NO_SCHEDULED_TIME)
        {
          n_scheduled++;
          n_skipped += pd_dose_get_status (dose) == PD_DOSE_SKIPPED;
        }
      if (medication == tramadol)
        {
          g_assert_cmpuint (day, <=, pd_medication_get_stop_day (tramadol));
          if (day >= first + 60 && day <= first + 75)
            tramadol_in_flare++;
          else if (day < first + 60)
            tramadol_before++;
        }
    }
  g_test_message ("demo: %u doses, %u scheduled, %u skipped, tramadol %u before the flare, "
                  "%u in it", demo->doses->len, n_scheduled, n_skipped, tramadol_before,
                  tramadol_in_flare);
  /* 5 a day over about 115 days with entries (the last one only its morning). */
  g_assert_cmpuint (n_scheduled, >=, 5 * 110);
  g_assert_cmpuint (n_scheduled, <=, 5 * 120);
  g_assert_cmpuint (n_skipped, >=, n_scheduled / 50);
  g_assert_cmpuint (n_skipped, <=, n_scheduled / 10);
  g_assert_cmpuint (tramadol_in_flare, >, 2 * tramadol_before);
  g_assert_cmpuint (tramadol_in_flare, >=, 16 * 2);

  /* The worst day of the flare reaches the MME caution; recent days have no opioid. */
  for (guint32 day = first + 60; day <= first + 75; day++)
    peak_mme = MAX (peak_mme, pd_daily_mme (demo->doses, demo->medications, day));
  g_assert_cmpfloat (peak_mme, >=, PD_MME_CAUTION);
  g_assert_cmpfloat (peak_mme, <, PD_MME_HIGH);
  g_assert_cmpfloat (pd_daily_mme (demo->doses, demo->medications, end - 1), ==, 0);

  /* Today still has scheduled doses due. */
  {
    g_autoptr(GPtrArray) due = pd_due_doses (demo->medications, demo->doses, end);
    guint pending = 0;

    for (guint i = 0; i < due->len; i++)
      pending += ((PdDueDose *) due->pdata[i])->state == PD_DUE_PENDING;
    g_assert_cmpuint (due->len, ==, 5);
    g_assert_cmpuint (pending, ==, 3);
  }

  /* Activities: physiotherapy twice a week, walking most days. */
  for (guint i = 0; i < demo->activities->len; i++)
    {
      PdActivity *activity = demo->activities->pdata[i];
      const char *name = pd_activity_get_name (activity);

      if (g_str_equal (name, "Physical therapy session"))
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, pd_activity_get_local_day (activity));
          g_assert_true (g_date_get_weekday (&date) == G_DATE_TUESDAY ||
                         g_date_get_weekday (&date) == G_DATE_FRIDAY);
          g_assert_cmpint (pd_activity_get_duration (activity), ==, 45);
          n_physio++;
        }
      else if (g_str_equal (name, "Walking"))
        {
          g_assert_cmpint (pd_activity_get_duration (activity), >=, 20);
          g_assert_cmpint (pd_activity_get_duration (activity), <=, 45);
          g_assert_cmpint (pd_activity_get_effort (activity), >=, 3);
          g_assert_cmpint (pd_activity_get_effort (activity), <=, 5);
          n_walks++;
        }
      else
        g_assert_cmpstr (name, ==, "Home exercises (core stabilisation)");
    }
  g_assert_cmpuint (n_physio, >=, 30);
  g_assert_cmpuint (n_physio, <=, 36);
  g_assert_cmpuint (n_walks, >=, 70);

  /* Events: the surgery on the date in meta, the injection after the flare's peak. */
  surgery = find_event (demo->events, "surgery");
  injection = find_event (demo->events, "injection");
  g_assert_nonnull (surgery);
  g_assert_nonnull (injection);
  g_assert_cmpstr (pd_event_get_title (surgery), ==, "Lumbar fusion L4-L5");
  g_assert_cmpuint (pd_event_get_local_day (surgery), ==, surgery_day);
  g_assert_cmpstr (pd_event_get_title (injection), ==, "Epidural steroid injection");
  g_assert_cmpuint (pd_event_get_local_day (injection), >, first + 63);
  g_assert_cmpuint (pd_event_get_local_day (injection), <=, first + 75);
  for (guint i = 0; i < demo->events->len; i++)
    n_appointments += g_str_equal (pd_event_get_kind (demo->events->pdata[i]), "appointment");
  g_assert_cmpuint (n_appointments, ==, 2);
}

/* The newest local day with a pain entry, dose or activity: by the records' own offsets,
 * deleted ones left out. */
static void
test_last_day (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(PdDose) dose = new_dose (NULL, 0, 100);
  g_autoptr(PdActivity) activity = new_activity ("Walking", 0, CEST, 20);
  /* 2025-10-09 22:30 UTC: 10 October at +02:00, still 9 October at -05:00. */
  gint64 late = G_GINT64_CONSTANT (1760049000);

  g_assert_cmpuint (pd_database_get_last_day (fixture->db, &error), ==, 0);
  g_assert_no_error (error);

  /* The entry is on 10 October; the dose is an hour newer but on 9 October. */
  pd_pain_entry_set_time (entry, late, CEST);
  pd_dose_set_time (dose, late + 3600, -5 * 3600);
  g_assert_true (pd_database_save_pain_entry (fixture->db, entry, &error));
  save_record (fixture->db, PD_RECORD_DOSE, dose);
  g_assert_cmpuint (pd_database_get_last_day (fixture->db, &error), ==,
                    julian (2025, G_DATE_OCTOBER, 10));

  /* A deleted activity three days later does not count; restored, it does. */
  pd_activity_set_time (activity, late + 3 * 86400, CEST);
  g_assert_true (pd_database_save_activity (fixture->db, activity, &error));
  g_assert_true (pd_database_delete_record (fixture->db, PD_RECORD_ACTIVITY,
                                            pd_activity_get_id (activity), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_database_get_last_day (fixture->db, &error), ==,
                    julian (2025, G_DATE_OCTOBER, 10));
  g_assert_true (pd_database_restore_record (fixture->db, PD_RECORD_ACTIVITY,
                                             pd_activity_get_id (activity), &error));
  g_assert_cmpuint (pd_database_get_last_day (fixture->db, &error), ==,
                    julian (2025, G_DATE_OCTOBER, 13));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up_open, func, fixture_tear_down)

  g_test_add_func ("/treatment-storage/types", test_types);
  g_test_add_func ("/treatment-storage/activity-object", test_activity_object);
  g_test_add_func ("/treatment-storage/event-object", test_event_object);
  ADD ("/treatment-storage/medication-round-trip", test_medication_round_trip);
  ADD ("/treatment-storage/dose-round-trip", test_dose_round_trip);
  ADD ("/treatment-storage/dose-side-effects-on-disk", test_dose_side_effects_on_disk);
  ADD ("/treatment-storage/activity-round-trip", test_activity_round_trip);
  ADD ("/treatment-storage/event-round-trip", test_event_round_trip);
  ADD ("/treatment-storage/event-end-day", test_event_end_day);
  ADD ("/treatment-storage/list-ranges", test_list_ranges);
  ADD ("/treatment-storage/delete-restore", test_delete_restore);
  ADD ("/treatment-storage/delete-medication-keeps-doses", test_delete_medication_keeps_doses);
  ADD ("/treatment-storage/read-only", test_read_only);
  ADD ("/treatment-storage/bad-input", test_bad_input);
  ADD ("/treatment-storage/save-records-all-or-nothing", test_save_records_all_or_nothing);
  ADD ("/treatment-storage/save-records-in-transaction", test_save_records_in_transaction);
  ADD ("/treatment-storage/load", test_load);
  ADD ("/treatment-storage/last-day", test_last_day);
  ADD ("/treatment-storage/load-async", test_load_async);
  ADD ("/treatment-storage/recent-activity-names", test_recent_activity_names);
  ADD ("/treatment-storage/generator", test_generator_treatment);
  ADD ("/treatment-storage/demo", test_demo);

#undef ADD

  return g_test_run ();
}
