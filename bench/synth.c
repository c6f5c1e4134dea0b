/*
 * synth.c — plausible synthetic annual reports (see synth.h).
 *
 * Each report is drawn from its own random stream (splitmix64 of the seed
 * and the index), so report i never depends on how many come before it.
 *
 * The figures follow the shape of real reports: an agency size drawn
 * log-uniformly (from a unit that received nothing to a city government
 * with thousands of applications), natural persons filing most
 * applications, most outcomes 予以公开 or 本机关不掌握, the 不予公开 reasons
 * rare. Table 3 is built so that the rules hold by construction:
 *
 *   per applicant column c: received, carried_over drawn; carried_forward
 *   a small share of the inflow; total = inflow − carried_forward (A1);
 *   total split over the outcome rows by largest remainder (A2);
 *   the 总计 column is the sum of the six applicant columns (A3).
 *
 * Table 4 sums each group's four results into its 总计 (R1); the overview
 * states the received, answered and carried-forward totals and the review
 * and litigation counts exactly as the tables do (N1). Everything goes
 * through the public API: xxgk_doc_new, xxgk_doc_set_*, xxgk_dict_*.
 */
#include "synth.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ## Random numbers: splitmix64, one stream per report. */

typedef struct {
  uint64_t s;
} rng;

static uint64_t next(rng *r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double unit(rng *r) { return (double)(next(r) >> 11) / 9007199254740992.0; }

/* Uniform in [lo, hi]. */
static int64_t range(rng *r, int64_t lo, int64_t hi) {
  return lo + (int64_t)(next(r) % (uint64_t)(hi - lo + 1));
}

static int chance(rng *r, double p) { return unit(r) < p; }

/* About x (±40%), rounded, never negative. */
static int64_t about(rng *r, double x) {
  double v = x * (0.6 + 0.8 * unit(r));
  return v < 0 ? 0 : (int64_t)llround(v);
}

#define PICK(r, a) ((a)[next(r) % (sizeof(a) / sizeof((a)[0]))])

/* ## Agencies */

static const char *const PLACES[] = {
    "北京市海淀区", "天津市南开区", "上海市浦东新区", "重庆市南岸区",
    "河北省石家庄市", "山西省太原市", "辽宁省大连市", "吉林省长春市",
    "黑龙江省哈尔滨市", "江苏省南京市", "浙江省杭州市", "安徽省合肥市",
    "福建省厦门市", "江西省南昌市", "山东省青岛市", "河南省洛阳市",
    "湖北省武汉市", "湖南省长沙市", "广东省深圳市", "广西壮族自治区南宁市",
    "海南省海口市", "四川省成都市", "贵州省贵阳市", "云南省昆明市",
    "陕西省西安市", "甘肃省兰州市", "青海省西宁市", "宁夏回族自治区银川市",
    "内蒙古自治区呼和浩特市", "新疆维吾尔自治区乌鲁木齐市"};
static const char *const DISTRICTS[] = {
    "", "", "", "城关区", "高新区", "江北区", "河西区", "新城区",
    "经济技术开发区", "老城区", "滨海新区"};
static const char *const DEPTS[] = {
    "人民政府", "人民政府办公室", "发展和改革委员会", "教育局", "公安局",
    "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农业农村局",
    "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局",
    "市场监督管理局", "统计局", "医疗保障局", "城市管理综合执法局"};

/* ## Narrative */

/* A last element split over lines is parenthesised: clang's
 * -Wstring-concatenation takes it for two elements missing a comma. */
static const char *const OPENING[] = {
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，"
    "认真落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署"
    "要求，坚持以公开为常态、不公开为例外，持续提升政务公开质量和实效。",
    "深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署，严格执行"
    "《中华人民共和国政府信息公开条例》，围绕中心工作和群众关切，不断加大"
    "公开力度，拓展公开领域，切实保障人民群众的知情权、参与权、表达权和"
    "监督权。",
    ("按照《条例》要求，把政务公开作为建设法治政府、服务型政府的重要抓手，"
    "健全工作机制，规范公开流程，提高公开质量，推动政务公开工作取得新成效。")};
static const char *const ACTIVE_TEXT[] = {
    "围绕优化营商环境、民生保障、乡村振兴等重点领域，及时公开政策文件及"
    "解读材料，充分利用政府网站和政务新媒体平台发布权威信息，",
    "聚焦群众关注的教育、医疗、住房、就业和社会保障等领域，做好政策解读和"
    "回应关切，规范发布财政预决算、重大建设项目和公共资源配置信息，",
    "严格落实公文公开属性源头认定制度，做好规范性文件的集中发布和动态更新，"
    "推进决策、执行、管理、服务、结果公开，"};
static const char *const MANAGE_TEXT[] = {
    "规范政府信息公开申请的登记、审核、办理、答复、归档等环节，建立依申请"
    "公开会商机制，充分发挥法律顾问和公职律师作用，依法依规做好答复工作，"
    "切实提高答复质量。",
    "一是抓培训促提升。举办政府信息公开专题培训，深入解析公开规范流程，"
    "介绍常见问题解决思路。二是抓标准促规范。巩固公文公开属性认定和发布审查"
    "工作，不断细化梳理网站发布目录。三是抓组织促落实。对政府信息公开指南等"
    "栏目集中维护，确保格式统一、内容完整、权威规范。",
    "严格落实政府信息公开保密审查机制，坚持先审查、后公开，一事一审、全面"
    "审查，确保公开信息的准确性和安全性；定期对已公开的政府信息进行清理，"
    "及时更新失效信息。"};
static const char *const PLATFORM_TEXT[] = {
    "推进政务服务事项清单、办事指南和基层政务公开标准目录在网站集中发布，"
    "实现一网通查；优化依申请公开在线申请系统，申请人可在线提交申请、"
    "查询办理进度。",
    "统筹政府网站集约化建设，完成网站适老化和无障碍改造，优化栏目设置和"
    "搜索功能；加强政务新媒体规范管理，推动政务公开专区标准化建设，为群众"
    "查阅政府信息提供便利。",
    ("持续完善政府门户网站政府信息公开专栏，做好政策文件库建设，加强政务"
    "新媒体内容审核和日常巡查，确保平台安全平稳运行。")};
static const char *const SUPERVISE_TEXT[] = {
    "成立由主要负责同志任组长的政务公开工作领导小组，明确分管领导和专职"
    "工作人员，建立健全政务公开工作制度，将政务公开经费纳入年度预算，"
    "为工作开展提供有力保障。",
    "组织开展政府信息公开工作自查，对照基层政务公开标准目录逐项梳理，"
    "对发现的栏目空白、内容滞后等问题建立台账，限期整改到位。",
    "将政务公开工作纳入年度绩效考核，加强日常督促检查，畅通社会评议渠道，"
    "主动接受群众监督，本年度未发生因政务公开工作引发的责任追究情况。",
    "健全政务公开工作考核评议制度，邀请人大代表、政协委员和群众代表参与"
    "评议，对发现的问题及时督促整改。"};
static const char *const PROBLEMS_TEXT[] = {
    "本年度政府信息公开工作取得一定成效，但仍存在一些不足：一是政策解读"
    "形式还不够丰富，图文、视频解读比例偏低；二是部分栏目信息更新不够及时；"
    "三是工作人员业务能力有待进一步提升。\n"
    "下一步，将着力丰富解读形式，加强栏目日常维护，定期组织业务培训，"
    "不断提升政务公开工作水平。",
    "存在的问题主要是公开内容的深度和广度还需拓展，依申请公开答复的规范化"
    "水平有待提高。\n"
    "改进措施：一是加强统筹协调，压实各科室公开责任；二是完善依申请公开"
    "办理流程，严格执行法定期限；三是加强学习培训，提高工作人员依法公开的"
    "意识和能力。"};

/* ## Cells */

static void put(xxgk_doc *d, int row, int col, int64_t mant, int scale) {
  xxgk_cell c = {{mant, (uint8_t)scale}, XXGK_CELL_VALUE, 0, 0,
                 XXGK_HOW_PLAIN};
  xxgk_doc_set_cell(d, row, col, &c);
}

static int64_t get(const xxgk_doc *d, int row, int col) {
  const xxgk_cell *c = xxgk_doc_cell(d, row, col);
  return c ? c->num.mant : 0;
}

static int row_of(const xxgk_doc *d, xxgk_table t, const char *key) {
  return xxgk_dict_find_row(t, key, xxgk_doc_format(d));
}

/* Money as printed: 0, or a few digits with 2 or 4 decimals. */
static void put_money(rng *r, xxgk_doc *d, int row, int col, double size) {
  if (chance(r, 0.4)) {
    put(d, row, col, 0, 0);
    return;
  }
  int scale = chance(r, 0.5) ? 4 : 2;
  double v = size * (0.05 + unit(r)) * (scale == 4 ? 10000 : 100);
  put(d, row, col, (int64_t)v + 1, scale);
}

/* Table 2: 主动公开 — small counts of rules and documents, large counts of
 * decisions, fees in 万元, procurement amounts. */
static void table_active(rng *r, xxgk_doc *d, double size) {
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *rd = xxgk_dict_row(i);
    if (rd->table != XXGK_T_ACTIVE || !(rd->formats & xxgk_doc_format(d)))
      continue;
    int rules = strcmp(rd->key, "rules") == 0;
    double docs = rules ? 0.3 : 3 + size / 20;
    for (int c = 0; c < rd->n_cols; c++) {
      const char *k = rd->cols[c].key;
      if (rd->cols[c].kind == XXGK_KIND_MONEY)
        put_money(r, d, i, c, size);
      else if (strcmp(k, "issued") == 0 || strcmp(k, "made") == 0 ||
               strcmp(k, "published") == 0)
        put(d, i, c, about(r, docs), 0);
      else if (strcmp(k, "repealed") == 0)
        put(d, i, c, about(r, docs / 4), 0);
      else if (strcmp(k, "in_force") == 0 || strcmp(k, "total_published") == 0)
        put(d, i, c, about(r, docs * 12) + get(d, i, 0), 0);
      else if (strcmp(k, "change") == 0)
        put(d, i, c, range(r, -5, 8), 0);
      else if (strcmp(k, "previous") == 0 || strcmp(k, "items") == 0)
        put(d, i, c, about(r, 5 + size / 30), 0);
      else /* decisions: licences and penalties run into the thousands */
        put(d, i, c, chance(r, 0.15) ? 0 : about(r, size * 4 * unit(r)), 0);
    }
  }
}

/* Outcome weights of table 3, by row key; other rows get RARE. */
static double outcome_weight(const char *key) {
  static const struct {
    const char *key;
    double w;
  } W[] = {{"granted", 45},          {"partially_granted", 10},
           {"unable_not_held", 20},  {"unable_needs_creation", 3},
           {"unable_unclear", 2},    {"not_processed_petition", 3},
           {"not_processed_duplicate", 2},
           {"other_no_correction", 3}, {"other_other", 3}, {"other", 5}};
  for (size_t i = 0; i < sizeof W / sizeof W[0]; i++)
    if (strcmp(W[i].key, key) == 0)
      return W[i].w;
  return 0.6; /* 不予公开 reasons, 公开出版物, 逾期未缴费 … */
}

/* Splits n over k parts in proportion to w (randomised), exactly: floors,
 * then the remaining units to parts drawn by weight. */
static void split(rng *r, int64_t n, const double *w, int k, int64_t *out) {
  double ww[32], sum = 0;
  for (int i = 0; i < k; i++)
    sum += ww[i] = w[i] * (0.3 + 1.4 * unit(r));
  int64_t left = n;
  for (int i = 0; i < k; i++) {
    out[i] = sum > 0 ? (int64_t)floor((double)n * ww[i] / sum) : 0;
    left -= out[i];
  }
  while (left-- > 0) {
    double x = unit(r) * sum;
    int i = 0;
    while (i + 1 < k && x >= ww[i])
      x -= ww[i++];
    out[i]++;
  }
}

/* Table 3, so that A1, A2 and A3 hold. */
static void table_applications(rng *r, xxgk_doc *d, double size) {
  static const double BY_APPLICANT[6] = {85, 8, 0.5, 0.5, 3, 3};
  int received = row_of(d, XXGK_T_APPLICATIONS, "received");
  int carried_over = row_of(d, XXGK_T_APPLICATIONS, "carried_over");
  int total = row_of(d, XXGK_T_APPLICATIONS, "total");
  int forward = row_of(d, XXGK_T_APPLICATIONS, "carried_forward");
  int outcome[32], n_out = 0;
  double w[32];
  for (int i = 0; i < xxgk_dict_n_rows() && n_out < 32; i++) {
    const xxgk_row_def *rd = xxgk_dict_row(i);
    if (rd->table == XXGK_T_APPLICATIONS && rd->role == XXGK_ROLE_OUTCOME &&
        (rd->formats & xxgk_doc_format(d))) {
      w[n_out] = outcome_weight(rd->key);
      outcome[n_out++] = i;
    }
  }
  int64_t by[6];
  int64_t apps = chance(r, 0.12) ? 0 : about(r, size);
  split(r, apps, BY_APPLICANT, 6, by);
  for (int c = 0; c < 6; c++) {
    int64_t in = by[c], over = about(r, (double)in * 0.03);
    int64_t fwd = about(r, (double)(in + over) * 0.04);
    put(d, received, c, in, 0);
    put(d, carried_over, c, over, 0);
    put(d, forward, c, fwd, 0);
    put(d, total, c, in + over - fwd, 0);
    int64_t parts[32];
    split(r, in + over - fwd, w, n_out, parts);
    for (int k = 0; k < n_out; k++)
      put(d, outcome[k], c, parts[k], 0);
  }
  for (int i = 0; i < xxgk_dict_n_rows(); i++) { /* the 总计 column */
    const xxgk_row_def *rd = xxgk_dict_row(i);
    if (rd->table != XXGK_T_APPLICATIONS || !(rd->formats & xxgk_doc_format(d)))
      continue;
    int64_t s = 0;
    for (int c = 0; c < 6; c++)
      s += get(d, i, c);
    put(d, i, 6, s, 0);
  }
}

/* Table 4, so that R1 holds. */
static void table_reviews(rng *r, xxgk_doc *d, double size) {
  static const double RESULTS[4] = {60, 8, 15, 17};
  for (int i = 0; i < xxgk_dict_n_rows(); i++) {
    const xxgk_row_def *rd = xxgk_dict_row(i);
    if (rd->table != XXGK_T_REVIEWS || !(rd->formats & xxgk_doc_format(d)))
      continue;
    double share = strcmp(rd->key, "administrative_review") == 0 ? 0.04 : 0.01;
    int64_t n = chance(r, 0.3) ? 0 : about(r, size * share), part[4];
    split(r, n, RESULTS, 4, part);
    for (int c = 0; c < 4; c++)
      put(d, i, c, part[c], 0);
    put(d, i, 4, n, 0);
  }
}

/* 信息处理费: most agencies charge nothing; a few send notices. */
static void fees(rng *r, xxgk_doc *d) {
  int row = row_of(d, XXGK_T_FEES, NULL);
  if (row < 0)
    return;
  if (chance(r, 0.85)) {
    for (int c = 0; c < 3; c++)
      put(d, row, c, 0, 0);
    return;
  }
  int64_t notices = range(r, 1, 6), due = notices * range(r, 10, 400) * 100;
  int64_t paid = chance(r, 0.7) ? due : due - range(r, 0, due / 2);
  put(d, row, 0, notices, 0);
  put(d, row, 1, due, 2);
  put(d, row, 2, paid, 2);
}

static int64_t key_value(const xxgk_doc *d, const char *key) {
  int row, col;
  if (xxgk_dict_find_key(key, xxgk_doc_format(d), &row, &col) != 0)
    return 0;
  return get(d, row, col);
}

/* Appends 1 … all of bank's sentences, from a random one on, into s. */
#define SOME(r, bank, s, n)                                                    \
  do {                                                                         \
    size_t k_ = sizeof(bank) / sizeof((bank)[0]), at_ = next(r) % k_;          \
    for (size_t j_ = (size_t)range(r, 1, (int64_t)k_); j_ > 0; j_--)          \
      n += (size_t)snprintf(s + n, sizeof s - n, "%s", bank[at_++ % k_]);     \
  } while (0)

/* Part 一 in the usual five paragraphs; it states the table's figures as
 * the N1 rule reads them, in one of the two wordings real reports use. */
static void overview(rng *r, xxgk_doc *d, const char *agency, int year) {
  char s[8192];
  size_t n = 0;
#define ADD(...) n += (size_t)snprintf(s + n, sizeof s - n, __VA_ARGS__)
  ADD("%d年，%s%s\n", year, agency, PICK(r, OPENING));
  ADD("（一）主动公开\n%s全年主动公开政府信息%lld条。\n", PICK(r, ACTIVE_TEXT),
      (long long)range(r, 50, 20000));
  int64_t rec = key_value(d, "applications.received.total");
  int64_t over = key_value(d, "applications.carried_over.total");
  int64_t done = key_value(d, "applications.total.total");
  int64_t fwd = key_value(d, "applications.carried_forward.total");
  if (chance(r, 0.5))
    ADD("（二）依申请公开\n本年度共收到政府信息公开申请%lld件，上年结转%lld件，"
        "办结%lld件，结转下年度继续办理%lld件。",
        (long long)rec, (long long)over, (long long)done, (long long)fwd);
  else
    ADD("（二）依申请公开\n严格遵循《条例》规定，规范办理流程。%d年共受理依"
        "申请公开政府信息%lld件（其中包括%d年结转%lld件），办结%lld件，"
        "结转下年度继续办理%lld件。",
        year, (long long)(rec + over), year - 1, (long long)over,
        (long long)done, (long long)fwd);
  if (chance(r, 0.7))
    ADD("本年度涉及政府信息公开的行政复议%lld件，行政诉讼%lld件。",
        (long long)key_value(d, "reviews.administrative_review.total"),
        (long long)(key_value(d, "reviews.litigation_direct.total") +
                    key_value(d, "reviews.litigation_after_review.total")));
  ADD("\n（三）政府信息管理\n");
  SOME(r, MANAGE_TEXT, s, n);
  ADD("\n（四）政府信息公开平台建设\n");
  SOME(r, PLATFORM_TEXT, s, n);
  ADD("\n（五）监督保障\n");
  SOME(r, SUPERVISE_TEXT, s, n);
#undef ADD
  xxgk_doc_set_section(d, XXGK_SEC_OVERVIEW, s);
}

/* ## Mutation: one cell off by a few, and the rules that must then fire. */

static void mutate(rng *r, xxgk_doc *d, synth_mutation *m) {
  static const struct {
    xxgk_table t;
    const char *row; /* NULL: any outcome row of table 3 */
    int n_cols;      /* the columns that may change      */
    const char *rules;
  } KINDS[] = {
      {XXGK_T_APPLICATIONS, NULL, 6, "A2 A3"},
      {XXGK_T_APPLICATIONS, "received", 6, "A1 A3"},
      {XXGK_T_APPLICATIONS, "carried_over", 6, "A1 A3"},
      {XXGK_T_APPLICATIONS, "carried_forward", 6, "A1 A3"},
      {XXGK_T_REVIEWS, "administrative_review", 4, "R1"},
      {XXGK_T_REVIEWS, "litigation_direct", 4, "R1"},
  };
  int k = (int)(next(r) % (sizeof KINDS / sizeof KINDS[0]));
  int row;
  if (KINDS[k].row) {
    row = row_of(d, KINDS[k].t, KINDS[k].row);
  } else {
    int outcome[32], n = 0;
    for (int i = 0; i < xxgk_dict_n_rows() && n < 32; i++) {
      const xxgk_row_def *rd = xxgk_dict_row(i);
      if (rd->role == XXGK_ROLE_OUTCOME && (rd->formats & xxgk_doc_format(d)))
        outcome[n++] = i;
    }
    row = outcome[next(r) % (uint64_t)n];
  }
  int col = (int)(next(r) % (uint64_t)KINDS[k].n_cols);
  int64_t was = get(d, row, col), delta = range(r, 1, 3);
  int64_t now = was >= delta && chance(r, 0.5) ? was - delta : was + delta;
  put(d, row, col, now, 0);
  m->row = row;
  m->col = col;
  xxgk_dict_key(row, col, m->key, sizeof m->key);
  m->was = was;
  m->now = now;
  m->rules = KINDS[k].rules;
}

xxgk_doc *synth_doc(const synth_opts *o, uint64_t index, synth_mutation *m) {
  rng r = {o->seed * 0x9E3779B97F4A7C15ull ^ (index + 1) * 0xD1B54A32D192ED03ull};
  next(&r);
  xxgk_format f = o->format;
  if (f != XXGK_FORMAT_2019 && f != XXGK_FORMAT_2021)
    f = chance(&r, 0.25) ? XXGK_FORMAT_2019 : XXGK_FORMAT_2021;
  int year = f == XXGK_FORMAT_2019 ? (int)range(&r, 2019, 2020)
                                   : (int)range(&r, 2021, 2025);
  char agency[256], title[320];
  snprintf(agency, sizeof agency, "%s%s%s", PICK(&r, PLACES),
           PICK(&r, DISTRICTS), PICK(&r, DEPTS));
  snprintf(title, sizeof title, "%s%d年%s政府信息公开工作年度报告", agency,
           year, chance(&r, 0.3) ? "度" : "");
  /* Agency size: expected applications a year, log-uniform 1 … 5000. */
  double size = exp(unit(&r) * log(5000.0));

  xxgk_doc *d = xxgk_doc_new(f);
  xxgk_doc_set_year(d, year);
  xxgk_doc_set_agency(d, agency);
  xxgk_doc_set_title(d, title);
  table_active(&r, d, size);
  table_applications(&r, d, size);
  table_reviews(&r, d, size);
  fees(&r, d);
  overview(&r, d, agency, year);
  xxgk_doc_set_section(d, XXGK_SEC_PROBLEMS, PICK(&r, PROBLEMS_TEXT));

  memset(m, 0, sizeof *m);
  m->row = -1;
  m->rules = "";
  if (unit(&r) * 100 < o->bad_percent)
    mutate(&r, d, m);
  return d;
}
