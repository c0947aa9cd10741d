/* pd-entry-editor.h: a dialog that edits one saved entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_ENTRY_EDITOR (pd_entry_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdEntryEditor, pd_entry_editor, PD, ENTRY_EDITOR, AdwWindow)

/* Emits "saved" after the changed entry was written. */
PdEntryEditor *pd_entry_editor_new (GtkWindow    *parent,
                                    PdDiaryModel *model,
                                    PdPainEntry  *entry);

G_END_DECLS
