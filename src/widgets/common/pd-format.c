/* pd-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-format"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-format.h"

char *
pd_format_day (guint32 day)
{
  g_autoptr(GDate) date = g_date_new_julian (day);
  char buffer[128];

  /* Translators: a date, as in "3 October 2026" (strftime format) */
  if (g_date_strftime (buffer, sizeof buffer, _("%-d %B %Y"), date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}
