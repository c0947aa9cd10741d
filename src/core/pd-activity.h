/* pd-activity.h: one activity or therapy session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_ACTIVITY (pd_activity_get_type ())

G_DECLARE_FINAL_TYPE (PdActivity, pd_activity, PD, ACTIVITY, GObject)

PdActivity  *pd_activity_new              (void);
PdActivity  *pd_activity_copy             (PdActivity  *self);
/* Non-empty name; duration 1-1440 minutes; effort 0-10 or PD_UNSET. */
gboolean     pd_activity_validate         (PdActivity  *self,
                                           GError     **error);

const char  *pd_activity_get_id           (PdActivity  *self);
void         pd_activity_set_id           (PdActivity  *self,
                                           const char  *id);
const char  *pd_activity_get_name         (PdActivity  *self);
void         pd_activity_set_name         (PdActivity  *self,
                                           const char  *name);
gint64       pd_activity_get_time         (PdActivity  *self);
int          pd_activity_get_utc_offset   (PdActivity  *self);
void         pd_activity_set_time         (PdActivity  *self,
                                           gint64       unix_time,
                                           int          utc_offset);
void         pd_activity_set_date_time    (PdActivity  *self,
                                           GDateTime   *date_time);
guint32      pd_activity_get_local_day    (PdActivity  *self);
int          pd_activity_get_duration     (PdActivity  *self);  /* minutes */
void         pd_activity_set_duration     (PdActivity  *self,
                                           int          minutes);
int          pd_activity_get_effort       (PdActivity  *self);  /* 0-10 or PD_UNSET */
void         pd_activity_set_effort       (PdActivity  *self,
                                           int          effort);
const char  *pd_activity_get_note         (PdActivity  *self);
void         pd_activity_set_note         (PdActivity  *self,
                                           const char  *note);
gint64       pd_activity_get_created      (PdActivity  *self);
gint64       pd_activity_get_updated      (PdActivity  *self);
void         pd_activity_set_stamps       (PdActivity  *self,
                                           gint64       created,
                                           gint64       updated);

G_END_DECLS
