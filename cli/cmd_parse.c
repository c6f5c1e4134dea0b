/*
 * cmd_parse.c — `xxgk parse`: reports to canonical JSON, CSV or Markdown.
 */
#include "cli.h"

#include <string.h>

static const char USAGE[] =
    "用法: xxgk parse [--format json|csv|md] [--jsonl] [-v] FILE...\n"
    "\n"
    "读取政府信息公开工作年度报告（任一文本形式；UTF-8 或 GB18030/GBK；\n"
    "也可直接读网页 HTML、Word/WPS 的 DOCX、PDF，旧版 .doc/.wps 需 LibreOffice；\n"
    "按文件内容识别，与文件名无关），\n"
    "输出统计表的规范数据（键名见 docs/annual-report.md）。\n"
    "FILE 为 - 时读标准输入。问题写到标准错误。\n"
    "\n"
    "  --format json  规范 JSON（默认）；多个文件时为 JSON 数组\n"
    "  --format csv   每份报告一行，每个键一列，首行为键名\n"
    "  --format md    Markdown 表格，供人阅读\n"
    "  --jsonl        每份报告一行 JSON\n"
    "  -v             也列出提示（notice）\n"
    "\n"
    "退出码: 0 全部读出；2 有文件无法读取、不是年度报告或缺少单元格\n"
    "        （缺少的单元格在输出中为 null）。\n"
    "\n"
    "示例:\n"
    "  xxgk parse report.txt\n"
    "  xxgk parse --format csv reports/*.txt > all.csv\n"
    "  xxgk parse report.pdf report.docx page.html\n"
    "  pdftotext -layout report.pdf - | xxgk parse -\n";

int cmd_parse(int argc, char **argv) {
  const char *format = "json";
  int jsonl = 0, verbose = 0, n_files = 0;
  char **files = argv + 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      format = argv[++i];
    } else if (strncmp(argv[i], "--format=", 9) == 0) {
      format = argv[i] + 9;
    } else if (strcmp(argv[i], "--jsonl") == 0) {
      jsonl = 1;
    } else if (strcmp(argv[i], "-v") == 0) {
      verbose = 1;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "xxgk parse: 未知选项 %s\n\n%s", argv[i], USAGE);
      return EXIT_UNREADABLE;
    } else {
      files[n_files++] = argv[i];
    }
  }
  int fmt = strcmp(format, "json") == 0  ? 0
            : strcmp(format, "csv") == 0 ? 1
            : strcmp(format, "md") == 0  ? 2
                                         : -1;
  if (fmt < 0 || n_files == 0) {
    fprintf(stderr, "xxgk parse: %s\n\n%s",
            n_files ? "--format 只能是 json、csv 或 md" : "请给出报告文件",
            USAGE);
    return EXIT_UNREADABLE;
  }
  int rc = EXIT_CONSISTENT;
  if (fmt == 1)
    cli_put(stdout, xxgk_render(NULL, XXGK_OUT_CSV_HEADER));
  if (fmt == 0 && !jsonl && n_files > 1)
    fputs("[\n", stdout);
  for (int i = 0; i < n_files; i++) {
    xxgk_status st;
    xxgk_doc *d = cli_parse_file(files[i], &st);
    cli_print_diags(stderr, d,
                    verbose ? XXGK_SEV_NOTICE : XXGK_SEV_WARNING);
    if (st != XXGK_OK)
      rc = EXIT_UNREADABLE;
    if (st != XXGK_E_IO && st != XXGK_E_ENCODING) {
      char *out = xxgk_render(d, fmt == 0   ? XXGK_OUT_JSON
                                 : fmt == 1 ? XXGK_OUT_CSV_ROW
                                            : XXGK_OUT_MARKDOWN);
      if (fmt == 0 && jsonl) { /* one line: drop the pretty-printing */
        for (char *p = out, *q = out; ; p++) {
          if (*p == '\n') {
            while (p[1] == ' ')
              p++;
            continue;
          }
          *q++ = *p;
          if (!*p)
            break;
        }
        fputs(out, stdout);
        fputc('\n', stdout);
        xxgk_free(out);
      } else {
        if (fmt == 0 && n_files > 1 && i > 0)
          fputs(",\n", stdout);
        if (fmt == 2 && i > 0)
          fputs("\n", stdout);
        cli_put(stdout, out);
      }
    }
    xxgk_doc_free(d);
  }
  if (fmt == 0 && !jsonl && n_files > 1)
    fputs("]\n", stdout);
  return rc;
}
