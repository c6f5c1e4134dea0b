/*
 * test_report_grouped.c — the annual report counted in the database
 * (grouped: a few hundred rows whatever the register's size) or row by row
 * gives every figure that the per-row computation the report had before
 * gave: that computation is kept here, as the reference, reading the same
 * tables item by item and counting in C.
 *
 * The register has the cases where the two could part: applications
 * carried over from the year before and closed in the year or after it,
 * withdrawn, a fee lapsed, fee notices paid in the next year, voided
 * replies and voided fee events, reviews decided after the year, records
 * repealed in and after the year, yearly figures with decimals; an agency
 * tree three levels deep, each agency's report with its descendants and
 * its own. Both shapes of the query run on the backend under test (the
 * grouped one is PostgreSQL's, the row-by-row one SQLite's), every report
 * from 2021 to 2025 compared cell by cell, mantissa and scale.
 */
#include "h_db.h"
#include "h_reg.h"
#include "reg.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>

/* ## The reference: the report's counting as it was, row by row in C */

struct ref {
  char jan1[11], dec31[11];
  int64_t cells[XXGK_DICT_ROWS][XXGK_MAX_COLS];
  xxgk_num money[XXGK_DICT_ROWS][XXGK_MAX_COLS];
  int bad;
};

static int row21(xxgk_table t, const char *key) {
  return xxgk_dict_find_row(t, key, XXGK_FORMAT_2021);
}

static int col_of(int row, const char *key) {
  const xxgk_row_def *d = xxgk_dict_row(row);
  for (int c = 0; d && key && c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, key) == 0)
      return c;
  return -1;
}

static void bump(struct ref *k, int row, int col, xxgk_num v) {
  if (xxgk_dict_row(row)->cols[col].kind == XXGK_KIND_MONEY)
    k->bad |= xxgk_num_add(k->money[row][col], v, &k->money[row][col]) != 0;
  else
    k->cells[row][col] += v.mant;
}

/* One item in its cell, in its row's 总计 column and, for an outcome, in
 * the （七）总计 row. */
static void add(struct ref *k, int row, int col, xxgk_num v) {
  const xxgk_row_def *d = xxgk_dict_row(row);
  int tot = d->role == XXGK_ROLE_TOTAL ? -1 : col_of(row, "total");
  int total_row = row21(XXGK_T_APPLICATIONS, "total");
  k->bad |= row < 0 || col < 0;
  if (k->bad)
    return;
  bump(k, row, col, v);
  if (tot >= 0 && col != tot)
    bump(k, row, tot, v);
  if (d->role == XXGK_ROLE_OUTCOME) {
    bump(k, total_row, col, v);
    if (tot >= 0 && col != tot)
      bump(k, total_row, tot, v);
  }
}

static const xxgk_num ONE = {1, 0};

static const char *text(const store_val *v) {
  return v->t == SV_TEXT ? v->s : NULL;
}

static int ref_case(void *ctx, const store_row *row) {
  struct ref *k = ctx;
  const char *received = row->v[1].s, *final = text(&row->v[3]);
  int col = reg_category_col(row->v[2].s);
  add(k,
      row21(XXGK_T_APPLICATIONS,
            strcmp(received, k->jan1) >= 0 ? "received" : "carried_over"),
      col, ONE);
  if (final && strcmp(final, k->dec31) <= 0)
    add(k, reg_outcome_row(text(&row->v[4])), col, ONE);
  else
    add(k, row21(XXGK_T_APPLICATIONS, "carried_forward"), col, ONE);
  return 0;
}

static int ref_review(void *ctx, const store_row *row) {
  struct ref *k = ctx;
  int r = row21(XXGK_T_REVIEWS, row->v[1].s);
  const char *decided = text(&row->v[3]);
  add(k, r,
      col_of(r, decided && strcmp(decided, k->dec31) <= 0 ? text(&row->v[2])
                                                          : "pending"),
      ONE);
  return 0;
}

static int ref_record(void *ctx, const store_row *row) {
  struct ref *k = ctx;
  int r = row21(XXGK_T_ACTIVE, row->v[1].s);
  const char *issued = row->v[2].s, *repealed = text(&row->v[3]);
  if (strcmp(issued, k->jan1) >= 0)
    add(k, r, col_of(r, "issued"), ONE);
  if (repealed && strcmp(repealed, k->jan1) >= 0 &&
      strcmp(repealed, k->dec31) <= 0)
    add(k, r, col_of(r, "repealed"), ONE);
  if (!repealed || strcmp(repealed, k->dec31) > 0)
    add(k, r, col_of(r, "in_force"), ONE);
  return 0;
}

static int ref_figure(void *ctx, const store_row *row) {
  struct ref *k = ctx;
  xxgk_num v;
  k->bad |= xxgk_num_parse(row->v[2].s, strlen(row->v[2].s), &v) != 0;
  add(k, row21(XXGK_T_ACTIVE, row->v[1].s), 0, v);
  return 0;
}

static int ref_fee(void *ctx, const store_row *row) {
  struct ref *k = ctx;
  int r = row21(XXGK_T_FEES, NULL);
  xxgk_num amount = {row->v[2].t == SV_INT ? row->v[2].i : 0, 0};
  int notice = strcmp(row->v[1].s, "fee_notice") == 0;
  if (notice)
    add(k, r, col_of(r, "notices"), ONE);
  add(k, r, col_of(r, notice ? "amount_due" : "collected"), amount);
  return 0;
}

#define UNDER                                                                  \
  " IN (SELECT descendant FROM agency_tree WHERE ancestor = ?"                 \
  " AND (? = 0 OR descendant = ancestor))"

/* The figures of agency's report for year (alone: without its units). */
static void reference(xxgk_reg *r, int64_t agency, int year, int alone,
                      struct ref *k) {
  struct store *db = r->st;
  memset(k, 0, sizeof *k);
  snprintf(k->jan1, sizeof k->jan1, "%04d-01-01", year);
  snprintf(k->dec31, sizeof k->dec31, "%04d-12-31", year);
  /* what was open on 1 January or came in during the year */
  static const struct {
    store_row_cb cb;
    const char *sql;
  } SCANS[] = {
      {ref_case, "SELECT id, received, category, final_date, final_outcome"
                 " FROM application WHERE agency_id" UNDER
                 " AND received <= ?"
                 " AND (final_date IS NULL OR final_date >= ?)"},
      {ref_review, "SELECT id, kind, result, decided FROM review"
                   " WHERE agency_id" UNDER " AND filed <= ?"
                   " AND (decided IS NULL OR decided >= ?)"},
      {ref_record, "SELECT id, kind, issued, repealed FROM record"
                   " WHERE agency_id" UNDER " AND issued <= ?"
                   " AND (repealed IS NULL OR repealed >= ?)"},
  };
  for (size_t i = 0; i < sizeof SCANS / sizeof SCANS[0]; i++)
    CHECK_INT(store_query(db, SCANS[i].cb, k, SCANS[i].sql, "idtt", agency,
                          alone, k->dec31, k->jan1),
              XXGK_OK);
  CHECK_INT(store_query(db, ref_figure, k,
                        "SELECT id, item, value FROM figure"
                        " WHERE agency_id" UNDER " AND year = ?",
                        "idd", agency, alone, year),
            XXGK_OK);
  CHECK_INT(store_query(db, ref_fee, k,
                        "SELECT e.id, e.kind, e.amount FROM event e"
                        " JOIN application a ON a.id = e.application_id"
                        " WHERE e.kind IN ('fee_notice', 'fee_paid')"
                        " AND e.voided IS NULL"
                        " AND e.date >= ? AND e.date <= ?"
                        " AND a.agency_id" UNDER,
                        "ttid", k->jan1, k->dec31, agency, alone),
            XXGK_OK);
  CHECK(!k->bad, "the reference met an unknown key or an overflow");
}

/* ## The register */

static const char *const OUTS[] = {
    "granted",         "partially_granted",       "withheld_state_secret",
    "unable_not_held", "not_processed_duplicate", "other_other"};

static int64_t event(xxgk_reg *r, int64_t id, xxgk_event_kind kind,
                     xxgk_date d, const char *outcome, int pages) {
  int64_t e = 0;
  CHECK(h_step(r, id, kind, d, outcome, pages, &e) == XXGK_OK,
        "event %d of application %lld: %s", kind, (long long)id,
        xxgk_reg_errmsg(r));
  return e;
}

static void void_event(xxgk_reg *r, int64_t event_id) {
  CHECK(xxgk_reg_event_void(r, event_id, "录入错误") == XXGK_OK, "void: %s",
        xxgk_reg_errmsg(r));
}

/* One application received on `rec`, closed `days` later (often past 31
 * December), on one of the courses that matter to the report. */
static int64_t application(xxgk_reg *r, int64_t agency, xxgk_date rec) {
  int64_t id = h_case(r, agency, rec);
  xxgk_date d = rec + 1 + (xxgk_date)rnd(12);
  int64_t e;
  int course = (int)rnd(9);
  if (course >= 2 && course <= 4 && rec < D("2021-01-01"))
    course = 8; /* no fee before 109号 was in force */
  switch (course) {
  case 0: /* still open */
    break;
  case 1: /* withdrawn */
    event(r, id, XXGK_EV_WITHDRAWN, d, NULL, 0);
    break;
  case 2: /* a fee lapsed, often in the next year */
    event(r, id, XXGK_EV_FEE_NOTICE, d, NULL, 40 + (int)rnd(300));
    event(r, id, XXGK_EV_FEE_SERVED, d + 1, NULL, 0);
    event(r, id, XXGK_EV_FEE_LAPSED, d + 40, NULL, 0);
    break;
  case 3: /* a fee paid, then the reply */
    event(r, id, XXGK_EV_FEE_NOTICE, d, NULL, 31 + (int)rnd(250));
    event(r, id, XXGK_EV_FEE_PAID, d + 10, NULL, 0);
    event(r, id, XXGK_EV_REPLY, d + 14, "granted", 0);
    break;
  case 4: /* a fee notice voided, the application left open */
    void_event(r, event(r, id, XXGK_EV_FEE_NOTICE, d, NULL, 60));
    break;
  case 5: /* a reply voided, then replied again (maybe in the next year) */
    e = event(r, id, XXGK_EV_REPLY, d, OUTS[rnd(6)], 0);
    void_event(r, e);
    event(r, id, XXGK_EV_REPLY, d + 15, OUTS[rnd(6)], 0);
    break;
  case 6: /* a reply voided: open again */
    void_event(r, event(r, id, XXGK_EV_REPLY, d, OUTS[rnd(6)], 0));
    break;
  default:
    event(r, id, XXGK_EV_REPLY, d + (xxgk_date)rnd(15), OUTS[rnd(6)], 0);
  }
  return id;
}

/* Items on the years' first and last days, where a comparison off by one
 * would count them in the wrong year. */
static void boundaries(xxgk_reg *r, int64_t agency) {
  static const char *const DAYS[][2] = {{"2022-01-01", "2023-01-01"},
                                        {"2021-12-31", "2022-12-31"},
                                        {"2022-12-31", "2023-12-31"}};
  for (int i = 0; i < 3; i++) {
    xxgk_record rec = {.agency_id = agency, .kind = "rules",
                       .title = "某规章", .issued = DAYS[i][0]};
    CHECK_INT(xxgk_reg_record_add(r, &rec), XXGK_OK);
    CHECK_INT(xxgk_reg_record_repeal(r, rec.id, DAYS[i][1]), XXGK_OK);
    xxgk_case c = {.agency_id = agency, .channel = "邮寄",
                   .received = DAYS[i][0], .category = CATS[i],
                   .name = "申请人", .content = "某项信息"};
    CHECK(xxgk_reg_case_new(r, &c) == XXGK_OK, "case: %s",
          xxgk_reg_errmsg(r));
    event(r, c.id, XXGK_EV_FEE_NOTICE, D(DAYS[i][0]), NULL, 100);
    event(r, c.id, XXGK_EV_FEE_PAID, D(DAYS[i][0]) + 1, NULL, 0);
    event(r, c.id, XXGK_EV_REPLY, D(DAYS[i][1]), "granted", 0);
    xxgk_review v = {.agency_id = agency, .kind = "administrative_review",
                     .filed = DAYS[i][0], .cases = &c.id, .n_cases = 1};
    CHECK_INT(xxgk_reg_review_add(r, &v), XXGK_OK);
    CHECK_INT(xxgk_reg_review_decide(r, v.id, "upheld", DAYS[i][1]), XXGK_OK);
  }
}

/* An office, two units and a unit of a unit (agency_tree's descendants
 * two levels down); applications from mid-2020 to the end of 2024,
 * reviews, records and figures. ids: top, unit, sub-unit, other unit. */
static void generate(xxgk_reg *r, int64_t ids[4]) {
  ids[0] = h_agency(r, 0, "某市人民政府办公室").id;
  ids[1] = h_agency(r, ids[0], "某市教育局").id;
  ids[2] = h_agency(r, ids[1], "某市教育考试院").id;
  ids[3] = h_agency(r, ids[0], "某市自然资源局").id;
  CHECK_INT(xxgk_reg_batch_begin(r), XXGK_OK);
  boundaries(r, ids[2]);
  int64_t apps[2048];
  xxgk_date received[2048];
  int64_t agency[2048];
  int n = 0;
  /* most in the last weeks of a year, so that many close after it */
  for (xxgk_date d = D("2020-06-01"); d < D("2024-12-31"); d += 1 + rnd(5)) {
    int month_12 = (d + 40) % 365 < 40;
    for (int k = month_12 ? 3 : 1; k > 0 && n < 2048; k--, n++) {
      received[n] = d;
      agency[n] = ids[rnd(4)];
      apps[n] = application(r, agency[n], d);
    }
  }
  for (int i = 0; i < 80; i++) {
    char filed[11], decided[11];
    /* filed up to a year after the application, decided up to 300 days
     * later: both often in the next year */
    int a = (int)rnd((unsigned)n);
    int64_t app = apps[a];
    xxgk_date f = received[a] + 30 + (xxgk_date)rnd(365);
    xxgk_date_format(f, filed);
    xxgk_date dd = f + 20 + (xxgk_date)rnd(300);
    xxgk_date_format(dd, decided);
    int64_t v = h_review(r, agency[a], app, filed);
    static const char *const RES[] = {"upheld", "corrected", "other"};
    if (rnd(4) && dd < D("2026-06-01"))
      CHECK(xxgk_reg_review_decide(r, v, RES[rnd(3)], decided) == XXGK_OK,
            "decide: %s", xxgk_reg_errmsg(r));
  }
  h_records(r, ids, 4, 60, 2150, 30);
  for (int y = 2021; y <= 2025; y++)
    for (int a = 0; a < 4; a++) {
      char v[16];
      snprintf(v, sizeof v, "%u", rnd(50));
      CHECK_INT(xxgk_reg_figure_set(r, ids[a], y, "licensing", v), XXGK_OK);
      snprintf(v, sizeof v, "%u.%0*u", rnd(9), 1 + (int)rnd(4), rnd(10));
      CHECK_INT(xxgk_reg_figure_set(r, ids[a], y, "fees", v), XXGK_OK);
    }
  CHECK_INT(xxgk_reg_batch_end(r), XXGK_OK);
}

/* ## The comparison */

/* Every cell of the report against the reference's; the cells that are
 * not zero counted into *nonzero. */
static void compare(xxgk_reg *r, int64_t agency, int year, int alone,
                    const char *shape, int *nonzero) {
  xxgk_doc *d = NULL;
  xxgk_status st = alone ? xxgk_reg_report_own(r, agency, year, &d)
                         : xxgk_reg_report(r, agency, year, &d);
  CHECK(st == XXGK_OK, "%s report %lld/%d: %s", shape, (long long)agency,
        year, xxgk_reg_errmsg(r));
  if (!d)
    return;
  struct ref k;
  reference(r, agency, year, alone, &k);
  for (int row = 0; row < xxgk_dict_n_rows(); row++) {
    const xxgk_row_def *def = xxgk_dict_row(row);
    if (!(def->formats & XXGK_FORMAT_2021))
      continue;
    for (int col = 0; col < def->n_cols; col++) {
      const xxgk_cell *c = xxgk_doc_cell(d, row, col);
      xxgk_num want = def->cols[col].kind == XXGK_KIND_MONEY
                          ? k.money[row][col]
                          : (xxgk_num){k.cells[row][col], 0};
      CHECK(c && c->num.mant == want.mant && c->num.scale == want.scale,
            "%s, agency %lld%s, %d, %s/%s: %lld (scale %d), the per-row "
            "count %lld (scale %d)",
            shape, (long long)agency, alone ? " alone" : "", year, def->key,
            def->cols[col].key, c ? (long long)c->num.mant : -1LL,
            c ? c->num.scale : -1, (long long)want.mant, want.scale);
      *nonzero += want.mant != 0;
    }
  }
  CHECK_INT(xxgk_check(d), 0);
  xxgk_doc_free(d);
}

int main(void) {
  h_db_start();
  xxgk_reg *r = h_reg_on(h_db(), "2026-06-01");
  int64_t ids[4];
  generate(r, ids);
  /* Both shapes of the report's queries on this backend: its own, and the
   * other through a copy of its dialect. */
  const struct store_ops *own = r->st->ops;
  struct store_dialect dialect = *own->dialect;
  struct store_ops ops = *own;
  ops.dialect = &dialect;
  r->st->ops = &ops;
  for (int grouped = 0; grouped <= 1; grouped++) {
    dialect.report_grouped = grouped;
    const char *shape = grouped ? "grouped" : "row by row";
    int nonzero = 0;
    for (int year = 2021; year <= 2025; year++)
      for (int a = 0; a < 4; a++)
        for (int alone = 0; alone <= 1; alone++)
          compare(r, ids[a], year, alone, shape, &nonzero);
    /* a register that fills few cells would prove little */
    CHECK(nonzero > 1000, "%s: only %d cells not zero", shape, nonzero);
    printf("%s: %d figures not zero, each as the per-row count\n", shape,
           nonzero);
  }
  r->st->ops = own;
  xxgk_reg_close(r);
  return h_summary();
}
