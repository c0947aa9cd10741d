/* pd-spine.h: spine outcomes (domain.md "Spine outcomes"): the spinal cord stimulator
 * trial's relief, and whether as-needed doses were followed by less pain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-daily.h"

G_BEGIN_DECLS

/* Stimulator trial */

#define PD_TRIAL_BASELINE_DAYS   7     /* the days before the lead is placed */
#define PD_TRIAL_THRESHOLD       50.0  /* relief %, the usual threshold for an implant */
/* Days with data each window needs. A trial lasts 5-10 days, so the 5 days that
 * before/after asks would refuse most short trials; 3 days still average out a single
 * bad or good day, where 1 or 2 would not. */
#define PD_TRIAL_MIN_DAYS        3

typedef enum
{
  PD_TRIAL_NOT_ENOUGH_DATA,
  PD_TRIAL_BELOW_THRESHOLD,
  PD_TRIAL_MET_THRESHOLD,
} PdTrialVerdict;

typedef struct
{
  guint32 start_day;       /* the day the lead was placed (the event's day) */
  guint32 end_day;         /* the trial's last day */
  double  baseline_mean;   /* mean daily pain, start - 7 .. start - 1; NAN without data */
  guint   baseline_days;   /* days with data in it */
  double  trial_mean;      /* mean daily pain, start + 1 .. end; NAN without data */
  guint   trial_days;
  double  relief_percent;  /* 100 x (baseline - trial) / baseline; NAN when unknown */
  PdTrialVerdict verdict;
} PdTrial;

/* end_day 0: the trial is open; it is measured up to the series' last day. The series
 * must cover start - 7 .. end; days outside it count as days without data. */
void        pd_trial_compute           (const PdDailySeries *series,
                                        guint32              start_day,
                                        guint32              end_day,
                                        PdTrial             *trial);
/* The most recent stimulator_trial event starting on or before day, or NULL. Not owned. */
PdEvent    *pd_trial_find_latest       (GPtrArray           *events,
                                        guint32              day);
/* Translated one-line verdict: "Relief 52%: met the usual 50% threshold", "... did not meet
 * ...", or that there is not enough data (and why). Never "succeeded". */
char       *pd_trial_describe_verdict  (const PdTrial       *trial);
/* A window's line: "mean 6.0, pain logged on 7 of 7 days" or "no pain logged". */
char       *pd_trial_describe_window   (double               mean,
                                        guint                n_days,
                                        guint                window_days);
/* "Trial day N of M" for day within the trial (start .. end), else NULL. M is omitted for an
 * open trial. */
char       *pd_trial_describe_day      (guint32              start_day,
                                        guint32              end_day,
                                        guint32              day);

/* As-needed doses */

#define PD_PRN_BEFORE_SECONDS     (2 * 3600)  /* the last score this long before the dose */
#define PD_PRN_AFTER_FROM_SECONDS (30 * 60)   /* a score from 30 ... */
#define PD_PRN_AFTER_TO_SECONDS   (120 * 60)  /* ... to 120 minutes after */

typedef struct
{
  char   *name;         /* the medication, as first logged */
  guint   n_doses;      /* taken as-needed doses */
  guint   n_paired;     /* those with a score before and a score after */
  double  mean_change;  /* mean of after - before over the paired ones; NAN when none */
} PdPrnSummary;

void        pd_prn_summary_free        (PdPrnSummary        *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdPrnSummary, pd_prn_summary_free)

/* Whether a dose counts as as-needed: taken, with no scheduled time (a dose of an
 * as-needed medication or an extra dose of a scheduled one). */
gboolean    pd_dose_is_as_needed       (PdDose              *dose);
/* The change after one dose: after - before (negative: less pain); FALSE when either score
 * is missing. pain_entries in any order. */
gboolean    pd_prn_dose_change         (PdDose              *dose,
                                        GPtrArray           *pain_entries,
                                        int                 *change);
/* One summary per medication with as-needed doses with from <= time < to, most doses
 * first. A GPtrArray of PdPrnSummary, owning them. */
GPtrArray  *pd_prn_summarise           (PdDiaryData         *data,
                                        gint64               from,
                                        gint64               to);
/* Translated: "3 as-needed doses; pain 1.5 lower 30-120 min after (2 with scores)". */
char       *pd_prn_describe            (const PdPrnSummary  *summary);

G_END_DECLS
