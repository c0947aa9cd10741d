/* pd-database-tasks.c: running a read of the diary in a thread, for the *_async calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include "pd-database.h"
#include "pd-database-private.h"

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
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, range->free_result);
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
  g_autoptr(GTask) task = NULL;
  RangeTask *range;

  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  range = g_new (RangeTask, 1);
  *range = (RangeTask) { from, to, read, free_result };
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, range, g_free);
  g_task_run_in_thread (task, range_task_thread);
}

gpointer
_pd_database_finish_task (PdDatabase    *self,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
