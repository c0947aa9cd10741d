/* pd-medication-schedule.c: the regimen's schedule: adherence over a period and the doses
 * due today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-medication-checks"

#include "config.h"

#include <string.h>

#include "pd-medication-checks.h"

/* Key for a (day, scheduled minute) pair. */
#define SLOT_KEY(day, minute) GSIZE_TO_POINTER ((gsize) (day) * 1440u + (minute) + 1)

/* The medication's scheduled doses answered, by day and minute: taken beats skipped. */
static GHashTable *
answered_slots (PdMedication *medication,
                GPtrArray    *doses,
                guint32       first_day,
                guint32       last_day)
{
  GHashTable *slots = g_hash_table_new (g_direct_hash, g_direct_equal);
  const char *id = pd_medication_get_id (medication);

  for (guint i = 0; doses != NULL && i < doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);
      guint minute = pd_dose_get_scheduled_time (dose);
      const char *medication_id = pd_dose_get_medication_id (dose);
      guint32 day;
      gpointer key;
      PdDose *known;

      if (minute == PD_NO_SCHEDULED_TIME || minute >= 1440 || medication_id == NULL)
        continue;
      day = pd_dose_get_local_day (dose);
      if (day < first_day || day > last_day || strcmp (medication_id, id) != 0)
        continue;

      key = SLOT_KEY (day, minute);
      known = g_hash_table_lookup (slots, key);
      if (known == NULL ||
          (pd_dose_get_status (known) == PD_DOSE_SKIPPED &&
           pd_dose_get_status (dose) == PD_DOSE_TAKEN))
        g_hash_table_insert (slots, key, dose);
    }
  return slots;
}

PdAdherence
pd_adherence (PdMedication *medication,
              GPtrArray    *doses,
              guint32       first_day,
              guint32       last_day,
              guint32       now_day,
              guint         now_minute)
{
  PdAdherence adherence = { 0, 0, 0 };
  const GArray *schedule;
  g_autoptr(GHashTable) slots = NULL;
  guint32 start, stop;

  g_return_val_if_fail (PD_IS_MEDICATION (medication), adherence);

  schedule = pd_medication_get_schedule (medication);
  start = MAX (first_day, pd_medication_get_start_day (medication));
  stop = MIN (last_day, now_day);
  if (pd_medication_get_stop_day (medication) != 0)
    stop = MIN (stop, pd_medication_get_stop_day (medication));
  if (schedule->len == 0 || start > stop)
    return adherence;

  slots = answered_slots (medication, doses, start, stop);
  for (guint32 day = start; day <= stop; day++)
    for (guint i = 0; i < schedule->len; i++)
      {
        guint minute = g_array_index (schedule, guint, i);
        PdDose *dose;

        if (day == now_day && minute > now_minute)
          break;
        adherence.due++;
        dose = g_hash_table_lookup (slots, SLOT_KEY (day, minute));
        if (dose == NULL)
          continue;
        if (pd_dose_get_status (dose) == PD_DOSE_TAKEN)
          adherence.taken++;
        else
          adherence.skipped++;
      }
  return adherence;
}

void
pd_due_dose_free (PdDueDose *due)
{
  if (due == NULL)
    return;
  g_clear_object (&due->medication);
  g_clear_object (&due->dose);
  g_free (due);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const PdDueDose *due_a = *(const PdDueDose * const *) a;
  const PdDueDose *due_b = *(const PdDueDose * const *) b;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  int by_name;

  if (due_a->minute != due_b->minute)
    return due_a->minute < due_b->minute ? -1 : 1;
  name_a = g_utf8_collate_key (pd_medication_get_name (due_a->medication), -1);
  name_b = g_utf8_collate_key (pd_medication_get_name (due_b->medication), -1);
  by_name = strcmp (name_a, name_b);
  if (by_name != 0)
    return by_name;
  return strcmp (pd_medication_get_id (due_a->medication),
                 pd_medication_get_id (due_b->medication));
}

GPtrArray *
pd_due_doses (GPtrArray *medications,
              GPtrArray *doses,
              guint32    day)
{
  GPtrArray *due_doses = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_due_dose_free);

  for (guint i = 0; medications != NULL && i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);
      const GArray *schedule = pd_medication_get_schedule (medication);
      g_autoptr(GHashTable) slots = NULL;

      if (schedule->len == 0 || !pd_medication_is_active_on (medication, day))
        continue;

      slots = answered_slots (medication, doses, day, day);
      for (guint j = 0; j < schedule->len; j++)
        {
          PdDueDose *due = g_new0 (PdDueDose, 1);
          PdDose *dose;

          due->medication = g_object_ref (medication);
          due->minute = g_array_index (schedule, guint, j);
          dose = g_hash_table_lookup (slots, SLOT_KEY (day, due->minute));
          if (dose == NULL)
            due->state = PD_DUE_PENDING;
          else
            {
              due->dose = g_object_ref (dose);
              due->state = pd_dose_get_status (dose) == PD_DOSE_TAKEN
                           ? PD_DUE_TAKEN : PD_DUE_SKIPPED;
            }
          g_ptr_array_add (due_doses, due);
        }
    }

  g_ptr_array_sort (due_doses, compare_due);
  return due_doses;
}
