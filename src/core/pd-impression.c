/* pd-impression.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-impression"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-impression.h"
#include "pd-types.h"

struct _PdImpression
{
  GObject parent_instance;

  char *id;
  gint64 time;
  int utc_offset;
  char *event_id;
  int score;
  char *note;
  gint64 created;
  gint64 updated;
};

G_DEFINE_FINAL_TYPE (PdImpression, pd_impression, G_TYPE_OBJECT)

static void
pd_impression_finalize (GObject *object)
{
  PdImpression *self = (PdImpression *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pd_impression_parent_class)->finalize (object);
}

static void
pd_impression_class_init (PdImpressionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_impression_finalize;
}

static void
pd_impression_init (PdImpression *self)
{
  self->note = g_strdup ("");
  pd_local_now (&self->time, &self->utc_offset);
  self->score = 4;
}

PdImpression *
pd_impression_new (void)
{
  return g_object_new (PD_TYPE_IMPRESSION, NULL);
}

PdImpression *
pd_impression_copy (PdImpression *self)
{
  PdImpression *copy;

  g_return_val_if_fail (PD_IS_IMPRESSION (self), NULL);

  copy = pd_impression_new ();
  g_free (copy->note);
  copy->id = g_strdup (self->id);
  copy->time = self->time;
  copy->utc_offset = self->utc_offset;
  copy->event_id = g_strdup (self->event_id);
  copy->score = self->score;
  copy->note = g_strdup (self->note);
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

gboolean
pd_impression_validate (PdImpression  *self,
                       GError  **error)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), FALSE);

  if (!pd_check_id (pd_impression_get_id (self), error))
    return FALSE;
  if (!pd_check_utc_offset (self->utc_offset, error))
    return FALSE;
  if (self->event_id != NULL && *self->event_id != '\0' && !g_uuid_string_is_valid (self->event_id))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("event: not a valid id"));
      return FALSE;
    }
  if (self->score < 1 || self->score > 7)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("amount: %d is not an impression from 1 to 7"), self->score);
      return FALSE;
    }
  return pd_check_text ("note", self->note, PD_MAX_NOTE_LENGTH, error);
}

const char *
pd_impression_get_id (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), NULL);

  return pd_record_id_ensure (&self->id);
}

void
pd_impression_set_id (PdImpression *self,
                     const char *id)
{
  g_return_if_fail (PD_IS_IMPRESSION (self));

  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
pd_impression_get_event_id (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), NULL);

  return self->event_id;
}

void
pd_impression_set_event_id (PdImpression *self,
                            const char *event_id)
{
  g_return_if_fail (PD_IS_IMPRESSION (self));

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
}

int
pd_impression_get_score (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), 0);

  return self->score;
}

void
pd_impression_set_score (PdImpression *self,
                         int score)
{
  g_return_if_fail (PD_IS_IMPRESSION (self));

  self->score = score;
}

const char *
pd_impression_get_note (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), NULL);

  return self->note;
}

void
pd_impression_set_note (PdImpression *self,
                        const char *note)
{
  g_return_if_fail (PD_IS_IMPRESSION (self));

  g_free (self->note);
  self->note = g_strdup (note);
}

gint64
pd_impression_get_time (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), 0);

  return self->time;
}

int
pd_impression_get_utc_offset (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), 0);

  return self->utc_offset;
}

void
pd_impression_set_time (PdImpression *self,
                       gint64  unix_time,
                       int     utc_offset)
{
  g_return_if_fail (PD_IS_IMPRESSION (self));

  self->time = unix_time;
  self->utc_offset = utc_offset;
}

guint32
pd_impression_get_local_day (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), 0);

  return pd_local_day (self->time, self->utc_offset);
}

gint64
pd_impression_get_created (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), 0);

  return self->created;
}

gint64
pd_impression_get_updated (PdImpression *self)
{
  g_return_val_if_fail (PD_IS_IMPRESSION (self), 0);

  return self->updated;
}

void
pd_impression_set_stamps (PdImpression *self,
                         gint64   created,
                         gint64   updated)
{
  g_return_if_fail (PD_IS_IMPRESSION (self));

  self->created = created;
  self->updated = updated;
}
