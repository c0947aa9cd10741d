/* pd-dose.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-dose"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-catalogue-private.h"
#include "pd-dose.h"
#include "pd-error.h"
#include "pd-types.h"

#define MINUTES_PER_DAY (24 * 60)

typedef struct
{
  const char *key;
  const char *label;
} PdSideEffect;

static const PdSideEffect side_effects[] = {
  { "drowsiness", N_("Drowsiness") },
  { "nausea", N_("Nausea") },
  { "constipation", N_("Constipation") },
  { "dizziness", N_("Dizziness") },
  { "dry_mouth", N_("Dry mouth") },
  { "other", N_("Other") },
};

struct _PdDose
{
  GObject parent_instance;

  PdRecordId id;
  char *medication_id;
  char *name;
  gint64 time;
  int utc_offset;
  guint32 side_effects;   /* beside utc_offset, so that the struct has no padding */
  double amount;
  char *unit;
  PdDoseStatus status;
  guint scheduled_time;
  char *note;
  gint64 created;
  gint64 updated;
};

G_DEFINE_FINAL_TYPE (PdDose, pd_dose, G_TYPE_OBJECT)

guint
pd_side_effect_count (void)
{
  return G_N_ELEMENTS (side_effects);
}

const char *
pd_side_effect_key (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (side_effects), NULL);
  return side_effects[index].key;
}

const char *
pd_side_effect_label (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (side_effects), NULL);
  return g_dgettext (GETTEXT_PACKAGE, side_effects[index].label);
}

static void
pd_dose_finalize (GObject *object)
{
  PdDose *self = (PdDose *) object;

  pd_record_id_clear (&self->id);
  pd_shared_text_clear (&self->medication_id);
  pd_shared_text_clear (&self->name);
  pd_shared_text_clear (&self->unit);
  pd_text_clear (&self->note);

  G_OBJECT_CLASS (pd_dose_parent_class)->finalize (object);
}

static void
pd_dose_class_init (PdDoseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_dose_finalize;
}

static void
pd_dose_init (PdDose *self)
{
  /* The id is drawn on first use, as for pain entries. */
  self->name = pd_empty_text;
  pd_shared_text_set (&self->unit, "mg");
  self->status = PD_DOSE_TAKEN;
  self->scheduled_time = PD_NO_SCHEDULED_TIME;
  self->note = pd_empty_text;
  pd_local_now (&self->time, &self->utc_offset);
}

PdDose *
pd_dose_new (void)
{
  return g_object_new (PD_TYPE_DOSE, NULL);
}

PdDose *
pd_dose_copy (PdDose *self)
{
  PdDose *copy;

  g_return_val_if_fail (PD_IS_DOSE (self), NULL);

  copy = pd_dose_new ();
  pd_dose_set_id (copy, pd_dose_get_id (self));
  pd_dose_set_medication_id (copy, self->medication_id);
  pd_dose_set_name (copy, self->name);
  copy->time = self->time;
  copy->utc_offset = self->utc_offset;
  copy->amount = self->amount;
  pd_dose_set_unit (copy, self->unit);
  copy->status = self->status;
  copy->scheduled_time = self->scheduled_time;
  copy->side_effects = self->side_effects;
  pd_dose_set_note (copy, self->note);
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

gboolean
pd_dose_validate (PdDose  *self,
                  GError **error)
{
  g_return_val_if_fail (PD_IS_DOSE (self), FALSE);

  if (!pd_check_id (pd_dose_get_id (self), error))
    return FALSE;
  if (self->medication_id != NULL && !g_uuid_string_is_valid (self->medication_id))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("medication_id: “%s” is not a UUID"),
                   self->medication_id);
      return FALSE;
    }
  if (!pd_check_name ("name", self->name, PD_MAX_NAME_LENGTH, error) ||
      !pd_check_utc_offset (self->utc_offset, error) ||
      !pd_catalogue_check_amount (self->amount, self->unit, error))
    return FALSE;
  if (self->status != PD_DOSE_TAKEN && self->status != PD_DOSE_SKIPPED)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("status: %d is not a known status"),
                   (int) self->status);
      return FALSE;
    }
  if (self->scheduled_time != PD_NO_SCHEDULED_TIME && self->scheduled_time >= MINUTES_PER_DAY)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("scheduled_time: %u minutes after midnight is not a time of day"),
                   self->scheduled_time);
      return FALSE;
    }
  if ((self->side_effects >> G_N_ELEMENTS (side_effects)) != 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("side_effects: unknown value"));
      return FALSE;
    }
  return pd_check_text ("note", self->note, PD_MAX_NOTE_LENGTH, error);
}

const char *
pd_dose_get_id (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), NULL);
  return pd_record_id_get (&self->id);
}

void
pd_dose_set_id (PdDose     *self,
                const char *id)
{
  g_return_if_fail (PD_IS_DOSE (self));
  g_return_if_fail (id != NULL);
  pd_record_id_set (&self->id, id);
}

const char *
pd_dose_get_medication_id (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), NULL);
  return self->medication_id;
}

void
pd_dose_set_medication_id (PdDose     *self,
                           const char *id)
{
  g_return_if_fail (PD_IS_DOSE (self));
  g_autofree char *lower = NULL;

  if (self->medication_id == id)
    return;
  if (id != NULL && *id != '\0')
    lower = pd_dup_id (id);
  pd_shared_text_set (&self->medication_id, lower);
  /* No medication is NULL, not an empty text. */
  if (lower == NULL)
    self->medication_id = NULL;
}

const char *
pd_dose_get_name (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), NULL);
  return self->name;
}

void
pd_dose_set_name (PdDose     *self,
                  const char *name)
{
  g_return_if_fail (PD_IS_DOSE (self));
  pd_shared_text_set (&self->name, name);
}

gint64
pd_dose_get_time (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), 0);
  return self->time;
}

int
pd_dose_get_utc_offset (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), 0);
  return self->utc_offset;
}

void
pd_dose_set_time (PdDose *self,
                  gint64  unix_time,
                  int     utc_offset)
{
  g_return_if_fail (PD_IS_DOSE (self));
  self->time = unix_time;
  self->utc_offset = utc_offset;
}

void
pd_dose_set_date_time (PdDose    *self,
                       GDateTime *date_time)
{
  g_return_if_fail (PD_IS_DOSE (self));
  g_return_if_fail (date_time != NULL);
  pd_dose_set_time (self, g_date_time_to_unix (date_time),
                    (int) (g_date_time_get_utc_offset (date_time) / G_TIME_SPAN_SECOND));
}

guint32
pd_dose_get_local_day (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), 0);
  return pd_local_day (self->time, self->utc_offset);
}

double
pd_dose_get_amount (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), 0);
  return self->amount;
}

void
pd_dose_set_amount (PdDose *self,
                    double  amount)
{
  g_return_if_fail (PD_IS_DOSE (self));
  self->amount = amount;
}

const char *
pd_dose_get_unit (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), NULL);
  return self->unit;
}

void
pd_dose_set_unit (PdDose     *self,
                  const char *unit)
{
  g_return_if_fail (PD_IS_DOSE (self));
  pd_shared_text_set (&self->unit, unit);
}

PdDoseStatus
pd_dose_get_status (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), PD_DOSE_TAKEN);
  return self->status;
}

void
pd_dose_set_status (PdDose       *self,
                    PdDoseStatus  status)
{
  g_return_if_fail (PD_IS_DOSE (self));
  self->status = status;
}

guint
pd_dose_get_scheduled_time (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), PD_NO_SCHEDULED_TIME);
  return self->scheduled_time;
}

void
pd_dose_set_scheduled_time (PdDose *self,
                            guint   minutes)
{
  g_return_if_fail (PD_IS_DOSE (self));
  self->scheduled_time = minutes;
}

guint32
pd_dose_get_side_effects (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), 0);
  return self->side_effects;
}

void
pd_dose_set_side_effects (PdDose  *self,
                          guint32  mask)
{
  g_return_if_fail (PD_IS_DOSE (self));
  self->side_effects = mask;
}

const char *
pd_dose_get_note (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), NULL);
  return self->note;
}

void
pd_dose_set_note (PdDose     *self,
                  const char *note)
{
  g_return_if_fail (PD_IS_DOSE (self));
  pd_text_set (&self->note, note);
}

gint64
pd_dose_get_created (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), 0);
  return self->created;
}

gint64
pd_dose_get_updated (PdDose *self)
{
  g_return_val_if_fail (PD_IS_DOSE (self), 0);
  return self->updated;
}

void
pd_dose_set_stamps (PdDose *self,
                    gint64  created,
                    gint64  updated)
{
  g_return_if_fail (PD_IS_DOSE (self));
  self->created = created;
  self->updated = updated;
}
