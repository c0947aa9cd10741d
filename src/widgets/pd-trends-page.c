/* pd-trends-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-trends-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pd-before-after.h"
#include "pd-body-map-panel.h"
#include "pd-chart.h"
#include "pd-daily-table.h"
#include "pd-heatmap-chart.h"
#include "pd-spine-outcomes.h"
#include "pd-trends-page.h"
#include "pd-model-watch.h"
#include "pd-rows.h"
#include "pd-types.h"

struct _PdTrendsPage
{
  AdwBin parent_instance;

  PdDiaryModel *model;
  PdDiaryData *data;   /* the model's records as last shown */

  PdDailySeries *series;
  PdChartCache *chart_cache;  /* the chart's columns, kept between redraws */
  guint range_days;           /* 0: all */
  /* The visible days: set by the range buttons, then panned and zoomed. */
  guint32 view_first;
  guint32 view_last;
  guint32 data_last;   /* the newest day with a record, or 0 */
  guint32 focus_day;          /* highlighted by the keyboard; 0: none */
  double drag_start_first;    /* the view when a drag or pinch began */
  double drag_start_span;
  double pinch_anchor;        /* the day under the pinch's centre, as a fraction of the span */

  double pointer_x;
  double pointer_y;           /* -1: the pointer is not over the chart */
  gboolean dragging;

  GtkWidget *popover;
  GtkWidget *popover_label;

  /* Before / after a treatment */
  GtkWidget *compare_group;
  GtkWidget *event_row;
  GtkWidget *window_row;
  GtkWidget *compare_label;
  GtkWidget *compare_table;
  GtkWidget *compare_area;
  GArray *event_days;         /* guint32, in the event row's order: newest first */
  PdBeforeAfter compare;

  /* Sleep and mood over the pain panel; the daily values as a table */
  PdChartOverlays overlays;
  GtkWidget *sleep_button;
  GtkWidget *mood_button;
  GtkWidget *back_leg_button;
  GtkWidget *table_button;
  GtkWidget *table_revealer;
  GtkWidget *table;

  /* When it hurts: weekday x time of day over the visible days */
  PdHeatmapSource *heatmap_source;
  PdHeatmap heatmap;
  guint first_weekday;
  int heat_weekday;           /* the keyboard's or pointer's cell; -1: none */
  int heat_bin;
  GtkWidget *heatmap_area;
  GtkWidget *heatmap_summary;
  GtkWidget *heatmap_cell;

  /* Where it hurt over the visible days */
  GtkWidget *body_map;
  GtkWidget *spine;            /* stimulator trial, function, impressions */

  GtkWidget *area;
  GtkWidget *summary;
  GtkWidget *events_label;    /* the visible days' events, whole, under the chart */
  GtkWidget *stack;
  GPtrArray *range_buttons;
};

G_DEFINE_FINAL_TYPE (PdTrendsPage, pd_trends_page, ADW_TYPE_BIN)

static const struct
{
  const char *label;
  guint days;
} ranges[] = {
  { N_("7 Days"), 7 },
  { N_("30 Days"), 30 },
  { N_("90 Days"), 90 },
  { N_("1 Year"), 365 },
  { N_("All"), 0 },
};

#define MIN_VIEW_DAYS 7

static void
chart_data (PdTrendsPage *self,
            PdChartData  *data)
{
  pd_chart_data_init (data, self->series);
  data->first_day = self->view_first;
  data->last_day = self->view_last;
  data->overlays = self->overlays;
  data->cache = self->chart_cache;
}

/* The view from the range buttons' choice: the last range_days days, or all. The range
 * ends today, unless nothing was recorded in it: then it ends on the last day with data (a
 * diary kept until some months ago, as a clinician reviewing it sees it). */
static void
reset_view (PdTrendsPage *self)
{
  guint32 first = pd_daily_series_get_first_day (self->series);
  guint32 last = pd_daily_series_get_last_day (self->series);

  if (self->range_days > 0 && self->data_last != 0 && self->data_last + self->range_days <= last)
    last = self->data_last;

  self->view_last = last;
  self->view_first = self->range_days > 0 && last >= self->range_days
                     ? MAX (first, last - self->range_days + 1) : first;
  self->focus_day = 0;
}

/* Moves the view to start near first with span days, kept inside the series. */
static void
set_view (PdTrendsPage *self,
          double        first,
          double        span)
{
  double lo = pd_daily_series_get_first_day (self->series);
  double hi = pd_daily_series_get_last_day (self->series);

  span = CLAMP (span, MIN (MIN_VIEW_DAYS, hi - lo + 1), hi - lo + 1);
  first = CLAMP (first, lo, hi - span + 1);
  self->view_first = (guint32) round (first);
  self->view_last = MIN ((guint32) hi, self->view_first + (guint32) round (span) - 1);
  if (self->focus_day != 0)
    self->focus_day = CLAMP (self->focus_day, self->view_first, self->view_last);
}

static PdChartPalette
current_palette (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);

  if (adw_style_manager_get_high_contrast (manager))
    return dark ? PD_CHART_PALETTE_HIGH_CONTRAST_DARK : PD_CHART_PALETTE_HIGH_CONTRAST;
  return dark ? PD_CHART_PALETTE_DARK : PD_CHART_PALETTE_LIGHT;
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (user_data);
  PdChartStyle style;
  PdChartData data;

  if (self->series == NULL)
    return;
  pd_chart_style_init (&style, current_palette (), gtk_widget_get_scale_factor (GTK_WIDGET (area)));
  chart_data (self, &data);
  pd_chart_draw (cr, width, height, &data, &style);

  /* The day the keyboard is on. */
  if (self->focus_day != 0)
    {
      PdChartLayout layout;
      GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
      double x, w;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (area)),
                                      "accent_color", &accent);
      G_GNUC_END_IGNORE_DEPRECATIONS
      pd_chart_layout_compute (&layout, width, height, &data, &style);
      w = MAX (layout.day_width, 2);
      x = pd_chart_day_to_x (&layout, self->focus_day) - w / 2;
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.25);
      cairo_rectangle (cr, x, layout.plot.y, w, layout.plot.height);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x + 0.5, layout.plot.y + 0.5, w - 1, layout.plot.height - 1);
      cairo_stroke (cr);
    }
  pd_chart_style_clear (&style);
}

static void
update_heatmap_cell (PdTrendsPage *self)
{
  g_autofree char *text = NULL;

  if (self->heat_weekday < 0 || self->heat_bin < 0)
    text = g_strdup (_("Point at a cell, or focus the map and use the arrow keys, for its values."));
  else
    text = pd_heatmap_describe_cell (&self->heatmap, self->heat_weekday, self->heat_bin);
  gtk_label_set_label (GTK_LABEL (self->heatmap_cell), text);
  gtk_widget_queue_draw (self->heatmap_area);
}

static void
update_heatmap (PdTrendsPage *self)
{
  g_autofree char *text = NULL;

  if (self->heatmap_source == NULL)
    return;
  pd_heatmap_compute (&self->heatmap, self->heatmap_source, self->view_first, self->view_last);
  text = pd_heatmap_describe (&self->heatmap);
  gtk_label_set_label (GTK_LABEL (self->heatmap_summary), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heatmap_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  update_heatmap_cell (self);
}

static void
update_table (PdTrendsPage *self)
{
  /* Filled while shown only: a drag through forty years changes the range at every step. */
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->table_revealer)))
    return;
  pd_daily_table_set_range (PD_DAILY_TABLE (self->table), self->series, self->view_first,
                            self->view_last);
}

/* Everything that follows the visible days: the summary, the table and the map. */
static void
update_summary (PdTrendsPage *self)
{
  g_autofree char *text = NULL;
  PdChartData data;

  if (self->series == NULL)
    return;
  chart_data (self, &data);
  text = pd_chart_describe (&data);
  gtk_label_set_label (GTK_LABEL (self->summary), text);
  /* The chart's text alternative for assistive technologies. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  {
    g_autofree char *events = pd_chart_describe_events (&data);

    gtk_label_set_label (GTK_LABEL (self->events_label), events != NULL ? events : "");
    gtk_widget_set_visible (self->events_label, events != NULL);
  }
  gtk_widget_queue_draw (self->area);
  update_table (self);
  update_heatmap (self);
  pd_body_map_panel_set_range (PD_BODY_MAP_PANEL (self->body_map), self->view_first,
                               self->view_last);
}

static void
range_toggled_cb (GtkToggleButton *button,
                  PdTrendsPage    *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->range_days = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "days"));
  if (self->series == NULL)
    return;
  reset_view (self);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  update_summary (self);
}

static void
current_layout (PdTrendsPage  *self,
                PdChartData   *data,
                PdChartLayout *layout)
{
  PdChartStyle style;

  pd_chart_style_init (&style, current_palette (), 1);
  chart_data (self, data);
  pd_chart_layout_compute (layout, gtk_widget_get_width (self->area),
                           gtk_widget_get_height (self->area), data, &style);
  pd_chart_style_clear (&style);
}

/* The part of the chart that the page's scrolling leaves in view, in the chart's
 * coordinates; FALSE when none of it is. A popover pointing outside it would be placed
 * off the window, where GTK finds no monitor and has no room to allocate it. */
static gboolean
visible_area (PdTrendsPage   *self,
              graphene_rect_t *visible)
{
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (self->area),
                                             gtk_widget_get_height (self->area));
  GtkWidget *viewport = gtk_widget_get_ancestor (self->area, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t port;

  if (!gtk_widget_get_mapped (self->area) || area.size.width <= 0 || area.size.height <= 0)
    return FALSE;
  if (viewport == NULL || !gtk_widget_compute_bounds (viewport, self->area, &port))
    {
      *visible = area;
      return TRUE;
    }
  return graphene_rect_intersection (&area, &port, visible);
}

/* The day's values in a popover beside the pointer (or, from the keyboard, beside the
 * day at the middle of the plot's visible part), on the side away from the plot's centre
 * so that it covers neither the pointer nor the day it describes. */
static void
show_day (PdTrendsPage *self,
          guint32       day)
{
  g_autofree char *text = NULL;
  PdChartLayout layout;
  PdChartData data;
  graphene_rect_t visible;
  GdkRectangle rect;
  double x, y, top, bottom;
  const int gap = 12;
  GtkPositionType position;
  int width, height;

  current_layout (self, &data, &layout);
  x = pd_chart_day_to_x (&layout, day);
  text = pd_chart_describe_day (&data, &layout, x);
  top = MAX (layout.plot.y, 0);
  bottom = layout.plot.y + layout.plot.height;
  if (text == NULL || !visible_area (self, &visible)
      || visible.origin.y + gap >= bottom || visible.origin.y + visible.size.height - gap <= top)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }
  top = MAX (top, visible.origin.y + gap);
  bottom = MIN (bottom, visible.origin.y + visible.size.height - gap);
  y = self->pointer_y >= 0 ? self->pointer_y : (top + bottom) / 2;
  y = CLAMP (y, top, bottom);
  gtk_label_set_label (GTK_LABEL (self->popover_label), text);
  rect = (GdkRectangle) { (int) x - gap, (int) y, 2 * gap, 1 };
  /* Beside the pointer where the popover fits, on the side with more room; in a window too
   * narrow for either side, above or below it, away from the middle of the view. */
  gtk_widget_measure (self->popover, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (self->popover, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  /* The popover's frame, padding and arrow come on top of what it measures; GTK slides a
   * popover that does not fit over its anchor. */
  width += 3 * gap;
  height += 3 * gap;
  if (x + gap + width <= visible.origin.x + visible.size.width
      && (x < layout.plot.x + layout.plot.width / 2 || x - gap - width < visible.origin.x))
    position = GTK_POS_RIGHT;
  else if (x - gap - width >= visible.origin.x)
    position = GTK_POS_LEFT;
  else
    position = y - visible.origin.y > height + gap ? GTK_POS_TOP : GTK_POS_BOTTOM;
  if (position == GTK_POS_LEFT || position == GTK_POS_RIGHT)
    /* Whole in view beside the pointer: GTK would otherwise slide it over the pointer at
     * the view's top or bottom edge. */
    y = CLAMP (y, visible.origin.y + height / 2.0,
               MAX (visible.origin.y + height / 2.0,
                    visible.origin.y + visible.size.height - height / 2.0));
  rect.y = (int) y;
  gtk_popover_set_position (GTK_POPOVER (self->popover), position);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
view_changed (PdTrendsPage *self)
{
  update_summary (self);
  if (self->focus_day != 0)
    show_day (self, self->focus_day);
}

/* Zooms by factor (above 1: out) keeping the day under x where it is. */
static void
zoom_at (PdTrendsPage *self,
         double        x,
         double        factor)
{
  PdChartLayout layout;
  PdChartData data;
  double span = (double) self->view_last - self->view_first + 1, fraction, anchor;

  current_layout (self, &data, &layout);
  fraction = CLAMP ((x - layout.plot.x) / layout.plot.width, 0, 1);
  anchor = self->view_first + fraction * span;
  span *= factor;
  set_view (self, anchor - fraction * span, span);
  view_changed (self);
}

static void
pan_by (PdTrendsPage *self,
        double        days)
{
  set_view (self, self->view_first + days, (double) self->view_last - self->view_first + 1);
  view_changed (self);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PdTrendsPage             *self)
{
  PdChartLayout layout;
  PdChartData data;
  guint32 day;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->series == NULL || self->dragging)
    return;
  current_layout (self, &data, &layout);
  if (pd_chart_x_to_day (&layout, x, &day))
    show_day (self, day);
  else if (self->focus_day == 0)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          PdTrendsPage             *self)
{
  self->pointer_y = -1;
  if (self->focus_day != 0)
    show_day (self, self->focus_day);
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* The page moved under the pointer: the popover waits for the pointer's next move (the
 * keyboard's day follows at once), never pointing where the chart no longer is. */
static void
page_scrolled_cb (PdTrendsPage *self)
{
  self->pointer_y = -1;
  if (self->focus_day != 0)
    show_day (self, self->focus_day);
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Ctrl+scroll: zoom around the pointer; horizontal or shift+scroll: pan. A plain vertical
 * scroll is left to the page, which scrolls. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PdTrendsPage             *self)
{
  GdkModifierType state;
  double span;

  if (self->series == NULL)
    return FALSE;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  span = (double) self->view_last - self->view_first + 1;
  if (state & GDK_SHIFT_MASK)
    dx = dx != 0 ? dx : dy, dy = 0;
  if (dy != 0 && (state & GDK_CONTROL_MASK))
    zoom_at (self, self->pointer_x, pow (1.2, dy));
  else if (dx != 0)
    pan_by (self, dx * MAX (span / 20, 1));
  else
    return FALSE;
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PdTrendsPage   *self)
{
  self->drag_start_first = self->view_first;
  self->drag_start_span = (double) self->view_last - self->view_first + 1;
  /* A click on the chart gives it the keyboard (days, zoom). */
  gtk_widget_grab_focus (self->area);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                PdTrendsPage   *self)
{
  PdChartLayout layout;
  PdChartData data;

  if (self->series == NULL)
    return;
  if (!self->dragging && fabs (offset_x) < 4)
    return;
  self->dragging = TRUE;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  current_layout (self, &data, &layout);
  set_view (self, self->drag_start_first - offset_x / layout.day_width, self->drag_start_span);
  update_summary (self);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             PdTrendsPage   *self)
{
  self->dragging = FALSE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                PdTrendsPage     *self)
{
  PdChartLayout layout;
  PdChartData data;
  double x, y;

  if (self->series == NULL)
    return;
  self->drag_start_first = self->view_first;
  self->drag_start_span = (double) self->view_last - self->view_first + 1;
  current_layout (self, &data, &layout);
  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    x = layout.plot.x + layout.plot.width / 2;
  self->pinch_anchor = CLAMP ((x - layout.plot.x) / layout.plot.width, 0, 1);
}

static void
pinch_scale_cb (GtkGestureZoom *gesture,
                double          scale,
                PdTrendsPage   *self)
{
  double anchor, span;

  if (self->series == NULL || scale <= 0)
    return;
  anchor = self->drag_start_first + self->pinch_anchor * self->drag_start_span;
  span = self->drag_start_span / scale;
  set_view (self, anchor - self->pinch_anchor * span, span);
  update_summary (self);
}

/* Moves the keyboard's day, bringing it into view. */
static void
move_focus (PdTrendsPage *self,
            gint64        day)
{
  double span = (double) self->view_last - self->view_first + 1;

  day = CLAMP (day, (gint64) pd_daily_series_get_first_day (self->series),
               (gint64) pd_daily_series_get_last_day (self->series));
  self->focus_day = (guint32) day;
  if (day < self->view_first)
    set_view (self, day, span);
  else if (day > self->view_last)
    set_view (self, day - span + 1, span);
  self->focus_day = (guint32) day;
  view_changed (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PdTrendsPage          *self)
{
  PdChartLayout layout;
  PdChartData data;
  double centre;

  if (self->series == NULL)
    return FALSE;
  current_layout (self, &data, &layout);
  centre = self->focus_day != 0 ? pd_chart_day_to_x (&layout, self->focus_day)
                                : layout.plot.x + layout.plot.width / 2;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, self->focus_day != 0 ? (gint64) self->focus_day - 1 : self->view_last);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, self->focus_day != 0 ? (gint64) self->focus_day + 1 : self->view_last);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_focus (self, pd_daily_series_get_first_day (self->series));
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_focus (self, pd_daily_series_get_last_day (self->series));
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      zoom_at (self, centre, 1 / 1.5);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      zoom_at (self, centre, 1.5);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->focus_day == 0)
        return FALSE;
      self->focus_day = 0;
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      gtk_widget_queue_draw (self->area);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                PdTrendsPage            *self)
{
  self->focus_day = 0;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_queue_draw (self->area);
}

/* When it hurts */

static void
heatmap_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (user_data);
  PdChartStyle style;

  pd_chart_style_init (&style, current_palette (), gtk_widget_get_scale_factor (GTK_WIDGET (area)));
  pd_heatmap_chart_draw (cr, width, height, &self->heatmap, self->first_weekday,
                         self->heat_weekday, self->heat_bin, &style);
  pd_chart_style_clear (&style);
}

static void
heatmap_layout (PdTrendsPage    *self,
                PdHeatmapLayout *layout)
{
  PdChartStyle style;

  pd_chart_style_init (&style, current_palette (), 1);
  pd_heatmap_chart_layout (layout, gtk_widget_get_width (self->heatmap_area),
                           gtk_widget_get_height (self->heatmap_area), self->first_weekday, &style);
  pd_chart_style_clear (&style);
}

static void
heatmap_motion_cb (GtkEventControllerMotion *controller,
                   double                    x,
                   double                    y,
                   PdTrendsPage             *self)
{
  PdHeatmapLayout layout;
  guint weekday, bin;

  heatmap_layout (self, &layout);
  if (!pd_heatmap_chart_cell_at (&layout, x, y, &weekday, &bin))
    return;
  if ((int) weekday == self->heat_weekday && (int) bin == self->heat_bin)
    return;
  self->heat_weekday = weekday;
  self->heat_bin = bin;
  update_heatmap_cell (self);
}

static void
heatmap_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    PdTrendsPage    *self)
{
  gtk_widget_grab_focus (self->heatmap_area);
  heatmap_motion_cb (NULL, x, y, self);
}

/* Arrow keys move through the cells as they are drawn: rows are weekdays from the locale's
 * first, columns times of day. */
static gboolean
heatmap_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        PdTrendsPage          *self)
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
  self->pointer_y = -1;
      update_heatmap_cell (self);
      return TRUE;
    default:
      return FALSE;
    }
  self->heat_weekday = (row + (int) self->first_weekday) % PD_HEATMAP_WEEKDAYS;
  self->heat_bin = bin;
  update_heatmap_cell (self);
  return TRUE;
}

/* The keyboard arrives on the first cell, so that the outline shows where it is. */
static void
heatmap_focus_enter_cb (PdTrendsPage *self)
{
  if (self->heat_weekday < 0)
    {
      self->heat_weekday = self->first_weekday;
      self->heat_bin = 0;
    }
  update_heatmap_cell (self);
}

static GtkWidget *
build_heatmap (PdTrendsPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkWidget *clamp;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("When It Hurts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Mean pain by weekday and time of day, over the days "
                                           "shown in the chart."));

  self->heatmap_area = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->heatmap_area, 300, 250);
  gtk_widget_set_focusable (self->heatmap_area, TRUE);
  gtk_widget_set_focus_on_click (self->heatmap_area, TRUE);
  gtk_widget_add_css_class (self->heatmap_area, "pd-chart");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heatmap_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pain by weekday and time of day"), -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->heatmap_area), heatmap_draw_cb, self,
                                  NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (heatmap_motion_cb), self);
  gtk_widget_add_controller (self->heatmap_area, controller);
  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (heatmap_pressed_cb), self);
  gtk_widget_add_controller (self->heatmap_area, GTK_EVENT_CONTROLLER (gesture));
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (heatmap_key_pressed_cb), self);
  gtk_widget_add_controller (self->heatmap_area, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (heatmap_focus_enter_cb), self);
  gtk_widget_add_controller (self->heatmap_area, controller);

  /* The values of the cell under the pointer or the keyboard, read out as they change. */
  self->heatmap_cell = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->heatmap_cell), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->heatmap_cell), 0);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->heatmap_area),
                                  GTK_ACCESSIBLE_RELATION_DETAILS, self->heatmap_cell, NULL, -1);

  self->heatmap_summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->heatmap_summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->heatmap_summary), 0);
  gtk_widget_add_css_class (self->heatmap_summary, "dim-label");

  /* Cells wider than this only spread the eye's path across the screen. */
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 720);
  gtk_widget_set_halign (clamp, GTK_ALIGN_START);
  gtk_widget_set_hexpand (clamp, TRUE);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->heatmap_area);
  gtk_box_append (GTK_BOX (box), clamp);
  gtk_box_append (GTK_BOX (box), self->heatmap_cell);
  gtk_box_append (GTK_BOX (box), self->heatmap_summary);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  return group;
}

/* Overlays and the table */

static void
overlay_toggled_cb (PdTrendsPage *self)
{
  self->overlays = 0;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->sleep_button)))
    self->overlays |= PD_CHART_OVERLAY_SLEEP;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->mood_button)))
    self->overlays |= PD_CHART_OVERLAY_MOOD;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->back_leg_button)))
    self->overlays |= PD_CHART_OVERLAY_BACK_LEG;
  update_summary (self);
}

static void
table_toggled_cb (PdTrendsPage *self)
{
  gboolean shown = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->table_button));

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->table_revealer), shown);
  if (shown)
    update_table (self);
}

/* A short line in an overlay's colour on its button: the chart's legend for it, also where
 * a narrow chart has no room for one. */
static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  gboolean sleep = GPOINTER_TO_INT (user_data) == 1;
  PdChartStyle style;
  const PdChartColour *colour;
  double dashes[] = { 4, 2 };

  pd_chart_style_init (&style, current_palette (), 1);
  colour = sleep ? &style.sleep : &style.mood;
  if (GPOINTER_TO_INT (user_data) == 2)
    {
      /* Back above, leg below: the two lines the toggle shows. */
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_source_rgba (cr, style.back_pain.red, style.back_pain.green,
                             style.back_pain.blue, style.back_pain.alpha);
      cairo_move_to (cr, 0, height / 4.0);
      cairo_line_to (cr, width, height / 4.0);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, style.leg_pain.red, style.leg_pain.green,
                             style.leg_pain.blue, style.leg_pain.alpha);
      cairo_move_to (cr, 0, 3 * height / 4.0);
      cairo_line_to (cr, width, 3 * height / 4.0);
      cairo_stroke (cr);
      pd_chart_style_clear (&style);
      return;
    }
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha);
  cairo_set_line_width (cr, 2);
  if (!sleep)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, 0, height / 2.0);
  cairo_line_to (cr, width, height / 2.0);
  cairo_stroke (cr);
  pd_chart_style_clear (&style);
}

static GtkWidget *
overlay_button_child (const char *label,
                      int         kind)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 8);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw_cb,
                                  GINT_TO_POINTER (kind), NULL);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  return box;
}

static GtkWidget *
build_view_options (PdTrendsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  struct { GtkWidget **button; const char *label; const char *name; const char *tooltip; } items[] = {
    { &self->sleep_button, _("Sleep"), _("Show sleep"), _("Hours slept over the pain chart") },
    { &self->mood_button, _("Mood"), _("Show mood"), _("Mean mood over the pain chart") },
    { &self->back_leg_button, _("Back/Leg"), _("Show back and leg pain"),
      _("Mean back and leg pain over the pain chart") },
    { &self->table_button, _("Table"), _("Show daily values as a table"),
      _("The chart's days as a table") },
  };

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      if (items[i].button == &self->table_button)
        gtk_button_set_label (GTK_BUTTON (button), items[i].label);
      else
        gtk_button_set_child (GTK_BUTTON (button),
                              overlay_button_child (items[i].label,
                                                    items[i].button == &self->sleep_button ? 1
                                                    : items[i].button == &self->back_leg_button ? 2
                                                    : 0));

      gtk_widget_set_tooltip_text (button, items[i].tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      items[i].name, -1);
      gtk_box_append (GTK_BOX (box), button);
      *items[i].button = button;
    }
  g_signal_connect_swapped (self->sleep_button, "toggled", G_CALLBACK (overlay_toggled_cb), self);
  g_signal_connect_swapped (self->mood_button, "toggled", G_CALLBACK (overlay_toggled_cb), self);
  g_signal_connect_swapped (self->back_leg_button, "toggled", G_CALLBACK (overlay_toggled_cb),
                            self);
  g_signal_connect_swapped (self->table_button, "toggled", G_CALLBACK (table_toggled_cb), self);
  return box;
}

/* Before / after */

static void
compare_options (PdTrendsPage         *self,
                 PdBeforeAfterOptions *options)
{
  pd_before_after_options_init (options);
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->window_row)) == 1)
    {
      /* Slow treatments: days 28-56 after. */
      options->after_start = 28;
      options->after_end = 56;
    }
}

static char *
format_mean (const PdWindowMean *mean)
{
  if (isnan (mean->mean))
    return g_strdup ("—");
  /* On two lines: the table must fit a 360 px window. */
  return g_strdup_printf (ngettext ("%.1f\n(%u day)", "%.1f\n(%u days)", mean->n_days), mean->mean,
                          mean->n_days);
}

static char *
format_change (double change,
               double percent)
{
  if (isnan (change))
    return g_strdup ("—");
  if (isnan (percent))
    return g_strdup_printf ("%+.1f", change);
  return g_strdup_printf ("%+.1f (%+.0f%%)", change, percent);
}

static void
set_cell (GtkGrid    *grid,
          int         column,
          int         row,
          const char *text,
          gboolean    heading)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
      if (heading)
        gtk_widget_add_css_class (label, "heading");
      else
        gtk_widget_add_css_class (label, "numeric");
      gtk_grid_attach (grid, label, column, row, 1, 1);
    }
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
update_compare (PdTrendsPage *self)
{
  PdBeforeAfterOptions options;
  GtkGrid *grid = GTK_GRID (self->compare_table);
  guint selected;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  const char *rows[] = { N_("Pain"), N_("PEG") };

  if (self->series == NULL || self->event_days->len == 0)
    {
      gtk_widget_set_visible (self->compare_group, FALSE);
      return;
    }
  gtk_widget_set_visible (self->compare_group, TRUE);
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->event_row));
  if (selected >= self->event_days->len)
    selected = 0;
  compare_options (self, &options);
  pd_before_after_compute (self->series, g_array_index (self->event_days, guint32, selected),
                           &options, &self->compare);

  description = pd_before_after_describe (&self->compare);
  text = g_strdup_printf ("%s. %s", pd_change_verdict_label (self->compare.verdict), description);
  {
    g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s",
                                                       pd_change_verdict_label (self->compare.verdict),
                                                       description);
    gtk_label_set_markup (GTK_LABEL (self->compare_label), markup);
  }

  set_cell (grid, 0, 0, "", TRUE);
  set_cell (grid, 1, 0, _("Before"), TRUE);
  set_cell (grid, 2, 0, _("After"), TRUE);
  set_cell (grid, 3, 0, _("Change"), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const PdWindowMean *before = i == 0 ? &self->compare.pain_before : &self->compare.peg_before;
      const PdWindowMean *after = i == 0 ? &self->compare.pain_after : &self->compare.peg_after;
      g_autofree char *b = format_mean (before);
      g_autofree char *a = format_mean (after);
      g_autofree char *c = i == 0 ? format_change (self->compare.pain_change,
                                                   self->compare.pain_percent_change)
                                  : format_change (self->compare.peg_change,
                                                   self->compare.peg_percent_change);

      set_cell (grid, 0, i + 1, _(rows[i]), TRUE);
      set_cell (grid, 1, i + 1, b, FALSE);
      set_cell (grid, 2, i + 1, a, FALSE);
      set_cell (grid, 3, i + 1, c, FALSE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->compare_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_queue_draw (self->compare_area);
}

/* Before and after bars for pain and PEG, on the 0-10 scale, in the chart's colours. */
static void
compare_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (user_data);
  const PdWindowMean *values[4] = { &self->compare.pain_before, &self->compare.pain_after,
                                    &self->compare.peg_before, &self->compare.peg_after };
  const char *groups[2] = { _("Pain"), _("PEG") };
  PdChartStyle style;
  const char *legend[2] = { _("Before"), _("After") };
  double bottom = height - 18, top = 40, group_width = width / 2.0, bar = group_width / 4;
  double legend_x = 0;
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);

  pd_chart_style_init (&style, current_palette (), 1);
  cairo_set_source_rgba (cr, style.grid.red, style.grid.green, style.grid.blue, style.grid.alpha);
  cairo_rectangle (cr, 0, bottom, width, 1);
  cairo_fill (cr);
  for (int i = 0; i < 4; i++)
    {
      const PdChartColour *colour = i % 2 == 0 ? &style.pain_band : &style.pain_mean;
      double x = (i / 2) * group_width + bar * (0.8 + (i % 2) * 1.2), h;

      if (isnan (values[i]->mean))
        continue;
      h = (bottom - top) * CLAMP (values[i]->mean, 0, 10) / 10;
      cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue,
                             i % 2 == 0 ? MIN (1, colour->alpha * 2.5) : colour->alpha);
      cairo_rectangle (cr, x, bottom - h, bar, h);
      cairo_fill (cr);
      /* Each bar's value above it: the chart reads without the table. */
      {
        char value[16];
        int w, lh;

        g_snprintf (value, sizeof value, "%.1f", values[i]->mean);
        pango_layout_set_text (layout, value, -1);
        pango_layout_get_pixel_size (layout, &w, &lh);
        cairo_set_source_rgba (cr, style.foreground.red, style.foreground.green,
                               style.foreground.blue, style.foreground.alpha);
        cairo_move_to (cr, x + (bar - w) / 2, bottom - h - lh - 1);
        pango_cairo_show_layout (cr, layout);
      }
    }
  for (int i = 0; i < 2; i++)
    {
      const PdChartColour *colour = i == 0 ? &style.pain_band : &style.pain_mean;
      int w, h;

      cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue,
                             i == 0 ? MIN (1, colour->alpha * 2.5) : colour->alpha);
      cairo_rectangle (cr, legend_x, 4, 10, 10);
      cairo_fill (cr);
      pango_layout_set_text (layout, legend[i], -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, style.dim_foreground.red, style.dim_foreground.green,
                             style.dim_foreground.blue, style.dim_foreground.alpha);
      cairo_move_to (cr, legend_x + 14, 9 - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      legend_x += 14 + w + 12;
    }
  for (int g = 0; g < 2; g++)
    {
      int w, h;

      pango_layout_set_text (layout, groups[g], -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, style.dim_foreground.red, style.dim_foreground.green,
                             style.dim_foreground.blue, style.dim_foreground.alpha);
      cairo_move_to (cr, g * group_width + (group_width - w) / 2, bottom + 2);
      pango_cairo_show_layout (cr, layout);
    }
  g_object_unref (layout);
  pd_chart_style_clear (&style);
}

static void
compare_changed_cb (PdTrendsPage *self)
{
  update_compare (self);
}

/* The events of the diary, newest first. */
static void
fill_events (PdTrendsPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const PdDayEvent *events = NULL;
  guint n_events = 0;

  g_array_set_size (self->event_days, 0);
  if (self->series != NULL)
    events = pd_daily_series_get_events (self->series, &n_events);
  for (guint i = n_events; i-- > 0;)
    {
      GDate date;
      char day[64];
      g_autofree char *item = NULL;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, events[i].day);
      /* Translators: an event's date in the before/after list, strftime format. */
      g_date_strftime (day, sizeof day, C_("before after", "%e %b %Y"), &date);
      item = g_strdup_printf ("%s — %s", g_strstrip (day), events[i].title);
      gtk_string_list_append (list, item);
      g_array_append_val (self->event_days, events[i].day);
    }
  g_signal_handlers_block_by_func (self->event_row, compare_changed_cb, self);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->event_row), G_LIST_MODEL (list));
  g_signal_handlers_unblock_by_func (self->event_row, compare_changed_cb, self);
  update_compare (self);
}

static GtkWidget *
build_compare (PdTrendsPage *self)
{
  const char *windows[] = { _("14 days before, days 1–14 after"),
                            _("14 days before, days 28–56 after (slow treatments)"), NULL };
  /* The numbers above their chart: no side by side that a phone-width window cannot fit. */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *numbers = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GtkStringList) window_list = gtk_string_list_new (windows);

  self->compare_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->compare_group),
                                   _("Before and After a Treatment"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->compare_group),
                                         _("Mean daily pain and PEG in a window before the "
                                           "event and a window after it."));

  self->event_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->event_row), _("Treatment"));
  g_signal_connect_swapped (self->event_row, "notify::selected", G_CALLBACK (compare_changed_cb),
                            self);
  self->window_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->window_row), _("Windows"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->window_row),
                           G_LIST_MODEL (window_list));
  g_signal_connect_swapped (self->window_row, "notify::selected", G_CALLBACK (compare_changed_cb),
                            self);
  pd_combo_row_show_whole (ADW_COMBO_ROW (self->event_row));
  pd_combo_row_show_whole (ADW_COMBO_ROW (self->window_row));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), self->event_row);
  gtk_list_box_append (GTK_LIST_BOX (list), self->window_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->compare_group), list);

  self->compare_table = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->compare_table), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->compare_table), 6);
  gtk_widget_set_halign (self->compare_table, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->compare_table, "card");
  gtk_widget_add_css_class (self->compare_table, "compare-table");
  self->compare_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->compare_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->compare_label), 0);
  gtk_box_append (GTK_BOX (numbers), self->compare_table);
  gtk_box_append (GTK_BOX (numbers), self->compare_label);
  gtk_widget_set_hexpand (numbers, TRUE);

  self->compare_area = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->compare_area, 160, 140);
  gtk_widget_set_halign (self->compare_area, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->compare_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Before and after chart"), -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->compare_area), compare_draw_cb, self,
                                  NULL);

  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), numbers);
  gtk_box_append (GTK_BOX (box), self->compare_area);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->compare_group), box);
  gtk_widget_set_visible (self->compare_group, FALSE);
  return self->compare_group;
}

static void
show_data (PdTrendsPage *self,
           PdDiaryData  *data)
{
  guint32 first = G_MAXUINT32, last = 0;

  g_clear_pointer (&self->series, pd_daily_series_unref);
  g_clear_pointer (&self->heatmap_source, pd_heatmap_source_free);
  pd_body_map_panel_set_entries (PD_BODY_MAP_PANEL (self->body_map),
                                 data != NULL ? data->pain_entries : NULL);
  pd_spine_outcomes_set_data (PD_SPINE_OUTCOMES (self->spine), NULL, NULL, NULL);
  if (data == NULL)
    return;

  self->heatmap_source = pd_heatmap_source_new (data->pain_entries);
  /* From the first record to today. */
  self->data_last = 0;
  if (data->pain_entries->len > 0)
    {
      first = pd_pain_entry_get_local_day (g_ptr_array_index (data->pain_entries,
                                                              data->pain_entries->len - 1));
      self->data_last = pd_pain_entry_get_local_day (g_ptr_array_index (data->pain_entries, 0));
    }
  if (data->doses->len > 0)
    {
      first = MIN (first, pd_dose_get_local_day (g_ptr_array_index (data->doses,
                                                                    data->doses->len - 1)));
      self->data_last = MAX (self->data_last,
                             pd_dose_get_local_day (g_ptr_array_index (data->doses, 0)));
    }
  if (data->activities->len > 0)
    {
      first = MIN (first, pd_activity_get_local_day (g_ptr_array_index (data->activities,
                                                                        data->activities->len - 1)));
      self->data_last = MAX (self->data_last,
                             pd_activity_get_local_day (g_ptr_array_index (data->activities, 0)));
    }
  last = pd_local_today (NULL);
  if (first == G_MAXUINT32)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  self->series = pd_daily_series_new (data, MIN (first, last), last);
  reset_view (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "chart");
  update_summary (self);
  fill_events (self);
  pd_spine_outcomes_set_data (PD_SPINE_OUTCOMES (self->spine), self->model, data, self->series);
}

static void
refresh (GtkWidget *widget)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (widget);
  PdDiaryData *old = g_steal_pointer (&self->data);

  self->data = pd_diary_model_dup_data (self->model);
  show_data (self, self->data);
  pd_diary_data_free (old);
}

void
pd_trends_page_set_model (PdTrendsPage *self,
                          PdDiaryModel *model)
{
  g_return_if_fail (PD_IS_TRENDS_PAGE (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));

  if (self->model == model)
    return;
  g_set_object (&self->model, model);
  pd_model_watch (GTK_WIDGET (self), model, TRUE, refresh);
}

static void
style_changed_cb (PdTrendsPage *self)
{
  gtk_widget_queue_draw (self->area);
  gtk_widget_queue_draw (self->heatmap_area);
  gtk_widget_queue_draw (self->compare_area);
}

static void
pd_trends_page_dispose (GObject *object)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (object);

  g_clear_pointer (&self->series, pd_daily_series_unref);
  g_clear_pointer (&self->data, pd_diary_data_free);
  g_clear_object (&self->model);
  g_clear_pointer (&self->chart_cache, pd_chart_cache_free);
  g_clear_pointer (&self->heatmap_source, pd_heatmap_source_free);
  g_clear_pointer (&self->range_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->event_days, g_array_unref);
  if (self->popover != NULL)
    {
      gtk_widget_unparent (self->popover);
      self->popover = NULL;
    }

  G_OBJECT_CLASS (pd_trends_page_parent_class)->dispose (object);
}

static void
pd_trends_page_class_init (PdTrendsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_trends_page_dispose;
}

static GtkWidget *
build_empty_state (void)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "chart-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Trends Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Log your pain for a few days and the chart of how it changes will appear here."));
  return status;
}

static void
pd_trends_page_init (PdTrendsPage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *ranges_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *group = NULL;
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkWidget *scrolled;

  self->range_days = 90;
  self->chart_cache = pd_chart_cache_new ();
  self->range_buttons = g_ptr_array_new ();
  self->first_weekday = pd_heatmap_first_weekday ();
  self->heat_weekday = self->heat_bin = -1;
  self->event_days = g_array_new (FALSE, FALSE, sizeof (guint32));

  gtk_widget_add_css_class (ranges_box, "linked");
  gtk_widget_add_css_class (ranges_box, "range-buttons");
  gtk_widget_set_halign (ranges_box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ranges_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time range"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(ranges[i].label));

      g_object_set_data (G_OBJECT (button), "days", GUINT_TO_POINTER (ranges[i].days));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), ranges[i].days == self->range_days);
      g_signal_connect (button, "toggled", G_CALLBACK (range_toggled_cb), self);
      gtk_box_append (GTK_BOX (ranges_box), button);
      g_ptr_array_add (self->range_buttons, button);
    }

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_size_request (self->area, 320, 420);
  gtk_widget_set_focusable (self->area, TRUE);
  gtk_widget_set_focus_on_click (self->area, TRUE);
  gtk_widget_add_css_class (self->area, "pd-chart");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pain trend chart"), -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);

  /* Hover and the keyboard's day show the values in a popover pointing at the day. */
  self->popover_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->popover_label), 0);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->popover_label);
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_can_target (self->popover, FALSE);
  gtk_widget_set_parent (self->popover, self->area);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (self->area, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (self->area, controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (pinch_scale_cb), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->area, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (self->area, controller);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_add_css_class (self->summary, "dim-label");

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), ranges_box);
  gtk_box_append (GTK_BOX (box), self->area);
  gtk_box_append (GTK_BOX (box), self->summary);
  self->events_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->events_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->events_label), 0);
  gtk_widget_add_css_class (self->events_label, "dim-label");
  gtk_widget_set_visible (self->events_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->events_label);
  gtk_box_append (GTK_BOX (box), build_view_options (self));
  self->table = pd_daily_table_new ();
  self->table_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->table_revealer), self->table);
  gtk_box_append (GTK_BOX (box), self->table_revealer);
  gtk_box_append (GTK_BOX (box), build_heatmap (self));
  self->body_map = pd_body_map_panel_new ();
  gtk_box_append (GTK_BOX (box), self->body_map);
  gtk_box_append (GTK_BOX (box), build_compare (self));
  self->spine = pd_spine_outcomes_new ();
  gtk_box_append (GTK_BOX (box), self->spine);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                           "value-changed", G_CALLBACK (page_scrolled_cb), self, G_CONNECT_SWAPPED);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), build_empty_state (), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "chart");
  adw_bin_set_child (ADW_BIN (self), self->stack);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
