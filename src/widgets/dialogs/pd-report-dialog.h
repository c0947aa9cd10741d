/* pd-report-dialog.h: choosing, saving and printing the clinician report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

/* The periods the dialog offers, in its order. */
typedef enum
{
  PD_REPORT_RANGE_30_DAYS,
  PD_REPORT_RANGE_90_DAYS,
  PD_REPORT_RANGE_YEAR,
  PD_REPORT_RANGE_ALL,
  PD_REPORT_RANGE_CUSTOM,
} PdReportRange;

#define PD_TYPE_REPORT_DIALOG (pd_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdReportDialog, pd_report_dialog, PD, REPORT_DIALOG, AdwWindow)

/* Over parent, on the model's diary, with the choices last made in this session (or all
 * sections, the last 30 days and the locale's paper). print: Print is the main button.
 * What is said once the dialog is gone goes to parent's win.show-toast action. */
PdReportDialog *pd_report_dialog_new        (GtkWindow       *parent,
                                             PdDiaryModel    *model,
                                             gboolean         print);
void            pd_report_dialog_set_range  (PdReportDialog  *self,
                                             PdReportRange    range);

G_END_DECLS
