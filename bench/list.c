/*
 * list.c — `bench_list`, the application list's filters timed on a
 * register written by bench_register: each query is the first
 * page (20 rows, newest receipt first) and its total, for the city and
 * its units, as `/api/cases` asks it; then the same page 50 pages in.
 *
 *   bench_list [-k ROUNDS] DB
 *
 * Prints one line per query: its name, the total, and the fastest and
 * median milliseconds of xxgk_reg_case_query() over ROUNDS rounds
 * (default 5). The totals let two builds be compared for equal answers.
 */
#include "xxgk_register.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int count_row(void *ctx, const xxgk_case_row *row) {
  (void)row;
  ++*(int *)ctx;
  return 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

struct query {
  const char *name;
  xxgk_case_query q;
};

int main(int argc, char **argv) {
  int rounds = 5, opt;
  while ((opt = getopt(argc, argv, "k:")) != -1) {
    if (opt == 'k' && atoi(optarg) > 0) {
      rounds = atoi(optarg);
    } else {
      fprintf(stderr, "usage: bench_list [-k ROUNDS] DB\n");
      return 2;
    }
  }
  if (optind != argc - 1) {
    fprintf(stderr, "usage: bench_list [-k ROUNDS] DB\n");
    return 2;
  }
  xxgk_reg *reg;
  xxgk_status st = xxgk_reg_open(argv[optind], 0, &reg);
  if (st != XXGK_OK) {
    fprintf(stderr, "bench_list: %s\n", xxgk_reg_errmsg(reg));
    return 1;
  }
  static const struct query Q[] = {
      {"none", {.agency_id = 1}},
      {"open", {.agency_id = 1, .state = XXGK_CASES_OPEN}},
      {"category=research", {.agency_id = 1, .category = "research"}},
      {"outcome=granted", {.agency_id = 1, .outcome = "granted"}},
      {"outcome=withheld_state_secret",
       {.agency_id = 1, .outcome = "withheld_state_secret"}},
      {"from=2022-03-01&to=2022-03-31",
       {.agency_id = 1, .from = "2022-03-01", .to = "2022-03-31"}},
      {"to=2021-06-30", {.agency_id = 1, .to = "2021-06-30"}},
      {"category=research&from=2022-01-01&to=2022-12-31",
       {.agency_id = 1,
        .category = "research",
        .from = "2022-01-01",
        .to = "2022-12-31"}},
      {"category=research&outcome=granted&state=2",
       {.agency_id = 1, .state = XXGK_CASES_CLOSED, .category = "research",
        .outcome = "granted"}},
      {"agency=2&category=research", {.agency_id = 2, .category = "research"}},
      {"q=2023-0", {.agency_id = 1, .search = "2023-0"}},
      {"q=申请人9999", {.agency_id = 1, .search = "申请人9999"}},
      {"q=立项批复", {.agency_id = 1, .search = "立项批复"}},
      {"q=nothing", {.agency_id = 1, .search = "nothing"}},
      {"q=99", {.agency_id = 1, .search = "99"}},
      {"q=2023-0&category=research",
       {.agency_id = 1, .search = "2023-0", .category = "research"}},
  };
  double *ms = malloc((size_t)rounds * sizeof *ms);
  if (!ms)
    return 1;
  for (size_t i = 0; i < sizeof Q / sizeof Q[0]; i++) {
    for (int page = 0; page < 2; page++) {
      xxgk_case_query q = Q[i].q;
      q.limit = 20;
      q.offset = page ? 49 * 20 : 0;
      int64_t total = 0;
      int rows = 0;
      for (int k = 0; k < rounds; k++) {
        rows = 0;
        double t0 = now();
        if (xxgk_reg_case_query(reg, &q, &total, count_row, &rows) !=
            XXGK_OK) {
          fprintf(stderr, "bench_list: %s: %s\n", Q[i].name,
                  xxgk_reg_errmsg(reg));
          return 1;
        }
        ms[k] = (now() - t0) * 1e3;
      }
      qsort(ms, (size_t)rounds, sizeof *ms, cmp_double);
      printf("%-50s page=%-2d total=%-7lld rows=%-2d best_ms=%.3f "
             "median_ms=%.3f\n",
             Q[i].name, page ? 50 : 1, (long long)total, rows, ms[0],
             ms[rounds / 2]);
    }
  }
  free(ms);
  xxgk_reg_close(reg);
  return 0;
}
