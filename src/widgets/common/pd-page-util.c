/* pd-page-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-page-util"

#include "config.h"

#include "pd-page-util.h"

#define RESOURCE_PREFIX "/io/github/paindiary/PainDiary/"

void
pd_widget_class_set_template (GtkWidgetClass          *widget_class,
                              const char              *ui_file,
                              const PdTemplateBinding *bindings,
                              gsize                    n_bindings)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, ui_file, NULL);

  gtk_widget_class_set_template_from_resource (widget_class, path);
  for (gsize i = 0; i < n_bindings; i++)
    {
      if (bindings[i].callback != NULL)
        gtk_widget_class_bind_template_callback_full (widget_class, bindings[i].name,
                                                      bindings[i].callback);
      else
        gtk_widget_class_bind_template_child_full (widget_class, bindings[i].name, FALSE,
                                                   bindings[i].offset);
    }
}
