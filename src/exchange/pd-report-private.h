/* pd-report-private.h: the report's blocks, tables and pages, and its measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-before-after.h"
#include "pd-body-map.h"
#include "pd-chart.h"
#include "pd-daily.h"
#include "pd-database.h"
#include "pd-report.h"
#include "pd-safety-days.h"

G_BEGIN_DECLS

/* Measures in points. */
#define PD_REPORT_MARGIN              40.0
#define PD_REPORT_HEADER_HEIGHT       36.0
#define PD_REPORT_FOOTER_HEIGHT       18.0
#define PD_REPORT_CELL_PADDING        4.0
#define PD_REPORT_ROW_SPACING         1.7   /* a table row's height, in font sizes */
#define PD_REPORT_TITLE_SIZE          18.0
#define PD_REPORT_HEADING_SIZE        13.0
#define PD_REPORT_HEADING_SPACE       8.0   /* above a heading */
#define PD_REPORT_BODY_SIZE           10.0
#define PD_REPORT_SMALL_SIZE          8.0
#define PD_REPORT_FIGURE_SIZE         14.0
#define PD_REPORT_CHART_FONT_SIZE     8.0
#define PD_REPORT_TREND_CHART_HEIGHT  120.0
#define PD_REPORT_DETAIL_CHART_HEIGHT 320.0
#define PD_REPORT_BARS_HEIGHT         30.0
#define PD_REPORT_BODY_MAP_HEIGHT     340.0
#define PD_REPORT_FONT                "Cantarell, Sans"
/* Weeks of PEG on the summary page. */
#define PD_REPORT_SUMMARY_WEEKS       8
/* The days before an event the before window reaches. */
#define PD_REPORT_MIN_LOOKBACK        14
#define PD_REPORT_MAX_COLUMNS         10

typedef struct
{
  double red, green, blue;
} PdReportColour;

typedef enum
{
  PD_REPORT_BLOCK_TEXT,   /* Pango markup, wrapped to the text width */
  PD_REPORT_BLOCK_ROW,    /* one row of a table, single lines, ellipsized */
  PD_REPORT_BLOCK_CHART,  /* pd_chart_draw with some panels */
  PD_REPORT_BLOCK_BARS,   /* before and after means as two bars */
  PD_REPORT_BLOCK_BODY_MAP, /* pd_body_map_draw of the period */
  PD_REPORT_BLOCK_SPACE,
  PD_REPORT_BLOCK_BREAK,  /* the next block starts a page, unless this one has room (size) */
} PdReportBlockKind;

typedef struct
{
  PdReportBlockKind kind;
  double size;            /* font size (text, rows); height (chart, bars, space) */
  gboolean keep_with_next;
  gboolean keep_with_previous;  /* a footnote: never alone at the top of a page */
  char *markup;           /* text */
  char **cells;           /* row */
  int table;              /* row: index of its table */
  gboolean header;        /* row: the table's header */
  PdChartPanels panels;   /* chart */
  double before, after;   /* bars: means, NAN without data */
} PdReportBlock;

typedef struct
{
  guint n_columns;
  double widths[PD_REPORT_MAX_COLUMNS];  /* fractions of the text width */
  guint right_mask;                      /* bit c: column c aligned right */
  double size;
  int header;                            /* block index of the header row, or -1 */
} PdReportTable;

typedef struct
{
  guint first, end;       /* blocks first .. end - 1 */
  int table_header;       /* a header row repeated at the top, or -1 */
} PdReportPage;

/* The report being built and its layout: pd-report.c builds it, its sections add blocks
 * (pd-report-blocks.c), pd-report-layout.c lays them out. */
struct _PdReport
{
  GObject parent_instance;

  PdDailySeries *series;
  PdBodyStats *body_stats;
  guint32 first_day;
  guint32 last_day;
  char *header;          /* markup: patient, surgery, period, generation date */
  PdDiaryData *data;     /* while pd_report_new builds the blocks; not owned */
  /* The period's days whose MME or acetaminophen total leaves out a taken dose. */
  PdNotCountedDays *not_counted;

  GArray *blocks;        /* PdReportBlock */
  GArray *tables;        /* PdReportTable */

  /* The layout for one page size. */
  double laid_out_width;
  double laid_out_height;
  GArray *pages;         /* PdReportPage */
};

/* pd-report-blocks.c: building blocks and formatting, for the sections in the other files. */
PdReportBlock *_pd_report_add_block (PdReport         *self,
                                      PdReportBlockKind kind);
void _pd_report_add_footnote (PdReport   *self,
                              const char *markup);
/* The room a section that starts a page of its own needs left on the page before, to follow
 * on it instead: without it, a few lines spilled from the page before stand alone on one. */
#define PD_REPORT_BREAK_ROOM 0.6
/* The next block starts a page, unless room (a share of the page's text height, 0 for
 * none) is left on this one: then it follows what is above it. */
void _pd_report_add_page_break (PdReport *self,
                                double    room);
char **_pd_report_cells_new (const char *first,
                              ...) G_GNUC_NULL_TERMINATED;
/* day in the strftime format. */
char *_pd_report_format_day_as (guint32     day,
                                const char *format);
char *_pd_report_format_day_unbroken (guint32 day);
char *_pd_report_format_iso_date (const char *iso);
guint32 _pd_report_julian_of (GDateTime *time);
char *_pd_report_format_score (double value);
double _pd_report_mean_of (double sum,
                           guint  n);

/* pd-report-summary.c and pd-report-sections.c: the sections, in the order of the report. */
void _pd_report_add_key_figures (PdReport *self);
void _pd_report_add_change (PdReport *self);
void _pd_report_add_red_flags (PdReport    *self,
                               PdDiaryData *data);
void _pd_report_add_medication_safety (PdReport               *self,
                                       PdDiaryData            *data,
                                       const PdReportSections *sections);
void _pd_report_add_trend_chart (PdReport *self);
void _pd_report_add_weekly_peg (PdReport *self);
void _pd_report_add_medications (PdReport    *self,
                                 PdDiaryData *data);
void _pd_report_add_body_map (PdReport    *self,
                              PdDiaryData *data);
void _pd_report_add_charts (PdReport *self);
void _pd_report_add_before_after (PdReport *self);
void _pd_report_add_notes (PdReport    *self,
                           PdDiaryData *data);
void _pd_report_add_daily_table (PdReport *self);

/* For the sections written in other files: the blocks of a report being built, as
 * pd-report-blocks.c adds them. */
void           _pd_report_add_heading  (PdReport     *self,
                                        const char   *text);
void           _pd_report_add_text     (PdReport     *self,
                                        double        size,
                                        const char   *markup);
void           _pd_report_add_space    (PdReport     *self,
                                        double        height);
/* The table and its header row (cells NULL-terminated): its index for _pd_report_add_row. */
int            _pd_report_add_table    (PdReport     *self,
                                        const double *widths,
                                        guint         right_mask,
                                        double        size,
                                        const char   *first_header,
                                        ...) G_GNUC_NULL_TERMINATED;
/* Takes the cells (NULL-terminated). */
void           _pd_report_add_row      (PdReport     *self,
                                        int           table,
                                        char        **cells);
PdDailySeries *_pd_report_get_series   (PdReport     *self);
/* A day in the locale's words and order, as the window writes a date in a list: "4 Nov
 * 2026", "4. Nov 2026". */
char          *_pd_report_format_day   (guint32       day);

/* For tests: the blocks of page (0-based) of the layout last computed, first .. end - 1. */
const PdReportBlock *_pd_report_get_block      (PdReport     *self,
                                                guint         index);
void                 _pd_report_get_page_range (PdReport     *self,
                                                int           page,
                                                guint        *first,
                                                guint        *end);

/* pd-report-spine.c */

/* The first day the series needs for the latest treatment event before first_day (its
 * before window), or G_MAXUINT32 when there is none; events in any order. */
guint32        _pd_report_spine_first_day   (GPtrArray    *events,
                                             guint32       first_day);
/* Page 1: the latest treatment event in the period, or else the latest before it, and the
 * pain before and after it ("after what"). */
void           _pd_report_add_latest_event  (PdReport     *self,
                                             PdDiaryData  *data);
/* An event's line: its date and title in bold, then note in grey. */
void           _pd_report_add_event_title   (PdReport     *self,
                                             guint32       day,
                                             const char   *title,
                                             const char   *note);
/* The pain before and after an event, and what it says, on two lines of plain text: in the
 * words of page 1's latest event (latest) or of the before/after section. */
char          *_pd_report_describe_before_after (const PdBeforeAfter *result,
                                                 gboolean             latest);
/* Under an event's before/after: function and the impression of change about it. */
void           _pd_report_add_event_spine   (PdReport     *self,
                                             PdDiaryData  *data,
                                             guint32       event_day,
                                             const char   *event_title);
/* The section on spine outcomes: back and leg pain, the stimulator trial, function,
 * impressions of change and as-needed doses. */
void           _pd_report_add_spine         (PdReport     *self,
                                             PdDiaryData  *data);

G_END_DECLS
