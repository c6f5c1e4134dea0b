/*
 * cmd_stats.c — `xxgk stats`: the corpus in figures, by year, province and
 * agency kind, as JSON, CSV or an Excel workbook, and as SVG charts.
 */
#include "corpus_cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const char *const DIMS[] = {"year", "province", "kind"};

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
      json_object *shares = NULL, *v = NULL;
      if (json_object_object_get_ex(o, "shares", &shares))
        json_object_object_get_ex(shares, rows[k]->key, &v);
      printf(",%s", v ? json_object_get_string(v) : "");
    }
    printf(",%s,%s\r\n", jstr(o, "review_correction_rate"),
           jstr(o, "litigation_correction_rate"));
  }
}

/* The ranking by quality score: JSON as the library answers, or CSV with a
 * column per key of its objects, in their order. */
static int ranking(xxgk_corpus *c, const char *format,
                   const xxgk_corpus_filter *f) {
  char *text;
  if (xxgk_corpus_ranking(c, f, &text) != XXGK_OK) {
    fprintf(stderr, "xxgk stats: %s\n", xxgk_corpus_errmsg(c));
    return EXIT_UNREADABLE;
  }
  if (strcmp(format, "json") == 0) {
    cli_put(stdout, text);
    return EXIT_CONSISTENT;
  }
  json_object *arr = corpus_answer(text);
  for (size_t i = 0; i < json_object_array_length(arr); i++) {
    json_object *r = json_object_array_get_idx(arr, i);
    int k = 0;
    if (i == 0) {
      json_object_object_foreach(r, key, v0) {
        (void)v0;
        printf("%s%s", k++ ? "," : "", key);
      }
      printf("\r\n");
      k = 0;
    }
    json_object_object_foreach(r, key, v) {
      (void)key;
      const char *t = v ? json_object_get_string(v) : "";
      printf("%s", k++ ? "," : "");
      if (strpbrk(t, ",\"\r\n")) { /* RFC 4180 */
        putchar('"');
        for (; *t; t++)
          printf(*t == '"' ? "\"\"" : "%c", *t);
        putchar('"');
      } else {
        fputs(t, stdout);
      }
    }
    printf("\r\n");
  }
  json_object_put(arr);
  return EXIT_CONSISTENT;
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
            "分组（默认 year；可组合，如 year,province）；quality：按质量"
            "得分排名"),
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
  } else if (o.by && strcmp(o.by, "quality") == 0 &&
             strcmp(format, "xlsx") != 0) {
    rc = ranking(c, format, &o.filter);
  } else if (strcmp(format, "xlsx") == 0) {
    rc = EXIT_CONSISTENT;
    if (xxgk_corpus_xlsx(c, &o.filter, o.out) != XXGK_OK) {
      fprintf(stderr, "xxgk stats: %s\n", xxgk_corpus_errmsg(c));
      rc = EXIT_UNREADABLE;
    }
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
        "用法: xxgk stats [--db FILE] [--by year,province,kind|quality] "
        "[--format json|csv]\n"
        "                 [--region X] [--year N] [--kind K]\n"
        "      xxgk stats --format xlsx -o FILE.xlsx [筛选…]\n"
        "      xxgk stats --svg DIR [筛选…]\n"
        "\n"
        "按年度、省份、机关类型统计：报告数、新收申请数、办理总数、各项办理结果的\n"
        "占比（予以公开率、部分公开率、各不予公开理由、本机关不掌握……）、行政复议\n"
        "和行政诉讼的纠错率（纠正 ÷ 已审结）。每个机关每年只计最新的一份报告。\n"
        "--by quality 按质量得分排名，每份报告一行（名次、得分、失分项；评分\n"
        "办法见 docs/quality.md）。xlsx 写出四张工作表（按年度、按省份、按机关\n"
        "类型、质量排名），中文表头，数字为数值。图表：trend.svg（各年新收\n"
        "申请）、outcomes.svg（办理结果分布）、regions.svg（各省行政复议纠错率\n"
        "排名）。\n",
    .epilog =
        "示例:\n"
        "  xxgk stats --db corpus.db --by year,kind --format csv > stats.csv\n"
        "  xxgk stats --db corpus.db --format xlsx -o stats.xlsx\n"
        "  xxgk stats --db corpus.db --by quality --format csv > 排名.csv\n"
        "  xxgk stats --db corpus.db --svg charts/\n",
    .opts = OPTS,
    .common = corpus_common,
    .max_pos = 0,
};
