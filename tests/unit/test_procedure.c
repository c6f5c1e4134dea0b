/*
 * test_procedure.c — the procedure rules of the 条例 and 109号 (each test
 * names its article), the time limits of the pausing steps, corrections
 * with history, and a holiday notice entered into the register. Every
 * check here failed before the rules existed.
 */
#include "h_db.h"
#include "harness.h"
#include "reg.h"
#include "xxgk_register.h"

#include <stdlib.h>

static xxgk_date D(const char *s) {
  xxgk_date d = 0;
  CHECK(xxgk_date_parse(s, &d) == 0, "date %s", s);
  return d;
}

static xxgk_reg *reg_new(int64_t *agency, const char *today) {
  xxgk_reg *r;
  CHECK_INT(xxgk_reg_open(h_db(), XXGK_OPT_CREATE, &r), XXGK_OK);
  xxgk_reg_set_user(r, "测试员");
  xxgk_reg_set_clock(r, "2026-12-07T08:00:00Z");
  xxgk_reg_set_today(r, D(today));
  xxgk_agency a = {.name = "测试区人民政府办公室"};
  CHECK_INT(xxgk_reg_agency_add(r, &a), XXGK_OK);
  *agency = a.id;
  return r;
}

static int64_t new_case(xxgk_reg *r, int64_t agency, const char *received,
                        const char *content) {
  xxgk_case c = {.agency_id = agency, .channel = "网络", .received = received,
                 .category = "natural_person", .name = "张三",
                 .id_number = "110101199001011234", .content = content};
  CHECK(xxgk_reg_case_new(r, &c) == XXGK_OK, "case_new %s: %s", received,
        xxgk_reg_errmsg(r));
  return c.id;
}

static xxgk_status ev(xxgk_reg *r, int64_t id, xxgk_event_kind k,
                      const char *date, const char *outcome,
                      const char *basis) {
  xxgk_event e = {.case_id = id, .kind = k, .date = date, .outcome = outcome,
                  .basis = basis};
  return xxgk_reg_event_add(r, &e);
}

#define OK(call)                                                               \
  CHECK((call) == XXGK_OK, "%s: %s", #call, xxgk_reg_errmsg(r))
#define REFUSED(call, needle)                                                  \
  do {                                                                         \
    CHECK((call) == XXGK_E_REFUSED, "%s accepted", #call);                     \
    CHECK(strstr(xxgk_reg_errmsg(r), needle) != NULL, "%s: \"%s\"", #call,      \
          xxgk_reg_errmsg(r));                                                  \
  } while (0)
#define WARNED(needle)                                                         \
  CHECK(strstr(xxgk_reg_warning(r), needle) != NULL, "warning \"%s\"",         \
        xxgk_reg_warning(r))

static xxgk_due due(xxgk_reg *r, int64_t id, const char *today) {
  xxgk_due d;
  CHECK_INT(xxgk_reg_case_due(r, id, D(today), &d), XXGK_OK);
  return d;
}

/* 条例第三十条: the 补正 notice within 7 working days; a late one is warned
 * and changes nothing, so one after the deadline keeps the case overdue. */
static void test_art30_correction(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag, "2024-12-31");
  int64_t a = new_case(r, ag, "2024-03-01", "甲");
  /* the 7th working day after Friday 03-01 is Tuesday 03-12 */
  OK(ev(r, a, XXGK_EV_CORRECTION_REQUESTED, "2024-03-12", NULL, NULL));
  CHECK(!xxgk_reg_warning(r)[0], "timely 补正 warned: %s", xxgk_reg_warning(r));
  CHECK_INT(due(r, a, "2024-03-12").state, XXGK_DUE_PAUSED);
  int64_t b = new_case(r, ag, "2024-03-01", "乙");
  OK(ev(r, b, XXGK_EV_CORRECTION_REQUESTED, "2024-03-13", NULL, NULL));
  WARNED("第三十条");
  xxgk_due d = due(r, b, "2024-03-13");
  CHECK_INT(d.state, XXGK_DUE_RUNNING); /* art. 30: no pause */
  CHECK_STR(d.due, "2024-03-29");
  /* a 补正 after the deadline must not erase the overdue status */
  int64_t c = new_case(r, ag, "2024-03-01", "丙");
  OK(ev(r, c, XXGK_EV_CORRECTION_REQUESTED, "2024-04-10", NULL, NULL));
  OK(ev(r, c, XXGK_EV_CORRECTION_RECEIVED, "2024-04-12", NULL, NULL));
  d = due(r, c, "2024-04-15");
  CHECK_INT(d.state, XXGK_DUE_RUNNING);
  CHECK_STR(d.due, "2024-03-29");
  CHECK(d.left < 0, "art. 30: still overdue after a late 补正 (left %d)",
        d.left);
  xxgk_reg_close(r);
}

/* 109号: fees from 2021-01-01, once per application and one method (art.
 * 3), 按量 only when information is supplied (art. 5), no reply while a
 * fee is unpaid; the period to pay runs from the day after delivery. */
static void test_fees_109(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag, "2024-12-31");
  int64_t old = new_case(r, ag, "2020-12-01", "旧");
  xxgk_event f = {.case_id = old, .kind = XXGK_EV_FEE_NOTICE,
                  .date = "2020-12-10", .method = XXGK_FEE_BY_PAGE,
                  .quantity = 150};
  REFUSED(xxgk_reg_event_add(r, &f), "2021 年 1 月 1 日");
  int64_t a = new_case(r, ag, "2024-03-01", "甲");
  f = (xxgk_event){.case_id = a, .kind = XXGK_EV_FEE_NOTICE,
                   .date = "2024-03-05", .method = XXGK_FEE_BY_PAGE,
                   .quantity = 150};
  OK(xxgk_reg_event_add(r, &f));
  REFUSED(ev(r, a, XXGK_EV_REPLY, "2024-03-06", "granted", NULL), "尚未缴费");
  /* delivered Friday 03-08: 20 working days from 03-11 end on 04-08
   * (清明 04-04..06, Sunday 04-07 worked) */
  OK(ev(r, a, XXGK_EV_FEE_SERVED, "2024-03-08", NULL, NULL));
  xxgk_due d = due(r, a, "2024-03-20");
  CHECK_INT(d.state, XXGK_DUE_PAUSED);
  CHECK_STR(d.pause_until, "2024-04-08");
  CHECK(!d.remind[0], "no reminder yet: %s", d.remind);
  d = due(r, a, "2024-04-09");
  CHECK(strstr(d.remind, "逾期未缴费") && strstr(d.remind, "请决定"),
        "109号 reminder: %s", d.remind);
  OK(ev(r, a, XXGK_EV_FEE_PAID, "2024-04-08", NULL, NULL));
  f.date = "2024-04-09";
  f.method = XXGK_FEE_BY_PIECE;
  REFUSED(xxgk_reg_event_add(r, &f), "第三条");
  REFUSED(ev(r, a, XXGK_EV_REPLY, "2024-04-10", "unable_not_held", NULL),
          "第五条");
  OK(ev(r, a, XXGK_EV_REPLY, "2024-04-10", "granted", "条例第三十六条第二项"));
  xxgk_reg_close(r);
}

static int count_late(void *ctx, const char *agency, int64_t replies,
                      int64_t late) {
  int64_t *t = ctx;
  (void)agency;
  t[0] += replies;
  t[1] += late;
  return 0;
}

/* 条例第三十六条 and the articles behind each outcome; 第三十三条: a late
 * reply is marked. */
static void test_reply_basis(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag, "2024-12-31");
  int64_t a = new_case(r, ag, "2024-03-01", "甲");
  REFUSED(ev(r, a, XXGK_EV_REPLY, "2024-03-10", "withheld_internal_affairs",
             "条例第三十六条第（二）项"),
          "第十六条");
  REFUSED(ev(r, a, XXGK_EV_REPLY, "2024-03-10", "granted", "第14条"),
          "不符");
  OK(ev(r, a, XXGK_EV_REPLY, "2024-03-10", "withheld_internal_affairs",
        "《政府信息公开条例》第十六条第一款、第三十六条第三项"));
  CHECK(!xxgk_reg_warning(r)[0], "%s", xxgk_reg_warning(r));
  int64_t b = new_case(r, ag, "2024-03-01", "乙");
  OK(ev(r, b, XXGK_EV_REPLY, "2024-04-10", "granted", NULL));
  WARNED("未注明法律依据");
  WARNED("逾期答复");
  int64_t late = 0;
  CHECK_INT(store_int(r->st, &late, NULL,
                      "SELECT late FROM event WHERE application_id = ?", "i",
                      b),
            XXGK_OK);
  CHECK_INT(late, 1);
  /* the supervision view counts it */
  int64_t tally[2] = {0, 0};
  CHECK_INT(xxgk_reg_late_replies(r, 0, 2024, count_late, tally), XXGK_OK);
  CHECK_INT(tally[0], 2);
  CHECK_INT(tally[1], 1);
  xxgk_reg_close(r);
}

/* 条例第三十五条, 重复申请 (第三十六条第六项), and the 2007 条例's 15 + 15
 * working days (its art. 24) before 2019-05-15. */
static void test_art35_repeat_2007(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag, "2024-12-31");
  int64_t a = new_case(r, ag, "2024-03-01", "某路段全部资料");
  REFUSED(ev(r, a, XXGK_EV_REASONS_GIVEN, "2024-03-04", NULL, NULL),
          "第三十五条");
  xxgk_event p = {.case_id = a, .kind = XXGK_EV_PERIOD_SET,
                  .date = "2024-03-11", .until = "2024-06-28"};
  REFUSED(xxgk_reg_event_add(r, &p), "第三十五条");
  OK(ev(r, a, XXGK_EV_REASONS_REQUESTED, "2024-03-04", NULL, NULL));
  OK(ev(r, a, XXGK_EV_REASONS_GIVEN, "2024-03-08", NULL, NULL));
  OK(xxgk_reg_event_add(r, &p));
  xxgk_due d = due(r, a, "2024-04-01");
  CHECK_STR(d.due, "2024-06-28");
  CHECK(d.left > 0 && strstr(d.why, "第三十五条"), "art. 35: %d %s", d.left,
        d.why);
  /* the same applicant, the same content */
  xxgk_case c = {.agency_id = ag, .channel = "当面", .received = "2024-05-01",
                 .category = "natural_person", .name = "张三",
                 .id_number = "110101199001011234",
                 .content = "某路段全部资料"};
  OK(xxgk_reg_case_new(r, &c));
  WARNED("重复申请");
  WARNED("2024-00001");
  /* without an identity number the applicant is its name: a company's
   * second application for the same content is warned, another's is not,
   * nor is the same name's when it gives a number */
  xxgk_case firm = {.agency_id = ag, .channel = "邮寄", .received = "2024-05-02",
                    .category = "commercial", .name = "某某有限公司",
                    .content = "某路段全部资料"};
  OK(xxgk_reg_case_new(r, &firm));
  CHECK(!strstr(xxgk_reg_warning(r), "重复申请"), "%s", xxgk_reg_warning(r));
  firm.id = 0, firm.received = "2024-05-06";
  OK(xxgk_reg_case_new(r, &firm));
  WARNED("重复申请");
  WARNED("2024-00003");
  xxgk_case other = firm;
  other.id = 0, other.name = "另一有限公司";
  OK(xxgk_reg_case_new(r, &other));
  CHECK(!strstr(xxgk_reg_warning(r), "重复申请"), "%s", xxgk_reg_warning(r));
  other.id = 0, other.name = "某某有限公司", other.id_number = "91110000MA0000000X";
  OK(xxgk_reg_case_new(r, &other));
  CHECK(!strstr(xxgk_reg_warning(r), "重复申请"), "%s", xxgk_reg_warning(r));
  /* 2007 条例: received 2019-05-14, 15 working days */
  int64_t o = new_case(r, ag, "2019-05-14", "旧申请");
  d = due(r, o, "2019-05-20");
  CHECK_INT(d.limit, 15);
  CHECK_STR(d.due, "2019-06-04");
  int64_t n = new_case(r, ag, "2019-05-15", "新申请");
  CHECK_INT(due(r, n, "2019-05-20").limit, 20);
  OK(ev(r, o, XXGK_EV_EXTENDED, "2019-05-20", NULL, NULL));
  CHECK_INT(due(r, o, "2019-05-20").limit, 30);
  xxgk_reg_close(r);
}

/* 条例第三十二条、第三十四条: 15 working days for the consulted; 第三十条:
 * the 补正期限 the office set. */
static void test_pause_limits(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag, "2024-12-31");
  int64_t a = new_case(r, ag, "2024-03-01", "甲");
  OK(ev(r, a, XXGK_EV_CONSULT_STARTED, "2024-03-04", NULL, NULL));
  xxgk_due d = due(r, a, "2024-03-20");
  CHECK_STR(d.pause_until, "2024-03-25");
  CHECK(!d.remind[0], "%s", d.remind);
  d = due(r, a, "2024-03-26");
  CHECK(strstr(d.remind, "第三十二条") && strstr(d.remind, "请决定"), "%s",
        d.remind);
  int64_t b = new_case(r, ag, "2024-03-01", "乙");
  xxgk_event e = {.case_id = b, .kind = XXGK_EV_CORRECTION_REQUESTED,
                  .date = "2024-03-05", .until = "2024-03-20"};
  OK(xxgk_reg_event_add(r, &e));
  d = due(r, b, "2024-03-21");
  CHECK_STR(d.pause_until, "2024-03-20");
  CHECK(strstr(d.remind, "视为放弃"), "%s", d.remind);
  xxgk_reg_close(r);
}

static int64_t count(xxgk_reg *r, const char *sql) {
  int64_t n = -1;
  CHECK_INT(store_int(r->st, &n, NULL, sql, ""), XXGK_OK);
  return n;
}

static int64_t cell(const xxgk_doc *d, const char *row, const char *col) {
  int i = xxgk_dict_find_row(XXGK_T_APPLICATIONS, row, XXGK_FORMAT_2021);
  const xxgk_row_def *def = xxgk_dict_row(i);
  for (int c = 0; c < def->n_cols; c++)
    if (strcmp(def->cols[c].key, col) == 0)
      return xxgk_doc_cell(d, i, c)->num.mant;
  return -1;
}

/* Corrections with history: a generated year of applications, some
 * edited, some replies voided and answered anew; the report stays
 * consistent (A1–A3: xxgk_check) and follows, and the audit log has one
 * record per change, nothing deleted. */
static void test_corrections(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag, "2025-01-31");
  int64_t ids[60];
  char day[32];
  for (int i = 0; i < 60; i++) {
    snprintf(day, sizeof day, "2024-%02d-%02d", 1 + i / 6, 1 + i % 6 * 4);
    char content[32];
    snprintf(content, sizeof content, "第 %d 项", i);
    ids[i] = new_case(r, ag, day, content);
    if (i % 3 != 2) {
      snprintf(day, sizeof day, "2024-%02d-%02d", 1 + i / 6, 2 + i % 6 * 4);
      OK(ev(r, ids[i], XXGK_EV_REPLY, day, i % 2 ? "granted" : "unable_not_held",
            NULL));
    }
  }
  xxgk_doc *before;
  CHECK_INT(xxgk_reg_report(r, ag, 2024, &before), XXGK_OK);
  CHECK_INT(xxgk_check(before), 0);
  int64_t audits = count(r, "SELECT COUNT(*) FROM audit"),
          events = count(r, "SELECT COUNT(*) FROM event");
  /* void ten replies; answer five of them again with another outcome */
  int64_t reply = 0;
  for (int i = 0, k = 0; i < 60 && k < 10; i++) {
    if (i % 3 == 2)
      continue;
    CHECK_INT(store_int(r->st, &reply, NULL,
                        "SELECT id FROM event WHERE application_id = ?", "i",
                        ids[i]),
              XXGK_OK);
    REFUSED(xxgk_reg_event_void(r, reply, ""), "理由");
    OK(xxgk_reg_event_void(r, reply, "误登记：答复未送达"));
    REFUSED(xxgk_reg_event_void(r, reply, "again"), "已经作废");
    if (k++ % 2 == 0)
      OK(ev(r, ids[i], XXGK_EV_REPLY, "2024-12-20", "withheld_internal_affairs",
            "条例第十六条"));
  }
  /* a voided event is not the latest: only the latest may be voided */
  int64_t x = new_case(r, ag, "2024-12-02", "x");
  OK(ev(r, x, XXGK_EV_CONSULT_STARTED, "2024-12-03", NULL, NULL));
  OK(ev(r, x, XXGK_EV_CONSULT_ANSWERED, "2024-12-05", NULL, NULL));
  int64_t first = 0;
  CHECK_INT(store_int(r->st, &first, NULL,
                      "SELECT MIN(id) FROM event WHERE application_id = ?", "i",
                      x),
            XXGK_OK);
  REFUSED(xxgk_reg_event_void(r, first, "错"), "最近的一条");
  /* edit: a category and a receipt date corrected */
  xxgk_case e = {.id = ids[2], .category = "commercial"};
  REFUSED(xxgk_reg_case_edit(r, &e, NULL), "理由");
  OK(xxgk_reg_case_edit(r, &e, "申请人为企业，误登记为自然人"));
  e = (xxgk_case){.id = ids[58], .received = "2024-10-20"}; /* replied 10-18 */
  REFUSED(xxgk_reg_case_edit(r, &e, "日期"), "晚于该申请最早的办理记录");
  e.received = "2024-10-16";
  OK(xxgk_reg_case_edit(r, &e, "收到日期按邮件签收日更正"));
  xxgk_doc *after;
  CHECK_INT(xxgk_reg_report(r, ag, 2024, &after), XXGK_OK);
  CHECK_INT(xxgk_check(after), 0);
  CHECK_INT(cell(after, "withheld_internal_affairs", "natural_person"), 5);
  CHECK_INT(cell(after, "received", "total"),
            cell(before, "received", "total") + 1); /* x */
  CHECK_INT(cell(after, "received", "commercial"), 1);
  CHECK_INT(cell(after, "carried_forward", "total"),
            cell(before, "carried_forward", "total") + 5 + 1);
  /* nothing deleted; one audit record per change */
  CHECK_INT(count(r, "SELECT COUNT(*) FROM event"), events + 5 + 2);
  CHECK_INT(count(r, "SELECT COUNT(*) FROM event WHERE voided IS NOT NULL"),
            10);
  CHECK_INT(count(r, "SELECT COUNT(*) FROM audit"),
            audits + 10 + 5 + 1 + 2 + 2);
  CHECK_INT(count(r, "SELECT COUNT(*) FROM audit WHERE action = 'event.void'"
                     " AND reason = '误登记：答复未送达' AND before IS NOT NULL"),
            10);
  CHECK_INT(count(r, "SELECT COUNT(*) FROM audit WHERE action = 'case.edit'"
                     " AND before LIKE '%natural_person%'"
                     " AND after LIKE '%commercial%'"),
            1);
  CHECK_INT(store_run(r->st, "DELETE FROM event_void", ""), XXGK_E_DB);
  CHECK_INT(store_run(r->st, "UPDATE event SET voided = NULL", ""), XXGK_E_DB);
  xxgk_doc_free(before);
  xxgk_doc_free(after);
  xxgk_reg_close(r);
}

/* A year's notice entered: the open deadline that ran into it provisionally
 * is recomputed on it, no longer 暂定, and the audit log says so. */
static void test_calendar_import(void) {
  int64_t ag;
  xxgk_reg *r = reg_new(&ag, "2026-12-21");
  int64_t a = new_case(r, ag, "2026-12-21", "甲");
  xxgk_due d = due(r, a, "2026-12-21");
  CHECK_INT(d.provisional, 2027);
  CHECK_STR(d.due, "2027-01-19");
  /* a notice that gives 01-04 too and makes Sunday 01-10 a workday */
  const char *tsv = "2027-01-01\tholiday\t元旦\n2027-01-04\tholiday\t元旦\n"
                    "2027-01-10\tworkday\t元旦\n2027-10-01\tholiday\t国庆节\n";
  int changed = -1;
  const char *bad = "2027-01-01\tholidays\n";
  REFUSED(xxgk_reg_calendar_import(r, bad, strlen(bad), &changed), "第 1 行");
  CHECK_INT(count(r, "SELECT COUNT(*) FROM holiday"), 0);
  OK(xxgk_reg_calendar_import(r, tsv, strlen(tsv), &changed));
  CHECK_INT(changed, 1);
  d = due(r, a, "2026-12-21");
  CHECK_INT(d.provisional, 0);
  CHECK_STR(d.due, "2027-01-19");
  CHECK_INT(count(r, "SELECT COUNT(*) FROM audit WHERE action ="
                     " 'calendar.import' AND after LIKE '%2027-01-19 暂定%'"),
            1);
  xxgk_reg_close(r);
}

int main(void) {
  h_db_start();
  test_art30_correction();
  test_fees_109();
  test_reply_basis();
  test_art35_repeat_2007();
  test_pause_limits();
  test_corrections();
  test_calendar_import();
  return h_summary();
}
