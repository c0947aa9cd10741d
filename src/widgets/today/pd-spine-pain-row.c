/* pd-spine-pain-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-spine-pain-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-spine-pain-row.h"
#include "pd-types.h"

struct _PdSpinePainRow
{
  AdwExpanderRow parent_instance;

  GtkCheckButton *back_check;
  GtkSpinButton *back_spin;
  GtkCheckButton *leg_check;
  GtkSpinButton *leg_spin;
};

G_DEFINE_FINAL_TYPE (PdSpinePainRow, pd_spine_pain_row, ADW_TYPE_EXPANDER_ROW)

/* Choosing a score is recording it. */
static void
spin_changed_cb (GtkSpinButton  *spin,
                 GtkCheckButton *check)
{
  gtk_check_button_set_active (check, TRUE);
}

static void
add_score_row (PdSpinePainRow  *self,
               const char      *title,
               GtkCheckButton **check_out,
               GtkSpinButton  **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 10, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed_cb), check);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  *check_out = GTK_CHECK_BUTTON (check);
  *spin_out = GTK_SPIN_BUTTON (spin);
}

static void
set_score (GtkCheckButton *check,
           GtkSpinButton  *spin,
           int             value)
{
  gtk_spin_button_set_value (spin, MAX (value, 0));
  gtk_check_button_set_active (check, value >= 0);
}

static int
get_score (PdSpinePainRow *self,
           GtkCheckButton *check,
           GtkSpinButton  *spin)
{
  if (!adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self)) ||
      !gtk_check_button_get_active (check))
    return PD_UNSET;
  return gtk_spin_button_get_value_as_int (spin);
}

void
pd_spine_pain_row_set (PdSpinePainRow *self,
                       int             back_pain,
                       int             leg_pain)
{
  g_return_if_fail (PD_IS_SPINE_PAIN_ROW (self));

  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self),
                                         back_pain >= 0 || leg_pain >= 0);
  set_score (self->back_check, self->back_spin, back_pain);
  set_score (self->leg_check, self->leg_spin, leg_pain);
  if (back_pain < 0 && leg_pain < 0)
    {
      /* Switched on later, both are meant. */
      gtk_check_button_set_active (self->back_check, TRUE);
      gtk_check_button_set_active (self->leg_check, TRUE);
    }
}

int
pd_spine_pain_row_get_back (PdSpinePainRow *self)
{
  g_return_val_if_fail (PD_IS_SPINE_PAIN_ROW (self), PD_UNSET);

  return get_score (self, self->back_check, self->back_spin);
}

int
pd_spine_pain_row_get_leg (PdSpinePainRow *self)
{
  g_return_val_if_fail (PD_IS_SPINE_PAIN_ROW (self), PD_UNSET);

  return get_score (self, self->leg_check, self->leg_spin);
}

static void
pd_spine_pain_row_class_init (PdSpinePainRowClass *klass)
{
}

static void
pd_spine_pain_row_init (PdSpinePainRow *self)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Back and Leg Pain"));
  adw_expander_row_set_subtitle (row, _("Each scored apart (0–10)"));
  adw_expander_row_set_show_enable_switch (row, TRUE);
  adw_expander_row_set_enable_expansion (row, FALSE);
  add_score_row (self, _("Back pain"), &self->back_check, &self->back_spin);
  add_score_row (self, _("Leg pain"), &self->leg_check, &self->leg_spin);
}

GtkWidget *
pd_spine_pain_row_new (void)
{
  return g_object_new (PD_TYPE_SPINE_PAIN_ROW, NULL);
}
