/* pd-spine-reminder-rows.h: the Reminders page's settings of the spine outcomes: when to
 * ask about pain after an as-needed dose, and when to ask for the impression of change
 * after a treatment (both stored in the diary's meta)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* An AdwPreferencesGroup; writes to database as the values change. */
GtkWidget *pd_spine_reminder_group_new (PdDatabase *database);

G_END_DECLS
