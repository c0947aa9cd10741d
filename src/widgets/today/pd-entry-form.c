/* pd-entry-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-entry-form"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-body-map-view.h"
#include "pd-entry-form.h"
#include "pd-own-values.h"
#include "pd-page-util.h"
#include "pd-rows.h"
#include "pd-tags.h"
#include "pd-spine-pain-row.h"
#include "pd-time-row.h"

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
  PdOwnValues *own_locations;
  PdOwnValues *own_qualities;
  gint64 last_one_key;
  gboolean loading;

  GtkBox *score_box;
  GtkLabel *score_label;
  AdwEntryRow *note_row;
  PdTimeRow *time_row;
  PdBodyMapView *body_map;
  AdwExpanderRow *locations_row;
  AdwExpanderRow *qualities_row;
  AdwExpanderRow *peg_row;
  GtkSpinButton *enjoyment_spin;
  GtkSpinButton *activity_spin;
  PdSpinePainRow *spine_row;
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

static gboolean
key_pressed_cb (PdEntryForm           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return pd_entry_form_handle_key (self, keyval, state);
}

void
pd_entry_form_take_keys_of (PdEntryForm *self,
                            GtkWidget   *widget)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_if_fail (PD_IS_ENTRY_FORM (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, keys);
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

static gboolean
is_emergency_check (PdEntryForm    *self,
                    GtkCheckButton *check)
{
  guint index;

  return g_ptr_array_find (self->red_flag_checks, check, &index) &&
         pd_red_flag_is_emergency (index);
}

static void
red_flag_toggled_cb (PdEntryForm    *self,
                     GtkCheckButton *check)
{
  AdwMessageDialog *dialog;
  gboolean emergency;

  emit_changed (self);
  if (self->loading || !gtk_check_button_get_active (check))
    return;

  emergency = is_emergency_check (self, check);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (pd_widget_get_window (GTK_WIDGET (self)),
                                                       emergency ? _("Call Emergency Services Now")
                                                                 : _("Contact a Clinician Now"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  emergency
                                  ? _("“%s” can be an emergency.\n\n"
                                      "Call emergency services now. Do not wait to reach "
                                      "your doctor.")
                                  : _("“%s” can be a sign of a problem that needs urgent care.\n\n"
                                      "Call your surgeon, your doctor or an out-of-hours service now. "
                                      "If you cannot reach them, go to an emergency department."),
                                  gtk_check_button_get_label (check));
  if (emergency)
    gtk_widget_add_css_class (GTK_WIDGET (dialog), "emergency-dialog");
  adw_message_dialog_add_response (dialog, "ok", _("_I Understand"));
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "red-flag-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

static GPtrArray *
add_chips (PdEntryForm    *self,
           AdwExpanderRow *row,
           PdTagKind       kind)
{
  GPtrArray *buttons = g_ptr_array_new ();
  g_autofree const char **labels = g_new0 (const char *, pd_tag_count (kind) + 1);

  for (guint i = 0; i < pd_tag_count (kind); i++)
    labels[i] = pd_tag_label (kind, i);
  adw_expander_row_add_row (row, pd_chips_row_new (labels, buttons));
  for (guint i = 0; i < buttons->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (buttons, i), "toggled", G_CALLBACK (emit_changed), self);
  return buttons;
}

/* A tag typed into "Add your own…" ticks its chip. */
static void
own_tag_typed_cb (PdOwnValues *own,
                  int          index,
                  GPtrArray   *buttons)
{
  if (index >= 0 && (guint) index < buttons->len)
    gtk_toggle_button_set_active (g_ptr_array_index (buttons, index), TRUE);
}

static PdOwnValues *
add_own_values (PdEntryForm    *self,
                AdwExpanderRow *row,
                PdTagKind       kind,
                GPtrArray      *buttons)
{
  GtkWidget *own = pd_own_values_new (kind);

  adw_expander_row_add_row (row, own);
  g_signal_connect_swapped (own, "changed", G_CALLBACK (emit_changed), self);
  g_signal_connect (own, "tag-typed", G_CALLBACK (own_tag_typed_cb), buttons);
  return PD_OWN_VALUES (own);
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

static void
update_tag_subtitle (AdwExpanderRow *row,
                     PdTagKind       kind,
                     guint64         mask,
                     PdOwnValues    *own)
{
  g_auto(GStrv) values = pd_own_values_dup_values (own);
  g_autofree char *label = pd_tags_to_label_full (kind, mask, (const char * const *) values);

  adw_expander_row_set_subtitle (row, label);
}

static void
changed_cb (PdEntryForm *self)
{
  update_tag_subtitle (self->locations_row, PD_TAG_LOCATION,
                       pd_chips_get_mask (self->location_buttons), self->own_locations);
  update_tag_subtitle (self->qualities_row, PD_TAG_QUALITY,
                       pd_chips_get_mask (self->quality_buttons), self->own_qualities);
  /* The chips and the figure show one set of locations. */
  pd_body_map_view_set_selected (self->body_map, pd_chips_get_mask (self->location_buttons));
}

/* A click on the figure marks the chip too (which says "changed"). */
static void
body_map_changed_cb (PdEntryForm *self)
{
  pd_chips_set_mask (self->location_buttons, pd_body_map_view_get_selected (self->body_map));
}

void
pd_entry_form_reset (PdEntryForm *self)
{
  g_return_if_fail (PD_IS_ENTRY_FORM (self));

  self->loading = TRUE;
  pd_entry_form_set_score (self, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  pd_chips_set_mask (self->location_buttons, 0);
  pd_chips_set_mask (self->quality_buttons, 0);
  pd_own_values_set_values (self->own_locations, NULL);
  pd_own_values_set_values (self->own_qualities, NULL);
  pd_chips_set_mask (self->red_flag_checks, 0);
  adw_expander_row_set_enable_expansion (self->peg_row, FALSE);
  pd_spine_pain_row_set (self->spine_row, PD_UNSET, PD_UNSET);
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
  pd_time_row_set_time (self->time_row, NULL);
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
  g_return_if_fail (PD_IS_ENTRY_FORM (self));
  g_return_if_fail (PD_IS_PAIN_ENTRY (entry));


  pd_entry_form_reset (self);
  self->loading = TRUE;
  pd_entry_form_set_score (self, pd_pain_entry_get_pain (entry));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), pd_pain_entry_get_note (entry));
  pd_chips_set_mask (self->location_buttons, pd_pain_entry_get_locations (entry));
  pd_chips_set_mask (self->quality_buttons, pd_pain_entry_get_qualities (entry));
  pd_own_values_set_values (self->own_locations, pd_pain_entry_get_custom_locations (entry));
  pd_own_values_set_values (self->own_qualities, pd_pain_entry_get_custom_qualities (entry));
  pd_chips_set_mask (self->red_flag_checks, pd_pain_entry_get_red_flags (entry));
  if (pd_pain_entry_get_enjoyment_interference (entry) >= 0 ||
      pd_pain_entry_get_activity_interference (entry) >= 0)
    {
      adw_expander_row_set_enable_expansion (self->peg_row, TRUE);
      gtk_spin_button_set_value (self->enjoyment_spin, MAX (0, pd_pain_entry_get_enjoyment_interference (entry)));
      gtk_spin_button_set_value (self->activity_spin, MAX (0, pd_pain_entry_get_activity_interference (entry)));
    }
  pd_spine_pain_row_set (self->spine_row, pd_pain_entry_get_back_pain (entry),
                         pd_pain_entry_get_leg_pain (entry));
  if (pd_pain_entry_get_sleep_hours (entry) >= 0 || pd_pain_entry_get_sleep_quality (entry) >= 0)
    {
      adw_expander_row_set_enable_expansion (self->sleep_row, TRUE);
      if (pd_pain_entry_get_sleep_hours (entry) >= 0)
        gtk_spin_button_set_value (self->sleep_hours_spin, pd_pain_entry_get_sleep_hours (entry));
      if (pd_pain_entry_get_sleep_quality (entry) >= 0)
        gtk_spin_button_set_value (self->sleep_quality_spin, pd_pain_entry_get_sleep_quality (entry));
    }
  set_optional (self->mood_row, self->mood_spin, pd_pain_entry_get_mood (entry));
  pd_time_row_set_record_time (self->time_row, pd_pain_entry_get_time (entry));
  self->loading = FALSE;
  changed_cb (self);
}

gboolean
pd_entry_form_fill_entry (PdEntryForm *self,
                          PdPainEntry *entry)
{
  g_autoptr(GDateTime) time = NULL;
  g_auto(GStrv) own_locations = NULL;
  g_auto(GStrv) own_qualities = NULL;
  int score;

  g_return_val_if_fail (PD_IS_ENTRY_FORM (self), FALSE);
  g_return_val_if_fail (PD_IS_PAIN_ENTRY (entry), FALSE);

  score = pd_entry_form_get_score (self);
  if (score < 0)
    return FALSE;

  pd_pain_entry_set_pain (entry, score);
  pd_pain_entry_set_note (entry, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  pd_pain_entry_set_locations (entry, pd_chips_get_mask (self->location_buttons));
  pd_pain_entry_set_qualities (entry, pd_chips_get_mask (self->quality_buttons));
  own_locations = pd_own_values_dup_values (self->own_locations);
  own_qualities = pd_own_values_dup_values (self->own_qualities);
  pd_pain_entry_set_custom_locations (entry, (const char * const *) own_locations);
  pd_pain_entry_set_custom_qualities (entry, (const char * const *) own_qualities);
  pd_pain_entry_set_red_flags (entry, pd_chips_get_mask (self->red_flag_checks));

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
  pd_pain_entry_set_back_pain (entry, pd_spine_pain_row_get_back (self->spine_row));
  pd_pain_entry_set_leg_pain (entry, pd_spine_pain_row_get_leg (self->spine_row));
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

  /* The form does not know whether the entry is new; a saved entry has a created stamp. */
  time = pd_time_row_dup_changed_time (self->time_row, pd_pain_entry_get_time (entry),
                                       pd_pain_entry_get_created (entry) == 0);
  if (time != NULL)
    pd_pain_entry_set_date_time (entry, time);
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
      pd_widget_set_tooltip (button, describe_score (i));
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

  G_OBJECT_CLASS (pd_entry_form_parent_class)->finalize (object);
}

static void
pd_entry_form_class_init (PdEntryFormClass *klass)
{
  static const PdTemplateBinding bindings[] = {
    PD_TEMPLATE_CHILD (PdEntryForm, score_box),
    PD_TEMPLATE_CHILD (PdEntryForm, score_label),
    PD_TEMPLATE_CHILD (PdEntryForm, note_row),
    PD_TEMPLATE_CHILD (PdEntryForm, time_row),
    PD_TEMPLATE_CHILD (PdEntryForm, body_map),
    PD_TEMPLATE_CHILD (PdEntryForm, locations_row),
    PD_TEMPLATE_CHILD (PdEntryForm, qualities_row),
    PD_TEMPLATE_CHILD (PdEntryForm, peg_row),
    PD_TEMPLATE_CHILD (PdEntryForm, enjoyment_spin),
    PD_TEMPLATE_CHILD (PdEntryForm, activity_spin),
    PD_TEMPLATE_CHILD (PdEntryForm, spine_row),
    PD_TEMPLATE_CHILD (PdEntryForm, sleep_row),
    PD_TEMPLATE_CHILD (PdEntryForm, sleep_hours_spin),
    PD_TEMPLATE_CHILD (PdEntryForm, sleep_quality_spin),
    PD_TEMPLATE_CHILD (PdEntryForm, mood_row),
    PD_TEMPLATE_CHILD (PdEntryForm, mood_spin),
    PD_TEMPLATE_CHILD (PdEntryForm, red_flags_row)
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_entry_form_dispose;
  object_class->finalize = pd_entry_form_finalize;

  g_type_ensure (PD_TYPE_TIME_ROW);
  g_type_ensure (PD_TYPE_BODY_MAP_VIEW);
  g_type_ensure (PD_TYPE_SPINE_PAIN_ROW);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Enter in the note: the person is done. */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  pd_widget_class_set_template (widget_class, "pd-entry-form.ui",
                                bindings, G_N_ELEMENTS (bindings));
}

static void
pd_entry_form_init (PdEntryForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_score_buttons (self);
  self->location_buttons = add_chips (self, self->locations_row, PD_TAG_LOCATION);
  self->quality_buttons = add_chips (self, self->qualities_row, PD_TAG_QUALITY);
  self->own_locations = add_own_values (self, self->locations_row, PD_TAG_LOCATION,
                                        self->location_buttons);
  self->own_qualities = add_own_values (self, self->qualities_row, PD_TAG_QUALITY,
                                        self->quality_buttons);
  add_red_flags (self);

  name_switch (self->peg_row, _("Record interference"));
  name_switch (ADW_EXPANDER_ROW (self->spine_row), _("Record back and leg pain"));
  name_switch (self->sleep_row, _("Record sleep"));
  name_switch (self->mood_row, _("Record mood"));

  g_signal_connect_swapped (self->note_row, "changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->note_row, "entry-activated", G_CALLBACK (note_activated_cb), self);
  g_signal_connect_swapped (self, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->body_map, "changed", G_CALLBACK (body_map_changed_cb), self);
  gtk_label_set_label (self->score_label, describe_score (-1));
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (emit_changed), self);
}

GtkWidget *
pd_entry_form_new (void)
{
  return g_object_new (PD_TYPE_ENTRY_FORM, NULL);
}
