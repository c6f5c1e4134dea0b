/*
 * cmd_diff.c — `xxgk diff`: two years of one agency compared, figure by
 * figure, with the cross-year rules Y1–Y3 (xxgk_check_years, xxgk_diff).
 */
#include "cli.h"

#include <string.h>

struct args {
  int json;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_FLAG, "json", 0, struct args, json, NULL,
            "JSON 输出，供脚本使用"),
    CLI_OPT_END,
};

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_doc *d[2];
  int rc = cli_parse_reports(c->pos, 2, d, NULL, "diff", "");
  if (rc == 0) {
    size_t errors = xxgk_check_years(d[0], d[1]);
    cli_put(stdout,
            xxgk_diff(d[0], d[1], a->json ? XXGK_DIFF_JSON : XXGK_DIFF_TEXT));
    rc = errors ? EXIT_FINDINGS : EXIT_CONSISTENT;
  }
  xxgk_doc_free(d[0]);
  xxgk_doc_free(d[1]);
  return rc;
}

const struct cli_cmd cli_cmd_diff = {
    .name = "diff",
    .summary = "比较同一机关两年的报告，检查跨年度规则（Y1–Y3）",
    .run = run,
    .synopsis =
        "用法: xxgk diff [--json] OLD NEW\n"
        "\n"
        "比较同一机关相邻两年的年度报告：列出每个变化的数字及其增减（绝对值和\n"
        "百分比），并检查跨年度规则：\n"
        "  Y1  各列：上年“结转下年度继续办理” = 本年“上年结转”（错误）\n"
        "  Y2  2021年格式：上年现行有效 + 本年制发 − 本年废止 = 本年现行有效\n"
        "      （规章、行政规范性文件；警告，修改文件也会改变件数）\n"
        "  Y3  上年尚未审结的复议、诉讼案件在本年有着落（提示）\n"
        "OLD、NEW 为 xxgk parse 能读的任一形式或规范 JSON；- 为标准输入。\n",
    .epilog =
        "退出码: 0 无跨年度错误；1 有跨年度错误（Y1）；2 有文件无法读取。\n"
        "\n"
        "示例:\n"
        "  xxgk diff 2022.txt 2023.txt\n"
        "  xxgk diff --json 2022.json 2023.json | jq '.changes[] | "
        "select(.relative > 0.5)'\n",
    .opts = OPTS,
    .max_pos = 2,
    .min_pos = 2,
    .missing = "请给出两个报告文件：上年的和本年的",
    .args_size = sizeof(struct args),
};
