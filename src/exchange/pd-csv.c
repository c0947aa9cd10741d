/* pd-csv.c: writing the diary CSV and the daily summary CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-csv.h"
#include "pd-csv-private.h"
#include "pd-csv-spine.h"
#include "pd-medication-checks.h"
#include "pd-spine.h"
#include "pd-tags.h"
#include "pd-types.h"

#define EOL "\r\n"

gboolean
pd_csv_parse_date (const char *text,
                   guint32    *day)
{
  int year, month, mday;
  GDate date;

  g_return_val_if_fail (day != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  mday = (text[8] - '0') * 10 + (text[9] - '0');
  if (!g_date_valid_dmy (mday, month, year))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, mday, month, year);
  *day = g_date_get_julian (&date);
  return TRUE;
}

/* At most two decimals, no trailing zeros: 6.5, 7, 3.33. */
static void
append_mean (GString *out,
             double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  end = buffer + strlen (buffer) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  if (strcmp (buffer, "-0") == 0)
    strcpy (buffer, "0");
  g_string_append (out, buffer);
}

/* The kind of a function or impression row (record: its PdCsvSpineRow), after PdRecordKind's. */
#define ROW_SPINE ((PdRecordKind) (PD_RECORD_EVENT + 1))

/* One record to write, whatever its kind. */
typedef struct
{
  gint64 minute;   /* the instant in whole minutes: the CSV's precision */
  gint64 time;
  int utc_offset;
  const char *id;
  PdRecordKind kind;
  gpointer record;
} Row;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = a, *y = b;

  if (x->minute != y->minute)
    return x->minute < y->minute ? -1 : 1;
  return strcmp (x->id, y->id);
}

static void
add_row (GArray       *rows,
         PdRecordKind  kind,
         gpointer      record,
         const char   *id,
         gint64        unix_time,
         int           utc_offset,
         guint32       from_day,
         guint32       to_day)
{
  Row row = { _pd_csv_floor_div (unix_time, 60), unix_time, utc_offset, id, kind, record };

  if (pd_csv_day_in_range (pd_local_day (unix_time, utc_offset), from_day, to_day))
    g_array_append_val (rows, row);
}

/* The row's record as the CSV writer takes it; *tags holds the strings it made. */
static void
pain_record (PdExportRecord *r,
             PdPainEntry    *entry,
             char          **tags)
{
  r->pain = pd_pain_entry_get_pain (entry);
  r->enjoyment_interference = pd_pain_entry_get_enjoyment_interference (entry);
  r->activity_interference = pd_pain_entry_get_activity_interference (entry);
  r->locations = tags[0] = pd_tags_to_string_full (PD_TAG_LOCATION,
                                                   pd_pain_entry_get_locations (entry),
                                                   pd_pain_entry_get_custom_locations (entry));
  r->qualities = tags[1] = pd_tags_to_string_full (PD_TAG_QUALITY,
                                                   pd_pain_entry_get_qualities (entry),
                                                   pd_pain_entry_get_custom_qualities (entry));
  r->red_flags = tags[2] = pd_tags_to_string (PD_TAG_RED_FLAG,
                                              pd_pain_entry_get_red_flags (entry));
  r->sleep_hours = pd_pain_entry_get_sleep_hours (entry);
  r->sleep_quality = pd_pain_entry_get_sleep_quality (entry);
  r->mood = pd_pain_entry_get_mood (entry);
  r->back_pain = pd_pain_entry_get_back_pain (entry);
  r->leg_pain = pd_pain_entry_get_leg_pain (entry);
  r->note = pd_pain_entry_get_note (entry);
}

static void
row_record (const Row      *row,
            PdExportRecord *r,
            char          **tags)
{
  const PdCsvSpineRow *spine = row->record;

  r->id = row->id;
  r->time = row->time;
  r->utc_offset = row->utc_offset;
  switch (row->kind)
    {
    case PD_RECORD_PAIN:
      r->kind = PD_EXPORT_PAIN;
      pain_record (r, row->record, tags);
      break;
    case PD_RECORD_DOSE:
      r->kind = PD_EXPORT_DOSE;
      r->item = pd_dose_get_name (row->record);
      r->amount = pd_dose_get_amount (row->record);
      r->unit = pd_dose_get_unit (row->record);
      r->note = pd_dose_get_note (row->record);
      break;
    case PD_RECORD_ACTIVITY:
      r->kind = PD_EXPORT_ACTIVITY;
      r->item = pd_activity_get_name (row->record);
      r->duration = pd_activity_get_duration (row->record);
      r->effort = pd_activity_get_effort (row->record);
      r->note = pd_activity_get_note (row->record);
      break;
    case PD_RECORD_EVENT:
      r->kind = PD_EXPORT_EVENT;
      r->item = pd_event_get_title (row->record);
      r->event_kind = pd_event_get_kind (row->record);
      r->end_day = pd_event_get_end_day (row->record);
      r->note = pd_event_get_note (row->record);
      break;
    default:
      r->kind = g_str_equal (spine->kind, "function") ? PD_EXPORT_FUNCTION : PD_EXPORT_IMPRESSION;
      r->item = spine->item;
      r->score = (int) g_ascii_strtoll (spine->amount, NULL, 10);
      r->note = spine->note;
      break;
    }
}

static void
append_row (GString   *out,
            const Row *row)
{
  PdExportRecord record = { 0 };
  char *tags[3] = { NULL, NULL, NULL };

  row_record (row, &record, tags);
  _pd_csv_append_record (out, &record, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    g_free (tags[i]);
}

GBytes *
pd_csv_export (PdDiaryData *data,
               guint32      from_day,
               guint32      to_day)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GArray) spine = NULL;
  GString *out;

  g_return_val_if_fail (data != NULL, NULL);

  for (guint i = 0; data->pain_entries && i < data->pain_entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (data->pain_entries, i);
      add_row (rows, PD_RECORD_PAIN, entry, pd_pain_entry_get_id (entry),
               pd_pain_entry_get_time (entry), pd_pain_entry_get_utc_offset (entry),
               from_day, to_day);
    }
  for (guint i = 0; data->doses && i < data->doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (data->doses, i);
      /* Skipped doses are not part of the public CSV: see pd-csv.h. */
      if (pd_dose_get_status (dose) == PD_DOSE_TAKEN)
        add_row (rows, PD_RECORD_DOSE, dose, pd_dose_get_id (dose), pd_dose_get_time (dose),
                 pd_dose_get_utc_offset (dose), from_day, to_day);
    }
  for (guint i = 0; data->activities && i < data->activities->len; i++)
    {
      PdActivity *activity = g_ptr_array_index (data->activities, i);
      add_row (rows, PD_RECORD_ACTIVITY, activity, pd_activity_get_id (activity),
               pd_activity_get_time (activity), pd_activity_get_utc_offset (activity),
               from_day, to_day);
    }
  for (guint i = 0; data->events && i < data->events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (data->events, i);
      add_row (rows, PD_RECORD_EVENT, event, pd_event_get_id (event), pd_event_get_time (event),
               pd_event_get_utc_offset (event), from_day, to_day);
    }
  /* Function and impression rows: complete before rows point into it. */
  spine = pd_csv_spine_rows (data, from_day, to_day);
  for (guint i = 0; i < spine->len; i++)
    {
      PdCsvSpineRow *row = &g_array_index (spine, PdCsvSpineRow, i);
      add_row (rows, ROW_SPINE, row, row->id, row->time, row->utc_offset, from_day, to_day);
    }
  g_array_sort (rows, compare_rows);

  out = g_string_sized_new (64 + rows->len * 96);
  g_string_append (out, PD_CSV_HEADER EOL);
  for (guint i = 0; i < rows->len; i++)
    append_row (out, &g_array_index (rows, Row, i));
  return g_string_free_to_bytes (out);
}

/* Summary */

typedef struct
{
  guint32 day;
  guint entries;
  int pain_min, pain_max;
  double pain_sum;
  double enjoyment_sum, activity_sum, sleep_sum, mood_sum;
  guint enjoyment_n, activity_n, sleep_n, mood_n;
  guint doses;
  guint activity_min;
  guint events;
  double back_sum, leg_sum;
  guint back_n, leg_n;
  double psfs_mean;
  guint psfs_n;            /* activities rated that day; 0: no PSFS score */
} DaySummary;

static DaySummary *
summary_for (GHashTable *days,
             guint32     day)
{
  DaySummary *summary = g_hash_table_lookup (days, GUINT_TO_POINTER (day));

  if (summary == NULL)
    {
      summary = g_new0 (DaySummary, 1);
      summary->day = day;
      summary->pain_min = G_MAXINT;
      summary->pain_max = G_MININT;
      g_hash_table_insert (days, GUINT_TO_POINTER (day), summary);
    }
  return summary;
}

static void
add_optional (int     value,
              double *sum,
              guint  *n)
{
  if (value != PD_UNSET)
    {
      *sum += value;
      (*n)++;
    }
}

static void
append_optional_mean (GString *out,
                      double   sum,
                      guint    n)
{
  g_string_append_c (out, ',');
  if (n > 0)
    append_mean (out, sum / n);
}

static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  const DaySummary *x = *(DaySummary * const *) a, *y = *(DaySummary * const *) b;

  return (x->day > y->day) - (x->day < y->day);
}

/* Version 2's columns, one function each. Back and leg pain: the means of the day's entries
 * that give them; empty when none does. */
static void
append_back_pain_mean (GString          *out,
                       const DaySummary *s)
{
  append_optional_mean (out, s->back_sum, s->back_n);
}

static void
append_leg_pain_mean (GString          *out,
                      const DaySummary *s)
{
  append_optional_mean (out, s->leg_sum, s->leg_n);
}

/* The day's PSFS score as the app computes it (pd_psfs_sessions): the mean of the ratings
 * of that day; empty on a day without ratings. */
static void
append_psfs_mean (GString          *out,
                  const DaySummary *s)
{
  g_string_append_c (out, ',');
  if (s->psfs_n > 0)
    append_mean (out, s->psfs_mean);
}

/* A row for every day with PSFS ratings, which holds its score. */
static void
add_psfs_days (GHashTable  *days,
               PdDiaryData *data,
               guint32      from_day,
               guint32      to_day)
{
  g_autoptr(GArray) sessions = pd_psfs_sessions (data->function_ratings, 0, 0);

  for (guint i = 0; i < sessions->len; i++)
    {
      const PdPsfsSession *session = &g_array_index (sessions, PdPsfsSession, i);
      DaySummary *s;

      if (!pd_csv_day_in_range (session->day, from_day, to_day))
        continue;
      s = summary_for (days, session->day);
      s->psfs_mean = session->mean;
      s->psfs_n = session->n_rated;
    }
}

/* The day's acetaminophen, combination tablets included (Percocet 10/325: 325 mg each). */
static void
append_acetaminophen_mg (GString   *out,
                         GPtrArray *doses,
                         GPtrArray *medications,
                         guint32    day)
{
  g_string_append_c (out, ',');
  append_mean (out, pd_daily_acetaminophen_mg (doses, medications, day));
}

/* domain.md's codes, ";"-separated: "over_max:acetaminophen;mme_90". */
static void
append_safety_flags (GString              *out,
                     GPtrArray            *doses,
                     GPtrArray            *medications,
                     guint32               day,
                     const PdCheckOptions *options)
{
  g_autofree char *flags = pd_day_safety_flags (doses, medications, day, options);

  g_string_append_c (out, ',');
  _pd_csv_append_cell (out, flags, TRUE);
}

GBytes *
pd_csv_export_summary (PdDiaryData *data,
                       guint32      from_day,
                       guint32      to_day)
{
  return pd_csv_export_summary_full (data, from_day, to_day, NULL);
}

GBytes *
pd_csv_export_summary_full (PdDiaryData          *data,
                            guint32               from_day,
                            guint32               to_day,
                            const PdCheckOptions *options)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  /* Taken doses by local day: a day's MME needs its doses and the two days before (a
   * fentanyl patch is worn 72 h). */
  g_autoptr(GHashTable) doses_by_day =
    g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) sorted = NULL;
  GHashTableIter iter;
  gpointer value;
  GString *out;

  g_return_val_if_fail (data != NULL, NULL);

  for (guint i = 0; data->pain_entries && i < data->pain_entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (data->pain_entries, i);
      guint32 day = pd_pain_entry_get_local_day (entry);
      DaySummary *s;
      int pain = pd_pain_entry_get_pain (entry);
      double sleep = pd_pain_entry_get_sleep_hours (entry);

      if (!pd_csv_day_in_range (day, from_day, to_day))
        continue;
      s = summary_for (days, day);
      s->entries++;
      s->pain_sum += pain;
      s->pain_min = MIN (s->pain_min, pain);
      s->pain_max = MAX (s->pain_max, pain);
      add_optional (pd_pain_entry_get_enjoyment_interference (entry), &s->enjoyment_sum,
                    &s->enjoyment_n);
      add_optional (pd_pain_entry_get_activity_interference (entry), &s->activity_sum,
                    &s->activity_n);
      add_optional (pd_pain_entry_get_mood (entry), &s->mood_sum, &s->mood_n);
      add_optional (pd_pain_entry_get_back_pain (entry), &s->back_sum, &s->back_n);
      add_optional (pd_pain_entry_get_leg_pain (entry), &s->leg_sum, &s->leg_n);
      if (sleep >= 0)
        {
          s->sleep_sum += sleep;
          s->sleep_n++;
        }
    }
  for (guint i = 0; data->doses && i < data->doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (data->doses, i);
      guint32 day = pd_dose_get_local_day (dose);
      GPtrArray *bucket;

      if (pd_dose_get_status (dose) != PD_DOSE_TAKEN)
        continue;
      bucket = g_hash_table_lookup (doses_by_day, GUINT_TO_POINTER (day));
      if (bucket == NULL)
        {
          bucket = g_ptr_array_new ();
          g_hash_table_insert (doses_by_day, GUINT_TO_POINTER (day), bucket);
        }
      g_ptr_array_add (bucket, dose);
      if (pd_csv_day_in_range (day, from_day, to_day))
        summary_for (days, day)->doses++;
    }
  for (guint i = 0; data->activities && i < data->activities->len; i++)
    {
      PdActivity *activity = g_ptr_array_index (data->activities, i);
      guint32 day = pd_activity_get_local_day (activity);

      if (pd_csv_day_in_range (day, from_day, to_day))
        summary_for (days, day)->activity_min += pd_activity_get_duration (activity);
    }
  for (guint i = 0; data->events && i < data->events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (data->events, i);
      guint32 day = pd_event_get_local_day (event);

      if (pd_csv_day_in_range (day, from_day, to_day))
        summary_for (days, day)->events++;
    }
  add_psfs_days (days, data, from_day, to_day);

  sorted = g_ptr_array_sized_new (g_hash_table_size (days));
  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_summaries);

  out = g_string_sized_new (64 + sorted->len * 64);
  g_string_append (out, PD_CSV_SUMMARY_HEADER EOL);
  for (guint i = 0; i < sorted->len; i++)
    {
      DaySummary *s = g_ptr_array_index (sorted, i);
      g_autoptr(GPtrArray) recent = g_ptr_array_new ();

      _pd_csv_append_date (out, s->day);
      g_string_append_printf (out, ",%u,", s->entries);
      if (s->entries > 0)
        {
          append_mean (out, s->pain_sum / s->entries);
          g_string_append_printf (out, ",%d,%d", s->pain_min, s->pain_max);
        }
      else
        {
          g_string_append (out, ",,");
        }
      append_optional_mean (out, s->enjoyment_sum, s->enjoyment_n);
      append_optional_mean (out, s->activity_sum, s->activity_n);
      append_optional_mean (out, s->sleep_sum, s->sleep_n);
      append_optional_mean (out, s->mood_sum, s->mood_n);
      g_string_append_printf (out, ",%u,", s->doses);

      for (guint32 d = s->day - 2; d <= s->day; d++)
        {
          GPtrArray *bucket = g_hash_table_lookup (doses_by_day, GUINT_TO_POINTER (d));
          if (bucket != NULL)
            g_ptr_array_extend (recent, bucket, NULL, NULL);
        }
      append_mean (out, recent->len > 0 ? pd_daily_mme (recent, data->medications, s->day) : 0);
      g_string_append_printf (out, ",%u,%u", s->activity_min, s->events);
      append_back_pain_mean (out, s);
      append_leg_pain_mean (out, s);
      append_psfs_mean (out, s);
      append_acetaminophen_mg (out, recent, data->medications, s->day);
      append_safety_flags (out, recent, data->medications, s->day, options);
      g_string_append (out, EOL);
    }
  return g_string_free_to_bytes (out);
}
