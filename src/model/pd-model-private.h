/* pd-model-private.h: what the files of src/model share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"
#include "pd-day-group.h"
#include "pd-diary-day.h"
#include "pd-object-list.h"

G_BEGIN_DECLS

/* FALSE for an object that is no diary record. */
gboolean    _pd_record_get_kind        (gpointer       record,
                                        PdRecordKind  *kind);
const char *_pd_record_get_id          (gpointer       record);
/* The local day; 0 for a medication. */
guint32     _pd_record_get_day         (gpointer       record);
/* The regimen's order: by name ignoring case, then by id. */
int         _pd_medication_compare     (gconstpointer  a,
                                        gconstpointer  b,
                                        gpointer       unused);
/* Newest day first. */
int         _pd_day_compare            (gconstpointer  a,
                                        gconstpointer  b,
                                        gpointer       unused);

/* records: of that day, sorted by pd_record_compare; the day takes them. */
PdDiaryDay *_pd_diary_day_new          (guint32        day,
                                        GPtrArray     *records);
PdObjectList *_pd_diary_day_get_list   (PdDiaryDay    *self);
/* Insert or remove one record, emitting items-changed on the records and notify on the
 * figures that changed. */
void        _pd_diary_day_add          (PdDiaryDay    *self,
                                        GObject       *record);
gboolean    _pd_diary_day_remove       (PdDiaryDay    *self,
                                        GObject       *record);

G_END_DECLS
