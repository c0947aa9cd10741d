/* pd-csv-import-private.h: what the files of the diary CSV import share: the columns, the
 * reader (pd-csv-reader.c) and the row parsers (pd-csv-rows.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-csv.h"
#include "pd-database-import.h"
#include "pd-types.h"

G_BEGIN_DECLS

/* The longest field in bytes: a note of PD_MAX_NOTE_LENGTH characters of up to 4 bytes,
 * plus the neutralising quote. Anything longer is over the limit in characters too. */
#define MAX_FIELD_BYTES (PD_MAX_NOTE_LENGTH * 4 + 1)

/* Columns, in the order of PD_CSV_HEADER. */
typedef enum
{
  COL_ID, COL_DATE, COL_TIME, COL_UTC_OFFSET, COL_KIND, COL_PAIN, COL_ENJOYMENT,
  COL_ACTIVITY_INTERFERENCE, COL_LOCATIONS, COL_QUALITIES, COL_SLEEP_HOURS,
  COL_SLEEP_QUALITY, COL_MOOD, COL_RED_FLAGS, COL_ITEM, COL_AMOUNT, COL_UNIT,
  COL_DURATION, COL_INTENSITY, COL_NOTE,
  N_V1_COLUMNS,
  /* version 2 */
  COL_BACK_PAIN = N_V1_COLUMNS, COL_LEG_PAIN, COL_EVENT_KIND, COL_END_DATE,
  N_COLUMNS
} Column;

extern const char * const _pd_csv_column_names[N_COLUMNS];

/* Row kinds after PdRecordKind's: the spine outcomes (pd-csv-spine.c). Their records are
 * kept in memory even when an import streams, and written after the others. */
enum { KIND_FUNCTION = PD_RECORD_EVENT + 1, KIND_IMPRESSION, N_KINDS };

/* The reader reads the file in chunks of this many bytes (tests make them smaller). */
extern gsize _pd_csv_read_chunk;

typedef struct
{
  const char *name;      /* the file, for messages */
  int fd;                /* the file, or -1 to read mem */
  const char *mem;
  gsize mem_length;
  gsize mem_pos;
  gboolean eof;          /* all read into buffer */
  char *buffer;          /* capacity + 1 bytes, NUL-terminated at total */
  gsize capacity;
  gsize total;           /* bytes in buffer */
  gsize length;          /* the rows to parse end here */
  gsize pos;
  guint line;            /* physical line of pos, 1-based */
  gsize row_start;       /* where the row read last starts in buffer */
  gboolean row_has_nul;  /* and whether a field of it holds a NUL byte */
  char **fields;         /* the row's, pointing into buffer */
  gsize *lengths;
  guint n_row_fields;
  guint fields_capacity;
  guint8 stop[256];      /* the bytes that end an unquoted run: separator, CR, LF, quote, NUL */
  int map[N_COLUMNS];    /* column -> field index in a row; -1 for a v2 column in a v1 file */
  guint n_fields;        /* the header's */
  guint unnamed[N_COLUMNS];  /* the header's columns without a name (their cells must be empty) */
  guint n_unnamed;
  char separator;        /* ',' or, as spreadsheets write in many locales, ';', or a tab */
  gboolean cr_lines;     /* lines end with a lone CR (old Mac, some spreadsheets) */
  char given_separator;  /* from a first line "sep=;" (Excel's), or 0 */
  gboolean have_header;
} Reader;

typedef struct
{
  const char *file;
  guint line;
  gboolean decimal_comma;    /* a ';'- or tab-separated file may write 7,5 for 7.5 */
  const char *values[N_COLUMNS];
  GStrv custom[2];           /* a pain row's own locations and qualities */
  char last_date[11];        /* the last date cell read, and its day */
  guint32 last_day;
} Row;

typedef struct
{
  GHashTable *regimen;   /* casefolded name -> medication id */
  GPtrArray *function_activities;   /* to find a function row's activity by name ... */
  GPtrArray *new_activities;        /* ... or to add it here */
} Context;

/* The reader (pd-csv-reader.c) and the cells of a row (pd-csv-rows.c). */
const char *_pd_csv_field_name (Reader *reader,
                                guint   index);
void _pd_csv_set_error_valist (GError     **error,
                               const char  *file,
                               guint        line,
                               const char  *field,
                               const char  *format,
                               va_list      args) G_GNUC_PRINTF (5, 0);
void _pd_csv_set_error (GError     **error,
                        const char  *file,
                        guint        line,
                        const char  *field,
                        const char  *format,
                        ...) G_GNUC_PRINTF (5, 6);
int _pd_csv_read_row (Reader  *reader,
                      guint   *row_line,
                      GError **error);
void _pd_csv_sniff_header (Reader *reader);
gboolean _pd_csv_read_header (Reader  *reader,
                              GError **error);
gboolean _pd_csv_row_is_blank (Reader *reader);
int _pd_csv_next_row (Reader  *reader,
                      guint   *row_line,
                      GError **error);
void _pd_csv_reader_init (Reader     *reader,
                          const char *name,
                          int         fd,
                          const char *data,
                          gsize       length);
void _pd_csv_reader_clear (Reader *reader);
int _pd_csv_open_source (const char  *path,
                         GError     **error);
char *_pd_csv_shorten (const char *text);
gboolean _pd_csv_row_error (Row        *row,
                            Column      column,
                            GError    **error,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);
gboolean _pd_csv_row_error_from (Row     *row,
                                 GError  *local,
                                 GError **error);
gboolean _pd_csv_is_empty (Row    *row,
                           Column  column);
gboolean _pd_csv_get_int (Row      *row,
                          Column    column,
                          gboolean  required,
                          int       min,
                          int       max,
                          int      *value,
                          GError  **error);
const char *_pd_csv_get_text (Row    *row,
                              Column  column);
gboolean _pd_csv_check_unused (Row          *row,
                               const Column *columns,
                               guint         n_columns,
                               const char   *kind,
                               GError      **error);
gboolean _pd_csv_get_time (Row     *row,
                           gint64  *unix_time,
                           int     *utc_offset,
                           GError **error);
/* Pain, dose, activity and event rows: the cells into record, whose id, time and offset are
 * set; its strings point into the row (or the context) until the next row. */
typedef gboolean (*RecordParser) (Context        *context,
                                  Row            *row,
                                  PdImportRecord *record,
                                  GError        **error);
gboolean _pd_csv_parse_pain (Context *context, Row *row, PdImportRecord *record, GError **error);
gboolean _pd_csv_parse_dose (Context *context, Row *row, PdImportRecord *record, GError **error);
gboolean _pd_csv_parse_activity (Context *context, Row *row, PdImportRecord *record,
                                 GError **error);
gboolean _pd_csv_parse_event (Context *context, Row *row, PdImportRecord *record, GError **error);
/* Function and impression rows: a new record object. */
gpointer _pd_csv_parse_function (Context *context, Row *row, gint64 t, int offset, GError **error);
gpointer _pd_csv_parse_impression (Context *context, Row *row, gint64 t, int offset, GError **error);
gboolean _pd_csv_fields_are_valid_utf8 (Reader *reader);
gboolean _pd_csv_row_is_ascii (Reader *reader);
gboolean _pd_csv_source_read (Reader  *reader,
                              GError **error);
gboolean _pd_csv_skip_blank_lines (Reader  *reader,
                                   GError **error);
void _pd_csv_read_separator_line (Reader *reader);
gboolean _pd_csv_set_parse_limit (Reader  *reader,
                                  GError **error);

/* Where an impression being imported keeps the title of its event and its line. */
#define IMPRESSION_TITLE "pd-csv-title"
#define IMPRESSION_LINE "pd-csv-line"

G_END_DECLS
