/*
 * xxgk_out.h — output: a growable byte buffer and the escapers of every
 * language xxgk writes (JSON, CSV, HTML, XML, URL components). The library
 * writes every rendering with them, and so do the command and the web
 * application: one buffer and one escaper per language, so that no program
 * escapes by hand. Included by xxgk.h; it needs nothing else, so a program
 * that only writes pages can include it alone.
 *
 *     xxgk_buf b = XXGK_BUF_INIT;
 *     xxgk_buf_puts(&b, "{\"name\": ");
 *     xxgk_esc_json(&b, name, 0);          // "…" with quotes, or null
 *     xxgk_buf_putc(&b, '}');
 *     char *s = xxgk_buf_detach(&b, NULL); // the caller frees s (xxgk_free)
 *
 * Memory: the buffer grows through the library's allocator, which aborts
 * with a message when memory is exhausted (xxgk.h): no call here fails.
 * Its data is always NUL-terminated once anything was written.
 */
#ifndef XXGK_OUT_H
#define XXGK_OUT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Symbols of the library's interface; everything else in it is hidden. */
#if defined(__GNUC__)
#define XXGK_EXPORT __attribute__((visibility("default")))
#else
#define XXGK_EXPORT
#endif

#if defined(__GNUC__)
#define XXGK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define XXGK_PRINTF(f, a)
#endif

/* ## The buffer */

typedef struct {
  char *data; /* NUL-terminated; owned; NULL while nothing was written */
  size_t len; /* bytes written, the NUL not counted                      */
  size_t cap; /* bytes allocated                                         */
} xxgk_buf;

#define XXGK_BUF_INIT {NULL, 0, 0}

/* Makes room for `extra` more bytes (and the NUL). */
XXGK_EXPORT void xxgk_buf_reserve(xxgk_buf *b, size_t extra);
XXGK_EXPORT void xxgk_buf_put(xxgk_buf *b, const void *p, size_t n);
/* NULL writes nothing. */
XXGK_EXPORT void xxgk_buf_puts(xxgk_buf *b, const char *s);
XXGK_EXPORT void xxgk_buf_putc(xxgk_buf *b, char c);
/* v in decimal, without printf's format parsing (a list writes thousands). */
XXGK_EXPORT void xxgk_buf_int(xxgk_buf *b, long long v);
XXGK_EXPORT void xxgk_buf_printf(xxgk_buf *b, const char *fmt, ...)
    XXGK_PRINTF(2, 3);
/* Hands the memory to the caller, who frees it with xxgk_free(): "" when
 * nothing was written, never NULL; sets *n (if n) to its length. The
 * buffer is empty after, ready for reuse. */
XXGK_EXPORT char *xxgk_buf_detach(xxgk_buf *b, size_t *n);
/* Frees the memory; the buffer is empty after. */
XXGK_EXPORT void xxgk_buf_free(xxgk_buf *b);

/* ## Escapers: each appends s to b in the language's syntax. */

/* Options of xxgk_esc_json. */
#define XXGK_OPT_JSON_HTML_SAFE 1u /* also < > & as \u003c …, so the
                                      literal can stand in a <script> */

/* A JSON string literal with its quotes; NULL writes null. Control
 * characters are escaped (\n \r \t, others \u00XX); UTF-8 passes as is. */
XXGK_EXPORT void xxgk_esc_json(xxgk_buf *b, const char *s, unsigned opts);
/* A CSV field (RFC 4180): quoted, its quotes doubled, when it holds a
 * comma, a quote or a line break; NULL writes nothing. */
XXGK_EXPORT void xxgk_esc_csv(xxgk_buf *b, const char *s);
/* Text or an attribute value of an HTML page: & < > " ' escaped; NULL
 * writes nothing. */
XXGK_EXPORT void xxgk_esc_html(xxgk_buf *b, const char *s);
/* n bytes of text or an attribute value of an XML document (HTML written
 * as a document, WordprocessingML): & < > " escaped, and the control
 * characters XML 1.0 forbids dropped, so that a stray byte of the input
 * cannot make a document a reader refuses. */
XXGK_EXPORT void xxgk_esc_xml(xxgk_buf *b, const char *s, size_t n);
/* A URL component: every byte but A–Z a–z 0–9 - _ . ~ as %XX; NULL
 * writes nothing. */
XXGK_EXPORT void xxgk_esc_url(xxgk_buf *b, const char *s);

#ifdef __cplusplus
}
#endif

#endif
