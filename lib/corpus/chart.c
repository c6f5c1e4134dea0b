/*
 * chart.c — horizontal bar charts as self-contained SVG, for the corpus
 * statistics (trend by year, distribution of outcomes, regions ranked).
 * Text is escaped; the font stack names CJK fonts so labels render in a
 * browser and in LibreOffice alike.
 */
#include "internal.h"
#include "xxgk_corpus.h"

#include <string.h>

static void esc(buf *b, const char *s) { xxgk_esc_xml(b, s, strlen(s)); }

/* The width of s in pixels at font-size 13, near enough: a wide (CJK)
 * character 13, a narrow one 7. */
static int text_px(const char *s) {
  int px = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x80)
      px += 7;
    else if (*p >= 0xc0) /* a lead byte: one character */
      px += *p >= 0xe0 ? 13 : 7;
  return px;
}

char *xxgk_chart_bars(const char *title, const char *const *labels,
                      const double *values, int n, unsigned opts) {
  /* The labels' column as wide as the longest label (within bounds), so
   * that a long agency or outcome name is not cut at the chart's edge. */
  const int bar = 22, gap = 8, top = 48, bars = 410;
  int left = 120;
  for (int i = 0; i < n; i++)
    if (text_px(labels[i]) + 16 > left)
      left = text_px(labels[i]) + 16;
  if (left > 560)
    left = 560;
  const int width = left + bars + 90;
  double max = 0;
  for (int i = 0; i < n; i++)
    if (values[i] > max)
      max = values[i];
  if (max <= 0)
    max = 1;
  int height = top + n * (bar + gap) + 24;
  buf b = {0};
  buf_printf(&b,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
             "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"'Noto Sans "
             "CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif\" "
             "font-size=\"13\">\n",
             width, height, width, height);
  buf_puts(&b, "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
  buf_puts(&b, "<text x=\"16\" y=\"28\" font-size=\"16\" font-weight=\"bold\">");
  esc(&b, title);
  buf_puts(&b, "</text>\n");
  for (int i = 0; i < n; i++) {
    int y = top + i * (bar + gap);
    double w = values[i] < 0 ? 0 : values[i] / max * (width - left - 90);
    buf_printf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 8,
               y + bar - 6);
    esc(&b, labels[i]);
    buf_printf(&b,
               "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
               "height=\"%d\" fill=\"#b22222\"/>\n",
               left, y, w, bar);
    if (values[i] < 0)
      buf_printf(&b, "<text x=\"%d\" y=\"%d\">—</text>\n", left + 4,
                 y + bar - 6);
    else if (opts & XXGK_OPT_CHART_PERCENT)
      buf_printf(&b, "<text x=\"%.1f\" y=\"%d\">%.1f%%</text>\n",
                 left + w + 6, y + bar - 6, values[i] * 100);
    else
      buf_printf(&b, "<text x=\"%.1f\" y=\"%d\">%.0f</text>\n", left + w + 6,
                 y + bar - 6, values[i]);
  }
  buf_puts(&b, "</svg>\n");
  return buf_detach(&b);
}
