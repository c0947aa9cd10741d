/* pd-csv-preview.c: what an import will do, in words, before anything is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-csv.h"

static void
add_count (GPtrArray *parts,
           guint      n,
           char      *text)
{
  if (n > 0)
    g_ptr_array_add (parts, text);
  else
    g_free (text);
}

char *
pd_csv_import_describe (PdCsvImport *self)
{
  GString *out = g_string_new (NULL);
  guint n_present = pd_csv_import_get_n_present (self);
  const char * const *locations, * const *qualities;

  g_return_val_if_fail (self != NULL, NULL);

  if (pd_csv_import_get_n_new (self) == 0)
    {
      g_string_append (out, _("Nothing new to add."));
    }
  else
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new_null_terminated (4, g_free, TRUE);
      g_autofree char *list = NULL;
      guint n;

      n = pd_csv_import_get_n_new_of_kind (self, PD_RECORD_PAIN);
      add_count (parts, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pain entry",
                                                         "%u pain entries", n), n));
      n = pd_csv_import_get_n_new_of_kind (self, PD_RECORD_DOSE);
      add_count (parts, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dose",
                                                         "%u doses", n), n));
      n = pd_csv_import_get_n_new_of_kind (self, PD_RECORD_ACTIVITY);
      add_count (parts, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity",
                                                         "%u activities", n), n));
      n = pd_csv_import_get_n_new_of_kind (self, PD_RECORD_EVENT);
      add_count (parts, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u treatment event",
                                                         "%u treatment events", n), n));
      n = pd_csv_import_get_n_new_function_ratings (self);
      add_count (parts, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u function rating",
                                                         "%u function ratings", n), n));
      n = pd_csv_import_get_n_new_impressions (self);
      add_count (parts, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u impression of change",
                                                         "%u impressions of change", n), n));
      list = g_strjoinv (", ", (char **) parts->pdata);
      /* Translators: %s is a list of counts, e.g. "12 pain entries, 3 doses" */
      g_string_append_printf (out, _("To add: %s."), list);
    }
  if (n_present > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u record is already in the diary and stays as it is.",
                                                "%u records are already in the diary and stay as they are.",
                                                n_present),
                              n_present);
    }
  locations = pd_csv_import_get_custom_values (self, PD_TAG_LOCATION);
  if (locations[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) locations);
      g_string_append_c (out, '\n');
      /* Translators: %s is a list of the patient's own words, e.g. "Pins in my hip, Jaw" */
      g_string_append_printf (out, _("Own words for where it hurts: %s"), list);
    }
  qualities = pd_csv_import_get_custom_values (self, PD_TAG_QUALITY);
  if (qualities[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) qualities);
      g_string_append_c (out, '\n');
      /* Translators: %s is a list of the patient's own words, e.g. "Like ants" */
      g_string_append_printf (out, _("Own words for how it feels: %s"), list);
    }
  return g_string_free (out, FALSE);
}
