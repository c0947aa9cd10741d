/* pd-diary-model-signals.c: the diary model's signals and properties, as the files of
 * PdDiaryModel emit and notify them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-diary-model-private.h"

GParamSpec *_pd_diary_model_properties[PD_DIARY_MODEL_N_PROPS];
guint _pd_diary_model_signals[PD_DIARY_MODEL_N_SIGNALS];

void
_pd_diary_model_emit_records_changed (PdDiaryModel  *self,
                                      guint          kinds,
                                      const char    *id,
                                      PdDiaryChange  change)
{
  g_signal_emit (self, _pd_diary_model_signals[PD_DIARY_MODEL_RECORDS_CHANGED], 0, kinds, id, change);
}

void
_pd_diary_model_emit_error (PdDiaryModel *self,
                            const GError *error)
{
  g_signal_emit (self, _pd_diary_model_signals[PD_DIARY_MODEL_ERROR], 0, error);
}

void
_pd_diary_model_emit_loaded (PdDiaryModel *self)
{
  g_signal_emit (self, _pd_diary_model_signals[PD_DIARY_MODEL_LOADED], 0);
}

void
_pd_diary_model_notify_can_undo (PdDiaryModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), _pd_diary_model_properties[PD_DIARY_MODEL_PROP_CAN_UNDO]);
}

void
_pd_diary_model_notify_loaded (PdDiaryModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), _pd_diary_model_properties[PD_DIARY_MODEL_PROP_LOADED]);
}

void
_pd_diary_model_notify_complete (PdDiaryModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), _pd_diary_model_properties[PD_DIARY_MODEL_PROP_COMPLETE]);
}

void
_pd_diary_model_emit_outcomes_changed (PdDiaryModel *self)
{
  g_signal_emit (self, _pd_diary_model_signals[PD_DIARY_MODEL_OUTCOMES_CHANGED], 0);
}
