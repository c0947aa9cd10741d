/* pd-dose.h: one logged dose (taken or skipped)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_DOSE (pd_dose_get_type ())

G_DECLARE_FINAL_TYPE (PdDose, pd_dose, PD, DOSE, GObject)

typedef enum
{
  PD_DOSE_TAKEN,
  PD_DOSE_SKIPPED,
} PdDoseStatus;

/* PD_TAG-like bit masks of side effects; keys "drowsiness", "nausea", "constipation",
 * "dizziness", "dry_mouth", "other" in this order. */
guint        pd_side_effect_count        (void);
const char  *pd_side_effect_key          (guint index);
const char  *pd_side_effect_label        (guint index);

#define PD_NO_SCHEDULED_TIME G_MAXUINT

PdDose      *pd_dose_new                 (void);
PdDose      *pd_dose_copy                (PdDose      *self);
/* Amount > 0 and at most pd_dose_unit_max_amount (unit), known unit, non-empty name,
 * valid UUID and offset, note within limits. */
gboolean     pd_dose_validate            (PdDose      *self,
                                          GError     **error);

const char  *pd_dose_get_id              (PdDose      *self);
void         pd_dose_set_id              (PdDose      *self,
                                          const char  *id);
/* The regimen medication, or NULL for a dose of something not in the regimen. */
const char  *pd_dose_get_medication_id   (PdDose      *self);
void         pd_dose_set_medication_id   (PdDose      *self,
                                          const char  *id);
/* The medication's name as logged (kept also when the regimen changes). */
const char  *pd_dose_get_name            (PdDose      *self);
void         pd_dose_set_name            (PdDose      *self,
                                          const char  *name);
gint64       pd_dose_get_time            (PdDose      *self);
int          pd_dose_get_utc_offset      (PdDose      *self);
void         pd_dose_set_time            (PdDose      *self,
                                          gint64       unix_time,
                                          int          utc_offset);
void         pd_dose_set_date_time       (PdDose      *self,
                                          GDateTime   *date_time);
guint32      pd_dose_get_local_day       (PdDose      *self);
double       pd_dose_get_amount          (PdDose      *self);
void         pd_dose_set_amount          (PdDose      *self,
                                          double       amount);
const char  *pd_dose_get_unit            (PdDose      *self);
void         pd_dose_set_unit            (PdDose      *self,
                                          const char  *unit);
PdDoseStatus pd_dose_get_status          (PdDose      *self);
void         pd_dose_set_status          (PdDose      *self,
                                          PdDoseStatus status);
/* Which scheduled time (minutes after local midnight) this dose answers, or
 * PD_NO_SCHEDULED_TIME for an as-needed or extra dose. */
guint        pd_dose_get_scheduled_time  (PdDose      *self);
void         pd_dose_set_scheduled_time  (PdDose      *self,
                                          guint        minutes);
guint32      pd_dose_get_side_effects    (PdDose      *self);
void         pd_dose_set_side_effects    (PdDose      *self,
                                          guint32      mask);
const char  *pd_dose_get_note            (PdDose      *self);
void         pd_dose_set_note            (PdDose      *self,
                                          const char  *note);
gint64       pd_dose_get_created         (PdDose      *self);
gint64       pd_dose_get_updated         (PdDose      *self);
void         pd_dose_set_stamps          (PdDose      *self,
                                          gint64       created,
                                          gint64       updated);

G_END_DECLS
