/* pd-spine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-spine"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pd-catalogue.h"
#include "pd-spine.h"

/* Stimulator trial */

void
pd_trial_compute (const PdDailySeries *series,
                  guint32              start_day,
                  guint32              end_day,
                  PdTrial             *trial)
{
  g_return_if_fail (series != NULL);
  g_return_if_fail (trial != NULL);
  g_return_if_fail (start_day > PD_TRIAL_BASELINE_DAYS);

  if (end_day == 0)
    end_day = MAX (start_day, pd_daily_series_get_last_day (series));
  *trial = (PdTrial) {
    .start_day = start_day,
    .end_day = end_day,
    .relief_percent = NAN,
    .verdict = PD_TRIAL_NOT_ENOUGH_DATA,
  };
  trial->baseline_mean = pd_daily_series_mean_pain (series, start_day - PD_TRIAL_BASELINE_DAYS,
                                                    start_day - 1, &trial->baseline_days);
  /* The day the lead is placed is in neither window. */
  if (end_day > start_day)
    trial->trial_mean = pd_daily_series_mean_pain (series, start_day + 1, end_day,
                                                   &trial->trial_days);
  else
    trial->trial_mean = NAN;

  if (trial->baseline_days < PD_TRIAL_MIN_DAYS || trial->trial_days < PD_TRIAL_MIN_DAYS ||
      trial->baseline_mean <= 0)
    return;
  trial->relief_percent = 100 * (trial->baseline_mean - trial->trial_mean) / trial->baseline_mean;
  /* Means of whole scores: exactly half must count as half, whatever the rounding. */
  trial->verdict = trial->relief_percent >= PD_TRIAL_THRESHOLD - 1e-9
                   ? PD_TRIAL_MET_THRESHOLD : PD_TRIAL_BELOW_THRESHOLD;
}

/* The latest of the events that wanted says yes to, on or before day, or NULL. */
static PdEvent *
latest_event (GPtrArray *events,
              guint32    day,
              gboolean (*wanted) (PdEvent *event))
{
  PdEvent *latest = NULL;

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (events, i);

      if (!wanted (event) || pd_event_get_local_day (event) > day)
        continue;
      if (latest == NULL || pd_event_get_time (event) > pd_event_get_time (latest))
        latest = event;
    }
  return latest;
}

static gboolean
is_trial (PdEvent *event)
{
  return g_strcmp0 (pd_event_get_kind (event), "stimulator_trial") == 0;
}

PdEvent *
pd_trial_find_latest (GPtrArray *events,
                      guint32    day)
{
  return latest_event (events, day, is_trial);
}

char *
pd_trial_describe_verdict (const PdTrial *trial)
{
  g_return_val_if_fail (trial != NULL, NULL);

  switch (trial->verdict)
    {
    case PD_TRIAL_MET_THRESHOLD:
      return g_strdup_printf (_("Relief %.0f%%: met the usual 50%% threshold"),
                              trial->relief_percent);
    case PD_TRIAL_BELOW_THRESHOLD:
      return g_strdup_printf (_("Relief %.0f%%: did not meet the usual 50%% threshold"),
                              trial->relief_percent);
    case PD_TRIAL_NOT_ENOUGH_DATA:
    default:
      if (trial->baseline_days >= PD_TRIAL_MIN_DAYS && trial->trial_days >= PD_TRIAL_MIN_DAYS)
        return g_strdup (_("No pain before the trial: relief cannot be measured"));
      return g_strdup_printf (ngettext ("Not enough data: each window needs pain on at least "
                                        "%d day",
                                        "Not enough data: each window needs pain on at least "
                                        "%d days", PD_TRIAL_MIN_DAYS), PD_TRIAL_MIN_DAYS);
    }
}

char *
pd_trial_describe_window (double mean,
                          guint  n_days,
                          guint  window_days)
{
  if (n_days == 0)
    return g_strdup (_("no pain logged"));
  return g_strdup_printf (ngettext ("mean %.1f, pain logged on %u of %u day",
                                    "mean %.1f, pain logged on %u of %u days", window_days),
                          mean, n_days, window_days);
}

char *
pd_trial_describe_day (guint32 start_day,
                       guint32 end_day,
                       guint32 day)
{
  if (day < start_day || (end_day != 0 && day > end_day))
    return NULL;
  if (end_day == 0)
    return g_strdup_printf (_("Trial day %u"), day - start_day + 1);
  /* Translators: a spinal cord stimulator trial; the day the lead is placed is day 1. */
  return g_strdup_printf (_("Trial day %u of %u"), day - start_day + 1, end_day - start_day + 1);
}

/* As-needed doses */

void
pd_prn_summary_free (PdPrnSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->name);
  g_free (summary);
}

gboolean
pd_dose_is_as_needed (PdDose *dose)
{
  g_return_val_if_fail (PD_IS_DOSE (dose), FALSE);

  return pd_dose_get_status (dose) == PD_DOSE_TAKEN &&
         pd_dose_get_scheduled_time (dose) == PD_NO_SCHEDULED_TIME;
}

static int
compare_entries_by_time (gconstpointer a,
                         gconstpointer b)
{
  gint64 x = pd_pain_entry_get_time (*(PdPainEntry **) a);
  gint64 y = pd_pain_entry_get_time (*(PdPainEntry **) b);

  return (x > y) - (x < y);
}

/* The index of the first entry at or after time in entries sorted by time. */
static guint
first_at_or_after (GPtrArray *sorted,
                   gint64     time)
{
  guint low = 0, high = sorted->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (pd_pain_entry_get_time (g_ptr_array_index (sorted, mid)) < time)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static gboolean
change_in_sorted (PdDose    *dose,
                  GPtrArray *sorted,
                  int       *change)
{
  gint64 at = pd_dose_get_time (dose);
  guint before, after;
  PdPainEntry *entry;

  /* The last score at or before the dose, if it is recent enough. */
  before = first_at_or_after (sorted, at + 1);
  if (before == 0)
    return FALSE;
  entry = g_ptr_array_index (sorted, before - 1);
  if (pd_pain_entry_get_time (entry) < at - PD_PRN_BEFORE_SECONDS)
    return FALSE;

  /* The first score in 30-120 minutes after: the effect, before the next dose blurs it. */
  after = first_at_or_after (sorted, at + PD_PRN_AFTER_FROM_SECONDS);
  if (after >= sorted->len ||
      pd_pain_entry_get_time (g_ptr_array_index (sorted, after)) > at + PD_PRN_AFTER_TO_SECONDS)
    return FALSE;

  *change = pd_pain_entry_get_pain (g_ptr_array_index (sorted, after)) -
            pd_pain_entry_get_pain (entry);
  return TRUE;
}

static GPtrArray *
sort_by_time (GPtrArray *pain_entries)
{
  GPtrArray *sorted = g_ptr_array_sized_new (pain_entries != NULL ? pain_entries->len : 0);

  if (pain_entries != NULL)
    g_ptr_array_extend (sorted, pain_entries, NULL, NULL);
  g_ptr_array_sort (sorted, compare_entries_by_time);
  return sorted;
}

gboolean
pd_prn_dose_change (PdDose    *dose,
                    GPtrArray *pain_entries,
                    int       *change)
{
  g_autoptr(GPtrArray) sorted = NULL;

  g_return_val_if_fail (PD_IS_DOSE (dose), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  sorted = sort_by_time (pain_entries);
  return change_in_sorted (dose, sorted, change);
}

/* One key per medication however it was logged: "Tylenol", "paracetamol" and
 * "Acetaminophen" are the catalogue's acetaminophen; any other name, ignoring case. */
static char *
prn_key (const char *name)
{
  const PdMedicationInfo *info = pd_catalogue_find_medication (name);

  if (info != NULL)
    return g_strconcat ("\001", info->key, NULL);
  return g_utf8_casefold (name, -1);
}

static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  const PdPrnSummary *x = *(PdPrnSummary **) a, *y = *(PdPrnSummary **) b;

  if (x->n_doses != y->n_doses)
    return x->n_doses > y->n_doses ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

GPtrArray *
pd_prn_summarise (PdDiaryData *data,
                  gint64       from,
                  gint64       to)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GPtrArray *summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_prn_summary_free);

  g_return_val_if_fail (data != NULL, summaries);

  sorted = sort_by_time (data->pain_entries);
  /* Oldest first, so that a medication is named as first logged. */
  for (guint i = data->doses != NULL ? data->doses->len : 0; i-- > 0;)
    {
      PdDose *dose = g_ptr_array_index (data->doses, i);
      g_autofree char *key = NULL;
      PdPrnSummary *summary;
      double *sum;
      int change;

      if (!pd_dose_is_as_needed (dose) || pd_dose_get_time (dose) < from ||
          pd_dose_get_time (dose) >= to)
        continue;
      key = prn_key (pd_dose_get_name (dose));
      summary = g_hash_table_lookup (by_name, key);
      if (summary == NULL)
        {
          const PdMedicationInfo *info = pd_catalogue_find_medication (pd_dose_get_name (dose));

          summary = g_new0 (PdPrnSummary, 1);
          summary->name = g_strdup (info != NULL ? info->name : pd_dose_get_name (dose));
          summary->mean_change = NAN;
          g_hash_table_insert (by_name, g_steal_pointer (&key), summary);
          g_hash_table_insert (sums, summary, g_new0 (double, 1));
          g_ptr_array_add (summaries, summary);
        }
      summary->n_doses++;
      if (!change_in_sorted (dose, sorted, &change))
        continue;
      sum = g_hash_table_lookup (sums, summary);
      *sum += change;
      summary->n_paired++;
      summary->mean_change = *sum / summary->n_paired;
    }
  g_ptr_array_sort (summaries, compare_summaries);
  return summaries;
}

const PdPrnSummary *
pd_prn_summary_find (GPtrArray  *summaries,
                     const char *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  key = prn_key (name);
  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      const PdPrnSummary *summary = g_ptr_array_index (summaries, i);
      g_autofree char *other = prn_key (summary->name);

      if (g_strcmp0 (key, other) == 0)
        return summary;
    }
  return NULL;
}

char *
pd_prn_describe (const PdPrnSummary *summary)
{
  g_autofree char *doses = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  doses = g_strdup_printf (ngettext ("%u as-needed dose", "%u as-needed doses",
                                     summary->n_doses), summary->n_doses);
  if (summary->n_paired == 0)
    return g_strdup_printf (_("%s; no pain scores before and 30–120 minutes after"), doses);
  if (fabs (summary->mean_change) < 0.05)
    return g_strdup_printf (ngettext ("%s; pain unchanged 30–120 minutes after (%u dose with scores)",
                                      "%s; pain unchanged 30–120 minutes after (%u doses with scores)",
                                      summary->n_paired), doses, summary->n_paired);
  if (summary->mean_change < 0)
    return g_strdup_printf (ngettext ("%s; pain %.1f lower 30–120 minutes after (%u dose with scores)",
                                      "%s; pain %.1f lower 30–120 minutes after (%u doses with scores)",
                                      summary->n_paired),
                            doses, -summary->mean_change, summary->n_paired);
  return g_strdup_printf (ngettext ("%s; pain %.1f higher 30–120 minutes after (%u dose with scores)",
                                    "%s; pain %.1f higher 30–120 minutes after (%u doses with scores)",
                                    summary->n_paired),
                          doses, summary->mean_change, summary->n_paired);
}

/* Patient-Specific Functional Scale */

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const PdPsfsSession *x = a, *y = b;

  return (x->day > y->day) - (x->day < y->day);
}

GArray *
pd_psfs_sessions (GPtrArray *ratings,
                  guint32    first,
                  guint32    last)
{
  GArray *sessions = g_array_new (FALSE, FALSE, sizeof (PdPsfsSession));
  g_autoptr(GHashTable) by_day = g_hash_table_new (NULL, NULL);

  for (guint i = 0; ratings != NULL && i < ratings->len; i++)
    {
      PdFunctionRating *rating = g_ptr_array_index (ratings, i);
      guint32 day = pd_function_rating_get_local_day (rating);
      gpointer index;
      PdPsfsSession *session;

      if (first != 0 && (day < first || day > last))
        continue;
      if (!g_hash_table_lookup_extended (by_day, GUINT_TO_POINTER (day), NULL, &index))
        {
          PdPsfsSession fresh = { day, 0, 0 };

          index = GUINT_TO_POINTER (sessions->len);
          g_array_append_val (sessions, fresh);
          g_hash_table_insert (by_day, GUINT_TO_POINTER (day), index);
        }
      session = &g_array_index (sessions, PdPsfsSession, GPOINTER_TO_UINT (index));
      /* The sum for now; the mean below. */
      session->mean += pd_function_rating_get_score (rating);
      session->n_rated++;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      PdPsfsSession *session = &g_array_index (sessions, PdPsfsSession, i);

      session->mean /= session->n_rated;
    }
  g_array_sort (sessions, compare_sessions);
  return sessions;
}

PdFunctionChange
pd_psfs_change (double before,
                double after,
                double threshold)
{
  if (isnan (before) || isnan (after))
    return PD_FUNCTION_NOT_ENOUGH_DATA;
  /* Means of whole numbers: a change of exactly the threshold must not fall short by a
   * rounding error. */
  if (after - before >= threshold - 1e-9)
    return PD_FUNCTION_BETTER;
  if (before - after >= threshold - 1e-9)
    return PD_FUNCTION_WORSE;
  return PD_FUNCTION_NO_CLEAR_CHANGE;
}

double
pd_psfs_threshold (const PdPsfsSession *before,
                   const PdPsfsSession *after)
{
  g_return_val_if_fail (before != NULL && after != NULL, PD_PSFS_MEANINGFUL_SINGLE);

  /* domain.md: 2 points in the mean, 3 for a single activity. */
  return before->n_rated == 1 || after->n_rated == 1 ? PD_PSFS_MEANINGFUL_SINGLE
                                                     : PD_PSFS_MEANINGFUL_MEAN;
}

char *
pd_psfs_describe_change (double before,
                         double after,
                         double threshold)
{
  switch (pd_psfs_change (before, after, threshold))
    {
    case PD_FUNCTION_BETTER:
      return g_strdup_printf (_("Function %.1f → %.1f (%+.1f): better by a meaningful amount "
                                "(%.0f points or more)"), before, after, after - before,
                              threshold);
    case PD_FUNCTION_WORSE:
      return g_strdup_printf (_("Function %.1f → %.1f (%+.1f): worse by a meaningful amount "
                                "(%.0f points or more)"), before, after, after - before,
                              threshold);
    case PD_FUNCTION_NO_CLEAR_CHANGE:
      return g_strdup_printf (_("Function %.1f → %.1f (%+.1f): no clear change (a meaningful "
                                "change is %.0f points)"), before, after, after - before,
                              threshold);
    case PD_FUNCTION_NOT_ENOUGH_DATA:
    default:
      return g_strdup (_("Function: not enough ratings to compare"));
    }
}

void
pd_psfs_around_event (GArray                     *sessions,
                      guint32                     event_day,
                      const PdBeforeAfterOptions *options,
                      PdPsfsSession              *before,
                      PdPsfsSession              *after)
{
  PdBeforeAfterOptions defaults;

  g_return_if_fail (sessions != NULL && before != NULL && after != NULL);

  if (options == NULL)
    {
      pd_before_after_options_init (&defaults);
      options = &defaults;
    }
  *before = (PdPsfsSession) { 0, NAN, 0 };
  *after = (PdPsfsSession) { 0, NAN, 0 };
  for (guint i = 0; i < sessions->len; i++)
    {
      const PdPsfsSession *session = &g_array_index (sessions, PdPsfsSession, i);

      if (session->day + options->before_days >= event_day && session->day < event_day)
        *before = *session;
      else if (session->day >= event_day + options->after_start &&
               session->day <= event_day + options->after_end)
        *after = *session;
    }
}

void
pd_psfs_activity_range (GPtrArray  *ratings,
                        const char *activity_id,
                        double     *first,
                        double     *latest,
                        guint      *n_ratings)
{
  PdFunctionRating *oldest = NULL, *newest = NULL;
  guint n = 0;

  for (guint i = 0; ratings != NULL && i < ratings->len; i++)
    {
      PdFunctionRating *rating = g_ptr_array_index (ratings, i);

      if (g_strcmp0 (pd_function_rating_get_activity_id (rating), activity_id) != 0)
        continue;
      n++;
      if (oldest == NULL || pd_function_rating_get_time (rating) < pd_function_rating_get_time (oldest))
        oldest = rating;
      if (newest == NULL || pd_function_rating_get_time (rating) >= pd_function_rating_get_time (newest))
        newest = rating;
    }
  *first = oldest != NULL ? pd_function_rating_get_score (oldest) : NAN;
  *latest = newest != NULL ? pd_function_rating_get_score (newest) : NAN;
  if (n_ratings != NULL)
    *n_ratings = n;
}

guint
pd_psfs_n_active (GPtrArray *activities,
                  guint32    day)
{
  guint n = 0;

  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      PdFunctionActivity *activity = g_ptr_array_index (activities, i);
      guint32 retired = pd_function_activity_get_retired_day (activity);

      n += retired == 0 || retired > day;
    }
  return n;
}

gboolean
pd_psfs_due (GPtrArray *activities,
             GPtrArray *ratings,
             guint32    day)
{
  if (pd_psfs_n_active (activities, day) == 0)
    return FALSE;
  for (guint i = 0; ratings != NULL && i < ratings->len; i++)
    {
      guint32 rated = pd_function_rating_get_local_day (g_ptr_array_index (ratings, i));

      if (rated <= day && rated + PD_PSFS_INTERVAL_DAYS > day)
        return FALSE;
    }
  return TRUE;
}

/* Patient Global Impression of Change */

const char *
pd_pgic_question (void)
{
  return _("Since the start of the treatment, overall, I am:");
}

const char *
pd_pgic_label (int score)
{
  static const char * const labels[] = {
    N_("Very much improved"),
    N_("Much improved"),
    N_("Minimally improved"),
    N_("No change"),
    N_("Minimally worse"),
    N_("Much worse"),
    N_("Very much worse"),
  };

  g_return_val_if_fail (score >= PD_PGIC_MIN && score <= PD_PGIC_MAX, "");

  return _(labels[score - 1]);
}

gboolean
pd_pgic_asks_about (PdEvent *event)
{
  const char *kind = pd_event_get_kind (event);

  return g_strcmp0 (kind, "appointment") != 0 && g_strcmp0 (kind, "other") != 0;
}

PdEvent *
pd_pgic_latest_treatment (GPtrArray *events,
                          guint32    day)
{
  return latest_event (events, day, pd_pgic_asks_about);
}

PdImpression *
pd_pgic_find_for_event (GPtrArray  *impressions,
                        const char *event_id)
{
  PdImpression *latest = NULL;

  for (guint i = 0; impressions != NULL && i < impressions->len; i++)
    {
      PdImpression *impression = g_ptr_array_index (impressions, i);

      if (g_strcmp0 (pd_impression_get_event_id (impression), event_id) == 0 &&
          (latest == NULL || pd_impression_get_time (impression) > pd_impression_get_time (latest)))
        latest = impression;
    }
  return latest;
}

GPtrArray *
pd_pgic_due_events (GPtrArray *events,
                    GPtrArray *impressions,
                    guint32    day,
                    guint      n_days)
{
  GPtrArray *due = g_ptr_array_new ();

  for (guint i = 0; n_days > 0 && events != NULL && i < events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (events, i);
      guint32 from = pd_event_get_local_day (event) + n_days;

      if (!pd_pgic_asks_about (event) || day < from || day > from + PD_PGIC_ASK_DAYS ||
          pd_pgic_find_for_event (impressions, pd_event_get_id (event)) != NULL)
        continue;
      g_ptr_array_add (due, event);
    }
  return due;
}
