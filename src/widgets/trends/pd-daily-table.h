/* pd-daily-table.h: the chart's daily values as a table (one row per day, the columns of the
 * daily summary CSV), for the keyboard and screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-daily.h"

G_BEGIN_DECLS

#define PD_TYPE_DAILY_TABLE (pd_daily_table_get_type ())

G_DECLARE_FINAL_TYPE (PdDailyTable, pd_daily_table, PD, DAILY_TABLE, AdwBin)

GtkWidget *pd_daily_table_new       (void);
/* Shows first..last of series, newest day first; series NULL empties the table. */
void       pd_daily_table_set_range (PdDailyTable  *self,
                                     PdDailySeries *series,
                                     guint32        first,
                                     guint32        last);

G_END_DECLS
