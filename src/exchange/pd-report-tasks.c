/* pd-report-tasks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-report-tasks"

#include "config.h"

#include "pd-cyp2d6.h"
#include "pd-exchange-task.h"
#include "pd-report-tasks.h"
#include "pd-types.h"

static void
extend_days (guint32  day,
             guint32 *first,
             guint32 *last)
{
  *first = MIN (*first, day);
  *last = MAX (*last, day);
}

gboolean
pd_report_data_days (PdDiaryData *data,
                     guint32     *first_day,
                     guint32     *last_day)
{
  guint32 first = G_MAXUINT32, last = 0;

  g_return_val_if_fail (data != NULL, FALSE);

  for (guint i = 0; data->pain_entries != NULL && i < data->pain_entries->len; i++)
    extend_days (pd_pain_entry_get_local_day (g_ptr_array_index (data->pain_entries, i)),
                 &first, &last);
  for (guint i = 0; data->doses != NULL && i < data->doses->len; i++)
    extend_days (pd_dose_get_local_day (g_ptr_array_index (data->doses, i)), &first, &last);
  for (guint i = 0; data->activities != NULL && i < data->activities->len; i++)
    extend_days (pd_activity_get_local_day (g_ptr_array_index (data->activities, i)),
                 &first, &last);
  if (last == 0)
    return FALSE;
  if (first_day != NULL)
    *first_day = first;
  if (last_day != NULL)
    *last_day = last;
  return TRUE;
}

/* Load */

typedef struct
{
  guint32 first_day;
  guint32 last_day;
  PdReportSections sections;
  PdPaper paper;
} LoadJob;

static PdReport *
load_whole_diary (PdDatabase        *db,
                  LoadJob           *job,
                  GError           **error)
{
  g_autoptr(PdDiaryData) data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *surgery = NULL;
  guint32 first, last;

  if (!(data = pd_database_load (db, error)))
    return NULL;
  if (!pd_report_data_days (data, &first, &last))
    first = last = pd_local_today (NULL);
  name = pd_database_get_meta (db, "patient_name");
  surgery = pd_database_get_meta (db, "surgery_date");
  job->sections.checks.cyp2d6 = pd_database_get_cyp2d6 (db);
  return pd_report_new (data, first, last, name, surgery, NULL, &job->sections);
}

static gpointer
load (gpointer       db,
      gpointer       data,
      GCancellable  *cancellable,
      GError       **error)
{
  LoadJob *job = data;
  g_autoptr(PdReport) report = NULL;
  double width, height;

  if (job->first_day == 0)
    report = load_whole_diary (db, job, error);
  else
    report = pd_report_load (db, job->first_day, job->last_day, &job->sections, error);
  if (report == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  pd_paper_get_size (job->paper, &width, &height);
  pd_report_get_n_pages (report, width, height);
  return g_steal_pointer (&report);
}

void
pd_report_load_async (PdDatabase             *db,
                      guint32                 first_day,
                      guint32                 last_day,
                      const PdReportSections *sections,
                      PdPaper                 paper,
                      GCancellable           *cancellable,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  LoadJob *job;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (first_day == 0 || first_day <= last_day);

  job = g_new0 (LoadJob, 1);
  job->first_day = first_day;
  job->last_day = last_day;
  job->paper = paper;
  if (sections != NULL)
    job->sections = *sections;
  else
    pd_report_sections_init (&job->sections);
  _pd_task_run_work (db, pd_report_load_async, job, g_free, load, g_object_unref, cancellable,
                     callback, user_data);
}

PdReport *
pd_report_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  return _pd_task_propagate_pointer (result, pd_report_load_async, error);
}

/* Write */

typedef struct
{
  char *file;
  PdPaper paper;
} WriteJob;

static WriteJob *
write_job_new (const char *file,
               PdPaper     paper)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->file = g_strdup (file);
  job->paper = paper;
  return job;
}

static void
write_job_free (WriteJob *job)
{
  g_free (job->file);
  g_free (job);
}

static gboolean
write_pdf (gpointer       report,
           gpointer       data,
           guint         *n_pages,
           GCancellable  *cancellable,
           GError       **error)
{
  WriteJob *job = data;
  int n = 0;

  if (!pd_report_write_pdf (report, job->file, job->paper, &n, error))
    return FALSE;
  *n_pages = n;
  return TRUE;
}

void
pd_report_write_pdf_async (PdReport            *report,
                           const char          *file,
                           PdPaper              paper,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (PD_IS_REPORT (report));
  g_return_if_fail (file != NULL);

  _pd_task_run_count (report, pd_report_write_pdf_async, write_job_new (file, paper),
                      (GDestroyNotify) write_job_free, write_pdf, cancellable, callback, user_data);
}

int
pd_report_write_pdf_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_report_write_pdf_async, -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}
