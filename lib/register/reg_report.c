/*
 * reg_report.c — the annual report (format 2021) from the register. The
 * counting rules, for year Y and an agency with all its units:
 *
 *   table 3  received        received in Y
 *            carried_over    received before Y, not closed before 1 Jan Y
 *            outcome rows    final events dated in Y, by their outcome
 *            carried_forward received by 31 Dec Y, not closed by then
 *            (each by the applicant's column; totals are sums)
 *   table 4  cases filed by 31 Dec Y and not decided before 1 Jan Y:
 *            decided in Y by result, the rest pending
 *   table 2  规章 / 行政规范性文件 issued, repealed in Y, in force on 31 Dec;
 *            the decisions and 收费 figures entered for Y, summed over units
 *   fees     收费通知 issued in Y and their amounts; amounts paid in Y
 *
 * A1 holds by construction: whatever was open on 1 January or came in
 * during Y was either closed in Y (one outcome) or is open on 31 December,
 * since no final event predates its receipt. The counting rules are here
 * in C, so the backend only has to run SQL: it hands over each item (the
 * embedded SQLite, where a row costs a function call) or, grouped by the
 * comparisons the rules make, one row per group with its count (a server,
 * where each row is a message) — store_dialect.report_grouped.
 *
 * Every item is counted by one function (add), which also keeps it when
 * its cell is the one being explained (xxgk_reg_report_explain): the list
 * of what a figure counts is a by-product of counting it, never a second
 * query that could disagree.
 */
#include "reg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts {
  xxgk_reg *r;
  char jan1[11], dec31[11];
  int64_t cells[XXGK_DICT_ROWS][XXGK_MAX_COLS];
  xxgk_num money[XXGK_DICT_ROWS][XXGK_MAX_COLS];
  int row_received, row_over, row_forward, row_total;
  signed char tot[XXGK_DICT_ROWS];  /* each row's "total" column, or -1 */
  char outcome[XXGK_DICT_ROWS];     /* the row is an outcome of table 3 */
  xxgk_status st;
  int alone; /* the agency's own rows only, not its units' */
  struct memo {
    struct {
      char key[48];
      int at;
    } v[48];
    int n;
  } cats, outs; /* the keys met so far and their column or row */
  /* xxgk_reg_report_explain: the cell wanted (row -1: none) and what
   * went into it */
  int want_row, want_col;
  struct report_hit *hits;
  size_t n_hits, cap_hits;
};

/* The column or row of a key the scan meets on every row (six applicant
 * categories, a few dozen outcomes): looked up in the dictionary the
 * first time only (a third of a large report's time went to look-ups). */
static int remembered(struct memo *m, const char *key,
                      int (*look)(const char *)) {
  for (int i = 0; key && i < m->n; i++)
    if (strcmp(m->v[i].key, key) == 0)
      return m->v[i].at;
  int at = look(key);
  if (key && m->n < 48 && strlen(key) < sizeof m->v[0].key) {
    strcpy(m->v[m->n].key, key);
    m->v[m->n++].at = at;
  }
  return at;
}

static int row21(xxgk_table t, const char *key) {
  return xxgk_dict_find_row(t, key, XXGK_FORMAT_2021);
}

static int col_of(int row, const char *key) {
  return xxgk_dict_find_col(row, key);
}

/* Adds v to one cell, and remembers the item when it is the cell being
 * explained. */
static void bump(struct counts *k, int row, int col, xxgk_item_kind kind,
                 int64_t id, xxgk_num v) {
  if (xxgk_dict_row(row)->cols[col].kind == XXGK_KIND_MONEY) {
    if (xxgk_num_add(k->money[row][col], v, &k->money[row][col]) != 0 &&
        k->st == XXGK_OK)
      k->st = reg_fail(k->r, XXGK_E_DB, "合计溢出：%s",
                       xxgk_dict_row(row)->label);
  } else {
    k->cells[row][col] += v.mant;
  }
  if (row != k->want_row || col != k->want_col)
    return;
  if (k->n_hits == k->cap_hits) {
    k->cap_hits = k->cap_hits ? 2 * k->cap_hits : 64;
    k->hits = xxgk_realloc(k->hits, k->cap_hits * sizeof *k->hits);
  }
  k->hits[k->n_hits++] = (struct report_hit){kind, id, v};
}

/* Counts one item in its cell and in the totals that include it (the
 * row's 总计 column; for an outcome, the （七）总计 row): every figure of
 * the report, and every list of what a figure counts, comes from here. */
static void add(struct counts *k, int row, int col, xxgk_item_kind kind,
                int64_t id, xxgk_num v) {
  int tot = k->tot[row];
  bump(k, row, col, kind, id, v);
  if (tot >= 0 && col != tot)
    bump(k, row, tot, kind, id, v);
  if (k->outcome[row]) {
    bump(k, k->row_total, col, kind, id, v);
    if (tot >= 0 && col != tot)
      bump(k, k->row_total, tot, kind, id, v);
  }
}

/* An integer of a row, NULL as 0; a sum that no longer fits (PostgreSQL
 * then returns it as a decimal text) sets the status. */
static int64_t number(struct counts *k, const store_val *v) {
  if (v->t == SV_INT)
    return v->i;
  if (v->t != SV_NULL)
    k->st = reg_fail(k->r, XXGK_E_DB, "合计溢出：%s", v->s ? v->s : "");
  return 0;
}

/* How many items a row of count_all's queries stands for: a grouped row
 * carries its count in the column after the item's (`at`), a row read
 * item by item has none and counts 1. */
static xxgk_num items(struct counts *k, const store_row *row, int at) {
  return (xxgk_num){row->n > at ? number(k, &row->v[at]) : 1, 0};
}

/* A row the report cannot place: a kind (`what`: "文件类别"), and the key
 * read (NULL: not named), the register's tables do not know. Returns 1,
 * which stops the scan. */
static int unknown(struct counts *k, const char *what, const char *key) {
  k->st = key ? reg_fail(k->r, XXGK_E_DB, "登记簿中有未知的%s“%s”", what, key)
              : reg_fail(k->r, XXGK_E_DB, "登记簿中有未知的%s", what);
  return 1;
}

/* Columns: id, received, category, final_date, final_outcome[, n]. */
static int count_case(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  const char *received = row->v[1].s, *final = NULL, *outcome = NULL;
  if (row->v[3].t == SV_TEXT)
    final = row->v[3].s;
  if (row->v[4].t == SV_TEXT)
    outcome = row->v[4].s;
  int64_t id = row->v[0].i;
  xxgk_num n = items(k, row, 5);
  int col = remembered(&k->cats, row->v[2].s, reg_category_col);
  if (k->st != XXGK_OK)
    return 1;
  if (col < 0)
    return unknown(k, "申请人类别", row->v[2].s);
  add(k, strcmp(received, k->jan1) >= 0 ? k->row_received : k->row_over, col,
      XXGK_ITEM_APPLICATION, id, n);
  if (final && strcmp(final, k->dec31) <= 0) {
    int o = remembered(&k->outs, outcome, reg_outcome_row);
    if (o < 0)
      return unknown(k, "办理结果", outcome ? outcome : "");
    add(k, o, col, XXGK_ITEM_APPLICATION, id, n);
  } else {
    add(k, k->row_forward, col, XXGK_ITEM_APPLICATION, id, n);
  }
  return 0;
}

/* Columns: id, kind, result, decided[, n]. */
static int count_review(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  int r = row21(XXGK_T_REVIEWS, row->v[1].s);
  const char *decided = row->v[3].t == SV_TEXT ? row->v[3].s : NULL;
  const char *result = row->v[2].t == SV_TEXT ? row->v[2].s : NULL;
  int c = decided && strcmp(decided, k->dec31) <= 0
              ? (result ? col_of(r, result) : -1)
              : col_of(r, "pending");
  xxgk_num n = items(k, row, 4);
  if (k->st != XXGK_OK)
    return 1;
  if (r < 0 || c < 0)
    return unknown(k, "复议诉讼类别或结果", NULL);
  add(k, r, c, XXGK_ITEM_REVIEW, row->v[0].i, n);
  return 0;
}

/* Columns: id, kind, issued, repealed[, n]. */
static int count_record(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  int r = row21(XXGK_T_ACTIVE, row->v[1].s);
  int64_t id = row->v[0].i;
  const char *issued = row->v[2].s;
  const char *repealed = row->v[3].t == SV_TEXT ? row->v[3].s : NULL;
  xxgk_num n = items(k, row, 4);
  if (k->st != XXGK_OK)
    return 1;
  if (r < 0)
    return unknown(k, "文件类别", row->v[1].s);
  if (strcmp(issued, k->jan1) >= 0)
    add(k, r, col_of(r, "issued"), XXGK_ITEM_RECORD, id, n);
  if (repealed && strcmp(repealed, k->jan1) >= 0 &&
      strcmp(repealed, k->dec31) <= 0)
    add(k, r, col_of(r, "repealed"), XXGK_ITEM_RECORD, id, n);
  if (!repealed || strcmp(repealed, k->dec31) > 0)
    add(k, r, col_of(r, "in_force"), XXGK_ITEM_RECORD, id, n);
  return 0;
}

/* Columns: id, item, value (always one row per figure: its value is an
 * exact decimal kept as text, which SQL could only sum approximately). */
static int count_figure(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  int r = row21(XXGK_T_ACTIVE, row->v[1].s);
  xxgk_num v;
  const char *s = row->v[2].s;
  int money = r >= 0 && xxgk_dict_row(r)->cols[0].kind == XXGK_KIND_MONEY;
  if (r < 0 || xxgk_num_parse(s, strlen(s), &v) != 0 ||
      (!money && v.scale != 0)) {
    k->st = reg_fail(k->r, XXGK_E_DB, "登记簿中的年度数字有误：%s = %s",
                     row->v[1].s, s);
    return 1;
  }
  add(k, r, 0, XXGK_ITEM_FIGURE, row->v[0].i, v);
  return k->st != XXGK_OK;
}

/* Columns: id, kind, amount (grouped: their sum)[, n]. */
static int count_fee(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  int r = row21(XXGK_T_FEES, NULL);
  int64_t id = row->v[0].i, amount = number(k, &row->v[2]);
  xxgk_num n = items(k, row, 3);
  if (k->st != XXGK_OK)
    return 1;
  int notice = strcmp(row->v[1].s, "fee_notice") == 0;
  if (notice)
    add(k, r, col_of(r, "notices"), XXGK_ITEM_FEE_EVENT, id, n);
  add(k, r, col_of(r, notice ? "amount_due" : "collected"),
      XXGK_ITEM_FEE_EVENT, id, (xxgk_num){amount, 0});
  return k->st != XXGK_OK;
}

/* The status after one of count_all's queries. */
static xxgk_status ran(struct counts *k, xxgk_status st) {
  return st != XXGK_OK ? reg_db(k->r) : k->st;
}

/* The agency and its units, or (the second parameter, k->alone) the
 * agency alone: still one look-up through agency_tree, which pairs every
 * agency with itself. */
#define UNDER                                                                  \
  " IN (SELECT descendant FROM agency_tree WHERE ancestor = ?"                 \
  " AND (? = 0 OR descendant = ancestor))"

/* One of count_all's queries: `rows` reads the items one by one (for the
 * list of a cell, and where the backend hands rows over cheaply); grouped,
 * the database counts them instead, by `keys` — the very comparisons the
 * callback makes — so that each group is one row with `sums` for the
 * item's columns: any value of a group classifies as all of them do
 * (MIN), and the count follows. A few hundred rows whatever the register's
 * size, for a server that sends every row as a message. */
static const char *shaped(buf *b, int grouped, const char *rows,
                          const char *sums, const char *keys) {
  buf_free(b);
  if (grouped)
    buf_printf(b, "SELECT 0, %s, COUNT(*) FROM (%s) i GROUP BY %s", sums,
               rows, keys);
  else
    buf_puts(b, rows);
  return b->data;
}

/* Each query reads only what the year needs, through an index (lib/
 * store/store_schema.h, migration 3): the applications open now or closed
 * from 1 January on — not the register's whole history — with the final
 * event read from the application's row. The keys' parameters follow the
 * rows' (read row by row, the types name fewer and the rest is unread). */
static xxgk_status count_all(struct counts *k, int64_t agency, int year) {
  struct store *db = k->r->st;
  int alone = k->alone;
  /* the list of a cell needs its items; otherwise the backend chooses */
  int grouped = k->want_row < 0 && db->ops->dialect->report_grouped;
  const char *jan1 = k->jan1, *dec31 = k->dec31;
  buf q = {0};
  xxgk_status st = ran(
      k,
      store_query(
          db, count_case, k,
          shaped(&q, grouped,
                 "SELECT id, received, category, final_date, final_outcome"
                 " FROM application WHERE agency_id" UNDER
                 " AND final_date IS NULL AND received <= ?"
                 " UNION ALL"
                 " SELECT id, received, category, final_date, final_outcome"
                 " FROM application WHERE agency_id" UNDER
                 " AND final_date >= ? AND received <= ?",
                 "MIN(received), category, MIN(final_date), final_outcome",
                 "received >= ?, category, final_date <= ?, final_outcome"),
          grouped ? "idtidtttt" : "idtidtt", agency, alone, dec31, agency,
          alone, jan1, dec31, jan1, dec31));
  if (st == XXGK_OK)
    st = ran(k, store_query(db, count_review, k,
                            shaped(&q, grouped,
                                   "SELECT id, kind, result, decided"
                                   " FROM review WHERE agency_id" UNDER
                                   " AND filed <= ?"
                                   " AND (decided IS NULL OR decided >= ?)",
                                   "kind, result, MIN(decided)",
                                   "kind, result, decided <= ?"),
                            grouped ? "idttt" : "idtt", agency, alone, dec31,
                            jan1, dec31));
  if (st == XXGK_OK)
    st = ran(k, store_query(
                    db, count_record, k,
                    shaped(&q, grouped,
                           "SELECT id, kind, issued, repealed FROM record"
                           " WHERE agency_id" UNDER " AND issued <= ?"
                           " AND (repealed IS NULL OR repealed >= ?)",
                           "kind, MIN(issued), MIN(repealed)",
                           "kind, issued >= ?, repealed >= ?, repealed <= ?"),
                    grouped ? "idttttt" : "idtt", agency, alone, dec31, jan1,
                    jan1, jan1, dec31));
  if (st == XXGK_OK)
    st = ran(k, store_query(db, count_figure, k,
                            "SELECT id, item, value FROM figure"
                            " WHERE agency_id" UNDER " AND year = ?",
                            "idd", agency, alone, year));
  /* The year's fee events, each one's agency looked up by its
   * application's key (a correlated subquery), so that neither backend
   * joins every application of the agency to find them (PostgreSQL's
   * planner hashed them all, the whole register, for a few events). */
  if (st == XXGK_OK)
    st = ran(k, store_query(db, count_fee, k,
                            shaped(&q, grouped,
                                   "SELECT id, kind, amount FROM event e"
                                   " WHERE kind IN ('fee_notice', 'fee_paid')"
                                   " AND voided IS NULL"
                                   " AND date >= ? AND date <= ?"
                                   " AND (SELECT a.agency_id FROM application"
                                   " a WHERE a.id = e.application_id)" UNDER,
                                   "kind, SUM(amount)", "kind"),
                            "ttid", jan1, dec31, agency, alone));
  buf_free(&q);
  return st;
}

static int take_name(void *ctx, const store_row *row) {
  snprintf(ctx, 512, "%s", row->v[0].s);
  return 1;
}

/* Fills every cell of the format from the counts. */
static xxgk_doc *build(struct counts *k, const char *agency, int year) {
  xxgk_doc *d = xxgk_doc_new(XXGK_FORMAT_2021);
  xxgk_doc_set_year(d, year);
  xxgk_doc_set_agency(d, agency);
  char title[640];
  snprintf(title, sizeof title, "%s%d年政府信息公开工作年度报告", agency, year);
  xxgk_doc_set_title(d, title);
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!(r->formats & XXGK_FORMAT_2021))
      continue;
    for (int c = 0; c < r->n_cols; c++) {
      xxgk_cell cell = {{k->cells[i][c], 0}, XXGK_CELL_VALUE, 0, 0,
                        XXGK_HOW_PLAIN};
      if (r->cols[c].kind == XXGK_KIND_MONEY)
        cell.num = k->money[i][c];
      xxgk_doc_set_cell(d, i, c, &cell);
    }
  }
  return d;
}

/* The counts of an agency's year, for the report and for the list of one
 * cell (want_row, want_col; -1: none): a new struct (free it with
 * counts_free), its status in ->st; the agency's name into name. Runs in
 * the caller's read transaction. */
static struct counts *tally(xxgk_reg *r, int64_t agency, int year,
                            int alone, int want_row, int want_col,
                            char name[512]) {
  struct counts *k = xxgk_calloc(1, sizeof *k);
  k->r = r;
  k->alone = alone;
  k->want_row = want_row;
  k->want_col = want_col;
  snprintf(k->jan1, sizeof k->jan1, "%04d-01-01", year);
  snprintf(k->dec31, sizeof k->dec31, "%04d-12-31", year);
  k->row_received = row21(XXGK_T_APPLICATIONS, "received");
  k->row_over = row21(XXGK_T_APPLICATIONS, "carried_over");
  k->row_forward = row21(XXGK_T_APPLICATIONS, "carried_forward");
  k->row_total = row21(XXGK_T_APPLICATIONS, "total");
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *d = xxgk_dict_row(i);
    k->tot[i] = (signed char)(d->role == XXGK_ROLE_TOTAL ? -1
                                                          : col_of(i, "total"));
    k->outcome[i] = d->role == XXGK_ROLE_OUTCOME;
  }
  name[0] = 0;
  k->st = reg_agency_exists(r, agency);
  if (k->st == XXGK_OK &&
      store_query(r->st, take_name, name, "SELECT name FROM agency WHERE id = ?",
                  "i", agency) != XXGK_OK)
    k->st = reg_db(r);
  if (k->st == XXGK_OK)
    k->st = count_all(k, agency, year);
  return k;
}

static void counts_free(struct counts *k) {
  if (k)
    free(k->hits);
  free(k);
}

static xxgk_status check_year(xxgk_reg *r, int year) {
  if (year < 2021 || year > 2999)
    return reg_fail(r, XXGK_E_REFUSED,
                    "报告年度 %d 不对：登记簿按 2021 年格式（国办公开办函"
                    "〔2021〕30号）出报告，适用于 2021 年及以后",
                    year);
  return XXGK_OK;
}

static xxgk_status report(xxgk_reg *r, int64_t agency, int year, int alone,
                          xxgk_doc **out) {
  *out = NULL;
  xxgk_status st = check_year(r, year);
  if (st != XXGK_OK)
    return st;
  char name[512];
  st = reg_begin(r, 0);
  if (st != XXGK_OK)
    return st;
  struct counts *k = tally(r, agency, year, alone, -1, -1, name);
  st = reg_end(r, k->st);
  if (st == XXGK_OK)
    *out = build(k, name, year);
  counts_free(k);
  return st;
}

xxgk_status xxgk_reg_report(xxgk_reg *r, int64_t agency, int year,
                            xxgk_doc **out) {
  return report(r, agency, year, 0, out);
}

xxgk_status xxgk_reg_report_own(xxgk_reg *r, int64_t agency, int year,
                                xxgk_doc **out) {
  return report(r, agency, year, 1, out);
}

xxgk_status reg_report_hits(xxgk_reg *r, int64_t agency, int year, int row,
                            int col, struct report_hit **hits, size_t *n,
                            xxgk_num *value) {
  *hits = NULL;
  *n = 0;
  xxgk_status st = check_year(r, year);
  if (st != XXGK_OK)
    return st;
  char name[512];
  struct counts *k = tally(r, agency, year, 0, row, col, name);
  st = k->st;
  if (st == XXGK_OK) {
    *value = xxgk_dict_row(row)->cols[col].kind == XXGK_KIND_MONEY
                 ? k->money[row][col]
                 : (xxgk_num){k->cells[row][col], 0};
    *hits = k->hits;
    *n = k->n_hits;
    k->hits = NULL;
  }
  counts_free(k);
  return st;
}
