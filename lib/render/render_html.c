/*
 * render_html.c — the whole report as one self-contained HTML5 page, ready
 * to publish or print: A4 pages (@page), a CJK serif font stack, the title,
 * each part under its official heading, the narrative a <p> per paragraph,
 * and the tables on the official grid (layout.c) with its merged cells as
 * colspan/rowspan and a full border on every cell, as the official tables
 * are ruled. No script, no external resource; all text is escaped (esc.c).
 *
 * Each figure's cell carries its canonical key (data-key), so a reader can
 * take the figures without matching labels. Headers that head a whole
 * table (tables 3 and 4) are a <thead>, which browsers repeat on every
 * printed page.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char STYLE[] =
    "@page { size: A4; margin: 25mm 20mm 22mm 25mm; }\n"
    "html { background: #fff; }\n"
    "body { margin: 0 auto; max-width: 165mm; color: #000;\n"
    "  font-family: \"Times New Roman\", \"SimSun\", \"宋体\", \"Songti SC\",\n"
    "    \"STSong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\",\n"
    "    \"Noto Serif SC\", serif;\n"
    "  font-size: 12pt; line-height: 1.75; }\n"
    "h1 { font-size: 18pt; line-height: 1.4; text-align: center;\n"
    "  text-wrap: balance; margin: 0 0 1.2em; }\n"
    "h2 { font-size: 14pt; margin: 1.2em 0 .5em; break-after: avoid;\n"
    "  page-break-after: avoid; }\n"
    "p { margin: 0; text-indent: 2em; text-align: justify; }\n"
    "p.placeholder { color: #555; }\n"
    "table { border-collapse: collapse; width: 100%; margin: .4em 0 1em;\n"
    "  table-layout: fixed;\n"
    "  font-size: 10.5pt; line-height: 1.35; }\n"
    "th, td { border: 1px solid #000; padding: 3pt 4pt; text-align: center;\n"
    "  vertical-align: middle; font-weight: normal; }\n"
    "th.cap { font-weight: bold; }\n"
    "th.l { text-align: left; }\n"
    "td { font-variant-numeric: tabular-nums; }\n"
    "thead { display: table-header-group; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "@media screen { body { padding: 2em 1em; } }\n";

static void text(buf *b, const char *s) { esc_xml(b, s, strlen(s)); }

static void html_cell(buf *b, const xxgk_doc *d, const grid *g,
                      const xxgk_grid_cell *c) {
  int cap = c->kind == XXGK_GRID_HEAD && c->w == g->n_cols && g->n_head_rows == 0;
  buf_puts(b, c->kind == XXGK_GRID_VALUE ? "<td" : "<th");
  if (c->kind == XXGK_GRID_LABEL)
    buf_puts(b, " scope=\"row\" class=\"l\"");
  else if (cap)
    buf_puts(b, " class=\"cap\"");
  if (c->w > 1)
    buf_printf(b, " colspan=\"%d\"", c->w);
  if (c->h > 1)
    buf_printf(b, " rowspan=\"%d\"", c->h);
  if (c->kind == XXGK_GRID_VALUE) {
    char key[128], v[32];
    xxgk_dict_key(c->row, c->col, key, sizeof key);
    grid_value(d, c, v);
    buf_puts(b, " data-key=\"");
    text(b, key);
    buf_puts(b, "\">");
    text(b, v);
    buf_puts(b, "</td>");
    return;
  }
  buf_putc(b, '>');
  if (c->text)
    text(b, c->text);
  buf_puts(b, "</th>");
}

static void html_table(buf *b, const xxgk_doc *d, const grid *g) {
  int tw[GRID_MAX_COLS];
  grid_fit(g, d, 10000, tw);
  buf_puts(b, "<table class=\"");
  text(b, xxgk_dict_table(g->table)->key);
  buf_puts(b, "\">\n<colgroup>");
  for (int x = 0; x < g->n_cols; x++) /* tw in 1/100 of a percent */
    buf_printf(b, "<col style=\"width: %d.%02d%%\">", tw[x] / 100,
               tw[x] % 100);
  buf_puts(b, "</colgroup>\n");
  for (int y = 0; y < g->n_rows; y++) {
    if (y == 0 && g->n_head_rows > 0)
      buf_puts(b, "<thead>\n");
    if (y == g->n_head_rows)
      buf_puts(b, "<tbody>\n");
    buf_puts(b, "<tr>");
    for (int x = 0; x < g->n_cols; x++) {
      const xxgk_grid_cell *c = xxgk_grid_at(g, x, y);
      if (c)
        html_cell(b, d, g, c);
    }
    buf_puts(b, "</tr>\n");
    if (y + 1 == g->n_head_rows)
      buf_puts(b, "</thead>\n");
  }
  buf_puts(b, "</tbody>\n</table>\n");
}

void render_report_html(buf *b, const xxgk_doc *d) {
  static const report_writer HTML = {{"<h2>", "</h2>\n"},
                                     {"<p>", "</p>\n"},
                                     "<p class=\"placeholder\">",
                                     xxgk_esc_xml,
                                     html_table};
  char *title = report_title(d);
  buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
              "<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, "
              "initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"xxgk " XXGK_VERSION "\">\n");
  buf_puts(b, "<title>");
  text(b, title);
  buf_puts(b, "</title>\n<style>\n");
  buf_puts(b, STYLE);
  buf_puts(b, "</style>\n</head>\n<body>\n<h1>");
  text(b, title);
  buf_puts(b, "</h1>\n");
  free(title);
  report_walk(b, d, &HTML);
  buf_puts(b, "</body>\n</html>\n");
}
