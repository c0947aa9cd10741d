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
  double mean;
  int min;
  int max;
};

G_DEFINE_FINAL_TYPE (PdDayGroup, pd_day_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DAY,
  PROP_N_ITEMS,
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
  properties[PROP_MEAN] =
    g_param_spec_double ("mean", NULL, NULL, 0, 10, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN] =
    g_param_spec_int ("min", NULL, NULL, 0, 10, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX] =
    g_param_spec_int ("max", NULL, NULL, 0, 10, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_day_group_init (PdDayGroup *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Takes entries that are all of day and already in display order. */
static PdDayGroup *
pd_day_group_new (guint32       day,
                  PdPainEntry **entries,
                  guint         n_entries)
{
  PdDayGroup *self = g_object_new (PD_TYPE_DAY_GROUP, NULL);
  int sum = 0;

  g_assert (n_entries > 0);

  self->day = day;
  self->min = 10;
  self->max = 0;
  for (guint i = 0; i < n_entries; i++)
    {
      int pain = pd_pain_entry_get_pain (entries[i]);

      g_ptr_array_add (self->items, g_object_ref (entries[i]));
      sum += pain;
      self->min = MIN (self->min, pain);
      self->max = MAX (self->max, pain);
    }
  self->mean = (double) sum / n_entries;
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

/* Newest day first; within a day newest first, in the database's order otherwise. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  PdPainEntry *entry_a = *(PdPainEntry **) a;
  PdPainEntry *entry_b = *(PdPainEntry **) b;
  guint32 day_a = pd_pain_entry_get_local_day (entry_a);
  guint32 day_b = pd_pain_entry_get_local_day (entry_b);
  gint64 time_a, time_b, created_a, created_b;

  if (day_a != day_b)
    return day_a < day_b ? 1 : -1;

  time_a = pd_pain_entry_get_time (entry_a);
  time_b = pd_pain_entry_get_time (entry_b);
  if (time_a != time_b)
    return time_a < time_b ? 1 : -1;

  created_a = pd_pain_entry_get_created (entry_a);
  created_b = pd_pain_entry_get_created (entry_b);
  if (created_a != created_b)
    return created_a < created_b ? 1 : -1;

  return strcmp (pd_pain_entry_get_id (entry_a), pd_pain_entry_get_id (entry_b));
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : text, -1);
}

GListModel *
pd_day_groups_new (GPtrArray  *entries,
                   const char *search)
{
  GListStore *store = g_list_store_new (PD_TYPE_DAY_GROUP);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *needle = NULL;
  guint start = 0;

  if (entries == NULL)
    return G_LIST_MODEL (store);

  if (search != NULL && *search != '\0')
    needle = fold (search);

  for (guint i = 0; i < entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (entries, i);

      g_return_val_if_fail (PD_IS_PAIN_ENTRY (entry), G_LIST_MODEL (store));

      if (needle != NULL)
        {
          g_autofree char *note = fold (pd_pain_entry_get_note (entry));

          if (strstr (note, needle) == NULL)
            continue;
        }
      g_ptr_array_add (kept, entry);
    }

  g_ptr_array_sort (kept, compare_entries);

  /* Each run of entries of one day becomes a group. */
  for (guint i = 1; i <= kept->len; i++)
    {
      PdPainEntry **items = (PdPainEntry **) kept->pdata;
      guint32 day = pd_pain_entry_get_local_day (items[start]);
      g_autoptr(PdDayGroup) group = NULL;

      if (i < kept->len && pd_pain_entry_get_local_day (items[i]) == day)
        continue;

      group = pd_day_group_new (day, items + start, i - start);
      g_list_store_append (store, group);
      start = i;
    }

  return G_LIST_MODEL (store);
}
