/* pd-report-sections.c: the sections after the summary: charts, before and after, notes and the daily table
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

/* The other sections */

void
_pd_report_add_charts (PdReport *self)
{
  PdReportBlock *block;

  /* A page of their own, unless the page before is mostly empty still. */
  _pd_report_add_page_break (self, PD_REPORT_BREAK_ROOM);
  _pd_report_add_heading (self, _("Medication and activity"));
  _pd_report_add_text (self, PD_REPORT_SMALL_SIZE,
                       _("Doses taken per day by medication, daily opioid MME, and minutes of activity "
                         "and therapy per day."));
  block = _pd_report_add_block (self, PD_REPORT_BLOCK_CHART);
  block->panels = PD_CHART_PANEL_MEDICATION | PD_CHART_PANEL_ACTIVITY;
  block->size = PD_REPORT_DETAIL_CHART_HEIGHT;
}

void
_pd_report_add_before_after (PdReport *self)
{
  const PdDayEvent *events;
  guint n_events, n_shown = 0;
  PdBeforeAfterOptions options;

  pd_before_after_options_init (&options);
  _pd_report_add_heading (self, _("Before and after treatment events"));
  {
    g_autofree char *intro = g_strdup_printf (
      _("Mean daily pain in the %u days before each event and on days %u–%u after it. These "
        "are observations from the diary: they do not show what caused a change."),
      options.before_days, options.after_start, options.after_end);
    _pd_report_add_text (self, PD_REPORT_SMALL_SIZE, intro);
  }

  events = pd_daily_series_get_events (self->series, &n_events);
  for (guint i = 0; i < n_events; i++)
    {
      const PdDayEvent *event = &events[i];
      PdBeforeAfter result;
      g_autofree char *details = NULL;
      g_autofree char *escaped = NULL;
      PdReportBlock *bars;

      if (event->day < self->first_day || event->day > self->last_day)
        continue;
      n_shown++;
      pd_before_after_compute (self->series, event->day, &options, &result);
      _pd_report_add_event_title (self, event->day, event->title,
                                  event->kind != NULL ? pd_event_kind_label (event->kind) : "");
      g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_next = TRUE;

      bars = _pd_report_add_block (self, PD_REPORT_BLOCK_BARS);
      bars->before = result.pain_before.mean;
      bars->after = result.pain_after.mean;
      bars->size = PD_REPORT_BARS_HEIGHT;
      bars->keep_with_next = TRUE;

      details = _pd_report_describe_before_after (&result, FALSE);
      escaped = g_markup_escape_text (details, -1);
      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, escaped);
      _pd_report_add_event_spine (self, self->data, event->day, event->title);
      _pd_report_add_space (self, 8);
    }
  if (n_shown == 0)
    _pd_report_add_text (self, PD_REPORT_BODY_SIZE, _("No treatment events in this period."));
}

static int
compare_entries_by_time (gconstpointer a,
                         gconstpointer b)
{
  gint64 ta = pd_pain_entry_get_time (*(PdPainEntry **) a);
  gint64 tb = pd_pain_entry_get_time (*(PdPainEntry **) b);

  return (ta > tb) - (ta < tb);
}

void
_pd_report_add_notes (PdReport    *self,
                      PdDiaryData *data)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();

  for (guint i = 0; data->pain_entries != NULL && i < data->pain_entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (data->pain_entries, i);
      guint32 day = pd_pain_entry_get_local_day (entry);
      const char *note = pd_pain_entry_get_note (entry);

      if (day >= self->first_day && day <= self->last_day && note != NULL && *note != '\0')
        g_ptr_array_add (notes, entry);
    }
  g_ptr_array_sort (notes, compare_entries_by_time);

  _pd_report_add_heading (self, _("Notes"));
  if (notes->len == 0)
    _pd_report_add_text (self, PD_REPORT_BODY_SIZE, _("No notes in this period."));
  for (guint i = 0; i < notes->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (notes, i);
      g_autoptr(GDateTime) local = pd_pain_entry_dup_local_time (entry);
      g_autofree char *date = _pd_report_format_day (_pd_report_julian_of (local));
      g_autofree char *clock = g_date_time_format (local, "%H:%M");
      g_autofree char *score = g_strdup_printf (_("pain %d"), pd_pain_entry_get_pain (entry));
      /* Em spaces: a plain space after the bold date is too narrow to part it from the time
       * ("17 Nov 202619:51"), on paper and to text extraction. */
      g_autofree char *line = g_markup_printf_escaped ("<b>%s</b>\u2003%s\u2003"
                                                       "<span foreground=\"#666666\">%s</span>\u2003%s",
                                                       date, clock, score,
                                                       pd_pain_entry_get_note (entry));

      _pd_report_add_text (self, PD_REPORT_BODY_SIZE, line);
    }
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
is_not_counted_day (PdReport *self,
                    guint32   day)
{
  GArray *days = self->not_counted->days;
  guint index;

  return g_array_binary_search (days, &day, compare_days, &index);
}

void
_pd_report_add_daily_table (PdReport *self)
{
  static const double widths[] = { 0.19, 0.08, 0.08, 0.07, 0.07, 0.09, 0.08, 0.08, 0.10, 0.16 };
  int table;

  /* A page of its own, unless the notes before it left most of theirs empty. */
  _pd_report_add_page_break (self, PD_REPORT_BREAK_ROOM);
  _pd_report_add_heading (self, _("Daily values"));
  table = _pd_report_add_table (self, widths, 0x3fe, 8, _("Date"), _("Entries"), _("Mean"),
                                _("Min"), _("Max"), _("Sleep h"), _("Mood"), _("Doses"), _("MME"),
                                _("Activity min"), NULL);
  for (guint32 d = self->first_day; d <= self->last_day; d++)
    {
      const PdDay *day = pd_daily_series_get_day (self->series, d);
      gboolean any = day->n_entries > 0;
      char **cells = g_new0 (char *, 11);
      g_autofree char *weekday = _pd_report_format_day_as (d, "%a");
      g_autofree char *date = _pd_report_format_day (d);

      /* Translators: a weekday and a date in the daily table, as in "Wed 4 Nov 2026". */
      cells[0] = g_strdup_printf (C_("daily table", "%s %s"), weekday, date);
      cells[1] = g_strdup_printf ("%u", day->n_entries);
      cells[2] = _pd_report_format_score (day->pain_mean);
      cells[3] = any ? g_strdup_printf ("%d", day->pain_min) : g_strdup ("–");
      cells[4] = any ? g_strdup_printf ("%d", day->pain_max) : g_strdup ("–");
      cells[5] = _pd_report_format_score (day->sleep_hours);
      cells[6] = _pd_report_format_score (day->mood_mean);
      cells[7] = g_strdup_printf ("%u", day->n_doses);
      /* A day whose total leaves out a dose: at least this much. */
      cells[8] = is_not_counted_day (self, d) ? g_strdup_printf ("%.0f*", day->mme)
                                              : g_strdup_printf ("%.0f", day->mme);
      cells[9] = g_strdup_printf ("%u", day->activity_minutes);
      _pd_report_add_row (self, table, cells);
    }
  if (self->not_counted->days->len > 0)
    _pd_report_add_footnote (self, _("* Too low: a dose taken that day is not counted in its MME "
                                     "(see Current medications)."));
}
