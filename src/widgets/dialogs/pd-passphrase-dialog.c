/* pd-passphrase-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-passphrase-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-passphrase-dialog.h"

typedef struct
{
  GtkEditable *passphrase;
  GtkEditable *again;      /* NULL when asked once */
  char *response_id;
  PdPassphraseFunc callback;
  gpointer user_data;
  GDestroyNotify destroy;
} Asking;

static void
asking_free (Asking *asking)
{
  g_free (asking->response_id);
  if (asking->destroy != NULL)
    asking->destroy (asking->user_data);
  g_free (asking);
}

/* The response is possible once a passphrase is typed (the same twice when choosing). */
static void
passphrase_changed_cb (GtkEditable      *editable,
                       AdwMessageDialog *dialog)
{
  Asking *asking = g_object_get_data (G_OBJECT (dialog), "asking");
  const char *text = gtk_editable_get_text (asking->passphrase);
  gboolean ok = *text != '\0' &&
                (asking->again == NULL || g_strcmp0 (text, gtk_editable_get_text (asking->again)) == 0);

  adw_message_dialog_set_response_enabled (dialog, asking->response_id, ok);
}

/* A hidden GtkEntry, not GtkPasswordEntry or AdwPasswordEntryRow: in GTK 4.8 their
 * caps-lock watch outlives them when their dialog is destroyed (a crash). */
static GtkEditable *
add_passphrase_entry (GtkWidget        *box,
                      const char       *title,
                      AdwMessageDialog *dialog)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), entry);
  g_signal_connect (entry, "changed", G_CALLBACK (passphrase_changed_cb), dialog);
  return GTK_EDITABLE (entry);
}

/* The entries go with the dialog, one after the other: none may call back into the others.
 * Then the answer, while the entries still hold the text. */
static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Asking           *asking)
{
  g_signal_handlers_disconnect_by_func (asking->passphrase, passphrase_changed_cb, dialog);
  if (asking->again != NULL)
    g_signal_handlers_disconnect_by_func (asking->again, passphrase_changed_cb, dialog);
  asking->callback (g_strcmp0 (response, asking->response_id) == 0
                    ? gtk_editable_get_text (asking->passphrase) : NULL,
                    asking->user_data);
}

void
pd_passphrase_dialog_present (GtkWindow                  *parent,
                              const PdPassphraseQuestion *question,
                              PdPassphraseFunc            callback,
                              gpointer                    user_data,
                              GDestroyNotify              destroy)
{
  const char *response_id = question->response_id;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  Asking *asking = g_new0 (Asking, 1);

  asking->response_id = g_strdup (response_id);
  asking->callback = callback;
  asking->user_data = user_data;
  asking->destroy = destroy;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _(question->heading),
                                                       _(question->body)));
  g_object_set_data_full (G_OBJECT (dialog), "asking", asking, (GDestroyNotify) asking_free);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  asking->passphrase = add_passphrase_entry (box, _("Passphrase"), dialog);
  if (question->twice)
    asking->again = add_passphrase_entry (box, _("Passphrase Again"), dialog);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, response_id, _(question->response_label));
  adw_message_dialog_set_response_appearance (dialog, response_id, question->appearance);
  adw_message_dialog_set_response_enabled (dialog, response_id, FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (question->appearance != ADW_RESPONSE_DESTRUCTIVE)
    adw_message_dialog_set_default_response (dialog, response_id);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), asking);
  gtk_window_present (GTK_WINDOW (dialog));
}
