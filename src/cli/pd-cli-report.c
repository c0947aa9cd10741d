/* pd-cli-report.c: --report=FILE.pdf, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cli-report"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-check-settings.h"
#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-database.h"
#include "pd-report.h"
#include "pd-types.h"

#define DEFAULT_DAYS 30

int
pd_cli_report (const PdCliRequest *request)
{
  const char *file = request->file;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdReport) report = NULL;
  PdReportSections sections;
  PdCliPeriod period = { 0, 0 };
  int n_pages = 0, status;

  if (!g_str_has_suffix (file, ".pdf") && !g_str_has_suffix (file, ".PDF"))
    {
      g_printerr (_("pain-diary: %s: --report writes a .pdf file\n"), file);
      return 2;
    }
  /* The file's quick check runs while the report is read; nothing is written before it
   * passed. */
  if (!(db = pd_cli_open_period (request, 0, DEFAULT_DAYS, &period, &status)))
    return status;

  pd_report_sections_init (&sections);
  pd_check_options_load (&sections.checks, NULL);
  report = pd_report_load (db, period.first, period.last, &sections, &error);
  if (report == NULL || !pd_database_finish_check (db, &error))
    return pd_cli_fail (request->diary, error);
  if (!pd_report_write_pdf (report, file, pd_paper_for_current_locale (), &n_pages, &error))
    return pd_cli_fail (NULL, error);
  g_print (g_dngettext (NULL, "Wrote the report to %s (%d page).\n",
                        "Wrote the report to %s (%d pages).\n", n_pages),
           file, n_pages);
  return 0;
}
