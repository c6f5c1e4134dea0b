/*
 * cmd_render.c — `xxgk render`: a report (any rendition `xxgk parse` reads,
 * or canonical JSON) written out whole in the official layout, as HTML,
 * DOCX, Markdown, text or canonical JSON.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_render.h"

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
