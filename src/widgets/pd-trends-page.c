/* pd-trends-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-trends-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-chart.h"
#include "pd-trends-page.h"
#include "pd-types.h"

struct _PdTrendsPage
{
  AdwBin parent_instance;

  PdDailySeries *series;
  guint range_days;           /* 0: all */
  double hover_x;

  GtkWidget *area;
  GtkWidget *summary;
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

static void
chart_data (PdTrendsPage *self,
            PdChartData  *data)
{
  guint32 last;

  pd_chart_data_init (data, self->series);
  last = pd_daily_series_get_last_day (self->series);
  if (self->range_days > 0 && last >= self->range_days)
    {
      data->last_day = last;
      data->first_day = MAX (pd_daily_series_get_first_day (self->series), last - self->range_days + 1);
    }
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
  pd_chart_style_clear (&style);
}

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
  gtk_widget_queue_draw (self->area);
}

static void
range_toggled_cb (GtkToggleButton *button,
                  PdTrendsPage    *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->range_days = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "days"));
  update_summary (self);
}

/* The values of the day under the pointer, as the chart's tooltip. */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (user_data);
  g_autofree char *text = NULL;
  PdChartLayout layout;
  PdChartStyle style;
  PdChartData data;

  if (self->series == NULL)
    return FALSE;
  pd_chart_style_init (&style, current_palette (), 1);
  chart_data (self, &data);
  pd_chart_layout_compute (&layout, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                           &data, &style);
  pd_chart_style_clear (&style);
  text = pd_chart_describe_day (&data, &layout, x);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
pd_trends_page_set_data (PdTrendsPage *self,
                         PdDiaryData  *data)
{
  guint32 first = G_MAXUINT32, last = 0;

  g_return_if_fail (PD_IS_TRENDS_PAGE (self));

  g_clear_pointer (&self->series, pd_daily_series_unref);
  if (data == NULL)
    return;

  /* From the first record to today. */
  if (data->pain_entries->len > 0)
    first = pd_pain_entry_get_local_day (g_ptr_array_index (data->pain_entries,
                                                            data->pain_entries->len - 1));
  if (data->doses->len > 0)
    first = MIN (first, pd_dose_get_local_day (g_ptr_array_index (data->doses, data->doses->len - 1)));
  if (data->activities->len > 0)
    first = MIN (first, pd_activity_get_local_day (g_ptr_array_index (data->activities,
                                                                      data->activities->len - 1)));
  last = pd_local_today (NULL);
  if (first == G_MAXUINT32)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  self->series = pd_daily_series_new (data, MIN (first, last), last);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "chart");
  update_summary (self);
}

static void
style_changed_cb (PdTrendsPage *self)
{
  gtk_widget_queue_draw (self->area);
}

static void
pd_trends_page_dispose (GObject *object)
{
  PdTrendsPage *self = PD_TRENDS_PAGE (object);

  g_clear_pointer (&self->series, pd_daily_series_unref);
  g_clear_pointer (&self->range_buttons, g_ptr_array_unref);

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

  self->range_days = 90;
  self->range_buttons = g_ptr_array_new ();

  gtk_widget_add_css_class (ranges_box, "linked");
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
  gtk_widget_set_size_request (self->area, 320, 360);
  gtk_widget_set_has_tooltip (self->area, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pain trend chart"), -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  g_signal_connect (self->area, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

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

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), build_empty_state (), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), box, "chart");
  adw_bin_set_child (ADW_BIN (self), self->stack);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
