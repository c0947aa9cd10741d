/* pd-day-group.h: a local day's pain entries and their aggregates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-pain-entry.h"

G_BEGIN_DECLS

#define PD_TYPE_DAY_GROUP (pd_day_group_get_type ())

G_DECLARE_FINAL_TYPE (PdDayGroup, pd_day_group, PD, DAY_GROUP, GObject)

guint32      pd_day_group_get_day     (PdDayGroup  *self);  /* Julian day */
GDate       *pd_day_group_dup_date    (PdDayGroup  *self);
guint        pd_day_group_get_n_items (PdDayGroup  *self);
/* Transfer none: the group keeps the entry. */
PdPainEntry *pd_day_group_get_item    (PdDayGroup  *self,
                                       guint        position);
double       pd_day_group_get_mean    (PdDayGroup  *self);
int          pd_day_group_get_min     (PdDayGroup  *self);
int          pd_day_group_get_max     (PdDayGroup  *self);

/* Groups entries (any order) by local day, newest day first and newest entry first
 * within a day. With a non-empty search, keeps only entries whose note contains it
 * (case-insensitive); days left empty are dropped. Returns a GListModel of PdDayGroup. */
GListModel  *pd_day_groups_new        (GPtrArray   *entries,
                                       const char  *search);

G_END_DECLS
