/* pd-background-portal.h: start at login from inside a Flatpak sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE inside a Flatpak sandbox, where ~/.config/autostart cannot be reached and start at
 * login goes through the Background portal instead. */
gboolean pd_background_portal_is_sandboxed (void);

/* Asks the Background portal (org.freedesktop.portal.Background.RequestBackground) to start
 * commandline at login (autostart TRUE) or no longer (FALSE). The portal may ask the user;
 * its answer arrives later, so this returns once the request was made. connection: the
 * session bus (NULL: the default one). */
gboolean pd_background_portal_request       (GDBusConnection     *connection,
                                             gboolean             autostart,
                                             const char * const  *commandline,
                                             const char          *reason,
                                             GError             **error);

G_END_DECLS
