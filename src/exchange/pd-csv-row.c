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

void
_pd_csv_append_cell (GString    *out,
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
void
_pd_csv_append_int (GString *out,
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
      _pd_csv_append_int (out, (gint64) value);
      return;
    }
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (out, buffer);
}

static void
append_optional_int (GString *out,
                     int      value)
{
  if (value != PD_UNSET)
    _pd_csv_append_int (out, value);
}

void
_pd_csv_append_date (GString *out,
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

/* A tag list cell. The diary stores tags as the CSV writes them, so a stored list is written
 * as it is, unless it is not in that form: then as the record objects would hold it. */
static void
append_tags (GString    *out,
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
}

static void
append_pain (GString              *out,
             const PdExportRecord *r,
             gboolean              stored)
{
  _pd_csv_append_int (out, r->pain);
  g_string_append_c (out, ',');
  append_optional_int (out, r->enjoyment_interference);
  g_string_append_c (out, ',');
  append_optional_int (out, r->activity_interference);
  g_string_append_c (out, ',');
  append_tags (out, PD_TAG_LOCATION, r->locations, stored);
  g_string_append_c (out, ',');
  append_tags (out, PD_TAG_QUALITY, r->qualities, stored);
  g_string_append_c (out, ',');
  if (r->sleep_hours >= 0)
    append_double (out, r->sleep_hours);
  g_string_append_c (out, ',');
  append_optional_int (out, r->sleep_quality);
  g_string_append_c (out, ',');
  append_optional_int (out, r->mood);
  g_string_append_c (out, ',');
  append_tags (out, PD_TAG_RED_FLAG, r->red_flags, stored);
  g_string_append (out, ",,,,,,");
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
      g_string_append (out, ",,,");
      break;
    case PD_EXPORT_ACTIVITY:
      g_string_append (out, ",,,");
      _pd_csv_append_int (out, r->duration);
      g_string_append_c (out, ',');
      append_optional_int (out, r->effort);
      g_string_append_c (out, ',');
      break;
    case PD_EXPORT_FUNCTION:
    case PD_EXPORT_IMPRESSION:
      g_string_append_c (out, ',');
      _pd_csv_append_int (out, r->score);
      g_string_append (out, ",,,,");
      break;
    default:
      g_string_append (out, ",,,,,");
      break;
    }
}

/* id, date, time, utc_offset, kind */
static void
append_when (GString              *out,
             const PdExportRecord *r)
{
  static const char * const kinds[] = {
    [PD_EXPORT_PAIN] = "pain", [PD_EXPORT_DOSE] = "dose", [PD_EXPORT_ACTIVITY] = "activity",
    [PD_EXPORT_EVENT] = "event", [PD_EXPORT_FUNCTION] = "function",
    [PD_EXPORT_IMPRESSION] = "impression",
  };
  gint64 minute = _pd_csv_floor_div (r->time, 60);
  gint64 local_minute = minute + r->utc_offset / 60;
  gint64 day_minute = local_minute - _pd_csv_floor_div (local_minute, 1440) * 1440;
  int offset = ABS (r->utc_offset);

  _pd_csv_append_date (out, pd_local_day (minute * 60, r->utc_offset));
  g_string_append_c (out, ',');
  append_two_digits (out, day_minute / 60);
  g_string_append_c (out, ':');
  append_two_digits (out, day_minute % 60);
  g_string_append_c (out, ',');
  g_string_append_c (out, r->utc_offset < 0 ? '-' : '+');
  append_two_digits (out, offset / 3600);
  g_string_append_c (out, ':');
  append_two_digits (out, offset % 3600 / 60);
  g_string_append_c (out, ',');
  g_string_append (out, kinds[r->kind]);
  g_string_append_c (out, ',');
}

gsize
_pd_csv_append_id (GString              *out,
                   const PdExportRecord *r)
{
  const char *id = r->id != NULL ? r->id : "";
  gsize start = out->len;

  g_string_append (out, id);
  /* The record objects of the four first kinds hold their ids in lower case. */
  if (r->kind < PD_EXPORT_FUNCTION)
    for (gsize i = start; i < out->len; i++)
      out->str[i] = g_ascii_tolower (out->str[i]);
  return out->len - start;
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
    g_string_append (out, ",,,,,,,,,");
  if (r->kind != PD_EXPORT_PAIN)
    append_item (out, r);
  _pd_csv_append_cell (out, r->note, TRUE);

  /* Version 2: back_pain, leg_pain, event_kind, end_date */
  g_string_append_c (out, ',');
  if (r->kind == PD_EXPORT_PAIN)
    {
      append_optional_int (out, r->back_pain);
      g_string_append_c (out, ',');
      append_optional_int (out, r->leg_pain);
      g_string_append (out, ",,");
    }
  else if (r->kind == PD_EXPORT_EVENT)
    {
      g_string_append (out, ",,");
      g_string_append (out, r->event_kind != NULL ? r->event_kind : "");
      g_string_append_c (out, ',');
      if (r->end_day != 0)
        _pd_csv_append_date (out, r->end_day);
    }
  else
    {
      g_string_append (out, ",,,");
    }
  g_string_append (out, "\r\n");
}
