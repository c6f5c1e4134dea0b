/*
 * esc.c — escaping for every language the library writes (JSON, CSV,
 * Markdown, HTML and the XML of DOCX), and the display width of text for
 * the plain-text writer. One place, so that no writer escapes by hand.
 */
#include "report.h"

#include <string.h>
#include <utf8proc.h>

void esc_json(buf *b, const char *s) {
  if (!s) {
    buf_puts(b, "null");
    return;
  }
  buf_putc(b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': buf_puts(b, "\\\""); break;
    case '\\': buf_puts(b, "\\\\"); break;
    case '\n': buf_puts(b, "\\n"); break;
    case '\r': buf_puts(b, "\\r"); break;
    case '\t': buf_puts(b, "\\t"); break;
    default:
      if (*p < 0x20)
        buf_printf(b, "\\u%04x", *p);
      else
        buf_putc(b, (char)*p);
    }
  }
  buf_putc(b, '"');
}

void esc_csv(buf *b, const char *s) {
  if (!s)
    return;
  if (!strpbrk(s, ",\"\n\r")) {
    buf_puts(b, s);
    return;
  }
  buf_putc(b, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"')
      buf_putc(b, '"');
    buf_putc(b, *p);
  }
  buf_putc(b, '"');
}

void esc_md_cell(buf *b, const char *s) {
  for (const char *p = s; *p; p++) {
    if (*p == '|')
      buf_puts(b, "\\|");
    else if (*p == '\n' || *p == '\r')
      buf_putc(b, ' ');
    else
      buf_putc(b, *p);
  }
}

void esc_xml(buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '&': buf_puts(b, "&amp;"); break;
    case '<': buf_puts(b, "&lt;"); break;
    case '>': buf_puts(b, "&gt;"); break;
    case '"': buf_puts(b, "&quot;"); break;
    default:
      /* XML 1.0 allows TAB, LF and CR only among the C0 controls. */
      if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
        buf_putc(b, (char)c);
    }
  }
}

size_t esc_width(const char *s, size_t n) {
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (k < 0) { /* cannot happen in the library's own text; count a byte */
      w++;
      i++;
      continue;
    }
    int cw = utf8proc_charwidth(cp);
    w += cw > 0 ? (size_t)cw : 0;
    i += (size_t)k;
  }
  return w;
}
