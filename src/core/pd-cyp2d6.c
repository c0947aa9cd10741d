/* pd-cyp2d6.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-cyp2d6"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-cyp2d6.h"

typedef struct
{
  const char *key;
  const char *label;
} PdCyp2d6Name;

static const PdCyp2d6Name names[] = {
  [PD_CYP2D6_UNKNOWN] = { "unknown", N_("Not known") },
  [PD_CYP2D6_ULTRARAPID] = { "ultrarapid", N_("Ultrarapid metaboliser") },
  [PD_CYP2D6_NORMAL] = { "normal", N_("Normal metaboliser") },
  [PD_CYP2D6_INTERMEDIATE] = { "intermediate", N_("Intermediate metaboliser") },
  [PD_CYP2D6_POOR] = { "poor", N_("Poor metaboliser") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (names) == PD_CYP2D6_N_STATUSES);

const char *
pd_cyp2d6_status_key (PdCyp2d6Status status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (names), "unknown");

  return names[status].key;
}

PdCyp2d6Status
pd_cyp2d6_status_from_key (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (names[i].key, key) == 0)
      return (PdCyp2d6Status) i;
  return PD_CYP2D6_UNKNOWN;
}

const char *
pd_cyp2d6_status_label (PdCyp2d6Status status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (names), NULL);

  return g_dgettext (GETTEXT_PACKAGE, names[status].label);
}

PdCyp2d6Status
pd_database_get_cyp2d6 (PdDatabase *database)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (database), PD_CYP2D6_UNKNOWN);

  value = pd_database_get_meta (database, PD_CYP2D6_META_KEY);
  return pd_cyp2d6_status_from_key (value);
}

gboolean
pd_database_set_cyp2d6 (PdDatabase      *database,
                        PdCyp2d6Status   status,
                        GError         **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (database), FALSE);
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (names), FALSE);

  return pd_database_set_meta (database, PD_CYP2D6_META_KEY,
                               status == PD_CYP2D6_UNKNOWN ? NULL : names[status].key, error);
}

char *
pd_cyp2d6_information (PdCyp2d6Status status)
{
  const char *text;

  switch (status)
    {
    case PD_CYP2D6_ULTRARAPID:
      text = _("Codeine and tramadol are activated by the liver enzyme CYP2D6. Your genetic "
               "test reports you as an ultrarapid metaboliser: CPIC's 2021 guideline says "
               "ultrarapid metabolisers risk toxicity, and advises avoiding codeine and "
               "tramadol and asking about an alternative.");
      break;
    case PD_CYP2D6_POOR:
      text = _("Codeine and tramadol are activated by the liver enzyme CYP2D6. Your genetic "
               "test reports you as a poor metaboliser: CPIC's 2021 guideline says poor "
               "metabolisers get little relief, and advises avoiding codeine and tramadol and "
               "asking about an alternative.");
      break;
    case PD_CYP2D6_INTERMEDIATE:
      text = _("Codeine and tramadol are activated by the liver enzyme CYP2D6. Your genetic "
               "test reports you as an intermediate metaboliser: CPIC's 2021 guideline says "
               "to use the usual dosing and to look for an alternative if it does not help.");
      break;
    case PD_CYP2D6_NORMAL:
      return NULL;
    case PD_CYP2D6_UNKNOWN:
    default:
      text = _("Codeine and tramadol are activated by the liver enzyme CYP2D6. If a genetic "
               "test has reported your CYP2D6 status, you can record it in Preferences: "
               "CPIC's 2021 guideline advises ultrarapid and poor metabolisers to avoid "
               "codeine and tramadol.");
      break;
    }
  return g_strconcat (text, " ", _("Ask your care team about this."), NULL);
}
