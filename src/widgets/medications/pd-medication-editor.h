/* pd-medication-editor.h: a dialog that adds a medication to the regimen (starting from the
 * catalogue) or edits one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_MEDICATION_EDITOR (pd_medication_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdMedicationEditor, pd_medication_editor, PD, MEDICATION_EDITOR, AdwWindow)

/* medication NULL: add a new one, chosen from the catalogue or custom. The medication
 * itself is not changed; a copy is saved. Emits "saved" after writing. */
PdMedicationEditor *pd_medication_editor_new (GtkWindow    *parent,
                                              PdDiaryModel *model,
                                              PdMedication *medication);

G_END_DECLS
