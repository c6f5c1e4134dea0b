/*
 * render_txt.c — the whole report as plain text for a terminal or a mail:
 * the title centred, each part under its official heading, the narrative a
 * paragraph a line, and the tables drawn on the official grid (layout.c)
 * with ASCII rules, merged cells shown merged:
 *
 *     |--------------------|----------------|-----|
 *     | 三、本年度办理结果 | （一）予以公开 | 464 |
 *     |                    |----------------|-----|
 *     |                    | （二）部分公开 |  12 |
 *
 * Widths count CJK characters as two columns (esc_width); long labels wrap
 * within their cell. The rules are
 * lines the parser skips as table rules, and '|' separates cells for it, so
 * `xxgk parse` reads the text back, narrative included.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define GAP 3        /* " | " between two columns                    */
#define WRAP 24      /* labels wrap at 12 CJK characters a column     */
#define MIN_WIDTH 60 /* the title is centred on the widest table, or this */
#define MAX_LINES 16 /* lines of one wrapped cell                      */

typedef struct {
  const char *s;
  size_t n;
} piece;

typedef struct {
  piece line[MAX_LINES];
  int n;
} wrapped;

static void pad(buf *b, size_t n, char c) {
  for (size_t i = 0; i < n; i++)
    buf_putc(b, c);
}

/* Characters a line must not start with (the rule of 避头点). */
static int no_line_start(const char *s, size_t n) {
  static const char *const P[] = {"、", "，", "。", "）", "”", "；", "：", ")"};
  for (size_t i = 0; i < sizeof P / sizeof P[0]; i++)
    if (n >= strlen(P[i]) && memcmp(s, P[i], strlen(P[i])) == 0)
      return 1;
  return 0;
}

/* Breaks s into lines of at most w display columns. */
static void wrap(const char *s, size_t w, wrapped *out) {
  size_t n = strlen(s);
  out->n = 0;
  while (n > 0 && out->n < MAX_LINES) {
    size_t i = 0, cw = 0, last = 0;
    while (i < n) {
      int32_t cp;
      int k = utf8_decode(s + i, n - i, &cp);
      k = k < 0 ? 1 : k;
      size_t kw = esc_width(s + i, (size_t)k);
      if (cw + kw > w && i > 0)
        break;
      last = i;
      cw += kw;
      i += (size_t)k;
    }
    if (i < n && i > last && last > 0 && no_line_start(s + i, n - i))
      i = last; /* carry the last character over with the punctuation */
    if (out->n == MAX_LINES - 1)
      i = n;
    out->line[out->n].s = s;
    out->line[out->n].n = i;
    out->n++;
    s += i;
    n -= i;
  }
}

/* Line `j` of cell c's text in a field of `w` columns. */
static void field(buf *b, const xxgk_grid_cell *c, const wrapped *t, int j, size_t w) {
  const char *s = j >= 0 && j < t->n ? t->line[j].s : "";
  size_t n = j >= 0 && j < t->n ? t->line[j].n : 0, sw = esc_width(s, n);
  size_t room = w > sw ? w - sw : 0;
  size_t left = c->kind == XXGK_GRID_VALUE   ? room
                : c->kind == XXGK_GRID_LABEL ? 0
                                      : room / 2;
  pad(b, left, ' ');
  buf_put(b, s, n);
  pad(b, room - left, ' ');
}

static size_t span_width(const size_t *width, const xxgk_grid_cell *c) {
  size_t w = GAP * (size_t)(c->w - 1);
  for (int x = c->x; x < c->x + c->w; x++)
    w += width[x];
  return w;
}

/* Whether row y (-1 and n_rows: none) has a cell boundary between
 * columns x and x + 1. */
static int boundary(const grid *g, int y, int x) {
  return y >= 0 && y < g->n_rows && g->owner[y][x] != g->owner[y][x + 1];
}

/* The rule above row y (y == n_rows: below the last). A cell continuing
 * from the row above keeps its slot open; a junction is drawn only where
 * the row above or below has a cell boundary. */
static void rule(buf *b, const grid *g, const size_t *width, int y) {
  buf_putc(b, '|');
  for (int x = 0; x < g->n_cols; x++) {
    int open = y > 0 && y < g->n_rows && g->owner[y][x] == g->owner[y - 1][x];
    pad(b, width[x] + 2, open ? ' ' : '-');
    if (x == g->n_cols - 1 || boundary(g, y - 1, x) || boundary(g, y, x))
      buf_putc(b, '|');
    else
      buf_putc(b, open ? ' ' : '-');
  }
  buf_putc(b, '\n');
}

/* Prints the grid. A wrapped label takes as many lines as it needs, a cell
 * spanning rows flows down through them; labels and headers stand at the
 * top of their cell, figures on its last line, so that a wrapped label's
 * pieces all come before its figures (the parser joins them). */
static void txt_table(buf *b, const xxgk_doc *d, const grid *g) {
  size_t width[GRID_MAX_COLS];
  grid_widths(g, d, WRAP, GAP, width);
  /* on the heap (166 KB), not static: renderers run on several threads */
  wrapped *text = xxgk_calloc(GRID_MAX_ROWS * GRID_MAX_COLS, sizeof *text);
  char values[GRID_MAX_ROWS * GRID_MAX_COLS][32];
  int height[GRID_MAX_ROWS];
  for (int y = 0; y < g->n_rows; y++)
    height[y] = 1;
  for (int k = 0; k < g->n_cells; k++) {
    const xxgk_grid_cell *c = &g->cells[k];
    const char *s = c->text ? c->text : "";
    if (c->kind == XXGK_GRID_VALUE) {
      grid_value(d, c, values[k]);
      s = values[k];
    }
    wrap(s, span_width(width, c), &text[k]);
  }
  for (int h = 1; h <= g->n_rows; h++)
    for (int k = 0; k < g->n_cells; k++) {
      const xxgk_grid_cell *c = &g->cells[k];
      int have = 0;
      if (c->h != h)
        continue;
      for (int y = c->y; y < c->y + c->h; y++)
        have += height[y];
      if (text[k].n > have)
        height[c->y + c->h - 1] += text[k].n - have;
    }
  for (int y = 0; y < g->n_rows; y++) {
    rule(b, g, width, y);
    for (int j = 0; j < height[y]; j++) {
      buf_putc(b, '|');
      for (int x = 0; x < g->n_cols;) {
        int k = g->owner[y][x];
        const xxgk_grid_cell *c = &g->cells[k];
        int line = j;
        for (int r = c->y; r < y; r++)
          line += height[r];
        if (c->kind == XXGK_GRID_VALUE)
          line = j == height[y] - 1 ? 0 : -1;
        buf_putc(b, ' ');
        field(b, c, &text[k], line, span_width(width, c));
        buf_puts(b, " |");
        x = c->x + c->w;
      }
      buf_putc(b, '\n');
    }
  }
  rule(b, g, width, g->n_rows);
  buf_putc(b, '\n');
  free(text);
}

void render_report_txt(buf *b, const xxgk_doc *d) {
  /* A placeholder is marked by nothing: it reads back as the text. */
  static const report_writer TXT = {
      {"\n", "\n\n"}, {"", "\n"}, "", NULL, txt_table};
  size_t page = MIN_WIDTH; /* the widest table's width */
  for (int t = 0; t < XXGK_N_TABLES; t++) {
    grid g;
    size_t width[GRID_MAX_COLS], w = 1;
    if (grid_build(&g, (xxgk_table)t, d->format) != 0)
      continue;
    grid_widths(&g, d, WRAP, GAP, width);
    for (int x = 0; x < g.n_cols; x++)
      w += width[x] + GAP;
    page = w > page ? w : page;
  }
  char *title = report_title(d);
  size_t tw = esc_width(title, strlen(title));
  pad(b, tw < page ? (page - tw) / 2 : 0, ' ');
  buf_puts(b, title);
  buf_puts(b, "\n");
  free(title);
  report_walk(b, d, &TXT);
}
