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
 * since no final event predates its receipt. The application scan is one
 * query; the counting is here in C, so the backend only has to run SQL.
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
  xxgk_status st;
  struct memo {
    struct {
      char key[48];
      int at;
    } v[48];
    int n;
  } cats, outs; /* the keys met so far and their column or row */
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
  const xxgk_row_def *d = xxgk_dict_row(row);
  for (int c = 0; d && c < d->n_cols; c++)
    if (strcmp(d->cols[c].key, key) == 0)
      return c;
  return -1;
}

static int count_case(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  const char *received = row->v[0].s, *final = NULL, *outcome = NULL;
  /* final_date, final_outcome: the final event copied onto the row */
  if (row->v[2].t == SV_TEXT)
    final = row->v[2].s;
  if (row->v[3].t == SV_TEXT)
    outcome = row->v[3].s;
  int col = remembered(&k->cats, row->v[1].s, reg_category_col);
  if (col < 0) {
    k->st = reg_fail(k->r, XXGK_E_DB, "登记簿中有未知的申请人类别“%s”",
                     row->v[1].s);
    return 1;
  }
  k->cells[strcmp(received, k->jan1) >= 0 ? k->row_received : k->row_over]
          [col]++;
  if (final && strcmp(final, k->dec31) <= 0) {
    int o = remembered(&k->outs, outcome, reg_outcome_row);
    if (o < 0) {
      k->st = reg_fail(k->r, XXGK_E_DB, "登记簿中有未知的办理结果“%s”",
                       outcome ? outcome : "");
      return 1;
    }
    k->cells[o][col]++;
  } else {
    k->cells[k->row_forward][col]++;
  }
  return 0;
}

static int count_review(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  int r = row21(XXGK_T_REVIEWS, row->v[0].s);
  const char *decided = row->v[2].t == SV_TEXT ? row->v[2].s : NULL;
  int c = col_of(r, decided && strcmp(decided, k->dec31) <= 0 ? row->v[1].s
                                                              : "pending");
  if (r < 0 || c < 0) {
    k->st = reg_fail(k->r, XXGK_E_DB, "登记簿中有未知的复议诉讼类别或结果");
    return 1;
  }
  k->cells[r][c]++;
  return 0;
}

static int count_record(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  int r = row21(XXGK_T_ACTIVE, row->v[0].s);
  const char *issued = row->v[1].s;
  const char *repealed = row->v[2].t == SV_TEXT ? row->v[2].s : NULL;
  if (r < 0) {
    k->st = reg_fail(k->r, XXGK_E_DB, "登记簿中有未知的文件类别“%s”",
                     row->v[0].s);
    return 1;
  }
  if (strcmp(issued, k->jan1) >= 0)
    k->cells[r][col_of(r, "issued")]++;
  if (repealed && strcmp(repealed, k->jan1) >= 0 &&
      strcmp(repealed, k->dec31) <= 0)
    k->cells[r][col_of(r, "repealed")]++;
  if (!repealed || strcmp(repealed, k->dec31) > 0)
    k->cells[r][col_of(r, "in_force")]++;
  return 0;
}

static int count_figure(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  int r = row21(XXGK_T_ACTIVE, row->v[0].s);
  xxgk_num v;
  const char *s = row->v[1].s;
  int money = r >= 0 && xxgk_dict_row(r)->cols[0].kind == XXGK_KIND_MONEY;
  if (r >= 0 && !money && xxgk_num_parse(s, strlen(s), &v) == 0 &&
      v.scale == 0) {
    k->cells[r][0] += v.mant;
    return 0;
  }
  if (r < 0 || !money || xxgk_num_parse(s, strlen(s), &v) != 0 ||
      xxgk_num_add(k->money[r][0], v, &k->money[r][0]) != 0) {
    k->st = reg_fail(k->r, XXGK_E_DB, "登记簿中的年度数字有误：%s = %s",
                     row->v[0].s, s);
    return 1;
  }
  return 0;
}

static int count_fee(void *ctx, const store_row *row) {
  struct counts *k = ctx;
  int r = row21(XXGK_T_FEES, NULL);
  int64_t amount = row->v[1].t == SV_INT ? row->v[1].i : 0;
  int notice = strcmp(row->v[0].s, "fee_notice") == 0;
  if (notice)
    k->cells[r][col_of(r, "notices")]++;
  int c = col_of(r, notice ? "amount_due" : "collected");
  xxgk_num add = {amount, 0};
  if (xxgk_num_add(k->money[r][c], add, &k->money[r][c]) != 0) {
    k->st = reg_fail(k->r, XXGK_E_DB, "信息处理费合计溢出");
    return 1;
  }
  return 0;
}

/* The status after one of count_all's queries. */
static xxgk_status ran(struct counts *k, xxgk_status st) {
  return st != XXGK_OK ? reg_db(k->r) : k->st;
}

/* Each query reads only what the year needs, through an index (lib/
 * store_sqlite.c, migration 3): the applications open now or closed from
 * 1 January on — not the register's whole history — with the final event
 * read from the application's row. */
static xxgk_status count_all(struct counts *k, int64_t agency, int year) {
  struct store *db = k->r->st;
  xxgk_status st = ran(
      k, store_query(db, count_case, k,
                     "SELECT received, category, final_date, final_outcome"
                     " FROM application WHERE agency_id" REG_UNDER
                     " AND final_date IS NULL AND received <= ?"
                     " UNION ALL"
                     " SELECT received, category, final_date, final_outcome"
                     " FROM application WHERE agency_id" REG_UNDER
                     " AND final_date >= ? AND received <= ?",
                     "ititt", agency, k->dec31, agency, k->jan1, k->dec31));
  if (st == XXGK_OK)
    st = ran(k, store_query(db, count_review, k,
                            "SELECT kind, result, decided FROM review"
                            " WHERE agency_id" REG_UNDER " AND filed <= ?"
                            " AND (decided IS NULL OR decided >= ?)",
                            "itt", agency, k->dec31, k->jan1));
  if (st == XXGK_OK)
    st = ran(k, store_query(db, count_record, k,
                            "SELECT kind, issued, repealed FROM record"
                            " WHERE agency_id" REG_UNDER " AND issued <= ?"
                            " AND (repealed IS NULL OR repealed >= ?)",
                            "itt", agency, k->dec31, k->jan1));
  if (st == XXGK_OK)
    st = ran(k, store_query(db, count_figure, k,
                            "SELECT item, value FROM figure"
                            " WHERE agency_id" REG_UNDER " AND year = ?",
                            "id", agency, year));
  /* CROSS JOIN keeps the order (in SQLite): the year's fee events, then
   * their applications — not every application and its events */
  if (st == XXGK_OK)
    st = ran(k, store_query(db, count_fee, k,
                            "SELECT e.kind, e.amount FROM event e"
                            " CROSS JOIN application a"
                            " WHERE a.id = e.application_id"
                            " AND e.kind IN ('fee_notice', 'fee_paid')"
                            " AND e.voided IS NULL"
                            " AND e.date >= ? AND e.date <= ?"
                            " AND a.agency_id" REG_UNDER,
                            "tti", k->jan1, k->dec31, agency));
  return st;
}

static int take_name(void *ctx, const store_row *row) {
  snprintf(ctx, 512, "%s", row->v[0].s);
  return 1;
}

/* Fills every cell of the format from the counts, with the totals. */
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
    int tot = col_of(i, "total");
    if (tot >= 0 && r->role != XXGK_ROLE_TOTAL) {
      k->cells[i][tot] = 0;
      for (int c = 0; c < r->n_cols; c++)
        if (c != tot)
          k->cells[i][tot] += k->cells[i][c];
    }
    if (r->role == XXGK_ROLE_OUTCOME)
      for (int c = 0; c < r->n_cols; c++)
        k->cells[k->row_total][c] += k->cells[i][c];
  }
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

xxgk_status xxgk_reg_report(xxgk_reg *r, int64_t agency, int year,
                            xxgk_doc **out) {
  *out = NULL;
  if (year < 2021 || year > 2999)
    return reg_fail(r, XXGK_E_REFUSED,
                    "报告年度 %d 不对：登记簿按 2021 年格式（国办公开办函"
                    "〔2021〕30号）出报告，适用于 2021 年及以后",
                    year);
  struct counts *k = xxgk_calloc(1, sizeof *k);
  k->r = r;
  snprintf(k->jan1, sizeof k->jan1, "%04d-01-01", year);
  snprintf(k->dec31, sizeof k->dec31, "%04d-12-31", year);
  k->row_received = row21(XXGK_T_APPLICATIONS, "received");
  k->row_over = row21(XXGK_T_APPLICATIONS, "carried_over");
  k->row_forward = row21(XXGK_T_APPLICATIONS, "carried_forward");
  k->row_total = row21(XXGK_T_APPLICATIONS, "total");
  char name[512] = "";
  xxgk_status st = reg_begin(r, 0);
  if (st == XXGK_OK)
    st = reg_agency_exists(r, agency);
  if (st == XXGK_OK &&
      store_query(r->st, take_name, name, "SELECT name FROM agency WHERE id = ?",
                  "i", agency) != XXGK_OK)
    st = reg_db(r);
  if (st == XXGK_OK)
    st = count_all(k, agency, year);
  st = reg_end(r, st);
  if (st == XXGK_OK)
    *out = build(k, name, year);
  free(k);
  return st;
}
