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

  PdDayFigures figures;
  GPtrArray *items;   /* PdPainEntry, newest first */
  GPtrArray *records; /* every kind, newest first */
};

G_DEFINE_FINAL_TYPE (PdDayGroup, pd_day_group, G_TYPE_OBJECT)

/* The figures first (PD_DAY_FIGURES_* + 1), then the records' count. */
#define PROP_FIGURES 1
#define PROP_N_RECORDS (PROP_FIGURES + PD_DAY_FIGURES_N_PROPS)
#define N_PROPS (PROP_N_RECORDS + 1)

static GParamSpec *properties[N_PROPS];

void
pd_day_figures_count (PdDayFigures   *figures,
                      GObject *const *records,
                      guint           n_records)
{
  int sum = 0;

  figures->n_entries = 0;
  figures->min = 10;
  figures->max = 0;
  for (guint i = 0; i < n_records; i++)
    {
      int pain;

      if (!PD_IS_PAIN_ENTRY (records[i]))
        continue;
      pain = pd_pain_entry_get_pain (PD_PAIN_ENTRY (records[i]));
      figures->n_entries++;
      sum += pain;
      figures->min = MIN (figures->min, pain);
      figures->max = MAX (figures->max, pain);
    }
  figures->mean = figures->n_entries > 0 ? (double) sum / figures->n_entries : 0;
  if (figures->n_entries == 0)
    figures->min = figures->max = -1;
}

void
pd_day_figures_pspecs (GParamSpec  **pspecs,
                       const char   *count_name,
                       GParamFlags   extra)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | extra;

  pspecs[PD_DAY_FIGURES_DAY] = g_param_spec_uint ("day", NULL, NULL, 0, G_MAXUINT32, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PD_DAY_FIGURES_N_ENTRIES] = g_param_spec_uint (count_name, NULL, NULL, 0, G_MAXUINT, 0, flags);
  pspecs[PD_DAY_FIGURES_MEAN] = g_param_spec_double ("mean", NULL, NULL, 0, 10, 0, flags);
  pspecs[PD_DAY_FIGURES_MIN] = g_param_spec_int ("min", NULL, NULL, -1, 10, -1, flags);
  pspecs[PD_DAY_FIGURES_MAX] = g_param_spec_int ("max", NULL, NULL, -1, 10, -1, flags);
}

void
pd_day_figures_get_value (const PdDayFigures *figures,
                          guint               which,
                          GValue             *value)
{
  switch (which)
    {
    case PD_DAY_FIGURES_DAY:
      g_value_set_uint (value, figures->day);
      break;
    case PD_DAY_FIGURES_N_ENTRIES:
      g_value_set_uint (value, figures->n_entries);
      break;
    case PD_DAY_FIGURES_MEAN:
      g_value_set_double (value, figures->mean);
      break;
    case PD_DAY_FIGURES_MIN:
      g_value_set_int (value, figures->min);
      break;
    case PD_DAY_FIGURES_MAX:
      g_value_set_int (value, figures->max);
      break;
    default:
      g_assert_not_reached ();
    }
}

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

  if (prop_id == PROP_N_RECORDS)
    g_value_set_uint (value, self->records->len);
  else if (prop_id >= PROP_FIGURES && prop_id < PROP_N_RECORDS)
    pd_day_figures_get_value (&self->figures, prop_id - PROP_FIGURES, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pd_day_group_class_init (PdDayGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_day_group_finalize;
  object_class->get_property = pd_day_group_get_property;

  pd_day_figures_pspecs (properties + PROP_FIGURES, "n-items", 0);
  properties[PROP_N_RECORDS] =
    g_param_spec_uint ("n-records", NULL, NULL, 0, G_MAXUINT, 0,
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

  g_assert (n_records > 0);

  for (guint i = 0; i < n_records; i++)
    {
      g_ptr_array_add (self->records, g_object_ref (records[i]));
      if (PD_IS_PAIN_ENTRY (records[i]))
        g_ptr_array_add (self->items, g_object_ref (records[i]));
    }
  pd_day_figures_count (&self->figures, records, n_records);
  self->figures.day = day;
  return self;
}

guint32
pd_day_group_get_day (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->figures.day;
}

GDate *
pd_day_group_dup_date (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), NULL);
  return g_date_new_julian (self->figures.day);
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
  return self->figures.mean;
}

int
pd_day_group_get_min (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->figures.min;
}

int
pd_day_group_get_max (PdDayGroup *self)
{
  g_return_val_if_fail (PD_IS_DAY_GROUP (self), 0);
  return self->figures.max;
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

/* The fields that every kind reads by getters of the same names, prefix's. */
#define READ_RECORD_INFO(info, prefix, record)                                          \
  G_STMT_START {                                                                        \
    (info)->day = prefix##_get_local_day (record);                                      \
    (info)->time = prefix##_get_time (record);                                          \
    (info)->created = prefix##_get_created (record);                                    \
    (info)->id = prefix##_get_id (record);                                              \
    (info)->note = prefix##_get_note (record);                                          \
  } G_STMT_END

static void
record_info (GObject    *record,
             RecordInfo *info)
{
  info->record = record;
  if (PD_IS_PAIN_ENTRY (record))
    {
      PdPainEntry *entry = PD_PAIN_ENTRY (record);

      READ_RECORD_INFO (info, pd_pain_entry, entry);
      info->name = NULL;
    }
  else if (PD_IS_DOSE (record))
    {
      PdDose *dose = PD_DOSE (record);

      READ_RECORD_INFO (info, pd_dose, dose);
      info->name = pd_dose_get_name (dose);
    }
  else if (PD_IS_ACTIVITY (record))
    {
      PdActivity *activity = PD_ACTIVITY (record);

      READ_RECORD_INFO (info, pd_activity, activity);
      info->name = pd_activity_get_name (activity);
    }
  else if (PD_IS_EVENT (record))
    {
      PdEvent *event = PD_EVENT (record);

      READ_RECORD_INFO (info, pd_event, event);
      info->name = pd_event_get_title (event);
    }
  else
    g_assert_not_reached ();
}

/* Newest day first; within a day newest first, in the database's order otherwise. */
static int
compare_infos (const RecordInfo *info_a,
               const RecordInfo *info_b)
{
  if (info_a->day != info_b->day)
    return info_a->day < info_b->day ? 1 : -1;
  if (info_a->time != info_b->time)
    return info_a->time < info_b->time ? 1 : -1;
  if (info_a->created != info_b->created)
    return info_a->created < info_b->created ? 1 : -1;
  return strcmp (info_a->id, info_b->id);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return compare_infos (a, b);
}

int
pd_record_compare (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  RecordInfo info_a, info_b;

  record_info ((GObject *) a, &info_a);
  record_info ((GObject *) b, &info_b);
  return compare_infos (&info_a, &info_b);
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

struct _PdRecordSearch
{
  char *needle;   /* folded; NULL: every record */
  guint kinds;
};

PdRecordSearch *
pd_record_search_new (const char *search,
                      guint       kinds)
{
  PdRecordSearch *self = g_new0 (PdRecordSearch, 1);

  if (search != NULL && *search != '\0')
    self->needle = fold (search);
  self->kinds = kinds;
  return self;
}

static guint
kind_bit (GObject *record)
{
  if (PD_IS_PAIN_ENTRY (record))
    return 1u << PD_RECORD_PAIN;
  if (PD_IS_DOSE (record))
    return 1u << PD_RECORD_DOSE;
  if (PD_IS_ACTIVITY (record))
    return 1u << PD_RECORD_ACTIVITY;
  if (PD_IS_EVENT (record))
    return 1u << PD_RECORD_EVENT;
  return 0;
}

static gboolean
info_matches (const PdRecordSearch *self,
              const RecordInfo     *info)
{
  if (!(self->kinds & kind_bit (info->record)))
    return FALSE;
  return self->needle == NULL || contains_folded (info->note, self->needle) ||
         contains_folded (info->name, self->needle) || own_values_contain (info->record, self->needle);
}

gboolean
pd_record_search_matches (const PdRecordSearch *self,
                          GObject              *record)
{
  RecordInfo info;

  g_return_val_if_fail (self != NULL, FALSE);
  record_info (record, &info);
  return info_matches (self, &info);
}

gboolean
pd_record_search_is_all (const PdRecordSearch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->needle == NULL && (self->kinds & PD_DAY_GROUPS_ALL_KINDS) == PD_DAY_GROUPS_ALL_KINDS;
}

void
pd_record_search_free (PdRecordSearch *self)
{
  if (self == NULL)
    return;
  g_free (self->needle);
  g_free (self);
}

/* Appends the records that search keeps. */
static void
keep_matching (GArray               *kept,
               GPtrArray            *records,
               const PdRecordSearch *search)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      RecordInfo info;

      record_info (g_ptr_array_index (records, i), &info);
      if (info_matches (search, &info))
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

static GListModel *
groups_of (GPtrArray  **arrays,
           guint        n_arrays,
           const char  *search,
           guint        kinds)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (RecordInfo));
  g_autoptr(PdRecordSearch) matcher = pd_record_search_new (search, kinds);

  for (guint i = 0; i < n_arrays; i++)
    keep_matching (kept, arrays[i], matcher);
  return group_by_day (kept);
}

GListModel *
pd_day_groups_new (GPtrArray  *entries,
                   const char *search)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    g_return_val_if_fail (PD_IS_PAIN_ENTRY (g_ptr_array_index (entries, i)),
                          G_LIST_MODEL (g_list_store_new (PD_TYPE_DAY_GROUP)));

  return groups_of (&entries, 1, search, 1u << PD_RECORD_PAIN);
}

GListModel *
pd_day_groups_new_full (PdDiaryData *data,
                        const char  *search,
                        guint        kinds)
{
  GPtrArray *arrays[4];

  if (data == NULL)
    return G_LIST_MODEL (g_list_store_new (PD_TYPE_DAY_GROUP));
  arrays[0] = data->pain_entries;
  arrays[1] = data->doses;
  arrays[2] = data->activities;
  arrays[3] = data->events;
  return groups_of (arrays, G_N_ELEMENTS (arrays), search, kinds);
}
