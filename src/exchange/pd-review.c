/* pd-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-review"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pd-csv.h"
#include "pd-dose.h"
#include "pd-medication.h"
#include "pd-error.h"
#include "pd-exchange-task.h"
#include "pd-input-file.h"
#include "pd-review.h"
#include "pd-safety-days.h"

typedef enum
{
  CONTENT_DIARY,
  CONTENT_TEXT,
  CONTENT_OTHER,
} Content;

/* What the file holds, from its first bytes: its name says nothing (a diary sent by e-mail
 * may be called anything). */
static gboolean
sniff (const char  *path,
       const char  *display,
       Content     *content,
       GError     **error)
{
  static const char sqlite_magic[] = "SQLite format 3";
  char head[4096];
  const char *first_line;
  gsize line_length;
  gsize n_read;
  FILE *file = g_fopen (path, "rbe");
  int saved_errno = errno;

  if (file == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not open “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  n_read = fread (head, 1, sizeof head, file);
  saved_errno = ferror (file) ? errno : 0;
  fclose (file);
  if (saved_errno != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (n_read == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is an empty file"), display);
      return FALSE;
    }
  if (n_read >= sizeof sqlite_magic && memcmp (head, sqlite_magic, sizeof sqlite_magic) == 0)
    {
      *content = CONTENT_DIARY;
      return TRUE;
    }
  /* A first line of text is a CSV's header (right or wrong: the CSV's checks say which);
   * anything else is some other kind of file. */
  /* A spreadsheet's "Unicode text" (UTF-16): the CSV's checks say to save it as UTF-8. */
  if (n_read >= 2 && (memcmp (head, "\xff\xfe", 2) == 0 || memcmp (head, "\xfe\xff", 2) == 0))
    {
      *content = CONTENT_TEXT;
      return TRUE;
    }
  first_line = memchr (head, '\n', n_read);
  line_length = first_line ? (gsize) (first_line - head) : n_read;
  if (memchr (head, '\0', line_length) == NULL && g_utf8_validate_len (head, line_length, NULL))
    *content = CONTENT_TEXT;
  else
    *content = CONTENT_OTHER;
  return TRUE;
}

/* A diary CSV holds doses, not the regimen: each medication its doses name becomes one,
 * taken as needed, with the amount of its newest dose, so that the review's Medications
 * page lists what Trends plots. */
static gboolean
add_implied_medications (PdDatabase  *db,
                         GError     **error)
{
  g_autoptr(GPtrArray) medications = pd_database_list_medications (db, error);
  g_autoptr(GPtrArray) doses = NULL;
  g_autoptr(GHashTable) known = NULL;

  if (medications == NULL)
    return FALSE;
  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < medications->len; i++)
    g_hash_table_add (known, g_utf8_casefold (pd_medication_get_name (g_ptr_array_index (medications, i)), -1));
  if (!(doses = pd_database_list_doses (db, G_MININT64, G_MAXINT64, error)))
    return FALSE;
  for (guint i = 0; i < doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);
      g_autofree char *key = g_utf8_casefold (pd_dose_get_name (dose), -1);
      g_autoptr(PdMedication) medication = NULL;

      if (g_hash_table_contains (known, key))
        continue;
      medication = pd_medication_new ();
      pd_medication_set_name (medication, pd_dose_get_name (dose));
      pd_medication_set_amount (medication, pd_dose_get_amount (dose));
      pd_medication_set_unit (medication, pd_dose_get_unit (dose));
      if (!pd_database_save_medication (db, medication, error))
        return FALSE;
      g_hash_table_add (known, g_steal_pointer (&key));
    }
  return TRUE;
}

static PdDatabase *
load_csv (const char  *path,
          GError     **error)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdCsvImport) import = NULL;

  if (!(db = pd_database_new_in_memory (path, error)) ||
      !(import = pd_csv_import_prepare (db, path, error)) ||
      !pd_csv_import_commit (import, db, error) ||
      !add_implied_medications (db, error))
    return NULL;
  pd_database_make_read_only (db);
  return g_steal_pointer (&db);
}

PdDatabase *
pd_review_open (const char  *path,
                GError     **error)
{
  g_autofree char *display = NULL;
  Content content;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                   _("“%s” is a folder, not a diary or a diary CSV"), display);
      return NULL;
    }
  /* Only a regular file: never wait on a FIFO or read a device without end. */
  if (!pd_input_file_check (path, G_MAXINT64, error) ||
      !sniff (path, display, &content, error))
    return NULL;

  switch (content)
    {
    case CONTENT_DIARY:
      return pd_database_open (path, PD_DATABASE_SNAPSHOT | PD_DATABASE_NO_BACKUPS, error);
    case CONTENT_TEXT:
      return load_csv (path, error);
    case CONTENT_OTHER:
    default:
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY,
                   _("“%s” is neither a Pain Diary file nor a diary CSV"), display);
      return NULL;
    }
}

static gpointer
open_review (gpointer       source,
             gpointer       path,
             GCancellable  *cancellable,
             GError       **error)
{
  return pd_review_open (path, error);
}

void
pd_review_open_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  _pd_task_run_work (NULL, pd_review_open_async, g_strdup (path), g_free, open_review,
                     g_object_unref, cancellable, callback, user_data);
}

PdDatabase *
pd_review_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return _pd_task_propagate_pointer (result, pd_review_open_async, error);
}

char *
pd_review_dup_patient_name (PdDatabase *database)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  name = pd_database_get_meta (database, "patient_name");
  if (name != NULL)
    g_strstrip (name);
  if (name != NULL && *name != '\0')
    return g_steal_pointer (&name);
  return g_filename_display_basename (pd_database_get_path (database));
}

char *
pd_review_dup_safety_summary (PdDatabase  *database,
                              PdDiaryData *data)
{
  PdCyp2d6Status status = pd_database_get_cyp2d6 (database);
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) flags = NULL;
  PdCheckOptions options;
  guint32 last = 0;

  g_return_val_if_fail (data != NULL, NULL);

  if (status != PD_CYP2D6_UNKNOWN)
    g_string_append_printf (out, _("CYP2D6 status (from the patient's genetic test report): %s."),
                            pd_cyp2d6_status_label (status));
  for (guint i = 0; data->doses != NULL && i < data->doses->len; i++)
    last = MAX (last, pd_dose_get_local_day (g_ptr_array_index (data->doses, i)));
  if (last == 0)
    return g_string_free (out, FALSE);

  /* The acetaminophen maximum is the reviewer's Preferences choice, not the patient's: the
   * checks use the default 4000 mg here. */
  pd_check_options_init (&options);
  options.cyp2d6 = status;
  flags = pd_safety_flag_days (data->doses, data->medications, last - 29, last, &options);
  for (guint i = 0; i < flags->len; i++)
    {
      PdSafetyFlagDays *flag = g_ptr_array_index (flags, i);
      g_autofree char *label = pd_safety_flag_describe (flag->code);

      if (out->len > 0)
        g_string_append (out, i == 0 ? "\n" : "; ");
      if (i == 0)
        g_string_append (out, _("Medication safety, last 30 days with doses: "));
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s on %u day", "%s on %u days",
                                                flag->days->len),
                              label, flag->days->len);
    }
  return g_string_free (out, FALSE);
}
