/* pd-database-tasks.c: running a read of the diary in a thread, for the *_async calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-task.h"

typedef struct
{
  gint64 from;
  gint64 to;
  PdRangeReadFunc read;
  GDestroyNotify free_result;
} RangeTask;

static void
range_task_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const RangeTask *range = task_data;
  gpointer result;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  result = range->read (source_object, range->from, range->to, cancellable, &error);
  _pd_task_return_result (task, result, range->free_result, error);
}

void
_pd_database_run_range_task (PdDatabase          *self,
                             gint64               from,
                             gint64               to,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data,
                             gpointer             source_tag,
                             PdRangeReadFunc      read,
                             GDestroyNotify       free_result)
{
  RangeTask *range;

  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  range = g_new (RangeTask, 1);
  *range = (RangeTask) { from, to, read, free_result };
  _pd_task_run_in_thread (self, source_tag, range, g_free, range_task_thread, cancellable,
                          callback, user_data);
}

gpointer
_pd_database_finish_task (PdDatabase    *self,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return _pd_task_propagate_pointer (result, source_tag, error);
}
