/* pd-pain-entry.h: one pain diary entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_PAIN_ENTRY (pd_pain_entry_get_type ())

G_DECLARE_FINAL_TYPE (PdPainEntry, pd_pain_entry, PD, PAIN_ENTRY, GObject)

PdPainEntry *pd_pain_entry_new                        (void);
PdPainEntry *pd_pain_entry_copy                       (PdPainEntry  *self);
gboolean     pd_pain_entry_validate                   (PdPainEntry  *self,
                                                       GError      **error);

const char  *pd_pain_entry_get_id                     (PdPainEntry  *self);
void         pd_pain_entry_set_id                     (PdPainEntry  *self,
                                                       const char   *id);

/* The instant, as Unix seconds (UTC), and the UTC offset in seconds that was
 * local when the entry was made. */
gint64       pd_pain_entry_get_time                   (PdPainEntry  *self);
int          pd_pain_entry_get_utc_offset             (PdPainEntry  *self);
void         pd_pain_entry_set_time                   (PdPainEntry  *self,
                                                       gint64        unix_time,
                                                       int           utc_offset);
void         pd_pain_entry_set_date_time              (PdPainEntry  *self,
                                                       GDateTime    *date_time);
GDateTime   *pd_pain_entry_dup_local_time             (PdPainEntry  *self);
/* The patient's local date, as a Julian day number (g_date_get_julian). */
guint32      pd_pain_entry_get_local_day              (PdPainEntry  *self);

int          pd_pain_entry_get_pain                   (PdPainEntry  *self);
void         pd_pain_entry_set_pain                   (PdPainEntry  *self,
                                                       int           pain);
int          pd_pain_entry_get_enjoyment_interference (PdPainEntry  *self);
void         pd_pain_entry_set_enjoyment_interference (PdPainEntry  *self,
                                                       int           value);
int          pd_pain_entry_get_activity_interference  (PdPainEntry  *self);
void         pd_pain_entry_set_activity_interference  (PdPainEntry  *self,
                                                       int           value);
/* Back and leg pain, 0-10, each optional (PD_UNSET): spine outcomes report them apart. */
int          pd_pain_entry_get_back_pain              (PdPainEntry  *self);
void         pd_pain_entry_set_back_pain              (PdPainEntry  *self,
                                                       int           value);
int          pd_pain_entry_get_leg_pain               (PdPainEntry  *self);
void         pd_pain_entry_set_leg_pain               (PdPainEntry  *self,
                                                       int           value);
guint64      pd_pain_entry_get_locations              (PdPainEntry  *self);
void         pd_pain_entry_set_locations              (PdPainEntry  *self,
                                                       guint64       mask);
guint64      pd_pain_entry_get_qualities              (PdPainEntry  *self);
void         pd_pain_entry_set_qualities              (PdPainEntry  *self,
                                                       guint64       mask);
/* The patient's own locations and qualities, beside the tags of the masks: in the order
 * written, each passing pd_tag_check_custom. Never NULL (an empty list when none). */
const char * const *pd_pain_entry_get_custom_locations (PdPainEntry  *self);
void         pd_pain_entry_set_custom_locations       (PdPainEntry  *self,
                                                       const char * const *values);
const char * const *pd_pain_entry_get_custom_qualities (PdPainEntry  *self);
void         pd_pain_entry_set_custom_qualities       (PdPainEntry  *self,
                                                       const char * const *values);
/* Hours slept, or a negative value when unset. */
double       pd_pain_entry_get_sleep_hours            (PdPainEntry  *self);
void         pd_pain_entry_set_sleep_hours            (PdPainEntry  *self,
                                                       double        hours);
int          pd_pain_entry_get_sleep_quality          (PdPainEntry  *self);
void         pd_pain_entry_set_sleep_quality          (PdPainEntry  *self,
                                                       int           value);
int          pd_pain_entry_get_mood                   (PdPainEntry  *self);
void         pd_pain_entry_set_mood                   (PdPainEntry  *self,
                                                       int           value);
guint64      pd_pain_entry_get_red_flags              (PdPainEntry  *self);
void         pd_pain_entry_set_red_flags              (PdPainEntry  *self,
                                                       guint64       mask);
const char  *pd_pain_entry_get_note                   (PdPainEntry  *self);
void         pd_pain_entry_set_note                   (PdPainEntry  *self,
                                                       const char   *note);

/* Unix seconds; set by the database when the entry is stored. */
gint64       pd_pain_entry_get_created                (PdPainEntry  *self);
gint64       pd_pain_entry_get_updated                (PdPainEntry  *self);
void         pd_pain_entry_set_stamps                 (PdPainEntry  *self,
                                                       gint64        created,
                                                       gint64        updated);

G_END_DECLS
