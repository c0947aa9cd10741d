/* pd-cli-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pain-diary"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-cli-common.h"
#include "pd-csv.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-types.h"

/* Local days reach 14 hours either side of UTC. */
#define MAX_OFFSET (14 * 3600)

static gboolean
parse_date (const char *text,
            int         min_year,
            guint32    *day)
{
  /* pd_csv_parse_date takes exactly YYYY-MM-DD; the year is its first four digits. */
  return pd_csv_parse_date (text, day) && g_ascii_strtoll (text, NULL, 10) >= min_year;
}

static gboolean
parse_period (const char *from,
              const char *to,
              int         min_year,
              guint32    *first,
              guint32    *last)
{
  *first = 0;
  *last = 0;
  if (from != NULL && !parse_date (from, min_year, first))
    {
      g_printerr (_("pain-diary: --from: “%s” is not a date (YYYY-MM-DD)\n"), from);
      return FALSE;
    }
  if (to != NULL && !parse_date (to, min_year, last))
    {
      g_printerr (_("pain-diary: --to: “%s” is not a date (YYYY-MM-DD)\n"), to);
      return FALSE;
    }
  if (from != NULL && to != NULL && *first > *last)
    {
      g_printerr (_("pain-diary: --from %s is after --to %s\n"), from, to);
      return FALSE;
    }
  return TRUE;
}

int
pd_cli_check_names (const char *diary,
                    const char *file,
                    const char *message)
{
  if (*file == '\0')
    {
      g_printerr ("%s", _(message));
      return 2;
    }
  if (diary != NULL && !g_file_test (diary, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("pain-diary: %s: no such diary\n"), diary);
      return 1;
    }
  return 0;
}

PdDatabase *
pd_cli_open_period (const PdCliRequest *request,
                    int                 min_year,
                    guint               days,
                    PdCliPeriod        *period,
                    int                *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  const char *diary = request->diary, *from = request->from, *to = request->to;

  *status = 2;
  if (!parse_period (from, to, min_year, &period->first, &period->last))
    return NULL;
  *status = 1;
  /* Read-only: nothing written from the diary writes to it, not even a backup. */
  if (!(db = pd_database_open (diary, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS |
                                      PD_DATABASE_CHECK_LATER, &error)))
    {
      pd_cli_fail (diary, error);
      return NULL;
    }
  if (days != 0 && to == NULL)
    {
      /* The newest day with data (a few rows through the time index). */
      period->last = pd_database_get_last_day (db, &error);
      if (error != NULL)
        {
          pd_cli_fail (diary, error);
          return NULL;
        }
      if (period->last == 0)
        period->last = pd_local_today (NULL);
      if (from != NULL)
        period->last = MAX (period->last, period->first);
    }
  if (days != 0 && from == NULL)
    period->first = period->last - (days - 1);
  *status = 0;
  return g_steal_pointer (&db);
}

int
pd_cli_fail (const char   *where,
             const GError *error)
{
  g_autofree char *backup = NULL;

  /* A damaged diary with a good backup: the window restores it (the command line has no
   * option of its own for that), said on the same line. */
  if (where != NULL && g_error_matches (error, PD_ERROR, PD_ERROR_DAMAGED) &&
      (backup = pd_database_find_newest_good_backup (where)) != NULL)
    {
      g_autofree char *quoted = g_shell_quote (where);

      g_printerr ("pain-diary: %s: %s. ", where, error->message);
      /* Translators: the end of a damaged diary's message; %s is the diary's file name. */
      g_printerr (_("To restore the backup, open the diary in the window (pain-diary -d %s) "
                    "and choose Restore Newest Backup\n"), quoted);
    }
  else if (where != NULL)
    g_printerr ("pain-diary: %s: %s\n", where, error->message);
  else
    g_printerr ("pain-diary: %s\n", error->message);
  return 1;
}

PdDiaryData *
pd_cli_load_days (PdDatabase  *db,
                  guint32      first,
                  guint32      last,
                  GError     **error)
{
  return pd_database_load_range (db, pd_local_day_start (first, MAX_OFFSET),
                                 pd_local_day_start (last + 1, -MAX_OFFSET), error);
}
