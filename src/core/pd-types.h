/* pd-types.h: what every kind of diary record shares (unset values, local days, and the
 * checks of ids, UTC offsets and free text)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Optional 0-10 items hold PD_UNSET when the patient left them empty. */
#define PD_UNSET (-1)

/* The longest note, in characters. */
#define PD_MAX_NOTE_LENGTH 10000
/* The longest name or title (medication, activity, event), in characters. */
#define PD_MAX_NAME_LENGTH 200

/* The local date of an instant, as a Julian day number (g_date_get_julian), given the UTC
 * offset in seconds that was local then. */
guint32   pd_local_day            (gint64        unix_time,
                                   int           utc_offset);
/* Unix seconds of local midnight starting a Julian day, at that UTC offset. */
gint64    pd_local_day_start      (guint32       day,
                                   int           utc_offset);

/* An instant as a date and time at the UTC offset (seconds) that was local then. */
GDateTime *pd_date_time_new_at_offset (gint64    unix_time,
                                       int       utc_offset);

/* Now, as Unix seconds and the local UTC offset in seconds. Cheap: records are created by
 * the thousand when a diary is read, and each starts out at "now". */
void      pd_local_now            (gint64       *unix_time,
                                   int          *utc_offset);

/* Today's local date (Julian day) and, when minute is not NULL, the minutes since local
 * midnight. */
guint32   pd_local_today          (guint        *minute);

/* Writes all of data to fd, retrying after interruptions; FALSE (errno set) on failure. */
gboolean  pd_write_all            (int           fd,
                                   const void   *data,
                                   gsize         length);

/* The text fields of records: an empty text is the shared pd_empty_text, not an
 * allocation, and setting the text a field already holds allocates nothing. Reading ten
 * years of a diary sets a few hundred thousand of them, most empty or repeated. */
extern char pd_empty_text[1];
void      pd_text_set             (char        **field,
                                   const char   *value);
void      pd_text_clear           (char        **field);
/* The same for texts that many records repeat (a dose's medication, name and unit, an
 * activity's name): one interned copy each, shared by reference (g_ref_string_new_intern),
 * so that ten years of doses hold a few strings instead of tens of thousands. */
void      pd_shared_text_set      (char        **field,
                                   const char   *value);
void      pd_shared_text_clear    (char        **field);

/* A copy of id in lower case (ids are compared as stored). */
char     *pd_dup_id               (const char   *id);

/* The record's id, drawn (a random UUID) on first use; safe when two threads ask at once.
 * Records read from a diary get theirs from the file, so listing thousands of them draws
 * no random UUIDs for nothing. */
const char *pd_record_id_ensure   (char        **id);

/* A record's id kept in the record itself: a UUID (what every stored record has) in place,
 * lower case, so that ten years of records need no string of their own each (issue 11:
 * memory); anything else (an import's bad id, kept for its error message) on the heap.
 * All zero is no id yet. */
typedef struct
{
  char text[37];
} PdRecordId;

/* Sets the id, in lower case (ids are compared as stored). */
void        pd_record_id_set      (PdRecordId   *id,
                                   const char   *value);
/* The id, drawn (a random UUID) on first use, as pd_record_id_ensure. */
const char *pd_record_id_get      (PdRecordId   *id);
void        pd_record_id_clear    (PdRecordId   *id);

/* Checks that set a PD_ERROR_INVALID "field: reason" error and return FALSE. */
gboolean  pd_check_id             (const char   *id,
                                   GError      **error);
gboolean  pd_check_utc_offset     (int           utc_offset,
                                   GError      **error);
/* Valid UTF-8, at most max_chars characters. */
gboolean  pd_check_text           (const char   *field,
                                   const char   *text,
                                   glong         max_chars,
                                   GError      **error);
/* As pd_check_text, and not empty or only white space. */
gboolean  pd_check_name           (const char   *field,
                                   const char   *name,
                                   glong         max_chars,
                                   GError      **error);

G_END_DECLS
