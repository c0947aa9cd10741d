/* pd-database-pain.c: storing pain entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-tags.h"

#define ENTRY_COLUMNS                                                                   \
  "id, at, utc_offset, pain, enjoyment_interference, activity_interference, locations," \
  " qualities, sleep_hours, sleep_quality, mood, red_flags, note, created, updated, back_pain," \
  " leg_pain"

static const char save_entry_sql[] =
  "INSERT INTO pain_entries (id, at, utc_offset, local_date, pain, enjoyment_interference,"
  "  activity_interference, locations, qualities, sleep_hours, sleep_quality, mood,"
  "  red_flags, note, created, updated, deleted, back_pain, leg_pain)"
  " VALUES (?1, ?2, ?3, date(?2 + ?3, 'unixepoch'), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
  "  ?13, ?14, ?14, NULL, ?15, ?16)"
  " ON CONFLICT (id) DO UPDATE SET"
  "  at = excluded.at, utc_offset = excluded.utc_offset, local_date = excluded.local_date,"
  "  pain = excluded.pain, enjoyment_interference = excluded.enjoyment_interference,"
  "  activity_interference = excluded.activity_interference,"
  "  locations = excluded.locations, qualities = excluded.qualities,"
  "  sleep_hours = excluded.sleep_hours, sleep_quality = excluded.sleep_quality,"
  "  mood = excluded.mood, red_flags = excluded.red_flags, note = excluded.note,"
  "  back_pain = excluded.back_pain, leg_pain = excluded.leg_pain,"
  "  updated = excluded.updated, deleted = NULL";
static const char get_entry_sql[] =
  "SELECT " ENTRY_COLUMNS " FROM pain_entries WHERE id = ?1 AND deleted IS NULL";
static const char count_entries_sql[] =
  "SELECT count(*) FROM pain_entries WHERE deleted IS NULL";

/* Pain entries */

static void
bind_tags (sqlite3_stmt *stmt,
           int           index,
           PdTagKind     kind,
           guint64       mask)
{
  sqlite3_bind_text (stmt, index, pd_tags_to_string (kind, mask), -1, g_free);
}

/* The keys, then the patient's own values as written. */
static void
bind_tags_full (sqlite3_stmt       *stmt,
                int                 index,
                PdTagKind           kind,
                guint64             mask,
                const char * const *custom)
{
  sqlite3_bind_text (stmt, index, pd_tags_to_string_full (kind, mask, custom), -1, g_free);
}

static guint64
column_tags_full (sqlite3_stmt *stmt,
                  int           column,
                  PdTagKind     kind,
                  GStrv        *custom)
{
  const char *text = _pd_column_text (stmt, column);
  g_autoptr(GError) error = NULL;
  guint64 mask = 0;

  if (!pd_tags_parse (kind, text, FALSE, &mask, custom, &error))
    g_debug ("Ignoring a stored tag list: %s", error->message);
  return mask;
}

static guint64
column_tags (sqlite3_stmt *stmt,
             int           column,
             PdTagKind     kind)
{
  return column_tags_full (stmt, column, kind, NULL);
}

static gpointer
entry_from_row (sqlite3_stmt *stmt)
{
  PdPainEntry *entry = pd_pain_entry_new ();
  g_auto(GStrv) custom_locations = NULL;
  g_auto(GStrv) custom_qualities = NULL;

  pd_pain_entry_set_id (entry, _pd_column_text (stmt, 0));
  pd_pain_entry_set_time (entry, sqlite3_column_int64 (stmt, 1), sqlite3_column_int (stmt, 2));
  pd_pain_entry_set_pain (entry, sqlite3_column_int (stmt, 3));
  pd_pain_entry_set_enjoyment_interference (entry, _pd_column_optional_int (stmt, 4));
  pd_pain_entry_set_activity_interference (entry, _pd_column_optional_int (stmt, 5));
  pd_pain_entry_set_locations (entry,
                               column_tags_full (stmt, 6, PD_TAG_LOCATION, &custom_locations));
  pd_pain_entry_set_qualities (entry,
                               column_tags_full (stmt, 7, PD_TAG_QUALITY, &custom_qualities));
  pd_pain_entry_set_custom_locations (entry, (const char * const *) custom_locations);
  pd_pain_entry_set_custom_qualities (entry, (const char * const *) custom_qualities);
  if (sqlite3_column_type (stmt, 8) == SQLITE_NULL)
    pd_pain_entry_set_sleep_hours (entry, -1);
  else
    pd_pain_entry_set_sleep_hours (entry, sqlite3_column_double (stmt, 8));
  pd_pain_entry_set_sleep_quality (entry, _pd_column_optional_int (stmt, 9));
  pd_pain_entry_set_mood (entry, _pd_column_optional_int (stmt, 10));
  pd_pain_entry_set_red_flags (entry, column_tags (stmt, 11, PD_TAG_RED_FLAG));
  pd_pain_entry_set_note (entry, _pd_column_text (stmt, 12));
  pd_pain_entry_set_stamps (entry, sqlite3_column_int64 (stmt, 13),
                            sqlite3_column_int64 (stmt, 14));
  pd_pain_entry_set_back_pain (entry, _pd_column_optional_int (stmt, 15));
  pd_pain_entry_set_leg_pain (entry, _pd_column_optional_int (stmt, 16));
  return entry;
}

PD_DEFINE_LISTING (const PdListing _pd_pain_entry_listing, entry, pd_pain_entry,
                   "pain_entries", ENTRY_COLUMNS);

/* The record's own strings: they outlive the step, and the statement's bindings are cleared
 * when it is released (no copies). */
static void
bind_entry (sqlite3_stmt *stmt,
            gpointer      record,
            gint64        now)
{
  PdPainEntry *entry = record;
  double sleep_hours = pd_pain_entry_get_sleep_hours (entry);

  sqlite3_bind_text (stmt, 1, pd_pain_entry_get_id (entry), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pd_pain_entry_get_time (entry));
  sqlite3_bind_int (stmt, 3, pd_pain_entry_get_utc_offset (entry));
  sqlite3_bind_int (stmt, 4, pd_pain_entry_get_pain (entry));
  _pd_bind_optional_int (stmt, 5, pd_pain_entry_get_enjoyment_interference (entry));
  _pd_bind_optional_int (stmt, 6, pd_pain_entry_get_activity_interference (entry));
  bind_tags_full (stmt, 7, PD_TAG_LOCATION, pd_pain_entry_get_locations (entry),
                  pd_pain_entry_get_custom_locations (entry));
  bind_tags_full (stmt, 8, PD_TAG_QUALITY, pd_pain_entry_get_qualities (entry),
                  pd_pain_entry_get_custom_qualities (entry));
  if (sleep_hours < 0)
    sqlite3_bind_null (stmt, 9);
  else
    sqlite3_bind_double (stmt, 9, sleep_hours);
  _pd_bind_optional_int (stmt, 10, pd_pain_entry_get_sleep_quality (entry));
  _pd_bind_optional_int (stmt, 11, pd_pain_entry_get_mood (entry));
  bind_tags (stmt, 12, PD_TAG_RED_FLAG, pd_pain_entry_get_red_flags (entry));
  sqlite3_bind_text (stmt, 13, pd_pain_entry_get_note (entry), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, now);
  _pd_bind_optional_int (stmt, 15, pd_pain_entry_get_back_pain (entry));
  _pd_bind_optional_int (stmt, 16, pd_pain_entry_get_leg_pain (entry));
}

static void
entry_save_failed (PdDatabase  *self,
                   gpointer     record,
                   int          rc,
                   GError     **error)
{
  _pd_database_set_error (self, error, rc, _("Could not save the entry in “%s”"),
                          self->display_name);
}

PD_DEFINE_RECORD_STORAGE (const PdRecordStorage _pd_pain_entry_storage, entry, pd_pain_entry,
                          "pain_entries", entry_save_failed);

gboolean
pd_database_save_pain_entry (PdDatabase   *self,
                             PdPainEntry  *entry,
                             GError      **error)
{
  return _pd_database_save_one (self, &_pd_pain_entry_storage, entry, error);
}

gboolean
pd_database_save_pain_entries (PdDatabase  *self,
                               GPtrArray   *entries,
                               GError     **error)
{
  PdRecordBatch batch = { &_pd_pain_entry_storage, NULL, 0 };

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  batch.records = entries->pdata;
  batch.n_records = entries->len;
  return _pd_database_save_batches (self, &batch, 1, error);
}

gboolean
pd_database_delete_pain_entry (PdDatabase  *self,
                               const char  *id,
                               GError     **error)
{
  return pd_database_delete_record (self, PD_RECORD_PAIN, id, error);
}

gboolean
pd_database_restore_pain_entry (PdDatabase  *self,
                                const char  *id,
                                GError     **error)
{
  return pd_database_restore_record (self, PD_RECORD_PAIN, id, error);
}

PdPainEntry *
pd_database_get_pain_entry (PdDatabase  *self,
                            const char  *id,
                            GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _pd_database_get_row (self, get_entry_sql, PD_RECORD_PAIN, id, entry_from_row, error);
}

GPtrArray *
pd_database_list_pain_entries (PdDatabase  *self,
                               gint64       from,
                               gint64       to,
                               GError     **error)
{
  return _pd_database_list_range (self, &_pd_pain_entry_listing, from, to, error);
}

static gpointer
read_pain_entries (PdDatabase    *self,
                   gint64         from,
                   gint64         to,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return pd_database_list_pain_entries (self, from, to, error);
}

void
pd_database_list_pain_entries_async (PdDatabase          *self,
                                     gint64               from,
                                     gint64               to,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  _pd_database_run_range_task (self, from, to, cancellable, callback, user_data,
                               pd_database_list_pain_entries_async, read_pain_entries,
                               (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
pd_database_list_pain_entries_finish (PdDatabase    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _pd_database_finish_task (self, result, pd_database_list_pain_entries_async, error);
}

gint64
pd_database_count_pain_entries (PdDatabase  *self,
                                GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = _pd_database_lookup_stmt (self, count_entries_sql, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pd_database_set_read_error (self, error, rc);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

