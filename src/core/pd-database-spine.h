/* pd-database-spine.h: storing the spine outcomes: the Patient-Specific Functional Scale's
 * activities and ratings, and the global impressions of change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-database.h"
#include "pd-function-activity.h"
#include "pd-function-rating.h"
#include "pd-impression.h"

G_BEGIN_DECLS

/* Save validates, then inserts or updates by id (one fsync'd transaction; the _many variant
 * all-or-nothing). A rating's activity must be stored first. */
gboolean    pd_database_save_function_activity (PdDatabase          *self,
                                                PdFunctionActivity  *activity,
                                                GError             **error);
/* Every activity that is not deleted, retired ones too, in the order they were added. */
GPtrArray  *pd_database_list_function_activities (PdDatabase        *self,
                                                  GError           **error);
gboolean    pd_database_save_function_ratings  (PdDatabase          *self,
                                                GPtrArray           *ratings,
                                                GError             **error);
/* Ratings with from <= time < to, newest first. */
GPtrArray  *pd_database_list_function_ratings  (PdDatabase          *self,
                                                gint64               from,
                                                gint64               to,
                                                GError             **error);
gboolean    pd_database_save_impression        (PdDatabase          *self,
                                                PdImpression        *impression,
                                                GError             **error);
GPtrArray  *pd_database_list_impressions       (PdDatabase          *self,
                                                gint64               from,
                                                gint64               to,
                                                GError             **error);

G_END_DECLS
