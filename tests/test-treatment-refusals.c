/* test-treatment-refusals.c: treatment records the diary refuses (read-only, bad input)
 * and saving several records all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-treatment-refusals"

#include "config.h"

#include "treatment-test-util.h"

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
    g_autoptr(PdDiaryData) loaded = load_diary (db);

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
  g_autoptr(PdDiaryData) records = diary_new ();
  g_autoptr(GError) error = NULL;
  PdMedication *medication = new_medication ("gabapentin");
  PdDose *bad;

  g_ptr_array_add (records->medications, medication);
  for (guint i = 0; i < 10; i++)
    {
      PdPainEntry *entry = pd_pain_entry_new ();

      pd_pain_entry_set_time (entry, T0 + i * 3600, CEST);
      pd_pain_entry_set_pain (entry, (int) i);
      g_ptr_array_add (records->pain_entries, entry);
      g_ptr_array_add (records->doses, new_dose (medication, T0 + i * 3600, 300));
      g_ptr_array_add (records->activities, new_activity ("Walking", T0 + i * 3600, CEST, 20));
      g_ptr_array_add (records->events, new_event ("appointment", "Physio", T0 + i * 3600, CEST));
    }

  /* One absurd dose in the middle: nothing at all is written. */
  bad = records->doses->pdata[5];
  pd_dose_set_amount (bad, 100000);
  g_assert_false (save_diary_records (fixture->db, records, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "amount: "));
  g_clear_error (&error);
  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    g_assert_cmpuint (count_kind (fixture->db, all_kinds[k]), ==, 0);
  g_assert_cmpint (pd_medication_get_created (medication), ==, 0);
  g_assert_cmpint (pd_pain_entry_get_created (records->pain_entries->pdata[0]), ==, 0);

  /* A failure only the file can tell (a dose of an unknown medication, found by the
   * foreign key while writing): everything written before it is rolled back. */
  pd_dose_set_amount (bad, 300);
  pd_dose_set_medication_id (records->doses->pdata[9], UNKNOWN_ID);
  g_assert_false (save_diary_records (fixture->db, records, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "medication_id: "));
  g_clear_error (&error);
  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    g_assert_cmpuint (count_kind (fixture->db, all_kinds[k]), ==, 0);
  g_assert_cmpint (pd_medication_get_created (medication), ==, 0);

  /* Corrected: all of it, stamped. */
  pd_dose_set_medication_id (records->doses->pdata[9], pd_medication_get_id (medication));
  g_assert_true (save_diary_records (fixture->db, records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_PAIN), ==, 10);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_MEDICATION), ==, 1);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_DOSE), ==, 10);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_ACTIVITY), ==, 10);
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_EVENT), ==, 10);
  g_assert_cmpint (pd_medication_get_created (medication), >, 0);
  g_assert_cmpint (pd_dose_get_created (records->doses->pdata[9]), >, 0);
  g_assert_cmpint (pd_event_get_created (records->events->pdata[0]), >, 0);

  /* Arrays may be NULL or empty. */
  g_ptr_array_set_size (records->pain_entries, 0);
  g_assert_true (pd_database_save_records (fixture->db, records->pain_entries, NULL, NULL, NULL,
                                           NULL, &error));
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

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/treatment-storage/read-only", test_read_only },
    { "/treatment-storage/bad-input", test_bad_input },
    { "/treatment-storage/save-records-all-or-nothing", test_save_records_all_or_nothing },
    { "/treatment-storage/save-records-in-transaction", test_save_records_in_transaction },
  };

  return run_fixture_tests (&argc, &argv, fixture_set_up_open, tests, G_N_ELEMENTS (tests));
}
