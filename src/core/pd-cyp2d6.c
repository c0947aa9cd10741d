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
