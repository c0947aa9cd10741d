/* pd-safety-days.h: the days each medication safety flag was raised in a period, for the
 * report's first page and the review window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-medication-checks.h"

G_BEGIN_DECLS

typedef struct
{
  char   *code;   /* "opioid_gabapentinoid", "over_max:acetaminophen" */
  GArray *days;   /* guint32 local days, ascending */
} PdSafetyFlagDays;

void        pd_safety_flag_days_free    (PdSafetyFlagDays     *flag);

/* The flags raised on the local days first..last from the taken doses, in domain.md's order
 * of the codes (over_max first); a GPtrArray of PdSafetyFlagDays, empty for none. Linear
 * in doses plus days. */
GPtrArray  *pd_safety_flag_days         (GPtrArray            *doses,
                                         GPtrArray            *medications,
                                         guint32               first,
                                         guint32               last,
                                         const PdCheckOptions *options);
/* A translated name for a code: "Opioid and gabapentinoid on one day", "Over the maximum
 * in 24 hours: Acetaminophen". */
char       *pd_safety_flag_describe     (const char           *code);
/* "2 Oct 2024, 5 Oct 2024 and 3 more" (in the locale's words): at most max_shown dates. */
char       *pd_safety_flag_format_days  (GArray               *days,
                                         guint                 max_shown);

typedef struct
{
  GArray    *days;    /* guint32 local days, ascending */
  GPtrArray *doses;   /* char *, each different dose once, as logged: "Percocet, 2 tablets" */
} PdNotCountedDays;

void              pd_not_counted_days_free (PdNotCountedDays *not_counted);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdNotCountedDays, pd_not_counted_days_free)

/* The local days first..last with a taken dose that counts nothing toward the day's MME or
 * acetaminophen total (PD_WARNING_NOT_COUNTED: its unit, or an unknown strength), and those
 * doses: the totals of those days are too low. Linear in doses plus days. */
PdNotCountedDays *pd_not_counted_days      (GPtrArray        *doses,
                                            GPtrArray        *medications,
                                            guint32           first,
                                            guint32           last);

G_END_DECLS
