/*
 * cmd_doc.c — `xxgk doc add|repeal|figure`: the active-disclosure records
 * behind table 2 — 规章 and 行政规范性文件 with issue and repeal dates, and
 * the year's figures of 行政许可, 行政处罚, 行政强制 and 行政事业性收费.
 */
#include "reg_cli.h"

#include <stdlib.h>
#include <string.h>

struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  const char *kind, *title, *issued, *number, *date, *item, *value;
  int64_t agency;
  int year;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_ID, "agency", 0, struct args, agency, "ID",
            "机关编号（add、figure）"),
    CLI_OPT(CLI_STRING, "kind", 0, struct args, kind, "类别",
            "文件类别（add；见上）"),
    CLI_OPT(CLI_STRING, "title", 0, struct args, title, "标题",
            "文件标题（add）"),
    CLI_OPT(CLI_DATE, "issued", 0, struct args, issued, "日期",
            "制发日期（add）"),
    CLI_OPT(CLI_STRING, "number", 0, struct args, number, "文号",
            "文号（add）"),
    CLI_OPT(CLI_DATE, "date", 0, struct args, date, "日期",
            "废止日期（repeal）"),
    CLI_OPT_INT("year", 0, struct args, year, "年度", 1, 9999,
                "年度（figure）"),
    CLI_OPT(CLI_STRING, "item", 0, struct args, item, "项目",
            "项目（figure；见上）"),
    CLI_OPT(CLI_STRING, "value", 0, struct args, value, "数值",
            "本年数量，或收费金额（万元）（figure）"),
    CLI_OPT_END,
};

enum { ADD, REPEAL, FIGURE };

static int check(struct cli_call *c) {
  const struct args *a = c->args;
  if (c->verb != REPEAL && !a->agency)
    return cli_usage_error(&cli_cmd_doc, "请给出 --agency（机关编号）");
  if (c->verb == FIGURE && !a->year)
    return cli_usage_error(&cli_cmd_doc, "请给出 --year（年度）");
  return -1;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_reg *r = c->reg;
  if (c->verb == ADD) {
    xxgk_record d = {.agency_id = a->agency, .kind = a->kind,
                     .title = a->title, .number = a->number,
                     .issued = a->issued};
    if (xxgk_reg_record_add(r, &d) != XXGK_OK)
      return cli_reg_fail(r, "doc");
    cli_added(&a->o, d.id, "已登记文件 %lld：%s\n", (long long)d.id, a->title);
  } else if (c->verb == REPEAL) {
    int64_t id = cli_id(c->n_pos > 1 ? c->pos[1] : NULL, "文件编号", "doc");
    if (!id)
      return EXIT_UNREADABLE;
    if (xxgk_reg_record_repeal(r, id, a->date) != XXGK_OK)
      return cli_reg_fail(r, "doc");
    printf("已登记文件 %lld 于 %s 废止\n", (long long)id, a->date);
  } else {
    if (xxgk_reg_figure_set(r, a->agency, a->year, a->item, a->value) !=
        XXGK_OK)
      return cli_reg_fail(r, "doc");
    printf("已登记机关 %lld %d 年 %s = %s\n", (long long)a->agency, a->year,
           a->item, a->value);
  }
  return 0;
}

const struct cli_cmd cli_cmd_doc = {
    .name = "doc",
    .summary = "主动公开的规章、规范性文件和年度数字（add|repeal|figure）",
    .run = run,
    .synopsis =
        "用法: xxgk doc add --agency ID --kind 类别 --title 标题 --issued 日期\n"
        "                   [--number 文号]\n"
        "      xxgk doc repeal ID --date 日期\n"
        "      xxgk doc figure --agency ID --year 年度 --item 项目 --value 数值\n"
        "\n"
        "主动公开（表二）的依据。年度报告中的本年制发、本年废止、现行有效件数\n"
        "由文件的制发和废止日期算出。\n"
        "  类别  rules（规章） normative_documents（行政规范性文件）\n"
        "  项目  licensing（行政许可） punishment（行政处罚） coercion（行政强制）：\n"
        "        本年处理决定数量；fees（行政事业性收费）：本年收费金额，万元\n",
    .epilog =
        "示例:\n"
        "  xxgk doc add --agency 2 --kind normative_documents --title 某某办法 "
        "\\\n"
        "      --number '某环发〔2024〕1号' --issued 2024-02-01\n"
        "  xxgk doc repeal 3 --date 2024-11-01\n"
        "  xxgk doc figure --agency 2 --year 2024 --item fees --value 1.2345\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 2,
    .verbs = (const struct cli_verb[]){
        {"add", 0}, {"repeal", 1}, {"figure", 0}, {NULL, 0}},
    .args_size = sizeof(struct args),
    .opens = CLI_OPENS_REGISTER,
    .check = check,
};
