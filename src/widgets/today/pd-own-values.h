/* pd-own-values.h: the patient's own locations or qualities in the entry form, as chips,
 * with a field to add one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-tags.h"

G_BEGIN_DECLS

#define PD_TYPE_OWN_VALUES (pd_own_values_get_type ())

G_DECLARE_FINAL_TYPE (PdOwnValues, pd_own_values, PD, OWN_VALUES, GtkListBoxRow)

/* A list row for an expander row. "changed" when a value is added or its chip toggled;
 * "tag-typed" (int index) when what was typed is one of the kind's tags, for the form to
 * tick that chip instead. */
GtkWidget          *pd_own_values_new        (PdTagKind           kind);
/* The chips shown, all ticked. */
void                pd_own_values_set_values (PdOwnValues        *self,
                                              const char * const *values);
/* The ticked values, in order; NULL when none. */
GStrv               pd_own_values_dup_values (PdOwnValues        *self);

G_END_DECLS
