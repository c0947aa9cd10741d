/* pd-csv-export.c: the diary CSV straight from the diary file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records come oldest first (pd_database_export_records); each is written as its row at
 * once. Rows are ordered by the minute, then id (pd-csv.h), so the rows of one minute are
 * put in order among themselves once the next minute begins; the finished part is handed
 * on in pieces, and nothing else is kept.
 */

#define G_LOG_DOMAIN "pd-csv"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-csv.h"
#include "pd-csv-private.h"
#include "pd-csv-spine.h"
#include "pd-types.h"

#define EOL "\r\n"
/* The size of the pieces handed on. */
#define PIECE_SIZE (256 * 1024)

/* A row of the current minute, in out. */
typedef struct
{
  gsize start;
  gsize length;
  gsize id_length;
  gint64 time;
  PdExportKind kind;
} MinuteRow;

typedef struct
{
  guint32 from_day;
  guint32 to_day;
  PdCsvWriteFunc write;
  gpointer user_data;
  GError *error;
  guint n_rows;

  GString *out;
  gint64 minute;
  GArray *rows;      /* MinuteRow */
  GString *scratch;
} Export;

/* After the id, as pd_csv_export sorts: the kinds in the order it adds them, functions and
 * impressions (added last, in order of time) alike. */
static int
compare_minute_rows (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const MinuteRow *x = a, *y = b;
  const char *out = user_data;
  int cmp = memcmp (out + x->start, out + y->start, MIN (x->id_length, y->id_length));
  int rank_x = MIN (x->kind, PD_EXPORT_FUNCTION), rank_y = MIN (y->kind, PD_EXPORT_FUNCTION);

  if (cmp != 0)
    return cmp;
  if (x->id_length != y->id_length)
    return x->id_length < y->id_length ? -1 : 1;
  if (rank_x != rank_y)
    return rank_x - rank_y;
  if (rank_x == PD_EXPORT_FUNCTION && x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return 0;
}

/* Puts the rows of the minute in order (they lie at the end of out). */
static void
sort_minute (Export *self)
{
  MinuteRow *rows = (MinuteRow *) (gpointer) self->rows->data;
  gsize start = rows[0].start;

  g_qsort_with_data (rows, self->rows->len, sizeof (MinuteRow), compare_minute_rows,
                     self->out->str);
  g_string_truncate (self->scratch, 0);
  for (guint i = 0; i < self->rows->len; i++)
    g_string_append_len (self->scratch, self->out->str + rows[i].start, rows[i].length);
  memcpy (self->out->str + start, self->scratch->str, self->scratch->len);
}

static gboolean
hand_on (Export *self)
{
  if (self->error != NULL)
    return FALSE;
  if (!self->write (self->out->str, self->out->len, self->user_data, &self->error))
    return FALSE;
  g_string_truncate (self->out, 0);
  return TRUE;
}

/* The minute is complete: its rows are final. */
static gboolean
end_minute (Export *self)
{
  if (self->rows->len > 1)
    sort_minute (self);
  g_array_set_size (self->rows, 0);
  return self->out->len < PIECE_SIZE || hand_on (self);
}

static gboolean
add_record (const PdExportRecord *record,
            gpointer              user_data)
{
  Export *self = user_data;
  gint64 minute = _pd_csv_floor_div (record->time, 60);
  MinuteRow row;

  if (!pd_csv_day_in_range (pd_local_day (record->time, record->utc_offset), self->from_day, self->to_day))
    return TRUE;
  if (minute != self->minute)
    {
      if (!end_minute (self))
        return FALSE;
      self->minute = minute;
    }
  row.start = self->out->len;
  row.id_length = record->id != NULL ? strlen (record->id) : 0;
  row.time = record->time;
  row.kind = record->kind;
  _pd_csv_append_record (self->out, record, TRUE);
  row.length = self->out->len - row.start;
  g_array_append_val (self->rows, row);
  self->n_rows++;
  return TRUE;
}

gboolean
pd_csv_export_stream (PdDatabase      *db,
                      guint32          from_day,
                      guint32          to_day,
                      PdCsvWriteFunc   write,
                      gpointer         user_data,
                      guint           *n_rows,
                      GError         **error)
{
  Export self = { from_day, to_day, write, user_data, NULL, 0 };
  /* Offsets lie within +-14 hours: a day either side holds every record of the days. */
  gint64 from = from_day != 0 ? pd_local_day_start (from_day, 86400) : G_MININT64;
  gint64 to = to_day != 0 ? pd_local_day_start (to_day + 1, -86400) : G_MAXINT64;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self.out = g_string_sized_new (PIECE_SIZE + 64 * 1024);
  self.minute = G_MININT64;
  self.rows = g_array_new (FALSE, FALSE, sizeof (MinuteRow));
  self.scratch = g_string_new (NULL);
  g_string_append (self.out, PD_CSV_HEADER EOL);

  ok = pd_database_export_records (db, from, to, add_record, &self, error) &&
       end_minute (&self) && (self.out->len == 0 || hand_on (&self));
  if (!ok && self.error != NULL)
    g_propagate_error (error, g_steal_pointer (&self.error));
  if (ok && n_rows != NULL)
    *n_rows = self.n_rows;
  g_string_free (self.out, TRUE);
  g_string_free (self.scratch, TRUE);
  g_array_unref (self.rows);
  return ok;
}

static gboolean
append_bytes (const char  *data,
              gsize        length,
              gpointer     user_data,
              GError     **error)
{
  g_byte_array_append (user_data, (const guint8 *) data, length);
  return TRUE;
}

GBytes *
pd_csv_export_database (PdDatabase  *db,
                        guint32      from_day,
                        guint32      to_day,
                        GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  if (!pd_csv_export_stream (db, from_day, to_day, append_bytes, bytes, NULL, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
write_output (const char  *data,
              gsize        length,
              gpointer     user_data,
              GError     **error)
{
  if (pd_output_write (user_data, data, length))
    return TRUE;
  pd_output_set_write_error (user_data, 0, error);
  return FALSE;
}

gboolean
pd_csv_export_to_output (PdDatabase  *db,
                         PdOutput    *output,
                         guint32      from_day,
                         guint32      to_day,
                         guint       *n_rows,
                         GError     **error)
{
  g_return_val_if_fail (output != NULL, FALSE);

  return pd_csv_export_stream (db, from_day, to_day, write_output, output, n_rows, error);
}

static gboolean
write_stdout (const char  *data,
              gsize        length,
              gpointer     user_data,
              GError     **error)
{
  /* Says a full disk is full, as every other output does. */
  return pd_output_write_contents ("-", data, length, error);
}

gboolean
pd_csv_export_to_stdout (PdDatabase  *db,
                         guint32      from_day,
                         guint32      to_day,
                         GError     **error)
{
  return pd_csv_export_stream (db, from_day, to_day, write_stdout, NULL, NULL, error);
}
