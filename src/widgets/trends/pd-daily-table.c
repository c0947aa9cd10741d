/* pd-daily-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-daily-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pd-daily-table.h"
#include "pd-format.h"

/* A row: one day of a series. Only this file makes them. */
#define PD_TYPE_DAILY_TABLE_ROW (pd_daily_table_row_get_type ())
G_DECLARE_FINAL_TYPE (PdDailyTableRow, pd_daily_table_row, PD, DAILY_TABLE_ROW, GObject)

struct _PdDailyTableRow
{
  GObject parent_instance;

  PdDailySeries *series;
  guint32 day;
};

G_DEFINE_FINAL_TYPE (PdDailyTableRow, pd_daily_table_row, G_TYPE_OBJECT)

static void
pd_daily_table_row_finalize (GObject *object)
{
  PdDailyTableRow *self = PD_DAILY_TABLE_ROW (object);

  g_clear_pointer (&self->series, pd_daily_series_unref);
  G_OBJECT_CLASS (pd_daily_table_row_parent_class)->finalize (object);
}

static void
pd_daily_table_row_class_init (PdDailyTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_daily_table_row_finalize;
}

static void
pd_daily_table_row_init (PdDailyTableRow *self)
{
}

struct _PdDailyTable
{
  AdwBin parent_instance;

  GListStore *rows;
  GtkWidget *view;
  PdDailySeries *series;
  guint32 first;
  guint32 last;
};

G_DEFINE_FINAL_TYPE (PdDailyTable, pd_daily_table, ADW_TYPE_BIN)

/* The columns of the daily summary CSV (DESIGN.md), in its order. */
typedef enum
{
  COLUMN_DATE,
  COLUMN_ENTRIES,
  COLUMN_MEAN,
  COLUMN_MIN,
  COLUMN_MAX,
  COLUMN_ENJOYMENT,
  COLUMN_ACTIVITY_INTERFERENCE,
  COLUMN_SLEEP,
  COLUMN_MOOD,
  COLUMN_DOSES,
  COLUMN_MME,
  COLUMN_ACTIVITY_MINUTES,
  COLUMN_EVENTS,
  N_COLUMNS
} Column;

static const char *const titles[N_COLUMNS] = {
  N_("Date"), N_("Entries"), N_("Mean pain"), N_("Lowest"), N_("Highest"),
  N_("Enjoyment interference"), N_("Activity interference"), N_("Sleep (h)"), N_("Mood"),
  N_("Doses"), N_("Opioid MME"), N_("Activity (min)"), N_("Events"),
};

static char *
format_mean (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.1f", value);
}

static char *
cell_text (const PdDay *day,
           Column       column)
{
  switch (column)
    {
    case COLUMN_DATE:
      return pd_format_day (day->day);
    case COLUMN_ENTRIES:
      return g_strdup_printf ("%u", day->n_entries);
    case COLUMN_MEAN:
      return format_mean (day->pain_mean);
    case COLUMN_MIN:
      return day->n_entries > 0 ? g_strdup_printf ("%d", day->pain_min) : g_strdup ("—");
    case COLUMN_MAX:
      return day->n_entries > 0 ? g_strdup_printf ("%d", day->pain_max) : g_strdup ("—");
    case COLUMN_ENJOYMENT:
      return format_mean (day->enjoyment_mean);
    case COLUMN_ACTIVITY_INTERFERENCE:
      return format_mean (day->activity_mean);
    case COLUMN_SLEEP:
      return format_mean (day->sleep_hours);
    case COLUMN_MOOD:
      return format_mean (day->mood_mean);
    case COLUMN_DOSES:
      return g_strdup_printf ("%u", day->n_doses);
    case COLUMN_MME:
      return g_strdup_printf ("%.0f", day->mme);
    case COLUMN_ACTIVITY_MINUTES:
      return g_strdup_printf ("%u", day->activity_minutes);
    case COLUMN_EVENTS:
      return g_strdup_printf ("%u", day->n_events);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* A cell's label is made when the cell is first bound. */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  PdDailyTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const PdDay *day = pd_daily_series_get_day (row->series, row->day);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_DATE ? 0 : 1);
      if (column != COLUMN_DATE)
        gtk_widget_add_css_class (label, "numeric");
      gtk_list_item_set_child (item, label);
    }
  if (day == NULL)
    return;
  text = cell_text (day, column);
  gtk_label_set_label (GTK_LABEL (label), text);
  /* GTK 4.8 tells screen readers no column headers: each value says what it is. */
  name = column == COLUMN_DATE ? g_strdup (text)
                               /* Translators: a table cell for screen readers:
                                * "Mean pain: 5.2". */
                               : g_strdup_printf (_("%s: %s"), _(titles[column]), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
pd_daily_table_set_range (PdDailyTable  *self,
                          PdDailySeries *series,
                          guint32        first,
                          guint32        last)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n_items;

  g_return_if_fail (PD_IS_DAILY_TABLE (self));

  if (series == self->series && first == self->first && last == self->last)
    return;
  if (series != self->series)
    {
      g_clear_pointer (&self->series, pd_daily_series_unref);
      if (series != NULL)
        self->series = pd_daily_series_ref (series);
    }
  self->first = first;
  self->last = last;

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint32 day = last; series != NULL && day >= first && day > 0; day--)
    {
      PdDailyTableRow *row;

      if (pd_daily_series_get_day (series, day) == NULL)
        continue;
      row = g_object_new (PD_TYPE_DAILY_TABLE_ROW, NULL);
      row->series = pd_daily_series_ref (series);
      row->day = day;
      g_ptr_array_add (rows, row);
    }
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_list_store_splice (self->rows, 0, n_items, rows->pdata, rows->len);
}

GtkWidget *
pd_daily_table_new (void)
{
  return g_object_new (PD_TYPE_DAILY_TABLE, NULL);
}

static void
pd_daily_table_dispose (GObject *object)
{
  PdDailyTable *self = PD_DAILY_TABLE (object);

  g_clear_pointer (&self->series, pd_daily_series_unref);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (pd_daily_table_parent_class)->dispose (object);
}

static void
pd_daily_table_class_init (PdDailyTableClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_daily_table_dispose;
}

/* The wheel scrolls the table until its first or last row, then the page around it: the
 * table never traps the wheel on its way down the page. */
static gboolean
table_scroll_cb (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 GtkScrolledWindow        *scrolled)
{
  GtkAdjustment *inner = gtk_scrolled_window_get_vadjustment (scrolled);
  GtkWidget *page = gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (scrolled)),
                                             GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *outer;
  double value = gtk_adjustment_get_value (inner);
  double end = gtk_adjustment_get_upper (inner) - gtk_adjustment_get_page_size (inner);
  double step;

  if (page == NULL || dy == 0 || (dy < 0 && value > gtk_adjustment_get_lower (inner))
      || (dy > 0 && value < end))
    return FALSE;
  outer = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  /* As far as GTK scrolls for one wheel click. */
  step = pow (gtk_adjustment_get_page_size (outer), 2.0 / 3.0);
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    step = 1;
  gtk_adjustment_set_value (outer, gtk_adjustment_get_value (outer) + dy * step);
  return TRUE;
}

static void
pd_daily_table_init (PdDailyTable *self)
{
  GtkEventController *controller;
  GtkSelectionModel *selection;
  GtkWidget *scrolled;

  self->rows = g_list_store_new (PD_TYPE_DAILY_TABLE_ROW);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  self->view = gtk_column_view_new (selection);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->view), TRUE);
  gtk_widget_add_css_class (self->view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Daily values"), -1);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->view), column);
      g_object_unref (column);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->view);
  gtk_widget_add_css_class (scrolled, "card");
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (table_scroll_cb), scrolled);
  gtk_widget_add_controller (scrolled, controller);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}
