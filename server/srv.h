/*
 * srv.h — what the web application's files (server/srv_*.c) share: the
 * request and response as plain structs (so every handler can be driven by
 * a test without a socket), the output buffer with escaping printf, the
 * sessions, the route table and the helpers each page uses. Only
 * srv_http.c knows libmicrohttpd; only the public headers of libxxgk
 * (include/: xxgk.h, xxgk_register.h, xxgk_corpus.h, xxgk_round.h) are
 * used, never lib/ internals.
 *
 * Threading: the HTTP daemon runs handlers on a pool of threads, one per
 * core. Each thread has a struct srv of its own, with its own register
 * connection (SQLite in WAL mode lets them read at once; a second one for
 * the round's pages, opened when first needed). Sessions and rate limits
 * live in the register (xxgk_reg_session_*, xxgk_reg_bucket), so every
 * thread and every server process on the database shares them: a request
 * works on a copy of its session (srv_req.sess_buf), whose flash goes back
 * to the register when it is answered.
 */
#ifndef XXGK_SRV_H
#define XXGK_SRV_H

#include "xxgk.h"
#include "xxgk_register.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* ## Limits (every one is a normal input error when crossed) */

#define SRV_MAX_FORM (64 * 1024)          /* a form or JSON body         */
#define SRV_MAX_UPLOAD (8 * 1024 * 1024)  /* a report sent to the checker */
/* a form with a file kept in the register (XXGK_ATTACH_MAX) and its
 * fields and multipart framing */
#define SRV_MAX_ATTACH (XXGK_ATTACH_MAX + 64 * 1024)
#define SRV_MAX_PARAMS 64                 /* fields in one request        */
#define SRV_SESSION_SECONDS (8 * 3600)    /* idle time before logout      */
#define SRV_SESSION_MAX_SECONDS (24 * 3600) /* a session's whole life     */
#define SRV_PAGE_SIZE 20                  /* applications per page        */
#define SRV_MAX_PAGE_SIZE 200             /* ?per= at most                */
/* Uploads are read by SRV_UPLOAD_WORKERS threads, SRV_UPLOAD_QUEUE more
 * may wait (then 503), each read in a child process bounded in time, CPU
 * and memory (srv_jobs.c, srv_sandbox.c). */
#define SRV_UPLOAD_WORKERS 2
#define SRV_UPLOAD_QUEUE 8
#define SRV_UPLOAD_SECONDS 30
#define SRV_UPLOAD_MEMORY ((size_t)512 * 1024 * 1024)

/* ## Memory: the library's allocator (abort with a message on failure);
 * free() or xxgk_free() what they return. */

void *srv_alloc(size_t n);
void *srv_realloc(void *p, size_t n);
/* Array v of *cap elements of `size` bytes, n of them used, with room for
 * one more: grown (doubling) when full. */
void *srv_grow(void *v, int n, int *cap, size_t size);
char *srv_strdup(const char *s);        /* NULL stays NULL */
char *srv_strndup(const char *s, size_t n);

/* ## Output
 *
 * Pages and API answers are written into the library's buffer (xxgk_buf,
 * xxgk_out.h) with its escapers, through two printf-like writers:
 * hp() writes HTML: %s is an escaped string (NULL writes nothing), %R a
 * raw trusted string, %u a URL-encoded component, %d int, %D int64_t,
 * %% a percent sign, %T a stored instant ("YYYY-MM-DDTHH:MM:SSZ") in
 * Beijing time, "YYYY-MM-DD HH:MM" in a <time> element. jp() writes JSON:
 * %s a JSON string literal (NULL writes null) safe inside a <script>, %T
 * the instant as stored (a string), %R raw, %d, %D. Nothing else is
 * understood, so every piece of text written into a page is escaped
 * unless the code says %R. */

void hp(xxgk_buf *b, const char *fmt, ...);
void jp(xxgk_buf *b, const char *fmt, ...);
/* v as a JSON number, or null when it is not `known` (a score not
 * computed, an item of no application). */
void jp_num(xxgk_buf *b, int known, int64_t v);

/* ## Requests */

struct srv_param {
  char *name;     /* owned                                        */
  char *value;    /* owned, NUL-terminated (may hold NULs inside)  */
  size_t len;     /* bytes of value                               */
  char *filename; /* multipart file part's name, or NULL          */
};

struct srv;

/* A logged-in user's session (srv_auth.c), as the register holds it. */
struct srv_session {
  char token[65];     /* the cookie's value (hex)                   */
  char csrf[65];      /* the forms' and API's CSRF token            */
  xxgk_user user;     /* who, of which agency                       */
  char flash[512];    /* a message for the next page, or ""         */
  int flash_error;    /* the flash is an error                      */
};

struct srv_req {
  const char *method;        /* "GET", "POST", …                     */
  const char *path;          /* without the query string             */
  const char *content_type;  /* header, or NULL                      */
  const char *cookie;        /* the Cookie header, or NULL           */
  const char *csrf_header;   /* X-CSRF-Token, or NULL                */
  const char *requested_with; /* X-Requested-With, or NULL           */
  const char *accept;        /* Accept header, or NULL               */
  char ip[64];               /* the client's address                 */
  int secure;                /* reached over TLS (a proxy said so)   */
  const char *body;          /* raw body, or NULL                    */
  size_t body_len;
  struct srv_param query[SRV_MAX_PARAMS];
  int n_query;
  struct srv_param form[SRV_MAX_PARAMS];
  int n_form;
  int too_many;              /* a list was cut at SRV_MAX_PARAMS     */
  /* set by the router */
  int api;                   /* /api/…: JSON in and out              */
  struct srv_session *sess;  /* the logged-in user's (&sess_buf), or NULL */
  struct srv_session sess_buf; /* this request's copy of the session    */
  int sess_flash;            /* it had a flash when copied           */
  const char *args[4];       /* the '*' path segments of the route   */
  char argbuf[256];          /* their storage                        */
  struct {                   /* a report route's ?agency=&year=,     */
    int64_t agency;          /* checked against the user's scope     */
    int year;
  } report;
  const char *refused; /* a refused form's message for its page
                          (srv_refuse_form), or NULL            */
};

/* Whether a request takes an upload (the checker, the corpus, a form with
 * a file: an application, a registration, a case's files): it is answered
 * by the upload pool, off the request threads, and its body may be
 * SRV_MAX_UPLOAD bytes (SRV_MAX_ATTACH with a file kept in the register;
 * other requests SRV_MAX_FORM). */
int srv_is_upload(const char *method, const char *path);
size_t srv_body_limit(const char *method, const char *path);
/* Sets q's header fields through get (a header's value by name, NULL if
 * absent; the values must outlive q), and from a trusted proxy (--proxy
 * ADDR, or any peer with --trust-proxy) the scheme and the client address
 * it sent: the last X-Forwarded-For entry that is not one of the proxies
 * (q->ip holds the peer's before). */
void srv_req_headers(const struct srv *s, struct srv_req *q,
                     const char *(*get)(void *ctx, const char *name),
                     void *ctx);
/* Parses the query string into req->query. */
void srv_parse_query(struct srv_req *q, const char *qs);
/* Parses req->body by its content type (urlencoded, multipart/form-data,
 * application/json with a flat object) into req->form. Returns 0, or -1
 * with a Chinese message in err for a malformed body. */
int srv_parse_body(struct srv_req *q, char *err, size_t cap);
void srv_req_free(struct srv_req *q);

/* A query parameter, a form field, or either ("param": form first);
 * NULL if absent. */
const char *srv_query(const struct srv_req *q, const char *name);
const char *srv_form(const struct srv_req *q, const char *name);
const struct srv_param *srv_form_param(const struct srv_req *q,
                                       const char *name);
const char *srv_param(const struct srv_req *q, const char *name);
/* The value of cookie `name` copied into out (cap bytes); 0 if found. */
int srv_cookie(const struct srv_req *q, const char *name, char *out,
               size_t cap);

/* ## Responses */

#define SRV_MAX_HEADERS 6

struct srv_resp {
  int status;                          /* 200 …                        */
  const char *ctype;                   /* static string                */
  xxgk_buf body;                    /* owned                         */
  char *headers[SRV_MAX_HEADERS][2];   /* owned name/value pairs        */
  int n_headers;
  int no_store;                        /* Cache-Control: no-store      */
};

void srv_header(struct srv_resp *r, const char *name, const char *value);
void srv_redirect(struct srv_resp *r, const char *location);
/* Answers a file to download: n bytes (freed here, xxgk_free) of type
 * ctype (static) named filename, never cached. */
void srv_download(struct srv_resp *r, char *bytes, size_t n,
                  const char *ctype, const char *filename);
/* The Content-Disposition of a download named filename (UTF-8), never
 * cached. */
void srv_disposition(struct srv_resp *r, const char *filename);
void srv_resp_free(struct srv_resp *r);

/* ## The server */

struct srv_opts {
  const char *db;          /* the register file                          */
  const char *corpus_db;   /* the corpus dashboard's reads, or NULL: db  */
  const char *listen;      /* "127.0.0.1:8080"                           */
  const char *today;       /* fixed date for tests, or NULL              */
  int secure_cookies;      /* always mark cookies Secure                 */
  int trust_proxy;         /* believe X-Forwarded-Proto / -For from all  */
  const char *proxies;     /* or from these addresses only (comma-separated) */
  int post_per_minute;     /* writes per client address per minute       */
  int demo;                /* create the demo register first             */
  int quiet;               /* no request log on stderr                   */
  const char *templates;   /* the office's document templates, or NULL   */
  int upload_seconds;      /* an upload's time limit (0: SRV_UPLOAD_SECONDS) */
};

/* What the threads share. */
struct srv_shared {
  struct srv_jobs *jobs;        /* the upload pool, or NULL           */
  atomic_int stopping;          /* the server is stopping: reads end  */
  struct srv_sessions *sessions; /* the sessions read a moment ago
                                    (srv_auth.c), or NULL: none kept  */
};

struct srv {
  struct srv_opts o;
  xxgk_reg *reg;                /* this thread's register connection */
  struct srv_shared *sh;        /* what the threads share            */
  time_t (*now)(void);          /* the clock (tests may replace it)  */
  struct xxgk_round *round;     /* this thread's round handle, opened
                                   when first needed (srv_round.c)   */
  uint64_t heard;               /* the sessions' epoch its register
                                   handle last refreshed in          */
};

/* Opens the register and the shared tables; returns 0, or -1 after
 * writing the reason into err. */
int srv_init(struct srv *s, const struct srv_opts *o, char *err, size_t cap);
void srv_fini(struct srv *s);
/* Another thread's struct srv: s's options, clock and shared tables, a
 * register connection of its own. Returns 0, or -1 with the reason. Close
 * with srv_fini_thread (before srv_fini of s). */
int srv_init_thread(struct srv *t, const struct srv *s, char *err,
                    size_t cap);
void srv_fini_thread(struct srv *t);
/* Handles one parsed request (the router): fills resp. */
void srv_handle(struct srv *s, struct srv_req *q, struct srv_resp *r);
/* Answers a request as it came off the wire (method, path, query,
 * headers, body set): parses the body (400 if malformed), then routes it
 * (srv_handle). What srv_http.c does for every request, and the fuzz
 * target (tests/fuzz/fuzz_http.c) without a socket. */
void srv_serve(struct srv *s, struct srv_req *q, struct srv_resp *r);
/* Runs the HTTP daemon until SIGINT or SIGTERM; returns an exit code. */
int srv_run(const struct srv_opts *o);
/* libmicrohttpd's version, loaded to ask it, for `xxgk --version` (the
 * library's own are xxgk_components()). Not thread-safe: asked once. */
void srv_component(xxgk_component *c);
/* The date the server works with (--today or the clock). */
xxgk_date srv_today(const struct srv *s);

/* ## Sessions, CSRF and rate limits (srv_auth.c) */


/* A new session for u, in the register and as the request's (q->sess, a
 * copy); returns q->sess, or NULL when the register failed (its message in
 * s->reg). */
struct srv_session *srv_session_new(struct srv *s, struct srv_req *q,
                                    const xxgk_user *u);
/* Sets q->sess to the session of the request's cookie, copied into
 * q->sess_buf, or NULL when there is none or it expired. Returns 0, or -1
 * when the register failed (its message in s->reg). */
int srv_session_find(struct srv *s, struct srv_req *q);
/* Ends the session (in the register, for every server; wipes the copy).
 * The routes that end one forget the sessions kept (routes.tsv). */
void srv_session_end(struct srv *s, struct srv_session *ss);
/* Writes the request's changes to its session (the flash) back to the
 * register, unless the session ended meanwhile. */
void srv_session_keep(struct srv *s, const struct srv_req *q);
/* The sessions this process keeps for at most SRV_SESSION_KEEP_MS after
 * reading them (srv_auth.c), where other servers may share the database:
 * a thread watches it (xxgk_reg_session_watch) and forgets them all at
 * any change told, and keeps none while it cannot watch. Started by
 * srv_init (nothing is kept on a SQLite file: one process serves it,
 * whose reads cost no round trip), stopped by srv_fini.
 * srv_sessions_forget: this process changed a session, a user, an agency
 * or the calendar itself (a flash written, or a route of routes.tsv's
 * sessions forget), so that its next request reads them anew whether or
 * not the change's notice has come back yet. */
void srv_sessions_start(struct srv *s);
void srv_sessions_stop(struct srv *s);
void srv_sessions_forget(struct srv *s);
/* Before a request: this thread's register handle forgets what it keeps
 * (the agencies' names, xxgk_reg_refresh) when a change was heard of
 * since its last request, and at every request while nothing watches. */
void srv_sessions_sync(struct srv *s);
/* How long a session read is kept, in milliseconds; $XXGK_SESSION_KEEP_MS
 * (0 keeps none) overrides it. */
#define SRV_SESSION_KEEP_MS 1000
/* The Set-Cookie values for a session (or its removal: NULL). */
void srv_session_cookie(struct srv *s, struct srv_resp *r,
                        const struct srv_req *q,
                        const struct srv_session *ss);
/* The anonymous CSRF token of login and public forms (double submit:
 * cookie plus field); sets the cookie when the client has none. */
const char *srv_anon_csrf(struct srv *s, const struct srv_req *q,
                          struct srv_resp *r, char out[65]);
/* Whether a write carries the right token: the form field "csrf" (pages)
 * or the X-CSRF-Token header (API) equals the session's, or for anonymous
 * writes the anonymous cookie's (pages) or X-Requested-With is present
 * (API). Constant-time. */
int srv_csrf_ok(const struct srv_req *q);
void srv_flash(struct srv_session *ss, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ## Uploads off the request threads (srv_jobs.c, srv_sandbox.c) */

/* Starts the upload pool of s (SRV_UPLOAD_WORKERS threads with a struct
 * srv each, made by srv_init_thread). Returns 0, or -1 with the reason. */
int srv_jobs_start(struct srv *s, int workers, int queue, char *err,
                   size_t cap);
/* Queues run(a worker's struct srv, ctx): 0, or -1 when the queue is full
 * (or the pool stops). */
int srv_jobs_submit(struct srv *s, void (*run)(struct srv *s, void *ctx),
                    void *ctx);
/* Stops the pool: running reads are killed, waiting jobs still run (and
 * answer at once that the server stops), later ones are refused; waits
 * for the workers. srv_jobs_free (srv_fini calls it) frees the pool once
 * no request thread can use it. */
void srv_jobs_stop(struct srv *s);
void srv_jobs_free(struct srv *s);
/* Runs fill(ctx, r) in a child process bounded by upload_seconds of
 * time and CPU and SRV_UPLOAD_MEMORY of memory, and copies the answer it
 * made (status, no_store, body) into r. Returns 0, or -1 with the reason
 * in why (a Chinese phrase: the time, the memory…); r is then untouched. */
int srv_sandboxed(struct srv *s, struct srv_resp *r,
                  void (*fill)(void *ctx, struct srv_resp *r), void *ctx,
                  char *why, size_t cap);

/* ## Rate limits (srv_throttle.c; its head explains the budgets) */

enum srv_purpose {
  SRV_WRITE,  /* any write: --post-rate a minute per address        */
  SRV_LOGIN,  /* failed logins, per address and per login name      */
  SRV_STATUS, /* failed status look-ups, per address and tracking no. */
  SRV_PROOF   /* proofs of identity kept from anonymous applications,
                 per address                                          */
};
/* Before a try from the request's address at account (a login name, a
 * tracking number, or NULL): 1 if it may go ahead; else 0 after answering
 * — 429 with Retry-After and "what，请 N 秒后再试", or the register's
 * failure. A write spends its token here; logins and look-ups spend theirs
 * only when they fail: */
int srv_throttle_ok(struct srv *s, const struct srv_req *q, struct srv_resp *r,
                    enum srv_purpose p, const char *account, const char *what);
void srv_throttle_failed(struct srv *s, enum srv_purpose p, const char *addr,
                         const char *account);
/* A success: the (address, account) budget is full again and, for a
 * login, the address becomes known to the account. */
void srv_throttle_passed(struct srv *s, enum srv_purpose p, const char *addr,
                         const char *account);
/* A use of a budget counted per use rather than per failure (SRV_PROOF):
 * spends one token. */
void srv_throttle_spend(struct srv *s, enum srv_purpose p, const char *addr);

/* ## Pages (srv_page.c) */

/* The page's head, navigation (by role) and title; then the flash. */
void page_begin(struct srv_resp *r, const struct srv_req *q,
                const char *title);
void page_end(struct srv_resp *r);
/* The head of a form page for a visitor without a session (login, apply,
 * status): the page begun, an error (or NULL) above the form, and the
 * form's anonymous CSRF token in csrf. */
void page_begin_anon(struct srv *s, const struct srv_req *q,
                     struct srv_resp *r, const char *title,
                     const char *error, char csrf[65]);
/* page_begin_anon for a page that is one narrow form (login, status): the
 * form posting to action (a trusted path) opened, its CSRF field written. */
void page_begin_anon_form(struct srv *s, const struct srv_req *q,
                          struct srv_resp *r, const char *title,
                          const char *error, const char *action);
/* The hidden CSRF field of a logged-in form. */
void page_csrf(struct srv_resp *r, const struct srv_req *q);
/* The opening of a list answered as JSON ({"member": [) or as the page
 * `title` followed by head (trusted HTML: the list's or table's head). */
void page_begin_list(struct srv_resp *r, const struct srv_req *q,
                     const char *member, const char *title, const char *head);
/* After the list's rows: 1 when the JSON answer is closed (the handler is
 * done), 0 for the page to go on. */
int page_end_list(struct srv_resp *r, const struct srv_req *q);
/* An error answer: HTML page or {"error": …} by req->api. FAIL() answers
 * and returns from the handler. */
#define FAIL(...)                                                              \
  do {                                                                         \
    srv_error(__VA_ARGS__);                                                    \
    return;                                                                    \
  } while (0)
void srv_error(struct srv_resp *r, const struct srv_req *q, int status,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The HTTP status for a register failure (REFUSED 422, DB 500 …) and the
 * register's message; returns it. */
int srv_reg_fail(struct srv *s, struct srv_resp *r, const struct srv_req *q);
/* The same for the register connection g (a round's, a corpus's). */
int srv_fail_of(xxgk_reg *g, struct srv_resp *r, const struct srv_req *q);
/* After a successful write: a 303 to `to` with a flash (pages), or JSON
 * {"ok": true, "message": …} (API). */
void srv_done(struct srv_resp *r, const struct srv_req *q, const char *to,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* srv_done whose API answer has more members: extra, raw JSON
 * ("\"id\": 12, \"sha256\": …"). */
void srv_done_extra(struct srv_resp *r, const struct srv_req *q, const char *to,
                    const char *extra, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* srv_done after a record was made: the API's answer has its number as the
 * member `key` ("id": 12). */
void srv_done_id(struct srv_resp *r, const struct srv_req *q, const char *to,
                 const char *key, int64_t id, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The Chinese label of an applicant column / outcome row key (from the
 * dictionary); the key itself if unknown. */
const char *srv_category_label(const char *key);
const char *srv_outcome_label(const char *key);
/* Whether key is an applicant column or an outcome row of format 2021. */
int srv_is_category(const char *key);
int srv_is_outcome(const char *key);
/* <option>s of every applicant column / outcome row, `sel` selected. */
void srv_category_options(xxgk_buf *b, const char *sel);
void srv_outcome_options(xxgk_buf *b, const char *sel);
/* The 暂定 mark of a deadline computed on a year with no published holiday
 * notice: a badge and the sentence saying why. */
void srv_provisional(xxgk_buf *b, const xxgk_due *d);
/* xxgk_reg_agency_list, of the agencies the user may see only. */
xxgk_status srv_agency_list(struct srv *s, const struct srv_req *q,
                            int (*cb)(void *ctx, const xxgk_agency *a,
                                      int depth),
                            void *ctx);
/* An agency as an <option>, `selected` chosen: a callback of
 * xxgk_reg_agency_list and srv_agency_list, ctx a struct srv_options. */
struct srv_options {
  xxgk_buf *b;
  int64_t selected;
};
int srv_agency_option(void *ctx, const xxgk_agency *a, int depth);
/* The <option>s of the agencies the user may see, `selected` chosen. */
void srv_agency_options(xxgk_buf *b, struct srv *s, struct srv_req *q,
                        int64_t selected);
/* A <select> of the agencies the user may see, `selected` chosen; `all`:
 * a first, empty option with that label (a filter), or NULL. */
void srv_agency_select(xxgk_buf *b, struct srv *s, struct srv_req *q,
                       const char *name, int64_t selected, const char *all);
/* The agency a request is about: the id a (the user's own agency when
 * NULL or empty), which the user must be allowed to see; 0 after
 * answering (400, 403). */
int64_t srv_agency_of(struct srv *s, struct srv_req *q, struct srv_resp *r,
                      const char *a);
/* srv_agency_of answering 403 with deny, a format of the agency's id (a
 * long long), instead of its general message. */
int64_t srv_agency_denying(struct srv *s, struct srv_req *q,
                           struct srv_resp *r, const char *a,
                           const char *deny)
    __attribute__((format(printf, 5, 0)));
/* A positive int64 from text; 0 if not one. */
int64_t srv_id(const char *s);
/* Whether the agency is the user's or one of his units. */
int srv_may_see(struct srv *s, const struct srv_req *q, int64_t agency_id);

/* ## Tables of a report, walked from the data dictionary (srv_tables.c) */

/* A column's unit to print after its label, or NULL when there is none or
 * the label names it already ("本年收费金额（单位：万元）"). */
const char *srv_unit_after(const char *label, const char *unit);

/* Writes the document's tables as HTML in the official order; cells named
 * by an error or warning finding get class "bad" and the finding's
 * number; each finding is listed beside its table. With href (a URL
 * ending in "key="), every figure links to href followed by its key. */
void tables_html(xxgk_buf *b, const xxgk_doc *d, const char *href);
/* What a page adds inside a figure's cell, after the figure (the round's
 * notes on that cell). */
struct srv_cell_extra {
  void (*write)(void *ctx, xxgk_buf *b, int row, int col);
  void *ctx;
};
/* tables_html, with extra (may be NULL) written into every figure's cell. */
void tables_html_with(xxgk_buf *b, const xxgk_doc *d, const char *href,
                      const struct srv_cell_extra *extra);
/* The findings as an HTML list (all of them). */
void findings_html(xxgk_buf *b, const xxgk_doc *d);
/* {"format":…, "cells": {key: value…}, "findings": […]} */
void tables_json(xxgk_buf *b, const xxgk_doc *d);

/* ## Handlers */

/* What answers a route: fills r for q. */
typedef void srv_handler(struct srv *s, struct srv_req *q, struct srv_resp *r);

/* A form's answer to input refused: the API's error, or the page of the
 * form again (the handler page, which shows q->refused = msg on it and
 * keeps what was typed), with this status. */
void srv_refuse_form(struct srv *s, struct srv_req *q, struct srv_resp *r,
                     int status, const char *msg, srv_handler *page);

/* The route table, server/routes.tsv (its head says what the columns mean)
 * turned into C at build time by scripts/routes.cmake; srv_handle tries
 * the rows in order. */
enum {
  SRV_R_PUBLIC = 1, /* anyone: without it, a logged-in user only */
  SRV_R_PAGE = 2,   /* a page only (a form): no /api/ twin */
  SRV_R_API = 4,    /* /api/ only */
  SRV_R_REPORT = 8, /* a report page: q->report checked (srv_report_args) */
  SRV_R_FORGET = 16 /* writes what a session holds: the sessions kept are
                       forgotten after it (srv_sessions_forget) */
};
struct srv_route {
  const char *method;  /* GET (answering HEAD too) or POST */
  const char *pattern; /* '*' matches one path segment */
  srv_handler *h;
  int flags; /* SRV_R_* */
};
extern const struct srv_route srv_routes[];
extern const int srv_n_routes;

srv_handler h_login_form, h_login, h_logout, h_session, h_home, h_agencies,
    h_agency_add, h_users, h_user_set, h_password_form, h_password;

srv_handler h_cases, h_case_new_form, h_case_create, h_case, h_case_event,
    h_case_edit, h_event_void, h_case_doc;
/* The agency of application `id`, or 0 if there is none (srv_correct.c). */
int64_t srv_case_agency(struct srv *s, int64_t id);
/* Whether event_id is one of the application's events (srv_files.c). */
int srv_case_has_event(struct srv *s, int64_t case_id, int64_t event_id);

/* An application's files and deliveries (srv_files.c): the handlers, the
 * case page's part (lists and forms) and its JSON members
 * (, "attachments": […], "deliveries": […]). */
srv_handler h_attach_upload, h_attach_get, h_attach_void, h_delivery_add,
    h_delivery_void;
void case_files_html(struct srv *s, struct srv_req *q, struct srv_resp *r,
                     int64_t case_id);
void case_files_json(struct srv *s, xxgk_buf *b, int64_t case_id);
/* Keeps the uploaded part `file` (its filename without a directory) with
 * the application as xxgk_reg_attach does: 0, or -1 with the register's
 * message; out->name is NULL after (the name was a copy). */
int srv_attach_upload(struct srv *s, int64_t case_id,
                      const struct srv_param *file, xxgk_attach_kind kind,
                      int64_t event_id, xxgk_attachment *out);

/* The proof of identity (条例 art. 29) a form sent in its file field
 * "identity", or NULL; *bad when it fails the checks of a file kept
 * (xxgk_reg_attach_check, the message in the register) — made before the
 * application is registered, so that a refused file registers nothing. */
const struct srv_param *srv_identity(struct srv *s, const struct srv_req *q,
                                     int *bad);

/* The year's holiday notice entered by the office (srv_calendar.c). */
srv_handler h_calendar, h_calendar_import;
/* The case page's buttons: each document of the application
 * (srv_docs.c). */
void case_docs_html(xxgk_buf *b, int64_t case_id);
srv_handler h_overdue;

/* The work queue, its export, and assigning a clerk (srv_queue.c). */
srv_handler h_queue, h_queue_export, h_case_assign;
/* The case page's form assigning its clerk (currently `clerk`, or NULL). */
void case_assign_html(struct srv_resp *r, const struct srv_req *q,
                      int64_t case_id, const char *clerk);

srv_handler h_apply_form, h_apply, h_status_form, h_status, h_status_correction;

srv_handler h_records, h_record_add, h_record_repeal, h_figure_set, h_reviews,
    h_review_add, h_review_decide;

srv_handler h_report, h_narrative, h_download, h_report_cell;
/* Sets q->report, the agency and year a report page asks for
 * (?agency=&year=), checked against the user's scope; 0 after answering
 * with the error. The router calls it before a report route's handler. */
int srv_report_args(struct srv *s, struct srv_req *q, struct srv_resp *r);

srv_handler h_checker_form, h_check;

srv_handler h_corpus, h_corpus_report, h_corpus_upload;

/* The office's round of annual reports (srv_round.c). */
srv_handler h_rounds, h_round_open, h_round, h_round_late, h_round_export,
    h_round_publish, h_round_unit, h_round_register, h_round_upload,
    h_round_submit, h_round_note, h_round_return, h_round_approve, h_round_file;

srv_handler h_asset;

/* ## The demo register (srv_demo.c) */

/* Fills an empty register with one oversight office, two units, their
 * users (password `password`) and a year of sample applications before
 * `today`, plus open ones around it; writes the logins to `out` lines.
 * Returns 0, or -1 with the register's message. */
int srv_demo_seed(xxgk_reg *r, xxgk_date today, const char *password);
/* The demo's round of the year before `today` in the register at db
 * (unless it has a round already, or is not the demo's): three units, one
 * submitted from its register, one uploaded a DOCX with an error, one
 * late. 0, or -1 after writing the round's message to stderr. */
int srv_demo_round(const char *db, xxgk_date today);

#endif
