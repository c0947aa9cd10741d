/* pd-today-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

#define PD_TYPE_TODAY_PAGE (pd_today_page_get_type ())

G_DECLARE_FINAL_TYPE (PdTodayPage, pd_today_page, PD, TODAY_PAGE, AdwBin)

/* Today shows the model's today, and again whenever the model changes. */
void pd_today_page_set_model   (PdTodayPage  *self,
                                PdDiaryModel *model);
void pd_today_page_focus_score (PdTodayPage *self);
/* Save Entry, which toasts keep clear of. */
GtkWidget *pd_today_page_get_save_button (PdTodayPage *self);

G_END_DECLS
