/* pd-function-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-function-activity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-function-activity.h"
#include "pd-types.h"

struct _PdFunctionActivity
{
  GObject parent_instance;

  char *id;
  char *name;
  guint32 added_day;
  guint32 retired_day;
  gint64 created;
  gint64 updated;
};

G_DEFINE_FINAL_TYPE (PdFunctionActivity, pd_function_activity, G_TYPE_OBJECT)

static void
pd_function_activity_finalize (GObject *object)
{
  PdFunctionActivity *self = (PdFunctionActivity *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (pd_function_activity_parent_class)->finalize (object);
}

static void
pd_function_activity_class_init (PdFunctionActivityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_function_activity_finalize;
}

static void
pd_function_activity_init (PdFunctionActivity *self)
{
  self->name = g_strdup ("");
  self->added_day = pd_local_today (NULL);
}

PdFunctionActivity *
pd_function_activity_new (void)
{
  return g_object_new (PD_TYPE_FUNCTION_ACTIVITY, NULL);
}

PdFunctionActivity *
pd_function_activity_copy (PdFunctionActivity *self)
{
  PdFunctionActivity *copy;

  g_return_val_if_fail (PD_IS_FUNCTION_ACTIVITY (self), NULL);

  copy = pd_function_activity_new ();
  g_free (copy->name);
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->added_day = self->added_day;
  copy->retired_day = self->retired_day;
  copy->created = self->created;
  copy->updated = self->updated;
  return copy;
}

gboolean
pd_function_activity_validate (PdFunctionActivity  *self,
                       GError  **error)
{
  g_return_val_if_fail (PD_IS_FUNCTION_ACTIVITY (self), FALSE);

  if (!pd_check_id (pd_function_activity_get_id (self), error))
    return FALSE;
  if (self->added_day == 0 || !g_date_valid_julian (self->added_day))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("added: not a valid date"));
      return FALSE;
    }
  if (self->retired_day != 0 &&
      (!g_date_valid_julian (self->retired_day) || self->retired_day < self->added_day))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("retired: the activity is retired before it was added"));
      return FALSE;
    }
  return pd_check_name ("name", self->name, PD_MAX_NAME_LENGTH, error);
}

const char *
pd_function_activity_get_id (PdFunctionActivity *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_ACTIVITY (self), NULL);

  return pd_record_id_ensure (&self->id);
}

void
pd_function_activity_set_id (PdFunctionActivity *self,
                     const char *id)
{
  g_return_if_fail (PD_IS_FUNCTION_ACTIVITY (self));

  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
pd_function_activity_get_name (PdFunctionActivity *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_ACTIVITY (self), NULL);

  return self->name;
}

void
pd_function_activity_set_name (PdFunctionActivity *self,
                               const char *name)
{
  g_return_if_fail (PD_IS_FUNCTION_ACTIVITY (self));

  g_free (self->name);
  self->name = g_strdup (name);
}

guint32
pd_function_activity_get_added_day (PdFunctionActivity *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_ACTIVITY (self), 0);

  return self->added_day;
}

void
pd_function_activity_set_added_day (PdFunctionActivity *self,
                                    guint32 added_day)
{
  g_return_if_fail (PD_IS_FUNCTION_ACTIVITY (self));

  self->added_day = added_day;
}

guint32
pd_function_activity_get_retired_day (PdFunctionActivity *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_ACTIVITY (self), 0);

  return self->retired_day;
}

void
pd_function_activity_set_retired_day (PdFunctionActivity *self,
                                      guint32 retired_day)
{
  g_return_if_fail (PD_IS_FUNCTION_ACTIVITY (self));

  self->retired_day = retired_day;
}

gint64
pd_function_activity_get_created (PdFunctionActivity *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_ACTIVITY (self), 0);

  return self->created;
}

gint64
pd_function_activity_get_updated (PdFunctionActivity *self)
{
  g_return_val_if_fail (PD_IS_FUNCTION_ACTIVITY (self), 0);

  return self->updated;
}

void
pd_function_activity_set_stamps (PdFunctionActivity *self,
                         gint64   created,
                         gint64   updated)
{
  g_return_if_fail (PD_IS_FUNCTION_ACTIVITY (self));

  self->created = created;
  self->updated = updated;
}
