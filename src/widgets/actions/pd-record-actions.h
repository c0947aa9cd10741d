/* pd-record-actions.h: a window's actions on records (edit, delete, undo, log, add) and on
 * the whole diary (back up, restore, import, export, report), through the diary model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

/* The model of a window of the class, or NULL while none is open. */
typedef PdDiaryModel *(*PdRecordActionsModelFunc) (GtkWidget *window);

/* Installs win.undo, win.edit-record and win.delete-record ("(is)": kind, id),
 * win.add-medication, win.edit-medication ("s"), win.log-dose ("s": a medication's id or
 * ""), win.log-activity ("s": a name), win.add-event, and the diary's commands win.back-up,
 * win.restore, win.import, win.export and win.print-report. They say what happened through
 * the window's win.show-toast and win.show-undo-toast actions. */
void pd_record_actions_install (GtkWidgetClass           *widget_class,
                                PdRecordActionsModelFunc  model_func);

G_END_DECLS
