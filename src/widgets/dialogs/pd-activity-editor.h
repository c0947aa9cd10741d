/* pd-activity-editor.h: log or edit an activity or therapy session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-record-editor.h"

G_BEGIN_DECLS

#define PD_TYPE_ACTIVITY_EDITOR (pd_activity_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdActivityEditor, pd_activity_editor, PD, ACTIVITY_EDITOR, PdRecordEditor)

PdActivityEditor *pd_activity_editor_new (GtkWindow  *parent,
                                          PdDiaryModel *model,
                                          PdActivity *activity,
                                          gboolean    is_new);

G_END_DECLS
