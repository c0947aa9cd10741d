/* pd-medication-uncounted.c: the day's doses that count nothing toward MME or the
 * acetaminophen total because of their unit (a combination product in mg, a fentanyl patch
 * not in mcg/h, oxycodone in tablets) or an unknown strength ("Percocet" in tablets), said
 * out loud instead of silently counting 0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-medication-checks"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-medication-checks-private.h"

#define PATCH_UNIT "mcg/h"

typedef enum
{
  COUNTED,
  COMBINATION_NOT_IN_TABLETS,   /* neither MME nor acetaminophen */
  STRENGTH_UNKNOWN,             /* neither MME nor acetaminophen */
  STRENGTH_UNKNOWN_IN_MASS,     /* MME counted from the mass, acetaminophen not */
  PATCH_NOT_IN_MCG_PER_HOUR,    /* MME */
  OPIOID_NOT_IN_MASS,           /* MME */
  ACETAMINOPHEN_NOT_IN_MASS,    /* acetaminophen */
} Reason;

static gboolean
is_mass (const char *unit)
{
  return pd_dose_amount_in_mg (1, unit) > 0;
}

/* Why pd_daily_mme or pd_daily_acetaminophen_mg count nothing of the dose; COUNTED when they
 * count it, or when it is nothing they would count (ibuprofen, buprenorphine). */
static Reason
reason_not_counted (const Resolved *resolved)
{
  const char *unit = pd_dose_get_unit (resolved->dose);
  const char *key = resolved->catalogue != NULL ? resolved->catalogue->key : NULL;

  if (resolved->combination != NULL)
    return _pd_resolved_tablets (resolved) > 0 ? COUNTED : COMBINATION_NOT_IN_TABLETS;
  if (pd_catalogue_is_combination_family (key))
    return is_mass (unit) ? STRENGTH_UNKNOWN_IN_MASS : STRENGTH_UNKNOWN;
  if (g_strcmp0 (key, "acetaminophen") == 0)
    return is_mass (unit) ? COUNTED : ACETAMINOPHEN_NOT_IN_MASS;

  /* pd_daily_mme: a dose in mcg/h counts as a patch; one in a mass counts unless the
   * factor is per mcg/h. No factor, or buprenorphine: not counted by design. */
  if (_pd_resolved_mme_factor (resolved) <= 0 || pd_catalogue_mme_not_counted (key) ||
      g_strcmp0 (unit, PATCH_UNIT) == 0)
    return COUNTED;
  /* A factor per mcg/h says nothing about a mass. */
  if (g_strcmp0 (_pd_resolved_unit (resolved), PATCH_UNIT) == 0)
    return PATCH_NOT_IN_MCG_PER_HOUR;
  if (is_mass (unit))
    return COUNTED;
  return g_strcmp0 (key, "fentanyl_patch") == 0 ? PATCH_NOT_IN_MCG_PER_HOUR : OPIOID_NOT_IN_MASS;
}

/* dose: "Percocet 5/325, 5 mg" as logged. */
static char *
not_counted_message (Reason      reason,
                     const char *dose)
{
  switch (reason)
    {
    case COMBINATION_NOT_IN_TABLETS:
      /* Translators: %s is a dose as logged: "Percocet 5/325, 5 mg". */
      return g_strdup_printf (_("%s, is not counted in today's MME or acetaminophen total: a "
                                "combination product is counted in tablets. Edit the dose to "
                                "give the number of tablets."), dose);
    case STRENGTH_UNKNOWN:
      /* Translators: %s is a dose as logged: "Percocet, 2 tablets". */
      return g_strdup_printf (_("%s, is not counted in today's MME or acetaminophen total: the "
                                "product's strength is not known. Edit the dose to choose the "
                                "product with its strength (opioid mg / acetaminophen mg, such "
                                "as Percocet 5/325) and give the number of tablets."), dose);
    case STRENGTH_UNKNOWN_IN_MASS:
      /* Translators: %s is a dose as logged: "Percocet, 10 mg". */
      return g_strdup_printf (_("%s, is not counted in today's acetaminophen total: the "
                                "product's strength is not known. Edit the dose to choose the "
                                "product with its strength (opioid mg / acetaminophen mg, such "
                                "as Percocet 5/325) and give the number of tablets."), dose);
    case PATCH_NOT_IN_MCG_PER_HOUR:
      /* Translators: %s is a dose as logged: "Fentanyl patch, 1 patch". */
      return g_strdup_printf (_("%s, is not counted in today's MME: a fentanyl patch is counted "
                                "by its strength in mcg/h. Edit the dose to log the patch in "
                                "mcg/h."), dose);
    case OPIOID_NOT_IN_MASS:
      /* Translators: %s is a dose as logged: "Oxycodone, 2 tablets". */
      return g_strdup_printf (_("%s, is not counted in today's MME: an opioid is counted by its "
                                "amount in mg. Edit the dose to give the dose in mg."), dose);
    case ACETAMINOPHEN_NOT_IN_MASS:
      /* Translators: %s is a dose as logged: "Acetaminophen, 10 ml". */
      return g_strdup_printf (_("%s, is not counted in today's acetaminophen total: "
                                "acetaminophen is counted by its amount in mg. Edit the dose to "
                                "give the dose in mg."), dose);
    case COUNTED:
    default:
      g_assert_not_reached ();
    }
}

void
_pd_add_not_counted_warnings (GPtrArray *warnings,
                              GArray    *taken)
{
  /* The same dose logged three times is one thing to fix. */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < taken->len; i++)
    {
      const Resolved *resolved = &g_array_index (taken, Resolved, i);
      Reason reason = reason_not_counted (resolved);
      const char *name = pd_dose_get_name (resolved->dose);
      const char *shown = name != NULL && *name != '\0' ? name : _pd_resolved_name (resolved);
      g_autofree char *amount = NULL;
      g_autofree char *dose = NULL;
      char *message;

      if (reason == COUNTED)
        continue;
      amount = pd_dose_amount_text (pd_dose_get_amount (resolved->dose),
                                    pd_dose_get_unit (resolved->dose));
      dose = g_strdup_printf ("%s, %s", shown, amount);
      if (!g_hash_table_add (seen, g_strdup_printf ("%d %s", reason, dose)))
        continue;
      message = not_counted_message (reason, dose);
      g_ptr_array_add (warnings, _pd_warning_new (PD_WARNING_NOT_COUNTED, dose,
                                                  pd_dose_get_amount (resolved->dose), 0,
                                                  message));
    }
}
