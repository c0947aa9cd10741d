/* pd-reminders-page.h: the Reminders page of the preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_REMINDERS_PAGE (pd_reminders_page_get_type ())

G_DECLARE_FINAL_TYPE (PdRemindersPage, pd_reminders_page, PD, REMINDERS_PAGE, AdwPreferencesPage)

GtkWidget *pd_reminders_page_new (PdDatabase *database);

/* The XDG autostart entry that starts "pain-diary --background" at login:
 * $XDG_CONFIG_HOME/autostart/APPLICATION_ID.desktop. diary_path: the diary the background
 * instance uses (NULL or the default diary: none given). */
char      *pd_autostart_get_path (void);
gboolean   pd_autostart_set      (gboolean     enabled,
                                  const char  *diary_path,
                                  GError     **error);

G_END_DECLS
