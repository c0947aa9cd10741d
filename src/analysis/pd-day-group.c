/* pd-day-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-day-group"

#include "config.h"

#include <string.h>

#include "pd-day-group.h"

struct _PdDayGroup
{
  GObject parent_instance;

  guint32 day;
  GPtrArray *items;   /* PdPainEntry, newest first */
  GPtrArray *records; /* every kind, newest first */
  double mean;
  int min;
  int max;
};

G_DEFINE_FINAL_TYPE (PdDayGroup, pd_day_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DAY,
  PROP_N_ITEMS,
  PROP_N_RECORDS,
  PROP_MEAN,
  PROP_MIN,
  PROP_MAX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_day_group_finalize (GObject *object)
{
  PdDayGroup *self = (PdDayGroup *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_day_group_parent_class)->finalize (object);
}

static void
pd_day_group_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PdDayGroup *self = PD_DAY_GROUP (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_N_RECORDS:
      g_value_set_uint (value, self->records->len);
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
pd_day_group_class_init (PdDayGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_day_group_finalize;
  object_class->get_property = pd_day_group_get_property;

  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RECORDS] =
    g_param_spec_uint ("n-records", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEAN] =
    g_param_spec_double ("mean", NULL, NULL, 0, 10, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN] =
    g_param_spec_int ("min", NULL, NULL, -1, 10, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX] =
    g_param_spec_int ("max", NULL, NULL, -1, 10, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_day_group_init (PdDayGroup *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Takes records that are all of day and already in display order; the pain entries among
 * them are the items that the aggregates describe. */
static PdDayGroup *
pd_day_group_new (guint32   day,
                  GObject **records,
                  guint     n_records)
{
  PdDayGroup *self = g_object_new (PD_TYPE_DAY_GROUP, NULL);
  int sum = 0;

  g_assert (n_records > 0);

  self->day = day;
  self->min = 10;
  self->max = 0;
  for (guint i = 0; i < n_records; i++)
    {
      int pain;

      g_ptr_array_add (self->records, g_object_ref (records[i]));
      if (!PD_IS_PAIN_ENTRY (records[i]))
        continue;

      pain = pd_pain_entry_get_pain (PD_PAIN_ENTRY (records[i]));
      g_ptr_array_add (self->items, g_object_ref (records[i]));
      sum += pain;
      self->min = MIN (self->min, pain);
      self->max = MAX (self->max, pain);
    }

  if (self->items->len > 0)
    self->mean = (double) sum / self->items->len;
  else
    self->min = self->max = -1;
  return self;
}

guint32
pd_day_group_get_day (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->day;
}

GDate *
pd_day_group_dup_date (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), NULL);
  return g_date_new_julian (self->day);
}

guint
pd_day_group_get_n_items (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->items->len;
}

PdPainEntry *
pd_day_group_get_item (PdDayGroup *self,
                       guint       position)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return g_ptr_array_index (self->items, position);
}

guint
pd_day_group_get_n_records (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->records->len;
}

GObject *
pd_day_group_get_record (PdDayGroup *self,
                         guint       position)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), NULL);
  g_return_val_if_fail (position < self->records->len, NULL);
  return g_ptr_array_index (self->records, position);
}

double
pd_day_group_get_mean (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->mean;
}

int
pd_day_group_get_min (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->min;
}

int
pd_day_group_get_max (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->max;
}

/* What ordering and searching need of a record of any kind, read once per record. */
typedef struct
{
  GObject *record;
  guint32 day;
  gint64 time;
  gint64 created;
  const char *id;
  const char *note;
  const char *name;    /* dose or activity name, event title; NULL for pain entries */
} RecordInfo;

static void
record_info (GObject    *record,
             RecordInfo *info)
{
  info->record = record;
  if (PD_IS_PAIN_ENTRY (record))
    {
      PdPainEntry *entry = PD_PAIN_ENTRY (record);

      info->day = pd_pain_entry_get_local_day (entry);
      info->time = pd_pain_entry_get_time (entry);
      info->created = pd_pain_entry_get_created (entry);
      info->id = pd_pain_entry_get_id (entry);
      info->note = pd_pain_entry_get_note (entry);
      info->name = NULL;
    }
  else if (PD_IS_DOSE (record))
    {
      PdDose *dose = PD_DOSE (record);

      info->day = pd_dose_get_local_day (dose);
      info->time = pd_dose_get_time (dose);
      info->created = pd_dose_get_created (dose);
      info->id = pd_dose_get_id (dose);
      info->note = pd_dose_get_note (dose);
      info->name = pd_dose_get_name (dose);
    }
  else if (PD_IS_ACTIVITY (record))
    {
      PdActivity *activity = PD_ACTIVITY (record);

      info->day = pd_activity_get_local_day (activity);
      info->time = pd_activity_get_time (activity);
      info->created = pd_activity_get_created (activity);
      info->id = pd_activity_get_id (activity);
      info->note = pd_activity_get_note (activity);
      info->name = pd_activity_get_name (activity);
    }
  else if (PD_IS_EVENT (record))
    {
      PdEvent *event = PD_EVENT (record);

      info->day = pd_event_get_local_day (event);
      info->time = pd_event_get_time (event);
      info->created = pd_event_get_created (event);
      info->id = pd_event_get_id (event);
      info->note = pd_event_get_note (event);
      info->name = pd_event_get_title (event);
    }
  else
    g_assert_not_reached ();
}

/* Newest day first; within a day newest first, in the database's order otherwise. */
static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const RecordInfo *info_a = a;
  const RecordInfo *info_b = b;

  if (info_a->day != info_b->day)
    return info_a->day < info_b->day ? 1 : -1;
  if (info_a->time != info_b->time)
    return info_a->time < info_b->time ? 1 : -1;
  if (info_a->created != info_b->created)
    return info_a->created < info_b->created ? 1 : -1;
  return strcmp (info_a->id, info_b->id);
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : text, -1);
}

static gboolean
contains_folded (const char *text,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = fold (text);
  return strstr (folded, needle) != NULL;
}

/* A pain entry's own locations and qualities are found as its note is. */
static gboolean
own_values_contain (GObject    *record,
                    const char *needle)
{
  const char * const *lists[2];

  if (!PD_IS_PAIN_ENTRY (record))
    return FALSE;
  lists[0] = pd_pain_entry_get_custom_locations (PD_PAIN_ENTRY (record));
  lists[1] = pd_pain_entry_get_custom_qualities (PD_PAIN_ENTRY (record));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      if (contains_folded (lists[l][i], needle))
        return TRUE;
  return FALSE;
}

/* Appends the records whose note, name or own values contain needle (all of them without
 * one). */
static void
keep_matching (GArray     *kept,
               GPtrArray  *records,
               const char *needle)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      RecordInfo info;

      record_info (g_ptr_array_index (records, i), &info);
      if (needle != NULL &&
          !contains_folded (info.note, needle) && !contains_folded (info.name, needle) &&
          !own_values_contain (info.record, needle))
        continue;
      g_array_append_val (kept, info);
    }
}

/* Sorts the records and makes each run of records of one day a group. */
static GListModel *
group_by_day (GArray *kept)
{
  GListStore *store = g_list_store_new (PD_TYPE_DAY_GROUP);
  g_autoptr(GPtrArray) day_records = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);

  g_array_sort (kept, compare_records);

  for (guint i = 0; i < kept->len; i++)
    {
      const RecordInfo *info = &g_array_index (kept, RecordInfo, i);

      g_ptr_array_add (day_records, info->record);
      if (i + 1 == kept->len || g_array_index (kept, RecordInfo, i + 1).day != info->day)
        {
          g_ptr_array_add (groups, pd_day_group_new (info->day, (GObject **) day_records->pdata,
                                                     day_records->len));
          g_ptr_array_set_size (day_records, 0);
        }
    }

  /* All at once: one items-changed rather than one per day of ten years. */
  g_list_store_splice (store, 0, 0, groups->pdata, groups->len);
  return G_LIST_MODEL (store);
}

static GArray *
record_info_array_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (RecordInfo));
}

GListModel *
pd_day_groups_new (GPtrArray  *entries,
                   const char *search)
{
  g_autoptr(GArray) kept = record_info_array_new ();
  g_autofree char *needle = NULL;

  if (entries == NULL)
    return G_LIST_MODEL (g_list_store_new (PD_TYPE_DAY_GROUP));

  for (guint i = 0; i < entries->len; i++)
    g_return_val_if_fail (PD_IS_PAIN_ENTRY (g_ptr_array_index (entries, i)),
                          G_LIST_MODEL (g_list_store_new (PD_TYPE_DAY_GROUP)));

  if (search != NULL && *search != '\0')
    needle = fold (search);

  keep_matching (kept, entries, needle);
  return group_by_day (kept);
}

GListModel *
pd_day_groups_new_full (PdDiaryData *data,
                        const char  *search,
                        guint        kinds)
{
  g_autoptr(GArray) kept = record_info_array_new ();
  g_autofree char *needle = NULL;

  if (data == NULL)
    return G_LIST_MODEL (g_list_store_new (PD_TYPE_DAY_GROUP));

  if (search != NULL && *search != '\0')
    needle = fold (search);

  if (kinds & (1u << PD_RECORD_PAIN))
    keep_matching (kept, data->pain_entries, needle);
  if (kinds & (1u << PD_RECORD_DOSE))
    keep_matching (kept, data->doses, needle);
  if (kinds & (1u << PD_RECORD_ACTIVITY))
    keep_matching (kept, data->activities, needle);
  if (kinds & (1u << PD_RECORD_EVENT))
    keep_matching (kept, data->events, needle);
  return group_by_day (kept);
}
