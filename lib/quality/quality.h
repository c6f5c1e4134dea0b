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

#endif
