/*
 * cmd_report.c — `xxgk report --agency ID --year N`: the annual report's
 * tables (format 2021) counted from the register, checked, then written as
 * canonical JSON or as a whole report in any format of `xxgk render`.
 */
#include "reg_cli.h"

#include <string.h>

static const char USAGE[] =
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
    "\n"
    "  --db FILE      登记簿文件（默认 $XXGK_DB，否则 ./xxgk.db）\n"
    "  --to FMT       json（默认，规范数据）；html、docx、md、txt 为按官方格式\n"
    "                 排版的完整报告（正文各部分留有应写内容的提示）\n"
    "  -o FILE        写到文件（默认标准输出；格式可由扩展名确定）\n"
    "\n"
    "示例:\n"
    "  xxgk report --agency 1 --year 2024 > 2024.json\n"
    "  xxgk report --agency 1 --year 2024 | xxgk check -\n"
    "  xxgk report --agency 2 --year 2024 -o 2024年度报告.docx\n";

int cmd_report(int argc, char **argv) {
  struct reg_opts o = {0};
  const char *agency = NULL, *year = NULL, *to = NULL, *path = NULL,
             *pos[1];
  int n_pos;
  const struct opt opts[] = {{"--agency", &agency, NULL},
                             {"--year", &year, NULL},
                             {"--to", &to, NULL},
                             {"--format", &to, NULL}, /* its earlier name */
                             {"-o", &path, NULL}};
  int rc = cli_reg_args(argc, argv, opts, 5, &o, pos, 0, &n_pos, "report",
                        USAGE);
  if (rc >= 0)
    return rc;
  if (!to && !path)
    to = "json";
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
  rc = cli_write_report(d, to, path, "report");
  if (errors)
    cli_print_diags(stderr, d, XXGK_SEV_ERROR);
  xxgk_doc_free(d);
  xxgk_reg_close(r);
  return rc != 0 ? rc : errors ? EXIT_FINDINGS : 0;
}
