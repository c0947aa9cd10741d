/* bench-core.c: storage figures for the foundation (meson test --benchmark)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the median latency of saving one entry, the time to open a synthetic 10-year
 * diary (6 entries, 8 doses and 3 activities a day) until the History page's data (every
 * record, grouped by day) is ready, the time until the Today page's data (the day's due
 * doses, MME and warnings) is ready, and the peak resident set size, each against its
 * target.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <time.h>

#include "pd-database.h"
#include "pd-day-group.h"
#include "pd-generator.h"
#include "pd-medication-checks.h"
#include "pd-types.h"

#define SAVE_RUNS 200
#define OPEN_RUNS 15
#define SAVE_TARGET_MS 10.0
#define OPEN_TARGET_MS 150.0
#define TODAY_TARGET_MS 150.0

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

/* Milliseconds of CPU this process used: on a busy machine the wall-clock figures grow with
 * the other load, this much less. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
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

typedef struct
{
  guint n_entries;
  guint n_doses;
  guint n_activities;
  guint n_medications;
  guint n_days;
} DiarySize;

static double
bench_open_history (const char *path,
                    DiarySize  *size,
                    double     *cpu)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < OPEN_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdDatabase) db = NULL;
      g_autoptr(PdDiaryData) data = NULL;
      g_autoptr(GListModel) groups = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      double ms, cpu_used;

      db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
      g_assert_no_error (error);
      data = pd_database_load (db, &error);
      g_assert_no_error (error);
      groups = pd_day_groups_new_full (data, NULL, PD_DAY_GROUPS_ALL_KINDS);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu_used = cpu_ms () - cpu_start;
      g_array_append_val (times, ms);
      g_array_append_val (cpu_times, cpu_used);
      size->n_entries = data->pain_entries->len;
      size->n_doses = data->doses->len;
      size->n_activities = data->activities->len;
      size->n_medications = data->medications->len;
      size->n_days = g_list_model_get_n_items (groups);
    }
  *cpu = median (cpu_times);
  return median (times);
}

/* Today: the doses due on the diary's last day with their state, the day's MME and the
 * safety warnings. */
static double
bench_open_today (const char *path,
                  guint32     today,
                  guint      *n_due,
                  double     *mme,
                  double     *cpu)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < OPEN_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdDatabase) db = NULL;
      g_autoptr(PdDiaryData) data = NULL;
      g_autoptr(GPtrArray) due = NULL;
      g_autoptr(GPtrArray) warnings = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      double ms, cpu_used;

      db = pd_database_open (path, PD_DATABASE_NO_BACKUPS, &error);
      g_assert_no_error (error);
      /* As the window does: the last weeks first (pd-window.c RECENT_DAYS), so that Today
       * does not wait for ten years of History. */
      data = pd_database_load_range (db, pd_local_day_start (today - 32, 0), G_MAXINT64, &error);
      g_assert_no_error (error);
      due = pd_due_doses (data->medications, data->doses, today);
      *mme = pd_daily_mme (data->doses, data->medications, today);
      warnings = pd_day_warnings (data->doses, data->medications, today);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu_used = cpu_ms () - cpu_start;
      g_array_append_val (times, ms);
      g_array_append_val (cpu_times, cpu_used);
      *n_due = due->len;
    }
  *cpu = median (cpu_times);
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
  double save_ms, open_ms, today_ms, generate_ms, mme = 0;
  double open_cpu_ms = 0, today_cpu_ms = 0;
  DiarySize size = { 0 };
  guint n_due = 0;
  gint64 start;

  g_assert_no_error (error);
  big = g_build_filename (dir, "ten-years.db", NULL);

  save_ms = bench_save (dir);

  options.days = 3650;
  options.entries_per_day = 6;
  options.seed = 42;
  options.doses_per_day = 8;
  options.activities_per_day = 3;
  g_date_set_dmy (&options.end_date, 22, G_DATE_NOVEMBER, 2026);
  start = g_get_monotonic_time ();
  {
    g_autoptr(PdDatabase) db = pd_database_open (big, PD_DATABASE_NO_BACKUPS, &error);
    g_assert_no_error (error);
    if (!pd_generator_fill (db, &options, &error))
      g_error ("generator failed: %s", error->message);
  }
  generate_ms = (g_get_monotonic_time () - start) / 1000.0;

  open_ms = bench_open_history (big, &size, &open_cpu_ms);
  today_ms = bench_open_today (big, g_date_get_julian (&options.end_date), &n_due, &mme,
                               &today_cpu_ms);
  getrusage (RUSAGE_SELF, &usage);

  g_print ("synthetic 10-year diary: %u entries, %u doses (%u medications), %u activities "
           "over %u days (generated in %.0f ms)\n",
           size.n_entries, size.n_doses, size.n_medications, size.n_activities, size.n_days,
           generate_ms);
  g_print ("save one entry (median of %d): %.2f ms  [target < %.0f ms: %.2fx of target]\n",
           SAVE_RUNS, save_ms, SAVE_TARGET_MS, save_ms / SAVE_TARGET_MS);
  g_print ("open 10-year diary until History data ready (median of %d): %.1f ms  "
           "[target < %.0f ms: %.2fx of target]  (CPU %.1f ms)\n",
           OPEN_RUNS, open_ms, OPEN_TARGET_MS, open_ms / OPEN_TARGET_MS, open_cpu_ms);
  g_print ("open 10-year diary until Today ready (due doses, MME, warnings; median of %d): "
           "%.1f ms  [target < %.0f ms: %.2fx of target]  (CPU %.1f ms; %u doses due, "
           "%.0f MME)\n",
           OPEN_RUNS, today_ms, TODAY_TARGET_MS, today_ms / TODAY_TARGET_MS, today_cpu_ms,
           n_due, mme);
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
  g_print ("verdict: save %s, open %s, today %s\n",
           save_ms < SAVE_TARGET_MS ? "within target" : "OVER TARGET",
           open_ms < OPEN_TARGET_MS ? "within target" : "OVER TARGET",
           today_ms < TODAY_TARGET_MS ? "within target" : "OVER TARGET");
  return 0;
}
