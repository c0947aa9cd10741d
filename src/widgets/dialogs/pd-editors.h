/* pd-editors.h: the dialogs that add or edit the diary's records, each a window of its own
 * whose type is private to its file. The activity, dose and event editors, the PGIC dialog
 * and the PSFS editor are PdRecordEditors; the entry and medication editors are AdwWindows.
 * Each emits "saved" after writing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-record-editor.h"

G_BEGIN_DECLS

/* Log or edit an activity or therapy session. */
GtkWindow *pd_activity_editor_new   (GtkWindow    *parent,
                                     PdDiaryModel *model,
                                     PdActivity   *activity,
                                     gboolean      is_new);

/* Log or edit one dose, with the day's safety information. dose: a new dose prepared by the
 * caller (name, medication, amount, unit, time) or a saved one to edit. data: the diary as
 * loaded, for the safety checks (may be NULL). */
GtkWindow *pd_dose_editor_new       (GtkWindow    *parent,
                                     PdDiaryModel *model,
                                     PdDiaryData  *data,
                                     PdDose       *dose,
                                     gboolean      is_new);

/* Edit one saved entry. */
GtkWindow *pd_entry_editor_new      (GtkWindow    *parent,
                                     PdDiaryModel *model,
                                     PdPainEntry  *entry);

/* Add or edit a treatment event. */
GtkWindow *pd_event_editor_new      (GtkWindow    *parent,
                                     PdDiaryModel *model,
                                     PdEvent      *event,
                                     gboolean      is_new);

/* Add a medication to the regimen (starting from the catalogue) or edit one. medication
 * NULL: add a new one, chosen from the catalogue or custom. The medication itself is not
 * changed; a copy is saved. */
GtkWindow *pd_medication_editor_new (GtkWindow    *parent,
                                     PdDiaryModel *model,
                                     PdMedication *medication);

/* The spine outcome questions, asked on Today and in Trends: each is presented over the
 * window that holds from, and is not presented when from is in no window or model is NULL. */

/* The Patient Global Impression of Change, about a treatment event or overall. The model's
 * events are offered as what the impression is about; event: the one chosen at first, or
 * NULL for overall. A save makes the model read the outcomes again. */
void       pd_pgic_dialog_present   (GtkWidget    *from,
                                     PdDiaryModel *model,
                                     PdEvent      *event);

/* The Patient-Specific Functional Scale: name 3-5 activities in your own words, retire and
 * add them, and rate each 0-10. The activities and ratings are the model's, as the editor
 * is built; a save makes the model read the outcomes again. */
void       pd_psfs_editor_present   (GtkWidget    *from,
                                     PdDiaryModel *model);

G_END_DECLS
