/* pd-safety-preferences.h: the Preferences page of medication safety: the acetaminophen
 * maximum (GSettings) and the CYP2D6 status from a genetic test report (the diary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* changed (may be NULL) is called with user_data after either choice was saved. */
AdwPreferencesPage *pd_safety_preferences_page_new (PdDatabase *database,
                                                    GCallback   changed,
                                                    gpointer    user_data);

G_END_DECLS
