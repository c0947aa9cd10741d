/* pd-medication.h: one medication of the patient's regimen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pd-dose.h"

G_BEGIN_DECLS

#define PD_TYPE_MEDICATION (pd_medication_get_type ())

G_DECLARE_FINAL_TYPE (PdMedication, pd_medication, PD, MEDICATION, GObject)

PdMedication *pd_medication_new                (void);
/* Filled from the catalogue entry with that key (name, class, form, usual amount and unit,
 * MME factor, maximum daily amount); NULL for an unknown key. */
PdMedication *pd_medication_new_from_catalogue (const char    *key);
PdMedication *pd_medication_copy               (PdMedication  *self);
/* A new dose of this medication: its id, name, usual amount and unit (no id or time yet). */
PdDose       *pd_medication_new_dose           (PdMedication  *self);
gboolean      pd_medication_validate           (PdMedication  *self,
                                                GError       **error);

const char   *pd_medication_get_id             (PdMedication  *self);
void          pd_medication_set_id             (PdMedication  *self,
                                                const char    *id);
const char   *pd_medication_get_name           (PdMedication  *self);
void          pd_medication_set_name           (PdMedication  *self,
                                                const char    *name);
/* Catalogue key, or NULL for a custom medication. */
const char   *pd_medication_get_catalogue_key  (PdMedication  *self);
void          pd_medication_set_catalogue_key  (PdMedication  *self,
                                                const char    *key);
const char   *pd_medication_get_drug_class     (PdMedication  *self);
void          pd_medication_set_drug_class     (PdMedication  *self,
                                                const char    *drug_class);
const char   *pd_medication_get_form           (PdMedication  *self);
void          pd_medication_set_form           (PdMedication  *self,
                                                const char    *form);
double        pd_medication_get_amount         (PdMedication  *self);
void          pd_medication_set_amount         (PdMedication  *self,
                                                double         amount);
const char   *pd_medication_get_unit           (PdMedication  *self);
/* The name with the usual amount, as a person reads it: "Gabapentin 300 mg", "Percocet 5/325
 * 2 tablets"; the name alone without an amount. */
char         *pd_medication_dose_text          (PdMedication  *self);
void          pd_medication_set_unit           (PdMedication  *self,
                                                const char    *unit);
/* Scheduled local times of day, as minutes after midnight, ascending; empty: as needed. */
const GArray *pd_medication_get_schedule       (PdMedication  *self);
void          pd_medication_set_schedule       (PdMedication  *self,
                                                const guint   *minutes,
                                                guint          n_times);
gboolean      pd_medication_is_as_needed       (PdMedication  *self);
/* "08:00;20:00" and back; FALSE with an error for anything else. */
char         *pd_medication_dup_schedule_string (PdMedication *self);
gboolean      pd_medication_set_schedule_string (PdMedication *self,
                                                 const char   *schedule,
                                                 GError      **error);
/* Local dates as Julian day numbers (g_date_get_julian); stop 0 = still taken. */
guint32       pd_medication_get_start_day      (PdMedication  *self);
void          pd_medication_set_start_day      (PdMedication  *self,
                                                guint32        day);
guint32       pd_medication_get_stop_day       (PdMedication  *self);
void          pd_medication_set_stop_day       (PdMedication  *self,
                                                guint32        day);
/* Taken on that local day: start <= day and (no stop or day <= stop). */
gboolean      pd_medication_is_active_on       (PdMedication  *self,
                                                guint32        day);
double        pd_medication_get_mme_factor     (PdMedication  *self);
void          pd_medication_set_mme_factor     (PdMedication  *self,
                                                double         factor);
/* Maximum per local day in the medication's unit; 0: none known. */
double        pd_medication_get_max_daily      (PdMedication  *self);
void          pd_medication_set_max_daily      (PdMedication  *self,
                                                double         amount);
/* Reminders for its scheduled doses (issue 6); on by default. */
gboolean      pd_medication_get_reminders      (PdMedication  *self);
void          pd_medication_set_reminders      (PdMedication  *self,
                                                gboolean       enabled);
/* Marked prescribed by the patient (ibuprofen, naproxen: the prescribed maximum applies). */
gboolean      pd_medication_get_prescribed     (PdMedication  *self);
void          pd_medication_set_prescribed     (PdMedication  *self,
                                                gboolean       prescribed);
const char   *pd_medication_get_notes          (PdMedication  *self);
void          pd_medication_set_notes          (PdMedication  *self,
                                                const char    *notes);
gint64        pd_medication_get_created        (PdMedication  *self);
gint64        pd_medication_get_updated        (PdMedication  *self);
void          pd_medication_set_stamps         (PdMedication  *self,
                                                gint64         created,
                                                gint64         updated);

G_END_DECLS
