/* pd-cli-options.h: the command line's options and the operations that need no window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The option table, for g_application_add_main_option_entries (). */
const GOptionEntry *pd_cli_get_option_entries   (void);
/* Whether argv asks for --help or a GApplication option of its own. */
gboolean            pd_cli_asks_for_help        (int            argc,
                                                 char         **argv);
/* Parses argv against the option table; on a usage error prints it and returns FALSE
 * with *exit_status = 2. */
gboolean            pd_cli_check_usage          (int            argc,
                                                 char         **argv,
                                                 int           *exit_status);
/* The diary the options name (-d, else the one FILE), else the default diary; relative
 * names against cwd (NULL: the current folder). */
char               *pd_cli_dup_database_path    (GVariantDict  *options,
                                                 GFile         *cwd);
int                 pd_cli_handle_options       (GVariantDict  *options);
int                 pd_cli_check_window_options (GVariantDict  *options);

G_END_DECLS
