/* test-treatment-loading.c: a whole diary loaded at once, the recent activity names, the
 * generated diaries and the last day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-treatment-loading"

#include "config.h"

#include "treatment-test-util.h"

/* Loading */

static void
fill_small_diary (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  PdGeneratorOptions options = { 14, 3, 11, .doses_per_day = 8, .activities_per_day = 3 };

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 1, G_DATE_JUNE, 2026);
  g_assert_true (pd_generator_fill (db, &options, &error));
  g_assert_no_error (error);
}

static void
assert_sorted_newest_first (GPtrArray *records,
                            gint64   (*get_time) (gpointer))
{
  for (guint i = 1; i < records->len; i++)
    g_assert_cmpint (get_time (records->pdata[i - 1]), >=, get_time (records->pdata[i]));
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PdDiaryData) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdEvent) event = new_event ("surgery", "Revision surgery", T0, CEST);

  fill_small_diary (fixture->db);
  save_record (fixture->db, PD_RECORD_EVENT, event);

  loaded = load_diary (fixture->db);
  g_assert_cmpuint (loaded->pain_entries->len, ==, 14 * 3);
  g_assert_cmpuint (loaded->medications->len, ==, 4);
  g_assert_cmpuint (loaded->doses->len, ==, 14 * 8);
  g_assert_cmpuint (loaded->activities->len, ==, 14 * 3);
  g_assert_cmpuint (loaded->events->len, ==, 1);
  assert_sorted_newest_first (loaded->pain_entries, (gint64 (*) (gpointer)) pd_pain_entry_get_time);
  assert_sorted_newest_first (loaded->doses, (gint64 (*) (gpointer)) pd_dose_get_time);
  assert_sorted_newest_first (loaded->activities, (gint64 (*) (gpointer)) pd_activity_get_time);
  for (guint i = 1; i < loaded->medications->len; i++)
    g_assert_cmpint (g_ascii_strcasecmp (pd_medication_get_name (loaded->medications->pdata[i - 1]),
                                         pd_medication_get_name (loaded->medications->pdata[i])),
                     <=, 0);

  /* Inside a write transaction of the same thread, as the generator does. */
  g_clear_pointer (&loaded, pd_diary_data_free);
  g_assert_true (pd_database_begin (fixture->db, &error));
  loaded = load_diary (fixture->db);
  g_assert_true (pd_database_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->doses->len, ==, 14 * 8);

  pd_diary_data_free (NULL);
}

typedef struct
{
  GMainLoop *loop;
  PdDiaryData *data;
  GError *error;
} AsyncLoad;

static void
load_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncLoad *async = user_data;

  async->data = pd_database_load_finish (PD_DATABASE (source), result, &async->error);
  g_main_loop_quit (async->loop);
}

static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncLoad async = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  fill_small_diary (fixture->db);

  pd_database_load_async (fixture->db, NULL, load_ready_cb, &async);
  g_main_loop_run (async.loop);
  g_assert_no_error (async.error);
  g_assert_nonnull (async.data);
  g_assert_cmpuint (async.data->doses->len, ==, 14 * 8);
  g_assert_cmpuint (async.data->activities->len, ==, 14 * 3);
  g_assert_cmpuint (async.data->medications->len, ==, 4);
  g_clear_pointer (&async.data, pd_diary_data_free);

  g_cancellable_cancel (cancellable);
  pd_database_load_async (fixture->db, cancellable, load_ready_cb, &async);
  g_main_loop_run (async.loop);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.data);
  g_clear_error (&async.error);

  /* The connection is still usable afterwards. */
  g_assert_cmpuint (count_kind (fixture->db, PD_RECORD_DOSE), ==, 14 * 8);
  g_main_loop_unref (async.loop);

  /* A worker thread drops its task (and the task its reference to the diary) only after
   * the callback ran: wait for that before the fixture checks the diary is finalised. */
  for (int i = 0; i < 500 && G_OBJECT (fixture->db)->ref_count > 1; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Recent activity names */

static void
test_recent_activity_names (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const logged[] = {
    "Walking", "Stretching", "walking", "TENS", "Heat", "Stretching", "Cycling",
  };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) none = NULL;
  const char *cycling_id = NULL;

  names = pd_database_recent_activity_names (fixture->db, 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  /* Oldest first; the last is the newest. */
  for (guint i = 0; i < G_N_ELEMENTS (logged); i++)
    {
      g_autoptr(PdActivity) activity = new_activity (logged[i], T0 + i * 3600, CEST, 20);

      save_record (fixture->db, PD_RECORD_ACTIVITY, activity);
      if (i + 1 == G_N_ELEMENTS (logged))
        cycling_id = g_intern_string (pd_activity_get_id (activity));
    }

  names = pd_database_recent_activity_names (fixture->db, 10, &error);
  g_assert_no_error (error);
  {
    const char * const expected[] = { "Cycling", "Stretching", "Heat", "TENS", "walking", NULL };

    g_assert_cmpstrv (names, expected);
  }
  g_clear_pointer (&names, g_strfreev);

  names = pd_database_recent_activity_names (fixture->db, 2, &error);
  g_assert_no_error (error);
  {
    const char * const expected[] = { "Cycling", "Stretching", NULL };

    g_assert_cmpstrv (names, expected);
  }
  g_clear_pointer (&names, g_strfreev);

  /* Deleted ones do not come back. */
  g_assert_true (pd_database_delete_record (fixture->db, PD_RECORD_ACTIVITY, cycling_id,
                                            &error));
  names = pd_database_recent_activity_names (fixture->db, 2, &error);
  g_assert_no_error (error);
  {
    const char * const expected[] = { "Stretching", "Heat", NULL };

    g_assert_cmpstrv (names, expected);
  }

  none = pd_database_recent_activity_names (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

/* Generated diaries */

static void
test_generator_treatment (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *second_path = g_build_filename (fixture->dir, "second.db", NULL);
  g_autofree char *plain_path = g_build_filename (fixture->dir, "plain.db", NULL);
  g_autoptr(PdDatabase) second = NULL;
  g_autoptr(PdDatabase) plain = NULL;
  g_autoptr(PdDiaryData) a = NULL;
  g_autoptr(PdDiaryData) b = NULL;
  g_autoptr(PdDiaryData) c = NULL;
  g_autoptr(GError) error = NULL;
  PdGeneratorOptions options = { 30, 2, 5, .doses_per_day = 7, .activities_per_day = 2 };
  guint skipped = 0;

  g_date_clear (&options.end_date, 1);
  g_date_set_dmy (&options.end_date, 31, G_DATE_MARCH, 2026);
  second = pd_database_open (second_path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);
  plain = pd_database_open (plain_path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);

  g_assert_true (pd_generator_fill (fixture->db, &options, &error));
  g_assert_no_error (error);
  g_assert_true (pd_generator_fill (second, &options, &error));
  g_assert_no_error (error);
  options.doses_per_day = 0;
  options.activities_per_day = 0;
  g_assert_true (pd_generator_fill (plain, &options, &error));
  g_assert_no_error (error);

  a = load_diary (fixture->db);
  b = load_diary (second);
  c = load_diary (plain);

  /* 7 a day: three medications twice a day and one once. */
  g_assert_cmpuint (a->medications->len, ==, 4);
  g_assert_cmpuint (a->doses->len, ==, 30 * 7);
  g_assert_cmpuint (a->activities->len, ==, 30 * 2);
  g_assert_cmpuint (a->events->len, ==, 0);
  for (guint i = 0; i < a->doses->len; i++)
    {
      PdDose *dose = a->doses->pdata[i];

      g_assert_nonnull (pd_dose_find_medication (dose, a->medications));
      g_assert_cmpuint (pd_dose_get_scheduled_time (dose), !=, PD_NO_SCHEDULED_TIME);
      skipped += pd_dose_get_status (dose) == PD_DOSE_SKIPPED;
      /* The same doses; their stamps are the clock's, and the two fills may fall in
       * different seconds on a slow machine. */
      pd_dose_set_stamps (b->doses->pdata[i], pd_dose_get_created (dose),
                          pd_dose_get_updated (dose));
      assert_same_dose (dose, b->doses->pdata[i]);
    }
  g_assert_cmpuint (skipped, >, 0);
  g_assert_cmpuint (skipped, <, a->doses->len / 5);

  /* The same pain entries with or without treatment. */
  g_assert_cmpuint (c->pain_entries->len, ==, a->pain_entries->len);
  g_assert_cmpuint (c->doses->len, ==, 0);
  g_assert_cmpuint (c->medications->len, ==, 0);
  for (guint i = 0; i < a->pain_entries->len; i++)
    {
      g_assert_cmpstr (pd_pain_entry_get_id (a->pain_entries->pdata[i]), ==,
                       pd_pain_entry_get_id (c->pain_entries->pdata[i]));
      g_assert_cmpint (pd_pain_entry_get_pain (a->pain_entries->pdata[i]), ==,
                       pd_pain_entry_get_pain (c->pain_entries->pdata[i]));
    }
}

static PdMedication *
find_medication (GPtrArray  *medications,
                 const char *key)
{
  for (guint i = 0; i < medications->len; i++)
    {
      if (g_strcmp0 (pd_medication_get_catalogue_key (medications->pdata[i]), key) == 0)
        return medications->pdata[i];
    }
  return NULL;
}

static PdEvent *
find_event (GPtrArray  *events,
            const char *kind)
{
  for (guint i = 0; i < events->len; i++)
    {
      if (g_str_equal (pd_event_get_kind (events->pdata[i]), kind))
        return events->pdata[i];
    }
  return NULL;
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PdDiaryData) demo = NULL;
  g_autofree char *surgery_date = NULL;
  PdMedication *gabapentin, *acetaminophen, *ibuprofen, *tramadol;
  PdEvent *surgery, *injection;
  guint32 first, end, surgery_day;
  guint n_scheduled = 0, n_skipped = 0, tramadol_in_flare = 0, tramadol_before = 0;
  guint n_physio = 0, n_walks = 0, n_appointments = 0;
  double peak_mme = 0;

  end = fill_demo_until_june (fixture->db);
  first = end - 119;
  demo = load_diary (fixture->db);
  surgery_date = pd_database_get_meta (fixture->db, "surgery_date");
  g_assert_cmpstr (surgery_date, ==, "2026-01-03");
  surgery_day = julian (2026, G_DATE_JANUARY, 3);

  /* The regimen. */
  g_assert_cmpuint (demo->medications->len, ==, 4);
  gabapentin = find_medication (demo->medications, "gabapentin");
  acetaminophen = find_medication (demo->medications, "acetaminophen");
  ibuprofen = find_medication (demo->medications, "ibuprofen");
  tramadol = find_medication (demo->medications, "tramadol");
  g_assert_nonnull (gabapentin);
  g_assert_nonnull (acetaminophen);
  g_assert_nonnull (ibuprofen);
  g_assert_nonnull (tramadol);
  {
    g_autofree char *gabapentin_times = pd_medication_dup_schedule_string (gabapentin);
    g_autofree char *acetaminophen_times = pd_medication_dup_schedule_string (acetaminophen);

    g_assert_cmpstr (gabapentin_times, ==, "08:00;20:00");
    g_assert_cmpstr (acetaminophen_times, ==, "08:00;14:00;20:00");
  }
  g_assert_cmpfloat (pd_medication_get_amount (gabapentin), ==, 300);
  g_assert_cmpfloat (pd_medication_get_amount (acetaminophen), ==, 1000);
  g_assert_cmpfloat (pd_medication_get_amount (ibuprofen), ==, 400);
  g_assert_cmpfloat (pd_medication_get_amount (tramadol), ==, 50);
  g_assert_true (pd_medication_is_as_needed (ibuprofen));
  g_assert_true (pd_medication_is_as_needed (tramadol));
  g_assert_cmpfloat (pd_medication_get_mme_factor (tramadol), ==, 0.2);
  g_assert_cmpuint (pd_medication_get_start_day (gabapentin), ==, surgery_day);
  /* Tramadol stopped after the flare (days 60-75); the others go on. */
  g_assert_cmpuint (pd_medication_get_stop_day (tramadol), >, first + 75);
  g_assert_cmpuint (pd_medication_get_stop_day (tramadol), <, end);
  g_assert_false (pd_medication_is_active_on (tramadol, end));
  g_assert_true (pd_medication_is_active_on (gabapentin, end));
  g_assert_cmpuint (pd_medication_get_stop_day (ibuprofen), ==, 0);

  /* Doses: every scheduled time, a few skipped; as needed mostly in the flare. */
  for (guint i = 0; i < demo->doses->len; i++)
    {
      PdDose *dose = demo->doses->pdata[i];
      guint32 day = pd_dose_get_local_day (dose);
      PdMedication *medication = pd_dose_find_medication (dose, demo->medications);

      g_assert_nonnull (medication);
      g_assert_cmpuint (day, >=, first);
      g_assert_cmpuint (day, <=, end);
      g_assert_true (pd_medication_is_active_on (medication, day));
      if (pd_dose_get_scheduled_time (dose) != PD_NO_SCHEDULED_TIME)
        {
          n_scheduled++;
          n_skipped += pd_dose_get_status (dose) == PD_DOSE_SKIPPED;
        }
      if (medication == tramadol)
        {
          g_assert_cmpuint (day, <=, pd_medication_get_stop_day (tramadol));
          if (day >= first + 60 && day <= first + 75)
            tramadol_in_flare++;
          else if (day < first + 60)
            tramadol_before++;
        }
    }
  g_test_message ("demo: %u doses, %u scheduled, %u skipped, tramadol %u before the flare, "
                  "%u in it", demo->doses->len, n_scheduled, n_skipped, tramadol_before,
                  tramadol_in_flare);
  /* 5 a day over about 115 days with entries (the last one only its morning). */
  g_assert_cmpuint (n_scheduled, >=, 5 * 110);
  g_assert_cmpuint (n_scheduled, <=, 5 * 120);
  g_assert_cmpuint (n_skipped, >=, n_scheduled / 50);
  g_assert_cmpuint (n_skipped, <=, n_scheduled / 10);
  g_assert_cmpuint (tramadol_in_flare, >, 2 * tramadol_before);
  g_assert_cmpuint (tramadol_in_flare, >=, 16 * 2);

  /* The worst day of the flare reaches the MME caution; recent days have no opioid. */
  for (guint32 day = first + 60; day <= first + 75; day++)
    peak_mme = MAX (peak_mme, pd_daily_mme (demo->doses, demo->medications, day));
  g_assert_cmpfloat (peak_mme, >=, PD_MME_CAUTION);
  g_assert_cmpfloat (peak_mme, <, PD_MME_HIGH);
  g_assert_cmpfloat (pd_daily_mme (demo->doses, demo->medications, end - 1), ==, 0);

  /* Today still has scheduled doses due. */
  {
    g_autoptr(GPtrArray) due = pd_due_doses (demo->medications, demo->doses, end);
    guint pending = 0;

    for (guint i = 0; i < due->len; i++)
      pending += ((PdDueDose *) due->pdata[i])->state == PD_DUE_PENDING;
    g_assert_cmpuint (due->len, ==, 5);
    g_assert_cmpuint (pending, ==, 3);
  }

  /* Activities: physiotherapy twice a week, walking most days. */
  for (guint i = 0; i < demo->activities->len; i++)
    {
      PdActivity *activity = demo->activities->pdata[i];
      const char *name = pd_activity_get_name (activity);

      if (g_str_equal (name, "Physical therapy session"))
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, pd_activity_get_local_day (activity));
          g_assert_true (g_date_get_weekday (&date) == G_DATE_TUESDAY ||
                         g_date_get_weekday (&date) == G_DATE_FRIDAY);
          g_assert_cmpint (pd_activity_get_duration (activity), ==, 45);
          n_physio++;
        }
      else if (g_str_equal (name, "Walking"))
        {
          g_assert_cmpint (pd_activity_get_duration (activity), >=, 20);
          g_assert_cmpint (pd_activity_get_duration (activity), <=, 45);
          g_assert_cmpint (pd_activity_get_effort (activity), >=, 3);
          g_assert_cmpint (pd_activity_get_effort (activity), <=, 5);
          n_walks++;
        }
      else
        g_assert_cmpstr (name, ==, "Home exercises (core stabilisation)");
    }
  g_assert_cmpuint (n_physio, >=, 30);
  g_assert_cmpuint (n_physio, <=, 36);
  g_assert_cmpuint (n_walks, >=, 70);

  /* Events: the surgery on the date in meta, the injection after the flare's peak. */
  surgery = find_event (demo->events, "surgery");
  injection = find_event (demo->events, "injection");
  g_assert_nonnull (surgery);
  g_assert_nonnull (injection);
  g_assert_cmpstr (pd_event_get_title (surgery), ==, "Lumbar fusion L4-L5");
  g_assert_cmpuint (pd_event_get_local_day (surgery), ==, surgery_day);
  g_assert_cmpstr (pd_event_get_title (injection), ==, "Epidural steroid injection");
  g_assert_cmpuint (pd_event_get_local_day (injection), >, first + 63);
  g_assert_cmpuint (pd_event_get_local_day (injection), <=, first + 75);
  for (guint i = 0; i < demo->events->len; i++)
    n_appointments += g_str_equal (pd_event_get_kind (demo->events->pdata[i]), "appointment");
  g_assert_cmpuint (n_appointments, ==, 2);
}

/* The newest local day with a pain entry, dose or activity: by the records' own offsets,
 * deleted ones left out. */
static void
test_last_day (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(PdDose) dose = new_dose (NULL, 0, 100);
  g_autoptr(PdActivity) activity = new_activity ("Walking", 0, CEST, 20);
  /* 2025-10-09 22:30 UTC: 10 October at +02:00, still 9 October at -05:00. */
  gint64 late = G_GINT64_CONSTANT (1760049000);

  g_assert_cmpuint (pd_database_get_last_day (fixture->db, &error), ==, 0);
  g_assert_no_error (error);

  /* The entry is on 10 October; the dose is an hour newer but on 9 October. */
  pd_pain_entry_set_time (entry, late, CEST);
  pd_dose_set_time (dose, late + 3600, -5 * 3600);
  g_assert_true (pd_database_save_pain_entry (fixture->db, entry, &error));
  save_record (fixture->db, PD_RECORD_DOSE, dose);
  g_assert_cmpuint (pd_database_get_last_day (fixture->db, &error), ==,
                    julian (2025, G_DATE_OCTOBER, 10));

  /* A deleted activity three days later does not count; restored, it does. */
  pd_activity_set_time (activity, late + 3 * 86400, CEST);
  g_assert_true (pd_database_save_activity (fixture->db, activity, &error));
  g_assert_true (pd_database_delete_record (fixture->db, PD_RECORD_ACTIVITY,
                                            pd_activity_get_id (activity), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_database_get_last_day (fixture->db, &error), ==,
                    julian (2025, G_DATE_OCTOBER, 10));
  g_assert_true (pd_database_restore_record (fixture->db, PD_RECORD_ACTIVITY,
                                             pd_activity_get_id (activity), &error));
  g_assert_cmpuint (pd_database_get_last_day (fixture->db, &error), ==,
                    julian (2025, G_DATE_OCTOBER, 13));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/treatment-storage/load", test_load },
    { "/treatment-storage/last-day", test_last_day },
    { "/treatment-storage/load-async", test_load_async },
    { "/treatment-storage/recent-activity-names", test_recent_activity_names },
    { "/treatment-storage/generator", test_generator_treatment },
    { "/treatment-storage/demo", test_demo },
  };

  return run_fixture_tests (&argc, &argv, fixture_set_up_open, tests, G_N_ELEMENTS (tests));
}
