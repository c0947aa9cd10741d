/* pd-catalogue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-catalogue"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-catalogue-private.h"
#include "pd-error.h"

typedef struct
{
  const char *key;
  const char *label;
  const char *group;
} PdDrugClass;

static const PdDrugClass drug_classes[] = {
  { "nsaid", N_("NSAID"), "nsaid" },
  { "topical_nsaid", N_("Topical NSAID"), NULL },
  { "cox2_inhibitor", N_("COX-2 inhibitor"), "nsaid" },
  { "analgesic", N_("Analgesic"), NULL },
  { "gabapentinoid", N_("Gabapentinoid"), "gabapentinoid" },
  { "tca", N_("Tricyclic antidepressant"), "tca" },
  { "snri", N_("SNRI antidepressant"), "snri" },
  { "ssri", N_("SSRI antidepressant"), "ssri" },
  { "benzodiazepine", N_("Benzodiazepine"), "benzodiazepine" },
  { "muscle_relaxant", N_("Muscle relaxant"), "muscle_relaxant" },
  { "opioid", N_("Opioid"), "opioid" },
  { "topical_anaesthetic", N_("Topical anaesthetic"), NULL },
  { "topical", N_("Topical"), NULL },
  { "supplement", N_("Supplement"), NULL },
  { "other", N_("Other"), NULL },
};

static const char * const drug_class_keys[] = {
  "nsaid", "topical_nsaid", "cox2_inhibitor", "analgesic", "gabapentinoid", "tca", "snri",
  "ssri", "benzodiazepine", "muscle_relaxant", "opioid", "topical_anaesthetic", "topical", "supplement", "other", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (drug_class_keys) == G_N_ELEMENTS (drug_classes) + 1);

/* The fields domain.md leaves blank for most entries are implied by the macro an entry is
 * written with: DRUG a non-opioid (no MME factor), OPIOID one with its MME factor per mg (per
 * mcg/h for the fentanyl patch), AS_PRESCRIBED one whose usual amount is 0 so that the
 * patient enters the prescribed one rather than a number the app suggested. */
#define DRUG(key, name, aliases, drug_class, form, amount, unit, max, dose, notes) \
  { key, name, aliases, drug_class, form, amount, unit, dose, notes, 0, max, FALSE }
#define OPIOID(key, name, aliases, form, amount, unit, mme, max, dose, notes) \
  { key, name, aliases, "opioid", form, amount, unit, dose, notes, mme, max, FALSE }
#define AS_PRESCRIBED(key, name, aliases, drug_class, form, mme, max, notes) \
  { key, name, aliases, drug_class, form, 0, "mg", "as prescribed", notes, mme, max, FALSE }
#define BENZODIAZEPINE(key, name, aliases) \
  AS_PRESCRIBED (key, name, aliases, "benzodiazepine", "tablet", 0, 0, "benzodiazepine")
#define SSRI(key, name, aliases, form) \
  AS_PRESCRIBED (key, name, aliases, "ssri", form, 0, 0, "SSRI")
#define SUPPLEMENT(key, name, aliases, form, amount, unit) \
  { key, name, aliases, "supplement", form, amount, unit, "as on the label", "", 0, 0, TRUE }
/* A combination product with its strength in the name: each tablet counts toward MME and the
 * acetaminophen total. */
#define COMBINATION(key, name, aliases, mme) \
  { key, name, aliases, "opioid", "tablet", 0, "tablet", "as prescribed", \
    "combination product: each tablet counts toward MME and the acetaminophen total", \
    mme, 0, FALSE }
/* A combination product named without its strength (“Percocet”): an opioid for the checks of
 * combinations, but neither MME nor acetaminophen can be counted from it. */
#define COMBINATION_FAMILY(key, name, aliases, mme) \
  { key, name, aliases, "opioid", "tablet", 0, "tablet", "as prescribed", \
    "choose the strength (opioid mg / acetaminophen mg) so that the tablets count toward " \
    "MME and the acetaminophen total", mme, 0, FALSE }

/* domain.md's table, in its order, then the supplements. Amounts are the low end of the
 * typical dose; the maximum (0: domain.md gives none) is in unit per local day. */
static const PdMedicationInfo medications[] = {
  DRUG ("ibuprofen", "Ibuprofen", "Advil;Nurofen;Motrin", "nsaid", "tablet", 400, "mg", 1200,
        "400–800 mg every 6–8 h, with food",
        "max 1200 mg/day without prescription, 3200 mg/day prescribed; GI upset, kidney strain"),
  DRUG ("naproxen", "Naproxen", "Aleve;Naprosyn", "nsaid", "tablet", 250, "mg", 660,
        "250–500 mg every 12 h, with food",
        "max 660 mg/day without prescription (as naproxen sodium), 1500 mg/day prescribed; "
        "heartburn, fluid retention"),
  DRUG ("diclofenac_gel", "Diclofenac gel", "Voltaren gel;diclofenac topical", "topical_nsaid",
        "gel", 4, "g", 32, "3–4 g to area 4x daily",
        "max 32 g/day of the 1% gel (4 g per large joint, 2 g per small one); skin irritation"),
  DRUG ("celecoxib", "Celecoxib", "Celebrex", "cox2_inhibitor", "capsule", 100, "mg", 400,
        "100–200 mg twice daily", "max 400 mg/day; oedema, hypertension"),
  DRUG ("acetaminophen", "Acetaminophen", "paracetamol;Tylenol;Panadol;APAP", "analgesic",
        "tablet", 500, "mg", 4000, "500–1000 mg every 6 h",
        "max 4000 mg in 24 h (less with liver disease or alcohol)"),
  DRUG ("gabapentin", "Gabapentin", "Neurontin", "gabapentinoid", "capsule", 300, "mg", 3600,
        "300–600 mg at bedtime (titrated)", "max 3600 mg/day; drowsiness, dizziness"),
  DRUG ("pregabalin", "Pregabalin", "Lyrica", "gabapentinoid", "capsule", 75, "mg", 600,
        "75–150 mg twice daily", "max 600 mg/day; weight gain, oedema"),
  DRUG ("amitriptyline", "Amitriptyline", "Elavil", "tca", "tablet", 10, "mg", 150,
        "10–25 mg at bedtime",
        "max 150 mg/day (pain doses are usually 10–75 mg); dry mouth, sedation"),
  DRUG ("duloxetine", "Duloxetine", "Cymbalta", "snri", "capsule", 30, "mg", 120,
        "30–60 mg once daily, morning",
        "max 120 mg/day (no added benefit above 60 mg for chronic musculoskeletal pain); "
        "nausea, insomnia"),
  DRUG ("cyclobenzaprine", "Cyclobenzaprine", "Flexeril", "muscle_relaxant", "tablet", 5, "mg",
        30, "5–10 mg three times daily",
        "max 30 mg/day, meant for 2–3 weeks; constipation, dry mouth"),
  DRUG ("methocarbamol", "Methocarbamol", "Robaxin", "muscle_relaxant", "tablet", 1500, "mg",
        8000, "1500 mg four times daily",
        "max 8000 mg/day (6–8 g only in the first 2–3 days, about 4 g after); drowsiness"),
  DRUG ("tizanidine", "Tizanidine", "Zanaflex", "muscle_relaxant", "tablet", 2, "mg", 36,
        "2–4 mg every 6–8 h", "max 36 mg/day, at most 3 doses in 24 h; low blood pressure"),
  DRUG ("baclofen", "Baclofen", "Lioresal", "muscle_relaxant", "tablet", 5, "mg", 80,
        "5–10 mg three times daily", "max 80 mg/day; weakness, drowsiness"),
  OPIOID ("tramadol", "Tramadol", "Ultram", "tablet", 50, "mg", 0.2, 400,
          "50–100 mg every 4–6 h as needed",
          "weak opioid; max 400 mg/day (300 mg over age 75 or for extended release); "
          "nausea, constipation"),
  OPIOID ("tapentadol", "Tapentadol", "Nucynta;Palexia", "tablet", 50, "mg", 0.4, 600,
          "50–100 mg every 4–6 h as needed",
          "opioid; max 600 mg/day immediate release (500 mg extended release)"),
  OPIOID ("morphine_sr", "Morphine SR", "morphine;morphine sulfate;MS Contin", "tablet", 15, "mg",
          1, 0, "15–30 mg every 8–12 h", "strong opioid; respiratory depression"),
  AS_PRESCRIBED ("oxycodone", "Oxycodone", "OxyContin;OxyNorm;Roxicodone", "opioid", "tablet",
                 1.5, 0, "strong opioid"),
  AS_PRESCRIBED ("hydrocodone", "Hydrocodone", "", "opioid", "tablet", 1, 0, "opioid"),
  AS_PRESCRIBED ("hydromorphone", "Hydromorphone", "Dilaudid", "opioid", "tablet", 5, 0,
                 "strong opioid"),
  AS_PRESCRIBED ("codeine", "Codeine", "", "opioid", "tablet", 0.15, 360,
                 "weak opioid; max 360 mg/day"),
  OPIOID ("fentanyl_patch", "Fentanyl patch", "fentanyl;Duragesic", "patch", 0, "mcg/h", 2.4, 0,
          "mcg/h patch", "strong opioid; worn 72 h"),
  DRUG ("lidocaine_patch", "Lidocaine patch", "lidocaine;Lidoderm;Versatis",
        "topical_anaesthetic", "patch", 1, "patch", 3, "1–3 patches, 12 h on / 12 h off",
        "max 3 patches of 5% a day, 12 h on, 12 h off; local skin reaction"),
  DRUG ("capsaicin_cream", "Capsaicin cream", "capsaicin", "topical", "cream", 0, "g", 0,
        "0.025–0.075%, 3x daily", "burning sensation"),

  /* domain.md's "More opioids": no maximum, MME is their measure; buprenorphine, a partial
   * agonist, is not counted in MME (CDC 2022). */
  AS_PRESCRIBED ("methadone", "Methadone", "", "opioid", "tablet", 4.7, 0,
                 "strong opioid; one MME factor since CDC 2022"),
  AS_PRESCRIBED ("oxymorphone", "Oxymorphone", "Opana", "opioid", "tablet", 3, 0, "strong opioid"),
  AS_PRESCRIBED ("buprenorphine", "Buprenorphine", "Butrans;Subutex", "opioid", "tablet", 0, 0,
                 "partial agonist: not counted in MME (CDC 2022)"),

  /* Combinations to point out: the benzodiazepines (with an opioid) and the SSRIs (with
   * tramadol or tapentadol). domain.md gives no dose or maximum for them. */
  BENZODIAZEPINE ("diazepam", "Diazepam", "Valium"),
  BENZODIAZEPINE ("lorazepam", "Lorazepam", "Ativan"),
  BENZODIAZEPINE ("alprazolam", "Alprazolam", "Xanax"),
  BENZODIAZEPINE ("clonazepam", "Clonazepam", "Klonopin;Rivotril"),
  SSRI ("sertraline", "Sertraline", "Zoloft;Lustral", "tablet"),
  SSRI ("citalopram", "Citalopram", "Celexa;Cipramil", "tablet"),
  SSRI ("escitalopram", "Escitalopram", "Lexapro;Cipralex", "tablet"),
  SSRI ("fluoxetine", "Fluoxetine", "Prozac", "capsule"),

  /* Combination products, dosed in tablets; the MME factor is the opioid's, per mg of it
   * (combinations[] gives the mg per tablet). Their names carry the strength as opioid mg /
   * acetaminophen mg, so that a dose's name says what it counts. */
#define HC(key, s) \
  COMBINATION ("hydrocodone_acetaminophen_" key, "Hydrocodone/acetaminophen " s, \
               "Norco " s ";Vicodin " s ";Hydrocodone/paracetamol " s, 1)
  HC ("5_325", "5/325"),
  HC ("7_5_325", "7.5/325"),
  HC ("10_325", "10/325"),
#undef HC
#define OC(key, s) \
  COMBINATION ("oxycodone_acetaminophen_" key, "Oxycodone/acetaminophen " s, \
               "Percocet " s ";Endocet " s ";Oxycodone/paracetamol " s, 1.5)
  OC ("5_325", "5/325"),
  OC ("7_5_325", "7.5/325"),
  OC ("10_325", "10/325"),
#undef OC
  COMBINATION ("tramadol_acetaminophen_37_5_325", "Tramadol/acetaminophen 37.5/325",
               "Ultracet;Ultracet 37.5/325;Tramadol/acetaminophen;Tramadol/paracetamol;"
               "Tramadol/paracetamol 37.5/325", 0.2),
  COMBINATION ("codeine_acetaminophen_30_300", "Codeine/acetaminophen 30/300",
               "Tylenol with codeine;Tylenol with codeine No. 3;Tylenol with codeine #3;"
               "Tylenol #3;Tylenol 3;Tylenol with codeine 30/300;Codeine/paracetamol 30/300",
               0.15),
#define CC(key, s) \
  COMBINATION ("codeine_acetaminophen_" key, "Codeine/acetaminophen " s, \
               "co-codamol " s ";Codeine/paracetamol " s, 0.15)
  CC ("8_500", "8/500"),
  CC ("15_500", "15/500"),
  CC ("30_500", "30/500"),
#undef CC
  COMBINATION_FAMILY ("hydrocodone_acetaminophen", "Hydrocodone/acetaminophen",
                      "Norco;Vicodin;Hydrocodone/paracetamol", 1),
  COMBINATION_FAMILY ("oxycodone_acetaminophen", "Oxycodone/acetaminophen",
                      "Percocet;Endocet;Oxycodone/paracetamol", 1.5),
  COMBINATION_FAMILY ("codeine_acetaminophen", "Codeine/acetaminophen",
                      "co-codamol;Codeine/paracetamol", 0.15),

  SUPPLEMENT ("turmeric", "Turmeric", "curcumin;turmeric (curcumin)", "capsule", 500, "mg"),
  SUPPLEMENT ("omega_3", "Omega-3", "omega 3;fish oil", "capsule", 1000, "mg"),
  SUPPLEMENT ("vitamin_d3", "Vitamin D3", "vitamin D;cholecalciferol", "capsule", 1000, "IU"),
  SUPPLEMENT ("magnesium", "Magnesium", "", "tablet", 250, "mg"),
  SUPPLEMENT ("vitamin_b12", "Vitamin B12", "B12;cobalamin;cyanocobalamin;methylcobalamin",
              "tablet", 1000, "mcg"),
  SUPPLEMENT ("glucosamine", "Glucosamine", "", "tablet", 1500, "mg"),
  SUPPLEMENT ("chondroitin", "Chondroitin", "", "capsule", 800, "mg"),
  SUPPLEMENT ("boswellia", "Boswellia", "frankincense;boswellia serrata", "capsule", 300, "mg"),
  SUPPLEMENT ("collagen", "Collagen", "collagen peptides", "powder", 10, "g"),
};

/* domain.md's combination products: mg of opioid and of acetaminophen per tablet. */
static const PdCombinationInfo combinations[] = {
  { "hydrocodone_acetaminophen_5_325", "hydrocodone", 5, 325 },
  { "hydrocodone_acetaminophen_7_5_325", "hydrocodone", 7.5, 325 },
  { "hydrocodone_acetaminophen_10_325", "hydrocodone", 10, 325 },
  { "oxycodone_acetaminophen_5_325", "oxycodone", 5, 325 },
  { "oxycodone_acetaminophen_7_5_325", "oxycodone", 7.5, 325 },
  { "oxycodone_acetaminophen_10_325", "oxycodone", 10, 325 },
  { "tramadol_acetaminophen_37_5_325", "tramadol", 37.5, 325 },
  { "codeine_acetaminophen_30_300", "codeine", 30, 300 },
  { "codeine_acetaminophen_8_500", "codeine", 8, 500 },
  { "codeine_acetaminophen_15_500", "codeine", 15, 500 },
  { "codeine_acetaminophen_30_500", "codeine", 30, 500 },
};

typedef struct
{
  const char *key;
  double max_daily;
} PdPrescribedMax;

/* domain.md's maxima when the regimen entry is marked prescribed (medications[] holds the
 * maxima without prescription: ibuprofen 1200 mg, naproxen 660 mg as naproxen sodium). */
static const PdPrescribedMax prescribed_maxima[] = {
  { "ibuprofen", 3200 },
  { "naproxen", 1500 },
};

static const PdActivityInfo activities[] = {
  { "physical_therapy", "Physical therapy session" },
  { "home_exercises", "Home exercises (core stabilisation)" },
  { "stretching", "Stretching" },
  { "walking", "Walking" },
  { "swimming", "Swimming / hydrotherapy" },
  { "cycling", "Cycling" },
  { "yoga", "Yoga / Pilates" },
  { "tai_chi", "Tai chi" },
  { "tens", "TENS" },
  { "heat", "Heat" },
  { "cold", "Cold" },
  { "massage", "Massage" },
  { "manual_therapy", "Manual therapy / chiropractic / osteopathy" },
  { "acupuncture", "Acupuncture" },
  { "mindfulness", "Mindfulness meditation" },
  { "muscle_relaxation", "Progressive muscle relaxation" },
  { "cbt", "CBT session" },
  { "biofeedback", "Biofeedback" },
  { "graded_motor_imagery", "Graded motor imagery" },
  { "pacing", "Activity pacing (planned rest breaks)" },
  { "brace", "Brace / corset worn" },
};

typedef struct
{
  const char *key;
  const char *label;
} PdKeyLabel;

static const PdKeyLabel event_kinds[] = {
  { "surgery", N_("Surgery") },
  { "injection", N_("Injection") },
  { "procedure", N_("Procedure") },
  { "stimulator_trial", N_("Spinal cord stimulator trial") },
  { "stimulator", N_("Spinal cord stimulator") },
  { "medication_change", N_("Medication started or stopped") },
  { "therapy_change", N_("Therapy programme started or stopped") },
  { "appointment", N_("Appointment") },
  { "other", N_("Other") },
};

static const char * const event_kind_keys[] = {
  "surgery", "injection", "procedure", "stimulator_trial", "stimulator", "medication_change", "therapy_change",
  "appointment", "other", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (event_kind_keys) == G_N_ELEMENTS (event_kinds) + 1);

typedef struct
{
  const char *unit;
  double max_amount;
  double mg_per_unit;   /* 0: not a mass */
} PdUnit;

/* The ceilings refuse typing errors ("100000 mg"), not high doses: each is well above any
 * single dose the catalogue's drugs and supplements are taken in. */
static const PdUnit units[] = {
  { "mg", 5000, 1 },
  { "mcg", 10000, 0.001 },
  { "g", 100, 1000 },
  { "ml", 500, 0 },
  { "mcg/h", 200, 0 },
  { "patch", 5, 0 },
  { "puff", 10, 0 },
  { "drop", 100, 0 },
  { "IU", 100000, 0 },
  { "tablet", 20, 0 },
};

static const char * const unit_keys[] = {
  "mg", "mcg", "g", "ml", "mcg/h", "patch", "puff", "drop", "IU", "tablet", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (unit_keys) == G_N_ELEMENTS (units) + 1);

static const PdDrugClass *
find_drug_class (const char *drug_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (drug_classes); i++)
    if (g_strcmp0 (drug_classes[i].key, drug_class) == 0)
      return &drug_classes[i];
  return NULL;
}

const char *
pd_drug_class_label (const char *drug_class)
{
  const PdDrugClass *found = find_drug_class (drug_class);

  if (found == NULL)
    found = find_drug_class ("other");
  return g_dgettext (GETTEXT_PACKAGE, found->label);
}

const char *
pd_drug_class_group (const char *drug_class)
{
  const PdDrugClass *found = find_drug_class (drug_class);

  return found != NULL ? found->group : NULL;
}

const char * const *
pd_drug_classes (void)
{
  return drug_class_keys;
}

const PdMedicationInfo *
pd_catalogue_medications (guint *n_items)
{
  if (n_items != NULL)
    *n_items = G_N_ELEMENTS (medications);
  return medications;
}

/* Whether text, with surrounding white space ignored, is one of the ";"-separated names. */
static gboolean
matches_alias (const char *aliases,
               const char *text,
               gsize       length)
{
  const char *item = aliases;

  while (item != NULL && *item != '\0')
    {
      const char *end = strchr (item, ';');
      const char *next = end != NULL ? end + 1 : NULL;

      if (end == NULL)
        end = item + strlen (item);
      if ((gsize) (end - item) == length && g_ascii_strncasecmp (item, text, length) == 0)
        return TRUE;
      item = next;
    }
  return FALSE;
}

/* A name as written in a dose or a prescription, compared loosely: case, runs of spaces,
 * spaces around "/" and a trailing "mg" or "tablet(s)" ignored ("percocet 10 / 325 mg"). */
static char *
normal_name (const char *name,
             gsize       length)
{
  GString *out = g_string_sized_new (length);
  static const char * const suffixes[] = { " mg", " tablets", " tablet", " tab", NULL };

  for (gsize i = 0; i < length; i++)
    {
      char c = g_ascii_tolower (name[i]);

      if (g_ascii_isspace (c))
        {
          gsize next = i;

          while (next + 1 < length && g_ascii_isspace (name[next + 1]))
            next++;
          if ((out->len > 0 && out->str[out->len - 1] == '/') ||
              (next + 1 < length && name[next + 1] == '/') || out->len == 0)
            {
              i = next;
              continue;
            }
          c = ' ';
          i = next;
        }
      g_string_append_c (out, c);
    }
  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_str_has_suffix (out->str, suffixes[i]))
      {
        g_string_truncate (out, out->len - strlen (suffixes[i]));
        break;
      }
  return g_string_free (out, FALSE);
}

static gboolean
matches_normal (const char *candidate,
                const char *wanted)
{
  g_autofree char *normal = normal_name (candidate, strlen (candidate));

  return strcmp (normal, wanted) == 0;
}

static const PdMedicationInfo *
find_by_normal_name (const char *name,
                     gsize       length)
{
  g_autofree char *wanted = normal_name (name, length);

  for (guint i = 0; i < G_N_ELEMENTS (medications); i++)
    {
      g_auto(GStrv) aliases = NULL;

      if (matches_normal (medications[i].name, wanted))
        return &medications[i];
      aliases = g_strsplit (medications[i].aliases, ";", -1);
      for (guint j = 0; aliases[j] != NULL; j++)
        if (*aliases[j] != '\0' && matches_normal (aliases[j], wanted))
          return &medications[i];
    }
  return NULL;
}

const PdMedicationInfo *
pd_catalogue_find_medication (const char *name)
{
  const char *end;
  gsize length;

  if (name == NULL)
    return NULL;

  while (g_ascii_isspace (*name))
    name++;
  end = name + strlen (name);
  while (end > name && g_ascii_isspace (end[-1]))
    end--;
  length = end - name;
  if (length == 0)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (medications); i++)
    if ((strlen (medications[i].name) == length &&
         g_ascii_strncasecmp (medications[i].name, name, length) == 0) ||
        matches_alias (medications[i].aliases, name, length))
      return &medications[i];
  return find_by_normal_name (name, length);
}

const PdMedicationInfo *
pd_catalogue_lookup_medication (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (medications); i++)
    if (g_strcmp0 (medications[i].key, key) == 0)
      return &medications[i];
  return NULL;
}

const PdCombinationInfo *
pd_catalogue_lookup_combination (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (combinations); i++)
    if (g_strcmp0 (combinations[i].key, key) == 0)
      return &combinations[i];
  return NULL;
}

gboolean
pd_catalogue_is_combination_family (const char *key)
{
  static const char * const families[] = {
    "hydrocodone_acetaminophen", "oxycodone_acetaminophen", "codeine_acetaminophen",
  };

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    if (g_strcmp0 (families[i], key) == 0)
      return TRUE;
  return FALSE;
}

gboolean
pd_catalogue_can_be_prescribed (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (prescribed_maxima); i++)
    if (g_strcmp0 (prescribed_maxima[i].key, key) == 0)
      return TRUE;
  return FALSE;
}

double
pd_catalogue_max_daily (const PdMedicationInfo *info,
                        gboolean                prescribed)
{
  g_return_val_if_fail (info != NULL, 0);

  for (guint i = 0; prescribed && i < G_N_ELEMENTS (prescribed_maxima); i++)
    if (strcmp (prescribed_maxima[i].key, info->key) == 0)
      return prescribed_maxima[i].max_daily;
  return info->max_daily;
}

guint
pd_catalogue_max_doses (const char *key)
{
  /* domain.md: tizanidine "at most 3 doses in 24 h", beside its 36 mg. */
  return g_strcmp0 (key, "tizanidine") == 0 ? 3 : 0;
}

gboolean
pd_catalogue_mme_not_counted (const char *key)
{
  return g_strcmp0 (key, "buprenorphine") == 0;
}

const PdActivityInfo *
pd_catalogue_activities (guint *n_items)
{
  if (n_items != NULL)
    *n_items = G_N_ELEMENTS (activities);
  return activities;
}

const char * const *
pd_event_kinds (void)
{
  return event_kind_keys;
}

const char *
pd_event_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    if (g_strcmp0 (event_kinds[i].key, kind) == 0)
      return g_dgettext (GETTEXT_PACKAGE, event_kinds[i].label);
  return g_dgettext (GETTEXT_PACKAGE, "Other");
}

const char * const *
pd_dose_units (void)
{
  return unit_keys;
}

static const PdUnit *
find_unit (const char *unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (units[i].unit, unit) == 0)
      return &units[i];
  return NULL;
}

gboolean
pd_dose_unit_is_valid (const char *unit)
{
  return find_unit (unit) != NULL;
}

double
pd_dose_unit_max_amount (const char *unit)
{
  const PdUnit *found = find_unit (unit);

  return found != NULL ? found->max_amount : 0;
}

double
pd_dose_amount_in_mg (double      amount,
                      const char *unit)
{
  const PdUnit *found = find_unit (unit);

  if (found == NULL || found->mg_per_unit == 0)
    return -1;
  return amount * found->mg_per_unit;
}

char *
pd_dose_amount_text (double      amount,
                     const char *unit)
{
  g_autofree char *number = pd_catalogue_format_amount (amount);
  /* The plural form for a whole number, else the one for several ("1.5 tablets"). */
  gulong n = amount >= 0 && amount < 1e9 && amount == floor (amount) ? (gulong) amount : 2;

  if (g_strcmp0 (unit, "tablet") == 0)
    /* Translators: a dose; %s is the number, e.g. "1 tablet", "2 tablets", "1.5 tablets" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tablet", "%s tablets", n), number);
  if (g_strcmp0 (unit, "patch") == 0)
    /* Translators: a dose; %s is the number, e.g. "1 patch", "2 patches" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s patch", "%s patches", n), number);
  if (g_strcmp0 (unit, "puff") == 0)
    /* Translators: a dose of an inhaler or spray; %s is the number, e.g. "2 puffs" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s puff", "%s puffs", n), number);
  if (g_strcmp0 (unit, "drop") == 0)
    /* Translators: a dose; %s is the number, e.g. "1 drop", "20 drops" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s drop", "%s drops", n), number);
  /* Translators: an amount and its unit symbol, e.g. "400 mg" or "12.5 mcg/h" */
  return g_strdup_printf (_("%s %s"), number, unit != NULL ? unit : "");
}

const char *
pd_dose_unit_label (const char *unit)
{
  if (g_strcmp0 (unit, "tablet") == 0)
    return C_("unit", "tablets");
  if (g_strcmp0 (unit, "patch") == 0)
    return C_("unit", "patches");
  if (g_strcmp0 (unit, "puff") == 0)
    return C_("unit", "puffs");
  if (g_strcmp0 (unit, "drop") == 0)
    return C_("unit", "drops");
  return unit;
}

char *
pd_catalogue_format_amount (double amount)
{
  char *text;
  char *end;

  if (isnan (amount) || isinf (amount) || fabs (amount) >= 1e15 ||
      (amount != 0 && fabs (amount) < 0.001))
    return g_strdup_printf ("%g", amount);

  text = g_strdup_printf ("%.3f", amount);
  /* Trim "4500.000" to "4500" and "2.500" to "2.5", whatever the decimal separator. */
  end = text + strlen (text);
  while (end > text && end[-1] == '0')
    end--;
  if (end > text && !g_ascii_isdigit (end[-1]))
    end--;
  *end = '\0';
  if (strcmp (text, "-0") == 0)
    strcpy (text, "0");
  return text;
}

gboolean
pd_catalogue_check_amount (double       amount,
                           const char  *unit,
                           GError     **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *limit = NULL;
  double max;

  if (!pd_dose_unit_is_valid (unit))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) unit_keys);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("unit: “%s” is not a known unit (%s)"), unit != NULL ? unit : "", known);
      return FALSE;
    }
  if (isnan (amount) || isinf (amount))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("amount: not a number"));
      return FALSE;
    }

  if (amount <= 0)
    {
      shown = pd_catalogue_format_amount (amount);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("amount: %s %s is not more than 0"), shown, unit);
      return FALSE;
    }
  max = pd_dose_unit_max_amount (unit);
  if (amount > max)
    {
      shown = pd_catalogue_format_amount (amount);
      limit = pd_catalogue_format_amount (max);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("amount: %s %s is more than the largest single dose accepted (%s %s)"),
                   shown, unit, limit, unit);
      return FALSE;
    }
  return TRUE;
}
