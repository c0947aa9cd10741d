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

gboolean
_pd_csv_needs_neutralising (const char *text)
{
  /* Quotes followed by a formula character would lose one quote on import: quote them too. */
  while (*text == '\'')
    text++;
  return strchr ("=+-@\t\r", *text) != NULL && *text != '\0';
}

static void
append_cell (GString    *out,
             const char *text,
             gboolean    neutralise)
{
  gboolean quote;

  if (text == NULL || *text == '\0')
    return;

  quote = strpbrk (text, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  if (neutralise && _pd_csv_needs_neutralising (text))
    g_string_append_c (out, '\'');
  if (quote)
    {
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append (out, text);
    }
}

/* Integers by hand: printf was a third of the time of exporting ten years. */
static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  int n = 0;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      digits[n++] = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* 0 <= value < 100, as two digits. */
static void
append_two_digits (GString *out,
                   int      value)
{
  g_string_append_c (out, '0' + value / 10);
  g_string_append_c (out, '0' + value % 10);
}

/* The shortest of %.15g and %.17g that reads back as the same double: 7, 6.5, 0.1. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == (double) (gint64) value && ABS (value) < 1e15 && !(value == 0 && signbit (value)))
    {
      append_int (out, (gint64) value);
      return;
    }
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (out, buffer);
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

static void
append_optional_int (GString *out,
                     int      value)
{
  if (value != PD_UNSET)
    append_int (out, value);
}

static void
append_date (GString *out,
             guint32  day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  append_two_digits (out, g_date_get_year (&date) / 100);
  append_two_digits (out, g_date_get_year (&date) % 100);
  g_string_append_c (out, '-');
  append_two_digits (out, g_date_get_month (&date));
  g_string_append_c (out, '-');
  append_two_digits (out, g_date_get_day (&date));
}

static void
append_tags (GString  *out,
             PdTagKind kind,
             guint64   mask)
{
  g_autofree char *tags = NULL;

  if (mask == 0)
    return;
  tags = pd_tags_to_string (kind, mask);
  g_string_append (out, tags);
}

/* Keys, then the patient's own values as written (which may need quotes). */
static void
append_tags_full (GString            *out,
                  PdTagKind           kind,
                  guint64             mask,
                  const char * const *custom)
{
  g_autofree char *tags = NULL;

  if (custom[0] == NULL)
    {
      append_tags (out, kind, mask);
      return;
    }
  tags = pd_tags_to_string_full (kind, mask, custom);
  append_cell (out, tags, TRUE);
}

/* The kind of a function or impression row (record: its PdCsvSpineRow), after PdRecordKind's. */
#define ROW_SPINE ((PdRecordKind) (PD_RECORD_EVENT + 1))

/* One record to write, whatever its kind. */
typedef struct
{
  gint64 minute;   /* the instant in whole minutes: the CSV's precision */
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

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static gboolean
in_range (guint32 day,
          guint32 from_day,
          guint32 to_day)
{
  return (from_day == 0 || day >= from_day) && (to_day == 0 || day <= to_day);
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
  Row row = { floor_div (unix_time, 60), utc_offset, id, kind, record };

  if (in_range (pd_local_day (unix_time, utc_offset), from_day, to_day))
    g_array_append_val (rows, row);
}

static void
append_row (GString   *out,
            const Row *row)
{
  gint64 local_minute = row->minute + row->utc_offset / 60;
  gint64 day_minute = local_minute - floor_div (local_minute, 1440) * 1440;
  int offset = ABS (row->utc_offset);
  static const char * const kinds[] = {
    [PD_RECORD_PAIN] = "pain", [PD_RECORD_DOSE] = "dose",
    [PD_RECORD_ACTIVITY] = "activity", [PD_RECORD_EVENT] = "event",
  };
  const char *note = NULL;

  g_string_append (out, row->id);
  g_string_append_c (out, ',');
  append_date (out, pd_local_day (row->minute * 60, row->utc_offset));
  g_string_append_c (out, ',');
  append_two_digits (out, day_minute / 60);
  g_string_append_c (out, ':');
  append_two_digits (out, day_minute % 60);
  g_string_append_c (out, ',');
  g_string_append_c (out, row->utc_offset < 0 ? '-' : '+');
  append_two_digits (out, offset / 3600);
  g_string_append_c (out, ':');
  append_two_digits (out, offset % 3600 / 60);
  g_string_append_c (out, ',');
  g_string_append (out, row->kind == ROW_SPINE ? ((const PdCsvSpineRow *) row->record)->kind
                                                : kinds[row->kind]);
  g_string_append_c (out, ',');

  /* pain .. red_flags */
  if (row->kind == PD_RECORD_PAIN)
    {
      PdPainEntry *entry = row->record;
      double sleep = pd_pain_entry_get_sleep_hours (entry);

      append_int (out, pd_pain_entry_get_pain (entry));
      g_string_append_c (out, ',');
      append_optional_int (out, pd_pain_entry_get_enjoyment_interference (entry));
      g_string_append_c (out, ',');
      append_optional_int (out, pd_pain_entry_get_activity_interference (entry));
      g_string_append_c (out, ',');
      append_tags_full (out, PD_TAG_LOCATION, pd_pain_entry_get_locations (entry),
                        pd_pain_entry_get_custom_locations (entry));
      g_string_append_c (out, ',');
      append_tags_full (out, PD_TAG_QUALITY, pd_pain_entry_get_qualities (entry),
                        pd_pain_entry_get_custom_qualities (entry));
      g_string_append_c (out, ',');
      if (sleep >= 0)
        append_double (out, sleep);
      g_string_append_c (out, ',');
      append_optional_int (out, pd_pain_entry_get_sleep_quality (entry));
      g_string_append_c (out, ',');
      append_optional_int (out, pd_pain_entry_get_mood (entry));
      g_string_append_c (out, ',');
      append_tags (out, PD_TAG_RED_FLAG, pd_pain_entry_get_red_flags (entry));
      g_string_append (out, ",,,,,,");
      note = pd_pain_entry_get_note (entry);
    }
  else
    {
      g_string_append (out, ",,,,,,,,,");
    }

  /* item .. intensity */
  if (row->kind == PD_RECORD_DOSE)
    {
      PdDose *dose = row->record;

      append_cell (out, pd_dose_get_name (dose), TRUE);
      g_string_append_c (out, ',');
      append_double (out, pd_dose_get_amount (dose));
      g_string_append_c (out, ',');
      append_cell (out, pd_dose_get_unit (dose), TRUE);
      g_string_append (out, ",,,");
      note = pd_dose_get_note (dose);
    }
  else if (row->kind == PD_RECORD_ACTIVITY)
    {
      PdActivity *activity = row->record;

      append_cell (out, pd_activity_get_name (activity), TRUE);
      g_string_append (out, ",,,");
      append_int (out, pd_activity_get_duration (activity));
      g_string_append_c (out, ',');
      append_optional_int (out, pd_activity_get_effort (activity));
      g_string_append_c (out, ',');
      note = pd_activity_get_note (activity);
    }
  else if (row->kind == PD_RECORD_EVENT)
    {
      PdEvent *event = row->record;

      append_cell (out, pd_event_get_title (event), TRUE);
      g_string_append (out, ",,,,,");
      note = pd_event_get_note (event);
    }
  else if (row->kind == ROW_SPINE)
    {
      const PdCsvSpineRow *spine = row->record;

      append_cell (out, spine->item, TRUE);
      g_string_append_c (out, ',');
      g_string_append (out, spine->amount);
      g_string_append (out, ",,,,");
      note = spine->note;
    }

  append_cell (out, note, TRUE);

  /* Version 2: back_pain, leg_pain, event_kind, end_date */
  g_string_append_c (out, ',');
  if (row->kind == PD_RECORD_PAIN)
    {
      append_optional_int (out, pd_pain_entry_get_back_pain (row->record));
      g_string_append_c (out, ',');
      append_optional_int (out, pd_pain_entry_get_leg_pain (row->record));
      g_string_append (out, ",,");
    }
  else if (row->kind == PD_RECORD_EVENT)
    {
      guint32 end_day = pd_event_get_end_day (row->record);

      g_string_append (out, ",,");
      g_string_append (out, pd_event_get_kind (row->record));
      g_string_append_c (out, ',');
      if (end_day != 0)
        append_date (out, end_day);
    }
  else
    {
      g_string_append (out, ",,,");
    }
  g_string_append (out, EOL);
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

      if (!in_range (session->day, from_day, to_day))
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
  append_cell (out, flags, TRUE);
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

      if (!in_range (day, from_day, to_day))
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
      if (in_range (day, from_day, to_day))
        summary_for (days, day)->doses++;
    }
  for (guint i = 0; data->activities && i < data->activities->len; i++)
    {
      PdActivity *activity = g_ptr_array_index (data->activities, i);
      guint32 day = pd_activity_get_local_day (activity);

      if (in_range (day, from_day, to_day))
        summary_for (days, day)->activity_min += pd_activity_get_duration (activity);
    }
  for (guint i = 0; data->events && i < data->events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (data->events, i);
      guint32 day = pd_event_get_local_day (event);

      if (in_range (day, from_day, to_day))
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

      append_date (out, s->day);
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
