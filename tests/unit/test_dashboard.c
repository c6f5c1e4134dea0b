/*
 * test_dashboard.c — the corpus pages of the web application, through the
 * router on a temporary database holding a register and a corpus: login
 * required; the charts, statistics, findings and quality ranking shown; one
 * report's score point by point and its tables with the inconsistent cell
 * highlighted; JSON twins; a missing report 404.
 */
#include "docutil.h"
#include "harness.h"
#include "srv.h"
#include "xxgk_corpus.h"

#include <json-c/json.h>
#include <unistd.h>

static int run(struct srv *s, struct srv_resp *r, const char *method,
               const char *path, const char *cookie, const char *body) {
  struct srv_req q = {0};
  char p[256];
  snprintf(p, sizeof p, "%s", path);
  char *qs = strchr(p, '?'); /* as the HTTP layer splits it */
  if (qs)
    *qs++ = 0;
  q.method = method;
  q.path = p;
  if (qs)
    srv_parse_query(&q, qs);
  q.cookie = cookie;
  snprintf(q.ip, sizeof q.ip, "10.0.0.2");
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

static const char *header(const struct srv_resp *r, const char *name) {
  for (int i = 0; i < r->n_headers; i++)
    if (strcmp(r->headers[i][0], name) == 0)
      return r->headers[i][1];
  return NULL;
}

/* Nankai (tests/data) as report `name` of the corpus of db, edited by
 * edit first. */
static void add_nankai(const char *db, const char *dir, const char *name,
                       const char *hash, void (*edit)(xxgk_doc *d)) {
  char path[4096];
  snprintf(path, sizeof path, "%s/tianjin-nankai-2023.txt", dir);
  size_t n = 0;
  char *text = read_file(path, &n);
  xxgk_doc *d;
  xxgk_parse(text ? text : "", n, &d);
  free(text);
  edit(d);
  xxgk_corpus *k;
  CHECK_INT(xxgk_corpus_open(db, XXGK_OPT_CREATE, &k), XXGK_OK);
  xxgk_import_result res;
  int64_t id;
  xxgk_corpus_begin(k);
  CHECK_INT(xxgk_corpus_add(k, name, hash, d, XXGK_OK, &res, &id), XXGK_OK);
  CHECK_INT(xxgk_corpus_commit(k), XXGK_OK);
  xxgk_corpus_close(k);
  xxgk_doc_free(d);
}

/* received.natural_person printed 922: an A1 and an A3 finding. */
static void misprint(xxgk_doc *d) {
  int row, col;
  xxgk_dict_find_key("applications.received.natural_person", XXGK_FORMAT_2021,
                     &row, &col);
  xxgk_cell c = *xxgk_doc_cell(d, row, col);
  c.num.mant = 922;
  xxgk_doc_set_cell(d, row, col, &c);
  xxgk_check(d);
}

/* Its year not read. */
static void yearless(xxgk_doc *d) { xxgk_doc_set_year(d, 0); }

int main(int argc, char **argv) {
  char db[] = "/tmp/xxgk-dash-XXXXXX";
  int fd = mkstemp(db);
  close(fd);
  unlink(db);
  const char *dir = argc > 1 ? argv[1] : "tests/data";
  add_nankai(db, dir, "nankai.txt", "h1", misprint); /* report 1 */
  struct srv s;
  struct srv_opts o = {.db = db, .listen = "127.0.0.1:0",
                       .post_per_minute = 30, .today = "2026-11-20"};
  char err[256];
  CHECK_INT(srv_init(&s, &o, err, sizeof err), 0);
  xxgk_agency a = {.name = "某区政务公开办"};
  CHECK_INT(xxgk_reg_agency_add(s.reg, &a), XXGK_OK);
  CHECK_INT(xxgk_reg_user_set_login(s.reg, a.id, "乙", "yi", "password2"),
            XXGK_OK);
  struct srv_resp r = {0};
  CHECK_INT(run(&s, &r, "GET", "/corpus", NULL, NULL), 303);
  CHECK_INT(run(&s, &r, "GET", "/api/corpus", NULL, NULL), 401);
  /* Log in. */
  run(&s, &r, "GET", "/login", NULL, NULL);
  const char *set = header(&r, "Set-Cookie");
  char token[65] = "", cookie[128], body[256], session[160] = "";
  if (set)
    snprintf(token, sizeof token, "%.64s", set + 10);
  snprintf(cookie, sizeof cookie, "xxgk_csrf=%s", token);
  snprintf(body, sizeof body, "csrf=%s&login=yi&password=password2", token);
  CHECK_INT(run(&s, &r, "POST", "/login", cookie, body), 303);
  set = header(&r, "Set-Cookie");
  snprintf(session, sizeof session, "xxgk_session=%.64s", set ? set + 13 : "");

  CHECK_INT(run(&s, &r, "GET", "/corpus", session, NULL), 200);
  CHECK(strstr(r.body.data, "<svg") != NULL, "charts inline");
  CHECK(strstr(r.body.data, "href=\"/corpus/reports/1\"") != NULL,
        "drill-down link");
  CHECK(strstr(r.body.data, "天津市南开区政府") != NULL, "agency listed");
  CHECK(strstr(r.body.data, ">A1<") != NULL, "A1 finding listed");
  /* The ranking: A1 and A3 lost, 70 of 80; the points named. */
  CHECK(strstr(r.body.data, "<h2>质量排名</h2>") != NULL, "ranking shown");
  CHECK(strstr(r.body.data, "<td class=\"num\">88</td>") != NULL, "the score");
  CHECK(strstr(r.body.data, "<td>A1 A3</td>") != NULL, "the points lost");
  CHECK(strstr(r.body.data, "<td>天津市</td>") != NULL, "the province");
  /* the by-year table styled as a list, figures in their own cells, rates
   * in % as the charts print them (never 0.0559) */
  CHECK(strstr(r.body.data, "<table class=\"list years\">") != NULL,
        "the by-year table styled");
  CHECK(strstr(r.body.data, "<td>2023</td><td class=\"num\">1</td>") != NULL,
        "year and count apart");
  CHECK(strstr(r.body.data, "0.0") == NULL || strstr(r.body.data, "%</td>"),
        "rates in %%");

  CHECK_INT(run(&s, &r, "GET", "/api/corpus?rule=A3", session, NULL), 200);
  json_object *j = json_tokener_parse(r.body.data), *f = NULL;
  CHECK(j != NULL, "API answer is JSON");
  if (j && json_object_object_get_ex(j, "findings", &f))
    CHECK_INT(json_object_array_length(f), 1);
  CHECK(j && json_object_object_get_ex(j, "ranking", &f) &&
            json_object_array_length(f) == 1,
        "the ranking in JSON");
  json_object_put(j);

  CHECK_INT(run(&s, &r, "GET", "/corpus/reports/1", session, NULL), 200);
  CHECK(strstr(r.body.data, "class=\"num bad") != NULL, "the cell is highlighted");
  CHECK(strstr(r.body.data, "922") != NULL, "the printed value is shown");
  CHECK(strstr(r.body.data, "<h2>质量得分：88</h2>") != NULL, "the score");
  CHECK(strstr(r.body.data, "<tr class=\"lost\"><td>申请数量收支平衡</td>") !=
            NULL,
        "A1's point lost, with its reason");
  CHECK_INT(run(&s, &r, "GET", "/api/corpus/reports/1", session, NULL), 200);
  CHECK(strstr(r.body.data, "\"stored_findings\"") != NULL, "JSON twin");
  CHECK(strstr(r.body.data, "\"quality\": {") != NULL, "the score in JSON");
  /* a report whose year was not read: its bar says so (it crashed) */
  add_nankai(db, dir, "noyear.txt", "h2", yearless);
  CHECK_INT(run(&s, &r, "GET", "/corpus", session, NULL), 200);
  CHECK(strstr(r.body.data, "年度不明") != NULL, "the yearless bar labelled");
  CHECK_INT(run(&s, &r, "GET", "/corpus/reports/999", session, NULL), 404);
  CHECK_INT(run(&s, &r, "GET", "/corpus/reports/x", session, NULL), 404);
  srv_resp_free(&r);
  srv_fini(&s);
  unlink(db);
  char wal[64];
  snprintf(wal, sizeof wal, "%s-wal", db);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", db);
  unlink(wal);
  return h_summary();
}
