/* pd-medications-page.h: the regimen (current and stopped medications, with adherence)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_MEDICATIONS_PAGE (pd_medications_page_get_type ())

G_DECLARE_FINAL_TYPE (PdMedicationsPage, pd_medications_page, PD, MEDICATIONS_PAGE, AdwBin)

/* Shows the model's regimen, with the adherence of the last 7 and 30 days as of now, and
 * again whenever the model changes. Changes go through the model; errors and the Undo
 * toast through the window's actions win.show-error and win.show-undo-toast. */
void pd_medications_page_set_model (PdMedicationsPage *self,
                                    PdDiaryModel      *model);

G_END_DECLS
