/* pd-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-types"

#include "config.h"

#include <string.h>

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-types.h"

/* 1970-01-01 is Julian day 719163 in GDate's numbering. */
#define UNIX_EPOCH_JULIAN_DAY 719163
#define SECONDS_PER_DAY 86400

guint32
pd_local_day (gint64 unix_time,
              int    utc_offset)
{
  gint64 local = unix_time + utc_offset;
  gint64 days = local >= 0 ? local / SECONDS_PER_DAY
                           : -((-local + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);

  return (guint32) (UNIX_EPOCH_JULIAN_DAY + days);
}

gint64
pd_local_day_start (guint32 day,
                    int     utc_offset)
{
  return ((gint64) day - UNIX_EPOCH_JULIAN_DAY) * SECONDS_PER_DAY - utc_offset;
}

GDateTime *
pd_date_time_new_at_offset (gint64 unix_time,
                            int    utc_offset)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (utc_offset);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_to_timezone (utc, tz);
}

void
pd_local_now (gint64 *unix_time,
              int    *utc_offset)
{
  /* Per thread, so that the threads reading a diary do not queue for a lock. */
  static __thread gint64 cached_time = G_MININT64;
  static __thread int cached_offset;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Finding the offset searches the zone's transitions; within one second it is the same. */
  if (now != cached_time)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, now);

      cached_offset = g_time_zone_get_offset (tz, interval);
      cached_time = now;
    }
  *utc_offset = cached_offset;
  *unix_time = now;
}

guint32
pd_local_today (guint *minute)
{
  gint64 now;
  int offset;

  pd_local_now (&now, &offset);
  if (minute != NULL)
    *minute = (guint) ((((now + offset) % 86400) + 86400) % 86400 / 60);
  return pd_local_day (now, offset);
}

char pd_empty_text[1] = "";

void
pd_text_set (char       **field,
             const char  *value)
{
  char *old = *field;

  if (value == NULL || *value == '\0')
    *field = pd_empty_text;
  else if (old != NULL && strcmp (old, value) == 0)
    return;
  else
    *field = g_strdup (value);
  if (old != pd_empty_text && old != *field)
    g_free (old);
}

void
pd_text_clear (char **field)
{
  if (*field != pd_empty_text)
    g_free (*field);
  *field = NULL;
}

void
pd_shared_text_set (char       **field,
                    const char  *value)
{
  char *old = *field;

  *field = value != NULL && *value != '\0' ? g_ref_string_new_intern (value) : pd_empty_text;
  pd_shared_text_clear (&old);
}

void
pd_shared_text_clear (char **field)
{
  if (*field != NULL && *field != pd_empty_text)
    g_ref_string_release (*field);
  *field = NULL;
}

char *
pd_dup_id (const char *id)
{
  gsize length = 0;
  gboolean upper = FALSE;
  char *copy;

  g_return_val_if_fail (id != NULL, NULL);

  for (; id[length] != '\0'; length++)
    upper |= id[length] >= 'A' && id[length] <= 'Z';
  if (upper)
    return g_ascii_strdown (id, length);
  copy = g_malloc (length + 1);
  memcpy (copy, id, length + 1);
  return copy;
}

const char *
pd_record_id_ensure (char **id)
{
  char *value;

  g_return_val_if_fail (id != NULL, NULL);

  value = g_atomic_pointer_get (id);
  if (value == NULL)
    {
      value = g_uuid_string_random ();
      if (!g_atomic_pointer_compare_and_exchange (id, NULL, value))
        {
          g_free (value);
          value = g_atomic_pointer_get (id);
        }
    }
  return value;
}

/* As g_uuid_string_is_valid, inline: every record saved and every row imported is
 * checked, and GLib's took a tenth of an import. */
static gboolean
is_uuid (const char *id)
{
  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (id[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (id[i]))
        {
          return FALSE;
        }
    }
  return id[36] == '\0';
}

/* An id that is no UUID: this mark first, the heap copy's address further on. */
#define HEAP_ID_MARK '\x01'
#define HEAP_ID_OFFSET 8

G_LOCK_DEFINE_STATIC (record_ids);

static char *
heap_id (const PdRecordId *id)
{
  char *copy;

  memcpy (&copy, id->text + HEAP_ID_OFFSET, sizeof copy);
  return copy;
}

void
pd_record_id_clear (PdRecordId *id)
{
  g_return_if_fail (id != NULL);

  if (id->text[0] == HEAP_ID_MARK)
    g_free (heap_id (id));
  memset (id->text, 0, sizeof id->text);
}

void
pd_record_id_set (PdRecordId *id,
                  const char *value)
{
  g_return_if_fail (id != NULL);
  g_return_if_fail (value != NULL);

  /* Read before the old id goes: value may be it. */
  PdRecordId set = { { 0 } };

  if (is_uuid (value))
    {
      for (guint i = 0; i < sizeof set.text; i++)
        set.text[i] = g_ascii_tolower (value[i]);
    }
  else
    {
      char *copy = g_ascii_strdown (value, -1);

      G_STATIC_ASSERT (HEAP_ID_OFFSET + sizeof copy <= sizeof set.text);
      set.text[0] = HEAP_ID_MARK;
      memcpy (set.text + HEAP_ID_OFFSET, &copy, sizeof copy);
    }
  pd_record_id_clear (id);
  *id = set;
}

const char *
pd_record_id_get (PdRecordId *id)
{
  char first;

  g_return_val_if_fail (id != NULL, NULL);

  /* The first character is written last, so a thread that sees it sees the rest. */
  first = __atomic_load_n (&id->text[0], __ATOMIC_ACQUIRE);
  if (first == HEAP_ID_MARK)
    return heap_id (id);
  if (first != '\0')
    return id->text;

  G_LOCK (record_ids);
  if (id->text[0] == '\0')
    {
      g_autofree char *uuid = g_uuid_string_random ();

      memcpy (id->text + 1, uuid + 1, sizeof id->text - 1);
      __atomic_store_n (&id->text[0], uuid[0], __ATOMIC_RELEASE);
    }
  G_UNLOCK (record_ids);
  return id->text;
}

gboolean
pd_check_id (const char  *id,
             GError     **error)
{
  if (id != NULL && is_uuid (id))
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("id: “%s” is not a UUID"),
               id != NULL ? id : "");
  return FALSE;
}

gboolean
pd_check_utc_offset (int      utc_offset,
                     GError **error)
{
  if (utc_offset >= -14 * 3600 && utc_offset <= 14 * 3600 && utc_offset % 60 == 0)
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("utc_offset: %d seconds is not a valid UTC offset"), utc_offset);
  return FALSE;
}

gboolean
pd_check_text (const char  *field,
               const char  *text,
               glong        max_chars,
               GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: not valid UTF-8 text"), field);
  else if (g_utf8_strlen (text, -1) > max_chars)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: longer than %ld characters"),
                 field, max_chars);
  else
    return TRUE;
  return FALSE;
}

gboolean
pd_check_name (const char  *field,
               const char  *name,
               glong        max_chars,
               GError     **error)
{
  if (!pd_check_text (field, name, max_chars, error))
    return FALSE;

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return TRUE;
    }
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: must not be empty"), field);
  return FALSE;
}

gboolean
pd_write_all (int         fd,
              const void *data,
              gsize       length)
{
  const char *bytes = data;

  while (length > 0)
    {
      gssize written = write (fd, bytes, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      bytes += written;
      length -= (gsize) written;
    }
  return TRUE;
}
