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

static const PdReportColour ink = { 0.13, 0.13, 0.13 };
static const PdReportColour dim = { 0.40, 0.40, 0.40 };
static const PdReportColour rule = { 0.80, 0.80, 0.80 };
static const PdReportColour shade = { 0.94, 0.94, 0.94 };
static const PdReportColour before_colour = { 0.60, 0.60, 0.60 };
static const PdReportColour after_colour = { 0.0, 0.447, 0.698 };  /* Okabe-Ito blue */

struct _PdReport
{
  GObject parent_instance;

  PdDailySeries *series;
  PdBodyStats *body_stats;
  guint32 first_day;
  guint32 last_day;
  char *header;          /* markup: patient, surgery, period, generation date */
  PdDiaryData *data;     /* while pd_report_new builds the blocks; not owned */

  GArray *blocks;        /* PdReportBlock */
  GArray *tables;        /* PdReportTable */

  /* The layout for one page size. */
  double laid_out_width;
  double laid_out_height;
  GArray *pages;         /* PdReportPage */
};

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

static PdReportBlock *
add_block (PdReport         *self,
           PdReportBlockKind kind)
{
  PdReportBlock block = { .kind = kind, .table = -1 };

  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1);
}

static void
add_text (PdReport   *self,
          double      size,
          const char *markup)
{
  PdReportBlock *block = add_block (self, PD_REPORT_BLOCK_TEXT);

  block->markup = g_strdup (markup);
  block->size = size;
}

static void
add_space (PdReport *self,
           double    height)
{
  add_block (self, PD_REPORT_BLOCK_SPACE)->size = height;
}

static void
add_heading (PdReport   *self,
             const char *text)
{
  PdReportBlock *block;

  add_space (self, PD_REPORT_HEADING_SPACE);
  block = add_block (self, PD_REPORT_BLOCK_TEXT);
  block->markup = g_markup_printf_escaped ("<b>%s</b>", text);
  block->size = PD_REPORT_HEADING_SIZE;
  block->keep_with_next = TRUE;
}

/* Small print under what it explains: it goes to the next page with the block above it,
 * never alone. */
static void
add_footnote (PdReport   *self,
              const char *markup)
{
  add_text (self, PD_REPORT_SMALL_SIZE, markup);
  g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_previous = TRUE;
}

static void
add_page_break (PdReport *self)
{
  add_block (self, PD_REPORT_BLOCK_BREAK);
}

/* A table: widths are fractions of the text width; right: the columns aligned right. The
 * header row is repeated at the top of every page the table continues on. */
static int
add_table (PdReport     *self,
           guint         n_columns,
           const double *widths,
           guint         right_mask,
           double        size)
{
  PdReportTable table = { .n_columns = n_columns, .right_mask = right_mask, .size = size,
                          .header = -1 };

  g_assert (n_columns <= PD_REPORT_MAX_COLUMNS);
  memcpy (table.widths, widths, n_columns * sizeof (double));
  g_array_append_val (self->tables, table);
  return (int) self->tables->len - 1;
}

/* Takes the cells (a NULL-terminated array of n_columns strings). */
static void
add_row (PdReport  *self,
         int        table,
         gboolean   header,
         char     **cells)
{
  PdReportTable *t = &g_array_index (self->tables, PdReportTable, table);
  PdReportBlock *block = add_block (self, PD_REPORT_BLOCK_ROW);

  g_assert (g_strv_length (cells) == t->n_columns);
  block->cells = cells;
  block->table = table;
  block->header = header;
  block->size = t->size;
  if (header)
    {
      block->keep_with_next = TRUE;
      t->header = (int) self->blocks->len - 1;
    }
}

static char **
cells_new (const char *first,
           ...)
{
  GPtrArray *cells = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, g_strdup (cell));
  va_end (args);
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

/* Formatting */

static char *
format_day (guint32     day,
            const char *format)
{
  GDate date;
  char buffer[64];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (g_date_strftime (buffer, sizeof buffer, format, &date) == 0)
    return g_strdup ("?");
  return g_strdup (buffer);
}

char *
_pd_report_format_day (guint32 day)
{
  /* Translators: a date, strftime format, as in "4 Nov 2026". */
  return format_day (day, _("%-d %b %Y"));
}

/* A date that a wrapped table cell never breaks ("stopped 23 / Mar 2025"). */
static char *
format_day_unbroken (guint32 day)
{
  g_autofree char *text = _pd_report_format_day (day);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strjoinv ("\u00a0", words);
}

/* A date from the diary's meta (YYYY-MM-DD) in the locale's words; anything else as it is. */
static char *
format_iso_date (const char *iso)
{
  int year, month, day;
  char extra;
  GDate date;

  if (sscanf (iso, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return g_strdup (iso);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return _pd_report_format_day (g_date_get_julian (&date));
}

static guint32
julian_of (GDateTime *time)
{
  int year, month, day;
  GDate date;

  g_date_time_get_ymd (time, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static char *
format_score (double value)
{
  return isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.1f", value);
}

static double
mean_of (double sum,
         guint  n)
{
  return n > 0 ? sum / n : NAN;
}

/* The summary page */

static void
add_key_figures (PdReport *self)
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

  table = add_table (self, 3, widths, 0, 10);
  add_row (self, table, TRUE,
           cells_new (_("Average pain (0–10)"), _("Best day (lowest mean)"),
                      _("Worst day (highest mean)"), NULL));
  if (best == NULL)
    {
      add_row (self, table, FALSE, cells_new ("–", "–", "–", NULL));
      add_text (self, PD_REPORT_BODY_SIZE, _("No pain entries in this period."));
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

    add_row (self, table, FALSE, cells_new (average, best_text, worst_text, NULL));
    row = &g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1);
    row->size = PD_REPORT_FIGURE_SIZE;
  }
  add_space (self, 3);
  days_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Pain was recorded on %u of %u day in the period.",
                                            "Pain was recorded on %u of %u days in the period.",
                                            n_days),
                               n_with_data, n_days);
  add_footnote (self, days_text);
}

static void
add_change (PdReport *self)
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
  add_heading (self, heading);

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
  add_text (self, PD_REPORT_BODY_SIZE, conclusion);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 da = *(const guint32 *) a, db = *(const guint32 *) b;

  return (da > db) - (da < db);
}

static void
add_red_flags (PdReport    *self,
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

  add_heading (self, _("Red flags"));
  if (g_hash_table_size (flags) == 0)
    {
      add_text (self, PD_REPORT_BODY_SIZE, _("No red-flag symptoms were recorded in this period."));
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

        add_text (self, PD_REPORT_BODY_SIZE, line);
      }
  }
  add_footnote (self,
            _("Red-flag symptoms need prompt review: ask the care team whether they were "
              "assessed."));
}

/* The days with each medication safety flag, and the CYP2D6 status the patient recorded. */
static void
add_medication_safety (PdReport               *self,
                       PdDiaryData            *data,
                       const PdReportSections *sections)
{
  g_autoptr(GPtrArray) flags = pd_safety_flag_days (data->doses, data->medications,
                                                    self->first_day, self->last_day,
                                                    &sections->checks);
  PdCyp2d6Status status = sections->checks.cyp2d6;
  gboolean prodrug = FALSE;

  add_heading (self, _("Medication safety"));
  if (flags->len == 0)
    add_text (self, PD_REPORT_BODY_SIZE,
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

      add_text (self, PD_REPORT_BODY_SIZE, line);
    }

  for (guint32 d = self->first_day; d <= self->last_day && !prodrug; d++)
    prodrug = pd_day_has_cyp2d6_prodrug (data->doses, data->medications, d);
  if (status != PD_CYP2D6_UNKNOWN || prodrug)
    {
      g_autofree char *line = g_strdup_printf (_("CYP2D6 status (from the patient's genetic test "
                                                 "report): %s."), pd_cyp2d6_status_label (status));

      add_text (self, PD_REPORT_BODY_SIZE, line);
      /* For an unknown status the information is only the patient's invitation to record it:
       * page 1 keeps its room for what the clinician needs. */
      if (prodrug && status != PD_CYP2D6_UNKNOWN)
        {
          g_autofree char *information = pd_cyp2d6_information (status);

          if (information != NULL)
            add_footnote (self, information);
        }
    }
  if (flags->len > 0)
    add_footnote (self,
              _("Information from the logged doses, not a judgement of the treatment: ask the "
                "care team to review it."));
}

static void
add_trend_chart (PdReport *self)
{
  PdReportBlock *block = add_block (self, PD_REPORT_BLOCK_CHART);

  block->panels = PD_CHART_PANEL_PAIN;
  block->size = PD_REPORT_TREND_CHART_HEIGHT;
}

/* PEG per ISO week: the means of the days' pain, enjoyment and activity means. */
static void
add_weekly_peg (PdReport *self)
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

  add_heading (self, _("Weekly PEG (pain, enjoyment of life, general activity)"));
  table = add_table (self, 6, widths, 0x3e, 9);
  add_row (self, table, TRUE,
           cells_new (_("ISO week"), _("Days"), _("Pain (P)"), _("Enjoyment (E)"),
                      _("Activity (G)"), _("PEG"), NULL));
  first_shown = weeks->len > PD_REPORT_SUMMARY_WEEKS ? weeks->len - PD_REPORT_SUMMARY_WEEKS : 0;
  for (guint i = first_shown; i < weeks->len; i++)
    {
      Week *week = &g_array_index (weeks, Week, i);
      GDate thursday;
      double p = mean_of (week->p, week->n_p), e = mean_of (week->e, week->n_e);
      double g = mean_of (week->g, week->n_g);
      double peg = isnan (p) || isnan (e) || isnan (g) ? NAN : (p + e + g) / 3;
      g_autofree char *monday = _pd_report_format_day (week->monday);
      g_autofree char *label = NULL;
      g_autofree char *n = g_strdup_printf ("%u", week->n);
      g_autofree char *ps = format_score (p);
      g_autofree char *es = format_score (e);
      g_autofree char *gs = format_score (g);
      g_autofree char *pegs = format_score (peg);

      g_date_clear (&thursday, 1);
      g_date_set_julian (&thursday, week->monday + 3);
      /* Translators: ISO year and week number, then the date of its Monday. */
      label = g_strdup_printf (_("%u-W%02u (from %s)"), g_date_get_year (&thursday),
                               g_date_get_iso8601_week_of_year (&thursday), monday);
      add_row (self, table, FALSE, cells_new (label, n, ps, es, gs, pegs, NULL));
    }
  if (first_shown > 0)
    {
      g_autofree char *more = g_strdup_printf (_("The last %u of %u weeks."),
                                               PD_REPORT_SUMMARY_WEEKS, weeks->len);
      add_footnote (self, more);
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

static void
add_medications (PdReport    *self,
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

  add_heading (self, _("Current medications"));
  table = add_table (self, 4, widths, 0xc, 9);
  add_row (self, table, TRUE,
           cells_new (_("Medication"), _("Schedule"), _("Taken, last 7 days"),
                      _("Taken, last 30 days"), NULL));
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
          g_autofree char *stop_day = format_day_unbroken (stop);
          g_autofree char *with_stop = g_strdup_printf (_("%s, stopped %s"), schedule, stop_day);
          g_free (schedule);
          schedule = g_steal_pointer (&with_stop);
        }
      week = format_adherence (pd_adherence (medication, doses, self->last_day - 6, self->last_day,
                                             now_day, now_minute));
      month = format_adherence (pd_adherence (medication, doses, self->last_day - 29,
                                              self->last_day, now_day, now_minute));
      add_row (self, table, FALSE,
               cells_new (pd_medication_get_name (medication), schedule, week, month, NULL));
      n_shown++;
    }
  if (n_shown == 0)
    add_row (self, table, FALSE, cells_new (_("None in the regimen"), "", "", "", NULL));
  add_space (self, 4);

  for (guint32 d = self->first_day; d <= self->last_day; d++)
    {
      const PdDay *day = pd_daily_series_get_day (self->series, d);

      mme_min = MIN (mme_min, day->mme);
      mme_max = MAX (mme_max, day->mme);
      n_caution += day->mme >= PD_MME_CAUTION;
    }
  if (mme_max <= 0)
    add_text (self, PD_REPORT_BODY_SIZE, _("No opioid doses were logged in this period."));
  else
    {
      g_autofree char *range = g_strdup_printf (
        _("Daily opioid dose: %.0f–%.0f morphine milligram equivalents (MME), from the logged "
          "doses."), mme_min, mme_max);

      add_text (self, PD_REPORT_BODY_SIZE, range);
    }
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

      add_text (self, PD_REPORT_BODY_SIZE, caution);
    }
  add_footnote (self,
            _("Taken: scheduled doses marked taken of those due. MME totals exposure only; it "
              "is never a conversion between opioids."));
}

/* Where it hurt: the body map of the period, its summary, and whether the pain now
 * reaches below the knee. Only when a location was given. */
static void
add_body_map (PdReport    *self,
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
  add_heading (self, _("Where it hurt"));
  if (note != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", note);

      add_text (self, PD_REPORT_BODY_SIZE, markup);
      g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_next = TRUE;
    }
  {
    g_autofree char *escaped = g_markup_escape_text (summary, -1);

    /* The words stay on the page of their picture. */
    add_text (self, PD_REPORT_SMALL_SIZE, escaped);
    g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_next = TRUE;
  }
  if ((custom = pd_body_stats_describe_custom (self->body_stats)) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (custom, -1);

      add_text (self, PD_REPORT_SMALL_SIZE, escaped);
      g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_next = TRUE;
    }
  add_block (self, PD_REPORT_BLOCK_BODY_MAP)->size = PD_REPORT_BODY_MAP_HEIGHT;
}

/* The other sections */

static void
add_charts (PdReport *self)
{
  PdReportBlock *block;

  add_page_break (self);
  add_heading (self, _("Medication and activity"));
  add_text (self, PD_REPORT_SMALL_SIZE,
            _("Doses taken per day by medication, daily opioid MME, and minutes of activity "
              "and therapy per day."));
  block = add_block (self, PD_REPORT_BLOCK_CHART);
  block->panels = PD_CHART_PANEL_MEDICATION | PD_CHART_PANEL_ACTIVITY;
  block->size = PD_REPORT_DETAIL_CHART_HEIGHT;
}

static void
add_before_after (PdReport *self)
{
  const PdDayEvent *events;
  guint n_events, n_shown = 0;
  PdBeforeAfterOptions options;

  pd_before_after_options_init (&options);
  add_heading (self, _("Before and after treatment events"));
  {
    g_autofree char *intro = g_strdup_printf (
      _("Mean daily pain in the %u days before each event and on days %u–%u after it. These "
        "are observations from the diary: they do not show what caused a change."),
      options.before_days, options.after_start, options.after_end);
    add_text (self, PD_REPORT_SMALL_SIZE, intro);
  }

  events = pd_daily_series_get_events (self->series, &n_events);
  for (guint i = 0; i < n_events; i++)
    {
      const PdDayEvent *event = &events[i];
      PdBeforeAfter result;
      g_autofree char *date = NULL;
      g_autofree char *title = NULL;
      g_autofree char *details = NULL;
      g_autofree char *describe = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      PdReportBlock *bars;

      if (event->day < self->first_day || event->day > self->last_day)
        continue;
      n_shown++;
      pd_before_after_compute (self->series, event->day, &options, &result);
      date = _pd_report_format_day (event->day);
      title = g_markup_printf_escaped ("<b>%s  %s</b>  <span foreground=\"#666666\">%s</span>",
                                       date, event->title,
                                       event->kind != NULL ? pd_event_kind_label (event->kind) : "");
      add_text (self, PD_REPORT_BODY_SIZE, title);
      g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_next = TRUE;

      bars = add_block (self, PD_REPORT_BLOCK_BARS);
      bars->before = result.pain_before.mean;
      bars->after = result.pain_after.mean;
      bars->size = PD_REPORT_BARS_HEIGHT;
      bars->keep_with_next = TRUE;

      before = format_score (result.pain_before.mean);
      after = format_score (result.pain_after.mean);
      if (isnan (result.pain_change))
        details = g_strdup_printf (_("Before: %s (%u days with data). After: %s (%u days with "
                                     "data)."),
                                   before, result.pain_before.n_days,
                                   after, result.pain_after.n_days);
      else if (isnan (result.pain_percent_change))
        details = g_strdup_printf (_("Before: %s (%u days with data). After: %s (%u days with "
                                     "data). Change: %+.1f points."),
                                   before, result.pain_before.n_days,
                                   after, result.pain_after.n_days, result.pain_change);
      else
        details = g_strdup_printf (_("Before: %s (%u days with data). After: %s (%u days with "
                                     "data). Change: %+.1f points (%+.0f%%)."),
                                   before, result.pain_before.n_days,
                                   after, result.pain_after.n_days, result.pain_change,
                                   result.pain_percent_change);
      describe = pd_before_after_describe (&result);
      /* The sentence says the verdict in words of its own. */
      escaped = g_markup_printf_escaped ("%s\n%s", details, describe);
      add_text (self, PD_REPORT_BODY_SIZE, escaped);
      _pd_report_add_event_spine (self, self->data, event->day, event->title);
      add_space (self, 8);
    }
  if (n_shown == 0)
    add_text (self, PD_REPORT_BODY_SIZE, _("No treatment events in this period."));
}

static int
compare_entries_by_time (gconstpointer a,
                         gconstpointer b)
{
  gint64 ta = pd_pain_entry_get_time (*(PdPainEntry **) a);
  gint64 tb = pd_pain_entry_get_time (*(PdPainEntry **) b);

  return (ta > tb) - (ta < tb);
}

static void
add_notes (PdReport    *self,
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

  add_heading (self, _("Notes"));
  if (notes->len == 0)
    add_text (self, PD_REPORT_BODY_SIZE, _("No notes in this period."));
  for (guint i = 0; i < notes->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (notes, i);
      g_autoptr(GDateTime) local = pd_pain_entry_dup_local_time (entry);
      g_autofree char *date = _pd_report_format_day (julian_of (local));
      g_autofree char *clock = g_date_time_format (local, "%H:%M");
      g_autofree char *score = g_strdup_printf (_("pain %d"), pd_pain_entry_get_pain (entry));
      /* Em spaces: a plain space after the bold date is too narrow to part it from the time
       * ("17 Nov 202619:51"), on paper and to text extraction. */
      g_autofree char *line = g_markup_printf_escaped ("<b>%s</b>\u2003%s\u2003"
                                                       "<span foreground=\"#666666\">%s</span>\u2003%s",
                                                       date, clock, score,
                                                       pd_pain_entry_get_note (entry));

      add_text (self, PD_REPORT_BODY_SIZE, line);
    }
}

static void
add_daily_table (PdReport *self)
{
  static const double widths[] = { 0.19, 0.08, 0.08, 0.07, 0.07, 0.09, 0.08, 0.08, 0.10, 0.16 };
  int table;

  add_page_break (self);
  add_heading (self, _("Daily values"));
  table = add_table (self, 10, widths, 0x3fe, 8);
  add_row (self, table, TRUE,
           cells_new (_("Date"), _("Entries"), _("Mean"), _("Min"), _("Max"), _("Sleep h"),
                      _("Mood"), _("Doses"), _("MME"), _("Activity min"), NULL));
  for (guint32 d = self->first_day; d <= self->last_day; d++)
    {
      const PdDay *day = pd_daily_series_get_day (self->series, d);
      gboolean any = day->n_entries > 0;
      char **cells = g_new0 (char *, 11);
      g_autofree char *weekday = format_day (d, "%a");
      g_autofree char *date = _pd_report_format_day (d);

      /* Translators: a weekday and a date in the daily table, as in "Wed 4 Nov 2026". */
      cells[0] = g_strdup_printf (C_("daily table", "%s %s"), weekday, date);
      cells[1] = g_strdup_printf ("%u", day->n_entries);
      cells[2] = format_score (day->pain_mean);
      cells[3] = any ? g_strdup_printf ("%d", day->pain_min) : g_strdup ("–");
      cells[4] = any ? g_strdup_printf ("%d", day->pain_max) : g_strdup ("–");
      cells[5] = format_score (day->sleep_hours);
      cells[6] = format_score (day->mood_mean);
      cells[7] = g_strdup_printf ("%u", day->n_doses);
      cells[8] = g_strdup_printf ("%.0f", day->mme);
      cells[9] = g_strdup_printf ("%u", day->activity_minutes);
      add_row (self, table, FALSE, cells);
    }
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
  g_autofree char *generated_day = _pd_report_format_day (julian_of (generated));
  g_autofree char *clock = g_date_time_format (generated, "%H:%M");
  g_autofree char *surgery = has_surgery ? format_iso_date (surgery_date) : NULL;
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

  {
    PdReportBlock *title = add_block (self, PD_REPORT_BLOCK_TEXT);

    title->markup = g_markup_printf_escaped ("<b>%s</b>", _("Pain diary report"));
    title->size = PD_REPORT_TITLE_SIZE;
    title->keep_with_next = TRUE;
  }
  add_key_figures (self);
  add_change (self);
  _pd_report_add_latest_event (self, data);
  add_red_flags (self, data);
  add_medication_safety (self, data, sections);
  add_heading (self, _("Pain trend"));
  add_trend_chart (self);
  add_weekly_peg (self);
  add_body_map (self, data);
  add_medications (self, data);

  if (sections->charts)
    add_charts (self);
  if (sections->before_after)
    {
      add_before_after (self);
      /* The outcomes of treatments: back and leg pain, a stimulator trial, function,
       * impressions of change, as-needed doses. */
      _pd_report_add_spine (self, data);
    }
  if (sections->notes)
    add_notes (self, data);
  if (sections->daily_table)
    add_daily_table (self);
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

/* Layout and drawing */

static PangoLayout *
create_layout (cairo_t *cr)
{
  PangoContext *context;
  PangoLayout *layout;
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics independent of the device, so that a layout measured on one surface fits on
   * another (PDF, printer). */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  layout = pango_layout_new (context);
  g_object_unref (context);
  return layout;
}

static void
set_font (PangoLayout *layout,
          double       size,
          gboolean     bold)
{
  PangoFontDescription *font = pango_font_description_from_string (PD_REPORT_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
}

static void
set_colour (cairo_t              *cr,
            const PdReportColour *colour)
{
  cairo_set_source_rgb (cr, colour->red, colour->green, colour->blue);
}

/* Plain text: set_text keeps the attributes of earlier markup, which may point into the
 * middle of a character of the new text. */
static void
set_plain_text (PangoLayout *layout,
                const char  *text)
{
  pango_layout_set_attributes (layout, NULL);
  pango_layout_set_text (layout, text, -1);
}

static void
text_layout (PangoLayout         *layout,
             const PdReportBlock *block,
             double               width)
{
  set_font (layout, block->size, FALSE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_markup (layout, block->markup, -1);
}

/* One cell of a row laid out in its column: wrapped, never cut. */
static void
cell_layout (PangoLayout         *layout,
             const PdReportTable *table,
             const PdReportBlock *row,
             guint                column,
             double               width)
{
  double cell_width = table->widths[column] * width;

  set_font (layout, row->size, row->header);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) ((cell_width - 2 * PD_REPORT_CELL_PADDING) * PANGO_SCALE));
  pango_layout_set_alignment (layout, (table->right_mask & (1u << column)) != 0
                                      ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  set_plain_text (layout, row->cells[column]);
}

/* A row is one line high, or as high as its tallest cell when one wraps. */
static double
row_height (PdReport            *self,
            PangoLayout         *layout,
            const PdReportBlock *row,
            double               width)
{
  const PdReportTable *table = &g_array_index (self->tables, PdReportTable, row->table);
  double height = row->size * PD_REPORT_ROW_SPACING;

  for (guint c = 0; c < table->n_columns; c++)
    {
      int text_height;

      cell_layout (layout, table, row, c, width);
      pango_layout_get_size (layout, NULL, &text_height);
      height = MAX (height, (double) text_height / PANGO_SCALE + row->size * 0.5);
    }
  return height;
}

static double
block_height (PdReport            *self,
              PangoLayout         *layout,
              const PdReportBlock *block,
              double               width)
{
  int height;

  switch (block->kind)
    {
    case PD_REPORT_BLOCK_TEXT:
      text_layout (layout, block, width);
      pango_layout_get_size (layout, NULL, &height);
      return (double) height / PANGO_SCALE + block->size * (block->size > PD_REPORT_BODY_SIZE
                                                            ? 0.35 : 0.45);
    case PD_REPORT_BLOCK_ROW:
      return row_height (self, layout, block, width);
    case PD_REPORT_BLOCK_CHART:
    case PD_REPORT_BLOCK_BARS:
    case PD_REPORT_BLOCK_BODY_MAP:
    case PD_REPORT_BLOCK_SPACE:
      return block->size;
    case PD_REPORT_BLOCK_BREAK:
    default:
      return 0;
    }
}

static void
content_box (double  width,
             double  height,
             double *x,
             double *top,
             double *text_width,
             double *text_height)
{
  *x = PD_REPORT_MARGIN;
  *top = PD_REPORT_MARGIN + PD_REPORT_HEADER_HEIGHT;
  *text_width = width - 2 * PD_REPORT_MARGIN;
  *text_height = height - *top - PD_REPORT_MARGIN - PD_REPORT_FOOTER_HEIGHT;
}

static void
start_page (GArray *pages,
            guint   first)
{
  PdReportPage page = { .first = first, .end = first, .table_header = -1 };

  g_array_append_val (pages, page);
}

static const PdReportBlock *
block_at (PdReport *self,
          guint     index)
{
  return &g_array_index (self->blocks, PdReportBlock, index);
}

/* Whether block i may not begin a page: a footnote, or the last row of a table that the
 * page before continues (a page holds at least two rows of such a table). */
static gboolean
keeps_with_previous (PdReport *self,
                     guint     i)
{
  const PdReportBlock *block = block_at (self, i);
  const PdReportBlock *previous, *next;

  if (block->keep_with_previous)
    return TRUE;
  if (block->kind != PD_REPORT_BLOCK_ROW || block->header || i == 0)
    return FALSE;
  previous = block_at (self, i - 1);
  next = i + 1 < self->blocks->len ? block_at (self, i + 1) : NULL;
  return previous->kind == PD_REPORT_BLOCK_ROW && !previous->header &&
         previous->table == block->table &&
         (next == NULL || next->kind != PD_REPORT_BLOCK_ROW || next->table != block->table);
}

/* The block that ends the page (exclusive) when block i does not fit on it: i, or an
 * earlier one, so that what may not begin a page takes the blocks before it along (and
 * what keeps with them), as long as the page keeps one. */
static guint
page_end_before (PdReport           *self,
                 const PdReportPage *page,
                 guint               i)
{
  guint end = i;

  while (end > page->first + 1 &&
         (keeps_with_previous (self, end) || block_at (self, end - 1)->keep_with_next))
    end--;
  return end;
}

static void
paginate (PdReport *self,
          double    width,
          double    height)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = create_layout (cr);
  g_autofree double *heights = g_new (double, self->blocks->len);
  double x, top, text_width, text_height, y = 0;

  content_box (width, height, &x, &top, &text_width, &text_height);
  for (guint i = 0; i < self->blocks->len; i++)
    heights[i] = block_height (self, layout, &g_array_index (self->blocks, PdReportBlock, i),
                               text_width);

  g_array_set_size (self->pages, 0);
  start_page (self->pages, 0);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      PdReportBlock *block = &g_array_index (self->blocks, PdReportBlock, i);
      PdReportPage *page = &g_array_index (self->pages, PdReportPage, self->pages->len - 1);
      double need = heights[i];

      if (block->kind == PD_REPORT_BLOCK_BREAK)
        {
          if (page->end > page->first)
            start_page (self->pages, i + 1), y = 0;
          else
            page->first = page->end = i + 1;
          continue;
        }
      if (block->kind == PD_REPORT_BLOCK_SPACE && page->end == page->first)
        {
          page->first = page->end = i + 1;
          continue;
        }
      /* Keep a heading with what follows it (at most three blocks: heading, title, bars). */
      for (guint j = i; j + 1 < self->blocks->len && j < i + 3; j++)
        {
          PdReportBlock *b = &g_array_index (self->blocks, PdReportBlock, j);

          if (!b->keep_with_next)
            break;
          need += heights[j + 1];
        }
      if (page->end > page->first && y + need > text_height)
        {
          guint end = page_end_before (self, page, i), start = end;
          const PdReportBlock *first;

          /* Space at the top of a page is left on the page before. */
          while (start < i && block_at (self, start)->kind == PD_REPORT_BLOCK_SPACE)
            start++;
          page->end = end;
          start_page (self->pages, start);
          page = &g_array_index (self->pages, PdReportPage, self->pages->len - 1);
          page->end = i;
          y = 0;
          first = block_at (self, start);
          if (first->kind == PD_REPORT_BLOCK_ROW && !first->header)
            {
              PdReportTable *table = &g_array_index (self->tables, PdReportTable, first->table);

              page->table_header = table->header;
              if (table->header >= 0)
                y += heights[table->header];
            }
          for (guint j = start; j < i; j++)
            y += heights[j];
        }
      y += heights[i];
      page->end = i + 1;
    }
  if (self->pages->len > 1 &&
      g_array_index (self->pages, PdReportPage, self->pages->len - 1).end ==
      g_array_index (self->pages, PdReportPage, self->pages->len - 1).first)
    g_array_set_size (self->pages, self->pages->len - 1);

  self->laid_out_width = width;
  self->laid_out_height = height;
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
pd_report_get_n_pages (PdReport *self,
                       double    width_pt,
                       double    height_pt)
{
  g_return_val_if_fail (PD_IS_REPORT (self), 0);
  g_return_val_if_fail (width_pt > 4 * PD_REPORT_MARGIN && height_pt > 8 * PD_REPORT_MARGIN, 0);

  if (self->pages->len == 0 || self->laid_out_width != width_pt ||
      self->laid_out_height != height_pt)
    paginate (self, width_pt, height_pt);
  return (int) self->pages->len;
}

static double
draw_row (PdReport            *self,
          cairo_t             *cr,
          PangoLayout         *layout,
          const PdReportBlock *block,
          double               x,
          double               y,
          double               width)
{
  const PdReportTable *table = &g_array_index (self->tables, PdReportTable, block->table);
  double height = row_height (self, layout, block, width);
  double cx = x;

  if (block->header)
    {
      set_colour (cr, &shade);
      cairo_rectangle (cr, x, y, width, height);
      cairo_fill (cr);
    }
  else
    {
      set_colour (cr, &rule);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, x, y + height - 0.2);
      cairo_rel_line_to (cr, width, 0);
      cairo_stroke (cr);
    }
  for (guint c = 0; c < table->n_columns; c++)
    {
      double cell_width = table->widths[c] * width;
      int text_height;

      cell_layout (layout, table, block, c, width);
      pango_layout_get_size (layout, NULL, &text_height);
      set_colour (cr, block->header ? &dim : &ink);
      cairo_move_to (cr, cx + PD_REPORT_CELL_PADDING,
                     y + (height - (double) text_height / PANGO_SCALE) / 2);
      pango_cairo_show_layout (cr, layout);
      cx += cell_width;
    }
  return height;
}

static void
draw_bars (cairo_t             *cr,
           PangoLayout         *layout,
           const PdReportBlock *block,
           double               x,
           double               y,
           double               width)
{
  const double values[] = { block->before, block->after };
  const char *labels[] = { _("Before"), _("After") };
  const PdReportColour *colours[] = { &before_colour, &after_colour };
  double label_width = 60, bar_width = MIN (width - label_width - 40, 240);
  double row = block->size / 2;

  set_font (layout, PD_REPORT_SMALL_SIZE, FALSE);
  pango_layout_set_width (layout, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  for (guint i = 0; i < 2; i++)
    {
      double top = y + i * row;
      g_autofree char *value = format_score (values[i]);

      set_colour (cr, &dim);
      set_plain_text (layout, labels[i]);
      cairo_move_to (cr, x, top + 2);
      pango_cairo_show_layout (cr, layout);
      /* The 0-10 scale, then the bar. */
      set_colour (cr, &shade);
      cairo_rectangle (cr, x + label_width, top + 3, bar_width, row - 6);
      cairo_fill (cr);
      if (!isnan (values[i]))
        {
          set_colour (cr, colours[i]);
          cairo_rectangle (cr, x + label_width, top + 3, bar_width * CLAMP (values[i], 0, 10) / 10,
                           row - 6);
          cairo_fill (cr);
        }
      set_colour (cr, &ink);
      set_plain_text (layout, value);
      cairo_move_to (cr, x + label_width + bar_width + 6, top + 2);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_chart (PdReport            *self,
            cairo_t             *cr,
            const PdReportBlock *block,
            double               x,
            double               y,
            double               width)
{
  PdChartStyle style;
  PdChartData data;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  style.font_size = PD_REPORT_CHART_FONT_SIZE;
  g_free (style.font_family);
  style.font_family = g_strdup (PD_REPORT_FONT);
  pd_chart_data_init (&data, self->series);
  data.first_day = self->first_day;
  data.last_day = self->last_day;
  data.panels = block->panels;
  data.show_events = TRUE;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, width, block->size);
  cairo_clip (cr);
  pd_chart_draw (cr, (int) width, (int) block->size, &data, &style);
  cairo_restore (cr);
  pd_chart_style_clear (&style);
}

static void
draw_body_map (PdReport            *self,
               cairo_t             *cr,
               const PdReportBlock *block,
               double               x,
               double               y,
               double               width)
{
  PdChartStyle style;
  PdBodyMapData data = { 0, -1, self->body_stats };

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  style.font_size = PD_REPORT_CHART_FONT_SIZE;
  g_free (style.font_family);
  style.font_family = g_strdup (PD_REPORT_FONT);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, width, block->size);
  cairo_clip (cr);
  pd_body_map_draw (cr, (int) width, (int) block->size, &data, &style);
  cairo_restore (cr);
  pd_chart_style_clear (&style);
}

static void
draw_frame (PdReport    *self,
            cairo_t     *cr,
            PangoLayout *layout,
            int          page,
            double       width,
            double       height)
{
  g_autofree char *page_text = NULL;
  int text_height;

  /* Header: who, when, which period. */
  set_font (layout, PD_REPORT_SMALL_SIZE, FALSE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_width (layout, (int) ((width - 2 * PD_REPORT_MARGIN) * PANGO_SCALE));
  pango_layout_set_markup (layout, self->header, -1);
  set_colour (cr, &ink);
  cairo_move_to (cr, PD_REPORT_MARGIN, PD_REPORT_MARGIN);
  pango_cairo_show_layout (cr, layout);
  set_colour (cr, &rule);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, PD_REPORT_MARGIN, PD_REPORT_MARGIN + PD_REPORT_HEADER_HEIGHT - 8);
  cairo_line_to (cr, width - PD_REPORT_MARGIN, PD_REPORT_MARGIN + PD_REPORT_HEADER_HEIGHT - 8);
  cairo_stroke (cr);

  /* Footer */
  page_text = g_strdup_printf (_("Page %d of %d"), page + 1, (int) self->pages->len);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  set_plain_text (layout, page_text);
  pango_layout_get_size (layout, NULL, &text_height);
  set_colour (cr, &dim);
  cairo_move_to (cr, PD_REPORT_MARGIN, height - PD_REPORT_MARGIN - (double) text_height / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  set_plain_text (layout, _("Pain Diary"));
  cairo_move_to (cr, PD_REPORT_MARGIN, height - PD_REPORT_MARGIN - (double) text_height / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

void
pd_report_draw_page (PdReport *self,
                     cairo_t  *cr,
                     int       page,
                     double    width_pt,
                     double    height_pt)
{
  PangoLayout *layout;
  const PdReportPage *p;
  double x, y, text_width, text_height;

  g_return_if_fail (PD_IS_REPORT (self));
  g_return_if_fail (cr != NULL);

  if (page < 0 || page >= pd_report_get_n_pages (self, width_pt, height_pt))
    {
      g_critical ("%s: no page %d", G_STRFUNC, page);
      return;
    }
  p = &g_array_index (self->pages, PdReportPage, page);
  content_box (width_pt, height_pt, &x, &y, &text_width, &text_height);

  cairo_save (cr);
  layout = create_layout (cr);
  draw_frame (self, cr, layout, page, width_pt, height_pt);
  if (p->table_header >= 0)
    y += draw_row (self, cr, layout, &g_array_index (self->blocks, PdReportBlock, p->table_header),
                   x, y, text_width);
  for (guint i = p->first; i < p->end; i++)
    {
      const PdReportBlock *block = &g_array_index (self->blocks, PdReportBlock, i);

      switch (block->kind)
        {
        case PD_REPORT_BLOCK_TEXT:
          {
            double height = block_height (self, layout, block, text_width);

            set_colour (cr, &ink);
            cairo_move_to (cr, x, y);
            pango_cairo_show_layout (cr, layout);
            y += height;
          }
          break;
        case PD_REPORT_BLOCK_ROW:
          y += draw_row (self, cr, layout, block, x, y, text_width);
          break;
        case PD_REPORT_BLOCK_CHART:
          draw_chart (self, cr, block, x, y, text_width);
          y += block->size + 6;
          break;
        case PD_REPORT_BLOCK_BARS:
          draw_bars (cr, layout, block, x, y, text_width);
          y += block->size;
          break;
        case PD_REPORT_BLOCK_BODY_MAP:
          draw_body_map (self, cr, block, x, y, text_width);
          y += block->size + 6;
          break;
        case PD_REPORT_BLOCK_SPACE:
          y += block->size;
          break;
        case PD_REPORT_BLOCK_BREAK:
        default:
          break;
        }
    }
  g_object_unref (layout);
  cairo_restore (cr);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  return pd_output_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                 : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
render_pdf (PdReport *self,
            PdOutput *output,
            PdPaper   paper,
            int      *n_pages)
{
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int n;

  pd_paper_get_size (paper, &width, &height);
  n = pd_report_get_n_pages (self, width, height);
  surface = cairo_pdf_surface_create_for_stream (write_cb, output, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Pain diary report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pain Diary");
  cr = cairo_create (surface);
  for (int page = 0; page < n; page++)
    {
      pd_report_draw_page (self, cr, page, width, height);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    errno = EIO;
  if (n_pages != NULL)
    *n_pages = n;
  return status == CAIRO_STATUS_SUCCESS;
}

gboolean
pd_report_write_pdf (PdReport    *self,
                     const char  *file,
                     PdPaper      paper,
                     int         *n_pages,
                     GError     **error)
{
  g_autoptr(PdOutput) output = NULL;

  g_return_val_if_fail (PD_IS_REPORT (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(output = pd_output_open (file, error)))
    return FALSE;
  if (!render_pdf (self, output, paper, n_pages))
    {
      pd_output_set_write_error (output, errno, error);
      return FALSE;
    }
  return pd_output_commit (output, error);
}

/* For the sections in other files */

void
_pd_report_add_heading (PdReport   *self,
                        const char *text)
{
  add_heading (self, text);
}

void
_pd_report_add_text (PdReport   *self,
                     double      size,
                     const char *markup)
{
  add_text (self, size, markup);
}

void
_pd_report_add_space (PdReport *self,
                      double    height)
{
  add_space (self, height);
}

int
_pd_report_add_table (PdReport     *self,
                      guint         n_columns,
                      const double *widths,
                      guint         right_mask,
                      double        size)
{
  return add_table (self, n_columns, widths, right_mask, size);
}

void
_pd_report_add_row (PdReport  *self,
                    int        table,
                    gboolean   header,
                    char     **cells)
{
  add_row (self, table, header, cells);
}

PdDailySeries *
_pd_report_get_series (PdReport *self)
{
  return self->series;
}

const PdReportBlock *
_pd_report_get_block (PdReport *self,
                      guint     index)
{
  g_return_val_if_fail (index < self->blocks->len, NULL);
  return block_at (self, index);
}

void
_pd_report_get_page_range (PdReport *self,
                           int       page,
                           guint    *first,
                           guint    *end)
{
  const PdReportPage *p;

  g_return_if_fail (page >= 0 && (guint) page < self->pages->len);
  p = &g_array_index (self->pages, PdReportPage, page);
  *first = p->first;
  *end = p->end;
}
