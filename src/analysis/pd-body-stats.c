/* pd-body-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-body-stats"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-body-stats.h"
#include "pd-pain-entry.h"
#include "pd-tags.h"

gboolean
pd_body_location_below_knee (const char *key)
{
  return key != NULL && (g_str_has_prefix (key, "lower_leg_") || g_str_has_prefix (key, "ankle_") ||
                         g_str_has_prefix (key, "foot_"));
}

static guint64
below_knee_mask (void)
{
  static guint64 mask = 0;

  if (mask == 0)
    for (guint i = 0; i < pd_tag_count (PD_TAG_LOCATION); i++)
      if (pd_body_location_below_knee (pd_tag_key (PD_TAG_LOCATION, i)))
        mask |= G_GUINT64_CONSTANT (1) << i;
  return mask;
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The patient's own location words, each once (sorted at the end). */
static void
add_custom (GPtrArray          *custom,
            const char * const *words)
{
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      guint at;

      if (words[i][0] == '\0' || g_ptr_array_find_with_equal_func (custom, words[i], g_str_equal, &at))
        continue;
      g_ptr_array_add (custom, g_strdup (words[i]));
    }
}

PdBodyStats *
pd_body_stats_new (GPtrArray *entries,
                   guint32    first_day,
                   guint32    last_day)
{
  PdBodyStats *stats;
  guint n_days, n_regions = pd_tag_count (PD_TAG_LOCATION);
  g_autofree double *sums = NULL;
  /* Entries come in any order: a day counts once, and once per region. */
  g_autoptr(GHashTable) days = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) region_days = g_hash_table_new (NULL, NULL);
  guint64 below = below_knee_mask ();

  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (first_day > 0 && first_day <= last_day, NULL);

  n_days = last_day - first_day + 1;
  stats = g_new0 (PdBodyStats, 1);
  stats->first_day = first_day;
  stats->last_day = last_day;
  stats->n_regions = n_regions;
  stats->regions = g_new0 (PdBodyRegionStats, n_regions);
  stats->custom = g_ptr_array_new_with_free_func (g_free);
  sums = g_new0 (double, n_regions);
  for (guint i = 0; i < n_regions; i++)
    stats->regions[i].max = -1;

  for (guint e = 0; e < entries->len; e++)
    {
      PdPainEntry *entry = g_ptr_array_index (entries, e);
      guint32 day = pd_pain_entry_get_local_day (entry);
      guint64 locations = pd_pain_entry_get_locations (entry);
      int pain = pd_pain_entry_get_pain (entry);

      if (day < first_day && (gint64) day + n_days >= first_day)
        {
          stats->entries_before++;
          if (locations & below)
            stats->below_knee_before = TRUE;
          continue;
        }
      if (day < first_day || day > last_day)
        continue;
      g_hash_table_add (days, GUINT_TO_POINTER (day));
      add_custom (stats->custom, pd_pain_entry_get_custom_locations (entry));
      if (locations & below)
        stats->below_knee = TRUE;
      for (guint i = 0; i < n_regions; i++)
        {
          PdBodyRegionStats *region = &stats->regions[i];
          gsize pair = (gsize) (day - first_day) * n_regions + i;

          if (!(locations & (G_GUINT64_CONSTANT (1) << i)))
            continue;
          region->n_entries++;
          sums[i] += pain;
          region->max = MAX (region->max, pain);
          if (g_hash_table_add (region_days, GSIZE_TO_POINTER (pair)))
            region->days++;
        }
    }

  stats->days_with_entries = g_hash_table_size (days);
  g_ptr_array_sort (stats->custom, compare_words);
  for (guint i = 0; i < n_regions; i++)
    {
      PdBodyRegionStats *region = &stats->regions[i];

      if (region->n_entries > 0)
        region->mean = sums[i] / region->n_entries;
      stats->max_days = MAX (stats->max_days, region->days);
    }
  return stats;
}

void
pd_body_stats_free (PdBodyStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->regions);
  g_ptr_array_unref (stats->custom);
  g_free (stats);
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const PdBodyStats *stats = user_data;
  const PdBodyRegionStats *x = &stats->regions[*(const guint *) a];
  const PdBodyRegionStats *y = &stats->regions[*(const guint *) b];

  if (x->days != y->days)
    return x->days > y->days ? -1 : 1;
  if (x->mean != y->mean)
    return x->mean > y->mean ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

char *
pd_body_stats_summary (const PdBodyStats *stats,
                       guint              max_items)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *text;

  g_return_val_if_fail (stats != NULL, NULL);

  for (guint i = 0; i < stats->n_regions; i++)
    if (stats->regions[i].days > 0)
      g_array_append_val (order, i);
  if (order->len == 0)
    return g_strdup (stats->days_with_entries == 0 ? _("No pain entries in this period.")
                                                   : _("No location was marked in this period."));
  g_array_sort_with_data (order, compare_regions, (gpointer) stats);

  text = g_string_new (_("Most often: "));
  for (guint k = 0; k < MIN (order->len, max_items); k++)
    {
      guint i = g_array_index (order, guint, k);
      const PdBodyRegionStats *region = &stats->regions[i];
      /* As the app writes it: lowering its case would be wrong in German, for one. */
      const char *label = pd_tag_label (PD_TAG_LOCATION, i);

      if (k > 0)
        g_string_append (text, "; ");
      if (k == 0)
        /* Translators: a body region, the days it hurt of the days with entries, and the
         * mean pain, e.g. "low back, 12 of 14 days, mean pain 5.5" */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s, %u of %u day, mean pain %.1f",
                                                   "%s, %u of %u days, mean pain %.1f",
                                                   stats->days_with_entries),
                                label, region->days, stats->days_with_entries, region->mean);
      else
        /* Translators: a body region and the days it hurt, e.g. "left calf, 5 days, mean 4.0" */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s, %u day, mean %.1f",
                                                   "%s, %u days, mean %.1f", region->days),
                                label, region->days, region->mean);
    }
  if (order->len > max_items)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "; %u more place",
                                               "; %u more places", order->len - max_items),
                            order->len - max_items);
  g_string_append (text, ".");
  return g_string_free (text, FALSE);
}

char *
pd_body_stats_describe_custom (const PdBodyStats *stats)
{
  g_autoptr(GString) words = g_string_new (NULL);

  g_return_val_if_fail (stats != NULL, NULL);

  if (stats->custom->len == 0)
    return NULL;
  for (guint i = 0; i < stats->custom->len; i++)
    {
      if (i > 0)
        g_string_append (words, ", ");
      g_string_append (words, g_ptr_array_index (stats->custom, i));
    }
  /* Translators: %s is a list of places as the patient wrote them, e.g. "left big toe, jaw" */
  return g_strdup_printf (_("Also, in the patient's own words: %s."), words->str);
}

char *
pd_body_stats_note (const PdBodyStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  /* Without entries before, nothing says the pain is new below the knee. */
  if (!stats->below_knee || stats->below_knee_before || stats->entries_before == 0)
    return NULL;
  return g_strdup (_("Pain now reaches below the knee: marked in this period, not in the period "
                     "of the same length before."));
}
