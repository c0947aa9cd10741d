/* pd-fhir-spine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-fhir"

#include "config.h"


#include "pd-fhir-spine.h"
#include "pd-spine.h"
#include "pd-types.h"

#define LOINC "http://loinc.org"
#define SNOMED "http://snomed.info/sct"
#define PAIN_NRS_CODE "72514-3"
#define PAIN_NRS_DISPLAY "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
#define PGIC_SYSTEM "urn:io.github.paindiary:codesystem:pgic"

char *
pd_fhir_spine_derive_uuid (const char *uuid,
                           const char *salt)
{
  g_autofree char *name = g_strconcat (uuid, ":", salt, NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;   /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/* "2024-03-01T12:00:00+01:00": the local time with its own offset. */
static char *
format_date_time (gint64 time,
                  int    utc_offset)
{
  g_autoptr(GDateTime) local = pd_date_time_new_at_offset (time, utc_offset);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
begin_entry (JsonBuilder *builder,
             const char  *id,
             const char  *resource_type)
{
  g_autofree char *url = g_strconcat ("urn:uuid:", id, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fullUrl");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "resource");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceType");
  json_builder_add_string_value (builder, resource_type);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
}

static void
end_entry (JsonBuilder *builder)
{
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* Without a Patient resource (reference NULL) the subject only says whose diary it is, as
 * in the rest of the Bundle. */
static void
add_reference (JsonBuilder *builder,
               const char  *member,
               const char  *reference)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, reference != NULL ? "reference" : "display");
  json_builder_add_string_value (builder, reference != NULL ? reference : "Pain Diary patient");
  json_builder_end_object (builder);
}

/* {"coding": [{"system", "code", "display"}], "text"} */
static void
add_concept (JsonBuilder *builder,
             const char  *member,
             const char  *system,
             const char  *code,
             const char  *display)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "coding");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder, system);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "display");
  json_builder_add_string_value (builder, display);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, display);
  json_builder_end_object (builder);
}

static void
add_observation_category (JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "category");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "coding");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder,
                                 "http://terminology.hl7.org/CodeSystem/observation-category");
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, "survey");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static void
add_site_observation (JsonBuilder *builder,
                      PdPainEntry *entry,
                      const char  *salt,
                      const char  *site_code,
                      const char  *site_display,
                      int          score,
                      const char  *patient_reference)
{
  g_autofree char *id = pd_fhir_spine_derive_uuid (pd_pain_entry_get_id (entry), salt);
  g_autofree char *when = format_date_time (pd_pain_entry_get_time (entry),
                                            pd_pain_entry_get_utc_offset (entry));

  begin_entry (builder, id, "Observation");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "final");
  add_observation_category (builder);
  add_concept (builder, "code", LOINC, PAIN_NRS_CODE, PAIN_NRS_DISPLAY);
  add_reference (builder, "subject", patient_reference);
  json_builder_set_member_name (builder, "effectiveDateTime");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "valueInteger");
  json_builder_add_int_value (builder, score);
  add_concept (builder, "bodySite", SNOMED, site_code, site_display);
  end_entry (builder);
}

guint
pd_fhir_spine_add_back_leg (JsonBuilder *builder,
                            PdPainEntry *entry,
                            const char  *patient_reference)
{
  guint n = 0;

  g_return_val_if_fail (JSON_IS_BUILDER (builder), 0);
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (entry), 0);

  if (pd_pain_entry_get_back_pain (entry) >= 0)
    {
      add_site_observation (builder, entry, "back-pain", "37931006", "Structure of low back",
                            pd_pain_entry_get_back_pain (entry), patient_reference);
      n++;
    }
  if (pd_pain_entry_get_leg_pain (entry) >= 0)
    {
      add_site_observation (builder, entry, "leg-pain", "61685007", "Lower limb structure",
                            pd_pain_entry_get_leg_pain (entry), patient_reference);
      n++;
    }
  return n;
}

/* What heads a QuestionnaireResponse: its resource id, its questionnaire and when it was
 * given. */
typedef struct
{
  const char *id;
  const char *questionnaire;
  gint64 time;
  int utc_offset;
} Response;

static void
begin_response (JsonBuilder    *builder,
                const Response *response,
                const char     *patient_reference)
{
  g_autofree char *when = format_date_time (response->time, response->utc_offset);

  begin_entry (builder, response->id, "QuestionnaireResponse");
  json_builder_set_member_name (builder, "questionnaire");
  json_builder_add_string_value (builder, response->questionnaire);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "completed");
  add_reference (builder, "subject", patient_reference);
  if (patient_reference != NULL)
    add_reference (builder, "source", patient_reference);
  json_builder_set_member_name (builder, "authored");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "item");
  json_builder_begin_array (builder);
}

static void
end_response (JsonBuilder *builder)
{
  json_builder_end_array (builder);
  end_entry (builder);
}

/* One item: {"linkId", "text", "answer": [{<value_type>: …}]}; begin_item leaves the
 * answer object open for the value. */
static void
begin_item (JsonBuilder *builder,
            const char  *link_id,
            const char  *text)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "linkId");
  json_builder_add_string_value (builder, link_id);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "answer");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
}

static void
end_item (JsonBuilder *builder)
{
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

guint
pd_fhir_spine_add_function_rating (JsonBuilder      *builder,
                                   PdFunctionRating *rating,
                                   const char       *activity_name,
                                   const char       *patient_reference)
{
  g_return_val_if_fail (JSON_IS_BUILDER (builder), 0);
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (rating), 0);
  g_return_val_if_fail (activity_name != NULL, 0);

  begin_response (builder,
                  &(Response) { pd_function_rating_get_id (rating), PD_FHIR_PSFS_QUESTIONNAIRE,
                                pd_function_rating_get_time (rating),
                                pd_function_rating_get_utc_offset (rating) },
                  patient_reference);
  /* The questionnaire's own words stay English: they identify its items. */
  begin_item (builder, "activity", "An activity that is hard because of the problem");
  json_builder_set_member_name (builder, "valueString");
  json_builder_add_string_value (builder, activity_name);
  end_item (builder);
  begin_item (builder, "ability",
              "How able are you to do it (0 unable, 10 as before the problem)?");
  json_builder_set_member_name (builder, "valueInteger");
  json_builder_add_int_value (builder, pd_function_rating_get_score (rating));
  end_item (builder);
  end_response (builder);
  return 1;
}

/* The answers in English, as the questionnaire codes them; the app shows them translated. */
static const char * const pgic_answers[] = {
  "Very much improved", "Much improved", "Minimally improved", "No change",
  "Minimally worse", "Much worse", "Very much worse",
};

guint
pd_fhir_spine_add_impression (JsonBuilder  *builder,
                              PdImpression *impression,
                              const char   *event_title,
                              const char   *patient_reference)
{
  int score;
  char code[2];

  g_return_val_if_fail (JSON_IS_BUILDER (builder), 0);
  g_return_val_if_fail (PD_IS_IMPRESSION (impression), 0);

  score = CLAMP (pd_impression_get_score (impression), PD_PGIC_MIN, PD_PGIC_MAX);
  begin_response (builder,
                  &(Response) { pd_impression_get_id (impression), PD_FHIR_PGIC_QUESTIONNAIRE,
                                pd_impression_get_time (impression),
                                pd_impression_get_utc_offset (impression) },
                  patient_reference);
  begin_item (builder, "about", "The treatment the impression is about");
  json_builder_set_member_name (builder, "valueString");
  json_builder_add_string_value (builder, event_title != NULL && *event_title != '\0'
                                          ? event_title : "Overall");
  end_item (builder);
  begin_item (builder, "pgic", "Since the start of the treatment, overall, I am:");
  json_builder_set_member_name (builder, "valueCoding");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "system");
  json_builder_add_string_value (builder, PGIC_SYSTEM);
  code[0] = '0' + score;
  code[1] = '\0';
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "display");
  json_builder_add_string_value (builder, pgic_answers[score - 1]);
  json_builder_end_object (builder);
  end_item (builder);
  end_response (builder);
  return 1;
}
