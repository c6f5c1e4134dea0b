/*
 * corpus_import.c — xxgk_corpus_import: every report file under some
 * paths into the corpus (xxgk_corpus.h), for the command and the server.
 *
 * Worker threads read, hash, parse and check files; the calling thread
 * alone talks to the database, storing results in path order in batched
 * transactions. The known hashes are loaded first, so a file whose bytes
 * are stored already is skipped before parsing. Workers stay at most AHEAD
 * files ahead of the writer, so parsed documents never pile up in memory
 * however large the folder; a batch's files are announced to the caller
 * only after its COMMIT.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include "corpus.h"

#include <ftw.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BATCH 256  /* files per transaction                         */
#define AHEAD 1024 /* files read at most ahead of the one stored    */

typedef struct {
  char *path;
  char hash[65];
  int done;      /* set by a worker, under the lock */
  int skipped;   /* the hash is stored already      */
  xxgk_doc *doc; /* NULL when the file could not be read */
  xxgk_status st;
  xxgk_import_result result;
  int64_t id;
  char reason[256];
} job;

typedef struct {
  job *jobs;
  size_t n, next;
  size_t stored; /* files the writer is done with */
  pthread_mutex_t lock;
  pthread_cond_t ready; /* a job is done    */
  pthread_cond_t room;  /* the writer moved */
  char **known;         /* sorted hashes already stored */
  size_t n_known;
} queue;

/* ## Listing the files */

struct list {
  char **v;
  size_t n, cap;
};
/* nftw takes no context: the list being filled, per thread. */
static _Thread_local struct list *listing;

static int add_path(const char *p, const struct stat *sb, int type,
                    struct FTW *ftw) {
  (void)sb;
  (void)ftw;
  if (type != FTW_F)
    return 0;
  const char *base = strrchr(p, '/');
  if ((base ? base[1] : p[0]) == '.') /* hidden files: editor and VCS litter */
    return 0;
  struct list *l = listing;
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 1024;
    l->v = xxgk_realloc(l->v, l->cap * sizeof *l->v);
  }
  l->v[l->n++] = xxgk_strdup(p);
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ## Workers */

static int is_known(const queue *q, const char *hash) {
  const char *key = hash;
  return q->n_known > 0 &&
         bsearch(&key, q->known, q->n_known, sizeof *q->known, cmp_str) != NULL;
}

/* The file's bytes, at most one past XXGK_MAX_INPUT (so that xxgk_read
 * refuses a larger file rather than reading its first 256 MiB as if that
 * were all); NULL if it cannot be read. */
static char *read_file(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  buf b = {0};
  char chunk[1 << 16];
  size_t k;
  while (b.len <= XXGK_MAX_INPUT && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
    buf_put(&b, chunk, k);
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    buf_free(&b);
    return NULL;
  }
  return xxgk_buf_detach(&b, n);
}

static void read_one(queue *q, job *j) {
  size_t n = 0;
  char *bytes = read_file(j->path, &n);
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

static int collect_hash(void *ctx, const char *hash) {
  queue *q = ctx;
  q->known = xxgk_realloc(q->known, (q->n_known + 1) * sizeof *q->known);
  q->known[q->n_known++] = xxgk_strdup(hash);
  return 0;
}

/* ## Storing, in path order */

/* The first error's message, or the status's name. */
static const char *first_error(const xxgk_doc *d, xxgk_status st) {
  for (size_t i = 0; d && i < xxgk_doc_n_diags(d); i++)
    if (xxgk_doc_diag(d, i)->severity == XXGK_SEV_ERROR)
      return xxgk_doc_diag(d, i)->message;
  return xxgk_strerror(st);
}

/* Stores job i (waiting for its worker); XXGK_OK or the database's
 * failure. */
static xxgk_status store_one(xxgk_corpus *c, queue *q, size_t i) {
  pthread_mutex_lock(&q->lock);
  while (!q->jobs[i].done)
    pthread_cond_wait(&q->ready, &q->lock);
  pthread_mutex_unlock(&q->lock);
  job *j = &q->jobs[i];
  xxgk_status st = XXGK_OK;
  j->result = XXGK_IMPORT_UNCHANGED;
  if (j->skipped)
    return st;
  if (j->st == XXGK_E_IO) {
    j->result = XXGK_IMPORT_FAILED;
    return st;
  }
  st = xxgk_corpus_add(c, j->path, j->hash, j->doc, j->st, &j->result, &j->id);
  if (j->result == XXGK_IMPORT_FAILED)
    snprintf(j->reason, sizeof j->reason, "%s", first_error(j->doc, j->st));
  return st;
}

/* The batch [from, to) is committed: counts it, tells the caller of each
 * file, and frees the documents. Returns non-zero if the caller asked to
 * stop. */
static int announce(queue *q, size_t from, size_t to, const xxgk_import_opts *o,
                    xxgk_import_summary *sum) {
  int stop = 0;
  for (size_t i = from; i < to; i++) {
    job *j = &q->jobs[i];
    sum->counts[j->result]++;
    xxgk_import_file f = {.path = j->path,
                          .hash = j->hash,
                          .result = j->result,
                          .report_id = j->id,
                          .doc = j->doc,
                          .reason = j->result == XXGK_IMPORT_FAILED ? j->reason
                                                                    : NULL,
                          .done = sum->counts[0] + sum->counts[1] +
                                  sum->counts[2] + sum->counts[3],
                          .total = q->n};
    if (!stop && o && o->progress)
      stop = o->progress(o->ctx, &f) != 0;
    xxgk_doc_free(j->doc);
    j->doc = NULL;
  }
  return stop;
}

/* Lets the workers read up to AHEAD files past `stored`; a q->n stops
 * them. */
static void advance(queue *q, size_t stored, int stop) {
  pthread_mutex_lock(&q->lock);
  q->stored = stored;
  if (stop)
    q->next = q->n;
  pthread_cond_broadcast(&q->room);
  pthread_mutex_unlock(&q->lock);
}

xxgk_status xxgk_corpus_import(xxgk_corpus *c, const char *const *paths,
                               size_t n_paths, const xxgk_import_opts *o,
                               xxgk_import_summary *out) {
  xxgk_import_summary sum = {0};
  if (out)
    *out = sum;
  long threads = o && o->threads ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);
  if (o && (o->threads < 0 || o->threads > 256)) {
    snprintf(c->err, sizeof c->err, "线程数应在 1 到 256 之间");
    return XXGK_E_USAGE;
  }
  threads = threads < 1 ? 1 : threads > 256 ? 256 : threads;
  if (sodium_init() < 0) {
    snprintf(c->err, sizeof c->err, "libsodium 初始化失败");
    return XXGK_E_IO;
  }
  struct list files = {0};
  for (size_t i = 0; i < n_paths; i++) {
    struct stat sb;
    if (stat(paths[i], &sb) != 0) {
      snprintf(c->err, sizeof c->err, "%.600s: 不存在", paths[i]);
      for (size_t k = 0; k < files.n; k++)
        xxgk_free(files.v[k]);
      xxgk_free(files.v);
      return XXGK_E_IO;
    }
    listing = &files;
    nftw(paths[i], add_path, 32, FTW_PHYS);
    listing = NULL;
  }
  if (files.n > 1)
    qsort(files.v, files.n, sizeof *files.v, cmp_str);
  sum.files = files.n;

  queue q = {.n = files.n};
  q.jobs = xxgk_calloc(files.n ? files.n : 1, sizeof *q.jobs);
  for (size_t i = 0; i < files.n; i++)
    q.jobs[i].path = files.v[i];
  pthread_mutex_init(&q.lock, NULL);
  pthread_cond_init(&q.ready, NULL);
  pthread_cond_init(&q.room, NULL);
  xxgk_status st = xxgk_corpus_hashes(c, collect_hash, &q);
  if (q.n_known > 1)
    qsort(q.known, q.n_known, sizeof *q.known, cmp_str);
  pthread_t *tid = xxgk_calloc((size_t)threads, sizeof *tid);
  for (long t = 0; t < threads; t++)
    pthread_create(&tid[t], NULL, worker, &q);

  int stop = 0;
  size_t from = 0; /* the first file of the open batch */
  if (st == XXGK_OK)
    st = xxgk_corpus_begin(c);
  for (size_t i = 0; i < q.n && st == XXGK_OK && !stop; i++) {
    st = store_one(c, &q, i);
    if (st == XXGK_OK && (i + 1 - from == BATCH || i + 1 == q.n)) {
      /* keep transactions short; tell the caller once stored */
      st = xxgk_corpus_commit(c);
      if (st == XXGK_OK)
        stop = announce(&q, from, i + 1, o, &sum);
      from = i + 1;
      if (st == XXGK_OK && i + 1 < q.n && !stop)
        st = xxgk_corpus_begin(c);
    }
    advance(&q, i + 1, stop);
  }
  if (st == XXGK_OK && q.n == 0)
    st = xxgk_corpus_commit(c);
  else if (st != XXGK_OK)
    xxgk_corpus_rollback(c);
  advance(&q, q.n, 1); /* after an error or a stop, the workers end */
  for (long t = 0; t < threads; t++)
    pthread_join(tid[t], NULL);
  if (st == XXGK_OK && !stop)
    st = xxgk_corpus_cross_years(c, &sum.cross_years);
  if (st == XXGK_OK && stop) {
    snprintf(c->err, sizeof c->err, "导入已按要求停止");
    st = XXGK_E_USAGE;
  }
  for (size_t i = 0; i < q.n; i++) {
    xxgk_doc_free(q.jobs[i].doc);
    xxgk_free(q.jobs[i].path);
  }
  for (size_t i = 0; i < q.n_known; i++)
    xxgk_free(q.known[i]);
  xxgk_free(q.known);
  xxgk_free(q.jobs);
  xxgk_free(tid);
  xxgk_free(files.v);
  pthread_mutex_destroy(&q.lock);
  pthread_cond_destroy(&q.ready);
  pthread_cond_destroy(&q.room);
  if (out)
    *out = sum;
  return st;
}
