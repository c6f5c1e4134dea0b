/*
 * util.c — allocation that aborts on failure, and the growable buffer
 * (xxgk_out.h).
 *
 * Out-of-memory is not an input error here: every input is bounded by the
 * limits in xxgk.h, so running out means the machine is exhausted, and a
 * clear abort beats a NULL check at every call site (as in cmark, redis).
 *
 * Fault injection (test builds, -DXXGK_FAULT_INJECTION=ON): with the
 * environment variable XXGK_FAIL_ALLOC=N, every allocation after the first
 * N fails as if memory were exhausted, so tests/robust/faults.sh can show that
 * failure at any point is this clean abort with its message, never a crash
 * or corrupted output. Other builds never read the variable.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef XXGK_FAULT_INJECTION
#include <stdatomic.h>

static atomic_llong fail_after = -2; /* -2: not read yet; -1: never fail */
static atomic_llong n_allocs;

/* True if this allocation is to fail (see the header comment). */
static bool injected_failure(void) {
  long long limit = atomic_load(&fail_after);
  if (limit == -2) {
    const char *env = getenv("XXGK_FAIL_ALLOC");
    char *end = NULL;
    limit = env && *env ? strtoll(env, &end, 10) : -1;
    if (!end || *end || limit < 0)
      limit = -1;
    atomic_store(&fail_after, limit);
  }
  return limit >= 0 && atomic_fetch_add(&n_allocs, 1) >= limit;
}
#else
#define injected_failure() false
#endif

static void oom(size_t n) {
  fprintf(stderr, "xxgk: out of memory allocating %zu bytes\n", n);
  abort();
}

void *xxgk_malloc(size_t n) {
  void *p = injected_failure() ? NULL : malloc(n ? n : 1);
  if (!p)
    oom(n);
  return p;
}

void *xxgk_calloc(size_t n, size_t size) {
  void *p = injected_failure() ? NULL : calloc(n ? n : 1, size ? size : 1);
  if (!p)
    oom(n * size);
  return p;
}

void *xxgk_realloc(void *p, size_t n) {
  void *q = injected_failure() ? NULL : realloc(p, n ? n : 1);
  if (!q)
    oom(n);
  return q;
}

char *xxgk_strndup(const char *s, size_t n) {
  char *p = xxgk_malloc(n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *xxgk_strdup(const char *s) { return xxgk_strndup(s, strlen(s)); }

const char *mem_find(const char *s, size_t n, const char *w) {
  size_t k = strlen(w);
  if (k == 0)
    return s;
  for (const char *p = s, *end = s + n;
       (size_t)(end - p) >= k && (p = memchr(p, w[0], (size_t)(end - p)));
       p++)
    if ((size_t)(end - p) >= k && memcmp(p, w, k) == 0)
      return p;
  return NULL;
}

const char *int_text(long long v, char out[24]) {
  char *p = out + 23;
  unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
                               : (unsigned long long)v;
  *p = 0;
  do
    *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0)
    *--p = '-';
  return p;
}

void xxgk_free(void *p) { free(p); }

void *grow(void *p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return p;
  size_t c = *cap ? *cap : 16;
  while (c < need)
    c *= 2;
  *cap = c;
  return xxgk_realloc(p, c * size);
}

void xxgk_buf_reserve(xxgk_buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  /* A buffer starts at 64 bytes: most hold a line or a cell. */
  b->data = grow(b->data, &b->cap, need < 64 ? 64 : need, 1);
}

/* Room for n more bytes and the NUL. The writers put a few bytes at a
 * time, thousands a page: the check is inline, only growing is a call. */
static inline void room(xxgk_buf *b, size_t n) {
  if (b->cap - b->len <= n)
    xxgk_buf_reserve(b, n);
}

void xxgk_buf_put(xxgk_buf *b, const void *p, size_t n) {
  room(b, n);
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = 0;
}

void xxgk_buf_puts(xxgk_buf *b, const char *s) {
  if (s)
    xxgk_buf_put(b, s, strlen(s));
}

void xxgk_buf_putc(xxgk_buf *b, char c) {
  room(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = 0;
}

void xxgk_buf_int(xxgk_buf *b, long long v) {
  char d[24];
  const char *s = int_text(v, d);
  xxgk_buf_put(b, s, (size_t)(d + 23 - s));
}

void xxgk_buf_printf(xxgk_buf *b, const char *fmt, ...) {
  /* Into room for twice the format, made first (a statement built into a
   * new buffer was formatted once into nothing, to measure it); formatted
   * again only when that is short. */
  va_list ap;
  va_start(ap, fmt);
  size_t want = 2 * strlen(fmt);
  if (!b->data || b->cap - b->len <= want)
    xxgk_buf_reserve(b, want);
  size_t room = b->cap - b->len;
  int n = vsnprintf(b->data + b->len, room, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->data[b->len] = 0;
    return;
  }
  if ((size_t)n >= room) {
    xxgk_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  b->len += (size_t)n;
}

char *xxgk_buf_detach(xxgk_buf *b, size_t *n) {
  if (!b->data)
    xxgk_buf_reserve(b, 0), b->data[0] = 0;
  char *p = b->data;
  if (n)
    *n = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void xxgk_buf_free(xxgk_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
