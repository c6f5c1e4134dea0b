/*
 * store.c — the backend-independent half of the storage interface: binding
 * printf-like argument lists to parameter arrays, and small query helpers.
 */
#include "store.h"
#include "internal.h"
#include "xxgk_register.h"

#include <string.h>

#include <stddef.h>

#define MAX_PARAMS 32

struct store *store_open(const char *db, int create, xxgk_status *st) {
  return store_is_pg(db) ? store_open_pg(db, st)
                         : store_open_sqlite(db, create, st);
}

/* Whether a trigram index can narrow a search for s: valid UTF-8 of three
 * characters or more. */
static int searchable(const char *s) {
  size_t n = strlen(s), chars = 0;
  if (utf8_valid_prefix(s, n) != n)
    return 0;
  for (size_t i = 0; i < n; i++)
    chars += ((unsigned char)s[i] & 0xC0) != 0x80;
  return chars >= 3;
}

char *store_search_literal(const char *s, char ends, const char *special,
                           char esc) {
  if (!searchable(s))
    return NULL;
  buf b = {0};
  buf_putc(&b, ends);
  for (; *s; s++) {
    if (strchr(special, *s))
      buf_putc(&b, esc);
    buf_putc(&b, *s);
  }
  buf_putc(&b, ends);
  return buf_detach(&b);
}

int xxgk_db_is_server(const char *db) { return store_is_pg(db); }

char *xxgk_db_printable(const char *db) {
  return store_is_pg(db) ? store_pg_mask(db) : xxgk_strdup(db ? db : "");
}

void store_close(struct store *s) {
  if (s)
    s->ops->close(s);
}

static int bind_args(store_val *p, const char *types, va_list ap) {
  int n = 0;
  for (const char *t = types ? types : ""; *t && n < MAX_PARAMS; t++, n++) {
    switch (*t) {
    case 'i':
      p[n].t = SV_INT;
      p[n].i = va_arg(ap, int64_t);
      break;
    case 'I': /* int64_t, 0 binds NULL (an optional reference) */
      p[n].i = va_arg(ap, int64_t);
      p[n].t = p[n].i ? SV_INT : SV_NULL;
      break;
    case 'd':
      p[n].t = SV_INT;
      p[n].i = va_arg(ap, int);
      break;
    case 'b':
      p[n].t = SV_BLOB;
      p[n].s = va_arg(ap, const void *);
      p[n].n = va_arg(ap, size_t);
      break;
    default: /* 't' */
      p[n].s = va_arg(ap, const char *);
      p[n].t = p[n].s ? SV_TEXT : SV_NULL;
      break;
    }
  }
  return n;
}

xxgk_status store_vquery(struct store *s, store_row_cb cb, void *ctx,
                         const char *sql, const char *types, va_list ap) {
  store_val p[MAX_PARAMS];
  int n = bind_args(p, types, ap);
  return s->ops->exec(s, sql, p, n, cb, ctx);
}

xxgk_status store_run(struct store *s, const char *sql, const char *types,
                      ...) {
  va_list ap;
  va_start(ap, types);
  xxgk_status st = store_vquery(s, NULL, NULL, sql, types, ap);
  va_end(ap);
  return st;
}

xxgk_status store_query(struct store *s, store_row_cb cb, void *ctx,
                        const char *sql, const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  xxgk_status st = store_vquery(s, cb, ctx, sql, types, ap);
  va_end(ap);
  return st;
}

xxgk_status store_sendv(struct store *s, const char *sql, const store_val *p,
                        int n) {
  return s->ops->send ? s->ops->send(s, sql, p, n)
                      : s->ops->exec(s, sql, p, n, NULL, NULL);
}

xxgk_status store_send(struct store *s, const char *sql, const char *types,
                       ...) {
  store_val p[MAX_PARAMS];
  va_list ap;
  va_start(ap, types);
  int n = bind_args(p, types, ap);
  va_end(ap);
  return store_sendv(s, sql, p, n);
}

xxgk_status store_flush(struct store *s) {
  return s->ops->flush ? s->ops->flush(s) : XXGK_OK;
}

xxgk_status store_bulk(struct store *s, int on) {
  return s->ops->bulk ? s->ops->bulk(s, on) : XXGK_OK;
}

struct first_int {
  int64_t v;
  int found;
};

static int take_first(void *ctx, const store_row *row) {
  struct first_int *f = ctx;
  f->found = 1;
  f->v = row->n > 0 && row->v[0].t == SV_INT ? row->v[0].i : 0;
  return 1;
}

xxgk_status store_int(struct store *s, int64_t *out, int *found,
                      const char *sql, const char *types, ...) {
  store_val p[MAX_PARAMS];
  va_list ap;
  va_start(ap, types);
  int n = bind_args(p, types, ap);
  va_end(ap);
  struct first_int f = {0, 0};
  xxgk_status st = s->ops->exec(s, sql, p, n, take_first, &f);
  *out = f.v;
  if (found)
    *found = f.found;
  return st;
}
