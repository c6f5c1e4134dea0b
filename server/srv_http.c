/*
 * srv_http.c — the one file that knows libmicrohttpd: it listens, reads
 * each request into a struct srv_req (headers, query, a body capped at
 * SRV_MAX_FORM, or SRV_MAX_UPLOAD for the checker — a larger
 * Content-Length is refused with 413 before the body is read, two of them
 * or one with Transfer-Encoding with 400, each answer closing the
 * connection), hands it to srv_serve (body parsers and router), and sends
 * the struct srv_resp with the security headers every answer carries (CSP
 * without inline script, nosniff, no framing).
 *
 * A pool of threads, one per core, runs the handlers; each thread opens
 * its own register connection on its first request (srv.h says what they
 * share). Uploads are not read there: their connection is suspended and
 * the upload pool (srv_jobs.c) answers and resumes it, or it is refused
 * with 503 and Retry-After when the pool's queue is full. Connections are limited in number, per address and in idle
 * time. SIGINT or SIGTERM stops the daemon and closes the registers.
 */
#include "srv.h"

#include "dl.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CSP                                                                    \
  "default-src 'self'; img-src 'self' data:; style-src 'self'; "              \
  "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "           \
  "base-uri 'none'; object-src 'none'"

/* libmicrohttpd (and GnuTLS under it) loaded when the server starts, not
 * by every command (lib/dl.h); set by srv_run before any request. */
#define DL_MHD_FUNCS(X)                                                        \
  X(MHD_start_daemon)                                                          \
  X(MHD_stop_daemon)                                                           \
  X(MHD_get_daemon_info)                                                       \
  X(MHD_get_connection_info)                                                   \
  X(MHD_get_connection_values)                                                 \
  X(MHD_lookup_connection_value)                                               \
  X(MHD_create_response_from_buffer)                                           \
  X(MHD_add_response_header)                                                   \
  X(MHD_queue_response)                                                        \
  X(MHD_destroy_response)                                                      \
  X(MHD_suspend_connection)                                                    \
  X(MHD_resume_connection)                                                     \
  X(MHD_get_version)
DL_DECLARE(mhd, DL_MHD_FUNCS)
DL_DEFINE(mhd, "网页应用", XXGK_SONAME_MHD, "libmicrohttpd12", DL_MHD_FUNCS)
static const struct dl_mhd *mhd;

void srv_component(xxgk_component *c) {
  static char why[256]; /* asked once, by `xxgk --version` */
  const struct dl_mhd *m = dl_mhd(why, sizeof why);
  *c = (xxgk_component){.name = "libmicrohttpd",
                        .how = "loaded",
                        .version = m ? m->MHD_get_version() : NULL,
                        .detail = m ? XXGK_SONAME_MHD : why};
}

struct conn {
  xxgk_buf body; /* the request body so far            */
  size_t limit;     /* its cap                            */
  unsigned refused; /* 413 (the cap was crossed) or 400 (the body's
                       length is ambiguous): answered without the body */
  /* An upload, answered by the pool while the connection is suspended: */
  struct MHD_Connection *c;
  struct srv_req *q;     /* the request, or NULL               */
  struct srv_resp resp;  /* the answer, once `answered`        */
  atomic_int answered;
  int parked;            /* counted in the pool's `parked`     */
  struct timespec t0;    /* when the request was complete      */
};

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status,
                                 const char *text) {
  struct MHD_Response *r = mhd->MHD_create_response_from_buffer(
      strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
  mhd->MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
  mhd->MHD_add_response_header(r, "Connection", "close");
  enum MHD_Result ret = mhd->MHD_queue_response(c, status, r);
  mhd->MHD_destroy_response(r);
  return ret;
}

/* ## The threads' own struct srv */

#define MAX_THREADS 16

struct pool {
  struct srv *shared;            /* options, sessions, rate limits     */
  pthread_mutex_t lock;          /* over own and n                     */
  struct srv *own[MAX_THREADS];  /* each thread's, closed at the end   */
  int n;
  atomic_int parked;             /* uploads suspended, not yet done     */
};

static _Thread_local struct srv *mine;

/* This thread's struct srv, made on its first request; NULL if its
 * register cannot be opened (the reason on stderr). */
static struct srv *thread_srv(struct pool *p) {
  if (mine)
    return mine;
  struct srv *t = srv_alloc(sizeof *t);
  char err[800] = "线程太多";
  pthread_mutex_lock(&p->lock);
  if (p->n < MAX_THREADS && srv_init_thread(t, p->shared, err, sizeof err) == 0)
    p->own[p->n++] = mine = t;
  pthread_mutex_unlock(&p->lock);
  if (!mine) {
    fprintf(stderr, "xxgk serve: %s\n", err);
    free(t);
  }
  return mine;
}

static enum MHD_Result take_arg(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *value) {
  struct srv_req *q = cls;
  (void)kind;
  if (q->n_query >= SRV_MAX_PARAMS) {
    q->too_many = 1;
    return MHD_NO;
  }
  const char *v = value ? value : "";
  q->query[q->n_query++] =
      (struct srv_param){srv_strdup(key), srv_strdup(v), strlen(v), NULL};
  return MHD_YES;
}

static void client_ip(struct MHD_Connection *c, char *out, size_t cap) {
  const union MHD_ConnectionInfo *ci =
      mhd->MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf(out, cap, "?");
  if (!ci || !ci->client_addr)
    return;
  const struct sockaddr *sa = ci->client_addr;
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
              (socklen_t)cap);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
              (socklen_t)cap);
}

static const char *header(struct MHD_Connection *c, const char *name) {
  return mhd->MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static enum MHD_Result count_length(void *cls, enum MHD_ValueKind kind,
                                    const char *key, const char *value) {
  (void)kind;
  (void)value;
  if (strcasecmp(key, "Content-Length") == 0)
    (*(int *)cls)++;
  return MHD_YES;
}

/* The answer to a request refused before its body was read. */
static enum MHD_Result refuse(struct MHD_Connection *c, unsigned status) {
  return send_text(c, status,
                   status == 413 ? "请求体太大：附件和身份证明至多 10 MB，送检或"
                                   "导入的报告至多 8 MB，其他表单至多 64 KB\n"
                                 : "请求体的长度不明确：Content-Length 出现了"
                                   "不止一次，或与 Transfer-Encoding 同时出现\n");
}

static const char *lookup(void *c, const char *name) {
  return header(c, name);
}

/* Sends r (with the headers every answer carries), logs the request and
 * frees q and r. */
static enum MHD_Result send_resp(struct srv *s, struct MHD_Connection *c,
                                 struct srv_req *q, struct srv_resp *resp,
                                 const struct timespec *t0) {
  size_t n;
  char *data = xxgk_buf_detach(&resp->body, &n);
  struct MHD_Response *r =
      mhd->MHD_create_response_from_buffer(n, data, MHD_RESPMEM_MUST_FREE);
  mhd->MHD_add_response_header(r, "Content-Type", resp->ctype);
  mhd->MHD_add_response_header(r, "Content-Security-Policy", CSP);
  mhd->MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  mhd->MHD_add_response_header(r, "X-Frame-Options", "DENY");
  mhd->MHD_add_response_header(r, "Referrer-Policy", "same-origin");
  if (resp->no_store)
    mhd->MHD_add_response_header(r, "Cache-Control", "no-store");
  for (int i = 0; i < resp->n_headers; i++)
    mhd->MHD_add_response_header(r, resp->headers[i][0], resp->headers[i][1]);
  enum MHD_Result ret = mhd->MHD_queue_response(c, (unsigned)resp->status, r);
  mhd->MHD_destroy_response(r);
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (!s->o.quiet)
    fprintf(stderr, "%s %s %s %d %.1fms\n", q->ip, q->method, q->path,
            resp->status,
            (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
                (double)(t1.tv_nsec - t0->tv_nsec) / 1e6);
  srv_resp_free(resp);
  srv_req_free(q);
  free(q);
  return ret;
}

/* A worker of the upload pool (srv_jobs.c): answers the parked request,
 * then wakes its connection, whose handler sends the answer. */
static void answer_upload(struct srv *s, void *ctx) {
  struct conn *k = ctx;
  srv_serve(s, k->q, &k->resp);
  atomic_store(&k->answered, 1);
  mhd->MHD_resume_connection(k->c);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
  struct conn *k = *con_cls;
  (void)version;
  if (!k) {
    k = srv_alloc(sizeof *k);
    *con_cls = k;
    k->limit = srv_body_limit(method, url);
    /* libmicrohttpd reads the body by the first of several lengths; a
     * proxy in front might take another (request smuggling). */
    int n_lengths = 0;
    mhd->MHD_get_connection_values(c, MHD_HEADER_KIND, count_length,
                                   &n_lengths);
    const char *cl = header(c, "Content-Length");
    /* Both a length and chunking (RFC 9112, 6.3): a proxy may frame the
     * body by the other one, so the rest of the connection cannot be
     * trusted either: 400 and close. */
    if (n_lengths > 1 || (n_lengths && header(c, "Transfer-Encoding")))
      k->refused = 400;
    else if (cl && strtoull(cl, NULL, 10) > k->limit)
      k->refused = 413;
    return k->refused ? refuse(c, k->refused) : MHD_YES;
  }
  if (*upload_size) {
    if (!k->refused && k->body.len + *upload_size > k->limit)
      k->refused = 413;
    if (!k->refused)
      xxgk_buf_put(&k->body, upload, *upload_size);
    *upload_size = 0;
    return MHD_YES;
  }
  if (k->refused)
    return refuse(c, k->refused);
  struct srv *s = thread_srv(cls);
  if (!s)
    return send_text(c, 500, "无法打开登记簿，详见服务器日志\n");
  if (k->q && atomic_load(&k->answered)) { /* woken by the pool: send */
    struct srv_req *q = k->q;
    k->q = NULL;
    return send_resp(s, c, q, &k->resp, &k->t0);
  }
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  struct srv_req *q = srv_alloc(sizeof *q);
  q->method = method;
  q->path = url;
  client_ip(c, q->ip, sizeof q->ip);
  srv_req_headers(s, q, lookup, c);
  mhd->MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, take_arg, q);
  q->body = k->body.data;
  q->body_len = k->body.len;
  if (srv_is_upload(method, url) && s->sh->jobs) {
    /* parked until a worker answers (suspended first: the worker may
     * finish before submit returns) */
    k->c = c;
    k->q = q;
    k->t0 = t0;
    k->parked = 1;
    atomic_fetch_add(&((struct pool *)cls)->parked, 1);
    mhd->MHD_suspend_connection(c);
    if (srv_jobs_submit(s, answer_upload, k) != 0) {
      q->api = strncmp(url, "/api/", 5) == 0;
      srv_header(&k->resp, "Retry-After", "30");
      srv_error(&k->resp, q, 503, "正在读取的上传文件太多，请 30 秒后再试");
      atomic_store(&k->answered, 1);
      mhd->MHD_resume_connection(c);
    }
    return MHD_YES;
  }
  struct srv_resp resp = {0};
  srv_serve(s, q, &resp);
  return send_resp(s, c, q, &resp, &t0);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode why) {
  (void)c;
  (void)why;
  struct conn *k = *con_cls;
  if (k) {
    if (k->parked)
      atomic_fetch_sub(&((struct pool *)cls)->parked, 1);
    if (k->q) { /* never sent: the daemon stopped first */
      srv_req_free(k->q);
      free(k->q);
    }
    srv_resp_free(&k->resp);
    xxgk_buf_free(&k->body);
    free(k);
    *con_cls = NULL;
  }
}

/* "127.0.0.1:8080", "localhost:0", ":8080" (loopback) into sa. */
static int parse_listen(const char *s, struct sockaddr_in *sa) {
  const char *colon = strrchr(s, ':');
  if (!colon)
    return -1;
  char host[64];
  size_t hl = (size_t)(colon - s);
  if (hl >= sizeof host)
    return -1;
  memcpy(host, s, hl);
  host[hl] = 0;
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (*end || port < 0 || port > 65535 || end == colon + 1)
    return -1;
  memset(sa, 0, sizeof *sa);
  sa->sin_family = AF_INET;
  sa->sin_port = htons((uint16_t)port);
  if (!host[0] || strcmp(host, "localhost") == 0)
    snprintf(host, sizeof host, "127.0.0.1");
  return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

int srv_run(const struct srv_opts *o) {
  struct sockaddr_in sa;
  if (parse_listen(o->listen, &sa) != 0) {
    fprintf(stderr, "xxgk serve: 监听地址“%s”不对，应为 IPv4地址:端口，"
                    "如 127.0.0.1:8080\n",
            o->listen);
    return 2;
  }
  char err[800];
  if (!(mhd = dl_mhd(err, sizeof err))) {
    fprintf(stderr, "xxgk serve: %s\n", err);
    return 2;
  }
  struct srv s;
  if (srv_init(&s, o, err, sizeof err) != 0) {
    fprintf(stderr, "xxgk serve: %s\n", err);
    return 2;
  }
  if (o->demo) {
    if (srv_demo_seed(s.reg, srv_today(&s), "demo-2026") != 0) {
      fprintf(stderr, "xxgk serve: 无法建立示例登记簿：%s\n",
              xxgk_reg_errmsg(s.reg));
      srv_fini(&s);
      return 2;
    }
    if (srv_demo_round(o->db, srv_today(&s)) != 0) {
      srv_fini(&s);
      return 2;
    }
    /* Serve from a fresh connection: the one that wrote thousands of
     * rows answered reads ten times slower (measured with wrk). */
    srv_fini(&s);
    if (srv_init(&s, o, err, sizeof err) != 0) {
      fprintf(stderr, "xxgk serve: %s\n", err);
      return 2;
    }
  }
  if (srv_jobs_start(&s, SRV_UPLOAD_WORKERS, SRV_UPLOAD_QUEUE, err,
                     sizeof err) != 0) {
    fprintf(stderr, "xxgk serve: %s\n", err);
    srv_fini(&s);
    return 2;
  }
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned threads = cores < 1 ? 1 : cores > MAX_THREADS ? MAX_THREADS
                                                          : (unsigned)cores;
  struct pool p = {.shared = &s};
  pthread_mutex_init(&p.lock, NULL);
  /* a pool of one is no pool (libmicrohttpd would warn about it) */
  struct MHD_OptionItem pool_size[] = {
      {threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
       (intptr_t)threads, NULL},
      {MHD_OPTION_END, 0, NULL}};
  /* The daemon's threads inherit this mask; the main thread waits. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);
  struct MHD_Daemon *d = mhd->MHD_start_daemon(
      MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
          MHD_ALLOW_SUSPEND_RESUME,
      0, NULL, NULL,
      on_request, &p, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
      MHD_OPTION_ARRAY, pool_size,
      MHD_OPTION_NOTIFY_COMPLETED, on_done, &p,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)256,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
      MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "xxgk serve: 无法监听 %s（端口已被占用？）\n", o->listen);
    pthread_mutex_destroy(&p.lock);
    srv_fini(&s);
    return 2;
  }
  const union MHD_DaemonInfo *di =
      mhd->MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  char addr[64];
  inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
  char *db = xxgk_db_printable(o->db); /* never a password */
  printf("xxgk serve: 登记簿 %s\nxxgk serve: 正在监听 http://%s:%u/  "
         "（Ctrl-C 停止）\n",
         db, addr, di ? (unsigned)di->port : 0);
  free(db);
  if (o->demo)
    printf("示例账号（密码均为 demo-2026）：\n"
           "  dubanshi   示例市人民政府办公室（监督，看各单位和合计）\n"
           "  jiaoyu     示例市教育局\n"
           "  ziyuan     示例市自然资源局\n"
           "  weijian    示例市卫生健康委员会（不用登记簿，只报送年报）\n"
           "公众申请：http://%s:%u/apply   报告检查：http://%s:%u/checker\n",
           addr, di ? (unsigned)di->port : 0, addr,
           di ? (unsigned)di->port : 0);
  fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  fprintf(stderr, "xxgk serve: 收到信号 %d，停止\n", sig);
  /* Every parked upload is answered, and sent (for 3 s at most), before
   * the daemon closes the connections. */
  srv_jobs_stop(&s);
  for (int i = 0; i < 300 && atomic_load(&p.parked) > 0; i++)
    nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
  mhd->MHD_stop_daemon(d);
  for (int i = 0; i < p.n; i++) {
    srv_fini_thread(p.own[i]);
    free(p.own[i]);
  }
  pthread_mutex_destroy(&p.lock);
  srv_fini(&s);
  return 0;
}
