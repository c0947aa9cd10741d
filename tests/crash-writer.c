/* crash-writer.c: changes a diary until killed, for test-crash
 *
 * Usage: crash-writer DIARY RUN
 *
 * Prints "S" first. Opens DIARY as the app does (creating it, or migrating an older one,
 * with daily backups on: a kill may land in any of them), then saves, edits, deletes,
 * undoes and imports pain entries, one operation after another. Before each operation it
 * prints what the operation will do, one line per entry:
 *
 *   N ID NOTE   a new entry (single, batch of BATCH_SIZE or imported CSV rows)
 *   E ID NOTE   the entry's note changed
 *   D ID        the entry deleted
 *   R ID        the deleted entry restored (undo)
 *
 * and after it returned TRUE a line "A": a promise that all of that is on disk. The lines
 * of one operation are all done or none. Notes have no spaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crash-writer"

#include "config.h"

#include <stdio.h>

#include "pd-csv.h"
#include "pd-database.h"

#define BATCH_SIZE 5
#define IMPORT_SIZE 3

typedef struct
{
  PdDatabase *db;
  guint64 run;
  GPtrArray *live;      /* PdPainEntry acknowledged this run, not deleted */
  GPtrArray *deleted;   /* ids deleted this run, newest last */
  GString *intent;
} Writer;

static PdPainEntry *
new_entry (Writer     *w,
           guint       n,
           const char *kind)
{
  PdPainEntry *entry = pd_pain_entry_new ();
  g_autofree char *note = g_strdup_printf ("r%" G_GUINT64_FORMAT "-%s-%u", w->run, kind, n);

  pd_pain_entry_set_pain (entry, (int) (n % 11));
  pd_pain_entry_set_mood (entry, (int) ((n + 3) % 11));
  pd_pain_entry_set_locations (entry, n % 7);
  pd_pain_entry_set_note (entry, note);
  return entry;
}

static void
announce (Writer *w)
{
  fputs (w->intent->str, stdout);
  fflush (stdout);
  g_string_truncate (w->intent, 0);
}

static void
acknowledge (void)
{
  fputs ("A\n", stdout);
  fflush (stdout);
}

/* The intent line of a new entry: "N id note". */
static void
intend_new (Writer      *w,
            PdPainEntry *entry)
{
  g_string_append_printf (w->intent, "N %s %s\n", pd_pain_entry_get_id (entry),
                          pd_pain_entry_get_note (entry));
}

static gboolean
save_single (Writer  *w,
             guint    n,
             GError **error)
{
  g_autoptr(PdPainEntry) entry = new_entry (w, n, "single");

  intend_new (w, entry);
  announce (w);
  if (!pd_database_save_pain_entry (w->db, entry, error))
    return FALSE;
  g_ptr_array_add (w->live, g_steal_pointer (&entry));
  return TRUE;
}

static gboolean
save_batch (Writer  *w,
            guint    n,
            GError **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < BATCH_SIZE; i++)
    {
      PdPainEntry *entry = new_entry (w, n * 10 + i, "batch");

      g_ptr_array_add (batch, entry);
      intend_new (w, entry);
    }
  announce (w);
  if (!pd_database_save_pain_entries (w->db, batch, error))
    return FALSE;
  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (w->live, g_object_ref (batch->pdata[i]));
  return TRUE;
}

static gboolean
edit (Writer  *w,
      guint    n,
      GError **error)
{
  PdPainEntry *entry;
  g_autofree char *note = NULL;

  if (w->live->len == 0)
    return save_single (w, n, error);
  entry = w->live->pdata[g_random_int_range (0, w->live->len)];
  note = g_strdup_printf ("r%" G_GUINT64_FORMAT "-edit-%u", w->run, n);
  g_string_append_printf (w->intent, "E %s %s\n", pd_pain_entry_get_id (entry), note);
  announce (w);
  pd_pain_entry_set_note (entry, note);
  return pd_database_save_pain_entry (w->db, entry, error);
}

typedef gboolean (*EntryOp) (PdDatabase  *db,
                             const char  *id,
                             GError     **error);

/* Takes the entry at index out of from, announces "tag id", runs op on it and, once it is
 * done, puts the entry into to. */
static gboolean
move_entry (Writer     *w,
            GPtrArray  *from,
            guint       index,
            GPtrArray  *to,
            char        tag,
            EntryOp     op,
            GError    **error)
{
  g_autoptr(PdPainEntry) entry = g_ptr_array_steal_index_fast (from, index);

  g_string_append_printf (w->intent, "%c %s\n", tag, pd_pain_entry_get_id (entry));
  announce (w);
  if (!op (w->db, pd_pain_entry_get_id (entry), error))
    return FALSE;
  g_ptr_array_add (to, g_steal_pointer (&entry));
  return TRUE;
}

static gboolean
delete (Writer  *w,
        guint    n,
        GError **error)
{
  if (w->live->len == 0)
    return save_single (w, n, error);
  return move_entry (w, w->live, g_random_int_range (0, w->live->len), w->deleted, 'D',
                     pd_database_delete_pain_entry, error);
}

/* The last deleted entry comes back. */
static gboolean
undo (Writer  *w,
      guint    n,
      GError **error)
{
  if (w->deleted->len == 0)
    return save_single (w, n, error);
  return move_entry (w, w->deleted, w->deleted->len - 1, w->live, 'R',
                     pd_database_restore_pain_entry, error);
}

static gboolean
import_rows (Writer  *w,
             guint    n,
             GError **error)
{
  g_autoptr(GString) csv = g_string_new ("id,date,time,utc_offset,kind,pain,enjoyment_interference,"
                                         "activity_interference,locations,qualities,sleep_hours,"
                                         "sleep_quality,mood,red_flags,item,amount,unit,"
                                         "duration_min,intensity,note\n");
  g_autoptr(PdCsvImport) import = NULL;

  for (guint i = 0; i < IMPORT_SIZE; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *note = g_strdup_printf ("r%" G_GUINT64_FORMAT "-import-%u-%u", w->run, n, i);

      g_string_append_printf (csv, "%s,2025-03-%02u,08:%02u,+01:00,pain,%u,,,,,,,,,,,,,,%s\n",
                              id, 1 + n % 28, i, (n + i) % 11, note);
      g_string_append_printf (w->intent, "N %s %s\n", id, note);
    }
  announce (w);
  return (import = pd_csv_import_prepare_data (w->db, "crash.csv", csv->str, csv->len, error)) &&
         pd_csv_import_commit (import, w->db, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) intent = g_string_new (NULL);
  g_autoptr(PdDatabase) db = NULL;
  gboolean (*operations[]) (Writer *, guint, GError **) = {
    save_single, save_batch, edit, delete, save_single, undo, edit, import_rows,
  };
  Writer w = { NULL, 0, live, deleted, intent };

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT, &w.run, NULL))
    {
      g_printerr ("Usage: %s DIARY RUN\n", argv[0]);
      return 2;
    }

  /* Started: the kills that aim at opening count from here. */
  fputs ("S\n", stdout);
  fflush (stdout);

  /* Daily backups on: a kill may also land in the middle of one. */
  db = pd_database_open (argv[1], PD_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  w.db = db;

  for (guint n = 0; ; n++)
    {
      if (!operations[n % G_N_ELEMENTS (operations)] (&w, n, &error))
        break;
      acknowledge ();
    }

  g_printerr ("%s\n", error->message);
  return 1;
}
