/* pd-passphrase-dialog.h: asking for a passphrase (twice when it is being chosen)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called once, when the dialog closes: with the passphrase typed when the person chose the
 * response, with NULL when they cancelled. The passphrase is the entry's: copy it. */
typedef void (*PdPassphraseFunc) (const char *passphrase,
                                  gpointer    user_data);

/* What the dialog asks: its heading and body, whether the passphrase is typed twice (when it
 * is being chosen), and the response besides Cancel. The strings are only marked for
 * translation: the dialog translates them. */
typedef struct
{
  const char *heading;
  const char *body;
  gboolean twice;
  const char *response_id;
  const char *response_label;
  AdwResponseAppearance appearance;
} PdPassphraseQuestion;

/* A message dialog, modal to parent, with a hidden entry for the passphrase (and a second,
 * "again", when twice: the response is possible once both are the same) and the responses
 * Cancel and response_id/response_label; presented at once. destroy frees user_data after
 * the callback. */
void pd_passphrase_dialog_present (GtkWindow                  *parent,
                                   const PdPassphraseQuestion *question,
                                   PdPassphraseFunc            callback,
                                   gpointer                    user_data,
                                   GDestroyNotify              destroy);

G_END_DECLS
