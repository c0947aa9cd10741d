/* pd-medication.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-medication"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pd-catalogue-private.h"
#include "pd-error.h"
#include "pd-medication.h"
#include "pd-types.h"

#define MAX_FORM_LENGTH   100
#define MAX_TIMES_PER_DAY 24
#define MAX_MME_FACTOR    100
#define MINUTES_PER_DAY   (24 * 60)

struct _PdMedication
{
  GObject parent_instance;

  char *id;
  char *name;
  char *catalogue_key;
  char *drug_class;
  char *form;
  double amount;
  char *unit;
  GArray *schedule;    /* guint minutes after midnight, ascending, distinct */
  guint32 start_day;
  guint32 stop_day;
  double mme_factor;
  double max_daily;
  gboolean reminders;
  gboolean prescribed;
  char *notes;
  gint64 created;
  gint64 updated;
};

G_DEFINE_FINAL_TYPE (PdMedication, pd_medication, G_TYPE_OBJECT)

static void
pd_medication_finalize (GObject *object)
{
  PdMedication *self = (PdMedication *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->catalogue_key, g_free);
  g_clear_pointer (&self->drug_class, g_free);
  g_clear_pointer (&self->form, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->schedule, g_array_unref);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (pd_medication_parent_class)->finalize (object);
}

static void
pd_medication_class_init (PdMedicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_medication_finalize;
}

static guint32
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                          g_date_time_get_month (now),
                                          g_date_time_get_year (now));

  return g_date_get_julian (date);
}

static void
pd_medication_init (PdMedication *self)
{
  /* The id is drawn on first use, as for pain entries. */
  self->name = g_strdup ("");
  self->drug_class = g_strdup ("other");
  self->form = g_strdup ("");
  self->unit = g_strdup ("mg");
  self->schedule = g_array_new (FALSE, FALSE, sizeof (guint));
  self->start_day = today ();
  self->reminders = TRUE;
  self->notes = g_strdup ("");
}

PdMedication *
pd_medication_new (void)
{
  return g_object_new (PD_TYPE_MEDICATION, NULL);
}

PdMedication *
pd_medication_new_from_catalogue (const char *key)
{
  const PdMedicationInfo *info = pd_catalogue_lookup_medication (key);
  PdMedication *self;

  if (info == NULL)
    return NULL;

  self = pd_medication_new ();
  pd_medication_set_name (self, info->name);
  pd_medication_set_catalogue_key (self, info->key);
  pd_medication_set_drug_class (self, info->drug_class);
  pd_medication_set_form (self, info->form);
  pd_medication_set_amount (self, info->usual_amount);
  pd_medication_set_unit (self, info->unit);
  pd_medication_set_mme_factor (self, info->mme_factor);
  pd_medication_set_max_daily (self, info->max_daily);
  return self;
}

PdDose *
pd_medication_new_dose (PdMedication *self)
{
  PdDose *dose;

  g_return_val_if_fail (PD_IS_MEDICATION (self), NULL);

  dose = pd_dose_new ();
  pd_dose_set_medication_id (dose, pd_medication_get_id (self));
  pd_dose_set_name (dose, pd_medication_get_name (self));
  pd_dose_set_amount (dose, pd_medication_get_amount (self));
  pd_dose_set_unit (dose, pd_medication_get_unit (self));
  return dose;
}

PdMedication *
pd_medication_copy (PdMedication *self)
{
  PdMedication *copy;

  g_return_val_if_fail (PD_IS_MEDICATION (self), NULL);

  copy = pd_medication_new ();
  pd_medication_set_id (copy, pd_medication_get_id (self));
  pd_medication_set_name (copy, self->name);
  pd_medication_set_catalogue_key (copy, self->catalogue_key);
  pd_medication_set_drug_class (copy, self->drug_class);
  pd_medication_set_form (copy, self->form);
  copy->amount = self->amount;
  pd_medication_set_unit (copy, self->unit);
  g_array_append_vals (copy->schedule, self->schedule->data, self->schedule->len);
  copy->start_day = self->start_day;
  copy->stop_day = self->stop_day;
  copy->mme_factor = self->mme_factor;
  copy->max_daily = self->max_daily;
  copy->reminders = self->reminders;
  copy->prescribed = self->prescribed;
  pd_medication_set_notes (copy, self->notes);
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

static char *
format_day (guint32 day)
{
  char buffer[32];
  g_autoptr(GDate) date = NULL;

  if (!g_date_valid_julian (day))
    return g_strdup_printf ("%u", day);
  date = g_date_new_julian (day);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

gboolean
pd_medication_validate (PdMedication  *self,
                        GError       **error)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), FALSE);

  if (!pd_check_id (pd_medication_get_id (self), error) ||
      !pd_check_name ("name", self->name, PD_MAX_NAME_LENGTH, error))
    return FALSE;
  if (!g_strv_contains (pd_drug_classes (), self->drug_class))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("drug_class: “%s” is not a known class"), self->drug_class);
      return FALSE;
    }
  if (!pd_check_text ("form", self->form, MAX_FORM_LENGTH, error) ||
      !pd_catalogue_check_amount (self->amount, self->unit, error))
    return FALSE;
  for (guint i = 0; i < self->schedule->len; i++)
    {
      guint minute = g_array_index (self->schedule, guint, i);

      if (minute >= MINUTES_PER_DAY)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("schedule: %u minutes after midnight is not a time of day"), minute);
          return FALSE;
        }
    }
  if (self->schedule->len > MAX_TIMES_PER_DAY)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("schedule: more than %d times a day"), MAX_TIMES_PER_DAY);
      return FALSE;
    }
  if (!g_date_valid_julian (self->start_day))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("start_day: not a valid date"));
      return FALSE;
    }
  if (self->stop_day != 0 && !g_date_valid_julian (self->stop_day))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("stop_day: not a valid date"));
      return FALSE;
    }
  if (self->stop_day != 0 && self->stop_day < self->start_day)
    {
      g_autofree char *stop = format_day (self->stop_day);
      g_autofree char *start = format_day (self->start_day);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("stop_day: %s is before the start date %s"), stop, start);
      return FALSE;
    }
  if (isnan (self->mme_factor) || self->mme_factor < 0 || self->mme_factor > MAX_MME_FACTOR)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("mme_factor: %g is outside 0–%d"), self->mme_factor, MAX_MME_FACTOR);
      return FALSE;
    }
  if (isnan (self->max_daily) || isinf (self->max_daily) || self->max_daily < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("max_daily: %g is not a valid maximum (0 when there is none)"),
                   self->max_daily);
      return FALSE;
    }
  if (!pd_check_text ("notes", self->notes, PD_MAX_NOTE_LENGTH, error))
    return FALSE;
  return TRUE;
}

const char *
pd_medication_get_id (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), NULL);
  return pd_record_id_ensure (&self->id);
}

void
pd_medication_set_id (PdMedication *self,
                      const char   *id)
{
  g_return_if_fail (PD_IS_MEDICATION (self));
  g_return_if_fail (id != NULL);
  g_free (self->id);
  self->id = g_ascii_strdown (id, -1);
}

#define STRING_ACCESSORS(field, fallback)                                     \
  const char *                                                                \
  pd_medication_get_##field (PdMedication *self)                              \
  {                                                                           \
    g_return_val_if_fail (PD_IS_MEDICATION (self), NULL);                     \
    return self->field;                                                       \
  }                                                                           \
  void                                                                        \
  pd_medication_set_##field (PdMedication *self, const char *value)           \
  {                                                                           \
    g_return_if_fail (PD_IS_MEDICATION (self));                               \
    if (self->field == value)                                                 \
      return;                                                                 \
    g_free (self->field);                                                     \
    self->field = g_strdup (value != NULL ? value : (fallback));              \
  }

#define DOUBLE_ACCESSORS(field)                                               \
  double                                                                      \
  pd_medication_get_##field (PdMedication *self)                              \
  {                                                                           \
    g_return_val_if_fail (PD_IS_MEDICATION (self), 0);                        \
    return self->field;                                                       \
  }                                                                           \
  void                                                                        \
  pd_medication_set_##field (PdMedication *self, double value)                \
  {                                                                           \
    g_return_if_fail (PD_IS_MEDICATION (self));                               \
    self->field = value;                                                      \
  }

STRING_ACCESSORS (name, "")
STRING_ACCESSORS (drug_class, "other")
STRING_ACCESSORS (form, "")
STRING_ACCESSORS (unit, "")
STRING_ACCESSORS (notes, "")
DOUBLE_ACCESSORS (amount)
DOUBLE_ACCESSORS (mme_factor)
DOUBLE_ACCESSORS (max_daily)

const char *
pd_medication_get_catalogue_key (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), NULL);
  return self->catalogue_key;
}

void
pd_medication_set_catalogue_key (PdMedication *self,
                                 const char   *key)
{
  g_return_if_fail (PD_IS_MEDICATION (self));
  if (self->catalogue_key == key)
    return;
  g_free (self->catalogue_key);
  self->catalogue_key = (key != NULL && *key != '\0') ? g_strdup (key) : NULL;
}

const GArray *
pd_medication_get_schedule (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), NULL);
  return self->schedule;
}

static int
compare_minutes (gconstpointer a,
                 gconstpointer b)
{
  guint minute_a = *(const guint *) a;
  guint minute_b = *(const guint *) b;

  return minute_a < minute_b ? -1 : minute_a > minute_b;
}

void
pd_medication_set_schedule (PdMedication *self,
                            const guint  *minutes,
                            guint         n_times)
{
  guint kept = 0;

  g_return_if_fail (PD_IS_MEDICATION (self));
  g_return_if_fail (minutes != NULL || n_times == 0);

  g_array_set_size (self->schedule, 0);
  if (n_times > 0)
    g_array_append_vals (self->schedule, minutes, n_times);
  g_array_sort (self->schedule, compare_minutes);

  for (guint i = 0; i < self->schedule->len; i++)
    {
      guint minute = g_array_index (self->schedule, guint, i);

      if (kept == 0 || g_array_index (self->schedule, guint, kept - 1) != minute)
        g_array_index (self->schedule, guint, kept++) = minute;
    }
  g_array_set_size (self->schedule, kept);
}

gboolean
pd_medication_is_as_needed (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), FALSE);
  return self->schedule->len == 0;
}

char *
pd_medication_dup_schedule_string (PdMedication *self)
{
  GString *str;

  g_return_val_if_fail (PD_IS_MEDICATION (self), NULL);

  str = g_string_new (NULL);
  for (guint i = 0; i < self->schedule->len; i++)
    {
      guint minute = g_array_index (self->schedule, guint, i);

      if (i > 0)
        g_string_append_c (str, ';');
      g_string_append_printf (str, "%02u:%02u", minute / 60, minute % 60);
    }
  return g_string_free (str, FALSE);
}

/* "8:00" or "08:00", 00:00 to 23:59; nothing else. */
static gboolean
parse_time_of_day (const char *text,
                   guint      *minute)
{
  guint hours = 0, minutes = 0;
  const char *p = text;
  int digits = 0;

  while (g_ascii_isdigit (*p) && digits < 2)
    hours = hours * 10 + (*p++ - '0'), digits++;
  if (digits == 0 || *p++ != ':')
    return FALSE;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != '\0')
    return FALSE;
  minutes = (p[0] - '0') * 10 + (p[1] - '0');
  if (hours > 23 || minutes > 59)
    return FALSE;

  *minute = hours * 60 + minutes;
  return TRUE;
}

gboolean
pd_medication_set_schedule_string (PdMedication  *self,
                                   const char    *schedule,
                                   GError       **error)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GArray) minutes = NULL;

  g_return_val_if_fail (PD_IS_MEDICATION (self), FALSE);

  minutes = g_array_new (FALSE, FALSE, sizeof (guint));
  items = g_strsplit (schedule != NULL ? schedule : "", ";", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      guint minute;

      if (*item == '\0')
        continue;
      if (!parse_time_of_day (item, &minute))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("schedule: “%s” is not a time of day (HH:MM, 00:00 to 23:59)"), item);
          return FALSE;
        }
      for (guint j = 0; j < minutes->len; j++)
        if (g_array_index (minutes, guint, j) == minute)
          {
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("schedule: %02u:%02u is listed twice"), minute / 60, minute % 60);
            return FALSE;
          }
      if (minutes->len == MAX_TIMES_PER_DAY)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("schedule: more than %d times a day"), MAX_TIMES_PER_DAY);
          return FALSE;
        }
      g_array_append_val (minutes, minute);
    }

  pd_medication_set_schedule (self, (const guint *) minutes->data, minutes->len);
  return TRUE;
}

guint32
pd_medication_get_start_day (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), 0);
  return self->start_day;
}

void
pd_medication_set_start_day (PdMedication *self,
                             guint32       day)
{
  g_return_if_fail (PD_IS_MEDICATION (self));
  self->start_day = day;
}

guint32
pd_medication_get_stop_day (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), 0);
  return self->stop_day;
}

void
pd_medication_set_stop_day (PdMedication *self,
                            guint32       day)
{
  g_return_if_fail (PD_IS_MEDICATION (self));
  self->stop_day = day;
}

gboolean
pd_medication_is_active_on (PdMedication *self,
                            guint32       day)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), FALSE);
  return self->start_day <= day && (self->stop_day == 0 || day <= self->stop_day);
}

gboolean
pd_medication_get_reminders (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), FALSE);
  return self->reminders;
}

void
pd_medication_set_reminders (PdMedication *self,
                             gboolean      enabled)
{
  g_return_if_fail (PD_IS_MEDICATION (self));
  self->reminders = !!enabled;
}

gboolean
pd_medication_get_prescribed (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), FALSE);

  return self->prescribed;
}

void
pd_medication_set_prescribed (PdMedication *self,
                              gboolean      prescribed)
{
  g_return_if_fail (PD_IS_MEDICATION (self));

  self->prescribed = !!prescribed;
}

gint64
pd_medication_get_created (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), 0);
  return self->created;
}

gint64
pd_medication_get_updated (PdMedication *self)
{
  g_return_val_if_fail (PD_IS_MEDICATION (self), 0);
  return self->updated;
}

void
pd_medication_set_stamps (PdMedication *self,
                          gint64        created,
                          gint64        updated)
{
  g_return_if_fail (PD_IS_MEDICATION (self));
  self->created = created;
  self->updated = updated;
}

char *
pd_medication_dose_text (PdMedication *self)
{
  g_autofree char *amount = NULL;

  g_return_val_if_fail (PD_IS_MEDICATION (self), NULL);

  if (self->amount <= 0 || self->unit == NULL || *self->unit == '\0')
    return g_strdup (self->name);
  amount = pd_dose_amount_text (self->amount, self->unit);
  return g_strdup_printf ("%s %s", self->name, amount);
}
