/* pd-fhir.h: the FHIR R4 export of DESIGN.md (a public format)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One Bundle of type "collection", valid against the official FHIR R4 JSON schema:
 * - Patient, only when the diary names the patient (meta "patient_name");
 * - MedicationStatement per regimen medication taken within the range;
 * - per pain entry an Observation (LOINC 72514-3) and, when it rates an interference item,
 *   a PEG panel Observation (LOINC 91148-7); per ISO week a PEG score Observation
 *   (LOINC 91147-9);
 * - MedicationAdministration per dose (taken: completed, skipped: not-done);
 * - Procedure per surgery, injection, procedure or stimulator event.
 * A resource's id is its record's UUID (with "-peg" for an entry's PEG panel; a week's
 * score is "peg-week-" and its Monday), so a re-export names the same resources. The same
 * diary gives the same bytes: nothing depends on the clock or the locale.
 */

#pragma once

#include <gio/gio.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* The Bundle of the records whose local date lies in from_day..to_day (Julian days,
 * inclusive; 0 for no bound). patient_name: NULL or empty for no Patient resource.
 * n_resources (may be NULL) receives the number of entries. */
GBytes   *pd_fhir_export              (PdDiaryData         *data,
                                       const char          *patient_name,
                                       guint32              from_day,
                                       guint32              to_day,
                                       guint               *n_resources);

/* Loads the diary and writes its Bundle to path (mode 0600, atomically) off the main
 * thread. */
void      pd_fhir_export_file_async   (PdDatabase          *db,
                                       const char          *path,
                                       guint32              from_day,
                                       guint32              to_day,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The number of resources written. */
gboolean  pd_fhir_export_file_finish  (GAsyncResult        *result,
                                       guint               *n_resources,
                                       GError             **error);

G_END_DECLS
