/*
 * cmd_render.c — `xxgk render`: a report (any rendition `xxgk parse` reads,
 * or canonical JSON) written out whole in the official layout, as HTML,
 * DOCX, Markdown, text or canonical JSON.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const cli_report_formats[] = {"html", "docx", "md", "txt", "json",
                                          NULL};

/* How each of cli_report_formats is written, in the same order. */
static const struct {
  int docx;
  xxgk_output out;
} FORMATS[] = {
    {0, XXGK_OUT_REPORT_HTML}, {1, XXGK_OUT_JSON}, {0, XXGK_OUT_REPORT_MD},
    {0, XXGK_OUT_REPORT_TEXT}, {0, XXGK_OUT_JSON},
};

static int find_format(const char *name) {
  for (int i = 0; cli_report_formats[i]; i++)
    if (strcmp(name, cli_report_formats[i]) == 0)
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
  int rc = cli_write(path, bytes, n, cmd);
  xxgk_free(bytes);
  return rc;
}

struct args {
  const char *to, *path;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT_ENUM("to", 0, struct args, to, cli_report_formats,
                 "输出格式（默认 html，或按 -o 的扩展名）"),
    CLI_OPT(CLI_STRING, NULL, 'o', struct args, path, "FILE",
            "写到 FILE（默认标准输出）"),
    CLI_OPT_END,
};

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  const char *input = c->pos[0], *to = a->to, *path = a->path;
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

const struct cli_cmd cli_cmd_render = {
    .name = "render",
    .summary = "按官方格式写出完整报告（HTML、DOCX、Markdown、文本）",
    .run = run,
    .synopsis =
        "用法: xxgk render [--to html|docx|md|txt|json] [-o FILE] INPUT\n"
        "\n"
        "把年度报告（xxgk parse 能读的任一文本形式，或规范 JSON）按官方格式\n"
        "写成完整的报告：标题、六个部分及其标题、正文（输入没有的部分写明应写\n"
        "的内容）和三张统计表（合并单元格、行列分组与官方表格相同）。\n"
        "INPUT 为 - 时读标准输入。\n"
        "\n"
        "格式:\n"
        "  html   一个独立的 HTML5 文件，可直接打印（A4）（默认）\n"
        "  docx   Word 文档，表格为可编辑的 Word 表格；须用 -o 或重定向\n"
        "  md     Markdown\n"
        "  txt    纯文本，表格按列对齐\n"
        "  json   规范 JSON（含各部分正文）\n"
        "md、txt、json 的输出可由 xxgk parse 原样读回。\n",
    .epilog =
        "退出码: 0 已写出；2 输入无法读取、不是年度报告或缺少单元格\n"
        "        （缺少的单元格留空，仍写出报告）。\n"
        "\n"
        "示例:\n"
        "  xxgk render report.txt > report.html\n"
        "  xxgk render --to docx -o report.docx report.json\n"
        "  xxgk sum units/*.txt --year 2023 | xxgk render --to txt -\n",
    .opts = OPTS,
    .max_pos = 1,
    .min_pos = 1,
    .missing = "请给出报告文件",
    .args_size = sizeof(struct args),
};
