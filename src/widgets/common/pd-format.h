/* pd-format.h: how the window writes dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A local date (Julian day) as "3 October 2026", in the user's language. */
char *pd_format_day (guint32 day);

G_END_DECLS
