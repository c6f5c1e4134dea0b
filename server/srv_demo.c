/*
 * srv_demo.c — the demo register `make run` serves: one oversight office
 * (示例市人民政府办公室) over two units, a login for each, and a year of
 * sample applications (the year before `today`) with every kind of step —
 * 补正, 征求第三方意见, 延期, 收费, 撤回, and replies with the usual spread
 * of outcomes — plus this year's, the most recent still open so the list
 * shows overdue, due-soon and on-time ones; reviews and suits, documents
 * and yearly figures. The numbers come from a fixed pseudo-random sequence,
 * so two demo registers made on the same day are the same. Every write
 * goes through the register's API and its rules; a step the rules refuse
 * is left out rather than forced.
 *
 * A third unit (示例市卫生健康委员会) does not use the register: it is
 * there by name, with a login, for the office's round of last year's
 * reports (srv_demo_round): the 教育局 submitted from its register, the
 * 自然资源局 uploaded a DOCX with an error in it, the 卫生健康委员会 has
 * not submitted and is late.
 */
#include "srv.h"
#include "xxgk_round.h"

#include <stdio.h>
#include <string.h>

static uint32_t rnd_state = 20240601u;

static uint32_t rnd(uint32_t n) {
  rnd_state = rnd_state * 1664525u + 1013904223u;
  return (rnd_state >> 8) % n;
}

static const char *const SURNAMES[] = {"王", "李", "张", "刘", "陈", "杨",
                                       "赵", "黄", "周", "吴", "徐", "孙"};
static const char *const GIVEN[] = {"伟", "芳", "娜", "敏", "静", "强",
                                    "磊", "洋", "艳", "勇", "军", "杰",
                                    "娟", "涛", "明", "超"};
static const char *const COMPANIES[] = {
    "示例市宏达建设有限公司", "示例市绿源环保科技有限公司",
    "示例市德信律师事务所", "示例大学公共管理学院",
    "示例市助残公益服务中心", "示例市业主委员会联合会"};
static const char *const TOPICS[][2] = {
    {"教育", "2025年秋季学期义务教育阶段学校招生划片范围及依据文件"},
    {"教育", "本市民办幼儿园收费标准核定文件及成本监审报告"},
    {"教育", "某中学新建教学楼项目的立项批复和验收材料"},
    {"教育", "教师招聘考试的成绩计算办法及拟聘用人员公示名单"},
    {"资源", "某村集体土地征收的征地批复、补偿标准和安置方案"},
    {"资源", "某地块国有建设用地使用权出让合同及规划条件"},
    {"资源", "本市矿产资源总体规划及环境影响评价文件"},
    {"资源", "某小区规划许可证及建设工程规划核实意见"},
    {"通用", "本机关2025年度部门预算和决算说明"},
    {"通用", "本机关办理人大代表建议和政协提案的答复文件"},
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Outcome keys with weights (per 100): most replies grant the request. */
static const struct {
  const char *key;
  int weight;
} OUTCOMES[] = {
    {"granted", 40},
    {"partially_granted", 12},
    {"withheld_third_party_rights", 3},
    {"withheld_process_information", 4},
    {"withheld_enforcement_file", 2},
    {"unable_not_held", 18},
    {"unable_needs_creation", 5},
    {"unable_unclear", 2},
    {"not_processed_petition", 4},
    {"not_processed_duplicate", 3},
    {"not_processed_publication", 2},
    {"other_other", 5},
};

static const char *outcome(void) {
  int total = 0;
  for (size_t i = 0; i < N(OUTCOMES); i++)
    total += OUTCOMES[i].weight;
  int x = (int)rnd((uint32_t)total);
  for (size_t i = 0; i < N(OUTCOMES); i++) {
    if (x < OUTCOMES[i].weight)
      return OUTCOMES[i].key;
    x -= OUTCOMES[i].weight;
  }
  return "granted";
}

static const char *category(void) {
  uint32_t x = rnd(100);
  return x < 70   ? "natural_person"
         : x < 84 ? "commercial"
         : x < 88 ? "research"
         : x < 91 ? "social_welfare"
         : x < 96 ? "legal_services"
                  : "other_org";
}

static const char *basis(const char *o) {
  if (strncmp(o, "withheld_", 9) == 0)
    return "《中华人民共和国政府信息公开条例》第三十六条第（三）项";
  if (strncmp(o, "unable_", 7) == 0)
    return "《中华人民共和国政府信息公开条例》第三十六条第（四）项";
  if (strncmp(o, "not_processed_", 14) == 0)
    return "《中华人民共和国政府信息公开条例》第三十六条第（六）项";
  return "《中华人民共和国政府信息公开条例》第三十六条第（二）项";
}

struct demo {
  xxgk_reg *r;
  xxgk_cal *cal;
  xxgk_date today;
};

/* d plus n working days (n >= 1), or d itself if the calendar cannot. */
static xxgk_date wd(const struct demo *m, xxgk_date d, int n) {
  xxgk_date out = d;
  if (n < 1 || xxgk_cal_add_workdays(m->cal, d, n, &out) != XXGK_OK)
    return d;
  return out;
}

static int event(struct demo *m, int64_t id, xxgk_event_kind k, xxgk_date d,
                 const char *out) {
  char date[11];
  if (d >= m->today)
    return -1; /* nothing is recorded in the future */
  xxgk_date_format(d, date);
  xxgk_event e = {.case_id = id, .kind = k, .date = date, .outcome = out};
  if (k == XXGK_EV_REPLY)
    e.basis = basis(out);
  if (k == XXGK_EV_FEE_NOTICE) {
    e.method = XXGK_FEE_BY_PAGE;
    e.quantity = 40 + (int64_t)rnd(200);
  }
  return xxgk_reg_event_add(m->r, &e) == XXGK_OK ? 0 : -1;
}

/* One application received on `day` by `agency`; `open` leaves it
 * without a final step. Returns its id if it was answered, else 0. */
static int64_t application(struct demo *m, int64_t agency, const char *field,
                           xxgk_date day, int open) {
  char received[11], name[64], idn[24], phone[16];
  xxgk_date_format(day, received);
  const char *cat = category();
  if (strcmp(cat, "natural_person") == 0)
    snprintf(name, sizeof name, "%s%s%s", SURNAMES[rnd(N(SURNAMES))],
             GIVEN[rnd(N(GIVEN))], rnd(2) ? GIVEN[rnd(N(GIVEN))] : "");
  else
    snprintf(name, sizeof name, "%s", COMPANIES[rnd(N(COMPANIES))]);
  snprintf(idn, sizeof idn, "1101%02u19%02u%02u%02u%03u%u", rnd(20) + 1,
           rnd(40) + 60, rnd(12) + 1, rnd(28) + 1, rnd(1000), rnd(10));
  snprintf(phone, sizeof phone, "13%u%08u", rnd(10), rnd(100000000));
  const char *topic = NULL;
  while (!topic) {
    size_t t = rnd(N(TOPICS));
    if (strcmp(TOPICS[t][0], field) == 0 || strcmp(TOPICS[t][0], "通用") == 0)
      topic = TOPICS[t][1];
  }
  static const char *const CH[] = {"网络", "网络", "网络", "当面", "邮寄"};
  xxgk_case c = {.agency_id = agency,
                 .channel = CH[rnd(N(CH))],
                 .received = received,
                 .category = cat,
                 .name = name,
                 .id_number = strcmp(cat, "natural_person") == 0 ? idn : NULL,
                 .contact = phone,
                 .content = topic,
                 .delivery = rnd(2) ? "电子邮件" : "纸质"};
  if (xxgk_reg_case_new(m->r, &c) != XXGK_OK)
    return 0;
  xxgk_date at = day;
  uint32_t path = rnd(100);
  if (path < 8) {
    at = wd(m, at, 2);
    event(m, c.id, XXGK_EV_CORRECTION_REQUESTED, at, NULL);
    at = wd(m, at, 3 + (int)rnd(4));
    event(m, c.id, XXGK_EV_CORRECTION_RECEIVED, at, NULL);
  } else if (path < 13) {
    at = wd(m, at, 3);
    event(m, c.id, XXGK_EV_CONSULT_STARTED, at, NULL);
    at = wd(m, at, 5 + (int)rnd(6));
    event(m, c.id, XXGK_EV_CONSULT_ANSWERED, at, NULL);
  } else if (path < 16) {
    at = wd(m, at, 2);
    event(m, c.id, XXGK_EV_FEE_NOTICE, at, NULL);
    at = wd(m, at, 2 + (int)rnd(5));
    event(m, c.id, XXGK_EV_FEE_PAID, at, NULL);
  } else if (path < 19 && !open) {
    event(m, c.id, XXGK_EV_WITHDRAWN, wd(m, at, 3), NULL);
    return 0;
  }
  if (open)
    return 0;
  if (rnd(100) < 7) {
    at = wd(m, at, 14);
    event(m, c.id, XXGK_EV_EXTENDED, at, NULL);
    at = wd(m, at, 3 + (int)rnd(15));
  } else {
    at = wd(m, at, 4 + (int)rnd(14));
  }
  return event(m, c.id, XXGK_EV_REPLY, at, outcome()) == 0 ? c.id : 0;
}

static void user(struct demo *m, int64_t agency, const char *name,
                 const char *login, const char *password) {
  xxgk_reg_user_set_login(m->r, agency, name, login, password);
}

static void documents(struct demo *m, int64_t agency, int year, int n) {
  static const char *const TITLES[] = {
      "关于进一步规范政府信息公开申请办理工作的通知",
      "政务公开工作实施细则", "关于推进基层政务公开标准化规范化的意见",
      "行政执法公示办法", "重大行政决策程序规定"};
  for (int i = 0; i < n; i++) {
    char issued[32], number[64];
    snprintf(issued, sizeof issued, "%04d-%02u-%02u", year, rnd(11) + 1,
             rnd(27) + 1);
    snprintf(number, sizeof number, "示政办发〔%d〕%u号", year, rnd(40) + 1);
    xxgk_record rec = {.agency_id = agency,
                       .kind = i == 0 && n > 2 ? "rules"
                                               : "normative_documents",
                       .title = TITLES[rnd(N(TITLES))],
                       .number = number,
                       .issued = issued};
    xxgk_reg_record_add(m->r, &rec);
    if (i == 1) {
      char repealed[32];
      snprintf(repealed, sizeof repealed, "%04d-12-%02u", year, rnd(20) + 1);
      xxgk_reg_record_repeal(m->r, rec.id, repealed);
    }
  }
}

static void figures(struct demo *m, int64_t agency, int year) {
  char v[32];
  snprintf(v, sizeof v, "%u", 200 + rnd(800));
  xxgk_reg_figure_set(m->r, agency, year, "licensing", v);
  snprintf(v, sizeof v, "%u", 20 + rnd(200));
  xxgk_reg_figure_set(m->r, agency, year, "punishment", v);
  snprintf(v, sizeof v, "%u", rnd(20));
  xxgk_reg_figure_set(m->r, agency, year, "coercion", v);
  snprintf(v, sizeof v, "%u.%04u", rnd(300), rnd(10000));
  xxgk_reg_figure_set(m->r, agency, year, "fees", v);
}

/* Reviews and suits about answered applications (cases[0..n)). */
static void reviews(struct demo *m, int64_t agency, int year,
                    const int64_t *cases, int n) {
  static const char *const KINDS[] = {"administrative_review",
                                      "administrative_review",
                                      "litigation_direct",
                                      "litigation_after_review"};
  static const char *const RESULTS[] = {"upheld", "upheld", "corrected",
                                        "other"};
  for (size_t i = 0; i < N(KINDS); i++) {
    char filed[32], decided[32];
    snprintf(filed, sizeof filed, "%04d-%02u-%02u", year, rnd(2) + 8,
             rnd(27) + 1);
    if ((int)i >= n)
      break;
    xxgk_review v = {.agency_id = agency,
                     .kind = KINDS[i],
                     .filed = filed,
                     .note = "申请人对答复不服",
                     .cases = &cases[i],
                     .n_cases = 1};
    if (xxgk_reg_review_add(m->r, &v) != XXGK_OK || i == 3)
      continue; /* the last stays pending */
    snprintf(decided, sizeof decided, "%04d-%02u-%02u", year, rnd(2) + 10,
             rnd(27) + 1);
    xxgk_reg_review_decide(m->r, v.id, RESULTS[rnd(N(RESULTS))], decided);
  }
}

struct count {
  int n;
};

static int count_agency(void *ctx, const xxgk_agency *a, int depth) {
  (void)a;
  (void)depth;
  ((struct count *)ctx)->n++;
  return 0;
}

int srv_demo_seed(xxgk_reg *r, xxgk_date today, const char *password) {
  struct count k = {0};
  if (xxgk_reg_agency_list(r, count_agency, &k) != XXGK_OK)
    return -1;
  if (k.n)
    return 0; /* already a register: serve it as it is */
  struct demo m = {r, xxgk_reg_calendar(r), today};
  xxgk_reg_set_user(r, "demo");
  xxgk_agency office = {.name = "示例市人民政府办公室"};
  if (xxgk_reg_agency_add(r, &office) != XXGK_OK)
    return -1;
  xxgk_agency edu = {.parent_id = office.id, .name = "示例市教育局"};
  xxgk_agency land = {.parent_id = office.id, .name = "示例市自然资源局"};
  /* a unit in the round by name and login only: it uploads its report */
  xxgk_agency health = {.parent_id = office.id, .name = "示例市卫生健康委员会",
                        .no_register = 1};
  if (xxgk_reg_agency_add(r, &edu) != XXGK_OK ||
      xxgk_reg_agency_add(r, &land) != XXGK_OK ||
      xxgk_reg_agency_add(r, &health) != XXGK_OK)
    return -1;
  user(&m, office.id, "王敏", "dubanshi", password);
  user(&m, edu.id, "李静", "jiaoyu", password);
  user(&m, land.id, "张伟", "ziyuan", password);
  user(&m, health.id, "陈芳", "weijian", password);
  int year = xxgk_date_year(today) - 1;
  char jan1[32];
  snprintf(jan1, sizeof jan1, "%04d-01-02", year);
  xxgk_date start;
  xxgk_date_parse(jan1, &start);
  const struct {
    int64_t id;
    const char *field;
    int per_year;
  } UNITS[] = {{edu.id, "教育", 70}, {land.id, "资源", 55},
               {office.id, "通用", 12}};
  for (size_t u = 0; u < N(UNITS); u++) {
    /* last year and this year to date, one every few working days */
    int gap = 250 / UNITS[u].per_year;
    int64_t answered[4];
    int n_answered = 0;
    for (xxgk_date d = wd(&m, start - 1, 1); d < today;
         d = wd(&m, d, 1 + (int)rnd((uint32_t)gap * 2))) {
      /* received in the last 30 working days: open (some overdue) */
      int open = wd(&m, d, 30) > today && rnd(100) < 85;
      int64_t id = application(&m, UNITS[u].id, UNITS[u].field, d, open);
      if (id && n_answered < 4 && xxgk_date_year(d) == year &&
          d > start + 120)
        answered[n_answered++] = id;
    }
    documents(&m, UNITS[u].id, year, u == 2 ? 3 : 2);
    figures(&m, UNITS[u].id, year);
    if (u < 2)
      reviews(&m, UNITS[u].id, year, answered, n_answered);
  }
  xxgk_reg_narrative_set(
      r, edu.id, year, XXGK_SEC_OVERVIEW,
      "本年度，示例市教育局认真贯彻落实《中华人民共和国政府信息公开条例》，"
      "围绕招生入学、教育收费、教师招聘等群众关注的事项，做好主动公开和依申请"
      "公开工作。");
  xxgk_reg_set_user(r, "unknown");
  return 0;
}

/* ## The demo round */

static int demo_fail(xxgk_round *rd) {
  fprintf(stderr, "xxgk serve: 示例报送轮次：%s\n", xxgk_round_errmsg(rd));
  return -1;
}

struct named {
  const char *name;
  int64_t id;
};

static int find_named(void *ctx, const xxgk_agency *a, int depth) {
  struct named *x = ctx;
  (void)depth;
  if (strcmp(a->name, x->name) == 0)
    x->id = a->id;
  return 0;
}

static int any_round(void *ctx, const xxgk_round_info *i) {
  (void)i;
  *(int *)ctx = 1;
  return 1;
}

/* The 自然资源局's report from its register, with one figure typed wrong
 * (granted to natural persons one more than the row's total says), as
 * the DOCX a clerk would have written: *docx freed with xxgk_free. */
static xxgk_status wrong_docx(xxgk_reg *r, int64_t agency, int year,
                              char **docx, size_t *n) {
  xxgk_doc *d = NULL;
  xxgk_status st = xxgk_reg_report(r, agency, year, &d);
  int row, col;
  if (st == XXGK_OK &&
      xxgk_dict_find_key("applications.granted.natural_person",
                         xxgk_doc_format(d), &row, &col) == 0) {
    xxgk_cell c = *xxgk_doc_cell(d, row, col);
    int64_t one = 1;
    for (int k = 0; k < c.num.scale; k++)
      one *= 10;
    c.num.mant += one;
    c.state = XXGK_CELL_VALUE;
    xxgk_doc_set_cell(d, row, col, &c);
    st = xxgk_render_docx(d, docx, n);
  } else if (st == XXGK_OK) {
    st = XXGK_E_REFUSED;
  }
  xxgk_doc_free(d);
  return st;
}

/* The register's clock and day at `at` ("YYYY-MM-DDTHH:MM:SSZ"; NULL:
 * the real ones): the submission's time and the day its lateness counts. */
static void on_day(xxgk_reg *r, const char *at) {
  xxgk_date d = 0;
  char day[11] = "";
  if (at) {
    memcpy(day, at, 10);
    xxgk_date_parse(day, &d);
  }
  xxgk_reg_set_clock(r, at);
  xxgk_reg_set_today(r, d);
}

int srv_demo_round(const char *db, xxgk_date today) {
  xxgk_round *rd;
  if (xxgk_round_open(db, 0, &rd) != XXGK_OK) {
    demo_fail(rd);
    xxgk_round_close(rd);
    return -1;
  }
  xxgk_reg *r = xxgk_round_reg(rd);
  int found = 0, rc = 0;
  xxgk_round_list(rd, 0, any_round, &found);
  if (found) /* a register served again: its rounds as they are */
    goto done;
  xxgk_reg_set_user(r, "dubanshi");
  int year = xxgk_date_year(today) - 1;
  char due[16];
  snprintf(due, sizeof due, "%04d-01-31", year + 1);
  xxgk_date due_day = 0;
  xxgk_date_parse(due, &due_day);
  struct named a[] = {{"示例市人民政府办公室", 0}, {"示例市教育局", 0},
                      {"示例市自然资源局", 0}};
  for (size_t i = 0; i < N(a); i++) {
    if (xxgk_reg_agency_list(r, find_named, &a[i]) != XXGK_OK)
      goto fail;
    if (!a[i].id) /* not the demo's register: served as it is */
      goto done;
  }
  int64_t office = a[0].id, edu = a[1].id, land = a[2].id, id;
  if (xxgk_round_new(rd, office, year, due, &id) != XXGK_OK)
    goto fail;
  /* the two submitted in the week before the deadline, when it is past */
  int past = today > due_day;
  char at[32];
  xxgk_doc *doc = NULL;
  snprintf(at, sizeof at, "%04d-01-20T09:30:00Z", year + 1);
  on_day(r, past ? at : NULL);
  xxgk_reg_set_user(r, "jiaoyu");
  if (xxgk_reg_report(r, edu, year, &doc) != XXGK_OK) {
    xxgk_doc_free(doc);
    goto fail;
  }
  if (xxgk_round_put(rd, id, edu, doc, NULL, 0, NULL, NULL) != XXGK_OK ||
      xxgk_round_submit(rd, id, edu) != XXGK_OK)
    goto fail;
  char *docx = NULL;
  size_t n = 0;
  snprintf(at, sizeof at, "%04d-01-27T15:10:00Z", year + 1);
  on_day(r, past ? at : NULL);
  xxgk_reg_set_user(r, "ziyuan");
  if (wrong_docx(r, land, year, &docx, &n) != XXGK_OK)
    goto fail;
  doc = NULL;
  xxgk_status st = xxgk_read(docx, n, &doc);
  if (st == XXGK_OK || st == XXGK_E_INCOMPLETE) {
    char name[96];
    snprintf(name, sizeof name, "自然资源局%d年度报告.docx", year);
    st = xxgk_round_put(rd, id, land, doc, docx, n, name, NULL);
  } else {
    xxgk_doc_free(doc);
  }
  xxgk_free(docx);
  if (st != XXGK_OK ||
      xxgk_round_note_add(rd, id, land, 1, 1, NULL, XXGK_SIDE_UNIT,
                          "表三按签发原件填写，正在核对", NULL) != XXGK_OK ||
      xxgk_round_submit(rd, id, land) != XXGK_OK)
    goto fail;
  goto done;
fail:
  rc = demo_fail(rd);
done:
  xxgk_round_close(rd);
  return rc;
}
