/* pd-chart-draw.c: drawing helpers that the chart, the heat map and the body map share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-chart"

#include "config.h"

#include "pd-chart-draw.h"
#include "pd-output.h"

cairo_status_t
pd_chart_write_output (void                *closure,
                       const unsigned char *data,
                       unsigned int         length)
{
  return pd_output_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                 : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
_pd_chart_is_dark (const PdChartColour *colour)
{
  return 0.2126 * colour->red + 0.7152 * colour->green + 0.0722 * colour->blue < 0.5;
}

void
_pd_chart_ramp_colour (PdChartRamp    ramp,
                       double         t,
                       PdChartColour *colour)
{
  /* The ramps at t = 0, 1/8 .. 1. */
  static const guint32 ramps[][9] = {
    [PD_CHART_RAMP_VIRIDIS] = { 0x440154, 0x46327e, 0x365c8d, 0x277f8e, 0x1fa187,
                                0x4ac16d, 0xa0da39, 0xd8e219, 0xfde725 },
    [PD_CHART_RAMP_MAGMA] = { 0x000004, 0x1c1044, 0x4f127b, 0x812581, 0xb5367a,
                              0xe55064, 0xfb8761, 0xfec287, 0xfcfdbf },
  };
  const guint32 *stops = ramps[ramp];
  double position = t * (G_N_ELEMENTS (ramps[0]) - 1);
  guint i = MIN ((guint) position, G_N_ELEMENTS (ramps[0]) - 2);
  double part = position - i;

#define CHANNEL(c, shift) (((c) >> (shift) & 0xff) / 255.0)
  colour->red = CHANNEL (stops[i], 16) * (1 - part) + CHANNEL (stops[i + 1], 16) * part;
  colour->green = CHANNEL (stops[i], 8) * (1 - part) + CHANNEL (stops[i + 1], 8) * part;
  colour->blue = CHANNEL (stops[i], 0) * (1 - part) + CHANNEL (stops[i + 1], 0) * part;
#undef CHANNEL
  colour->alpha = 1;
}

PangoFontDescription *
_pd_chart_font_new (const PdChartStyle *style,
                    double              size)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  return font;
}

PangoLayout *
_pd_chart_text_new (cairo_t            *cr,
                    const PdChartStyle *style,
                    double              size)
{
  PangoLayout *text = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = _pd_chart_font_new (style, size);

  pango_layout_set_font_description (text, font);
  return text;
}

double
_pd_chart_show_text (cairo_t             *cr,
                     PangoLayout         *text,
                     const char          *string,
                     double               x,
                     double               y,
                     double               align,
                     const PdChartColour *colour)
{
  int width, height;

  if (string != NULL)
    pango_layout_set_text (text, string, -1);
  pango_layout_get_pixel_size (text, &width, &height);
  _pd_chart_set_colour (cr, colour);
  cairo_move_to (cr, x - align * width, y - height / 2.0);
  pango_cairo_show_layout (cr, text);
  return width;
}
