/* pd-csv-private.h: shared by the CSV writer and reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a text cell gets a leading quote on export (formula neutralisation); the reader
 * removes one leading quote exactly when the rest passes this test. */
gboolean _pd_csv_needs_neutralising (const char *text);

/* For tests: the size of the first read, and how many new records an import keeps in
 * memory before it streams (reads the file again at commit). */
void _pd_csv_import_set_sizes (gsize chunk,
                               guint max_kept);

G_END_DECLS
