/* pd-database-schema.c: the schema, version by version: creating a fresh diary and migrating an older one
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

const char _pd_schema_latest[] =
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

static gboolean
is_in_memory (sqlite3 *db)
{
  const char *file = sqlite3_db_filename (db, "main");

  return file == NULL || *file == '\0';
}

gboolean
_pd_configure_connection (sqlite3     *db,
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
      _pd_set_db_error (error, db, rc, _("Could not open “%s”"), sqlite3_db_filename (db, "main"));
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
gboolean
_pd_prepare_schema (sqlite3     *db,
                    const char  *display_name,
                    GError     **error)
{
  gint64 version = 0;
  gint64 n_objects = 0;
  int rc;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      /* Not even begun (another program holds the write lock): nothing to bring up to date. */
      _pd_set_db_error (error, db, rc, _("Could not open “%s”"), display_name);
      return FALSE;
    }
  /* Read again inside the transaction: another process may have got here first. */
  rc = _pd_query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = _pd_query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
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
    rc = sqlite3_exec (db, _pd_schema_latest, NULL, NULL, NULL);
  else if (rc == SQLITE_OK && version < PD_DATABASE_SCHEMA_VERSION)
    rc = run_migrations (db, (int) version);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _pd_set_db_error (error, db, rc, _("Could not bring “%s” up to date"), display_name);
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
