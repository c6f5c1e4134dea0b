/*
 * io.c — reading input for the command: files or standard input, streamed
 * into the parser in chunks, with errors a user can act on.
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

/* Canonical JSON starts with '{' (after any BOM and white space); no report
 * text does. */
static int is_json(const char *s, size_t n) {
  size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i < n && s[i] == '{';
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
  if (is_json(chunk, n)) {
    /* Canonical JSON (as `xxgk parse` writes it) is read whole. */
    char *all = NULL;
    size_t len = 0;
    do {
      all = realloc(all, len + n + 1);
      if (!all)
        abort();
      memcpy(all + len, chunk, n);
      len += n;
    } while (len <= XXGK_MAX_INPUT &&
             (n = fread(chunk, 1, sizeof chunk, f)) > 0);
    *st = xxgk_doc_from_json(all, len, &d);
    free(all);
  } else {
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
