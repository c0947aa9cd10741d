/* pd-own-values.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-own-values"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-own-values.h"
#include "pd-page-util.h"

struct _PdOwnValues
{
  GtkListBoxRow parent_instance;

  PdTagKind kind;
  GtkFlowBox *flow;
  GtkEntry *entry;
  GtkLabel *error_label;
  GPtrArray *buttons;    /* GtkToggleButton, one per value, in order */
};

G_DEFINE_FINAL_TYPE (PdOwnValues, pd_own_values, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  TAG_TYPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (PdOwnValues *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkToggleButton *
find_button (PdOwnValues *self,
             const char  *value)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->buttons, i);

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), value) == 0)
        return button;
    }
  return NULL;
}

static void
add_chip (PdOwnValues *self,
          const char  *value)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (value);

  gtk_widget_add_css_class (button, "chip");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  gtk_widget_set_tooltip_text (button, _("Your own words"));
  gtk_flow_box_append (self->flow, button);
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
  g_signal_connect_swapped (button, "toggled", G_CALLBACK (emit_changed), self);
  g_ptr_array_add (self->buttons, button);
  gtk_widget_set_visible (GTK_WIDGET (self->flow), TRUE);
}

static void
show_error (PdOwnValues *self,
            const char  *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static void
add_cb (PdOwnValues *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_autoptr(GError) error = NULL;
  GtkToggleButton *existing;
  int index;

  if (*text == '\0')
    return;
  index = pd_tag_match (self->kind, text, -1);
  if (index >= 0)
    {
      g_signal_emit (self, signals[TAG_TYPED], 0, index);
    }
  else if ((existing = find_button (self, text)) != NULL)
    {
      gtk_toggle_button_set_active (existing, TRUE);
    }
  else if (!pd_tag_check_custom (self->kind, text, &error))
    {
      show_error (self, error->message);
      return;
    }
  else
    {
      add_chip (self, text);
      emit_changed (self);
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

void
pd_own_values_set_values (PdOwnValues        *self,
                          const char * const *values)
{
  GtkWidget *child;

  g_return_if_fail (PD_IS_OWN_VALUES (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow))) != NULL)
    gtk_flow_box_remove (self->flow, child);
  g_ptr_array_set_size (self->buttons, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->flow), FALSE);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    add_chip (self, values[i]);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  show_error (self, NULL);
}

GStrv
pd_own_values_dup_values (PdOwnValues *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (PD_IS_OWN_VALUES (self), NULL);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->buttons, i);

      if (gtk_toggle_button_get_active (button))
        {
          g_strv_builder_add (builder, gtk_button_get_label (GTK_BUTTON (button)));
          n++;
        }
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static void
pd_own_values_finalize (GObject *object)
{
  PdOwnValues *self = PD_OWN_VALUES (object);

  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_own_values_parent_class)->finalize (object);
}

static void
pd_own_values_class_init (PdOwnValuesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_own_values_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TAG_TYPED] = g_signal_new ("tag-typed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
pd_own_values_init (PdOwnValues *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));

  self->buttons = g_ptr_array_new ();

  self->flow = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->flow, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->flow, 4);
  gtk_flow_box_set_column_spacing (self->flow, 6);
  gtk_flow_box_set_row_spacing (self->flow, 6);
  gtk_widget_set_visible (GTK_WIDGET (self->flow), FALSE);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->entry, _("Add your own…"));
  gtk_entry_set_max_length (self->entry, PD_TAG_MAX_CUSTOM_LENGTH);
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add your own"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (add_cb), self);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_cb), self);
  gtk_box_append (GTK_BOX (add_box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (add_box), add);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->flow));
  gtk_box_append (GTK_BOX (box), add_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  pd_widget_set_margins (box, 6, 12, 12, 12);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

GtkWidget *
pd_own_values_new (PdTagKind kind)
{
  PdOwnValues *self = g_object_new (PD_TYPE_OWN_VALUES, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}
