/* pd-banded-area.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkDrawingArea records its drawing, and a renderer drawing with cairo plays the whole
 * recording back into an image the size of the area before it reaches the window: 1.5 MB
 * for the Trends chart, held while the rest of the window is painted (issue 11: the peak
 * memory of the window on the Trends page). This one draws exactly the same, once, but
 * shows the recording through clips a band of rows high, so that each playback needs an
 * image of one band only. Renderers that keep the drawing as a texture draw it once and
 * cut the bands out of it.
 */

#define G_LOG_DOMAIN "pd-widgets"

#include "config.h"

#include "pd-banded-area.h"

/* Rows a band: 64 rows of a wide chart are about 200 kB of image. */
#define BAND_HEIGHT 64

struct _PdBandedArea
{
  GtkDrawingArea parent_instance;
};

G_DEFINE_FINAL_TYPE (PdBandedArea, pd_banded_area, GTK_TYPE_DRAWING_AREA)

static void
pd_banded_area_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkSnapshot *drawing = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_CLASS (pd_banded_area_parent_class)->snapshot (widget, drawing);
  node = gtk_snapshot_free_to_node (drawing);
  if (node == NULL)
    return;
  for (int y = 0; y < height; y += BAND_HEIGHT)
    {
      gtk_snapshot_push_clip (snapshot,
                              &GRAPHENE_RECT_INIT (0, y, width, MIN (BAND_HEIGHT, height - y)));
      gtk_snapshot_append_node (snapshot, node);
      gtk_snapshot_pop (snapshot);
    }
}

static void
pd_banded_area_class_init (PdBandedAreaClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = pd_banded_area_snapshot;
}

static void
pd_banded_area_init (PdBandedArea *self)
{
}

GtkWidget *
pd_banded_area_new (void)
{
  return g_object_new (PD_TYPE_BANDED_AREA, NULL);
}
