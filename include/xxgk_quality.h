/*
 * xxgk_quality.h — the quality score of an annual report, as oversight
 * offices and third-party assessors grade published reports: on time, in
 * the official format, consistent, its narrative agreeing with its tables,
 * complete. Every point is explained in one Chinese sentence and traces to
 * a rule (条例 art. 49 and 50, the formats of 国办公开办函〔2019〕60号 and
 * 〔2021〕30号, the checker's rules A1–A3, R1, V1, N1, Y1, the 信息处理费
 * of 国办函〔2020〕109号). docs/quality.md gives the weights and why.
 *
 *     xxgk_read(bytes, n, &doc);
 *     xxgk_check(doc);                     // the tables' rules
 *     xxgk_check_years(last_year, doc);    // Y1, when last year is known
 *     xxgk_quality q;
 *     xxgk_quality_ctx ctx = {.published = "2024-01-26"};
 *     xxgk_quality_score(doc, &ctx, &q);
 *     printf("%d\n", q.score);             // 0–100, or -1
 *
 * A point that cannot be judged (no publication date, the checker not run,
 * no figure in the narrative to compare) is XXGK_POINT_UNKNOWN and says
 * why; it is neither lost nor counted: the score is the points got of the
 * points judged. A point that does not apply (the 信息处理费 before 2021)
 * is XXGK_POINT_NA. Scoring reads the document once and allocates nothing.
 */
#ifndef XXGK_QUALITY_H
#define XXGK_QUALITY_H

#include "xxgk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The organ, for its statutory deadline (条例 art. 49). */
typedef enum {
  XXGK_ORGAN_UNKNOWN = 0, /* read from the agency's name when it says  */
  XXGK_ORGAN_GOVERNMENT, /* 县级以上地方人民政府: by 31 March         */
  XXGK_ORGAN_DEPARTMENT /* 县级以上人民政府部门: by 31 January        */
} xxgk_organ;

typedef struct {
  const char *published; /* "YYYY-MM-DD" the report was published, or NULL */
  xxgk_organ organ;
} xxgk_quality_ctx;

typedef enum {
  XXGK_POINT_MET = 0, /* every point                                  */
  XXGK_POINT_PARTIAL, /* some                                         */
  XXGK_POINT_LOST,    /* none                                         */
  XXGK_POINT_UNKNOWN, /* cannot be judged: `why` says what is missing */
  XXGK_POINT_NA       /* does not apply to this report                */
} xxgk_point_state;

typedef struct {
  const char *key;   /* "on_time", "parts", …, "A1", …, "problems"     */
  const char *group; /* "timely" "format" "consistent" "narrative"
                        "complete"                                    */
  const char *label; /* "按时发布"                                     */
  const char *rule; /* what it traces to: "条例第四十九条", "A1" …     */
  int max, got;
  xxgk_point_state state;
  char why[640]; /* one Chinese sentence a clerk can act on       */
} xxgk_quality_point;

#define XXGK_QUALITY_POINTS 13

typedef struct {
  xxgk_quality_point points[XXGK_QUALITY_POINTS]; /* in a fixed order */
  int got;    /* the points got                                     */
  int judged; /* the points of the judged (not unknown, not n/a) ones */
  int score;  /* got of judged in percent, rounded; -1 if none judged */
} xxgk_quality;

/* Scores d (run xxgk_check first, and xxgk_check_years with last year's
 * report when it is known: what was not run is unknown, not lost).
 * XXGK_E_USAGE if ctx->published is not a date (out is then not set). */
XXGK_EXPORT xxgk_status xxgk_quality_score(const xxgk_doc *d,
                                           const xxgk_quality_ctx *ctx,
                                           xxgk_quality *out);

/* "met", "partial", "lost", "unknown", "n/a". */
XXGK_EXPORT const char *xxgk_point_state_name(xxgk_point_state s);

/* The score as a JSON object (score, got, judged, points: key, group,
 * label, rule, max, got, state, why) or as text, one line per point; the
 * caller frees the string with xxgk_free(). */
XXGK_EXPORT char *xxgk_quality_json(const xxgk_quality *q);
XXGK_EXPORT char *xxgk_quality_text(const xxgk_quality *q);

#ifdef __cplusplus
}
#endif

#endif
