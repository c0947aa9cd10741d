/* pd-history-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-day-group.h"
#include "pd-record-row.h"
#include "pd-history-page.h"
#include "pd-model-watch.h"

struct _PdHistoryPage
{
  AdwBin parent_instance;

  PdDiaryModel *model;
  /* The model's records as last shown (the arrays are shared with a grouping in a thread,
   * which may outlive them here). Searching needs no query. */
  PdDiaryData *data;

  GCancellable *cancellable;

  GtkSearchEntry *search_entry;
  GtkDropDown *kind_dropdown;
  GtkStack *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (PdHistoryPage, pd_history_page, ADW_TYPE_BIN)

/* The arrays are shared, not copied: the window may replace its data meanwhile. */
static PdDiaryData *
share_data (PdDiaryData *data)
{
  PdDiaryData *shared = g_new0 (PdDiaryData, 1);

  shared->pain_entries = g_ptr_array_ref (data->pain_entries);
  shared->medications = g_ptr_array_ref (data->medications);
  shared->doses = g_ptr_array_ref (data->doses);
  shared->activities = g_ptr_array_ref (data->activities);
  shared->events = g_ptr_array_ref (data->events);
  return shared;
}

/* One list item per heading and per record, not per day: the list view then creates
 * widgets only for the rows in sight, however long a day is. */
static GListModel *
flatten (GListModel *groups)
{
  GListStore *store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      PdDayGroup *group = g_list_model_get_item (groups, i);

      g_ptr_array_add (items, group);
      for (guint j = 0; j < pd_day_group_get_n_records (group); j++)
        g_ptr_array_add (items, g_object_ref (pd_day_group_get_record (group, j)));
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

typedef struct
{
  PdDiaryData *data;   /* its own references to the arrays */
  char *search;
  guint kinds;
} Grouping;

static void
grouping_free (Grouping *grouping)
{
  pd_diary_data_free (grouping->data);
  g_free (grouping->search);
  g_free (grouping);
}

static void
group_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Grouping *grouping = task_data;
  g_autoptr(GListModel) groups = pd_day_groups_new_full (grouping->data, grouping->search, grouping->kinds);

  g_task_return_pointer (task, flatten (groups), g_object_unref);
}

static void
grouped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PdHistoryPage *self = PD_HISTORY_PAGE (object);
  g_autoptr(GListModel) items = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GtkSelectionModel) selection = NULL;
  gboolean empty;

  if (items == NULL || self->data == NULL)
    return;

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_steal_pointer (&items)));
  gtk_list_view_set_model (self->list_view, selection);

  empty = self->data->pain_entries->len == 0 && self->data->doses->len == 0 &&
          self->data->activities->len == 0 && self->data->events->len == 0;
  if (empty)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (selection)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

/* Grouping ten years of records takes tens of milliseconds: done off the main thread, so
 * that typing in the search field stays fluid. */
static void
rebuild_model (PdHistoryPage *self)
{
  static const guint kinds[] = {
    PD_DAY_GROUPS_ALL_KINDS,
    1u << PD_RECORD_PAIN,
    1u << PD_RECORD_DOSE,
    1u << PD_RECORD_ACTIVITY,
    1u << PD_RECORD_EVENT,
  };
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  g_autoptr(GTask) task = NULL;
  Grouping *grouping;

  if (self->data == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  grouping = g_new0 (Grouping, 1);
  grouping->data = share_data (self->data);
  grouping->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  grouping->kinds = kinds[MIN (selected, G_N_ELEMENTS (kinds) - 1)];

  task = g_task_new (self, self->cancellable, grouped_cb, NULL);
  g_task_set_source_tag (task, rebuild_model);
  /* A newer search supersedes this one. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, grouping, (GDestroyNotify) grouping_free);
  g_task_run_in_thread (task, group_in_thread);
}

static void
search_changed_cb (PdHistoryPage *self)
{
  rebuild_model (self);
}

static void
refresh (GtkWidget *widget)
{
  PdHistoryPage *self = PD_HISTORY_PAGE (widget);

  g_clear_pointer (&self->data, pd_diary_data_free);
  self->data = pd_diary_model_dup_data (self->model);
  rebuild_model (self);
}

void
pd_history_page_set_model (PdHistoryPage *self,
                           PdDiaryModel  *model)
{
  g_return_if_fail (PD_IS_HISTORY_PAGE (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));

  if (self->model == model)
    return;
  g_set_object (&self->model, model);
  pd_model_watch (GTK_WIDGET (self), model, TRUE, refresh);
}

void
pd_history_page_focus_search (PdHistoryPage *self)
{
  g_return_if_fail (PD_IS_HISTORY_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static char *
format_day (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                          g_date_time_get_month (now), g_date_time_get_year (now));
  int ago = g_date_days_between (date, today);
  char buffer[128];

  if (ago == 0)
    return g_strdup (_("Today"));
  if (ago == 1)
    return g_strdup (_("Yesterday"));
  /* Translators: a day heading in History, strftime format, e.g. "Friday, 20 November 2026" */
  if (g_date_strftime (buffer, sizeof buffer, _("%A, %-d %B %Y"), date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PdHistoryPage            *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *slot = adw_bin_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 480);
  gtk_widget_set_margin_start (slot, 12);
  gtk_widget_set_margin_end (slot, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), slot);
  gtk_list_item_set_child (item, clamp);
  gtk_list_item_set_activatable (item, FALSE);
}

static GtkWidget *
heading_new (PdDayGroup *group)
{
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *day_label, *stats_label;
  g_autoptr(GDate) date = pd_day_group_dup_date (group);
  g_autofree char *day = format_day (date);
  g_autofree char *stats = NULL;

  /* Translators: a day's figures, e.g. "mean 4.5 · max 7" */
  if (pd_day_group_get_n_items (group) > 0)
    stats = g_strdup_printf (_("mean %.1f · max %d"), pd_day_group_get_mean (group),
                             pd_day_group_get_max (group));
  day_label = gtk_label_new (day);
  gtk_label_set_xalign (GTK_LABEL (day_label), 0);
  gtk_label_set_wrap (GTK_LABEL (day_label), TRUE);
  gtk_widget_set_hexpand (day_label, TRUE);
  gtk_widget_add_css_class (day_label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LABEL, day, -1);
  stats_label = gtk_label_new (stats);
  gtk_label_set_xalign (GTK_LABEL (stats_label), 1);
  gtk_widget_set_valign (stats_label, GTK_ALIGN_END);
  gtk_widget_add_css_class (stats_label, "dim-label");
  gtk_widget_add_css_class (stats_label, "numeric");
  gtk_box_append (GTK_BOX (heading), day_label);
  gtk_box_append (GTK_BOX (heading), stats_label);
  gtk_widget_add_css_class (heading, "history-heading");
  return heading;
}

static gboolean
is_heading_at (GListModel *model,
               guint       position)
{
  g_autoptr(GObject) item = NULL;

  if (position >= g_list_model_get_n_items (model))
    return TRUE;
  item = g_list_model_get_item (model, position);
  return PD_IS_DAY_GROUP (item);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PdHistoryPage            *self)
{
  GObject *record = gtk_list_item_get_item (item);
  GtkWidget *slot = adw_clamp_get_child (ADW_CLAMP (gtk_list_item_get_child (item)));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));
  guint position = gtk_list_item_get_position (item);
  gboolean editable = self->model != NULL && !pd_diary_model_is_read_only (self->model);

  gtk_widget_remove_css_class (slot, "history-card");
  gtk_widget_remove_css_class (slot, "first");
  gtk_widget_remove_css_class (slot, "last");
  if (PD_IS_DAY_GROUP (record))
    {
      adw_bin_set_child (ADW_BIN (slot), heading_new (PD_DAY_GROUP (record)));
      return;
    }
  adw_bin_set_child (ADW_BIN (slot), pd_record_row_new (record, editable));
  gtk_widget_add_css_class (slot, "history-card");
  if (position == 0 || is_heading_at (model, position - 1))
    gtk_widget_add_css_class (slot, "first");
  if (is_heading_at (model, position + 1))
    gtk_widget_add_css_class (slot, "last");
}

static void
pd_history_page_dispose (GObject *object)
{
  PdHistoryPage *self = PD_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_HISTORY_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  g_clear_pointer (&self->data, pd_diary_data_free);

  G_OBJECT_CLASS (pd_history_page_parent_class)->dispose (object);
}

static void
pd_history_page_class_init (PdHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_history_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/paindiary/PainDiary/pd-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdHistoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdHistoryPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PdHistoryPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
pd_history_page_init (PdHistoryPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}
