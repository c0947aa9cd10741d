/* pd-compare-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-compare-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pd-before-after.h"
#include "pd-compare-view.h"
#include "pd-rows.h"
#include "pd-page-util.h"
#include "pd-style.h"

struct _PdCompareView
{
  AdwBin parent_instance;

  PdDailySeries *series;
  GArray *event_days;         /* guint32, in the event row's order: newest first */
  PdBeforeAfter compare;
  gboolean filling;           /* the event row's list is being replaced */

  GtkWidget *event_row;
  GtkWidget *window_row;
  GtkWidget *label;
  GtkWidget *table;
  GtkWidget *area;
};

G_DEFINE_FINAL_TYPE (PdCompareView, pd_compare_view, ADW_TYPE_BIN)

static void
compare_options (PdCompareView        *self,
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
update (PdCompareView *self)
{
  PdBeforeAfterOptions options;
  GtkGrid *grid = GTK_GRID (self->table);
  guint selected;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;
  const char *rows[] = { N_("Pain"), N_("PEG") };

  if (self->filling)
    return;
  if (self->series == NULL || self->event_days->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->event_row));
  if (selected >= self->event_days->len)
    selected = 0;
  compare_options (self, &options);
  pd_before_after_compute (self->series, g_array_index (self->event_days, guint32, selected),
                           &options, &self->compare);

  description = pd_before_after_describe (&self->compare);
  text = g_strdup_printf ("%s. %s", pd_change_verdict_label (self->compare.verdict), description);
  markup = g_markup_printf_escaped ("<b>%s</b>\n%s", pd_change_verdict_label (self->compare.verdict),
                                    description);
  gtk_label_set_markup (GTK_LABEL (self->label), markup);

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
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_queue_draw (self->area);
}

/* Before and after bars for pain and PEG, on the 0-10 scale, in the chart's colours. */
static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PdCompareView *self = PD_COMPARE_VIEW (user_data);
  const PdWindowMean *values[4] = { &self->compare.pain_before, &self->compare.pain_after,
                                    &self->compare.peg_before, &self->compare.peg_after };
  const char *groups[2] = { _("Pain"), _("PEG") };
  PdChartStyle style;
  const char *legend[2] = { _("Before"), _("After") };
  double bottom = height - 18, top = 40, group_width = width / 2.0, bar = group_width / 4;
  double legend_x = 0;
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);

  pd_chart_style_init (&style, pd_style_chart_palette (), 1);
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

/* The events of the series, newest first. */
void
pd_compare_view_set_series (PdCompareView *self,
                            PdDailySeries *series)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const PdDayEvent *events = NULL;
  guint n_events = 0;

  g_return_if_fail (PD_IS_COMPARE_VIEW (self));

  g_clear_pointer (&self->series, pd_daily_series_unref);
  if (series != NULL)
    self->series = pd_daily_series_ref (series);
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
  self->filling = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->event_row), G_LIST_MODEL (list));
  self->filling = FALSE;
  update (self);
}

static void
pd_compare_view_dispose (GObject *object)
{
  PdCompareView *self = PD_COMPARE_VIEW (object);

  g_clear_pointer (&self->series, pd_daily_series_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_COMPARE_VIEW);
  G_OBJECT_CLASS (pd_compare_view_parent_class)->dispose (object);
}

static void
pd_compare_view_finalize (GObject *object)
{
  PdCompareView *self = PD_COMPARE_VIEW (object);

  g_clear_pointer (&self->event_days, g_array_unref);
  G_OBJECT_CLASS (pd_compare_view_parent_class)->finalize (object);
}

static void
pd_compare_view_class_init (PdCompareViewClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdCompareView, event_row),
    PD_TEMPLATE_CHILD (PdCompareView, window_row),
    PD_TEMPLATE_CHILD (PdCompareView, label),
    PD_TEMPLATE_CHILD (PdCompareView, table),
    PD_TEMPLATE_CHILD (PdCompareView, area),
    PD_TEMPLATE_CALLBACK (update)
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_compare_view_dispose;
  object_class->finalize = pd_compare_view_finalize;

  pd_widget_class_set_template (widget_class, "pd-compare-view.ui",
                                bindings, G_N_ELEMENTS (bindings));
}

static void
pd_compare_view_init (PdCompareView *self)
{
  /* Before the template: its rows' "selected" changes as they are built. */
  self->event_days = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;

  pd_combo_row_show_whole (ADW_COMBO_ROW (self->event_row));
  pd_combo_row_show_whole (ADW_COMBO_ROW (self->window_row));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  pd_style_redraw_on_change (self->area);
}
