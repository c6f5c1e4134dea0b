/*
 * check.c — the consistency rules (勾稽关系) of docs/annual-report.md:
 *
 *   A1  per column: received + carried_over = total + carried_forward
 *   A2  per column: total = the sum of every outcome row
 *   A3  per row of table 3: total = the sum of the six applicant columns
 *   R1  per review group: total = upheld + corrected + other + pending
 *   V1  every count a non-negative integer (presence is checked by the
 *       parser, which knows where a cell should have been)
 *   N1  the overview's figures against the tables (narrative.c)
 *
 * Rows are found by their role in the dictionary, never by a list here. A
 * rule whose cells are not all present is skipped: the missing cell is
 * already an error of its own. The checker reports what the document
 * prints and never changes a cell.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* The cell if present. Read in place: the rules read every cell of a
 * report, some several times, and xxgk_doc_cell's checks cost more than
 * the read. */
static const xxgk_cell *cell(const xxgk_doc *d, int row, int col) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  if (!r || !(r->formats & d->format) || col < 0 || col >= r->n_cols)
    return NULL;
  const xxgk_cell *c = &d->cells[row][col];
  return c->state != XXGK_CELL_ABSENT ? c : NULL;
}

/* The first row of table t with this role in d's format, or -1. */
static int row_with_role(const xxgk_doc *d, xxgk_table t, xxgk_role role,
                         int after) {
  for (int i = after + 1; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table == t && r->role == role && (r->formats & d->format))
      return i;
  }
  return -1;
}

/* Adds a sum-rule finding: cells[0] is the printed total, which differs
 * from `expected` (the sum of the other cells). */
static void sum_finding(xxgk_doc *d, const char *rule, const int *rows,
                        const int *cols, int n, xxgk_num expected,
                        const char *fmt_what) {
  const xxgk_cell *t = cell(d, rows[0], cols[0]);
  char e[32], a[32];
  xxgk_num_format(expected, e);
  xxgk_num_format(t->num, a);
  xxgk_diag *g = doc_diag(d, rule, XXGK_SEV_ERROR, t->line, t->col,
                          "%s应为%s，表中为%s", fmt_what, e, a);
  if (!g)
    return;
  for (int i = 0; i < n; i++)
    diag_cell(g, rows[i], cols[i]);
  g->has_expected = 1;
  g->expected = expected;
  g->has_actual = 1;
  g->actual = t->num;
}

static void rule_a1(xxgk_doc *d) {
  int in1 = row_with_role(d, XXGK_T_APPLICATIONS, XXGK_ROLE_INFLOW, -1);
  int in2 = row_with_role(d, XXGK_T_APPLICATIONS, XXGK_ROLE_INFLOW, in1);
  int tot = row_with_role(d, XXGK_T_APPLICATIONS, XXGK_ROLE_TOTAL, -1);
  int fwd = row_with_role(d, XXGK_T_APPLICATIONS, XXGK_ROLE_FORWARD, -1);
  if (in1 < 0 || in2 < 0 || tot < 0 || fwd < 0)
    return;
  const xxgk_row_def *r = xxgk_dict_row(tot);
  for (int c = 0; c < r->n_cols; c++) {
    const xxgk_cell *a = cell(d, in1, c), *b = cell(d, in2, c),
                    *t = cell(d, tot, c), *f = cell(d, fwd, c);
    xxgk_num in, out;
    if (!a || !b || !t || !f || xxgk_num_add(a->num, b->num, &in) ||
        xxgk_num_add(t->num, f->num, &out) || xxgk_num_cmp(in, out) == 0)
      continue;
    char sa[32], sb[32], st[32], sf[32], si[32], so[32];
    xxgk_num_format(a->num, sa);
    xxgk_num_format(b->num, sb);
    xxgk_num_format(t->num, st);
    xxgk_num_format(f->num, sf);
    xxgk_num_format(in, si);
    xxgk_num_format(out, so);
    xxgk_diag *g = doc_diag(
        d, "A1", XXGK_SEV_ERROR, f->line, f->col,
        "“%s”列：本年新收%s加上年结转%s为%s，但办理结果总计%s加结转下年度%s"
        "为%s，两者应相等",
        r->cols[c].label, sa, sb, si, st, sf, so);
    if (!g)
      continue;
    diag_cell(g, in1, c);
    diag_cell(g, in2, c);
    diag_cell(g, tot, c);
    diag_cell(g, fwd, c);
    g->has_expected = 1;
    g->expected = in;
    g->has_actual = 1;
    g->actual = out;
  }
}

static void rule_a2(xxgk_doc *d) {
  int tot = row_with_role(d, XXGK_T_APPLICATIONS, XXGK_ROLE_TOTAL, -1);
  if (tot < 0)
    return;
  const xxgk_row_def *r = xxgk_dict_row(tot);
  int outcome[XXGK_DICT_ROWS], n_outcome = 0; /* the same for every column */
  for (int o = row_with_role(d, XXGK_T_APPLICATIONS, XXGK_ROLE_OUTCOME, -1);
       o >= 0; o = row_with_role(d, XXGK_T_APPLICATIONS, XXGK_ROLE_OUTCOME, o))
    outcome[n_outcome++] = o;
  for (int c = 0; c < r->n_cols; c++) {
    const xxgk_cell *t = cell(d, tot, c);
    xxgk_num sum = {0, 0};
    int ok = t != NULL, n = 1;
    int rows[XXGK_DIAG_MAX_CELLS] = {tot}, cols[XXGK_DIAG_MAX_CELLS] = {c};
    for (int k = 0; ok && k < n_outcome; k++) {
      int o = outcome[k];
      const xxgk_cell *x = cell(d, o, c);
      ok = x && xxgk_num_add(sum, x->num, &sum) == 0;
      if (n < XXGK_DIAG_MAX_CELLS) {
        rows[n] = o;
        cols[n++] = c;
      }
    }
    if (!ok || xxgk_num_cmp(sum, t->num) == 0)
      continue;
    char what[160];
    snprintf(what, sizeof what, "“%s”列：（七）总计（各项办理结果之和）",
             r->cols[c].label);
    sum_finding(d, "A2", rows, cols, n, sum, what);
  }
}

/* A3 and R1: the last column of a row is the sum of the ones before it. */
static void rule_row_sums(xxgk_doc *d, xxgk_table t, const char *rule) {
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (r->table != t || !(r->formats & d->format))
      continue;
    int last = r->n_cols - 1;
    const xxgk_cell *tc = cell(d, i, last);
    xxgk_num sum = {0, 0};
    int ok = tc != NULL;
    int rows[XXGK_DIAG_MAX_CELLS], cols[XXGK_DIAG_MAX_CELLS];
    rows[0] = i;
    cols[0] = last;
    for (int c = 0; ok && c < last; c++) {
      const xxgk_cell *x = cell(d, i, c);
      ok = x && xxgk_num_add(sum, x->num, &sum) == 0;
      rows[c + 1] = i;
      cols[c + 1] = c;
    }
    if (!ok || xxgk_num_cmp(sum, tc->num) == 0)
      continue;
    char what[300];
    if (t == XXGK_T_REVIEWS)
      snprintf(what, sizeof what, "%s%s%s的总计（维持、纠正、其他、尚未审结之和）",
               r->group ? r->group : "", r->group ? "·" : "", r->label);
    else
      snprintf(what, sizeof what, "“%s%s”一行的总计（各类申请人之和）",
               r->subgroup ? r->subgroup : "", r->label);
    sum_finding(d, rule, rows, cols, last + 1, sum, what);
  }
}

static void rule_v1(xxgk_doc *d) {
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!(r->formats & d->format))
      continue;
    for (int c = 0; c < r->n_cols; c++) {
      const xxgk_cell *x = cell(d, i, c);
      if (!x || r->cols[c].kind == XXGK_KIND_MONEY)
        continue;
      int neg = x->num.mant < 0 && r->cols[c].kind != XXGK_KIND_SIGNED;
      int frac = x->num.scale > 0;
      if (!neg && !frac)
        continue;
      char v[32], label[300];
      xxgk_num_format(x->num, v);
      dict_cell_label(i, c, label, sizeof label);
      xxgk_diag *g = doc_diag(d, "V1", XXGK_SEV_ERROR, x->line, x->col,
                              "“%s”为%s，应为%s整数", label, v,
                              r->cols[c].kind == XXGK_KIND_SIGNED ? ""
                                                                  : "非负");
      diag_cell(g, i, c);
    }
  }
}

size_t xxgk_check(xxgk_doc *d) {
  size_t before = xxgk_doc_count(d, XXGK_SEV_ERROR);
  rule_v1(d);
  rule_a1(d);
  rule_a2(d);
  rule_row_sums(d, XXGK_T_APPLICATIONS, "A3");
  rule_row_sums(d, XXGK_T_REVIEWS, "R1");
  narrative_check(d);
  d->checked |= DOC_CHECKED_TABLES;
  return xxgk_doc_count(d, XXGK_SEV_ERROR) - before;
}
