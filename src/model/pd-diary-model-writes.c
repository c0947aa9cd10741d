/* pd-diary-model-writes.c: saves, deletes, undo and imports, in order on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-diary-model-private.h"
#include "pd-error.h"
#include "pd-task.h"

void
_pd_undo_entry_free (UndoEntry *entry)
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

WriteOp *
_pd_write_op_ref (WriteOp *op)
{
  g_atomic_ref_count_inc (&op->ref_count);
  return op;
}

void
_pd_write_op_unref (WriteOp *op)
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
        _pd_diary_model_emit_error (self, op->error);
      g_task_return_error (task, g_error_copy (op->error));
      return;
    }

  if (op->type == OP_IMPORT)
    _pd_diary_batch_kinds (op->batch, &n_records);
  if (n_records > IMPORT_IN_PLACE_MAX)
    {
      /* The callback runs when the reload is published: the task goes on to it. */
      _pd_diary_model_start_load (self, g_object_ref (task), G_MININT64, NULL);
      return;
    }
  if (self->load_task != NULL)
    g_ptr_array_add (self->replay, _pd_write_op_ref (op));
  _pd_diary_model_apply_write (self, op, FALSE);
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
void
_pd_diary_model_write_thread (gpointer data,
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
  g_task_set_task_data (task, op, (GDestroyNotify) _pd_write_op_unref);
  if (pd_database_is_read_only (self->writer) || self->writes == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->writes == NULL)
        error = g_error_new (PD_ERROR, PD_ERROR_FAILED, _("“%s” has been closed"),
                             pd_database_get_path (self->writer));
      else
        error = g_error_new (PD_ERROR, PD_ERROR_READ_ONLY, _("“%s” is open read-only"),
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

  return _pd_task_propagate_boolean (result, source_tag, error);
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
    _pd_diary_model_notify_can_undo (self);
  op = write_op_new (OP_RESTORE);
  op->kind = entry->kind;
  op->id = g_steal_pointer (&entry->id);
  op->record = g_steal_pointer (&entry->record);
  _pd_undo_entry_free (entry);
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
    *_pd_diary_data_array (op->batch, kind) = copy_records (*_pd_diary_data_array (records, kind), kind);
  queue_write (self, op, pd_diary_model_import_async, cancellable, callback, user_data);
}

gboolean
pd_diary_model_import_finish (PdDiaryModel  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return write_finish (self, result, pd_diary_model_import_async, error);
}
