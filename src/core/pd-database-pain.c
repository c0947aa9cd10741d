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
read_sleep_hours (sqlite3_stmt *stmt,
                  int           column,
                  gpointer      entry)
{
  gboolean none = sqlite3_column_type (stmt, column) == SQLITE_NULL;

  pd_pain_entry_set_sleep_hours (entry, none ? -1 : sqlite3_column_double (stmt, column));
}

static void
bind_sleep_hours (sqlite3_stmt *stmt,
                  int           index,
                  gpointer      entry)
{
  double sleep_hours = pd_pain_entry_get_sleep_hours (entry);

  if (sleep_hours < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, sleep_hours);
}

PD_DEFINE_LAYOUT (entry, pd_pain_entry,
                  PD_FIELD (PD_FIELD_TEXT, pd_pain_entry, id),
                  PD_TIME_FIELD (pd_pain_entry),
                  PD_FIELD (PD_FIELD_INT, pd_pain_entry, pain),
                  PD_FIELD (PD_FIELD_OPTIONAL_INT, pd_pain_entry, enjoyment_interference),
                  PD_FIELD (PD_FIELD_OPTIONAL_INT, pd_pain_entry, activity_interference),
                  PD_OWN_TAGS_FIELD (pd_pain_entry, locations, PD_TAG_LOCATION),
                  PD_OWN_TAGS_FIELD (pd_pain_entry, qualities, PD_TAG_QUALITY),
                  PD_CUSTOM_FIELD (read_sleep_hours, bind_sleep_hours),
                  PD_FIELD (PD_FIELD_OPTIONAL_INT, pd_pain_entry, sleep_quality),
                  PD_FIELD (PD_FIELD_OPTIONAL_INT, pd_pain_entry, mood),
                  { .type = PD_FIELD_TAGS, .set = G_CALLBACK (pd_pain_entry_set_red_flags),
                    .get = G_CALLBACK (pd_pain_entry_get_red_flags), .tag_kind = PD_TAG_RED_FLAG },
                  PD_FIELD (PD_FIELD_TEXT, pd_pain_entry, note),
                  PD_STAMPS_FIELD (pd_pain_entry),
                  PD_FIELD (PD_FIELD_OPTIONAL_INT, pd_pain_entry, back_pain),
                  PD_FIELD (PD_FIELD_OPTIONAL_INT, pd_pain_entry, leg_pain));

PD_DEFINE_LISTING (const PdListing _pd_pain_entry_listing, entry, pd_pain_entry,
                   "pain_entries", ENTRY_COLUMNS);

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

  return _pd_database_get_row (self, get_entry_sql, PD_RECORD_PAIN, id, &entry_layout, error);
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

