/*
 * cmd_report.c — `xxgk report --agency ID --year N`: the annual report's
 * tables (format 2021) counted from the register, checked, then written as
 * canonical JSON or as a whole report in any format of `xxgk render`.
 */
#include "reg_cli.h"


struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  const char *to, *path;
  int64_t agency;
  int year;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_ID, "agency", 0, struct args, agency, "ID", "机关编号"),
    CLI_OPT_INT("year", 0, struct args, year, "年度", 1, 9999, "报告年度"),
    CLI_OPT_ENUM("to", 0, struct args, to, cli_report_formats,
                 "输出格式（默认 json，或按 -o 的扩展名）"),
    CLI_OPT_ENUM("format", 0, struct args, to, cli_report_formats,
                 "同 --to（旧名）"),
    CLI_OPT(CLI_STRING, NULL, 'o', struct args, path, "FILE",
            "写到文件（默认标准输出）"),
    CLI_OPT_END,
};

static int run(int argc, char **argv) {
  struct args a = {0};
  int n_pos;
  int rc = cli_parse(&cli_cmd_report, argc, argv, &a, &n_pos);
  if (rc >= 0)
    return rc;
  if (!a.agency)
    return cli_usage_error(&cli_cmd_report, "请给出 --agency（机关编号）");
  if (!a.year)
    return cli_usage_error(&cli_cmd_report, "请给出 --year（年度）");
  const char *to = a.to || a.path ? a.to : "json";
  xxgk_reg *r = cli_reg_open(&a.o, 0, "report");
  if (!r)
    return EXIT_UNREADABLE;
  xxgk_doc *d;
  if (xxgk_reg_report(r, a.agency, a.year, &d) != XXGK_OK) {
    rc = cli_reg_fail(r, "report");
    xxgk_reg_close(r);
    return rc;
  }
  size_t errors = xxgk_check(d);
  rc = cli_write_report(d, to, a.path, "report");
  if (errors)
    cli_print_diags(stderr, d, XXGK_SEV_ERROR);
  xxgk_doc_free(d);
  xxgk_reg_close(r);
  return rc != 0 ? rc : errors ? EXIT_FINDINGS : 0;
}

const struct cli_cmd cli_cmd_report = {
    .name = "report",
    .summary = "由登记簿生成年度报告统计表（2021 年格式）",
    .run = run,
    .synopsis =
        "用法: xxgk report --agency ID --year 年度 [--to json|html|docx|md|txt]\n"
        "                  [-o FILE]\n"
        "\n"
        "由登记簿生成年度报告的统计表（2021 年格式），输出规范 JSON（与\n"
        "xxgk parse 相同的键名）。机关有下属单位的，汇总全部下属单位。\n"
        "  本年新收     收到日期在本年的申请\n"
        "  上年结转     本年 1 月 1 日仍未办结的申请\n"
        "  办理结果     办结日期在本年的申请，按答复结果\n"
        "  结转下年度   本年 12 月 31 日仍未办结的申请\n"
        "  复议诉讼     本年审结的按结果，年底未审结的计“尚未审结”\n"
        "  主动公开     由文件的制发、废止日期和登记的年度数字算出\n"
        "输出前按 xxgk check 的规则核对；不一致（不应出现）则退出码为 1。\n"
        "json（默认）为规范数据；html、docx、md、txt 为按官方格式排版的完整\n"
        "报告（正文各部分留有应写内容的提示）。\n",
    .epilog =
        "示例:\n"
        "  xxgk report --agency 1 --year 2024 > 2024.json\n"
        "  xxgk report --agency 1 --year 2024 | xxgk check -\n"
        "  xxgk report --agency 2 --year 2024 -o 2024年度报告.docx\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 0,
};
