/*
 * read_html.c — a report published as a web page, through libxml2's HTML
 * parser (it tolerates the broken markup of real government sites).
 *
 * The charset is decided here, not by libxml2: a BOM; else UTF-8 if all
 * the bytes are valid UTF-8 (pages re-saved as UTF-8 keep a stale
 * <meta charset=gb2312>); else the <meta> charset, where GB2312 and GBK
 * are read as GB18030, their superset (real "gb2312" pages use GBK
 * characters); else GB18030. The bytes are converted to UTF-8 with iconv
 * (an invalid byte becomes U+FFFD) and parsed with the document's own
 * encoding hints ignored, and with no network access.
 *
 * The tree is then walked once to mark layout tables — a table that holds
 * another table is page layout, not data: its cells are read as blocks of
 * the page and the tables inside them as tables — and to refuse nesting
 * deeper than XXGK_MAX_DEPTH (libxml2 itself stops at 256). The second walk
 * writes the text rendition (rendition.c): block elements end a paragraph,
 * <br> too; a data table goes row by row with its rowspan/colspan; the text
 * of a cell is all its text, blocks and <br> joined by a space; <pre> keeps
 * its lines. Scripts, styles and the <head> are skipped, but for the
 * <title>: the report's title when the page prints none.
 */
#include "read_xml.h"
#include "xmlzip.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>


/* ## Charset */

/* The charset a <meta> in the first 4 KiB names, lower-case, or "". */
static void meta_charset(const char *s, size_t n, char *out, size_t cap) {
  char head[4097];
  size_t k = n < 4096 ? n : 4096;
  for (size_t i = 0; i < k; i++)
    head[i] = (char)tolower((unsigned char)s[i]);
  head[k] = 0;
  out[0] = 0;
  for (char *p = strstr(head, "charset"); p; p = strstr(p + 1, "charset")) {
    char *q = p + 7;
    while (*q == ' ')
      q++;
    if (*q != '=')
      continue;
    q++;
    while (*q == ' ' || *q == '"' || *q == '\'')
      q++;
    size_t j = 0;
    while (j + 1 < cap && (isalnum((unsigned char)q[j]) || q[j] == '-' ||
                           q[j] == '_' || q[j] == '.' || q[j] == ':'))
      out[j] = q[j], j++;
    out[j] = 0;
    if (j)
      return;
  }
}

/* The iconv name to convert from, or NULL for UTF-8 as it is; *skip is
 * the length of a BOM. */
static const char *decide_charset(const char *s, size_t n, size_t *skip,
                                  char *cs, size_t cap) {
  const unsigned char *u = (const unsigned char *)s;
  *skip = 0;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    *skip = 3;
    return NULL;
  }
  if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    return *skip = 2, "UTF-16LE";
  if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    return *skip = 2, "UTF-16BE";
  if (utf8_valid_prefix(s, n) == n)
    return NULL;
  meta_charset(s, n, cs, cap);
  if (strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0)
    return "UTF-8"; /* mostly UTF-8: converted, bad bytes replaced */
  if (!cs[0] || strcmp(cs, "gb2312") == 0 || strcmp(cs, "gbk") == 0 ||
      strcmp(cs, "x-gbk") == 0 || strcmp(cs, "cp936") == 0 ||
      strcmp(cs, "gb18030") == 0)
    return "GB18030"; /* the superset, and the Chinese default */
  return cs;
}

/* Converts s[0..n) from `from` to UTF-8 into out, replacing what cannot be
 * converted by U+FFFD; returns -1 if iconv does not know `from`. */
static int to_utf8(const char *s, size_t n, const char *from, buf *out) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1)
    return -1;
  char tmp[16384];
  char *in = (char *)s;
  size_t left = n;
  while (left > 0) {
    char *o = tmp;
    size_t room = sizeof tmp;
    size_t rc = iconv(cd, &in, &left, &o, &room);
    buf_put(out, tmp, (size_t)(o - tmp));
    if (rc == (size_t)-1 && errno != E2BIG) {
      buf_puts(out, "\xEF\xBF\xBD"); /* invalid or truncated: skip a byte */
      in++;
      left--;
    }
  }
  iconv_close(cd);
  return 0;
}

/* ## The tree */

static int is(const xmlNode *n, const char *name);

static int is_table(const xmlNode *n) { return is(n, "table"); }

static int is(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && n->name &&
         strcmp((const char *)n->name, name) == 0;
}

static int is_any(const xmlNode *n, const char *const *names) {
  for (; *names; names++)
    if (is(n, *names))
      return 1;
  return 0;
}

static const char *const SKIP[] = {"script", "style",  "head",   "noscript",
                                   "template", "iframe", "object", "select",
                                   "button", NULL};
static const char *const BLOCK[] = {
    "p",       "div",     "h1",     "h2",   "h3",     "h4",      "h5",
    "h6",      "li",      "ul",     "ol",   "dl",     "dt",      "dd",
    "tr",      "td",      "th",     "tbody", "thead", "tfoot",   "caption",
    "section", "article", "header", "footer", "nav",  "aside",   "main",
    "blockquote", "hr",   "form",   "fieldset", "center", "address",
    "figure",  "table",   "body",   "html", NULL};

typedef struct {
  rendition *r;
  buf para; /* the paragraph being collected */
  buf cell; /* the cell being collected      */
} walker;

static void flush(walker *w) {
  if (w->para.len)
    rend_para(w->r, w->para.data, w->para.len);
  w->para.len = 0;
}

/* All the text under n into b, blocks and <br> as spaces. */
static void collect(xmlNode *n, buf *b) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content)
        buf_puts(b, (const char *)c->content);
    } else if (c->type == XML_ELEMENT_NODE && !is_any(c, SKIP)) {
      int block = is(c, "br") || is_any(c, BLOCK);
      if (block)
        buf_putc(b, ' ');
      collect(c, b);
      if (block)
        buf_putc(b, ' ');
    }
  }
}

/* The attribute read in the tree, not with xmlGetProp, which would copy it
 * for libxml2's xmlFree (a variable, not a function, so not in dl_xml). The
 * HTML parser stores a value as one text node, entities already replaced. */
static int span_attr(const xmlNode *n, const char *name) {
  const char *v = NULL;
  for (const xmlAttr *a = n->properties; a && !v; a = a->next)
    if (a->name && strcmp((const char *)a->name, name) == 0)
      v = a->children && a->children->content
              ? (const char *)a->children->content
              : "";
  if (!v)
    return 1;
  char *end;
  long k = strtol(v, &end, 10);
  if (end == v)
    return 1;
  return k < 0 ? 1 : k > 65535 ? 65535 : (int)k;
}

static void row(walker *w, xmlNode *tr) {
  rend_row_begin(w->r);
  for (xmlNode *c = tr->children; c; c = c->next) {
    if (!is(c, "td") && !is(c, "th"))
      continue;
    w->cell.len = 0;
    collect(c, &w->cell);
    int colspan = span_attr(c, "colspan");
    rend_cell(w->r, w->cell.data ? w->cell.data : "", w->cell.len,
              colspan, span_attr(c, "rowspan"));
  }
  rend_row_end(w->r);
}

static void data_table(walker *w, xmlNode *t) {
  for (xmlNode *c = t->children; c; c = c->next)
    if (is(c, "caption")) {
      w->cell.len = 0;
      collect(c, &w->cell);
      rend_para(w->r, w->cell.data ? w->cell.data : "", w->cell.len);
    }
  rend_table_begin(w->r);
  for (xmlNode *c = t->children; c; c = c->next) {
    if (is(c, "tr")) {
      row(w, c);
    } else if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot")) {
      for (xmlNode *g = c->children; g; g = g->next)
        if (is(g, "tr"))
          row(w, g);
    }
  }
  rend_table_end(w->r);
}

/* <pre>: its text, line by line, as printed. */
static void pre(walker *w, xmlNode *n) {
  flush(w);
  buf b = {0};
  collect(n, &b);
  const char *s = b.data ? b.data : "";
  const char *end = s + b.len;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    rend_pre_line(w->r, s, (size_t)(e - s));
    s = nl ? nl + 1 : end;
  }
  buf_free(&b);
}

/* The first <title> element, in the head or (broken markup) elsewhere,
 * outside <svg> and the like; NULL if none. */
static xmlNode *title_element(xmlNode *n) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || is(c, "svg") || is(c, "script"))
      continue;
    if (is(c, "title"))
      return c;
    xmlNode *t = title_element(c);
    if (t)
      return t;
  }
  return NULL;
}

static void walk(walker *w, xmlNode *n) {
  for (xmlNode *c = n->children; c && !rend_failed(w->r); c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content)
        buf_puts(&w->para, (const char *)c->content);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || is_any(c, SKIP))
      continue;
    if (is(c, "pre")) {
      pre(w, c);
    } else if (is(c, "table") && c->_private != XML_LAYOUT) {
      flush(w);
      data_table(w, c);
    } else if (is(c, "br") || is_any(c, BLOCK)) {
      flush(w);
      walk(w, c);
      flush(w);
    } else {
      walk(w, c);
    }
  }
}

xxgk_status read_html(const char *buf_in, size_t n, xxgk_doc **out) {
  size_t skip;
  char cs[40];
  const char *from = decide_charset(buf_in, n, &skip, cs, sizeof cs);
  buf utf8 = {0};
  const char *s = buf_in + skip;
  size_t len = n - skip;
  if (from) {
    if (to_utf8(s, len, from, &utf8) < 0) {
      utf8.len = 0;
      to_utf8(s, len, "GB18030", &utf8);
    }
    s = utf8.data ? utf8.data : "";
    len = utf8.len;
  }
  char why[256];
  const struct dl_xml *x = dl_xml(why, sizeof why);
  if (!x) {
    buf_free(&utf8);
    return read_refuse(out, XXGK_E_IO, "%s", why);
  }
  if (xml_too_many_tags(s, len)) {
    buf_free(&utf8);
    return read_refuse(out, XXGK_E_LIMIT,
                       "网页（HTML）含有超过 %d 个标签，远多于任何年度报告，"
                       "未读取；请确认文件完整",
                       XXGK_MAX_TAGS);
  }
  x->xmlInitParser();
  htmlDocPtr doc = x->htmlReadMemory(
      s, (int)(len > INT32_MAX ? INT32_MAX : len), NULL, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
          HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
  buf_free(&utf8);
  xmlNode *root = doc ? x->xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    x->xmlFreeDoc(doc);
    return read_refuse(out, XXGK_E_NOT_REPORT,
                       "网页（HTML）中没有内容，无法读取");
  }
  if (xml_mark_layout((xmlNode *)doc, 0, NULL, is_table) < 0) {
    x->xmlFreeDoc(doc);
    return read_refuse(out, XXGK_E_LIMIT,
                       "网页（HTML）的标签嵌套超过 %d 层，不像正常的网页，未"
                       "读取；请确认文件完整",
                       XXGK_MAX_DEPTH);
  }
  walker w = {rend_new(), {0}, {0}};
  xmlNode *title = title_element((xmlNode *)doc);
  if (title) {
    collect(title, &w.cell);
    rend_title_hint(w.r, w.cell.data ? w.cell.data : "", w.cell.len);
  }
  walk(&w, (xmlNode *)doc);
  flush(&w);
  buf_free(&w.para);
  buf_free(&w.cell);
  x->xmlFreeDoc(doc);
  return rend_finish(w.r, out);
}
