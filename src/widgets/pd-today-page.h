/* pd-today-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_TODAY_PAGE (pd_today_page_get_type ())

G_DECLARE_FINAL_TYPE (PdTodayPage, pd_today_page, PD, TODAY_PAGE, AdwBin)

void pd_today_page_set_database (PdTodayPage *self,
                                 PdDatabase  *database);
void pd_today_page_reload       (PdTodayPage *self);
void pd_today_page_focus_score  (PdTodayPage *self);

G_END_DECLS
