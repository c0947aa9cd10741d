/* test-report.c: the clinician report of a diary with known values, read back with pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "pd-database.h"
#include "pd-cyp2d6.h"
#include "pd-report.h"
#include "pd-report-private.h"
#include "pd-report-tasks.h"
#include "pd-tags.h"
#include "pd-types.h"
#include "record-builders.h"
#include "report-test-util.h"

#define OFFSET 3600               /* +01:00 */
#define N_DAYS 28
#define SURGERY_DAY 14            /* the first day of pain 3 */
#define RED_FLAG_DAY 20

typedef struct
{
  char *dir;
  char *diary;
  guint32 first;                 /* the first day with data: 2025-03-03, a Monday */
} Fixture;

/* A day as the report writes it in the C locale: "3 Mar 2025". */
static char *
day_text (guint32 day)
{
  GDate date;
  char buffer[32];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_date_strftime (buffer, sizeof buffer, "%-d %b %Y", &date);
  return g_strdup (buffer);
}

static gint64
at (guint32 day, guint minute)
{
  return pd_local_day_start (day, OFFSET) + minute * 60;
}

/* 14 days of pain 6 then 14 of pain 3 (one entry a day, PEG items 5 and 4), a surgery on
 * the first day of pain 3, acetaminophen twice a day (the evening dose taken every other
 * day) and tramadol 50 mg as needed on the days of pain 6, one red flag, two notes. */
static void
build_diary (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) medications = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) doses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  PdMedication *acetaminophen = pd_medication_new_from_catalogue ("acetaminophen");
  PdMedication *tramadol = pd_medication_new_from_catalogue ("tramadol");
  PdEvent *surgery = pd_event_new ();
  const guint schedule[] = { 8 * 60, 20 * 60 };

  f->first = julian (2025, 3, 3);
  db = pd_database_open (f->diary, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "patient_name", "Maria Example", &error));
  g_assert_true (pd_database_set_meta (db, "surgery_date", "2024-11-05", &error));

  pd_medication_set_schedule (acetaminophen, schedule, G_N_ELEMENTS (schedule));
  pd_medication_set_start_day (acetaminophen, f->first);
  pd_medication_set_schedule (tramadol, NULL, 0);
  pd_medication_set_start_day (tramadol, f->first);
  g_ptr_array_add (medications, acetaminophen);
  g_ptr_array_add (medications, tramadol);

  for (guint i = 0; i < N_DAYS; i++)
    {
      guint32 day = f->first + i;
      PdPainEntry *entry = pd_pain_entry_new ();

      pd_pain_entry_set_time (entry, at (day, 9 * 60), OFFSET);
      pd_pain_entry_set_pain (entry, i < SURGERY_DAY ? 6 : 3);
      pd_pain_entry_set_enjoyment_interference (entry, 5);
      pd_pain_entry_set_activity_interference (entry, 4);
      if (i == RED_FLAG_DAY)
        pd_pain_entry_set_red_flags (entry, 1u << 0);
      if (i == 3)
        pd_pain_entry_set_note (entry, "Sat through a whole film");
      if (i == 25)
        pd_pain_entry_set_note (entry, "Walked to the bakery & back");
      g_ptr_array_add (entries, entry);

      for (guint t = 0; t < 2; t++)
        {
          PdDose *dose;

          if (t == 1 && i % 2 == 1)
            continue;
          dose = pd_dose_new ();
          pd_dose_set_medication_id (dose, pd_medication_get_id (acetaminophen));
          pd_dose_set_name (dose, "Acetaminophen");
          pd_dose_set_amount (dose, 1000);
          pd_dose_set_unit (dose, "mg");
          pd_dose_set_time (dose, at (day, schedule[t]), OFFSET);
          pd_dose_set_scheduled_time (dose, schedule[t]);
          g_ptr_array_add (doses, dose);
        }
      if (i < SURGERY_DAY)
        {
          PdDose *dose = pd_dose_new ();

          pd_dose_set_medication_id (dose, pd_medication_get_id (tramadol));
          pd_dose_set_name (dose, "Tramadol");
          pd_dose_set_amount (dose, 50);
          pd_dose_set_unit (dose, "mg");
          pd_dose_set_time (dose, at (day, 12 * 60), OFFSET);
          g_ptr_array_add (doses, dose);
        }
    }
  pd_event_set_kind (surgery, "surgery");
  pd_event_set_title (surgery, "Lumbar fusion L4-L5");
  pd_event_set_time (surgery, at (f->first + SURGERY_DAY, 7 * 60), OFFSET);
  g_ptr_array_add (events, surgery);

  g_assert_true (pd_database_save_records (db, entries, medications, doses, NULL, events, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = make_tmp_dir ("test-report-XXXXXX");
  f->diary = g_build_filename (f->dir, "diary.db", NULL);
  build_diary (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->diary);
  g_free (f->dir);
}

static PdReport *
load (Fixture                *f,
      guint32                 first,
      guint32                 last,
      const PdReportSections *sections)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (f->diary,
                                               PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS,
                                               &error);
  PdReport *report;

  g_assert_no_error (error);
  report = pd_report_load (db, first, last, sections, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static char *
write_report (Fixture  *f,
              PdReport *report,
              PdPaper   paper,
              int      *n_pages)
{
  g_autoptr(GError) error = NULL;
  char *pdf = g_build_filename (f->dir, "report.pdf", NULL);

  g_assert_true (pd_report_write_pdf (report, pdf, paper, n_pages, &error));
  g_assert_no_error (error);
  return pdf;
}

/* The fixture's diary, open to write, with doses (logged as needed) saved in it. */
static PdDatabase *
save_doses (Fixture   *f,
            GPtrArray *doses)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db = pd_database_open (f->diary, PD_DATABASE_NO_BACKUPS, &error);

  g_assert_no_error (error);
  g_assert_true (pd_database_save_records (db, NULL, NULL, doses, NULL, NULL, &error));
  g_assert_no_error (error);
  return db;
}

static void
test_whole_period (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PdReport) report = load (f, f->first, f->first + N_DAYS - 1, NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = day_text (f->first);
  g_autofree char *best = day_text (f->first + SURGERY_DAY);
  g_autofree char *flag_day = day_text (f->first + RED_FLAG_DAY);
  g_autofree char *expected = NULL;
  struct stat st;
  int n_pages = 0;

  pdf = write_report (f, report, PD_PAPER_A4, &n_pages);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  text = pdf_text (pdf);

  assert_contains (text, "Maria Example");
  /* Dates in the locale's words, as the window writes them: the surgery's from the diary's
   * meta, the period's, the notes'; no ISO date but the ISO weeks of the PEG table. */
  assert_contains (text, "Surgery: 5 Nov 2024");
  assert_contains (text, "Period: 3 Mar 2025 to 30 Mar 2025 (28 days)");
  g_assert_false (g_regex_match_simple ("[0-9]{4}-[0-9]{2}-[0-9]{2}", text, 0, 0));
  /* Average, best and worst day. */
  assert_contains (text, "Average pain (0–10) Best day (lowest mean) Worst day (highest mean) 4.5");
  expected = g_strdup_printf ("3.0 on %s", best);
  assert_contains (text, expected);
  g_free (expected);
  expected = g_strdup_printf ("6.0 on %s", first);
  assert_contains (text, expected);
  g_free (expected);
  /* Nothing was recorded in the 28 days before. */
  assert_contains (text, "Not enough data to compare");
  /* The red flag, its day and the advice. */
  expected = g_strdup_printf ("%s %s", flag_day, pd_tag_label (PD_TAG_RED_FLAG, 0));
  assert_contains (text, expected);
  g_free (expected);
  assert_contains (text, "ask the care team");
  /* PEG of the first week: (6 + 5 + 4) / 3. */
  assert_contains (text, "2025-W10 (from 3 Mar 2025) 7 6.0 5.0 4.0 5.0");
  /* Medications: the evening dose taken every other day; tramadol's MME (50 x 0.2). */
  assert_contains (text, "Acetaminophen 08:00, 20:00 10 of 14 (71%) 42 of 56 (75%)");
  assert_contains (text, "Tramadol as needed");
  assert_contains (text, "0–10 morphine milligram equivalents");
  /* Before and after the surgery, worded as an observation. */
  assert_contains (text, "Lumbar fusion L4-L5");
  assert_contains (text, "Pain was lower after");
  assert_contains (text, "Change: -3.0 points (-50%)");
  g_assert_null (strstr (text, "worked"));
  /* Notes, dated, with the score; the daily table. */
  assert_contains (text, "6 Mar 2025 09:00 pain 6 Sat through a whole film");
  assert_contains (text, "Walked to the bakery & back");
  assert_contains (text, "Daily values");
  assert_contains (text, "Mon 3 Mar 2025 1 6.0 6 6");
  expected = g_strdup_printf ("Page 1 of %d", n_pages);
  assert_contains (text, expected);
  g_free (expected);
  expected = g_strdup_printf ("Page %d of %d", n_pages, n_pages);
  assert_contains (text, expected);
}

/* Page 1 lists the days of each medication safety flag and the CYP2D6 status: gabapentin
 * with the fixture's tramadol on two days, a poor metaboliser taking tramadol on 14. */
static void
test_medication_safety (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdReport) report = NULL;
  g_autoptr(GPtrArray) doses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *gabapentin_days = NULL;
  g_autofree char *cyp2d6_days = NULL;
  g_autofree char *day_0 = day_text (f->first);
  g_autofree char *day_2 = day_text (f->first + 2);
  g_autofree char *day_5 = day_text (f->first + 5);
  const char *page_2;

  for (guint i = 2; i <= 5; i += 3)
    g_ptr_array_add (doses, test_dose_at ("Gabapentin", 300, "mg", f->first + i, 22 * 60, OFFSET));
  db = save_doses (f, doses);
  g_assert_true (pd_database_set_cyp2d6 (db, PD_CYP2D6_POOR, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  report = load (f, f->first, f->first + N_DAYS - 1, NULL);
  pdf = write_report (f, report, PD_PAPER_A4, NULL);
  text = pdf_text (pdf);
  page_2 = strstr (text, "Page 2 of");
  g_assert_nonnull (page_2);

  assert_contains (text, "Medication safety");
  gabapentin_days = g_strdup_printf ("Opioid and gabapentinoid the same day (slowed breathing): "
                                     "2 days (%s, %s)", day_2, day_5);
  assert_contains (text, gabapentin_days);
  g_assert_true (strstr (text, gabapentin_days) < page_2);
  cyp2d6_days = g_strdup_printf ("Codeine or tramadol with an ultrarapid or poor CYP2D6 status: "
                                 "14 days (%s,", day_0);
  assert_contains (text, cyp2d6_days);
  assert_contains (text, "and 8 more)");
  assert_contains (text, "CYP2D6 status (from the patient's genetic test report): Poor metaboliser.");
  assert_contains (text, "poor metabolisers get little relief");
  g_assert_null (strstr (text, "a level guidance flags"));
}

static void
test_meaningful_change (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PdReport) report = load (f, f->first + SURGERY_DAY, f->first + N_DAYS - 1, NULL);
  g_autofree char *pdf = write_report (f, report, PD_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (pdf);

  assert_contains (text, "Change from the previous 14 days");
  assert_contains (text, "Average pain 3.0, down from 6.0: -3.0 points (-50%).");
  assert_contains (text, "Meaningful change: pain was at least 30% and at least 2 points lower");
  assert_contains (text, "No opioid doses were logged in this period.");
}

static void
test_no_clear_change (Fixture       *f,
                      gconstpointer  data)
{
  /* Days 7-13 (pain 6) after days 0-6 (pain 6). */
  g_autoptr(PdReport) report = load (f, f->first + 7, f->first + 13, NULL);
  g_autofree char *pdf = write_report (f, report, PD_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (pdf);

  assert_contains (text, "No clear change");
  assert_contains (text, "No red-flag symptoms were recorded in this period.");
}

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  PdReportSections sections = { FALSE, FALSE, FALSE, FALSE };
  g_autoptr(PdReport) summary = load (f, f->first, f->first + N_DAYS - 1, &sections);
  g_autoptr(PdReport) some = NULL;
  g_autoptr(PdReport) all = NULL;
  int n_summary, n_some, n_all;
  double width, height;

  sections.charts = TRUE;
  some = load (f, f->first, f->first + N_DAYS - 1, &sections);
  all = load (f, f->first, f->first + N_DAYS - 1, NULL);
  pd_paper_get_size (PD_PAPER_A4, &width, &height);
  n_summary = pd_report_get_n_pages (summary, width, height);
  n_some = pd_report_get_n_pages (some, width, height);
  n_all = pd_report_get_n_pages (all, width, height);
  g_test_message ("pages: summary %d, with charts %d, all %d", n_summary, n_some, n_all);
  g_assert_cmpint (n_summary, ==, 1);
  g_assert_cmpint (n_some, >, n_summary);
  g_assert_cmpint (n_all, >, n_some);

  /* The written file has the pages the layout counted. */
  {
    g_autofree char *pdf = NULL;
    g_autofree char *text = NULL;
    g_autofree char *last = NULL;
    int n_written;

    pdf = write_report (f, all, PD_PAPER_A4, &n_written);
    g_assert_cmpint (n_written, ==, n_all);
    text = pdf_text (pdf);
    last = g_strdup_printf ("Page %d of %d", n_all, n_all);
    assert_contains (text, last);
  }
  {
    g_autofree char *pdf = write_report (f, summary, PD_PAPER_A4, NULL);
    g_autofree char *text = pdf_text (pdf);

    g_assert_null (strstr (text, "Daily values"));
    g_assert_null (strstr (text, "Sat through a whole film"));
  }
}

static void
test_long_period (Fixture       *f,
                  gconstpointer  data)
{
  /* A year, mostly empty: the daily table runs over many pages, each with its header. */
  g_autoptr(PdReport) report = load (f, f->first - 300, f->first + 64, NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  int n_pages;

  pdf = write_report (f, report, PD_PAPER_LETTER, &n_pages);
  g_assert_cmpint (n_pages, >=, 8);
  text = pdf_text (pdf);
  assert_contains (text, "The last 8 of");
  /* The table starts after the summary, the charts and the events and notes: on the same
   * page as the notes, which leave most of it empty, rather than on a page of its own after
   * them. Every page from there on repeats its header. */
  {
    g_auto(GStrv) pages = g_regex_split_simple ("Page [0-9]+ of [0-9]+", text, 0, 0);
    int first = -1;

    g_assert_cmpint (g_strv_length (pages), ==, n_pages + 1);
    for (int i = 0; i < n_pages; i++)
      {
        g_auto(GStrv) headers = g_strsplit (pages[i], "Date Entries Mean", -1);

        if (first < 0 && strstr (pages[i], "Daily values") != NULL)
          first = i;
        g_assert_cmpint (g_strv_length (headers) - 1, ==, first >= 0 ? 1 : 0);
      }
    g_assert_cmpint (first, ==, 2);
    g_assert_nonnull (strstr (pages[first], "Notes"));
    g_assert_true (strstr (pages[first], "Notes") < strstr (pages[first], "Daily values"));
  }
}

static void
test_not_set (void)
{
  g_autoptr(PdDiaryData) data = g_new0 (PdDiaryData, 1);
  g_autoptr(PdReport) report = NULL;
  guint32 day = julian (2025, 6, 1);
  g_autofree char *dir = make_tmp_dir ("test-report-XXXXXX");
  g_autofree char *pdf = g_build_filename (dir, "empty.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int n_pages;

  data->pain_entries = g_ptr_array_new_with_free_func (g_object_unref);
  data->medications = g_ptr_array_new_with_free_func (g_object_unref);
  data->doses = g_ptr_array_new_with_free_func (g_object_unref);
  data->activities = g_ptr_array_new_with_free_func (g_object_unref);
  data->events = g_ptr_array_new_with_free_func (g_object_unref);
  report = pd_report_new (data, day, day + 29, NULL, "", NULL, NULL);
  g_assert_true (pd_report_write_pdf (report, pdf, PD_PAPER_LETTER, &n_pages, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_contains (text, "Patient: not set Surgery: not set");
  assert_contains (text, "No pain entries in this period.");
  assert_contains (text, "No treatment events in this period.");
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PdReport) report = load (f, f->first, f->first + 6, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);

  g_assert_false (pd_report_write_pdf (report, pdf, PD_PAPER_A4, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_paper (void)
{
  double width, height;

  g_assert_cmpint (pd_paper_from_locale_name ("en_US.UTF-8"), ==, PD_PAPER_LETTER);
  g_assert_cmpint (pd_paper_from_locale_name ("fr_CA.UTF-8"), ==, PD_PAPER_LETTER);
  g_assert_cmpint (pd_paper_from_locale_name ("es_MX"), ==, PD_PAPER_LETTER);
  g_assert_cmpint (pd_paper_from_locale_name ("en_GB.UTF-8"), ==, PD_PAPER_A4);
  g_assert_cmpint (pd_paper_from_locale_name ("de_DE.UTF-8@euro"), ==, PD_PAPER_A4);
  g_assert_cmpint (pd_paper_from_locale_name ("C.UTF-8"), ==, PD_PAPER_A4);
  g_assert_cmpint (pd_paper_from_locale_name ("POSIX"), ==, PD_PAPER_A4);
  g_assert_cmpint (pd_paper_from_locale_name (""), ==, PD_PAPER_A4);
  g_assert_cmpint (pd_paper_from_locale_name (NULL), ==, PD_PAPER_A4);
  /* LC_PAPER's sizes (glibc): Letter 216 x 279 mm, A4 210 x 297 mm. */
  g_assert_cmpint (pd_paper_from_size_mm (216, 279), ==, PD_PAPER_LETTER);
  g_assert_cmpint (pd_paper_from_size_mm (210, 297), ==, PD_PAPER_A4);
  g_assert_cmpint (pd_paper_from_size_mm (0, 0), ==, PD_PAPER_A4);
  /* The test environment runs in C.UTF-8: A4. */
  g_assert_cmpint (pd_paper_for_current_locale (), ==, PD_PAPER_A4);

  pd_paper_get_size (PD_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);
  pd_paper_get_size (PD_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.001);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.001);
}

/* The asynchronous load and write the window uses */

static PdReport *
load_async (PdDatabase              *db,
            guint32                  first,
            guint32                  last,
            const PdReportSections  *sections,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pd_report_load_async (db, first, last, sections, PD_PAPER_A4, cancellable, store_result_cb, &result);
  return pd_report_load_finish (wait_for_result (&result), error);
}

static void
test_tasks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (f->diary, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS,
                                               &error);
  g_autoptr(PdReport) whole = NULL;
  g_autoptr(PdReport) week = NULL;
  g_autoptr(PdReport) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "async.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *period = NULL;
  g_autofree char *from = day_text (f->first);
  g_autofree char *to = day_text (f->first + N_DAYS - 1);
  double width, height;
  int n_pages;

  g_assert_no_error (error);
  pd_paper_get_size (PD_PAPER_A4, &width, &height);

  /* First day 0: the whole diary, from its first day with data to its last. */
  whole = load_async (db, 0, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_report_get_first_day (whole), ==, f->first);
  g_assert_cmpuint (pd_report_get_last_day (whole), ==, f->first + N_DAYS - 1);
  sync = load (f, f->first, f->first + N_DAYS - 1, NULL);
  g_assert_cmpint (pd_report_get_n_pages (whole, width, height), ==,
                   pd_report_get_n_pages (sync, width, height));

  pd_report_write_pdf_async (whole, pdf, PD_PAPER_A4, NULL, store_result_cb, &result);
  n_pages = pd_report_write_pdf_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, ==, pd_report_get_n_pages (whole, width, height));
  text = pdf_text (pdf);
  period = g_strdup_printf ("%s to %s (%d days)", from, to, N_DAYS);
  assert_contains (text, "Maria Example");
  assert_contains (text, period);
  g_clear_object (&result);

  /* A range, with its sections. */
  {
    PdReportSections none = { FALSE, FALSE, FALSE, FALSE };

    week = load_async (db, f->first + 14, f->first + 20, &none, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pd_report_get_first_day (week), ==, f->first + 14);
    g_assert_cmpuint (pd_report_get_last_day (week), ==, f->first + 20);
    g_assert_cmpint (pd_report_get_n_pages (week, width, height), ==, 1);
  }

  /* Cancelled: nothing. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(PdReport) none = NULL;

    g_cancellable_cancel (cancellable);
    none = load_async (db, 0, 0, NULL, cancellable, &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* A file that cannot be written: the error, and -1. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "no-such-folder", "r.pdf", NULL);

    pd_report_write_pdf_async (week, bad, PD_PAPER_A4, NULL, store_result_cb, &result);
    g_assert_cmpint (pd_report_write_pdf_finish (wait_for_result (&result), &error), ==, -1);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_clear_error (&error);
  }
}

static void
test_tasks_empty (void)
{
  g_autofree char *dir = make_tmp_dir ("test-report-XXXXXX");
  g_autofree char *diary = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (diary, PD_DATABASE_NO_BACKUPS, &error);
  g_autoptr(PdReport) report = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  guint32 first = 1, last = 1;

  g_assert_no_error (error);
  data = load_diary (db);
  g_assert_false (pd_report_data_days (data, &first, &last));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 1);

  /* The whole of an empty diary: today. */
  report = load_async (db, 0, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_report_get_first_day (report), ==, pd_local_today (NULL));
  g_assert_cmpuint (pd_report_get_last_day (report), ==, pd_local_today (NULL));

  g_clear_object (&db);
  remove_tree (dir);
}

/* A medication stopped in the period, on a schedule of four times: its row wraps rather
 * than cutting off the stop date ("08:00, 12:00, 16:00, 20:00, stopped 2026-10…"). */
static void
test_stopped_medication (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (f->diary, PD_DATABASE_NO_BACKUPS, &error);
  g_autoptr(PdMedication) gabapentin = pd_medication_new_from_catalogue ("gabapentin");
  g_autoptr(PdReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stop = day_text (f->first + 20);
  const guint schedule[] = { 8 * 60, 12 * 60, 16 * 60, 20 * 60 };
  char *section, *end;

  g_assert_no_error (error);
  pd_medication_set_schedule (gabapentin, schedule, G_N_ELEMENTS (schedule));
  pd_medication_set_start_day (gabapentin, f->first);
  pd_medication_set_stop_day (gabapentin, f->first + 20);
  g_assert_true (pd_database_save_medication (db, gabapentin, &error));
  g_clear_object (&db);

  report = load (f, f->first, f->first + N_DAYS - 1, NULL);
  for (guint paper = PD_PAPER_A4; paper <= PD_PAPER_LETTER; paper++)
    {
      g_clear_pointer (&pdf, g_free);
      g_clear_pointer (&text, g_free);
      pdf = write_report (f, report, paper, NULL);
      text = pdf_text (pdf);
      /* The table's text, where pdftotext puts a wrapped cell's second line after the
       * row's other cells. */
      section = strstr (text, "Current medications");
      g_assert_nonnull (section);
      end = strstr (section, "Daily opioid dose");
      g_assert_nonnull (end);
      *end = '\0';
      assert_contains (section, "Gabapentin");
      assert_contains (section, "08:00, 12:00, 16:00, 20:00, stopped");
      assert_contains (section, stop);
      g_assert_null (strstr (section, "…"));
    }
}

static gboolean
is_small_print (const PdReportBlock *block)
{
  return block->kind == PD_REPORT_BLOCK_TEXT && block->size < PD_REPORT_BODY_SIZE;
}

/* Laid out on pages from 400 to 900 points high (every other point): no page holds only
 * small print, none begins with a footnote (small print belongs under what it explains;
 * small print that introduces a section follows its heading), and a page that goes on
 * with a table holds at least two of its rows. */
static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PdReport) report = load (f, f->first - 40, f->first + N_DAYS - 1, NULL);
  double width, height;

  pd_paper_get_size (PD_PAPER_A4, &width, &height);
  for (double h = 400; h <= 900; h += 2)
    {
      int n_pages = pd_report_get_n_pages (report, width, h);

      for (int page = 1; page < n_pages; page++)
        {
          guint first, end, start, n_small = 0, n_blocks = 0, n_rows = 0;
          const PdReportBlock *top;

          _pd_report_get_page_range (report, page, &first, &end);
          for (start = first; start < end && _pd_report_get_block (report, start)->kind ==
                                             PD_REPORT_BLOCK_SPACE; start++)
            ;
          g_assert_cmpuint (start, <, end);
          top = _pd_report_get_block (report, start);
          for (guint i = start; i < end; i++)
            {
              const PdReportBlock *block = _pd_report_get_block (report, i);

              n_blocks += block->kind != PD_REPORT_BLOCK_SPACE;
              n_small += is_small_print (block);
              n_rows += block->kind == PD_REPORT_BLOCK_ROW && block->table == top->table;
            }
          if (n_small == n_blocks || is_small_print (top))
            g_error ("%.0f pt pages: page %d holds %u blocks, %u of them small print, the "
                     "first “%s”", h, page + 1, n_blocks, n_small, top->markup);
          if (top->kind == PD_REPORT_BLOCK_ROW && !top->header && n_rows < 2)
            g_error ("%.0f pt pages: page %d goes on with one row of a table (“%s”)", h,
                     page + 1, top->cells[0]);
        }
    }
}

/* Doses that count nothing toward the MME (a Percocet of unknown strength, oxycodone in
 * tablets) on two days of pain 3, where nothing else is an opioid: the report does not say
 * that no opioid was logged; it names the doses and the days whose totals are too low, and
 * the daily table marks those days' MME. */
static void
test_not_counted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PdReport) report = NULL;
  g_autoptr(GPtrArray) doses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *day_16 = day_text (f->first + 16);
  g_autofree char *day_20 = day_text (f->first + 20);
  g_autofree char *day_17 = day_text (f->first + 17);
  g_autofree char *row_16 = NULL;
  g_autofree char *row_17 = NULL;
  static const struct { const char *name; guint day; } logged[] = {
    { "Percocet", 16 }, { "Oxycodone", 20 }, { "Percocet", 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (logged); i++)
    g_ptr_array_add (doses, test_dose_at (logged[i].name, 2, "tablet", f->first + logged[i].day,
                                          12 * 60, OFFSET));
  g_object_unref (save_doses (f, doses));

  report = load (f, f->first + SURGERY_DAY, f->first + N_DAYS - 1, NULL);
  pdf = write_report (f, report, PD_PAPER_A4, NULL);
  text = pdf_text (pdf);

  g_assert_null (strstr (text, "No opioid doses were logged"));
  assert_contains (text, "No opioid dose could be counted in this period.");
  expected = g_strdup_printf ("Doses not counted in the daily MME or acetaminophen total "
                              "(because of their unit, or an unknown strength): Percocet, 2 "
                              "tablets; Oxycodone, 2 tablets. The totals of 2 days are too low "
                              "(%s, %s).", day_16, day_20);
  assert_contains (text, expected);
  /* Day 16: pain 3 once, acetaminophen once (an even day: twice), Percocet: 3 doses. */
  row_16 = g_strdup_printf ("%s 1 3.0 3 3 – – 3 0* 0", day_16);
  assert_contains (text, row_16);
  /* Day 17, nothing left out: acetaminophen once. */
  row_17 = g_strdup_printf ("%s 1 3.0 3 3 – – 1 0 0", day_17);
  assert_contains (text, row_17);
  assert_contains (text, "* Too low: a dose taken that day is not counted in its MME");
}

int
main (int   argc,
      char *argv[])
{
  /* Each on the diary of build_diary. */
  static const struct
  {
    const char *path;
    void (*func) (Fixture *f, gconstpointer data);
  } fixture_tests[] = {
    { "/report/whole-period", test_whole_period },
    { "/report/medication-safety", test_medication_safety },
    { "/report/meaningful-change", test_meaningful_change },
    { "/report/no-clear-change", test_no_clear_change },
    { "/report/sections", test_sections },
    { "/report/long-period", test_long_period },
    { "/report/unwritable", test_unwritable },
    { "/report/tasks", test_tasks },
    { "/report/stopped-medication", test_stopped_medication },
    { "/report/pagination", test_pagination },
    { "/report/not-counted", test_not_counted },
  };

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/paper", test_paper);
  g_test_add_func ("/report/not-set", test_not_set);
  g_test_add_func ("/report/tasks-empty", test_tasks_empty);
  for (gsize i = 0; i < G_N_ELEMENTS (fixture_tests); i++)
    g_test_add (fixture_tests[i].path, Fixture, NULL, fixture_setup, fixture_tests[i].func,
                fixture_teardown);
  return g_test_run ();
}
