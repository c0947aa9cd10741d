/* pd-diary-model-private.h: what the files of PdDiaryModel share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-diary-model.h"
#include "pd-model-private.h"

G_BEGIN_DECLS

#define N_KINDS (PD_RECORD_EVENT + 1)
/* function_activities, function_ratings, impressions */
#define N_OUTCOMES 3
/* Larger imports are applied by reloading: inserting one by one would move the arrays for
 * every record. */
#define IMPORT_IN_PLACE_MAX 256

struct _PdDiaryModel
{
  GObject parent_instance;

  GMainContext *context;
  PdDatabase *writer;
  PdDatabase *reader;
  GThreadPool *writes;

  PdObjectList *lists[N_KINDS];
  GPtrArray *ids[N_KINDS];       /* the records by id (_pd_id_index_*), borrowed from lists[] */
  PdObjectList *days;
  GHashTable *day_index;         /* day -> PdDiaryDay, borrowed from days */
  GListStore *due;
  guint32 today;
  /* Spine outcomes (pd-database-spine.h), replaced whole by loads and reload_outcomes. */
  GPtrArray *outcomes[N_OUTCOMES];

  GPtrArray *undo;               /* UndoEntry, the newest last */
  GTask *load_task;              /* the load under way */
  GCancellable *load_cancellable;
  GPtrArray *replay;             /* WriteOps applied while it runs */
  gboolean loaded;
  gboolean complete;
};

typedef enum
{
  OP_SAVE,
  OP_DELETE,
  OP_RESTORE,
  OP_IMPORT,
} OpType;

typedef struct
{
  PdRecordKind kind;
  char *id;
  GObject *record;   /* as it was, or NULL when it was not in the lists */
} UndoEntry;

typedef struct
{
  gatomicrefcount ref_count;
  OpType type;
  PdRecordKind kind;
  char *id;
  GObject *record;        /* save: the copy stored; restore: what comes back */
  PdDiaryData *batch;     /* import */
  GError *error;
} WriteOp;

void          _pd_undo_entry_free                  (UndoEntry     *entry);
WriteOp      *_pd_write_op_ref                     (WriteOp       *op);
void          _pd_write_op_unref                   (WriteOp       *op);
GPtrArray   **_pd_diary_data_array                 (PdDiaryData   *data,
                                                    PdRecordKind   kind);
GCompareDataFunc _pd_record_compare_for            (PdRecordKind   kind);
/* The outcome arrays of data, in the order of PdDiaryModel's outcomes. */
GPtrArray   **_pd_diary_data_outcomes              (PdDiaryData   *data,
                                                    guint          index);
/* The kinds in batch as PD_DIARY_KIND_BIT mask, and how many records it holds. */
guint         _pd_diary_batch_kinds                (PdDiaryData   *batch,
                                                    guint         *n_records);

/* An index of records by id: an array sorted by id, searched by halves. For ten years of
 * records it takes a quarter of what hash tables took. */
GPtrArray    *_pd_id_index_new                     (GPtrArray     *records);
GObject      *_pd_id_index_lookup                  (GPtrArray     *index,
                                                    const char    *id);
void          _pd_id_index_add                     (GPtrArray     *index,
                                                    GObject       *record);
void          _pd_id_index_remove                  (GPtrArray     *index,
                                                    GObject       *record);

/* pd-diary-model-signals.c: the signals and properties (registered by the class in
 * pd-diary-model.c), and their emission, which the other files share */
enum {
  PD_DIARY_MODEL_PROP_0,
  PD_DIARY_MODEL_PROP_DATABASE,
  PD_DIARY_MODEL_PROP_TODAY,
  PD_DIARY_MODEL_PROP_CAN_UNDO,
  PD_DIARY_MODEL_PROP_LOADED,
  PD_DIARY_MODEL_PROP_COMPLETE,
  PD_DIARY_MODEL_N_PROPS
};

enum {
  PD_DIARY_MODEL_LOADED,
  PD_DIARY_MODEL_RECORDS_CHANGED,
  PD_DIARY_MODEL_OUTCOMES_CHANGED,
  PD_DIARY_MODEL_ERROR,
  PD_DIARY_MODEL_N_SIGNALS
};

extern GParamSpec *_pd_diary_model_properties[PD_DIARY_MODEL_N_PROPS];
extern guint _pd_diary_model_signals[PD_DIARY_MODEL_N_SIGNALS];

void          _pd_diary_model_emit_records_changed (PdDiaryModel  *self,
                                                    guint          kinds,
                                                    const char    *id,
                                                    PdDiaryChange  change);
void          _pd_diary_model_emit_error           (PdDiaryModel  *self,
                                                    const GError  *error);
void          _pd_diary_model_emit_loaded          (PdDiaryModel  *self);
void          _pd_diary_model_notify_can_undo      (PdDiaryModel  *self);
void          _pd_diary_model_notify_loaded        (PdDiaryModel  *self);
void          _pd_diary_model_notify_complete      (PdDiaryModel  *self);
void          _pd_diary_model_emit_outcomes_changed (PdDiaryModel *self);

/* pd-diary-model-changes.c: the lists, on the main context */
void          _pd_diary_model_update_due           (PdDiaryModel  *self);
/* Brings the lists up to date with a write that succeeded; replaying: again, after a load
 * that may not have seen it. */
void          _pd_diary_model_apply_write          (PdDiaryModel  *self,
                                                    WriteOp       *op,
                                                    gboolean       replaying);

/* pd-diary-model-writes.c: the worker thread's function (data: the write's GTask). */
void          _pd_diary_model_write_thread         (gpointer       data,
                                                    gpointer       user_data);

/* pd-diary-model-load.c: runs a load for task (which the load owns) of the records from
 * `from` on (G_MININT64: all), superseding one under way; caller (may be NULL) cancels it. */
void          _pd_diary_model_start_load           (PdDiaryModel  *self,
                                                    GTask         *task,
                                                    gint64         from,
                                                    GCancellable  *caller);

G_END_DECLS
