/* pd-output.h: writing an output file (export, summary, report, chart) safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file the app writes for the user goes through here: the data goes into a new
 * temporary file (0600) beside the target, which is synced and renamed over the target only
 * when complete, so a failure or a kill leaves the old file (or none), never half of one; the
 * hidden temporary a kill left (".<name>.part-XXXXXX") is removed by a later write of the
 * same file once nothing has written to it for 10 minutes. A
 * symbolic link as the target is written through: the file it points to is replaced, the
 * link stays. A device, FIFO or folder as the target is refused before anything is written.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PdOutput PdOutput;

/* Checks the target and creates the temporary file; NULL with a G_FILE_ERROR naming the
 * file when the target cannot be written. */
PdOutput   *pd_output_open            (const char  *path,
                                       GError     **error);
/* Where to write the contents (a plain file descriptor, blocking). */
int         pd_output_get_fd          (PdOutput    *output);
/* Syncs the contents and renames them over the target; the output is done either way. */
gboolean    pd_output_commit          (PdOutput    *output,
                                       GError     **error);
/* Removes the temporary file unless committed, and frees the output. */
void        pd_output_free            (PdOutput    *output);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdOutput, pd_output_free)

/* Writes all of data; FALSE on failure, remembered for pd_output_set_write_error (the
 * caller's errno may be long gone by the time it reports, as after cairo's own calls). */
gboolean    pd_output_write           (PdOutput    *output,
                                       const void  *data,
                                       gsize        length);
/* The error for a failed write into an output: the first failed pd_output_write's, else
 * saved_errno's. */
void        pd_output_set_write_error (PdOutput    *output,
                                       int          saved_errno,
                                       GError     **error);

/* The whole contents at once; path "-" is standard output. */
gboolean    pd_output_write_contents  (const char  *path,
                                       const void  *data,
                                       gsize        size,
                                       GError     **error);

G_END_DECLS
