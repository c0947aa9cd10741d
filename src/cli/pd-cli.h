/* pd-cli.h: the command line's headless operations (no display needed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each returns the exit status of DESIGN.md: 0 success, 1 bad input or failed operation
 * (one clear line on stderr naming the file, line and field), 2 bad usage. from and to are
 * the --from/--to texts (YYYY-MM-DD) or NULL.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* --export-csv / --export-summary-csv; file "-" is standard output. */
int pd_cli_export_csv (const char *diary,
                       const char *file,
                       gboolean    summary,
                       const char *from,
                       const char *to);
/* --export-fhir: the FHIR R4 Bundle; file "-" is standard output. */
int pd_cli_export_fhir (const char *diary,
                        const char *file,
                        const char *from,
                        const char *to);
/* --import-csv: all or nothing. */
int pd_cli_import_csv (const char *diary,
                       const char *file);
/* --chart=FILE.png|FILE.svg; width/height 0 for the defaults. */
int pd_cli_chart      (const char *diary,
                       const char *file,
                       const char *from,
                       const char *to,
                       int         width,
                       int         height);
/* --body-map=FILE.png|FILE.svg: where it hurt over the period; width/height 0 for the
 * defaults. */
int pd_cli_body_map   (const char *diary,
                       const char *file,
                       const char *from,
                       const char *to,
                       int         width,
                       int         height);
/* --report=FILE.pdf: the clinician report, every section, on the locale's paper. */
int pd_cli_report     (const char *diary,
                       const char *file,
                       const char *from,
                       const char *to);

/* --backup=FILE: the encrypted backup of the diary. passphrase_file: --passphrase-file or
 * NULL (then asked on the terminal, twice). */
int pd_cli_backup      (const char *diary,
                        const char *file,
                        const char *passphrase_file);
/* --restore=FILE into the diary: asks on the terminal before replacing a diary that holds
 * records, and backs that one up first. */
int pd_cli_restore     (const char *diary,
                        const char *file,
                        const char *passphrase_file);

/* --chart, --body-map or --report as the options ask; -1 for none of them. */
int pd_cli_draw        (GVariantDict *options);

G_END_DECLS
