/* pd-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_PREFERENCES_WINDOW (pd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, PD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Emits "changed" after a fact stored in the diary (name, surgery date) was saved. */
PdPreferencesWindow *pd_preferences_window_new (GtkWindow  *parent,
                                                PdDatabase *database);

/* Adds a group at the end of the Diary page. */
void pd_preferences_window_add_diary_group (PdPreferencesWindow *self,
                                            AdwPreferencesGroup *group);

G_END_DECLS
