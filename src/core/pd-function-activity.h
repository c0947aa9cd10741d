/* pd-function-activity.h: an activity of the Patient-Specific Functional Scale, in the patient's own words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_FUNCTION_ACTIVITY (pd_function_activity_get_type ())

G_DECLARE_FINAL_TYPE (PdFunctionActivity, pd_function_activity, PD, FUNCTION_ACTIVITY, GObject)

PdFunctionActivity *pd_function_activity_new         (void);
PdFunctionActivity *pd_function_activity_copy        (PdFunctionActivity  *self);
/* A name (the activity in the patient's words); retired on or after added. */
gboolean pd_function_activity_validate    (PdFunctionActivity  *self,
                              GError  **error);

const char *pd_function_activity_get_id   (PdFunctionActivity  *self);
void        pd_function_activity_set_id   (PdFunctionActivity  *self,
                              const char *id);
const char *pd_function_activity_get_name (PdFunctionActivity *self);
void        pd_function_activity_set_name (PdFunctionActivity *self,
                                           const char *name);
guint32     pd_function_activity_get_added_day (PdFunctionActivity *self);
void        pd_function_activity_set_added_day (PdFunctionActivity *self,
                                                guint32 added_day);
guint32     pd_function_activity_get_retired_day (PdFunctionActivity *self);
void        pd_function_activity_set_retired_day (PdFunctionActivity *self,
                                                  guint32 retired_day);

gint64      pd_function_activity_get_created (PdFunctionActivity *self);
gint64      pd_function_activity_get_updated (PdFunctionActivity *self);
void        pd_function_activity_set_stamps  (PdFunctionActivity *self,
                                 gint64   created,
                                 gint64   updated);

G_END_DECLS
