/* pd-cyp2d6.h: the patient's CYP2D6 metaboliser status from a genetic test report
 * (domain.md, "Pharmacogenomics"), kept in the diary's meta table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-database.h"

G_BEGIN_DECLS

typedef enum
{
  PD_CYP2D6_UNKNOWN,        /* not recorded: the default */
  PD_CYP2D6_ULTRARAPID,
  PD_CYP2D6_NORMAL,
  PD_CYP2D6_INTERMEDIATE,
  PD_CYP2D6_POOR,
} PdCyp2d6Status;

#define PD_CYP2D6_N_STATUSES (PD_CYP2D6_POOR + 1)
/* The meta key the status is stored under. */
#define PD_CYP2D6_META_KEY "cyp2d6_status"

/* Stable keys: "unknown", "ultrarapid", "normal", "intermediate", "poor". */
const char     *pd_cyp2d6_status_key        (PdCyp2d6Status  status);
/* PD_CYP2D6_UNKNOWN for NULL or anything that is not a key. */
PdCyp2d6Status  pd_cyp2d6_status_from_key   (const char     *key);
/* Translated: "Ultrarapid metaboliser", ..., "Not known". */
const char     *pd_cyp2d6_status_label      (PdCyp2d6Status  status);
/* CPIC's information (domain.md) for a status, translated, ending with advice to ask the
 * care team; NULL for a normal metaboliser, who needs nothing. */
char           *pd_cyp2d6_information       (PdCyp2d6Status  status);

PdCyp2d6Status  pd_database_get_cyp2d6      (PdDatabase     *database);
/* PD_CYP2D6_UNKNOWN removes the record. */
gboolean        pd_database_set_cyp2d6      (PdDatabase     *database,
                                             PdCyp2d6Status  status,
                                             GError        **error);

G_END_DECLS
