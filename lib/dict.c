/*
 * dict.c — the data dictionary: every table, row and column of the annual
 * report, with its canonical key and its label as printed in the official
 * formats (国办公开办函〔2019〕60号 and 〔2021〕30号). See
 * docs/annual-report.md for the contract these keys are.
 *
 * The rows and columns are data/dictionary.tsv, turned into C at build time
 * (scripts/dict.cmake); the only list of them in the code base. The parser
 * matches printed labels against it, the checker finds rows by their role,
 * and every renderer walks it in order.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The six parts of every report, with headings as printed in other reports
 * that stray from the official outline ('|'-separated). */
#define H1 "一、总体情况"
#define H2 "二、主动公开政府信息情况"
#define H3 "三、收到和处理政府信息公开申请情况"
#define H4 "四、政府信息公开行政复议、行政诉讼情况"
#define H5 "五、存在的主要问题及改进情况"
#define H6 "六、其他需要报告的事项"

static const part_def PARTS[XXGK_N_PARTS] = {
    {H1, "概述", XXGK_SEC_OVERVIEW, -1},
    {H2, "主动公开情况", -1, XXGK_T_ACTIVE},
    {H3, "依申请公开情况|依申请公开政府信息情况", -1, XXGK_T_APPLICATIONS},
    {H4,
     "因政府信息公开工作被申请行政复议、提起行政诉讼情况|"
     "政府信息公开行政复议、行政诉讼情况|行政复议、行政诉讼情况",
     -1, XXGK_T_REVIEWS},
    {H5, "存在的主要问题及改进措施|存在的问题及改进措施|主要问题及改进情况",
     XXGK_SEC_PROBLEMS, -1},
    {H6, "其他需要报告事项", XXGK_SEC_OTHER, XXGK_T_FEES},
};

/* The official tables' corner cells and column headings: table 3 prints
 * its rule A1 in the corner. */
static const xxgk_table_def TABLES[XXGK_N_TABLES] = {
    {"active", H2, XXGK_LAYOUT_ITEMS, "信息内容", NULL},
    {"applications", H3, XXGK_LAYOUT_MATRIX,
     "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
     "申请人情况"},
    {"reviews", H4, XXGK_LAYOUT_ACROSS, NULL, NULL},
    {"processing_fees", H6, XXGK_LAYOUT_PROSE, NULL, NULL},
};

const part_def *dict_part(int i) {
  return i >= 0 && i < XXGK_N_PARTS ? &PARTS[i] : NULL;
}

const char *xxgk_section_heading(xxgk_section s) {
  for (int i = 0; i < XXGK_N_PARTS; i++)
    if (PARTS[i].section == (int)s)
      return PARTS[i].heading;
  return NULL;
}

/* Every column and row of the tables (data/dictionary.tsv, as C):
 * static const xxgk_col_def COLS_<set>[], and ROWS[] in printed order. */
#include "dict_rows.inc"

_Static_assert(N(ROWS) == XXGK_DICT_ROWS, "XXGK_DICT_ROWS in internal.h");

const xxgk_table_def *xxgk_dict_table(xxgk_table t) {
  return (unsigned)t < XXGK_N_TABLES ? &TABLES[t] : NULL;
}

int xxgk_dict_n_rows(void) { return N(ROWS); }

const xxgk_row_def *xxgk_dict_row(int i) {
  return i >= 0 && i < N(ROWS) ? &ROWS[i] : NULL;
}

int dict_next_row(int i, xxgk_table t, unsigned f) {
  while (++i < N(ROWS))
    if (ROWS[i].table == t && (ROWS[i].formats & f))
      return i;
  return -1;
}

int xxgk_dict_find_row(xxgk_table t, const char *key, xxgk_format f) {
  for (int i = 0; i < N(ROWS); i++) {
    const xxgk_row_def *r = &ROWS[i];
    if (r->table != t || !(r->formats & f))
      continue;
    if (r->key == NULL ? key == NULL : key && strcmp(r->key, key) == 0)
      return i;
  }
  return -1;
}

int xxgk_dict_find_col(int row, const char *key) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  for (int c = 0; r && key && c < r->n_cols; c++)
    if (strcmp(r->cols[c].key, key) == 0)
      return c;
  return -1;
}

size_t xxgk_dict_key(int row, int col, char *out, size_t cap) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  int n;
  if (!r || col < 0 || col >= r->n_cols) {
    n = snprintf(out, cap, "?");
  } else if (r->key) {
    n = snprintf(out, cap, "%s.%s.%s", TABLES[r->table].key, r->key,
                 r->cols[col].key);
  } else {
    n = snprintf(out, cap, "%s.%s", TABLES[r->table].key, r->cols[col].key);
  }
  return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}

/* s with its leading "part." removed, or NULL if it does not start so. */
static const char *skip_part(const char *s, const char *part) {
  size_t k = strlen(part);
  return strncmp(s, part, k) == 0 && s[k] == '.' ? s + k + 1 : NULL;
}

/* Matches the key part by part, as xxgk_dict_key() would write it, without
 * writing it: the N1 rule looks keys up for every report. */
int xxgk_dict_find_key(const char *key, xxgk_format f, int *row, int *col) {
  for (int i = 0; i < N(ROWS); i++) {
    const xxgk_row_def *r = &ROWS[i];
    if (!(r->formats & f))
      continue;
    const char *p = skip_part(key, TABLES[r->table].key);
    if (p && r->key)
      p = skip_part(p, r->key);
    for (int c = 0; p && c < r->n_cols; c++) {
      if (strcmp(p, r->cols[c].key) == 0) {
        *row = i;
        *col = c;
        return 0;
      }
    }
  }
  return -1;
}

int xxgk_dict_rows_by_role(xxgk_table t, xxgk_role role,
                           const xxgk_row_def **out, int cap) {
  int n = 0;
  for (int i = 0; i < N(ROWS) && n < cap; i++)
    if (ROWS[i].table == t && ROWS[i].role == role)
      out[n++] = &ROWS[i];
  return n;
}

const char *xxgk_format_name(xxgk_format f) {
  return f == XXGK_FORMAT_2019 ? "2019" : f == XXGK_FORMAT_2021 ? "2021" : NULL;
}

/* The cell's label for a finding: "（三）不予公开1.属于国家秘密 / 法人或其他组织·
 * 商业企业", or "行政诉讼·复议后起诉 / 总计". */
size_t dict_cell_label(int row, int col, char *out, size_t cap) {
  const xxgk_row_def *r = xxgk_dict_row(row);
  if (!r || col < 0 || col >= r->n_cols)
    return (size_t)snprintf(out, cap, "?");
  const xxgk_col_def *c = &r->cols[col];
  /* Row groups of table 3 and the 第二十条 items are context a clerk does not
   * need; 行政诉讼 and 法人或其他组织 tell otherwise equal labels apart. */
  const char *rg = r->table == XXGK_T_REVIEWS ? r->group : NULL;
  int n = snprintf(out, cap, "%s%s%s%s / %s%s%s", rg ? rg : "", rg ? "·" : "",
                   r->subgroup ? r->subgroup : "", r->label,
                   c->group ? c->group : "", c->group ? "·" : "", c->label);
  return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}

const char *dict_row_sum_rule(const xxgk_row_def *r) {
  return r->table == XXGK_T_APPLICATIONS ? "A3"
         : r->table == XXGK_T_REVIEWS    ? "R1"
                                         : NULL;
}
