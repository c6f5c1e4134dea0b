/*
 * test_title.c — title, year and agency from where real files keep them:
 * a crawler's field lines ("标题：", "发布机构: "), an HTML <title>, a
 * Markdown heading, the statistics-period sentence when the title has no
 * year; and what is never taken: a narrative sentence, a breadcrumb, the
 * label "标题：", a period that is not one calendar year. Unsure is null.
 * The inputs are made up, in the shapes real files have.
 */
#include "harness.h"
#include "xxgk.h"

#include <string.h>

static const struct {
  const char *name, *in;
  const char *title, *agency; /* NULL: must be null */
  int year;                   /* 0: must be null */
} CASES[] = {
    {"crawler fields, ASCII colons",
     "标题: 某某县教育局2023年政府信息公开工作年度报告\n"
     "发布机构: 某某县教育局\n发布日期: 2024-01-20\n\n一、总体情况\n",
     "某某县教育局2023年政府信息公开工作年度报告", "某某县教育局", 2023},
    {"crawler fields, full-width colons, two on a line",
     "标题：2023年政府信息公开工作年度报告\n"
     "发布机构：某某市财政局　发布日期：2024-01-15\n一、总体情况\n",
     "2023年政府信息公开工作年度报告", "某某市财政局", 2023},
    {"the title's agency, not the publisher's",
     "标题：某某区人民政府2023年政府信息公开工作年度报告\n"
     "发布机构：某某区政务服务办公室\n一、总体情况\n",
     "某某区人民政府2023年政府信息公开工作年度报告", "某某区人民政府", 2023},
    {"HTML <title> with the site's name",
     "<html><head><title>某某区2022年政府信息公开工作年度报告_某某区人民政府"
     "</title></head><body><p>一、总体情况</p><p>本年度……</p></body></html>",
     "某某区2022年政府信息公开工作年度报告", "某某区", 2022},
    {"HTML <title> after a printed title: the printed one",
     "<html><head><title>年度报告 - 某某网</title></head><body>"
     "<h1>某某市某某局2023年政府信息公开工作年度报告</h1>"
     "<p>一、总体情况</p></body></html>",
     "某某市某某局2023年政府信息公开工作年度报告", "某某市某某局", 2023},
    {"a title wrapped over two lines mid-word, as a PDF's page text has it",
     "首页 > 信息公开 > 信息公开年报\n\n\n"
     "某某市某某区统计局 2019 年政府信息公开工\n作年度报告\n一、总体情况\n",
     "某某市某某区统计局 2019 年政府信息公开工作年度报告", "某某市某某区统计局",
     2019},
    {"a sentence and the line after it are not a wrapped title",
     "根据《条例》规定，现公布某某局2023年政府信息公开工\n作年度报告\n"
     "一、总体情况\n",
     NULL, NULL, 0},
    {"a title that starts with its year: the agency after it",
     "2022年某市政府信息公开工作年度报告\n一、总体情况\n",
     "2022年某市政府信息公开工作年度报告", "某市", 2022},
    {"a statistics period whose end names no year: the same year",
     "根据《条例》要求，特向社会公布某局2024年政府信息公开情况。本报告中所列"
     "数据的统计期限为2024年1月1日至12月31日。\n一、总体情况\n",
     NULL, NULL, 2024},
    {"… but not a half year",
     "本报告中所列数据的统计期限为2024年1月1日至6月30日。\n一、总体情况\n",
     NULL, NULL, 0},
    {"HTML <title> naming no report",
     "<html><head><title>某某区人民政府门户网站</title></head><body>"
     "<p>一、总体情况</p></body></html>",
     NULL, NULL, 0},
    {"Markdown heading in bold",
     "# **某某镇人民政府2023年政府信息公开工作年度报告**\n\n## 一、总体情况\n",
     "某某镇人民政府2023年政府信息公开工作年度报告", "某某镇人民政府", 2023},
    {"a title without its year, the statistics period before part one",
     "某某局政府信息公开工作年度报告\n"
     "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
     "一、总体情况\n",
     "某某局政府信息公开工作年度报告", "某某局", 2023},
    {"the statistics period inside part one",
     "某某局政府信息公开工作年度报告\n一、总体情况\n"
     "统计期限自2024年1月1日起至2024年12月31日止，本机关……\n",
     "某某局政府信息公开工作年度报告", "某某局", 2024},
    {"a period that is not a calendar year",
     "某某局政府信息公开工作年度报告\n"
     "统计期限自2023年7月1日起至2024年6月30日止。\n一、总体情况\n",
     "某某局政府信息公开工作年度报告", "某某局", 0},
    {"the title's year, not a differing period's",
     "某某局2023年政府信息公开工作年度报告\n"
     "统计期限自2022年1月1日起至2022年12月31日止。\n一、总体情况\n",
     "某某局2023年政府信息公开工作年度报告", "某某局", 2023},
    {"a narrative sentence is no title",
     "根据《中华人民共和国政府信息公开条例》规定，编制本机关2023年度政府"
     "信息公开工作年度报告。\n一、总体情况\n",
     NULL, NULL, 0},
    {"a narrative sentence, then the title",
     "根据《条例》要求编制2023年政府信息公开工作年度报告\n"
     "某某局2023年政府信息公开工作年度报告\n一、总体情况\n",
     "某某局2023年政府信息公开工作年度报告", "某某局", 2023},
    {"a breadcrumb is no title",
     "首页 > 政务公开 > 政府信息公开年报\n一、总体情况\n", NULL, NULL, 0},
    {"a yearless title dated before its name: no agency",
     "某某局年度政府信息公开工作年度报告\n一、总体情况\n",
     "某某局年度政府信息公开工作年度报告", NULL, 0},
};

static int same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int main(void) {
  for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
    xxgk_doc *d;
    xxgk_read(CASES[i].in, strlen(CASES[i].in), &d);
    const char *t = xxgk_doc_title(d), *a = xxgk_doc_agency(d);
    CHECK(same(t, CASES[i].title), "%s: title \"%s\", want \"%s\"",
          CASES[i].name, t ? t : "null",
          CASES[i].title ? CASES[i].title : "null");
    CHECK(same(a, CASES[i].agency), "%s: agency \"%s\", want \"%s\"",
          CASES[i].name, a ? a : "null",
          CASES[i].agency ? CASES[i].agency : "null");
    CHECK(xxgk_doc_year(d) == CASES[i].year, "%s: year %d, want %d",
          CASES[i].name, xxgk_doc_year(d), CASES[i].year);
    xxgk_doc_free(d);
  }
  return h_summary();
}
