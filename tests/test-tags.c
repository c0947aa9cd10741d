/* test-tags.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tags"

#include "config.h"

#include <string.h>

#include "pd-error.h"
#include "pd-tags.h"

static const PdTagKind kinds[] = { PD_TAG_LOCATION, PD_TAG_QUALITY, PD_TAG_RED_FLAG };

static void
test_catalogue (void)
{
  g_assert_cmpuint (pd_tag_count (PD_TAG_LOCATION), ==, 41);
  g_assert_cmpuint (pd_tag_count (PD_TAG_QUALITY), ==, 8);
  g_assert_cmpuint (pd_tag_count (PD_TAG_RED_FLAG), ==, 15);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint n = pd_tag_count (kinds[k]);

      g_assert_cmpuint (n, <=, 64);
      for (guint i = 0; i < n; i++)
        {
          const char *key = pd_tag_key (kinds[k], i);

          /* Keys are stored and exported: plain, unique, and never the list separator. */
          g_assert_nonnull (key);
          g_assert_null (strpbrk (key, "; ,\""));
          g_assert_cmpint (pd_tag_lookup (kinds[k], key), ==, (int) i);
          g_assert_cmpstr (pd_tag_label (kinds[k], i), !=, "");
        }
    }

  g_assert_cmpstr (pd_tag_key (PD_TAG_LOCATION, 0), ==, "low_back");
  g_assert_cmpint (pd_tag_lookup (PD_TAG_LOCATION, "elbow"), ==, -1);
  g_assert_cmpint (pd_tag_lookup (PD_TAG_QUALITY, "low_back"), ==, -1);
  g_assert_cmpint (pd_tag_lookup (PD_TAG_RED_FLAG, NULL), ==, -1);
}

/* domain.md's 14 red flags and the signs of opioid overdose; the first five keep their keys
 * (stored in diaries and CSV files). */
static void
test_red_flags (void)
{
  static const struct
  {
    const char *key;
    gboolean emergency;
  } flags[] = {
    { "bowel_bladder", FALSE },
    { "leg_weakness", FALSE },
    { "saddle_numbness", FALSE },
    { "fever_wound", FALSE },
    { "unrelieved_pain", FALSE },
    { "sexual_problems", FALSE },
    { "both_legs", FALSE },
    { "unsteady_walking", FALSE },
    { "wound_fluid_headache", FALSE },
    { "calf_breathless", TRUE },
    { "night_pain", FALSE },
    { "weight_loss_cancer", FALSE },
    { "fall_injury", FALSE },
    { "pain_despite_care", FALSE },
    { "opioid_overdose", TRUE },
  };
  guint32 emergency = 0;

  g_assert_cmpuint (pd_tag_count (PD_TAG_RED_FLAG), ==, G_N_ELEMENTS (flags));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_assert_cmpstr (pd_tag_key (PD_TAG_RED_FLAG, i), ==, flags[i].key);
      g_assert_true (pd_red_flag_is_emergency (i) == flags[i].emergency);
      if (flags[i].emergency)
        emergency |= 1u << i;
    }
  g_assert_cmpuint (pd_red_flags_emergency_mask (), ==, emergency);
  g_assert_nonnull (strstr (pd_tag_label (PD_TAG_RED_FLAG, 14), "pinpoint pupils"));
}

static void
test_round_trip (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint n = pd_tag_count (kinds[k]);
      guint64 all = (n == 64) ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n) - 1;
      guint64 masks[] = { 0, 1, G_GUINT64_CONSTANT (1) << (n - 1), all,
                          all & G_GUINT64_CONSTANT (0x5555555555555555),
                          all & G_GUINT64_CONSTANT (0xaaaaaaaaaaaaaaaa) };

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *string = pd_tags_to_string (kinds[k], G_GUINT64_CONSTANT (1) << i);
          g_autoptr(GError) error = NULL;
          guint64 mask = 0;

          g_assert_cmpstr (string, ==, pd_tag_key (kinds[k], i));
          g_assert_true (pd_tags_from_string (kinds[k], string, &mask, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (mask, ==, G_GUINT64_CONSTANT (1) << i);
        }

      for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
        {
          g_autofree char *string = pd_tags_to_string (kinds[k], masks[i]);
          g_autoptr(GError) error = NULL;
          guint64 mask = 12345;

          g_assert_true (pd_tags_from_string (kinds[k], string, &mask, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (mask, ==, masks[i]);
        }
    }
}

static void
test_to_string (void)
{
  guint64 mask = (G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "foot_left")) |
                 (G_GUINT64_CONSTANT (1) << pd_tag_lookup (PD_TAG_LOCATION, "low_back"));
  g_autofree char *string = pd_tags_to_string (PD_TAG_LOCATION, mask);
  g_autofree char *empty = pd_tags_to_string (PD_TAG_QUALITY, 0);
  g_autofree char *label = pd_tags_to_label (PD_TAG_LOCATION, mask);

  /* Catalogue order, whatever order the bits were set in. */
  g_assert_cmpstr (string, ==, "low_back;foot_left");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (label, ==, "Low back, Left foot");
}

static void
test_from_string_lenient (void)
{
  g_autoptr(GError) error = NULL;
  guint64 mask = 99;

  g_assert_true (pd_tags_from_string (PD_TAG_QUALITY, NULL, &mask, &error));
  g_assert_cmpuint (mask, ==, 0);
  mask = 99;
  g_assert_true (pd_tags_from_string (PD_TAG_QUALITY, "", &mask, &error));
  g_assert_cmpuint (mask, ==, 0);

  /* Spaces and empty items, as a hand-edited CSV might have them; duplicates are harmless. */
  g_assert_true (pd_tags_from_string (PD_TAG_QUALITY, " burning ;;electric; burning;", &mask,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mask, ==, (1u << pd_tag_lookup (PD_TAG_QUALITY, "burning")) |
                              (1u << pd_tag_lookup (PD_TAG_QUALITY, "electric")));
}

static void
test_unknown_key (void)
{
  g_autoptr(GError) error = NULL;
  guint64 mask = 7;

  g_assert_false (pd_tags_from_string (PD_TAG_LOCATION, "low_back;elbow", &mask, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "elbow"));
  g_assert_nonnull (strstr (error->message, "locations"));
  g_assert_cmpuint (mask, ==, 7);
  g_clear_error (&error);

  /* Keys are case-sensitive and belong to one kind. */
  g_assert_false (pd_tags_from_string (PD_TAG_LOCATION, "Low_Back", &mask, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_tags_from_string (PD_TAG_RED_FLAG, "burning", &mask, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "red_flags"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tags/catalogue", test_catalogue);
  g_test_add_func ("/tags/red-flags", test_red_flags);
  g_test_add_func ("/tags/round-trip", test_round_trip);
  g_test_add_func ("/tags/to-string", test_to_string);
  g_test_add_func ("/tags/from-string-lenient", test_from_string_lenient);
  g_test_add_func ("/tags/unknown-key", test_unknown_key);

  return g_test_run ();
}
