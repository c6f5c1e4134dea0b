/*
 * cmd_diff.c — `xxgk diff`: two years of one agency compared, figure by
 * figure, with the cross-year rules Y1–Y3 (xxgk_check_years, xxgk_diff).
 */
#include "cli.h"

#include <string.h>

static const char USAGE[] =
    "用法: xxgk diff [--json] OLD NEW\n"
    "\n"
    "比较同一机关相邻两年的年度报告：列出每个变化的数字及其增减（绝对值和\n"
    "百分比），并检查跨年度规则：\n"
    "  Y1  各列：上年“结转下年度继续办理” = 本年“上年结转”（错误）\n"
    "  Y2  2021年格式：上年现行有效 + 本年制发 − 本年废止 = 本年现行有效\n"
    "      （规章、行政规范性文件；警告，修改文件也会改变件数）\n"
    "  Y3  上年尚未审结的复议、诉讼案件在本年有着落（提示）\n"
    "OLD、NEW 为 xxgk parse 能读的任一形式或规范 JSON；- 为标准输入。\n"
    "\n"
    "  --json   JSON 输出，供脚本使用\n"
    "\n"
    "退出码: 0 无跨年度错误；1 有跨年度错误（Y1）；2 有文件无法读取。\n"
    "\n"
    "示例:\n"
    "  xxgk diff 2022.txt 2023.txt\n"
    "  xxgk diff --json 2022.json 2023.json | jq '.changes[] | select(.relative > 0.5)'\n";

int cmd_diff(int argc, char **argv) {
  int json = 0, n_files = 0;
  const char *files[2] = {NULL, NULL};
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if (strcmp(argv[i], "--json") == 0) {
      json = 1;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "xxgk diff: 未知选项 %s\n\n%s", argv[i], USAGE);
      return EXIT_UNREADABLE;
    } else if (n_files < 2) {
      files[n_files++] = argv[i];
    } else {
      n_files++;
    }
  }
  if (n_files != 2) {
    fprintf(stderr, "xxgk diff: 请给出两个报告文件：上年的和本年的\n\n%s",
            USAGE);
    return EXIT_UNREADABLE;
  }
  xxgk_doc *d[2];
  int unreadable = 0;
  for (int i = 0; i < 2; i++) {
    xxgk_status st;
    d[i] = cli_parse_file(files[i], &st);
    cli_print_diags(stderr, d[i], XXGK_SEV_WARNING);
    if (st != XXGK_OK && st != XXGK_E_INCOMPLETE) {
      fprintf(stderr, "xxgk diff: %s: 无法读取\n", files[i]);
      unreadable = 1;
    }
  }
  int rc = EXIT_UNREADABLE;
  if (!unreadable) {
    size_t errors = xxgk_check_years(d[0], d[1]);
    cli_put(stdout,
            xxgk_diff(d[0], d[1], json ? XXGK_DIFF_JSON : XXGK_DIFF_TEXT));
    rc = errors ? EXIT_FINDINGS : EXIT_CONSISTENT;
  }
  xxgk_doc_free(d[0]);
  xxgk_doc_free(d[1]);
  return rc;
}
