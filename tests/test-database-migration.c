/* test-database-migration.c: diaries of older versions: migrated with a backup, a failed
 * step rolled back, or read without an upgrade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-database-migration"

#include "config.h"

#include "database-test-util.h"
#include "pd-day-group.h"
#include "pd-error.h"
#include "pd-tags.h"

/* Migration */

typedef struct
{
  const char *id;
  gint64 at;
  int utc_offset;
  int pain;
  const char *note;
  gint64 created;
  gint64 updated;
  const char *local_date;
} V1Entry;

/* What tests/data/diary-v1.sql holds, newest first. */
static const V1Entry v1_entries[] = {
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c05", 1710556200, -18000, 3, "Hotel bed was good",
    1710556260, 1710556260, "2024-03-15" },
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c04", 1710484200, 3600, 5, "Physio today",
    1710484300, 1710484300, "2024-03-15" },
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c03", 1710456300, 3600, 7, "Long drive, “bad” evening",
    1710456400, 1710460000, "2024-03-14" },
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c02", 1710417900, 3600, 4, "",
    1710417960, 1710417960, "2024-03-14" },
  { "0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c01", 1710400200, 3600, 6, "Stiff on waking",
    1710400230, 1710400230, "2024-03-14" },
};

static void
assert_v1_entries (PdDatabase *db)
{
  g_autoptr(GPtrArray) listed = list_all (db);
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(PdDayGroup) first_day = NULL;

  g_assert_cmpint (count_entries (db), ==, G_N_ELEMENTS (v1_entries));
  g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (v1_entries));

  for (guint i = 0; i < G_N_ELEMENTS (v1_entries); i++)
    {
      const V1Entry *expected = &v1_entries[i];
      PdPainEntry *entry = listed->pdata[i];
      g_autoptr(PdPainEntry) got = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (pd_pain_entry_get_id (entry), ==, expected->id);
      g_assert_cmpint (pd_pain_entry_get_time (entry), ==, expected->at);
      g_assert_cmpint (pd_pain_entry_get_utc_offset (entry), ==, expected->utc_offset);
      g_assert_cmpint (pd_pain_entry_get_pain (entry), ==, expected->pain);
      g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, expected->note);
      g_assert_cmpint (pd_pain_entry_get_created (entry), ==, expected->created);
      g_assert_cmpint (pd_pain_entry_get_updated (entry), ==, expected->updated);
      /* Version 1 knew none of these. */
      assert_optional_items_unset (entry);

      got = pd_database_get_pain_entry (db, expected->id, &error);
      g_assert_no_error (error);
      assert_same_entry (got, entry);
    }

  /* The travelling entry belongs to the local 15th, not the UTC 16th. */
  groups = pd_day_groups_new (listed, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  first_day = g_list_model_get_item (groups, 0);
  g_assert_cmpuint (pd_day_group_get_n_items (first_day), ==, 2);
}

static char *
schema_of (const char *path)
{
  return file_text (path, "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' '"
                          "  || ifnull(sql, ''), char(10))"
                          " FROM (SELECT * FROM sqlite_schema ORDER BY name)");
}

static char *
find_migration_backup (const char *backup_dir)
{
  g_autoptr(GPtrArray) names = list_dir (backup_dir);
  g_autofree char *prefix = g_strdup_printf ("diary-before-v%d-", PD_DATABASE_SCHEMA_VERSION);
  char *found = NULL;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      /* diary-before-v<latest>-YYYYMMDD-HHMMSS.db */
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db") &&
          strlen (name) == strlen (prefix) + 15 + 3)
        {
          g_assert_null (found);
          found = g_build_filename (backup_dir, name, NULL);
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* After a migration from old_version: the diary is at the latest version, the one backup
 * holds the file as it was (its five entries), and the diary has exactly the schema of a new
 * one. */
static void
assert_migrated (Fixture *fixture,
                 int      old_version)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = find_migration_backup (backup_dir);
  g_autofree char *check = file_text (backup, "PRAGMA quick_check");
  g_autofree char *fresh = fixture_file (fixture, "fresh.db");
  g_autofree char *migrated_schema = NULL;
  g_autofree char *fresh_schema = NULL;

  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==,
                   PD_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (file_int (fixture->path, "PRAGMA application_id"), ==,
                   PD_DATABASE_APPLICATION_ID);

  g_assert_cmpuint (file_mode (backup), ==, 0600);
  g_assert_cmpuint (file_mode (backup_dir), ==, 0700);
  g_assert_cmpint (file_int (backup, "PRAGMA user_version"), ==, old_version);
  g_assert_cmpint (file_int (backup, "SELECT count(*) FROM pain_entries"), ==, 5);
  g_assert_cmpstr (check, ==, "ok");

  g_object_unref (open_diary (fresh, PD_DATABASE_NO_BACKUPS));
  migrated_schema = schema_of (fixture->path);
  fresh_schema = schema_of (fresh);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);
}

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = NULL;
  PdDatabase *db;

  load_sql_fixture (fixture->path, "diary-v1.sql");
  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (file_int (fixture->path, "PRAGMA application_id"), ==,
                   PD_DATABASE_APPLICATION_ID);

  /* NO_BACKUPS skips the daily backup, never the one before a migration. */
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  assert_v1_entries (db);
  close_diary (db);
  assert_migrated (fixture, 1);

  for (guint i = 0; i < G_N_ELEMENTS (v1_entries); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT local_date FROM pain_entries"
                                              " WHERE id = '%s'", v1_entries[i].id);
      g_autofree char *local_date = file_text (fixture->path, sql);

      g_assert_cmpstr (local_date, ==, v1_entries[i].local_date);
    }

  /* Opening again migrates nothing and backs nothing up. */
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  assert_v1_entries (db);
  close_diary (db);
  backup = find_migration_backup (backup_dir);
}

static guint32
tag_mask (PdTagKind   kind,
          const char *keys)
{
  g_auto(GStrv) split = g_strsplit (keys, ";", -1);
  guint32 mask = 0;

  for (guint i = 0; split[i] != NULL; i++)
    {
      int index = pd_tag_lookup (kind, split[i]);

      g_assert_cmpint (index, >=, 0);
      mask |= 1u << index;
    }
  return mask;
}

/* What tests/data/diary-v2.sql holds (not deleted), newest first. */
static const char * const v2_ids[] = {
  "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d05",
  "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d04",
  "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d02",
  "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d01",
};
#define V2_DELETED_ID "6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d03"

static void
assert_v2_diary (PdDatabase *db)
{
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(PdDayGroup) last_day = NULL;
  g_autofree char *name = pd_database_get_meta (db, "patient_name");
  g_autofree char *surgery = pd_database_get_meta (db, "surgery_date");
  PdPainEntry *entry;

  g_assert_cmpstr (name, ==, "Sam Example");
  g_assert_cmpstr (surgery, ==, "2024-11-20");

  data = load_diary (db);
  g_assert_cmpuint (data->pain_entries->len, ==, G_N_ELEMENTS (v2_ids));
  for (guint i = 0; i < G_N_ELEMENTS (v2_ids); i++)
    g_assert_cmpstr (pd_pain_entry_get_id (data->pain_entries->pdata[i]), ==, v2_ids[i]);
  /* Nothing of the new kinds yet. */
  g_assert_cmpuint (data->medications->len, ==, 0);
  g_assert_cmpuint (data->doses->len, ==, 0);
  g_assert_cmpuint (data->activities->len, ==, 0);
  g_assert_cmpuint (data->events->len, ==, 0);

  /* Every field of version 2 survives. */
  entry = data->pain_entries->pdata[3];
  g_assert_cmpint (pd_pain_entry_get_time (entry), ==, 1746512100);
  g_assert_cmpint (pd_pain_entry_get_utc_offset (entry), ==, 7200);
  g_assert_cmpint (pd_pain_entry_get_pain (entry), ==, 6);
  g_assert_cmpint (pd_pain_entry_get_enjoyment_interference (entry), ==, 5);
  g_assert_cmpint (pd_pain_entry_get_activity_interference (entry), ==, 6);
  g_assert_cmpuint (pd_pain_entry_get_locations (entry), ==,
                    tag_mask (PD_TAG_LOCATION, "low_back;buttock_left"));
  g_assert_cmpuint (pd_pain_entry_get_qualities (entry), ==,
                    tag_mask (PD_TAG_QUALITY, "aching;stiffness"));
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), ==, 6.5);
  g_assert_cmpint (pd_pain_entry_get_sleep_quality (entry), ==, 5);
  g_assert_cmpint (pd_pain_entry_get_mood (entry), ==, 6);
  g_assert_cmpuint (pd_pain_entry_get_red_flags (entry), ==, 0);
  g_assert_cmpstr (pd_pain_entry_get_note (entry), ==, "Stiff on waking");
  g_assert_cmpint (pd_pain_entry_get_created (entry), ==, 1746512160);
  g_assert_cmpint (pd_pain_entry_get_updated (entry), ==, 1746512160);

  entry = data->pain_entries->pdata[2];
  g_assert_cmpint (pd_pain_entry_get_enjoyment_interference (entry), ==, PD_UNSET);
  g_assert_cmpfloat (pd_pain_entry_get_sleep_hours (entry), <, 0);
  g_assert_cmpuint (pd_pain_entry_get_red_flags (entry), ==,
                    tag_mask (PD_TAG_RED_FLAG, "leg_weakness"));
  g_assert_cmpuint (pd_pain_entry_get_qualities (entry), ==,
                    tag_mask (PD_TAG_QUALITY, "burning;electric"));
  g_assert_cmpint (pd_pain_entry_get_updated (entry), ==, 1746552000);

  /* The travelling entry belongs to the local 7th, not the UTC 8th. */
  groups = pd_day_groups_new (data->pain_entries, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  last_day = g_list_model_get_item (groups, 0);
  g_assert_cmpuint (pd_day_group_get_n_items (last_day), ==, 2);
}

static void
test_migrate_v2 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = NULL;
  g_autoptr(PdMedication) medication = pd_medication_new_from_catalogue ("ibuprofen");
  g_autoptr(PdDose) dose = pd_dose_new ();
  g_autoptr(GError) error = NULL;
  PdDatabase *db;

  load_sql_fixture (fixture->path, "diary-v2.sql");
  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==, 2);

  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  assert_v2_diary (db);

  /* Deleted before the migration, still undoable after it. */
  g_assert_true (pd_database_restore_pain_entry (db, V2_DELETED_ID, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_entries (db), ==, 5);
  g_assert_true (pd_database_delete_pain_entry (db, V2_DELETED_ID, &error));
  g_assert_no_error (error);
  close_diary (db);
  assert_migrated (fixture, 2);
  backup = find_migration_backup (backup_dir);
  g_assert_cmpint (file_int (backup, "SELECT count(*) FROM sqlite_schema"
                                     " WHERE name = 'medications'"), ==, 0);

  /* The new tables work, foreign key included. */
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  assert_v2_diary (db);
  g_assert_true (pd_database_save_medication (db, medication, &error));
  g_assert_no_error (error);
  pd_dose_set_medication_id (dose, pd_medication_get_id (medication));
  pd_dose_set_name (dose, "Ibuprofen");
  pd_dose_set_amount (dose, 400);
  pd_dose_set_unit (dose, "mg");
  g_assert_true (pd_database_save_dose (db, dose, &error));
  g_assert_no_error (error);
  close_diary (db);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM doses"), ==, 1);

  /* Opening again migrates nothing and backs nothing up. */
  db = open_diary (fixture->path, PD_DATABASE_NO_BACKUPS);
  close_diary (db);
  g_clear_pointer (&backup, g_free);
  backup = find_migration_backup (backup_dir);
}

/* A migration that fails: what the old file held and what the step runs into. */
typedef struct
{
  const char *sql;            /* tests/data/<sql>: the old diary */
  int version;                /* its version */
  const char *in_the_way;     /* run on it before it is opened */
  int code;                   /* the error opening gives */
  const char *message_names;  /* NULL, or what its message names */
  int entries;                /* the pain entries it holds then */
  const char *not_created;    /* the tables the failed step would have created */
} FailedMigration;

/* Version 1 did not check ranges; version 2 refuses this row. */
static const FailedMigration out_of_range_v1 = {
  "diary-v1.sql", 1,
  "INSERT INTO pain_entries VALUES ('0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c06',"
  " 1710500000, 3600, 11, '', 1710500000, 1710500000)",
  PD_ERROR_INVALID, NULL, 6, "'meta'",
};

/* Something of the user's own in the way of the step's last table: the whole step, the
 * tables it created before, and the version stay as they were. */
static const FailedMigration table_in_the_way_v2 = {
  "diary-v2.sql", 2, "CREATE TABLE events (what TEXT)",
  PD_ERROR_FAILED, "events", 5, "'medications', 'doses'",
};

static void
test_migrate_failure_rolls_back (Fixture       *fixture,
                                 gconstpointer  data)
{
  const FailedMigration *failed = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  g_autofree char *backup = NULL;
  g_autofree char *created = g_strdup_printf ("SELECT count(*) FROM sqlite_schema"
                                              " WHERE name IN (%s)", failed->not_created);
  sqlite3 *raw;

  load_sql_fixture (fixture->path, failed->sql);
  raw = raw_open (fixture->path, FALSE);
  raw_exec (raw, failed->in_the_way);
  sqlite3_close (raw);

  g_assert_null (pd_database_open (fixture->path, PD_DATABASE_NO_BACKUPS, &error));
  g_assert_error (error, PD_ERROR, failed->code);
  if (failed->message_names != NULL)
    g_assert_nonnull (strstr (error->message, failed->message_names));

  g_assert_cmpint (file_int (fixture->path, "PRAGMA user_version"), ==, failed->version);
  g_assert_cmpint (file_int (fixture->path, "SELECT count(*) FROM pain_entries"), ==,
                   failed->entries);
  g_assert_cmpint (file_int (fixture->path, created), ==, 0);
  backup = find_migration_backup (backup_dir);
  g_assert_cmpint (file_int (backup, "PRAGMA user_version"), ==, failed->version);
}

/* An old diary and what it holds. */
typedef struct
{
  const char *sql;                        /* tests/data/<sql> */
  void      (*assert_diary) (PdDatabase *db);
} OldDiary;

static const OldDiary diary_v1 = { "diary-v1.sql", assert_v1_entries };
static const OldDiary diary_v2 = { "diary-v2.sql", assert_v2_diary };

/* A clinician can review an old diary without upgrading it: it is migrated in memory only,
 * nothing can be saved, and the file stays as it was, without siblings or backups. */
static void
test_read_only_old (Fixture       *fixture,
                    gconstpointer  data)
{
  const OldDiary *old = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPainEntry) entry = new_entry (1760000000, 7200, 4, NULL);
  g_autoptr(PdActivity) activity = pd_activity_new ();
  g_autofree char *backup_dir = pd_database_get_backup_dir (fixture->path);
  Snapshot before;
  PdDatabase *db;

  load_sql_fixture (fixture->path, old->sql);
  before = take_snapshot (fixture->path);

  db = open_diary (fixture->path, PD_DATABASE_READ_ONLY);
  g_assert_true (pd_database_is_read_only (db));
  old->assert_diary (db);
  g_assert_false (pd_database_save_pain_entry (db, entry, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  g_clear_error (&error);
  pd_activity_set_name (activity, "Walking");
  g_assert_false (pd_database_save_activity (db, activity, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_READ_ONLY);
  close_diary (db);

  assert_unchanged (fixture->path, &before);
  assert_no_sqlite_siblings (fixture->path);
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  static const FixtureTest tests[] = {
    { "/database/migrate-v1", test_migrate_v1 },
    { "/database/migrate-failure-rolls-back", test_migrate_failure_rolls_back, &out_of_range_v1 },
    { "/database/migrate-v2", test_migrate_v2 },
    { "/database/migrate-v2-failure-rolls-back", test_migrate_failure_rolls_back,
      &table_in_the_way_v2 },
    { "/database/read-only-v2", test_read_only_old, &diary_v2 },
    { "/database/read-only-old-schema", test_read_only_old, &diary_v1 },
  };

  return run_fixture_tests (&argc, &argv, fixture_set_up, tests, G_N_ELEMENTS (tests));
}
