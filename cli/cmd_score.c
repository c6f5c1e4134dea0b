/*
 * cmd_score.c — `xxgk score`: the quality score of reports, each point
 * explained (xxgk_quality.h, docs/quality.md).
 */
#include "cli.h"
#include "xxgk_quality.h"

#include <stdlib.h>
#include <string.h>

#include "cmd_score.h"

/* 1 after saying why, if the file could not be read as a report (a
 * report with cells missing is scored: V1 says so). */
static int unusable(const char *path, const xxgk_doc *d, xxgk_status st) {
  if (st == XXGK_OK || st == XXGK_E_INCOMPLETE)
    return 0;
  fprintf(stderr, "xxgk score: %s: %s\n", path, xxgk_strerror(st));
  cli_print_diags(stderr, d, XXGK_SEV_ERROR);
  return 1;
}

/* One file: read, check, score, print. Returns its exit code. */
static int score_one(const char *path, const xxgk_doc *prev,
                     const xxgk_quality_ctx *ctx, int json, int min,
                     int *below) {
  xxgk_status st;
  xxgk_doc *d = cli_parse_file(path, &st);
  if (unusable(path, d, st)) {
    xxgk_doc_free(d);
    return EXIT_UNREADABLE;
  }
  xxgk_check(d);
  if (prev)
    xxgk_check_years(prev, d);
  xxgk_quality q;
  xxgk_quality_score(d, ctx, &q); /* the date checked by cli_parse */
  *below |= min >= 0 && q.score >= 0 && q.score < min;
  if (json) {
    char *s = xxgk_quality_json(&q);
    fputs("{\"file\": ", stdout);
    cli_json_str(stdout, path);
    cli_json_field(stdout, "agency", xxgk_doc_agency(d));
    printf(", \"year\": %d, \"quality\": ", xxgk_doc_year(d));
    if (json == 2) /* --jsonl: one line */
      for (char *p = s; *p; p++)
        if (*p == '\n')
          *p = ' ';
    fputs(s, stdout);
    xxgk_free(s);
    fputs(json == 2 ? "}\n" : "}", stdout);
  } else {
    printf("%s（%s，%d年度）\n", path,
           xxgk_doc_agency(d) ? xxgk_doc_agency(d) : "机关不明",
           xxgk_doc_year(d));
    cli_put(stdout, xxgk_quality_text(&q));
  }
  xxgk_doc_free(d);
  return EXIT_CONSISTENT;
}

static int run(const struct cli_call *c) {
  const struct args *a = c->args;
  int n_files = c->n_pos;
  if (a->previous && n_files > 1)
    return cli_usage_error(&cli_cmd_score, "--previous 只能与一个报告文件同用");
  xxgk_quality_ctx ctx = {
      .published = a->published,
      .organ = !a->organ                          ? XXGK_ORGAN_UNKNOWN
               : strcmp(a->organ, "government") == 0 ? XXGK_ORGAN_GOVERNMENT
                                                     : XXGK_ORGAN_DEPARTMENT};
  int json = a->jsonl ? 2 : a->json;
  xxgk_doc *prev = NULL;
  if (a->previous) {
    xxgk_status st;
    prev = cli_parse_file(a->previous, &st);
    if (unusable(a->previous, prev, st)) {
      xxgk_doc_free(prev);
      return EXIT_UNREADABLE;
    }
  }
  int below = 0, array = json == 1 && n_files > 1;
  int rc = EXIT_CONSISTENT;
  if (array)
    fputs("[\n", stdout);
  for (int i = 0; i < n_files; i++) {
    if (array && i > 0)
      fputs(",\n", stdout);
    if (score_one(c->pos[i], prev, &ctx, json, a->min, &below) !=
        EXIT_CONSISTENT)
      rc = EXIT_UNREADABLE;
  }
  if (array)
    fputs("\n]\n", stdout);
  else if (json == 1)
    fputs("\n", stdout);
  xxgk_doc_free(prev);
  return rc != EXIT_CONSISTENT ? rc : below ? EXIT_FINDINGS : EXIT_CONSISTENT;
}
