/* pd-record-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-record-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-catalogue.h"
#include "pd-entry-row.h"
#include "pd-record-row.h"
#include "pd-rows.h"
#include "pd-types.h"

PdRecordKind
pd_record_kind_of (GObject *record)
{
  if (PD_IS_DOSE (record))
    return PD_RECORD_DOSE;
  if (PD_IS_ACTIVITY (record))
    return PD_RECORD_ACTIVITY;
  if (PD_IS_EVENT (record))
    return PD_RECORD_EVENT;
  if (PD_IS_MEDICATION (record))
    return PD_RECORD_MEDICATION;
  g_assert (PD_IS_PAIN_ENTRY (record));
  return PD_RECORD_PAIN;
}

const char *
pd_record_id_of (GObject *record)
{
  switch (pd_record_kind_of (record))
    {
    case PD_RECORD_DOSE: return pd_dose_get_id (PD_DOSE (record));
    case PD_RECORD_ACTIVITY: return pd_activity_get_id (PD_ACTIVITY (record));
    case PD_RECORD_EVENT: return pd_event_get_id (PD_EVENT (record));
    case PD_RECORD_MEDICATION: return pd_medication_get_id (PD_MEDICATION (record));
    case PD_RECORD_PAIN: return pd_pain_entry_get_id (PD_PAIN_ENTRY (record));
    default: g_assert_not_reached ();
    }
}

static GtkWidget *
make_icon (const char *icon_name,
           const char *css_class)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (icon, "record-icon");
  gtk_widget_add_css_class (icon, css_class);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  return icon;
}

static char *
format_clock (gint64 unix_time,
              int    utc_offset)
{
  g_autoptr(GDateTime) local = pd_date_time_new_at_offset (unix_time, utc_offset);

  return g_date_time_format (local, "%H:%M");
}

/* A row titled title, with an icon, and the record's edit and delete buttons when editable
 * (what: what they act on, as "title at clock"). */
static GtkWidget *
timed_row (const char   *title,
           const char   *subtitle,
           const char   *icon_name,
           const char   *css_class,
           PdRecordKind  kind,
           const char   *id,
           const char   *clock,
           gboolean      editable)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), make_icon (icon_name, css_class));
  if (editable)
    {
      /* Translators: what a button acts on, e.g. "Gabapentin at 08:00" */
      g_autofree char *what = g_strdup_printf (_("%s at %s"), title, clock);

      pd_row_add_record_buttons (ADW_ACTION_ROW (row), kind, id, what);
    }
  return row;
}

static GtkWidget *
dose_row (PdDose   *dose,
          gboolean  editable)
{
  g_autofree char *clock = format_clock (pd_dose_get_time (dose), pd_dose_get_utc_offset (dose));
  g_autofree char *amount = pd_dose_amount_text (pd_dose_get_amount (dose), pd_dose_get_unit (dose));
  g_autofree char *subtitle = NULL;
  gboolean skipped = pd_dose_get_status (dose) == PD_DOSE_SKIPPED;
  const char *note = pd_dose_get_note (dose);

  if (skipped)
    /* Translators: a skipped dose, e.g. "08:00 · skipped" */
    subtitle = g_strdup_printf (_("%s · skipped"), clock);
  else
    subtitle = g_strdup_printf ("%s · %s%s%s", clock, amount,
                                *note ? " · " : "", note);
  return timed_row (pd_dose_get_name (dose), subtitle,
                    skipped ? "action-unavailable-symbolic" : "emblem-ok-symbolic",
                    skipped ? "dose-skipped" : "dose-taken",
                    PD_RECORD_DOSE, pd_dose_get_id (dose), clock, editable);
}

static GtkWidget *
activity_row (PdActivity *activity,
              gboolean    editable)
{
  g_autofree char *clock = format_clock (pd_activity_get_time (activity), pd_activity_get_utc_offset (activity));
  const char *note = pd_activity_get_note (activity);
  /* Translators: "08:30 · 30 min · effort 4" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %d min · effort %d%s%s"), clock,
                                               pd_activity_get_duration (activity),
                                               MAX (0, pd_activity_get_effort (activity)),
                                               *note ? " · " : "", note);

  return timed_row (pd_activity_get_name (activity), subtitle, "emblem-favorite-symbolic", "activity",
                    PD_RECORD_ACTIVITY, pd_activity_get_id (activity), clock, editable);
}

static GtkWidget *
event_row (PdEvent  *event,
           gboolean  editable)
{
  GtkWidget *row = adw_action_row_new ();
  const char *note = pd_event_get_note (event);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pd_event_get_title (event));
  subtitle = g_strdup_printf ("%s%s%s", pd_event_kind_label (pd_event_get_kind (event)),
                              *note ? " · " : "", note);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), make_icon ("starred-symbolic", "event"));
  gtk_widget_add_css_class (row, "event-row");
  if (editable)
    pd_row_add_record_buttons (ADW_ACTION_ROW (row), PD_RECORD_EVENT, pd_event_get_id (event),
                               pd_event_get_title (event));
  return row;
}

GtkWidget *
pd_record_row_new (GObject  *record,
                   gboolean  editable)
{
  switch (pd_record_kind_of (record))
    {
    case PD_RECORD_PAIN: return pd_entry_row_new (PD_PAIN_ENTRY (record), editable);
    case PD_RECORD_DOSE: return dose_row (PD_DOSE (record), editable);
    case PD_RECORD_ACTIVITY: return activity_row (PD_ACTIVITY (record), editable);
    case PD_RECORD_EVENT: return event_row (PD_EVENT (record), editable);
    case PD_RECORD_MEDICATION:
    default:
      g_assert_not_reached ();
    }
}
