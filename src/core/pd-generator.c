/* pd-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-generator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pd-catalogue.h"
#include "pd-database-private.h"
#include "pd-database-spine.h"
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

static guint64
tag (PdTagKind   kind,
     const char *key)
{
  int index = pd_tag_lookup (kind, key);

  g_assert (index >= 0);
  return G_GUINT64_CONSTANT (1) << index;
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

static GDateTime *
local_time (GTimeZone   *tz,
            const GDate *date,
            guint        minute)
{
  minute = MIN (minute, 24 * 60 - 1);
  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), (int) minute / 60, (int) minute % 60, 0);
}

/* Treatment records */

static guint32
side_effect (const char *key)
{
  for (guint i = 0; i < pd_side_effect_count (); i++)
    {
      if (g_str_equal (pd_side_effect_key (i), key))
        return 1u << i;
    }
  g_assert_not_reached ();
}

static const char *
activity_name (const char *key)
{
  guint n;
  const PdActivityInfo *activities = pd_catalogue_activities (&n);

  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (activities[i].key, key))
        return activities[i].name;
    }
  g_assert_not_reached ();
}

static PdMedication *
new_medication (GRand       *rand,
                const char  *key,
                double       amount,
                const guint *times,
                guint        n_times,
                guint32      start_day)
{
  PdMedication *medication = pd_medication_new_from_catalogue (key);
  g_autofree char *id = rand_uuid (rand);

  g_assert (medication != NULL);
  pd_medication_set_id (medication, id);
  pd_medication_set_amount (medication, amount);
  pd_medication_set_schedule (medication, times, n_times);
  pd_medication_set_start_day (medication, start_day);
  return medication;
}

/* A dose of medication at minute (local) on date; scheduled_time: the scheduled time it
 * answers, or PD_NO_SCHEDULED_TIME. */
static PdDose *
new_dose (GRand        *rand,
          GTimeZone    *tz,
          const GDate  *date,
          PdMedication *medication,
          guint         minute,
          guint         scheduled_time,
          PdDoseStatus  status)
{
  g_autoptr(GDateTime) time = local_time (tz, date, minute);
  g_autofree char *id = rand_uuid (rand);
  PdDose *dose = pd_medication_new_dose (medication);

  pd_dose_set_id (dose, id);
  pd_dose_set_date_time (dose, time);
  pd_dose_set_status (dose, status);
  pd_dose_set_scheduled_time (dose, scheduled_time);
  return dose;
}

/* Every scheduled dose of medication on date: taken a little after its time, or (with
 * probability skip) skipped. */
static void
add_scheduled_doses (GRand        *rand,
                     GTimeZone    *tz,
                     const GDate  *date,
                     PdMedication *medication,
                     double        skip,
                     guint         before_minute,
                     GPtrArray    *doses)
{
  const GArray *schedule = pd_medication_get_schedule (medication);

  for (guint i = 0; i < schedule->len; i++)
    {
      guint minute = g_array_index (schedule, guint, i);
      gboolean skipped = rand_chance (rand, skip);

      if (minute >= before_minute)
        continue;
      g_ptr_array_add (doses, new_dose (rand, tz, date, medication,
                                        skipped ? minute : minute + g_rand_int_range (rand, 0, 30),
                                        minute, skipped ? PD_DOSE_SKIPPED : PD_DOSE_TAKEN));
    }
}

static PdActivity *
new_activity (GRand       *rand,
              GDateTime   *time,
              const char  *key,
              int          duration,
              int          effort)
{
  g_autofree char *id = rand_uuid (rand);
  PdActivity *activity = pd_activity_new ();

  pd_activity_set_id (activity, id);
  pd_activity_set_name (activity, activity_name (key));
  pd_activity_set_date_time (activity, time);
  pd_activity_set_duration (activity, duration);
  pd_activity_set_effort (activity, effort);
  return activity;
}

static PdEvent *
new_event (GRand       *rand,
           GTimeZone   *tz,
           const GDate *date,
           guint        minute,
           const char  *kind,
           const char  *title,
           const char  *note)
{
  g_autoptr(GDateTime) time = local_time (tz, date, minute);
  g_autofree char *id = rand_uuid (rand);
  PdEvent *event = pd_event_new ();

  pd_event_set_id (event, id);
  pd_event_set_kind (event, kind);
  pd_event_set_title (event, title);
  pd_event_set_date_time (event, time);
  pd_event_set_note (event, note);
  return event;
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
      guint64 locations = tag (PD_TAG_LOCATION, "low_back");
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

/* A fixed regimen with doses_per_day scheduled doses: medications taken at 08:00 and 20:00
 * (the last one only at 08:00 when the number is odd), from this list in turn. */
static const char * const synthetic_regimen[] = {
  "gabapentin", "acetaminophen", "naproxen", "tramadol", "duloxetine", "cyclobenzaprine",
  "vitamin_d3", "omega_3",
};

static GPtrArray *
synthetic_medications (GRand   *rand,
                       guint    doses_per_day,
                       guint32  start_day)
{
  static const guint twice[] = { 8 * 60, 20 * 60 };
  GPtrArray *medications = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; 2 * k < doses_per_day; k++)
    {
      const char *key = synthetic_regimen[k % G_N_ELEMENTS (synthetic_regimen)];
      const PdMedicationInfo *info = pd_catalogue_lookup_medication (key);
      guint n_times = MIN (2, doses_per_day - 2 * k);

      g_ptr_array_add (medications, new_medication (rand, key, info->usual_amount, twice,
                                                    n_times, start_day));
    }
  return medications;
}

static void
synthetic_activities (GRand       *rand,
                      GTimeZone   *tz,
                      const GDate *date,
                      guint        n,
                      GPtrArray   *activities)
{
  static const char * const keys[] = { "walking", "home_exercises", "stretching" };

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GDateTime) time = slot_time (rand, tz, date, k, n);

      g_ptr_array_add (activities, new_activity (rand, time, keys[k % G_N_ELEMENTS (keys)],
                                                 g_rand_int_range (rand, 15, 46),
                                                 g_rand_int_range (rand, 2, 7)));
    }
}

gboolean
pd_generator_fill (PdDatabase                *db,
                   const PdGeneratorOptions  *options,
                   GError                   **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GRand) treatment_rand = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) medications = NULL;
  g_autoptr(GPtrArray) doses = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  GDate first;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (g_date_valid (&options->end_date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tz = lookup_time_zone (options->tz, error);
  if (tz == NULL)
    return FALSE;

  rand = g_rand_new_with_seed (options->seed);
  /* Its own sequence, so that the pain entries of a seed stay the same with or without. */
  treatment_rand = g_rand_new_with_seed (options->seed ^ 0x7e3a5c1du);
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  doses = g_ptr_array_new_with_free_func (g_object_unref);
  activities = g_ptr_array_new_with_free_func (g_object_unref);
  date_minus_days (&first, &options->end_date, options->days > 0 ? options->days - 1 : 0);
  medications = synthetic_medications (treatment_rand, options->doses_per_day,
                                       g_date_get_julian (&first));

  for (guint i = options->days; i > 0; i--)
    {
      GDate date;

      date_minus_days (&date, &options->end_date, i - 1);
      fill_day (rand, tz, &date, options->entries_per_day, entries);
      for (guint m = 0; m < medications->len; m++)
        add_scheduled_doses (treatment_rand, tz, &date, medications->pdata[m], 0.05,
                             G_MAXUINT, doses);
      synthetic_activities (treatment_rand, tz, &date, options->activities_per_day, activities);
    }

  return pd_database_save_records (db, entries, medications, doses, activities, NULL, error);
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
      guint64 locations = tag (PD_TAG_LOCATION, "low_back");
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

/* The demo's treatment: gabapentin and acetaminophen on a schedule since the surgery,
 * ibuprofen and tramadol as needed. Tramadol is taken now and then while healing, several
 * times a day in the flare, then tapered and stopped. Walking and home exercises most days,
 * physiotherapy on Tuesdays and Fridays. */

#define DEMO_TRAMADOL_LAST_DAY 85
#define DEMO_INJECTION_DAY 69

static guint
demo_tramadol_doses (GRand *rand,
                     guint  day)
{
  if (day > DEMO_TRAMADOL_LAST_DAY)
    return 0;
  if (day < 60)
    return rand_chance (rand, 0.15) ? 1 : 0;
  if (day <= 75)
    {
      double flare = demo_flare (day);

      /* The worst day reaches 50 MME: the caution shows. */
      if (day == 66)
        return 5;
      return flare >= 3.0 ? 3 + rand_chance (rand, 0.4) : flare >= 1.0 ? 2 : 1;
    }
  /* The taper: twice a day, then once, then every other day. */
  if (day <= 79)
    return 2;
  if (day <= 83)
    return 1;
  return day % 2;
}

static guint
demo_ibuprofen_doses (GRand     *rand,
                      DemoPhase  phase)
{
  switch (phase)
    {
    case PHASE_HEALING:
      return rand_chance (rand, 0.2) ? 1 : 0;
    case PHASE_FLARE:
      return rand_chance (rand, 0.35) ? 2 : 1;
    case PHASE_RECOVERY:
      return rand_chance (rand, 0.1) ? 1 : 0;
    default:
      g_assert_not_reached ();
    }
}

/* n as-needed doses spread between 10:00 and 22:00. */
static void
add_as_needed_doses (GRand        *rand,
                     GTimeZone    *tz,
                     const GDate  *date,
                     PdMedication *medication,
                     guint         n,
                     GPtrArray    *doses)
{
  double slot = 12.0 * 60 / MAX (n, 1);

  for (guint i = 0; i < n; i++)
    {
      guint minute = (guint) (10 * 60 + (i + 0.5) * slot) + g_rand_int_range (rand, -40, 41);

      g_ptr_array_add (doses, new_dose (rand, tz, date, medication, minute,
                                        PD_NO_SCHEDULED_TIME, PD_DOSE_TAKEN));
    }
}

/* Notes side effects on some of the taken doses from index first on. */
static void
add_side_effects (GRand     *rand,
                  GPtrArray *doses,
                  guint      first,
                  guint32    side_effects,
                  double     probability)
{
  for (guint i = first; i < doses->len; i++)
    {
      PdDose *dose = doses->pdata[i];

      if (pd_dose_get_status (dose) == PD_DOSE_TAKEN && rand_chance (rand, probability))
        pd_dose_set_side_effects (dose, side_effects);
    }
}

static void
demo_activities (GRand       *rand,
                 GTimeZone   *tz,
                 const GDate *date,
                 DemoPhase    phase,
                 GPtrArray   *activities)
{
  GDateWeekday weekday = g_date_get_weekday (date);
  double walk_chance = phase == PHASE_FLARE ? 0.35 : phase == PHASE_HEALING ? 0.75 : 0.85;
  double exercise_chance = phase == PHASE_FLARE ? 0.4 : 0.75;

  if (weekday == G_DATE_TUESDAY || weekday == G_DATE_FRIDAY)
    {
      g_autoptr(GDateTime) time = local_time (tz, date, 10 * 60);
      PdActivity *physio = new_activity (rand, time, "physical_therapy", 45,
                                         phase == PHASE_FLARE ? 6 : 5);

      if (phase == PHASE_FLARE)
        pd_activity_set_note (physio, "Gentle session: nerve glides, heat");
      g_ptr_array_add (activities, physio);
    }
  if (rand_chance (rand, exercise_chance))
    {
      g_autoptr(GDateTime) time = local_time (tz, date, 8 * 60 + 30 +
                                              g_rand_int_range (rand, 0, 60));

      g_ptr_array_add (activities, new_activity (rand, time, "home_exercises",
                                                 g_rand_int_range (rand, 15, 21),
                                                 g_rand_int_range (rand, 3, 6)));
    }
  if (rand_chance (rand, walk_chance))
    {
      g_autoptr(GDateTime) time = local_time (tz, date, 16 * 60 +
                                              g_rand_int_range (rand, 0, 120));
      int duration = phase == PHASE_RECOVERY ? g_rand_int_range (rand, 30, 46)
                                             : g_rand_int_range (rand, 20, 36);

      g_ptr_array_add (activities, new_activity (rand, time, "walking", duration,
                                                 g_rand_int_range (rand, 3, 6)));
    }
}

static void
demo_events (GRand       *rand,
             GTimeZone   *tz,
             const GDate *surgery,
             const GDate *first,
             GPtrArray   *events)
{
  GDate physio_review = *first;
  GDate surgeon_review = *first;
  GDate injection = *first;

  g_date_add_days (&physio_review, 12);
  g_date_add_days (&surgeon_review, 64);
  g_date_add_days (&injection, DEMO_INJECTION_DAY);

  g_ptr_array_add (events, new_event (rand, tz, surgery, 8 * 60 + 30, "surgery",
                                      "Lumbar fusion L4-L5",
                                      "Posterior fusion with screws and cage; two nights in "
                                      "hospital"));
  g_ptr_array_add (events, new_event (rand, tz, &physio_review, 14 * 60, "appointment",
                                      "Physiotherapy assessment",
                                      "Six weeks after surgery: start core stabilisation and "
                                      "a walking programme"));
  g_ptr_array_add (events, new_event (rand, tz, &surgeon_review, 11 * 60, "appointment",
                                      "Surgeon review",
                                      "Burning left leg pain since the flare. MRI: no new "
                                      "compression. Epidural injection booked"));
  g_ptr_array_add (events, new_event (rand, tz, &injection, 9 * 60 + 30, "injection",
                                      "Epidural steroid injection",
                                      "Left L5 transforaminal, under X-ray guidance"));
}

/* Spine outcomes, from their own sequence so that the rest of the demo stays as it was:
 * back and leg pain on most entries (the leg worse in the flare), three PSFS activities
 * rated weekly from the physiotherapy assessment on (one retired when it stopped being hard,
 * another added), and impressions of change after the surgery and the injection. */

#define DEMO_PSFS_FIRST_DAY 12
#define DEMO_PSFS_SWAP_DAY 82

static void
demo_back_leg (GRand     *rand,
               GPtrArray *entries,
               guint32    first_day)
{
  for (guint i = 0; i < entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (entries, i);
      int pain = pd_pain_entry_get_pain (entry);
      double flare = demo_flare (pd_pain_entry_get_local_day (entry) - first_day);

      if (!rand_chance (rand, 0.7))
        continue;
      pd_pain_entry_set_back_pain (entry, clamp_scale (pain - 0.3 * flare + 0.6 * rand_normal (rand)));
      pd_pain_entry_set_leg_pain (entry, clamp_scale (pain - 2.5 + 1.2 * flare +
                                                      0.6 * rand_normal (rand)));
    }
}

static void
demo_psfs (GRand       *rand,
           GTimeZone   *tz,
           const GDate *first,
           GPtrArray   *activities,
           GPtrArray   *ratings)
{
  static const struct { const char *name; double start, gain; guint from, to; } items[] = {
    { "Putting on socks", 3, 5, DEMO_PSFS_FIRST_DAY, DEMO_DAYS },
    { "Sitting through a film", 2, 5, DEMO_PSFS_FIRST_DAY, DEMO_DAYS },
    { "Walking to the shop", 4, 4, DEMO_PSFS_FIRST_DAY, DEMO_PSFS_SWAP_DAY },
    { "Carrying the shopping", 1, 6, DEMO_PSFS_SWAP_DAY, DEMO_DAYS },
  };
  guint32 first_day = g_date_get_julian (first);

  for (guint a = 0; a < G_N_ELEMENTS (items); a++)
    {
      PdFunctionActivity *activity = pd_function_activity_new ();
      g_autofree char *activity_id = rand_uuid (rand);

      pd_function_activity_set_id (activity, activity_id);
      pd_function_activity_set_name (activity, items[a].name);
      pd_function_activity_set_added_day (activity, first_day + items[a].from);
      if (items[a].to < DEMO_DAYS)
        pd_function_activity_set_retired_day (activity, first_day + items[a].to);
      g_ptr_array_add (activities, activity);
      for (guint day = items[a].from; day < items[a].to; day += 7)
        {
          PdFunctionRating *rating = pd_function_rating_new ();
          g_autofree char *id = rand_uuid (rand);
          GDate date = *first;
          g_autoptr(GDateTime) time = NULL;
          double progress = (double) (day - DEMO_PSFS_FIRST_DAY) / (DEMO_DAYS - DEMO_PSFS_FIRST_DAY);

          g_date_add_days (&date, day);
          time = local_time (tz, &date, 19 * 60 + 30);
          pd_function_rating_set_id (rating, id);
          pd_function_rating_set_activity_id (rating, activity_id);
          pd_function_rating_set_time (rating, g_date_time_to_unix (time),
                                       g_date_time_get_utc_offset (time) / G_USEC_PER_SEC);
          pd_function_rating_set_score (rating, clamp_scale (items[a].start +
                                                             items[a].gain * progress -
                                                             0.8 * demo_flare (day) +
                                                             0.5 * rand_normal (rand)));
          g_ptr_array_add (ratings, rating);
        }
    }
}

/* days after first; 3 "minimally improved", 2 "much improved" */
static void
demo_impression (GRand       *rand,
                 GTimeZone   *tz,
                 const GDate *first,
                 guint        day,
                 PdEvent     *about,
                 int          score,
                 GPtrArray   *impressions)
{
  PdImpression *impression = pd_impression_new ();
  g_autofree char *id = rand_uuid (rand);
  GDate date = *first;
  g_autoptr(GDateTime) time = NULL;

  g_date_add_days (&date, day);
  time = local_time (tz, &date, 18 * 60);
  pd_impression_set_id (impression, id);
  pd_impression_set_event_id (impression, pd_event_get_id (about));
  pd_impression_set_time (impression, g_date_time_to_unix (time),
                          g_date_time_get_utc_offset (time) / G_USEC_PER_SEC);
  pd_impression_set_score (impression, score);
  g_ptr_array_add (impressions, impression);
}

static gboolean
save_demo_spine (PdDatabase  *db,
                 GPtrArray   *activities,
                 GPtrArray   *ratings,
                 GPtrArray   *impressions,
                 GError     **error)
{
  for (guint i = 0; i < activities->len; i++)
    if (!pd_database_save_function_activity (db, g_ptr_array_index (activities, i), error))
      return FALSE;
  if (!pd_database_save_function_ratings (db, ratings, error))
    return FALSE;
  for (guint i = 0; i < impressions->len; i++)
    if (!pd_database_save_impression (db, g_ptr_array_index (impressions, i), error))
      return FALSE;
  return TRUE;
}

gboolean
pd_generator_fill_demo (PdDatabase   *db,
                        const GDate  *end_date,
                        GError      **error)
{
  static const guint morning_evening[] = { 8 * 60, 20 * 60 };
  static const guint three_times[] = { 8 * 60, 14 * 60, 20 * 60 };
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  /* Its own sequence, so that the pain entries stay those of the foundation's demo. */
  g_autoptr(GRand) treatment_rand = g_rand_new_with_seed (DEMO_SEED + 1);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) medications = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) doses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) spine_rand = g_rand_new_with_seed (DEMO_SEED + 2);
  g_autoptr(GPtrArray) function_activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) impressions = g_ptr_array_new_with_free_func (g_object_unref);
  PdMedication *gabapentin, *acetaminophen, *ibuprofen, *tramadol;
  GDate first;
  GDate surgery;
  char surgery_date[16];
  guint32 drowsiness = side_effect ("drowsiness");
  guint32 nausea = side_effect ("nausea");

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (end_date != NULL && g_date_valid (end_date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  date_minus_days (&first, end_date, DEMO_DAYS - 1);
  date_minus_days (&surgery, &first, DEMO_SURGERY_DAYS_BEFORE);
  g_date_strftime (surgery_date, sizeof surgery_date, "%Y-%m-%d", &surgery);

  gabapentin = new_medication (treatment_rand, "gabapentin", 300, morning_evening, 2,
                               g_date_get_julian (&surgery));
  acetaminophen = new_medication (treatment_rand, "acetaminophen", 1000, three_times, 3,
                                  g_date_get_julian (&surgery));
  ibuprofen = new_medication (treatment_rand, "ibuprofen", 400, NULL, 0,
                              g_date_get_julian (&surgery));
  pd_medication_set_notes (ibuprofen, "With food");
  tramadol = new_medication (treatment_rand, "tramadol", 50, NULL, 0,
                             g_date_get_julian (&surgery));
  pd_medication_set_stop_day (tramadol, g_date_get_julian (&first) + DEMO_TRAMADOL_LAST_DAY);
  pd_medication_set_notes (tramadol, "Tapered off after the flare, as agreed with the surgeon");
  g_ptr_array_add (medications, gabapentin);
  g_ptr_array_add (medications, acetaminophen);
  g_ptr_array_add (medications, ibuprofen);
  g_ptr_array_add (medications, tramadol);

  for (guint day = 0; day < DEMO_DAYS; day++)
    {
      GDate date = first;
      DemoPhase phase = demo_phase (day);
      /* Today: the morning is logged, the rest of the day is still due. */
      guint before = day + 1 == DEMO_DAYS ? 12 * 60 : G_MAXUINT;
      guint n_before;

      g_date_add_days (&date, day);
      /* A few days without entries, as in any real diary. */
      if (day == 23 || day == 94 || (day > 5 && day < 115 && rand_chance (rand, 0.01)))
        continue;
      demo_day (rand, tz, &date, day, entries);

      n_before = doses->len;
      add_scheduled_doses (treatment_rand, tz, &date, gabapentin, 0.04, before, doses);
      /* Drowsy on gabapentin in the first weeks. */
      if (day < 10)
        add_side_effects (treatment_rand, doses, n_before, drowsiness, 0.3);
      add_scheduled_doses (treatment_rand, tz, &date, acetaminophen, 0.06, before, doses);
      if (before == G_MAXUINT)
        {
          add_as_needed_doses (treatment_rand, tz, &date, ibuprofen,
                               demo_ibuprofen_doses (treatment_rand, phase), doses);
          n_before = doses->len;
          add_as_needed_doses (treatment_rand, tz, &date, tramadol,
                               demo_tramadol_doses (treatment_rand, day), doses);
          add_side_effects (treatment_rand, doses, n_before, nausea, 0.12);
        }
      demo_activities (treatment_rand, tz, &date, phase, activities);
    }
  demo_events (treatment_rand, tz, &surgery, &first, events);
  demo_back_leg (spine_rand, entries, g_date_get_julian (&first));
  demo_psfs (spine_rand, tz, &first, function_activities, ratings);
  /* events: the surgery, two appointments, the injection (demo_events) */
  demo_impression (spine_rand, tz, &first, DEMO_PSFS_FIRST_DAY, g_ptr_array_index (events, 0), 3,
                   impressions);
  demo_impression (spine_rand, tz, &first, DEMO_INJECTION_DAY + 14, g_ptr_array_index (events, 3),
                   2, impressions);

  if (!pd_database_begin (db, error))
    return FALSE;
  if (!pd_database_set_meta (db, "patient_name", "Alex Demo", error) ||
      !pd_database_set_meta (db, "surgery_date", surgery_date, error) ||
      !pd_database_save_records (db, entries, medications, doses, activities, events, error) ||
      !save_demo_spine (db, function_activities, ratings, impressions, error))
    {
      pd_database_rollback (db);
      return FALSE;
    }
  return pd_database_commit (db, error);
}
