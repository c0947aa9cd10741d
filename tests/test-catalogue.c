/* test-catalogue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-catalogue"

#include "config.h"

#include <string.h>

#include "pd-catalogue.h"
#include "pd-medication.h"

/* domain.md's medication table, as the catalogue must carry it. */
static const struct
{
  const char *name;
  const char *drug_class;
  const char *unit;
  double mme_factor;
  double max_daily;
} domain_drugs[] = {
  { "Ibuprofen", "nsaid", "mg", 0, 1200 },
  { "Naproxen", "nsaid", "mg", 0, 660 },
  { "Diclofenac gel", "topical_nsaid", "g", 0, 32 },
  { "Celecoxib", "cox2_inhibitor", "mg", 0, 400 },
  { "Acetaminophen", "analgesic", "mg", 0, 4000 },
  { "Gabapentin", "gabapentinoid", "mg", 0, 3600 },
  { "Pregabalin", "gabapentinoid", "mg", 0, 600 },
  { "Amitriptyline", "tca", "mg", 0, 150 },
  { "Duloxetine", "snri", "mg", 0, 120 },
  { "Cyclobenzaprine", "muscle_relaxant", "mg", 0, 30 },
  { "Methocarbamol", "muscle_relaxant", "mg", 0, 8000 },
  { "Tizanidine", "muscle_relaxant", "mg", 0, 36 },
  { "Baclofen", "muscle_relaxant", "mg", 0, 80 },
  { "Tramadol", "opioid", "mg", 0.2, 400 },
  { "Tapentadol", "opioid", "mg", 0.4, 600 },
  { "Morphine SR", "opioid", "mg", 1, 0 },
  { "Oxycodone", "opioid", "mg", 1.5, 0 },
  { "Hydrocodone", "opioid", "mg", 1, 0 },
  { "Hydromorphone", "opioid", "mg", 5, 0 },
  { "Codeine", "opioid", "mg", 0.15, 360 },
  { "Fentanyl patch", "opioid", "mcg/h", 2.4, 0 },
  { "Lidocaine patch", "topical_anaesthetic", "patch", 0, 3 },
  { "Capsaicin cream", "topical", NULL, 0, 0 },
  /* More opioids */
  { "Methadone", "opioid", "mg", 4.7, 0 },
  { "Oxymorphone", "opioid", "mg", 3, 0 },
  { "Buprenorphine", "opioid", "mg", 0, 0 },
  /* The benzodiazepines and SSRIs of the combinations to point out */
  { "Diazepam", "benzodiazepine", "mg", 0, 0 },
  { "Lorazepam", "benzodiazepine", "mg", 0, 0 },
  { "Alprazolam", "benzodiazepine", "mg", 0, 0 },
  { "Clonazepam", "benzodiazepine", "mg", 0, 0 },
  { "Sertraline", "ssri", "mg", 0, 0 },
  { "Citalopram", "ssri", "mg", 0, 0 },
  { "Escitalopram", "ssri", "mg", 0, 0 },
  { "Fluoxetine", "ssri", "mg", 0, 0 },
  /* Combination products, in tablets, with the opioid's factor per mg */
  { "Hydrocodone/acetaminophen 5/325", "opioid", "tablet", 1, 0 },
  { "Hydrocodone/acetaminophen 7.5/325", "opioid", "tablet", 1, 0 },
  { "Hydrocodone/acetaminophen 10/325", "opioid", "tablet", 1, 0 },
  { "Oxycodone/acetaminophen 5/325", "opioid", "tablet", 1.5, 0 },
  { "Oxycodone/acetaminophen 7.5/325", "opioid", "tablet", 1.5, 0 },
  { "Oxycodone/acetaminophen 10/325", "opioid", "tablet", 1.5, 0 },
  { "Tramadol/acetaminophen 37.5/325", "opioid", "tablet", 0.2, 0 },
  { "Codeine/acetaminophen 30/300", "opioid", "tablet", 0.15, 0 },
  { "Codeine/acetaminophen 8/500", "opioid", "tablet", 0.15, 0 },
  { "Codeine/acetaminophen 15/500", "opioid", "tablet", 0.15, 0 },
  { "Codeine/acetaminophen 30/500", "opioid", "tablet", 0.15, 0 },
  /* The same named without a strength: "Percocet" */
  { "Hydrocodone/acetaminophen", "opioid", "tablet", 1, 0 },
  { "Oxycodone/acetaminophen", "opioid", "tablet", 1.5, 0 },
  { "Codeine/acetaminophen", "opioid", "tablet", 0.15, 0 },
};

static const char *domain_supplements[] = {
  "turmeric", "curcumin", "omega-3", "vitamin D3", "magnesium", "vitamin B12", "glucosamine",
  "chondroitin", "boswellia", "collagen",
};

static void
test_domain_drugs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (domain_drugs); i++)
    {
      const PdMedicationInfo *info = pd_catalogue_find_medication (domain_drugs[i].name);

      g_test_message ("%s", domain_drugs[i].name);
      g_assert_nonnull (info);
      g_assert_cmpstr (info->name, ==, domain_drugs[i].name);
      g_assert_cmpstr (info->drug_class, ==, domain_drugs[i].drug_class);
      if (domain_drugs[i].unit != NULL)
        g_assert_cmpstr (info->unit, ==, domain_drugs[i].unit);
      g_assert_cmpfloat (info->mme_factor, ==, domain_drugs[i].mme_factor);
      g_assert_cmpfloat (info->max_daily, ==, domain_drugs[i].max_daily);
      g_assert_false (info->supplement);
      g_assert_true (pd_catalogue_lookup_medication (info->key) == info);
    }
}

static void
test_entries_consistent (void)
{
  guint n = 0;
  const PdMedicationInfo *all = pd_catalogue_medications (&n);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint supplements = 0;

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (domain_drugs) + 9);
  for (guint i = 0; i < n; i++)
    {
      const PdMedicationInfo *info = &all[i];

      g_test_message ("%s", info->key);
      g_assert_true (g_hash_table_add (keys, (gpointer) info->key));
      g_assert_nonnull (info->name);
      g_assert_nonnull (info->aliases);
      g_assert_nonnull (info->form);
      g_assert_nonnull (info->typical_dose);
      g_assert_nonnull (info->notes);
      g_assert_true (g_strv_contains (pd_drug_classes (), info->drug_class));
      g_assert_true (pd_dose_unit_is_valid (info->unit));
      g_assert_cmpfloat (info->usual_amount, >=, 0);
      g_assert_cmpfloat (info->usual_amount, <=, pd_dose_unit_max_amount (info->unit));
      /* Every name finds its own entry, never another one's. */
      g_assert_true (pd_catalogue_find_medication (info->name) == info);
      /* Buprenorphine, a partial agonist, is the one opioid not counted in MME. */
      g_assert_true ((info->mme_factor > 0) ==
                     (strcmp (info->drug_class, "opioid") == 0 &&
                      !pd_catalogue_mme_not_counted (info->key)));
      g_assert_true (info->supplement == (strcmp (info->drug_class, "supplement") == 0));
      if (info->supplement)
        {
          supplements++;
          g_assert_cmpfloat (info->usual_amount, >, 0);
          g_assert_cmpfloat (info->max_daily, ==, 0);
        }
    }
  g_assert_cmpuint (supplements, ==, 9);
  g_assert_null (pd_catalogue_lookup_medication ("aspirin"));
  g_assert_null (pd_catalogue_lookup_medication (NULL));
}

static void
test_supplements (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (domain_supplements); i++)
    {
      const PdMedicationInfo *info = pd_catalogue_find_medication (domain_supplements[i]);

      g_test_message ("%s", domain_supplements[i]);
      g_assert_nonnull (info);
      g_assert_true (info->supplement);
      g_assert_cmpstr (info->drug_class, ==, "supplement");
    }
  g_assert_cmpstr (pd_catalogue_find_medication ("Vitamin D3")->unit, ==, "IU");
  g_assert_cmpstr (pd_catalogue_find_medication ("Vitamin B12")->unit, ==, "mcg");
  g_assert_true (pd_catalogue_find_medication ("curcumin") ==
                 pd_catalogue_find_medication ("Turmeric"));
}

static void
test_aliases (void)
{
  const PdMedicationInfo *acetaminophen = pd_catalogue_lookup_medication ("acetaminophen");
  const PdMedicationInfo *morphine = pd_catalogue_lookup_medication ("morphine_sr");

  g_assert_nonnull (acetaminophen);
  g_assert_true (pd_catalogue_find_medication ("paracetamol") == acetaminophen);
  g_assert_true (pd_catalogue_find_medication ("PARACETAMOL") == acetaminophen);
  g_assert_true (pd_catalogue_find_medication ("Paracetamol") == acetaminophen);
  g_assert_true (pd_catalogue_find_medication ("acetaminophen") == acetaminophen);
  g_assert_true (pd_catalogue_find_medication ("  Acetaminophen\t") == acetaminophen);
  g_assert_true (pd_catalogue_find_medication ("morphine") == morphine);
  g_assert_true (pd_catalogue_find_medication ("MORPHINE SR") == morphine);
  g_assert_true (pd_catalogue_find_medication ("fentanyl") ==
                 pd_catalogue_lookup_medication ("fentanyl_patch"));

  /* Whole names only: no prefixes, no pieces of an alias list. */
  g_assert_null (pd_catalogue_find_medication ("para"));
  g_assert_null (pd_catalogue_find_medication ("paracetamol;Tylenol"));
  g_assert_null (pd_catalogue_find_medication ("Ibuprofen 400"));
  g_assert_null (pd_catalogue_find_medication ("Frobnicate"));
  g_assert_null (pd_catalogue_find_medication (""));
  g_assert_null (pd_catalogue_find_medication ("   "));
  g_assert_null (pd_catalogue_find_medication (NULL));
}

/* domain.md's combination products and brand names. */
static const struct
{
  const char *name;      /* as written in a dose, a prescription or a CSV row */
  const char *key;
  const char *opioid;    /* NULL: no strength known, nothing counted */
  double opioid_mg;
  double acetaminophen_mg;
} brands[] = {
  { "Hydrocodone/acetaminophen 5/325", "hydrocodone_acetaminophen_5_325", "hydrocodone", 5, 325 },
  { "Norco 7.5/325", "hydrocodone_acetaminophen_7_5_325", "hydrocodone", 7.5, 325 },
  { "vicodin 10/325", "hydrocodone_acetaminophen_10_325", "hydrocodone", 10, 325 },
  { "Oxycodone/acetaminophen 5/325", "oxycodone_acetaminophen_5_325", "oxycodone", 5, 325 },
  { "Percocet 7.5/325", "oxycodone_acetaminophen_7_5_325", "oxycodone", 7.5, 325 },
  { "Percocet 10/325", "oxycodone_acetaminophen_10_325", "oxycodone", 10, 325 },
  { "PERCOCET 10 / 325 mg", "oxycodone_acetaminophen_10_325", "oxycodone", 10, 325 },
  { "  percocet   10/325 tablets ", "oxycodone_acetaminophen_10_325", "oxycodone", 10, 325 },
  { "Ultracet", "tramadol_acetaminophen_37_5_325", "tramadol", 37.5, 325 },
  { "Tramadol/acetaminophen 37.5/325", "tramadol_acetaminophen_37_5_325", "tramadol", 37.5, 325 },
  { "Tylenol with codeine", "codeine_acetaminophen_30_300", "codeine", 30, 300 },
  { "tylenol with codeine no. 3", "codeine_acetaminophen_30_300", "codeine", 30, 300 },
  { "Codeine/acetaminophen 30/300", "codeine_acetaminophen_30_300", "codeine", 30, 300 },
  { "co-codamol 8/500", "codeine_acetaminophen_8_500", "codeine", 8, 500 },
  { "Co-Codamol 15/500", "codeine_acetaminophen_15_500", "codeine", 15, 500 },
  { "co-codamol 30/500", "codeine_acetaminophen_30_500", "codeine", 30, 500 },
  { "Percocet", "oxycodone_acetaminophen", NULL, 0, 0 },
  { "Norco", "hydrocodone_acetaminophen", NULL, 0, 0 },
  { "Vicodin", "hydrocodone_acetaminophen", NULL, 0, 0 },
  { "co-codamol", "codeine_acetaminophen", NULL, 0, 0 },
  { "Roxicodone", "oxycodone", NULL, 0, 0 },
  { "Tylenol", "acetaminophen", NULL, 0, 0 },
};

static void
test_combinations (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    {
      const PdMedicationInfo *info = pd_catalogue_find_medication (brands[i].name);
      const PdCombinationInfo *combination;

      g_test_message ("%s", brands[i].name);
      g_assert_nonnull (info);
      g_assert_cmpstr (info->key, ==, brands[i].key);
      combination = pd_catalogue_lookup_combination (info->key);
      if (brands[i].opioid == NULL)
        {
          g_assert_null (combination);
          continue;
        }
      g_assert_nonnull (combination);
      g_assert_cmpstr (info->unit, ==, "tablet");
      g_assert_cmpstr (combination->opioid, ==, brands[i].opioid);
      g_assert_cmpfloat (combination->opioid_mg, ==, brands[i].opioid_mg);
      g_assert_cmpfloat (combination->acetaminophen_mg, ==, brands[i].acetaminophen_mg);
      /* The factor shown is the opioid's, per mg of it. */
      g_assert_cmpfloat (info->mme_factor, ==,
                         pd_catalogue_lookup_medication (brands[i].opioid)->mme_factor);
    }
  g_assert_null (pd_catalogue_find_medication ("Percocet 10/500"));
  g_assert_null (pd_catalogue_lookup_combination ("oxycodone"));
  g_assert_null (pd_catalogue_lookup_combination (NULL));

  /* Every product with acetaminophen in it is a combination of known strength or one
   * without (whose doses the day says it cannot count), never both. */
  {
    guint n;
    const PdMedicationInfo *all = pd_catalogue_medications (&n);
    guint families = 0;

    for (guint i = 0; i < n; i++)
      {
        gboolean combination = pd_catalogue_lookup_combination (all[i].key) != NULL;
        gboolean family = pd_catalogue_is_combination_family (all[i].key);

        g_assert_false (combination && family);
        g_assert_true ((combination || family) ==
                       (strstr (all[i].key, "_acetaminophen") != NULL));
        families += family;
      }
    g_assert_cmpuint (families, ==, 3);
    g_assert_true (pd_catalogue_is_combination_family (
                     pd_catalogue_find_medication ("Norco")->key));
    g_assert_false (pd_catalogue_is_combination_family ("oxycodone"));
    g_assert_false (pd_catalogue_is_combination_family (NULL));
  }
}

static void
test_prescribed_maxima (void)
{
  const PdMedicationInfo *ibuprofen = pd_catalogue_lookup_medication ("ibuprofen");
  const PdMedicationInfo *naproxen = pd_catalogue_lookup_medication ("naproxen");
  const PdMedicationInfo *celecoxib = pd_catalogue_lookup_medication ("celecoxib");

  g_assert_cmpfloat (pd_catalogue_max_daily (ibuprofen, FALSE), ==, 1200);
  g_assert_cmpfloat (pd_catalogue_max_daily (ibuprofen, TRUE), ==, 3200);
  g_assert_cmpfloat (pd_catalogue_max_daily (naproxen, FALSE), ==, 660);
  g_assert_cmpfloat (pd_catalogue_max_daily (naproxen, TRUE), ==, 1500);
  g_assert_cmpfloat (pd_catalogue_max_daily (celecoxib, TRUE), ==, 400);
  g_assert_true (pd_catalogue_can_be_prescribed ("ibuprofen"));
  g_assert_true (pd_catalogue_can_be_prescribed ("naproxen"));
  g_assert_false (pd_catalogue_can_be_prescribed ("celecoxib"));
  g_assert_true (pd_catalogue_mme_not_counted ("buprenorphine"));
  g_assert_false (pd_catalogue_mme_not_counted ("methadone"));
}

static void
test_classes (void)
{
  const char * const *classes = pd_drug_classes ();

  g_assert_cmpuint (g_strv_length ((char **) classes), ==, 15);
  for (guint i = 0; classes[i] != NULL; i++)
    {
      g_assert_nonnull (pd_drug_class_label (classes[i]));
      g_assert_cmpstr (pd_drug_class_label (classes[i]), !=, "");
    }
  g_assert_cmpstr (pd_drug_class_label ("nsaid"), ==, "NSAID");
  g_assert_cmpstr (pd_drug_class_label ("no-such-class"), ==, pd_drug_class_label ("other"));

  g_assert_cmpstr (pd_drug_class_group ("nsaid"), ==, "nsaid");
  g_assert_cmpstr (pd_drug_class_group ("cox2_inhibitor"), ==, "nsaid");
  g_assert_cmpstr (pd_drug_class_group ("opioid"), ==, "opioid");
  g_assert_cmpstr (pd_drug_class_group ("gabapentinoid"), ==, "gabapentinoid");
  g_assert_cmpstr (pd_drug_class_group ("muscle_relaxant"), ==, "muscle_relaxant");
  g_assert_cmpstr (pd_drug_class_group ("benzodiazepine"), ==, "benzodiazepine");
  g_assert_cmpstr (pd_drug_class_group ("ssri"), ==, "ssri");
  g_assert_null (pd_drug_class_group ("topical_nsaid"));
  g_assert_null (pd_drug_class_group ("topical"));
  g_assert_null (pd_drug_class_group ("topical_anaesthetic"));
  g_assert_null (pd_drug_class_group ("supplement"));
  g_assert_null (pd_drug_class_group ("analgesic"));
  g_assert_null (pd_drug_class_group ("other"));
  g_assert_null (pd_drug_class_group (NULL));
}

/* A dose as a person reads it: symbols stay, counted units are words in the singular or
 * the plural (a fraction takes the plural); a unit unknown to the catalogue is shown as is. */
static void
test_amount_text (void)
{
  const struct { double amount; const char *unit, *text; } cases[] = {
    { 400, "mg", "400 mg" },
    { 12.5, "mcg/h", "12.5 mcg/h" },
    { 0.125, "mg", "0.125 mg" },
    { 1000, "IU", "1000 IU" },
    { 1, "tablet", "1 tablet" },
    { 2, "tablet", "2 tablets" },
    { 1.5, "tablet", "1.5 tablets" },
    { 0.5, "tablet", "0.5 tablets" },
    { 1, "patch", "1 patch" },
    { 2, "patch", "2 patches" },
    { 2, "puff", "2 puffs" },
    { 1, "drop", "1 drop" },
    { 20, "drop", "20 drops" },
    { 3, "spoon", "3 spoon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pd_dose_amount_text (cases[i].amount, cases[i].unit);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_cmpstr (pd_dose_unit_label ("tablet"), ==, "tablets");
  g_assert_cmpstr (pd_dose_unit_label ("patch"), ==, "patches");
  g_assert_cmpstr (pd_dose_unit_label ("mg"), ==, "mg");
  g_assert_cmpstr (pd_dose_unit_label ("mcg/h"), ==, "mcg/h");
}

/* A medication's name with its usual amount; the name alone without one. */
static void
test_medication_dose_text (void)
{
  g_autoptr(PdMedication) medication = pd_medication_new ();
  g_autofree char *with_amount = NULL;
  g_autofree char *without = NULL;

  pd_medication_set_name (medication, "Percocet 5/325");
  pd_medication_set_amount (medication, 2);
  pd_medication_set_unit (medication, "tablet");
  with_amount = pd_medication_dose_text (medication);
  g_assert_cmpstr (with_amount, ==, "Percocet 5/325 2 tablets");
  pd_medication_set_amount (medication, 0);
  without = pd_medication_dose_text (medication);
  g_assert_cmpstr (without, ==, "Percocet 5/325");
}

static void
test_units (void)
{
  const char * const *units = pd_dose_units ();
  const char *expected[] = { "mg", "mcg", "g", "ml", "mcg/h", "patch", "puff", "drop", "IU",
                             "tablet" };

  g_assert_cmpuint (g_strv_length ((char **) units), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (units[i], ==, expected[i]);
      g_assert_true (pd_dose_unit_is_valid (expected[i]));
      g_assert_cmpfloat (pd_dose_unit_max_amount (expected[i]), >, 0);
    }
  g_assert_false (pd_dose_unit_is_valid ("spoon"));
  g_assert_false (pd_dose_unit_is_valid ("MG"));
  g_assert_false (pd_dose_unit_is_valid (""));
  g_assert_false (pd_dose_unit_is_valid (NULL));
  g_assert_cmpfloat (pd_dose_unit_max_amount ("spoon"), ==, 0);

  /* A typing error is refused, a real dose is not. */
  g_assert_cmpfloat (pd_dose_unit_max_amount ("mg"), <, 100000);
  g_assert_cmpfloat (pd_dose_unit_max_amount ("mg"), >=, 1500);
  g_assert_cmpfloat (pd_dose_unit_max_amount ("mcg/h"), >=, 100);
  g_assert_cmpfloat (pd_dose_unit_max_amount ("IU"), >=, 50000);

  g_assert_cmpfloat (pd_dose_amount_in_mg (500, "mg"), ==, 500);
  g_assert_cmpfloat (pd_dose_amount_in_mg (1.5, "g"), ==, 1500);
  g_assert_cmpfloat_with_epsilon (pd_dose_amount_in_mg (250, "mcg"), 0.25, 1e-12);
  g_assert_cmpfloat (pd_dose_amount_in_mg (5, "ml"), <, 0);
  g_assert_cmpfloat (pd_dose_amount_in_mg (25, "mcg/h"), <, 0);
  g_assert_cmpfloat (pd_dose_amount_in_mg (1, "patch"), <, 0);
  g_assert_cmpfloat (pd_dose_amount_in_mg (1000, "IU"), <, 0);
  g_assert_cmpfloat (pd_dose_amount_in_mg (1, "spoon"), <, 0);
}

static void
test_activities (void)
{
  const char *expected[] = {
    "Physical therapy session", "Home exercises (core stabilisation)", "Stretching", "Walking",
    "Swimming / hydrotherapy", "Cycling", "Yoga / Pilates", "Tai chi", "TENS", "Heat", "Cold",
    "Massage", "Manual therapy / chiropractic / osteopathy", "Acupuncture",
    "Mindfulness meditation", "Progressive muscle relaxation", "CBT session", "Biofeedback",
    "Graded motor imagery", "Activity pacing (planned rest breaks)", "Brace / corset worn",
  };
  guint n = 0;
  const PdActivityInfo *activities = pd_catalogue_activities (&n);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (activities[i].name, ==, expected[i]);
      g_assert_true (g_hash_table_add (keys, (gpointer) activities[i].key));
    }
}

static void
test_event_kinds (void)
{
  const char * const *kinds = pd_event_kinds ();
  const char *expected[] = {
    "surgery", "injection", "procedure", "stimulator_trial", "stimulator", "medication_change",
    "therapy_change", "appointment", "other",
  };

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (kinds[i], ==, expected[i]);
      g_assert_nonnull (pd_event_kind_label (kinds[i]));
    }
  g_assert_cmpstr (pd_event_kind_label ("surgery"), ==, "Surgery");
  g_assert_cmpstr (pd_event_kind_label ("nonsense"), ==, pd_event_kind_label ("other"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalogue/domain-drugs", test_domain_drugs);
  g_test_add_func ("/catalogue/entries-consistent", test_entries_consistent);
  g_test_add_func ("/catalogue/supplements", test_supplements);
  g_test_add_func ("/catalogue/aliases", test_aliases);
  g_test_add_func ("/catalogue/classes", test_classes);
  g_test_add_func ("/catalogue/combinations", test_combinations);
  g_test_add_func ("/catalogue/prescribed-maxima", test_prescribed_maxima);
  g_test_add_func ("/catalogue/units", test_units);
  g_test_add_func ("/catalogue/amount-text", test_amount_text);
  g_test_add_func ("/catalogue/medication-dose-text", test_medication_dose_text);
  g_test_add_func ("/catalogue/activities", test_activities);
  g_test_add_func ("/catalogue/event-kinds", test_event_kinds);

  return g_test_run ();
}
