/*
 * cmd_check.c — `xxgk check`: the consistency rules, with exit codes that
 * compose in scripts.
 */
#include "cli.h"

#include <string.h>

struct args {
  int json, jsonl, verbose, quiet;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_FLAG, "json", 0, struct args, json, NULL,
            "JSON 输出：单个文件为对象，多个文件为数组"),
    CLI_OPT(CLI_FLAG, "jsonl", 0, struct args, jsonl, NULL,
            "每个文件一行 JSON"),
    CLI_OPT(CLI_FLAG, NULL, 'v', struct args, verbose, NULL,
            "也列出全部提示（notice）；推断所得的格（标签近似、按模板对齐、"
            "按合计拆分、按另一格式读取）的提示总会列出"),
    CLI_OPT(CLI_FLAG, NULL, 'q', struct args, quiet, NULL,
            "不列出发现，只以退出码说明结果"),
    CLI_OPT_END,
};

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  int unreadable = 0, inconsistent = 0;
  int array = a->json && !a->jsonl && c->n_pos > 1;
  if (array)
    fputs("[\n", stdout);
  for (int i = 0; i < c->n_pos; i++) {
    xxgk_status st;
    xxgk_doc *d = cli_parse_file(c->pos[i], &st);
    size_t parse_errors = xxgk_doc_count(d, XXGK_SEV_ERROR);
    if (st == XXGK_OK || st == XXGK_E_INCOMPLETE)
      xxgk_check(d);
    size_t errors = xxgk_doc_count(d, XXGK_SEV_ERROR);
    unreadable |= st != XXGK_OK;
    inconsistent |= errors > parse_errors;
    if (a->json || a->jsonl) {
      char *out = xxgk_render(d, XXGK_OUT_FINDINGS_JSON);
      if (a->jsonl)
        for (char *p = out; *p; p++)
          if (*p == '\n' && p[1])
            *p = ' ';
      if (array && i > 0)
        fputs(",\n", stdout);
      cli_put(stdout, out);
    } else if (!a->quiet) {
      cli_print_diags(stdout, d,
                      a->verbose ? XXGK_SEV_NOTICE : XXGK_SEV_WARNING);
      size_t w = xxgk_doc_count(d, XXGK_SEV_WARNING) - errors;
      printf("%s: %s（%zu 个错误，%zu 个警告）\n", c->pos[i],
             st == XXGK_E_IO || st == XXGK_E_ENCODING ? "无法读取"
             : st == XXGK_E_NOT_REPORT                ? "不是年度报告"
             : errors                                 ? "不一致"
                                                      : "一致",
             errors, w);
    }
    xxgk_doc_free(d);
  }
  if (array)
    fputs("]\n", stdout);
  return unreadable ? EXIT_UNREADABLE
         : inconsistent ? EXIT_FINDINGS
                        : EXIT_CONSISTENT;
}

const struct cli_cmd cli_cmd_check = {
    .name = "check",
    .summary = "检查统计表的勾稽关系和正文数字",
    .run = run,
    .synopsis =
        "用法: xxgk check [--json | --jsonl] [-v] [-q] FILE...\n"
        "\n"
        "检查年度报告统计表的勾稽关系，每条发现注明规则、单元格（键名与中文\n"
        "标签）、数值、所在行列和应有的值：\n"
        "  A1  各列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度\n"
        "  A2  各列：（七）总计 = 各项办理结果之和\n"
        "  A3  表三各行：总计 = 六类申请人之和\n"
        "  R1  复议、诉讼各组：总计 = 维持 + 纠正 + 其他 + 尚未审结\n"
        "  V1  每格为非负整数，格式要求的每格都在\n"
        "  N1  总体情况正文所述数字与表格一致（警告）\n"
        "FILE 为 - 时读标准输入。\n",
    .epilog =
        "退出码: 0 全部一致（可有警告）；1 发现不一致；\n"
        "        2 有文件无法读取、不是年度报告或缺少单元格。\n"
        "\n"
        "示例:\n"
        "  xxgk check report.txt\n"
        "  xxgk check --json reports/*.txt | jq '.[] | select(.errors > 0)'\n"
        "  xxgk check -q report.txt || echo 需要核对\n",
    .opts = OPTS,
    .max_pos = -1,
    .min_pos = 1,
    .missing = "请给出报告文件",
    .args_size = sizeof(struct args),
};
