/* pd-catalogue-private.h: helpers shared by the records that use the catalogue's units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-catalogue.h"

G_BEGIN_DECLS

/* A known unit and an amount > 0 and at most pd_dose_unit_max_amount (unit); the same
 * "field: reason" words for a medication's usual amount and a dose's amount. */
gboolean  pd_catalogue_check_amount  (double       amount,
                                      const char  *unit,
                                      GError     **error);
/* An amount for a message: "4500", "2.5", "0.125" (at most 3 decimals, no trailing zeros). */
char     *pd_catalogue_format_amount (double       amount);

G_END_DECLS
