/* pd-database-day.c: dates of the treatment and function tables, stored as local
 * YYYY-MM-DD and handled as Julian day numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <stdio.h>

#include "pd-database-private.h"

gboolean
_pd_format_day (guint32 day,
                char    buffer[static 11])
{
  GDate date;

  if (!g_date_valid_julian (day))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_snprintf (buffer, 11, "%04u-%02u-%02u", (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
  return TRUE;
}

guint32
_pd_column_day (sqlite3_stmt *stmt,
                int           column)
{
  const char *text = _pd_column_text (stmt, column);
  guint year, month, day;
  GDate date;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}
