/* pd-impression.h: one Patient Global Impression of Change (1 very much improved ... 7 very much worse)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_IMPRESSION (pd_impression_get_type ())

G_DECLARE_FINAL_TYPE (PdImpression, pd_impression, PD, IMPRESSION, GObject)

PdImpression *pd_impression_new         (void);
PdImpression *pd_impression_copy        (PdImpression  *self);
/* A score 1-7; event_id, when set, a UUID. */
gboolean pd_impression_validate    (PdImpression  *self,
                              GError  **error);

const char *pd_impression_get_id   (PdImpression  *self);
void        pd_impression_set_id   (PdImpression  *self,
                              const char *id);
gint64      pd_impression_get_time       (PdImpression  *self);
int         pd_impression_get_utc_offset (PdImpression  *self);
void        pd_impression_set_time       (PdImpression  *self,
                                    gint64    unix_time,
                                    int       utc_offset);
guint32     pd_impression_get_local_day  (PdImpression  *self);
const char *pd_impression_get_event_id (PdImpression *self);
void        pd_impression_set_event_id (PdImpression *self,
                                        const char *event_id);
int         pd_impression_get_score (PdImpression *self);
void        pd_impression_set_score (PdImpression *self,
                                     int score);
const char *pd_impression_get_note (PdImpression *self);
void        pd_impression_set_note (PdImpression *self,
                                    const char *note);

gint64      pd_impression_get_created (PdImpression *self);
gint64      pd_impression_get_updated (PdImpression *self);
void        pd_impression_set_stamps  (PdImpression *self,
                                 gint64   created,
                                 gint64   updated);

G_END_DECLS
