/* pd-cli-chart.c: placeholder, being written */
#include "config.h"
#include <glib/gi18n.h>
#include "pd-cli.h"

int
pd_cli_chart (const char *diary, const char *file, const char *from, const char *to, int width, int height)
{
  g_printerr ("pain-diary: charts are not available yet\n");
  return 1;
}
