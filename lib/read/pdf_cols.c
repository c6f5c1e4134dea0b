/*
 * pdf_cols.c — the columns of a PDF's tables, from where `pdftotext
 * -layout` puts the text, so that a row of table 3 or 4 whose edge (or
 * inner) cell is printed empty is read with a blank there instead of being
 * refused for its short count of numbers.
 *
 * How pdftotext lays a page out: each character is one column of the
 * output, a CJK ideograph as much as a digit (it does not pad to display
 * width), and a piece of text starts at the first column right of every
 * piece that lies wholly left of it on the page, or in the column of the
 * character it stands under when the two overlap horizontally. Two pieces
 * of one page that share an output column therefore overlap on the page;
 * pieces in different cells of a table never do. Columns are computed per
 * page: the same table gets other columns on the next page.
 *
 * So, per page and table (the part heading before a line says which table
 * it is in; only tables whose rows print a fixed set of numbers side by
 * side, table 3's 7 and table 4's 15, are modelled):
 *   - a line printing the full set of numbers gives each column the output
 *     columns its number covers, and a header cell naming a column (a
 *     dictionary label, "总计", also wrapped in its cell: "科研" over
 *     "机构") the columns of its text; a column's range
 *     is the hull of its evidence, and the ranges must come in the
 *     template's order without overlapping, else the page's model is void;
 *   - the previous page's ranges are added when the page's own evidence
 *     agrees with them (a repeated header, rows in the same columns);
 *   - a short row (a row label of the table, or no text and two numbers or
 *     more) is completed only when each of its numbers lies in exactly one
 *     column's range, in order, and every column left without a number has
 *     a range on this page — a column the table is known to have. The
 *     missing cells become "—", the parser's blank (0, noted). Any doubt
 *     leaves the line as it was, and the parser refuses the row as before.
 * A row with no number at all is layout and stays as it is.
 *
 * With the words' boxes (pdf_boxes.c), a page's lines found among them
 * measure in tenths of a point instead of characters: a header's labels
 * then stand over their numbers whatever their length in characters, and
 * positions compare from page to page (same width), so that a header
 * wrapped over a page break is joined, and a page of rows that shows none
 * of the table's columns takes the previous page's. What the positions
 * settle is read: a lone number beside a wrapped row label, a row's numbers
 * after a middle piece of its label (left of the table's first column).
 * A line not found among the boxes is not used, for the model or a row.
 *
 * A page is held until it ends (its later rows teach its columns too), then
 * each line is handed on once: linear in the input.
 */
#include "labels.h"
#include "parser.h"
#include "reader.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 16   /* the widest template: table 4's 15 numbers */
#define COL_KEY 64    /* a column label's key                      */
#define COL_NAME 96   /* its name in a notice                      */
#define MAX_FRAGS 32  /* pieces of wrapped header labels kept      */
#define MAX_ROWS 64   /* a table's row labels (targets)            */

/* ## Templates: the tables whose numbers stand side by side */

typedef struct {
  xxgk_table table;
  int labelled; /* rows print their label (table 3): a short row's text
                   must name one of them */
  int n;
  char key[MAX_COLS][COL_KEY];
  char name[MAX_COLS][COL_NAME];
  int once[MAX_COLS]; /* the label heads one column only */
  int rows[MAX_ROWS]; /* the targets of the table's rows, for near labels */
  int n_rows;
} tmpl;

static tmpl TMPL[XXGK_N_TABLES];
static int N_TMPL;
static pthread_once_t ONCE = PTHREAD_ONCE_INIT;

/* Fills m with the columns of table t in format f, left to right: a row's
 * for a matrix (every row has the same), each row's in turn for a table
 * whose rows stand side by side. Returns 0, or -1 if it has none. */
static int tmpl_fill(tmpl *m, xxgk_table t, xxgk_layout layout, unsigned f) {
  m->n = 0;
  for (int i = -1; (i = dict_next_row(i, t, f)) >= 0;) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (m->n + r->n_cols > MAX_COLS)
      abort(); /* the dictionary outgrew MAX_COLS: caught by tests */
    for (int c = 0; c < r->n_cols; c++) {
      text_key(r->cols[c].label, strlen(r->cols[c].label), m->key[m->n],
               COL_KEY);
      if (layout == XXGK_LAYOUT_ACROSS)
        snprintf(m->name[m->n], COL_NAME, "%s·%s", r->label,
                 r->cols[c].label);
      else
        snprintf(m->name[m->n], COL_NAME, "%s", r->cols[c].label);
      m->n++;
    }
    if (layout == XXGK_LAYOUT_MATRIX)
      break;
  }
  return m->n > 0 ? 0 : -1;
}

static void tmpl_build(void) {
  for (int t = 0; t < XXGK_N_TABLES; t++) {
    xxgk_layout layout = xxgk_dict_table((xxgk_table)t)->layout;
    if (layout != XXGK_LAYOUT_MATRIX && layout != XXGK_LAYOUT_ACROSS)
      continue;
    /* The reader does not know the format: a table is modelled only when
     * both formats print the same columns. */
    tmpl a, *m = &TMPL[N_TMPL];
    if (tmpl_fill(&a, (xxgk_table)t, layout, XXGK_FORMAT_2019) < 0 ||
        tmpl_fill(m, (xxgk_table)t, layout, XXGK_FORMAT_2021) < 0 ||
        a.n != m->n)
      continue;
    int same = 1;
    for (int j = 0; j < m->n; j++)
      same &= strcmp(a.key[j], m->key[j]) == 0;
    if (!same)
      continue;
    m->table = (xxgk_table)t;
    m->labelled = layout == XXGK_LAYOUT_MATRIX;
    m->n_rows = 0;
    for (int r = 0; r < labels_n_targets(); r++)
      if (labels_target(r)->table == m->table) {
        if (m->n_rows == MAX_ROWS)
          abort(); /* the dictionary outgrew MAX_ROWS: caught by tests */
        m->rows[m->n_rows++] = r;
      }
    for (int j = 0; j < m->n; j++) {
      int k = 0;
      for (int i = 0; i < m->n; i++)
        k += strcmp(m->key[i], m->key[j]) == 0;
      m->once[j] = k == 1;
    }
    N_TMPL++;
  }
}

/* The template of the table the part holds, or -1. */
static int tmpl_of_part(int part) {
  int t = dict_part(part)->table;
  for (int i = 0; i < N_TMPL; i++)
    if ((int)TMPL[i].table == t)
      return i;
  return -1;
}

/* ## A page's lines */

typedef struct {
  uint32_t s, e; /* output columns [s, e), 1-based */
} cspan;

typedef struct {
  cspan c;       /* where it stands: the page's unit (see pdf_cols.xmode) */
  cspan lc;      /* its character columns in the line                    */
  size_t off, n; /* the normalised word in pdf_cols.words */
  int col;       /* a header word: the column it names, or -1 */
  int tmpl;      /* a header word: its template                */
} word;

enum { L_OTHER, L_FULL, L_SHORT };

typedef struct {
  size_t off, n; /* the line as printed, in pdf_cols.text */
  int tmpl;      /* the template of its part, or -1 */
  int kind;
  size_t w0, nw; /* L_FULL, L_SHORT: its numbers in pdf_cols.w */
  size_t cut;    /* L_SHORT: bytes of the line before its numbers */
  uint32_t text_e; /* L_SHORT: where its text ends, if it names no row,
                      or a lone number's label line above; else 0 */
} pline;

/* A table's columns on a page. */
typedef struct {
  cspan r[MAX_COLS];
  uint8_t known[MAX_COLS];
  int any, valid;
  int xmode;    /* in tenths of a point, on a page this wide: */
  double width; /* comparable with another page's             */
} model;

struct pdf_cols {
  pdf_emit emit;
  void *ctx;
  uint32_t page;
  int tmpl;         /* the template of the part being read, or -1 */
  buf text;         /* the page's lines as printed                 */
  buf words;        /* the normalised text of the words kept       */
  pline *lines;
  size_t n_lines, cap_lines;
  word *w;          /* numbers of rows, header words               */
  size_t n_w, cap_w;
  size_t *heads;    /* header words: indices into w                */
  size_t n_heads, cap_heads;
  model carried[XXGK_N_TABLES]; /* the previous page's, per template */
  buf norm, out;
  text_cols tc;
  /* With the words' boxes, a page whose lines are found among them has
   * its spans in tenths of a point (xmode): the current line's character
   * columns have x[2k], x[2k+1] for column k + 1 when n_x > 0. */
  const pdf_boxes *bx;
  int xmode;
  double width;
  size_t box_at; /* the page's next box line: an index into bx->order */
  size_t box_end;
  buf flat, box_text;
  size_t *idx; /* the words of the box line(s) tried */
  size_t n_idx, cap_idx;
  double *x;
  size_t n_x, cap_x;
  uint32_t label_e; /* the line before, of a table's labels and no number:
                       where its text ends; else 0 */
  size_t left;     /* short rows not completed */
  /* Words of the header lines so far that name no column alone: the head
   * of a label wrapped in its cell ("商业企" over "业"), newest last. */
  struct {
    cspan c;
    char key[COL_KEY];
  } frag[MAX_FRAGS];
  int n_frags;
};

pdf_cols *pdfcols_new(pdf_emit emit, void *ctx, const pdf_boxes *boxes) {
  pthread_once(&ONCE, tmpl_build);
  pdf_cols *c = xxgk_calloc(1, sizeof *c);
  c->emit = emit;
  c->ctx = ctx;
  c->bx = boxes;
  c->tmpl = -1;
  return c;
}

static size_t add_word(pdf_cols *c, cspan sp, cspan lc, const char *s,
                       size_t n) {
  c->w = grow(c->w, &c->cap_w, c->n_w + 1, sizeof *c->w);
  word *w = &c->w[c->n_w];
  w->c = sp;
  w->lc = lc;
  w->off = c->words.len;
  w->n = n;
  w->col = -1;
  w->tmpl = -1;
  buf_put(&c->words, s, n);
  return c->n_w++;
}

/* The next word of s[0..n) from *i on: sets [*i, *j); 0 if none. */
static int next_word(const char *s, size_t n, size_t *i, size_t *j) {
  while (*i < n && s[*i] == ' ')
    (*i)++;
  for (*j = *i; *j < n && s[*j] != ' ';)
    (*j)++;
  return *i < n;
}

/* A printed number ("148", "1,234", "3.5") or a blank word ("-", "/",
 * "无"), normalised. */
static int is_number_word(const char *s, size_t n) {
  if ((n == 3 && memcmp(s, "无", 3) == 0) || (n == 1 && s[0] == '/'))
    return 1;
  size_t dashes = 0;
  while (dashes < n && s[dashes] == '-')
    dashes++;
  if (dashes == n)
    return n <= 3;
  if (s[0] < '0' || s[0] > '9' || s[n - 1] < '0' || s[n - 1] > '9')
    return 0;
  int dot = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '.' ? dot++ : s[i] != ',' && (s[i] < '0' || s[i] > '9'))
      return 0;
  return 1;
}

/* The bytes of s[0..n) that hold its first `chars` characters. */
static size_t bytes_of_chars(const char *s, size_t n, uint32_t chars) {
  size_t i = 0;
  for (uint32_t k = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == chars)
      break;
  return i;
}

/* ## Where a line's characters stand, from the words' boxes
 *
 * `pdftotext -layout` and `-bbox-layout` print the same words, a page's
 * text lines in the same order: a line of the page text is the box line
 * whose words, joined, are its characters without spaces. The lines are
 * paired in order; a line that is not the next box line may be the next
 * two joined, or, when it holds text to be sure of (a label), one a few
 * further (the page text joined or split lines there); a line of numbers
 * only must be the next (or the next two). */

#define BOX_LOOKAHEAD 4

/* Appends box line bx->order[*at] on to c->idx (its words, by index into
 * bx->w); *at moves past it. */
static void box_line(pdf_cols *c, size_t *at) {
  const pdf_boxes *b = c->bx;
  while (*at < c->box_end) {
    size_t w = b->order[(*at)++];
    c->idx = grow(c->idx, &c->cap_idx, c->n_idx + 1, sizeof *c->idx);
    c->idx[c->n_idx++] = w;
    if (b->w[w].line_end)
      break;
  }
}

/* 1 if the words of c->idx, left to right, are c->flat. Two box lines
 * joined (box_line twice) are sorted first: -layout may set on one line
 * what stands a little lower ("理 4.无正当理由大量反 … 0"). */
static int box_line_is(pdf_cols *c) {
  const pdf_boxes *b = c->bx;
  for (size_t i = 1; i < c->n_idx; i++) /* insertion: a line's words */
    for (size_t j = i; j > 0 && b->w[c->idx[j]].x0 < b->w[c->idx[j - 1]].x0;
         j--) {
      size_t x = c->idx[j];
      c->idx[j] = c->idx[j - 1];
      c->idx[j - 1] = x;
    }
  c->box_text.len = 0;
  for (size_t i = 0; i < c->n_idx; i++)
    buf_put(&c->box_text, b->text.data + b->w[c->idx[i]].off,
            b->w[c->idx[i]].n);
  return c->box_text.len == c->flat.len &&
         memcmp(c->box_text.data, c->flat.data, c->flat.len) == 0;
}

static int has_label_text(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 1;
  return 0;
}

/* The box line(s) from *at on that are c->flat: the next, or the next two
 * joined; with label text, also a few further on (the page text joined
 * or split lines before it). Leaves them in c->idx and *at past them;
 * 0 if none. */
static int find_box_line(pdf_cols *c, size_t *at) {
  int tries = has_label_text(c->flat.data, c->flat.len) ? BOX_LOOKAHEAD : 1;
  for (int k = 0; k < tries && *at < c->box_end; k++) {
    size_t next = *at;
    c->n_idx = 0;
    box_line(c, &next);
    size_t one = next;
    if (box_line_is(c)) {
      *at = next;
      return 1;
    }
    box_line(c, &next);
    if (next > one && box_line_is(c)) {
      *at = next;
      return 1;
    }
    *at = one;
  }
  return 0;
}

/* Pairs raw line s[0..n) with its box line: sets c->x for its character
 * columns and c->n_x, or c->n_x = 0 if none is found. */
static void pair_line(pdf_cols *c, const char *s, size_t n) {
  c->n_x = 0;
  c->flat.len = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ')
      buf_putc(&c->flat, s[i]);
  size_t at = c->box_at;
  if (c->flat.len == 0 || !find_box_line(c, &at))
    return;
  c->box_at = at;
  /* Each character's share of its word's box, by the line's columns. */
  uint32_t cols = 0;
  for (size_t i = 0; i < n; i++)
    cols += ((unsigned char)s[i] & 0xC0) != 0x80;
  c->x = grow(c->x, &c->cap_x, 2 * (size_t)cols + 2, sizeof *c->x);
  const pdf_boxes *b = c->bx;
  size_t i = 0; /* the byte of s */
  uint32_t col = 0;
  for (size_t k = 0; k < c->n_idx; k++) {
    const pdf_word *w = &b->w[c->idx[k]];
    const char *t = b->text.data + w->off;
    uint32_t chars = 0, ch = 0;
    for (uint32_t q = 0; q < w->n; q++)
      chars += ((unsigned char)t[q] & 0xC0) != 0x80;
    for (uint32_t q = 0; q < w->n; q++) {
      if (((unsigned char)t[q] & 0xC0) == 0x80)
        continue;
      while (i < n && s[i] == ' ')
        i++, col++;
      do /* the character of s the same as t[q], and its column */
        i++;
      while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80);
      double wd = (w->x1 - w->x0) / chars;
      c->x[2 * col] = w->x0 + wd * ch;
      c->x[2 * col + 1] = w->x0 + wd * (ch + 1);
      col++, ch++;
    }
  }
  c->n_x = col;
}

/* A position in tenths of a point: from 1, as character columns are. */
static uint32_t tenths(double x) {
  return x <= 0 ? 1 : x >= 4e8 ? 4000000001u : (uint32_t)(x * 10) + 1;
}

/* The span of normalised bytes s[i..j) of the line: *lc its character
 * columns, *sp where it stands in the page's unit (on a page with boxes,
 * {0, 0} if the line has none). */
static void span_of(pdf_cols *c, const char *s, size_t i, size_t j,
                    cspan *sp, cspan *lc) {
  *lc = (cspan){text_col(&c->tc, s, i), text_col(&c->tc, s, j - 1) + 1};
  if (!c->xmode)
    *sp = *lc;
  else if (lc->e - 1 > c->n_x || lc->s == 0)
    *sp = (cspan){0, 0};
  else
    *sp = (cspan){tenths(c->x[2 * (lc->s - 1)]),
                  tenths(c->x[2 * (lc->e - 2) + 1]) + 1};
}

/* The key of text t[0..n) names a row of template m's table, in full or
 * by its head (a label wrapped around its numbers), or nearly as the
 * parser reads a label not quite the official one ("4.保护第三方合法权"):
 * which row it is the parser decides, from the rows' order. */
static int names_row(const tmpl *m, const char *t, size_t n) {
  if (n == 0)
    return 0;
  char key[KEY_MAX];
  size_t k = text_key(t, n, key, sizeof key);
  const char *bare = text_key_bare(key);
  int r = labels_match_row(key, k, bare, k - (size_t)(bare - key), 1);
  if (r >= 0)
    return labels_target(r)->table == m->table;
  int dist, tie[2];
  return labels_near_row(key, bare, m->rows, m->n_rows, &dist, tie) != -1;
}

/* The text s[0..end) before a row's numbers names a row of m's table:
 * whole (a group label and the row's), its last cell, or the last word of
 * that (a group label's piece set beside the row label: "无法提
 * 2.没有现成信息需要另行制作"). */
static int row_label(const tmpl *m, const char *s, size_t cell, size_t word,
                     size_t end) {
  return names_row(m, s, end) || names_row(m, s + cell, end - cell) ||
         names_row(m, s + word, end - word);
}

/* The part a heading line names, or -1. A longer line is body text. */
static int part_of(const char *s, size_t n, unsigned flags) {
  if (n >= 150 || !labels_part_possible(s, n, flags))
    return -1;
  char key[KEY_MAX];
  size_t k = text_key(s, n, key, sizeof key);
  const char *bare = text_key_bare(key);
  return labels_match_part(bare, k - (size_t)(bare - key));
}

/* The column of template t that key names, or -1. */
static int column_of(int t, const char *key) {
  for (int col = 0; col < TMPL[t].n; col++)
    if (strcmp(key, TMPL[t].key[col]) == 0)
      return col;
  return -1;
}

/* 1 if key is the head of a column label of template t, not all of it. */
static int heads_column(int t, const char *key) {
  size_t k = strlen(key);
  for (int col = 0; col < TMPL[t].n; col++)
    if (strlen(TMPL[t].key[col]) > k && strncmp(TMPL[t].key[col], key, k) == 0)
      return 1;
  return 0;
}

static void add_head(pdf_cols *c, int t, int col, cspan sp, const char *s,
                     size_t n) {
  size_t w = add_word(c, sp, sp, s, n);
  c->w[w].col = col;
  c->w[w].tmpl = t;
  c->heads = grow(c->heads, &c->cap_heads, c->n_heads + 1, sizeof *c->heads);
  c->heads[c->n_heads++] = w;
}

static void add_frag(pdf_cols *c, cspan sp, const char *key) {
  if (c->n_frags == MAX_FRAGS) { /* the oldest goes */
    memmove(c->frag, c->frag + 1, (MAX_FRAGS - 1) * sizeof *c->frag);
    c->n_frags--;
  }
  c->frag[c->n_frags].c = sp;
  snprintf(c->frag[c->n_frags].key, COL_KEY, "%s", key);
  c->n_frags++;
}

/* A word under a piece of a header line above, overlapping it, that
 * together with it names a column of template t: a label wrapped in its
 * cell. Records the joined label as a header word and returns 1. */
static int unwrap(pdf_cols *c, int t, const char *key, cspan *sp, int *col) {
  for (int f = c->n_frags - 1; f >= 0; f--) {
    cspan a = c->frag[f].c;
    if (!(a.s < sp->e && sp->s < a.e))
      continue;
    char joined[2 * COL_KEY];
    snprintf(joined, sizeof joined, "%s%s", c->frag[f].key, key);
    cspan both = {a.s < sp->s ? a.s : sp->s, a.e > sp->e ? a.e : sp->e};
    if ((*col = column_of(t, joined)) < 0) {
      size_t k = strlen(joined);
      if (k >= COL_KEY || !heads_column(t, joined))
        continue;
      /* Wrapped over three lines or more ("社会" / "公益" / "组织"): the
       * piece grows. */
      memcpy(c->frag[f].key, joined, k + 1);
      c->frag[f].c = both;
      return 1;
    }
    add_head(c, t, *col, both, joined, strlen(joined));
    c->frag[f].c = (cspan){0, 0}; /* used */
    return 1;
  }
  return 0;
}

/* A line without numbers: its words that name a column of the part's
 * table are header words. A word naming a column of one later table only
 * (结果维持 after table 3) says that table has begun: its part heading was
 * not found, or printed otherwise. */
static void header(pdf_cols *c, pline *l, const char *s, size_t n) {
  for (size_t at = 0, j; next_word(s, n, &at, &j); at = j) {
    char key[COL_KEY];
    if (text_key(s + at, j - at, key, sizeof key) == 0)
      continue;
    cspan sp, lc;
    span_of(c, s, at, j, &sp, &lc);
    int col = l->tmpl >= 0 ? column_of(l->tmpl, key) : -1;
    if (col < 0 && l->tmpl >= 0 && unwrap(c, l->tmpl, key, &sp, &col))
      continue; /* the tail of a wrapped label, its column noted */
    if (col < 0) {
      int other = -1, n_other = 0;
      for (int t = 0; t < N_TMPL; t++) /* tables come in their order */
        if ((l->tmpl < 0 || TMPL[t].table > TMPL[l->tmpl].table) &&
            column_of(t, key) >= 0)
          other = t, n_other++;
      if (n_other != 1) {
        add_frag(c, sp, key);
        continue;
      }
      l->tmpl = c->tmpl = other;
      col = column_of(other, key);
    }
    add_head(c, l->tmpl, col, sp, s + at, j - at);
  }
}

/* Reads one line of the page: its words, whether it is a row of the
 * part's table (full or short) or holds header words. */
static void analyse(pdf_cols *c, pline *l, const char *raw) {
  unsigned flags = text_normalize(raw, l->n, &c->norm, &c->tc);
  const char *s = c->norm.data;
  size_t n = c->norm.len;
  l->tmpl = c->tmpl;
  l->kind = L_OTHER;
  uint32_t label_e = c->label_e;
  c->label_e = 0;
  if (!(flags & NORM_DIGIT)) {
    int part = part_of(s, n, flags);
    if (part >= 0) {
      c->tmpl = tmpl_of_part(part);
      c->n_frags = 0;
      return;
    }
  }
  if (c->xmode && c->n_x == 0)
    return; /* not found among the boxes: where it stands is unknown */
  if (!(flags & NORM_DIGIT) && (flags & NORM_SEP) && l->tmpl < 0) {
    header(c, l, s, n); /* a table whose part heading was not found */
    return;
  }
  if (l->tmpl < 0 || outline_is_page_number(s, n))
    return;
  const tmpl *m = &TMPL[l->tmpl];
  /* Words, left to right; the numbers after the last text word. */
  size_t w0 = c->n_w, nums = 0, text_end = 0, cell = 0, word = 0;
  int text = 0;
  uint32_t text_e = 0;
  for (size_t i = 0, j; next_word(s, n, &i, &j); i = j) {
    cspan sp, lc;
    span_of(c, s, i, j, &sp, &lc);
    if (is_number_word(s + i, j - i)) {
      add_word(c, sp, lc, s + i, j - i);
      nums++;
    } else {
      c->n_w = w0; /* numbers before text are not the row's */
      nums = 0;
      if (i >= 2 && s[i - 1] == ' ' && s[i - 2] == ' ')
        cell = i; /* a new cell: two spaces or more before it */
      word = i;
      text = 1;
      text_end = j;
      text_e = sp.e;
    }
  }
  if (nums == 0) {
    c->n_w = w0;
    if (text)
      header(c, l, s, n);
    c->label_e = text && m->labelled ? text_e : 0;
    return;
  }
  c->n_frags = 0; /* a row: the header lines, if any, have ended */
  l->w0 = w0;
  l->nw = nums;
  if ((int)nums == m->n) {
    l->kind = L_FULL;
    return;
  }
  /* Where the boxes tell where words stand, a row's numbers may follow a
   * middle piece of its label wrapped in its cell ("理 求缴纳费用、行政机
   *关不再处 0 0"): such text must end left of the table's first column
   * (complete checks). A lone number is a row's only beside a label
   * wrapped around it, the line above ending left of the table's first
   * column too: "2.其他法律行政法规禁止" over "0" over "公开". */
  int named = text && m->labelled && row_label(m, s, cell, word, text_end);
  int loose = text && m->labelled && !named;
  int lone = !text && nums < 2 && label_e > 0;
  if ((int)nums > m->n || (text ? !named && !loose : nums < 2 && !lone) ||
      (!c->xmode && (loose || lone))) {
    c->left += (int)nums < m->n && (loose || lone); /* the boxes may tell */
    c->n_w = w0;
    return;
  }
  l->kind = L_SHORT;
  l->text_e = loose ? text_e : lone ? label_e : 0;
  /* The printed line up to its last text word, trailing spaces dropped. */
  uint32_t chars = text ? text_col(&c->tc, s, text_end - 1) : 0;
  l->cut = bytes_of_chars(raw, l->n, chars);
}

/* ## The page's columns */

static void model_add(model *md, int col, cspan sp) {
  cspan *r = &md->r[col];
  if (!md->known[col]) {
    *r = sp;
    md->known[col] = 1;
  } else {
    if (sp.s < r->s)
      r->s = sp.s;
    if (sp.e > r->e)
      r->e = sp.e;
  }
  md->any = 1;
}

/* The ranges follow the template's order and do not overlap. */
static int model_ordered(const model *md, int n) {
  uint32_t end = 0;
  for (int j = 0; j < n; j++)
    if (md->known[j]) {
      if (md->r[j].s < end)
        return 0;
      end = md->r[j].e;
    }
  return 1;
}

static int overlaps(cspan a, cspan b) { return a.s < b.e && b.s < a.e; }

/* The template's header words on the page: a header printing every label
 * of the template names each column by its place (table 4 prints its five
 * three times); otherwise a word names its column when its label heads
 * one column only. */
static void add_heads(pdf_cols *c, model *md, int t) {
  const tmpl *m = &TMPL[t];
  size_t n = 0;
  word *h[MAX_COLS + 1];
  for (size_t i = 0; i < c->n_heads && n <= (size_t)m->n; i++)
    if (c->w[c->heads[i]].tmpl == t)
      h[n++] = &c->w[c->heads[i]];
  /* In the order of their columns on the page (at most 16: insertion). */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && h[j]->c.s < h[j - 1]->c.s; j--) {
      word *x = h[j];
      h[j] = h[j - 1];
      h[j - 1] = x;
    }
  int in_order = n == (size_t)m->n;
  for (size_t k = 0; k < n && in_order; k++)
    in_order = strcmp(m->key[h[k]->col], m->key[k]) == 0;
  for (size_t k = 0; k < n; k++)
    if (in_order || m->once[h[k]->col])
      model_add(md, in_order ? (int)k : h[k]->col, h[k]->c);
}

/* The columns of template t on the page: from its full rows and header
 * words, with the previous page's added when they agree. */
static void page_model(pdf_cols *c, int t, model *md) {
  const tmpl *m = &TMPL[t];
  memset(md, 0, sizeof *md);
  for (size_t i = 0; i < c->n_lines; i++) {
    const pline *l = &c->lines[i];
    if (l->tmpl == t && l->kind == L_FULL)
      for (int j = 0; j < m->n; j++)
        model_add(md, j, c->w[l->w0 + (size_t)j].c);
  }
  add_heads(c, md, t);
  md->valid = md->any && model_ordered(md, m->n);
  md->xmode = c->xmode;
  md->width = c->width;
  const model *prev = &c->carried[t];
  if (!prev->valid || !prev->xmode != !md->xmode || prev->width != md->width)
    return;
  /* On the page, a table's columns stand where they stood on the page
   * before: a page of the boxes that shows none of the table's own takes
   * the last page's (each number is still checked against them). */
  if (!md->any && md->xmode) {
    *md = *prev;
    return;
  }
  if (!md->valid)
    return;
  model both = *md;
  for (int j = 0; j < m->n; j++) {
    if (!prev->known[j])
      continue;
    if (md->known[j] && !overlaps(md->r[j], prev->r[j]))
      return;
    model_add(&both, j, prev->r[j]);
  }
  if (model_ordered(&both, m->n))
    *md = both;
}

/* Writes short row l with a blank in each column its numbers leave empty,
 * into c->out; returns the blanks, or 0 if a number's column is in doubt
 * or an empty column is not known on this page. */
static size_t complete(pdf_cols *c, const pline *l, const model *md,
                       pdf_blank *blanks) {
  const tmpl *m = &TMPL[l->tmpl];
  if (l->text_e && !(md->known[0] && l->text_e <= md->r[0].s))
    return 0;
  int at[MAX_COLS];
  for (int j = 0; j < m->n; j++)
    at[j] = -1;
  int last = -1;
  for (size_t i = 0; i < l->nw; i++) {
    int hit = -1, hits = 0;
    for (int j = 0; j < m->n; j++)
      if (md->known[j] && overlaps(md->r[j], c->w[l->w0 + i].c))
        hit = j, hits++;
    if (hits != 1 || hit <= last)
      return 0;
    at[hit] = (int)i;
    last = hit;
  }
  for (int j = 0; j < m->n; j++)
    if (at[j] < 0 && !md->known[j])
      return 0;
  /* The label as printed, then each cell where it stands on the page (a
   * blank where its column starts), two spaces at least between cells. */
  const char *raw = c->text.data + l->off;
  c->out.len = 0;
  buf_put(&c->out, raw, l->cut);
  uint32_t cur = 0;
  for (size_t i = 0; i < l->cut; i++)
    cur += ((unsigned char)raw[i] & 0xC0) != 0x80;
  size_t nb = 0;
  for (int j = 0; j < m->n; j++) {
    const word *w = at[j] >= 0 ? &c->w[l->w0 + (size_t)at[j]] : NULL;
    uint32_t want = w ? w->lc.s - 1 : md->xmode ? cur + 2 : md->r[j].s - 1;
    if (c->out.len > 0 && want < cur + 2)
      want = cur + 2;
    for (; cur < want; cur++)
      buf_putc(&c->out, ' ');
    if (w) {
      const char *t = c->words.data + w->off;
      buf_put(&c->out, t, w->n);
      for (size_t i = 0; i < w->n; i++)
        cur += ((unsigned char)t[i] & 0xC0) != 0x80;
    } else {
      buf_puts(&c->out, "—");
      blanks[nb++] = (pdf_blank){cur + 1, m->name[j]};
      cur++;
    }
  }
  return nb;
}

/* Hands on the page's lines, its short rows completed where the columns
 * allow, and starts the next page. */
static void flush_page(pdf_cols *c) {
  model md[XXGK_N_TABLES];
  for (int t = 0; t < N_TMPL; t++)
    page_model(c, t, &md[t]);
  pdf_blank blanks[MAX_COLS];
  for (size_t i = 0; i < c->n_lines; i++) {
    const pline *l = &c->lines[i];
    size_t nb = 0;
    if (l->kind == L_SHORT && md[l->tmpl].valid)
      nb = complete(c, l, &md[l->tmpl], blanks);
    if (l->kind == L_SHORT && nb == 0)
      c->left++;
    if (nb)
      c->emit(c->ctx, c->page, c->out.data, c->out.len, blanks, nb);
    else
      c->emit(c->ctx, c->page, c->text.data + l->off, l->n, NULL, 0);
  }
  for (int t = 0; t < N_TMPL; t++)
    c->carried[t] = md[t];
  c->n_lines = c->n_w = c->n_heads = 0;
  c->text.len = c->words.len = 0;
}

/* A new page: its boxes, if it has them. A header's pieces carry over only
 * where positions are comparable (a label wrapped over a page break). */
static void start_page(pdf_cols *c, uint32_t page) {
  int xmode = c->xmode;
  double width = c->width;
  c->page = page;
  c->xmode = 0;
  if (c->bx && page >= 1 && page <= c->bx->n_pg) {
    const pdf_page *pg = &c->bx->pg[page - 1];
    c->xmode = pg->n > 0;
    c->width = pg->width;
    c->box_at = pg->first;
    c->box_end = pg->first + pg->n;
  }
  if (!c->xmode || !xmode || width != c->width)
    c->n_frags = 0;
}

void pdfcols_line(pdf_cols *c, uint32_t page, const char *s, size_t n) {
  if (page != c->page) {
    if (c->n_lines > 0)
      flush_page(c);
    start_page(c, page);
  }
  if (c->xmode)
    pair_line(c, s, n);
  c->lines = grow(c->lines, &c->cap_lines, c->n_lines + 1, sizeof *c->lines);
  pline *l = &c->lines[c->n_lines++];
  l->off = c->text.len;
  l->n = n;
  l->w0 = l->nw = 0;
  l->text_e = 0;
  buf_put(&c->text, s, n);
  analyse(c, l, c->text.data + l->off);
}

size_t pdfcols_finish(pdf_cols *c) {
  if (c->n_lines > 0)
    flush_page(c);
  size_t left = c->left;
  buf_free(&c->flat);
  buf_free(&c->box_text);
  free(c->idx);
  free(c->x);
  buf_free(&c->text);
  buf_free(&c->words);
  buf_free(&c->norm);
  buf_free(&c->out);
  text_cols_free(&c->tc);
  free(c->lines);
  free(c->w);
  free(c->heads);
  free(c);
  return left;
}
