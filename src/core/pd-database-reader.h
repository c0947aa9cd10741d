/* pd-database-reader.h: a second connection to a diary, for loads beside the writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* Opens another, read-only connection to writer's file. In WAL mode its reads do not wait
 * for the writer's transactions nor they for its reads, so a long load on the reader never
 * holds up a save. The checks of pd_database_open() are not repeated: writer made them.
 * Fails with PD_ERROR_FAILED for a diary without a file (pd_database_new_in_memory) or a
 * private copy (a snapshot); use writer itself then. */
PdDatabase *pd_database_open_reader (PdDatabase  *writer,
                                     GError     **error);

G_END_DECLS
