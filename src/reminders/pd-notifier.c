/* pd-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "pd-notifier.h"

struct _PdNotifier
{
  GObject parent_instance;

  char *desktop_id;
  /* key -> NotifyNotification: kept alive while shown, or its actions are lost. */
  GHashTable *shown;
};

G_DEFINE_FINAL_TYPE (PdNotifier, pd_notifier, G_TYPE_OBJECT)

enum {
  ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  PdNotifier *self;   /* weak */
  char *key;
} ActionData;

static void
action_data_free (gpointer data)
{
  ActionData *action = data;

  g_clear_weak_pointer (&action->self);
  g_free (action->key);
  g_free (action);
}

static void
action_cb (NotifyNotification *notification,
           char               *action,
           gpointer            user_data)
{
  ActionData *data = user_data;
  /* Removing it from shown below must not finalize it while libnotify is calling us. */
  g_autoptr(GObject) alive = g_object_ref (G_OBJECT (notification));
  g_autoptr(PdNotifier) self = data->self ? g_object_ref (data->self) : NULL;
  g_autofree char *key = g_strdup (data->key);

  if (self == NULL)
    return;
  g_debug ("action %s on %s", action, key);
  /* The server closes a notification whose action was invoked. */
  g_hash_table_remove (self->shown, key);
  g_signal_emit (self, signals[ACTION], 0, key, action);
}

static void
closed_cb (NotifyNotification *notification,
           PdNotifier         *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (value == notification)
        {
          g_hash_table_iter_remove (&iter);
          return;
        }
    }
}

static void
add_action (PdNotifier         *self,
            NotifyNotification *notification,
            const char         *key,
            const char         *name,
            const char         *label)
{
  ActionData *data = g_new0 (ActionData, 1);

  g_set_weak_pointer (&data->self, self);
  data->key = g_strdup (key);
  notify_notification_add_action (notification, name, label, action_cb, data, action_data_free);
}

gboolean
pd_notifier_has_actions (PdNotifier *self)
{
  GList *caps;
  gboolean found;

  g_return_val_if_fail (PD_IS_NOTIFIER (self), FALSE);

  caps = notify_get_server_caps ();
  found = g_list_find_custom (caps, "actions", (GCompareFunc) g_strcmp0) != NULL;
  g_list_free_full (caps, g_free);
  return found;
}

gboolean
pd_notifier_show (PdNotifier              *self,
                  const char              *key,
                  const char              *title,
                  const char              *body,
                  const PdNotifierAction  *actions,
                  guint                    n_actions,
                  GError                 **error)
{
  NotifyNotification *notification;

  g_return_val_if_fail (PD_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  pd_notifier_withdraw (self, key);

  notification = notify_notification_new (title, body, self->desktop_id);
  notify_notification_set_category (notification, "x-gnome.reminder");
  notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (self->desktop_id));
  notify_notification_set_timeout (notification, NOTIFY_EXPIRES_NEVER);

  if (pd_notifier_has_actions (self))
    {
      /* Translators: the action of clicking a notification's body */
      add_action (self, notification, key, PD_NOTIFIER_ACTION_DEFAULT, _("Open"));
      for (guint i = 0; i < n_actions; i++)
        add_action (self, notification, key, actions[i].name, actions[i].label);
    }

  g_signal_connect_object (notification, "closed", G_CALLBACK (closed_cb), self, 0);
  if (!notify_notification_show (notification, error))
    {
      g_object_unref (notification);
      return FALSE;
    }
  g_hash_table_replace (self->shown, g_strdup (key), notification);
  return TRUE;
}

void
pd_notifier_withdraw (PdNotifier *self,
                      const char *key)
{
  NotifyNotification *notification;

  g_return_if_fail (PD_IS_NOTIFIER (self));

  if (!(notification = g_hash_table_lookup (self->shown, key)))
    return;
  notify_notification_close (notification, NULL);
  g_hash_table_remove (self->shown, key);
}

static void
pd_notifier_finalize (GObject *object)
{
  PdNotifier *self = PD_NOTIFIER (object);

  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->desktop_id, g_free);

  G_OBJECT_CLASS (pd_notifier_parent_class)->finalize (object);
}

static void
pd_notifier_class_init (PdNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_notifier_finalize;

  /* (key, action) */
  signals[ACTION] = g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
pd_notifier_init (PdNotifier *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

PdNotifier *
pd_notifier_new (const char *app_name,
                 const char *desktop_id)
{
  PdNotifier *self;

  g_return_val_if_fail (app_name != NULL, NULL);
  g_return_val_if_fail (desktop_id != NULL, NULL);

  if (!notify_is_initted ())
    notify_init (app_name);
  self = g_object_new (PD_TYPE_NOTIFIER, NULL);
  self->desktop_id = g_strdup (desktop_id);
  return self;
}
