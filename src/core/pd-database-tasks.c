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
} RangeTask;

static gpointer
read_range (gpointer       source,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  const RangeTask *range = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return range->read (source, range->from, range->to, cancellable, error);
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
  *range = (RangeTask) { from, to, read };
  _pd_task_run_work (self, source_tag, range, g_free, read_range, free_result, cancellable,
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
