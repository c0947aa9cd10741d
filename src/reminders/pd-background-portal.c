/* pd-background-portal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-background-portal"

#include "config.h"

#include "pd-background-portal.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define BACKGROUND_INTERFACE "org.freedesktop.portal.Background"

gboolean
pd_background_portal_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

gboolean
pd_background_portal_request (GDBusConnection     *connection,
                              gboolean             autostart,
                              const char * const  *commandline,
                              const char          *reason,
                              GError             **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *token = NULL;
  GVariantBuilder options;

  g_return_val_if_fail (commandline != NULL && commandline[0] != NULL, FALSE);

  if (connection != NULL)
    bus = g_object_ref (connection);
  else if (!(bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error)))
    return FALSE;

  token = g_strdup_printf ("pain_diary_%u", g_random_int ());
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline",
                         g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  if (reason != NULL)
    g_variant_builder_add (&options, "{sv}", "reason", g_variant_new_string (reason));

  /* No parent window: the request also comes from the background instance. */
  reply = g_dbus_connection_call_sync (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                                       BACKGROUND_INTERFACE, "RequestBackground",
                                       g_variant_new ("(sa{sv})", "", &options),
                                       G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, error);
  return reply != NULL;
}
