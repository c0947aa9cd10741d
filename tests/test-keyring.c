/* test-keyring.c: the backup folder's passphrase in a real Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by test-keyring.sh inside its own session bus with gnome-keyring-daemon: the
 * passphrase is stored, found, replaced and cleared through libsecret's asynchronous API, the
 * daily backup takes it from there, and it is not readable in the keyring's files.
 */

#define _GNU_SOURCE  /* memmem */
#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "pd-backup.h"
#include "pd-backup-folder.h"
#include "pd-keyring.h"
#include "test-util.h"

static void
store (const char *passphrase)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pd_keyring_store_async (passphrase, NULL, store_result_cb, &result);
  g_assert_true (pd_keyring_store_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  char *passphrase;
  char *copy;

  pd_keyring_lookup_async (NULL, store_result_cb, &result);
  passphrase = pd_keyring_lookup_finish (wait_for_result (&result), error);
  copy = g_strdup (passphrase);
  pd_keyring_free (passphrase);
  return copy;
}

static void
clear (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pd_keyring_clear_async (NULL, store_result_cb, &result);
  g_assert_true (pd_keyring_clear_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
}

/* The items of our schema (by its name, which libsecret stores as xdg:schema). */
static guint
count_items (void)
{
  static const SecretSchema schema = {
    PD_KEYRING_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    { { "purpose", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (&schema, SECRET_SEARCH_ALL, NULL, &error,
                                              "purpose", "backup-folder", NULL);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

/* No file under the keyring's data folder holds the passphrase in clear. */
static void
assert_not_on_disk (const char *folder,
                    const char *passphrase)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_not_on_disk (path, passphrase);
          continue;
        }
      if (g_file_get_contents (path, &contents, &length, NULL))
        g_assert_null (memmem (contents, length, passphrase, strlen (passphrase)));
    }
}

static void
test_store_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *keyrings = g_build_filename (g_get_user_data_dir (), "keyrings", NULL);

  /* Nothing stored: no passphrase, and no error. */
  found = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (found);

  store ("first sunny morning");
  found = lookup (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "first sunny morning");
  g_clear_pointer (&found, g_free);
  g_assert_cmpuint (count_items (), ==, 1);

  /* Stored again: replaced, not a second item. */
  store ("second rainy evening");
  found = lookup (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "second rainy evening");
  g_clear_pointer (&found, g_free);
  g_assert_cmpuint (count_items (), ==, 1);

  /* The keyring wrote its file (the login keyring, encrypted): the words are not in it. */
  g_assert_true (g_file_test (keyrings, G_FILE_TEST_IS_DIR));
  assert_not_on_disk (keyrings, "second rainy evening");

  clear ();
  found = lookup (&error);
  g_assert_no_error (error);
  g_assert_null (found);
  g_assert_cmpuint (count_items (), ==, 0);
  /* Clearing what is not there is no failure. */
  clear ();
}

typedef struct
{
  GMainLoop *loop;
} Waiter;

static void
changed_cb (PdBackupFolder *folder,
            Waiter         *waiter)
{
  if (!pd_backup_folder_get_busy (folder))
    g_main_loop_quit (waiter->loop);
}

/* The daily backup takes the passphrase from the keyring; without one it says so. */
static void
test_daily_from_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ("pd-keyring-XXXXXX");
  g_autofree char *diary = g_build_filename (dir, "diary.db", NULL);
  g_autofree char *sync = g_build_filename (dir, "Syncthing", NULL);
  g_autofree char *restored = g_build_filename (dir, "restored.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "diary-%Y-%m-%d" PD_BACKUP_SUFFIX);
  g_autofree char *written = g_build_filename (sync, name, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(PdDatabase) db = NULL;
  Waiter waiter = { loop };

  g_assert_cmpint (g_mkdir (sync, 0700), ==, 0);
  db = pd_database_open (diary, PD_DATABASE_NO_BACKUPS, &error);
  g_assert_no_error (error);

  /* No passphrase in the keyring: the folder is set, nothing is written, and why is said. */
  {
    g_autoptr(PdBackupFolder) folder = pd_backup_folder_new (db);

    g_signal_connect (folder, "changed", G_CALLBACK (changed_cb), &waiter);
    pd_backup_folder_set_folder (folder, sync);
    g_assert_true (pd_backup_folder_get_busy (folder));
    g_main_loop_run (loop);
    while (pd_backup_folder_get_busy (folder))
      g_main_loop_run (loop);
    g_assert_nonnull (pd_backup_folder_get_problem (folder));
    g_assert_nonnull (strstr (pd_backup_folder_get_problem (folder), "No passphrase"));
    g_assert_null (pd_backup_folder_get_last_written (folder));
    g_assert_false (g_file_test (written, G_FILE_TEST_EXISTS));
  }

  store ("backup words from the keyring");
  {
    g_autoptr(PdBackupFolder) folder = pd_backup_folder_new (db);

    g_signal_connect (folder, "changed", G_CALLBACK (changed_cb), &waiter);
    pd_backup_folder_set_folder (folder, sync);
    g_main_loop_run (loop);
    while (pd_backup_folder_get_busy (folder))
      g_main_loop_run (loop);
    g_assert_null (pd_backup_folder_get_problem (folder));
    g_assert_nonnull (pd_backup_folder_get_last_written (folder));
    g_assert_true (g_file_test (written, G_FILE_TEST_EXISTS));
    /* Once a day: asked again, it does not even look. */
    pd_backup_folder_run (folder);
    g_assert_false (pd_backup_folder_get_busy (folder));
  }
  g_assert_true (pd_backup_decrypt (written, "backup words from the keyring", restored, &error));
  g_assert_no_error (error);

  /* A new day's run after the passphrase was changed uses the new one. */
  g_remove (written);
  store ("changed words");
  {
    g_autoptr(PdBackupFolder) folder = pd_backup_folder_new (db);

    g_signal_connect (folder, "changed", G_CALLBACK (changed_cb), &waiter);
    pd_backup_folder_set_folder (folder, sync);
    while (pd_backup_folder_get_busy (folder))
      g_main_loop_run (loop);
    g_assert_null (pd_backup_folder_get_problem (folder));
  }
  g_remove (restored);
  g_assert_true (pd_backup_decrypt (written, "changed words", restored, &error));
  g_assert_no_error (error);
  clear ();
  g_clear_object (&db);
  remove_tree (dir);
}

/* A locked keyring (no display to ask for its password on): the lookup fails, and the
 * patient is told the keyring is locked, not that no passphrase was set. */
static void
test_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autofree char *found = NULL;
  g_autofree char *explained = NULL;
  GList *objects;

  store ("words behind a lock");
  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_list_free (objects);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));

  found = lookup (&error);
  g_assert_null (found);
  g_assert_error (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED);
  explained = pd_keyring_explain (error);
  g_assert_nonnull (strstr (explained, "Your keyring is locked"));
  g_assert_nonnull (strstr (explained, "Unlock it"));
  g_clear_error (&error);
  /* (gnome-keyring unlocks only through its prompt: this test comes last.) */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/keyring/store-lookup", test_store_lookup);
  g_test_add_func ("/keyring/daily-from-keyring", test_daily_from_keyring);
  g_test_add_func ("/keyring/locked", test_locked);
  return g_test_run ();
}
