/* test-fhir.c: the FHIR R4 Bundle's content (the schema is checked by test-fhir-cli)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "pd-fhir.h"
#include "pd-fhir-spine.h"
#include "record-builders.h"
#include "test-util.h"

#define ENTRY_A "0a000000-0000-4000-8000-00000000000a"
#define ENTRY_B "0b000000-0000-4000-8000-00000000000b"
#define ENTRY_C "0c000000-0000-4000-8000-00000000000c"
#define MED_ID  "1a000000-0000-4000-8000-00000000001a"
#define DOSE_1  "2a000000-0000-4000-8000-00000000002a"
#define DOSE_2  "2b000000-0000-4000-8000-00000000002b"
#define DOSE_3  "2c000000-0000-4000-8000-00000000002c"
#define SURGERY "3a000000-0000-4000-8000-00000000003a"
#define INJECT  "3b000000-0000-4000-8000-00000000003b"
#define APPOINT "3c000000-0000-4000-8000-00000000003c"
#define SOCKS   "4a000000-0000-4000-8000-00000000004a"
#define FILM    "4b000000-0000-4000-8000-00000000004b"
#define RATE_1  "5a000000-0000-4000-8000-00000000005a"
#define RATE_2  "5b000000-0000-4000-8000-00000000005b"
#define RATE_3  "5c000000-0000-4000-8000-00000000005c"
#define PGIC_1  "6a000000-0000-4000-8000-00000000006a"
#define PGIC_2  "6b000000-0000-4000-8000-00000000006b"

/* Unix time of a local time at a UTC offset in hours. */
static gint64
at (int y, int mo, int d, int h, int mi, int offset_hours)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (offset_hours * 3600);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static PdPainEntry *
entry_new (const char *id, gint64 time, int offset_hours, int pain, int e, int g, const char *note)
{
  PdPainEntry *entry = new_entry (time, offset_hours * 3600, pain, note);

  pd_pain_entry_set_id (entry, id);
  pd_pain_entry_set_enjoyment_interference (entry, e);
  pd_pain_entry_set_activity_interference (entry, g);
  return entry;
}

static PdDose *
dose_new (const char *id, const char *name, double amount, const char *unit, guint32 day,
          guint minute, PdDoseStatus status)
{
  PdDose *dose = test_dose_at (name, amount, unit, day, minute, 3600);

  pd_dose_set_id (dose, id);
  pd_dose_set_status (dose, status);
  return dose;
}

static PdEvent *
event_new (const char *id, const char *kind, const char *title, gint64 time)
{
  PdEvent *event = new_event (kind, title, time, 3600);

  pd_event_set_id (event, id);
  return event;
}

static void
reverse (GPtrArray *array)
{
  for (guint i = 0; i < array->len / 2; i++)
    {
      gpointer tmp = array->pdata[i];

      array->pdata[i] = array->pdata[array->len - 1 - i];
      array->pdata[array->len - 1 - i] = tmp;
    }
}

/* Across the change to summer time (2026-03-29 in Europe) and a trip to New York; the
 * arrays newest first, as the diary lists them. */
static PdDiaryData *
sample_data (gboolean reversed)
{
  PdDiaryData *data = g_new0 (PdDiaryData, 1);
  PdMedication *med = pd_medication_new ();
  const guint schedule[] = { 8 * 60, 20 * 60 };

  data->pain_entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (data->pain_entries, entry_new (ENTRY_C, at (2026, 3, 30, 23, 45, -5), -5, 2,
                                                  PD_UNSET, PD_UNSET, ""));
  g_ptr_array_add (data->pain_entries, entry_new (ENTRY_B, at (2026, 3, 29, 10, 15, 2), 2, 3,
                                                  PD_UNSET, PD_UNSET, ""));
  g_ptr_array_add (data->pain_entries, entry_new (ENTRY_A, at (2026, 3, 29, 1, 30, 1), 1, 6, 5, 4,
                                                  "Bad night, \"sharp\" <b>"));

  pd_medication_set_id (med, MED_ID);
  pd_medication_set_name (med, "Ibuprofen");
  pd_medication_set_amount (med, 400);
  pd_medication_set_unit (med, "mg");
  pd_medication_set_schedule (med, schedule, G_N_ELEMENTS (schedule));
  pd_medication_set_start_day (med, julian (2026, 3, 1));
  data->medications = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (data->medications, med);

  data->doses = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (data->doses, dose_new (DOSE_3, "Oxycodone", 7.5, "mg", julian (2026, 3, 29),
                                          22 * 60, PD_DOSE_TAKEN));
  g_ptr_array_add (data->doses, dose_new (DOSE_2, "Ibuprofen", 400, "mg", julian (2026, 3, 29),
                                          20 * 60, PD_DOSE_SKIPPED));
  g_ptr_array_add (data->doses, dose_new (DOSE_1, "Ibuprofen", 400, "mg", julian (2026, 3, 29),
                                          8 * 60, PD_DOSE_TAKEN));

  data->activities = g_ptr_array_new_with_free_func (g_object_unref);
  data->events = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (data->events, event_new (APPOINT, "appointment", "Pain clinic", at (2026, 3, 27, 9, 0, 1)));
  g_ptr_array_add (data->events, event_new (INJECT, "injection", "Epidural steroid injection",
                                            at (2026, 2, 10, 9, 0, 1)));
  g_ptr_array_add (data->events, event_new (SURGERY, "surgery", "Lumbar fusion L4-L5",
                                            at (2025, 11, 3, 7, 30, 1)));

  if (reversed)
    {
      reverse (data->pain_entries);
      reverse (data->doses);
      reverse (data->events);
    }
  return data;
}

/* The sample with spine outcomes: entry A back 5 and leg 7, entry B back 2; PSFS socks 4 and
 * film 6 on 2026-03-02 19:30, and a rating of an activity that is gone; PGIC 2 about the
 * injection on 2026-02-24 and 6 overall on 2026-03-28. */
static PdDiaryData *
spine_data (gboolean reversed)
{
  PdDiaryData *data = sample_data (reversed);
  PdFunctionActivity *socks = pd_function_activity_new ();
  PdFunctionActivity *film = pd_function_activity_new ();

  for (guint i = 0; i < data->pain_entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (data->pain_entries, i);

      if (g_str_equal (pd_pain_entry_get_id (entry), ENTRY_A))
        {
          pd_pain_entry_set_back_pain (entry, 5);
          pd_pain_entry_set_leg_pain (entry, 7);
        }
      else if (g_str_equal (pd_pain_entry_get_id (entry), ENTRY_B))
        pd_pain_entry_set_back_pain (entry, 2);
    }
  pd_function_activity_set_id (socks, SOCKS);
  pd_function_activity_set_name (socks, "Putting on socks");
  pd_function_activity_set_id (film, FILM);
  pd_function_activity_set_name (film, "Sitting through a film");
  data->function_activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (data->function_activities, socks);
  g_ptr_array_add (data->function_activities, film);
  data->function_ratings = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (data->function_ratings,
                   new_rating (RATE_3, "gone", at (2026, 3, 3, 8, 0, 1), 3600, 9));
  g_ptr_array_add (data->function_ratings,
                   new_rating (RATE_2, FILM, at (2026, 3, 2, 19, 30, 1), 3600, 6));
  g_ptr_array_add (data->function_ratings,
                   new_rating (RATE_1, SOCKS, at (2026, 3, 2, 19, 30, 1), 3600, 4));
  data->impressions = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (data->impressions,
                   new_impression (PGIC_2, NULL, at (2026, 3, 28, 18, 0, 1), 3600, 6));
  g_ptr_array_add (data->impressions,
                   new_impression (PGIC_1, INJECT, at (2026, 2, 24, 18, 0, 1), 3600, 2));
  if (reversed)
    {
      reverse (data->function_ratings);
      reverse (data->impressions);
    }
  return data;
}

static JsonNode *
parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  json_parser_load_from_data (parser, text, size, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The Bundle that pd_fhir_export makes of data (with the same arguments), parsed. */
static JsonNode *
export_root (PdDiaryData *data,
             const char  *patient_name,
             guint32      from_day,
             guint32      to_day,
             guint       *n_resources)
{
  g_autoptr(GBytes) bytes = pd_fhir_export (data, patient_name, from_day, to_day, n_resources);

  return parse (bytes);
}

/* The resources of one type, in Bundle order. */
static GPtrArray *
resources (JsonNode   *root,
           const char *type)
{
  JsonArray *entries = json_object_get_array_member (json_node_get_object (root), "entry");
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries, i),
                                                            "resource");

      if (g_strcmp0 (json_object_get_string_member (resource, "resourceType"), type) == 0)
        g_ptr_array_add (found, resource);
    }
  return found;
}

static guint
count (JsonNode   *root,
       const char *type)
{
  g_autoptr(GPtrArray) found = resources (root, type);

  return found->len;
}

static const char *
code_of (JsonObject *resource,
         const char *member)
{
  JsonObject *concept = json_object_get_object_member (resource, member);
  JsonArray *coding;

  if (!json_object_has_member (concept, "coding"))
    return NULL;
  coding = json_object_get_array_member (concept, "coding");
  return json_object_get_string_member (json_array_get_object_element (coding, 0), "code");
}

static GPtrArray *
observations_coded (JsonNode   *root,
                    const char *code)
{
  g_autoptr(GPtrArray) all = resources (root, "Observation");
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (code_of (all->pdata[i], "code"), code) == 0)
      g_ptr_array_add (found, all->pdata[i]);
  return found;
}

static void
test_bundle (void)
{
  g_autoptr(PdDiaryData) data = sample_data (FALSE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) pain = NULL;
  g_autoptr(GPtrArray) peg = NULL;
  g_autoptr(GPtrArray) weekly = NULL;
  JsonObject *bundle;
  guint n = 0;

  bytes = pd_fhir_export (data, NULL, 0, 0, &n);
  root = parse (bytes);
  bundle = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (bundle, "type"), ==, "collection");
  /* Nothing from the clock: the same diary gives the same bytes. */
  g_assert_false (json_object_has_member (bundle, "timestamp"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bundle, "entry")), ==, n);

  /* One pain Observation per entry, oldest first, with its local time and offset. */
  pain = observations_coded (root, "72514-3");
  g_assert_cmpuint (pain->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[0], "id"), ==, ENTRY_A);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[0], "effectiveDateTime"), ==,
                   "2026-03-29T01:30:00+01:00");
  g_assert_cmpint (json_object_get_int_member (pain->pdata[0], "valueInteger"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[1], "id"), ==, ENTRY_B);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[1], "effectiveDateTime"), ==,
                   "2026-03-29T10:15:00+02:00");
  g_assert_cmpint (json_object_get_int_member (pain->pdata[1], "valueInteger"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[2], "id"), ==, ENTRY_C);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[2], "effectiveDateTime"), ==,
                   "2026-03-30T23:45:00-05:00");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (pain->pdata[0], "note"), 0),
                     "text"), ==, "Bad night, \"sharp\" <b>");
  /* Without a name, no Patient: the subject only says whose diary it is. */
  g_assert_false (json_object_has_member (json_object_get_object_member (pain->pdata[0], "subject"),
                                          "reference"));
  g_assert_cmpuint (count (root, "Patient"), ==, 0);

  /* The PEG panel of the entry that rates the interference items. */
  peg = observations_coded (root, "91148-7");
  g_assert_cmpuint (peg->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (peg->pdata[0], "id"), ==, ENTRY_A "-peg");
  {
    JsonArray *components = json_object_get_array_member (peg->pdata[0], "component");

    g_assert_cmpuint (json_array_get_length (components), ==, 3);
    g_assert_cmpstr (code_of (json_array_get_object_element (components, 1), "code"), ==, "91145-3");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (components, 1),
                                                 "valueInteger"), ==, 5);
    g_assert_cmpstr (code_of (json_array_get_object_element (components, 2), "code"), ==, "91146-1");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (components, 2),
                                                 "valueInteger"), ==, 4);
  }
  /* The weekly score: the week of Monday 2026-03-23 has P = (6 + 3) / 2, E = 5, G = 4; the
   * next week rates no interference item, so it has none. */
  weekly = observations_coded (root, "91147-9");
  g_assert_cmpuint (weekly->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (weekly->pdata[0], "id"), ==, "peg-week-2026-03-23");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_object_get_object_member (weekly->pdata[0], "valueQuantity"),
                                    "value"), 4.5, 1e-9);

  /* A MedicationAdministration per dose (a skipped one not done), the regimen as a
   * MedicationStatement. */
  {
    g_autoptr(GPtrArray) given = resources (root, "MedicationAdministration");
    g_autoptr(GPtrArray) regimen = resources (root, "MedicationStatement");
    gsize size;
    const char *text = g_bytes_get_data (bytes, &size);

    g_assert_cmpuint (given->len, ==, 3);
    g_assert_cmpstr (json_object_get_string_member (given->pdata[0], "id"), ==, DOSE_1);
    g_assert_cmpstr (json_object_get_string_member (given->pdata[0], "status"), ==, "completed");
    g_assert_cmpstr (json_object_get_string_member (given->pdata[1], "status"), ==, "not-done");
    g_assert_cmpstr (json_object_get_string_member (given->pdata[2], "effectiveDateTime"), ==,
                     "2026-03-29T22:00:00+01:00");
    /* 7.5 mg as written, not 7.5000000000000000. */
    g_assert_nonnull (g_strstr_len (text, size, "\"value\" : 7.5,"));
    g_assert_null (g_strstr_len (text, size, "\\u0001"));
    g_assert_cmpuint (regimen->len, ==, 1);
    g_assert_cmpstr (json_object_get_string_member (regimen->pdata[0], "id"), ==, MED_ID);
  }

  /* A Procedure per surgery or procedure (the injection too), not for the appointment. */
  {
    g_autoptr(GPtrArray) procedures = resources (root, "Procedure");

    g_assert_cmpuint (procedures->len, ==, 2);
    g_assert_cmpstr (json_object_get_string_member (procedures->pdata[0], "id"), ==, SURGERY);
    g_assert_cmpstr (json_object_get_string_member (procedures->pdata[0], "performedDateTime"), ==,
                     "2025-11-03T07:30:00+01:00");
    g_assert_cmpstr (code_of (procedures->pdata[0], "category"), ==, "387713003");
    g_assert_cmpstr (json_object_get_string_member (procedures->pdata[1], "id"), ==, INJECT);
  }
}

/* The answer of item link_id of a QuestionnaireResponse. */
static JsonObject *
answer (JsonObject *response,
        const char *link_id)
{
  JsonArray *items = json_object_get_array_member (response, "item");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "linkId"), link_id) == 0)
        return json_array_get_object_element (json_object_get_array_member (item, "answer"), 0);
    }
  g_assert_not_reached ();
}

static void
test_spine (void)
{
  g_autoptr(PdDiaryData) data = spine_data (FALSE);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) named_root = NULL;
  g_autoptr(GPtrArray) pain = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) named_responses = NULL;
  g_autofree char *back_a = pd_fhir_spine_derive_uuid (ENTRY_A, "back-pain");
  g_autofree char *leg_a = pd_fhir_spine_derive_uuid (ENTRY_A, "leg-pain");
  g_autofree char *back_b = pd_fhir_spine_derive_uuid (ENTRY_B, "back-pain");
  JsonObject *coding;
  guint n = 0;

  root = export_root (data, NULL, 0, 0, &n);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                        "entry")), ==, n);

  /* The 3 overall scores, then back and leg: entry A's 5 and 7, entry B's 2, each with its
   * body site and an id of its own, stable across exports. */
  pain = observations_coded (root, "72514-3");
  g_assert_cmpuint (pain->len, ==, 3 + 3);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[0], "id"), ==, ENTRY_A);
  g_assert_false (json_object_has_member (pain->pdata[0], "bodySite"));
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[1], "id"), ==, back_a);
  g_assert_cmpstr (code_of (pain->pdata[1], "bodySite"), ==, "37931006");
  g_assert_cmpint (json_object_get_int_member (pain->pdata[1], "valueInteger"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[1], "effectiveDateTime"), ==,
                   "2026-03-29T01:30:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[2], "id"), ==, leg_a);
  g_assert_cmpstr (code_of (pain->pdata[2], "bodySite"), ==, "61685007");
  g_assert_cmpint (json_object_get_int_member (pain->pdata[2], "valueInteger"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[3], "id"), ==, ENTRY_B);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[4], "id"), ==, back_b);
  g_assert_cmpint (json_object_get_int_member (pain->pdata[4], "valueInteger"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[5], "id"), ==, ENTRY_C);
  g_assert_true (g_uuid_string_is_valid (back_a));
  g_assert_cmpstr (back_a, !=, leg_a);
  /* Without a Patient the subject says whose diary it is, as elsewhere. */
  g_assert_false (json_object_has_member (json_object_get_object_member (pain->pdata[1], "subject"),
                                          "reference"));

  /* PSFS then PGIC, each oldest first (ties by id), ids the records' UUIDs; the rating of
   * an activity that is gone names nothing and is left out. */
  responses = resources (root, "QuestionnaireResponse");
  g_assert_cmpuint (responses->len, ==, 4);
  g_assert_cmpstr (json_object_get_string_member (responses->pdata[0], "id"), ==, RATE_1);
  g_assert_cmpstr (json_object_get_string_member (responses->pdata[0], "questionnaire"), ==,
                   PD_FHIR_PSFS_QUESTIONNAIRE);
  g_assert_cmpstr (json_object_get_string_member (responses->pdata[0], "authored"), ==,
                   "2026-03-02T19:30:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (answer (responses->pdata[0], "activity"),
                                                  "valueString"), ==, "Putting on socks");
  g_assert_cmpint (json_object_get_int_member (answer (responses->pdata[0], "ability"),
                                               "valueInteger"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (responses->pdata[1], "id"), ==, RATE_2);
  g_assert_cmpstr (json_object_get_string_member (answer (responses->pdata[1], "activity"),
                                                  "valueString"), ==, "Sitting through a film");
  g_assert_cmpint (json_object_get_int_member (answer (responses->pdata[1], "ability"),
                                               "valueInteger"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (responses->pdata[2], "id"), ==, PGIC_1);
  g_assert_cmpstr (json_object_get_string_member (responses->pdata[2], "questionnaire"), ==,
                   PD_FHIR_PGIC_QUESTIONNAIRE);
  g_assert_cmpstr (json_object_get_string_member (answer (responses->pdata[2], "about"),
                                                  "valueString"), ==, "Epidural steroid injection");
  coding = json_object_get_object_member (answer (responses->pdata[2], "pgic"), "valueCoding");
  g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (coding, "display"), ==, "Much improved");
  g_assert_cmpstr (json_object_get_string_member (responses->pdata[3], "id"), ==, PGIC_2);
  g_assert_cmpstr (json_object_get_string_member (answer (responses->pdata[3], "about"),
                                                  "valueString"), ==, "Overall");
  coding = json_object_get_object_member (answer (responses->pdata[3], "pgic"), "valueCoding");
  g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, "6");
  g_assert_cmpstr (json_object_get_string_member (coding, "display"), ==, "Much worse");
  g_assert_false (json_object_has_member (responses->pdata[3], "source"));

  /* With a Patient, the responses name it as subject and source. */
  named_root = export_root (data, "Alex Example", 0, 0, NULL);
  named_responses = resources (named_root, "QuestionnaireResponse");
  {
    g_autoptr(GPtrArray) patients = resources (named_root, "Patient");
    g_autofree char *ref = g_strconcat ("urn:uuid:", json_object_get_string_member (patients->pdata[0], "id"),
                                        NULL);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (named_responses->pdata[0],
                                                                                   "subject"),
                                                    "reference"), ==, ref);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (named_responses->pdata[3],
                                                                                   "source"),
                                                    "reference"), ==, ref);
  }
}

/* Only the range's spine records: March leaves out the February impression. */
static void
test_spine_range (void)
{
  g_autoptr(PdDiaryData) data = spine_data (FALSE);
  g_autoptr(JsonNode) root = export_root (data, NULL, julian (2026, 3, 1), julian (2026, 3, 28),
                                         NULL);
  g_autoptr(GPtrArray) responses = resources (root, "QuestionnaireResponse");
  g_autoptr(GPtrArray) pain = observations_coded (root, "72514-3");

  g_assert_cmpuint (responses->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (responses->pdata[2], "id"), ==, PGIC_2);
  /* Entries A and B (2026-03-29) are out, with their back and leg pain. */
  g_assert_cmpuint (pain->len, ==, 0);
}

static void
test_patient (void)
{
  g_autoptr(PdDiaryData) data = sample_data (FALSE);
  g_autoptr(GBytes) first = pd_fhir_export (data, "Alex Example", 0, 0, NULL);
  g_autoptr(GBytes) again = pd_fhir_export (data, "Alex Example", 0, 0, NULL);
  g_autoptr(JsonNode) root = parse (first);
  g_autoptr(GPtrArray) patients = resources (root, "Patient");
  g_autoptr(GPtrArray) pain = observations_coded (root, "72514-3");
  g_autofree char *ref = NULL;
  JsonObject *subject;

  g_assert_cmpuint (patients->len, ==, 1);
  ref = g_strconcat ("urn:uuid:", json_object_get_string_member (patients->pdata[0], "id"), NULL);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (patients->pdata[0], "id")));
  subject = json_object_get_object_member (pain->pdata[0], "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "reference"), ==, ref);
  g_assert_true (g_bytes_equal (first, again));
}

/* The same diary gives the same bytes, whatever order its records were listed in. */
static void
test_deterministic (void)
{
  g_autoptr(PdDiaryData) data = sample_data (FALSE);
  g_autoptr(PdDiaryData) reversed = sample_data (TRUE);
  g_autoptr(GBytes) a = pd_fhir_export (data, NULL, 0, 0, NULL);
  g_autoptr(GBytes) b = pd_fhir_export (reversed, NULL, 0, 0, NULL);
  g_autoptr(PdDiaryData) spine = spine_data (FALSE);
  g_autoptr(PdDiaryData) spine_reversed = spine_data (TRUE);
  g_autoptr(GBytes) c = pd_fhir_export (spine, NULL, 0, 0, NULL);
  g_autoptr(GBytes) d = pd_fhir_export (spine_reversed, NULL, 0, 0, NULL);

  g_assert_true (g_bytes_equal (a, b));
  g_assert_true (g_bytes_equal (c, d));
  g_assert_false (g_bytes_equal (a, c));
}

static void
test_range (void)
{
  g_autoptr(PdDiaryData) data = sample_data (FALSE);
  g_autoptr(JsonNode) root = export_root (data, NULL, julian (2026, 3, 30), julian (2026, 3, 31),
                                         NULL);
  g_autoptr(GPtrArray) pain = observations_coded (root, "72514-3");

  /* Entry C is on 2026-03-31 in UTC but 2026-03-30 where the patient was. */
  g_assert_cmpuint (pain->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (pain->pdata[0], "id"), ==, ENTRY_C);
  g_assert_cmpuint (count (root, "MedicationAdministration"), ==, 0);
  g_assert_cmpuint (count (root, "Procedure"), ==, 0);
  g_assert_cmpuint (count (root, "MedicationStatement"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fhir/bundle", test_bundle);
  g_test_add_func ("/fhir/patient", test_patient);
  g_test_add_func ("/fhir/deterministic", test_deterministic);
  g_test_add_func ("/fhir/range", test_range);
  g_test_add_func ("/fhir/spine", test_spine);
  g_test_add_func ("/fhir/spine/range", test_spine_range);
  return g_test_run ();
}
