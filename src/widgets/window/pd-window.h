/* pd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"
#include "pd-diary-model.h"

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
gboolean    pd_window_is_review    (PdWindow      *self);
const char *pd_window_get_path     (PdWindow      *self);
/* NULL while the diary could not be opened. */
PdDatabase   *pd_window_get_database  (PdWindow     *self);
/* The diary the pages show; NULL while it could not be opened. */
PdDiaryModel *pd_window_get_model     (PdWindow     *self);
/* The diary changed outside the model (an import, a restored backup, the preferences, a
 * reminder): the model reads it again, off the main thread, and the pages follow. */
void          pd_window_diary_changed (PdWindow     *self);
/* The diary cannot be shown: the error page, with a backup to restore when it is damaged. */
void          pd_window_show_error    (PdWindow     *self,
                                       const char   *title,
                                       const GError *error);
void          pd_window_add_toast     (PdWindow     *self,
                                       const char   *message);
/* The application's settings, or NULL when its schema is not installed. */
GSettings    *pd_window_get_settings  (PdWindow     *self);

G_END_DECLS
