/*
 * ocr_page.c — one scanned page to records (ocr.h), in a forked child.
 *
 * Why the tesseract C API in a forked child rather than the `tesseract`
 * program with TSV output:
 *   - the tables are read cell by cell: the grid comes from the ruling
 *     lines, and each cell is recognised on its own rectangle of the page,
 *     its digits a second time with a digit whitelist. With the program,
 *     that is a process (and a load of the language model) per cell, or
 *     one cropped image file per cell; with the API it is one SetRectangle
 *     on the page image loaded once;
 *   - the API gives what the TSV does not: each digit's alternatives
 *     (lstm_choice_mode), which an error about a doubtful cell lists;
 *   - in a child, a hostile or huge image cannot corrupt our memory, the
 *     time limit kills a hang and an address-space limit (setrlimit) bounds
 *     the memory, as for pdftotext; and the parent never maps libtesseract,
 *     leptonica, libstdc++ and OpenMP: they are loaded in the child
 *     (dl.h), where setting OMP_THREAD_LIMIT before the load keeps
 *     recognition on one core — a server's other requests keep the rest.
 *
 * The page: the red of seals is turned white (a seal stamped over a table
 * hides digits from the recogniser, not from a reader: the black under it
 * stays), the page is deskewed (leptonica's skew search, ±7°), the
 * background normalised (a fold's shadow), and binarised for the ruling
 * lines. Horizontal and vertical lines are found by morphological opening
 * with a long brick; a table is a blob of lines; its grid rows and columns
 * are the lines' positions, and a cell spans the grid positions no line
 * separates. Each cell with ink is read in Chinese (labels) and, when it
 * holds digits or lies in a data row and column, again in digits only: a
 * number is sure only when both readings agree. The text outside the
 * tables is read a line at a time in page order.
 */
#include "ocr.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_GRID 256 /* grid lines per direction in one table */
#define MAX_TABLES 16

typedef struct {
  const struct dl_lept *L;
  const struct dl_tess *T;
  TessBaseAPI *chi, *dig; /* Chinese (also for digits); English digits */
  PIX *rec;  /* the normalised grey page recognition reads      */
  PIX *bin;  /* binarised                                       */
  PIX *hor, *ver; /* ruling lines                               */
  PIX *crop;      /* the rectangle being recognised               */
  PIX *light;     /* binarised lightly: faint ink, ruling lines   */
  int w, h, dpi;
  buf out;
} page;

typedef struct {
  int x, y, w, h;
} rect;

/* ## Records */

/* Appends s without TABs, newlines or other control characters, trimmed. */
static void put_field(buf *b, const char *s) {
  size_t start = b->len;
  int space = 0;
  for (; s && *s; s++) {
    if ((unsigned char)*s < 0x20 || *s == ' ') {
      space = 1;
      continue;
    }
    if (space && b->len > start)
      buf_putc(b, ' ');
    space = 0;
    buf_putc(b, *s);
  }
}

/* Removes the spaces the Chinese model puts between characters ("3 .要求",
 * "政府 信息"): a space stays only between two ASCII letters or digits
 * ("2023 12" would otherwise become one number). */
static void drop_spaces(char *s) {
  char *o = s;
  for (char *p = s; *p; p++) {
    if (*p == ' ' && o > s && p[1]) {
      unsigned char a = (unsigned char)o[-1], b = (unsigned char)p[1];
      if (!((a < 0x80 && isalnum(a)) && (b < 0x80 && isalnum(b))))
        continue;
    }
    *o++ = *p;
  }
  *o = 0;
}

static int flush(int fd, const buf *b) {
  size_t off = 0;
  while (off < b->len) {
    ssize_t k = write(fd, b->data + off, b->len - off);
    if (k <= 0)
      return -1;
    off += (size_t)k;
  }
  return 0;
}

/* The child's last word: what is left of its output, then its status.
 * Freed although the child exits next, so that memcheck, which follows a
 * fork, sees no leak in it. */
static int child_done(int fd, buf *out, int rc) {
  flush(fd, out);
  buf_free(out);
  return rc;
}

/* ## The image */

/* Seal red off: a pixel clearly redder than it is green or blue, and
 * bright, is stamped; a stamp multiplies the page by the ink's colour, and
 * its red channel, ~0.88 of the page's grey, keeps what is under it — the
 * page is that, brightened back (a ruling line under the seal's bar stays
 * a line; made white, it parted the cells above and below it). Black text
 * under a seal stays: JPEG's coarse colour smears the seal's red into it,
 * so a dark red pixel is text, not seal. */
static void remove_red(const struct dl_lept *L, PIX *p) {
  int w = L->pixGetWidth(p), h = L->pixGetHeight(p), wpl = L->pixGetWpl(p);
  l_uint32 *data = L->pixGetData(p);
  for (int y = 0; y < h; y++) {
    l_uint32 *line = data + (size_t)y * (size_t)wpl;
    for (int x = 0; x < w; x++) {
      int r = line[x] >> 24 & 0xFF, g = line[x] >> 16 & 0xFF,
          b = line[x] >> 8 & 0xFF;
      int gb = g > b ? g : b;
      if (r >= 160 && r - gb >= 45) {
        l_uint32 v = r * 8 / 7 > 255 ? 255 : (l_uint32)(r * 8 / 7);
        line[x] = v << 24 | v << 16 | v << 8;
      }
    }
  }
}

/* ON pixels of 1-bpp p in r. */
static long count_on(const struct dl_lept *L, PIX *p, rect r) {
  int w = L->pixGetWidth(p), h = L->pixGetHeight(p), wpl = L->pixGetWpl(p);
  l_uint32 *data = L->pixGetData(p);
  long n = 0;
  for (int y = r.y < 0 ? 0 : r.y; y < r.y + r.h && y < h; y++) {
    l_uint32 *line = data + (size_t)y * (size_t)wpl;
    for (int x = r.x < 0 ? 0 : r.x; x < r.x + r.w && x < w; x++)
      n += GET_DATA_BIT(line, x);
  }
  return n;
}

/* The bounding box of the ON pixels of 1-bpp p inside r, grown by pad and
 * kept inside r; its area is 0 when r holds none. */
static rect ink_box(const struct dl_lept *L, PIX *p, rect r, int pad) {
  int w = L->pixGetWidth(p), h = L->pixGetHeight(p), wpl = L->pixGetWpl(p);
  l_uint32 *data = L->pixGetData(p);
  int x0 = INT32_MAX, y0 = INT32_MAX, x1 = -1, y1 = -1;
  for (int y = r.y < 0 ? 0 : r.y; y < r.y + r.h && y < h; y++) {
    l_uint32 *line = data + (size_t)y * (size_t)wpl;
    for (int x = r.x < 0 ? 0 : r.x; x < r.x + r.w && x < w; x++)
      if (GET_DATA_BIT(line, x)) {
        x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
        y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
      }
  }
  if (x1 < 0)
    return (rect){r.x, r.y, 0, 0};
  x0 = x0 - pad < r.x ? r.x : x0 - pad;
  y0 = y0 - pad < r.y ? r.y : y0 - pad;
  x1 = x1 + pad >= r.x + r.w ? r.x + r.w - 1 : x1 + pad;
  y1 = y1 + pad >= r.y + r.h ? r.y + r.h - 1 : y1 + pad;
  return (rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

/* Rows (vertical = 0) or columns (vertical = 1) of r with an ON pixel of p. */
static int covered(const struct dl_lept *L, PIX *p, rect r, int vertical) {
  int n = 0, len = vertical ? r.h : r.w;
  for (int i = 0; i < len; i++) {
    rect s = vertical ? (rect){r.x, r.y + i, r.w, 1} : (rect){r.x + i, r.y, 1, r.h};
    n += count_on(L, p, s) > 0;
  }
  return n;
}

/* ## The grid */

static int cmp_int(const void *a, const void *b) {
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* Sorts v[0..n) and merges values closer than tol; returns the count. */
static int cluster(int *v, int n, int tol) {
  if (n > 1)
    qsort(v, (size_t)n, sizeof *v, cmp_int);
  int k = 0;
  for (int i = 0; i < n;) {
    int j = i;
    long sum = 0;
    while (j < n && v[j] - v[i] <= tol)
      sum += v[j++];
    v[k++] = (int)(sum / (j - i));
    i = j;
  }
  return k;
}

typedef struct {
  int r, c, rs, cs;
  rect box, ink; /* the cell; its ink with a margin */
  char kind;
  double conf;
  char *text, *cands;
} cell;

typedef struct {
  rect box;
  int ys[MAX_GRID], xs[MAX_GRID], ny, nx;
  cell *cells;
  int n_cells;
} table;

/* 1 if a vertical line of vb passes by (x, y). */
static int meets_vertical(page *pg, BOXA *vb, int x, int y) {
  const struct dl_lept *L = pg->L;
  int tol = pg->dpi / 40 + 1;
  for (int i = 0; i < L->boxaGetCount(vb); i++) {
    int vx, vy, vw, vh;
    L->boxaGetBoxGeometry(vb, i, &vx, &vy, &vw, &vh);
    if (x >= vx - tol && x <= vx + vw + tol && y >= vy - tol &&
        y <= vy + vh + tol)
      return 1;
  }
  return 0;
}

/* 1 if the horizontal line from (x, y), w long, is a ruling line: one
 * that ends on a column line, or crosses one, at either end (a ruling line
 * broken by noise or a seal keeps the other), or an inch long. The bottom
 * strokes of a row of characters ("二、上年结转", each with a long
 * horizontal stroke) that closing joins into a line start and end inside
 * a cell, and would cut it in two. */
static int ruling(page *pg, BOXA *vb, int x, int y, int w) {
  return w >= pg->dpi || meets_vertical(pg, vb, x, y) ||
         meets_vertical(pg, vb, x + w - 1, y);
}

/* The grid of the table in box: its row lines and column lines. Returns 0,
 * or -1 if it is not a table (fewer than two rows or columns). */
static int grid(page *pg, BOXA *hb, BOXA *vb, table *t) {
  const struct dl_lept *L = pg->L;
  int tol = pg->dpi / 40 + 1;
  rect b = t->box;
  t->ny = t->nx = 0;
  for (int i = 0; i < L->boxaGetCount(hb) && t->ny < MAX_GRID; i++) {
    int x, y, w, h;
    L->boxaGetBoxGeometry(hb, i, &x, &y, &w, &h);
    if (y + h / 2 >= b.y - tol && y + h / 2 <= b.y + b.h + tol &&
        x >= b.x - tol && x + w <= b.x + b.w + tol &&
        ruling(pg, vb, x, y + h / 2, w))
      t->ys[t->ny++] = y + h / 2;
  }
  t->ny = cluster(t->ys, t->ny, tol);
  if (t->ny < 2)
    return -1;
  int min_gap = INT32_MAX;
  for (int i = 1; i < t->ny; i++)
    if (t->ys[i] - t->ys[i - 1] < min_gap)
      min_gap = t->ys[i] - t->ys[i - 1];
  for (int i = 0; i < L->boxaGetCount(vb) && t->nx < MAX_GRID; i++) {
    int x, y, w, h;
    L->boxaGetBoxGeometry(vb, i, &x, &y, &w, &h);
    if (x + w / 2 >= b.x - tol && x + w / 2 <= b.x + b.w + tol &&
        y >= b.y - tol && y + h <= b.y + b.h + tol && h * 10 >= min_gap * 6)
      t->xs[t->nx++] = x + w / 2;
  }
  t->nx = cluster(t->xs, t->nx, tol);
  return t->nx < 2 ? -1 : 0;
}

/* 1 if a line separates the grid positions: between column c-1 and c in
 * row r (vertical), or between row r-1 and r in column c. */
static int wall(page *pg, const table *t, int r, int c, int vertical) {
  int tol = pg->dpi / 40 + 1;
  if (vertical) {
    rect s = {t->xs[c] - tol, t->ys[r] + tol, 2 * tol + 1,
              t->ys[r + 1] - t->ys[r] - 2 * tol};
    return s.h > 0 && covered(pg->L, pg->ver, s, 1) * 2 >= s.h;
  }
  rect s = {t->xs[c] + tol, t->ys[r] - tol, t->xs[c + 1] - t->xs[c] - 2 * tol,
            2 * tol + 1};
  /* Along half the cell from one of its sides, or along four fifths of
   * it: the strokes of a heading's characters ("其他" over "结果") at the
   * height of a ruling line elsewhere in the row run along most of a
   * narrow cell, but keep clear of its sides. */
  rect left = {s.x, s.y, tol, s.h}, right = {s.x + s.w - tol, s.y, tol, s.h};
  int cov = s.w > 0 ? covered(pg->L, pg->hor, s, 0) : 0;
  return cov * 2 >= s.w && s.w > 0 &&
         (cov * 5 >= s.w * 4 || count_on(pg->L, pg->hor, left) ||
          count_on(pg->L, pg->hor, right));
}

/* The cells: each unassigned grid position starts a cell that extends
 * right while no line separates it, then down while no line separates any
 * of its columns — always a rectangle, as a table's cells are. */
static void cells(page *pg, table *t) {
  int R = t->ny - 1, C = t->nx - 1;
  char *used = xxgk_calloc((size_t)R * (size_t)C, 1);
  t->cells = xxgk_calloc((size_t)R * (size_t)C, sizeof *t->cells);
  for (int r = 0; r < R; r++)
    for (int c = 0; c < C; c++) {
      if (used[r * C + c])
        continue;
      int cs = 1, rs = 1;
      while (c + cs < C && !used[r * C + c + cs] && !wall(pg, t, r, c + cs, 1))
        cs++;
      for (;;) {
        if (r + rs >= R)
          break;
        int open = 1;
        for (int k = c; k < c + cs && open; k++)
          open = !used[(r + rs) * C + k] && !wall(pg, t, r + rs, k, 0);
        if (!open)
          break;
        rs++;
      }
      for (int i = r; i < r + rs; i++)
        for (int k = c; k < c + cs; k++)
          used[i * C + k] = 1;
      cell *e = &t->cells[t->n_cells++];
      e->r = r, e->c = c, e->rs = rs, e->cs = cs;
      e->box = (rect){t->xs[c], t->ys[r], t->xs[c + cs] - t->xs[c],
                      t->ys[r + rs] - t->ys[r]};
      e->kind = 'e';
    }
  free(used);
}

/* ## Recognition */

/* The text recognised in r by api, trimmed, and its mean confidence
 * 0..100 (free() it). The rectangle is copied out with a white margin: the
 * recogniser reads a lone digit tight against its rectangle's edge badly
 * ("0" as "Oo"), the same digit with white around it well. */
static char *read_rect(page *pg, TessBaseAPI *api, rect r, int scale,
                       TessPageSegMode psm, int *conf) {
  const struct dl_lept *L = pg->L;
  const struct dl_tess *T = pg->T;
  *conf = 0;
  BOX *b = L->boxCreate(r.x, r.y, r.w, r.h);
  PIX *clip = b ? L->pixClipRectangle(pg->rec, b, NULL) : NULL;
  L->boxDestroy(&b);
  L->pixDestroy(&pg->crop); /* the last one, kept while its results were */
  if (clip && scale > 1) {
    PIX *big = L->pixScale(clip, (float)scale, (float)scale);
    L->pixDestroy(&clip);
    clip = big;
  }
  pg->crop = clip ? L->pixAddBorder(clip, pg->dpi * scale / 10, 255) : NULL;
  L->pixDestroy(&clip);
  if (!pg->crop)
    return xxgk_strdup("");
  L->pixSetResolution(pg->crop, pg->dpi * scale, pg->dpi * scale);
  T->TessBaseAPISetPageSegMode(api, psm);
  T->TessBaseAPISetImage2(api, pg->crop);
  T->TessBaseAPISetSourceResolution(api, pg->dpi * scale);
  if (T->TessBaseAPIRecognize(api, NULL) != 0)
    return xxgk_strdup("");
  char *s = T->TessBaseAPIGetUTF8Text(api);
  *conf = T->TessBaseAPIMeanTextConf(api);
  buf out = {0};
  put_field(&out, s);
  T->TessDeleteText(s);
  if (!out.data)
    return xxgk_strdup("");
  drop_spaces(out.data);
  return buf_detach(&out);
}

/* Digits and thousands separators only (spaces allowed). */
static int digit_like(const char *s) {
  int digits = 0;
  for (; *s; s++) {
    if (*s >= '0' && *s <= '9')
      digits++;
    else if (*s != ',' && *s != ' ' && *s != '.')
      return 0;
  }
  return digits > 0;
}

/* A blank cell's mark: a lone dash or stroke, as "—", "-", "一" (the
 * recogniser's usual reading of a long dash in Chinese), "/" or "无". */
static int blank_like(const char *s) {
  static const char *const B[] = {"—", "——", "-", "--", "一", "_", "/", "无",
                                  "－", "一一", "~"};
  for (size_t i = 0; i < sizeof B / sizeof *B; i++)
    if (strcmp(s, B[i]) == 0)
      return 1;
  return 0;
}

static void strip(char *s, const char *drop) {
  char *o = s;
  for (; *s; s++)
    if (!strchr(drop, *s))
      *o++ = *s;
  *o = 0;
}

/* The extent of the glyphs in r of 1-bpp p: from the first to the last
 * run of columns with ink (runs split by a column without) as tall as half
 * the tallest run at least — a comma or a speck is no glyph. Sets *height
 * to the tallest run's and *glyphs to the count of such runs; returns the
 * width. */
static int glyph_width(const struct dl_lept *L, PIX *p, rect r, int *height,
                       int *glyphs) {
  int w = L->pixGetWidth(p), h = L->pixGetHeight(p), wpl = L->pixGetWpl(p);
  l_uint32 *data = L->pixGetData(p);
  enum { MAX_RUNS = 64 };
  int runs[MAX_RUNS][4], n = 0, tallest = 0, in = 0;
  int x1 = r.x + r.w < w ? r.x + r.w : w, y1 = r.y + r.h < h ? r.y + r.h : h;
  for (int x = r.x < 0 ? 0 : r.x; x <= x1 && n < MAX_RUNS; x++) {
    int t = -1, b = -1;
    for (int y = r.y < 0 ? 0 : r.y; x < x1 && y < y1; y++)
      if (GET_DATA_BIT(data + (size_t)y * (size_t)wpl, x)) {
        t = t < 0 ? y : t;
        b = y;
      }
    if (t >= 0 && !in) {
      runs[n][0] = x, runs[n][2] = t, runs[n][3] = b;
      in = 1;
    } else if (t >= 0) {
      runs[n][2] = t < runs[n][2] ? t : runs[n][2];
      runs[n][3] = b > runs[n][3] ? b : runs[n][3];
    } else if (in) {
      runs[n][1] = x;
      int ht = runs[n][3] - runs[n][2] + 1;
      tallest = ht > tallest ? ht : tallest;
      n++;
      in = 0;
    }
  }
  int first = -1, last = -1;
  *glyphs = 0;
  for (int i = 0; i < n; i++)
    if ((runs[i][3] - runs[i][2] + 1) * 2 >= tallest) {
      first = first < 0 ? runs[i][0] : first;
      last = runs[i][1];
      ++*glyphs;
    }
  *height = tallest;
  return first < 0 ? 0 : last - first;
}

/* Reads the digits in r with api (its whitelist: digits only). Sets *conf
 * to the least sure digit's confidence (0..1) and adds to cands the
 * readings with one doubtful digit replaced by its alternative. Returns
 * the digits (free()). */
static char *read_digits(page *pg, TessBaseAPI *api, rect r, int scale,
                         double *conf, buf *cands) {
  const struct dl_tess *T = pg->T;
  int mean;
  char *text = read_rect(pg, api, r, scale, PSM_SINGLE_LINE, &mean);
  strip(text, " ,");
  /* A point before or after the digits is a speck or the cell's edge,
   * never a figure's ("0." for 0): off, or the two readings of a figure
   * differ by a speck. */
  size_t lead = strspn(text, "."), n = strlen(text);
  while (n > lead && text[n - 1] == '.')
    text[--n] = 0;
  memmove(text, text + lead, n - lead + 1);
  *conf = 0;
  TessResultIterator *it = *text ? T->TessBaseAPIGetIterator(api) : NULL;
  if (!it)
    return text;
  double least = 100;
  size_t pos = 0, len = strlen(text);
  do {
    char *sym = T->TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
    int point = sym && sym[0] == '.' && !sym[1];
    if (!sym || ((sym[0] < '0' || sym[0] > '9' || sym[1]) && !point)) {
      T->TessDeleteText(sym);
      continue;
    }
    float sc = T->TessResultIteratorConfidence(it, RIL_SYMBOL);
    if (point) { /* kept inside the digits: as sure as they, or no number */
      if (pos < len && text[pos] == '.') {
        least = sc < least ? sc : least;
        pos++;
      }
      T->TessDeleteText(sym);
      continue;
    }
    if (sc < least)
      least = sc;
    TessChoiceIterator *ch =
        sc < 95 ? T->TessResultIteratorGetChoiceIterator(it) : NULL;
    do {
      const char *alt = ch ? T->TessChoiceIteratorGetUTF8Text(ch) : NULL;
      if (alt && alt[0] >= '0' && alt[0] <= '9' && !alt[1] &&
          alt[0] != text[pos] && pos < len) {
        if (cands->len)
          buf_putc(cands, '/');
        buf_put(cands, text, pos);
        buf_putc(cands, alt[0]);
        buf_puts(cands, text + pos + 1);
      }
    } while (ch && T->TessChoiceIteratorNext(ch));
    if (ch)
      T->TessChoiceIteratorDelete(ch);
    pos++;
    T->TessDeleteText(sym);
  } while (T->TessResultIteratorNext(it, RIL_SYMBOL));
  T->TessResultIteratorDelete(it);
  *conf = least / 100;
  return text;
}

/* Holds api to digits (and the point: the fees are in 万元, "96171.6";
 * read without it, the digits run together into another number), with
 * each digit's alternatives; or (on = 0) lets it read anything again. */
static void digits_only(const struct dl_tess *T, TessBaseAPI *api, int on) {
  T->TessBaseAPISetVariable(api, "tessedit_char_whitelist",
                            on ? "0123456789." : "");
  T->TessBaseAPISetVariable(api, "lstm_choice_mode", on ? "2" : "0");
}

/* read_digits with the Chinese model, held to digits for the while: one
 * model loaded, not two (a fifth of a page's time is loading models). */
static char *read_chinese_digits(page *pg, rect r, int scale, double *conf,
                                 buf *cands) {
  digits_only(pg->T, pg->chi, 1);
  char *s = read_digits(pg, pg->chi, r, scale, conf, cands);
  digits_only(pg->T, pg->chi, 0);
  return s;
}

/* Adds s to the '/'-separated list unless it is there. */
static void add_cand(buf *cands, const char *s) {
  size_t n = strlen(s);
  for (const char *p = cands->data; n && p && *p;) {
    const char *e = strchr(p, '/');
    size_t k = e ? (size_t)(e - p) : strlen(p);
    if (k == n && memcmp(p, s, n) == 0)
      return;
    p = e ? e + 1 : NULL;
  }
  if (!n)
    return;
  if (cands->len)
    buf_putc(cands, '/');
  buf_puts(cands, s);
}

/* The inside of a cell: its box less the ruling lines around it. */
static rect inside(const page *pg, rect b) {
  int m = pg->dpi / 40 + 2;
  return (rect){b.x + m, b.y + m, b.w - 2 * m, b.h - 2 * m};
}

/* 1 if s may be a misread number: at most one character that is not a
 * digit or separator, and short. The Chinese model reads a lone "0" in a
 * compressed scan as "加" or "国"; a label has two characters or more. */
static int maybe_number(const char *s) {
  int other = 0, all = 0;
  for (; *s; s++) {
    if (((unsigned char)*s & 0xC0) == 0x80)
      continue; /* inside a character */
    all++;
    other += !strchr("0123456789,. ", *s);
  }
  return other <= 1 && all <= 8;
}

/* 1 if s holds a character outside ASCII (Chinese, in a table). */
static int has_cjk(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80)
      return 1;
  return 0;
}

static void read_table(page *pg, table *t) {
  int ink_min = pg->dpi * pg->dpi / 2000 + 4; /* a "1" of 9 pt has ~40 */
  /* First pass: every cell with ink, in Chinese. Kinds as in ocr.h, and
   * 'm' for a cell that may hold a number. */
  for (int i = 0; i < t->n_cells; i++) {
    cell *c = &t->cells[i];
    rect r = inside(pg, c->box);
    if (r.w < 4 || r.h < 4)
      continue;
    if (count_on(pg->L, pg->bin, r) < ink_min) {
      /* Faint ink (a blurred or pale figure) is a cell not read, never
       * an empty one, which the parser would count as a blank, 0. */
      if (pg->light && count_on(pg->L, pg->light, r) >= ink_min) {
        c->ink = ink_box(pg->L, pg->light, r, pg->dpi / 20);
        c->text = xxgk_strdup("");
        c->kind = 'm';
      }
      continue;
    }
    c->ink = ink_box(pg->L, pg->bin, r, pg->dpi / 20);
    int conf;
    c->text = read_rect(pg, pg->chi, c->ink, 1,
                        c->ink.h < pg->dpi * 35 / 100 ? PSM_SINGLE_LINE
                                                      : PSM_SINGLE_BLOCK,
                        &conf);
    c->kind = blank_like(c->text)     ? 'b'
              : digit_like(c->text)   ? 'n'
              : maybe_number(c->text) ? 'm'
                                      : 't';
  }
  /* A data row holds numbers in most of its non-empty cells from its first
   * number on; a data column likewise, counted in the data rows only: a
   * column under two rows of headings (table 4's) holds text in most of
   * its cells, its one figure all the same. In both, a cell with ink that
   * no reading makes digits of is a number not read (null), never text or
   * nothing, which would shift the row. */
  int R = t->ny - 1, C = t->nx - 1;
  int *rown = xxgk_calloc((size_t)R, sizeof(int)),
      *rowt = xxgk_calloc((size_t)R, sizeof(int)),
      *coln = xxgk_calloc((size_t)C, sizeof(int)),
      *colt = xxgk_calloc((size_t)C, sizeof(int));
  for (int i = 0; i < t->n_cells; i++) {
    cell *c = &t->cells[i];
    if (c->kind == 'e')
      continue;
    int num = c->kind != 't';
    if (num || rown[c->r])
      rown[c->r] += num, rowt[c->r]++;
  }
  for (int i = 0; i < t->n_cells; i++) {
    cell *c = &t->cells[i];
    if (c->kind != 'e' && rown[c->r] * 2 > rowt[c->r])
      coln[c->c] += c->kind != 't', colt[c->c]++;
    else if (c->kind == 'b')
      c->kind = 'e'; /* a dash among headings is a stroke, not a blank */
  }
  for (int i = 0; i < t->n_cells; i++) {
    cell *c = &t->cells[i];
    if (c->kind != 'n' && c->kind != 'm')
      continue;
    int data = c->cs == 1 && rown[c->r] * 2 > rowt[c->r] &&
               coln[c->c] * 2 > colt[c->c];
    /* Two models, each held to digits: a number is sure only when both
     * read the same. */
    buf cands = {0}, other = {0};
    double ce, cc;
    char *e = read_digits(pg, pg->dig, c->ink, 1, &ce, &cands);
    char *z = read_chinese_digits(pg, c->ink, 1, &cc, &other);
    int agree = *e && strcmp(e, z) == 0;
    if (!agree) {
      /* Read again at twice the size: the recognisers' models are
       * trained on larger glyphs than a table's figures at 150–200 dpi,
       * and one of the two often misses or doubles a digit at the
       * first size. Both readings must agree again: the evidence is
       * the same as at the first size, never one reading against the
       * other. (At three times the size, no more agree.) */
      buf c2 = {0};
      double e2c, z2c;
      char *e2 = read_digits(pg, pg->dig, c->ink, 2, &e2c, &c2);
      char *z2 = read_chinese_digits(pg, c->ink, 2, &z2c, &c2);
      if (*e2 && strcmp(e2, z2) == 0) {
        add_cand(&cands, e);
        add_cand(&cands, z);
        free(e), free(z);
        e = e2, z = z2, ce = e2c, cc = z2c;
        agree = 1;
      } else {
        add_cand(&cands, e2);
        add_cand(&cands, z2);
        free(e2), free(z2);
      }
      buf_free(&c2);
    }
    /* Ink wider than the digits read: on a faint figure (a fold's shadow)
     * both models may read one digit of two, each sure of it ("56" as "6"
     * at 0.99); agreement and confidence say nothing about a digit never
     * seen, the ink's width does. A digit is ~0.7 of its height wide with
     * its spacing (Song and Times figures), up to ~0.8 in some reports'
     * fonts ("225" 2.35 heights wide): ink wider than 0.7 a digit and a
     * fifth to spare is a digit missed when more glyphs stand apart than
     * were read, and ink wider than 0.8 a digit and two fifths whatever
     * the glyphs (a missed digit touching its neighbour). */
    int gh, glyphs, gw = glyph_width(pg->L, pg->bin, c->ink, &gh, &glyphs);
    int len = (int)strlen(e);
    int partial = agree && (gw * 10 > gh * (8 * len + 4) ||
                            (gw * 10 > gh * (7 * len + 2) && glyphs > len));
    if (!agree)
      add_cand(&cands, z);
    for (char *p = other.data, *q; p && *p; p = q ? q + 1 : NULL) {
      q = strchr(p, '/');
      if (q)
        *q = 0;
      add_cand(&cands, p);
    }
    buf_free(&other);
    free(z);
    /* Not data and not read as digits: a short label, or a speck. But a
     * reading with no Chinese in it is no label: figures the grid did
     * not part ("0:0 0 10", four cells merged where a seal's red took
     * the ruling lines between them), which the parser would read as
     * figures unjudged. */
    if (!agree && c->kind == 'm' && !data && (!*c->text || has_cjk(c->text))) {
      c->kind = *c->text ? 't' : 'e';
      free(e);
      buf_free(&cands);
      continue;
    }
    free(c->text);
    c->text = e;
    c->conf = ce < cc ? ce : cc;
    c->kind = partial ? 'p' : agree ? 'n' : 'd';
    c->cands = cands.data ? buf_detach(&cands) : NULL;
  }
  free(rown), free(rowt), free(coln), free(colt);
}

static void put_table(page *pg, const table *t) {
  buf *b = &pg->out;
  buf_printf(b, "T\t%d\t%d\t%d\t%d\t%d\t%d\n", t->box.x, t->box.y, t->box.w,
             t->box.h, t->ny - 1, t->nx - 1);
  for (int i = 0; i < t->n_cells; i++) {
    const cell *c = &t->cells[i];
    buf_printf(b, "C\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%c\t%.2f\t", c->r, c->c,
               c->rs, c->cs, c->box.x, c->box.y, c->box.w, c->box.h, c->kind,
               c->conf);
    put_field(b, c->kind == 'b' ? "—" : c->text);
    buf_putc(b, '\t');
    put_field(b, c->cands);
    buf_putc(b, '\n');
  }
  buf_puts(b, "E\n");
}

/* ## The page */

/* The tables of the page: blobs of ruling lines at least an inch wide with
 * a grid. */
static int find_tables(page *pg, table *tabs) {
  const struct dl_lept *L = pg->L;
  PIX *both = L->pixOr(NULL, pg->hor, pg->ver);
  PIX *blob = L->pixDilateBrick(NULL, both, 7, 7);
  BOXA *bb = L->pixConnComp(blob, NULL, 8);
  BOXA *hb = L->pixConnComp(pg->hor, NULL, 8);
  BOXA *vb = L->pixConnComp(pg->ver, NULL, 8);
  int n = 0;
  for (int i = 0; bb && i < L->boxaGetCount(bb) && n < MAX_TABLES; i++) {
    table *t = &tabs[n];
    memset(t, 0, sizeof *t);
    L->boxaGetBoxGeometry(bb, i, &t->box.x, &t->box.y, &t->box.w, &t->box.h);
    if (t->box.w < pg->dpi || t->box.h < pg->dpi / 4 || !hb || !vb ||
        grid(pg, hb, vb, t) < 0)
      continue;
    n++;
  }
  L->boxaDestroy(&bb), L->boxaDestroy(&hb), L->boxaDestroy(&vb);
  L->pixDestroy(&blob), L->pixDestroy(&both);
  return n;
}

typedef struct {
  int y;
  int table; /* -1: a text line */
  size_t off, len;
} item;

static int cmp_item(const void *a, const void *b) {
  const item *x = a, *y = b;
  return (x->y > y->y) - (x->y < y->y);
}

/* The text outside the tables, line by line, into lines (records) and
 * items (their order). */
static size_t read_text(page *pg, const table *tabs, int n_tabs, buf *lines,
                        item **items, size_t *cap) {
  const struct dl_lept *L = pg->L;
  const struct dl_tess *T = pg->T;
  PIX *p = L->pixCopy(NULL, pg->rec);
  for (int i = 0; i < n_tabs; i++) {
    BOX *b = L->boxCreate(tabs[i].box.x - 4, tabs[i].box.y - 4,
                          tabs[i].box.w + 8, tabs[i].box.h + 8);
    L->pixSetInRect(p, b); /* white */
    L->boxDestroy(&b);
  }
  T->TessBaseAPISetPageSegMode(pg->chi, PSM_AUTO);
  T->TessBaseAPISetImage2(pg->chi, p);
  T->TessBaseAPISetSourceResolution(pg->chi, pg->dpi);
  size_t n = 0;
  if (T->TessBaseAPIRecognize(pg->chi, NULL) == 0) {
    TessResultIterator *it = T->TessBaseAPIGetIterator(pg->chi);
    if (it) {
      do {
        char *s = T->TessResultIteratorGetUTF8Text(it, RIL_TEXTLINE);
        int x0, y0, x1, y1;
        if (!s || !T->TessPageIteratorBoundingBox(
                      T->TessResultIteratorGetPageIterator(it), RIL_TEXTLINE,
                      &x0, &y0, &x1, &y1)) {
          T->TessDeleteText(s);
          continue;
        }
        float conf = T->TessResultIteratorConfidence(it, RIL_TEXTLINE);
        size_t off = lines->len;
        buf_printf(lines, "L\t%d\t%d\t%d\t%d\t%.2f\t", x0, y0, x1 - x0,
                   y1 - y0, conf / 100);
        size_t text = lines->len;
        put_field(lines, s);
        T->TessDeleteText(s);
        drop_spaces(lines->data + text);
        lines->len = text + strlen(lines->data + text);
        if (lines->len == text) {
          lines->len = off; /* nothing but spaces */
          continue;
        }
        buf_putc(lines, '\n');
        if (n == *cap) {
          *cap = *cap ? *cap * 2 : 64;
          *items = xxgk_realloc(*items, *cap * sizeof **items);
        }
        (*items)[n++] = (item){y0, -1, off, lines->len - off};
      } while (T->TessResultIteratorNext(it, RIL_TEXTLINE));
      T->TessResultIteratorDelete(it);
    }
  }
  L->pixDestroy(&p);
  return n;
}

static int init_api(const struct dl_tess *T, TessBaseAPI *api,
                    const char *lang) {
  if (T->TessBaseAPIInit3(api, NULL, lang) != 0)
    return -1;
  /* No dictionary for the numbers: it would "correct" digit strings. */
  T->TessBaseAPISetVariable(api, "load_system_dawg", "0");
  T->TessBaseAPISetVariable(api, "load_freq_dawg", "0");
  T->TessBaseAPISetVariable(api, "debug_file", "/dev/null");
  return 0;
}

static int recognise(page *pg, int fd) {
  const struct dl_lept *L = pg->L;
  const struct dl_tess *T = pg->T;
  pg->chi = T->TessBaseAPICreate();
  pg->dig = T->TessBaseAPICreate();
  if (init_api(T, pg->chi, "chi_sim") != 0 ||
      init_api(T, pg->dig, "eng") != 0) {
    buf_puts(&pg->out, "X\t文字识别的语言数据（chi_sim、eng）无法载入；请安装 "
                       "tesseract-ocr-chi-sim（Debian：sudo apt-get install "
                       "tesseract-ocr-chi-sim）\n");
    return 3;
  }
  digits_only(T, pg->dig, 1);

  /* Ruling lines are thin and grey in a scan at 150 dpi: found on a
   * lighter threshold than the ink, with their gaps closed first. */
  int unit = pg->dpi;
  pg->light = L->pixThresholdToBinary(pg->rec, 210);
  PIX *h = pg->light ? L->pixCloseBrick(NULL, pg->light, 5, 1) : NULL;
  PIX *v = pg->light ? L->pixCloseBrick(NULL, pg->light, 1, 5) : NULL;
  pg->hor = h ? L->pixOpenBrick(NULL, h, unit / 3, 1) : NULL;
  pg->ver = v ? L->pixOpenBrick(NULL, v, 1, unit / 8) : NULL;
  L->pixDestroy(&h), L->pixDestroy(&v);
  table tabs[MAX_TABLES];
  int n_tabs = pg->hor && pg->ver ? find_tables(pg, tabs) : 0;
  for (int i = 0; i < n_tabs; i++)
    cells(pg, &tabs[i]);

  buf lines = {0};
  item *items = NULL;
  size_t cap = 0;
  size_t n = read_text(pg, tabs, n_tabs, &lines, &items, &cap);

  for (int i = 0; i < n_tabs; i++) {
    read_table(pg, &tabs[i]);
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      items = xxgk_realloc(items, cap * sizeof *items);
    }
    items[n++] = (item){tabs[i].box.y, i, 0, 0};
  }
  if (n) /* no table, no line: items is NULL, which qsort may not take */
    qsort(items, n, sizeof *items, cmp_item);
  for (size_t i = 0; i < n; i++) {
    if (items[i].table >= 0)
      put_table(pg, &tabs[items[i].table]);
    else
      buf_put(&pg->out, lines.data + items[i].off, items[i].len);
    if (pg->out.len > (1u << 20) && flush(fd, &pg->out) == 0)
      pg->out.len = 0;
  }
  buf_free(&lines);
  free(items);
  /* The child exits right after: the tables' memory goes with it. */
  return 0;
}

int ocr_child(void *arg, int fd) {
  const ocr_job *job = arg;
  page pg = {0};
  char why[256];
  /* Before libgomp is loaded (with libtesseract): one thread. */
  setenv("OMP_THREAD_LIMIT", "1", 1);
  pg.L = dl_lept(why, sizeof why);
  pg.T = pg.L ? dl_tess(why, sizeof why) : NULL;
  if (!pg.T) {
    buf_printf(&pg.out, "X\t%s\n", why);
    return child_done(fd, &pg.out, 3);
  }
  const struct dl_lept *L = pg.L;
  pg.dpi = job->dpi > 0 ? job->dpi : 200;
  if (pg.dpi < 100)
    pg.dpi = 100;
  l_int32 format, w = 0, h = 0, bps, spp, cmap;
  if (L->pixReadHeaderMem((const l_uint8 *)job->img, job->n, &format, &w, &h,
                          &bps, &spp, &cmap) == 0 &&
      (long)w * h > OCR_MAX_PIXELS) {
    buf_printf(&pg.out,
               "X\t图像过大（%d×%d 像素），超过 %ld 万像素的上限，未识别；"
               "请以 200–300 dpi 扫描或缩小后再提交\n",
               w, h, OCR_MAX_PIXELS / 10000);
    return child_done(fd, &pg.out, 4);
  }
  PIX *raw = L->pixReadMem((const l_uint8 *)job->img, job->n);
  if (!raw) {
    buf_puts(&pg.out, "X\t图像无法解码（文件损坏，或不是 PNG、JPEG、TIFF "
                      "图像）\n");
    return child_done(fd, &pg.out, 4);
  }
  PIX *rgb = L->pixConvertTo32(raw);
  L->pixDestroy(&raw);
  remove_red(L, rgb);
  PIX *grey = L->pixConvertRGBToLuminance(rgb);
  L->pixDestroy(&rgb);
  float angle = 0, conf = 0;
  PIX *straight = L->pixFindSkewAndDeskew(grey, 2, &angle, &conf);
  L->pixDestroy(&grey);
  /* leptonica's usual tiles and thresholds, but the background made white
   * (not its default grey): the white margin added around a cell must
   * match it, or the recogniser sees the cell's edge as a shape. */
  pg.rec = L->pixBackgroundNorm(straight, NULL, NULL, 10, 15, 100, 50, 255, 2,
                                1);
  if (!pg.rec)
    pg.rec = straight;
  else
    L->pixDestroy(&straight);
  L->pixSetResolution(pg.rec, pg.dpi, pg.dpi);
  pg.bin = L->pixThresholdToBinary(pg.rec, 160);
  pg.w = L->pixGetWidth(pg.rec);
  pg.h = L->pixGetHeight(pg.rec);
  buf_printf(&pg.out, "I\t%d\t%d\t%.2f\n", pg.w, pg.h, conf > 0 ? angle : 0.0);
  int rc = recognise(&pg, fd);
  L->pixDestroy(&pg.bin);
  L->pixDestroy(&pg.rec);
  return child_done(fd, &pg.out, rc);
}

DL_DEFINE(lept, "识别扫描件", XXGK_SONAME_LEPT, "liblept5", DL_LEPT_FUNCS)
DL_DEFINE(tess, "识别扫描件", XXGK_SONAME_TESS, "libtesseract5", DL_TESS_FUNCS)
