/* pd-psfs-editor.h: the Patient-Specific Functional Scale: name 3-5 activities in your own
 * words, retire and add them, and rate each 0-10
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-record-editor.h"

G_BEGIN_DECLS

#define PD_TYPE_PSFS_EDITOR (pd_psfs_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdPsfsEditor, pd_psfs_editor, PD, PSFS_EDITOR, PdRecordEditor)

/* The activities and ratings are the model's, as the editor is built; a save makes the
 * model read the outcomes again. */
PdPsfsEditor *pd_psfs_editor_new (GtkWindow    *parent,
                                  PdDiaryModel *model);

G_END_DECLS
