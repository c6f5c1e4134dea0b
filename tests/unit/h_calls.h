/*
 * h_calls.h — the store's calls during a part of a test, counted through a
 * copy of the register's store operations: on a server each is a round
 * trip, so a read that must cost a fixed number of statements, however
 * many rows it reads, is checked by its count.
 *
 *   h_calls_start(r); …reads…; int n = h_calls_stop(r);
 */
#ifndef XXGK_H_CALLS_H
#define XXGK_H_CALLS_H

#include "reg.h"
#include "store.h"

static int h_calls;
static const struct store_ops *h_calls_own;
static struct store_ops h_calls_ops;

static xxgk_status h_calls_exec(struct store *s, const char *sql,
                                const store_val *p, int n, store_row_cb cb,
                                void *ctx) {
  h_calls++;
  return h_calls_own->exec(s, sql, p, n, cb, ctx);
}
static xxgk_status h_calls_begin(struct store *s, int write) {
  h_calls++;
  return h_calls_own->begin(s, write);
}
static xxgk_status h_calls_commit(struct store *s) {
  h_calls++;
  return h_calls_own->commit(s);
}

/* Counts r's statements, BEGIN and COMMIT from now. */
static inline void h_calls_start(xxgk_reg *r) {
  h_calls_own = r->st->ops;
  h_calls_ops = *h_calls_own;
  h_calls_ops.exec = h_calls_exec;
  h_calls_ops.begin = h_calls_begin;
  h_calls_ops.commit = h_calls_commit;
  r->st->ops = &h_calls_ops;
  h_calls = 0;
}

/* Stops counting; the calls since h_calls_start. */
static inline int h_calls_stop(xxgk_reg *r) {
  r->st->ops = h_calls_own;
  return h_calls;
}

#endif
