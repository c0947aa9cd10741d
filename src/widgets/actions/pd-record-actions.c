/* pd-record-actions.c: a window's actions on records and on the whole diary, through the
 * diary model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-backup-commands.h"
#include "pd-editors.h"
#include "pd-exchange-commands.h"
#include "pd-report-dialog.h"
#include "pd-toast-clearance.h"
#include "pd-record-actions.h"

/* The window's model, as the window class gives it. */
static PdRecordActionsModelFunc get_model;

static void show_problem (GtkWidget  *window,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

/* A problem that leaves the diary as it is, as a toast. */
static void
show_problem (GtkWidget  *window,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  pd_toast_send (window, message);
}

/* Undo */

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_diary_model_undo_finish (PD_DIARY_MODEL (object), result, &error))
    show_problem (self, _("Could not restore: %s"), error->message);
  else
    pd_toast_send (self, _("Restored"));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdDiaryModel *model = get_model (widget);

  if (model == NULL || !pd_diary_model_can_undo (model))
    return;
  pd_diary_model_undo_async (model, NULL, undone_cb, g_object_ref (widget));
}

/* Editing */

static void
edit_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdDiaryModel *model = get_model (widget);
  GtkWindow *parent = GTK_WINDOW (widget);
  g_autoptr(PdDiaryData) data = NULL;
  GtkWindow *editor = NULL;
  GObject *record;
  const char *id;
  gint32 kind;

  g_variant_get (parameter, "(i&s)", &kind, &id);
  if (model == NULL || kind < 0 || kind > PD_RECORD_EVENT ||
      !(record = pd_diary_model_lookup (model, kind, id)))
    {
      pd_toast_send (widget, _("That record is no longer in the diary"));
      return;
    }
  switch (kind)
    {
    case PD_RECORD_PAIN:
      editor = pd_entry_editor_new (parent, model, PD_PAIN_ENTRY (record));
      break;
    case PD_RECORD_DOSE:
      data = pd_diary_model_dup_data (model);
      editor = pd_dose_editor_new (parent, model, data, PD_DOSE (record), FALSE);
      break;
    case PD_RECORD_ACTIVITY:
      editor = pd_activity_editor_new (parent, model, PD_ACTIVITY (record), FALSE);
      break;
    case PD_RECORD_EVENT:
      editor = pd_event_editor_new (parent, model, PD_EVENT (record), FALSE);
      break;
    case PD_RECORD_MEDICATION:
      editor = pd_medication_editor_new (parent, model, PD_MEDICATION (record));
      break;
    default:
      return;
    }
  gtk_window_present (editor);
}

/* Deleting */

static const char *
deleted_message (PdRecordKind kind)
{
  switch (kind)
    {
    case PD_RECORD_PAIN: return _("Entry deleted");
    case PD_RECORD_DOSE: return _("Dose deleted");
    case PD_RECORD_ACTIVITY: return _("Activity deleted");
    case PD_RECORD_EVENT: return _("Event deleted");
    case PD_RECORD_MEDICATION: return _("Medication deleted");
    default: return _("Deleted");
    }
}

typedef struct
{
  GtkWidget *window;
  PdRecordKind kind;
} Deleting;

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Deleting *deleting = user_data;
  g_autoptr(GtkWidget) self = deleting->window;
  g_autoptr(GError) error = NULL;
  PdRecordKind kind = deleting->kind;

  g_free (deleting);
  if (!pd_diary_model_delete_finish (PD_DIARY_MODEL (object), result, &error))
    show_problem (self, _("Not deleted: %s"), error->message);
  else
    gtk_widget_activate_action (self, "win.show-undo-toast", "s", deleted_message (kind));
}

static void
delete_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdDiaryModel *model = get_model (widget);
  Deleting *deleting;
  const char *id;
  gint32 kind;

  g_variant_get (parameter, "(i&s)", &kind, &id);
  if (model == NULL || kind < 0 || kind > PD_RECORD_EVENT)
    return;
  deleting = g_new0 (Deleting, 1);
  deleting->window = g_object_ref (widget);
  deleting->kind = kind;
  pd_diary_model_delete_async (model, kind, id, NULL, deleted_cb, deleting);
}

/* New records and the diary's commands: an action either builds the editor of a new record,
 * from its parameter, or runs a command on the whole diary. */

typedef GtkWindow *(*NewEditorFunc) (GtkWindow    *parent,
                                     PdDiaryModel *model,
                                     GVariant     *parameter);

typedef void (*DiaryCommandFunc) (GtkWindow    *parent,
                                  PdDiaryModel *model);

static GtkWindow *
new_medication_editor (GtkWindow    *parent,
                       PdDiaryModel *model,
                       GVariant     *parameter)
{
  return pd_medication_editor_new (parent, model, NULL);
}

/* parameter: a medication's id, or "" for a dose of none of them. */
static GtkWindow *
new_dose_editor (GtkWindow    *parent,
                 PdDiaryModel *model,
                 GVariant     *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);
  GObject *medication = *id ? pd_diary_model_lookup (model, PD_RECORD_MEDICATION, id) : NULL;
  g_autoptr(PdDose) dose = pd_dose_new ();
  g_autoptr(PdDiaryData) data = pd_diary_model_dup_data (model);

  pd_dose_set_unit (dose, "mg");
  if (medication != NULL)
    {
      pd_dose_set_medication_id (dose, id);
      pd_dose_set_name (dose, pd_medication_get_name (PD_MEDICATION (medication)));
      pd_dose_set_amount (dose, pd_medication_get_amount (PD_MEDICATION (medication)));
      pd_dose_set_unit (dose, pd_medication_get_unit (PD_MEDICATION (medication)));
    }
  return pd_dose_editor_new (parent, model, data, dose, TRUE);
}

/* parameter: the activity's name. */
static GtkWindow *
new_activity_editor (GtkWindow    *parent,
                     PdDiaryModel *model,
                     GVariant     *parameter)
{
  g_autoptr(PdActivity) activity = pd_activity_new ();

  pd_activity_set_name (activity, g_variant_get_string (parameter, NULL));
  pd_activity_set_duration (activity, 30);
  pd_activity_set_effort (activity, 3);
  return pd_activity_editor_new (parent, model, activity, TRUE);
}

static GtkWindow *
new_event_editor (GtkWindow    *parent,
                  PdDiaryModel *model,
                  GVariant     *parameter)
{
  g_autoptr(PdEvent) event = pd_event_new ();

  pd_event_set_kind (event, "appointment");
  return pd_event_editor_new (parent, model, event, TRUE);
}

static void
present_report (GtkWindow    *parent,
                PdDiaryModel *model)
{
  gtk_window_present (GTK_WINDOW (pd_report_dialog_new (parent, model, TRUE)));
}

static const struct
{
  const char *action_name;
  const char *parameter_type;
  NewEditorFunc new_editor;
  DiaryCommandFunc command;
} model_actions[] = {
  { "win.add-medication", NULL, new_medication_editor, NULL },
  { "win.log-dose", "s", new_dose_editor, NULL },
  { "win.log-activity", "s", new_activity_editor, NULL },
  { "win.add-event", NULL, new_event_editor, NULL },
  { "win.back-up", NULL, NULL, pd_backup_commands_back_up },
  { "win.restore", NULL, NULL, pd_backup_commands_restore },
  { "win.import", NULL, NULL, pd_exchange_commands_import },
  { "win.export", NULL, NULL, pd_exchange_commands_export },
  { "win.print-report", NULL, NULL, present_report },
};

static void
model_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdDiaryModel *model = get_model (widget);

  for (guint i = 0; model != NULL && i < G_N_ELEMENTS (model_actions); i++)
    {
      if (!g_str_equal (action_name, model_actions[i].action_name))
        continue;
      if (model_actions[i].new_editor != NULL)
        gtk_window_present (model_actions[i].new_editor (GTK_WINDOW (widget), model, parameter));
      else
        model_actions[i].command (GTK_WINDOW (widget), model);
    }
}

static void
edit_medication_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.edit-record", "(is)", (gint32) PD_RECORD_MEDICATION,
                              g_variant_get_string (parameter, NULL));
}

void
pd_record_actions_install (GtkWidgetClass           *widget_class,
                           PdRecordActionsModelFunc  model_func)
{
  get_model = model_func;
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.edit-record", "(is)", edit_record_action);
  gtk_widget_class_install_action (widget_class, "win.delete-record", "(is)", delete_record_action);
  gtk_widget_class_install_action (widget_class, "win.edit-medication", "s", edit_medication_action);
  for (guint i = 0; i < G_N_ELEMENTS (model_actions); i++)
    gtk_widget_class_install_action (widget_class, model_actions[i].action_name,
                                     model_actions[i].parameter_type, model_action);
}
