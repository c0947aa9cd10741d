/* pd-medications-page.h: the regimen (current and stopped medications, with adherence)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_MEDICATIONS_PAGE (pd_medications_page_get_type ())

G_DECLARE_FINAL_TYPE (PdMedicationsPage, pd_medications_page, PD, MEDICATIONS_PAGE, AdwBin)

/* Shows the regimen of data (owned by the caller; only what is kept is referenced), with
 * the adherence of the last 7 and 30 days as of now. database may be NULL (nothing open). */
void pd_medications_page_set_data (PdMedicationsPage *self,
                                   PdDatabase        *database,
                                   PdDiaryData       *data);

G_END_DECLS
