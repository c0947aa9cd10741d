/* fuzz-csv.c: libFuzzer harnesses for the CSV import (tests/fuzz/meson.build builds this
 * file once per FUZZ_TARGET)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the public CSV functions (pd-csv.h), so the harnesses follow the format as it grows.
 *   FUZZ_READER  the input is a whole file: the CSV reader, header and rows.
 *   FUZZ_ROWS    the header, then the input as rows: the import validator.
 *   FUZZ_DATE    the input as a date: pd_csv_parse_date, and the date cell of a row.
 *   FUZZ_TIME    the input as the time cell of a pain row.
 *   FUZZ_OFFSET  the input as the utc_offset cell of a pain row.
 *
 * Invariants (a failure aborts, which libFuzzer reports as a crash):
 * - a refused file gets a message "fuzz.csv:LINE: ..." and the diary it was checked
 *   against is unchanged;
 * - an accepted file round-trips: imported into an empty diary and exported, that export
 *   imported into another empty diary exports the same bytes, and imported again adds
 *   nothing new.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd-csv.h"

#define NAME "fuzz.csv"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static PdDatabase *witness;     /* a diary with one record, checked against each input */
static GBytes *witness_csv;     /* its export, which must never change */

G_NORETURN static void
fail (const char *what,
      const char *detail)
{
  fprintf (stderr, "fuzz-csv: invariant broken: %s\n%s\n", what, detail ? detail : "");
  abort ();
}

static GBytes *
export_all (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDiaryData) diary = pd_database_load (db, &error);

  if (diary == NULL)
    fail ("the diary loads", error->message);
  return pd_csv_export (diary, 0, 0);
}

/* Imports data into db; TRUE when it was accepted (and committed), FALSE with the
 * message in *message when it was refused. */
static gboolean
import (PdDatabase  *db,
        const char  *data,
        gsize        length,
        char       **message,
        guint       *n_new)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) import = pd_csv_import_prepare_data (db, NAME, data, length, &error);

  if (import == NULL)
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  if (n_new != NULL)
    *n_new = pd_csv_import_get_n_new (import);
  if (!pd_csv_import_commit (import, db, &error))
    fail ("a prepared import commits", error->message);
  return TRUE;
}

static gboolean
names_file_and_line (const char *message)
{
  const char *p;

  if (!g_str_has_prefix (message, NAME ":"))
    return FALSE;
  p = message + strlen (NAME ":");
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return g_str_has_prefix (p, ": ");
}

static void
setup (void)
{
  static const char seed[] =
    PD_CSV_HEADER "\r\n"
    "5f2b8c1e-7a4d-4c3b-9e21-00000000f001,2026-03-01,08:30,+01:00,pain,4,,,,,,,,,,,,,,seed,,,,\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  witness = pd_database_new_in_memory (NAME, &error);
  if (witness == NULL)
    fail ("an in-memory diary opens", error->message);
  if (!import (witness, seed, sizeof seed - 1, &message, NULL))
    fail ("the seed imports", message);
  witness_csv = export_all (witness);
}

static void
check (const char *data,
       gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCsvImport) checked = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(PdDatabase) first = NULL;
  g_autoptr(PdDatabase) second = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autofree char *message = NULL;
  guint n_new = 0;

  /* Checked against a diary and not committed: nothing changes, accepted or not. */
  checked = pd_csv_import_prepare_data (witness, NAME, data, length, &error);
  if (checked == NULL && !names_file_and_line (error->message))
    fail ("a refused file is named with its line", error->message);
  after = export_all (witness);
  if (!g_bytes_equal (after, witness_csv))
    fail ("checking a file changes nothing", NULL);
  /* Refused: nothing more to check (and most inputs are; the fuzzer runs faster). */
  if (checked == NULL)
    return;
  g_clear_pointer (&checked, pd_csv_import_free);

  first = pd_database_new_in_memory (NAME, &error);
  if (first == NULL)
    fail ("an in-memory diary opens", error->message);
  if (!import (first, data, length, &message, NULL))
    {
      if (!names_file_and_line (message))
        fail ("a refused file is named with its line", message);
      exported = export_all (first);
      if (g_bytes_get_size (exported) != strlen (PD_CSV_HEADER "\r\n"))
        fail ("a refused file leaves the diary empty", NULL);
      return;
    }

  exported = export_all (first);
  second = pd_database_new_in_memory (NAME, &error);
  if (second == NULL)
    fail ("an in-memory diary opens", error->message);
  if (!import (second, g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
               &message, NULL))
    fail ("an export imports", message);
  again = export_all (second);
  if (!g_bytes_equal (exported, again))
    fail ("an accepted file round-trips", g_bytes_get_data (exported, NULL));
  if (!import (first, g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
               &message, &n_new))
    fail ("an export imports into its own diary", message);
  if (n_new != 0)
    fail ("an export imported into its own diary adds nothing new", NULL);
}

#if defined FUZZ_DATE || defined FUZZ_TIME || defined FUZZ_OFFSET
/* A pain row with text in the column named by cell. */
static GString *
row_with (const char *cell,
          const char *text,
          gsize       length)
{
  GString *csv = g_string_new (PD_CSV_HEADER "\r\n");
  const char *date = "2026-03-01", *time = "08:30", *offset = "+01:00";

  if (g_str_equal (cell, "date"))
    date = NULL;
  else if (g_str_equal (cell, "time"))
    time = NULL;
  else
    offset = NULL;
  g_string_append (csv, "5f2b8c1e-7a4d-4c3b-9e21-00000000f002,");
  if (date != NULL)
    g_string_append (csv, date);
  else
    g_string_append_len (csv, text, length);
  g_string_append_c (csv, ',');
  if (time != NULL)
    g_string_append (csv, time);
  else
    g_string_append_len (csv, text, length);
  g_string_append_c (csv, ',');
  if (offset != NULL)
    g_string_append (csv, offset);
  else
    g_string_append_len (csv, text, length);
  g_string_append (csv, ",pain,5,,,,,,,,,,,,,,,,,,\r\n");
  return csv;
}
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;

  if (witness == NULL)
    setup ();
  if (size > 64 * 1024)
    return 0;

#if defined FUZZ_READER
  check (text, size);
#elif defined FUZZ_ROWS
  g_autoptr(GString) csv = g_string_new (PD_CSV_HEADER "\r\n");
  g_string_append_len (csv, text, size);
  check (csv->str, csv->len);
#elif defined FUZZ_DATE
  {
    g_autofree char *date = g_strndup (text, size);
    guint32 day = 0;
    g_autoptr(GString) csv = NULL;

    if (strlen (date) == size && pd_csv_parse_date (date, &day))
      {
        /* An accepted date is a real one: ten characters, YYYY-MM-DD, that the
         * calendar has. */
        if (size != 10 || !g_date_valid_dmy (g_ascii_strtoull (date + 8, NULL, 10),
                                             g_ascii_strtoull (date + 5, NULL, 10),
                                             g_ascii_strtoull (date, NULL, 10)))
          fail ("pd_csv_parse_date accepts only real YYYY-MM-DD dates", date);
      }
    if (size <= 40)
      {
        csv = row_with ("date", text, size);
        check (csv->str, csv->len);
      }
  }
#elif defined FUZZ_TIME
  if (size <= 40)
    {
      g_autoptr(GString) csv = row_with ("time", text, size);
      check (csv->str, csv->len);
    }
#elif defined FUZZ_OFFSET
  if (size <= 40)
    {
      g_autoptr(GString) csv = row_with ("utc_offset", text, size);
      check (csv->str, csv->len);
    }
#else
#error "FUZZ_TARGET: one of FUZZ_READER, FUZZ_ROWS, FUZZ_DATE, FUZZ_TIME, FUZZ_OFFSET"
#endif
  return 0;
}
