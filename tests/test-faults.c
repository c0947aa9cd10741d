/* test-faults.c: a failed write or sync at any point of a save, an import, a migration, a
 * creation or a backup loses nothing
 *
 * Through the fault-injecting VFS of fault-vfs.h, the Nth write (or sync) fails with
 * SQLITE_IOERR or SQLITE_FULL, for every N until the operation (and closing the diary
 * after it) needs no Nth one. After each failure the diary opens, passes
 * PRAGMA integrity_check, and holds exactly the records that were acknowledged; the error
 * names the diary, and a full disk (SQLITE_FULL, or an I/O error whose system error is
 * ENOSPC) says that the disk is full and how to make room. A failed daily backup leaves the
 * diary as it was and no backup file, whole or partial.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fault-vfs.h"
#include "pd-csv.h"
#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-output.h"
#include "test-util.h"

#define N_BASE_ENTRIES 3
#define N_IMPORT_ROWS 40
#define N_OLD_ENTRIES 40
/* Far more writes than any of the operations needs: the loop ends long before. */
#define MAX_N 400

/* The N of the fault being tested: saves and imports arm it again once the diary is open,
 * so that it counts within the operation. */
static int fault_countdown_start;

typedef enum
{
  OP_SAVE,
  OP_IMPORT,
  OP_MIGRATE,
  OP_CREATE,
  OP_BACKUP,
} Operation;

typedef struct
{
  char *dir;
  char *work;       /* remade for each fault */
  char *path;       /* <work>/diary.db */
  char *template;
  gint64 n_template_entries;
  guint n_failures;
} Fixture;

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, "pd-fault"), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, "pd-fault"), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    value = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The diary every iteration starts from, made with the real VFS. */
static void
make_template (Fixture   *fixture,
               Operation  op)
{
  g_autoptr(GError) error = NULL;

  fixture->template = g_build_filename (fixture->dir, "template.db", NULL);
  if (op == OP_MIGRATE)
    {
      g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "diary-v1.sql", NULL);
      g_autofree char *sql = NULL;
      g_autofree char *bulk = NULL;
      sqlite3 *db = NULL;

      g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
      bulk = g_strdup_printf (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
        " INSERT INTO pain_entries SELECT printf('00000000-0000-4000-8000-%%012d', i),"
        " 1700000000 + i * 3600, 3600, i %% 11, 'old ' || i, 1700000000, 1700000000 FROM n",
        N_OLD_ENTRIES);
      g_assert_cmpint (sqlite3_open (fixture->template, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, bulk, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  else if (op != OP_CREATE)
    {
      g_autoptr(PdDatabase) db = pd_database_open (fixture->template, PD_DATABASE_NO_BACKUPS, &error);

      g_assert_no_error (error);
      for (int i = 0; i < N_BASE_ENTRIES; i++)
        {
          g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();

          pd_pain_entry_set_pain (entry, i);
          g_assert_true (pd_database_save_pain_entry (db, entry, &error));
          g_assert_no_error (error);
        }
    }
  if (op != OP_CREATE)
    fixture->n_template_entries = raw_int (fixture->template, "SELECT count(*) FROM pain_entries");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = make_tmp_dir ("pd-test-faults-XXXXXX");
  fixture->work = g_build_filename (fixture->dir, "work", NULL);
  fixture->path = g_build_filename (fixture->work, "diary.db", NULL);
  fault_vfs_register ();
  fault_skip_real_sync = TRUE;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  _pd_database_set_vfs (NULL);
  fault_vfs_disarm ();
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->work);
  g_free (fixture->path);
  g_free (fixture->template);
}

/* Warnings of the storage code (a WAL switch that did not happen) are part of what a fault
 * may cause; they must not end the test. */
static gboolean
log_is_fatal (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !(log_level & G_LOG_LEVEL_WARNING) || g_strcmp0 (log_domain, "pd-database") != 0;
}

static char *
import_csv (void)
{
  GString *csv = g_string_new ("id,date,time,utc_offset,kind,pain,enjoyment_interference,"
                               "activity_interference,locations,qualities,sleep_hours,"
                               "sleep_quality,mood,red_flags,item,amount,unit,duration_min,"
                               "intensity,note\n");

  for (int i = 0; i < N_IMPORT_ROWS; i++)
    g_string_append_printf (csv, "00000000-0000-4000-9000-%012d,2025-04-%02d,09:00,+02:00,pain,%d,"
                            ",,,,,,,,,,,,,imported %d\n", i, 1 + i % 28, i % 11, i);
  return g_string_free (csv, FALSE);
}

/* Runs the operation through the failing VFS; returns whether it was acknowledged, and how
 * many records it adds when it is. */
static gboolean
run_operation (Fixture    *fixture,
               Operation   op,
               gint64     *n_added,
               GError    **error)
{
  g_autoptr(PdDatabase) db = NULL;
  gboolean ok = FALSE;

  *n_added = 0;
  switch (op)
    {
    case OP_SAVE:
      {
        g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();

        fault_vfs_disarm ();
        if (!(db = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, error)))
          return FALSE;
        fault_vfs_arm (fault_kind, fault_countdown_start, fault_rc, fault_errno);
        pd_pain_entry_set_pain (entry, 8);
        pd_pain_entry_set_note (entry, "the new one");
        ok = pd_database_save_pain_entry (db, entry, error);
        *n_added = 1;
      }
      break;
    case OP_IMPORT:
      {
        g_autofree char *csv = import_csv ();
        g_autoptr(PdCsvImport) import = NULL;

        fault_vfs_disarm ();
        if (!(db = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, error)))
          return FALSE;
        fault_vfs_arm (fault_kind, fault_countdown_start, fault_rc, fault_errno);
        ok = (import = pd_csv_import_prepare_data (db, "faults.csv", csv, strlen (csv), error)) &&
             pd_csv_import_commit (import, db, error);
        *n_added = N_IMPORT_ROWS;
      }
      break;
    case OP_BACKUP:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();

        fault_vfs_disarm ();
        if (!(db = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, error)))
          return FALSE;
        fault_vfs_arm (fault_kind, fault_countdown_start, fault_rc, fault_errno);
        /* The daily backup that opening the diary makes, into backups/. */
        ok = pd_database_rotate_backups (db, now, 3, error);
      }
      break;
    case OP_MIGRATE:
    case OP_CREATE:
      /* Opening is the operation: the backup before the migration, the migration, the
       * switch to WAL; or building the new diary and renaming it into place. */
      ok = (db = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, error)) != NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  /* Closing (the checkpoint) still goes through the failing VFS. */
  g_clear_object (&db);
  return ok;
}

/* A failed backup leaves no file in backups/ (nor a part of one); one that succeeded is a
 * whole diary of its own. */
static void
check_backups (Fixture  *fixture,
               gboolean  acknowledged)
{
  g_autofree char *dir_path = pd_database_get_backup_dir (fixture->path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *integrity = NULL;

      n_files++;
      g_assert_true (g_str_has_suffix (name, ".db"));
      integrity = raw_text (path, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      g_assert_cmpint (raw_int (path, "SELECT count(*) FROM pain_entries"), ==,
                       fixture->n_template_entries);
    }
  g_assert_cmpuint (n_files, ==, acknowledged ? 1 : 0);
}

static void
check_after (Fixture    *fixture,
             Operation   op,
             guint       n,
             gboolean    acknowledged,
             gint64      n_added)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *integrity = NULL;
  gint64 expected;

  if (op == OP_CREATE && !g_file_test (fixture->path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) dir = g_dir_open (fixture->work, 0, NULL);

      /* No diary: only when the creation failed, and nothing half made beside it. */
      g_assert_false (acknowledged);
      g_assert_nonnull (dir);
      g_assert_null (g_dir_read_name (dir));
      return;
    }

  integrity = raw_text (fixture->path, "PRAGMA integrity_check");
  if (g_strcmp0 (integrity, "ok") != 0)
    g_error ("fault %u: integrity_check: %s", n, integrity);

  /* It opens as the app opens it (and migrates, if the migration failed before); through
   * the fault VFS, disarmed, only to spare the disk's syncs. */
  _pd_database_set_vfs ("pd-fault");
  db = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, &error);
  _pd_database_set_vfs (NULL);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  expected = fixture->n_template_entries + (acknowledged ? n_added : 0);
  if (op == OP_MIGRATE || op == OP_CREATE)
    expected = fixture->n_template_entries;
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM pain_entries"), ==, expected);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, PD_DATABASE_SCHEMA_VERSION);
  if (op == OP_BACKUP)
    check_backups (fixture, acknowledged);
}

/* A full disk, whether SQLite says SQLITE_FULL or an I/O error with the system's ENOSPC, is
 * named as such, with what to do; any other I/O error says so. */
static void
check_message (const GError *error,
               int           rc,
               int           sys_errno)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == PD_ERROR);
  g_assert_nonnull (strstr (error->message, "diary.db"));
  if ((rc & 0xff) == SQLITE_FULL || sys_errno == ENOSPC)
    {
      if (!strstr (error->message, "disk is full") || !strstr (error->message, "free some space"))
        g_error ("a full disk reported as: %s", error->message);
      g_assert_null (strstr (error->message, "I/O error"));
    }
  else
    g_assert_nonnull (strstr (error->message, "I/O error"));
}

static void
run_all_faults (Fixture       *fixture,
                gconstpointer  data)
{
  Operation op = GPOINTER_TO_INT (data);
  const struct
  {
    FaultKind kind;
    int rc;
    int sys_errno;
  } faults[] = {
    { FAULT_WRITE, SQLITE_IOERR_WRITE, EIO },
    { FAULT_WRITE, SQLITE_FULL, 0 },
    /* What a full disk gives in the journal, the WAL or the checkpoint: a failed write or
     * sync, with ENOSPC as the system's error. */
    { FAULT_WRITE, SQLITE_IOERR_WRITE, ENOSPC },
    { FAULT_SYNC, SQLITE_IOERR_FSYNC, EIO },
    { FAULT_SYNC, SQLITE_FULL, 0 },
    { FAULT_SYNC, SQLITE_IOERR_FSYNC, ENOSPC },
  };

  g_test_log_set_fatal_handler (log_is_fatal, NULL);
  make_template (fixture, op);
  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    {
      guint n;

      for (n = 1; n < MAX_N; n++)
        {
          g_autoptr(GError) error = NULL;
          gboolean acknowledged;
          gboolean fired;
          gint64 n_added;

          remove_tree (fixture->work);
          g_assert_cmpint (g_mkdir (fixture->work, 0700), ==, 0);
          if (op != OP_CREATE)
            copy_file (fixture->template, fixture->path);

          _pd_database_set_vfs ("pd-fault");
          fault_countdown_start = n;
          fault_vfs_arm (faults[f].kind, n, faults[f].rc, faults[f].sys_errno);
          acknowledged = run_operation (fixture, op, &n_added, &error);
          fired = fault_fired;
          fault_vfs_disarm ();
          _pd_database_set_vfs (NULL);

          if (!acknowledged)
            {
              g_assert_true (fired);
              check_message (error, faults[f].rc, faults[f].sys_errno);
              fixture->n_failures++;
            }
          else
            g_assert_no_error (error);
          check_after (fixture, op, n, acknowledged, n_added);
          if (!fired)
            break;
        }
      g_assert_cmpuint (n, <, MAX_N);
      g_test_message ("%s %d (errno %d): %u places to fail",
                      faults[f].kind == FAULT_WRITE ? "write" : "sync", faults[f].rc,
                      faults[f].sys_errno, n - 1);
    }
  /* The faults must have hit the operation, or this tests nothing. */
  g_assert_cmpuint (fixture->n_failures, >, 0);
}

/* An output file (export, report, chart) whose write meets a full disk: the message says
 * so, the old file stays as it was, and no temporary file is left beside it. */
static void
test_output_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ("pd-test-faults-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  PdOutput *output;
  int full;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  output = pd_output_open (path, &error);
  g_assert_no_error (error);
  /* Writes into /dev/full fail with ENOSPC, as on a full disk. */
  full = open ("/dev/full", O_WRONLY | O_CLOEXEC);
  g_assert_cmpint (full, >=, 0);
  g_assert_cmpint (dup2 (full, pd_output_get_fd (output)), >=, 0);
  close (full);
  g_assert_false (pd_output_write (output, "id,date\n", 8));
  pd_output_set_write_error (output, 0, &error);
  pd_output_free (output);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "export.csv"));
  if (!strstr (error->message, "disk is full") || !strstr (error->message, "free some space"))
    g_error ("a full disk reported as: %s", error->message);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "export.csv");
  g_assert_null (g_dir_read_name (listing));
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, op) \
  g_test_add (path, Fixture, GINT_TO_POINTER (op), fixture_set_up, run_all_faults, fixture_tear_down)
  ADD ("/faults/save", OP_SAVE);
  ADD ("/faults/import", OP_IMPORT);
  ADD ("/faults/migration", OP_MIGRATE);
  ADD ("/faults/creation", OP_CREATE);
  ADD ("/faults/backup", OP_BACKUP);
#undef ADD
  g_test_add_func ("/faults/output-disk-full", test_output_disk_full);

  return g_test_run ();
}
