/*
 * corpus_xlsx.c — xxgk_corpus_xlsx: the corpus's statistics as an Excel
 * workbook, one sheet per grouping (year, province, agency kind), Chinese
 * headers, figures as numbers and shares as percentages; then the ranking
 * by quality score (docs/quality.md).
 */
#include "corpus.h"
#include "xlsx.h"

#include <stdio.h>

/* The groupings, their sheets and their column heads. */
static const char *const DIMS[] = {"year", "province", "kind"};
static const char *const SHEETS[] = {"按年度", "按省份", "按机关类型"};
static const char *const DIM_LABELS[] = {"年度", "省份", "机关类型"};

struct sheet {
  const struct dl_xlsx *x;
  lxw_worksheet *ws;
  lxw_row_t row;
  lxw_col_t col;
};

static void number(struct sheet *s, double v) {
  s->x->worksheet_write_number(s->ws, s->row, s->col++, v, NULL);
}

/* A share or a rate in the next cell; none (negative) leaves it empty. */
static void share(struct sheet *s, double r, lxw_format *pct) {
  if (r >= 0)
    s->x->worksheet_write_number(s->ws, s->row, s->col, r, pct);
  s->col++;
}

static void text(struct sheet *s, const char *t, lxw_format *f) {
  s->x->worksheet_write_string(s->ws, s->row, s->col++, t, f);
}

/* One sheet: the head, then a row per group of the statistics. */
static void fill(struct sheet *s, int d, const xxgk_corpus_groups *g,
                 lxw_format *head, lxw_format *pct) {
  text(s, DIM_LABELS[d], head);
  text(s, "报告数", head);
  text(s, "新收申请数", head);
  text(s, "办理总数", head);
  for (int k = 0; k < g->n_outcomes; k++) {
    char label[300];
    const xxgk_row_def *row = g->outcomes[k];
    snprintf(label, sizeof label, "%s%s 占比",
             row->subgroup ? row->subgroup : "", row->label);
    text(s, label, head);
  }
  text(s, "行政复议纠错率", head);
  text(s, "行政诉讼纠错率", head);
  s->x->worksheet_set_column(s->ws, 0, s->col, 14, NULL);
  for (size_t i = 0; i < g->n; i++) {
    const xxgk_corpus_group *r = &g->groups[i];
    s->row = (lxw_row_t)(i + 1);
    s->col = 0;
    if (d == 0 && r->year)
      number(s, r->year);
    else
      text(s,
           d == 1 && r->province ? r->province
           : d == 2 && r->kind   ? r->kind
                                 : "",
           NULL);
    number(s, (double)r->reports);
    number(s, (double)r->received);
    number(s, (double)r->handled);
    for (int k = 0; k < g->n_outcomes; k++)
      share(s, r->shares[k], pct);
    share(s, r->review_correction_rate, pct);
    share(s, r->litigation_correction_rate, pct);
  }
}

struct ranking_sheet {
  struct sheet s;
  size_t n; /* rows written */
};

/* A report of the ranking as a row: numbers as numbers, none empty. */
static int ranking_row(void *ctx, const xxgk_corpus_rank *r) {
  struct ranking_sheet *rs = ctx;
  struct sheet *s = &rs->s;
  s->row = (lxw_row_t)++rs->n;
  s->col = 0;
  for (const struct corpus_field *f = corpus_rank_fields; f->name; f++) {
    int64_t v;
    const char *t = corpus_field_text(f, r);
    if (f->kind == CF_TEXT)
      text(s, t ? t : "", NULL);
    else if (corpus_field_num(f, r, &v))
      number(s, (double)v);
    else
      s->col++;
  }
  return 0;
}

xxgk_status xxgk_corpus_xlsx(xxgk_corpus *c, const xxgk_corpus_filter *f,
                             const char *path) {
  const struct dl_xlsx *x = dl_xlsx(c->err, sizeof c->err);
  if (!x)
    return XXGK_E_IO;
  lxw_workbook *wb = x->workbook_new(path);
  if (!wb) {
    snprintf(c->err, sizeof c->err, "无法写 %.600s", path);
    return XXGK_E_IO;
  }
  lxw_format *pct = x->workbook_add_format(wb);
  x->format_set_num_format(pct, "0.00%");
  lxw_format *head = x->workbook_add_format(wb);
  x->format_set_bold(head);
  x->format_set_text_wrap(head);
  xxgk_status st = XXGK_OK;
  for (int d = 0; d < 3 && st == XXGK_OK; d++) {
    xxgk_corpus_groups *g;
    st = xxgk_corpus_stats(c, f, DIMS[d], &g);
    if (st != XXGK_OK)
      break;
    struct sheet s = {x, x->workbook_add_worksheet(wb, SHEETS[d]), 0, 0};
    fill(&s, d, g, head, pct);
    xxgk_corpus_groups_free(g);
  }
  if (st == XXGK_OK) {
    struct ranking_sheet rs = {
        {x, x->workbook_add_worksheet(wb, "质量排名"), 0, 0}, 0};
    for (const struct corpus_field *k = corpus_rank_fields; k->name; k++)
      text(&rs.s, k->label, head);
    x->worksheet_set_column(rs.s.ws, 0, rs.s.col, 12, NULL);
    st = xxgk_corpus_ranking(c, f, ranking_row, &rs);
  }
  if (x->workbook_close(wb) != LXW_NO_ERROR && st == XXGK_OK) {
    snprintf(c->err, sizeof c->err, "写 %.600s 失败", path);
    st = XXGK_E_IO;
  }
  return st;
}
