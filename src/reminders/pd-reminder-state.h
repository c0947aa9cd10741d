/* pd-reminder-state.h: what the reminders of a diary remember between runs of the program:
 * the instant up to which they were last checked, so that reminders missed while the
 * program was not running (machine off, application quit) are caught up on the next start
 * (one per kind, pd-scheduler.h).
 *
 * Kept outside the diary, which a read-only or foreign diary must never be written for, in
 * $XDG_STATE_HOME/pain-diary/reminders.ini: one group per diary (the SHA-256 of its path)
 * with its "path" and "last-run" (Unix seconds). GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The state file. */
char     *pd_reminder_state_get_path     (void);
/* 0 when the diary has no recorded run (or the file is unreadable). */
gint64    pd_reminder_state_get_last_run (const char  *diary_path);
/* Records last_run for the diary; the file is made 0600 in a 0700 folder. */
gboolean  pd_reminder_state_set_last_run (const char  *diary_path,
                                          gint64       last_run,
                                          GError     **error);

G_END_DECLS
