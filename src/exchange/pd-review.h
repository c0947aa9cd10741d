/* pd-review.h: opening someone else's diary or diary CSV for a clinician's review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* Opens path read-only without writing anything into or beside it: a diary (recognised by
 * its content, whatever its name) as a private snapshot in memory, migrated there when its
 * schema is older; a diary CSV checked row by row (errors "FILE:LINE: field: reason") and
 * loaded into a private diary in memory. The result is read-only and never touches a file. */
PdDatabase *pd_review_open                 (const char          *path,
                                            GError             **error);
void        pd_review_open_async           (const char          *path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
PdDatabase *pd_review_open_finish          (GAsyncResult        *result,
                                            GError             **error);
/* The patient's name from the diary's Preferences, else the file's name: what a review
 * window is called by. */
char       *pd_review_dup_patient_name     (PdDatabase          *database);

/* For the review banner: the CYP2D6 status the patient recorded and the medication safety
 * flags of the 30 days up to the newest dose ("" when there is nothing to say). */
char       *pd_review_dup_safety_summary   (PdDatabase          *database,
                                            PdDiaryData         *data);

G_END_DECLS
