/*
 * reg_query.c — the register read the way the web application pages it
 * (issue 6): applications filtered by state, outcome, applicant column,
 * receipt dates and a search text, counted and paged in SQL; and the lists
 * of reviews, active-disclosure records and yearly figures of an agency
 * with its units. Every filter is a bound parameter ("? IS NULL OR …"), so
 * one prepared statement serves every combination; the search uses
 * instr(), so '%' and '_' in it are plain characters. The deadlines of a
 * page's open applications are computed inside the same read (issue 9).
 */
#include "reg.h"

#include <stdio.h>
#include <string.h>

/* The filters; rows in the list's order come from the index
 * application_list (received, id, agency_id, final_date), read backwards,
 * so a page reads about as many index entries as it skips and shows. */
#define FROM_CASES                                                             \
  " FROM application a"                                                        \
  " WHERE (? = 0 OR" REG_WITHIN("a.agency_id") ")"                            \
  " AND (? = 0 OR (? = 1 AND a.final_date IS NULL)"                            \
  " OR (? = 2 AND a.final_date IS NOT NULL))"                                  \
  " AND (? IS NULL OR a.final_outcome = ?)"                                    \
  " AND (? IS NULL OR a.category = ?)"                                         \
  " AND (? IS NULL OR a.received >= ?)"                                        \
  " AND (? IS NULL OR a.received <= ?)"                                        \
  " AND (? IS NULL OR instr(a.tracking, ?) > 0 OR"                             \
  " instr(a.applicant_name, ?) > 0 OR instr(a.content, ?) > 0)"

#define FILTER_TYPES "iiiiitttttttttttt"
#define FILTER_ARGS(q, s)                                                      \
  (q)->agency_id, (q)->agency_id, (int64_t)(q)->state, (int64_t)(q)->state,    \
      (int64_t)(q)->state, (q)->outcome, (q)->outcome, (q)->category,          \
      (q)->category, (q)->from, (q)->from, (q)->to, (q)->to, s, s, s, s

struct page_ctx {
  xxgk_reg *r;
  xxgk_date today; /* 0: no deadlines */
  int (*cb)(void *ctx, const xxgk_case_row *row);
  void *ctx;
  xxgk_status st;
};

static int page_row(void *ctx, const store_row *row) {
  struct page_ctx *p = ctx;
  xxgk_case_row c;
  reg_case_row(row, &c);
  xxgk_due due;
  if (p->today && !c.final_kind) {
    struct ev_list l = {0};
    xxgk_date_parse(c.c.received, &l.received);
    p->st = reg_load_events_only(p->r, c.c.id, &l);
    if (p->st == XXGK_OK)
      p->st = reg_compute_due(p->r, &l, p->today, &due);
    ev_list_free(&l);
    if (p->st != XXGK_OK)
      return 1;
    c.due = &due;
  }
  return p->cb(p->ctx, &c);
}

static const char *blank_null(const char *s) { return s && *s ? s : NULL; }

/* The number of applications matching q, search s. */
static xxgk_status count_cases(xxgk_reg *r, const xxgk_case_query *q,
                               const char *s, int64_t *total) {
  xxgk_status st;
  if (!q->outcome && !q->category && !q->from && !q->to && !s)
    st = store_int(r->st, total, NULL,
                   "SELECT COALESCE(SUM(CASE ? WHEN 1 THEN open"
                   " WHEN 2 THEN applications - open ELSE applications END),"
                   " 0) FROM agency_tally WHERE ? = 0 OR" REG_WITHIN("agency_id"),
                   "iii", (int64_t)q->state, q->agency_id, q->agency_id);
  else
    st = store_int(r->st, total, NULL, "SELECT COUNT(*)" FROM_CASES,
                   FILTER_TYPES, FILTER_ARGS(q, s));
  return st == XXGK_OK ? XXGK_OK : reg_db(r);
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
  const char *s = blank_null(q.search);
  if (q.state < 0 || q.state > 2 || q.limit < 0 || q.offset < 0)
    return reg_fail(r, XXGK_E_REFUSED, "查询条件不对（状态、条数或起点）");
  struct page_ctx p = {r, q.today, cb, ctx, XXGK_OK};
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK && total)
    st = count_cases(r, &q, s, total);
  if (st == XXGK_OK &&
      store_query(r->st, page_row, &p,
                  REG_CASE_COLUMNS FROM_CASES
                  " ORDER BY a.received DESC, a.id DESC LIMIT ? OFFSET ?",
                  FILTER_TYPES "ii", FILTER_ARGS(&q, s),
                  q.limit ? q.limit : (int64_t)-1, q.offset) != XXGK_OK)
    st = reg_db(r);
  if (st == XXGK_OK)
    st = p.st;
  return reg_end(r, st);
}

/* ## Reviews, records, figures */

static const char *txt(const store_val *v) {
  return v->t == SV_TEXT ? v->s : NULL;
}

struct review_ctx {
  int (*cb)(void *, const xxgk_review *, const char *);
  void *ctx;
};

static int review_row(void *ctx, const store_row *row) {
  struct review_ctx *x = ctx;
  const store_val *v = row->v;
  xxgk_review rv = {.id = v[0].i,
                    .agency_id = v[1].i,
                    .kind = txt(&v[2]),
                    .filed = txt(&v[3]),
                    .result = txt(&v[4]),
                    .decided = txt(&v[5]),
                    .note = txt(&v[6])};
  return x->cb(x->ctx, &rv, txt(&v[7]));
}

xxgk_status xxgk_reg_review_list(xxgk_reg *r, int64_t agency_id,
                                 int (*cb)(void *, const xxgk_review *,
                                           const char *),
                                 void *ctx) {
  struct review_ctx x = {cb, ctx};
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK &&
      store_query(r->st, review_row, &x,
                  "SELECT v.id, v.agency_id, v.kind, v.filed, v.result,"
                  " v.decided, v.note, g.name"
                  " FROM review v JOIN agency g ON g.id = v.agency_id"
                  " WHERE ? = 0 OR" REG_WITHIN("v.agency_id")
                          " ORDER BY v.filed DESC, v.id DESC",
                  "ii", agency_id, agency_id) != XXGK_OK)
    st = reg_db(r);
  return reg_end(r, st);
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
                   .kind = txt(&v[2]),
                   .title = txt(&v[3]),
                   .number = txt(&v[4]),
                   .issued = txt(&v[5])};
  return x->cb(x->ctx, &d, txt(&v[6]), txt(&v[7]));
}

xxgk_status xxgk_reg_record_list(xxgk_reg *r, int64_t agency_id,
                                 int (*cb)(void *, const xxgk_record *,
                                           const char *, const char *),
                                 void *ctx) {
  struct record_ctx x = {cb, ctx};
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK &&
      store_query(r->st, record_row, &x,
                  "SELECT d.id, d.agency_id, d.kind, d.title, d.number,"
                  " d.issued, d.repealed, g.name"
                  " FROM record d JOIN agency g ON g.id = d.agency_id"
                  " WHERE ? = 0 OR" REG_WITHIN("d.agency_id")
                          " ORDER BY d.issued DESC, d.id DESC",
                  "ii", agency_id, agency_id) != XXGK_OK)
    st = reg_db(r);
  return reg_end(r, st);
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
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK &&
      store_query(r->st, figure_row, &x,
                  "SELECT item, value FROM figure WHERE agency_id = ? AND"
                  " year = ? ORDER BY item",
                  "id", agency_id, year) != XXGK_OK)
    st = reg_db(r);
  return reg_end(r, st);
}
