/*
 * cmd_import.c — `xxgk import`: every report file under the given paths
 * into the corpus database.
 *
 * Worker threads (one per core) read, hash, parse and check files; the main
 * thread alone talks to the database, storing results in file order in
 * batched transactions. A file whose bytes are stored already is skipped
 * before parsing (the known hashes are loaded first), so importing the same
 * folder again costs one read and one hash per file. A file that fails
 * never stops the import: it is recorded with its reason.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include "cli.h"
#include "xxgk_corpus.h"

#include <ftw.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BATCH 256 /* results per transaction */
/* Workers stay at most this many files ahead of the writer, so parsed
 * documents never pile up in memory however large the corpus. */
#define AHEAD 1024

typedef struct {
  char *path;
  char hash[65];
  int done;      /* set by a worker, under the lock */
  int skipped;   /* the hash is stored already      */
  xxgk_doc *doc; /* NULL when the file could not be read */
  xxgk_status st;
  char reason[256];
} job;

typedef struct {
  job *jobs;
  size_t n, next;
  size_t stored; /* files the writer is done with */
  pthread_mutex_t lock;
  pthread_cond_t ready; /* a job is done    */
  pthread_cond_t room;  /* the writer moved */
  char **known; /* sorted hashes already stored */
  size_t n_known;
} queue;

/* ## Listing the files */

static char **g_paths;
static size_t g_n, g_cap;

static int add_path(const char *p, const struct stat *sb, int type,
                    struct FTW *ftw) {
  (void)sb;
  (void)ftw;
  if (type != FTW_F)
    return 0;
  const char *base = strrchr(p, '/');
  if ((base ? base[1] : p[0]) == '.') /* hidden files: editor and VCS litter */
    return 0;
  if (g_n == g_cap) {
    g_cap = g_cap ? g_cap * 2 : 1024;
    g_paths = xxgk_realloc(g_paths, g_cap * sizeof *g_paths);
  }
  g_paths[g_n++] = xxgk_strdup(p);
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ## Workers */

static int is_known(const queue *q, const char *hash) {
  const char *key = hash;
  return q->n_known > 0 && bsearch(&key, q->known, q->n_known,
                                   sizeof *q->known, cmp_str) != NULL;
}

static void read_one(queue *q, job *j) {
  size_t n = 0;
  char *bytes = NULL;
  FILE *f = fopen(j->path, "rb");
  if (f) {
    /* One byte past the bound, so that xxgk_read refuses a larger file
     * rather than reading its first 256 MiB as if that were all. */
    bytes = cli_slurp(f, XXGK_MAX_INPUT, &n);
    fclose(f);
  }
  if (!bytes) {
    snprintf(j->reason, sizeof j->reason, "无法读取文件");
    j->st = XXGK_E_IO;
    return;
  }
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)bytes, n);
  sodium_bin2hex(j->hash, sizeof j->hash, h, sizeof h);
  if (is_known(q, j->hash)) {
    j->skipped = 1;
  } else {
    j->st = xxgk_read(bytes, n, &j->doc);
    if (j->st == XXGK_OK || j->st == XXGK_E_INCOMPLETE)
      xxgk_check(j->doc);
  }
  xxgk_free(bytes);
}

static void *worker(void *arg) {
  queue *q = arg;
  for (;;) {
    pthread_mutex_lock(&q->lock);
    while (q->next < q->n && q->next >= q->stored + AHEAD)
      pthread_cond_wait(&q->room, &q->lock);
    size_t i = q->next < q->n ? q->next++ : q->n;
    pthread_mutex_unlock(&q->lock);
    if (i == q->n)
      return NULL;
    read_one(q, &q->jobs[i]);
    pthread_mutex_lock(&q->lock);
    q->jobs[i].done = 1;
    pthread_cond_broadcast(&q->ready);
    pthread_mutex_unlock(&q->lock);
  }
}

/* ## Progress and summary */

typedef struct {
  size_t counts[4], done, n;
  double start;
  int tty;
} progress;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void show(progress *p, int last) {
  double el = now() - p->start;
  double rate = el > 0 ? (double)p->done / el : 0;
  double eta = rate > 0 ? (double)(p->n - p->done) / rate : 0;
  int width = 24, fill = p->n ? (int)(width * p->done / p->n) : width;
  fprintf(stderr, "\r[%.*s%*s] %zu/%zu  %.0f 份/秒  剩余 %02d:%02d  失败 %zu ",
          fill, "########################", width - fill, "", p->done, p->n,
          rate, (int)eta / 60, (int)eta % 60, p->counts[XXGK_IMPORT_FAILED]);
  if (last)
    fputc('\n', stderr);
}

static void jsonl_line(FILE *f, const job *j, xxgk_import_result r,
                       int64_t id) {
  const xxgk_doc *d = j->doc;
  fprintf(f, "{\"path\": ");
  cli_json_str(f, j->path);
  fprintf(f, ", \"status\": \"%s\", \"report_id\": %lld, \"hash\": \"%s\"",
          xxgk_import_result_name(r), (long long)id, j->hash);
  if (d) {
    fprintf(f, ", \"agency\": ");
    cli_json_str(f, xxgk_doc_agency(d));
    fprintf(f, ", \"year\": %d, \"errors\": %zu", xxgk_doc_year(d),
            xxgk_doc_count(d, XXGK_SEV_ERROR));
  }
  if (r == XXGK_IMPORT_FAILED) {
    fprintf(f, ", \"reason\": ");
    cli_json_str(f, j->reason);
  }
  fprintf(f, "}\n");
}

/* ## Acknowledgements
 *
 * What the user is told about a file (its --jsonl line, its failure
 * message, its count in the summary) waits for the transaction that stores
 * its result: told before COMMIT, it could be undone by a crash or a full
 * disk and the user would believe a report imported that is not. */

typedef struct {
  FILE *out, *err; /* this batch's lines, in memory */
  char *out_buf, *err_buf;
  size_t out_len, err_len;
  size_t counts[4]; /* this batch's results */
} batch;

static void batch_open(batch *b) {
  memset(b, 0, sizeof *b);
  b->out = open_memstream(&b->out_buf, &b->out_len);
  b->err = open_memstream(&b->err_buf, &b->err_len);
  if (!b->out || !b->err)
    abort();
}

/* Closes the batch; if `stored`, its lines go out and its counts join the
 * totals, otherwise both are dropped. */
static void batch_close(batch *b, int stored, size_t totals[4]) {
  fclose(b->out);
  fclose(b->err);
  if (stored) {
    fwrite(b->err_buf, 1, b->err_len, stderr);
    fwrite(b->out_buf, 1, b->out_len, stdout);
    fflush(stdout); /* a reader of the pipe sees each batch once stored */
    for (int i = 0; i < 4; i++)
      totals[i] += b->counts[i];
  }
  free(b->out_buf);
  free(b->err_buf);
}

static int collect_hash(void *ctx, const char *hash) {
  queue *q = ctx;
  q->known = xxgk_realloc(q->known, (q->n_known + 1) * sizeof *q->known);
  q->known[q->n_known++] = xxgk_strdup(hash);
  return 0;
}

struct args {
  const char *db;
  int jsonl, quiet, threads;
};

static const struct cli_opt OPTS[] = {
    CLI_OPT(CLI_STRING, "db", 0, struct args, db, "FILE",
            "数据库文件（默认 $XXGK_DB，或 xxgk.db）"),
    CLI_OPT(CLI_FLAG, "jsonl", 0, struct args, jsonl, NULL,
            "每个文件一行 JSON 写到标准输出，供脚本使用"),
    CLI_OPT_INT(NULL, 'j', struct args, threads, "N", 1, 256,
                "并行线程数（默认为 CPU 核数）"),
    CLI_OPT(CLI_FLAG, NULL, 'q', struct args, quiet, NULL, "不显示进度"),
    CLI_OPT_END,
};

static int run(int argc, char **argv) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  struct args a = {.db = cli_default_db(),
                   .threads = cores < 1 ? 1 : cores > 256 ? 256 : (int)cores};
  int n_roots;
  int rc = cli_parse(&cli_cmd_import, argc, argv, &a, &n_roots);
  if (rc >= 0)
    return rc;
  if (n_roots == 0)
    return cli_usage_error(&cli_cmd_import, "请给出文件或目录");
  char **roots = argv + 1;
  const char *db = a.db;
  int jsonl = a.jsonl, quiet = a.quiet, threads = a.threads;
  if (sodium_init() < 0) {
    fprintf(stderr, "xxgk import: libsodium 初始化失败\n");
    return EXIT_UNREADABLE;
  }
  g_n = 0;
  for (int i = 0; i < n_roots; i++) {
    struct stat sb;
    if (stat(roots[i], &sb) != 0) {
      fprintf(stderr, "xxgk import: %s: 不存在\n", roots[i]);
      return EXIT_UNREADABLE;
    }
    nftw(roots[i], add_path, 32, FTW_PHYS);
  }
  if (g_n > 1)
    qsort(g_paths, g_n, sizeof *g_paths, cmp_str);

  xxgk_corpus *c;
  if (xxgk_corpus_open(db, XXGK_OPT_CREATE, &c) != XXGK_OK) {
    fprintf(stderr, "xxgk import: %s: %s\n", db, xxgk_corpus_errmsg(c));
    xxgk_corpus_close(c);
    return EXIT_UNREADABLE;
  }
  queue q = {.n = g_n};
  q.jobs = xxgk_calloc(g_n ? g_n : 1, sizeof *q.jobs);
  for (size_t i = 0; i < g_n; i++)
    q.jobs[i].path = g_paths[i];
  pthread_mutex_init(&q.lock, NULL);
  pthread_cond_init(&q.ready, NULL);
  pthread_cond_init(&q.room, NULL);
  xxgk_corpus_hashes(c, collect_hash, &q);
  if (q.n_known > 1)
    qsort(q.known, q.n_known, sizeof *q.known, cmp_str);

  pthread_t *tid = xxgk_calloc((size_t)threads, sizeof *tid);
  for (int t = 0; t < threads; t++)
    pthread_create(&tid[t], NULL, worker, &q);

  progress pr = {.n = g_n, .start = now(), .tty = !quiet && isatty(2)};
  double last_shown = 0;
  rc = EXIT_CONSISTENT;
  xxgk_status st = xxgk_corpus_begin(c);
  batch b;
  batch_open(&b);
  size_t in_batch = 0;
  for (size_t i = 0; i < g_n && st == XXGK_OK; i++) {
    pthread_mutex_lock(&q.lock);
    while (!q.jobs[i].done)
      pthread_cond_wait(&q.ready, &q.lock);
    pthread_mutex_unlock(&q.lock);
    job *j = &q.jobs[i];
    xxgk_import_result r = XXGK_IMPORT_UNCHANGED;
    int64_t id = 0;
    if (!j->skipped) {
      if (j->st == XXGK_E_IO) {
        r = XXGK_IMPORT_FAILED;
      } else {
        st = xxgk_corpus_add(c, j->path, j->hash, j->doc, j->st, &r, &id);
        if (r == XXGK_IMPORT_FAILED)
          snprintf(j->reason, sizeof j->reason, "%s",
                   cli_first_error(j->doc, j->st));
      }
    }
    b.counts[r]++;
    pr.done++;
    if (r == XXGK_IMPORT_FAILED)
      rc = EXIT_FINDINGS;
    if (jsonl)
      jsonl_line(b.out, j, r, id);
    else if (r == XXGK_IMPORT_FAILED) {
      if (pr.tty) /* over the progress line */
        fprintf(b.err, "\r%-70s\r", "");
      fprintf(b.err, "xxgk import: %s: %s\n", j->path, j->reason);
    }
    xxgk_doc_free(j->doc);
    j->doc = NULL;
    pthread_mutex_lock(&q.lock);
    q.stored = i + 1;
    pthread_cond_broadcast(&q.room);
    pthread_mutex_unlock(&q.lock);
    if (++in_batch == BATCH && st == XXGK_OK) { /* keep transactions short */
      st = xxgk_corpus_commit(c);
      batch_close(&b, st == XXGK_OK, pr.counts);
      batch_open(&b);
      if (st == XXGK_OK)
        st = xxgk_corpus_begin(c);
      in_batch = 0;
    }
    if (pr.tty && (now() - last_shown > 0.1 || pr.done == pr.n)) {
      show(&pr, 0);
      last_shown = now();
    }
  }
  if (st == XXGK_OK)
    st = xxgk_corpus_commit(c);
  else
    xxgk_corpus_rollback(c);
  batch_close(&b, st == XXGK_OK, pr.counts);
  /* Workers stop when the list is done; after an error, drain them. */
  pthread_mutex_lock(&q.lock);
  q.next = q.n;
  pthread_cond_broadcast(&q.room);
  pthread_mutex_unlock(&q.lock);
  for (int t = 0; t < threads; t++)
    pthread_join(tid[t], NULL);
  if (pr.tty)
    show(&pr, 1);
  size_t n_years = 0;
  if (st == XXGK_OK)
    st = xxgk_corpus_cross_years(c, &n_years);
  if (st != XXGK_OK) {
    fprintf(stderr, "xxgk import: %s: %s\n", db, xxgk_corpus_errmsg(c));
    rc = EXIT_UNREADABLE;
  }
  size_t stored = 0;
  for (int i = 0; i < 4; i++)
    stored += pr.counts[i];
  fprintf(stderr,
          "xxgk import: %zu 个文件：新导入 %zu，未变 %zu，新版本 %zu，失败 %zu；"
          "跨年度发现 %zu 条；用时 %.1f 秒\n",
          g_n, pr.counts[XXGK_IMPORT_NEW], pr.counts[XXGK_IMPORT_UNCHANGED],
          pr.counts[XXGK_IMPORT_VERSION], pr.counts[XXGK_IMPORT_FAILED],
          n_years, now() - pr.start);
  if (stored < g_n)
    fprintf(stderr,
            "xxgk import: 另有 %zu 个文件没有导入（以上计数只含已保存的）；"
            "问题解决后再次运行同一命令即可补上\n",
            g_n - stored);
  else if (st != XXGK_OK)
    fprintf(stderr, "xxgk import: 报告都已保存，跨年度检查未完成；问题解决后"
                    "再次运行同一命令即可补上\n");
  for (size_t i = 0; i < g_n; i++) {
    xxgk_doc_free(q.jobs[i].doc);
    xxgk_free(q.jobs[i].path);
  }
  for (size_t i = 0; i < q.n_known; i++)
    xxgk_free(q.known[i]);
  xxgk_free(q.known);
  xxgk_free(q.jobs);
  xxgk_free(tid);
  xxgk_free(g_paths);
  g_paths = NULL;
  g_cap = 0;
  xxgk_corpus_close(c);
  return rc;
}

const struct cli_cmd cli_cmd_import = {
    .name = "import",
    .summary = "把一批报告文件导入语料库（并行、可重复执行）",
    .run = run,
    .synopsis =
        "用法: xxgk import [--db FILE] [--jsonl] [-j N] [-q] PATH...\n"
        "\n"
        "把 PATH（文件或目录，递归）下的每份年度报告读入语料库：统计表、检查\n"
        "发现、来源路径和内容哈希。同一文件再次导入不做任何事；内容变了的\n"
        "文件成为该报告的新版本。导入后对同一机关相邻年度做跨年度检查（Y1–Y3）。\n",
    .epilog =
        "退出码: 0 全部导入或未变；1 有文件读取失败（已记录原因）；2 "
        "用法或数据库错误。\n"
        "\n"
        "示例:\n"
        "  xxgk import --db corpus.db reports/\n"
        "  xxgk import --db corpus.db --jsonl reports/ > import.log\n",
    .opts = OPTS,
    .max_pos = -1,
};
