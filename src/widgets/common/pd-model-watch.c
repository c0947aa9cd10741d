/* pd-model-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-model-watch"

#include "config.h"

#include "pd-model-watch.h"

typedef struct
{
  PdDiaryModel *model;
  PdModelRefresh refresh;
  gboolean complete_only;
  gboolean stale;       /* changed while the page was not mapped */
} Watch;

static GQuark
watch_quark (void)
{
  return g_quark_from_static_string ("pd-model-watch");
}

static void
watch_free (Watch *watch)
{
  g_clear_object (&watch->model);
  g_free (watch);
}

static void
refresh_now (GtkWidget *page,
             Watch     *watch)
{
  gint64 start;

  if (watch->complete_only && !pd_diary_model_is_complete (watch->model))
    return;
  if (!pd_diary_model_is_loaded (watch->model))
    return;
  if (!gtk_widget_get_mapped (page))
    {
      watch->stale = TRUE;
      return;
    }
  start = g_get_monotonic_time ();
  watch->stale = FALSE;
  watch->refresh (page);
  g_debug ("%s shown again in %.1f ms", G_OBJECT_TYPE_NAME (page),
           (g_get_monotonic_time () - start) / 1000.0);
}

static void
changed_cb (GtkWidget *page)
{
  Watch *watch = g_object_get_qdata (G_OBJECT (page), watch_quark ());

  if (watch != NULL)
    refresh_now (page, watch);
}

static void
mapped_cb (GtkWidget *page)
{
  Watch *watch = g_object_get_qdata (G_OBJECT (page), watch_quark ());

  if (watch != NULL && watch->stale)
    refresh_now (page, watch);
}

void
pd_model_watch (GtkWidget      *page,
                PdDiaryModel   *model,
                gboolean        complete_only,
                PdModelRefresh  refresh)
{
  Watch *old = g_object_get_qdata (G_OBJECT (page), watch_quark ());
  Watch *watch;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (PD_IS_DIARY_MODEL (model));
  g_return_if_fail (refresh != NULL);

  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old->model, page);
  else
    g_signal_connect (page, "map", G_CALLBACK (mapped_cb), NULL);

  watch = g_new0 (Watch, 1);
  watch->model = g_object_ref (model);
  watch->refresh = refresh;
  watch->complete_only = complete_only;
  watch->stale = TRUE;
  g_object_set_qdata_full (G_OBJECT (page), watch_quark (), watch, (GDestroyNotify) watch_free);

  g_signal_connect_object (model, "loaded", G_CALLBACK (changed_cb), page, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "records-changed", G_CALLBACK (changed_cb), page,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "outcomes-changed", G_CALLBACK (changed_cb), page,
                           G_CONNECT_SWAPPED);
  refresh_now (page, watch);
}
