/* test-day-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-day-group"

#include "config.h"

#include "chart-test-util.h"
#include "pd-day-group.h"
#include "record-builders.h"

/* 2024-03-14 00:00 in Berlin (+01:00). */
#define MARCH_14 1710370800

static PdDayGroup *
group_at (GListModel *groups,
          guint       position)
{
  PdDayGroup *group = g_list_model_get_item (groups, position);

  g_assert_true (PD_IS_DAY_GROUP (group));
  /* The model keeps its own reference. */
  g_object_unref (group);
  return group;
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) from_empty = pd_day_groups_new (entries, NULL);
  g_autoptr(GListModel) from_null = pd_day_groups_new (NULL, "walk");

  g_assert_cmpuint (g_list_model_get_n_items (from_empty), ==, 0);
  g_assert_true (g_list_model_get_item_type (from_empty) == PD_TYPE_DAY_GROUP);
  g_assert_true (G_IS_LIST_STORE (from_empty));
  g_assert_cmpuint (g_list_model_get_n_items (from_null), ==, 0);
}

static void
test_aggregates (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) groups = NULL;
  PdDayGroup *group;
  guint n_items;
  double mean;
  int min, max;
  guint day;

  g_ptr_array_add (entries, new_entry (MARCH_14 + 8 * HOUR, HOUR, 2, NULL));
  g_ptr_array_add (entries, new_entry (MARCH_14 + 13 * HOUR, HOUR, 8, NULL));
  g_ptr_array_add (entries, new_entry (MARCH_14 + 20 * HOUR, HOUR, 6, NULL));
  g_ptr_array_add (entries, new_entry (MARCH_14 + 33 * HOUR, HOUR, 0, NULL));
  groups = pd_day_groups_new (entries, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);

  group = group_at (groups, 1);
  g_assert_cmpuint (pd_day_group_get_day (group), ==, julian (2024, 3, 14));
  g_assert_cmpuint (pd_day_group_get_n_items (group), ==, 3);
  g_assert_cmpfloat_with_epsilon (pd_day_group_get_mean (group), 16.0 / 3, 1e-9);
  g_assert_cmpint (pd_day_group_get_min (group), ==, 2);
  g_assert_cmpint (pd_day_group_get_max (group), ==, 8);

  /* The same numbers as properties, for bindings and list item expressions. */
  g_object_get (group, "day", &day, "n-items", &n_items, "mean", &mean, "min", &min,
                "max", &max, NULL);
  g_assert_cmpuint (day, ==, julian (2024, 3, 14));
  g_assert_cmpuint (n_items, ==, 3);
  g_assert_cmpfloat_with_epsilon (mean, 16.0 / 3, 1e-9);
  g_assert_cmpint (min, ==, 2);
  g_assert_cmpint (max, ==, 8);

  group = group_at (groups, 0);
  g_assert_cmpuint (pd_day_group_get_n_items (group), ==, 1);
  g_assert_cmpfloat (pd_day_group_get_mean (group), ==, 0);
  g_assert_cmpint (pd_day_group_get_min (group), ==, 0);
  g_assert_cmpint (pd_day_group_get_max (group), ==, 0);
  {
    g_autoptr(GDate) date = pd_day_group_dup_date (group);

    g_assert_cmpint (g_date_get_year (date), ==, 2024);
    g_assert_cmpint (g_date_get_month (date), ==, G_DATE_MARCH);
    g_assert_cmpint (g_date_get_day (date), ==, 15);
  }
}

static void
test_ordering (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) groups = NULL;
  const char *expected[][3] = {
    { "16 evening", "16 morning", NULL },
    { "15 late", "15 same-time newer", "15 same-time older" },
    { "14", NULL, NULL },
  };
  PdPainEntry *older, *newer;

  /* Any order in; the same moment twice, told apart by when they were made. */
  g_ptr_array_add (entries, new_entry (MARCH_14 + 10 * HOUR, HOUR, 1, "14"));
  g_ptr_array_add (entries,
                   new_entry (MARCH_14 + 2 * 24 * HOUR + 8 * HOUR, HOUR, 1, "16 morning"));
  older = new_entry (MARCH_14 + 24 * HOUR + 9 * HOUR, HOUR, 1, "15 same-time older");
  pd_pain_entry_set_stamps (older, 100, 100);
  g_ptr_array_add (entries, older);
  g_ptr_array_add (entries, new_entry (MARCH_14 + 24 * HOUR + 22 * HOUR, HOUR, 1, "15 late"));
  newer = new_entry (MARCH_14 + 24 * HOUR + 9 * HOUR, HOUR, 1, "15 same-time newer");
  pd_pain_entry_set_stamps (newer, 200, 200);
  g_ptr_array_add (entries, newer);
  g_ptr_array_add (entries,
                   new_entry (MARCH_14 + 2 * 24 * HOUR + 20 * HOUR, HOUR, 1, "16 evening"));

  groups = pd_day_groups_new (entries, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PdDayGroup *group = group_at (groups, i);
      guint n = 0;

      g_assert_cmpuint (pd_day_group_get_day (group), ==, julian (2024, 3, 16 - i));
      for (guint j = 0; j < 3 && expected[i][j] != NULL; j++, n++)
        g_assert_cmpstr (pd_pain_entry_get_note (pd_day_group_get_item (group, j)), ==,
                         expected[i][j]);
      g_assert_cmpuint (pd_day_group_get_n_items (group), ==, n);
    }

  /* The input is left as it was. */
  g_assert_cmpstr (pd_pain_entry_get_note (entries->pdata[0]), ==, "14");
}

static void
test_local_days_by_offset (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) groups = NULL;
  PdPainEntry *home, *away;

  /* One instant, 2024-03-15 02:30 UTC: the 15th in Berlin, still the 14th in New York. */
  home = new_entry (1710469800, HOUR, 5, "home");
  away = new_entry (1710469800, HOUR, 5, "away");
  pd_pain_entry_set_time (away, 1710469800, -5 * HOUR);
  g_ptr_array_add (entries, home);
  g_ptr_array_add (entries, away);

  groups = pd_day_groups_new (entries, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  g_assert_cmpuint (pd_day_group_get_day (group_at (groups, 0)), ==, julian (2024, 3, 15));
  g_assert_cmpstr (pd_pain_entry_get_note (pd_day_group_get_item (group_at (groups, 0), 0)), ==,
                   "home");
  g_assert_cmpuint (pd_day_group_get_day (group_at (groups, 1)), ==, julian (2024, 3, 14));
}

static void
test_search (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) walks = NULL;
  g_autoptr(GListModel) tired = NULL;
  g_autoptr(GListModel) none = NULL;
  PdDayGroup *group;

  g_ptr_array_add (entries, new_entry (MARCH_14 + 9 * HOUR, HOUR, 3, "Walked 20 minutes"));
  g_ptr_array_add (entries, new_entry (MARCH_14 + 18 * HOUR, HOUR, 6, "Bad night"));
  g_ptr_array_add (entries, new_entry (MARCH_14 + 33 * HOUR, HOUR, 4, "Physio, then a short WALK"));
  g_ptr_array_add (entries, new_entry (MARCH_14 + 40 * HOUR, HOUR, 7, "Sehr MÜDE heute"));
  g_ptr_array_add (entries, new_entry (MARCH_14 + 58 * HOUR, HOUR, 2, ""));

  all = pd_day_groups_new (entries, "");
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);

  walks = pd_day_groups_new (entries, "walk");
  g_assert_cmpuint (g_list_model_get_n_items (walks), ==, 2);
  group = group_at (walks, 0);
  g_assert_cmpuint (pd_day_group_get_day (group), ==, julian (2024, 3, 15));
  g_assert_cmpuint (pd_day_group_get_n_items (group), ==, 1);
  group = group_at (walks, 1);
  g_assert_cmpuint (pd_day_group_get_day (group), ==, julian (2024, 3, 14));
  g_assert_cmpuint (pd_day_group_get_n_items (group), ==, 1);
  /* Aggregates describe the entries that matched. */
  g_assert_cmpfloat (pd_day_group_get_mean (group), ==, 3);
  g_assert_cmpint (pd_day_group_get_max (group), ==, 3);

  /* Case folding beyond ASCII. */
  tired = pd_day_groups_new (entries, "müde");
  g_assert_cmpuint (g_list_model_get_n_items (tired), ==, 1);
  g_assert_cmpint (pd_day_group_get_min (group_at (tired, 0)), ==, 7);

  none = pd_day_groups_new (entries, "swimming");
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
}

/* The patient's own locations and qualities are found as notes are. */
static void
test_search_own_values (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) hip = NULL;
  g_autoptr(GListModel) ants = NULL;
  static const char * const where[] = { "Pins in my HIP", NULL };
  static const char * const feels[] = { "Like ants", NULL };
  PdPainEntry *entry = new_entry (MARCH_14 + 9 * HOUR, HOUR, 3, "");

  pd_pain_entry_set_custom_locations (entry, where);
  g_ptr_array_add (entries, entry);
  entry = new_entry (MARCH_14 + 33 * HOUR, HOUR, 5, "");
  pd_pain_entry_set_custom_qualities (entry, feels);
  g_ptr_array_add (entries, entry);
  g_ptr_array_add (entries, new_entry (MARCH_14 + 40 * HOUR, HOUR, 7, "Hip ok"));

  hip = pd_day_groups_new (entries, "in my hip");
  g_assert_cmpuint (g_list_model_get_n_items (hip), ==, 1);
  g_assert_cmpint (pd_day_group_get_max (group_at (hip, 0)), ==, 3);
  ants = pd_day_groups_new (entries, "ants");
  g_assert_cmpuint (g_list_model_get_n_items (ants), ==, 1);
  g_assert_cmpint (pd_day_group_get_max (group_at (ants, 0)), ==, 5);
}

static void
test_references (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(PdDayGroup) group = NULL;
  PdPainEntry *entry = new_entry (MARCH_14 + 9 * HOUR, HOUR, 3, "kept");

  g_ptr_array_add (entries, entry);
  groups = pd_day_groups_new (entries, NULL);
  g_clear_pointer (&entries, g_ptr_array_unref);

  group = g_list_model_get_item (groups, 0);
  g_clear_object (&groups);
  g_assert_true (pd_day_group_get_item (group, 0) == entry);
  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, "kept");
  g_assert_finalize_object (g_steal_pointer (&group));
}

static PdDose *
new_dose (gint64      unix_time,
          const char *name,
          const char *note)
{
  PdDose *dose = pd_dose_new ();

  pd_dose_set_time (dose, unix_time, HOUR);
  pd_dose_set_name (dose, name);
  pd_dose_set_amount (dose, 400);
  pd_dose_set_note (dose, note);
  return dose;
}

/* Two days: the 14th with a pain entry, a dose, an activity and an event; the 16th with a
 * dose and an activity only. */
static PdDiaryData *
new_diary_data (void)
{
  PdDiaryData *data = diary_new ();
  PdActivity *swim = new_activity ("Swimming / hydrotherapy", MARCH_14 + 56 * HOUR, HOUR, 30);

  g_ptr_array_add (data->pain_entries, new_entry (MARCH_14 + 9 * HOUR, HOUR, 4, "stiff morning"));
  g_ptr_array_add (data->pain_entries, new_entry (MARCH_14 + 21 * HOUR, HOUR, 6, ""));
  g_ptr_array_add (data->doses, new_dose (MARCH_14 + 8 * HOUR, "Ibuprofen", "with food"));
  g_ptr_array_add (data->activities, new_activity ("Walking", MARCH_14 + 11 * HOUR, HOUR, 30));
  g_ptr_array_add (data->events, new_event ("injection", "Epidural steroid injection L5",
                                            MARCH_14 + 14 * HOUR, HOUR));
  g_ptr_array_add (data->doses, new_dose (MARCH_14 + 50 * HOUR, "Naproxen", ""));
  pd_activity_set_note (swim, "Easy lanes");
  g_ptr_array_add (data->activities, swim);
  return data;
}

static void
test_full_kinds (void)
{
  g_autoptr(PdDiaryData) data = new_diary_data ();
  g_autoptr(GListModel) all = pd_day_groups_new_full (data, NULL, PD_DAY_GROUPS_ALL_KINDS);
  g_autoptr(GListModel) pain_only = NULL;
  g_autoptr(GListModel) doses_and_events = NULL;
  g_autoptr(GListModel) none = NULL;
  PdDayGroup *group;
  guint n_records;

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);

  /* The 16th: no pain entry, so no aggregates to speak of. */
  group = group_at (all, 0);
  g_assert_cmpuint (pd_day_group_get_day (group), ==, julian (2024, 3, 16));
  g_assert_cmpuint (pd_day_group_get_n_records (group), ==, 2);
  g_assert_cmpuint (pd_day_group_get_n_items (group), ==, 0);
  g_assert_cmpfloat (pd_day_group_get_mean (group), ==, 0);
  g_assert_cmpint (pd_day_group_get_min (group), ==, -1);
  g_assert_cmpint (pd_day_group_get_max (group), ==, -1);
  g_assert_true (PD_IS_ACTIVITY (pd_day_group_get_record (group, 0)));
  g_assert_true (PD_IS_DOSE (pd_day_group_get_record (group, 1)));
  g_object_get (group, "n-records", &n_records, NULL);
  g_assert_cmpuint (n_records, ==, 2);

  /* The 14th: every kind, newest first; the aggregates are the pain entries'. */
  group = group_at (all, 1);
  g_assert_cmpuint (pd_day_group_get_day (group), ==, julian (2024, 3, 14));
  g_assert_cmpuint (pd_day_group_get_n_records (group), ==, 5);
  g_assert_true (PD_IS_PAIN_ENTRY (pd_day_group_get_record (group, 0)));
  g_assert_true (PD_IS_EVENT (pd_day_group_get_record (group, 1)));
  g_assert_true (PD_IS_ACTIVITY (pd_day_group_get_record (group, 2)));
  g_assert_true (PD_IS_PAIN_ENTRY (pd_day_group_get_record (group, 3)));
  g_assert_true (PD_IS_DOSE (pd_day_group_get_record (group, 4)));
  g_assert_cmpuint (pd_day_group_get_n_items (group), ==, 2);
  g_assert_true (G_OBJECT (pd_day_group_get_item (group, 0)) == pd_day_group_get_record (group, 0));
  g_assert_true (G_OBJECT (pd_day_group_get_item (group, 1)) == pd_day_group_get_record (group, 3));
  g_assert_cmpfloat (pd_day_group_get_mean (group), ==, 5);
  g_assert_cmpint (pd_day_group_get_min (group), ==, 4);
  g_assert_cmpint (pd_day_group_get_max (group), ==, 6);

  /* The pain kind alone is what pd_day_groups_new gives. */
  pain_only = pd_day_groups_new_full (data, NULL, 1u << PD_RECORD_PAIN);
  g_assert_cmpuint (g_list_model_get_n_items (pain_only), ==, 1);
  g_assert_cmpuint (pd_day_group_get_n_records (group_at (pain_only, 0)), ==, 2);

  doses_and_events = pd_day_groups_new_full (data, "",
                                             (1u << PD_RECORD_DOSE) | (1u << PD_RECORD_EVENT));
  g_assert_cmpuint (g_list_model_get_n_items (doses_and_events), ==, 2);
  g_assert_cmpuint (pd_day_group_get_n_records (group_at (doses_and_events, 1)), ==, 2);
  g_assert_cmpint (pd_day_group_get_max (group_at (doses_and_events, 1)), ==, -1);

  none = pd_day_groups_new_full (data, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
}

static void
test_full_search (void)
{
  g_autoptr(PdDiaryData) data = new_diary_data ();
  const struct
  {
    const char *search;
    guint n_days;
    guint n_records;   /* in the newest day */
  } cases[] = {
    { "ibuprofen", 1, 1 },     /* dose name */
    { "WITH FOOD", 1, 1 },     /* dose note */
    { "walk", 1, 1 },          /* activity name */
    { "easy", 1, 1 },          /* activity note */
    { "epidural", 1, 1 },      /* event title */
    { "stiff", 1, 1 },         /* pain note */
    { "o", 2, 2 },             /* Naproxen, hydrotherapy (16th); the 14th too */
    { "nothing like it", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GListModel) groups = pd_day_groups_new_full (data, cases[i].search,
                                                             PD_DAY_GROUPS_ALL_KINDS);

      g_test_message ("%s", cases[i].search);
      g_assert_cmpuint (g_list_model_get_n_items (groups), ==, cases[i].n_days);
      if (cases[i].n_days > 0)
        g_assert_cmpuint (pd_day_group_get_n_records (group_at (groups, 0)), ==,
                          cases[i].n_records);
    }

  /* Searching one kind leaves the others out even when they match. */
  {
    g_autoptr(GListModel) groups = pd_day_groups_new_full (data, "walking",
                                                           1u << PD_RECORD_DOSE);

    g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  }

  /* No data, no groups. */
  {
    g_autoptr(GListModel) groups = pd_day_groups_new_full (NULL, NULL, PD_DAY_GROUPS_ALL_KINDS);

    g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/day-group/empty", test_empty);
  g_test_add_func ("/day-group/aggregates", test_aggregates);
  g_test_add_func ("/day-group/ordering", test_ordering);
  g_test_add_func ("/day-group/local-days-by-offset", test_local_days_by_offset);
  g_test_add_func ("/day-group/search", test_search);
  g_test_add_func ("/day-group/search-own-values", test_search_own_values);
  g_test_add_func ("/day-group/references", test_references);
  g_test_add_func ("/day-group/full/kinds", test_full_kinds);
  g_test_add_func ("/day-group/full/search", test_full_search);

  return g_test_run ();
}
