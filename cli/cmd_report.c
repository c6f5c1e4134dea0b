/*
 * cmd_report.c — `xxgk report --agency ID --year N`: the annual report's
 * tables (format 2021) counted from the register, as canonical JSON (or
 * Markdown), checked before it is printed.
 */
#include "reg_cli.h"

#include <string.h>

static const char USAGE[] =
    "用法: xxgk report --agency ID --year 年度 [--format json|md]\n"
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
    "\n"
    "  --db FILE      登记簿文件（默认 $XXGK_DB，否则 ./xxgk.db）\n"
    "  --format FMT   json（默认）或 md\n"
    "\n"
    "示例:\n"
    "  xxgk report --agency 1 --year 2024 > 2024.json\n"
    "  xxgk report --agency 1 --year 2024 | xxgk check -\n"
    "  xxgk report --agency 2 --year 2024 --format md\n";

int cmd_report(int argc, char **argv) {
  struct reg_opts o = {0};
  const char *agency = NULL, *year = NULL, *format = NULL, *pos[1];
  int n_pos;
  const struct opt opts[] = {{"--agency", &agency, NULL},
                             {"--year", &year, NULL},
                             {"--format", &format, NULL}};
  int rc = cli_reg_args(argc, argv, opts, 3, &o, pos, 0, &n_pos, "report",
                        USAGE);
  if (rc >= 0)
    return rc;
  xxgk_output out = XXGK_OUT_JSON;
  if (format && strcmp(format, "md") == 0)
    out = XXGK_OUT_MARKDOWN;
  else if (format && strcmp(format, "json") != 0) {
    fprintf(stderr, "xxgk report: 未知格式 %s（json 或 md）\n", format);
    return EXIT_UNREADABLE;
  }
  int64_t id = cli_id(agency, "机关编号（--agency）", "report");
  int64_t y = id ? cli_id(year, "年度（--year）", "report") : 0;
  if (!id || !y)
    return EXIT_UNREADABLE;
  xxgk_reg *r = cli_reg_open(&o, 0, "report");
  if (!r)
    return EXIT_UNREADABLE;
  xxgk_doc *d;
  if (xxgk_reg_report(r, id, (int)y, &d) != XXGK_OK) {
    rc = cli_reg_fail(r, "report");
    xxgk_reg_close(r);
    return rc;
  }
  size_t errors = xxgk_check(d);
  cli_put(stdout, xxgk_render(d, out));
  if (errors)
    cli_print_diags(stderr, d, XXGK_SEV_ERROR);
  xxgk_doc_free(d);
  xxgk_reg_close(r);
  return errors ? EXIT_FINDINGS : 0;
}
