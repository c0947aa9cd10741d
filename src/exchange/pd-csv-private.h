/* pd-csv-private.h: shared by the CSV writer and reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-database-export.h"

G_BEGIN_DECLS

/* pd-csv-row.c: cells and rows of the diary CSV. */
/* Whether a text cell gets a leading quote on export (formula neutralisation); the reader
 * removes one leading quote exactly when the rest passes this test. */
gboolean _pd_csv_needs_neutralising (const char *text);
void  _pd_csv_append_cell   (GString              *out,
                             const char           *text,
                             gboolean              neutralise);
void  _pd_csv_append_int    (GString              *out,
                             gint64                value);
/* A Julian day as YYYY-MM-DD. */
void  _pd_csv_append_date   (GString              *out,
                             guint32               day);
/* The id as the row starts with it; returns its length. */
gsize _pd_csv_append_id     (GString              *out,
                             const PdExportRecord *record);
/* The record's whole row, CRLF included. stored: the tag lists are as the diary stores
 * them (else as pd_tags_to_string_full writes a record object's). */
void  _pd_csv_append_record (GString              *out,
                             const PdExportRecord *record,
                             gboolean              stored);

static inline gint64
_pd_csv_floor_div (gint64 a,
                   gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* For tests: the size of the first read, and how many new records an import keeps in
 * memory before it streams (reads the file again at commit). */
void _pd_csv_import_set_sizes (gsize chunk,
                               guint max_kept);

G_END_DECLS
