/*
 * round.c — `bench_round`, the office's board timed on a round of many
 * units: an office with UNITS units, each putting VERSIONS versions of its
 * report (built from its register) through xxgk_round_put, then submitted;
 * a third approved, a third returned, the rest left submitted. Then the
 * whole board (every unit's row, as the office's page lists it), one
 * unit's row (a unit's view) and the ranking, each over ROUNDS rounds.
 *
 *   bench_round [-u UNITS] [-v VERSIONS] [-k ROUNDS] DB
 *
 * DB must not exist. Prints one line of key=value pairs: units, versions,
 * build_s (writing the round), board_rows and the fastest and median
 * milliseconds of each read, and the median CPU milliseconds (this
 * process's, which a loaded machine does not inflate). The row counts let two builds be compared
 * for equal answers.
 */
#include "xxgk_round.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double clock_s(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* The process's CPU time: on a shared machine the wall time also counts
 * the other processes' turns on the core. */
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int count_board(void *ctx, const xxgk_board_row *row) {
  (void)row;
  ++*(int *)ctx;
  return 0;
}

static int count_rank(void *ctx, const xxgk_round_rank *row) {
  (void)row;
  ++*(int *)ctx;
  return 0;
}

static int fail(xxgk_round *rd, const char *what) {
  fprintf(stderr, "bench_round: %s: %s\n", what, xxgk_round_errmsg(rd));
  xxgk_round_close(rd);
  return 1;
}

/* What is timed: 0 the board, 1 one unit's row, 2 the ranking. */
static int read_once(xxgk_round *rd, int64_t round, int64_t unit, int what,
                     int *rows) {
  xxgk_board_filter one = {.agency_id = unit, .state = -1};
  *rows = 0;
  xxgk_status st =
      what == 0   ? xxgk_round_board(rd, round, NULL, count_board, rows)
      : what == 1 ? xxgk_round_board(rd, round, &one, count_board, rows)
                  : xxgk_round_ranking(rd, round, count_rank, rows);
  return st == XXGK_OK ? 0 : -1;
}

int main(int argc, char **argv) {
  int units = 1000, versions = 3, rounds = 5, opt;
  while ((opt = getopt(argc, argv, "u:v:k:")) != -1) {
    int v = atoi(optarg);
    if (v > 0 && opt == 'u')
      units = v;
    else if (v > 0 && opt == 'v')
      versions = v;
    else if (v > 0 && opt == 'k')
      rounds = v;
    else
      optind = argc + 1;
  }
  if (optind != argc - 1) {
    fprintf(stderr,
            "usage: bench_round [-u UNITS] [-v VERSIONS] [-k ROUNDS] DB\n");
    return 2;
  }
  xxgk_round *rd;
  if (xxgk_round_open(argv[optind], XXGK_OPT_CREATE, &rd) != XXGK_OK)
    return fail(rd, argv[optind]);
  xxgk_reg *r = xxgk_round_reg(rd);
  xxgk_reg_set_user(r, "bench");
  xxgk_date today;
  xxgk_date_parse("2025-01-20", &today);
  xxgk_reg_set_today(r, today);
  double t0 = now();
  xxgk_agency office = {.name = "某市政务公开办"};
  if (xxgk_reg_agency_add(r, &office) != XXGK_OK)
    return fail(rd, "office");
  int64_t *ids = malloc(sizeof *ids * (size_t)units);
  for (int i = 0; i < units; i++) {
    char name[64];
    snprintf(name, sizeof name, "某市第%d局", i + 1);
    xxgk_agency a = {.name = name, .parent_id = office.id};
    if (xxgk_reg_agency_add(r, &a) != XXGK_OK) {
      free(ids);
      return fail(rd, "unit");
    }
    ids[i] = a.id;
  }
  int64_t round;
  if (xxgk_round_new(rd, office.id, 2024, "2025-01-31", &round) != XXGK_OK) {
    free(ids);
    return fail(rd, "round");
  }
  for (int i = 0; i < units; i++) {
    for (int v = 0; v < versions; v++) {
      xxgk_doc *d = NULL;
      if (xxgk_reg_report(r, ids[i], 2024, &d) != XXGK_OK ||
          xxgk_round_put(rd, round, ids[i], d, NULL, 0, NULL, NULL) !=
              XXGK_OK) {
        free(ids);
        return fail(rd, "version");
      }
    }
    xxgk_status st = xxgk_round_submit(rd, round, ids[i]);
    if (st == XXGK_OK && i % 3 == 0)
      st = xxgk_round_approve(rd, round, ids[i]);
    else if (st == XXGK_OK && i % 3 == 1)
      st = xxgk_round_return(rd, round, ids[i], "请核对表三");
    if (st != XXGK_OK) {
      free(ids);
      return fail(rd, "workflow");
    }
  }
  double build = now() - t0;
  static const char *const NAMES[] = {"board", "unit", "ranking"};
  double *ms = malloc(sizeof *ms * (size_t)rounds),
         *cpu_ms = malloc(sizeof *cpu_ms * (size_t)rounds);
  printf("units=%d versions=%d build_s=%.1f", units, versions, build);
  for (int what = 0; what < 3; what++) {
    int rows = 0;
    for (int k = 0; k < rounds; k++) {
      double t = now(), c = cpu();
      if (read_once(rd, round, ids[units / 2], what, &rows) != 0) {
        free(cpu_ms);
        free(ms);
        free(ids);
        return fail(rd, NAMES[what]);
      }
      ms[k] = (now() - t) * 1e3;
      cpu_ms[k] = (cpu() - c) * 1e3;
    }
    qsort(ms, (size_t)rounds, sizeof *ms, cmp_double);
    qsort(cpu_ms, (size_t)rounds, sizeof *cpu_ms, cmp_double);
    printf(" %s_rows=%d %s_ms_min=%.2f %s_ms_median=%.2f %s_cpu_ms=%.2f",
           NAMES[what], rows, NAMES[what], ms[0], NAMES[what], ms[rounds / 2],
           NAMES[what], cpu_ms[rounds / 2]);
  }
  putchar('\n');
  free(cpu_ms);
  free(ms);
  free(ids);
  xxgk_round_close(rd);
  return 0;
}
