/* pd-history-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-day-group.h"
#include "pd-history-list.h"
#include "pd-record-row.h"
#include "pd-history-page.h"
#include "pd-model-watch.h"
#include "pd-page-util.h"

struct _PdHistoryPage
{
  AdwBin parent_instance;

  PdDiaryModel *model;
  /* The model's days as headings and records, bound when the page is first shown with the
   * whole diary: a save changes one day's rows, nothing is regrouped or copied. */
  GtkFilterListModel *filtered;
  /* The first items of filtered that the list view is given, growing a few rows a frame
   * after the first showing (see grow_cb), then all of them. */
  GtkSliceListModel *shown;
  guint grow_id;
  GtkCustomFilter *filter;
  PdRecordSearch *search;   /* NULL: every record */

  GtkSearchEntry *search_entry;
  GtkDropDown *kind_dropdown;
  GtkStack *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (PdHistoryPage, pd_history_page, ADW_TYPE_BIN)

/* A heading stays while any record of its day does. */
static gboolean
keep_item (gpointer item,
           gpointer user_data)
{
  PdHistoryPage *self = user_data;
  GListModel *records;

  if (!PD_IS_DIARY_DAY (item))
    return pd_record_search_matches (self->search, item);
  records = pd_diary_day_get_records (item);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (records, i);

      if (pd_record_search_matches (self->search, record))
        return TRUE;
    }
  return FALSE;
}

static void
update_state (PdHistoryPage *self)
{
  const char *state = "list";

  if (self->filtered == NULL)
    state = "loading";
  else if (g_list_model_get_n_items (pd_diary_model_get_days (self->model)) == 0)
    state = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 &&
           gtk_filter_list_model_get_pending (self->filtered) == 0)
    state = "no-results";
  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
search_changed_cb (PdHistoryPage *self)
{
  static const guint kinds[] = {
    PD_DAY_GROUPS_ALL_KINDS,
    1u << PD_RECORD_PAIN,
    1u << PD_RECORD_DOSE,
    1u << PD_RECORD_ACTIVITY,
    1u << PD_RECORD_EVENT,
  };
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  GtkFilter *filter;

  g_clear_pointer (&self->search, pd_record_search_free);
  self->search = pd_record_search_new (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                       kinds[MIN (selected, G_N_ELEMENTS (kinds) - 1)]);
  if (pd_record_search_is_all (self->search))
    g_clear_pointer (&self->search, pd_record_search_free);
  if (self->filtered == NULL)
    return;
  /* Without a search nothing is filtered: the list is the model's, item for item. */
  filter = self->search != NULL ? GTK_FILTER (self->filter) : NULL;
  if (gtk_filter_list_model_get_filter (self->filtered) != filter)
    gtk_filter_list_model_set_filter (self->filtered, filter);
  else if (filter != NULL)
    gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* GtkListView (GTK 4.8) keeps up to 200 rows bound around what is in sight, and binds and
 * measures them all in the frame after it is given a model: with History's rows (about 3 ms
 * each, most of it text measurement) the first showing of a long diary froze the window for
 * over half a second. The list view is first given about a window's worth of items, then
 * GROW_STEP more each frame (about 12 ms of work, within a frame), and all of them once it
 * holds as many as it keeps bound. */
#define FIRST_ITEMS 16
#define GROW_STEP 4
#define LIST_VIEW_BOUND_ITEMS 200

static gboolean
grow_cb (GtkWidget     *list_view,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  PdHistoryPage *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown);

  if (size + GROW_STEP < LIST_VIEW_BOUND_ITEMS)
    {
      gtk_slice_list_model_set_size (self->shown, size + GROW_STEP);
      return G_SOURCE_CONTINUE;
    }
  gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_growing (PdHistoryPage *self)
{
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_id);
  self->grow_id = 0;
}

/* The first time the page is shown with the whole diary, and for another model. */
static void
refresh (GtkWidget *widget)
{
  PdHistoryPage *self = PD_HISTORY_PAGE (widget);
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (self->filtered == NULL)
    {
      GListModel *items = G_LIST_MODEL (pd_history_list_new (pd_diary_model_get_days (self->model)));

      self->filtered = gtk_filter_list_model_new (items, NULL);
      /* Ten years are searched a part at a time: typing stays fluid. */
      gtk_filter_list_model_set_incremental (self->filtered, TRUE);
      g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->filtered, "notify::pending", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), 0,
                                              FIRST_ITEMS);
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown))));
      gtk_list_view_set_model (self->list_view, selection);
      self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), grow_cb, self, NULL);
      search_changed_cb (self);
    }
  update_state (self);
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
  stop_growing (self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->shown);
  g_clear_object (&self->filtered);
  gtk_stack_set_visible_child_name (self->stack, "loading");
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
heading_new (PdDiaryDay *group)
{
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *day_label, *stats_label;
  g_autoptr(GDate) date = pd_diary_day_dup_date (group);
  g_autofree char *day = format_day (date);
  g_autofree char *stats = NULL;

  /* Translators: a day's figures, e.g. "mean 4.5 · max 7" */
  if (pd_diary_day_get_n_entries (group) > 0)
    stats = g_strdup_printf (_("mean %.1f · max %d"), pd_diary_day_get_mean (group),
                             pd_diary_day_get_max (group));
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
  return PD_IS_DIARY_DAY (item);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PdHistoryPage            *self)
{
  GObject *record = gtk_list_item_get_item (item);
  GtkWidget *slot = adw_clamp_get_child (ADW_CLAMP (gtk_list_item_get_child (item)));
  /* The neighbours are looked up in the whole list: the slice shown may end at this item. */
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint position = gtk_list_item_get_position (item);
  gboolean editable = self->model != NULL && !pd_diary_model_is_read_only (self->model);

  gtk_widget_remove_css_class (slot, "history-card");
  gtk_widget_remove_css_class (slot, "first");
  gtk_widget_remove_css_class (slot, "last");
  if (PD_IS_DIARY_DAY (record))
    {
      adw_bin_set_child (ADW_BIN (slot), heading_new (PD_DIARY_DAY (record)));
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

  stop_growing (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_HISTORY_PAGE);
  g_clear_object (&self->shown);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_pointer (&self->search, pd_record_search_free);

  G_OBJECT_CLASS (pd_history_page_parent_class)->dispose (object);
}

static void
pd_history_page_class_init (PdHistoryPageClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdHistoryPage, search_entry),
    PD_TEMPLATE_CHILD (PdHistoryPage, kind_dropdown),
    PD_TEMPLATE_CHILD (PdHistoryPage, stack),
    PD_TEMPLATE_CHILD (PdHistoryPage, list_view),
    PD_TEMPLATE_CALLBACK (search_changed_cb)
  };

  G_OBJECT_CLASS (klass)->dispose = pd_history_page_dispose;

  pd_widget_class_set_template (GTK_WIDGET_CLASS (klass), "pd-history-page.ui",
                                bindings, G_N_ELEMENTS (bindings));
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
  self->filter = gtk_custom_filter_new (keep_item, self, NULL);
}
