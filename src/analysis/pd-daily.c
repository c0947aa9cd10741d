/* pd-daily.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-daily"

#include "config.h"

#include <math.h>

#include "pd-daily.h"
#include "pd-database-spine.h"
#include "pd-medication-checks.h"

/* Days of records before first_day that still count: the rolling mean's window. */
#define LEAD_DAYS (PD_ROLLING_DAYS - 1)
/* A fentanyl patch applied up to this many days before still counts (pd_daily_mme). */
#define PATCH_DAYS 2

struct _PdDailySeries
{
  gatomicrefcount ref_count;
  guint32 first_day;
  guint32 last_day;
  GArray *days;          /* PdDay, first_day - LEAD_DAYS .. last_day */
  GPtrArray *medications; /* char *, most doses first */
  guint *doses;          /* [day index (from first_day) * n_medications + medication] */
  GArray *events;        /* PdDayEvent */
  guint max_doses;
  double max_mme;
  guint max_activity;
  guint32 data_first;
  guint32 data_last;
  gboolean has_data;
};

typedef struct
{
  double pain_sum;
  double enjoyment_sum;
  double activity_sum;
  double sleep_sum;
  double mood_sum;
  guint n_enjoyment;
  guint n_activity;
  guint n_sleep;
  guint n_mood;
} Sums;

typedef struct
{
  guint32 day;
  PdDose *dose;
} DayDose;

static inline PdDay *
day_at (GArray *days,
        guint   index)
{
  return &g_array_index (days, PdDay, index);
}

static void
note_data_day (PdDailySeries *self,
               guint32        day)
{
  if (day < self->first_day || day > self->last_day)
    return;
  if (!self->has_data || day < self->data_first)
    self->data_first = day;
  if (!self->has_data || day > self->data_last)
    self->data_last = day;
  self->has_data = TRUE;
}

static void
add_pain_entries (PdDailySeries *self,
                  GPtrArray     *entries)
{
  guint32 base = self->first_day - LEAD_DAYS;
  g_autofree Sums *sums = g_new0 (Sums, self->days->len);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (entries, i);
      guint32 local_day = pd_pain_entry_get_local_day (entry);
      int pain, value;
      double hours;
      PdDay *day;
      Sums *sum;

      if (local_day < base || local_day > self->last_day)
        continue;
      note_data_day (self, local_day);
      day = day_at (self->days, local_day - base);
      sum = &sums[local_day - base];
      pain = pd_pain_entry_get_pain (entry);
      if (day->n_entries == 0 || pain < day->pain_min)
        day->pain_min = pain;
      if (day->n_entries == 0 || pain > day->pain_max)
        day->pain_max = pain;
      day->n_entries++;
      sum->pain_sum += pain;
      if ((value = pd_pain_entry_get_enjoyment_interference (entry)) >= 0)
        sum->enjoyment_sum += value, sum->n_enjoyment++;
      if ((value = pd_pain_entry_get_activity_interference (entry)) >= 0)
        sum->activity_sum += value, sum->n_activity++;
      if ((value = pd_pain_entry_get_mood (entry)) >= 0)
        sum->mood_sum += value, sum->n_mood++;
      if ((hours = pd_pain_entry_get_sleep_hours (entry)) >= 0)
        sum->sleep_sum += hours, sum->n_sleep++;
    }

  for (guint i = 0; i < self->days->len; i++)
    {
      PdDay *day = day_at (self->days, i);
      const Sums *sum = &sums[i];

      if (day->n_entries > 0)
        day->pain_mean = sum->pain_sum / day->n_entries;
      if (sum->n_enjoyment > 0)
        day->enjoyment_mean = sum->enjoyment_sum / sum->n_enjoyment;
      if (sum->n_activity > 0)
        day->activity_mean = sum->activity_sum / sum->n_activity;
      if (sum->n_mood > 0)
        day->mood_mean = sum->mood_sum / sum->n_mood;
      if (sum->n_sleep > 0)
        day->sleep_hours = sum->sleep_sum / sum->n_sleep;
    }
}

/* Back and leg pain: optional beside the overall score, so each has its own count. */
static void
add_back_leg_pain (PdDailySeries *self,
                   GPtrArray     *entries)
{
  guint32 base = self->first_day - LEAD_DAYS;
  g_autofree double *sums = g_new0 (double, 2 * self->days->len);
  g_autofree guint *counts = g_new0 (guint, 2 * self->days->len);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (entries, i);
      guint32 local_day = pd_pain_entry_get_local_day (entry);
      int back = pd_pain_entry_get_back_pain (entry);
      int leg = pd_pain_entry_get_leg_pain (entry);
      guint index;

      if (local_day < base || local_day > self->last_day)
        continue;
      index = 2 * (local_day - base);
      if (back >= 0)
        sums[index] += back, counts[index]++;
      if (leg >= 0)
        sums[index + 1] += leg, counts[index + 1]++;
    }

  for (guint i = 0; i < self->days->len; i++)
    {
      PdDay *day = day_at (self->days, i);

      if (counts[2 * i] > 0)
        day->back_pain_mean = sums[2 * i] / counts[2 * i];
      if (counts[2 * i + 1] > 0)
        day->leg_pain_mean = sums[2 * i + 1] / counts[2 * i + 1];
    }
}

/* PSFS: the mean of the day's activity ratings (domain.md: the mean of the rated
 * activities). */
static void
add_psfs (PdDailySeries *self,
          GPtrArray     *ratings)
{
  guint32 base = self->first_day - LEAD_DAYS;
  g_autofree double *sums = g_new0 (double, self->days->len);
  g_autofree guint *counts = g_new0 (guint, self->days->len);

  for (guint i = 0; ratings != NULL && i < ratings->len; i++)
    {
      PdFunctionRating *rating = g_ptr_array_index (ratings, i);
      guint32 local_day = pd_function_rating_get_local_day (rating);

      if (local_day < base || local_day > self->last_day)
        continue;
      sums[local_day - base] += pd_function_rating_get_score (rating);
      counts[local_day - base]++;
    }
  for (guint i = 0; i < self->days->len; i++)
    if (counts[i] > 0)
      day_at (self->days, i)->psfs_mean = sums[i] / counts[i];
}

static void
compute_rolling_means (PdDailySeries *self)
{
  double sum = 0;
  guint n = 0;

  for (guint i = 0; i < self->days->len; i++)
    {
      PdDay *day = day_at (self->days, i);

      if (day->n_entries > 0)
        sum += day->pain_mean, n++;
      if (i >= PD_ROLLING_DAYS)
        {
          const PdDay *gone = day_at (self->days, i - PD_ROLLING_DAYS);

          if (gone->n_entries > 0)
            sum -= gone->pain_mean, n--;
        }
      /* Summed afresh when the window empties, so rounding errors never pile up. */
      if (n == 0)
        sum = 0;
      day->rolling_mean = n > 0 ? sum / n : NAN;
    }
}

/* Index of the dose's medication by logged name, case-insensitively; names as first seen. */
static guint
medication_index (GHashTable *by_name,
                  GHashTable *by_folded,
                  GPtrArray  *names,
                  const char *name)
{
  gpointer value;
  g_autofree char *folded = NULL;
  guint index;

  if (g_hash_table_lookup_extended (by_name, name, NULL, &value))
    return GPOINTER_TO_UINT (value);

  folded = g_utf8_casefold (name, -1);
  if (g_hash_table_lookup_extended (by_folded, folded, NULL, &value))
    {
      index = GPOINTER_TO_UINT (value);
    }
  else
    {
      index = names->len;
      g_ptr_array_add (names, g_strdup (name));
      g_hash_table_insert (by_folded, g_steal_pointer (&folded), GUINT_TO_POINTER (index));
    }
  g_hash_table_insert (by_name, g_strdup (name), GUINT_TO_POINTER (index));
  return index;
}

/* The MME factor of a dose, looked up once per (medication id, name). */
static double
cached_mme_factor (GHashTable *cache,
                   PdDose     *dose,
                   GPtrArray  *medications)
{
  g_autofree char *key = g_strconcat (pd_dose_get_medication_id (dose) ?: "", "\n",
                                      pd_dose_get_name (dose), NULL);
  double *factor = g_hash_table_lookup (cache, key);

  if (factor == NULL)
    {
      factor = g_new (double, 1);
      *factor = pd_dose_mme_factor (dose, medications);
      g_hash_table_insert (cache, g_steal_pointer (&key), factor);
    }
  return *factor;
}

static int
compare_day_doses (gconstpointer a,
                   gconstpointer b)
{
  const DayDose *x = a, *y = b;

  return (x->day > y->day) - (x->day < y->day);
}

typedef struct
{
  guint index;
  guint total;
} MedicationTotal;

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const MedicationTotal *x = a, *y = b;

  if (x->total != y->total)
    return x->total < y->total ? 1 : -1;
  return (x->index > y->index) - (x->index < y->index);
}

static void
add_doses (PdDailySeries *self,
           PdDiaryData   *data)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) factors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  g_autoptr(GArray) opioids = g_array_new (FALSE, FALSE, sizeof (DayDose));
  g_autoptr(GPtrArray) window = g_ptr_array_new ();
  g_autofree MedicationTotal *totals = NULL;
  g_autofree guint *rank = NULL;
  GPtrArray *doses = data->doses;
  guint n_days = self->last_day - self->first_day + 1;
  guint lo = 0, hi = 0;

  for (guint i = 0; doses != NULL && i < doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);
      guint32 day = pd_dose_get_local_day (dose);
      guint pair[2];

      if (day + PATCH_DAYS < self->first_day || day > self->last_day ||
          pd_dose_get_status (dose) != PD_DOSE_TAKEN)
        continue;
      if (cached_mme_factor (factors, dose, data->medications) > 0)
        {
          DayDose item = { day, dose };
          g_array_append_val (opioids, item);
        }
      if (day < self->first_day)
        continue;
      note_data_day (self, day);
      pair[0] = day - self->first_day;
      pair[1] = medication_index (by_name, by_folded, names, pd_dose_get_name (dose));
      g_array_append_val (taken, pair);
    }

  /* Most doses first, so that the chart's colours go to the medications that matter. */
  totals = g_new0 (MedicationTotal, names->len + 1);
  for (guint i = 0; i < names->len; i++)
    totals[i].index = i;
  for (guint i = 0; i < taken->len; i++)
    totals[((guint *) taken->data)[2 * i + 1]].total++;
  qsort (totals, names->len, sizeof (MedicationTotal), compare_totals);
  rank = g_new0 (guint, names->len + 1);
  self->medications = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    {
      rank[totals[i].index] = i;
      g_ptr_array_add (self->medications, g_strdup (g_ptr_array_index (names, totals[i].index)));
    }

  self->doses = g_new0 (guint, (gsize) n_days * MAX (names->len, 1));
  for (guint i = 0; i < taken->len; i++)
    {
      guint index = ((guint *) taken->data)[2 * i];
      guint medication = rank[((guint *) taken->data)[2 * i + 1]];

      self->doses[(gsize) index * names->len + medication]++;
      day_at (self->days, index + LEAD_DAYS)->n_doses++;
    }

  /* Each day's MME from the opioid doses of that day and the two before only. */
  g_array_sort (opioids, compare_day_doses);
  for (guint32 day = self->first_day; day <= self->last_day && opioids->len > 0; day++)
    {
      PdDay *aggregate = day_at (self->days, day - self->first_day + LEAD_DAYS);

      while (lo < opioids->len && g_array_index (opioids, DayDose, lo).day + PATCH_DAYS < day)
        lo++;
      if (hi < lo)
        hi = lo;
      while (hi < opioids->len && g_array_index (opioids, DayDose, hi).day <= day)
        hi++;
      if (hi == lo)
        continue;
      g_ptr_array_set_size (window, 0);
      for (guint i = lo; i < hi; i++)
        g_ptr_array_add (window, g_array_index (opioids, DayDose, i).dose);
      aggregate->mme = pd_daily_mme (window, data->medications, day);
    }
}

static void
add_activities (PdDailySeries *self,
                GPtrArray     *activities)
{
  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      PdActivity *activity = g_ptr_array_index (activities, i);
      guint32 day = pd_activity_get_local_day (activity);

      if (day < self->first_day || day > self->last_day)
        continue;
      note_data_day (self, day);
      day_at (self->days, day - self->first_day + LEAD_DAYS)->activity_minutes +=
        (guint) MAX (pd_activity_get_duration (activity), 0);
    }
}

static void
clear_event (gpointer data)
{
  PdDayEvent *event = data;

  g_free (event->title);
  g_free (event->kind);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const PdDayEvent *x = a, *y = b;

  return (x->day > y->day) - (x->day < y->day);
}

static void
add_events (PdDailySeries *self,
            GPtrArray     *events)
{
  self->events = g_array_new (FALSE, FALSE, sizeof (PdDayEvent));
  g_array_set_clear_func (self->events, clear_event);

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (events, i);
      PdDayEvent item;

      item.day = pd_event_get_local_day (event);
      if (item.day < self->first_day || item.day > self->last_day)
        continue;
      note_data_day (self, item.day);
      item.title = g_strdup (pd_event_get_title (event));
      item.kind = g_strdup (pd_event_get_kind (event));
      g_array_append_val (self->events, item);
      day_at (self->days, item.day - self->first_day + LEAD_DAYS)->n_events++;
    }
  g_array_sort (self->events, compare_events);
}

static void
compute_maxima (PdDailySeries *self)
{
  for (guint i = LEAD_DAYS; i < self->days->len; i++)
    {
      const PdDay *day = day_at (self->days, i);

      self->max_doses = MAX (self->max_doses, day->n_doses);
      self->max_mme = MAX (self->max_mme, day->mme);
      self->max_activity = MAX (self->max_activity, day->activity_minutes);
    }
}

PdDailySeries *
pd_daily_series_new (PdDiaryData *data,
                     guint32      first_day,
                     guint32      last_day)
{
  PdDailySeries *self;
  guint n;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (first_day > LEAD_DAYS && first_day <= last_day, NULL);

  self = g_new0 (PdDailySeries, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->first_day = first_day;
  self->last_day = last_day;
  n = last_day - first_day + 1 + LEAD_DAYS;
  self->days = g_array_sized_new (FALSE, FALSE, sizeof (PdDay), n);
  g_array_set_size (self->days, n);
  for (guint i = 0; i < n; i++)
    {
      PdDay *day = day_at (self->days, i);

      *day = (PdDay) {
        .day = first_day - LEAD_DAYS + i,
        .pain_mean = NAN,
        .pain_min = -1,
        .pain_max = -1,
        .enjoyment_mean = NAN,
        .activity_mean = NAN,
        .sleep_hours = NAN,
        .mood_mean = NAN,
        .rolling_mean = NAN,
        .back_pain_mean = NAN,
        .leg_pain_mean = NAN,
        .psfs_mean = NAN,
      };
    }

  add_pain_entries (self, data->pain_entries);
  compute_rolling_means (self);
  add_back_leg_pain (self, data->pain_entries);
  add_psfs (self, data->function_ratings);
  add_doses (self, data);
  add_activities (self, data->activities);
  add_events (self, data->events);
  compute_maxima (self);
  return self;
}

PdDailySeries *
pd_daily_series_ref (PdDailySeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pd_daily_series_unref (PdDailySeries *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->days);
  g_ptr_array_unref (self->medications);
  g_free (self->doses);
  g_array_unref (self->events);
  g_free (self);
}

guint32
pd_daily_series_get_first_day (const PdDailySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->first_day;
}

guint32
pd_daily_series_get_last_day (const PdDailySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->last_day;
}

guint
pd_daily_series_get_n_days (const PdDailySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->last_day - self->first_day + 1;
}

const PdDay *
pd_daily_series_get_day (const PdDailySeries *self,
                         guint32              day)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (day < self->first_day || day > self->last_day)
    return NULL;
  return day_at (self->days, day - self->first_day + LEAD_DAYS);
}

const PdDay *
pd_daily_series_get_days (const PdDailySeries *self,
                          guint               *n_days)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_days != NULL)
    *n_days = pd_daily_series_get_n_days (self);
  return day_at (self->days, LEAD_DAYS);
}

guint
pd_daily_series_get_n_medications (const PdDailySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->medications->len;
}

const char *
pd_daily_series_get_medication_name (const PdDailySeries *self,
                                     guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->medications->len, NULL);
  return g_ptr_array_index (self->medications, index);
}

guint
pd_daily_series_get_doses (const PdDailySeries *self,
                           guint32              day,
                           guint                medication)
{
  g_return_val_if_fail (self != NULL, 0);

  if (day < self->first_day || day > self->last_day || medication >= self->medications->len)
    return 0;
  return self->doses[(gsize) (day - self->first_day) * self->medications->len + medication];
}

const PdDayEvent *
pd_daily_series_get_events (const PdDailySeries *self,
                            guint               *n_events)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_events != NULL)
    *n_events = self->events->len;
  return (const PdDayEvent *) (gpointer) self->events->data;
}

gboolean
pd_daily_series_get_data_range (const PdDailySeries *self,
                                guint32             *first,
                                guint32             *last)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (first != NULL)
    *first = self->has_data ? self->data_first : 0;
  if (last != NULL)
    *last = self->has_data ? self->data_last : 0;
  return self->has_data;
}

guint
pd_daily_series_get_max_doses (const PdDailySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_doses;
}

double
pd_daily_series_get_max_mme (const PdDailySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_mme;
}

guint
pd_daily_series_get_max_activity (const PdDailySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_activity;
}

double
pd_daily_series_mean_pain (const PdDailySeries *self,
                           guint32              first,
                           guint32              last,
                           guint               *n_days)
{
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (self != NULL, NAN);

  first = MAX (first, self->first_day);
  last = MIN (last, self->last_day);
  for (guint32 day = first; day <= last && first <= last; day++)
    {
      const PdDay *aggregate = pd_daily_series_get_day (self, day);

      if (aggregate->n_entries > 0)
        sum += aggregate->pain_mean, n++;
    }
  if (n_days != NULL)
    *n_days = n;
  return n > 0 ? sum / n : NAN;
}
