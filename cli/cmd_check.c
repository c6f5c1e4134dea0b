/*
 * cmd_check.c — `xxgk check`: the consistency rules, with exit codes that
 * compose in scripts.
 */
#include "cli.h"

#include <string.h>

static const char USAGE[] =
    "用法: xxgk check [--json | --jsonl] [-v] FILE...\n"
    "\n"
    "检查年度报告统计表的勾稽关系，每条发现注明规则、单元格（键名与中文\n"
    "标签）、数值、所在行列和应有的值：\n"
    "  A1  各列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度\n"
    "  A2  各列：（七）总计 = 各项办理结果之和\n"
    "  A3  表三各行：总计 = 六类申请人之和\n"
    "  R1  复议、诉讼各组：总计 = 维持 + 纠正 + 其他 + 尚未审结\n"
    "  V1  每格为非负整数，格式要求的每格都在\n"
    "  N1  总体情况正文所述数字与表格一致（警告）\n"
    "FILE 为 - 时读标准输入。\n"
    "\n"
    "  --json   JSON 输出：单个文件为对象，多个文件为数组\n"
    "  --jsonl  每个文件一行 JSON\n"
    "  -v       也列出提示（notice）\n"
    "\n"
    "退出码: 0 全部一致（可有警告）；1 发现不一致；\n"
    "        2 有文件无法读取、不是年度报告或缺少单元格。\n"
    "\n"
    "示例:\n"
    "  xxgk check report.txt\n"
    "  xxgk check --json reports/*.txt | jq '.[] | select(.errors > 0)'\n"
    "  xxgk check -q report.txt || echo 需要核对\n";

int cmd_check(int argc, char **argv) {
  int json = 0, jsonl = 0, verbose = 0, quiet = 0, n_files = 0;
  char **files = argv + 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if (strcmp(argv[i], "--json") == 0) {
      json = 1;
    } else if (strcmp(argv[i], "--jsonl") == 0) {
      jsonl = 1;
    } else if (strcmp(argv[i], "-v") == 0) {
      verbose = 1;
    } else if (strcmp(argv[i], "-q") == 0) {
      quiet = 1;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "xxgk check: 未知选项 %s\n\n%s", argv[i], USAGE);
      return EXIT_UNREADABLE;
    } else {
      files[n_files++] = argv[i];
    }
  }
  if (n_files == 0) {
    fprintf(stderr, "xxgk check: 请给出报告文件\n\n%s", USAGE);
    return EXIT_UNREADABLE;
  }
  int unreadable = 0, inconsistent = 0;
  int array = json && !jsonl && n_files > 1;
  if (array)
    fputs("[\n", stdout);
  for (int i = 0; i < n_files; i++) {
    xxgk_status st;
    xxgk_doc *d = cli_parse_file(files[i], &st);
    size_t parse_errors = xxgk_doc_count(d, XXGK_SEV_ERROR);
    if (st == XXGK_OK || st == XXGK_E_INCOMPLETE)
      xxgk_check(d);
    size_t errors = xxgk_doc_count(d, XXGK_SEV_ERROR);
    unreadable |= st != XXGK_OK;
    inconsistent |= errors > parse_errors;
    if (json || jsonl) {
      char *out = xxgk_render(d, XXGK_OUT_FINDINGS_JSON);
      if (jsonl)
        for (char *p = out; *p; p++)
          if (*p == '\n' && p[1])
            *p = ' ';
      if (array && i > 0)
        fputs(",\n", stdout);
      cli_put(stdout, out);
    } else if (!quiet) {
      cli_print_diags(stdout, d, verbose ? XXGK_SEV_NOTICE : XXGK_SEV_WARNING);
      size_t w = xxgk_doc_count(d, XXGK_SEV_WARNING) - errors;
      printf("%s: %s（%zu 个错误，%zu 个警告）\n", files[i],
             st == XXGK_E_IO || st == XXGK_E_ENCODING ? "无法读取"
             : st == XXGK_E_NOT_REPORT               ? "不是年度报告"
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
