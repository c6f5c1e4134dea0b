/*
 * test_explain.c — every figure of a report built from the register
 * answers "which cases?": over a generated register (an office and two
 * units, four years of applications with every outcome, fees, reviews,
 * records and yearly figures), for every cell of every year and agency,
 * the list xxgk_reg_report_explain gives has as many items as the figure
 * (the items' amounts add up to a sum), each item only once, and each
 * listed application really belongs in its cell (its category, outcome,
 * receipt and closing dates read back from the register).
 */
#include "h_db.h"
#include "h_reg.h"

#include <stdlib.h>
#include <string.h>

static void fmt(xxgk_date d, char out[11]) { xxgk_date_format(d, out); }

/* The outcomes a reply may carry with no earlier step (other_no_correction
 * needs a 补正, other_unpaid_fee is a lapsed fee, not a reply). */
static int n_outcomes;
static const char *outcomes[32];

static void load_outcomes(void) {
  const xxgk_row_def *rows[32];
  int n = xxgk_dict_rows_by_role(XXGK_T_APPLICATIONS, XXGK_ROLE_OUTCOME, rows,
                                 32);
  for (int i = 0; i < n; i++)
    if ((rows[i]->formats & XXGK_FORMAT_2021) &&
        strcmp(rows[i]->key, "other_unpaid_fee") != 0 &&
        strcmp(rows[i]->key, "other_no_correction") != 0)
      outcomes[n_outcomes++] = rows[i]->key;
}

/* Each generated application's agency, by id: a review is counted for
 * the agency whose reply it challenges. */
static int64_t case_agency[8192];

/* One application received on day `rec`, with a random course. */
static void gen_case(xxgk_reg *r, int64_t agency, xxgk_date rec) {
  int64_t id = h_case(r, agency, rec);
  if (!id)
    return;
  if (id < 8192)
    case_agency[id] = agency;
  xxgk_date d = rec + 1 + (xxgk_date)rnd(10);
  int course = (int)rnd(10);
  if (course == 0) /* still open */
    return;
  if (course == 1) { /* withdrawn */
    h_step(r, id, XXGK_EV_WITHDRAWN, d, NULL, 0, NULL);
    return;
  }
  if (course == 2 && rec >= D("2021-01-01")) { /* a fee, paid or lapsed */
    h_step(r, id, XXGK_EV_FEE_NOTICE, d, NULL, 31 + (int)rnd(300), NULL);
    if (rnd(3) == 0) {
      h_step(r, id, XXGK_EV_FEE_SERVED, d + 1, NULL, 0, NULL);
      h_step(r, id, XXGK_EV_FEE_LAPSED, d + 60, NULL, 0, NULL);
      return;
    }
    h_step(r, id, XXGK_EV_FEE_PAID, d + 5, NULL, 0, NULL);
    h_step(r, id, XXGK_EV_REPLY, d + 8,
           rnd(2) ? "granted" : "partially_granted", 0, NULL);
    return;
  }
  if (course == 3) { /* a 补正 never answered */
    h_step(r, id, XXGK_EV_CORRECTION_REQUESTED, rec + 1, NULL, 0, NULL);
    h_step(r, id, XXGK_EV_REPLY, rec + 40, "other_no_correction", 0, NULL);
    return;
  }
  h_step(r, id, XXGK_EV_REPLY, d + (xxgk_date)rnd(30),
         outcomes[rnd((unsigned)n_outcomes)], 0, NULL);
}

static void generate(xxgk_reg *r, int64_t ids[3]) {
  ids[0] = h_agency(r, 0, "某市人民政府办公室").id;
  ids[1] = h_agency(r, ids[0], "某市教育局").id;
  ids[2] = h_agency(r, ids[0], "某市自然资源局").id;
  CHECK_INT(xxgk_reg_batch_begin(r), XXGK_OK);
  for (xxgk_date d = D("2020-06-01"); d < D("2024-12-31"); d++)
    for (int k = 0; k < 2; k++)
      gen_case(r, ids[rnd(3)], d);
  int reviews = 0;
  for (int i = 0; i < 60; i++) {
    char filed[11], decided[11];
    /* filed 2020-09 to 2024-07, decided by 2025-02: before "today" */
    xxgk_date f = D("2020-09-01") + (xxgk_date)rnd(1400);
    fmt(f, filed);
    fmt(f + 30 + (xxgk_date)rnd(200), decided);
    /* two applications a day from 2020-06-01: this one came before */
    int64_t app = 1 + (int64_t)rnd((unsigned)(2 * (f - D("2020-06-01"))));
    int64_t v = h_review(r, case_agency[app], app, filed);
    reviews++;
    if (rnd(4)) {
      static const char *const RES[] = {"upheld", "corrected", "other"};
      CHECK_INT(xxgk_reg_review_decide(r, v, RES[rnd(3)], decided), XXGK_OK);
    }
  }
  CHECK_INT(reviews, 60);
  h_records(r, ids, 3, 30, 2000, 100);
  for (int y = 2021; y <= 2024; y++)
    for (int a = 0; a < 3; a++) {
      char v[16];
      snprintf(v, sizeof v, "%u", rnd(50));
      CHECK_INT(xxgk_reg_figure_set(r, ids[a], y, "licensing", v), XXGK_OK);
      snprintf(v, sizeof v, "%u.%04u", rnd(9), rnd(10000));
      CHECK_INT(xxgk_reg_figure_set(r, ids[a], y, "fees", v), XXGK_OK);
    }
  CHECK_INT(xxgk_reg_batch_end(r), XXGK_OK);
}

/* ## Checking one cell's list */

struct seen {
  xxgk_reg *r;
  int year, row, col;
  const xxgk_row_def *def;
  xxgk_num sum;
  int64_t *ids;
  size_t n, cap;
  int bad, figures; /* figures: the items are yearly figures, summed */
};

struct stored {
  char received[11], final_date[11], category[40], outcome[64];
  int closed;
};

static int take_case(void *ctx, const xxgk_case_row *row) {
  struct stored *s = ctx;
  snprintf(s->received, sizeof s->received, "%s", row->c.received);
  snprintf(s->category, sizeof s->category, "%s", row->c.category);
  snprintf(s->final_date, sizeof s->final_date, "%s",
           row->final_date ? row->final_date : "");
  snprintf(s->outcome, sizeof s->outcome, "%s",
           row->outcome ? row->outcome : "");
  s->closed = row->final_kind != NULL;
  return 0;
}

/* Whether the stored application belongs in table 3's cell, by the
 * counting rules of xxgk_reg_report written out again here. */
static int belongs(const struct seen *s, const struct stored *a) {
  char jan1[11], dec31[11];
  snprintf(jan1, sizeof jan1, "%04d-01-01", s->year);
  snprintf(dec31, sizeof dec31, "%04d-12-31", s->year);
  const char *col = s->def->cols[s->col].key;
  if (strcmp(col, "total") != 0 && strcmp(col, a->category) != 0)
    return 0;
  int closed_by_end = a->closed && strcmp(a->final_date, dec31) <= 0;
  const char *row = s->def->key;
  if (strcmp(row, "received") == 0)
    return strcmp(a->received, jan1) >= 0 && strcmp(a->received, dec31) <= 0;
  if (strcmp(row, "carried_over") == 0)
    return strcmp(a->received, jan1) < 0 &&
           (!a->closed || strcmp(a->final_date, jan1) >= 0);
  if (strcmp(row, "carried_forward") == 0)
    return strcmp(a->received, dec31) <= 0 && !closed_by_end;
  int in_year = closed_by_end && strcmp(a->final_date, jan1) >= 0;
  if (strcmp(row, "total") == 0)
    return in_year;
  return in_year && strcmp(row, a->outcome) == 0;
}

static int item(void *ctx, const xxgk_report_item *it) {
  struct seen *s = ctx;
  if (xxgk_num_add(s->sum, it->value, &s->sum) != 0)
    s->bad = 1;
  for (size_t i = 0; i < s->n; i++)
    if (s->ids[i] == it->id) {
      CHECK(0, "item %lld listed twice in %s", (long long)it->id,
            s->def->label);
      return 0;
    }
  if (s->n == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 64;
    s->ids = realloc(s->ids, s->cap * sizeof *s->ids);
  }
  s->ids[s->n++] = it->id;
  s->figures |= it->kind == XXGK_ITEM_FIGURE;
  if (s->def->table == XXGK_T_APPLICATIONS)
    CHECK(it->kind == XXGK_ITEM_APPLICATION && it->case_id == it->id,
          "table 3 lists applications");
  CHECK(it->ref && it->agency && it->detail, "described");
  return 0;
}

/* After the list (the callback may not call the register): each listed
 * application read back. */
static void check_members(struct seen *s) {
  for (size_t i = 0; s->def->table == XXGK_T_APPLICATIONS && i < s->n; i++) {
    struct stored a;
    CHECK_INT(xxgk_reg_case_get(s->r, s->ids[i], take_case, NULL, &a),
              XXGK_OK);
    CHECK(belongs(s, &a),
          "%d %s/%s: application %lld (%s, %s, %s %s) does not belong",
          s->year, s->def->key, s->def->cols[s->col].key,
          (long long)s->ids[i], a.category, a.received, a.final_date,
          a.outcome);
  }
}

struct totals {
  int cells, items, nonzero;
};

static void check_year(xxgk_reg *r, int64_t agency, int year,
                       struct totals *t) {
  xxgk_doc *d;
  CHECK_INT(xxgk_reg_report(r, agency, year, &d), XXGK_OK);
  CHECK_INT(xxgk_check(d), 0);
  for (int row = 0; row < xxgk_dict_n_rows(); row++) {
    const xxgk_row_def *def = xxgk_dict_row(row);
    if (!(def->formats & XXGK_FORMAT_2021))
      continue;
    for (int col = 0; col < def->n_cols; col++) {
      char key[160];
      xxgk_dict_key(row, col, key, sizeof key);
      struct seen s = {r, year, row, col, def, {0, 0}, NULL, 0, 0, 0, 0};
      xxgk_report_cell cell;
      CHECK(xxgk_reg_report_explain(r, agency, year, key, &cell, item, &s) ==
                XXGK_OK,
            "explain %s: %s", key, xxgk_reg_errmsg(r));
      const xxgk_cell *c = xxgk_doc_cell(d, row, col);
      CHECK(c && xxgk_num_cmp(c->num, cell.value) == 0,
            "%d %s: the explained figure differs from the report's", year,
            key);
      CHECK(xxgk_num_cmp(s.sum, cell.value) == 0 && !s.bad,
            "%d agency %lld %s: the items add up to a different figure", year,
            (long long)agency, key);
      if (!cell.money && !s.figures)
        CHECK((int64_t)s.n == cell.value.mant,
              "%d agency %lld %s: %zu items for a figure of %lld", year,
              (long long)agency, key, s.n, (long long)cell.value.mant);
      CHECK_INT(cell.n_items, (int64_t)s.n);
      check_members(&s);
      CHECK(cell.label[0] != 0, "a label for %s", key);
      t->cells++;
      t->items += (int)s.n;
      t->nonzero += s.n > 0;
      free(s.ids);
    }
  }
  xxgk_doc_free(d);
}

static void test_refused(xxgk_reg *r, int64_t agency) {
  xxgk_report_cell cell;
  CHECK_INT(xxgk_reg_report_explain(r, agency, 2024, "applications.nothing",
                                    &cell, NULL, NULL),
            XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "applications.nothing") != NULL, "%s",
        xxgk_reg_errmsg(r));
  CHECK_INT(xxgk_reg_report_explain(r, agency, 2020, "applications.total.total",
                                    &cell, NULL, NULL),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_report_explain(r, 9999, 2024, "applications.total.total",
                                    &cell, NULL, NULL),
            XXGK_E_REFUSED);
}

int main(void) {
  h_db_start();
  load_outcomes();
  xxgk_reg *r = h_reg_on(h_db(), "2025-06-01");
  int64_t ids[3];
  generate(r, ids);
  struct totals t = {0, 0, 0};
  for (int year = 2021; year <= 2024; year++)
    for (int a = 0; a < 3; a++)
      check_year(r, ids[a], year, &t);
  /* The generated register must reach most cells, or the test proves
   * little: every outcome row is drawn, and so is every review result. */
  CHECK(t.nonzero * 4 > t.cells * 3, "%d of %d cells have items", t.nonzero,
        t.cells);
  printf("%d cells, %d items listed, %d cells not empty\n", t.cells, t.items,
         t.nonzero);
  test_refused(r, ids[0]);
  xxgk_reg_close(r);
  return h_summary();
}
