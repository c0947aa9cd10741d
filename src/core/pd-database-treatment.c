/* pd-database-treatment.c: storing the regimen, doses, activities and treatment events,
 * (the calls that span every kind are in pd-database-diary.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-database"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-database.h"
#include "pd-database-private.h"
#include "pd-database-spine.h"
#include "pd-error.h"

/* Medications */

#define MEDICATION_COLUMNS                                                              \
  "id, name, catalogue_key, drug_class, form, amount, unit, schedule, start_date,"      \
  " stop_date, mme_factor, max_daily, reminders, notes, created, updated, prescribed"

static const char save_medication_sql[] =
  "INSERT INTO medications (id, name, catalogue_key, drug_class, form, amount, unit, schedule,"
  "  start_date, stop_date, mme_factor, max_daily, reminders, notes, created, updated, deleted,"
  "  prescribed)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, NULL, ?16)"
  " ON CONFLICT (id) DO UPDATE SET"
  "  name = excluded.name, catalogue_key = excluded.catalogue_key,"
  "  drug_class = excluded.drug_class, form = excluded.form, amount = excluded.amount,"
  "  unit = excluded.unit, schedule = excluded.schedule, start_date = excluded.start_date,"
  "  stop_date = excluded.stop_date, mme_factor = excluded.mme_factor,"
  "  max_daily = excluded.max_daily, reminders = excluded.reminders, notes = excluded.notes,"
  "  updated = excluded.updated, deleted = NULL, prescribed = excluded.prescribed";
static const char get_medication_sql[] =
  "SELECT " MEDICATION_COLUMNS " FROM medications WHERE id = ?1 AND deleted IS NULL";
static const char list_medications_sql[] =
  "SELECT " MEDICATION_COLUMNS " FROM medications WHERE deleted IS NULL"
  " ORDER BY name COLLATE NOCASE, id";

static void
read_schedule (sqlite3_stmt *stmt,
               int           column,
               gpointer      medication)
{
  g_autoptr(GError) error = NULL;

  if (!pd_medication_set_schedule_string (medication, _pd_column_text (stmt, column), &error))
    g_debug ("Ignoring a stored schedule: %s", error->message);
}

static void
bind_schedule (sqlite3_stmt *stmt,
               int           index,
               gpointer      medication)
{
  sqlite3_bind_text (stmt, index, pd_medication_dup_schedule_string (medication), -1, g_free);
}

PD_DEFINE_LAYOUT (medication, pd_medication,
                  PD_FIELD (PD_FIELD_TEXT, pd_medication, id),
                  PD_FIELD (PD_FIELD_TEXT, pd_medication, name),
                  PD_FIELD (PD_FIELD_TEXT, pd_medication, catalogue_key),
                  { .type = PD_FIELD_TEXT, .set = G_CALLBACK (pd_medication_set_drug_class),
                    .get = G_CALLBACK (pd_medication_get_drug_class), .fallback = "other" },
                  { .type = PD_FIELD_TEXT, .set = G_CALLBACK (pd_medication_set_form),
                    .get = G_CALLBACK (pd_medication_get_form), .fallback = "" },
                  PD_FIELD (PD_FIELD_DOUBLE, pd_medication, amount),
                  PD_FIELD (PD_FIELD_TEXT, pd_medication, unit),
                  PD_CUSTOM_FIELD (read_schedule, bind_schedule),
                  PD_FIELD (PD_FIELD_DAY, pd_medication, start_day),
                  PD_FIELD (PD_FIELD_DAY, pd_medication, stop_day),
                  PD_FIELD (PD_FIELD_DOUBLE, pd_medication, mme_factor),
                  PD_FIELD (PD_FIELD_DOUBLE, pd_medication, max_daily),
                  PD_FIELD (PD_FIELD_BOOLEAN, pd_medication, reminders),
                  PD_FIELD (PD_FIELD_TEXT, pd_medication, notes),
                  PD_STAMPS_FIELD (pd_medication),
                  PD_FIELD (PD_FIELD_BOOLEAN, pd_medication, prescribed));

static const PdListing medication_listing = { list_medications_sql, NULL, &medication_layout };

/* What a failed save of a medication, dose, activity or event says. */
static void
treatment_save_failed (PdDatabase  *self,
                       gpointer     record,
                       int          rc,
                       GError     **error)
{
  const char *diary = self->display_name;

  if (PD_IS_MEDICATION (record))
    _pd_database_set_error (self, error, rc, _("Could not save the medication “%s” in “%s”"),
                            pd_medication_get_name (record), diary);
  else if (PD_IS_ACTIVITY (record))
    _pd_database_set_error (self, error, rc, _("Could not save the activity “%s” in “%s”"),
                            pd_activity_get_name (record), diary);
  else if (PD_IS_EVENT (record))
    _pd_database_set_error (self, error, rc, _("Could not save the event “%s” in “%s”"),
                            pd_event_get_title (record), diary);
  else if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 _("medication_id: no medication with id “%s” in “%s”"),
                 pd_dose_get_medication_id (record), diary);
  else
    _pd_database_set_error (self, error, rc, _("Could not save the dose of “%s” in “%s”"),
                            pd_dose_get_name (record), diary);
}

PD_DEFINE_RECORD_STORAGE (const PdRecordStorage _pd_medication_storage, medication, pd_medication,
                          "medications", treatment_save_failed);

/* Doses */

#define DOSE_COLUMNS                                                                    \
  "id, medication_id, name, at, utc_offset, amount, unit, status, scheduled_time,"      \
  " side_effects, note, created, updated"

static const char save_dose_sql[] =
  "INSERT INTO doses (id, medication_id, name, at, utc_offset, local_date, amount, unit,"
  "  status, scheduled_time, side_effects, note, created, updated, deleted)"
  " VALUES (?1, ?2, ?3, ?4, ?5, date(?4 + ?5, 'unixepoch'), ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
  "  ?12, NULL)"
  " ON CONFLICT (id) DO UPDATE SET"
  "  medication_id = excluded.medication_id, name = excluded.name, at = excluded.at,"
  "  utc_offset = excluded.utc_offset, local_date = excluded.local_date,"
  "  amount = excluded.amount, unit = excluded.unit, status = excluded.status,"
  "  scheduled_time = excluded.scheduled_time, side_effects = excluded.side_effects,"
  "  note = excluded.note, updated = excluded.updated, deleted = NULL";

/* "drowsiness;nausea" */
static char *
side_effects_to_string (guint32 mask)
{
  GString *string = g_string_new (NULL);

  for (guint i = 0; i < pd_side_effect_count (); i++)
    {
      if ((mask & (1u << i)) == 0)
        continue;
      if (string->len > 0)
        g_string_append_c (string, ';');
      g_string_append (string, pd_side_effect_key (i));
    }
  return g_string_free (string, FALSE);
}

/* Unknown keys (from a newer version) are dropped. */
static guint32
side_effects_from_string (const char *text)
{
  guint32 mask = 0;

  while (text != NULL && *text != '\0')
    {
      const char *end = strchr (text, ';');
      size_t length = end != NULL ? (size_t) (end - text) : strlen (text);

      for (guint i = 0; i < pd_side_effect_count (); i++)
        {
          const char *key = pd_side_effect_key (i);

          if (strlen (key) == length && strncmp (key, text, length) == 0)
            {
              mask |= 1u << i;
              break;
            }
        }
      text = end != NULL ? end + 1 : NULL;
    }
  return mask;
}

/* "08:00"; read for every dose, so without sscanf. */
static guint
column_time_of_day (sqlite3_stmt *stmt,
                    int           column)
{
  const char *t = _pd_column_text (stmt, column);
  guint hours, minutes;

  if (t == NULL || strlen (t) != 5 || !g_ascii_isdigit (t[0]) || !g_ascii_isdigit (t[1]) ||
      t[2] != ':' || !g_ascii_isdigit (t[3]) || !g_ascii_isdigit (t[4]))
    return PD_NO_SCHEDULED_TIME;

  hours = (t[0] - '0') * 10 + (t[1] - '0');
  minutes = (t[3] - '0') * 10 + (t[4] - '0');
  if (hours >= 24 || minutes >= 60)
    return PD_NO_SCHEDULED_TIME;
  return hours * 60 + minutes;
}

static void
read_status (sqlite3_stmt *stmt,
             int           column,
             gpointer      dose)
{
  const char *status = _pd_column_text (stmt, column);

  pd_dose_set_status (dose, g_strcmp0 (status, "skipped") == 0 ? PD_DOSE_SKIPPED : PD_DOSE_TAKEN);
}

static void
bind_status (sqlite3_stmt *stmt,
             int           index,
             gpointer      dose)
{
  gboolean skipped = pd_dose_get_status (dose) == PD_DOSE_SKIPPED;

  sqlite3_bind_text (stmt, index, skipped ? "skipped" : "taken", -1, SQLITE_STATIC);
}

static void
read_scheduled_time (sqlite3_stmt *stmt,
                     int           column,
                     gpointer      dose)
{
  pd_dose_set_scheduled_time (dose, column_time_of_day (stmt, column));
}

static void
bind_scheduled_time (sqlite3_stmt *stmt,
                     int           index,
                     gpointer      dose)
{
  guint scheduled_time = pd_dose_get_scheduled_time (dose);

  if (scheduled_time != PD_NO_SCHEDULED_TIME)
    sqlite3_bind_text (stmt, index, g_strdup_printf ("%02u:%02u", scheduled_time / 60,
                                                     scheduled_time % 60), -1, g_free);
}

static void
read_side_effects (sqlite3_stmt *stmt,
                   int           column,
                   gpointer      dose)
{
  pd_dose_set_side_effects (dose, side_effects_from_string (_pd_column_text (stmt, column)));
}

static void
bind_side_effects (sqlite3_stmt *stmt,
                   int           index,
                   gpointer      dose)
{
  sqlite3_bind_text (stmt, index, side_effects_to_string (pd_dose_get_side_effects (dose)), -1,
                     g_free);
}

PD_DEFINE_LAYOUT (dose, pd_dose,
                  PD_FIELD (PD_FIELD_TEXT, pd_dose, id),
                  PD_FIELD (PD_FIELD_TEXT, pd_dose, medication_id),
                  PD_FIELD (PD_FIELD_TEXT, pd_dose, name),
                  PD_TIME_FIELD (pd_dose),
                  PD_FIELD (PD_FIELD_DOUBLE, pd_dose, amount),
                  PD_FIELD (PD_FIELD_TEXT, pd_dose, unit),
                  PD_CUSTOM_FIELD (read_status, bind_status),
                  PD_CUSTOM_FIELD (read_scheduled_time, bind_scheduled_time),
                  PD_CUSTOM_FIELD (read_side_effects, bind_side_effects),
                  PD_FIELD (PD_FIELD_TEXT, pd_dose, note),
                  PD_STAMPS_FIELD (pd_dose));

PD_DEFINE_LISTING (const PdListing _pd_dose_listing, dose, pd_dose,
                   "doses", DOSE_COLUMNS);

PD_DEFINE_RECORD_STORAGE (const PdRecordStorage _pd_dose_storage, dose, pd_dose, "doses",
                          treatment_save_failed);

/* Activities */

#define ACTIVITY_COLUMNS \
  "id, name, at, utc_offset, duration_min, effort, note, created, updated"

static const char save_activity_sql[] =
  "INSERT INTO activities (id, name, at, utc_offset, local_date, duration_min, effort, note,"
  "  created, updated, deleted)"
  " VALUES (?1, ?2, ?3, ?4, date(?3 + ?4, 'unixepoch'), ?5, ?6, ?7, ?8, ?8, NULL)"
  " ON CONFLICT (id) DO UPDATE SET"
  "  name = excluded.name, at = excluded.at, utc_offset = excluded.utc_offset,"
  "  local_date = excluded.local_date, duration_min = excluded.duration_min,"
  "  effort = excluded.effort, note = excluded.note, updated = excluded.updated,"
  "  deleted = NULL";
/* Newest first through activities_at, so that finding a few names reads a few rows. */
static const char recent_activities_sql[] =
  "SELECT name FROM activities WHERE deleted IS NULL ORDER BY at DESC, created DESC, id";

PD_DEFINE_LAYOUT (activity, pd_activity,
                  PD_FIELD (PD_FIELD_TEXT, pd_activity, id),
                  PD_FIELD (PD_FIELD_TEXT, pd_activity, name),
                  PD_TIME_FIELD (pd_activity),
                  PD_FIELD (PD_FIELD_INT, pd_activity, duration),
                  PD_FIELD (PD_FIELD_OPTIONAL_INT, pd_activity, effort),
                  PD_FIELD (PD_FIELD_TEXT, pd_activity, note),
                  PD_STAMPS_FIELD (pd_activity));

PD_DEFINE_LISTING (static const PdListing activity_listing, activity, pd_activity,
                   "activities", ACTIVITY_COLUMNS);

PD_DEFINE_RECORD_STORAGE (const PdRecordStorage _pd_activity_storage, activity, pd_activity,
                          "activities", treatment_save_failed);

/* Events */

#define EVENT_COLUMNS "id, kind, title, at, utc_offset, note, created, updated, end_date"

static const char save_event_sql[] =
  "INSERT INTO events (id, kind, title, at, utc_offset, local_date, note, created, updated,"
  "  deleted, end_date)"
  " VALUES (?1, ?2, ?3, ?4, ?5, date(?4 + ?5, 'unixepoch'), ?6, ?7, ?7, NULL, ?8)"
  " ON CONFLICT (id) DO UPDATE SET"
  "  kind = excluded.kind, title = excluded.title, at = excluded.at,"
  "  utc_offset = excluded.utc_offset, local_date = excluded.local_date,"
  "  note = excluded.note, end_date = excluded.end_date, updated = excluded.updated,"
  "  deleted = NULL";

PD_DEFINE_LAYOUT (event, pd_event,
                  PD_FIELD (PD_FIELD_TEXT, pd_event, id),
                  PD_FIELD (PD_FIELD_TEXT, pd_event, kind),
                  PD_FIELD (PD_FIELD_TEXT, pd_event, title),
                  PD_TIME_FIELD (pd_event),
                  PD_FIELD (PD_FIELD_TEXT, pd_event, note),
                  PD_STAMPS_FIELD (pd_event),
                  PD_FIELD (PD_FIELD_DAY, pd_event, end_day));

PD_DEFINE_LISTING (static const PdListing event_listing, event, pd_event,
                   "events", EVENT_COLUMNS);

PD_DEFINE_RECORD_STORAGE (const PdRecordStorage _pd_event_storage, event, pd_event, "events",
                          treatment_save_failed);

/* Public API */

gboolean
pd_database_save_medication (PdDatabase    *self,
                             PdMedication  *medication,
                             GError       **error)
{
  return _pd_database_save_one (self, &_pd_medication_storage, medication, error);
}

PdMedication *
pd_database_get_medication (PdDatabase  *self,
                            const char  *id,
                            GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _pd_database_get_row (self, get_medication_sql, PD_RECORD_MEDICATION, id,
                               &medication_layout, error);
}

GPtrArray *
pd_database_list_medications (PdDatabase  *self,
                              GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _pd_database_list_rows (self, &medication_listing, FALSE, 0, 0, error);
}

gboolean
pd_database_save_dose (PdDatabase  *self,
                       PdDose      *dose,
                       GError     **error)
{
  return _pd_database_save_one (self, &_pd_dose_storage, dose, error);
}

GPtrArray *
pd_database_list_doses (PdDatabase  *self,
                        gint64       from,
                        gint64       to,
                        GError     **error)
{
  return _pd_database_list_range (self, &_pd_dose_listing, from, to, error);
}

gboolean
pd_database_save_activity (PdDatabase  *self,
                           PdActivity  *activity,
                           GError     **error)
{
  return _pd_database_save_one (self, &_pd_activity_storage, activity, error);
}

GPtrArray *
pd_database_list_activities (PdDatabase  *self,
                             gint64       from,
                             gint64       to,
                             GError     **error)
{
  return _pd_database_list_range (self, &activity_listing, from, to, error);
}

GStrv
pd_database_recent_activity_names (PdDatabase  *self,
                                   guint        max,
                                   GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GStrvBuilder) names = NULL;
  guint n_names = 0;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = _pd_database_lookup_stmt (self, recent_activities_sql, error);
  if (stmt == NULL)
    return NULL;

  /* "walking" and "Walking" are one activity; the newest spelling wins. */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  names = g_strv_builder_new ();
  while (n_names < max && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = _pd_column_text (stmt, 0);
      char *key = g_utf8_casefold (name, -1);

      if (!g_hash_table_add (seen, key))
        continue;
      g_strv_builder_add (names, name);
      n_names++;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _pd_database_set_read_error (self, error, rc);
      return NULL;
    }
  return g_strv_builder_end (names);
}

/* Per kind, the newest local day among the records of the last two days before its newest
 * record: local days follow the records' own UTC offsets, so the very newest instant is not
 * always on the newest day. Each reads a few rows through the time index. */
#define LAST_DAY_OF(table)                                                              \
  "SELECT max(local_date) AS d FROM " table " WHERE deleted IS NULL AND at >= "         \
  "(SELECT at FROM " table " WHERE deleted IS NULL ORDER BY at DESC LIMIT 1) - 172800"

static const char last_day_sql[] =
  "SELECT max(d) FROM (" LAST_DAY_OF ("pain_entries") " UNION ALL "
  LAST_DAY_OF ("doses") " UNION ALL " LAST_DAY_OF ("activities") ")";

guint32
pd_database_get_last_day (PdDatabase  *self,
                          GError     **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(PdCachedStmt) stmt = NULL;
  guint32 day = 0;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  locker = g_rec_mutex_locker_new (&self->mutex);
  stmt = _pd_database_lookup_stmt (self, last_day_sql, error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    day = _pd_column_day (stmt, 0);
  else if (rc != SQLITE_DONE)
    _pd_database_set_read_error (self, error, rc);
  return day;
}

gboolean
pd_database_save_event (PdDatabase  *self,
                        PdEvent     *event,
                        GError     **error)
{
  return _pd_database_save_one (self, &_pd_event_storage, event, error);
}

GPtrArray *
pd_database_list_events (PdDatabase  *self,
                         gint64       from,
                         gint64       to,
                         GError     **error)
{
  return _pd_database_list_range (self, &event_listing, from, to, error);
}
