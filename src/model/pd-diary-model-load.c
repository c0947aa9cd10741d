/* pd-diary-model-load.c: the whole diary read on the reader connection and published at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "pd-diary-model-private.h"
#include "pd-types.h"

/* The nice value of the threads that load. */
#define LOAD_NICE 10

/* The lists as a load builds them, in its thread */

typedef struct
{
  GPtrArray *lists[N_KINDS];
  GPtrArray *ids[N_KINDS];
  GPtrArray *days;
  GHashTable *day_index;
  GPtrArray *outcomes[N_OUTCOMES];
  gboolean complete;   /* the whole diary, not only its last days */
} Snapshot;

typedef struct
{
  PdDatabase *reader;
  gint64 from;         /* G_MININT64: everything */
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_object_unref (request->reader);
  g_free (request);
}

static void
snapshot_free (Snapshot *snapshot)
{
  for (guint i = 0; i < N_KINDS; i++)
    {
      g_clear_pointer (&snapshot->ids[i], g_ptr_array_unref);
      g_clear_pointer (&snapshot->lists[i], g_ptr_array_unref);
    }
  for (guint i = 0; i < N_OUTCOMES; i++)
    g_clear_pointer (&snapshot->outcomes[i], g_ptr_array_unref);
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

static Snapshot *
snapshot_new (PdDiaryData *data)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  g_autoptr(GPtrArray) dated = g_ptr_array_new ();
  g_autoptr(GPtrArray) day_records = NULL;

  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    {
      GPtrArray **array = _pd_diary_data_array (data, kind);
      GPtrArray *records = *array != NULL ? g_steal_pointer (array)
                                          : g_ptr_array_new_with_free_func (g_object_unref);

      sort_records (records, _pd_record_compare_for (kind));
      snapshot->lists[kind] = records;
      snapshot->ids[kind] = _pd_id_index_new (records);
      if (kind != PD_RECORD_MEDICATION)
        g_ptr_array_extend (dated, records, NULL, NULL);
    }

  for (guint i = 0; i < N_OUTCOMES; i++)
    snapshot->outcomes[i] = g_steal_pointer (_pd_diary_data_outcomes (data, i));
  sort_records (dated, pd_record_compare);
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
#ifdef __GLIBC__
  /* Memory (issue 11): what the load and the old lists freed stays resident in glibc's heaps
   * (it trims only their tops); handed back here, once the load's threads are done and
   * before the pages draw the new records on it. */
  malloc_trim (0);
#endif
  return NULL;
}

static void
drop_later (Snapshot *old)
{
  g_thread_unref (g_thread_new ("pd-model-drop", drop_thread, old));
}


/* Loading */

/* A thread of its own rather than GTask's pool: it runs at a lower CPU priority (and so do
 * the threads that pd_database_load starts from it), so that on a machine with few cores
 * the main thread gets the CPU first while ten years are read. */
static gpointer
load_thread (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadRequest *request = g_task_get_task_data (task);
  g_autoptr(PdDiaryData) data = NULL;
  GError *error = NULL;
  Snapshot *snapshot;

#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), LOAD_NICE) != 0)
    g_debug ("The load runs at normal priority: %s", g_strerror (errno));
#endif
  if (g_task_return_error_if_cancelled (task))
    return NULL;
  if (request->from == G_MININT64)
    data = pd_database_load (request->reader, &error);
  else
    data = pd_database_load_range (request->reader, request->from, G_MAXINT64, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }
  if (g_task_return_error_if_cancelled (task))
    return NULL;
  snapshot = snapshot_new (data);
  snapshot->complete = request->from == G_MININT64;
  g_task_return_pointer (task, snapshot, (GDestroyNotify) snapshot_free);
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
  for (guint i = 0; i < N_OUTCOMES; i++)
    {
      old->outcomes[i] = self->outcomes[i];
      self->outcomes[i] = g_steal_pointer (&snapshot->outcomes[i]);
    }
  old->day_index = self->day_index;
  self->day_index = g_steal_pointer (&snapshot->day_index);
  old->days = pd_object_list_swap (self->days, g_steal_pointer (&snapshot->days));
  drop_later (old);

  /* Writes that finished while the load read: it may not have seen them. */
  for (guint i = 0; replay != NULL && i < replay->len; i++)
    _pd_diary_model_apply_write (self, g_ptr_array_index (replay, i), TRUE);
  _pd_diary_model_update_due (self);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      _pd_diary_model_notify_loaded (self);
    }
  if (self->complete != snapshot->complete)
    {
      self->complete = snapshot->complete;
      _pd_diary_model_notify_complete (self);
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
        _pd_diary_model_emit_error (self, error);
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

      _pd_diary_model_emit_records_changed (self, _pd_diary_batch_kinds (import->batch, &n_records), NULL,
                            PD_DIARY_CHANGE_MANY);
    }
  _pd_diary_model_emit_loaded (self);
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
void
_pd_diary_model_start_load (PdDiaryModel *self,
                            GTask        *task,
                            gint64        from,
                            GCancellable *caller)
{
  g_autoptr(GTask) reading = NULL;
  g_autoptr(GCancellable) own = g_cancellable_new ();
  LoadRequest *request = g_new0 (LoadRequest, 1);

  pd_diary_model_cancel_loads (self);
  g_set_object (&self->load_task, task);
  g_set_object (&self->load_cancellable, own);
  if (self->replay == NULL)
    self->replay = g_ptr_array_new_with_free_func ((GDestroyNotify) _pd_write_op_unref);

  reading = g_task_new (self, own, loaded_cb, task);
  g_task_set_source_tag (reading, _pd_diary_model_start_load);
  request->reader = g_object_ref (self->reader);
  request->from = from;
  g_task_set_task_data (reading, request, (GDestroyNotify) load_request_free);
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

/* A load of the records from `from` on, for the caller's callback. */
static void
load_from (PdDiaryModel        *self,
           gint64               from,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_DIARY_MODEL (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, pd_diary_model_load_async);
  _pd_diary_model_start_load (self, task, from, cancellable);
}

void
pd_diary_model_load_async (PdDiaryModel        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  load_from (self, G_MININT64, cancellable, callback, user_data);
}

void
pd_diary_model_load_recent_async (PdDiaryModel        *self,
                                  guint                days,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PD_IS_DIARY_MODEL (self));
  load_from (self, pd_local_day_start (self->today - days, 0), cancellable, callback, user_data);
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
