/*
 * gen_recon.c — the broken renditions of gen_recon.h. The table pages come
 * from gen_grid.c; the converted texts are the tab-separated rendition of
 * gen.c with its table lines rearranged as the conversions do, so that
 * every label and number still comes from the dictionary and the sample.
 */
#include "gen_recon.h"

#include "gen.h"
#include "gen_grid.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char *const NAMES[RECON_N] = {
    "edge-html",  "edge-docx", "moved-label", "numbers-first",
    "all-numbers-first", "group-fused", "text-rows", "text-table"};

const char *recon_name(recon_kind k) {
  return (unsigned)k < RECON_N ? NAMES[k] : "?";
}

int recon_class(recon_kind k) {
  return k <= RECON_EDGE_DOCX ? 1 : k <= RECON_FUSED ? 4 : 5;
}

/* ## Pages */

static char *page(const xxgk_doc *want, const xxgk_doc *text, grid_kind g,
                  unsigned flags, size_t *n) {
  char *s = NULL;
  FILE *f = open_memstream(&s, n);
  if (!f)
    return NULL;
  grid_write(f, want, text, g, flags);
  fclose(f);
  return s;
}

/* A DOCX holding word/document.xml, zipped in memory with libzip. */
static char *docx(const char *xml, size_t n_xml, size_t *n) {
  static const char CT[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
      "content-types\"><Default Extension=\"xml\" "
      "ContentType=\"application/xml\"/></Types>";
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  zip_error_fini(&ze);
  if (!za) {
    zip_source_free(src);
    return NULL;
  }
  zip_source_keep(src);
  zip_source_t *a = zip_source_buffer(za, CT, sizeof CT - 1, 0);
  zip_source_t *b = zip_source_buffer(za, xml, n_xml, 0);
  int bad = zip_file_add(za, "[Content_Types].xml", a, 0) < 0 ||
            zip_file_add(za, "word/document.xml", b, 0) < 0;
  if (zip_close(za) != 0 || bad) {
    zip_discard(za);
    zip_source_free(src);
    return NULL;
  }
  char *out = NULL;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t len = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    out = len > 0 ? malloc((size_t)len) : NULL;
    if (out && zip_source_read(src, out, (zip_uint64_t)len) != len) {
      free(out);
      out = NULL;
    }
    *n = out ? (size_t)len : 0;
    zip_source_close(src);
  }
  zip_source_free(src);
  return out;
}

/* ## Converted texts */

#define MAX_CELLS 64

typedef struct {
  const char *s[MAX_CELLS];
  size_t n[MAX_CELLS];
  int count;
  int labels; /* cells before the first number; count if none */
} cells;

static int is_number(const char *s, size_t n) {
  size_t i = n && (s[0] == '-' || s[0] == '+');
  if (i == n)
    return 0;
  for (; i < n; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
      return 0;
  return 1;
}

/* Splits a line at TABs; labels counts the text cells before the first
 * number, which must be followed by numbers only. Returns 1 for a table
 * row of labels and numbers. */
static int split(const char *s, size_t n, cells *c) {
  c->count = 0;
  for (size_t i = 0; i <= n && c->count < MAX_CELLS;) {
    const char *tab = memchr(s + i, '\t', n - i);
    size_t e = tab ? (size_t)(tab - s) : n;
    c->s[c->count] = s + i;
    c->n[c->count++] = e - i;
    i = e + 1;
  }
  c->labels = 0;
  while (c->labels < c->count && !is_number(c->s[c->labels], c->n[c->labels]))
    c->labels++;
  for (int i = c->labels; i < c->count; i++)
    if (!is_number(c->s[i], c->n[i]))
      return 0;
  return c->labels < c->count;
}

static void put_cells(buf *b, const cells *c, int from, int to) {
  for (int i = from; i < to; i++) {
    if (i > from)
      buf_putc(b, '\t');
    buf_put(b, c->s[i], c->n[i]);
  }
}

static int is_label(const cells *c, const char *label) {
  return c->labels > 0 && c->n[c->labels - 1] == strlen(label) &&
         memcmp(c->s[c->labels - 1], label, c->n[c->labels - 1]) == 0;
}

/* The printed label of a row of table t in d's format. */
static const char *row_label(const xxgk_doc *d, xxgk_table t,
                             const char *key) {
  int r = xxgk_dict_find_row(t, key, xxgk_doc_format(d));
  return r >= 0 ? xxgk_dict_row(r)->label : "";
}

/* Rewrites the tab-separated rendition's table lines as kind k. */
static void rearrange(const char *s, size_t n, const xxgk_doc *d,
                      recon_kind k, buf *out) {
  const char *h2 = xxgk_dict_table(XXGK_T_ACTIVE)->heading;
  const char *h3 = xxgk_dict_table(XXGK_T_APPLICATIONS)->heading;
  const char *h4 = xxgk_dict_table(XXGK_T_REVIEWS)->heading;
  /* The row whose label moves, per table, and where it goes. */
  const char *moved[2] = {row_label(d, XXGK_T_ACTIVE, "normative_documents"),
                          row_label(d, XXGK_T_APPLICATIONS,
                                    "partially_granted")};
  const char *first = row_label(d, XXGK_T_APPLICATIONS, "carried_over");
  xxgk_table table = XXGK_T_FEES; /* none of 2 and 3 yet */
  size_t heading_end = 0;         /* where a moved label is inserted */
  for (const char *p = s, *end = s + n; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    int heading = 1;
    if (len == strlen(h2) && memcmp(p, h2, len) == 0)
      table = XXGK_T_ACTIVE;
    else if (len == strlen(h3) && memcmp(p, h3, len) == 0)
      table = XXGK_T_APPLICATIONS;
    else if (len == strlen(h4) && memcmp(p, h4, len) == 0)
      table = XXGK_T_FEES;
    else
      heading = 0;
    cells c;
    int row = table != XXGK_T_FEES && split(p, len, &c);
    int in3 = table == XXGK_T_APPLICATIONS;
    if (row && k == RECON_MOVED && is_label(&c, moved[in3])) {
      /* The label goes before the table; the numbers stay. */
      buf ins = {0};
      buf_put(&ins, moved[in3], strlen(moved[in3]));
      buf_putc(&ins, '\n');
      size_t tail = out->len - heading_end;
      buf_put(out, ins.data, ins.len); /* grow, then shift the tail */
      memmove(out->data + heading_end + ins.len, out->data + heading_end,
              tail);
      memcpy(out->data + heading_end, ins.data, ins.len);
      buf_free(&ins);
      put_cells(out, &c, 0, c.labels - 1);
      buf_putc(out, '\t');
      put_cells(out, &c, c.labels, c.count);
    } else if (row && in3 &&
               (k == RECON_ALL_FIRST ||
                (k == RECON_NUMS_FIRST && is_label(&c, first)))) {
      put_cells(out, &c, c.labels, c.count);
      buf_putc(out, '\t');
      put_cells(out, &c, 0, c.labels);
    } else if (row && in3 && k == RECON_FUSED && c.labels > 1) {
      put_cells(out, &c, c.labels - 1, c.labels);
      buf_putc(out, '\n');
      put_cells(out, &c, 0, c.labels - 1);
      buf_putc(out, '\t');
      put_cells(out, &c, c.labels, c.count);
    } else {
      buf_put(out, p, len);
    }
    buf_putc(out, '\n');
    if (heading)
      heading_end = out->len;
    p = nl ? nl + 1 : end;
  }
}

char *recon_report(const xxgk_doc *want, const xxgk_doc *text, recon_kind k,
                   size_t *n) {
  switch (k) {
  case RECON_EDGE_HTML:
    return page(want, text, GRID_HTML, GRID_EMPTY_ZEROS, n);
  case RECON_EDGE_DOCX: {
    size_t nx;
    char *xml = page(want, text, GRID_WORDXML, GRID_EMPTY_ZEROS, &nx);
    char *z = xml ? docx(xml, nx, n) : NULL;
    free(xml);
    return z;
  }
  case RECON_TEXT_ROWS:
    return page(want, text, GRID_TEXT_ROWS, 0, n);
  case RECON_TEXT_TABLE:
    return page(want, text, GRID_TEXT_TABLE, 0, n);
  case RECON_MOVED:
  case RECON_NUMS_FIRST:
  case RECON_ALL_FIRST:
  case RECON_FUSED: {
    size_t nt;
    char *tsv = gen_report(want, GEN_TSV, &nt);
    if (!tsv)
      return NULL;
    buf out = {0};
    rearrange(tsv, nt, want, k, &out);
    free(tsv);
    *n = out.len;
    return buf_detach(&out);
  }
  default:
    return NULL;
  }
}
