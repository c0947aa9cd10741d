/* pd-database-private.h: for the other modules of src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* Groups several writes into one all-or-nothing transaction. Between begin and
 * commit/rollback the calling thread holds the connection: other threads wait. Writes
 * inside (save_pain_entries, set_meta, ...) join the transaction; nesting is allowed. */
gboolean pd_database_begin    (PdDatabase  *self,
                               GError     **error);
/* Rolls back when the commit fails. */
gboolean pd_database_commit   (PdDatabase  *self,
                               GError     **error);
void     pd_database_rollback (PdDatabase  *self);

G_END_DECLS
