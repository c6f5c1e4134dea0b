/*
 * pdf_boxes.c — where each word of a PDF stands on its page, from the
 * XHTML that `pdftotext -bbox-layout` writes (poppler's word boxes: a
 * <page width height> holding <word xMin yMin xMax yMax>text</word>),
 * read with libxml2's streaming reader: linear, no tree.
 *
 * The boxes give what the character columns of `pdftotext -layout` do not:
 * true horizontal positions, comparable between a column header and the
 * numbers under it and from one page to the next (pdf_cols.c). Then the
 * words are grouped into the page's text lines as -layout groups them:
 * sorted by the middle of their height, a word joins the line of the first
 * word when their middles are close (same_line), and a line reads left to
 * right.
 */
#include "read_xml.h"
#include "xmlzip.h"

#include <stdlib.h>
#include <string.h>

/* The number attribute `name` of the reader's element; *ok = 0 if it has
 * none. */
static double attr(const struct dl_xml *x, xmlTextReaderPtr r,
                   const char *name, int *ok) {
  double d = 0;
  const char *v = NULL;
  char *end = NULL;
  if (x->xmlTextReaderMoveToAttribute(r, (const xmlChar *)name) == 1 &&
      (v = (const char *)x->xmlTextReaderConstValue(r)) != NULL)
    d = strtod(v, &end);
  if (!v || end == v || *end)
    *ok = 0;
  x->xmlTextReaderMoveToElement(r);
  return d;
}

static const pdf_word *SORTING; /* qsort has no context argument */

static double mid(const pdf_word *w) { return (w->y0 + w->y1) / 2; }

static int by_height(const void *a, const void *b) {
  const pdf_word *x = &SORTING[*(const size_t *)a];
  const pdf_word *y = &SORTING[*(const size_t *)b];
  double d = mid(x) - mid(y);
  if (d == 0)
    d = x->x0 - y->x0;
  return d < 0 ? -1 : d > 0;
}

static int by_x(const void *a, const void *b) {
  double d = SORTING[*(const size_t *)a].x0 - SORTING[*(const size_t *)b].x0;
  return d < 0 ? -1 : d > 0;
}

/* Word w, below head or level with it, is on head's text line: the middle
 * of its height less than 0.4 of the lower word's height below head's.
 * (A number set between the two lines of a wrapped label, half a line
 * down, is a line of its own, as in the page text.) */
static int same_line(const pdf_word *head, const pdf_word *w) {
  double h = head->y1 - head->y0, hw = w->y1 - w->y0;
  return mid(w) - mid(head) <= 0.4 * (hw < h ? hw : h);
}

/* The page's words into lines: b->order[first..] rearranged, b->line_end
 * marking where each line ends. */
static void page_lines(pdf_boxes *b, pdf_page *pg) {
  size_t *o = b->order + pg->first;
  if (pg->n == 0)
    return;
  SORTING = b->w;
  qsort(o, pg->n, sizeof *o, by_height);
  size_t start = 0;
  for (size_t i = 1; i <= pg->n; i++) {
    const pdf_word *head = &b->w[o[start]];
    if (i < pg->n && same_line(head, &b->w[o[i]]))
      continue;
    qsort(o + start, i - start, sizeof *o, by_x);
    b->w[o[i - 1]].line_end = 1;
    start = i;
  }
}

int pdf_boxes_read(const char *s, size_t n, pdf_boxes *b) {
  memset(b, 0, sizeof *b);
  char why[300];
  const struct dl_xml *x = dl_xml(why, sizeof why);
  if (!x || n > INT32_MAX || xml_too_many_tags(s, n))
    return -1;
  xmlTextReaderPtr r =
      x->xmlReaderForMemory(s, (int)n, NULL, "UTF-8", XML_PARSE_NONET);
  if (!r)
    return -1;
  size_t cap_w = 0, cap_pg = 0;
  int ok = 1, rc, in_word = 0;
  while (ok && (rc = x->xmlTextReaderRead(r)) == 1) {
    int type = x->xmlTextReaderNodeType(r);
    if (type == XML_READER_TYPE_TEXT && in_word) {
      buf_puts(&b->text, (const char *)x->xmlTextReaderConstValue(r));
      b->w[b->n_w - 1].n = (uint32_t)(b->text.len - b->w[b->n_w - 1].off);
      continue;
    }
    if (type == XML_READER_TYPE_END_ELEMENT)
      in_word = 0;
    if (type != XML_READER_TYPE_ELEMENT)
      continue;
    const char *name = (const char *)x->xmlTextReaderConstLocalName(r);
    if (strcmp(name, "page") == 0) {
      b->pg = grow(b->pg, &cap_pg, b->n_pg + 1, sizeof *b->pg);
      pdf_page *pg = &b->pg[b->n_pg++];
      pg->first = b->n_w;
      pg->n = 0;
      pg->width = attr(x, r, "width", &ok);
    } else if (strcmp(name, "word") == 0 && b->n_pg > 0) {
      b->w = grow(b->w, &cap_w, b->n_w + 1, sizeof *b->w);
      pdf_word *w = &b->w[b->n_w++];
      w->x0 = attr(x, r, "xMin", &ok);
      w->y0 = attr(x, r, "yMin", &ok);
      w->x1 = attr(x, r, "xMax", &ok);
      w->y1 = attr(x, r, "yMax", &ok);
      w->line_end = 0;
      w->off = (uint32_t)b->text.len;
      w->n = 0;
      in_word = !x->xmlTextReaderIsEmptyElement(r);
      b->pg[b->n_pg - 1].n++;
    }
  }
  x->xmlFreeTextReader(r);
  if (!ok || rc != 0 || b->text.len > UINT32_MAX) {
    pdf_boxes_free(b);
    return -1;
  }
  b->order = xxgk_malloc((b->n_w ? b->n_w : 1) * sizeof *b->order);
  for (size_t i = 0; i < b->n_w; i++)
    b->order[i] = i;
  for (size_t p = 0; p < b->n_pg; p++)
    page_lines(b, &b->pg[p]);
  return 0;
}

void pdf_boxes_free(pdf_boxes *b) {
  free(b->w);
  free(b->pg);
  free(b->order);
  buf_free(&b->text);
  memset(b, 0, sizeof *b);
}
