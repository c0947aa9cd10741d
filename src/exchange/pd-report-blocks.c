/* pd-report-blocks.c: the blocks a report is built of and the formatting its sections
 * share; the sections call these, pd-report.c calls the sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pd-report-private.h"

PdReportBlock *
_pd_report_add_block (PdReport         *self,
                      PdReportBlockKind kind)
{
  PdReportBlock block = { .kind = kind, .table = -1 };

  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1);
}

void
_pd_report_add_text (PdReport   *self,
                     double      size,
                     const char *markup)
{
  PdReportBlock *block = _pd_report_add_block (self, PD_REPORT_BLOCK_TEXT);

  block->markup = g_strdup (markup);
  block->size = size;
}

void
_pd_report_add_space (PdReport *self,
                      double    height)
{
  _pd_report_add_block (self, PD_REPORT_BLOCK_SPACE)->size = height;
}

void
_pd_report_add_heading (PdReport   *self,
                        const char *text)
{
  PdReportBlock *block;

  _pd_report_add_space (self, PD_REPORT_HEADING_SPACE);
  block = _pd_report_add_block (self, PD_REPORT_BLOCK_TEXT);
  block->markup = g_markup_printf_escaped ("<b>%s</b>", text);
  block->size = PD_REPORT_HEADING_SIZE;
  block->keep_with_next = TRUE;
}

/* Small print under what it explains: it goes to the next page with the block above it,
 * never alone. */
void
_pd_report_add_footnote (PdReport   *self,
                         const char *markup)
{
  _pd_report_add_text (self, PD_REPORT_SMALL_SIZE, markup);
  g_array_index (self->blocks, PdReportBlock, self->blocks->len - 1).keep_with_previous = TRUE;
}

void
_pd_report_add_page_break (PdReport *self,
                           double    room)
{
  _pd_report_add_block (self, PD_REPORT_BLOCK_BREAK)->size = room;
}

static char **
cells_new_valist (const char *first,
                  va_list     args)
{
  GPtrArray *cells = g_ptr_array_new ();

  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, g_strdup (cell));
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

char **
_pd_report_cells_new (const char *first,
                      ...)
{
  char **cells;
  va_list args;

  va_start (args, first);
  cells = cells_new_valist (first, args);
  va_end (args);
  return cells;
}

static void
add_row (PdReport  *self,
         int        table,
         gboolean   header,
         char     **cells)
{
  PdReportTable *t = &g_array_index (self->tables, PdReportTable, table);
  PdReportBlock *block = _pd_report_add_block (self, PD_REPORT_BLOCK_ROW);

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

/* A table and its header row: widths are fractions of the text width; right: the columns
 * aligned right. The header row is repeated at the top of every page the table continues
 * on. */
int
_pd_report_add_table (PdReport     *self,
                      const double *widths,
                      guint         right_mask,
                      double        size,
                      const char   *first_header,
                      ...)
{
  PdReportTable table = { .right_mask = right_mask, .size = size, .header = -1 };
  char **header;
  va_list args;

  va_start (args, first_header);
  header = cells_new_valist (first_header, args);
  va_end (args);
  table.n_columns = g_strv_length (header);
  g_assert (table.n_columns <= PD_REPORT_MAX_COLUMNS);
  memcpy (table.widths, widths, table.n_columns * sizeof (double));
  g_array_append_val (self->tables, table);
  add_row (self, (int) self->tables->len - 1, TRUE, header);
  return (int) self->tables->len - 1;
}

/* Takes the cells (a NULL-terminated array of the table's number of strings). */
void
_pd_report_add_row (PdReport  *self,
                    int        table,
                    char     **cells)
{
  add_row (self, table, FALSE, cells);
}

/* Formatting */

char *
_pd_report_format_day_as (guint32     day,
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
  return _pd_report_format_day_as (day, _("%-d %b %Y"));
}

/* A date that a wrapped table cell never breaks ("stopped 23 / Mar 2025"). */
char *
_pd_report_format_day_unbroken (guint32 day)
{
  g_autofree char *text = _pd_report_format_day (day);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strjoinv ("\u00a0", words);
}

/* A date from the diary's meta (YYYY-MM-DD) in the locale's words; anything else as it is. */
char *
_pd_report_format_iso_date (const char *iso)
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

guint32
_pd_report_julian_of (GDateTime *time)
{
  int year, month, day;
  GDate date;

  g_date_time_get_ymd (time, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

char *
_pd_report_format_score (double value)
{
  return isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.1f", value);
}

double
_pd_report_mean_of (double sum,
                    guint  n)
{
  return n > 0 ? sum / n : NAN;
}

PdDailySeries *
_pd_report_get_series (PdReport *self)
{
  return self->series;
}
