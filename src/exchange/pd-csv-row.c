/* pd-csv-row.c: the cells and rows of the diary CSV, for the writers in pd-csv.c (from
 * record objects) and pd-csv-export.c (straight from the file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-csv-private.h"
#include "pd-tags.h"
#include "pd-types.h"

/* Appends length bytes. GString's own appends cost a call and a strlen for every cell:
 * half the time of writing ten years. */
static inline void
put (GString    *out,
     const char *text,
     gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, text, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    {
      g_string_append_len (out, text, length);
    }
}

#define PUT_LITERAL(out, text) put ((out), "" text, sizeof (text) - 1)

gboolean
_pd_csv_needs_neutralising (const char *text)
{
  /* Quotes followed by a formula character would lose one quote on import: quote them too. */
  while (*text == '\'')
    text++;
  return strchr ("=+-@\t\r", *text) != NULL && *text != '\0';
}

void
_pd_csv_append_cell (GString    *out,
                     const char *text,
                     gboolean    neutralise)
{
  const char *end = text;

  if (text == NULL || *text == '\0')
    return;

  neutralise = neutralise && strchr ("=+-@\t\r'", *text) != NULL &&
               _pd_csv_needs_neutralising (text);
  while (*end != '\0' && *end != ',' && *end != '"' && *end != '\r' && *end != '\n')
    end++;
  if (*end == '\0')
    {
      if (neutralise)
        g_string_append_c (out, '\'');
      put (out, text, end - text);
      return;
    }

  g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Integers by hand: printf was a third of the time of exporting ten years. */
void
_pd_csv_append_int (GString *out,
                    gint64   value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  put (out, p, digits + sizeof digits - p);
}

/* 0 <= value < 100, as two digits at p. */
static inline void
two_digits (char *p,
            int   value)
{
  p[0] = '0' + value / 10;
  p[1] = '0' + value % 10;
}

/* The shortest of %.15g and %.17g that reads back as the same double: 7, 6.5, 0.1. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == (double) (gint64) value && ABS (value) < 1e15 && !(value == 0 && signbit (value)))
    {
      _pd_csv_append_int (out, (gint64) value);
      return;
    }
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  put (out, buffer, strlen (buffer));
}

/* The value, if any, and the comma that ends its cell. */
static void
append_optional_int_cell (GString *out,
                          int      value)
{
  if (value != PD_UNSET)
    _pd_csv_append_int (out, value);
  g_string_append_c (out, ',');
}

/* YYYY-MM-DD at p. */
static void
format_date (char    *p,
             guint32  day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  two_digits (p, g_date_get_year (&date) / 100);
  two_digits (p + 2, g_date_get_year (&date) % 100);
  p[4] = '-';
  two_digits (p + 5, g_date_get_month (&date));
  p[7] = '-';
  two_digits (p + 8, g_date_get_day (&date));
}

void
_pd_csv_append_date (GString *out,
                     guint32  day)
{
  char text[10];

  format_date (text, day);
  put (out, text, sizeof text);
}

/* A tag list cell, and the comma that ends it. The diary stores tags as the CSV writes them,
 * so a stored list is written as it is, unless it is not in that form: then as the record
 * objects would hold it. */
static void
append_tags_cell (GString    *out,
                  PdTagKind   kind,
                  const char *tags,
                  gboolean    stored)
{
  g_autofree char *normal = NULL;

  if (stored && !pd_tags_is_canonical (kind, tags))
    {
      g_auto(GStrv) custom = NULL;
      guint64 mask = 0;

      /* As the diary reads them: an unknown red flag drops the list. */
      if (!pd_tags_parse (kind, tags, FALSE, &mask, pd_tag_kind_allows_custom (kind) ? &custom
                                                                                      : NULL,
                          NULL))
        mask = 0;
      tags = normal = pd_tags_to_string_full (kind, mask, (const char * const *) custom);
    }
  /* Keys never need quotes; the patient's own values may. */
  _pd_csv_append_cell (out, tags, TRUE);
  g_string_append_c (out, ',');
}

static void
append_pain (GString              *out,
             const PdExportRecord *r,
             gboolean              stored)
{
  _pd_csv_append_int (out, r->pain);
  g_string_append_c (out, ',');
  append_optional_int_cell (out, r->enjoyment_interference);
  append_optional_int_cell (out, r->activity_interference);
  append_tags_cell (out, PD_TAG_LOCATION, r->locations, stored);
  append_tags_cell (out, PD_TAG_QUALITY, r->qualities, stored);
  if (r->sleep_hours >= 0)
    append_double (out, r->sleep_hours);
  g_string_append_c (out, ',');
  append_optional_int_cell (out, r->sleep_quality);
  append_optional_int_cell (out, r->mood);
  append_tags_cell (out, PD_TAG_RED_FLAG, r->red_flags, stored);
  PUT_LITERAL (out, ",,,,,");
}

/* item .. intensity */
static void
append_item (GString              *out,
             const PdExportRecord *r)
{
  _pd_csv_append_cell (out, r->item, TRUE);
  switch (r->kind)
    {
    case PD_EXPORT_DOSE:
      g_string_append_c (out, ',');
      append_double (out, r->amount);
      g_string_append_c (out, ',');
      _pd_csv_append_cell (out, r->unit, TRUE);
      PUT_LITERAL (out, ",,,");
      break;
    case PD_EXPORT_ACTIVITY:
      PUT_LITERAL (out, ",,,");
      _pd_csv_append_int (out, r->duration);
      g_string_append_c (out, ',');
      append_optional_int_cell (out, r->effort);
      break;
    case PD_EXPORT_FUNCTION:
    case PD_EXPORT_IMPRESSION:
      g_string_append_c (out, ',');
      _pd_csv_append_int (out, r->score);
      PUT_LITERAL (out, ",,,,");
      break;
    default:
      PUT_LITERAL (out, ",,,,,");
      break;
    }
}

/* date, time, utc_offset, kind */
static void
append_when (GString              *out,
             const PdExportRecord *r)
{
  static const char * const kinds[] = {
    [PD_EXPORT_PAIN] = "pain,", [PD_EXPORT_DOSE] = "dose,",
    [PD_EXPORT_ACTIVITY] = "activity,", [PD_EXPORT_EVENT] = "event,",
    [PD_EXPORT_FUNCTION] = "function,", [PD_EXPORT_IMPRESSION] = "impression,",
  };
  /* Rows come mostly in order of time: most have the day of the one before. */
  static __thread guint32 last_day;
  static __thread char last_date[10];
  gint64 minute = _pd_csv_floor_div (r->time, 60);
  gint64 local_minute = minute + r->utc_offset / 60;
  int day_minute = local_minute - _pd_csv_floor_div (local_minute, 1440) * 1440;
  int offset = ABS (r->utc_offset);
  guint32 day = pd_local_day (minute * 60, r->utc_offset);
  /* YYYY-MM-DD,HH:MM,+HH:MM, */
  char text[24];

  if (day != last_day)
    {
      format_date (last_date, day);
      last_day = day;
    }
  memcpy (text, last_date, 10);
  text[10] = ',';
  two_digits (text + 11, day_minute / 60);
  text[13] = ':';
  two_digits (text + 14, day_minute % 60);
  text[16] = ',';
  text[17] = r->utc_offset < 0 ? '-' : '+';
  two_digits (text + 18, offset / 3600);
  text[20] = ':';
  two_digits (text + 21, offset % 3600 / 60);
  text[23] = ',';
  put (out, text, sizeof text);
  put (out, kinds[r->kind], strlen (kinds[r->kind]));
}

gsize
_pd_csv_append_id (GString              *out,
                   const PdExportRecord *r)
{
  const char *id = r->id != NULL ? r->id : "";
  gsize length = strlen (id);
  char *p;

  put (out, id, length);
  /* The record objects of the four first kinds hold their ids in lower case. */
  if (r->kind < PD_EXPORT_FUNCTION)
    for (p = out->str + out->len - length; *p != '\0'; p++)
      if (*p >= 'A' && *p <= 'Z')
        *p += 'a' - 'A';
  return length;
}

void
_pd_csv_append_record (GString              *out,
                       const PdExportRecord *r,
                       gboolean              stored)
{
  _pd_csv_append_id (out, r);
  g_string_append_c (out, ',');
  append_when (out, r);

  /* pain .. red_flags, item .. intensity, note */
  if (r->kind == PD_EXPORT_PAIN)
    append_pain (out, r, stored);
  else
    PUT_LITERAL (out, ",,,,,,,,,");
  if (r->kind != PD_EXPORT_PAIN)
    append_item (out, r);
  _pd_csv_append_cell (out, r->note, TRUE);

  /* Version 2: back_pain, leg_pain, event_kind, end_date */
  g_string_append_c (out, ',');
  if (r->kind == PD_EXPORT_PAIN)
    {
      append_optional_int_cell (out, r->back_pain);
      append_optional_int_cell (out, r->leg_pain);
      g_string_append_c (out, ',');
    }
  else if (r->kind == PD_EXPORT_EVENT)
    {
      PUT_LITERAL (out, ",,");
      g_string_append (out, r->event_kind != NULL ? r->event_kind : "");
      g_string_append_c (out, ',');
      if (r->end_day != 0)
        _pd_csv_append_date (out, r->end_day);
    }
  else
    {
      PUT_LITERAL (out, ",,,");
    }
  PUT_LITERAL (out, "\r\n");
}
