/* pd-rows.h: small constructors for the preference rows the editors share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* An action row with a spin button as its suffix (and activatable widget). */
GtkWidget *pd_spin_row_new   (const char      *title,
                              const char      *subtitle,
                              double           lower,
                              double           upper,
                              double           step,
                              guint            digits,
                              GtkSpinButton  **spin);
/* A combo row over labels (NULL-terminated), showing the chosen one whole while there is
 * room (libadwaita 1.2 cuts it at 20 characters). */
GtkWidget *pd_combo_row_new  (const char      *title,
                              const char * const *labels);
/* The chosen item of a combo row over a GtkStringList whole while there is room, the list's
 * items wrapped. */
void       pd_combo_row_show_whole (AdwComboRow *row);
/* A menu button in a scrolled page that scrolls itself into view before its menu opens
 * (activated from the keyboard or assistive technology while scrolled out of view, its
 * menu would point off the window, where GTK finds no monitor). */
void       pd_menu_button_popup_in_view (GtkMenuButton *button);
/* An entry row. */
GtkWidget *pd_text_row_new   (const char      *title,
                              const char      *text);
/* Toggle "chips" in a flow box inside a list row, one per label (NULL-terminated); the
 * buttons are appended to buttons, so bit i of a mask is labels[i]. */
GtkWidget *pd_chips_row_new  (const char * const *labels,
                              GPtrArray       *buttons);
/* Bit masks of toggle or check buttons. */
guint64    pd_chips_get_mask (GPtrArray       *buttons);
void       pd_chips_set_mask (GPtrArray       *buttons,
                              guint64          mask);
/* A row with a warning icon and a wrapped message, for safety information. */
GtkWidget *pd_warning_row_new (const char     *message,
                               gboolean        severe);
/* Adds the Edit and Delete buttons of a record to a row: they activate win.edit-record and
 * win.delete-record with the target (kind, id), GVariant type "(is)". what names the record
 * in their accessible names. */
void       pd_row_add_record_buttons (AdwActionRow *row,
                                      PdRecordKind  kind,
                                      const char   *id,
                                      const char   *what);

G_END_DECLS
