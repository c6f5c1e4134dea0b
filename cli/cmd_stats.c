/*
 * cmd_stats.c — `xxgk stats`: the corpus in figures, by year, province and
 * agency kind, as JSON, CSV or an Excel workbook, and as SVG charts.
 */
#include "corpus_cli.h"
#include "dl.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

/* libxlsxwriter (with minizip and OpenSSL's libcrypto under it) loaded when
 * a workbook is written, not by every command (lib/dl.h). */
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

static json_object *member(json_object *o, const char *a, const char *b) {
  json_object *x = NULL, *y = NULL;
  json_object_object_get_ex(o, a, &x);
  if (b && x)
    json_object_object_get_ex(x, b, &y);
  return b ? y : x;
}

static const char *const DIMS[] = {"year", "province", "kind"};
static const char *const DIM_LABELS[] = {"年度", "省份", "机关类型"};

static void csv(json_object *arr, const char *by) {
  const xxgk_row_def *rows[64];
  int n_rows = xxgk_dict_rows_by_role(XXGK_T_APPLICATIONS,
                                      XXGK_ROLE_OUTCOME, rows, 64);
  for (int d = 0; d < 3; d++)
    if (strstr(by, DIMS[d]))
      printf("%s,", DIMS[d]);
  printf("reports,received,handled");
  for (int k = 0; k < n_rows; k++)
    printf(",share.%s", rows[k]->key);
  printf(",review_correction_rate,litigation_correction_rate\r\n");
  for (size_t i = 0; i < json_object_array_length(arr); i++) {
    json_object *o = json_object_array_get_idx(arr, i);
    for (int d = 0; d < 3; d++)
      if (strstr(by, DIMS[d]))
        printf("%s,", jstr(o, DIMS[d]));
    printf("%s,%s,%s", jstr(o, "reports"), jstr(o, "received"),
           jstr(o, "handled"));
    for (int k = 0; k < n_rows; k++) {
      json_object *v = member(o, "shares", rows[k]->key);
      printf(",%s", v ? json_object_get_string(v) : "");
    }
    printf(",%s,%s\r\n", jstr(o, "review_correction_rate"),
           jstr(o, "litigation_correction_rate"));
  }
}

static void xlsx_number(const struct dl_xlsx *x, lxw_worksheet *ws, int r,
                        int c, json_object *v, lxw_format *f) {
  if (v)
    x->worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
                              json_object_get_double(v), f);
}

static int xlsx(xxgk_corpus *c, const corpus_opts *o) {
  char why[256];
  const struct dl_xlsx *x = dl_xlsx(why, sizeof why);
  if (!x) {
    fprintf(stderr, "xxgk stats: %s\n", why);
    return EXIT_UNREADABLE;
  }
  lxw_workbook *wb = x->workbook_new(o->out);
  if (!wb) {
    fprintf(stderr, "xxgk stats: 无法写 %s\n", o->out);
    return EXIT_UNREADABLE;
  }
  lxw_format *pct = x->workbook_add_format(wb);
  x->format_set_num_format(pct, "0.00%");
  lxw_format *head = x->workbook_add_format(wb);
  x->format_set_bold(head);
  x->format_set_text_wrap(head);
  const xxgk_row_def *rows[64];
  int n_rows = xxgk_dict_rows_by_role(XXGK_T_APPLICATIONS,
                                      XXGK_ROLE_OUTCOME, rows, 64);
  static const char *const SHEETS[] = {"按年度", "按省份", "按机关类型"};
  int rc = EXIT_CONSISTENT;
  for (int d = 0; d < 3 && rc == EXIT_CONSISTENT; d++) {
    char *text;
    if (xxgk_corpus_stats(c, &o->filter, DIMS[d], &text) != XXGK_OK) {
      fprintf(stderr, "xxgk stats: %s\n", xxgk_corpus_errmsg(c));
      rc = EXIT_UNREADABLE;
      break;
    }
    json_object *arr = corpus_answer(text);
    lxw_worksheet *ws = x->workbook_add_worksheet(wb, SHEETS[d]);
    int col = 0;
    x->worksheet_write_string(ws, 0, (lxw_col_t)col++, DIM_LABELS[d], head);
    x->worksheet_write_string(ws, 0, (lxw_col_t)col++, "报告数", head);
    x->worksheet_write_string(ws, 0, (lxw_col_t)col++, "新收申请数", head);
    x->worksheet_write_string(ws, 0, (lxw_col_t)col++, "办理总数", head);
    for (int k = 0; k < n_rows; k++) {
      char label[300];
      snprintf(label, sizeof label, "%s%s 占比",
               rows[k]->subgroup ? rows[k]->subgroup : "", rows[k]->label);
      x->worksheet_write_string(ws, 0, (lxw_col_t)col++, label, head);
    }
    x->worksheet_write_string(ws, 0, (lxw_col_t)col++, "行政复议纠错率", head);
    x->worksheet_write_string(ws, 0, (lxw_col_t)col++, "行政诉讼纠错率", head);
    for (size_t i = 0; i < json_object_array_length(arr); i++) {
      json_object *r = json_object_array_get_idx(arr, i);
      int row = (int)i + 1;
      col = 0;
      json_object *dim = member(r, DIMS[d], NULL);
      if (dim && json_object_is_type(dim, json_type_int))
        xlsx_number(x, ws, row, col++, dim, NULL);
      else
        x->worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col++,
                                  dim ? json_object_get_string(dim) : "", NULL);
      xlsx_number(x, ws, row, col++, member(r, "reports", NULL), NULL);
      xlsx_number(x, ws, row, col++, member(r, "received", NULL), NULL);
      xlsx_number(x, ws, row, col++, member(r, "handled", NULL), NULL);
      for (int k = 0; k < n_rows; k++)
        xlsx_number(x, ws, row, col++, member(r, "shares", rows[k]->key), pct);
      xlsx_number(x, ws, row, col++, member(r, "review_correction_rate", NULL),
                  pct);
      xlsx_number(x, ws, row, col++,
                  member(r, "litigation_correction_rate", NULL), pct);
    }
    x->worksheet_set_column(ws, 0, (lxw_col_t)col, 14, NULL);
    json_object_put(arr);
  }
  if (x->workbook_close(wb) != LXW_NO_ERROR && rc == EXIT_CONSISTENT) {
    fprintf(stderr, "xxgk stats: 写 %s 失败\n", o->out);
    rc = EXIT_UNREADABLE;
  }
  return rc;
}

static int charts(xxgk_corpus *c, const corpus_opts *o) {
  if (mkdir(o->svg, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "xxgk stats: 无法创建目录 %s\n", o->svg);
    return EXIT_UNREADABLE;
  }
  char *svg[XXGK_CORPUS_CHARTS];
  if (xxgk_corpus_charts(c, &o->filter, svg) != XXGK_OK) {
    fprintf(stderr, "xxgk stats: %s\n", xxgk_corpus_errmsg(c));
    return EXIT_UNREADABLE;
  }
  int rc = EXIT_CONSISTENT;
  for (int i = 0; i < XXGK_CORPUS_CHARTS; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.svg", o->svg, xxgk_corpus_chart_name(i));
    FILE *f = fopen(path, "w");
    int ok = f && fputs(svg[i], f) >= 0;
    if (f && fclose(f) != 0)
      ok = 0;
    if (!ok) {
      fprintf(stderr, "xxgk stats: 无法写 %s\n", path);
      rc = EXIT_UNREADABLE;
    }
    xxgk_free(svg[i]);
  }
  return rc;
}

static const char *const FORMATS[] = {"json", "csv", "xlsx", NULL};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_STRING, "by", 0, corpus_opts, by, "year,province,kind",
            "分组（默认 year；可组合，如 year,province）"),
    CLI_OPT_ENUM("format", 0, corpus_opts, format, FORMATS,
                 "输出格式（默认 json）"),
    CLI_OPT(CLI_STRING, NULL, 'o', corpus_opts, out, "FILE",
            "xlsx 写到 FILE（--format xlsx 时必须给出）"),
    CLI_OPT(CLI_STRING, "svg", 0, corpus_opts, svg, "DIR",
            "在目录 DIR 中写出图表"),
    CLI_OPT_END,
};

static int run(int argc, char **argv) {
  corpus_opts o;
  int n_pos;
  int rc = corpus_args(&cli_cmd_stats, argc, argv, &o, &n_pos);
  if (rc >= 0)
    return rc;
  const char *format = o.format ? o.format : "json";
  if (strcmp(format, "xlsx") == 0 && !o.out)
    return cli_usage_error(&cli_cmd_stats, "--format xlsx 需要 -o FILE.xlsx");
  xxgk_corpus *c = corpus_open_existing(&o, "stats");
  if (!c)
    return EXIT_UNREADABLE;
  if (o.svg) {
    rc = charts(c, &o);
  } else if (strcmp(format, "xlsx") == 0) {
    rc = xlsx(c, &o);
  } else {
    const char *by = o.by ? o.by : "year";
    char *text;
    if (xxgk_corpus_stats(c, &o.filter, by, &text) != XXGK_OK) {
      fprintf(stderr, "xxgk stats: %s\n", xxgk_corpus_errmsg(c));
      rc = EXIT_UNREADABLE;
    } else if (strcmp(format, "json") == 0) {
      fputs(text, stdout);
      xxgk_free(text);
      rc = EXIT_CONSISTENT;
    } else {
      json_object *arr = corpus_answer(text);
      csv(arr, by);
      json_object_put(arr);
      rc = EXIT_CONSISTENT;
    }
  }
  xxgk_corpus_close(c);
  return rc;
}

const struct cli_cmd cli_cmd_stats = {
    .name = "stats",
    .summary = "语料库统计：按年度、省份、机关类型；CSV、XLSX、SVG",
    .run = run,
    .synopsis =
        "用法: xxgk stats [--db FILE] [--by year,province,kind] "
        "[--format json|csv]\n"
        "                 [--region X] [--year N] [--kind K]\n"
        "      xxgk stats --format xlsx -o FILE.xlsx [筛选…]\n"
        "      xxgk stats --svg DIR [筛选…]\n"
        "\n"
        "按年度、省份、机关类型统计：报告数、新收申请数、办理总数、各项办理结果的\n"
        "占比（予以公开率、部分公开率、各不予公开理由、本机关不掌握……）、行政复议\n"
        "和行政诉讼的纠错率（纠正 ÷ 已审结）。每个机关每年只计最新的一份报告。\n"
        "xlsx 写出三张工作表（按年度、按省份、按机关类型），中文表头，数字为\n"
        "数值。图表：trend.svg（各年新收申请）、outcomes.svg（办理结果分布）、\n"
        "regions.svg（各省行政复议纠错率排名）。\n",
    .epilog =
        "示例:\n"
        "  xxgk stats --db corpus.db --by year,kind --format csv > stats.csv\n"
        "  xxgk stats --db corpus.db --format xlsx -o stats.xlsx\n"
        "  xxgk stats --db corpus.db --svg charts/\n",
    .opts = OPTS,
    .common = corpus_common,
    .max_pos = 0,
};
