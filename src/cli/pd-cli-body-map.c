/* pd-cli-body-map.c: --body-map=FILE.png|FILE.svg, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cli-body-map"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-body-map.h"
#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-types.h"


int
pd_cli_body_map (const char *diary,
                 const char *file,
                 const char *from,
                 const char *to,
                 int         width,
                 int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdDiaryData) data = NULL;
  g_autoptr(PdBodyStats) stats = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;
  g_autofree char *custom = NULL;
  PdBodyMapData map = { 0, -1, NULL };
  guint32 first, last, n_days;
  PdCliPictureOptions options;
  int status;

  if (!(db = pd_cli_picture_open (PD_CLI_BODY_MAP, diary, file, from, to, width, height, &options,
                                   &status)))
    return status;
  first = options.first;
  last = options.last;
  n_days = last - first + 1;

  /* The period before too: is the pain below the knee new? */
  data = pd_cli_load_days (db, first - n_days, last, &error);
  if (data == NULL)
    {
      g_printerr ("pain-diary: %s: %s\n", diary, error->message);
      return 1;
    }
  stats = pd_body_stats_new (data->pain_entries, first, last);
  map.stats = stats;
  if (!pd_cli_picture_write (diary, file, &options, &map, db))
    return 1;
  summary = pd_body_stats_summary (stats, 8);
  note = pd_body_stats_note (stats);
  custom = pd_body_stats_describe_custom (stats);
  g_print ("%s\n", summary);
  if (custom != NULL)
    g_print ("%s\n", custom);
  if (note != NULL)
    g_print ("%s\n", note);
  return 0;
}
