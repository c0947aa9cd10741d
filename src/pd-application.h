/* pd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_APPLICATION (pd_application_get_type ())

G_DECLARE_FINAL_TYPE (PdApplication, pd_application, PD, APPLICATION, AdwApplication)

PdApplication *pd_application_new         (void);
/* Parses argv against the option table; on a usage error prints it and returns FALSE
 * with *exit_status = 2. */
gboolean       pd_application_check_usage (int        argc,
                                           char     **argv,
                                           int       *exit_status);

G_END_DECLS
