/* pd-day-group.h: a local day's pain entries and their aggregates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pd-database.h"
#include "pd-pain-entry.h"

G_BEGIN_DECLS

#define PD_TYPE_DAY_GROUP (pd_day_group_get_type ())

G_DECLARE_FINAL_TYPE (PdDayGroup, pd_day_group, PD, DAY_GROUP, GObject)

guint32      pd_day_group_get_day     (PdDayGroup  *self);  /* Julian day */
GDate       *pd_day_group_dup_date    (PdDayGroup  *self);
guint        pd_day_group_get_n_items (PdDayGroup  *self);
/* Transfer none: the group keeps the entry. */
PdPainEntry *pd_day_group_get_item    (PdDayGroup  *self,
                                       guint        position);
double       pd_day_group_get_mean    (PdDayGroup  *self);
int          pd_day_group_get_min     (PdDayGroup  *self);
int          pd_day_group_get_max     (PdDayGroup  *self);

/* Groups entries (any order) by local day, newest day first and newest entry first
 * within a day. With a non-empty search, keeps only entries whose note contains it
 * (case-insensitive); days left empty are dropped. Returns a GListModel of PdDayGroup. */
GListModel  *pd_day_groups_new        (GPtrArray   *entries,
                                       const char  *search);

/* Records of every kind on the day (PdPainEntry, PdDose, PdActivity, PdEvent), newest
 * first; the n_items/get_item pair above stays the day's pain entries only, which the
 * mean, min and max describe (a day with other records but no pain entry has mean 0,
 * min and max -1). */
guint        pd_day_group_get_n_records (PdDayGroup *self);
GObject     *pd_day_group_get_record    (PdDayGroup *self,
                                         guint       position);

/* Mask bits for pd_day_groups_new_full: 1 << PdRecordKind. */
#define PD_DAY_GROUPS_ALL_KINDS ((1u << PD_RECORD_PAIN) | (1u << PD_RECORD_DOSE) | \
                                 (1u << PD_RECORD_ACTIVITY) | (1u << PD_RECORD_EVENT))

/* Groups all the records of the kinds in the mask by local day, newest day first. The
 * search matches notes (and dose, activity and event names and titles) case-insensitively. */
GListModel  *pd_day_groups_new_full     (PdDiaryData *data,
                                         const char  *search,
                                         guint        kinds);

/* Newest day first, newest first within a day, then by creation and id: a total order on
 * records of every kind but medications (user_data unused). */
int          pd_record_compare          (gconstpointer a,
                                         gconstpointer b,
                                         gpointer      user_data);

/* What pd_day_groups_new_full keeps of a record: of a kind in the mask, and with a search
 * (not empty) in its note, name, title or own locations and qualities. */
typedef struct _PdRecordSearch PdRecordSearch;

PdRecordSearch *pd_record_search_new     (const char           *search,
                                          guint                 kinds);
gboolean        pd_record_search_matches (const PdRecordSearch *self,
                                          GObject              *record);
/* Whether it keeps every record of the four kinds. */
gboolean        pd_record_search_is_all  (const PdRecordSearch *self);
void            pd_record_search_free    (PdRecordSearch       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdRecordSearch, pd_record_search_free)

/* A day's pain figures, as PdDayGroup and the diary model's days have them: over the
 * pain entries among its records; with none, mean 0 and min and max -1. */
typedef struct
{
  guint32 day;
  guint n_entries;
  double mean;
  int min;
  int max;
} PdDayFigures;

/* Their properties, in this order: "day", the count (named by the class), "mean", "min",
 * "max". */
enum
{
  PD_DAY_FIGURES_DAY,
  PD_DAY_FIGURES_N_ENTRIES,
  PD_DAY_FIGURES_MEAN,
  PD_DAY_FIGURES_MIN,
  PD_DAY_FIGURES_MAX,
  PD_DAY_FIGURES_N_PROPS
};

void         pd_day_figures_count       (PdDayFigures   *figures,
                                         GObject *const *records,
                                         guint           n_records);
/* Fills pspecs[0 .. PD_DAY_FIGURES_N_PROPS - 1] (readable, with extra flags). */
void         pd_day_figures_pspecs      (GParamSpec    **pspecs,
                                         const char     *count_name,
                                         GParamFlags     extra);
void         pd_day_figures_get_value   (const PdDayFigures *figures,
                                         guint           which,
                                         GValue         *value);

G_END_DECLS
