/*
 * render_md.c — the whole report as Markdown: the title as "#", each part's
 * official heading as "##", each paragraph of the narrative on its own
 * (a blank line between), and the tables as pipe tables laid out on the
 * official grid (layout.c). Markdown cannot merge cells: a spanned slot is
 * left empty, so each label and figure stands where the official table
 * prints it. `xxgk parse` reads the result back, narrative included.
 *
 * The narrative is written as it is, unescaped: the parser keeps every
 * character of a part's text, and an escape would come back as part of it.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static void md_table(buf *b, const xxgk_doc *d, const grid *g) {
  for (int y = 0; y < g->n_rows; y++) {
    buf_putc(b, '|');
    for (int x = 0; x < g->n_cols; x++) {
      const xxgk_grid_cell *c = xxgk_grid_at(g, x, y);
      buf_putc(b, ' ');
      if (c && c->kind == XXGK_GRID_VALUE) {
        char v[32];
        grid_value(d, c, v);
        buf_puts(b, v);
      } else if (c && c->text) {
        esc_md_cell(b, c->text);
      }
      buf_puts(b, " |");
    }
    buf_putc(b, '\n');
    if (y == 0) { /* the rule under Markdown's one header row */
      buf_putc(b, '|');
      for (int x = 0; x < g->n_cols; x++)
        buf_puts(b, x < g->n_label_cols ? " --- |" : " :---: |");
      buf_putc(b, '\n');
    }
  }
  buf_putc(b, '\n');
}

void render_report_md(buf *b, const xxgk_doc *d) {
  /* A placeholder is marked by nothing: it reads back as the text. */
  static const report_writer MD = {
      {"## ", "\n\n"}, {"", "\n\n"}, "", NULL, md_table};
  char *title = report_title(d);
  buf_puts(b, "# ");
  buf_puts(b, title);
  buf_puts(b, "\n\n");
  free(title);
  report_walk(b, d, &MD);
}
