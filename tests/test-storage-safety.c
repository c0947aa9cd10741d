/* test-storage-safety.c: creating a diary atomically, refusing to write what may not be
 * written, leaving a damaged diary alone, and saying that a full disk is full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-storage-safety"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fault-vfs.h"
#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-error.h"
#include "storage-fixture.h"
#include "test-util.h"

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
make_diary (const char *path,
            int         n_entries)
{
  g_autoptr(PdDatabase) db = open_diary (path, PD_DATABASE_NO_BACKUPS);

  for (int i = 0; i < n_entries; i++)
    log_pain (db, i % 11);
}

/* What a process killed in the middle of a transaction leaves: the file with part of the
 * transaction written to it, and a hot journal that takes it back to what it was. setup_sql
 * is committed first; then a big uncommitted transaction spills into the file. */
static void
leave_hot_journal (const char *path,
                   const char *setup_sql)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 1;", NULL, NULL, NULL) != SQLITE_OK ||
          (setup_sql && sqlite3_exec (db, setup_sql, NULL, NULL, NULL) != SQLITE_OK) ||
          sqlite3_exec (db, "BEGIN; CREATE TABLE spill (x);"
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                        " INSERT INTO spill SELECT randomblob(600) FROM n;", NULL, NULL, NULL) != SQLITE_OK)
        _exit (3);
      kill (getpid (), SIGKILL);
      _exit (4);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
}

static gboolean
exists_beside (const char *path,
               const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

/* The diary at path, opened with flags, holds count entries and passes its check (the one
 * PD_DATABASE_CHECK_LATER puts off; none without it). */
static void
assert_reads (const char      *path,
              PdDatabaseFlags  flags,
              gint64           count)
{
  g_autoptr(PdDatabase) db = open_diary (path, flags);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (count_entries (db), ==, count);
  g_assert_true (pd_database_finish_check (db, &error));
  g_assert_no_error (error);
}

/* Opening the fixture's diary with flags fails with code and leaves its folder as
 * folder_state described it before; the error, for more checks. */
static GError *
open_refused (Fixture         *fixture,
              PdDatabaseFlags  flags,
              PdError          code,
              const char      *before)
{
  GError *error = NULL;

  g_assert_null (pd_database_open (fixture->path, flags, &error));
  g_assert_error (error, PD_ERROR, code);
  assert_folder_unchanged (fixture->dir, FOLDER_CONTENTS, before);
  return error;
}

/* Creation */

/* The new diary at path is its owner's only, and holds the one entry logged in it. */
static void
assert_private_with_one_entry (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM pain_entries"), ==, 1);
}

static void
test_create_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *state = NULL;

  make_diary (fixture->path, 1);
  assert_private_with_one_entry (fixture->path);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, PD_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA application_id"), ==, PD_DATABASE_APPLICATION_ID);
  /* No temporary file is left beside it. */
  state = folder_state (fixture->dir, FOLDER_CONTENTS);
  g_assert_true (g_str_has_prefix (state, "diary.db "));
  g_assert_null (strchr (strchr (state, '\n') + 1, '\n'));
}

/* What a creation killed before its rename left: removed once old, kept while it may be
 * another process's creation under way. */
static void
test_create_stale_temporaries (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *old = g_build_filename (fixture->dir, ".diary.db.new-AbC123", NULL);
  g_autofree char *old_journal = g_build_filename (fixture->dir, ".diary.db.new-AbC123-journal", NULL);
  g_autofree char *recent = g_build_filename (fixture->dir, ".diary.db.new-XyZ789", NULL);
  struct timeval times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

  g_assert_true (g_file_set_contents (old, "half", -1, NULL));
  g_assert_true (g_file_set_contents (old_journal, "half", -1, NULL));
  g_assert_true (g_file_set_contents (recent, "half", -1, NULL));
  g_assert_cmpint (utimes (old, times), ==, 0);
  g_assert_cmpint (utimes (old_journal, times), ==, 0);

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_EXISTS));
}

static void
test_create_empty_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  g_chmod (fixture->path, 0644);
  make_diary (fixture->path, 1);
  assert_private_with_one_entry (fixture->path);
}

/* An interrupted creation: no user table once the hot journal is rolled back. */
static void
test_create_hot_journal (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  leave_hot_journal (fixture->path, NULL);
  g_assert_true (exists_beside (fixture->path, "-journal"));

  /* Reading only: nothing in it, and nothing touched. */
  before = folder_state (fixture->dir, FOLDER_CONTENTS);
  error = open_refused (fixture, PD_DATABASE_READ_ONLY, PD_ERROR_NOT_A_DIARY, before);

  make_diary (fixture->path, 1);
  g_assert_false (exists_beside (fixture->path, "-journal"));
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM pain_entries"), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'spill'"),
                   ==, 0);
}

/* Someone else's database with a hot journal holds something: refused, untouched. */
static void
test_foreign_hot_journal (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  leave_hot_journal (fixture->path, "CREATE TABLE mine (x); INSERT INTO mine VALUES (42);");
  g_assert_true (exists_beside (fixture->path, "-journal"));
  before = folder_state (fixture->dir, FOLDER_CONTENTS);
  error = open_refused (fixture, PD_DATABASE_FLAGS_NONE, PD_ERROR_NOT_A_DIARY, before);
}

/* A diary whose creation's hot journal rolls back to a real diary: a plain recovery. */
static void
test_diary_hot_journal (Fixture       *fixture,
                        gconstpointer  data)
{
  make_diary (fixture->path, 3);
  raw_exec (fixture->path, "PRAGMA journal_mode = DELETE");
  leave_hot_journal (fixture->path, NULL);
  g_assert_true (exists_beside (fixture->path, "-journal"));

  assert_reads (fixture->path, PD_DATABASE_READ_ONLY, 3);
  g_assert_true (exists_beside (fixture->path, "-journal"));
  assert_reads (fixture->path, PD_DATABASE_NO_BACKUPS, 3);
}

/* Read-only diaries */

/* A diary whose file (data "file") or folder (data "folder") is read-only: writing is
 * refused, reading works, and neither changes anything in the folder. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean folder = g_str_equal (data, "folder");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *before = NULL;

  make_diary (fixture->path, 5);
  g_assert_cmpint (g_chmod (folder ? fixture->dir : fixture->path, folder ? 0500 : 0400), ==, 0);
  before = folder_state (fixture->dir, FOLDER_CONTENTS);
  error = open_refused (fixture, PD_DATABASE_FLAGS_NONE, PD_ERROR_READ_ONLY, before);
  g_assert_nonnull (strstr (error->message, "diary.db"));
  g_clear_error (&error);

  /* Reading works, and creates nothing either. */
  db = open_diary (fixture->path, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS |
                                 PD_DATABASE_CHECK_LATER);
  {
    g_autoptr(PdDiaryData) loaded = load_diary (db);

    g_assert_cmpuint (loaded->pain_entries->len, ==, 5);
  }
  g_assert_true (pd_database_finish_check (db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  assert_folder_unchanged (fixture->dir, FOLDER_CONTENTS, before);
}

/* Logs count entries in the fixture's diary with a writer that stays open, so that they are
 * in its -wal only, and copies the diary and its -wal to copy, in a new folder; returns the
 * writer. */
static PdDatabase *
copy_with_wal (Fixture    *fixture,
               int         count,
               const char *copy)
{
  g_autofree char *copy_dir = g_path_get_dirname (copy);
  PdDatabase *writer = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  const char *suffixes[] = { "", "-wal" };

  for (int i = 0; i < count; i++)
    log_pain (writer, i);
  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (fixture->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);

      copy_file (from, to);
    }
  return writer;
}

/* A read-only diary in a read-only folder with its latest writes still in a -wal. */
static void
test_read_only_folder_with_wal (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *copy_dir = g_build_filename (fixture->dir, "ro", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "diary.db", NULL);
  g_autoptr(PdDatabase) writer = NULL;
  g_autofree char *before = NULL;

  /* The writer stays open to the end: the copy is of a diary being written. */
  writer = copy_with_wal (fixture, 5, copy);
  g_assert_cmpint (g_chmod (copy_dir, 0500), ==, 0);

  before = folder_state (copy_dir, FOLDER_CONTENTS);
  assert_reads (copy, PD_DATABASE_READ_ONLY | PD_DATABASE_CHECK_LATER, 5);
  assert_folder_unchanged (copy_dir, FOLDER_CONTENTS, before);
  g_chmod (copy_dir, 0700);
}

/* A diary with a -wal beside it and no -shm: no connection uses the -wal, a crash left it
 * or it was copied with the diary. Its own -wal's entries are read; one not its own (another
 * database's, beside a diary copied back by hand) makes it unreadable, and then nothing is
 * created beside it, neither when reading nor when opening it to write. */
static void
test_left_over_wal (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_dir = g_build_filename (fixture->dir, "copy", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "diary.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autoptr(PdDatabase) writer = NULL;
  g_autofree char *before = NULL;
  sqlite3 *other_db = NULL;

  writer = copy_with_wal (fixture, 4, copy);
  g_clear_object (&writer);

  before = folder_state (copy_dir, FOLDER_CONTENTS);
  assert_reads (copy, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS | PD_DATABASE_CHECK_LATER, 4);
  assert_folder_unchanged (copy_dir, FOLDER_CONTENTS, before);
  assert_reads (copy, PD_DATABASE_NO_BACKUPS, 4);

  /* Another database's -wal beside the diary. */
  g_assert_cmpint (sqlite3_open (other, &other_db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other_db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                                 "CREATE TABLE x (y); INSERT INTO x VALUES (randomblob(9000))",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  copy_file (other_wal, copy_wal);
  sqlite3_close (other_db);

  before = (g_free (before), folder_state (copy_dir, FOLDER_CONTENTS));
  for (guint i = 0; i < 2; i++)
    {
      PdDatabaseFlags flags = i == 0 ? PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS
                                     : PD_DATABASE_NO_BACKUPS;

      g_assert_null (pd_database_open (copy, flags, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      assert_folder_unchanged (copy_dir, FOLDER_CONTENTS, before);
    }
}

/* Another program holds the diary's write lock for longer than the busy timeout: opening
 * it for writing fails, saying so, and does not talk of bringing it up to date. */
static void
test_locked_by_another (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  make_diary (fixture->path, 2);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_null (pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "diary.db"));
  g_assert_nonnull (strstr (error->message, "another program is writing to it"));
  g_assert_null (strstr (error->message, "up to date"));

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

/* Diaries reached through a symbolic link */

/* A diary whose name is a link into another folder: SQLite keeps its -wal beside the file
 * the link points to, so that is where its latest writes are looked for, and that folder is
 * the one that must be writable. */
static void
test_linked_diary (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *real_dir = g_build_filename (fixture->dir, "real", NULL);
  g_autofree char *real = g_build_filename (real_dir, "diary.db", NULL);
  g_autofree char *link_dir = g_build_filename (fixture->dir, "link", NULL);
  g_autofree char *link_path = g_build_filename (link_dir, "diary.db", NULL);
  g_autoptr(PdDatabase) writer = NULL;
  g_autofree char *before = NULL;

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (link_dir, 0700), ==, 0);
  g_assert_cmpint (symlink ("../real/diary.db", link_path), ==, 0);

  /* The writer stays open: its entries are in the -wal beside the real file only. */
  writer = open_diary (real, PD_DATABASE_NO_BACKUPS);
  for (int i = 0; i < 3; i++)
    log_pain (writer, i);
  g_assert_true (exists_beside (real, "-wal"));
  assert_reads (link_path, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS | PD_DATABASE_CHECK_LATER,
                3);
  g_clear_object (&writer);

  /* The real file's folder is read-only: writing through the link is refused before
   * anything is written there. */
  g_assert_cmpint (g_chmod (real_dir, 0500), ==, 0);
  before = folder_state (real_dir, FOLDER_CONTENTS);
  g_assert_null (pd_database_open (link_path, PD_DATABASE_FLAGS_NONE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, real_dir));
  g_clear_error (&error);
  assert_folder_unchanged (real_dir, FOLDER_CONTENTS, before);
  g_assert_cmpint (g_chmod (real_dir, 0700), ==, 0);
}

/* A link to a file that is not there (a drive not connected) is refused, and no new diary
 * is made where it points. */
static void
test_dangling_link (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  g_assert_cmpint (symlink ("drive/diary.db", fixture->path), ==, 0);
  before = folder_state (fixture->dir, FOLDER_CONTENTS);
  error = open_refused (fixture, PD_DATABASE_FLAGS_NONE, PD_ERROR_IO, before);
  g_assert_nonnull (strstr (error->message, "drive/diary.db"));
  g_assert_nonnull (strstr (error->message, "does not exist"));
}

/* Damaged diaries */

/* A backups folder beside the fixture's diary with a good copy of it, as the daily backup
 * leaves one: diary-2026-01-02.db. */
static void
keep_good_backup (Fixture    *fixture,
                  const char *backups)
{
  g_autofree char *good = g_build_filename (backups, "diary-2026-01-02.db", NULL);

  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  copy_file (fixture->path, good);
}

static void
test_damaged_missing_table (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *before = NULL;
  g_autofree char *backups_before = NULL;

  make_diary (fixture->path, 2);
  /* A good backup, and the diary loses a table (in rollback-journal mode, so that a switch
   * to WAL would show in the file). */
  keep_good_backup (fixture, backups);
  raw_exec (fixture->path, "PRAGMA journal_mode = DELETE; DROP TABLE doses;");

  before = folder_state (fixture->dir, FOLDER_CONTENTS);
  backups_before = folder_state (backups, FOLDER_CONTENTS);
  error = open_refused (fixture, PD_DATABASE_FLAGS_NONE, PD_ERROR_DAMAGED, before);
  g_assert_nonnull (strstr (error->message, "diary-2026-01-02.db"));
  assert_folder_unchanged (backups, FOLDER_CONTENTS, backups_before);
  g_clear_error (&error);

  error = open_refused (fixture, PD_DATABASE_READ_ONLY, PD_ERROR_DAMAGED, before);
}

/* Damage that only the quick check finds, while an export reads (CHECK_LATER): the message
 * names the newest good backup too. */
static void
test_damaged_found_later (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *before = NULL;
  guchar garbage[256];
  gint64 damaged_at;
  GStatBuf st;
  int fd;

  make_diary (fixture->path, 400);
  keep_good_backup (fixture, backups);
  /* Scramble the root page of the pain entries (its type byte kept): whatever else the
   * schema holds, the quick check must notice. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  {
    sqlite3 *probe = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (fixture->path, &probe, SQLITE_OPEN_READONLY, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (probe, "SELECT rootpage, (SELECT page_size FROM"
                                                " pragma_page_size) FROM sqlite_schema"
                                                " WHERE name = 'pain_entries'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    damaged_at = (sqlite3_column_int64 (stmt, 0) - 1) * sqlite3_column_int64 (stmt, 1) + 8;
    sqlite3_finalize (stmt);
    sqlite3_close (probe);
  }
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guchar) (0xa5 ^ (i * 37));
  fd = g_open (fixture->path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (damaged_at + (gint64) sizeof garbage, <, st.st_size);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, damaged_at), ==, sizeof garbage);
  g_close (fd, NULL);

  before = folder_state (fixture->dir, FOLDER_CONTENTS);
  db = pd_database_open (fixture->path, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS |
                                        PD_DATABASE_CHECK_LATER, &error);
  if (db != NULL)
    {
      /* Read what there is; the check then says the diary is damaged. */
      pd_diary_data_free (pd_database_load (db, NULL));
      g_assert_false (pd_database_finish_check (db, &error));
    }
  g_assert_error (error, PD_ERROR, PD_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "diary-2026-01-02.db"));
  g_clear_object (&db);
  assert_folder_unchanged (fixture->dir, FOLDER_CONTENTS, before);
}

/* A full disk */

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  const struct
  {
    FaultKind kind;
    int rc;
    int sys_errno;
  } faults[] = {
    { FAULT_WRITE, SQLITE_FULL, 0 },
    { FAULT_SYNC, SQLITE_FULL, 0 },
  };

  make_diary (fixture->path, 1);
  fault_vfs_register ();
  _pd_database_set_vfs ("pd-fault");
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdDatabase) db = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, &error);
      g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();

      g_assert_no_error (error);
      pd_pain_entry_set_pain (entry, 7);
      fault_vfs_arm (faults[i].kind, 1, faults[i].rc, faults[i].sys_errno);
      g_assert_false (pd_database_save_pain_entry (db, entry, &error));
      fault_vfs_disarm ();
      g_assert_error (error, PD_ERROR, PD_ERROR_IO);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "disk is full"));
      g_assert_null (strstr (error->message, "I/O error"));
      g_assert_null (strstr (error->message, "database or"));
      g_assert_cmpint (pd_database_count_pain_entries (db, NULL), ==, 1);
    }
  _pd_database_set_vfs (NULL);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM pain_entries"), ==, 1);
}

/* A second connection in the same process (the reminder service keeps one) must not cost the
 * first its locks: otherwise another process that opens and closes the diary thinks it is
 * the last user, removes the -wal and -shm files, and the first connection's next read fails
 * with a disk I/O error. */
static void
test_second_connection_keeps_locks (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(PdDatabase) first = NULL;
  g_autoptr(PdDatabase) second = NULL;
  int status = 0;
  pid_t pid;

  first = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  log_pain (first, 3);
  second = open_diary (fixture->path, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS);

  /* Another process opens, reads and closes the diary. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;
      int ok = sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
               sqlite3_exec (db, "SELECT count(*) FROM pain_entries", NULL, NULL, NULL) == SQLITE_OK;

      sqlite3_close (db);
      _exit (ok ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  log_pain (first, 5);
  g_assert_cmpint (count_entries (first), ==, 2);
  g_assert_cmpint (count_entries (second), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/safety/create/atomic", test_create_atomic },
    { "/safety/second-connection-keeps-locks", test_second_connection_keeps_locks },
    { "/safety/create/empty-file", test_create_empty_file },
    { "/safety/create/stale-temporaries", test_create_stale_temporaries },
    { "/safety/create/hot-journal", test_create_hot_journal },
    { "/safety/create/foreign-hot-journal", test_foreign_hot_journal },
    { "/safety/create/diary-hot-journal", test_diary_hot_journal },
    { "/safety/read-only/file", test_read_only, "file" },
    { "/safety/read-only/folder", test_read_only, "folder" },
    { "/safety/read-only/folder-with-wal", test_read_only_folder_with_wal },
    { "/safety/link/diary", test_linked_diary },
    { "/safety/locked-by-another", test_locked_by_another },
    { "/safety/left-over-wal", test_left_over_wal },
    { "/safety/link/dangling", test_dangling_link },
    { "/safety/damaged/missing-table", test_damaged_missing_table },
    { "/safety/damaged/found-later", test_damaged_found_later },
    { "/safety/disk-full", test_disk_full },
  };

  return run_fixture_tests (&argc, &argv, fixture_set_up, tests, G_N_ELEMENTS (tests));
}
