/* bench-core.c: storage figures for the foundation (meson test --benchmark)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the median latency of saving one entry, the time to open a synthetic 10-year
 * diary until the History page's data (every entry, grouped by day) is ready, and the
 * peak resident set size, each against its target.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>

#include "pd-database.h"
#include "pd-day-group.h"
#include "pd-generator.h"

#define SAVE_RUNS 200
#define OPEN_RUNS 15
#define SAVE_TARGET_MS 10.0
#define OPEN_TARGET_MS 150.0

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
bench_save (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "save.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_no_error (error);
  for (int i = 0; i < SAVE_RUNS; i++)
    {
      g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
      gint64 start;
      double ms;

      pd_pain_entry_set_pain (entry, i % 11);
      pd_pain_entry_set_note (entry, "Benchmark entry");
      start = g_get_monotonic_time ();
      if (!pd_database_save_pain_entry (db, entry, &error))
        g_error ("save failed: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  return median (times);
}

static double
bench_open (const char *path,
            guint      *n_entries,
            guint      *n_days)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < OPEN_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdDatabase) db = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(GListModel) groups = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
      g_assert_no_error (error);
      entries = pd_database_list_pain_entries (db, G_MININT64, G_MAXINT64, &error);
      g_assert_no_error (error);
      groups = pd_day_groups_new (entries, NULL);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      *n_entries = entries->len;
      *n_days = g_list_model_get_n_items (groups);
    }
  return median (times);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pd-bench-XXXXXX", &error);
  g_autofree char *big = NULL;
  PdGeneratorOptions options = { 0 };
  struct rusage usage;
  double save_ms, open_ms, generate_ms;
  guint n_entries = 0, n_days = 0;
  gint64 start;

  g_assert_no_error (error);
  big = g_build_filename (dir, "ten-years.db", NULL);

  save_ms = bench_save (dir);

  options.days = 3650;
  options.entries_per_day = 6;
  options.seed = 42;
  g_date_set_dmy (&options.end_date, 22, G_DATE_NOVEMBER, 2026);
  start = g_get_monotonic_time ();
  {
    g_autoptr(PdDatabase) db = pd_database_open (big, PD_DATABASE_NO_BACKUPS, &error);
    g_assert_no_error (error);
    if (!pd_generator_fill (db, &options, &error))
      g_error ("generator failed: %s", error->message);
  }
  generate_ms = (g_get_monotonic_time () - start) / 1000.0;

  open_ms = bench_open (big, &n_entries, &n_days);
  getrusage (RUSAGE_SELF, &usage);

  g_print ("synthetic 10-year diary: %u entries over %u days (generated in %.0f ms)\n",
           n_entries, n_days, generate_ms);
  g_print ("save one entry (median of %d): %.2f ms  [target < %.0f ms: %.2fx of target]\n",
           SAVE_RUNS, save_ms, SAVE_TARGET_MS, save_ms / SAVE_TARGET_MS);
  g_print ("open 10-year diary until History data ready (median of %d): %.1f ms  "
           "[target < %.0f ms: %.2fx of target]\n",
           OPEN_RUNS, open_ms, OPEN_TARGET_MS, open_ms / OPEN_TARGET_MS);
  g_print ("peak RSS: %.1f MiB\n", usage.ru_maxrss / 1024.0);

  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *a = g_strconcat (big, suffixes[i], NULL);
        g_autofree char *b = g_strconcat (dir, "/save.db", suffixes[i], NULL);
        g_unlink (a);
        g_unlink (b);
      }
    g_rmdir (dir);
  }

  /* Shared machines are noisy: the verdict is printed for a person to read, not turned
   * into a failing exit status. */
  g_print ("verdict: save %s, open %s\n",
           save_ms < SAVE_TARGET_MS ? "within target" : "OVER TARGET",
           open_ms < OPEN_TARGET_MS ? "within target" : "OVER TARGET");
  return 0;
}
