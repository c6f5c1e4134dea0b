/*
 * corpus_charts.c — the corpus's three charts (chart.c draws them): the
 * applications received by year, the distribution of outcomes over all the
 * reports of the filter, and the provinces ranked by the review correction
 * rate. Built from the statistics (xxgk_corpus_stats), so a chart and the
 * table beside it can never disagree. The command writes them to files,
 * the web application inlines them.
 */
#include "corpus.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const NAMES[XXGK_CORPUS_CHARTS] = {"trend", "outcomes",
                                                      "regions"};

const char *xxgk_corpus_chart_name(int i) {
  return i >= 0 && i < XXGK_CORPUS_CHARTS ? NAMES[i] : NULL;
}

json_object *corpus_member(json_object *o, const char *a, const char *b) {
  json_object *x = NULL, *y = NULL;
  json_object_object_get_ex(o, a, &x);
  if (b && x)
    json_object_object_get_ex(x, b, &y);
  return b ? y : x;
}

static json_object *stats(xxgk_corpus *c, const xxgk_corpus_filter *f,
                          const char *by, xxgk_status *st) {
  char *text = NULL;
  *st = xxgk_corpus_stats(c, f, by, &text);
  json_object *o = text ? json_tokener_parse(text) : NULL;
  xxgk_free(text);
  return o;
}

#define MAX_BARS 256

xxgk_status xxgk_corpus_charts(xxgk_corpus *c, const xxgk_corpus_filter *f,
                               char *svg[XXGK_CORPUS_CHARTS]) {
  for (int i = 0; i < XXGK_CORPUS_CHARTS; i++)
    svg[i] = NULL;
  xxgk_status st;
  json_object *years = stats(c, f, "year", &st);
  if (!years)
    return st;
  /* The outcome rows of table 3 (both formats), from the dictionary. */
  const xxgk_row_def *rows[64];
  int n_rows = xxgk_dict_rows_by_role(XXGK_T_APPLICATIONS, XXGK_ROLE_OUTCOME,
                                      rows, 64);
  size_t n = json_object_array_length(years);
  if (n > MAX_BARS)
    n = MAX_BARS;
  const char *labels[MAX_BARS];
  double values[MAX_BARS], shares[64] = {0}, handled = 0;
  for (size_t i = 0; i < n; i++) {
    json_object *r = json_object_array_get_idx(years, i);
    labels[i] = json_object_get_string(corpus_member(r, "year", NULL));
    values[i] = json_object_get_double(corpus_member(r, "received", NULL));
    handled += json_object_get_double(corpus_member(r, "handled", NULL));
    for (int k = 0; k < n_rows; k++)
      shares[k] +=
          json_object_get_double(corpus_member(r, "outcomes", rows[k]->key));
  }
  svg[0] = xxgk_chart_bars("各年度新收政府信息公开申请数", labels, values,
                           (int)n, 0);
  char names[64][200];
  const char *out_labels[64];
  for (int k = 0; k < n_rows; k++) {
    snprintf(names[k], sizeof names[k], "%s%s",
             rows[k]->subgroup ? rows[k]->subgroup : "", rows[k]->label);
    out_labels[k] = names[k];
    shares[k] = handled > 0 ? shares[k] / handled : -1;
  }
  svg[1] = xxgk_chart_bars("办理结果分布（占办理总数）", out_labels, shares,
                           n_rows, XXGK_OPT_CHART_PERCENT);
  json_object_put(years);

  json_object *provinces = stats(c, f, "province", &st);
  if (!provinces)
    return st;
  n = json_object_array_length(provinces);
  size_t m = 0;
  for (size_t i = 0; i < n && m < MAX_BARS; i++) {
    json_object *r = json_object_array_get_idx(provinces, i);
    json_object *rate = corpus_member(r, "review_correction_rate", NULL);
    const char *p = json_object_get_string(corpus_member(r, "province", NULL));
    labels[m] = p && *p ? p : "（省份未定）"; /* unnamed, or 重名 */
    values[m++] = rate ? json_object_get_double(rate) : -1;
  }
  for (size_t i = 1; i < m; i++) /* rank: highest rate first */
    for (size_t j = i; j > 0 && values[j] > values[j - 1]; j--) {
      double v = values[j];
      values[j] = values[j - 1];
      values[j - 1] = v;
      const char *l = labels[j];
      labels[j] = labels[j - 1];
      labels[j - 1] = l;
    }
  svg[2] = xxgk_chart_bars("各省行政复议纠错率", labels, values, (int)m,
                           XXGK_OPT_CHART_PERCENT);
  json_object_put(provinces);
  return XXGK_OK;
}
