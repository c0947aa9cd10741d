/* pd-task.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-task"

#include "config.h"

#include "pd-task.h"

void
_pd_task_run_in_thread (gpointer             source,
                        gpointer             source_tag,
                        gpointer             data,
                        GDestroyNotify       free_data,
                        GTaskThreadFunc      thread,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, free_data);
  g_task_run_in_thread (task, thread);
}

/* What _pd_task_run_work and _pd_task_run_count run: one of work and count. */
typedef struct
{
  PdTaskWork work;
  PdTaskCount count;
  gpointer data;
  GDestroyNotify free_data;
  GDestroyNotify free_result;
} Work;

static void
work_free (Work *work)
{
  if (work->free_data != NULL)
    work->free_data (work->data);
  g_free (work);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  GError *error = NULL;
  gpointer result;
  guint n = 0;

  if (work->work != NULL)
    {
      result = work->work (source_object, work->data, cancellable, &error);
      _pd_task_return_result (task, result, work->free_result, error);
    }
  else if (work->count (source_object, work->data, &n, cancellable, &error))
    g_task_return_int (task, n);
  else
    g_task_return_error (task, error);
}

static void
run_work (gpointer             source,
          gpointer             source_tag,
          const Work          *work,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  _pd_task_run_in_thread (source, source_tag, g_memdup2 (work, sizeof *work),
                          (GDestroyNotify) work_free, work_thread, cancellable, callback,
                          user_data);
}

void
_pd_task_run_work (gpointer             source,
                   gpointer             source_tag,
                   gpointer             data,
                   GDestroyNotify       free_data,
                   PdTaskWork           work,
                   GDestroyNotify       free_result,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  run_work (source, source_tag, &(Work) { work, NULL, data, free_data, free_result },
            cancellable, callback, user_data);
}

void
_pd_task_run_count (gpointer             source,
                    gpointer             source_tag,
                    gpointer             data,
                    GDestroyNotify       free_data,
                    PdTaskCount          count,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  run_work (source, source_tag, &(Work) { NULL, count, data, free_data, NULL }, cancellable,
            callback, user_data);
}

void
_pd_task_return_result (GTask          *task,
                        gpointer        result,
                        GDestroyNotify  result_free,
                        GError         *error)
{
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, result_free);
}

gpointer
_pd_task_propagate_pointer (GAsyncResult  *result,
                            gpointer       source_tag,
                            GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_pd_task_propagate_boolean (GAsyncResult  *result,
                            gpointer       source_tag,
                            GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
_pd_task_propagate_count (GAsyncResult  *result,
                          gpointer       source_tag,
                          guint         *n,
                          GError       **error)
{
  gssize count;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  count = g_task_propagate_int (G_TASK (result), error);

  if (count < 0)
    return FALSE;
  if (n != NULL)
    *n = (guint) count;
  return TRUE;
}
