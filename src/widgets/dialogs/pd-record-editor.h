/* pd-record-editor.h: the frame of every editor dialog (Cancel, Save, Ctrl+S, Escape,
 * an error line); subclasses add preference groups and implement save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"
#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_RECORD_EDITOR (pd_record_editor_get_type ())

G_DECLARE_DERIVABLE_TYPE (PdRecordEditor, pd_record_editor, PD, RECORD_EDITOR, AdwWindow)

struct _PdRecordEditorClass
{
  AdwWindowClass parent_class;

  /* Validates and writes; on failure sets error (its message is shown) and writes nothing.
   * NULL: nothing to write. */
  gboolean (*save)  (PdRecordEditor  *self,
                     GError         **error);
  /* For a diary record (entry, dose, activity, event, medication): validates and returns the
   * record to save through the diary model (which saves it in its worker thread), or NULL
   * with error set. When set, it is used instead of save. */
  GObject *(*build) (PdRecordEditor  *self,
                     GError         **error);
};

/* A new editor of type (a subclass) for model, over parent, titled title: how every
 * record editor begins. */
gpointer      pd_record_editor_new          (GType           type,
                                             GtkWindow      *parent,
                                             PdDiaryModel   *model,
                                             const char     *title);

PdDiaryModel *pd_record_editor_get_model    (PdRecordEditor *self);
/* Also sets the database: the model's writer connection. */
void          pd_record_editor_set_model    (PdRecordEditor *self,
                                             PdDiaryModel   *model);
/* For a save that wrote spine outcomes on the database: the model reads them again. The
 * write succeeded: a failure to read is logged, not shown. */
void          pd_record_editor_outcomes_saved (PdRecordEditor *self);

PdDatabase *pd_record_editor_get_database   (PdRecordEditor *self);
void        pd_record_editor_set_database   (PdRecordEditor *self,
                                             PdDatabase     *database);
void        pd_record_editor_add_group      (PdRecordEditor *self,
                                             GtkWidget      *group);
/* Whether Save can be pressed now (the "editor.save" action, also on Ctrl+S, which runs build
 * or save; on success the editor emits "saved" and closes). */
void        pd_record_editor_set_can_save   (PdRecordEditor *self,
                                             gboolean        can_save);

G_END_DECLS
