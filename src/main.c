/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "pd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdApplication) app = NULL;
  int status;

#ifdef __GLIBC__
  /* Memory (issue 11): the load and grouping threads would each get a malloc arena of
   * their own, and glibc's threshold for mapping big blocks rises as they are freed, so
   * freed blocks stay resident in the heap. Two arenas and a fixed threshold cut the
   * window's peak with the 10-year diary by about 6 MB. */
  mallopt (M_ARENA_MAX, 2);
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024);
#endif
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
