/* pd-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-first-frame"

#include "config.h"

#include "pd-first-frame.h"

typedef struct
{
  GSourceFunc callback;
  gpointer data;
  GDestroyNotify destroy;
} Later;

static void
later_free (gpointer  user_data,
            GClosure *closure)
{
  Later *later = user_data;

  /* Never painted (the window went first): the work is not done, its data goes. */
  if (later->callback != NULL && later->destroy != NULL)
    later->destroy (later->data);
  g_free (later);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Later         *later)
{
  /* The frame has gone to the display. Above the frame clock's priority (GDK_PRIORITY_REDRAW):
   * while something animates (the loading spinner) on a loaded machine, frames follow each
   * other without a pause and a default-idle source would never run. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, later->callback, later->data, later->destroy);
  later->callback = NULL;
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, later);
}

void
pd_after_next_frame (GtkWidget      *widget,
                     GSourceFunc     callback,
                     gpointer        data,
                     GDestroyNotify  destroy)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Later *later;

  if (clock == NULL)
    {
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, callback, data, destroy);
      return;
    }
  later = g_new0 (Later, 1);
  later->callback = callback;
  later->data = data;
  later->destroy = destroy;
  g_signal_connect_data (clock, "after-paint", G_CALLBACK (after_paint_cb), later, later_free, 0);
}
