/* pd-style.h: what the widgets draw with: the chart palette of the style in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pd-chart.h"

G_BEGIN_DECLS

/* Light or dark, high contrast or not, as the style manager says now. */
PdChartPalette pd_style_chart_palette    (void);
/* Draws widget again whenever the style turns dark or light, or its contrast changes. */
void           pd_style_redraw_on_change (GtkWidget *widget);
/* Pulses bar about ten times a second, whatever the frame rate, whenever it is drawn. */
void           pd_style_pulse            (GtkProgressBar *bar);

G_END_DECLS
