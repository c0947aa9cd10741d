/* pd-record-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-editor-util.h"
#include "pd-page-util.h"
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

gpointer
pd_record_editor_new (GType         type,
                      GtkWindow    *parent,
                      PdDiaryModel *model,
                      const char   *title)
{
  PdRecordEditor *self;

  g_return_val_if_fail (g_type_is_a (type, PD_TYPE_RECORD_EDITOR), NULL);

  self = g_object_new (type, "transient-for", parent, "title", title, NULL);
  pd_record_editor_set_model (self, model);
  return self;
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
show_not_saved (GtkWindow    *window,
                const GError *error)
{
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (PD_RECORD_EDITOR (window));

  gtk_label_set_label (priv->error_label, error ? error->message : _("Not saved"));
  gtk_revealer_set_reveal_child (priv->error_revealer, TRUE);
}

/* Runs the subclass's build or save; on success emits "saved" and closes. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdRecordEditor *self = PD_RECORD_EDITOR (widget);
  PdRecordEditorPrivate *priv = pd_record_editor_get_instance_private (self);
  PdRecordEditorClass *klass = PD_RECORD_EDITOR_GET_CLASS (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) record = NULL;

  if (klass->build != NULL && priv->model != NULL)
    {
      if (!(record = klass->build (self, &error)))
        show_not_saved (GTK_WINDOW (self), error);
      else
        pd_editor_save_record (GTK_WINDOW (self), priv->model, record, show_not_saved);
      return;
    }
  if (klass->save != NULL && !klass->save (self, &error))
    show_not_saved (GTK_WINDOW (self), error);
  else
    pd_editor_saved (GTK_WINDOW (self));
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
  /* The private struct's offsets are known once the type is registered: no static table. */
  const PdTemplateBinding bindings[] = {
    { "page", G_PRIVATE_OFFSET (PdRecordEditor, page), NULL },
    { "error_revealer", G_PRIVATE_OFFSET (PdRecordEditor, error_revealer), NULL },
    { "error_label", G_PRIVATE_OFFSET (PdRecordEditor, error_label), NULL }
  };

  G_OBJECT_CLASS (klass)->dispose = pd_record_editor_dispose;

  pd_widget_class_set_template (GTK_WIDGET_CLASS (klass), "pd-record-editor.ui", bindings,
                                G_N_ELEMENTS (bindings));
  pd_editor_class_add_save (GTK_WIDGET_CLASS (klass), save_action);
}

static void
pd_record_editor_init (PdRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
