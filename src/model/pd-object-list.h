/* pd-object-list.h: a sorted GListModel over an array, for the diary model's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PD_TYPE_OBJECT_LIST (pd_object_list_get_type ())

G_DECLARE_FINAL_TYPE (PdObjectList, pd_object_list, PD, OBJECT_LIST, GObject)

/* compare must be a total order (ties broken by the record's id), so that an item is found
 * by binary search on its own key. Items must not change their key while in the list. */
PdObjectList *pd_object_list_new           (GType             item_type,
                                            GCompareDataFunc  compare,
                                            gpointer          compare_data);
/* The same, holding items (sorted, owning their references) from the start: nothing is
 * emitted, so a thread may build it. */
PdObjectList *pd_object_list_new_take      (GType             item_type,
                                            GCompareDataFunc  compare,
                                            gpointer          compare_data,
                                            GPtrArray        *items);
/* Transfer none. */
gpointer      pd_object_list_peek          (PdObjectList     *self,
                                            guint             position);
/* The items in order (transfer none; do not change it). */
GPtrArray    *pd_object_list_get_array     (PdObjectList     *self);
/* Inserts in order (adding a reference) and emits items-changed; returns the position. */
guint         pd_object_list_insert_sorted (PdObjectList     *self,
                                            gpointer          item);
/* Finds this very item by its key. */
gboolean      pd_object_list_find          (PdObjectList     *self,
                                            gpointer          item,
                                            guint            *position);
void          pd_object_list_remove        (PdObjectList     *self,
                                            guint             position);
/* Tells the list's observers that the item at position changed (a day's records). */
void          pd_object_list_item_changed  (PdObjectList     *self,
                                            guint             position);
/* Takes items (sorted, owning their references) in place of the list's, emits one
 * items-changed and returns the previous array, for the caller to free where it likes. */
GPtrArray    *pd_object_list_swap          (PdObjectList     *self,
                                            GPtrArray        *items);

G_END_DECLS
