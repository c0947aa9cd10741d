/* storage-fixture.h: the fixture of the C storage tests (test-database*,
 * test-treatment*, test-review, test-storage-safety, test-backup, test-safety's stored
 * diaries): a temporary folder with a diary path in it, opening the diary, and writing and
 * reading the diary file directly with SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-generator.h"
#include "record-builders.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *path;        /* <dir>/diary.db */
  PdDatabase *db;    /* open with fixture_set_up_open, else NULL */
} Fixture;

/* The diary at path, opened with flags; the test fails when it cannot be. */
static inline PdDatabase *
open_diary (const char      *path,
            PdDatabaseFlags  flags)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db = pd_database_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_true (PD_IS_DATABASE (db));
  return db;
}

/* The pain entries in db. */
static inline gint64
count_entries (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pd_database_count_pain_entries (db, &error);

  g_assert_no_error (error);
  return n;
}

/* Fills db with the demo diary (pd_generator_fill_demo) that ends on 2026-06-01; returns the
 * Julian day of that last day. */
static inline guint32
fill_demo_until_june (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  GDate end_date;

  g_date_clear (&end_date, 1);
  g_date_set_dmy (&end_date, 1, G_DATE_JUNE, 2026);
  g_assert_true (pd_generator_fill_demo (db, &end_date, &error));
  g_assert_no_error (error);
  return g_date_get_julian (&end_date);
}

/* Logs a pain entry of pain, now, in db. */
static inline void
log_pain (PdDatabase *db,
          int         pain)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(GError) error = NULL;

  pd_pain_entry_set_pain (entry, pain);
  g_assert_true (pd_database_save_pain_entry (db, entry, &error));
  g_assert_no_error (error);
}

/* A new temporary folder; the diary file is not created. */
static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = make_tmp_dir ("pd-" G_LOG_DOMAIN "-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "diary.db", NULL);
  fixture->db = NULL;
}

/* The same, with a new diary open in it (without backups). */
static inline void
fixture_set_up_open (Fixture       *fixture,
                     gconstpointer  data)
{
  fixture_set_up (fixture, data);
  fixture->db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->db != NULL)
    g_assert_finalize_object (fixture->db);
  /* A test may have made the folder read-only. */
  g_chmod (fixture->dir, 0700);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static inline char *
fixture_file (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* Closes the fixture's diary, so that the file can be looked at directly. */
static inline void
close_fixture_db (Fixture *fixture)
{
  g_assert_finalize_object (fixture->db);
  fixture->db = NULL;
}

/* Runs tests/data/<name>, SQL, on the file at path (created when missing). */
static inline void
load_sql_fixture (const char *path,
                  const char *name)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", name, message);
  sqlite3_close (db);
}

/* The first column of the first row of sql on the file at path, read-only; NULL for no
 * row or NULL. */
static inline char *
file_text (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static inline gint64
file_int (const char *path,
          const char *sql)
{
  g_autofree char *text = file_text (path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* A test of a storage program: the function run at path in a fixture, with data. */
typedef void (*FixtureFunc) (Fixture      *fixture,
                             gconstpointer data);

typedef struct
{
  const char *path;
  FixtureFunc func;
  gconstpointer data;
} FixtureTest;

/* Adds tests, each to run in a fixture made by set_up (fixture_set_up, or
 * fixture_set_up_open for a new diary open in it). */
static inline void
add_fixture_tests (FixtureFunc        set_up,
                   const FixtureTest *tests,
                   gsize              n_tests)
{
  for (gsize i = 0; i < n_tests; i++)
    g_test_add (tests[i].path, Fixture, tests[i].data, set_up, tests[i].func, fixture_tear_down);
}

/* Runs the program's tests, each in a fixture made by set_up (as add_fixture_tests). */
static inline int
run_fixture_tests (int               *argc,
                   char            ***argv,
                   FixtureFunc        set_up,
                   const FixtureTest *tests,
                   gsize              n_tests)
{
  g_test_init (argc, argv, NULL);
  add_fixture_tests (set_up, tests, n_tests);
  return g_test_run ();
}
