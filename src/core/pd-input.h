/* pd-input.h: parsing what a person types on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A whole number 0-10, nothing else ("7", " 7 "); not "7.5", "abc", "11". */
gboolean   pd_parse_score (const char  *text,
                           int         *score,
                           GError     **error);

/* An ISO 8601 date and time ("2026-11-21T08:30", "2026-11-21 08:30",
 * "2026-11-21T08:30:00+01:00"). Without an offset the time is local in tz. Times more
 * than a minute after now are refused: a diary records what happened. */
GDateTime *pd_parse_time  (const char  *text,
                           GTimeZone   *tz,
                           GDateTime   *now,
                           GError     **error);

G_END_DECLS
