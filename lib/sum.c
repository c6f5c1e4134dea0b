/*
 * sum.c — the oversight office's aggregate (汇总): the reports of its units
 * summed cell by cell over the dictionary, money exactly (xxgk_num_add), so
 * that the sum of consistent reports is itself consistent and checks clean.
 *
 * Nothing is guessed here either: a cell one input lacks is absent in the
 * sum (never a partial sum), reports of the two formats are never added
 * (their tables differ), and an input that is itself inconsistent is named,
 * since its error passes into the sum.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 400 /* bytes of input names quoted in one message */

static const char *name_of(const xxgk_doc *d, size_t i, char *tmp,
                           size_t cap) {
  if (d->source)
    return d->source;
  snprintf(tmp, cap, "第%zu份报告", i + 1);
  return tmp;
}

/* Appends "a.txt、b.txt" (those inputs with format f), cut at LIST_MAX. */
static void list_format(buf *b, const xxgk_doc *const *docs, size_t n,
                        xxgk_format f) {
  size_t start = b->len;
  int k = 0;
  for (size_t i = 0; i < n; i++) {
    if (docs[i]->format != f)
      continue;
    char tmp[48];
    if (b->len - start > LIST_MAX) {
      buf_puts(b, "等");
      return;
    }
    buf_puts(b, k++ ? "、" : "");
    buf_puts(b, name_of(docs[i], i, tmp, sizeof tmp));
  }
}

/* The inputs mix formats: one error naming which input has which. */
static void mixed_formats(xxgk_doc *out, const xxgk_doc *const *docs,
                          size_t n) {
  buf b = {0};
  static const xxgk_format ALL[] = {XXGK_FORMAT_2021, XXGK_FORMAT_2019,
                                    XXGK_FORMAT_NONE};
  for (size_t j = 0; j < sizeof ALL / sizeof ALL[0]; j++) {
    int any = 0;
    for (size_t i = 0; i < n; i++)
      any |= docs[i]->format == ALL[j];
    if (!any)
      continue;
    if (b.len)
      buf_puts(&b, "；");
    if (ALL[j] == XXGK_FORMAT_NONE)
      buf_puts(&b, "格式不明：");
    else
      buf_printf(&b, "%s年格式：", xxgk_format_name(ALL[j]));
    list_format(&b, docs, n, ALL[j]);
  }
  doc_diag(out, "S", XXGK_SEV_ERROR, 0, 0,
           "各报告的统计表格式不同，不能逐格相加（%s）；请分别汇总", b.data);
  buf_free(&b);
}

/* The common year of the inputs, or 0; warns of inputs of another year. */
static int sum_year(xxgk_doc *out, const xxgk_doc *const *docs, size_t n,
                    int year) {
  int common = docs[0]->year;
  for (size_t i = 1; i < n; i++)
    if (docs[i]->year != common)
      common = 0;
  if (!year)
    year = common;
  buf b = {0};
  int k = 0;
  for (size_t i = 0; i < n; i++) {
    if (docs[i]->year == year && year)
      continue;
    char tmp[48];
    if (b.len > LIST_MAX) {
      buf_puts(&b, "等");
      break;
    }
    buf_printf(&b, "%s%s（%d年）", k++ ? "、" : "",
               name_of(docs[i], i, tmp, sizeof tmp), docs[i]->year);
  }
  if (k && year)
    doc_diag(out, "S", XXGK_SEV_WARNING, 0, 0, "以下报告不是%d年度的：%s",
             year, b.data);
  else if (k)
    doc_diag(out, "S", XXGK_SEV_WARNING, 0, 0,
             "各报告的年度不同，合计的年度为空：%s", b.data);
  buf_free(&b);
  return year;
}

/* Sums one cell over the inputs into *c; returns the index of the first
 * input lacking it, -2 on overflow, or -1 when summed. */
static long sum_cell(const xxgk_doc *const *docs, size_t n, int row, int col,
                     xxgk_cell *c) {
  xxgk_num total = {0, 0};
  for (size_t i = 0; i < n; i++) {
    const xxgk_cell *x = xxgk_doc_cell(docs[i], row, col);
    if (!x || x->state == XXGK_CELL_ABSENT)
      return (long)i;
    if (xxgk_num_add(total, x->num, &total) != 0)
      return -2;
  }
  memset(c, 0, sizeof *c);
  c->num = total;
  c->state = XXGK_CELL_VALUE;
  return -1;
}

/* Sums every cell; per input, one message for the cells it lacks. Returns
 * the number of table cells (not 信息处理费 figures) left absent. */
static int sum_cells(xxgk_doc *out, const xxgk_doc *const *docs, size_t n) {
  int absent = 0;
  int *missing = xxgk_calloc(n, sizeof *missing);      /* table cells */
  int *fees_missing = xxgk_calloc(n, sizeof *missing); /* 信息处理费  */
  int *first = xxgk_calloc(n, sizeof *first);          /* row*8+col+1 */
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!(r->formats & out->format))
      continue;
    for (int c = 0; c < r->n_cols; c++) {
      xxgk_cell cell;
      long bad = sum_cell(docs, n, i, c, &cell);
      if (bad == -1) {
        xxgk_doc_set_cell(out, i, c, &cell);
        continue;
      }
      char key[128];
      xxgk_dict_key(i, c, key, sizeof key);
      if (bad == -2) {
        absent++;
        doc_diag(out, "S", XXGK_SEV_ERROR, 0, 0,
                 "%s 的合计超出可精确表示的范围，此格为空", key);
        continue;
      }
      if (r->table == XXGK_T_FEES) {
        fees_missing[bad]++;
        continue;
      }
      absent++;
      if (!missing[bad]++)
        first[bad] = i * XXGK_MAX_COLS + c + 1;
    }
  }
  for (size_t i = 0; i < n; i++) {
    char tmp[48], key[128];
    const char *name = name_of(docs[i], i, tmp, sizeof tmp);
    if (missing[i]) {
      xxgk_dict_key((first[i] - 1) / XXGK_MAX_COLS,
                    (first[i] - 1) % XXGK_MAX_COLS, key, sizeof key);
      doc_diag(out, "S", XXGK_SEV_ERROR, 0, 0,
               "%s 缺少%d格（如 %s），这些格的合计为空", name, missing[i],
               key);
    }
    if (fees_missing[i])
      doc_diag(out, "S", XXGK_SEV_NOTICE, 0, 0,
               "%s 未写明信息处理费的%d项数字，这几项的合计为空", name,
               fees_missing[i]);
  }
  free(missing);
  free(fees_missing);
  free(first);
  return absent;
}

xxgk_status xxgk_sum(const xxgk_doc *const *docs, size_t n,
                     const char *agency, int year, xxgk_doc **out) {
  xxgk_doc *d = xxgk_doc_new(n ? docs[0]->format : XXGK_FORMAT_NONE);
  *out = d;
  xxgk_doc_set_agency(d, agency);
  if (n == 0) {
    doc_diag(d, "S", XXGK_SEV_ERROR, 0, 0, "没有要汇总的报告");
    return XXGK_E_USAGE;
  }
  for (size_t i = 1; i < n; i++)
    if (docs[i]->format != d->format || d->format == XXGK_FORMAT_NONE) {
      d->format = XXGK_FORMAT_NONE;
      mixed_formats(d, docs, n);
      return XXGK_E_USAGE;
    }
  if (d->format == XXGK_FORMAT_NONE) {
    mixed_formats(d, docs, n);
    return XXGK_E_USAGE;
  }
  xxgk_doc_set_year(d, sum_year(d, docs, n, year));
  xxgk_doc_set_title(d, NULL);
  char *title = report_title(d); /* agency + year: parse reads both back */
  xxgk_doc_set_title(d, title);
  free(title);
  for (size_t i = 0; i < n; i++) {
    size_t e = xxgk_doc_count(docs[i], XXGK_SEV_ERROR);
    char tmp[48];
    if (e)
      doc_diag(d, "S", XXGK_SEV_WARNING, 0, 0,
               "%s 本身有%zu个错误（勾稽关系不符或缺格），其数字照原样计入"
               "合计",
               name_of(docs[i], i, tmp, sizeof tmp), e);
  }
  int absent = sum_cells(d, docs, n);
  xxgk_check(d);
  return absent ? XXGK_E_INCOMPLETE : XXGK_OK;
}
