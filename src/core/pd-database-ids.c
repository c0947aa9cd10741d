/* pd-database-ids.c: every record id a diary holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include "pd-database-ids.h"
#include "pd-database-private.h"

static const char record_ids_sql[] =
  "SELECT id FROM pain_entries UNION ALL SELECT id FROM medications"
  " UNION ALL SELECT id FROM doses UNION ALL SELECT id FROM activities"
  " UNION ALL SELECT id FROM events UNION ALL SELECT id FROM function_ratings"
  " UNION ALL SELECT id FROM impressions";

GHashTable *
pd_database_dup_record_ids (PdDatabase  *self,
                            GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  g_autoptr(GHashTable) ids = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = _pd_database_lookup_stmt (self, record_ids_sql, error);
  if (stmt == NULL)
    return NULL;

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _pd_database_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
