/*
 * read_pdf.c — PDF through `pdftotext -layout` (poppler-utils), run as a
 * child process with the bytes piped in.
 *
 * Why a subprocess and not libpoppler linked in:
 *   - the text parser was built and tested on `pdftotext -layout` output
 *     (columns as runs of spaces, page numbers inside tables, vertically
 *     set group labels); poppler's C API (poppler-glib) offers no physical
 *     layout mode, only poppler-cpp (C++) does, and linking C++ into this
 *     C11 library for one call is not worth it;
 *   - a PDF is hostile input parsed by a large C++ code base: in a child
 *     it cannot corrupt our memory, and a hang or a blow-up is ended by
 *     the time limit (XXGK_MAX_SECONDS) and the output bound;
 *   - no GLib/cairo in the library's link line.
 * A PDF without a text layer is a scan: read_scan.c recognises its pages.
 * The cost is a process per PDF (the 6-page sample reads in about 0.2 s,
 * nearly all in pdftotext) and a run-time dependency on the `pdftotext`
 * program; a missing one is a clear XXGK_E_IO.
 *
 * When the page text leaves rows of tables 3 and 4 short and pdf_cols.c
 * cannot tell their columns from the text's character columns (a header's
 * labels are narrower or wider in characters than on the page), the PDF is
 * read a second time with `pdftotext -bbox-layout`, in a child as well, for
 * where each word stands (pdf_boxes.c), and the page text is read again
 * with those positions. Most PDFs never pay for it.
 *
 * The output is split into pages at form feeds; pdf_cols.c holds each page
 * to learn its tables' columns and puts blanks into rows printed with cells
 * empty; then each line is fed to the parser with its page recorded for
 * diagnostics ("第4页第12行"). Text
 * extraction puts a space between font runs ("2024 年", "政府 2023 年度"):
 * such single spaces between a number and CJK text are removed. A number
 * cell is never joined to its label: it is removed only when CJK text
 * follows the number too, and in a table row the next thing after a number
 * is another number or the line's end.
 */
#include "reader.h"

#include <stdio.h>
#include <string.h>

static int is_cjk_at(const char *s, size_t n) {
  int32_t cp;
  if (n == 0 || (unsigned char)s[0] < 0x80 || utf8_decode(s, n, &cp) < 0)
    return 0;
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* 1 if s[0..i) ends with a CJK ideograph. */
static int cjk_before(const char *s, size_t i) {
  size_t k = i;
  while (k > 0 && i - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
    k--;
  return k > 0 && i - k < 4 && is_cjk_at(s + k - 1, i - k + 1);
}

/* Copies line s[0..n) into b without the spaces extraction put between
 * digits and CJK text: "2024 年" and "政府 2023 年度" (a number with a
 * single space on each side and CJK beyond). A number after a label and
 * before another number ("申请 2   0") keeps its space. */
static void join_digit_cjk(buf *b, const char *s, size_t n) {
  b->len = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == ' ' && i > 0 && i + 1 < n) {
      if (is_digit(s[i - 1]) && is_cjk_at(s + i + 1, n - i - 1))
        continue; /* "2024 年" */
      if (is_digit(s[i + 1]) && cjk_before(s, i)) {
        size_t j = i + 1;
        while (j < n && is_digit(s[j]))
          j++;
        if (j < n && (is_cjk_at(s + j, n - j) ||
                      (s[j] == ' ' && is_cjk_at(s + j + 1, n - j - 1))))
          continue; /* "政府 2023 年度": the next space goes too */
      }
    }
    buf_putc(b, s[i]);
  }
}

static int has_text(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\f' && s[i] != '\n' && s[i] != '\r' &&
        s[i] != '\t')
      return 1;
  return 0;
}

typedef struct {
  rendition *rd;
  buf line;
} page_out;

/* A line of the page text, as pdf_cols.c hands it on, into the rendition. */
static void put_line(void *ctx, uint32_t page, const char *s, size_t n,
                     const pdf_blank *blanks, size_t n_blanks) {
  page_out *po = ctx;
  uint32_t line = rend_next_line(po->rd);
  for (size_t i = 0; i < n_blanks; i++)
    rend_notice(po->rd, line, blanks[i].col,
                "第%u行“%s”一格印为空白；按本页表格各列的位置（数字齐全的行、"
                "列标题），它在数据列中，按0计",
                line, blanks[i].name);
  join_digit_cjk(&po->line, s, n);
  rend_page_line(po->rd, page, po->line.data ? po->line.data : "",
                 po->line.len);
}

static xxgk_status read_layout(const char *text, size_t n,
                               const pdf_boxes *bx, xxgk_doc **out,
                               size_t *left);

/* Where the PDF's words stand (`pdftotext -bbox-layout`): only for a PDF
 * whose page text leaves rows of its tables short, whose columns the
 * character columns of the page text could not tell (a header's labels do
 * not stand over the numbers there). Returns 0 and *out, or -1 if they
 * cannot be had (the first reading stands). */
static int read_with_boxes(const char *data, size_t n, const char *text,
                           size_t n_text, xxgk_doc **out, xxgk_status *st) {
  const char *const argv[] = {"pdftotext", "-bbox-layout", "-enc", "UTF-8",
                              "-",         "-",            NULL};
  subproc r;
  int rc = subproc_run(argv, data, n, XXGK_MAX_SECONDS, XXGK_MAX_INPUT, &r);
  buf_free(&r.err);
  if (rc != 0 || r.exit_code != 0) {
    buf_free(&r.out);
    return -1;
  }
  rc = read_pdf_text_boxed(text, n_text, r.out.data ? r.out.data : "",
                           r.out.len, out, st);
  buf_free(&r.out);
  return rc;
}

xxgk_status read_pdf(const char *data, size_t n, xxgk_doc **out) {
  const char *const argv[] = {"pdftotext", "-layout", "-enc", "UTF-8",
                              "-",         "-",       NULL};
  subproc r;
  int rc = subproc_run(argv, data, n, XXGK_MAX_SECONDS, XXGK_MAX_INPUT, &r);
  xxgk_status st = XXGK_OK;
  if (rc != 0 || r.exit_code != 0) {
    /* The first line of pdftotext's complaint, for the curious. */
    char why[200] = "";
    if (r.err.len) {
      size_t k = strcspn(r.err.data, "\n");
      snprintf(why, sizeof why, "（pdftotext：%.*s）", (int)(k < 150 ? k : 150),
               r.err.data);
    }
    if (r.not_found)
      st = read_refuse(out, XXGK_E_IO,
                       "读取 PDF 需要 pdftotext 程序（poppler-utils），本机未"
                       "安装；请安装（Debian/Ubuntu：apt-get install "
                       "poppler-utils）后重试");
    else if (r.timed_out)
      st = read_refuse(out, XXGK_E_LIMIT,
                       "PDF 在 %d 秒内未能读完，已中止；文件可能损坏或过于复"
                       "杂",
                       XXGK_MAX_SECONDS);
    else if (r.too_much)
      st = read_refuse(out, XXGK_E_LIMIT,
                       "PDF 的文字超过 %d MiB 的上限，未读取",
                       XXGK_MAX_INPUT >> 20);
    else
      st = read_refuse(out, XXGK_E_ENCODING,
                       "PDF 文件已损坏或不完整，无法读取文字%s；请重新下载或"
                       "从原文件重新导出 PDF",
                       why);
    buf_free(&r.out);
    buf_free(&r.err);
    return st;
  }
  buf_free(&r.err);
  if (!has_text(r.out.data ? r.out.data : "", r.out.len)) {
    /* A scan: pdftotext ends every page with a form feed. */
    int pages = 0;
    for (size_t i = 0; i < r.out.len; i++)
      pages += r.out.data[i] == '\f';
    buf_free(&r.out);
    return read_scan_pdf(data, n, pages > 0 ? pages : 1, out);
  }
  size_t left;
  st = read_layout(r.out.data, r.out.len, NULL, out, &left);
  xxgk_doc *boxed;
  xxgk_status boxed_st;
  if (left > 0 &&
      read_with_boxes(data, n, r.out.data, r.out.len, &boxed, &boxed_st) == 0) {
    xxgk_doc_free(*out);
    *out = boxed;
    st = boxed_st;
  }
  buf_free(&r.out);
  return st;
}

xxgk_status read_pdf_text(const char *text, size_t n, xxgk_doc **out) {
  size_t left;
  return read_layout(text, n, NULL, out, &left);
}

int read_pdf_text_boxed(const char *text, size_t n, const char *xhtml,
                        size_t n_xhtml, xxgk_doc **out, xxgk_status *st) {
  pdf_boxes bx;
  if (pdf_boxes_read(xhtml, n_xhtml, &bx) != 0)
    return -1;
  size_t left;
  *st = read_layout(text, n, &bx, out, &left);
  pdf_boxes_free(&bx);
  return 0;
}

static xxgk_status read_layout(const char *text, size_t n,
                               const pdf_boxes *bx, xxgk_doc **out,
                               size_t *left) {
  page_out po = {rend_new(), {0}};
  pdf_cols *cols = pdfcols_new(put_line, &po, bx);
  uint32_t page = 1;
  const char *s = text, *end = text + n;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    while (s < e && *s == '\f')
      page++, s++;
    if (nl || s < e)
      pdfcols_line(cols, page, s, (size_t)(e - s));
    s = nl ? nl + 1 : end;
  }
  *left = pdfcols_finish(cols);
  buf_free(&po.line);
  return rend_finish(po.rd, out);
}
