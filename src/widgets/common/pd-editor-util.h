/* pd-editor-util.h: what the editor windows share: how they save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

/* Shows why a save failed, in the editor's own way. */
typedef void (*PdEditorFailedFunc) (GtkWindow    *editor,
                                    const GError *error);

/* Gives an editor window class its "saved" signal (no arguments, emitted after a save that
 * succeeded), its "editor.save" action running save, Ctrl+S for that action and Escape to
 * close the window. */
void pd_editor_class_add_save (GtkWidgetClass              *widget_class,
                               GtkWidgetActionActivateFunc  save);

/* Saves record (a diary record: entry, dose, activity, event, medication) through model's
 * worker thread, with the editor's "editor.save" action disabled meanwhile. Then, on
 * success, the editor emits "saved" and is destroyed; on failure, failed shows why. */
void pd_editor_save_record (GtkWindow          *editor,
                            PdDiaryModel       *model,
                            gpointer            record,
                            PdEditorFailedFunc  failed);

/* Emits "saved" on the editor and destroys it. */
void pd_editor_saved (GtkWindow *editor);

G_END_DECLS
