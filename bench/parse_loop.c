/*
 * parse_loop.c — `bench_parse`, the single-report latency driver: loads
 * report texts into memory, then parses and checks them in a loop in one
 * process, so that neither process start-up nor file I/O is counted.
 *
 *   bench_parse [-n REPORTS] [-k ROUNDS] [-p] DIR|FILE...
 *
 * Each round parses REPORTS texts (default 10,000), cycling through the
 * files given (a directory stands for its *.txt, *.html and *.docx files),
 * with xxgk_read() — the text parser for text, the HTML and DOCX readers
 * otherwise — then xxgk_check() (-p: read only). PDFs are not looped: their
 * reader starts pdftotext, a process per report. It prints one line of key=value
 * pairs for bench/run: the texts' count and bytes, and per-report
 * microseconds and MB/s of the fastest and the median round (the minimum
 * is the figure least disturbed by other load; the median shows the
 * spread), the CPU time of the fastest round per report (cpu_us_min: on a
 * loaded machine, less disturbed than the wall clock, which counts the time
 * the process waits for a core), and the process' peak RSS.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "xxgk.h"

typedef struct {
  char *data;
  size_t len;
} text;

static text *texts;
static size_t n_texts, cap_texts;

/* Appends the file's bytes to texts (texts owns them); -1 if unreadable. */
static int load(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  size_t cap = 1 << 15, len = 0, k;
  char *s = malloc(cap);
  while (s && (k = fread(s + len, 1, cap - len, f)) > 0)
    if ((len += k) == cap)
      s = realloc(s, cap *= 2);
  fclose(f);
  if (!s)
    return -1;
  if (n_texts == cap_texts) {
    cap_texts = cap_texts ? cap_texts * 2 : 1024;
    texts = realloc(texts, cap_texts * sizeof *texts);
    if (!texts)
      abort();
  }
  texts[n_texts++] = (text){s, len};
  return 0;
}

static int load_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return load(dir);
  struct dirent *e;
  char path[4096];
  while ((e = readdir(d))) {
    const char *dot = strrchr(e->d_name, '.');
    if (!dot || (strcmp(dot, ".txt") != 0 && strcmp(dot, ".html") != 0 &&
                 strcmp(dot, ".docx") != 0))
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (load(path) != 0) {
      closedir(d);
      return -1;
    }
  }
  closedir(d);
  return 0;
}

static double clock_secs(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double now(void) { return clock_secs(CLOCK_MONOTONIC); }

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  long reports = 10000, rounds = 5;
  int check = 1, opt;
  while ((opt = getopt(argc, argv, "n:k:p")) != -1) {
    if (opt == 'n')
      reports = strtol(optarg, NULL, 10);
    else if (opt == 'k')
      rounds = strtol(optarg, NULL, 10);
    else if (opt == 'p')
      check = 0;
    else
      goto usage;
  }
  if (optind >= argc || reports < 1 || rounds < 1 || rounds > 1000)
    goto usage;
  for (int i = optind; i < argc; i++)
    if (load_dir(argv[i]) != 0) {
      fprintf(stderr, "bench_parse: cannot read %s\n", argv[i]);
      return 2;
    }
  if (n_texts == 0) {
    fprintf(stderr, "bench_parse: no reports in the paths given\n");
    return 2;
  }

  double *secs = malloc((size_t)rounds * sizeof *secs);
  double cpu_best = 0;
  size_t bytes = 0, errors = 0;
  for (long k = 0; k < rounds; k++) {
    bytes = 0;
    errors = 0;
    double t0 = now(), c0 = clock_secs(CLOCK_PROCESS_CPUTIME_ID);
    for (long i = 0; i < reports; i++) {
      const text *t = &texts[(size_t)i % n_texts];
      xxgk_doc *d;
      if (xxgk_read(t->data, t->len, &d) != XXGK_OK)
        errors++;
      if (check)
        errors += xxgk_check(d) > 0;
      bytes += t->len;
      xxgk_doc_free(d);
    }
    secs[k] = now() - t0;
    double cpu = clock_secs(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (k == 0 || cpu < cpu_best)
      cpu_best = cpu;
  }
  qsort(secs, (size_t)rounds, sizeof *secs, cmp_double);
  double best = secs[0], median = secs[rounds / 2];
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("texts=%zu reports=%ld bytes=%zu rounds=%ld with_findings=%zu "
         "us_min=%.2f us_median=%.2f mbs_max=%.1f mbs_median=%.1f "
         "cpu_us_min=%.2f maxrss_kb=%ld\n",
         n_texts, reports, bytes, rounds, errors, best * 1e6 / (double)reports,
         median * 1e6 / (double)reports, (double)bytes / best / 1e6,
         (double)bytes / median / 1e6, cpu_best * 1e6 / (double)reports,
         ru.ru_maxrss);
  free(secs);
  for (size_t i = 0; i < n_texts; i++)
    free(texts[i].data);
  free(texts);
  return 0;

usage:
  fputs("usage: bench_parse [-n REPORTS] [-k ROUNDS] [-p] DIR|FILE...\n",
        stderr);
  return 2;
}
