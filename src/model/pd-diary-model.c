/* pd-diary-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One copy of the diary for every page. Loads read on a connection of their own, so a
 * save made meanwhile does not wait for them; writes run in order on one worker thread;
 * results are applied on the main context, to the affected positions only.
 */

#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "pd-diary-model.h"
#include "pd-error.h"
#include "pd-model-private.h"
#include "pd-types.h"
#include "pd-database-reader.h"

#define N_KINDS (PD_RECORD_EVENT + 1)
/* Larger imports are applied by reloading: inserting one by one would move the arrays for
 * every record. */
#define IMPORT_IN_PLACE_MAX 256
/* The nice value of the threads that load. */
#define LOAD_NICE 10

struct _PdDiaryModel
{
  GObject parent_instance;

  GMainContext *context;
  PdDatabase *writer;
  PdDatabase *reader;
  GThreadPool *writes;

  PdObjectList *lists[N_KINDS];
  GHashTable *ids[N_KINDS];      /* id -> record, borrowed from lists[] */
  PdObjectList *days;
  GHashTable *day_index;         /* day -> PdDiaryDay, borrowed from days */
  GListStore *due;
  guint32 today;

  GPtrArray *undo;               /* UndoEntry, the newest last */
  GTask *load_task;              /* the load under way */
  GCancellable *load_cancellable;
  GPtrArray *replay;             /* WriteOps applied while it runs */
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (PdDiaryModel, pd_diary_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_TODAY,
  PROP_CAN_UNDO,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  RECORDS_CHANGED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void
undo_entry_free (UndoEntry *entry)
{
  g_free (entry->id);
  g_clear_object (&entry->record);
  g_free (entry);
}

static WriteOp *
write_op_new (OpType type)
{
  WriteOp *op = g_new0 (WriteOp, 1);

  g_atomic_ref_count_init (&op->ref_count);
  op->type = type;
  return op;
}

static WriteOp *
write_op_ref (WriteOp *op)
{
  g_atomic_ref_count_inc (&op->ref_count);
  return op;
}

static void
write_op_unref (WriteOp *op)
{
  if (!g_atomic_ref_count_dec (&op->ref_count))
    return;
  g_free (op->id);
  g_clear_object (&op->record);
  g_clear_pointer (&op->batch, pd_diary_data_free);
  g_clear_error (&op->error);
  g_free (op);
}

/* Records */

static GObject *
copy_record (gpointer     record,
             PdRecordKind kind)
{
  switch (kind)
    {
    case PD_RECORD_PAIN:
      return G_OBJECT (pd_pain_entry_copy (record));
    case PD_RECORD_MEDICATION:
      return G_OBJECT (pd_medication_copy (record));
    case PD_RECORD_DOSE:
      return G_OBJECT (pd_dose_copy (record));
    case PD_RECORD_ACTIVITY:
      return G_OBJECT (pd_activity_copy (record));
    case PD_RECORD_EVENT:
      return G_OBJECT (pd_event_copy (record));
    default:
      g_assert_not_reached ();
    }
}

static gboolean
save_record (PdDatabase   *db,
             GObject      *record,
             PdRecordKind  kind,
             GError      **error)
{
  switch (kind)
    {
    case PD_RECORD_PAIN:
      return pd_database_save_pain_entry (db, PD_PAIN_ENTRY (record), error);
    case PD_RECORD_MEDICATION:
      return pd_database_save_medication (db, PD_MEDICATION (record), error);
    case PD_RECORD_DOSE:
      return pd_database_save_dose (db, PD_DOSE (record), error);
    case PD_RECORD_ACTIVITY:
      return pd_database_save_activity (db, PD_ACTIVITY (record), error);
    case PD_RECORD_EVENT:
      return pd_database_save_event (db, PD_EVENT (record), error);
    default:
      g_assert_not_reached ();
    }
}

static GPtrArray **
data_array (PdDiaryData  *data,
            PdRecordKind  kind)
{
  switch (kind)
    {
    case PD_RECORD_PAIN:
      return &data->pain_entries;
    case PD_RECORD_MEDICATION:
      return &data->medications;
    case PD_RECORD_DOSE:
      return &data->doses;
    case PD_RECORD_ACTIVITY:
      return &data->activities;
    case PD_RECORD_EVENT:
      return &data->events;
    default:
      g_assert_not_reached ();
    }
}

static GCompareDataFunc
compare_for (PdRecordKind kind)
{
  return kind == PD_RECORD_MEDICATION ? _pd_medication_compare : _pd_record_compare;
}

/* The lists as a load builds them, in its thread */

typedef struct
{
  GPtrArray *lists[N_KINDS];
  GHashTable *ids[N_KINDS];
  GPtrArray *days;
  GHashTable *day_index;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  for (guint i = 0; i < N_KINDS; i++)
    {
      g_clear_pointer (&snapshot->ids[i], g_hash_table_unref);
      g_clear_pointer (&snapshot->lists[i], g_ptr_array_unref);
    }
  g_clear_pointer (&snapshot->day_index, g_hash_table_unref);
  g_clear_pointer (&snapshot->days, g_ptr_array_unref);
  g_free (snapshot);
}

typedef struct
{
  GCompareDataFunc compare;
} SortBy;

static int
compare_indirect (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const SortBy *sort = user_data;

  return sort->compare (*(gconstpointer *) a, *(gconstpointer *) b, NULL);
}

static void
sort_records (GPtrArray        *records,
              GCompareDataFunc  compare)
{
  SortBy sort = { compare };

  g_ptr_array_sort_with_data (records, compare_indirect, &sort);
}

static GHashTable *
id_index_new (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static Snapshot *
snapshot_new (PdDiaryData *data)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  g_autoptr(GPtrArray) dated = g_ptr_array_new ();
  g_autoptr(GPtrArray) day_records = NULL;

  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    {
      GPtrArray **array = data_array (data, kind);
      GPtrArray *records = *array != NULL ? g_steal_pointer (array)
                                          : g_ptr_array_new_with_free_func (g_object_unref);

      sort_records (records, compare_for (kind));
      snapshot->lists[kind] = records;
      snapshot->ids[kind] = id_index_new ();
      for (guint i = 0; i < records->len; i++)
        g_hash_table_insert (snapshot->ids[kind],
                             (gpointer) _pd_record_get_id (g_ptr_array_index (records, i)),
                             g_ptr_array_index (records, i));
      if (kind != PD_RECORD_MEDICATION)
        g_ptr_array_extend (dated, records, NULL, NULL);
    }

  sort_records (dated, _pd_record_compare);
  snapshot->days = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->day_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < dated->len; i++)
    {
      GObject *record = g_ptr_array_index (dated, i);
      guint32 day = _pd_record_get_day (record);

      if (day_records == NULL)
        day_records = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (day_records, g_object_ref (record));
      if (i + 1 == dated->len || _pd_record_get_day (g_ptr_array_index (dated, i + 1)) != day)
        {
          PdDiaryDay *group = _pd_diary_day_new (day, g_steal_pointer (&day_records));

          g_ptr_array_add (snapshot->days, group);
          g_hash_table_insert (snapshot->day_index, GUINT_TO_POINTER (day), group);
        }
    }
  return snapshot;
}

/* Dropping ten years of records costs the main thread tens of milliseconds: a thread of its
 * own does it. (Not a GTask: its last reference, and so the data, would be dropped on the
 * main context.) */
static gpointer
drop_thread (gpointer data)
{
  snapshot_free (data);
  return NULL;
}

static void
drop_later (Snapshot *old)
{
  g_thread_unref (g_thread_new ("pd-model-drop", drop_thread, old));
}

/* Applying changes on the main context */

static void
emit_records_changed (PdDiaryModel  *self,
                      guint          kinds,
                      const char    *id,
                      PdDiaryChange  change)
{
  g_signal_emit (self, signals[RECORDS_CHANGED], 0, kinds, id, change);
}

static PdDiaryDay *
ensure_day (PdDiaryModel *self,
            guint32       day)
{
  PdDiaryDay *group = g_hash_table_lookup (self->day_index, GUINT_TO_POINTER (day));
  g_autoptr(PdDiaryDay) created = NULL;

  if (group != NULL)
    return group;
  created = _pd_diary_day_new (day, g_ptr_array_new_with_free_func (g_object_unref));
  g_hash_table_insert (self->day_index, GUINT_TO_POINTER (day), created);
  pd_object_list_insert_sorted (self->days, created);
  return created;
}

/* The day's figures or records changed: views of the days list redraw its row. */
static void
day_changed (PdDiaryModel *self,
             PdDiaryDay   *group)
{
  guint position;

  if (!pd_object_list_find (self->days, group, &position))
    return;
  if (g_list_model_get_n_items (pd_diary_day_get_records (group)) == 0)
    {
      g_hash_table_remove (self->day_index, GUINT_TO_POINTER (pd_diary_day_get_day (group)));
      pd_object_list_remove (self->days, position);
    }
  else
    pd_object_list_item_changed (self->days, position);
}

static void
remove_record (PdDiaryModel *self,
               PdRecordKind  kind,
               GObject      *record)
{
  g_autoptr(GObject) keep = g_object_ref (record);
  guint position;

  g_hash_table_remove (self->ids[kind], _pd_record_get_id (record));
  if (pd_object_list_find (self->lists[kind], record, &position))
    pd_object_list_remove (self->lists[kind], position);
  if (kind != PD_RECORD_MEDICATION)
    {
      PdDiaryDay *group = g_hash_table_lookup (self->day_index,
                                               GUINT_TO_POINTER (_pd_record_get_day (record)));

      if (group != NULL && _pd_diary_day_remove (group, record))
        day_changed (self, group);
    }
}

static void
add_record (PdDiaryModel *self,
            PdRecordKind  kind,
            GObject      *record)
{
  g_hash_table_insert (self->ids[kind], (gpointer) _pd_record_get_id (record), record);
  pd_object_list_insert_sorted (self->lists[kind], record);
  if (kind != PD_RECORD_MEDICATION)
    {
      PdDiaryDay *group = ensure_day (self, _pd_record_get_day (record));

      _pd_diary_day_add (group, record);
      day_changed (self, group);
    }
}

/* Puts record in place of the one with its id; FALSE when it is new. */
static gboolean
put_record (PdDiaryModel *self,
            PdRecordKind  kind,
            GObject      *record)
{
  GObject *old = g_hash_table_lookup (self->ids[kind], _pd_record_get_id (record));

  if (old == record)
    return TRUE;
  if (old != NULL)
    remove_record (self, kind, old);
  add_record (self, kind, record);
  return old != NULL;
}

/* Today's due doses, changed at the positions that differ only. */
static void
update_due (PdDiaryModel *self)
{
  PdDiaryDay *today = pd_diary_model_lookup_day (self, self->today);
  g_autoptr(GPtrArray) doses = g_ptr_array_new ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->due));

  if (today != NULL)
    {
      GPtrArray *records = pd_object_list_get_array (_pd_diary_day_get_list (today));

      for (guint i = 0; i < records->len; i++)
        if (PD_IS_DOSE (g_ptr_array_index (records, i)))
          g_ptr_array_add (doses, g_ptr_array_index (records, i));
    }
  due = pd_due_doses (pd_object_list_get_array (self->lists[PD_RECORD_MEDICATION]), doses,
                      self->today);
  /* The items take the entries' references. */
  g_ptr_array_set_free_func (due, NULL);
  for (guint i = 0; i < due->len; i++)
    g_ptr_array_add (items, pd_due_item_new (g_ptr_array_index (due, i)));

  if (items->len != n_old)
    {
      g_list_store_splice (self->due, 0, n_old, items->pdata, items->len);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(PdDueItem) old = g_list_model_get_item (G_LIST_MODEL (self->due), i);

      if (!pd_due_item_equal (old, g_ptr_array_index (items, i)))
        g_list_store_splice (self->due, i, 1, &items->pdata[i], 1);
    }
}

static gboolean
affects_due (guint kinds)
{
  return (kinds & (PD_DIARY_KIND_BIT (PD_RECORD_DOSE) |
                   PD_DIARY_KIND_BIT (PD_RECORD_MEDICATION))) != 0;
}

static guint
batch_kinds (PdDiaryData *batch,
             guint       *n_records)
{
  guint kinds = 0;

  *n_records = 0;
  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    {
      GPtrArray *records = *data_array (batch, kind);

      if (records != NULL && records->len > 0)
        {
          kinds |= PD_DIARY_KIND_BIT (kind);
          *n_records += records->len;
        }
    }
  return kinds;
}

static void start_load (PdDiaryModel *self,
                        GTask        *task,
                        GCancellable *caller);

/* Brings the lists up to date with a write that succeeded. */
static void
apply_write (PdDiaryModel *self,
             WriteOp      *op,
             gboolean      replaying)
{
  guint kinds = PD_DIARY_KIND_BIT (op->kind);

  switch (op->type)
    {
    case OP_SAVE:
      {
        gboolean known = put_record (self, op->kind, op->record);

        emit_records_changed (self, kinds, op->id,
                              known ? PD_DIARY_CHANGE_CHANGED : PD_DIARY_CHANGE_ADDED);
      }
      break;
    case OP_RESTORE:
      if (op->record != NULL)
        {
          put_record (self, op->kind, op->record);
          emit_records_changed (self, kinds, op->id, PD_DIARY_CHANGE_ADDED);
        }
      break;
    case OP_DELETE:
      {
        GObject *old = g_hash_table_lookup (self->ids[op->kind], op->id);

        if (!replaying)
          {
            UndoEntry *entry = g_new0 (UndoEntry, 1);

            entry->kind = op->kind;
            entry->id = g_strdup (op->id);
            entry->record = old != NULL ? g_object_ref (old) : NULL;
            g_ptr_array_add (self->undo, entry);
            if (self->undo->len == 1)
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
          }
        if (old != NULL)
          {
            remove_record (self, op->kind, old);
            emit_records_changed (self, kinds, op->id, PD_DIARY_CHANGE_REMOVED);
          }
      }
      break;
    case OP_IMPORT:
      {
        guint n_records;

        kinds = batch_kinds (op->batch, &n_records);
        for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
          {
            GPtrArray *records = *data_array (op->batch, kind);

            for (guint i = 0; records != NULL && i < records->len; i++)
              put_record (self, kind, g_ptr_array_index (records, i));
          }
        emit_records_changed (self, kinds, NULL, PD_DIARY_CHANGE_MANY);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (affects_due (kinds))
    update_due (self);
}

/* Writes */

static void
write_finished (PdDiaryModel *self,
                GTask        *task,
                WriteOp      *op)
{
  guint n_records = 0;

  if (op->error != NULL)
    {
      if (!g_error_matches (op->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[ERROR], 0, op->error);
      g_task_return_error (task, g_error_copy (op->error));
      return;
    }

  if (op->type == OP_IMPORT)
    batch_kinds (op->batch, &n_records);
  if (n_records > IMPORT_IN_PLACE_MAX)
    {
      /* The callback runs when the reload is published: the task goes on to it. */
      start_load (self, g_object_ref (task), NULL);
      return;
    }
  if (self->load_task != NULL)
    g_ptr_array_add (self->replay, write_op_ref (op));
  apply_write (self, op, FALSE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
write_finished_cb (gpointer user_data)
{
  GTask *task = user_data;

  write_finished (g_task_get_source_object (task), task, g_task_get_task_data (task));
  return G_SOURCE_REMOVE;
}

static void
run_write (WriteOp      *op,
           PdDatabase   *db,
           GCancellable *cancellable)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, &op->error))
    return;

  switch (op->type)
    {
    case OP_SAVE:
      save_record (db, op->record, op->kind, &op->error);
      break;
    case OP_DELETE:
      pd_database_delete_record (db, op->kind, op->id, &op->error);
      break;
    case OP_RESTORE:
      pd_database_restore_record (db, op->kind, op->id, &op->error);
      break;
    case OP_IMPORT:
      pd_database_save_records (db, op->batch->pain_entries, op->batch->medications,
                                op->batch->doses, op->batch->activities, op->batch->events,
                                &op->error);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* On the model's worker thread. */
static void
write_thread (gpointer data,
              gpointer user_data)
{
  GTask *task = data;
  PdDiaryModel *self = g_task_get_source_object (task);

  run_write (g_task_get_task_data (task), self->writer, g_task_get_cancellable (task));
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, write_finished_cb, task,
                              g_object_unref);
}

static void
queue_write (PdDiaryModel        *self,
             WriteOp             *op,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) write_op_unref);
  if (pd_database_is_read_only (self->writer))
    {
      g_autoptr(GError) error = g_error_new (PD_ERROR, PD_ERROR_READ_ONLY,
                                             _("“%s” is open read-only"),
                                             pd_database_get_path (self->writer));

      op->error = g_steal_pointer (&error);
      /* Never in the caller's stack frame, as every other outcome. */
      g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, write_finished_cb, task,
                                  g_object_unref);
      return;
    }
  g_thread_pool_push (self->writes, task, NULL);
}

static gboolean
write_finish (PdDiaryModel  *self,
              GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pd_diary_model_save_async (PdDiaryModel        *self,
                           gpointer             record,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  WriteOp *op;
  PdRecordKind kind;

  g_return_if_fail (PD_IS_DIARY_MODEL (self));
  g_return_if_fail (G_IS_OBJECT (record) && _pd_record_get_kind (record, &kind));

  op = write_op_new (OP_SAVE);
  op->kind = kind;
  op->record = copy_record (record, kind);
  op->id = g_strdup (_pd_record_get_id (op->record));
  queue_write (self, op, pd_diary_model_save_async, cancellable, callback, user_data);
}

gboolean
pd_diary_model_save_finish (PdDiaryModel  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return write_finish (self, result, pd_diary_model_save_async, error);
}

void
pd_diary_model_delete_async (PdDiaryModel        *self,
                             PdRecordKind         kind,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  WriteOp *op;

  g_return_if_fail (PD_IS_DIARY_MODEL (self));
  g_return_if_fail (kind < N_KINDS);
  g_return_if_fail (id != NULL);

  op = write_op_new (OP_DELETE);
  op->kind = kind;
  op->id = g_strdup (id);
  queue_write (self, op, pd_diary_model_delete_async, cancellable, callback, user_data);
}

gboolean
pd_diary_model_delete_finish (PdDiaryModel  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return write_finish (self, result, pd_diary_model_delete_async, error);
}

gboolean
pd_diary_model_can_undo (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), FALSE);
  return self->undo->len > 0;
}

void
pd_diary_model_undo_async (PdDiaryModel        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UndoEntry *entry;
  WriteOp *op;

  g_return_if_fail (PD_IS_DIARY_MODEL (self));

  if (self->undo->len == 0)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, pd_diary_model_undo_async);
      g_task_return_new_error (task, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is nothing to undo"));
      return;
    }
  entry = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  if (self->undo->len == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  op = write_op_new (OP_RESTORE);
  op->kind = entry->kind;
  op->id = g_steal_pointer (&entry->id);
  op->record = g_steal_pointer (&entry->record);
  undo_entry_free (entry);
  queue_write (self, op, pd_diary_model_undo_async, cancellable, callback, user_data);
}

gboolean
pd_diary_model_undo_finish (PdDiaryModel  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return write_finish (self, result, pd_diary_model_undo_async, error);
}

static GPtrArray *
copy_records (GPtrArray    *records,
              PdRecordKind  kind)
{
  GPtrArray *copy;

  if (records == NULL)
    return NULL;
  copy = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (copy, copy_record (g_ptr_array_index (records, i), kind));
  return copy;
}

void
pd_diary_model_import_async (PdDiaryModel        *self,
                             PdDiaryData         *records,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  WriteOp *op;

  g_return_if_fail (PD_IS_DIARY_MODEL (self));
  g_return_if_fail (records != NULL);

  op = write_op_new (OP_IMPORT);
  op->batch = g_new0 (PdDiaryData, 1);
  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    *data_array (op->batch, kind) = copy_records (*data_array (records, kind), kind);
  queue_write (self, op, pd_diary_model_import_async, cancellable, callback, user_data);
}

gboolean
pd_diary_model_import_finish (PdDiaryModel  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return write_finish (self, result, pd_diary_model_import_async, error);
}

/* Loading */

/* A thread of its own rather than GTask's pool: it runs at a lower CPU priority (and so do
 * the threads that pd_database_load starts from it), so that on a machine with few cores
 * the main thread gets the CPU first while ten years are read. */
static gpointer
load_thread (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  PdDatabase *reader = g_task_get_task_data (task);
  g_autoptr(PdDiaryData) data = NULL;
  GError *error = NULL;

#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), LOAD_NICE) != 0)
    g_debug ("The load runs at normal priority: %s", g_strerror (errno));
#endif
  if (g_task_return_error_if_cancelled (task))
    return NULL;
  data = pd_database_load (reader, &error);
  if (data == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, snapshot_new (data), (GDestroyNotify) snapshot_free);
  return NULL;
}

static void
publish (PdDiaryModel *self,
         Snapshot     *snapshot)
{
  Snapshot *old = g_new0 (Snapshot, 1);
  g_autoptr(GPtrArray) replay = g_steal_pointer (&self->replay);

  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    {
      old->ids[kind] = self->ids[kind];
      self->ids[kind] = g_steal_pointer (&snapshot->ids[kind]);
      old->lists[kind] = pd_object_list_swap (self->lists[kind],
                                              g_steal_pointer (&snapshot->lists[kind]));
    }
  old->day_index = self->day_index;
  self->day_index = g_steal_pointer (&snapshot->day_index);
  old->days = pd_object_list_swap (self->days, g_steal_pointer (&snapshot->days));
  drop_later (old);

  /* Writes that finished while the load read: it may not have seen them. */
  for (guint i = 0; replay != NULL && i < replay->len; i++)
    apply_write (self, g_ptr_array_index (replay, i), TRUE);
  update_due (self);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean current = self->load_task == task;
  WriteOp *import = NULL;

  /* Cancelled after it read everything, before this ran: cancelled all the same. */
  if (snapshot != NULL && g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&snapshot, snapshot_free);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The load was cancelled"));
    }

  if (current)
    {
      g_clear_object (&self->load_task);
      g_clear_object (&self->load_cancellable);
      if (snapshot == NULL)
        g_clear_pointer (&self->replay, g_ptr_array_unref);
    }
  if (g_task_get_source_tag (task) == pd_diary_model_import_async)
    import = g_task_get_task_data (task);

  if (snapshot == NULL || !current)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("A newer load replaced this one"));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[ERROR], 0, error);
      g_clear_pointer (&snapshot, snapshot_free);
      /* An import is written even when its reload is superseded: the newer load shows it. */
      if (import != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  publish (self, snapshot);
  snapshot_free (snapshot);
  if (import != NULL)
    {
      guint n_records;

      emit_records_changed (self, batch_kinds (import->batch, &n_records), NULL,
                            PD_DIARY_CHANGE_MANY);
    }
  g_signal_emit (self, signals[LOADED], 0);
  g_task_return_boolean (task, TRUE);
}

/* The caller's cancellable cancels the load's own, which a newer load cancels too. */
typedef struct
{
  GCancellable *caller;
  gulong handler;
} CancelLink;

static void
cancel_link_free (CancelLink *link)
{
  g_cancellable_disconnect (link->caller, link->handler);
  g_object_unref (link->caller);
  g_free (link);
}

static void
forward_cancel_cb (GCancellable *caller,
                   gpointer      own)
{
  g_cancellable_cancel (own);
}

/* Runs a load for task (which the load owns), superseding one under way; caller (may be
 * NULL) cancels it. */
static void
start_load (PdDiaryModel *self,
            GTask        *task,
            GCancellable *caller)
{
  g_autoptr(GTask) reading = NULL;
  g_autoptr(GCancellable) own = g_cancellable_new ();

  pd_diary_model_cancel_loads (self);
  g_set_object (&self->load_task, task);
  g_set_object (&self->load_cancellable, own);
  if (self->replay == NULL)
    self->replay = g_ptr_array_new_with_free_func ((GDestroyNotify) write_op_unref);

  reading = g_task_new (self, own, loaded_cb, task);
  g_task_set_source_tag (reading, start_load);
  g_task_set_task_data (reading, g_object_ref (self->reader), g_object_unref);
  if (caller != NULL)
    {
      CancelLink *link = g_new0 (CancelLink, 1);

      link->caller = g_object_ref (caller);
      link->handler = g_cancellable_connect (caller, G_CALLBACK (forward_cancel_cb), own, NULL);
      g_object_set_data_full (G_OBJECT (reading), "pd-cancel-link", link,
                              (GDestroyNotify) cancel_link_free);
    }
  g_thread_unref (g_thread_new ("pd-model-load", load_thread, g_object_ref (reading)));
}

void
pd_diary_model_load_async (PdDiaryModel        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_DIARY_MODEL (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, pd_diary_model_load_async);
  start_load (self, task, cancellable);
}

void
pd_diary_model_cancel_loads (PdDiaryModel *self)
{
  g_return_if_fail (PD_IS_DIARY_MODEL (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

gboolean
pd_diary_model_load_finish (PdDiaryModel  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lists and lookups */

GListModel *
pd_diary_model_get_days (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  return G_LIST_MODEL (self->days);
}

GListModel *
pd_diary_model_get_records (PdDiaryModel *self,
                            PdRecordKind  kind)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);
  return G_LIST_MODEL (self->lists[kind]);
}

GListModel *
pd_diary_model_get_regimen (PdDiaryModel *self)
{
  return pd_diary_model_get_records (self, PD_RECORD_MEDICATION);
}

GListModel *
pd_diary_model_get_due_doses (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  return G_LIST_MODEL (self->due);
}

PdDiaryDay *
pd_diary_model_lookup_day (PdDiaryModel *self,
                           guint32       day)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  return g_hash_table_lookup (self->day_index, GUINT_TO_POINTER (day));
}

GObject *
pd_diary_model_lookup (PdDiaryModel *self,
                       PdRecordKind  kind,
                       const char   *id)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->ids[kind], id);
}

PdDiaryData *
pd_diary_model_dup_data (PdDiaryModel *self)
{
  PdDiaryData *data;

  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);

  data = g_new0 (PdDiaryData, 1);
  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    *data_array (data, kind) = g_ptr_array_copy (pd_object_list_get_array (self->lists[kind]),
                                                 (GCopyFunc) (void (*) (void)) g_object_ref,
                                                 NULL);
  return data;
}

PdDatabase *
pd_diary_model_get_database (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  return self->writer;
}

gboolean
pd_diary_model_is_read_only (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), TRUE);
  return pd_database_is_read_only (self->writer);
}

gboolean
pd_diary_model_is_loaded (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), FALSE);
  return self->loaded;
}

guint32
pd_diary_model_get_today (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), 0);
  return self->today;
}

void
pd_diary_model_set_today (PdDiaryModel *self,
                          guint32       today)
{
  g_return_if_fail (PD_IS_DIARY_MODEL (self));

  if (self->today == today)
    return;
  self->today = today;
  update_due (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/* Construction */

static void
pd_diary_model_constructed (GObject *object)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (pd_diary_model_parent_class)->constructed (object);

  g_assert (PD_IS_DATABASE (self->writer));
  if (!pd_database_is_read_only (self->writer))
    self->reader = pd_database_open_reader (self->writer, &error);
  if (self->reader == NULL)
    {
      /* Read-only (nothing writes, so nothing waits) or in memory: one connection. */
      if (error != NULL)
        g_debug ("Loads share the writer's connection: %s", error->message);
      self->reader = g_object_ref (self->writer);
    }
}

static void
pd_diary_model_dispose (GObject *object)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);

  pd_diary_model_cancel_loads (self);
  /* Every queued write holds a reference to the model: none is left by now. */
  if (self->writes != NULL)
    g_thread_pool_free (g_steal_pointer (&self->writes), FALSE, TRUE);
  G_OBJECT_CLASS (pd_diary_model_parent_class)->dispose (object);
}

static void
pd_diary_model_finalize (GObject *object)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);

  for (guint i = 0; i < N_KINDS; i++)
    {
      g_clear_pointer (&self->ids[i], g_hash_table_unref);
      g_clear_object (&self->lists[i]);
    }
  g_clear_pointer (&self->day_index, g_hash_table_unref);
  g_clear_object (&self->days);
  g_clear_object (&self->due);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->replay, g_ptr_array_unref);
  g_clear_object (&self->load_task);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->reader);
  g_clear_object (&self->writer);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (pd_diary_model_parent_class)->finalize (object);
}

static void
pd_diary_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->writer);
      break;
    case PROP_TODAY:
      g_value_set_uint (value, self->today);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->undo->len > 0);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_diary_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->writer = g_value_dup_object (value);
      break;
    case PROP_TODAY:
      pd_diary_model_set_today (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_diary_model_class_init (PdDiaryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pd_diary_model_constructed;
  object_class->dispose = pd_diary_model_dispose;
  object_class->finalize = pd_diary_model_finalize;
  object_class->get_property = pd_diary_model_get_property;
  object_class->set_property = pd_diary_model_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, PD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] =
    g_param_spec_uint ("today", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The whole diary was (re)read and every list replaced. */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* (guint kinds: PD_DIARY_KIND_BIT mask, const char *id or NULL for many,
   *  PdDiaryChange change), after the lists changed. */
  signals[RECORDS_CHANGED] =
    g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_INT);
  /* (GError *error): an operation failed; its _finish returns the same error. Pages show
   * it without asking the window. */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pd_diary_model_init (PdDiaryModel *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->writes = g_thread_pool_new (write_thread, NULL, 1, FALSE, NULL);
  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    {
      self->lists[kind] = pd_object_list_new (kind == PD_RECORD_PAIN ? PD_TYPE_PAIN_ENTRY :
                                              kind == PD_RECORD_MEDICATION ? PD_TYPE_MEDICATION :
                                              kind == PD_RECORD_DOSE ? PD_TYPE_DOSE :
                                              kind == PD_RECORD_ACTIVITY ? PD_TYPE_ACTIVITY :
                                              PD_TYPE_EVENT,
                                              compare_for (kind), NULL);
      self->ids[kind] = id_index_new ();
    }
  self->days = pd_object_list_new (PD_TYPE_DIARY_DAY, _pd_day_compare, NULL);
  self->day_index = g_hash_table_new (NULL, NULL);
  self->due = g_list_store_new (PD_TYPE_DUE_ITEM);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_entry_free);
  self->today = pd_local_today (NULL);
}

PdDiaryModel *
pd_diary_model_new_for_database (PdDatabase *database)
{
  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  return g_object_new (PD_TYPE_DIARY_MODEL, "database", database, NULL);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PdDatabaseFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "pd-flags"));
  GError *error = NULL;
  PdDatabase *db = pd_database_open (task_data, flags, &error);

  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

void
pd_diary_model_open_async (const char          *path,
                           PdDatabaseFlags      flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_diary_model_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "pd-flags", GUINT_TO_POINTER (flags));
  g_task_run_in_thread (task, open_thread);
}

PdDiaryModel *
pd_diary_model_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(PdDatabase) db = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_diary_model_open_async,
                        NULL);

  db = g_task_propagate_pointer (G_TASK (result), error);
  return db != NULL ? pd_diary_model_new_for_database (db) : NULL;
}
