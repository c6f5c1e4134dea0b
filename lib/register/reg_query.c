/*
 * reg_query.c — the register read the way the web application pages it
 * applications filtered by state, outcome, applicant column,
 * receipt dates and a search text, counted and paged in SQL; and the lists
 * of reviews, active-disclosure records and yearly figures of an agency
 * with its units. Every filter is a bound parameter, and only the filters
 * a query has are in its statement, so that the planner can take an index
 * for them; the search is decided by instr(), so '%' and '_' in it are
 * plain characters. The deadlines of a page's open applications are
 * computed inside the same read, not with a query per application.
 */
#include "reg.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The filters. Only those a query has go into its WHERE clause, each a
 * term an index can serve in the list's order (received DESC, id DESC):
 * application_list (received, id, agency_id, final_date) for dates alone,
 * application_category and application_outcome (the filter, then
 * received, id and the other filters' columns), so a page reads about as
 * many index entries as it skips and shows, and a total with dates counts
 * index entries, never the rows (without dates it is a sum of tallies:
 * count_cases). The search text goes through application_text,
 * the trigram index of the three columns (schema 4), when it has three
 * characters or more; instr() still decides, so '%' and '_' are plain
 * characters and letters keep their case. The contact (a phone number)
 * has no index: its rows are read in the list's order, which is linear in
 * the agency's applications, for the office's rare look-up by phone. */
#define MAX_PARAMS 12 /* agency, 5 filters, index, 3 searches, page: 12 */

struct where {
  buf sql;                 /* " FROM application a WHERE …"  */
  store_val p[MAX_PARAMS]; /* its parameters, borrowed texts */
  int n;
};

static void bind_text(struct where *w, const char *s) {
  w->p[w->n++] = (store_val){.t = SV_TEXT, .s = s};
}

/* Fills w (w->sql to be freed by the caller) for q, search s, and the
 * trigram query `match` (NULL: the search scans); the agency's units as
 * an array (REG_UNDER_ARRAY) if `arrays`, for a page, which reads the
 * list's index in order until it has its rows either way. A count reads
 * every match: with the array, PostgreSQL's plan kept for the statement
 * counted a unit's dates by the whole register's range of
 * application_list, six times the EXISTS form's probe of each agency's
 * application_agency. */
static void where_build(struct where *w, const struct store_dialect *d,
                        const xxgk_case_query *q, const char *s,
                        const char *match, int arrays) {
  buf_puts(&w->sql, " FROM application a WHERE TRUE");
  if (q->agency_id) {
    buf_puts(&w->sql, arrays ? " AND a.agency_id" REG_UNDER_ARRAY
                             : " AND" REG_WITHIN("a.agency_id"));
    w->p[w->n++] = (store_val){.t = SV_INT, .i = q->agency_id};
  }
  if (q->state != XXGK_CASES_ALL)
    buf_puts(&w->sql, q->state == XXGK_CASES_OPEN
                          ? " AND a.final_date IS NULL"
                          : " AND a.final_date IS NOT NULL");
  const struct {
    const char *value, *sql;
  } terms[] = {{q->outcome, " AND a.final_outcome = ?"},
               {q->category, " AND a.category = ?"},
               {q->from, " AND a.received >= ?"},
               {q->to, " AND a.received <= ?"},
               {q->contact, " AND instr(a.applicant_contact, ?) > 0"},
               {match, d->text_match}};
  for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
    if (terms[i].value) {
      buf_puts(&w->sql, terms[i].sql);
      bind_text(w, terms[i].value);
    }
  if (s) {
    buf_puts(&w->sql, " AND (instr(a.tracking, ?) > 0 OR"
                      " instr(a.applicant_name, ?) > 0 OR"
                      " instr(a.content, ?) > 0)");
    bind_text(w, s);
    bind_text(w, s);
    bind_text(w, s);
  }
}

/* A page comes as one statement: REG_CASE_COLUMNS, the total (when the
 * statement counts it) and, where statements are round trips
 * (store_dialect.round_trips), REG_EVENT_COLUMNS — one row per event of
 * an open application (none of a closed one), an application's rows one
 * after another, so that the deadlines need no statement per application:
 * each application is held until a row of the next one (or the end)
 * shows that its events are all in. Elsewhere each open application's
 * events are read as its row comes. */
#define PAGE_TOTAL 16
#define PAGE_EVENT 17

struct page_ctx {
  xxgk_reg *r;
  xxgk_date today; /* 0: no deadlines */
  int (*cb)(void *ctx, const xxgk_case_row *row);
  void *ctx;
  xxgk_status st;
  int64_t total;             /* the total the rows carried, -1: none */
  int joined;                /* the events come joined to the rows */
  struct ev_list ev;         /* the current application's events */
  int held;                  /* joined: an application is held in `row` */
  store_val row[PAGE_EVENT]; /* its values, their texts in `text` */
  buf text;
};

/* Hands the application of `row` over, with its deadline when it is
 * open: from p->ev, its events joined, or else read now. */
static int page_emit(struct page_ctx *p, const store_row *row) {
  xxgk_case_row c;
  xxgk_due due;
  reg_case_row(row, &c);
  if (p->joined && p->st == XXGK_OK)
    p->st = reg_agency_name(p->r, c.c.agency_id, &c.agency);
  if (p->today && !c.final_kind) {
    if (!p->joined)
      p->st = reg_load_events_only(p->r, c.c.id, &p->ev);
    xxgk_date_parse(c.c.received, &p->ev.received);
    if (p->st == XXGK_OK)
      p->st = reg_compute_due(p->r, &p->ev, p->today, &due);
    c.due = &due;
  }
  ev_list_free(&p->ev);
  if (p->st != XXGK_OK)
    return 1;
  return p->cb(p->ctx, &c);
}

/* Hands over the held application, if any. */
static int page_flush(struct page_ctx *p) {
  if (!p->held)
    return 0;
  p->held = 0;
  return page_emit(p, &(store_row){PAGE_EVENT, NULL, p->row});
}

/* Holds the application of `row`: its values copied (the row's own are
 * gone when this callback returns), its texts into p->text at once. */
static void page_hold(struct page_ctx *p, const store_row *row) {
  size_t len[PAGE_EVENT], n = 0;
  for (int i = 0; i < PAGE_EVENT; i++)
    n += len[i] = row->v[i].t == SV_TEXT ? strlen(row->v[i].s) + 1 : 0;
  p->text.len = 0;
  buf_reserve(&p->text, n);
  char *at = p->text.data;
  for (int i = 0; i < PAGE_EVENT; i++) {
    p->row[i] = row->v[i];
    if (len[i]) {
      memcpy(at, row->v[i].s, len[i]);
      p->row[i].s = at;
      at += len[i];
    }
  }
  p->text.len = n;
  p->held = 1;
}

static int page_row(void *ctx, const store_row *row) {
  struct page_ctx *p = ctx;
  if (row->v[PAGE_TOTAL].t == SV_INT)
    p->total = row->v[PAGE_TOTAL].i;
  if (p->joined) {
    if (!p->held || p->row[0].i != row->v[0].i) {
      int stop = page_flush(p);
      if (stop)
        return stop;
      page_hold(p, row);
    }
    if (row->v[PAGE_EVENT].t != SV_NULL)
      reg_event_row(&p->ev,
                    &(store_row){row->n - PAGE_EVENT, row->names + PAGE_EVENT,
                                 row->v + PAGE_EVENT});
    return 0;
  }
  return page_emit(p, row);
}

/* Runs a page: `count` (SQL, or NULL) the total, then `apps` the page's
 * applications ("FROM application a …", in the list's order), p[0..n)
 * the parameters of both in that order. The joined statement orders by
 * application only: its events come in the index's order, and the list
 * puts them in theirs (reg_event_row), so PostgreSQL runs it without a
 * sort, straight from the page's index; the agencies' names are the
 * handle's (reg_agency_name): a join of them cost the statement a sixth
 * of its time, for names that the register never changes. */
#define PAGE_JOINED                                                            \
  REG_CASE_COLUMNS_NAMED("NULL")                                               \
  ", %s, " REG_EVENT_COLUMNS " FROM (SELECT a.*%s) a"                          \
  " LEFT JOIN event e ON e.application_id = a.id AND e.voided IS NULL"         \
  " AND a.final_kind IS NULL ORDER BY a.received DESC, a.id DESC"

static xxgk_status page_run(xxgk_reg *r, const char *count, const char *apps,
                            const store_val *p, int n, struct page_ctx *x) {
  buf sql = {0};
  x->joined = r->st->ops->dialect->round_trips && x->today;
  if (x->joined)
    buf_printf(&sql, PAGE_JOINED, count ? count : "NULL", apps);
  else
    buf_printf(&sql, REG_CASE_COLUMNS ", %s%s", count ? count : "NULL", apps);
  xxgk_status st = r->st->ops->exec(r->st, sql.data, p, n, page_row, x);
  if (st == XXGK_OK)
    page_flush(x); /* the last application: nothing follows to stop */
  ev_list_free(&x->ev);
  buf_free(&x->text);
  buf_free(&sql);
  return st;
}

static const char *blank_null(const char *s) { return s && *s ? s : NULL; }

static void bind_int(struct where *w, int64_t i) {
  w->p[w->n++] = (store_val){.t = SV_INT, .i = i};
}

/* A tally's count for the state bound here (XXGK_CASES_*) */
#define TALLY_STATE                                                            \
  "CASE ? WHEN 1 THEN open WHEN 2 THEN applications - open"                    \
  " ELSE applications END"

/* The number of applications matching q and search s (read in order,
 * not by the trigram index), as an expression (a subquery) into c with
 * its parameters: from the tallies when only agency and state filter
 * (an agency with its units: its row of agency_tree_tally), from
 * application_mix when only those and applicant column and outcome do.
 * As in where_build, only the filters the query has are in it: a
 * statement PostgreSQL plans once per connection, not per call. */
static void count_sql(const struct store_dialect *d, const xxgk_case_query *q,
                      const char *s, struct where *c) {
  if (q->from || q->to || s || q->contact) {
    struct where w = {{0}, {{0}}, 0};
    where_build(&w, d, q, s, NULL, 0);
    buf_puts(&c->sql, "(SELECT COUNT(*)");
    buf_put(&c->sql, w.sql.data, w.sql.len);
    buf_puts(&c->sql, ")");
    memcpy(c->p, w.p, (size_t)w.n * sizeof *w.p);
    c->n = w.n;
    buf_free(&w.sql);
    return;
  }
  int mix = q->outcome || q->category;
  if (!mix && q->agency_id) {
    buf_puts(&c->sql, "COALESCE((SELECT " TALLY_STATE
                      " FROM agency_tree_tally WHERE agency_id = ?), 0)");
    bind_int(c, q->state);
    bind_int(c, q->agency_id);
    return;
  }
  buf_puts(&c->sql, "(SELECT COALESCE(SUM(" TALLY_STATE "), 0)");
  bind_int(c, q->state);
  buf_puts(&c->sql, mix ? " FROM application_mix WHERE TRUE"
                        : " FROM agency_tally WHERE TRUE");
  if (q->agency_id) {
    buf_puts(&c->sql, d->arrays ? " AND agency_id" REG_UNDER_ARRAY
                                : " AND agency_id" REG_UNDER);
    bind_int(c, q->agency_id);
  }
  if (mix && q->category) {
    buf_puts(&c->sql, " AND category = ?");
    bind_text(c, q->category);
  }
  if (mix && q->outcome) {
    buf_puts(&c->sql, " AND outcome = ?");
    bind_text(c, q->outcome);
  }
  buf_puts(&c->sql, ")");
}

static int count_row(void *ctx, const store_row *row) {
  *(int64_t *)ctx = row->v[0].i;
  return 0;
}

/* Runs count_sql's c into *n. */
static xxgk_status count_run(xxgk_reg *r, const struct where *c, int64_t *n) {
  buf sql = {0};
  buf_puts(&sql, "SELECT ");
  buf_put(&sql, c->sql.data, c->sql.len);
  *n = 0;
  xxgk_status st = r->st->ops->exec(r->st, sql.data, c->p, c->n, count_row, n);
  buf_free(&sql);
  return st;
}

/* The applications of the register, from the tallies. */
static xxgk_status tally_all(xxgk_reg *r, int64_t *n) {
  xxgk_case_query all = {.state = XXGK_CASES_ALL};
  struct where c = {{0}, {{0}}, 0};
  count_sql(r->st->ops->dialect, &all, NULL, &c);
  xxgk_status st = count_run(r, &c, n);
  buf_free(&c.sql);
  return st;
}

/* How search s is read: *match, the trigram query (caller frees), or
 * NULL to check every row. The index reads its matches one by one through
 * the table, about half again as dear a row as reading the table in
 * order, and a total must see every match; so a text that most
 * applications hold (a word of every content) is read in order, its first
 * page stopping early, and a rarer one costs its matches, however large
 * the register. */
static xxgk_status search_plan(xxgk_reg *r, const char *s, char **match) {
  *match = r->st->ops->dialect->text_pattern(s);
  if (!*match)
    return XXGK_OK;
  int64_t hits = 0, all;
  xxgk_status st = tally_all(r, &all);
  if (st == XXGK_OK) /* counted no further than the choice needs */
    st = store_int(r->st, &hits, NULL, r->st->ops->dialect->text_count, "ti",
                   *match, all / 2 + 1);
  if (st != XXGK_OK || hits * 2 > all) {
    free(*match);
    *match = NULL;
  }
  return st;
}

/* A trigram search's matches come in id order, spread over the list: they
 * are read once, sorted by receipt, counted, and the page's ids kept
 * (a JSON array); then only the page's rows are read whole. */
struct ids_ctx {
  int64_t n, from, to; /* matches seen; the page is [from, to), to < 0: all */
  buf json;
};

static int id_row(void *ctx, const store_row *row) {
  struct ids_ctx *x = ctx;
  if (x->n >= x->from && (x->to < 0 || x->n < x->to))
    buf_printf(&x->json, "%s%lld", x->json.len > 1 ? "," : "",
               (long long)row->v[0].i);
  x->n++;
  return 0;
}

static xxgk_status match_page(xxgk_reg *r, const xxgk_case_query *q,
                              const struct where *w, int64_t *total,
                              struct page_ctx *p) {
  struct ids_ctx x = {0, q->offset, q->limit ? q->offset + q->limit : -1,
                      {0}};
  buf sql = {0};
  buf_puts(&x.json, "[");
  buf_puts(&sql, "SELECT a.id");
  buf_put(&sql, w->sql.data, w->sql.len);
  buf_puts(&sql, " ORDER BY a.received DESC, a.id DESC");
  xxgk_status st = r->st->ops->exec(r->st, sql.data, w->p, w->n, id_row, &x);
  buf_puts(&x.json, "]");
  *total = x.n;
  store_val ids = {.t = SV_TEXT, .s = x.json.data};
  buf page = {0};
  buf_puts(&page, " FROM application a WHERE a.id IN (SELECT value FROM ");
  buf_puts(&page, r->st->ops->dialect->json_ints);
  buf_puts(&page, " j) ORDER BY a.received DESC, a.id DESC");
  if (st == XXGK_OK)
    st = page_run(r, NULL, page.data, &ids, 1, p);
  buf_free(&page);
  buf_free(&sql);
  buf_free(&x.json);
  return st;
}

xxgk_status xxgk_reg_case_query(xxgk_reg *r, const xxgk_case_query *q0,
                                int64_t *total,
                                int (*cb)(void *, const xxgk_case_row *),
                                void *ctx) {
  xxgk_case_query q = *q0;
  q.outcome = blank_null(q.outcome);
  q.category = blank_null(q.category);
  q.from = blank_null(q.from);
  q.to = blank_null(q.to);
  q.contact = blank_null(q.contact);
  const char *s = blank_null(q.search);
  if (q.state < XXGK_CASES_ALL || q.state > XXGK_CASES_CLOSED || q.limit < 0 ||
      q.offset < 0)
    return reg_fail(r, XXGK_E_REFUSED, "查询条件不对（状态、条数或起点）");
  char *match = NULL;
  struct where w = {{0}, {{0}}, 0}, c = {{0}, {{0}}, 0};
  struct page_ctx p = {
      .r = r, .today = q.today, .cb = cb, .ctx = ctx, .total = -1};
  int64_t n = 0;
  /* A search reads in several statements, one snapshot; a list without
   * one is a single statement, its own snapshot, with no transaction
   * around it (BEGIN and COMMIT would be round trips of their own). */
  xxgk_status st = XXGK_OK;
  if (s)
    st = reg_begin(r, 0);
  else
    r->err[0] = 0;
  if (st == XXGK_OK && s && search_plan(r, s, &match) != XXGK_OK)
    st = reg_db(r);
  /* a trigram search reads every match, as a count does */
  where_build(&w, r->st->ops->dialect, &q, s, match,
              r->st->ops->dialect->arrays && !match);
  if (st == XXGK_OK && match) {
    if (match_page(r, &q, &w, &n, &p) != XXGK_OK)
      st = reg_db(r);
  } else if (st == XXGK_OK) {
    /* the total first, its parameters before the page's */
    if (total)
      count_sql(r->st->ops->dialect, &q, s, &c);
    buf apps = {0};
    buf_put(&apps, w.sql.data, w.sql.len);
    buf_puts(&apps, " ORDER BY a.received DESC, a.id DESC");
    store_val all[2 * MAX_PARAMS];
    memcpy(all, c.p, (size_t)c.n * sizeof *all);
    memcpy(all + c.n, w.p, (size_t)w.n * sizeof *all);
    int k = c.n + w.n;
    /* A page's bounds are numbers in the statement, not parameters:
     * PostgreSQL plans a LIMIT it is not told as if it read a tenth of
     * the table, so the plan it could keep for the statement never looks
     * cheaper than one made for the call's values, and every call was
     * planned anew (planning took twice the run's time). Two integers
     * (checked non-negative above): one statement per page size and page
     * seen, each planned once per connection. */
    if (q.limit) {
      buf_printf(&apps, " LIMIT %lld OFFSET %lld", (long long)q.limit,
                 (long long)q.offset);
    } else if (q.offset) {
      /* no limit: the largest (SQLite reads -1 so, PostgreSQL refuses it) */
      buf_puts(&apps, " LIMIT ? OFFSET ?");
      all[k++] = (store_val){.t = SV_INT, .i = INT64_MAX};
      all[k++] = (store_val){.t = SV_INT, .i = q.offset};
    }
    if (page_run(r, total ? c.sql.data : NULL, apps.data, all, k, &p) !=
        XXGK_OK)
      st = reg_db(r);
    /* a page past the end carries no total: counted on its own */
    else if (total && p.total < 0 && count_run(r, &c, &p.total) != XXGK_OK)
      st = reg_db(r);
    n = p.total;
    buf_free(&apps);
  }
  if (st == XXGK_OK) {
    st = p.st;
    if (total)
      *total = n;
  }
  buf_free(&w.sql);
  buf_free(&c.sql);
  free(match);
  return s ? reg_end(r, st) : st;
}

/* ## Reviews, records, figures */

struct review_ctx {
  int (*cb)(void *, const xxgk_review *, const char *);
  void *ctx;
};

static int review_row(void *ctx, const store_row *row) {
  struct review_ctx *x = ctx;
  const store_val *v = row->v;
  xxgk_review rv = {.id = v[0].i,
                    .agency_id = v[1].i,
                    .kind = store_text(&v[2]),
                    .filed = store_text(&v[3]),
                    .result = store_text(&v[4]),
                    .decided = store_text(&v[5]),
                    .note = store_text(&v[6])};
  return x->cb(x->ctx, &rv, store_text(&v[7]));
}

xxgk_status xxgk_reg_review_list(xxgk_reg *r, int64_t agency_id,
                                 int (*cb)(void *, const xxgk_review *,
                                           const char *),
                                 void *ctx) {
  struct review_ctx x = {cb, ctx};
  return reg_read(r, review_row, &x,
                  "SELECT v.id, v.agency_id, v.kind, v.filed, v.result,"
                  " v.decided, v.note, g.name"
                  " FROM review v JOIN agency g ON g.id = v.agency_id"
                  " WHERE ? = 0 OR" REG_WITHIN(
                      "v.agency_id") " ORDER BY v.filed DESC, v.id DESC",
                  "ii", agency_id, agency_id);
}

struct record_ctx {
  int (*cb)(void *, const xxgk_record *, const char *, const char *);
  void *ctx;
};

static int record_row(void *ctx, const store_row *row) {
  struct record_ctx *x = ctx;
  const store_val *v = row->v;
  xxgk_record d = {.id = v[0].i,
                   .agency_id = v[1].i,
                   .kind = store_text(&v[2]),
                   .title = store_text(&v[3]),
                   .number = store_text(&v[4]),
                   .issued = store_text(&v[5])};
  return x->cb(x->ctx, &d, store_text(&v[6]), store_text(&v[7]));
}

xxgk_status xxgk_reg_record_list(xxgk_reg *r, int64_t agency_id,
                                 int (*cb)(void *, const xxgk_record *,
                                           const char *, const char *),
                                 void *ctx) {
  struct record_ctx x = {cb, ctx};
  return reg_read(r, record_row, &x,
                  "SELECT d.id, d.agency_id, d.kind, d.title, d.number,"
                  " d.issued, d.repealed, g.name"
                  " FROM record d JOIN agency g ON g.id = d.agency_id"
                  " WHERE ? = 0 OR" REG_WITHIN(
                      "d.agency_id") " ORDER BY d.issued DESC, d.id DESC",
                  "ii", agency_id, agency_id);
}

struct figure_ctx {
  int (*cb)(void *, const char *, const char *);
  void *ctx;
};

static int figure_row(void *ctx, const store_row *row) {
  struct figure_ctx *x = ctx;
  return x->cb(x->ctx, row->v[0].s, row->v[1].s);
}

xxgk_status xxgk_reg_figure_list(xxgk_reg *r, int64_t agency_id, int year,
                                 int (*cb)(void *, const char *,
                                           const char *),
                                 void *ctx) {
  struct figure_ctx x = {cb, ctx};
  return reg_read(r, figure_row, &x,
                  "SELECT item, value FROM figure WHERE agency_id = ? AND"
                  " year = ? ORDER BY item",
                  "id", agency_id, year);
}
