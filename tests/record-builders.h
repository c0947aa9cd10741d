/* record-builders.h: new records with the fields most tests set, at a time and a UTC
 * offset; a test sets whatever else it needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-activity.h"
#include "pd-event.h"
#include "pd-pain-entry.h"

static inline PdPainEntry *
new_entry (gint64      unix_time,
           int         utc_offset,
           int         pain,
           const char *note)
{
  PdPainEntry *entry = pd_pain_entry_new ();

  pd_pain_entry_set_time (entry, unix_time, utc_offset);
  pd_pain_entry_set_pain (entry, pain);
  pd_pain_entry_set_note (entry, note);
  return entry;
}

static inline PdActivity *
new_activity (const char *name,
              gint64      unix_time,
              int         utc_offset,
              int         duration)
{
  PdActivity *activity = pd_activity_new ();

  pd_activity_set_name (activity, name);
  pd_activity_set_time (activity, unix_time, utc_offset);
  pd_activity_set_duration (activity, duration);
  return activity;
}

static inline PdEvent *
new_event (const char *kind,
           const char *title,
           gint64      unix_time,
           int         utc_offset)
{
  PdEvent *event = pd_event_new ();

  pd_event_set_kind (event, kind);
  pd_event_set_title (event, title);
  pd_event_set_time (event, unix_time, utc_offset);
  return event;
}
