/*
 * io.c — reading input for the command: files or standard input, with
 * errors a user can act on. What a file is comes from its first bytes
 * (xxgk_detect): text is streamed into the parser in chunks; HTML, DOCX,
 * PDF, .doc and canonical JSON are read whole and go to xxgk_read.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static xxgk_doc *unreadable(const char *path, const char *why,
                            xxgk_status *st) {
  xxgk_doc *d = xxgk_doc_new(XXGK_FORMAT_NONE);
  xxgk_doc_set_source(d, path);
  fprintf(stderr, "xxgk: %s: %s\n", path, why);
  *st = XXGK_E_IO;
  return d;
}

/* An input being read: a file or standard input. */
typedef struct {
  int fd;
  off_t left; /* a regular file's bytes not yet read, else -1 */
  int eof, err;
} input;

/* Reads up to cap bytes into buf; returns the count (0 at the end or on
 * an error, which sets in->err). A regular file ends when its size is
 * read, so a report takes one read(2), not fread's three (`xxgk check`
 * reads thousands of files in one process). */
static size_t input_read(input *in, char *buf, size_t cap) {
  size_t n = 0;
  while (n < cap && !in->eof && !in->err) {
    ssize_t k = read(in->fd, buf + n, cap - n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k < 0)
      in->err = 1;
    else if (k == 0)
      in->eof = 1;
    else
      n += (size_t)k;
    if (k > 0 && in->left >= 0 && (in->left -= k) <= 0)
      in->eof = 1;
  }
  return n;
}

xxgk_doc *cli_parse_file(const char *path, xxgk_status *st) {
  input in = {STDIN_FILENO, -1, 0, 0};
  if (strcmp(path, "-") != 0) {
    struct stat sb;
    in.fd = open(path, O_RDONLY | O_CLOEXEC);
    if (in.fd < 0) {
      int e = errno;
      /* A directory that cannot be opened is still named as one. */
      if (e != ENOENT && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return unreadable(path, "这是一个目录，不是报告文件", st);
      return unreadable(path, e == ENOENT ? "文件不存在" : strerror(e), st);
    }
    int known = fstat(in.fd, &sb) == 0;
    if (known && S_ISDIR(sb.st_mode)) {
      close(in.fd);
      return unreadable(path, "这是一个目录，不是报告文件", st);
    }
    if (known && S_ISREG(sb.st_mode) && sb.st_size > 0)
      in.left = sb.st_size;
  }
  static char chunk[1 << 16];
  size_t n = input_read(&in, chunk, sizeof chunk);
  xxgk_doc *d;
  if (xxgk_detect(chunk, n) != XXGK_IN_TEXT) {
    /* HTML, DOCX, PDF, JSON, ...: the readers take the whole file. */
    xxgk_buf all = XXGK_BUF_INIT;
    do
      xxgk_buf_put(&all, chunk, n);
    while (all.len <= XXGK_MAX_INPUT &&
           (n = input_read(&in, chunk, sizeof chunk)) > 0);
    *st = xxgk_read(all.data, all.len, &d);
    xxgk_buf_free(&all);
  } else {
    /* Text streams into the parser: memory stays flat for any size. */
    xxgk_parser *p = xxgk_parser_new();
    do
      xxgk_parser_feed(p, chunk, n);
    while ((n = input_read(&in, chunk, sizeof chunk)) > 0);
    *st = xxgk_parser_finish(p, &d);
  }
  if (in.fd != STDIN_FILENO)
    close(in.fd);
  xxgk_doc_set_source(d, path);
  if (in.err) {
    fprintf(stderr, "xxgk: %s: 读取中断\n", path);
    *st = XXGK_E_IO;
  }
  return d;
}

int cli_parse_reports(char *const *files, int n, xxgk_doc **docs,
                      size_t *checked, const char *cmd, const char *why) {
  int rc = 0;
  for (int i = 0; i < n; i++) {
    xxgk_status st;
    docs[i] = cli_parse_file(files[i], &st);
    int readable = st == XXGK_OK || st == XXGK_E_INCOMPLETE;
    if (readable && checked)
      *checked += xxgk_check(docs[i]) > 0;
    cli_print_diags(stderr, docs[i], XXGK_SEV_WARNING);
    if (!readable) {
      fprintf(stderr, "xxgk %s: %s: 无法读取%s\n", cmd, files[i], why);
      rc = EXIT_UNREADABLE;
    }
  }
  return rc;
}

void cli_put(FILE *f, char *s) {
  if (s)
    fputs(s, f);
  xxgk_free(s);
}

/* Reads f to its end, but at most max + 1 bytes, so that the caller sees
 * a larger input as one longer than max. Returns the bytes with a NUL
 * after them (free with xxgk_free) and sets *n to their count; NULL on a
 * read error (errno says). Allocation failure aborts with a message. */
static char *slurp(FILE *f, size_t max, size_t *n) {
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

char *cli_read(const char *path, size_t max, size_t *n) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f)
    return NULL;
  char *s = slurp(f, max, n);
  if (f != stdin)
    fclose(f);
  return s;
}

int cli_write(const char *path, const void *bytes, size_t n, const char *cmd) {
  FILE *out = path ? fopen(path, "wb") : stdout;
  if (!out) {
    fprintf(stderr, "xxgk %s: %s: 无法写入\n", cmd, path);
    return EXIT_UNREADABLE;
  }
  int bad = fwrite(bytes, 1, n, out) != n;
  if (path)
    bad |= fclose(out) != 0;
  else
    bad |= fflush(out) != 0;
  if (bad) {
    fprintf(stderr, "xxgk %s: %s: 写入失败\n", cmd, path ? path : "标准输出");
    return EXIT_UNREADABLE;
  }
  return EXIT_CONSISTENT;
}

void cli_flush(FILE *f, xxgk_buf *b) {
  if (b->len)
    fwrite(b->data, 1, b->len, f);
  b->len = 0;
}

/* 1 if the diagnostic names a cell that was not read plainly: a user
 * always sees what was inferred, notices or not. */
static int names_inferred(const xxgk_doc *d, const xxgk_diag *g) {
  for (int k = 0; k < g->n_cells; k++) {
    const xxgk_cell *c = xxgk_doc_cell(d, g->cells[k].row, g->cells[k].col);
    if (c && c->how != XXGK_HOW_PLAIN && c->how != XXGK_HOW_BLANK)
      return 1;
  }
  return 0;
}

void cli_print_diags(FILE *f, const xxgk_doc *d, xxgk_severity min) {
  /* The text renderer lists every diagnostic; keep those that matter. */
  char *all = xxgk_render(d, XXGK_OUT_FINDINGS_TEXT);
  size_t i = 0;
  for (char *line = all; line && *line; i++) {
    char *nl = strchr(line, '\n');
    const xxgk_diag *g = xxgk_doc_diag(d, i);
    if (!g || g->severity >= min || names_inferred(d, g))
      fwrite(line, 1, nl ? (size_t)(nl - line + 1) : strlen(line), f);
    line = nl ? nl + 1 : NULL;
  }
  xxgk_free(all);
}
