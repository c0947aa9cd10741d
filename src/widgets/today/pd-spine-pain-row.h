/* pd-spine-pain-row.h: back and leg pain (0-10 each, each optional) in the entry form,
 * one switch away like the PEG items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_SPINE_PAIN_ROW (pd_spine_pain_row_get_type ())

G_DECLARE_FINAL_TYPE (PdSpinePainRow, pd_spine_pain_row, PD, SPINE_PAIN_ROW, AdwExpanderRow)

GtkWidget *pd_spine_pain_row_new      (void);
/* PD_UNSET for a score left out; both unset turns the row's switch off. */
void       pd_spine_pain_row_set      (PdSpinePainRow *self,
                                       int             back_pain,
                                       int             leg_pain);
int        pd_spine_pain_row_get_back (PdSpinePainRow *self);
int        pd_spine_pain_row_get_leg  (PdSpinePainRow *self);

G_END_DECLS
