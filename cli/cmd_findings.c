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

static int run(int argc, char **argv) {
  corpus_opts o;
  int n_pos;
  int rc = corpus_args(&cli_cmd_findings, argc, argv, &o, &n_pos);
  if (rc >= 0)
    return rc;
  xxgk_corpus *c = corpus_open_existing(&o, "findings");
  if (!c)
    return EXIT_UNREADABLE;
  char *text;
  if (xxgk_corpus_findings(c, &o.filter, &text) != XXGK_OK) {
    fprintf(stderr, "xxgk findings: %s\n", xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    return EXIT_UNREADABLE;
  }
  xxgk_corpus_close(c);
  if (o.json) /* the library's answer as it is */
    fputs(text, stdout);
  json_object *arr = corpus_answer(text);
  size_t n = json_object_array_length(arr), errors = 0;
  for (size_t i = 0; i < n; i++) {
    json_object *f = json_object_array_get_idx(arr, i);
    errors += strcmp(jstr(f, "severity"), "error") == 0;
    if (!o.json)
      printf("%s %s %s %s: %s [%s] (%s)\n", jstr(f, "year"), jstr(f, "agency"),
             jstr(f, "severity"), jstr(f, "rule"), jstr(f, "message"),
             jstr(f, "cells"), jstr(f, "path"));
  }
  if (!o.json)
    fprintf(stderr, "xxgk findings: %zu 条发现，其中错误 %zu 条\n", n, errors);
  json_object_put(arr);
  return errors ? EXIT_FINDINGS : EXIT_CONSISTENT;
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
