/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program is two halves. This one, linked with GLib, SQLite and the layers below the
 * widgets only, checks the command line and runs every operation that needs no window
 * (pd-cli-options.c): a CSV or FHIR export, an import, a backup start in a few milliseconds
 * instead of first loading GTK and its libraries. Anything else (the window, a review, a
 * picture or the report) loads the other half, the pain-diary-ui module, and hands it the
 * command line unchanged.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <gmodule.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "pd-cli-options.h"

typedef int (*PdMainFunc) (int    argc,
                           char **argv);

static gboolean
run_operation (GApplication *app,
               GVariantDict *options,
               int          *status)
{
  *status = pd_cli_handle_options (options);
  /* 0 ends the run here either way; -1 is for the module. */
  return MAX (*status, 0);
}

/* The exit status of the operation the command line asks for, or -1 when it asks for
 * something that needs the module. */
static int
run_without_window (int    argc,
                    char **argv)
{
  g_autoptr(GApplication) app = NULL;
  int status = -1;
  int exit_status;

  if (pd_cli_asks_for_help (argc, argv))
    return -1;
  /* The same options, parsed by the same class as the application's (GApplication), so
   * that the operation sees just what it would see there. */
  app = g_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_COMMAND_LINE);
  g_application_add_main_option_entries (app, pd_cli_get_option_entries ());
  g_signal_connect (app, "handle-local-options", G_CALLBACK (run_operation), &status);
  exit_status = g_application_run (app, argc, argv);
  return status >= 0 ? exit_status : -1;
}

/* The module next to the program (in the build tree), else where it is installed: first
 * from the program's folder, so that a moved installation (a DESTDIR) finds its own. */
static GModule *
open_ui_module (GError **error)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = program != NULL ? g_path_get_dirname (program) : NULL;
  g_autofree char *installed = g_build_filename (PD_UI_MODULE_DIR, PD_UI_MODULE_NAME, NULL);
  g_autofree char *beside = NULL;
  g_autofree char *relative = NULL;
  const char *path = installed;
  GModule *module;

  if (dir != NULL)
    {
      beside = g_build_filename (dir, PD_UI_MODULE_NAME, NULL);
      if (PD_UI_MODULE_FROM_BINDIR[0] != '\0')
        relative = g_build_filename (dir, PD_UI_MODULE_FROM_BINDIR, PD_UI_MODULE_NAME, NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        path = beside;
      else if (relative != NULL && g_file_test (relative, G_FILE_TEST_IS_REGULAR))
        path = relative;
    }
  /* Global, as GTK and the module were when the program was linked with them: GtkBuilder
   * looks up the handlers and types that the templates name in the program's scope. */
  if ((module = g_module_open (path, G_MODULE_BIND_LAZY)) == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", g_module_error ());
  return module;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GModule *module;
  /* The application's entry point: pd_application_main () of pd-application.c, in the
   * module. */
  PdMainFunc pd_application_main = NULL;
  int status;

#ifdef __GLIBC__
  /* Memory (issue 11): the load and grouping threads would each get a malloc arena of
   * their own. Before any thread starts. (The window also fixes the threshold for mapping
   * big blocks, once GTK is up: pd-application.c.) */
  mallopt (M_ARENA_MAX, 2);
#endif
  setlocale (LC_ALL, "");
  /* The uninstalled program (build-aux/run, the tests) finds its translations in the build
   * tree through PAIN_DIARY_LOCALEDIR. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PAIN_DIARY_LOCALEDIR") != NULL
                                     ? g_getenv ("PAIN_DIARY_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Bad usage exits with 2 before anything starts (DESIGN.md: exit status). */
  if (!pd_cli_check_usage (argc, argv, &status))
    return status;
  if ((status = run_without_window (argc, argv)) >= 0)
    return status;

  if ((module = open_ui_module (&error)) == NULL ||
      !g_module_symbol (module, "pd_application_main", (gpointer *) &pd_application_main))
    {
      g_printerr ("pain-diary: %s\n", error != NULL ? error->message : g_module_error ());
      return 1;
    }
  /* Its types stay registered for the life of the process. */
  g_module_make_resident (module);
  return pd_application_main (argc, argv);
}
