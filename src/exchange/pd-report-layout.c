/* pd-report-layout.c: the report laid out: blocks measured, cut into pages, drawn, and written as PDF
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

static const PdReportColour ink = { 0.13, 0.13, 0.13 };
static const PdReportColour dim = { 0.40, 0.40, 0.40 };
static const PdReportColour rule = { 0.80, 0.80, 0.80 };
static const PdReportColour shade = { 0.94, 0.94, 0.94 };
static const PdReportColour before_colour = { 0.60, 0.60, 0.60 };
static const PdReportColour after_colour = { 0.0, 0.447, 0.698 };  /* Okabe-Ito blue */

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
          if (block->size > 0 && text_height - y >= block->size * text_height)
            continue;
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
      g_autofree char *value = _pd_report_format_score (values[i]);

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

/* A chart or the body map, clipped to its block. */
static void
draw_picture (PdReport            *self,
              cairo_t             *cr,
              const PdReportBlock *block,
              double               x,
              double               y,
              double               width)
{
  PdChartStyle style;

  pd_chart_style_init (&style, PD_CHART_PALETTE_LIGHT, 1);
  style.font_size = PD_REPORT_CHART_FONT_SIZE;
  g_free (style.font_family);
  style.font_family = g_strdup (PD_REPORT_FONT);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, width, block->size);
  cairo_clip (cr);
  if (block->kind == PD_REPORT_BLOCK_CHART)
    {
      PdChartData data;

      pd_chart_data_init (&data, self->series);
      data.first_day = self->first_day;
      data.last_day = self->last_day;
      data.panels = block->panels;
      data.show_events = TRUE;
      pd_chart_draw (cr, (int) width, (int) block->size, &data, &style);
    }
  else
    {
      PdBodyMapData data = { 0, -1, self->body_stats };

      pd_body_map_draw (cr, (int) width, (int) block->size, &data, &style);
    }
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
          draw_picture (self, cr, block, x, y, text_width);
          y += block->size + 6;
          break;
        case PD_REPORT_BLOCK_BARS:
          draw_bars (cr, layout, block, x, y, text_width);
          y += block->size;
          break;
        case PD_REPORT_BLOCK_BODY_MAP:
          draw_picture (self, cr, block, x, y, text_width);
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
  surface = cairo_pdf_surface_create_for_stream (pd_chart_write_output, output, width, height);
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
