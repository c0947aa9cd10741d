/* pd-diary-model-changes.c: the model's lists brought up to date, on the main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <string.h>

#include "pd-diary-model-private.h"

GPtrArray **
_pd_diary_data_array (PdDiaryData  *data,
                      PdRecordKind  kind)
{
  switch (kind)
    {
    case PD_RECORD_PAIN:
      return &data->pain_entries;
    case PD_RECORD_MEDICATION:
      return &data->medications;
    case PD_RECORD_DOSE:
      return &data->doses;
    case PD_RECORD_ACTIVITY:
      return &data->activities;
    case PD_RECORD_EVENT:
      return &data->events;
    default:
      g_assert_not_reached ();
    }
}

GPtrArray **
_pd_diary_data_outcomes (PdDiaryData *data,
                         guint        index)
{
  switch (index)
    {
    case 0:
      return &data->function_activities;
    case 1:
      return &data->function_ratings;
    case 2:
      return &data->impressions;
    default:
      g_assert_not_reached ();
    }
}

GCompareDataFunc
_pd_record_compare_for (PdRecordKind kind)
{
  return kind == PD_RECORD_MEDICATION ? _pd_medication_compare : pd_record_compare;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (_pd_record_get_id (*(gpointer *) a), _pd_record_get_id (*(gpointer *) b));
}

GPtrArray *
_pd_id_index_new (GPtrArray *records)
{
  GPtrArray *index = g_ptr_array_sized_new (records->len);

  g_ptr_array_extend (index, records, NULL, NULL);
  g_ptr_array_sort (index, compare_ids);
  return index;
}

/* Where a record with id is or would go. */
static guint
id_position (GPtrArray  *index,
             const char *id)
{
  guint low = 0, high = index->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (strcmp (_pd_record_get_id (g_ptr_array_index (index, middle)), id) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

GObject *
_pd_id_index_lookup (GPtrArray  *index,
                     const char *id)
{
  guint position = id_position (index, id);

  if (position < index->len && strcmp (_pd_record_get_id (g_ptr_array_index (index, position)), id) == 0)
    return g_ptr_array_index (index, position);
  return NULL;
}

void
_pd_id_index_add (GPtrArray *index,
                  GObject   *record)
{
  g_ptr_array_insert (index, id_position (index, _pd_record_get_id (record)), record);
}

void
_pd_id_index_remove (GPtrArray *index,
                     GObject   *record)
{
  guint position = id_position (index, _pd_record_get_id (record));

  if (position < index->len && g_ptr_array_index (index, position) == record)
    g_ptr_array_remove_index (index, position);
}

static PdDiaryDay *
ensure_day (PdDiaryModel *self,
            guint32       day)
{
  PdDiaryDay *group = g_hash_table_lookup (self->day_index, GUINT_TO_POINTER (day));
  g_autoptr(PdDiaryDay) created = NULL;

  if (group != NULL)
    return group;
  created = _pd_diary_day_new (day, g_ptr_array_new_with_free_func (g_object_unref));
  g_hash_table_insert (self->day_index, GUINT_TO_POINTER (day), created);
  pd_object_list_insert_sorted (self->days, created);
  return created;
}

/* The day's figures or records changed: views of the days list redraw its row. */
static void
day_changed (PdDiaryModel *self,
             PdDiaryDay   *group)
{
  guint position;

  if (!pd_object_list_find (self->days, group, &position))
    return;
  if (g_list_model_get_n_items (pd_diary_day_get_records (group)) == 0)
    {
      g_hash_table_remove (self->day_index, GUINT_TO_POINTER (pd_diary_day_get_day (group)));
      pd_object_list_remove (self->days, position);
    }
  else
    pd_object_list_item_changed (self->days, position);
}

static void
remove_record (PdDiaryModel *self,
               PdRecordKind  kind,
               GObject      *record)
{
  g_autoptr(GObject) keep = g_object_ref (record);
  guint position;

  _pd_id_index_remove (self->ids[kind], record);
  if (pd_object_list_find (self->lists[kind], record, &position))
    pd_object_list_remove (self->lists[kind], position);
  if (kind != PD_RECORD_MEDICATION)
    {
      PdDiaryDay *group = g_hash_table_lookup (self->day_index,
                                               GUINT_TO_POINTER (_pd_record_get_day (record)));

      if (group != NULL && _pd_diary_day_remove (group, record))
        day_changed (self, group);
    }
}

static void
add_record (PdDiaryModel *self,
            PdRecordKind  kind,
            GObject      *record)
{
  _pd_id_index_add (self->ids[kind], record);
  pd_object_list_insert_sorted (self->lists[kind], record);
  if (kind != PD_RECORD_MEDICATION)
    {
      PdDiaryDay *group = ensure_day (self, _pd_record_get_day (record));

      _pd_diary_day_add (group, record);
      day_changed (self, group);
    }
}

/* Puts record in place of the one with its id; FALSE when it is new. */
static gboolean
put_record (PdDiaryModel *self,
            PdRecordKind  kind,
            GObject      *record)
{
  GObject *old = _pd_id_index_lookup (self->ids[kind], _pd_record_get_id (record));

  if (old == record)
    return TRUE;
  if (old != NULL)
    remove_record (self, kind, old);
  add_record (self, kind, record);
  return old != NULL;
}

/* Today's due doses, changed at the positions that differ only. */
void
_pd_diary_model_update_due (PdDiaryModel *self)
{
  PdDiaryDay *today = g_hash_table_lookup (self->day_index, GUINT_TO_POINTER (self->today));
  g_autoptr(GPtrArray) doses = g_ptr_array_new ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->due));

  if (today != NULL)
    {
      GPtrArray *records = pd_object_list_get_array (_pd_diary_day_get_list (today));

      for (guint i = 0; i < records->len; i++)
        if (PD_IS_DOSE (g_ptr_array_index (records, i)))
          g_ptr_array_add (doses, g_ptr_array_index (records, i));
    }
  due = pd_due_doses (pd_object_list_get_array (self->lists[PD_RECORD_MEDICATION]), doses,
                      self->today);
  /* The items take the entries' references. */
  g_ptr_array_set_free_func (due, NULL);
  for (guint i = 0; i < due->len; i++)
    g_ptr_array_add (items, pd_due_item_new (g_ptr_array_index (due, i)));

  if (items->len != n_old)
    {
      g_list_store_splice (self->due, 0, n_old, items->pdata, items->len);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(PdDueItem) old = g_list_model_get_item (G_LIST_MODEL (self->due), i);

      if (!pd_due_item_equal (old, g_ptr_array_index (items, i)))
        g_list_store_splice (self->due, i, 1, &items->pdata[i], 1);
    }
}

static gboolean
affects_due (guint kinds)
{
  return (kinds & (PD_DIARY_KIND_BIT (PD_RECORD_DOSE) |
                   PD_DIARY_KIND_BIT (PD_RECORD_MEDICATION))) != 0;
}

guint
_pd_diary_batch_kinds (PdDiaryData *batch,
                       guint       *n_records)
{
  guint kinds = 0;

  *n_records = 0;
  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    {
      GPtrArray *records = *_pd_diary_data_array (batch, kind);

      if (records != NULL && records->len > 0)
        {
          kinds |= PD_DIARY_KIND_BIT (kind);
          *n_records += records->len;
        }
    }
  return kinds;
}

/* Brings the lists up to date with a write that succeeded. */
void
_pd_diary_model_apply_write (PdDiaryModel *self,
                             WriteOp      *op,
                             gboolean      replaying)
{
  guint kinds = PD_DIARY_KIND_BIT (op->kind);

  switch (op->type)
    {
    case OP_SAVE:
      {
        gboolean known = put_record (self, op->kind, op->record);

        _pd_diary_model_emit_records_changed (self, kinds, op->id,
                              known ? PD_DIARY_CHANGE_CHANGED : PD_DIARY_CHANGE_ADDED);
      }
      break;
    case OP_RESTORE:
      if (op->record != NULL)
        {
          put_record (self, op->kind, op->record);
          _pd_diary_model_emit_records_changed (self, kinds, op->id, PD_DIARY_CHANGE_ADDED);
        }
      break;
    case OP_DELETE:
      {
        GObject *old = _pd_id_index_lookup (self->ids[op->kind], op->id);

        if (!replaying)
          {
            UndoEntry *entry = g_new0 (UndoEntry, 1);

            entry->kind = op->kind;
            entry->id = g_strdup (op->id);
            entry->record = old != NULL ? g_object_ref (old) : NULL;
            g_ptr_array_add (self->undo, entry);
            if (self->undo->len == 1)
              _pd_diary_model_notify_can_undo (self);
          }
        if (old != NULL)
          {
            remove_record (self, op->kind, old);
            _pd_diary_model_emit_records_changed (self, kinds, op->id, PD_DIARY_CHANGE_REMOVED);
          }
      }
      break;
    case OP_IMPORT:
      {
        guint n_records;

        kinds = _pd_diary_batch_kinds (op->batch, &n_records);
        for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
          {
            GPtrArray *records = *_pd_diary_data_array (op->batch, kind);

            for (guint i = 0; records != NULL && i < records->len; i++)
              put_record (self, kind, g_ptr_array_index (records, i));
          }
        _pd_diary_model_emit_records_changed (self, kinds, NULL, PD_DIARY_CHANGE_MANY);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (affects_due (kinds))
    _pd_diary_model_update_due (self);
}
