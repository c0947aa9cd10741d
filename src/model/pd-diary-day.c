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

  guint32 day;
  PdObjectList *records;
  guint n_entries;
  double mean;
  int min;
  int max;
};

G_DEFINE_FINAL_TYPE (PdDiaryDay, pd_diary_day, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DAY,
  PROP_RECORDS,
  PROP_N_ENTRIES,
  PROP_MEAN,
  PROP_MIN,
  PROP_MAX,
  N_PROPS
};

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

typedef struct
{
  guint32 day;
  gint64 time;
  gint64 created;
  const char *id;
} RecordKey;

static void
record_key (gpointer   record,
            RecordKey *key)
{
  key->day = _pd_record_get_day (record);
  key->id = _pd_record_get_id (record);
  if (PD_IS_PAIN_ENTRY (record))
    {
      key->time = pd_pain_entry_get_time (record);
      key->created = pd_pain_entry_get_created (record);
    }
  else if (PD_IS_DOSE (record))
    {
      key->time = pd_dose_get_time (record);
      key->created = pd_dose_get_created (record);
    }
  else if (PD_IS_ACTIVITY (record))
    {
      key->time = pd_activity_get_time (record);
      key->created = pd_activity_get_created (record);
    }
  else if (PD_IS_EVENT (record))
    {
      key->time = pd_event_get_time (record);
      key->created = pd_event_get_created (record);
    }
  else
    g_assert_not_reached ();
}

int
_pd_record_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      unused)
{
  RecordKey key_a, key_b;

  record_key ((gpointer) a, &key_a);
  record_key ((gpointer) b, &key_b);
  if (key_a.day != key_b.day)
    return key_a.day < key_b.day ? 1 : -1;
  if (key_a.time != key_b.time)
    return key_a.time < key_b.time ? 1 : -1;
  if (key_a.created != key_b.created)
    return key_a.created < key_b.created ? 1 : -1;
  return strcmp (key_a.id, key_b.id);
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
  guint32 day_a = ((const PdDiaryDay *) a)->day;
  guint32 day_b = ((const PdDiaryDay *) b)->day;

  return day_a == day_b ? 0 : day_a < day_b ? 1 : -1;
}

/* Recounts the figures and notifies those that changed. */
static void
update_figures (PdDiaryDay *self,
                gboolean    notify)
{
  GPtrArray *records = pd_object_list_get_array (self->records);
  guint n_entries = 0;
  int sum = 0, min = 10, max = 0;
  double mean = 0;

  for (guint i = 0; i < records->len; i++)
    {
      int pain;

      if (!PD_IS_PAIN_ENTRY (g_ptr_array_index (records, i)))
        continue;
      pain = pd_pain_entry_get_pain (g_ptr_array_index (records, i));
      n_entries++;
      sum += pain;
      min = MIN (min, pain);
      max = MAX (max, pain);
    }
  if (n_entries > 0)
    mean = (double) sum / n_entries;
  else
    min = max = -1;

  if (notify)
    g_object_freeze_notify (G_OBJECT (self));
#define SET(field, prop) \
  if (self->field != field) \
    { \
      self->field = field; \
      if (notify) \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
    }
  SET (n_entries, PROP_N_ENTRIES)
  SET (mean, PROP_MEAN)
  SET (min, PROP_MIN)
  SET (max, PROP_MAX)
#undef SET
  if (notify)
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

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;
    case PROP_RECORDS:
      g_value_set_object (value, self->records);
      break;
    case PROP_N_ENTRIES:
      g_value_set_uint (value, self->n_entries);
      break;
    case PROP_MEAN:
      g_value_set_double (value, self->mean);
      break;
    case PROP_MIN:
      g_value_set_int (value, self->min);
      break;
    case PROP_MAX:
      g_value_set_int (value, self->max);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_diary_day_class_init (PdDiaryDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_diary_day_finalize;
  object_class->get_property = pd_diary_day_get_property;

  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORDS] =
    g_param_spec_object ("records", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ENTRIES] =
    g_param_spec_uint ("n-entries", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEAN] =
    g_param_spec_double ("mean", NULL, NULL, 0, 10, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN] =
    g_param_spec_int ("min", NULL, NULL, -1, 10, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX] =
    g_param_spec_int ("max", NULL, NULL, -1, 10, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_diary_day_init (PdDiaryDay *self)
{
  self->min = self->max = -1;
}

PdDiaryDay *
_pd_diary_day_new (guint32    day,
                   GPtrArray *records)
{
  PdDiaryDay *self = g_object_new (PD_TYPE_DIARY_DAY, NULL);

  self->day = day;
  /* Built in the load's thread: nothing may be emitted (that takes GLib's signal lock). */
  self->records = pd_object_list_new_take (G_TYPE_OBJECT, _pd_record_compare, NULL, records);
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
  return self->day;
}

GDate *
pd_diary_day_dup_date (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), NULL);
  return g_date_new_julian (self->day);
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
  return self->n_entries;
}

double
pd_diary_day_get_mean (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), 0);
  return self->mean;
}

int
pd_diary_day_get_min (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), -1);
  return self->min;
}

int
pd_diary_day_get_max (PdDiaryDay *self)
{
  g_return_val_if_fail (PD_IS_DIARY_DAY (self), -1);
  return self->max;
}
