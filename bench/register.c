/*
 * register.c — `bench_register`, a synthetic register (登记簿) for the
 * benchmark: N applications over several years with every event kind, a
 * few reviews and suits, active-disclosure records and yearly figures,
 * written through the public register API (xxgk_register.h), the
 * applications in batches of 1,000 commands; then the annual report of
 * the last full year is built from it and timed.
 *
 *   bench_register [-n N] [-s SEED] [-y FIRST] [-Y LAST] [-k ROUNDS] DB
 *   bench_register -R [-Y LAST] [-k ROUNDS] DB
 *
 * -L LOGIN:PASSWORD gives the city an account (for the web server's
 * benchmark).
 *
 * Applications are received evenly from 1 January of FIRST (default 2021)
 * to 31 December of LAST (default 2024), for one city government and two
 * of its units. Each follows one of the paths a clerk meets, its events in
 * time order: a plain reply (most), 补正 then reply, 征求第三方意见 then
 * reply, 延期 then reply, 收费通知 then 缴费 then reply, 收费通知 then
 * 逾期未缴费, a withdrawal; those received in the last weeks of LAST stay
 * open (carried forward). Prints one line of key=value pairs for bench/run:
 * applications, events, the seconds spent writing them, the database's
 * size, and the fastest and median milliseconds of xxgk_reg_report() for
 * the whole city in LAST over ROUNDS rounds (default 3). DB must not exist.
 * With -R, DB is one written before (a SQLite file, or a PostgreSQL
 * database's URI, e.g. one `xxgk db copy` filled) and only the report is
 * timed: the same report_ms fields (for a profiler, or a backend).
 */
#include "xxgk_register.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng_state;

static uint64_t next(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int below(int n) { return (int)(next() % (uint64_t)n); }

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static xxgk_reg *reg;
static long n_events;

/* Exits with the register's message: the generator only writes what the
 * rules allow, so a refusal is a bug here or there. */
static void must(xxgk_status st, const char *what) {
  if (st == XXGK_OK)
    return;
  fprintf(stderr, "bench_register: %s: %s (%s)\n", what, xxgk_reg_errmsg(reg),
          xxgk_strerror(st));
  exit(1);
}

static void event(int64_t case_id, xxgk_event_kind k, xxgk_date d,
                  const char *outcome) {
  char date[11];
  xxgk_date_format(d, date);
  xxgk_event e = {0};
  e.case_id = case_id;
  e.kind = k;
  e.date = date;
  if (k == XXGK_EV_REPLY) {
    e.outcome = outcome;
    e.basis = "《中华人民共和国政府信息公开条例》第三十六条";
  }
  if (k == XXGK_EV_FEE_NOTICE) {
    e.method = XXGK_FEE_BY_PAGE;
    e.quantity = 40 + below(300);
  }
  must(xxgk_reg_event_add(reg, &e), xxgk_event_key(k));
  n_events++;
}

/* The outcome of a reply, weighted as in real reports. */
static const char *outcome(void) {
  static const char *const COMMON[] = {
      "granted", "granted", "granted", "granted", "partially_granted",
      "unable_not_held", "unable_not_held", "unable_needs_creation",
      "not_processed_petition", "not_processed_duplicate"};
  static const char *const RARE[] = {
      "withheld_state_secret", "withheld_prohibited_by_law",
      "withheld_security_stability", "withheld_third_party_rights",
      "withheld_internal_affairs", "withheld_process_information",
      "withheld_enforcement_file", "withheld_administrative_query",
      "unable_unclear", "not_processed_publication",
      "not_processed_excessive", "not_processed_confirmation"};
  if (below(10) == 0)
    return RARE[below((int)(sizeof RARE / sizeof RARE[0]))];
  return COMMON[below((int)(sizeof COMMON / sizeof COMMON[0]))];
}

/* Builds the agency's report for `last` `rounds` times: the milliseconds
 * of each, fastest first (caller frees), and the last report's errors. */
static double *timed(int64_t agency, int last, long rounds, size_t *errors) {
  double *ms = malloc((size_t)rounds * sizeof *ms);
  for (long k = 0; k < rounds; k++) {
    xxgk_doc *doc = NULL;
    double s = now();
    must(xxgk_reg_report(reg, agency, last, &doc), "report");
    ms[k] = (now() - s) * 1e3;
    *errors = xxgk_check(doc);
    xxgk_doc_free(doc);
  }
  for (long i = 1; i < rounds; i++) /* insertion sort: a few rounds */
    for (long j = i; j > 0 && ms[j - 1] > ms[j]; j--) {
      double t = ms[j];
      ms[j] = ms[j - 1];
      ms[j - 1] = t;
    }
  return ms;
}

int main(int argc, char **argv) {
  long n = 10000, rounds = 3;
  int first = 2021, last = 2024, opt;
  rng_state = 1;
  int report_only = 0;
  const char *login = NULL;
  while ((opt = getopt(argc, argv, "n:s:y:Y:k:RL:")) != -1) {
    if (opt == 'n')
      n = strtol(optarg, NULL, 10);
    else if (opt == 's')
      rng_state = strtoull(optarg, NULL, 10);
    else if (opt == 'y')
      first = atoi(optarg);
    else if (opt == 'Y')
      last = atoi(optarg);
    else if (opt == 'k')
      rounds = strtol(optarg, NULL, 10);
    else if (opt == 'R')
      report_only = 1;
    else if (opt == 'L')
      login = optarg;
    else
      goto usage;
  }
  if (optind != argc - 1 || n < 1 || first < 2021 || last < first ||
      rounds < 1 || rounds > 100)
    goto usage;
  const char *path = argv[optind];
  struct stat sb;
  if (report_only) { /* time the report of a register written before */
    must(xxgk_reg_open(path, 0, &reg), path);
    size_t errors;
    double *ms = timed(1, last, rounds, &errors);
    xxgk_reg_close(reg);
    printf("year=%d report_ms_min=%.1f report_ms_median=%.1f "
           "check_errors=%zu\n",
           last, ms[0], ms[rounds / 2], errors);
    free(ms);
    return 0;
  }
  if (stat(path, &sb) == 0) {
    fprintf(stderr, "bench_register: %s exists; give a new file\n", path);
    return 2;
  }

  /* Every command is a transaction, whose memory SQLite frees at commit;
   * glibc would hand it back to the kernel (brk) each time and fault it in
   * again, and writing the register would time the kernel (70% of a
   * 3,000-application run). Keep freed memory instead (glibc). */
#ifdef M_TRIM_THRESHOLD
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
#endif
  double t0 = now();
  xxgk_status st;
  st = xxgk_reg_open(path, XXGK_OPT_CREATE, &reg);
  must(st, path);
  xxgk_reg_set_user(reg, "bench");
  xxgk_reg_set_clock(reg, "2025-01-15T09:00:00Z");
  xxgk_agency city = {.name = "某某市人民政府"};
  must(xxgk_reg_agency_add(reg, &city), "agency");
  xxgk_agency units[2] = {{.parent_id = city.id, .name = "某某市教育局"},
                          {.parent_id = city.id, .name = "某某市自然资源局"}};
  for (int i = 0; i < 2; i++)
    must(xxgk_reg_agency_add(reg, &units[i]), "agency");
  int64_t agencies[3] = {city.id, units[0].id, units[1].id};
  if (login) { /* LOGIN:PASSWORD for the city's oversight account */
    char user[64];
    const char *colon = strchr(login, ':');
    if (!colon || (size_t)(colon - login) >= sizeof user)
      goto usage;
    memcpy(user, login, (size_t)(colon - login));
    user[colon - login] = 0;
    must(xxgk_reg_user_set_login(reg, city.id, "基准测试", user, colon + 1),
         "login");
  }

  xxgk_date start, end;
  char buf[32];
  snprintf(buf, sizeof buf, "%04d-01-01", first);
  xxgk_date_parse(buf, &start);
  snprintf(buf, sizeof buf, "%04d-12-31", last);
  xxgk_date_parse(buf, &end);
  static const char *const CHANNELS[] = {"网络", "网络", "网络", "邮寄",
                                         "当面", "传真", "其他"};
  static const char *const CATEGORIES[] = {
      "natural_person", "natural_person", "natural_person", "natural_person",
      "natural_person", "natural_person", "commercial", "legal_services",
      "research", "social_welfare", "other_org"};
  int64_t *ids = malloc((size_t)n * sizeof *ids);
  int64_t *owner = malloc((size_t)n * sizeof *owner);
  if (!ids || !owner)
    abort();
  /* Written in batches of 1,000 applications (xxgk_reg_batch_begin):
   * every command is checked as a clerk's is, but a transaction on disk
   * per command would time the writes of the WAL, not xxgk. */
  for (long i = 0; i < n; i++) {
    if (i % 1000 == 0) {
      if (i)
        must(xxgk_reg_batch_end(reg), "batch");
      must(xxgk_reg_batch_begin(reg), "batch");
    }
    xxgk_date got = start + (xxgk_date)((double)(end - start) * (double)i /
                                        (double)n);
    char received[11], name[32];
    xxgk_date_format(got, received);
    snprintf(name, sizeof name, "申请人%ld", i);
    xxgk_case c = {0};
    c.agency_id = agencies[below(3)];
    c.channel = CHANNELS[below(7)];
    c.received = received;
    c.category = CATEGORIES[below(11)];
    c.name = name;
    c.contact = "13800000000";
    c.content = "申请公开某某项目的立项批复文件及相关材料";
    must(xxgk_reg_case_new(reg, &c), "case");
    ids[i] = c.id;
    owner[i] = c.agency_id;
    if (end - got < 20)
      continue; /* still open at the end: carried forward */
    int path_kind = below(100);
    xxgk_date d = got + 3 + below(10);
    if (path_kind < 62) {
      event(c.id, XXGK_EV_REPLY, d, outcome());
    } else if (path_kind < 72) {
      event(c.id, XXGK_EV_CORRECTION_REQUESTED, d, NULL);
      if (below(4) == 0) {
        event(c.id, XXGK_EV_REPLY, d + 16, "other_no_correction");
      } else {
        event(c.id, XXGK_EV_CORRECTION_RECEIVED, d + 4, NULL);
        event(c.id, XXGK_EV_REPLY, d + 10, outcome());
      }
    } else if (path_kind < 78) {
      event(c.id, XXGK_EV_CONSULT_STARTED, d, NULL);
      event(c.id, XXGK_EV_CONSULT_ANSWERED, d + 8, NULL);
      event(c.id, XXGK_EV_REPLY, d + 12, outcome());
    } else if (path_kind < 85) {
      event(c.id, XXGK_EV_EXTENDED, d + 10, NULL);
      event(c.id, XXGK_EV_REPLY, d + 15, outcome());
    } else if (path_kind < 89) {
      event(c.id, XXGK_EV_FEE_NOTICE, d, NULL);
      event(c.id, XXGK_EV_FEE_PAID, d + 5, NULL);
      event(c.id, XXGK_EV_REPLY, d + 7, "granted");
    } else if (path_kind < 92) {
      event(c.id, XXGK_EV_FEE_NOTICE, d, NULL);
      event(c.id, XXGK_EV_FEE_LAPSED, d + 40, NULL);
    } else if (path_kind < 96) {
      event(c.id, XXGK_EV_WITHDRAWN, d, NULL);
    } else {
      event(c.id, XXGK_EV_REPLY, d, outcome());
    }
  }

  must(xxgk_reg_batch_end(reg), "batch");

  /* Reviews and suits: about one per 60 applications. */
  static const char *const KINDS[] = {"administrative_review",
                                      "administrative_review",
                                      "litigation_direct",
                                      "litigation_after_review"};
  static const char *const RESULTS[] = {"upheld", "upheld", "upheld",
                                        "corrected", "other"};
  for (long i = 0; i < n / 60; i++) {
    long a = below((int)(n < 1000000000 ? n : 1000000000));
    xxgk_date filed = start + (xxgk_date)((double)(end - start) *
                                          (double)a / (double)n) + 40;
    if (filed > end)
      continue;
    char date[11], decided[11];
    xxgk_date_format(filed, date);
    xxgk_review v = {0};
    v.agency_id = owner[a]; /* counted for the agency that replied */
    v.kind = KINDS[below(4)];
    v.filed = date;
    v.result = "pending";
    v.cases = &ids[a];
    v.n_cases = 1;
    /* a suit after review is registered after its review (the register
     * refuses it otherwise): the review filed the same day */
    if (strcmp(v.kind, "litigation_after_review") == 0) {
      xxgk_review first = v;
      first.kind = "administrative_review";
      must(xxgk_reg_review_add(reg, &first), "review");
    }
    must(xxgk_reg_review_add(reg, &v), "review");
    if (filed + 60 <= end && below(5) != 0) {
      xxgk_date_format(filed + 60, decided);
      must(xxgk_reg_review_decide(reg, v.id, RESULTS[below(5)], decided),
           "review decide");
    }
  }

  /* Table 2: records and yearly figures. */
  for (int y = first; y <= last; y++) {
    for (int k = 0; k < 6; k++) {
      char title[64], issued[32];
      snprintf(title, sizeof title, "某某市管理办法（%d年第%d号）", y, k + 1);
      snprintf(issued, sizeof issued, "%04d-%02d-15", y, 1 + 2 * k);
      xxgk_record rec = {0};
      rec.agency_id = city.id;
      rec.kind = k < 1 ? "rules" : "normative_documents";
      rec.title = title;
      rec.issued = issued;
      must(xxgk_reg_record_add(reg, &rec), "record");
    }
    char v[32];
    snprintf(v, sizeof v, "%d", 1000 + below(5000));
    must(xxgk_reg_figure_set(reg, city.id, y, "licensing", v), "figure");
    snprintf(v, sizeof v, "%d", below(800));
    must(xxgk_reg_figure_set(reg, city.id, y, "punishment", v), "figure");
    must(xxgk_reg_figure_set(reg, city.id, y, "coercion", "12"), "figure");
    must(xxgk_reg_figure_set(reg, city.id, y, "fees", "123.4567"), "figure");
  }
  double built = now() - t0;

  size_t errors;
  double *ms = timed(city.id, last, rounds, &errors);
  xxgk_reg_close(reg);
  long long bytes = stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
  printf("applications=%ld events=%ld build_s=%.1f db_bytes=%lld year=%d "
         "report_ms_min=%.1f report_ms_median=%.1f check_errors=%zu\n",
         n, n_events, built, bytes, last, ms[0], ms[rounds / 2], errors);
  free(ms);
  free(ids);
  free(owner);
  return 0;

usage:
  fputs("usage: bench_register [-n N] [-s SEED] [-y FIRST] [-Y LAST] "
        "[-k ROUNDS] [-L LOGIN:PASSWORD] DB\n"
        "       bench_register -R [-Y LAST] [-k ROUNDS] DB\n",
        stderr);
  return 2;
}
