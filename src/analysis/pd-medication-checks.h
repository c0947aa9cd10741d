/* pd-medication-checks.h: opioid MME, maximum daily amounts, same-class duplication,
 * adherence and the doses due today. Pure functions over records; no I/O, no clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-cyp2d6.h"
#include "pd-dose.h"
#include "pd-medication.h"

G_BEGIN_DECLS

#define PD_MME_CAUTION 50.0  /* MME/day: CDC 2022 asks clinicians to reassess (not a limit) */
#define PD_MME_HIGH    90.0  /* MME/day: CDC 2022 calls it high (not a limit) */
#define PD_ACETAMINOPHEN_MAX       4000.0  /* mg in 24 h */
#define PD_ACETAMINOPHEN_MAX_LOWER 3000.0  /* mg in 24 h, the Preferences choice */

/* What the checks need beyond the records: the patient's choices. */
typedef struct
{
  double         acetaminophen_max;  /* mg in 24 h: PD_ACETAMINOPHEN_MAX or _LOWER */
  PdCyp2d6Status cyp2d6;
} PdCheckOptions;

/* acetaminophen_max 4000 mg, CYP2D6 status unknown. */
void          pd_check_options_init      (PdCheckOptions *options);

/* The medication a dose belongs to: by medication id in the regimen, else by name
 * (case-insensitive) in the regimen, else NULL. */
PdMedication *pd_dose_find_medication    (PdDose       *dose,
                                          GPtrArray    *medications);
/* The MME factor for a dose: the regimen medication's, else the catalogue's for the
 * dose's name, else 0. */
double        pd_dose_mme_factor         (PdDose       *dose,
                                          GPtrArray    *medications);

/* Total daily MME for a local day (Julian day) from the taken doses: amount in mg x factor
 * (a combination product: tablets x its opioid mg x the opioid's factor; buprenorphine is
 * not counted);
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
  PD_WARNING_OPIOID_GABAPENTINOID,
  PD_WARNING_OPIOID_BENZODIAZEPINE,
  PD_WARNING_SEROTONERGIC,    /* tramadol or tapentadol with an SNRI, TCA or SSRI */
  PD_WARNING_CYP2D6_PRODRUG,  /* codeine or tramadol taken by an ultrarapid or poor metaboliser */
  /* Information, not a safety flag: a taken opioid or acetaminophen-containing dose that
   * counts nothing toward the day's MME or acetaminophen total because of its unit (a
   * combination product in mg, a fentanyl patch not in mcg/h, oxycodone in tablets) or an
   * unknown strength ("Percocet" in tablets). Buprenorphine is not counted by design and
   * gets none. */
  PD_WARNING_NOT_COUNTED,
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
  /* The safety flag code of domain.md: "over_max:acetaminophen", "mme_50", "mme_90",
   * "same_class", "opioid_gabapentinoid", "opioid_benzodiazepine", "serotonergic",
   * "cyp2d6_prodrug"; NULL for PD_WARNING_NOT_COUNTED, which is no safety flag. */
  char *code;
} PdWarning;

void          pd_warning_free            (PdWarning    *warning);
/* FALSE for the warnings worded as caution or information (>= 50 MME, a dose not counted),
 * TRUE for the others. */
gboolean      pd_warning_is_severe       (const PdWarning *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWarning, pd_warning_free)

/* All warnings for a local day, from its taken doses; a GPtrArray of PdWarning. The
 * maxima count every ingredient of a combination product (Percocet's acetaminophen toward
 * acetaminophen, its oxycodone toward MME); ibuprofen and naproxen get their prescribed
 * maximum when a regimen entry marked prescribed was taken. The day's doses not counted
 * (PD_WARNING_NOT_COUNTED) come last, one for each different dose. Default options. */
GPtrArray    *pd_day_warnings            (GPtrArray    *doses,
                                          GPtrArray    *medications,
                                          guint32       day);
GPtrArray    *pd_day_warnings_full       (GPtrArray    *doses,
                                          GPtrArray    *medications,
                                          guint32       day,
                                          const PdCheckOptions *options);
/* The day's safety flag codes, ";"-separated in the order of the warnings ("" for none);
 * only domain.md's codes, so a dose not counted adds none. */
char         *pd_day_safety_flags        (GPtrArray    *doses,
                                          GPtrArray    *medications,
                                          guint32       day,
                                          const PdCheckOptions *options);
/* The day's acetaminophen in mg, combination tablets included. */
double        pd_daily_acetaminophen_mg  (GPtrArray    *doses,
                                          GPtrArray    *medications,
                                          guint32       day);

/* Whether codeine or tramadol (alone or in a combination product) is in the regimen, active
 * on day, or among the day's taken doses: then CPIC's information applies. */
gboolean      pd_day_has_cyp2d6_prodrug  (GPtrArray    *doses,
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
