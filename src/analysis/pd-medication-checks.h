/* pd-medication-checks.h: opioid MME, maximum daily amounts, same-class duplication,
 * adherence and the doses due today. Pure functions over records; no I/O, no clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-dose.h"
#include "pd-medication.h"

G_BEGIN_DECLS

#define PD_MME_CAUTION 50.0  /* MME/day: reassess */
#define PD_MME_HIGH    90.0  /* MME/day: high */

/* The medication a dose belongs to: by medication id in the regimen, else by name
 * (case-insensitive) in the regimen, else NULL. */
PdMedication *pd_dose_find_medication    (PdDose       *dose,
                                          GPtrArray    *medications);
/* The MME factor for a dose: the regimen medication's, else the catalogue's for the
 * dose's name, else 0. */
double        pd_dose_mme_factor         (PdDose       *dose,
                                          GPtrArray    *medications);

/* Total daily MME for a local day (Julian day) from the taken doses: amount in mg x factor;
 * a fentanyl patch (unit mcg/h) counts mcg/h x 2.4 on the day it is applied and the two
 * days after (72 h worn), unless a newer patch of the same medication replaced it. Doses in
 * units that are not a mass (ml, puff...) do not count. */
double        pd_daily_mme               (GPtrArray    *doses,
                                          GPtrArray    *medications,
                                          guint32       day);

typedef enum
{
  PD_WARNING_MAX_DAILY,       /* a medication's total over its maximum */
  PD_WARNING_MME_CAUTION,     /* >= 50 MME/day */
  PD_WARNING_MME_HIGH,        /* >= 90 MME/day */
  PD_WARNING_SAME_CLASS,      /* two medications of one class group taken the same day */
} PdWarningKind;

typedef struct
{
  PdWarningKind kind;
  char *subject;   /* the medication name, or the class label */
  double value;    /* the day's total (in the medication's unit) or MME */
  double limit;
  /* One translated sentence, worded as information, ending with advice to ask the care
   * team: "Acetaminophen today: 4500 mg, more than the 4000 mg maximum in 24 hours. ..." */
  char *message;
} PdWarning;

void          pd_warning_free            (PdWarning    *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWarning, pd_warning_free)

/* All warnings for a local day, from its taken doses; a GPtrArray of PdWarning. */
GPtrArray    *pd_day_warnings            (GPtrArray    *doses,
                                          GPtrArray    *medications,
                                          guint32       day);

typedef struct
{
  guint due;       /* scheduled doses due in the range (times up to now on today) */
  guint taken;     /* of those, marked taken */
  guint skipped;   /* of those, marked skipped */
} PdAdherence;

/* Scheduled doses taken / due for one medication over the local days first..last
 * (inclusive), limited to the days it was active. now_day/now_minute: the present, so
 * that scheduled times still to come today are not due yet. */
PdAdherence   pd_adherence               (PdMedication *medication,
                                          GPtrArray    *doses,
                                          guint32       first_day,
                                          guint32       last_day,
                                          guint32       now_day,
                                          guint         now_minute);

typedef enum
{
  PD_DUE_PENDING,
  PD_DUE_TAKEN,
  PD_DUE_SKIPPED,
} PdDueState;

typedef struct
{
  PdMedication *medication;  /* owned reference */
  guint minute;              /* scheduled local time, minutes after midnight */
  PdDueState state;
  PdDose *dose;              /* the dose that answered it, or NULL */
} PdDueDose;

void          pd_due_dose_free           (PdDueDose    *due);
/* Every scheduled dose of the active medications on that local day, in time order, with
 * its state from the day's doses (matched by medication and scheduled time). */
GPtrArray    *pd_due_doses               (GPtrArray    *medications,
                                          GPtrArray    *doses,
                                          guint32       day);

G_END_DECLS
