/*
 * store.h — the register's storage interface: a narrow SQL gateway that
 * every backend implements (store_sqlite.c, the embedded default, and
 * store_pg.c, PostgreSQL through libpq; store_open picks by the name).
 *
 * Why SQL and not one function per entity: the register's queries are
 * plain standard SQL — '?' placeholders, TEXT dates "YYYY-MM-DD" that sort
 * as strings, INTEGER ids, INSERT … RETURNING id (SQLite ≥ 3.35, PostgreSQL)
 * — so a backend needs only to run them: the PostgreSQL backend rewrites
 * '?' to $n and keeps its own migrations (schema DDL is backend-specific
 * and lives with the backend). What SQL cannot say alike (the trigram
 * search, a JSON array as rows, a table's columns, an integer key) is the
 * backend's dialect (struct store_dialect). Callers (reg_*.c) never see
 * sqlite3 or libpq.
 *
 * Every value is NULL, a 64-bit integer, UTF-8 text or bytes (a file kept
 * in the register: SQLite's BLOB, PostgreSQL's bytea); money and exact
 * decimals are stored as text. Rows reach a callback with borrowed values,
 * valid during the callback only.
 */
#ifndef XXGK_STORE_H
#define XXGK_STORE_H

#include "xxgk.h"

#include <stdarg.h>
#include <stdint.h>

typedef enum { SV_NULL = 0, SV_INT, SV_TEXT, SV_BLOB } store_type;

typedef struct {
  store_type t;
  int64_t i;     /* SV_INT                     */
  const char *s; /* SV_TEXT, SV_BLOB: borrowed */
  size_t n;      /* SV_BLOB: bytes at s        */
} store_val;

/* A column's text, borrowed, or NULL when it holds none (SQL NULL). */
static inline const char *store_text(const store_val *v) {
  return v->t == SV_TEXT ? v->s : NULL;
}
/* A copy of the column's text (free() it), or NULL. */
static inline char *store_text_copy(const store_val *v) {
  return v->t == SV_TEXT ? xxgk_strdup(v->s) : NULL;
}

typedef struct {
  int n;                    /* columns                 */
  const char *const *names; /* column names, borrowed  */
  const store_val *v;       /* values, borrowed        */
} store_row;

/* Returns non-zero to stop the query (not an error). */
typedef int (*store_row_cb)(void *ctx, const store_row *row);

/* Copies each application's final event (reply, withdrawal, lapsed fee)
 * onto its row: final_kind, final_date, final_outcome (NULL while open).
 * A trigger keeps them as events are added; this statement derives them
 * for rows written otherwise (an import, an event voided), from the events
 * not voided. */
#define STORE_SQL_DERIVE_FINAL                                                 \
  "UPDATE application SET (final_kind, final_date, final_outcome) ="           \
  " (SELECT kind, date, outcome FROM event e"                                  \
  " WHERE e.application_id = application.id"                                   \
  " AND e.kind IN ('reply', 'withdrawn', 'fee_lapsed') AND e.voided IS NULL)"

struct store;

/* The SQL that differs between the backends, as fragments that callers
 * splice into their statements (each '?' one parameter, in order). */
struct store_dialect {
  /* A condition that application `a` may hold a search: the backend's
   * trigram index narrows the rows, it does not decide (callers test the
   * text with instr() as well). One parameter, made by text_pattern. */
  const char *text_match;
  /* The number of rows text_match offers, counted no further than a
   * limit: parameters the pattern and the limit. */
  const char *text_count;
  /* The index's pattern for the text s (caller frees), or NULL when the
   * index cannot narrow (under three characters, or not UTF-8). */
  char *(*text_pattern)(const char *s);
  /* A subquery of the integers of a JSON array (one text parameter):
   * columns value and key (its place, in order). */
  const char *json_ints;
  /* The names of a table's columns (one parameter, the table's name). */
  const char *columns;
  /* The declaration of a table's own integer key, numbered on insert. */
  const char *id_key;
  /* A join of `event e` to application `a`: its live events, a row of
   * NULLs when it has none, each application's read through the index
   * event_application. SQLite's planner reads them so; PostgreSQL's,
   * asked for a few thousand applications, would hash every event of the
   * register instead (a cost that grows with the register, not with the
   * applications read), so there the events are a subquery per
   * application that it cannot flatten into the join (one with an ORDER
   * BY). */
  const char *events_join;
  /* Whether the annual report counts in the database (GROUP BY: a few
   * hundred rows whatever the register's size) rather than row by row in
   * the caller. A server sends every row as a message, so PostgreSQL
   * groups; SQLite hands a row over for a function call, and its GROUP BY
   * sorts every row first (three times the plain scan's time), so it
   * does not. */
  int report_grouped;
  /* Whether a statement costs a round trip to a server, so that a page
   * joins what it would otherwise read by a statement per row (the case
   * list's events, for the deadlines). SQLite, in process, reads twenty
   * applications' events by twenty indexed statements in less time than
   * by the joined statement (a server on SQLite spent about 10 % more CPU
   * a request with the join), so it does not. */
  int round_trips;
  /* Whether `x = ANY (ARRAY(subquery))` is SQL here (PostgreSQL's
   * arrays): the set read once, where the IN and EXISTS forms that both
   * backends know cost PostgreSQL a semi-join to start at every call. */
  int arrays;
};

struct store_ops {
  const char *name; /* "sqlite", "postgresql" */
  void (*close)(struct store *s);
  /* Starts a transaction; `write` takes the write lock at once. */
  xxgk_status (*begin)(struct store *s, int write);
  xxgk_status (*commit)(struct store *s);
  void (*rollback)(struct store *s);
  /* Runs one statement with n parameters; calls cb (may be NULL) per row. */
  xxgk_status (*exec)(struct store *s, const char *sql, const store_val *p,
                      int n, store_row_cb cb, void *ctx);
  int (*schema_version)(struct store *s);
  /* After rows were inserted into `table` with their ids given (a copy):
   * whatever makes the next id the backend assigns follow them (a
   * PostgreSQL sequence). NULL when nothing does (SQLite takes max + 1). */
  xxgk_status (*ids_given)(struct store *s, const char *table);
  const struct store_dialect *dialect;
  /* A write whose outcome the caller needs not at once, inside a write
   * transaction (store_send): a backend may send it without waiting for
   * its answer, many to one round trip (PostgreSQL's pipeline). Its
   * failure is then told by the next exec, flush or commit, and the
   * transaction can only be rolled back: nothing of it is written. NULL:
   * exec does it (SQLite, in process, has no round trips to save). */
  xxgk_status (*send)(struct store *s, const char *sql, const store_val *p,
                      int n);
  /* Waits for every write sent and returns the first failure. NULL when
   * send is. */
  xxgk_status (*flush)(struct store *s);
  /* Around a bulk load inside a write transaction (store_bulk). */
  xxgk_status (*bulk)(struct store *s, int on);
  /* Listens on this connection for the notifications of STORE_CHANNEL,
   * which the schema's triggers send from the transaction of every write
   * to what a session read returns (a session's end or flash, a user, an
   * agency, the calendar's generation). NULL where no other process's
   * write could be missed by a cache (SQLite: one process serves). */
  xxgk_status (*listen)(struct store *s);
  /* Waits at most ms for notifications: 1 one or more came (all taken),
   * 0 none, -1 the connection is lost (listen again on a new one). */
  int (*notified)(struct store *s, int ms);
};

/* The notifications' channel (store_ops.listen). */
#define STORE_CHANNEL "xxgk_sessions"

struct store {
  const struct store_ops *ops;
  char err[512]; /* the backend's last error message (English or Chinese) */
  int busy;      /* that failure: another connection held the lock past
                    the busy timeout (err is then Chinese)             */
};

/* Opens the database `db` names: a postgresql:// or postgres:// URI
 * opens PostgreSQL, anything else is a SQLite file (":memory:" included). As
 * the backends' own openers: always returns a store, *st set, the message in
 * ->err. */
struct store *store_open(const char *db, int create, xxgk_status *st);

/* The search s as a literal of a backend's pattern (its text_pattern):
 * between two `ends`, each byte of s found in `special` preceded by `esc`.
 * NULL when a trigram index cannot narrow the search: fewer than three
 * characters, or not valid UTF-8. Caller frees. */
char *store_search_literal(const char *s, char ends, const char *special,
                           char esc);

/* Whether db names a PostgreSQL database (store_open's choice). */
int store_is_pg(const char *db);

/* The PostgreSQL backend (store_pg.c): connects with libpq's connection
 * string and applies its migrations; the database must exist. */
struct store *store_open_pg(const char *conninfo, xxgk_status *st);

/* conninfo with its password replaced by "***" (caller frees): the only
 * form in which a connection string is ever printed. */
char *store_pg_mask(const char *conninfo);

/* Opens the SQLite backend: WAL, foreign keys on, migrations applied.
 * Always returns a store (free with store_close) and sets *st; on failure
 * the message is in ->err. `create`: make the file if missing. */
struct store *store_open_sqlite(const char *path, int create, xxgk_status *st);

void store_close(struct store *s);

/* The SQLite VFS the store opens databases with (store_vfs.c), and the
 * errno of the last write it saw the system refuse on this thread since the
 * previous call (0 if none). */
const char *store_vfs(void);
int store_vfs_errno(void);

/* store_run(s, sql, types, ...) and store_query(s, cb, ctx, sql, types, ...)
 * bind one argument per character of `types`: 'i' int64_t, 'I' int64_t where 0
 * binds NULL, 'd' int,
 * 't' const char * (NULL binds NULL), 'b' bytes: two arguments, const void *
 * and size_t (read in place while the statement runs, not copied). */
xxgk_status store_run(struct store *s, const char *sql, const char *types, ...);
xxgk_status store_query(struct store *s, store_row_cb cb, void *ctx,
                        const char *sql, const char *types, ...);
/* store_query with the arguments as a va_list (a caller's own variadic
 * wrapper). */
xxgk_status store_vquery(struct store *s, store_row_cb cb, void *ctx,
                         const char *sql, const char *types, va_list ap);
/* A write sent as ops->send says (its failure maybe told later, by the
 * next statement, store_flush or the commit), with store_run's bindings;
 * store_sendv with an array (a corpus row: hundreds of parameters). */
xxgk_status store_send(struct store *s, const char *sql, const char *types,
                       ...);
xxgk_status store_sendv(struct store *s, const char *sql, const store_val *p,
                        int n);
/* Every write sent is done: XXGK_OK, or the first one's failure. */
xxgk_status store_flush(struct store *s);
/* A bulk load of the register's tables, inside a write transaction: `on`
 * may suspend the triggers that keep an application's final event and the
 * tallies row by row — the caller derives the final events itself
 * (STORE_SQL_DERIVE_FINAL) before turning it off, which restores them and
 * counts the tallies afresh. Why: one transaction that adds thousands of
 * applications to one agency updates its tally row as often, and
 * PostgreSQL keeps every version of that row until the commit, so each
 * insert costs more than the last. The commit ends a load left on. A
 * backend that cannot (a role that does not own the tables), or needs
 * not (SQLite updates in place), keeps its triggers: slower, as correct. */
xxgk_status store_bulk(struct store *s, int on);
/* The first column of the first row as an integer; *found = 0 if no row
 * (then *out is 0). */
xxgk_status store_int(struct store *s, int64_t *out, int *found,
                      const char *sql, const char *types, ...);

/* ## Copying and comparing tables, over this interface only (store_copy.c)
 *
 * What a table holds, independent of row order and of the backend's
 * column order: its row count and the sum, lane by lane modulo 2^64, of
 * each row's BLAKE2b-256 over its columns in name order (name, type and
 * value each). Sums add up: the table after rows were added to it is the
 * sum of what it held and of what was added. */
typedef struct {
  int64_t rows;
  uint64_t sum[4];
} store_digest;

/* Copies every row of `table` from one store to the other (INSERT of the
 * columns the source's rows have, in its first column's order), inside
 * whatever transactions the caller has open on each; adds the rows copied
 * to *rows. On failure the message is in the failing store's err
 * (*failed: 0 the source, 1 the target). */
xxgk_status store_copy_table(struct store *from, struct store *to,
                             const char *table, int64_t *rows, int *failed);
/* The digest of `table`'s rows, or of those `where` (SQL, or NULL)
 * chooses. */
xxgk_status store_digest_table(struct store *s, const char *table,
                               const char *where, store_digest *out);
/* a += b; and whether a equals b. */
void store_digest_add(store_digest *a, const store_digest *b);
int store_digest_same(const store_digest *a, const store_digest *b);

#endif
