/* pd-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-keyring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "pd-keyring.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    PD_KEYRING_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "purpose", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

#define PURPOSE "backup-folder"

void
pd_keyring_store_async (const char          *passphrase,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (passphrase != NULL && *passphrase != '\0');

  /* The label is what the keyring's own application (Passwords and Keys) shows. */
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, _("Pain Diary backup folder passphrase"),
                         passphrase, cancellable, callback, user_data, "purpose", PURPOSE, NULL);
}

gboolean
pd_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return secret_password_store_finish (result, error);
}

/* First the lookup, then (when it found nothing) the search, which tells a locked keyring
 * that could not ask for its password (the prompt was dismissed, or there is no display)
 * apart from one without the passphrase: a locked item is there, yet gave no passphrase and
 * no error. The task's data is set once the search runs. */
static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean searched = g_task_get_task_data (task) != NULL;
  GList *items = searched ? secret_password_search_finish (result, &error) : NULL;
  char *passphrase = searched ? NULL : secret_password_lookup_finish (result, &error);

  if (passphrase != NULL)
    g_task_return_pointer (task, passphrase, (GDestroyNotify) secret_password_free);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (items != NULL)
    g_task_return_new_error (task, SECRET_ERROR, SECRET_ERROR_IS_LOCKED, "%s",
                             "The keyring holding the passphrase is locked");
  else if (searched)
    g_task_return_pointer (task, NULL, NULL);
  else
    {
      g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
      secret_password_search (get_schema (), SECRET_SEARCH_ALL, g_task_get_cancellable (task),
                              looked_up_cb, g_object_ref (task), "purpose", PURPOSE, NULL);
    }
  g_list_free_full (items, g_object_unref);
}

void
pd_keyring_lookup_async (GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pd_keyring_lookup_async);
  secret_password_lookup (get_schema (), cancellable, looked_up_cb, task, "purpose", PURPOSE, NULL);
}

char *
pd_keyring_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pd_keyring_clear_async (GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  secret_password_clear (get_schema (), cancellable, callback, user_data, "purpose", PURPOSE, NULL);
}

gboolean
pd_keyring_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Nothing to clear is no failure. */
  if (!secret_password_clear_finish (result, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
pd_keyring_free (char *passphrase)
{
  secret_password_free (passphrase);
}

char *
pd_keyring_explain (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("Your keyring is locked, so the backup passphrase could not be read. "
                       "Unlock it (it opens when you log in, or in Passwords and Keys) and Pain Diary "
                       "tries again."));
  return g_strdup_printf (_("Your keyring could not be reached, so the backup passphrase could not be "
                            "read or saved. Log out and in again; if that does not help, your system "
                            "may have no keyring service. (%s)"),
                          error->message);
}
