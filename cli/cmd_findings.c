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
  corpus_list list;
  size_t errors;
};

static int print(void *ctx, const xxgk_corpus_finding *f) {
  struct out *o = ctx;
  o->errors += strcmp(f->severity, "error") == 0;
  if (o->list.json) {
    xxgk_corpus_finding_json(&o->list.b, f, o->list.n);
    cli_flush(stdout, &o->list.b);
  } else {
    char year[16] = "";
    if (f->year)
      snprintf(year, sizeof year, "%d", f->year);
    printf("%s %s %s %s: %s [%s] (%s)\n", year, f->agency ? f->agency : "",
           f->severity, f->rule, f->message, f->cells, f->path);
  }
  o->list.n++;
  return 0;
}

static int run(const struct cli_call *c) {
  const corpus_opts *opts = c->args;
  struct out o = {.list = {.json = opts->json, .b = XXGK_BUF_INIT}};
  xxgk_status st = corpus_list_end(
      &o.list, c->corpus,
      xxgk_corpus_findings(c->corpus, &opts->filter, print, &o), "findings");
  if (st != XXGK_OK)
    return EXIT_UNREADABLE;
  if (!o.list.json)
    fprintf(stderr, "xxgk findings: %zu 条发现，其中错误 %zu 条\n", o.list.n,
            o.errors);
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
    .args_size = sizeof(corpus_opts),
    .opens = CLI_OPENS_CORPUS,
};
