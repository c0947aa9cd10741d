/* pd-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-page-util.h"
#include "pd-rows.h"

GtkWidget *
pd_spin_row_new (const char     *title,
                 const char     *subtitle,
                 double          lower,
                 double          upper,
                 double          step,
                 guint           digits,
                 GtkSpinButton **spin)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (button), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  *spin = GTK_SPIN_BUTTON (button);
  return row;
}

static void
whole_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  in_list)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (in_list))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_list_item_set_child (item, label);
}

static void
whole_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  in_list)
{
  GObject *object = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       GTK_IS_STRING_OBJECT (object)
                       ? gtk_string_object_get_string (GTK_STRING_OBJECT (object)) : "");
}

static GtkListItemFactory *
whole_factory (gboolean in_list)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (whole_setup_cb), GINT_TO_POINTER (in_list));
  g_signal_connect (factory, "bind", G_CALLBACK (whole_bind_cb), GINT_TO_POINTER (in_list));
  return factory;
}

static gboolean scroll_into_view (GtkWidget *widget);
static gboolean in_view (GtkWidget *widget);

/* The row again, now that the page has laid it out in view. */
static gboolean
activate_again_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  if (!in_view (widget))
    return G_SOURCE_CONTINUE;
  gtk_widget_activate (widget);
  return G_SOURCE_REMOVE;
}

/* Enter on a combo row that is not (yet) in view, as while the page still scrolls to the
 * row that Tab just reached: GTK 4.8 would point its list at where the row is now, off the
 * screen, where it finds no monitor (gdk_monitor_get_geometry: assertion failed). The row
 * comes into view first, then its list opens. */
static gboolean
combo_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      gpointer               user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter &&
      keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space)
    return FALSE;
  if (in_view (row))
    return FALSE;
  scroll_into_view (row);
  gtk_widget_add_tick_callback (row, activate_again_cb, NULL, NULL);
  return TRUE;
}

void
pd_combo_row_show_whole (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = whole_factory (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = whole_factory (TRUE);
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, list_factory);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (combo_key_pressed_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (row), keys);
}

GtkWidget *
pd_combo_row_new (const char         *title,
                  const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  pd_combo_row_show_whole (ADW_COMBO_ROW (row));
  return row;
}

GtkWidget *
pd_text_row_new (const char *title,
                  const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  return row;
}

GtkWidget *
pd_chips_row_new (const char * const *labels,
                  GPtrArray          *buttons)
{
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_set_margin_top (flow, 12);
  gtk_widget_set_margin_bottom (flow, 12);
  gtk_widget_set_margin_start (flow, 12);
  gtk_widget_set_margin_end (flow, 12);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (labels[i]);

      gtk_widget_add_css_class (button, "chip");
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      /* The flow box child would take focus too: only the button should. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      g_ptr_array_add (buttons, button);
    }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), flow);
  return row;
}

static gboolean
toggle_get_active (GtkWidget *toggle)
{
  return GTK_IS_CHECK_BUTTON (toggle) ? gtk_check_button_get_active (GTK_CHECK_BUTTON (toggle))
                                      : gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));
}

guint64
pd_chips_get_mask (GPtrArray *buttons)
{
  guint64 mask = 0;

  for (guint i = 0; i < buttons->len; i++)
    if (toggle_get_active (g_ptr_array_index (buttons, i)))
      mask |= G_GUINT64_CONSTANT (1) << i;
  return mask;
}

void
pd_chips_set_mask (GPtrArray *buttons,
                   guint64    mask)
{
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *toggle = g_ptr_array_index (buttons, i);
      gboolean active = (mask & (G_GUINT64_CONSTANT (1) << i)) != 0;

      if (GTK_IS_CHECK_BUTTON (toggle))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), active);
      else
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), active);
    }
}

GtkWidget *
pd_warning_row_new (const char *message,
                    gboolean    severe)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, severe ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severe ? _("Warning") : _("Caution"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "safety-note");
  return row;
}

/* Scrolls the page that holds widget so that all of widget is in view; FALSE when it was
 * in view already. */
static gboolean
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  GtkWidget *content;
  graphene_rect_t bounds;
  double before;

  if (scrolled == NULL)
    return FALSE;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content) && gtk_viewport_get_child (GTK_VIEWPORT (content)) != NULL)
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL || !gtk_widget_compute_bounds (widget, content, &bounds))
    return FALSE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  before = gtk_adjustment_get_value (adjustment);
  gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
  return gtk_adjustment_get_value (adjustment) != before;
}

/* Whether all of widget is laid out within its page's view (or it is in no page). */
static gboolean
in_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return scrolled == NULL || !gtk_widget_compute_bounds (widget, scrolled, &bounds) ||
         (bounds.origin.y >= 0 &&
          bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled) + 0.5);
}

static void popup_in_view_cb (GtkMenuButton *button,
                              gpointer       user_data);

/* The menu again, now that the page has moved the button into view. */
static gboolean
popup_again_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (widget);
  GMenuModel *model;

  /* Until a frame has laid the page out where it scrolled to. */
  if (!in_view (widget))
    return G_SOURCE_CONTINUE;
  model = g_object_steal_data (G_OBJECT (button), "pd-menu-in-view");

  gtk_menu_button_set_menu_model (button, model);
  gtk_menu_button_set_create_popup_func (button, popup_in_view_cb, NULL, NULL);
  g_clear_object (&model);
  /* Its toggle is still down from the first activation: up, then down again. */
  gtk_menu_button_popdown (button);
  gtk_menu_button_popup (button);
  return G_SOURCE_REMOVE;
}

static void
popup_in_view_cb (GtkMenuButton *button,
                  gpointer       user_data)
{
  GMenuModel *model;

  if (!scroll_into_view (GTK_WIDGET (button)))
    return;
  /* Activated while scrolled out of view (from the keyboard's shortcut or assistive
   * technology): the menu would point off the window. No menu this time; it opens once the
   * page has moved. */
  model = gtk_menu_button_get_menu_model (button);
  if (model == NULL)
    return;
  g_object_set_data_full (G_OBJECT (button), "pd-menu-in-view", g_object_ref (model),
                          g_object_unref);
  gtk_menu_button_set_menu_model (button, NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (button), popup_again_cb, NULL, NULL);
}

void
pd_menu_button_popup_in_view (GtkMenuButton *button)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  gtk_menu_button_set_create_popup_func (button, popup_in_view_cb, NULL, NULL);
}

/* Edit and Delete of a record */

void
pd_row_add_record_buttons (AdwActionRow *row,
                           PdRecordKind  kind,
                           const char   *id,
                           const char   *what)
{
  /* Translators: accessible names, e.g. "Edit entry of 08:30", "Delete Gabapentin at 08:00" */
  g_autofree char *edit = g_strdup_printf (_("Edit %s"), what);
  g_autofree char *delete = g_strdup_printf (_("Delete %s"), what);

  adw_action_row_add_suffix (row, pd_action_button_new ("document-edit-symbolic", "win.edit-record",
                                                        g_variant_new ("(is)", (gint32) kind, id),
                                                        edit, edit));
  adw_action_row_add_suffix (row, pd_action_button_new ("user-trash-symbolic", "win.delete-record",
                                                        g_variant_new ("(is)", (gint32) kind, id),
                                                        delete, delete));
}

