/*
 * reg.h — what the register's files (reg*.c) share: the handle, the
 * transaction and error helpers, the audit log, and the dictionary look-ups
 * that tie the register to the annual report's rows and columns.
 */
#ifndef XXGK_REG_H
#define XXGK_REG_H

#include "internal.h"
#include "store.h"
#include "xxgk_register.h"

#include <string.h>

struct xxgk_reg {
  struct store *st; /* the backend                                  */
  xxgk_cal *cal;    /* bundled calendar plus user additions           */
  char *user;       /* who acts, for the audit log                    */
  char *clock;      /* fixed audit time, or NULL for real time        */
  char err[768];    /* the last failure, in Chinese                   */
  xxgk_status status; /* and its status                               */
  char warn[768];   /* the last command's warnings, in Chinese        */
  int batch;        /* inside xxgk_reg_batch_begin: commands are
                       savepoints of one transaction                 */
  xxgk_date today;  /* xxgk_reg_set_today, or 0: the real date        */
  int64_t cal_gen;  /* the register's calendar generation when loaded */
  struct reg_names { /* the agencies' names read (reg_agency_name)   */
    struct reg_name {
      int64_t id;
      char *name;
    } * v; /* by id */
    int n;
    size_t cap;
  } names;
};

/* The register's own tables, parents before children as the foreign keys
 * need (what export writes and a copy copies; not what the schema derives
 * from them, nor the web server's sessions); NULL-terminated. */
extern const char *const reg_tables[];
#define REG_N_TABLES 19

/* Today for the rules: the one set, or the real date. */
xxgk_date reg_today(const xxgk_reg *r);

/* Formats a Chinese message into r->err and returns st. */
xxgk_status reg_fail(xxgk_reg *r, xxgk_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends a sentence to r->warn (the command's warnings). */
void reg_warn(xxgk_reg *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Refuses text that is not UTF-8 (GBK bytes from a terminal, a file or a
 * form): stored, it would make every JSON answer that includes the row
 * invalid. `fields` alternates a field's name for the message and its
 * value (NULL: not given), and ends with NULL. XXGK_OK or
 * XXGK_E_REFUSED. */
xxgk_status reg_texts(xxgk_reg *r, const char *const *fields);
#define REG_TEXTS(r, ...) reg_texts(r, (const char *const[]){__VA_ARGS__, NULL})

/* r->err from the backend's message; returns XXGK_E_DB, or XXGK_E_BUSY
 * when another connection held the lock too long. */
xxgk_status reg_db(xxgk_reg *r);
/* The status of a call of the store: XXGK_OK, or reg_db's. */
xxgk_status reg_ok(xxgk_reg *r, xxgk_status st);

/* A command that only reads one query's rows (a list): the query in a read
 * transaction of its own (reg_begin, store_query, reg_end). */
xxgk_status reg_read(xxgk_reg *r, store_row_cb cb, void *ctx, const char *sql,
                     const char *types, ...);

/* One transaction per command: reg_begin, then reg_end(r, status), which
 * commits when status is XXGK_OK and rolls back otherwise; returns the
 * final status (a failed commit is XXGK_E_DB). In a batch, a savepoint
 * of the batch's transaction instead. */
xxgk_status reg_begin(xxgk_reg *r, int write);
xxgk_status reg_end(xxgk_reg *r, xxgk_status st);

/* The audit log's time: the fixed clock (xxgk_reg_set_clock) or now, UTC,
 * "2024-01-31T09:00:00Z". */
void reg_now(const xxgk_reg *r, char at[32]);
/* Appends to the audit log: action ("case.new"), entity table and id, the
 * row before (JSON text, or NULL) and after (read now from the table; NULL
 * entity_id: none). */
xxgk_status reg_audit(xxgk_reg *r, const char *action, const char *entity,
                      int64_t id, const char *before);
/* reg_audit with the reason a clerk gave (a correction). */
xxgk_status reg_audit_why(xxgk_reg *r, const char *action, const char *entity,
                          int64_t id, const char *before, const char *why);
/* A write and its audit line, one step (reg_write.c); SQL and bindings as
 * store_run's. reg_add: `sql` adds a row and returns its id (INSERT …
 * RETURNING id), set in *id (0 if none) and audited as `action` on
 * `entity`. reg_change: `sql` changes row `id` of `entity`, audited with
 * the row as it was (`before`, JSON, or NULL). */
xxgk_status reg_add(xxgk_reg *r, const char *action, const char *entity,
                    int64_t *id, const char *sql, const char *types, ...);
xxgk_status reg_change(xxgk_reg *r, const char *action, const char *entity,
                       int64_t id, const char *before, const char *sql,
                       const char *types, ...);
/* Closes a row that opens on one date and closes on another (a record
 * repealed, a review decided) on `date` (day d): runs `sql` (store_run's
 * bindings), audited as c->action with the row before. Refused, with the
 * messages of c->msg, if there is no such row ([0], given the id), if it
 * is closed already ([1], the id and that date) or if it opened after d
 * ([2], date and the opening date). */
struct reg_closing {
  const char *table;  /* "record"                                     */
  const char *dates;  /* selects its two dates by id, the second NULL
                         while open                                   */
  const char *action; /* "record.repeal"                              */
  const char *msg[3];
};
xxgk_status reg_close(xxgk_reg *r, const struct reg_closing *c, int64_t id,
                      const char *date, xxgk_date d, const char *sql,
                      const char *types, ...);
/* The checks of a new application's fields (reg_case.c), also those of an
 * edited one; sets *received. */
xxgk_status reg_check_case(xxgk_reg *r, const xxgk_case *c,
                           xxgk_date *received);
/* The row of `entity` (a table name the register owns) with this id as a
 * JSON object; NULL if none. Caller frees with free(). */
char *reg_row_json(xxgk_reg *r, const char *entity, int64_t id);
/* A row as a JSON object, its column names the keys (SQL NULL: null);
 * bytes become what `blob` makes of them (new reference). */
struct json_object;
struct json_object *
reg_row_object(const store_row *row,
               struct json_object *(*blob)(const store_val *v));

/* Sets `table`'s value for an agency, a year and an item, or deletes the
 * row when value is NULL or empty: the yearly tables (figure, narrative)
 * have columns agency_id, year, item_col, value_col, unique on the first
 * three. Audited as "TABLE.set" / "TABLE.clear" with the row before. Runs
 * inside the caller's write transaction; table and columns are the
 * register's own names, never user input. */
xxgk_status reg_yearly_put(xxgk_reg *r, const char *table,
                           const char *item_col, const char *value_col,
                           int64_t agency_id, int year, const char *item,
                           const char *value);

/* Parses a date and checks it lies in the calendar's range; `what` names
 * the field in the message ("收到日期"). */
xxgk_status reg_date(xxgk_reg *r, const char *s, const char *what,
                     xxgk_date *out);
/* reg_date, and the day must have come: what happened (a receipt, an
 * event, a review filed or decided) is never dated after today. */
xxgk_status reg_past_date(xxgk_reg *r, const char *s, const char *what,
                          xxgk_date *out);

/* Loads the holiday notices imported into the register over the bundled
 * calendar (reg_calendar.c; on open). */
xxgk_status reg_calendar_load(xxgk_reg *r);
/* xxgk_reg_calendar_sync with the generation g read already (by a
 * statement that read it with something else). */
xxgk_status reg_calendar_at(xxgk_reg *r, int64_t g, int *reloaded);

/* The integer `sql` selects by an id (its one parameter) into *out;
 * refused with the message `missing`, which formats the id (%lld), when
 * there is no such row. */
xxgk_status reg_find(xxgk_reg *r, int64_t *out, const char *sql, int64_t id,
                     const char *missing);
/* Whether the agency exists (message if not). */
xxgk_status reg_agency_exists(xxgk_reg *r, int64_t id);
/* The agency of application case_id; refused if there is no such
 * application. */
xxgk_status reg_case_agency(xxgk_reg *r, int64_t case_id, int64_t *agency);
/* The reason a clerk gives for a correction (`what`: "更正", "作废"), which
 * the audit log keeps: refused when missing or not UTF-8. */
xxgk_status reg_reason(xxgk_reg *r, const char *what, const char *reason);

/* The application of an event not voided, and its kind; XXGK_E_REFUSED
 * (with the message) if there is none (reg_attach.c). */
xxgk_status reg_event_of(xxgk_reg *r, int64_t event_id, int64_t *case_id,
                         xxgk_event_kind *kind);
/* Voids row id of `table` (attachment, delivery: columns void_reason,
 * void_at, void_by) once, with a reason, audited as "TABLE.void"; `what`
 * names the row in messages ("附件"). One transaction. */
xxgk_status reg_void_row(xxgk_reg *r, const char *table, const char *what,
                         int64_t id, const char *reason);

/* ## An enumeration's names (attachment kinds, queue classes, a round
 * unit's states): n keys, for commands and files, and n Chinese labels,
 * indexed by value. */

/* names[k], or NULL when k is not a value. */
static inline const char *reg_name(const char *const *names, int n, int k) {
  return k >= 0 && k < n ? names[k] : NULL;
}
/* The value whose key is s, or whose label when labels is not NULL; -1 if
 * none (s NULL included). */
static inline int reg_name_find(const char *const *keys,
                                const char *const *labels, int n,
                                const char *s) {
  for (int k = 0; s && k < n; k++)
    if (strcmp(s, keys[k]) == 0 || (labels && strcmp(s, labels[k]) == 0))
      return k;
  return -1;
}

/* ## Dictionary ties (format 2021) */

/* The table-3 row index of an outcome key (role OUTCOME), or -1. */
int reg_outcome_row(const char *key);
/* The applicant column (0..5) of table 3 for a category key, or -1. */
int reg_category_col(const char *key);
/* A comma-separated list of the valid keys for messages; static buffer. */
const char *reg_outcome_keys(void);
const char *reg_category_keys(void);

/* ## An agency and its units
 *
 * From the table agency_tree (every agency paired with itself and its
 * units at any depth, kept by a trigger). REG_WITHIN(col): col is the
 * agency bound here or one of its units, one index look-up per row (for
 * lists); REG_UNDER: " IN (…)" of the same set, for a query that reads
 * each agency's rows through an index on agency_id (the report). Each
 * takes one parameter, the agency's id. */
#define REG_WITHIN(col)                                                        \
  " EXISTS (SELECT 1 FROM agency_tree t WHERE t.ancestor = ?"                  \
  " AND t.descendant = " col ")"
#define REG_UNDER " IN (SELECT descendant FROM agency_tree WHERE ancestor = ?)"
/* REG_UNDER where the dialect has arrays (store_dialect.arrays), for the
 * case list's page and total, a statement run at every request: the set
 * is read once into an array (an InitPlan), where PostgreSQL ran the
 * other forms as a semi-join whose start-up (a hash table or a
 * Materialize, at every execution) cost about 7 % of the page. */
#define REG_UNDER_ARRAY                                                        \
  " = ANY (ARRAY(SELECT descendant FROM agency_tree WHERE ancestor = ?))"

/* ## Applications as read by the lists (reg_case.c, reg_query.c)
 *
 * The columns of an xxgk_case_row, in the order reg_case_row reads them;
 * the final event is the one copied onto the application's row, the
 * agency's name a look-up made for the rows returned only. */
#define REG_CASE_COLUMNS                                                       \
  REG_CASE_COLUMNS_NAMED(                                                      \
      "(SELECT g.name FROM agency g WHERE g.id = a.agency_id)")
/* The same with the agency's name from `name` ("NULL": the reader looks
 * it up, reg_agency_name; PostgreSQL runs the subquery above as a scan of
 * the agencies per row). */
#define REG_CASE_COLUMNS_NAMED(name)                                           \
  "SELECT a.id, a.agency_id, a.tracking, a.channel, a.received, a.category,"   \
  " a.applicant_name, a.applicant_id, a.applicant_contact, a.content,"         \
  " a.delivery, " name                                                         \
  ", a.final_kind, a.final_date, a.final_outcome, a.clerk"
/* The name of agency id into *name (borrowed until the next call), NULL
 * when there is none: from the names the handle read, which it reads
 * (all, one statement) when it meets an agency it has not seen. Agencies
 * are added, never renamed or removed, by the register; a change made
 * around it is forgotten with xxgk_reg_refresh. */
xxgk_status reg_agency_name(xxgk_reg *r, int64_t id, const char **name);
void reg_names_free(struct reg_names *m);
/* The row's values as an xxgk_case_row (borrowed, as the row's are);
 * due: NULL. */
void reg_case_row(const store_row *row, xxgk_case_row *out);

/* The events of one application in time order, for the rules and the
 * deadline. Strings are copies owned by the list. */
struct ev {
  int64_t id;
  xxgk_event_kind kind;
  xxgk_date date;
  char *outcome;
  xxgk_date until; /* the period set with it, or 0 */
  int by_page;     /* a fee notice counted by pages (按量) */
  xxgk_date delivered; /* a fee notice: its earliest delivery recorded,
                          or 0 */
};
struct ev_list {
  struct ev *v;
  int n;
  size_t cap;
  xxgk_date received;
  int64_t agency_id;
  char *applicant_id;
};
/* The columns of an event that the deadline reads, of `event e`, in the
 * order reg_event_row takes them. */
#define REG_EVENT_COLUMNS                                                      \
  "e.id, e.kind, e.date, e.outcome, e.until, e.fee_method,"                    \
  " CASE WHEN e.kind = 'fee_notice' THEN e.delivered END"
/* Appends the event of a row of REG_EVENT_COLUMNS (ctx: the ev_list). */
int reg_event_row(void *ctx, const store_row *row);
xxgk_status reg_load_events(xxgk_reg *r, int64_t case_id, struct ev_list *l);
/* Only the events, into a list whose application part the caller set. */
xxgk_status reg_load_events_only(xxgk_reg *r, int64_t case_id,
                                 struct ev_list *l);
void ev_list_free(struct ev_list *l);
/* The 2007 条例 governs applications received before the 2019 one took
 * effect (2019-05-15): 15 working days, extended by 15 (its art. 24). */
int reg_limit(xxgk_date received);
/* Whether a 补正 notice on day d came within the 7 working days after
 * receipt that art. 30 allows (always, under the 2007 条例). */
int reg_correction_timely(const xxgk_cal *c, xxgk_date received, xxgk_date d);
/* The deadline from a loaded list (reg_due.c). */
xxgk_status reg_compute_due(xxgk_reg *r, const struct ev_list *l,
                            xxgk_date today, xxgk_due *out);

/* ## What a report's figure counts (reg_report.c, reg_explain.c) */

/* One item a figure counts, and what it adds. */
struct report_hit {
  xxgk_item_kind kind;
  int64_t id;
  xxgk_num v;
};
/* Counts the agency's year as xxgk_reg_report does and keeps what went
 * into the figure at (row, col): *hits (free()) in counting order, *n of
 * them, *value the figure. Runs in the caller's read transaction. */
xxgk_status reg_report_hits(xxgk_reg *r, int64_t agency, int year, int row,
                            int col, struct report_hit **hits, size_t *n,
                            xxgk_num *value);

/* ## Legal bases (reg_basis.c) */

/* XXGK_E_REFUSED when the basis cites articles none of which fit the
 * outcome; OK when it fits, names no article, or the outcome has none. */
xxgk_status reg_basis_check(xxgk_reg *r, const char *outcome,
                            const char *basis);
/* "条例第三十六条第二项或…" for an outcome; "" if none; per thread. */
const char *reg_basis_articles(const char *outcome);

#endif
