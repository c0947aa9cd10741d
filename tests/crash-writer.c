/* crash-writer.c: saves entries until killed, for test-crash
 *
 * Usage: crash-writer DIARY RUN
 *
 * Prints the id of every entry only after pd_database_save_pain_entry() or
 * pd_database_save_pain_entries() returned TRUE: a printed id is a promise that the entry
 * is on disk. Single entries have the note "run R single N"; every third write is a batch
 * of BATCH_SIZE entries with the note "run R batch N", which must be all there or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crash-writer"

#include "config.h"

#include <stdio.h>

#include "pd-database.h"

#define BATCH_SIZE 5

static PdPainEntry *
new_entry (guint64     run,
           guint       n,
           const char *kind)
{
  PdPainEntry *entry = pd_pain_entry_new ();
  g_autofree char *note = g_strdup_printf ("run %" G_GUINT64_FORMAT " %s %u", run, kind, n);

  pd_pain_entry_set_pain (entry, (int) (n % 11));
  pd_pain_entry_set_mood (entry, (int) ((n + 3) % 11));
  pd_pain_entry_set_locations (entry, n % 7);
  pd_pain_entry_set_note (entry, note);
  return entry;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint64 run;

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT, &run, NULL))
    {
      g_printerr ("Usage: %s DIARY RUN\n", argv[0]);
      return 2;
    }

  /* Daily backups on: a kill may also land in the middle of one. */
  db = pd_database_open (argv[1], PD_DATABASE_FLAGS_NONE, &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint n = 0; ; n++)
    {
      if (n % 3 == 2)
        {
          g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < BATCH_SIZE; i++)
            g_ptr_array_add (batch, new_entry (run, n, "batch"));
          if (!pd_database_save_pain_entries (db, batch, &error))
            break;
          for (guint i = 0; i < batch->len; i++)
            printf ("%s\n", pd_pain_entry_get_id (batch->pdata[i]));
        }
      else
        {
          g_autoptr(PdPainEntry) entry = new_entry (run, n, "single");

          if (!pd_database_save_pain_entry (db, entry, &error))
            break;
          printf ("%s\n", pd_pain_entry_get_id (entry));
        }
      fflush (stdout);
    }

  g_printerr ("%s\n", error->message);
  return 1;
}
