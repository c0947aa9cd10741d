/* csv-test-util.h: what the CSV tests share (test-csv, test-csv-fixtures, test-csv-spine,
 * test-csv-stream):
 * diaries in a temporary folder that is removed at the end, their exports, imports and
 * round trips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "pd-csv.h"
#include "pd-database.h"
#include "pd-generator.h"
#include "record-builders.h"
#include "test-util.h"

static char *tmp_dir;

static inline char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* A new, empty diary named name in the temporary folder. */
static inline PdDatabase *
open_fresh (const char *name)
{
  g_autofree char *path = tmp_path (name);
  g_autoptr(GError) error = NULL;
  PdDatabase *db;

  g_remove (path);
  db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  return db;
}

/* The same, with the demo story ending on 2026-03-15. */
static inline PdDatabase *
open_demo (const char *name)
{
  PdDatabase *db = open_fresh (name);
  g_autoptr(GError) error = NULL;
  GDate end;

  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 15, G_DATE_MARCH, 2026);
  g_assert_true (pd_generator_fill_demo (db, &end, &error));
  g_assert_no_error (error);
  return db;
}

/* The diary CSV of db's records (with summary, the daily summary CSV) of the days
 * from_day..to_day (0: no bound). */
static inline GBytes *
export_db (PdDatabase *db,
           gboolean    summary,
           guint32     from_day,
           guint32     to_day)
{
  g_autoptr(PdDiaryData) data = load_diary (db);

  return summary ? pd_csv_export_summary (data, from_day, to_day)
                 : pd_csv_export (data, from_day, to_day);
}

/* bytes (a CSV) as a string. */
static inline char *
bytes_text (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The same bytes; else the test fails showing both as text. */
static inline void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      g_autofree char *x = bytes_text (a);
      g_autofree char *y = bytes_text (b);

      g_assert_cmpstr (x, ==, y);
    }
}

/* Imports and commits; returns the import for its counts. */
static inline PdCsvImport *
import_bytes (PdDatabase *db,
              GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  PdCsvImport *import = pd_csv_import_prepare_data (db, "test.csv", data, size, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  pd_csv_import_commit (import, db, &error);
  g_assert_no_error (error);
  return import;
}

/* The header plus the records: rows start after a CRLF with a UUID (notes may hold CRLF). */
static inline guint
count_record_lines (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  guint n = 1;

  for (gsize i = 0; i + 39 < size; i++)
    if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 38] == ',')
      {
        g_autofree char *id = g_strndup (data + i + 2, 36);
        n += g_uuid_string_is_valid (id);
      }
  return n;
}


/* source's diary CSV, imported into a new diary named name, exports the same bytes;
 * imported again it adds nothing and leaves the file as it was. */
static inline void
check_round_trip (PdDatabase *source,
                  const char *name)
{
  g_autoptr(PdDatabase) copy = open_fresh (name);
  g_autoptr(GBytes) first = export_db (source, FALSE, 0, 0);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(PdCsvImport) import = import_bytes (copy, first);
  g_autoptr(PdCsvImport) reimport = NULL;
  g_autofree char *path = g_strdup (pd_database_get_path (copy));
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;

  g_assert_cmpuint (pd_csv_import_get_n_new (import), ==, count_record_lines (first) - 1);
  g_assert_cmpuint (pd_csv_import_get_n_present (import), ==, 0);
  second = export_db (copy, FALSE, 0, 0);
  assert_bytes_equal (first, second);

  /* Importing again adds nothing and leaves the file as it was. */
  g_clear_object (&copy);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  copy = pd_database_open (path, PD_DATABASE_NO_BACKUPS, NULL);
  reimport = import_bytes (copy, first);
  g_assert_cmpuint (pd_csv_import_get_n_new (reimport), ==, 0);
  g_assert_cmpuint (pd_csv_import_get_n_present (reimport), ==, count_record_lines (first) - 1);
  again = export_db (copy, FALSE, 0, 0);
  assert_bytes_equal (first, again);
  g_clear_object (&copy);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* Runs the tests with a new temporary folder, removed afterwards. */
static inline int
run_in_tmp_dir (void)
{
  int status;

  tmp_dir = make_tmp_dir ("pd-" G_LOG_DOMAIN "-XXXXXX");
  status = g_test_run ();
  remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  return status;
}
