/* pd-input-file.h: what a file to read (a CSV to import or review) must be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when path is a regular file of at most max_size bytes. A device (/dev/zero), a FIFO
 * or a folder is refused at once, without reading from it or waiting on it; the message
 * names the file. */
gboolean pd_input_file_check (const char  *path,
                              goffset      max_size,
                              GError     **error);

G_END_DECLS
