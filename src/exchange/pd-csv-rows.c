/* pd-csv-rows.c: converting one row of a diary CSV into a record: cells, times, and one parser per kind of row
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
#include "pd-csv-import-private.h"
#include "pd-database-import.h"

/* Converting one row */

/* At most 40 characters of a value (already valid UTF-8), for a message. */
char *
_pd_csv_shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= 40)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, 40);
  return g_strconcat (start, "…", NULL);
}


gboolean
_pd_csv_row_error (Row        *row,
                   Column      column,
                   GError    **error,
                   const char *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  _pd_csv_set_error_valist (error, row->file, row->line, _pd_csv_column_names[column], format,
                            args);
  va_end (args);
  return FALSE;
}

/* A validator's "field: reason", prefixed with the file and line. */
gboolean
_pd_csv_row_error_from (Row     *row,
                        GError  *local,
                        GError **error)
{
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s:%u: %s", row->file, row->line,
               local->message);
  g_error_free (local);
  return FALSE;
}

gboolean
_pd_csv_is_empty (Row    *row,
                  Column  column)
{
  const char *p = row->values[column];

  /* Notes and names keep their spaces; a cell of spaces alone holds nothing. */
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == '\0';
}

/* An optional whole number within min..max; PD_UNSET when empty. */
gboolean
_pd_csv_get_int (Row      *row,
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
        return _pd_csv_row_error (row, column, error, _("missing"));
      *value = PD_UNSET;
      return TRUE;
    }
  for (const char *p = text + (*text == '-'); ; p++)
    {
      /* A whole number as a spreadsheet may write it: 6.0 (6,0 in a file with a decimal
       * comma). */
      const char *zeros = p + 1;

      if ((*p == '.' || (*p == ',' && row->decimal_comma)) && p > text + (*text == '-'))
        {
          while (*zeros == '0')
            zeros++;
          if (zeros > p + 1 && *zeros == '\0')
            p = zeros;
        }
      if (*p == '\0' && p > text + (*text == '-') && p - text <= 10)
        break;
      if (!g_ascii_isdigit (*p))
        {
          g_autofree char *shown = _pd_csv_shorten (text);
          return _pd_csv_row_error (row, column, error, _("“%s” is not a whole number"), shown);
        }
    }
  number = g_ascii_strtoll (text, NULL, 10);
  if (number < min || number > max)
    return _pd_csv_row_error (row, column, error, _("%s is outside %d–%d"), text, min, max);
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
    return _pd_csv_row_error (row, column, error, _("missing"));
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
    g_autofree char *shown = _pd_csv_shorten (text);
    if (row->decimal_comma)
      return _pd_csv_row_error (row, column, error, _("“%s” is not a number"), shown);
    return _pd_csv_row_error (row, column, error,
                              _("“%s” is not a number (use a '.' decimal point)"), shown);
  }
}


static gboolean
get_tags (Row      *row,
          Column    column,
          PdTagKind kind,
          guint64  *mask,
          GStrv    *custom,
          GError  **error)
{
  g_autoptr(GError) local = NULL;

  if (!pd_tags_parse (kind, _pd_csv_get_text (row, column), TRUE, mask, custom, &local))
    return _pd_csv_row_error (row, column, error, "%s", local->message);
  return TRUE;
}

/* A text cell without the quote that export's formula neutralisation added. */
const char *
_pd_csv_get_text (Row    *row,
                  Column  column)
{
  const char *text = row->values[column];

  if (text[0] == '\'' && _pd_csv_needs_neutralising (text + 1))
    return text + 1;
  return text;
}

gboolean
_pd_csv_check_unused (Row          *row,
                      const Column *columns,
                      guint         n_columns,
                      const char   *kind,
                      GError      **error)
{
  for (guint i = 0; i < n_columns; i++)
    if (!_pd_csv_is_empty (row, columns[i]))
      return _pd_csv_row_error (row, columns[i], error, _("not used in %s rows; leave it empty"), kind);
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

/* H:MM or HH:MM, with or without :SS. */
static gboolean
parse_time (const char *text,
            int        *hours,
            int        *minutes)
{
  int seconds;
  char padded[3] = { '0', text[0], '\0' };
  const char *rest = text + 2;

  if (text[0] != '\0' && text[1] == ':')
    {
      if (!parse_two_digits (padded, 23, hours))
        return FALSE;
      rest = text + 1;
    }
  else if (text[0] == '\0' || !parse_two_digits (text, 23, hours))
    return FALSE;
  if (rest[0] != ':' || !parse_two_digits (rest + 1, 59, minutes))
    return FALSE;
  rest += 3;
  if (*rest == '\0')
    return TRUE;
  return rest[0] == ':' && parse_two_digits (rest + 1, 59, &seconds) && rest[3] == '\0';
}

/* +HH:MM, and the other ISO 8601 forms that tools write: +HHMM, +HH, Z. Hours and minutes
 * come back with the offset's sign. */
static gboolean
parse_offset (const char *text,
              int        *hours,
              int        *minutes)
{
  gsize length = strlen (text);
  int sign = text[0] == '-' ? -1 : 1;

  *hours = *minutes = 0;
  if ((text[0] == 'Z' || text[0] == 'z') && length == 1)
    return TRUE;
  if ((text[0] != '+' && text[0] != '-') || !parse_two_digits (text + 1, 14, hours))
    return FALSE;
  if (length == 6 && text[3] == ':')
    text += 4;
  else if (length == 5)
    text += 3;
  else if (length == 3)
    text = "00";
  else
    return FALSE;
  if (!parse_two_digits (text, 59, minutes) || *hours * 60 + *minutes > 14 * 60)
    return FALSE;
  *hours *= sign;
  *minutes *= sign;
  return TRUE;
}

/* The local time zone's offset at a local date and time. */
static void
local_offset (guint32  day,
              int      hours,
              int      minutes,
              int     *utc_offset)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  time = g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), hours, minutes, 0);
  *utc_offset = time != NULL ? (int) (g_date_time_get_utc_offset (time) / G_TIME_SPAN_SECOND) : 0;
}

/* The instant of the row's date, time and offset. */
gboolean
_pd_csv_get_time (Row     *row,
                  gint64  *unix_time,
                  int     *utc_offset,
                  GError **error)
{
  const char *date = row->values[COL_DATE];
  const char *time = row->values[COL_TIME];
  const char *offset = row->values[COL_UTC_OFFSET];
  guint32 day = row->last_day;
  int hours, minutes, offset_hours, offset_minutes;

  if (*date == '\0')
    return _pd_csv_row_error (row, COL_DATE, error, _("missing"));
  if (*time == '\0')
    return _pd_csv_row_error (row, COL_TIME, error, _("missing"));
  /* Rows come a day at a time: each date is read once. */
  if ((day == 0 || strcmp (date, row->last_date) != 0) && !pd_csv_parse_date (date, &day))
    {
      g_autofree char *shown = _pd_csv_shorten (date);
      return _pd_csv_row_error (row, COL_DATE, error, _("“%s” is not a date (YYYY-MM-DD)"), shown);
    }
  /* HH:MM, also as spreadsheets write a time: 8:30, 08:30:00 (the seconds are dropped). */
  if (!parse_time (time, &hours, &minutes))
    {
      g_autofree char *shown = _pd_csv_shorten (time);
      return _pd_csv_row_error (row, COL_TIME, error, _("“%s” is not a time of day (HH:MM)"), shown);
    }
  if (*offset == '\0')
    {
      /* Not given (a file written by hand): the offset of the local time zone then. */
      local_offset (day, hours, minutes, utc_offset);
      offset_hours = offset_minutes = 0;
    }
  else if (!parse_offset (offset, &offset_hours, &offset_minutes))
    {
      g_autofree char *shown = _pd_csv_shorten (offset);
      return _pd_csv_row_error (row, COL_UTC_OFFSET, error,
                                _("“%s” is not a UTC offset (+HH:MM, from -14:00 to +14:00)"), shown);
    }

  memcpy (row->last_date, date, sizeof row->last_date);
  row->last_day = day;
  if (*offset != '\0')
    *utc_offset = offset_hours * 3600 + offset_minutes * 60;
  *unix_time = pd_local_day_start (day, *utc_offset) + hours * 3600 + minutes * 60;
  return TRUE;
}

/* The checks of the pd_*_validate() functions that the cells' own leave: a note not too
 * long, a name (any other field) not only of spaces of any script. */
static gboolean
check_text (Row         *row,
            const char  *field,
            const char  *text,
            GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (strcmp (field, "note") == 0 ? pd_check_text (field, text, PD_MAX_NOTE_LENGTH, &local)
                                  : pd_check_name (field, text, PD_MAX_NAME_LENGTH, &local))
    return TRUE;
  return _pd_csv_row_error_from (row, g_steal_pointer (&local), error);
}

gboolean
_pd_csv_parse_pain (Context        *context,
                    Row            *row,
                    PdImportRecord *record,
                    GError        **error)
{
  static const Column unused[] = {
    COL_ITEM, COL_AMOUNT, COL_UNIT, COL_DURATION, COL_INTENSITY, COL_EVENT_KIND, COL_END_DATE,
  };
  int pain, enjoyment, interference, sleep_quality, mood, back_pain, leg_pain;
  double sleep = -1;

  g_clear_pointer (&row->custom[0], g_strfreev);
  g_clear_pointer (&row->custom[1], g_strfreev);
  if (!_pd_csv_check_unused (row, unused, G_N_ELEMENTS (unused), "pain", error) ||
      !_pd_csv_get_int (row, COL_PAIN, TRUE, 0, 10, &pain, error) ||
      !_pd_csv_get_int (row, COL_ENJOYMENT, FALSE, 0, 10, &enjoyment, error) ||
      !_pd_csv_get_int (row, COL_ACTIVITY_INTERFERENCE, FALSE, 0, 10, &interference, error) ||
      !get_tags (row, COL_LOCATIONS, PD_TAG_LOCATION, &record->pain.locations, &row->custom[0], error) ||
      !get_tags (row, COL_QUALITIES, PD_TAG_QUALITY, &record->pain.qualities, &row->custom[1], error) ||
      (!_pd_csv_is_empty (row, COL_SLEEP_HOURS) && !get_double (row, COL_SLEEP_HOURS, &sleep, error)) ||
      !_pd_csv_get_int (row, COL_SLEEP_QUALITY, FALSE, 0, 10, &sleep_quality, error) ||
      !_pd_csv_get_int (row, COL_MOOD, FALSE, 0, 10, &mood, error) ||
      !get_tags (row, COL_RED_FLAGS, PD_TAG_RED_FLAG, &record->pain.red_flags, NULL, error) ||
      !_pd_csv_get_int (row, COL_BACK_PAIN, FALSE, 0, 10, &back_pain, error) ||
      !_pd_csv_get_int (row, COL_LEG_PAIN, FALSE, 0, 10, &leg_pain, error))
    return FALSE;
  if (!_pd_csv_is_empty (row, COL_SLEEP_HOURS) && (sleep < 0 || sleep > 24))
    return _pd_csv_row_error (row, COL_SLEEP_HOURS, error, _("%s is outside 0–24 hours"),
                              row->values[COL_SLEEP_HOURS]);

  record->pain.pain = pain;
  record->pain.enjoyment_interference = enjoyment;
  record->pain.activity_interference = interference;
  record->pain.sleep_quality = sleep_quality;
  record->pain.mood = mood;
  record->pain.back_pain = back_pain;
  record->pain.leg_pain = leg_pain;
  record->pain.sleep_hours = sleep;
  record->pain.custom_locations = (const char * const *) row->custom[0];
  record->pain.custom_qualities = (const char * const *) row->custom[1];
  record->name = NULL;
  record->note = _pd_csv_get_text (row, COL_NOTE);
  return check_text (row, "note", record->note, error);
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
  const char *item = _pd_csv_get_text (row, COL_ITEM);
  const char *p = item;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return _pd_csv_row_error (row, COL_ITEM, error, _("missing"));
  if (g_utf8_strlen (item, -1) > PD_MAX_NAME_LENGTH)
    return _pd_csv_row_error (row, COL_ITEM, error, _("longer than %d characters"), PD_MAX_NAME_LENGTH);
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
  gsize length = strlen (name);
  char buffer[256];
  g_autofree char *allocated = length + 2 > sizeof buffer ? g_malloc (length + 2) : NULL;
  char *known = allocated != NULL ? allocated : buffer;
  g_autofree char *folded = NULL;
  const char *id;

  known[0] = '\002';
  memcpy (known + 1, name, length + 1);
  if ((id = g_hash_table_lookup (regimen, known)) != NULL)
    return *id != '\0' ? id : NULL;
  folded = g_utf8_casefold (name, -1);
  if ((id = g_hash_table_lookup (regimen, folded)) == NULL)
    id = regimen_by_catalogue (regimen, name);
  g_hash_table_insert (regimen, g_strdup (known), g_strdup (id != NULL ? id : ""));
  return id;
}

/* A unit as the app writes it, from one as a person may ("MG", "mL", "tablets"), or NULL. */
static const char *
find_unit (const char *text)
{
  const char * const *units = pd_dose_units ();
  gsize length = strlen (text);

  for (guint i = 0; units[i] != NULL; i++)
    {
      gsize unit_length = strlen (units[i]);

      if (g_ascii_strcasecmp (units[i], text) == 0)
        return units[i];
      /* The plural of a unit that counts: tablets, puffs, drops, patches. */
      if (g_ascii_isalpha (units[i][unit_length - 1]) && unit_length > 2 &&
          length > unit_length && g_ascii_strncasecmp (units[i], text, unit_length) == 0 &&
          (g_ascii_strcasecmp (text + unit_length, "s") == 0 ||
           g_ascii_strcasecmp (text + unit_length, "es") == 0))
        return units[i];
    }
  return NULL;
}

gboolean
_pd_csv_parse_dose (Context        *context,
                    Row            *row,
                    PdImportRecord *record,
                    GError        **error)
{
  static const Column unused[] = { COL_DURATION, COL_INTENSITY, COL_EVENT_KIND, COL_END_DATE };
  const char *unit = find_unit (row->values[COL_UNIT]);

  if (!_pd_csv_check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "dose", error) ||
      !_pd_csv_check_unused (row, unused, G_N_ELEMENTS (unused), "dose", error) ||
      !check_item (row, error) ||
      !get_double (row, COL_AMOUNT, &record->dose.amount, error))
    return FALSE;
  if (row->values[COL_UNIT][0] == '\0')
    return _pd_csv_row_error (row, COL_UNIT, error, _("missing"));
  if (unit == NULL)
    {
      g_autofree char *shown = _pd_csv_shorten (row->values[COL_UNIT]);
      g_autofree char *known = g_strjoinv (", ", (char **) pd_dose_units ());

      return _pd_csv_row_error (row, COL_UNIT, error, _("“%s” is not a known unit (%s)"), shown,
                                known);
    }
  if (record->dose.amount <= 0 || record->dose.amount > pd_dose_unit_max_amount (unit))
    return _pd_csv_row_error (row, COL_AMOUNT, error, _("%s %s is outside the possible range"),
                              row->values[COL_AMOUNT], unit);

  record->name = _pd_csv_get_text (row, COL_ITEM);
  record->dose.medication_id = regimen_medication_id (context->regimen, record->name);
  record->dose.unit = unit;
  record->note = _pd_csv_get_text (row, COL_NOTE);
  return check_text (row, "name", record->name, error) &&
         check_text (row, "note", record->note, error);
}

gboolean
_pd_csv_parse_activity (Context        *context,
                        Row            *row,
                        PdImportRecord *record,
                        GError        **error)
{
  static const Column unused[] = { COL_AMOUNT, COL_UNIT, COL_EVENT_KIND, COL_END_DATE };

  if (!_pd_csv_check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "activity", error) ||
      !_pd_csv_check_unused (row, unused, G_N_ELEMENTS (unused), "activity", error) ||
      !check_item (row, error) ||
      !_pd_csv_get_int (row, COL_DURATION, TRUE, 1, 1440, &record->activity.duration, error) ||
      !_pd_csv_get_int (row, COL_INTENSITY, FALSE, 0, 10, &record->activity.effort, error))
    return FALSE;

  record->name = _pd_csv_get_text (row, COL_ITEM);
  record->note = _pd_csv_get_text (row, COL_NOTE);
  return check_text (row, "name", record->name, error) &&
         check_text (row, "note", record->note, error);
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
      *kind = guess_event_kind (_pd_csv_get_text (row, COL_ITEM));
      return TRUE;
    }
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_ascii_strcasecmp (kinds[i], text) == 0)
      {
        *kind = kinds[i];
        return TRUE;
      }
  {
    g_autofree char *shown = _pd_csv_shorten (text);
    g_autofree char *known = g_strjoinv (", ", (char **) kinds);

    return _pd_csv_row_error (row, COL_EVENT_KIND, error, _("“%s” is not an event kind (%s)"), shown,
                              known);
  }
}

gboolean
_pd_csv_parse_event (Context        *context,
                     Row            *row,
                     PdImportRecord *record,
                     GError        **error)
{
  static const Column unused[] = { COL_AMOUNT, COL_UNIT, COL_DURATION, COL_INTENSITY };
  guint32 end_day = 0;

  if (!_pd_csv_check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "event", error) ||
      !_pd_csv_check_unused (row, unused, G_N_ELEMENTS (unused), "event", error) ||
      !check_item (row, error) ||
      !get_event_kind (row, &record->event.kind, error))
    return FALSE;
  if (!_pd_csv_is_empty (row, COL_END_DATE) && !pd_csv_parse_date (row->values[COL_END_DATE], &end_day))
    {
      g_autofree char *shown = _pd_csv_shorten (row->values[COL_END_DATE]);
      return _pd_csv_row_error (row, COL_END_DATE, error, _("“%s” is not a date (YYYY-MM-DD)"),
                                shown);
    }
  /* As pd_event_validate() says it. */
  if (end_day != 0 && end_day < pd_local_day (record->time, record->utc_offset))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s:%u: %s", row->file, row->line,
                   _("end_date: the end is before the event’s own date"));
      return FALSE;
    }

  record->event.end_day = end_day;
  record->name = _pd_csv_get_text (row, COL_ITEM);
  record->note = _pd_csv_get_text (row, COL_NOTE);
  return check_text (row, "title", record->name, error) &&
         check_text (row, "note", record->note, error);
}

/* The columns neither function nor impression rows use, beyond pain_columns. */
static const Column spine_unused[] = {
  COL_UNIT, COL_DURATION, COL_INTENSITY, COL_EVENT_KIND, COL_END_DATE, COL_NOTE,
};

gpointer
_pd_csv_parse_function (Context *context, Row *row, gint64 t, int offset, GError **error)
{
  g_autoptr(GError) local = NULL;
  gpointer rating;

  if (!_pd_csv_check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "function", error) ||
      !_pd_csv_check_unused (row, spine_unused, G_N_ELEMENTS (spine_unused), "function", error) ||
      !check_item (row, error))
    return NULL;
  rating = pd_csv_spine_read_function (t, offset, _pd_csv_get_text (row, COL_ITEM),
                                       row->values[COL_AMOUNT], context->function_activities,
                                       context->new_activities, &local);
  if (rating == NULL)
    _pd_csv_row_error_from (row, g_steal_pointer (&local), error);
  return rating;
}

/* The event an impression is about is found by its title after the last row (it may come
 * later in the file): until then the title and line ride on the record. */

gpointer
_pd_csv_parse_impression (Context *context, Row *row, gint64 t, int offset, GError **error)
{
  g_autoptr(GError) local = NULL;
  PdImpression *impression;

  /* The note is the impression's own (the last of spine_unused). */
  if (!_pd_csv_check_unused (row, pain_columns, G_N_ELEMENTS (pain_columns), "impression", error) ||
      !_pd_csv_check_unused (row, spine_unused, G_N_ELEMENTS (spine_unused) - 1, "impression", error))
    return NULL;
  impression = pd_csv_spine_read_impression (t, offset, row->values[COL_AMOUNT], &local);
  if (impression == NULL)
    {
      _pd_csv_row_error_from (row, g_steal_pointer (&local), error);
      return NULL;
    }
  pd_impression_set_note (impression, _pd_csv_get_text (row, COL_NOTE));
  g_object_set_data_full (G_OBJECT (impression), IMPRESSION_TITLE,
                          g_strdup (_pd_csv_get_text (row, COL_ITEM)), g_free);
  g_object_set_data (G_OBJECT (impression), IMPRESSION_LINE, GUINT_TO_POINTER (row->line));
  return impression;
}
