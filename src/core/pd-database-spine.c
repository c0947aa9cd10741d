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

PD_DEFINE_LAYOUT (activity, pd_function_activity,
                  PD_FIELD (PD_FIELD_TEXT, pd_function_activity, id),
                  PD_FIELD (PD_FIELD_TEXT, pd_function_activity, name),
                  PD_FIELD (PD_FIELD_DAY, pd_function_activity, added_day),
                  PD_FIELD (PD_FIELD_DAY, pd_function_activity, retired_day),
                  PD_STAMPS_FIELD (pd_function_activity));

static void
activity_key (gpointer  record,
              PdRowKey *key)
{
  key->time = pd_function_activity_get_created (record);
  key->created = pd_function_activity_get_created (record);
  key->id = pd_function_activity_get_id (record);
}

static const PdListing activity_listing = {
  list_activities_sql, NULL, &activity_layout, activity_key
};

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

PD_DEFINE_LAYOUT (rating, pd_function_rating,
                  PD_FIELD (PD_FIELD_TEXT, pd_function_rating, id),
                  PD_FIELD (PD_FIELD_TEXT, pd_function_rating, activity_id),
                  PD_TIME_FIELD (pd_function_rating),
                  PD_FIELD (PD_FIELD_INT, pd_function_rating, score),
                  PD_STAMPS_FIELD (pd_function_rating));

PD_DEFINE_LISTING (static const PdListing rating_listing, rating, pd_function_rating,
                   "function_ratings", RATING_COLUMNS);

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

PD_DEFINE_LAYOUT (impression, pd_impression,
                  PD_FIELD (PD_FIELD_TEXT, pd_impression, id),
                  PD_FIELD (PD_FIELD_REFERENCE, pd_impression, event_id),
                  PD_TIME_FIELD (pd_impression),
                  PD_FIELD (PD_FIELD_INT, pd_impression, score),
                  PD_FIELD (PD_FIELD_TEXT, pd_impression, note),
                  PD_STAMPS_FIELD (pd_impression));

PD_DEFINE_LISTING (static const PdListing impression_listing, impression, pd_impression,
                   "impressions", IMPRESSION_COLUMNS);

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
