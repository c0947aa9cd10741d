/* pd-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-event"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-catalogue.h"
#include "pd-error.h"
#include "pd-event.h"
#include "pd-types.h"

#define DEFAULT_KIND "other"

struct _PdEvent
{
  GObject parent_instance;

  PdRecordId id;
  char *kind;
  char *title;
  gint64 time;
  int utc_offset;
  char *note;
  guint32 end_day;
  gint64 created;
  gint64 updated;
};

G_DEFINE_FINAL_TYPE (PdEvent, pd_event, G_TYPE_OBJECT)

static void
pd_event_finalize (GObject *object)
{
  PdEvent *self = (PdEvent *) object;

  pd_record_id_clear (&self->id);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pd_event_parent_class)->finalize (object);
}

static void
pd_event_class_init (PdEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_event_finalize;
}

static void
pd_event_init (PdEvent *self)
{
  /* The id is drawn on first use, as for pain entries. */
  self->kind = g_strdup (DEFAULT_KIND);
  self->title = g_strdup ("");
  self->note = g_strdup ("");
  pd_local_now (&self->time, &self->utc_offset);
}

PdEvent *
pd_event_new (void)
{
  return g_object_new (PD_TYPE_EVENT, NULL);
}

PdEvent *
pd_event_copy (PdEvent *self)
{
  PdEvent *copy;

  g_return_val_if_fail (PD_IS_EVENT (self), NULL);

  copy = pd_event_new ();
  pd_event_set_id (copy, pd_event_get_id (self));
  pd_event_set_kind (copy, self->kind);
  pd_event_set_title (copy, self->title);
  copy->time = self->time;
  copy->utc_offset = self->utc_offset;
  pd_event_set_note (copy, self->note);
  copy->end_day = self->end_day;
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

static gboolean
is_known_kind (const char *kind)
{
  const char * const *kinds = pd_event_kinds ();

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      if (strcmp (kinds[i], kind) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
pd_event_validate (PdEvent  *self,
                   GError  **error)
{
  g_return_val_if_fail (PD_IS_EVENT (self), FALSE);

  if (!pd_check_id (pd_event_get_id (self), error) ||
      !pd_check_utc_offset (self->utc_offset, error))
    return FALSE;
  if (!is_known_kind (self->kind))
    {
      g_autofree char *shown = g_utf8_make_valid (self->kind, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("kind: “%s” is not a known event kind"),
                   shown);
      return FALSE;
    }
  if (self->end_day != 0 &&
      (!g_date_valid_julian (self->end_day) || self->end_day < pd_event_get_local_day (self)))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("end_date: the end is before the event’s own date"));
      return FALSE;
    }
  return pd_check_name ("title", self->title, PD_MAX_NAME_LENGTH, error) &&
         pd_check_text ("note", self->note, PD_MAX_NOTE_LENGTH, error);
}

const char *
pd_event_get_id (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), NULL);

  return pd_record_id_get (&self->id);
}

void
pd_event_set_id (PdEvent    *self,
                 const char *id)
{
  g_return_if_fail (PD_IS_EVENT (self));
  g_return_if_fail (id != NULL);

  pd_record_id_set (&self->id, id);
}

const char *
pd_event_get_kind (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), NULL);
  return self->kind;
}

void
pd_event_set_kind (PdEvent    *self,
                   const char *kind)
{
  g_return_if_fail (PD_IS_EVENT (self));

  g_free (self->kind);
  self->kind = g_strdup (kind ? kind : DEFAULT_KIND);
}

const char *
pd_event_get_title (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), NULL);
  return self->title;
}

void
pd_event_set_title (PdEvent    *self,
                    const char *title)
{
  g_return_if_fail (PD_IS_EVENT (self));

  g_free (self->title);
  self->title = g_strdup (title ? title : "");
}

gint64
pd_event_get_time (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), 0);
  return self->time;
}

int
pd_event_get_utc_offset (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), 0);
  return self->utc_offset;
}

void
pd_event_set_time (PdEvent *self,
                   gint64   unix_time,
                   int      utc_offset)
{
  g_return_if_fail (PD_IS_EVENT (self));

  self->time = unix_time;
  self->utc_offset = utc_offset;
}

void
pd_event_set_date_time (PdEvent   *self,
                        GDateTime *date_time)
{
  g_return_if_fail (PD_IS_EVENT (self));
  g_return_if_fail (date_time != NULL);

  pd_event_set_time (self, g_date_time_to_unix (date_time),
                     (int) (g_date_time_get_utc_offset (date_time) / G_TIME_SPAN_SECOND));
}

guint32
pd_event_get_local_day (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), 0);
  return pd_local_day (self->time, self->utc_offset);
}

const char *
pd_event_get_note (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), NULL);
  return self->note;
}

void
pd_event_set_note (PdEvent    *self,
                   const char *note)
{
  g_return_if_fail (PD_IS_EVENT (self));

  g_free (self->note);
  self->note = g_strdup (note ? note : "");
}

gint64
pd_event_get_created (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), 0);
  return self->created;
}

gint64
pd_event_get_updated (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), 0);
  return self->updated;
}

void
pd_event_set_stamps (PdEvent *self,
                     gint64   created,
                     gint64   updated)
{
  g_return_if_fail (PD_IS_EVENT (self));

  self->created = created;
  self->updated = updated;
}

guint32
pd_event_get_end_day (PdEvent *self)
{
  g_return_val_if_fail (PD_IS_EVENT (self), 0);
  return self->end_day;
}

void
pd_event_set_end_day (PdEvent *self,
                      guint32  end_day)
{
  g_return_if_fail (PD_IS_EVENT (self));
  self->end_day = end_day;
}
