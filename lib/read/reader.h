/*
 * reader.h — the readers of published renditions (HTML, DOCX, PDF, old
 * .doc/.wps) and what they share.
 *
 * A reader does not parse the report itself: it turns the document into the
 * plain text the text parser already reads, and remembers where each line
 * of that text came from, so diagnostics can name the place in the
 * original:
 *
 *   read.c        sniffs the bytes, dispatches (xxgk_detect, xxgk_read)
 *   rendition.c   the text rendition: paragraphs as lines, each table row
 *                 as one TAB-separated line with rowspan/colspan expanded
 *                 into a grid, fed to the parser as it is built
 *   where.c       the provenance map: rendition line → table/row/column,
 *                 paragraph, or page/line; xxgk_doc_where()
 *   read_html.c   HTML through libxml2's HTML parser
 *   read_docx.c   DOCX through libzip and libxml2
 *   read_pdf.c    PDF through `pdftotext -layout` in a child process
 *   pdf_cols.c    the columns of a PDF page's tables, for rows printed
 *                 with cells empty
 *   pdf_boxes.c   where a PDF's words stand (`pdftotext -bbox-layout`)
 *   read_ole.c    .doc/.wps through LibreOffice, then read_docx.c
 *   read_scan.c   scans (images, PDFs without text): pages recognised by
 *                 ocr_page.c in a child process, numbers judged
 *   subproc.c     running a converter safely: no shell, a time limit,
 *                 bounded output
 */
#ifndef XXGK_READER_H
#define XXGK_READER_H

#include "internal.h"

/* ## The provenance map (where.c) */

typedef enum {
  WHERE_PARA = 1, /* a paragraph: a = its number                      */
  WHERE_ROW,      /* a table row: a = table number, b = row number     */
  WHERE_PAGE,     /* PDF lines: a = page; the line counts from b (0: 1) */
  WHERE_SCAN      /* a row of a table on a scanned page: a = page, b =
                     row, t = the table's number on the page           */
} where_kind;

/* Opaque; owned by the document it is attached to. */
typedef struct where_map where_map;

where_map *where_new(void);
void where_free(where_map *m);
/* Rendition line `line` (1-based, increasing from call to call) starts a
 * span of kind k. For WHERE_ROW, `pos` holds the 1-based character column
 * at which each grid position of the row starts, `n_pos` of them. */
void where_add(where_map *m, uint32_t line, where_kind k, uint32_t a,
               uint32_t b, const uint32_t *pos, size_t n_pos);
/* A row of a scanned table (WHERE_SCAN): as above, with each grid
 * position's recognition confidence in hundredths, 0..100 (SCAN_NO_CONF: none). */
#define SCAN_NO_CONF 0xFFFF
void where_add_scan(where_map *m, uint32_t line, uint32_t page,
                    uint32_t table, uint32_t row, const uint32_t *pos,
                    const uint16_t *conf, size_t n_pos);
/* The scanned table cell holding rendition line/col: sets *page, *table,
 * *row and *col (1-based grid column) and returns 1, or returns 0. */
int where_scan_cell(const where_map *m, uint32_t line, uint32_t col,
                    uint32_t *page, uint32_t *table, uint32_t *row,
                    uint32_t *gcol);
/* Hands the map to the document (which frees it) and rewrites the line
 * references ("第12行") in its diagnostics so far into places in the
 * original. */
void where_attach(xxgk_doc *d, where_map *m);

/* ## The text rendition (rendition.c) */

typedef struct rendition rendition;

/* A new rendition feeding a new parser. Free it with rend_finish. */
rendition *rend_new(void);
/* A paragraph: one line of text (whitespace runs collapsed, control
 * characters dropped). Empty paragraphs are not emitted. */
void rend_para(rendition *r, const char *s, size_t n);
/* A line of preformatted text (<pre>), written as it is: runs of spaces
 * still separate cells. */
void rend_pre_line(rendition *r, const char *s, size_t n);
/* Lines written as they are (PDF): `page` is the 1-based page and the first
 * line of each page starts a span. */
void rend_page_line(rendition *r, uint32_t page, const char *s, size_t n);
/* A line of text recognised on a scanned page: the place says "第3页第7行"
 * with `line` its line on the page. */
void rend_scan_line(rendition *r, uint32_t page, uint32_t line, const char *s,
                    size_t n);
/* The rows of the table begun next come from a scanned page: `table` is its
 * number on the page, and rend_scan_conf gives each cell's confidence. */
void rend_scan_table(rendition *r, uint32_t page, uint32_t table);
/* The confidence (hundredths) of the cell rend_cell adds next. */
void rend_scan_conf(rendition *r, uint16_t conf);

/* The title the document states outside its text (HTML <title>, the
 * site's name around it): used when the text prints no title. */
void rend_title_hint(rendition *r, const char *s, size_t n);

/* Tables: begin, then for each row begin/cell.../end, then end. A cell's
 * text is collapsed like a paragraph's. colspan and rowspan are clamped to
 * 1..1000 and 1..65534 (rowspan 0: to the end of the table); positions a
 * span covers are emitted empty. */
void rend_table_begin(rendition *r);
void rend_row_begin(rendition *r);
void rend_cell(rendition *r, const char *s, size_t n, int colspan,
               int rowspan);
/* n grid positions covered by a cell of another row (DOCX vMerge) or
 * skipped (w:gridBefore): emitted empty, never read as blank cells. */
void rend_covered(rendition *r, int n);
void rend_row_end(rendition *r);
void rend_table_end(rendition *r);

/* The number the next line written will have: a diagnostic about it names
 * it "第N行", which where.c rewrites into its place in the original. */
uint32_t rend_next_line(const rendition *r);
/* A notice of the reader (rule "P"), at rendition line `line`. */
void rend_notice(rendition *r, uint32_t line, uint32_t col, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/* An error of the reader (limit, damage): recorded as a diagnostic with
 * this status; the parser still finishes so the document is returned.
 * Only the first error is kept. */
void rend_fail(rendition *r, xxgk_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int rend_failed(const rendition *r);

/* Ends the text, runs the parser's finish, attaches the provenance map,
 * frees r; always sets *out. Returns the most serious status. */
xxgk_status rend_finish(rendition *r, xxgk_doc **out);

/* A document holding one error diagnostic (rule "E"), for inputs no reader
 * could start on; returns st. */
xxgk_status read_refuse(xxgk_doc **out, xxgk_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ## Where a PDF's words stand (pdf_boxes.c) */

typedef struct {
  double x0, y0, x1, y1; /* its box on the page, in points */
  uint32_t off, n;       /* its text in pdf_boxes.text     */
  int line_end;          /* the last word of a text line   */
} pdf_word;

typedef struct {
  size_t first, n; /* its words: pdf_boxes.order[first, first + n) */
  double width;
} pdf_page;

/* The words of a PDF's pages, each page's in its text lines (top to
 * bottom, each left to right) through `order`. */
typedef struct {
  pdf_word *w;
  size_t n_w;
  size_t *order;
  pdf_page *pg;
  size_t n_pg;
  buf text;
} pdf_boxes;

/* Reads the XHTML `pdftotext -bbox-layout` writes into b. Returns 0, or -1
 * (b empty) if it is not that. Free b with pdf_boxes_free. */
int pdf_boxes_read(const char *s, size_t n, pdf_boxes *b);
void pdf_boxes_free(pdf_boxes *b);

/* ## The columns of a PDF's tables (pdf_cols.c) */

/* A blank put into a row: its character column in the line handed on, and
 * the name of its column ("总计", "复议后起诉·总计"). */
typedef struct {
  uint32_t col;
  const char *name;
} pdf_blank;

/* Receives each line of the page text, in order, with the blanks put into
 * it (none for most lines). */
typedef void (*pdf_emit)(void *ctx, uint32_t page, const char *s, size_t n,
                         const pdf_blank *blanks, size_t n_blanks);

typedef struct pdf_cols pdf_cols;

/* A reader of `pdftotext -layout` lines that completes short rows of
 * tables 3 and 4 from the page's column positions and hands every line to
 * emit. With boxes (or NULL), the positions are the words' on the page;
 * boxes must outlive it. Free it with pdfcols_finish. */
pdf_cols *pdfcols_new(pdf_emit emit, void *ctx, const pdf_boxes *boxes);
/* Line s[0..n) of page `page` (1-based, not decreasing), without its line
 * end or form feeds. Lines are handed on when their page has ended. */
void pdfcols_line(pdf_cols *c, uint32_t page, const char *s, size_t n);
/* Hands on the last page's lines and frees c. Returns the count of rows
 * printed short that it could not complete. */
size_t pdfcols_finish(pdf_cols *c);

/* ## The readers */

xxgk_status read_html(const char *buf, size_t n, xxgk_doc **out);
xxgk_status read_docx(const char *buf, size_t n, xxgk_doc **out);
xxgk_status read_pdf(const char *buf, size_t n, xxgk_doc **out);
/* The text `pdftotext -layout` wrote for a PDF (pages separated by form
 * feeds), as read_pdf reads it; always sets *out. */
xxgk_status read_pdf_text(const char *text, size_t n, xxgk_doc **out);
/* The same with where the words stand, from the XHTML `pdftotext
 * -bbox-layout` wrote for the PDF: 0 with *out and *st, or -1 (nothing
 * set) if xhtml is not that. */
int read_pdf_text_boxed(const char *text, size_t n, const char *xhtml,
                        size_t n_xhtml, xxgk_doc **out, xxgk_status *st);
xxgk_status read_ole(const char *buf, size_t n, xxgk_doc **out);
/* Scans (read_scan.c): one page image; a PDF of `pages` pages without a
 * text layer. */
xxgk_status read_image(const char *buf, size_t n, xxgk_doc **out);
/* One page's records as the recogniser writes them (ocr.h) read and judged
 * as read_image judges a recognised page: how the tests put made-up
 * readings and confidences to the judging. rec is overwritten. */
xxgk_status read_scan_records(char *rec, xxgk_doc **out);
xxgk_status read_scan_pdf(const char *buf, size_t n, int pages,
                          xxgk_doc **out);

/* ## Child processes (subproc.c) */

typedef struct {
  buf out;       /* standard output, at most max_out bytes            */
  buf err;       /* standard error, at most 4 KiB                      */
  int exit_code; /* the exit status, or -1 if killed by a signal       */
  int not_found; /* the program is not installed                       */
  int timed_out; /* killed after the time limit                        */
  int too_much;  /* killed for writing more than max_out bytes         */
} subproc;

/* Runs argv[0] (looked up in PATH, no shell) with in[0..n_in) on its
 * standard input, for at most `seconds`. Returns 0 if it ran to its end
 * (see r->exit_code), -1 otherwise (see the flags; r->err may say why).
 * The caller frees r->out and r->err with buf_free. */
int subproc_run(const char *const argv[], const char *in, size_t n_in,
                int seconds, size_t max_out, subproc *r);
/* Runs fn(arg, out_fd) in a forked child, as subproc_run runs a program:
 * what it writes to out_fd is r->out, its standard error r->err, its
 * return value the exit code; the same time and output limits, and an
 * address-space limit of max_mem bytes (0: none). The child shares the
 * parent's memory as it was at the fork (copy on write), so arg needs no
 * copying; it must end by returning, never by exit(). */
int subproc_fork(int (*fn)(void *arg, int out_fd), void *arg, int seconds,
                 size_t max_out, size_t max_mem, subproc *r);

#endif
