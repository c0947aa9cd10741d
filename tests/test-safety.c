/* test-safety.c: domain.md's safety tables, row by row: every maximum at, just under and
 * just over it, every combination product's MME and acetaminophen, MME for every opioid,
 * each combination to point out present and absent, CYP2D6, and local days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-safety"

#include "config.h"

#include <string.h>

#include "pd-catalogue.h"
#include "pd-csv.h"
#include "pd-medication-checks.h"
#include "pd-review.h"
#include "pd-safety-days.h"
#include "pd-types.h"
#include "checks-test-util.h"
#include "storage-fixture.h"
#include "test-util.h"

#define ADVICE "Ask your care team about this."

static guint32
day0 (void)
{
  return julian (2024, G_DATE_OCTOBER, 2);
}

static void
add_dose (GPtrArray  *doses,
          const char *name,
          double      amount,
          const char *unit,
          guint       minute)
{
  add_dose_on (doses, name, amount, unit, day0 (), minute);
}

static char *
flags_for (GPtrArray            *doses,
           GPtrArray            *regimen,
           const PdCheckOptions *options)
{
  return pd_day_safety_flags (doses, regimen, day0 (), options);
}

static gboolean
has_flag (const char *flags,
          const char *code)
{
  g_auto(GStrv) list = g_strsplit (flags, ";", -1);

  return g_strv_contains ((const char * const *) list, code);
}

/* The day's flags, without a regimen or preferences, are exactly expected. */
static void
assert_flags (GPtrArray  *doses,
              const char *expected)
{
  g_autofree char *flags = flags_for (doses, NULL, NULL);

  g_assert_cmpstr (flags, ==, expected);
}

/* The day's flags, without a regimen or preferences, hold code or not. */
static void
assert_flag (GPtrArray  *doses,
             const char *code,
             gboolean    present)
{
  g_autofree char *flags = flags_for (doses, NULL, NULL);

  g_assert_true (has_flag (flags, code) == present);
}

/* Maximum daily amounts: domain.md's table, with the amounts in the catalogue's unit. */
static const struct
{
  const char *name;
  const char *unit;
  double max;
  double step;      /* "just" under and over */
  const char *code;
} maxima[] = {
  { "Acetaminophen", "mg", 4000, 1, "over_max:acetaminophen" },
  { "Ibuprofen", "mg", 1200, 1, "over_max:ibuprofen" },
  { "Naproxen", "mg", 660, 1, "over_max:naproxen" },
  { "Celecoxib", "mg", 400, 1, "over_max:celecoxib" },
  { "Diclofenac gel", "g", 32, 0.5, "over_max:diclofenac_gel" },
  { "Gabapentin", "mg", 3600, 1, "over_max:gabapentin" },
  { "Pregabalin", "mg", 600, 1, "over_max:pregabalin" },
  { "Amitriptyline", "mg", 150, 1, "over_max:amitriptyline" },
  { "Duloxetine", "mg", 120, 1, "over_max:duloxetine" },
  { "Cyclobenzaprine", "mg", 30, 1, "over_max:cyclobenzaprine" },
  { "Methocarbamol", "mg", 8000, 1, "over_max:methocarbamol" },
  { "Tizanidine", "mg", 36, 1, "over_max:tizanidine" },
  { "Baclofen", "mg", 80, 1, "over_max:baclofen" },
  { "Tramadol", "mg", 400, 1, "over_max:tramadol" },
  { "Tapentadol", "mg", 600, 1, "over_max:tapentadol" },
  { "Codeine", "mg", 360, 1, "over_max:codeine" },
  { "Lidocaine patch", "patch", 3, 1, "over_max:lidocaine_patch" },
};

static void
check_total (const char *name,
             const char *unit,
             double      total,
             const char *code,
             gboolean    expected)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autofree char *flags = NULL;

  /* In two doses, morning and evening, as a day is logged. */
  add_dose (doses, name, total / 2, unit, 8 * 60);
  add_dose (doses, name, total / 2, unit, 20 * 60);
  flags = flags_for (doses, NULL, NULL);
  g_test_message ("%s %g %s: \"%s\"", name, total, unit, flags);
  g_assert_true (has_flag (flags, code) == expected);
}

static void
test_maxima (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (maxima); i++)
    {
      const PdMedicationInfo *info = pd_catalogue_find_medication (maxima[i].name);

      g_assert_nonnull (info);
      g_assert_cmpfloat (info->max_daily, ==, maxima[i].max);
      check_total (maxima[i].name, maxima[i].unit, maxima[i].max - maxima[i].step,
                   maxima[i].code, FALSE);
      check_total (maxima[i].name, maxima[i].unit, maxima[i].max, maxima[i].code, FALSE);
      check_total (maxima[i].name, maxima[i].unit, maxima[i].max + maxima[i].step,
                   maxima[i].code, TRUE);
    }
}

/* Ibuprofen and naproxen: the higher maximum when the regimen entry is marked prescribed. */
static void
test_prescribed_maxima (void)
{
  static const struct
  {
    const char *key;
    double max;
  } prescribed[] = {
    { "ibuprofen", 3200 },
    { "naproxen", 1500 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (prescribed); i++)
    for (int delta = -1; delta <= 1; delta++)
      {
        g_autoptr(GPtrArray) doses = new_array ();
        g_autoptr(GPtrArray) regimen = new_array ();
        PdMedication *medication = pd_medication_new_from_catalogue (prescribed[i].key);
        g_autofree char *code = g_strconcat ("over_max:", prescribed[i].key, NULL);
        g_autofree char *flags = NULL;
        PdDose *dose;

        pd_medication_set_prescribed (medication, TRUE);
        g_ptr_array_add (regimen, medication);
        dose = test_dose_at (pd_medication_get_name (medication), prescribed[i].max + delta, "mg",
                             day0 (), 9 * 60, BERLIN);
        pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
        g_ptr_array_add (doses, dose);
        flags = flags_for (doses, regimen, NULL);
        g_assert_true (has_flag (flags, code) == (delta > 0));

        /* The same entry not marked prescribed: the maximum without prescription. */
        pd_medication_set_prescribed (medication, FALSE);
        g_clear_pointer (&flags, g_free);
        flags = flags_for (doses, regimen, NULL);
        g_assert_true (has_flag (flags, code));
      }
}

/* Preferences' lower acetaminophen maximum: 3000 mg. */
static void
test_acetaminophen_preference (void)
{
  PdCheckOptions options;

  pd_check_options_init (&options);
  g_assert_cmpfloat (options.acetaminophen_max, ==, 4000);
  options.acetaminophen_max = PD_ACETAMINOPHEN_MAX_LOWER;
  g_assert_cmpfloat (options.acetaminophen_max, ==, 3000);

  for (int delta = -1; delta <= 1; delta++)
    {
      g_autoptr(GPtrArray) doses = new_array ();
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *flags = NULL;

      add_dose (doses, "Paracetamol", 3000 + delta, "mg", 9 * 60);
      flags = flags_for (doses, NULL, &options);
      g_assert_true (has_flag (flags, "over_max:acetaminophen") == (delta > 0));
      g_clear_pointer (&flags, g_free);
      flags = flags_for (doses, NULL, NULL);
      g_assert_cmpstr (flags, ==, "");
      if (delta > 0)
        {
          PdWarning *warning;

          warnings = pd_day_warnings_full (doses, NULL, day0 (), &options);
          warning = g_ptr_array_index (warnings, 0);
          g_assert_cmpfloat (warning->limit, ==, 3000);
          g_assert_nonnull (strstr (warning->message, "3000 mg maximum"));
          g_assert_true (g_str_has_suffix (warning->message, ADVICE));
        }
    }
}

/* Combination products: tablets x mg per tablet toward each ingredient. */
static const struct
{
  const char *name;
  double mme_per_tablet;    /* opioid mg x factor, by hand */
  double acetaminophen_mg;
} combinations[] = {
  { "Hydrocodone/acetaminophen 5/325", 5, 325 },
  { "Hydrocodone/acetaminophen 7.5/325", 7.5, 325 },
  { "Hydrocodone/acetaminophen 10/325", 10, 325 },
  { "Oxycodone/acetaminophen 5/325", 7.5, 325 },
  { "Oxycodone/acetaminophen 7.5/325", 11.25, 325 },
  { "Oxycodone/acetaminophen 10/325", 15, 325 },
  { "Tramadol/acetaminophen 37.5/325", 7.5, 325 },
  { "Codeine/acetaminophen 30/300", 4.5, 300 },
  { "Codeine/acetaminophen 8/500", 1.2, 500 },
  { "Codeine/acetaminophen 15/500", 2.25, 500 },
  { "Codeine/acetaminophen 30/500", 4.5, 500 },
  { "Percocet 10/325", 15, 325 },
  { "Norco 5/325", 5, 325 },
  { "Ultracet", 7.5, 325 },
  { "Tylenol with codeine", 4.5, 300 },
};

static void
test_combination_products (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (combinations); i++)
    {
      g_autoptr(GPtrArray) doses = new_array ();

      g_test_message ("%s", combinations[i].name);
      add_dose (doses, combinations[i].name, 2, "tablet", 8 * 60);
      add_dose (doses, combinations[i].name, 1, "tablet", 14 * 60);
      g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()),
                                      3 * combinations[i].mme_per_tablet, 1e-9);
      g_assert_cmpfloat_with_epsilon (pd_daily_acetaminophen_mg (doses, NULL, day0 ()),
                                      3 * combinations[i].acetaminophen_mg, 1e-9);
    }
}

static void
test_combination_counts_toward_maxima (void)
{
  g_autoptr(GPtrArray) doses = new_array ();

  /* 8 Percocet 10/325 = 2600 mg acetaminophen and 120 MME; with 1400 mg acetaminophen:
   * 4000 mg, at the maximum. */
  for (guint i = 0; i < 4; i++)
    add_dose (doses, "Percocet 10/325", 2, "tablet", (6 + 4 * i) * 60);
  add_dose (doses, "Acetaminophen", 1400, "mg", 23 * 60);
  assert_flags (doses, "mme_90");
  g_assert_cmpfloat (pd_daily_acetaminophen_mg (doses, NULL, day0 ()), ==, 4000);

  add_dose (doses, "Tylenol", 1, "mg", 23 * 60 + 30);
  assert_flags (doses, "over_max:acetaminophen;mme_90");
  {
    g_autoptr(GPtrArray) warnings = pd_day_warnings (doses, NULL, day0 ());
    PdWarning *warning = g_ptr_array_index (warnings, 0);

    g_assert_cmpstr (warning->subject, ==, "Acetaminophen");
    g_assert_cmpfloat (warning->value, ==, 4001);
  }

  /* Ultracet's tramadol counts toward tramadol's 400 mg: 10 tablets + 25 mg = 400 mg. */
  g_ptr_array_set_size (doses, 0);
  add_dose (doses, "Ultracet", 10, "tablet", 8 * 60);
  add_dose (doses, "Tramadol", 25, "mg", 20 * 60);
  assert_flag (doses, "over_max:tramadol", FALSE);
  add_dose (doses, "Tramadol", 1, "mg", 21 * 60);
  assert_flag (doses, "over_max:tramadol", TRUE);

  /* co-codamol 30/500's codeine toward codeine's 360 mg: 12 tablets. */
  g_ptr_array_set_size (doses, 0);
  add_dose (doses, "co-codamol 30/500", 12, "tablet", 8 * 60);
  assert_flag (doses, "over_max:acetaminophen", TRUE);   /* 6000 mg */
  assert_flag (doses, "over_max:codeine", FALSE);        /* 360 mg */
  add_dose (doses, "Codeine", 1, "mg", 9 * 60);
  assert_flag (doses, "over_max:codeine", TRUE);
}

/* MME for every opioid of domain.md, 1 dose, hand-computed. */
static const struct
{
  const char *name;
  double amount;
  const char *unit;
  double mme;
} opioids[] = {
  { "Tramadol", 100, "mg", 20 },
  { "Tapentadol", 100, "mg", 40 },
  { "Morphine SR", 30, "mg", 30 },
  { "Oxycodone", 10, "mg", 15 },
  { "Hydrocodone", 10, "mg", 10 },
  { "Hydromorphone", 4, "mg", 20 },
  { "Codeine", 60, "mg", 9 },
  { "Fentanyl patch", 25, "mcg/h", 60 },
  { "Methadone", 10, "mg", 47 },
  { "Oxymorphone", 10, "mg", 30 },
  { "Roxicodone", 20, "mg", 30 },
  { "Buprenorphine", 8, "mg", 0 },   /* not counted in MME (CDC 2022) */
};

static void
test_mme_every_opioid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (opioids); i++)
    {
      g_autoptr(GPtrArray) doses = new_array ();
      g_autoptr(GPtrArray) regimen = new_array ();
      const PdMedicationInfo *info = pd_catalogue_find_medication (opioids[i].name);
      PdMedication *medication = pd_medication_new_from_catalogue (info->key);
      PdDose *dose;

      g_test_message ("%s", opioids[i].name);
      add_dose (doses, opioids[i].name, opioids[i].amount, opioids[i].unit, 9 * 60);
      g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, NULL, day0 ()), opioids[i].mme, 1e-9);

      /* The same from a regimen entry. */
      g_ptr_array_add (regimen, medication);
      g_ptr_array_set_size (doses, 0);
      dose = test_dose_at (opioids[i].name, opioids[i].amount, opioids[i].unit, day0 (), 9 * 60,
                           BERLIN);
      pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
      g_ptr_array_add (doses, dose);
      g_assert_cmpfloat_with_epsilon (pd_daily_mme (doses, regimen, day0 ()), opioids[i].mme,
                                      1e-9);
    }
  g_assert_true (pd_catalogue_mme_not_counted ("buprenorphine"));
}

/* The CDC 2022 thresholds, neither called a limit. */
static void
test_mme_wording (void)
{
  static const struct
  {
    double oxycodone_mg;
    const char *flags;
    const char *words;
  } cases[] = {
    { 33, "", NULL },                               /* 49.5 */
    { 100.0 / 3, "mme_50", "reassess" },            /* 50 */
    { 59, "mme_50", "reassess" },                   /* 88.5 */
    { 60, "mme_90", "calls 90 MME a day or more high" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) doses = new_array ();
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *flags = NULL;
      PdWarning *warning;

      add_dose (doses, "Oxycodone", cases[i].oxycodone_mg, "mg", 9 * 60);
      flags = flags_for (doses, NULL, NULL);
      g_assert_cmpstr (flags, ==, cases[i].flags);
      if (cases[i].words == NULL)
        continue;
      warnings = pd_day_warnings (doses, NULL, day0 ());
      warning = g_ptr_array_index (warnings, 0);
      g_test_message ("%s", warning->message);
      g_assert_nonnull (strstr (warning->message, cases[i].words));
      g_assert_nonnull (strstr (warning->message, "CDC"));
      g_assert_nonnull (strstr (warning->message, "it is not a limit"));
      g_assert_true (g_str_has_suffix (warning->message, ADVICE));
    }
}

/* Combinations to point out: each present, and absent without one of its halves. */
static const struct
{
  const char *first;
  const char *second;
  const char *code;
  gboolean present;
} interactions[] = {
  { "Oxycodone", "Gabapentin", "opioid_gabapentinoid", TRUE },
  { "Tramadol", "Pregabalin", "opioid_gabapentinoid", TRUE },
  { "Percocet 5/325", "Lyrica", "opioid_gabapentinoid", TRUE },
  { "Fentanyl patch", "Gabapentin", "opioid_gabapentinoid", TRUE },
  { "Ibuprofen", "Gabapentin", "opioid_gabapentinoid", FALSE },
  { "Oxycodone", "Duloxetine", "opioid_gabapentinoid", FALSE },
  { "Oxycodone", "Diazepam", "opioid_benzodiazepine", TRUE },
  { "Morphine SR", "Lorazepam", "opioid_benzodiazepine", TRUE },
  { "Codeine", "Alprazolam", "opioid_benzodiazepine", TRUE },
  { "Hydromorphone", "Clonazepam", "opioid_benzodiazepine", TRUE },
  { "Buprenorphine", "Diazepam", "opioid_benzodiazepine", TRUE },
  { "Gabapentin", "Diazepam", "opioid_benzodiazepine", FALSE },
  { "Oxycodone", "Baclofen", "opioid_benzodiazepine", FALSE },
  { "Tramadol", "Duloxetine", "serotonergic", TRUE },
  { "Tramadol", "Amitriptyline", "serotonergic", TRUE },
  { "Tramadol", "Sertraline", "serotonergic", TRUE },
  { "Tramadol", "Citalopram", "serotonergic", TRUE },
  { "Tapentadol", "Escitalopram", "serotonergic", TRUE },
  { "Tapentadol", "Fluoxetine", "serotonergic", TRUE },
  { "Ultracet", "Prozac", "serotonergic", TRUE },
  { "Oxycodone", "Sertraline", "serotonergic", FALSE },
  { "Codeine", "Duloxetine", "serotonergic", FALSE },
  { "Tramadol", "Gabapentin", "serotonergic", FALSE },
  { "Ibuprofen", "Naproxen", "same_class", TRUE },
  { "Ibuprofen", "Celecoxib", "same_class", TRUE },
  { "Oxycodone", "Tramadol", "same_class", TRUE },
  { "Gabapentin", "Pregabalin", "same_class", TRUE },
  { "Diazepam", "Lorazepam", "same_class", TRUE },
  { "Percocet 10/325", "Oxycodone", "same_class", FALSE },   /* one opioid */
  { "Ibuprofen", "Acetaminophen", "same_class", FALSE },
};

static void
test_interactions (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (interactions); i++)
    {
      g_autoptr(GPtrArray) doses = new_array ();
      g_autoptr(GPtrArray) warnings = NULL;
      g_autofree char *flags = NULL;
      g_autofree char *alone = NULL;
      const char *names[] = { interactions[i].first, interactions[i].second };

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          const PdMedicationInfo *info = pd_catalogue_find_medication (names[j]);

          g_assert_nonnull (info);
          add_dose (doses, names[j], 1, strcmp (info->unit, "mcg/h") == 0 ? "mcg/h" :
                                         strcmp (info->unit, "tablet") == 0 ? "tablet" : "mg",
                    (8 + j) * 60);
        }
      flags = flags_for (doses, NULL, NULL);
      g_test_message ("%s + %s: \"%s\"", names[0], names[1], flags);
      g_assert_true (has_flag (flags, interactions[i].code) == interactions[i].present);

      warnings = pd_day_warnings (doses, NULL, day0 ());
      for (guint j = 0; j < warnings->len; j++)
        g_assert_true (g_str_has_suffix (((PdWarning *) g_ptr_array_index (warnings, j))->message,
                                         ADVICE));

      /* Either half alone is never a combination. */
      g_ptr_array_remove_index (doses, 1);
      alone = flags_for (doses, NULL, NULL);
      g_assert_false (has_flag (alone, interactions[i].code));
    }
}

static void
test_cyp2d6 (void)
{
  static const struct
  {
    const char *name;
    const char *unit;
    PdCyp2d6Status status;
    gboolean flagged;
  } cases[] = {
    { "Codeine", "mg", PD_CYP2D6_ULTRARAPID, TRUE },
    { "Codeine", "mg", PD_CYP2D6_POOR, TRUE },
    { "Tramadol", "mg", PD_CYP2D6_ULTRARAPID, TRUE },
    { "Tramadol", "mg", PD_CYP2D6_POOR, TRUE },
    { "co-codamol 30/500", "tablet", PD_CYP2D6_POOR, TRUE },
    { "Ultracet", "tablet", PD_CYP2D6_ULTRARAPID, TRUE },
    { "Tylenol with codeine", "tablet", PD_CYP2D6_ULTRARAPID, TRUE },
    { "Codeine", "mg", PD_CYP2D6_INTERMEDIATE, FALSE },
    { "Codeine", "mg", PD_CYP2D6_NORMAL, FALSE },
    { "Codeine", "mg", PD_CYP2D6_UNKNOWN, FALSE },
    { "Oxycodone", "mg", PD_CYP2D6_POOR, FALSE },
    { "Tapentadol", "mg", PD_CYP2D6_ULTRARAPID, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) doses = new_array ();
      g_autofree char *flags = NULL;
      PdCheckOptions options;

      pd_check_options_init (&options);
      options.cyp2d6 = cases[i].status;
      add_dose (doses, cases[i].name, 1, cases[i].unit, 9 * 60);
      flags = flags_for (doses, NULL, &options);
      g_test_message ("%s %s: \"%s\"", cases[i].name, pd_cyp2d6_status_key (cases[i].status),
                      flags);
      g_assert_true (has_flag (flags, "cyp2d6_prodrug") == cases[i].flagged);
      g_assert_true (pd_day_has_cyp2d6_prodrug (doses, NULL, day0 ()) ==
                     (strcmp (cases[i].name, "Oxycodone") != 0 &&
                      strcmp (cases[i].name, "Tapentadol") != 0));
    }

  for (PdCyp2d6Status status = 0; status < PD_CYP2D6_N_STATUSES; status++)
    {
      g_autofree char *text = pd_cyp2d6_information (status);

      g_assert_true (pd_cyp2d6_status_from_key (pd_cyp2d6_status_key (status)) == status);
      if (status == PD_CYP2D6_NORMAL)
        {
          g_assert_null (text);
          continue;
        }
      g_assert_nonnull (strstr (text, "CYP2D6"));
      g_assert_true (g_str_has_suffix (text, ADVICE));
    }
  g_assert_true (pd_cyp2d6_status_from_key ("bogus") == PD_CYP2D6_UNKNOWN);
  g_assert_true (pd_cyp2d6_status_from_key (NULL) == PD_CYP2D6_UNKNOWN);
}

/* Codeine in the regimen is enough for CPIC's information, before any dose. */
static void
test_cyp2d6_regimen (void)
{
  g_autoptr(GPtrArray) regimen = new_array ();
  PdMedication *medication = pd_medication_new_from_catalogue ("codeine_acetaminophen_30_300");

  pd_medication_set_start_day (medication, day0 () - 3);
  g_ptr_array_add (regimen, medication);
  g_assert_true (pd_day_has_cyp2d6_prodrug (NULL, regimen, day0 ()));
  g_assert_false (pd_day_has_cyp2d6_prodrug (NULL, regimen, day0 () - 4));
  pd_medication_set_catalogue_key (medication, "oxycodone");
  g_assert_false (pd_day_has_cyp2d6_prodrug (NULL, regimen, day0 ()));
}

/* Days are local days: 3000 mg at 23:30 and 1500 mg at 00:30 are two days, each under the
 * maximum; recorded in New York, a dose at 04:30 UTC is the evening before. */
static void
test_local_midnight (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *travel = NULL;

  g_ptr_array_add (doses, test_dose_at ("Acetaminophen", 3000, "mg", day0 (), 23 * 60 + 30, BERLIN));
  g_ptr_array_add (doses, test_dose_at ("Acetaminophen", 1500, "mg", day0 () + 1, 30, BERLIN));
  g_ptr_array_add (doses, test_dose_at ("Gabapentin", 300, "mg", day0 (), 23 * 60 + 59, BERLIN));
  g_ptr_array_add (doses, test_dose_at ("Oxycodone", 5, "mg", day0 () + 1, 1, BERLIN));
  before = pd_day_safety_flags (doses, NULL, day0 (), NULL);
  after = pd_day_safety_flags (doses, NULL, day0 () + 1, NULL);
  /* Gabapentin and oxycodone are on two days; 4500 mg of acetaminophen in one hour is over
   * the maximum in 24 hours, flagged on the day of the dose that went over. */
  g_assert_cmpstr (before, ==, "");
  g_assert_cmpstr (after, ==, "over_max:acetaminophen");
  g_assert_cmpfloat (pd_daily_acetaminophen_mg (doses, NULL, day0 ()), ==, 3000);
  g_assert_cmpfloat (pd_daily_acetaminophen_mg (doses, NULL, day0 () + 1), ==, 1500);

  /* 23:30 in New York is 04:30 UTC the next day, and still day0 there. */
  g_ptr_array_add (doses, test_dose_at ("Acetaminophen", 1001, "mg", day0 (), 23 * 60 + 30, NEW_YORK));
  g_ptr_array_add (doses, test_dose_at ("Oxycodone", 5, "mg", day0 (), 23 * 60 + 45, NEW_YORK));
  travel = pd_day_safety_flags (doses, NULL, day0 (), NULL);
  g_assert_cmpstr (travel, ==, "over_max:acetaminophen;opioid_gabapentinoid");
  g_assert_cmpfloat (pd_daily_acetaminophen_mg (doses, NULL, day0 () + 1), ==, 1500);
}

/* The summary CSV's acetaminophen_mg and safety_flags on three hand-computed days, with
 * Preferences' 3000 mg and a poor CYP2D6 metaboliser. */
static void
test_summary_columns (void)
{
  g_autoptr(PdDiaryData) data = g_new0 (PdDiaryData, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  PdCheckOptions options;
  guint32 d = day0 ();

  data->doses = new_array ();
  data->medications = new_array ();
  /* Day 1: 4 Percocet 10/325 (1300 mg, 60 MME) + 1000 mg + gabapentin. */
  g_ptr_array_add (data->doses, test_dose_at ("Percocet 10/325", 2, "tablet", d, 8 * 60, BERLIN));
  g_ptr_array_add (data->doses, test_dose_at ("Percocet 10/325", 2, "tablet", d, 14 * 60, BERLIN));
  g_ptr_array_add (data->doses, test_dose_at ("Gabapentin", 300, "mg", d, 20 * 60, BERLIN));
  g_ptr_array_add (data->doses, test_dose_at ("Acetaminophen", 1000, "mg", d, 22 * 60, BERLIN));
  /* Day 2: 1000 mg just after midnight, tramadol 100 mg (20 MME) with sertraline. The 24
   * hours to 00:30 hold 650 + 650 + 1000 + 1000 = 3300 mg of acetaminophen, over 3000. */
  g_ptr_array_add (data->doses, test_dose_at ("Acetaminophen", 1000, "mg", d + 1, 30, BERLIN));
  g_ptr_array_add (data->doses, test_dose_at ("Tramadol", 100, "mg", d + 1, 9 * 60, BERLIN));
  g_ptr_array_add (data->doses, test_dose_at ("Sertraline", 50, "mg", d + 1, 9 * 60 + 5, BERLIN));
  /* Day 3: 3 x 1000 mg + 2 co-codamol 30/500 = 4000 mg, over 3000; 60 mg codeine = 9 MME. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (data->doses, test_dose_at ("Acetaminophen", 1000, "mg", d + 2, (7 + 5 * i) * 60,
                                                BERLIN));
  g_ptr_array_add (data->doses, test_dose_at ("co-codamol 30/500", 2, "tablet", d + 2,
                                              23 * 60, BERLIN));

  pd_check_options_init (&options);
  options.acetaminophen_max = PD_ACETAMINOPHEN_MAX_LOWER;
  options.cyp2d6 = PD_CYP2D6_POOR;
  bytes = pd_csv_export_summary_full (data, 0, 0, &options);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpstr (text, ==,
                   "date,entries,pain_mean,pain_min,pain_max,enjoyment_interference_mean,"
                   "activity_interference_mean,sleep_hours,mood_mean,doses,opioid_mme,"
                   "activity_min,events,back_pain_mean,leg_pain_mean,psfs_mean,"
                   "acetaminophen_mg,safety_flags\r\n"
                   "2024-10-02,0,,,,,,,,4,60,0,0,,,,2300,mme_50;opioid_gabapentinoid\r\n"
                   "2024-10-03,0,,,,,,,,3,20,0,0,,,,1000,"
                   "over_max:acetaminophen;serotonergic;cyp2d6_prodrug\r\n"
                   "2024-10-04,0,,,,,,,,4,9,0,0,,,,4000,over_max:acetaminophen;cyp2d6_prodrug\r\n");
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);

  /* The defaults: 4000 mg, status unknown. */
  bytes = pd_csv_export_summary (data, d + 2, d + 2);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_true (g_str_has_suffix (text, "\r\n2024-10-04,0,,,,,,,,4,9,0,0,,,,4000,\r\n"));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);

  /* Day 6: doses that cannot be counted in their unit (Percocet 5/325 in mg, acetaminophen
   * in tablets, oxycodone in tablets) bring up information on the day, but no
   * safety flag: the column holds domain.md's codes only. */
  g_ptr_array_add (data->doses, test_dose_at ("Percocet 5/325", 5, "mg", d + 5, 8 * 60, BERLIN));
  g_ptr_array_add (data->doses, test_dose_at ("Acetaminophen", 2, "tablet", d + 5, 9 * 60,
                                              BERLIN));
  g_ptr_array_add (data->doses, test_dose_at ("Oxycodone", 2, "tablet", d + 5, 10 * 60, BERLIN));
  {
    g_autoptr(GPtrArray) warnings = pd_day_warnings (data->doses, NULL, d + 5);

    g_assert_cmpuint (warnings->len, ==, 3);
    g_assert_cmpuint (count_kind (warnings, PD_WARNING_NOT_COUNTED), ==, 3);
  }
  bytes = pd_csv_export_summary (data, d + 5, d + 5);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_true (g_str_has_suffix (text, "\r\n2024-10-07,0,,,,,,,,3,0,0,0,,,,0,\r\n"));
}

/* "prescribed" (schema v5) and the CYP2D6 status (meta) are kept in the diary. */
static void
test_stored (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMedication) naproxen = pd_medication_new_from_catalogue ("naproxen");
  g_autoptr(PdMedication) read_back = NULL;
  PdDatabase *db = f->db;

  g_assert_true (pd_database_get_cyp2d6 (db) == PD_CYP2D6_UNKNOWN);
  pd_medication_set_amount (naproxen, 500);
  pd_medication_set_prescribed (naproxen, TRUE);
  g_assert_true (pd_database_save_medication (db, naproxen, &error));
  g_assert_true (pd_database_set_cyp2d6 (db, PD_CYP2D6_ULTRARAPID, &error));
  g_assert_no_error (error);
  close_fixture_db (f);

  db = f->db = open_diary (f->path, PD_DATABASE_NO_BACKUPS);
  read_back = pd_database_get_medication (db, pd_medication_get_id (naproxen), &error);
  g_assert_no_error (error);
  g_assert_true (pd_medication_get_prescribed (read_back));
  {
    g_autoptr(PdMedication) copy = pd_medication_copy (read_back);

    g_assert_true (pd_medication_get_prescribed (copy));
  }
  g_assert_true (pd_database_get_cyp2d6 (db) == PD_CYP2D6_ULTRARAPID);

  pd_medication_set_prescribed (read_back, FALSE);
  g_assert_true (pd_database_save_medication (db, read_back, &error));
  g_assert_true (pd_database_set_cyp2d6 (db, PD_CYP2D6_UNKNOWN, &error));
  g_assert_no_error (error);
  g_clear_object (&read_back);
  read_back = pd_database_get_medication (db, pd_medication_get_id (naproxen), &error);
  g_assert_false (pd_medication_get_prescribed (read_back));
  g_assert_true (pd_database_get_cyp2d6 (db) == PD_CYP2D6_UNKNOWN);
}

/* A diary CSV's dose rows naming a brand with its strength, in tablets: matched to the
 * regimen's catalogue entry, or else through the catalogue, and every ingredient counts. */
static void
test_import_brands (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMedication) combination =
    pd_medication_new_from_catalogue ("oxycodone_acetaminophen_10_325");
  g_autoptr(PdCsvImport) import = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(GString) csv = g_string_new ("id,date,time,utc_offset,kind,pain,"
                                         "enjoyment_interference,activity_interference,"
                                         "locations,qualities,sleep_hours,sleep_quality,mood,"
                                         "red_flags,item,amount,unit,duration_min,intensity,"
                                         "note\n");
  const char *rows[][3] = {
    { "Percocet 10/325", "2", "tablet" },
    { "NORCO 5/325", "1", "tablet" },
    { "Tylenol with codeine", "1", "tablet" },
  };
  PdDatabase *db = f->db;
  guint linked = 0;

  pd_medication_set_amount (combination, 1);
  pd_medication_set_start_day (combination, day0 () - 10);
  g_assert_true (pd_database_save_medication (db, combination, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *id = g_uuid_string_random ();

      g_string_append_printf (csv, "%s,2024-10-02,%02u:00,+02:00,dose,,,,,,,,,,%s,%s,%s,,,\n",
                              id, 8 + i, rows[i][0], rows[i][1], rows[i][2]);
    }
  import = pd_csv_import_prepare_data (db, "brands.csv", csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_true (pd_csv_import_commit (import, db, &error));
  g_assert_no_error (error);

  data = load_diary (db);
  g_assert_cmpuint (data->doses->len, ==, 3);
  for (guint i = 0; i < data->doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (data->doses, i);

      if (g_strcmp0 (pd_dose_get_medication_id (dose), pd_medication_get_id (combination)) == 0)
        {
          g_assert_cmpstr (pd_dose_get_name (dose), ==, "Percocet 10/325");
          linked++;
        }
    }
  g_assert_cmpuint (linked, ==, 1);
  /* 2 x 10 x 1.5 + 5 x 1 + 30 x 0.15 = 39.5 MME; 3 x 325 + 300 = 1275 mg. */
  g_assert_cmpfloat_with_epsilon (pd_daily_mme (data->doses, data->medications, day0 ()), 39.5,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (pd_daily_acetaminophen_mg (data->doses, data->medications,
                                                             day0 ()), 1275, 1e-9);
}

/* What the review banner says: the CYP2D6 status and the flagged days. */
static void
test_review_summary (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(PdDiaryData) data = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *summary = NULL;
  PdDatabase *db = f->db;

  data = pd_database_load (db, &error);
  empty = pd_review_dup_safety_summary (db, data);
  g_assert_cmpstr (empty, ==, "");
  g_clear_pointer (&data, pd_diary_data_free);

  for (guint i = 0; i < 3; i++)
    {
      g_ptr_array_add (doses, test_dose_at ("Tramadol", 50, "mg", day0 () + i, 8 * 60, BERLIN));
      g_ptr_array_add (doses, test_dose_at ("Diazepam", 5, "mg", day0 () + i, 22 * 60, BERLIN));
    }
  g_assert_true (pd_database_save_records (db, NULL, NULL, doses, NULL, NULL, &error));
  g_assert_true (pd_database_set_cyp2d6 (db, PD_CYP2D6_ULTRARAPID, &error));
  g_assert_no_error (error);
  data = pd_database_load (db, &error);
  summary = pd_review_dup_safety_summary (db, data);
  g_test_message ("%s", summary);
  g_assert_cmpstr (summary, ==,
                   "CYP2D6 status (from the patient's genetic test report): Ultrarapid "
                   "metaboliser.\nMedication safety, last 30 days with doses: Opioid and "
                   "benzodiazepine the same day on 3 days; Codeine or tramadol with an ultrarapid "
                   "or poor CYP2D6 status on 3 days");
}

/* The report's and review's days per flag: a 25 mcg/h fentanyl patch applied on day0 is
 * 60 MME on day0 and on the two days after, though nothing is logged on them (as in the
 * summary CSV); the day after that it no longer counts. */
static void
test_flag_days_of_a_patch (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) flags = NULL;
  const PdSafetyFlagDays *flag;

  add_dose (doses, "Fentanyl patch", 25, "mcg/h", 10 * 60);
  g_assert_cmpfloat (pd_daily_mme (doses, NULL, day0 () + 2), ==, 60);
  flags = pd_safety_flag_days (doses, NULL, day0 () - 5, day0 () + 5, NULL);
  g_assert_cmpuint (flags->len, ==, 1);
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpstr (flag->code, ==, "mme_50");
  g_assert_cmpuint (flag->days->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_array_index (flag->days, guint32, i), ==, day0 () + i);
}

/* Tizanidine: at most 36 mg and at most 3 doses in 24 h (domain.md). Three doses of 12 mg are
 * within both; a fourth small one is over the doses; 4 x 10 mg is over both, one warning. */
static void
test_max_doses (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  PdWarning *warning;

  for (guint i = 0; i < 3; i++)
    add_dose (doses, "Tizanidine", 12, "mg", (6 + 6 * i) * 60);
  assert_flags (doses, "");

  g_ptr_array_set_size (doses, 0);
  for (guint i = 0; i < 4; i++)
    add_dose (doses, "Tizanidine", 2, "mg", (6 + 4 * i) * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpstr (warning->code, ==, "over_max:tizanidine");
  g_assert_cmpstr (warning->message, ==,
                   "Tizanidine today: 4 doses, more than the 3 doses at most in 24 hours. " ADVICE);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  g_ptr_array_set_size (doses, 0);
  for (guint i = 0; i < 4; i++)
    add_dose (doses, "Tizanidine", 10, "mg", (6 + 4 * i) * 60);
  warnings = pd_day_warnings (doses, NULL, day0 ());
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (((PdWarning *) g_ptr_array_index (warnings, 0))->message, "40 mg"));
  g_assert_cmpuint (pd_catalogue_max_doses ("baclofen"), ==, 0);
}

/* domain.md's maxima are in 24 hours, not per calendar day: 1000 mg of acetaminophen at 18:00,
 * 20:00, 22:00 and 23:30, then 1000 mg at 02:00 is 5000 mg in 8 hours. A dose exactly 24 hours
 * before is outside the window. */
static void
test_max_across_midnight (void)
{
  g_autoptr(GPtrArray) doses = new_array ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *today = NULL;
  g_autofree char *later = NULL;
  PdWarning *warning;

  for (guint i = 0; i < 4; i++)
    add_dose (doses, "Acetaminophen", 1000, "mg", i < 3 ? (18 + 2 * i) * 60 : 23 * 60 + 30);
  g_ptr_array_add (doses, test_dose_at ("Acetaminophen", 1000, "mg", day0 () + 1, 2 * 60, BERLIN));
  today = pd_day_safety_flags (doses, NULL, day0 (), NULL);
  g_assert_cmpstr (today, ==, "");
  warnings = pd_day_warnings (doses, NULL, day0 () + 1);
  g_assert_cmpuint (warnings->len, ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_cmpstr (warning->code, ==, "over_max:acetaminophen");
  g_assert_cmpfloat (warning->value, ==, 5000);
  g_assert_cmpstr (warning->message, ==,
                   "Acetaminophen: 5000 mg within 24 hours (yesterday's doses included), more "
                   "than the 4000 mg maximum in 24 hours. " ADVICE);
  g_assert_cmpfloat (pd_daily_acetaminophen_mg (doses, NULL, day0 () + 1), ==, 1000);

  /* Ultracet's tramadol counts too: 350 mg yesterday at 22:00, 2 tablets (75 mg) at 06:00. */
  g_ptr_array_set_size (doses, 0);
  add_dose (doses, "Tramadol", 350, "mg", 22 * 60);
  g_ptr_array_add (doses, test_dose_at ("Ultracet", 2, "tablet", day0 () + 1, 6 * 60, BERLIN));
  later = pd_day_safety_flags (doses, NULL, day0 () + 1, NULL);
  g_assert_cmpstr (later, ==, "over_max:tramadol");
  g_clear_pointer (&later, g_free);

  /* Exactly 24 hours apart: 3000 mg at 08:00, 1500 mg at 08:00 the next day. */
  g_ptr_array_set_size (doses, 0);
  add_dose (doses, "Acetaminophen", 3000, "mg", 8 * 60);
  g_ptr_array_add (doses, test_dose_at ("Acetaminophen", 1500, "mg", day0 () + 1, 8 * 60, BERLIN));
  later = pd_day_safety_flags (doses, NULL, day0 () + 1, NULL);
  g_assert_cmpstr (later, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  /* Each with a new diary open in a temporary folder. */
  static const FixtureTest diary_tests[] = {
    { "/safety/stored", test_stored, NULL },
    { "/safety/import-brands", test_import_brands, NULL },
    { "/safety/review-summary", test_review_summary, NULL },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safety/maxima", test_maxima);
  g_test_add_func ("/safety/prescribed-maxima", test_prescribed_maxima);
  g_test_add_func ("/safety/acetaminophen-preference", test_acetaminophen_preference);
  g_test_add_func ("/safety/combination-products", test_combination_products);
  g_test_add_func ("/safety/combination-maxima", test_combination_counts_toward_maxima);
  g_test_add_func ("/safety/mme-every-opioid", test_mme_every_opioid);
  g_test_add_func ("/safety/mme-wording", test_mme_wording);
  g_test_add_func ("/safety/interactions", test_interactions);
  g_test_add_func ("/safety/cyp2d6", test_cyp2d6);
  g_test_add_func ("/safety/cyp2d6-regimen", test_cyp2d6_regimen);
  g_test_add_func ("/safety/local-midnight", test_local_midnight);
  g_test_add_func ("/safety/summary-columns", test_summary_columns);
  add_fixture_tests (fixture_set_up_open, diary_tests, G_N_ELEMENTS (diary_tests));
  g_test_add_func ("/safety/flag-days-of-a-patch", test_flag_days_of_a_patch);
  g_test_add_func ("/safety/max-doses", test_max_doses);
  g_test_add_func ("/safety/max-across-midnight", test_max_across_midnight);

  return g_test_run ();
}
