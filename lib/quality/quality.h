/*
 * quality.h — the quality score's parts: quality.c judges the points,
 * problems.c reads part 五 for concrete problems and measures, out.c writes
 * a score as JSON or text.
 */
#ifndef XXGK_QUALITY_INTERNAL_H
#define XXGK_QUALITY_INTERNAL_H

#include "internal.h"
#include "xxgk_quality.h"

#define EXAMPLE_MAX 160 /* bytes of a sentence quoted as an example */

/* What part 五 (存在的主要问题及改进情况) says, sentence by sentence. */
typedef struct {
  int sentences;   /* split at 。；！？：                            */
  int concrete;    /* a figure, a 《title》, or 12 characters (6 after
                      一是…, （一）…) beside the stock phrases          */
  int boilerplate; /* stock phrases and nothing concrete             */
  int problems;    /* concrete sentences that name a problem          */
  int measures;    /* concrete sentences that name a measure          */
  char problem[EXAMPLE_MAX], measure[EXAMPLE_MAX], stock[EXAMPLE_MAX];
} problems_stats;

void quality_problems(const char *text, problems_stats *out);

/* Copies at most cap - 1 bytes of s[0..n) into out, cut at a character
 * boundary, NUL-terminated. */
void quality_copy(char *out, size_t cap, const char *s, size_t n);

/* 1 if a point in this state counts in the score. */
int quality_judged(xxgk_point_state s);
/* got of judged in percent, rounded half up; -1 if judged is 0. */
int quality_percent(int got, int judged);

/* Every point unknown with no reason yet: a score to fill. */
void quality_init(xxgk_quality *q);
/* Sums the judged points into got, judged and score. */
void quality_total(xxgk_quality *q);

/* Judges q's Y1 point again from d (after xxgk_check_years), and the
 * totals: the corpus runs the cross-year rules after import. */
void quality_judge_years(const xxgk_doc *d, xxgk_quality *q);

/* xxgk_quality_json, or (stored) as the corpus keeps a score: on one line,
 * each point only by its key, state, points got and reason (the rest is
 * the points' table): about 1.5 kB a report. */
char *quality_json(const xxgk_quality *q, int stored);
/* Reads what quality_json wrote (either form) into q; -1 if json is not
 * a score. */
int quality_from_json(const char *json, xxgk_quality *q);

#endif
