/* pd-spine.h: spine outcomes (domain.md "Spine outcomes"): the spinal cord stimulator
 * trial's relief, and whether as-needed doses were followed by less pain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-before-after.h"
#include "pd-daily.h"
#include "pd-database-spine.h"

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
  char   *name;         /* the catalogue's name, else the medication as first logged */
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
 * first; doses named for one catalogue medication ("Tylenol", "paracetamol") are one. A GPtrArray of PdPrnSummary, owning them. */
GPtrArray  *pd_prn_summarise           (PdDiaryData         *data,
                                        gint64               from,
                                        gint64               to);
/* The summary of the medication named name (ignoring case; a catalogue name or brand finds
 * its medication's), or NULL. */
const PdPrnSummary *pd_prn_summary_find (GPtrArray          *summaries,
                                         const char         *name);
/* Translated: "3 as-needed doses; pain 1.5 lower 30-120 min after (2 with scores)". */
char       *pd_prn_describe            (const PdPrnSummary  *summary);

/* Patient-Specific Functional Scale */

#define PD_PSFS_MEANINGFUL_MEAN    2.0  /* points in the mean of the rated activities */
#define PD_PSFS_MEANINGFUL_SINGLE  3.0  /* points for a single activity */
#define PD_PSFS_MIN_ACTIVITIES     3
#define PD_PSFS_MAX_ACTIVITIES     5    /* active (not retired) at once */
#define PD_PSFS_INTERVAL_DAYS      7    /* rated weekly */

/* The ratings of one day: their mean is that day's PSFS score. */
typedef struct
{
  guint32 day;
  double  mean;
  guint   n_rated;
} PdPsfsSession;

typedef enum
{
  PD_FUNCTION_NOT_ENOUGH_DATA,
  PD_FUNCTION_NO_CLEAR_CHANGE,
  PD_FUNCTION_BETTER,   /* at least the meaningful change higher (more able) */
  PD_FUNCTION_WORSE,    /* at least the meaningful change lower */
} PdFunctionChange;

/* The days with ratings in first..last (0, 0: all), oldest first. A GArray of
 * PdPsfsSession. ratings may be NULL. */
GArray           *pd_psfs_sessions          (GPtrArray       *ratings,
                                             guint32          first,
                                             guint32          last);
/* after - before against threshold (PD_PSFS_MEANINGFUL_MEAN or _SINGLE); NAN on either
 * side: not enough data. Exactly the threshold counts. */
PdFunctionChange  pd_psfs_change            (double           before,
                                             double           after,
                                             double           threshold);
/* The threshold between two sessions: PD_PSFS_MEANINGFUL_MEAN, but _SINGLE when either rated
 * only one activity, whose "mean" is that one activity's score. */
double            pd_psfs_threshold         (const PdPsfsSession *before,
                                             const PdPsfsSession *after);
/* "Function 4.0 → 6.5 (+2.5): better by a meaningful amount (2 points or more)". */
char             *pd_psfs_describe_change   (double           before,
                                             double           after,
                                             double           threshold);
/* Around an event: the latest session in the before window and the latest in the after
 * window (options NULL: the defaults); sessions with day 0 when there is none. */
void              pd_psfs_around_event      (GArray                     *sessions,
                                             guint32                     event_day,
                                             const PdBeforeAfterOptions *options,
                                             PdPsfsSession              *before,
                                             PdPsfsSession              *after);
/* An activity's first and latest ratings (NAN when none). */
void              pd_psfs_activity_range    (GPtrArray       *ratings,
                                             const char      *activity_id,
                                             double          *first,
                                             double          *latest,
                                             guint           *n_ratings);
/* Activities not retired on day. */
guint             pd_psfs_n_active          (GPtrArray       *activities,
                                             guint32          day);
/* Whether the weekly ratings are due on day: activities to rate, and none rated in the
 * 6 days before it (nor on it). */
gboolean          pd_psfs_due               (GPtrArray       *activities,
                                             GPtrArray       *ratings,
                                             guint32          day);

/* Patient Global Impression of Change */

#define PD_PGIC_MIN 1
#define PD_PGIC_MAX 7
#define PD_PGIC_RESPONDER_MAX 2   /* much or very much improved */
/* Events asked about no later than this many days after the day they became due. */
#define PD_PGIC_ASK_DAYS 30

/* The question and the seven answers, translated, as domain.md words them. */
const char       *pd_pgic_question          (void);
const char       *pd_pgic_label             (int              score);
/* Whether the event is a treatment whose effect is asked about (not an appointment). */
gboolean          pd_pgic_asks_about        (PdEvent         *event);
/* The latest treatment event (one asked about) on or before day, or NULL. Not owned. */
PdEvent          *pd_pgic_latest_treatment  (GPtrArray       *events,
                                             guint32          day);
/* Treatment events on day: due n_days after them (and up to PD_PGIC_ASK_DAYS longer), with
 * no impression about them yet. Not owned; newest first. */
GPtrArray        *pd_pgic_due_events        (GPtrArray       *events,
                                             GPtrArray       *impressions,
                                             guint32          day,
                                             guint            n_days);
/* The latest impression about the event (by id), or NULL. */
PdImpression     *pd_pgic_find_for_event    (GPtrArray       *impressions,
                                             const char      *event_id);

G_END_DECLS
