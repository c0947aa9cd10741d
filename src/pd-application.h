/* pd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_APPLICATION (pd_application_get_type ())

G_DECLARE_FINAL_TYPE (PdApplication, pd_application, PD, APPLICATION, AdwApplication)

PdApplication *pd_application_new  (void);
/* Runs the application on the command line (main.c finds it in the module). */
int            pd_application_main (int     argc,
                                    char  **argv);

G_END_DECLS
