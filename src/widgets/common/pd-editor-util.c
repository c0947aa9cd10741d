/* pd-editor-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-editor-util"

#include "config.h"

#include "pd-editor-util.h"

void
pd_editor_class_add_save (GtkWidgetClass              *widget_class,
                          GtkWidgetActionActivateFunc  save)
{
  g_signal_new ("saved", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

void
pd_editor_saved (GtkWindow *editor)
{
  g_signal_emit_by_name (editor, "saved");
  gtk_window_destroy (editor);
}

typedef struct
{
  GtkWindow *editor;
  PdEditorFailedFunc failed;
} Saving;

static void
model_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree Saving *saving = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (saving->editor), "editor.save", TRUE);
  if (!pd_diary_model_save_finish (PD_DIARY_MODEL (object), result, &error))
    saving->failed (saving->editor, error);
  else
    pd_editor_saved (saving->editor);
  g_object_unref (saving->editor);
}

void
pd_editor_save_record (GtkWindow          *editor,
                       PdDiaryModel       *model,
                       gpointer            record,
                       PdEditorFailedFunc  failed)
{
  Saving *saving;

  g_return_if_fail (GTK_IS_WINDOW (editor));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));
  g_return_if_fail (failed != NULL);

  saving = g_new (Saving, 1);
  saving->editor = g_object_ref (editor);
  saving->failed = failed;
  /* Nothing to press twice while the model's worker writes. */
  gtk_widget_action_set_enabled (GTK_WIDGET (editor), "editor.save", FALSE);
  pd_diary_model_save_async (model, record, NULL, model_saved_cb, saving);
}
