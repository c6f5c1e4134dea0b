/*
 * test_pg.c — what only the PostgreSQL backend has to show, against the
 * cluster XXGK_TEST_PG names (tests/pg/cluster.sh; skipped without one):
 * the password never printed, a database that cannot be reached or whose
 * schema is newer refused with a message, the append-only tables refusing
 * UPDATE, DELETE and TRUNCATE through another client, the tallies exact,
 * two processes numbering applications and recording events at once
 * (nothing lost, no tracking number twice), and the same commands giving
 * the same rows and the same annual report on both backends.
 */
#include "h_db.h"
#include "harness.h"
#include "reg.h"
#include "xxgk_register.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_mask(void) {
  const char *cases[][2] = {
      {"postgresql://u:secret@db.example/x", "postgresql://u:***@db.example/x"},
      {"postgresql://u@h/x?password=secret&sslmode=require",
       "postgresql://u@h/x?password=***&sslmode=require"},
      {"postgres://u:p%40ss@h:5432/x?password=two",
       "postgres://u:***@h:5432/x?password=***"},
      {"postgresql:///x?host=/tmp/s&user=u",
       "postgresql:///x?host=/tmp/s&user=u"},
      {"host=h password='se cret' dbname=x", "host=h password=*** dbname=x"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *m = store_pg_mask(cases[i][0]);
    CHECK_STR(m, cases[i][1]);
    free(m);
  }
}

/* No server at the address: a message naming it, its password masked. */
static void test_unreachable(void) {
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(
      "postgresql://clerk:hunter2@/x?host=/nonexistent-xxgk&connect_timeout=2",
      0, &r);
  CHECK_INT(st, XXGK_E_IO);
  const char *msg = xxgk_reg_errmsg(r);
  CHECK(strstr(msg, "连接数据库") && strstr(msg, "clerk:***@"), "%s", msg);
  CHECK(!strstr(msg, "hunter2"), "password printed: %s", msg);
  xxgk_reg_close(r);
}

/* A wrong password (tests/pg/cluster.sh's role clerk must give one): the
 * server's refusal, the password given never printed. */
static void test_wrong_password(void) {
  const char *base = getenv("XXGK_TEST_PG");
  const char *user = strstr(base, "user=");
  char uri[600];
  snprintf(uri, sizeof uri, "%.*suser=clerk&password=wrong-secret%s",
           (int)(user ? user - base : 0), base,
           user ? user + strcspn(user, "&") : "");
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(uri, 0, &r), XXGK_E_IO);
  const char *msg = xxgk_reg_errmsg(r);
  CHECK(strstr(msg, "password authentication failed") &&
            strstr(msg, "password=***"),
        "%s", msg);
  CHECK(!strstr(msg, "wrong-secret"), "password printed: %s", msg);
  xxgk_reg_close(r);
}

/* A statement through a second client (as psql would run it); returns
 * whether it succeeded, with the error's text in err. */
static int other_exec(PGconn *c, const char *sql, char *err, size_t cap) {
  PGresult *res = PQexec(c, sql);
  ExecStatusType rs = PQresultStatus(res);
  int ok = rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK;
  snprintf(err, cap, "%s", ok ? "" : PQerrorMessage(c));
  PQclear(res);
  return ok;
}

static char *other_text(PGconn *c, const char *sql) {
  PGresult *res = PQexec(c, sql);
  char *s = strdup(PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res)
                       ? PQgetvalue(res, 0, 0)
                       : "(error)");
  PQclear(res);
  return s;
}

static int64_t new_case(xxgk_reg *r, int64_t agency, const char *received) {
  xxgk_case c = {.agency_id = agency,
                 .channel = "网络",
                 .received = received,
                 .category = "natural_person",
                 .name = "张三",
                 .content = "某项目环评批复"};
  xxgk_status st = xxgk_reg_case_new(r, &c);
  CHECK(st == XXGK_OK, "case: %s", xxgk_reg_errmsg(r));
  return c.id;
}

static xxgk_status ev(xxgk_reg *r, int64_t id, xxgk_event_kind k,
                      const char *date, const char *outcome) {
  xxgk_event e = {.case_id = id, .kind = k, .date = date, .outcome = outcome};
  return xxgk_reg_event_add(r, &e);
}

static void quiet(void *arg, const char *message) {
  (void)arg;
  (void)message;
}

/* The schema's guarantees, to a client that is not xxgk. */
static void test_append_only(void) {
  const char *db = h_db();
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(db, XXGK_OPT_CREATE, &r), XXGK_OK);
  xxgk_reg_set_user(r, "测试员");
  xxgk_agency a = {.name = "测试局"};
  CHECK_INT(xxgk_reg_agency_add(r, &a), XXGK_OK);
  int64_t c1 = new_case(r, a.id, "2024-05-06");
  new_case(r, a.id, "2024-05-07");
  CHECK_INT(ev(r, c1, XXGK_EV_EXTENDED, "2024-05-20", NULL), XXGK_OK);
  CHECK_INT(ev(r, c1, XXGK_EV_REPLY, "2024-05-21", "granted"), XXGK_OK);
  xxgk_reg_close(r);

  PGconn *c = PQconnectdb(db);
  CHECK_INT(PQstatus(c), CONNECTION_OK);
  PQsetNoticeProcessor(c, quiet, NULL); /* TRUNCATE's "cascades to" */
  static const char *const REFUSED[][2] = {
      {"UPDATE audit SET who = 'x'", "审计日志只能追加，不能修改"},
      {"DELETE FROM audit", "审计日志只能追加，不能删除"},
      {"TRUNCATE audit", "审计日志只能追加，不能删除"},
      {"INSERT INTO audit (id, at, who, action, entity) VALUES (1, 'x', 'x',"
       " 'x', 'x') ON CONFLICT (id) DO UPDATE SET who = 'x'",
       "审计日志只能追加，不能修改"},
      {"DELETE FROM application", "申请登记不能删除"},
      {"TRUNCATE application CASCADE", "申请登记不能删除"},
      {"DELETE FROM event", "办理记录不能删除"},
      {"UPDATE event SET date = '2024-06-01'", "办理记录不能修改"},
      {"UPDATE event SET voided = NULL", "办理记录只能作废一次"},
      {"UPDATE agency SET parent_id = id", "机关的上级单位不能修改"},
  };
  const char *dump = "SELECT md5(string_agg(t::text, ';' ORDER BY t::text))"
                     " FROM (SELECT * FROM audit UNION ALL SELECT 0, '', '',"
                     " '', '', count(*), '', '', '' FROM event) t";
  char *before = other_text(c, dump);
  for (size_t i = 0; i < sizeof REFUSED / sizeof *REFUSED; i++) {
    char err[512];
    CHECK(!other_exec(c, REFUSED[i][0], err, sizeof err) &&
              strstr(err, REFUSED[i][1]),
          "not refused (%s): %s", err, REFUSED[i][0]);
  }
  char *after = other_text(c, dump);
  CHECK_STR(after, before);
  free(before);
  free(after);
  /* the tallies the triggers keep are what the rows say */
  char *tally = other_text(
      c, "SELECT (SELECT applications || '/' || open FROM agency_tally) ||"
         " ' ' || (SELECT count(*) || '/' || count(*) FILTER (WHERE"
         " final_date IS NULL) FROM application)");
  CHECK_STR(tally, "2/1 2/1");
  free(tally);
  /* an ordinary append still works */
  char err[512];
  CHECK(other_exec(c,
                   "INSERT INTO audit (at, who, action, entity) VALUES ('x',"
                   " 'x', 'x', 'x')",
                   err, sizeof err),
        "%s", err);
  /* a schema from a newer release is refused, saying so */
  CHECK(other_exec(c, "UPDATE xxgk_schema SET version = 999", err, sizeof err),
        "%s", err);
  PQfinish(c);
  xxgk_status st = xxgk_reg_open(db, 0, &r);
  CHECK_INT(st, XXGK_E_DB);
  CHECK(strstr(xxgk_reg_errmsg(r), "999") &&
            strstr(xxgk_reg_errmsg(r), "请升级 xxgk"),
        "%s", xxgk_reg_errmsg(r));
  xxgk_reg_close(r);
}

/* Four processes open one new database at once (servers starting
 * together): one migrates, the others wait for its lock and find the
 * schema current; none fails. */
static void test_migrate_race(void) {
  const char *db = h_db();
  pid_t kids[4];
  for (int k = 0; k < 4; k++)
    if ((kids[k] = fork()) == 0) {
      xxgk_reg *r;
      xxgk_status st = xxgk_reg_open(db, XXGK_OPT_CREATE, &r);
      if (st != XXGK_OK)
        fprintf(stderr, "open: %s\n", xxgk_reg_errmsg(r));
      int v = xxgk_reg_schema_version(r);
      xxgk_reg_close(r);
      _exit(st == XXGK_OK && v > 0 ? 0 : 1);
    }
  for (int k = 0; k < 4; k++) {
    int ws = 0;
    waitpid(kids[k], &ws, 0);
    CHECK(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "opener %d failed", k);
  }
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(db, 0, &r), XXGK_OK);
  xxgk_reg *lite;
  CHECK_INT(xxgk_reg_open(":memory:", XXGK_OPT_CREATE, &lite), XXGK_OK);
  CHECK_INT(xxgk_reg_schema_version(r), xxgk_reg_schema_version(lite));
  xxgk_reg_close(lite);
  xxgk_reg_close(r);
}

/* The database server ends the connection in the middle of a batch (a
 * restart, a failover): the command fails saying so, as busy (the web
 * server's 503), nothing of the batch is kept, and the next command
 * connects again and is stored. */
static void test_connection_lost(void) {
  const char *db = h_db();
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(db, XXGK_OPT_CREATE, &r), XXGK_OK);
  xxgk_agency a = {.name = "断线局"};
  CHECK_INT(xxgk_reg_agency_add(r, &a), XXGK_OK);
  CHECK_INT(xxgk_reg_batch_begin(r), XXGK_OK);
  new_case(r, a.id, "2024-03-01");
  PGconn *c = PQconnectdb(db);
  char err[512];
  CHECK(other_exec(c,
                   "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                   " WHERE datname = current_database()"
                   " AND pid <> pg_backend_pid()",
                   err, sizeof err),
        "%s", err);
  xxgk_case x = {.agency_id = a.id,
                 .channel = "网络",
                 .received = "2024-03-02",
                 .category = "natural_person",
                 .name = "李四",
                 .content = "某"};
  xxgk_status st = xxgk_reg_case_new(r, &x);
  CHECK(st == XXGK_E_BUSY || st == XXGK_E_DB, "status %d", st);
  CHECK(strstr(xxgk_reg_errmsg(r), "连接中断") != NULL, "%s",
        xxgk_reg_errmsg(r));
  CHECK(xxgk_reg_batch_end(r) != XXGK_OK, "the batch cannot be committed");
  x.tracking = NULL;
  CHECK_INT(xxgk_reg_case_new(r, &x), XXGK_OK);
  char *n = other_text(c, "SELECT string_agg(tracking, ',') FROM application");
  CHECK_STR(n, "2024-00001"); /* the batch's case is not there */
  free(n);
  PQfinish(c);
  xxgk_reg_close(r);
}

/* ## Two processes at once */

#define N_PER 40 /* applications per process; 4 events each */

/* One clerk: N_PER applications in one agency and year, each with four
 * events, and a reply to the shared application (one of the two wins).
 * A command refused as busy is retried, as the clerk would. Exits 0, or
 * 1 on anything else. */
static int clerk(const char *db, int64_t agency, int64_t shared) {
  xxgk_reg *r;
  if (xxgk_reg_open(db, 0, &r) != XXGK_OK)
    return 1;
  xxgk_reg_set_user(r, "并发");
  int bad = 0;
  for (int i = 0; i < N_PER && !bad; i++) {
    xxgk_case c = {.agency_id = agency,
                   .channel = "网络",
                   .received = "2024-03-01",
                   .category = "natural_person",
                   .name = "张三",
                   .content = "某项目"};
    xxgk_status st;
    while ((st = xxgk_reg_case_new(r, &c)) == XXGK_E_BUSY)
      ;
    static const struct {
      xxgk_event_kind k;
      const char *date, *outcome;
    } EV[] = {{XXGK_EV_CORRECTION_REQUESTED, "2024-03-04", NULL},
              {XXGK_EV_CORRECTION_RECEIVED, "2024-03-06", NULL},
              {XXGK_EV_EXTENDED, "2024-03-20", NULL},
              {XXGK_EV_REPLY, "2024-04-01", "granted"}};
    for (size_t k = 0; st == XXGK_OK && k < 4; k++)
      while ((st = ev(r, c.id, EV[k].k, EV[k].date, EV[k].outcome)) ==
             XXGK_E_BUSY)
        ;
    if (st != XXGK_OK) {
      fprintf(stderr, "clerk %d: %s\n", (int)getpid(), xxgk_reg_errmsg(r));
      bad = 1;
    }
    if (i == N_PER / 2) /* both reply to one application: one is refused */
      while (ev(r, shared, XXGK_EV_REPLY, "2024-04-02", "granted") ==
             XXGK_E_BUSY)
        ;
  }
  xxgk_reg_close(r);
  return bad;
}

static void test_concurrent(void) {
  const char *db = h_db();
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(db, XXGK_OPT_CREATE, &r), XXGK_OK);
  xxgk_agency a = {.name = "并发局"};
  CHECK_INT(xxgk_reg_agency_add(r, &a), XXGK_OK);
  int64_t shared = new_case(r, a.id, "2024-03-01");
  xxgk_reg_close(r);
  pid_t kids[2];
  for (int k = 0; k < 2; k++)
    if ((kids[k] = fork()) == 0)
      _exit(clerk(db, a.id, shared));
  for (int k = 0; k < 2; k++) {
    int ws = 0;
    waitpid(kids[k], &ws, 0);
    CHECK(WIFEXITED(ws) && WEXITSTATUS(ws) == 0, "clerk %d failed", k);
  }
  PGconn *c = PQconnectdb(db);
  const char *checks[][2] = {
      /* every application, numbered 1..n without a gap or a repeat */
      {"SELECT count(*) || ' ' || count(DISTINCT tracking) || ' ' ||"
       " max(CAST(substr(tracking, 6) AS integer)) FROM application",
       "81 81 81"},
      /* every event: 4 per application and the shared one's one reply */
      {"SELECT count(*) FROM event", "321"},
      {"SELECT count(*) FROM event WHERE application_id = (SELECT min(id)"
       " FROM application)",
       "1"},
      /* the rows' copies and the tallies agree with the events */
      {"SELECT count(*) FROM application a WHERE final_kind IS DISTINCT FROM"
       " (SELECT kind FROM event e WHERE e.application_id = a.id"
       " AND kind = 'reply')",
       "0"},
      {"SELECT applications || '/' || open FROM agency_tally", "81/0"},
      {"SELECT sum(applications) || '/' || sum(open) FROM application_mix",
       "81/0"},
      /* every write audited, once */
      {"SELECT count(*) FROM audit WHERE action LIKE 'event.%'", "321"},
  };
  for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
    char *got = other_text(c, checks[i][0]);
    CHECK(strcmp(got, checks[i][1]) == 0, "%s: %s, want %s", checks[i][0], got,
          checks[i][1]);
    free(got);
  }
  PQfinish(c);
}

/* ## The same commands on both backends */

static xxgk_reg *fill(const char *db) {
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(db, XXGK_OPT_CREATE, &r), XXGK_OK);
  xxgk_reg_set_user(r, "测试员");
  xxgk_reg_set_clock(r, "2025-01-10T08:00:00Z");
  xxgk_agency top = {.name = "某市人民政府"}, unit = {.name = "某市教育局"};
  CHECK_INT(xxgk_reg_agency_add(r, &top), XXGK_OK);
  unit.parent_id = top.id;
  CHECK_INT(xxgk_reg_agency_add(r, &unit), XXGK_OK);
  static const char *const OUTCOMES[] = {
      "granted", "partially_granted", "unable_not_held",
      "withheld_state_secret", "not_processed_duplicate"};
  static const char *const CATEGORIES[] = {"natural_person", "commercial",
                                           "research",       "legal_services",
                                           "social_welfare", "other_org"};
  for (int i = 0; i < 60; i++) {
    char received[32], replied[32];
    snprintf(received, sizeof received, "%04d-%02d-%02d", 2023 + i % 2,
             1 + i % 11, 3 + i % 20);
    snprintf(replied, sizeof replied, "%04d-%02d-%02d", 2023 + i % 2,
             2 + i % 11, 3 + i % 20);
    xxgk_case c = {.agency_id = i % 3 ? unit.id : top.id,
                   .channel = "网络",
                   .received = received,
                   .category = CATEGORIES[i % 6],
                   .name = "申请人",
                   .content = "内容"};
    xxgk_status st = xxgk_reg_case_new(r, &c);
    CHECK(st == XXGK_OK, "case: %s", xxgk_reg_errmsg(r));
    if (i % 7 == 3)
      CHECK_INT(ev(r, c.id, XXGK_EV_WITHDRAWN, replied, NULL), XXGK_OK);
    else if (i % 5)
      CHECK_INT(ev(r, c.id, XXGK_EV_REPLY, replied, OUTCOMES[i % 5]), XXGK_OK);
  }
  return r;
}

static char *report(xxgk_reg *r, int64_t agency, int year) {
  xxgk_doc *d = NULL;
  xxgk_status st = xxgk_reg_report(r, agency, year, &d);
  CHECK(st == XXGK_OK, "report: %s", xxgk_reg_errmsg(r));
  char *s = d ? xxgk_render(d, XXGK_OUT_JSON) : strdup("");
  xxgk_doc_free(d);
  return s;
}

static void test_same_as_sqlite(void) {
  xxgk_reg *lite = fill(":memory:"), *pg = fill(h_db());
  for (int64_t agency = 1; agency <= 2; agency++)
    for (int year = 2023; year <= 2024; year++) {
      char *a = report(lite, agency, year), *b = report(pg, agency, year);
      CHECK(strcmp(a, b) == 0, "report %lld/%d differs", (long long)agency,
            year);
      free(a);
      free(b);
    }
  char *a = NULL, *b = NULL;
  CHECK_INT(xxgk_reg_export(lite, &a), XXGK_OK);
  CHECK_INT(xxgk_reg_export(pg, &b), XXGK_OK);
  CHECK(a && b && strcmp(a, b) == 0, "exports differ");
  /* SQLite's export into a new PostgreSQL register: the same rows, and the
   * next application numbered past the imported ones */
  xxgk_reg *copy;
  CHECK_INT(xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &copy), XXGK_OK);
  CHECK_INT(a ? xxgk_reg_import(copy, a, strlen(a)) : XXGK_E_DB, XXGK_OK);
  char *c = NULL;
  CHECK_INT(xxgk_reg_export(copy, &c), XXGK_OK);
  CHECK(a && c && strcmp(a, c) == 0, "the import's export differs");
  int64_t next = new_case(copy, 1, "2024-12-30");
  CHECK_INT(next, 61);
  xxgk_reg_close(copy);
  free(a);
  free(b);
  free(c);
  xxgk_reg_close(lite);
  xxgk_reg_close(pg);
}

int main(void) {
  setenv("XXGK_TEST_BACKEND", "pg", 1);
  h_db_start();
  test_mask();
  test_unreachable();
  test_wrong_password();
  test_migrate_race();
  test_append_only();
  test_connection_lost();
  test_concurrent();
  test_same_as_sqlite();
  return h_summary();
}
