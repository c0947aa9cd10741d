/* pd-history-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-day-group.h"
#include "pd-entry-row.h"
#include "pd-history-page.h"

struct _PdHistoryPage
{
  AdwBin parent_instance;

  PdDatabase *database;
  GCancellable *cancellable;
  /* Every entry, newest first, kept so that searching needs no query. */
  GPtrArray *entries;

  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (PdHistoryPage, pd_history_page, ADW_TYPE_BIN)

static void
rebuild_model (PdHistoryPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (self->entries == NULL)
    return;

  groups = pd_day_groups_new (self->entries, search);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (groups)));
  gtk_list_view_set_model (self->list_view, selection);

  if (self->entries->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (groups) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
search_changed_cb (PdHistoryPage *self)
{
  rebuild_model (self);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PdHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  entries = pd_database_list_pain_entries_finish (PD_DATABASE (object), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the diary: %s", error->message);
      return;
    }
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  rebuild_model (self);
}

void
pd_history_page_reload (PdHistoryPage *self)
{
  g_return_if_fail (PD_IS_HISTORY_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->database == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  if (self->entries == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  pd_database_list_pain_entries_async (self->database, G_MININT64, G_MAXINT64, self->cancellable,
                                       listed_cb, g_object_ref (self));
}

void
pd_history_page_set_database (PdHistoryPage *self,
                              PdDatabase    *database)
{
  g_return_if_fail (PD_IS_HISTORY_PAGE (self));

  g_set_object (&self->database, database);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  pd_history_page_reload (self);
}

void
pd_history_page_focus_search (PdHistoryPage *self)
{
  g_return_if_fail (PD_IS_HISTORY_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* One list item is one day: a heading with the day's figures, then its entries. */

static void
setup_day_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PdHistoryPage            *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *day = gtk_label_new (NULL);
  GtkWidget *stats = gtk_label_new (NULL);
  GtkWidget *list = gtk_list_box_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 480);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_label_set_xalign (GTK_LABEL (day), 0);
  gtk_label_set_wrap (GTK_LABEL (day), TRUE);
  gtk_widget_set_hexpand (day, TRUE);
  gtk_widget_add_css_class (day, "heading");
  gtk_label_set_xalign (GTK_LABEL (stats), 1);
  gtk_widget_set_valign (stats, GTK_ALIGN_END);
  gtk_widget_add_css_class (stats, "dim-label");
  gtk_widget_add_css_class (stats, "numeric");
  gtk_box_append (GTK_BOX (heading), day);
  gtk_box_append (GTK_BOX (heading), stats);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), list);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_list_item_set_child (item, clamp);
  gtk_list_item_set_activatable (item, FALSE);
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
bind_day_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PdHistoryPage            *self)
{
  PdDayGroup *group = gtk_list_item_get_item (item);
  GtkWidget *box = adw_clamp_get_child (ADW_CLAMP (gtk_list_item_get_child (item)));
  GtkWidget *heading = gtk_widget_get_first_child (box);
  GtkWidget *list = gtk_widget_get_last_child (box);
  g_autoptr(GDate) date = pd_day_group_dup_date (group);
  g_autofree char *day = format_day (date);
  g_autofree char *stats = NULL;
  gboolean editable = self->database != NULL && !pd_database_is_read_only (self->database);
  GtkWidget *child;

  /* Translators: a day's figures, e.g. "mean 4.5 · max 7" */
  stats = g_strdup_printf (_("mean %.1f · max %d"), pd_day_group_get_mean (group),
                           pd_day_group_get_max (group));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (heading)), day);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (heading)), stats);

  while ((child = gtk_widget_get_first_child (list)))
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
  for (guint i = 0; i < pd_day_group_get_n_items (group); i++)
    gtk_list_box_append (GTK_LIST_BOX (list), pd_entry_row_new (pd_day_group_get_item (group, i), editable));
}

static void
pd_history_page_dispose (GObject *object)
{
  PdHistoryPage *self = PD_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_HISTORY_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

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
  g_signal_connect (factory, "setup", G_CALLBACK (setup_day_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_day_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}
