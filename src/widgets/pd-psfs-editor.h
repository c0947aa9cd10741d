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

/* data: the diary as loaded (activities and ratings); read while the editor is built. */
PdPsfsEditor *pd_psfs_editor_new (GtkWindow   *parent,
                                  PdDatabase  *database,
                                  PdDiaryData *data);

G_END_DECLS
