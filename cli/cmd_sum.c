/*
 * cmd_sum.c — `xxgk sum`: the oversight office's aggregate of its units'
 * reports (xxgk_sum), written as canonical JSON or as a whole report.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "用法: xxgk sum [--agency NAME] [--year N] [--to FMT] [-o FILE] FILE...\n"
    "\n"
    "把各单位的年度报告逐格相加，得到汇总报告（金额精确相加），并检查汇总\n"
    "结果的勾稽关系：一致的报告相加仍然一致；本身不一致的报告逐一列出。\n"
    "各报告须为同一格式（2019 或 2021 年格式），否则报错并列出哪些文件不同。\n"
    "某一报告缺少的格，合计为空（不作部分相加）。\n"
    "\n"
    "  --agency NAME  汇总报告的机关名称（用于标题）\n"
    "  --year N       汇总报告的年度（默认：各报告共同的年度）\n"
    "  --to FMT       输出格式：json（默认）、html、docx、md、txt\n"
    "  -o FILE        写到 FILE；未给 --to 时按扩展名选择格式\n"
    "问题和发现写到标准错误。\n"
    "\n"
    "退出码: 0 汇总一致；1 汇总或某一报告不一致；\n"
    "        2 有文件无法读取、格式不同或缺少单元格。\n"
    "\n"
    "示例:\n"
    "  xxgk sum --agency 某市人民政府 --year 2023 units/*.txt > sum.json\n"
    "  xxgk sum --to docx -o 汇总.docx units/*.json\n";

int cmd_sum(int argc, char **argv) {
  const char *agency = NULL, *to = NULL, *path = NULL;
  int year = 0, n_files = 0;
  char **files = argv + 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if (strcmp(argv[i], "--agency") == 0 && i + 1 < argc) {
      agency = argv[++i];
    } else if (strcmp(argv[i], "--year") == 0 && i + 1 < argc) {
      char *end;
      long y = strtol(argv[++i], &end, 10);
      if (*end || y < 1990 || y > 2100) {
        fprintf(stderr, "xxgk sum: --year 应为年份，如 2023\n");
        return EXIT_UNREADABLE;
      }
      year = (int)y;
    } else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
      to = argv[++i];
    } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      path = argv[++i];
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "xxgk sum: 未知选项 %s\n\n%s", argv[i], USAGE);
      return EXIT_UNREADABLE;
    } else {
      files[n_files++] = argv[i];
    }
  }
  if (n_files == 0) {
    fprintf(stderr, "xxgk sum: 请给出报告文件\n\n%s", USAGE);
    return EXIT_UNREADABLE;
  }
  xxgk_doc **docs = xxgk_calloc((size_t)n_files, sizeof *docs);
  int unreadable = 0, inconsistent = 0;
  for (int i = 0; i < n_files; i++) {
    xxgk_status st;
    docs[i] = cli_parse_file(files[i], &st);
    if (st == XXGK_OK || st == XXGK_E_INCOMPLETE)
      inconsistent |= xxgk_check(docs[i]) > 0;
    cli_print_diags(stderr, docs[i], XXGK_SEV_WARNING);
    if (st != XXGK_OK && st != XXGK_E_INCOMPLETE) {
      fprintf(stderr, "xxgk sum: %s: 无法读取，不能计入汇总\n", files[i]);
      unreadable = 1;
    }
  }
  int rc = EXIT_UNREADABLE;
  if (!unreadable) {
    xxgk_doc *sum;
    xxgk_status st =
        xxgk_sum((const xxgk_doc *const *)docs, (size_t)n_files, agency,
                 year, &sum);
    xxgk_doc_set_source(sum, "汇总");
    cli_print_diags(stderr, sum, XXGK_SEV_WARNING);
    if (st == XXGK_OK || st == XXGK_E_INCOMPLETE) {
      rc = cli_write_report(sum, to ? to : path ? NULL : "json", path, "sum");
      if (rc == EXIT_CONSISTENT)
        rc = st != XXGK_OK ? EXIT_UNREADABLE
             : inconsistent || xxgk_doc_count(sum, XXGK_SEV_ERROR)
                 ? EXIT_FINDINGS
                 : EXIT_CONSISTENT;
    }
    xxgk_doc_free(sum);
  }
  for (int i = 0; i < n_files; i++)
    xxgk_doc_free(docs[i]);
  xxgk_free(docs);
  return rc;
}
