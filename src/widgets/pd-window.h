/* pd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_WINDOW (pd_window_get_type ())

G_DECLARE_FINAL_TYPE (PdWindow, pd_window, PD, WINDOW, AdwApplicationWindow)

PdWindow   *pd_window_new          (GtkApplication *application,
                                    const char     *path);
/* A clinician's read-only review of the file at path, already opened with pd_review_open():
 * a banner names the patient, and nothing in the window can write. */
PdWindow   *pd_window_new_for_review (GtkApplication *application,
                                      const char     *path,
                                      PdDatabase     *database);
/* Its properties "path" (the diary's file) and "review" (read-only) say which it shows. */

/* Closes the window's diary now (pd_diary_model_close, pd_database_close): the application
 * quits, and whatever still holds the window or its database (a task under way, a dialog)
 * must not keep the file open. Also done when the window goes. */
void        pd_window_close_diary  (PdWindow       *self);

/* The window's actions for what happens outside it (pd-window.c installs them):
 * win.reload: the diary changed outside the window's model (an import, a restored backup, the
 *   preferences, a reminder): the model reads it again, off the main thread, and the pages
 *   follow;
 * win.show-toast ("s"), win.show-undo-toast ("s"): a message, with Undo for the second;
 * win.show-error ("(ss)": title, message): the diary cannot be shown. */

G_END_DECLS
