/* pd-report-summary.c: the summary page: key figures, change, red flags, medication safety, the trend, weekly PEG, the body map and the medications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pd-before-after.h"
#include "pd-body-map.h"
#include "pd-catalogue.h"
#include "pd-chart.h"
#include "pd-daily.h"
#include "pd-medication-checks.h"
#include "pd-output.h"
#include "pd-report.h"
#include "pd-report-private.h"
#include "pd-safety-days.h"
#include "pd-tags.h"
#include "pd-types.h"

/* The summary page */

void
_pd_report_add_key_figures (PdReport *self)
{
  const PdDailySeries *series = self->series;
  guint n_with_data = 0, n_days = self->last_day - self->first_day + 1;
  double mean = pd_daily_series_mean_pain (series, self->first_day, self->last_day,
                                           &n_with_data);
  const PdDay *best = NULL, *worst = NULL;
  static const double widths[] = { 0.34, 0.33, 0.33 };
  int table;
  g_autofree char *days_text = NULL;

  for (guint32 d = self->first_day; d <= self->last_day; d++)
    {
      const PdDay *day = pd_daily_series_get_day (series, d);

      if (day == NULL || day->n_entries == 0)
        continue;
      if (best == NULL || day->pain_mean < best->pain_mean)
        best = day;
      if (worst == NULL || day->pain_mean > worst->pain_mean)
        worst = day;
    }

  table = _pd_report_add_table (self, widths, 0, 10, _("Average pain (0–10)"),
                                _("Best day (lowest mean)"), _("Worst day (highest mean)"), NULL);
  if (best == NULL)
    {
      _pd_report_add_row (self, table, _pd_report_cells_new ("–", "–", "–", NULL));
      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, _("No pain entries in this period."));
      return;
    }
  {
    g_autofree char *average = g_strdup_printf ("%.1f", mean);
    g_autofree char *best_day = _pd_report_format_day (best->day);
    g_autofree char *worst_day = _pd_report_format_day (worst->day);
    /* Translators: a day's mean pain and its date. */
    g_autofree char *best_text = g_strdup_printf (_("%.1f on %s"), best->pain_mean, best_day);
    g_autofree char *worst_text = g_strdup_printf (_("%.1f on %s"), worst->pain_mean, worst_day);
    PdReportBlock *row;

    _pd_report_add_row (self, table, _pd_report_cells_new (average, best_text, worst_text, NULL));
    row = &g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1);
    row->size = PD_REPORT_FIGURE_SIZE;
  }
  _pd_report_add_space (self, 3);
  days_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Pain was recorded on %u of %u day in the period.",
                                            "Pain was recorded on %u of %u days in the period.",
                                            n_days),
                               n_with_data, n_days);
  _pd_report_add_footnote (self, days_text);
}

void
_pd_report_add_change (PdReport *self)
{
  guint n_days = self->last_day - self->first_day + 1, n_now = 0, n_before = 0;
  guint32 before_first = self->first_day - n_days, before_last = self->first_day - 1;
  double now = pd_daily_series_mean_pain (self->series, self->first_day, self->last_day, &n_now);
  double before = pd_daily_series_mean_pain (self->series, before_first, before_last, &n_before);
  PdChangeVerdict verdict = pd_change_verdict (before, n_before, now, n_now);
  g_autofree char *from = _pd_report_format_day (before_first);
  g_autofree char *to = _pd_report_format_day (before_last);
  g_autofree char *heading = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *conclusion = NULL;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Change from the previous %u day (%s to %s)",
                                          "Change from the previous %u days (%s to %s)", n_days),
                             n_days, from, to);
  _pd_report_add_heading (self, heading);

  switch (verdict)
    {
    case PD_CHANGE_NOT_ENOUGH_DATA:
      conclusion = g_markup_printf_escaped (
        _("<b>%s</b> to compare: pain was recorded on %u days in the previous period and %u in "
          "this one; each needs at least %d."),
        pd_change_verdict_label (verdict), n_before, n_now, PD_BEFORE_AFTER_MIN_DAYS);
      break;
    case PD_CHANGE_MEANINGFUL:
      figures = g_strdup_printf (_("Average pain %.1f, down from %.1f: %+.1f points (%+.0f%%)."),
                                 now, before, now - before, 100 * (now - before) / before);
      conclusion = g_markup_printf_escaped (
        _("%s <b>%s</b>: pain was at least %.0f%% and at least %.0f points lower than in the "
          "previous period."),
        figures, pd_change_verdict_label (verdict), PD_MEANINGFUL_PERCENT, PD_MEANINGFUL_POINTS);
      break;
    case PD_CHANGE_NO_CLEAR_CHANGE:
    default:
      if (before > 0)
        figures = g_strdup_printf (_("Average pain %.1f, previously %.1f: %+.1f points (%+.0f%%)."),
                                   now, before, now - before, 100 * (now - before) / before);
      else
        figures = g_strdup_printf (_("Average pain %.1f, previously %.1f: %+.1f points."),
                                   now, before, now - before);
      conclusion = g_markup_printf_escaped (
        _("%s <b>%s</b>: a meaningful change is at least %.0f%% and at least %.0f points "
          "lower."),
        figures, pd_change_verdict_label (verdict), PD_MEANINGFUL_PERCENT, PD_MEANINGFUL_POINTS);
      break;
    }
  _pd_report_add_text (self, PD_REPORT_BODY_SIZE, conclusion);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 da = *(const guint32 *) a, db = *(const guint32 *) b;

  return (da > db) - (da < db);
}

void
_pd_report_add_red_flags (PdReport    *self,
                          PdDiaryData *data)
{
  g_autoptr(GHashTable) flags = g_hash_table_new (NULL, NULL);
  g_autoptr(GList) days = NULL;
  guint n_entries = data->pain_entries != NULL ? data->pain_entries->len : 0;

  for (guint i = 0; i < n_entries; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (data->pain_entries, i);
      guint32 day = pd_pain_entry_get_local_day (entry);
      guint32 mask = pd_pain_entry_get_red_flags (entry);

      if (mask == 0 || day < self->first_day || day > self->last_day)
        continue;
      mask |= GPOINTER_TO_UINT (g_hash_table_lookup (flags, GUINT_TO_POINTER (day)));
      g_hash_table_insert (flags, GUINT_TO_POINTER (day), GUINT_TO_POINTER (mask));
    }

  _pd_report_add_heading (self, _("Red flags"));
  if (g_hash_table_size (flags) == 0)
    {
      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, _("No red-flag symptoms were recorded in this period."));
      return;
    }
  days = g_hash_table_get_keys (flags);
  {
    g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (guint32));

    for (GList *l = days; l != NULL; l = l->next)
      {
        guint32 day = GPOINTER_TO_UINT (l->data);
        g_array_append_val (sorted, day);
      }
    g_array_sort (sorted, compare_days);
    for (guint i = 0; i < sorted->len; i++)
      {
        guint32 day = g_array_index (sorted, guint32, i);
        guint32 mask = GPOINTER_TO_UINT (g_hash_table_lookup (flags, GUINT_TO_POINTER (day)));
        g_autofree char *date = _pd_report_format_day (day);
        g_autofree char *labels = pd_tags_to_label (PD_TAG_RED_FLAG, mask);
        g_autofree char *line = g_markup_printf_escaped ("<span foreground=\"#a51d2d\"><b>%s</b></span>  %s",
                                                         date, labels);

        _pd_report_add_text (self, PD_REPORT_BODY_SIZE, line);
      }
  }
  _pd_report_add_footnote (self,
                       _("Red-flag symptoms need prompt review: ask the care team whether they were "
                         "assessed."));
}

/* The days with each medication safety flag, and the CYP2D6 status the patient recorded. */
void
_pd_report_add_medication_safety (PdReport               *self,
                                  PdDiaryData            *data,
                                  const PdReportSections *sections)
{
  g_autoptr(GPtrArray) flags = pd_safety_flag_days (data->doses, data->medications,
                                                    self->first_day, self->last_day,
                                                    &sections->checks);
  PdCyp2d6Status status = sections->checks.cyp2d6;
  gboolean prodrug = FALSE;

  _pd_report_add_heading (self, _("Medication safety"));
  if (flags->len == 0)
    _pd_report_add_text (self, PD_REPORT_BODY_SIZE,
                         _("No medication safety flags were raised by the logged doses in this period."));
  for (guint i = 0; i < flags->len; i++)
    {
      PdSafetyFlagDays *flag = g_ptr_array_index (flags, i);
      g_autofree char *label = pd_safety_flag_describe (flag->code);
      g_autofree char *dates = pd_safety_flag_format_days (flag->days, 6);
      /* Translators: "<flag>: 3 days (2024-10-02, ...)" */
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                                             flag->days->len),
                                                flag->days->len);
      g_autofree char *line = g_markup_printf_escaped ("<b>%s</b>: %s (%s)", label, count, dates);

      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, line);
    }

  for (guint32 d = self->first_day; d <= self->last_day && !prodrug; d++)
    prodrug = pd_day_has_cyp2d6_prodrug (data->doses, data->medications, d);
  if (status != PD_CYP2D6_UNKNOWN || prodrug)
    {
      g_autofree char *line = g_strdup_printf (_("CYP2D6 status (from the patient's genetic test "
                                                 "report): %s."), pd_cyp2d6_status_label (status));

      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, line);
      /* For an unknown status the information is only the patient's invitation to record it:
       * page 1 keeps its room for what the clinician needs. */
      if (prodrug && status != PD_CYP2D6_UNKNOWN)
        {
          g_autofree char *information = pd_cyp2d6_information (status);

          if (information != NULL)
            _pd_report_add_footnote (self, information);
        }
    }
  if (flags->len > 0)
    _pd_report_add_footnote (self,
                         _("Information from the logged doses, not a judgement of the treatment: ask the "
                           "care team to review it."));
}

void
_pd_report_add_trend_chart (PdReport *self)
{
  PdReportBlock *block = _pd_report_add_block (self, PD_REPORT_BLOCK_CHART);

  block->panels = PD_CHART_PANEL_PAIN;
  block->size = PD_REPORT_TREND_CHART_HEIGHT;
}

/* PEG per ISO week: the means of the days' pain, enjoyment and activity means. */
void
_pd_report_add_weekly_peg (PdReport *self)
{
  static const double widths[] = { 0.30, 0.10, 0.15, 0.15, 0.15, 0.15 };
  typedef struct { guint32 monday; guint n; double p, e, g; guint n_p, n_e, n_g; } Week;
  g_autoptr(GArray) weeks = g_array_new (FALSE, TRUE, sizeof (Week));
  guint first_shown;
  int table;

  for (guint32 d = self->first_day; d <= self->last_day; d++)
    {
      const PdDay *day = pd_daily_series_get_day (self->series, d);
      GDate date;
      guint32 monday;
      Week *week;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, d);
      monday = d - (g_date_get_weekday (&date) - G_DATE_MONDAY);
      if (weeks->len == 0 || g_array_index (weeks, Week, weeks->len - 1).monday != monday)
        {
          Week empty = { .monday = monday };
          g_array_append_val (weeks, empty);
        }
      week = &g_array_index (weeks, Week, weeks->len - 1);
      if (day == NULL || day->n_entries == 0)
        continue;
      week->n++;
      week->p += day->pain_mean, week->n_p++;
      if (!isnan (day->enjoyment_mean))
        week->e += day->enjoyment_mean, week->n_e++;
      if (!isnan (day->activity_mean))
        week->g += day->activity_mean, week->n_g++;
    }

  _pd_report_add_heading (self, _("Weekly PEG (pain, enjoyment of life, general activity)"));
  table = _pd_report_add_table (self, widths, 0x3e, 9, _("ISO week"), _("Days"), _("Pain (P)"),
                                _("Enjoyment (E)"), _("Activity (G)"), _("PEG"), NULL);
  first_shown = weeks->len > PD_REPORT_SUMMARY_WEEKS ? weeks->len - PD_REPORT_SUMMARY_WEEKS : 0;
  for (guint i = first_shown; i < weeks->len; i++)
    {
      Week *week = &g_array_index (weeks, Week, i);
      GDate thursday;
      double p = _pd_report_mean_of (week->p, week->n_p), e = _pd_report_mean_of (week->e, week->n_e);
      double g = _pd_report_mean_of (week->g, week->n_g);
      double peg = isnan (p) || isnan (e) || isnan (g) ? NAN : (p + e + g) / 3;
      g_autofree char *monday = _pd_report_format_day (week->monday);
      g_autofree char *label = NULL;
      g_autofree char *n = g_strdup_printf ("%u", week->n);
      g_autofree char *ps = _pd_report_format_score (p);
      g_autofree char *es = _pd_report_format_score (e);
      g_autofree char *gs = _pd_report_format_score (g);
      g_autofree char *pegs = _pd_report_format_score (peg);

      g_date_clear (&thursday, 1);
      g_date_set_julian (&thursday, week->monday + 3);
      /* Translators: ISO year and week number, then the date of its Monday. */
      label = g_strdup_printf (_("%u-W%02u (from %s)"), g_date_get_year (&thursday),
                               g_date_get_iso8601_week_of_year (&thursday), monday);
      _pd_report_add_row (self, table, _pd_report_cells_new (label, n, ps, es, gs, pegs, NULL));
    }
  if (first_shown > 0)
    {
      g_autofree char *more = g_strdup_printf (_("The last %u of %u weeks."),
                                               PD_REPORT_SUMMARY_WEEKS, weeks->len);
      _pd_report_add_footnote (self, more);
    }
}

static char *
format_adherence (PdAdherence adherence)
{
  if (adherence.due == 0)
    return g_strdup ("–");
  /* Translators: scheduled doses taken, doses due and the percentage. */
  return g_strdup_printf (_("%u of %u (%.0f%%)"), adherence.taken, adherence.due,
                          100.0 * adherence.taken / adherence.due);
}

/* The doses that count nothing toward the totals above, and their days: a clinician must not
 * read those days' totals as complete. */
static void
add_not_counted (PdReport *self)
{
  GArray *days = self->not_counted->days;
  GPtrArray *doses = self->not_counted->doses;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *dates = NULL;
  g_autofree char *line = NULL;

  if (days->len == 0)
    return;
  for (guint i = 0; i < doses->len && i < 4; i++)
    {
      if (i > 0)
        /* Translators: between the doses of a list: "Percocet, 2 tablets; Oxycodone, 1 tablet". */
        g_string_append (list, _("; "));
      g_string_append (list, g_ptr_array_index (doses, i));
    }
  if (doses->len > 4)
    /* Translators: after a list of doses: "...; Oxycodone, 1 tablet and 2 more". */
    g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                               doses->len - 4),
                            doses->len - 4);
  dates = pd_safety_flag_format_days (days, 6);
  /* Escaped: the doses carry the names the patient typed. */
  line = g_markup_printf_escaped (
    g_dngettext (GETTEXT_PACKAGE,
                 "Doses not counted in the daily MME or acetaminophen total (because of their "
                 "unit, or an unknown strength): %s. The totals of %u day are too low (%s).",
                 "Doses not counted in the daily MME or acetaminophen total (because of their "
                 "unit, or an unknown strength): %s. The totals of %u days are too low (%s).",
                 days->len),
    list->str, days->len, dates);
  _pd_report_add_text (self, PD_REPORT_BODY_SIZE, line);
}

void
_pd_report_add_medications (PdReport    *self,
                            PdDiaryData *data)
{
  static const double widths[] = { 0.26, 0.34, 0.20, 0.20 };
  GPtrArray *medications = data->medications;
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  GPtrArray *doses = data->doses != NULL ? data->doses : empty;
  guint now_minute, n_shown = 0;
  guint32 now_day = pd_local_today (&now_minute);
  double mme_min = INFINITY, mme_max = 0;
  guint n_caution = 0;
  int table;

  _pd_report_add_heading (self, _("Current medications"));
  table = _pd_report_add_table (self, widths, 0xc, 9, _("Medication"), _("Schedule"),
                                _("Taken, last 7 days"), _("Taken, last 30 days"), NULL);
  for (guint i = 0; medications != NULL && i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);
      guint32 stop = pd_medication_get_stop_day (medication);
      g_autofree char *schedule = NULL;
      g_autofree char *week = NULL;
      g_autofree char *month = NULL;

      if (pd_medication_get_start_day (medication) > self->last_day ||
          (stop != 0 && stop < self->first_day))
        continue;
      if (pd_medication_is_as_needed (medication))
        schedule = g_strdup (_("as needed"));
      else
        {
          g_autofree char *times = pd_medication_dup_schedule_string (medication);
          g_auto(GStrv) list = g_strsplit (times, ";", -1);

          schedule = g_strjoinv (", ", list);
        }
      if (stop != 0 && stop <= self->last_day)
        {
          g_autofree char *stop_day = _pd_report_format_day_unbroken (stop);
          g_autofree char *with_stop = g_strdup_printf (_("%s, stopped %s"), schedule, stop_day);
          g_free (schedule);
          schedule = g_steal_pointer (&with_stop);
        }
      week = format_adherence (pd_adherence (medication, doses, self->last_day - 6, self->last_day,
                                             now_day, now_minute));
      month = format_adherence (pd_adherence (medication, doses, self->last_day - 29,
                                              self->last_day, now_day, now_minute));
      _pd_report_add_row (self, table,
                          _pd_report_cells_new (pd_medication_get_name (medication), schedule, week,
                                                month, NULL));
      n_shown++;
    }
  if (n_shown == 0)
    _pd_report_add_row (self, table, _pd_report_cells_new (_("None in the regimen"), "", "", "",
                        NULL));
  _pd_report_add_space (self, 4);

  for (guint32 d = self->first_day; d <= self->last_day; d++)
    {
      const PdDay *day = pd_daily_series_get_day (self->series, d);

      mme_min = MIN (mme_min, day->mme);
      mme_max = MAX (mme_max, day->mme);
      n_caution += day->mme >= PD_MME_CAUTION;
    }
  if (mme_max <= 0 && self->not_counted->days->len > 0)
    _pd_report_add_text (self, PD_REPORT_BODY_SIZE, _("No opioid dose could be counted in this period."));
  else if (mme_max <= 0)
    _pd_report_add_text (self, PD_REPORT_BODY_SIZE, _("No opioid doses were logged in this period."));
  else
    {
      g_autofree char *range = g_strdup_printf (
        _("Daily opioid dose: %.0f–%.0f morphine milligram equivalents (MME), from the logged "
          "doses."), mme_min, mme_max);

      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, range);
    }
  add_not_counted (self);
  if (n_caution > 0)
    {
      g_autofree char *caution = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "On %u day the total was %.0f MME or more, the level at which the CDC's "
                     "2022 guideline asks clinicians to reassess (it is not a limit). Ask the "
                     "care team to review it.",
                     "On %u days the total was %.0f MME or more, the level at which the CDC's "
                     "2022 guideline asks clinicians to reassess (it is not a limit). Ask the "
                     "care team to review it.", n_caution),
        n_caution, PD_MME_CAUTION);

      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, caution);
    }
  _pd_report_add_footnote (self,
                       _("Taken: scheduled doses marked taken of those due. MME totals exposure only; it "
                         "is never a conversion between opioids."));
}

/* Where it hurt: the body map of the period, its summary, and whether the pain now
 * reaches below the knee. Only when a location was given. */
void
_pd_report_add_body_map (PdReport    *self,
                         PdDiaryData *data)
{
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;
  g_autofree char *custom = NULL;

  self->body_stats = pd_body_stats_new (data->pain_entries, self->first_day, self->last_day);
  if (self->body_stats->max_days == 0 && self->body_stats->custom->len == 0)
    return;
  summary = pd_body_stats_summary (self->body_stats, 6);
  note = pd_body_stats_note (self->body_stats);
  _pd_report_add_heading (self, _("Where it hurt"));
  if (note != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", note);

      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, markup);
      g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_next = TRUE;
    }
  {
    g_autofree char *escaped = g_markup_escape_text (summary, -1);

    /* The words stay on the page of their picture. */
    _pd_report_add_text (self, PD_REPORT_SMALL_SIZE, escaped);
    g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_next = TRUE;
  }
  if ((custom = pd_body_stats_describe_custom (self->body_stats)) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (custom, -1);

      _pd_report_add_text (self, PD_REPORT_SMALL_SIZE, escaped);
      g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_next = TRUE;
    }
  _pd_report_add_block (self, PD_REPORT_BLOCK_BODY_MAP)->size = PD_REPORT_BODY_MAP_HEIGHT;
}
