/* pd-csv-tasks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv-tasks"

#include "config.h"

#include "pd-csv-tasks.h"
#include "pd-output.h"

typedef struct
{
  char *path;
  gboolean summary;
  guint32 from_day;
  guint32 to_day;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_free (job);
}

static guint
count_rows (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gboolean quoted = FALSE;
  guint lines = 0;

  /* Line ends inside quoted fields are part of a note, not rows. */
  for (gsize i = 0; i < size; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (data[i] == '\n' && !quoted)
        lines++;
    }
  return lines > 0 ? lines - 1 : 0;
}

/* The diary CSV streams from the file into the output; the summary needs the records. */
static gboolean
export_records (PdDatabase  *db,
                ExportJob   *job,
                guint       *n_rows,
                GError     **error)
{
  g_autoptr(PdOutput) output = pd_output_open (job->path, error);

  return output != NULL &&
         pd_csv_export_to_output (db, output, job->from_day, job->to_day, n_rows, error) &&
         pd_output_commit (output, error);
}

static gboolean
export_summary (PdDatabase  *db,
                ExportJob   *job,
                guint       *n_rows,
                GError     **error)
{
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gconstpointer contents;
  gsize size;

  if (!(data = pd_database_load (db, error)))
    return FALSE;
  bytes = pd_csv_export_summary (data, job->from_day, job->to_day);
  contents = g_bytes_get_data (bytes, &size);
  *n_rows = count_rows (bytes);
  /* Health data: only the user may read it. */
  return pd_output_write_contents (job->path, contents, size, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  guint n_rows = 0;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->summary ? !export_summary (source_object, job, &n_rows, &error)
                   : !export_records (source_object, job, &n_rows, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_rows);
}

void
pd_csv_export_file_async (PdDatabase          *db,
                          const char          *path,
                          gboolean             summary,
                          guint32              from_day,
                          guint32              to_day,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (path);
  job->summary = summary;
  job->from_day = from_day;
  job->to_day = to_day;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_csv_export_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
pd_csv_export_file_finish (GAsyncResult  *result,
                           guint         *n_rows,
                           GError       **error)
{
  gssize rows;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_csv_export_file_async, FALSE);

  rows = g_task_propagate_int (G_TASK (result), error);
  if (rows < 0)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = (guint) rows;
  return TRUE;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  PdCsvImport *import = pd_csv_import_prepare (source_object, task_data, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) pd_csv_import_free);
}

void
pd_csv_import_prepare_async (PdDatabase          *db,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (path != NULL);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_csv_import_prepare_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, prepare_thread);
}

PdCsvImport *
pd_csv_import_prepare_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_csv_import_prepare_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (pd_csv_import_commit (task_data, source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pd_csv_import_commit_async (PdCsvImport         *import,
                            PdDatabase          *db,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (import != NULL);
  g_return_if_fail (PD_IS_DATABASE (db));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_csv_import_commit_async);
  g_task_set_task_data (task, import, NULL);
  g_task_run_in_thread (task, commit_thread);
}

gboolean
pd_csv_import_commit_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_csv_import_commit_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
