/* pd-body-map-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each region a click can mark is a toggle button of its own, laid over its outline and
 * drawn by the figure: so assistive technologies find it by its name and press it, the
 * keyboard reaches it (the arrow keys move between neighbours, Space toggles), and a click
 * on the figure hits the exact outline, not the button's box.
 */

#define G_LOG_DOMAIN "pd-body-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-body-map.h"
#include "pd-body-map-view.h"
#include "pd-tags.h"
#include "pd-style.h"

/* Pixels per figure unit, at most: side by side, and stacked (narrow: the phone). */
#define MAX_SCALE         2.2
#define MAX_SCALE_STACKED 1.8
#define NATURAL_WIDTH     520

struct _PdBodyMapView
{
  GtkWidget parent_instance;

  GPtrArray *toggles;         /* GtkToggleButton per region, pd_body_map_region_location order */
  guint64 selected;
  PdBodyStats *stats;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (PdBodyMapView, pd_body_map_view, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
style_init (PdBodyMapView *self,
            PdChartStyle  *style)
{
  pd_chart_style_init (style, pd_style_chart_palette (), gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

static int
focused_location (PdBodyMapView *self)
{
  for (guint r = 0; r < self->toggles->len; r++)
    if (gtk_widget_has_visible_focus (g_ptr_array_index (self->toggles, r)))
      return pd_body_map_region_location (r);
  return -1;
}

static void
pd_body_map_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  PdBodyMapView *self = PD_BODY_MAP_VIEW (widget);
  PdChartStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = NATURAL_WIDTH;
      return;
    }
  style_init (self, &style);
  {
    int width = for_size > 0 ? for_size : NATURAL_WIDTH;
    double max_scale = width < PD_BODY_MAP_STACK_WIDTH ? MAX_SCALE_STACKED : MAX_SCALE;

    *minimum = *natural = pd_body_map_height_for_width (width, max_scale, self->stats != NULL,
                                                        &style);
  }
  pd_chart_style_clear (&style);
}

static GtkSizeRequestMode
pd_body_map_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pd_body_map_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  PdBodyMapView *self = PD_BODY_MAP_VIEW (widget);
  PdBodyMapLayout layout;
  PdChartStyle style;

  style_init (self, &style);
  pd_body_map_layout (&layout, width, height, self->stats != NULL, &style);
  for (guint r = 0; r < self->toggles->len; r++)
    {
      GtkWidget *toggle = g_ptr_array_index (self->toggles, r);
      PdChartRect rect;
      GtkAllocation child;

      int min;

      /* Measured first, as GTK wants; the outline decides the size. */
      gtk_widget_measure (toggle, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_measure (toggle, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
      pd_body_map_location_bounds (&layout, pd_body_map_region_location (r), &rect);
      child = (GtkAllocation) { (int) rect.x, (int) rect.y, MAX ((int) rect.width, 1),
                                MAX ((int) rect.height, 1) };
      gtk_widget_size_allocate (toggle, &child, -1);
    }
  pd_chart_style_clear (&style);
}

static void
pd_body_map_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PdBodyMapView *self = PD_BODY_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  PdBodyMapData data = { self->selected, -1, self->stats };
  PdChartStyle style;
  cairo_t *cr;

  /* The toggles are not drawn: the figure is their picture. */
  if (self->stats == NULL)
    data.focus = focused_location (self);
  style_init (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pd_body_map_draw (cr, width, height, &data, &style);
  cairo_destroy (cr);
  pd_chart_style_clear (&style);
}

static void
toggled_cb (GtkToggleButton *toggle,
            PdBodyMapView   *self)
{
  int location = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), "location"));
  guint64 bit = G_GUINT64_CONSTANT (1) << location;

  if (gtk_toggle_button_get_active (toggle))
    self->selected |= bit;
  else
    self->selected &= ~bit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PdBodyMapView   *self)
{
  PdBodyMapLayout layout;
  PdChartStyle style;
  int location;

  if (self->stats != NULL)
    return;
  style_init (self, &style);
  pd_body_map_layout (&layout, gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)), FALSE, &style);
  pd_chart_style_clear (&style);
  location = pd_body_map_location_at (&layout, x, y);
  for (guint r = 0; r < self->toggles->len && location >= 0; r++)
    if (pd_body_map_region_location (r) == location)
      {
        GtkToggleButton *toggle = g_ptr_array_index (self->toggles, r);

        gtk_toggle_button_set_active (toggle, !gtk_toggle_button_get_active (toggle));
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
        break;
      }
}

/* The toggles take no pointer: the figure names the region under it. */
static gboolean
query_tooltip_cb (PdBodyMapView *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip)
{
  PdBodyMapLayout layout;
  PdChartStyle style;
  int location;

  if (keyboard)
    return FALSE;
  style_init (self, &style);
  pd_body_map_layout (&layout, gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)), self->stats != NULL, &style);
  pd_chart_style_clear (&style);
  location = pd_body_map_location_at (&layout, x, y);
  if (location < 0)
    return FALSE;
  if (self->stats != NULL && self->stats->regions[location].days > 0)
    {
      const PdBodyRegionStats *region = &self->stats->regions[location];
      /* Translators: a body region, the days it hurt, its mean and highest pain */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s: %u day, mean pain %.1f, highest %d",
                                                            "%s: %u days, mean pain %.1f, highest %d",
                                                            region->days),
                                               pd_tag_label (PD_TAG_LOCATION, (guint) location),
                                               region->days, region->mean, region->max);

      gtk_tooltip_set_text (tooltip, text);
    }
  else
    gtk_tooltip_set_text (tooltip, pd_tag_label (PD_TAG_LOCATION, (guint) location));
  return TRUE;
}

static void
style_changed_cb (PdBodyMapView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint64
pd_body_map_view_get_selected (PdBodyMapView *self)
{
  g_return_val_if_fail (PD_IS_BODY_MAP_VIEW (self), 0);
  return self->selected;
}

void
pd_body_map_view_set_selected (PdBodyMapView *self,
                               guint64        selected)
{
  g_return_if_fail (PD_IS_BODY_MAP_VIEW (self));

  self->updating = TRUE;
  self->selected = selected;
  for (guint r = 0; r < self->toggles->len; r++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->toggles, r),
                                  (selected >> pd_body_map_region_location (r)) & 1);
  self->selected = selected;
  self->updating = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pd_body_map_view_set_stats (PdBodyMapView *self,
                            PdBodyStats   *stats)
{
  g_autofree char *summary = NULL;
  gboolean resize;

  g_return_if_fail (PD_IS_BODY_MAP_VIEW (self));

  /* The legend comes and goes with the statistics; a new period only redraws (Trends
   * sets one at every step of a drag). */
  resize = (self->stats == NULL) != (stats == NULL);
  if (self->stats != stats)
    g_clear_pointer (&self->stats, pd_body_stats_free);
  self->stats = stats;
  /* A period's map is a picture with its text alternative; nothing to press. */
  for (guint r = 0; r < self->toggles->len; r++)
    gtk_widget_set_visible (g_ptr_array_index (self->toggles, r), stats == NULL);
  if (stats != NULL)
    {
      summary = pd_body_stats_summary (stats, 8);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      summary, -1);
    }
  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pd_body_map_view_dispose (GObject *object)
{
  PdBodyMapView *self = PD_BODY_MAP_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->toggles, g_ptr_array_unref);
  g_clear_pointer (&self->stats, pd_body_stats_free);

  G_OBJECT_CLASS (pd_body_map_view_parent_class)->dispose (object);
}

static void
pd_body_map_view_class_init (PdBodyMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_body_map_view_dispose;
  widget_class->measure = pd_body_map_view_measure;
  widget_class->get_request_mode = pd_body_map_view_get_request_mode;
  widget_class->size_allocate = pd_body_map_view_size_allocate;
  widget_class->snapshot = pd_body_map_view_snapshot;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "pd-body-map");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pd_body_map_view_init (PdBodyMapView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkGesture *gesture;

  self->toggles = g_ptr_array_new ();
  for (guint r = 0; r < pd_body_map_n_regions (); r++)
    {
      int location = pd_body_map_region_location (r);
      GtkWidget *toggle = gtk_toggle_button_new ();

      /* Named by the location's label; the pointer goes to the figure's exact outlines. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      pd_tag_label (PD_TAG_LOCATION, (guint) location), -1);
      gtk_widget_set_can_target (toggle, FALSE);
      gtk_widget_set_focus_on_click (toggle, FALSE);
      g_object_set_data (G_OBJECT (toggle), "location", GINT_TO_POINTER (location));
      g_signal_connect (toggle, "toggled", G_CALLBACK (toggled_cb), self);
      g_signal_connect_swapped (toggle, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), self);
      gtk_widget_set_parent (toggle, GTK_WIDGET (self));
      g_ptr_array_add (self->toggles, toggle);
    }

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Body map"), -1);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
pd_body_map_view_new (void)
{
  return g_object_new (PD_TYPE_BODY_MAP_VIEW, NULL);
}
