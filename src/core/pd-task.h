/* pd-task.h: running work in a GTask's thread and taking its result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs thread in a new task on source (may be NULL), tagged source_tag, with data (freed
 * with free_data when the task is done). */
void     _pd_task_run_in_thread  (gpointer             source,
                                  gpointer             source_tag,
                                  gpointer             data,
                                  GDestroyNotify       free_data,
                                  GTaskThreadFunc      thread,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);

/* Ends task with result (freed with result_free if nobody takes it), or with error when
 * result is NULL. */
void     _pd_task_return_result  (GTask               *task,
                                  gpointer             result,
                                  GDestroyNotify       result_free,
                                  GError              *error);

/* What a task of source_tag returned (g_task_return_pointer), or NULL with error. */
gpointer _pd_task_propagate_pointer (GAsyncResult        *result,
                                     gpointer             source_tag,
                                     GError             **error);

/* Whether a task of source_tag succeeded (g_task_return_boolean): FALSE with error. */
gboolean _pd_task_propagate_boolean (GAsyncResult        *result,
                                     gpointer             source_tag,
                                     GError             **error);

G_END_DECLS
