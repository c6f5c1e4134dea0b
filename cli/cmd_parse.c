/*
 * cmd_parse.c — `xxgk parse`: reports to canonical JSON, CSV or Markdown.
 */
#include "cli.h"

#include <string.h>

struct args {
  const char *format;
  int jsonl, verbose;
};

static const char *const FORMATS[] = {"json", "csv", "md", NULL};

static const struct cli_opt OPTS[] = {
    CLI_OPT_ENUM("format", 0, struct args, format, FORMATS,
                 "输出格式（默认 json）"),
    CLI_OPT(CLI_FLAG, "jsonl", 0, struct args, jsonl, NULL,
            "每份报告一行 JSON"),
    CLI_OPT(CLI_FLAG, NULL, 'v', struct args, verbose, NULL,
            "也列出全部提示（notice）；推断所得的格的提示总会列出"),
    CLI_OPT_END,
};

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  int n_files = c->n_pos;
  int fmt = strcmp(a->format, "json") == 0  ? 0
            : strcmp(a->format, "csv") == 0 ? 1
                                            : 2;
  int rc = EXIT_CONSISTENT;
  if (fmt == 1)
    cli_put(stdout, xxgk_render(NULL, XXGK_OUT_CSV_HEADER));
  if (fmt == 0 && !a->jsonl && n_files > 1)
    fputs("[\n", stdout);
  for (int i = 0; i < n_files; i++) {
    xxgk_status st;
    xxgk_doc *d = cli_parse_file(c->pos[i], &st);
    cli_print_diags(stderr, d, a->verbose ? XXGK_SEV_NOTICE : XXGK_SEV_WARNING);
    if (st != XXGK_OK)
      rc = EXIT_UNREADABLE;
    if (st != XXGK_E_IO && st != XXGK_E_ENCODING) {
      char *out = xxgk_render(d, fmt == 0   ? XXGK_OUT_JSON
                                 : fmt == 1 ? XXGK_OUT_CSV_ROW
                                            : XXGK_OUT_MARKDOWN);
      if (fmt == 0 && a->jsonl) { /* one line: drop the pretty-printing */
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
  if (fmt == 0 && !a->jsonl && n_files > 1)
    fputs("]\n", stdout);
  return rc;
}

const struct cli_cmd cli_cmd_parse = {
    .name = "parse",
    .summary = "读取报告，输出统计表的规范数据（JSON、CSV、Markdown）",
    .run = run,
    .synopsis =
        "用法: xxgk parse [--format json|csv|md] [--jsonl] [-v] FILE...\n"
        "\n"
        "读取政府信息公开工作年度报告（任一文本形式；UTF-8 或 GB18030/GBK；\n"
        "也可直接读网页 HTML、Word/WPS 的 DOCX、PDF，旧版 .doc/.wps 需 "
        "LibreOffice；\n"
        "按文件内容识别，与文件名无关），\n"
        "输出统计表的规范数据（键名见 docs/annual-report.md）。\n"
        "FILE 为 - 时读标准输入。问题写到标准错误。\n"
        "\n"
        "格式:\n"
        "  json  规范 JSON（默认）；多个文件时为 JSON 数组\n"
        "  csv   每份报告一行，每个键一列，首行为键名\n"
        "  md    Markdown 表格，供人阅读；推断所得的格标 *\n",
    .epilog =
        "退出码: 0 全部读出；2 有文件无法读取、不是年度报告或缺少单元格\n"
        "        （缺少的单元格在输出中为 null）。\n"
        "\n"
        "示例:\n"
        "  xxgk parse report.txt\n"
        "  xxgk parse --format csv reports/*.txt > all.csv\n"
        "  xxgk parse report.pdf report.docx page.html\n"
        "  pdftotext -layout report.pdf - | xxgk parse -\n",
    .opts = OPTS,
    .max_pos = -1,
    .min_pos = 1,
    .missing = "请给出报告文件",
    .args_size = sizeof(struct args),
    .defaults = &(const struct args){.format = "json"},
};
