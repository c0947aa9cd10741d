/* pd-cli-draw.c: --chart, --body-map and --report from the options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The operations that draw with cairo, which the program loads only with the window's
 * module (pd-cli-options.c runs the others).
 */

#include "config.h"

#include "pd-cli.h"
#include "pd-cli-options.h"

int
pd_cli_draw (GVariantDict *options)
{
  g_autofree char *path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *file = NULL;
  int width = 0, height = 0;

  if (!g_variant_dict_contains (options, "chart") && !g_variant_dict_contains (options, "body-map") &&
      !g_variant_dict_contains (options, "report"))
    return -1;

  path = pd_cli_dup_database_path (options, NULL);
  g_variant_dict_lookup (options, "from", "s", &from);
  g_variant_dict_lookup (options, "to", "s", &to);
  g_variant_dict_lookup (options, "width", "i", &width);
  g_variant_dict_lookup (options, "height", "i", &height);
  if (g_variant_dict_lookup (options, "chart", "^ay", &file))
    return pd_cli_chart (path, file, from, to, width, height);
  if (g_variant_dict_lookup (options, "body-map", "^ay", &file))
    return pd_cli_body_map (path, file, from, to, width, height);
  g_variant_dict_lookup (options, "report", "^ay", &file);
  return pd_cli_report (path, file, from, to);
}
