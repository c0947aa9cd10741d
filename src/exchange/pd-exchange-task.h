/* pd-exchange-task.h: the threads the exchange's _async functions run in (the general
 * helpers are in pd-task.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-database.h"
#include "pd-task.h"

G_BEGIN_DECLS

typedef struct _PdExportJob PdExportJob;

/* Writes the days job->from_day..job->to_day (0: no bound) of db to job->path; the number
 * of rows or resources written in *n. Runs in a thread. */
typedef gboolean (*PdExportFunc) (PdDatabase         *db,
                                  const PdExportJob  *job,
                                  guint              *n,
                                  GError            **error);
/* The contents for the days of the loaded diary, and their number of rows or resources. */
typedef GBytes  *(*PdExportMake) (PdDatabase         *db,
                                  PdDiaryData        *data,
                                  const PdExportJob  *job,
                                  guint              *n);

struct _PdExportJob
{
  char *path;
  guint32 from_day;
  guint32 to_day;
  PdExportFunc export;
  PdExportMake make;
};

/* Runs a copy of job (its path copied too) in a thread, unless cancelled first: its export,
 * or else loads the diary and writes what its make makes of it to its path (mode 0600,
 * atomically); the task returns the count. */
void     _pd_export_file_async   (PdDatabase          *db,
                                  const PdExportJob   *job,
                                  gpointer             source_tag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);

G_END_DECLS
