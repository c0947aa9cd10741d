/* test-checks.c: maximum daily amounts, same-class duplication, adherence and due doses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-checks"

#include "config.h"

#include <string.h>

#include "pd-catalogue.h"
#include "pd-medication-checks.h"
#include "pd-types.h"
#include "checks-test-util.h"

#define ADVICE "Ask your care team about this."

static guint32
day0 (void)
{
  return julian (2024, G_DATE_APRIL, 1);
}

static PdDose *
dose_at (const char *name,
         double      amount,
         const char *unit,
         guint32     day,
         guint       minute)
{
  return test_dose_at (name, amount, unit, day, minute, BERLIN);
}

/* A dose answering a scheduled time of a regimen medication. */
static PdDose *
add_scheduled (GPtrArray    *doses,
               PdMedication *medication,
               guint32       day,
               guint         minute,
               PdDoseStatus  status)
{
  PdDose *dose = dose_at (pd_medication_get_name (medication),
                          pd_medication_get_amount (medication),
                          pd_medication_get_unit (medication), day, minute + 7);

  pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
  pd_dose_set_scheduled_time (dose, minute);
  pd_dose_set_status (dose, status);
  g_ptr_array_add (doses, dose);
  return dose;
}

static void
assert_message (PdWarning *warning)
{
  g_test_message ("%s", warning->message);
  g_assert_true (g_utf8_validate (warning->message, -1, NULL));
  g_assert_true (g_str_has_suffix (warning->message, ADVICE));
}

static void
test_acetaminophen_max (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdWarning *warning;

  /* 4 x 1000 mg: exactly the maximum, no warning. */
  for (guint i = 0; i < 4; i++)
    add_dose_on (doses, "Acetaminophen", 1000, "mg", day0 (), (6 + 5 * i) * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* One more 500 mg tablet: 4500 mg. */
  add_dose_on (doses, "Acetaminophen", 500, "mg", day0 (), 23 * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, PD_WARNING_MAX_DAILY);
  g_assert_cmpstr (warning->subject, ==, "Acetaminophen");
  g_assert_cmpfloat (warning->value, ==, 4500);
  g_assert_cmpfloat (warning->limit, ==, 4000);
  assert_message (warning);
  g_assert_nonnull (strstr (warning->message, "Acetaminophen"));
  g_assert_nonnull (strstr (warning->message, "4500 mg"));
  g_assert_nonnull (strstr (warning->message, "4000 mg"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* The next day starts again from nothing. */
  warnings = pd_day_warnings (doses, NULL, day0 () + 1);
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_skipped_do_not_count (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdDose *skipped;

  for (guint i = 0; i < 4; i++)
    add_dose_on (doses, "Acetaminophen", 1000, "mg", day0 (), (6 + 5 * i) * 60);
  skipped = dose_at ("Acetaminophen", 1000, "mg", day0 (), 23 * 60);
  pd_dose_set_status (skipped, PD_DOSE_SKIPPED);
  g_ptr_array_add (doses, skipped);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_ibuprofen_max (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) regimen = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdMedication *prescribed;
  PdDose *dose;
  PdWarning *warning;

  /* Without prescription: 3 x 400 mg = 1200 mg, the maximum; one more is over it. */
  for (guint i = 0; i < 3; i++)
    add_dose_on (doses, "Ibuprofen", 400, "mg", day0 (), (7 + 4 * i) * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  add_dose_on (doses, "ibuprofen", 400, "mg", day0 (), 23 * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = find_kind (warnings, PD_WARNING_MAX_DAILY);
  g_assert_nonnull (warning);
  g_assert_cmpstr (warning->subject, ==, "Ibuprofen");
  g_assert_cmpstr (warning->code, ==, "over_max:ibuprofen");
  g_assert_cmpfloat (warning->value, ==, 1600);
  g_assert_cmpfloat (warning->limit, ==, 1200);
  assert_message (warning);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* A regimen entry marked prescribed: 3200 mg applies. */
  prescribed = pd_medication_new_from_catalogue ("ibuprofen");
  pd_medication_set_prescribed (prescribed, TRUE);
  g_ptr_array_add (regimen, prescribed);
  dose = dose_at ("Ibuprofen", 1600, "mg", day0 (), 22 * 60);
  pd_dose_set_medication_id (dose, pd_medication_get_id (prescribed));
  g_ptr_array_add (doses, dose);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_null (find_kind (warnings, PD_WARNING_MAX_DAILY));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  add_dose_on (doses, "Ibuprofen", 1, "mg", day0 (), 23 * 60 + 30);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  warning = find_kind (warnings, PD_WARNING_MAX_DAILY);
  g_assert_nonnull (warning);
  g_assert_cmpfloat (warning->value, ==, 3201);
  g_assert_cmpfloat (warning->limit, ==, 3200);
}

static void
test_mass_conversion (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) regimen = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdMedication *in_grams;
  PdWarning *warning;

  /* 1 g + 1 g + 1000 mg + 500 mg + 1 g = 4500 mg, under two names. */
  add_dose_on (doses, "Acetaminophen", 1, "g", day0 (), 6 * 60);
  add_dose_on (doses, "Paracetamol", 1, "g", day0 (), 10 * 60);
  add_dose_on (doses, "PARACETAMOL", 1000, "mg", day0 (), 14 * 60);
  add_dose_on (doses, "Acetaminophen", 500, "mg", day0 (), 18 * 60);
  add_dose_on (doses, "Acetaminophen", 1, "g", day0 (), 22 * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (warning->kind, ==, PD_WARNING_MAX_DAILY);
  g_assert_cmpfloat_with_epsilon (warning->value, 4500, 1e-9);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* A regimen medication kept in grams: the total is in grams too. */
  in_grams = pd_medication_new_from_catalogue ("acetaminophen");
  pd_medication_set_unit (in_grams, "g");
  pd_medication_set_amount (in_grams, 1);
  pd_medication_set_max_daily (in_grams, 4);
  g_ptr_array_add (regimen, in_grams);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpfloat_with_epsilon (warning->value, 4.5, 1e-9);
  g_assert_cmpfloat (warning->limit, ==, 4);
  g_assert_nonnull (strstr (warning->message, "4.5 g"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Amounts that are not a mass cannot be added to one: no maximum, but the day says that
   * the 20 ml were not counted. */
  g_ptr_array_set_size (doses, 0);
  add_dose_on (doses, "Acetaminophen", 3500, "mg", day0 (), 6 * 60);
  add_dose_on (doses, "Acetaminophen", 20, "ml", day0 (), 10 * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_NOT_COUNTED), ==, 1);
}

static void
test_regimen_max (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) regimen = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdMedication *custom = pd_medication_new ();
  PdMedication *no_max = pd_medication_new_from_catalogue ("ibuprofen");

  /* The regimen's maximum is used, also for a custom medication. */
  pd_medication_set_name (custom, "Metamizole");
  pd_medication_set_amount (custom, 500);
  pd_medication_set_max_daily (custom, 4000);
  g_ptr_array_add (regimen, custom);
  /* The patient's care team said there is no maximum to watch here. */
  pd_medication_set_max_daily (no_max, 0);
  g_ptr_array_add (regimen, no_max);

  for (guint i = 0; i < 9; i++)
    {
      add_scheduled (doses, custom, day0 (), 60 + i * 120, PD_DOSE_TAKEN);
      add_dose_on (doses, "Ibuprofen", 400, "mg", day0 (), 60 + i * 120);
    }
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_MAX_DAILY), ==, 1);
  g_assert_cmpstr (find_kind (warnings, PD_WARNING_MAX_DAILY)->subject, ==, "Metamizole");
  g_assert_cmpfloat (find_kind (warnings, PD_WARNING_MAX_DAILY)->value, ==, 4500);
}

static void
assert_same_class (const char * const *names,
                   guint                expected_warnings,
                   const char          *subject)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const PdMedicationInfo *info = pd_catalogue_find_medication (names[i]);

      g_assert_nonnull (info);
      add_dose_on (doses, names[i], info->usual_amount > 0 ? info->usual_amount : 5, info->unit,
                   day0 (), 8 * 60 + i * 60);
    }
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_SAME_CLASS), ==, expected_warnings);
  if (subject != NULL)
    {
      PdWarning *warning = find_kind (warnings, PD_WARNING_SAME_CLASS);

      g_assert_cmpstr (warning->subject, ==, subject);
      assert_message (warning);
      for (guint i = 0; names[i] != NULL; i++)
        g_assert_nonnull (strstr (warning->message,
                                  pd_catalogue_find_medication (names[i])->name));
    }
}

static void
test_same_class (void)
{
  const char *nsaids[] = { "Ibuprofen", "Naproxen", NULL };
  const char *cox2[] = { "Ibuprofen", "Celecoxib", NULL };
  const char *three[] = { "Ibuprofen", "Naproxen", "Celecoxib", NULL };
  const char *one_twice[] = { "Ibuprofen", "ibuprofen", "Ibuprofen", NULL };
  const char *aliases[] = { "Ibuprofen", "Advil", "NUROFEN", NULL };
  const char *topical[] = { "Ibuprofen", "Diclofenac gel", NULL };
  const char *opioids[] = { "Oxycodone", "Tramadol", NULL };
  const char *gabapentinoids[] = { "Gabapentin", "Pregabalin", NULL };
  const char *relaxants[] = { "Baclofen", "Tizanidine", NULL };
  const char *supplements[] = { "Magnesium", "Glucosamine", "Chondroitin", NULL };
  const char *different[] = { "Ibuprofen", "Tramadol", "Gabapentin", "Baclofen", NULL };
  const char *two_groups[] = { "Ibuprofen", "Tramadol", "Naproxen", "Codeine", NULL };

  assert_same_class (nsaids, 1, "NSAID");
  assert_same_class (cox2, 1, "NSAID");
  assert_same_class (three, 1, "NSAID");
  assert_same_class (one_twice, 0, NULL);
  assert_same_class (aliases, 0, NULL);
  assert_same_class (topical, 0, NULL);
  assert_same_class (opioids, 1, "Opioid");
  assert_same_class (gabapentinoids, 1, "Gabapentinoid");
  assert_same_class (relaxants, 1, "Muscle relaxant");
  assert_same_class (supplements, 0, NULL);
  assert_same_class (different, 0, NULL);
  assert_same_class (two_groups, 2, NULL);
}

static void
test_same_class_value (void)
{
  static const TestDose day[] = {
    { "Ibuprofen", 400, "mg", 8 * 60 },
    { "Naproxen", 250, "mg", 9 * 60 },
    { "Ibuprofen", 400, "mg", 14 * 60 },
    { "Celecoxib", 100, "mg", 20 * 60 },
  };
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdWarning *warning;

  test_add_doses (doses, day0 (), day, G_N_ELEMENTS (day));
  /* Another day's naproxen is not "the same day". */
  add_dose_on (doses, "Naproxen", 250, "mg", day0 () + 1, 9 * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  warning = find_kind (warnings, PD_WARNING_SAME_CLASS);
  g_assert_nonnull (warning);
  g_assert_cmpfloat (warning->value, ==, 3);
  g_assert_nonnull (strstr (warning->message, "Ibuprofen, Naproxen, Celecoxib"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  warnings = pd_day_warnings (doses, NULL, day0 () + 1);
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_same_class_regimen (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) regimen = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdMedication *ibuprofen = pd_medication_new_from_catalogue ("ibuprofen");
  PdMedication *naproxen = pd_medication_new_from_catalogue ("naproxen");
  PdMedication *custom = pd_medication_new ();

  pd_medication_set_start_day (ibuprofen, day0 () - 30);
  pd_medication_set_start_day (naproxen, day0 () - 30);
  pd_medication_set_name (custom, "Etoricoxib");
  pd_medication_set_drug_class (custom, "cox2_inhibitor");
  pd_medication_set_amount (custom, 60);
  pd_medication_set_start_day (custom, day0 () - 30);
  g_ptr_array_add (regimen, ibuprofen);
  g_ptr_array_add (regimen, naproxen);
  g_ptr_array_add (regimen, custom);

  /* Both active: flagged. */
  add_scheduled (doses, ibuprofen, day0 (), 8 * 60, PD_DOSE_TAKEN);
  add_scheduled (doses, naproxen, day0 (), 9 * 60, PD_DOSE_TAKEN);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_SAME_CLASS), ==, 1);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Naproxen stopped the day before: its stray dose is not a second active NSAID. */
  pd_medication_set_stop_day (naproxen, day0 () - 1);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_SAME_CLASS), ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Stopped that very day: still active on it. */
  pd_medication_set_stop_day (naproxen, day0 ());
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_SAME_CLASS), ==, 1);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  pd_medication_set_stop_day (naproxen, day0 () - 1);

  /* A custom COX-2 inhibitor from the regimen, by its class. */
  add_dose_on (doses, "etoricoxib", 60, "mg", day0 (), 12 * 60);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_SAME_CLASS), ==, 1);
  g_assert_nonnull (strstr (find_kind (warnings, PD_WARNING_SAME_CLASS)->message, "Etoricoxib"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Skipped doses are not taken. */
  g_ptr_array_set_size (doses, 0);
  add_scheduled (doses, ibuprofen, day0 (), 8 * 60, PD_DOSE_TAKEN);
  add_scheduled (doses, custom, day0 (), 9 * 60, PD_DOSE_SKIPPED);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_warnings_together (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;

  /* Oxycodone 40 mg x 1.5 + tapentadol 100 mg x 0.4 = 100 MME, two opioids, and too much
   * acetaminophen. */
  add_dose_on (doses, "Oxycodone", 20, "mg", day0 (), 8 * 60);
  add_dose_on (doses, "Oxycodone", 20, "mg", day0 (), 20 * 60);
  add_dose_on (doses, "Tapentadol", 100, "mg", day0 (), 14 * 60);
  add_dose_on (doses, "Acetaminophen", 2000, "mg", day0 (), 8 * 60);
  add_dose_on (doses, "Acetaminophen", 2500, "mg", day0 (), 20 * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_MAX_DAILY), ==, 1);
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_MME_HIGH), ==, 1);
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_SAME_CLASS), ==, 1);
  g_assert_cmpfloat_with_epsilon (find_kind (warnings, PD_WARNING_MME_HIGH)->value, 100, 1e-9);
  for (guint i = 0; i < warnings->len; i++)
    assert_message (g_ptr_array_index (warnings, i));

  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = pd_day_warnings (NULL, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 0);
}

static PdMedication *
scheduled_medication (const char  *name,
                      const char  *schedule,
                      guint32      start_day,
                      guint32      stop_day)
{
  PdMedication *medication = new_scheduled_medication (name, 100, schedule);

  pd_medication_set_start_day (medication, start_day);
  pd_medication_set_stop_day (medication, stop_day);
  return medication;
}

static void
assert_adherence (PdAdherence adherence,
                  guint       due,
                  guint       taken,
                  guint       skipped)
{
  g_assert_cmpuint (adherence.due, ==, due);
  g_assert_cmpuint (adherence.taken, ==, taken);
  g_assert_cmpuint (adherence.skipped, ==, skipped);
}

static void
test_adherence (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(PdMedication) steady = NULL;
  g_autoptr(PdMedication) stopped = NULL;
  g_autoptr(PdMedication) started = NULL;
  g_autoptr(PdMedication) as_needed = NULL;
  guint32 first = day0 ();
  guint32 last = day0 () + 29;
  guint32 today = last;
  guint noon = 12 * 60;

  /* Twice a day all along; on day 5 the morning dose skipped, on day 6 the evening one
   * forgotten, on day 7 the morning one both skipped and then taken after all. */
  steady = scheduled_medication ("Gabapentin", "08:00;20:00", first - 10, 0);
  for (guint32 day = first - 10; day <= today; day++)
    for (guint minute = 8 * 60; minute <= 20 * 60; minute += 12 * 60)
      {
        if (day == today && minute > noon)
          continue;
        if (day == first + 6 && minute == 20 * 60)
          continue;
        add_scheduled (doses, steady, day, minute,
                       day == first + 5 && minute == 8 * 60 ? PD_DOSE_SKIPPED : PD_DOSE_TAKEN);
      }
  add_scheduled (doses, steady, first + 7, 8 * 60, PD_DOSE_SKIPPED);
  /* An extra as-needed dose and a same-named dose outside the regimen do not count. */
  {
    PdDose *extra = add_scheduled (doses, steady, first + 3, 8 * 60, PD_DOSE_TAKEN);

    pd_dose_set_scheduled_time (extra, PD_NO_SCHEDULED_TIME);
    add_dose_on (doses, "Gabapentin", 300, "mg", first + 6, 20 * 60);
  }

  /* Once a day, stopped on day 9 (inclusive); doses logged after that are not counted. */
  stopped = scheduled_medication ("Naproxen", "09:00", first - 30, first + 9);
  for (guint32 day = first - 5; day <= first + 14; day++)
    add_scheduled (doses, stopped, day, 9 * 60, PD_DOSE_TAKEN);

  /* Started on day 20, twice a day; both doses of day 22 skipped; a dose logged the day
   * before the start does not count. */
  started = scheduled_medication ("Duloxetine", "08:00;21:00", first + 20, 0);
  for (guint32 day = first + 19; day <= today; day++)
    for (guint minute = 8 * 60; minute <= 21 * 60; minute += 13 * 60)
      {
        if (day == today && minute > noon)
          continue;
        add_scheduled (doses, started, day, minute,
                       day == first + 22 ? PD_DOSE_SKIPPED : PD_DOSE_TAKEN);
      }

  as_needed = scheduled_medication ("Tramadol", "", first - 30, 0);
  add_dose_on (doses, "Tramadol", 50, "mg", first + 3, 10 * 60);

  /* 29 full days x 2 + this morning = 59 due. */
  assert_adherence (pd_adherence (steady, doses, first, last, today, noon), 59, 57, 1);
  /* Days 0-9 only. */
  assert_adherence (pd_adherence (stopped, doses, first, last, today, noon), 10, 10, 0);
  /* Days 20-28 x 2 + this morning = 19, the start day included. */
  assert_adherence (pd_adherence (started, doses, first, last, today, noon), 19, 17, 2);
  assert_adherence (pd_adherence (as_needed, doses, first, last, today, noon), 0, 0, 0);

  /* The last 7 days: 6 x 2 + 1. */
  assert_adherence (pd_adherence (steady, doses, today - 6, today, today, noon), 13, 13, 0);
  assert_adherence (pd_adherence (stopped, doses, today - 6, today, today, noon), 0, 0, 0);
  assert_adherence (pd_adherence (started, doses, today - 6, today, today, noon), 13, 13, 0);

  /* At 20:00 sharp the evening dose is due (and not taken yet); before 08:00 nothing
   * today is. */
  assert_adherence (pd_adherence (steady, doses, today, today, today, 20 * 60), 2, 1, 0);
  assert_adherence (pd_adherence (steady, doses, today, today, today, 7 * 60 + 59), 0, 0, 0);

  /* A range in the past is complete; one in the future has nothing due. */
  assert_adherence (pd_adherence (steady, doses, first, first + 9, today, noon), 20, 18, 1);
  assert_adherence (pd_adherence (steady, doses, today + 1, today + 7, today, noon), 0, 0, 0);
  assert_adherence (pd_adherence (steady, NULL, first, first, today, noon), 2, 0, 0);
}

static void
test_due_doses (void)
{
  g_autoptr(GPtrArray) regimen = new_array ();
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) due = NULL;
  guint32 today = day0 ();
  PdMedication *gabapentin = scheduled_medication ("Gabapentin", "20:00;08:00", today - 3, 0);
  PdMedication *acetaminophen = scheduled_medication ("Acetaminophen", "08:00;21:00;14:00",
                                                      today - 3, 0);
  PdMedication *stopped = scheduled_medication ("Naproxen", "09:00", today - 10, today - 1);
  PdMedication *future = scheduled_medication ("Duloxetine", "09:00", today + 1, 0);
  PdMedication *as_needed = scheduled_medication ("Tramadol", "", today - 10, 0);
  PdDose *taken, *skipped, *skipped_then_taken;
  const struct
  {
    const char *name;
    guint minute;
    PdDueState state;
  } expected[] = {
    { "Acetaminophen", 8 * 60, PD_DUE_SKIPPED },
    { "Gabapentin", 8 * 60, PD_DUE_TAKEN },
    { "Acetaminophen", 14 * 60, PD_DUE_TAKEN },
    { "Gabapentin", 20 * 60, PD_DUE_PENDING },
    { "Acetaminophen", 21 * 60, PD_DUE_PENDING },
  };

  g_ptr_array_add (regimen, gabapentin);
  g_ptr_array_add (regimen, acetaminophen);
  g_ptr_array_add (regimen, stopped);
  g_ptr_array_add (regimen, future);
  g_ptr_array_add (regimen, as_needed);

  taken = add_scheduled (doses, gabapentin, today, 8 * 60, PD_DOSE_TAKEN);
  skipped = add_scheduled (doses, acetaminophen, today, 8 * 60, PD_DOSE_SKIPPED);
  add_scheduled (doses, acetaminophen, today, 14 * 60, PD_DOSE_SKIPPED);
  skipped_then_taken = add_scheduled (doses, acetaminophen, today, 14 * 60, PD_DOSE_TAKEN);
  /* Yesterday's evening dose, an as-needed dose and a dose logged by name only answer
   * nothing today. */
  add_scheduled (doses, gabapentin, today - 1, 20 * 60, PD_DOSE_TAKEN);
  add_dose_on (doses, "Tramadol", 50, "mg", today, 10 * 60);
  add_dose_on (doses, "Acetaminophen", 500, "mg", today, 21 * 60);

  due = pd_due_doses (regimen, doses, today);
  g_assert_cmpuint (due->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < due->len; i++)
    {
      PdDueDose *item = g_ptr_array_index (due, i);

      g_assert_cmpstr (pd_medication_get_name (item->medication), ==, expected[i].name);
      g_assert_cmpuint (item->minute, ==, expected[i].minute);
      g_assert_cmpint (item->state, ==, expected[i].state);
      g_assert_true ((item->dose == NULL) == (item->state == PD_DUE_PENDING));
    }
  g_assert_true (((PdDueDose *) g_ptr_array_index (due, 0))->dose == skipped);
  g_assert_true (((PdDueDose *) g_ptr_array_index (due, 1))->dose == taken);
  g_assert_true (((PdDueDose *) g_ptr_array_index (due, 2))->dose == skipped_then_taken);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* The stopped medication was still due on its last day. */
  due = pd_due_doses (regimen, doses, today - 1);
  g_assert_cmpuint (due->len, ==, 6);
  g_assert_cmpstr (pd_medication_get_name (((PdDueDose *) g_ptr_array_index (due, 2))->medication),
                   ==, "Naproxen");
  g_assert_cmpint (((PdDueDose *) g_ptr_array_index (due, 4))->state, ==, PD_DUE_TAKEN);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* The due doses keep their medications and doses alive. */
  due = pd_due_doses (regimen, doses, today);
  g_clear_pointer (&regimen, g_ptr_array_unref);
  g_clear_pointer (&doses, g_ptr_array_unref);
  g_assert_cmpstr (pd_dose_get_name (((PdDueDose *) g_ptr_array_index (due, 1))->dose), ==,
                   "Gabapentin");
  g_clear_pointer (&due, g_ptr_array_unref);

  due = pd_due_doses (NULL, NULL, today);
  g_assert_cmpuint (due->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checks/max-daily/acetaminophen", test_acetaminophen_max);
  g_test_add_func ("/checks/max-daily/skipped", test_skipped_do_not_count);
  g_test_add_func ("/checks/max-daily/ibuprofen", test_ibuprofen_max);
  g_test_add_func ("/checks/max-daily/mass-conversion", test_mass_conversion);
  g_test_add_func ("/checks/max-daily/regimen", test_regimen_max);
  g_test_add_func ("/checks/same-class/catalogue", test_same_class);
  g_test_add_func ("/checks/same-class/value", test_same_class_value);
  g_test_add_func ("/checks/same-class/regimen", test_same_class_regimen);
  g_test_add_func ("/checks/warnings-together", test_warnings_together);
  g_test_add_func ("/checks/adherence", test_adherence);
  g_test_add_func ("/checks/due-doses", test_due_doses);

  return g_test_run ();
}
