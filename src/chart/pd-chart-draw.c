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

void
_pd_chart_show_text (cairo_t             *cr,
                     PangoLayout         *text,
                     const char          *string,
                     double               x,
                     double               y,
                     double               align,
                     const PdChartColour *colour)
{
  int width, height;

  pango_layout_set_text (text, string, -1);
  pango_layout_get_pixel_size (text, &width, &height);
  _pd_chart_set_colour (cr, colour);
  cairo_move_to (cr, x - align * width, y - height / 2.0);
  pango_cairo_show_layout (cr, text);
}
