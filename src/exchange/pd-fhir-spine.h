/* pd-fhir-spine.h: the FHIR R4 resources of the spine outcomes, as Bundle entries for the
 * FHIR export to add: back and leg pain Observations, and QuestionnaireResponses for the
 * Patient-Specific Functional Scale and the Patient Global Impression of Change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pd-database-spine.h"

G_BEGIN_DECLS

/* The questionnaires the responses answer (canonical URIs, no network address). */
#define PD_FHIR_PSFS_QUESTIONNAIRE "urn:io.github.paindiary:questionnaire:psfs"
#define PD_FHIR_PGIC_QUESTIONNAIRE "urn:io.github.paindiary:questionnaire:pgic"

/* Each adds whole Bundle entries ({"fullUrl": "urn:uuid:…", "resource": {…}}) to builder,
 * which must be inside an array (the Bundle's "entry"), and returns how many. patient_reference:
 * the subject, e.g. "urn:uuid:…" of the Bundle's Patient, or NULL when there is none.
 *
 * Back and leg pain: one Observation each that the entry gives (LOINC 72514-3 with a
 * bodySite), ids derived from the entry's UUID so that a re-export names the same ones. */
guint pd_fhir_spine_add_back_leg        (JsonBuilder      *builder,
                                         PdPainEntry      *entry,
                                         const char       *patient_reference);
/* One QuestionnaireResponse per rating (its UUID): the activity in the patient's words and
 * the ability 0-10. */
guint pd_fhir_spine_add_function_rating (JsonBuilder      *builder,
                                         PdFunctionRating *rating,
                                         const char       *activity_name,
                                         const char       *patient_reference);
/* One QuestionnaireResponse per impression: what it is about (event_title, NULL for overall)
 * and the answer as a coding 1-7 with its words. */
guint pd_fhir_spine_add_impression      (JsonBuilder      *builder,
                                         PdImpression     *impression,
                                         const char       *event_title,
                                         const char       *patient_reference);

/* A UUID derived from another and a salt (name-based, version 5 layout): stable ids for
 * the resources one record gives. */
char *pd_fhir_spine_derive_uuid         (const char       *uuid,
                                         const char       *salt);

G_END_DECLS
