/* pd-history-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One item per heading and per record, not per day: a list view then creates widgets only
 * for the rows in sight, however long a day is. The model's days list tells of every
 * change to a day's records (items-changed on the day's position), so one array of where
 * each day ends is all this keeps: four bytes a day.
 */

#define G_LOG_DOMAIN "pd-history-list"

#include "config.h"

#include <string.h>

#include "pd-diary-day.h"
#include "pd-history-list.h"

struct _PdHistoryList
{
  GObject parent_instance;

  GListModel *days;
  GArray *ends;   /* guint: the position after each day's last item */
};

static void pd_history_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdHistoryList, pd_history_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pd_history_list_model_init))

static guint
end_of (PdHistoryList *self,
        guint          day)
{
  return day == 0 ? 0 : g_array_index (self->ends, guint, day - 1);
}

/* A heading and the records; nothing for a day left without records. */
static guint
day_size (PdHistoryList *self,
          guint          day)
{
  g_autoptr(PdDiaryDay) item = g_list_model_get_item (self->days, day);
  guint n_records = g_list_model_get_n_items (pd_diary_day_get_records (item));

  return n_records == 0 ? 0 : n_records + 1;
}

static GType
pd_history_list_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
pd_history_list_get_n_items (GListModel *model)
{
  PdHistoryList *self = PD_HISTORY_LIST (model);

  return end_of (self, self->ends->len);
}

static gpointer
pd_history_list_get_item (GListModel *model,
                          guint       position)
{
  PdHistoryList *self = PD_HISTORY_LIST (model);
  guint low = 0, high = self->ends->len;
  g_autoptr(PdDiaryDay) day = NULL;
  guint offset;

  /* The first day that ends after position. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->ends, guint, middle) <= position)
        low = middle + 1;
      else
        high = middle;
    }
  if (low == self->ends->len)
    return NULL;
  day = g_list_model_get_item (self->days, low);
  offset = position - end_of (self, low);
  if (offset == 0)
    return g_steal_pointer (&day);
  return g_list_model_get_item (pd_diary_day_get_records (day), offset - 1);
}

static void
pd_history_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_history_list_get_item_type;
  iface->get_n_items = pd_history_list_get_n_items;
  iface->get_item = pd_history_list_get_item;
}

static void
days_changed_cb (PdHistoryList *self,
                 guint          position,
                 guint          removed,
                 guint          added,
                 GListModel    *days)
{
  guint start = end_of (self, position);
  guint old_end = end_of (self, position + removed);
  guint end = start;
  int delta;

  g_array_remove_range (self->ends, position, removed);
  g_array_set_size (self->ends, self->ends->len + added);
  memmove (&g_array_index (self->ends, guint, position + added),
           &g_array_index (self->ends, guint, position),
           (self->ends->len - position - added) * sizeof (guint));
  for (guint i = position; i < position + added; i++)
    {
      end += day_size (self, i);
      g_array_index (self->ends, guint, i) = end;
    }
  delta = (int) (end - start) - (int) (old_end - start);
  for (guint i = position + added; delta != 0 && i < self->ends->len; i++)
    g_array_index (self->ends, guint, i) += delta;

  if (old_end != start || end != start)
    g_list_model_items_changed (G_LIST_MODEL (self), start, old_end - start, end - start);
}

static void
pd_history_list_dispose (GObject *object)
{
  PdHistoryList *self = PD_HISTORY_LIST (object);

  if (self->days != NULL)
    g_signal_handlers_disconnect_by_data (self->days, self);
  g_clear_object (&self->days);
  G_OBJECT_CLASS (pd_history_list_parent_class)->dispose (object);
}

static void
pd_history_list_finalize (GObject *object)
{
  PdHistoryList *self = PD_HISTORY_LIST (object);

  g_array_unref (self->ends);
  G_OBJECT_CLASS (pd_history_list_parent_class)->finalize (object);
}

static void
pd_history_list_class_init (PdHistoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_history_list_dispose;
  object_class->finalize = pd_history_list_finalize;
}

static void
pd_history_list_init (PdHistoryList *self)
{
  self->ends = g_array_new (FALSE, FALSE, sizeof (guint));
}

PdHistoryList *
pd_history_list_new (GListModel *days)
{
  PdHistoryList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (days), NULL);

  self = g_object_new (PD_TYPE_HISTORY_LIST, NULL);
  self->days = g_object_ref (days);
  days_changed_cb (self, 0, 0, g_list_model_get_n_items (days), days);
  g_signal_connect_swapped (days, "items-changed", G_CALLBACK (days_changed_cb), self);
  return self;
}
