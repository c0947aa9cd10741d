/* pd-cli.h: the command line's headless operations (no display needed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each returns the exit status of DESIGN.md: 0 success, 1 bad input or failed operation
 * (one clear line on stderr naming the file, line and field), 2 bad usage.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the options give an operation (pd-cli-options.c reads them; the operation's own
 * FILE is set by whoever picks the operation). */
typedef struct
{
  char *diary;             /* -d, else the one FILE, else the default diary */
  char *file;              /* the operation's file */
  char *from;              /* --from/--to (YYYY-MM-DD), or NULL */
  char *to;
  int width;               /* --width/--height; 0 for the defaults */
  int height;
  char *passphrase_file;   /* --passphrase-file, or NULL */
} PdCliRequest;

/* Fills in request from options (its file left NULL); pd_cli_request_clear frees it. */
void pd_cli_request_init  (PdCliRequest       *request,
                           GVariantDict       *options);
void pd_cli_request_clear (PdCliRequest       *request);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdCliRequest, pd_cli_request_clear)

/* --chart and --body-map */
typedef enum
{
  PD_CLI_CHART,
  PD_CLI_BODY_MAP,
} PdCliPicture;

typedef enum
{
  PD_CLI_EXPORT_CSV,           /* --export-csv: the diary CSV */
  PD_CLI_EXPORT_SUMMARY_CSV,   /* --export-summary-csv: one row per day */
  PD_CLI_EXPORT_FHIR,          /* --export-fhir: the FHIR R4 Bundle */
} PdCliExport;

/* --export-csv, --export-summary-csv or --export-fhir; file "-" is standard output. */
int pd_cli_export      (const PdCliRequest *request,
                        PdCliExport         format);
/* --import-csv: all or nothing. */
int pd_cli_import_csv  (const PdCliRequest *request);
/* --chart=FILE.png|FILE.svg, or --body-map=FILE.png|FILE.svg: where it hurt over the
 * period; width/height 0 for the picture's defaults. */
int pd_cli_picture     (PdCliPicture        picture,
                        const PdCliRequest *request);
/* --report=FILE.pdf: the clinician report, every section, on the locale's paper. */
int pd_cli_report      (const PdCliRequest *request);

/* --backup=FILE: the encrypted backup of the diary; the passphrase from --passphrase-file,
 * else asked on the terminal, twice. */
int pd_cli_backup      (const PdCliRequest *request);
/* --restore=FILE into the diary: asks on the terminal before replacing a diary that holds
 * records, and backs that one up first. */
int pd_cli_restore     (const PdCliRequest *request);

/* --chart, --body-map or --report as the options ask; -1 for none of them. */
int pd_cli_draw        (GVariantDict *options);

G_END_DECLS
