/* pd-day-warnings.c: a day's medication warnings, in their order: the maxima
 * (pd-medication-maxima.c), then MME, one class taken twice, risky combinations and CYP2D6
 * (pd-medication-checks.c), then the doses not counted (pd-medication-uncounted.c); and the
 * day's safety flag codes made from them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-medication-checks"

#include "config.h"

#include "pd-medication-checks-private.h"

GPtrArray *
pd_day_warnings_full (GPtrArray            *doses,
                      GPtrArray            *medications,
                      guint32               day,
                      const PdCheckOptions *options)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_warning_free);
  g_autoptr(GArray) taken = _pd_resolve_taken_doses (doses, medications, day, day);
  /* A maximum in 24 hours: yesterday evening's doses count toward this morning's. */
  g_autoptr(GArray) window = _pd_resolve_taken_doses (doses, medications, day - 1, day);
  PdCheckOptions defaults;

  if (options == NULL)
    {
      pd_check_options_init (&defaults);
      options = &defaults;
    }

  _pd_add_max_daily_warnings (warnings, taken, window, options);
  _pd_add_interaction_warnings (warnings, doses, medications, taken, day, options);
  _pd_add_not_counted_warnings (warnings, taken);
  return warnings;
}

GPtrArray *
pd_day_warnings (GPtrArray *doses,
                 GPtrArray *medications,
                 guint32    day)
{
  return pd_day_warnings_full (doses, medications, day, NULL);
}

char *
pd_day_safety_flags (GPtrArray            *doses,
                     GPtrArray            *medications,
                     guint32               day,
                     const PdCheckOptions *options)
{
  g_autoptr(GPtrArray) warnings = pd_day_warnings_full (doses, medications, day, options);
  GString *flags = g_string_new (NULL);

  for (guint i = 0; i < warnings->len; i++)
    {
      PdWarning *warning = g_ptr_array_index (warnings, i);

      /* Information such as a dose not counted is no safety flag of domain.md. */
      if (warning->code == NULL)
        continue;
      if (flags->len > 0)
        g_string_append_c (flags, ';');
      g_string_append (flags, warning->code);
    }
  return g_string_free (flags, FALSE);
}
