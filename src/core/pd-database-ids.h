/* pd-database-ids.h: every record id a diary holds (CSV import's duplicate check)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* The ids of every record of every kind, deleted ones included, as a set of strings
 * (g_hash_table_contains). An import must not revive or overwrite a record the patient
 * deleted, so deleted ids count as present. */
GHashTable *pd_database_dup_record_ids (PdDatabase  *self,
                                        GError     **error);

G_END_DECLS
