/*
 * dict.c — the data dictionary: every table, row and column of the annual
 * report, with its canonical key and its label as printed in the official
 * formats (国办公开办函〔2019〕60号 and 〔2021〕30号). See
 * docs/annual-report.md for the contract these keys are.
 *
 * This is the only list of rows and columns in the code base. The parser
 * matches printed labels against it, the checker finds rows by their role,
 * and every renderer walks it in order.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define F19 XXGK_FORMAT_2019
#define F21 XXGK_FORMAT_2021
#define FANY XXGK_FORMAT_ANY
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

/* Table 2, format 2021. */
static const xxgk_col_def A21_DOCS[] = {
    {"issued", "本年制发件数", NULL, XXGK_KIND_COUNT, NULL},
    {"repealed", "本年废止件数", NULL, XXGK_KIND_COUNT, NULL},
    {"in_force", "现行有效件数", NULL, XXGK_KIND_COUNT, NULL},
};
static const xxgk_col_def A21_DECISIONS[] = {
    {"decisions", "本年处理决定数量", NULL, XXGK_KIND_COUNT, NULL},
};
static const xxgk_col_def A21_FEES[] = {
    {"amount", "本年收费金额（单位：万元）", NULL, XXGK_KIND_MONEY, "万元"},
};

/* Table 2, format 2019. */
static const xxgk_col_def A19_DOCS[] = {
    {"made", "本年新制作数量", NULL, XXGK_KIND_COUNT, NULL},
    {"published", "本年新公开数量", NULL, XXGK_KIND_COUNT, NULL},
    {"total_published", "对外公开总数量", NULL, XXGK_KIND_COUNT, NULL},
};
static const xxgk_col_def A19_ITEMS[] = {
    {"previous", "上一年项目数量", NULL, XXGK_KIND_COUNT, NULL},
    {"change", "本年增/减", NULL, XXGK_KIND_SIGNED, NULL},
    {"decisions", "处理决定数量", NULL, XXGK_KIND_COUNT, NULL},
};
static const xxgk_col_def A19_FEES[] = {
    {"previous", "上一年项目数量", NULL, XXGK_KIND_COUNT, NULL},
    {"change", "本年增/减", NULL, XXGK_KIND_SIGNED, NULL},
};
/* The 2019 format prints no unit for 采购总金额, so none is assumed. */
static const xxgk_col_def A19_PROCUREMENT[] = {
    {"items", "采购项目数量", NULL, XXGK_KIND_COUNT, NULL},
    {"amount", "采购总金额", NULL, XXGK_KIND_MONEY, NULL},
};

/* Table 3: the same seven columns on every row. */
static const xxgk_col_def APPLICANTS[] = {
    {"natural_person", "自然人", NULL, XXGK_KIND_COUNT, NULL},
    {"commercial", "商业企业", "法人或其他组织", XXGK_KIND_COUNT, NULL},
    {"research", "科研机构", "法人或其他组织", XXGK_KIND_COUNT, NULL},
    {"social_welfare", "社会公益组织", "法人或其他组织", XXGK_KIND_COUNT,
     NULL},
    {"legal_services", "法律服务机构", "法人或其他组织", XXGK_KIND_COUNT,
     NULL},
    {"other_org", "其他", "法人或其他组织", XXGK_KIND_COUNT, NULL},
    {"total", "总计", NULL, XXGK_KIND_COUNT, NULL},
};

/* Table 4: five numbers per group. */
static const xxgk_col_def REVIEW[] = {
    {"upheld", "结果维持", NULL, XXGK_KIND_COUNT, NULL},
    {"corrected", "结果纠正", NULL, XXGK_KIND_COUNT, NULL},
    {"other", "其他结果", NULL, XXGK_KIND_COUNT, NULL},
    {"pending", "尚未审结", NULL, XXGK_KIND_COUNT, NULL},
    {"total", "总计", NULL, XXGK_KIND_COUNT, NULL},
};

/* Part 6: the 信息处理费 figures stated in the narrative. */
static const xxgk_col_def FEES[] = {
    {"notices", "收费通知件数", NULL, XXGK_KIND_COUNT, NULL},
    {"amount_due", "应收总金额", NULL, XXGK_KIND_MONEY, "元"},
    {"collected", "实际收取总金额", NULL, XXGK_KIND_MONEY, "元"},
};

#define ROW(t, key, label, group, sub, fmt, role, cols, aliases)               \
  {t, key, label, group, sub, fmt, role, cols, N(cols), aliases}
#define APP(key, label, sub, fmt, role, aliases)                               \
  ROW(XXGK_T_APPLICATIONS, key, label, RESULT, sub, fmt, role, APPLICANTS,     \
      aliases)
#define RESULT "三、本年度办理结果"
#define OUT XXGK_ROLE_OUTCOME

static const xxgk_row_def ROWS[] = {
    /* 二、主动公开政府信息情况 — format 2021 */
    ROW(XXGK_T_ACTIVE, "rules", "规章", "第二十条第（一）项", NULL, F21,
        XXGK_ROLE_NONE, A21_DOCS, NULL),
    ROW(XXGK_T_ACTIVE, "normative_documents", "行政规范性文件",
        "第二十条第（一）项", NULL, F21, XXGK_ROLE_NONE, A21_DOCS,
        "规范性文件"),
    ROW(XXGK_T_ACTIVE, "licensing", "行政许可", "第二十条第（五）项", NULL,
        F21, XXGK_ROLE_NONE, A21_DECISIONS, NULL),
    ROW(XXGK_T_ACTIVE, "punishment", "行政处罚", "第二十条第（六）项", NULL,
        F21, XXGK_ROLE_NONE, A21_DECISIONS, NULL),
    ROW(XXGK_T_ACTIVE, "coercion", "行政强制", "第二十条第（六）项", NULL,
        F21, XXGK_ROLE_NONE, A21_DECISIONS, NULL),
    ROW(XXGK_T_ACTIVE, "fees", "行政事业性收费", "第二十条第（八）项", NULL,
        F21, XXGK_ROLE_NONE, A21_FEES, NULL),
    /* 二、主动公开政府信息情况 — format 2019 */
    ROW(XXGK_T_ACTIVE, "rules", "规章", "第二十条第（一）项", NULL, F19,
        XXGK_ROLE_NONE, A19_DOCS, NULL),
    ROW(XXGK_T_ACTIVE, "normative_documents", "规范性文件",
        "第二十条第（一）项", NULL, F19, XXGK_ROLE_NONE, A19_DOCS,
        "行政规范性文件"),
    ROW(XXGK_T_ACTIVE, "licensing", "行政许可", "第二十条第（五）项", NULL,
        F19, XXGK_ROLE_NONE, A19_ITEMS, NULL),
    ROW(XXGK_T_ACTIVE, "other_services", "其他对外管理服务事项",
        "第二十条第（五）项", NULL, F19, XXGK_ROLE_NONE, A19_ITEMS, NULL),
    ROW(XXGK_T_ACTIVE, "punishment", "行政处罚", "第二十条第（六）项", NULL,
        F19, XXGK_ROLE_NONE, A19_ITEMS, NULL),
    ROW(XXGK_T_ACTIVE, "coercion", "行政强制", "第二十条第（六）项", NULL,
        F19, XXGK_ROLE_NONE, A19_ITEMS, NULL),
    ROW(XXGK_T_ACTIVE, "fees", "行政事业性收费", "第二十条第（八）项", NULL,
        F19, XXGK_ROLE_NONE, A19_FEES, NULL),
    ROW(XXGK_T_ACTIVE, "procurement", "政府集中采购", "第二十条第（九）项",
        NULL, F19, XXGK_ROLE_NONE, A19_PROCUREMENT, NULL),

    /* 三、收到和处理政府信息公开申请情况 */
    ROW(XXGK_T_APPLICATIONS, "received", "一、本年新收政府信息公开申请数量",
        NULL, NULL, FANY, XXGK_ROLE_INFLOW, APPLICANTS, NULL),
    ROW(XXGK_T_APPLICATIONS, "carried_over",
        "二、上年结转政府信息公开申请数量", NULL, NULL, FANY,
        XXGK_ROLE_INFLOW, APPLICANTS, NULL),
    APP("granted", "（一）予以公开", NULL, FANY, OUT, NULL),
    APP("partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NULL, FANY,
        OUT, "（二）部分公开"),
    APP("withheld_state_secret", "1.属于国家秘密", "（三）不予公开", FANY,
        OUT, NULL),
    APP("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开",
        "（三）不予公开", FANY, OUT, NULL),
    APP("withheld_security_stability", "3.危及“三安全一稳定”",
        "（三）不予公开", FANY, OUT, NULL),
    APP("withheld_third_party_rights", "4.保护第三方合法权益",
        "（三）不予公开", FANY, OUT, NULL),
    APP("withheld_internal_affairs", "5.属于三类内部事务信息",
        "（三）不予公开", FANY, OUT, NULL),
    APP("withheld_process_information", "6.属于四类过程性信息",
        "（三）不予公开", FANY, OUT, NULL),
    APP("withheld_enforcement_file", "7.属于行政执法案卷", "（三）不予公开",
        FANY, OUT, NULL),
    APP("withheld_administrative_query", "8.属于行政查询事项",
        "（三）不予公开", FANY, OUT, NULL),
    APP("unable_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供",
        FANY, OUT, NULL),
    APP("unable_needs_creation", "2.没有现成信息需要另行制作",
        "（四）无法提供", FANY, OUT, NULL),
    APP("unable_unclear", "3.补正后申请内容仍不明确", "（四）无法提供", FANY,
        OUT, NULL),
    APP("not_processed_petition", "1.信访举报投诉类申请", "（五）不予处理",
        FANY, OUT, NULL),
    APP("not_processed_duplicate", "2.重复申请", "（五）不予处理", FANY, OUT,
        NULL),
    APP("not_processed_publication", "3.要求提供公开出版物", "（五）不予处理",
        FANY, OUT, NULL),
    APP("not_processed_excessive", "4.无正当理由大量反复申请",
        "（五）不予处理", FANY, OUT, NULL),
    APP("not_processed_confirmation",
        "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", FANY, OUT,
        NULL),
    APP("other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理", F21, OUT, NULL),
    APP("other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开"
        "申请",
        "（六）其他处理", F21, OUT, NULL),
    APP("other_other", "3.其他", "（六）其他处理", F21, OUT, NULL),
    APP("other", "（六）其他处理", NULL, F19, OUT, NULL),
    APP("total", "（七）总计", NULL, FANY, XXGK_ROLE_TOTAL, NULL),
    ROW(XXGK_T_APPLICATIONS, "carried_forward", "四、结转下年度继续办理",
        NULL, NULL, FANY, XXGK_ROLE_FORWARD, APPLICANTS, NULL),

    /* 四、政府信息公开行政复议、行政诉讼情况: 15 numbers, left to right */
    ROW(XXGK_T_REVIEWS, "administrative_review", "行政复议", NULL, NULL, FANY,
        XXGK_ROLE_NONE, REVIEW, NULL),
    ROW(XXGK_T_REVIEWS, "litigation_direct", "未经复议直接起诉", "行政诉讼",
        NULL, FANY, XXGK_ROLE_NONE, REVIEW, NULL),
    ROW(XXGK_T_REVIEWS, "litigation_after_review", "复议后起诉", "行政诉讼",
        NULL, FANY, XXGK_ROLE_NONE, REVIEW, NULL),

    /* 六、其他需要报告的事项: 信息处理费 */
    ROW(XXGK_T_FEES, NULL, "信息处理费", NULL, NULL, FANY, XXGK_ROLE_NONE,
        FEES, NULL),
};

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
