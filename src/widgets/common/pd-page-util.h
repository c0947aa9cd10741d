/* pd-page-util.h: what the pages and their views share in building themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One object or callback of a widget template: an object is stored at offset in the
 * instance, a callback (callback not NULL) is found by name from the template's signals. */
typedef struct
{
  const char *name;
  gssize      offset;
  GCallback   callback;
} PdTemplateBinding;

#define PD_TEMPLATE_CHILD(Type, member) { #member, G_STRUCT_OFFSET (Type, member), NULL }
#define PD_TEMPLATE_CALLBACK(function) { #function, 0, G_CALLBACK (function) }

/* Builds instances of widget_class from ui_file in the application's resources, binding
 * the n_bindings objects and callbacks listed. */
void pd_widget_class_set_template (GtkWidgetClass          *widget_class,
                                   const char              *ui_file,
                                   const PdTemplateBinding *bindings,
                                   gsize                    n_bindings);

/* An action row telling text (wrapped, not markup) beside an information icon. */
GtkWidget *pd_information_row_new (const char *text);

/* Gives widget its tooltip. A widget not yet in a window is given it while hidden: GTK 4.8
 * asks the display where the pointer is whenever a visible widget gets a tooltip (round
 * trips to the X server), and the History page makes rows with buttons by the hundred. */
void pd_widget_set_tooltip (GtkWidget  *widget,
                            const char *text);

/* A flat icon button, centred in a row, that activates action with target (floating or
 * NULL); tooltip shows on hovering, label is its accessible name. */
GtkWidget *pd_action_button_new (const char *icon,
                                 const char *action,
                                 GVariant   *target,
                                 const char *tooltip,
                                 const char *label);

/* The window that holds widget, or NULL when it is in none (yet). */
GtkWindow *pd_widget_get_window (GtkWidget *widget);

/* Shows message in a toast of the preferences window that holds widget; logs it as a
 * warning when widget is in none. */
void pd_preferences_toast (GtkWidget  *widget,
                           const char *message);

/* Sets the four margins of widget, in the order of CSS: top, end, bottom, start. */
void pd_widget_set_margins (GtkWidget *widget,
                            int        top,
                            int        end,
                            int        bottom,
                            int        start);

G_END_DECLS
