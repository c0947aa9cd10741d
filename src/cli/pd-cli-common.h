/* pd-cli-common.h: what the command line's operations share: --from/--to, the diary opened
 * read-only for a file written from it, the default period, and the image options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each prints its own error on stderr, as pd-cli.h says (usage errors: exit status 2; the
 * diary's: 1), and returns FALSE or NULL.
 */

#pragma once

#include "pd-cli.h"
#include "pd-database.h"

G_BEGIN_DECLS

/* The local days an operation covers, as Julian days. */
typedef struct
{
  guint32 first;
  guint32 last;
} PdCliPeriod;

/* The names an operation needs: an empty file name prints message (marked for translation,
 * translated here) and gives 2; a diary (NULL: not checked) that does not exist, 1; else 0. */
int          pd_cli_check_names    (const char  *diary,
                                    const char  *file,
                                    const char  *message);
/* Parses request's --from/--to (YYYY-MM-DD; either may be NULL) into period, 0 for one not
 * given (a date before min_year is no date: the pictures take none before 1000), else
 * *status is 2. Then opens its diary read-only, for a file written from it: no backup, and
 * the quick check runs meanwhile (pd_database_finish_check before the file takes its name).
 * When days is not 0, fills in the default period of a picture or report: without --to, up
 * to the newest day with data (today for an empty diary, never before --from); without
 * --from, the `days` days up to there. NULL after printing the error, *status then 1. */
PdDatabase  *pd_cli_open_period    (const PdCliRequest *request,
                                    int                 min_year,
                                    guint               days,
                                    PdCliPeriod        *period,
                                    int                *status);
/* Prints "pain-diary: where: message" (where NULL: "pain-diary: message") and returns 1,
 * the exit status of a failed operation. */
int          pd_cli_fail           (const char  *where,
                                    const GError *error);
/* The records of the local days first to last, wherever their time zone. */
PdDiaryData *pd_cli_load_days      (PdDatabase  *db,
                                    guint32      first,
                                    guint32      last,
                                    GError     **error);

typedef enum
{
  PD_CLI_IMAGE_PNG,
  PD_CLI_IMAGE_SVG,
} PdCliImageFormat;

typedef struct
{
  PdCliPicture picture;
  PdCliImageFormat format;   /* from the file's name */
  int width;                 /* --width/--height, or the picture's defaults */
  int height;
  PdCliPeriod period;        /* --from/--to, or the picture's default */
} PdCliPictureOptions;

/* pd-cli-picture.c: draws data (PdChartData or PdBodyMapData, as options->picture says) into
 * request's file, as options say (0600, atomically, once the diary's quick check passed);
 * FALSE after printing the error. */
gboolean     pd_cli_picture_write  (const PdCliRequest        *request,
                                    const PdCliPictureOptions *options,
                                    gconstpointer              data,
                                    PdDatabase                *db);

G_END_DECLS
