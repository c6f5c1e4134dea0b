/*
 * layout.c — each table of the data dictionary laid out as the official
 * formats (国办公开办函〔2019〕60号, 〔2021〕30号) print it: a grid whose
 * cells may span columns and rows. The writers of HTML and DOCX turn spans
 * into colspan/rowspan and gridSpan/vMerge; Markdown and text print the
 * grid with spanned slots empty.
 *
 * The shape comes from the dictionary alone (xxgk_table_def.layout, the
 * rows' group and subgroup, the columns' group):
 *
 *   ITEMS   table 2. Each group of rows (第二十条第（一）项 …) opens with a
 *           caption row across the table and a header row (the corner
 *           "信息内容", then the column labels); a row with fewer columns
 *           than the widest lets its last figure span the rest (2021:
 *           行政许可 has one figure under 本年处理决定数量 across three).
 *   MATRIX  table 3. One header: the corner (the printed rule A1) over
 *           the label columns, the column heading (申请人情况) over the
 *           figures, then column groups (法人或其他组织) over their
 *           columns; a column without a group spans the header's rows.
 *           Rows: a group (三、本年度办理结果) and a subgroup (（三）不予
 *           公开) are cells spanning their rows; a row label spans the
 *           label columns its row has no group or subgroup for.
 *   ACROSS  table 4. The rows stand side by side: a group (行政诉讼) over
 *           its rows, each row's label (行政复议, 未经复议直接起诉) over
 *           its columns, the column labels, and one line of figures.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define LABEL_WRAP 20     /* display columns of a label before it wraps */
#define TALL_WRAP 6       /* … of a group label spanning rows           */
#define HEAD_WRAP 8       /* … of a column header                       */
#define TWIPS_PER_COL 100 /* a display column at the tables' 10 pt     */
#define DIGIT_TWIPS 140   /* a figure's digit, even in a wide font      */
#define CELL_PAD 114      /* a cell's left and right margins            */
#define MIN_COL 420       /* no column narrower than this               */

static void add(grid *g, xxgk_grid_kind kind, const char *text, int row, int col,
                int x, int y, int w, int h) {
  if (x + w > GRID_MAX_COLS || y + h > GRID_MAX_ROWS ||
      g->n_cells >= GRID_MAX_ROWS * GRID_MAX_COLS)
    return; /* the dictionary's tables are far smaller */
  xxgk_grid_cell *c = &g->cells[g->n_cells];
  c->kind = kind;
  c->text = text;
  c->row = row;
  c->col = col;
  c->x = x;
  c->y = y;
  c->w = w;
  c->h = h;
  for (int j = y; j < y + h; j++)
    for (int i = x; i < x + w; i++)
      g->owner[j][i] = g->n_cells;
  g->n_cells++;
  if (x + w > g->n_cols)
    g->n_cols = x + w;
  if (y + h > g->n_rows)
    g->n_rows = y + h;
}

static int same(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

/* The dictionary rows of table t in format f, in printed order. */
static int table_rows(xxgk_table t, xxgk_format f, int *rows) {
  int n = 0;
  for (int i = -1; n < GRID_MAX_ROWS && (i = dict_next_row(i, t, f)) >= 0;)
    rows[n++] = i;
  return n;
}

/* How many rows from k on share the row group (sub: the subgroup). */
static int run_length(const int *rows, int n, int k, int sub) {
  const xxgk_row_def *a = xxgk_dict_row(rows[k]);
  int m = 1;
  while (k + m < n) {
    const xxgk_row_def *b = xxgk_dict_row(rows[k + m]);
    if (!same(a->group, b->group) || (sub && !same(a->subgroup, b->subgroup)))
      break;
    m++;
  }
  return m;
}

static void layout_items(grid *g, const xxgk_table_def *td, const int *rows,
                         int n) {
  int width = 1;
  for (int k = 0; k < n; k++)
    if (1 + xxgk_dict_row(rows[k])->n_cols > width)
      width = 1 + xxgk_dict_row(rows[k])->n_cols;
  int y = 0;
  const xxgk_row_def *prev = NULL;
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    if (!prev || !same(prev->group, r->group) || prev->cols != r->cols) {
      if (r->group && (!prev || !same(prev->group, r->group))) {
        add(g, XXGK_GRID_HEAD, r->group, -1, -1, 0, y, width, 1);
        g->head[y++] = 1;
      }
      add(g, XXGK_GRID_HEAD, td->corner, -1, -1, 0, y, 1, 1);
      for (int c = 0; c < r->n_cols; c++)
        add(g, XXGK_GRID_HEAD, r->cols[c].label, rows[k], c, 1 + c, y,
            c == r->n_cols - 1 ? width - 1 - c : 1, 1);
      g->head[y++] = 1;
    }
    add(g, XXGK_GRID_LABEL, r->label, rows[k], -1, 0, y, 1, 1);
    for (int c = 0; c < r->n_cols; c++)
      add(g, XXGK_GRID_VALUE, NULL, rows[k], c, 1 + c, y,
          c == r->n_cols - 1 ? width - 1 - c : 1, 1);
    y++;
    prev = r;
  }
  g->n_label_cols = 1;
  g->n_head_rows = 0;
}

static void layout_matrix(grid *g, const xxgk_table_def *td, const int *rows,
                          int n) {
  const xxgk_row_def *r0 = xxgk_dict_row(rows[0]);
  int nl = 1, depth = 1;
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    int d = 1 + (r->group != NULL) + (r->subgroup != NULL);
    nl = d > nl ? d : nl;
  }
  for (int c = 0; c < r0->n_cols; c++)
    if (r0->cols[c].group)
      depth = 2;
  int top = td->columns != NULL, nh = top + depth;
  add(g, XXGK_GRID_HEAD, td->corner, -1, -1, 0, 0, nl, nh);
  if (td->columns)
    add(g, XXGK_GRID_HEAD, td->columns, -1, -1, nl, 0, r0->n_cols, 1);
  for (int c = 0; c < r0->n_cols; c++) {
    const xxgk_col_def *col = &r0->cols[c];
    if (!col->group) {
      add(g, XXGK_GRID_HEAD, col->label, rows[0], c, nl + c, top, 1, depth);
      continue;
    }
    if (c == 0 || !same(r0->cols[c - 1].group, col->group)) {
      int run = 1;
      while (c + run < r0->n_cols && same(r0->cols[c + run].group, col->group))
        run++;
      add(g, XXGK_GRID_HEAD, col->group, -1, -1, nl + c, top, run, 1);
    }
    add(g, XXGK_GRID_HEAD, col->label, rows[0], c, nl + c, top + 1, 1,
        depth - 1);
  }
  for (int y = 0; y < nh; y++)
    g->head[y] = 1;
  /* Cells are kept in row order: a row's group and subgroup come first. */
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    const xxgk_row_def *p = k ? xxgk_dict_row(rows[k - 1]) : NULL;
    int y = nh + k, x = 0;
    if (r->group) {
      if (!p || !same(p->group, r->group))
        add(g, XXGK_GRID_LABEL, r->group, -1, -1, x, y, 1,
            run_length(rows, n, k, 0));
      x++;
    }
    if (r->subgroup) {
      if (!p || !same(p->group, r->group) || !same(p->subgroup, r->subgroup))
        add(g, XXGK_GRID_LABEL, r->subgroup, -1, -1, x, y, 1,
            run_length(rows, n, k, 1));
      x++;
    }
    add(g, XXGK_GRID_LABEL, r->label, rows[k], -1, x, y, nl - x, 1);
    for (int c = 0; c < r->n_cols && c < r0->n_cols; c++)
      add(g, XXGK_GRID_VALUE, NULL, rows[k], c, nl + c, y, 1, 1);
  }
  g->n_label_cols = nl;
  g->n_head_rows = nh;
}

static void layout_across(grid *g, const int *rows, int n) {
  int depth = 2;
  for (int k = 0; k < n; k++)
    if (xxgk_dict_row(rows[k])->group)
      depth = 3;
  /* Header cells row by row, so that they stay in row order. */
  for (int level = 0; level < depth; level++) {
    int x = 0;
    for (int k = 0; k < n; k++) {
      const xxgk_row_def *r = xxgk_dict_row(rows[k]);
      const xxgk_row_def *p = k ? xxgk_dict_row(rows[k - 1]) : NULL;
      int label_at = r->group ? 1 : 0;
      if (level == 0 && r->group && (!p || !same(p->group, r->group))) {
        int w = 0, run = run_length(rows, n, k, 0);
        for (int j = k; j < k + run; j++)
          w += xxgk_dict_row(rows[j])->n_cols;
        add(g, XXGK_GRID_HEAD, r->group, -1, -1, x, 0, w, 1);
      }
      if (level == label_at)
        add(g, XXGK_GRID_HEAD, r->label, -1, -1, x, level, r->n_cols, 1);
      if (level == label_at + 1)
        for (int c = 0; c < r->n_cols; c++)
          add(g, XXGK_GRID_HEAD, r->cols[c].label, rows[k], c, x + c, level, 1,
              depth - level);
      x += r->n_cols;
    }
  }
  for (int y = 0; y < depth; y++)
    g->head[y] = 1;
  int x = 0;
  for (int k = 0; k < n; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    for (int c = 0; c < r->n_cols; c++)
      add(g, XXGK_GRID_VALUE, NULL, rows[k], c, x++, depth, 1, 1);
  }
  g->n_label_cols = 0;
  g->n_head_rows = depth;
}

/* Lays t out; a table printed as prose as items when `prose`, else not
 * at all (-1). */
static int lay(grid *g, xxgk_table t, xxgk_format f, int prose) {
  memset(g, 0, sizeof *g);
  g->table = t;
  const xxgk_table_def *td = xxgk_dict_table(t);
  int rows[GRID_MAX_ROWS];
  int n = td ? table_rows(t, f, rows) : 0;
  if (n == 0 || (td->layout == XXGK_LAYOUT_PROSE && !prose))
    return -1;
  switch (td->layout) {
  case XXGK_LAYOUT_ITEMS:
  case XXGK_LAYOUT_PROSE: layout_items(g, td, rows, n); break;
  case XXGK_LAYOUT_MATRIX: layout_matrix(g, td, rows, n); break;
  case XXGK_LAYOUT_ACROSS: layout_across(g, rows, n); break;
  }
  return 0;
}

int grid_build(grid *g, xxgk_table t, xxgk_format f) { return lay(g, t, f, 0); }

xxgk_grid *xxgk_grid_new(xxgk_table t, xxgk_format f) {
  grid *g = xxgk_malloc(sizeof *g);
  if (lay(g, t, f, 1) == 0)
    return g;
  free(g);
  return NULL;
}

void xxgk_grid_free(xxgk_grid *g) { free(g); }
int xxgk_grid_n_cols(const xxgk_grid *g) { return g->n_cols; }
int xxgk_grid_n_rows(const xxgk_grid *g) { return g->n_rows; }
int xxgk_grid_n_head_rows(const xxgk_grid *g) { return g->n_head_rows; }

int xxgk_grid_is_head(const xxgk_grid *g, int y) {
  return y >= 0 && y < g->n_rows && g->head[y];
}

const xxgk_grid_cell *xxgk_grid_at(const grid *g, int x, int y) {
  if (x < 0 || y < 0 || x >= g->n_cols || y >= g->n_rows)
    return NULL;
  const xxgk_grid_cell *c = &g->cells[g->owner[y][x]];
  return c->x == x && c->y == y ? c : NULL;
}

void grid_value(const xxgk_doc *d, const xxgk_grid_cell *c, char out[32]) {
  const xxgk_cell *v = xxgk_doc_cell(d, c->row, c->col);
  if (!v || v->state == XXGK_CELL_ABSENT)
    out[0] = 0;
  else
    xxgk_num_format(v->num, out);
}

static size_t cell_width(const xxgk_doc *d, const xxgk_grid_cell *c, size_t wrap) {
  if (c->kind == XXGK_GRID_VALUE) {
    char v[32];
    grid_value(d, c, v);
    return strlen(v);
  }
  size_t w = c->text ? esc_width(c->text, strlen(c->text)) : 0;
  return wrap && w > wrap * (size_t)c->w ? wrap * (size_t)c->w : w;
}

void grid_widths(const grid *g, const xxgk_doc *d, size_t wrap, size_t gap,
                 size_t *width) {
  for (int x = 0; x < g->n_cols; x++)
    width[x] = 1;
  /* Single columns first, then spans, narrowest first, each widening the
   * last column it covers by what it lacks. */
  for (int span = 1; span <= g->n_cols; span++)
    for (int k = 0; k < g->n_cells; k++) {
      const xxgk_grid_cell *c = &g->cells[k];
      if (c->w != span)
        continue;
      size_t have = gap * (size_t)(c->w - 1), need = cell_width(d, c, wrap);
      for (int x = c->x; x < c->x + c->w; x++)
        have += width[x];
      if (need > have)
        width[c->x + c->w - 1] += need - have;
    }
}

/* Column widths in twips for a page where text wraps in its cell (HTML,
 * DOCX). A column needs room for its figures and a few characters of its
 * labels: a label counts at most LABEL_WRAP display columns (TALL_WRAP for
 * a group label spanning rows, which wraps downwards as in the official
 * tables; HEAD_WRAP for a column header); a display column is half a
 * character of the tables' 10 pt (100 twips). The widths are then
 * stretched, or shrunk where they exceed their minimum, to the total. */
void grid_fit(const grid *g, const xxgk_doc *d, int total, int *tw) {
  int want[GRID_MAX_COLS], min[GRID_MAX_COLS], sum = 0, slack = 0;
  for (int x = 0; x < g->n_cols; x++)
    want[x] = min[x] = MIN_COL;
  for (int k = 0; k < g->n_cells; k++) {
    const xxgk_grid_cell *c = &g->cells[k];
    if (c->w != 1)
      continue; /* a spanning cell wraps over its columns */
    size_t w;
    if (c->kind == XXGK_GRID_VALUE) {
      char v[32];
      grid_value(d, c, v);
      w = strlen(v);
      int need = (int)w * DIGIT_TWIPS + CELL_PAD;
      min[c->x] = need > min[c->x] ? need : min[c->x];
    } else {
      size_t cap = c->kind == XXGK_GRID_HEAD ? HEAD_WRAP
                   : c->h > 1         ? TALL_WRAP
                                      : LABEL_WRAP;
      w = c->text ? esc_width(c->text, strlen(c->text)) : 0;
      w = w > cap ? cap : w;
    }
    int need = (int)w * TWIPS_PER_COL + CELL_PAD;
    want[c->x] = need > want[c->x] ? need : want[c->x];
    if (c->kind == XXGK_GRID_LABEL && c->h > 1) /* as narrow as it reads */
      min[c->x] = want[c->x] > min[c->x] ? want[c->x] : min[c->x];
  }
  for (int x = 0; x < g->n_cols; x++) {
    want[x] = want[x] < min[x] ? min[x] : want[x];
    sum += want[x];
    slack += want[x] - min[x];
  }
  int used = 0, widest = 0;
  for (int x = 0; x < g->n_cols; x++) {
    if (sum <= total || slack == 0)
      tw[x] = (int)((long)want[x] * total / sum);
    else /* shrink each column by its share of what it has above minimum */
      tw[x] = want[x] - (int)((long)(want[x] - min[x]) * (sum - total) /
                              slack);
    used += tw[x];
    widest = tw[x] > tw[widest] ? x : widest;
  }
  tw[widest] += total - used;
}
