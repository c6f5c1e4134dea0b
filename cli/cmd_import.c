/*
 * cmd_import.c — `xxgk import`: every report file under the given paths
 * into the corpus database (xxgk_corpus_import), with a progress line on a
 * terminal, a JSON line per file for scripts, and a summary.
 */
#include "corpus_cli.h"
#include "xxgk_corpus.h"
#include "xxgk_register.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd_import.h"

/* What the progress callback keeps. */
typedef struct {
  int jsonl, tty;
  size_t failed;
  double start, last_shown;
} progress;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void show(const progress *p, size_t done, size_t n, int last) {
  double el = now() - p->start;
  double rate = el > 0 ? (double)done / el : 0;
  double eta = rate > 0 ? (double)(n - done) / rate : 0;
  int width = 24, fill = n ? (int)(width * done / n) : width;
  fprintf(stderr, "\r[%.*s%*s] %zu/%zu  %.0f 份/秒  剩余 %02d:%02d  失败 %zu ",
          fill, "########################", width - fill, "", done, n, rate,
          (int)eta / 60, (int)eta % 60, p->failed);
  if (last)
    fputc('\n', stderr);
}

static void jsonl_line(FILE *f, const xxgk_import_file *j) {
  const xxgk_doc *d = j->doc;
  fprintf(f, "{\"path\": ");
  cli_json_str(f, j->path);
  fprintf(f, ", \"status\": \"%s\", \"report_id\": %lld, \"hash\": \"%s\"",
          xxgk_import_result_name(j->result), (long long)j->report_id, j->hash);
  if (d) {
    cli_json_field(f, "agency", xxgk_doc_agency(d));
    fprintf(f, ", \"year\": %d, \"errors\": %zu", xxgk_doc_year(d),
            xxgk_doc_count(d, XXGK_SEV_ERROR));
  }
  if (j->reason) {
    cli_json_field(f, "reason", j->reason);
  }
  fprintf(f, "}\n");
}

/* Each file once stored: its line, its failure, the progress. */
static int on_file(void *ctx, const xxgk_import_file *f) {
  progress *p = ctx;
  p->failed += f->result == XXGK_IMPORT_FAILED;
  if (p->jsonl) {
    jsonl_line(stdout, f);
    /* a reader of the pipe sees each line once its file is stored */
    fflush(stdout);
  } else if (f->result == XXGK_IMPORT_FAILED) {
    if (p->tty) /* over the progress line */
      fprintf(stderr, "\r%-70s\r", "");
    fprintf(stderr, "xxgk import: %s: %s\n", f->path, f->reason);
  }
  if (p->tty && (now() - p->last_shown > 0.1 || f->done == f->total)) {
    show(p, f->done, f->total, 0);
    p->last_shown = now();
  }
  return 0;
}

static int run(const struct cli_call *call) {
  const struct args *a = call->args; /* threads 0: one per core */
  const char *db = a->db ? a->db : cli_default_db();
  char **roots = call->pos;
  int n_roots = call->n_pos;
  /* Before the database is opened, which creates it: a mistyped path must
   * not leave an empty database behind. */
  for (int i = 0; i < n_roots; i++) {
    struct stat sb;
    if (stat(roots[i], &sb) != 0) {
      fprintf(stderr, "xxgk import: %s: 不存在\n", roots[i]);
      return EXIT_UNREADABLE;
    }
  }
  xxgk_corpus *c;
  char *name = xxgk_db_printable(db); /* never a password */
  if (xxgk_corpus_open(db, XXGK_OPT_CREATE, &c) != XXGK_OK) {
    fprintf(stderr, "xxgk import: %s: %s\n", name, xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    free(name);
    return EXIT_UNREADABLE;
  }
  progress p = {.jsonl = a->jsonl,
                .tty = !a->quiet && isatty(STDERR_FILENO),
                .start = now()};
  xxgk_import_opts opts = {
      .threads = a->threads, .progress = on_file, .ctx = &p};
  xxgk_import_summary sum;
  xxgk_status st = xxgk_corpus_import(c, (const char *const *)roots,
                                      (size_t)n_roots, &opts, &sum);
  if (p.tty && sum.files)
    show(&p, sum.files, sum.files, 1);
  int rc = sum.counts[XXGK_IMPORT_FAILED] ? EXIT_FINDINGS : EXIT_CONSISTENT;
  if (st == XXGK_E_IO) { /* a path that does not exist: nothing done */
    cli_corpus_fail(c, "import");
    xxgk_corpus_close(c);
    free(name);
    return EXIT_UNREADABLE;
  }
  if (st != XXGK_OK) {
    fprintf(stderr, "xxgk import: %s: %s\n", name, xxgk_corpus_errmsg(c));
    rc = EXIT_UNREADABLE;
  }
  free(name);
  xxgk_corpus_close(c);
  size_t stored = 0;
  for (int i = 0; i < 4; i++)
    stored += sum.counts[i];
  fprintf(
      stderr,
      "xxgk import: %zu 个文件：新导入 %zu，未变 %zu，新版本 %zu，失败 %zu；"
      "跨年度发现 %zu 条；用时 %.1f 秒\n",
      sum.files, sum.counts[XXGK_IMPORT_NEW], sum.counts[XXGK_IMPORT_UNCHANGED],
      sum.counts[XXGK_IMPORT_VERSION], sum.counts[XXGK_IMPORT_FAILED],
      sum.cross_years, now() - p.start);
  if (stored < sum.files)
    fprintf(stderr,
            "xxgk import: 另有 %zu 个文件没有导入（以上计数只含已保存的）；"
            "问题解决后再次运行同一命令即可补上\n",
            sum.files - stored);
  else if (st != XXGK_OK)
    fprintf(stderr, "xxgk import: 报告都已保存，跨年度检查未完成；问题解决后"
                    "再次运行同一命令即可补上\n");
  return rc;
}
