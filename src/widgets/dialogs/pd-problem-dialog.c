/* pd-problem-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-problem-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-problem-dialog.h"
#include "pd-toast-clearance.h"

void
pd_problem_dialog_present (GtkWindow  *parent,
                           const char *heading,
                           const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pd_command_report (GtkWindow    *window,
                   const GError *error,
                   const char   *failed,
                   const char   *done,
                   gboolean      reload)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (error != NULL)
    {
      pd_problem_dialog_present (window, failed, error->message);
      return;
    }
  pd_toast_send (GTK_WIDGET (window), done);
  if (reload)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
}
