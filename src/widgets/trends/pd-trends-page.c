/* pd-trends-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-trends-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pd-banded-area.h"
#include "pd-body-map-panel.h"
#include "pd-chart.h"
#include "pd-compare-view.h"
#include "pd-daily-table.h"
#include "pd-heatmap-view.h"
#include "pd-spine-outcomes.h"
#include "pd-page-util.h"
#include "pd-style.h"
#include "pd-trends-page.h"
#include "pd-model-watch.h"
#include "pd-rows.h"
#include "pd-types.h"

struct _PdTrendsPage
{
  AdwBin parent_instance;

  PdDiaryModel *model;
  PdDiaryData *data;   /* the model's records, borrowed (pd_diary_model_ref_data) */

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

  /* Sleep and mood over the pain panel; the daily values as a table */
  PdChartOverlays overlays;
  GtkWidget *sleep_button;
  GtkWidget *mood_button;
  GtkWidget *back_leg_button;
  GtkWidget *table_button;
  GtkWidget *options_box;
  GtkWidget *table_revealer;
  GtkWidget *table;

  GtkWidget *heatmap;          /* when it hurts: weekday x time of day over the visible days */
  GtkWidget *body_map;         /* where it hurt over the visible days */
  GtkWidget *compare;          /* before and after a treatment */
  GtkWidget *spine;            /* stimulator trial, function, impressions */

  GtkWidget *scroller;
  GtkWidget *ranges_box;
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
  pd_chart_style_init (&style, pd_style_chart_palette (), gtk_widget_get_scale_factor (GTK_WIDGET (area)));
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
  pd_heatmap_view_set_range (PD_HEATMAP_VIEW (self->heatmap), self->view_first, self->view_last);
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

  pd_chart_style_init (&style, pd_style_chart_palette (), 1);
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

/* The pointer left the chart, or the page moved under it: the popover waits for the
 * pointer's next move (the keyboard's day follows at once), never pointing where the chart
 * no longer is. */
static void
forget_pointer (PdTrendsPage *self)
{
  self->pointer_y = -1;
  if (self->focus_day != 0)
    show_day (self, self->focus_day);
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          PdTrendsPage             *self)
{
  forget_pointer (self);
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

  pd_chart_style_init (&style, pd_style_chart_palette (), 1);
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

static void
add_view_options (PdTrendsPage *self)
{
  GtkWidget *box = self->options_box;
  struct { GtkWidget **button; const char *label; const char *name; const char *tooltip; } items[] = {
    { &self->sleep_button, _("Sleep"), _("Show sleep"), _("Hours slept over the pain chart") },
    { &self->mood_button, _("Mood"), _("Show mood"), _("Mean mood over the pain chart") },
    { &self->back_leg_button, _("Back/Leg"), _("Show back and leg pain"),
      _("Mean back and leg pain over the pain chart") },
    { &self->table_button, _("Table"), _("Show daily values as a table"),
      _("The chart's days as a table") },
  };

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
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
      /* The focus goes straight to the button, not to its flow box child first. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      *items[i].button = button;
    }
  g_signal_connect_swapped (self->sleep_button, "toggled", G_CALLBACK (overlay_toggled_cb), self);
  g_signal_connect_swapped (self->mood_button, "toggled", G_CALLBACK (overlay_toggled_cb), self);
  g_signal_connect_swapped (self->back_leg_button, "toggled", G_CALLBACK (overlay_toggled_cb),
                            self);
  g_signal_connect_swapped (self->table_button, "toggled", G_CALLBACK (table_toggled_cb), self);
}

static void
show_data (PdTrendsPage *self,
           PdDiaryData  *data)
{
  guint32 first = G_MAXUINT32, last = 0;

  g_clear_pointer (&self->series, pd_daily_series_unref);
  pd_heatmap_view_set_entries (PD_HEATMAP_VIEW (self->heatmap), NULL);
  pd_body_map_panel_set_entries (PD_BODY_MAP_PANEL (self->body_map),
                                 data != NULL ? data->pain_entries : NULL);
  pd_spine_outcomes_set_data (PD_SPINE_OUTCOMES (self->spine), NULL, NULL, NULL);
  if (data == NULL)
    return;

  pd_heatmap_view_set_entries (PD_HEATMAP_VIEW (self->heatmap), data->pain_entries);
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
  pd_compare_view_set_series (PD_COMPARE_VIEW (self->compare), self->series);
  pd_spine_outcomes_set_data (PD_SPINE_OUTCOMES (self->spine), self->model, data, self->series);
}

static void
refresh (GtkWidget *widget)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (widget);
  PdDiaryData *old = g_steal_pointer (&self->data);

  self->data = pd_diary_model_ref_data (self->model);
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
pd_trends_page_dispose (GObject *object)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (object);

  g_clear_pointer (&self->series, pd_daily_series_unref);
  g_clear_pointer (&self->data, pd_diary_data_free);
  g_clear_object (&self->model);
  g_clear_pointer (&self->chart_cache, pd_chart_cache_free);
  g_clear_pointer (&self->range_buttons, g_ptr_array_unref);
  if (self->popover != NULL)
    {
      gtk_widget_unparent (self->popover);
      self->popover = NULL;
    }
  /* No gtk_widget_dispose_template(): the stack is the bin's child, which AdwBin unparents
   * itself (unparented here first, AdwBin would unparent it a second time). */

  G_OBJECT_CLASS (pd_trends_page_parent_class)->dispose (object);
}

static void
pd_trends_page_class_init (PdTrendsPageClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdTrendsPage, stack),
    PD_TEMPLATE_CHILD (PdTrendsPage, scroller),
    PD_TEMPLATE_CHILD (PdTrendsPage, ranges_box),
    PD_TEMPLATE_CHILD (PdTrendsPage, area),
    PD_TEMPLATE_CHILD (PdTrendsPage, summary),
    PD_TEMPLATE_CHILD (PdTrendsPage, events_label),
    PD_TEMPLATE_CHILD (PdTrendsPage, options_box),
    PD_TEMPLATE_CHILD (PdTrendsPage, table_revealer),
    PD_TEMPLATE_CHILD (PdTrendsPage, table),
    PD_TEMPLATE_CHILD (PdTrendsPage, heatmap),
    PD_TEMPLATE_CHILD (PdTrendsPage, body_map),
    PD_TEMPLATE_CHILD (PdTrendsPage, compare),
    PD_TEMPLATE_CHILD (PdTrendsPage, spine),
    PD_TEMPLATE_CALLBACK (motion_cb),
    PD_TEMPLATE_CALLBACK (leave_cb),
    PD_TEMPLATE_CALLBACK (scroll_cb),
    PD_TEMPLATE_CALLBACK (drag_begin_cb),
    PD_TEMPLATE_CALLBACK (drag_update_cb),
    PD_TEMPLATE_CALLBACK (drag_end_cb),
    PD_TEMPLATE_CALLBACK (pinch_begin_cb),
    PD_TEMPLATE_CALLBACK (pinch_scale_cb),
    PD_TEMPLATE_CALLBACK (key_pressed_cb),
    PD_TEMPLATE_CALLBACK (focus_leave_cb)
  };
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pd_trends_page_dispose;

  g_type_ensure (PD_TYPE_BANDED_AREA);
  g_type_ensure (PD_TYPE_DAILY_TABLE);
  g_type_ensure (PD_TYPE_HEATMAP_VIEW);
  g_type_ensure (PD_TYPE_BODY_MAP_PANEL);
  g_type_ensure (PD_TYPE_COMPARE_VIEW);
  g_type_ensure (PD_TYPE_SPINE_OUTCOMES);

  pd_widget_class_set_template (widget_class, "pd-trends-page.ui",
                                bindings, G_N_ELEMENTS (bindings));
}

static void
add_range_buttons (PdTrendsPage *self)
{
  GtkToggleButton *group = NULL;

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
      gtk_box_append (GTK_BOX (self->ranges_box), button);
      g_ptr_array_add (self->range_buttons, button);
    }
}

static void
pd_trends_page_init (PdTrendsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->range_days = 90;
  self->chart_cache = pd_chart_cache_new ();
  self->range_buttons = g_ptr_array_new ();
  add_range_buttons (self);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  pd_style_redraw_on_change (self->area);

  /* Hover and the keyboard's day show the values in a popover pointing at the day. */
  self->popover_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->popover_label), 0);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->popover_label);
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_can_target (self->popover, FALSE);
  gtk_widget_set_parent (self->popover, self->area);

  add_view_options (self);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                           "value-changed", G_CALLBACK (forget_pointer), self, G_CONNECT_SWAPPED);
}
