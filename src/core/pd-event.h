/* pd-event.h: one treatment event (surgery, injection, appointment, ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_EVENT (pd_event_get_type ())

G_DECLARE_FINAL_TYPE (PdEvent, pd_event, PD, EVENT, GObject)

PdEvent     *pd_event_new              (void);
PdEvent     *pd_event_copy             (PdEvent     *self);
/* Known kind (pd_event_kinds), non-empty title. */
gboolean     pd_event_validate         (PdEvent     *self,
                                        GError     **error);

const char  *pd_event_get_id           (PdEvent     *self);
void         pd_event_set_id           (PdEvent     *self,
                                        const char  *id);
const char  *pd_event_get_kind         (PdEvent     *self);
void         pd_event_set_kind         (PdEvent     *self,
                                        const char  *kind);
const char  *pd_event_get_title        (PdEvent     *self);
void         pd_event_set_title        (PdEvent     *self,
                                        const char  *title);
gint64       pd_event_get_time         (PdEvent     *self);
int          pd_event_get_utc_offset   (PdEvent     *self);
void         pd_event_set_time         (PdEvent     *self,
                                        gint64       unix_time,
                                        int          utc_offset);
void         pd_event_set_date_time    (PdEvent     *self,
                                        GDateTime   *date_time);
guint32      pd_event_get_local_day    (PdEvent     *self);
const char  *pd_event_get_note         (PdEvent     *self);
void         pd_event_set_note         (PdEvent     *self,
                                        const char  *note);
/* The last local day (Julian day number) of an event that lasts (a stimulator trial, a
 * therapy programme), or 0 for an event of one moment. */
guint32      pd_event_get_end_day      (PdEvent     *self);
void         pd_event_set_end_day      (PdEvent     *self,
                                        guint32      end_day);
gint64       pd_event_get_created      (PdEvent     *self);
gint64       pd_event_get_updated      (PdEvent     *self);
void         pd_event_set_stamps       (PdEvent     *self,
                                        gint64       created,
                                        gint64       updated);

G_END_DECLS
