/* pd-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-generator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-generator.h"
#include "pd-tags.h"

#define DEMO_DAYS 120
#define DEMO_SEED 20240611
#define DEMO_SURGERY_DAYS_BEFORE 30

/* Entries are spread over the waking day, 07:00 to 22:30. */
#define DAY_START_MIN (7 * 60)
#define DAY_LENGTH_MIN (15 * 60 + 30)

static double
rand_normal (GRand *rand)
{
  /* Box-Muller; 1 - u keeps the logarithm finite. */
  double u = 1.0 - g_rand_double (rand);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static gboolean
rand_chance (GRand  *rand,
             double  probability)
{
  return g_rand_double (rand) < probability;
}

static int
clamp_scale (double value)
{
  return (int) CLAMP (lround (value), 0, 10);
}

/* A version 4 UUID drawn from rand, so that a seed always yields the same diary. */
static char *
rand_uuid (GRand *rand)
{
  guint32 words[4];

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = g_rand_int (rand);
  words[1] = (words[1] & 0xffff0fff) | 0x00004000;
  words[2] = (words[2] & 0x3fffffff) | 0x80000000;

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%04x%08x",
                          words[0], words[1] >> 16, words[1] & 0xffff,
                          words[2] >> 16, words[2] & 0xffff, words[3]);
}

static guint32
tag (PdTagKind   kind,
     const char *key)
{
  int index = pd_tag_lookup (kind, key);

  g_assert (index >= 0);
  return 1u << index;
}

/* Slot k of n on date, with some jitter, as a time in tz. */
static GDateTime *
slot_time (GRand       *rand,
           GTimeZone   *tz,
           const GDate *date,
           guint        k,
           guint        n)
{
  double slot = (double) DAY_LENGTH_MIN / n;
  double minute = DAY_START_MIN + (k + 0.5) * slot;
  int jitter = (int) (slot / 3);

  if (jitter > 0)
    minute += g_rand_int_range (rand, -jitter, jitter + 1);
  minute = CLAMP (minute, 0, 24 * 60 - 1);

  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), (int) minute / 60, (int) minute % 60, 0);
}

static PdPainEntry *
new_entry (GRand       *rand,
           GTimeZone   *tz,
           const GDate *date,
           guint        k,
           guint        n)
{
  g_autoptr(GDateTime) time = slot_time (rand, tz, date, k, n);
  g_autofree char *id = rand_uuid (rand);
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_id (entry, id);
  pd_pain_entry_set_date_time (entry, time);
  return entry;
}

static GTimeZone *
lookup_time_zone (const char  *identifier,
                  GError     **error)
{
  GTimeZone *tz;

  if (identifier == NULL)
    return g_time_zone_new_local ();

  tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Unknown time zone “%s”"), identifier);
  return tz;
}

static void
date_minus_days (GDate       *date,
                 const GDate *end,
                 guint        days)
{
  *date = *end;
  g_date_subtract_days (date, days);
}

/* The synthetic diary for benchmarks and tests */

static void
fill_day (GRand       *rand,
          GTimeZone   *tz,
          const GDate *date,
          guint        entries_per_day,
          GPtrArray   *entries)
{
  static const char * const notes[] = {
    "Walked 20 minutes",
    "Stiff after sitting",
    "Physio exercises done",
    "Rainy day, more aching",
    "Slept badly",
    "Good day",
  };
  guint n = entries_per_day > 0 ? entries_per_day : (guint) g_rand_int_range (rand, 1, 5);
  /* Weekly rhythm: worse mid-week (work), better at the weekend. */
  double weekday = g_date_get_weekday (date);
  double baseline = 5.0 + 0.8 * sin (2.0 * G_PI * (weekday - 1.0) / 7.0);

  for (guint k = 0; k < n; k++)
    {
      PdPainEntry *entry = new_entry (rand, tz, date, k, n);
      double pain = baseline + 1.2 * rand_normal (rand);
      guint32 locations = tag (PD_TAG_LOCATION, "low_back");
      guint32 qualities = tag (PD_TAG_QUALITY, "aching");

      pd_pain_entry_set_pain (entry, clamp_scale (pain));
      if (rand_chance (rand, 0.3))
        {
          pd_pain_entry_set_enjoyment_interference (entry, clamp_scale (pain + rand_normal (rand)));
          pd_pain_entry_set_activity_interference (entry, clamp_scale (pain + rand_normal (rand)));
        }
      if (k == 0)
        {
          pd_pain_entry_set_sleep_hours (entry, round ((7.0 - 0.2 * (pain - 5) +
                                                        0.8 * rand_normal (rand)) * 4) / 4);
          pd_pain_entry_set_sleep_quality (entry, clamp_scale (10 - pain + rand_normal (rand)));
        }
      if (rand_chance (rand, 0.5))
        pd_pain_entry_set_mood (entry, clamp_scale (9 - 0.6 * pain + rand_normal (rand)));
      if (rand_chance (rand, 0.3))
        locations |= tag (PD_TAG_LOCATION, rand_chance (rand, 0.5) ? "thigh_left" : "buttock_left");
      if (rand_chance (rand, 0.25))
        qualities |= tag (PD_TAG_QUALITY, rand_chance (rand, 0.5) ? "burning" : "stiffness");
      pd_pain_entry_set_locations (entry, locations);
      pd_pain_entry_set_qualities (entry, qualities);
      if (rand_chance (rand, 0.1))
        pd_pain_entry_set_note (entry, notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))]);

      g_ptr_array_add (entries, entry);
    }
}

gboolean
pd_generator_fill (PdDatabase                *db,
                   const PdGeneratorOptions  *options,
                   GError                   **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (g_date_valid (&options->end_date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tz = lookup_time_zone (options->tz, error);
  if (tz == NULL)
    return FALSE;

  rand = g_rand_new_with_seed (options->seed);
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = options->days; i > 0; i--)
    {
      GDate date;

      date_minus_days (&date, &options->end_date, i - 1);
      fill_day (rand, tz, &date, options->entries_per_day, entries);
    }

  return pd_database_save_pain_entries (db, entries, error);
}

/* The demo story
 *
 * Alex had an L4-L5 fusion 30 days before the diary starts. Pain eases from about 6 to about
 * 3.5 over four months, except for a flare of burning, electric left-leg pain around days
 * 60-75 that also wrecks sleep and mood. */

typedef enum
{
  PHASE_HEALING,
  PHASE_FLARE,
  PHASE_RECOVERY,
} DemoPhase;

static DemoPhase
demo_phase (guint day)
{
  if (day < 60)
    return PHASE_HEALING;
  if (day <= 75)
    return PHASE_FLARE;
  return PHASE_RECOVERY;
}

/* Extra pain from the flare: a quick rise, a plateau, and a slower decay. */
static double
demo_flare (guint day)
{
  if (day < 60 || day > 78)
    return 0;
  if (day < 63)
    return 3.0 * (day - 59) / 4.0;
  if (day <= 70)
    return 3.0;
  return 3.0 * (78 - day) / 8.0;
}

static const char *
demo_note (GRand     *rand,
           DemoPhase  phase,
           guint      slot,
           guint      n_slots)
{
  static const char * const healing[] = {
    "Walked 20 minutes",
    "Walked 30 minutes, felt fine",
    "Physio today – new core exercises",
    "Physio: added hamstring stretches",
    "Stiff after sitting at the desk",
    "Hydrotherapy session, eased the back",
    "Drove to town, back ached afterwards",
    "Good day, some light gardening",
  };
  static const char * const flare[] = {
    "Bad night",
    "Burning down the left leg",
    "Electric shocks into the foot when bending",
    "Could not sit through dinner",
    "Phoned the surgeon's nurse – review booked",
    "Lying down helps a little",
  };
  static const char * const recovery[] = {
    "Leg pain easing",
    "Back to short walks",
    "Slept through the night",
    "Physio: restarted core exercises",
    "Walked 40 minutes",
    "Met friends for coffee, sat for an hour",
  };

  if (phase == PHASE_FLARE && slot == 0 && rand_chance (rand, 0.5))
    return "Bad night";
  if (!rand_chance (rand, slot + 1 == n_slots ? 0.45 : 0.2))
    return NULL;

  switch (phase)
    {
    case PHASE_HEALING:
      return healing[g_rand_int_range (rand, 0, G_N_ELEMENTS (healing))];
    case PHASE_FLARE:
      return flare[g_rand_int_range (rand, 0, G_N_ELEMENTS (flare))];
    case PHASE_RECOVERY:
      return recovery[g_rand_int_range (rand, 0, G_N_ELEMENTS (recovery))];
    default:
      g_assert_not_reached ();
    }
}

static void
demo_day (GRand       *rand,
          GTimeZone   *tz,
          const GDate *date,
          guint        day,
          GPtrArray   *entries)
{
  DemoPhase phase = demo_phase (day);
  double flare = demo_flare (day);
  double trend = 6.0 - 2.5 * day / (DEMO_DAYS - 1) + flare;
  double weekday = g_date_get_weekday (date);
  guint n = (guint) g_rand_int_range (rand, 2, 5);
  double day_noise = 0.4 * rand_normal (rand);
  double sleep_hours;
  int sleep_quality;

  /* Pain in the evening shows in the night's sleep. */
  sleep_hours = 7.2 - 0.35 * flare - 0.15 * (trend - 4) + 0.5 * rand_normal (rand);
  sleep_hours = CLAMP (round (sleep_hours * 4) / 4, 3.0, 9.5);
  sleep_quality = clamp_scale (sleep_hours - 0.5 * flare + rand_normal (rand) * 0.8);

  for (guint k = 0; k < n; k++)
    {
      PdPainEntry *entry = new_entry (rand, tz, date, k, n);
      g_autoptr(GDateTime) local = pd_pain_entry_dup_local_time (entry);
      int hour = g_date_time_get_hour (local);
      /* Stiff in the morning, best around midday, worse after a day on the feet. */
      double daytime = hour < 10 ? 0.5 : hour < 15 ? -0.3 : 0.6;
      double weekly = (weekday >= G_DATE_SATURDAY) ? -0.3 : 0.1;
      double pain = trend + daytime + weekly + day_noise + 0.5 * rand_normal (rand);
      guint32 locations = tag (PD_TAG_LOCATION, "low_back");
      guint32 qualities = 0;
      const char *note;

      pd_pain_entry_set_pain (entry, clamp_scale (pain));

      if (k == 0)
        {
          pd_pain_entry_set_sleep_hours (entry, sleep_hours);
          pd_pain_entry_set_sleep_quality (entry, sleep_quality);
          qualities |= tag (PD_TAG_QUALITY, "stiffness");
        }
      if (k + 1 == n)
        {
          pd_pain_entry_set_enjoyment_interference (entry,
                                                    clamp_scale (pain - 0.5 + rand_normal (rand)));
          pd_pain_entry_set_activity_interference (entry,
                                                   clamp_scale (pain + 0.3 + rand_normal (rand)));
        }
      if (rand_chance (rand, 0.6))
        pd_pain_entry_set_mood (entry, clamp_scale (8.5 - 0.7 * pain + 0.7 * rand_normal (rand)));

      qualities |= tag (PD_TAG_QUALITY, "aching");
      if (phase == PHASE_FLARE || flare > 0)
        {
          locations |= tag (PD_TAG_LOCATION, "buttock_left") | tag (PD_TAG_LOCATION, "thigh_left");
          if (rand_chance (rand, 0.7))
            locations |= tag (PD_TAG_LOCATION, "lower_leg_left");
          if (rand_chance (rand, 0.4))
            locations |= tag (PD_TAG_LOCATION, "foot_left");
          qualities |= tag (PD_TAG_QUALITY, "burning");
          if (rand_chance (rand, 0.6))
            qualities |= tag (PD_TAG_QUALITY, "electric");
          if (rand_chance (rand, 0.4))
            qualities |= tag (PD_TAG_QUALITY, "numbness");
        }
      else
        {
          if (rand_chance (rand, 0.25))
            locations |= tag (PD_TAG_LOCATION, "buttock_left");
          if (rand_chance (rand, 0.15))
            qualities |= tag (PD_TAG_QUALITY, "spasm");
          if (rand_chance (rand, 0.1))
            qualities |= tag (PD_TAG_QUALITY, "sharp");
        }
      pd_pain_entry_set_locations (entry, locations);
      pd_pain_entry_set_qualities (entry, qualities);

      note = demo_note (rand, phase, k, n);
      if (note != NULL)
        pd_pain_entry_set_note (entry, note);

      g_ptr_array_add (entries, entry);
    }
}

gboolean
pd_generator_fill_demo (PdDatabase   *db,
                        const GDate  *end_date,
                        GError      **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  GDate first;
  GDate surgery;
  char surgery_date[16];

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (end_date != NULL && g_date_valid (end_date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  date_minus_days (&first, end_date, DEMO_DAYS - 1);
  for (guint day = 0; day < DEMO_DAYS; day++)
    {
      GDate date = first;

      g_date_add_days (&date, day);
      /* A few days without entries, as in any real diary. */
      if (day == 23 || day == 94 || (day > 5 && day < 115 && rand_chance (rand, 0.01)))
        continue;
      demo_day (rand, tz, &date, day, entries);
    }

  date_minus_days (&surgery, &first, DEMO_SURGERY_DAYS_BEFORE);
  g_date_strftime (surgery_date, sizeof surgery_date, "%Y-%m-%d", &surgery);

  if (!pd_database_begin (db, error))
    return FALSE;
  if (!pd_database_set_meta (db, "patient_name", "Alex Demo", error) ||
      !pd_database_set_meta (db, "surgery_date", surgery_date, error) ||
      !pd_database_save_pain_entries (db, entries, error))
    {
      pd_database_rollback (db);
      return FALSE;
    }
  return pd_database_commit (db, error);
}
