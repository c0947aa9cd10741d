/* pd-catalogue.h: the built-in catalogues of domain.md (medications, supplements,
 * activities and therapies, treatment event kinds), side effects and dose units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Drug classes, by stable key: "nsaid", "topical_nsaid", "cox2_inhibitor", "analgesic",
 * "gabapentinoid", "tca", "snri", "ssri", "benzodiazepine", "muscle_relaxant", "opioid", "topical_anaesthetic",
 * "topical", "supplement", "other". */
const char  *pd_drug_class_label        (const char *drug_class);
/* The group that the same-class check compares ("nsaid" for nsaid and cox2_inhibitor,
 * "opioid", "gabapentinoid", "muscle_relaxant"), or NULL when taking two of the class on
 * one day is not flagged (topicals, supplements, analgesic, other). */
const char  *pd_drug_class_group        (const char *drug_class);
/* Every class key, NULL-terminated. */
const char * const *pd_drug_classes     (void);

typedef struct
{
  const char *key;          /* stable: "ibuprofen" */
  const char *name;         /* untranslated English name: "Ibuprofen" */
  const char *aliases;      /* ";"-separated other names, matched like the name: "paracetamol" */
  const char *drug_class;   /* class key */
  const char *form;         /* "tablet", "capsule", "gel", "cream", "patch", "liquid" */
  double      usual_amount; /* in unit */
  const char *unit;         /* one of pd_dose_units() */
  const char *typical_dose; /* untranslated: "400–800 mg every 6–8 h, with food" */
  const char *notes;        /* untranslated: "max 1200 mg/day without prescription ..." */
  double      mme_factor;   /* 0 for non-opioids; per mg, or per mcg/h for the fentanyl patch */
  double      max_daily;    /* in unit per local day; 0 when domain.md gives none */
  gboolean    supplement;
} PdMedicationInfo;

const PdMedicationInfo *pd_catalogue_medications      (guint      *n_items);
/* Case-insensitive match on name or an alias (a brand: "Percocet 10/325", "Norco",
 * "Tylenol with codeine"), also ignoring runs of spaces, spaces around "/" and a trailing
 * "mg" or "tablet"; NULL when not in the catalogue. */
const PdMedicationInfo *pd_catalogue_find_medication  (const char *name);
const PdMedicationInfo *pd_catalogue_lookup_medication (const char *key);

/* A combination product (domain.md): a dose in tablets counts toward each ingredient, its
 * opioid toward MME and its acetaminophen toward the acetaminophen total. */
typedef struct
{
  const char *key;              /* the medication's key: "oxycodone_acetaminophen_10_325" */
  const char *opioid;           /* the opioid's medication key: "oxycodone" */
  double      opioid_mg;        /* per tablet */
  double      acetaminophen_mg; /* per tablet */
} PdCombinationInfo;

/* NULL when key is not a combination product with a known strength. */
const PdCombinationInfo *pd_catalogue_lookup_combination (const char *key);
/* A combination product named without its strength (“Percocet”, key
 * "oxycodone_acetaminophen"): neither its opioid nor its acetaminophen can be counted. */
gboolean                 pd_catalogue_is_combination_family (const char *key);
/* Ibuprofen and naproxen: a regimen entry can be marked prescribed (a higher maximum). */
gboolean                pd_catalogue_can_be_prescribed (const char *key);
/* The maximum in 24 h in info's unit (0: none), the prescribed one when prescribed and
 * the drug has one. */
double                  pd_catalogue_max_daily        (const PdMedicationInfo *info,
                                                       gboolean                prescribed);
/* The most doses in 24 h (0: no such limit): tizanidine's 3 in domain.md's table. */
guint                   pd_catalogue_max_doses        (const char *key);
/* Buprenorphine: an opioid shown as "not counted" in MME (CDC 2022). */
gboolean                pd_catalogue_mme_not_counted  (const char *key);

typedef struct
{
  const char *key;          /* "walking" */
  const char *name;         /* untranslated: "Walking" */
} PdActivityInfo;

const PdActivityInfo   *pd_catalogue_activities       (guint      *n_items);

/* Treatment event kinds by stable key: "surgery", "injection", "procedure", "stimulator",
 * "medication_change", "therapy_change", "appointment", "other". */
const char * const     *pd_event_kinds                (void);
const char             *pd_event_kind_label           (const char *kind);

/* Units a dose may be given in: mg, mcg, g, ml, mcg/h, patch, puff, drop, IU, tablet. */
const char * const     *pd_dose_units                 (void);
gboolean                pd_dose_unit_is_valid         (const char *unit);
/* The largest single amount accepted in a unit (an absurd amount is refused). */
double                  pd_dose_unit_max_amount       (const char *unit);
/* The amount in milligrams, or a negative value when the unit is not a mass (ml, patch...). */
double                  pd_dose_amount_in_mg          (double      amount,
                                                       const char *unit);
/* An amount with its unit as a person reads it, translated: "400 mg", "12.5 mcg/h",
 * "1 tablet", "2 tablets", "1.5 tablets". The symbols (mg, mcg, g, ml, mcg/h, IU) stay as
 * they are; the counted units (tablet, patch, puff, drop) are words, singular or plural; an
 * unknown unit is shown as it is. */
char                   *pd_dose_amount_text           (double      amount,
                                                       const char *unit);
/* A unit as a list to choose from names it, translated: the symbol, or the counted unit's
 * plural ("tablets"); an unknown unit as it is. */
const char             *pd_dose_unit_label            (const char *unit);

G_END_DECLS
