/* pd-database-records.c: what every kind of record shares: listing, getting, saving in batches, deleting and restoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-error.h"

/* Records of every kind */

static const PdRecordStorage *
storage_for_kind (PdRecordKind kind)
{
  switch (kind)
    {
    case PD_RECORD_PAIN:
      return &_pd_pain_entry_storage;
    case PD_RECORD_MEDICATION:
      return &_pd_medication_storage;
    case PD_RECORD_DOSE:
      return &_pd_dose_storage;
    case PD_RECORD_ACTIVITY:
      return &_pd_activity_storage;
    case PD_RECORD_EVENT:
      return &_pd_event_storage;
    default:
      return NULL;
    }
}

void
_pd_database_set_not_found_error (GError       **error,
                                  PdRecordKind   kind,
                                  const char    *id)
{
  switch (kind)
    {
    case PD_RECORD_PAIN:
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No entry with id “%s”"), id);
      break;
    case PD_RECORD_MEDICATION:
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No medication with id “%s”"), id);
      break;
    case PD_RECORD_DOSE:
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No dose with id “%s”"), id);
      break;
    case PD_RECORD_ACTIVITY:
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No activity with id “%s”"), id);
      break;
    case PD_RECORD_EVENT:
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("No event with id “%s”"), id);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Fields */

typedef void (*SetText) (gpointer record, const char *value);
typedef void (*SetInt) (gpointer record, int value);
typedef void (*SetDouble) (gpointer record, double value);
typedef void (*SetDay) (gpointer record, guint32 day);
typedef void (*SetTime) (gpointer record, gint64 time, int utc_offset);
typedef void (*SetStamps) (gpointer record, gint64 created, gint64 updated);
typedef void (*SetMask) (gpointer record, guint64 mask);
typedef void (*SetStrv) (gpointer record, const char * const *values);
typedef const char *(*GetText) (gpointer record);
typedef int (*GetInt) (gpointer record);
typedef double (*GetDouble) (gpointer record);
typedef guint32 (*GetDay) (gpointer record);
typedef gint64 (*GetTime) (gpointer record);
typedef guint64 (*GetMask) (gpointer record);
typedef const char * const *(*GetStrv) (gpointer record);

static void
read_tags (const PdField *field,
           sqlite3_stmt  *stmt,
           int            column,
           gpointer       record)
{
  g_auto(GStrv) custom = NULL;
  g_autoptr(GError) error = NULL;
  guint64 mask = 0;

  if (!pd_tags_parse (field->tag_kind, _pd_column_text (stmt, column), FALSE, &mask,
                      field->set_more != NULL ? &custom : NULL, &error))
    g_debug ("Ignoring a stored tag list: %s", error->message);
  ((SetMask) field->set) (record, mask);
  if (field->set_more != NULL)
    ((SetStrv) field->set_more) (record, (const char * const *) custom);
}

gpointer
_pd_record_from_row (const PdRecordLayout *layout,
                     sqlite3_stmt         *stmt)
{
  gpointer record = layout->new_record ();
  int column = 0;

  for (guint i = 0; i < layout->n_fields; i++, column++)
    {
      const PdField *field = &layout->fields[i];

      switch (field->type)
        {
        case PD_FIELD_TEXT:
        case PD_FIELD_REFERENCE:
          ((SetText) field->set) (record, _pd_column_text (stmt, column));
          break;
        case PD_FIELD_INT:
          ((SetInt) field->set) (record, sqlite3_column_int (stmt, column));
          break;
        case PD_FIELD_OPTIONAL_INT:
          ((SetInt) field->set) (record, _pd_column_optional_int (stmt, column));
          break;
        case PD_FIELD_BOOLEAN:
          ((SetInt) field->set) (record, sqlite3_column_int (stmt, column) != 0);
          break;
        case PD_FIELD_DOUBLE:
          ((SetDouble) field->set) (record, sqlite3_column_double (stmt, column));
          break;
        case PD_FIELD_DAY:
          ((SetDay) field->set) (record, _pd_column_day (stmt, column));
          break;
        case PD_FIELD_TIME:
          ((SetTime) field->set) (record, sqlite3_column_int64 (stmt, column),
                                  sqlite3_column_int (stmt, column + 1));
          column++;
          break;
        case PD_FIELD_STAMPS:
          ((SetStamps) field->set) (record, sqlite3_column_int64 (stmt, column),
                                    sqlite3_column_int64 (stmt, column + 1));
          column++;
          break;
        case PD_FIELD_TAGS:
          read_tags (field, stmt, column, record);
          break;
        case PD_FIELD_CUSTOM:
          ((PdFieldReadFunc) field->set) (stmt, column, record);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return record;
}

void
_pd_record_bind (const PdRecordLayout *layout,
                 sqlite3_stmt         *stmt,
                 gpointer              record,
                 gint64                now)
{
  int index = 1;

  for (guint i = 0; i < layout->n_fields; i++, index++)
    {
      const PdField *field = &layout->fields[i];
      const char *text;
      char day[11];

      switch (field->type)
        {
        case PD_FIELD_TEXT:
          text = ((GetText) field->get) (record);
          sqlite3_bind_text (stmt, index, text != NULL ? text : field->fallback, -1,
                             SQLITE_STATIC);
          break;
        case PD_FIELD_REFERENCE:
          text = ((GetText) field->get) (record);
          sqlite3_bind_text (stmt, index, text != NULL && *text != '\0' ? text : NULL, -1,
                             SQLITE_STATIC);
          break;
        case PD_FIELD_INT:
          sqlite3_bind_int (stmt, index, ((GetInt) field->get) (record));
          break;
        case PD_FIELD_OPTIONAL_INT:
          _pd_bind_optional_int (stmt, index, ((GetInt) field->get) (record));
          break;
        case PD_FIELD_BOOLEAN:
          sqlite3_bind_int (stmt, index, ((GetInt) field->get) (record) ? 1 : 0);
          break;
        case PD_FIELD_DOUBLE:
          sqlite3_bind_double (stmt, index, ((GetDouble) field->get) (record));
          break;
        case PD_FIELD_DAY:
          if (_pd_format_day (((GetDay) field->get) (record), day))
            sqlite3_bind_text (stmt, index, day, -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_null (stmt, index);
          break;
        case PD_FIELD_TIME:
          sqlite3_bind_int64 (stmt, index, ((GetTime) field->get) (record));
          sqlite3_bind_int (stmt, ++index, ((GetInt) field->get_more) (record));
          break;
        case PD_FIELD_STAMPS:
          sqlite3_bind_int64 (stmt, index, now);
          break;
        case PD_FIELD_TAGS:
          sqlite3_bind_text (stmt, index,
                             pd_tags_to_string_full (field->tag_kind,
                                                     ((GetMask) field->get) (record),
                                                     field->get_more != NULL
                                                     ? ((GetStrv) field->get_more) (record)
                                                     : NULL),
                             -1, g_free);
          break;
        case PD_FIELD_CUSTOM:
          ((PdFieldBindFunc) field->get) (stmt, index, record);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

int
_pd_step_upsert (PdDatabase   *self,
                 sqlite3_stmt *stmt,
                 const char   *created_sql,
                 const char   *id,
                 gint64        now,
                 gint64       *created,
                 gint64       *updated)
{
  g_autoptr(PdCachedStmt) lookup = NULL;
  int rc;

  /* Not RETURNING: SQLite runs that through a temporary table, and it more than doubled
   * the cost of every save (an import of ten years was mostly that). An insert sets the
   * last rowid; the update of an existing row does not. Rowids here are never 0. */
  sqlite3_set_last_insert_rowid (self->db, 0);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return rc;

  *updated = now;
  if (sqlite3_last_insert_rowid (self->db) != 0)
    {
      *created = now;
      return SQLITE_DONE;
    }

  if ((lookup = _pd_database_lookup_stmt (self, created_sql, NULL)) == NULL)
    return sqlite3_errcode (self->db);
  sqlite3_bind_text (lookup, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (lookup);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;
  *created = sqlite3_column_int64 (lookup, 0);
  return SQLITE_DONE;
}

/* Inserts the record or updates the one with its id, inside the caller's transaction, and
 * returns the stored stamps. */
static gboolean
write_record (PdDatabase             *self,
              const PdRecordStorage  *storage,
              gpointer                record,
              gint64                  now,
              gint64                 *created,
              gint64                 *updated,
              GError                **error)
{
  g_autoptr(PdCachedStmt) stmt = _pd_database_lookup_stmt (self, storage->save_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _pd_record_bind (storage->layout, stmt, record, now);
  rc = _pd_step_upsert (self, stmt, storage->created_sql, storage->get_id (record), now,
                        created, updated);
  if (rc == SQLITE_DONE)
    return TRUE;
  storage->save_failed (self, record, rc, error);
  return FALSE;
}

static int
compare_row_keys (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const PdRowKey *key_a = a;
  const PdRowKey *key_b = b;

  if (key_a->time != key_b->time)
    return key_a->time < key_b->time ? 1 : -1;
  if (key_a->created != key_b->created)
    return key_a->created < key_b->created ? 1 : -1;
  return strcmp (key_a->id, key_b->id);
}

/* Puts records read in table order newest first, as the ranged statements order them.
 * Rows are mostly stored oldest first, so reversed they are usually in order already. */
static void
sort_newest_first (GPtrArray    *records,
                   PdRowKeyFunc  key)
{
  g_autofree PdRowKey *keys = g_new (PdRowKey, MAX (records->len, 1));
  guint n = records->len;
  gboolean sorted = TRUE;

  for (guint i = 0; i < n; i++)
    {
      keys[i].record = g_ptr_array_index (records, n - 1 - i);
      key (keys[i].record, &keys[i]);
      if (i > 0 && sorted && compare_row_keys (&keys[i - 1], &keys[i], NULL) > 0)
        sorted = FALSE;
    }
  if (!sorted)
    g_qsort_with_data (keys, n, sizeof (PdRowKey), compare_row_keys, NULL);
  for (guint i = 0; i < n; i++)
    records->pdata[i] = keys[i].record;
}

static gboolean
lists_all (const PdListing *listing,
           gint64           from,
           gint64           to)
{
  return listing->all_sql != NULL && from == G_MININT64 && to == G_MAXINT64;
}

/* Steps stmt to the end, one record per row. */
static GPtrArray *
collect_rows (sqlite3_stmt    *stmt,
              const PdListing *listing,
              gboolean         all,
              int             *rc)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, _pd_record_from_row (listing->layout, stmt));
  if (*rc != SQLITE_DONE)
    return NULL;
  if (all)
    sort_newest_first (records, listing->key);
  return g_steal_pointer (&records);
}

GPtrArray *
_pd_database_list_rows (PdDatabase       *self,
                        const PdListing  *listing,
                        gboolean          ranged,
                        gint64            from,
                        gint64            to,
                        GError          **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->mutex);
  gboolean all = ranged && lists_all (listing, from, to);
  g_autoptr(PdCachedStmt) stmt = NULL;
  GPtrArray *records;
  int rc;

  stmt = _pd_database_lookup_stmt (self, all ? listing->all_sql : listing->sql, error);
  if (stmt == NULL)
    return NULL;

  if (ranged && !all)
    {
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, to);
    }
  records = collect_rows (stmt, listing, all, &rc);
  if (records == NULL)
    _pd_database_set_read_error (self, error, rc);
  return records;
}

gpointer
_pd_database_get_row (PdDatabase           *self,
                      const char           *sql,
                      PdRecordKind          kind,
                      const char           *id,
                      const PdRecordLayout *layout,
                      GError              **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->mutex);
  g_autoptr(PdCachedStmt) stmt = _pd_database_lookup_stmt (self, sql, error);
  g_autofree char *normal_id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  normal_id = g_ascii_strdown (id, -1);
  sqlite3_bind_text (stmt, 1, normal_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _pd_record_from_row (layout, stmt);
  if (rc == SQLITE_DONE)
    _pd_database_set_not_found_error (error, kind, id);
  else
    _pd_database_set_read_error (self, error, rc);
  return NULL;
}

GPtrArray *
_pd_database_list_rows_on (PdDatabase       *self,
                           sqlite3          *db,
                           const PdListing  *listing,
                           gint64            from,
                           gint64            to,
                           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean all = lists_all (listing, from, to);
  GPtrArray *records;
  int rc;

  rc = sqlite3_prepare_v2 (db, all ? listing->all_sql : listing->sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _pd_set_db_error (error, db, rc, _("Could not read “%s”"), self->display_name);
      return NULL;
    }
  if (!all)
    {
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, to);
    }
  records = collect_rows (stmt, listing, all, &rc);
  if (records == NULL)
    _pd_set_db_error (error, db, rc, _("Could not read “%s”"), self->display_name);
  return records;
}

sqlite3 *
_pd_database_open_reader (PdDatabase *self)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
  const char *file;
  sqlite3 *reader = NULL;

  /* Not for a read-only diary of an older schema: that is an in-memory copy (no file
   * name), migrated there. A current one is a plain read-only file connection, as this. */
  if (!(file = sqlite3_db_filename (self->db, "main")) || *file == '\0')
    return NULL;
  /* A diary opened "immutable" (nothing beside it to recover) is read so again: a plain
   * read-only connection would create -wal and -shm files beside it. */
  if (sqlite3_uri_boolean (file, "immutable", 0))
    {
      g_autofree char *file_uri = g_filename_to_uri (file, NULL, NULL);

      uri = g_strconcat (file_uri, "?immutable=1", NULL);
      file = uri;
      flags |= SQLITE_OPEN_URI;
    }
  if (sqlite3_open_v2 (file, &reader, flags, NULL) != SQLITE_OK)
    {
      sqlite3_close (reader);
      return NULL;
    }
  sqlite3_busy_timeout (reader, 5000);
  _pd_read_through_small_cache (reader);
  return reader;
}

gboolean
_pd_database_save_batches (PdDatabase          *self,
                           const PdRecordBatch *batches,
                           guint                n_batches,
                           GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) stamps = NULL;
  gint64 now = _pd_database_now ();

  if (!_pd_database_check_writable (self, error))
    return FALSE;
  for (guint b = 0; b < n_batches; b++)
    {
      const PdRecordBatch *batch = &batches[b];

      for (guint i = 0; i < batch->n_records; i++)
        {
          g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (batch->records[i],
                                                            batch->storage->get_type ()),
                                FALSE);
          if (!batch->storage->validate (batch->records[i], error))
            return FALSE;
        }
    }

  locker = g_rec_mutex_locker_new (&self->mutex);
  if (!_pd_database_begin_write (self, error))
    return FALSE;

  stamps = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint b = 0; b < n_batches; b++)
    {
      const PdRecordBatch *batch = &batches[b];

      for (guint i = 0; i < batch->n_records; i++)
        {
          gint64 created, updated;

          if (!write_record (self, batch->storage, batch->records[i], now, &created, &updated,
                             error))
            {
              _pd_database_rollback_write (self);
              return FALSE;
            }
          g_array_append_val (stamps, created);
          g_array_append_val (stamps, updated);
        }
    }
  if (!_pd_database_commit_write (self, error))
    return FALSE;

  /* Only now that they are stored do the records carry the stamps. */
  for (guint b = 0, k = 0; b < n_batches; b++)
    {
      const PdRecordBatch *batch = &batches[b];

      for (guint i = 0; i < batch->n_records; i++, k += 2)
        batch->storage->set_stamps (batch->records[i], g_array_index (stamps, gint64, k),
                                    g_array_index (stamps, gint64, k + 1));
    }
  return TRUE;
}

static gboolean
mark_record (PdDatabase    *self,
             PdRecordKind   kind,
             const char    *id,
             gboolean       deleted,
             GError       **error)
{
  const PdRecordStorage *storage = storage_for_kind (kind);
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *normal_id = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (storage != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);
  normal_id = g_ascii_strdown (id, -1);
  if (!_pd_database_check_writable (self, error))
    return FALSE;
  stmt = _pd_database_lookup_stmt (self, deleted ? storage->delete_sql : storage->restore_sql,
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, normal_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, _pd_database_now ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _pd_set_db_error (error, self->db, rc, _("Could not change the record in “%s”"),
                        self->display_name);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      _pd_database_set_not_found_error (error, kind, id);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_database_delete_record (PdDatabase    *self,
                           PdRecordKind   kind,
                           const char    *id,
                           GError       **error)
{
  return mark_record (self, kind, id, TRUE, error);
}

gboolean
pd_database_restore_record (PdDatabase    *self,
                            PdRecordKind   kind,
                            const char    *id,
                            GError       **error)
{
  return mark_record (self, kind, id, FALSE, error);
}

gboolean
_pd_database_save_one (PdDatabase            *self,
                       const PdRecordStorage *storage,
                       gpointer               record,
                       GError               **error)
{
  PdRecordBatch batch = { storage, &record, 1 };

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (record, storage->get_type ()), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _pd_database_save_batches (self, &batch, 1, error);
}

GPtrArray *
_pd_database_list_range (PdDatabase       *self,
                         const PdListing  *listing,
                         gint64            from,
                         gint64            to,
                         GError          **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _pd_database_list_rows (self, listing, TRUE, from, to, error);
}
