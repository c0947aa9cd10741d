/* pd-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-style"

#include "config.h"

#include <adwaita.h>

#include "pd-style.h"

PdChartPalette
pd_style_chart_palette (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);

  if (adw_style_manager_get_high_contrast (manager))
    return dark ? PD_CHART_PALETTE_HIGH_CONTRAST_DARK : PD_CHART_PALETTE_HIGH_CONTRAST;
  return dark ? PD_CHART_PALETTE_DARK : PD_CHART_PALETTE_LIGHT;
}

void
pd_style_redraw_on_change (GtkWidget *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (gtk_widget_queue_draw), widget,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (gtk_widget_queue_draw),
                           widget, G_CONNECT_SWAPPED);
}

static gboolean
pulse_cb (GtkWidget     *bar,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  if (gdk_frame_clock_get_frame_counter (clock) % 6 == 0)
    gtk_progress_bar_pulse (GTK_PROGRESS_BAR (bar));
  return G_SOURCE_CONTINUE;
}

void
pd_style_pulse (GtkProgressBar *bar)
{
  g_return_if_fail (GTK_IS_PROGRESS_BAR (bar));

  gtk_widget_add_tick_callback (GTK_WIDGET (bar), pulse_cb, NULL, NULL);
}
