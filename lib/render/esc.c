/*
 * esc.c — escaping for every language xxgk writes (JSON, CSV, HTML, the
 * XML of DOCX, URL components: xxgk_out.h; Markdown table cells and a
 * year that may be unknown for the report writers), and the display width
 * of text for the plain-text writer. One place, so that no writer, page or
 * command escapes by hand.
 */
#include "report.h"

#include <string.h>
#include <utf8proc.h>

/* The bytes JSON escapes, one look-up a byte: 1 in any string (the
 * controls, the quote, the backslash), 2 in one that may stand in a
 * <script> (those, and & < >). The NUL is one: the end. */
#define C3 3, 3, 3, 3, 3, 3, 3, 3
static const unsigned char JSON_ESC[256] = {
    C3, C3, C3, C3, ['"'] = 3, ['&'] = 2, ['<'] = 2, ['>'] = 2, ['\\'] = 3};
#undef C3

/* Whether one of the eight bytes of w is escaped (html: JSON_ESC's 2), by
 * the word-at-a-time tests for a byte below n and a zero byte, exact as a
 * yes or no: & and " differ by one bit, and so do < and >. Eight bytes a
 * test, where a look-up a byte took most of a list's time. */
static int json_esc8(uint64_t w, int html) {
  const uint64_t ONE = 0x0101010101010101u, HIGH = 0x8080808080808080u;
#define ZERO(v) (((v) - ONE) & ~(v) & HIGH)
  uint64_t hit = ((w - 0x20 * ONE) & ~w & HIGH) | ZERO(w ^ '\\' * ONE);
  if (html)
    hit |= ZERO((w | 0x04 * ONE) ^ '&' * ONE) |
           ZERO((w | 0x02 * ONE) ^ '>' * ONE);
  else
    hit |= ZERO(w ^ '"' * ONE);
#undef ZERO
  return hit != 0;
}

void xxgk_esc_json(xxgk_buf *b, const char *s, unsigned opts) {
  if (!s) {
    buf_put(b, "null", 4);
    return;
  }
  /* Straight into the buffer, with room for the text and its quotes made
   * once: most texts escape nothing, and a list writes thousands of them.
   * An escape makes room for itself and the rest. */
  int html = (opts & XXGK_OPT_JSON_HTML_SAFE) != 0;
  unsigned esc = html ? 3 : 1;
  const char *end = s + strlen(s);
  buf_reserve(b, (size_t)(end - s) + 2);
  char *o = b->data + b->len;
  *o++ = '"';
  for (;;) {
    uint64_t w;
    while (end - s >= 8 && (memcpy(&w, s, 8), !json_esc8(w, html))) {
      memcpy(o, s, 8);
      o += 8;
      s += 8;
    }
    unsigned char c; /* the escape is in the next eight bytes, or the end */
    while (!(JSON_ESC[c = (unsigned char)*s] & esc))
      *o++ = (char)c, s++;
    if (!c)
      break;
    s++;
    b->len = (size_t)(o - b->data);
    buf_reserve(b, (size_t)(end - s) + 7);
    o = b->data + b->len;
    static const char HEX[] = "0123456789abcdef";
    char e[6] = {'\\', (char)c, '0', '0', HEX[c >> 4], HEX[c & 15]};
    size_t n = 2;
    switch (c) {
    case '"':
    case '\\': break;
    case '\n': e[1] = 'n'; break;
    case '\r': e[1] = 'r'; break;
    case '\t': e[1] = 't'; break;
    default: e[1] = 'u', n = 6;
    }
    memcpy(o, e, n);
    o += n;
  }
  *o++ = '"';
  *o = 0;
  b->len = (size_t)(o - b->data);
}

void json_year(buf *b, int year) {
  if (year)
    buf_printf(b, "%d", year);
  else
    buf_puts(b, "null");
}

void json_member(buf *b, const char *key, const char *s) {
  buf_printf(b, ", \"%s\": ", key);
  esc_json(b, s);
}

void xxgk_esc_csv(xxgk_buf *b, const char *s) {
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

/* HTML and XML: the same entities, but for the apostrophe (HTML, whose
 * attributes may be single-quoted) and the control characters (XML 1.0
 * allows TAB, LF and CR only; HTML text keeps what it was given). */
static void esc_markup(xxgk_buf *b, const char *s, size_t n, int html) {
  const char *run = s, *end = s + n;
  for (; s < end; s++) {
    unsigned char c = (unsigned char)*s;
    const char *rep;
    switch (c) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = html ? "&#39;" : NULL; break;
    default:
      rep = NULL;
      if (!html && c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        rep = ""; /* dropped */
    }
    if (!rep)
      continue;
    buf_put(b, run, (size_t)(s - run));
    buf_puts(b, rep);
    run = s + 1;
  }
  buf_put(b, run, (size_t)(s - run));
}

void xxgk_esc_html(xxgk_buf *b, const char *s) {
  if (s)
    esc_markup(b, s, strlen(s), 1);
}

void xxgk_esc_xml(xxgk_buf *b, const char *s, size_t n) {
  esc_markup(b, s, n, 0);
}

void xxgk_esc_url(xxgk_buf *b, const char *s) {
  static const char HEX[] = "0123456789ABCDEF";
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      buf_putc(b, (char)c);
    } else {
      char e[3] = {'%', HEX[c >> 4], HEX[c & 15]};
      buf_put(b, e, 3);
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
