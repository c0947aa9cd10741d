/* pd-banded-area.h: a drawing area whose drawing is shown a band of rows at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_BANDED_AREA (pd_banded_area_get_type ())

G_DECLARE_FINAL_TYPE (PdBandedArea, pd_banded_area, PD, BANDED_AREA, GtkDrawingArea)

GtkWidget *pd_banded_area_new (void);

G_END_DECLS
