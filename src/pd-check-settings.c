/* pd-check-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pain-diary"

#include "config.h"

#include <gio/gio.h>

#include "pd-check-settings.h"
#include "pd-cyp2d6.h"

static double
acetaminophen_max (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* Running from a build tree without the compiled schema must not abort. */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) ||
      !g_settings_schema_has_key (schema, PD_SETTINGS_ACETAMINOPHEN_MAX))
    return PD_ACETAMINOPHEN_MAX;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_int (settings, PD_SETTINGS_ACETAMINOPHEN_MAX) <= PD_ACETAMINOPHEN_MAX_LOWER
         ? PD_ACETAMINOPHEN_MAX_LOWER : PD_ACETAMINOPHEN_MAX;
}

void
pd_check_options_load (PdCheckOptions *options,
                       PdDatabase     *database)
{
  g_return_if_fail (options != NULL);

  pd_check_options_init (options);
  options->acetaminophen_max = acetaminophen_max ();
  if (database != NULL)
    options->cyp2d6 = pd_database_get_cyp2d6 (database);
}
