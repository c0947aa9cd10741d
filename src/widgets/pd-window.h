/* pd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-application.h"
#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_WINDOW (pd_window_get_type ())

G_DECLARE_FINAL_TYPE (PdWindow, pd_window, PD, WINDOW, AdwApplicationWindow)

PdWindow   *pd_window_new          (PdApplication *application,
                                    const char    *path);
/* A clinician's read-only review of the file at path, already opened with pd_review_open():
 * a banner names the patient, and nothing in the window can write. */
PdWindow   *pd_window_new_for_review (PdApplication *application,
                                      const char    *path,
                                      PdDatabase    *database);
gboolean    pd_window_is_review    (PdWindow      *self);
const char *pd_window_get_path     (PdWindow      *self);
/* NULL while the diary could not be opened. */
PdDatabase *pd_window_get_database (PdWindow      *self);
/* The diary changed (a record saved, deleted or restored): reload it off the main thread
 * and show it on every page. */
void        pd_window_diary_changed (PdWindow     *self);
void        pd_window_show_error   (PdWindow      *self,
                                    const char    *title,
                                    const GError  *error);
void        pd_window_add_toast      (PdWindow     *self,
                                      const char   *message);
/* The application's settings, or NULL when its schema is not installed. */
GSettings  *pd_window_get_settings   (PdWindow     *self);
/* The diary as last loaded, or NULL while loading. */
PdDiaryData *pd_window_get_data      (PdWindow     *self);
/* A record was deleted: show a toast whose Undo restores it (also Ctrl+Z), and reload. */
void        pd_window_record_deleted (PdWindow     *self,
                                      PdRecordKind  kind,
                                      const char   *id,
                                      const char   *message);

G_END_DECLS
