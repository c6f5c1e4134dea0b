/*
 * internal.h — declarations shared between the library's files; not
 * installed. Everything here is hidden from the shared object's users.
 */
#ifndef XXGK_INTERNAL_H
#define XXGK_INTERNAL_H

#include "xxgk.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XXGK_DICT_ROWS 44 /* checked against dict.c's table at compile time */
#define XXGK_MAX_COLS 7

/* Allocation (xxgk_malloc …, declared in xxgk.h) aborts on failure, so no
 * call site checks for NULL. */

/* ## The buffer and escapers of xxgk_out.h, by their short names
 *
 * The library writes with them everywhere; these names are the public
 * functions themselves, kept short for the code that calls them in every
 * line. */
typedef xxgk_buf buf;
#define buf_reserve xxgk_buf_reserve
#define buf_put xxgk_buf_put
#define buf_puts xxgk_buf_puts
#define buf_putc xxgk_buf_putc
#define buf_printf xxgk_buf_printf
#define buf_free xxgk_buf_free
/* Hands the buffer's memory to the caller (free with xxgk_free). */
static inline char *buf_detach(buf *b) { return xxgk_buf_detach(b, NULL); }

/* Makes room for `need` elements of `size` bytes in the array p, whose
 * capacity is *cap elements: doubles *cap (from 16) until it holds them and
 * reallocates (aborting on failure, as xxgk_realloc does). Returns the
 * array, perhaps moved. The one way the library grows an array:
 *   l->v = grow(l->v, &l->cap, l->n + 1, sizeof *l->v); */
void *grow(void *p, size_t *cap, size_t need, size_t size);

/* The first occurrence of the string w in s[0..n), or NULL (memmem, which
 * POSIX lacks). */
const char *mem_find(const char *s, size_t n, const char *w);

/* v in decimal, written at the end of out (NUL-terminated there); returns
 * where it starts. Without printf's format parsing: the deadlines of a
 * list and a statement's parameters write one a row. */
const char *int_text(long long v, char out[24]);

/* ## Text (text.c) */

/* Decodes one UTF-8 sequence at s[0..n); returns its length and sets *cp,
 * or returns -1 on an invalid or truncated sequence. */
int utf8_decode(const char *s, size_t n, int32_t *cp);
/* Encodes cp into out (4 bytes); returns the length. Inline for the
 * three-byte characters (CJK above all) that converted GB18030 and UTF-16
 * text is made of: a call per character costs the converters. */
int utf8_encode_any(int32_t cp, char *out);
static inline int utf8_encode(int32_t cp, char *out) {
  if (cp >= 0x800 && cp < 0xD800) {
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  return utf8_encode_any(cp, out);
}
/* The length of the longest prefix of s[0..n) that is valid UTF-8 with no
 * NUL byte: n when all of it is. A sequence cut off at the end is not
 * valid; a caller that reads in chunks keeps those bytes for the next. */
size_t utf8_valid_prefix(const char *s, size_t n);

/* Where the characters of a normalised line stood in the input line. Most
 * lines map one character to one character, and then a column is counted
 * from the output when asked for; only a line with a character dropped or
 * expanded (U+200B, "…" → "...") keeps a column per output byte. */
typedef struct {
  uint32_t *col; /* when `mapped`: col[k], 1-based, of output byte k  */
  size_t cap;
  int mapped;
  uint32_t last;  /* while mapping: the column of the last character  */
  size_t at;      /* text_col's count: output bytes [0, at) counted … */
  uint32_t at_col; /* … holding this many characters                  */
} text_cols;

/* What a normalised line contains, for the lexer's shortcut. */
#define NORM_DIGIT 1u /* an ASCII digit                       */
#define NORM_SEP 2u   /* a space, TAB or '|': cells and words  */

/* Normalises one line for matching: full-width forms and compatibility
 * characters to their plain form (utf8proc's compatibility mapping), every
 * kind of space to ' ', dashes and minus signs to '-', zero-width characters
 * dropped. With `cols`, text_col tells afterwards the 1-based character
 * column of the input character each output byte came from. Returns the
 * NORM_* flags of the output. */
unsigned text_normalize(const char *s, size_t n, buf *out, text_cols *cols);
/* The column of output byte `off` of the line text_normalize last wrote to
 * out with cols. Cheapest when asked in increasing order. */
uint32_t text_col(text_cols *cols, const char *out, size_t off);
void text_cols_free(text_cols *cols);

/* The matching key of a label: its letters and digits only (Unicode
 * categories L* and N*), so that "(一) 予以公开", "（一）予以公开" and
 * "（一） 予以 公开" agree. Writes at most cap-1 bytes; returns the length. */
size_t text_key(const char *s, size_t n, char *out, size_t cap);
/* The key with a leading enumerator ("一、", "（一）", "1.", "1、", "(1)")
 * removed; returns a pointer into key. */
const char *text_key_bare(const char *key);

/* ## Numbers (num.c) */
/* Multiplies by 10^k exactly (k <= 18); returns -1 on overflow. */
int num_scale_up(xxgk_num a, int k, xxgk_num *out);
/* The value times 10^k (-18 <= k <= 18), exactly: 251000 元 is 25.1 万元
 * with k = -4. Returns -1 if it cannot be represented. */
int num_pow10(xxgk_num a, int k, xxgk_num *out);

/* ## Dictionary (dict.c) */
size_t dict_cell_label(int row, int col, char *out, size_t cap);
/* The first row after row i that is of table t and in one of the formats
 * f, or -1: `for (int i = -1; (i = dict_next_row(i, t, f)) >= 0;)` walks
 * table t's rows in printed order. */
int dict_next_row(int i, xxgk_table t, unsigned f);
/* The rule by which the row's last cell is the sum of the others: "A3"
 * (table 3), "R1" (table 4's groups), or NULL. */
const char *dict_row_sum_rule(const xxgk_row_def *r);

/* The union of dotted keys over both formats (keys.c). */
typedef struct {
  char key[96];       /* "applications.received.natural_person"      */
  xxgk_kind kind;
  int row[2], col[2]; /* [0] format 2019, [1] 2021; row -1 if absent */
} dict_key;
/* Sets *out to the keys, in dictionary order; returns how many. */
int dict_keys(const dict_key **out);
/* The key's cell in d's format, or NULL if the format has no such key. */
const xxgk_cell *dict_key_cell(const dict_key *k, const xxgk_doc *d);

#define XXGK_N_PARTS 6
typedef struct {
  const char *heading; /* "一、总体情况", as in the official outline      */
  const char *aliases; /* other printed headings, '|'-separated          */
  int section;         /* the xxgk_section it holds, or -1                */
  int table;           /* the xxgk_table it holds, or -1                  */
} part_def;
const part_def *dict_part(int i);

/* ## Document (doc.c) */
/* From line k of a part's text on, line k + i is input line line + i. */
typedef struct {
  uint32_t k, line;
} line_jump;
struct xxgk_doc {
  xxgk_format format;
  int year;
  char *agency, *title, *source;
  char *sections[XXGK_N_SECTIONS];
  /* text_normalize(sections[s]) as the parser made it line by line, the
   * lines joined by '\n' as in sections[s], for the narrative's patterns;
   * NULL: normalise sections[s] when needed. */
  char *sections_norm[XXGK_N_SECTIONS];
  /* The input lines of sections[s], for the narrative's findings: the
   * first in section_line, 0 when the text came from no input lines (read
   * from JSON, or set since); line k of the text is input line
   * section_line + k until a jump (the parser does not keep blank lines
   * and page numbers) says otherwise. */
  uint32_t section_line[XXGK_N_SECTIONS];
  line_jump *section_jumps[XXGK_N_SECTIONS]; /* by k; NULL: none */
  size_t n_section_jumps[XXGK_N_SECTIONS];
  /* A table printed in the other format's layout (xxgk_doc_table_format):
   * XXGK_FORMAT_ANY; 0: the document's format. */
  xxgk_format table_format[XXGK_N_TABLES];
  xxgk_cell cells[XXGK_DICT_ROWS][XXGK_MAX_COLS];
  xxgk_diag *diags;
  size_t n_diags, cap_diags, n_dropped;
  struct where_map *where; /* a reader's provenance map (where.c), or NULL */
  /* What the quality score (lib/quality) needs to know of how the document
   * was read and checked. */
  unsigned char outline_read;           /* read from a text rendition     */
  unsigned char format_from_year;       /* no table told the format       */
  unsigned char headings[XXGK_N_PARTS]; /* DOC_HEADING_*                */
  unsigned char checked;                /* DOC_CHECKED_* bits             */
  int n1_compared; /* narrative figures compared with the tables (N1)  */
};
#define DOC_HEADING_VARIANT 1  /* a part headed in other words          */
#define DOC_HEADING_OFFICIAL 2 /* in the official outline's words       */
#define DOC_CHECKED_TABLES 1   /* xxgk_check ran                        */
#define DOC_CHECKED_YEARS 2    /* xxgk_check_years ran                  */
void where_free(struct where_map *m);
/* xxgk_doc_has_row, inline: the checker and renderers ask it per cell. */
static inline int doc_has_row(const xxgk_doc *d, const xxgk_row_def *r) {
  xxgk_format f = d->table_format[r->table];
  return (r->formats & (f ? f : d->format)) != 0;
}

/* Appends a diagnostic with a printf-style Chinese message; returns it (so
 * the caller can attach cells), or NULL when the list is full. */
xxgk_diag *doc_diag(xxgk_doc *d, const char *rule, xxgk_severity sev,
                    uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void diag_cell(xxgk_diag *g, int row, int col);

/* ## Narrative (narrative.c): N1 and the 信息处理费 figures. */
void narrative_fees(xxgk_doc *d);
void narrative_check(xxgk_doc *d);

/* ## JSON (json_read.c) */
/* The JSON value in the n bytes at s (n at most INT_MAX: json-c counts in
 * an int; callers refuse larger input first), to json_object_put; or NULL,
 * with *at the offset of the byte where json-c stopped and *why its
 * description of the fault. */
struct json_object *json_parse(const char *s, size_t n, size_t *at,
                               const char **why);

/* ## Documents from templates (lib/render/render_notice.c)
 *
 * A template (its syntax: render_notice.c, docs/documents.md) filled with
 * named fields into print-ready HTML or a DOCX in the layout of official
 * documents. A field named in the template but absent from f is an error
 * (XXGK_E_REFUSED, the template's `name` and line in err); a field whose
 * value is NULL is empty. *out is the caller's (xxgk_free). */
struct notice_field {
  const char *name;  /* "申请人" */
  const char *value; /* UTF-8, may hold line breaks; NULL: empty */
};
xxgk_status notice_render(const char *tpl, size_t n, const char *name,
                          const struct notice_field *f, int n_f, int as_docx,
                          char **out, size_t *len, char *err, size_t cap);

#endif
