/* test-diary-model.c: the diary model's lists, signals and async writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pd-database-spine.h"
#include "pd-diary-model.h"
#include "pd-error.h"
#include "pd-types.h"
#include "record-builders.h"
#include "test-util.h"

/* A fixed "today", a Wednesday, so that nothing depends on the clock. */
#define TODAY 2461000
#define OFFSET 3600

typedef struct
{
  char *dir;
  char *path;
  PdDatabase *db;
  PdDiaryModel *model;
  GMainLoop *loop;
  GAsyncResult *result;
  guint n_loaded;
  guint n_changed;
  guint last_kinds;
  char *last_id;
  int last_change;
  guint n_errors;
} Fixture;

static gint64
at (guint32 day,
    guint   minute)
{
  return pd_local_day_start (day, OFFSET) + minute * 60;
}

static PdPainEntry *
entry_at (guint32 day,
          guint   minute,
          int     pain)
{
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_time (entry, at (day, minute), OFFSET);
  pd_pain_entry_set_pain (entry, pain);
  return entry;
}

static PdMedication *
scheduled_medication (void)
{
  PdMedication *medication = new_scheduled_medication ("Gabapentin", 300, "08:00;20:00");

  pd_medication_set_start_day (medication, TODAY - 10);
  return medication;
}

static void
loaded_cb (Fixture *fixture)
{
  fixture->n_loaded++;
}

static void
records_changed_cb (PdDiaryModel  *model,
                    guint          kinds,
                    const char    *id,
                    int            change,
                    Fixture       *fixture)
{
  fixture->n_changed++;
  fixture->last_kinds = kinds;
  g_free (fixture->last_id);
  fixture->last_id = g_strdup (id);
  fixture->last_change = change;
}

static void
error_cb (PdDiaryModel *model,
          GError       *error,
          Fixture      *fixture)
{
  g_assert_nonnull (error);
  fixture->n_errors++;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
  g_main_loop_quit (fixture->loop);
}

/* Runs the main loop until the operation started with done_cb ends. */
static GAsyncResult *
wait_result (Fixture *fixture)
{
  GAsyncResult *result;

  if (fixture->result == NULL)
    g_main_loop_run (fixture->loop);
  result = g_steal_pointer (&fixture->result);
  g_assert_nonnull (result);
  return result;
}

typedef gboolean (*FinishFunc) (PdDiaryModel  *model,
                                GAsyncResult  *result,
                                GError       **error);

/* Waits for the operation started with done_cb; it must succeed. */
static void
finish_ok (Fixture    *fixture,
           FinishFunc  finish)
{
  g_autoptr(GAsyncResult) result = wait_result (fixture);
  g_autoptr(GError) error = NULL;

  g_assert_true (finish (fixture->model, result, &error));
  g_assert_no_error (error);
}

/* Waits for the operation started with done_cb; it must fail with code. */
static void
finish_error (Fixture    *fixture,
              FinishFunc  finish,
              int         code)
{
  g_autoptr(GAsyncResult) result = wait_result (fixture);
  g_autoptr(GError) error = NULL;

  g_assert_false (finish (fixture->model, result, &error));
  g_assert_error (error, PD_ERROR, code);
}

static void
watch (Fixture *fixture)
{
  pd_diary_model_set_today (fixture->model, TODAY);
  g_signal_connect_swapped (fixture->model, "loaded", G_CALLBACK (loaded_cb), fixture);
  g_signal_connect (fixture->model, "records-changed", G_CALLBACK (records_changed_cb), fixture);
  g_signal_connect (fixture->model, "error", G_CALLBACK (error_cb), fixture);
}

static void
load (Fixture *fixture)
{
  pd_diary_model_load_async (fixture->model, NULL, done_cb, fixture);
  finish_ok (fixture, pd_diary_model_load_finish);
}

static void
save (Fixture  *fixture,
      gpointer  record)
{
  pd_diary_model_save_async (fixture->model, record, NULL, done_cb, fixture);
  finish_ok (fixture, pd_diary_model_save_finish);
}

/* Three entries on two days (yesterday: 2 and 4; today: 6), a regimen of one medication
 * and yesterday's evening dose, written before the model exists. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPainEntry) a = entry_at (TODAY - 1, 9 * 60, 2);
  g_autoptr(PdPainEntry) b = entry_at (TODAY - 1, 18 * 60, 4);
  g_autoptr(PdPainEntry) c = entry_at (TODAY, 8 * 60, 6);
  g_autoptr(PdMedication) medication = scheduled_medication ();
  g_autoptr(PdDose) dose = pd_dose_new ();

  fixture->dir = make_tmp_dir ("pd-model-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "diary.db", NULL);
  fixture->db = pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);

  g_assert_true (pd_database_save_pain_entry (fixture->db, a, &error));
  g_assert_true (pd_database_save_pain_entry (fixture->db, b, &error));
  g_assert_true (pd_database_save_pain_entry (fixture->db, c, &error));
  g_assert_true (pd_database_save_medication (fixture->db, medication, &error));
  pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
  pd_dose_set_name (dose, "Gabapentin");
  pd_dose_set_amount (dose, 300);
  pd_dose_set_unit (dose, "mg");
  pd_dose_set_scheduled_time (dose, 20 * 60);
  pd_dose_set_time (dose, at (TODAY - 1, 20 * 60 + 5), OFFSET);
  g_assert_true (pd_database_save_dose (fixture->db, dose, &error));
  g_assert_no_error (error);

  fixture->loop = g_main_loop_new (NULL, FALSE);
  fixture->model = pd_diary_model_new_for_database (fixture->db);
  watch (fixture);
}

/* Drops the last reference to model: a worker thread may still be letting go of a task
 * that refers to it, so the main context runs until it has. */
static void
assert_finalized (PdDiaryModel *model)
{
  gpointer weak = model;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (model), &weak);
  g_object_unref (model);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_thread_yield ();
  g_assert_null (weak);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_finalized (fixture->model);
  g_clear_object (&fixture->db);
  g_main_loop_unref (fixture->loop);
  g_free (fixture->last_id);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The item at position of one of the model's lists; the model keeps it. */
static gpointer
list_item (GListModel *list,
           guint       position)
{
  gpointer item = g_list_model_get_item (list, position);

  g_object_unref (item);
  return item;
}

static PdDiaryDay *
day_at (Fixture *fixture,
        guint    position)
{
  return list_item (pd_diary_model_get_days (fixture->model), position);
}

/* Every record of the days is the very object of its kind's list, and no id is twice. */
static void
assert_one_copy (Fixture *fixture)
{
  GListModel *days = pd_diary_model_get_days (fixture->model);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n_dated = 0;

  for (PdRecordKind kind = PD_RECORD_PAIN; kind <= PD_RECORD_EVENT; kind++)
    {
      GListModel *records = pd_diary_model_get_records (fixture->model, kind);
      g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(GObject) record = g_list_model_get_item (records, i);
          const char *id = NULL;

          if (PD_IS_PAIN_ENTRY (record))
            id = pd_pain_entry_get_id (PD_PAIN_ENTRY (record));
          else if (PD_IS_DOSE (record))
            id = pd_dose_get_id (PD_DOSE (record));
          else if (PD_IS_ACTIVITY (record))
            id = pd_activity_get_id (PD_ACTIVITY (record));
          else if (PD_IS_EVENT (record))
            id = pd_event_get_id (PD_EVENT (record));
          else
            id = pd_medication_get_id (PD_MEDICATION (record));
          g_assert_false (g_hash_table_contains (ids, id));
          g_hash_table_add (ids, g_strdup (id));
          g_assert_true (pd_diary_model_lookup (fixture->model, kind, id) == record);
          if (kind != PD_RECORD_MEDICATION)
            n_dated++;
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (days); i++)
    {
      PdDiaryDay *day = day_at (fixture, i);
      GListModel *records = pd_diary_day_get_records (day);

      g_assert_cmpuint (g_list_model_get_n_items (records), >, 0);
      if (i > 0)
        g_assert_cmpuint (pd_diary_day_get_day (day), <, pd_diary_day_get_day (day_at (fixture, i - 1)));
      for (guint j = 0; j < g_list_model_get_n_items (records); j++)
        {
          g_autoptr(GObject) record = g_list_model_get_item (records, j);
          PdRecordKind kind = PD_IS_PAIN_ENTRY (record) ? PD_RECORD_PAIN :
                              PD_IS_DOSE (record) ? PD_RECORD_DOSE :
                              PD_IS_ACTIVITY (record) ? PD_RECORD_ACTIVITY : PD_RECORD_EVENT;
          const char *id = PD_IS_PAIN_ENTRY (record) ? pd_pain_entry_get_id (PD_PAIN_ENTRY (record)) :
                           PD_IS_DOSE (record) ? pd_dose_get_id (PD_DOSE (record)) :
                           PD_IS_ACTIVITY (record) ? pd_activity_get_id (PD_ACTIVITY (record)) :
                           pd_event_get_id (PD_EVENT (record));

          g_assert_true (pd_diary_model_lookup (fixture->model, kind, id) == record);
          g_assert_false (g_hash_table_contains (seen, record));
          g_hash_table_add (seen, record);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n_dated);
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  GListModel *days = pd_diary_model_get_days (fixture->model);
  PdDiaryDay *today, *yesterday;

  g_assert_false (pd_diary_model_is_loaded (fixture->model));
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 0);
  load (fixture);
  g_assert_cmpuint (fixture->n_loaded, ==, 1);
  g_assert_true (pd_diary_model_is_loaded (fixture->model));

  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 2);
  today = day_at (fixture, 0);
  yesterday = day_at (fixture, 1);
  g_assert_cmpuint (pd_diary_day_get_day (today), ==, TODAY);
  g_assert_cmpuint (pd_diary_day_get_day (yesterday), ==, TODAY - 1);
  g_assert_true (pd_diary_model_lookup_day (fixture->model, TODAY) == today);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_day_get_records (today)), ==, 1);
  /* Two entries and the evening dose, newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_day_get_records (yesterday)), ==, 3);
  {
    g_autoptr(GObject) newest = g_list_model_get_item (pd_diary_day_get_records (yesterday), 0);
    g_assert_true (PD_IS_DOSE (newest));
  }
  g_assert_cmpfloat_with_epsilon (pd_diary_day_get_mean (yesterday), 3.0, 1e-9);
  g_assert_cmpint (pd_diary_day_get_max (yesterday), ==, 4);
  g_assert_cmpint (pd_diary_day_get_min (yesterday), ==, 2);

  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_records (fixture->model, PD_RECORD_PAIN)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_records (fixture->model, PD_RECORD_DOSE)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_regimen (fixture->model)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_due_doses (fixture->model)), ==, 2);
  assert_one_copy (fixture);

  /* A second load replaces the lists with the same content. */
  load (fixture);
  g_assert_cmpuint (fixture->n_loaded, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 2);
  assert_one_copy (fixture);
}

typedef struct
{
  Fixture *fixture;
  GError *error;
  gboolean done;
} Outcome;

static void
outcome_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  pd_diary_model_load_finish (PD_DIARY_MODEL (object), result, &outcome->error);
  outcome->done = TRUE;
}

/* A newer load supersedes one under way; the caller's cancellable and
 * pd_diary_model_cancel_loads() cancel one. */
static void
test_load_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome first = { fixture }, second = { fixture }, third = { fixture };

  pd_diary_model_load_async (fixture->model, NULL, outcome_cb, &first);
  pd_diary_model_load_async (fixture->model, NULL, outcome_cb, &second);
  while (!first.done || !second.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (second.error);
  g_assert_cmpuint (fixture->n_loaded, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_days (fixture->model)), ==, 2);

  pd_diary_model_load_async (fixture->model, cancellable, outcome_cb, &third);
  g_cancellable_cancel (cancellable);
  while (!third.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (third.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->n_loaded, ==, 1);
  /* A cancelled load is no error to report. */
  g_assert_cmpuint (fixture->n_errors, ==, 0);
  g_clear_error (&first.error);
  g_clear_error (&third.error);

  third.done = FALSE;
  pd_diary_model_load_async (fixture->model, NULL, outcome_cb, &third);
  pd_diary_model_cancel_loads (fixture->model);
  while (!third.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (third.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&third.error);
}

/* The last days first (what Today needs), then everything. */
static void
test_load_recent (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PdPainEntry) old = entry_at (TODAY - 100, 9 * 60, 8);
  g_autoptr(GError) error = NULL;
  GListModel *days = pd_diary_model_get_days (fixture->model);

  g_assert_true (pd_database_save_pain_entry (fixture->db, old, &error));
  g_assert_no_error (error);

  pd_diary_model_load_recent_async (fixture->model, 7, NULL, done_cb, fixture);
  finish_ok (fixture, pd_diary_model_load_finish);
  g_assert_true (pd_diary_model_is_loaded (fixture->model));
  g_assert_false (pd_diary_model_is_complete (fixture->model));
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 2);
  g_assert_null (pd_diary_model_lookup_day (fixture->model, TODAY - 100));
  /* All of the regimen, and today's due doses, already. */
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_regimen (fixture->model)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_due_doses (fixture->model)), ==, 2);

  load (fixture);
  g_assert_true (pd_diary_model_is_complete (fixture->model));
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 3);
  g_assert_cmpint (pd_diary_day_get_max (pd_diary_model_lookup_day (fixture->model, TODAY - 100)), ==, 8);
  g_assert_cmpuint (fixture->n_loaded, ==, 2);
  assert_one_copy (fixture);
}

typedef struct
{
  guint n;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
test_save_inserts (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *days = pd_diary_model_get_days (fixture->model);
  GListModel *pain = pd_diary_model_get_records (fixture->model, PD_RECORD_PAIN);
  g_autoptr(PdPainEntry) entry = entry_at (TODAY - 1, 12 * 60, 9);
  g_autoptr(PdPainEntry) earlier = entry_at (TODAY - 5, 12 * 60, 1);
  PdDiaryDay *yesterday;
  GListModel *records;
  Changes day_changes = { 0 }, record_changes = { 0 }, pain_changes = { 0 };
  g_autoptr(GObject) stored = NULL;

  load (fixture);
  yesterday = day_at (fixture, 1);
  records = pd_diary_day_get_records (yesterday);
  g_signal_connect (days, "items-changed", G_CALLBACK (items_changed_cb), &day_changes);
  g_signal_connect (records, "items-changed", G_CALLBACK (items_changed_cb), &record_changes);
  g_signal_connect (pain, "items-changed", G_CALLBACK (items_changed_cb), &pain_changes);

  /* Yesterday noon: between the evening dose and entry (positions 0, 1) and the morning
   * entry (2). */
  save (fixture, entry);
  g_assert_cmpuint (record_changes.n, ==, 1);
  g_assert_cmpuint (record_changes.position, ==, 2);
  g_assert_cmpuint (record_changes.removed, ==, 0);
  g_assert_cmpuint (record_changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 4);
  /* The day's row, and only it, is told to redraw. */
  g_assert_cmpuint (day_changes.n, ==, 1);
  g_assert_cmpuint (day_changes.position, ==, 1);
  g_assert_cmpuint (day_changes.removed, ==, 1);
  g_assert_cmpuint (day_changes.added, ==, 1);
  g_assert_cmpfloat_with_epsilon (pd_diary_day_get_mean (yesterday), 5.0, 1e-9);
  g_assert_cmpint (pd_diary_day_get_max (yesterday), ==, 9);
  /* Newest first across days: today's entry, yesterday evening's, then this one. */
  g_assert_cmpuint (pain_changes.n, ==, 1);
  g_assert_cmpuint (pain_changes.position, ==, 2);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->last_kinds, ==, PD_DIARY_KIND_BIT (PD_RECORD_PAIN));
  g_assert_cmpstr (fixture->last_id, ==, pd_pain_entry_get_id (entry));
  g_assert_cmpint (fixture->last_change, ==, PD_DIARY_CHANGE_ADDED);

  /* The model stored a copy: the caller's object is not in the lists. */
  stored = g_list_model_get_item (records, 2);
  g_assert_true (stored != G_OBJECT (entry));
  g_assert_cmpstr (pd_pain_entry_get_id (PD_PAIN_ENTRY (stored)), ==, pd_pain_entry_get_id (entry));
  g_assert_cmpint (pd_pain_entry_get_created (PD_PAIN_ENTRY (stored)), >, 0);

  /* A day without records so far becomes a new day at its place. */
  day_changes.n = 0;
  save (fixture, earlier);
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 3);
  g_assert_cmpuint (day_changes.n, >=, 1);
  g_assert_cmpuint (pd_diary_day_get_day (day_at (fixture, 2)), ==, TODAY - 5);
  g_assert_cmpint (pd_diary_day_get_max (day_at (fixture, 2)), ==, 1);
  assert_one_copy (fixture);

  /* What the model holds is what the file holds. */
  g_assert_cmpint (pd_database_count_pain_entries (fixture->db, NULL), ==, 5);
}

static void
test_edit_moves (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *pain = pd_diary_model_get_records (fixture->model, PD_RECORD_PAIN);
  g_autoptr(PdPainEntry) edited = NULL;
  g_autoptr(PdDiaryDay) today = NULL;
  PdDiaryDay *yesterday;
  GObject *stored;

  load (fixture);
  /* A view may still hold the day that leaves the list. */
  today = g_object_ref (day_at (fixture, 0));
  yesterday = day_at (fixture, 1);
  /* Today's entry of 6 was really yesterday's, at 23:00. */
  stored = g_list_model_get_item (pain, 0);
  g_object_unref (stored);
  edited = pd_pain_entry_copy (PD_PAIN_ENTRY (stored));
  pd_pain_entry_set_time (edited, at (TODAY - 1, 23 * 60), OFFSET);
  save (fixture, edited);

  g_assert_cmpint (fixture->last_change, ==, PD_DIARY_CHANGE_CHANGED);
  g_assert_cmpuint (g_list_model_get_n_items (pain), ==, 3);
  /* Today is left without records and leaves the days list (the due doses stay). */
  g_assert_null (pd_diary_model_lookup_day (fixture->model, TODAY));
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_days (fixture->model)), ==, 1);
  g_assert_true (day_at (fixture, 0) == yesterday);
  g_assert_cmpuint (pd_diary_day_get_n_entries (yesterday), ==, 3);
  g_assert_cmpint (pd_diary_day_get_max (yesterday), ==, 6);
  g_assert_cmpuint (pd_diary_day_get_n_entries (today), ==, 0);
  {
    g_autoptr(GObject) first = g_list_model_get_item (pd_diary_day_get_records (yesterday), 0);
    g_assert_cmpstr (pd_pain_entry_get_id (PD_PAIN_ENTRY (first)), ==, pd_pain_entry_get_id (edited));
  }
  assert_one_copy (fixture);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *pain = pd_diary_model_get_records (fixture->model, PD_RECORD_PAIN);
  g_autofree char *id = NULL;
  GObject *stored;

  load (fixture);
  g_assert_false (pd_diary_model_can_undo (fixture->model));
  stored = g_list_model_get_item (pain, 1);
  g_object_unref (stored);
  id = g_strdup (pd_pain_entry_get_id (PD_PAIN_ENTRY (stored)));

  pd_diary_model_delete_async (fixture->model, PD_RECORD_PAIN, id, NULL, done_cb, fixture);
  finish_ok (fixture, pd_diary_model_delete_finish);
  g_assert_cmpint (fixture->last_change, ==, PD_DIARY_CHANGE_REMOVED);
  g_assert_cmpstr (fixture->last_id, ==, id);
  g_assert_null (pd_diary_model_lookup (fixture->model, PD_RECORD_PAIN, id));
  g_assert_cmpuint (g_list_model_get_n_items (pain), ==, 2);
  g_assert_cmpuint (pd_diary_day_get_n_entries (day_at (fixture, 1)), ==, 1);
  g_assert_true (pd_diary_model_can_undo (fixture->model));
  g_assert_cmpint (pd_database_count_pain_entries (fixture->db, NULL), ==, 2);

  pd_diary_model_undo_async (fixture->model, NULL, done_cb, fixture);
  finish_ok (fixture, pd_diary_model_undo_finish);
  g_assert_cmpint (fixture->last_change, ==, PD_DIARY_CHANGE_ADDED);
  g_assert_true (pd_diary_model_lookup (fixture->model, PD_RECORD_PAIN, id) == stored);
  g_assert_cmpuint (g_list_model_get_n_items (pain), ==, 3);
  g_assert_cmpuint (pd_diary_day_get_n_entries (day_at (fixture, 1)), ==, 2);
  g_assert_false (pd_diary_model_can_undo (fixture->model));
  g_assert_cmpint (pd_database_count_pain_entries (fixture->db, NULL), ==, 3);
  assert_one_copy (fixture);

  /* Nothing more to undo: an error through the async API. */
  pd_diary_model_undo_async (fixture->model, NULL, done_cb, fixture);
  finish_error (fixture, pd_diary_model_undo_finish, PD_ERROR_NOT_FOUND);
}

static void
import (Fixture *fixture,
        guint    n)
{
  g_autoptr(PdDiaryData) batch = g_new0 (PdDiaryData, 1);
  guint n_before = g_list_model_get_n_items (pd_diary_model_get_records (fixture->model, PD_RECORD_PAIN));
  guint changed_before = fixture->n_changed;

  batch->pain_entries = g_ptr_array_new_with_free_func (g_object_unref);
  batch->activities = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (batch->pain_entries, entry_at (TODAY - 30 - i % 20, 6 * 60 + i, (int) (i % 11)));
  {
    PdActivity *walk = pd_activity_new ();

    pd_activity_set_name (walk, "Walking");
    pd_activity_set_duration (walk, 30);
    pd_activity_set_time (walk, at (TODAY - 2, 10 * 60), OFFSET);
    g_ptr_array_add (batch->activities, walk);
  }

  pd_diary_model_import_async (fixture->model, batch, NULL, done_cb, fixture);
  finish_ok (fixture, pd_diary_model_import_finish);
  /* Once, naming both kinds. */
  g_assert_cmpuint (fixture->n_changed, ==, changed_before + 1);
  g_assert_cmpint (fixture->last_change, ==, PD_DIARY_CHANGE_MANY);
  g_assert_null (fixture->last_id);
  g_assert_cmpuint (fixture->last_kinds, ==,
                    PD_DIARY_KIND_BIT (PD_RECORD_PAIN) | PD_DIARY_KIND_BIT (PD_RECORD_ACTIVITY));
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_records (fixture->model, PD_RECORD_PAIN)),
                    ==, n_before + n);
  g_assert_cmpint (pd_database_count_pain_entries (fixture->db, NULL), ==, n_before + n);
  g_assert_nonnull (pd_diary_model_lookup_day (fixture->model, TODAY - 30));
  assert_one_copy (fixture);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  load (fixture);
  /* In place, and (past IMPORT_IN_PLACE_MAX) by a reload. */
  import (fixture, 40);
  import (fixture, 400);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_records (fixture->model, PD_RECORD_ACTIVITY)), ==, 2);
}

/* All or nothing: one bad record, and nothing of the import is written or shown. */
static void
test_import_fails_whole (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PdDiaryData) batch = g_new0 (PdDiaryData, 1);
  GListModel *pain = pd_diary_model_get_records (fixture->model, PD_RECORD_PAIN);

  load (fixture);
  batch->pain_entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (batch->pain_entries, entry_at (TODAY - 40, 6 * 60 + i, 3));
  pd_pain_entry_set_pain (g_ptr_array_index (batch->pain_entries, 7), 11);

  pd_diary_model_import_async (fixture->model, batch, NULL, done_cb, fixture);
  finish_error (fixture, pd_diary_model_import_finish, PD_ERROR_INVALID);
  g_assert_cmpuint (fixture->n_errors, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pain), ==, 3);
  g_assert_null (pd_diary_model_lookup_day (fixture->model, TODAY - 40));
  g_assert_cmpint (pd_database_count_pain_entries (fixture->db, NULL), ==, 3);
}

static void
take (Fixture      *fixture,
      guint         minute,
      PdDoseStatus  status)
{
  PdMedication *medication = g_list_model_get_item (pd_diary_model_get_regimen (fixture->model), 0);
  g_autoptr(PdDose) dose = pd_dose_new ();

  pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
  pd_dose_set_name (dose, pd_medication_get_name (medication));
  pd_dose_set_amount (dose, pd_medication_get_amount (medication));
  pd_dose_set_unit (dose, pd_medication_get_unit (medication));
  pd_dose_set_scheduled_time (dose, minute);
  pd_dose_set_status (dose, status);
  pd_dose_set_time (dose, at (TODAY, minute + 3), OFFSET);
  g_object_unref (medication);
  save (fixture, dose);
}

static PdDueItem *
due_at (Fixture *fixture,
        guint    position)
{
  return list_item (pd_diary_model_get_due_doses (fixture->model), position);
}

static void
test_due (Fixture       *fixture,
          gconstpointer  data)
{
  GListModel *due = pd_diary_model_get_due_doses (fixture->model);
  Changes changes = { 0 };
  PdDueItem *evening;

  load (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, 2);
  g_assert_cmpuint (pd_due_item_get_minute (due_at (fixture, 0)), ==, 8 * 60);
  g_assert_cmpint (pd_due_item_get_state (due_at (fixture, 0)), ==, PD_DUE_PENDING);
  g_assert_cmpint (pd_due_item_get_state (due_at (fixture, 1)), ==, PD_DUE_PENDING);
  evening = due_at (fixture, 1);
  g_signal_connect (due, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  take (fixture, 8 * 60, PD_DOSE_TAKEN);
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpint (pd_due_item_get_state (due_at (fixture, 0)), ==, PD_DUE_TAKEN);
  g_assert_nonnull (pd_due_item_get_dose (due_at (fixture, 0)));
  /* The evening's item was left alone. */
  g_assert_true (due_at (fixture, 1) == evening);

  take (fixture, 20 * 60, PD_DOSE_SKIPPED);
  g_assert_cmpuint (changes.n, ==, 2);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpint (pd_due_item_get_state (due_at (fixture, 1)), ==, PD_DUE_SKIPPED);
  g_assert_cmpint (pd_due_item_get_state (due_at (fixture, 0)), ==, PD_DUE_TAKEN);

  /* Tomorrow nothing is answered yet. */
  pd_diary_model_set_today (fixture->model, TODAY + 1);
  g_assert_cmpint (pd_due_item_get_state (due_at (fixture, 0)), ==, PD_DUE_PENDING);
  g_assert_cmpint (pd_due_item_get_state (due_at (fixture, 1)), ==, PD_DUE_PENDING);
  assert_one_copy (fixture);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdDiaryModel) model = NULL;
  g_autoptr(PdPainEntry) entry = entry_at (TODAY, 12 * 60, 3);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PdDiaryModel *writable = fixture->model;

  db = pd_database_open (fixture->path, PD_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  model = pd_diary_model_new_for_database (db);
  g_assert_true (pd_diary_model_is_read_only (model));
  fixture->model = model;
  watch (fixture);
  load (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_days (model)), ==, 2);

  pd_diary_model_save_async (model, entry, NULL, done_cb, fixture);
  result = wait_result (fixture);
  g_assert_false (pd_diary_model_save_finish (model, result, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_assert_cmpuint (fixture->n_errors, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pd_diary_model_get_records (model, PD_RECORD_PAIN)), ==, 3);
  g_clear_object (&result);

  fixture->model = writable;
  assert_finalized (g_steal_pointer (&model));
}

/* The fixture's diary opened in a new model, as the application opens it. */
static PdDiaryModel *
open_model (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PdDiaryModel *model;

  pd_diary_model_open_async (fixture->path, PD_DATABASE_NO_BACKUPS, NULL, done_cb, fixture);
  result = wait_result (fixture);
  model = pd_diary_model_open_finish (result, &error);
  g_assert_no_error (error);
  return model;
}

/* Saves made while the load reads land in the lists, whichever finishes first. */
static void
test_open_and_save_while_loading (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(PdDiaryModel) opened = open_model (fixture);
  g_autoptr(PdPainEntry) entry = entry_at (TODAY, 13 * 60, 7);
  PdDiaryModel *first = fixture->model;
  guint n_saved = 0;

  fixture->model = opened;
  watch (fixture);

  pd_diary_model_load_async (opened, NULL, done_cb, fixture);
  pd_diary_model_save_async (opened, entry, NULL, NULL, NULL);
  finish_ok (fixture, pd_diary_model_load_finish);
  /* The save may finish after the load: wait for its change. */
  while (pd_diary_model_lookup (opened, PD_RECORD_PAIN, pd_pain_entry_get_id (entry)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  n_saved = g_list_model_get_n_items (pd_diary_model_get_records (opened, PD_RECORD_PAIN));
  g_assert_cmpuint (n_saved, ==, 4);
  g_assert_cmpuint (pd_diary_day_get_n_entries (pd_diary_model_lookup_day (opened, TODAY)), ==, 2);
  assert_one_copy (fixture);

  fixture->model = first;
  assert_finalized (g_steal_pointer (&opened));
}

/* Closing the model (its window closes) makes the saves already asked for, refuses later
 * ones, and leaves the database it was given open for its owner. */
static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PdPainEntry) asked = entry_at (TODAY, 14 * 60, 5);
  g_autoptr(PdPainEntry) late = entry_at (TODAY, 15 * 60, 6);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_before = pd_database_count_pain_entries (fixture->db, NULL);

  watch (fixture);
  load (fixture);
  pd_diary_model_save_async (fixture->model, asked, NULL, done_cb, fixture);
  pd_diary_model_close (fixture->model);
  g_assert_cmpint (pd_database_count_pain_entries (fixture->db, NULL), ==, n_before + 1);
  finish_ok (fixture, pd_diary_model_save_finish);

  pd_diary_model_save_async (fixture->model, late, NULL, done_cb, fixture);
  result = wait_result (fixture);
  g_assert_false (pd_diary_model_save_finish (fixture->model, result, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_FAILED);
  g_assert_cmpint (pd_database_count_pain_entries (fixture->db, NULL), ==, n_before + 1);
  pd_diary_model_close (fixture->model);
}

static void
outcomes_changed_cb (guint *n_outcomes)
{
  (*n_outcomes)++;
}

/* The spine outcomes come with a load and are in dup_data; saved on the database, they are
 * in the model once it reads them again, which it says. */
static void
test_outcomes (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PdFunctionActivity) activity = pd_function_activity_new ();
  g_autoptr(PdFunctionRating) rating = pd_function_rating_new ();
  g_autoptr(PdImpression) impression = pd_impression_new ();
  g_autoptr(GPtrArray) ratings = g_ptr_array_new ();
  g_autoptr(PdDiaryData) before = NULL;
  g_autoptr(PdDiaryData) after = NULL;
  g_autoptr(PdDiaryData) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  guint n_outcomes = 0;

  pd_function_activity_set_name (activity, "putting on socks");
  pd_function_activity_set_added_day (activity, TODAY - 7);
  g_assert_true (pd_database_save_function_activity (fixture->db, activity, &error));
  g_assert_no_error (error);
  load (fixture);
  before = pd_diary_model_dup_data (fixture->model);
  g_assert_nonnull (before->function_activities);
  g_assert_cmpuint (before->function_activities->len, ==, 1);
  g_assert_cmpuint (before->function_ratings->len, ==, 0);
  g_assert_cmpuint (before->impressions->len, ==, 0);

  g_signal_connect_swapped (fixture->model, "outcomes-changed", G_CALLBACK (outcomes_changed_cb),
                            &n_outcomes);
  pd_function_rating_set_activity_id (rating, pd_function_activity_get_id (activity));
  pd_function_rating_set_score (rating, 4);
  pd_function_rating_set_time (rating, at (TODAY, 9 * 60), OFFSET);
  g_ptr_array_add (ratings, rating);
  g_assert_true (pd_database_save_function_ratings (pd_diary_model_get_database (fixture->model),
                                                    ratings, &error));
  pd_impression_set_score (impression, 2);
  pd_impression_set_time (impression, at (TODAY, 10 * 60), OFFSET);
  g_assert_true (pd_database_save_impression (pd_diary_model_get_database (fixture->model),
                                              impression, &error));
  g_assert_no_error (error);
  /* Not read yet: the model's copy is as loaded. */
  after = pd_diary_model_dup_data (fixture->model);
  g_assert_cmpuint (after->function_ratings->len, ==, 0);
  g_assert_cmpuint (n_outcomes, ==, 0);

  g_assert_true (pd_diary_model_reload_outcomes (fixture->model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_outcomes, ==, 1);
  reloaded = pd_diary_model_dup_data (fixture->model);
  g_assert_cmpuint (reloaded->function_activities->len, ==, 1);
  g_assert_cmpuint (reloaded->function_ratings->len, ==, 1);
  g_assert_cmpint (pd_function_rating_get_score (g_ptr_array_index (reloaded->function_ratings, 0)), ==, 4);
  g_assert_cmpuint (reloaded->impressions->len, ==, 1);
  /* The records are not touched: no records-changed, no load. */
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (fixture->n_loaded, ==, 1);
  /* The earlier copy keeps what it had. */
  g_assert_cmpuint (before->function_ratings->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("load", test_load);
  ADD ("load-cancel", test_load_cancel);
  ADD ("load-recent", test_load_recent);
  ADD ("save-inserts", test_save_inserts);
  ADD ("edit-moves", test_edit_moves);
  ADD ("delete-undo", test_delete_undo);
  ADD ("import", test_import);
  ADD ("import-fails-whole", test_import_fails_whole);
  ADD ("due", test_due);
  ADD ("read-only", test_read_only);
  ADD ("open-and-save-while-loading", test_open_and_save_while_loading);
  ADD ("outcomes", test_outcomes);
  ADD ("close", test_close);
#undef ADD

  return g_test_run ();
}
