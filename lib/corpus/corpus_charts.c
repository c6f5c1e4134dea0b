/*
 * corpus_charts.c — the corpus's three charts (chart.c draws them): the
 * applications received by year, the distribution of outcomes over all the
 * reports of the filter, and the provinces ranked by the review correction
 * rate. Built from the statistics (xxgk_corpus_stats), so a chart and the
 * table beside it can never disagree. The command writes them to files,
 * the web application inlines them.
 */
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const NAMES[XXGK_CORPUS_CHARTS] = {"trend", "outcomes",
                                                      "regions"};

const char *xxgk_corpus_chart_name(int i) {
  return i >= 0 && i < XXGK_CORPUS_CHARTS ? NAMES[i] : NULL;
}

#define MAX_BARS 256

xxgk_status xxgk_corpus_charts(xxgk_corpus *c, const xxgk_corpus_filter *f,
                               char *svg[XXGK_CORPUS_CHARTS]) {
  for (int i = 0; i < XXGK_CORPUS_CHARTS; i++)
    svg[i] = NULL;
  xxgk_corpus_groups *years;
  xxgk_status st = xxgk_corpus_stats(c, f, "year", &years);
  if (st != XXGK_OK)
    return st;
  size_t n = years->n < MAX_BARS ? years->n : MAX_BARS;
  const char *labels[MAX_BARS];
  char year_labels[MAX_BARS][16];
  double values[MAX_BARS], shares[64] = {0}, handled = 0;
  for (size_t i = 0; i < n; i++) {
    const xxgk_corpus_group *r = &years->groups[i];
    snprintf(year_labels[i], sizeof year_labels[i], "%d", r->year);
    labels[i] = r->year ? year_labels[i] : "年度不明";
    values[i] = (double)r->received;
    handled += (double)r->handled;
    for (int k = 0; k < years->n_outcomes; k++)
      shares[k] += (double)r->outcomes[k];
  }
  svg[0] = xxgk_chart_bars("各年度新收政府信息公开申请数", labels, values,
                           (int)n, 0);
  /* The outcome rows of table 3 (both formats), from the dictionary. */
  char names[64][200];
  const char *out_labels[64];
  for (int k = 0; k < years->n_outcomes; k++) {
    const xxgk_row_def *row = years->outcomes[k];
    snprintf(names[k], sizeof names[k], "%s%s",
             row->subgroup ? row->subgroup : "", row->label);
    out_labels[k] = names[k];
    shares[k] = handled > 0 ? shares[k] / handled : -1;
  }
  svg[1] = xxgk_chart_bars("办理结果分布（占办理总数）", out_labels, shares,
                           years->n_outcomes, XXGK_OPT_CHART_PERCENT);
  xxgk_corpus_groups_free(years);

  xxgk_corpus_groups *provinces;
  st = xxgk_corpus_stats(c, f, "province", &provinces);
  if (st != XXGK_OK)
    return st;
  size_t m = 0;
  for (size_t i = 0; i < provinces->n && m < MAX_BARS; i++) {
    const xxgk_corpus_group *r = &provinces->groups[i];
    labels[m] = r->province && *r->province ? r->province
                                           : "（省份未定）"; /* unnamed, or 重名 */
    values[m++] = r->review_correction_rate; /* -1: no bar */
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
  xxgk_corpus_groups_free(provinces);
  return XXGK_OK;
}
