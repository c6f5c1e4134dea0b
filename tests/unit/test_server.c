/*
 * test_server.c — the web application's units without a socket:
 * the escaping writers, request parsing (URL-encoded, multipart, JSON,
 * cookies, caps), and the router's order of checks — 404/405, login,
 * rate limit, CSRF — driven through srv_handle() on a ":memory:" register
 * with a clock the test sets. The HTTP tests (tests/web/http.sh) cover the
 * same through curl.
 */
#include "h_db.h"
#include "harness.h"
#include "srv.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static time_t fake_now = 1000000;
static time_t clock_now(void) { return fake_now; }

static void test_writers(void) {
  xxgk_buf b = {0};
  hp(&b, "<p title=\"%s\">%s %R %d %D %u %%</p>", "a\"b", "<x>&'", "<i>", -3,
     (int64_t)1234567890123, "a b/中");
  CHECK_STR(b.data, "<p title=\"a&quot;b\">&lt;x&gt;&amp;&#39; <i> -3 "
                 "1234567890123 a%20b%2F%E4%B8%AD %</p>");
  xxgk_buf_free(&b);
  jp(&b, "{\"a\": %s, \"b\": %s, \"c\": %D}", "x\"\\\n</script>", NULL,
     (int64_t)-5);
  CHECK_STR(b.data, "{\"a\": \"x\\\"\\\\\\n\\u003c/script\\u003e\", \"b\": null,"
                 " \"c\": -5}");
  size_t n;
  char *p = xxgk_buf_detach(&b, &n);
  CHECK(b.data == NULL && n > 0, "detach");
  free(p);
  hp(&b, "%s", NULL);
  CHECK_STR(b.data ? b.data : "", "");
  xxgk_buf_free(&b);
  /* a stored instant in Beijing time, over a day's, a month's and a
   * year's end; anything not an instant stays text */
  hp(&b, "%T|%T|%T|%T|%T", "2026-01-20T09:30:00Z", "2026-02-28T16:05:59Z",
     "2025-12-31T23:59:00Z", "2026-13-01T00:00:00Z", "<b>");
  CHECK_STR(b.data,
            "<time datetime=\"2026-01-20T09:30:00Z\">2026-01-20 17:30</time>|"
            "<time datetime=\"2026-02-28T16:05:59Z\">2026-03-01 00:05</time>|"
            "<time datetime=\"2025-12-31T23:59:00Z\">2026-01-01 07:59</time>|"
            "2026-13-01T00:00:00Z|&lt;b&gt;");
  xxgk_buf_free(&b);
  jp(&b, "%T", "2026-01-20T09:30:00Z");
  CHECK_STR(b.data, "\"2026-01-20T09:30:00Z\"");
  xxgk_buf_free(&b);
}

static void test_parsing(void) {
  struct srv_req q = {0};
  srv_parse_query(&q, "a=1&b=%E4%B8%AD+%41&c&=x&d=%zz");
  CHECK_STR(srv_query(&q, "a"), "1");
  CHECK_STR(srv_query(&q, "b"), "中 A");
  CHECK_STR(srv_query(&q, "c"), "");
  CHECK_STR(srv_query(&q, "d"), "%zz");
  CHECK(srv_query(&q, "e") == NULL, "absent");
  char err[128];
  const char mp[] = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\""
                    "\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; "
                    "name=\"file\"; filename=\"r.txt\"\r\nContent-Type: "
                    "text/plain\r\n\r\nline1\r\n\0bin\r\n--XyZ--\r\n";
  q.content_type = "multipart/form-data; boundary=XyZ";
  q.body = mp;
  q.body_len = sizeof mp - 1;
  CHECK_INT(srv_parse_body(&q, err, sizeof err), 0);
  CHECK_STR(srv_form(&q, "csrf"), "abc");
  const struct srv_param *f = srv_form_param(&q, "file");
  CHECK(f && f->len == 11 && memcmp(f->value, "line1\r\n\0bin", 11) == 0,
        "file part, binary kept");
  CHECK_STR(f ? f->filename : NULL, "r.txt");
  srv_req_free(&q);
  memset(&q, 0, sizeof q);
  q.content_type = "multipart/form-data; boundary=XyZ";
  q.body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end";
  q.body_len = strlen(q.body);
  CHECK_INT(srv_parse_body(&q, err, sizeof err), -1);
  srv_req_free(&q);
  memset(&q, 0, sizeof q);
  q.content_type = "application/json";
  q.body = "{\"login\": \"a\", \"n\": 3, \"b\": true, \"z\": null}";
  q.body_len = strlen(q.body);
  CHECK_INT(srv_parse_body(&q, err, sizeof err), 0);
  CHECK_STR(srv_form(&q, "login"), "a");
  CHECK_STR(srv_form(&q, "n"), "3");
  CHECK_STR(srv_form(&q, "b"), "1");
  CHECK(srv_form(&q, "z") == NULL, "null is absent");
  srv_req_free(&q);
  memset(&q, 0, sizeof q);
  q.content_type = "application/json";
  q.body = "{\"a\": [1]}";
  q.body_len = strlen(q.body);
  CHECK_INT(srv_parse_body(&q, err, sizeof err), -1);
  srv_req_free(&q);
  memset(&q, 0, sizeof q);
  q.content_type = "text/plain";
  q.body = "x";
  q.body_len = 1;
  CHECK_INT(srv_parse_body(&q, err, sizeof err), -1);
  srv_req_free(&q);
  memset(&q, 0, sizeof q);
  /* a NUL would cut a field short: refused in every body but a file's */
  static const struct {
    const char *ctype, *body;
    int want;
  } NUL[] = {
      {"application/json", "{\"login\": \"a\", \"password\": \"pw\\u0000garbage\"}", -1},
      {"application/json", "{\"password\\u0000x\": \"pw\"}", -1},
      {"application/json", "{\"password\": \"pw\\\\u0000\"}", 0}, /* \\ then u0000 */
      {"application/x-www-form-urlencoded", "login=a&password=pw%00garbage", -1},
      {"application/x-www-form-urlencoded", "password%00x=pw", -1},
      {"multipart/form-data; boundary=B",
       "--B\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\na%00"
       "\r\n--B--\r\n", 0},
  };
  for (size_t i = 0; i < sizeof NUL / sizeof NUL[0]; i++) {
    q.content_type = NUL[i].ctype;
    q.body = NUL[i].body;
    q.body_len = strlen(q.body);
    CHECK(srv_parse_body(&q, err, sizeof err) == NUL[i].want,
          "NUL case %zu: %s", i, NUL[i].body);
    srv_req_free(&q);
    memset(&q, 0, sizeof q);
  }
  const char mp_nul[] = "--B\r\nContent-Disposition: form-data; name=\"text\""
                        "\r\n\r\na\0b\r\n--B--\r\n";
  q.content_type = "multipart/form-data; boundary=B";
  q.body = mp_nul;
  q.body_len = sizeof mp_nul - 1;
  CHECK_INT(srv_parse_body(&q, err, sizeof err), -1);
  CHECK(strstr(err, "NUL") != NULL, "the NUL named: %s", err);
  srv_req_free(&q);
  memset(&q, 0, sizeof q);
  char many[2048] = "";
  for (int i = 0; i < SRV_MAX_PARAMS + 5; i++)
    snprintf(many + strlen(many), sizeof many - strlen(many), "f%d=1&", i);
  srv_parse_query(&q, many);
  CHECK_INT(q.n_query, SRV_MAX_PARAMS);
  CHECK_INT(q.too_many, 1);
  srv_req_free(&q);
  memset(&q, 0, sizeof q);
  q.cookie = "a=1; xxgk_session=abc; xxgk_sessionx=no";
  char v[16];
  CHECK_INT(srv_cookie(&q, "xxgk_session", v, sizeof v), 0);
  CHECK_STR(v, "abc");
  CHECK_INT(srv_cookie(&q, "b", v, sizeof v), -1);
}

/* One request from address ip through the router; the response is left
 * in *r. */
static int run_from(struct srv *s, struct srv_resp *r, const char *ip,
                    const char *method, const char *path, const char *cookie,
                    const char *body) {
  struct srv_req q = {0};
  q.method = method;
  q.path = path;
  q.cookie = cookie;
  snprintf(q.ip, sizeof q.ip, "%s", ip);
  if (body) {
    q.content_type = "application/x-www-form-urlencoded";
    q.body = body;
    q.body_len = strlen(body);
    char err[64];
    srv_parse_body(&q, err, sizeof err);
  }
  srv_resp_free(r);
  memset(r, 0, sizeof *r);
  srv_handle(s, &q, r);
  srv_req_free(&q);
  return r->status;
}

static int run(struct srv *s, struct srv_resp *r, const char *method,
               const char *path, const char *cookie, const char *body) {
  return run_from(s, r, "10.0.0.1", method, path, cookie, body);
}

static const char *resp_header(const struct srv_resp *r, const char *name) {
  for (int i = 0; i < r->n_headers; i++)
    if (strcmp(r->headers[i][0], name) == 0)
      return r->headers[i][1];
  return NULL;
}

/* Another program holding the register's write lock: SQLite's (BEGIN
 * IMMEDIATE), or PostgreSQL's (the advisory lock every write transaction
 * of store_pg.c takes first). */
struct lock {
  sqlite3 *lite;
  PGconn *pg;
};

static struct lock write_lock(const char *db) {
  struct lock l = {0};
  if (h_pg()) {
    l.pg = PQconnectdb(db);
    PGresult *res = PQexec(l.pg, "BEGIN; SELECT pg_advisory_xact_lock("
                                 "2021161067002)");
    CHECK_INT(PQresultStatus(res), PGRES_TUPLES_OK);
    PQclear(res);
  } else {
    CHECK_INT(sqlite3_open(db, &l.lite), SQLITE_OK);
    CHECK_INT(sqlite3_exec(l.lite, "BEGIN IMMEDIATE", NULL, NULL, NULL),
              SQLITE_OK);
  }
  return l;
}

static void write_unlock(struct lock *l) {
  if (l->pg) {
    PQclear(PQexec(l->pg, "ROLLBACK"));
    PQfinish(l->pg);
  } else {
    sqlite3_exec(l->lite, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(l->lite);
  }
}

/* A server on a register file in dir (not ":memory:": a second thread's
 * connection must see it), with the test's clock, one agency and its user
 * jia (password1); returns the agency's id. */
static int64_t server_new(struct srv *s, char *dir, char *db, size_t cap,
                          int post_per_minute) {
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  snprintf(db, cap, "%s/r.db", dir);
  if (h_pg())
    snprintf(db, cap, "%s", h_db());
  struct srv_opts o = {.db = db, .listen = "127.0.0.1:0",
                       .post_per_minute = post_per_minute,
                       .today = "2026-11-20"};
  char err[256];
  CHECK_INT(srv_init(s, &o, err, sizeof err), 0);
  s->now = clock_now;
  xxgk_agency a = {.name = "某局"};
  CHECK_INT(xxgk_reg_agency_add(s->reg, &a), XXGK_OK);
  CHECK_INT(xxgk_reg_user_set_login(s->reg, a.id, "甲", "jia", "password1"),
            XXGK_OK);
  return a.id;
}

static void test_router(void) {
  char dir[] = "/tmp/xxgk-test-server-XXXXXX", db[512], err[256];
  struct srv s;
  server_new(&s, dir, db, sizeof db, 3);
  struct srv_resp r = {0};
  CHECK_INT(run(&s, &r, "GET", "/nope", NULL, NULL), 404);
  CHECK_INT(run(&s, &r, "DELETE", "/cases", NULL, NULL), 405);
  CHECK_INT(run(&s, &r, "GET", "/cases", NULL, NULL), 303);
  CHECK_STR(resp_header(&r, "Location"), "/login?next=%2Fcases");
  CHECK_INT(run(&s, &r, "GET", "/api/cases", NULL, NULL), 401);
  CHECK(strstr(r.body.data, "\"error\"") != NULL, "JSON error");
  CHECK_INT(run(&s, &r, "GET", "/assets/style.css", NULL, NULL), 200);
  /* the login form's token, then a login with it */
  CHECK_INT(run(&s, &r, "GET", "/login", NULL, NULL), 200);
  const char *set = resp_header(&r, "Set-Cookie");
  CHECK(set && strncmp(set, "xxgk_csrf=", 10) == 0, "anon cookie");
  char token[65] = "", cookie[128], body[256];
  if (set)
    snprintf(token, sizeof token, "%.64s", set + 10);
  snprintf(cookie, sizeof cookie, "xxgk_csrf=%s", token);
  CHECK_INT(run(&s, &r, "POST", "/login", cookie, "login=jia&password=password1"),
            403);
  snprintf(body, sizeof body, "csrf=%s&login=jia&password=wrong-one", token);
  CHECK_INT(run(&s, &r, "POST", "/login", cookie, body), 401);
  snprintf(body, sizeof body, "csrf=%s&login=jia&password=password1", token);
  CHECK_INT(run(&s, &r, "POST", "/login", cookie, body), 303);
  set = resp_header(&r, "Set-Cookie");
  CHECK(set && strstr(set, "HttpOnly") && strstr(set, "SameSite=Lax"),
        "session cookie %s", set ? set : "");
  char session[160];
  snprintf(session, sizeof session, "xxgk_session=%.64s", set ? set + 13 : "");
  CHECK_INT(run(&s, &r, "GET", "/api/session", session, NULL), 200);
  /* the fourth write within the minute is refused, then allowed again */
  CHECK_INT(run(&s, &r, "POST", "/logout", session, "csrf=x"), 429);
  fake_now += 60;
  CHECK_INT(run(&s, &r, "POST", "/logout", session, "csrf=x"), 403);
  /* Another thread's struct srv shares the sessions: a write there leaves
   * its flash in the table, the next page (here) shows it once. */
  struct srv t;
  CHECK_INT(srv_init_thread(&t, &s, err, sizeof err), 0);
  CHECK_INT(run(&t, &r, "GET", "/api/session", session, NULL), 200);
  const char *c = r.body.data ? strstr(r.body.data, "\"csrf\": \"") : NULL;
  char csrf[65] = "";
  if (c)
    snprintf(csrf, sizeof csrf, "%.64s", c + 9);
  snprintf(body, sizeof body,
           "csrf=%s&channel=%%E7%%BD%%91%%E7%%BB%%9C&received=2026-11-19"
           "&category=natural_person&name=x&content=y",
           csrf);
  CHECK_INT(run(&t, &r, "POST", "/cases", session, body), 303);
  CHECK_INT(run(&s, &r, "GET", "/cases", session, NULL), 200);
  CHECK(strstr(r.body.data, "已登记申请") != NULL, "the flash, shown");
  CHECK_INT(run(&s, &r, "GET", "/cases", session, NULL), 200);
  CHECK(strstr(r.body.data, "已登记申请") == NULL, "the flash, shown once");
  /* another program holds the write lock past the busy timeout: 503 with
   * Retry-After and a Chinese message, not 500 with SQLite's English */
  struct lock other = write_lock(db);
  snprintf(body, sizeof body,
           "csrf=%s&channel=%%E7%%BD%%91%%E7%%BB%%9C&received=2026-11-19"
           "&category=natural_person&name=x&content=y",
           csrf);
  fake_now += 60; /* a fresh minute of writes */
  CHECK_INT(run(&s, &r, "POST", "/api/cases", session, body), 503);
  CHECK(resp_header(&r, "Retry-After") != NULL, "busy: Retry-After");
  CHECK(r.body.data && strstr(r.body.data, "占用") &&
            !strstr(r.body.data, "locked"),
        "busy: %s", r.body.data ? r.body.data : "");
  write_unlock(&other);
  /* logging out on one thread ends the session for all */
  snprintf(body, sizeof body, "csrf=%s", csrf);
  CHECK_INT(run(&t, &r, "POST", "/logout", session, body), 303);
  CHECK_INT(run(&s, &r, "GET", "/api/session", session, NULL), 401);
  srv_fini_thread(&t);
  /* idle sessions end */
  fake_now += SRV_SESSION_SECONDS + 1;
  CHECK_INT(run(&s, &r, "GET", "/api/session", session, NULL), 401);
  srv_resp_free(&r);
  srv_fini(&s);
  h_remove_db(dir, db);
}

/* The throttles (srv_throttle.c): purposes apart, accounts apart, and a
 * botnet against one account slowed without locking its owner out. */
static void test_throttle(void) {
  char dir[] = "/tmp/xxgk-test-throttle-XXXXXX", db[512];
  struct srv s;
  int64_t ag = server_new(&s, dir, db, sizeof db, 0);
  CHECK_INT(xxgk_reg_user_set_login(s.reg, ag, "乙", "yi", "password2"),
            XXGK_OK);
  struct srv_resp r = {0};
  CHECK_INT(run(&s, &r, "GET", "/login", NULL, NULL), 200);
  const char *set = resp_header(&r, "Set-Cookie");
  char token[65] = "", cookie[128], body[256];
  if (set)
    snprintf(token, sizeof token, "%.64s", set + 10);
  snprintf(cookie, sizeof cookie, "xxgk_csrf=%s", token);
  char wrong[256], right[256], status[256];
  snprintf(wrong, sizeof wrong, "csrf=%s&login=jia&password=wrong-one", token);
  snprintf(right, sizeof right, "csrf=%s&login=jia&password=password1", token);
  snprintf(status, sizeof status, "csrf=%s&tracking=2026-00001&code=AAAA",
           token);
  /* eleven wrong status codes from one address: the look-ups stop, the
   * staff logins of that address do not */
  for (int i = 0; i < 10; i++)
    CHECK_INT(run_from(&s, &r, "10.1.1.1", "POST", "/status", cookie, status),
              403);
  CHECK_INT(run_from(&s, &r, "10.1.1.1", "POST", "/status", cookie, status),
            429);
  CHECK(resp_header(&r, "Retry-After") != NULL, "Retry-After");
  CHECK_INT(run_from(&s, &r, "10.1.1.1", "POST", "/login", cookie, right), 303);
  /* ten wrong passwords for jia from one address: that address waits for
   * jia, even with the right password, but not for yi; others do not wait */
  for (int i = 0; i < 10; i++)
    CHECK_INT(run_from(&s, &r, "10.2.2.2", "POST", "/login", cookie, wrong),
              401);
  CHECK_INT(run_from(&s, &r, "10.2.2.2", "POST", "/login", cookie, right), 429);
  snprintf(body, sizeof body, "csrf=%s&login=yi&password=password2", token);
  CHECK_INT(run_from(&s, &r, "10.2.2.2", "POST", "/login", cookie, body), 303);
  CHECK_INT(run_from(&s, &r, "10.3.3.3", "POST", "/login", cookie, right), 303);
  /* a botnet: one wrong password each from 30 addresses spends jia's own
   * budget; a stranger's next guess waits a few seconds, the addresses
   * jia logged in from (10.1.1.1, 10.3.3.3) do not wait at all */
  fake_now += 3600;
  for (int i = 0; i < 30; i++) {
    char ip[32];
    snprintf(ip, sizeof ip, "10.9.0.%d", i);
    run_from(&s, &r, ip, "POST", "/login", cookie, wrong);
  }
  CHECK_INT(r.status, 429);
  const char *after = resp_header(&r, "Retry-After");
  CHECK(after && atoi(after) >= 1 && atoi(after) <= 3, "a short delay: %s",
        after ? after : "none");
  CHECK_INT(run_from(&s, &r, "10.9.1.1", "POST", "/login", cookie, wrong), 429);
  CHECK_INT(run_from(&s, &r, "10.3.3.3", "POST", "/login", cookie, right), 303);
  CHECK_INT(run_from(&s, &r, "10.1.1.1", "POST", "/login", cookie, right), 303);
  /* and the owner at a new address gets in after that delay */
  CHECK_INT(run_from(&s, &r, "10.8.8.8", "POST", "/login", cookie, right), 429);
  fake_now += 3;
  CHECK_INT(run_from(&s, &r, "10.8.8.8", "POST", "/login", cookie, right), 303);
  /* one address trying many logins (credential stuffing) is stopped */
  fake_now += 3600;
  int stopped = 0;
  for (int i = 0; i < 40 && !stopped; i++) {
    snprintf(body, sizeof body, "csrf=%s&login=user%d&password=x", token, i);
    stopped = run_from(&s, &r, "10.4.4.4", "POST", "/login", cookie, body) ==
              429;
  }
  CHECK(stopped, "30 failed logins of different names from one address");
  srv_resp_free(&r);
  srv_fini(&s);
  h_remove_db(dir, db);
}

/* The count of rows of table in the register file db. */
static int rows_of(const char *db, const char *table) {
  char sql[96];
  int n = -1;
  snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
  if (h_pg()) { /* through another client, as for SQLite below */
    PGconn *c = PQconnectdb(db);
    PGresult *res = PQexec(c, sql);
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res))
      n = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    PQfinish(c);
    return n;
  }
  sqlite3 *h;
  sqlite3_stmt *st;
  if (sqlite3_open(db, &h) == SQLITE_OK &&
      sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return n;
}

/* A session in the register: used every hour it still ends 24 hours after
 * the login (the absolute limit); expired sessions and full buckets leave
 * no rows behind. */
static void test_session_expiry(void) {
  char dir[] = "/tmp/xxgk-test-expiry-XXXXXX", db[64];
  struct srv s;
  server_new(&s, dir, db, sizeof db, 0);
  struct srv_resp r = {0};
  CHECK_INT(run(&s, &r, "GET", "/login", NULL, NULL), 200);
  const char *set = resp_header(&r, "Set-Cookie");
  char token[65] = "", cookie[128], body[256], session[160];
  if (set)
    snprintf(token, sizeof token, "%.64s", set + 10);
  snprintf(cookie, sizeof cookie, "xxgk_csrf=%s", token);
  snprintf(body, sizeof body, "csrf=%s&login=jia&password=password1", token);
  CHECK_INT(run(&s, &r, "POST", "/login", cookie, body), 303);
  set = resp_header(&r, "Set-Cookie");
  snprintf(session, sizeof session, "xxgk_session=%.64s", set ? set + 13 : "");
  time_t start = fake_now;
  int last_ok = 0;
  for (int h = 1; h <= 25; h++) {
    fake_now = start + h * 3600;
    if (run(&s, &r, "GET", "/api/session", session, NULL) == 200)
      last_ok = h;
  }
  CHECK_INT(last_ok, 23); /* at 24 h it has ended */
  CHECK_INT(rows_of(db, "web_session"), 1);
  /* a wrong password leaves buckets; the next login, a day later, finds
   * the old session and the buckets expired and removes them */
  snprintf(body, sizeof body, "csrf=%s&login=jia&password=wrong-one", token);
  CHECK_INT(run(&s, &r, "POST", "/login", cookie, body), 401);
  CHECK(rows_of(db, "web_throttle") >= 2, "the failure's buckets");
  fake_now += 2 * 24 * 3600;
  snprintf(body, sizeof body, "csrf=%s&login=jia&password=password1", token);
  CHECK_INT(run(&s, &r, "POST", "/login", cookie, body), 303);
  CHECK_INT(rows_of(db, "web_session"), 1); /* the new one only */
  /* the login emptied the known-address bucket (30 days): it alone is
   * left, the failure's full again and gone */
  CHECK_INT(rows_of(db, "web_throttle"), 1);
  srv_resp_free(&r);
  srv_fini(&s);
  h_remove_db(dir, db);
}

/* The client's address behind proxies (srv_req_headers): believed only
 * from a proxy named, and then the last X-Forwarded-For entry that is not
 * a proxy, never what the client wrote to its left. */
static const char *fwd_header(void *ctx, const char *name) {
  return strcmp(name, "X-Forwarded-For") == 0 ? ctx : NULL;
}

static const char *client_of(const char *proxies, int trust_all,
                             const char *peer, const char *fwd) {
  static struct srv_req q;
  struct srv s = {.o = {.proxies = proxies, .trust_proxy = trust_all}};
  memset(&q, 0, sizeof q);
  snprintf(q.ip, sizeof q.ip, "%s", peer);
  srv_req_headers(&s, &q, fwd_header, (void *)fwd);
  return q.ip;
}

static void test_proxy(void) {
  /* no proxy named: the header is the client's own, ignored */
  CHECK_STR(client_of(NULL, 0, "192.0.2.1", "10.0.0.9"), "192.0.2.1");
  /* from a peer that is not the proxy: ignored */
  CHECK_STR(client_of("10.0.0.2", 0, "192.0.2.1", "10.0.0.9"), "192.0.2.1");
  /* from the proxy: the address it appended, not the one the client sent */
  CHECK_STR(client_of("10.0.0.2", 0, "10.0.0.2", "6.6.6.6, 192.0.2.7"),
            "192.0.2.7");
  CHECK_STR(client_of("10.0.0.2", 0, "10.0.0.2", "192.0.2.7"), "192.0.2.7");
  /* two proxies in a row: the entries they wrote are skipped */
  CHECK_STR(client_of("10.0.0.2,10.0.0.3", 0, "10.0.0.2",
                      "6.6.6.6, 192.0.2.7, 10.0.0.3"),
            "192.0.2.7");
  CHECK_STR(client_of("10.0.0.2", 0, "10.0.0.2", "2001:db8::1"), "2001:db8::1");
  /* --trust-proxy: any peer, the last entry */
  CHECK_STR(client_of(NULL, 1, "127.0.0.1", "6.6.6.6,192.0.2.8"), "192.0.2.8");
  /* what is no address keeps the peer's */
  CHECK_STR(client_of("10.0.0.2", 0, "10.0.0.2", "6.6.6.6, <script>"),
            "10.0.0.2");
  CHECK_STR(client_of("10.0.0.2", 0, "10.0.0.2", " , "), "10.0.0.2");
}

/* ## Uploads read in a child under limits (srv_sandbox.c) */

static void fill_ok(void *ctx, struct srv_resp *r) {
  r->status = 201;
  r->no_store = 1;
  xxgk_buf_puts(&r->body, ctx);
}

static void fill_spin(void *ctx, struct srv_resp *r) {
  (void)ctx;
  (void)r;
  for (volatile unsigned long i = 0;; i++)
    ;
}

#ifndef __SANITIZE_ADDRESS__ /* ASan: no memory bound (srv_sandbox.c) */
static void fill_hog(void *ctx, struct srv_resp *r) {
  (void)ctx;
  (void)r;
  /* Each block touched, so its pages are really taken, and kept in a list
   * rather than dropped: under memcheck a dropped block would be a leak. */
  void **head = NULL;
  for (;;) {
    void **p = xxgk_malloc(64 << 20);
    memset(p, 1, 64 << 20);
    *p = head;
    head = p;
  }
}
#endif

static void test_sandbox(void) {
  char dir[] = "/tmp/xxgk-test-sandbox-XXXXXX", db[512];
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  snprintf(db, sizeof db, "%s/r.db", dir);
  struct srv s;
  struct srv_opts o = {.db = db, .listen = "127.0.0.1:0", .upload_seconds = 1};
  char err[256], why[200];
  CHECK_INT(srv_init(&s, &o, err, sizeof err), 0);
  struct srv_resp r = {0};
  CHECK_INT(srv_sandboxed(&s, &r, fill_ok, "结果", why, sizeof why), 0);
  CHECK_INT(r.status, 201);
  CHECK(r.no_store && r.body.data && strcmp(r.body.data, "结果") == 0,
        "the child's answer");
  srv_resp_free(&r);
  memset(&r, 0, sizeof r);
  CHECK_INT(srv_sandboxed(&s, &r, fill_spin, NULL, why, sizeof why), -1);
  CHECK(strstr(why, "1 秒的时限") != NULL, "time: %s", why);
#ifndef __SANITIZE_ADDRESS__
  s.o.upload_seconds = 60; /* the memory bound, not the clock, must stop it */
  CHECK_INT(srv_sandboxed(&s, &r, fill_hog, NULL, why, sizeof why), -1);
  CHECK(strstr(why, "内存") != NULL, "memory: %s", why);
#endif
  CHECK(r.status == 0 && r.body.len == 0, "untouched after a failure");
  srv_fini(&s);
  h_remove_db(dir, db);
}

int main(void) {
  h_db_start();
  test_writers();
  test_parsing();
  test_router();
  test_throttle();
  test_proxy();
  test_session_expiry();
  test_sandbox();
  return h_summary();
}
