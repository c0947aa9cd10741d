/* pd-safety-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-safety-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-check-settings.h"
#include "pd-cyp2d6.h"
#include "pd-page-util.h"
#include "pd-safety-preferences.h"

typedef struct
{
  PdDatabase *database;
  GSettings *settings;
  GCallback changed;
  gpointer user_data;
} SafetyPage;

static void
safety_page_free (gpointer data)
{
  SafetyPage *page = data;

  g_clear_object (&page->database);
  g_clear_object (&page->settings);
  g_free (page);
}

static void
emit_changed (SafetyPage *page)
{
  if (page->changed != NULL)
    ((void (*) (gpointer)) page->changed) (page->user_data);
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) ||
      !g_settings_schema_has_key (schema, PD_SETTINGS_ACETAMINOPHEN_MAX))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
acetaminophen_selected_cb (AdwComboRow *row,
                           GParamSpec  *pspec,
                           SafetyPage  *page)
{
  int value = adw_combo_row_get_selected (row) == 1 ? (int) PD_ACETAMINOPHEN_MAX_LOWER
                                                    : (int) PD_ACETAMINOPHEN_MAX;

  if (page->settings == NULL || g_settings_get_int (page->settings, PD_SETTINGS_ACETAMINOPHEN_MAX) == value)
    return;
  g_settings_set_int (page->settings, PD_SETTINGS_ACETAMINOPHEN_MAX, value);
  emit_changed (page);
}

static void
cyp2d6_selected_cb (AdwComboRow *row,
                    GParamSpec  *pspec,
                    SafetyPage  *page)
{
  g_autoptr(GError) error = NULL;
  PdCyp2d6Status status = adw_combo_row_get_selected (row);

  if (status == pd_database_get_cyp2d6 (page->database))
    return;
  if (!pd_database_set_cyp2d6 (page->database, status, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      pd_preferences_toast (GTK_WIDGET (row), message);
      adw_combo_row_set_selected (row, pd_database_get_cyp2d6 (page->database));
      return;
    }
  emit_changed (page);
}

static GtkWidget *
acetaminophen_row_new (SafetyPage *page)
{
  const char *choices[] = { N_("4,000 mg"), N_("3,000 mg"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (model, _(choices[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Acetaminophen Maximum in 24 Hours"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("3,000 mg with liver disease, regular alcohol, or where the label "
                                 "gives the lower limit"));
  if (page->settings != NULL)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                g_settings_get_int (page->settings, PD_SETTINGS_ACETAMINOPHEN_MAX)
                                <= PD_ACETAMINOPHEN_MAX_LOWER);
  else
    gtk_widget_set_sensitive (row, FALSE);
  g_signal_connect (row, "notify::selected", G_CALLBACK (acetaminophen_selected_cb), page);
  return row;
}

static GtkWidget *
cyp2d6_row_new (SafetyPage *page)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (PdCyp2d6Status status = 0; status < PD_CYP2D6_N_STATUSES; status++)
    gtk_string_list_append (model, pd_cyp2d6_status_label (status));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("CYP2D6 Status"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Only from a genetic test report. Kept in this diary and shown "
                                 "on reports."));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), pd_database_get_cyp2d6 (page->database));
  gtk_widget_set_sensitive (row, !pd_database_is_read_only (page->database));
  g_signal_connect (row, "notify::selected", G_CALLBACK (cyp2d6_selected_cb), page);
  return row;
}

AdwPreferencesPage *
pd_safety_preferences_page_new (PdDatabase *database,
                                GCallback   changed,
                                gpointer    user_data)
{
  AdwPreferencesPage *preferences_page;
  GtkWidget *group;
  SafetyPage *page;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  page = g_new0 (SafetyPage, 1);
  page->database = g_object_ref (database);
  page->settings = settings_new_if_installed ();
  page->changed = changed;
  page->user_data = user_data;

  preferences_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (preferences_page, _("Medication Safety"));
  adw_preferences_page_set_icon_name (preferences_page, "dialog-information-symbolic");
  g_object_set_data_full (G_OBJECT (preferences_page), "pd-safety-page", page, safety_page_free);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Acetaminophen"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), acetaminophen_row_new (page));
  adw_preferences_page_add (preferences_page, ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Personalised Medicine"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Codeine and tramadol are activated by the liver "
                                           "enzyme CYP2D6. A genetic test report can give your "
                                           "metaboliser status; the app then shows CPIC's "
                                           "information when you take them. Ask your care team "
                                           "about it."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), cyp2d6_row_new (page));
  adw_preferences_page_add (preferences_page, ADW_PREFERENCES_GROUP (group));
  return preferences_page;
}
