/* pd-csv-import.c: reading and checking a diary CSV, then writing it all or nothing
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

struct _PdCsvImport
{
  char *name;              /* for messages */
  char *path;              /* the file, or NULL for data */
  GBytes *data;
  guint n_rows;
  guint n_present;
  guint n_new[N_KINDS];
  gboolean streamed;       /* too many to keep: commit reads the file again */
  GArray *records;         /* the new pain entries, doses, activities and events */
  GStringChunk *strings;   /* their strings ... */
  GPtrArray *custom_values;  /* ... and their own locations and qualities (GStrv) */
  GPtrArray *ratings;      /* new function ratings */
  GPtrArray *impressions;  /* new impressions; their events found after the last row */
  GPtrArray *function_activities;  /* the diary's and the new ones, to find by name */
  GPtrArray *new_activities;       /* made for function rows */
  GPtrArray *known_events;         /* the diary's and the file's, to find by title */
  GPtrArray *custom[2];    /* own locations, own qualities: char *, each once */
};

gsize _pd_csv_read_chunk = 1024 * 1024;
/* Imports of more new records than this keep none in memory: commit reads the file again
 * and writes as it goes, in one transaction. */
static guint max_kept_records = 100000;

void
_pd_csv_import_set_sizes (gsize chunk,
                          guint max_kept)
{
  _pd_csv_read_chunk = chunk;
  max_kept_records = max_kept;
}

typedef struct
{
  const char *name;
  guint kind;            /* PdRecordKind, KIND_FUNCTION or KIND_IMPRESSION */
  RecordParser parse;    /* a pain entry, dose, activity or event; NULL for the others */
} RowKind;

static const RowKind row_kinds[] = {
  { "pain", PD_RECORD_PAIN, _pd_csv_parse_pain },
  { "dose", PD_RECORD_DOSE, _pd_csv_parse_dose },
  { "activity", PD_RECORD_ACTIVITY, _pd_csv_parse_activity },
  { "event", PD_RECORD_EVENT, _pd_csv_parse_event },
  { "function", KIND_FUNCTION, NULL },
  { "impression", KIND_IMPRESSION, NULL },
};

static void
note_custom (PdCsvImport        *self,
             guint               index,
             const char * const *values)
{
  if (values == NULL || values[0] == NULL)
    return;
  if (self->custom[index] == NULL)
    self->custom[index] = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  for (guint i = 0; values[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->custom[index], values[i], g_str_equal, NULL))
      g_ptr_array_add (self->custom[index], g_strdup (values[i]));
}

/* The ids met so far: 16 bytes each in an open-addressed table, so that a million rows
 * need tens of megabytes, not hundreds. */
typedef struct
{
  guint8 id[16];
  guint32 line;
} SeenId;

typedef struct
{
  SeenId *slots;
  gsize mask;
  gsize n;
} SeenSet;

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static gboolean
parse_uuid (const char *text,
            guint8      out[16])
{
  guint k = 0;

  for (guint i = 0; i < 36; i++)
    {
      int high, low;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
          continue;
        }
      high = hex_value (text[i]);
      low = high < 0 ? -1 : hex_value (text[i + 1]);
      if (low < 0 || i + 1 == 8 || i + 1 == 13 || i + 1 == 18 || i + 1 == 23)
        return FALSE;
      out[k++] = high << 4 | low;
      i++;
    }
  return text[36] == '\0';
}

static gsize
seen_slot (SeenSet      *set,
           const guint8  id[16])
{
  guint64 h;
  gsize i;

  memcpy (&h, id, sizeof h);
  h ^= h >> 29;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 32;
  for (i = h & set->mask; set->slots[i].line != 0; i = (i + 1) & set->mask)
    if (memcmp (set->slots[i].id, id, 16) == 0)
      break;
  return i;
}

/* The line where id was met first, or 0 after adding it. */
static guint32
seen_add (SeenSet      *set,
          const guint8  id[16],
          guint32       line)
{
  gsize i;

  if ((set->n + 1) * 4 > (set->mask + 1) * 3)
    {
      SeenSet bigger = { g_new0 (SeenId, (set->mask + 1) * 2), (set->mask + 1) * 2 - 1, 0 };

      for (gsize j = 0; j <= set->mask; j++)
        if (set->slots[j].line != 0)
          bigger.slots[seen_slot (&bigger, set->slots[j].id)] = set->slots[j];
      bigger.n = set->n;
      g_free (set->slots);
      *set = bigger;
    }
  i = seen_slot (set, id);
  if (set->slots[i].line != 0)
    return set->slots[i].line;
  memcpy (set->slots[i].id, id, 16);
  set->slots[i].line = line;
  set->n++;
  return 0;
}

/* The id of a row that has none (a file written by hand): a name-based UUID (version 5
 * layout, SHA-1) of its cells as written, so that importing the same file again finds its
 * records present; the second of two identical rows hashes its count in too. */
static void
derive_id (Row     *row,
           SeenSet *seen,
           char     id[37])
{
  for (guint32 n = 0;; n++)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
      guint8 digest[20];
      gsize length = sizeof digest;
      guint32 n_le = GUINT32_TO_LE (n);

      g_checksum_update (checksum, (const guchar *) "pain-diary-csv-row", -1);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_checksum_update (checksum, (const guchar *) "\037", 1);
          g_checksum_update (checksum, (const guchar *) row->values[c], -1);
        }
      g_checksum_update (checksum, (const guchar *) &n_le, sizeof n_le);
      g_checksum_get_digest (checksum, digest, &length);
      digest[6] = (digest[6] & 0x0f) | 0x50;
      digest[8] = (digest[8] & 0x3f) | 0x80;
      if (seen_add (seen, digest, row->line) != 0)
        continue;
      for (guint i = 0, k = 0; i < 16; i++)
        {
          static const char hex[] = "0123456789abcdef";

          if (i == 4 || i == 6 || i == 8 || i == 10)
            id[k++] = '-';
          id[k++] = hex[digest[i] >> 4];
          id[k++] = hex[digest[i] & 0xf];
        }
      id[36] = '\0';
      return;
    }
}

/* Records written at once when streaming. */
#define BATCH_SIZE 4096

typedef struct
{
  PdDatabase *db;            /* NULL while preparing */
  GHashTable *existing;
  GHashTable *regimen;
  SeenSet seen;
  Context context;
} Pass;

/* Whether the diary holds a record with that id (a new diary holds none). */
static gboolean
is_present (Pass       *pass,
            const char *id)
{
  return g_hash_table_size (pass->existing) > 0 && g_hash_table_contains (pass->existing, id);
}

static void
records_init (PdCsvImport *self)
{
  /* Reserved, so that it never moves while it fills: only what is filled is touched. */
  self->records = g_array_sized_new (FALSE, FALSE, sizeof (PdImportRecord),
                                     MAX (max_kept_records, BATCH_SIZE) + 1);
  self->strings = g_string_chunk_new (64 * 1024);
  self->custom_values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

static void
clear_records (PdCsvImport *self)
{
  g_array_set_size (self->records, 0);
  g_string_chunk_clear (self->strings);
  g_ptr_array_set_size (self->custom_values, 0);
}

static const char *
keep_string (PdCsvImport *self,
             const char  *text)
{
  return *text == '\0' ? "" : g_string_chunk_insert (self->strings, text);
}

/* A few names, units and medications, over and over. */
static const char *
keep_name (PdCsvImport *self,
           const char  *text)
{
  return text == NULL ? NULL : g_string_chunk_insert_const (self->strings, text);
}

static const char * const *
keep_custom (PdCsvImport        *self,
             const char * const *values)
{
  if (values == NULL)
    return NULL;
  g_ptr_array_add (self->custom_values, g_strdupv ((char **) values));
  return g_ptr_array_index (self->custom_values, self->custom_values->len - 1);
}

/* Adds a copy of the record, whose strings are the row's, to the records to write. */
static void
keep_record (PdCsvImport    *self,
             PdImportRecord *record)
{
  record->name = keep_name (self, record->name);
  record->note = keep_string (self, record->note);
  if (record->kind == PD_RECORD_PAIN)
    {
      record->pain.custom_locations = keep_custom (self, record->pain.custom_locations);
      record->pain.custom_qualities = keep_custom (self, record->pain.custom_qualities);
    }
  else if (record->kind == PD_RECORD_DOSE)
    {
      record->dose.medication_id = keep_name (self, record->dose.medication_id);
      record->dose.unit = keep_name (self, record->dose.unit);
    }
  else if (record->kind == PD_RECORD_EVENT)
    {
      record->event.kind = keep_name (self, record->event.kind);
    }
  g_array_append_vals (self->records, record, 1);
}

/* An event of the file, for the impressions that name it by title. */
static PdEvent *
event_from_record (const PdImportRecord *record)
{
  PdEvent *event = pd_event_new ();

  pd_event_set_id (event, record->id);
  pd_event_set_kind (event, record->event.kind);
  pd_event_set_title (event, record->name);
  pd_event_set_time (event, record->time, record->utc_offset);
  pd_event_set_end_day (event, record->event.end_day);
  pd_event_set_note (event, record->note);
  return event;
}

/* A function or impression row (record holds its kind, KIND_FUNCTION or KIND_IMPRESSION,
 * its id and its time): its record is checked, counted and kept while preparing
 * (committing, it was kept already). */
static gboolean
import_spine_row (PdCsvImport    *self,
                  Row            *row,
                  Pass           *pass,
                  PdImportRecord *record,
                  GError        **error)
{
  g_autoptr(GError) local = NULL;
  gboolean function = (guint) record->kind == KIND_FUNCTION;
  gpointer object;

  if (pass->db != NULL)
    return TRUE;
  object = (function ? _pd_csv_parse_function : _pd_csv_parse_impression) (
             &pass->context, row, record->time, record->utc_offset, error);
  if (object == NULL)
    return FALSE;
  /* The record validators have the last word. */
  if (function)
    pd_function_rating_set_id (object, record->id);
  else
    pd_impression_set_id (object, record->id);
  if (!(function ? pd_function_rating_validate (object, &local)
                 : pd_impression_validate (object, &local)))
    {
      g_object_unref (object);
      return _pd_csv_row_error_from (row, g_steal_pointer (&local), error);
    }
  self->n_rows++;
  if (is_present (pass, record->id))
    {
      self->n_present++;
      g_object_unref (object);
      return TRUE;
    }
  self->n_new[record->kind]++;
  g_ptr_array_add (function ? self->ratings : self->impressions, object);
  return TRUE;
}

/* Checks one row and adds its record to the import, unless the diary already has its id. */
static gboolean
import_row (PdCsvImport *self,
            Row         *row,
            Pass        *pass,
            GError     **error)
{
  const char *kind = row->values[COL_KIND];
  const RowKind *row_kind = NULL;
  PdImportRecord record;
  guint8 binary_id[16];
  guint32 first_line;

  if (row->values[COL_ID][0] == '\0')
    derive_id (row, &pass->seen, record.id);
  else
    {
      if (!parse_uuid (row->values[COL_ID], binary_id))
        {
          g_autofree char *shown = _pd_csv_shorten (row->values[COL_ID]);
          return _pd_csv_row_error (row, COL_ID, error, _("“%s” is not a UUID"), shown);
        }
      first_line = seen_add (&pass->seen, binary_id, row->line);
      if (first_line != 0)
        return _pd_csv_row_error (row, COL_ID, error, _("the same id as line %u"), first_line);
      for (guint i = 0; i <= 36; i++)
        {
          char c = row->values[COL_ID][i];
          record.id[i] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
    }

  if (!_pd_csv_get_time (row, &record.time, &record.utc_offset, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (row_kinds) && row_kind == NULL; i++)
    if (g_ascii_strcasecmp (kind, row_kinds[i].name) == 0)
      row_kind = &row_kinds[i];
  if (row_kind == NULL && *kind == '\0')
    return _pd_csv_row_error (row, COL_KIND, error, _("missing"));
  if (row_kind == NULL)
    {
      g_autofree char *shown = _pd_csv_shorten (kind);
      return _pd_csv_row_error (row, COL_KIND, error,
                                _("“%s” is not a kind (pain, dose, activity, event, function or "
                                  "impression)"), shown);
    }
  record.kind = row_kind->kind;
  if (row_kind->parse == NULL)
    return import_spine_row (self, row, pass, &record, error);
  if (!row_kind->parse (&pass->context, row, &record, error))
    return FALSE;

  if (pass->db != NULL)
    {
      /* Committing a streamed import: the new records go to the next batch. */
      if (!is_present (pass, record.id))
        keep_record (self, &record);
      return TRUE;
    }

  /* An impression's title may name an event of the file, new or not. */
  if (record.kind == PD_RECORD_EVENT)
    g_ptr_array_add (self->known_events, event_from_record (&record));
  self->n_rows++;
  if (is_present (pass, record.id))
    {
      self->n_present++;
      return TRUE;
    }
  self->n_new[record.kind]++;
  if (record.kind == PD_RECORD_PAIN)
    {
      note_custom (self, 0, record.pain.custom_locations);
      note_custom (self, 1, record.pain.custom_qualities);
    }
  if (self->streamed)
    return TRUE;
  keep_record (self, &record);
  if (self->n_rows - self->n_present > max_kept_records)
    {
      self->streamed = TRUE;
      clear_records (self);
    }
  return TRUE;
}

static GHashTable *
regimen_by_name (PdDatabase  *db,
                 GError     **error)
{
  g_autoptr(GPtrArray) medications = pd_database_list_medications (db, error);
  GHashTable *regimen;

  if (medications == NULL)
    return NULL;
  regimen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < medications->len; i++)
    {
      PdMedication *medication = g_ptr_array_index (medications, i);
      char *folded = g_utf8_casefold (pd_medication_get_name (medication), -1);
      const char *key = pd_medication_get_catalogue_key (medication);

      if (g_hash_table_contains (regimen, folded))
        g_free (folded);
      else
        g_hash_table_insert (regimen, folded, g_strdup (pd_medication_get_id (medication)));
      /* "\001" keeps catalogue keys apart from names. */
      if (key != NULL)
        g_hash_table_insert (regimen, g_strconcat ("\001", key, NULL),
                             g_strdup (pd_medication_get_id (medication)));
    }
  return regimen;
}

/* Writes the records kept, in the caller's transaction. */
static gboolean
write_records (PdCsvImport  *self,
               PdDatabase   *db,
               GError      **error)
{
  const PdImportRecord *records = (gconstpointer) self->records->data;

  return pd_database_import_records (db, records, self->records->len, error);
}

static gboolean
flush_batch (PdCsvImport  *self,
             PdDatabase   *db,
             GError      **error)
{
  gboolean ok = write_records (self, db, error);

  clear_records (self);
  return ok;
}

/* A cell without the spaces that people and some tools put around a value ("6, 7"); the
 * text of notes and names is kept as it is. */
static const char *
trim_cell (char *text)
{
  char *end;

  while (*text == ' ' || *text == '\t')
    text++;
  end = text + strlen (text);
  while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  *end = '\0';
  return text;
}

/* One pass over the file: checks every row; keeps, drops or (committing) writes the
 * records. */
static gboolean
run_pass (PdCsvImport  *self,
          Reader       *reader,
          Pass         *pass,
          GError      **error)
{
  Row row = { .file = reader->name };
  int status;

  if (!_pd_csv_source_read (reader, error))
    return FALSE;
  if (reader->total >= 3 && memcmp (reader->buffer, "\xef\xbb\xbf", 3) == 0)
    reader->pos = 3;
  /* What spreadsheets call Unicode text. */
  if (reader->total >= 2 && (memcmp (reader->buffer, "\xff\xfe", 2) == 0 ||
                             memcmp (reader->buffer, "\xfe\xff", 2) == 0))
    {
      _pd_csv_set_error (error, reader->name, 1, "header",
                         _("the file is UTF-16 text; save it as UTF-8 (in a spreadsheet: "
                           "CSV UTF-8)"));
      return FALSE;
    }
  if (!_pd_csv_skip_blank_lines (reader, error))
    return FALSE;
  _pd_csv_read_separator_line (reader);
  if (!_pd_csv_skip_blank_lines (reader, error))
    return FALSE;
  _pd_csv_sniff_header (reader);
  if (!_pd_csv_set_parse_limit (reader, error) || !_pd_csv_read_header (reader, error))
    return FALSE;
  row.decimal_comma = reader->separator != ',';

  while ((status = _pd_csv_next_row (reader, &row.line, error)) > 0)
    {

      /* Blank lines (or rows of separators only), as editors and spreadsheets leave them
       * between rows and at the end, hold nothing: they are skipped. */
      if (_pd_csv_row_is_blank (reader))
        continue;
      if (reader->n_row_fields != reader->n_fields)
        {
          _pd_csv_set_error (error, reader->name, row.line, "columns", _("found %u, the header has %u"),
                             reader->n_row_fields, reader->n_fields);
          status = -1;
          break;
        }
      for (guint u = 0; u < reader->n_unnamed && status > 0; u++)
        if (reader->fields[reader->unnamed[u]][0] != '\0')
          {
            _pd_csv_set_error (error, reader->name, row.line, _pd_csv_field_name (reader, reader->unnamed[u]),
                               _("a value in a column without a name in the header; name the "
                                 "column or leave its cells empty"));
            status = -1;
          }
      if (status < 0)
        break;
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          int i = reader->map[c];

          if (i < 0)
            {
              row.values[c] = "";
              continue;
            }
          row.values[c] = reader->fields[i];
        }
      /* Valid UTF-8 is the rule: one look at the row's text, field by field only to say
       * where it is not. */
      if (!_pd_csv_row_is_ascii (reader) && !_pd_csv_fields_are_valid_utf8 (reader))
        for (guint c = 0; c < N_COLUMNS; c++)
          {
            int i = reader->map[c];

            if (i >= 0 && !g_utf8_validate_len (row.values[c],
                                                reader->lengths[i], NULL))
              {
                _pd_csv_set_error (error, reader->name, row.line, _pd_csv_column_names[c],
                                   _("not valid UTF-8 text; the file may be in another "
                                     "encoding (such as Windows-1252): save it as UTF-8"));
                status = -1;
                break;
              }
          }
      if (status > 0)
        for (guint c = 0; c < N_COLUMNS; c++)
          if (c != COL_NOTE && c != COL_ITEM && reader->map[c] >= 0)
            row.values[c] = trim_cell (reader->fields[reader->map[c]]);
      if (status < 0 || !import_row (self, &row, pass, error) ||
          (pass->db != NULL && self->records->len >= BATCH_SIZE &&
           !flush_batch (self, pass->db, error)))
        break;
    }
  g_strfreev (row.custom[0]);
  g_strfreev (row.custom[1]);
  if (status != 0)
    return FALSE;
  return pass->db == NULL || flush_batch (self, pass->db, error);
}

static void
pass_clear (Pass *pass)
{
  g_clear_pointer (&pass->existing, g_hash_table_unref);
  g_clear_pointer (&pass->regimen, g_hash_table_unref);
  g_clear_pointer (&pass->seen.slots, g_free);
}

static gboolean
pass_init (Pass        *pass,
           PdDatabase  *db,
           GError     **error)
{
  memset (pass, 0, sizeof *pass);
  /* Room for a diary of ten years (2.5 MB, only touched as it fills). */
  pass->seen.slots = g_new0 (SeenId, 1 << 17);
  pass->seen.mask = (1 << 17) - 1;
  if (!(pass->existing = pd_database_dup_record_ids (db, error)) ||
      !(pass->regimen = regimen_by_name (db, error)))
    return FALSE;
  pass->context.regimen = pass->regimen;
  return TRUE;
}

/* What function and impression rows are matched against: the diary's activities and events
 * (the file's events join as they are read). */
static gboolean
load_spine_context (PdCsvImport  *self,
                    PdDatabase   *db,
                    Pass         *pass,
                    GError      **error)
{
  self->function_activities = pd_database_list_function_activities (db, error);
  if (self->function_activities == NULL ||
      !(self->known_events = pd_database_list_events (db, G_MININT64, G_MAXINT64, error)))
    return FALSE;
  self->new_activities = g_ptr_array_new_with_free_func (g_object_unref);
  pass->context.function_activities = self->function_activities;
  pass->context.new_activities = self->new_activities;
  return TRUE;
}

/* After the last row: each new impression's event, by title, among the diary's and the
 * file's. */
static gboolean
resolve_impressions (PdCsvImport  *self,
                     GError      **error)
{
  for (guint i = 0; i < self->impressions->len; i++)
    {
      PdImpression *impression = g_ptr_array_index (self->impressions, i);
      g_autoptr(GError) local = NULL;

      if (!pd_csv_spine_set_impression_event (impression,
                                              g_object_get_data (G_OBJECT (impression),
                                                                 IMPRESSION_TITLE),
                                              self->known_events, &local))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s:%u: %s", self->name,
                       GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (impression),
                                                            IMPRESSION_LINE)),
                       local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Writes the new activities that new ratings use, the ratings and the impressions, inside
 * the caller's transaction. */
static gboolean
save_spine (PdCsvImport  *self,
            PdDatabase   *db,
            GError      **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->ratings->len; i++)
    g_hash_table_add (used, (gpointer) pd_function_rating_get_activity_id (
                                         g_ptr_array_index (self->ratings, i)));
  for (guint i = 0; i < self->new_activities->len; i++)
    {
      PdFunctionActivity *activity = g_ptr_array_index (self->new_activities, i);

      if (g_hash_table_contains (used, pd_function_activity_get_id (activity)) &&
          !pd_database_save_function_activity (db, activity, error))
        return FALSE;
    }
  if (self->ratings->len > 0 && !pd_database_save_function_ratings (db, self->ratings, error))
    return FALSE;
  for (guint i = 0; i < self->impressions->len; i++)
    if (!pd_database_save_impression (db, g_ptr_array_index (self->impressions, i), error))
      return FALSE;
  return TRUE;
}

/* Starts reading the import's file or data from the top. */
static gboolean
reader_open (PdCsvImport  *self,
             Reader       *reader,
             GError      **error)
{
  int fd = -1;
  gsize length = 0;
  const char *data = NULL;

  if (self->path != NULL && (fd = _pd_csv_open_source (self->path, error)) < 0)
    return FALSE;
  if (self->data != NULL)
    data = g_bytes_get_data (self->data, &length);
  _pd_csv_reader_init (reader, self->name, fd, data, length);
  return TRUE;
}

/* The file at path, or else data (taken), named name in messages. */
static PdCsvImport *
prepare (PdDatabase  *db,
         const char  *name,
         const char  *path,
         GBytes      *data,
         GError     **error)
{
  g_autoptr(PdCsvImport) self = g_new0 (PdCsvImport, 1);
  Reader reader;
  Pass pass;
  gboolean ok;

  self->name = g_strdup (name);
  self->path = g_strdup (path);
  self->data = data;
  records_init (self);
  self->ratings = g_ptr_array_new_with_free_func (g_object_unref);
  self->impressions = g_ptr_array_new_with_free_func (g_object_unref);
  if (!reader_open (self, &reader, error))
    return NULL;
  ok = pass_init (&pass, db, error) && load_spine_context (self, db, &pass, error) &&
       run_pass (self, &reader, &pass, error) && resolve_impressions (self, error);
  pass_clear (&pass);
  _pd_csv_reader_clear (&reader);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

PdCsvImport *
pd_csv_import_prepare_data (PdDatabase  *db,
                            const char  *name,
                            const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return prepare (db, name, NULL, g_bytes_new (data, length), error);
}

PdCsvImport *
pd_csv_import_prepare (PdDatabase  *db,
                       const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return prepare (db, path, path, NULL, error);
}

guint
pd_csv_import_get_n_rows (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

guint
pd_csv_import_get_n_new (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows - self->n_present;
}

guint
pd_csv_import_get_n_present (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_present;
}

guint
pd_csv_import_get_n_new_of_kind (PdCsvImport  *self,
                                 PdRecordKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind <= PD_RECORD_EVENT, 0);
  return self->n_new[kind];
}

guint
pd_csv_import_get_n_new_function_ratings (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_new[KIND_FUNCTION];
}

guint
pd_csv_import_get_n_new_impressions (PdCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_new[KIND_IMPRESSION];
}

const char * const *
pd_csv_import_get_custom_values (PdCsvImport *self,
                                 PdTagKind    tag_kind)
{
  static const char * const none[] = { NULL };
  GPtrArray *values;

  g_return_val_if_fail (self != NULL, none);
  g_return_val_if_fail (tag_kind == PD_TAG_LOCATION || tag_kind == PD_TAG_QUALITY, none);
  values = self->custom[tag_kind == PD_TAG_LOCATION ? 0 : 1];
  /* An empty array's pdata may be NULL, null-terminated or not. */
  return values != NULL && values->len > 0 ? (const char * const *) values->pdata : none;
}

/* Reads the file again and writes its new records in batches, in one transaction. */
static gboolean
commit_streamed (PdCsvImport  *self,
                 PdDatabase   *db,
                 GError      **error)
{
  Reader reader;
  Pass pass;
  gboolean ok;

  if (!reader_open (self, &reader, error))
    return FALSE;
  if (!pd_database_begin (db, error))
    {
      _pd_csv_reader_clear (&reader);
      return FALSE;
    }
  ok = pass_init (&pass, db, error);
  pass.db = db;
  ok = ok && run_pass (self, &reader, &pass, error) && save_spine (self, db, error);
  pass_clear (&pass);
  _pd_csv_reader_clear (&reader);
  clear_records (self);
  if (!ok)
    {
      pd_database_rollback (db);
      return FALSE;
    }
  return pd_database_commit (db, error);
}

gboolean
pd_csv_import_commit (PdCsvImport  *self,
                      PdDatabase   *db,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing new: leave the file untouched. */
  if (pd_csv_import_get_n_new (self) == 0)
    return TRUE;
  if (self->streamed)
    return commit_streamed (self, db, error);
  if (!pd_database_begin (db, error))
    return FALSE;
  if (!write_records (self, db, error) ||
      !save_spine (self, db, error))
    {
      pd_database_rollback (db);
      return FALSE;
    }
  return pd_database_commit (db, error);
}

void
pd_csv_import_free (PdCsvImport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->custom_values, g_ptr_array_unref);
  g_clear_pointer (&self->ratings, g_ptr_array_unref);
  g_clear_pointer (&self->impressions, g_ptr_array_unref);
  g_clear_pointer (&self->function_activities, g_ptr_array_unref);
  g_clear_pointer (&self->new_activities, g_ptr_array_unref);
  g_clear_pointer (&self->known_events, g_ptr_array_unref);
  g_clear_pointer (&self->custom[0], g_ptr_array_unref);
  g_clear_pointer (&self->custom[1], g_ptr_array_unref);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->name);
  g_free (self->path);
  g_free (self);
}
