/* pd-toast-clearance.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-toast-clearance"

#include "config.h"

#include "pd-toast-clearance.h"

/* libadwaita 1.2 has no API for a toast's place: a style class on the overlay and one
 * provider per display whose rule holds the margin measured last. */
#define CLASS "pd-toast-clearance"

typedef struct
{
  GtkWidget *button;          /* inside the overlay, which owns this */
  int margin;                 /* the last applied; -1: none yet */
  guint timeout;
} Clearance;

static GtkCssProvider *
provider_for (GdkDisplay *display)
{
  GtkCssProvider *provider = g_object_get_data (G_OBJECT (display), CLASS);

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      g_object_set_data_full (G_OBJECT (display), CLASS, provider, g_object_unref);
    }
  return provider;
}

static gboolean
measure_cb (gpointer user_data)
{
  GtkWidget *overlay = user_data;
  Clearance *clearance = g_object_get_data (G_OBJECT (overlay), CLASS);
  graphene_rect_t bounds;
  g_autofree char *css = NULL;
  int margin = 0;

  clearance->timeout = 0;
  if (gtk_widget_get_mapped (clearance->button)
      && gtk_widget_compute_bounds (clearance->button, overlay, &bounds))
    margin = MAX (0, gtk_widget_get_height (overlay) - (int) bounds.origin.y) + 6;
  if (margin == clearance->margin)
    return G_SOURCE_REMOVE;
  clearance->margin = margin;
  css = g_strdup_printf ("toastoverlay." CLASS " > toast { margin-bottom: %dpx; }", MAX (margin, 12));
  gtk_css_provider_load_from_data (provider_for (gtk_widget_get_display (overlay)), css, -1);
  return G_SOURCE_REMOVE;
}

/* After the change is laid out, and the view switcher bar's slide is over. */
static void
changed_cb (GtkWidget *overlay)
{
  Clearance *clearance = g_object_get_data (G_OBJECT (overlay), CLASS);

  g_clear_handle_id (&clearance->timeout, g_source_remove);
  clearance->timeout = g_timeout_add (300, measure_cb, overlay);
}

static void
clearance_free (gpointer data)
{
  Clearance *clearance = data;

  g_clear_handle_id (&clearance->timeout, g_source_remove);
  g_free (clearance);
}

void
pd_toast_clearance_keep (AdwToastOverlay *overlay,
                         GtkWidget       *button)
{
  Clearance *clearance;
  GtkRoot *root;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (GTK_IS_WIDGET (button));

  clearance = g_new0 (Clearance, 1);
  clearance->button = button;
  clearance->margin = -1;
  g_object_set_data_full (G_OBJECT (overlay), CLASS, clearance, clearance_free);
  gtk_widget_add_css_class (GTK_WIDGET (overlay), CLASS);
  /* Whatever moves the button: it shows or hides with its page, the window resizes and the
   * view switcher bar appears below it. */
  g_signal_connect_object (button, "map", G_CALLBACK (changed_cb), overlay, G_CONNECT_SWAPPED);
  g_signal_connect_object (button, "unmap", G_CALLBACK (changed_cb), overlay, G_CONNECT_SWAPPED);
  root = gtk_widget_get_root (GTK_WIDGET (overlay));
  if (root != NULL)
    {
      const char *signals[] = { "notify::default-width", "notify::default-height",
                                "notify::maximized" };

      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        g_signal_connect_object (root, signals[i], G_CALLBACK (changed_cb), overlay,
                                 G_CONNECT_SWAPPED);
    }
  changed_cb (GTK_WIDGET (overlay));
}

void
pd_toast_clearance_update (AdwToastOverlay *overlay)
{
  Clearance *clearance;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  clearance = g_object_get_data (G_OBJECT (overlay), CLASS);
  if (clearance == NULL)
    return;
  g_clear_handle_id (&clearance->timeout, g_source_remove);
  measure_cb (overlay);
}

void
pd_toast_send (GtkWidget  *widget,
               const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!gtk_widget_activate_action (widget, "win.show-toast", "s", message))
    g_message ("%s", message);
}
