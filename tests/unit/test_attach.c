/*
 * test_attach.c — files and deliveries kept with an application: the
 * bytes come back as stored and are checked against their SHA-256, what is
 * not allowed (too big, empty, a type an office does not scan, a name
 * with a directory) is refused with a message, nothing is deleted or
 * changed but voided once (also in SQL, past the library), the audit gets
 * the hash and never the bytes; a fee notice's delivery starts its 20
 * working days (109号) and the deadline says so; a calendar imported by
 * one connection reaches another (xxgk_reg_calendar_sync); an export
 * carries the files into another register; the first delivery kept on its
 * event stays exact when two connections deliver at once (PostgreSQL).
 */
#include "h_db.h"
#include "harness.h"
#include "reg.h"
#include "xxgk_register.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <time.h>

static const char PDF[] = "%PDF-1.4\n%xxgk test\n";
/* sha256sum of those bytes */
static const char PDF_SHA[] =
    "d9233787d383183f8a773b16351d0f998547c9fcd6ce07c85403f122c311dea9";

#define OK(call) CHECK((call) == XXGK_OK, "%s: %s", #call, xxgk_reg_errmsg(r))
#define REFUSED(call, needle)                                                  \
  do {                                                                         \
    CHECK((call) == XXGK_E_REFUSED, "%s accepted", #call);                     \
    CHECK(strstr(xxgk_reg_errmsg(r), needle) != NULL, "%s: \"%s\"", #call,     \
          xxgk_reg_errmsg(r));                                                 \
  } while (0)

static xxgk_date D(const char *s) {
  xxgk_date d = 0;
  CHECK(xxgk_date_parse(s, &d) == 0, "date %s", s);
  return d;
}

static xxgk_reg *reg_new(const char *path, int64_t *agency, int64_t *id) {
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(path, XXGK_OPT_CREATE, &r), XXGK_OK);
  xxgk_reg_set_user(r, "测试员");
  xxgk_reg_set_clock(r, "2026-12-07T08:00:00Z");
  xxgk_reg_set_today(r, D("2026-12-07"));
  xxgk_agency a = {.name = "测试区人民政府办公室"};
  OK(xxgk_reg_agency_add(r, &a));
  *agency = a.id;
  xxgk_case c = {.agency_id = a.id,
                 .channel = "邮寄",
                 .received = "2024-03-01",
                 .category = "natural_person",
                 .name = "张三",
                 .content = "某项目环评批复"};
  OK(xxgk_reg_case_new(r, &c));
  *id = c.id;
  return r;
}

static int64_t count(xxgk_reg *r, const char *sql) {
  int64_t n = -1;
  CHECK_INT(store_int(r->st, &n, NULL, sql, ""), XXGK_OK);
  return n;
}

static int64_t event(xxgk_reg *r, int64_t id, xxgk_event_kind k,
                     const char *date) {
  xxgk_event e = {.case_id = id, .kind = k, .date = date};
  if (k == XXGK_EV_FEE_NOTICE) {
    e.method = XXGK_FEE_BY_PAGE;
    e.quantity = 150;
  }
  if (k == XXGK_EV_REPLY) {
    e.outcome = "granted";
    e.basis = "条例第三十六条第二项";
  }
  OK(xxgk_reg_event_add(r, &e));
  return e.id;
}

struct got {
  int n;
  char name[256], sha[65], type[128];
  char *bytes;
  size_t len;
  int voided;
};

static int take(void *ctx, const xxgk_attachment *a, const void *bytes,
                size_t n) {
  struct got *g = ctx;
  g->n++;
  snprintf(g->name, sizeof g->name, "%s", a->name);
  snprintf(g->sha, sizeof g->sha, "%s", a->sha256);
  snprintf(g->type, sizeof g->type, "%s", a->media_type);
  g->voided = a->voided != NULL;
  free(g->bytes);
  g->bytes = malloc(n + 1);
  memcpy(g->bytes, bytes, n);
  g->len = n;
  return 0;
}

static int take_meta(void *ctx, const xxgk_attachment *a) {
  return take(ctx, a, "", 0);
}

static void test_attach(void) {
  int64_t ag, id;
  xxgk_reg *r = reg_new(h_db(), &ag, &id);
  int64_t reply = event(r, id, XXGK_EV_REPLY, "2024-03-20");
  xxgk_attachment a = {.case_id = id,
                       .event_id = reply,
                       .kind = XXGK_ATT_SIGNED,
                       .name = "答复书（签章）.pdf"};
  OK(xxgk_reg_attach(r, &a, PDF, sizeof PDF - 1));
  CHECK_STR(a.sha256, PDF_SHA);
  CHECK_STR(a.media_type, "application/pdf");
  CHECK_INT(a.size, sizeof PDF - 1);
  struct got g = {0};
  OK(xxgk_reg_attach_get(r, a.id, take, &g));
  CHECK(g.n == 1 && g.len == sizeof PDF - 1 && !memcmp(g.bytes, PDF, g.len),
        "the bytes come back as stored");
  CHECK_STR(g.name, "答复书（签章）.pdf");
  CHECK_STR(g.sha, PDF_SHA);

  /* what is not allowed, each with its message, nothing written */
  xxgk_attachment b = a;
  REFUSED(xxgk_reg_attach(r, &b, "", 0), "空文件");
  REFUSED(xxgk_reg_attach(r, &b, "hello\n", 6), "text/plain");
  size_t big = XXGK_ATTACH_MAX + 1;
  char *huge = calloc(1, big);
  memcpy(huge, PDF, sizeof PDF - 1);
  REFUSED(xxgk_reg_attach(r, &b, huge, big), "10 MB 的上限");
  free(huge);
  b.name = "../etc/passwd.pdf";
  REFUSED(xxgk_reg_attach(r, &b, PDF, sizeof PDF - 1), "目录分隔符");
  b.name = "\xd5\xc5.pdf"; /* 张 in GBK */
  REFUSED(xxgk_reg_attach(r, &b, PDF, sizeof PDF - 1), "UTF-8");
  b.name = "x.pdf";
  b.case_id = id + 100;
  b.event_id = 0;
  REFUSED(xxgk_reg_attach(r, &b, PDF, sizeof PDF - 1), "不存在");
  xxgk_case c2 = {.agency_id = ag,
                  .channel = "网络",
                  .received = "2024-03-02",
                  .category = "natural_person",
                  .name = "李四",
                  .content = "另一件"};
  OK(xxgk_reg_case_new(r, &c2));
  b.case_id = c2.id;
  b.event_id = reply;
  REFUSED(xxgk_reg_attach(r, &b, PDF, sizeof PDF - 1), "不属于");
  CHECK_INT(count(r, "SELECT COUNT(*) FROM attachment"), 1);

  /* proof of identity, on the application itself (条例第二十九条) */
  xxgk_attachment idp = {
      .case_id = id, .kind = XXGK_ATT_IDENTITY, .name = "身份证.pdf"};
  OK(xxgk_reg_attach(r, &idp, PDF, sizeof PDF - 1));
  g.n = 0;
  OK(xxgk_reg_attach_list(r, id, take_meta, &g));
  CHECK_INT(g.n, 2);

  /* audited with the hash, never the bytes */
  CHECK_INT(count(r, "SELECT COUNT(*) FROM audit WHERE action ="
                     " 'attachment.add' AND after LIKE '%" /* hash */
                     "d9233787d383183f8a773b16351d0f998547c9fcd6ce07c85403f1"
                     "22c311dea9%' AND after NOT LIKE '%xxgk test%'"),
            2);

  /* voided once with a reason, never deleted nor changed */
  REFUSED(xxgk_reg_attach_void(r, a.id, ""), "理由");
  OK(xxgk_reg_attach_void(r, a.id, "扫描件不清楚，重新上传"));
  REFUSED(xxgk_reg_attach_void(r, a.id, "再来一次"), "已经作废");
  g.n = 0;
  OK(xxgk_reg_attach_get(r, a.id, take, &g));
  CHECK(g.n == 1 && g.voided, "a voided file stays readable, marked");
  CHECK_INT(count(r, "SELECT COUNT(*) FROM audit WHERE action ="
                     " 'attachment.void' AND reason LIKE '扫描件%'"),
            1);
  static const char *const TAMPER[] = {
      "DELETE FROM attachment",
      "UPDATE attachment SET name = 'x.pdf'",
      "UPDATE attachment SET void_reason = NULL",
      "UPDATE attachment SET content = 'AAAA' WHERE id = 2",
      "INSERT OR REPLACE INTO attachment SELECT * FROM attachment WHERE id = 1",
      "REPLACE INTO attachment SELECT * FROM attachment WHERE id = 2",
      ("INSERT INTO attachment SELECT * FROM attachment WHERE id = 2"
       " ON CONFLICT (id) DO UPDATE SET name = 'x'"),
  };
  for (size_t i = 0; i < sizeof TAMPER / sizeof *TAMPER; i++)
    CHECK(store_run(r->st, TAMPER[i], "") != XXGK_OK, "refused in SQL: %s",
          TAMPER[i]);
  CHECK_INT(count(r, "SELECT COUNT(*) FROM attachment WHERE name ="
                     " '答复书（签章）.pdf' AND void_reason IS NOT NULL"),
            1);

  /* bytes changed behind the library's back are not served */
  /* (each backend's own words for a trigger dropped and bytes written) */
  CHECK_INT(store_run(r->st,
                      h_pg() ? "DROP TRIGGER attachment_no_update ON attachment"
                             : "DROP TRIGGER attachment_no_update",
                      ""),
            XXGK_OK);
  CHECK_INT(store_run(r->st,
                      h_pg() ? "UPDATE attachment SET content ="
                               " '\\x255044462D312E350A' WHERE id = ?"
                             : "UPDATE attachment SET content ="
                               " X'255044462D312E350A' WHERE id = ?",
                      "i", idp.id),
            XXGK_OK);
  CHECK_INT(xxgk_reg_attach_get(r, idp.id, take, &g), XXGK_E_DB);
  CHECK(strstr(xxgk_reg_errmsg(r), "SHA-256") != NULL, "%s",
        xxgk_reg_errmsg(r));
  REFUSED(xxgk_reg_attach_get(r, 999, take, &g), "不存在");
  free(g.bytes);
  xxgk_reg_close(r);
}

struct dl {
  int n, voided;
  char method[32];
};

static int take_delivery(void *ctx, const xxgk_delivery *d) {
  struct dl *x = ctx;
  x->n++;
  x->voided += d->voided != NULL;
  snprintf(x->method, sizeof x->method, "%s", d->method);
  return 0;
}

/* Whether event ev keeps `date` (NULL: none) as its delivery (schema 14's
 * event.delivered, which the deadlines read). */
static void delivered_is(xxgk_reg *r, int64_t ev, const char *date) {
  int64_t n = -1;
  CHECK_INT(store_int(r->st, &n, NULL,
                      "SELECT COUNT(*) FROM event WHERE id = ?"
                      " AND COALESCE(delivered, '-') = ?",
                      "it", ev, date ? date : "-"),
            XXGK_OK);
  CHECK(n == 1, "event %lld delivered %s", (long long)ev, date ? date : "-");
}

/* 109号: the 20 working days to pay run from the day after the applicant
 * receives the fee notice; the delivery recorded stands for that day. */
static void test_delivery(void) {
  int64_t ag, id;
  xxgk_reg *r = reg_new(h_db(), &ag, &id);
  xxgk_reg_set_today(r, D("2024-12-31"));
  int64_t fee = event(r, id, XXGK_EV_FEE_NOTICE, "2024-03-05");
  xxgk_due d;
  OK(xxgk_reg_case_due(r, id, D("2024-03-20"), &d));
  CHECK(strstr(d.counted_from, "未登记送达") != NULL, "%s", d.counted_from);
  /* from the notice's date (Tue 03-05): 20 working days end on 04-02 */
  CHECK_STR(d.pause_until, "2024-04-02");

  xxgk_delivery v = {.event_id = fee, .method = "快递", .date = "2024-03-08"};
  REFUSED(xxgk_reg_delivery_add(r, &v), "送达方式");
  v.method = "邮寄";
  v.date = "2024-03-04";
  REFUSED(xxgk_reg_delivery_add(r, &v), "早于");
  v.date = "2025-01-02";
  REFUSED(xxgk_reg_delivery_add(r, &v), "送达日期");
  v.date = "2024-03-08";
  OK(xxgk_reg_delivery_add(r, &v));
  CHECK(strstr(xxgk_reg_warning(r), "邮件号") != NULL,
        "postal without a"
        " number warned: %s",
        xxgk_reg_warning(r));
  /* delivered Friday 03-08: 20 working days from 03-11 end on 04-08
   * (清明 04-04..06, Sunday 04-07 worked) — as the fee-served step does */
  OK(xxgk_reg_case_due(r, id, D("2024-03-20"), &d));
  CHECK_STR(d.pause_until, "2024-04-08");
  CHECK(strstr(d.counted_from, "2024-03-08") &&
            strstr(d.counted_from, "送达记录"),
        "%s", d.counted_from);
  /* the rule on payment reads the same day: 04-08 is still in time */
  int64_t paid = event(r, id, XXGK_EV_FEE_PAID, "2024-04-08");
  xxgk_delivery w = {.event_id = paid, .method = "当面", .date = "2024-04-08"};
  REFUSED(xxgk_reg_delivery_add(r, &w), "不是本机关发出的文书");
  w.event_id = 9999;
  REFUSED(xxgk_reg_delivery_add(r, &w), "不存在");

  struct dl x = {0};
  OK(xxgk_reg_delivery_list(r, id, take_delivery, &x));
  CHECK(x.n == 1 && !strcmp(x.method, "邮寄"), "listed: %d %s", x.n, x.method);
  OK(xxgk_reg_delivery_void(r, v.id, "送达日期登记错误"));
  REFUSED(xxgk_reg_delivery_void(r, v.id, "再来"), "已经作废");
  x = (struct dl){0};
  OK(xxgk_reg_delivery_list(r, id, take_delivery, &x));
  CHECK(x.n == 1 && x.voided == 1, "voided, kept");
  CHECK(store_run(r->st, "DELETE FROM delivery", "") != XXGK_OK,
        "a delivery is never deleted");
  CHECK(store_run(r->st, "UPDATE delivery SET date = '2024-03-09'", "") !=
            XXGK_OK,
        "nor changed");
  CHECK_INT(count(r, "SELECT COUNT(*) FROM audit WHERE action IN"
                     " ('delivery.add', 'delivery.void')"),
            2);

  /* The first live delivery kept on its event, whoever writes */
  delivered_is(r, fee, NULL); /* the one delivery voided */
  xxgk_delivery late = {.event_id = fee, .method = "当面", .date = "2024-03-12"};
  OK(xxgk_reg_delivery_add(r, &late));
  delivered_is(r, fee, "2024-03-12");
  CHECK_INT(store_run(r->st,
                      "INSERT INTO delivery (event_id, method, date, at, who)"
                      " VALUES (?, '当面', '2024-03-11', 't', 'w')",
                      "i", fee),
            XXGK_OK);
  delivered_is(r, fee, "2024-03-11");
  CHECK(store_run(r->st, "UPDATE event SET delivered = '2024-03-12'"
                         " WHERE id = ?", "i", fee) != XXGK_OK &&
            strstr(r->st->err, "送达记录决定") != NULL,
        "event.delivered changed by hand: %s", r->st->err);
  delivered_is(r, fee, "2024-03-11");
  /* an event written with one (a copy's, before its deliveries) */
  CHECK_INT(store_run(r->st,
                      "INSERT INTO event (application_id, kind, date,"
                      " delivered) VALUES (?, 'fee_notice', '2024-03-06',"
                      " '2024-03-07')",
                      "i", id),
            XXGK_OK);
  delivered_is(r, count(r, "SELECT MAX(id) FROM event"), NULL);
  xxgk_reg_close(r);
}

static void pg_ok(PGconn *c, const char *sql) {
  PGresult *res = PQexec(c, sql);
  CHECK(PQresultStatus(res) == PGRES_COMMAND_OK ||
            PQresultStatus(res) == PGRES_TUPLES_OK,
        "%s: %s", sql, PQerrorMessage(c));
  PQclear(res);
}

/* Two deliveries of one fee notice written at once on PostgreSQL: the
 * second connection's insert waits on the first's open transaction, which
 * delivered earlier; the event keeps the earlier date when both are in
 * (the trigger reads the deliveries after the event's row lock, so the
 * one committed while it waited is seen). */
static void test_delivery_at_once(void) {
  if (!h_pg())
    return;
  char db[512];
  snprintf(db, sizeof db, "%s", h_db());
  int64_t ag, id;
  xxgk_reg *r = reg_new(db, &ag, &id);
  int64_t fee = event(r, id, XXGK_EV_FEE_NOTICE, "2024-03-05");
  PGconn *first = PQconnectdb(db), *second = PQconnectdb(db);
  char sql[256];
  const char *insert = "INSERT INTO delivery (event_id, method, date, at, who)"
                       " VALUES (%lld, '当面', '%s', 't', 'w')";
  pg_ok(first, "BEGIN");
  snprintf(sql, sizeof sql, insert, (long long)fee, "2024-03-11");
  pg_ok(first, sql);
  snprintf(sql, sizeof sql, insert, (long long)fee, "2024-03-12");
  CHECK(PQsendQuery(second, sql), "%s", PQerrorMessage(second));
  /* until the second waits for the first's lock (at most 10 s) */
  char wait[128];
  snprintf(wait, sizeof wait,
           "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = %d"
           " AND wait_event_type = 'Lock'",
           PQbackendPID(second));
  int waiting = 0;
  for (int i = 0; i < 1000 && !waiting; i++) {
    PGresult *res = PQexec(first, wait);
    waiting = PQresultStatus(res) == PGRES_TUPLES_OK &&
              strcmp(PQgetvalue(res, 0, 0), "1") == 0;
    PQclear(res);
    if (!waiting)
      nanosleep(&(struct timespec){0, 10000000}, NULL);
  }
  CHECK(waiting, "the second delivery did not wait for the first");
  pg_ok(first, "COMMIT");
  PGresult *res;
  while ((res = PQgetResult(second)) != NULL) {
    CHECK(PQresultStatus(res) == PGRES_COMMAND_OK, "the second delivery: %s",
          PQerrorMessage(second));
    PQclear(res);
  }
  delivered_is(r, fee, "2024-03-11");
  PQfinish(first);
  PQfinish(second);
  xxgk_reg_close(r);
}

/* A register in a new file in dir (a mkdtemp template; path, 64 bytes,
 * gets the file's name) and a second connection to it. */
static xxgk_reg *two_connections(char *dir, char *path, int64_t *ag,
                                 xxgk_reg **other) {
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  snprintf(path, 64, "%s/r.db", dir);
  int64_t id;
  xxgk_reg *r = reg_new(path, ag, &id);
  CHECK_INT(xxgk_reg_open(path, 0, other), XXGK_OK);
  return r;
}

/* A notice imported through one connection reaches the others (the web
 * server's threads each keep one) without reopening them. */
static void test_calendar_sync(void) {
  char dir[] = "/tmp/xxgk-attach-XXXXXX", path[64];
  int64_t ag;
  xxgk_reg *other, *r = two_connections(dir, path, &ag, &other);
  int reloaded = -1;
  CHECK_INT(xxgk_reg_calendar_sync(other, &reloaded), XXGK_OK);
  CHECK_INT(reloaded, 0);
  CHECK(xxgk_cal_provisional(xxgk_reg_calendar(other), 2027),
        "2027 computed before the notice");
  const char *tsv = "2027-01-01\tholiday\t元旦\n2027-10-01\tholiday\t国庆节\n";
  int changed;
  OK(xxgk_reg_calendar_import(r, tsv, strlen(tsv), &changed));
  CHECK_INT(xxgk_reg_calendar_sync(r, &reloaded), XXGK_OK);
  CHECK_INT(reloaded, 0); /* the importer has it already */
  CHECK_INT(xxgk_reg_calendar_sync(other, &reloaded), XXGK_OK);
  CHECK_INT(reloaded, 1);
  CHECK(!xxgk_cal_provisional(xxgk_reg_calendar(other), 2027),
        "2027 published after the sync");
  CHECK_INT(xxgk_reg_calendar_sync(other, &reloaded), XXGK_OK);
  CHECK_INT(reloaded, 0);
  xxgk_reg_close(other);
  xxgk_reg_close(r);
  h_remove_db(dir, path);
}

/* A request with a session learns of a notice imported elsewhere from
 * the session's own read (the web server runs no sync of its own then):
 * finding the session on another connection reloads its calendar. */
static void test_calendar_session(void) {
  char dir[] = "/tmp/xxgk-attach-XXXXXX", path[64];
  int64_t ag;
  xxgk_reg *other, *r = two_connections(dir, path, &ag, &other);
  OK(xxgk_reg_user_add(r, ag, "办事员"));
  OK(xxgk_reg_user_set_login(r, ag, "办事员", "clerk", "a long passphrase"));
  xxgk_user u;
  OK(xxgk_reg_user_login(r, "clerk", "a long passphrase", &u));
  char token[XXGK_SESSION_TOKEN + 1];
  xxgk_session se;
  OK(xxgk_reg_session_new(r, u.id, 1000, 3600, 7200, token, &se));
  const char *tsv = "2027-01-01\tholiday\t元旦\n2027-10-01\tholiday\t国庆节\n";
  int changed, found;
  OK(xxgk_reg_calendar_import(r, tsv, strlen(tsv), &changed));
  CHECK(xxgk_cal_provisional(xxgk_reg_calendar(other), 2027),
        "the other connection has not looked yet");
  OK(xxgk_reg_session_get(other, "not a token", 1001, 3600, &se, &found));
  CHECK(!found && xxgk_cal_provisional(xxgk_reg_calendar(other), 2027),
        "no session found, no calendar read");
  OK(xxgk_reg_session_get(other, token, 1001, 3600, &se, &found));
  CHECK_INT(found, 1);
  CHECK(!xxgk_cal_provisional(xxgk_reg_calendar(other), 2027),
        "2027 published after the session's read");
  int reloaded = -1;
  CHECK_INT(xxgk_reg_calendar_sync(other, &reloaded), XXGK_OK);
  CHECK_INT(reloaded, 0);
  xxgk_reg_close(other);
  xxgk_reg_close(r);
  h_remove_db(dir, path);
}

/* The export carries the files, voids included, into another register. */
static void test_export(void) {
  int64_t ag, id;
  xxgk_reg *r = reg_new(h_db(), &ag, &id);
  int64_t reply = event(r, id, XXGK_EV_REPLY, "2024-03-20");
  xxgk_attachment a = {.case_id = id,
                       .event_id = reply,
                       .kind = XXGK_ATT_RECEIPT,
                       .name = "送达回证.pdf"};
  OK(xxgk_reg_attach(r, &a, PDF, sizeof PDF - 1));
  xxgk_delivery v = {
      .event_id = reply, .method = "电子邮件", .date = "2024-03-21"};
  OK(xxgk_reg_delivery_add(r, &v));
  char *json;
  OK(xxgk_reg_export(r, &json));
  xxgk_reg *r2;
  CHECK_INT(xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r2), XXGK_OK);
  CHECK(xxgk_reg_import(r2, json, strlen(json)) == XXGK_OK, "import: %s",
        xxgk_reg_errmsg(r2));
  struct got g = {0};
  CHECK_INT(xxgk_reg_attach_get(r2, a.id, take, &g), XXGK_OK);
  CHECK(g.len == sizeof PDF - 1 && !memcmp(g.bytes, PDF, g.len),
        "the file survives export and import");
  struct dl x = {0};
  CHECK_INT(xxgk_reg_delivery_list(r2, id, take_delivery, &x), XXGK_OK);
  CHECK_INT(x.n, 1);
  delivered_is(r2, reply, "2024-03-21");
  free(g.bytes);
  xxgk_free(json);
  xxgk_reg_close(r2);
  xxgk_reg_close(r);
}

int main(void) {
  h_db_start();
  test_attach();
  test_delivery();
  test_delivery_at_once();
  test_calendar_sync();
  test_calendar_session();
  test_export();
  return h_summary();
}
