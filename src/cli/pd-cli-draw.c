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
  g_auto(PdCliRequest) request = { 0 };

  if (!g_variant_dict_contains (options, "chart") && !g_variant_dict_contains (options, "body-map") &&
      !g_variant_dict_contains (options, "report"))
    return -1;

  pd_cli_request_init (&request, options);
  if (g_variant_dict_lookup (options, "chart", "^ay", &request.file))
    return pd_cli_picture (PD_CLI_CHART, &request);
  if (g_variant_dict_lookup (options, "body-map", "^ay", &request.file))
    return pd_cli_picture (PD_CLI_BODY_MAP, &request);
  g_variant_dict_lookup (options, "report", "^ay", &request.file);
  return pd_cli_report (&request);
}
