/* database-test-util.h: what the pain-entry storage tests (test-database,
 * test-database-migration, test-database-files) share: opening and closing a diary, entries
 * made, saved, counted and listed, snapshots of a file that must not change, and the diary
 * file written and read directly with SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-generator.h"
#include "record-builders.h"
#include "record-fields.h"
#include "storage-fixture.h"

static inline void
close_diary (PdDatabase *db)
{
  g_assert_finalize_object (db);
}

static inline guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

typedef struct
{
  GBytes *bytes;
  struct timespec mtime;
} Snapshot;

static inline Snapshot
take_snapshot (const char *path)
{
  Snapshot snapshot;
  g_autoptr(GError) error = NULL;
  struct stat st;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  snapshot.bytes = g_bytes_new_take (contents, length);
  snapshot.mtime = st.st_mtim;
  return snapshot;
}

/* The file has the same bytes and modification time as when the snapshot was taken. */
static inline void
assert_unchanged (const char *path,
                  Snapshot   *before)
{
  Snapshot after = take_snapshot (path);

  g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  g_assert_cmpint (before->mtime.tv_sec, ==, after.mtime.tv_sec);
  g_assert_cmpint (before->mtime.tv_nsec, ==, after.mtime.tv_nsec);
  g_bytes_unref (after.bytes);
  g_bytes_unref (before->bytes);
}

static inline void
assert_no_sqlite_siblings (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* Direct SQLite access, to look at what the diary wrote and to prepare odd files. */

static inline sqlite3 *
raw_open (const char *path,
          gboolean    read_only)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, read_only ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  return db;
}

static inline void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static inline void
save (PdDatabase  *db,
      PdPainEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_database_save_pain_entry (db, entry, &error));
  g_assert_no_error (error);
}

static inline GPtrArray *
list_all (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = pd_database_list_pain_entries (db, G_MININT64, G_MAXINT64, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static inline void
fill (PdDatabase *db,
      guint       days,
      guint       entries_per_day)
{
  g_autoptr(GError) error = NULL;
  PdGeneratorOptions options = { days, entries_per_day, 42 };

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 1, G_DATE_JUNE, 2026);
  g_assert_true (pd_generator_fill (db, &options, &error));
  g_assert_no_error (error);
}

static inline char *
today_backup_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf ("diary-%s.db", date);
}

static inline void
corrupt_middle_page (const char *path)
{
  g_autoptr(GError) error = NULL;
  guint page_size = (guint) file_int (path, "PRAGMA page_size");
  GStatBuf st;
  guchar garbage[256];
  goffset page;
  int fd;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size / page_size, >=, 8);
  /* A b-tree page in the middle of the file: keep its type byte, scramble its cell
   * pointer array and the start of its cells. */
  page = (st.st_size / page_size / 2) * page_size;
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guchar) (0xa5 ^ (i * 37));

  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, page + 8), ==, sizeof garbage);
  g_assert_true (g_close (fd, &error));
}

static const Field entry_fields[] = {
  FIELD (STR, pd_pain_entry_get_id),
  FIELD (INT64, pd_pain_entry_get_time),
  FIELD (INT, pd_pain_entry_get_utc_offset),
  FIELD (INT, pd_pain_entry_get_pain),
  FIELD (INT, pd_pain_entry_get_enjoyment_interference),
  FIELD (INT, pd_pain_entry_get_activity_interference),
  FIELD (INT, pd_pain_entry_get_back_pain),
  FIELD (INT, pd_pain_entry_get_leg_pain),
  FIELD (UINT64, pd_pain_entry_get_locations),
  FIELD (UINT64, pd_pain_entry_get_qualities),
  FIELD (DOUBLE, pd_pain_entry_get_sleep_hours),
  FIELD (INT, pd_pain_entry_get_sleep_quality),
  FIELD (INT, pd_pain_entry_get_mood),
  FIELD (UINT64, pd_pain_entry_get_red_flags),
  FIELD (STR, pd_pain_entry_get_note),
  FIELD (INT64, pd_pain_entry_get_created),
  FIELD (INT64, pd_pain_entry_get_updated),
};

static inline void
assert_same_entry (PdPainEntry *a,
                   PdPainEntry *b)
{
  assert_same_fields (a, b, entry_fields, G_N_ELEMENTS (entry_fields));
}
