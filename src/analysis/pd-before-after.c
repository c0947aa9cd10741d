/* pd-before-after.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-before-after"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pd-before-after.h"

/* Means of integer scores are rarely exact in binary: 8 - 5.6 is 2.4000000000000004. */
#define EPSILON 1e-9

void
pd_before_after_options_init (PdBeforeAfterOptions *options)
{
  g_return_if_fail (options != NULL);

  options->before_days = 14;
  options->after_start = 1;
  options->after_end = 14;
}

PdChangeVerdict
pd_change_verdict (double before,
                   guint  before_days,
                   double after,
                   guint  after_days)
{
  double drop;

  if (before_days < PD_BEFORE_AFTER_MIN_DAYS || after_days < PD_BEFORE_AFTER_MIN_DAYS ||
      isnan (before) || isnan (after))
    return PD_CHANGE_NOT_ENOUGH_DATA;

  drop = before - after;
  if (drop >= PD_MEANINGFUL_POINTS - EPSILON &&
      drop >= before * PD_MEANINGFUL_PERCENT / 100.0 - EPSILON)
    return PD_CHANGE_MEANINGFUL;
  return PD_CHANGE_NO_CLEAR_CHANGE;
}

/* The day's PEG: the mean of its pain, enjoyment and activity means (domain.md: the mean of
 * the three items). A day missing an item has no PEG: the mean of two items is not the
 * score, and a day with pain alone would pass its pain off as PEG (the report's and the FHIR
 * export's weekly PEG need all three too). */
static double
day_peg (const PdDay *day)
{
  if (day->n_entries == 0 || isnan (day->enjoyment_mean) || isnan (day->activity_mean))
    return NAN;
  return (day->pain_mean + day->enjoyment_mean + day->activity_mean) / 3;
}

static void
window_means (const PdDailySeries *series,
              gint64               first,
              gint64               last,
              PdWindowMean        *pain,
              PdWindowMean        *peg)
{
  double pain_sum = 0, peg_sum = 0;

  pain->n_days = peg->n_days = 0;
  for (gint64 day = MAX (first, 1); day <= last && day <= G_MAXUINT32; day++)
    {
      const PdDay *aggregate = pd_daily_series_get_day (series, (guint32) day);
      double value;

      if (aggregate == NULL)
        continue;
      if (aggregate->n_entries > 0)
        pain_sum += aggregate->pain_mean, pain->n_days++;
      value = day_peg (aggregate);
      if (!isnan (value))
        peg_sum += value, peg->n_days++;
    }
  pain->mean = pain->n_days > 0 ? pain_sum / pain->n_days : NAN;
  peg->mean = peg->n_days > 0 ? peg_sum / peg->n_days : NAN;
}

static void
changes (const PdWindowMean *before,
         const PdWindowMean *after,
         double             *change,
         double             *percent)
{
  *change = after->mean - before->mean;
  *percent = before->mean > 0 ? 100.0 * *change / before->mean : NAN;
}

void
pd_before_after_compute (const PdDailySeries        *series,
                         guint32                     event_day,
                         const PdBeforeAfterOptions *options,
                         PdBeforeAfter              *result)
{
  PdBeforeAfterOptions defaults;

  g_return_if_fail (series != NULL);
  g_return_if_fail (result != NULL);

  if (options == NULL)
    {
      pd_before_after_options_init (&defaults);
      options = &defaults;
    }

  result->event_day = event_day;
  window_means (series, (gint64) event_day - options->before_days, (gint64) event_day - 1,
                &result->pain_before, &result->peg_before);
  window_means (series, (gint64) event_day + options->after_start,
                (gint64) event_day + options->after_end,
                &result->pain_after, &result->peg_after);
  changes (&result->pain_before, &result->pain_after,
           &result->pain_change, &result->pain_percent_change);
  changes (&result->peg_before, &result->peg_after,
           &result->peg_change, &result->peg_percent_change);
  result->verdict = pd_change_verdict (result->pain_before.mean, result->pain_before.n_days,
                                       result->pain_after.mean, result->pain_after.n_days);
}

const char *
pd_change_verdict_label (PdChangeVerdict verdict)
{
  switch (verdict)
    {
    case PD_CHANGE_MEANINGFUL:
      return _("Meaningful change");
    case PD_CHANGE_NO_CLEAR_CHANGE:
      return _("No clear change");
    case PD_CHANGE_NOT_ENOUGH_DATA:
    default:
      return _("Not enough data");
    }
}

char *
pd_before_after_describe (const PdBeforeAfter *result)
{
  const PdWindowMean *before, *after;

  g_return_val_if_fail (result != NULL, NULL);

  before = &result->pain_before;
  after = &result->pain_after;
  switch (result->verdict)
    {
    case PD_CHANGE_NOT_ENOUGH_DATA:
      /* Translators: the numbers are days with diary entries in each window. */
      return g_strdup_printf (_("Not enough data to compare: %u days with entries before and "
                                "%u after; each window needs at least %d."),
                              before->n_days, after->n_days, PD_BEFORE_AFTER_MIN_DAYS);
    case PD_CHANGE_MEANINGFUL:
      /* Translators: an observation, never a cause: say "was lower after", not "helped". */
      return g_strdup_printf (_("Pain was lower after: %.1f on average over %u days, down from "
                                "%.1f over %u days before (%.0f%%, %.1f points). A drop this "
                                "large counts as a meaningful change."),
                              after->mean, after->n_days, before->mean, before->n_days,
                              fabs (result->pain_percent_change), fabs (result->pain_change));
    case PD_CHANGE_NO_CLEAR_CHANGE:
    default:
      return g_strdup_printf (_("No clear change in pain: %.1f on average over %u days after, "
                                "%.1f over %u days before (%+.1f points)."),
                              after->mean, after->n_days, before->mean, before->n_days,
                              result->pain_change);
    }
}
