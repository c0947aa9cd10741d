/* pd-pgic-dialog.h: the Patient Global Impression of Change, about a treatment event or
 * overall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-record-editor.h"

G_BEGIN_DECLS

#define PD_TYPE_PGIC_DIALOG (pd_pgic_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdPgicDialog, pd_pgic_dialog, PD, PGIC_DIALOG, PdRecordEditor)

/* The model's events are offered as what the impression is about; event: the one chosen
 * at first, or NULL for overall. A save makes the model read the outcomes again. */
PdPgicDialog *pd_pgic_dialog_new (GtkWindow    *parent,
                                  PdDiaryModel *model,
                                  PdEvent      *event);

G_END_DECLS
