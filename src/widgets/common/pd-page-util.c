/* pd-page-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-page-util"

#include "config.h"

#include "pd-page-util.h"

#define RESOURCE_PREFIX "/io/github/paindiary/PainDiary/"

void
pd_widget_class_set_template (GtkWidgetClass          *widget_class,
                              const char              *ui_file,
                              const PdTemplateBinding *bindings,
                              gsize                    n_bindings)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, ui_file, NULL);

  gtk_widget_class_set_template_from_resource (widget_class, path);
  for (gsize i = 0; i < n_bindings; i++)
    {
      if (bindings[i].callback != NULL)
        gtk_widget_class_bind_template_callback_full (widget_class, bindings[i].name,
                                                      bindings[i].callback);
      else
        gtk_widget_class_bind_template_child_full (widget_class, bindings[i].name, FALSE,
                                                   bindings[i].offset);
    }
}

GtkWidget *
pd_information_row_new (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-information-symbolic"));
  return row;
}

void
pd_widget_set_tooltip (GtkWidget  *widget,
                       const char *text)
{
  gboolean quietly = gtk_widget_get_parent (widget) == NULL && gtk_widget_get_visible (widget);

  if (quietly)
    gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  if (quietly)
    gtk_widget_set_visible (widget, TRUE);
}

GtkWidget *
pd_action_button_new (const char *icon,
                      const char *action,
                      GVariant   *target,
                      const char *tooltip,
                      const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  pd_widget_set_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

void
pd_widget_set_margins (GtkWidget *widget,
                       int        top,
                       int        end,
                       int        bottom,
                       int        start)
{
  gtk_widget_set_margin_top (widget, top);
  gtk_widget_set_margin_end (widget, end);
  gtk_widget_set_margin_bottom (widget, bottom);
  gtk_widget_set_margin_start (widget, start);
}

GtkWindow *
pd_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
pd_preferences_toast (GtkWidget  *widget,
                      const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_warning ("%s", message);
}
