/*
 * cmd_sum.c — `xxgk sum`: the oversight office's aggregate of its units'
 * reports (xxgk_sum), written as canonical JSON or as a whole report.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

struct args {
  const char *agency, *to, *path;
  int year;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_STRING, "agency", 0, struct args, agency, "NAME",
            "汇总报告的机关名称（用于标题）"),
    CLI_OPT_INT("year", 0, struct args, year, "N", 1990, 2100,
                "汇总报告的年度（默认：各报告共同的年度）"),
    CLI_OPT_ENUM("to", 0, struct args, to, cli_report_formats,
                 "输出格式（默认 json，或按 -o 的扩展名）"),
    CLI_OPT(CLI_STRING, NULL, 'o', struct args, path, "FILE",
            "写到 FILE（默认标准输出）"),
    CLI_OPT_END,
};

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  int n_files = c->n_pos;
  xxgk_doc **docs = xxgk_calloc((size_t)n_files, sizeof *docs);
  size_t inconsistent = 0;
  int rc = cli_parse_reports(c->pos, n_files, docs, &inconsistent, "sum",
                             "，不能计入汇总");
  if (rc == 0) {
    xxgk_doc *sum;
    xxgk_status st = xxgk_sum((const xxgk_doc *const *)docs, (size_t)n_files,
                              a->agency, a->year, &sum);
    xxgk_doc_set_source(sum, "汇总");
    cli_print_diags(stderr, sum, XXGK_SEV_WARNING);
    const char *to = a->to ? a->to : a->path ? NULL : "json";
    if (st != XXGK_OK && st != XXGK_E_INCOMPLETE)
      rc = EXIT_UNREADABLE;
    else if ((rc = cli_write_report(sum, to, a->path, "sum")) == 0)
      rc = st != XXGK_OK ? EXIT_UNREADABLE
           : inconsistent || xxgk_doc_count(sum, XXGK_SEV_ERROR)
               ? EXIT_FINDINGS
               : EXIT_CONSISTENT;
    xxgk_doc_free(sum);
  }
  for (int i = 0; i < n_files; i++)
    xxgk_doc_free(docs[i]);
  xxgk_free(docs);
  return rc;
}

const struct cli_cmd cli_cmd_sum = {
    .name = "sum",
    .summary = "把各单位的报告逐格相加为汇总报告，并检查",
    .run = run,
    .synopsis =
        "用法: xxgk sum [--agency NAME] [--year N] [--to FMT] [-o FILE] "
        "FILE...\n"
        "\n"
        "把各单位的年度报告逐格相加，得到汇总报告（金额精确相加），并检查汇总\n"
        "结果的勾稽关系：一致的报告相加仍然一致；本身不一致的报告逐一列出。\n"
        "各报告须为同一格式（2019 或 2021 年格式），否则报错并列出哪些文件不同。\n"
        "某一报告缺少的格，合计为空（不作部分相加）。\n"
        "问题和发现写到标准错误。\n",
    .epilog =
        "退出码: 0 汇总一致；1 汇总或某一报告不一致；\n"
        "        2 有文件无法读取、格式不同或缺少单元格。\n"
        "\n"
        "示例:\n"
        "  xxgk sum --agency 某市人民政府 --year 2023 units/*.txt > sum.json\n"
        "  xxgk sum --to docx -o 汇总.docx units/*.json\n",
    .opts = OPTS,
    .max_pos = -1,
    .min_pos = 1,
    .missing = "请给出报告文件",
    .args_size = sizeof(struct args),
};
