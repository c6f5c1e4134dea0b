/*
 * render_notice.c — the register's documents (受理回执, 告知书, 答复书)
 * from a template an office can edit, as print-ready HTML or as a Word
 * document (DOCX), both in the layout of official documents (GB/T 9704):
 * A4 with its margins, the body in 仿宋_GB2312 3号 (16 pt) on a grid of
 * 22 lines of 28 characters, the title in 小标宋 2号 (22 pt), centred.
 *
 * A template is UTF-8 text, one paragraph a line (docs/documents.md):
 *
 *   % a comment                 ignored
 *   # 标题                       the title, centred
 *   = 一行                       centred (the reference number)
 *   : 一行                       flush left (the addressee: “张三：”)
 *   > 一行                       flush right (the signature, the date)
 *   其他                          a body paragraph, first line indented
 *   ?字段 一行                   the line only when the field is not empty
 *   !字段 一行                   the line only when the field is empty
 *
 * and {{字段}} anywhere is replaced by the field's value. A field the
 * document does not offer is an error naming the template's line, so a
 * typing error in a template is found when it is first used, not by the
 * applicant.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum para_kind { P_BODY, P_TITLE, P_CENTER, P_PLAIN, P_RIGHT };

struct para {
  enum para_kind kind;
  char *text; /* owned; may hold '\n' (a line break) */
};

struct paras {
  struct para *v;
  int n, cap;
};

static void paras_free(struct paras *p) {
  for (int i = 0; i < p->n; i++)
    free(p->v[i].text);
  free(p->v);
}

static const char *field(const struct notice_field *f, int n, const char *name,
                         size_t len) {
  for (int i = 0; i < n; i++)
    if (strlen(f[i].name) == len && memcmp(f[i].name, name, len) == 0)
      return f[i].value ? f[i].value : "";
  return NULL;
}

/* Replaces the {{fields}} of one line into out; -1 with the message. */
static int fill(buf *out, const char *s, size_t n, const struct notice_field *f,
                int n_f, const char *name, int line, char *err, size_t cap) {
  for (size_t i = 0; i < n;) {
    if (i + 1 < n && s[i] == '{' && s[i + 1] == '{') {
      const char *end = NULL;
      for (size_t k = i + 2; k + 1 < n && !end; k++)
        if (s[k] == '}' && s[k + 1] == '}')
          end = s + k;
      if (!end) {
        snprintf(err, cap, "模板 %s 第 %d 行：“{{”没有对应的“}}”", name, line);
        return -1;
      }
      const char *v = field(f, n_f, s + i + 2, (size_t)(end - s - i - 2));
      if (!v) {
        snprintf(err, cap,
                 "模板 %s 第 %d 行：该文书没有字段“%.*s”（可用的字段见 "
                 "docs/documents.md）",
                 name, line, (int)(end - s - i - 2), s + i + 2);
        return -1;
      }
      buf_puts(out, v);
      i = (size_t)(end - s) + 2;
    } else {
      buf_putc(out, s[i++]);
    }
  }
  return 0;
}

/* The template's paragraphs with their fields filled; -1 with the
 * message. */
static int parse(const char *tpl, size_t n, const char *name,
                 const struct notice_field *f, int n_f, struct paras *out,
                 char *err, size_t cap) {
  int line = 0;
  for (size_t i = 0; i < n;) {
    const char *s = tpl + i;
    const char *nl = memchr(s, '\n', n - i);
    size_t len = nl ? (size_t)(nl - s) : n - i;
    i += len + (nl != NULL);
    line++;
    if (len && s[len - 1] == '\r')
      len--;
    if (line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
      s += 3; /* a BOM, as Notepad writes one */
      len -= 3;
    }
    if (!len || s[0] == '%')
      continue;
    if (s[0] == '?' || s[0] == '!') { /* ?字段 rest / !字段 rest */
      const char *sp = memchr(s, ' ', len);
      size_t k = sp ? (size_t)(sp - s) : len;
      const char *v = field(f, n_f, s + 1, k - 1);
      if (!v) {
        snprintf(err, cap,
                 "模板 %s 第 %d 行：该文书没有字段“%.*s”（可用的字段见 "
                 "docs/documents.md）",
                 name, line, (int)(k - 1), s + 1);
        return -1;
      }
      if (!sp || (s[0] == '?') != (*v != 0))
        continue;
      s += k + 1;
      len -= k + 1;
    }
    enum para_kind kind = P_BODY;
    static const char MARKS[] = {'#', '=', ':', '>'};
    for (int m = 0; m < 4; m++)
      if (len >= 2 && s[0] == MARKS[m] && s[1] == ' ') {
        kind = (enum para_kind)(m + 1);
        s += 2;
        len -= 2;
      }
    buf text = {0};
    if (fill(&text, s, len, f, n_f, name, line, err, cap) != 0) {
      buf_free(&text);
      return -1;
    }
    if (out->n == out->cap) {
      out->cap = out->cap ? 2 * out->cap : 32;
      out->v = xxgk_realloc(out->v, (size_t)out->cap * sizeof *out->v);
    }
    out->v[out->n++] = (struct para){kind, buf_detach(&text)};
  }
  return 0;
}

/* ## HTML */

static const char *const HTML_CLASS[] = {"", "", "center", "plain", "right"};

static void html_text(buf *b, const char *s) {
  for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
    esc_xml(b, s, (size_t)(nl - s));
    buf_puts(b, "<br>");
  }
  esc_xml(b, s, strlen(s));
}

static void html(buf *b, const struct paras *p, const char *title) {
  buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
              "<meta charset=\"utf-8\"><title>");
  esc_xml(b, title, strlen(title));
  /* 28.95 pt: the 22 lines of GB/T 9704 in the 225 mm of text height */
  buf_puts(b,
           "</title><style>\n"
           "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }\n"
           "body { max-width: 156mm; margin: 0 auto; font-size: 16pt;"
           " letter-spacing: -0.25pt;"
           " line-height: 28.95pt; font-family: \"仿宋_GB2312\","
           " \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \"STFangsong\","
           " serif; color: #000; }\n"
           "h1 { font-family: \"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\","
           " \"宋体\", \"SimSun\", serif; font-size: 22pt; font-weight:"
           " normal; text-align: center; line-height: 1.5;"
           " margin: 0 0 28.95pt; }\n"
           "p { margin: 0; text-indent: 2em; text-align: justify; }\n"
           "p.center { text-align: center; text-indent: 0; }\n"
           "p.plain { text-indent: 0; }\n"
           "p.right { text-align: right; text-indent: 0;"
           " padding-right: 4em; }\n"
           "@media screen { body { padding: 2em 1em; } }\n"
           "</style></head><body>\n");
  for (int i = 0; i < p->n; i++) {
    if (p->v[i].kind == P_TITLE) {
      buf_puts(b, "<h1>");
      html_text(b, p->v[i].text);
      buf_puts(b, "</h1>\n");
      continue;
    }
    const char *cls = HTML_CLASS[p->v[i].kind];
    buf_printf(b, "<p%s%s%s>", *cls ? " class=\"" : "", cls, *cls ? "\"" : "");
    html_text(b, p->v[i].text);
    buf_puts(b, "</p>\n");
  }
  buf_puts(b, "</body></html>\n");
}

/* ## DOCX */

/* 仿宋_GB2312 for the body and 小标宋 for the title, as GB/T 9704 sets
 * them; Word and LibreOffice substitute what a machine lacks (仿宋,
 * 宋体), and the text stays editable. Each property list is in its
 * schema's order. */
#define NOTICE_FONTS(east)                                                     \
  "<w:rFonts w:ascii=\"" east "\" w:hAnsi=\"" east "\" w:eastAsia=\"" east      \
  "\" w:cs=\"Times New Roman\"/>"

static const char NOTICE_STYLES[] =
    DOCX_XML_DECL "<w:styles xmlns:w=\"" DOCX_NS_W "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>" NOTICE_FONTS("仿宋_GB2312")
    "<w:spacing w:val=\"-5\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
    "</w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:line=\"579\" w:lineRule=\"exact\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
    "<w:jc w:val=\"both\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\">"
    "<w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:spacing w:after=\"579\" w:line=\"700\" w:lineRule=\"exact\"/>"
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
    "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr>" NOTICE_FONTS("方正小标宋简体")
    "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Center\">"
    "<w:name w:val=\"Centered\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
    "<w:jc w:val=\"center\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Plain\">"
    "<w:name w:val=\"Flush Left\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/></w:pPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Signature\">"
    "<w:name w:val=\"Signature\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:ind w:right=\"1280\" w:rightChars=\"400\" "
    "w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
    "<w:jc w:val=\"right\"/></w:pPr></w:style>"
    "</w:styles>\n";

static const char *const DOCX_STYLE[] = {NULL, "Title", "Center", "Plain",
                                         "Signature"};

static void docx_text(buf *b, const char *s) {
  buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
  for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
    esc_xml(b, s, (size_t)(nl - s));
    buf_puts(b, "</w:t><w:br/><w:t xml:space=\"preserve\">");
  }
  esc_xml(b, s, strlen(s));
  buf_puts(b, "</w:t></w:r>");
}

static void docx(buf *b, const struct paras *p) {
  buf_puts(b, DOCX_XML_DECL "<w:document xmlns:w=\"" DOCX_NS_W
                            "\" xmlns:r=\"" DOCX_NS_R "\"><w:body>\n");
  for (int i = 0; i < p->n; i++) {
    buf_puts(b, "<w:p>");
    const char *style = DOCX_STYLE[p->v[i].kind];
    if (style)
      buf_printf(b, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
    docx_text(b, p->v[i].text);
    buf_puts(b, "</w:p>\n");
  }
  /* 22 lines of 579 twips (the paragraphs' exact spacing); the 28
   * characters of a line come from the characters' spacing (−0.25 pt):
   * a character grid would do it in Word, but LibreOffice lays such a
   * grid out at 20 characters a line */
  docx_section(b, 579);
}

xxgk_status notice_render(const char *tpl, size_t n, const char *name,
                          const struct notice_field *f, int n_f, int as_docx,
                          char **out, size_t *len, char *err, size_t cap) {
  *out = NULL;
  *len = 0;
  struct paras p = {0};
  if (parse(tpl, n, name, f, n_f, &p, err, cap) != 0) {
    paras_free(&p);
    return XXGK_E_REFUSED;
  }
  const char *title = "";
  for (int i = 0; i < p.n && !*title; i++)
    if (p.v[i].kind == P_TITLE)
      title = p.v[i].text;
  buf b = {0};
  xxgk_status st = XXGK_OK;
  if (as_docx) {
    docx(&b, &p);
    st = docx_package(&b, title, NOTICE_STYLES, out, len);
    if (st != XXGK_OK)
      snprintf(err, cap, "无法写出 DOCX 文件%s",
               st == XXGK_E_IO ? "（需要 libzip，见 scripts/setup.sh）" : "");
  } else {
    html(&b, &p, title);
    *out = xxgk_buf_detach(&b, len);
  }
  paras_free(&p);
  return st;
}
