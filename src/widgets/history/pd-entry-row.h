/* pd-entry-row.h: one pain entry in a list, with Edit and Delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-pain-entry.h"

G_BEGIN_DECLS

#define PD_TYPE_ENTRY_ROW (pd_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (PdEntryRow, pd_entry_row, PD, ENTRY_ROW, AdwActionRow)

/* The buttons activate win.edit-entry and win.delete-entry with the entry's id. */
GtkWidget   *pd_entry_row_new       (PdPainEntry *entry,
                                     gboolean     editable);
PdPainEntry *pd_entry_row_get_entry (PdEntryRow  *self);

G_END_DECLS
