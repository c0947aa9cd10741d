/* pd-exchange-task.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-exchange"

#include "config.h"

#include "pd-exchange-task.h"
#include "pd-output.h"

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

static void
export_job_free (PdExportJob *job)
{
  g_free (job->path);
  g_free (job);
}

static gboolean
export_loaded (PdDatabase         *db,
               const PdExportJob  *job,
               GCancellable       *cancellable,
               guint              *n,
               GError            **error)
{
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gconstpointer contents;
  gsize size;

  if (!(data = pd_database_load (db, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  bytes = job->make (db, data, job, n);
  contents = g_bytes_get_data (bytes, &size);
  /* Health data: only the user may read it. */
  return pd_output_write_contents (job->path, contents, size, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const PdExportJob *job = task_data;
  GError *error = NULL;
  guint n = 0;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->make != NULL ? !export_loaded (source_object, job, cancellable, &n, &error)
                        : !job->export (source_object, job, &n, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

void
_pd_export_file_async (PdDatabase          *db,
                       const PdExportJob   *job,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  PdExportJob *copy;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (job->path != NULL);

  copy = g_memdup2 (job, sizeof *job);
  copy->path = g_strdup (job->path);
  _pd_task_run_in_thread (db, source_tag, copy, (GDestroyNotify) export_job_free, export_thread,
                          cancellable, callback, user_data);
}
