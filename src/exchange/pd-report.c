/* pd-report.c: the clinician report, laid out as a flow of blocks cut into pages
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

/* Local days reach 14 hours either side of UTC. */
#define MAX_OFFSET (14 * 3600)

G_DEFINE_FINAL_TYPE (PdReport, pd_report, G_TYPE_OBJECT)

/* Paper */

void
pd_paper_get_size (PdPaper  paper,
                   double  *width_pt,
                   double  *height_pt)
{
  if (paper == PD_PAPER_LETTER)
    {
      *width_pt = 612;
      *height_pt = 792;
    }
  else
    {
      *width_pt = 595.276;
      *height_pt = 841.89;
    }
}

PdPaper
pd_paper_from_size_mm (guint width_mm,
                       guint height_mm)
{
  return width_mm >= 214 && width_mm <= 218 && height_mm >= 277 && height_mm <= 281
         ? PD_PAPER_LETTER : PD_PAPER_A4;
}

PdPaper
pd_paper_from_locale_name (const char *locale)
{
  /* The territories whose glibc locales give LC_PAPER as US Letter. */
  static const char *const letter[] = {
    "US", "CA", "MX", "PH", "PR", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "NI", "DO",
  };
  const char *underscore;
  char territory[3];

  if (locale == NULL || (underscore = strchr (locale, '_')) == NULL ||
      !g_ascii_isalpha (underscore[1]) || !g_ascii_isalpha (underscore[2]))
    return PD_PAPER_A4;
  territory[0] = g_ascii_toupper (underscore[1]);
  territory[1] = g_ascii_toupper (underscore[2]);
  territory[2] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (letter); i++)
    if (strcmp (territory, letter[i]) == 0)
      return PD_PAPER_LETTER;
  return PD_PAPER_A4;
}

static const char *
paper_locale_from_environment (void)
{
  static const char *const names[] = { "LC_ALL", "LC_PAPER", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

PdPaper
pd_paper_for_current_locale (void)
{
  const char *current = setlocale (LC_PAPER, NULL);

  if (current != NULL && strcmp (current, "C") != 0 && strcmp (current, "POSIX") != 0 &&
      !g_str_has_prefix (current, "C."))
    {
#ifdef _NL_PAPER_WIDTH
      /* glibc answers these two with a number in place of the pointer. */
      union { const char *string; unsigned int word; } width, height;

      width.string = nl_langinfo (_NL_PAPER_WIDTH);
      height.string = nl_langinfo (_NL_PAPER_HEIGHT);
      if (width.word > 0 && height.word > 0)
        return pd_paper_from_size_mm (width.word, height.word);
#endif
      return pd_paper_from_locale_name (current);
    }
  return pd_paper_from_locale_name (paper_locale_from_environment ());
}

void
pd_report_sections_init (PdReportSections *sections)
{
  g_return_if_fail (sections != NULL);

  sections->charts = TRUE;
  sections->before_after = TRUE;
  sections->notes = TRUE;
  sections->daily_table = TRUE;
  pd_check_options_init (&sections->checks);
}

/* Building blocks */

static void
block_clear (gpointer data)
{
  PdReportBlock *block = data;

  g_free (block->markup);
  g_strfreev (block->cells);
}

static char *
make_header (const char *patient_name,
             const char *surgery_date,
             guint32     first_day,
             guint32     last_day,
             GDateTime  *generated)
{
  gboolean has_name = patient_name != NULL && *patient_name != '\0';
  gboolean has_surgery = surgery_date != NULL && *surgery_date != '\0';
  g_autofree char *from = _pd_report_format_day (first_day);
  g_autofree char *to = _pd_report_format_day (last_day);
  g_autofree char *generated_day = _pd_report_format_day (_pd_report_julian_of (generated));
  g_autofree char *clock = g_date_time_format (generated, "%H:%M");
  g_autofree char *surgery = has_surgery ? _pd_report_format_iso_date (surgery_date) : NULL;
  /* Translators: when the report was made, as in "3 Dec 2026 14:58". */
  g_autofree char *when = g_strdup_printf (C_("generated", "%s %s"), generated_day, clock);
  guint n_days = last_day - first_day + 1;
  g_autofree char *period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%s to %s (%u day)",
                                                          "%s to %s (%u days)", n_days),
                                             from, to, n_days);

  /* Translators: the report's header; "not set" stands for a missing name or date. */
  return g_markup_printf_escaped (_("Patient: <b>%s</b>   Surgery: <b>%s</b>\n"
                                    "Period: <b>%s</b>   Generated %s"),
                                  has_name ? patient_name : _("not set"),
                                  has_surgery ? surgery : _("not set"),
                                  period, when);
}

/* Public API */

static void
pd_report_finalize (GObject *object)
{
  PdReport *self = PD_REPORT (object);

  g_clear_pointer (&self->series, pd_daily_series_unref);
  g_clear_pointer (&self->body_stats, pd_body_stats_free);
  g_clear_pointer (&self->not_counted, pd_not_counted_days_free);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->tables, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_free (self->header);

  G_OBJECT_CLASS (pd_report_parent_class)->finalize (object);
}

static void
pd_report_class_init (PdReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_report_finalize;
}

static void
pd_report_init (PdReport *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (PdReportBlock));
  g_array_set_clear_func (self->blocks, block_clear);
  self->tables = g_array_new (FALSE, TRUE, sizeof (PdReportTable));
  self->pages = g_array_new (FALSE, TRUE, sizeof (PdReportPage));
}

/* The first day the series needs: the previous period, the 14 days before an event, the
 * 30 days of adherence. */
static guint32
needed_first_day (guint32 first_day,
                  guint32 last_day)
{
  guint32 n_days = last_day - first_day + 1;

  return MIN (MIN (first_day - n_days, first_day - PD_REPORT_MIN_LOOKBACK), last_day - 29);
}

PdReport *
pd_report_new (PdDiaryData            *data,
               guint32                 first_day,
               guint32                 last_day,
               const char             *patient_name,
               const char             *surgery_date,
               GDateTime              *generated,
               const PdReportSections *sections)
{
  PdReport *self;
  PdReportSections all;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (first_day > PD_REPORT_MIN_LOOKBACK + 60 && first_day <= last_day, NULL);

  if (sections == NULL)
    {
      pd_report_sections_init (&all);
      sections = &all;
    }
  if (generated == NULL)
    generated = now = g_date_time_new_now_local ();

  self = g_object_new (PD_TYPE_REPORT, NULL);
  self->first_day = first_day;
  self->last_day = last_day;
  self->data = data;
  self->series = pd_daily_series_new (data,
                                      MIN (needed_first_day (first_day, last_day),
                                           _pd_report_spine_first_day (data->events, first_day)),
                                      last_day);
  self->header = make_header (patient_name, surgery_date, first_day, last_day, generated);
  self->not_counted = pd_not_counted_days (data->doses, data->medications, first_day, last_day);

  {
    PdReportBlock *title = _pd_report_add_block (self, PD_REPORT_BLOCK_TEXT);

    title->markup = g_markup_printf_escaped ("<b>%s</b>", _("Pain diary report"));
    title->size = PD_REPORT_TITLE_SIZE;
    title->keep_with_next = TRUE;
  }
  _pd_report_add_key_figures (self);
  _pd_report_add_change (self);
  _pd_report_add_latest_event (self, data);
  _pd_report_add_red_flags (self, data);
  _pd_report_add_medication_safety (self, data, sections);
  _pd_report_add_heading (self, _("Pain trend"));
  _pd_report_add_trend_chart (self);
  _pd_report_add_weekly_peg (self);
  _pd_report_add_body_map (self, data);
  _pd_report_add_medications (self, data);

  if (sections->charts)
    _pd_report_add_charts (self);
  if (sections->before_after)
    {
      _pd_report_add_before_after (self);
      /* The outcomes of treatments: back and leg pain, a stimulator trial, function,
       * impressions of change, as-needed doses. */
      _pd_report_add_spine (self, data);
    }
  if (sections->notes)
    _pd_report_add_notes (self, data);
  if (sections->daily_table)
    _pd_report_add_daily_table (self);
  self->data = NULL;
  return self;
}

PdReport *
pd_report_load (PdDatabase              *db,
                guint32                  first_day,
                guint32                  last_day,
                const PdReportSections  *sections,
                GError                 **error)
{
  g_autoptr(PdDiaryData) data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *surgery = NULL;
  PdReportSections with_status;
  guint32 from;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (first_day <= last_day, NULL);

  /* The rolling mean looks back a week more; page 1 names the latest event before the period,
   * with its before window. */
  from = needed_first_day (first_day, last_day) - PD_ROLLING_DAYS;
  {
    g_autoptr(GPtrArray) events = pd_database_list_events (db, G_MININT64,
                                                           pd_local_day_start (first_day, MAX_OFFSET),
                                                           error);

    if (events == NULL)
      return NULL;
    from = MIN (from, _pd_report_spine_first_day (events, first_day) - PD_ROLLING_DAYS);
  }
  data = pd_database_load_range (db, pd_local_day_start (from, MAX_OFFSET),
                                 pd_local_day_start (last_day + 1, -MAX_OFFSET), error);
  if (data == NULL)
    return NULL;
  name = pd_database_get_meta (db, "patient_name");
  surgery = pd_database_get_meta (db, "surgery_date");
  if (sections != NULL)
    with_status = *sections;
  else
    pd_report_sections_init (&with_status);
  with_status.checks.cyp2d6 = pd_database_get_cyp2d6 (db);
  return pd_report_new (data, first_day, last_day, name, surgery, NULL, &with_status);
}

guint32
pd_report_get_first_day (PdReport *self)
{
  g_return_val_if_fail (PD_IS_REPORT (self), 0);
  return self->first_day;
}

guint32
pd_report_get_last_day (PdReport *self)
{
  g_return_val_if_fail (PD_IS_REPORT (self), 0);
  return self->last_day;
}
