/*
 * test_store_bulk.c — writes sent without waiting (store_send), on either
 * backend (h_db.h): a later query sees them, in order; a row refused in the
 * middle of a batch — a constraint violated in the first run of the
 * pipeline or in the last — makes the commit fail with the database's
 * message, and nothing of the batch is written; the store serves the next
 * transaction as before.
 */
#include "h_db.h"
#include "harness.h"
#include "store.h"

#include <string.h>

#define ROWS 3000 /* more than one pipeline's run (PIPELINE_MAX) */

static int64_t count(struct store *s) {
  int64_t n = -1;
  CHECK_INT(store_int(s, &n, NULL, "SELECT COUNT(*) FROM bulk", ""), XXGK_OK);
  return n;
}

/* Sends ROWS rows, k = 1000 + i, with row `bad` (if >= 0) repeating the
 * committed key 7; returns the first failure of the sends and the commit. */
static xxgk_status batch(struct store *s, int bad, char *err, size_t cap) {
  xxgk_status st = s->ops->begin(s, 1);
  for (int i = 0; st == XXGK_OK && i < ROWS; i++)
    st = store_send(s, "INSERT INTO bulk (k, v) VALUES (?, ?)", "it",
                    (int64_t)(i == bad ? 7 : 1000 + i), "row");
  if (st == XXGK_OK)
    st = s->ops->commit(s);
  snprintf(err, cap, "%s", s->err);
  if (st != XXGK_OK)
    s->ops->rollback(s);
  return st;
}

static int refused_key(const char *err) {
  return strstr(err, "bulk_pkey") || strstr(err, "UNIQUE constraint failed");
}

int main(void) {
  h_db_start();
  xxgk_status st;
  struct store *s = store_open(h_db(), 1, &st);
  CHECK(st == XXGK_OK, "open: %s", s->err);
  CHECK_INT(store_run(s,
                      "CREATE TABLE bulk (k INTEGER NOT NULL,"
                      " v TEXT NOT NULL, CONSTRAINT bulk_pkey PRIMARY KEY (k))",
                      ""),
            XXGK_OK);
  CHECK_INT(store_run(s, "INSERT INTO bulk (k, v) VALUES (7, 'kept')", ""),
            XXGK_OK);

  /* Sent, then read in the same transaction: the query waits for them. */
  CHECK_INT(s->ops->begin(s, 1), XXGK_OK);
  for (int i = 0; i < 10; i++)
    CHECK_INT(store_send(s, "INSERT INTO bulk (k, v) VALUES (?, ?)", "it",
                         (int64_t)(100 + i), "sent"),
              XXGK_OK);
  CHECK_INT(store_send(s, "UPDATE bulk SET v = 'changed' WHERE k = ?", "i",
                       (int64_t)109),
            XXGK_OK);
  int64_t n = 0;
  CHECK_INT(store_int(s, &n, NULL,
                      "SELECT COUNT(*) FROM bulk WHERE v = 'sent' AND k >= ?",
                      "i", (int64_t)100),
            XXGK_OK);
  CHECK_INT(n, 9);
  CHECK_INT(store_flush(s), XXGK_OK);
  CHECK_INT(s->ops->commit(s), XXGK_OK);
  CHECK_INT(count(s), 11);

  /* A key refused in the first run of the pipeline, in the last, and the
   * very last row: the commit (or a send after the failure) says why, and
   * none of the batch's rows is there. */
  const int bad[] = {500, ROWS - 2, ROWS - 1};
  for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
    char err[sizeof s->err];
    CHECK_INT(batch(s, bad[b], err, sizeof err), XXGK_E_DB);
    CHECK(refused_key(err), "row %d: the message: %s", bad[b], err);
    CHECK_INT(count(s), 11);
  }

  /* A refusal told by the next query, not by the query's own abort. */
  CHECK_INT(s->ops->begin(s, 1), XXGK_OK);
  CHECK_INT(store_send(s, "INSERT INTO bulk (k, v) VALUES (7, 'again')", ""),
            h_pg() ? XXGK_OK : XXGK_E_DB);
  st = store_int(s, &n, NULL, "SELECT COUNT(*) FROM bulk", "");
  if (h_pg())
    CHECK_INT(st, XXGK_E_DB);
  CHECK(refused_key(s->err), "the query's message: %s", s->err);
  s->ops->rollback(s);
  CHECK_INT(count(s), 11);

  /* The store goes on: a batch without a fault is written whole. */
  char err[sizeof s->err];
  CHECK_INT(batch(s, -1, err, sizeof err), XXGK_OK);
  CHECK_INT(count(s), 11 + ROWS);
  store_close(s);
  return h_summary();
}
