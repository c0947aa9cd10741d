/* pd-pain-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-pain-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pd-error.h"
#include "pd-pain-entry.h"
#include "pd-tags.h"
#include "pd-types.h"

struct _PdPainEntry
{
  GObject parent_instance;

  PdRecordId id;
  gint64 time;
  int utc_offset;
  int pain;
  int enjoyment_interference;
  int activity_interference;
  int back_pain;
  int leg_pain;
  guint64 locations;
  guint64 qualities;
  char **custom_locations;   /* the patient's own values, NULL when none */
  char **custom_qualities;
  double sleep_hours;
  int sleep_quality;
  int mood;
  guint64 red_flags;
  char *note;
  gint64 created;
  gint64 updated;
};

G_DEFINE_FINAL_TYPE (PdPainEntry, pd_pain_entry, G_TYPE_OBJECT)

static void
pd_pain_entry_finalize (GObject *object)
{
  PdPainEntry *self = (PdPainEntry *) object;

  pd_record_id_clear (&self->id);
  pd_text_clear (&self->note);
  g_clear_pointer (&self->custom_locations, g_strfreev);
  g_clear_pointer (&self->custom_qualities, g_strfreev);

  G_OBJECT_CLASS (pd_pain_entry_parent_class)->finalize (object);
}

static void
pd_pain_entry_class_init (PdPainEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_pain_entry_finalize;
}

static void
pd_pain_entry_init (PdPainEntry *self)
{
  /* The id is drawn on first use (pd_pain_entry_get_id): entries read from a diary get
   * theirs from the file, and listing thousands of them should not draw thousands of
   * random UUIDs for nothing. */
  self->enjoyment_interference = PD_UNSET;
  self->activity_interference = PD_UNSET;
  self->back_pain = PD_UNSET;
  self->leg_pain = PD_UNSET;
  self->sleep_hours = -1;
  self->sleep_quality = PD_UNSET;
  self->mood = PD_UNSET;
  self->note = pd_empty_text;
  pd_local_now (&self->time, &self->utc_offset);
}

PdPainEntry *
pd_pain_entry_new (void)
{
  return g_object_new (PD_TYPE_PAIN_ENTRY, NULL);
}

PdPainEntry *
pd_pain_entry_copy (PdPainEntry *self)
{
  PdPainEntry *copy;

  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), NULL);

  copy = pd_pain_entry_new ();
  pd_pain_entry_set_id (copy, pd_pain_entry_get_id (self));
  copy->time = self->time;
  copy->utc_offset = self->utc_offset;
  copy->pain = self->pain;
  copy->enjoyment_interference = self->enjoyment_interference;
  copy->activity_interference = self->activity_interference;
  copy->back_pain = self->back_pain;
  copy->leg_pain = self->leg_pain;
  copy->locations = self->locations;
  copy->qualities = self->qualities;
  copy->custom_locations = g_strdupv (self->custom_locations);
  copy->custom_qualities = g_strdupv (self->custom_qualities);
  copy->sleep_hours = self->sleep_hours;
  copy->sleep_quality = self->sleep_quality;
  copy->mood = self->mood;
  copy->red_flags = self->red_flags;
  pd_pain_entry_set_note (copy, self->note);
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

static gboolean
check_scale (const char  *field,
             int          value,
             gboolean     optional,
             GError     **error)
{
  if ((optional && value == PD_UNSET) || (value >= 0 && value <= 10))
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("%s: %d is outside the 0–10 scale"), field, value);
  return FALSE;
}

static gboolean
check_mask (const char  *field,
            PdTagKind    kind,
            guint64      mask,
            GError     **error)
{
  guint n = pd_tag_count (kind);

  if (n >= 64 || (mask >> n) == 0)
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: unknown value"), field);
  return FALSE;
}

static gboolean
check_custom (const char  *field,
              PdTagKind    kind,
              char       **values,
              GError     **error)
{
  g_autoptr(GError) local = NULL;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!pd_tag_check_custom (kind, values[i], &local))
      {
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s: %s", field, local->message);
        return FALSE;
      }
  return TRUE;
}

gboolean
pd_pain_entry_validate (PdPainEntry  *self,
                        GError      **error)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), FALSE);

  if (!pd_check_id (pd_pain_entry_get_id (self), error) ||
      !pd_check_utc_offset (self->utc_offset, error))
    return FALSE;
  if (!check_scale ("pain", self->pain, FALSE, error) ||
      !check_scale ("enjoyment_interference", self->enjoyment_interference, TRUE, error) ||
      !check_scale ("activity_interference", self->activity_interference, TRUE, error) ||
      !check_scale ("back_pain", self->back_pain, TRUE, error) ||
      !check_scale ("leg_pain", self->leg_pain, TRUE, error) ||
      !check_scale ("sleep_quality", self->sleep_quality, TRUE, error) ||
      !check_scale ("mood", self->mood, TRUE, error) ||
      !check_mask ("locations", PD_TAG_LOCATION, self->locations, error) ||
      !check_mask ("qualities", PD_TAG_QUALITY, self->qualities, error) ||
      !check_mask ("red_flags", PD_TAG_RED_FLAG, self->red_flags, error) ||
      !check_custom ("locations", PD_TAG_LOCATION, self->custom_locations, error) ||
      !check_custom ("qualities", PD_TAG_QUALITY, self->custom_qualities, error))
    return FALSE;
  if (!isnan (self->sleep_hours) && self->sleep_hours > 24)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("sleep_hours: %.1f is more than 24 hours"), self->sleep_hours);
      return FALSE;
    }
  if (isnan (self->sleep_hours))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("sleep_hours: not a number"));
      return FALSE;
    }
  return pd_check_text ("note", self->note, PD_MAX_NOTE_LENGTH, error);
}

const char *
pd_pain_entry_get_id (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), NULL);

  return pd_record_id_get (&self->id);
}

void
pd_pain_entry_set_id (PdPainEntry *self,
                      const char  *id)
{
  g_return_if_fail (PD_IS_PAIN_ENTRY (self));
  g_return_if_fail (id != NULL);
  pd_record_id_set (&self->id, id);
}

gint64
pd_pain_entry_get_time (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), 0);
  return self->time;
}

int
pd_pain_entry_get_utc_offset (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), 0);
  return self->utc_offset;
}

void
pd_pain_entry_set_time (PdPainEntry *self,
                        gint64       unix_time,
                        int          utc_offset)
{
  g_return_if_fail (PD_IS_PAIN_ENTRY (self));
  self->time = unix_time;
  self->utc_offset = utc_offset;
}

void
pd_pain_entry_set_date_time (PdPainEntry *self,
                             GDateTime   *date_time)
{
  g_return_if_fail (PD_IS_PAIN_ENTRY (self));
  g_return_if_fail (date_time != NULL);
  pd_pain_entry_set_time (self, g_date_time_to_unix (date_time),
                          (int) (g_date_time_get_utc_offset (date_time) / G_TIME_SPAN_SECOND));
}

GDateTime *
pd_pain_entry_dup_local_time (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), NULL);

  return pd_date_time_new_at_offset (self->time, self->utc_offset);
}

guint32
pd_pain_entry_get_local_day (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), 0);

  return pd_local_day (self->time, self->utc_offset);
}

#define INT_ACCESSORS(field)                                          \
  int                                                                 \
  pd_pain_entry_get_##field (PdPainEntry *self)                       \
  {                                                                   \
    g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), PD_UNSET);         \
    return self->field;                                               \
  }                                                                   \
  void                                                                \
  pd_pain_entry_set_##field (PdPainEntry *self, int value)            \
  {                                                                   \
    g_return_if_fail (PD_IS_PAIN_ENTRY (self));                       \
    self->field = value;                                              \
  }

#define MASK_ACCESSORS(field)                                         \
  guint64                                                             \
  pd_pain_entry_get_##field (PdPainEntry *self)                       \
  {                                                                   \
    g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), 0);                \
    return self->field;                                               \
  }                                                                   \
  void                                                                \
  pd_pain_entry_set_##field (PdPainEntry *self, guint64 mask)         \
  {                                                                   \
    g_return_if_fail (PD_IS_PAIN_ENTRY (self));                       \
    self->field = mask;                                               \
  }

INT_ACCESSORS (pain)
INT_ACCESSORS (enjoyment_interference)
INT_ACCESSORS (activity_interference)
INT_ACCESSORS (back_pain)
INT_ACCESSORS (leg_pain)
INT_ACCESSORS (sleep_quality)
INT_ACCESSORS (mood)
MASK_ACCESSORS (locations)
MASK_ACCESSORS (qualities)
MASK_ACCESSORS (red_flags)

static const char * const no_values[] = { NULL };

#define CUSTOM_ACCESSORS(field)                                                      \
  const char * const *                                                              \
  pd_pain_entry_get_##field (PdPainEntry *self)                                     \
  {                                                                                 \
    g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), no_values);                      \
    return self->field != NULL ? (const char * const *) self->field : no_values;    \
  }                                                                                 \
  void                                                                              \
  pd_pain_entry_set_##field (PdPainEntry *self, const char * const *values)         \
  {                                                                                 \
    g_return_if_fail (PD_IS_PAIN_ENTRY (self));                                     \
    g_clear_pointer (&self->field, g_strfreev);                                     \
    if (values != NULL && values[0] != NULL)                                        \
      self->field = g_strdupv ((char **) values);                                   \
  }

CUSTOM_ACCESSORS (custom_locations)
CUSTOM_ACCESSORS (custom_qualities)

double
pd_pain_entry_get_sleep_hours (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), -1);
  return self->sleep_hours;
}

void
pd_pain_entry_set_sleep_hours (PdPainEntry *self,
                               double       hours)
{
  g_return_if_fail (PD_IS_PAIN_ENTRY (self));
  self->sleep_hours = (hours < 0) ? -1 : hours;
}

const char *
pd_pain_entry_get_note (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), NULL);
  return self->note;
}

void
pd_pain_entry_set_note (PdPainEntry *self,
                        const char  *note)
{
  g_return_if_fail (PD_IS_PAIN_ENTRY (self));
  pd_text_set (&self->note, note);
}

gint64
pd_pain_entry_get_created (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), 0);
  return self->created;
}

gint64
pd_pain_entry_get_updated (PdPainEntry *self)
{
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (self), 0);
  return self->updated;
}

void
pd_pain_entry_set_stamps (PdPainEntry *self,
                          gint64       created,
                          gint64       updated)
{
  g_return_if_fail (PD_IS_PAIN_ENTRY (self));
  self->created = created;
  self->updated = updated;
}
