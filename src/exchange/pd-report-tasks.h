/* pd-report-tasks.h: the clinician report off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-report.h"

G_BEGIN_DECLS

/* The first and last local days with a pain entry, dose or activity in data; FALSE when it
 * holds none. */
gboolean  pd_report_data_days             (PdDiaryData          *data,
                                           guint32              *first_day,
                                           guint32              *last_day);

/* Builds the report of first_day..last_day, or of the whole diary when first_day is 0
 * (from its first day with data to its last, or today when it is empty), and lays it out
 * for paper so that drawing the pages is quick. Reads the diary; writes nothing. */
void      pd_report_load_async            (PdDatabase             *db,
                                           guint32                 first_day,
                                           guint32                 last_day,
                                           const PdReportSections *sections,
                                           PdPaper                 paper,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
PdReport *pd_report_load_finish           (GAsyncResult           *result,
                                           GError                **error);

/* pd_report_write_pdf in a worker thread. */
void      pd_report_write_pdf_async       (PdReport               *report,
                                           const char             *file,
                                           PdPaper                 paper,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
/* The number of pages written, or -1 with error set. */
int       pd_report_write_pdf_finish      (GAsyncResult           *result,
                                           GError                **error);

G_END_DECLS
