/* pd-database.h: one diary file (SQLite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-activity.h"
#include "pd-dose.h"
#include "pd-event.h"
#include "pd-medication.h"
#include "pd-pain-entry.h"

G_BEGIN_DECLS

/* PRAGMA application_id of every diary file: "PdDy". */
#define PD_DATABASE_APPLICATION_ID 0x50644479
/* PRAGMA user_version this program writes. */
#define PD_DATABASE_SCHEMA_VERSION 6
#define PD_DATABASE_BACKUPS_KEPT   7

typedef enum
{
  PD_DATABASE_FLAGS_NONE = 0,
  PD_DATABASE_READ_ONLY  = 1 << 0,  /* opened with SQLITE_OPEN_READONLY; every write fails */
  PD_DATABASE_NO_BACKUPS = 1 << 1,  /* no daily backup on open (tests, benchmarks, --demo) */
  /* Read-only, on a private copy in memory taken without writing anything into or beside
   * the file (not even a -shm file): someone else's diary under review. */
  PD_DATABASE_SNAPSHOT   = 1 << 2,
  /* With PD_DATABASE_READ_ONLY: the quick check of the file runs in a thread while the
   * caller reads; pd_database_finish_check() gives its verdict. Nothing read may be shown
   * or written anywhere before that verdict (the command line's exports use this). */
  PD_DATABASE_CHECK_LATER = 1 << 3,
} PdDatabaseFlags;

#define PD_TYPE_DATABASE (pd_database_get_type ())

G_DECLARE_FINAL_TYPE (PdDatabase, pd_database, PD, DATABASE, GObject)

char        *pd_database_get_default_path          (void);
/* The folder of a diary's backups: "backups" beside the diary file. */
char        *pd_database_get_backup_dir            (const char       *diary_path);
/* The newest backup of diary_path that passes PRAGMA quick_check, or NULL. */
char        *pd_database_find_newest_good_backup   (const char       *diary_path);
/* Removes the regular files of dir_path whose names start with prefix and end with suffix
 * and that nothing has written to for 10 minutes: what a kill left of work in a temporary
 * file (a creation, a backup, a restore) that no later work reuses. */
void         pd_remove_stale_temporaries           (const char       *dir_path,
                                                    const char       *prefix,
                                                    const char       *suffix);
/* The name prefix ".<name>.<kind>-" of the temporaries that work on the file path (kind:
 * "new", "restore", "part") makes beside it, hidden and never a name of the user's; the
 * stale ones a killed run left with that prefix are removed first. *dir_path: path's folder
 * (free both). */
char        *pd_sweep_temporaries_beside           (const char       *path,
                                                    const char       *kind,
                                                    char            **dir_path);
/* Removes the diary file path with the -wal, -shm and -journal SQLite keeps beside it; what
 * is not there is no error. */
void         pd_remove_diary_file                  (const char       *path);
/* Syncs the folder dir_path after a rename in it, so that the new name survives a power cut;
 * best effort: a folder that cannot be synced is left as it is. */
void         pd_sync_folder                        (const char       *dir_path);
/* The file behind a diary's path: path itself, or where its symbolic link points (SQLite
 * keeps the -wal and -shm there, and a restore replaces that file); NULL with a PD_ERROR_IO
 * error that says so for a link to nothing. */
char        *pd_database_real_file                 (const char       *path,
                                                    GError          **error);
/* Puts a copy of the backup at backup_path in place of the diary at path, which is kept,
 * never written to, as "<path>.damaged-<date>-<time>" with its -wal, -shm and -journal
 * (*kept_path: that name, or NULL when there was no diary). A kill at any moment leaves the
 * old diary or the restored one at path, whole. A diary reached through a symbolic link is
 * restored in the file it points to. FALSE with error: nothing was replaced. */
gboolean     pd_database_restore_file              (const char       *path,
                                                    const char       *backup_path,
                                                    char            **kept_path,
                                                    GError          **error);

PdDatabase  *pd_database_open                      (const char       *path,
                                                    PdDatabaseFlags   flags,
                                                    GError          **error);
/* A new, empty diary in memory, gone with the object; name stands for it in messages and
 * as its path. */
PdDatabase  *pd_database_new_in_memory             (const char       *name,
                                                    GError          **error);
/* From now on every write fails with PD_ERROR_READ_ONLY; there is no way back. */
void         pd_database_make_read_only            (PdDatabase       *self);
/* Closes the diary's file now (once the call that holds it is done), whoever still holds the
 * object: its write-ahead log is folded in and removed when no other connection is open.
 * Every later call fails with PD_ERROR_FAILED; there is no way back. Its owner (the diary
 * model) calls it when it goes, so that a reference left in a dialog or a service does not
 * keep the file open. */
void         pd_database_close                     (PdDatabase       *self);
/* How many connections to diary files this process has open, in any thread (a diary being
 * opened included): what the application waits for before it quits. */
guint        pd_database_count_open_files          (void);
const char  *pd_database_get_path                  (PdDatabase       *self);
/* Waits for the quick check of PD_DATABASE_CHECK_LATER: FALSE with PD_ERROR_DAMAGED (or the
 * error that stopped it) when the file is not sound. TRUE at once without that flag. */
gboolean     pd_database_finish_check              (PdDatabase       *self,
                                                    GError          **error);
gboolean     pd_database_is_read_only              (PdDatabase       *self);

/* Inserts the entry, or updates the entry with the same id (un-deleting it). Validates
 * first; sets the entry's created and updated stamps. One fsync'd transaction. */
gboolean     pd_database_save_pain_entry           (PdDatabase       *self,
                                                    PdPainEntry      *entry,
                                                    GError          **error);
/* All or nothing, in one transaction. */
gboolean     pd_database_save_pain_entries         (PdDatabase       *self,
                                                    GPtrArray        *entries,
                                                    GError          **error);
/* Marks the entry deleted; pd_database_restore_pain_entry() undoes that. */
gboolean     pd_database_delete_pain_entry         (PdDatabase       *self,
                                                    const char       *id,
                                                    GError          **error);
gboolean     pd_database_restore_pain_entry        (PdDatabase       *self,
                                                    const char       *id,
                                                    GError          **error);
/* NULL with PD_ERROR_NOT_FOUND when absent or deleted. */
PdPainEntry *pd_database_get_pain_entry            (PdDatabase       *self,
                                                    const char       *id,
                                                    GError          **error);
/* Entries (not deleted) with from <= time < to (Unix seconds), newest first.
 * Returns a GPtrArray of PdPainEntry, owning them. */
GPtrArray   *pd_database_list_pain_entries         (PdDatabase       *self,
                                                    gint64            from,
                                                    gint64            to,
                                                    GError          **error);
void         pd_database_list_pain_entries_async   (PdDatabase       *self,
                                                    gint64            from,
                                                    gint64            to,
                                                    GCancellable     *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer          user_data);
GPtrArray   *pd_database_list_pain_entries_finish  (PdDatabase       *self,
                                                    GAsyncResult     *result,
                                                    GError          **error);
gint64       pd_database_count_pain_entries        (PdDatabase       *self,
                                                    GError          **error);

/* The kinds of record a diary holds. Every kind has a UUID, created/updated stamps and
 * soft deletion (undoable). */
typedef enum
{
  PD_RECORD_PAIN,
  PD_RECORD_MEDICATION,
  PD_RECORD_DOSE,
  PD_RECORD_ACTIVITY,
  PD_RECORD_EVENT,
} PdRecordKind;

/* Marks any record deleted; restore undoes that. PD_ERROR_NOT_FOUND for an unknown id. */
gboolean     pd_database_delete_record             (PdDatabase       *self,
                                                    PdRecordKind      kind,
                                                    const char       *id,
                                                    GError          **error);
gboolean     pd_database_restore_record            (PdDatabase       *self,
                                                    PdRecordKind      kind,
                                                    const char       *id,
                                                    GError          **error);

/* The regimen. Save validates and inserts or updates by id. List: every medication that
 * is not deleted (also stopped ones), ordered by name (case-insensitive). */
gboolean     pd_database_save_medication           (PdDatabase       *self,
                                                    PdMedication     *medication,
                                                    GError          **error);
PdMedication *pd_database_get_medication           (PdDatabase       *self,
                                                    const char       *id,
                                                    GError          **error);
GPtrArray   *pd_database_list_medications          (PdDatabase       *self,
                                                    GError          **error);

/* Doses, activities and events: save (validate, insert or update by id, one fsync'd
 * transaction; the _many variants all-or-nothing), and list those with from <= time < to,
 * newest first (as pd_database_list_pain_entries). */
gboolean     pd_database_save_dose                 (PdDatabase       *self,
                                                    PdDose           *dose,
                                                    GError          **error);
GPtrArray   *pd_database_list_doses                (PdDatabase       *self,
                                                    gint64            from,
                                                    gint64            to,
                                                    GError          **error);
gboolean     pd_database_save_activity             (PdDatabase       *self,
                                                    PdActivity       *activity,
                                                    GError          **error);
GPtrArray   *pd_database_list_activities           (PdDatabase       *self,
                                                    gint64            from,
                                                    gint64            to,
                                                    GError          **error);
/* The most recently logged distinct activity names, newest first, at most max. */
GStrv        pd_database_recent_activity_names     (PdDatabase       *self,
                                                    guint             max,
                                                    GError          **error);
/* The local day of the newest pain entry, dose or activity; 0 for none (or on error). */
guint32      pd_database_get_last_day              (PdDatabase       *self,
                                                    GError          **error);
gboolean     pd_database_save_event                (PdDatabase       *self,
                                                    PdEvent          *event,
                                                    GError          **error);
GPtrArray   *pd_database_list_events               (PdDatabase       *self,
                                                    gint64            from,
                                                    gint64            to,
                                                    GError          **error);
/* One all-or-nothing transaction around several writes (a CSV import written in batches);
 * see pd-database-private.h. */
gboolean     pd_database_begin                     (PdDatabase       *self,
                                                    GError          **error);
gboolean     pd_database_commit                    (PdDatabase       *self,
                                                    GError          **error);
void         pd_database_rollback                  (PdDatabase       *self);
/* Several kinds in one transaction (generator, CSV import): arrays may be NULL. */
gboolean     pd_database_save_records              (PdDatabase       *self,
                                                    GPtrArray        *pain_entries,
                                                    GPtrArray        *medications,
                                                    GPtrArray        *doses,
                                                    GPtrArray        *activities,
                                                    GPtrArray        *events,
                                                    GError          **error);

/* Everything the window shows, loaded in one go off the main thread. */
typedef struct
{
  GPtrArray *pain_entries;   /* PdPainEntry, newest first */
  GPtrArray *medications;    /* PdMedication, by name */
  GPtrArray *doses;          /* PdDose, newest first */
  GPtrArray *activities;     /* PdActivity, newest first */
  GPtrArray *events;         /* PdEvent, newest first */
  /* Spine outcomes (pd-database-spine.h); NULL in data put together by hand. */
  GPtrArray *function_activities;  /* PdFunctionActivity, all, in the order added */
  GPtrArray *function_ratings;     /* PdFunctionRating, newest first */
  GPtrArray *impressions;          /* PdImpression, all, newest first */
} PdDiaryData;

void         pd_diary_data_free                    (PdDiaryData      *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDiaryData, pd_diary_data_free)
PdDiaryData *pd_database_load                      (PdDatabase       *self,
                                                    GError          **error);
void         pd_database_load_async                (PdDatabase       *self,
                                                    GCancellable     *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer          user_data);
PdDiaryData *pd_database_load_finish               (PdDatabase       *self,
                                                    GAsyncResult     *result,
                                                    GError          **error);
/* The same with only the pain entries, doses and activities of from <= time < to (all
 * medications and all events): what Today needs, quickly, whatever the diary's size. */
PdDiaryData *pd_database_load_range                (PdDatabase       *self,
                                                    gint64            from,
                                                    gint64            to,
                                                    GError          **error);

/* Small key/value facts stored in the diary itself (patient name, surgery date). */
char        *pd_database_get_meta                  (PdDatabase       *self,
                                                    const char       *key);
gboolean     pd_database_set_meta                  (PdDatabase       *self,
                                                    const char       *key,
                                                    const char       *value,
                                                    GError          **error);

/* A consistent copy through the online backup API, created with mode 0600. */
gboolean     pd_database_backup_to                 (PdDatabase       *self,
                                                    const char       *dest_path,
                                                    GError          **error);
/* A backup now, beside the daily ones: "<stem>-<reason>-YYYYmmdd-HHMMSS.db" in the backup
 * folder (before a restore replaces the diary, say). Returns its path. */
char        *pd_database_backup_now                (PdDatabase       *self,
                                                    const char       *reason,
                                                    GError          **error);
/* Replaces every record (and meta fact) of the diary by those of the diary file at
 * source_path (of this schema version), in one transaction, while the diary stays open. */
gboolean     pd_database_replace_with              (PdDatabase       *self,
                                                    const char       *source_path,
                                                    GError          **error);
/* Writes today's backup if there is none for the local date of now, then removes all
 * but the newest `keep` backups. Called by pd_database_open() unless NO_BACKUPS. */
gboolean     pd_database_rotate_backups            (PdDatabase       *self,
                                                    GDateTime        *now,
                                                    guint             keep,
                                                    GError          **error);

G_END_DECLS
