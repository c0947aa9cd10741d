/* pd-medication-checks.c: what a dose is of, MME, and the day's warnings about MME, one
 * class taken twice and risky combinations (the day's list of warnings is put together in
 * pd-day-warnings.c; the regimen's schedule, adherence and due doses are in
 * pd-medication-schedule.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-medication-checks"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-medication-checks-private.h"

/* A fentanyl patch is worn 72 h: the day it is applied and the two days after. */
#define PATCH_EXTRA_DAYS 2
#define PATCH_UNIT "mcg/h"
#define EPSILON PD_CHECKS_EPSILON


#define ADVICE N_("Ask your care team about this.")

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : text, -1);
}

PdMedication *
pd_dose_find_medication (PdDose    *dose,
                         GPtrArray *medications)
{
  const char *medication_id;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PD_IS_DOSE (dose), NULL);

  if (medications == NULL)
    return NULL;

  medication_id = pd_dose_get_medication_id (dose);
  if (medication_id != NULL)
    for (guint i = 0; i < medications->len; i++)
      {
        PdMedication *medication = g_ptr_array_index (medications, i);

        if (strcmp (pd_medication_get_id (medication), medication_id) == 0)
          return medication;
      }

  name = fold (pd_dose_get_name (dose));
  for (guint i = 0; i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);
      g_autofree char *other = fold (pd_medication_get_name (medication));

      if (strcmp (name, other) == 0)
        return medication;
    }
  return NULL;
}

static void
resolve (Resolved  *resolved,
         PdDose    *dose,
         GPtrArray *medications)
{
  resolved->dose = dose;
  resolved->medication = pd_dose_find_medication (dose, medications);
  resolved->info = NULL;
  resolved->catalogue = NULL;
  resolved->combination = NULL;

  if (resolved->medication != NULL)
    {
      const char *key = pd_medication_get_catalogue_key (resolved->medication);

      resolved->catalogue = key != NULL ? pd_catalogue_lookup_medication (key) : NULL;
      resolved->combination = pd_catalogue_lookup_combination (key);

      /* Two regimen entries of one catalogue drug (200 mg and 400 mg tablets) are one drug. */
      resolved->identity = key != NULL
                           ? g_strdup (key)
                           : g_strconcat ("id:", pd_medication_get_id (resolved->medication), NULL);
      return;
    }

  resolved->info = pd_catalogue_find_medication (pd_dose_get_name (dose));
  resolved->catalogue = resolved->info;
  if (resolved->info != NULL)
    {
      resolved->combination = pd_catalogue_lookup_combination (resolved->info->key);
      resolved->identity = g_strdup (resolved->info->key);
    }
  else
    {
      g_autofree char *name = fold (pd_dose_get_name (dose));

      resolved->identity = g_strconcat ("name:", name, NULL);
    }
}

static void
resolved_clear (Resolved *resolved)
{
  g_clear_pointer (&resolved->identity, g_free);
}

double
_pd_resolved_mme_factor (const Resolved *resolved)
{
  if (resolved->medication != NULL)
    return pd_medication_get_mme_factor (resolved->medication);
  return resolved->info != NULL ? resolved->info->mme_factor : 0;
}

const char *
_pd_resolved_name (const Resolved *resolved)
{
  if (resolved->medication != NULL)
    return pd_medication_get_name (resolved->medication);
  return resolved->info != NULL ? resolved->info->name : pd_dose_get_name (resolved->dose);
}

const char *
_pd_resolved_unit (const Resolved *resolved)
{
  if (resolved->medication != NULL)
    return pd_medication_get_unit (resolved->medication);
  return resolved->info != NULL ? resolved->info->unit : pd_dose_get_unit (resolved->dose);
}

double
_pd_resolved_max_daily (const Resolved *resolved)
{
  if (resolved->medication != NULL)
    return pd_medication_get_max_daily (resolved->medication);
  return resolved->info != NULL ? resolved->info->max_daily : 0;
}

static const char *
resolved_class (const Resolved *resolved)
{
  if (resolved->medication != NULL)
    return pd_medication_get_drug_class (resolved->medication);
  return resolved->info != NULL ? resolved->info->drug_class : NULL;
}

/* The catalogue key of the drug itself, or of the opioid in a combination product. */
static const char *
resolved_drug_key (const Resolved *resolved)
{
  if (resolved->combination != NULL)
    return resolved->combination->opioid;
  return resolved->catalogue != NULL ? resolved->catalogue->key : NULL;
}

double
_pd_resolved_tablets (const Resolved *resolved)
{
  if (resolved->combination == NULL ||
      g_strcmp0 (pd_dose_get_unit (resolved->dose), "tablet") != 0)
    return 0;
  return pd_dose_get_amount (resolved->dose);
}

static double
catalogue_mme_factor (const char *key)
{
  const PdMedicationInfo *info = pd_catalogue_lookup_medication (key);

  return info != NULL ? info->mme_factor : 0;
}

double
pd_dose_mme_factor (PdDose    *dose,
                    GPtrArray *medications)
{
  Resolved resolved;
  double factor;

  g_return_val_if_fail (PD_IS_DOSE (dose), 0);

  resolve (&resolved, dose, medications);
  factor = _pd_resolved_mme_factor (&resolved);
  resolved_clear (&resolved);
  return factor;
}

/* Whether a patch of the same drug applied on a later day, on or before day, took this one's
 * place. Patches applied on one day are worn together (25 + 12 mcg/h, logged one after the
 * other): counting only the last would hide most of the dose, so a patch that fell off and
 * was replaced the same day counts twice until the next change, the error on the safe side. */
static gboolean
patch_replaced_by (const Resolved *patch,
                   GArray         *patches,
                   guint32         day)
{
  guint32 applied = pd_dose_get_local_day (patch->dose);

  for (guint i = 0; i < patches->len; i++)
    {
      const Resolved *other = &g_array_index (patches, Resolved, i);

      if (pd_dose_get_local_day (other->dose) > applied &&
          pd_dose_get_local_day (other->dose) <= day &&
          strcmp (other->identity, patch->identity) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_taken_opioid_candidate (PdDose  *dose,
                           guint32  day,
                           guint32 *dose_day)
{
  if (pd_dose_get_status (dose) != PD_DOSE_TAKEN)
    return FALSE;
  *dose_day = pd_dose_get_local_day (dose);
  return *dose_day <= day && *dose_day + PATCH_EXTRA_DAYS >= day;
}

static void
clear_resolved_in_array (gpointer data)
{
  resolved_clear (data);
}

double
pd_daily_mme (GPtrArray *doses,
              GPtrArray *medications,
              guint32    day)
{
  g_autoptr(GArray) patches = NULL;
  double total = 0;

  if (doses == NULL)
    return 0;

  patches = g_array_new (FALSE, FALSE, sizeof (Resolved));
  g_array_set_clear_func (patches, clear_resolved_in_array);

  for (guint i = 0; i < doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);
      const char *unit = pd_dose_get_unit (dose);
      Resolved resolved;
      guint32 dose_day;
      double factor, mg;

      if (!is_taken_opioid_candidate (dose, day, &dose_day))
        continue;
      resolve (&resolved, dose, medications);
      if (resolved.combination != NULL)
        {
          if (dose_day == day)
            total += _pd_resolved_tablets (&resolved) * resolved.combination->opioid_mg *
                     catalogue_mme_factor (resolved.combination->opioid);
          resolved_clear (&resolved);
          continue;
        }
      factor = _pd_resolved_mme_factor (&resolved);
      if (resolved.catalogue != NULL && pd_catalogue_mme_not_counted (resolved.catalogue->key))
        factor = 0;
      if (factor <= 0)
        {
          resolved_clear (&resolved);
          continue;
        }

      if (g_strcmp0 (unit, PATCH_UNIT) == 0)
        {
          g_array_append_val (patches, resolved);
          continue;
        }

      mg = pd_dose_amount_in_mg (pd_dose_get_amount (dose), unit);
      /* A factor per mcg/h (a patch) says nothing about a dose weighed in mg. */
      if (dose_day == day && mg > 0 &&
          g_strcmp0 (_pd_resolved_unit (&resolved), PATCH_UNIT) != 0)
        total += mg * factor;
      resolved_clear (&resolved);
    }

  for (guint i = 0; i < patches->len; i++)
    {
      const Resolved *patch = &g_array_index (patches, Resolved, i);

      if (!patch_replaced_by (patch, patches, day))
        total += pd_dose_get_amount (patch->dose) * _pd_resolved_mme_factor (patch);
    }

  /* Rounded so that 30 + 20 is 50, not 49.999999. */
  return round (total * 1e6) / 1e6;
}

void
pd_warning_free (PdWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->subject);
  g_free (warning->message);
  g_free (warning->code);
  g_free (warning);
}

gboolean
pd_warning_is_severe (const PdWarning *warning)
{
  g_return_val_if_fail (warning != NULL, FALSE);

  return warning->kind != PD_WARNING_MME_CAUTION && warning->kind != PD_WARNING_NOT_COUNTED;
}

static const char *
warning_code (PdWarningKind kind)
{
  switch (kind)
    {
    case PD_WARNING_MAX_DAILY:
      return "over_max";
    case PD_WARNING_MME_CAUTION:
      return "mme_50";
    case PD_WARNING_MME_HIGH:
      return "mme_90";
    case PD_WARNING_SAME_CLASS:
      return "same_class";
    case PD_WARNING_OPIOID_GABAPENTINOID:
      return "opioid_gabapentinoid";
    case PD_WARNING_OPIOID_BENZODIAZEPINE:
      return "opioid_benzodiazepine";
    case PD_WARNING_SEROTONERGIC:
      return "serotonergic";
    case PD_WARNING_CYP2D6_PRODRUG:
      return "cyp2d6_prodrug";
    case PD_WARNING_NOT_COUNTED:
      return NULL;
    default:
      g_assert_not_reached ();
    }
}

PdWarning *
_pd_warning_new (PdWarningKind  kind,
                 const char    *subject,
                 double         value,
                 double         limit,
                 char          *message)
{
  PdWarning *warning = g_new0 (PdWarning, 1);

  warning->code = g_strdup (warning_code (kind));
  /* A dose not counted is about how it was logged, and says how to fix that. */
  if (kind == PD_WARNING_NOT_COUNTED)
    warning->message = message;
  else
    {
      warning->message = g_strconcat (message, " ", _(ADVICE), NULL);
      g_free (message);
    }
  warning->kind = kind;
  warning->subject = g_strdup (subject);
  warning->value = value;
  warning->limit = limit;
  return warning;
}

static int
compare_resolved_by_time (gconstpointer a,
                          gconstpointer b)
{
  gint64 time_a = pd_dose_get_time (((const Resolved *) a)->dose);
  gint64 time_b = pd_dose_get_time (((const Resolved *) b)->dose);

  return time_a < time_b ? -1 : time_a > time_b;
}

GArray *
_pd_resolve_taken_doses (GPtrArray *doses,
                         GPtrArray *medications,
                         guint32    first,
                         guint32    last)
{
  GArray *taken = g_array_new (FALSE, FALSE, sizeof (Resolved));

  g_array_set_clear_func (taken, clear_resolved_in_array);
  for (guint i = 0; doses != NULL && i < doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);
      Resolved resolved;

      guint32 day = pd_dose_get_local_day (dose);

      if (pd_dose_get_status (dose) != PD_DOSE_TAKEN || day < first || day > last)
        continue;
      resolve (&resolved, dose, medications);
      g_array_append_val (taken, resolved);
    }
  g_array_sort (taken, compare_resolved_by_time);
  return taken;
}

static void
add_mme_warning (GPtrArray *warnings,
                 double     mme)
{
  g_autofree char *shown = NULL;
  g_autofree char *shown_limit = NULL;
  PdWarningKind kind;
  double limit;
  char *message;

  if (mme >= PD_MME_HIGH - EPSILON)
    kind = PD_WARNING_MME_HIGH, limit = PD_MME_HIGH;
  else if (mme >= PD_MME_CAUTION - EPSILON)
    kind = PD_WARNING_MME_CAUTION, limit = PD_MME_CAUTION;
  else
    return;

  shown = pd_catalogue_format_amount (round (mme * 10) / 10);
  shown_limit = pd_catalogue_format_amount (limit);
  if (kind == PD_WARNING_MME_HIGH)
    /* Translators: CDC 2022's wording; not a limit. */
    message = g_strdup_printf (_("Opioids today add up to %s morphine "
                                 "milligram equivalents (MME). The CDC's "
                                 "2022 guideline calls %s MME a day or "
                                 "more high; it is not a limit."),
                               shown, shown_limit);
  else
    /* Translators: CDC 2022's wording; not a limit. */
    message = g_strdup_printf (_("Opioids today add up to %s morphine "
                                 "milligram equivalents (MME). The CDC's "
                                 "2022 guideline asks clinicians to "
                                 "reassess pain treatment at %s MME a day "
                                 "or more; it is not a limit."),
                               shown, shown_limit);
  g_ptr_array_add (warnings,
                   _pd_warning_new (kind, pd_drug_class_label ("opioid"), mme, limit, message));
}

/* Whether a dose counts for the same-class check: a regimen medication only while active. */
static const char *
same_class_group (const Resolved *resolved,
                  guint32         day)
{
  if (resolved->medication != NULL &&
      !pd_medication_is_active_on (resolved->medication, day))
    return NULL;
  return pd_drug_class_group (resolved_class (resolved));
}

static void
add_same_class_warnings (GPtrArray *warnings,
                         GArray    *taken,
                         guint32    day)
{
  g_autoptr(GHashTable) groups_seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < taken->len; i++)
    {
      const Resolved *first = &g_array_index (taken, Resolved, i);
      const char *group = same_class_group (first, day);
      g_autoptr(GPtrArray) names = NULL;
      g_autoptr(GHashTable) drugs = NULL;
      g_autofree char *list = NULL;

      if (group == NULL || !g_hash_table_add (groups_seen, (gpointer) group))
        continue;

      names = g_ptr_array_new ();
      drugs = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint j = i; j < taken->len; j++)
        {
          const Resolved *other = &g_array_index (taken, Resolved, j);

          const char *drug = resolved_drug_key (other);

          if (g_strcmp0 (same_class_group (other, day), group) != 0 ||
              !g_hash_table_add (drugs, (gpointer) (drug != NULL ? drug : other->identity)))
            continue;
          g_ptr_array_add (names, (gpointer) _pd_resolved_name (other));
        }
      if (names->len < 2)
        continue;

      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      g_ptr_array_add (warnings,
                       _pd_warning_new (PD_WARNING_SAME_CLASS, pd_drug_class_label (group),
                                    names->len - 1, 1,
                                    /* Translators: the first %s is a class ("NSAID"), the
                                     * second a list of medications ("Ibuprofen, Naproxen"). */
                                    g_strdup_printf (_("More than one medication of one class "
                                                       "(%s) was taken today: %s. Their side "
                                                       "effects can add up."),
                                                     pd_drug_class_label (group), list)));
    }
}

/* The names of the day's doses that match, each drug once, ", "-joined; NULL for none. */
typedef gboolean (*ResolvedFilter) (const Resolved *resolved);

static char *
names_matching (GArray         *taken,
                ResolvedFilter  filter)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < taken->len; i++)
    {
      const Resolved *resolved = &g_array_index (taken, Resolved, i);

      if (filter (resolved) && g_hash_table_add (seen, resolved->identity))
        g_ptr_array_add (names, (gpointer) _pd_resolved_name (resolved));
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static gboolean
is_class (const Resolved *resolved,
          const char     *drug_class)
{
  return g_strcmp0 (resolved_class (resolved), drug_class) == 0;
}

static gboolean
is_opioid (const Resolved *resolved)
{
  return is_class (resolved, "opioid");
}

static gboolean
is_gabapentinoid (const Resolved *resolved)
{
  return is_class (resolved, "gabapentinoid");
}

static gboolean
is_benzodiazepine (const Resolved *resolved)
{
  return is_class (resolved, "benzodiazepine");
}

static gboolean
is_serotonergic_opioid (const Resolved *resolved)
{
  const char *key = resolved_drug_key (resolved);

  return g_strcmp0 (key, "tramadol") == 0 || g_strcmp0 (key, "tapentadol") == 0;
}

static gboolean
is_serotonergic_antidepressant (const Resolved *resolved)
{
  return is_class (resolved, "snri") || is_class (resolved, "tca") || is_class (resolved, "ssri");
}

/* Codeine, tramadol, or a codeine combination named without its strength. */
static gboolean
is_prodrug_key (const char *key)
{
  return g_strcmp0 (key, "codeine") == 0 || g_strcmp0 (key, "tramadol") == 0 ||
         g_strcmp0 (key, "codeine_acetaminophen") == 0;
}

static gboolean
is_cyp2d6_prodrug (const Resolved *resolved)
{
  return is_prodrug_key (resolved_drug_key (resolved));
}

static void
add_combination_warning (GPtrArray      *warnings,
                         GArray         *taken,
                         PdWarningKind   kind,
                         ResolvedFilter  first_filter,
                         ResolvedFilter  second_filter)
{
  g_autofree char *first = names_matching (taken, first_filter);
  g_autofree char *second = names_matching (taken, second_filter);
  g_autofree char *subject = NULL;
  char *message;

  if (first == NULL || second == NULL)
    return;

  switch (kind)
    {
    case PD_WARNING_OPIOID_GABAPENTINOID:
      /* Translators: the first %s lists opioids, the second gabapentinoids. */
      message = g_strdup_printf (_("An opioid (%s) and a gabapentinoid (%s) were taken today. "
                                   "Taken together they carry more risk of slowed breathing "
                                   "(FDA safety communication, December 2019)."),
                                 first, second);
      break;
    case PD_WARNING_OPIOID_BENZODIAZEPINE:
      /* Translators: the first %s lists opioids, the second benzodiazepines. */
      message = g_strdup_printf (_("An opioid (%s) and a benzodiazepine (%s) were taken today. "
                                   "Guidance advises avoiding this combination where possible "
                                   "(CDC 2022 recommendation 11; FDA boxed warning)."),
                                 first, second);
      break;
    case PD_WARNING_SEROTONERGIC:
      /* Translators: the first %s is tramadol or tapentadol, the second antidepressants. */
      message = g_strdup_printf (_("%s and an SNRI, TCA or SSRI antidepressant (%s) were taken "
                                   "today. Together they carry a risk of serotonin syndrome."),
                                 first, second);
      break;
    default:
      g_assert_not_reached ();
    }
  subject = g_strconcat (first, " + ", second, NULL);
  g_ptr_array_add (warnings, _pd_warning_new (kind, subject, 0, 0, message));
}

static void
add_cyp2d6_warning (GPtrArray            *warnings,
                    GArray               *taken,
                    const PdCheckOptions *options)
{
  g_autofree char *names = NULL;
  char *message;

  if (options->cyp2d6 != PD_CYP2D6_ULTRARAPID && options->cyp2d6 != PD_CYP2D6_POOR)
    return;
  names = names_matching (taken, is_cyp2d6_prodrug);
  if (names == NULL)
    return;

  if (options->cyp2d6 == PD_CYP2D6_ULTRARAPID)
    /* Translators: %s lists codeine or tramadol products. */
    message = g_strdup_printf (_("%s was taken today, and your genetic test reports you as a "
                                 "CYP2D6 ultrarapid metaboliser. Codeine and tramadol are "
                                 "activated by CYP2D6; CPIC's guideline says ultrarapid "
                                 "metabolisers risk toxicity and advises avoiding codeine and "
                                 "tramadol and asking about an alternative."), names);
  else
    /* Translators: %s lists codeine or tramadol products. */
    message = g_strdup_printf (_("%s was taken today, and your genetic test reports you as a "
                                 "CYP2D6 poor metaboliser. Codeine and tramadol are activated "
                                 "by CYP2D6; CPIC's guideline says poor metabolisers get little "
                                 "relief and advises avoiding codeine and tramadol and asking "
                                 "about an alternative."), names);
  g_ptr_array_add (warnings, _pd_warning_new (PD_WARNING_CYP2D6_PRODRUG, names, 0, 0, message));
}

void
pd_check_options_init (PdCheckOptions *options)
{
  g_return_if_fail (options != NULL);

  options->acetaminophen_max = PD_ACETAMINOPHEN_MAX;
  options->cyp2d6 = PD_CYP2D6_UNKNOWN;
}

void
_pd_add_interaction_warnings (GPtrArray            *warnings,
                              GPtrArray            *doses,
                              GPtrArray            *medications,
                              GArray               *taken,
                              guint32               day,
                              const PdCheckOptions *options)
{
  add_mme_warning (warnings, pd_daily_mme (doses, medications, day));
  add_same_class_warnings (warnings, taken, day);
  add_combination_warning (warnings, taken, PD_WARNING_OPIOID_GABAPENTINOID, is_opioid,
                           is_gabapentinoid);
  add_combination_warning (warnings, taken, PD_WARNING_OPIOID_BENZODIAZEPINE, is_opioid,
                           is_benzodiazepine);
  add_combination_warning (warnings, taken, PD_WARNING_SEROTONERGIC, is_serotonergic_opioid,
                           is_serotonergic_antidepressant);
  add_cyp2d6_warning (warnings, taken, options);
}

static gboolean
medication_is_cyp2d6_prodrug (PdMedication *medication)
{
  const char *key = pd_medication_get_catalogue_key (medication);
  const PdCombinationInfo *combination;

  if (key == NULL)
    {
      const PdMedicationInfo *info = pd_catalogue_find_medication (pd_medication_get_name (medication));

      key = info != NULL ? info->key : NULL;
    }
  combination = pd_catalogue_lookup_combination (key);
  return is_prodrug_key (combination != NULL ? combination->opioid : key);
}

gboolean
pd_day_has_cyp2d6_prodrug (GPtrArray *doses,
                           GPtrArray *medications,
                           guint32    day)
{
  g_autoptr(GArray) taken = NULL;

  for (guint i = 0; medications != NULL && i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);

      if (pd_medication_is_active_on (medication, day) && medication_is_cyp2d6_prodrug (medication))
        return TRUE;
    }

  taken = _pd_resolve_taken_doses (doses, medications, day, day);
  for (guint i = 0; i < taken->len; i++)
    {
      const Resolved *resolved = &g_array_index (taken, Resolved, i);

      if (is_cyp2d6_prodrug (resolved))
        return TRUE;
    }
  return FALSE;
}
