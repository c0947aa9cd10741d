/* pd-record-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-record-editor.h"

typedef struct
{
  PdDatabase *database;
  PdDiaryModel *model;
  AdwPreferencesPage *page;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
} PdRecordEditorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PdRecordEditor, pd_record_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

PdDatabase *
pd_record_editor_get_database (PdRecordEditor *self)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);

  g_return_val_if_fail (PD_IS_RECORD_EDITOR (self), NULL);
  return priv->database;
}

void
pd_record_editor_set_database (PdRecordEditor *self,
                               PdDatabase     *database)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);

  g_return_if_fail (PD_IS_RECORD_EDITOR (self));
  g_set_object (&priv->database, database);
}

PdDiaryModel *
pd_record_editor_get_model (PdRecordEditor *self)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);

  g_return_val_if_fail (PD_IS_RECORD_EDITOR (self), NULL);
  return priv->model;
}

void
pd_record_editor_set_model (PdRecordEditor *self,
                            PdDiaryModel   *model)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);

  g_return_if_fail (PD_IS_RECORD_EDITOR (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));
  g_set_object (&priv->model, model);
  pd_record_editor_set_database (self, pd_diary_model_get_database (model));
}

void
pd_record_editor_outcomes_saved (PdRecordEditor *self)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PD_IS_RECORD_EDITOR (self));
  if (priv->model != NULL && !pd_diary_model_reload_outcomes (priv->model, &error))
    g_warning ("The outcomes were saved but could not be read again: %s", error->message);
}

void
pd_record_editor_add_group (PdRecordEditor *self,
                            GtkWidget      *group)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);

  g_return_if_fail (PD_IS_RECORD_EDITOR (self));
  adw_preferences_page_add (priv->page, ADW_PREFERENCES_GROUP (group));
}

void
pd_record_editor_set_can_save (PdRecordEditor *self,
                               gboolean        can_save)
{
  g_return_if_fail (PD_IS_RECORD_EDITOR (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);
}

static void
show_not_saved (PdRecordEditor *self,
                const GError   *error)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);

  gtk_label_set_label (priv->error_label, error ? error->message : _("Not saved"));
  gtk_revealer_set_reveal_child (priv->error_revealer, TRUE);
}

static void
saved (PdRecordEditor *self)
{
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
model_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PdRecordEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  if (!pd_diary_model_save_finish (PD_DIARY_MODEL (object), result, &error))
    show_not_saved (self, error);
  else
    saved (self);
}

void
pd_record_editor_save (PdRecordEditor *self)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);
  PdRecordEditorClass *klass = PD_RECORD_EDITOR_GET_CLASS (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) record = NULL;

  g_return_if_fail (PD_IS_RECORD_EDITOR (self));

  if (klass->build != NULL && priv->model != NULL)
    {
      if (!(record = klass->build (self, &error)))
        {
          show_not_saved (self, error);
          return;
        }
      /* Nothing to press twice while the model's worker writes. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
      pd_diary_model_save_async (priv->model, record, NULL, model_saved_cb, g_object_ref (self));
      return;
    }
  if (!klass->save (self, &error))
    {
      show_not_saved (self, error);
      return;
    }
  saved (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pd_record_editor_save (PD_RECORD_EDITOR (widget));
}

static gboolean
pd_record_editor_real_save (PdRecordEditor  *self,
                            GError         **error)
{
  return TRUE;
}

static void
pd_record_editor_dispose (GObject *object)
{
  PdRecordEditor *self = PD_RECORD_EDITOR (object);
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);

  /* No gtk_widget_dispose_template(): with GTK 4.8 it fails for instances of subclasses
   * of a derivable template class. The template's widgets are the window's content, which
   * the window disposes of. */
  g_clear_object (&priv->database);
  g_clear_object (&priv->model);

  G_OBJECT_CLASS (pd_record_editor_parent_class)->dispose (object);
}

static void
pd_record_editor_class_init (PdRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_record_editor_dispose;
  klass->save = pd_record_editor_real_save;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paindiary/PainDiary/pd-record-editor.ui");
  gtk_widget_class_bind_template_child_private (widget_class, PdRecordEditor, page);
  gtk_widget_class_bind_template_child_private (widget_class, PdRecordEditor, error_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, PdRecordEditor, error_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_record_editor_init (PdRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
