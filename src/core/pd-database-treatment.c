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

static gpointer
medication_from_row (sqlite3_stmt *stmt)
{
  PdMedication *medication = pd_medication_new ();
  g_autoptr(GError) error = NULL;

  pd_medication_set_id (medication, _pd_column_text (stmt, 0));
  pd_medication_set_name (medication, _pd_column_text (stmt, 1));
  pd_medication_set_catalogue_key (medication, _pd_column_text (stmt, 2));
  pd_medication_set_drug_class (medication, _pd_column_text (stmt, 3));
  pd_medication_set_form (medication, _pd_column_text (stmt, 4));
  pd_medication_set_amount (medication, sqlite3_column_double (stmt, 5));
  pd_medication_set_unit (medication, _pd_column_text (stmt, 6));
  if (!pd_medication_set_schedule_string (medication, _pd_column_text (stmt, 7), &error))
    g_debug ("Ignoring a stored schedule: %s", error->message);
  pd_medication_set_start_day (medication, _pd_column_day (stmt, 8));
  pd_medication_set_stop_day (medication, _pd_column_day (stmt, 9));
  pd_medication_set_mme_factor (medication, sqlite3_column_double (stmt, 10));
  pd_medication_set_max_daily (medication, sqlite3_column_double (stmt, 11));
  pd_medication_set_reminders (medication, sqlite3_column_int (stmt, 12) != 0);
  pd_medication_set_notes (medication, _pd_column_text (stmt, 13));
  pd_medication_set_stamps (medication, sqlite3_column_int64 (stmt, 14),
                            sqlite3_column_int64 (stmt, 15));
  pd_medication_set_prescribed (medication, sqlite3_column_int (stmt, 16) != 0);
  return medication;
}

static const PdListing medication_listing = { list_medications_sql, NULL, medication_from_row };

static void
bind_medication (sqlite3_stmt *stmt,
                 gpointer      record,
                 gint64        now)
{
  PdMedication *medication = record;
  const char *drug_class = pd_medication_get_drug_class (medication);
  const char *form = pd_medication_get_form (medication);
  char start_date[11];
  char stop_date[11];

  sqlite3_bind_text (stmt, 1, pd_medication_get_id (medication), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pd_medication_get_name (medication), -1, SQLITE_TRANSIENT);
  _pd_bind_optional_text (stmt, 3, pd_medication_get_catalogue_key (medication));
  sqlite3_bind_text (stmt, 4, drug_class != NULL ? drug_class : "other", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, form != NULL ? form : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 6, pd_medication_get_amount (medication));
  sqlite3_bind_text (stmt, 7, pd_medication_get_unit (medication), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, pd_medication_dup_schedule_string (medication), -1, g_free);
  if (_pd_format_day (pd_medication_get_start_day (medication), start_date))
    sqlite3_bind_text (stmt, 9, start_date, -1, SQLITE_TRANSIENT);
  if (pd_medication_get_stop_day (medication) != 0 &&
      _pd_format_day (pd_medication_get_stop_day (medication), stop_date))
    sqlite3_bind_text (stmt, 10, stop_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 11, pd_medication_get_mme_factor (medication));
  sqlite3_bind_double (stmt, 12, pd_medication_get_max_daily (medication));
  sqlite3_bind_int (stmt, 13, pd_medication_get_reminders (medication) ? 1 : 0);
  sqlite3_bind_text (stmt, 14, pd_medication_get_notes (medication), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 15, now);
  sqlite3_bind_int (stmt, 16, pd_medication_get_prescribed (medication) ? 1 : 0);
}

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

static gpointer
dose_from_row (sqlite3_stmt *stmt)
{
  PdDose *dose = pd_dose_new ();
  const char *status = _pd_column_text (stmt, 7);

  pd_dose_set_id (dose, _pd_column_text (stmt, 0));
  pd_dose_set_medication_id (dose, _pd_column_text (stmt, 1));
  pd_dose_set_name (dose, _pd_column_text (stmt, 2));
  pd_dose_set_time (dose, sqlite3_column_int64 (stmt, 3), sqlite3_column_int (stmt, 4));
  pd_dose_set_amount (dose, sqlite3_column_double (stmt, 5));
  pd_dose_set_unit (dose, _pd_column_text (stmt, 6));
  pd_dose_set_status (dose, g_strcmp0 (status, "skipped") == 0 ? PD_DOSE_SKIPPED
                                                                : PD_DOSE_TAKEN);
  pd_dose_set_scheduled_time (dose, column_time_of_day (stmt, 8));
  pd_dose_set_side_effects (dose, side_effects_from_string (_pd_column_text (stmt, 9)));
  pd_dose_set_note (dose, _pd_column_text (stmt, 10));
  pd_dose_set_stamps (dose, sqlite3_column_int64 (stmt, 11), sqlite3_column_int64 (stmt, 12));
  return dose;
}

PD_DEFINE_LISTING (const PdListing _pd_dose_listing, dose, pd_dose,
                   "doses", DOSE_COLUMNS);

static void
bind_dose (sqlite3_stmt *stmt,
           gpointer      record,
           gint64        now)
{
  PdDose *dose = record;
  guint scheduled_time = pd_dose_get_scheduled_time (dose);

  sqlite3_bind_text (stmt, 1, pd_dose_get_id (dose), -1, SQLITE_STATIC);
  _pd_bind_optional_text (stmt, 2, pd_dose_get_medication_id (dose));
  sqlite3_bind_text (stmt, 3, pd_dose_get_name (dose), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, pd_dose_get_time (dose));
  sqlite3_bind_int (stmt, 5, pd_dose_get_utc_offset (dose));
  sqlite3_bind_double (stmt, 6, pd_dose_get_amount (dose));
  sqlite3_bind_text (stmt, 7, pd_dose_get_unit (dose), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, pd_dose_get_status (dose) == PD_DOSE_SKIPPED ? "skipped" : "taken",
                     -1, SQLITE_STATIC);
  if (scheduled_time != PD_NO_SCHEDULED_TIME)
    sqlite3_bind_text (stmt, 9, g_strdup_printf ("%02u:%02u", scheduled_time / 60,
                                                 scheduled_time % 60), -1, g_free);
  sqlite3_bind_text (stmt, 10, side_effects_to_string (pd_dose_get_side_effects (dose)), -1,
                     g_free);
  sqlite3_bind_text (stmt, 11, pd_dose_get_note (dose), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, now);
}

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

static gpointer
activity_from_row (sqlite3_stmt *stmt)
{
  PdActivity *activity = pd_activity_new ();

  pd_activity_set_id (activity, _pd_column_text (stmt, 0));
  pd_activity_set_name (activity, _pd_column_text (stmt, 1));
  pd_activity_set_time (activity, sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3));
  pd_activity_set_duration (activity, sqlite3_column_int (stmt, 4));
  pd_activity_set_effort (activity, _pd_column_optional_int (stmt, 5));
  pd_activity_set_note (activity, _pd_column_text (stmt, 6));
  pd_activity_set_stamps (activity, sqlite3_column_int64 (stmt, 7),
                          sqlite3_column_int64 (stmt, 8));
  return activity;
}

PD_DEFINE_LISTING (static const PdListing activity_listing, activity, pd_activity,
                   "activities", ACTIVITY_COLUMNS);

static void
bind_activity (sqlite3_stmt *stmt,
               gpointer      record,
               gint64        now)
{
  PdActivity *activity = record;

  sqlite3_bind_text (stmt, 1, pd_activity_get_id (activity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pd_activity_get_name (activity), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, pd_activity_get_time (activity));
  sqlite3_bind_int (stmt, 4, pd_activity_get_utc_offset (activity));
  sqlite3_bind_int (stmt, 5, pd_activity_get_duration (activity));
  _pd_bind_optional_int (stmt, 6, pd_activity_get_effort (activity));
  sqlite3_bind_text (stmt, 7, pd_activity_get_note (activity), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, now);
}

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

static gpointer
event_from_row (sqlite3_stmt *stmt)
{
  PdEvent *event = pd_event_new ();

  pd_event_set_id (event, _pd_column_text (stmt, 0));
  pd_event_set_kind (event, _pd_column_text (stmt, 1));
  pd_event_set_title (event, _pd_column_text (stmt, 2));
  pd_event_set_time (event, sqlite3_column_int64 (stmt, 3), sqlite3_column_int (stmt, 4));
  pd_event_set_note (event, _pd_column_text (stmt, 5));
  pd_event_set_stamps (event, sqlite3_column_int64 (stmt, 6), sqlite3_column_int64 (stmt, 7));
  pd_event_set_end_day (event, _pd_column_day (stmt, 8));
  return event;
}

PD_DEFINE_LISTING (static const PdListing event_listing, event, pd_event,
                   "events", EVENT_COLUMNS);

static void
bind_event (sqlite3_stmt *stmt,
            gpointer      record,
            gint64        now)
{
  PdEvent *event = record;
  char end_date[11];

  sqlite3_bind_text (stmt, 1, pd_event_get_id (event), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pd_event_get_kind (event), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pd_event_get_title (event), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, pd_event_get_time (event));
  sqlite3_bind_int (stmt, 5, pd_event_get_utc_offset (event));
  sqlite3_bind_text (stmt, 6, pd_event_get_note (event), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  if (_pd_format_day (pd_event_get_end_day (event), end_date))
    sqlite3_bind_text (stmt, 8, end_date, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 8);
}

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
                               medication_from_row, error);
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
