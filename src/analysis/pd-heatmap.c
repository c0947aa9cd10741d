/* pd-heatmap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-heatmap"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "pd-heatmap.h"

#define SECONDS_PER_DAY 86400

typedef struct
{
  guint32 day;                 /* local Julian day */
  guint8 weekday;
  guint8 bin;
  guint8 pain;
} Item;

struct _PdHeatmapSource
{
  GArray *items;               /* Item, by day */
};

void
pd_heatmap_locate (gint64  unix_time,
                   int     utc_offset,
                   guint  *weekday,
                   guint  *bin)
{
  gint64 local = unix_time + utc_offset;
  gint64 second = local % SECONDS_PER_DAY;
  guint32 day = pd_local_day (unix_time, utc_offset);

  if (second < 0)
    second += SECONDS_PER_DAY;
  /* Julian day 1 (1 January of year 1) was a Monday. */
  if (weekday != NULL)
    *weekday = (day - 1) % 7;
  if (bin != NULL)
    *bin = (guint) (second / (PD_HEATMAP_BIN_HOURS * 3600));
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a, *y = b;

  return (x->day > y->day) - (x->day < y->day);
}

PdHeatmapSource *
pd_heatmap_source_new (GPtrArray *pain_entries)
{
  PdHeatmapSource *self = g_new0 (PdHeatmapSource, 1);
  guint n = pain_entries != NULL ? pain_entries->len : 0;

  self->items = g_array_sized_new (FALSE, FALSE, sizeof (Item), n);
  for (guint i = 0; i < n; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (pain_entries, i);
      gint64 time = pd_pain_entry_get_time (entry);
      int offset = pd_pain_entry_get_utc_offset (entry);
      guint weekday, bin;
      Item item;

      pd_heatmap_locate (time, offset, &weekday, &bin);
      item.day = pd_local_day (time, offset);
      item.weekday = (guint8) weekday;
      item.bin = (guint8) bin;
      item.pain = (guint8) CLAMP (pd_pain_entry_get_pain (entry), 0, 10);
      g_array_append_val (self->items, item);
    }
  g_array_sort (self->items, compare_items);
  return self;
}

void
pd_heatmap_source_free (PdHeatmapSource *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->items);
  g_free (self);
}

void
pd_heatmap_compute (PdHeatmap             *heatmap,
                    const PdHeatmapSource *source,
                    guint32                first_day,
                    guint32                last_day)
{
  guint sums[PD_HEATMAP_WEEKDAYS][PD_HEATMAP_BINS] = { { 0 } };
  const Item *items;
  guint lo = 0, hi;

  g_return_if_fail (heatmap != NULL);
  g_return_if_fail (source != NULL);

  memset (heatmap, 0, sizeof *heatmap);
  heatmap->first_day = first_day;
  heatmap->last_day = last_day;
  items = (const Item *) (void *) source->items->data;
  hi = source->items->len;
  /* The first item on or after first_day. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (items[mid].day < first_day)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < source->items->len && items[i].day <= last_day; i++)
    {
      heatmap->cells[items[i].weekday][items[i].bin].n_entries++;
      sums[items[i].weekday][items[i].bin] += items[i].pain;
      heatmap->n_entries++;
    }
  for (guint w = 0; w < PD_HEATMAP_WEEKDAYS; w++)
    for (guint b = 0; b < PD_HEATMAP_BINS; b++)
      {
        PdHeatmapCell *cell = &heatmap->cells[w][b];

        cell->mean = cell->n_entries > 0 ? (double) sums[w][b] / cell->n_entries : NAN;
      }
}

gboolean
pd_heatmap_find_peak (const PdHeatmap *heatmap,
                      gboolean         highest,
                      guint           *weekday,
                      guint           *bin)
{
  gboolean found = FALSE;
  double best = 0;

  g_return_val_if_fail (heatmap != NULL, FALSE);

  for (guint w = 0; w < PD_HEATMAP_WEEKDAYS; w++)
    for (guint b = 0; b < PD_HEATMAP_BINS; b++)
      {
        const PdHeatmapCell *cell = &heatmap->cells[w][b];

        if (cell->n_entries < PD_HEATMAP_MIN_ENTRIES)
          continue;
        if (!found || (highest ? cell->mean > best : cell->mean < best))
          {
            best = cell->mean;
            found = TRUE;
            if (weekday != NULL)
              *weekday = w;
            if (bin != NULL)
              *bin = b;
          }
      }
  return found;
}

guint
pd_heatmap_first_weekday (void)
{
#ifdef _NL_TIME_FIRST_WEEKDAY
  /* glibc: the first weekday counts from the week's origin (a Sunday or a Monday), from 1.
   * gtkcalendar.c reads it the same way. */
  union { const char *string; unsigned int word; } origin;
  int first = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];
  int origin_sunday;

  origin.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  origin_sunday = origin.word == 19971130 ? 1 : 0;
  if (first >= 1 && first <= 7)
    /* 0 Sunday .. 6 Saturday, then 0 Monday .. 6 Sunday. */
    return ((first - 1 + (origin_sunday ? 0 : 1)) % 7 + 6) % 7;
#endif
  return 0;
}

char *
pd_heatmap_weekday_name (guint    weekday,
                         gboolean abbreviated)
{
  GDate date;
  char name[64];

  g_return_val_if_fail (weekday < PD_HEATMAP_WEEKDAYS, NULL);

  /* 1 January 2024 was a Monday. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1 + weekday, G_DATE_JANUARY, 2024);
  if (g_date_strftime (name, sizeof name, abbreviated ? "%a" : "%A", &date) == 0)
    return g_strdup ("?");
  return g_strdup (name);
}

char *
pd_heatmap_bin_label (guint bin)
{
  g_return_val_if_fail (bin < PD_HEATMAP_BINS, NULL);

  /* Translators: a time-of-day range in the "when it hurts" map: start and end hours. */
  return g_strdup_printf (_("%02u:00–%02u:00"), bin * PD_HEATMAP_BIN_HOURS,
                          (bin + 1) * PD_HEATMAP_BIN_HOURS);
}

/* Every cell that ties with the peak at weekday, bin (the same mean to the tenth shown):
 * "highest on Monday, 18:00–21:00 (mean 6.5, 6 entries) and Tuesday, 21:00–24:00 (mean 6.5,
 * 4 entries)". */
static char *
describe_peak (const PdHeatmap *heatmap,
               guint            weekday,
               guint            bin,
               gboolean         highest)
{
  double best = round (heatmap->cells[weekday][bin].mean * 10);
  g_autoptr(GString) cells = g_string_new (NULL);
  guint n = 0;

  for (guint w = 0; w < PD_HEATMAP_WEEKDAYS; w++)
    for (guint b = 0; b < PD_HEATMAP_BINS; b++)
      {
        const PdHeatmapCell *cell = &heatmap->cells[w][b];
        g_autofree char *day = NULL;
        g_autofree char *hours = NULL;

        if (cell->n_entries < PD_HEATMAP_MIN_ENTRIES || round (cell->mean * 10) != best)
          continue;
        day = pd_heatmap_weekday_name (w, FALSE);
        hours = pd_heatmap_bin_label (b);
        if (n++ > 0)
          /* Translators: between two times of the week that tie, "... and Tuesday, ..." */
          g_string_append (cells, _(" and "));
        /* Translators: weekday, time range, mean pain, number of entries. */
        g_string_append_printf (cells, ngettext ("%s, %s (mean %.1f, %u entry)",
                                                 "%s, %s (mean %.1f, %u entries)",
                                                 cell->n_entries),
                                day, hours, cell->mean, cell->n_entries);
      }
  if (highest)
    /* Translators: "highest on Tuesday, 18:00–21:00 (mean 6.8, 12 entries)" */
    return g_strdup_printf (_("highest on %s"), cells->str);
  /* Translators: "lowest on Tuesday, 18:00–21:00 (mean 2.8, 12 entries)" */
  return g_strdup_printf (_("lowest on %s"), cells->str);
}

static gboolean
has_faint_cells (const PdHeatmap *heatmap)
{
  for (guint w = 0; w < PD_HEATMAP_WEEKDAYS; w++)
    for (guint b = 0; b < PD_HEATMAP_BINS; b++)
      if (heatmap->cells[w][b].n_entries > 0
          && heatmap->cells[w][b].n_entries < PD_HEATMAP_MIN_ENTRIES)
        return TRUE;
  return FALSE;
}

char *
pd_heatmap_describe (const PdHeatmap *heatmap)
{
  guint high_day, high_bin, low_day, low_bin;
  g_autofree char *high = NULL;
  g_autofree char *low = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (heatmap != NULL, NULL);

  if (heatmap->n_entries == 0)
    return g_strdup (_("No pain entries in this range, so no times of day to compare."));
  if (!pd_heatmap_find_peak (heatmap, TRUE, &high_day, &high_bin))
    return g_strdup_printf (ngettext ("Too few entries to tell when pain is highest: %u entry in "
                                      "this range.",
                                      "Too few entries to tell when pain is highest: %u entries "
                                      "in this range.", heatmap->n_entries),
                            heatmap->n_entries);
  pd_heatmap_find_peak (heatmap, FALSE, &low_day, &low_bin);
  high = describe_peak (heatmap, high_day, high_bin, TRUE);
  if (round (heatmap->cells[low_day][low_bin].mean * 10)
      == round (heatmap->cells[high_day][high_bin].mean * 10))
    /* Translators: "Pain is highest on Tuesday, 18:00–21:00 (mean 6.8, 12 entries)." */
    summary = g_strdup_printf (_("Pain is %s."), high);
  else
    {
      low = describe_peak (heatmap, low_day, low_bin, FALSE);
      /* Translators: "Pain is highest on ... (...) and lowest on ... (...)." */
      summary = g_strdup_printf (_("Pain is %s and %s."), high, low);
    }
  if (!has_faint_cells (heatmap))
    return g_steal_pointer (&summary);
  /* Translators: after the map's summary; %u is the least number of entries compared. */
  return g_strdup_printf (ngettext ("%s Times with fewer than %u entry are drawn faint and not "
                                    "compared.",
                                    "%s Times with fewer than %u entries are drawn faint and not "
                                    "compared.", PD_HEATMAP_MIN_ENTRIES),
                          summary, PD_HEATMAP_MIN_ENTRIES);
}

char *
pd_heatmap_describe_cell (const PdHeatmap *heatmap,
                          guint            weekday,
                          guint            bin)
{
  const PdHeatmapCell *cell;
  g_autofree char *day = NULL;
  g_autofree char *hours = NULL;

  g_return_val_if_fail (heatmap != NULL, NULL);
  g_return_val_if_fail (weekday < PD_HEATMAP_WEEKDAYS && bin < PD_HEATMAP_BINS, NULL);

  cell = &heatmap->cells[weekday][bin];
  day = pd_heatmap_weekday_name (weekday, FALSE);
  hours = pd_heatmap_bin_label (bin);
  if (cell->n_entries == 0)
    /* Translators: weekday and time range of a cell without entries. */
    return g_strdup_printf (_("%s %s: no entries"), day, hours);
  if (cell->n_entries < PD_HEATMAP_MIN_ENTRIES)
    /* Translators: a cell with too few entries to be compared with the others. */
    return g_strdup_printf (ngettext ("%s %s: mean pain %.1f, %u entry, too few to compare",
                                      "%s %s: mean pain %.1f, %u entries, too few to compare",
                                      cell->n_entries),
                            day, hours, cell->mean, cell->n_entries);
  /* Translators: weekday, time range, mean pain and number of entries of a cell. */
  return g_strdup_printf (ngettext ("%s %s: mean pain %.1f, %u entry",
                                    "%s %s: mean pain %.1f, %u entries", cell->n_entries),
                          day, hours, cell->mean, cell->n_entries);
}
