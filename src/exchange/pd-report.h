/* pd-report.h: the clinician report (PDF, and the pages a print operation draws)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report is computed once from a diary's data (pd_report_new), then laid out for a page
 * size and drawn page by page onto any cairo_t, in points: a PDF surface
 * (pd_report_write_pdf) or a GtkPrintContext's cairo_t:
 *
 *   begin-print:  n = pd_report_get_n_pages (report, width_pt, height_pt);
 *   draw-page:    pd_report_draw_page (report, cr, page, width_pt, height_pt);
 *
 * Page 1 is always the summary; the other sections are optional.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pd-database.h"
#include "pd-medication-checks.h"

G_BEGIN_DECLS

typedef enum
{
  PD_PAPER_A4,
  PD_PAPER_LETTER,
} PdPaper;

/* Width and height in points (1/72 inch), portrait. */
void     pd_paper_get_size                (PdPaper      paper,
                                           double      *width_pt,
                                           double      *height_pt);
/* Letter for the size of US Letter (216 x 279 mm, as LC_PAPER gives it), else A4. */
PdPaper  pd_paper_from_size_mm            (guint        width_mm,
                                           guint        height_mm);
/* From a locale name such as "en_US.UTF-8": Letter for the territories that use it (US,
 * CA, MX, ...), A4 for every other one, and for NULL, "", "C" and "POSIX". */
PdPaper  pd_paper_from_locale_name        (const char  *locale);
/* The paper of the current LC_PAPER: its size on glibc, else the locale's name (also
 * when the named locale is not installed and LC_PAPER fell back to "C"). */
PdPaper  pd_paper_for_current_locale      (void);

/* The parts after the summary page; pd_report_sections_init turns all of them on. */
typedef struct
{
  gboolean charts;        /* medication and activity charts */
  gboolean before_after;  /* one comparison per treatment event in the period */
  gboolean notes;         /* notes of the pain entries, dated, with the score */
  gboolean daily_table;   /* one row per day */
  /* The medication checks' choices: the acetaminophen maximum of Preferences (the caller's
   * to set; 4000 mg by default) and the CYP2D6 status (pd_report_load reads the diary's). */
  PdCheckOptions checks;
} PdReportSections;

void     pd_report_sections_init          (PdReportSections *sections);

#define PD_TYPE_REPORT (pd_report_get_type ())

G_DECLARE_FINAL_TYPE (PdReport, pd_report, PD, REPORT, GObject)

/* Computes the report of the local days first_day..last_day (Julian days, inclusive) from
 * data, which should hold the records from 30 days before first_day, or the length of the
 * period before it if longer (the comparison with the previous period, adherence, the
 * before windows); see pd_report_load. patient_name and surgery_date (from the diary's
 * meta) may be NULL or empty. generated NULL: now. sections NULL: all of them.
 * Does no I/O: safe in a worker thread. */
PdReport *pd_report_new                   (PdDiaryData             *data,
                                           guint32                  first_day,
                                           guint32                  last_day,
                                           const char              *patient_name,
                                           const char              *surgery_date,
                                           GDateTime               *generated,
                                           const PdReportSections  *sections);
/* Reads what pd_report_new needs from db (patient name and surgery date from its meta)
 * and builds the report. Blocking. */
PdReport *pd_report_load                  (PdDatabase              *db,
                                           guint32                  first_day,
                                           guint32                  last_day,
                                           const PdReportSections  *sections,
                                           GError                 **error);

guint32   pd_report_get_first_day         (PdReport                *self);
guint32   pd_report_get_last_day          (PdReport                *self);

/* Lays the report out for that page size (again only when the size changes) and returns
 * the number of pages. */
int       pd_report_get_n_pages           (PdReport                *self,
                                           double                   width_pt,
                                           double                   height_pt);
/* Draws page (0-based) of the layout for that size onto cr, whose user space is in
 * points with the origin at the page's top left corner. */
void      pd_report_draw_page             (PdReport                *self,
                                           cairo_t                 *cr,
                                           int                      page,
                                           double                   width_pt,
                                           double                   height_pt);

/* Writes the whole report as a PDF into file: a temporary file beside it, created with
 * mode 0600 (health data), renamed over file once complete. n_pages may be NULL. */
gboolean  pd_report_write_pdf             (PdReport                *self,
                                           const char              *file,
                                           PdPaper                  paper,
                                           int                     *n_pages,
                                           GError                 **error);

G_END_DECLS
