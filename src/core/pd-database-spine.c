/* pd-database-spine.c: the function_activities, function_ratings and impressions tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-database-private.h"
#include "pd-database-spine.h"

/* Activities */

#define ACTIVITY_COLUMNS "id, name, added_date, retired_date, created, updated"

static const char save_activity_sql[] =
  "INSERT INTO function_activities (id, name, added_date, retired_date, created, updated,"
  "  deleted)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?5, NULL)"
  " ON CONFLICT (id) DO UPDATE SET"
  "  name = excluded.name, added_date = excluded.added_date,"
  "  retired_date = excluded.retired_date, updated = excluded.updated, deleted = NULL";
/* "at" stands for the order they were added in. */
static const char list_activities_sql[] =
  "SELECT " ACTIVITY_COLUMNS " FROM function_activities"
  " WHERE created >= ?1 AND created < ?2 AND deleted IS NULL"
  " ORDER BY created DESC, id";

static gpointer
activity_from_row (sqlite3_stmt *stmt)
{
  PdFunctionActivity *activity = pd_function_activity_new ();

  pd_function_activity_set_id (activity, _pd_column_text (stmt, 0));
  pd_function_activity_set_name (activity, _pd_column_text (stmt, 1));
  pd_function_activity_set_added_day (activity, _pd_column_day (stmt, 2));
  pd_function_activity_set_retired_day (activity, _pd_column_day (stmt, 3));
  pd_function_activity_set_stamps (activity, sqlite3_column_int64 (stmt, 4),
                                   sqlite3_column_int64 (stmt, 5));
  return activity;
}

static void
activity_key (gpointer  record,
              PdRowKey *key)
{
  key->time = pd_function_activity_get_created (record);
  key->created = pd_function_activity_get_created (record);
  key->id = pd_function_activity_get_id (record);
}

static const PdListing activity_listing = {
  list_activities_sql, NULL, activity_from_row, activity_key
};

static void
bind_activity (sqlite3_stmt *stmt,
               gpointer      record,
               gint64        now)
{
  PdFunctionActivity *activity = record;
  char added[11], retired[11];

  sqlite3_bind_text (stmt, 1, pd_function_activity_get_id (activity), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pd_function_activity_get_name (activity), -1, SQLITE_TRANSIENT);
  _pd_format_day (pd_function_activity_get_added_day (activity), added);
  sqlite3_bind_text (stmt, 3, added, -1, SQLITE_TRANSIENT);
  if (_pd_format_day (pd_function_activity_get_retired_day (activity), retired))
    sqlite3_bind_text (stmt, 4, retired, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, now);
}

/* What a failed save of an activity, a rating or an impression says. */
static void
spine_save_failed (PdDatabase  *self,
                   gpointer     record,
                   int          rc,
                   GError     **error)
{
  const char *what = PD_IS_FUNCTION_ACTIVITY (record) ? _("activity")
                     : PD_IS_FUNCTION_RATING (record) ? _("function rating")
                     : _("impression of change");

  _pd_database_set_error (self, error, rc, _("Could not save the %s in “%s”"), what,
                          self->display_name);
}

PD_DEFINE_RECORD_STORAGE (static const PdRecordStorage activity_storage, activity,
                          pd_function_activity, "function_activities", spine_save_failed);

/* Ratings */

#define RATING_COLUMNS "id, activity_id, at, utc_offset, score, created, updated"

static const char save_rating_sql[] =
  "INSERT INTO function_ratings (id, activity_id, at, utc_offset, local_date, score, created,"
  "  updated, deleted)"
  " VALUES (?1, ?2, ?3, ?4, date(?3 + ?4, 'unixepoch'), ?5, ?6, ?6, NULL)"
  " ON CONFLICT (id) DO UPDATE SET"
  "  activity_id = excluded.activity_id, at = excluded.at, utc_offset = excluded.utc_offset,"
  "  local_date = excluded.local_date, score = excluded.score, updated = excluded.updated,"
  "  deleted = NULL";

static gpointer
rating_from_row (sqlite3_stmt *stmt)
{
  PdFunctionRating *rating = pd_function_rating_new ();

  pd_function_rating_set_id (rating, _pd_column_text (stmt, 0));
  pd_function_rating_set_activity_id (rating, _pd_column_text (stmt, 1));
  pd_function_rating_set_time (rating, sqlite3_column_int64 (stmt, 2),
                               sqlite3_column_int (stmt, 3));
  pd_function_rating_set_score (rating, sqlite3_column_int (stmt, 4));
  pd_function_rating_set_stamps (rating, sqlite3_column_int64 (stmt, 5),
                                 sqlite3_column_int64 (stmt, 6));
  return rating;
}

PD_DEFINE_LISTING (static const PdListing rating_listing, rating, pd_function_rating,
                   "function_ratings", RATING_COLUMNS);

static void
bind_rating (sqlite3_stmt *stmt,
             gpointer      record,
             gint64        now)
{
  PdFunctionRating *rating = record;

  sqlite3_bind_text (stmt, 1, pd_function_rating_get_id (rating), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pd_function_rating_get_activity_id (rating), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, pd_function_rating_get_time (rating));
  sqlite3_bind_int (stmt, 4, pd_function_rating_get_utc_offset (rating));
  sqlite3_bind_int (stmt, 5, pd_function_rating_get_score (rating));
  sqlite3_bind_int64 (stmt, 6, now);
}

PD_DEFINE_RECORD_STORAGE (static const PdRecordStorage rating_storage, rating, pd_function_rating,
                          "function_ratings", spine_save_failed);

/* Impressions */

#define IMPRESSION_COLUMNS "id, event_id, at, utc_offset, score, note, created, updated"

static const char save_impression_sql[] =
  "INSERT INTO impressions (id, event_id, at, utc_offset, local_date, score, note, created,"
  "  updated, deleted)"
  " VALUES (?1, ?2, ?3, ?4, date(?3 + ?4, 'unixepoch'), ?5, ?6, ?7, ?7, NULL)"
  " ON CONFLICT (id) DO UPDATE SET"
  "  event_id = excluded.event_id, at = excluded.at, utc_offset = excluded.utc_offset,"
  "  local_date = excluded.local_date, score = excluded.score, note = excluded.note,"
  "  updated = excluded.updated, deleted = NULL";

static gpointer
impression_from_row (sqlite3_stmt *stmt)
{
  PdImpression *impression = pd_impression_new ();

  pd_impression_set_id (impression, _pd_column_text (stmt, 0));
  pd_impression_set_event_id (impression, _pd_column_text (stmt, 1));
  pd_impression_set_time (impression, sqlite3_column_int64 (stmt, 2),
                          sqlite3_column_int (stmt, 3));
  pd_impression_set_score (impression, sqlite3_column_int (stmt, 4));
  pd_impression_set_note (impression, _pd_column_text (stmt, 5));
  pd_impression_set_stamps (impression, sqlite3_column_int64 (stmt, 6),
                            sqlite3_column_int64 (stmt, 7));
  return impression;
}

PD_DEFINE_LISTING (static const PdListing impression_listing, impression, pd_impression,
                   "impressions", IMPRESSION_COLUMNS);

static void
bind_impression (sqlite3_stmt *stmt,
                 gpointer      record,
                 gint64        now)
{
  PdImpression *impression = record;
  const char *event_id = pd_impression_get_event_id (impression);

  sqlite3_bind_text (stmt, 1, pd_impression_get_id (impression), -1, SQLITE_TRANSIENT);
  _pd_bind_optional_text (stmt, 2, event_id != NULL && *event_id != '\0' ? event_id : NULL);
  sqlite3_bind_int64 (stmt, 3, pd_impression_get_time (impression));
  sqlite3_bind_int (stmt, 4, pd_impression_get_utc_offset (impression));
  sqlite3_bind_int (stmt, 5, pd_impression_get_score (impression));
  sqlite3_bind_text (stmt, 6, pd_impression_get_note (impression), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, now);
}

PD_DEFINE_RECORD_STORAGE (static const PdRecordStorage impression_storage, impression,
                          pd_impression, "impressions", spine_save_failed);

/* Public API */

gboolean
pd_database_save_function_activity (PdDatabase          *self,
                                    PdFunctionActivity  *activity,
                                    GError             **error)
{
  return _pd_database_save_one (self, &activity_storage, activity, error);
}

GPtrArray *
pd_database_list_function_activities (PdDatabase  *self,
                                      GError     **error)
{
  GPtrArray *activities;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  activities = _pd_database_list_rows (self, &activity_listing, TRUE, G_MININT64, G_MAXINT64,
                                       error);
  /* Listed newest first: the order they were added in is the reverse. */
  if (activities != NULL)
    for (guint i = 0, j = activities->len; i + 1 < j; i++, j--)
      {
        gpointer swap = activities->pdata[i];

        activities->pdata[i] = activities->pdata[j - 1];
        activities->pdata[j - 1] = swap;
      }
  return activities;
}

gboolean
pd_database_save_function_ratings (PdDatabase  *self,
                                   GPtrArray   *ratings,
                                   GError     **error)
{
  PdRecordBatch batch;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ratings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  batch = (PdRecordBatch) { &rating_storage, ratings->pdata, ratings->len };
  return _pd_database_save_batches (self, &batch, 1, error);
}

GPtrArray *
pd_database_list_function_ratings (PdDatabase  *self,
                                   gint64       from,
                                   gint64       to,
                                   GError     **error)
{
  return _pd_database_list_range (self, &rating_listing, from, to, error);
}

gboolean
pd_database_save_impression (PdDatabase    *self,
                             PdImpression  *impression,
                             GError       **error)
{
  return _pd_database_save_one (self, &impression_storage, impression, error);
}

GPtrArray *
pd_database_list_impressions (PdDatabase  *self,
                              gint64       from,
                              gint64       to,
                              GError     **error)
{
  return _pd_database_list_range (self, &impression_listing, from, to, error);
}
