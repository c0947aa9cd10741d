/* pd-csv-import.c: reading and checking a diary CSV, then writing it all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "pd-csv.h"
#include "pd-csv-private.h"
#include "pd-csv-spine.h"
#include "pd-database-ids.h"
#include "pd-input-file.h"
#include "pd-catalogue.h"
#include "pd-error.h"
#include "pd-tags.h"
#include "pd-types.h"

/* The longest field in bytes: a note of PD_MAX_NOTE_LENGTH characters of up to 4 bytes,
 * plus the neutralising quote. Anything longer is over the limit in characters too. */
#define MAX_FIELD_BYTES (PD_MAX_NOTE_LENGTH * 4 + 1)

/* Columns, in the order of PD_CSV_HEADER. */
typedef enum
{
  COL_ID, COL_DATE, COL_TIME, COL_UTC_OFFSET, COL_KIND, COL_PAIN, COL_ENJOYMENT,
  COL_ACTIVITY_INTERFERENCE, COL_LOCATIONS, COL_QUALITIES, COL_SLEEP_HOURS,
  COL_SLEEP_QUALITY, COL_MOOD, COL_RED_FLAGS, COL_ITEM, COL_AMOUNT, COL_UNIT,
  COL_DURATION, COL_INTENSITY, COL_NOTE,
  N_V1_COLUMNS,
  /* version 2 */
  COL_BACK_PAIN = N_V1_COLUMNS, COL_LEG_PAIN, COL_EVENT_KIND, COL_END_DATE,
  N_COLUMNS
} Column;

static const char * const column_names[N_COLUMNS] = {
  "id", "date", "time", "utc_offset", "kind", "pain", "enjoyment_interference",
  "activity_interference", "locations", "qualities", "sleep_hours", "sleep_quality", "mood",
  "red_flags", "item", "amount", "unit", "duration_min", "intensity", "note",
  "back_pain", "leg_pain", "event_kind", "end_date",
};

/* Row kinds after PdRecordKind's: the spine outcomes (pd-csv-spine.c). Their records are
 * kept in memory even when an import streams, and written after the others. */
enum { KIND_FUNCTION = PD_RECORD_EVENT + 1, KIND_IMPRESSION, N_KINDS };

struct _PdCsvImport
{
  char *name;              /* for messages */
  char *path;              /* the file, or NULL for data */
  GBytes *data;
  guint n_rows;
  guint n_present;
  guint n_new[N_KINDS];
  gboolean streamed;       /* too many to keep: commit reads the file again */
  GPtrArray *pain_entries;
  GPtrArray *doses;
  GPtrArray *activities;
  GPtrArray *events;
  GPtrArray *ratings;      /* new function ratings */
  GPtrArray *impressions;  /* new impressions; their events found after the last row */
  GPtrArray *function_activities;  /* the diary's and the new ones, to find by name */
  GPtrArray *new_activities;       /* made for function rows */
  GPtrArray *known_events;         /* the diary's and the file's, to find by title */
  GPtrArray *custom[2];    /* own locations, own qualities: char *, each once */
};

/* The reader: RFC 4180 over a chunk of the file in buffer, unquoting fields in place. */
#define MAX_READ_BUFFER (4 * 1024 * 1024)
static gsize read_chunk = 1024 * 1024;
/* Imports of more new records than this keep none in memory: commit reads the file again
 * and writes as it goes, in one transaction. */
static guint max_kept_records = 100000;

void
_pd_csv_import_set_sizes (gsize chunk,
                          guint max_kept)
{
  read_chunk = chunk;
  max_kept_records = max_kept;
}

typedef struct
{
  const char *name;      /* the file, for messages */
  int fd;                /* the file, or -1 to read mem */
  const char *mem;
  gsize mem_length;
  gsize mem_pos;
  gboolean eof;          /* all read into buffer */
  char *buffer;          /* capacity + 1 bytes, NUL-terminated at total */
  gsize capacity;
  gsize total;           /* bytes in buffer */
  gsize length;          /* the rows to parse end here */
  gsize pos;
  guint line;            /* physical line of pos, 1-based */
  char **fields;         /* the row's, pointing into buffer */
  gsize *lengths;
  guint n_row_fields;
  guint fields_capacity;
  guint8 stop[256];      /* the bytes that end an unquoted run: separator, CR, LF, quote, NUL */
  int map[N_COLUMNS];    /* column -> field index in a row; -1 for a v2 column in a v1 file */
  guint n_fields;        /* the header's */
  char separator;        /* ',' or, as spreadsheets write in many locales, ';' */
  gboolean cr_lines;     /* lines end with a lone CR (old Mac, some spreadsheets) */
  gboolean have_header;
} Reader;

static const char *
field_name (Reader *reader,
            guint   index)
{
  static char buffer[32];

  if (!reader->have_header)
    return "header";
  for (guint c = 0; c < N_COLUMNS; c++)
    if (reader->map[c] == (int) index)
      return column_names[c];
  g_snprintf (buffer, sizeof buffer, "column %u", index + 1);
  return buffer;
}

static void
set_error (GError     **error,
           const char  *file,
           guint        line,
           const char  *field,
           const char  *format,
           ...) G_GNUC_PRINTF (5, 6);

static void
set_error (GError     **error,
           const char  *file,
           guint        line,
           const char  *field,
           const char  *format,
           ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s:%u: %s: %s", file, line, field, reason);
}

static void
set_stop_bytes (Reader *reader)
{
  memset (reader->stop, 0, sizeof reader->stop);
  reader->stop[(guchar) reader->separator] = 1;
  reader->stop['\r'] = reader->stop['\n'] = reader->stop['"'] = reader->stop['\0'] = 1;
}

/* Reads the next row into reader->fields. 1: a row, starting on *row_line; 0: end of file;
 * -1: error. */
static int
read_row (Reader  *reader,
          guint   *row_line,
          GError **error)
{
  char *buf = reader->buffer;
  gsize len = reader->length;
  gsize pos = reader->pos;

  if (pos >= len)
    return 0;

  *row_line = reader->line;
  reader->n_row_fields = 0;

  for (;;)
    {
      char *start = buf + pos;
      char *w = start;
      gboolean row_end = FALSE;
      gsize field_length;

      if (buf[pos] == '"')
        {
          pos++;
          for (;;)
            {
              char c;

              if (pos >= len)
                {
                  set_error (error, reader->name, *row_line,
                             field_name (reader, reader->n_row_fields),
                             _("a quoted field is not closed"));
                  return -1;
                }
              c = buf[pos];
              if (c == '"')
                {
                  if (pos + 1 < len && buf[pos + 1] == '"')
                    {
                      *w++ = '"';
                      pos += 2;
                      continue;
                    }
                  pos++;
                  break;
                }
              if (c == (reader->cr_lines ? '\r' : '\n'))
                reader->line++;
              *w++ = c;
              pos++;
              if ((gsize) (w - start) > MAX_FIELD_BYTES)
                goto too_long;
            }
          if (pos >= len)
            row_end = TRUE;
          else if (buf[pos] == reader->separator)
            pos++;
          else if (reader->cr_lines && buf[pos] == '\r')
            row_end = TRUE, pos++, reader->line++;
          else if (buf[pos] == '\n')
            row_end = TRUE, pos++, reader->line++;
          else if (buf[pos] == '\r' && pos + 1 < len && buf[pos + 1] == '\n')
            row_end = TRUE, pos += 2, reader->line++;
          else
            {
              set_error (error, reader->name, *row_line,
                         field_name (reader, reader->n_row_fields),
                         _("text after the closing quote (double a quote inside a quoted field)"));
              return -1;
            }
        }
      else
        {
          gsize field_start = pos;

          for (;;)
            {
              char c;

              /* The run of ordinary bytes at once; the table stops at the end of the
               * chunk too (a line end, or the NUL after the last byte of the file). */
              while (!reader->stop[(guchar) buf[pos]])
                pos++;
              if (pos - field_start > MAX_FIELD_BYTES)
                goto too_long;
              w = buf + pos;
              if (pos >= len)
                {
                  row_end = TRUE;
                  break;
                }
              c = buf[pos];
              if (c == '\0')
                {
                  pos++;
                  continue;
                }
              if (c == reader->separator)
                {
                  pos++;
                  break;
                }
              if (c == '\r' && reader->cr_lines)
                {
                  row_end = TRUE, pos++, reader->line++;
                  break;
                }
              if (c == '\n')
                {
                  row_end = TRUE, pos++, reader->line++;
                  break;
                }
              if (c == '\r')
                {
                  if (pos + 1 < len && buf[pos + 1] == '\n')
                    {
                      row_end = TRUE, pos += 2, reader->line++;
                      break;
                    }
                  set_error (error, reader->name, *row_line,
                             field_name (reader, reader->n_row_fields),
                             _("a carriage return outside quotes"));
                  return -1;
                }
              set_error (error, reader->name, *row_line,
                         field_name (reader, reader->n_row_fields),
                         _("a quote inside an unquoted field"));
              return -1;
            }
        }

      field_length = w - start;
      *w = '\0';
      if (reader->n_row_fields == reader->fields_capacity)
        {
          reader->fields_capacity *= 2;
          reader->fields = g_renew (char *, reader->fields, reader->fields_capacity);
          reader->lengths = g_renew (gsize, reader->lengths, reader->fields_capacity);
        }
      reader->fields[reader->n_row_fields] = start;
      reader->lengths[reader->n_row_fields++] = field_length;
      if (row_end)
        break;
    }

  reader->pos = pos;
  return 1;

too_long:
  set_error (error, reader->name, *row_line, field_name (reader, reader->n_row_fields),
             _("longer than %d characters"), PD_MAX_NOTE_LENGTH);
  return -1;
}

/* The separator and the line ends, from the header line (which has no quotes). */
static void
sniff_header (Reader *reader)
{
  guint commas = 0, semicolons = 0;

  for (gsize p = reader->pos; p < reader->length; p++)
    {
      char c = reader->buffer[p];

      if (c == '\r' || c == '\n')
        {
          reader->cr_lines = c == '\r' && (p + 1 >= reader->length || reader->buffer[p + 1] != '\n');
          break;
        }
      commas += c == ',';
      semicolons += c == ';';
    }
  reader->separator = commas == 0 && semicolons > 0 ? ';' : ',';
  set_stop_bytes (reader);
}

static gboolean
read_header (Reader  *reader,
             GError **error)
{
  guint line = 1;
  int status;
  guint n_v2 = 0;

  sniff_header (reader);
  status = read_row (reader, &line, error);

  if (status < 0)
    return FALSE;
  if (status == 0)
    {
      set_error (error, reader->name, 1, "header", _("the file is empty"));
      return FALSE;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    reader->map[c] = -1;
  for (guint i = 0; i < reader->n_row_fields; i++)
    {
      const char *name = reader->fields[i];
      gboolean known = FALSE;

      for (guint c = 0; c < N_COLUMNS && !known; c++)
        {
          if (strcmp (name, column_names[c]) != 0)
            continue;
          known = TRUE;
          if (reader->map[c] != -1)
            {
              set_error (error, reader->name, line, "header", _("column “%s” appears twice"),
                         name);
              return FALSE;
            }
          reader->map[c] = i;
        }
      if (!known)
        {
          g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 40));
          set_error (error, reader->name, line, "header",
                     _("unknown column “%s”; a diary CSV starts with %s"), shown, PD_CSV_HEADER);
          return FALSE;
        }
    }
  /* Version 1 has none of the version 2 columns; version 2 has them all. */
  for (guint c = N_V1_COLUMNS; c < N_COLUMNS; c++)
    n_v2 += reader->map[c] != -1;
  for (guint c = 0; c < (n_v2 > 0 ? N_COLUMNS : N_V1_COLUMNS); c++)
    if (reader->map[c] == -1)
      {
        set_error (error, reader->name, line, "header", _("column “%s” is missing"),
                   column_names[c]);
        return FALSE;
      }

  reader->n_fields = reader->n_row_fields;
  reader->have_header = TRUE;
  return TRUE;
}

/* Converting one row */

typedef struct
{
  const char *file;
  guint line;
  gboolean decimal_comma;    /* a ';'-separated file may write 7,5 for 7.5 */
  const char *values[N_COLUMNS];
} Row;

/* At most 40 characters of a value (already valid UTF-8), for a message. */
static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= 40)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, 40);
  return g_strconcat (start, "…", NULL);
}

static gboolean
row_error (Row        *row,
           Column      column,
           GError    **error,
           const char *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
row_error (Row        *row,
           Column      column,
           GError    **error,
           const char *format,
           ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  set_error (error, row->file, row->line, column_names[column], "%s", reason);
  return FALSE;
}

/* A validator's "field: reason", prefixed with the file and line. */
static gboolean
row_error_from (Row     *row,
                GError  *local,
                GError **error)
{
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s:%u: %s", row->file, row->line,
               local->message);
  g_error_free (local);
  return FALSE;
}

static gboolean
is_empty (Row    *row,
          Column  column)
{
  return row->values[column][0] == '\0';
}

/* An optional whole number within min..max; PD_UNSET when empty. */
static gboolean
get_int (Row      *row,
         Column    column,
         gboolean  required,
         int       min,
         int       max,
         int      *value,
         GError  **error)
{
  const char *text = row->values[column];
  gint64 number;

  if (*text == '\0')
    {
      if (required)
        return row_error (row, column, error, _("missing"));
      *value = PD_UNSET;
      return TRUE;
    }
  for (const char *p = text + (*text == '-'); ; p++)
    {
      if (*p == '\0' && p > text + (*text == '-') && p - text <= 10)
        break;
      if (!g_ascii_isdigit (*p))
        {
          g_autofree char *shown = shorten (text);
          return row_error (row, column, error, _("“%s” is not a whole number"), shown);
        }
    }
  number = g_ascii_strtoll (text, NULL, 10);
  if (number < min || number > max)
    return row_error (row, column, error, _("%s is outside %d–%d"), text, min, max);
  *value = (int) number;
  return TRUE;
}

/* A decimal number with a '.' point (no exponent letters other than e, no hex, no inf). */
static gboolean
get_double (Row     *row,
            Column   column,
            double  *value,
            GError **error)
{
  const char *text = row->values[column];
  char number[64];
  char *end = NULL;
  gsize length = strlen (text);

  if (*text == '\0')
    return row_error (row, column, error, _("missing"));
  if (length >= sizeof number)
    goto bad;
  for (gsize i = 0; i <= length; i++)
    {
      char c = text[i];

      if (c == ',' && row->decimal_comma)
        c = '.';
      else if (c != '\0' && !g_ascii_isdigit (c) && strchr (".eE+-", c) == NULL)
        goto bad;
      number[i] = c;
    }
  if (strchr (number, '.') != strrchr (number, '.'))
    goto bad;
  *value = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0' || !isfinite (*value))
    goto bad;
  return TRUE;

bad:
  {
    g_autofree char *shown = shorten (text);
    if (row->decimal_comma)
      return row_error (row, column, error, _("“%s” is not a number"), shown);
    return row_error (row, column, error,
                      _("“%s” is not a number (use a '.' decimal point)"), shown);
  }
}

static const char *get_text (Row    *row,
                             Column  column);

static gboolean
get_tags (Row      *row,
          Column    column,
          PdTagKind kind,
          guint64  *mask,
          GStrv    *custom,
          GError  **error)
{
  g_autoptr(GError) local = NULL;

  if (!pd_tags_parse (kind, get_text (row, column), TRUE, mask, custom, &local))
    return row_error (row, column, error, "%s", local->message);
  return TRUE;
}

/* A text cell without the quote that export's formula neutralisation added. */
static const char *
get_text (Row    *row,
          Column  column)
{
  const char *text = row->values[column];

  if (text[0] == '\'' && _pd_csv_needs_neutralising (text + 1))
    return text + 1;
  return text;
}

static gboolean
check_unused (Row          *row,
              const Column *columns,
              guint         n_columns,
              const char   *kind,
              GError      **error)
{
  for (guint i = 0; i < n_columns; i++)
    if (!is_empty (row, columns[i]))
      return row_error (row, columns[i], error, _("not used in %s rows; leave it empty"), kind);
  return TRUE;
}

static gboolean
parse_two_digits (const char *text,
                  int         max,
                  int        *value)
{
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]))
    return FALSE;
  *value = (text[0] - '0') * 10 + (text[1] - '0');
  return *value <= max;
}

/* The instant of the row's date, time and offset. */
static gboolean
get_time (Row     *row,
          gint64  *unix_time,
          int     *utc_offset,
          GError **error)
{
  const char *date = row->values[COL_DATE];
  const char *time = row->values[COL_TIME];
  const char *offset = row->values[COL_UTC_OFFSET];
  guint32 day;
  int hours, minutes, offset_hours, offset_minutes;

  if (!pd_csv_parse_date (date, &day))
    {
      g_autofree char *shown = shorten (date);
      return row_error (row, COL_DATE, error, _("“%s” is not a date (YYYY-MM-DD)"), shown);
    }
  if (strlen (time) != 5 || time[2] != ':' || !parse_two_digits (time, 23, &hours) ||
      !parse_two_digits (time + 3, 59, &minutes))
    {
      g_autofree char *shown = shorten (time);
      return row_error (row, COL_TIME, error, _("“%s” is not a time of day (HH:MM)"), shown);
    }
  if (strlen (offset) != 6 || (offset[0] != '+' && offset[0] != '-') || offset[3] != ':' ||
      !parse_two_digits (offset + 1, 14, &offset_hours) ||
      !parse_two_digits (offset + 4, 59, &offset_minutes) ||
      offset_hours * 60 + offset_minutes > 14 * 60)
    {
      g_autofree char *shown = shorten (offset);
      return row_error (row, COL_UTC_OFFSET, error,
                        _("“%s” is not a UTC offset (+HH:MM, from -14:00 to +14:00)"), shown);
    }

  *utc_offset = (offset_hours * 3600 + offset_minutes * 60) * (offset[0] == '-' ? -1 : 1);
  *unix_time = pd_local_day_start (day, *utc_offset) + hours * 3600 + minutes * 60;
  return TRUE;
}

static gpointer
pain_from_row (Row     *row,
               gint64   unix_time,
               int      utc_offset,
               GError **error)
{
  static const Column unused[] = {
    COL_ITEM, COL_AMOUNT, COL_UNIT, COL_DURATION, COL_INTENSITY, COL_EVENT_KIND, COL_END_DATE,
  };
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  int pain, enjoyment, interference, sleep_quality, mood, back_pain, leg_pain;
  guint64 locations, qualities, red_flags;
  g_auto(GStrv) custom_locations = NULL;
  g_auto(GStrv) custom_qualities = NULL;
  double sleep = -1;

  if (!check_unused (row, unused, G_N_ELEMENTS (unused), "pain", error) ||
      !get_int (row, COL_PAIN, TRUE, 0, 10, &pain, error) ||
      !get_int (row, COL_ENJOYMENT, FALSE, 0, 10, &enjoyment, error) ||
      !get_int (row, COL_ACTIVITY_INTERFERENCE, FALSE, 0, 10, &interference, error) ||
      !get_tags (row, COL_LOCATIONS, PD_TAG_LOCATION, &locations, &custom_locations, error) ||
      !get_tags (row, COL_QUALITIES, PD_TAG_QUALITY, &qualities, &custom_qualities, error) ||
      (!is_empty (row, COL_SLEEP_HOURS) && !get_double (row, COL_SLEEP_HOURS, &sleep, error)) ||
      !get_int (row, COL_SLEEP_QUALITY, FALSE, 0, 10, &sleep_quality, error) ||
      !get_int (row, COL_MOOD, FALSE, 0, 10, &mood, error) ||
      !get_tags (row, COL_RED_FLAGS, PD_TAG_RED_FLAG, &red_flags, NULL, error) ||
      !get_int (row, COL_BACK_PAIN, FALSE, 0, 10, &back_pain, error) ||
      !get_int (row, COL_LEG_PAIN, FALSE, 0, 10, &leg_pain, error))
    return NULL;
  if (!is_empty (row, COL_SLEEP_HOURS) && (sleep < 0 || sleep > 24))
    {
      row_error (row, COL_SLEEP_HOURS, error, _("%s is outside 0–24 hours"),
                 row->values[COL_SLEEP_HOURS]);
      return NULL;
    }

  pd_pain_entry_set_time (entry, unix_time, utc_offset);
  pd_pain_entry_set_pain (entry, pain);
  pd_pain_entry_set_enjoyment_interference (entry, enjoyment);
  pd_pain_entry_set_activity_interference (entry, interference);
  pd_pain_entry_set_back_pain (entry, back_pain);
  pd_pain_entry_set_leg_pain (entry, leg_pain);
  pd_pain_entry_set_locations (entry, locations);
  pd_pain_entry_set_qualities (entry, qualities);
  pd_pain_entry_set_custom_locations (entry, (const char * const *) custom_locations);
  pd_pain_entry_set_custom_qualities (entry, (const char * const *) custom_qualities);
  pd_pain_entry_set_sleep_hours (entry, sleep);
  pd_pain_entry_set_sleep_quality (entry, sleep_quality);
  pd_pain_entry_set_mood (entry, mood);
  pd_pain_entry_set_red_flags (entry, red_flags);
  pd_pain_entry_set_note (entry, get_text (row, COL_NOTE));
  return g_steal_pointer (&entry);
}

/* What only pain rows fill. */
static const Column pain_columns[] = {
  COL_PAIN, COL_ENJOYMENT, COL_ACTIVITY_INTERFERENCE, COL_LOCATIONS, COL_QUALITIES,
  COL_SLEEP_HOURS, COL_SLEEP_QUALITY, COL_MOOD, COL_RED_FLAGS, COL_BACK_PAIN, COL_LEG_PAIN,
};

static gboolean
check_item (Row     *row,
            GError **error)
{
  const char *item = get_text (row, COL_ITEM);
  g_autofree char *stripped = g_strstrip (g_strdup (item));

  if (*stripped == '\0')
    return row_error (row, COL_ITEM, error, _("missing"));
  if (g_utf8_strlen (item, -1) > PD_MAX_NAME_LENGTH)
    return row_error (row, COL_ITEM, error, _("longer than %d characters"), PD_MAX_NAME_LENGTH);
  return TRUE;
}

/* A brand or another name of a regimen entry's catalogue drug ("Percocet 10/325" for
 * "Oxycodone/acetaminophen 10/325"): regimen_by_name also keys entries by catalogue key. */
static const char *
regimen_by_catalogue (GHashTable *regimen,
                      const char *name)
{
  const PdMedicationInfo *info = pd_catalogue_find_medication (name);
  g_autofree char *key = NULL;

  if (info == NULL)
    return NULL;
  key = g_strconcat ("\001", info->key, NULL);
  return g_hash_table_lookup (regimen, key);
}

/* The regimen entry a dose's name means, or NULL. The regimen first; a catalogue
 * medication or a custom one keeps only its name, which the MME and warnings match through
 * the catalogue. A diary's doses have a few names: each is looked up once and kept in the
 * regimen table under "\002" and the name as written (""  for none). */
static const char *
regimen_medication_id (GHashTable *regimen,
                       const char *name)
{
  g_autofree char *known = g_strconcat ("\002", name, NULL);
  g_autofree char *folded = NULL;
  const char *id = g_hash_table_lookup (regimen, known);

  if (id != NULL)
    return *id != '\0' ? id : NULL;
  folded = g_utf8_casefold (name, -1);
  if ((id = g_hash_table_lookup (regimen, folded)) == NULL)
    id = regimen_by_catalogue (regimen, name);
  g_hash_table_insert (regimen, g_steal_pointer (&known), g_strdup (id != NULL ? id : ""));
  return id;
}

static gpointer
dose_from_row (Row        *row,
               GHashTable *regimen,
               gint64      unix_time,
               int         utc_offset,
               GError    **error)
{
  static const Column unused[] = { COL_DURATION, COL_INTENSITY, COL_EVENT_KIND, COL_END_DATE };
  g_autoptr(PdDose) dose = pd_dose_new ();
  const char *unit = row->values[COL_UNIT];
  double amount;

  if (!check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "dose", error) ||
      !check_unused (row, unused, G_N_ELEMENTS (unused), "dose", error) ||
      !check_item (row, error) ||
      !get_double (row, COL_AMOUNT, &amount, error))
    return NULL;
  if (*unit == '\0')
    {
      row_error (row, COL_UNIT, error, _("missing"));
      return NULL;
    }
  if (!pd_dose_unit_is_valid (unit))
    {
      g_autofree char *shown = shorten (unit);
      g_autofree char *known = g_strjoinv (", ", (char **) pd_dose_units ());

      row_error (row, COL_UNIT, error, _("“%s” is not a known unit (%s)"), shown, known);
      return NULL;
    }
  if (amount <= 0 || amount > pd_dose_unit_max_amount (unit))
    {
      row_error (row, COL_AMOUNT, error, _("%s %s is outside the possible range"),
                 row->values[COL_AMOUNT], unit);
      return NULL;
    }

  pd_dose_set_medication_id (dose, regimen_medication_id (regimen, get_text (row, COL_ITEM)));
  pd_dose_set_name (dose, get_text (row, COL_ITEM));
  pd_dose_set_time (dose, unix_time, utc_offset);
  pd_dose_set_amount (dose, amount);
  pd_dose_set_unit (dose, unit);
  pd_dose_set_status (dose, PD_DOSE_TAKEN);
  pd_dose_set_note (dose, get_text (row, COL_NOTE));
  return g_steal_pointer (&dose);
}

static gpointer
activity_from_row (Row     *row,
                   gint64   unix_time,
                   int      utc_offset,
                   GError **error)
{
  static const Column unused[] = { COL_AMOUNT, COL_UNIT, COL_EVENT_KIND, COL_END_DATE };
  g_autoptr(PdActivity) activity = pd_activity_new ();
  int duration, effort;

  if (!check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "activity", error) ||
      !check_unused (row, unused, G_N_ELEMENTS (unused), "activity", error) ||
      !check_item (row, error) ||
      !get_int (row, COL_DURATION, TRUE, 1, 1440, &duration, error) ||
      !get_int (row, COL_INTENSITY, FALSE, 0, 10, &effort, error))
    return NULL;

  pd_activity_set_name (activity, get_text (row, COL_ITEM));
  pd_activity_set_time (activity, unix_time, utc_offset);
  pd_activity_set_duration (activity, duration);
  pd_activity_set_effort (activity, effort);
  pd_activity_set_note (activity, get_text (row, COL_NOTE));
  return g_steal_pointer (&activity);
}

/* A version 1 event's kind, from words of its title (DESIGN.md "Diary CSV"). */
static const char *
guess_event_kind (const char *title)
{
  static const struct { const char *word; const char *kind; } words[] = {
    { "stimulator trial", "stimulator_trial" },
    { "fusion", "surgery" }, { "discectomy", "surgery" }, { "laminectomy", "surgery" },
    { "epidural", "injection" }, { "block", "injection" },
  };
  g_autofree char *folded = g_utf8_casefold (title, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (folded, words[i].word) != NULL)
      return words[i].kind;
  return "other";
}

static gboolean
get_event_kind (Row         *row,
                const char **kind,
                GError     **error)
{
  const char * const *kinds = pd_event_kinds ();
  const char *text = row->values[COL_EVENT_KIND];

  if (*text == '\0')
    {
      *kind = guess_event_kind (get_text (row, COL_ITEM));
      return TRUE;
    }
  for (guint i = 0; kinds[i] != NULL; i++)
    if (strcmp (kinds[i], text) == 0)
      {
        *kind = kinds[i];
        return TRUE;
      }
  {
    g_autofree char *shown = shorten (text);
    g_autofree char *known = g_strjoinv (", ", (char **) kinds);

    return row_error (row, COL_EVENT_KIND, error, _("“%s” is not an event kind (%s)"), shown,
                      known);
  }
}

static gpointer
event_from_row (Row     *row,
                gint64   unix_time,
                int      utc_offset,
                GError **error)
{
  static const Column unused[] = { COL_AMOUNT, COL_UNIT, COL_DURATION, COL_INTENSITY };
  g_autoptr(PdEvent) event = pd_event_new ();
  const char *kind = NULL;
  guint32 end_day = 0;

  if (!check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "event", error) ||
      !check_unused (row, unused, G_N_ELEMENTS (unused), "event", error) ||
      !check_item (row, error) ||
      !get_event_kind (row, &kind, error))
    return NULL;
  if (!is_empty (row, COL_END_DATE) && !pd_csv_parse_date (row->values[COL_END_DATE], &end_day))
    {
      g_autofree char *shown = shorten (row->values[COL_END_DATE]);
      row_error (row, COL_END_DATE, error, _("“%s” is not a date (YYYY-MM-DD)"), shown);
      return NULL;
    }

  pd_event_set_kind (event, kind);
  pd_event_set_title (event, get_text (row, COL_ITEM));
  pd_event_set_time (event, unix_time, utc_offset);
  pd_event_set_end_day (event, end_day);
  pd_event_set_note (event, get_text (row, COL_NOTE));
  return g_steal_pointer (&event);
}

/* The kinds of row: one parser each. A new kind is a new line here. */

typedef struct
{
  GHashTable *regimen;   /* casefolded name -> medication id */
  GPtrArray *function_activities;   /* to find a function row's activity by name ... */
  GPtrArray *new_activities;        /* ... or to add it here */
} Context;

static gpointer
parse_pain (Context *context, Row *row, gint64 t, int offset, GError **error)
{
  return pain_from_row (row, t, offset, error);
}

static gpointer
parse_dose (Context *context, Row *row, gint64 t, int offset, GError **error)
{
  return dose_from_row (row, context->regimen, t, offset, error);
}

static gpointer
parse_activity (Context *context, Row *row, gint64 t, int offset, GError **error)
{
  return activity_from_row (row, t, offset, error);
}

static gpointer
parse_event (Context *context, Row *row, gint64 t, int offset, GError **error)
{
  return event_from_row (row, t, offset, error);
}

/* The columns neither function nor impression rows use, beyond pain_columns. */
static const Column spine_unused[] = {
  COL_UNIT, COL_DURATION, COL_INTENSITY, COL_EVENT_KIND, COL_END_DATE, COL_NOTE,
};

static gpointer
parse_function (Context *context, Row *row, gint64 t, int offset, GError **error)
{
  g_autoptr(GError) local = NULL;
  gpointer rating;

  if (!check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "function", error) ||
      !check_unused (row, spine_unused, G_N_ELEMENTS (spine_unused), "function", error) ||
      !check_item (row, error))
    return NULL;
  rating = pd_csv_spine_read_function (NULL, t, offset, get_text (row, COL_ITEM),
                                       row->values[COL_AMOUNT], context->function_activities,
                                       context->new_activities, &local);
  if (rating == NULL)
    row_error_from (row, g_steal_pointer (&local), error);
  return rating;
}

/* The event an impression is about is found by its title after the last row (it may come
 * later in the file): until then the title and line ride on the record. */
#define IMPRESSION_TITLE "pd-csv-title"
#define IMPRESSION_LINE "pd-csv-line"

static gpointer
parse_impression (Context *context, Row *row, gint64 t, int offset, GError **error)
{
  g_autoptr(GError) local = NULL;
  PdImpression *impression;

  /* The note is the impression's own (the last of spine_unused). */
  if (!check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "impression", error) ||
      !check_unused (row, spine_unused, G_N_ELEMENTS (spine_unused) - 1, "impression", error))
    return NULL;
  impression = pd_csv_spine_read_impression (NULL, t, offset, NULL, row->values[COL_AMOUNT],
                                             NULL, &local);
  if (impression == NULL)
    {
      row_error_from (row, g_steal_pointer (&local), error);
      return NULL;
    }
  pd_impression_set_note (impression, get_text (row, COL_NOTE));
  g_object_set_data_full (G_OBJECT (impression), IMPRESSION_TITLE,
                          g_strdup (get_text (row, COL_ITEM)), g_free);
  g_object_set_data (G_OBJECT (impression), IMPRESSION_LINE, GUINT_TO_POINTER (row->line));
  return impression;
}

static void
set_pain_id (gpointer record, const char *id)
{
  pd_pain_entry_set_id (record, id);
}

static gboolean
validate_pain (gpointer record, GError **error)
{
  return pd_pain_entry_validate (record, error);
}

static void
set_dose_id (gpointer record, const char *id)
{
  pd_dose_set_id (record, id);
}

static gboolean
validate_dose (gpointer record, GError **error)
{
  return pd_dose_validate (record, error);
}

static void
set_activity_id (gpointer record, const char *id)
{
  pd_activity_set_id (record, id);
}

static gboolean
validate_activity (gpointer record, GError **error)
{
  return pd_activity_validate (record, error);
}

static void
set_event_id (gpointer record, const char *id)
{
  pd_event_set_id (record, id);
}

static gboolean
validate_event (gpointer record, GError **error)
{
  return pd_event_validate (record, error);
}

static void
set_function_id (gpointer record, const char *id)
{
  pd_function_rating_set_id (record, id);
}

static gboolean
validate_function (gpointer record, GError **error)
{
  return pd_function_rating_validate (record, error);
}

static void
set_impression_id (gpointer record, const char *id)
{
  pd_impression_set_id (record, id);
}

static gboolean
validate_impression (gpointer record, GError **error)
{
  return pd_impression_validate (record, error);
}

typedef struct
{
  const char *name;
  guint kind;            /* PdRecordKind, KIND_FUNCTION or KIND_IMPRESSION */
  gpointer (*parse) (Context *context, Row *row, gint64 unix_time, int utc_offset,
                     GError **error);
  void (*set_id) (gpointer record, const char *id);
  gboolean (*validate) (gpointer record, GError **error);
} RowKind;

static const RowKind row_kinds[] = {
  { "pain", PD_RECORD_PAIN, parse_pain, set_pain_id, validate_pain },
  { "dose", PD_RECORD_DOSE, parse_dose, set_dose_id, validate_dose },
  { "activity", PD_RECORD_ACTIVITY, parse_activity, set_activity_id,
    validate_activity },
  { "event", PD_RECORD_EVENT, parse_event, set_event_id, validate_event },
  { "function", KIND_FUNCTION, parse_function, set_function_id, validate_function },
  { "impression", KIND_IMPRESSION, parse_impression, set_impression_id, validate_impression },
};

static GPtrArray *
records_of_kind (PdCsvImport *self,
                 guint        kind)
{
  switch (kind)
    {
    case PD_RECORD_PAIN: return self->pain_entries;
    case PD_RECORD_DOSE: return self->doses;
    case PD_RECORD_ACTIVITY: return self->activities;
    case PD_RECORD_EVENT: return self->events;
    case KIND_FUNCTION: return self->ratings;
    case KIND_IMPRESSION: return self->impressions;
    default: return NULL;
    }
}

static void
note_custom (PdCsvImport        *self,
             guint               index,
             const char * const *values)
{
  if (values[0] == NULL)
    return;
  if (self->custom[index] == NULL)
    self->custom[index] = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  for (guint i = 0; values[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->custom[index], values[i], g_str_equal, NULL))
      g_ptr_array_add (self->custom[index], g_strdup (values[i]));
}

/* Checks one row and adds its record to the import, unless the diary already has its id. */
/* The ids met so far: 16 bytes each in an open-addressed table, so that a million rows
 * need tens of megabytes, not hundreds. */
typedef struct
{
  guint8 id[16];
  guint32 line;
} SeenId;

typedef struct
{
  SeenId *slots;
  gsize mask;
  gsize n;
} SeenSet;

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static gboolean
parse_uuid (const char *text,
            guint8      out[16])
{
  guint k = 0;

  for (guint i = 0; i < 36; i++)
    {
      int high, low;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
          continue;
        }
      high = hex_value (text[i]);
      low = high < 0 ? -1 : hex_value (text[i + 1]);
      if (low < 0 || i + 1 == 8 || i + 1 == 13 || i + 1 == 18 || i + 1 == 23)
        return FALSE;
      out[k++] = high << 4 | low;
      i++;
    }
  return text[36] == '\0';
}

static gsize
seen_slot (SeenSet      *set,
           const guint8  id[16])
{
  guint64 h;
  gsize i;

  memcpy (&h, id, sizeof h);
  h ^= h >> 29;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 32;
  for (i = h & set->mask; set->slots[i].line != 0; i = (i + 1) & set->mask)
    if (memcmp (set->slots[i].id, id, 16) == 0)
      break;
  return i;
}

/* The line where id was met first, or 0 after adding it. */
static guint32
seen_add (SeenSet      *set,
          const guint8  id[16],
          guint32       line)
{
  gsize i;

  if ((set->n + 1) * 4 > (set->mask + 1) * 3)
    {
      SeenSet bigger = { g_new0 (SeenId, (set->mask + 1) * 2), (set->mask + 1) * 2 - 1, 0 };

      for (gsize j = 0; j <= set->mask; j++)
        if (set->slots[j].line != 0)
          bigger.slots[seen_slot (&bigger, set->slots[j].id)] = set->slots[j];
      bigger.n = set->n;
      g_free (set->slots);
      *set = bigger;
    }
  i = seen_slot (set, id);
  if (set->slots[i].line != 0)
    return set->slots[i].line;
  memcpy (set->slots[i].id, id, 16);
  set->slots[i].line = line;
  set->n++;
  return 0;
}

/* Records written by one save_records call when streaming. */
#define BATCH_SIZE 4096

typedef struct
{
  PdDatabase *db;            /* NULL while preparing */
  GHashTable *existing;
  GHashTable *regimen;
  SeenSet seen;
  Context context;
} Pass;


static gboolean
import_row (PdCsvImport *self,
            Row         *row,
            Pass        *pass,
            GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) local = NULL;
  const char *kind = row->values[COL_KIND];
  const RowKind *row_kind = NULL;
  guint8 binary_id[16];
  guint32 first_line;
  gint64 unix_time = 0;
  int utc_offset = 0;
  gpointer record;

  if (!parse_uuid (row->values[COL_ID], binary_id))
    {
      g_autofree char *shown = shorten (row->values[COL_ID]);
      return row_error (row, COL_ID, error, _("“%s” is not a UUID"), shown);
    }
  first_line = seen_add (&pass->seen, binary_id, row->line);
  if (first_line != 0)
    return row_error (row, COL_ID, error, _("the same id as line %u"), first_line);
  id = pd_dup_id (row->values[COL_ID]);

  if (!get_time (row, &unix_time, &utc_offset, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (row_kinds) && row_kind == NULL; i++)
    if (strcmp (kind, row_kinds[i].name) == 0)
      row_kind = &row_kinds[i];
  if (row_kind == NULL)
    {
      g_autofree char *shown = shorten (kind);
      return row_error (row, COL_KIND, error,
                        _("“%s” is not a kind (pain, dose, activity, event, function or "
                          "impression)"), shown);
    }
  /* Committing a streamed import: the spine records were kept from the first pass. */
  if (pass->db != NULL && row_kind->kind > PD_RECORD_EVENT)
    return TRUE;
  record = row_kind->parse (&pass->context, row, unix_time, utc_offset, error);
  if (record == NULL)
    return FALSE;

  /* The record validators have the last word. */
  row_kind->set_id (record, id);
  if (!row_kind->validate (record, &local))
    {
      g_object_unref (record);
      return row_error_from (row, g_steal_pointer (&local), error);
    }
  /* An impression's title may name an event of the file, new or not. */
  if (row_kind->kind == PD_RECORD_EVENT && pass->db == NULL)
    g_ptr_array_add (self->known_events, g_object_ref (record));

  if (pass->db != NULL)
    {
      /* Committing a streamed import: the new records go to the next batch. */
      if (g_hash_table_contains (pass->existing, id))
        g_object_unref (record);
      else
        g_ptr_array_add (records_of_kind (self, row_kind->kind), record);
      return TRUE;
    }

  self->n_rows++;
  if (g_hash_table_contains (pass->existing, id))
    {
      self->n_present++;
      g_object_unref (record);
      return TRUE;
    }
  self->n_new[row_kind->kind]++;
  if (row_kind->kind == PD_RECORD_PAIN)
    {
      note_custom (self, 0, pd_pain_entry_get_custom_locations (record));
      note_custom (self, 1, pd_pain_entry_get_custom_qualities (record));
    }
  if (self->streamed && row_kind->kind <= PD_RECORD_EVENT)
    {
      g_object_unref (record);
      return TRUE;
    }
  g_ptr_array_add (records_of_kind (self, row_kind->kind), record);
  if (self->n_rows - self->n_present > max_kept_records)
    {
      self->streamed = TRUE;
      g_ptr_array_set_size (self->pain_entries, 0);
      g_ptr_array_set_size (self->doses, 0);
      g_ptr_array_set_size (self->activities, 0);
      g_ptr_array_set_size (self->events, 0);
    }
  return TRUE;
}

static GHashTable *
regimen_by_name (PdDatabase  *db,
                 GError     **error)
{
  g_autoptr(GPtrArray) medications = pd_database_list_medications (db, error);
  GHashTable *regimen;

  if (medications == NULL)
    return NULL;
  regimen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);
      char *folded = g_utf8_casefold (pd_medication_get_name (medication), -1);
      const char *key = pd_medication_get_catalogue_key (medication);

      if (g_hash_table_contains (regimen, folded))
        g_free (folded);
      else
        g_hash_table_insert (regimen, folded, g_strdup (pd_medication_get_id (medication)));
      /* "\001" keeps catalogue keys apart from names. */
      if (key != NULL)
        g_hash_table_insert (regimen, g_strconcat ("\001", key, NULL),
                             g_strdup (pd_medication_get_id (medication)));
    }
  return regimen;
}

static gboolean
row_is_blank (Reader *reader)
{
  for (guint i = 0; i < reader->n_row_fields; i++)
    if (reader->fields[i][0] != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
fields_are_valid_utf8 (Reader *reader)
{
  for (guint i = 0; i < reader->n_row_fields; i++)
    {
      const guchar *text = (const guchar *) reader->fields[i];
      gsize length = reader->lengths[i];
      gsize k = 0;

      /* Mostly ASCII: GLib only for the rest. */
      while (k < length && text[k] != 0 && text[k] < 0x80)
        k++;
      if (k < length && !g_utf8_validate_len ((const char *) text + k, length - k, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Reading in chunks, so that a big file never sits in memory whole. A chunk is parsed up to
 * its last line end outside quotes (every '"' toggles quoting, a doubled one twice). */

static gboolean
source_read (Reader  *reader,
             GError **error)
{
  gsize tail = reader->total - reader->pos;

  if (reader->pos > 0 && tail > 0)
    memmove (reader->buffer, reader->buffer + reader->pos, tail);
  reader->total = tail;
  reader->pos = 0;

  while (!reader->eof && reader->total < reader->capacity)
    {
      gsize want = reader->capacity - reader->total;

      if (reader->fd < 0)
        {
          gsize n = MIN (want, reader->mem_length - reader->mem_pos);

          memcpy (reader->buffer + reader->total, reader->mem + reader->mem_pos, n);
          reader->mem_pos += n;
          reader->total += n;
          reader->eof = reader->mem_pos >= reader->mem_length;
        }
      else
        {
          gssize n = read (reader->fd, reader->buffer + reader->total, want);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              int saved = errno;
              g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"),
                           reader->name, g_strerror (saved));
              return FALSE;
            }
          if (n == 0)
            reader->eof = TRUE;
          reader->total += n;
        }
    }
  reader->buffer[reader->total] = '\0';
  return TRUE;
}

/* Sets where the complete rows in the buffer end, reading more (into a bigger buffer)
 * while not one row is complete. */
static gboolean
set_parse_limit (Reader  *reader,
                 GError **error)
{
  char line_end = reader->cr_lines ? '\r' : '\n';

  for (;;)
    {
      gboolean quoted = FALSE;
      gsize limit = 0;

      if (reader->eof)
        {
          reader->length = reader->total;
          return TRUE;
        }
      /* From quote to quote; in each stretch outside quotes, its last line end. */
      for (const char *p = reader->buffer + reader->pos, *end = reader->buffer + reader->total;;)
        {
          const char *quote = memchr (p, '"', end - p);
          const char *stretch_end = quote != NULL ? quote : end;

          for (const char *q = stretch_end; !quoted && q > p; q--)
            if (q[-1] == line_end)
              {
                limit = q - reader->buffer;
                break;
              }
          if (quote == NULL)
            break;
          quoted = !quoted;
          p = quote + 1;
        }
      if (limit > reader->pos)
        {
          reader->length = limit;
          return TRUE;
        }
      /* No row ends in the largest buffer: no valid row is that long, so the reader's
       * error for it (a field too long, a quote not closed) is the answer. */
      if (reader->capacity >= MAX_READ_BUFFER)
        {
          reader->length = reader->total;
          return TRUE;
        }
      reader->capacity = MIN (reader->capacity * 2, MAX_READ_BUFFER);
      reader->buffer = g_realloc (reader->buffer, reader->capacity + 1);
      if (!source_read (reader, error))
        return FALSE;
    }
}

/* The next row, reading on where the chunk ends. */
static int
next_row (Reader  *reader,
          guint   *row_line,
          GError **error)
{
  for (;;)
    {
      int status = read_row (reader, row_line, error);

      if (status != 0 || (reader->eof && reader->pos >= reader->total))
        return status;
      if (!source_read (reader, error) || !set_parse_limit (reader, error))
        return -1;
    }
}

static GPtrArray *
nonempty (GPtrArray *array)
{
  return array->len > 0 ? array : NULL;
}

static gboolean
flush_batch (PdCsvImport  *self,
             PdDatabase   *db,
             GError      **error)
{
  gboolean ok;

  if (self->pain_entries->len + self->doses->len + self->activities->len +
      self->events->len == 0)
    return TRUE;
  ok = pd_database_save_records (db, nonempty (self->pain_entries), NULL,
                                 nonempty (self->doses), nonempty (self->activities),
                                 nonempty (self->events), error);
  g_ptr_array_set_size (self->pain_entries, 0);
  g_ptr_array_set_size (self->doses, 0);
  g_ptr_array_set_size (self->activities, 0);
  g_ptr_array_set_size (self->events, 0);
  return ok;
}

/* One pass over the file: checks every row; keeps, drops or (committing) writes the
 * records. */
static gboolean
run_pass (PdCsvImport  *self,
          Reader       *reader,
          Pass         *pass,
          GError      **error)
{
  Row row = { reader->name, 0, FALSE, { NULL } };
  guint blank_line = 0, blank_fields = 0;
  int status;

  if (!source_read (reader, error))
    return FALSE;
  if (reader->total >= 3 && memcmp (reader->buffer, "\xef\xbb\xbf", 3) == 0)
    reader->pos = 3;
  sniff_header (reader);
  if (!set_parse_limit (reader, error) || !read_header (reader, error))
    return FALSE;
  row.decimal_comma = reader->separator == ';';

  while ((status = next_row (reader, &row.line, error)) > 0)
    {

      /* Blank lines (or rows of separators only) are fine at the end, as editors and
       * spreadsheets leave them; anywhere else they are a row with too few columns. */
      if (row_is_blank (reader))
        {
          if (blank_line == 0)
            blank_line = row.line, blank_fields = reader->n_row_fields;
          continue;
        }
      if (blank_line != 0 && blank_fields != reader->n_fields)
        {
          set_error (error, reader->name, blank_line, "columns", _("found %u, the header has %u"),
                     blank_fields, reader->n_fields);
          return FALSE;
        }
      blank_line = 0;
      if (reader->n_row_fields != reader->n_fields)
        {
          set_error (error, reader->name, row.line, "columns", _("found %u, the header has %u"),
                     reader->n_row_fields, reader->n_fields);
          return FALSE;
        }
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          int i = reader->map[c];

          if (i < 0)
            {
              row.values[c] = "";
              continue;
            }
          row.values[c] = reader->fields[i];
        }
      /* Valid UTF-8 is the rule: one look at the row's text, field by field only to say
       * where it is not. */
      if (!fields_are_valid_utf8 (reader))
        for (guint c = 0; c < N_COLUMNS; c++)
          {
            int i = reader->map[c];

            if (i >= 0 && !g_utf8_validate_len (row.values[c],
                                                reader->lengths[i], NULL))
              {
                set_error (error, reader->name, row.line, column_names[c],
                           _("not valid UTF-8 text"));
                return FALSE;
              }
          }
      if (!import_row (self, &row, pass, error))
        return FALSE;
      if (pass->db != NULL && self->pain_entries->len + self->doses->len +
                              self->activities->len + self->events->len >= BATCH_SIZE &&
          !flush_batch (self, pass->db, error))
        return FALSE;
    }
  if (status < 0)
    return FALSE;
  return pass->db == NULL || flush_batch (self, pass->db, error);
}

static void
reader_init (Reader     *reader,
             const char *name,
             int         fd,
             const char *data,
             gsize       length)
{
  memset (reader, 0, sizeof *reader);
  reader->name = name;
  reader->fd = fd;
  reader->mem = data;
  reader->mem_length = length;
  reader->eof = fd < 0 && length == 0;
  reader->capacity = read_chunk;
  reader->buffer = g_malloc (reader->capacity + 1);
  reader->buffer[0] = '\0';
  reader->line = 1;
  reader->separator = ',';
  reader->fields_capacity = N_COLUMNS;
  reader->fields = g_new (char *, reader->fields_capacity);
  reader->lengths = g_new (gsize, reader->fields_capacity);
  set_stop_bytes (reader);
}

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->buffer, g_free);
  g_clear_pointer (&reader->fields, g_free);
  g_clear_pointer (&reader->lengths, g_free);
  if (reader->fd >= 0)
    close (reader->fd);
  reader->fd = -1;
}

static int
open_source (const char  *path,
             GError     **error)
{
  GStatBuf st;
  int fd;

  /* A device, a FIFO or a folder is refused before anything reads from it (a FIFO would
   * block the open). */
  if (!pd_input_file_check (path, PD_CSV_MAX_FILE_SIZE, error))
    return -1;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not open “%s”: %s"), path,
                   g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > PD_CSV_MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the file is larger than %d MB; a diary CSV is never that big"), path,
                   PD_CSV_MAX_FILE_SIZE / (1024 * 1024));
      return -1;
    }
  return fd;
}

static void
pass_clear (Pass *pass)
{
  g_clear_pointer (&pass->existing, g_hash_table_unref);
  g_clear_pointer (&pass->regimen, g_hash_table_unref);
  g_clear_pointer (&pass->seen.slots, g_free);
}

static gboolean
pass_init (Pass        *pass,
           PdDatabase  *db,
           GError     **error)
{
  memset (pass, 0, sizeof *pass);
  pass->seen.slots = g_new0 (SeenId, 1024);
  pass->seen.mask = 1023;
  if (!(pass->existing = pd_database_dup_record_ids (db, error)) ||
      !(pass->regimen = regimen_by_name (db, error)))
    return FALSE;
  pass->context.regimen = pass->regimen;
  return TRUE;
}

/* What function and impression rows are matched against: the diary's activities and events
 * (the file's events join as they are read). */
static gboolean
load_spine_context (PdCsvImport  *self,
                    PdDatabase   *db,
                    Pass         *pass,
                    GError      **error)
{
  g_autoptr(GPtrArray) events = NULL;

  self->function_activities = pd_database_list_function_activities (db, error);
  if (self->function_activities == NULL ||
      !(events = pd_database_list_events (db, G_MININT64, G_MAXINT64, error)))
    return FALSE;
  g_ptr_array_extend_and_steal (self->known_events, g_steal_pointer (&events));
  pass->context.function_activities = self->function_activities;
  pass->context.new_activities = self->new_activities;
  return TRUE;
}

/* After the last row: each new impression's event, by title, among the diary's and the
 * file's. */
static gboolean
resolve_impressions (PdCsvImport  *self,
                     GError      **error)
{
  for (guint i = 0; i < self->impressions->len; i++)
    {
      PdImpression *impression = g_ptr_array_index (self->impressions, i);
      g_autoptr(GError) local = NULL;

      if (!pd_csv_spine_set_impression_event (impression,
                                              g_object_get_data (G_OBJECT (impression),
                                                                 IMPRESSION_TITLE),
                                              self->known_events, &local))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s:%u: %s", self->name,
                       GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (impression),
                                                            IMPRESSION_LINE)),
                       local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Writes the new activities that new ratings use, the ratings and the impressions, inside
 * the caller's transaction. */
static gboolean
save_spine (PdCsvImport  *self,
            PdDatabase   *db,
            GError      **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->ratings->len; i++)
    g_hash_table_add (used, (gpointer) pd_function_rating_get_activity_id (
                                         g_ptr_array_index (self->ratings, i)));
  for (guint i = 0; i < self->new_activities->len; i++)
    {
      PdFunctionActivity *activity = g_ptr_array_index (self->new_activities, i);

      if (g_hash_table_contains (used, pd_function_activity_get_id (activity)) &&
          !pd_database_save_function_activity (db, activity, error))
        return FALSE;
    }
  if (self->ratings->len > 0 && !pd_database_save_function_ratings (db, self->ratings, error))
    return FALSE;
  for (guint i = 0; i < self->impressions->len; i++)
    if (!pd_database_save_impression (db, g_ptr_array_index (self->impressions, i), error))
      return FALSE;
  return TRUE;
}

/* path or data (copied) */
static PdCsvImport *
prepare (PdDatabase  *db,
         const char  *name,
         const char  *path,
         const char  *data,
         gsize        length,
         GError     **error)
{
  g_autoptr(PdCsvImport) self = g_new0 (PdCsvImport, 1);
  Reader reader;
  Pass pass;
  gboolean ok;
  int fd = -1;

  self->pain_entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->doses = g_ptr_array_new_with_free_func (g_object_unref);
  self->activities = g_ptr_array_new_with_free_func (g_object_unref);
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->ratings = g_ptr_array_new_with_free_func (g_object_unref);
  self->impressions = g_ptr_array_new_with_free_func (g_object_unref);
  self->new_activities = g_ptr_array_new_with_free_func (g_object_unref);
  self->known_events = g_ptr_array_new_with_free_func (g_object_unref);
  self->name = g_strdup (name);
  if (path != NULL)
    {
      self->path = g_strdup (path);
      if ((fd = open_source (path, error)) < 0)
        return NULL;
    }
  else
    {
      self->data = g_bytes_new (data, length);
    }

  reader_init (&reader, self->name, fd, path != NULL ? NULL : g_bytes_get_data (self->data, NULL),
               length);
  ok = pass_init (&pass, db, error) && load_spine_context (self, db, &pass, error) &&
       run_pass (self, &reader, &pass, error) && resolve_impressions (self, error);
  pass_clear (&pass);
  reader_clear (&reader);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

PdCsvImport *
pd_csv_import_prepare_data (PdDatabase  *db,
                            const char  *name,
                            const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return prepare (db, name, NULL, data != NULL ? data : "", length, error);
}

PdCsvImport *
pd_csv_import_prepare (PdDatabase  *db,
                       const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return prepare (db, path, path, NULL, 0, error);
}

guint
pd_csv_import_get_n_rows (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

guint
pd_csv_import_get_n_new (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows - self->n_present;
}

guint
pd_csv_import_get_n_present (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_present;
}

guint
pd_csv_import_get_n_new_of_kind (PdCsvImport  *self,
                                 PdRecordKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind <= PD_RECORD_EVENT, 0);
  return self->n_new[kind];
}

guint
pd_csv_import_get_n_new_function_ratings (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_new[KIND_FUNCTION];
}

guint
pd_csv_import_get_n_new_impressions (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_new[KIND_IMPRESSION];
}

const char * const *
pd_csv_import_get_custom_values (PdCsvImport *self,
                                 PdTagKind    tag_kind)
{
  static const char * const none[] = { NULL };
  GPtrArray *values;

  g_return_val_if_fail (self != NULL, none);
  g_return_val_if_fail (tag_kind == PD_TAG_LOCATION || tag_kind == PD_TAG_QUALITY, none);
  values = self->custom[tag_kind == PD_TAG_LOCATION ? 0 : 1];
  /* An empty array's pdata may be NULL, null-terminated or not. */
  return values != NULL && values->len > 0 ? (const char * const *) values->pdata : none;
}


/* Reads the file again and writes its new records in batches, in one transaction. */
static gboolean
commit_streamed (PdCsvImport  *self,
                 PdDatabase   *db,
                 GError      **error)
{
  Reader reader;
  Pass pass;
  gboolean ok;
  int fd = -1;
  gsize length = 0;
  const char *data = NULL;

  if (self->path != NULL && (fd = open_source (self->path, error)) < 0)
    return FALSE;
  if (self->data != NULL)
    data = g_bytes_get_data (self->data, &length);
  if (!pd_database_begin (db, error))
    {
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  reader_init (&reader, self->name, fd, data, length);
  ok = pass_init (&pass, db, error);
  pass.db = db;
  ok = ok && run_pass (self, &reader, &pass, error) && save_spine (self, db, error);
  pass_clear (&pass);
  reader_clear (&reader);
  g_ptr_array_set_size (self->pain_entries, 0);
  g_ptr_array_set_size (self->doses, 0);
  g_ptr_array_set_size (self->activities, 0);
  g_ptr_array_set_size (self->events, 0);
  if (!ok)
    {
      pd_database_rollback (db);
      return FALSE;
    }
  return pd_database_commit (db, error);
}

gboolean
pd_csv_import_commit (PdCsvImport  *self,
                      PdDatabase   *db,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing new: leave the file untouched. */
  if (pd_csv_import_get_n_new (self) == 0)
    return TRUE;
  if (self->streamed)
    return commit_streamed (self, db, error);
  if (!pd_database_begin (db, error))
    return FALSE;
  if (!pd_database_save_records (db, nonempty (self->pain_entries), NULL, nonempty (self->doses),
                                 nonempty (self->activities), nonempty (self->events), error) ||
      !save_spine (self, db, error))
    {
      pd_database_rollback (db);
      return FALSE;
    }
  return pd_database_commit (db, error);
}

void
pd_csv_import_free (PdCsvImport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->pain_entries, g_ptr_array_unref);
  g_clear_pointer (&self->doses, g_ptr_array_unref);
  g_clear_pointer (&self->activities, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->ratings, g_ptr_array_unref);
  g_clear_pointer (&self->impressions, g_ptr_array_unref);
  g_clear_pointer (&self->function_activities, g_ptr_array_unref);
  g_clear_pointer (&self->new_activities, g_ptr_array_unref);
  g_clear_pointer (&self->known_events, g_ptr_array_unref);
  g_clear_pointer (&self->custom[0], g_ptr_array_unref);
  g_clear_pointer (&self->custom[1], g_ptr_array_unref);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->name);
  g_free (self->path);
  g_free (self);
}
