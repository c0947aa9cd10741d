/* pd-csv-tasks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv-tasks"

#include "config.h"

#include "pd-csv-tasks.h"
#include "pd-exchange-task.h"
#include "pd-output.h"

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
export_records (PdDatabase         *db,
                const PdExportJob  *job,
                guint              *n_rows,
                GError            **error)
{
  g_autoptr(PdOutput) output = pd_output_open (job->path, error);

  return output != NULL &&
         pd_csv_export_to_output (db, output, job->from_day, job->to_day, n_rows, error) &&
         pd_output_commit (output, error);
}

static GBytes *
make_summary (PdDatabase        *db,
              PdDiaryData       *data,
              const PdExportJob *job,
              guint             *n_rows)
{
  GBytes *bytes = pd_csv_export_summary (data, job->from_day, job->to_day);

  *n_rows = count_rows (bytes);
  return bytes;
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
  PdExportJob job = { (char *) path, from_day, to_day, summary ? NULL : export_records,
                      summary ? make_summary : NULL };

  _pd_export_file_async (db, &job, pd_csv_export_file_async, cancellable, callback, user_data);
}

gboolean
pd_csv_export_file_finish (GAsyncResult  *result,
                           guint         *n_rows,
                           GError       **error)
{
  return _pd_task_propagate_count (result, pd_csv_export_file_async, n_rows, error);
}

static gpointer
prepare (gpointer       db,
         gpointer       path,
         GCancellable  *cancellable,
         GError       **error)
{
  return pd_csv_import_prepare (db, path, error);
}

void
pd_csv_import_prepare_async (PdDatabase          *db,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (path != NULL);

  _pd_task_run_work (db, pd_csv_import_prepare_async, g_strdup (path), g_free, prepare,
                     (GDestroyNotify) pd_csv_import_free, cancellable, callback, user_data);
}

PdCsvImport *
pd_csv_import_prepare_finish (GAsyncResult  *result,
                              GError       **error)
{
  return _pd_task_propagate_pointer (result, pd_csv_import_prepare_async, error);
}

static gboolean
commit (gpointer       db,
        gpointer       import,
        guint         *n,
        GCancellable  *cancellable,
        GError       **error)
{
  return pd_csv_import_commit (import, db, error);
}

void
pd_csv_import_commit_async (PdCsvImport         *import,
                            PdDatabase          *db,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (import != NULL);
  g_return_if_fail (PD_IS_DATABASE (db));

  _pd_task_run_count (db, pd_csv_import_commit_async, import, NULL, commit, cancellable, callback,
                      user_data);
}

gboolean
pd_csv_import_commit_finish (GAsyncResult  *result,
                             GError       **error)
{
  return _pd_task_propagate_count (result, pd_csv_import_commit_async, NULL, error);
}
