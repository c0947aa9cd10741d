/* test-mme.c: daily opioid Morphine Milligram Equivalents as domain.md defines them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-mme"

#include "config.h"

#include <string.h>

#include "pd-catalogue.h"
#include "pd-medication-checks.h"
#include "pd-types.h"
#include "checks-test-util.h"


/* 2024-03-14, the day most tests log on. */
static guint32
day0 (void)
{
  return julian (2024, G_DATE_MARCH, 14);
}

typedef struct
{
  const char *name;
  double amount;
  const char *unit;
  double mme;
} OpioidCase;

/* One case per opioid of domain.md: amount in mg x its factor. */
static const OpioidCase opioid_cases[] = {
  { "Tramadol", 100, "mg", 20 },          /* x 0.2 */
  { "Tapentadol", 100, "mg", 40 },        /* x 0.4 */
  { "Morphine SR", 30, "mg", 30 },        /* x 1 */
  { "Oxycodone", 10, "mg", 15 },          /* x 1.5 */
  { "Hydrocodone", 10, "mg", 10 },        /* x 1 */
  { "Hydromorphone", 4, "mg", 20 },       /* x 5 */
  { "Codeine", 60, "mg", 9 },             /* x 0.15 */
  { "Fentanyl patch", 25, "mcg/h", 60 },  /* x 2.4 per mcg/h */
};

static void
test_opioid (gconstpointer data)
{
  const OpioidCase *c = data;
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) regimen = g_ptr_array_new_with_free_func (g_object_unref);
  const PdMedicationInfo *info = pd_catalogue_find_medication (c->name);
  PdMedication *medication;
  PdDose *dose;

  /* Logged by name, not in the regimen: the catalogue gives the factor. */
  add_dose_on (doses, c->name, c->amount, c->unit, day0 (), 9 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()), c->mme, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day0 ()), c->mme, 1e-9);

  /* The same dose of the regimen medication made from the catalogue. */
  g_assert_nonnull (info);
  medication = pd_medication_new_from_catalogue (info->key);
  g_ptr_array_add (regimen, medication);
  dose = g_ptr_array_index (doses, 0);
  pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day0 ()), c->mme, 1e-9);

  /* Twice as much, twice the MME. */
  add_dose_on (doses, c->name, c->amount, c->unit, day0 (), 9 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day0 ()), 2 * c->mme, 1e-9);

  /* Nothing the day before. */
  g_assert_cmpfloat (pd_daily_mme (doses, regimen, day0 () - 1), ==, 0);
}

static void
test_mass_units (void)
{
  g_autoptr(GPtrArray) doses = new_array ();

  /* 2000 mcg and 0.002 g of hydromorphone are 2 mg each: 3 x 2 mg x 5. */
  add_dose_on (doses, "Hydromorphone", 2000, "mcg", day0 (), 8 * 60);
  add_dose_on (doses, "Hydromorphone", 0.002, "g", day0 (), 12 * 60);
  add_dose_on (doses, "Hydromorphone", 2, "mg", day0 (), 16 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()), 30, 1e-9);

  /* A liquid measured in ml has no mass to multiply: it does not count. */
  add_dose_on (doses, "Oxycodone", 5, "ml", day0 (), 18 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()), 30, 1e-9);
}

static void
test_regimen_factor (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) regimen = g_ptr_array_new_with_free_func (g_object_unref);
  PdMedication *custom = pd_medication_new ();
  PdDose *by_id, *by_name, *unknown, *stale;

  /* A custom opioid the catalogue does not know; its factor comes from the regimen. */
  pd_medication_set_name (custom, "Buprenorphine tablet");
  pd_medication_set_drug_class (custom, "opioid");
  pd_medication_set_mme_factor (custom, 30);
  g_ptr_array_add (regimen, custom);

  by_id = test_dose_at ("renamed since", 0.2, "mg", day0 (), 8 * 60, BERLIN);
  pd_dose_set_medication_id (by_id, pd_medication_get_id (custom));
  by_name = test_dose_at ("BUPRENORPHINE TABLET", 0.2, "mg", day0 (), 20 * 60, BERLIN);
  unknown = test_dose_at ("Frobnicol", 1000, "mg", day0 (), 20 * 60, BERLIN);
  /* A medication since deleted from the regimen: found by its name in the catalogue. */
  stale = test_dose_at ("Tramadol", 50, "mg", day0 (), 21 * 60, BERLIN);
  pd_dose_set_medication_id (stale, "5b1bd2a4-0f3c-4bd6-9a43-7a7c6e4f0e11");

  g_assert_true (pd_dose_find_medication (by_id, regimen) == custom);
  g_assert_true (pd_dose_find_medication (by_name, regimen) == custom);
  g_assert_null (pd_dose_find_medication (unknown, regimen));
  g_assert_null (pd_dose_find_medication (stale, regimen));
  g_assert_null (pd_dose_find_medication (by_id, NULL));

  g_assert_cmpfloat (pd_dose_mme_factor (by_id, regimen), ==, 30);
  g_assert_cmpfloat (pd_dose_mme_factor (by_name, regimen), ==, 30);
  g_assert_cmpfloat (pd_dose_mme_factor (by_name, NULL), ==, 0);
  g_assert_cmpfloat (pd_dose_mme_factor (unknown, regimen), ==, 0);
  g_assert_cmpfloat (pd_dose_mme_factor (stale, regimen), ==, 0.2);

  g_ptr_array_add (doses, by_id);
  g_ptr_array_add (doses, by_name);
  g_ptr_array_add (doses, unknown);
  g_ptr_array_add (doses, stale);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day0 ()), 6 + 6 + 10, 1e-9);
}

static void
test_fentanyl_patch (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  guint32 day = day0 ();

  /* 25 mcg/h, worn 72 h: the day it is applied and the two after. */
  add_dose_on (doses, "Fentanyl patch", 25, "mcg/h", day, 9 * 60);
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day - 1), ==, 0);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day + 1), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day + 2), 60, 1e-9);
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day + 3), ==, 0);

  /* With tramadol on the second day: both count. */
  add_dose_on (doses, "Tramadol", 50, "mg", day + 1, 12 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day + 1), 70, 1e-9);
}

static void
test_fentanyl_replaced (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  guint32 day = day0 ();

  /* 25 mcg/h on day 0, replaced on day 2 by 50 mcg/h, which is worn until day 4. */
  add_dose_on (doses, "Fentanyl patch", 25, "mcg/h", day, 9 * 60);
  add_dose_on (doses, "Fentanyl patch", 50, "mcg/h", day + 2, 9 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day + 1), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day + 2), 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day + 3), 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day + 4), 120, 1e-9);
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day + 5), ==, 0);
}

static void
test_fentanyl_two_at_once (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) regimen = g_ptr_array_new_with_free_func (g_object_unref);
  PdMedication *patch = pd_medication_new_from_catalogue ("fentanyl_patch");
  guint32 day = day0 ();

  /* 25 + 12 mcg/h put on together are worn together: 37 x 2.4. */
  g_ptr_array_add (regimen, patch);
  add_dose_on (doses, "Fentanyl patch", 25, "mcg/h", day, 9 * 60);
  add_dose_on (doses, "Fentanyl patch", 12, "mcg/h", day, 9 * 60);
  for (guint i = 0; i < doses->len; i++)
    pd_dose_set_medication_id (g_ptr_array_index (doses, i), pd_medication_get_id (patch));
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day + 1), 37 * 2.4, 1e-9);

  /* A patch that fell off and was replaced the same day: only the new one is worn. */
  add_dose_on (doses, "Fentanyl patch", 25, "mcg/h", day + 1, 15 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day), 37 * 2.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day + 1), 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day + 3), 60, 1e-9);
  g_assert_cmpfloat (pd_daily_mme (doses, regimen, day + 4), ==, 0);

  /* A skipped patch change replaces nothing. */
  {
    PdDose *skipped = test_dose_at ("Fentanyl patch", 25, "mcg/h", day + 4, 9 * 60, BERLIN);

    pd_dose_set_status (skipped, PD_DOSE_SKIPPED);
    g_ptr_array_add (doses, skipped);
    g_assert_cmpfloat (pd_daily_mme (doses, regimen, day + 4), ==, 0);
  }
}

static void
test_mixed_day (void)
{
  static const TestDose day[] = {
    /* Oxycodone 10 mg x 2 = 30, tramadol 50 mg x 2 = 20: 50, the caution line. */
    { "Oxycodone", 10, "mg", 8 * 60 },
    { "Oxycodone", 10, "mg", 20 * 60 },
    { "Tramadol", 50, "mg", 12 * 60 },
    { "Tramadol", 50, "mg", 18 * 60 },
    /* Not opioids. */
    { "Acetaminophen", 1000, "mg", 8 * 60 },
    { "Gabapentin", 300, "mg", 22 * 60 },
    { "Ibuprofen", 400, "mg", 13 * 60 },
  };
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdWarning *warning;

  test_add_doses (doses, day0 (), day, G_N_ELEMENTS (day));
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day0 ()), ==, 50);

  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_MME_CAUTION), ==, 1);
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_MME_HIGH), ==, 0);
  warning = find_kind (warnings, PD_WARNING_MME_CAUTION);
  g_assert_cmpfloat (warning->value, ==, 50);
  g_assert_cmpfloat (warning->limit, ==, PD_MME_CAUTION);
  g_test_message ("%s", warning->message);
  g_assert_nonnull (strstr (warning->message, "50"));
  g_assert_true (g_str_has_suffix (warning->message,
                                   "Ask your care team about this."));
}

static void
test_thresholds (void)
{
  const struct
  {
    double oxycodone_mg;
    double mme;
    guint caution;
    guint high;
  } cases[] = {
    { 33, 49.5, 0, 0 },
    { 34, 51, 1, 0 },
    { 59.9, 89.85, 1, 0 },
    { 60, 90, 0, 1 },
    { 200, 300, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) doses = new_array ();
      g_autoptr(GPtrArray) warnings = NULL;

      add_dose_on (doses, "Oxycodone", cases[i].oxycodone_mg, "mg", day0 (), 8 * 60);
      g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()), cases[i].mme, 1e-9);
      warnings = pd_day_warnings (doses, NULL, day0 ());
      /* Only the higher of the two. */
      g_assert_cmpuint (count_kind (warnings, PD_WARNING_MME_CAUTION), ==, cases[i].caution);
      g_assert_cmpuint (count_kind (warnings, PD_WARNING_MME_HIGH), ==, cases[i].high);
    }
}

static void
test_crossing_midnight (gconstpointer data)
{
  int offset = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) doses = new_array ();
  PdDose *late = test_dose_at ("Oxycodone", 20, "mg", day0 (), 23 * 60 + 30, offset);
  PdDose *early = test_dose_at ("Oxycodone", 10, "mg", day0 () + 1, 30, offset);
  g_autoptr(GDateTime) late_utc = g_date_time_new_from_unix_utc (pd_dose_get_time (late));
  g_autoptr(GDateTime) early_utc = g_date_time_new_from_unix_utc (pd_dose_get_time (early));

  /* One hour apart, on one UTC date, but on two local days. */
  g_assert_cmpint (pd_dose_get_time (early) - pd_dose_get_time (late), ==, HOUR);
  g_assert_cmpint (g_date_time_get_day_of_month (late_utc), ==,
                   g_date_time_get_day_of_month (early_utc));
  g_assert_cmpint (g_date_time_get_day_of_month (late_utc), ==, offset > 0 ? 14 : 15);

  g_ptr_array_add (doses, late);
  g_ptr_array_add (doses, early);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 () + 1), 15, 1e-9);
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day0 () - 1), ==, 0);
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day0 () + 2), ==, 0);
}

static void
test_skipped_and_others (void)
{
  static const TestDose others[] = {
    { "Acetaminophen", 1000, "mg", 8 * 60 },
    { "Ibuprofen", 400, "mg", 12 * 60 },
    { "Pregabalin", 75, "mg", 20 * 60 },
    { "Lidocaine patch", 1, "patch", 9 * 60 },
    { "Vitamin D3", 1000, "IU", 9 * 60 },
    { "Something unknown", 10, "mg", 9 * 60 },
  };
  g_autoptr(GPtrArray) doses = new_array ();
  PdDose *skipped = test_dose_at ("Morphine SR", 30, "mg", day0 (), 8 * 60, BERLIN);

  pd_dose_set_status (skipped, PD_DOSE_SKIPPED);
  g_ptr_array_add (doses, skipped);
  test_add_doses (doses, day0 (), others, G_N_ELEMENTS (others));
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day0 ()), ==, 0);
  g_assert_cmpfloat (pd_daily_mme (NULL, NULL, day0 ()), ==, 0);

  add_dose_on (doses, "Morphine SR", 15, "mg", day0 (), 20 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()), 15, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (opioid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mme/opioid/%s", opioid_cases[i].name);

      g_strdelimit (path + 1, " ", '-');
      g_test_add_data_func (path, &opioid_cases[i], test_opioid);
    }
  g_test_add_func ("/mme/mass-units", test_mass_units);
  g_test_add_func ("/mme/regimen-factor", test_regimen_factor);
  g_test_add_func ("/mme/fentanyl-patch", test_fentanyl_patch);
  g_test_add_func ("/mme/fentanyl-replaced", test_fentanyl_replaced);
  g_test_add_func ("/mme/fentanyl-two-at-once", test_fentanyl_two_at_once);
  g_test_add_func ("/mme/mixed-day", test_mixed_day);
  g_test_add_func ("/mme/thresholds", test_thresholds);
  g_test_add_data_func ("/mme/crossing-midnight/plus-01", GINT_TO_POINTER (BERLIN),
                        test_crossing_midnight);
  g_test_add_data_func ("/mme/crossing-midnight/minus-05", GINT_TO_POINTER (NEW_YORK),
                        test_crossing_midnight);
  g_test_add_func ("/mme/skipped-and-others", test_skipped_and_others);

  return g_test_run ();
}
