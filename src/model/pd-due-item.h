/* pd-due-item.h: one scheduled dose of today, as an item of the diary model's due list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-medication-checks.h"

G_BEGIN_DECLS

#define PD_TYPE_DUE_ITEM (pd_due_item_get_type ())

G_DECLARE_FINAL_TYPE (PdDueItem, pd_due_item, PD, DUE_ITEM, GObject)

/* Takes the medication and dose references of due (which it frees). */
PdDueItem    *pd_due_item_new            (PdDueDose *due);
PdMedication *pd_due_item_get_medication (PdDueItem *self);
/* The scheduled local time, minutes after midnight. */
guint         pd_due_item_get_minute     (PdDueItem *self);
PdDueState    pd_due_item_get_state      (PdDueItem *self);
/* The dose that answered it, or NULL while pending. */
PdDose       *pd_due_item_get_dose       (PdDueItem *self);
/* Same medication, time, state and answering dose: nothing to redraw. */
gboolean      pd_due_item_equal          (PdDueItem *self,
                                          PdDueItem *other);

G_END_DECLS
