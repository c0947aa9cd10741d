/* pd-entry-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-entry-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-editors.h"
#include "pd-editor-util.h"
#include "pd-entry-form.h"
#include "pd-page-util.h"

#define PD_TYPE_ENTRY_EDITOR (pd_entry_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdEntryEditor, pd_entry_editor, PD, ENTRY_EDITOR, AdwWindow)

struct _PdEntryEditor
{
  AdwWindow parent_instance;

  PdDiaryModel *model;
  PdPainEntry *entry;

  PdEntryForm *form;
};

G_DEFINE_FINAL_TYPE (PdEntryEditor, pd_entry_editor, ADW_TYPE_WINDOW)

static void
form_changed_cb (PdEntryEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 pd_entry_form_get_score (self->form) >= 0);
}

static void
not_saved (GtkWindow    *self,
           const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self, _("The Entry Was Not Saved"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdEntryEditor *self = PD_ENTRY_EDITOR (widget);
  g_autoptr(PdPainEntry) changed = pd_pain_entry_copy (self->entry);

  if (pd_entry_form_fill_entry (self->form, changed))
    pd_editor_save_record (GTK_WINDOW (self), self->model, changed, not_saved);
}

static void
form_activate_cb (PdEntryEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
pd_entry_editor_dispose (GObject *object)
{
  PdEntryEditor *self = PD_ENTRY_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ENTRY_EDITOR);
  g_clear_object (&self->model);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (pd_entry_editor_parent_class)->dispose (object);
}

static void
pd_entry_editor_class_init (PdEntryEditorClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdEntryEditor, form),
    PD_TEMPLATE_CALLBACK (form_changed_cb),
    PD_TEMPLATE_CALLBACK (form_activate_cb)
  };
  G_OBJECT_CLASS (klass)->dispose = pd_entry_editor_dispose;

  pd_widget_class_set_template (GTK_WIDGET_CLASS (klass), "pd-entry-editor.ui", bindings,
                                G_N_ELEMENTS (bindings));
  pd_editor_class_add_save (GTK_WIDGET_CLASS (klass), save_action);
}

static void
pd_entry_editor_init (PdEntryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_entry_form_take_keys_of (self->form, GTK_WIDGET (self));
}

GtkWindow *
pd_entry_editor_new (GtkWindow    *parent,
                     PdDiaryModel *model,
                     PdPainEntry  *entry)
{
  PdEntryEditor *self;

  g_return_val_if_fail (PD_IS_DIARY_MODEL (model), NULL);
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (entry), NULL);

  self = g_object_new (PD_TYPE_ENTRY_EDITOR, "transient-for", parent, NULL);
  self->model = g_object_ref (model);
  self->entry = g_object_ref (entry);
  pd_entry_form_set_entry (self->form, entry);
  form_changed_cb (self);
  return GTK_WINDOW (self);
}
