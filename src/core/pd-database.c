/* pd-database.c: the connection, opening and checking a diary file, its schema and
 * migrations, backups, transactions and meta; the records are stored by
 * pd-database-pain.c and pd-database-treatment.c
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

#define APPLICATION_ID_SQL "1348748409"
G_STATIC_ASSERT (1348748409 == PD_DATABASE_APPLICATION_ID);

#define BUSY_TIMEOUT_MS 5000
#define SQLITE_HEADER_SIZE 100

/* The schema, version by version.
 *
 * A fresh diary is created directly at the latest version (SCHEMA_LATEST); an existing one is
 * brought forward by the steps in `migrations`, all in one transaction. When the schema
 * changes: append a step N -> N+1, bump PD_DATABASE_SCHEMA_VERSION, and update SCHEMA_LATEST
 * so that it creates exactly what the steps produce (test-database compares the two). */

#define PAIN_ENTRIES_V2                                                                 \
  "CREATE TABLE pain_entries ("                                                         \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  at INTEGER NOT NULL,"                                                              \
  "  utc_offset INTEGER NOT NULL,"                                                      \
  "  local_date TEXT NOT NULL,"                                                         \
  "  pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),"                              \
  "  enjoyment_interference INTEGER CHECK (enjoyment_interference BETWEEN 0 AND 10),"   \
  "  activity_interference INTEGER CHECK (activity_interference BETWEEN 0 AND 10),"     \
  "  locations TEXT NOT NULL DEFAULT '',"                                               \
  "  qualities TEXT NOT NULL DEFAULT '',"                                               \
  "  sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),"                            \
  "  sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),"                     \
  "  mood INTEGER CHECK (mood BETWEEN 0 AND 10),"                                       \
  "  red_flags TEXT NOT NULL DEFAULT '',"                                               \
  "  note TEXT NOT NULL DEFAULT '',"                                                    \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"

#define META_V2 "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
/* The listing order (at DESC, created DESC, id) read backwards, so that lists need no sort. */
#define PAIN_ENTRIES_AT_INDEX_V2 \
  "CREATE INDEX pain_entries_at ON pain_entries (at, created, id DESC);"

/* Version 3: the regimen, the dose log, activities and treatment events. Dates are local
 * YYYY-MM-DD, times of day HH:MM. Deletes are soft, so a dose's medication_id always
 * finds its row, also when the medication was deleted. */
#define ISO_DATE_GLOB "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
#define TIME_OF_DAY_GLOB "'[0-2][0-9]:[0-5][0-9]'"

#define MEDICATIONS_V3                                                                  \
  "CREATE TABLE medications ("                                                          \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  name TEXT NOT NULL CHECK (name <> ''),"                                            \
  "  catalogue_key TEXT,"                                                               \
  "  drug_class TEXT NOT NULL DEFAULT 'other',"                                         \
  "  form TEXT NOT NULL DEFAULT '',"                                                    \
  "  amount REAL NOT NULL CHECK (amount >= 0),"                                         \
  "  unit TEXT NOT NULL CHECK (unit <> ''),"                                            \
  "  schedule TEXT NOT NULL DEFAULT '',"                                                \
  "  start_date TEXT NOT NULL CHECK (start_date GLOB " ISO_DATE_GLOB "),"               \
  "  stop_date TEXT CHECK (stop_date GLOB " ISO_DATE_GLOB " AND stop_date >= start_date)," \
  "  mme_factor REAL NOT NULL DEFAULT 0 CHECK (mme_factor >= 0),"                       \
  "  max_daily REAL NOT NULL DEFAULT 0 CHECK (max_daily >= 0),"                         \
  "  reminders INTEGER NOT NULL DEFAULT 1 CHECK (reminders IN (0, 1)),"                 \
  "  notes TEXT NOT NULL DEFAULT '',"                                                   \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"

#define DOSES_V3                                                                        \
  "CREATE TABLE doses ("                                                                \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  medication_id TEXT REFERENCES medications (id),"                                   \
  "  name TEXT NOT NULL CHECK (name <> ''),"                                            \
  "  at INTEGER NOT NULL,"                                                              \
  "  utc_offset INTEGER NOT NULL,"                                                      \
  "  local_date TEXT NOT NULL,"                                                         \
  "  amount REAL NOT NULL CHECK (amount > 0),"                                          \
  "  unit TEXT NOT NULL CHECK (unit <> ''),"                                            \
  "  status TEXT NOT NULL CHECK (status IN ('taken', 'skipped')),"                      \
  "  scheduled_time TEXT CHECK (scheduled_time GLOB " TIME_OF_DAY_GLOB "),"             \
  "  side_effects TEXT NOT NULL DEFAULT '',"                                            \
  "  note TEXT NOT NULL DEFAULT '',"                                                    \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"

#define ACTIVITIES_V3                                                                   \
  "CREATE TABLE activities ("                                                           \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  name TEXT NOT NULL CHECK (name <> ''),"                                            \
  "  at INTEGER NOT NULL,"                                                              \
  "  utc_offset INTEGER NOT NULL,"                                                      \
  "  local_date TEXT NOT NULL,"                                                         \
  "  duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),"            \
  "  effort INTEGER CHECK (effort BETWEEN 0 AND 10),"                                   \
  "  note TEXT NOT NULL DEFAULT '',"                                                    \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"

#define EVENTS_V3                                                                       \
  "CREATE TABLE events ("                                                               \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  kind TEXT NOT NULL CHECK (kind <> ''),"                                            \
  "  title TEXT NOT NULL CHECK (title <> ''),"                                          \
  "  at INTEGER NOT NULL,"                                                              \
  "  utc_offset INTEGER NOT NULL,"                                                      \
  "  local_date TEXT NOT NULL,"                                                         \
  "  note TEXT NOT NULL DEFAULT '',"                                                    \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"

/* As pain_entries_at; doses_medication serves the foreign key and a medication's days. */
#define TREATMENT_INDEXES_V3                                                            \
  "CREATE INDEX doses_at ON doses (at, created, id DESC);"                              \
  "CREATE INDEX doses_medication ON doses (medication_id, local_date);"                 \
  "CREATE INDEX activities_at ON activities (at, created, id DESC);"                    \
  "CREATE INDEX events_at ON events (at, created, id DESC);"

#define TREATMENT_V3 MEDICATIONS_V3 DOSES_V3 ACTIVITIES_V3 EVENTS_V3 TREATMENT_INDEXES_V3

/* Version 4: back and leg pain beside the overall score (spine outcomes), and the last day
 * of an event that lasts (a stimulator trial). */
#define SPINE_COLUMNS_V4                                                                \
  "ALTER TABLE pain_entries ADD COLUMN back_pain INTEGER"                               \
  "  CHECK (back_pain BETWEEN 0 AND 10);"                                               \
  "ALTER TABLE pain_entries ADD COLUMN leg_pain INTEGER"                                \
  "  CHECK (leg_pain BETWEEN 0 AND 10);"                                                \
  "ALTER TABLE events ADD COLUMN end_date TEXT CHECK (end_date GLOB " ISO_DATE_GLOB ");"

/* v5: ibuprofen and naproxen have a higher maximum when marked prescribed. */
#define MEDICATIONS_PRESCRIBED_V5                                                       \
  "ALTER TABLE medications ADD COLUMN prescribed INTEGER NOT NULL DEFAULT 0"            \
  "  CHECK (prescribed IN (0, 1));"

/* Version 6: the Patient-Specific Functional Scale (activities in the patient's words, rated
 * 0-10) and the Patient Global Impression of Change (1-7, about an event or overall). */
#define SPINE_TABLES_V6                                                                 \
  "CREATE TABLE function_activities ("                                                  \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  name TEXT NOT NULL CHECK (name <> ''),"                                            \
  "  added_date TEXT NOT NULL CHECK (added_date GLOB " ISO_DATE_GLOB "),"               \
  "  retired_date TEXT CHECK (retired_date GLOB " ISO_DATE_GLOB                         \
  "    AND retired_date >= added_date),"                                                \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"                                                                                  \
  "CREATE TABLE function_ratings ("                                                     \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  activity_id TEXT NOT NULL REFERENCES function_activities (id),"                    \
  "  at INTEGER NOT NULL,"                                                              \
  "  utc_offset INTEGER NOT NULL,"                                                      \
  "  local_date TEXT NOT NULL,"                                                         \
  "  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),"                            \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"                                                                                  \
  "CREATE TABLE impressions ("                                                          \
  "  id TEXT PRIMARY KEY NOT NULL,"                                                     \
  "  event_id TEXT REFERENCES events (id),"                                             \
  "  at INTEGER NOT NULL,"                                                              \
  "  utc_offset INTEGER NOT NULL,"                                                      \
  "  local_date TEXT NOT NULL,"                                                         \
  "  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 7),"                             \
  "  note TEXT NOT NULL DEFAULT '',"                                                    \
  "  created INTEGER NOT NULL,"                                                         \
  "  updated INTEGER NOT NULL,"                                                         \
  "  deleted INTEGER"                                                                   \
  ");"                                                                                  \
  "CREATE INDEX function_ratings_at ON function_ratings (at, created, id DESC);"         \
  "CREATE INDEX impressions_at ON impressions (at, created, id DESC);"

static const char schema_latest[] =
  META_V2
  PAIN_ENTRIES_V2
  PAIN_ENTRIES_AT_INDEX_V2
  TREATMENT_V3
  SPINE_COLUMNS_V4
  MEDICATIONS_PRESCRIBED_V5
  SPINE_TABLES_V6
  "PRAGMA application_id = " APPLICATION_ID_SQL ";"
  "PRAGMA user_version = 6;";
G_STATIC_ASSERT (PD_DATABASE_SCHEMA_VERSION == 6);

typedef struct
{
  int to_version;
  const char *sql;   /* ends by setting user_version to to_version */
} PdMigration;

static const PdMigration migrations[] = {
  {
    2,
    "ALTER TABLE pain_entries RENAME TO pain_entries_v1;"
    META_V2
    PAIN_ENTRIES_V2
    "INSERT INTO pain_entries (id, at, utc_offset, local_date, pain, note, created, updated)"
    "  SELECT lower(id), at, utc_offset, date(at + utc_offset, 'unixepoch'), pain, note,"
    "         created, updated"
    "  FROM pain_entries_v1;"
    "DROP TABLE pain_entries_v1;"
    PAIN_ENTRIES_AT_INDEX_V2
    "PRAGMA user_version = 2;"
  },
  {
    3,
    TREATMENT_V3
    "PRAGMA user_version = 3;"
  },
  {
    4,
    SPINE_COLUMNS_V4
    "PRAGMA user_version = 4;"
  },
  {
    5,
    MEDICATIONS_PRESCRIBED_V5
    "PRAGMA user_version = 5;"
  },
  {
    6,
    SPINE_TABLES_V6
    "PRAGMA user_version = 6;"
  },
};

static const char begin_sql[] = "BEGIN IMMEDIATE";
static const char commit_sql[] = "COMMIT";
static const char rollback_sql[] = "ROLLBACK";
static const char savepoint_sql[] = "SAVEPOINT pd_nested";
static const char release_sql[] = "RELEASE pd_nested";
static const char rollback_to_sql[] = "ROLLBACK TO pd_nested";
static const char get_meta_sql[] = "SELECT value FROM meta WHERE key = ?1";
static const char set_meta_sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)";
static const char delete_meta_sql[] = "DELETE FROM meta WHERE key = ?1";

G_DEFINE_FINAL_TYPE (PdDatabase, pd_database, G_TYPE_OBJECT)

/* The SQLite VFS that diary files are written through; NULL for the default. */
static const char *write_vfs;

void
_pd_database_set_vfs (const char *vfs_name)
{
  write_vfs = vfs_name;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

void
_pd_cached_stmt_release (PdCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Errors */

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
      return PD_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
      return PD_ERROR_DAMAGED;
    case SQLITE_NOTADB:
      return PD_ERROR_NOT_A_DIARY;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return PD_ERROR_INVALID;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return PD_ERROR_IO;
    default:
      return PD_ERROR_FAILED;
    }
}

/* SQLite reports a full disk as SQLITE_FULL only for some writes; a sync, a truncation or
 * the WAL index that meets ENOSPC is a plain I/O error with the system's errno. */
static gboolean
is_disk_full (sqlite3 *db,
              int      rc)
{
  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  return (rc & 0xff) == SQLITE_IOERR && db != NULL && sqlite3_system_errno (db) == ENOSPC;
}

static const char *
disk_full_message (void)
{
  return _("the disk is full. Nothing was lost; free some space and try again");
}

static void set_db_error (GError     **error,
                          sqlite3     *db,
                          int          rc,
                          const char  *format,
                          ...) G_GNUC_PRINTF (4, 5);

/* Sets "<context>: <SQLite's message>"; call it before any other statement on db, which
 * would replace the message. */
static void
set_db_error (GError     **error,
              sqlite3     *db,
              int          rc,
              const char  *format,
              ...)
{
  g_autofree char *context = NULL;
  va_list args;

  va_start (args, format);
  context = g_strdup_vprintf (format, args);
  va_end (args);

  if (is_disk_full (db, rc))
    g_set_error (error, PD_ERROR, PD_ERROR_IO, "%s: %s", context, disk_full_message ());
  else
    g_set_error (error, PD_ERROR, error_code_for_sqlite (rc), "%s: %s", context,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static void set_io_error (GError     **error,
                          int          saved_errno,
                          const char  *format,
                          ...) G_GNUC_PRINTF (3, 4);

/* Sets "<context>: <the system's message for saved_errno>". */
static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *format,
              ...)
{
  g_autofree char *context = NULL;
  va_list args;

  va_start (args, format);
  context = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PD_ERROR, PD_ERROR_IO, "%s: %s", context,
               saved_errno == ENOSPC ? disk_full_message () : g_strerror (saved_errno));
}

void
_pd_database_set_error (PdDatabase  *self,
                        GError     **error,
                        int          rc,
                        const char  *format,
                        ...)
{
  g_autofree char *context = NULL;
  va_list args;

  va_start (args, format);
  context = g_strdup_vprintf (format, args);
  va_end (args);

  set_db_error (error, self->db, rc, "%s", context);
}

void
_pd_database_set_read_error (PdDatabase  *self,
                             GError     **error,
                             int          rc)
{
  set_db_error (error, self->db, rc, _("Could not read “%s”"), self->display_name);
}

void
_pd_database_set_read_error_on (PdDatabase  *self,
                                sqlite3     *db,
                                GError     **error,
                                int          rc)
{
  set_db_error (error, db, rc, _("Could not read “%s”"), self->display_name);
}

gboolean
_pd_database_check_writable (PdDatabase  *self,
                             GError     **error)
{
  if (!self->read_only)
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY, _("“%s” is open read-only"),
               self->display_name);
  return FALSE;
}

gint64
_pd_database_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Column helpers */

void
_pd_bind_optional_int (sqlite3_stmt *stmt,
                       int           index,
                       int           value)
{
  if (value == PD_UNSET)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value);
}

int
_pd_column_optional_int (sqlite3_stmt *stmt,
                         int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return PD_UNSET;
  return sqlite3_column_int (stmt, column);
}

void
_pd_bind_optional_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

const char *
_pd_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Small SQLite helpers */

static int
query_int (sqlite3    *db,
           const char *sql,
           gint64     *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  *value = sqlite3_column_int64 (stmt, 0);
  return SQLITE_OK;
}

/* The first line PRAGMA quick_check returns: "ok" for a sound file. */
static int
quick_check (sqlite3  *db,
             char    **result)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
  *result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return SQLITE_OK;
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      set_io_error (error, saved_errno, _("Could not create “%s”"), display);
      return FALSE;
    }
  return g_close (fd, error);
}

static gboolean
make_private_dir (const char  *path,
                  GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      set_io_error (error, saved_errno, _("Could not create the folder “%s”"), display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sibling_exists (const char *path,
                const char *suffix)
{
  g_autofree char *sibling = g_strconcat (path, suffix, NULL);

  return g_file_test (sibling, G_FILE_TEST_EXISTS);
}

/* Whether this user may write path. A file or folder without any write permission bit is
 * read-only by the owner's choice, also for root (whom access() lets write anything). */
static gboolean
can_write (const char *path,
           mode_t      mode)
{
  return (mode & 0222) != 0 && g_access (path, W_OK) == 0;
}

/* Refuses, before anything is written into or beside it, a diary that is a read-only file or
 * lies in a folder this user cannot write (where no -wal, -shm or backup can be made). */
static gboolean
check_can_write (const char  *path,
                 GStatBuf    *st,
                 const char  *display,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf dir_st;

  if (!can_write (path, st->st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY,
                   _("“%s” is a read-only file; it was left unchanged. It can still be read "
                     "(exported, reviewed), or made writable to record in it"), display);
      return FALSE;
    }
  if (g_stat (dir, &dir_st) != 0 || !can_write (dir, dir_st.st_mode))
    {
      g_autofree char *dir_display = g_filename_display_name (dir);

      g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY,
                   _("“%s” is in the folder “%s”, which cannot be written; the diary was left "
                     "unchanged. It can still be read (exported, reviewed)"), display,
                   dir_display);
      return FALSE;
    }
  return TRUE;
}

/* Syncs a file, or a folder after a rename in it; a file system that cannot sync a folder
 * (EINVAL) has nothing to sync. */
static gboolean
sync_path (const char  *path,
           gboolean     is_dir,
           const char  *display,
           GError     **error)
{
  int fd;
  int rc;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | (is_dir ? O_DIRECTORY : 0), 0);
  if (fd < 0)
    {
      set_io_error (error, errno, _("Could not write “%s”"), display);
      return FALSE;
    }
  do
    rc = fsync (fd);
  while (rc != 0 && errno == EINTR);
  if (rc != 0 && !(is_dir && (errno == EINVAL || errno == EROFS)))
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      set_io_error (error, saved_errno, _("Could not write “%s”"), display);
      return FALSE;
    }
  return g_close (fd, error);
}

static void
remove_with_sides (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      g_remove (side);
    }
}

/* A creation killed before its rename leaves ".<base>.new-XXXXXX" (and its -journal) behind:
 * never a diary, so removed once it is old enough not to be another process's creation
 * under way. */
#define STALE_TEMPORARY_AGE_S (10 * 60)

static void
remove_stale_temporaries (const char *dir_path,
                          const char *base)
{
  g_autofree char *prefix = g_strdup_printf (".%s.new-", base);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - (gint64) st.st_mtime > STALE_TEMPORARY_AGE_S)
        g_remove (path);
    }
}

/* Builds a new diary, complete, in a temporary file (0600) beside path, syncs it and renames
 * it into place, then syncs the folder: a kill at any moment leaves no diary or a complete
 * one. With replace FALSE a file that appeared at path meanwhile (another Pain Diary got
 * there first) is kept; with TRUE, path (empty, nothing to lose) is replaced. */
static gboolean
create_diary_file (const char  *path,
                   const char  *display,
                   gboolean     replace,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.new-XXXXXX", dir, base);
  g_autofree char *dir_display = g_filename_display_name (dir);
  sqlite3 *db = NULL;
  int fd;
  int rc;

  remove_stale_temporaries (dir, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, errno, _("Could not create “%s”"), display);
      return FALSE;
    }
  g_close (fd, NULL);

  /* Built in rollback-journal mode, then switched to WAL while it has its temporary name:
   * the diary file never changes its mode under its own name. */
  rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, write_vfs);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA synchronous = FULL; BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, schema_latest, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT; PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, db, rc, _("Could not create “%s”"), display);
      sqlite3_close (db);
      remove_with_sides (tmp);
      return FALSE;
    }
  rc = sqlite3_close (db);
  if (rc != SQLITE_OK || !sync_path (tmp, FALSE, display, error))
    {
      if (rc != SQLITE_OK)
        set_io_error (error, EIO, _("Could not create “%s”"), display);
      remove_with_sides (tmp);
      return FALSE;
    }

  if (replace)
    rc = g_rename (tmp, path);
  else
    {
      /* link() never replaces: of two processes creating the same diary, one wins. */
      rc = link (tmp, path);
      if (rc != 0 && errno != EEXIST)
        rc = g_rename (tmp, path);
    }
  if (rc != 0 && errno != EEXIST)
    {
      set_io_error (error, errno, _("Could not create “%s”"), display);
      g_remove (tmp);
      return FALSE;
    }
  g_remove (tmp);
  return sync_path (dir, TRUE, dir_display, error);
}

/* A file that an interrupted creation left (empty, or a first page with a hot journal) holds
 * nothing to lose; the caller checked that on a copy. Recovering it in place first (SQLite
 * rolls the journal back) leaves an empty file if a kill comes before the new diary replaces
 * it, never a half-written one. */
static void
recover_in_place (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, write_vfs) == SQLITE_OK)
    sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  sqlite3_close (db);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-journal", "-wal", "-shm" };
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_remove (side);
    }
}

/* Inspecting a file before anything writes to it */

/* Reads the header through SQLite's own file layer, not a descriptor of ours: closing any
 * descriptor of a file drops every POSIX lock this process holds on it, the locks of another
 * connection to the same diary included (the reminder service keeps one), after which
 * another process may take the WAL away from under it. SQLite's unix layer shares one set of
 * descriptors per file and closes them only when no lock is held. */
static gboolean
has_sqlite_header (const char  *path,
                   const char  *display,
                   GError     **error)
{
  static const char magic[] = "SQLite format 3";
  char header[SQLITE_HEADER_SIZE];
  sqlite3 *db = NULL;
  sqlite3_file *file = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    {
      int saved_errno = db != NULL ? sqlite3_system_errno (db) : 0;

      sqlite3_close_v2 (db);
      set_io_error (error, saved_errno != 0 ? saved_errno : ENOENT, _("Could not open “%s”"),
                    display);
      return FALSE;
    }
  /* A short file reads as SQLITE_IOERR_SHORT_READ: not a diary. */
  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  sqlite3_close_v2 (db);

  return rc == SQLITE_OK && memcmp (header, magic, sizeof magic) == 0;
}

/* Opens an existing file for reading only. When no -wal or -journal lies beside it there is
 * nothing to recover, and "immutable" keeps SQLite from creating -wal and -shm files beside
 * a file that may turn out to belong to someone else. */

/* Reading connections see the file's pages in place, not copied into a page cache of their
 * own: a load or a quick check of the whole diary costs a third less. */
static void
read_through_mmap (sqlite3 *db)
{
  sqlite3_exec (db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
}

static int
open_for_inspection (const char  *path,
                     sqlite3    **db)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_READONLY;
  const char *filename = path;
  int rc;

  if (!sibling_exists (path, "-wal") && !sibling_exists (path, "-journal"))
    {
      g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);

      if (file_uri != NULL)
        {
          uri = g_strconcat (file_uri, "?immutable=1", NULL);
          filename = uri;
          flags |= SQLITE_OPEN_URI;
        }
    }

  rc = sqlite3_open_v2 (filename, db, flags, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (*db, BUSY_TIMEOUT_MS);
      read_through_mmap (*db);
    }
  return rc;
}

static void
set_inspection_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *display)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                   _("“%s” is not a Pain Diary file"), display);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED, _("“%s” is damaged"), display);
      break;
    default:
      set_db_error (error, db, rc, _("Could not read “%s”"), display);
      break;
    }
}

/* The verdict of a quick check that returned rc and check. */
static gboolean
check_verdict (sqlite3     *db,
               int          rc,
               char        *check,
               const char  *path,
               const char  *display,
               GError     **error)
{
  if (rc != SQLITE_OK)
    {
      set_inspection_error (error, db, rc, display);
      return FALSE;
    }
  if (g_strcmp0 (check, "ok") != 0)
    {
      g_debug ("quick_check of %s: %.200s", path, g_strdelimit (check, "\n", ' '));
      g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED, _("“%s” is damaged"), display);
      return FALSE;
    }
  return TRUE;
}

/* The tables each schema version has; a diary without one of them is damaged, whatever
 * PRAGMA quick_check says. */
static const struct
{
  int since_version;
  const char *name;
} required_tables[] = {
  { 1, "pain_entries" },
  { 2, "meta" },
  { 3, "medications" },
  { 3, "doses" },
  { 3, "activities" },
  { 3, "events" },
  { 6, "function_activities" },
  { 6, "function_ratings" },
  { 6, "impressions" },
};

/* The first table that a diary of version lacks, in *missing (NULL for none). */
static int
find_missing_table (sqlite3     *db,
                    int          version,
                    const char **missing)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *missing = NULL;
  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (required_tables); i++)
    {
      if (required_tables[i].since_version > version)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, required_tables[i].name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;
      rc = SQLITE_OK;
      if (sqlite3_column_int (stmt, 0) == 0)
        {
          *missing = required_tables[i].name;
          break;
        }
    }
  return rc;
}

/* Checks, reading only, that path is a sound diary this program can open. Returns its
 * schema version, or 0 for an empty SQLite file that can become a diary; -1 on error.
 * Messages name the file as display (path may be a private copy of it). */
static int
inspect_file (const char  *path,
              const char  *display,
              sqlite3    **deferred,
              GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *check = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 application_id = 0;
  gint64 version = 0;
  gint64 n_objects = 0;
  int rc;

  if (!has_sqlite_header (path, display, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                     _("“%s” is not a Pain Diary file"), display);
      return -1;
    }

  rc = open_for_inspection (path, &db);
  /* One read transaction, so that all the answers describe the same state. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc != SQLITE_OK)
    {
      set_inspection_error (error, db, rc, display);
      return -1;
    }

  if (n_objects == 0 && version == 0 &&
      (application_id == 0 || application_id == PD_DATABASE_APPLICATION_ID))
    return 0;

  if (application_id != PD_DATABASE_APPLICATION_ID || version < 1)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                   _("“%s” is not a Pain Diary file"), display);
      return -1;
    }

  if (version > PD_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Pain Diary (schema %d); "
                     "update Pain Diary to open it"),
                   display, (int) version);
      return -1;
    }

  {
    const char *missing = NULL;

    rc = find_missing_table (db, (int) version, &missing);
    if (rc != SQLITE_OK)
      {
        set_inspection_error (error, db, rc, display);
        return -1;
      }
    if (missing != NULL)
      {
        g_debug ("%s (schema %d) has no table %s", path, (int) version, missing);
        g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED, _("“%s” is damaged"), display);
        return -1;
      }
  }

  /* Checked later, in the same read transaction: the caller's thread runs it. */
  if (deferred != NULL)
    {
      *deferred = g_steal_pointer (&db);
      return (int) version;
    }

  rc = quick_check (db, &check);
  if (!check_verdict (db, rc, check, path, display, error))
    return -1;
  return (int) version;
}

/* Backups */

static char *
diary_stem (const char *diary_path)
{
  g_autofree char *base = g_path_get_basename (diary_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

/* "<stem>-YYYY-MM-DD.db", exactly. */
static gboolean
is_daily_backup_name (const char *name,
                      const char *stem)
{
  static const char pattern[] = "0000-00-00.db";
  size_t stem_len = strlen (stem);
  const char *rest;

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-')
    return FALSE;

  rest = name + stem_len + 1;
  if (strlen (rest) != sizeof pattern - 1)
    return FALSE;
  for (size_t i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == '0' ? !g_ascii_isdigit (rest[i]) : rest[i] != pattern[i])
        return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The file names of diary_path's daily backups, oldest first. */
static GPtrArray *
list_daily_backups (const char *diary_path)
{
  g_autofree char *dir_path = pd_database_get_backup_dir (diary_path);
  g_autofree char *stem = diary_stem (diary_path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&names);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (is_daily_backup_name (name, stem))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

char *
pd_database_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pain-diary", "diary.db", NULL);
}

char *
pd_database_get_backup_dir (const char *diary_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (diary_path != NULL, NULL);

  dir = g_path_get_dirname (diary_path);
  return g_build_filename (dir, "backups", NULL);
}

char *
pd_database_find_newest_good_backup (const char *diary_path)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (diary_path != NULL, NULL);

  dir_path = pd_database_get_backup_dir (diary_path);
  names = list_daily_backups (diary_path);
  for (guint i = names->len; i > 0; i--)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i - 1), NULL);
      g_autofree char *display = g_filename_display_name (path);
      g_autoptr(GError) error = NULL;

      if (inspect_file (path, display, NULL, &error) > 0)
        return g_steal_pointer (&path);
      g_debug ("Skipping backup %s: %s", path, error ? error->message : "empty");
    }
  return NULL;
}

static gboolean
backup_connection_to (sqlite3     *source,
                      const char  *display_name,
                      const char  *dest_path,
                      GError     **error)
{
  g_autofree char *part_path = g_strconcat (dest_path, ".part", NULL);
  g_autofree char *part_journal = g_strconcat (part_path, "-journal", NULL);
  g_autofree char *dest_display = g_filename_display_name (dest_path);
  g_autoptr(sqlite3) dest = NULL;
  sqlite3_backup *backup;
  int rc;

  /* Left over from an interrupted backup; never renamed, so never a backup. */
  g_remove (part_journal);
  g_remove (part_path);
  if (!create_private_file (part_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (part_path, &dest, SQLITE_OPEN_READWRITE, write_vfs);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, BUSY_TIMEOUT_MS);
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          int finish_rc;

          rc = sqlite3_backup_step (backup, -1);
          finish_rc = sqlite3_backup_finish (backup);
          rc = (rc == SQLITE_DONE) ? finish_rc : rc;
        }
    }
  /* The copy carries the diary's WAL flag; a backup is better one self-contained file. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, dest, rc, _("Could not back up “%s” to “%s”"), display_name,
                    dest_display);
      g_clear_pointer (&dest, sqlite3_close_v2);
      g_remove (part_path);
      return FALSE;
    }

  rc = sqlite3_close (g_steal_pointer (&dest));
  if (rc != SQLITE_OK || g_rename (part_path, dest_path) != 0)
    {
      int saved_errno = errno;

      g_remove (part_path);
      set_io_error (error, rc != SQLITE_OK ? EIO : saved_errno,
                    _("Could not write the backup “%s”"), dest_display);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_database_backup_to (PdDatabase  *self,
                       const char  *dest_path,
                       GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);
  return backup_connection_to (self->db, self->display_name, dest_path, error);
}

gboolean
pd_database_rotate_backups (PdDatabase  *self,
                            GDateTime   *now,
                            guint        keep,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *date = NULL;
  g_autofree char *today_name = NULL;
  g_autofree char *today_path = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (keep > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);

  dir_path = pd_database_get_backup_dir (self->path);
  if (!make_private_dir (dir_path, error))
    return FALSE;

  stem = diary_stem (self->path);
  date = g_date_time_format (now, "%Y-%m-%d");
  today_name = g_strdup_printf ("%s-%s.db", stem, date);
  today_path = g_build_filename (dir_path, today_name, NULL);
  if (!g_file_test (today_path, G_FILE_TEST_EXISTS) &&
      !backup_connection_to (self->db, self->display_name, today_path, error))
    return FALSE;

  names = list_daily_backups (self->path);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);

      if (g_remove (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          set_io_error (error, saved_errno, _("Could not remove the old backup “%s”"), display);
          return FALSE;
        }
    }
  return TRUE;
}

char *
pd_database_backup_now (PdDatabase  *self,
                        const char  *reason,
                        GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir_path = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (reason != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->mutex);
  dir_path = pd_database_get_backup_dir (self->path);
  stem = diary_stem (self->path);
  name = g_strdup_printf ("%s-%s-%s.db", stem, reason, stamp);
  path = g_build_filename (dir_path, name, NULL);
  if (!make_private_dir (dir_path, error) ||
      !backup_connection_to (self->db, self->display_name, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* The columns of main's table, quoted and comma-separated. */
static char *
table_columns (sqlite3    *db,
               const char *table,
               int        *rc)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  char *sql = sqlite3_mprintf ("PRAGMA main.table_info(\"%w\")", table);
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  sqlite3_free (sql);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *quoted = sqlite3_mprintf ("\"%w\"", (const char *) sqlite3_column_text (stmt, 1));

      g_string_append_printf (columns, "%s%s", columns->len > 0 ? "," : "", quoted);
      sqlite3_free (quoted);
      *rc = SQLITE_OK;
    }
  if (*rc == SQLITE_DONE)
    *rc = SQLITE_OK;
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

/* Every table of main gets the rows of the same table in "restored", by column name (a
 * migrated diary may order its columns differently). */
static int
copy_tables (sqlite3 *db)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *columns = table_columns (db, table, &rc);
      char *sql;

      if (rc != SQLITE_OK)
        break;
      sql = sqlite3_mprintf ("DELETE FROM main.\"%w\"; INSERT INTO main.\"%w\" (%s) SELECT %s FROM restored.\"%w\"",
                             table, table, columns, columns, table);
      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      sqlite3_free (sql);
    }
  return rc;
}

gboolean
pd_database_replace_with (PdDatabase  *self,
                          const char  *source_path,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *source_display = NULL;
  sqlite3_stmt *attach = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);
  if (self->read_only || self->transaction_depth > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_READ_ONLY, _("“%s” cannot be replaced now"),
                   self->display_name);
      return FALSE;
    }
  source_display = g_filename_display_name (source_path);
  /* Rows, not pages, in one transaction: other connections (the reminders, another
   * program) see the old diary or the new one, never a mix. (The backup API writing into
   * a WAL diary that another process reads left this connection unable to read.) */
  rc = sqlite3_prepare_v2 (self->db, "ATTACH DATABASE ?1 AS restored", -1, &attach, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (attach, 1, source_path, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK && (rc = sqlite3_step (attach)) == SQLITE_DONE)
    rc = SQLITE_OK;
  sqlite3_finalize (attach);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc == SQLITE_OK && (rc = copy_tables (self->db)) == SQLITE_OK)
        rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          set_db_error (error, self->db, rc, _("Could not replace “%s” with “%s”"),
                        self->display_name, source_display);
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        }
      sqlite3_exec (self->db, "DETACH DATABASE restored", NULL, NULL, NULL);
      return rc == SQLITE_OK;
    }
  set_db_error (error, self->db, rc, _("Could not replace “%s” with “%s”"), self->display_name,
                source_display);
  return FALSE;
}

/* Statements and transactions */

PdCachedStmt *
_pd_database_lookup_stmt (PdDatabase  *self,
                          const char  *sql,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _pd_database_set_read_error (self, error, rc);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
run_stmt (PdDatabase  *self,
          const char  *sql,
          GError     **error)
{
  g_autoptr(PdCachedStmt) stmt = _pd_database_lookup_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, rc, _("Could not write to “%s”"), self->display_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pd_database_begin_write (PdDatabase  *self,
                          GError     **error)
{
  if (!_pd_database_check_writable (self, error) ||
      !run_stmt (self, self->transaction_depth == 0 ? begin_sql : savepoint_sql, error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

gboolean
_pd_database_commit_write (PdDatabase  *self,
                           GError     **error)
{
  g_assert (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth > 0)
    return run_stmt (self, release_sql, error);

  if (run_stmt (self, commit_sql, error))
    return TRUE;
  if (!sqlite3_get_autocommit (self->db))
    run_stmt (self, rollback_sql, NULL);
  return FALSE;
}

void
_pd_database_rollback_write (PdDatabase *self)
{
  g_assert (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth > 0)
    {
      run_stmt (self, rollback_to_sql, NULL);
      run_stmt (self, release_sql, NULL);
    }
  else if (!sqlite3_get_autocommit (self->db))
    run_stmt (self, rollback_sql, NULL);
}

gboolean
pd_database_begin (PdDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_rec_mutex_lock (&self->mutex);
  if (!_pd_database_begin_write (self, error))
    {
      g_rec_mutex_unlock (&self->mutex);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_database_commit (PdDatabase  *self,
                    GError     **error)
{
  gboolean ret;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ret = _pd_database_commit_write (self, error);
  g_rec_mutex_unlock (&self->mutex);
  return ret;
}

void
pd_database_rollback (PdDatabase *self)
{
  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  _pd_database_rollback_write (self);
  g_rec_mutex_unlock (&self->mutex);
}

/* Opening */

static gboolean
is_in_memory (sqlite3 *db)
{
  const char *file = sqlite3_db_filename (db, "main");

  return file == NULL || *file == '\0';
}

static gboolean
configure_connection (sqlite3     *db,
                      gboolean     read_only,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* Diaries come from other people too (clinician review): no schema-borne surprises. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  if (read_only)
    rc = sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  else
    rc = sqlite3_exec (db,
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA cache_size = -32768;",
                       NULL, NULL, NULL);
  /* An in-memory diary (clinician review of a CSV) has no file to keep a WAL beside. */
  if (rc == SQLITE_OK && !read_only && !is_in_memory (db))
    rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *mode = (const char *) sqlite3_column_text (stmt, 0);

          if (g_ascii_strcasecmp (mode, "wal") != 0)
            g_warning ("Could not switch %s to WAL, it stays in %s mode",
                       sqlite3_db_filename (db, "main"), mode);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    {
      set_db_error (error, db, rc, _("Could not open “%s”"), sqlite3_db_filename (db, "main"));
      return FALSE;
    }
  return TRUE;
}

/* Runs the steps from version to the latest on db, in the transaction the caller opened. */
static int
run_migrations (sqlite3 *db,
                int      version)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      int rc;

      if (migrations[i].to_version <= version)
        continue;
      g_assert (migrations[i].to_version == version + 1);

      rc = sqlite3_exec (db, migrations[i].sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return rc;
      version = migrations[i].to_version;
    }
  g_assert (version == PD_DATABASE_SCHEMA_VERSION);
  return SQLITE_OK;
}

/* Creates the schema in a fresh diary, or migrates an older one, in one transaction. */
static gboolean
prepare_schema (sqlite3     *db,
                const char  *display_name,
                GError     **error)
{
  gint64 version = 0;
  gint64 n_objects = 0;
  int rc;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  /* Read again inside the transaction: another process may have got here first. */
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc == SQLITE_OK && version > PD_DATABASE_SCHEMA_VERSION)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Pain Diary (schema %d); "
                     "update Pain Diary to open it"),
                   display_name, (int) version);
      return FALSE;
    }
  if (rc == SQLITE_OK && version == 0 && n_objects > 0)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is not a Pain Diary file"),
                   display_name);
      return FALSE;
    }
  if (rc == SQLITE_OK && version == 0)
    rc = sqlite3_exec (db, schema_latest, NULL, NULL, NULL);
  else if (rc == SQLITE_OK && version < PD_DATABASE_SCHEMA_VERSION)
    rc = run_migrations (db, (int) version);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (error, db, rc, _("Could not bring “%s” up to date"), display_name);
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
backup_before_migration (PdDatabase  *self,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir_path = pd_database_get_backup_dir (self->path);
  g_autofree char *stem = diary_stem (self->path);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  name = g_strdup_printf ("%s-before-v%d-%s.db", stem, PD_DATABASE_SCHEMA_VERSION, stamp);
  path = g_build_filename (dir_path, name, NULL);
  return make_private_dir (dir_path, error) &&
         backup_connection_to (self->db, self->display_name, path, error);
}

/* Copies the file at source into a new in-memory database, reading only. */
static sqlite3 *
copy_into_memory (const char  *source,
                  const char  *display_name,
                  GError     **error)
{
  g_autoptr(sqlite3) file_db = NULL;
  g_autoptr(sqlite3) memory_db = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = open_for_inspection (source, &file_db);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, file_db, rc, _("Could not open “%s”"), display_name);
      return NULL;
    }
  rc = sqlite3_open_v2 (":memory:", &memory_db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (memory_db, "main", file_db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (memory_db);
      else
        {
          int finish_rc;

          rc = sqlite3_backup_step (backup, -1);
          finish_rc = sqlite3_backup_finish (backup);
          rc = (rc == SQLITE_DONE) ? finish_rc : rc;
        }
    }
  if (rc != SQLITE_OK)
    {
      set_db_error (error, memory_db, rc, _("Could not read “%s”"), display_name);
      return NULL;
    }
  return g_steal_pointer (&memory_db);
}

/* A read-only diary with an older schema, and every snapshot, is copied into memory (and
 * migrated there), so it can be reviewed without changing the file. source is the file to
 * read: the diary itself or a private copy of it. */
static gboolean
open_read_only (PdDatabase  *self,
                const char  *source,
                int          version,
                gboolean     snapshot,
                GError     **error)
{
  g_autoptr(sqlite3) file_db = NULL;
  g_autoptr(sqlite3) memory_db = NULL;
  int rc;

  if (version == PD_DATABASE_SCHEMA_VERSION && !snapshot)
    {
      rc = open_for_inspection (source, &file_db);
      if (rc != SQLITE_OK)
        {
          set_db_error (error, file_db, rc, _("Could not open “%s”"), self->display_name);
          return FALSE;
        }
      if (!configure_connection (file_db, TRUE, error))
        return FALSE;
      self->db = g_steal_pointer (&file_db);
      return TRUE;
    }

  if (!(memory_db = copy_into_memory (source, self->display_name, error)) ||
      !prepare_schema (memory_db, self->display_name, error) ||
      !configure_connection (memory_db, TRUE, error))
    return FALSE;

  self->db = g_steal_pointer (&memory_db);
  return TRUE;
}

static gboolean
open_read_write (PdDatabase       *self,
                 int               version,
                 PdDatabaseFlags   flags,
                 GError          **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, write_vfs);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, self->db, rc, _("Could not open “%s”"), self->display_name);
      return FALSE;
    }
  if (!configure_connection (self->db, FALSE, error))
    return FALSE;

  if (version > 0 && version < PD_DATABASE_SCHEMA_VERSION &&
      !backup_before_migration (self, error))
    return FALSE;
  if (!prepare_schema (self->db, self->display_name, error))
    return FALSE;

  if (!(flags & PD_DATABASE_NO_BACKUPS))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GError) local_error = NULL;

      /* A diary that cannot be backed up is still better usable than not. */
      if (!pd_database_rotate_backups (self, now, PD_DATABASE_BACKUPS_KEPT, &local_error))
        g_warning ("%s", local_error->message);
    }
  return TRUE;
}

static void
explain_damage (GError     **error,
                const char  *path,
                const char  *display_name)
{
  g_autofree char *backup = pd_database_find_newest_good_backup (path);

  g_clear_error (error);
  if (backup != NULL)
    {
      g_autofree char *backup_display = g_filename_display_name (backup);

      g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED,
                   _("“%s” is damaged; it was left unchanged. A good backup exists: “%s”"),
                   display_name, backup_display);
    }
  else
    g_set_error (error, PD_ERROR, PD_ERROR_DAMAGED,
                 _("“%s” is damaged; it was left unchanged. No good backup was found"),
                 display_name);
}

/* Snapshots of a diary that has a -wal or -journal beside it */

static const char * const side_suffixes[] = { "-wal", "-shm", "-journal" };

static void
remove_private_copy (const char *dir,
                     const char *copy)
{
  g_remove (copy);
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (copy, side_suffixes[i], NULL);
      g_remove (side);
    }
  g_rmdir (dir);
}

/* A diary with a -wal or -journal beside it has its latest writes there (or is open in Pain
 * Diary right now). Reading it in place would create a -shm file beside it, or write into it
 * to recover; so the diary and those files are copied into a new folder of mode 0700, and
 * the copy is recovered there into one file. Returns the copy's path, and in *dir the
 * folder to remove afterwards. */
static char *
make_private_copy (const char  *path,
                   const char  *display_name,
                   char       **dir,
                   GError     **error)
{
  const char *suffixes[] = { "", "-wal", "-journal" };
  g_autofree char *tmp_dir = NULL;
  g_autofree char *copy = NULL;
  sqlite3 *db = NULL;

  if (!(tmp_dir = g_dir_make_tmp ("pain-diary-review-XXXXXX", error)))
    return NULL;
  copy = g_build_filename (tmp_dir, "diary.db", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) dest = g_file_new_for_path (to);
      g_autoptr(GError) local_error = NULL;

      if (i > 0 && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error) ||
          g_chmod (to, 0600) != 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"), display_name,
                       local_error ? local_error->message : g_strerror (errno));
          remove_private_copy (tmp_dir, copy);
          return NULL;
        }
    }

  /* Whatever this finds wrong, the inspection of the copy reports. */
  if (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  sqlite3_close (db);

  *dir = g_steal_pointer (&tmp_dir);
  return g_steal_pointer (&copy);
}

static gpointer
check_thread_run (gpointer user_data)
{
  PdDatabase *self = user_data;

  self->check_rc = quick_check (self->check_db, &self->check_result);
  return NULL;
}

/* What lies beside a diary file, and what that asks of a reader. */
typedef struct
{
  gboolean journal;   /* a -journal: maybe hot, and SQLite would roll it back on reading */
  gboolean wal;
  gboolean writable;  /* the file and its folder */
} PdSides;

static void
look_beside (const char *path,
             GStatBuf   *st,
             PdSides    *sides)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf dir_st;

  sides->journal = sibling_exists (path, "-journal");
  sides->wal = sibling_exists (path, "-wal");
  sides->writable = can_write (path, st->st_mode) && g_stat (dir, &dir_st) == 0 &&
                    can_write (dir, dir_st.st_mode);
}

/* Whether the file is inspected (and, read-only, read) on a private copy: whenever reading
 * it in place could write into or beside it. */
static gboolean
needs_private_copy (const PdSides *sides,
                    gboolean       read_only,
                    gboolean       snapshot)
{
  if (snapshot)
    return sides->journal || sides->wal;
  if (read_only)
    return sides->journal || (sides->wal && !sides->writable);
  return sides->journal;
}

/* The schema version of the file at source (0: nothing in it yet); -1 on error. */
static int
inspect_source (PdDatabase  *self,
                const char  *source,
                gboolean     offer_backup,
                sqlite3    **deferred,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  int version;

  if (g_stat (source, &st) == 0 && st.st_size == 0)
    return 0;
  version = inspect_file (source, self->display_name, deferred, &local_error);
  if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DAMAGED) && offer_backup)
    explain_damage (&local_error, self->path, self->display_name);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return version;
}

PdDatabase *
pd_database_open (const char       *path,
                  PdDatabaseFlags   flags,
                  GError          **error)
{
  g_autoptr(PdDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean snapshot = (flags & PD_DATABASE_SNAPSHOT) != 0;
  gboolean read_only = snapshot || (flags & PD_DATABASE_READ_ONLY) != 0;
  gboolean check_later;
  gboolean use_copy;
  g_autofree char *copy_dir = NULL;
  g_autofree char *copy = NULL;
  const char *source;
  PdSides sides;
  GStatBuf st;
  int version = 0;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PD_TYPE_DATABASE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->display_name = g_filename_display_name (self->path);
  self->read_only = read_only;
  source = self->path;

  if (g_stat (self->path, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *dir_path = NULL;

      if (saved_errno != ENOENT || read_only)
        {
          set_io_error (error, saved_errno, _("Could not open “%s”"), self->display_name);
          return NULL;
        }
      dir_path = g_path_get_dirname (self->path);
      if (!make_private_dir (dir_path, error) ||
          !create_diary_file (self->path, self->display_name, FALSE, error))
        return NULL;
      if (g_stat (self->path, &st) != 0)
        {
          set_io_error (error, errno, _("Could not open “%s”"), self->display_name);
          return NULL;
        }
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is not a Pain Diary file"),
                   self->display_name);
      return NULL;
    }
  if (!read_only && !check_can_write (self->path, &st, self->display_name, error))
    return NULL;

  look_beside (self->path, &st, &sides);
  use_copy = needs_private_copy (&sides, read_only, snapshot);
  check_later = read_only && !use_copy && (flags & PD_DATABASE_CHECK_LATER) != 0;
  if (use_copy)
    {
      if (!(copy = make_private_copy (self->path, self->display_name, &copy_dir, error)))
        return NULL;
      source = copy;
    }
  /* The backups offered are the diary's own; a snapshot never restores anything. */
  version = inspect_source (self, source, !snapshot, check_later ? &self->check_db : NULL,
                            &local_error);

  if (local_error == NULL && !read_only && version == 0)
    {
      /* Empty, or left so by an interrupted creation (the copy showed what recovery gives):
       * nothing to lose, so a new diary replaces it. */
      if (sides.journal || sides.wal)
        recover_in_place (self->path);
      if (create_diary_file (self->path, self->display_name, TRUE, &local_error))
        version = PD_DATABASE_SCHEMA_VERSION;
    }

  if (local_error == NULL && read_only && version == 0)
    g_set_error (&local_error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is an empty file"),
                 self->display_name);

  if (local_error != NULL)
    ok = (g_propagate_error (error, g_steal_pointer (&local_error)), FALSE);
  else if (read_only)
    ok = open_read_only (self, source, version, snapshot || use_copy, error);
  else
    ok = open_read_write (self, version, flags, error);

  if (copy != NULL)
    remove_private_copy (copy_dir, copy);
  if (ok && self->check_db != NULL)
    self->check_thread = g_thread_new ("pd-check", check_thread_run, self);
  return ok ? g_steal_pointer (&self) : NULL;
}

gboolean
pd_database_finish_check (PdDatabase  *self,
                          GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->check_thread != NULL)
    g_thread_join (g_steal_pointer (&self->check_thread));
  if (self->check_db == NULL)
    return TRUE;
  if (!check_verdict (self->check_db, self->check_rc, self->check_result, self->path,
                      self->display_name, error))
    {
      if (error != NULL && g_error_matches (*error, PD_ERROR, PD_ERROR_DAMAGED))
        explain_damage (error, self->path, self->display_name);
      return FALSE;
    }
  g_clear_pointer (&self->check_db, sqlite3_close_v2);
  g_clear_pointer (&self->check_result, g_free);
  return TRUE;
}

PdDatabase *
pd_database_new_in_memory (const char  *name,
                           GError     **error)
{
  g_autoptr(PdDatabase) self = NULL;
  int rc;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PD_TYPE_DATABASE, NULL);
  self->path = g_canonicalize_filename (name, NULL);
  self->display_name = g_filename_display_name (self->path);

  rc = sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, self->db, rc, _("Could not open “%s”"), self->display_name);
      return NULL;
    }
  if (!configure_connection (self->db, FALSE, error) ||
      !prepare_schema (self->db, self->display_name, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
pd_database_make_read_only (PdDatabase *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth == 0);

  locker = g_rec_mutex_locker_new (&self->mutex);
  self->read_only = TRUE;
  /* Belt and braces: SQLite itself refuses writes too. */
  sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pd_database_finalize (GObject *object)
{
  PdDatabase *self = (PdDatabase *) object;

  if (self->check_thread != NULL)
    g_thread_join (g_steal_pointer (&self->check_thread));
  g_clear_pointer (&self->check_db, sqlite3_close_v2);
  g_clear_pointer (&self->check_result, g_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pd_database_parent_class)->finalize (object);
}

static void
pd_database_class_init (PdDatabaseClass *klass)
{
  /* No allocation statistics (nothing reads them): they take a global mutex around every
   * SQLite allocation, a tenth of the time of a big import. Only possible before SQLite
   * is initialised; later the call is refused and changes nothing. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  G_OBJECT_CLASS (klass)->finalize = pd_database_finalize;
}

static void
pd_database_init (PdDatabase *self)
{
  g_rec_mutex_init (&self->mutex);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
}

const char *
pd_database_get_path (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  return self->path;
}

gboolean
pd_database_is_read_only (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), TRUE);
  return self->read_only;
}

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
    g_ptr_array_add (records, listing->from_row (stmt));
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
_pd_database_get_row (PdDatabase    *self,
                      const char    *sql,
                      PdRecordKind   kind,
                      const char    *id,
                      PdRowFunc      from_row,
                      GError       **error)
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
    return from_row (stmt);
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
      set_db_error (error, db, rc, _("Could not read “%s”"), self->display_name);
      return NULL;
    }
  if (!all)
    {
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, to);
    }
  records = collect_rows (stmt, listing, all, &rc);
  if (records == NULL)
    set_db_error (error, db, rc, _("Could not read “%s”"), self->display_name);
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
  read_through_mmap (reader);
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

          if (!batch->storage->write (self, batch->records[i], now, &created, &updated, error))
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
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->mutex);
  g_autofree char *normal_id = g_ascii_strdown (id, -1);
  g_autoptr(PdCachedStmt) stmt = NULL;
  int rc;

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
      set_db_error (error, self->db, rc, _("Could not change the record in “%s”"),
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
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (storage_for_kind (kind) != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return mark_record (self, kind, id, TRUE, error);
}

gboolean
pd_database_restore_record (PdDatabase    *self,
                            PdRecordKind   kind,
                            const char    *id,
                            GError       **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (storage_for_kind (kind) != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return mark_record (self, kind, id, FALSE, error);
}

/* Meta */

char *
pd_database_get_meta (PdDatabase *self,
                      const char *key)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = _pd_database_lookup_stmt (self, get_meta_sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    g_warning ("Could not read “%s” from %s: %s", key, self->path, sqlite3_errmsg (self->db));
  return NULL;
}

/* A NULL value removes the key. */
gboolean
pd_database_set_meta (PdDatabase  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_rec_mutex_locker_new (&self->mutex);
  if (!_pd_database_check_writable (self, error))
    return FALSE;
  stmt = _pd_database_lookup_stmt (self, value != NULL ? set_meta_sql : delete_meta_sql,
                                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, rc, _("Could not save “%s” in “%s”"), key,
                    self->display_name);
      return FALSE;
    }
  return TRUE;
}
