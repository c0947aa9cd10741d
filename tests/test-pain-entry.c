/* test-pain-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pain-entry"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-error.h"
#include "pd-pain-entry.h"
#include "pd-tags.h"
#include "record-builders.h"
#include "test-util.h"

static void
test_defaults (void)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(PdPainEntry) other = pd_pain_entry_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (g_uuid_string_is_valid (pd_pain_entry_get_id (entry)));
  g_assert_cmpstr (pd_pain_entry_get_id (entry), !=, pd_pain_entry_get_id (other));
  g_assert_cmpint (ABS (pd_pain_entry_get_time (entry) - now), <=, 2);
  g_assert_cmpint (pd_pain_entry_get_pain (entry), ==, 0);
  assert_optional_items_unset (entry);
  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, "");
  g_assert_cmpint (pd_pain_entry_get_created (entry), ==, 0);
  g_assert_true (pd_pain_entry_validate (entry, &error));
  g_assert_no_error (error);
}

static void
test_accessors (void)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(PdPainEntry) copy = NULL;

  pd_pain_entry_set_id (entry, "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, "6f9619ff-8b86-d011-b42d-00c04fc964ff");

  pd_pain_entry_set_time (entry, 1700000000, -18000);
  pd_pain_entry_set_pain (entry, 7);
  pd_pain_entry_set_enjoyment_interference (entry, 3);
  pd_pain_entry_set_activity_interference (entry, 9);
  pd_pain_entry_set_locations (entry, 0x5);
  pd_pain_entry_set_qualities (entry, 0x81);
  pd_pain_entry_set_sleep_hours (entry, 6.5);
  pd_pain_entry_set_sleep_quality (entry, 4);
  pd_pain_entry_set_mood (entry, 0);
  pd_pain_entry_set_red_flags (entry, 0x2);
  pd_pain_entry_set_note (entry, "Müde");
  pd_pain_entry_set_stamps (entry, 1700000001, 1700000002);

  copy = pd_pain_entry_copy (entry);
  g_assert_true (copy != entry);
  g_assert_cmpstr (pd_pain_entry_get_id (copy), ==, pd_pain_entry_get_id (entry));
  g_assert_cmpint (pd_pain_entry_get_time (copy), ==, 1700000000);
  g_assert_cmpint (pd_pain_entry_get_utc_offset (copy), ==, -18000);
  g_assert_cmpint (pd_pain_entry_get_pain (copy), ==, 7);
  g_assert_cmpint (pd_pain_entry_get_enjoyment_interference (copy), ==, 3);
  g_assert_cmpint (pd_pain_entry_get_activity_interference (copy), ==, 9);
  g_assert_cmpuint (pd_pain_entry_get_locations (copy), ==, 0x5);
  g_assert_cmpuint (pd_pain_entry_get_qualities (copy), ==, 0x81);
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (copy), ==, 6.5);
  g_assert_cmpint (pd_pain_entry_get_sleep_quality (copy), ==, 4);
  g_assert_cmpint (pd_pain_entry_get_mood (copy), ==, 0);
  g_assert_cmpuint (pd_pain_entry_get_red_flags (copy), ==, 0x2);
  g_assert_cmpstr (pd_pain_entry_get_note (copy), ==, "Müde");
  g_assert_cmpint (pd_pain_entry_get_created (copy), ==, 1700000001);
  g_assert_cmpint (pd_pain_entry_get_updated (copy), ==, 1700000002);

  /* A negative number of hours means "not recorded". */
  pd_pain_entry_set_sleep_hours (entry, -3);
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), ==, -1);
  pd_pain_entry_set_note (entry, NULL);
  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, "");
}

/* Ids are kept in the record (PdRecordId): UUIDs in place, anything else on the heap. */
static void
test_id_storage (void)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(GError) error = NULL;
  const char *drawn = pd_pain_entry_get_id (entry);
  const char *id;

  /* Drawn once, then the same. */
  g_assert_true (g_uuid_string_is_valid (drawn));
  g_assert_true (pd_pain_entry_get_id (entry) == drawn);

  /* Not a UUID: kept as given (lower case), and refused with it in the message. */
  pd_pain_entry_set_id (entry, "Row-17");
  g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, "row-17");
  g_assert_false (pd_pain_entry_validate (entry, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "row-17"));
  g_clear_error (&error);
  pd_pain_entry_set_id (entry, "");
  g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, "");
  /* A UUID one character short or long is no UUID either. */
  pd_pain_entry_set_id (entry, "6f9619ff-8b86-d011-b42d-00c04fc964f");
  g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, "6f9619ff-8b86-d011-b42d-00c04fc964f");
  pd_pain_entry_set_id (entry, "6f9619ff-8b86-d011-b42d-00c04fc964ff0");
  g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, "6f9619ff-8b86-d011-b42d-00c04fc964ff0");

  /* Back to a UUID, and set from itself. */
  pd_pain_entry_set_id (entry, "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  id = pd_pain_entry_get_id (entry);
  pd_pain_entry_set_id (entry, id);
  g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  g_assert_true (pd_pain_entry_validate (entry, NULL));
}

static gpointer
get_id_thread (gpointer entry)
{
  return (gpointer) pd_pain_entry_get_id (entry);
}

/* Threads that ask a new record for its id at once all get the one id drawn. */
static void
test_id_drawn_once (void)
{
  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
      GThread *threads[4];
      const char *first = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("get-id", get_id_thread, entry);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          const char *id = g_thread_join (threads[i]);

          g_assert_true (g_uuid_string_is_valid (id));
          if (first == NULL)
            first = id;
          g_assert_cmpstr (id, ==, first);
        }
      g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, first);
    }
}

static void
assert_invalid (PdPainEntry *entry,
                const char  *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_pain_entry_validate (entry, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, field));
}

static void
test_validation (void)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(PdPainEntry) fresh = NULL;
  g_autoptr(GError) error = NULL;
  GString *long_note;

  pd_pain_entry_set_pain (entry, 11);
  assert_invalid (entry, "pain");
  pd_pain_entry_set_pain (entry, -2);
  assert_invalid (entry, "pain");
  /* Pain is required: "unset" is not a value for it. */
  pd_pain_entry_set_pain (entry, PD_UNSET);
  assert_invalid (entry, "pain");
  pd_pain_entry_set_pain (entry, 10);
  g_assert_true (pd_pain_entry_validate (entry, NULL));
  pd_pain_entry_set_pain (entry, 0);
  g_assert_true (pd_pain_entry_validate (entry, NULL));

  pd_pain_entry_set_mood (entry, 12);
  assert_invalid (entry, "mood");
  pd_pain_entry_set_mood (entry, PD_UNSET);

  pd_pain_entry_set_enjoyment_interference (entry, -5);
  assert_invalid (entry, "enjoyment_interference");
  pd_pain_entry_set_enjoyment_interference (entry, PD_UNSET);
  pd_pain_entry_set_back_pain (entry, 11);
  assert_invalid (entry, "back_pain");
  pd_pain_entry_set_back_pain (entry, PD_UNSET);
  pd_pain_entry_set_leg_pain (entry, -3);
  assert_invalid (entry, "leg_pain");
  pd_pain_entry_set_leg_pain (entry, 10);
  g_assert_true (pd_pain_entry_validate (entry, NULL));
  pd_pain_entry_set_activity_interference (entry, 11);
  assert_invalid (entry, "activity_interference");
  pd_pain_entry_set_activity_interference (entry, 10);
  pd_pain_entry_set_sleep_quality (entry, 100);
  assert_invalid (entry, "sleep_quality");
  pd_pain_entry_set_sleep_quality (entry, PD_UNSET);

  pd_pain_entry_set_sleep_hours (entry, 25);
  assert_invalid (entry, "sleep_hours");
  pd_pain_entry_set_sleep_hours (entry, NAN);
  assert_invalid (entry, "sleep_hours");
  pd_pain_entry_set_sleep_hours (entry, 24);
  g_assert_true (pd_pain_entry_validate (entry, NULL));

  pd_pain_entry_set_locations (entry, G_GUINT64_CONSTANT (1) << pd_tag_count (PD_TAG_LOCATION));
  assert_invalid (entry, "locations");
  pd_pain_entry_set_locations (entry, 0);
  pd_pain_entry_set_red_flags (entry, 1u << 31);
  assert_invalid (entry, "red_flags");
  pd_pain_entry_set_red_flags (entry, 0);

  pd_pain_entry_set_time (entry, 1700000000, 15 * 3600);
  assert_invalid (entry, "utc_offset");
  pd_pain_entry_set_time (entry, 1700000000, 3630);
  assert_invalid (entry, "utc_offset");
  pd_pain_entry_set_time (entry, 1700000000, -9 * 3600 - 30 * 60);
  g_assert_true (pd_pain_entry_validate (entry, NULL));

  pd_pain_entry_set_note (entry, "caf\xc3");
  assert_invalid (entry, "note");
  long_note = g_string_new (NULL);
  for (guint i = 0; i < 10001; i++)
    g_string_append_c (long_note, 'x');
  pd_pain_entry_set_note (entry, long_note->str);
  assert_invalid (entry, "note");
  g_string_free (long_note, TRUE);
  pd_pain_entry_set_note (entry, "fine");

  fresh = pd_pain_entry_new ();
  pd_pain_entry_set_id (fresh, "not-a-uuid");
  assert_invalid (fresh, "id");
  pd_pain_entry_set_id (fresh, "");
  assert_invalid (fresh, "id");

  g_assert_true (pd_pain_entry_validate (entry, &error));
  g_assert_no_error (error);
}

static guint32
day_of (gint64 unix_time,
        int    utc_offset)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();

  pd_pain_entry_set_time (entry, unix_time, utc_offset);
  return pd_pain_entry_get_local_day (entry);
}

static void
test_local_day (void)
{
  /* 2024-03-14 23:45 in Berlin (+01:00) is 22:45 UTC the same day. */
  g_assert_cmpuint (day_of (1710456300, 3600), ==, julian (2024, G_DATE_MARCH, 14));
  /* 2024-03-15 21:30 in New York (-05:00) is already the 16th in UTC. */
  g_assert_cmpuint (day_of (1710556200, -18000), ==, julian (2024, G_DATE_MARCH, 15));
  g_assert_cmpuint (day_of (1710556200, 0), ==, julian (2024, G_DATE_MARCH, 16));
  /* The last and first second of a local day. */
  g_assert_cmpuint (day_of (1710457199, 3600), ==, julian (2024, G_DATE_MARCH, 14));
  g_assert_cmpuint (day_of (1710457200, 3600), ==, julian (2024, G_DATE_MARCH, 15));
  /* Kiribati (+14:00) and Baker Island (-12:00) on the same instant, two days apart. */
  g_assert_cmpuint (day_of (1710460800, 14 * 3600), ==, julian (2024, G_DATE_MARCH, 15));
  g_assert_cmpuint (day_of (1710460800, -12 * 3600), ==, julian (2024, G_DATE_MARCH, 14));
  /* Around the epoch, where local times are negative. */
  g_assert_cmpuint (day_of (0, 0), ==, julian (1970, G_DATE_JANUARY, 1));
  g_assert_cmpuint (day_of (-1, 0), ==, julian (1969, G_DATE_DECEMBER, 31));
  g_assert_cmpuint (day_of (3600, -7200), ==, julian (1969, G_DATE_DECEMBER, 31));
  g_assert_cmpuint (day_of (-86400, 0), ==, julian (1969, G_DATE_DECEMBER, 31));
  g_assert_cmpuint (day_of (-86401, 0), ==, julian (1969, G_DATE_DECEMBER, 30));
}

/* Against GDateTime, for many instants and offsets. */
static void
test_local_day_agrees_with_gdatetime (void)
{
  for (guint i = 0; i < 5000; i++)
    {
      gint64 unix_time = g_test_rand_int_range (-400000000, 2000000000);
      int offset = g_test_rand_int_range (-12 * 4, 14 * 4 + 1) * 15 * 60;
      g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
      g_autoptr(GDateTime) local = NULL;
      int year, month, day;

      pd_pain_entry_set_time (entry, unix_time, offset);
      local = pd_pain_entry_dup_local_time (entry);
      g_assert_cmpint (g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND, ==, offset);
      g_assert_cmpint (g_date_time_to_unix (local), ==, unix_time);
      g_date_time_get_ymd (local, &year, &month, &day);
      g_assert_cmpuint (pd_pain_entry_get_local_day (entry), ==, julian (year, month, day));
    }
}

static void
test_date_time_dst (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  struct { int month, day, hour, offset; } cases[] = {
    { 3, 29, 1, 3600 },    /* before the spring change at 02:00 */
    { 3, 29, 3, 7200 },
    { 3, 29, 23, 7200 },
    { 10, 25, 1, 7200 },   /* before the autumn change at 03:00 */
    { 10, 25, 4, 3600 },
    { 10, 25, 23, 3600 },
  };

  g_assert_nonnull (berlin);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new (berlin, 2026, cases[i].month, cases[i].day,
                                                   cases[i].hour, 30, 0);
      g_autoptr(GDateTime) local = NULL;

      pd_pain_entry_set_date_time (entry, time);
      g_assert_cmpint (pd_pain_entry_get_utc_offset (entry), ==, cases[i].offset);
      g_assert_cmpint (pd_pain_entry_get_time (entry), ==, g_date_time_to_unix (time));
      g_assert_cmpuint (pd_pain_entry_get_local_day (entry), ==,
                        julian (2026, cases[i].month, cases[i].day));

      local = pd_pain_entry_dup_local_time (entry);
      g_assert_cmpint (g_date_time_get_hour (local), ==, cases[i].hour);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 30);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pain-entry/defaults", test_defaults);
  g_test_add_func ("/pain-entry/accessors", test_accessors);
  g_test_add_func ("/pain-entry/id-storage", test_id_storage);
  g_test_add_func ("/pain-entry/id-drawn-once", test_id_drawn_once);
  g_test_add_func ("/pain-entry/validation", test_validation);
  g_test_add_func ("/pain-entry/local-day", test_local_day);
  g_test_add_func ("/pain-entry/local-day-agrees-with-gdatetime",
                   test_local_day_agrees_with_gdatetime);
  g_test_add_func ("/pain-entry/date-time-dst", test_date_time_dst);

  return g_test_run ();
}
