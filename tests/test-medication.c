/* test-medication.c: regimen medications and logged doses, and their validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-medication"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-catalogue.h"
#include "pd-dose.h"
#include "pd-error.h"
#include "pd-medication.h"
#include "test-util.h"

/* Validates and checks the message: "field: ..." containing the given words. */
static void
assert_invalid (gboolean    valid,
                GError     *error,
                const char *field,
                const char *words)
{
  g_autofree char *prefix = g_strconcat (field, ": ", NULL);

  g_assert_false (valid);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
}

static void
assert_medication_invalid (PdMedication *medication,
                           const char   *field,
                           const char   *words)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = pd_medication_validate (medication, &error);

  assert_invalid (valid, error, field, words);
}

static void
assert_dose_invalid (PdDose     *dose,
                     const char *field,
                     const char *words)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = pd_dose_validate (dose, &error);

  assert_invalid (valid, error, field, words);
}

static PdMedication *
valid_medication (void)
{
  PdMedication *medication = pd_medication_new ();

  pd_medication_set_name (medication, "Gabapentin");
  pd_medication_set_drug_class (medication, "gabapentinoid");
  pd_medication_set_amount (medication, 300);
  pd_medication_set_unit (medication, "mg");
  return medication;
}

static PdDose *
valid_dose (void)
{
  PdDose *dose = pd_dose_new ();

  pd_dose_set_name (dose, "Ibuprofen");
  pd_dose_set_amount (dose, 400);
  pd_dose_set_unit (dose, "mg");
  return dose;
}

static void
test_medication_defaults (void)
{
  g_autoptr(PdMedication) medication = pd_medication_new ();
  g_autoptr(PdMedication) other = pd_medication_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_true (g_uuid_string_is_valid (pd_medication_get_id (medication)));
  g_assert_cmpstr (pd_medication_get_id (medication), !=, pd_medication_get_id (other));
  g_assert_cmpstr (pd_medication_get_name (medication), ==, "");
  g_assert_null (pd_medication_get_catalogue_key (medication));
  g_assert_cmpstr (pd_medication_get_drug_class (medication), ==, "other");
  g_assert_true (pd_medication_is_as_needed (medication));
  g_assert_cmpuint (pd_medication_get_schedule (medication)->len, ==, 0);
  g_assert_cmpuint (pd_medication_get_start_day (medication), ==,
                    julian (g_date_time_get_year (now), g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now)));
  g_assert_cmpuint (pd_medication_get_stop_day (medication), ==, 0);
  g_assert_true (pd_medication_get_reminders (medication));
  g_assert_cmpfloat (pd_medication_get_mme_factor (medication), ==, 0);
  g_assert_cmpfloat (pd_medication_get_max_daily (medication), ==, 0);
  g_assert_cmpstr (pd_medication_get_notes (medication), ==, "");

  /* Nothing is filled in for the patient: a new medication needs a name and an amount. */
  assert_medication_invalid (medication, "name", NULL);
}

static void
test_medication_from_catalogue (void)
{
  g_autoptr(PdMedication) tramadol = pd_medication_new_from_catalogue ("tramadol");
  g_autoptr(PdMedication) acetaminophen = pd_medication_new_from_catalogue ("acetaminophen");
  g_autoptr(PdMedication) patch = pd_medication_new_from_catalogue ("fentanyl_patch");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (tramadol);
  g_assert_cmpstr (pd_medication_get_name (tramadol), ==, "Tramadol");
  g_assert_cmpstr (pd_medication_get_catalogue_key (tramadol), ==, "tramadol");
  g_assert_cmpstr (pd_medication_get_drug_class (tramadol), ==, "opioid");
  g_assert_cmpstr (pd_medication_get_form (tramadol), ==, "tablet");
  g_assert_cmpfloat (pd_medication_get_amount (tramadol), ==, 50);
  g_assert_cmpstr (pd_medication_get_unit (tramadol), ==, "mg");
  g_assert_cmpfloat (pd_medication_get_mme_factor (tramadol), ==, 0.2);
  g_assert_true (pd_medication_validate (tramadol, &error));
  g_assert_no_error (error);

  g_assert_cmpfloat (pd_medication_get_max_daily (acetaminophen), ==, 4000);

  g_assert_cmpstr (pd_medication_get_unit (patch), ==, "mcg/h");
  g_assert_cmpfloat (pd_medication_get_mme_factor (patch), ==, 2.4);
  /* "As prescribed": the patient enters the amount. */
  assert_medication_invalid (patch, "amount", NULL);
  pd_medication_set_amount (patch, 25);
  g_assert_true (pd_medication_validate (patch, &error));
  g_assert_no_error (error);

  g_assert_null (pd_medication_new_from_catalogue ("no-such-drug"));
  g_assert_null (pd_medication_new_from_catalogue (NULL));
}

static void
test_medication_copy (void)
{
  g_autoptr(PdMedication) medication = valid_medication ();
  g_autoptr(PdMedication) copy = NULL;
  g_autofree char *schedule = NULL;
  guint times[] = { 1200, 480 };

  pd_medication_set_id (medication, "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  g_assert_cmpstr (pd_medication_get_id (medication), ==, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  pd_medication_set_catalogue_key (medication, "gabapentin");
  pd_medication_set_form (medication, "capsule");
  pd_medication_set_schedule (medication, times, G_N_ELEMENTS (times));
  pd_medication_set_start_day (medication, julian (2024, 3, 1));
  pd_medication_set_stop_day (medication, julian (2024, 4, 1));
  pd_medication_set_mme_factor (medication, 0);
  pd_medication_set_max_daily (medication, 3600);
  pd_medication_set_reminders (medication, FALSE);
  pd_medication_set_notes (medication, "Nach dem Essen");
  pd_medication_set_stamps (medication, 10, 20);

  copy = pd_medication_copy (medication);
  g_assert_true (copy != medication);
  g_assert_cmpstr (pd_medication_get_id (copy), ==, pd_medication_get_id (medication));
  g_assert_cmpstr (pd_medication_get_name (copy), ==, "Gabapentin");
  g_assert_cmpstr (pd_medication_get_catalogue_key (copy), ==, "gabapentin");
  g_assert_cmpstr (pd_medication_get_drug_class (copy), ==, "gabapentinoid");
  g_assert_cmpstr (pd_medication_get_form (copy), ==, "capsule");
  g_assert_cmpfloat (pd_medication_get_amount (copy), ==, 300);
  g_assert_cmpstr (pd_medication_get_unit (copy), ==, "mg");
  schedule = pd_medication_dup_schedule_string (copy);
  g_assert_cmpstr (schedule, ==, "08:00;20:00");
  g_assert_cmpuint (pd_medication_get_start_day (copy), ==, julian (2024, 3, 1));
  g_assert_cmpuint (pd_medication_get_stop_day (copy), ==, julian (2024, 4, 1));
  g_assert_cmpfloat (pd_medication_get_max_daily (copy), ==, 3600);
  g_assert_false (pd_medication_get_reminders (copy));
  g_assert_cmpstr (pd_medication_get_notes (copy), ==, "Nach dem Essen");
  g_assert_cmpint (pd_medication_get_created (copy), ==, 10);
  g_assert_cmpint (pd_medication_get_updated (copy), ==, 20);

  /* The copy is independent. */
  pd_medication_set_schedule (medication, NULL, 0);
  g_assert_cmpuint (pd_medication_get_schedule (copy)->len, ==, 2);
  pd_medication_set_catalogue_key (copy, NULL);
  g_assert_null (pd_medication_get_catalogue_key (copy));
}

static void
test_medication_validation (void)
{
  g_autoptr(PdMedication) medication = valid_medication ();
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_medication_validate (medication, &error));
  g_assert_no_error (error);

  pd_medication_set_name (medication, "");
  assert_medication_invalid (medication, "name", "empty");
  pd_medication_set_name (medication, " \t ");
  assert_medication_invalid (medication, "name", "empty");
  pd_medication_set_name (medication, "Gabapentin");

  pd_medication_set_amount (medication, -5);
  assert_medication_invalid (medication, "amount", "-5 mg");
  pd_medication_set_amount (medication, 0);
  assert_medication_invalid (medication, "amount", NULL);
  pd_medication_set_amount (medication, 100000);
  assert_medication_invalid (medication, "amount",
                             "100000 mg is more than the largest single dose accepted (5000 mg)");
  pd_medication_set_amount (medication, NAN);
  assert_medication_invalid (medication, "amount", NULL);
  pd_medication_set_amount (medication, 300);

  pd_medication_set_unit (medication, "spoon");
  assert_medication_invalid (medication, "unit",
                             "“spoon” is not a known unit (mg, mcg, g, ml, mcg/h, patch, puff, "
                             "drop, IU, tablet)");
  pd_medication_set_unit (medication, "mg");

  pd_medication_set_drug_class (medication, "miracle");
  assert_medication_invalid (medication, "drug_class", "miracle");
  pd_medication_set_drug_class (medication, "gabapentinoid");

  pd_medication_set_start_day (medication, julian (2024, 3, 10));
  pd_medication_set_stop_day (medication, julian (2024, 3, 1));
  assert_medication_invalid (medication, "stop_day", "2024-03-01 is before the start date 2024-03-10");
  pd_medication_set_stop_day (medication, julian (2024, 3, 10));
  g_assert_true (pd_medication_validate (medication, NULL));
  pd_medication_set_stop_day (medication, 0);

  pd_medication_set_start_day (medication, 0);
  assert_medication_invalid (medication, "start_day", NULL);
  pd_medication_set_start_day (medication, julian (2024, 3, 10));

  pd_medication_set_mme_factor (medication, -1);
  assert_medication_invalid (medication, "mme_factor", NULL);
  pd_medication_set_mme_factor (medication, 0);
  pd_medication_set_max_daily (medication, -1);
  assert_medication_invalid (medication, "max_daily", NULL);
  pd_medication_set_max_daily (medication, 0);

  {
    guint bad[] = { 480, 1440 };

    pd_medication_set_schedule (medication, bad, G_N_ELEMENTS (bad));
    assert_medication_invalid (medication, "schedule", "1440");
    pd_medication_set_schedule (medication, NULL, 0);
  }

  pd_medication_set_notes (medication, "\xff\xfe");
  assert_medication_invalid (medication, "notes", NULL);
  pd_medication_set_notes (medication, "");

  pd_medication_set_id (medication, "not-a-uuid");
  assert_medication_invalid (medication, "id", NULL);
}

static void
test_schedule_strings (void)
{
  g_autoptr(PdMedication) medication = valid_medication ();
  const struct
  {
    const char *in;
    const char *out;
  } good[] = {
    { "08:00;20:00", "08:00;20:00" },
    { "20:00;08:00", "08:00;20:00" },
    { " 8:00 ; 13:30 ;22:15", "08:00;13:30;22:15" },
    { "00:00;23:59", "00:00;23:59" },
    { "", "" },
    { ";", "" },
    { "08:00;", "08:00" },
  };
  const char *bad[] = {
    "25:00", "8", "08:60", "08:0", "8h00", "08:00:00", "-1:00", "noon", "08:00;9:5",
    "08:00,20:00", "08:00;08:00", "123:00", "08:00x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      g_assert_true (pd_medication_set_schedule_string (medication, good[i].in, &error));
      g_assert_no_error (error);
      out = pd_medication_dup_schedule_string (medication);
      g_assert_cmpstr (out, ==, good[i].out);
      g_assert_true (pd_medication_is_as_needed (medication) == (*good[i].out == '\0'));
    }

  g_assert_true (pd_medication_set_schedule_string (medication, "08:00;20:00", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *kept = NULL;

      g_test_message ("“%s”", bad[i]);
      g_assert_false (pd_medication_set_schedule_string (medication, bad[i], &error));
      assert_invalid (FALSE, error, "schedule", NULL);
      /* A bad string changes nothing. */
      kept = pd_medication_dup_schedule_string (medication);
      g_assert_cmpstr (kept, ==, "08:00;20:00");
    }

  /* The message names the bad time. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (pd_medication_set_schedule_string (medication, "08:00; 25:00", &error));
    assert_invalid (FALSE, error, "schedule", "“25:00”");
  }

  /* The minutes setter sorts and drops repeats. */
  {
    guint times[] = { 1320, 480, 480, 720 };
    const GArray *schedule;

    pd_medication_set_schedule (medication, times, G_N_ELEMENTS (times));
    schedule = pd_medication_get_schedule (medication);
    g_assert_cmpuint (schedule->len, ==, 3);
    g_assert_cmpuint (g_array_index (schedule, guint, 0), ==, 480);
    g_assert_cmpuint (g_array_index (schedule, guint, 1), ==, 720);
    g_assert_cmpuint (g_array_index (schedule, guint, 2), ==, 1320);
  }
}

static void
test_active_on (void)
{
  g_autoptr(PdMedication) medication = valid_medication ();
  guint32 start = julian (2024, 3, 10);
  guint32 stop = julian (2024, 3, 20);

  pd_medication_set_start_day (medication, start);
  g_assert_false (pd_medication_is_active_on (medication, start - 1));
  g_assert_true (pd_medication_is_active_on (medication, start));
  g_assert_true (pd_medication_is_active_on (medication, start + 10000));

  pd_medication_set_stop_day (medication, stop);
  g_assert_true (pd_medication_is_active_on (medication, start));
  g_assert_true (pd_medication_is_active_on (medication, stop));
  g_assert_false (pd_medication_is_active_on (medication, stop + 1));
  g_assert_false (pd_medication_is_active_on (medication, start - 1));

  /* Started and stopped the same day. */
  pd_medication_set_stop_day (medication, start);
  g_assert_true (pd_medication_is_active_on (medication, start));
  g_assert_false (pd_medication_is_active_on (medication, start + 1));
}

static void
test_dose_defaults (void)
{
  g_autoptr(PdDose) dose = pd_dose_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (g_uuid_string_is_valid (pd_dose_get_id (dose)));
  g_assert_null (pd_dose_get_medication_id (dose));
  g_assert_cmpstr (pd_dose_get_name (dose), ==, "");
  g_assert_cmpint (ABS (pd_dose_get_time (dose) - now), <=, 2);
  g_assert_cmpint (pd_dose_get_status (dose), ==, PD_DOSE_TAKEN);
  g_assert_cmpuint (pd_dose_get_scheduled_time (dose), ==, PD_NO_SCHEDULED_TIME);
  g_assert_cmpuint (pd_dose_get_side_effects (dose), ==, 0);
  g_assert_cmpstr (pd_dose_get_note (dose), ==, "");
  assert_dose_invalid (dose, "name", NULL);
}

static void
test_dose_copy (void)
{
  g_autoptr(PdDose) dose = valid_dose ();
  g_autoptr(PdDose) copy = NULL;
  const char *medication_id = "5b1bd2a4-0f3c-4bd6-9a43-7a7c6e4f0e11";

  pd_dose_set_medication_id (dose, medication_id);
  pd_dose_set_time (dose, 1710401400, 3600);
  pd_dose_set_status (dose, PD_DOSE_SKIPPED);
  pd_dose_set_scheduled_time (dose, 480);
  pd_dose_set_side_effects (dose, 0x5);
  pd_dose_set_note (dose, "with breakfast");
  pd_dose_set_stamps (dose, 7, 8);

  copy = pd_dose_copy (dose);
  g_assert_cmpstr (pd_dose_get_id (copy), ==, pd_dose_get_id (dose));
  g_assert_cmpstr (pd_dose_get_medication_id (copy), ==, medication_id);
  g_assert_cmpstr (pd_dose_get_name (copy), ==, "Ibuprofen");
  g_assert_cmpint (pd_dose_get_time (copy), ==, 1710401400);
  g_assert_cmpint (pd_dose_get_utc_offset (copy), ==, 3600);
  g_assert_cmpfloat (pd_dose_get_amount (copy), ==, 400);
  g_assert_cmpstr (pd_dose_get_unit (copy), ==, "mg");
  g_assert_cmpint (pd_dose_get_status (copy), ==, PD_DOSE_SKIPPED);
  g_assert_cmpuint (pd_dose_get_scheduled_time (copy), ==, 480);
  g_assert_cmpuint (pd_dose_get_side_effects (copy), ==, 0x5);
  g_assert_cmpstr (pd_dose_get_note (copy), ==, "with breakfast");
  g_assert_cmpint (pd_dose_get_created (copy), ==, 7);
  g_assert_cmpint (pd_dose_get_updated (copy), ==, 8);
  g_assert_true (pd_dose_validate (copy, NULL));

  /* 2024-03-14 07:30 UTC is 08:30 in Berlin: still the 14th. */
  g_assert_cmpuint (pd_dose_get_local_day (copy), ==, julian (2024, 3, 14));
  pd_dose_set_time (copy, 1710401400, -10 * 3600);
  g_assert_cmpuint (pd_dose_get_local_day (copy), ==, julian (2024, 3, 13));

  pd_dose_set_medication_id (copy, NULL);
  g_assert_null (pd_dose_get_medication_id (copy));
}

static void
test_dose_validation (void)
{
  g_autoptr(PdDose) dose = valid_dose ();
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_dose_validate (dose, &error));
  g_assert_no_error (error);

  pd_dose_set_amount (dose, -400);
  assert_dose_invalid (dose, "amount", "-400 mg");
  pd_dose_set_amount (dose, 0);
  assert_dose_invalid (dose, "amount", "0 mg");
  pd_dose_set_amount (dose, 100000);
  assert_dose_invalid (dose, "amount",
                       "100000 mg is more than the largest single dose accepted (5000 mg)");
  pd_dose_set_amount (dose, INFINITY);
  assert_dose_invalid (dose, "amount", NULL);
  pd_dose_set_amount (dose, 5000);
  g_assert_true (pd_dose_validate (dose, NULL));
  pd_dose_set_amount (dose, 400);

  /* The same amount is absurd in one unit and usual in another. */
  pd_dose_set_unit (dose, "IU");
  pd_dose_set_amount (dose, 50000);
  g_assert_true (pd_dose_validate (dose, NULL));
  pd_dose_set_unit (dose, "g");
  assert_dose_invalid (dose, "amount", "(100 g)");
  pd_dose_set_unit (dose, "mcg/h");
  pd_dose_set_amount (dose, 250);
  assert_dose_invalid (dose, "amount", "(200 mcg/h)");
  pd_dose_set_amount (dose, 2.5);
  pd_dose_set_unit (dose, "g");
  g_assert_true (pd_dose_validate (dose, NULL));
  pd_dose_set_amount (dose, 400);

  pd_dose_set_unit (dose, "spoon");
  assert_dose_invalid (dose, "unit",
                       "“spoon” is not a known unit (mg, mcg, g, ml, mcg/h, patch, puff, drop, IU, tablet)");
  pd_dose_set_unit (dose, "");
  assert_dose_invalid (dose, "unit", NULL);
  pd_dose_set_unit (dose, "Mg");
  assert_dose_invalid (dose, "unit", NULL);
  pd_dose_set_unit (dose, "mg");

  pd_dose_set_name (dose, "");
  assert_dose_invalid (dose, "name", "empty");
  pd_dose_set_name (dose, "   ");
  assert_dose_invalid (dose, "name", "empty");
  pd_dose_set_name (dose, "Ibuprofen");

  pd_dose_set_medication_id (dose, "ibuprofen");
  assert_dose_invalid (dose, "medication_id", NULL);
  pd_dose_set_medication_id (dose, NULL);

  pd_dose_set_scheduled_time (dose, 24 * 60);
  assert_dose_invalid (dose, "scheduled_time", NULL);
  pd_dose_set_scheduled_time (dose, 23 * 60 + 59);
  g_assert_true (pd_dose_validate (dose, NULL));
  pd_dose_set_scheduled_time (dose, PD_NO_SCHEDULED_TIME);

  pd_dose_set_side_effects (dose, 1u << pd_side_effect_count ());
  assert_dose_invalid (dose, "side_effects", NULL);
  pd_dose_set_side_effects (dose, (1u << pd_side_effect_count ()) - 1);
  g_assert_true (pd_dose_validate (dose, NULL));

  pd_dose_set_status (dose, (PdDoseStatus) 7);
  assert_dose_invalid (dose, "status", NULL);
  pd_dose_set_status (dose, PD_DOSE_SKIPPED);
  g_assert_true (pd_dose_validate (dose, NULL));

  pd_dose_set_time (dose, 1710401400, 15 * 3600);
  assert_dose_invalid (dose, "utc_offset", NULL);
  pd_dose_set_time (dose, 1710401400, 3600);

  {
    g_autofree char *long_note = g_strnfill (10001, 'x');

    pd_dose_set_note (dose, long_note);
    assert_dose_invalid (dose, "note", NULL);
  }
}

static void
test_side_effects (void)
{
  const char *keys[] = { "drowsiness", "nausea", "constipation", "dizziness", "dry_mouth", "other" };

  g_assert_cmpuint (pd_side_effect_count (), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_cmpstr (pd_side_effect_key (i), ==, keys[i]);
      g_assert_nonnull (pd_side_effect_label (i));
    }
  g_assert_cmpstr (pd_side_effect_label (4), ==, "Dry mouth");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/medication/defaults", test_medication_defaults);
  g_test_add_func ("/medication/from-catalogue", test_medication_from_catalogue);
  g_test_add_func ("/medication/copy", test_medication_copy);
  g_test_add_func ("/medication/validation", test_medication_validation);
  g_test_add_func ("/medication/schedule-strings", test_schedule_strings);
  g_test_add_func ("/medication/active-on", test_active_on);
  g_test_add_func ("/dose/defaults", test_dose_defaults);
  g_test_add_func ("/dose/copy", test_dose_copy);
  g_test_add_func ("/dose/validation", test_dose_validation);
  g_test_add_func ("/dose/side-effects", test_side_effects);

  return g_test_run ();
}
