/*
 * align.c — events to the cells of tables 2 and 3, once the format of each
 * table is known: the reconstruction of a table from whatever its
 * rendition kept.
 *
 * The template is the dictionary: a table's rows in their fixed order and
 * each row's count of cells. A row whose label is followed by exactly its
 * cells is read plainly, and these rows are anchors. Between two anchors,
 * what a conversion moved about (a label followed by two rows' numbers,
 * numbers whose label stood elsewhere, a row under a group label fused into
 * its line) is aligned against the rows the template has there: a dynamic
 * programme over (row, number) chooses which rows the numbers fill, every
 * run of numbers after a label starting that label's row, and accepts the
 * reading only when exactly one explains the most numbers. Otherwise the
 * rows stay null with an error. Each gap is solved once, in time
 * proportional to its rows times its numbers: linear in the input, the
 * template being of fixed size.
 *
 * Digits run together ("2310000024") are split into their row's cells only
 * when exactly one split has no leading zero, the row's count of cells and
 * the row's own sum (A3, R1: the last cell is the sum of the others), or,
 * for a row of table 3 that several splits fit, when the table's column
 * sums (A1, A2) leave it one (settle_splits). The sums decide nothing
 * else: cells the layout separates are read as printed, so a publisher's
 * wrong total stays for the checker to report.
 */
#include "labels.h"
#include "parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPLIT_STEPS 1000000 /* splits tried per run of digits            */
#define MAX_CELLS 64        /* cells filled at once (table 4: 15)        */
#define GAP_NUMBERS 1024    /* numbers aligned per gap between anchors   */

/* ## Cells */

/* The value of a number token in the column's unit: "251000元" in a 万元
 * column is 25.1, exactly. */
static void cell_value(xxgk_parser *p, const xxgk_row_def *row, int c,
                       const numtok *n, xxgk_cell *cell) {
  const xxgk_col_def *col = &row->cols[c];
  cell->num = n->num;
  cell->line = n->line;
  cell->col = n->col;
  cell->state = n->blank ? XXGK_CELL_BLANK : XXGK_CELL_VALUE;
  if (n->blank || !n->unit)
    return;
  int money_unit = strcmp(n->unit, "元") == 0 || strcmp(n->unit, "万元") == 0;
  if (col->kind != XXGK_KIND_MONEY) {
    if (money_unit)
      doc_diag(p->doc, "P", XXGK_SEV_WARNING, n->line, n->col,
               "“%s”的数字带有金额单位“%s”，但此格是件数", row->label,
               n->unit);
    return;
  }
  if (!col->unit || !money_unit) {
    doc_diag(p->doc, "P", XXGK_SEV_NOTICE, n->line, n->col,
             "“%s”的数字带有单位“%s”，按原数读取", row->label, n->unit);
    return;
  }
  if (strcmp(col->unit, n->unit) == 0)
    return;
  xxgk_num v;
  int to_wan = strcmp(col->unit, "万元") == 0; /* else 万元 → 元 */
  if (num_pow10(n->num, to_wan ? -4 : 4, &v) != 0) {
    cell->state = XXGK_CELL_ABSENT;
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, n->line, n->col,
             "“%s”的金额无法换算为%s", row->label, col->unit);
    return;
  }
  cell->num = v;
  char a[32], b[32];
  xxgk_num_format(n->num, a);
  xxgk_num_format(v, b);
  doc_diag(p->doc, "P", XXGK_SEV_NOTICE, n->line, n->col,
           "“%s”印为%s%s，按%s计为%s", row->label, a, n->unit, col->unit, b);
}

/* ## Splitting digits run together */

typedef struct {
  const numtok *nums;
  int n;
  int n_cells;
  const xxgk_row_def *row_of[MAX_CELLS]; /* the row of each cell …   */
  int col_of[MAX_CELLS];                 /* … and its column         */
  int first_of[MAX_CELLS];               /* the row's first cell     */
  xxgk_num val[MAX_CELLS];
  int item[MAX_CELLS]; /* the token each cell came from            */
  int found;
  xxgk_num best[MAX_CELLS];
  xxgk_num way[SPLIT_WAYS][XXGK_MAX_COLS]; /* the first splits of a row */
  buf shown; /* the first splits, for the error */
  long steps;
  const char *digits[MAX_CELLS]; /* per token: its glued digits, or NULL */
} split;

/* 1 unless cell c ends a row whose last cell is its others' sum (A3, R1)
 * and is not. */
static int sum_holds(const split *s, int c) {
  const xxgk_row_def *r = s->row_of[c];
  if (s->col_of[c] != r->n_cols - 1 || !dict_row_sum_rule(r))
    return 1;
  xxgk_num sum = {0, 0};
  for (int k = s->first_of[c]; k < c; k++)
    if (xxgk_num_add(sum, s->val[k], &sum) != 0)
      return 0;
  return xxgk_num_cmp(sum, s->val[c]) == 0;
}

static void found(split *s) {
  if (s->found++ == 0)
    memcpy(s->best, s->val, sizeof s->val);
  if (s->found <= SPLIT_WAYS && s->n_cells <= XXGK_MAX_COLS)
    memcpy(s->way[s->found - 1], s->val, (size_t)s->n_cells * sizeof *s->val);
  if (s->found > SPLIT_WAYS)
    return;
  buf_puts(&s->shown, s->found > 1 ? "；" : "");
  for (int c = 0; c < s->n_cells; c++) {
    char v[32];
    xxgk_num_format(s->val[c], v);
    buf_puts(&s->shown, c ? "," : "");
    buf_puts(&s->shown, v);
  }
}

/* Cell c onwards from token i, whose digits are consumed up to pos. */
static void split_from(split *s, int i, size_t pos, int c) {
  if (++s->steps > SPLIT_STEPS || s->found > SPLIT_WAYS)
    return;
  if (c == s->n_cells || i == s->n) {
    if (c == s->n_cells && i == s->n)
      found(s);
    return;
  }
  const numtok *t = &s->nums[i];
  s->item[c] = i;
  if (!t->glued_n) {
    s->val[c] = t->blank ? (xxgk_num){0, 0} : t->num;
    if (sum_holds(s, c))
      split_from(s, i + 1, 0, c + 1);
    return;
  }
  const char *d = s->digits[i];
  size_t len = t->glued_n, rest_items = (size_t)(s->n - i - 1);
  for (size_t l = 1; pos + l <= len && l <= 18; l++) {
    if (l > 1 && d[pos] == '0')
      break; /* no leading zero: a lone 0 is a cell */
    int last = pos + l == len;
    /* Cells left must hold what follows: this token's digits, if any,
     * then a cell at least per token. */
    if ((size_t)(s->n_cells - c - 1) < rest_items + !last)
      continue;
    if (memchr(d + pos, '.', l) &&
        s->row_of[c]->cols[s->col_of[c]].kind != XXGK_KIND_MONEY &&
        !(pos == 0 && last))
      continue; /* a fraction only in money, or printed alone */
    if (xxgk_num_parse(d + pos, l, &s->val[c]) != 0)
      continue;
    if (sum_holds(s, c))
      split_from(s, last ? i + 1 : i, last ? 0 : pos + l, c + 1);
  }
}

/* ## Splits the column sums settle
 *
 * A row of table 3 whose digits split in a few ways that each keep its own
 * sum (A3) is held; once the table is read, the ways are weighed against
 * the table's column sums (A1, A2) where every other cell of a sum is
 * read. A row is read when every combination of the held rows' ways that
 * keeps those sums gives it the same split; otherwise it stays null with
 * the error that lists its splits. Only what the layout left open is
 * decided so: cells printed apart are never changed to make a sum hold. */

/* Holds row rows[0]'s splits if they are few and complete and the row is
 * one of table 3's sums; 1 if held. */
static int hold_split(xxgk_parser *p, const int *rows, int n_rows,
                      const split *s) {
  const xxgk_row_def *r = xxgk_dict_row(rows[0]);
  if (n_rows != 1 || s->found < 2 || s->found > SPLIT_WAYS ||
      s->steps > SPLIT_STEPS || r->table != XXGK_T_APPLICATIONS ||
      r->role == XXGK_ROLE_NONE || r->n_cols != s->n_cells ||
      r->n_cols > XXGK_MAX_COLS || p->n_held == MAX_PENDING)
    return 0;
  for (int i = 0; i < s->n; i++)
    if (s->nums[i].blank)
      return 0;
  struct split_held *h = &p->held[p->n_held++];
  h->row = rows[0];
  h->n = s->found;
  memcpy(h->v, s->way, sizeof h->v);
  h->line = s->nums[0].line;
  h->col = s->nums[0].col;
  h->digits[0] = 0;
  for (int i = 0; i < s->n; i++)
    snprintf(h->digits + strlen(h->digits), sizeof h->digits - strlen(h->digits),
             "%s", s->digits[i] ? s->digits[i] : "");
  snprintf(h->shown, sizeof h->shown, "%s", s->shown.data ? s->shown.data : "");
  return 1;
}

/* Cell (row, c) as read, or under the held rows' ways `pick`: 1 and *v, or
 * 0 if it is not read; *held set when it is a held row's. */
static int sum_cell(const xxgk_parser *p, const int *pick, int row, int c,
                    xxgk_num *v, int *held) {
  for (int k = 0; k < p->n_held; k++)
    if (p->held[k].row == row) {
      *v = p->held[k].v[pick[k]][c];
      *held = 1;
      return 1;
    }
  const xxgk_cell *x = xxgk_doc_cell(p->doc, row, c);
  if (!x || x->state == XXGK_CELL_ABSENT)
    return 0;
  *v = x->state == XXGK_CELL_VALUE ? x->num : (xxgk_num){0, 0};
  return 1;
}

/* Adds the cells of column c of the rows of table 3 in format f with this
 * role (or just `row`) into *sum; 0 if one is not read. */
static int role_sum(const xxgk_parser *p, const int *pick, xxgk_format f,
                    xxgk_role role, int c, xxgk_num *sum, int *held) {
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    xxgk_num v;
    if (r->table != XXGK_T_APPLICATIONS || !(r->formats & f) ||
        r->role != role)
      continue;
    if (!sum_cell(p, pick, i, c, &v, held) || xxgk_num_add(*sum, v, sum))
      return 0;
  }
  return 1;
}

/* 1 if the column sums that hold a held row's cell, and have every cell
 * read, hold under `pick`. */
static int sums_hold(const xxgk_parser *p, const int *pick, xxgk_format f,
                     int n_cols) {
  for (int c = 0; c < n_cols; c++) {
    xxgk_num in = {0, 0}, out = {0, 0}, total = {0, 0}, outcomes = {0, 0};
    int held = 0;
    if (role_sum(p, pick, f, XXGK_ROLE_INFLOW, c, &in, &held) &&
        role_sum(p, pick, f, XXGK_ROLE_TOTAL, c, &out, &held) &&
        role_sum(p, pick, f, XXGK_ROLE_FORWARD, c, &out, &held) && held &&
        xxgk_num_cmp(in, out) != 0)
      return 0; /* A1 */
    held = 0;
    if (role_sum(p, pick, f, XXGK_ROLE_TOTAL, c, &total, &held) &&
        role_sum(p, pick, f, XXGK_ROLE_OUTCOME, c, &outcomes, &held) &&
        held && xxgk_num_cmp(total, outcomes) != 0)
      return 0; /* A2 */
  }
  return 1;
}

static void settle_splits(xxgk_parser *p, xxgk_format f) {
  int n = p->n_held, pick[MAX_PENDING] = {0}, agree[MAX_PENDING];
  for (int k = 0; k < n; k++)
    agree[k] = -1;
  int n_cols = n ? xxgk_dict_row(p->held[0].row)->n_cols : 0;
  /* Every combination of the held rows' ways: at most 3^6. */
  for (int more = n > 0; more;) {
    if (sums_hold(p, pick, f, n_cols))
      for (int k = 0; k < n; k++)
        agree[k] = agree[k] == -1 || agree[k] == pick[k] ? pick[k] : -2;
    more = 0;
    for (int k = 0; k < n && !more; k++) {
      more = ++pick[k] < p->held[k].n;
      if (!more)
        pick[k] = 0;
    }
  }
  for (int k = 0; k < n; k++) {
    const struct split_held *h = &p->held[k];
    const xxgk_row_def *r = xxgk_dict_row(h->row);
    int unread = 1;
    for (int c = 0; c < r->n_cols; c++) {
      const xxgk_cell *x = xxgk_doc_cell(p->doc, h->row, c);
      unread &= !x || x->state == XXGK_CELL_ABSENT;
    }
    if (agree[k] < 0 || !unread) {
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, h->line, h->col,
               "“%s”的数字连在一起，可以按多种方式分为%d格%s（%s），无法确定；"
               "这些格为空（null）",
               r->label, r->n_cols, dict_row_sum_rule(r) ? "且合计相符" : "",
               h->shown);
      continue;
    }
    xxgk_diag *g = doc_diag(
        p->doc, "P", XXGK_SEV_NOTICE, h->line, h->col,
        "“%s”一行的数字连在一起（“%s”），可按多种方式分为%d格且合计相符"
        "（%s）；按本表各列的合计（A1、A2）只有一种相符，据此拆分读取",
        r->label, h->digits, r->n_cols, h->shown);
    for (int c = 0; c < r->n_cols; c++) {
      xxgk_cell cell = {h->v[agree[k]][c], XXGK_CELL_VALUE, h->line, h->col,
                        XXGK_HOW_SPLIT_BY_SUM};
      xxgk_doc_set_cell(p->doc, h->row, c, &cell);
      diag_cell(g, h->row, c);
    }
  }
  p->n_held = 0;
}

int align_fill(xxgk_parser *p, const int *rows, int n_rows,
               const numtok *nums, int n, xxgk_how how) {
  split s;
  s.n_cells = 0;
  for (int k = 0; k < n_rows; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    for (int c = 0; c < r->n_cols && s.n_cells < MAX_CELLS; c++) {
      s.row_of[s.n_cells] = r;
      s.col_of[s.n_cells] = c;
      s.first_of[s.n_cells] = s.n_cells - c;
      s.n_cells++;
    }
  }
  /* Empty cells between a label and its first figure: blanks when the
   * row needs them for its count of cells, else merged label columns. */
  numtok kept[MAX_CELLS];
  int maybe = 0;
  for (int i = 0; i < n; i++)
    maybe += nums[i].blank == 2;
  if (maybe && n - maybe == s.n_cells && n <= MAX_CELLS) {
    int k = 0;
    for (int i = 0; i < n; i++)
      if (nums[i].blank != 2)
        kept[k++] = nums[i];
    nums = kept;
    n = k;
  }
  int glued = 0;
  for (int i = 0; i < n; i++) {
    s.digits[i] = nums[i].glued_n ? glued_digits(p, &nums[i]) : NULL;
    glued += nums[i].glued_n > 0;
  }
  /* One whole number where the rows want several cells: the cells run
   * together after a space ("…申请数量 2310000024"). */
  numtok lone;
  char lone_digits[32];
  if (n == 1 && !glued && s.n_cells > 1 && !nums[0].blank &&
      nums[0].num.scale == 0 && nums[0].num.mant >= 0) {
    lone = nums[0];
    lone.glued_n = (uint8_t)xxgk_num_format(lone.num, lone_digits);
    s.digits[0] = lone_digits;
    nums = &lone;
    glued = 1;
  }
  if (n > s.n_cells || (!glued && n != s.n_cells) || n > MAX_CELLS)
    return -1;
  for (int i = 0; i < n && n == s.n_cells; i++)
    if (nums[i].glued_n > 18) { /* one cell: too long to be exact */
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, nums[i].line, nums[i].col,
               "数字“%s”超出可精确表示的范围", s.digits[i]);
      return -2;
    }
  s.nums = nums;
  s.n = n;
  s.found = 0;
  s.steps = 0;
  s.shown = (buf){0};
  if (glued) {
    split_from(&s, 0, 0, 0);
    if (s.found != 1 && hold_split(p, rows, n_rows, &s)) {
      buf_free(&s.shown);
      return -2;
    }
    if (s.found != 1) {
      const xxgk_row_def *r = xxgk_dict_row(rows[0]);
      const char *what = n_rows > 1 ? xxgk_dict_table(r->table)->heading
                                    : r->label;
      const char *sum = dict_row_sum_rule(r) ? "且合计相符" : "";
      if (s.found == 0 && s.steps <= SPLIT_STEPS)
        doc_diag(p->doc, "P", XXGK_SEV_ERROR, nums[0].line, nums[0].col,
                 "“%s”的数字连在一起，无法分为%d格%s；这些格为空（null）",
                 what, s.n_cells, sum);
      else
        doc_diag(p->doc, "P", XXGK_SEV_ERROR, nums[0].line, nums[0].col,
                 "“%s”的数字连在一起，可以按多种方式分为%d格%s（%s%s），无法"
                 "确定；这些格为空（null）",
                 what, s.n_cells, sum, s.shown.data ? s.shown.data : "",
                 s.found > SPLIT_WAYS || s.steps > SPLIT_STEPS ? "……" : "");
      buf_free(&s.shown);
      return -2;
    }
  }
  /* Set the cells, row by row, with a notice for each way a row's cells
   * were read other than plainly. */
  int c = 0;
  for (int k = 0; k < n_rows; k++) {
    const xxgk_row_def *r = xxgk_dict_row(rows[k]);
    xxgk_how row_how = (r->formats & p->doc->format) ? how
                                                     : XXGK_HOW_FORMAT_MIXED;
    xxgk_diag *blank_note = NULL, *split_note = NULL;
    int blanks = 0;
    for (int col = 0; col < r->n_cols; col++, c++) {
      int i = glued ? s.item[c] : c;
      const numtok *t = &nums[i];
      xxgk_cell cell;
      cell_value(p, r, col, t, &cell);
      cell.how = row_how;
      if (t->glued_n) {
        int alone = (c == 0 || s.item[c - 1] != i) &&
                    (c + 1 == s.n_cells || s.item[c + 1] != i);
        cell.num = s.best[c];
        cell.state = XXGK_CELL_VALUE;
        if (!alone) {
          cell.how = XXGK_HOW_SPLIT_BY_SUM;
          if (!split_note)
            split_note = doc_diag(
                p->doc, "P", XXGK_SEV_NOTICE, t->line, t->col,
                "“%s”一行的数字连在一起（“%s”），按本行的格数和合计拆分读取",
                r->label, s.digits[i]);
          diag_cell(split_note, rows[k], col);
        }
      }
      if (cell.state == XXGK_CELL_BLANK) {
        blanks++;
        if (cell.how == XXGK_HOW_PLAIN)
          cell.how = XXGK_HOW_BLANK;
      }
      xxgk_doc_set_cell(p->doc, rows[k], col, &cell);
    }
    if (blanks) {
      blank_note = doc_diag(p->doc, "P", XXGK_SEV_NOTICE, nums[0].line, 0,
                            "“%s”一行有%d格印为空白或“—”，按0计", r->label,
                            blanks);
      for (int col = 0; col < r->n_cols; col++) {
        const xxgk_cell *x = xxgk_doc_cell(p->doc, rows[k], col);
        if (x && x->state == XXGK_CELL_BLANK)
          diag_cell(blank_note, rows[k], col);
      }
    }
  }
  buf_free(&s.shown);
  return 0;
}

/* ## Rows read plainly */

/* A notice naming every cell of row, for a row read by `how`. */
static void row_note(xxgk_parser *p, int row, const event *e, xxgk_how how) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  xxgk_diag *g;
  if (how == XXGK_HOW_NEAR_MATCH)
    g = doc_diag(p->doc, "P", XXGK_SEV_NOTICE, e->line, e->col,
                 "标签“%s”与“%s”相差%d个字，按本表各行的顺序读作该行",
                 p->strs.data + e->label, r->label, e->distance);
  else
    g = doc_diag(p->doc, "P", XXGK_SEV_NOTICE, e->line, e->col,
                 "“%s”一行的数字不在其标签之后（第%u行起），按本表各行的顺序和"
                 "格数对齐读取",
                 r->label, e->line);
  for (int c = 0; c < r->n_cols; c++)
    diag_cell(g, row, c);
}

static int wrong_count(xxgk_parser *p, const event *e, int row) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  doc_diag(p->doc, "V1", XXGK_SEV_ERROR, e->line, e->col,
           "“%s”一行应有%d个数字，第%u行起找到%d个；此行未读取", r->label,
           r->n_cols, e->line, e->n);
  return 0;
}

/* ## Gaps between rows read plainly */

typedef struct {
  const int *rows; /* the template's rows in the gap, in order */
  int n_rows;
  const int *required; /* per row: its label was seen in the gap */
  int n;               /* numbers in the gap */
  /* Per number: the row (index into rows) whose run starts here, -1 for a
   * run under no label, -2 for a run that may not be used, or -3 inside a
   * run; and where its run ends. */
  int *start, *end;
} gap;

typedef struct {
  int cost; /* runs under no label left unused; NONE: impossible */
  int ways; /* optimal readings, 2 meaning "more than one" */
  int8_t choice; /* 0 row absent, 1 row takes a block, 2 skip a run */
} cellp;

#define NONE 0x3fffffff

static void consider(cellp *best, const cellp *next, int cost, int choice) {
  if (next->cost >= NONE)
    return;
  int c = next->cost + cost;
  if (c < best->cost) {
    best->cost = c;
    best->ways = next->ways;
    best->choice = (int8_t)choice;
  } else if (c == best->cost) {
    best->ways = best->ways + next->ways > 2 ? 2 : best->ways + next->ways;
  }
}

/* The state (i, j, a): rows i… from number j, `a` when row i-1 was just
 * left absent. A run is skipped only before rows are left absent, never
 * right after: one path per reading, so that counting paths counts
 * readings. */
#define AT(g, i, j, a)                                                        \
  ((((size_t)(i) * (size_t)((g)->n + 1)) + (size_t)(j)) * 2 + (a))

/* Solves the gap backwards: dp[AT(g, i, j, a)] is the best reading from
 * there. */
static void gap_solve(const gap *g, cellp *dp) {
  for (int i = g->n_rows; i >= 0; i--)
    for (int j = g->n; j >= 0; j--)
      for (int a = 0; a < 2; a++) {
        cellp *b = &dp[AT(g, i, j, a)];
        b->cost = NONE;
        b->ways = 0;
        b->choice = -1;
        if (i == g->n_rows && j == g->n) {
          b->cost = 0;
          b->ways = 1;
          continue;
        }
        int s = j < g->n ? g->start[j] : -3;
        if (i < g->n_rows) {
          /* Row i absent: not if its label was seen, nor if a run starts
           * here under its label. */
          if (!g->required[i] && s != i)
            consider(b, &dp[AT(g, i + 1, j, 1)], 0, 0);
          /* Row i takes the next n_cols numbers: a run under another
           * label may not start in them, nor one that may not be used. */
          int k = xxgk_dict_row(g->rows[i])->n_cols, ok = j + k <= g->n;
          ok = ok && (s == i || s == -1 || s == -3);
          /* A lone number under no label is no evidence of a row whose
           * label is nowhere: it may be any figure of the text. */
          ok = ok && !(k == 1 && s == -1 && !g->required[i]);
          for (int m = j + 1; ok && m < j + k; m++)
            ok = g->start[m] == -3 || g->start[m] == -1;
          if (ok)
            consider(b, &dp[AT(g, i + 1, j + k, 0)], 0, 1);
        }
        if (!a && (s == -1 || s == -2)) /* a run under no label, unusable */
          consider(b, &dp[AT(g, i, g->end[j], 0)], s == -1, 2);
      }
}

/* The row index in g of dictionary row `row`, or -1. */
static int gap_row(const gap *g, int row) {
  for (int i = 0; i < g->n_rows; i++)
    if (g->rows[i] == row)
      return i;
  return -1;
}

/* Aligns events ev[0..n_ev) (indices into p->ev) against the template rows
 * tmpl[lo+1 .. hi-1] not yet read; `tail`: no row read plainly follows. */
static void align_gap(xxgk_parser *p, const int *tmpl, const int *done,
                      int lo, int hi, const int *evs, int n_ev, int tail,
                      xxgk_format f) {
  int labelled = 0, numbers = 0;
  for (int k = 0; k < n_ev; k++) {
    const event *e = &p->ev[evs[k]];
    numbers += e->n;
    labelled |= e->target >= 0 && e->n > 0;
  }
  if (numbers == 0 || (tail && !labelled))
    return; /* labels alone, or prose after the table */
  int rows[XXGK_DICT_ROWS], required[XXGK_DICT_ROWS], n_rows = 0;
  for (int i = lo + 1; i < hi; i++)
    if (!done[i]) {
      required[n_rows] = 0;
      rows[n_rows++] = tmpl[i];
    }
  gap g = {rows, n_rows, required, 0, NULL, NULL};
  int ok = lo < hi && numbers <= GAP_NUMBERS;
  if (ok) {
    g.start = xxgk_malloc((size_t)numbers * sizeof *g.start);
    g.end = xxgk_malloc((size_t)numbers * sizeof *g.end);
  }
  for (int k = 0; ok && k < n_ev; k++) {
    const event *e = &p->ev[evs[k]];
    int r = e->target >= 0 ? labels_target_row(labels_target(e->target), f)
                           : -1;
    int gi = r >= 0 ? gap_row(&g, r) : -1;
    if (e->target >= 0 && r >= 0 && gi < 0)
      ok = 0; /* its row is outside the gap: out of the fixed order */
    if (gi >= 0)
      required[gi] = 1;
    if (e->n == 0 || !ok)
      continue;
    ok = e->n <= MAX_RUN;
    int kind = e->used < 0 || e->target == EV_UNSURE ? -2
               : gi >= 0                               ? gi
                                                       : -1;
    for (int m = 0; ok && m < e->n; m++) {
      ok = !p->nums[e->first + (uint32_t)m].glued_n;
      g.start[g.n + m] = m ? -3 : kind;
      g.end[g.n + m] = g.n + e->n;
    }
    g.n += e->n;
  }
  cellp *dp = NULL;
  if (ok) {
    dp = xxgk_malloc((size_t)(n_rows + 1) * (size_t)(g.n + 1) * 2 *
                     sizeof *dp);
    gap_solve(&g, dp);
    ok = dp[0].cost < NONE;
  }
  if (ok && dp[0].ways > 1) {
    const event *e = &p->ev[evs[0]];
    buf names = {0};
    for (int i = 0; i < n_rows; i++) {
      buf_puts(&names, i ? "、“" : "“");
      buf_puts(&names, xxgk_dict_row(rows[i])->label);
      buf_puts(&names, "”");
    }
    doc_diag(p->doc, "P", XXGK_SEV_ERROR, e->line, e->col,
             "第%u行起的数字与标签错开，可以按多种方式对应%s各行，无法确定；"
             "这些行为空（null）",
             e->line, names.data);
    buf_free(&names);
  } else if (ok) {
    /* The one reading, row by row: its numbers are where its run is. */
    int i = 0, j = 0, a = 0;
    const gap *gp = &g;
    const numtok *at[GAP_NUMBERS];
    int which[GAP_NUMBERS];
    for (int k = 0, m = 0; k < n_ev; k++)
      for (int q = 0; q < p->ev[evs[k]].n; q++, m++) {
        at[m] = &p->nums[p->ev[evs[k]].first + (uint32_t)q];
        which[m] = evs[k];
      }
    while (i < n_rows || j < g.n) {
      const cellp *b = &dp[AT(gp, i, j, a)];
      a = b->choice == 0;
      if (b->choice == 0) {
        i++;
      } else if (b->choice == 1) {
        int k = xxgk_dict_row(rows[i])->n_cols;
        event *e = &p->ev[which[j]];
        align_fill(p, &rows[i], 1, at[j], k, XXGK_HOW_ALIGNED);
        event where = *e;
        where.line = at[j]->line;
        where.col = at[j]->col;
        row_note(p, rows[i], &where, XXGK_HOW_ALIGNED);
        e->used = 1;
        i++;
        j += k;
      } else {
        j = g.end[j];
      }
    }
  } else {
    for (int k = 0; k < n_ev; k++) {
      const event *e = &p->ev[evs[k]];
      if (e->target >= 0 && e->n > 0 && e->used == 0)
        wrong_count(p, e, labels_target_row(labels_target(e->target), f));
    }
  }
  free(dp);
  free(g.start);
  free(g.end);
}

/* ## Tables */

static int align_table(xxgk_parser *p, xxgk_table t, xxgk_format f) {
  int tmpl[XXGK_DICT_ROWS], n_tmpl = 0, pos[XXGK_DICT_ROWS];
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    pos[i] = -1;
    if (r->table == t && (r->formats & f)) {
      pos[i] = n_tmpl;
      tmpl[n_tmpl++] = i;
    }
  }
  int done[XXGK_DICT_ROWS] = {0}, seen = 0;
  /* Rows read plainly: a label, then exactly its cells. */
  for (int k = 0; k < p->n_ev; k++) {
    event *e = &p->ev[k];
    if (e->table != t || e->target < 0 || e->n == 0)
      continue;
    seen = 1;
    int row = labels_target_row(labels_target(e->target), f);
    if (row < 0) {
      doc_diag(p->doc, "P", XXGK_SEV_ERROR, e->line, e->col,
               "“%s”一行不属于%s年格式；此行未读取",
               xxgk_dict_row(labels_target(e->target)->first_row)->label,
               xxgk_format_name(f));
      e->used = -1;
      continue;
    }
    if (e->n > MAX_RUN)
      continue;
    int r = align_fill(p, &row, 1, &p->nums[e->first], e->n, e->how);
    if (r == 0 && e->how != XXGK_HOW_PLAIN)
      row_note(p, row, e, e->how);
    e->used = r == 0 ? 2 : r == -2 ? -1 : 0;
    done[pos[row]] |= r == 0;
  }
  /* The rest, gap by gap between rows read plainly in the template's
   * order. */
  int evs[MAX_EVENTS], n_evs = 0, lo = -1;
  for (int k = 0; k <= p->n_ev && k <= MAX_EVENTS; k++) {
    const event *e = k < p->n_ev ? &p->ev[k] : NULL;
    if (e && (e->table != t || (e->used == -1 && e->target >= 0)))
      continue;
    if (e && e->used != 2) {
      evs[n_evs++] = k;
      continue;
    }
    int hi = e ? pos[labels_target_row(labels_target(e->target), f)] : n_tmpl;
    align_gap(p, tmpl, done, lo, hi, evs, n_evs, e == NULL, f);
    n_evs = 0;
    lo = hi > lo ? hi : lo;
  }
  return seen;
}

int align_tables(xxgk_parser *p, const xxgk_format tf[XXGK_N_TABLES]) {
  int seen = align_table(p, XXGK_T_ACTIVE, tf[XXGK_T_ACTIVE]) +
             align_table(p, XXGK_T_APPLICATIONS, tf[XXGK_T_APPLICATIONS]);
  settle_splits(p, tf[XXGK_T_APPLICATIONS]);
  return seen;
}
