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
