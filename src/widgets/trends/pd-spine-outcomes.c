/* pd-spine-outcomes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-spine-outcomes"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pd-chart.h"
#include "pd-editors.h"
#include "pd-spine.h"
#include "pd-spine-outcomes.h"
#include "pd-page-util.h"
#include "pd-style.h"

struct _PdSpineOutcomes
{
  GtkBox parent_instance;

  PdDiaryModel *model;
  GtkWidget *trial_group;
  GtkWidget *function_group;
  GtkWidget *impression_group;
  GArray *sessions;           /* PdPsfsSession of the diary, for the function chart */
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

/* Function (PSFS) */

static void
set_source (cairo_t             *cr,
            const PdChartColour *colour)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha);
}

/* The mean of each rating day, 0-10, and the meaningful-change line 2 points above the first
 * day's mean (or below it when the first is above 8). */
static void
function_draw_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  PdSpineOutcomes *self = user_data;
  GArray *sessions = self->sessions;
  PdChartStyle style;
  double left = 28, right = 8, top = 8, bottom = 8;
  double plot_w = width - left - right, plot_h = height - top - bottom;
  double dashes[] = { 6, 4 };
  guint32 first, last;
  double baseline, line;

  if (sessions == NULL || sessions->len == 0 || plot_w <= 0 || plot_h <= 0)
    return;
  pd_chart_style_init (&style, pd_style_chart_palette (), 1);
  first = g_array_index (sessions, PdPsfsSession, 0).day;
  last = g_array_index (sessions, PdPsfsSession, sessions->len - 1).day;

#define X(day) (left + (last > first ? plot_w * ((day) - first) / (double) (last - first) \
                                     : plot_w / 2))
#define Y(value) (top + plot_h * (1 - (value) / 10.0))
  cairo_set_line_width (cr, 1);
  cairo_select_font_face (cr, style.font_family, CAIRO_FONT_SLANT_NORMAL,
                          CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (int value = 0; value <= 10; value += 5)
    {
      char label[8];

      set_source (cr, &style.grid);
      cairo_move_to (cr, left, round (Y (value)) + 0.5);
      cairo_line_to (cr, left + plot_w, round (Y (value)) + 0.5);
      cairo_stroke (cr);
      set_source (cr, &style.dim_foreground);
      g_snprintf (label, sizeof label, "%d", value);
      cairo_move_to (cr, 4, Y (value) + 4);
      cairo_show_text (cr, label);
    }

  baseline = g_array_index (sessions, PdPsfsSession, 0).mean;
  line = baseline + PD_PSFS_MEANINGFUL_MEAN <= 10 ? baseline + PD_PSFS_MEANINGFUL_MEAN
                                                  : baseline - PD_PSFS_MEANINGFUL_MEAN;
  set_source (cr, &style.rolling_mean);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, left, Y (line));
  cairo_line_to (cr, left + plot_w, Y (line));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  set_source (cr, &style.pain_mean);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < sessions->len; i++)
    {
      const PdPsfsSession *session = &g_array_index (sessions, PdPsfsSession, i);

      if (i == 0)
        cairo_move_to (cr, X (session->day), Y (session->mean));
      else
        cairo_line_to (cr, X (session->day), Y (session->mean));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < sessions->len; i++)
    {
      const PdPsfsSession *session = &g_array_index (sessions, PdPsfsSession, i);

      cairo_arc (cr, X (session->day), Y (session->mean), 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
#undef X
#undef Y
  pd_chart_style_clear (&style);
}

static void
rate_clicked_cb (PdSpineOutcomes *self)
{
  pd_psfs_editor_present (GTK_WIDGET (self), self->model);
}

static void
impression_clicked_cb (PdSpineOutcomes *self)
{
  pd_pgic_dialog_present (GTK_WIDGET (self), self->model, NULL);
}

static gboolean
is_review (PdSpineOutcomes *self)
{
  return self->model == NULL || pd_diary_model_is_read_only (self->model);
}

static GtkWidget *
header_button (const char *label,
               GCallback   callback,
               gpointer    self)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static char *
describe_function_chart (GArray *sessions)
{
  const PdPsfsSession *first = &g_array_index (sessions, PdPsfsSession, 0);
  const PdPsfsSession *last = &g_array_index (sessions, PdPsfsSession, sessions->len - 1);

  return g_strdup_printf (ngettext ("Function ratings on %u day, from %.1f to %.1f",
                                    "Function ratings on %u days, from %.1f to %.1f",
                                    sessions->len), sessions->len, first->mean, last->mean);
}

static GtkWidget *
build_function_group (PdSpineOutcomes *self,
                      PdDiaryData     *data)
{
  GtkWidget *group = adw_preferences_group_new ();
  GArray *sessions = self->sessions;
  gboolean review = is_review (self);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _("Function (Patient-Specific Functional Scale)"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The mean ability over the rated activities, 0 "
                                           "(unable) to 10 (as before). The dashed line lies "
                                           "2 points from the first rating: a meaningful "
                                           "change reaches it."));
  if (!review)
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                             header_button (_("Rate Activities"),
                                                            G_CALLBACK (rate_clicked_cb), self));
  if (sessions->len == 0)
    {
      add_row (group, _("No ratings yet"),
               review ? _("The patient has not rated any activities.")
                      : _("Name 3 to 5 activities you find hard and rate them once a week."));
      return group;
    }

  {
    GtkWidget *area = gtk_drawing_area_new ();
    g_autofree char *summary = describe_function_chart (sessions);

    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 140);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), function_draw_cb, self, NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    summary, -1);
    GtkWidget *row = adw_preferences_row_new ();

    pd_widget_set_margins (area, 12, 6, 12, 0);
    /* A row of the group's list, so that it comes first, above the numbers. */
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), area);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  }
  {
    const PdPsfsSession *first = &g_array_index (sessions, PdPsfsSession, 0);
    const PdPsfsSession *last = &g_array_index (sessions, PdPsfsSession, sessions->len - 1);
    g_autofree char *overall = pd_psfs_describe_change (first->mean, last->mean,
                                                        pd_psfs_threshold (first, last));

    add_row (group, _("First to latest rating"), sessions->len > 1 ? overall
             : _("Rated once: the next weekly rating shows the change"));
  }
  {
    PdEvent *event = pd_pgic_latest_treatment (data->events,
                                               g_array_index (sessions, PdPsfsSession,
                                                              sessions->len - 1).day);
    PdPsfsSession before, after;

    if (event != NULL)
      {
        g_autofree char *title = NULL;
        g_autofree char *text = NULL;

        pd_psfs_around_event (sessions, pd_event_get_local_day (event), NULL, &before, &after);
        /* Translators: %s is a treatment event's title. */
        title = g_strdup_printf (_("Before and after “%s”"), pd_event_get_title (event));
        text = pd_psfs_describe_change (before.mean, after.mean,
                                        pd_psfs_threshold (&before, &after));
        add_row (group, title, text);
      }
  }
  for (guint i = 0; data->function_activities != NULL && i < data->function_activities->len;
       i++)
    {
      PdFunctionActivity *activity = g_ptr_array_index (data->function_activities, i);
      double first, latest;
      guint n;
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      pd_psfs_activity_range (data->function_ratings, pd_function_activity_get_id (activity),
                              &first, &latest, &n);
      if (n == 0)
        text = g_strdup (_("Not rated yet"));
      else if (n == 1)
        text = g_strdup_printf (_("Rated %.0f once"), first);
      else
        text = pd_psfs_describe_change (first, latest, PD_PSFS_MEANINGFUL_SINGLE);
      if (pd_function_activity_get_retired_day (activity) != 0)
        title = g_strdup_printf (_("%s (retired)"), pd_function_activity_get_name (activity));
      else
        title = g_strdup (pd_function_activity_get_name (activity));
      row = add_row (group, title, text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
    }
  return group;
}

static void
update_function (PdSpineOutcomes *self,
                 PdDiaryData     *data)
{
  g_clear_pointer (&self->sessions, g_array_unref);
  if (data == NULL || ((data->function_activities == NULL || data->function_activities->len == 0) &&
                       is_review (self)))
    {
      replace_group (self, &self->function_group, NULL);
      return;
    }
  self->sessions = pd_psfs_sessions (data->function_ratings, 0, 0);
  replace_group (self, &self->function_group, build_function_group (self, data));
}

/* Impressions of change */

static GtkWidget *
build_impression_group (PdSpineOutcomes *self,
                        PdDiaryData     *data)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Impression of Change"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), pd_pgic_question ());
  if (!is_review (self))
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                             header_button (_("Answer Now"),
                                                            G_CALLBACK (impression_clicked_cb),
                                                            self));
  if (data->impressions == NULL || data->impressions->len == 0)
    add_row (group, _("No answers yet"),
             _("Asked 14 days after a treatment, and whenever you like."));
  for (guint i = 0; data->impressions != NULL && i < data->impressions->len; i++)
    {
      PdImpression *impression = g_ptr_array_index (data->impressions, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (pd_impression_get_time (impression));
      /* Translators: a date, strftime format. */
      g_autofree char *date = g_date_time_format (time, _("%-d %b %Y"));
      const char *about = _("overall");
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      for (guint j = 0; data->events != NULL && j < data->events->len; j++)
        if (g_strcmp0 (pd_event_get_id (g_ptr_array_index (data->events, j)),
                       pd_impression_get_event_id (impression)) == 0)
          about = pd_event_get_title (g_ptr_array_index (data->events, j));
      /* Translators: when an impression was given, and what it is about. */
      subtitle = g_strdup_printf (_("%s · since “%s”"), date, about);
      row = add_row (group, pd_pgic_label (pd_impression_get_score (impression)), subtitle);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  return group;
}

static void
update_impressions (PdSpineOutcomes *self,
                    PdDiaryData     *data)
{
  if (data == NULL || ((data->impressions == NULL || data->impressions->len == 0) &&
                       is_review (self)))
    {
      replace_group (self, &self->impression_group, NULL);
      return;
    }
  replace_group (self, &self->impression_group, build_impression_group (self, data));
}

void
pd_spine_outcomes_set_data (PdSpineOutcomes *self,
                            PdDiaryModel    *model,
                            PdDiaryData     *data,
                            PdDailySeries   *series)
{
  g_return_if_fail (PD_IS_SPINE_OUTCOMES (self));
  g_return_if_fail (model == NULL || PD_IS_DIARY_MODEL (model));

  g_set_object (&self->model, model);
  update_trial (self, data, series);
  update_function (self, data);
  update_impressions (self, data);
}

static void
pd_spine_outcomes_dispose (GObject *object)
{
  PdSpineOutcomes *self = PD_SPINE_OUTCOMES (object);

  g_clear_pointer (&self->sessions, g_array_unref);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (pd_spine_outcomes_parent_class)->dispose (object);
}

static void
pd_spine_outcomes_class_init (PdSpineOutcomesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_spine_outcomes_dispose;
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
