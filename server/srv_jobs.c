/*
 * srv_jobs.c — the upload pool: a few worker threads and a bounded queue,
 * so that reading uploads (seconds of work, srv_sandbox.c) never holds a
 * request thread: the request is parked (srv_http.c suspends its
 * connection), a worker answers it and wakes it. When the queue is full
 * the upload is refused at once (503 with Retry-After) rather than waited
 * for. Each worker has a struct srv of its own, like a request thread.
 */
#include "srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct job {
  void (*run)(struct srv *s, void *ctx);
  void *ctx;
};

struct srv_jobs {
  pthread_mutex_t lock;
  pthread_cond_t more;   /* a job was queued, or stop          */
  struct job *queue;     /* a ring of cap jobs                 */
  int cap, head, n;
  int stop;              /* set by srv_jobs_stop               */
  int n_workers;
  pthread_t *threads;
  struct srv *srvs;      /* each worker's                      */
};

static void *worker(void *arg) {
  struct srv *s = arg;
  struct srv_jobs *j = s->sh->jobs;
  pthread_mutex_lock(&j->lock);
  for (;;) {
    while (!j->n && !j->stop)
      pthread_cond_wait(&j->more, &j->lock);
    if (!j->n) /* stopping, and nothing left to answer */
      break;
    struct job jb = j->queue[j->head];
    j->head = (j->head + 1) % j->cap;
    j->n--;
    pthread_mutex_unlock(&j->lock);
    jb.run(s, jb.ctx);
    pthread_mutex_lock(&j->lock);
  }
  pthread_mutex_unlock(&j->lock);
  return NULL;
}

int srv_jobs_start(struct srv *s, int workers, int queue, char *err,
                   size_t cap) {
  struct srv_jobs *j = srv_alloc(sizeof *j);
  memset(j, 0, sizeof *j);
  pthread_mutex_init(&j->lock, NULL);
  pthread_cond_init(&j->more, NULL);
  j->cap = queue;
  j->queue = srv_alloc((size_t)queue * sizeof *j->queue);
  j->threads = srv_alloc((size_t)workers * sizeof *j->threads);
  j->srvs = srv_alloc((size_t)workers * sizeof *j->srvs);
  s->sh->jobs = j;
  for (; j->n_workers < workers; j->n_workers++) {
    struct srv *t = &j->srvs[j->n_workers];
    if (srv_init_thread(t, s, err, cap) != 0 ||
        pthread_create(&j->threads[j->n_workers], NULL, worker, t) != 0) {
      if (!*err)
        snprintf(err, cap, "无法启动读取上传文件的线程");
      srv_fini_thread(t);
      srv_jobs_free(s);
      return -1;
    }
  }
  return 0;
}

int srv_jobs_submit(struct srv *s, void (*run)(struct srv *s, void *ctx),
                    void *ctx) {
  struct srv_jobs *j = s->sh->jobs;
  pthread_mutex_lock(&j->lock);
  int ok = !j->stop && j->n < j->cap;
  if (ok) {
    j->queue[(j->head + j->n) % j->cap] = (struct job){run, ctx};
    j->n++;
    pthread_cond_signal(&j->more);
  }
  pthread_mutex_unlock(&j->lock);
  return ok ? 0 : -1;
}

void srv_jobs_stop(struct srv *s) {
  struct srv_jobs *j = s->sh->jobs;
  if (!j)
    return;
  atomic_store(&s->sh->stopping, 1); /* running reads end (srv_sandbox.c) */
  pthread_mutex_lock(&j->lock);
  j->stop = 1;
  pthread_cond_broadcast(&j->more);
  pthread_mutex_unlock(&j->lock);
  for (int i = 0; i < j->n_workers; i++) {
    pthread_join(j->threads[i], NULL);
    srv_fini_thread(&j->srvs[i]);
  }
  j->n_workers = 0;
}

void srv_jobs_free(struct srv *s) {
  struct srv_jobs *j = s->sh->jobs;
  if (!j)
    return;
  srv_jobs_stop(s);
  pthread_cond_destroy(&j->more);
  pthread_mutex_destroy(&j->lock);
  free(j->queue);
  free(j->threads);
  free(j->srvs);
  free(j);
  s->sh->jobs = NULL;
}
