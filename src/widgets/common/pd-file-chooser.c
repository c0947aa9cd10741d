/* pd-file-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-file-chooser"

#include "config.h"

/* This file alone may use GTK API newer than the 4.8 minimum, each use guarded by
 * GTK_CHECK_VERSION: the Flatpak runtime's GTK gets its current file dialog. */
#undef GDK_VERSION_MAX_ALLOWED

#include "pd-file-chooser.h"

typedef struct
{
  PdFileChosenFunc callback;
  gpointer user_data;
  GDestroyNotify destroy;
} Choice;

static void
choice_finish (Choice *choice,
               GFile  *file)
{
  choice->callback (file, choice->user_data);
  if (choice->destroy != NULL)
    choice->destroy (choice->user_data);
  g_free (choice);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
dialog_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (source, "pd-save") != NULL)
    file = gtk_file_dialog_save_finish (dialog, result, &error);
  else if (g_object_get_data (source, "pd-folder") != NULL)
    file = gtk_file_dialog_select_folder_finish (dialog, result, &error);
  else
    file = gtk_file_dialog_open_finish (dialog, result, &error);
  if (file == NULL && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_debug ("The file dialog failed: %s", error->message);
  choice_finish (user_data, file);
}

#else

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  choice_finish (user_data, file);
  g_object_unref (native);
}

#endif

void
pd_choose_file (GtkWindow            *parent,
                const PdFileQuestion *question,
                PdFileChosenFunc      callback,
                gpointer              user_data,
                GDestroyNotify        destroy)
{
  PdChooseMode mode = question->mode;
  const char *title = question->title;
  const char *accept_label = question->accept_label;
  const char *suggested_name = question->suggested_name;
  GPtrArray *filters = question->filters;
  Choice *choice = g_new0 (Choice, 1);

  choice->callback = callback;
  choice->user_data = user_data;
  choice->destroy = destroy;
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (accept_label != NULL)
    gtk_file_dialog_set_accept_label (dialog, accept_label);
  if (filters != NULL && filters->len > 0)
    {
      g_autoptr(GListStore) store = g_list_store_new (GTK_TYPE_FILE_FILTER);

      for (guint i = 0; i < filters->len; i++)
        g_list_store_append (store, g_ptr_array_index (filters, i));
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (store));
      gtk_file_dialog_set_default_filter (dialog, g_ptr_array_index (filters, 0));
    }
  if (mode == PD_CHOOSE_SAVE)
    {
      g_object_set_data (G_OBJECT (dialog), "pd-save", GINT_TO_POINTER (1));
      if (suggested_name != NULL)
        gtk_file_dialog_set_initial_name (dialog, suggested_name);
      gtk_file_dialog_save (dialog, parent, NULL, dialog_done_cb, choice);
    }
  else if (mode == PD_CHOOSE_FOLDER)
    {
      g_object_set_data (G_OBJECT (dialog), "pd-folder", GINT_TO_POINTER (1));
      gtk_file_dialog_select_folder (dialog, parent, NULL, dialog_done_cb, choice);
    }
  else
    gtk_file_dialog_open (dialog, parent, NULL, dialog_done_cb, choice);
#else
  GtkFileChooserAction action = mode == PD_CHOOSE_SAVE     ? GTK_FILE_CHOOSER_ACTION_SAVE
                                : mode == PD_CHOOSE_FOLDER ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                           : GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, action, accept_label,
                                                              NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  for (guint i = 0; filters != NULL && i < filters->len; i++)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), g_ptr_array_index (filters, i));
  if (mode == PD_CHOOSE_SAVE && suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}
