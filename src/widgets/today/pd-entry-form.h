/* pd-entry-form.h: the fields of a pain entry, shared by Today and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-pain-entry.h"

G_BEGIN_DECLS

#define PD_TYPE_ENTRY_FORM (pd_entry_form_get_type ())

G_DECLARE_FINAL_TYPE (PdEntryForm, pd_entry_form, PD, ENTRY_FORM, AdwBin)

GtkWidget *pd_entry_form_new          (void);
/* Clears every field; the time becomes "now". */
void       pd_entry_form_reset        (PdEntryForm *self);
void       pd_entry_form_set_entry    (PdEntryForm *self,
                                       PdPainEntry *entry);
/* Writes the fields into entry (its id is kept). FALSE when no score is chosen. */
gboolean   pd_entry_form_fill_entry   (PdEntryForm *self,
                                       PdPainEntry *entry);
/* The chosen score, or -1. */
int        pd_entry_form_get_score    (PdEntryForm *self);
void       pd_entry_form_set_score    (PdEntryForm *self,
                                       int          score);
void       pd_entry_form_focus_score  (PdEntryForm *self);
/* Number keys choose the score ("1" then "0" quickly is 10). TRUE when handled. */
gboolean   pd_entry_form_handle_key   (PdEntryForm *self,
                                       guint        keyval,
                                       GdkModifierType state);
/* The number keys pressed anywhere in widget (the page or window that holds the form) go
 * to pd_entry_form_handle_key(). */
void       pd_entry_form_take_keys_of (PdEntryForm *self,
                                       GtkWidget   *widget);

G_END_DECLS
