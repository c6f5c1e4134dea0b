/*
 * where.c — provenance: where a line of a reader's text rendition came from
 * in the original document, so that a clerk reading a finding about an HTML
 * page, a Word file or a PDF is told "第2个表格第5行第3列" or "第4页第12行"
 * rather than the line number of a text nobody sees.
 *
 * The map is a sorted list of spans: each starts at a rendition line and
 * says what that line is (a paragraph, a table row with the character
 * column at which each grid position starts, or the first line of a PDF
 * page). A lookup is a binary search. The parser's line and column numbers
 * stay what they are (positions in the rendition); the map only translates
 * them when they are shown.
 */
#include "reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint32_t line; /* first rendition line of the span   */
  where_kind kind;
  uint32_t a, b, t;
  size_t pos, n_pos; /* WHERE_ROW, WHERE_SCAN: slice of map->pos */
} span;

/* A grid position of a table row. */
typedef struct {
  uint32_t start; /* the character column at which it starts */
  uint16_t conf;  /* scan confidence, or SCAN_NO_CONF */
} grid_pos;

struct where_map {
  span *spans;
  size_t n, cap;
  grid_pos *pos; /* every row's positions, one row after another */
  size_t n_pos, cap_pos;
};

where_map *where_new(void) { return xxgk_calloc(1, sizeof(where_map)); }

void where_free(where_map *m) {
  if (!m)
    return;
  free(m->spans);
  free(m->pos);
  free(m);
}

static span *add(where_map *m, uint32_t line, where_kind k, uint32_t a,
                 uint32_t b, const uint32_t *pos, const uint16_t *conf,
                 size_t n_pos) {
  m->spans = grow(m->spans, &m->cap, m->n + 1, sizeof *m->spans);
  m->pos = grow(m->pos, &m->cap_pos, m->n_pos + n_pos, sizeof *m->pos);
  span *s = &m->spans[m->n++];
  s->line = line;
  s->kind = k;
  s->a = a;
  s->b = b;
  s->t = 0;
  s->pos = m->n_pos;
  s->n_pos = n_pos;
  for (size_t i = 0; i < n_pos; i++)
    m->pos[m->n_pos + i] =
        (grid_pos){pos[i], conf ? conf[i] : SCAN_NO_CONF};
  m->n_pos += n_pos;
  return s;
}

void where_add(where_map *m, uint32_t line, where_kind k, uint32_t a,
               uint32_t b, const uint32_t *pos, size_t n_pos) {
  add(m, line, k, a, b, pos, NULL, n_pos);
}

void where_add_scan(where_map *m, uint32_t line, uint32_t page,
                    uint32_t table, uint32_t row, const uint32_t *pos,
                    const uint16_t *conf, size_t n_pos) {
  add(m, line, WHERE_SCAN, page, row, pos, conf, n_pos)->t = table;
}

/* The span holding `line`, or NULL. */
static const span *find(const where_map *m, uint32_t line) {
  size_t lo = 0, hi = m->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->spans[mid].line <= line)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo ? &m->spans[lo - 1] : NULL;
}

static size_t put(char *out, size_t cap, const char *fmt, uint32_t x,
                  uint32_t y, uint32_t z) {
  int n = snprintf(out, cap, fmt, x, y, z);
  if (n < 0)
    return 0;
  return (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}

/* The grid position of span s whose text starts at or before col: of the
 * positions a cell spans (which start where it does), the cell's own. */
static size_t position(const where_map *m, const span *s, uint32_t col) {
  const grid_pos *p = m->pos + s->pos;
  size_t i = 0;
  while (col && i + 1 < s->n_pos && p[i + 1].start <= col)
    i++;
  while (i > 0 && p[i - 1].start == p[i].start)
    i--;
  return i;
}

/* "第3页 表格第5行第3列（扫描识别，置信度0.62）": the table's number on the
 * page only when it is not the first; position i SIZE_MAX for the row. */
static size_t scan_place(const where_map *m, const span *s, size_t i,
                         char *out, size_t cap) {
  char table[32] = "表格";
  if (s->t > 1)
    snprintf(table, sizeof table, "第%u个表格", s->t);
  int n;
  if (i == SIZE_MAX || i >= s->n_pos)
    n = snprintf(out, cap, "第%u页 %s第%u行（扫描识别）", s->a, table, s->b);
  else if (m->pos[s->pos + i].conf == SCAN_NO_CONF)
    n = snprintf(out, cap, "第%u页 %s第%u行第%zu列（扫描识别）", s->a, table,
                 s->b, i + 1);
  else
    n = snprintf(out, cap, "第%u页 %s第%u行第%zu列（扫描识别，置信度%u.%02u）",
                 s->a, table, s->b, i + 1, m->pos[s->pos + i].conf / 100u,
                 m->pos[s->pos + i].conf % 100u);
  if (n < 0)
    return 0;
  return (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}

int where_scan_cell(const where_map *m, uint32_t line, uint32_t col,
                    uint32_t *page, uint32_t *table, uint32_t *row,
                    uint32_t *gcol) {
  const span *s = m && line ? find(m, line) : NULL;
  if (!s || s->kind != WHERE_SCAN || !s->n_pos)
    return 0;
  *page = s->a;
  *table = s->t;
  *row = s->b;
  *gcol = (uint32_t)position(m, s, col) + 1;
  return 1;
}

size_t xxgk_doc_where(const xxgk_doc *d, uint32_t line, uint32_t col,
                      char *out, size_t cap) {
  if (cap)
    out[0] = 0;
  if (!d || line == 0)
    return 0;
  const span *s = d->where ? find(d->where, line) : NULL;
  if (!s)
    return col ? put(out, cap, "第%u行第%u列", line, col, 0)
               : put(out, cap, "第%u行", line, 0, 0);
  switch (s->kind) {
  case WHERE_PARA:
    return put(out, cap, "第%u段", s->a, 0, 0);
  case WHERE_PAGE:
    return put(out, cap, "第%u页第%u行", s->a,
               (s->b ? s->b : 1) + line - s->line, 0);
  case WHERE_ROW:
  case WHERE_SCAN:
    break;
  }
  size_t i = position(d->where, s, col);
  if (s->kind == WHERE_SCAN)
    return scan_place(d->where, s, col ? i : SIZE_MAX, out, cap);
  if (col && s->n_pos)
    return put(out, cap, "第%u个表格第%u行第%u列", s->a, s->b,
               (uint32_t)i + 1);
  return put(out, cap, "第%u个表格第%u行", s->a, s->b, 0);
}

/* Rewrites every "第<digits>行" of a message into the place it names. */
static char *rewrite(const xxgk_doc *d, const char *msg) {
  static const char DI[] = "第", HANG[] = "行";
  buf b = {0};
  const char *s = msg;
  for (;;) {
    const char *hit = strstr(s, DI);
    if (!hit)
      break;
    const char *q = hit + 3;
    uint32_t line = 0;
    int digits = 0;
    while (*q >= '0' && *q <= '9' && digits < 9)
      line = line * 10 + (uint32_t)(*q++ - '0'), digits++;
    buf_put(&b, s, (size_t)(hit - s));
    if (digits && strncmp(q, HANG, 3) == 0) {
      char where[96];
      xxgk_doc_where(d, line, 0, where, sizeof where);
      buf_puts(&b, where);
      s = q + 3;
    } else {
      buf_put(&b, hit, 3);
      s = hit + 3;
    }
  }
  buf_puts(&b, s);
  return buf_detach(&b);
}

void where_attach(xxgk_doc *d, where_map *m) {
  where_free(d->where);
  d->where = m;
  for (size_t i = 0; i < d->n_diags; i++) {
    char *msg = rewrite(d, d->diags[i].message);
    free(d->diags[i].message);
    d->diags[i].message = msg;
  }
}
