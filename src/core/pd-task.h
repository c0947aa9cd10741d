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

/* The work of a task, in its thread: its result (a new reference or copy), or NULL with
 * error. source is the task's, data its task data. */
typedef gpointer (*PdTaskWork)  (gpointer       source,
                                 gpointer       data,
                                 GCancellable  *cancellable,
                                 GError       **error);
/* The work of a task that counts what it did (rows written, pages): FALSE with error, else
 * TRUE and the count in *n (left 0 by work that only succeeds or fails). */
typedef gboolean (*PdTaskCount) (gpointer       source,
                                 gpointer       data,
                                 guint         *n,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* As _pd_task_run_in_thread, for a task that returns what work returns (freed with
 * free_result if nobody takes it; see _pd_task_propagate_pointer) or its error. */
void     _pd_task_run_work       (gpointer             source,
                                  gpointer             source_tag,
                                  gpointer             data,
                                  GDestroyNotify       free_data,
                                  PdTaskWork           work,
                                  GDestroyNotify       free_result,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* The same for a task that returns count's count or its error (_pd_task_propagate_count). */
void     _pd_task_run_count      (gpointer             source,
                                  gpointer             source_tag,
                                  gpointer             data,
                                  GDestroyNotify       free_data,
                                  PdTaskCount          count,
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

/* A task of source_tag that returned a count (g_task_return_int): FALSE with error, else TRUE
 * and the count in *n (n may be NULL). */
gboolean _pd_task_propagate_count   (GAsyncResult        *result,
                                     gpointer             source_tag,
                                     guint               *n,
                                     GError             **error);

G_END_DECLS
