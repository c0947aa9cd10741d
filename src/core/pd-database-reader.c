/* pd-database-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-database-private.h"
#include "pd-database-reader.h"
#include "pd-error.h"

PdDatabase *
pd_database_open_reader (PdDatabase  *writer,
                         GError     **error)
{
  g_autoptr(PdDatabase) self = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (writer), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PD_TYPE_DATABASE, NULL);
  self->path = g_strdup (writer->path);
  self->display_name = g_strdup (writer->display_name);
  self->read_only = TRUE;
  {
    g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&writer->mutex);

    /* NULL for a diary without a file: an in-memory one, or a migrated copy. */
    self->db = writer->db != NULL ? _pd_database_open_reader (writer) : NULL;
  }
  if (self->db != NULL)
    _pd_database_count_file (self);
  if (self->db == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("“%s” cannot be read on a second connection"), self->display_name);
      return NULL;
    }

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  rc = sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _pd_database_set_error (self, error, rc, _("Could not open “%s”"), self->display_name);
      return NULL;
    }
  return g_steal_pointer (&self);
}
