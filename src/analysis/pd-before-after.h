/* pd-before-after.h: mean daily pain and PEG in a window before a treatment event and a
 * window after it, and the meaningful-change verdict of domain.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-daily.h"

G_BEGIN_DECLS

#define PD_BEFORE_AFTER_MIN_DAYS     5     /* days with data each window needs */
#define PD_MEANINGFUL_PERCENT        30.0  /* at least this much lower ... */
#define PD_MEANINGFUL_POINTS         2.0   /* ... and at least this many points lower */

/* Windows in days relative to the event's day (day 0, in neither window). */
typedef struct
{
  guint before_days;  /* days -before_days .. -1; default 14 */
  guint after_start;  /* default 1 */
  guint after_end;    /* inclusive; default 14 (e.g. 28..56 for slow treatments) */
} PdBeforeAfterOptions;

typedef enum
{
  PD_CHANGE_NOT_ENOUGH_DATA,
  PD_CHANGE_NO_CLEAR_CHANGE,
  PD_CHANGE_MEANINGFUL,
} PdChangeVerdict;

typedef struct
{
  double mean;        /* mean of the daily means; NAN without data */
  guint  n_days;      /* days with data */
} PdWindowMean;

typedef struct
{
  guint32 event_day;
  PdWindowMean pain_before;
  PdWindowMean pain_after;
  /* PEG per day: the mean of the day's pain, enjoyment and activity means, those present. */
  PdWindowMean peg_before;
  PdWindowMean peg_after;
  double pain_change;          /* after - before: negative is lower; NAN without data */
  double pain_percent_change;  /* 100 x change / before; NAN when before is 0 or missing */
  double peg_change;
  double peg_percent_change;
  PdChangeVerdict verdict;     /* from pain */
} PdBeforeAfter;

void             pd_before_after_options_init (PdBeforeAfterOptions        *options);
/* The verdict for two window means and their days with data. */
PdChangeVerdict  pd_change_verdict            (double                       before,
                                               guint                        before_days,
                                               double                       after,
                                               guint                        after_days);
/* options NULL: the defaults. Days outside the series count as days without data. */
void             pd_before_after_compute      (const PdDailySeries         *series,
                                               guint32                      event_day,
                                               const PdBeforeAfterOptions  *options,
                                               PdBeforeAfter               *result);
/* "Meaningful change", "No clear change", "Not enough data" (translated). */
const char      *pd_change_verdict_label      (PdChangeVerdict              verdict);
/* One translated paragraph with both means, the days, the change and the verdict, worded
 * as an observation, never as a cause. */
char            *pd_before_after_describe     (const PdBeforeAfter         *result);

G_END_DECLS
