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

/* How a command the person asked for ended, in window: with error set, the problem dialog
 * headed failed with the error's message; else a toast saying done, after which, with
 * reload, the window reads its diary again. */
void pd_command_report         (GtkWindow    *window,
                                const GError *error,
                                const char   *failed,
                                const char   *done,
                                gboolean      reload);

G_END_DECLS
