/* pd-fhir.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Codes:
 * - LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" (domain.md).
 * - PEG (Krebs 2009) as LOINC lists it in its FHIR Questionnaire http://loinc.org/q/91148-7
 *   (https://loinc.org/91148-7/): 91148-7 the 3-item panel, 75893-8 average pain in the
 *   past week, 91145-3 interference with enjoyment of life, 91146-1 interference with
 *   general activity, 91147-9 the mean score.
 * - Observation category "survey" (http://terminology.hl7.org/CodeSystem/observation-category).
 * - SNOMED CT 387713003 "Surgical procedure" as the category of a surgery.
 * - Units in UCUM where the diary's unit is one (mg, ug, g, mL, ug/h, [iU]).
 */

#define G_LOG_DOMAIN "pd-fhir"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "pd-catalogue.h"
#include "pd-daily.h"
#include "pd-csv-spine.h"
#include "pd-error.h"
#include "pd-exchange-task.h"
#include "pd-fhir.h"
#include "pd-fhir-spine.h"
#include "pd-types.h"

#define LOINC "http://loinc.org"
#define UCUM "http://unitsofmeasure.org"
#define SNOMED "http://snomed.info/sct"
#define OBSERVATION_CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"

/* json-glib writes every double with 17 significant digits ("0.10000000000000001"), which
 * a FHIR reader takes as a claim of precision. Decimals are therefore added as strings
 * that start with this marker and turned into bare numbers after generation. */
#define DECIMAL_MARKER "\x01"
#define DECIMAL_MARKER_JSON "\"\\u0001"

typedef struct
{
  JsonBuilder *builder;
  char        *patient_ref;   /* "urn:uuid:…" of the Patient, or NULL */
  const char  *patient_name;
  guint32      from_day;
  guint32      to_day;
  guint        n_resources;
} Writer;

/* Small builders */

/* "name": [{ ... }]: a member holding an array that begins with an object. */
static void
begin_member_objects (Writer     *w,
                      const char *name)
{
  json_builder_set_member_name (w->builder, name);
  json_builder_begin_array (w->builder);
  json_builder_begin_object (w->builder);
}

/* Ends an object and the array that holds it. */
static void
end_member_objects (Writer *w)
{
  json_builder_end_object (w->builder);
  json_builder_end_array (w->builder);
}

static void
member_string (Writer     *w,
               const char *name,
               const char *value)
{
  json_builder_set_member_name (w->builder, name);
  /* The decimal marker never comes from a record: a control character with no meaning in
   * a note, shown as U+FFFD. */
  if (strchr (value, DECIMAL_MARKER[0]) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (value, DECIMAL_MARKER, -1);
      g_autofree char *clean = g_strjoinv ("\uFFFD", parts);

      json_builder_add_string_value (w->builder, clean);
      return;
    }
  json_builder_add_string_value (w->builder, value);
}

static void
member_int (Writer     *w,
            const char *name,
            gint64      value)
{
  json_builder_set_member_name (w->builder, name);
  json_builder_add_int_value (w->builder, value);
}

static void
member_decimal (Writer     *w,
                const char *name,
                double      value,
                int         decimals)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  g_autofree char *marked = NULL;

  json_builder_set_member_name (w->builder, name);
  if (value == floor (value) && fabs (value) < 1e15)
    {
      json_builder_add_int_value (w->builder, (gint64) value);
      return;
    }
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (number, sizeof number, format, value);
  /* No trailing zeros: 7.50 was entered as 7.5. */
  if (strchr (number, '.') != NULL)
    {
      char *end = number + strlen (number) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  marked = g_strconcat (DECIMAL_MARKER, number, NULL);
  json_builder_add_string_value (w->builder, marked);
}

static void
member_note (Writer     *w,
             const char *note)
{
  if (note == NULL || *note == '\0')
    return;
  begin_member_objects (w, "note");
  member_string (w, "text", note);
  end_member_objects (w);
}

/* A CodeableConcept with one coding (system may be NULL: text only). */
static void
member_concept (Writer     *w,
                const char *name,
                const char *system,
                const char *code,
                const char *display)
{
  json_builder_set_member_name (w->builder, name);
  json_builder_begin_object (w->builder);
  if (system != NULL)
    {
      begin_member_objects (w, "coding");
      member_string (w, "system", system);
      member_string (w, "code", code);
      member_string (w, "display", display);
      end_member_objects (w);
    }
  member_string (w, "text", display);
  json_builder_end_object (w->builder);
}

static void
member_survey_category (Writer *w)
{
  begin_member_objects (w, "category");
  begin_member_objects (w, "coding");
  member_string (w, "system", OBSERVATION_CATEGORY);
  member_string (w, "code", "survey");
  member_string (w, "display", "Survey");
  end_member_objects (w);
  end_member_objects (w);
}

/* Every clinical resource names its patient; without a Patient resource the reference
 * only says whose diary it is. */
static void
member_subject (Writer     *w,
                const char *name)
{
  json_builder_set_member_name (w->builder, name);
  json_builder_begin_object (w->builder);
  if (w->patient_ref != NULL)
    {
      member_string (w, "reference", w->patient_ref);
      member_string (w, "display", w->patient_name);
    }
  else
    member_string (w, "display", "Pain Diary patient");
  json_builder_end_object (w->builder);
}

/* The local time with its UTC offset, as the patient lived it: 2026-03-01T08:30:00+01:00. */
static void
member_date_time (Writer     *w,
                  const char *name,
                  gint64      unix_time,
                  int         utc_offset)
{
  g_autoptr(GDateTime) local = pd_date_time_new_at_offset (unix_time, utc_offset);
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

  member_string (w, name, text);
}

static char *
format_day (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static void
member_day (Writer     *w,
            const char *name,
            guint32     day)
{
  g_autofree char *text = format_day (day);

  member_string (w, name, text);
}

/* A Quantity in the diary's unit, coded in UCUM where the unit is one. */
static void
member_quantity (Writer     *w,
                 const char *name,
                 double      amount,
                 const char *unit)
{
  static const struct { const char *unit, *ucum; } ucum[] = {
    { "mg", "mg" }, { "mcg", "ug" }, { "g", "g" }, { "ml", "mL" }, { "mcg/h", "ug/h" },
    { "IU", "[iU]" },
  };

  json_builder_set_member_name (w->builder, name);
  json_builder_begin_object (w->builder);
  member_decimal (w, "value", amount, 3);
  member_string (w, "unit", unit);
  for (guint i = 0; i < G_N_ELEMENTS (ucum); i++)
    if (g_strcmp0 (unit, ucum[i].unit) == 0)
      {
        member_string (w, "system", UCUM);
        member_string (w, "code", ucum[i].ucum);
      }
  json_builder_end_object (w->builder);
}

static void
member_score (Writer     *w,
              const char *name,
              double      score)
{
  json_builder_set_member_name (w->builder, name);
  json_builder_begin_object (w->builder);
  member_decimal (w, "value", score, 1);
  member_string (w, "unit", "{score}");
  member_string (w, "system", UCUM);
  member_string (w, "code", "{score}");
  json_builder_end_object (w->builder);
}

/* Opens {"fullUrl": …, "resource": {"resourceType": …, "id": …; end_resource closes it. */
static void
begin_resource (Writer     *w,
                const char *type,
                const char *id)
{
  g_autofree char *url = NULL;

  /* A record's UUID is its URN; a derived id (a week's PEG) is relative to the server. */
  url = g_uuid_string_is_valid (id) ? g_strconcat ("urn:uuid:", id, NULL)
                                    : g_strconcat (type, "/", id, NULL);
  json_builder_begin_object (w->builder);
  member_string (w, "fullUrl", url);
  json_builder_set_member_name (w->builder, "resource");
  json_builder_begin_object (w->builder);
  member_string (w, "resourceType", type);
  member_string (w, "id", id);
  w->n_resources++;
}

static void
end_resource (Writer *w)
{
  json_builder_end_object (w->builder);
  json_builder_end_object (w->builder);
}

/* Patient */

/* The patient has no record of their own: the id is a name-based UUID (version 5 layout,
 * SHA-1), so the same name gives the same id in every export. */
static char *
patient_uuid (const char *name)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (sha1, (const guchar *) APPLICATION_ID ".Patient:", -1);
  g_checksum_update (sha1, (const guchar *) name, -1);
  g_checksum_get_digest (sha1, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static void
add_patient (Writer *w)
{
  g_autofree char *id = patient_uuid (w->patient_name);

  w->patient_ref = g_strconcat ("urn:uuid:", id, NULL);
  begin_resource (w, "Patient", id);
  begin_member_objects (w, "name");
  member_string (w, "text", w->patient_name);
  end_member_objects (w);
  end_resource (w);
}

/* Regimen */

static gboolean
medication_in_range (const Writer *w,
                     PdMedication *medication)
{
  guint32 start = pd_medication_get_start_day (medication);
  guint32 stop = pd_medication_get_stop_day (medication);

  return (w->to_day == 0 || start == 0 || start <= w->to_day) &&
         (w->from_day == 0 || stop == 0 || stop >= w->from_day);
}

static void
member_regimen_dosage (Writer       *w,
                       PdMedication *medication)
{
  const GArray *schedule = pd_medication_get_schedule (medication);
  double amount = pd_medication_get_amount (medication);

  begin_member_objects (w, "dosage");
  if (schedule->len > 0)
    {
      json_builder_set_member_name (w->builder, "timing");
      json_builder_begin_object (w->builder);
      json_builder_set_member_name (w->builder, "repeat");
      json_builder_begin_object (w->builder);
      json_builder_set_member_name (w->builder, "timeOfDay");
      json_builder_begin_array (w->builder);
      for (guint i = 0; i < schedule->len; i++)
        {
          guint minutes = g_array_index (schedule, guint, i);
          g_autofree char *time = g_strdup_printf ("%02u:%02u:00", minutes / 60, minutes % 60);

          json_builder_add_string_value (w->builder, time);
        }
      json_builder_end_array (w->builder);
      json_builder_end_object (w->builder);
      json_builder_end_object (w->builder);
    }
  json_builder_set_member_name (w->builder, "asNeededBoolean");
  json_builder_add_boolean_value (w->builder, schedule->len == 0);
  if (amount > 0)
    {
      begin_member_objects (w, "doseAndRate");
      member_quantity (w, "doseQuantity", amount, pd_medication_get_unit (medication));
      end_member_objects (w);
    }
  end_member_objects (w);
}

static void
add_medication_statement (Writer       *w,
                          PdMedication *medication)
{
  guint32 start = pd_medication_get_start_day (medication);
  guint32 stop = pd_medication_get_stop_day (medication);

  begin_resource (w, "MedicationStatement", pd_medication_get_id (medication));
  /* Stopped is a fact of the record; "still taken" would need the clock. */
  member_string (w, "status", stop != 0 ? "completed" : "active");
  member_concept (w, "medicationCodeableConcept", NULL, NULL, pd_medication_get_name (medication));
  member_subject (w, "subject");
  if (start != 0 || stop != 0)
    {
      json_builder_set_member_name (w->builder, "effectivePeriod");
      json_builder_begin_object (w->builder);
      if (start != 0)
        member_day (w, "start", start);
      if (stop != 0)
        member_day (w, "end", stop);
      json_builder_end_object (w->builder);
    }
  member_note (w, pd_medication_get_notes (medication));
  member_regimen_dosage (w, medication);
  end_resource (w);
}

/* Pain entries */

static void
add_pain_observation (Writer      *w,
                      PdPainEntry *entry)
{
  begin_resource (w, "Observation", pd_pain_entry_get_id (entry));
  member_string (w, "status", "final");
  member_survey_category (w);
  member_concept (w, "code", LOINC, "72514-3",
                  "Pain severity - 0-10 verbal numeric rating [Score] - Reported");
  member_subject (w, "subject");
  member_date_time (w, "effectiveDateTime", pd_pain_entry_get_time (entry),
                    pd_pain_entry_get_utc_offset (entry));
  member_int (w, "valueInteger", pd_pain_entry_get_pain (entry));
  member_note (w, pd_pain_entry_get_note (entry));
  end_resource (w);
}

static void
add_component (Writer     *w,
               const char *code,
               const char *display,
               int         value)
{
  json_builder_begin_object (w->builder);
  member_concept (w, "code", LOINC, code, display);
  member_int (w, "valueInteger", value);
  json_builder_end_object (w->builder);
}

/* The PEG items an entry rates, as a panel beside its pain Observation. */
static void
add_peg_observation (Writer      *w,
                     PdPainEntry *entry)
{
  int enjoyment = pd_pain_entry_get_enjoyment_interference (entry);
  int activity = pd_pain_entry_get_activity_interference (entry);
  g_autofree char *id = NULL;

  if (enjoyment == PD_UNSET && activity == PD_UNSET)
    return;
  id = g_strconcat (pd_pain_entry_get_id (entry), "-peg", NULL);
  begin_resource (w, "Observation", id);
  member_string (w, "status", "final");
  member_survey_category (w);
  member_concept (w, "code", LOINC, "91148-7", "PEG 3 item pain scale");
  member_subject (w, "subject");
  member_date_time (w, "effectiveDateTime", pd_pain_entry_get_time (entry),
                    pd_pain_entry_get_utc_offset (entry));
  begin_member_objects (w, "derivedFrom");
  {
    g_autofree char *ref = g_strconcat ("urn:uuid:", pd_pain_entry_get_id (entry), NULL);
    member_string (w, "reference", ref);
  }
  end_member_objects (w);
  json_builder_set_member_name (w->builder, "component");
  json_builder_begin_array (w->builder);
  add_component (w, "75893-8", "Pain intensity on average [PEG]", pd_pain_entry_get_pain (entry));
  if (enjoyment != PD_UNSET)
    add_component (w, "91145-3", "Pain interference with enjoyment of life [PEG]", enjoyment);
  if (activity != PD_UNSET)
    add_component (w, "91146-1", "Pain interference with general activity [PEG]", activity);
  json_builder_end_array (w->builder);
  end_resource (w);
}

/* Weekly PEG score: per ISO week, the mean of the means of the days' pain, enjoyment and
 * activity (as the report's table). Only weeks with all three. */
static void
add_weekly_peg (Writer      *w,
                PdDiaryData *data,
                guint32      first_day,
                guint32      last_day)
{
  PdDailySeries *series;
  guint32 monday;

  if (first_day == 0 || last_day < first_day)
    return;
  series = pd_daily_series_new (data, first_day, last_day);
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_julian (&date, first_day);
    monday = first_day - (g_date_get_weekday (&date) - G_DATE_MONDAY);
  }
  for (; monday <= last_day; monday += 7)
    {
      double sum[3] = { 0 };
      guint n[3] = { 0 };
      double mean[3], score;
      g_autofree char *id = NULL;
      g_autofree char *start = NULL;

      for (guint32 d = MAX (monday, first_day); d < monday + 7 && d <= last_day; d++)
        {
          const PdDay *day = pd_daily_series_get_day (series, d);

          if (day == NULL || day->n_entries == 0)
            continue;
          sum[0] += day->pain_mean, n[0]++;
          if (!isnan (day->enjoyment_mean))
            sum[1] += day->enjoyment_mean, n[1]++;
          if (!isnan (day->activity_mean))
            sum[2] += day->activity_mean, n[2]++;
        }
      if (n[0] == 0 || n[1] == 0 || n[2] == 0)
        continue;
      for (guint i = 0; i < 3; i++)
        mean[i] = sum[i] / n[i];
      score = (mean[0] + mean[1] + mean[2]) / 3;

      start = format_day (monday);
      id = g_strconcat ("peg-week-", start, NULL);
      begin_resource (w, "Observation", id);
      member_string (w, "status", "final");
      member_survey_category (w);
      member_concept (w, "code", LOINC, "91147-9", "PEG mean score");
      member_subject (w, "subject");
      json_builder_set_member_name (w->builder, "effectivePeriod");
      json_builder_begin_object (w->builder);
      member_day (w, "start", MAX (monday, first_day));
      member_day (w, "end", MIN (monday + 6, last_day));
      json_builder_end_object (w->builder);
      member_score (w, "valueQuantity", score);
      json_builder_set_member_name (w->builder, "component");
      json_builder_begin_array (w->builder);
      {
        static const char * const codes[] = { "75893-8", "91145-3", "91146-1" };
        static const char * const displays[] = {
          "Pain intensity on average [PEG]", "Pain interference with enjoyment of life [PEG]",
          "Pain interference with general activity [PEG]",
        };

        for (guint i = 0; i < 3; i++)
          {
            json_builder_begin_object (w->builder);
            member_concept (w, "code", LOINC, codes[i], displays[i]);
            member_score (w, "valueQuantity", mean[i]);
            json_builder_end_object (w->builder);
          }
      }
      json_builder_end_array (w->builder);
      end_resource (w);
    }
  pd_daily_series_unref (series);
}

/* Back and leg pain Observations and the PSFS and PGIC QuestionnaireResponses come with
 * the records that hold them: one add_* function each, called from pd_fhir_export. */

/* Doses */

static void
add_medication_administration (Writer *w,
                               PdDose *dose)
{
  gboolean taken = pd_dose_get_status (dose) == PD_DOSE_TAKEN;

  begin_resource (w, "MedicationAdministration", pd_dose_get_id (dose));
  member_string (w, "status", taken ? "completed" : "not-done");
  member_concept (w, "medicationCodeableConcept", NULL, NULL, pd_dose_get_name (dose));
  member_subject (w, "subject");
  member_date_time (w, "effectiveDateTime", pd_dose_get_time (dose), pd_dose_get_utc_offset (dose));
  member_note (w, pd_dose_get_note (dose));
  json_builder_set_member_name (w->builder, "dosage");
  json_builder_begin_object (w->builder);
  member_quantity (w, "dose", pd_dose_get_amount (dose), pd_dose_get_unit (dose));
  json_builder_end_object (w->builder);
  end_resource (w);
}

/* Events */

static gboolean
is_procedure (PdEvent *event)
{
  static const char * const kinds[] = {
    "surgery", "injection", "procedure", "stimulator_trial", "stimulator",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (pd_event_get_kind (event), kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
add_procedure (Writer  *w,
               PdEvent *event)
{
  begin_resource (w, "Procedure", pd_event_get_id (event));
  member_string (w, "status", "completed");
  if (g_strcmp0 (pd_event_get_kind (event), "surgery") == 0)
    member_concept (w, "category", SNOMED, "387713003", "Surgical procedure");
  member_concept (w, "code", NULL, NULL, pd_event_get_title (event));
  member_subject (w, "subject");
  member_date_time (w, "performedDateTime", pd_event_get_time (event),
                    pd_event_get_utc_offset (event));
  member_note (w, pd_event_get_note (event));
  end_resource (w);
}

/* Order */

typedef gint64 (*TimeFunc) (gpointer record);
typedef int (*OffsetFunc) (gpointer record);
typedef const char * (*IdFunc) (gpointer record);

typedef struct
{
  TimeFunc time;
  OffsetFunc offset;
  IdFunc id;
} RecordAccess;

static const RecordAccess pain_access = {
  (TimeFunc) pd_pain_entry_get_time, (OffsetFunc) pd_pain_entry_get_utc_offset,
  (IdFunc) pd_pain_entry_get_id,
};
static const RecordAccess dose_access = {
  (TimeFunc) pd_dose_get_time, (OffsetFunc) pd_dose_get_utc_offset, (IdFunc) pd_dose_get_id,
};
static const RecordAccess event_access = {
  (TimeFunc) pd_event_get_time, (OffsetFunc) pd_event_get_utc_offset, (IdFunc) pd_event_get_id,
};

static const RecordAccess rating_access = {
  (TimeFunc) pd_function_rating_get_time, (OffsetFunc) pd_function_rating_get_utc_offset,
  (IdFunc) pd_function_rating_get_id,
};
static const RecordAccess impression_access = {
  (TimeFunc) pd_impression_get_time, (OffsetFunc) pd_impression_get_utc_offset,
  (IdFunc) pd_impression_get_id,
};

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const RecordAccess *access = user_data;
  gpointer ra = *(gpointer *) a, rb = *(gpointer *) b;
  gint64 ta = access->time (ra), tb = access->time (rb);

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return g_strcmp0 (access->id (ra), access->id (rb));
}

/* The records of the range, oldest first (ties by id): the order never depends on how
 * the diary happened to list them. */
static GPtrArray *
records_in_range (const Writer       *w,
                  GPtrArray          *records,
                  const RecordAccess *access)
{
  GPtrArray *chosen = g_ptr_array_new ();

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);

      if (pd_csv_day_in_range (pd_local_day (access->time (record), access->offset (record)),
                               w->from_day, w->to_day))
        g_ptr_array_add (chosen, record);
    }
  g_ptr_array_sort_with_data (chosen, compare_records, (gpointer) access);
  return chosen;
}

/* PSFS ratings and PGIC answers of the range, oldest first, as QuestionnaireResponses
 * (pd-fhir-spine.c). A rating whose activity is gone names nothing and is left out, as in
 * the CSV. */
static void
add_spine_responses (Writer      *w,
                     PdDiaryData *data)
{
  g_autoptr(GPtrArray) ratings = records_in_range (w, data->function_ratings, &rating_access);
  g_autoptr(GPtrArray) impressions = records_in_range (w, data->impressions, &impression_access);

  for (guint i = 0; i < ratings->len; i++)
    {
      PdFunctionRating *rating = g_ptr_array_index (ratings, i);
      const char *name = pd_csv_spine_activity_name (data->function_activities,
                                                     pd_function_rating_get_activity_id (rating));

      if (name != NULL)
        w->n_resources += pd_fhir_spine_add_function_rating (w->builder, rating, name,
                                                             w->patient_ref);
    }
  for (guint i = 0; i < impressions->len; i++)
    {
      PdImpression *impression = g_ptr_array_index (impressions, i);
      const char *title = pd_csv_spine_event_title (data->events,
                                                    pd_impression_get_event_id (impression));

      w->n_resources += pd_fhir_spine_add_impression (w->builder, impression, title,
                                                      w->patient_ref);
    }
}

/* Replaces every marked decimal string ("\u0001" 7.5 ") by the bare number. */
static GBytes *
unmark_decimals (char *json)
{
  GString *out = g_string_sized_new (strlen (json));
  const char *p = json, *mark;

  while ((mark = strstr (p, DECIMAL_MARKER_JSON)) != NULL)
    {
      const char *number = mark + strlen (DECIMAL_MARKER_JSON);
      const char *end = strchr (number, '"');

      g_assert (end != NULL);
      g_string_append_len (out, p, mark - p);
      g_string_append_len (out, number, end - number);
      p = end + 1;
    }
  g_string_append (out, p);
  g_string_append_c (out, '\n');
  g_free (json);
  return g_string_free_to_bytes (out);
}

GBytes *
pd_fhir_export (PdDiaryData *data,
                const char  *patient_name,
                guint32      from_day,
                guint32      to_day,
                guint       *n_resources)
{
  Writer w = { .from_day = from_day, .to_day = to_day };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) doses = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint32 first_day, last_day;

  g_return_val_if_fail (data != NULL, NULL);

  w.builder = json_builder_new ();
  w.patient_name = patient_name;
  entries = records_in_range (&w, data->pain_entries, &pain_access);
  doses = records_in_range (&w, data->doses, &dose_access);
  events = records_in_range (&w, data->events, &event_access);

  json_builder_begin_object (w.builder);
  member_string (&w, "resourceType", "Bundle");
  member_string (&w, "type", "collection");
  json_builder_set_member_name (w.builder, "entry");
  json_builder_begin_array (w.builder);

  if (patient_name != NULL && *patient_name != '\0')
    add_patient (&w);
  for (guint i = 0; data->medications != NULL && i < data->medications->len; i++)
    if (medication_in_range (&w, g_ptr_array_index (data->medications, i)))
      add_medication_statement (&w, g_ptr_array_index (data->medications, i));
  for (guint i = 0; i < entries->len; i++)
    {
      add_pain_observation (&w, g_ptr_array_index (entries, i));
      add_peg_observation (&w, g_ptr_array_index (entries, i));
      w.n_resources += pd_fhir_spine_add_back_leg (w.builder, g_ptr_array_index (entries, i),
                                                   w.patient_ref);
    }
  if (entries->len > 0)
    {
      first_day = pd_pain_entry_get_local_day (g_ptr_array_index (entries, 0));
      last_day = pd_pain_entry_get_local_day (g_ptr_array_index (entries, entries->len - 1));
      /* Entries are ordered by instant; local days across offsets may not be. */
      for (guint i = 0; i < entries->len; i++)
        {
          guint32 day = pd_pain_entry_get_local_day (g_ptr_array_index (entries, i));

          first_day = MIN (first_day, day);
          last_day = MAX (last_day, day);
        }
      add_weekly_peg (&w, data, first_day, last_day);
    }
  for (guint i = 0; i < doses->len; i++)
    add_medication_administration (&w, g_ptr_array_index (doses, i));
  for (guint i = 0; i < events->len; i++)
    if (is_procedure (g_ptr_array_index (events, i)))
      add_procedure (&w, g_ptr_array_index (events, i));
  add_spine_responses (&w, data);

  json_builder_end_array (w.builder);
  json_builder_end_object (w.builder);

  root = json_builder_get_root (w.builder);
  /* FHIR's JSON never has an empty array: a Bundle with nothing in it has no "entry". */
  if (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "entry")) == 0)
    json_object_remove_member (json_node_get_object (root), "entry");
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  if (n_resources != NULL)
    *n_resources = w.n_resources;
  g_object_unref (w.builder);
  g_free (w.patient_ref);
  return unmark_decimals (json_generator_to_data (generator, NULL));
}

/* Off the main thread */

static GBytes *
make_bundle (PdDatabase        *db,
             PdDiaryData       *data,
             const PdExportJob *job,
             guint             *n)
{
  g_autofree char *name = pd_database_get_meta (db, "patient_name");

  return pd_fhir_export (data, name, job->from_day, job->to_day, n);
}

void
pd_fhir_export_file_async (PdDatabase          *db,
                           const char          *path,
                           guint32              from_day,
                           guint32              to_day,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  PdExportJob job = { (char *) path, from_day, to_day, NULL, make_bundle };

  _pd_export_file_async (db, &job, pd_fhir_export_file_async, cancellable, callback, user_data);
}

gboolean
pd_fhir_export_file_finish (GAsyncResult  *result,
                            guint         *n_resources,
                            GError       **error)
{
  return _pd_task_propagate_count (result, pd_fhir_export_file_async, n_resources, error);
}
