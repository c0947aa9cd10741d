/* pd-stall-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-stall-watch"

#include "config.h"

#include "pd-stall-watch.h"

#define BEAT_MS 4
#define FRAME_US 16000

static gboolean
beat_cb (gpointer user_data)
{
  gint64 *last = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - *last - BEAT_MS * 1000;

  if (late > FRAME_US)
    g_debug ("main loop stalled %.1f ms", late / 1000.0);
  *last = now;
  return G_SOURCE_CONTINUE;
}

void
pd_stall_watch_start (void)
{
  static gint64 last;

  if (last != 0 || g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;
  last = g_get_monotonic_time ();
  g_timeout_add (BEAT_MS, beat_cb, &last);
  g_debug ("watching the main loop every %d ms", BEAT_MS);
}
