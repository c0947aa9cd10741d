/* pd-function-rating.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-function-rating"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-function-rating.h"
#include "pd-types.h"

struct _PdFunctionRating
{
  GObject parent_instance;

  char *id;
  gint64 time;
  int utc_offset;
  char *activity_id;
  int score;
  gint64 created;
  gint64 updated;
};

G_DEFINE_FINAL_TYPE (PdFunctionRating, pd_function_rating, G_TYPE_OBJECT)

static void
pd_function_rating_finalize (GObject *object)
{
  PdFunctionRating *self = (PdFunctionRating *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->activity_id, g_free);

  G_OBJECT_CLASS (pd_function_rating_parent_class)->finalize (object);
}

static void
pd_function_rating_class_init (PdFunctionRatingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_function_rating_finalize;
}

static void
pd_function_rating_init (PdFunctionRating *self)
{
  pd_local_now (&self->time, &self->utc_offset);
}

PdFunctionRating *
pd_function_rating_new (void)
{
  return g_object_new (PD_TYPE_FUNCTION_RATING, NULL);
}

PdFunctionRating *
pd_function_rating_copy (PdFunctionRating *self)
{
  PdFunctionRating *copy;

  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), NULL);

  copy = pd_function_rating_new ();
  copy->id = g_strdup (self->id);
  copy->time = self->time;
  copy->utc_offset = self->utc_offset;
  copy->activity_id = g_strdup (self->activity_id);
  copy->score = self->score;
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

gboolean
pd_function_rating_validate (PdFunctionRating  *self,
                       GError  **error)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), FALSE);

  if (!pd_check_id (pd_function_rating_get_id (self), error))
    return FALSE;
  if (!pd_check_utc_offset (self->utc_offset, error))
    return FALSE;
  if (self->activity_id == NULL || !g_uuid_string_is_valid (self->activity_id))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("activity: a rating needs the activity it rates"));
      return FALSE;
    }
  if (self->score < 0 || self->score > 10)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("amount: %d is not an ability from 0 to 10"), self->score);
      return FALSE;
    }
  return TRUE;
}

const char *
pd_function_rating_get_id (PdFunctionRating *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), NULL);

  return pd_record_id_ensure (&self->id);
}

void
pd_function_rating_set_id (PdFunctionRating *self,
                     const char *id)
{
  g_return_if_fail (PD_IS_FUNCTION_RATING (self));

  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
pd_function_rating_get_activity_id (PdFunctionRating *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), NULL);

  return self->activity_id;
}

void
pd_function_rating_set_activity_id (PdFunctionRating *self,
                                    const char *activity_id)
{
  g_return_if_fail (PD_IS_FUNCTION_RATING (self));

  g_free (self->activity_id);
  self->activity_id = g_strdup (activity_id);
}

int
pd_function_rating_get_score (PdFunctionRating *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), 0);

  return self->score;
}

void
pd_function_rating_set_score (PdFunctionRating *self,
                              int score)
{
  g_return_if_fail (PD_IS_FUNCTION_RATING (self));

  self->score = score;
}

gint64
pd_function_rating_get_time (PdFunctionRating *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), 0);

  return self->time;
}

int
pd_function_rating_get_utc_offset (PdFunctionRating *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), 0);

  return self->utc_offset;
}

void
pd_function_rating_set_time (PdFunctionRating *self,
                       gint64  unix_time,
                       int     utc_offset)
{
  g_return_if_fail (PD_IS_FUNCTION_RATING (self));

  self->time = unix_time;
  self->utc_offset = utc_offset;
}

guint32
pd_function_rating_get_local_day (PdFunctionRating *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), 0);

  return pd_local_day (self->time, self->utc_offset);
}

gint64
pd_function_rating_get_created (PdFunctionRating *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), 0);

  return self->created;
}

gint64
pd_function_rating_get_updated (PdFunctionRating *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_RATING (self), 0);

  return self->updated;
}

void
pd_function_rating_set_stamps (PdFunctionRating *self,
                         gint64   created,
                         gint64   updated)
{
  g_return_if_fail (PD_IS_FUNCTION_RATING (self));

  self->created = created;
  self->updated = updated;
}
