/* pd-dose-editor.h: log or edit one dose, with the day's safety information
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-record-editor.h"

G_BEGIN_DECLS

#define PD_TYPE_DOSE_EDITOR (pd_dose_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdDoseEditor, pd_dose_editor, PD, DOSE_EDITOR, PdRecordEditor)

/* dose: a new dose prepared by the caller (name, medication, amount, unit, time) or a
 * saved one to edit. data: the diary as loaded, for the safety checks (may be NULL). */
PdDoseEditor *pd_dose_editor_new (GtkWindow   *parent,
                                  PdDiaryModel *model,
                                  PdDiaryData *data,
                                  PdDose      *dose,
                                  gboolean     is_new);

G_END_DECLS
