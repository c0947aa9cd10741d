/* pd-cli-options.c: the command line's options and the operations that need no window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The option table (DESIGN.md: a public interface), the check of the command line before
 * anything starts, and every operation that writes or reads a file and exits. GLib only:
 * the program runs these without loading GTK (main.c), and the application runs them the
 * same way before it opens a window (pd-application.c).
 */

#define G_LOG_DOMAIN "pd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-cli-options.h"
#include "pd-database.h"
#include "pd-input.h"

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Diary file to use"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a generated 120-day sample diary in a temporary file"), NULL },
  { "review", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open a diary file or diary CSV read-only (clinician review)"), N_("FILE") },
  { "log-pain", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Add a pain entry (0–10) and exit, without a window"), N_("N") },
  { "note", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Note for --log-pain"), N_("TEXT") },
  { "at", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Time for --log-pain (ISO 8601, local time unless an offset is given)"), N_("ISO8601") },
  { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a diary CSV (all or nothing) and exit"), N_("FILE") },
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export the diary CSV and exit (“-” for standard output)"), N_("FILE") },
  { "export-summary-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export one row per day and exit"), N_("FILE") },
  { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the clinician report (PDF) and exit"), N_("FILE.pdf") },
  { "chart", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Render the trend chart (PNG or SVG) and exit"), N_("FILE") },
  { "body-map", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Render the body map of the period (PNG or SVG) and exit"), N_("FILE") },
  { "width", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Chart width in pixels"), N_("PX") },
  { "height", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Chart height in pixels"), N_("PX") },
  { "from", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("First day for export and chart"), N_("YYYY-MM-DD") },
  { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Last day for export and chart"), N_("YYYY-MM-DD") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window and keep firing reminders"), NULL },
  { "export-fhir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export a FHIR R4 Bundle (JSON) and exit (“-” for standard output)"), N_("FILE.json") },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write an encrypted backup of the diary and exit"), N_("FILE") },
  { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Restore an encrypted backup into the diary (-d) and exit"), N_("FILE") },
  { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The backup passphrase, first line (else asked on the terminal)"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

const GOptionEntry *
pd_cli_get_option_entries (void)
{
  return option_entries;
}

/* --help and GApplication's own options are GApplication's business. */
gboolean
pd_cli_asks_for_help (int    argc,
                      char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--help") || g_str_equal (argv[i], "-h") ||
        g_str_equal (argv[i], "-?") || g_str_has_prefix (argv[i], "--gapplication-"))
      return TRUE;
  return FALSE;
}

gboolean
pd_cli_check_usage (int    argc,
                    char **argv,
                    int   *exit_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autofree gpointer storage = NULL;
  g_auto(GStrv) remaining = NULL;
  const gsize slot = sizeof (gpointer) * 2;
  guint n = G_N_ELEMENTS (option_entries);

  /* The same table as the application's, pointed at scratch storage: parsing here only
   * tells whether the command line is well-formed. */
  entries = g_memdup2 (option_entries, sizeof option_entries);
  storage = g_malloc0 (slot * n);
  for (guint i = 0; i + 1 < n; i++)
    entries[i].arg_data = (char *) storage + i * slot;

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (pd_cli_asks_for_help (argc, argv))
    return (*exit_status = 0, TRUE);
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("pain-diary: %s\n", error->message);
      g_printerr (_("Run “%s --help” to see the options.\n"), "pain-diary");
      *exit_status = 2;
      g_strfreev (*(char ***) ((char *) storage + (n - 2) * slot));
      return FALSE;
    }

  remaining = *(char ***) ((char *) storage + (n - 2) * slot);
  for (guint i = 0; i + 1 < n; i++)
    {
      gpointer value = *(gpointer *) ((char *) storage + i * slot);

      if (option_entries[i].arg == G_OPTION_ARG_STRING || option_entries[i].arg == G_OPTION_ARG_FILENAME)
        g_free (value);
    }
  if (remaining != NULL && g_strv_length (remaining) > 1)
    {
      g_printerr (_("pain-diary: give at most one diary file\n"));
      *exit_status = 2;
      return FALSE;
    }

  *exit_status = 0;
  return TRUE;
}

char *
pd_cli_dup_database_path (GVariantDict *options,
                          GFile        *cwd)
{
  g_autofree char *path = NULL;
  g_autofree char **files = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &path) && path[0] != '\0')
    ;
  else if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files) && files[0] != NULL)
    path = g_strdup (files[0]);
  else
    return pd_database_get_default_path ();

  if (cwd != NULL && !g_path_is_absolute (path))
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (cwd, path);
      return g_file_get_path (file);
    }
  return g_canonicalize_filename (path, NULL);
}

void
pd_cli_request_init (PdCliRequest *request,
                     GVariantDict *options)
{
  *request = (PdCliRequest) { .diary = pd_cli_dup_database_path (options, NULL) };
  g_variant_dict_lookup (options, "from", "s", &request->from);
  g_variant_dict_lookup (options, "to", "s", &request->to);
  g_variant_dict_lookup (options, "width", "i", &request->width);
  g_variant_dict_lookup (options, "height", "i", &request->height);
  g_variant_dict_lookup (options, "passphrase-file", "^ay", &request->passphrase_file);
}

void
pd_cli_request_clear (PdCliRequest *request)
{
  g_clear_pointer (&request->diary, g_free);
  g_clear_pointer (&request->file, g_free);
  g_clear_pointer (&request->from, g_free);
  g_clear_pointer (&request->to, g_free);
  g_clear_pointer (&request->passphrase_file, g_free);
}

static int
log_pain (GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdPainEntry) entry = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *score_text = NULL;
  g_autofree char *note = NULL;
  g_autofree char *at = NULL;
  g_autofree char *path = pd_cli_dup_database_path (options, NULL);
  g_autofree char *shown = NULL;
  int score;

  g_variant_dict_lookup (options, "log-pain", "s", &score_text);
  g_variant_dict_lookup (options, "note", "s", &note);
  g_variant_dict_lookup (options, "at", "s", &at);

  if (!pd_parse_score (score_text, &score, &error))
    {
      g_printerr ("pain-diary: --log-pain: %s\n", error->message);
      return 1;
    }
  if (at != NULL && !(when = pd_parse_time (at, tz, now, &error)))
    {
      g_printerr ("pain-diary: --at: %s\n", error->message);
      return 1;
    }

  entry = pd_pain_entry_new ();
  pd_pain_entry_set_pain (entry, score);
  pd_pain_entry_set_note (entry, note);
  pd_pain_entry_set_date_time (entry, when ? when : now);
  if (!pd_pain_entry_validate (entry, &error))
    {
      g_printerr ("pain-diary: %s\n", error->message);
      return 1;
    }

  if (!(db = pd_database_open (path, PD_DATABASE_FLAGS_NONE, &error)) ||
      !pd_database_save_pain_entry (db, entry, &error))
    {
      return pd_cli_fail (path, error);
    }

  shown = g_date_time_format (when ? when : now, "%Y-%m-%d %H:%M");
  g_print (_("Logged pain %d at %s in %s\n"), score, shown, path);
  return 0;
}

/* Each of these does one thing and exits (or, --demo and --background, replaces the usual
 * window); two at once would silently ignore one of them. Names that this build does not
 * have are never in the dictionary. */
static const char * const single_operations[] = {
  "log-pain", "import-csv", "export-csv", "export-summary-csv", "report", "chart",
  "export-fhir", "body-map", "backup", "restore", "demo", "background",
};

/* Prints the usage error and returns FALSE when options that cannot go together were
 * given. */
static gboolean
check_exclusive_options (GVariantDict *options)
{
  const char *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (single_operations); i++)
    {
      if (!g_variant_dict_contains (options, single_operations[i]))
        continue;
      if (first != NULL)
        {
          g_printerr (_("pain-diary: --%s and --%s cannot go together; give one operation at a time\n"),
                      first, single_operations[i]);
          return FALSE;
        }
      first = single_operations[i];
    }
  if (g_variant_dict_contains (options, "log-pain") &&
      (g_variant_dict_contains (options, "from") || g_variant_dict_contains (options, "to") ||
       g_variant_dict_contains (options, "width") || g_variant_dict_contains (options, "height")))
    {
      g_printerr (_("pain-diary: --from, --to, --width and --height go with an export or --chart\n"));
      return FALSE;
    }
  if ((g_variant_dict_contains (options, "width") || g_variant_dict_contains (options, "height")) &&
      first != NULL && !g_str_equal (first, "chart") && !g_str_equal (first, "body-map"))
    {
      g_printerr (_("pain-diary: --width and --height go with --chart\n"));
      return FALSE;
    }
  return TRUE;
}

/* Runs the operation that the options ask for and returns its exit status; -1 when they ask
 * for none of these: a window, a review (pd-application.c checks its file), or a picture or
 * report (pd_cli_draw: they need cairo). Nothing is done before -1 is returned. */
int
pd_cli_handle_options (GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pain-diary %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "review"))
    return -1;
  if (!check_exclusive_options (options))
    {
      g_printerr (_("Run “%s --help” to see the options.\n"), "pain-diary");
      return 2;
    }

  if (g_variant_dict_contains (options, "log-pain"))
    return log_pain (options);

  {
    g_auto(PdCliRequest) request = { 0 };

    pd_cli_request_init (&request, options);
    if (g_variant_dict_lookup (options, "import-csv", "^ay", &request.file))
      return pd_cli_import_csv (&request);
    if (g_variant_dict_lookup (options, "export-csv", "^ay", &request.file))
      return pd_cli_export (&request, PD_CLI_EXPORT_CSV);
    if (g_variant_dict_lookup (options, "export-summary-csv", "^ay", &request.file))
      return pd_cli_export (&request, PD_CLI_EXPORT_SUMMARY_CSV);
    if (g_variant_dict_lookup (options, "export-fhir", "^ay", &request.file))
      return pd_cli_export (&request, PD_CLI_EXPORT_FHIR);
    if (g_variant_dict_lookup (options, "backup", "^ay", &request.file) ||
        g_variant_dict_lookup (options, "restore", "^ay", &request.file))
      {
        if (g_variant_dict_contains (options, "backup") && g_variant_dict_contains (options, "restore"))
          {
            g_printerr (_("pain-diary: give --backup or --restore, not both\n"));
            return 2;
          }
        return g_variant_dict_contains (options, "backup") ? pd_cli_backup (&request)
                                                           : pd_cli_restore (&request);
      }
  }
  if (g_variant_dict_contains (options, "chart") || g_variant_dict_contains (options, "body-map") ||
      g_variant_dict_contains (options, "report"))
    return -1;
  return pd_cli_check_window_options (options);
}

/* For a window (no operation): 2 with the usage error when an option that goes with an
 * operation was given, else -1. */
int
pd_cli_check_window_options (GVariantDict *options)
{
  int width = 0, height = 0;

  g_variant_dict_lookup (options, "width", "i", &width);
  g_variant_dict_lookup (options, "height", "i", &height);
  if (g_variant_dict_contains (options, "from") || g_variant_dict_contains (options, "to") ||
      width != 0 || height != 0)
    {
      g_printerr (_("pain-diary: --from, --to, --width and --height go with an export or --chart\n"));
      return 2;
    }

  if (g_variant_dict_contains (options, "passphrase-file"))
    {
      g_printerr (_("pain-diary: --passphrase-file goes with --backup or --restore\n"));
      return 2;
    }

  if (g_variant_dict_contains (options, "note") || g_variant_dict_contains (options, "at"))
    {
      g_printerr (_("pain-diary: --note and --at go with --log-pain\n"));
      return 2;
    }
  return -1;
}
