/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  /* The uninstalled program (build-aux/run, the tests) finds its translations in the build
   * tree through PAIN_DIARY_LOCALEDIR. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PAIN_DIARY_LOCALEDIR") != NULL
                                     ? g_getenv ("PAIN_DIARY_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Bad usage exits with 2 before anything starts (DESIGN.md: exit status). */
  if (!pd_application_check_usage (argc, argv, &status))
    return status;

  app = pd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
