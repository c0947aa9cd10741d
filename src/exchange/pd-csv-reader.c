/* pd-csv-reader.c: the diary CSV reader: RFC 4180 over chunks of a file, unquoting fields in place, and the header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv"
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "pd-csv.h"
#include "pd-csv-private.h"
#include "pd-csv-spine.h"
#include "pd-database-ids.h"
#include "pd-input-file.h"
#include "pd-catalogue.h"
#include "pd-error.h"
#include "pd-tags.h"
#include "pd-types.h"
#include "pd-csv-import-private.h"

const char * const _pd_csv_column_names[N_COLUMNS] = {
  "id", "date", "time", "utc_offset", "kind", "pain", "enjoyment_interference",
  "activity_interference", "locations", "qualities", "sleep_hours", "sleep_quality", "mood",
  "red_flags", "item", "amount", "unit", "duration_min", "intensity", "note",
  "back_pain", "leg_pain", "event_kind", "end_date",
};

/* The reader: RFC 4180 over a chunk of the file in buffer, unquoting fields in place. */
#define MAX_READ_BUFFER (4 * 1024 * 1024)

const char *
_pd_csv_field_name (Reader *reader,
                    guint   index)
{
  static char buffer[32];

  if (!reader->have_header)
    return "header";
  for (guint c = 0; c < N_COLUMNS; c++)
    if (reader->map[c] == (int) index)
      return _pd_csv_column_names[c];
  g_snprintf (buffer, sizeof buffer, "column %u", index + 1);
  return buffer;
}


void
_pd_csv_set_error_valist (GError     **error,
                          const char  *file,
                          guint        line,
                          const char  *field,
                          const char  *format,
                          va_list      args)
{
  g_autofree char *reason = g_strdup_vprintf (format, args);

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s:%u: %s: %s", file, line, field, reason);
}

void
_pd_csv_set_error (GError     **error,
                   const char  *file,
                   guint        line,
                   const char  *field,
                   const char  *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  _pd_csv_set_error_valist (error, file, line, field, format, args);
  va_end (args);
}

static void
set_stop_bytes (Reader *reader)
{
  memset (reader->stop, 0, sizeof reader->stop);
  reader->stop[(guchar) reader->separator] = 1;
  reader->stop['\r'] = reader->stop['\n'] = reader->stop['"'] = reader->stop['\0'] = 1;
}

/* A space or a tab that is not the separator. */
static inline gboolean
is_blank (Reader *reader,
          char    c)
{
  return c == ' ' || (c == '\t' && reader->separator != '\t');
}

/* Reads the next row into reader->fields. 1: a row, starting on *row_line; 0: end of file;
 * -1: error. */
int
_pd_csv_read_row (Reader  *reader,
                  guint   *row_line,
                  GError **error)
{
  char *buf = reader->buffer;
  gsize len = reader->length;
  gsize pos = reader->pos;

  if (pos >= len)
    return 0;

  *row_line = reader->line;
  reader->n_row_fields = 0;
  reader->row_start = pos;
  reader->row_has_nul = FALSE;

  for (;;)
    {
      char *start = buf + pos;
      char *w = start;
      gboolean row_end = FALSE;
      gsize field_length;
      gsize quote = pos;

      /* A quoted field after spaces, as people write it by hand: "a", "b". */
      while (quote < len && is_blank (reader, buf[quote]))
        quote++;
      if (quote > pos && quote < len && buf[quote] == '"')
        {
          pos = quote;
          start = w = buf + pos;
        }

      if (buf[pos] == '"')
        {
          pos++;
          for (;;)
            {
              char c;

              if (pos >= len)
                {
                  _pd_csv_set_error (error, reader->name, *row_line,
                                     _pd_csv_field_name (reader, reader->n_row_fields),
                                     _("a quoted field is not closed"));
                  return -1;
                }
              c = buf[pos];
              if (c == '"')
                {
                  if (pos + 1 < len && buf[pos + 1] == '"')
                    {
                      *w++ = '"';
                      pos += 2;
                      continue;
                    }
                  pos++;
                  break;
                }
              if (c == (reader->cr_lines ? '\r' : '\n'))
                reader->line++;
              else if (c == '\0')
                reader->row_has_nul = TRUE;
              *w++ = c;
              pos++;
              if ((gsize) (w - start) > MAX_FIELD_BYTES)
                goto too_long;
            }
          while (pos < len && is_blank (reader, buf[pos]))
            pos++;
          if (pos >= len)
            row_end = TRUE;
          else if (buf[pos] == reader->separator)
            pos++;
          else if (reader->cr_lines && buf[pos] == '\r')
            row_end = TRUE, pos++, reader->line++;
          else if (buf[pos] == '\n')
            row_end = TRUE, pos++, reader->line++;
          else if (buf[pos] == '\r' && pos + 1 < len && buf[pos + 1] == '\n')
            row_end = TRUE, pos += 2, reader->line++;
          else
            {
              _pd_csv_set_error (error, reader->name, *row_line,
                                 _pd_csv_field_name (reader, reader->n_row_fields),
                                 _("text after the closing quote (double a quote inside a quoted field)"));
              return -1;
            }
        }
      else
        {
          gsize field_start = pos;

          for (;;)
            {
              char c;

              /* The run of ordinary bytes at once; the table stops at the end of the
               * chunk too (a line end, or the NUL after the last byte of the file). */
              while (!reader->stop[(guchar) buf[pos]])
                pos++;
              if (pos - field_start > MAX_FIELD_BYTES)
                goto too_long;
              w = buf + pos;
              if (pos >= len)
                {
                  row_end = TRUE;
                  break;
                }
              c = buf[pos];
              if (c == '\0')
                {
                  reader->row_has_nul = TRUE;
                  pos++;
                  continue;
                }
              if (c == reader->separator)
                {
                  pos++;
                  break;
                }
              if (c == '\r' && reader->cr_lines)
                {
                  row_end = TRUE, pos++, reader->line++;
                  break;
                }
              if (c == '\n')
                {
                  row_end = TRUE, pos++, reader->line++;
                  break;
                }
              if (c == '\r')
                {
                  if (pos + 1 < len && buf[pos + 1] == '\n')
                    {
                      row_end = TRUE, pos += 2, reader->line++;
                      break;
                    }
                  _pd_csv_set_error (error, reader->name, *row_line,
                                     _pd_csv_field_name (reader, reader->n_row_fields),
                                     _("a carriage return outside quotes"));
                  return -1;
                }
              _pd_csv_set_error (error, reader->name, *row_line,
                                 _pd_csv_field_name (reader, reader->n_row_fields),
                                 _("a quote inside an unquoted field"));
              return -1;
            }
        }

      field_length = w - start;
      *w = '\0';
      if (reader->n_row_fields == reader->fields_capacity)
        {
          reader->fields_capacity *= 2;
          reader->fields = g_renew (char *, reader->fields, reader->fields_capacity);
          reader->lengths = g_renew (gsize, reader->lengths, reader->fields_capacity);
        }
      reader->fields[reader->n_row_fields] = start;
      reader->lengths[reader->n_row_fields++] = field_length;
      if (row_end)
        break;
    }

  reader->pos = pos;
  return 1;

too_long:
  _pd_csv_set_error (error, reader->name, *row_line, _pd_csv_field_name (reader, reader->n_row_fields),
                     _("longer than %d characters"), PD_MAX_NOTE_LENGTH);
  return -1;
}

/* The separator and the line ends, from the header line (which has no quotes). */
void
_pd_csv_sniff_header (Reader *reader)
{
  guint commas = 0, semicolons = 0, tabs = 0;

  /* All that was read: before the first parse limit is set (which needs the line ends),
   * reader->length is still 0. */
  for (gsize p = reader->pos; p < reader->total; p++)
    {
      char c = reader->buffer[p];

      if (c == '\r' || c == '\n')
        {
          reader->cr_lines = c == '\r' && (p + 1 >= reader->total || reader->buffer[p + 1] != '\n');
          break;
        }
      commas += c == ',';
      semicolons += c == ';';
      tabs += c == '\t';
    }
  /* Commas; or, as spreadsheets write in many locales, semicolons; or tabs (text saved as
   * "tab-delimited"). */
  if (reader->given_separator != 0)
    reader->separator = reader->given_separator;
  else if (commas == 0 && semicolons > 0)
    reader->separator = ';';
  else if (commas == 0 && tabs > 0)
    reader->separator = '\t';
  else
    reader->separator = ',';
  set_stop_bytes (reader);
}

/* Whether the header read is the daily summary CSV's. */
static gboolean
is_summary_header (Reader *reader)
{
  for (guint i = 0; i < reader->n_row_fields; i++)
    if (g_ascii_strcasecmp (g_strstrip (reader->fields[i]), "pain_mean") == 0)
      return TRUE;
  return FALSE;
}

gboolean
_pd_csv_read_header (Reader  *reader,
                     GError **error)
{
  static const Column required[] = { COL_DATE, COL_TIME, COL_KIND };
  guint line = reader->line;
  int status;

  /* A diary file, a backup, a picture: no text holds a NUL byte, and these have one in
   * their first bytes or their first line. */
  {
    const char *start = reader->buffer + reader->pos;
    gsize available = reader->total - reader->pos;
    const char *line_end = memchr (start, '\n', available);
    gsize first_line = line_end != NULL ? (gsize) (line_end - start) : available;

    if (memchr (start, '\0', MAX (first_line, MIN (available, (gsize) 64))) != NULL)
      {
        _pd_csv_set_error (error, reader->name, line, "header",
                           _("this is not a text file, so not a diary CSV"));
        return FALSE;
      }
  }
  _pd_csv_sniff_header (reader);
  status = _pd_csv_read_row (reader, &line, error);

  if (status < 0)
    return FALSE;
  if (status == 0)
    {
      _pd_csv_set_error (error, reader->name, 1, "header", _("the file is empty"));
      return FALSE;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    reader->map[c] = -1;
  reader->n_unnamed = 0;
  for (guint i = 0; i < reader->n_row_fields; i++)
    {
      /* A name as a person or a spreadsheet writes it: "Date", " pain". */
      char *name = g_strstrip (reader->fields[i]);
      gboolean known = FALSE;

      /* The empty columns that spreadsheets leave after the last one: each row's cells
       * there must be empty too (nothing is dropped unseen). */
      if (*name == '\0')
        {
          if (reader->n_unnamed < G_N_ELEMENTS (reader->unnamed))
            {
              reader->unnamed[reader->n_unnamed++] = i;
              continue;
            }
        }
      for (guint c = 0; c < N_COLUMNS && !known; c++)
        {
          if (g_ascii_strcasecmp (name, _pd_csv_column_names[c]) != 0)
            continue;
          known = TRUE;
          if (reader->map[c] != -1)
            {
              _pd_csv_set_error (error, reader->name, line, "header", _("column “%s” appears twice"),
                                 name);
              return FALSE;
            }
          reader->map[c] = i;
        }
      if (!known && is_summary_header (reader))
        {
          _pd_csv_set_error (error, reader->name, line, "header",
                             _("this is the daily summary CSV (one row per day), which holds no "
                               "records; import the diary CSV instead"));
          return FALSE;
        }
      if (!known)
        {
          g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 40));
          _pd_csv_set_error (error, reader->name, line, "header",
                             _("unknown column “%s”; a diary CSV starts with %s"), shown, PD_CSV_HEADER);
          return FALSE;
        }
    }
  /* Version 1 has the first 20 columns, version 2 all of them; a file written by hand may
   * leave out any column it does not use (its cells are empty) but these: without an id a
   * row's is made from its cells (pd-csv-import.c), without an offset it is the local one. */
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (reader->map[required[i]] == -1)
      {
        _pd_csv_set_error (error, reader->name, line, "header", _("column “%s” is missing"),
                           _pd_csv_column_names[required[i]]);
        return FALSE;
      }

  reader->n_fields = reader->n_row_fields;
  reader->have_header = TRUE;
  return TRUE;
}

gboolean
_pd_csv_row_is_blank (Reader *reader)
{
  for (guint i = 0; i < reader->n_row_fields; i++)
    if (reader->fields[i][0] != '\0')
      return FALSE;
  return TRUE;
}

/* Whether the last row read is plain ASCII without a NUL byte, and so valid UTF-8: a look
 * at its bytes eight at a time (what unquoting left in the row's stretch is of its bytes). */
gboolean
_pd_csv_row_is_ascii (Reader *reader)
{
  const char *p = reader->buffer + reader->row_start;
  const char *end = reader->buffer + reader->pos;
  guint64 any = 0;

  if (reader->row_has_nul)
    return FALSE;
  for (; p + 8 <= end; p += 8)
    {
      guint64 word;

      memcpy (&word, p, 8);
      any |= word;
    }
  for (; p < end; p++)
    any |= (guchar) *p;
  return (any & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

gboolean
_pd_csv_fields_are_valid_utf8 (Reader *reader)
{
  for (guint i = 0; i < reader->n_row_fields; i++)
    {
      const guchar *text = (const guchar *) reader->fields[i];
      gsize length = reader->lengths[i];
      gsize k = 0;

      /* Mostly ASCII: GLib only for the rest. */
      while (k < length && text[k] != 0 && text[k] < 0x80)
        k++;
      if (k < length && !g_utf8_validate_len ((const char *) text + k, length - k, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Skips the blank lines before the header, which hold nothing, reading on as needed. */
gboolean
_pd_csv_skip_blank_lines (Reader  *reader,
                          GError **error)
{
  for (;;)
    {
      while (reader->pos < reader->total)
        {
          char c = reader->buffer[reader->pos];

          if (c == '\n')
            reader->line++;
          else if (c == '\r')
            reader->line += reader->pos + 1 < reader->total && reader->buffer[reader->pos + 1] != '\n';
          else
            return TRUE;
          reader->pos++;
        }
      if (reader->eof)
        return TRUE;
      if (!_pd_csv_source_read (reader, error))
        return FALSE;
    }
}

/* The line "sep=;" that Excel reads (and writes) before the header to name the separator:
 * taken, and skipped. */
void
_pd_csv_read_separator_line (Reader *reader)
{
  const char *p = reader->buffer + reader->pos;
  gsize available = reader->total - reader->pos;
  gsize skip;

  if (available < 5 || g_ascii_strncasecmp (p, "sep=", 4) != 0 || strchr (",;\t", p[4]) == NULL)
    return;
  if (available == 5)
    skip = 5;
  else if (p[5] == '\n')
    skip = 6;
  else if (p[5] == '\r')
    skip = available > 6 && p[6] == '\n' ? 7 : 6;
  else
    return;
  reader->given_separator = p[4];
  reader->pos += skip;
  reader->line++;
}

/* Reading in chunks, so that a big file never sits in memory whole. A chunk is parsed up to
 * its last line end outside quotes (every '"' toggles quoting, a doubled one twice). */

gboolean
_pd_csv_source_read (Reader  *reader,
                     GError **error)
{
  gsize tail = reader->total - reader->pos;

  if (reader->pos > 0 && tail > 0)
    memmove (reader->buffer, reader->buffer + reader->pos, tail);
  reader->total = tail;
  reader->pos = 0;

  while (!reader->eof && reader->total < reader->capacity)
    {
      gsize want = reader->capacity - reader->total;

      if (reader->fd < 0)
        {
          gsize n = MIN (want, reader->mem_length - reader->mem_pos);

          memcpy (reader->buffer + reader->total, reader->mem + reader->mem_pos, n);
          reader->mem_pos += n;
          reader->total += n;
          reader->eof = reader->mem_pos >= reader->mem_length;
        }
      else
        {
          gssize n = read (reader->fd, reader->buffer + reader->total, want);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              int saved = errno;
              g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"),
                           reader->name, g_strerror (saved));
              return FALSE;
            }
          if (n == 0)
            reader->eof = TRUE;
          reader->total += n;
        }
    }
  reader->buffer[reader->total] = '\0';
  return TRUE;
}

/* Sets where the complete rows in the buffer end, reading more (into a bigger buffer)
 * while not one row is complete. */
gboolean
_pd_csv_set_parse_limit (Reader  *reader,
                         GError **error)
{
  char line_end = reader->cr_lines ? '\r' : '\n';

  for (;;)
    {
      gboolean quoted = FALSE;
      gsize limit = 0;

      if (reader->eof)
        {
          reader->length = reader->total;
          return TRUE;
        }
      /* From quote to quote; in each stretch outside quotes, its last line end. */
      for (const char *p = reader->buffer + reader->pos, *end = reader->buffer + reader->total;;)
        {
          const char *quote = memchr (p, '"', end - p);
          const char *stretch_end = quote != NULL ? quote : end;

          for (const char *q = stretch_end; !quoted && q > p; q--)
            if (q[-1] == line_end)
              {
                limit = q - reader->buffer;
                break;
              }
          if (quote == NULL)
            break;
          quoted = !quoted;
          p = quote + 1;
        }
      if (limit > reader->pos)
        {
          reader->length = limit;
          return TRUE;
        }
      /* No row ends in the largest buffer: no valid row is that long, so the reader's
       * error for it (a field too long, a quote not closed) is the answer. */
      if (reader->capacity >= MAX_READ_BUFFER)
        {
          reader->length = reader->total;
          return TRUE;
        }
      reader->capacity = MIN (reader->capacity * 2, MAX_READ_BUFFER);
      reader->buffer = g_realloc (reader->buffer, reader->capacity + 1);
      if (!_pd_csv_source_read (reader, error))
        return FALSE;
    }
}

/* The next row, reading on where the chunk ends. */
int
_pd_csv_next_row (Reader  *reader,
                  guint   *row_line,
                  GError **error)
{
  for (;;)
    {
      int status = _pd_csv_read_row (reader, row_line, error);

      if (status != 0 || (reader->eof && reader->pos >= reader->total))
        return status;
      if (!_pd_csv_source_read (reader, error) || !_pd_csv_set_parse_limit (reader, error))
        return -1;
    }
}

void
_pd_csv_reader_init (Reader     *reader,
                     const char *name,
                     int         fd,
                     const char *data,
                     gsize       length)
{
  memset (reader, 0, sizeof *reader);
  reader->name = name;
  reader->fd = fd;
  reader->mem = data;
  reader->mem_length = length;
  reader->eof = fd < 0 && length == 0;
  reader->capacity = _pd_csv_read_chunk;
  reader->buffer = g_malloc (reader->capacity + 1);
  reader->buffer[0] = '\0';
  reader->line = 1;
  reader->separator = ',';
  reader->fields_capacity = N_COLUMNS;
  reader->fields = g_new (char *, reader->fields_capacity);
  reader->lengths = g_new (gsize, reader->fields_capacity);
  set_stop_bytes (reader);
}

void
_pd_csv_reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->buffer, g_free);
  g_clear_pointer (&reader->fields, g_free);
  g_clear_pointer (&reader->lengths, g_free);
  if (reader->fd >= 0)
    close (reader->fd);
  reader->fd = -1;
}

int
_pd_csv_open_source (const char  *path,
                     GError     **error)
{
  GStatBuf st;
  int fd;

  /* A device, a FIFO or a folder is refused before anything reads from it (a FIFO would
   * block the open). */
  if (!pd_input_file_check (path, PD_CSV_MAX_FILE_SIZE, error))
    return -1;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not open “%s”: %s"), path,
                   g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > PD_CSV_MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the file is larger than %d MB; a diary CSV is never that big"), path,
                   PD_CSV_MAX_FILE_SIZE / (1024 * 1024));
      return -1;
    }
  return fd;
}
