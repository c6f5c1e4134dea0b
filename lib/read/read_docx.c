/*
 * read_docx.c — a report as a Word file (.docx, as Word or WPS writes it):
 * the ZIP archive is opened from memory with libzip, word/document.xml is
 * unpacked (at most XXGK_MAX_ZIP_ENTRY bytes: a zip bomb stops there) and
 * parsed with libxml2 (no network, no DTD, no entity expansion: a document
 * with a DOCTYPE is refused, Word never writes one).
 *
 * The body is walked in order and written as a text rendition
 * (rendition.c):
 *   - w:p is a line: the text of its runs (w:t) joined, so a label split
 *     across runs by a change of font is whole again; w:tab is a TAB (a
 *     cell separator for the parser), w:br/w:cr a line break; deleted text
 *     (w:del), field codes (w:instrText) and the VML copy of a drawing
 *     (mc:Fallback) are skipped;
 *   - w:tbl is a table: each w:tr a line, each w:tc a cell over w:gridSpan
 *     grid columns (w:gridBefore adds empty ones); a w:vMerge continuation
 *     cell is covered by the cell above and left empty, like a rowspan;
 *     the paragraphs of a cell are joined by a space;
 *   - a table holding a table is layout: its cells are read as blocks, the
 *     tables inside as tables (as in read_html.c);
 *   - content controls (w:sdt), w:customXml, w:ins, w:smartTag and the like
 *     are looked through.
 * Both the transitional and the strict WordprocessingML namespaces are
 * accepted.
 */
#include "read_xml.h"
#include "xmlzip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char W_NS[] =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";

static int w_ns(const xmlNs *ns) {
  return ns && ns->href && (strcmp((const char *)ns->href, W_NS) == 0 ||
                            strcmp((const char *)ns->href, W_STRICT) == 0);
}

/* n is the WordprocessingML element w:<local>. */
static int w_is(const xmlNode *n, const char *local);

static int is_table(const xmlNode *n) { return w_is(n, "tbl"); }

static int w_is(const xmlNode *n, const char *local) {
  return n->type == XML_ELEMENT_NODE && w_ns(n->ns) &&
         strcmp((const char *)n->name, local) == 0;
}

/* The first child w:<local> of n, or NULL. */
static xmlNode *w_child(const xmlNode *n, const char *local) {
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (w_is(c, local))
      return c;
  return NULL;
}

/* The w:val attribute of n as borrowed text, or NULL. */
static const char *w_val(const xmlNode *n) {
  for (xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
    if (strcmp((const char *)a->name, "val") == 0 && (!a->ns || w_ns(a->ns)))
      return a->children && a->children->content
                 ? (const char *)a->children->content
                 : "";
  return NULL;
}

static int w_int(const xmlNode *n, int dflt) {
  const char *v = w_val(n);
  if (!v || !*v)
    return dflt;
  long k = strtol(v, NULL, 10);
  return k < 0 ? dflt : k > 1000 ? 1000 : (int)k;
}

/* Elements whose text is not the document's. */
static int skipped(const xmlNode *n) {
  if (strcmp((const char *)n->name, "Fallback") == 0)
    return 1; /* mc:Fallback: the VML copy of what mc:Choice holds */
  static const char *const SKIP[] = {"pPr",    "rPr",        "del",
                                     "delText", "instrText", "fldData",
                                     "tblPr",  "tblGrid",    "trPr",
                                     "tcPr",   "sectPr",     "commentReference",
                                     NULL};
  if (!w_ns(n->ns))
    return 0;
  for (const char *const *s = SKIP; *s; s++)
    if (strcmp((const char *)n->name, *s) == 0)
      return 1;
  return 0;
}

/* The text under n into b. In a cell, tabs and breaks are spaces; in a
 * paragraph, a tab is '\t' and a break '\n'. */
static void collect(const xmlNode *n, buf *b, int in_cell) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || skipped(c))
      continue;
    if (w_is(c, "t")) {
      for (xmlNode *t = c->children; t; t = t->next)
        if (t->type == XML_TEXT_NODE && t->content)
          buf_puts(b, (const char *)t->content);
    } else if (w_is(c, "tab")) {
      buf_putc(b, in_cell ? ' ' : '\t');
    } else if (w_is(c, "br") || w_is(c, "cr")) {
      buf_putc(b, in_cell ? ' ' : '\n');
    } else if (w_is(c, "noBreakHyphen")) {
      buf_putc(b, '-');
    } else if (w_is(c, "p") || w_is(c, "tc")) {
      buf_putc(b, in_cell ? ' ' : '\n'); /* a text box's paragraphs */
      collect(c, b, in_cell);
      buf_putc(b, in_cell ? ' ' : '\n');
    } else {
      collect(c, b, in_cell);
    }
  }
}

typedef struct {
  rendition *r;
  buf text;
} walker;

static void paragraph(walker *w, const xmlNode *p) {
  w->text.len = 0;
  collect(p, &w->text, 0);
  const char *s = w->text.data ? w->text.data : "";
  const char *end = s + w->text.len;
  while (s < end) { /* a w:br ends a line */
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    rend_para(w->r, s, (size_t)(e - s));
    s = nl ? nl + 1 : end;
  }
}

static void block(walker *w, const xmlNode *n);

/* Calls f for each child w:<local> of n, looking through content controls
 * and other wrappers. */
static void each(walker *w, const xmlNode *n, const char *local,
                 void (*f)(walker *, const xmlNode *)) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || skipped(c))
      continue;
    if (w_is(c, local))
      f(w, c);
    else if (w_is(c, "sdt") || w_is(c, "sdtContent") ||
             w_is(c, "customXml") || w_is(c, "ins") || w_is(c, "smartTag"))
      each(w, c, local, f);
  }
}

static void cell(walker *w, const xmlNode *tc) {
  xmlNode *pr = w_child(tc, "tcPr");
  int span = w_int(w_child(pr, "gridSpan"), 1);
  xmlNode *vm = w_child(pr, "vMerge"), *hm = w_child(pr, "hMerge");
  const char *v = vm ? w_val(vm) : hm ? w_val(hm) : NULL;
  if ((vm || hm) && (!v || strcmp(v, "restart") != 0)) {
    rend_covered(w->r, span ? span : 1); /* merged into the cell above */
    return;
  }
  w->text.len = 0;
  collect(tc, &w->text, 1);
  rend_cell(w->r, w->text.data ? w->text.data : "", w->text.len, span, 1);
}

static void row(walker *w, const xmlNode *tr) {
  rend_row_begin(w->r);
  int before = w_int(w_child(w_child(tr, "trPr"), "gridBefore"), 0);
  if (before > 0)
    rend_covered(w->r, before);
  each(w, tr, "tc", cell);
  rend_row_end(w->r);
}

static void table(walker *w, const xmlNode *t) {
  if (t->_private == XML_LAYOUT) {
    block(w, t); /* its cells are blocks of the page */
    return;
  }
  rend_table_begin(w->r);
  each(w, t, "tr", row);
  rend_table_end(w->r);
}

static void block(walker *w, const xmlNode *n) {
  for (xmlNode *c = n->children; c && !rend_failed(w->r); c = c->next) {
    if (c->type != XML_ELEMENT_NODE || skipped(c))
      continue;
    if (w_is(c, "p"))
      paragraph(w, c);
    else if (w_is(c, "tbl"))
      table(w, c);
    else
      block(w, c);
  }
}

/* Unpacks one entry of at most XXGK_MAX_ZIP_ENTRY bytes into b. Returns
 * XXGK_OK, or a status with *why set. */
static xxgk_status unpack(const struct dl_zip *z, zip_t *za, zip_int64_t idx,
                          buf *b, char *why, size_t cap) {
  zip_stat_t st;
  z->zip_stat_init(&st);
  if (z->zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 &&
      (st.valid & ZIP_STAT_SIZE) && st.size > XXGK_MAX_ZIP_ENTRY) {
    return XXGK_E_LIMIT;
  }
  zip_file_t *zf = z->zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) {
    snprintf(why, cap, "%s", z->zip_strerror(za));
    return XXGK_E_ENCODING;
  }
  char tmp[65536];
  zip_int64_t k;
  xxgk_status rc = XXGK_OK;
  while ((k = z->zip_fread(zf, tmp, sizeof tmp)) > 0) {
    if (b->len + (size_t)k > XXGK_MAX_ZIP_ENTRY) {
      rc = XXGK_E_LIMIT;
      break;
    }
    buf_put(b, tmp, (size_t)k);
  }
  if (k < 0 && rc == XXGK_OK) {
    snprintf(why, cap, "%s", z->zip_file_strerror(zf));
    rc = XXGK_E_ENCODING;
  }
  z->zip_fclose(zf);
  return rc;
}

static xxgk_status read_xml(const struct dl_xml *x, const char *s, size_t n,
                            xxgk_doc **out) {
  if (mem_find(s, n, "<!DOCTYPE") || mem_find(s, n, "<!ENTITY"))
    return read_refuse(out, XXGK_E_ENCODING,
                       "DOCX 的 word/document.xml 含有 DTD 声明，不是 Word 或 "
                       "WPS 生成的文档，未读取");
  if (xml_too_many_tags(s, n))
    return read_refuse(out, XXGK_E_LIMIT,
                       "DOCX 的 word/document.xml 含有超过 %d 个标记，远多于"
                       "任何年度报告，未读取；请确认文件完整",
                       XXGK_MAX_TAGS);
  x->xmlInitParser();
  x->xmlResetLastError();
  xmlDoc *doc = x->xmlReadMemory(s, (int)n, NULL, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR |
                                     XML_PARSE_NOWARNING);
  if (!doc) {
    const xmlError *e = x->xmlGetLastError();
    if (e && e->message && strstr(e->message, "depth"))
      return read_refuse(out, XXGK_E_LIMIT,
                         "DOCX 的内容嵌套超过 %d 层，未读取；请确认文件完整",
                         XXGK_MAX_DEPTH);
    return read_refuse(out, XXGK_E_ENCODING,
                       "DOCX 已损坏：word/document.xml 不是完整的 XML（第%d"
                       "行）；请用 Word 或 WPS 打开后重新保存",
                       e ? e->line : 0);
  }
  xmlNode *root = x->xmlDocGetRootElement(doc);
  xmlNode *body = root && w_is(root, "document") ? w_child(root, "body") : NULL;
  if (!body) {
    x->xmlFreeDoc(doc);
    return read_refuse(out, XXGK_E_ENCODING,
                       "DOCX 的 word/document.xml 中没有正文（w:body），不是 "
                       "Word 文档");
  }
  if (xml_mark_layout(body, 0, NULL, is_table) < 0) {
    x->xmlFreeDoc(doc);
    return read_refuse(out, XXGK_E_LIMIT,
                       "DOCX 的内容嵌套超过 %d 层，未读取；请确认文件完整",
                       XXGK_MAX_DEPTH);
  }
  walker w = {rend_new(), {0}};
  block(&w, body);
  buf_free(&w.text);
  x->xmlFreeDoc(doc);
  return rend_finish(w.r, out);
}

xxgk_status read_docx(const char *data, size_t n, xxgk_doc **out) {
  char why[256];
  const struct dl_zip *z = dl_zip(why, sizeof why);
  const struct dl_xml *x = z ? dl_xml(why, sizeof why) : NULL;
  if (!x)
    return read_refuse(out, XXGK_E_IO, "%s", why);
  zip_error_t ze;
  z->zip_error_init(&ze);
  zip_source_t *src = z->zip_source_buffer_create(data, n, 0, &ze);
  zip_t *za = src ? z->zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  if (!za) {
    int code = z->zip_error_code_zip(&ze);
    xxgk_status st = read_refuse(
        out, XXGK_E_ENCODING,
        code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS
            ? "DOCX（ZIP）文件不完整或已损坏（%s），可能只下载了一部分；请重新"
              "下载或用 Word/WPS 重新保存"
            : "DOCX（ZIP）文件无法打开（%s）；请用 Word/WPS 重新保存",
        z->zip_error_strerror(&ze));
    z->zip_error_fini(&ze);
    if (src)
      z->zip_source_free(src);
    return st;
  }
  z->zip_error_fini(&ze);
  zip_int64_t idx = z->zip_name_locate(za, "word/document.xml", ZIP_FL_NOCASE);
  if (idx < 0) {
    z->zip_discard(za);
    return read_refuse(out, XXGK_E_ENCODING,
                       "这是 ZIP 压缩包，但其中没有 word/document.xml，不是 "
                       "Word 文档（.docx）；请解压后读取其中的报告文件");
  }
  buf xml = {0};
  why[0] = '\0';
  xxgk_status st = unpack(z, za, idx, &xml, why, sizeof why);
  if (st == XXGK_E_LIMIT)
    st = read_refuse(out, st,
                     "DOCX 的 word/document.xml 解压后超过 %d MiB 的上限（可能"
                     "是“压缩炸弹”），未读取",
                     XXGK_MAX_ZIP_ENTRY >> 20);
  else if (st != XXGK_OK)
    st = read_refuse(out, st,
                     "DOCX 已损坏，word/document.xml 无法解压（%s）；请重新下载"
                     "或用 Word/WPS 重新保存",
                     why);
  else
    st = read_xml(x, xml.data ? xml.data : "", xml.len, out);
  buf_free(&xml);
  z->zip_discard(za);
  return st;
}
