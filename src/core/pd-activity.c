/* pd-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-activity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-activity.h"
#include "pd-error.h"
#include "pd-types.h"

#define MAX_DURATION_MIN (24 * 60)
#define DEFAULT_DURATION_MIN 30

struct _PdActivity
{
  GObject parent_instance;

  PdRecordId id;
  char *name;
  gint64 time;
  int utc_offset;
  int duration;
  int effort;
  char *note;
  gint64 created;
  gint64 updated;
};

G_DEFINE_FINAL_TYPE (PdActivity, pd_activity, G_TYPE_OBJECT)

static void
pd_activity_finalize (GObject *object)
{
  PdActivity *self = (PdActivity *) object;

  pd_record_id_clear (&self->id);
  pd_shared_text_clear (&self->name);
  pd_text_clear (&self->note);

  G_OBJECT_CLASS (pd_activity_parent_class)->finalize (object);
}

static void
pd_activity_class_init (PdActivityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_activity_finalize;
}

static void
pd_activity_init (PdActivity *self)
{
  /* The id is drawn on first use, as for pain entries. */
  self->name = pd_empty_text;
  self->duration = DEFAULT_DURATION_MIN;
  self->effort = PD_UNSET;
  self->note = pd_empty_text;
  pd_local_now (&self->time, &self->utc_offset);
}

PdActivity *
pd_activity_new (void)
{
  return g_object_new (PD_TYPE_ACTIVITY, NULL);
}

PdActivity *
pd_activity_copy (PdActivity *self)
{
  PdActivity *copy;

  g_return_val_if_fail (PD_IS_ACTIVITY (self), NULL);

  copy = pd_activity_new ();
  pd_activity_set_id (copy, pd_activity_get_id (self));
  pd_activity_set_name (copy, self->name);
  copy->time = self->time;
  copy->utc_offset = self->utc_offset;
  copy->duration = self->duration;
  copy->effort = self->effort;
  pd_activity_set_note (copy, self->note);
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

gboolean
pd_activity_validate (PdActivity  *self,
                      GError     **error)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), FALSE);

  if (!pd_check_id (pd_activity_get_id (self), error) ||
      !pd_check_name ("name", self->name, PD_MAX_NAME_LENGTH, error) ||
      !pd_check_utc_offset (self->utc_offset, error))
    return FALSE;
  if (self->duration < 1 || self->duration > MAX_DURATION_MIN)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("duration_min: %d minutes is outside 1–%d"), self->duration,
                   MAX_DURATION_MIN);
      return FALSE;
    }
  if (self->effort != PD_UNSET && (self->effort < 0 || self->effort > 10))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("effort: %d is outside the 0–10 scale"), self->effort);
      return FALSE;
    }
  return pd_check_text ("note", self->note, PD_MAX_NOTE_LENGTH, error);
}

const char *
pd_activity_get_id (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), NULL);

  return pd_record_id_get (&self->id);
}

void
pd_activity_set_id (PdActivity *self,
                    const char *id)
{
  g_return_if_fail (PD_IS_ACTIVITY (self));
  g_return_if_fail (id != NULL);

  pd_record_id_set (&self->id, id);
}

const char *
pd_activity_get_name (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), NULL);
  return self->name;
}

void
pd_activity_set_name (PdActivity *self,
                      const char *name)
{
  g_return_if_fail (PD_IS_ACTIVITY (self));

  pd_shared_text_set (&self->name, name);
}

gint64
pd_activity_get_time (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), 0);
  return self->time;
}

int
pd_activity_get_utc_offset (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), 0);
  return self->utc_offset;
}

void
pd_activity_set_time (PdActivity *self,
                      gint64      unix_time,
                      int         utc_offset)
{
  g_return_if_fail (PD_IS_ACTIVITY (self));

  self->time = unix_time;
  self->utc_offset = utc_offset;
}

void
pd_activity_set_date_time (PdActivity *self,
                           GDateTime  *date_time)
{
  g_return_if_fail (PD_IS_ACTIVITY (self));
  g_return_if_fail (date_time != NULL);

  pd_activity_set_time (self, g_date_time_to_unix (date_time),
                        (int) (g_date_time_get_utc_offset (date_time) / G_TIME_SPAN_SECOND));
}

guint32
pd_activity_get_local_day (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), 0);
  return pd_local_day (self->time, self->utc_offset);
}

int
pd_activity_get_duration (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), 0);
  return self->duration;
}

void
pd_activity_set_duration (PdActivity *self,
                          int         minutes)
{
  g_return_if_fail (PD_IS_ACTIVITY (self));
  self->duration = minutes;
}

int
pd_activity_get_effort (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), PD_UNSET);
  return self->effort;
}

void
pd_activity_set_effort (PdActivity *self,
                        int         effort)
{
  g_return_if_fail (PD_IS_ACTIVITY (self));
  self->effort = effort;
}

const char *
pd_activity_get_note (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), NULL);
  return self->note;
}

void
pd_activity_set_note (PdActivity *self,
                      const char *note)
{
  g_return_if_fail (PD_IS_ACTIVITY (self));

  pd_text_set (&self->note, note);
}

gint64
pd_activity_get_created (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), 0);
  return self->created;
}

gint64
pd_activity_get_updated (PdActivity *self)
{
  g_return_val_if_fail (PD_IS_ACTIVITY (self), 0);
  return self->updated;
}

void
pd_activity_set_stamps (PdActivity *self,
                        gint64      created,
                        gint64      updated)
{
  g_return_if_fail (PD_IS_ACTIVITY (self));

  self->created = created;
  self->updated = updated;
}
