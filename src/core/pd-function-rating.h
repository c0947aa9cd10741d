/* pd-function-rating.h: one rating (0 unable ... 10 as before the problem) of a PSFS activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_FUNCTION_RATING (pd_function_rating_get_type ())

G_DECLARE_FINAL_TYPE (PdFunctionRating, pd_function_rating, PD, FUNCTION_RATING, GObject)

PdFunctionRating *pd_function_rating_new         (void);
PdFunctionRating *pd_function_rating_copy        (PdFunctionRating  *self);
/* An activity id and a score 0-10. */
gboolean pd_function_rating_validate    (PdFunctionRating  *self,
                              GError  **error);

const char *pd_function_rating_get_id   (PdFunctionRating  *self);
void        pd_function_rating_set_id   (PdFunctionRating  *self,
                              const char *id);
gint64      pd_function_rating_get_time       (PdFunctionRating  *self);
int         pd_function_rating_get_utc_offset (PdFunctionRating  *self);
void        pd_function_rating_set_time       (PdFunctionRating  *self,
                                    gint64    unix_time,
                                    int       utc_offset);
guint32     pd_function_rating_get_local_day  (PdFunctionRating  *self);
const char *pd_function_rating_get_activity_id (PdFunctionRating *self);
void        pd_function_rating_set_activity_id (PdFunctionRating *self,
                                                const char *activity_id);
int         pd_function_rating_get_score (PdFunctionRating *self);
void        pd_function_rating_set_score (PdFunctionRating *self,
                                          int score);

gint64      pd_function_rating_get_created (PdFunctionRating *self);
gint64      pd_function_rating_get_updated (PdFunctionRating *self);
void        pd_function_rating_set_stamps  (PdFunctionRating *self,
                                 gint64   created,
                                 gint64   updated);

G_END_DECLS
