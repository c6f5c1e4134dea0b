/*
 * cmd_stats.c — `xxgk stats`: the corpus in figures, by year, province and
 * agency kind, as JSON, CSV or an Excel workbook, and as SVG charts.
 */
#include "corpus_cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd_stats.h"

/* A report of the ranking (--by quality) as JSON or CSV, as it comes. */
static int rank_row(void *ctx, const xxgk_corpus_rank *r) {
  corpus_list *l = ctx;
  if (l->json)
    xxgk_corpus_rank_json(&l->b, r, l->n++);
  else
    xxgk_corpus_rank_csv(&l->b, r, l->n++);
  cli_flush(stdout, &l->b);
  return 0;
}

static int charts(xxgk_corpus *c, const corpus_opts *o) {
  if (mkdir(o->svg, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "xxgk stats: 无法创建目录 %s\n", o->svg);
    return EXIT_UNREADABLE;
  }
  char *svg[XXGK_CORPUS_CHARTS];
  if (xxgk_corpus_charts(c, &o->filter, svg) != XXGK_OK)
    return cli_corpus_fail(c, "stats");
  int rc = EXIT_CONSISTENT;
  for (int i = 0; i < XXGK_CORPUS_CHARTS; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.svg", o->svg, xxgk_corpus_chart_name(i));
    FILE *f = fopen(path, "w");
    int ok = f && fputs(svg[i], f) >= 0;
    if (f && fclose(f) != 0)
      ok = 0;
    if (!ok) {
      fprintf(stderr, "xxgk stats: 无法写 %s\n", path);
      rc = EXIT_UNREADABLE;
    }
    xxgk_free(svg[i]);
  }
  return rc;
}

static const char *format_of(const corpus_opts *o) {
  return o->format ? o->format : "json";
}

static int check(struct cli_call *c) {
  const corpus_opts *o = c->args;
  if (strcmp(format_of(o), "xlsx") == 0 && !o->out)
    return cli_usage_error(&cli_cmd_stats, "--format xlsx 需要 -o FILE.xlsx");
  return -1;
}

static int run(const struct cli_call *call) {
  const corpus_opts *o = call->args;
  xxgk_corpus *c = call->corpus;
  const char *format = format_of(o);
  if (o->by && strcmp(o->by, "quality") == 0 && !o->svg &&
      strcmp(format, "xlsx") != 0) {
    corpus_list l = {.json = strcmp(format, "json") == 0, .b = XXGK_BUF_INIT};
    return corpus_list_end(&l, c,
                           xxgk_corpus_ranking(c, &o->filter, rank_row, &l),
                           "stats") == XXGK_OK
               ? EXIT_CONSISTENT
               : EXIT_UNREADABLE;
  }
  if (o->svg)
    return charts(c, o);
  if (strcmp(format, "xlsx") == 0) {
    return xxgk_corpus_xlsx(c, &o->filter, o->out) == XXGK_OK
               ? EXIT_CONSISTENT
               : cli_corpus_fail(c, "stats");
  }
  xxgk_corpus_groups *g;
  if (xxgk_corpus_stats(c, &o->filter, o->by ? o->by : "year", &g) != XXGK_OK)
    return cli_corpus_fail(c, "stats");
  xxgk_buf b = XXGK_BUF_INIT;
  if (strcmp(format, "json") == 0)
    xxgk_corpus_groups_json(&b, g);
  else
    xxgk_corpus_groups_csv(&b, g);
  cli_flush(stdout, &b);
  xxgk_buf_free(&b);
  xxgk_corpus_groups_free(g);
  return EXIT_CONSISTENT;
}
