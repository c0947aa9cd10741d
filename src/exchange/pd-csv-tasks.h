/* pd-csv-tasks.h: CSV export and import off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-csv.h"

G_BEGIN_DECLS

/* Writes the diary CSV (streamed from the file) or the daily summary (of the loaded
 * diary) of the local days from_day..to_day (0: no bound) to path, mode 0600, atomically. */
void         pd_csv_export_file_async       (PdDatabase          *db,
                                             const char          *path,
                                             gboolean             summary,
                                             guint32              from_day,
                                             guint32              to_day,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The number of data rows written. */
gboolean     pd_csv_export_file_finish      (GAsyncResult        *result,
                                             guint               *n_rows,
                                             GError             **error);

/* Reads and checks the whole file; writes nothing. */
void         pd_csv_import_prepare_async    (PdDatabase          *db,
                                             const char          *path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PdCsvImport *pd_csv_import_prepare_finish   (GAsyncResult        *result,
                                             GError             **error);

/* Writes the new records in one transaction. The import must stay alive until done. */
void         pd_csv_import_commit_async     (PdCsvImport         *import,
                                             PdDatabase          *db,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean     pd_csv_import_commit_finish    (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
