/* pd-entry-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-entry-form"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-entry-form.h"
#include "pd-tags.h"

#define N_SCORES 11
/* "1" then "0" within this time is a 10. */
#define TEN_WINDOW_US (800 * G_TIME_SPAN_MILLISECOND)

struct _PdEntryForm
{
  AdwBin parent_instance;

  GtkToggleButton *score_buttons[N_SCORES];
  GPtrArray *location_buttons;
  GPtrArray *quality_buttons;
  GPtrArray *red_flag_checks;
  /* NULL: the entry is for now. */
  GDateTime *time;
  gint64 last_one_key;
  gboolean loading;

  GtkBox *score_box;
  GtkLabel *score_label;
  AdwEntryRow *note_row;
  AdwActionRow *time_row;
  GtkMenuButton *time_button;
  /* The time popover is built when first opened: a calendar is costly at start-up. */
  GtkPopover *time_popover;
  GtkCalendar *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  AdwExpanderRow *locations_row;
  AdwExpanderRow *qualities_row;
  AdwExpanderRow *peg_row;
  GtkSpinButton *enjoyment_spin;
  GtkSpinButton *activity_spin;
  AdwExpanderRow *sleep_row;
  GtkSpinButton *sleep_hours_spin;
  GtkSpinButton *sleep_quality_spin;
  AdwExpanderRow *mood_row;
  GtkSpinButton *mood_spin;
  AdwExpanderRow *red_flags_row;
};

G_DEFINE_FINAL_TYPE (PdEntryForm, pd_entry_form, ADW_TYPE_BIN)

enum {
  CHANGED,
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
describe_score (int score)
{
  if (score < 0)
    return _("Choose a score with the mouse or type a number.");
  if (score == 0)
    return _("0 — no pain");
  if (score <= 3)
    return _("Mild pain");
  if (score <= 6)
    return _("Moderate pain");
  if (score <= 9)
    return _("Severe pain");
  return _("10 — worst pain imaginable");
}

static void
emit_changed (PdEntryForm *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

int
pd_entry_form_get_score (PdEntryForm *self)
{
  g_return_val_if_fail (PD_IS_ENTRY_FORM (self), -1);

  for (int i = 0; i < N_SCORES; i++)
    if (gtk_toggle_button_get_active (self->score_buttons[i]))
      return i;
  return -1;
}

void
pd_entry_form_set_score (PdEntryForm *self,
                         int          score)
{
  g_return_if_fail (PD_IS_ENTRY_FORM (self));
  g_return_if_fail (score >= -1 && score < N_SCORES);

  if (score < 0)
    {
      for (int i = 0; i < N_SCORES; i++)
        gtk_toggle_button_set_active (self->score_buttons[i], FALSE);
    }
  else
    gtk_toggle_button_set_active (self->score_buttons[score], TRUE);
}

void
pd_entry_form_focus_score (PdEntryForm *self)
{
  int score;

  g_return_if_fail (PD_IS_ENTRY_FORM (self));

  score = pd_entry_form_get_score (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->score_buttons[score < 0 ? 0 : score]));
}

gboolean
pd_entry_form_handle_key (PdEntryForm     *self,
                          guint            keyval,
                          GdkModifierType  state)
{
  gint64 now = g_get_monotonic_time ();
  guint32 c;
  int digit;

  g_return_val_if_fail (PD_IS_ENTRY_FORM (self), FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  c = gdk_keyval_to_unicode (keyval);
  if (c < '0' || c > '9')
    return FALSE;
  digit = (int) (c - '0');

  if (digit == 0 && self->last_one_key != 0 && now - self->last_one_key < TEN_WINDOW_US)
    digit = 10;
  self->last_one_key = (digit == 1) ? now : 0;

  pd_entry_form_set_score (self, digit);
  gtk_widget_grab_focus (GTK_WIDGET (self->score_buttons[digit]));
  return TRUE;
}

static void
note_activated_cb (PdEntryForm *self)
{
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
score_toggled_cb (PdEntryForm     *self,
                  GtkToggleButton *button)
{
  int score = pd_entry_form_get_score (self);

  gtk_label_set_label (self->score_label, describe_score (score));
  emit_changed (self);
}

static void
update_time_row (PdEntryForm *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;

  if (self->time == NULL)
    text = g_strdup (_("Now"));
  else
    {
      int days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (self->time);
      g_autofree char *clock = g_date_time_format (self->time, "%H:%M");
      gboolean same_year = g_date_time_get_year (now) == g_date_time_get_year (self->time);

      if (same_year && days == 0)
        text = g_strdup_printf (_("Today at %s"), clock);
      else if (same_year && days == 1)
        text = g_strdup_printf (_("Yesterday at %s"), clock);
      else
        {
          /* Translators: a date and a time, e.g. "3 October 2026 at 08:30" */
          g_autofree char *date = g_date_time_format (self->time, _("%-d %B %Y"));
          text = g_strdup_printf (_("%s at %s"), date, clock);
        }
    }
  adw_action_row_set_subtitle (self->time_row, text);
}

static void
sync_time_popover (PdEntryForm *self)
{
  g_autoptr(GDateTime) shown = NULL;

  if (self->time_popover == NULL)
    return;
  shown = self->time ? g_date_time_ref (self->time) : g_date_time_new_now_local ();

  gtk_calendar_select_day (self->calendar, shown);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (shown));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (shown));
}

static void
set_time (PdEntryForm *self,
          GDateTime   *time)
{
  g_clear_pointer (&self->time, g_date_time_unref);
  if (time != NULL)
    self->time = g_date_time_ref (time);
  update_time_row (self);
  sync_time_popover (self);
  emit_changed (self);
}

static void
now_clicked_cb (PdEntryForm *self)
{
  set_time (self, NULL);
  gtk_popover_popdown (self->time_popover);
}

static GtkSpinButton *
time_spin (int         upper,
           int         page,
           const char *name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), 1, page);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return GTK_SPIN_BUTTON (spin);
}

static void set_time_clicked_cb (PdEntryForm *self);

static void
create_time_popover_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  PdEntryForm *self = PD_ENTRY_FORM (user_data);
  GtkWidget *box, *clock, *buttons, *now, *set;

  if (self->time_popover != NULL)
    return;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date"), -1);
  self->hour_spin = time_spin (23, 6, _("Hour"));
  self->minute_spin = time_spin (59, 15, _("Minute"));

  clock = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (clock, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (clock), GTK_WIDGET (self->hour_spin));
  gtk_box_append (GTK_BOX (clock), gtk_label_new (":"));
  gtk_box_append (GTK_BOX (clock), GTK_WIDGET (self->minute_spin));

  now = gtk_button_new_with_label (_("Now"));
  g_signal_connect_swapped (now, "clicked", G_CALLBACK (now_clicked_cb), self);
  set = gtk_button_new_with_label (_("Set Time"));
  gtk_widget_add_css_class (set, "suggested-action");
  g_signal_connect_swapped (set, "clicked", G_CALLBACK (set_time_clicked_cb), self);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), now);
  gtk_box_append (GTK_BOX (buttons), set);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), clock);
  gtk_box_append (GTK_BOX (box), buttons);

  self->time_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->time_popover, box);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->time_popover));
  sync_time_popover (self);
}

static void
set_time_clicked_cb (PdEntryForm *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) chosen = NULL;

  chosen = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day),
                                  gtk_spin_button_get_value_as_int (self->hour_spin),
                                  gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  /* A diary records what has happened. */
  if (chosen == NULL || g_date_time_compare (chosen, now) > 0)
    set_time (self, NULL);
  else
    set_time (self, chosen);
  gtk_popover_popdown (self->time_popover);
}

static void
red_flag_toggled_cb (PdEntryForm    *self,
                     GtkCheckButton *check)
{
  AdwMessageDialog *dialog;
  GtkRoot *root;

  emit_changed (self);
  if (self->loading || !gtk_check_button_get_active (check))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Contact a Clinician Now"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” can be a sign of a problem that needs urgent care.\n\n"
                                    "Call your surgeon, your doctor or an out-of-hours service now. "
                                    "If you cannot reach them, go to an emergency department."),
                                  gtk_check_button_get_label (check));
  adw_message_dialog_add_response (dialog, "ok", _("_I Understand"));
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_DESTRUCTIVE);
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "red-flag-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

static GPtrArray *
add_chips (PdEntryForm    *self,
           AdwExpanderRow *row,
           PdTagKind       kind)
{
  GPtrArray *buttons = g_ptr_array_new ();
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *list_row = gtk_list_box_row_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_set_margin_top (flow, 12);
  gtk_widget_set_margin_bottom (flow, 12);
  gtk_widget_set_margin_start (flow, 12);
  gtk_widget_set_margin_end (flow, 12);

  for (guint i = 0; i < pd_tag_count (kind); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (pd_tag_label (kind, i));

      gtk_widget_add_css_class (button, "chip");
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (emit_changed), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      /* The flow box child would take focus too: only the button should. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      g_ptr_array_add (buttons, button);
    }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_widget_set_focusable (list_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), flow);
  adw_expander_row_add_row (row, list_row);
  return buttons;
}

static void
add_red_flags (PdEntryForm *self)
{
  self->red_flag_checks = g_ptr_array_new ();

  for (guint i = 0; i < pd_tag_count (PD_TAG_RED_FLAG); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new_with_label (pd_tag_label (PD_TAG_RED_FLAG, i));

      /* The check's own label names it for assistive technologies; the row is a frame. */
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (check, 6);
      gtk_widget_set_margin_bottom (check, 6);
      gtk_label_set_wrap (GTK_LABEL (gtk_widget_get_last_child (check)), TRUE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (red_flag_toggled_cb), self);
      adw_expander_row_add_row (self->red_flags_row, row);
      g_ptr_array_add (self->red_flag_checks, check);
    }
}

static GtkWidget *
find_switch (GtkWidget *widget)
{
  if (GTK_IS_SWITCH (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_switch (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The expander rows' enable switches have no accessible name of their own. */
static void
name_switch (AdwExpanderRow *row,
             const char     *name)
{
  GtkWidget *toggle = find_switch (GTK_WIDGET (row));

  if (toggle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static guint32
get_toggles (GPtrArray *buttons)
{
  guint32 mask = 0;

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (buttons, i);
      gboolean active = GTK_IS_CHECK_BUTTON (w) ? gtk_check_button_get_active (GTK_CHECK_BUTTON (w))
                                               : gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (w));
      if (active)
        mask |= 1u << i;
    }
  return mask;
}

static void
set_toggles (GPtrArray *buttons,
             guint32    mask)
{
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (buttons, i);
      gboolean active = (mask & (1u << i)) != 0;

      if (GTK_IS_CHECK_BUTTON (w))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (w), active);
      else
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (w), active);
    }
}

static void
update_tag_subtitle (AdwExpanderRow *row,
                     PdTagKind       kind,
                     guint32         mask)
{
  g_autofree char *label = pd_tags_to_label (kind, mask);

  adw_expander_row_set_subtitle (row, label);
}

static void
changed_cb (PdEntryForm *self)
{
  update_tag_subtitle (self->locations_row, PD_TAG_LOCATION, get_toggles (self->location_buttons));
  update_tag_subtitle (self->qualities_row, PD_TAG_QUALITY, get_toggles (self->quality_buttons));
}

void
pd_entry_form_reset (PdEntryForm *self)
{
  g_return_if_fail (PD_IS_ENTRY_FORM (self));

  self->loading = TRUE;
  pd_entry_form_set_score (self, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  set_toggles (self->location_buttons, 0);
  set_toggles (self->quality_buttons, 0);
  set_toggles (self->red_flag_checks, 0);
  adw_expander_row_set_enable_expansion (self->peg_row, FALSE);
  adw_expander_row_set_enable_expansion (self->sleep_row, FALSE);
  adw_expander_row_set_enable_expansion (self->mood_row, FALSE);
  adw_expander_row_set_expanded (self->locations_row, FALSE);
  adw_expander_row_set_expanded (self->qualities_row, FALSE);
  adw_expander_row_set_expanded (self->red_flags_row, FALSE);
  gtk_spin_button_set_value (self->enjoyment_spin, 0);
  gtk_spin_button_set_value (self->activity_spin, 0);
  gtk_spin_button_set_value (self->sleep_hours_spin, 7);
  gtk_spin_button_set_value (self->sleep_quality_spin, 5);
  gtk_spin_button_set_value (self->mood_spin, 5);
  set_time (self, NULL);
  self->loading = FALSE;
  changed_cb (self);
  emit_changed (self);
}

static void
set_optional (AdwExpanderRow *row,
              GtkSpinButton  *spin,
              double          value)
{
  gboolean recorded = value >= 0;

  adw_expander_row_set_enable_expansion (row, recorded);
  if (recorded)
    gtk_spin_button_set_value (spin, value);
}

void
pd_entry_form_set_entry (PdEntryForm *self,
                         PdPainEntry *entry)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_if_fail (PD_IS_ENTRY_FORM (self));
  g_return_if_fail (PD_IS_PAIN_ENTRY (entry));

  pd_entry_form_reset (self);
  self->loading = TRUE;
  pd_entry_form_set_score (self, pd_pain_entry_get_pain (entry));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), pd_pain_entry_get_note (entry));
  set_toggles (self->location_buttons, pd_pain_entry_get_locations (entry));
  set_toggles (self->quality_buttons, pd_pain_entry_get_qualities (entry));
  set_toggles (self->red_flag_checks, pd_pain_entry_get_red_flags (entry));
  if (pd_pain_entry_get_enjoyment_interference (entry) >= 0 ||
      pd_pain_entry_get_activity_interference (entry) >= 0)
    {
      adw_expander_row_set_enable_expansion (self->peg_row, TRUE);
      gtk_spin_button_set_value (self->enjoyment_spin, MAX (0, pd_pain_entry_get_enjoyment_interference (entry)));
      gtk_spin_button_set_value (self->activity_spin, MAX (0, pd_pain_entry_get_activity_interference (entry)));
    }
  if (pd_pain_entry_get_sleep_hours (entry) >= 0 || pd_pain_entry_get_sleep_quality (entry) >= 0)
    {
      adw_expander_row_set_enable_expansion (self->sleep_row, TRUE);
      if (pd_pain_entry_get_sleep_hours (entry) >= 0)
        gtk_spin_button_set_value (self->sleep_hours_spin, pd_pain_entry_get_sleep_hours (entry));
      if (pd_pain_entry_get_sleep_quality (entry) >= 0)
        gtk_spin_button_set_value (self->sleep_quality_spin, pd_pain_entry_get_sleep_quality (entry));
    }
  set_optional (self->mood_row, self->mood_spin, pd_pain_entry_get_mood (entry));
  /* Shown in the local time zone of this computer; the entry keeps its own offset
   * unless the time is changed. */
  time = g_date_time_new_from_unix_local (pd_pain_entry_get_time (entry));
  set_time (self, time);
  self->loading = FALSE;
  changed_cb (self);
}

gboolean
pd_entry_form_fill_entry (PdEntryForm *self,
                          PdPainEntry *entry)
{
  int score;

  g_return_val_if_fail (PD_IS_ENTRY_FORM (self), FALSE);
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (entry), FALSE);

  score = pd_entry_form_get_score (self);
  if (score < 0)
    return FALSE;

  pd_pain_entry_set_pain (entry, score);
  pd_pain_entry_set_note (entry, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  pd_pain_entry_set_locations (entry, get_toggles (self->location_buttons));
  pd_pain_entry_set_qualities (entry, get_toggles (self->quality_buttons));
  pd_pain_entry_set_red_flags (entry, get_toggles (self->red_flag_checks));

  if (adw_expander_row_get_enable_expansion (self->peg_row))
    {
      pd_pain_entry_set_enjoyment_interference (entry, gtk_spin_button_get_value_as_int (self->enjoyment_spin));
      pd_pain_entry_set_activity_interference (entry, gtk_spin_button_get_value_as_int (self->activity_spin));
    }
  else
    {
      pd_pain_entry_set_enjoyment_interference (entry, PD_UNSET);
      pd_pain_entry_set_activity_interference (entry, PD_UNSET);
    }
  if (adw_expander_row_get_enable_expansion (self->sleep_row))
    {
      pd_pain_entry_set_sleep_hours (entry, gtk_spin_button_get_value (self->sleep_hours_spin));
      pd_pain_entry_set_sleep_quality (entry, gtk_spin_button_get_value_as_int (self->sleep_quality_spin));
    }
  else
    {
      pd_pain_entry_set_sleep_hours (entry, -1);
      pd_pain_entry_set_sleep_quality (entry, PD_UNSET);
    }
  pd_pain_entry_set_mood (entry, adw_expander_row_get_enable_expansion (self->mood_row)
                                   ? gtk_spin_button_get_value_as_int (self->mood_spin) : PD_UNSET);

  if (self->time == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      pd_pain_entry_set_date_time (entry, now);
    }
  else if (g_date_time_to_unix (self->time) != pd_pain_entry_get_time (entry))
    pd_pain_entry_set_date_time (entry, self->time);
  return TRUE;
}

static void
build_score_buttons (PdEntryForm *self)
{
  for (int i = 0; i < N_SCORES; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);
      g_autofree char *name = NULL;
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      /* Translators: the accessible name of a score button, e.g. "Pain 7, severe pain" */
      name = g_strdup_printf (_("Pain %d, %s"), i, describe_score (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (button, describe_score (i));
      gtk_widget_add_css_class (button, "score");
      gtk_widget_add_css_class (button, i <= 3 ? "score-mild" : i <= 6 ? "score-moderate" : "score-severe");
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->score_buttons[0]);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (score_toggled_cb), self);
      gtk_box_append (self->score_box, button);
      self->score_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

static void
pd_entry_form_dispose (GObject *object)
{
  PdEntryForm *self = PD_ENTRY_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ENTRY_FORM);

  G_OBJECT_CLASS (pd_entry_form_parent_class)->dispose (object);
}

static void
pd_entry_form_finalize (GObject *object)
{
  PdEntryForm *self = PD_ENTRY_FORM (object);

  g_clear_pointer (&self->location_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->quality_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->red_flag_checks, g_ptr_array_unref);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (pd_entry_form_parent_class)->finalize (object);
}

static void
pd_entry_form_class_init (PdEntryFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_entry_form_dispose;
  object_class->finalize = pd_entry_form_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Enter in the note: the person is done. */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/paindiary/PainDiary/pd-entry-form.ui");
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, score_box);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, score_label);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, note_row);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, time_row);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, time_button);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, locations_row);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, qualities_row);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, peg_row);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, enjoyment_spin);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, activity_spin);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, sleep_row);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, sleep_hours_spin);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, sleep_quality_spin);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, mood_row);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, mood_spin);
  gtk_widget_class_bind_template_child (widget_class, PdEntryForm, red_flags_row);
}

static void
pd_entry_form_init (PdEntryForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_score_buttons (self);
  self->location_buttons = add_chips (self, self->locations_row, PD_TAG_LOCATION);
  self->quality_buttons = add_chips (self, self->qualities_row, PD_TAG_QUALITY);
  add_red_flags (self);

  name_switch (self->peg_row, _("Record interference"));
  name_switch (self->sleep_row, _("Record sleep"));
  name_switch (self->mood_row, _("Record mood"));

  g_signal_connect_swapped (self->note_row, "changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->note_row, "entry-activated", G_CALLBACK (note_activated_cb), self);
  g_signal_connect_swapped (self, "changed", G_CALLBACK (changed_cb), self);
  gtk_label_set_label (self->score_label, describe_score (-1));
  update_time_row (self);
  gtk_menu_button_set_create_popup_func (self->time_button, create_time_popover_cb, self, NULL);
}

GtkWidget *
pd_entry_form_new (void)
{
  return g_object_new (PD_TYPE_ENTRY_FORM, NULL);
}
