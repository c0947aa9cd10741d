/* report-test-util.h: reading a report's PDF back as text (with pdftotext) in the report tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "test-util.h"

/* The PDF's text as pdftotext reads it, one space for any run of white space so that line
 * breaks do not matter. */
static inline char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_auto(GStrv) words = NULL;
  int status;

  if (pdftotext == NULL)
    g_error ("pdftotext is missing: install poppler-utils (build-aux/test does)");
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pdftotext %s: %s: %s", pdf, error->message, err);
  /* No-break spaces (which keep a date on one line) as spaces. */
  words = g_strsplit (out, "\u00a0", -1);
  g_free (out);
  out = g_strjoinv (" ", words);
  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

static inline void
assert_contains (const char *text,
                 const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not in the report's text:\n%s", expected, text);
}
