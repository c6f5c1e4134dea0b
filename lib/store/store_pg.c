/*
 * store_pg.c — the PostgreSQL backend of store.h, through libpq: one
 * connection per store, '?' placeholders rewritten to $n, statements
 * prepared once per connection and cached, results typed by their
 * columns' types (integers and booleans as SV_INT, the rest as text), and
 * its migrations (store_schema.c) applied on open.
 *
 * Concurrency. A write transaction first takes one advisory lock of the
 * database (pg_advisory_xact_lock), as SQLite's BEGIN IMMEDIATE takes its
 * write lock: writers queue, readers never wait (and read one snapshot,
 * REPEATABLE READ, as SQLite's readers do). So two servers numbering
 * applications of one agency and year, or recording events on one
 * application, see each other's committed rows before they read — no write
 * is lost and no tracking number given twice — without retrying whole
 * commands. A writer that waits past LOCK_MS, a deadlock or a
 * serialization failure (40001, 40P01, 55P03), and a connection lost,
 * come back as `busy` with a Chinese message, so the command says "retry"
 * (the web server answers 503 with Retry-After); the transaction is rolled
 * back whole, nothing is half-written.
 *
 * Bulk writes. What a caller sends (store_send: an import's cells, a
 * copy's rows) goes through libpq's pipeline: many statements to one
 * round trip, their answers read at the next statement that returns rows,
 * at a flush or at the commit, which reports the first failure. After a
 * failure PostgreSQL refuses the rest of the transaction, and the commit
 * rolls it back: nothing of a batch is half-written.
 *
 * A connection string's password is never printed: every message names
 * the database by its masked form (store_pg_mask).
 */
#include "internal.h"
#include "store.h"
#include "store_schema.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_CACHE 64
#define LOCK_MS 5000 /* how long a write waits for another's lock */
/* Statements sent before their answers are read. Blocking libpq sends
 * while the server answers: its answers (a few dozen bytes a write) must
 * fit the socket's buffers, or each end would wait for the other. */
#define PIPELINE_MAX 1024
/* The advisory locks' keys: any constants no other program of the
 * database uses ("xxgk" and 1 or 2). */
#define LOCK_SCHEMA "2021161067001"
#define LOCK_WRITE "2021161067002"

/* Type OIDs of pg_type.h (server headers, not installed with libpq). */
enum {
  OID_BOOL = 16,
  OID_INT8 = 20,
  OID_INT2 = 21,
  OID_INT4 = 23,
  OID_TEXT = 25,
  OID_BYTEA = 17,
  OID_NUMERIC = 1700
};

struct pg_store {
  struct store base;
  PGconn *db;
  char *where; /* the connection string with its password masked */
  struct {
    char *sql;     /* the caller's text (owned)                   */
    char name[16]; /* the prepared statement's name on the server */
  } cache[N_CACHE];
  int next_evict, named;
  int in_tx;
  int queued; /* statements sent in the pipeline, answers not read yet */
  int bulk;   /* a bulk load's triggers suspended (pg_bulk) */
  int lost;   /* the connection ended inside a transaction: every statement
                 fails until the caller rolls back (a reconnected session
                 would run the rest of it alone) */
};

static struct pg_store *P(struct store *s) { return (struct pg_store *)s; }

char *store_pg_mask(const char *conninfo) {
  buf b = {0};
  const char *s = conninfo;
  /* URI: scheme://user:PASSWORD@host… */
  const char *scheme = strstr(s, "://");
  if (scheme) {
    const char *auth = scheme + 3, *at = strchr(auth, '@'),
               *slash = strchr(auth, '/');
    const char *colon = strchr(auth, ':');
    if (at && (!slash || at < slash) && colon && colon < at) {
      buf_put(&b, s, (size_t)(colon + 1 - s));
      buf_puts(&b, "***");
      s = at;
    }
  }
  /* …and password=… among the parameters (URI query or key=value) */
  for (;;) {
    const char *p = strstr(s, "password=");
    if (!p)
      break;
    buf_put(&b, s, (size_t)(p + 9 - s));
    buf_puts(&b, "***");
    s = p + 9;
    if (*s == '\'') { /* a quoted value: up to the closing quote */
      for (s++; *s && *s != '\''; s++)
        if (*s == '\\' && s[1])
          s++;
      if (*s)
        s++;
    } else {
      s += strcspn(s, " &");
    }
  }
  buf_puts(&b, s);
  return buf_detach(&b);
}

/* libpq's message, with the connection string masked wherever it may be
 * quoted, and its trailing newline cut. */
static void set_err(struct pg_store *q, const char *what, const char *msg) {
  char *m = xxgk_strdup(msg ? msg : "out of memory");
  size_t n = strlen(m);
  while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
    m[--n] = 0;
  char *masked = store_pg_mask(m);
  snprintf(q->base.err, sizeof q->base.err, "%s: %s", what, masked);
  free(masked);
  free(m);
}

/* The failure `res` reports (or the connection's), said so that a user can
 * act on it: busy for what a retry may cure. Returns XXGK_E_DB. */
static xxgk_status fail(struct pg_store *q, const char *what,
                        const PGresult *res) {
  const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  const char *msg =
      res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  q->base.busy = 0;
  if (q->lost || PQstatus(q->db) == CONNECTION_BAD) {
    q->base.busy = 1;
    q->lost = q->in_tx;
    snprintf(q->base.err, sizeof q->base.err,
             "与数据库 %.200s 的连接中断了：这次的改动没有保存，请稍后重试",
             q->where);
  } else if (state &&
             (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
              strcmp(state, "55P03") == 0)) {
    q->base.busy = 1;
    snprintf(q->base.err, sizeof q->base.err,
             "登记簿正被另一项操作占用，等了 %d 秒仍未释放：这次的改动没有"
             "保存，请稍后重试",
             LOCK_MS / 1000);
  } else if (state && strcmp(state, "P0001") == 0 && msg) {
    /* a trigger's refusal: its message is the user's */
    snprintf(q->base.err, sizeof q->base.err, "%s", msg);
  } else {
    set_err(q, what, msg ? msg : PQerrorMessage(q->db));
  }
  return XXGK_E_DB;
}

static xxgk_status drain(struct pg_store *q, PGresult **own);

/* One statement without parameters or rows. */
static xxgk_status simple(struct pg_store *q, const char *sql) {
  if (drain(q, NULL) != XXGK_OK)
    return XXGK_E_DB;
  PGresult *res = PQexec(q->db, sql);
  ExecStatusType rs = PQresultStatus(res);
  xxgk_status st = rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK
                       ? XXGK_OK
                       : fail(q, "SQL", res);
  PQclear(res);
  return st;
}

/* Ends the pipeline, if one is open: a sync, then every answer read, the
 * first failure reported (the ones after it were refused unrun). `own`:
 * the last statement sent is the caller's query, its result (NULL if it
 * was refused for an earlier failure) handed over to be cleared. */
static xxgk_status drain(struct pg_store *q, PGresult **own) {
  if (own)
    *own = NULL;
  if (!q->queued)
    return XXGK_OK;
  xxgk_status st = XXGK_OK;
  int want = q->queued, got = 0, nulls = 0;
  q->queued = 0;
  if (!PQpipelineSync(q->db))
    st = fail(q, "SQL", NULL);
  /* Each statement's answer ends with a NULL; the sync's has none. More
   * NULLs than statements: no sync is coming (the connection went). */
  while (nulls <= want) {
    PGresult *res = PQgetResult(q->db);
    if (!res) {
      nulls++;
      if (PQstatus(q->db) == CONNECTION_BAD)
        break;
      continue;
    }
    ExecStatusType rs = PQresultStatus(res);
    if (rs == PGRES_PIPELINE_SYNC) {
      PQclear(res);
      break;
    }
    if (++got == want && own && rs != PGRES_PIPELINE_ABORTED) {
      *own = res;
      continue;
    }
    if (st == XXGK_OK && rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK)
      st = fail(q, "SQL", res);
    PQclear(res);
  }
  if (got < want && st == XXGK_OK)
    st = fail(q, "SQL", NULL);
  PQexitPipelineMode(q->db);
  return st;
}

static void pg_close(struct store *s) {
  struct pg_store *q = P(s);
  for (int i = 0; i < N_CACHE; i++)
    free(q->cache[i].sql);
  if (q->db)
    PQfinish(q->db);
  free(q->where);
  free(q);
}

/* A connection lost between commands (a server restarted) is made again
 * before the next transaction; its prepared statements went with it. */
static xxgk_status reconnect(struct pg_store *q) {
  if (PQstatus(q->db) == CONNECTION_OK)
    return XXGK_OK;
  PQreset(q->db);
  for (int i = 0; i < N_CACHE; i++) {
    free(q->cache[i].sql);
    q->cache[i].sql = NULL;
  }
  if (PQstatus(q->db) != CONNECTION_OK)
    return fail(q, "连接数据库失败", NULL);
  return XXGK_OK;
}

static xxgk_status pg_begin(struct store *s, int write) {
  struct pg_store *q = P(s);
  q->lost = 0;
  xxgk_status st = reconnect(q);
  /* A reader sees one snapshot throughout, as SQLite's read transaction
   * does (a report's several queries agree with each other). A writer reads
   * committed rows, each statement anew: its snapshot must not predate the
   * lock it waited for, or it would miss what the writer before it wrote.
   * The lock in the same round trip as BEGIN. */
  if (st == XXGK_OK)
    st = simple(q, write ? "BEGIN ISOLATION LEVEL READ COMMITTED;"
                           " SELECT pg_advisory_xact_lock(" LOCK_WRITE ")"
                         : "BEGIN ISOLATION LEVEL REPEATABLE READ");
  q->in_tx = PQtransactionStatus(q->db) == PQTRANS_INTRANS ||
             PQtransactionStatus(q->db) == PQTRANS_INERROR;
  if (st != XXGK_OK && q->in_tx) {
    char why[sizeof q->base.err];
    int busy = q->base.busy;
    snprintf(why, sizeof why, "%s", q->base.err);
    s->ops->rollback(s);
    snprintf(q->base.err, sizeof q->base.err, "%s", why);
    q->base.busy = busy;
  }
  return st;
}

static void pg_rollback(struct store *s) {
  struct pg_store *q = P(s);
  /* what was sent is discarded unanswered, the message of the failure that
   * brought the caller here kept */
  char why[sizeof q->base.err];
  snprintf(why, sizeof why, "%s", q->base.err);
  drain(q, NULL);
  snprintf(q->base.err, sizeof q->base.err, "%s", why);
  if (q->in_tx && !q->lost && PQstatus(q->db) == CONNECTION_OK)
    PQclear(PQexec(q->db, "ROLLBACK"));
  q->in_tx = q->lost = q->bulk = 0;
}

static xxgk_status pg_bulk(struct store *s, int on) {
  struct pg_store *q = P(s);
  if (!on) {
    xxgk_status st = q->bulk ? simple(q, STORE_PG_BULK_END) : XXGK_OK;
    q->bulk = 0;
    return st;
  }
  if (q->bulk || !q->in_tx)
    return XXGK_OK;
  /* Only the tables' owner may: anyone else loads with the triggers on. */
  xxgk_status st = simple(q, "SAVEPOINT xxgk_bulk");
  if (st == XXGK_OK && simple(q, STORE_PG_BULK_BEGIN) == XXGK_OK) {
    q->bulk = 1;
    return simple(q, "RELEASE SAVEPOINT xxgk_bulk");
  }
  return st == XXGK_OK ? simple(q, "ROLLBACK TO SAVEPOINT xxgk_bulk") : st;
}

static xxgk_status pg_commit(struct store *s) {
  struct pg_store *q = P(s);
  /* A write sent that failed: COMMIT would answer by rolling back without
   * an error, so the failure is said here and the transaction ended. */
  xxgk_status st = q->lost ? fail(q, "COMMIT", NULL) : drain(q, NULL);
  if (st == XXGK_OK)
    st = pg_bulk(s, 0);
  if (st == XXGK_OK)
    st = simple(q, "COMMIT");
  else
    pg_rollback(s);
  q->in_tx = 0;
  return st;
}

/* sql with each '?' outside quotes and comments made $1, $2, … (and each
 * ?NNN $NNN); *n gets the parameters' number. Caller frees. */
static char *dollar_params(const char *sql, int *n) {
  buf b = {0};
  *n = 0;
  for (const char *p = sql; *p; p++) {
    if (*p == '\'' || *p == '"') { /* a literal or a quoted name: whole */
      const char *end = strchr(p + 1, *p);
      while (end && end[1] == *p) /* a doubled quote is one character */
        end = strchr(end + 2, *p);
      size_t len = end ? (size_t)(end - p + 1) : strlen(p);
      buf_put(&b, p, len);
      p += len - 1;
    } else if (p[0] == '-' && p[1] == '-') {
      size_t len = strcspn(p, "\n");
      buf_put(&b, p, len);
      p += len - 1;
    } else if (p[0] == '/' && p[1] == '*') {
      const char *end = strstr(p + 2, "*/");
      size_t len = end ? (size_t)(end + 2 - p) : strlen(p);
      buf_put(&b, p, len);
      p += len - 1;
    } else if (*p == '?' && p[1] >= '1' && p[1] <= '9') {
      char *end; /* SQLite's ?NNN, the NNNth parameter: PostgreSQL's $NNN */
      long k = strtol(p + 1, &end, 10);
      buf_printf(&b, "$%ld", k);
      if (k > *n)
        *n = (int)k;
      p = end - 1;
    } else if (*p == '?') {
      buf_printf(&b, "$%d", ++*n);
    } else {
      buf_putc(&b, *p);
    }
  }
  return buf_detach(&b);
}

/* The name of sql's prepared statement, prepared on first use with the
 * types of these parameters (integers as bigint, the rest left to the
 * server to infer). NULL on a prepare error. */
static const char *prepare(struct pg_store *q, const char *sql,
                           const store_val *p, int n) {
  for (int i = 0; i < N_CACHE; i++)
    if (q->cache[i].sql &&
        (q->cache[i].sql == sql || strcmp(q->cache[i].sql, sql) == 0))
      return q->cache[i].name;
  /* preparing is a round trip of its own: the pipeline's answers first */
  if (drain(q, NULL) != XXGK_OK)
    return NULL;
  int slot = -1;
  for (int i = 0; i < N_CACHE && slot < 0; i++)
    if (!q->cache[i].sql)
      slot = i;
  if (slot < 0) { /* rows are read whole before any callback: none busy */
    slot = q->next_evict;
    q->next_evict = (slot + 1) % N_CACHE;
    char drop[40];
    snprintf(drop, sizeof drop, "DEALLOCATE %s", q->cache[slot].name);
    if (simple(q, drop) != XXGK_OK)
      return NULL;
    free(q->cache[slot].sql);
    q->cache[slot].sql = NULL;
  }
  int np;
  char *text = dollar_params(sql, &np);
  if (np > n)
    np = n;
  /* Integers as bigint, texts as text; a NULL is left for the server to
   * infer from where it stands (a NULL reference is a bigint) — unless it
   * cannot (a bare "? IS NULL": 42P18, 42P08), then as text. That first
   * try may fail, which inside a transaction needs a savepoint to survive. */
  Oid *types = xxgk_calloc((size_t)np + 1, sizeof *types);
  int nulls = 0;
  for (int i = 0; i < np; i++) {
    types[i] = p[i].t == SV_INT    ? OID_INT8
               : p[i].t == SV_TEXT ? OID_TEXT
               : p[i].t == SV_BLOB ? OID_BYTEA
                                   : 0;
    nulls += p[i].t == SV_NULL;
  }
  snprintf(q->cache[slot].name, sizeof q->cache[slot].name, "x%d", q->named++);
  int saved =
      nulls && q->in_tx && simple(q, "SAVEPOINT xxgk_prepare") == XXGK_OK;
  PGresult *res = PQprepare(q->db, q->cache[slot].name, text, np, types);
  const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  if (state && (strcmp(state, "42P18") == 0 || strcmp(state, "42P08") == 0) &&
      (saved || !q->in_tx)) {
    if (saved)
      simple(q, "ROLLBACK TO SAVEPOINT xxgk_prepare");
    for (int i = 0; i < np; i++)
      types[i] = types[i] ? types[i] : OID_TEXT;
    PQclear(res);
    res = PQprepare(q->db, q->cache[slot].name, text, np, types);
  }
  if (saved && PQresultStatus(res) == PGRES_COMMAND_OK)
    simple(q, "RELEASE SAVEPOINT xxgk_prepare");
  free(text);
  free(types);
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  if (!ok)
    fail(q, "SQL", res);
  PQclear(res);
  if (!ok)
    return NULL;
  q->cache[slot].sql = xxgk_strdup(sql);
  return q->cache[slot].name;
}

/* An integer as PostgreSQL writes one: an optional minus and digits. What
 * else a numeric may hold (NaN, Infinity) reads 0, as with strtoll; this
 * runs for every integer cell of every row, strtoll's generality does not
 * pay there. */
static int64_t pg_int(const char *s) {
  int neg = *s == '-';
  uint64_t u = 0;
  for (s += neg; *s >= '0' && *s <= '9'; s++)
    u = u * 10 + (uint64_t)(*s - '0');
  return neg ? (int64_t)(0 - u) : (int64_t)u;
}

/* A column's value as store.h types it, given the column's type t:
 * integers (of any width, and a numeric without a fraction, as SUM()
 * gives) and booleans as SV_INT, bytea as SV_BLOB (its bytes decoded into
 * *blob, which the caller frees after the row). */
static void typed(const PGresult *res, int r, int c, Oid t, store_val *v,
                  unsigned char **blob) {
  if (PQgetisnull(res, r, c)) {
    v->t = SV_NULL;
    return;
  }
  const char *s = PQgetvalue(res, r, c);
  v->t = SV_TEXT;
  v->s = s;
  if (t == OID_BYTEA) {
    size_t n = 0;
    *blob = PQunescapeBytea((const unsigned char *)s, &n);
    v->t = *blob ? SV_BLOB : SV_NULL;
    v->s = (const char *)*blob;
    v->n = n;
  } else if (t == OID_BOOL) {
    v->t = SV_INT;
    v->i = s[0] == 't';
  } else if (t == OID_INT8 || t == OID_INT2 || t == OID_INT4 ||
             (t == OID_NUMERIC && !strchr(s, '.') && strlen(s) < 19)) {
    v->t = SV_INT;
    v->i = pg_int(s);
  }
}

/* Parameters as libpq takes them: the integers as text, one 24-byte slot
 * each (a corpus row binds one parameter per dictionary key: hundreds);
 * bytes as they are (binary). */
struct params {
  char *ints;
  const char **values;
  int *lengths, *formats;
};

static void params_make(struct params *a, const store_val *p, int n) {
  /* one allocation: the pointers first, for their alignment */
  size_t k = (size_t)n + 1;
  a->values = xxgk_calloc(k, sizeof *a->values + 2 * sizeof(int) + 24);
  a->lengths = (int *)(a->values + k);
  a->formats = a->lengths + k;
  a->ints = (char *)(a->formats + k);
  for (int i = 0; i < n; i++) {
    if (p[i].t == SV_INT) {
      a->values[i] = int_text(p[i].i, a->ints + 24 * i);
    } else if (p[i].t == SV_BLOB) {
      a->values[i] = p[i].s;
      a->lengths[i] = (int)p[i].n;
      a->formats[i] = 1;
    } else {
      a->values[i] = p[i].t == SV_TEXT ? p[i].s : NULL;
    }
  }
}

static void params_free(struct params *a) { free(a->values); }

/* Sends the prepared statement into the pipeline (opened if need be);
 * 0 if libpq could not. */
static int send_prepared(struct pg_store *q, const char *name,
                         const store_val *p, int n) {
  if (!q->queued && !PQenterPipelineMode(q->db))
    return 0;
  struct params a;
  params_make(&a, p, n);
  int ok =
      PQsendQueryPrepared(q->db, name, n, a.values, a.lengths, a.formats, 0);
  params_free(&a);
  q->queued += ok;
  if (!q->queued)
    PQexitPipelineMode(q->db);
  return ok;
}

#define MAX_COLS 32

static xxgk_status pg_exec(struct store *s, const char *sql, const store_val *p,
                           int n, store_row_cb cb, void *ctx) {
  struct pg_store *q = P(s);
  if (q->lost)
    return fail(q, "SQL", NULL);
  if (!q->in_tx && reconnect(q) != XXGK_OK)
    return XXGK_E_DB;
  const char *name = prepare(q, sql, p, n);
  if (!name)
    return XXGK_E_DB;
  /* All rows at once: a callback may run a query of its own, which one
   * connection cannot while another's rows are still arriving. In an open
   * pipeline the query goes last, its answer in the same round trip as
   * the writes' before it. */
  PGresult *res = NULL;
  if (q->queued) {
    if (!send_prepared(q, name, p, n))
      return fail(q, "SQL", NULL);
    if (drain(q, &res) != XXGK_OK) {
      PQclear(res);
      return XXGK_E_DB;
    }
  } else {
    struct params a;
    params_make(&a, p, n);
    res = PQexecPrepared(q->db, name, n, a.values, a.lengths, a.formats, 0);
    params_free(&a);
  }
  ExecStatusType rs = PQresultStatus(res);
  if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
    xxgk_status st = fail(q, "SQL", res);
    PQclear(res);
    return st;
  }
  int ncol = PQnfields(res), nrow = PQntuples(res);
  const char *names_small[MAX_COLS], **names = names_small;
  store_val v_small[MAX_COLS], *v = v_small;
  Oid types_small[MAX_COLS], *types = types_small;
  if (cb && ncol > MAX_COLS) {
    names = xxgk_calloc((size_t)ncol, sizeof *names);
    v = xxgk_calloc((size_t)ncol, sizeof *v);
    types = xxgk_calloc((size_t)ncol, sizeof *types);
  }
  /* A column's name and type once, not for each of its cells. */
  int has_bytea = 0;
  for (int c = 0; cb && c < ncol; c++) {
    names[c] = PQfname(res, c);
    types[c] = PQftype(res, c);
    has_bytea |= types[c] == OID_BYTEA;
  }
  /* each row's bytea columns, decoded, freed after its callback */
  unsigned char **blobs =
      has_bytea ? xxgk_calloc((size_t)ncol + 1, sizeof *blobs) : NULL;
  for (int r = 0; cb && r < nrow; r++) {
    for (int c = 0; c < ncol; c++)
      typed(res, r, c, types[c], &v[c], blobs ? &blobs[c] : NULL);
    store_row row = {ncol, names, v};
    int stop = cb(ctx, &row);
    for (int c = 0; has_bytea && c < ncol; c++) {
      PQfreemem(blobs[c]);
      blobs[c] = NULL;
    }
    if (stop)
      break;
  }
  free(blobs);
  if (names != names_small) {
    free(names);
    free(v);
    free(types);
  }
  PQclear(res);
  return XXGK_OK;
}

static int take_int(void *ctx, const store_row *row) {
  *(int *)ctx = row->v[0].t == SV_INT ? (int)row->v[0].i : -1;
  return 1;
}

static int pg_version(struct store *s) {
  int v = 0;
  if (pg_exec(s, "SELECT version FROM xxgk_schema", NULL, 0, take_int, &v) !=
      XXGK_OK)
    return -1;
  return v;
}

/* The search of store.h's dialect: the trigram index over a row's searched
 * texts answers LIKE '%s%' (pg_trgm), with s's own % _ and \ escaped. */
static char *pg_text_pattern(const char *s) {
  return store_search_literal(s, '%', "%_\\", '\\');
}

#define PG_TEXT "(a.tracking || ' ' || a.applicant_name || ' ' || a.content)"

static const struct store_dialect DIALECT = {
    .text_match = " AND " PG_TEXT " LIKE ?",
    .text_count = "SELECT COUNT(*) FROM (SELECT 1 FROM application a"
                  " WHERE " PG_TEXT " LIKE ? LIMIT ?) m",
    .text_pattern = pg_text_pattern,
    .json_ints = "(SELECT CAST(value AS BIGINT) AS value, key"
                 " FROM json_array_elements_text(CAST(? AS json))"
                 " WITH ORDINALITY e(value, key))",
    .columns = "SELECT column_name FROM information_schema.columns"
               " WHERE table_schema = current_schema() AND table_name = ?",
    .id_key = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    .events_join = " LEFT JOIN LATERAL (SELECT * FROM event e"
                   " WHERE e.application_id = a.id AND e.voided IS NULL"
                   " ORDER BY e.date, e.id) e ON TRUE",
    .report_grouped = 1,
    .round_trips = 1,
    .arrays = 1,
};

/* Every identity of the schema set past its table's largest id (not only
 * `table`'s: one statement, and a copy calls it per table it wrote). */
static xxgk_status pg_ids_given(struct store *s, const char *table) {
  (void)table;
  return pg_exec(s, "SELECT xxgk_sync_ids()", NULL, 0, NULL, NULL);
}

/* Outside a transaction a write is its own: run at once. */
static xxgk_status pg_send(struct store *s, const char *sql, const store_val *p,
                           int n) {
  struct pg_store *q = P(s);
  if (!q->in_tx || q->lost)
    return pg_exec(s, sql, p, n, NULL, NULL);
  if (q->queued >= PIPELINE_MAX && drain(q, NULL) != XXGK_OK)
    return XXGK_E_DB;
  const char *name = prepare(q, sql, p, n);
  if (!name)
    return XXGK_E_DB;
  return send_prepared(q, name, p, n) ? XXGK_OK : fail(q, "SQL", NULL);
}

static xxgk_status pg_flush(struct store *s) { return drain(P(s), NULL); }

static xxgk_status pg_listen(struct store *s) {
  return simple(P(s), "LISTEN " STORE_CHANNEL);
}

static int pg_notified(struct store *s, int ms) {
  struct pg_store *q = P(s);
  int got = 0;
  for (int waited = 0;; waited = 1) {
    if (!PQconsumeInput(q->db) || PQstatus(q->db) != CONNECTION_OK)
      return -1;
    for (PGnotify *n; (n = PQnotifies(q->db)); got = 1)
      PQfreemem(n);
    if (got || waited)
      return got;
    struct pollfd p = {.fd = PQsocket(q->db), .events = POLLIN};
    if (poll(&p, 1, ms) < 0 && errno != EINTR)
      return -1;
  }
}

static const struct store_ops OPS = {
    "postgresql", pg_close,  pg_begin,    pg_commit, pg_rollback,
    pg_exec,      pg_version, pg_ids_given, &DIALECT, pg_send,
    pg_flush,     pg_bulk,   pg_listen,   pg_notified};

/* Applies every migration past the database's version in one transaction
 * under an advisory lock, so that two servers starting at once do not both
 * migrate (the second waits, then finds the schema current). */
static xxgk_status migrate(struct pg_store *q) {
  xxgk_status st = simple(q, "BEGIN");
  if (st == XXGK_OK) {
    q->in_tx = 1;
    st = simple(q, "SELECT pg_advisory_xact_lock(" LOCK_SCHEMA ")");
  }
  if (st == XXGK_OK)
    st = simple(q, "CREATE TABLE IF NOT EXISTS xxgk_schema (version INTEGER"
                   " NOT NULL)");
  int v = st == XXGK_OK ? pg_version(&q->base) : -1;
  if (st == XXGK_OK && v > STORE_PG_N_MIGRATIONS) {
    snprintf(q->base.err, sizeof q->base.err,
             "数据库结构版本 %d 比本程序支持的 %d 新，请升级 xxgk", v,
             STORE_PG_N_MIGRATIONS);
    st = XXGK_E_DB;
  }
  if (st == XXGK_OK && v == 0 && STORE_PG_N_MIGRATIONS > 0)
    st = simple(q, "INSERT INTO xxgk_schema VALUES (0)");
  int step = v;
  for (; st == XXGK_OK && step < STORE_PG_N_MIGRATIONS; step++) {
    char set[64];
    snprintf(set, sizeof set, "UPDATE xxgk_schema SET version = %d", step + 1);
    st = simple(q, STORE_PG_MIGRATIONS[step]);
    if (st == XXGK_OK)
      st = simple(q, set);
    if (st != XXGK_OK) {
      char why[sizeof q->base.err];
      snprintf(why, sizeof why, "%s", q->base.err);
      snprintf(q->base.err, sizeof q->base.err,
               "数据库结构升级到第 %d 版失败：%.400s", step + 1, why);
    }
  }
  if (st == XXGK_OK)
    st = pg_commit(&q->base);
  else
    pg_rollback(&q->base);
  return st;
}

static void quiet(void *arg, const char *message) {
  (void)arg; /* NOTICEs ("relation already exists, skipping") */
  (void)message;
}

int store_is_pg(const char *db) {
  return db && (strncmp(db, "postgresql://", 13) == 0 ||
                strncmp(db, "postgres://", 11) == 0);
}

struct store *store_open_pg(const char *conninfo, xxgk_status *st) {
  struct pg_store *q = xxgk_calloc(1, sizeof *q);
  q->base.ops = &OPS;
  q->where = store_pg_mask(conninfo);
  q->db = PQconnectdb(conninfo);
  if (PQstatus(q->db) != CONNECTION_OK) {
    char why[400];
    snprintf(why, sizeof why, "连接数据库 %.200s 失败", q->where);
    set_err(q, why, PQerrorMessage(q->db));
    *st = XXGK_E_IO;
    return &q->base;
  }
  PQsetNoticeProcessor(q->db, quiet, NULL);
  char set[160];
  snprintf(set, sizeof set,
           "SET lock_timeout = %d; SET client_encoding = 'UTF8';"
           " SET standard_conforming_strings = on",
           LOCK_MS);
  *st = simple(q, set);
  if (*st == XXGK_OK)
    *st = migrate(q);
  return &q->base;
}
