/* pd-spine-outcomes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-spine-outcomes"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pd-spine.h"
#include "pd-spine-outcomes.h"

struct _PdSpineOutcomes
{
  GtkBox parent_instance;

  GtkWidget *trial_group;
};

G_DEFINE_FINAL_TYPE (PdSpineOutcomes, pd_spine_outcomes, GTK_TYPE_BOX)

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
replace_group (PdSpineOutcomes  *self,
               GtkWidget       **slot,
               GtkWidget        *group)
{
  if (*slot != NULL)
    gtk_box_remove (GTK_BOX (self), *slot);
  *slot = group;
  if (group != NULL)
    gtk_box_append (GTK_BOX (self), group);
}

/* Stimulator trial */

static GtkWidget *
build_trial_card (PdEvent       *event,
                  PdDailySeries *series)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *during = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *during_title = NULL;
  guint32 start = pd_event_get_local_day (event);
  PdTrial trial;

  pd_trial_compute (series, start, pd_event_get_end_day (event), &trial);
  /* Translators: %s is the event's title, e.g. "Stimulator trial". */
  title = g_strdup_printf (_("Stimulator Trial: %s"), pd_event_get_title (event));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Mean daily pain in the 7 days before the lead was "
                                           "placed and from the day after to the trial’s end"));
  baseline = pd_trial_describe_window (trial.baseline_mean, trial.baseline_days,
                                       PD_TRIAL_BASELINE_DAYS);
  add_row (group, _("Before the trial"), baseline);
  during = pd_trial_describe_window (trial.trial_mean, trial.trial_days,
                                     trial.end_day > start ? trial.end_day - start : 0);
  if (pd_event_get_end_day (event) == 0)
    during_title = g_strdup (_("During the trial (no end date)"));
  else if (trial.end_day > pd_daily_series_get_last_day (series))
    during_title = g_strdup_printf (_("During the trial (days 2–%u, still running)"),
                                    trial.end_day - start + 1);
  else
    during_title = g_strdup_printf (_("During the trial (days 2–%u)"),
                                    trial.end_day - start + 1);
  add_row (group, during_title, during);
  verdict = pd_trial_describe_verdict (&trial);
  add_row (group, _("Relief"), verdict);
  return group;
}

static void
update_trial (PdSpineOutcomes *self,
              PdDiaryData     *data,
              PdDailySeries   *series)
{
  PdEvent *event = NULL;

  if (data != NULL && series != NULL)
    event = pd_trial_find_latest (data->events, pd_daily_series_get_last_day (series));
  replace_group (self, &self->trial_group,
                 event != NULL ? build_trial_card (event, series) : NULL);
}

void
pd_spine_outcomes_set_data (PdSpineOutcomes *self,
                            PdDiaryData     *data,
                            PdDailySeries   *series)
{
  g_return_if_fail (PD_IS_SPINE_OUTCOMES (self));

  update_trial (self, data, series);
}

static void
pd_spine_outcomes_class_init (PdSpineOutcomesClass *klass)
{
}

static void
pd_spine_outcomes_init (PdSpineOutcomes *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);
}

GtkWidget *
pd_spine_outcomes_new (void)
{
  return g_object_new (PD_TYPE_SPINE_OUTCOMES, NULL);
}
