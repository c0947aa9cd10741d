/* pd-notifier.h: desktop notifications through libnotify. The only code that talks to the
 * notification server. GTK-free.
 *
 * A notification is known by a key the caller chooses; when the person picks one of its
 * actions (or clicks its body: action PD_NOTIFIER_ACTION_DEFAULT) "action" is emitted with
 * the key and the action's name. Actions are only offered when the server says it has the
 * "actions" capability (GetCapabilities); otherwise the notification is plain, and carries
 * the "desktop-entry" hint so that the shell opens the application when it is clicked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PD_NOTIFIER_ACTION_DEFAULT "default"

typedef struct
{
  const char *name;    /* what "action" reports */
  const char *label;   /* the button, translated */
} PdNotifierAction;

#define PD_TYPE_NOTIFIER (pd_notifier_get_type ())

G_DECLARE_FINAL_TYPE (PdNotifier, pd_notifier, PD, NOTIFIER, GObject)

/* app_name: shown by the server; desktop_id: the application id (icon, desktop-entry). */
PdNotifier *pd_notifier_new         (const char              *app_name,
                                     const char              *desktop_id);
/* Asks the server (GetCapabilities). */
gboolean    pd_notifier_has_actions (PdNotifier              *self);
/* Shows (or replaces) the notification of key. actions may be NULL; the default action is
 * always added when the server has actions. */
gboolean    pd_notifier_show        (PdNotifier              *self,
                                     const char              *key,
                                     const char              *title,
                                     const char              *body,
                                     const PdNotifierAction  *actions,
                                     guint                    n_actions,
                                     GError                 **error);
/* Closes the notification of key, if it is still shown. */
void        pd_notifier_withdraw    (PdNotifier              *self,
                                     const char              *key);

G_END_DECLS
