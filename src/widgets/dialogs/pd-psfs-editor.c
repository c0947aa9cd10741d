/* pd-psfs-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-psfs-editor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pd-editors.h"
#include "pd-page-util.h"
#include "pd-spine.h"
#include "pd-types.h"

/* One activity being rated: stored, or named in this dialog. */
typedef struct
{
  PdFunctionActivity *activity;
  gboolean is_new;
  gboolean retire;
  GtkWidget *row;
  GtkSpinButton *spin;
  GtkWidget *retire_button;
} Item;

#define PD_TYPE_PSFS_EDITOR (pd_psfs_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdPsfsEditor, pd_psfs_editor, PD, PSFS_EDITOR, PdRecordEditor)

struct _PdPsfsEditor
{
  PdRecordEditor parent_instance;

  GPtrArray *items;           /* Item */
  GtkWidget *rate_group;
  GtkWidget *add_row;
  guint32 today;
};

G_DEFINE_FINAL_TYPE (PdPsfsEditor, pd_psfs_editor, PD_TYPE_RECORD_EDITOR)

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->activity);
  g_free (item);
}

static guint
n_active (PdPsfsEditor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    n += !((Item *) g_ptr_array_index (self->items, i))->retire;
  return n;
}

static void
update_state (PdPsfsEditor *self)
{
  guint n = n_active (self);

  gtk_widget_set_sensitive (self->add_row, n < PD_PSFS_MAX_ACTIVITIES);
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (self->rate_group),
    n < PD_PSFS_MIN_ACTIVITIES
      ? _("Name 3 to 5 activities you find hard because of your back, in your own words. Rate "
          "each: 0 is unable to do it, 10 is able to do it as well as before the problem.")
      : _("0 is unable to do it, 10 is able to do it as well as before the problem."));
  pd_record_editor_set_can_save (PD_RECORD_EDITOR (self), n > 0);
}

static void
retire_clicked_cb (GtkButton *button,
                   Item      *item)
{
  PdPsfsEditor *self = g_object_get_data (G_OBJECT (button), "editor");

  item->retire = !item->retire;
  gtk_widget_set_sensitive (GTK_WIDGET (item->spin), !item->retire);
  gtk_button_set_label (button, item->retire ? _("Keep") : _("Retire"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (item->row),
                               item->retire ? _("Retired when saved: no longer rated")
                                            : g_object_get_data (G_OBJECT (item->row),
                                                                 "subtitle"));
  update_state (self);
}

static void
add_item (PdPsfsEditor       *self,
          PdFunctionActivity *activity,
          gboolean            is_new,
          GPtrArray          *ratings)
{
  Item *item = g_new0 (Item, 1);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 10, 1);
  GtkWidget *retire = gtk_button_new_with_label (_("Retire"));
  double first, latest;
  guint n;
  g_autofree char *subtitle = NULL;

  item->activity = g_object_ref (activity);
  item->is_new = is_new;
  pd_psfs_activity_range (ratings, pd_function_activity_get_id (activity), &first, &latest, &n);
  if (n == 0)
    subtitle = g_strdup (_("Not rated yet"));
  else
    subtitle = g_strdup_printf (ngettext ("Last rated %.0f (%u rating)",
                                          "Last rated %.0f (%u ratings)", n), latest, n);
  item->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row),
                                 pd_function_activity_get_name (activity));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item->row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (item->row), subtitle);
  g_object_set_data_full (G_OBJECT (item->row), "subtitle", g_steal_pointer (&subtitle), g_free);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (latest) ? 5 : latest);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pd_function_activity_get_name (activity), -1);
  gtk_widget_set_valign (retire, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (retire, "flat");
  g_object_set_data (G_OBJECT (retire), "editor", self);
  g_signal_connect (retire, "clicked", G_CALLBACK (retire_clicked_cb), item);
  adw_action_row_add_suffix (ADW_ACTION_ROW (item->row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (item->row), retire);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item->row), spin);
  item->spin = GTK_SPIN_BUTTON (spin);
  item->retire_button = retire;
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->rate_group), item->row);
  g_ptr_array_add (self->items, item);
}

static void
add_applied_cb (AdwEntryRow  *row,
                PdPsfsEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(PdFunctionActivity) activity = NULL;

  if (*name == '\0' || n_active (self) >= PD_PSFS_MAX_ACTIVITIES)
    return;
  activity = pd_function_activity_new ();
  pd_function_activity_set_name (activity, name);
  pd_function_activity_set_added_day (activity, self->today);
  add_item (self, activity, TRUE, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  update_state (self);
}

static gboolean
pd_psfs_editor_save (PdRecordEditor  *editor,
                     GError         **error)
{
  PdPsfsEditor *self = PD_PSFS_EDITOR (editor);
  PdDatabase *database = pd_record_editor_get_database (editor);
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now;
  int offset;

  pd_local_now (&now, &offset);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      g_autoptr(PdFunctionActivity) activity = pd_function_activity_copy (item->activity);
      PdFunctionRating *rating;

      if (item->retire)
        {
          if (item->is_new)
            continue;
          pd_function_activity_set_retired_day (activity, MAX (self->today,
                                                               pd_function_activity_get_added_day (activity)));
          if (!pd_database_save_function_activity (database, activity, error))
            return FALSE;
          continue;
        }
      if (item->is_new && !pd_database_save_function_activity (database, activity, error))
        return FALSE;
      rating = pd_function_rating_new ();
      pd_function_rating_set_activity_id (rating, pd_function_activity_get_id (activity));
      pd_function_rating_set_score (rating, gtk_spin_button_get_value_as_int (item->spin));
      pd_function_rating_set_time (rating, now, offset);
      g_ptr_array_add (ratings, rating);
    }
  if (!pd_database_save_function_ratings (database, ratings, error))
    return FALSE;
  pd_record_editor_outcomes_saved (editor);
  return TRUE;
}

static void
pd_psfs_editor_finalize (GObject *object)
{
  PdPsfsEditor *self = PD_PSFS_EDITOR (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (pd_psfs_editor_parent_class)->finalize (object);
}

static void
pd_psfs_editor_class_init (PdPsfsEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_psfs_editor_finalize;
  PD_RECORD_EDITOR_CLASS (klass)->save = pd_psfs_editor_save;
}

static void
pd_psfs_editor_init (PdPsfsEditor *self)
{
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->today = pd_local_today (NULL);
}

void
pd_psfs_editor_present (GtkWidget    *from,
                        PdDiaryModel *model)
{
  GtkWindow *parent = pd_widget_get_window (from);
  g_autoptr(PdDiaryData) data = NULL;
  PdPsfsEditor *self;
  GtkWidget *add_group;

  g_return_if_fail (model == NULL || PD_IS_DIARY_MODEL (model));

  if (model == NULL || parent == NULL)
    return;

  self = pd_record_editor_new (PD_TYPE_PSFS_EDITOR, parent, model, _("Rate Your Activities"));
  data = pd_diary_model_dup_data (model);

  self->rate_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->rate_group),
                                   _("How Well Can You Do Them Today?"));
  pd_record_editor_add_group (PD_RECORD_EDITOR (self), self->rate_group);
  for (guint i = 0; data->function_activities != NULL &&
                    i < data->function_activities->len; i++)
    {
      PdFunctionActivity *activity = g_ptr_array_index (data->function_activities, i);
      guint32 retired = pd_function_activity_get_retired_day (activity);

      if (retired == 0 || retired > self->today)
        add_item (self, activity, FALSE, data->function_ratings);
    }

  add_group = adw_preferences_group_new ();
  self->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row),
                                 _("Add an activity, e.g. “putting on socks”"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  g_signal_connect (self->add_row, "apply", G_CALLBACK (add_applied_cb), self);
  g_signal_connect (self->add_row, "entry-activated", G_CALLBACK (add_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (add_group), self->add_row);
  pd_record_editor_add_group (PD_RECORD_EDITOR (self), add_group);
  update_state (self);
  gtk_window_present (GTK_WINDOW (self));
}
