/* pd-event-editor.h: add or edit a treatment event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-record-editor.h"

G_BEGIN_DECLS

#define PD_TYPE_EVENT_EDITOR (pd_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdEventEditor, pd_event_editor, PD, EVENT_EDITOR, PdRecordEditor)

PdEventEditor *pd_event_editor_new (GtkWindow  *parent,
                                    PdDiaryModel *model,
                                    PdEvent    *event,
                                    gboolean    is_new);

G_END_DECLS
