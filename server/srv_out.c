/*
 * srv_out.c — memory and output for the web application: allocation that
 * aborts on failure (libxxgk's allocator), a growable buffer, and two small
 * printf-like writers, hp() for HTML and jp() for JSON, whose %s escapes.
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

char *srv_strndup(const char *s, size_t n) { return xxgk_strndup(s, n); }

char *srv_strdup(const char *s) { return s ? srv_strndup(s, strlen(s)) : NULL; }

/* ## The buffer */

static void reserve(struct sbuf *b, size_t extra) {
  if (b->n + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->n + extra + 1)
    cap *= 2;
  b->p = srv_realloc(b->p, cap);
  b->cap = cap;
}

void sb_put(struct sbuf *b, const char *s, size_t n) {
  reserve(b, n);
  if (n)
    memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}

void sb_puts(struct sbuf *b, const char *s) {
  if (s)
    sb_put(b, s, strlen(s));
}

void sb_printf(struct sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n > 0) {
    reserve(b, (size_t)n);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap2);
    b->n += (size_t)n;
  }
  va_end(ap2);
}

void sb_html(struct sbuf *b, const char *s) {
  if (!s)
    return;
  const char *run = s;
  for (; *s; s++) {
    const char *rep = NULL;
    switch (*s) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default: break;
    }
    if (rep) {
      sb_put(b, run, (size_t)(s - run));
      sb_puts(b, rep);
      run = s + 1;
    }
  }
  sb_put(b, run, (size_t)(s - run));
}

void sb_json(struct sbuf *b, const char *s) {
  if (!s) {
    sb_puts(b, "null");
    return;
  }
  sb_puts(b, "\"");
  const char *run = s;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' &&
        c != '&')
      continue;
    sb_put(b, run, (size_t)(s - run));
    switch (c) {
    case '"': sb_puts(b, "\\\""); break;
    case '\\': sb_puts(b, "\\\\"); break;
    case '\n': sb_puts(b, "\\n"); break;
    case '\r': sb_puts(b, "\\r"); break;
    case '\t': sb_puts(b, "\\t"); break;
    default: { /* also < > & */
      static const char HEX[] = "0123456789abcdef";
      char u[6] = {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 15]};
      sb_put(b, u, sizeof u);
      break;
    }
    }
    run = s + 1;
  }
  sb_put(b, run, (size_t)(s - run));
  sb_puts(b, "\"");
}

void sb_url(struct sbuf *b, const char *s) {
  static const char HEX[] = "0123456789ABCDEF";
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      sb_put(b, (const char *)&c, 1);
    } else {
      char e[3] = {'%', HEX[c >> 4], HEX[c & 15]};
      sb_put(b, e, 3);
    }
  }
}

/* A decimal integer, without printf's format parsing (the lists write
 * thousands of them a second). */
static void sb_int(struct sbuf *b, long long v) {
  char d[24], *e = d + sizeof d, *p = e;
  unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
                               : (unsigned long long)v;
  do
    *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0)
    *--p = '-';
  sb_put(b, p, (size_t)(e - p));
}

/* The shared formatter: `esc` writes a %s argument. */
static void vfmt(struct sbuf *b, void (*esc)(struct sbuf *, const char *),
                 const char *fmt, va_list ap) {
  const char *run = fmt;
  for (const char *f = fmt; *f; f++) {
    if (*f != '%')
      continue;
    sb_put(b, run, (size_t)(f - run));
    f++;
    switch (*f) {
    case 's': esc(b, va_arg(ap, const char *)); break;
    case 'R': sb_puts(b, va_arg(ap, const char *)); break;
    case 'u': sb_url(b, va_arg(ap, const char *)); break;
    case 'd': sb_int(b, va_arg(ap, int)); break;
    case 'D': sb_int(b, (long long)va_arg(ap, int64_t)); break;
    case '%': sb_puts(b, "%"); break;
    default: /* a format this writer does not know: a bug, shown as such */
      sb_puts(b, "%?");
      if (!*f)
        f--;
      break;
    }
    run = f + 1;
  }
  sb_puts(b, run);
}

void hp(struct sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfmt(b, sb_html, fmt, ap);
  va_end(ap);
}

void jp(struct sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfmt(b, sb_json, fmt, ap);
  va_end(ap);
}

char *sb_detach(struct sbuf *b, size_t *n) {
  if (!b->p)
    sb_put(b, "", 0);
  char *p = b->p;
  if (n)
    *n = b->n;
  b->p = NULL;
  b->n = b->cap = 0;
  return p;
}

void sb_free(struct sbuf *b) {
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}
