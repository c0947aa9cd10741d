/* pd-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-input"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-input.h"

gboolean
pd_parse_score (const char  *text,
                int         *score,
                GError     **error)
{
  g_autofree char *copy = NULL;
  guint64 value;

  g_return_val_if_fail (score != NULL, FALSE);

  copy = g_strstrip (g_strdup (text ? text : ""));
  if (!g_ascii_string_to_unsigned (copy, 10, 0, 10, &value, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a pain score: use a whole number from 0 (no pain) to 10 (worst pain imaginable)"),
                   copy);
      return FALSE;
    }
  *score = (int) value;
  return TRUE;
}

GDateTime *
pd_parse_time (const char  *text,
               GTimeZone   *tz,
               GDateTime   *now,
               GError     **error)
{
  g_autofree char *copy = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  gsize len;

  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  copy = g_strstrip (g_strdup (text ? text : ""));
  /* Accept a space between date and time, as people write it. */
  if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';
  len = strlen (copy);
  if (len >= 16 && copy[10] == 'T')
    {
      /* GLib wants seconds; people write HH:MM. */
      if (copy[13] == ':' && (copy[16] == '\0' || strchr ("Zz+-", copy[16]) != NULL))
        {
          g_autofree char *with_seconds = g_strdup_printf ("%.16s:00%s", copy, copy + 16);
          parsed = g_date_time_new_from_iso8601 (with_seconds, tz);
        }
      else
        parsed = g_date_time_new_from_iso8601 (copy, tz);
    }

  if (parsed == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a date and time: use YYYY-MM-DDTHH:MM, for example 2026-11-21T08:30"),
                   copy);
      return NULL;
    }
  if (g_date_time_difference (parsed, now) > G_TIME_SPAN_MINUTE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is in the future: a diary entry records a time that has passed"), copy);
      return NULL;
    }
  return g_steal_pointer (&parsed);
}
