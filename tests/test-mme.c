/* test-mme.c: daily opioid Morphine Milligram Equivalents as domain.md defines them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-mme"

#include "config.h"

#include <string.h>

#include "pd-catalogue.h"
#include "pd-medication-checks.h"
#include "pd-safety-days.h"
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

  /* A patient logging the two patches one after the other: still worn together. */
  {
    g_autoptr(GPtrArray) logged = new_array ();

    add_dose_on (logged, "Fentanyl patch", 50, "mcg/h", day, 9 * 60);
    add_dose_on (logged, "Fentanyl patch", 25, "mcg/h", day, 9 * 60 + 1);
    for (guint32 d = day; d <= day + 2; d++)
      g_assert_cmpfloat_with_epsilon (pd_daily_mme (logged, NULL, d), 75 * 2.4, 1e-9);
    g_assert_cmpfloat (pd_daily_mme (logged, NULL, day + 3), ==, 0);
  }

  /* A patch that fell off and was replaced on a later day: only the new one is worn. */
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

/* A dose that counts 0 MME or 0 mg acetaminophen because of its unit or an unknown strength:
 * the day says so, in words that say what, why and how to fix it. */
typedef struct
{
  const char *name;
  double amount;
  const char *unit;
  double mme;            /* unchanged by the warning */
  double acetaminophen;  /* mg, unchanged by the warning */
  const char *message;   /* NULL: counted, no warning */
} UncountedCase;

#define COMBINATION_FIX "a combination product is counted in tablets. Edit the dose to give " \
                        "the number of tablets."
#define STRENGTH_FIX "the product's strength is not known. Edit the dose to choose the " \
                     "product with its strength (opioid mg / acetaminophen mg, such as " \
                     "Percocet 5/325) and give the number of tablets."
#define PATCH_FIX "a fentanyl patch is counted by its strength in mcg/h. Edit the dose to log " \
                  "the patch in mcg/h."
#define OPIOID_FIX "an opioid is counted by its amount in mg. Edit the dose to give the dose " \
                   "in mg."

static const UncountedCase uncounted_cases[] = {
  { "Percocet 5/325", 5, "mg", 0, 0,
    "Percocet 5/325, 5 mg, is not counted in today's MME or acetaminophen total: "
    COMBINATION_FIX },
  { "Norco 10/325", 5, "ml", 0, 0,
    "Norco 10/325, 5 ml, is not counted in today's MME or acetaminophen total: "
    COMBINATION_FIX },
  { "Ultracet", 37.5, "mg", 0, 0,
    "Ultracet, 37.5 mg, is not counted in today's MME or acetaminophen total: "
    COMBINATION_FIX },
  { "Percocet", 2, "tablet", 0, 0,
    "Percocet, 2 tablets, is not counted in today's MME or acetaminophen total: " STRENGTH_FIX },
  /* Counted as 10 mg of oxycodone, as before; its acetaminophen cannot be. */
  { "Percocet", 10, "mg", 15, 0,
    "Percocet, 10 mg, is not counted in today's acetaminophen total: " STRENGTH_FIX },
  { "Fentanyl patch", 1, "patch", 0, 0,
    "Fentanyl patch, 1 patch, is not counted in today's MME: " PATCH_FIX },
  { "Fentanyl", 25, "mcg", 0, 0, "Fentanyl, 25 mcg, is not counted in today's MME: " PATCH_FIX },
  { "Duragesic", 12, "mg", 0, 0, "Duragesic, 12 mg, is not counted in today's MME: " PATCH_FIX },
  { "Oxycodone", 2, "tablet", 0, 0,
    "Oxycodone, 2 tablets, is not counted in today's MME: " OPIOID_FIX },
  { "Morphine SR", 10, "ml", 0, 0,
    "Morphine SR, 10 ml, is not counted in today's MME: " OPIOID_FIX },
  { "Tramadol", 1, "tablet", 0, 0,
    "Tramadol, 1 tablet, is not counted in today's MME: " OPIOID_FIX },
  { "Acetaminophen", 2, "tablet", 0, 0,
    "Acetaminophen, 2 tablets, is not counted in today's acetaminophen total: acetaminophen is "
    "counted by its amount in mg. Edit the dose to give the dose in mg." },
  { "Paracetamol", 20, "ml", 0, 0,
    "Paracetamol, 20 ml, is not counted in today's acetaminophen total: acetaminophen is "
    "counted by its amount in mg. Edit the dose to give the dose in mg." },

  /* Counted: no warning. */
  { "Percocet 5/325", 2, "tablet", 15, 650, NULL },
  { "Tylenol with codeine", 1, "tablet", 4.5, 300, NULL },
  { "Oxycodone", 10, "mg", 15, 0, NULL },
  { "Hydromorphone", 500, "mcg", 2.5, 0, NULL },
  { "Fentanyl patch", 25, "mcg/h", 60, 0, NULL },
  { "Acetaminophen", 1, "g", 0, 1000, NULL },
  /* Not counted by design (buprenorphine, shown as "not counted" elsewhere), or nothing the
   * totals count. */
  { "Buprenorphine", 1, "tablet", 0, 0, NULL },
  { "Butrans", 10, "mcg/h", 0, 0, NULL },
  { "Ibuprofen", 2, "tablet", 0, 0, NULL },
  { "Lidocaine patch", 1, "patch", 0, 0, NULL },
  { "Vitamin D3", 1000, "IU", 0, 0, NULL },
  { "Frobnicol", 2, "tablet", 0, 0, NULL },
};

static void
test_not_counted (gconstpointer data)
{
  const UncountedCase *c = data;
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *flags = NULL;
  PdWarning *warning;

  add_dose_on (doses, c->name, c->amount, c->unit, day0 (), 9 * 60);
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()), c->mme, 1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_acetaminophen_mg (doses, NULL, day0 ()),
                                  c->acetaminophen, 1e-9);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  if (c->message == NULL)
    {
      g_assert_cmpuint (count_kind (warnings, PD_WARNING_NOT_COUNTED), ==, 0);
      return;
    }

  g_assert_cmpuint (count_kind (warnings, PD_WARNING_NOT_COUNTED), ==, 1);
  warning = find_kind (warnings, PD_WARNING_NOT_COUNTED);
  g_test_message ("%s", warning->message);
  g_assert_cmpstr (warning->message, ==, c->message);
  g_assert_false (pd_warning_is_severe (warning));
  g_assert_null (warning->code);
  g_assert_cmpfloat (warning->value, ==, c->amount);

  /* Information, not one of domain.md's safety flags. */
  flags = pd_day_safety_flags (doses, NULL, day0 (), NULL);
  g_assert_cmpstr (flags, ==, "");

  /* Not taken: nothing to count, nothing to say. */
  pd_dose_set_status (g_ptr_array_index (doses, 0), PD_DOSE_SKIPPED);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* Through the regimen: a fentanyl patch entry logged as "1 patch", an oxycodone entry kept
 * in tablets, a custom opioid with its own factor; each linked by id. */
static void
test_not_counted_regimen (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) regimen = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdMedication *fentanyl = pd_medication_new_from_catalogue ("fentanyl_patch");
  PdMedication *oxycodone = pd_medication_new_from_catalogue ("oxycodone");
  PdMedication *custom = pd_medication_new ();
  PdMedication *buprenorphine = pd_medication_new_from_catalogue ("buprenorphine");
  PdMedication *entries[] = { fentanyl, oxycodone, custom, buprenorphine };
  const char *units[] = { "patch", "tablet", "tablet", "patch" };

  pd_medication_set_unit (fentanyl, "patch");
  pd_medication_set_unit (oxycodone, "tablet");
  pd_medication_set_name (custom, "Oxy IR");
  pd_medication_set_drug_class (custom, "opioid");
  pd_medication_set_mme_factor (custom, 1.5);
  pd_medication_set_unit (custom, "tablet");
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      PdDose *dose = test_dose_at (pd_medication_get_name (entries[i]), 1, units[i], day0 (),
                                   (8 + i) * 60, BERLIN);

      g_ptr_array_add (regimen, entries[i]);
      pd_dose_set_medication_id (dose, pd_medication_get_id (entries[i]));
      g_ptr_array_add (doses, dose);
    }

  g_assert_cmpfloat (pd_daily_mme (doses, regimen, day0 ()), ==, 0);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_NOT_COUNTED), ==, 3);
  g_assert_cmpstr (((PdWarning *) g_ptr_array_index (warnings, warnings->len - 3))->message, ==,
                   "Fentanyl patch, 1 patch, is not counted in today's MME: " PATCH_FIX);
  g_assert_cmpstr (((PdWarning *) g_ptr_array_index (warnings, warnings->len - 2))->message, ==,
                   "Oxycodone, 1 tablet, is not counted in today's MME: " OPIOID_FIX);
  g_assert_cmpstr (((PdWarning *) g_ptr_array_index (warnings, warnings->len - 1))->message, ==,
                   "Oxy IR, 1 tablet, is not counted in today's MME: " OPIOID_FIX);

  /* Logged as the regimen says (mcg/h, mg): counted, nothing to say. */
  for (guint i = 0; i < 3; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);

      pd_dose_set_unit (dose, i == 0 ? "mcg/h" : "mg");
      pd_dose_set_amount (dose, i == 0 ? 25 : 10);
    }
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = pd_day_warnings (doses, regimen, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_NOT_COUNTED), ==, 0);
}

/* One warning for each different dose not counted, after the safety warnings; the safety
 * flags and the summary of flagged days stay domain.md's codes, as without those doses. */
static void
test_not_counted_with_flags (void)
{
  static const TestDose day[] = {
    { "Oxycodone", 40, "mg", 8 * 60 },       /* 60 MME */
    { "Gabapentin", 300, "mg", 8 * 60 },
    { "Percocet 5/325", 5, "mg", 12 * 60 },
    { "Percocet 5/325", 5, "mg", 18 * 60 },  /* the same again: one warning */
    { "Percocet 5/325", 10, "mg", 20 * 60 },
    { "Fentanyl", 1, "patch", 21 * 60 },
  };
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) counted = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) flag_days = NULL;
  g_autoptr(GPtrArray) counted_days = NULL;
  g_autofree char *flags = NULL;
  g_autofree char *counted_flags = NULL;

  test_add_doses (doses, day0 (), day, G_N_ELEMENTS (day));
  test_add_doses (counted, day0 (), day, 2);
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day0 ()), ==, 60);

  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (count_kind (warnings, PD_WARNING_NOT_COUNTED), ==, 3);
  for (guint i = 0; i < warnings->len; i++)
    {
      PdWarning *warning = g_ptr_array_index (warnings, i);

      /* The information comes after every safety warning. */
      g_assert_true ((warning->kind == PD_WARNING_NOT_COUNTED) == (i >= warnings->len - 3));
      g_assert_true ((warning->code == NULL) == (warning->kind == PD_WARNING_NOT_COUNTED));
    }
  g_assert_cmpstr (((PdWarning *) g_ptr_array_index (warnings, warnings->len - 3))->subject, ==,
                   "Percocet 5/325, 5 mg");
  g_assert_cmpstr (((PdWarning *) g_ptr_array_index (warnings, warnings->len - 2))->subject, ==,
                   "Percocet 5/325, 10 mg");
  g_assert_cmpstr (((PdWarning *) g_ptr_array_index (warnings, warnings->len - 1))->subject, ==,
                   "Fentanyl, 1 patch");

  flags = pd_day_safety_flags (doses, NULL, day0 (), NULL);
  g_assert_cmpstr (flags, ==, "mme_50;same_class;opioid_gabapentinoid");
  counted_flags = pd_day_safety_flags (counted, NULL, day0 (), NULL);
  g_assert_cmpstr (counted_flags, ==, "mme_50;opioid_gabapentinoid");

  flag_days = pd_safety_flag_days (doses, NULL, day0 () - 1, day0 () + 3, NULL);
  g_assert_cmpuint (flag_days->len, ==, 3);
  for (guint i = 0; i < flag_days->len; i++)
    {
      PdSafetyFlagDays *flag = g_ptr_array_index (flag_days, i);

      g_assert_true (strstr (flags, flag->code) != NULL);
      g_assert_cmpuint (flag->days->len, ==, 1);
    }
  counted_days = pd_safety_flag_days (counted, NULL, day0 () - 1, day0 () + 3, NULL);
  g_assert_cmpuint (counted_days->len, ==, 2);
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
  for (guint i = 0; i < G_N_ELEMENTS (uncounted_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mme/not-counted/%s-%g-%s",
                                               uncounted_cases[i].name, uncounted_cases[i].amount,
                                               uncounted_cases[i].unit);

      g_strdelimit (path + 1, " /.", '-');
      g_test_add_data_func (path, &uncounted_cases[i], test_not_counted);
    }
  g_test_add_func ("/mme/not-counted-regimen", test_not_counted_regimen);
  g_test_add_func ("/mme/not-counted-with-flags", test_not_counted_with_flags);

  return g_test_run ();
}
