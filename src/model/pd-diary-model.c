/* pd-diary-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One copy of the diary for every page. Loads read on a connection of their own, so a
 * save made meanwhile does not wait for them (pd-diary-model-load.c); writes run in order
 * on one worker thread (pd-diary-model-writes.c); results are applied on the main context,
 * to the affected positions only (pd-diary-model-changes.c).
 */

#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-database-reader.h"
#include "pd-database-spine.h"
#include "pd-diary-model-private.h"
#include "pd-types.h"

G_DEFINE_FINAL_TYPE (PdDiaryModel, pd_diary_model, G_TYPE_OBJECT)

/* Lists and lookups */

GListModel *
pd_diary_model_get_days (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  return G_LIST_MODEL (self->days);
}

GListModel *
pd_diary_model_get_records (PdDiaryModel *self,
                            PdRecordKind  kind)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);
  return G_LIST_MODEL (self->lists[kind]);
}

GListModel *
pd_diary_model_get_regimen (PdDiaryModel *self)
{
  return pd_diary_model_get_records (self, PD_RECORD_MEDICATION);
}

GListModel *
pd_diary_model_get_due_doses (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  return G_LIST_MODEL (self->due);
}

PdDiaryDay *
pd_diary_model_lookup_day (PdDiaryModel *self,
                           guint32       day)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  return g_hash_table_lookup (self->day_index, GUINT_TO_POINTER (day));
}

GObject *
pd_diary_model_lookup (PdDiaryModel *self,
                       PdRecordKind  kind,
                       const char   *id)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return _pd_id_index_lookup (self->ids[kind], id);
}

PdDiaryData *
pd_diary_model_dup_data (PdDiaryModel *self)
{
  PdDiaryData *data;

  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);

  data = g_new0 (PdDiaryData, 1);
  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    *_pd_diary_data_array (data, kind) = g_ptr_array_copy (pd_object_list_get_array (self->lists[kind]),
                                                 (GCopyFunc) (void (*) (void)) g_object_ref,
                                                 NULL);
  for (guint i = 0; i < N_OUTCOMES; i++)
    if (self->outcomes[i] != NULL)
      *_pd_diary_data_outcomes (data, i) = g_ptr_array_ref (self->outcomes[i]);
  return data;
}

PdDiaryData *
pd_diary_model_ref_data (PdDiaryModel *self)
{
  PdDiaryData *data;

  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);

  data = g_new0 (PdDiaryData, 1);
  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    *_pd_diary_data_array (data, kind) = g_ptr_array_ref (pd_object_list_get_array (self->lists[kind]));
  for (guint i = 0; i < N_OUTCOMES; i++)
    if (self->outcomes[i] != NULL)
      *_pd_diary_data_outcomes (data, i) = g_ptr_array_ref (self->outcomes[i]);
  return data;
}

gboolean
pd_diary_model_reload_outcomes (PdDiaryModel  *self,
                                GError       **error)
{
  GPtrArray *read[N_OUTCOMES] = { NULL };

  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), FALSE);

  read[0] = pd_database_list_function_activities (self->writer, error);
  if (read[0] != NULL)
    read[1] = pd_database_list_function_ratings (self->writer, G_MININT64, G_MAXINT64, error);
  if (read[1] != NULL)
    read[2] = pd_database_list_impressions (self->writer, G_MININT64, G_MAXINT64, error);
  if (read[2] == NULL)
    {
      for (guint i = 0; i < N_OUTCOMES; i++)
        g_clear_pointer (&read[i], g_ptr_array_unref);
      return FALSE;
    }
  for (guint i = 0; i < N_OUTCOMES; i++)
    {
      g_clear_pointer (&self->outcomes[i], g_ptr_array_unref);
      self->outcomes[i] = read[i];
    }
  _pd_diary_model_emit_outcomes_changed (self);
  return TRUE;
}

PdDatabase *
pd_diary_model_get_database (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), NULL);
  return self->writer;
}

gboolean
pd_diary_model_is_read_only (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), TRUE);
  return pd_database_is_read_only (self->writer);
}

gboolean
pd_diary_model_is_loaded (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), FALSE);
  return self->loaded;
}

gboolean
pd_diary_model_is_complete (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), FALSE);
  return self->complete;
}

guint32
pd_diary_model_get_today (PdDiaryModel *self)
{
  g_return_val_if_fail (PD_IS_DIARY_MODEL (self), 0);
  return self->today;
}

void
pd_diary_model_set_today (PdDiaryModel *self,
                          guint32       today)
{
  g_return_if_fail (PD_IS_DIARY_MODEL (self));

  if (self->today == today)
    return;
  self->today = today;
  _pd_diary_model_update_due (self);
  g_object_notify_by_pspec (G_OBJECT (self), _pd_diary_model_properties[PD_DIARY_MODEL_PROP_TODAY]);
}

/* Construction */

static void
pd_diary_model_constructed (GObject *object)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (pd_diary_model_parent_class)->constructed (object);

  g_assert (PD_IS_DATABASE (self->writer));
  if (!pd_database_is_read_only (self->writer))
    self->reader = pd_database_open_reader (self->writer, &error);
  if (self->reader == NULL)
    {
      /* Read-only (nothing writes, so nothing waits) or in memory: one connection. */
      if (error != NULL)
        g_debug ("Loads share the writer's connection: %s", error->message);
      self->reader = g_object_ref (self->writer);
    }
}

void
pd_diary_model_close (PdDiaryModel *self)
{
  g_return_if_fail (PD_IS_DIARY_MODEL (self));

  pd_diary_model_cancel_loads (self);
  /* Queued writes still run; their results reach the main context later. */
  if (self->writes != NULL)
    g_thread_pool_free (g_steal_pointer (&self->writes), FALSE, TRUE);
  /* The reader is the model's own unless it shares the writer's connection. */
  if (self->reader != NULL && self->reader != self->writer)
    pd_database_close (self->reader);
}

static void
pd_diary_model_dispose (GObject *object)
{
  pd_diary_model_close (PD_DIARY_MODEL (object));
  G_OBJECT_CLASS (pd_diary_model_parent_class)->dispose (object);
}

static void
pd_diary_model_finalize (GObject *object)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);

  for (guint i = 0; i < N_KINDS; i++)
    {
      g_clear_pointer (&self->ids[i], g_ptr_array_unref);
      g_clear_object (&self->lists[i]);
    }
  for (guint i = 0; i < N_OUTCOMES; i++)
    g_clear_pointer (&self->outcomes[i], g_ptr_array_unref);
  g_clear_pointer (&self->day_index, g_hash_table_unref);
  g_clear_object (&self->days);
  g_clear_object (&self->due);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->replay, g_ptr_array_unref);
  g_clear_object (&self->load_task);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->reader);
  g_clear_object (&self->writer);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (pd_diary_model_parent_class)->finalize (object);
}

static void
pd_diary_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);

  switch (prop_id)
    {
    case PD_DIARY_MODEL_PROP_DATABASE:
      g_value_set_object (value, self->writer);
      break;
    case PD_DIARY_MODEL_PROP_TODAY:
      g_value_set_uint (value, self->today);
      break;
    case PD_DIARY_MODEL_PROP_CAN_UNDO:
      g_value_set_boolean (value, self->undo->len > 0);
      break;
    case PD_DIARY_MODEL_PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PD_DIARY_MODEL_PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_diary_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdDiaryModel *self = PD_DIARY_MODEL (object);

  switch (prop_id)
    {
    case PD_DIARY_MODEL_PROP_DATABASE:
      self->writer = g_value_dup_object (value);
      break;
    case PD_DIARY_MODEL_PROP_TODAY:
      pd_diary_model_set_today (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_diary_model_class_init (PdDiaryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pd_diary_model_constructed;
  object_class->dispose = pd_diary_model_dispose;
  object_class->finalize = pd_diary_model_finalize;
  object_class->get_property = pd_diary_model_get_property;
  object_class->set_property = pd_diary_model_set_property;

  _pd_diary_model_properties[PD_DIARY_MODEL_PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, PD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  _pd_diary_model_properties[PD_DIARY_MODEL_PROP_TODAY] =
    g_param_spec_uint ("today", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pd_diary_model_properties[PD_DIARY_MODEL_PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  _pd_diary_model_properties[PD_DIARY_MODEL_PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The lists hold the whole diary, not only the last days (pd_diary_model_load_recent_async). */
  _pd_diary_model_properties[PD_DIARY_MODEL_PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PD_DIARY_MODEL_N_PROPS,
                                     _pd_diary_model_properties);

  /* The whole diary was (re)read and every list replaced. */
  _pd_diary_model_signals[PD_DIARY_MODEL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* (guint kinds: PD_DIARY_KIND_BIT mask, const char *id or NULL for many,
   *  PdDiaryChange change), after the lists changed. */
  _pd_diary_model_signals[PD_DIARY_MODEL_RECORDS_CHANGED] =
    g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_INT);
  /* The spine outcomes were read again (pd_diary_model_reload_outcomes). */
  _pd_diary_model_signals[PD_DIARY_MODEL_OUTCOMES_CHANGED] =
    g_signal_new ("outcomes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* (GError *error): an operation failed; its _finish returns the same error. Pages show
   * it without asking the window. */
  _pd_diary_model_signals[PD_DIARY_MODEL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pd_diary_model_init (PdDiaryModel *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->writes = g_thread_pool_new (_pd_diary_model_write_thread, NULL, 1, FALSE, NULL);
  for (PdRecordKind kind = 0; kind < N_KINDS; kind++)
    {
      self->lists[kind] = pd_object_list_new (kind == PD_RECORD_PAIN ? PD_TYPE_PAIN_ENTRY :
                                              kind == PD_RECORD_MEDICATION ? PD_TYPE_MEDICATION :
                                              kind == PD_RECORD_DOSE ? PD_TYPE_DOSE :
                                              kind == PD_RECORD_ACTIVITY ? PD_TYPE_ACTIVITY :
                                              PD_TYPE_EVENT,
                                              _pd_record_compare_for (kind), NULL);
      self->ids[kind] = g_ptr_array_new ();
    }
  self->days = pd_object_list_new (PD_TYPE_DIARY_DAY, _pd_day_compare, NULL);
  self->day_index = g_hash_table_new (NULL, NULL);
  self->due = g_list_store_new (PD_TYPE_DUE_ITEM);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) _pd_undo_entry_free);
  self->today = pd_local_today (NULL);
}

PdDiaryModel *
pd_diary_model_new_for_database (PdDatabase *database)
{
  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  return g_object_new (PD_TYPE_DIARY_MODEL, "database", database, NULL);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PdDatabaseFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "pd-flags"));
  GError *error = NULL;
  PdDatabase *db = pd_database_open (task_data, flags, &error);

  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

void
pd_diary_model_open_async (const char          *path,
                           PdDatabaseFlags      flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_diary_model_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "pd-flags", GUINT_TO_POINTER (flags));
  g_task_run_in_thread (task, open_thread);
}

PdDiaryModel *
pd_diary_model_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(PdDatabase) db = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_diary_model_open_async,
                        NULL);

  db = g_task_propagate_pointer (G_TASK (result), error);
  return db != NULL ? pd_diary_model_new_for_database (db) : NULL;
}
