/* pd-spine-today.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-spine-today"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-editors.h"
#include "pd-spine.h"
#include "pd-spine-reminders.h"
#include "pd-spine-today.h"
#include "pd-page-util.h"

struct _PdSpineToday
{
  GtkBox parent_instance;

  PdDiaryModel *model;

  GtkWidget *trial_banner;
  GtkWidget *trial_title;
  GtkWidget *trial_body;
  GtkWidget *questions;       /* due questions: a card each */
};

G_DEFINE_FINAL_TYPE (PdSpineToday, pd_spine_today, GTK_TYPE_BOX)

/* The stimulator trial running today, if any. */
static PdEvent *
current_trial (PdDiaryData *data,
               guint32      today)
{
  PdEvent *trial = pd_trial_find_latest (data->events, today);

  if (trial == NULL || pd_event_get_end_day (trial) < today)
    return NULL;
  return trial;
}

static void
update_trial (PdSpineToday *self,
              PdDiaryData  *data,
              guint32       today)
{
  PdEvent *trial = data != NULL ? current_trial (data, today) : NULL;
  g_autofree char *day = NULL;

  gtk_widget_set_visible (self->trial_banner, trial != NULL);
  if (trial == NULL)
    return;
  day = pd_trial_describe_day (pd_event_get_local_day (trial), pd_event_get_end_day (trial),
                               today);
  gtk_label_set_label (GTK_LABEL (self->trial_title), day);
  gtk_label_set_label (GTK_LABEL (self->trial_body),
                       _("Stimulator trial: log your pain in the morning, at midday and in the "
                         "evening, so that the trial can be compared with the week before."));
}

/* Questions */

static void
rate_clicked_cb (GtkButton    *button,
                 PdSpineToday *self)
{
  pd_psfs_editor_present (GTK_WIDGET (self), self->model);
}

static void
impression_clicked_cb (GtkButton    *button,
                       PdSpineToday *self)
{
  pd_pgic_dialog_present (GTK_WIDGET (self), self->model, g_object_get_data (G_OBJECT (button), "event"));
}

static GtkWidget *
question_row (const char *title,
              const char *subtitle,
              const char *button_label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (button_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "button", button);
  return row;
}

static guint
pgic_days (PdDatabase *database)
{
  g_autofree char *text = database != NULL ? pd_database_get_meta (database, PD_PGIC_DAYS_KEY)
                                           : NULL;
  guint64 days;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, 365, &days, NULL))
    return (guint) days;
  return PD_PGIC_DAYS_DEFAULT;
}

static void
update_questions (PdSpineToday *self,
                  PdDatabase   *database,
                  PdDiaryData  *data,
                  guint32       today)
{
  g_autoptr(GPtrArray) due = NULL;
  GtkWidget *group;
  GtkWidget *row;
  guint n = 0;

  if (self->questions != NULL)
    gtk_box_remove (GTK_BOX (self), self->questions);
  self->questions = NULL;
  if (data == NULL || database == NULL || pd_database_is_read_only (database))
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Questions for Today"));
  if (pd_psfs_due (data->function_activities, data->function_ratings, today))
    {
      row = question_row (_("Rate your activities"),
                          _("Weekly: how well you can do the activities you named"),
                          _("Rate"));
      g_signal_connect (g_object_get_data (G_OBJECT (row), "button"), "clicked",
                        G_CALLBACK (rate_clicked_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }
  due = pd_pgic_due_events (data->events, data->impressions, today, pgic_days (database));
  for (guint i = 0; i < due->len; i++)
    {
      PdEvent *event = g_ptr_array_index (due, i);
      GtkWidget *button;
      g_autofree char *title = g_strdup_printf (_("Since “%s”, overall, how are you?"),
                                                pd_event_get_title (event));
      g_autofree char *subtitle = g_strdup_printf (
        ngettext ("%u day ago; one answer from very much improved to very much worse",
                  "%u days ago; one answer from very much improved to very much worse",
                  today - pd_event_get_local_day (event)),
        today - pd_event_get_local_day (event));

      row = question_row (title, subtitle, _("Answer"));
      button = g_object_get_data (G_OBJECT (row), "button");
      g_object_set_data_full (G_OBJECT (button), "event", g_object_ref (event), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (impression_clicked_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }
  if (n == 0)
    {
      g_object_ref_sink (group);
      g_object_unref (group);
      return;
    }
  self->questions = group;
  gtk_box_append (GTK_BOX (self), group);
}

void
pd_spine_today_set_data (PdSpineToday *self,
                         PdDiaryModel *model,
                         PdDiaryData  *data,
                         guint32       today)
{
  g_return_if_fail (PD_IS_SPINE_TODAY (self));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));

  g_set_object (&self->model, model);
  update_trial (self, data, today);
  update_questions (self, pd_diary_model_get_database (model), data, today);
  /* Empty, it would still take the page's spacing. */
  gtk_widget_set_visible (GTK_WIDGET (self), gtk_widget_get_visible (self->trial_banner) ||
                                             self->questions != NULL);
}

static void
pd_spine_today_dispose (GObject *object)
{
  PdSpineToday *self = PD_SPINE_TODAY (object);

  g_clear_object (&self->model);
  G_OBJECT_CLASS (pd_spine_today_parent_class)->dispose (object);
}

static void
pd_spine_today_class_init (PdSpineTodayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_spine_today_dispose;
}

static GtkWidget *
card_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
pd_spine_today_init (PdSpineToday *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  self->trial_banner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->trial_banner, "card");
  gtk_widget_set_visible (self->trial_banner, FALSE);
  self->trial_title = card_label ("heading");
  self->trial_body = card_label ("body");
  pd_widget_set_margins (self->trial_title, 12, 12, 0, 12);
  pd_widget_set_margins (self->trial_body, 0, 12, 12, 12);
  gtk_box_append (GTK_BOX (self->trial_banner), self->trial_title);
  gtk_box_append (GTK_BOX (self->trial_banner), self->trial_body);
  gtk_box_append (GTK_BOX (self), self->trial_banner);
}

GtkWidget *
pd_spine_today_new (void)
{
  return g_object_new (PD_TYPE_SPINE_TODAY, NULL);
}
