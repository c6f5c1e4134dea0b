/*
 * test_cases.c — reports that stray from the official outline or print
 * cells oddly, made by editing a generated rendition of a real report: each
 * case asserts what is read, and the exact diagnostic that says so.
 */
#include "docutil.h"
#include "gen.h"
#include "harness.h"

/* Replaces the first occurrence of `from` in text (malloc'd) by `to`. */
static char *replace(char *text, const char *from, const char *to) {
  int found;
  text = text_replace(text, from, to, &found);
  CHECK(found, "no \"%s\" in the text", from);
  return text;
}

static xxgk_doc *parse_text(const char *text, xxgk_status *st) {
  xxgk_doc *d;
  *st = xxgk_parse(text, strlen(text), &d);
  return d;
}

static char *rendition(const char *dir, const char *name, gen_rendition r) {
  xxgk_doc *d = load_expected(dir, name);
  size_t n;
  char *t = gen_report(d, r, &n);
  xxgk_doc_free(d);
  return t;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "tests/data";
  xxgk_status st;

  /* A 2019-format report whose （六）其他处理 has the 2021 sub-rows. */
  char *t = rendition(dir, "tianjin-jinghai-office-2019", GEN_TSV);
  t = replace(t, "（六）其他处理\t0\t0\t0\t0\t0\t0\t0",
              "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其"
              "政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n\t2.申请人逾期未按收费通知"
              "要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0"
              "\t0\n\t3.其他\t0\t0\t0\t0\t0\t0\t0");
  /* Each table is read in the layout it is printed in: every printed row
   * kept, the report's own (六) row null, and a warning. */
  xxgk_doc *d = parse_text(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_INT(xxgk_doc_format(d), XXGK_FORMAT_2019);
  CHECK_INT(xxgk_doc_table_format(d, XXGK_T_APPLICATIONS), XXGK_FORMAT_ANY);
  CHECK(doc_has_diag(d, XXGK_SEV_WARNING, "表三“（六）其他处理”却按2021年格式印制"),
        "mixed 2019/2021 reported");
  CHECK_STR(doc_value(d, "applications.other.total"), "null");
  CHECK_STR(doc_value(d, "applications.other_other.total"), "0");
  CHECK_INT(doc_how(d, "applications.other_other.total"), XXGK_HOW_FORMAT_MIXED);
  CHECK_INT(doc_how(d, "applications.granted.total"), XXGK_HOW_PLAIN);
  CHECK_STR(doc_value(d, "applications.granted.natural_person"), "1");
  CHECK_INT(xxgk_check(d), 0);
  xxgk_doc_free(d);
  free(t);

  /* The reverse: a 2021 report with one （六）其他处理 row. */
  t = rendition(dir, "tianjin-nankai-2023", GEN_TSV);
  t = replace(t, "（六）其他处理\t1.申请人无正当理由", "X\t1.申请人无正当理由");
  char *a = strstr(t, "X\t1.申请人无正当理由");
  char *b = a ? strstr(a, "（七）总计") : NULL;
  CHECK(a && b, "generated TSV has the （六） rows");
  if (a && b) {
    char *head = strndup(t, (size_t)(a - t));
    size_t n = strlen(head) + strlen(b) + 64;
    char *u = malloc(n);
    snprintf(u, n, "%s（六）其他处理\t75\t1\t0\t0\t0\t0\t76\n%s", head, b);
    free(head);
    free(t);
    t = u;
  }
  d = parse_text(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_INT(xxgk_doc_format(d), XXGK_FORMAT_2021);
  CHECK(doc_has_diag(d, XXGK_SEV_WARNING, "表三“（六）其他处理”却按2019年格式印制"),
        "mixed 2021/2019 reported");
  CHECK_STR(doc_value(d, "applications.other_other.total"), "null");
  CHECK_STR(doc_value(d, "applications.other.total"), "76");
  CHECK_INT(doc_how(d, "applications.other.natural_person"),
            XXGK_HOW_FORMAT_MIXED);
  CHECK_INT(xxgk_check(d), 0);
  /* The JSON says so, and reads back the same. */
  char *json = xxgk_render(d, XXGK_OUT_JSON);
  CHECK(strstr(json, "\"other\": {\n      \"natural_person\": 75") != NULL,
        "applications.other in the JSON");
  CHECK(strstr(json, "{\"key\": \"applications.other.total\", \"how\": "
                     "\"format-mixed\"") != NULL,
        "applications.other inferred");
  xxgk_doc *back;
  CHECK_INT(xxgk_doc_from_json(json, strlen(json), &back), XXGK_OK);
  char *again = xxgk_render(back, XXGK_OUT_JSON);
  CHECK_STR(again, json);
  xxgk_free(again);
  xxgk_free(json);
  xxgk_doc_free(back);
  xxgk_doc_free(d);
  free(t);

  /* A note inside a numeric cell, a unit in a money cell, thousands. */
  t = rendition(dir, "tianjin-nankai-2023", GEN_TSV);
  t = replace(t, "\t305\t", "\t305（含自然失效29件）\t");
  t = replace(t, "\t9872.3034", "\t98723034元");
  t = replace(t, "\t93773", "\t93,773");
  d = parse_text(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(doc_value(d, "applications.unable_not_held.natural_person"), "305");
  CHECK(doc_has_diag(d, XXGK_SEV_NOTICE, "数字后的说明“(含自然失效29件)”不计入数值"),
        "note reported");
  CHECK_STR(doc_value(d, "active.fees.amount"), "9872.3034");
  CHECK(doc_has_diag(d, XXGK_SEV_NOTICE, "印为98723034元，按万元计为9872.3034"),
        "unit conversion reported");
  CHECK_STR(doc_value(d, "active.licensing.decisions"), "93773");
  CHECK_INT(xxgk_check(d), 0);
  xxgk_doc_free(d);
  free(t);

  /* A group label fused with its first row label by a single space (as
   * pdftotext -layout prints narrow columns), and a breadcrumb above the
   * title. */
  t = rendition(dir, "tianjin-nankai-2023", GEN_TSV);
  t = replace(t, "三、本年度办理结果\t（一）予以公开", "三、本年度办理结果 （一）予以公开");
  t = replace(t, "（三）不予公开\t1.属于国家秘密", "（三）不予公开 1.属于国家秘密");
  t = replace(t, "天津市南开区政府2023年度", "首页 > 政府信息公开年报\n天津市南开区政府2023年度");
  d = parse_text(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(doc_value(d, "applications.granted.total"), "467");
  CHECK_STR(doc_value(d, "applications.withheld_state_secret.total"), "3");
  CHECK_STR(xxgk_doc_title(d), "天津市南开区政府2023年度政府信息公开工作年度报告");
  xxgk_doc_free(d);
  free(t);

  /* Missing headings, and table 4 printed under part 五's heading. */
  xxgk_doc *want = load_expected(dir, "chongqing-nanan-2023");
  size_t n;
  t = gen_report(want, GEN_CELLS, &n);
  t = replace(t, "二、主动公开政府信息情况\n", "");
  t = replace(t, "三、收到和处理政府信息公开申请情况\n", "");
  t = replace(t, "四、政府信息公开行政复议、行政诉讼情况\n",
              "五、存在的主要问题及改进情况\n");
  d = parse_text(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_INT(doc_diff(want, d, "headings missing"), 0);
  xxgk_doc_free(d);
  free(t);

  /* Blank cells: "—" and "/" inside a filled table are 0, with a notice. */
  t = gen_report(want, GEN_TSV, &n);
  t = replace(t, "规章\t0\t0\t0", "规章\t—\t/\t无");
  d = parse_text(t, &st);
  CHECK_INT(st, XXGK_OK);
  CHECK_STR(doc_value(d, "active.rules.repealed"), "0");
  CHECK(doc_has_diag(d, XXGK_SEV_NOTICE, "“规章”一行有3格印为空白或“—”，按0计"),
        "blank cells reported");
  xxgk_doc_free(d);
  free(t);

  /* A row with a number missing is an error naming the row and its line;
   * its cells stay null, the rest is read. */
  t = gen_report(want, GEN_TSV, &n);
  t = replace(t, "\t225\t9\t0\t1\t0\t0\t235", "\t225\t9\t0\t1\t0\t235");
  d = parse_text(t, &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE);
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "“一、本年新收政府信息公开申请数量”一行应有7个"
                                    "数字"),
        "short row reported");
  CHECK_STR(doc_value(d, "applications.received.total"), "null");
  CHECK_STR(doc_value(d, "applications.carried_over.total"), "4");
  xxgk_doc_free(d);
  free(t);

  /* A row printed twice: the first is kept, the second named. */
  t = gen_report(want, GEN_TSV, &n);
  t = replace(t, "行政强制\t14684", "行政强制\t14684\n行政强制\t99");
  d = parse_text(t, &st);
  CHECK_INT(st, XXGK_E_INCOMPLETE);
  CHECK(doc_has_diag(d, XXGK_SEV_ERROR, "“行政强制”一行出现两次"), "duplicate row");
  CHECK_STR(doc_value(d, "active.coercion.decisions"), "14684");
  xxgk_doc_free(d);
  free(t);
  xxgk_doc_free(want);
  return h_summary();
}
