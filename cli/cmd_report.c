/*
 * cmd_report.c — `xxgk report --agency ID --year N`: the annual report's
 * tables (format 2021) counted from the register, checked, then written as
 * canonical JSON or as a whole report in any format of `xxgk render`;
 * with --explain KEY, the applications, reviews or records one figure
 * counts.
 */
#include "reg_cli.h"


struct args {
  struct reg_opts o; /* first: reg_common's offsets */
  const char *to, *path, *explain;
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
    CLI_OPT(CLI_STRING, "explain", 0, struct args, explain, "KEY",
            "列出某个数字所计的申请、复议诉讼或文件（键名如 "
            "applications.granted.total）"),
    CLI_OPT_END,
};

struct listing {
  int json, n;
};

static int list_item(void *ctx, const xxgk_report_item *it) {
  struct listing *l = ctx;
  char v[40];
  xxgk_num_format(it->value, v);
  if (l->json) {
    printf("%s\n  {\"kind\": \"%s\", \"id\": %lld, \"case_id\": ",
           l->n ? "," : "", xxgk_item_key(it->kind), (long long)it->id);
    if (it->case_id)
      printf("%lld", (long long)it->case_id);
    else
      fputs("null", stdout);
    cli_json_field(stdout, "ref", it->ref);
    cli_json_field(stdout, "agency", it->agency);
    cli_json_field(stdout, "date", it->date);
    cli_json_field(stdout, "detail", it->detail);
    printf(", \"value\": %s}", v);
  } else {
    printf("  %-12s %-10s %s  %s\n", it->ref ? it->ref : "",
           it->date ? it->date : "", it->agency ? it->agency : "",
           it->detail ? it->detail : "");
  }
  l->n++;
  return 0;
}

/* --explain: the figure, then what it counts. */
static int explain(xxgk_reg *r, const struct args *a) {
  struct listing l = {a->o.json, 0};
  xxgk_report_cell cell;
  if (l.json)
    printf("{\"key\": \"%s\", \"items\": [", a->explain);
  xxgk_status st = xxgk_reg_report_explain(r, a->agency, a->year, a->explain,
                                           &cell, list_item, &l);
  if (st != XXGK_OK) {
    if (l.json)
      puts("]}");
    return cli_reg_fail(r, "report");
  }
  char v[40];
  xxgk_num_format(cell.value, v);
  if (l.json) {
    printf("%s], \"label\": ", l.n ? "\n" : "");
    cli_json_str(stdout, cell.label);
    printf(", \"value\": %s, \"money\": %s, \"count\": %lld}\n", v,
           cell.money ? "true" : "false", (long long)cell.n_items);
  } else {
    printf("%d 年 %s（%s）= %s%s，共 %lld 项\n", a->year, cell.label,
           a->explain, v, cell.money ? "（各项金额之和）" : "",
           (long long)cell.n_items);
  }
  return 0;
}

static int check(struct cli_call *c) {
  const struct args *a = c->args;
  if (!a->agency)
    return cli_usage_error(&cli_cmd_report, "请给出 --agency（机关编号）");
  if (!a->year)
    return cli_usage_error(&cli_cmd_report, "请给出 --year（年度）");
  return -1;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  xxgk_reg *r = c->reg;
  const char *to = a->to || a->path ? a->to : "json";
  if (a->explain)
    return explain(r, a);
  xxgk_doc *d;
  if (xxgk_reg_report(r, a->agency, a->year, &d) != XXGK_OK)
    return cli_reg_fail(r, "report");
  size_t errors = xxgk_check(d);
  int rc = cli_write_report(d, to, a->path, "report");
  if (errors)
    cli_print_diags(stderr, d, XXGK_SEV_ERROR);
  xxgk_doc_free(d);
  return rc != 0 ? rc : errors ? EXIT_FINDINGS : 0;
}

const struct cli_cmd cli_cmd_report = {
    .name = "report",
    .summary = "由登记簿生成年度报告统计表（2021 年格式）",
    .run = run,
    .synopsis =
        "用法: xxgk report --agency ID --year 年度 [--to json|html|docx|md|txt]\n"
        "                  [-o FILE]\n"
        "      xxgk report --agency ID --year 年度 --explain KEY [--json]\n"
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
        "报告（正文各部分留有应写内容的提示）。\n"
        "--explain KEY 列出该数字所计的每一项（申请、复议诉讼、文件、收费\n"
        "记录或登记的年度数字），与报告同一次统计得出，项数（金额之和）\n"
        "总等于该数字。\n",
    .epilog =
        "示例:\n"
        "  xxgk report --agency 1 --year 2024 > 2024.json\n"
        "  xxgk report --agency 1 --year 2024 | xxgk check -\n"
        "  xxgk report --agency 2 --year 2024 -o 2024年度报告.docx\n"
        "  xxgk report --agency 1 --year 2024 --explain "
        "applications.granted.natural_person\n",
    .opts = OPTS,
    .common = reg_common,
    .max_pos = 0,
    .args_size = sizeof(struct args),
    .opens = CLI_OPENS_REGISTER,
    .check = check,
};
