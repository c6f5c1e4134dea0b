/*
 * quality.c — the quality score of one report (xxgk_quality.h): thirteen
 * points in five groups, each judged from what the reader and the checker
 * left on the document (its findings, headings, format, parts) in one pass
 * over its diagnostics. The weights and their reasons: docs/quality.md.
 */
#include "quality.h"

#include "xxgk_corpus.h"
#include "xxgk_register.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The points, in their fixed order. */
enum {
  P_ON_TIME,
  P_PARTS,
  P_FORMAT_YEAR,
  P_LAYOUT,
  P_A1,
  P_A2,
  P_A3,
  P_R1,
  P_V1,
  P_Y1,
  P_N1,
  P_FEES,
  P_PROBLEMS
};

static const struct {
  const char *key, *group, *label, *rule;
  int max;
} POINTS[XXGK_QUALITY_POINTS] = {
    {"on_time", "timely", "按时发布", "条例第四十九条", 15},
    {"parts", "format", "六个部分及其标题", "条例第五十条；年度报告格式", 12},
    {"format_year", "format", "表格格式与年度相符",
     "国办公开办函〔2019〕60号、〔2021〕30号", 8},
    {"layout", "format", "表格按官方格式印制", "年度报告格式", 5},
    {"A1", "consistent", "申请数量收支平衡", "A1", 5},
    {"A2", "consistent", "办理结果之和等于总计", "A2", 5},
    {"A3", "consistent", "各类申请人之和等于总计", "A3", 5},
    {"R1", "consistent", "复议诉讼之和等于总计", "R1", 5},
    {"V1", "consistent", "各格齐全、数值有效", "V1", 5},
    {"Y1", "consistent", "与上年结转衔接", "Y1", 5},
    {"N1", "narrative", "正文与表格一致", "N1", 10},
    {"fees", "complete", "说明信息处理费",
     "国办函〔2020〕109号；条例第五十条第（五）项", 10},
    {"problems", "complete", "具体写明问题和改进措施", "条例第五十条第（四）项",
     10},
};

void quality_copy(char *out, size_t cap, const char *s, size_t n) {
  if (n >= cap) {
    n = cap - 1;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
      n--; /* s[n] would start the next character: cut before it */
  }
  memcpy(out, s, n);
  out[n] = 0;
}

static void judge(xxgk_quality_point *p, xxgk_point_state st, int got,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void judge(xxgk_quality_point *p, xxgk_point_state st, int got,
                  const char *fmt, ...) {
  char text[2048];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  quality_copy(p->why, sizeof p->why, text,
               n < 0                     ? 0
               : (size_t)n < sizeof text ? (size_t)n
                                         : sizeof text - 1);
  p->state = st;
  p->got = st == XXGK_POINT_MET ? p->max : got;
}

/* What the diagnostics say, tallied in one pass. */
typedef struct {
  int n;             /* findings of the rule (its own severity)   */
  const char *first; /* the first one's message                   */
} tally;

enum { T_A1, T_A2, T_A3, T_R1, T_V1, T_Y1, T_N1, T_P, N_TALLIES };
static const char *const TALLY_RULE[N_TALLIES] = {"A1", "A2", "A3", "R1",
                                                  "V1", "Y1", "N1", "P"};

static void count(const xxgk_doc *d, tally t[N_TALLIES]) {
  memset(t, 0, N_TALLIES * sizeof *t);
  for (size_t i = 0; i < xxgk_doc_n_diags(d); i++) {
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    /* N1 is a warning; the others count as errors (a P notice is no fault
     * of the layout: a blank cell read as 0). */
    for (int k = 0; k < N_TALLIES; k++)
      if (strcmp(g->rule, TALLY_RULE[k]) == 0 &&
          g->severity == (k == T_N1 ? XXGK_SEV_WARNING : XXGK_SEV_ERROR)) {
        if (!t[k].n++)
          t[k].first = g->message;
      }
  }
}

/* The cells of table t (in d's format) not found in the input. */
static int absent_cells(const xxgk_doc *d, xxgk_table t) {
  int n = 0;
  for (int r = -1; (r = dict_next_row(r, t, d->format)) >= 0;) {
    const xxgk_row_def *row = xxgk_dict_row(r);
    for (int c = 0; c < row->n_cols; c++) {
      const xxgk_cell *x = xxgk_doc_cell(d, r, c);
      n += !x || x->state == XXGK_CELL_ABSENT;
    }
  }
  return n;
}

static void on_time(const xxgk_doc *d, const xxgk_quality_ctx *ctx,
                    xxgk_date published, xxgk_quality_point *p) {
  if (!ctx || !ctx->published) {
    judge(p, XXGK_POINT_UNKNOWN, 0, "发布日期不明，无法判断是否按时发布");
    return;
  }
  if (!d->year) {
    judge(p, XXGK_POINT_UNKNOWN, 0, "报告年度不明，无法确定法定期限");
    return;
  }
  xxgk_organ organ = ctx->organ;
  const char *how = "";
  xxgk_agency_name a;
  if (organ == XXGK_ORGAN_UNKNOWN && d->agency &&
      xxgk_agency_parse(d->agency, &a) == 0) {
    if (a.kind == XXGK_AGENCY_TOWNSHIP) {
      judge(p, XXGK_POINT_UNKNOWN, 0,
            "“%s”是乡镇（街道），条例第四十九条未规定其年度报告的发布期限",
            d->agency);
      return;
    }
    organ = a.kind == XXGK_AGENCY_GOVERNMENT ? XXGK_ORGAN_GOVERNMENT
                                             : XXGK_ORGAN_DEPARTMENT;
    how = "（机关类型据名称推断）";
  }
  if (organ == XXGK_ORGAN_UNKNOWN) {
    judge(p, XXGK_POINT_UNKNOWN, 0,
          "机关类型不明（政府3月31日前、部门1月31日前发布），无法确定法定期限");
    return;
  }
  char due[32];
  int gov = organ == XXGK_ORGAN_GOVERNMENT;
  snprintf(due, sizeof due, "%04d-%s", d->year + 1, gov ? "03-31" : "01-31");
  xxgk_date due_d, year_end;
  char start[32];
  snprintf(start, sizeof start, "%04d-12-31", d->year);
  xxgk_date_parse(due, &due_d);
  xxgk_date_parse(start, &year_end);
  const char *art = gov ? "条例第四十九条第二款：本级政府的年度报告3月31日前"
                        : "条例第四十九条第一款：部门的年度报告1月31日前";
  if (published <= year_end)
    judge(p, XXGK_POINT_UNKNOWN, 0, "发布日期%s早于%d年度结束，请核对日期",
          ctx->published, d->year);
  else if (published <= due_d)
    judge(p, XXGK_POINT_MET, 0, "%s发布，在法定期限%s之前%s（%s）",
          ctx->published, due, how, art);
  else
    judge(p, XXGK_POINT_LOST, 0, "%s发布，晚于法定期限%s%s（%s）",
          ctx->published, due, how, art);
}

static void parts(const xxgk_doc *d, xxgk_quality_point *p) {
  if (!d->outline_read) {
    judge(p, XXGK_POINT_UNKNOWN, 0,
          "输入不是报告原文（如 JSON），看不到各部分的标题");
    return;
  }
  int got = 0;
  char missing[512] = "", variant[512] = "";
  for (int i = 0; i < XXGK_N_PARTS; i++) {
    int h = d->headings[i];
    got += h == DOC_HEADING_OFFICIAL ? 2 : h == DOC_HEADING_VARIANT ? 1 : 0;
    char *list = h == DOC_HEADING_OFFICIAL  ? NULL
                 : h == DOC_HEADING_VARIANT ? variant
                                            : missing;
    if (list)
      snprintf(list + strlen(list), sizeof missing - strlen(list), "%s“%s”",
               *list ? "、" : "", dict_part(i)->heading);
  }
  if (got == p->max)
    judge(p, XXGK_POINT_MET, got, "六个部分齐全，标题与官方格式一致");
  else
    judge(p, got ? XXGK_POINT_PARTIAL : XXGK_POINT_LOST, got,
          "%s%s%s%s%s（每部分2分，标题措辞不同1分）", *missing ? "缺少" : "",
          missing, *missing && *variant ? "；" : "",
          *variant ? "标题措辞与官方格式不同：" : "", variant);
}

static void format_year(const xxgk_doc *d, xxgk_quality_point *p) {
  if (!d->year) {
    judge(p, XXGK_POINT_UNKNOWN, 0, "报告年度不明，无法判断应使用的格式");
    return;
  }
  if (d->year < 2019) {
    judge(p, XXGK_POINT_NA, 0,
          "%d年度报告早于2019年格式（国办公开办函〔2019〕60号），不评",
          d->year);
    return;
  }
  if (d->format_from_year) {
    judge(p, XXGK_POINT_UNKNOWN, 0,
          "表格中没有区分格式的行或表头，格式是按年度认定的，无法判断");
    return;
  }
  xxgk_format want = d->year <= 2020 ? XXGK_FORMAT_2019 : XXGK_FORMAT_2021;
  const char *doc = want == XXGK_FORMAT_2019 ? "国办公开办函〔2019〕60号"
                                             : "国办公开办函〔2021〕30号";
  if (d->format == want)
    judge(p, XXGK_POINT_MET, 0, "%d年度报告使用%s年格式（%s）", d->year,
          xxgk_format_name(want), doc);
  else
    judge(p, XXGK_POINT_LOST, 0, "%d年度报告应使用%s年格式（%s），实为%s年格式",
          d->year, xxgk_format_name(want), doc,
          d->format ? xxgk_format_name(d->format) : "未知");
}

static void layout(const xxgk_doc *d, const tally *t, xxgk_quality_point *p) {
  if (!d->outline_read)
    judge(p, XXGK_POINT_UNKNOWN, 0,
          "输入不是报告原文（如 JSON），看不到表格的版式");
  else if (t[T_P].n)
    judge(p, XXGK_POINT_LOST, 0, "读表时发现%d处版式问题，如：%s", t[T_P].n,
          t[T_P].first);
  else
    judge(p, XXGK_POINT_MET, 0, "三张表格的行、列与表头按官方格式读出");
}

/* A1–A3, R1, V1: each a rule of the checker. */
static void rule(const xxgk_doc *d, const tally *t, int k,
                 xxgk_quality_point *p) {
  if (!(d->checked & DOC_CHECKED_TABLES)) {
    judge(p, XXGK_POINT_UNKNOWN, 0, "未运行检查（xxgk_check），无法判断");
    return;
  }
  if (t[k].n) {
    judge(p, XXGK_POINT_LOST, 0, "%d处不符，如：%s", t[k].n, t[k].first);
    return;
  }
  /* A rule cannot hold or break over cells that are not there. */
  int absent = k == T_V1 ? 0
                         : absent_cells(d, k == T_R1 ? XXGK_T_REVIEWS
                                                     : XXGK_T_APPLICATIONS);
  if (absent)
    judge(p, XXGK_POINT_UNKNOWN, 0, "表中有%d格未读出，无法完整核对", absent);
  else
    judge(p, XXGK_POINT_MET, 0, "符合");
}

static void years(const xxgk_doc *d, const tally *t, xxgk_quality_point *p) {
  if (!(d->checked & DOC_CHECKED_YEARS))
    judge(p, XXGK_POINT_UNKNOWN, 0, "没有上年报告可比，未核对上年结转");
  else if (t[T_Y1].n)
    judge(p, XXGK_POINT_LOST, 0, "%d处与上年报告的结转数不符，如：%s",
          t[T_Y1].n, t[T_Y1].first);
  else if (absent_cells(d, XXGK_T_APPLICATIONS))
    judge(p, XXGK_POINT_UNKNOWN, 0, "表三有格未读出，无法完整核对上年结转");
  else
    judge(p, XXGK_POINT_MET, 0, "“上年结转”与上年报告的“结转下年度”一致");
}

static void narrative(const xxgk_doc *d, const tally *t,
                      xxgk_quality_point *p) {
  if (!(d->checked & DOC_CHECKED_TABLES))
    judge(p, XXGK_POINT_UNKNOWN, 0, "未运行检查（xxgk_check），无法判断");
  else if (t[T_N1].n)
    judge(p, XXGK_POINT_LOST, 0, "正文有%d处数字与表格不符，如：%s", t[T_N1].n,
          t[T_N1].first);
  else if (!d->sections[XXGK_SEC_OVERVIEW])
    judge(p, XXGK_POINT_UNKNOWN, 0, "没有第一部分（总体情况），无从核对");
  else if (!d->n1_compared)
    judge(p, XXGK_POINT_UNKNOWN, 0,
          "总体情况中没有可与表格核对的数字"
          "（收到申请、办结、结转、复议、诉讼件数）");
  else
    judge(p, XXGK_POINT_MET, 0, "总体情况中的%d个数字与表格一致",
          d->n1_compared);
}

static void fees(const xxgk_doc *d, xxgk_quality_point *p) {
  if (d->year && d->year < 2021) {
    judge(p, XXGK_POINT_NA, 0,
          "信息处理费办法（国办函〔2020〕109号）自2021年1月1日施行，"
          "%d年度报告不评",
          d->year);
    return;
  }
  char stated[256] = "";
  for (int c = 0; c < 3; c++) {
    char key[64], label[96], v[32];
    int row, col;
    static const char *const KEYS[] = {"notices", "amount_due", "collected"};
    snprintf(key, sizeof key, "processing_fees.%s", KEYS[c]);
    if (xxgk_dict_find_key(key, d->format ? d->format : XXGK_FORMAT_2021, &row,
                           &col) != 0)
      continue;
    const xxgk_cell *x = xxgk_doc_cell(d, row, col);
    if (!x || x->state == XXGK_CELL_ABSENT)
      continue;
    dict_cell_label(row, col, label, sizeof label);
    xxgk_num_format(x->num, v);
    snprintf(stated + strlen(stated), sizeof stated - strlen(stated), "%s%s%s",
             *stated ? "，" : "", label, v);
  }
  if (*stated)
    judge(p, XXGK_POINT_MET, 0, "第六部分写明信息处理费：%s", stated);
  else if (!d->sections[XXGK_SEC_OTHER] && !d->outline_read)
    judge(p, XXGK_POINT_UNKNOWN, 0, "输入没有第六部分的正文，无法判断");
  else
    judge(p, XXGK_POINT_LOST, 0, "%s",
          d->sections[XXGK_SEC_OTHER]
              ? "第六部分未说明信息处理费的收取情况（未收取也应写明）"
              : "没有第六部分（其他需要报告的事项），未说明信息处理费");
}

static void problems(const xxgk_doc *d, xxgk_quality_point *p) {
  const char *text = d->sections[XXGK_SEC_PROBLEMS];
  if (!text && !d->outline_read) {
    judge(p, XXGK_POINT_UNKNOWN, 0, "输入没有第五部分的正文，无法判断");
    return;
  }
  problems_stats s;
  quality_problems(text, &s);
  if (!s.sentences) {
    judge(p, XXGK_POINT_LOST, 0,
          "没有第五部分（存在的主要问题及改进情况）的内容");
    return;
  }
  int got = (s.problems ? 5 : 0) + (s.measures ? 5 : 0);
  char head[256];
  snprintf(head, sizeof head, "第五部分共%d句，其中具体的%d句、只有套话的%d句",
           s.sentences, s.concrete, s.boilerplate);
  if (got == p->max)
    judge(p, XXGK_POINT_MET, got, "%s；问题如“%s”，措施如“%s”", head, s.problem,
          s.measure);
  else if (got)
    judge(p, XXGK_POINT_PARTIAL, got, "%s；%s（每项5分）", head,
          s.problems ? "未具体写明改进措施" : "未具体写明存在的问题");
  else
    judge(p, XXGK_POINT_LOST, 0, "%s；未具体写明问题和措施%s%s%s", head,
          *s.stock ? "，如“" : "", s.stock, *s.stock ? "”" : "");
}

void quality_init(xxgk_quality *q) {
  memset(q, 0, sizeof *q);
  for (int i = 0; i < XXGK_QUALITY_POINTS; i++) {
    xxgk_quality_point *p = &q->points[i];
    p->key = POINTS[i].key;
    p->group = POINTS[i].group;
    p->label = POINTS[i].label;
    p->rule = POINTS[i].rule;
    p->max = POINTS[i].max;
  }
  q->score = -1;
}

void quality_total(xxgk_quality *q) {
  q->got = q->judged = 0;
  for (int i = 0; i < XXGK_QUALITY_POINTS; i++)
    if (quality_judged(q->points[i].state)) {
      q->got += q->points[i].got;
      q->judged += q->points[i].max;
    }
  q->score = quality_percent(q->got, q->judged);
}

void quality_judge_years(const xxgk_doc *d, xxgk_quality *q) {
  tally t[N_TALLIES];
  count(d, t);
  years(d, t, &q->points[P_Y1]);
  quality_total(q);
}

xxgk_status xxgk_quality_score(const xxgk_doc *d, const xxgk_quality_ctx *ctx,
                               xxgk_quality *out) {
  xxgk_date published = 0;
  if (!d || (ctx && ctx->published &&
             xxgk_date_parse(ctx->published, &published) != 0))
    return XXGK_E_USAGE;
  quality_init(out);
  tally t[N_TALLIES];
  count(d, t);
  xxgk_quality_point *p = out->points;
  on_time(d, ctx, published, &p[P_ON_TIME]);
  parts(d, &p[P_PARTS]);
  format_year(d, &p[P_FORMAT_YEAR]);
  layout(d, t, &p[P_LAYOUT]);
  for (int k = T_A1; k <= T_V1; k++)
    rule(d, t, k, &p[P_A1 + k]);
  years(d, t, &p[P_Y1]);
  narrative(d, t, &p[P_N1]);
  fees(d, &p[P_FEES]);
  problems(d, &p[P_PROBLEMS]);
  quality_total(out);
  return XXGK_OK;
}

int quality_judged(xxgk_point_state s) {
  return s != XXGK_POINT_UNKNOWN && s != XXGK_POINT_NA;
}

int quality_percent(int got, int judged) {
  return judged ? (200 * got + judged) / (2 * judged) : -1;
}

const char *xxgk_point_state_name(xxgk_point_state s) {
  static const char *const N[] = {"met", "partial", "lost", "unknown", "n/a"};
  return (unsigned)s < 5 ? N[s] : "?";
}
