/* pd-time-row.h: a row showing when something happened ("Now", "Today at 08:30"),
 * with a popover to change it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_TIME_ROW (pd_time_row_get_type ())

G_DECLARE_FINAL_TYPE (PdTimeRow, pd_time_row, PD, TIME_ROW, AdwActionRow)

GtkWidget *pd_time_row_new             (void);
/* NULL: "now" (the moment of saving). */
GDateTime *pd_time_row_get_time        (PdTimeRow *self);
void       pd_time_row_set_time        (PdTimeRow *self,
                                        GDateTime *time);
/* A saved record's time (Unix seconds), shown in the local time zone of this computer; the
 * record keeps its own UTC offset unless the time is changed. */
void       pd_time_row_set_record_time (PdTimeRow *self,
                                        gint64     time);
/* The chosen time, or the present moment when none was chosen. */
GDateTime *pd_time_row_dup_time_or_now (PdTimeRow *self);
/* The time to store for a record whose time is now `current` (Unix seconds): NULL when
 * it is unchanged (an edited record keeps its own UTC offset), else the chosen time, or
 * the present moment for a new record left at "Now". */
GDateTime *pd_time_row_dup_changed_time (PdTimeRow *self,
                                         gint64     current,
                                         gboolean   is_new);
/* Appointments may lie ahead; diary records may not. Default FALSE. */
void       pd_time_row_set_allow_future (PdTimeRow *self,
                                         gboolean   allow);

G_END_DECLS
