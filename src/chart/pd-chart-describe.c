/* pd-chart-describe.c: the chart told in words, for screen readers and the
 * report: the visible days, each day and the events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "pd-chart-private.h"

/* Text */

/* "3 March" or "3 March 2026" */
static char *
format_date (guint32  julian,
             gboolean with_year)
{
  GDate date;
  char text[128];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  /* Translators: a date in the chart's summary, strftime format: "3 March 2026". */
  if (g_date_strftime (text, sizeof text, with_year ? C_("chart summary", "%e %B %Y")
                                                    /* Translators: "3 March". */
                                                    : C_("chart summary", "%e %B"),
                       &date) == 0)
    return g_strdup ("?");
  return g_strdup (g_strstrip (text));
}

/* How the visible days are named: "the last 30 days" while they end today, else their
 * dates. */
static char *
describe_pain (const PdChartData *data,
               guint32            first,
               guint32            last)
{
  gboolean recent = last == (data->today != 0 ? data->today
                                              : pd_daily_series_get_last_day (data->series));
  guint n = last - first + 1, n_days, n_before;
  double mean, before;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDate a, b;

  mean = pd_daily_series_mean_pain (data->series, first, last, &n_days);
  before = first > n ? pd_daily_series_mean_pain (data->series, first - n, first - 1, &n_before)
                     : NAN;
  if (recent)
    {
      if (n_days == 0)
        return g_strdup_printf (ngettext ("No pain entries in the last %u day.",
                                          "No pain entries in the last %u days.", n), n);
      if (isnan (before))
        return g_strdup_printf (ngettext ("Over the last %u day pain averaged %.1f.",
                                          "Over the last %u days pain averaged %.1f.", n), n, mean);
      if (fabs (mean - before) < 0.05)
        return g_strdup_printf (ngettext ("Over the last %u day pain averaged %.1f, the same as "
                                          "in the %u day before.",
                                          "Over the last %u days pain averaged %.1f, the same as "
                                          "in the %u days before.", n), n, mean, n);
      if (mean < before)
        return g_strdup_printf (ngettext ("Over the last %u day pain averaged %.1f, down from "
                                          "%.1f in the %u day before.",
                                          "Over the last %u days pain averaged %.1f, down from "
                                          "%.1f in the %u days before.", n), n, mean, before, n);
      return g_strdup_printf (ngettext ("Over the last %u day pain averaged %.1f, up from %.1f "
                                        "in the %u day before.",
                                        "Over the last %u days pain averaged %.1f, up from %.1f "
                                        "in the %u days before.", n), n, mean, before, n);
    }

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_julian (&a, first);
  g_date_set_julian (&b, last);
  from = format_date (first, g_date_get_year (&a) != g_date_get_year (&b));
  to = format_date (last, TRUE);
  if (first == last && n_days > 0)
    {
      if (isnan (before))
        /* Translators: the summary of a one-day chart: "On 3 March 2026 pain averaged 5.2." */
        return g_strdup_printf (_("On %s pain averaged %.1f."), to, mean);
      /* Translators: "On 3 March 2026 pain averaged 5.2; the day before, 6.0." */
      return g_strdup_printf (_("On %s pain averaged %.1f; the day before, %.1f."), to, mean, before);
    }
  if (n_days == 0)
    /* Translators: "No pain entries from 3 March to 1 April 2026." */
    return g_strdup_printf (_("No pain entries from %s to %s."), from, to);
  if (isnan (before))
    /* Translators: "From 3 March to 1 April 2026 pain averaged 5.2." */
    return g_strdup_printf (_("From %s to %s pain averaged %.1f."), from, to, mean);
  if (fabs (mean - before) < 0.05)
    return g_strdup_printf (ngettext ("From %s to %s pain averaged %.1f, the same as in the %u "
                                      "day before.",
                                      "From %s to %s pain averaged %.1f, the same as in the %u "
                                      "days before.", n), from, to, mean, n);
  if (mean < before)
    return g_strdup_printf (ngettext ("From %s to %s pain averaged %.1f, down from %.1f in the "
                                      "%u day before.",
                                      "From %s to %s pain averaged %.1f, down from %.1f in the "
                                      "%u days before.", n), from, to, mean, before, n);
  return g_strdup_printf (ngettext ("From %s to %s pain averaged %.1f, up from %.1f in the %u "
                                    "day before.",
                                    "From %s to %s pain averaged %.1f, up from %.1f in the %u "
                                    "days before.", n), from, to, mean, before, n);
}

static void
describe_back_leg (const DayMeans *means,
                   GString        *text)
{
  if (means->n_back_pain > 0)
    g_string_append_printf (text, ngettext (" Back pain averaged %.1f on the %u day that gives it.",
                                            " Back pain averaged %.1f on the %u days that give it.",
                                            means->n_back_pain),
                            means->back_pain, means->n_back_pain);
  else
    g_string_append (text, _(" No back pain logged."));
  if (means->n_leg_pain > 0)
    g_string_append_printf (text, ngettext (" Leg pain averaged %.1f on the %u day that gives it.",
                                            " Leg pain averaged %.1f on the %u days that give it.",
                                            means->n_leg_pain),
                            means->leg_pain, means->n_leg_pain);
  else
    g_string_append (text, _(" No leg pain logged."));
}

/* The overlays' sentence: means over the days that give a value. */
static char *
describe_overlays (const PdChartData *data,
                   guint32            first,
                   guint32            last)
{
  GString *text = g_string_new (NULL);
  DayMeans means;

  _pd_chart_day_means (data->series, first, last + 1, &means);
  if (data->overlays & PD_CHART_OVERLAY_SLEEP)
    {
      if (means.n_sleep > 0)
        g_string_append_printf (text, ngettext (" Sleep averaged %.1f hours on the %u day that "
                                                "gives it.",
                                                " Sleep averaged %.1f hours on the %u days that "
                                                "give it.", means.n_sleep), means.sleep, means.n_sleep);
      else
        g_string_append (text, _(" No sleep logged."));
    }
  if (data->overlays & PD_CHART_OVERLAY_MOOD)
    {
      if (means.n_mood > 0)
        g_string_append_printf (text, ngettext (" Mood averaged %.1f on the %u day that gives it.",
                                                " Mood averaged %.1f on the %u days that give it.",
                                                means.n_mood), means.mood, means.n_mood);
      else
        g_string_append (text, _(" No mood logged."));
    }
  if (data->overlays & PD_CHART_OVERLAY_BACK_LEG)
    describe_back_leg (&means, text);
  return g_string_free (text, FALSE);
}

char *
pd_chart_describe (const PdChartData *data)
{
  g_autofree char *pain = NULL;
  g_autofree char *overlays = NULL;
  guint32 first, last;

  g_return_val_if_fail (data != NULL && data->series != NULL, NULL);

  _pd_chart_visible_range (data, &first, &last);
  pain = describe_pain (data, first, last);
  if (data->overlays == 0)
    return g_steal_pointer (&pain);
  overlays = describe_overlays (data, first, last);
  return g_strconcat (pain, overlays, NULL);
}

char *
pd_chart_describe_day (const PdChartData   *data,
                       const PdChartLayout *layout,
                       double               x)
{
  GString *text;
  const PdDay *day;
  guint32 julian;
  GDate date;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *heading = NULL;
  const PdDayEvent *events;
  guint n_events;

  g_return_val_if_fail (data != NULL && data->series != NULL, NULL);
  g_return_val_if_fail (layout != NULL, NULL);

  if (!pd_chart_x_to_day (layout, x, &julian) ||
      (day = pd_daily_series_get_day (data->series, julian)) == NULL)
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  /* Translators: the heading of a day's values, strftime format. */
  heading = g_date_time_format (time, C_("chart hover", "%A %-e %B %Y"));
  text = g_string_new (heading);

  if (day->n_entries == 0)
    g_string_append_printf (text, "\n%s", _("No pain entries"));
  else
    g_string_append_printf (text, ngettext ("\nPain %.1f (%d–%d), %u entry",
                                            "\nPain %.1f (%d–%d), %u entries", day->n_entries),
                            day->pain_mean, day->pain_min, day->pain_max, day->n_entries);
  if (!isnan (day->rolling_mean))
    g_string_append_printf (text, _("\n7-day mean %.1f"), day->rolling_mean);
  if (!isnan (day->sleep_hours))
    g_string_append_printf (text, _("\nSleep %.1f hours"), day->sleep_hours);
  if (!isnan (day->mood_mean))
    g_string_append_printf (text, _("\nMood %.1f"), day->mood_mean);
  if (!isnan (day->back_pain_mean))
    g_string_append_printf (text, _("\nBack pain %.1f"), day->back_pain_mean);
  if (!isnan (day->leg_pain_mean))
    g_string_append_printf (text, _("\nLeg pain %.1f"), day->leg_pain_mean);
  if (day->n_doses > 0)
    g_string_append_printf (text, ngettext ("\n%u dose", "\n%u doses", day->n_doses),
                            day->n_doses);
  if (day->mme > 0)
    g_string_append_printf (text, _("\nOpioids %.0f MME"), day->mme);
  if (day->activity_minutes > 0)
    g_string_append_printf (text, ngettext ("\nActivity %u minute", "\nActivity %u minutes",
                                            day->activity_minutes), day->activity_minutes);
  events = pd_daily_series_get_events (data->series, &n_events);
  for (guint i = 0; i < n_events; i++)
    if (events[i].day == julian)
      g_string_append_printf (text, "\n%s", events[i].title);
  return g_string_free (text, FALSE);
}

char *
pd_chart_describe_events (const PdChartData *data)
{
  const PdDayEvent *events;
  guint n_events;
  guint32 first, last;
  GString *text = NULL;

  g_return_val_if_fail (data != NULL && data->series != NULL, NULL);

  _pd_chart_visible_range (data, &first, &last);
  events = pd_daily_series_get_events (data->series, &n_events);
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *date = NULL;

      if (events[i].day < first || events[i].day > last)
        continue;
      date = format_date (events[i].day, TRUE);
      if (text == NULL)
        /* Translators: the start of the list of treatment events under the chart. */
        text = g_string_new (_("Events:"));
      /* Translators: an event in the list under the chart: "3 March 2026: Epidural injection" */
      g_string_append_printf (text, _("\n%s: %s"), date, events[i].title);
    }
  return text != NULL ? g_string_free (text, FALSE) : NULL;
}
