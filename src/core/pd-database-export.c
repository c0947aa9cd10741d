/* pd-database-export.c: the records of the diary CSV, straight from the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One statement per kind walks its table through the time index; the rows are merged by
 * time as they come, so nothing is kept but one current row per kind. Each record is handed
 * over with the statement's own column values: no record objects, no copies.
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <stdio.h>

#include "pd-database-export.h"
#include "pd-database-private.h"

#define LIVE_IN_RANGE(table) " WHERE " table ".at >= ?1 AND " table ".at < ?2 AND " table \
                             ".deleted IS NULL"

/* Each statement starts with id, at, utc_offset; the rest is its kind's. */
static const char * const export_sql[] = {
  [PD_EXPORT_PAIN] =
    "SELECT id, at, utc_offset, pain, enjoyment_interference, activity_interference,"
    " locations, qualities, sleep_hours, sleep_quality, mood, red_flags, note, back_pain,"
    " leg_pain FROM pain_entries" LIVE_IN_RANGE ("pain_entries") " ORDER BY at",
  [PD_EXPORT_DOSE] =
    "SELECT id, at, utc_offset, name, amount, unit, note FROM doses"
    LIVE_IN_RANGE ("doses") " AND status IS NOT 'skipped' ORDER BY at",
  [PD_EXPORT_ACTIVITY] =
    "SELECT id, at, utc_offset, name, duration_min, effort, note FROM activities"
    LIVE_IN_RANGE ("activities") " ORDER BY at",
  [PD_EXPORT_EVENT] =
    "SELECT id, at, utc_offset, title, kind, note, end_date FROM events"
    LIVE_IN_RANGE ("events") " ORDER BY at",
  /* A rating whose activity is deleted names nothing: it cannot be read back. */
  [PD_EXPORT_FUNCTION] =
    "SELECT r.id, r.at, r.utc_offset, a.name, r.score"
    " FROM function_ratings AS r"
    " JOIN function_activities AS a ON a.id = r.activity_id AND a.deleted IS NULL"
    LIVE_IN_RANGE ("r") " ORDER BY r.at",
  [PD_EXPORT_IMPRESSION] =
    "SELECT i.id, i.at, i.utc_offset, coalesce(e.title, ''), i.score, i.note"
    " FROM impressions AS i"
    " LEFT JOIN events AS e ON e.id = i.event_id AND e.deleted IS NULL"
    LIVE_IN_RANGE ("i") " ORDER BY i.at",
};

#define N_KINDS G_N_ELEMENTS (export_sql)

typedef struct
{
  sqlite3_stmt *stmt;
  PdExportRecord record;
  gboolean on_row;
} Stream;

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static int
column_optional_int (sqlite3_stmt *stmt,
                     int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? PD_UNSET
                                                           : sqlite3_column_int (stmt, column);
}

/* A stored YYYY-MM-DD as a Julian day, 0 for none or no date (read as the events are). */
static guint32
column_day (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = column_text (stmt, column);
  guint year, month, mday;
  GDate date;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &year, &month, &mday) != 3 ||
      !g_date_valid_dmy (mday, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, mday, month, year);
  return g_date_get_julian (&date);
}

static void
read_pain (sqlite3_stmt   *stmt,
           PdExportRecord *r)
{
  r->pain = sqlite3_column_int (stmt, 3);
  r->enjoyment_interference = column_optional_int (stmt, 4);
  r->activity_interference = column_optional_int (stmt, 5);
  r->locations = column_text (stmt, 6);
  r->qualities = column_text (stmt, 7);
  r->sleep_hours = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1
                                                                : sqlite3_column_double (stmt, 8);
  if (r->sleep_hours < 0)
    r->sleep_hours = -1;
  r->sleep_quality = column_optional_int (stmt, 9);
  r->mood = column_optional_int (stmt, 10);
  r->red_flags = column_text (stmt, 11);
  r->note = column_text (stmt, 12);
  r->back_pain = column_optional_int (stmt, 13);
  r->leg_pain = column_optional_int (stmt, 14);
  /* Never NULL, as pd_tags_parse reads NULL as none too. */
  r->locations = r->locations != NULL ? r->locations : "";
  r->qualities = r->qualities != NULL ? r->qualities : "";
  r->red_flags = r->red_flags != NULL ? r->red_flags : "";
}

static void
read_row (Stream *stream)
{
  sqlite3_stmt *stmt = stream->stmt;
  PdExportRecord *r = &stream->record;

  r->id = column_text (stmt, 0);
  r->time = sqlite3_column_int64 (stmt, 1);
  r->utc_offset = sqlite3_column_int (stmt, 2);
  switch (r->kind)
    {
    case PD_EXPORT_PAIN:
      read_pain (stmt, r);
      break;
    case PD_EXPORT_DOSE:
      r->item = column_text (stmt, 3);
      r->amount = sqlite3_column_double (stmt, 4);
      r->unit = column_text (stmt, 5);
      r->note = column_text (stmt, 6);
      break;
    case PD_EXPORT_ACTIVITY:
      r->item = column_text (stmt, 3);
      r->duration = sqlite3_column_int (stmt, 4);
      r->effort = column_optional_int (stmt, 5);
      r->note = column_text (stmt, 6);
      break;
    case PD_EXPORT_EVENT:
      r->item = column_text (stmt, 3);
      r->event_kind = column_text (stmt, 4);
      r->note = column_text (stmt, 5);
      r->end_day = column_day (stmt, 6);
      break;
    case PD_EXPORT_FUNCTION:
    case PD_EXPORT_IMPRESSION:
      r->item = column_text (stmt, 3);
      r->score = sqlite3_column_int (stmt, 4);
      r->note = r->kind == PD_EXPORT_IMPRESSION ? column_text (stmt, 5) : NULL;
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
stream_init (Stream       *stream,
             PdExportKind  kind)
{
  stream->stmt = NULL;
  stream->on_row = FALSE;
  stream->record = (PdExportRecord) {
    .kind = kind,
    .pain = PD_UNSET, .enjoyment_interference = PD_UNSET, .activity_interference = PD_UNSET,
    .sleep_hours = -1, .sleep_quality = PD_UNSET, .mood = PD_UNSET,
    .back_pain = PD_UNSET, .leg_pain = PD_UNSET, .effort = PD_UNSET, .score = PD_UNSET,
  };
}

/* Steps to the stream's next row; SQLITE_OK or the error. */
static int
stream_step (Stream *stream)
{
  int rc = sqlite3_step (stream->stmt);

  stream->on_row = rc == SQLITE_ROW;
  if (stream->on_row)
    read_row (stream);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Merges the streams by time: SQLITE_OK (also when func stopped it) or the error. */
static int
merge (Stream       *streams,
       PdExportFunc  func,
       gpointer      user_data,
       gboolean     *stopped)
{
  for (;;)
    {
      Stream *next = NULL;
      int rc;

      for (guint i = 0; i < N_KINDS; i++)
        if (streams[i].on_row && (next == NULL || streams[i].record.time < next->record.time))
          next = &streams[i];
      if (next == NULL)
        return SQLITE_OK;
      if (!func (&next->record, user_data))
        {
          *stopped = TRUE;
          return SQLITE_OK;
        }
      if ((rc = stream_step (next)) != SQLITE_OK)
        return rc;
    }
}

static int
run (sqlite3      *db,
     gint64        from,
     gint64        to,
     PdExportFunc  func,
     gpointer      user_data,
     gboolean     *stopped)
{
  Stream streams[N_KINDS];
  int rc = SQLITE_OK;

  for (guint i = 0; i < N_KINDS; i++)
    stream_init (&streams[i], i);
  for (guint i = 0; i < N_KINDS && rc == SQLITE_OK; i++)
    {
      rc = sqlite3_prepare_v2 (db, export_sql[i], -1, &streams[i].stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (streams[i].stmt, 1, from);
          sqlite3_bind_int64 (streams[i].stmt, 2, to);
          rc = stream_step (&streams[i]);
        }
    }
  if (rc == SQLITE_OK)
    rc = merge (streams, func, user_data, stopped);
  for (guint i = 0; i < N_KINDS; i++)
    sqlite3_finalize (streams[i].stmt);
  return rc;
}

/* One read transaction, so that the kinds describe one state of the file even when another
 * process writes meanwhile. */
static gboolean
read_on (PdDatabase    *self,
         sqlite3       *db,
         gint64         from,
         gint64         to,
         PdExportFunc   func,
         gpointer       user_data,
         GError       **error)
{
  int rc = sqlite3_exec (db, "SAVEPOINT pd_export", NULL, NULL, NULL);
  gboolean stopped = FALSE;

  if (rc == SQLITE_OK)
    rc = run (db, from, to, func, user_data, &stopped);
  /* The failure's message, before the release replaces it. */
  if (rc != SQLITE_OK)
    _pd_database_set_read_error_on (self, db, error, rc);
  if (sqlite3_exec (db, "RELEASE pd_export", NULL, NULL, NULL) != SQLITE_OK && rc == SQLITE_OK)
    {
      rc = sqlite3_errcode (db);
      _pd_database_set_read_error_on (self, db, error, rc);
    }
  return rc == SQLITE_OK && !stopped;
}

gboolean
pd_database_export_records (PdDatabase    *self,
                            gint64         from,
                            gint64         to,
                            PdExportFunc   func,
                            gpointer       user_data,
                            GError       **error)
{
  sqlite3 *reader;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A connection of its own (read-only) does not hold up the diary's other
   * users; a diary without a file is read on its own connection. */
  if ((reader = _pd_database_open_reader (self)) != NULL)
    {
      ok = read_on (self, reader, from, to, func, user_data, error);
      sqlite3_close (reader);
    }
  else
    {
      g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->mutex);

      ok = read_on (self, self->db, from, to, func, user_data, error);
    }
  return ok;
}
