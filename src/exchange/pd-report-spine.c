/* pd-report-spine.c: the report's spine outcomes, and page 1's "after what"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-report"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pd-before-after.h"
#include "pd-catalogue.h"
#include "pd-report-private.h"
#include "pd-spine.h"

/* An event before the period is named only this long after it. */
#define LATEST_EVENT_MAX_DAYS 365

guint32
_pd_report_spine_first_day (GPtrArray *events,
                            guint32    first_day)
{
  PdEvent *event = pd_pgic_latest_treatment (events, first_day - 1);
  PdBeforeAfterOptions options;
  guint32 day;

  if (event == NULL)
    return G_MAXUINT32;
  day = pd_event_get_local_day (event);
  if (day + LATEST_EVENT_MAX_DAYS < first_day)
    return G_MAXUINT32;
  pd_before_after_options_init (&options);
  return day - MAX (options.before_days, PD_TRIAL_BASELINE_DAYS);
}

static PdEvent *
find_event (GPtrArray  *events,
            guint32     day,
            const char *title)
{
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (events, i);

      if (pd_event_get_local_day (event) == day && g_strcmp0 (pd_event_get_title (event), title) == 0)
        return event;
    }
  return NULL;
}

/* "Much improved (answered 2025-04-02)". */
static char *
describe_impression (PdImpression *impression)
{
  g_autofree char *date = _pd_report_format_day (pd_impression_get_local_day (impression));

  /* Translators: a PGIC answer and when it was given. */
  return g_strdup_printf (_("%s (answered %s)"), pd_pgic_label (pd_impression_get_score (impression)),
                          date);
}

void
_pd_report_add_event_title (PdReport   *self,
                            guint32     day,
                            const char *title,
                            const char *note)
{
  g_autofree char *date = _pd_report_format_day (day);
  g_autofree char *markup = g_markup_printf_escaped (
    "<b>%s  %s</b>  <span foreground=\"#666666\">%s</span>", date, title, note);

  _pd_report_add_text (self, PD_REPORT_BODY_SIZE, markup);
}

char *
_pd_report_describe_before_after (const PdBeforeAfter *result,
                                  gboolean             latest)
{
  g_autofree char *before = _pd_report_format_score (result->pain_before.mean);
  g_autofree char *after = _pd_report_format_score (result->pain_after.mean);
  g_autofree char *describe = pd_before_after_describe (result);
  g_autofree char *figures = NULL;
  guint n_before = result->pain_before.n_days, n_after = result->pain_after.n_days;

  if (isnan (result->pain_change) || (latest && isnan (result->pain_percent_change)))
    figures = g_strdup_printf (latest ? _("Pain before: %s (%u days with data). After: %s (%u days "
                                          "with data).")
                                      : _("Before: %s (%u days with data). After: %s (%u days with "
                                          "data)."),
                               before, n_before, after, n_after);
  else if (isnan (result->pain_percent_change))
    figures = g_strdup_printf (_("Before: %s (%u days with data). After: %s (%u days with "
                                 "data). Change: %+.1f points."),
                               before, n_before, after, n_after, result->pain_change);
  else
    figures = g_strdup_printf (latest ? _("Pain before: %s (%u days with data). After: %s (%u days "
                                          "with data). Change: %+.1f points (%+.0f%%).")
                                      : _("Before: %s (%u days with data). After: %s (%u days with "
                                          "data). Change: %+.1f points (%+.0f%%)."),
                               before, n_before, after, n_after, result->pain_change,
                               result->pain_percent_change);
  /* The sentence says the verdict in words of its own. */
  return g_strdup_printf ("%s\n%s", figures, describe);
}

/* Page 1 */

void
_pd_report_add_latest_event (PdReport    *self,
                             PdDiaryData *data)
{
  guint32 first = self->first_day, last = self->last_day;
  PdEvent *event = pd_pgic_latest_treatment (data->events, last);
  PdBeforeAfter result;
  PdImpression *impression;
  g_autofree char *when = NULL;
  g_autofree char *note = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *text = NULL;
  guint32 day;

  _pd_report_add_heading (self, _("Latest treatment"));
  if (event == NULL || pd_event_get_local_day (event) + LATEST_EVENT_MAX_DAYS < first)
    {
      _pd_report_add_text (self, 10, _("No treatment event is recorded before or in this "
                                        "period."));
      return;
    }
  day = pd_event_get_local_day (event);
  if (day >= first)
    when = g_strdup (_("in this period"));
  else
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day before this period",
                                         "%u days before this period", first - day),
                            first - day);
  note = g_strdup_printf ("%s, %s", pd_event_kind_label (pd_event_get_kind (event)), when);
  _pd_report_add_event_title (self, day, pd_event_get_title (event), note);

  pd_before_after_compute (_pd_report_get_series (self), day, NULL, &result);
  figures = _pd_report_describe_before_after (&result, TRUE);
  impression = pd_pgic_find_for_event (data->impressions, pd_event_get_id (event));
  if (impression != NULL)
    {
      g_autofree char *answer = describe_impression (impression);
      /* Translators: the patient's global impression of change since the event. */
      g_autofree char *line = g_strdup_printf (_("Since then, overall: %s."), answer);

      text = g_markup_printf_escaped ("%s\n%s", figures, line);
    }
  else
    text = g_markup_escape_text (figures, -1);
  _pd_report_add_text (self, 10, text);
}

/* Under each before/after */

void
_pd_report_add_event_spine (PdReport    *self,
                            PdDiaryData *data,
                            guint32      event_day,
                            const char  *event_title)
{
  PdEvent *event;
  PdImpression *impression;
  g_autoptr(GArray) sessions = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *markup = NULL;

  if (data == NULL)
    {
      g_string_free (text, TRUE);
      return;
    }
  sessions = pd_psfs_sessions (data->function_ratings, 0, 0);
  if (sessions->len > 0)
    {
      PdPsfsSession before, after;
      g_autofree char *change = NULL;

      pd_psfs_around_event (sessions, event_day, NULL, &before, &after);
      change = pd_psfs_describe_change (before.mean, after.mean,
                                        pd_psfs_threshold (&before, &after));
      g_string_append_printf (text, "%s.", change);
    }
  event = find_event (data->events, event_day, event_title);
  impression = event != NULL ? pd_pgic_find_for_event (data->impressions, pd_event_get_id (event))
                             : NULL;
  if (impression != NULL)
    {
      g_autofree char *answer = describe_impression (impression);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Impression of change since then: %s."), answer);
    }
  if (text->len > 0)
    {
      markup = g_markup_escape_text (text->str, -1);
      _pd_report_add_text (self, 10, markup);
    }
  g_string_free (text, TRUE);
}

/* The spine section */

static gboolean
add_back_leg (PdReport *self)
{
  PdDailySeries *series = _pd_report_get_series (self);
  guint32 first = self->first_day, last = self->last_day;
  double back = 0, leg = 0;
  guint n_back = 0, n_leg = 0;
  g_autofree char *text = NULL;
  g_autofree char *back_text = NULL;
  g_autofree char *leg_text = NULL;

  for (guint32 d = first; d <= last; d++)
    {
      const PdDay *day = pd_daily_series_get_day (series, d);

      if (day == NULL)
        continue;
      if (!isnan (day->back_pain_mean))
        back += day->back_pain_mean, n_back++;
      if (!isnan (day->leg_pain_mean))
        leg += day->leg_pain_mean, n_leg++;
    }
  if (n_back == 0 && n_leg == 0)
    return FALSE;
  back_text = n_back > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "back pain averaged %.1f on %u day",
                                    "back pain averaged %.1f on %u days", n_back),
                       back / n_back, n_back)
    : g_strdup (_("no back pain recorded"));
  leg_text = n_leg > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "leg pain averaged %.1f on %u day",
                                    "leg pain averaged %.1f on %u days", n_leg),
                       leg / n_leg, n_leg)
    : g_strdup (_("no leg pain recorded"));
  /* Translators: "Back and leg pain (0–10): back pain averaged 4.2 on 20 days; leg ..." */
  text = g_markup_printf_escaped (_("<b>Back and leg pain</b> (0–10): %s; %s."), back_text,
                                  leg_text);
  _pd_report_add_text (self, 10, text);
  return TRUE;
}

/* The trial's table: its 7 days of baseline and its days so far, their mean pain and how
 * many of their days have data. */
static void
add_trial_table (PdReport      *self,
                 const PdTrial *trial,
                 guint32        start)
{
  static const double widths[] = { 0.40, 0.30, 0.30 };
  g_autofree char *baseline = _pd_report_format_score (trial->baseline_mean);
  g_autofree char *during = _pd_report_format_score (trial->trial_mean);
  g_autofree char *baseline_days = NULL;
  g_autofree char *during_days = NULL;
  g_autofree char *during_label = NULL;
  int table;

  table = _pd_report_add_table (self, widths, 0x6, 9, _("Window"), _("Mean daily pain"),
                                _("Days with data"), NULL);
  baseline_days = g_strdup_printf (_("%u of %u"), trial->baseline_days, PD_TRIAL_BASELINE_DAYS);
  during_days = g_strdup_printf (_("%u of %u"), trial->trial_days,
                                 trial->end_day > start ? trial->end_day - start : 0);
  if (trial->end_day > self->last_day)
    during_label = g_strdup_printf (_("Trial, days 2–%u (still running)"),
                                    trial->end_day - start + 1);
  else
    during_label = g_strdup_printf (_("Trial, days 2–%u"), trial->end_day - start + 1);
  _pd_report_add_row (self, table,
                      _pd_report_cells_new (_("Baseline, 7 days before"), baseline,
                                              baseline_days, NULL));
  _pd_report_add_row (self, table,
                      _pd_report_cells_new (during_label, during, during_days, NULL));
}

static gboolean
add_trial (PdReport    *self,
           PdDiaryData *data)
{
  guint32 first = self->first_day, last = self->last_day;
  PdEvent *event = pd_trial_find_latest (data->events, last);
  g_autofree char *title = NULL;
  g_autofree char *verdict = NULL;
  guint32 start;
  PdTrial trial;

  if (event == NULL)
    return FALSE;
  start = pd_event_get_local_day (event);
  /* A trial long over belongs to an earlier report. */
  if ((pd_event_get_end_day (event) != 0 ? pd_event_get_end_day (event) : start) + 30 < first)
    return FALSE;
  pd_trial_compute (_pd_report_get_series (self), start,
                    pd_event_get_end_day (event) != 0 ? pd_event_get_end_day (event) : last,
                    &trial);
  {
    g_autofree char *from = _pd_report_format_day (start);

    title = g_markup_printf_escaped (_("<b>Stimulator trial</b>  %s, from %s"),
                                     pd_event_get_title (event), from);
  }
  _pd_report_add_text (self, 10, title);
  add_trial_table (self, &trial, start);
  verdict = pd_trial_describe_verdict (&trial);
  {
    g_autofree char *line = g_markup_printf_escaped ("%s.", verdict);

    _pd_report_add_text (self, 10, line);
  }
  return TRUE;
}

static gboolean
add_function (PdReport    *self,
              PdDiaryData *data)
{
  static const double widths[] = { 0.50, 0.25, 0.25 };
  guint32 first = self->first_day, last = self->last_day;
  g_autoptr(GArray) sessions = pd_psfs_sessions (data->function_ratings, first, last);
  g_autoptr(GArray) all = pd_psfs_sessions (data->function_ratings, 0, 0);
  const PdPsfsSession *baseline, *latest;
  g_autofree char *change = NULL;
  g_autofree char *intro = NULL;
  int table;

  if (sessions->len == 0)
    return FALSE;
  baseline = &g_array_index (all, PdPsfsSession, 0);
  latest = &g_array_index (sessions, PdPsfsSession, sessions->len - 1);
  intro = g_markup_printf_escaped (
    _("<b>Function</b> (Patient-Specific Functional Scale: the patient’s own activities, 0 "
      "unable to 10 as before; a change of 2 points in the mean, or 3 in one activity, is "
      "meaningful)."));
  _pd_report_add_text (self, 10, intro);
  {
    g_autofree char *from = _pd_report_format_day (baseline->day);
    g_autofree char *to = _pd_report_format_day (latest->day);
    g_autofree char *text = NULL;

    change = pd_psfs_describe_change (baseline->mean, latest->mean,
                                      pd_psfs_threshold (baseline, latest));
    /* Translators: the first rating day, the latest, and the change between them. */
    text = g_markup_printf_escaped (_("First rated %s, latest %s: %s."), from, to, change);
    _pd_report_add_text (self, 10, text);
  }
  table = _pd_report_add_table (self, widths, 0x6, 9, _("Activity"), _("First"), _("Latest"), NULL);
  for (guint i = 0; data->function_activities != NULL && i < data->function_activities->len; i++)
    {
      PdFunctionActivity *activity = g_ptr_array_index (data->function_activities, i);
      double first_score, latest_score;
      guint n;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *name = NULL;

      pd_psfs_activity_range (data->function_ratings, pd_function_activity_get_id (activity),
                              &first_score, &latest_score, &n);
      if (n == 0)
        continue;
      a = g_strdup_printf ("%.0f", first_score);
      b = g_strdup_printf ("%.0f", latest_score);
      name = pd_function_activity_get_retired_day (activity) != 0
             ? g_strdup_printf (_("%s (retired)"), pd_function_activity_get_name (activity))
             : g_strdup (pd_function_activity_get_name (activity));
      _pd_report_add_row (self, table, _pd_report_cells_new (name, a, b, NULL));
    }
  return TRUE;
}

static gboolean
add_impressions (PdReport    *self,
                 PdDiaryData *data)
{
  static const double widths[] = { 0.20, 0.50, 0.30 };
  guint32 first = self->first_day, last = self->last_day;
  int table = -1;

  for (guint i = 0; data->impressions != NULL && i < data->impressions->len; i++)
    {
      PdImpression *impression = g_ptr_array_index (data->impressions, i);
      guint32 day = pd_impression_get_local_day (impression);
      const char *about = _("Overall");
      g_autofree char *date = NULL;

      if (day < first || day > last)
        continue;
      if (table < 0)
        {
          g_autofree char *intro = g_markup_printf_escaped (
            _("<b>Impression of change</b> (“%s”; much or very much improved is the usual "
              "responder threshold)"), pd_pgic_question ());

          _pd_report_add_text (self, 10, intro);
          table = _pd_report_add_table (self, widths, 0, 9, _("Date"), _("Since"), _("Answer"),
                                        NULL);
        }
      for (guint j = 0; data->events != NULL && j < data->events->len; j++)
        if (g_strcmp0 (pd_event_get_id (g_ptr_array_index (data->events, j)),
                       pd_impression_get_event_id (impression)) == 0)
          about = pd_event_get_title (g_ptr_array_index (data->events, j));
      date = _pd_report_format_day (day);
      _pd_report_add_row (self, table,
                          _pd_report_cells_new (date, (char *) about,
                                                  (char *) pd_pgic_label (pd_impression_get_score (impression)),
                                                  NULL));
    }
  return table >= 0;
}

static gboolean
add_as_needed (PdReport    *self,
               PdDiaryData *data)
{
  static const double widths[] = { 0.34, 0.22, 0.22, 0.22 };
  guint32 first = self->first_day, last = self->last_day;
  g_autoptr(GPtrArray) summaries = pd_prn_summarise (data, pd_local_day_start (first, 14 * 3600),
                                                     pd_local_day_start (last + 1, -14 * 3600));
  int table;

  /* The bounds reach 14 hours either side: keep the doses of the period's local days. */
  for (guint i = summaries->len; i-- > 0;)
    if (((PdPrnSummary *) g_ptr_array_index (summaries, i))->n_doses == 0)
      g_ptr_array_remove_index (summaries, i);
  if (summaries->len == 0)
    return FALSE;
  _pd_report_add_text (self, 10,
                       _("<b>As-needed doses</b>: the change in pain is the first score 30–120 "
                         "minutes after a dose minus the last score in the 2 hours before it "
                         "(negative: less pain)."));
  table = _pd_report_add_table (self, widths, 0xe, 9, _("Medication"), _("As-needed doses"),
                                _("With both scores"), _("Mean change"), NULL);
  for (guint i = 0; i < summaries->len; i++)
    {
      PdPrnSummary *summary = g_ptr_array_index (summaries, i);
      g_autofree char *doses = g_strdup_printf ("%u", summary->n_doses);
      g_autofree char *paired = g_strdup_printf ("%u", summary->n_paired);
      g_autofree char *change = isnan (summary->mean_change) ? g_strdup ("–")
                                : g_strdup_printf ("%+.1f", summary->mean_change);

      _pd_report_add_row (self, table,
                          _pd_report_cells_new (summary->name, doses, paired, change, NULL));
    }
  return TRUE;
}

void
_pd_report_add_spine (PdReport    *self,
                      PdDiaryData *data)
{
  gboolean any;

  _pd_report_add_heading (self, _("Spine outcomes"));
  any = add_back_leg (self);
  if (any)
    _pd_report_add_space (self, 4);
  if (add_trial (self, data))
    any = TRUE, _pd_report_add_space (self, 4);
  if (add_function (self, data))
    any = TRUE, _pd_report_add_space (self, 4);
  if (add_impressions (self, data))
    any = TRUE, _pd_report_add_space (self, 4);
  if (add_as_needed (self, data))
    any = TRUE;
  if (!any)
    _pd_report_add_text (self, 8, _("No back or leg pain, stimulator trial, function ratings, "
                                    "impressions of change or as-needed doses in this period."));
}
