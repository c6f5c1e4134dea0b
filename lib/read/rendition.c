/*
 * rendition.c — the text rendition a reader builds from an HTML page, a
 * Word file or a PDF, fed line by line into the text parser (parse.c), which
 * then reads it like any other text: it trusts row labels, not layout.
 *
 *   - a paragraph is one line, whitespace runs collapsed to one space;
 *   - a table row is one line, its grid positions separated by TAB. The
 *     grid honours colspan and rowspan (gridSpan and vMerge in DOCX): the
 *     positions a span covers are left EMPTY, never filled with a copy of
 *     the spanning cell, because the parser drops empty cells and takes the
 *     last label before a run of numbers — "三、本年度办理结果" spanning 22
 *     rows is read once, and "（一）予以公开" after it labels the numbers;
 *   - a cell printed empty (&nbsp;, an empty w:tc) is written "—", the
 *     parser's blank cell (0, noted), as the text renditions print it, when
 *     it stands BETWEEN two value cells of its row, or at the row's edge
 *     in a data column: one that a column header of the table names (a
 *     dictionary column label: "总计", "自然人") or where another row of the
 *     same header's rows prints a value — a notice names each such edge
 *     cell. Empty cells elsewhere (a header's corner, cells left unmerged
 *     under a merged header, a row with no value at all) are layout and
 *     stay empty; a row that lacks a column (no cell there) thus has too
 *     few numbers and is an error — never a shifted, silently wrong row.
 *     A table is therefore held from one column header to the next before
 *     its rows are written;
 *   - `<br>`/`<p>` inside a cell join with a space.
 *
 * Each line is recorded in the provenance map (where.c). Everything is
 * linear: each cell is copied once, each row's spans are walked once.
 */
#include "labels.h"
#include "parser.h"
#include "reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { POS_TEXT, POS_VALUE, POS_EMPTY, POS_SPANNED, POS_COVERED } pos_kind;

typedef struct {
  pos_kind kind;
  size_t off, n; /* the text in rendition.cells */
  uint16_t conf; /* scans: the cell's confidence, or SCAN_NO_CONF */
} position;

/* A row of the segment waiting to be written: its grid positions are
 * row[pos0 .. pos0 + n_pos) of the rendition. */
typedef struct {
  size_t pos0, n_pos;
  uint32_t n_row; /* its row number in the table */
} held_row;

/* What a grid column of the segment holds. */
enum { COL_HEADER = 1, COL_VALUE = 2 };

struct rendition {
  xxgk_parser *p;
  where_map *map;
  buf line;           /* the line being built                      */
  buf cells;          /* the segment's cell texts                  */
  uint32_t lineno;    /* rendition lines emitted                   */
  uint32_t n_para;    /* paragraphs emitted                        */
  uint32_t n_table;   /* tables begun                              */
  uint32_t n_row;     /* rows of the current table                 */
  uint32_t page;      /* PDF: the page of the last line            */
  uint32_t scan_page, scan_table; /* scans: the table's page, number */
  uint16_t scan_conf; /* scans: the next cell's confidence          */
  uint16_t *confs;    /* scans: per position of the row            */
  int in_table, in_row;
  position *row;      /* the segment's grid positions, row by row  */
  size_t row0;        /* where the current row's positions begin   */
  size_t cells0;      /* where the current row's cell texts begin  */
  size_t n_row_pos, cap_row_pos; /* the current row's; all rows'   */
  held_row *held;     /* the segment's rows, not yet written       */
  size_t n_held, cap_held;
  int header_last;    /* the last row held is a column header row  */
  uint8_t *colkind;   /* per grid column: COL_HEADER | COL_VALUE   */
  size_t n_colkind, cap_colkind;
  uint32_t *span_left; /* per column: rows a rowspan still covers  */
  size_t n_span, cap_span;
  uint32_t *cols;     /* per position: its start column in line    */
  size_t cap_cols;
  size_t n_cells;     /* grid positions in the document so far     */
  xxgk_status status; /* the first reader error, or XXGK_OK        */
};

rendition *rend_new(void) {
  rendition *r = xxgk_calloc(1, sizeof *r);
  r->p = xxgk_parser_new();
  r->map = where_new();
  r->scan_conf = SCAN_NO_CONF;
  return r;
}

static void diag_v(xxgk_doc *d, const char *rule, xxgk_severity sev,
                   uint32_t line, uint32_t col, const char *fmt, va_list ap) {
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  doc_diag(d, rule, sev, line, col, "%s", msg);
}

void rend_fail(rendition *r, xxgk_status st, const char *fmt, ...) {
  if (r->status != XXGK_OK)
    return;
  r->status = st;
  va_list ap;
  va_start(ap, fmt);
  diag_v(r->p->doc, "E", XXGK_SEV_ERROR, 0, 0, fmt, ap);
  va_end(ap);
}

int rend_failed(const rendition *r) { return r->status != XXGK_OK; }

uint32_t rend_next_line(const rendition *r) { return r->lineno + 1; }

void rend_notice(rendition *r, uint32_t line, uint32_t col, const char *fmt,
                 ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_v(r->p->doc, "P", XXGK_SEV_NOTICE, line, col, fmt, ap);
  va_end(ap);
}

xxgk_status read_refuse(xxgk_doc **out, xxgk_status st, const char *fmt,
                        ...) {
  xxgk_doc *d = xxgk_doc_new(XXGK_FORMAT_NONE);
  va_list ap;
  va_start(ap, fmt);
  diag_v(d, "E", XXGK_SEV_ERROR, 0, 0, fmt, ap);
  va_end(ap);
  *out = d;
  return st;
}

/* ## Text */

/* A space for layout: ASCII white space and control characters, NO-BREAK
 * and ideographic spaces, the typographic spaces. Returns the length of
 * the space character at s, or 0. */
static size_t space_len(const char *s, size_t n) {
  unsigned char c = (unsigned char)s[0];
  if (c < 0x20 || c == 0x7F || c == ' ')
    return 1;
  if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0)
    return 2;
  if (n >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 &&
      (unsigned char)s[2] == 0x80)
    return 3;
  if (n >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
      (unsigned char)s[2] <= 0x8A)
    return 3; /* U+2000..U+200A */
  return 0;
}

/* Appends s[0..n) to b with white space collapsed and trimmed; a TAB is
 * kept as a cell separator when keep_tab. Invalid UTF-8 becomes U+FFFD so
 * the parser never mistakes the rendition for GB18030. */
static void put_collapsed(buf *b, const char *s, size_t n, int keep_tab) {
  size_t start = b->len;
  int pending = 0; /* 1: a space, 2: a tab */
  size_t i = 0;
  while (i < n) {
    size_t k = space_len(s + i, n - i);
    if (k) {
      if (keep_tab && s[i] == '\t')
        pending = 2;
      else if (!pending)
        pending = 1;
      i += k;
      continue;
    }
    int32_t cp;
    int len = (unsigned char)s[i] < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
    if (pending && b->len > start)
      buf_putc(b, pending == 2 ? '\t' : ' ');
    pending = 0;
    if (len < 0) {
      buf_puts(b, "\xEF\xBF\xBD");
      i++;
    } else {
      buf_put(b, s + i, (size_t)len);
      i += (size_t)len;
    }
  }
}

static uint32_t n_chars(const char *s, size_t n) {
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

static void emit_line(rendition *r, where_kind k, uint32_t a, uint32_t b,
                      const uint32_t *pos, size_t n_pos) {
  r->lineno++;
  if (k)
    where_add(r->map, r->lineno, k, a, b, pos, n_pos);
  buf_putc(&r->line, '\n');
  xxgk_parser_feed(r->p, r->line.data, r->line.len);
  r->line.len = 0;
}

/* A line of text with white space collapsed (TABs kept as cell separators
 * when keep_tab), unless empty; returns 1 if there is one to emit. */
static int collapsed_line(rendition *r, const char *s, size_t n, int keep_tab) {
  if (rend_failed(r))
    return 0;
  r->line.len = 0;
  put_collapsed(&r->line, s, n, keep_tab);
  return r->line.len > 0;
}

void rend_para(rendition *r, const char *s, size_t n) {
  if (collapsed_line(r, s, n, 1))
    emit_line(r, WHERE_PARA, ++r->n_para, 0, NULL, 0);
}

/* Copies s[0..n) into the line as it is, but for control characters
 * (dropped; TAB kept) and invalid UTF-8 (U+FFFD). */
static void put_raw(rendition *r, const char *s, size_t n) {
  r->line.len = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    unsigned char c = (unsigned char)s[i];
    int len = c < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
    if (len < 0) {
      buf_puts(&r->line, "\xEF\xBF\xBD");
      i++;
    } else if (c < 0x20 && c != '\t') {
      i++; /* form feeds and other controls: pages are in the map */
    } else {
      buf_put(&r->line, s + i, (size_t)len);
      i += (size_t)len;
    }
  }
}

void rend_pre_line(rendition *r, const char *s, size_t n) {
  if (rend_failed(r))
    return;
  put_raw(r, s, n);
  emit_line(r, WHERE_PARA, ++r->n_para, 0, NULL, 0);
}

void rend_page_line(rendition *r, uint32_t page, const char *s, size_t n) {
  if (rend_failed(r))
    return;
  put_raw(r, s, n);
  int first = page != r->page;
  r->page = page;
  emit_line(r, first ? WHERE_PAGE : 0, page, 0, NULL, 0);
}

void rend_title_hint(rendition *r, const char *s, size_t n) {
  buf t = {0};
  put_collapsed(&t, s, n, 0);
  outline_title_hint(r->p, t.data ? t.data : "", t.len);
  buf_free(&t);
}

void rend_scan_line(rendition *r, uint32_t page, uint32_t line, const char *s,
                    size_t n) {
  if (collapsed_line(r, s, n, 0))
    emit_line(r, WHERE_PAGE, page, line, NULL, 0);
}

/* ## Tables */

static void flush_segment(rendition *r);

void rend_table_begin(rendition *r) {
  if (r->in_table)
    rend_table_end(r);
  r->in_table = 1;
  r->n_table++;
  r->n_row = 0;
  r->n_span = 0;
}

void rend_table_end(rendition *r) {
  if (r->in_row)
    rend_row_end(r);
  r->row0 += r->n_row_pos; /* no current row */
  r->n_row_pos = 0;
  r->cells0 = r->cells.len;
  flush_segment(r);
  r->in_table = 0;
  r->scan_page = 0;
}

void rend_scan_table(rendition *r, uint32_t page, uint32_t table) {
  rend_table_begin(r);
  r->scan_page = page;
  r->scan_table = table;
}

void rend_scan_conf(rendition *r, uint16_t conf) { r->scan_conf = conf; }

void rend_row_begin(rendition *r) {
  if (!r->in_table)
    rend_table_begin(r);
  if (r->in_row)
    rend_row_end(r);
  r->in_row = 1;
  r->n_row++;
  r->row0 += r->n_row_pos;
  r->n_row_pos = 0;
  r->cells0 = r->cells.len;
}

/* Adds one grid position to the row; returns 0, or -1 past the cell
 * limit. */
static int add_pos(rendition *r, pos_kind k, size_t off, size_t n) {
  if (r->n_cells >= XXGK_MAX_CELLS) {
    rend_fail(r, XXGK_E_LIMIT,
              "表格单元格超过 %d 个（合并单元格按所占格数计）的上限，第%u个"
              "表格起未读取；请检查文件是否完整",
              XXGK_MAX_CELLS, r->n_table);
    return -1;
  }
  r->n_cells++;
  if (r->row0 + r->n_row_pos == r->cap_row_pos) {
    r->cap_row_pos = r->cap_row_pos ? r->cap_row_pos * 2 : 32;
    r->row = xxgk_realloc(r->row, r->cap_row_pos * sizeof *r->row);
  }
  position *p = &r->row[r->row0 + r->n_row_pos++];
  p->kind = k;
  p->off = off;
  p->n = n;
  p->conf = SCAN_NO_CONF;
  return 0;
}

static uint32_t *span_at(rendition *r, size_t col) {
  if (col >= r->cap_span) {
    size_t cap = r->cap_span ? r->cap_span : 32;
    while (cap <= col)
      cap *= 2;
    r->span_left = xxgk_realloc(r->span_left, cap * sizeof *r->span_left);
    r->cap_span = cap;
  }
  while (r->n_span <= col)
    r->span_left[r->n_span++] = 0;
  return &r->span_left[col];
}

/* Skips the columns a rowspan from above covers. */
static void skip_covered(rendition *r) {
  while (r->n_row_pos < r->n_span && r->span_left[r->n_row_pos] > 0)
    if (add_pos(r, POS_COVERED, 0, 0) < 0)
      return;
}

/* A value cell: a number (ASCII or full-width digits, a sign) or a blank
 * word ("—", "-", "/", "无"), as the lexer reads them. */
static int is_value(const char *s, size_t n) {
  if (n == 0)
    return 0;
  size_t i = (s[0] == '-' || s[0] == '+') && n > 1 ? 1 : 0;
  if (s[i] >= '0' && s[i] <= '9')
    return 1;
  if (n - i >= 3 && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
      (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99)
    return 1; /* U+FF10..U+FF19 */
  static const char *const BLANKS[] = {"-", "--", "/", "无", "—", "——", "－", "／"};
  for (size_t k = 0; k < sizeof BLANKS / sizeof *BLANKS; k++)
    if (strlen(BLANKS[k]) == n && memcmp(BLANKS[k], s, n) == 0)
      return 1;
  return 0;
}

void rend_cell(rendition *r, const char *s, size_t n, int colspan,
               int rowspan) {
  if (rend_failed(r))
    return;
  if (!r->in_row)
    rend_row_begin(r);
  if (colspan < 1 || colspan > 1000)
    colspan = colspan < 1 ? 1 : 1000;
  if (rowspan == 0 || rowspan > 65534)
    rowspan = 65534;
  if (rowspan < 1)
    rowspan = 1;
  skip_covered(r);
  size_t off = r->cells.len;
  put_collapsed(&r->cells, s, n, 0);
  size_t len = r->cells.len - off;
  size_t col = r->n_row_pos;
  pos_kind k = len == 0 ? POS_EMPTY
               : is_value(r->cells.data + off, len) ? POS_VALUE
                                                    : POS_TEXT;
  if (add_pos(r, k, off, len) < 0)
    return;
  r->row[r->row0 + r->n_row_pos - 1].conf = r->scan_conf;
  r->scan_conf = SCAN_NO_CONF;
  for (int c = 1; c < colspan; c++)
    if (add_pos(r, POS_SPANNED, 0, 0) < 0)
      return;
  if (rowspan > 1)
    for (int c = 0; c < colspan; c++)
      *span_at(r, col + (size_t)c) = (uint32_t)rowspan - 1;
}

void rend_covered(rendition *r, int n) {
  if (rend_failed(r))
    return;
  if (!r->in_row)
    rend_row_begin(r);
  skip_covered(r);
  for (int c = 0; c < n && c < 1000; c++)
    if (add_pos(r, POS_SPANNED, 0, 0) < 0)
      return;
}

static void mark_column(rendition *r, size_t col, uint8_t kind) {
  if (col >= r->cap_colkind) {
    size_t cap = r->cap_colkind ? r->cap_colkind : 32;
    while (cap <= col)
      cap *= 2;
    r->colkind = xxgk_realloc(r->colkind, cap);
    r->cap_colkind = cap;
  }
  while (r->n_colkind <= col)
    r->colkind[r->n_colkind++] = 0;
  r->colkind[col] |= kind;
}

/* 1 if the cell's text is the label of a dictionary column. */
static int names_column(const rendition *r, const position *p) {
  char key[KEY_MAX];
  size_t k = text_key(r->cells.data + p->off, p->n, key, sizeof key);
  return labels_is_column(key, k);
}

/* 1 if the row names a column of the dictionary in a cell and holds no
 * value: a column header row ("自然人 | 法人或其他组织 | 总计"). */
static int is_header_row(const rendition *r, const position *row, size_t n) {
  int named = 0;
  for (size_t i = 0; i < n; i++) {
    if (row[i].kind == POS_VALUE)
      return 0;
    if (row[i].kind == POS_TEXT && !named)
      named = names_column(r, &row[i]);
  }
  return named;
}

/* Writes one held row as a line. A cell printed empty is a blank ("—", the
 * parser's blank cell, 0 noted) when it stands between two value cells, or
 * at the row's edge in a data column: a column the segment's header names
 * or where another of its rows prints a value. */
static void emit_row(rendition *r, const held_row *h) {
  /* an empty row held alone: r->row may still be NULL (see rend_row_end) */
  const position *row = h->n_pos ? r->row + h->pos0 : NULL;
  size_t n = h->n_pos;
  size_t first_v = SIZE_MAX, last_v = 0, label_end = 0;
  for (size_t i = 0; i < n; i++) {
    if (row[i].kind == POS_VALUE) {
      if (first_v == SIZE_MAX)
        first_v = i;
      last_v = i;
    } else if (row[i].kind == POS_TEXT && first_v == SIZE_MAX) {
      label_end = i + 1;
    }
  }
  if (n > r->cap_cols) {
    r->cap_cols = n * 2;
    r->cols = xxgk_realloc(r->cols, r->cap_cols * sizeof *r->cols);
    r->confs = xxgk_realloc(r->confs, r->cap_cols * sizeof *r->confs);
  }
  r->line.len = 0;
  uint32_t chars = 0;
  int any = 0, value_span = 0;
  for (size_t i = 0; i < n; i++) {
    const position *p = &row[i];
    /* The columns a figure's colspan covers are the figure's: printed as
     * cells of their own, the parser would read blanks (0) between it and
     * the next figure ("1\t\t0", one figure in two columns). */
    value_span = p->kind == POS_VALUE || (value_span && p->kind == POS_SPANNED);
    if (p->kind == POS_SPANNED && value_span) {
      r->cols[i] = r->cols[i - 1];
      r->confs[i] = r->confs[i - 1];
      continue;
    }
    if (i > 0) {
      buf_putc(&r->line, '\t');
      chars++;
    }
    r->cols[i] = chars + 1;
    r->confs[i] = p->conf;
    if (p->kind == POS_TEXT || p->kind == POS_VALUE) {
      buf_put(&r->line, r->cells.data + p->off, p->n);
      chars += n_chars(r->cells.data + p->off, p->n);
      any = 1;
    } else if (p->kind == POS_EMPTY && first_v != SIZE_MAX) {
      int inside = i > first_v && i < last_v;
      int edge = !inside && i >= label_end && i < r->n_colkind &&
                 r->colkind[i] != 0;
      if (!inside && !edge)
        continue;
      buf_puts(&r->line, "—");
      chars++;
      if (edge) /* the message's "第N行" becomes the table's row */
        doc_diag(r->p->doc, "P", XXGK_SEV_NOTICE, r->lineno + 1,
                 r->cols[i],
                 "第%u行第%zu列印为空白，此列在本表中是数据列（有列标题或"
                 "其他行的数字），按0计",
                 r->lineno + 1, i + 1);
    }
  }
  if (!any)
    return; /* an empty row (all spans or blanks) prints nothing */
  if (r->scan_page) {
    emit_line(r, 0, 0, 0, NULL, 0);
    where_add_scan(r->map, r->lineno, r->scan_page, r->scan_table, h->n_row,
                   r->cols, r->confs, n);
  } else {
    emit_line(r, WHERE_ROW, r->n_table, h->n_row, r->cols, n);
  }
}

/* Writes the rows held since the segment began, and starts a new one with
 * the current row, if any (a header row that ends the segment). */
static void flush_segment(rendition *r) {
  for (size_t i = 0; i < r->n_held && !rend_failed(r); i++)
    emit_row(r, &r->held[i]);
  r->n_held = 0;
  r->n_colkind = 0;
  r->header_last = 0;
  /* The current row moves to the front: its positions and its texts. */
  if (r->n_row_pos) /* no row yet: r->row may still be NULL */
    memmove(r->row, r->row + r->row0, r->n_row_pos * sizeof *r->row);
  for (size_t i = 0; i < r->n_row_pos; i++)
    if (r->row[i].kind == POS_TEXT || r->row[i].kind == POS_VALUE ||
        r->row[i].kind == POS_EMPTY)
      r->row[i].off -= r->cells0;
  if (r->cells.len > r->cells0)
    memmove(r->cells.data, r->cells.data + r->cells0,
            r->cells.len - r->cells0);
  r->cells.len -= r->cells0;
  r->row0 = r->cells0 = 0;
}

/* A table is written a segment at a time: the rows from a column header
 * to the next, so that whether a cell printed empty lies in a data column
 * is known from the whole segment (its header names the column, or a later
 * row prints a value there) before any of its rows is written. Each row is
 * held once and written once. */
void rend_row_end(rendition *r) {
  if (!r->in_row)
    return;
  r->in_row = 0;
  if (rend_failed(r))
    return;
  /* Columns to the right still covered from above. */
  size_t last_covered = 0;
  for (size_t c = r->n_row_pos; c < r->n_span; c++)
    if (r->span_left[c] > 0)
      last_covered = c + 1;
  while (r->n_row_pos < last_covered) {
    size_t c = r->n_row_pos;
    if (add_pos(r, r->span_left[c] > 0 ? POS_COVERED : POS_SPANNED, 0, 0) < 0)
      return;
  }
  /* a row with no cell before any other: r->row is still NULL, and
   * NULL + 0 is undefined in C */
  position *row = r->row ? r->row + r->row0 : NULL;
  for (size_t i = 0; i < r->n_row_pos; i++)
    if (row[i].kind == POS_COVERED && r->span_left[i] > 0)
      r->span_left[i]--;
  /* Spans ended on the right need no scanning in later rows: the scan
   * above stays within the positions a row adds (linear overall). */
  while (r->n_span > 0 && r->span_left[r->n_span - 1] == 0)
    r->n_span--;
  int header = is_header_row(r, row, r->n_row_pos);
  if (header && !r->header_last && r->n_held > 0) {
    flush_segment(r); /* a new header: the rows before it are written */
    row = r->row;
  }
  for (size_t i = 0; i < r->n_row_pos; i++) {
    if (header && row[i].kind == POS_TEXT && names_column(r, &row[i]))
      mark_column(r, i, COL_HEADER);
    else if (!header && row[i].kind == POS_VALUE)
      mark_column(r, i, COL_VALUE);
  }
  r->header_last = header;
  if (r->n_held == r->cap_held) {
    r->cap_held = r->cap_held ? r->cap_held * 2 : 16;
    r->held = xxgk_realloc(r->held, r->cap_held * sizeof *r->held);
  }
  r->held[r->n_held++] = (held_row){r->row0, r->n_row_pos, r->n_row};
}

xxgk_status rend_finish(rendition *r, xxgk_doc **out) {
  if (r->in_table)
    rend_table_end(r);
  xxgk_status st = xxgk_parser_finish(r->p, out);
  where_attach(*out, r->map);
  if (r->status != XXGK_OK)
    st = r->status;
  buf_free(&r->line);
  buf_free(&r->cells);
  free(r->row);
  free(r->held);
  free(r->colkind);
  free(r->span_left);
  free(r->cols);
  free(r->confs);
  free(r);
  return st;
}
