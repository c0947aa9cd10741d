/* pd-today-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-entry-form.h"
#include "pd-entry-row.h"
#include "pd-tags.h"
#include "pd-today-page.h"
#include "pd-window.h"

struct _PdTodayPage
{
  AdwBin parent_instance;

  PdDatabase *database;

  GtkScrolledWindow *scroller;
  GtkRevealer *red_flag_revealer;
  GtkLabel *red_flag_label;
  GtkLabel *date_label;
  GtkLabel *surgery_label;
  PdEntryForm *form;
  GtkWidget *save_button;
  GtkListBox *today_list;
};

G_DEFINE_FINAL_TYPE (PdTodayPage, pd_today_page, ADW_TYPE_BIN)

static void
form_changed_cb (PdTodayPage *self)
{
  gtk_widget_set_sensitive (self->save_button,
                            self->database != NULL && pd_entry_form_get_score (self->form) >= 0);
}

static void
show_toast (PdTodayPage *self,
            const char  *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
save_clicked_cb (PdTodayPage *self)
{
  g_autoptr(PdPainEntry) entry = pd_pain_entry_new ();
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->database == NULL || pd_database_is_read_only (self->database) ||
      !pd_entry_form_fill_entry (self->form, entry))
    return;

  if (!pd_database_save_pain_entry (self->database, entry, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The entry was not saved: %s"), error->message);
      show_toast (self, message);
      return;
    }

  pd_entry_form_reset (self->form);
  show_toast (self, _("Entry saved"));
  /* Back to the top, where a warning sign just noted shows its banner. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (PD_IS_WINDOW (root))
    pd_window_diary_changed (PD_WINDOW (root));
  else
    pd_today_page_reload (self);
}

static void
update_header (PdTodayPage *self,
               GDateTime   *now)
{
  /* Translators: today's date as a heading, e.g. "Sunday, 22 November" */
  g_autofree char *date = g_date_time_format (now, _("%A, %-d %B"));
  g_autofree char *surgery = pd_database_get_meta (self->database, "surgery_date");
  g_autoptr(GDate) surgery_date = NULL;
  gboolean shown = FALSE;

  gtk_label_set_label (self->date_label, date);

  if (surgery != NULL && *surgery != '\0')
    {
      surgery_date = g_date_new ();
      g_date_set_parse (surgery_date, surgery);
    }
  if (surgery_date != NULL && g_date_valid (surgery_date))
    {
      g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                              g_date_time_get_month (now),
                                              g_date_time_get_year (now));
      int days = g_date_days_between (surgery_date, today);

      if (days >= 0)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%d day since surgery",
                                                                "%d days since surgery", days),
                                                   days);
          gtk_label_set_label (self->surgery_label, text);
          shown = TRUE;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->surgery_label), shown);
}

void
pd_today_page_reload (PdTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint32 red_flags = 0;
  GtkWidget *child;

  g_return_if_fail (PD_IS_TODAY_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->today_list))))
    gtk_list_box_remove (self->today_list, child);

  if (self->database == NULL)
    return;

  update_header (self, now);

  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = g_date_time_add_days (midnight, 1);
  entries = pd_database_list_pain_entries (self->database, g_date_time_to_unix (midnight),
                                           g_date_time_to_unix (tomorrow), &error);
  if (entries == NULL)
    {
      g_warning ("Could not list today’s entries: %s", error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      PdPainEntry *entry = g_ptr_array_index (entries, i);

      red_flags |= pd_pain_entry_get_red_flags (entry);
      gtk_list_box_append (self->today_list,
                           pd_entry_row_new (entry, !pd_database_is_read_only (self->database)));
    }

  if (red_flags != 0)
    {
      g_autofree char *flags = pd_tags_to_label (PD_TAG_RED_FLAG, red_flags);
      g_autofree char *text = g_strdup_printf (_("You noted a warning sign today: %s. "
                                                 "Contact your surgeon, your doctor or an "
                                                 "out-of-hours service now."), flags);
      gtk_label_set_label (self->red_flag_label, text);
    }
  gtk_revealer_set_reveal_child (self->red_flag_revealer, red_flags != 0);
}

void
pd_today_page_set_database (PdTodayPage *self,
                            PdDatabase  *database)
{
  g_return_if_fail (PD_IS_TODAY_PAGE (self));

  g_set_object (&self->database, database);
  pd_entry_form_reset (self->form);
  pd_today_page_reload (self);
  form_changed_cb (self);
}

void
pd_today_page_focus_score (PdTodayPage *self)
{
  g_return_if_fail (PD_IS_TODAY_PAGE (self));
  pd_entry_form_focus_score (self->form);
}

static gboolean
key_pressed_cb (PdTodayPage           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return pd_entry_form_handle_key (self->form, keyval, state);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdTodayPage *self = PD_TODAY_PAGE (widget);

  if (gtk_widget_get_sensitive (self->save_button))
    save_clicked_cb (self);
}

static GtkWidget *
create_placeholder (void)
{
  GtkWidget *label = gtk_label_new (_("Nothing logged today. Choose a score above and press Save."));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static void
pd_today_page_dispose (GObject *object)
{
  PdTodayPage *self = PD_TODAY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_TODAY_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pd_today_page_parent_class)->dispose (object);
}

static void
pd_today_page_class_init (PdTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_today_page_dispose;

  g_type_ensure (PD_TYPE_ENTRY_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/paindiary/PainDiary/pd-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdTodayPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PdTodayPage, red_flag_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdTodayPage, red_flag_label);
  gtk_widget_class_bind_template_child (widget_class, PdTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, PdTodayPage, surgery_label);
  gtk_widget_class_bind_template_child (widget_class, PdTodayPage, form);
  gtk_widget_class_bind_template_child (widget_class, PdTodayPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdTodayPage, today_list);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_install_action (widget_class, "today.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "today.save", NULL);
}

static void
pd_today_page_init (PdTodayPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->today_list, create_placeholder ());

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
