/*
 * cmd_findings.c — `xxgk findings`: the inconsistent reports of a corpus.
 */
#include "corpus_cli.h"

#include <string.h>

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_STRING, "rule", 0, corpus_opts, filter.rule, "R",
            "只看规则 R（A1 A2 A3 R1 V1 N1 Y1 Y2 Y3 P）"),
    CLI_OPT(CLI_FLAG, "json", 0, corpus_opts, json, NULL, "JSON 数组"),
    CLI_OPT_END,
};

struct out {
  int json;
  size_t n, errors;
  xxgk_buf b;
};

static int print(void *ctx, const xxgk_corpus_finding *f) {
  struct out *o = ctx;
  o->errors += strcmp(f->severity, "error") == 0;
  if (o->json) {
    xxgk_corpus_finding_json(&o->b, f, o->n);
    cli_flush(stdout, &o->b);
  } else {
    char year[16] = "";
    if (f->year)
      snprintf(year, sizeof year, "%d", f->year);
    printf("%s %s %s %s: %s [%s] (%s)\n", year, f->agency ? f->agency : "",
           f->severity, f->rule, f->message, f->cells, f->path);
  }
  o->n++;
  return 0;
}

static int run(int argc, char **argv) {
  corpus_opts opts;
  int n_pos;
  int rc = corpus_args(&cli_cmd_findings, argc, argv, &opts, &n_pos);
  if (rc >= 0)
    return rc;
  xxgk_corpus *c = corpus_open_existing(&opts, "findings");
  if (!c)
    return EXIT_UNREADABLE;
  struct out o = {.json = opts.json, .b = XXGK_BUF_INIT};
  xxgk_status st = xxgk_corpus_findings(c, &opts.filter, print, &o);
  if (st != XXGK_OK)
    fprintf(stderr, "xxgk findings: %s\n", xxgk_corpus_errmsg(c));
  xxgk_corpus_close(c);
  if (st == XXGK_OK && o.json) {
    xxgk_corpus_json_end(&o.b, o.n);
    cli_flush(stdout, &o.b);
  } else if (st == XXGK_OK) {
    fprintf(stderr, "xxgk findings: %zu 条发现，其中错误 %zu 条\n", o.n,
            o.errors);
  }
  xxgk_buf_free(&o.b);
  if (st != XXGK_OK)
    return EXIT_UNREADABLE;
  return o.errors ? EXIT_FINDINGS : EXIT_CONSISTENT;
}

const struct cli_cmd cli_cmd_findings = {
    .name = "findings",
    .summary = "语料库中不一致的报告（按规则、地区、年度）",
    .run = run,
    .synopsis =
        "用法: xxgk findings [--db FILE] [--rule R] [--region X] [--year N]\n"
        "                    [--kind K] [--json]\n"
        "\n"
        "列出语料库中不一致的报告：规则、单元格、机关、年度、文件。\n",
    .epilog =
        "退出码: 0 没有错误级发现；1 有；2 用法或数据库错误。\n"
        "\n"
        "示例:\n"
        "  xxgk findings --db corpus.db --rule Y1\n"
        "  xxgk findings --db corpus.db --region 天津市 --year 2023 --json\n",
    .opts = OPTS,
    .common = corpus_common,
    .max_pos = 0,
};
