/*
 * test_register.c — the register: dates and the holiday calendar,
 * deadlines across 国庆 and 春节 with their 调休 days and across the clock
 * stops, every event-order rule (refused, nothing written), the 109号 fees,
 * the append-only audit log, a year-boundary register whose report is
 * compared cell by cell with a hand count, and export → import identity.
 * Every register here is new: SQLite in memory, or a PostgreSQL database
 * of its own (h_db.h; ctest's register_pg).
 */
#include "h_db.h"
#include "h_reg.h"
#include "reg.h"

#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *S(xxgk_date d) {
  static char s[4][11];
  static int i;
  i = (i + 1) % 4;
  xxgk_date_format(d, s[i]);
  return s[i];
}

static void test_dates(void) {
  xxgk_date d;
  CHECK_INT(xxgk_date_parse("1970-01-01", &d), 0);
  CHECK_INT(d, 0);
  CHECK_INT(xxgk_date_weekday(d), 4);
  CHECK_STR(S(D("2024-02-29")), "2024-02-29");
  CHECK_INT(xxgk_date_parse("2023-02-29", &d), -1);
  CHECK_INT(xxgk_date_parse("2024-13-01", &d), -1);
  CHECK_INT(xxgk_date_parse("2024-1-01", &d), -1);
  CHECK_INT(xxgk_date_parse("2024-01-011", &d), -1);
  CHECK_INT(xxgk_date_parse("", &d), -1);
  CHECK_INT(xxgk_date_weekday(D("2024-10-01")), 2);
  CHECK_INT(xxgk_date_year(D("2024-12-31")), 2024);
  CHECK_INT(D("2025-01-01") - D("2024-01-01"), 366);
}

/* Every "YYYY-MM-DD" with a day of 1 to 31 in 1900–2999 is parsed exactly
 * when it names a day, the one xxgk_date_format writes so (the parser
 * checks a month's length; the writer converts the day number back). */
static void test_date_days(void) {
  int bad = 0;
  for (int y = 1900; y <= 2999; y++)
    for (int m = 1; m <= 12; m++) {
      char s[40];
      xxgk_date first, d;
      snprintf(s, sizeof s, "%04d-%02d-01", y, m);
      CHECK_INT(xxgk_date_parse(s, &first), 0);
      for (int day = 1; day <= 31; day++) {
        snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, day);
        int real = strcmp(S(first + day - 1), s) == 0;
        int parsed = xxgk_date_parse(s, &d) == 0;
        bad += parsed != real || (parsed && d != first + day - 1);
      }
    }
  CHECK_INT(bad, 0);
}

static void test_calendar(void) {
  xxgk_cal *c;
  CHECK_INT(xxgk_cal_open(NULL, 0, &c), XXGK_OK);
  for (int y = 2008; y <= 2026; y++)
    CHECK(xxgk_cal_covers(c, y), "covers %d", y);
  CHECK(!xxgk_cal_covers(c, 2027), "2027 not yet published");
  CHECK(xxgk_cal_provisional(c, 2027), "2027 provisional");
  CHECK(!xxgk_cal_provisional(c, 2026) && !xxgk_cal_provisional(c, 2101),
        "2026 published, 2101 out of range");
  int w = -1;
  CHECK_INT(xxgk_cal_is_workday(c, D("2024-02-04"), &w), XXGK_OK);
  CHECK_INT(w, 1); /* Sunday, 调休上班 before 春节 */
  CHECK_INT(xxgk_cal_is_workday(c, D("2024-02-12"), &w), XXGK_OK);
  CHECK_INT(w, 0); /* Monday in 春节 */
  CHECK_INT(xxgk_cal_is_workday(c, D("2024-02-09"), &w), XXGK_OK);
  CHECK_INT(w, 1); /* 除夕 2024 was not a holiday */
  CHECK_INT(xxgk_cal_is_workday(c, D("2024-03-02"), &w), XXGK_OK);
  CHECK_INT(w, 0); /* an ordinary Saturday */
  /* 2027, provisional: 春节 on Saturday 02-06, so 除夕 02-05 to 初三 02-08
   * and two days made up (补假) on 02-09 and 02-10; 02-11 works */
  const char *days[] = {"2027-02-04", "2027-02-05", "2027-02-08",
                        "2027-02-09", "2027-02-10", "2027-02-11"};
  const int work[] = {1, 0, 0, 0, 0, 1};
  for (int i = 0; i < 6; i++) {
    CHECK_INT(xxgk_cal_is_workday(c, D(days[i]), &w), XXGK_OK);
    CHECK(w == work[i], "%s: work %d", days[i], w);
  }
  CHECK_INT(xxgk_cal_is_workday(c, D("2101-03-02"), &w), XXGK_E_REFUSED);
  xxgk_date out;
  /* Fri 2024-09-27: the next working day is Sunday 09-29 (调休), the third
   * is 10-08 after 国庆 */
  CHECK_INT(xxgk_cal_add_workdays(c, D("2024-09-27"), 1, &out), XXGK_OK);
  CHECK_STR(S(out), "2024-09-29");
  CHECK_INT(xxgk_cal_add_workdays(c, D("2024-09-27"), 3, &out), XXGK_OK);
  CHECK_STR(S(out), "2024-10-08");
  /* 20 working days from 2026-12-20 reach 2027: 元旦 Friday 01-01 */
  CHECK_INT(xxgk_cal_add_workdays(c, D("2026-12-20"), 20, &out), XXGK_OK);
  CHECK_STR(S(out), "2027-01-18");
  const char *bad = "# 2027\n2027-01-01\tholiday\t元旦\n2027-13-01\tx\n";
  CHECK_INT(xxgk_cal_load(c, bad, strlen(bad)), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_cal_errmsg(c), "第 3 行") != NULL,
        "error names the line: %s", xxgk_cal_errmsg(c));
  const char *more = "2027-01-01\tholiday\t元旦\n2027-10-01\tholiday\t国庆节\n";
  CHECK_INT(xxgk_cal_load(c, more, strlen(more)), XXGK_OK);
  CHECK(xxgk_cal_covers(c, 2027), "a user extends the calendar");
  CHECK(!xxgk_cal_provisional(c, 2027), "2027 published now");
  CHECK_INT(xxgk_cal_add_workdays(c, D("2026-12-20"), 20, &out), XXGK_OK);
  xxgk_cal_close(c);
  /* from a file: the bundled data plus its lines; a missing file */
  char path[] = "/tmp/xxgk-cal-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0 && write(fd, more, strlen(more)) == (ssize_t)strlen(more),
        "calendar file");
  close(fd);
  CHECK_INT(xxgk_cal_open(path, 0, &c), XXGK_OK);
  CHECK(xxgk_cal_covers(c, 2027) && xxgk_cal_covers(c, 2024),
        "file and bundled data");
  xxgk_cal_close(c);
  unlink(path);
  CHECK_INT(xxgk_cal_open(path, 0, &c), XXGK_E_IO);
  CHECK(strstr(xxgk_cal_errmsg(c), path) != NULL, "names the file: %s",
        xxgk_cal_errmsg(c));
  xxgk_cal_close(c);
}

/* ## A register with one agency */

static xxgk_reg *reg_new(int64_t *agency) {
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r);
  CHECK_INT(st, XXGK_OK);
  xxgk_reg_set_user(r, "测试员");
  xxgk_reg_set_clock(r, "2024-06-01T08:00:00Z");
  xxgk_agency a = {.name = "测试区人民政府办公室"};
  CHECK_INT(xxgk_reg_agency_add(r, &a), XXGK_OK);
  *agency = a.id;
  return r;
}

static int64_t new_case(xxgk_reg *r, int64_t agency, const char *received,
                        const char *category) {
  xxgk_case c = {.agency_id = agency,
                 .channel = "网络",
                 .received = received,
                 .category = category,
                 .name = "张三",
                 .id_number = "110101199001011234",
                 .contact = "13812345678",
                 .content = "某某项目的环评批复"};
  xxgk_status st = xxgk_reg_case_new(r, &c);
  CHECK(st == XXGK_OK, "case_new %s: %s", received, xxgk_reg_errmsg(r));
  return c.id;
}

static xxgk_status ev(xxgk_reg *r, int64_t id, xxgk_event_kind k,
                      const char *date, const char *outcome) {
  xxgk_event e = {.case_id = id, .kind = k, .date = date, .outcome = outcome};
  return xxgk_reg_event_add(r, &e);
}

#define EV_OK(r, id, k, date, outcome)                                         \
  do {                                                                         \
    xxgk_status st_ = ev(r, id, k, date, outcome);                             \
    CHECK(st_ == XXGK_OK, "event %s %s: %s", xxgk_event_key(k), date,          \
          xxgk_reg_errmsg(r));                                                  \
  } while (0)

static xxgk_due due_on(xxgk_reg *r, int64_t id, const char *today) {
  xxgk_due d;
  CHECK_INT(xxgk_reg_case_due(r, id, D(today), &d), XXGK_OK);
  return d;
}

static void test_deadlines(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag);
  /* 国庆 2024 with the 调休 Sundays 09-29 and 10-12 (hand count; the receipt
   * day is not counted) */
  int64_t a = new_case(r, ag, "2024-09-20", "natural_person");
  xxgk_due d = due_on(r, a, "2024-09-20");
  CHECK_INT(d.state, XXGK_DUE_RUNNING);
  CHECK_STR(d.due, "2024-10-23");
  CHECK_INT(d.limit, 20);
  CHECK_INT(d.used, 0);
  CHECK_INT(d.left, 20);
  d = due_on(r, a, "2024-09-30");
  CHECK_INT(d.used, 7); /* 23–27, 29 (Sunday 调休), 30 */
  d = due_on(r, a, "2024-10-25");
  CHECK_INT(d.left, -2); /* 10-24 and 10-25 past the due date */
  /* 春节 2024: 02-04 and 02-18 are working Sundays, 除夕 02-09 is worked */
  int64_t b = new_case(r, ag, "2024-02-01", "natural_person");
  CHECK_STR(due_on(r, b, "2024-02-01").due, "2024-03-05");
  EV_OK(r, b, XXGK_EV_EXTENDED, "2024-02-20", NULL);
  d = due_on(r, b, "2024-02-20");
  CHECK_STR(d.due, "2024-04-02");
  CHECK_INT(d.limit, 40);
  /* 春节 2025 (from 除夕 under the amended 放假办法) and an extension */
  int64_t c = new_case(r, ag, "2025-01-20", "commercial");
  CHECK_STR(due_on(r, c, "2025-01-20").due, "2025-02-21");
  EV_OK(r, c, XXGK_EV_EXTENDED, "2025-02-21", NULL);
  CHECK_STR(due_on(r, c, "2025-02-21").due, "2025-03-21");
  /* third-party consultation: the days in (09-25, 10-15] are off the clock */
  int64_t e = new_case(r, ag, "2024-09-20", "research");
  EV_OK(r, e, XXGK_EV_CONSULT_STARTED, "2024-09-25", NULL);
  d = due_on(r, e, "2024-10-01");
  CHECK_INT(d.state, XXGK_DUE_PAUSED);
  CHECK_STR(d.due, "");
  CHECK_INT(d.used, 3); /* 23, 24, 25 */
  CHECK(strstr(d.why, "第三方") != NULL, "why: %s", d.why);
  EV_OK(r, e, XXGK_EV_CONSULT_ANSWERED, "2024-10-15", NULL);
  CHECK_STR(due_on(r, e, "2024-10-15").due, "2024-11-07");
  /* 补正: the 20 days start anew from receipt of the 补正 (art. 30) */
  int64_t f = new_case(r, ag, "2024-09-20", "natural_person");
  EV_OK(r, f, XXGK_EV_CORRECTION_REQUESTED, "2024-09-24", NULL);
  CHECK_INT(due_on(r, f, "2024-10-09").state, XXGK_DUE_PAUSED);
  EV_OK(r, f, XXGK_EV_CORRECTION_RECEIVED, "2024-10-10", NULL);
  CHECK_STR(due_on(r, f, "2024-10-10").due, "2024-11-06");
  /* fee: waiting for payment stops the clock (rules.md §7) */
  int64_t g = new_case(r, ag, "2024-09-20", "natural_person");
  xxgk_event n = {.case_id = g, .kind = XXGK_EV_FEE_NOTICE,
                  .date = "2024-09-25", .method = XXGK_FEE_BY_PAGE,
                  .quantity = 40};
  CHECK_INT(xxgk_reg_event_add(r, &n), XXGK_OK);
  CHECK_INT(n.amount, 100);
  CHECK_INT(due_on(r, g, "2024-10-09").state, XXGK_DUE_PAUSED);
  EV_OK(r, g, XXGK_EV_FEE_PAID, "2024-10-15", NULL);
  CHECK_STR(due_on(r, g, "2024-10-15").due, "2024-11-07");
  /* a reply closes it */
  EV_OK(r, g, XXGK_EV_REPLY, "2024-10-30", "granted");
  CHECK_INT(due_on(r, g, "2024-10-30").state, XXGK_DUE_CLOSED);
  /* a deadline running into a year with no notice yet is provisional
   * (暂定), never unknown: today past the shipped schedule */
  xxgk_reg_set_today(r, D("2026-12-21"));
  int64_t h = new_case(r, ag, "2026-12-20", "natural_person");
  d = due_on(r, h, "2026-12-21");
  CHECK_INT(d.state, XXGK_DUE_RUNNING);
  CHECK_STR(d.due, "2027-01-18");
  CHECK_INT(d.provisional, 2027);
  CHECK(strstr(d.note, "暂定") && strstr(d.note, "2027"), "note: %s", d.note);
  /* one inside a published year is not */
  CHECK_INT(due_on(r, g, "2024-10-30").provisional, 0);
  xxgk_reg_set_today(r, 0);
  xxgk_reg_close(r);
}

/* ## Refusals: each one writes nothing */

static int64_t count(xxgk_reg *r, const char *table) {
  char sql[64];
  int64_t n;
  snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
  CHECK_INT(store_int(r->st, &n, NULL, sql, ""), XXGK_OK);
  return n;
}

#define REFUSED(r, call, needle)                                               \
  do {                                                                         \
    int64_t a_ = count(r, "audit"), e_ = count(r, "event"),                    \
            c_ = count(r, "application");                                      \
    xxgk_status st_ = (call);                                                  \
    CHECK(st_ == XXGK_E_REFUSED, "%s: status %d", #call, st_);                 \
    CHECK(strstr(xxgk_reg_errmsg(r), needle) != NULL, "%s: message \"%s\"",     \
          #call, xxgk_reg_errmsg(r));                                           \
    CHECK(count(r, "audit") == a_ && count(r, "event") == e_ &&                \
              count(r, "application") == c_,                                   \
          "%s wrote something", #call);                                        \
  } while (0)

static void test_rules(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag);
  int64_t a = new_case(r, ag, "2024-03-01", "natural_person");
  xxgk_case bad = {.agency_id = 99, .channel = "网络",
                   .received = "2024-03-01", .category = "natural_person",
                   .name = "李四", .content = "x"};
  REFUSED(r, xxgk_reg_case_new(r, &bad), "机关 99 不存在");
  bad.agency_id = ag;
  xxgk_reg_set_today(r, D("2024-06-01"));
  bad.received = "2024-06-02";
  REFUSED(r, xxgk_reg_case_new(r, &bad), "晚于今天");
  bad.received = "2101-03-01";
  REFUSED(r, xxgk_reg_case_new(r, &bad), "不在 2008–2100 年之间");
  bad.received = "2007-03-01";
  REFUSED(r, xxgk_reg_case_new(r, &bad), "不在 2008–2100 年之间");
  bad.received = "2024-02-30";
  REFUSED(r, xxgk_reg_case_new(r, &bad), "不是有效日期");
  bad.received = "2024-03-01";
  bad.category = "company";
  REFUSED(r, xxgk_reg_case_new(r, &bad), "申请人类别");
  bad.category = "commercial";
  bad.channel = "微信";
  REFUSED(r, xxgk_reg_case_new(r, &bad), "申请渠道");
  bad.channel = "当面";
  bad.tracking = "2024-00001";
  REFUSED(r, xxgk_reg_case_new(r, &bad), "已被申请");

  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-02-28", "granted"), "早于申请收到日期");
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-03-05", "approved"),
          "不是表三的办理结果");
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-03-05", NULL), "不是表三的办理结果");
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-03-05", "total"), "不是表三的办理结果");
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-03-05", "other"),
          "不是表三的办理结果"); /* a 2019-format row */
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-06-03", "granted"), "晚于今天");
  REFUSED(r, ev(r, 999, XXGK_EV_REPLY, "2024-03-05", "granted"), "申请 999 不存在");
  REFUSED(r, ev(r, a, XXGK_EV_CORRECTION_RECEIVED, "2024-03-02", NULL),
          "没有待补正的通知");
  REFUSED(r, ev(r, a, XXGK_EV_CONSULT_ANSWERED, "2024-03-02", NULL),
          "没有正在进行的第三方意见征询");
  REFUSED(r, ev(r, a, XXGK_EV_FEE_PAID, "2024-03-02", NULL), "没有待缴费");
  REFUSED(r, ev(r, a, XXGK_EV_FEE_LAPSED, "2024-03-02", NULL), "没有待缴费");
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-03-05", "other_no_correction"),
          "逾期不补正");
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-03-05", "other_unpaid_fee"),
          "fee-lapsed");
  REFUSED(r, ev(r, a, XXGK_EV_FEE_NOTICE, "2024-03-05", NULL), "计收方式");
  /* the deadline of 2024-03-01 is 03-29: an extension after it is refused */
  REFUSED(r, ev(r, a, XXGK_EV_EXTENDED, "2024-04-01", NULL), "届满前批准");
  EV_OK(r, a, XXGK_EV_CORRECTION_REQUESTED, "2024-03-04", NULL);
  REFUSED(r, ev(r, a, XXGK_EV_CORRECTION_REQUESTED, "2024-03-05", NULL),
          "一次性告知");
  REFUSED(r, ev(r, a, XXGK_EV_CONSULT_STARTED, "2024-03-03", NULL),
          "按时间顺序");
  EV_OK(r, a, XXGK_EV_CORRECTION_RECEIVED, "2024-03-08", NULL);
  EV_OK(r, a, XXGK_EV_CONSULT_STARTED, "2024-03-11", NULL);
  REFUSED(r, ev(r, a, XXGK_EV_CONSULT_STARTED, "2024-03-12", NULL),
          "未答复的第三方意见");
  EV_OK(r, a, XXGK_EV_CONSULT_ANSWERED, "2024-03-20", NULL);
  EV_OK(r, a, XXGK_EV_EXTENDED, "2024-03-25", NULL);
  REFUSED(r, ev(r, a, XXGK_EV_EXTENDED, "2024-03-26", NULL), "只能延长一次");
  xxgk_event fee = {.case_id = a, .kind = XXGK_EV_FEE_NOTICE,
                    .date = "2024-03-26", .method = XXGK_FEE_BY_PAGE,
                    .quantity = 20};
  REFUSED(r, xxgk_reg_event_add(r, &fee), "免费范围内");
  fee.quantity = 150;
  CHECK_INT(xxgk_reg_event_add(r, &fee), XXGK_OK);
  CHECK_INT(fee.amount, 1700);
  REFUSED(r, xxgk_reg_event_add(r, &fee), "已有未缴费");
  /* 20 working days from the day after 03-26: due 04-24 (清明 04-04..06,
   * Sunday 04-07 worked) */
  REFUSED(r, ev(r, a, XXGK_EV_FEE_LAPSED, "2024-04-24", NULL), "还不能");
  REFUSED(r, ev(r, a, XXGK_EV_FEE_PAID, "2024-04-25", NULL), "已于 2024-04-24 届满");
  EV_OK(r, a, XXGK_EV_FEE_PAID, "2024-04-24", NULL);
  EV_OK(r, a, XXGK_EV_REPLY, "2024-05-06", "partially_granted");
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-05-07", "granted"), "只有一个最终结果");
  REFUSED(r, ev(r, a, XXGK_EV_WITHDRAWN, "2024-05-07", NULL), "已于 2024-05-06 办结");

  int64_t b = new_case(r, ag, "2024-03-01", "natural_person");
  EV_OK(r, b, XXGK_EV_WITHDRAWN, "2024-03-02", NULL);
  REFUSED(r, ev(r, b, XXGK_EV_REPLY, "2024-03-05", "granted"), "申请人撤回");

  /* the database enforces what no command may do */
  CHECK_INT(store_run(r->st, "UPDATE audit SET who = 'x'", ""), XXGK_E_DB);
  CHECK(strstr(r->st->err, "审计日志只能追加") != NULL, "%s", r->st->err);
  CHECK_INT(store_run(r->st, "DELETE FROM audit", ""), XXGK_E_DB);
  CHECK_INT(store_run(r->st, "DELETE FROM application", ""), XXGK_E_DB);
  CHECK_INT(store_run(r->st, "UPDATE event SET date = '2024-01-01'", ""),
            XXGK_E_DB);
  CHECK_INT(store_run(r->st,
                      "INSERT INTO event (application_id, kind, date, outcome)"
                      " VALUES (?, 'reply', '2024-06-01', 'granted')",
                      "i", a),
            XXGK_E_DB); /* one final event, also in SQL */
  /* the audit log: who, when, what — one record per change */
  CHECK_INT(count(r, "audit"), 1 + 1 + 8 + 2);
  int64_t n;
  CHECK_INT(store_int(r->st, &n, NULL,
                      "SELECT COUNT(*) FROM audit WHERE who = '测试员' AND"
                      " at = '2024-06-01T08:00:00Z' AND after IS NOT NULL",
                      ""),
            XXGK_OK);
  CHECK_INT(n, count(r, "audit"));
  xxgk_reg_close(r);
}

static void test_fees(void) {
  CHECK_INT(xxgk_fee_by_page(30), 0);
  CHECK_INT(xxgk_fee_by_page(31), 10);
  CHECK_INT(xxgk_fee_by_page(100), 700);
  CHECK_INT(xxgk_fee_by_page(101), 720);
  CHECK_INT(xxgk_fee_by_page(200), 2700);
  CHECK_INT(xxgk_fee_by_page(201), 2740);
  CHECK_INT(xxgk_fee_by_page(2219), 83460); /* the Xi'an case, rules.md §3 */
  CHECK_INT(xxgk_fee_by_page(0), -1);
  CHECK_INT(xxgk_fee_by_piece(10, 1), 0);
  CHECK_INT(xxgk_fee_by_piece(11, 1), 100);
  CHECK_INT(xxgk_fee_by_piece(30, 1), 100);
  CHECK_INT(xxgk_fee_by_piece(31, 1), 200);
  CHECK_INT(xxgk_fee_by_piece(40, 1), 200);
  CHECK_INT(xxgk_fee_by_piece(41, 1), 300);
  CHECK_INT(xxgk_fee_by_piece(1, 30), 2000);
  CHECK_INT(xxgk_fee_by_piece(1, 50), 2000 + 2000 + 3000);
  /* 按件 in the register: the applicant's 11th application in the month */
  int64_t ag;
  xxgk_reg *r = reg_new(&ag);
  int64_t id = 0;
  for (int i = 0; i < 11; i++)
    id = new_case(r, ag, i < 5 ? "2024-03-04" : "2024-03-20", "natural_person");
  new_case(r, ag, "2024-02-29", "natural_person"); /* another month */
  xxgk_event e = {.case_id = id, .kind = XXGK_EV_FEE_NOTICE,
                  .date = "2024-03-21", .method = XXGK_FEE_BY_PIECE};
  CHECK_INT(xxgk_reg_event_add(r, &e), XXGK_OK);
  CHECK_INT(e.quantity, 1);
  CHECK_INT(e.amount, 100);
  /* 109号 art. 4 (一事一申请): the 12th application split into 3 pieces is
   * the month's 12th–14th, and the next one the 15th */
  int64_t twelfth = new_case(r, ag, "2024-03-22", "natural_person");
  int64_t next = new_case(r, ag, "2024-03-25", "natural_person");
  e = (xxgk_event){.case_id = twelfth, .kind = XXGK_EV_FEE_NOTICE,
                   .date = "2024-03-25", .method = XXGK_FEE_BY_PIECE,
                   .quantity = 3};
  CHECK_INT(xxgk_reg_event_add(r, &e), XXGK_OK);
  CHECK_INT(e.amount, 300);
  e = (xxgk_event){.case_id = next, .kind = XXGK_EV_FEE_NOTICE,
                   .date = "2024-03-26", .method = XXGK_FEE_BY_PIECE};
  CHECK_INT(xxgk_reg_event_add(r, &e), XXGK_OK);
  CHECK_INT(e.amount, 100);
  xxgk_reg_close(r);
}

static void test_mask(void) {
  char m[64];
  xxgk_mask("张三", m, sizeof m);
  CHECK_STR(m, "张*");
  xxgk_mask("欧阳小明", m, sizeof m);
  CHECK_STR(m, "欧***");
  xxgk_mask("110101199001011234", m, sizeof m);
  CHECK_STR(m, "110***********1234");
  xxgk_mask("13812345678", m, sizeof m);
  CHECK_STR(m, "138****5678");
  xxgk_mask("li.si@example.cn", m, sizeof m);
  CHECK_STR(m, "l***@example.cn");
  xxgk_mask("", m, sizeof m);
  CHECK_STR(m, "");
  xxgk_mask("王", m, sizeof m);
  CHECK_STR(m, "*");
}

/* ## The year-boundary register (see the hand count in test_report) */

struct world {
  xxgk_reg *r;
  int64_t office, ua, ub;
  int64_t a2, a4, a6;
};

/* The audit log of `entity` as "action:before>after …", each side the
 * rows' field `key` ('-' for none), and " (same row)" when every change
 * with both sides kept the row's id — read in C, so that one check serves
 * both backends. Valid until the next call. */
struct trail {
  const char *key;
  char s[1024];
  int same;
};

static const char *json_field(json_object *o, const char *key) {
  json_object *v;
  return o && json_object_object_get_ex(o, key, &v) && v
             ? json_object_get_string(v)
             : "-";
}

static int trail_row(void *ctx, const store_row *row) {
  struct trail *t = ctx;
  json_object *b = row->v[1].t == SV_TEXT ? json_tokener_parse(row->v[1].s)
                                          : NULL,
              *a = row->v[2].t == SV_TEXT ? json_tokener_parse(row->v[2].s)
                                          : NULL;
  size_t n = strlen(t->s);
  snprintf(t->s + n, sizeof t->s - n, "%s%s:%s>%s", n ? " " : "", row->v[0].s,
           json_field(b, t->key), json_field(a, t->key));
  if (a && b && strcmp(json_field(a, "id"), json_field(b, "id")) != 0)
    t->same = 0;
  json_object_put(a);
  json_object_put(b);
  return 0;
}

static const char *audit_trail(xxgk_reg *r, const char *entity,
                               const char *key) {
  static struct trail t;
  t = (struct trail){key, "", 1};
  CHECK_INT(store_query(r->st, trail_row, &t,
                        "SELECT action, before, after FROM audit"
                        " WHERE entity = ? ORDER BY id",
                        "t", entity),
            XXGK_OK);
  if (t.same && strcmp(entity, "figure") == 0)
    snprintf(t.s + strlen(t.s), sizeof t.s - strlen(t.s), " (same row)");
  return t.s;
}

static int64_t kcase(struct world *w, int64_t ag, const char *received,
                     const char *cat) {
  return new_case(w->r, ag, received, cat);
}

static void build_world(struct world *w) {
  CHECK_INT(xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &w->r), XXGK_OK);
  xxgk_reg *r = w->r;
  xxgk_reg_set_clock(r, "2025-01-05T09:30:00Z");
  xxgk_agency o = h_agency(r, 0, "某市人民政府办公室");
  xxgk_agency a = h_agency(r, o.id, "某市生态环境局");
  xxgk_agency b = h_agency(r, o.id, "某市交通运输局");
  xxgk_agency dup = {.name = "某市交通运输局"};
  CHECK_INT(xxgk_reg_agency_add(r, &dup), XXGK_E_REFUSED);
  xxgk_agency orphan = {.parent_id = 77, .name = "孤儿局"};
  CHECK_INT(xxgk_reg_agency_add(r, &orphan), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_user_add(r, a.id, "王五"), XXGK_OK);
  CHECK_INT(xxgk_reg_user_add(r, a.id, "王五"), XXGK_E_REFUSED);
  w->office = o.id;
  w->ua = a.id;
  w->ub = b.id;
  int64_t x;
  /* unit A */
  x = kcase(w, a.id, "2023-12-20", "natural_person");
  EV_OK(r, x, XXGK_EV_REPLY, "2024-01-10", "granted");
  w->a2 = kcase(w, a.id, "2023-11-01", "commercial");
  EV_OK(r, w->a2, XXGK_EV_REPLY, "2023-11-20", "partially_granted");
  x = kcase(w, a.id, "2023-12-28", "research");
  EV_OK(r, x, XXGK_EV_CONSULT_STARTED, "2024-01-02", NULL);
  w->a4 = kcase(w, a.id, "2024-03-01", "natural_person");
  EV_OK(r, w->a4, XXGK_EV_REPLY, "2024-03-15", "unable_not_held");
  x = kcase(w, a.id, "2024-12-20", "legal_services");
  EV_OK(r, x, XXGK_EV_REPLY, "2025-01-08", "granted");
  w->a6 = kcase(w, a.id, "2024-06-03", "natural_person");
  EV_OK(r, w->a6, XXGK_EV_WITHDRAWN, "2024-06-05", NULL);
  x = kcase(w, a.id, "2024-07-01", "social_welfare");
  EV_OK(r, x, XXGK_EV_CORRECTION_REQUESTED, "2024-07-03", NULL);
  EV_OK(r, x, XXGK_EV_REPLY, "2024-08-30", "other_no_correction");
  x = kcase(w, a.id, "2024-05-06", "other_org");
  xxgk_event n = {.case_id = x, .kind = XXGK_EV_FEE_NOTICE,
                  .date = "2024-05-10", .method = XXGK_FEE_BY_PAGE,
                  .quantity = 150};
  CHECK_INT(xxgk_reg_event_add(r, &n), XXGK_OK);
  EV_OK(r, x, XXGK_EV_FEE_LAPSED, "2024-07-01", NULL);
  x = kcase(w, a.id, "2024-04-01", "natural_person");
  n = (xxgk_event){.case_id = x, .kind = XXGK_EV_FEE_NOTICE,
                   .date = "2024-04-03", .method = XXGK_FEE_BY_PAGE,
                   .quantity = 40};
  CHECK_INT(xxgk_reg_event_add(r, &n), XXGK_OK);
  EV_OK(r, x, XXGK_EV_FEE_PAID, "2024-04-10", NULL);
  EV_OK(r, x, XXGK_EV_REPLY, "2024-04-20", "granted");
  /* unit B */
  x = kcase(w, b.id, "2024-02-01", "natural_person");
  EV_OK(r, x, XXGK_EV_REPLY, "2024-02-20", "withheld_state_secret");
  x = kcase(w, b.id, "2023-12-29", "commercial");
  EV_OK(r, x, XXGK_EV_REPLY, "2024-12-31", "granted");
  /* the office itself */
  kcase(w, o.id, "2024-10-10", "natural_person");
  /* reviews and suits of unit A */
  xxgk_review v = {.agency_id = a.id, .kind = "administrative_review",
                   .filed = "2024-03-01", .cases = &w->a4, .n_cases = 1};
  CHECK_INT(xxgk_reg_review_add(r, &v), XXGK_OK);
  CHECK_INT(xxgk_reg_review_decide(r, v.id, "upheld", "2024-05-01"), XXGK_OK);
  CHECK_INT(xxgk_reg_review_decide(r, v.id, "corrected", "2024-05-02"),
            XXGK_E_REFUSED);
  v = (xxgk_review){.agency_id = a.id, .kind = "litigation_direct",
                    .filed = "2024-11-01", .cases = &w->a6, .n_cases = 1};
  CHECK_INT(xxgk_reg_review_add(r, &v), XXGK_OK);
  /* a suit after review needs the review first (复议后起诉) */
  v = (xxgk_review){.agency_id = a.id, .kind = "litigation_after_review",
                    .filed = "2023-12-10", .cases = &w->a2, .n_cases = 1};
  CHECK_INT(xxgk_reg_review_add(r, &v), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "没有登记在先的行政复议") != NULL, "%s",
        xxgk_reg_errmsg(r));
  /* a review filed before the application was received (2023-11-01) */
  v = (xxgk_review){.agency_id = a.id, .kind = "administrative_review",
                    .filed = "2023-05-01", .cases = &w->a2, .n_cases = 1};
  CHECK_INT(xxgk_reg_review_add(r, &v), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "早于申请") != NULL, "%s", xxgk_reg_errmsg(r));
  v.filed = "2023-11-25";
  CHECK_INT(xxgk_reg_review_add(r, &v), XXGK_OK);
  CHECK_INT(xxgk_reg_review_decide(r, v.id, "corrected", "2023-12-05"),
            XXGK_OK);
  v = (xxgk_review){.agency_id = a.id, .kind = "litigation_after_review",
                    .filed = "2023-12-10", .cases = &w->a2, .n_cases = 1};
  CHECK_INT(xxgk_reg_review_add(r, &v), XXGK_OK);
  CHECK_INT(xxgk_reg_review_decide(r, v.id, "pending", "2024-02-01"),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_review_decide(r, v.id, "other", "2023-12-09"),
            XXGK_E_REFUSED); /* before filing */
  CHECK_INT(xxgk_reg_review_decide(r, v.id, "other", "2024-02-01"), XXGK_OK);
  v = (xxgk_review){.agency_id = b.id, .kind = "administrative_review",
                    .filed = "2024-03-01", .cases = &w->a2, .n_cases = 1};
  CHECK_INT(xxgk_reg_review_add(r, &v), XXGK_E_REFUSED); /* not B's case */
  /* active disclosure */
  xxgk_record d = {.agency_id = a.id, .kind = "rules", .title = "某规章",
                   .issued = "2023-03-01"};
  CHECK_INT(xxgk_reg_record_add(r, &d), XXGK_OK);
  d = (xxgk_record){.agency_id = a.id, .kind = "normative_documents",
                    .title = "文件甲", .issued = "2024-02-01"};
  CHECK_INT(xxgk_reg_record_add(r, &d), XXGK_OK);
  CHECK_INT(xxgk_reg_record_repeal(r, d.id, "2024-11-01"), XXGK_OK);
  CHECK_INT(xxgk_reg_record_repeal(r, d.id, "2024-11-02"), XXGK_E_REFUSED);
  d = (xxgk_record){.agency_id = a.id, .kind = "normative_documents",
                    .title = "文件乙", .issued = "2022-01-01"};
  CHECK_INT(xxgk_reg_record_add(r, &d), XXGK_OK);
  CHECK_INT(xxgk_reg_record_repeal(r, d.id, "2021-12-01"), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_record_repeal(r, d.id, "2024-05-01"), XXGK_OK);
  d = (xxgk_record){.agency_id = a.id, .kind = "normative_documents",
                    .title = "文件丙", .number = "某环发〔2024〕1号",
                    .issued = "2024-06-01"};
  CHECK_INT(xxgk_reg_record_add(r, &d), XXGK_OK);
  d = (xxgk_record){.agency_id = b.id, .kind = "normative_documents",
                    .title = "文件丁", .issued = "2025-01-05"};
  CHECK_INT(xxgk_reg_record_add(r, &d), XXGK_OK);
  d.kind = "licensing";
  CHECK_INT(xxgk_reg_record_add(r, &d), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_figure_set(r, a.id, 2024, "licensing", "7"), XXGK_OK);
  CHECK_INT(xxgk_reg_figure_set(r, a.id, 2024, "licensing", "10"), XXGK_OK);
  /* the change is audited with the value before and after, on one row */
  CHECK_STR(audit_trail(r, "figure", "value"),
            "figure.set:->7 figure.set:7>10 (same row)");
  CHECK_INT(xxgk_reg_figure_set(r, b.id, 2024, "licensing", "5"), XXGK_OK);
  CHECK_INT(xxgk_reg_figure_set(r, a.id, 2024, "fees", "1.2345"), XXGK_OK);
  CHECK_INT(xxgk_reg_figure_set(r, b.id, 2024, "fees", "0.5"), XXGK_OK);
  CHECK_INT(xxgk_reg_figure_set(r, a.id, 2024, "punishment", "3"), XXGK_OK);
  CHECK_INT(xxgk_reg_figure_set(r, a.id, 2023, "licensing", "99"), XXGK_OK);
  CHECK_INT(xxgk_reg_figure_set(r, a.id, 2024, "punishment", "3.5"),
            XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_figure_set(r, a.id, 2024, "rules", "3"), XXGK_E_REFUSED);
  /* a narrative part: set, replaced, cleared; each change audited */
  CHECK_INT(xxgk_reg_narrative_set(r, a.id, 2024, XXGK_SEC_OVERVIEW, "甲"),
            XXGK_OK);
  CHECK_INT(xxgk_reg_narrative_set(r, a.id, 2024, XXGK_SEC_OVERVIEW, "乙"),
            XXGK_OK);
  CHECK_INT(xxgk_reg_narrative_set(r, a.id, 2024, XXGK_SEC_OVERVIEW, ""),
            XXGK_OK);
  CHECK_INT(count(r, "narrative"), 0);
  CHECK_STR(audit_trail(r, "narrative", "text"),
            "narrative.set:->甲 narrative.set:甲>乙 narrative.clear:乙>-");
}

static int64_t cell(const xxgk_doc *d, const char *key) {
  int row, col;
  if (xxgk_dict_find_key(key, XXGK_FORMAT_2021, &row, &col) != 0) {
    CHECK(0, "no key %s", key);
    return -1;
  }
  return xxgk_doc_cell(d, row, col)->num.mant;
}

/* key = value, for the cells the hand count names; every other count 0 */
struct want {
  const char *key;
  int64_t v;
  uint8_t scale;
};

static void expect_cells(const xxgk_doc *d, const struct want *w, int n,
                         const char *what) {
  int bad = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!(r->formats & XXGK_FORMAT_2021))
      continue;
    for (int c = 0; c < r->n_cols; c++) {
      char key[128];
      xxgk_dict_key(i, c, key, sizeof key);
      xxgk_num want = {0, 0};
      for (int k = 0; k < n; k++)
        if (strcmp(w[k].key, key) == 0)
          want = (xxgk_num){w[k].v, w[k].scale};
      const xxgk_cell *got = xxgk_doc_cell(d, i, c);
      if (got->state != XXGK_CELL_VALUE || xxgk_num_cmp(got->num, want) != 0) {
        char a[32], b[32];
        xxgk_num_format(got->num, a);
        xxgk_num_format(want, b);
        CHECK(0, "%s: %s = %s, want %s", what, key, a, b);
        bad++;
      }
    }
  }
  CHECK_INT(bad, 0);
}

static void test_report(void) {
  struct world w;
  build_world(&w);
  xxgk_doc *d;
  CHECK_INT(xxgk_reg_report(w.r, w.office, 2024, &d), XXGK_OK);
  static const struct want office[] = {
      {"applications.received.natural_person", 5, 0},
      {"applications.received.legal_services", 1, 0},
      {"applications.received.social_welfare", 1, 0},
      {"applications.received.other_org", 1, 0},
      {"applications.received.total", 8, 0},
      {"applications.carried_over.natural_person", 1, 0},
      {"applications.carried_over.commercial", 1, 0},
      {"applications.carried_over.research", 1, 0},
      {"applications.carried_over.total", 3, 0},
      {"applications.granted.natural_person", 2, 0},
      {"applications.granted.commercial", 1, 0},
      {"applications.granted.total", 3, 0},
      {"applications.unable_not_held.natural_person", 1, 0},
      {"applications.unable_not_held.total", 1, 0},
      {"applications.other_other.natural_person", 1, 0},
      {"applications.other_other.total", 1, 0},
      {"applications.other_no_correction.social_welfare", 1, 0},
      {"applications.other_no_correction.total", 1, 0},
      {"applications.other_unpaid_fee.other_org", 1, 0},
      {"applications.other_unpaid_fee.total", 1, 0},
      {"applications.withheld_state_secret.natural_person", 1, 0},
      {"applications.withheld_state_secret.total", 1, 0},
      {"applications.total.natural_person", 5, 0},
      {"applications.total.commercial", 1, 0},
      {"applications.total.social_welfare", 1, 0},
      {"applications.total.other_org", 1, 0},
      {"applications.total.total", 8, 0},
      {"applications.carried_forward.natural_person", 1, 0},
      {"applications.carried_forward.research", 1, 0},
      {"applications.carried_forward.legal_services", 1, 0},
      {"applications.carried_forward.total", 3, 0},
      {"reviews.administrative_review.upheld", 1, 0},
      {"reviews.administrative_review.total", 1, 0},
      {"reviews.litigation_direct.pending", 1, 0},
      {"reviews.litigation_direct.total", 1, 0},
      {"reviews.litigation_after_review.other", 1, 0},
      {"reviews.litigation_after_review.total", 1, 0},
      {"active.rules.in_force", 1, 0},
      {"active.normative_documents.issued", 2, 0},
      {"active.normative_documents.repealed", 2, 0},
      {"active.normative_documents.in_force", 1, 0},
      {"active.licensing.decisions", 15, 0},
      {"active.punishment.decisions", 3, 0},
      {"active.fees.amount", 17345, 4},
      {"processing_fees.notices", 2, 0},
      {"processing_fees.amount_due", 1800, 0},
      {"processing_fees.collected", 100, 0},
  };
  expect_cells(d, office, (int)(sizeof office / sizeof office[0]), "office");
  CHECK_INT(xxgk_check(d), 0);
  CHECK_STR(xxgk_doc_agency(d), "某市人民政府办公室");
  CHECK_INT(xxgk_doc_year(d), 2024);
  /* the office sums its units, plus its own application (O1: received and
   * carried forward, natural person) */
  xxgk_doc *a, *b;
  CHECK_INT(xxgk_reg_report(w.r, w.ua, 2024, &a), XXGK_OK);
  CHECK_INT(xxgk_reg_report(w.r, w.ub, 2024, &b), XXGK_OK);
  CHECK_INT(xxgk_check(a), 0);
  CHECK_INT(xxgk_check(b), 0);
  int bad = 0;
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *r = xxgk_dict_row(i);
    if (!(r->formats & XXGK_FORMAT_2021))
      continue;
    for (int c = 0; c < r->n_cols; c++) {
      char key[128];
      xxgk_dict_key(i, c, key, sizeof key);
      xxgk_num s;
      xxgk_num_add(xxgk_doc_cell(a, i, c)->num, xxgk_doc_cell(b, i, c)->num,
                   &s);
      int own = strcmp(key, "applications.received.natural_person") == 0 ||
                strcmp(key, "applications.received.total") == 0 ||
                strcmp(key, "applications.carried_forward.natural_person") == 0 ||
                strcmp(key, "applications.carried_forward.total") == 0;
      s.mant += own; /* counts: scale 0 */
      if (xxgk_num_cmp(s, xxgk_doc_cell(d, i, c)->num) != 0) {
        CHECK(0, "office %s is not the sum of its units", key);
        bad++;
      }
    }
  }
  CHECK_INT(bad, 0);
  CHECK_INT(cell(a, "applications.carried_over.total"), 2);
  CHECK_INT(cell(b, "applications.granted.commercial"), 1);
  /* 2023: A2 in and out, A1, A3 and B2 carried forward */
  xxgk_doc *y;
  CHECK_INT(xxgk_reg_report(w.r, w.office, 2023, &y), XXGK_OK);
  CHECK_INT(cell(y, "applications.received.total"), 4);
  CHECK_INT(cell(y, "applications.partially_granted.commercial"), 1);
  CHECK_INT(cell(y, "applications.carried_forward.total"), 3);
  CHECK_INT(cell(y, "reviews.administrative_review.corrected"), 1);
  CHECK_INT(cell(y, "reviews.litigation_after_review.pending"), 1);
  CHECK_INT(cell(y, "active.licensing.decisions"), 99);
  CHECK_INT(xxgk_check(y), 0);
  xxgk_doc_free(y);
  /* next year's carried over is this year's carried forward */
  xxgk_doc *z;
  CHECK_INT(xxgk_reg_report(w.r, w.office, 2025, &z), XXGK_OK);
  CHECK_INT(cell(z, "applications.carried_over.total"),
            cell(d, "applications.carried_forward.total"));
  CHECK_INT(xxgk_reg_report(w.r, w.office, 2020, &y), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_report(w.r, 99, 2024, &y), XXGK_E_REFUSED);
  /* the canonical JSON parses back into the same document */
  char *json = xxgk_render(d, XXGK_OUT_JSON);
  xxgk_doc *back;
  CHECK_INT(xxgk_doc_from_json(json, strlen(json), &back), XXGK_OK);
  CHECK_INT(cell(back, "applications.total.total"), 8);
  xxgk_free(json);
  xxgk_doc_free(back);
  xxgk_doc_free(z);
  xxgk_doc_free(a);
  xxgk_doc_free(b);
  xxgk_doc_free(d);
  xxgk_reg_close(w.r);
}

static void test_export_import(void) {
  struct world w;
  build_world(&w);
  char *one;
  CHECK_INT(xxgk_reg_export(w.r, &one), XXGK_OK);
  xxgk_reg *r2;
  CHECK_INT(xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r2), XXGK_OK);
  CHECK_INT(xxgk_reg_import(r2, one, strlen(one)), XXGK_OK);
  char *two;
  CHECK_INT(xxgk_reg_export(r2, &two), XXGK_OK);
  CHECK(strcmp(one, two) == 0, "export → import → export differs");
  /* once only, into an empty register */
  CHECK_INT(xxgk_reg_import(r2, one, strlen(one)), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r2), "不是空的") != NULL, "%s",
        xxgk_reg_errmsg(r2));
  xxgk_reg *r3;
  CHECK_INT(xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r3), XXGK_OK);
  CHECK_INT(xxgk_reg_import(r3, "{\"x\":1}", 7), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_import(r3, "{", 1), XXGK_E_REFUSED);
  /* a broken row rolls the whole import back */
  char *broken = xxgk_strdup(one);
  char *p = strstr(broken, "\"application\": [");
  p = p ? strstr(p, "\"agency_id\":2,") : NULL;
  CHECK(p != NULL, "export has the application's agency");
  if (p)
    memcpy(p + 12, "9", 1); /* no agency 9: a foreign key fails */
  CHECK_INT(xxgk_reg_import(r3, broken, strlen(broken)), XXGK_E_REFUSED);
  CHECK_INT(count(r3, "agency"), 0);
  free(broken);
  /* and the restored register reports the same */
  xxgk_doc *a, *b;
  CHECK_INT(xxgk_reg_report(w.r, w.office, 2024, &a), XXGK_OK);
  CHECK_INT(xxgk_reg_report(r2, w.office, 2024, &b), XXGK_OK);
  char *ja = xxgk_render(a, XXGK_OUT_JSON), *jb = xxgk_render(b, XXGK_OUT_JSON);
  CHECK_STR(ja, jb);
  xxgk_free(ja);
  xxgk_free(jb);
  xxgk_doc_free(a);
  xxgk_doc_free(b);
  xxgk_free(one);
  xxgk_free(two);
  xxgk_reg_close(r2);
  xxgk_reg_close(r3);
  xxgk_reg_close(w.r);
}

static int count_rows(void *ctx, const xxgk_case_row *row) {
  (void)row;
  ++*(int *)ctx;
  return 0;
}

static void test_lists(void) {
  struct world w;
  build_world(&w);
  int n = 0;
  xxgk_case_filter f = {.agency_id = w.office};
  CHECK_INT(xxgk_reg_case_list(w.r, &f, count_rows, &n), XXGK_OK);
  CHECK_INT(n, 12);
  n = 0;
  f = (xxgk_case_filter){.agency_id = w.ub};
  CHECK_INT(xxgk_reg_case_list(w.r, &f, count_rows, &n), XXGK_OK);
  CHECK_INT(n, 2);
  n = 0;
  f = (xxgk_case_filter){.open_only = 1};
  CHECK_INT(xxgk_reg_case_list(w.r, &f, count_rows, &n), XXGK_OK);
  CHECK_INT(n, 2); /* A3 (consultation) and O1 */
  n = 0;
  f = (xxgk_case_filter){.from = "2024-01-01", .to = "2024-06-30"};
  CHECK_INT(xxgk_reg_case_list(w.r, &f, count_rows, &n), XXGK_OK);
  CHECK_INT(n, 5);
  int64_t id;
  CHECK_INT(xxgk_reg_case_find(w.r, "2024-00001", &id), XXGK_OK);
  CHECK_INT(id, w.a4);
  CHECK_INT(xxgk_reg_case_find(w.r, "2099-1", &id), XXGK_E_REFUSED);
  xxgk_reg_close(w.r);
}

static void test_open(void) {
  xxgk_reg *r;
  xxgk_status st = xxgk_reg_open("/nonexistent/dir/x.db", 0, &r);
  CHECK_INT(st, XXGK_E_IO);
  CHECK(strstr(xxgk_reg_errmsg(r), "xxgk db init") != NULL, "%s",
        xxgk_reg_errmsg(r));
  xxgk_reg_close(r);
  st = xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r);
  CHECK_INT(xxgk_reg_schema_version(r), 15);
  xxgk_reg_close(r);
}

/* Tracking numbers past 99999 take six digits and go on from the largest
 * (they sort among the five-digit ones as strings: 99999 is not it). */
static void test_tracking(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag);
  const char *given[] = {"2024-99998", "2024-100005", "2024-99999",
                         "2024-abc"};
  for (int i = 0; i < 4; i++) {
    xxgk_case c = {.agency_id = ag, .channel = "网络", .received = "2024-05-06",
                   .category = "research", .name = "甲", .content = "乙",
                   .tracking = given[i]};
    CHECK_INT(xxgk_reg_case_new(r, &c), XXGK_OK);
  }
  const char *want[] = {"2024-100006", "2024-100007"};
  for (int i = 0; i < 2; i++) {
    int64_t id = new_case(r, ag, "2024-05-07", "research"), found = 0;
    CHECK_INT(xxgk_reg_case_find(r, want[i], &found), XXGK_OK);
    CHECK_INT(found, id);
  }
  CHECK_INT(new_case(r, ag, "2023-05-07", "research") > 0, 1);
  int64_t first = 0;
  CHECK_INT(xxgk_reg_case_find(r, "2023-00001", &first), XXGK_OK);
  xxgk_reg_close(r);
}

/* A batch: every command checked, a refused one writes nothing, the rest
 * is committed at the end; a batch never ended is lost. */
static void test_batch(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag);
  CHECK_INT(xxgk_reg_batch_end(r), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_batch_begin(r), XXGK_OK);
  CHECK_INT(xxgk_reg_batch_begin(r), XXGK_E_REFUSED);
  int64_t a = new_case(r, ag, "2024-09-20", "natural_person");
  int64_t audit = count(r, "audit");
  REFUSED(r, ev(r, a, XXGK_EV_REPLY, "2024-09-19", "granted"), "早于");
  EV_OK(r, a, XXGK_EV_REPLY, "2024-10-08", "granted");
  CHECK_INT(count(r, "audit"), audit + 1);
  CHECK_INT(xxgk_reg_batch_end(r), XXGK_OK);
  CHECK_INT(count(r, "event"), 1);
  /* the report sees what the batch wrote */
  xxgk_doc *d = NULL;
  CHECK_INT(xxgk_reg_report(r, ag, 2024, &d), XXGK_OK);
  int row = xxgk_dict_find_row(XXGK_T_APPLICATIONS, "granted",
                               XXGK_FORMAT_2021);
  CHECK_INT(d ? xxgk_doc_cell(d, row, 0)->num.mant : -1, 1);
  xxgk_doc_free(d);
  xxgk_reg_close(r);
  /* a command failing after it wrote (an import, at its second row) is
   * undone within the batch; the batch goes on */
  xxgk_status st;
  st = xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r);
  CHECK_INT(xxgk_reg_batch_begin(r), XXGK_OK);
  const char *json =
      "{\"xxgk_register\": 1, \"schema\": 3, \"tables\": {"
      "\"agency\": [{\"id\": 1, \"parent_id\": null, \"name\": \"甲\"}],"
      "\"application\": [{\"id\": 1, \"agency_id\": 1, \"tracking\": \"x\","
      " \"channel\": \"网络\", \"received\": \"bad\", \"category\": "
      "\"natural_person\", \"applicant_name\": \"a\", \"content\": \"c\"}]}}";
  CHECK_INT(xxgk_reg_import(r, json, strlen(json)), XXGK_E_REFUSED);
  CHECK_INT(count(r, "agency"), 0);
  xxgk_agency y = {.name = "乙"};
  CHECK_INT(xxgk_reg_agency_add(r, &y), XXGK_OK);
  CHECK_INT(xxgk_reg_batch_end(r), XXGK_OK);
  CHECK_INT(count(r, "agency"), 1);
  xxgk_reg_close(r);
  /* a file register (or a PostgreSQL database): a batch not ended is not
   * there when it is reopened */
  char dir[] = "/tmp/xxgk-test-batch-XXXXXX", path[512];
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  snprintf(path, sizeof path, "%s/r.db", dir);
  if (h_pg())
    snprintf(path, sizeof path, "%s", h_db());
  st = xxgk_reg_open(path, XXGK_OPT_CREATE, &r);
  xxgk_agency x = {.name = "某局"};
  CHECK_INT(xxgk_reg_agency_add(r, &x), XXGK_OK);
  CHECK_INT(xxgk_reg_batch_begin(r), XXGK_OK);
  new_case(r, x.id, "2024-09-20", "natural_person");
  xxgk_reg_close(r);
  st = xxgk_reg_open(path, 0, &r);
  CHECK_INT(st, XXGK_OK);
  CHECK_INT(count(r, "application"), 0);
  CHECK_INT(count(r, "agency"), 1);
  xxgk_reg_close(r);
  h_remove_db(dir, path);
}

/* Today is set within the calendar: from 2008 to the year after its last
 * published notice (2026 bundled), further once a notice is loaded; a
 * refused today leaves the one before. */
static void test_today(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag);
  CHECK_INT(xxgk_reg_set_today(r, D("2027-12-31")), XXGK_OK);
  CHECK_INT(xxgk_reg_set_today(r, D("2099-01-01")), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "放假通知只发布到 2026 年") != NULL &&
            strstr(xxgk_reg_errmsg(r), "最晚可设在 2027 年") != NULL,
        "%s", xxgk_reg_errmsg(r));
  CHECK_INT(xxgk_reg_set_today(r, D("2028-01-01")), XXGK_E_REFUSED);
  CHECK_INT(xxgk_reg_set_today(r, D("2007-12-31")), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "早于 2008 年") != NULL, "%s",
        xxgk_reg_errmsg(r));
  /* the today kept is 2027-12-31: a reply on 2028-01-02 is in its future */
  int64_t id = new_case(r, ag, "2027-12-20", "research");
  xxgk_event e = {.case_id = id,
                  .kind = XXGK_EV_REPLY,
                  .date = "2028-01-02",
                  .outcome = "granted"};
  CHECK_INT(xxgk_reg_event_add(r, &e), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "晚于今天（2027-12-31）") != NULL, "%s",
        xxgk_reg_errmsg(r));
  const char *y2028 =
      "2028-01-01\tholiday\t元旦\n2028-10-01\tholiday\t国庆节\n";
  CHECK_INT(xxgk_cal_load(xxgk_reg_calendar(r), y2028, strlen(y2028)), XXGK_OK);
  CHECK_INT(xxgk_reg_set_today(r, D("2029-06-01")), XXGK_OK);
  CHECK_INT(xxgk_reg_set_today(r, 0), XXGK_OK); /* the real date */
  xxgk_reg_close(r);
}

/* Text that is not UTF-8 (张三 in GBK, as a terminal or a file in GBK
 * gives it) is refused by every write that stores text, naming the field,
 * and nothing is written; passwords are taken up to XXGK_MAX_PASSWORD
 * bytes, and no further. */
static void test_text(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag);
  int64_t id = new_case(r, ag, "2024-05-06", "research");
  const char *gbk = "\xd5\xc5\xc8\xfd";
  char *before, *after;
  CHECK_INT(xxgk_reg_export(r, &before), XXGK_OK);
#define NOT_UTF8(call, field)                                                   \
  do {                                                                         \
    CHECK_INT(call, XXGK_E_REFUSED);                                           \
    CHECK(strstr(xxgk_reg_errmsg(r), field "不是有效的 UTF-8") != NULL,       \
          "%s: %s", #call, xxgk_reg_errmsg(r));                                \
  } while (0)
  xxgk_agency a = {.name = gbk};
  NOT_UTF8(xxgk_reg_agency_add(r, &a), "机关名称");
  NOT_UTF8(xxgk_reg_user_add(r, ag, gbk), "用户姓名");
  NOT_UTF8(xxgk_reg_user_set_login(r, ag, gbk, "zhangsan", "long-enough-1"),
          "用户姓名");
  xxgk_case c = {.agency_id = ag, .channel = "网络", .received = "2024-05-06",
                 .category = "research", .name = gbk, .content = "乙"};
  NOT_UTF8(xxgk_reg_case_new(r, &c), "申请人姓名或名称");
  c.name = "甲";
  c.content = "环评\xff批复";
  NOT_UTF8(xxgk_reg_case_new(r, &c), "申请内容");
  xxgk_event e = {.case_id = id, .kind = XXGK_EV_EXTENDED,
                  .date = "2024-05-20", .note = gbk};
  NOT_UTF8(xxgk_reg_event_add(r, &e), "说明");
  int64_t cases[] = {id};
  xxgk_review v = {.agency_id = ag, .kind = "administrative_review",
                   .filed = "2024-06-01", .note = gbk, .cases = cases,
                   .n_cases = 1};
  NOT_UTF8(xxgk_reg_review_add(r, &v), "说明");
  xxgk_record d = {.agency_id = ag, .kind = "rules", .title = gbk,
                   .issued = "2024-02-01"};
  NOT_UTF8(xxgk_reg_record_add(r, &d), "文件标题");
  NOT_UTF8(xxgk_reg_narrative_set(r, ag, 2024, XXGK_SEC_OVERVIEW, gbk), "正文");
  NOT_UTF8(xxgk_reg_set_user(r, gbk), "经办人");
#undef NOT_UTF8
  CHECK_INT(xxgk_reg_export(r, &after), XXGK_OK);
  CHECK(strcmp(before, after) == 0, "a refused text changed the register");
  xxgk_free(after);

  xxgk_reg *r2;
  CHECK_INT(xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r2), XXGK_OK);
  char *bad = xxgk_strdup(before);
  char *at = strstr(bad, "测试区");
  at[0] = (char)0xb2; /* a GBK lead byte in place of a UTF-8 one */
  CHECK_INT(xxgk_reg_import(r2, bad, strlen(bad)), XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r2), "UTF-8") != NULL, "%s",
        xxgk_reg_errmsg(r2));
  xxgk_free(bad);
  xxgk_reg_close(r2);
  xxgk_free(before);

  char pw[XXGK_MAX_PASSWORD + 2];
  memset(pw, 'x', sizeof pw - 1);
  pw[sizeof pw - 1] = 0; /* one byte too long */
  CHECK_INT(xxgk_reg_user_set_login(r, ag, "王敏", "wangmin", pw),
            XXGK_E_REFUSED);
  CHECK(strstr(xxgk_reg_errmsg(r), "1024") != NULL, "%s", xxgk_reg_errmsg(r));
  pw[XXGK_MAX_PASSWORD] = 0; /* the longest taken */
  CHECK_INT(xxgk_reg_user_set_login(r, ag, "王敏", "wangmin", pw), XXGK_OK);
  xxgk_user u;
  CHECK_INT(xxgk_reg_user_login(r, "wangmin", pw, &u), XXGK_OK);
  xxgk_reg_close(r);
}

/* A register in a file (another connection must see it) in a new
 * directory dir, with one agency *a. */
static xxgk_reg *file_reg(char *dir, char *db, size_t cap, xxgk_agency *a) {
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  snprintf(db, cap, "%s/r.db", dir);
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(db, XXGK_OPT_CREATE, &r), XXGK_OK);
  xxgk_reg_set_user(r, "测试员");
  *a = (xxgk_agency){.name = "测试局"};
  CHECK_INT(xxgk_reg_agency_add(r, a), XXGK_OK);
  return r;
}

/* The append-only tables refuse a row that would replace one, whatever the
 * conflict clause, through a second connection as any SQLite client has:
 * each statement fails and the table is as it was. */
static char *table_text(sqlite3 *db, const char *table) {
  char sql[200];
  snprintf(sql, sizeof sql, "SELECT group_concat(quote(t.rowid) || '|' || "
                            "json_array(t.*), ';') FROM (SELECT * FROM %s) t",
           table);
  sqlite3_stmt *st;
  char *out = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out ? out : strdup("");
}

static void test_append_only(void) {
  char dir[] = "/tmp/xxgk-test-append-XXXXXX", db[80];
  xxgk_agency a;
  xxgk_reg *r = file_reg(dir, db, sizeof db, &a);
  int64_t c1 = new_case(r, a.id, "2024-05-06", "natural_person");
  int64_t c2 = new_case(r, a.id, "2024-05-07", "natural_person");
  CHECK_INT(ev(r, c1, XXGK_EV_EXTENDED, "2024-05-20", NULL), XXGK_OK);
  CHECK_INT(ev(r, c1, XXGK_EV_REPLY, "2024-05-21", "granted"), XXGK_OK);
  /* a void (of c2's extension) for event_void's rows */
  xxgk_event x = {.case_id = c2, .kind = XXGK_EV_EXTENDED, .date = "2024-05-20"};
  CHECK_INT(xxgk_reg_event_add(r, &x), XXGK_OK);
  CHECK_INT(xxgk_reg_event_void(r, x.id, "登记错了"), XXGK_OK);
  xxgk_reg_close(r);
  sqlite3 *h;
  CHECK_INT(sqlite3_open(db, &h), SQLITE_OK);
  static const char *const CLAUSES[] = {
      "REPLACE INTO",        "INSERT OR REPLACE INTO", "INSERT OR IGNORE INTO",
      "INSERT OR ABORT INTO", "INSERT OR FAIL INTO",    "INSERT OR ROLLBACK INTO",
      "INSERT INTO"};
  /* rows that meet an existing one on a unique key: %s is the clause */
  static const struct {
    const char *table, *row, *upsert;
  } ROWS[] = {
      {"audit", "(id, at, who, action, entity) VALUES (1, 'x', 'x', 'x', 'x')",
       "(id) DO UPDATE SET who = 'x'"},
      {"event", "(id, application_id, kind, date, outcome) VALUES"
                " ((SELECT max(id) FROM event), 1, 'reply', '2024-05-22',"
                " 'unable_not_held')",
       "(id) DO UPDATE SET outcome = 'x'"},
      {"event", "(application_id, kind, date, outcome) VALUES"
                " (1, 'reply', '2024-05-22', 'unable_not_held')",
       "(application_id) WHERE kind IN ('reply', 'withdrawn', 'fee_lapsed')"
       " AND voided IS NULL DO UPDATE SET outcome = 'x'"},
      {"event", "(application_id, kind, date) VALUES"
                " (1, 'extended', '2024-05-22')",
       "(application_id) WHERE kind = 'extended' AND voided IS NULL"
       " DO UPDATE SET date = '2024-06-01'"},
      {"event_void", "(id, event_id, reason, at, who) SELECT id, event_id,"
                     " 'x', at, who FROM event_void WHERE id = 1",
       "(id) DO UPDATE SET reason = 'x'"},
      {"event_void", "(event_id, reason, at, who) SELECT event_id, 'x', at,"
                     " who FROM event_void WHERE id = 1",
       "(event_id) DO UPDATE SET reason = 'x'"},
      {"application", "(id, agency_id, tracking, channel, received, category,"
                      " applicant_name, content) VALUES (1, 1, '2099-1',"
                      " '网络', '2024-05-06', 'natural_person', 'x', 'x')",
       "(id) DO UPDATE SET content = 'x'"},
      {"application", "(agency_id, tracking, channel, received, category,"
                      " applicant_name, content) SELECT 1, tracking, '网络',"
                      " '2024-05-06', 'natural_person', 'x', 'x'"
                      " FROM application WHERE id = 1",
       "(tracking) DO UPDATE SET content = 'x'"},
  };
  for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
    char *before = table_text(h, ROWS[i].table);
    for (size_t k = 0; k <= sizeof CLAUSES / sizeof CLAUSES[0]; k++) {
      char sql[800];
      if (k < sizeof CLAUSES / sizeof CLAUSES[0]) /* the last: an upsert */
        snprintf(sql, sizeof sql, "%s %s %s", CLAUSES[k], ROWS[i].table,
                 ROWS[i].row);
      else
        snprintf(sql, sizeof sql, "INSERT INTO %s %s ON CONFLICT %s",
                 ROWS[i].table, ROWS[i].row, ROWS[i].upsert);
      char *err = NULL;
      int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
      char *after = table_text(h, ROWS[i].table);
      /* refused by the guard itself, not for another reason */
      CHECK(rc != SQLITE_OK && err && strstr(err, "不能覆盖") &&
                strcmp(before, after) == 0,
            "not refused by the guard (%s), or the table changed: %s",
            err ? err : "no error", sql);
      sqlite3_free(err);
      free(after);
    }
    free(before);
  }
  /* UPDATE OR REPLACE of an application onto another's tracking number */
  char *before = table_text(h, "application");
  char sql[200];
  snprintf(sql, sizeof sql,
           "UPDATE OR REPLACE application SET tracking = (SELECT tracking"
           " FROM application WHERE id = %lld) WHERE id = %lld",
           (long long)c1, (long long)c2);
  CHECK(sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK,
        "UPDATE OR REPLACE of a tracking number");
  char *after = table_text(h, "application");
  CHECK(strcmp(before, after) == 0, "applications unchanged");
  free(before);
  free(after);
  /* an ordinary append still works */
  CHECK_INT(sqlite3_exec(h, "INSERT INTO audit (at, who, action, entity)"
                            " VALUES ('x', 'x', 'x', 'x')",
                         NULL, NULL, NULL),
            SQLITE_OK);
  sqlite3_close(h);
  h_remove_db(dir, db);
}

/* Another program changes the schema (the corpus adds its tables to the
 * register's file): the cached statements are prepared again on their
 * next step, and the audit's copies of rows keep their column names. */
static void test_schema_change(void) {
  char dir[] = "/tmp/xxgk-test-schema-XXXXXX", db[80];
  xxgk_agency a;
  xxgk_reg *r = file_reg(dir, db, sizeof db, &a);
  new_case(r, a.id, "2024-05-06", "natural_person");
  sqlite3 *h;
  CHECK_INT(sqlite3_open(db, &h), SQLITE_OK);
  CHECK_INT(sqlite3_exec(h, "CREATE TABLE another_tool (x)", NULL, NULL, NULL),
            SQLITE_OK);
  new_case(r, a.id, "2024-05-07", "natural_person");
  xxgk_reg_close(r);
  sqlite3_stmt *st;
  CHECK_INT(sqlite3_prepare_v2(h,
                               "SELECT count(*) FROM audit WHERE action ="
                               " 'case.new' AND json_extract(after, '$.id')"
                               " IS NOT NULL AND json_extract(after,"
                               " '$.tracking') IS NOT NULL",
                               -1, &st, NULL),
            SQLITE_OK);
  CHECK_INT(sqlite3_step(st), SQLITE_ROW);
  CHECK_INT(sqlite3_column_int(st, 0), 2);
  sqlite3_finalize(st);
  sqlite3_close(h);
  h_remove_db(dir, db);
}

int main(void) {
  h_db_start();
  test_text();
  test_dates();
  test_date_days();
  test_calendar();
  test_fees();
  test_mask();
  test_open();
  test_deadlines();
  test_rules();
  test_report();
  test_lists();
  test_export_import();
  test_batch();
  test_tracking();
  test_today();
  if (!h_pg()) { /* through SQLite's own client (test_pg: PostgreSQL's) */
    test_append_only();
    test_schema_change();
  }
  return h_summary();
}
