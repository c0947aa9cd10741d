/* pd-body-map-panel.h: where it hurt over a period (Trends and review): the body map
 * coloured by days and strength, its legend, a text summary and a note for the clinician
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_BODY_MAP_PANEL (pd_body_map_panel_get_type ())

G_DECLARE_FINAL_TYPE (PdBodyMapPanel, pd_body_map_panel, PD, BODY_MAP_PANEL, AdwBin)

GtkWidget *pd_body_map_panel_new         (void);
/* entries: PdPainEntry (the panel keeps a reference); NULL to clear. */
void       pd_body_map_panel_set_entries (PdBodyMapPanel *self,
                                          GPtrArray      *entries);
/* The local days shown (Julian, inclusive). */
void       pd_body_map_panel_set_range   (PdBodyMapPanel *self,
                                          guint32         first_day,
                                          guint32         last_day);

G_END_DECLS
