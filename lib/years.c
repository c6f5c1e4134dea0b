/*
 * years.c — the cross-year rules of docs/annual-report.md, on two reports of
 * one agency, the earlier (prev) and the one that follows (cur):
 *
 *   Y1  error    per column: prev carried_forward = cur carried_over (the
 *                applications 结转下年度 last year are this year's 上年结转)
 *   Y2  warning  format 2021, rules and normative documents: prev in_force
 *                + cur issued − cur repealed = cur in_force (a warning,
 *                since amending a document also changes the counts)
 *   Y3  notice   per review/lawsuit group: prev pending cases are accounted
 *                for — this year's total (which counts the cases decided
 *                this year, old ones included, and those still pending) is
 *                at least last year's pending
 *
 * Findings go to cur and name cur's cells; the expected value comes from
 * prev. The rules name their rows and columns by canonical key (the public
 * contract of docs/annual-report.md), so they hold across the two formats
 * where the keys do (a 2020 report followed by a 2021 one). When the years
 * do not follow each other or the agencies' names differ, the rules still
 * run, after a warning (rule "Y").
 */
#include "report.h"

#include <stdio.h>
#include <string.h>

static const xxgk_cell *present(const xxgk_doc *d, int row, int col) {
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  return c && c->state != XXGK_CELL_ABSENT ? c : NULL;
}

/* The cell (table t, row key, column key) of d, or NULL. */
static const xxgk_cell *cell_by_key(const xxgk_doc *d, xxgk_table t,
                                    const char *row, const char *col,
                                    int *row_i, int *col_i) {
  int r = xxgk_dict_find_row(t, row, d->format);
  int c = r >= 0 ? xxgk_dict_find_col(r, col) : -1;
  if (row_i)
    *row_i = r;
  if (col_i)
    *col_i = c;
  return c >= 0 ? present(d, r, c) : NULL;
}

/* A figure as the messages print it ("9872.3034"): fig(n).s lives until
 * the end of the call it is an argument of. */
typedef struct {
  char s[32];
} figure;

static figure fig(xxgk_num n) {
  figure f = {""};
  xxgk_num_format(n, f.s);
  return f;
}

static xxgk_num neg(xxgk_num a) {
  a.mant = -a.mant;
  return a;
}

static void expect(xxgk_diag *g, int row, int col, xxgk_num want,
                   xxgk_num got) {
  if (!g)
    return;
  diag_cell(g, row, col);
  g->has_expected = 1;
  g->expected = want;
  g->has_actual = 1;
  g->actual = got;
}

static void rule_y1(const xxgk_doc *prev, xxgk_doc *cur) {
  int fwd = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "carried_forward",
                               prev->format);
  int over =
      xxgk_dict_find_row(XXGK_T_APPLICATIONS, "carried_over", cur->format);
  if (fwd < 0 || over < 0)
    return;
  const xxgk_row_def *r = xxgk_dict_row(over);
  for (int c = 0; c < r->n_cols; c++) {
    const xxgk_cell *now = present(cur, over, c);
    int pc = xxgk_dict_find_col(fwd, r->cols[c].key);
    const xxgk_cell *was = pc >= 0 ? present(prev, fwd, pc) : NULL;
    if (!now || !was || xxgk_num_cmp(now->num, was->num) == 0)
      continue;
    xxgk_diag *g = doc_diag(
        cur, "Y1", XXGK_SEV_ERROR, now->line, now->col,
        "“%s”列：上年报告“%s”为%s件，本年报告“%s”为%s件，两者应相等",
        r->cols[c].label, xxgk_dict_row(fwd)->label, fig(was->num).s,
        r->label, fig(now->num).s);
    expect(g, over, c, was->num, now->num);
  }
}

static void rule_y2(const xxgk_doc *prev, xxgk_doc *cur) {
  for (int i = -1; (i = dict_next_row(i, XXGK_T_ACTIVE, cur->format)) >= 0;) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    int ci = xxgk_dict_find_col(i, "issued");
    int cr = xxgk_dict_find_col(i, "repealed");
    int cf = xxgk_dict_find_col(i, "in_force");
    if (ci < 0 || cr < 0 || cf < 0)
      continue;
    const xxgk_cell *was = cell_by_key(prev, XXGK_T_ACTIVE, r->key,
                                       "in_force", NULL, NULL);
    const xxgk_cell *iss = present(cur, i, ci), *rep = present(cur, i, cr),
                    *now = present(cur, i, cf);
    xxgk_num want;
    if (!was || !iss || !rep || !now ||
        xxgk_num_add(was->num, iss->num, &want) != 0 ||
        xxgk_num_add(want, neg(rep->num), &want) != 0 ||
        xxgk_num_cmp(want, now->num) == 0)
      continue;
    xxgk_diag *g = doc_diag(
        cur, "Y2", XXGK_SEV_WARNING, now->line, now->col,
        "“%s”：上年现行有效%s件，加本年制发%s件、减本年废止%s件，应为%s件，"
        "本年报告现行有效为%s件（修改文件也会改变件数，请核对）",
        r->label, fig(was->num).s, fig(iss->num).s, fig(rep->num).s,
        fig(want).s, fig(now->num).s);
    expect(g, i, cf, want, now->num); /* cells[0]: what is expected of */
    if (g) {
      diag_cell(g, i, ci);
      diag_cell(g, i, cr);
    }
  }
}

static void rule_y3(const xxgk_doc *prev, xxgk_doc *cur) {
  for (int i = -1; (i = dict_next_row(i, XXGK_T_REVIEWS, cur->format)) >= 0;) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    int ct = xxgk_dict_find_col(i, "total");
    const xxgk_cell *pend =
        cell_by_key(prev, XXGK_T_REVIEWS, r->key, "pending", NULL, NULL);
    const xxgk_cell *now = ct >= 0 ? present(cur, i, ct) : NULL;
    if (!pend || !now || xxgk_num_cmp(now->num, pend->num) >= 0)
      continue;
    xxgk_diag *g = doc_diag(
        cur, "Y3", XXGK_SEV_NOTICE, now->line, now->col,
        "%s%s%s：上年报告尚未审结%s件，本年报告总计只有%s件；上年未审结的案件"
        "本年审结后应计入本年的结果，仍未审结的计为尚未审结",
        r->group ? r->group : "", r->group ? "·" : "", r->label,
        fig(pend->num).s, fig(now->num).s);
    expect(g, i, ct, pend->num, now->num);
  }
}

size_t xxgk_check_years(const xxgk_doc *prev, xxgk_doc *cur) {
  size_t before = xxgk_doc_count(cur, XXGK_SEV_ERROR);
  if (prev->year && cur->year && cur->year != prev->year + 1)
    doc_diag(cur, "Y", XXGK_SEV_WARNING, 0, 0,
             "两份报告不是相邻年度（%d年和%d年），跨年度规则按相邻年度检查",
             prev->year, cur->year);
  if (prev->agency && cur->agency && strcmp(prev->agency, cur->agency) != 0)
    doc_diag(cur, "Y", XXGK_SEV_WARNING, 0, 0,
             "两份报告的机关名称不同（“%s”和“%s”），请确认是同一机关",
             prev->agency, cur->agency);
  rule_y1(prev, cur);
  rule_y2(prev, cur);
  rule_y3(prev, cur);
  cur->checked |= DOC_CHECKED_YEARS;
  return xxgk_doc_count(cur, XXGK_SEV_ERROR) - before;
}
