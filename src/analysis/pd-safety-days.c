/* pd-safety-days.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-safety-days"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-catalogue.h"
#include "pd-safety-days.h"

/* A fentanyl patch counts toward MME for 72 h: a day needs the doses of the two before. */
#define PATCH_EXTRA_DAYS 2

void
pd_safety_flag_days_free (PdSafetyFlagDays *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->code);
  g_clear_pointer (&flag->days, g_array_unref);
  g_free (flag);
}

static PdSafetyFlagDays *
flag_for (GPtrArray  *flags,
          const char *code)
{
  PdSafetyFlagDays *flag;

  for (guint i = 0; i < flags->len; i++)
    {
      flag = g_ptr_array_index (flags, i);
      if (strcmp (flag->code, code) == 0)
        return flag;
    }
  flag = g_new0 (PdSafetyFlagDays, 1);
  flag->code = g_strdup (code);
  flag->days = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_ptr_array_add (flags, flag);
  return flag;
}

static const char * const code_order[] = {
  "over_max", "mme_50", "mme_90", "same_class", "opioid_gabapentinoid",
  "opioid_benzodiazepine", "serotonergic", "cyp2d6_prodrug",
};

static guint
code_rank (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_order); i++)
    if (g_str_has_prefix (code, code_order[i]))
      return i;
  return G_N_ELEMENTS (code_order);
}

static int
compare_flags (gconstpointer a,
               gconstpointer b)
{
  const PdSafetyFlagDays *x = *(PdSafetyFlagDays * const *) a;
  const PdSafetyFlagDays *y = *(PdSafetyFlagDays * const *) b;
  guint rank_x = code_rank (x->code), rank_y = code_rank (y->code);

  if (rank_x != rank_y)
    return rank_x < rank_y ? -1 : 1;
  return strcmp (x->code, y->code);
}

/* The taken doses of the local days first..last, by day: a GPtrArray (not owning) for each
 * day that has one. */
static GHashTable *
taken_by_day (GPtrArray *doses,
              guint32    first,
              guint32    last)
{
  GHashTable *by_day = g_hash_table_new_full (NULL, NULL, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < doses->len; i++)
    {
      PdDose *dose = g_ptr_array_index (doses, i);
      guint32 day = pd_dose_get_local_day (dose);
      GPtrArray *bucket;

      if (pd_dose_get_status (dose) != PD_DOSE_TAKEN || day < first || day > last)
        continue;
      bucket = g_hash_table_lookup (by_day, GUINT_TO_POINTER (day));
      if (bucket == NULL)
        {
          bucket = g_ptr_array_new ();
          g_hash_table_insert (by_day, GUINT_TO_POINTER (day), bucket);
        }
      g_ptr_array_add (bucket, dose);
    }
  return by_day;
}

GPtrArray *
pd_safety_flag_days (GPtrArray            *doses,
                     GPtrArray            *medications,
                     guint32               first,
                     guint32               last,
                     const PdCheckOptions *options)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_safety_flag_days_free);
  g_autoptr(GHashTable) by_day = NULL;

  if (doses == NULL || first > last)
    return flags;

  by_day = taken_by_day (doses, first - MIN (first, PATCH_EXTRA_DAYS), last);
  for (guint32 day = first; day <= last; day++)
    {
      g_autoptr(GPtrArray) recent = NULL;
      g_autofree char *codes = NULL;
      g_auto(GStrv) list = NULL;

      /* A day without a dose of its own still has the MME of a patch applied on one of the
       * two days before (pd_daily_mme): its flags come from the doses of all three. */
      recent = g_ptr_array_new ();
      for (guint32 d = day - PATCH_EXTRA_DAYS; d <= day; d++)
        {
          GPtrArray *bucket = g_hash_table_lookup (by_day, GUINT_TO_POINTER (d));

          if (bucket != NULL)
            g_ptr_array_extend (recent, bucket, NULL, NULL);
        }
      if (recent->len == 0)
        continue;
      codes = pd_day_safety_flags (recent, medications, day, options);
      if (*codes == '\0')
        continue;
      list = g_strsplit (codes, ";", -1);
      for (guint i = 0; list[i] != NULL; i++)
        g_array_append_val (flag_for (flags, list[i])->days, day);
    }
  g_ptr_array_sort (flags, compare_flags);
  return flags;
}

char *
pd_safety_flag_describe (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  if (g_str_has_prefix (code, "over_max:"))
    {
      const char *drug = code + strlen ("over_max:");
      const PdMedicationInfo *info = pd_catalogue_lookup_medication (drug);

      /* Translators: %s is a medication. */
      return g_strdup_printf (_("Over the maximum in 24 hours: %s"),
                              info != NULL ? info->name : drug);
    }
  if (strcmp (code, "mme_50") == 0)
    return g_strdup (_("50 MME a day or more (CDC 2022: reassess; not a limit)"));
  if (strcmp (code, "mme_90") == 0)
    return g_strdup (_("90 MME a day or more (CDC 2022: high; not a limit)"));
  if (strcmp (code, "same_class") == 0)
    return g_strdup (_("Two medications of one class the same day"));
  if (strcmp (code, "opioid_gabapentinoid") == 0)
    return g_strdup (_("Opioid and gabapentinoid the same day (slowed breathing)"));
  if (strcmp (code, "opioid_benzodiazepine") == 0)
    return g_strdup (_("Opioid and benzodiazepine the same day"));
  if (strcmp (code, "serotonergic") == 0)
    return g_strdup (_("Tramadol or tapentadol with an SNRI, TCA or SSRI (serotonin syndrome)"));
  if (strcmp (code, "cyp2d6_prodrug") == 0)
    return g_strdup (_("Codeine or tramadol with an ultrarapid or poor CYP2D6 status"));
  return g_strdup (code);
}

char *
pd_safety_flag_format_days (GArray *days,
                            guint   max_shown)
{
  GString *out = g_string_new (NULL);
  guint shown = MIN (days->len, MAX (max_shown, 1));

  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(GDate) date = g_date_new_julian (g_array_index (days, guint32, i));
      char buffer[64];

      if (i > 0)
        g_string_append (out, ", ");
      /* Translators: a date, strftime format, as in "4 Nov 2026". */
      if (g_date_strftime (buffer, sizeof buffer, _("%-d %b %Y"), date) > 0)
        g_string_append (out, buffer);
    }
  if (days->len > shown)
    /* Translators: after a list of dates: "2 Oct 2024, 5 Oct 2024 and 3 more". */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                              days->len - shown),
                            days->len - shown);
  return g_string_free (out, FALSE);
}

void
pd_not_counted_days_free (PdNotCountedDays *not_counted)
{
  if (not_counted == NULL)
    return;
  g_clear_pointer (&not_counted->days, g_array_unref);
  g_clear_pointer (&not_counted->doses, g_ptr_array_unref);
  g_free (not_counted);
}

PdNotCountedDays *
pd_not_counted_days (GPtrArray *doses,
                     GPtrArray *medications,
                     guint32    first,
                     guint32    last)
{
  PdNotCountedDays *not_counted = g_new0 (PdNotCountedDays, 1);
  g_autoptr(GHashTable) by_day = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  not_counted->days = g_array_new (FALSE, FALSE, sizeof (guint32));
  not_counted->doses = g_ptr_array_new_with_free_func (g_free);
  if (doses == NULL || first > last)
    return not_counted;

  by_day = taken_by_day (doses, first, last);
  for (guint32 day = first; day <= last; day++)
    {
      GPtrArray *bucket = g_hash_table_lookup (by_day, GUINT_TO_POINTER (day));
      g_autoptr(GPtrArray) warnings = NULL;
      gboolean any = FALSE;

      if (bucket == NULL)
        continue;
      warnings = pd_day_warnings (bucket, medications, day);
      for (guint i = 0; i < warnings->len; i++)
        {
          PdWarning *warning = g_ptr_array_index (warnings, i);

          if (warning->kind != PD_WARNING_NOT_COUNTED)
            continue;
          any = TRUE;
          if (!g_hash_table_contains (seen, warning->subject))
            {
              char *dose = g_strdup (warning->subject);

              g_ptr_array_add (not_counted->doses, dose);
              g_hash_table_add (seen, dose);
            }
        }
      if (any)
        g_array_append_val (not_counted->days, day);
    }
  return not_counted;
}
