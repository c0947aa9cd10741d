/* pd-history-list.h: the diary model's days as one list of headings and records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PD_TYPE_HISTORY_LIST (pd_history_list_get_type ())

G_DECLARE_FINAL_TYPE (PdHistoryList, pd_history_list, PD, HISTORY_LIST, GObject)

/* Over days (a GListModel of PdDiaryDay, newest first): each day with records is its
 * PdDiaryDay (the heading) followed by its records. Nothing is copied: a change to one
 * day changes that day's items only. */
PdHistoryList *pd_history_list_new (GListModel *days);

G_END_DECLS
