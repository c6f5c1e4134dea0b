/*
 * cmd_render.c — `xxgk render`: a report (any rendition `xxgk parse` reads,
 * or canonical JSON) written out whole in the official layout, as HTML,
 * DOCX, Markdown, text or canonical JSON.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char USAGE[] =
    "用法: xxgk render [--to html|docx|md|txt|json] [-o FILE] INPUT\n"
    "\n"
    "把年度报告（xxgk parse 能读的任一文本形式，或规范 JSON）按官方格式\n"
    "写成完整的报告：标题、六个部分及其标题、正文（输入没有的部分写明应写\n"
    "的内容）和三张统计表（合并单元格、行列分组与官方表格相同）。\n"
    "INPUT 为 - 时读标准输入。\n"
    "\n"
    "  --to html   一个独立的 HTML5 文件，可直接打印（A4）（默认）\n"
    "  --to docx   Word 文档，表格为可编辑的 Word 表格；须用 -o 或重定向\n"
    "  --to md     Markdown\n"
    "  --to txt    纯文本，表格按列对齐\n"
    "  --to json   规范 JSON（含各部分正文）\n"
    "  -o FILE     写到 FILE；未给 --to 时按扩展名选择格式\n"
    "\n"
    "md、txt、json 的输出可由 xxgk parse 原样读回。\n"
    "\n"
    "退出码: 0 已写出；2 输入无法读取、不是年度报告或缺少单元格\n"
    "        （缺少的单元格留空，仍写出报告）。\n"
    "\n"
    "示例:\n"
    "  xxgk render report.txt > report.html\n"
    "  xxgk render --to docx -o report.docx report.json\n"
    "  xxgk sum units/*.txt --year 2023 | xxgk render --to txt -\n";

static const struct {
  const char *name;
  int docx;
  xxgk_output out;
} FORMATS[] = {
    {"html", 0, XXGK_OUT_REPORT_HTML}, {"docx", 1, XXGK_OUT_JSON},
    {"md", 0, XXGK_OUT_REPORT_MD},     {"txt", 0, XXGK_OUT_REPORT_TEXT},
    {"json", 0, XXGK_OUT_JSON},
};
#define N_FORMATS (int)(sizeof FORMATS / sizeof FORMATS[0])

static int find_format(const char *name) {
  for (int i = 0; i < N_FORMATS; i++)
    if (strcmp(name, FORMATS[i].name) == 0)
      return i;
  return -1;
}

int cli_write_report(const xxgk_doc *d, const char *to, const char *path,
                     const char *cmd) {
  int f = 0;
  const char *base = path ? strrchr(path, '/') : NULL;
  const char *ext = path ? strrchr(base ? base : path, '.') : NULL;
  if (to) {
    f = find_format(to);
  } else if (ext) {
    f = find_format(ext + 1);
    f = f < 0 && strcmp(ext, ".htm") == 0 ? 0 : f;
    f = f < 0 && strcmp(ext, ".markdown") == 0 ? 2 : f;
  }
  if (f < 0) {
    fprintf(stderr, "xxgk %s: %s\n", cmd,
            to ? "--to 只能是 html、docx、md、txt 或 json"
               : "无法从 -o 的扩展名确定格式，请给出 --to");
    return EXIT_UNREADABLE;
  }
  char *bytes;
  size_t n;
  if (FORMATS[f].docx) {
    if (!path && isatty(STDOUT_FILENO)) {
      fprintf(stderr, "xxgk %s: DOCX 是二进制文件，请用 -o FILE 或重定向到"
                      "文件\n",
              cmd);
      return EXIT_UNREADABLE;
    }
    xxgk_status st = xxgk_render_docx(d, &bytes, &n);
    if (st != XXGK_OK) {
      fprintf(stderr, "xxgk %s: 无法生成 DOCX 文件%s\n", cmd,
              st == XXGK_E_IO ? "：需要 libzip 库，本机无法载入；请安装它"
                                "（Debian：sudo apt-get install libzip4）"
                              : "");
      return EXIT_UNREADABLE;
    }
  } else {
    bytes = xxgk_render(d, FORMATS[f].out);
    n = strlen(bytes);
  }
  FILE *out = path ? fopen(path, "wb") : stdout;
  if (!out) {
    fprintf(stderr, "xxgk %s: %s: 无法写入\n", cmd, path);
    xxgk_free(bytes);
    return EXIT_UNREADABLE;
  }
  int bad = fwrite(bytes, 1, n, out) != n;
  bad |= path ? fclose(out) != 0 : fflush(out) != 0;
  xxgk_free(bytes);
  if (bad) {
    fprintf(stderr, "xxgk %s: %s: 写入失败\n", cmd, path ? path : "标准输出");
    return EXIT_UNREADABLE;
  }
  return EXIT_CONSISTENT;
}

int cmd_render(int argc, char **argv) {
  const char *to = NULL, *path = NULL, *input = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
      to = argv[++i];
    } else if (strncmp(argv[i], "--to=", 5) == 0) {
      to = argv[i] + 5;
    } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      path = argv[++i];
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "xxgk render: 未知选项 %s\n\n%s", argv[i], USAGE);
      return EXIT_UNREADABLE;
    } else if (!input) {
      input = argv[i];
    } else {
      fprintf(stderr, "xxgk render: 只能给出一个输入文件\n\n%s", USAGE);
      return EXIT_UNREADABLE;
    }
  }
  if (!input) {
    fprintf(stderr, "xxgk render: 请给出报告文件\n\n%s", USAGE);
    return EXIT_UNREADABLE;
  }
  xxgk_status st;
  xxgk_doc *d = cli_parse_file(input, &st);
  cli_print_diags(stderr, d, XXGK_SEV_WARNING);
  int rc = EXIT_UNREADABLE;
  if (st == XXGK_OK || st == XXGK_E_INCOMPLETE) {
    rc = cli_write_report(d, to, path, "render");
    if (rc == EXIT_CONSISTENT && st != XXGK_OK)
      rc = EXIT_UNREADABLE;
  }
  xxgk_doc_free(d);
  return rc;
}
