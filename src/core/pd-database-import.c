/* pd-database-import.c: writing the checked records of a bulk import (the diary CSV) without
 * a record object each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-database-import.h"
#include "pd-database-private.h"
#include "pd-tags.h"

/* Plain inserts: an update of an existing row (an upsert) makes SQLite keep a statement
 * journal of every page each row touches, which was most of an import's writes. */
static const char insert_entry_sql[] =
  "INSERT INTO pain_entries (id, at, utc_offset, local_date, pain, enjoyment_interference,"
  "  activity_interference, locations, qualities, sleep_hours, sleep_quality, mood,"
  "  red_flags, note, created, updated, back_pain, leg_pain)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16, ?17)"
  " ON CONFLICT (id) DO NOTHING";
static const char insert_dose_sql[] =
  "INSERT INTO doses (id, at, utc_offset, local_date, medication_id, name, amount, unit,"
  "  status, side_effects, note, created, updated)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'taken', '', ?9, ?10, ?10)"
  " ON CONFLICT (id) DO NOTHING";
static const char insert_activity_sql[] =
  "INSERT INTO activities (id, at, utc_offset, local_date, name, duration_min, effort, note,"
  "  created, updated)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"
  " ON CONFLICT (id) DO NOTHING";
static const char insert_event_sql[] =
  "INSERT INTO events (id, at, utc_offset, local_date, title, kind, end_date, note, created,"
  "  updated)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"
  " ON CONFLICT (id) DO NOTHING";

/* The tag lists of the last masks of each kind: a diary has a few combinations, over and
 * over. */
#define N_CACHED_TAGS 16

typedef struct
{
  guint64 mask[N_CACHED_TAGS];
  char *text[N_CACHED_TAGS];
} TagCache;

static void
tag_cache_clear (TagCache *caches,
                 guint     n_caches)
{
  for (guint k = 0; k < n_caches; k++)
    for (guint i = 0; i < N_CACHED_TAGS; i++)
      g_free (caches[k].text[i]);
}

/* Binds what pd_tags_to_string_full() writes; the cache keeps the text until it is cleared
 * (or replaced, once the statement has been stepped). */
static void
bind_tags (sqlite3_stmt       *stmt,
           int                 index,
           TagCache           *cache,
           PdTagKind           kind,
           guint64             mask,
           const char * const *custom)
{
  guint slot = (guint) ((mask * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> 60);

  if (custom != NULL && custom[0] != NULL)
    {
      sqlite3_bind_text (stmt, index, pd_tags_to_string_full (kind, mask, custom), -1, g_free);
      return;
    }
  if (cache->text[slot] == NULL || cache->mask[slot] != mask)
    {
      g_free (cache->text[slot]);
      cache->text[slot] = pd_tags_to_string (kind, mask);
      cache->mask[slot] = mask;
    }
  sqlite3_bind_text (stmt, index, cache->text[slot], -1, SQLITE_STATIC);
}

/* The local date of a time, "YYYY-MM-DD", as SQLite's date(time + offset, 'unixepoch')
 * writes it for the years 0000-9999; FALSE for others. In C: SQLite's date() was a tenth
 * of an import. */
static gboolean
format_local_date (gint64 unix_time,
                   int    utc_offset,
                   char   buffer[static 11])
{
  gint64 local = unix_time + utc_offset;
  /* Days since 0000-03-01, in eras of 400 years (H. Hinnant's civil_from_days). */
  gint64 z = (local >= 0 ? local / 86400 : -((-local + 86399) / 86400)) + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int day = (int) (doy - (153 * mp + 2) / 5 + 1);
  int month = (int) (mp < 10 ? mp + 3 : mp - 9);
  gint64 year = yoe + era * 400 + (month <= 2);

  if (year < 0 || year > 9999)
    return FALSE;
  buffer[0] = '0' + year / 1000;
  buffer[1] = '0' + year / 100 % 10;
  buffer[2] = '0' + year / 10 % 10;
  buffer[3] = '0' + year % 10;
  buffer[4] = '-';
  buffer[5] = '0' + month / 10;
  buffer[6] = '0' + month % 10;
  buffer[7] = '-';
  buffer[8] = '0' + day / 10;
  buffer[9] = '0' + day % 10;
  buffer[10] = '\0';
  return TRUE;
}

/* Binds what is particular to the record's kind, from ?4 on; returns the index of now. */
static int
bind_record (sqlite3_stmt         *stmt,
             const PdImportRecord *record,
             TagCache             *tags)
{
  switch (record->kind)
    {
    case PD_RECORD_PAIN:
      sqlite3_bind_int (stmt, 5, record->pain.pain);
      _pd_bind_optional_int (stmt, 6, record->pain.enjoyment_interference);
      _pd_bind_optional_int (stmt, 7, record->pain.activity_interference);
      bind_tags (stmt, 8, &tags[0], PD_TAG_LOCATION, record->pain.locations,
                 record->pain.custom_locations);
      bind_tags (stmt, 9, &tags[1], PD_TAG_QUALITY, record->pain.qualities,
                 record->pain.custom_qualities);
      if (record->pain.sleep_hours < 0)
        sqlite3_bind_null (stmt, 10);
      else
        sqlite3_bind_double (stmt, 10, record->pain.sleep_hours);
      _pd_bind_optional_int (stmt, 11, record->pain.sleep_quality);
      _pd_bind_optional_int (stmt, 12, record->pain.mood);
      bind_tags (stmt, 13, &tags[2], PD_TAG_RED_FLAG, record->pain.red_flags, NULL);
      sqlite3_bind_text (stmt, 14, record->note, -1, SQLITE_STATIC);
      _pd_bind_optional_int (stmt, 16, record->pain.back_pain);
      _pd_bind_optional_int (stmt, 17, record->pain.leg_pain);
      return 15;
    case PD_RECORD_DOSE:
      _pd_bind_optional_text (stmt, 5, record->dose.medication_id);
      sqlite3_bind_text (stmt, 6, record->name, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 7, record->dose.amount);
      sqlite3_bind_text (stmt, 8, record->dose.unit, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, record->note, -1, SQLITE_STATIC);
      return 10;
    case PD_RECORD_ACTIVITY:
      sqlite3_bind_text (stmt, 5, record->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, record->activity.duration);
      _pd_bind_optional_int (stmt, 7, record->activity.effort);
      sqlite3_bind_text (stmt, 8, record->note, -1, SQLITE_STATIC);
      return 9;
    case PD_RECORD_EVENT:
      {
        char end_date[11];

        sqlite3_bind_text (stmt, 5, record->name, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 6, record->event.kind, -1, SQLITE_STATIC);
        if (_pd_format_day (record->event.end_day, end_date))
          sqlite3_bind_text (stmt, 7, end_date, -1, SQLITE_TRANSIENT);
        else
          sqlite3_bind_null (stmt, 7);
        sqlite3_bind_text (stmt, 8, record->note, -1, SQLITE_STATIC);
        return 9;
      }
    default:
      g_return_val_if_reached (0);
    }
}

static gboolean
insert_all (PdDatabase            *self,
            sqlite3_stmt * const  *statements,
            const PdImportRecord  *records,
            guint                  n_records,
            GError               **error)
{
  gint64 now = _pd_database_now ();
  TagCache tags[3] = { { { 0 } } };
  gboolean ok = TRUE;

  for (guint i = 0; i < n_records && ok; i++)
    {
      const PdImportRecord *record = &records[i];
      sqlite3_stmt *stmt = statements[record->kind];
      char local_date[11];
      int now_index, rc;

      sqlite3_bind_text (stmt, 1, record->id, 36, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, record->time);
      sqlite3_bind_int (stmt, 3, record->utc_offset);
      if (format_local_date (record->time, record->utc_offset, local_date))
        sqlite3_bind_text (stmt, 4, local_date, 10, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 4);
      if ((now_index = bind_record (stmt, record, tags)) == 0)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, now_index, now);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _pd_database_set_error (self, error, rc, _("Could not save “%s” in “%s”"), record->id,
                                  self->display_name);
          ok = FALSE;
        }
    }
  /* The statements let go of the cached texts before they are freed. */
  for (guint k = 0; k <= PD_RECORD_EVENT; k++)
    if (statements[k] != NULL)
      sqlite3_clear_bindings (statements[k]);
  tag_cache_clear (tags, G_N_ELEMENTS (tags));
  return ok;
}

gboolean
pd_database_import_records (PdDatabase            *self,
                            const PdImportRecord  *records,
                            guint                  n_records,
                            GError               **error)
{
  static const char * const sql[] = {
    [PD_RECORD_PAIN] = insert_entry_sql,
    [PD_RECORD_DOSE] = insert_dose_sql,
    [PD_RECORD_ACTIVITY] = insert_activity_sql,
    [PD_RECORD_EVENT] = insert_event_sql,
  };
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *statements[G_N_ELEMENTS (sql)] = { NULL };
  gboolean own_transaction;
  gboolean ok = TRUE;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);
  /* In the caller's transaction, no savepoint: SQLite would copy every page the records
   * touch a first time since it to a journal of its own. The caller rolls back a failure. */
  own_transaction = self->transaction_depth == 0;
  if (!_pd_database_check_writable (self, error) ||
      (own_transaction && !_pd_database_begin_write (self, error)))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (sql) && ok; k++)
    if (sql[k] != NULL && !(statements[k] = _pd_database_lookup_stmt (self, sql[k], error)))
      ok = FALSE;
  ok = ok && insert_all (self, statements, records, n_records, error);
  for (guint k = 0; k < G_N_ELEMENTS (sql); k++)
    if (statements[k] != NULL)
      _pd_cached_stmt_release (statements[k]);
  if (!own_transaction)
    return ok;
  if (!ok)
    {
      _pd_database_rollback_write (self);
      return FALSE;
    }
  return _pd_database_commit_write (self, error);
}
