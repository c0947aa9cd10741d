/* csv-test-util.h: what the CSV tests share (test-csv, test-csv-spine, test-csv-stream):
 * diaries in a temporary folder that is removed at the end, and their exports
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
