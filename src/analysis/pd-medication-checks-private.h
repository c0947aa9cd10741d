/* pd-medication-checks-private.h: what pd-medication-checks.c (what a dose is of, MME,
 * combinations) shares with pd-medication-maxima.c (the maximum in 24 h and the
 * acetaminophen total) and pd-medication-uncounted.c, and what pd-day-warnings.c puts
 * together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-catalogue-private.h"
#include "pd-medication-checks.h"

G_BEGIN_DECLS

/* Sums of doubles (50 x 0.2 ...) must not miss a limit by a rounding error. */
#define PD_CHECKS_EPSILON 1e-9

/* What a dose is a dose of: the regimen medication, else the catalogue entry for its name,
 * else only its own name. */
typedef struct
{
  PdDose *dose;
  PdMedication *medication;        /* in the regimen, or NULL */
  const PdMedicationInfo *info;    /* in the catalogue, when not in the regimen */
  const PdMedicationInfo *catalogue;  /* the catalogue entry, from the regimen's key or name */
  const PdCombinationInfo *combination;  /* a combination product of known strength */
  char *identity;                  /* one drug, however it was logged */
} Resolved;
const char *_pd_resolved_name          (const Resolved       *resolved);
/* The MME factor: the regimen medication's, else the catalogue's, else 0. */
double      _pd_resolved_mme_factor    (const Resolved       *resolved);
const char *_pd_resolved_unit          (const Resolved       *resolved);
double      _pd_resolved_max_daily     (const Resolved       *resolved);
/* Tablets of a combination product; 0 when the dose is not one or not in tablets. */
double      _pd_resolved_tablets       (const Resolved       *resolved);

/* The taken doses of the local days first..last, oldest first, each resolved. */
GArray     *_pd_resolve_taken_doses    (GPtrArray            *doses,
                                        GPtrArray            *medications,
                                        guint32               first,
                                        guint32               last);

/* Takes message; appends the advice to ask the care team. */
PdWarning  *_pd_warning_new            (PdWarningKind         kind,
                                        const char           *subject,
                                        double                value,
                                        double                limit,
                                        char                 *message);

/* over_max for each drug of the day's taken doses over its maximum, the day's own or in any
 * 24 hours ending at one of them (window: the doses of the day and the day before). */
void        _pd_add_max_daily_warnings (GPtrArray            *warnings,
                                        GArray               *taken,
                                        GArray               *window,
                                        const PdCheckOptions *options);

/* The warnings of pd-medication-checks.c for the day's taken doses (taken): MME, one class
 * taken twice, risky combinations and CYP2D6. */
void        _pd_add_interaction_warnings (GPtrArray          *warnings,
                                          GPtrArray          *doses,
                                          GPtrArray          *medications,
                                          GArray             *taken,
                                          guint32             day,
                                          const PdCheckOptions *options);

/* PD_WARNING_NOT_COUNTED for each of the day's taken doses (taken) that pd_daily_mme or the
 * acetaminophen total cannot count because of its unit or an unknown strength. */
void        _pd_add_not_counted_warnings (GPtrArray          *warnings,
                                          GArray             *taken);

G_END_DECLS
