/* pd-cli-exchange.c: --export-csv, --export-summary-csv, --export-fhir and --import-csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pain-diary"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pd-check-settings.h"
#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-csv.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-input-file.h"
#include "pd-output.h"
#include "pd-fhir.h"

/* Health data: readable by the patient only; a temporary file renamed into place, so a
 * failed export never leaves half a file. */
static gboolean
write_output (const char  *file,
              GBytes      *bytes,
              GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return pd_output_write_contents (file, data, size, error);
}

/* What both exports check and read first: 0, or the exit status. */
static int
read_for_export (const PdCliRequest  *request,
                 PdCliPeriod         *period,
                 PdDatabase         **db,
                 PdDiaryData        **data)   /* NULL: the records are streamed, not loaded */
{
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = pd_cli_check_names (request->diary, request->file,
                                    N_("pain-diary: the export needs a file name, "
                                       "or '-' for standard output\n"))) != 0)
    return status;
  /* The file's quick check runs meanwhile; nothing is written before it passed. */
  if (!(*db = pd_cli_open_period (request, 0, 0, period, &status)))
    return status;
  if (data != NULL && !(*data = pd_database_load (*db, &error)))
    return pd_cli_fail (request->diary, error);
  return 0;
}

/* Once the diary's quick check passed: 0, or the exit status. */
static int
write_export (const PdCliRequest *request,
              PdDatabase         *db,
              GBytes             *bytes)
{
  g_autoptr(GError) error = NULL;

  if (!pd_database_finish_check (db, &error))
    return pd_cli_fail (request->diary, error);
  if (!write_output (request->file, bytes, &error))
    return pd_cli_fail (NULL, error);
  return 0;
}

/* The diary CSV streamed from the file: into the temporary output while the check runs,
 * committed once it passed; onto standard output only after it passed. */
static int
export_records (const PdCliRequest *request,
                PdDatabase         *db,
                const PdCliPeriod  *period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdOutput) output = NULL;
  gboolean ok;

  if (strcmp (request->file, "-") == 0)
    ok = pd_database_finish_check (db, &error) &&
         pd_csv_export_to_stdout (db, period->first, period->last, &error);
  else
    ok = (output = pd_output_open (request->file, &error)) != NULL &&
         pd_csv_export_to_output (db, output, period->first, period->last, NULL, &error) &&
         pd_database_finish_check (db, &error) && pd_output_commit (output, &error);
  /* A file that cannot be read is most likely damaged: the check tells, with the backups. */
  if (!ok && error->domain == PD_ERROR)
    {
      g_autoptr(GError) check_error = NULL;

      if (!pd_database_finish_check (db, &check_error))
        {
          g_clear_error (&error);
          error = g_steal_pointer (&check_error);
        }
    }
  return ok ? 0 : pd_cli_fail (error->domain == PD_ERROR ? request->diary : NULL, error);
}

int
pd_cli_export (const PdCliRequest *request,
               PdCliExport         format)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PdCliPeriod period;
  int status;

  if ((status = read_for_export (request, &period, &db,
                                 format != PD_CLI_EXPORT_CSV ? &data : NULL)) != 0)
    return status;
  if (format == PD_CLI_EXPORT_CSV)
    return export_records (request, db, &period);

  if (format == PD_CLI_EXPORT_SUMMARY_CSV)
    {
      PdCheckOptions options;

      pd_check_options_load (&options, db);
      bytes = pd_csv_export_summary_full (data, period.first, period.last, &options);
    }
  else
    {
      g_autofree char *name = pd_database_get_meta (db, "patient_name");

      bytes = pd_fhir_export (data, name, period.first, period.last, NULL);
    }
  return write_export (request, db, bytes);
}

int
pd_cli_import_csv (const PdCliRequest *request)
{
  const char *diary = request->diary, *file = request->file;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdCsvImport) import = NULL;
  gboolean existed;
  int status;

  if ((status = pd_cli_check_names (NULL, file, N_("pain-diary: --import-csv needs a file name\n"))) != 0)
    return status;
  /* Checked before the diary is opened (or created): a device, FIFO or folder, at once. */
  if (!pd_input_file_check (file, PD_CSV_MAX_FILE_SIZE, &error))
    return pd_cli_fail (NULL, error);
  existed = g_file_test (diary, G_FILE_TEST_EXISTS);
  if (!(db = pd_database_open (diary, existed ? PD_DATABASE_FLAGS_NONE : PD_DATABASE_NO_BACKUPS,
                               &error)))
    return pd_cli_fail (diary, error);
  if (!(import = pd_csv_import_prepare (db, file, &error)))
    {
      pd_cli_fail (NULL, error);
      /* A refused import leaves no trace: not even the empty diary it would have gone to. */
      if (!existed)
        {
          g_clear_object (&db);
          pd_remove_diary_file (diary);
        }
      return 1;
    }
  if (!pd_csv_import_commit (import, db, &error))
    return pd_cli_fail (diary, error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u record (%u already present) from %s into %s\n",
                        "Imported %u records (%u already present) from %s into %s\n",
                        pd_csv_import_get_n_new (import)),
           pd_csv_import_get_n_new (import), pd_csv_import_get_n_present (import), file, diary);
  return 0;
}
