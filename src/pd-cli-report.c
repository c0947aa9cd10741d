/* pd-cli-report.c: --report=FILE.pdf, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cli-report"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-check-settings.h"
#include "pd-cli.h"
#include "pd-csv.h"
#include "pd-database.h"
#include "pd-report.h"
#include "pd-types.h"

#define DEFAULT_DAYS 30

int
pd_cli_report (const char *diary,
               const char *file,
               const char *from,
               const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdReport) report = NULL;
  PdReportSections sections;
  guint32 first = 0, last = 0;
  int n_pages = 0;

  if (!g_str_has_suffix (file, ".pdf") && !g_str_has_suffix (file, ".PDF"))
    {
      g_printerr (_("pain-diary: %s: --report writes a .pdf file\n"), file);
      return 2;
    }
  if (from != NULL && !pd_csv_parse_date (from, &first))
    {
      g_printerr (_("pain-diary: --from: “%s” is not a date (YYYY-MM-DD)\n"), from);
      return 2;
    }
  if (to != NULL && !pd_csv_parse_date (to, &last))
    {
      g_printerr (_("pain-diary: --to: “%s” is not a date (YYYY-MM-DD)\n"), to);
      return 2;
    }
  if (from != NULL && to != NULL && first > last)
    {
      g_printerr (_("pain-diary: --from %s is after --to %s\n"), from, to);
      return 2;
    }

  /* Read-only: a report never writes to the diary, not even a backup. The file's quick
   * check runs while the report is read; nothing is written before it passed. */
  db = pd_database_open (diary, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS |
                                PD_DATABASE_CHECK_LATER, &error);
  if (db == NULL)
    {
      g_printerr ("pain-diary: %s: %s\n", diary, error->message);
      return 1;
    }
  if (to == NULL)
    {
      /* The newest day with data (through the time index), or today for none. */
      last = pd_database_get_last_day (db, &error);
      if (error != NULL)
        {
          g_printerr ("pain-diary: %s: %s\n", diary, error->message);
          return 1;
        }
      if (last == 0)
        last = pd_local_today (NULL);
      if (from != NULL)
        last = MAX (last, first);
    }
  if (from == NULL)
    first = last - (DEFAULT_DAYS - 1);

  pd_report_sections_init (&sections);
  pd_check_options_load (&sections.checks, NULL);
  report = pd_report_load (db, first, last, &sections, &error);
  if (report == NULL || !pd_database_finish_check (db, &error))
    {
      g_printerr ("pain-diary: %s: %s\n", diary, error->message);
      return 1;
    }
  if (!pd_report_write_pdf (report, file, pd_paper_for_current_locale (), &n_pages, &error))
    {
      g_printerr ("pain-diary: %s\n", error->message);
      return 1;
    }
  g_print (g_dngettext (NULL, "Wrote the report to %s (%d page).\n",
                        "Wrote the report to %s (%d pages).\n", n_pages),
           file, n_pages);
  return 0;
}
