/*
 * cmd_stats.c — `xxgk stats`: the corpus in figures, by year, province and
 * agency kind, as JSON, CSV or an Excel workbook, and as SVG charts.
 */
#include "corpus_cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* A report of the ranking (--by quality) as JSON or CSV, as it comes. */
static int rank_row(void *ctx, const xxgk_corpus_rank *r) {
  corpus_list *l = ctx;
  if (l->json)
    xxgk_corpus_rank_json(&l->b, r, l->n++);
  else
    xxgk_corpus_rank_csv(&l->b, r, l->n++);
  cli_flush(stdout, &l->b);
  return 0;
}

static int charts(xxgk_corpus *c, const corpus_opts *o) {
  if (mkdir(o->svg, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "xxgk stats: 无法创建目录 %s\n", o->svg);
    return EXIT_UNREADABLE;
  }
  char *svg[XXGK_CORPUS_CHARTS];
  if (xxgk_corpus_charts(c, &o->filter, svg) != XXGK_OK)
    return cli_corpus_fail(c, "stats");
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

static const char *format_of(const corpus_opts *o) {
  return o->format ? o->format : "json";
}

static int check(struct cli_call *c) {
  const corpus_opts *o = c->args;
  if (strcmp(format_of(o), "xlsx") == 0 && !o->out)
    return cli_usage_error(&cli_cmd_stats, "--format xlsx 需要 -o FILE.xlsx");
  return -1;
}

static int run(const struct cli_call *call) {
  const corpus_opts *o = call->args;
  xxgk_corpus *c = call->corpus;
  const char *format = format_of(o);
  if (o->by && strcmp(o->by, "quality") == 0 && !o->svg &&
      strcmp(format, "xlsx") != 0) {
    corpus_list l = {.json = strcmp(format, "json") == 0, .b = XXGK_BUF_INIT};
    return corpus_list_end(&l, c,
                           xxgk_corpus_ranking(c, &o->filter, rank_row, &l),
                           "stats") == XXGK_OK
               ? EXIT_CONSISTENT
               : EXIT_UNREADABLE;
  }
  if (o->svg)
    return charts(c, o);
  if (strcmp(format, "xlsx") == 0) {
    return xxgk_corpus_xlsx(c, &o->filter, o->out) == XXGK_OK
               ? EXIT_CONSISTENT
               : cli_corpus_fail(c, "stats");
  }
  xxgk_corpus_groups *g;
  if (xxgk_corpus_stats(c, &o->filter, o->by ? o->by : "year", &g) != XXGK_OK)
    return cli_corpus_fail(c, "stats");
  xxgk_buf b = XXGK_BUF_INIT;
  if (strcmp(format, "json") == 0)
    xxgk_corpus_groups_json(&b, g);
  else
    xxgk_corpus_groups_csv(&b, g);
  cli_flush(stdout, &b);
  xxgk_buf_free(&b);
  xxgk_corpus_groups_free(g);
  return EXIT_CONSISTENT;
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
    .args_size = sizeof(corpus_opts),
    .opens = CLI_OPENS_CORPUS,
    .check = check,
};
