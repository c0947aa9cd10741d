/* pd-due-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-due-item.h"

struct _PdDueItem
{
  GObject parent_instance;

  PdMedication *medication;
  guint minute;
  PdDueState state;
  PdDose *dose;
};

G_DEFINE_FINAL_TYPE (PdDueItem, pd_due_item, G_TYPE_OBJECT)

static void
pd_due_item_finalize (GObject *object)
{
  PdDueItem *self = PD_DUE_ITEM (object);

  g_clear_object (&self->medication);
  g_clear_object (&self->dose);
  G_OBJECT_CLASS (pd_due_item_parent_class)->finalize (object);
}

static void
pd_due_item_class_init (PdDueItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_due_item_finalize;
}

static void
pd_due_item_init (PdDueItem *self)
{
}

PdDueItem *
pd_due_item_new (PdDueDose *due)
{
  PdDueItem *self;

  g_return_val_if_fail (due != NULL, NULL);

  self = g_object_new (PD_TYPE_DUE_ITEM, NULL);
  self->medication = g_steal_pointer (&due->medication);
  self->dose = g_steal_pointer (&due->dose);
  self->minute = due->minute;
  self->state = due->state;
  pd_due_dose_free (due);
  return self;
}

PdMedication *
pd_due_item_get_medication (PdDueItem *self)
{
  g_return_val_if_fail (PD_IS_DUE_ITEM (self), NULL);
  return self->medication;
}

guint
pd_due_item_get_minute (PdDueItem *self)
{
  g_return_val_if_fail (PD_IS_DUE_ITEM (self), 0);
  return self->minute;
}

PdDueState
pd_due_item_get_state (PdDueItem *self)
{
  g_return_val_if_fail (PD_IS_DUE_ITEM (self), PD_DUE_PENDING);
  return self->state;
}

PdDose *
pd_due_item_get_dose (PdDueItem *self)
{
  g_return_val_if_fail (PD_IS_DUE_ITEM (self), NULL);
  return self->dose;
}

gboolean
pd_due_item_equal (PdDueItem *self,
                   PdDueItem *other)
{
  g_return_val_if_fail (PD_IS_DUE_ITEM (self), FALSE);
  g_return_val_if_fail (PD_IS_DUE_ITEM (other), FALSE);

  return self->medication == other->medication && self->minute == other->minute &&
         self->state == other->state && self->dose == other->dose;
}
