/* pd-diary-day.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <string.h>

#include "pd-model-private.h"

struct _PdDiaryDay
{
  GObject parent_instance;

  PdDayFigures figures;
  PdObjectList *records;
};

G_DEFINE_FINAL_TYPE (PdDiaryDay, pd_diary_day, G_TYPE_OBJECT)

/* The figures first (PD_DAY_FIGURES_* + 1), then the records. */
#define PROP_FIGURES 1
#define PROP_RECORDS (PROP_FIGURES + PD_DAY_FIGURES_N_PROPS)
#define N_PROPS (PROP_RECORDS + 1)

static GParamSpec *properties[N_PROPS];

gboolean
_pd_record_get_kind (gpointer      record,
                     PdRecordKind *kind)
{
  if (PD_IS_PAIN_ENTRY (record))
    *kind = PD_RECORD_PAIN;
  else if (PD_IS_DOSE (record))
    *kind = PD_RECORD_DOSE;
  else if (PD_IS_ACTIVITY (record))
    *kind = PD_RECORD_ACTIVITY;
  else if (PD_IS_EVENT (record))
    *kind = PD_RECORD_EVENT;
  else if (PD_IS_MEDICATION (record))
    *kind = PD_RECORD_MEDICATION;
  else
    return FALSE;
  return TRUE;
}

const char *
_pd_record_get_id (gpointer record)
{
  if (PD_IS_PAIN_ENTRY (record))
    return pd_pain_entry_get_id (record);
  if (PD_IS_DOSE (record))
    return pd_dose_get_id (record);
  if (PD_IS_ACTIVITY (record))
    return pd_activity_get_id (record);
  if (PD_IS_EVENT (record))
    return pd_event_get_id (record);
  if (PD_IS_MEDICATION (record))
    return pd_medication_get_id (record);
  g_return_val_if_reached (NULL);
}

guint32
_pd_record_get_day (gpointer record)
{
  if (PD_IS_PAIN_ENTRY (record))
    return pd_pain_entry_get_local_day (record);
  if (PD_IS_DOSE (record))
    return pd_dose_get_local_day (record);
  if (PD_IS_ACTIVITY (record))
    return pd_activity_get_local_day (record);
  if (PD_IS_EVENT (record))
    return pd_event_get_local_day (record);
  return 0;
}

int
_pd_medication_compare (gconstpointer a,
                        gconstpointer b,
                        gpointer      unused)
{
  PdMedication *med_a = (PdMedication *) a;
  PdMedication *med_b = (PdMedication *) b;
  int by_name = g_ascii_strcasecmp (pd_medication_get_name (med_a), pd_medication_get_name (med_b));

  if (by_name != 0)
    return by_name;
  return strcmp (pd_medication_get_id (med_a), pd_medication_get_id (med_b));
}

int
_pd_day_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      unused)
{
  guint32 day_a = ((const PdDiaryDay *) a)->figures.day;
  guint32 day_b = ((const PdDiaryDay *) b)->figures.day;

  return day_a == day_b ? 0 : day_a < day_b ? 1 : -1;
}

/* Recounts the figures and notifies those that changed. */
static void
update_figures (PdDiaryDay *self,
                gboolean    notify)
{
  GPtrArray *records = pd_object_list_get_array (self->records);
  PdDayFigures old = self->figures;

  pd_day_figures_count (&self->figures, (GObject **) records->pdata, records->len);
  if (!notify)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (old.n_entries != self->figures.n_entries)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIGURES + PD_DAY_FIGURES_N_ENTRIES]);
  if (old.mean != self->figures.mean)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIGURES + PD_DAY_FIGURES_MEAN]);
  if (old.min != self->figures.min)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIGURES + PD_DAY_FIGURES_MIN]);
  if (old.max != self->figures.max)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIGURES + PD_DAY_FIGURES_MAX]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
pd_diary_day_finalize (GObject *object)
{
  PdDiaryDay *self = PD_DIARY_DAY (object);

  g_clear_object (&self->records);
  G_OBJECT_CLASS (pd_diary_day_parent_class)->finalize (object);
}

static void
pd_diary_day_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PdDiaryDay *self = PD_DIARY_DAY (object);

  if (prop_id == PROP_RECORDS)
    g_value_set_object (value, self->records);
  else if (prop_id >= PROP_FIGURES && prop_id < PROP_RECORDS)
    pd_day_figures_get_value (&self->figures, prop_id - PROP_FIGURES, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pd_diary_day_class_init (PdDiaryDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_diary_day_finalize;
  object_class->get_property = pd_diary_day_get_property;

  pd_day_figures_pspecs (properties + PROP_FIGURES, "n-entries", G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RECORDS] =
    g_param_spec_object ("records", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_diary_day_init (PdDiaryDay *self)
{
  self->figures.min = self->figures.max = -1;
}

PdDiaryDay *
_pd_diary_day_new (guint32    day,
                   GPtrArray *records)
{
  PdDiaryDay *self = g_object_new (PD_TYPE_DIARY_DAY, NULL);

  self->figures.day = day;
  /* Built in the load's thread: nothing may be emitted (that takes GLib's signal lock). */
  self->records = pd_object_list_new_take (G_TYPE_OBJECT, pd_record_compare, NULL, records);
  update_figures (self, FALSE);
  return self;
}

PdObjectList *
_pd_diary_day_get_list (PdDiaryDay *self)
{
  return self->records;
}

void
_pd_diary_day_add (PdDiaryDay *self,
                   GObject    *record)
{
  pd_object_list_insert_sorted (self->records, record);
  if (PD_IS_PAIN_ENTRY (record))
    update_figures (self, TRUE);
}

gboolean
_pd_diary_day_remove (PdDiaryDay *self,
                      GObject    *record)
{
  guint position;

  if (!pd_object_list_find (self->records, record, &position))
    return FALSE;
  pd_object_list_remove (self->records, position);
  if (PD_IS_PAIN_ENTRY (record))
    update_figures (self, TRUE);
  return TRUE;
}

guint32
pd_diary_day_get_day (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), 0);
  return self->figures.day;
}

GDate *
pd_diary_day_dup_date (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), NULL);
  return g_date_new_julian (self->figures.day);
}

GListModel *
pd_diary_day_get_records (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), NULL);
  return G_LIST_MODEL (self->records);
}

guint
pd_diary_day_get_n_entries (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), 0);
  return self->figures.n_entries;
}

double
pd_diary_day_get_mean (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), 0);
  return self->figures.mean;
}

int
pd_diary_day_get_min (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), -1);
  return self->figures.min;
}

int
pd_diary_day_get_max (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), -1);
  return self->figures.max;
}
