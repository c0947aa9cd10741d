/* pd-file-chooser.h: choosing a file to open or save, through the portal when sandboxed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  PD_CHOOSE_OPEN,
  PD_CHOOSE_SAVE,
  PD_CHOOSE_FOLDER,
} PdChooseMode;

/* Called once: with the chosen file, or NULL when the person cancelled. */
typedef void (*PdFileChosenFunc) (GFile    *file,
                                  gpointer  user_data);

/* What the file dialog asks, its strings translated. filters: GtkFileFilters, the first is
 * selected (NULL: none); suggested_name: for PD_CHOOSE_SAVE. */
typedef struct
{
  PdChooseMode mode;
  const char *title;
  const char *accept_label;
  const char *suggested_name;
  GPtrArray *filters;
} PdFileQuestion;

/* Asks for a file, modal to parent: GtkFileDialog where GTK has it (4.10 and newer, as in the
 * Flatpak runtime), GtkFileChooserNative before. Both go through the file chooser portal
 * inside a sandbox. */
void pd_choose_file (GtkWindow            *parent,
                     const PdFileQuestion *question,
                     PdFileChosenFunc      callback,
                     gpointer              user_data,
                     GDestroyNotify        destroy);

G_END_DECLS
