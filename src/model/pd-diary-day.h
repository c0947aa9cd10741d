/* pd-diary-day.h: one local day of the diary model, with its records and pain figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PD_TYPE_DIARY_DAY (pd_diary_day_get_type ())

G_DECLARE_FINAL_TYPE (PdDiaryDay, pd_diary_day, PD, DIARY_DAY, GObject)

/* The local date as a Julian day number (g_date_get_julian). */
guint32     pd_diary_day_get_day       (PdDiaryDay *self);
GDate      *pd_diary_day_dup_date      (PdDiaryDay *self);
/* The day's records of every kind (PdPainEntry, PdDose, PdActivity, PdEvent), newest first;
 * the same objects as in the model's other lists. Transfer none. */
GListModel *pd_diary_day_get_records   (PdDiaryDay *self);
/* The pain figures describe the day's pain entries: with none, mean is 0 and min and max
 * are -1. They change with the records; "notify" tells. */
guint       pd_diary_day_get_n_entries (PdDiaryDay *self);
double      pd_diary_day_get_mean      (PdDiaryDay *self);
int         pd_diary_day_get_min       (PdDiaryDay *self);
int         pd_diary_day_get_max       (PdDiaryDay *self);

G_END_DECLS
