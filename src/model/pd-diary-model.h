/* pd-diary-model.h: the diary as the pages see it, kept current without reloading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-database.h"
#include "pd-diary-change.h"
#include "pd-diary-day.h"
#include "pd-due-item.h"

G_BEGIN_DECLS

#define PD_TYPE_DIARY_MODEL (pd_diary_model_get_type ())

G_DECLARE_FINAL_TYPE (PdDiaryModel, pd_diary_model, PD, DIARY_MODEL, GObject)

/* Opens the diary at path in a thread (a writer connection, and a reader beside it for
 * loads). The model publishes on the thread-default main context of the caller. */
void          pd_diary_model_open_async       (const char           *path,
                                               PdDatabaseFlags       flags,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
PdDiaryModel *pd_diary_model_open_finish      (GAsyncResult         *result,
                                               GError              **error);
/* A model of an open diary: a clinician's read-only review (loads only), or a diary in
 * memory. A writable diary with a file gets a reader connection of its own. */
PdDiaryModel *pd_diary_model_new_for_database (PdDatabase           *database);

/* The writer connection, for what the model does not cover yet (meta facts). */
PdDatabase   *pd_diary_model_get_database     (PdDiaryModel         *self);
gboolean      pd_diary_model_is_read_only     (PdDiaryModel         *self);
gboolean      pd_diary_model_is_loaded        (PdDiaryModel         *self);
/* The lists hold the whole diary (a full load was published), not only its last days. */
gboolean      pd_diary_model_is_complete      (PdDiaryModel         *self);
/* The local day whose due doses the model lists (pd_local_today at construction). */
guint32       pd_diary_model_get_today        (PdDiaryModel         *self);
void          pd_diary_model_set_today        (PdDiaryModel         *self,
                                               guint32               today);

/* Reads the whole diary on the reader connection in a thread, then replaces the lists at
 * once and emits "loaded". Writes finished meanwhile are kept. A newer load supersedes one
 * under way (which then fails with G_IO_ERROR_CANCELLED). */
void          pd_diary_model_load_async       (PdDiaryModel         *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      pd_diary_model_load_finish      (PdDiaryModel         *self,
                                               GAsyncResult         *result,
                                               GError              **error);
/* The same with only the pain entries, doses and activities of the last `days` days before
 * today (all medications and events): what Today needs, quickly, whatever the diary's size.
 * "complete" stays FALSE until a full load follows. Finish with pd_diary_model_load_finish. */
void          pd_diary_model_load_recent_async (PdDiaryModel        *self,
                                               guint                days,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Cancels the load under way (the window closes): it finishes with G_IO_ERROR_CANCELLED.
 * Writes are never cancelled this way: a save that was asked for is made. */
void          pd_diary_model_cancel_loads     (PdDiaryModel         *self);
/* The window closes: the load under way stops, the writes asked for are made (this waits for
 * them), and the model's own reading connection closes. Writes asked for later fail. The
 * database stays open for its owner to close (pd_database_close). Also done on dispose. */
void          pd_diary_model_close            (PdDiaryModel         *self);

/* The lists (transfer none), the same objects throughout: one copy of each record.
 * Days: PdDiaryDay, newest first, one per local day with a record. Records of a kind:
 * newest first (PD_RECORD_MEDICATION: the regimen, by name). Due doses: PdDueItem, today's
 * scheduled doses in time order. */
GListModel   *pd_diary_model_get_days         (PdDiaryModel         *self);
GListModel   *pd_diary_model_get_records      (PdDiaryModel         *self,
                                               PdRecordKind          kind);
GListModel   *pd_diary_model_get_regimen      (PdDiaryModel         *self);
GListModel   *pd_diary_model_get_due_doses    (PdDiaryModel         *self);
/* Transfer none; NULL when absent. */
PdDiaryDay   *pd_diary_model_lookup_day       (PdDiaryModel         *self,
                                               guint32               day);
GObject      *pd_diary_model_lookup           (PdDiaryModel         *self,
                                               PdRecordKind          kind,
                                               const char           *id);
/* The records as arrays (new arrays, referencing the model's objects) for the analysis
 * functions that take PdDiaryData. */
PdDiaryData  *pd_diary_model_dup_data         (PdDiaryModel         *self);
/* The same without copies: references to the model's own arrays, which change as the diary
 * changes (a page that keeps it shows it again on "records-changed" and "loaded"). Ten
 * years of records are 62,000 pointers a copy. */
PdDiaryData  *pd_diary_model_ref_data         (PdDiaryModel         *self);

/* The spine outcomes (function activities, ratings, impressions) are read with the loads
 * and are in pd_diary_model_dup_data. They are saved on the database directly (small and
 * rare); this reads them again on the writer connection and emits "outcomes-changed". */
gboolean      pd_diary_model_reload_outcomes  (PdDiaryModel         *self,
                                               GError              **error);

/* Writes run one after another in a thread of their own on the writer connection; a save
 * never waits for a load. The lists change (and "records-changed" is emitted) before the
 * callback runs. Save stores a copy of record (a PdPainEntry, PdMedication, PdDose,
 * PdActivity or PdEvent): later changes to record itself are not seen. */
void          pd_diary_model_save_async       (PdDiaryModel         *self,
                                               gpointer              record,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      pd_diary_model_save_finish      (PdDiaryModel         *self,
                                               GAsyncResult         *result,
                                               GError              **error);
/* Deletes (undoably) the record; pd_diary_model_undo_async() brings the last one back. */
void          pd_diary_model_delete_async     (PdDiaryModel         *self,
                                               PdRecordKind          kind,
                                               const char           *id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      pd_diary_model_delete_finish    (PdDiaryModel         *self,
                                               GAsyncResult         *result,
                                               GError              **error);
gboolean      pd_diary_model_can_undo         (PdDiaryModel         *self);
void          pd_diary_model_undo_async       (PdDiaryModel         *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      pd_diary_model_undo_finish      (PdDiaryModel         *self,
                                               GAsyncResult         *result,
                                               GError              **error);
/* All of records (arrays may be NULL) in one transaction, all or nothing; one
 * "records-changed" (PD_DIARY_CHANGE_MANY) when done. */
void          pd_diary_model_import_async     (PdDiaryModel         *self,
                                               PdDiaryData          *records,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      pd_diary_model_import_finish    (PdDiaryModel         *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
