/* test-crash.c: a diary survives its writer being killed at any moment
 *
 * Runs tests/crash-writer again and again and kills it with SIGKILL after a random few
 * milliseconds: while it creates a new diary, while it migrates an old one (schema 1, with
 * its backup before the migration), and while it saves, edits, deletes, undoes and imports
 * entries in a diary that grows from run to run. After each kill the diary must open as the
 * app opens it, pass PRAGMA integrity_check, and hold exactly what the writer acknowledged
 * (the operation in flight, if any, all done or not at all).
 *
 * As a test (meson test test-crash) it kills N_RUNS times. With --kills=N (the bench-crash
 * benchmark) it kills N times and prints the figures: diaries checked, lost records and
 * unopenable diaries, and fails unless both are 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-error.h"
#include "test-util.h"

#define N_RUNS 240
/* Extra schema-1 entries, so that a migration takes long enough to be killed in. */
#define N_OLD_ENTRIES 4000

typedef enum
{
  RUN_WRITE,     /* the long-lived diary: saves, edits, deletes, undo, imports */
  RUN_CREATE,    /* a new diary */
  RUN_MIGRATE,   /* a copy of a schema-1 diary */
} RunKind;

typedef struct
{
  char *note;
  gboolean deleted;
} Expected;

typedef struct
{
  char op;
  char *id;
  char *note;
} Op;

typedef struct
{
  GRand *rand;
  char *writer;
  char *dir;
  char *diary;               /* the long-lived one */
  char *old_template;        /* schema 1 */
  GHashTable *old_ids;       /* the template's entries (set) */
  GHashTable *expected;      /* id -> Expected, for the long-lived diary */
  guint checked;
  guint lost;
  guint unopenable;
  guint acknowledged;
  guint runs_with_writes;
  guint in_creation;    /* kills that left no diary or an unfinished one behind */
  guint in_migration;   /* kills that left the diary at schema 1 */
  GString *problems;
} Soak;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  if (e == NULL)
    return;
  g_free (e->note);
  g_free (e);
}

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_free (op->id);
  g_free (op->note);
}

static void
problem (Soak       *soak,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Soak       *soak,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (soak->problems->len < 4000)
    {
      g_string_append_vprintf (soak->problems, format, args);
      g_string_append_c (soak->problems, '\n');
    }
  va_end (args);
}

/* Starts the writer on diary, kills it after a while, and returns its complete lines. */
static GStrv
run_and_kill (Soak       *soak,
              const char *diary,
              guint       run,
              gboolean    from_first_write,
              guint       delay_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *run_arg = g_strdup_printf ("%u", run);
  g_autoptr(GByteArray) output = g_byte_array_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pieces = NULL;
  GInputStream *stdout_pipe;
  guchar buffer[4096];
  gssize n_read;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, soak->writer, diary, run_arg, NULL);
  g_assert_no_error (error);
  stdout_pipe = g_subprocess_get_stdout_pipe (process);

  /* From the first acknowledged operation, or from the writer's start (its "S" line, before
   * it opens the diary): the kill lands among the writes, or in opening, however long
   * starting the program takes on a busy machine. */
  while ((output->len == 0 ||
          g_strstr_len ((const char *) output->data, output->len, from_first_write ? "A\n" : "S\n") == NULL) &&
         (n_read = g_input_stream_read (stdout_pipe, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (output, buffer, n_read);
  g_assert_no_error (error);

  g_usleep (delay_ms * 1000);
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_if_signaled (process))
    problem (soak, "run %u: the writer stopped by itself (status %d) instead of being killed",
             run, g_subprocess_get_exit_status (process));

  while ((n_read = g_input_stream_read (stdout_pipe, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (output, buffer, n_read);
  g_assert_no_error (error);
  g_byte_array_append (output, (const guint8 *) "", 1);

  pieces = g_strsplit ((const char *) output->data, "\n", -1);
  /* The last piece follows the last newline: empty, or a line cut short by the kill. */
  for (guint i = 0; pieces[i] != NULL && pieces[i + 1] != NULL; i++)
    g_ptr_array_add (lines, g_strdup (pieces[i]));
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

/* The diary's entries as stored: id -> Expected. NULL if it cannot be read. */
static GHashTable *
read_entries (const char *diary,
              char      **integrity)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         expected_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (diary, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      *integrity = g_strdup (sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    *integrity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    *integrity = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT id, note, deleted IS NOT NULL FROM pain_entries", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Expected *e = g_new0 (Expected, 1);

          e->note = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          e->deleted = sqlite3_column_int (stmt, 2);
          g_hash_table_insert (entries, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), e);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&entries);
}

static gboolean
parse_op (const char *line,
          Op         *op)
{
  g_auto(GStrv) fields = g_strsplit (line, " ", 3);
  guint n = g_strv_length (fields);

  if (n < 2 || strlen (fields[0]) != 1 || strchr ("NEDR", fields[0][0]) == NULL ||
      !g_uuid_string_is_valid (fields[1]))
    return FALSE;
  op->op = fields[0][0];
  op->id = g_strdup (fields[1]);
  op->note = n > 2 ? g_strdup (fields[2]) : NULL;
  return (op->op == 'N' || op->op == 'E') == (op->note != NULL);
}

static void
apply (GHashTable *expected,
       const Op   *op)
{
  Expected *e = g_hash_table_lookup (expected, op->id);

  switch (op->op)
    {
    case 'N':
      e = g_new0 (Expected, 1);
      e->note = g_strdup (op->note);
      g_hash_table_replace (expected, g_strdup (op->id), e);
      break;
    case 'E':
      g_assert_nonnull (e);
      g_free (e->note);
      e->note = g_strdup (op->note);
      break;
    case 'D':
      g_assert_nonnull (e);
      e->deleted = TRUE;
      break;
    case 'R':
      g_assert_nonnull (e);
      e->deleted = FALSE;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Whether the stored entry is as expected (NULL expected: absent). */
static gboolean
matches (const Expected *expected,
         const Expected *stored)
{
  if (expected == NULL)
    return stored == NULL;
  return stored != NULL && stored->deleted == expected->deleted &&
         g_strcmp0 (stored->note, expected->note) == 0;
}

static Expected *
expected_copy (const Expected *e)
{
  Expected *copy;

  if (e == NULL)
    return NULL;
  copy = g_new0 (Expected, 1);
  copy->note = g_strdup (e->note);
  copy->deleted = e->deleted;
  return copy;
}

/* Checks the diary after a kill against expected, which the writer's acknowledged lines
 * update; the operation in flight must be all done or not at all. Returns FALSE when the
 * diary could not be opened. */
static gboolean
check_diary (Soak        *soak,
             const char  *diary,
             guint        run,
             GStrv        lines,
             GHashTable  *expected,
             GHashTable  *required_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (Op));
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *integrity = NULL;
  guint lost_before = soak->lost;

  g_array_set_clear_func (pending, op_clear);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      Op op = { 0 };

      if (g_str_equal (lines[i], "S"))
        continue;
      if (g_str_equal (lines[i], "A"))
        {
          for (guint j = 0; j < pending->len; j++)
            {
              apply (expected, &g_array_index (pending, Op, j));
              soak->acknowledged++;
            }
          g_array_set_size (pending, 0);
          continue;
        }
      if (!parse_op (lines[i], &op))
        g_error ("run %u: the writer printed “%s”", run, lines[i]);
      g_array_append_val (pending, op);
    }

  if (!g_file_test (diary, G_FILE_TEST_EXISTS))
    {
      if (g_hash_table_size (expected) > 0 || required_ids != NULL)
        {
          problem (soak, "run %u: %s is gone", run, diary);
          soak->lost += g_hash_table_size (expected);
        }
      return TRUE;
    }

  soak->checked++;
  /* Open as the app would after a crash: it recovers the journal or WAL and checks the file. */
  db = pd_database_open (diary, PD_DATABASE_NO_BACKUPS, &error);
  if (db == NULL)
    {
      problem (soak, "run %u: %s cannot be opened: %s", run, diary, error->message);
      soak->unopenable++;
      return FALSE;
    }
  g_clear_object (&db);

  stored = read_entries (diary, &integrity);
  if (stored == NULL || g_strcmp0 (integrity, "ok") != 0)
    {
      problem (soak, "run %u: %s fails its integrity check: %s", run, diary, integrity);
      soak->unopenable++;
      return FALSE;
    }

  /* What the operation in flight touches: all as before it, or all as after it. */
  {
    g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_free);
    gboolean all_before = TRUE, all_after = TRUE;

    for (guint j = 0; j < pending->len; j++)
      {
        const Op *op = &g_array_index (pending, Op, j);

        if (!g_hash_table_contains (before, op->id))
          g_hash_table_insert (before, g_strdup (op->id),
                               expected_copy (g_hash_table_lookup (expected, op->id)));
      }
    for (guint j = 0; j < pending->len; j++)
      {
        const Op *op = &g_array_index (pending, Op, j);

        all_before &= matches (g_hash_table_lookup (before, op->id),
                               g_hash_table_lookup (stored, op->id));
      }
    for (guint j = 0; j < pending->len; j++)
      apply (expected, &g_array_index (pending, Op, j));
    for (guint j = 0; j < pending->len; j++)
      {
        const Op *op = &g_array_index (pending, Op, j);

        all_after &= matches (g_hash_table_lookup (expected, op->id),
                              g_hash_table_lookup (stored, op->id));
      }
    if (!all_before && !all_after)
      {
        problem (soak, "run %u: the operation in flight on %s (%c %s) is half done", run,
                 diary, g_array_index (pending, Op, 0).op, g_array_index (pending, Op, 0).id);
        soak->lost += pending->len;
      }
    /* From here on the diary's state of those entries is the truth. */
    for (guint j = 0; j < pending->len; j++)
      {
        const Op *op = &g_array_index (pending, Op, j);
        Expected *now = expected_copy (g_hash_table_lookup (stored, op->id));

        if (now != NULL)
          g_hash_table_replace (expected, g_strdup (op->id), now);
        else
          g_hash_table_remove (expected, op->id);
      }
  }

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        if (!matches (value, g_hash_table_lookup (stored, key)))
          {
            problem (soak, "run %u: %s: entry %s is not as acknowledged", run, diary,
                     (const char *) key);
            soak->lost++;
          }
      }
    if (required_ids != NULL)
      {
        g_hash_table_iter_init (&iter, required_ids);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          {
            if (!g_hash_table_contains (stored, key))
              {
                problem (soak, "run %u: %s: the migrated entry %s is missing", run, diary,
                         (const char *) key);
                soak->lost++;
              }
          }
      }
  }
  return soak->lost == lost_before;
}

/* A diary at schema 1, as the first release wrote it, with N_OLD_ENTRIES more entries. */
static void
make_old_template (Soak *soak)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "diary-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *bulk = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  soak->old_template = g_build_filename (soak->dir, "template-v1.db", NULL);
  g_assert_cmpint (sqlite3_open (soak->old_template, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  bulk = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO pain_entries"
    " SELECT printf('%%s-%%s-4%%s-8%%s-%%s', lower(hex(randomblob(4))), lower(hex(randomblob(2))),"
    "               substr(lower(hex(randomblob(2))), 2), substr(lower(hex(randomblob(2))), 2),"
    "               lower(hex(randomblob(6)))),"
    "        1700000000 + i * 3600, 3600, i %% 11, 'old ' || i, 1700000000 + i * 3600,"
    "        1700000000 + i * 3600"
    " FROM n", N_OLD_ENTRIES);
  g_assert_cmpint (sqlite3_exec (db, bulk, NULL, NULL, NULL), ==, SQLITE_OK);

  soak->old_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT lower(id) FROM pain_entries", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (soak->old_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
remove_diary (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  remove_tree (dir);
}

static int
schema_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

static void
soak_run (Soak  *soak,
          guint  run)
{
  RunKind kind = run % 5 == 1 ? RUN_CREATE : run % 5 == 3 ? RUN_MIGRATE : RUN_WRITE;
  g_autoptr(GHashTable) own_expected = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean from_first_write;
  guint delay_ms;
  guint n_acks = 0;

  switch (kind)
    {
    case RUN_CREATE:
    case RUN_MIGRATE:
      {
        g_autofree char *sub = g_strdup_printf ("%s/run-%u", soak->dir, run);

        g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
        path = g_build_filename (sub, "diary.db", NULL);
        if (kind == RUN_MIGRATE)
          copy_file (soak->old_template, path);
        own_expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_free);
        /* Counted from the start: the kill lands in creation or migration. Creation takes
         * a few milliseconds on an idle machine: most of its kills come early. */
        from_first_write = FALSE;
        delay_ms = kind == RUN_CREATE && run % 2 == 1 ? g_rand_int_range (soak->rand, 0, 12)
                   : g_rand_int_range (soak->rand, 0, kind == RUN_CREATE ? 150 : 250);
      }
      break;
    case RUN_WRITE:
    default:
      path = g_strdup (soak->diary);
      /* Every sixth from the start, to land in opening (recovery, backups) too. */
      from_first_write = run % 6 != 0;
      delay_ms = g_rand_int_range (soak->rand, 0, from_first_write ? 41 : 150);
      break;
    }

  lines = run_and_kill (soak, path, run, from_first_write, delay_ms);
  if (kind == RUN_CREATE && !g_file_test (path, G_FILE_TEST_EXISTS))
    soak->in_creation++;
  if (kind == RUN_MIGRATE && schema_version (path) < PD_DATABASE_SCHEMA_VERSION)
    soak->in_migration++;
  for (guint i = 0; lines[i] != NULL; i++)
    n_acks += g_str_equal (lines[i], "A");
  soak->runs_with_writes += n_acks > 0;

  check_diary (soak, path, run, lines, own_expected ? own_expected : soak->expected,
               kind == RUN_MIGRATE ? soak->old_ids : NULL);
  if (kind != RUN_WRITE)
    remove_diary (path);
}

static void
soak_init (Soak    *soak,
           guint32  seed)
{
  memset (soak, 0, sizeof *soak);
  soak->rand = g_rand_new_with_seed (seed);
  soak->writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  g_assert_true (g_file_test (soak->writer, G_FILE_TEST_IS_EXECUTABLE));
  soak->dir = make_tmp_dir ("pd-test-crash-XXXXXX");
  soak->diary = g_build_filename (soak->dir, "diary.db", NULL);
  soak->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_free);
  soak->problems = g_string_new (NULL);
  make_old_template (soak);
}

static void
soak_clear (Soak *soak)
{
  remove_tree (soak->dir);
  g_rand_free (soak->rand);
  g_free (soak->writer);
  g_free (soak->dir);
  g_free (soak->diary);
  g_free (soak->old_template);
  g_hash_table_unref (soak->old_ids);
  g_hash_table_unref (soak->expected);
  g_string_free (soak->problems, TRUE);
}

static void
test_kill_soak (void)
{
  Soak soak;

  soak_init (&soak, g_test_rand_int ());
  for (guint run = 0; run < N_RUNS; run++)
    soak_run (&soak, run);

  g_test_message ("%d kills (%u in creation, %u in migration), %u diaries checked, "
                  "%u acknowledged changes, %u runs wrote, %u lost records, "
                  "%u unopenable diaries",
                  N_RUNS, soak.in_creation, soak.in_migration, soak.checked, soak.acknowledged,
                  soak.runs_with_writes, soak.lost, soak.unopenable);
  if (soak.problems->len > 0)
    g_test_message ("%s", soak.problems->str);
  g_assert_cmpuint (soak.lost, ==, 0);
  g_assert_cmpuint (soak.unopenable, ==, 0);
  g_assert_cmpuint (soak.problems->len, ==, 0);
  /* Most kills must land while entries are being written, or this tests nothing. */
  g_assert_cmpuint (soak.runs_with_writes, >=, N_RUNS / 3);
  /* And some while a diary is created or migrated. */
  g_assert_cmpuint (soak.in_creation, >, 0);
  g_assert_cmpuint (soak.in_migration, >, 0);
  soak_clear (&soak);
}

/* The benchmark: --kills=N, figures on stdout. */
static int
run_benchmark (guint n_kills)
{
  Soak soak;
  gint64 start = g_get_monotonic_time ();

  soak_init (&soak, (guint32) g_get_real_time ());
  for (guint run = 0; run < n_kills; run++)
    soak_run (&soak, run);

  printf ("kills: %u (%u in creation, %u in migration)\n", n_kills, soak.in_creation,
          soak.in_migration);
  printf ("diaries checked: %u\n", soak.checked);
  printf ("acknowledged changes: %u\n", soak.acknowledged);
  printf ("lost records: %u\n", soak.lost);
  printf ("unopenable diaries: %u\n", soak.unopenable);
  printf ("seconds: %.1f\n", (g_get_monotonic_time () - start) / 1e6);
  if (soak.problems->len > 0)
    printf ("%s", soak.problems->str);
  fflush (stdout);
  {
    gboolean ok = soak.lost == 0 && soak.unopenable == 0 && soak.problems->len == 0;

    soak_clear (&soak);
    return ok ? 0 : 1;
  }
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    {
      guint64 n;

      if (g_str_has_prefix (argv[i], "--kills=") &&
          g_ascii_string_to_unsigned (argv[i] + strlen ("--kills="), 10, 1, G_MAXUINT, &n, NULL))
        {
          char *args[] = { argv[0], NULL };
          char **test_argv = args;
          int test_argc = 1;

          /* For g_test_build_filename(), which needs the test framework set up. */
          g_test_init (&test_argc, &test_argv, NULL);
          return run_benchmark ((guint) n);
        }
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-soak", test_kill_soak);
  return g_test_run ();
}
