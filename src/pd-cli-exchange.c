/* pd-cli-exchange.c: placeholder, being written */
#include "config.h"
#include <glib/gi18n.h>
#include "pd-cli.h"

int
pd_cli_export_csv (const char *diary, const char *file, gboolean summary, const char *from, const char *to)
{
  g_printerr ("pain-diary: CSV export is not available yet\n");
  return 1;
}

int
pd_cli_import_csv (const char *diary, const char *file)
{
  g_printerr ("pain-diary: CSV import is not available yet\n");
  return 1;
}
