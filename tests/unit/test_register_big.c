/*
 * test_register_big.c — a register of N generated applications (default
 * 100,000; the ASan build passes fewer), entered through the public API
 * one command at a time, spread over an office and four units and over
 * 2022–2025, with replies, withdrawals, lapsed fees and open cases. The
 * report of every year is compared cell by cell with the same counts made
 * independently in SQL (GROUP BY with NOT EXISTS, not the report's scan),
 * and must pass xxgk_check; the final events and tallies that triggers
 * keep are compared with the events. Prints the timings.
 *
 * Usage: test_register_big [N]   (under valgrind, XXGK_UNDER_VALGRIND set
 * by scripts/valgrind.sh: at most 2,000 — the same paths, memcheck's pace)
 */
#include "harness.h"
#include "reg.h"
#include "xxgk_register.h"

#include <malloc.h>
#include <stdlib.h>
#include <time.h>

static uint64_t seed = 0x9E3779B97F4A7C15u;
static uint32_t rnd(uint32_t n) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return (uint32_t)(seed % n);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The keys come from the dictionary, like everywhere else. */
static const char *cats[6];
static const char *outs[32];
static int n_outs;

static void keys(void) {
  int rec = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "received",
                               XXGK_FORMAT_2021);
  for (int c = 0; c < 6; c++)
    cats[c] = xxgk_dict_row(rec)->cols[c].key;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    /* replies only: the other_* rows need a 补正 or a fee notice first,
     * and come from the events generated below */
    if (r->table == XXGK_T_APPLICATIONS && r->role == XXGK_ROLE_OUTCOME &&
        (r->formats & XXGK_FORMAT_2021) && strncmp(r->key, "other_", 6) != 0)
      outs[n_outs++] = r->key;
  }
}

struct sql_cell {
  xxgk_doc *d;
  int row_fixed; /* -1: the row is column 0 of the result */
  int bad;
  const char *what;
};

/* Rows (row_key, category, n) or (category, n) for a fixed row. */
static int cmp_cell(void *ctx, const store_row *row) {
  struct sql_cell *s = ctx;
  int ri = s->row_fixed, k = 0;
  if (ri < 0)
    ri = xxgk_dict_find_row(XXGK_T_APPLICATIONS, row->v[k++].s,
                            XXGK_FORMAT_2021);
  const char *cat = row->v[k++].s;
  int64_t n = row->v[k].i;
  const xxgk_row_def *r = xxgk_dict_row(ri);
  int col = -1;
  for (int c = 0; r && c < r->n_cols; c++)
    if (strcmp(r->cols[c].key, cat) == 0)
      col = c;
  if (col < 0 || xxgk_doc_cell(s->d, ri, col)->num.mant != n) {
    CHECK(0, "%s: %s/%s: report %lld, SQL %lld", s->what,
          r ? r->key : "?", cat,
          col < 0 ? -1LL : (long long)xxgk_doc_cell(s->d, ri, col)->num.mant,
          (long long)n);
    s->bad++;
  }
  return 0;
}

static int64_t sum_row(const xxgk_doc *d, int row) {
  return xxgk_doc_cell(d, row, 6)->num.mant;
}

static void compare_year(xxgk_reg *r, int64_t office, int year) {
  xxgk_doc *d;
  double t0 = now();
  CHECK_INT(xxgk_reg_report(r, office, year, &d), XXGK_OK);
  double t1 = now();
  fprintf(stderr, "report %d: %.3f s\n", year, t1 - t0);
  if (!d)
    return;
  CHECK_INT(xxgk_check(d), 0);
  char jan1[24], dec31[24];
  snprintf(jan1, sizeof jan1, "%d-01-01", year);
  snprintf(dec31, sizeof dec31, "%d-12-31", year);
  int rec = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "received",
                               XXGK_FORMAT_2021);
  int over = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "carried_over",
                                XXGK_FORMAT_2021);
  int fwd = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "carried_forward",
                               XXGK_FORMAT_2021);
  int tot = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "total",
                               XXGK_FORMAT_2021);
  /* Independent counts: only events with an outcome are final. */
  struct sql_cell s = {d, rec, 0, "received"};
  CHECK_INT(store_query(r->st, cmp_cell, &s,
                        "SELECT category, COUNT(*) FROM application"
                        " WHERE received BETWEEN ? AND ? GROUP BY category",
                        "tt", jan1, dec31),
            XXGK_OK);
  s = (struct sql_cell){d, over, 0, "carried_over"};
  CHECK_INT(store_query(r->st, cmp_cell, &s,
                        "SELECT category, COUNT(*) FROM application a"
                        " WHERE received < ? AND NOT EXISTS (SELECT 1 FROM"
                        " event e WHERE e.application_id = a.id AND"
                        " e.outcome IS NOT NULL AND e.date < ?)"
                        " GROUP BY category",
                        "tt", jan1, jan1),
            XXGK_OK);
  s = (struct sql_cell){d, fwd, 0, "carried_forward"};
  CHECK_INT(store_query(r->st, cmp_cell, &s,
                        "SELECT category, COUNT(*) FROM application a"
                        " WHERE received <= ? AND NOT EXISTS (SELECT 1 FROM"
                        " event e WHERE e.application_id = a.id AND"
                        " e.outcome IS NOT NULL AND e.date <= ?)"
                        " GROUP BY category",
                        "tt", dec31, dec31),
            XXGK_OK);
  s = (struct sql_cell){d, -1, 0, "outcome"};
  CHECK_INT(store_query(r->st, cmp_cell, &s,
                        "SELECT e.outcome, a.category, COUNT(*) FROM event e"
                        " JOIN application a ON a.id = e.application_id"
                        " WHERE e.outcome IS NOT NULL AND e.date BETWEEN ? AND ?"
                        " GROUP BY e.outcome, a.category",
                        "tt", jan1, dec31),
            XXGK_OK);
  int64_t n_total, n_rec, n_over, n_fwd;
  store_int(r->st, &n_total, NULL,
            "SELECT COUNT(*) FROM event WHERE outcome IS NOT NULL AND date"
            " BETWEEN ? AND ?",
            "tt", jan1, dec31);
  store_int(r->st, &n_rec, NULL,
            "SELECT COUNT(*) FROM application WHERE received BETWEEN ? AND ?",
            "tt", jan1, dec31);
  CHECK_INT(sum_row(d, tot), n_total);
  CHECK_INT(sum_row(d, rec), n_rec);
  n_over = sum_row(d, over);
  n_fwd = sum_row(d, fwd);
  CHECK_INT(n_rec + n_over, n_total + n_fwd); /* A1 on the totals */
  fprintf(stderr, "%d: received %lld, carried over %lld, closed %lld, "
                  "carried forward %lld\n",
          year, (long long)n_rec, (long long)n_over, (long long)n_total,
          (long long)n_fwd);
  xxgk_doc_free(d);
}

/* The data derived by triggers (migration 3) against what it derives
 * from: each application's final event, each agency's tallies. */
static void check_derived(xxgk_reg *r) {
  int64_t off = -1;
  CHECK_INT(store_int(r->st, &off, NULL,
                      "SELECT COUNT(*) FROM application a LEFT JOIN event f"
                      " ON f.application_id = a.id"
                      " AND f.kind IN ('reply', 'withdrawn', 'fee_lapsed')"
                      " WHERE a.final_kind IS NOT f.kind"
                      " OR a.final_date IS NOT f.date"
                      " OR a.final_outcome IS NOT f.outcome",
                      ""),
            XXGK_OK);
  CHECK_INT(off, 0);
  CHECK_INT(store_int(r->st, &off, NULL,
                      "SELECT COUNT(*) FROM (SELECT agency_id, COUNT(*) n,"
                      " SUM(NOT EXISTS (SELECT 1 FROM event e"
                      " WHERE e.application_id = a.id AND e.outcome IS NOT NULL)) o"
                      " FROM application a GROUP BY agency_id) c"
                      " FULL JOIN agency_tally t USING (agency_id)"
                      " WHERE t.applications IS NOT c.n OR t.open IS NOT c.o",
                      ""),
            XXGK_OK);
  CHECK_INT(off, 0);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
  if (getenv("XXGK_UNDER_VALGRIND") && n > 2000)
    n = 2000;
  /* Each command is a transaction; on an in-memory database SQLite's
   * journal is heap memory freed at commit, and glibc would hand it back
   * to the kernel (brk) every time — the test would then measure the
   * kernel. Keep freed memory instead (glibc; harmless elsewhere). */
#ifdef M_TRIM_THRESHOLD
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
#endif
  keys();
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(":memory:", XXGK_OPT_CREATE, &r);
  CHECK_INT(st, XXGK_OK);
  xxgk_reg_set_user(r, "generator");
  xxgk_reg_set_clock(r, "2026-01-01T00:00:00Z");
  int64_t ag[5];
  char name[64];
  for (int i = 0; i < 5; i++) {
    snprintf(name, sizeof name, i ? "单位%d" : "某市人民政府办公室", i);
    xxgk_agency a = {.parent_id = i ? ag[0] : 0, .name = name};
    CHECK_INT(xxgk_reg_agency_add(r, &a), XXGK_OK);
    ag[i] = a.id;
  }
  double t0 = now();
  xxgk_date first = 0, d;
  xxgk_date_parse("2022-01-01", &first);
  long events = 0;
  for (long i = 0; i < n; i++) {
    char received[11], when[11], idn[24];
    d = first + (xxgk_date)rnd(4 * 365);
    xxgk_date_format(d, received);
    snprintf(idn, sizeof idn, "1101%014ld", (long)rnd(5000));
    xxgk_case c = {.agency_id = ag[rnd(5)],
                   .channel = "网络",
                   .received = received,
                   .category = cats[rnd(6)],
                   .name = "申请人",
                   .id_number = idn,
                   .content = "生成的申请"};
    if (xxgk_reg_case_new(r, &c) != XXGK_OK) {
      CHECK(0, "case_new: %s", xxgk_reg_errmsg(r));
      break;
    }
    uint32_t fate = rnd(100);
    xxgk_date_format(d + 1 + (xxgk_date)rnd(45), when);
    xxgk_event e = {.case_id = c.id, .date = when};
    if (fate < 75) {
      e.kind = XXGK_EV_REPLY;
      e.outcome = outs[rnd((uint32_t)n_outs)];
    } else if (fate < 80) {
      e.kind = XXGK_EV_WITHDRAWN;
    } else if (fate < 83) {
      e.kind = XXGK_EV_CORRECTION_REQUESTED;
    } else if (fate < 85) {
      xxgk_date_format(d + 1, when);
      xxgk_event f = {.case_id = c.id, .kind = XXGK_EV_FEE_NOTICE,
                      .date = when, .method = XXGK_FEE_BY_PAGE,
                      .quantity = 31 + rnd(300)};
      CHECK_INT(xxgk_reg_event_add(r, &f), XXGK_OK);
      events++;
      xxgk_date_format(d + 40 + (xxgk_date)rnd(20), when);
      e.kind = XXGK_EV_FEE_LAPSED;
    } else {
      continue; /* open */
    }
    if (xxgk_reg_event_add(r, &e) != XXGK_OK) {
      CHECK(0, "event %s on %s: %s", xxgk_event_key(e.kind), received,
            xxgk_reg_errmsg(r));
      break;
    }
    events++;
    /* some 补正 end in 逾期不补正 */
    if (e.kind == XXGK_EV_CORRECTION_REQUESTED && rnd(2)) {
      xxgk_date_format(d + 50, when);
      xxgk_event g = {.case_id = c.id, .kind = XXGK_EV_REPLY, .date = when,
                      .outcome = "other_no_correction"};
      CHECK_INT(xxgk_reg_event_add(r, &g), XXGK_OK);
      events++;
    }
  }
  double t1 = now();
  fprintf(stderr, "%ld applications, %ld events through the API: %.2f s\n",
          n, events, t1 - t0);
  check_derived(r);
  for (int y = 2022; y <= 2025; y++)
    compare_year(r, ag[0], y);
  xxgk_reg_close(r);
  return h_summary();
}
