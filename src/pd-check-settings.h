/* pd-check-settings.h: the patient's choices the medication checks take, gathered from
 * GSettings (the acetaminophen maximum) and the diary (the CYP2D6 status)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"
#include "pd-medication-checks.h"

G_BEGIN_DECLS

/* The GSettings key: 4000 or 3000 (mg in 24 h). */
#define PD_SETTINGS_ACETAMINOPHEN_MAX "acetaminophen-max-mg"

/* Defaults where GSettings has no schema installed (a build tree) or database is NULL. */
void pd_check_options_load (PdCheckOptions *options,
                            PdDatabase     *database);

G_END_DECLS
