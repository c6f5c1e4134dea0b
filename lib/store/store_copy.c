/*
 * store_copy.c — tables copied and compared between two stores of any
 * backends, through store_ops only: each source row is inserted as it is
 * read (one prepared INSERT per table, never the table in memory; sent,
 * not waited for: PostgreSQL's pipeline takes many to a round trip), and a
 * table's digest is a sum of row hashes, so that two backends that return
 * rows and columns in different orders still agree on equal contents.
 */
#include "internal.h"
#include "store.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* ## Copy */

struct copy {
  struct store *to;
  const char *table;
  buf sql; /* the INSERT, made from the first row's columns */
  int64_t rows;
  int failed; /* the target refused a row */
};

static int copy_row(void *ctx, const store_row *row) {
  struct copy *c = ctx;
  if (!c->sql.len) {
    buf_printf(&c->sql, "INSERT INTO %s (", c->table);
    /* Quoted: the corpus's cells are named by their keys, dots and all. */
    for (int i = 0; i < row->n; i++) {
      buf_puts(&c->sql, i ? ", \"" : "\"");
      for (const char *p = row->names[i]; *p; p++)
        buf_puts(&c->sql, *p == '"' ? "\"\"" : (char[]){*p, 0});
      buf_putc(&c->sql, '"');
    }
    buf_puts(&c->sql, ") VALUES (");
    for (int i = 0; i < row->n; i++)
      buf_puts(&c->sql, i ? ", ?" : "?");
    buf_puts(&c->sql, ")");
  }
  if (store_sendv(c->to, c->sql.data, row->v, row->n) != XXGK_OK) {
    c->failed = 1;
    return 1;
  }
  c->rows++;
  return 0;
}

xxgk_status store_copy_table(struct store *from, struct store *to,
                             const char *table, int64_t *rows, int *failed) {
  struct copy c = {.to = to, .table = table};
  buf sel = {0};
  /* In the first column's order (the key of every table copied), so that
   * parents come before the children that refer to them in one table. */
  buf_printf(&sel, "SELECT * FROM %s ORDER BY 1", table);
  xxgk_status st = store_query(from, copy_row, &c, sel.data, "");
  buf_free(&sel);
  buf_free(&c.sql);
  /* the rows sent are in: a refusal is told with this table's name */
  if (st == XXGK_OK && !c.failed && store_flush(to) != XXGK_OK)
    c.failed = 1;
  *failed = c.failed;
  if (st == XXGK_OK && c.failed)
    st = XXGK_E_DB;
  if (st == XXGK_OK && c.rows && to->ops->ids_given)
    st = to->ops->ids_given(to, table), *failed = st != XXGK_OK;
  *rows += c.rows;
  return st;
}

/* ## Digest */

struct sum {
  store_digest *d;
  int *order; /* the columns by name, from the first row (owned) */
  int n;
};

static int by_name(const void *a, const void *b, void *names) {
  const char *const *n = names;
  return strcmp(n[*(const int *)a], n[*(const int *)b]);
}

/* Sorts idx[0..n) by names[idx[i]]: insertion sort, a table's columns are
 * a few dozen (qsort_r is not C11). */
static void sort_columns(int *idx, int n, const char *const *names) {
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && by_name(&idx[j - 1], &idx[j], (void *)names) > 0;
         j--) {
      int t = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = t;
    }
}

static void hash_u64(crypto_generichash_state *h, uint64_t x) {
  unsigned char b[8]; /* little-endian, whatever the machine's order */
  for (int i = 0; i < 8; i++)
    b[i] = (unsigned char)(x >> (8 * i));
  crypto_generichash_update(h, b, sizeof b);
}

static int sum_row(void *ctx, const store_row *row) {
  struct sum *x = ctx;
  if (!x->order) {
    x->order = xxgk_calloc((size_t)row->n + 1, sizeof *x->order);
    for (int i = 0; i < row->n; i++)
      x->order[i] = i;
    sort_columns(x->order, row->n, row->names);
    x->n = row->n;
  }
  crypto_generichash_state h;
  crypto_generichash_init(&h, NULL, 0, 32);
  for (int k = 0; k < x->n; k++) {
    int c = x->order[k];
    const store_val *v = &row->v[c];
    unsigned char t = (unsigned char)v->t;
    crypto_generichash_update(&h, (const unsigned char *)row->names[c],
                              strlen(row->names[c]) + 1);
    crypto_generichash_update(&h, &t, 1);
    if (v->t == SV_INT) {
      hash_u64(&h, (uint64_t)v->i);
    } else if (v->t == SV_TEXT) {
      crypto_generichash_update(&h, (const unsigned char *)v->s,
                                strlen(v->s) + 1);
    } else if (v->t == SV_BLOB) { /* its length first: bytes may be NULs */
      hash_u64(&h, v->n);
      crypto_generichash_update(&h, (const unsigned char *)v->s, v->n);
    }
  }
  unsigned char out[32];
  crypto_generichash_final(&h, out, sizeof out);
  for (int lane = 0; lane < 4; lane++) {
    uint64_t w = 0;
    for (int i = 0; i < 8; i++)
      w |= (uint64_t)out[lane * 8 + i] << (8 * i);
    x->d->sum[lane] += w;
  }
  x->d->rows++;
  return 0;
}

xxgk_status store_digest_table(struct store *s, const char *table,
                               const char *where, store_digest *out) {
  memset(out, 0, sizeof *out);
  struct sum x = {.d = out};
  buf sel = {0};
  buf_printf(&sel, "SELECT * FROM %s%s%s", table, where ? " WHERE " : "",
             where ? where : "");
  xxgk_status st = store_query(s, sum_row, &x, sel.data, "");
  buf_free(&sel);
  free(x.order);
  return st;
}

void store_digest_add(store_digest *a, const store_digest *b) {
  a->rows += b->rows;
  for (int i = 0; i < 4; i++)
    a->sum[i] += b->sum[i];
}

int store_digest_same(const store_digest *a, const store_digest *b) {
  return a->rows == b->rows && memcmp(a->sum, b->sum, sizeof a->sum) == 0;
}
