/* pd-medication-maxima.c: the maximum in 24 hours of domain.md's table, for each drug
 * however it was taken (alone or in a combination product), and the day's acetaminophen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-medication-checks"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-medication-checks-private.h"

#define EPSILON PD_CHECKS_EPSILON

/* The amount in another unit: the same unit, or both masses; negative otherwise. */
static double
amount_in_unit (double      amount,
                const char *unit,
                const char *wanted)
{
  double mg, mg_per_wanted;

  if (g_strcmp0 (unit, wanted) == 0)
    return amount;
  mg = pd_dose_amount_in_mg (amount, unit);
  mg_per_wanted = pd_dose_amount_in_mg (1, wanted);
  if (mg < 0 || mg_per_wanted <= 0)
    return -1;
  return mg / mg_per_wanted;
}

/* One drug's share of a dose: the dose itself, or one ingredient of a combination tablet. */
typedef struct
{
  const char *identity;
  const char *key;           /* catalogue key, or NULL */
  const char *name;
  double amount;
  const char *unit;
  double max;                /* in max_unit; 0: none */
  const char *max_unit;
  gint64 time;               /* the dose's */
} Part;

static double
part_max (const PdMedicationInfo *info,
          gboolean                prescribed,
          const PdCheckOptions   *options)
{
  if (strcmp (info->key, "acetaminophen") == 0)
    return options->acetaminophen_max;
  return pd_catalogue_max_daily (info, prescribed);
}

static void
add_ingredient_part (GArray               *parts,
                     const char           *key,
                     double                mg,
                     gint64                time,
                     const PdCheckOptions *options)
{
  const PdMedicationInfo *info = pd_catalogue_lookup_medication (key);
  Part part = { info->key, info->key, info->name, mg, "mg", part_max (info, FALSE, options),
                info->unit, time };

  g_array_append_val (parts, part);
}

static void
add_parts (GArray               *parts,
           const Resolved       *resolved,
           const PdCheckOptions *options)
{
  gint64 time = pd_dose_get_time (resolved->dose);
  Part part;

  if (resolved->combination != NULL)
    {
      double tablets = _pd_resolved_tablets (resolved);

      add_ingredient_part (parts, resolved->combination->opioid,
                           tablets * resolved->combination->opioid_mg, time, options);
      add_ingredient_part (parts, "acetaminophen",
                           tablets * resolved->combination->acetaminophen_mg, time, options);
      return;
    }

  part.identity = resolved->identity;
  part.key = resolved->catalogue != NULL ? resolved->catalogue->key : NULL;
  part.name = _pd_resolved_name (resolved);
  part.amount = pd_dose_get_amount (resolved->dose);
  part.unit = pd_dose_get_unit (resolved->dose);
  part.max = _pd_resolved_max_daily (resolved);
  part.max_unit = _pd_resolved_unit (resolved);
  part.time = time;
  if (resolved->medication != NULL && resolved->catalogue != NULL && part.max > 0)
    {
      /* The regimen's maximum, which the care team may have set (0: none to watch), except
       * that ibuprofen's and naproxen's follow "prescribed" and acetaminophen's the
       * Preferences choice when that is lower. */
      const PdMedicationInfo *info = resolved->catalogue;

      if (pd_catalogue_can_be_prescribed (info->key))
        {
          part.max = pd_catalogue_max_daily (info,
                                             pd_medication_get_prescribed (resolved->medication));
          part.max_unit = info->unit;
        }
      else if (strcmp (info->key, "acetaminophen") == 0)
        {
          double limit = amount_in_unit (options->acetaminophen_max, info->unit, part.max_unit);

          if (limit > 0)
            part.max = MIN (part.max, limit);
        }
    }
  else if (resolved->medication == NULL && resolved->catalogue != NULL)
    {
      part.max = part_max (resolved->catalogue, FALSE, options);
      part.max_unit = resolved->catalogue->unit;
    }
  g_array_append_val (parts, part);
}

/* "over_max:<drug>": the catalogue key, else the name in lower case with "_" for spaces. */
static char *
over_max_code (const Part *part)
{
  g_autofree char *name = NULL;

  if (part->key != NULL)
    return g_strconcat ("over_max:", part->key, NULL);
  name = g_utf8_strdown (part->name, -1);
  g_strdelimit (name, " \t;,", '_');
  return g_strconcat ("over_max:", name, NULL);
}

/* More doses in the day than the drug's most in 24 h, however small each was. */
static void
add_max_doses_warning (GPtrArray  *warnings,
                       const Part *part,
                       guint       n_doses,
                       guint       max_doses)
{
  PdWarning *warning;

  warning = _pd_warning_new (PD_WARNING_MAX_DAILY, part->name, n_doses, max_doses,
                         /* Translators: "Tizanidine today: 4 doses, more than the 3
                          * doses at most in 24 hours." */
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s today: %u doses, more than the %u "
                                                       "dose at most in 24 hours.",
                                                       "%s today: %u doses, more than the %u "
                                                       "doses at most in 24 hours.", max_doses),
                                          part->name, n_doses, max_doses));
  g_free (warning->code);
  warning->code = over_max_code (part);
  g_ptr_array_add (warnings, warning);
}

/* The most of the drug taken in any 24 hours that end at one of its doses of the day. */
static double
worst_24_hours (GArray     *parts,
                GArray     *window,
                const char *identity,
                const char *unit)
{
  double worst = 0;

  for (guint i = 0; i < parts->len; i++)
    {
      const Part *end = &g_array_index (parts, Part, i);
      double sum = 0;

      if (strcmp (end->identity, identity) != 0)
        continue;
      for (guint j = 0; j < window->len; j++)
        {
          const Part *other = &g_array_index (window, Part, j);
          double amount;

          if (strcmp (other->identity, identity) != 0 || other->time > end->time ||
              other->time <= end->time - 24 * 3600)
            continue;
          amount = amount_in_unit (other->amount, other->unit, unit);
          if (amount > 0)
            sum += amount;
        }
      worst = MAX (worst, sum);
    }
  return worst;
}

static void
add_over_max_warning (GPtrArray  *warnings,
                      const Part *first,
                      double      total,
                      double      max,
                      const char *unit,
                      gboolean    today)
{
  g_autofree char *shown_total = pd_catalogue_format_amount (total);
  g_autofree char *shown_max = pd_catalogue_format_amount (max);
  char *message;
  PdWarning *warning;

  if (today)
    /* Translators: "Acetaminophen today: 4500 mg, more than the 4000 mg maximum in 24
     * hours." */
    message = g_strdup_printf (_("%s today: %s %s, more than the %s %s maximum in 24 hours."),
                               first->name, shown_total, unit, shown_max, unit);
  else
    /* Translators: doses late yesterday and early today: "Acetaminophen: 4500 mg within 24
     * hours (yesterday's doses included), more than the 4000 mg maximum in 24 hours." */
    message = g_strdup_printf (_("%s: %s %s within 24 hours (yesterday's doses included), "
                                 "more than the %s %s maximum in 24 hours."),
                               first->name, shown_total, unit, shown_max, unit);
  warning = _pd_warning_new (PD_WARNING_MAX_DAILY, first->name, total, max, message);
  g_free (warning->code);
  warning->code = over_max_code (first);
  g_ptr_array_add (warnings, warning);
}

void
_pd_add_max_daily_warnings (GPtrArray            *warnings,
                            GArray               *taken,
                            GArray               *window,
                            const PdCheckOptions *options)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_autoptr(GArray) window_parts = g_array_new (FALSE, FALSE, sizeof (Part));

  for (guint i = 0; i < taken->len; i++)
    add_parts (parts, &g_array_index (taken, Resolved, i), options);
  for (guint i = 0; window != NULL && i < window->len; i++)
    add_parts (window_parts, &g_array_index (window, Resolved, i), options);

  /* Each drug once, at its first dose of the day, summing all its doses; the highest
   * maximum of its parts applies (a prescribed ibuprofen among over-the-counter ones). */
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *first = &g_array_index (parts, Part, i);
      const char *unit = first->max_unit;
      double max = 0;
      double total = 0;
      double worst;
      guint n_doses = 0;
      guint max_doses = first->key != NULL ? pd_catalogue_max_doses (first->key) : 0;

      if (!g_hash_table_add (seen, (gpointer) first->identity))
        continue;

      for (guint j = i; j < parts->len; j++)
        {
          const Part *other = &g_array_index (parts, Part, j);
          double amount;

          if (strcmp (other->identity, first->identity) != 0)
            continue;
          if (other->max > 0)
            max = MAX (max, amount_in_unit (other->max, other->max_unit, unit));
          amount = amount_in_unit (other->amount, other->unit, unit);
          if (amount > 0)
            total += amount;
          n_doses++;
        }
      if (max > 0 && total > max + EPSILON)
        add_over_max_warning (warnings, first, total, max, unit, TRUE);
      else if (max > 0 &&
               (worst = worst_24_hours (parts, window_parts, first->identity, unit)) >
               max + EPSILON)
        add_over_max_warning (warnings, first, worst, max, unit, FALSE);
      else if (max_doses > 0 && n_doses > max_doses)
        add_max_doses_warning (warnings, first, n_doses, max_doses);
    }
}

double
pd_daily_acetaminophen_mg (GPtrArray *doses,
                           GPtrArray *medications,
                           guint32    day)
{
  g_autoptr(GArray) taken = _pd_resolve_taken_doses (doses, medications, day, day);
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  PdCheckOptions options;
  double total = 0;

  pd_check_options_init (&options);
  for (guint i = 0; i < taken->len; i++)
    add_parts (parts, &g_array_index (taken, Resolved, i), &options);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = &g_array_index (parts, Part, i);
      double mg;

      if (g_strcmp0 (part->key, "acetaminophen") != 0)
        continue;
      mg = pd_dose_amount_in_mg (part->amount, part->unit);
      if (mg > 0)
        total += mg;
    }
  return round (total * 1e6) / 1e6;
}
