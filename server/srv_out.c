/*
 * srv_out.c — memory and output for the web application: allocation that
 * aborts on failure (libxxgk's allocator), and two small printf-like
 * writers into the library's buffer, hp() for HTML and jp() for JSON,
 * whose %s escapes with the library's escapers.
 * Escaping by default is the point: a page is written with hp() and text
 * from the register, a form or an uploaded report can only reach it
 * escaped; raw output has to be asked for by name (%R).
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The library's allocator (its message, its fault injection); zeroed. */
void *srv_alloc(size_t n) { return xxgk_calloc(1, n); }

void *srv_realloc(void *p, size_t n) { return xxgk_realloc(p, n); }

void *srv_grow(void *v, int n, int *cap, size_t size) {
  if (n < *cap)
    return v;
  *cap = *cap ? 2 * *cap : 16;
  return srv_realloc(v, (size_t)*cap * size);
}

char *srv_strndup(const char *s, size_t n) { return xxgk_strndup(s, n); }

char *srv_strdup(const char *s) { return s ? srv_strndup(s, strlen(s)) : NULL; }

/* An instant the register stored ("YYYY-MM-DDTHH:MM:SSZ", UTC) as its
 * reader's clock reads it: China keeps one time zone, UTC+8, without
 * summer time, so a page says "2026-01-20 17:30" and machines get the
 * stored value in <time datetime>. Anything else is written as text. */
static void local_time(xxgk_buf *b, const char *utc) {
  char day[11];
  int h, m, sec;
  xxgk_date d;
  size_t n = utc ? strlen(utc) : 0;
  if (n != 20 || utc[10] != 'T' || utc[19] != 'Z' ||
      sscanf(utc + 11, "%2d:%2d:%2d", &h, &m, &sec) != 3 || h > 23 ||
      m > 59 || (memcpy(day, utc, 10), day[10] = 0, xxgk_date_parse(day, &d))) {
    xxgk_esc_html(b, utc);
    return;
  }
  h += 8;
  xxgk_date_format(d + h / 24, day);
  char at[24];
  snprintf(at, sizeof at, "%s %02d:%02d", day, h % 24, m);
  xxgk_buf_puts(b, "<time datetime=\"");
  xxgk_esc_html(b, utc);
  xxgk_buf_puts(b, "\">");
  xxgk_buf_puts(b, at);
  xxgk_buf_puts(b, "</time>");
}

/* The shared formatter: a %s argument escaped for HTML or (json) as a
 * JSON string literal that may stand in a page's <script>; %T an instant,
 * shown in HTML, a string in JSON. The escapers are called directly, not
 * through pointers: a list's every field is one. The text between
 * conversions is found by strchr, which reads a word at a time: a list
 * page's formats are most of its bytes. */
static void vfmt(xxgk_buf *b, int json, const char *fmt, va_list ap) {
  const char *run = fmt, *f;
  while ((f = strchr(run, '%'))) {
    xxgk_buf_put(b, run, (size_t)(f - run));
    f++;
    switch (*f) {
    case 's':
    case 'T':
      if (json)
        xxgk_esc_json(b, va_arg(ap, const char *), XXGK_OPT_JSON_HTML_SAFE);
      else if (*f == 's')
        xxgk_esc_html(b, va_arg(ap, const char *));
      else
        local_time(b, va_arg(ap, const char *));
      break;
    case 'R': xxgk_buf_puts(b, va_arg(ap, const char *)); break;
    case 'u': xxgk_esc_url(b, va_arg(ap, const char *)); break;
    case 'd': xxgk_buf_int(b, va_arg(ap, int)); break;
    case 'D': xxgk_buf_int(b, (long long)va_arg(ap, int64_t)); break;
    case '%': xxgk_buf_putc(b, '%'); break;
    default: /* a format this writer does not know: a bug, shown as such */
      xxgk_buf_puts(b, "%?");
      if (!*f)
        f--;
      break;
    }
    run = f + 1;
  }
  xxgk_buf_puts(b, run);
}

void hp(xxgk_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfmt(b, 0, fmt, ap);
  va_end(ap);
}

void jp(xxgk_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfmt(b, 1, fmt, ap);
  va_end(ap);
}

void jp_num(xxgk_buf *b, int known, int64_t v) {
  if (known)
    jp(b, "%D", v);
  else
    xxgk_buf_puts(b, "null");
}

void srv_disposition(struct srv_resp *r, const char *filename) {
  /* RFC 6266: filename= for old clients, in ASCII with the rest (and the
   * quote and backslash, which would end or escape it) as '_'; a name that
   * is not ASCII also as filename*, UTF-8 percent-encoded (RFC 8187),
   * which every current browser prefers */
  xxgk_buf b = {0};
  int ascii = 1;
  xxgk_buf_puts(&b, "attachment; filename=\"");
  for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
    int plain = *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\';
    ascii &= *p < 0x80;
    if ((*p & 0xc0) != 0x80) /* one '_' a character, not a byte */
      xxgk_buf_putc(&b, plain ? (char)*p : '_');
  }
  xxgk_buf_putc(&b, '"');
  if (!ascii) {
    xxgk_buf_puts(&b, "; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
      if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
          (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
        xxgk_buf_putc(&b, (char)*p);
      else
        xxgk_buf_printf(&b, "%%%02X", *p);
    }
  }
  srv_header(r, "Content-Disposition", b.data);
  xxgk_buf_free(&b);
  r->no_store = 1;
}

void srv_download(struct srv_resp *r, char *bytes, size_t n,
                  const char *ctype, const char *filename) {
  xxgk_buf_put(&r->body, bytes, n);
  xxgk_free(bytes);
  r->ctype = ctype;
  srv_disposition(r, filename);
}
