/* pd-problem-dialog.h: telling that something the person asked for did not happen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A message dialog, modal to parent (may be NULL), with heading, body and Close;
 * presented at once. */
void pd_problem_dialog_present (GtkWindow  *parent,
                                const char *heading,
                                const char *body);

G_END_DECLS
