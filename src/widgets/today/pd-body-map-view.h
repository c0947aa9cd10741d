/* pd-body-map-view.h: the body map as a widget: regions to mark where it hurts (the entry
 * form), or a period's map (Trends, review)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-body-stats.h"

G_BEGIN_DECLS

#define PD_TYPE_BODY_MAP_VIEW (pd_body_map_view_get_type ())

G_DECLARE_FINAL_TYPE (PdBodyMapView, pd_body_map_view, PD, BODY_MAP_VIEW, GtkWidget)

GtkWidget *pd_body_map_view_new          (void);
/* The marked locations (a PD_TAG_LOCATION mask). Setting does not emit "changed"; a click,
 * a tap or the keyboard does. */
guint64    pd_body_map_view_get_selected (PdBodyMapView *self);
void       pd_body_map_view_set_selected (PdBodyMapView *self,
                                          guint64        selected);
/* A period's map instead of the marks (the view takes stats); NULL: back to marking. */
void       pd_body_map_view_set_stats    (PdBodyMapView *self,
                                          PdBodyStats   *stats);

G_END_DECLS
