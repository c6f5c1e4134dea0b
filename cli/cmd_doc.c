/*
 * cmd_doc.c — `xxgk doc add|repeal|figure`: the active-disclosure records
 * behind table 2 — 规章 and 行政规范性文件 with issue and repeal dates, and
 * the year's figures of 行政许可, 行政处罚, 行政强制 and 行政事业性收费.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "用法: xxgk doc add --agency ID --kind 类别 --title 标题 --issued 日期\n"
    "                   [--number 文号]\n"
    "      xxgk doc repeal ID --date 日期\n"
    "      xxgk doc figure --agency ID --year 年度 --item 项目 --value 数值\n"
    "\n"
    "主动公开（表二）的依据。年度报告中的本年制发、本年废止、现行有效件数\n"
    "由文件的制发和废止日期算出。\n"
    "  类别  rules（规章） normative_documents（行政规范性文件）\n"
    "  项目  licensing（行政许可） punishment（行政处罚） coercion（行政强制）：\n"
    "        本年处理决定数量；fees（行政事业性收费）：本年收费金额，万元\n"
    "\n"
    "  --db FILE   登记簿文件（默认 $XXGK_DB，否则 ./xxgk.db）\n"
    "  --user 姓名 经办人，记入审计日志\n"
    "  --json      输出 JSON\n"
    "\n"
    "示例:\n"
    "  xxgk doc add --agency 2 --kind normative_documents --title 某某办法 \\\n"
    "      --number '某环发〔2024〕1号' --issued 2024-02-01\n"
    "  xxgk doc repeal 3 --date 2024-11-01\n"
    "  xxgk doc figure --agency 2 --year 2024 --item fees --value 1.2345\n";

int cmd_doc(int argc, char **argv) {
  struct reg_opts o = {0};
  const char *agency = NULL, *kind = NULL, *title = NULL, *issued = NULL,
             *number = NULL, *date = NULL, *year = NULL, *item = NULL,
             *value = NULL, *pos[2];
  int n_pos;
  const struct opt opts[] = {
      {"--agency", &agency, NULL}, {"--kind", &kind, NULL},
      {"--title", &title, NULL},   {"--issued", &issued, NULL},
      {"--number", &number, NULL}, {"--date", &date, NULL},
      {"--year", &year, NULL},     {"--item", &item, NULL},
      {"--value", &value, NULL}};
  int rc = cli_reg_args(argc, argv, opts, 9, &o, pos, 2, &n_pos, "doc", USAGE);
  if (rc >= 0)
    return rc;
  const char *sub = n_pos ? pos[0] : "";
  if (strcmp(sub, "add") && strcmp(sub, "repeal") && strcmp(sub, "figure")) {
    fprintf(stderr, "xxgk doc: 请给出子命令 add、repeal 或 figure\n\n%s", USAGE);
    return EXIT_UNREADABLE;
  }
  xxgk_reg *r = cli_reg_open(&o, 0, "doc");
  if (!r)
    return EXIT_UNREADABLE;
  rc = 0;
  if (strcmp(sub, "add") == 0) {
    xxgk_record d = {.kind = kind, .title = title, .number = number,
                     .issued = issued};
    if (!(d.agency_id = cli_id(agency, "机关编号（--agency）", "doc")))
      rc = EXIT_UNREADABLE;
    else if (xxgk_reg_record_add(r, &d) != XXGK_OK)
      rc = cli_reg_fail(r, "doc");
    else if (o.json)
      printf("{\"id\": %lld}\n", (long long)d.id);
    else
      printf("已登记文件 %lld：%s\n", (long long)d.id, title);
  } else if (strcmp(sub, "repeal") == 0) {
    int64_t id = cli_id(n_pos > 1 ? pos[1] : NULL, "文件编号", "doc");
    if (!id)
      rc = EXIT_UNREADABLE;
    else if (xxgk_reg_record_repeal(r, id, date) != XXGK_OK)
      rc = cli_reg_fail(r, "doc");
    else
      printf("已登记文件 %lld 于 %s 废止\n", (long long)id, date);
  } else {
    int64_t id = cli_id(agency, "机关编号（--agency）", "doc");
    int64_t y = cli_id(year, "年度（--year）", "doc");
    if (!id || !y)
      rc = EXIT_UNREADABLE;
    else if (xxgk_reg_figure_set(r, id, (int)y, item, value) != XXGK_OK)
      rc = cli_reg_fail(r, "doc");
    else
      printf("已登记机关 %lld %lld 年 %s = %s\n", (long long)id, (long long)y,
             item, value);
  }
  xxgk_reg_close(r);
  return rc;
}
