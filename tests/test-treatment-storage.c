/* test-treatment-storage.c: the regimen, doses, activities and events in a diary file: the
 * record objects, their round trips, listing and deleting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-treatment-storage"

#include "config.h"

#include "treatment-test-util.h"

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
  g_autoptr(PdDiaryData) records = diary_new ();
  g_autoptr(GError) error = NULL;
  const PdRecordKind kinds[] = { PD_RECORD_PAIN, PD_RECORD_DOSE, PD_RECORD_ACTIVITY,
                                  PD_RECORD_EVENT };

  /* Saved out of order, two at the same instant. */
  for (guint i = 0; i < G_N_ELEMENTS (hours); i++)
    {
      gint64 at = T0 + hours[i] * 3600;

      PdPainEntry *entry = pd_pain_entry_new ();

      pd_pain_entry_set_time (entry, at, CEST);
      g_ptr_array_add (records->pain_entries, entry);
      g_ptr_array_add (records->doses, new_dose (NULL, at, 100 + i));
      g_ptr_array_add (records->activities, new_activity ("Walking", at, CEST, 10 + i));
      g_ptr_array_add (records->events, new_event ("appointment", "Physio", at, CEST));
    }
  g_assert_true (save_diary_records (fixture->db, records, &error));
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
  g_autoptr(GError) error = NULL;
  gpointer records[] = { entry, medication, dose, activity, event };   /* of all_kinds */

  pd_pain_entry_set_pain (entry, 4);
  g_assert_true (save_one_of_each (fixture->db, records, &error));
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

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/treatment-storage/medication-round-trip", test_medication_round_trip },
    { "/treatment-storage/dose-round-trip", test_dose_round_trip },
    { "/treatment-storage/dose-side-effects-on-disk", test_dose_side_effects_on_disk },
    { "/treatment-storage/activity-round-trip", test_activity_round_trip },
    { "/treatment-storage/event-round-trip", test_event_round_trip },
    { "/treatment-storage/event-end-day", test_event_end_day },
    { "/treatment-storage/list-ranges", test_list_ranges },
    { "/treatment-storage/delete-restore", test_delete_restore },
    { "/treatment-storage/delete-medication-keeps-doses", test_delete_medication_keeps_doses },
  };

  g_test_init (&argc, &argv, NULL);
  /* The record objects and their helpers need no diary. */
  g_test_add_func ("/treatment-storage/types", test_types);
  g_test_add_func ("/treatment-storage/activity-object", test_activity_object);
  g_test_add_func ("/treatment-storage/event-object", test_event_object);
  add_fixture_tests (fixture_set_up_open, tests, G_N_ELEMENTS (tests));
  return g_test_run ();
}
