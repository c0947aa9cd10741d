/* pd-csv.h: the diary CSV and the daily summary CSV of DESIGN.md (a public format)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format decisions beyond DESIGN.md, kept stable:
 * - Lines end with CRLF (RFC 4180); import accepts CRLF or LF and a leading BOM.
 * - Rows are ordered by the instant truncated to the minute (the CSV's precision), then id,
 *   so a re-import exports in the same order.
 * - Only taken doses are written: the public columns have no dose status, and a skipped dose
 *   written as a dose row would come back as taken.
 * - Version 2 (written always) appends back_pain,leg_pain,event_kind,end_date; version 1 (20
 *   columns) is read too, its events' kinds guessed from their titles.
 * - Import also reads files that other tools write: a BOM, CRLF, LF or CR line ends, blank
 *   lines at the end, and ';' as separator (recognised from the header) with ',' or '.'
 *   decimals.
 * - A location or quality the app does not know is the patient's own value, written after
 *   the keys exactly as it was read.
 * - Neutralised text cells (item, note) start with a quote ('). Import removes one leading
 *   quote when the rest starts with = + - @ tab or CR, or with another quote followed by
 *   those; so export also quotes a text that starts with quotes followed by them, and
 *   round trips are exact.
 * - Doses keep no scheduled time or side effects (no column): imported doses are extra
 *   doses without side effects.
 * - Function rows: a rating whose activity was deleted names nothing and is not written. On
 *   import an activity is found by name ignoring case (retired ones too) or made, added on
 *   the day of its first rating; retirement has no column and is not carried.
 * - Impression rows may carry a note. Their item is found, after the last row, among the
 *   diary's and the file's events by exact title: the latest so titled at or before the
 *   impression, else the latest; an impression about a deleted event is written as overall.
 */

#pragma once

#include <gio/gio.h>

#include "pd-database.h"
#include "pd-medication-checks.h"
#include "pd-output.h"
#include "pd-tags.h"

G_BEGIN_DECLS

#define PD_CSV_HEADER_V1                                                                \
  "id,date,time,utc_offset,kind,pain,enjoyment_interference,activity_interference,"     \
  "locations,qualities,sleep_hours,sleep_quality,mood,red_flags,item,amount,unit,"      \
  "duration_min,intensity,note"
#define PD_CSV_HEADER PD_CSV_HEADER_V1 ",back_pain,leg_pain,event_kind,end_date"
/* Version 2 appends back_pain_mean .. safety_flags. */
#define PD_CSV_SUMMARY_HEADER                                                           \
  "date,entries,pain_mean,pain_min,pain_max,enjoyment_interference_mean,"               \
  "activity_interference_mean,sleep_hours,mood_mean,doses,opioid_mme,activity_min,events," \
  "back_pain_mean,leg_pain_mean,psfs_mean,acetaminophen_mg,safety_flags"

/* The largest file import reads, in bytes. */
#define PD_CSV_MAX_FILE_SIZE (200 * 1024 * 1024)

/* A YYYY-MM-DD local date as a Julian day (g_date_get_julian); FALSE for anything else,
 * including dates that do not exist (2026-02-30). */
gboolean     pd_csv_parse_date              (const char   *text,
                                             guint32      *day);

/* The diary CSV of the records whose local date lies in from_day..to_day (Julian days,
 * inclusive; 0 for no bound). Deterministic: the same diary gives the same bytes, in any
 * locale. */
GBytes      *pd_csv_export                  (PdDiaryData  *data,
                                             guint32       from_day,
                                             guint32       to_day);
/* Takes the next piece of a file being written; FALSE with error set to stop. */
typedef gboolean (*PdCsvWriteFunc) (const char  *data,
                                    gsize        length,
                                    gpointer     user_data,
                                    GError     **error);

/* The same CSV straight from the diary file (pd-csv-export.c): the same bytes as
 * pd_csv_export (pd_database_load (db), from_day, to_day), but no record objects are made
 * and memory stays small whatever the size of the diary. The file is handed to write in
 * pieces, in order; *n_rows (may be NULL) is the number of records written. FALSE with
 * error set when reading the diary (PD_ERROR) or write failed. */
gboolean     pd_csv_export_stream           (PdDatabase   *db,
                                             guint32       from_day,
                                             guint32       to_day,
                                             PdCsvWriteFunc write,
                                             gpointer      user_data,
                                             guint        *n_rows,
                                             GError      **error);
/* Into memory; NULL with error set. */
GBytes      *pd_csv_export_database         (PdDatabase   *db,
                                             guint32       from_day,
                                             guint32       to_day,
                                             GError      **error);
/* Into an output file (not committed: the caller commits it once everything passed), write
 * errors as pd_output_set_write_error gives them (G_FILE_ERROR). */
gboolean     pd_csv_export_to_output        (PdDatabase   *db,
                                             PdOutput     *output,
                                             guint32       from_day,
                                             guint32       to_day,
                                             guint        *n_rows,
                                             GError      **error);
/* Onto standard output, as it is read: check the diary before. */
gboolean     pd_csv_export_to_stdout        (PdDatabase   *db,
                                             guint32       from_day,
                                             guint32       to_day,
                                             GError      **error);
/* The daily summary CSV: one row per local date with any record, ascending. */
GBytes      *pd_csv_export_summary          (PdDiaryData  *data,
                                             guint32       from_day,
                                             guint32       to_day);
/* The same with the patient's choices for safety_flags (NULL: the defaults): the
 * acetaminophen maximum of Preferences and the CYP2D6 status of the diary. */
GBytes      *pd_csv_export_summary_full     (PdDiaryData  *data,
                                             guint32       from_day,
                                             guint32       to_day,
                                             const PdCheckOptions *options);

/* A validated import, ready to be written: prepare reads and checks everything and writes
 * nothing, so a caller can show the counts before committing. */
typedef struct _PdCsvImport PdCsvImport;

/* Reads the file whole (at most PD_CSV_MAX_FILE_SIZE). Errors are PD_ERROR_INVALID
 * "FILE:LINE: field: reason" (FILE as display_name, or the path when NULL) or PD_ERROR_IO. */
PdCsvImport *pd_csv_import_prepare          (PdDatabase   *db,
                                             const char   *path,
                                             GError      **error);
/* The same on data in memory; name stands for the file in messages. */
PdCsvImport *pd_csv_import_prepare_data     (PdDatabase   *db,
                                             const char   *name,
                                             const char   *data,
                                             gsize         length,
                                             GError      **error);
/* Rows in the file, rows to write, and rows whose id the diary already holds (also a
 * deleted record's): those are left as they are. */
guint        pd_csv_import_get_n_rows       (PdCsvImport  *self);
guint        pd_csv_import_get_n_new        (PdCsvImport  *self);
guint        pd_csv_import_get_n_present    (PdCsvImport  *self);
/* New records of one kind. */
guint        pd_csv_import_get_n_new_of_kind (PdCsvImport *self,
                                             PdRecordKind  kind);
/* New function (PSFS) ratings and impressions of change (PGIC). */
guint        pd_csv_import_get_n_new_function_ratings (PdCsvImport *self);
guint        pd_csv_import_get_n_new_impressions (PdCsvImport *self);
/* The patient's own locations (PD_TAG_LOCATION) or qualities (PD_TAG_QUALITY) that the new
 * records hold, each once, in the order first met. Never NULL. */
const char * const *pd_csv_import_get_custom_values (PdCsvImport *self,
                                                     PdTagKind    tag_kind);
/* What the import will add, by kind, the rows already present and the own values it found,
 * in a few translated lines for people (pd-csv-preview.c). */
char        *pd_csv_import_describe         (PdCsvImport  *self);
/* Writes the new records in one transaction: all or nothing. */
gboolean     pd_csv_import_commit           (PdCsvImport  *self,
                                             PdDatabase   *db,
                                             GError      **error);
void         pd_csv_import_free             (PdCsvImport  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCsvImport, pd_csv_import_free)

G_END_DECLS
