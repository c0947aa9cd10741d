/* pd-database-private.h: for the other modules of src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-tags.h"

G_BEGIN_DECLS

/* Groups several writes into one all-or-nothing transaction. Between begin and
 * commit/rollback the calling thread holds the connection: other threads wait. Writes
 * inside (save_pain_entries, set_meta, ...) join the transaction; nesting is allowed. */
gboolean pd_database_begin    (PdDatabase  *self,
                               GError     **error);
/* Rolls back when the commit fails. */
gboolean pd_database_commit   (PdDatabase  *self,
                               GError     **error);
void     pd_database_rollback (PdDatabase  *self);

/* The rest is shared by the pd-database*.c files (the connection, opening, schema,
 * backups, transactions and the records), and nothing else. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define BUSY_TIMEOUT_MS 5000

struct _PdDatabase
{
  GObject parent_instance;

  /* Guards db and statements: the async calls run in a worker thread, and a
   * transaction is a sequence of statements that must not interleave. */
  GRecMutex mutex;
  sqlite3 *db;
  /* Prepared statements by the address of their (static) SQL text. */
  GHashTable *statements;
  /* Open write transactions: the outermost is BEGIN IMMEDIATE, inner ones are savepoints. */
  guint transaction_depth;

  char *path;
  char *display_name;
  gboolean read_only;
  /* pd_database_close: db is then an empty in-memory connection that may do nothing. */
  gboolean closed;
  /* db is a connection to a file, counted by pd_database_count_open_files. */
  gboolean counted;
  /* The file, found sound when it was opened, that db holds (_pd_database_hold_checked_file). */
  char *checked_file;

  /* PD_DATABASE_CHECK_LATER: the quick check running on the inspection connection. */
  GThread *check_thread;
  sqlite3 *check_db;
  int check_rc;
  char *check_result;
};

/* A statement from the connection's cache: "freeing" it only resets it for the next use. */
typedef sqlite3_stmt PdCachedStmt;

void          _pd_cached_stmt_release          (PdCachedStmt  *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCachedStmt, _pd_cached_stmt_release)

/* Call these with the mutex held. sql must have static storage: the cache keys on its
 * address. */
PdCachedStmt *_pd_database_lookup_stmt         (PdDatabase    *self,
                                                const char    *sql,
                                                GError       **error);
gboolean      _pd_database_begin_write         (PdDatabase    *self,
                                                GError       **error);
/* Commits, or rolls back when the commit fails, so no transaction stays open. */
gboolean      _pd_database_commit_write        (PdDatabase    *self,
                                                GError       **error);
void          _pd_database_rollback_write      (PdDatabase    *self);
/* Sets "<context>: <SQLite's message>"; call it before any other statement on the
 * connection, which would replace the message. */
void          _pd_database_set_error           (PdDatabase    *self,
                                                GError       **error,
                                                int            rc,
                                                const char    *format,
                                                ...) G_GNUC_PRINTF (4, 5);
/* db now holds a file: counted until it closes (pd_database_count_open_files). */
void          _pd_database_count_file          (PdDatabase    *self);
void          _pd_database_uncount_file        (PdDatabase    *self);
/* Diary files this process holds open after finding them sound (a quick check): another
 * opening of the same file (the same device and inode: not a copy, not a file renamed over
 * it) needs no check of its own. The reminders open the window's diary again as it shows,
 * and the check of the 10-year diary costs 30 ms. Damage that comes later shows as
 * SQLITE_CORRUPT on reading, on the connection already open as on the new one. */
gboolean      _pd_file_is_checked              (const GStatBuf *st);
/* self holds the file of st, found sound, until its connection closes. */
void          _pd_database_hold_checked_file   (PdDatabase     *self,
                                                const GStatBuf *st);
/* pd_database_open begins (TRUE) or ends (FALSE): counted as one more open file meanwhile. */
void          _pd_database_count_opening       (gboolean       begin);
/* FALSE with PD_ERROR_FAILED once pd_database_close closed the diary. */
gboolean      _pd_database_check_open          (PdDatabase    *self,
                                                GError       **error);
void          _pd_database_set_read_error      (PdDatabase    *self,
                                                GError       **error,
                                                int            rc);
/* The same for a failure on db, another connection to the diary (_pd_database_open_reader). */
void          _pd_database_set_read_error_on   (PdDatabase    *self,
                                                sqlite3       *db,
                                                GError       **error,
                                                int            rc);

/* Steps sql (a statement without parameters) to its end; a failure reads "Could not read" when
 * reading, else "Could not write to". */
gboolean      _pd_database_run_stmt            (PdDatabase    *self,
                                                const char    *sql,
                                                gboolean       reading,
                                                GError       **error);
/* PD_ERROR_READ_ONLY for a read-only diary. */
gboolean      _pd_database_check_writable      (PdDatabase    *self,
                                                GError       **error);
/* PD_ERROR_NOT_FOUND: "No dose with id ..." */
void          _pd_database_set_not_found_error (GError       **error,
                                                PdRecordKind   kind,
                                                const char    *id);
/* Unix seconds, for the created, updated and deleted stamps. */
gint64        _pd_database_now                 (void);

/* Column helpers: PD_UNSET and NULL stand for SQL NULL. */
void          _pd_bind_optional_int            (sqlite3_stmt  *stmt,
                                                int            index,
                                                int            value);
int           _pd_column_optional_int          (sqlite3_stmt  *stmt,
                                                int            column);
void          _pd_bind_optional_text           (sqlite3_stmt  *stmt,
                                                int            index,
                                                const char    *value);
const char   *_pd_column_text                  (sqlite3_stmt  *stmt,
                                                int            column);
/* Dates (start, stop, added, retired) are stored as local YYYY-MM-DD and handled as Julian
 * day numbers: _pd_format_day writes day into buffer (FALSE for no valid day, stored as
 * NULL); _pd_column_day reads one back (0 for NULL or anything else). */
gboolean      _pd_format_day                   (guint32        day,
                                                char           buffer[static 11]);
guint32       _pd_column_day                   (sqlite3_stmt  *stmt,
                                                int            column);

/* Steps an upsert (INSERT ... ON CONFLICT (id) DO UPDATE, stamping updated with now and
 * keeping created) of the record with that id, and tells its stamps. created_sql reads the
 * stored created of an id (?1); it is only run when an existing row was updated. */
int           _pd_step_upsert                  (PdDatabase    *self,
                                                sqlite3_stmt  *stmt,
                                                const char    *created_sql,
                                                const char    *id,
                                                gint64         now,
                                                gint64        *created,
                                                gint64        *updated);

/* How the fields of one kind of record map to the columns of its table: a listing reads its
 * columns in this order, and the save statement takes them as parameters in the same order,
 * except that created and updated are one parameter (now). */
typedef enum
{
  PD_FIELD_TEXT,          /* const char *; NULL stored as fallback (NULL unless given) */
  PD_FIELD_REFERENCE,     /* const char *; NULL or "" stored as NULL */
  PD_FIELD_INT,
  PD_FIELD_OPTIONAL_INT,  /* PD_UNSET stored as NULL */
  PD_FIELD_BOOLEAN,
  PD_FIELD_DOUBLE,
  PD_FIELD_DAY,           /* a Julian day, stored as local YYYY-MM-DD, 0 as NULL */
  PD_FIELD_TIME,          /* two columns, at and utc_offset: set_time, get_time, get_utc_offset */
  PD_FIELD_STAMPS,        /* two columns, created and updated: set_stamps */
  PD_FIELD_TAGS,          /* a guint64 mask of tag_kind, with the own values where set_more */
  PD_FIELD_CUSTOM,        /* set is a PdFieldReadFunc, get a PdFieldBindFunc */
} PdFieldType;

typedef void (*PdFieldReadFunc) (sqlite3_stmt *stmt,
                                 int           column,
                                 gpointer      record);
typedef void (*PdFieldBindFunc) (sqlite3_stmt *stmt,
                                 int           index,
                                 gpointer      record);

typedef struct
{
  PdFieldType type;
  GCallback set;
  GCallback get;
  /* PD_FIELD_TIME: get_utc_offset; PD_FIELD_TAGS: the own values' setter and getter. */
  GCallback set_more;
  GCallback get_more;
  PdTagKind tag_kind;
  const char *fallback;
} PdField;

typedef struct
{
  gpointer (*new_record) (void);
  const PdField *fields;
  guint n_fields;
} PdRecordLayout;

/* Entries of a layout's fields, by the accessors of prefix: prefix_set_name and _get_name. */
#define PD_FIELD(field_type, prefix, name)                                              \
  { .type = field_type, .set = G_CALLBACK (prefix##_set_##name),                        \
    .get = G_CALLBACK (prefix##_get_##name) }
#define PD_TIME_FIELD(prefix)                                                           \
  { .type = PD_FIELD_TIME, .set = G_CALLBACK (prefix##_set_time),                       \
    .get = G_CALLBACK (prefix##_get_time), .get_more = G_CALLBACK (prefix##_get_utc_offset) }
#define PD_STAMPS_FIELD(prefix)                                                         \
  { .type = PD_FIELD_STAMPS, .set = G_CALLBACK (prefix##_set_stamps) }
/* Tags with the patient's own values beside them (prefix_set_custom_name). */
#define PD_OWN_TAGS_FIELD(prefix, name, kind)                                           \
  { .type = PD_FIELD_TAGS, .set = G_CALLBACK (prefix##_set_##name),                     \
    .get = G_CALLBACK (prefix##_get_##name),                                            \
    .set_more = G_CALLBACK (prefix##_set_custom_##name),                                \
    .get_more = G_CALLBACK (prefix##_get_custom_##name), .tag_kind = kind }
#define PD_CUSTOM_FIELD(read, bind)                                                     \
  { .type = PD_FIELD_CUSTOM, .set = G_CALLBACK (read), .get = G_CALLBACK (bind) }

/* Defines name_layout, the layout of the records of prefix's type (prefix_new) with the
 * fields that follow. */
#define PD_DEFINE_LAYOUT(name, prefix, ...)                                             \
  static const PdField name##_fields[] = { __VA_ARGS__ };                               \
  static const PdRecordLayout name##_layout = {                                         \
    (gpointer (*) (void)) prefix##_new, name##_fields, G_N_ELEMENTS (name##_fields)     \
  }

/* A new record from the current row of a statement that selects the layout's columns. */
gpointer      _pd_record_from_row              (const PdRecordLayout *layout,
                                                sqlite3_stmt         *stmt);
/* Binds the fields of record to the parameters of a save statement, now standing for created
 * and updated. Texts are bound without a copy: record must outlive the step. */
void          _pd_record_bind                  (const PdRecordLayout *layout,
                                                sqlite3_stmt         *stmt,
                                                gpointer              record,
                                                gint64                now);

/* What orders records newest first: time, then created (both descending), then id. */
typedef struct
{
  gint64 time;
  gint64 created;
  const char *id;
  gpointer record;
} PdRowKey;

typedef void (*PdRowKeyFunc) (gpointer  record,
                              PdRowKey *key);

/* Defines name_key, the PdRowKeyFunc of a record type with prefix_get_time, _get_created and
 * _get_id. */
#define PD_DEFINE_ROW_KEY(name, prefix)                                                 \
  static void                                                                           \
  name##_key (gpointer  record,                                                         \
              PdRowKey *key)                                                            \
  {                                                                                     \
    key->time = prefix##_get_time (record);                                             \
    key->created = prefix##_get_created (record);                                       \
    key->id = prefix##_get_id (record);                                                 \
  }

/* How one kind of record is listed. sql returns them newest first, bound to from (?1) and
 * to (?2) when ranged; all_sql, if set, returns every live one in any order (a plain table
 * scan, much cheaper than walking the time index), and key puts them in order after. */
typedef struct
{
  const char *sql;
  const char *all_sql;
  const PdRecordLayout *layout;
  PdRowKeyFunc key;
} PdListing;

/* Defines name_key and listing (a declarator: "static const PdListing event_listing"), the
 * listing of the records of prefix's type in table (columns as name_layout reads them),
 * newest first by their "at". */
#define PD_DEFINE_LISTING(listing, name, prefix, table, columns)                        \
  PD_DEFINE_ROW_KEY (name, prefix)                                                      \
                                                                                        \
  listing = {                                                                           \
    "SELECT " columns " FROM " table " WHERE at >= ?1 AND at < ?2 AND deleted IS NULL"  \
    " ORDER BY at DESC, created DESC, id",                                              \
    "SELECT " columns " FROM " table " WHERE deleted IS NULL",                          \
    &name##_layout, name##_key                                                          \
  }

/* The records a listing returns. Takes the mutex itself. */
GPtrArray    *_pd_database_list_rows           (PdDatabase      *self,
                                                const PdListing *listing,
                                                gboolean         ranged,
                                                gint64           from,
                                                gint64           to,
                                                GError         **error);
/* The one live record of that kind with that id (bound to ?1), or NULL with
 * PD_ERROR_NOT_FOUND. */
gpointer      _pd_database_get_row             (PdDatabase           *self,
                                                const char           *sql,
                                                PdRecordKind          kind,
                                                const char           *id,
                                                const PdRecordLayout *layout,
                                                GError              **error);
/* The same listing on another connection (a fresh statement; ranged). */
GPtrArray    *_pd_database_list_rows_on        (PdDatabase      *self,
                                                sqlite3         *db,
                                                const PdListing *listing,
                                                gint64           from,
                                                gint64           to,
                                                GError         **error);
/* Reading in a thread (pd-database-tasks.c). */

/* Reads what a task of _pd_database_run_range_task returns: a new reference, or NULL with
 * error. */
typedef gpointer (*PdRangeReadFunc) (PdDatabase    *self,
                                     gint64         from,
                                     gint64         to,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Checks the arguments of a public *_async call, then runs read on from and to in a thread,
 * with a GTask of self tagged source_tag that returns the result (freed with
 * free_result when not taken). */
void          _pd_database_run_range_task      (PdDatabase *self, gint64 from, gint64 to,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data,
                                                gpointer source_tag, PdRangeReadFunc read,
                                                GDestroyNotify free_result);
/* The pointer that such a task returned. */
gpointer      _pd_database_finish_task         (PdDatabase          *self,
                                                GAsyncResult        *result,
                                                gpointer             source_tag,
                                                GError             **error);

/* A second, read-only connection to the diary's file, for reading in parallel, through a
 * small page cache (_pd_read_through_small_cache); NULL where there is no such file. Close
 * with sqlite3_close(). */
sqlite3      *_pd_database_open_reader         (PdDatabase    *self);

/* Tests only: diary files are created and written through the SQLite VFS of that name (a
 * fault-injecting one); NULL restores the default. */
void          _pd_database_set_vfs             (const char    *vfs_name);
/* How pain entries are listed, for reading them on such a connection. */
extern const PdListing _pd_pain_entry_listing;
/* And doses. */
extern const PdListing _pd_dose_listing;


/* How each kind of record is stored. */
typedef struct
{
  GType        (*get_type)    (void);
  gboolean     (*validate)    (gpointer       record,
                               GError       **error);
  void         (*set_stamps)  (gpointer       record,
                               gint64         created,
                               gint64         updated);
  const char  *(*get_id)      (gpointer       record);
  /* save_sql inserts the record or updates the one with its id (un-deleting it), its
   * parameters the fields of layout. created_sql reads the stored created of an id (?1). */
  const char   *save_sql;
  const char   *created_sql;
  const PdRecordLayout *layout;
  /* Sets error when the save of record failed with rc: which record, in which diary. */
  void         (*save_failed) (PdDatabase    *self,
                               gpointer       record,
                               int            rc,
                               GError       **error);
  /* ?1: the id, ?2: now. Change one row, or none for an unknown id. */
  const char   *delete_sql;
  const char   *restore_sql;
} PdRecordStorage;

/* Defines storage (a declarator: "static const PdRecordStorage rating_storage"), the storage
 * of the record type of prefix (prefix_get_type, _validate, _set_stamps, _get_id) in table,
 * saved by save_name_sql, its parameters the fields of name_layout. */
#define PD_DEFINE_RECORD_STORAGE(storage, name, prefix, table, save_failed)             \
  static gboolean                                                                       \
  validate_##name (gpointer   record,                                                   \
                   GError   **error)                                                    \
  {                                                                                     \
    return prefix##_validate (record, error);                                           \
  }                                                                                     \
                                                                                        \
  static void                                                                           \
  set_##name##_stamps (gpointer record,                                                 \
                       gint64   created,                                                \
                       gint64   updated)                                                \
  {                                                                                     \
    prefix##_set_stamps (record, created, updated);                                     \
  }                                                                                     \
                                                                                        \
  static const char *                                                                   \
  name##_id (gpointer record)                                                           \
  {                                                                                     \
    return prefix##_get_id (record);                                                    \
  }                                                                                     \
                                                                                        \
  storage = {                                                                           \
    prefix##_get_type, validate_##name, set_##name##_stamps, name##_id,                 \
    save_##name##_sql, "SELECT created FROM " table " WHERE id = ?1",                   \
    &name##_layout, save_failed,                                                        \
    "UPDATE " table " SET deleted = ?2, updated = ?2 WHERE id = ?1 AND deleted IS NULL", \
    "UPDATE " table                                                                     \
    " SET updated = CASE WHEN deleted IS NULL THEN updated ELSE ?2 END, deleted = NULL" \
    " WHERE id = ?1"                                                                    \
  }

extern const PdRecordStorage _pd_pain_entry_storage;
extern const PdRecordStorage _pd_medication_storage;
extern const PdRecordStorage _pd_dose_storage;
extern const PdRecordStorage _pd_activity_storage;
extern const PdRecordStorage _pd_event_storage;

typedef struct
{
  const PdRecordStorage *storage;
  gpointer *records;
  guint n_records;
} PdRecordBatch;

/* Validates every record, then writes them all in one transaction, or nothing; the records
 * carry their stored stamps only after the commit. Takes the mutex itself. */
gboolean      _pd_database_save_batches        (PdDatabase          *self,
                                                const PdRecordBatch *batches,
                                                guint                n_batches,
                                                GError             **error);

/* The public pd_database_save_<kind> of one record, and pd_database_list_<kind> of the
 * records from..to: they check their arguments like the public calls. */
gboolean      _pd_database_save_one            (PdDatabase            *self,
                                                const PdRecordStorage *storage,
                                                gpointer               record,
                                                GError               **error);
GPtrArray    *_pd_database_list_range          (PdDatabase      *self,
                                                const PdListing *listing,
                                                gint64           from,
                                                gint64           to,
                                                GError         **error);

/* The SQLite VFS that diary files are written through; NULL for the default. */
extern const char *_pd_write_vfs;

/* Errors without a PdDatabase (pd-database.c). Sets "<context>: <SQLite's message>"; call it
 * before any other statement on db, which would replace the message. */
void          _pd_set_db_error                 (GError       **error,
                                                sqlite3       *db,
                                                int            rc,
                                                const char    *format,
                                                ...) G_GNUC_PRINTF (4, 5);
/* Sets "<context>: <the system's message for saved_errno>". */
void          _pd_set_io_error                 (GError       **error,
                                                int            saved_errno,
                                                const char    *format,
                                                ...) G_GNUC_PRINTF (3, 4);

/* The diary file on disk (pd-database-files.c). */
int           _pd_query_int                    (sqlite3       *db,
                                                const char    *sql,
                                                gint64        *value);
int           _pd_quick_check                  (sqlite3       *db,
                                                char         **result);
gboolean      _pd_create_private_file          (const char    *path,
                                                GError       **error);
gboolean      _pd_make_private_dir             (const char    *path,
                                                GError       **error);
gboolean      _pd_sibling_exists               (const char    *path,
                                                const char    *suffix);
gboolean      _pd_can_write                    (const char    *path,
                                                mode_t         mode);
gboolean      _pd_sync_path                    (const char    *path,
                                                gboolean       is_dir,
                                                const char    *display,
                                                GError       **error);
gboolean      _pd_check_can_write              (const char    *path,
                                                GStatBuf      *st,
                                                const char    *display,
                                                GError       **error);
gboolean      _pd_create_diary_file            (const char    *path,
                                                const char    *display,
                                                gboolean       replace,
                                                GError       **error);
void          _pd_recover_in_place             (const char    *path);

/* Inspecting a file (pd-database-inspect.c). */
void          _pd_read_through_small_cache     (sqlite3       *db);
/* Checks, reading only, that path is a sound diary this program can open. Returns its
 * schema version, or 0 for an empty SQLite file that can become a diary; -1 on error.
 * Messages name the file as display (path may be a private copy of it). With deferred, the
 * quick check is left to the caller, on the connection returned there (still in the read
 * transaction of the inspection). */
int           _pd_inspect_file                 (const char    *path,
                                                const char    *display,
                                                sqlite3      **deferred,
                                                GError       **error);
/* Opens an existing file for reading only. When no -wal or -journal lies beside it there is
 * nothing to recover, and "immutable" keeps SQLite from creating -wal and -shm files beside
 * a file that may turn out to belong to someone else. */
int           _pd_open_for_inspection          (const char    *path,
                                                sqlite3      **db);
/* The verdict of a quick check that returned rc and check. */
gboolean      _pd_check_verdict                (sqlite3       *db,
                                                int            rc,
                                                char          *check,
                                                const char    *path,
                                                const char    *display,
                                                GError       **error);

/* The schema (pd-database-schema.c): the SQL that creates a fresh diary at the latest
 * version. */
extern const char _pd_schema_latest[];
gboolean      _pd_configure_connection         (sqlite3       *db,
                                                gboolean       read_only,
                                                GError       **error);
gboolean      _pd_prepare_schema               (sqlite3       *db,
                                                const char    *display_name,
                                                GError       **error);

/* Backups (pd-database-backup.c). */
gboolean      _pd_database_backup_before_migration (PdDatabase  *self,
                                                    GError     **error);

G_END_DECLS
