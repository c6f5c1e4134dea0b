/*
 * io.c — reading input for the command: files or standard input, with
 * errors a user can act on. What a file is comes from its first bytes
 * (xxgk_detect): text is streamed into the parser in chunks; HTML, DOCX,
 * PDF, .doc and canonical JSON are read whole and go to xxgk_read.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static xxgk_doc *unreadable(const char *path, const char *why,
                            xxgk_status *st) {
  xxgk_doc *d = xxgk_doc_new(XXGK_FORMAT_NONE);
  xxgk_doc_set_source(d, path);
  fprintf(stderr, "xxgk: %s: %s\n", path, why);
  *st = XXGK_E_IO;
  return d;
}

xxgk_doc *cli_parse_file(const char *path, xxgk_status *st) {
  FILE *f = stdin;
  if (strcmp(path, "-") != 0) {
    struct stat sb;
    if (stat(path, &sb) != 0)
      return unreadable(path,
                        errno == ENOENT ? "文件不存在" : strerror(errno), st);
    if (S_ISDIR(sb.st_mode))
      return unreadable(path, "这是一个目录，不是报告文件", st);
    f = fopen(path, "rb");
    if (!f)
      return unreadable(path, strerror(errno), st);
  }
  static char chunk[1 << 16];
  size_t n = fread(chunk, 1, sizeof chunk, f);
  xxgk_doc *d;
  if (xxgk_detect(chunk, n) != XXGK_IN_TEXT) {
    /* HTML, DOCX, PDF, JSON, ...: the readers take the whole file. */
    char *all = NULL;
    size_t len = 0, cap = 0;
    do {
      if (len + n + 1 > cap) { /* doubling: linear in the file's size */
        cap = cap ? cap * 2 : sizeof chunk * 4;
        all = xxgk_realloc(all, cap);
      }
      memcpy(all + len, chunk, n);
      len += n;
    } while (len <= XXGK_MAX_INPUT &&
             (n = fread(chunk, 1, sizeof chunk, f)) > 0);
    *st = xxgk_read(all, len, &d);
    xxgk_free(all);
  } else {
    /* Text streams into the parser: memory stays flat for any size. */
    xxgk_parser *p = xxgk_parser_new();
    do
      xxgk_parser_feed(p, chunk, n);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0);
    *st = xxgk_parser_finish(p, &d);
  }
  int err = ferror(f);
  if (f != stdin)
    fclose(f);
  xxgk_doc_set_source(d, path);
  if (err) {
    fprintf(stderr, "xxgk: %s: 读取中断\n", path);
    *st = XXGK_E_IO;
  }
  return d;
}

void cli_put(FILE *f, char *s) {
  if (s)
    fputs(s, f);
  xxgk_free(s);
}

void cli_print_diags(FILE *f, const xxgk_doc *d, xxgk_severity min) {
  /* The text renderer lists every diagnostic; keep those that matter. */
  char *all = xxgk_render(d, XXGK_OUT_FINDINGS_TEXT);
  size_t i = 0;
  for (char *line = all; line && *line; i++) {
    char *nl = strchr(line, '\n');
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (!g || g->severity >= min)
      fwrite(line, 1, nl ? (size_t)(nl - line + 1) : strlen(line), f);
    line = nl ? nl + 1 : NULL;
  }
  xxgk_free(all);
}

char *cli_slurp(FILE *f, size_t max, size_t *n) {
  size_t cap = 1 << 16, len = 0;
  char *s = xxgk_malloc(cap);
  for (;;) {
    size_t want = cap - len - 1;
    if (want > max + 1 - len)
      want = max + 1 - len;
    size_t k = fread(s + len, 1, want, f);
    len += k;
    if (k == 0 || len > max)
      break;
    if (len + 1 == cap) /* doubling: linear in the input's size */
      s = xxgk_realloc(s, cap *= 2);
  }
  if (ferror(f)) {
    xxgk_free(s);
    return NULL;
  }
  s[len] = 0;
  *n = len;
  return s;
}
