/* pd-cli-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pain-diary"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-cli-common.h"
#include "pd-csv.h"
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

gboolean
pd_cli_parse_period (const char *from,
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

PdDatabase *
pd_cli_open_diary (const char *diary)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db;

  /* Read-only: nothing written from the diary writes to it, not even a backup. */
  db = pd_database_open (diary, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS |
                                PD_DATABASE_CHECK_LATER, &error);
  if (db == NULL)
    g_printerr ("pain-diary: %s: %s\n", diary, error->message);
  return db;
}

gboolean
pd_cli_default_period (PdDatabase *db,
                       const char *diary,
                       const char *from,
                       const char *to,
                       guint       days,
                       guint32    *first,
                       guint32    *last)
{
  g_autoptr(GError) error = NULL;

  if (to == NULL)
    {
      /* The newest day with data (a few rows through the time index). */
      *last = pd_database_get_last_day (db, &error);
      if (error != NULL)
        {
          g_printerr ("pain-diary: %s: %s\n", diary, error->message);
          return FALSE;
        }
      if (*last == 0)
        *last = pd_local_today (NULL);
      if (from != NULL)
        *last = MAX (*last, *first);
    }
  if (from == NULL)
    *first = *last - (days - 1);
  return TRUE;
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

/* The sizes of the pictures, in pixels, and their default periods */
#define MAX_SIZE 20000

static const struct
{
  int default_width;
  int default_height;
  int min_width;
  int min_height;
  guint default_days;
} pictures[] = {
  [PD_CLI_CHART] = { 1600, 900, 200, 150, 90 },
  /* "Where was the pain last month". */
  [PD_CLI_BODY_MAP] = { 900, 1000, 200, 300, 30 },
};

static gboolean
check_picture (PdCliPicture          picture,
               const char           *file,
               PdCliPictureOptions  *options)
{
  int width = options->width != 0 ? options->width : pictures[picture].default_width;
  int height = options->height != 0 ? options->height : pictures[picture].default_height;

  if (g_str_has_suffix (file, ".png") || g_str_has_suffix (file, ".PNG"))
    options->format = PD_CLI_IMAGE_PNG;
  else if (g_str_has_suffix (file, ".svg") || g_str_has_suffix (file, ".SVG"))
    options->format = PD_CLI_IMAGE_SVG;
  else
    {
      if (picture == PD_CLI_CHART)
        g_printerr (_("pain-diary: %s: --chart writes .png or .svg files\n"), file);
      else
        g_printerr (_("pain-diary: %s: --body-map writes .png or .svg files\n"), file);
      return FALSE;
    }
  if (width < pictures[picture].min_width || height < pictures[picture].min_height ||
      width > MAX_SIZE || height > MAX_SIZE)
    {
      if (picture == PD_CLI_CHART)
        g_printerr (_("pain-diary: --width and --height: from 200×150 to %d×%d pixels\n"),
                    MAX_SIZE, MAX_SIZE);
      else
        g_printerr (_("pain-diary: --width and --height: from 200×300 to %d×%d pixels\n"),
                    MAX_SIZE, MAX_SIZE);
      return FALSE;
    }
  options->width = width;
  options->height = height;
  return TRUE;
}

PdDatabase *
pd_cli_picture_open (PdCliPicture          picture,
                     const char           *diary,
                     const char           *file,
                     const char           *from,
                     const char           *to,
                     int                   width,
                     int                   height,
                     PdCliPictureOptions  *options,
                     int                  *status)
{
  g_autoptr(PdDatabase) db = NULL;

  options->picture = picture;
  options->width = width;
  options->height = height;
  *status = 2;
  if (!check_picture (picture, file, options) ||
      !pd_cli_parse_period (from, to, 1000, &options->first, &options->last))
    return NULL;

  /* Read-only: a picture never writes to the diary, not even a backup. */
  *status = 1;
  if (!(db = pd_cli_open_diary (diary)) ||
      !pd_cli_default_period (db, diary, from, to, pictures[picture].default_days,
                              &options->first, &options->last))
    return NULL;
  *status = 0;
  return g_steal_pointer (&db);
}
