/* pd-exchange-task.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-exchange"

#include "config.h"

#include "pd-exchange-task.h"
#include "pd-output.h"

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

static gboolean
export_file (gpointer       db,
             gpointer       data,
             guint         *n,
             GCancellable  *cancellable,
             GError       **error)
{
  const PdExportJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return job->make != NULL ? export_loaded (db, job, cancellable, n, error)
                           : job->export (db, job, n, error);
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
  _pd_task_run_count (db, source_tag, copy, (GDestroyNotify) export_job_free, export_file,
                      cancellable, callback, user_data);
}
