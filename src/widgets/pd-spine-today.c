/* pd-spine-today.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-spine-today"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-spine.h"
#include "pd-spine-today.h"

struct _PdSpineToday
{
  GtkBox parent_instance;

  GtkWidget *trial_banner;
  GtkWidget *trial_title;
  GtkWidget *trial_body;
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

void
pd_spine_today_set_data (PdSpineToday *self,
                         PdDatabase   *database,
                         PdDiaryData  *data,
                         guint32       today)
{
  g_return_if_fail (PD_IS_SPINE_TODAY (self));

  update_trial (self, data, today);
}

static void
pd_spine_today_class_init (PdSpineTodayClass *klass)
{
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
  gtk_widget_set_margin_start (self->trial_title, 12);
  gtk_widget_set_margin_end (self->trial_title, 12);
  gtk_widget_set_margin_top (self->trial_title, 12);
  gtk_widget_set_margin_start (self->trial_body, 12);
  gtk_widget_set_margin_end (self->trial_body, 12);
  gtk_widget_set_margin_bottom (self->trial_body, 12);
  gtk_box_append (GTK_BOX (self->trial_banner), self->trial_title);
  gtk_box_append (GTK_BOX (self->trial_banner), self->trial_body);
  gtk_box_append (GTK_BOX (self), self->trial_banner);
}

GtkWidget *
pd_spine_today_new (void)
{
  return g_object_new (PD_TYPE_SPINE_TODAY, NULL);
}
