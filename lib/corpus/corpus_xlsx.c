/*
 * corpus_xlsx.c — xxgk_corpus_xlsx: the corpus's statistics as an Excel
 * workbook, one sheet per grouping (year, province, agency kind), Chinese
 * headers, figures as numbers and shares as percentages; then the ranking
 * by quality score (docs/quality.md).
 */
#include "corpus.h"
#include "dl.h"

#include <json-c/json.h>
#include <stdio.h>
#include <xlsxwriter.h>

/* libxlsxwriter (with minizip and OpenSSL's libcrypto under it) loaded when
 * a workbook is written, not by every program that links the library
 * (lib/dl.h). */
#define DL_XLSX_FUNCS(X)                                                       \
  X(workbook_new)                                                              \
  X(workbook_add_format)                                                       \
  X(workbook_add_worksheet)                                                    \
  X(workbook_close)                                                            \
  X(format_set_num_format)                                                     \
  X(format_set_bold)                                                           \
  X(format_set_text_wrap)                                                      \
  X(worksheet_write_number)                                                    \
  X(worksheet_write_string)                                                    \
  X(worksheet_set_column)
DL_DECLARE(xlsx, DL_XLSX_FUNCS)
DL_DEFINE(xlsx, "写出 Excel（XLSX）文件", XXGK_SONAME_XLSX, "libxlsxwriter4",
          DL_XLSX_FUNCS)

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

/* A number in the next cell; a missing value leaves the cell empty. */
static void number(struct sheet *s, json_object *v, lxw_format *f) {
  if (v)
    s->x->worksheet_write_number(s->ws, s->row, s->col,
                                 json_object_get_double(v), f);
  s->col++;
}

static void text(struct sheet *s, const char *t, lxw_format *f) {
  s->x->worksheet_write_string(s->ws, s->row, s->col++, t, f);
}

/* One sheet: the head, then a row per group of the stats' answer. */
static void fill(struct sheet *s, int d, json_object *arr, lxw_format *head,
                 lxw_format *pct) {
  const xxgk_row_def *rows[64];
  int n_rows =
      xxgk_dict_rows_by_role(XXGK_T_APPLICATIONS, XXGK_ROLE_OUTCOME, rows, 64);
  text(s, DIM_LABELS[d], head);
  text(s, "报告数", head);
  text(s, "新收申请数", head);
  text(s, "办理总数", head);
  for (int k = 0; k < n_rows; k++) {
    char label[300];
    snprintf(label, sizeof label, "%s%s 占比",
             rows[k]->subgroup ? rows[k]->subgroup : "", rows[k]->label);
    text(s, label, head);
  }
  text(s, "行政复议纠错率", head);
  text(s, "行政诉讼纠错率", head);
  s->x->worksheet_set_column(s->ws, 0, s->col, 14, NULL);
  for (size_t i = 0; i < json_object_array_length(arr); i++) {
    json_object *r = json_object_array_get_idx(arr, i);
    s->row = (lxw_row_t)(i + 1);
    s->col = 0;
    json_object *dim = corpus_member(r, DIMS[d], NULL);
    if (dim && json_object_is_type(dim, json_type_int))
      number(s, dim, NULL);
    else
      text(s, dim ? json_object_get_string(dim) : "", NULL);
    number(s, corpus_member(r, "reports", NULL), NULL);
    number(s, corpus_member(r, "received", NULL), NULL);
    number(s, corpus_member(r, "handled", NULL), NULL);
    for (int k = 0; k < n_rows; k++)
      number(s, corpus_member(r, "shares", rows[k]->key), pct);
    number(s, corpus_member(r, "review_correction_rate", NULL), pct);
    number(s, corpus_member(r, "litigation_correction_rate", NULL), pct);
  }
}

/* The ranking's columns: the keys of xxgk_corpus_ranking's objects, their
 * Chinese heads, and whether the value is a number. */
static const struct {
  const char *key, *label;
  int number;
} RANKING[] = {{"rank", "名次", 1},       {"score", "质量得分", 1},
               {"got", "得分", 1},        {"judged", "可评分值", 1},
               {"year", "年度", 1},       {"agency", "机关", 0},
               {"province", "省份", 0},   {"division", "区划代码", 0},
               {"kind", "机关类型", 0},   {"lost", "失分项", 0},
               {"path", "文件", 0},       {"report_id", "报告编号", 1}};
#define N_RANKING (sizeof RANKING / sizeof *RANKING)

static void fill_ranking(struct sheet *s, json_object *arr,
                         lxw_format *head) {
  for (size_t k = 0; k < N_RANKING; k++)
    text(s, RANKING[k].label, head);
  s->x->worksheet_set_column(s->ws, 0, s->col, 12, NULL);
  for (size_t i = 0; i < json_object_array_length(arr); i++) {
    json_object *r = json_object_array_get_idx(arr, i);
    s->row = (lxw_row_t)(i + 1);
    s->col = 0;
    for (size_t k = 0; k < N_RANKING; k++) {
      json_object *v = corpus_member(r, RANKING[k].key, NULL);
      if (RANKING[k].number)
        number(s, v, NULL);
      else
        text(s, v ? json_object_get_string(v) : "", NULL);
    }
  }
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
    char *answer;
    st = xxgk_corpus_stats(c, f, DIMS[d], &answer);
    if (st != XXGK_OK)
      break;
    json_object *arr = json_tokener_parse(answer);
    xxgk_free(answer);
    struct sheet s = {x, x->workbook_add_worksheet(wb, SHEETS[d]), 0, 0};
    if (arr)
      fill(&s, d, arr, head, pct);
    json_object_put(arr);
  }
  char *answer = NULL;
  if (st == XXGK_OK)
    st = xxgk_corpus_ranking(c, f, &answer);
  if (st == XXGK_OK) {
    json_object *arr = json_tokener_parse(answer);
    struct sheet s = {x, x->workbook_add_worksheet(wb, "质量排名"), 0, 0};
    if (arr)
      fill_ranking(&s, arr, head);
    json_object_put(arr);
  }
  xxgk_free(answer);
  if (x->workbook_close(wb) != LXW_NO_ERROR && st == XXGK_OK) {
    snprintf(c->err, sizeof c->err, "写 %.600s 失败", path);
    st = XXGK_E_IO;
  }
  return st;
}
