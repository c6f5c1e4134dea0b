/*
 * test_quality.c — the quality score: each mutation of a sound report loses
 * exactly the point it should and no other (a removed heading, a heading in
 * other words, an inconsistent cell, a boilerplate part 五, a part 六 that
 * says nothing of the 信息处理费, the wrong format for the year); the
 * deadline of 条例 art. 49 for departments and governments, and a late
 * report; Y1 against last year; what cannot be judged is unknown, not
 * lost (no date, the checker not run, JSON input).
 */
#include "docutil.h"
#include "harness.h"
#include "xxgk_quality.h"

static char *sample_text(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  size_t n;
  char *t = read_file(path, &n);
  CHECK(t != NULL, "read %s", path);
  return t;
}

/* Parses text, checks it (unless `raw`) and scores it. */
static xxgk_doc *scored(const char *text, const xxgk_quality_ctx *ctx, int raw,
                        xxgk_quality *q) {
  xxgk_doc *d = NULL;
  xxgk_parse(text, strlen(text), &d);
  if (!raw)
    xxgk_check(d);
  CHECK_INT(xxgk_quality_score(d, ctx, q), XXGK_OK);
  return d;
}

/* text with the first `from` replaced by `to`; the caller frees. */
static char *replace(const char *text, const char *from, const char *to) {
  const char *at = strstr(text, from);
  CHECK(at != NULL, "“%s” in the sample", from);
  if (!at)
    return strdup(text);
  size_t a = (size_t)(at - text), nf = strlen(from), nt = strlen(to);
  char *out = malloc(strlen(text) - nf + nt + 1);
  memcpy(out, text, a);
  memcpy(out + a, to, nt);
  strcpy(out + a + nt, at + nf);
  return out;
}

static const xxgk_quality_point *point(const xxgk_quality *q, const char *key) {
  for (int i = 0; i < XXGK_QUALITY_POINTS; i++)
    if (strcmp(q->points[i].key, key) == 0)
      return &q->points[i];
  CHECK(0, "no point %s", key);
  return &q->points[0];
}

/* Every point but `a` and `b` (NULL: none) is as in `base`; returns the
 * number of points that differ. */
static int only(const xxgk_quality *base, const xxgk_quality *q, const char *a,
                const char *b) {
  int changed = 0;
  for (int i = 0; i < XXGK_QUALITY_POINTS; i++) {
    const xxgk_quality_point *x = &base->points[i], *y = &q->points[i];
    int differs = x->state != y->state || x->got != y->got;
    int expected =
        (a && strcmp(x->key, a) == 0) || (b && strcmp(x->key, b) == 0);
    changed += differs;
    CHECK(differs == expected, "%s: %s %d → %s %d (%s)", x->key,
          xxgk_point_state_name(x->state), x->got,
          xxgk_point_state_name(y->state), y->got, y->why);
  }
  return changed;
}

static void test_mutations(const char *dir) {
  char *text = sample_text(dir, "tianjin-nankai-2023.txt");
  xxgk_quality base, q;
  xxgk_doc *d = scored(text, NULL, 0, &base);
  CHECK_INT(point(&base, "parts")->state, XXGK_POINT_MET);
  CHECK_INT(point(&base, "A1")->state, XXGK_POINT_MET);
  CHECK_INT(point(&base, "problems")->state, XXGK_POINT_MET);
  CHECK_INT(point(&base, "fees")->state, XXGK_POINT_MET);
  CHECK_INT(point(&base, "on_time")->state, XXGK_POINT_UNKNOWN);
  CHECK_INT(base.judged, 80); /* no date, no last year */
  xxgk_doc_free(d);

  /* A removed heading: two points of `parts`, and nothing else. */
  char *m = replace(text, "二、主动公开政府信息情况", "");
  xxgk_doc_free(scored(m, NULL, 0, &q));
  CHECK_INT(only(&base, &q, "parts", NULL), 1);
  CHECK_INT(point(&q, "parts")->got, 10);
  CHECK(strstr(point(&q, "parts")->why, "缺少“二、主动公开政府信息情况”") !=
            NULL,
        "%s", point(&q, "parts")->why);
  free(m);

  /* A heading in other words: one point. */
  m = replace(text, "一、总体情况", "一、概述");
  xxgk_doc_free(scored(m, NULL, 0, &q));
  CHECK_INT(only(&base, &q, "parts", NULL), 1);
  CHECK_INT(point(&q, "parts")->got, 11);
  free(m);

  /* An inconsistent cell: one more granted to natural persons breaks A2
   * (the column's sum) and A3 (the row's), nothing else. */
  d = NULL;
  xxgk_parse(text, strlen(text), &d);
  int row, col;
  xxgk_dict_find_key("applications.granted.natural_person", XXGK_FORMAT_2021,
                     &row, &col);
  xxgk_cell c = *xxgk_doc_cell(d, row, col);
  c.num.mant++;
  xxgk_doc_set_cell(d, row, col, &c);
  xxgk_check(d);
  xxgk_quality_score(d, NULL, &q);
  CHECK_INT(only(&base, &q, "A2", "A3"), 2);
  CHECK_INT(point(&q, "A2")->state, XXGK_POINT_LOST);
  CHECK(strstr(point(&q, "A3")->why, "1处不符") != NULL, "%s",
        point(&q, "A3")->why);
  CHECK(q.score < base.score, "the score falls");
  xxgk_doc_free(d);

  /* A boilerplate part 五: the template sentences of any organ. */
  d = scored(text, NULL, 0, &q);
  const char *five = xxgk_doc_section(d, XXGK_SEC_PROBLEMS);
  char *part5 = strdup(five ? five : "");
  xxgk_doc_free(d);
  m = replace(
      text, part5,
      "我单位政府信息公开工作虽然取得了一定成效，但仍存在一些不足。"
      "下一步，我们将进一步加强政府信息公开工作，不断提高政务公开水平。");
  xxgk_doc_free(scored(m, NULL, 0, &q));
  CHECK_INT(only(&base, &q, "problems", NULL), 1);
  CHECK_INT(point(&q, "problems")->state, XXGK_POINT_LOST);
  CHECK(strstr(point(&q, "problems")->why, "套话") != NULL, "%s",
        point(&q, "problems")->why);
  free(m);
  /* Problems named, measures only in stock phrases: half. */
  m = replace(text, part5,
              "一是政策解读形式单一，图解、视频解读仅占12%。"
              "下一步，我们将进一步加强政府信息公开工作。");
  xxgk_doc_free(scored(m, NULL, 0, &q));
  CHECK_INT(point(&q, "problems")->state, XXGK_POINT_PARTIAL);
  CHECK_INT(point(&q, "problems")->got, 5);
  free(m);
  free(part5);

  /* Part 六 silent on the 信息处理费. */
  d = scored(text, NULL, 0, &q);
  char *six = strdup(xxgk_doc_section(d, XXGK_SEC_OTHER));
  xxgk_doc_free(d);
  m = replace(text, six, "本机关无其他需要报告的事项。");
  xxgk_doc_free(scored(m, NULL, 0, &q));
  CHECK_INT(only(&base, &q, "fees", NULL), 1);
  CHECK_INT(point(&q, "fees")->state, XXGK_POINT_LOST);
  free(m);
  free(six);

  /* The checker not run: the rules are unknown, not lost. */
  xxgk_doc_free(scored(text, NULL, 1, &q));
  CHECK_INT(point(&q, "A1")->state, XXGK_POINT_UNKNOWN);
  CHECK_INT(point(&q, "N1")->state, XXGK_POINT_UNKNOWN);
  CHECK(q.judged < base.judged, "fewer points judged");
  free(text);
}

static void test_deadline(const char *dir) {
  char *text = sample_text(dir, "tianjin-nankai-2023.txt");
  xxgk_quality q;
  /* 天津市南开区政府 is a government: 31 March (art. 49 ¶2). */
  xxgk_quality_ctx ctx = {.published = "2024-03-31"};
  xxgk_doc_free(scored(text, &ctx, 0, &q));
  CHECK_INT(point(&q, "on_time")->state, XXGK_POINT_MET);
  CHECK(strstr(point(&q, "on_time")->why, "据名称推断") != NULL, "%s",
        point(&q, "on_time")->why);
  ctx.published = "2024-04-01";
  xxgk_doc_free(scored(text, &ctx, 0, &q));
  CHECK_INT(point(&q, "on_time")->state, XXGK_POINT_LOST);
  CHECK(strstr(point(&q, "on_time")->why, "2024-03-31") != NULL, "%s",
        point(&q, "on_time")->why);
  /* As a department: 31 January (art. 49 ¶1). */
  ctx = (xxgk_quality_ctx){"2024-02-01", XXGK_ORGAN_DEPARTMENT};
  xxgk_doc_free(scored(text, &ctx, 0, &q));
  CHECK_INT(point(&q, "on_time")->state, XXGK_POINT_LOST);
  ctx.published = "2024-01-31";
  xxgk_doc_free(scored(text, &ctx, 0, &q));
  CHECK_INT(point(&q, "on_time")->state, XXGK_POINT_MET);
  CHECK_INT(q.judged, 95);
  /* Before the year ended: a date to check, not a judgment. */
  ctx.published = "2023-06-01";
  xxgk_doc_free(scored(text, &ctx, 0, &q));
  CHECK_INT(point(&q, "on_time")->state, XXGK_POINT_UNKNOWN);
  ctx.published = "2024-02-30";
  xxgk_doc *d = NULL;
  xxgk_parse(text, strlen(text), &d);
  CHECK_INT(xxgk_quality_score(d, &ctx, &q), XXGK_E_USAGE);
  xxgk_doc_free(d);
  free(text);
}

static void test_years_and_format(const char *dir) {
  char *text = sample_text(dir, "tianjin-nankai-2023.txt");
  xxgk_quality q;
  /* Last year's report: itself a year earlier, carrying forward what this
   * year carried over (15 natural persons) or one fewer. */
  for (int broken = 0; broken < 2; broken++) {
    xxgk_doc *prev = NULL, *d = NULL;
    xxgk_parse(text, strlen(text), &prev);
    xxgk_doc_set_year(prev, 2022);
    int fwd, col;
    xxgk_dict_find_key("applications.carried_forward.natural_person",
                       XXGK_FORMAT_2021, &fwd, &col);
    for (int k = 0; k < 7; k++) {
      int64_t v = k == 0 || k == 6 ? 15 : 0;
      xxgk_cell c = {{k == 0 ? v - broken : v, 0}, XXGK_CELL_VALUE, 0, 0};
      xxgk_doc_set_cell(prev, fwd, k, &c);
    }
    xxgk_parse(text, strlen(text), &d);
    xxgk_check(d);
    xxgk_check_years(prev, d);
    CHECK_INT(xxgk_quality_score(d, NULL, &q), XXGK_OK);
    CHECK_INT(point(&q, "Y1")->state,
              broken ? XXGK_POINT_LOST : XXGK_POINT_MET);
    xxgk_doc_free(prev);
    xxgk_doc_free(d);
  }
  /* The 2021 format printed for a 2020 report. */
  xxgk_doc *d = NULL;
  xxgk_parse(text, strlen(text), &d);
  xxgk_doc_set_year(d, 2020);
  xxgk_check(d);
  xxgk_quality_score(d, NULL, &q);
  CHECK_INT(point(&q, "format_year")->state, XXGK_POINT_LOST);
  CHECK_INT(point(&q, "fees")->state, XXGK_POINT_NA); /* before 2021 */
  /* Read back from JSON: no headings to see. */
  char *json = xxgk_render(d, XXGK_OUT_JSON);
  xxgk_doc *j = NULL;
  xxgk_doc_from_json(json, strlen(json), &j);
  xxgk_check(j);
  xxgk_quality_score(j, NULL, &q);
  CHECK_INT(point(&q, "parts")->state, XXGK_POINT_UNKNOWN);
  CHECK_INT(point(&q, "A1")->state, XXGK_POINT_MET);
  char *out = xxgk_quality_json(&q);
  CHECK(strstr(out, "\"key\": \"parts\"") != NULL, "JSON names the points");
  xxgk_free(out);
  xxgk_free(json);
  xxgk_doc_free(j);
  xxgk_doc_free(d);
  free(text);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "tests/data";
  test_mutations(dir);
  test_deadline(dir);
  test_years_and_format(dir);
  return h_summary();
}
