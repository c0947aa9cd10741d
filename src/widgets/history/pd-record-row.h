/* pd-record-row.h: a row for any diary record (pain entry, dose, activity, event)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* Edit and Delete buttons (when editable) activate win.edit-record and win.delete-record
 * with the target (kind, id), GVariant type "(is)". */
GtkWidget *pd_record_row_new          (GObject      *record,
                                       gboolean      editable);
PdRecordKind pd_record_kind_of        (GObject      *record);
const char  *pd_record_id_of          (GObject      *record);

G_END_DECLS
