/*
 * render_docx.c — the whole report as a Word document (DOCX), written by
 * hand as WordprocessingML (ECMA-376) and zipped with libzip:
 *
 *   [Content_Types].xml  _rels/.rels  docProps/core.xml
 *   word/document.xml    word/styles.xml  word/settings.xml
 *   word/footer1.xml     word/_rels/document.xml.rels
 *
 * The body follows the outline of every report writer (report.c): the
 * title, the six official headings, the narrative a paragraph a line, and
 * the tables as real Word tables on the official grid (layout.c): a cell
 * spanning columns is one <w:tc> with <w:gridSpan>, a cell spanning rows
 * starts a <w:vMerge w:val="restart"/> and each row below it holds a
 * continuing <w:vMerge/> cell, as Word itself writes merged cells, so the
 * file stays editable. The page is A4 with the margins of official
 * documents (GB/T 9704) and a page number in the footer.
 *
 * Word repairs (and asks the user first) when an element is out of the
 * schema's order, so each property list below is written in the order of
 * its complex type (CT_TblPr, CT_TcPr, CT_PPr, CT_RPr, CT_SectPr).
 *
 * The bytes are deterministic: every entry has the same fixed DOS time
 * (2000-01-01 00:00), entries are added in a fixed order, and no part
 * carries a date.
 */
#include "report.h"
#include "xmlzip.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_W DOCX_PAGE_W
#define PAGE_H DOCX_PAGE_H
#define MARGIN_TOP DOCX_MARGIN_TOP
#define MARGIN_BOTTOM DOCX_MARGIN_BOTTOM
#define MARGIN_LEFT DOCX_MARGIN_LEFT
#define MARGIN_RIGHT DOCX_MARGIN_RIGHT
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define DOS_DATE ((2000 - 1980) << 9 | 1 << 5 | 1)

#define NS_W DOCX_NS_W
#define NS_R DOCX_NS_R
#define XML_DECL DOCX_XML_DECL

static const char CONTENT_TYPES[] =
    XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
    "vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>\n";

static const char ROOT_RELS[] =
    XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char DOCUMENT_RELS[] =
    XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_R "/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_R "/settings\" "
    "Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_R "/footer\" "
    "Target=\"footer1.xml\"/>"
    "</Relationships>\n";

static const char SETTINGS[] =
    XML_DECL "<w:settings xmlns:w=\"" NS_W "\">"
    "<w:defaultTabStop w:val=\"420\"/>"
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
    "</w:compat>"
    "</w:settings>\n";

/* The page number, centred: "— 1 —" as official documents print it. */
static const char FOOTER[] =
    XML_DECL "<w:ftr xmlns:w=\"" NS_W "\">"
    "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:t>1</w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r>"
    "</w:p></w:ftr>\n";

/* Fonts: 宋体 for text and tables, 黑体 for the part headings; Word and
 * LibreOffice substitute what a machine lacks. */
#define FONTS(east)                                                            \
  "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "         \
  "w:eastAsia=\"" east "\" w:cs=\"Times New Roman\"/>"

static const char STYLES[] =
    XML_DECL "<w:styles xmlns:w=\"" NS_W "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>" FONTS("宋体")
    "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
    "</w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:line=\"360\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    /* Normal: the narrative, first line indented two characters */
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/>"
    "<w:jc w:val=\"both\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\">"
    "<w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:spacing w:before=\"240\" w:after=\"480\"/>"
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
    "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
    "<w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>"
    "<w:outlineLvl w:val=\"1\"/></w:pPr>"
    "<w:rPr>" FONTS("黑体")
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Placeholder\">"
    "<w:name w:val=\"Placeholder\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:rPr><w:color w:val=\"595959\"/></w:rPr></w:style>"
    /* Table cells: no indent, single spacing, 10 pt */
    "<w:style w:type=\"paragraph\" w:styleId=\"TableText\">"
    "<w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>"
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
    "<w:jc w:val=\"center\"/></w:pPr>"
    "<w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TableLabel\">"
    "<w:name w:val=\"Table Label\"/><w:basedOn w:val=\"TableText\"/>"
    "<w:pPr><w:jc w:val=\"left\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TableCaption\">"
    "<w:name w:val=\"Table Caption\"/><w:basedOn w:val=\"TableText\"/>"
    "<w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
    "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/>"
    "<w:semiHidden/><w:unhideWhenUsed/>"
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
    "</w:style>"
    "</w:styles>\n";

/* A paragraph: its start in a style, its text in one run. */
#define P_STYLED(style) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr>"
#define RUN "<w:r><w:t xml:space=\"preserve\">"
#define RUN_END "</w:t></w:r>"
#define P_END "</w:p>\n"

static void text(buf *b, const char *s, size_t n) {
  buf_puts(b, RUN);
  esc_xml(b, s, n);
  buf_puts(b, RUN_END);
}

static void para(buf *b, const char *style, const char *s, size_t n) {
  if (style)
    buf_printf(b, P_STYLED("%s"), style);
  else
    buf_puts(b, "<w:p>");
  if (n)
    text(b, s, n);
  buf_puts(b, P_END);
}

static void docx_cell(buf *b, const xxgk_doc *d, const grid *g,
                      const xxgk_grid_cell *c, int y, const int *tw) {
  int w = 0;
  for (int x = c->x; x < c->x + c->w; x++)
    w += tw[x];
  buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w);
  if (c->w > 1)
    buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", c->w);
  if (c->h > 1)
    buf_puts(b, c->y == y ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>");
  buf_puts(b, "<w:vAlign w:val=\"center\"/></w:tcPr>");
  const char *style = c->kind == XXGK_GRID_LABEL ? "TableLabel"
                      : c->kind == XXGK_GRID_HEAD && c->w == g->n_cols &&
                              g->n_head_rows == 0
                          ? "TableCaption"
                          : "TableText";
  if (c->y != y) { /* a slot of a cell merged from above */
    para(b, style, "", 0);
  } else if (c->kind == XXGK_GRID_VALUE) {
    char v[32];
    grid_value(d, c, v);
    para(b, style, v, strlen(v));
  } else {
    para(b, style, c->text ? c->text : "", c->text ? strlen(c->text) : 0);
  }
  buf_puts(b, "</w:tc>");
}

static void docx_table(buf *b, const xxgk_doc *d, const grid *g) {
  int tw[GRID_MAX_COLS];
  grid_fit(g, d, TEXT_W, tw);
  buf_printf(b,
             "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
             "<w:jc w:val=\"center\"/><w:tblBorders>",
             TEXT_W);
  static const char *const EDGES[] = {"top",    "left",    "bottom",
                                      "right",  "insideH", "insideV"};
  for (size_t e = 0; e < sizeof EDGES / sizeof EDGES[0]; e++)
    buf_printf(b,
               "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
               "w:color=\"000000\"/>",
               EDGES[e]);
  buf_puts(b, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
              "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>"
              "<w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
              "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" "
              "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" "
              "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
  for (int x = 0; x < g->n_cols; x++)
    buf_printf(b, "<w:gridCol w:w=\"%d\"/>", tw[x]);
  buf_puts(b, "</w:tblGrid>\n");
  for (int y = 0; y < g->n_rows; y++) {
    buf_puts(b, "<w:tr><w:trPr><w:cantSplit/>");
    if (y < g->n_head_rows)
      buf_puts(b, "<w:tblHeader/>");
    buf_puts(b, "</w:trPr>");
    for (int x = 0; x < g->n_cols;) {
      const xxgk_grid_cell *c = &g->cells[g->owner[y][x]];
      docx_cell(b, d, g, c, y, tw);
      x = c->x + c->w;
    }
    buf_puts(b, "</w:tr>\n");
  }
  buf_puts(b, "</w:tbl>\n");
  para(b, NULL, "", 0); /* Word joins tables that touch */
}

static void document_xml(buf *b, const xxgk_doc *d, const char *title) {
  static const report_writer DOCX = {
      {P_STYLED("Heading1") RUN, RUN_END P_END},
      {"<w:p>" RUN, RUN_END P_END},
      P_STYLED("Placeholder") RUN,
      xxgk_esc_xml,
      docx_table};
  buf_puts(b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R
                       "\"><w:body>\n");
  para(b, "Title", title, strlen(title));
  report_walk(b, d, &DOCX);
  docx_section(b, 0);
}

static void core_xml(buf *b, const char *title) {
  buf_puts(b, XML_DECL
           "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
           "package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
  esc_xml(b, title, strlen(title));
  buf_puts(b, "</dc:title><dc:language>zh-CN</dc:language>"
              "</cp:coreProperties>\n");
}

/* Adds one entry; the archive takes the bytes (and frees them). */
static int add_entry(const struct dl_zip *z, zip_t *za, const char *name,
                     char *data, size_t n) {
  zip_source_t *s = z->zip_source_buffer(za, data, n, 1);
  if (!s) {
    free(data);
    return -1;
  }
  zip_int64_t i = z->zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8);
  if (i < 0) {
    z->zip_source_free(s);
    return -1;
  }
  return z->zip_file_set_dostime(za, (zip_uint64_t)i, 0, DOS_DATE, 0);
}

static int add_const(const struct dl_zip *z, zip_t *za, const char *name,
                     const char *s) {
  return add_entry(z, za, name, xxgk_strdup(s), strlen(s));
}

static int add_buf(const struct dl_zip *z, zip_t *za, const char *name,
                   buf *b) {
  size_t n = b->len;
  return add_entry(z, za, name, buf_detach(b), n);
}

/* The archive's bytes out of the source it was written to. */
static char *source_bytes(const struct dl_zip *z, zip_source_t *src,
                          size_t *n) {
  zip_stat_t st;
  if (z->zip_source_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
      z->zip_source_open(src) != 0)
    return NULL;
  char *out = xxgk_malloc(st.size ? st.size : 1);
  zip_int64_t got = z->zip_source_read(src, out, st.size);
  z->zip_source_close(src);
  if (got < 0 || (zip_uint64_t)got != st.size) {
    free(out);
    return NULL;
  }
  *n = st.size;
  return out;
}

xxgk_status docx_package(buf *document, const char *title, const char *styles,
                         char **out, size_t *n) {
  *out = NULL;
  *n = 0;
  const struct dl_zip *z = dl_zip(NULL, 0);
  if (!z) {
    buf_free(document);
    return XXGK_E_IO;
  }
  zip_error_t ze;
  z->zip_error_init(&ze);
  zip_source_t *src = z->zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = src ? z->zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  z->zip_error_fini(&ze);
  if (!za) {
    z->zip_source_free(src);
    buf_free(document);
    return XXGK_E_LIMIT;
  }
  z->zip_source_keep(src); /* it outlives the archive: the bytes are in it */
  buf core = {0};
  core_xml(&core, title);
  /* In this order: [Content_Types].xml first, as Word writes it. */
  int bad = add_const(z, za, "[Content_Types].xml", CONTENT_TYPES);
  bad |= add_const(z, za, "_rels/.rels", ROOT_RELS);
  bad |= add_buf(z, za, "docProps/core.xml", &core);
  bad |= add_buf(z, za, "word/document.xml", document);
  bad |= add_const(z, za, "word/styles.xml", styles);
  bad |= add_const(z, za, "word/settings.xml", SETTINGS);
  bad |= add_const(z, za, "word/footer1.xml", FOOTER);
  bad |= add_const(z, za, "word/_rels/document.xml.rels", DOCUMENT_RELS);
  if (bad || z->zip_close(za) != 0) {
    z->zip_discard(za); /* also after a failed zip_close, which keeps za */
    z->zip_source_free(src);
    return XXGK_E_LIMIT;
  }
  *out = source_bytes(z, src, n);
  z->zip_source_free(src);
  return *out ? XXGK_OK : XXGK_E_LIMIT;
}

void docx_section(buf *b, int line_pitch) {
  buf_printf(b,
             "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId3\"/>"
             "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
             "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
             "w:left=\"%d\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
             "<w:cols w:space=\"425\"/>",
             PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM,
             MARGIN_LEFT);
  if (line_pitch)
    buf_printf(b, "<w:docGrid w:type=\"lines\" w:linePitch=\"%d\"/>",
               line_pitch);
  buf_puts(b, "</w:sectPr>\n</w:body></w:document>\n");
}

xxgk_status xxgk_render_docx(const xxgk_doc *d, char **out, size_t *n) {
  *out = NULL;
  *n = 0;
  if (!d)
    return XXGK_E_USAGE;
  char *title = report_title(d);
  buf doc = {0};
  document_xml(&doc, d, title);
  xxgk_status st = docx_package(&doc, title, STYLES, out, n);
  free(title);
  return st;
}
