/* pd-heatmap-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-heatmap-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-heatmap-chart.h"
#include "pd-heatmap-view.h"
#include "pd-page-util.h"
#include "pd-style.h"

struct _PdHeatmapView
{
  AdwBin parent_instance;

  PdHeatmapSource *source;
  PdHeatmap heatmap;
  guint32 first;
  guint32 last;
  guint first_weekday;
  int heat_weekday;           /* the keyboard's or pointer's cell; -1: none */
  int heat_bin;

  GtkWidget *area;
  GtkWidget *summary;
  GtkWidget *cell;
};

G_DEFINE_FINAL_TYPE (PdHeatmapView, pd_heatmap_view, ADW_TYPE_BIN)

static void
update_cell (PdHeatmapView *self)
{
  g_autofree char *text = NULL;

  if (self->heat_weekday < 0 || self->heat_bin < 0)
    text = g_strdup (_("Point at a cell, or focus the map and use the arrow keys, for its values."));
  else
    text = pd_heatmap_describe_cell (&self->heatmap, self->heat_weekday, self->heat_bin);
  gtk_label_set_label (GTK_LABEL (self->cell), text);
  gtk_widget_queue_draw (self->area);
}

static void
update (PdHeatmapView *self)
{
  g_autofree char *text = NULL;

  if (self->source == NULL)
    return;
  pd_heatmap_compute (&self->heatmap, self->source, self->first, self->last);
  text = pd_heatmap_describe (&self->heatmap);
  gtk_label_set_label (GTK_LABEL (self->summary), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  update_cell (self);
}

void
pd_heatmap_view_set_entries (PdHeatmapView *self,
                             GPtrArray     *pain_entries)
{
  g_return_if_fail (PD_IS_HEATMAP_VIEW (self));

  g_clear_pointer (&self->source, pd_heatmap_source_free);
  if (pain_entries != NULL)
    self->source = pd_heatmap_source_new (pain_entries);
}

void
pd_heatmap_view_set_range (PdHeatmapView *self,
                           guint32        first,
                           guint32        last)
{
  g_return_if_fail (PD_IS_HEATMAP_VIEW (self));

  self->first = first;
  self->last = last;
  update (self);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PdHeatmapView *self = PD_HEATMAP_VIEW (user_data);
  PdHeatmapData data = { &self->heatmap, self->first_weekday, self->heat_weekday,
                         self->heat_bin };
  PdChartStyle style;

  pd_chart_style_init (&style, pd_style_chart_palette (), gtk_widget_get_scale_factor (GTK_WIDGET (area)));
  pd_heatmap_chart_draw (cr, width, height, &data, &style);
  pd_chart_style_clear (&style);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PdHeatmapView            *self)
{
  PdHeatmapLayout layout;
  PdChartStyle style;
  guint weekday, bin;

  pd_chart_style_init (&style, pd_style_chart_palette (), 1);
  pd_heatmap_chart_layout (&layout, gtk_widget_get_width (self->area),
                           gtk_widget_get_height (self->area), self->first_weekday, &style);
  pd_chart_style_clear (&style);
  if (!pd_heatmap_chart_cell_at (&layout, x, y, &weekday, &bin))
    return;
  if ((int) weekday == self->heat_weekday && (int) bin == self->heat_bin)
    return;
  self->heat_weekday = weekday;
  self->heat_bin = bin;
  update_cell (self);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PdHeatmapView   *self)
{
  gtk_widget_grab_focus (self->area);
  motion_cb (NULL, x, y, self);
}

/* Arrow keys move through the cells as they are drawn: rows are weekdays from the locale's
 * first, columns times of day. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PdHeatmapView         *self)
{
  int row, bin;

  if (self->heat_weekday < 0)
    {
      if (keyval == GDK_KEY_Escape)
        return FALSE;
      self->heat_weekday = self->first_weekday;
      self->heat_bin = 0;
    }
  row = (self->heat_weekday + PD_HEATMAP_WEEKDAYS - (int) self->first_weekday) % PD_HEATMAP_WEEKDAYS;
  bin = self->heat_bin;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      bin = MAX (bin - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      bin = MIN (bin + 1, PD_HEATMAP_BINS - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row = MAX (row - 1, 0);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row = MIN (row + 1, PD_HEATMAP_WEEKDAYS - 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      bin = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      bin = PD_HEATMAP_BINS - 1;
      break;
    case GDK_KEY_Escape:
      self->heat_weekday = self->heat_bin = -1;
      update_cell (self);
      return TRUE;
    default:
      return FALSE;
    }
  self->heat_weekday = (row + (int) self->first_weekday) % PD_HEATMAP_WEEKDAYS;
  self->heat_bin = bin;
  update_cell (self);
  return TRUE;
}

/* The keyboard arrives on the first cell, so that the outline shows where it is. */
static void
focus_enter_cb (PdHeatmapView *self)
{
  if (self->heat_weekday < 0)
    {
      self->heat_weekday = self->first_weekday;
      self->heat_bin = 0;
    }
  update_cell (self);
}

static void
pd_heatmap_view_dispose (GObject *object)
{
  PdHeatmapView *self = PD_HEATMAP_VIEW (object);

  g_clear_pointer (&self->source, pd_heatmap_source_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_HEATMAP_VIEW);
  G_OBJECT_CLASS (pd_heatmap_view_parent_class)->dispose (object);
}

static void
pd_heatmap_view_class_init (PdHeatmapViewClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdHeatmapView, area),
    PD_TEMPLATE_CHILD (PdHeatmapView, summary),
    PD_TEMPLATE_CHILD (PdHeatmapView, cell),
    PD_TEMPLATE_CALLBACK (motion_cb),
    PD_TEMPLATE_CALLBACK (pressed_cb),
    PD_TEMPLATE_CALLBACK (key_pressed_cb),
    PD_TEMPLATE_CALLBACK (focus_enter_cb)
  };
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pd_heatmap_view_dispose;

  pd_widget_class_set_template (widget_class, "pd-heatmap-view.ui",
                                bindings, G_N_ELEMENTS (bindings));
}

static void
pd_heatmap_view_init (PdHeatmapView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->first_weekday = pd_heatmap_first_weekday ();
  self->heat_weekday = self->heat_bin = -1;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  pd_style_redraw_on_change (self->area);
}
