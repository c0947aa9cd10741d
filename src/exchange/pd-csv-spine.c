/* pd-csv-spine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-csv-spine.h"
#include "pd-error.h"
#include "pd-types.h"

static void
row_clear (gpointer data)
{
  PdCsvSpineRow *row = data;

  g_free (row->item);
  g_free (row->amount);
}

gboolean
pd_csv_day_in_range (guint32 day,
                     guint32 from_day,
                     guint32 to_day)
{
  return (from_day == 0 || day >= from_day) && (to_day == 0 || day <= to_day);
}

const char *
pd_csv_spine_activity_name (GPtrArray  *activities,
                            const char *id)
{
  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      PdFunctionActivity *activity = g_ptr_array_index (activities, i);

      if (g_strcmp0 (pd_function_activity_get_id (activity), id) == 0)
        return pd_function_activity_get_name (activity);
    }
  return NULL;
}

const char *
pd_csv_spine_event_title (GPtrArray  *events,
                          const char *id)
{
  for (guint i = 0; id != NULL && events != NULL && i < events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (pd_event_get_id (event), id) == 0)
        return pd_event_get_title (event);
    }
  return "";
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const PdCsvSpineRow *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return strcmp (x->id, y->id);
}

GArray *
pd_csv_spine_rows (PdDiaryData *data,
                   guint32      from_day,
                   guint32      to_day)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (PdCsvSpineRow));

  g_array_set_clear_func (rows, row_clear);
  g_return_val_if_fail (data != NULL, rows);

  for (guint i = 0; data->function_ratings != NULL && i < data->function_ratings->len; i++)
    {
      PdFunctionRating *rating = g_ptr_array_index (data->function_ratings, i);
      const char *name = pd_csv_spine_activity_name (data->function_activities,
                                                     pd_function_rating_get_activity_id (rating));
      PdCsvSpineRow row;

      /* A rating whose activity is gone cannot be read back: it names nothing. */
      if (name == NULL || !pd_csv_day_in_range (pd_function_rating_get_local_day (rating), from_day, to_day))
        continue;
      row = (PdCsvSpineRow) {
        pd_function_rating_get_id (rating), pd_function_rating_get_time (rating),
        pd_function_rating_get_utc_offset (rating), "function", g_strdup (name),
        g_strdup_printf ("%d", pd_function_rating_get_score (rating)), NULL,
      };
      g_array_append_val (rows, row);
    }
  for (guint i = 0; data->impressions != NULL && i < data->impressions->len; i++)
    {
      PdImpression *impression = g_ptr_array_index (data->impressions, i);
      PdCsvSpineRow row;

      if (!pd_csv_day_in_range (pd_impression_get_local_day (impression), from_day, to_day))
        continue;
      row = (PdCsvSpineRow) {
        pd_impression_get_id (impression), pd_impression_get_time (impression),
        pd_impression_get_utc_offset (impression), "impression",
        g_strdup (pd_csv_spine_event_title (data->events, pd_impression_get_event_id (impression))),
        g_strdup_printf ("%d", pd_impression_get_score (impression)),
        pd_impression_get_note (impression),
      };
      g_array_append_val (rows, row);
    }
  g_array_sort (rows, compare_rows);
  return rows;
}

static gboolean
read_whole (const char  *amount,
            int          min,
            int          max,
            const char  *what,
            int         *value,
            GError     **error)
{
  gint64 number;
  g_autofree char *whole = g_strdup (amount);
  char *point = whole != NULL ? strpbrk (whole, ".,") : NULL;

  /* A whole number as a spreadsheet may write it: 4.0. */
  if (point != NULL && point > whole && point[1] != '\0' &&
      strspn (point + 1, "0") == strlen (point + 1))
    *point = '\0';
  if (amount == NULL || !g_ascii_string_to_signed (whole, 10, min, max, &number, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (amount != NULL ? amount : "", -1);

      /* Translators: e.g. "amount: “11” is not a whole number from 0 to 10 (ability)" */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("amount: “%s” is not a whole number from %d to %d (%s)"), shown, min, max,
                   what);
      return FALSE;
    }
  *value = (int) number;
  return TRUE;
}

static PdFunctionActivity *
find_activity (GPtrArray  *activities,
               const char *name)
{
  g_autofree char *key = g_utf8_casefold (name, -1);

  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      PdFunctionActivity *activity = g_ptr_array_index (activities, i);
      g_autofree char *other = g_utf8_casefold (pd_function_activity_get_name (activity), -1);

      if (strcmp (key, other) == 0)
        return activity;
    }
  return NULL;
}

PdFunctionRating *
pd_csv_spine_read_function (gint64       time,
                            int          utc_offset,
                            const char  *item,
                            const char  *amount,
                            GPtrArray   *activities,
                            GPtrArray   *new_activities,
                            GError     **error)
{
  g_autoptr(PdFunctionRating) rating = pd_function_rating_new ();
  g_autofree char *name = g_strstrip (g_strdup (item != NULL ? item : ""));
  PdFunctionActivity *activity;
  int score;

  g_return_val_if_fail (activities != NULL, NULL);

  if (*name == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("item: a function row names its activity"));
      return NULL;
    }
  if (!read_whole (amount, 0, 10, _("ability"), &score, error))
    return NULL;
  activity = find_activity (activities, name);
  if (activity == NULL)
    {
      activity = pd_function_activity_new ();
      pd_function_activity_set_name (activity, name);
      pd_function_activity_set_added_day (activity, pd_local_day (time, utc_offset));
      if (!pd_function_activity_validate (activity, error))
        {
          g_object_unref (activity);
          return NULL;
        }
      g_ptr_array_add (activities, activity);
      if (new_activities != NULL)
        g_ptr_array_add (new_activities, g_object_ref (activity));
    }
  pd_function_rating_set_time (rating, time, utc_offset);
  pd_function_rating_set_activity_id (rating, pd_function_activity_get_id (activity));
  pd_function_rating_set_score (rating, score);
  if (!pd_function_rating_validate (rating, error))
    return NULL;
  return g_steal_pointer (&rating);
}

/* Of the events titled title: the latest at or before time, else the latest; ties by id. */
static PdEvent *
find_event (GPtrArray  *events,
            const char *title,
            gint64      time)
{
  PdEvent *before = NULL, *any = NULL;

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      PdEvent *event = g_ptr_array_index (events, i);
      gint64 at = pd_event_get_time (event);

      if (g_strcmp0 (pd_event_get_title (event), title) != 0)
        continue;
      if (any == NULL || at > pd_event_get_time (any) ||
          (at == pd_event_get_time (any) &&
           strcmp (pd_event_get_id (event), pd_event_get_id (any)) < 0))
        any = event;
      if (at <= time &&
          (before == NULL || at > pd_event_get_time (before) ||
           (at == pd_event_get_time (before) &&
            strcmp (pd_event_get_id (event), pd_event_get_id (before)) < 0)))
        before = event;
    }
  return before != NULL ? before : any;
}

gboolean
pd_csv_spine_set_impression_event (PdImpression  *impression,
                                   const char    *title,
                                   GPtrArray     *events,
                                   GError       **error)
{
  PdEvent *about;

  g_return_val_if_fail (PD_IS_IMPRESSION (impression), FALSE);

  if (title == NULL || *title == '\0')
    {
      pd_impression_set_event_id (impression, NULL);
      return TRUE;
    }
  about = find_event (events, title, pd_impression_get_time (impression));
  if (about == NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (title, -1);
      g_autofree char *shown = g_utf8_strlen (valid, -1) > 40 ? g_utf8_substring (valid, 0, 40)
                                                              : g_strdup (valid);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("item: no treatment event is titled “%s”"), shown);
      return FALSE;
    }
  pd_impression_set_event_id (impression, pd_event_get_id (about));
  return TRUE;
}

PdImpression *
pd_csv_spine_read_impression (gint64       time,
                              int          utc_offset,
                              const char  *amount,
                              GError     **error)
{
  g_autoptr(PdImpression) impression = pd_impression_new ();
  int score;

  if (!read_whole (amount, 1, 7, _("impression of change"), &score, error))
    return NULL;
  pd_impression_set_time (impression, time, utc_offset);
  pd_impression_set_score (impression, score);
  if (!pd_impression_validate (impression, error))
    return NULL;
  return g_steal_pointer (&impression);
}

static void
append_mean (GString *out,
             double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_string_append_c (out, ',');
  if (isnan (value))
    return;
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  end = buffer + strlen (buffer) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  g_string_append (out, buffer);
}

void
pd_csv_spine_append_summary (GString     *out,
                             const PdDay *day)
{
  g_return_if_fail (out != NULL && day != NULL);

  append_mean (out, day->back_pain_mean);
  append_mean (out, day->leg_pain_mean);
  append_mean (out, day->psfs_mean);
}
