/*
 * writers.c — `bench_writers`, concurrent writers on one register: P
 * processes (default 4) each record E events (default 10,000), four to an
 * application they register themselves in one agency and year (补正, 收到
 * 补正, 延期, 答复), all at once on the same database; then the register is
 * read back and checked: every application there, their tracking numbers
 * 1..N each once, every one replied to (no event lost), and the year's
 * annual report counting them all.
 *
 *   bench_writers [-p P] [-e E] DB
 *
 * DB is a new database (a SQLite file or a postgresql:// URI). A command
 * refused as busy (another writer held the lock past its timeout) is
 * retried, as a clerk would, and counted. Prints one line of key=value
 * pairs for bench/run: processes, events, seconds, events per second,
 * retries, applications found, duplicated and missing numbers, replies
 * missing, report total; exits 1 if anything was lost or doubled.
 */
#include "xxgk_register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Runs call into st, again while busy, counting the retries. */
#define RETRY(st, call, retries)                                               \
  while (((st) = (call)) == XXGK_E_BUSY)                                       \
  (retries)++

/* One writer: e events on e / 4 applications. Exits with the number of
 * busy retries (capped at 255) or 255 on a failure. */
static int writer(const char *db, int64_t agency, long e) {
  xxgk_reg *r;
  if (xxgk_reg_open(db, 0, &r) != XXGK_OK) {
    fprintf(stderr, "bench_writers: %s\n", xxgk_reg_errmsg(r));
    return 255;
  }
  xxgk_reg_set_user(r, "bench");
  long retries = 0;
  static const struct {
    xxgk_event_kind k;
    const char *date, *outcome;
  } EV[] = {{XXGK_EV_CORRECTION_REQUESTED, "2024-03-04", NULL},
            {XXGK_EV_CORRECTION_RECEIVED, "2024-03-06", NULL},
            {XXGK_EV_EXTENDED, "2024-03-20", NULL},
            {XXGK_EV_REPLY, "2024-04-01", "granted"}};
  for (long i = 0; i < e / 4; i++) {
    xxgk_case c = {.agency_id = agency,
                   .channel = "网络",
                   .received = "2024-03-01",
                   .category = "natural_person",
                   .name = "申请人",
                   .content = "某项目的批复"};
    xxgk_status st;
    RETRY(st, xxgk_reg_case_new(r, &c), retries);
    for (int k = 0; st == XXGK_OK && k < 4; k++) {
      xxgk_event ev = {.case_id = c.id,
                       .kind = EV[k].k,
                       .date = EV[k].date,
                       .outcome = EV[k].outcome};
      RETRY(st, xxgk_reg_event_add(r, &ev), retries);
    }
    if (st != XXGK_OK) {
      fprintf(stderr, "bench_writers: %s\n", xxgk_reg_errmsg(r));
      xxgk_reg_close(r);
      return 255;
    }
  }
  xxgk_reg_close(r);
  return retries > 254 ? 254 : (int)retries;
}

struct seen {
  unsigned char *number; /* times each tracking number 2024-NNNNN was seen */
  long n, cap, closed, foreign;
};

static int see(void *ctx, const xxgk_case_row *row) {
  struct seen *s = ctx;
  long k = strncmp(row->c.tracking, "2024-", 5) == 0
               ? strtol(row->c.tracking + 5, NULL, 10)
               : 0;
  if (k >= 1 && k <= s->cap && s->number[k - 1] < 255)
    s->number[k - 1]++;
  else
    s->foreign++;
  s->closed += row->final_kind != NULL;
  s->n++;
  return 0;
}

int main(int argc, char **argv) {
  int procs = 4, opt;
  long events = 10000;
  while ((opt = getopt(argc, argv, "p:e:")) != -1) {
    if (opt == 'p')
      procs = atoi(optarg);
    else if (opt == 'e')
      events = atol(optarg);
    else
      goto usage;
  }
  if (optind != argc - 1 || procs < 1 || procs > 64 || events < 4)
    goto usage;
  const char *db = argv[optind];
  xxgk_reg *r;
  if (xxgk_reg_open(db, XXGK_OPT_CREATE, &r) != XXGK_OK) {
    fprintf(stderr, "bench_writers: %s\n", xxgk_reg_errmsg(r));
    return 2;
  }
  xxgk_agency a = {.name = "某市人民政府办公室"};
  if (xxgk_reg_agency_add(r, &a) != XXGK_OK) {
    fprintf(stderr, "bench_writers: %s\n", xxgk_reg_errmsg(r));
    return 2;
  }
  xxgk_reg_close(r); /* nothing open across the fork */

  double t0 = now();
  pid_t kids[64];
  for (int k = 0; k < procs; k++)
    if ((kids[k] = fork()) == 0)
      _exit(writer(db, a.id, events));
  long retries = 0;
  int failed = 0;
  for (int k = 0; k < procs; k++) {
    int ws = 0;
    waitpid(kids[k], &ws, 0);
    int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 255;
    failed += code == 255;
    retries += code == 255 ? 0 : code;
  }
  double secs = now() - t0;

  long want = (long)procs * (events / 4);
  struct seen s = {calloc((size_t)want + 1, 1), 0, want, 0, 0};
  if (xxgk_reg_open(db, 0, &r) != XXGK_OK) {
    fprintf(stderr, "bench_writers: %s\n", xxgk_reg_errmsg(r));
    return 2;
  }
  xxgk_case_query q = {.agency_id = a.id};
  int64_t total = 0;
  if (xxgk_reg_case_query(r, &q, &total, see, &s) != XXGK_OK) {
    fprintf(stderr, "bench_writers: %s\n", xxgk_reg_errmsg(r));
    return 2;
  }
  long twice = 0, missing = 0;
  for (long k = 0; k < want; k++) {
    twice += s.number[k] > 1;
    missing += s.number[k] == 0;
  }
  xxgk_doc *d = NULL;
  long reported = -1;
  if (xxgk_reg_report(r, a.id, 2024, &d) == XXGK_OK) {
    int row =
        xxgk_dict_find_row(XXGK_T_APPLICATIONS, "granted", XXGK_FORMAT_2021);
    const xxgk_cell *cell = row >= 0 ? xxgk_doc_cell(d, row, 0) : NULL;
    if (cell && cell->state == XXGK_CELL_VALUE)
      reported = (long)cell->num.mant;
  }
  xxgk_doc_free(d);
  xxgk_reg_close(r);
  free(s.number);
  long lost = want - s.closed;
  printf("processes=%d events=%ld seconds=%.1f events_per_s=%.0f retries=%ld "
         "failed_writers=%d applications=%ld duplicated=%ld missing=%ld "
         "replies_lost=%ld reported_granted=%ld\n",
         procs, (long)procs * (events / 4) * 4, secs,
         (double)procs * (double)(events / 4) * 4 / secs, retries, failed, s.n,
         twice + s.foreign, missing, lost, reported);
  return failed || twice || s.foreign || missing || lost || reported != want
             ? 1
             : 0;
usage:
  fprintf(stderr, "usage: bench_writers [-p P] [-e E] DB\n");
  return 2;
}
