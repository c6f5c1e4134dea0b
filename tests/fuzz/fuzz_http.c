/*
 * fuzz_http.c — fuzz target for the web application's request handling:
 * the input is one request, answered by srv_serve() (the body parsers for
 * URL-encoded forms, multipart and JSON, then the router and every
 * handler) exactly as srv_http.c answers a request off the socket, against
 * a register holding an oversight office over two units, their users,
 * applications in every state, a review, records, figures, a narrative and
 * one report in the corpus. Every input starts from a copy of that
 * register, so inputs do not affect each other.
 *
 * The input is a request as text (what a seed looks like):
 *
 *   POST /api/cases/1/events?x=1      method, space, target (the rest of
 *   Cookie: xxgk_session=$B           the line after another space is
 *   X-CSRF-Token: $b                  ignored: "HTTP/1.1")
 *   Content-Type: application/json    headers until an empty line
 *
 *   {"kind": "reply", ...}            the body: every byte after it
 *
 * In the target, header values and the body, "$A" and "$B" stand for the
 * session tokens of the oversight office's user and of a unit's clerk
 * (both logged in), "$a" and "$b" for their CSRF tokens, "$K" for an
 * anonymous CSRF token (cookie and field), "$P" for the secret code of
 * application 2026-00001: tokens are random, so the fuzzer reaches the
 * logged-in handlers only through these.
 *
 * Invariants, checked for every answer: a status the API documents
 * (docs/api.md; 500 is a failing database, a bug here), a Content-Type,
 * a bounded body, JSON answers that parse, a redirect to a path on this
 * site, no CR or LF in a header; and afterwards the database passes
 * SQLite's quick_check. A broken one aborts (fuzz_fail).
 *
 * Not fuzzed: a password check against Argon2id's interactive cost (about
 * 0.1 s and 64 MiB each) — the users' hashes here are made with the
 * minimum cost, and a login attempt under any other login name (which
 * verifies a dummy hash at the full cost) is skipped; and the converters
 * the checker runs on a PDF or a .doc (pdftotext, LibreOffice: seconds
 * each) — PATH is emptied, so the checker answers that they are missing,
 * as on a machine without them (their output is text: fuzz_text).
 */
#include "fuzz_doc.h"
#include "srv.h"
#include "xxgk_corpus.h"

#include <json-c/json.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define TODAY "2026-11-20"
#define PASSWORD "fuzz-password"
#define MAX_HEADERS 32
/* Larger than any page of the seeded register (the biggest, a report
 * download, is under 200 KB), plus room for echoing the input. */
#define MAX_RESPONSE(n) (((size_t)4 << 20) + 64 * (n))

static const char *const LOGINS[] = {"dubanshi", "jiaoyu"};

static struct {
  char dir[256];      /* a private temporary directory              */
  char seed[300];     /* the seeded register                        */
  char work[300];     /* the copy an input runs against             */
  xxgk_user user[2];  /* the oversight office's user, a unit's      */
  char code[17];      /* the secret code of application 2026-00001  */
  int ready;
} G;

static time_t fake_now(void) { return 1795165200; /* 2026-11-20 09:00 UTC */ }

static void cleanup(void) {
  const char *suffix[] = {"", "-wal", "-shm", "-journal"};
  char p[320];
  for (int i = 0; i < 4; i++) {
    snprintf(p, sizeof p, "%s%s", G.seed, suffix[i]);
    unlink(p);
    snprintf(p, sizeof p, "%s%s", G.work, suffix[i]);
    unlink(p);
  }
  rmdir(G.dir);
}

static void must(xxgk_status st, xxgk_reg *r, const char *what) {
  if (st != XXGK_OK)
    fuzz_fail("seeding the register: %s: %s", what, xxgk_reg_errmsg(r));
}

static void sql(sqlite3 *db, const char *stmt, const char *a,
                const char *b) {
  sqlite3_stmt *s;
  if (sqlite3_prepare_v2(db, stmt, -1, &s, NULL) != SQLITE_OK)
    fuzz_fail("%s: %s", stmt, sqlite3_errmsg(db));
  sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(s) != SQLITE_DONE)
    fuzz_fail("%s: %s", stmt, sqlite3_errmsg(db));
  sqlite3_finalize(s);
}

/* Applications of a unit: one open, one replied, one paused, one overdue. */
static int64_t seed_cases(xxgk_reg *r, int64_t agency) {
  static const struct {
    const char *received, *category;
    int kind; /* an xxgk_event_kind, or -1 for none */
    const char *date, *outcome;
  } CASES[] = {
      {"2026-11-02", "natural_person", -1, NULL, NULL},
      {"2026-03-01", "commercial", XXGK_EV_REPLY, "2026-03-10", "granted"},
      {"2026-10-20", "research", XXGK_EV_CORRECTION_REQUESTED, "2026-10-21",
       NULL},
      {"2026-09-01", "other_org", -1, NULL, NULL},
      {"2025-05-08", "legal_services", XXGK_EV_REPLY, "2025-05-20",
       "unable_not_held"},
  };
  int64_t first = 0;
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    xxgk_case c = {.agency_id = agency, .channel = "网络",
                   .received = CASES[i].received,
                   .category = CASES[i].category, .name = "张三",
                   .id_number = "110101199001011234",
                   .contact = "13812345678", .content = "某项目的批复文件"};
    must(xxgk_reg_case_new(r, &c), r, "case");
    if (!first)
      first = c.id;
    if (CASES[i].kind >= 0) {
      xxgk_event e = {.case_id = c.id, .kind = (xxgk_event_kind)CASES[i].kind,
                      .date = CASES[i].date, .outcome = CASES[i].outcome,
                      .basis = "《条例》第三十六条"};
      must(xxgk_reg_event_add(r, &e), r, "event");
    }
  }
  return first;
}

/* The register every input starts from, written once to G.seed. */
static void seed(void) {
  const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  snprintf(G.dir, sizeof G.dir, "%s/xxgk-fuzz-http-%ld", base,
           (long)getpid());
  if (mkdir(G.dir, 0700) != 0)
    fuzz_fail("cannot make %s", G.dir);
  snprintf(G.seed, sizeof G.seed, "%s/seed.db", G.dir);
  if (setenv("PATH", "/nonexistent", 1) != 0)
    fuzz_fail("cannot empty PATH");
  snprintf(G.work, sizeof G.work, "%s/work.db", G.dir);
  atexit(cleanup);

  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(G.seed, XXGK_OPT_CREATE, &r);
  must(st, r, "open");
  xxgk_reg_set_user(r, "fuzz");
  xxgk_reg_set_clock(r, TODAY "T09:00:00Z");
  xxgk_agency office = {.name = "示例市人民政府办公室"};
  must(xxgk_reg_agency_add(r, &office), r, "agency");
  xxgk_agency edu = {.parent_id = office.id, .name = "示例市教育局"};
  xxgk_agency land = {.parent_id = office.id, .name = "示例市自然资源局"};
  must(xxgk_reg_agency_add(r, &edu), r, "agency");
  must(xxgk_reg_agency_add(r, &land), r, "agency");
  must(xxgk_reg_user_add(r, office.id, "督办员"), r, "user");
  must(xxgk_reg_user_add(r, edu.id, "教育局办事员"), r, "user");
  int64_t first = seed_cases(r, edu.id);
  seed_cases(r, land.id);
  must(xxgk_reg_case_code_new(r, first, G.code), r, "code");
  int64_t replied = first + 1; /* received 2026-03-01, replied 03-10 */
  xxgk_review v = {.agency_id = edu.id, .kind = "administrative_review",
                   .filed = "2026-04-01", .result = "pending",
                   .cases = &replied, .n_cases = 1};
  must(xxgk_reg_review_add(r, &v), r, "review");
  xxgk_record rec = {.agency_id = edu.id, .kind = "rules", .title = "某办法",
                     .number = "某府令第1号", .issued = "2026-02-01"};
  must(xxgk_reg_record_add(r, &rec), r, "record");
  must(xxgk_reg_figure_set(r, edu.id, 2026, "fees", "3.1415"), r, "figure");
  must(xxgk_reg_narrative_set(r, edu.id, 2025, XXGK_SEC_OVERVIEW,
                              "概述：<b>本年度</b>"),
       r, "narrative");
  xxgk_doc *d = NULL;
  must(xxgk_reg_report(r, edu.id, 2025, &d), r, "report");
  xxgk_reg_close(r);

  /* One report in the corpus, as `xxgk import` would put it there. */
  xxgk_corpus *k;
  xxgk_import_result res;
  int64_t id;
  if (xxgk_corpus_open(G.seed, XXGK_OPT_CREATE, &k) != XXGK_OK ||
      xxgk_corpus_begin(k) != XXGK_OK ||
      xxgk_corpus_add(k, "示例市教育局-2025.txt", "00", d, XXGK_OK, &res,
                      &id) != XXGK_OK ||
      xxgk_corpus_commit(k) != XXGK_OK)
    fuzz_fail("seeding the corpus: %s", xxgk_corpus_errmsg(k));
  xxgk_corpus_close(k);
  xxgk_doc_free(d);

  /* Logins with the cheapest Argon2id hash, so that logging in is fuzzed
   * at the speed of the rest. */
  char hash[crypto_pwhash_STRBYTES];
  if (sodium_init() < 0 ||
      crypto_pwhash_str(hash, PASSWORD, strlen(PASSWORD),
                        crypto_pwhash_OPSLIMIT_MIN,
                        crypto_pwhash_MEMLIMIT_MIN) != 0)
    fuzz_fail("cannot hash a password");
  sqlite3 *db;
  if (sqlite3_open(G.seed, &db) != SQLITE_OK)
    fuzz_fail("cannot open %s", G.seed);
  sql(db, "UPDATE agency_user SET login = ?, password = ? WHERE id = 1",
      LOGINS[0], hash);
  sql(db, "UPDATE agency_user SET login = ?, password = ? WHERE id = 2",
      LOGINS[1], hash);
  sqlite3_close(db);

  st = xxgk_reg_open(G.seed, 0, &r);
  for (int i = 0; i < 2; i++)
    must(xxgk_reg_user_get(r, i + 1, &G.user[i]), r, "user");
  xxgk_reg_close(r);
  G.ready = 1;
}

static void copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  char buf[1 << 16];
  size_t n;
  if (!in || !out)
    fuzz_fail("cannot copy %s to %s", from, to);
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, n, out) != n)
      fuzz_fail("cannot write %s", to);
  fclose(in);
  if (fclose(out) != 0)
    fuzz_fail("cannot write %s", to);
}

/* A fresh copy of the seeded register at G.work. */
static void fresh_register(void) {
  char p[320];
  snprintf(p, sizeof p, "%s-wal", G.work);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", G.work);
  unlink(p);
  copy_file(G.seed, G.work);
}

/* ## The request */

struct raw {
  char *method, *target;
  char *name[MAX_HEADERS], *value[MAX_HEADERS];
  int n_headers;
  char *body;
  size_t body_len;
};

/* Copies s[0..n) with the "$X" placeholders replaced; *len gets the
 * length (the copy is NUL-terminated and may hold NULs). */
static char *expand(const char *s, size_t n, struct srv_session *ss[2],
                    size_t *len) {
  xxgk_buf b = {0};
  for (size_t i = 0; i < n; i++) {
    const char *rep = NULL;
    if (s[i] == '$' && i + 1 < n) {
      switch (s[i + 1]) {
      case 'A': rep = ss[0]->token; break;
      case 'B': rep = ss[1]->token; break;
      case 'a': rep = ss[0]->csrf; break;
      case 'b': rep = ss[1]->csrf; break;
      case 'K':
        rep = "0123456789abcdef0123456789abcdef"
              "0123456789abcdef0123456789abcdef";
        break;
      case 'P': rep = G.code; break;
      default: break;
      }
    }
    if (rep) {
      xxgk_buf_puts(&b, rep);
      i++;
    } else {
      xxgk_buf_put(&b, s + i, 1);
    }
  }
  return xxgk_buf_detach(&b, len);
}

/* The next line of [*p, end) without its "\r\n" or "\n"; NULL at the end. */
static const char *next_line(const char **p, const char *end, size_t *n) {
  if (*p >= end)
    return NULL;
  const char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
  const char *e = nl ? nl : end;
  *p = nl ? nl + 1 : end;
  *n = (size_t)(e - s);
  if (*n && s[*n - 1] == '\r')
    (*n)--;
  return s;
}

static void decode(const uint8_t *data, size_t size, struct srv_session *ss[2],
                   struct raw *w) {
  const char *p = (const char *)data, *end = p + size;
  size_t n = 0, len; /* n stays 0 for an empty input */
  const char *line = next_line(&p, end, &n);
  if (!line)
    line = "";
  const char *sp = memchr(line, ' ', n);
  size_t ml = sp ? (size_t)(sp - line) : n;
  w->method = srv_strndup(line, ml);
  const char *t = sp ? sp + 1 : line + n;
  const char *t_end = memchr(t, ' ', (size_t)(line + n - t));
  w->target = expand(t, (size_t)((t_end ? t_end : line + n) - t), ss, &len);
  while ((line = next_line(&p, end, &n)) && n > 0) {
    const char *colon = memchr(line, ':', n);
    if (!colon || w->n_headers == MAX_HEADERS)
      continue;
    const char *v = colon + 1;
    while (v < line + n && (*v == ' ' || *v == '\t'))
      v++;
    w->name[w->n_headers] = srv_strndup(line, (size_t)(colon - line));
    w->value[w->n_headers] =
        expand(v, (size_t)(line + n - v), ss, &len);
    w->n_headers++;
  }
  w->body = expand(p, (size_t)(end - p), ss, &w->body_len);
}

static void raw_free(struct raw *w) {
  free(w->method);
  free(w->target);
  for (int i = 0; i < w->n_headers; i++) {
    free(w->name[i]);
    free(w->value[i]);
  }
  free(w->body);
}

/* A header by name, as libmicrohttpd looks it up (case-insensitive, the
 * first of several). */
static const char *lookup(void *ctx, const char *name) {
  const struct raw *w = ctx;
  for (int i = 0; i < w->n_headers; i++)
    if (strcasecmp(w->name[i], name) == 0)
      return w->value[i];
  return NULL;
}

/* %XX decoded in place, as libmicrohttpd decodes the path it hands over
 * (a %00 ends it). */
static void unescape(char *s) {
  char *o = s;
  for (; *s; s++) {
    unsigned hi, lo;
    if (s[0] == '%' && s[1] && s[2] && sscanf(s + 1, "%1x%1x", &hi, &lo) == 2) {
      *o++ = (char)(hi * 16 + lo);
      s += 2;
    } else {
      *o++ = *s;
    }
  }
  *o = 0;
}

/* Whether the request is a login that verifies a password under a login
 * name not seeded here (the full-cost dummy hash: skipped). */
static int costly_login(const struct srv_req *q) {
  if (strcmp(q->method, "POST") != 0 ||
      (strcmp(q->path, "/login") != 0 && strcmp(q->path, "/api/login") != 0))
    return 0;
  struct srv_req f = {0};
  f.content_type = q->content_type;
  f.body = q->body;
  f.body_len = q->body_len;
  char err[256];
  int costly = 0;
  if (srv_parse_body(&f, err, sizeof err) == 0) {
    const char *login = srv_form(&f, "login"), *pw = srv_form(&f, "password");
    costly = login && *login && pw && *pw && strcmp(login, LOGINS[0]) != 0 &&
             strcmp(login, LOGINS[1]) != 0;
  }
  srv_req_free(&f);
  return costly;
}

/* ## Invariants */

static int header_safe(const char *s) { return s && !strpbrk(s, "\r\n"); }

static void check_response(const struct srv_resp *r, size_t in_size) {
  static const int OK[] = {200, 303, 400, 401, 403, 404, 405, 413, 422, 429};
  int known = 0;
  for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++)
    known |= r->status == OK[i];
  if (!known)
    fuzz_fail("status %d (%.300s)", r->status, r->body.data ? r->body.data : "");
  if (!r->ctype || !*r->ctype)
    fuzz_fail("no Content-Type (status %d)", r->status);
  if (r->body.len > MAX_RESPONSE(in_size))
    fuzz_fail("a %zu-byte answer to %zu bytes", r->body.len, in_size);
  const char *location = NULL;
  for (int i = 0; i < r->n_headers; i++) {
    if (!header_safe(r->headers[i][0]) || !header_safe(r->headers[i][1]))
      fuzz_fail("CR or LF in header %s", r->headers[i][0]);
    if (strcmp(r->headers[i][0], "Location") == 0)
      location = r->headers[i][1];
  }
  if (r->status == 303 &&
      (!location || location[0] != '/' || location[1] == '/' ||
       location[1] == '\\'))
    fuzz_fail("redirect to \"%s\", not a path of this site",
              location ? location : "(none)");
  if (strncmp(r->ctype, "application/json", 16) == 0) {
    json_tokener *tok = json_tokener_new();
    json_object *o = json_tokener_parse_ex(tok, r->body.data ? r->body.data : "",
                                           (int)r->body.len);
    enum json_tokener_error je = json_tokener_get_error(tok);
    json_tokener_free(tok);
    if (!o || je != json_tokener_success)
      fuzz_fail("the JSON answer does not parse: %.300s",
                r->body.data ? r->body.data : "");
    json_object_put(o);
  }
}

static void check_database(void) {
  sqlite3 *db;
  sqlite3_stmt *s;
  if (sqlite3_open_v2(G.work, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &s, NULL) != SQLITE_OK)
    fuzz_fail("cannot reopen the register: %s", sqlite3_errmsg(db));
  if (sqlite3_step(s) != SQLITE_ROW ||
      strcmp((const char *)sqlite3_column_text(s, 0), "ok") != 0)
    fuzz_fail("the register fails quick_check: %s",
              (const char *)sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!G.ready)
    seed();
  fresh_register();
  struct srv s;
  struct srv_opts o = {.db = G.work, .listen = "127.0.0.1:0", .today = TODAY,
                       .trust_proxy = 1, .post_per_minute = 120, .quiet = 1};
  char err[800];
  if (srv_init(&s, &o, err, sizeof err) != 0)
    fuzz_fail("srv_init: %s", err);
  s.now = fake_now;
  xxgk_reg_set_clock(s.reg, TODAY "T10:00:00Z");
  /* Each login's session is copied into its request (sess_buf). */
  struct srv_req login[2] = {{0}};
  struct srv_session *ss[2] = {srv_session_new(&s, &login[0], &G.user[0]),
                               srv_session_new(&s, &login[1], &G.user[1])};
  struct raw w = {0};
  decode(data, size, ss, &w);

  struct srv_req *q = srv_alloc(sizeof *q);
  char *qs = strchr(w.target, '?');
  if (qs)
    *qs++ = 0;
  unescape(w.target);
  q->method = w.method;
  q->path = w.target;
  snprintf(q->ip, sizeof q->ip, "10.0.0.1");
  srv_req_headers(&s, q, lookup, &w);
  srv_parse_query(q, qs);
  q->body = w.body;
  q->body_len = w.body_len;
  /* The HTTP layer answers 413 itself past the cap, before any handler. */
  if (w.body_len <= srv_body_limit(q->method, q->path) && !costly_login(q)) {
    struct srv_resp r = {0};
    srv_serve(&s, q, &r);
    if (getenv("XXGK_FUZZ_VERBOSE")) /* what each seed reaches */
      fprintf(stderr, "%d %s %s %zu\n", r.status, q->method, q->path,
              r.body.len);
    check_response(&r, size);
    srv_resp_free(&r);
  }
  srv_req_free(q);
  free(q);
  raw_free(&w);
  srv_req_free(&login[0]);
  srv_req_free(&login[1]);
  srv_fini(&s);
  check_database();
  return 0;
}
