/* pd-database-diary.c: the calls that span every kind of record: saving records of every
 * kind in one transaction, and loading the whole diary (or a range of it) at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-database-spine.h"

/* Every kind at once */

gboolean
pd_database_save_records (PdDatabase  *self,
                          GPtrArray   *pain_entries,
                          GPtrArray   *medications,
                          GPtrArray   *doses,
                          GPtrArray   *activities,
                          GPtrArray   *events,
                          GError     **error)
{
  /* Medications first: doses refer to them. */
  const struct
  {
    const PdRecordStorage *storage;
    GPtrArray *records;
  } kinds[] = {
    { &_pd_medication_storage, medications },
    { &_pd_pain_entry_storage, pain_entries },
    { &_pd_dose_storage, doses },
    { &_pd_activity_storage, activities },
    { &_pd_event_storage, events },
  };
  PdRecordBatch batches[G_N_ELEMENTS (kinds)];
  guint n_batches = 0;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (kinds[i].records == NULL || kinds[i].records->len == 0)
        continue;
      batches[n_batches].storage = kinds[i].storage;
      batches[n_batches].records = kinds[i].records->pdata;
      batches[n_batches].n_records = kinds[i].records->len;
      n_batches++;
    }
  return _pd_database_save_batches (self, batches, n_batches, error);
}

void
pd_diary_data_free (PdDiaryData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->pain_entries, g_ptr_array_unref);
  g_clear_pointer (&data->medications, g_ptr_array_unref);
  g_clear_pointer (&data->doses, g_ptr_array_unref);
  g_clear_pointer (&data->activities, g_ptr_array_unref);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_clear_pointer (&data->function_activities, g_ptr_array_unref);
  g_clear_pointer (&data->function_ratings, g_ptr_array_unref);
  g_clear_pointer (&data->impressions, g_ptr_array_unref);
  g_free (data);
}

static const char load_begin_sql[] = "SAVEPOINT pd_load";
static const char load_end_sql[] = "RELEASE pd_load";

/* A list read on a connection of its own, in a thread of its own. */
typedef struct
{
  PdDatabase *self;
  sqlite3 *reader;
  const PdListing *listing;
  gint64 from;
  gint64 to;
  GThread *thread;
  GPtrArray *records;
  GError *error;
} ReadJob;

static gpointer
read_job_run (gpointer user_data)
{
  ReadJob *job = user_data;

  job->records = _pd_database_list_rows_on (job->self, job->reader, job->listing, job->from,
                                            job->to, &job->error);
  return NULL;
}

/* Starts the job in another thread when a second connection can be had; FALSE otherwise,
 * and the caller reads on its own connection. */
static gboolean
read_job_start (ReadJob *job)
{
  if ((job->reader = _pd_database_open_reader (job->self)) == NULL)
    return FALSE;
  job->thread = g_thread_try_new ("pd-load", read_job_run, job, NULL);
  if (job->thread == NULL)
    g_clear_pointer (&job->reader, sqlite3_close);
  return job->thread != NULL;
}

static GPtrArray *
read_job_finish (ReadJob  *job,
                 GError  **error)
{
  g_thread_join (job->thread);
  sqlite3_close (job->reader);
  if (job->records == NULL)
    {
      if (error != NULL && *error == NULL)
        g_propagate_error (error, job->error);
      else
        g_clear_error (&job->error);
    }
  return job->records;
}

static gboolean
load_kinds (PdDatabase    *self,
            PdDiaryData   *data,
            gint64         from,
            gint64         to,
            GCancellable  *cancellable,
            GError       **error)
{
  ReadJob pain = { self, NULL, &_pd_pain_entry_listing, from, to };
  ReadJob doses = { self, NULL, &_pd_dose_listing, from, to };
  gboolean pain_apart, doses_apart, ok = TRUE;

  /* Pain entries and doses are most of a big diary: each is read on a second connection in
   * a thread of its own meanwhile. The caller holds the mutex, so nothing of this process
   * writes in between; an ordinary read transaction on each connection does the rest. */
  pain_apart = read_job_start (&pain);
  doses_apart = read_job_start (&doses);

  if (!pain_apart)
    ok = (data->pain_entries = pd_database_list_pain_entries (self, from, to, error)) != NULL;
  if (ok && !doses_apart)
    ok = (data->doses = pd_database_list_doses (self, from, to, error)) != NULL;
  if (ok)
    ok = (data->medications = pd_database_list_medications (self, error)) != NULL;
  if (ok)
    ok = (data->activities = pd_database_list_activities (self, from, to, error)) != NULL;
  /* Events are few, and "days since surgery" needs the first surgery: always all. */
  if (ok)
    ok = (data->events = pd_database_list_events (self, G_MININT64, G_MAXINT64, error)) != NULL;
  /* Few too; the activities and impressions are named by ratings and events of any time. */
  if (ok)
    ok = (data->function_activities = pd_database_list_function_activities (self, error)) != NULL;
  if (ok)
    ok = (data->function_ratings = pd_database_list_function_ratings (self, from, to, error))
         != NULL;
  if (ok)
    ok = (data->impressions = pd_database_list_impressions (self, G_MININT64, G_MAXINT64,
                                                            error)) != NULL;

  if (pain_apart)
    ok = (data->pain_entries = read_job_finish (&pain, ok ? error : NULL)) != NULL && ok;
  if (doses_apart)
    ok = (data->doses = read_job_finish (&doses, ok ? error : NULL)) != NULL && ok;
  return ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gpointer
load (PdDatabase    *self,
      gint64         from,
      gint64         to,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->mutex);
  g_autoptr(PdDiaryData) data = g_new0 (PdDiaryData, 1);
  gboolean ok;

  /* One read transaction (or a savepoint in the caller's), so that the five lists describe
   * one state of the file even when another process writes meanwhile. */
  if (!_pd_database_run_stmt (self, load_begin_sql, TRUE, error))
    return NULL;
  ok = load_kinds (self, data, from, to, cancellable, error);
  if (!_pd_database_run_stmt (self, load_end_sql, TRUE, ok ? error : NULL) || !ok)
    return NULL;
  return g_steal_pointer (&data);
}

PdDiaryData *
pd_database_load (PdDatabase  *self,
                  GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (self, G_MININT64, G_MAXINT64, NULL, error);
}

PdDiaryData *
pd_database_load_range (PdDatabase  *self,
                        gint64       from,
                        gint64       to,
                        GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (self, from, to, NULL, error);
}

void
pd_database_load_async (PdDatabase          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  _pd_database_run_range_task (self, G_MININT64, G_MAXINT64, cancellable, callback, user_data,
                               pd_database_load_async, load, (GDestroyNotify) pd_diary_data_free);
}

PdDiaryData *
pd_database_load_finish (PdDatabase    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _pd_database_finish_task (self, result, pd_database_load_async, error);
}
